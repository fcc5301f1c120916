import { applyDecorators } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * The optional input field `nearNames: [String!]` of an import that names units (importWorkPlan, importFindings — a findings
 * list or a 整改台账): unit names of the file the office confirms mean the one registered unit they are near, though they are
 * no abbreviation of it (青川市教育体育局 beside 青川市教育局, newcomer25 S8: `LookupConfirmations.nearNames`). Without it such
 * a row is refused, naming the unit, with extensions.problems[].nearName. At most 200 names of at most 200 characters.
 */
export const NearNamesField = (): PropertyDecorator =>
  applyDecorators(
    Field(() => [String], {
      nullable: true,
      description:
        'Unit names of the file the office confirms mean the registered unit they are near, though no abbreviation of it (青川市教育体育局 beside 青川市教育局): read as that unit, with a notice. ' +
        'Without it such a row is refused naming the unit (extensions.problems[].nearName). An abbreviation (市发改委) needs none.',
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(200),
    IsString({ each: true }),
    MaxLength(200, { each: true }),
  );
