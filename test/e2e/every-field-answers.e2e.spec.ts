import { TestApp, startTestApp } from '../support/test-app.js';

/*
 * Every field the schema promises answers: for each query that needs no argument, every scalar
 * field of what it returns, and of the objects one level down, is asked for on the demo as a
 * supervisor, and no answer may carry an error (a non-null field the read model forgot, say).
 */

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface FieldInfo {
  name: string;
  args: { name: string; type: TypeRef }[];
  type: TypeRef;
}
interface TypeInfo {
  name: string;
  kind: string;
  fields: FieldInfo[] | null;
}

const named = (type: TypeRef): TypeRef => (type.ofType ? named(type.ofType) : type);
const required = (type: TypeRef) => type.kind === 'NON_NULL';

describe('Every field of every argument-free query answers on the demo', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ demoData: true });
  });
  afterAll(() => app.close());

  it('answers every scalar field two levels deep without an error', async () => {
    const supervisor = await app.as('SUPERVISOR');
    const TYPE = `fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;
    const introspection = await app.graphql<{ __schema: { queryType: { name: string }; types: TypeInfo[] } }>(
      `query { __schema { queryType { name } types { name kind fields { name args { name type { ...T } } type { ...T } } } } } ${TYPE}`,
      {},
      supervisor,
    );
    const types = new Map(introspection.data!.__schema.types.map((type) => [type.name, type]));
    const argumentFree = (field: FieldInfo) => field.args.every((argument) => !required(argument.type));
    const selection = (typeName: string, depth: number): string => {
      const type = types.get(typeName)!;
      const parts = (type.fields ?? []).filter(argumentFree).flatMap((field) => {
        const target = named(field.type);
        if (target.kind === 'SCALAR' || target.kind === 'ENUM') return [field.name];
        if (target.kind === 'OBJECT' && depth > 0) {
          const inner = selection(target.name!, depth - 1);
          return inner ? [`${field.name} { ${inner} }`] : [];
        }
        return [];
      });
      return parts.join(' ');
    };
    const queries = types.get(introspection.data!.__schema.queryType.name)!.fields!.filter(argumentFree);
    expect(queries.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const query of queries) {
      const target = named(query.type);
      const body = target.kind === 'OBJECT' ? `{ ${selection(target.name!, 1)} }` : '';
      const response = await app.graphql(`query { ${query.name} ${body} }`, {}, supervisor);
      for (const error of response.errors ?? []) {
        const code = (error.extensions as { code?: string } | undefined)?.code;
        // A supervisor may be refused a field outright (an ADMIN's); a field that fails is a fault.
        if (code !== 'FORBIDDEN') failures.push(`${query.name}: ${code ?? '?'} ${error.message} at ${(error.path ?? []).join('.')}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
