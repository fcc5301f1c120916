import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateBy, IsUUID } from 'class-validator';
import { isCalendarDate } from '../calendar-date.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Required text: trimmed, not empty, at most `maxLength` characters. */
export const RequiredText = (maxLength: number) =>
  applyDecorators(
    Transform(trim),
    IsString(),
    IsNotEmpty({ message: '$property must not be empty' }),
    MaxLength(maxLength, { message: '$property must be at most $constraint1 characters long' }),
  );

export const OptionalText = (maxLength: number) =>
  applyDecorators(
    Transform(trim),
    IsOptional(),
    IsString(),
    MaxLength(maxLength, { message: '$property must be at most $constraint1 characters long' }),
  );

export const CalendarDate = () =>
  applyDecorators(
    Transform(trim),
    ValidateBy({
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property ?? "date"} must be a date written as YYYY-MM-DD (got "${String(args?.value)}")`,
      },
    }),
  );

export const EntityId = () => applyDecorators(Transform(trim), IsUUID('all', { message: '$property must be a valid id (UUID)' }));

/** Client-chosen key that makes a mutation safe to retry: the same key never acts twice. */
export const IdempotencyKey = () => RequiredText(100);
