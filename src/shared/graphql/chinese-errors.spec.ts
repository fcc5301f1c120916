import 'reflect-metadata';
import { ArrayMaxSize, ArrayMinSize, IsString, Length, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';
import { inputRefusal } from './chinese-errors.js';
import { ReportPayload } from '../../assignments/graphql/part.inputs.js';
import { plainToInstance } from 'class-transformer';

/*
 * Issue 11: a limit's Chinese lost its number when the English wording was not the one expected
 * (class-validator's default "shorter than or equal to 1024", Rectify's own "at least one item").
 * Each size rule, in either wording, says its number in Chinese.
 */
class Limits {
  @IsString() @MaxLength(1024) password = 'x'.repeat(1025);
  @IsString() @MinLength(8) short = 'abc';
  @IsString() @MaxLength(200, { message: 'title must be at most 200 characters' }) title = 'x'.repeat(201);
  @IsString() @Length(8, 128) between = 'abc';
  @IsString() @Length(8, 128, { message: 'ranged must be 8 to 128 characters long' }) ranged = 'abc';
  @ArrayMinSize(2) few = ['a'];
  @ArrayMaxSize(1) many = ['a', 'b'];
  @Min(3) low = 1;
  @Max(5) high = 9;
}

describe('the Chinese of size rules', () => {
  it('states each limit’s number, in class-validator’s wording and in Rectify’s own', () => {
    const { fieldErrors } = inputRefusal(validateSync(new Limits())).details as { fieldErrors: { field: string; messageZh: string }[] };
    expect(Object.fromEntries(fieldErrors.map((error) => [error.field, error.messageZh]))).toEqual({
      password: '最多 1024 个字符',
      short: '至少 8 个字符',
      title: '最多 200 个字符',
      between: '至少 8 个字符',
      ranged: '长度应为 8 到 128 个字符',
      few: '至少 2 项',
      many: '最多 1 项',
      low: '不能小于 3',
      high: '不能大于 5',
    });
  });

  it('says a report needs at least 1 piece of evidence', () => {
    const input = plainToInstance(ReportPayload, { idempotencyKey: 'k', unitId: '00000000-0000-4000-8000-000000000000', summary: '已整改', evidence: [] });
    const { fieldErrors } = inputRefusal(validateSync(input)).details as { fieldErrors: { field: string; messageZh: string }[] };
    expect(fieldErrors).toEqual([{ field: 'evidence', message: expect.any(String), messageZh: '至少 1 项' }]);
  });
});
