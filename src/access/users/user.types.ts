import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { graphqlEnum } from '../../shared/graphql/enum.js';
import { EntityId, LoginName, Password, RequiredText, RequiredLabel } from '../../shared/graphql/validation.js';
import { UserRoles, type UserRole } from '../domain/user.events.js';
import { DEFAULT_TOKEN_DAYS } from '../domain/access-token.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';

export const UserRoleEnum = graphqlEnum(UserRoles, 'UserRole');

@ObjectType('UnitMerge', { description: 'The merge (机构改革) of the unit an account belongs to into another: its work and parts are the successor’s now' })
export class UnitMergeType {
  @Field(() => ID, { description: 'The unit carrying the work now: the last successor when it was merged on again' }) successorUnitId: string;
  @Field(() => String) successorName: string;
  @Field(() => String, { description: 'China office day (YYYY-MM-DD) of the merge' }) mergedOn: string;
}

@ObjectType('User')
export class UserType {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => UserRoleEnum) role: UserRole;
  @Field(() => ID, { nullable: true }) unitId: string | null;
  @Field(() => Boolean) active: boolean;
  @Field(() => String) registeredAt: string;
  @Field(() => String) registeredBy: string;
  @Field(() => String, { nullable: true }) deactivatedAt: string | null;
  @Field(() => String, { nullable: true }) deactivationReason: string | null;
  @Field(() => String, { nullable: true, description: 'Null until an administrator sets a password (setInitialPassword)' }) loginName: string | null;
  @Field(() => Boolean, { description: 'The password is an initial one the user has not changed yet' }) mustChangePassword: boolean;
  @Field(() => String, { nullable: true, description: 'UTC instant until which sign-in is refused after five failures in a row; may lie in the past' })
  lockedUntil: string | null;
  // Resolved by UserAccountsResolver: `locked` (now, by the server's clock), `unitName` and `unitMerge`.
}

@ObjectType('IssuedAccess', { description: 'A new access token. It is shown once: only its hash is kept.' })
export class IssuedAccessType {
  @Field(() => UserType) user: UserType;
  @Field(() => String, { nullable: true, description: 'Null when the mutation was a retry: ask for a new token instead' })
  token: string | null;
  @Field(() => String, { nullable: true }) expiresAt: string | null;
}

@InputType({ isAbstract: true })
abstract class TokenLifetimeInput extends IdempotentInput {
  @Field(() => Int, { nullable: true, description: `Days the token stays valid (default ${DEFAULT_TOKEN_DAYS})` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  validForDays?: number;
}

@InputType()
export class RegisterUserInput extends TokenLifetimeInput {
  @Field(() => String) @RequiredLabel(100) name: string;
  @Field(() => UserRoleEnum) @IsIn(UserRoles) role: UserRole;
  @Field(() => ID, { nullable: true, description: 'Required for UNIT users' })
  @IsOptional()
  @EntityId()
  unitId?: string;

  @Field(() => String, { nullable: true, description: 'With initialPassword: the login name, set with the account (as setInitialPassword does)' })
  @IsOptional()
  @LoginName()
  loginName?: string;

  @Field(() => String, { nullable: true, description: 'With loginName: the initial password, 8 to 128 characters, changed by the user at first sign-in' })
  @IsOptional()
  @Password()
  initialPassword?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Make the account even though an active one of the same name, role and unit exists (two people of one name); without it that is refused CONFLICT, reason SAME_ACCOUNT',
  })
  @IsOptional()
  @IsBoolean()
  again?: boolean;
}

@InputType()
export class UnlockAccountInput extends IdempotentInput {
  @Field(() => ID) @EntityId() userId: string;
}

@InputType()
export class IssueAccessTokenInput extends TokenLifetimeInput {
  @Field(() => ID) @EntityId() userId: string;
}

@InputType()
export class DeactivateUserInput extends IdempotentInput {
  @Field(() => ID) @EntityId() userId: string;
  @Field(() => String) @RequiredText(500) reason: string;
}

@InputType()
export class ReactivateUserInput extends IdempotentInput {
  @Field(() => ID) @EntityId() userId: string;
  @Field(() => String, { description: 'Why the account is used again (stopped by mistake, back from a secondment)' }) @RequiredText(500) reason: string;
}

@InputType({ description: 'The account as it should be: name, role and unit (all three); what differs from now is recorded' })
export class ChangeUserAccountInput extends IdempotentInput {
  @Field(() => ID) @EntityId() userId: string;
  @Field(() => String) @RequiredLabel(100) name: string;
  @Field(() => UserRoleEnum) @IsIn(UserRoles) role: UserRole;
  @Field(() => ID, { nullable: true, description: 'Required for UNIT users; left out (or null) for no unit' })
  @IsOptional()
  @EntityId()
  unitId?: string | null;

  @Field(() => String, { description: 'Why (a typo in the name, the wrong unit at registration, a move to another unit)' }) @RequiredText(500) reason: string;

  @Field(() => String, { nullable: true, description: 'The name as the form showed it; checked with expectedRole (see there)' })
  @IsOptional()
  @RequiredLabel(100)
  expectedName?: string;

  @Field(() => UserRoleEnum, {
    nullable: true,
    description:
      'The role as the form showed it, with expectedName and expectedUnitId (the web app always sends them; optional for scripts, unchecked when left out): ' +
      'the account changed meanwhile by another administrator is CONFLICT naming who changed it and when; nothing is changed.',
  })
  @IsOptional()
  @IsIn(UserRoles)
  expectedRole?: UserRole;

  @Field(() => ID, { nullable: true, description: 'The unit as the form showed it (left out or null: none); checked with expectedRole' })
  @IsOptional()
  @EntityId()
  expectedUnitId?: string | null;
}
