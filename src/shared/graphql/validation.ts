import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Length, MaxLength, ValidateBy, IsUUID } from 'class-validator';
import { EARLIEST_OFFICE_DAY, isCalendarDate } from '../calendar-date.js';
import { isReservedKey, unreadableLabel, unreadableText } from '../readable-text.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * Readable text by `rule`: `unreadableText` (no broken characters, no writing-direction controls,
 * no control characters, not only invisible ones) or `unreadableLabel` (that, and no invisible
 * character anywhere: names, titles and codes).
 */
const Readable = (rule: (text: string) => string | null) =>
  ValidateBy({
    name: 'isReadableText',
    validator: {
      validate: (value) => typeof value !== 'string' || rule(value) === null,
      defaultMessage: (args) => `${args?.property ?? 'text'} must be readable text: it ${rule(String(args?.value ?? '')) ?? 'is not readable'}`,
    },
  });

/** A code (of a unit, an item): never a name every JavaScript object already has. */
export const NotReservedKey = () =>
  ValidateBy({
    name: 'isNotReservedKey',
    validator: {
      validate: (value) => typeof value !== 'string' || !isReservedKey(value),
      defaultMessage: (args) => `${args?.property ?? 'code'} must not be a reserved name such as constructor, __proto__ or prototype`,
    },
  });

/** The years an office's dates can mean; anything else is a typing mistake. */
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2199;

/** Trimmed text of at most `maxLength` characters, required or not, readable by `rule`. */
const Text = (maxLength: number, required: boolean, rule: (text: string) => string | null) =>
  applyDecorators(
    Transform(trim),
    ...(required ? [] : [IsOptional()]),
    IsString(),
    ...(required ? [IsNotEmpty({ message: '$property must not be empty' })] : []),
    MaxLength(maxLength, { message: '$property must be at most $constraint1 characters long' }),
    Readable(rule),
  );

/** Required text: trimmed, not empty, at most `maxLength` characters. */
export const RequiredText = (maxLength: number) => Text(maxLength, true, unreadableText);

export const OptionalText = (maxLength: number) => Text(maxLength, false, unreadableText);

/**
 * A required name, title or code (what people find things by and compare): `RequiredText`, and no
 * invisible character anywhere in it, so two names that look the same are the same.
 */
export const RequiredLabel = (maxLength: number) => Text(maxLength, true, unreadableLabel);

/** An optional name or title: `OptionalText` with the rule of `RequiredLabel`. */
export const OptionalLabel = (maxLength: number) => Text(maxLength, false, unreadableLabel);

/**
 * Why a day was refused at the edge, by its cause: not written as YYYY-MM-DD; written so but no
 * such day (2016-02-30); or a year no office day has (the domain's floor, 1949-10-01, is the
 * bound a person is told: days from 1900 on pass here and are refused by it with their field).
 * chinese-errors.ts reads the cause back from these words.
 */
function calendarDateProblem(property: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${property} must be a date written as YYYY-MM-DD (got "${value}")`;
  if (!isCalendarDate(value)) return `${property} must be a day that exists: there is no ${value} in the calendar (got "${value}")`;
  return `${property} must be a day from ${EARLIEST_OFFICE_DAY} to ${LATEST_YEAR}-12-31: check the year (got "${value}")`;
}

export const CalendarDate = () =>
  applyDecorators(
    Transform(trim),
    ValidateBy({
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value) && Number(value.slice(0, 4)) >= EARLIEST_YEAR && Number(value.slice(0, 4)) <= LATEST_YEAR,
        defaultMessage: (args) => calendarDateProblem(args?.property ?? 'date', String(args?.value)),
      },
    }),
  );

export const EntityId = () => applyDecorators(Transform(trim), IsUUID('all', { message: '$property must be a valid id (UUID)' }));

/** Client-chosen key that makes a mutation safe to retry: the same key never acts twice. */
export const IdempotencyKey = () => RequiredText(100);

/** Shortest and longest password accepted (OWASP ASVS 2.1.1/2.1.2: at least 8, at least 64 allowed). */
export const PASSWORD_LENGTH = { min: 8, max: 128 } as const;

/** A password: taken exactly as typed (never trimmed), 8 to 128 characters. */
export const Password = () =>
  applyDecorators(
    IsString(),
    Length(PASSWORD_LENGTH.min, PASSWORD_LENGTH.max, { message: `$property must be ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters long` }),
  );

/** Whether `value` is a login name: 2 to 50 characters without spaces or control characters (Chinese, pinyin, digits, `-._@` all fit). */
export const isLoginName = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 2 && value.length <= 50 && !/[\s\u0000-\u001F\u007F-\u009F]/.test(value) && unreadableLabel(value) === null;

/** A login name (`isLoginName`), trimmed. */
export const LoginName = () =>
  applyDecorators(
    Transform(trim),
    IsString(),
    ValidateBy({
      name: 'isLoginName',
      validator: {
        validate: isLoginName,
        defaultMessage: (args) => `${args?.property ?? 'loginName'} must be 2 to 50 characters without spaces`,
      },
    }),
  );
