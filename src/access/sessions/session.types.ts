import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';
import { EntityId, LoginName, Password, RequiredText } from '../../shared/graphql/validation.js';
import { UnitMergeType, UserRoleEnum } from '../users/user.types.js';
import type { UserRole } from '../domain/user.events.js';

@ObjectType('CurrentUser', { description: 'Who the bearer token signs in' })
export class CurrentUserType {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => UserRoleEnum) role: UserRole;
  @Field(() => ID, { nullable: true }) unitId: string | null;
  @Field(() => String, { nullable: true, description: 'The name of the unit, for UNIT users and staff of a unit' }) unitName: string | null;
  @Field(() => UnitMergeType, { nullable: true, description: 'The unit was merged into another by today (机构改革): its work is the successor’s; null otherwise' })
  unitMerge: UnitMergeType | null;
  @Field(() => String, { nullable: true, description: 'Null until an administrator sets a password' }) loginName: string | null;
  @Field(() => Boolean, { description: 'Signed in with an initial password: only changePassword, signOut and me work until it is changed' })
  mustChangePassword: boolean;
}

@ObjectType('Session', { description: 'A signed-in browser session. Send the token as "Authorization: Bearer <token>".' })
export class SessionType {
  @Field(() => String, { description: 'Shown once: only its SHA-256 is kept' }) token: string;
  @Field(() => String, { description: 'UTC instant (ISO 8601) after which the token no longer works' }) expiresAt: string;
  @Field(() => Boolean) mustChangePassword: boolean;
  @Field(() => CurrentUserType) user: CurrentUserType;
}

@InputType({ description: 'No idempotency key: every sign-in is a new session' })
export class SignInInput {
  @Field(() => String) @RequiredText(50) loginName: string;
  // Checked against the stored hash as typed; no length rule, so that a wrong password costs the same as any other.
  @Field(() => String) @IsString() @MaxLength(1024) password: string;
}

@InputType()
export class ChangePasswordInput extends IdempotentInput {
  @Field(() => String) @IsString() @MaxLength(1024) currentPassword: string;
  @Field(() => String, { description: '8 to 128 characters, different from the current one' }) @Password() newPassword: string;
}

@InputType()
export class SetInitialPasswordInput extends IdempotentInput {
  @Field(() => ID) @EntityId() userId: string;
  @Field(() => String, { description: '2 to 50 characters without spaces; unique (case and full-width letters do not matter), and not a look-alike of another account\'s (аdmin beside admin, 財务科 beside 财务科): CONFLICT, reason LOGIN_NAME_LOOKS_ALIKE; letters of one script, or Chinese characters with pinyin letters (not аlice, Cyrillic а with Latin): BAD_USER_INPUT, reason LOGIN_NAME_MIXED_SCRIPTS' })
  @LoginName()
  loginName: string;
  @Field(() => String, { description: 'The initial password, 8 to 128 characters; the user must change it at first sign-in' })
  @Password()
  password: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the account had a password as the form showed it (设置密码: false; 重设密码: true, with expectedLoginName). The web app always sends it; optional for scripts, unchecked when left out: ' +
      'a login name and password set meanwhile by another administrator (or another login name than expectedLoginName) is CONFLICT on expectedLoginName naming who set it and when; nothing is changed, ' +
      'so the login name and password the first administrator handed over keep working. Two resets keeping one login name are not told apart.',
  })
  @IsOptional()
  @IsBoolean()
  expectedPasswordSet?: boolean;

  @Field(() => String, { nullable: true, description: 'With expectedPasswordSet true: the login name the form showed (compared as stored); checked with expectedPasswordSet' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  expectedLoginName?: string;
}
