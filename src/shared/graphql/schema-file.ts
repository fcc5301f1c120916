import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** The committed schema, in the project folder; `npm run schema` writes it, a test checks it. */
export const SCHEMA_FILE = 'schema.graphql';

/** The schema in SDL, types and fields in alphabetical order (stable diffs), with a header saying where it comes from. */
export function printedSchema(schema: GraphQLSchema): string {
  return `# Rectify's GraphQL schema, generated from the code by \`npm run schema\`: do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
