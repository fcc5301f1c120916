import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { CalendarDate } from '../../shared/graphql/validation.js';
import { FileUploadInput } from '../../shared/graphql/file-upload.js';

@InputType()
export class ImportUnitsInput extends FileUploadInput {
  @Field(() => Boolean, {
    nullable: true,
    description:
      'A code already in the directory under another name is a rename (机构改革): the unit takes the new name, the old one stays an alias. ' +
      'Without it such a row is refused, never renamed silently.',
  })
  @IsOptional()
  @IsBoolean()
  rename?: boolean;

  @Field(() => [String], {
    nullable: true,
    description:
      'Codes of rows the office confirms are units of their own, though their names are near a registered unit\'s or another row\'s ' +
      '(市发改委 beside 青川市发展和改革委员会, 青川市 教育局 beside 青川市教育局): without it such a row is refused naming the match, never registered as a second unit.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  distinctCodes?: string[];

  @Field(() => Boolean, { nullable: true, description: 'Decide everything and write nothing: the units the import would register and rename (rows), or every row that stops it' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD, the office day the new units are registered as of; omitted: today (China time). Never in the future. ' +
      'No work of a unit can be dated before its registration: a directory entered for a past campaign gives a day before it began.',
  })
  @IsOptional()
  @CalendarDate()
  registeredOn?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD, the office day the renames of this import (rename: true) took effect (更名日期: the 机构改革\'s day); omitted: today (China time). ' +
      'From that day every view names the unit by its new name; before it, by its former one.',
  })
  @IsOptional()
  @CalendarDate()
  renamedOn?: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      '按文件更新类型和上级: a registered unit whose row gives another 类型 (kind) or 上级编码 / 上级单位 (parent; both blank: none) takes the file\'s ' +
      '(UnitKindAndParentChanged) from kindAndParentChangedOn. Without it such a row is refused naming the directory\'s and the file\'s, never dropped.',
  })
  @IsOptional()
  @IsBoolean()
  updateKindAndParent?: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD, the office day the kind and parent changes of this import (updateKindAndParent) took effect; omitted: today (China time). ' +
      'Files read as of an earlier day count the unit in 市直各部门 / 各区县政府 / 各科室 by its former kind and parent.',
  })
  @IsOptional()
  @CalendarDate()
  kindAndParentChangedOn?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The directoryVersion a dry run of this file answered (the web app sends its preview\'s): the import is refused (CONFLICT, field expectedDirectoryVersion, ' +
      'extensions.codes, nothing written) when a unit it would register or rename was registered or renamed since — a colleague\'s 更名 after the preview is never ' +
      'written over unseen; preview again. Omitted: decided on the directory as it stands.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(41)
  expectedDirectoryVersion?: string;
}
