import { registerEnumType } from '@nestjs/graphql';

/** A GraphQL enum from a domain's list of values, e.g. `graphqlEnum(Severities, 'Severity')`. */
export function graphqlEnum<Value extends string>(values: readonly Value[], name: string, description?: string) {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as { [K in Value]: K };
  registerEnumType(enumObject, { name, description });
  return enumObject;
}
