import { execute, GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, OperationTypeNode, parse } from 'graphql';
import { answerRootQueriesOnce, oncePerExecution } from './once-a-request.js';

/*
 * breaker12f P13: 480 aliases of the public `ledgerHead` ran its resolver (guards, pipes, a signature
 * check) 480 times in one request. Aliases asking a root query field the same are answered once.
 */
describe('root query fields answered once per operation for the same arguments', () => {
  const setUp = () => {
    const calls: string[] = [];
    const nested: string[] = [];
    const Head = new GraphQLObjectType({
      name: 'Head',
      fields: {
        position: { type: GraphQLInt },
        label: {
          type: GraphQLString,
          resolve: (head: { position: number }) => {
            nested.push(String(head.position));
            return `#${head.position}`;
          },
        },
      },
    });
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          head: {
            type: Head,
            args: { at: { type: GraphQLInt, defaultValue: 0 } },
            resolve: (_source, args: { at: number }) => {
              calls.push(`head ${args.at}`);
              return Promise.resolve({ position: args.at });
            },
          },
          refused: {
            type: GraphQLString,
            resolve: () => {
              calls.push('refused');
              return Promise.reject(new Error('不允许'));
            },
          },
        },
      }),
    });
    return { schema: answerRootQueriesOnce(schema), calls, nested };
  };

  it('runs the resolver once for aliases with the same arguments (variables applied, defaults filled), once more for other arguments', async () => {
    const { schema, calls, nested } = setUp();
    const document = parse('query($at: Int) { a: head { position } b: head(at: 0) { label } c: head(at: $at) { position } d: head(at: 1) { position label } }');
    const result = await execute({ schema, document, variableValues: { at: 0 } });
    expect(result).toEqual({ data: { a: { position: 0 }, b: { label: '#0' }, c: { position: 0 }, d: { position: 1, label: '#1' } } });
    expect(calls).toEqual(['head 0', 'head 1']);
    // Fields below the root are resolved for each alias, as before.
    expect(nested).toEqual(['0', '1']);
  });

  it('never shares an answer between two executions, and gives each alias its own refusal', async () => {
    const { schema, calls } = setUp();
    const document = parse('{ a: head { position } }');
    await execute({ schema, document });
    await execute({ schema, document });
    expect(calls).toEqual(['head 0', 'head 0']);

    calls.length = 0;
    const refused = await execute({ schema, document: parse('{ x: refused y: refused }') });
    expect(calls).toEqual(['refused']);
    expect(refused.errors?.map((error) => [error.message, error.path])).toEqual([
      ['不允许', ['x']],
      ['不允许', ['y']],
    ]);
  });

  it('makes a nested field’s costly read once per execution (oncePerExecution), again in the next', () => {
    const first = { variableValues: {} };
    const second = { variableValues: {} };
    let reads = 0;
    const read = () => (reads += 1);
    expect([oncePerExecution(first, 'stream:a', read), oncePerExecution(first, 'stream:a', read), oncePerExecution(first, 'stream:b', read)]).toEqual([1, 1, 2]);
    expect(oncePerExecution(second, 'stream:a', read)).toBe(3);
    expect(oncePerExecution(undefined, 'stream:a', read)).toBe(4);
  });

  it('makes the read again for each field of a mutation or a subscription: each step changes what the next reads (breaker12g P10)', () => {
    let reads = 0;
    const read = () => (reads += 1);
    const mutation = { variableValues: {}, operation: { operation: OperationTypeNode.MUTATION } };
    expect([oncePerExecution(mutation, 'stream:a', read), oncePerExecution(mutation, 'stream:a', read)]).toEqual([1, 2]);
    const pushed = { variableValues: {}, operation: { operation: OperationTypeNode.SUBSCRIPTION } };
    expect([oncePerExecution(pushed, 'stream:a', read), oncePerExecution(pushed, 'stream:a', read)]).toEqual([3, 4]);
    const query = { variableValues: {}, operation: { operation: OperationTypeNode.QUERY } };
    expect([oncePerExecution(query, 'stream:a', read), oncePerExecution(query, 'stream:a', read)]).toEqual([5, 5]);
  });
});
