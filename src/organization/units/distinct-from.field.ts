import { applyDecorators } from '@nestjs/common';
import { Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsUUID } from 'class-validator';

/**
 * The optional input field `distinctFrom: [ID!]` of a command that names a unit (registerUnit, renameUnit):
 * the registered units the office confirms this unit is not (这是另一个单位), so a name near theirs is not
 * refused CONFLICT. At most 100 unit ids, each once; a malformed id is BAD_USER_INPUT. `description`: the
 * field's GraphQL description, which says the command's own example.
 */
export const DistinctFromField = (description: string): PropertyDecorator =>
  applyDecorators(
    Field(() => [ID], { nullable: true, description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(100),
    ArrayUnique(),
    IsUUID('all', { each: true, message: 'distinctFrom must contain valid unit ids' }),
  );
