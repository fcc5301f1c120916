import {
  GraphQLError,
  Kind,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  typeFromAST,
  type ASTNode,
  type GraphQLCompositeType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/*
 * The depth limit, a validation rule (it needs no variables). The cost limit needs them (a page's
 * `first` is often a variable): it is checked once the operation is resolved (query-cost.ts).
 */

export interface QueryDepthLimit {
  maxDepth: number;
}

/** Why a document was refused, in `extensions.reason` (Apollo fixes `code` to GRAPHQL_VALIDATION_FAILED). */
export type QueryLimitReason = 'QUERY_TOO_DEEP' | 'QUERY_TOO_COSTLY';

/**
 * Refuses, before anything runs, an operation whose fields nest deeper than `maxDepth`
 * (`{ units { id } }` is 2 deep). Introspection (`__schema`, `__type`) adds no depth (GraphiQL's
 * introspection query nests `ofType` nine levels); it is priced flat by the cost limit, and whether it
 * is allowed at all is the `introspection` switch's business.
 */
export function queryDepthRule(limits: QueryDepthLimit): ValidationRule {
  return (context) => {
    const depthOf = measurer(context);
    return {
      OperationDefinition(operation) {
        const root = context.getSchema().getRootType(operation.operation);
        if (!root) return false;
        const depth = depthOf(operation.selectionSet, root);
        if (depth > limits.maxDepth) {
          context.reportError(
            refusal(
              `This query nests fields ${depth} levels deep; at most ${limits.maxDepth} are allowed. Ask for less nested data, or split it into several queries.`,
              `查询嵌套了 ${depth} 层，最多允许 ${limits.maxDepth} 层：请减少嵌套，或拆成几个查询。`,
              'QUERY_TOO_DEEP',
              operation,
            ),
          );
        }
        return false;
      },
    };
  };
}

const refusal = (message: string, messageZh: string, reason: QueryLimitReason, node: ASTNode) =>
  new GraphQLError(message, { nodes: node, extensions: { reason, messageZh } });

/** Measures the depth of selection sets of one document; each fragment is measured once, however often it is spread. */
function measurer(context: ValidationContext) {
  const schema = context.getSchema();
  const fragments = new Map<string, number>();
  const entered = new Set<string>();

  const measure = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType): number => {
    let depth = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        // __typename is free; __schema and __type are introspection, counted 1 deep whatever they select.
        if (selection.name.value.startsWith('__')) {
          if (selection.name.value !== '__typename') depth = Math.max(depth, 1);
          continue;
        }
        const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[selection.name.value] : undefined;
        if (!field) continue; // an unknown field: graphql's own rules report it
        let namedType = field.type;
        while ('ofType' in namedType) namedType = namedType.ofType;
        const inner = selection.selectionSet && isCompositeType(namedType) ? measure(selection.selectionSet, namedType) : 0;
        depth = Math.max(depth, 1 + inner);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? typeFromAST(schema, selection.typeCondition) : parentType;
        if (isCompositeType(type)) depth = Math.max(depth, measure(selection.selectionSet, type));
      } else {
        const name = selection.name.value;
        const known = fragments.get(name);
        if (known !== undefined) {
          depth = Math.max(depth, known);
          continue;
        }
        const fragment = context.getFragment(name);
        if (!fragment || entered.has(name)) continue; // unknown or cyclic: graphql's own rules report it
        const type = typeFromAST(schema, fragment.typeCondition);
        if (!isCompositeType(type)) continue;
        entered.add(name);
        const measured = measure(fragment.selectionSet, type);
        entered.delete(name);
        fragments.set(name, measured);
        depth = Math.max(depth, measured);
      }
    }
    return depth;
  };
  return measure;
}
