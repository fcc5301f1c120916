import { registerEnumType } from '@nestjs/graphql';

/** A GraphQL enum from a domain's list of values, e.g. `graphqlEnum(Severities, 'Severity')`. */
export function graphqlEnum<Value extends string>(values: readonly Value[], name: string, description?: string) {
  VALUES_BY_ENUM.set(name, [...values]);
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as { [K in Value]: K };
  registerEnumType(enumObject, { name, description });
  return enumObject;
}

/** Each enum's values by its GraphQL name, as registered (a refusal of a value not among them lists them: chinese-errors.ts). */
const VALUES_BY_ENUM = new Map<string, readonly string[]>();

/** The values of the GraphQL enum `name` (`AssignmentRole`: LEAD, RESPONSIBLE); undefined for a name not registered here. */
export function enumValues(name: string): readonly string[] | undefined {
  return VALUES_BY_ENUM.get(name);
}
