import { BREAK, Kind, TypeInfo, getNamedType, typeFromAST, visit, visitWithTypeInfo, type ArgumentNode, type ASTNode, type DocumentNode, type GraphQLSchema, type Source, type ValidationRule, type VariableDefinitionNode } from 'graphql';

/*
 * Where in a query a value typed inline was refused (web5 task 1: `logInspection(input: { outcome: MAYBE })` was answered
 * 「取值不是可选的值之一（可选：通过、不通过）」 naming no field — graphql-js gives a refusal of an inline value no path, only
 * the value's node in the document). The document and schema each validation ran on are kept by the source text they were
 * parsed from (a rule that does nothing else), so that the error's node can be found in them on the way out, with the
 * argument and input fields around it — read only when such an error is answered.
 */

/** The document and schema of each validation, by the source the document was parsed from (the error's `source`). */
const validated = new WeakMap<Source, { readonly schema: GraphQLSchema; readonly document: DocumentNode }>();

/**
 * A validation rule that checks nothing: it keeps the document and schema being validated for `inlineValueSiteOf`.
 * Costs one map entry per validated document (Apollo validates a document once and caches it).
 */
export const keepValidatedDocument: ValidationRule = (context) => {
  const document = context.getDocument();
  if (document.loc) validated.set(document.loc.source, { schema: context.getSchema(), document });
  return {};
};

/**
 * Where an inline value was typed: in an argument's value (`holder` 'argument', `name` `input`) or in a variable's default
 * value ('default', `$s`); `path` from that name to the value as graphql-js paths read (`input.units[0].role`, `status`);
 * `inputType` the holder's named input type (`AssignFindingInput`), for its fields' labels.
 */
export interface InlineValueSite {
  readonly holder: 'argument' | 'default';
  readonly name: string;
  readonly path: string;
  readonly inputType?: string;
}

const VALUE_KINDS: ReadonlySet<string> = new Set([Kind.ENUM, Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.NULL, Kind.LIST, Kind.OBJECT]);

const isNode = (value: unknown): value is ASTNode => typeof (value as { kind?: unknown } | null)?.kind === 'string';

/**
 * The site of the inline value an error is about — graphql-js's ValuesOfCorrectTypeRule gives its refusal the value's node as
 * `nodes[0]` — found in the document kept by `keepValidatedDocument`. Undefined for any other error, or a document not kept.
 */
export function inlineValueSiteOf(error: unknown): InlineValueSite | undefined {
  const node = (error as { nodes?: readonly unknown[] } | null)?.nodes?.[0];
  if (!isNode(node) || !VALUE_KINDS.has(node.kind) || !node.loc) return undefined;
  const kept = validated.get(node.loc.source);
  if (!kept) return undefined;
  const typeInfo = new TypeInfo(kept.schema);
  let site: InlineValueSite | undefined;
  visit(
    kept.document,
    visitWithTypeInfo(typeInfo, {
      enter(visited, _key, parent, _path, ancestors) {
        if (visited !== node) return undefined;
        // graphql-js's ancestors stop above the parent.
        site = siteOf([...ancestors, parent, visited].filter(isNode), typeInfo, kept.schema);
        return BREAK;
      },
    }),
  );
  return site;
}

/** The site from the chain of nodes down to the value: the nearest argument or variable definition, then fields and items. */
function siteOf(chain: readonly ASTNode[], typeInfo: TypeInfo, schema: GraphQLSchema): InlineValueSite | undefined {
  const start = chain.findLastIndex((node) => node.kind === Kind.ARGUMENT || node.kind === Kind.VARIABLE_DEFINITION);
  const holder = chain[start] as ArgumentNode | VariableDefinitionNode | undefined;
  if (!holder) return undefined;
  const name = holder.kind === Kind.ARGUMENT ? holder.name.value : `$${holder.variable.name.value}`;
  let path = name;
  for (let at = start + 1; at < chain.length; at++) {
    const node = chain[at]!;
    if (node.kind === Kind.OBJECT_FIELD) path += `.${node.name.value}`;
    if (node.kind === Kind.LIST) path += `[${node.values.indexOf(chain[at + 1] as never)}]`;
  }
  const type = holder.kind === Kind.ARGUMENT ? typeInfo.getArgument()?.type : typeFromAST(schema, holder.type);
  const holderType = type && getNamedType(type).name;
  return { holder: holder.kind === Kind.ARGUMENT ? 'argument' : 'default', name, path, ...(holderType ? { inputType: holderType } : {}) };
}
