import { UnitKinds, type UnitKind, type UnitOtherName } from '../domain/unit.events.js';
import { formerNameTaken, otherNameKindZh, otherNameTaken, UNIT_KIND_WORDS } from '../domain/unit.decider.js';
import { storedUnitName } from '../units/unit-name.js';
import { unitIdForCode } from '../units/unit-id.js';
import { MAX_UNIT_NAME_CHARS, namesInCell, quotedStart, textOf } from '../../spreadsheet/cells.js';
import { isReservedKey, unreadableLabel, unreadableReasonZh } from '../../shared/readable-text.js';
import { sortedProblems, type ImportFormat, type ImportProblem, type ImportResult } from '../../spreadsheet/import-problems.js';
import { nameToRegister, type UnitLookup } from '../units/unit-lookup.js';
import { readingNotesOf, readRecords, tableBesideProblems, unitNameIn } from '../../spreadsheet/records.js';
import type { Table } from '../../spreadsheet/sheet.js';
import { type FileContent } from '../../spreadsheet/text-file.js';
import { unitNameKey } from '../units/unit-name.js';
import { unitEndProblem } from './unit-status-words.js';
import { nameForms } from '../units/near-unit-names.js';
import { charactersRarity, NearFormsIndex } from '../units/near-forms-index.js';
import { MAX_FILE_ROWS } from '../../spreadsheet/file-limits.js';
import { slicer } from '../../shared/event-loop-turns.js';

/*
 * The units directory (单位名录) from a spreadsheet: code, official name, kind, parent unit.
 */

export const unitColumns = {
  code: { label: '编码 (code)', aliases: ['编码', '单位编码', '代码', 'code'], required: true, asShown: true },
  name: { label: '名称 (name)', aliases: ['名称', '单位名称', 'name'], required: true, names: true },
  kind: { label: '类型 (kind)', aliases: ['类型', '单位类型', 'kind', 'type'], required: true },
  parentCode: {
    label: '上级编码 (parent code)',
    aliases: ['上级编码', '上级单位编码', '主管单位编码', 'parent code', 'parent'],
    required: false,
    asShown: true,
  },
  /** The unit's 简称, several in one cell separated by 、，; / (newcomer57-10 S1): recorded for it (UnitOtherNamesRecorded). */
  shortNames: { label: '简称 (short names)', aliases: ['简称', '单位简称', '简写', '别名', 'short name', 'short names'], required: false },
  /** Its 曾用名 from before its registration here, without a rename day (a dated rename is 按更名导入): recorded for it, read on every day. */
  earlierNames: { label: '曾用名 (earlier names)', aliases: ['曾用名', '曾用名称', '原名称', '更名前名称', '旧名称', 'former name', 'former names', 'earlier names'], required: false },
  /** The parent by its name, as office directories write it (breaker10b N16): in the file, or in the directory. */
  parentName: {
    label: '上级单位 (parent unit)',
    aliases: ['上级单位', '上级单位名称', '主管单位', '主管单位名称', '主管部门', '上级部门', '上级主管部门', '隶属单位', '所属单位', 'parent unit', 'parent name'],
    required: false,
  },
} as const;

/**
 * Columns giving other names than `unitColumns`' 简称 / 曾用名 take (原机构名称, 原单位, 旧名 …): a reorganisation's units, which the
 * directory records by a rename or a merge, not from a file.
 */
const OTHER_NAMES_COLUMN = /简称|曾用名|别名|原名|旧名|简写|更名前|原机构|原单位|short\s*name|former\s*name|alias/i;

/**
 * Words of a 机构改革 in a header the plan and findings imports refuse as naming units (`weighty`: 撤并单位, 并入单位, 划入单位,
 * 整合前单位, 移交单位, 承接单位): the units the row's unit came from or went to, which the directory records by a rename or a merge.
 */
const REFORM_WORDS = /前|原|旧|并|划|撤|整合|移交|承接|合并/u;

/** Columns placing a unit (所属区县, 归口单位, 挂靠单位) or dating it (成立日期, 撤销时间): a unit's place or days are never dropped unsaid. */
const PLACE_OR_DAY_COLUMN = /上级|主管|隶属|所属|归口|挂靠|区县|区划|乡镇|街道|牵头|撤销|成立|日期|时间|parent|date/i;

/**
 * The file's columns the directory does not use: one giving other names, or naming the units a 机构改革 joined or renamed
 * (原单位名称, 撤并单位: a header the plan and findings imports refuse as naming units with a reform's word, or cells that name units
 * of the directory or the file, `isUnitName`, whatever the header — newcomer56-10 S3), or placing or dating the unit, is refused
 * naming it and the way the directory records it (breaker10b N16); the others (联系人, 备注, 单位地址) are listed as not imported.
 */
function unusedColumnProblems(table: Table<string>, isUnitName: (name: string) => boolean): { problems: ImportProblem[]; notImported: string[] } {
  const problems: ImportProblem[] = [];
  const notImported: string[] = [];
  for (const { name, weighty, texts } of table.unusedColumns) {
    const unit = PLACE_OR_DAY_COLUMN.test(name) ? undefined : unitNameIn(texts ?? [], isUnitName);
    if (OTHER_NAMES_COLUMN.test(name) || (weighty && REFORM_WORDS.test(name)) || unit !== undefined) {
      const example = unit === undefined ? '' : `（如“${unit}”）`;
      problems.push({
        row: null,
        reason:
          `Column ${name} gives units' former names or the units a reorganisation joined${unit === undefined ? '' : ` (such as ${unit})`}, which the units import does not record: ` +
          'a renamed unit is imported under its new name with rename (按更名导入), its former name kept so files using it still resolve; a unit merged into another is merged by an administrator on the 单位名录 page (并入其他单位, mergeUnit), its open parts passing with it; duties split off are handed over (移交任务). Remove the column and import again.',
        reasonZh:
          `“${name}”列写的是单位的原名称或机构改革涉及的单位${example}，单位名录导入不登记它：单位更名的，请在文件中写新名称并勾选“按更名导入”，原名称保留为曾用名，此后写旧名称的文件仍能识别；` +
          '单位撤并的，请由管理员在“单位名录”中对被撤并的单位办理“并入其他单位”，其未完成的任务随之移交；职能划转的，请用“移交任务”。请删去该列后再导入。',
      });
    } else if (PLACE_OR_DAY_COLUMN.test(name)) {
      problems.push({
        row: null,
        reason: `Column ${name} places or dates the units but is not used: the units directory records a code, a name, a kind and a parent unit (上级编码, or the parent by name under 上级单位 / 主管单位); rename the column to one of these or remove it.`,
        reasonZh: `“${name}”列写的是单位的隶属或日期，但本导入不使用它：单位名录只登记编码、名称、类型和上级单位（上级编码，或在“上级单位”“主管单位”列写上级单位名称）；请把该列改名为其中之一，或删去该列。`,
      });
    } else notImported.push(name);
  }
  return { problems, notImported };
}

/**
 * The words 单位名录 files write for a unit's kind (session 24: 市直部门, 科室 and 县（市、区） were refused as unknown kinds). A
 * section (科室, 内设机构) is OTHER, as collective names read it (各科室: the OTHER units under the lead unit); so are schools,
 * hospitals and 事业单位, which no collective name means. Read NFKC, without spaces.
 */
const KIND_WORDS: Readonly<Record<string, UnitKind>> = {
  ...Object.fromEntries(['部门', '市直部门', '市直单位', '政府部门', '政府工作部门', '工作部门', '直属机构', '市政府工作部门'].map((word) => [word, 'DEPARTMENT' as const])),
  ...Object.fromEntries(['区县', '县区', '县市区', '区县政府', '县区政府', '县(市、区)', '区县(市)', '县(市、区)政府'].map((word) => [word, 'COUNTY_OR_DISTRICT' as const])),
  办公厅: 'GENERAL_OFFICE',
  ...Object.fromEntries(['其他', '其它', '科室', '内设机构', '处室', '股室', '事业单位', '直属事业单位', '学校', '医院'].map((word) => [word, 'OTHER' as const])),
};

/** A 类型 cell's kind: the API's name in any letter case (DEPARTMENT), or an office's word for it (`KIND_WORDS`); undefined when neither. */
export function unitKindOf(text: string): UnitKind | undefined {
  const words = text.normalize('NFKC').replace(/\s+/gu, '');
  const upper = words.toUpperCase();
  return UnitKinds.find((kind) => kind === upper) ?? KIND_WORDS[words];
}

export interface ImportedUnit {
  readonly row: number;
  readonly unitId: string;
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parentUnitId: string | null;
  /** Already in the directory under the same code and name: nothing to register. */
  readonly alreadyRegistered: boolean;
  /** In the directory under this code with this other name, and the import was asked to rename it. */
  readonly renamedFrom: string | null;
  /**
   * The row's 简称 and 曾用名 the unit does not answer to yet (newcomer57-10 S1): what the import records for it
   * (UnitOtherNamesRecorded). Empty when the file gives none, or the directory has them all (the same file imported again).
   */
  readonly otherNames: readonly UnitOtherName[];
  /**
   * In the directory under this code with another kind or parent (the directory's, here), and the import was asked to change them
   * (`updateKindAndParent`, 按文件更新类型和上级: breaker57-10 S1); null otherwise. Absent on units read before it was kept: null.
   */
  readonly kindAndParentFrom?: { readonly kind: UnitKind; readonly parentUnitId: string | null } | null;
}

/**
 * A unit of the directory as the units import reads it: its names by the office day each took effect (`names`, oldest
 * first; absent: only `name`) and its merge (`mergedIntoUnitId`, `mergedOn`, office day), so that a row naming a unit
 * as an older directory file did is told as such (breaker10n P6).
 */
export interface DirectoryEntry {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** Its former names (renames) and its recorded 简称 / 曾用名: a row's other name another unit answers to is refused. */
  readonly formerNames?: readonly string[];
  readonly otherNames?: readonly UnitOtherName[];
  readonly names?: readonly { readonly name: string; readonly from: string }[];
  readonly mergedIntoUnitId?: string | null;
  readonly mergedOn?: string | null;
  /** Its kind and parent now: a row giving others is refused, or changes them when asked (`updateKindAndParent`); absent: not compared. */
  readonly kind?: UnitKind;
  readonly parentUnitId?: string | null;
}

/**
 * A row that names a unit as it was before a reform (breaker10n P6: an older 单位名录 file imported again after 机构改革):
 * the unit of its code merged into another (whatever name the row gives it), or renamed from the row's name — said so,
 * with the day, instead of advising a rename that would undo the reform or calling the name another unit's. Null for any
 * other row; a rename back to a former name stays possible when asked (`rename`).
 */
function olderDirectoryRow(row: number, code: string, name: string, unit: DirectoryEntry, directory: readonly DirectoryEntry[], rename: boolean): ImportProblem | null {
  if (unit.mergedIntoUnitId) {
    const successor = directory.find((each) => each.id === unit.mergedIntoUnitId)?.name ?? '另一单位';
    const on = unit.mergedOn ? ` on ${unit.mergedOn}` : '';
    const onZh = unit.mergedOn ? `已于 ${unit.mergedOn} ` : '已';
    return {
      row,
      reason: `Unit ${code} (${unit.name}) was merged into ${successor}${on}: it keeps its history in the directory and is not registered again. Leave this row out (an older directory file?).`,
      reasonZh: `单位 ${code}“${unit.name}”${onZh}并入“${successor}”：名录中保留其历史，不再单独登记。请删去该行（是否沿用了机构改革前的名录？）。`,
    };
  }
  const names = unit.names ?? [{ name: unit.name, from: '' }];
  const formerAt = names.findIndex((each, index) => index < names.length - 1 && each.name === name);
  if (formerAt < 0 || name === unit.name || rename) return null;
  const renamedOn = names[formerAt + 1]!.from;
  return {
    row,
    reason: `${name} is a former name of unit ${code}, renamed ${unit.name} on ${renamedOn}: the directory already holds it. Leave this row out or write the current name; to rename it back to ${name}, import with --rename (rename: true).`,
    reasonZh: `“${name}”是单位 ${code} 的旧名称，该单位已于 ${renamedOn} 更名为“${unit.name}”，名录中已有该单位。请删去该行或改写为现名（是否沿用了机构改革前的名录？）；确要改回旧名称，请勾选“按更名导入”后重新导入。`,
  };
}

export interface UnitsImportOptions {
  readonly format: ImportFormat;
  /** The XLSX sheet to read; the first visible one when absent. */
  readonly sheet?: string;
  /** The directory as it is, by official name or code. */
  readonly lookupUnit: UnitLookup;
  /**
   * A code already in the directory with another name is a rename only when asked (`--rename`,
   * `rename: true`): otherwise it is refused, never applied silently. Needs `nameOf`.
   */
  readonly rename?: boolean;
  /** The directory's current name of a unit id. */
  readonly nameOf?: (unitId: string) => string | undefined;
  /**
   * The directory's units, for names near a new row's (市发改委 beside 青川市发展和改革委员会: `nearUnitNames`): a row naming a new
   * unit near one of them, or near another row's, is refused naming the match, unless its code is in `distinctCodes`; so is a
   * rename to a name near another registered unit's (issue 10).
   */
  readonly directory?: readonly DirectoryEntry[];
  /** Codes of rows the office confirms are units of their own, though their names are near another unit's (breaker10k P6). */
  readonly distinctCodes?: readonly string[];
  /**
   * A registered unit's row giving another kind (类型) or parent (上级编码 / 上级单位; both blank: under none) than the directory's
   * changes them when asked (--update-kind-and-parent, `updateKindAndParent`, 按文件更新类型和上级: breaker57-10 S1); otherwise it
   * is refused naming both, never dropped unsaid. A file without a parent column compares the kind only.
   */
  readonly updateKindAndParent?: boolean;
}

const CODE = /^[A-Za-z0-9_-]{1,32}$/;
const MAX_NAME = MAX_UNIT_NAME_CHARS;

/**
 * Every unit of the file in an order that registers parents before their children, or every
 * problem. A parent is named by its code and must be in the file or already in the directory.
 */
export async function importUnits(
  content: FileContent,
  options: UnitsImportOptions,
): Promise<ImportResult<'units', readonly ImportedUnit[]>> {
  const read = await readRecords(content, options.format, unitColumns, ['units', '单位'], 'unit', { sheet: options.sheet });
  // Rows refused as read (an error value, a struck row) are checked with the others: one refusal says all (issue 10).
  const beside = tableBesideProblems(read);
  if (!read.ok && !beside) return { ok: false, problems: sortedProblems(read.problems), ...(read.sheet ? { sheet: read.sheet } : {}) };
  const table = read.ok ? read.table : beside!.table;
  // A directory has hundreds to a few thousand units; a file of more rows than any import takes is refused before any row is checked
  // (breaker54-10 S4: 20 001 rows checked for 205 s and accepted).
  const tooMany = unitsBeyondLimitProblem(table.records.length);
  if (tooMany) return { ok: false, problems: [tooMany], ...(table.sheet === null ? {} : { sheet: table.sheet }) };

  // A column whose cells name registered units is never dropped, whatever its header (the plan and findings imports' rule).
  const unused = unusedColumnProblems(table, (name) => options.lookupUnit(name) !== undefined);
  const problems: ImportProblem[] = [...(beside?.problems ?? []), ...unused.problems];
  const rowOfCode = new Map<string, number>();
  const rowOfName = new Map<string, number>();
  const nameNotices: ImportProblem[] = [];
  const rows = table.records.map(({ row, cells, others }) => {
    // Codes typed in full-width letters or digits (ＳＪＪ, input methods' default) are the codes themselves.
    const code = textOf(cells.code ?? null).normalize('NFKC').trim();
    // The name by the rules plans read names by (breaker50-10 S4): quotes, 牵头, a former-name bracket taken off and told; a
    // collective name (各区县政府) refused.
    const written = textOf(cells.name ?? null);
    const registered = written === '' ? null : nameToRegister(written, options.lookupUnit.namesOneUnit);
    if (registered && !registered.ok) problems.push({ row, reason: registered.reason, reasonZh: registered.reasonZh });
    if (registered?.ok && registered.notice) nameNotices.push({ row, ...registered.notice });
    const name = registered?.ok ? registered.name : written;
    // A unit the file marks abolished or merged (青川市物价局（已撤销）, 状态 已并入…) is never registered live (breaker10l P6).
    const ended = unitEndProblem(row, name, (others ?? []).map(({ label, cell }) => ({ label, text: textOf(cell) })));
    if (ended) problems.push(ended);
    const kindText = textOf(cells.kind ?? null);
    const parentCode = textOf(cells.parentCode ?? null).normalize('NFKC').trim();
    const parentName = textOf(cells.parentName ?? null);
    const otherNames: UnitOtherName[] = [
      ...namesInCell(cells.shortNames ?? null).map((each) => ({ name: storedUnitName(each), kind: 'SHORT_NAME' as const })),
      ...namesInCell(cells.earlierNames ?? null).map((each) => ({ name: storedUnitName(each), kind: 'EARLIER_NAME' as const })),
    ];

    if (code === '') problems.push({ row, reason: 'Missing unit code (编码).', reasonZh: '缺少单位编码。' });
    else if (!CODE.test(code) && unreadableLabel(code)) {
      // An invisible character the clerk cannot see (FGW + U+200B) pointed at, as in a name (breaker56-10 M3).
      const unreadable = unreadableLabel(code)!;
      problems.push({
        row,
        reason: `The unit code ${unreadable}; a code may only have letters, digits, - and _.`,
        reasonZh: `单位编码${unreadableReasonZh(unreadable)}（单位编码只能由字母、数字、连字符和下划线组成）。`,
      });
    } else if (!CODE.test(code)) {
      problems.push({
        row,
        reason: `Unit code "${code}" may only have letters, digits, - and _, at most 32 of them.`,
        reasonZh: `单位编码“${code}”只能由字母、数字、连字符（-）和下划线（_）组成，最多 32 个字符。`,
      });
    } else if (isReservedKey(code)) {
      problems.push({ row, reason: `Unit code "${code}" is a reserved name (like constructor, __proto__, prototype): choose another.`, reasonZh: `单位编码“${code}”是保留名称，请换一个编码。` });
    } else if (rowOfCode.has(code.toUpperCase())) {
      problems.push({
        row,
        reason: `Duplicate unit code ${code}: already used on row ${rowOfCode.get(code.toUpperCase())}.`,
        reasonZh: `单位编码 ${code} 重复：第 ${rowOfCode.get(code.toUpperCase())} 行已使用。`,
      });
    } else rowOfCode.set(code.toUpperCase(), row);

    const unreadable = unreadableLabel(name);
    if (name === '') problems.push({ row, reason: 'Missing unit name (名称).', reasonZh: '缺少单位名称。' });
    else if (name.length > MAX_NAME) problems.push({ row, reason: `The unit name is longer than ${MAX_NAME} characters.`, reasonZh: `单位名称超过 ${MAX_NAME} 个字。` });
    else if (unreadable) problems.push({ row, reason: `The unit name ${unreadable}.`, reasonZh: `单位名称${unreadableReasonZh(unreadable)}。` });
    else if (rowOfName.has(unitNameKey(name))) {
      const first = rowOfName.get(unitNameKey(name));
      problems.push({ row, reason: `Duplicate unit name ${name}: already used on row ${first}.`, reasonZh: `单位名称“${name}”重复：第 ${first} 行已使用。` });
    }
    else rowOfName.set(unitNameKey(name), row);

    const kind = unitKindOf(kindText);
    if (!kind) {
      problems.push({
        row,
        ...(kindText === ''
          ? { reason: 'Missing unit kind (类型).', reasonZh: '缺少单位类型。' }
          : {
              reason: `Unknown unit kind "${kindText}": use ${UnitKinds.join(', ')} (部门, 区县, 办公厅 or 其他).`,
              reasonZh: `单位类型“${kindText}”无法识别：请填写部门、区县、办公厅或其他。`,
            }),
      });
    }
    return { row, code, name, kind, parentCode, parentName, otherNames };
  });
  const otherNamesOf = otherNamesInFile(rows, options.directory ?? [], problems);

  // Against the directory as it is, and parents.
  const inFile = new Map(rows.filter((unit) => CODE.test(unit.code)).map((unit) => [unit.code.toUpperCase(), unit]));
  const inFileByName = new Map(rows.filter((unit) => CODE.test(unit.code) && unit.name !== '').map((unit) => [unitNameKey(unit.name), unit]));
  const units: ImportedUnit[] = [];
  const distinct = new Set((options.distinctCodes ?? []).map((each) => each.trim().toUpperCase()));
  // Near names looked up by their characters (`NearFormsIndex`), never each row against every earlier row and registered unit: a
  // directory of 10 000 rows held the server 101 s, of 20 001 rows 205 s (breaker54-10 S4).
  const directoryForms = (options.directory ?? []).map((unit) => ({ unit, forms: nameForms(unit.name) }));
  const rowForms = new Map(rows.map((each) => [each.row, each.name === '' || each.name.length > MAX_NAME ? [] : nameForms(each.name)]));
  const rarity = charactersRarity([...directoryForms.map((each) => each.forms), ...rowForms.values()]);
  const registeredNear = new NearFormsIndex<DirectoryEntry>(rarity);
  for (const each of directoryForms) registeredNear.add(each.forms, each.unit);
  const newRowsNear = new NearFormsIndex<{ row: number; name: string }>(rarity);
  const directoryByCode = new Map((options.directory ?? []).map((unit) => [unit.code.toUpperCase(), unit]));
  const sharedWords = sharedWordsIndex(options.directory ?? []);
  const directoryById = new Map((options.directory ?? []).map((unit) => [unit.id, unit]));
  // Whether the file gives parents at all: without a 上级编码 / 上级单位 column, a registered unit's parent is not compared.
  const hasParentColumn = table.headers
    ? table.headers.parentCode !== undefined || table.headers.parentName !== undefined
    : table.records.some(({ cells }) => cells.parentCode !== undefined || cells.parentName !== undefined);
  const fileNameOfId = new Map(rows.filter((unit) => CODE.test(unit.code)).map((unit) => [unitIdForCode(unit.code), unit.name]));
  const parentNameOf = (unitId: string | null): string => (unitId === null ? '无' : (options.nameOf?.(unitId) ?? fileNameOfId.get(unitId) ?? unitId));
  // In slices (`slicer`): thousands of rows are checked without holding every other request.
  const pause = slicer();
  for (const { row, code, name, kind, parentCode, parentName, otherNames } of rows) {
    await pause();
    const idOfCode = code === '' ? undefined : options.lookupUnit(code);
    const idOfName = name === '' ? undefined : options.lookupUnit(name);
    const current = idOfCode === undefined ? undefined : options.nameOf?.(idOfCode);
    // The file names the unit otherwise than the directory does now: a new name, or one it had before
    // (renamed since, or renamed back): a rename either way, never "already registered" (breaker10d P33).
    const otherName = idOfCode !== undefined && name !== '' && (idOfName === undefined || (idOfName === idOfCode && current !== undefined && name !== current));
    const coded = code === '' || name === '' ? undefined : directoryByCode.get(code.toUpperCase());
    const olderRow = coded ? olderDirectoryRow(row, code, name, coded, options.directory ?? [], options.rename ?? false) : null;
    if (olderRow) {
      problems.push(olderRow);
    } else if (idOfCode !== undefined && idOfName !== undefined && idOfCode !== idOfName) {
      // The unit holding the name said, and a former name said as such (breaker56-10 M2: 「另一个单位（不是 ALB）的名称」 named none).
      const holder = (options.directory ?? []).find((unit) => unit.id === idOfName);
      const former = holder && unitNameKey(holder.name) !== unitNameKey(name) ? formerNameTaken(name, holder.code, holder.name) : undefined;
      problems.push(
        former
          ? { row, reason: former.en, reasonZh: former.zh }
          : holder
            ? { row, reason: `${name} is already the name of unit ${holder.code} in the directory, not of ${code}.`, reasonZh: `“${name}”已是单位名录中另一个单位（编码 ${holder.code}，不是 ${code}）的名称。` }
            : { row, reason: `${name} is already the name of another unit than ${code} in the directory.`, reasonZh: `“${name}”已是单位名录中另一个单位（不是 ${code}）的名称。` },
      );
    } else if (otherName && !options.rename) {
      problems.push({
        row,
        reason:
          `Unit code ${code} is already registered under another name${current ? ` (${current})` : ''} than ${name}. ` +
          'If the unit was renamed, import again with --rename (rename: true).',
        reasonZh: `单位编码 ${code} 已登记为${current ? `“${current}”` : '其他名称'}，不是“${name}”。如该单位已更名，请勾选“按更名导入”后重新导入。`,
      });
    } else if (otherName && !distinct.has(code.toUpperCase())) {
      // Renamed to a name near another registered unit's (青川市体育局 renamed 青川市教育体育局 beside a registered 青川市教育局): asked,
      // as a new unit's is and as renameUnit asks (issue 10), never applied unasked.
      const near = registeredNear.near(rowForms.get(row) ?? nameForms(name)).filter((unit) => unit.id !== idOfCode);
      if (near.length > 0) problems.push(nearRenameProblem(row, code, name, near));
    } else if (idOfCode === undefined && idOfName !== undefined && CODE.test(code)) {
      // A renamed unit's former name: said whose, as a registration under it is (breaker48-10 M3: 「已用另一个编码登记」 named no unit).
      const holder = (options.directory ?? []).find((unit) => unit.id === idOfName && unitNameKey(unit.name) !== unitNameKey(name) && !unit.mergedIntoUnitId);
      // A recorded 简称 or 曾用名 said as such (newcomer57-10 S1: 市大数据局 registered beside the unit the office calls so).
      const other = holder?.otherNames?.find((each) => unitNameKey(each.name) === unitNameKey(name));
      const former = holder ? (other ? otherNameTaken(name, holder.code, holder.name, other.kind) : formerNameTaken(name, holder.code, holder.name)) : undefined;
      // Registered under its own name with another code (an office re-keying its directory after 机构改革): that code named, so the
      // row can be fixed (newcomer51-10 M3: 「已用另一个编码（不是 WSJKW）登记」 named none).
      const registered = (options.directory ?? []).find((unit) => unit.id === idOfName);
      const taken = registered
        ? {
            reason: `${name} is already registered under code ${registered.code}, not ${code}: write ${registered.code} in this row (a unit keeps its code); another unit needs another name.`,
            reasonZh: `“${name}”已用编码 ${registered.code} 登记，不是 ${code}：请把该行编码改为 ${registered.code}（单位编码登记后不变）；如确是另一个单位，请写明其名称。`,
          }
        : { reason: `${name} is already registered under another code than ${code}.`, reasonZh: `“${name}”已用另一个编码（不是 ${code}）登记。` };
      problems.push(former ? { row, reason: former.en, reasonZh: former.zh } : { row, ...taken });
    }

    // A new unit whose name is near a registered unit's or an earlier row's (市发改委, 青川市 教育局, 市发改委（市粮食局）): asked, never
    // registered as a second unit unasked (breaker10k P6).
    // A name written twice alike is refused above as a duplicate: asked once.
    if (idOfCode === undefined && idOfName === undefined && name !== '' && CODE.test(code) && rowOfName.get(unitNameKey(name)) === row) {
      const forms = rowForms.get(row) ?? nameForms(name);
      if (!distinct.has(code.toUpperCase())) {
        const registered = registeredNear.near(forms);
        if (registered.length > 0) problems.push(nearRegisteredProblem(row, code, name, registered));
        else {
          const earlier = newRowsNear.near(forms);
          if (earlier.length > 0) problems.push(nearRowProblem(row, code, name, earlier));
        }
      }
      newRowsNear.add(forms, { row, name });
      // Near by no rule, but sharing a distinctive word with a registered unit (市大数据局 beside 青川市政务服务和大数据管理局, 青川市环境保护局
      // beside 青川市生态环境局): told in the preview, so that a 简称 or 曾用名 is not registered as a phantom unit (newcomer57-10 S1).
      if (!problems.some((problem) => problem.row === row)) {
        const shared = sharedWords(name);
        if (shared) nameNotices.push({ row, ...sharedWordNotice(name, code, shared) });
      }
    }

    let parentUnitId: string | null = null;
    const parentByName = parentName === '' ? null : parentOfName(parentName, name, inFileByName, options.lookupUnit);
    if (parentByName && !parentByName.ok) problems.push({ row, ...parentByName.problem });
    const namedParentId = parentByName?.ok ? parentByName.unitId : null;
    if (parentCode === '') parentUnitId = namedParentId;
    else if (namedParentId !== null) {
      const coded = inFile.has(parentCode.toUpperCase()) ? unitIdForCode(parentCode) : CODE.test(parentCode) ? options.lookupUnit(parentCode) : undefined;
      if (coded !== undefined && coded !== namedParentId) {
        problems.push({
          row,
          reason: `The parent code ${parentCode} and the parent unit ${parentName} are two different units.`,
          reasonZh: `上级编码 ${parentCode} 与上级单位“${parentName}”不是同一个单位。`,
        });
      }
    }
    if (parentCode !== '') {
      if (parentCode.toUpperCase() === code.toUpperCase()) {
        problems.push({ row, reason: `Unit ${code} cannot be its own parent.`, reasonZh: `单位 ${code} 不能是自己的上级单位。` });
      } else if (inFile.has(parentCode.toUpperCase())) {
        parentUnitId = unitIdForCode(parentCode);
      } else {
        const existing = CODE.test(parentCode) ? options.lookupUnit(parentCode) : undefined;
        if (existing === undefined) {
          // 上级编码 typed 1 / 10 while the 编码 column shows 001 / 010 (read as shown): the code meant, asked (breaker46-10 S2's sequel).
          const meant = codesWithSameDigits(parentCode, [...inFile.values(), ...(options.directory ?? [])]);
          const ask = meant.length === 0 ? null : {
            en: ` Did you mean ${meant.map((unit) => `${unit.code} (${unit.name})`).join(' or ')}? Codes are read as the sheet shows them: write the parent code as the 编码 column shows it.`,
            zh: `是否指 ${meant.map((unit) => `${unit.code}（${unit.name}）`).join('或')}？编码按表格显示的样子读取：请把上级编码写成与编码列所显示的一致。`,
          };
          problems.push({
            row,
            reason: `Unknown parent unit code "${parentCode}": neither in this file nor in the directory.${ask?.en ?? ''}`,
            reasonZh: `上级单位编码“${parentCode}”既不在本文件中，也不在单位名录中。${ask?.zh ?? ''}`,
          });
        }
        parentUnitId = existing ?? null;
      }
    }
    let kindAndParentFrom: ImportedUnit['kindAndParentFrom'] = null;
    // A registered unit's kind or parent given otherwise (breaker57-10 S1: 「已在名录中」 and the change dropped unsaid): changed when
    // asked, else refused naming both — 市直各部门, 各区县政府 and 各科室 expand by them.
    const registeredUnit = idOfCode === undefined ? undefined : directoryById.get(idOfCode);
    if (kind && registeredUnit?.kind !== undefined && !registeredUnit.mergedIntoUnitId) {
      const parentNow = registeredUnit.parentUnitId ?? null;
      const kindDiffers = kind !== registeredUnit.kind;
      const parentDiffers = hasParentColumn && parentUnitId !== parentNow;
      if (kindDiffers || parentDiffers) {
        const from = { kind: registeredUnit.kind, parentUnitId: parentNow };
        if (options.updateKindAndParent) kindAndParentFrom = from;
        else problems.push(kindAndParentProblem(row, code, from, { kind, parentUnitId: hasParentColumn ? parentUnitId : parentNow }, kindDiffers, parentDiffers, parentNameOf));
      }
    }
    if (kind) {
      const renamedFrom = otherName && options.rename ? (current ?? null) : null;
      units.push({ row, unitId: unitIdForCode(code), code, name, kind, parentUnitId: registeredUnit && !hasParentColumn ? (registeredUnit.parentUnitId ?? null) : parentUnitId, alreadyRegistered: idOfCode !== undefined, renamedFrom, ...(kindAndParentFrom ? { kindAndParentFrom } : {}), otherNames: otherNamesOf(row, idOfCode, otherNames) });
    }
  }

  const ordered = parentsFirst(units, problems);
  if (table.records.length === 0) problems.push({ row: null, reason: 'The file lists no units.', reasonZh: '文件中没有列出任何单位。' });
  if (problems.length > 0) return { ok: false, problems: sortedProblems(problems), ...(table.sheet === null ? {} : { sheet: table.sheet }) };
  const notes = readingNotesOf(table, unused.notImported);
  const notices = [...nameNotices, ...(notes.notices ?? [])];
  return { ok: true, units: ordered, ...notes, ...(notices.length > 0 ? { notices } : {}) };
}

/**
 * A registered unit's row giving another kind or parent than the directory's (`from`, the file's `to`), not asked to change them
 * (breaker57-10 S1): refused naming both and the two ways on — 按文件更新类型和上级 with its day, or the 单位名录 page.
 */
function kindAndParentProblem(
  row: number,
  code: string,
  from: { readonly kind: UnitKind; readonly parentUnitId: string | null },
  to: { readonly kind: UnitKind; readonly parentUnitId: string | null },
  kindDiffers: boolean,
  parentDiffers: boolean,
  nameOf: (unitId: string | null) => string,
): ImportProblem {
  const shown = (placed: typeof from) => `${UNIT_KIND_WORDS[placed.kind]}，上级 ${nameOf(placed.parentUnitId)}`;
  const shownEn = (placed: typeof from) => `${placed.kind}, parent ${nameOf(placed.parentUnitId)}`;
  const what = kindDiffers && parentDiffers ? { en: 'kind and parent', zh: '类型和上级单位' } : kindDiffers ? { en: 'kind', zh: '类型' } : { en: 'parent', zh: '上级单位' };
  return {
    row,
    reason:
      `Unit ${code}'s ${what.en} differ from the directory's (directory: ${shownEn(from)}; file: ${shownEn(to)}): not changed. ` +
      'To change them, import again with --update-kind-and-parent (updateKindAndParent) and the day it took effect, or change them on the 单位名录 page; otherwise write the directory\'s in this row.',
    reasonZh:
      `单位 ${code} 的${what.zh}与名录不同（名录：${shown(from)}；文件：${shown(to)}）：未改动。` +
      '如需按文件调整，请勾选“按文件更新类型和上级”并填写“调整生效日期”后重新导入，或在单位名录页面“调整类型和上级”；否则请在该行照名录填写。',
  };
}

/**
 * The refusal of a 单位名录 file of more than `MAX_FILE_ROWS` rows (`rows`, a unit each), as plans and 台账 are refused: no
 * directory of one city's units has so many; null within it.
 */
export function unitsBeyondLimitProblem(rows: number): ImportProblem | null {
  if (rows <= MAX_FILE_ROWS) return null;
  return {
    row: null,
    reason:
      `The file has ${rows} rows, more than the ${MAX_FILE_ROWS} a units directory file may have (a city's directory has hundreds to a few thousand units): ` +
      'check that it is the right file and that its rows are not repeated; a larger directory is imported in several files.',
    reasonZh:
      `该文件有 ${rows} 行，超过一个单位名录文件允许的 ${MAX_FILE_ROWS} 行（一个市的单位名录通常为几百到几千个单位）：` +
      '请核对是否选错了文件，或文件中的行是否重复粘贴了多遍；单位确实更多的，请分成几个文件逐个导入。',
  };
}

/** How a row confirms its unit is another than a near-named one: the distinctCodes field by its label on the 导入 page (the English names the flag too; a Chinese refusal names no flag, breaker11c N6). */
const CONFIRM_DISTINCT = { en: 'put its code in distinctCodes (--distinct <code>)', zh: '在“确认为不同单位的编码”中填写该行编码' };

/** The problem of a new unit whose name is near registered units' (`nearUnitNames`): the match offered, nothing registered. */
function nearRegisteredProblem(row: number, code: string, name: string, matches: readonly { code: string; name: string }[]): ImportProblem {
  const named = matches.map((unit) => `“${unit.name}”（编码 ${unit.code}）`).join('、');
  const first = matches[0]!;
  return {
    row,
    reason: `Unit ${code} "${name}" is near the registered unit${matches.length > 1 ? 's' : ''} ${matches.map((unit) => `"${unit.name}" (${unit.code})`).join(', ')}: it may be the same unit written another way. If it is, write its code ${first.code} and name "${first.name}" (or leave the row out); if that unit was renamed to this name, write its code ${first.code} and import with --rename (rename: true); if it is another unit, ${CONFIRM_DISTINCT.en} and import again.`,
    reasonZh: `单位“${name}”（编码 ${code}）与已登记的单位${named}相近，可能是同一单位的不同写法：如是同一单位，请改写为编码 ${first.code}、名称“${first.name}”（或删去该行）；如是该单位已更名为此名称，请把编码写为 ${first.code} 并勾选“按更名导入”；如确是另一个单位，请${CONFIRM_DISTINCT.zh}后重新导入。`,
  };
}

/** The problem of a rename (`rename`) to a name near other registered units' (`nearUnitNames`): nothing renamed, the match named. */
function nearRenameProblem(row: number, code: string, name: string, matches: readonly { code: string; name: string }[]): ImportProblem {
  const named = matches.map((unit) => `“${unit.name}”（编码 ${unit.code}）`).join('、');
  return {
    row,
    reason: `Unit ${code}'s new name "${name}" is near the registered unit${matches.length > 1 ? 's' : ''} ${matches.map((unit) => `"${unit.name}" (${unit.code})`).join(', ')}: files naming either would be read as the other. If they are one unit, merge them rather than renaming; if it is another unit, ${CONFIRM_DISTINCT.en} and import again.`,
    reasonZh: `单位 ${code} 的新名称“${name}”与已登记的单位${named}相近，更名后文件中的这两个名称可能被当作同一单位：如确是同一单位，请使用“合并单位”，不要更名；如确是另一个单位，请${CONFIRM_DISTINCT.zh}后重新导入。`,
  };
}

/** The problem of a new unit whose name is near an earlier row's of the same file: one unit listed twice, asked. */
function nearRowProblem(row: number, code: string, name: string, matches: readonly { row: number; name: string }[]): ImportProblem {
  const first = matches[0]!;
  return {
    row,
    reason: `Unit ${code} "${name}" is near "${first.name}" on row ${first.row}: it may be one unit listed twice. If so, leave one row out; if they are two units, ${CONFIRM_DISTINCT.en} and import again.`,
    reasonZh: `单位“${name}”（编码 ${code}）与第 ${first.row} 行的“${first.name}”相近，可能是同一单位列了两次：如是，请删去其中一行；如确是两个单位，请${CONFIRM_DISTINCT.zh}后重新导入。`,
  };
}

/**
 * The parent a 上级单位 / 主管单位 cell names: a unit of the file (by name), else of the directory
 * (by name or code, short names as plans write them), or the problem saying why none.
 */
function parentOfName(
  parentName: string,
  ownName: string,
  inFileByName: ReadonlyMap<string, { code: string }>,
  lookupUnit: UnitLookup,
): { ok: true; unitId: string } | { ok: false; problem: { reason: string; reasonZh: string } } {
  if (ownName !== '' && unitNameKey(parentName) === unitNameKey(ownName)) {
    return { ok: false, problem: { reason: `Unit ${ownName} cannot be its own parent.`, reasonZh: `单位“${ownName}”不能是自己的上级单位。` } };
  }
  const inFile = inFileByName.get(unitNameKey(parentName));
  if (inFile) return { ok: true, unitId: unitIdForCode(inFile.code) };
  const exact = lookupUnit(parentName);
  if (exact !== undefined) return { ok: true, unitId: exact };
  const resolved = lookupUnit.resolveNames?.(parentName);
  if (resolved?.ok && resolved.units.length === 1 && !resolved.collective) return { ok: true, unitId: resolved.units[0]!.unitId };
  return {
    ok: false,
    problem: {
      reason: `Unknown parent unit "${parentName}": neither in this file nor in the directory${resolved && !resolved.ok && !resolved.unknown ? ` (${resolved.reason})` : ''}.`,
      reasonZh: `上级单位“${parentName}”既不在本文件中，也不在单位名录中${resolved && !resolved.ok && !resolved.unknown ? `（${resolved.reasonZh}）` : ''}。`,
    },
  };
}

/**
 * The units (of the file, then the directory; each code once) whose code is `code`'s digits with other leading zeros — `1` and
 * `001`, `010` and `10` — the code a clerk meant when one column shows zeros its format adds and another was typed without.
 * Empty for a code with anything but digits, or when none matches.
 */
function codesWithSameDigits(code: string, units: readonly { readonly code: string; readonly name: string }[]): { code: string; name: string }[] {
  const digits = (text: string) => (/^\d+$/u.test(text) ? text.replace(/^0+(?=\d)/u, '') : null);
  const own = digits(code);
  if (own === null) return [];
  const meant = new Map<string, string>();
  for (const unit of units) if (unit.code !== code && digits(unit.code) === own && !meant.has(unit.code)) meant.set(unit.code, unit.name);
  return [...meant].map(([each, name]) => ({ code: each, name }));
}

/** Units ordered so that a parent in the file comes before its children; a loop of parents is a problem. */
function parentsFirst(units: readonly ImportedUnit[], problems: ImportProblem[]): ImportedUnit[] {
  const byId = new Map(units.map((unit) => [unit.unitId, unit]));
  const ordered: ImportedUnit[] = [];
  const placed = new Set<string>();
  const looping = new Set<string>();
  for (const start of units) {
    const chain: ImportedUnit[] = [];
    let unit: ImportedUnit | undefined = start;
    while (unit && !placed.has(unit.unitId) && !chain.includes(unit)) {
      chain.push(unit);
      unit = unit.parentUnitId === null ? undefined : byId.get(unit.parentUnitId);
    }
    if (unit && chain.includes(unit) && !looping.has(unit.unitId)) {
      const loop = chain.slice(chain.indexOf(unit));
      for (const member of loop) {
        looping.add(member.unitId);
        problems.push({
          row: member.row,
          reason: `The parents of unit ${member.code} go round in a loop: ${[...loop, loop[0]!].map((each) => each.code).join(' → ')}.`,
          reasonZh: `单位 ${member.code} 的上级关系形成了循环：${[...loop, loop[0]!].map((each) => each.code).join(' → ')}。`,
        });
      }
    }
    for (const member of chain.reverse()) {
      if (placed.has(member.unitId)) continue;
      placed.add(member.unitId);
      ordered.push(member);
    }
  }
  return ordered;
}

/**
 * The 简称 / 曾用名 cells of a 单位名录 file checked across the file and the directory (newcomer57-10 S1), the problems pushed onto
 * `problems`: a name over the length limit or unreadable; one that is another row's name or other name; one another registered
 * unit answers to (its name, a former name, a 简称 or 曾用名), naming both units. Returns, for a row, its unit (`idOfCode`: registered
 * under the row's code, or undefined for a new one) and the names read, the names to record: those the unit does not answer to yet.
 */
function otherNamesInFile(
  rows: readonly { readonly row: number; readonly code: string; readonly name: string; readonly otherNames: readonly UnitOtherName[] }[],
  directory: readonly DirectoryEntry[],
  problems: ImportProblem[],
): (row: number, idOfCode: string | undefined, otherNames: readonly UnitOtherName[]) => UnitOtherName[] {
  const byKey = new Map<string, { readonly unit: DirectoryEntry; readonly as: UnitOtherName['kind'] | 'NAME' | 'FORMER_NAME' }>();
  for (const unit of directory) {
    byKey.set(unitNameKey(unit.name), { unit, as: 'NAME' });
    for (const former of unit.formerNames ?? []) if (!byKey.has(unitNameKey(former))) byKey.set(unitNameKey(former), { unit, as: 'FORMER_NAME' });
    for (const other of unit.otherNames ?? []) if (!byKey.has(unitNameKey(other.name))) byKey.set(unitNameKey(other.name), { unit, as: other.kind });
  }
  const rowOfName = new Map<string, { readonly row: number; readonly code: string; readonly name: string }>();
  for (const each of rows) if (each.name !== '') rowOfName.set(unitNameKey(each.name), each);
  const rowOfOther = new Map<string, { readonly row: number; readonly code: string; readonly name: string }>();
  for (const each of rows) {
    for (const other of each.otherNames) {
      const key = unitNameKey(other.name);
      const kind = otherNameKindZh(other.kind);
      const unreadable = unreadableLabel(other.name);
      if (other.name.length > MAX_NAME) {
        problems.push({ row: each.row, reason: `The ${other.kind === 'SHORT_NAME' ? 'short' : 'earlier'} name "${quotedStart(other.name)}" is longer than ${MAX_NAME} characters.`, reasonZh: `${kind}“${quotedStart(other.name)}”超过 ${MAX_NAME} 个字。` });
        continue;
      }
      if (unreadable) {
        problems.push({ row: each.row, reason: `The ${other.kind === 'SHORT_NAME' ? 'short' : 'earlier'} name ${unreadable}.`, reasonZh: `${kind}${unreadableReasonZh(unreadable)}。` });
        continue;
      }
      const named = rowOfName.get(key);
      if (named && named.row !== each.row) {
        problems.push({
          row: each.row,
          reason: `"${other.name}", given as a name of ${each.name} (${each.code}), is the name of ${named.code} on row ${named.row}: one name cannot mean two units.`,
          reasonZh: `“${other.name}”写作${each.name}（编码 ${each.code}）的${kind}，但它是第 ${named.row} 行单位（编码 ${named.code}）的名称：一个名称不能指两个单位。`,
        });
        continue;
      }
      const earlier = rowOfOther.get(key);
      if (earlier && earlier.row !== each.row) {
        problems.push({
          row: each.row,
          reason: `"${other.name}" is given as a name of ${each.name} (${each.code}) and of ${earlier.name} (${earlier.code}, row ${earlier.row}): one name cannot mean two units.`,
          reasonZh: `“${other.name}”既写作${each.name}（编码 ${each.code}）的${kind}，又写作第 ${earlier.row} 行${earlier.name}（编码 ${earlier.code}）的简称或曾用名：一个名称不能指两个单位。`,
        });
        continue;
      }
      rowOfOther.set(key, each);
      const holder = byKey.get(key);
      if (holder && holder.unit.code.toUpperCase() !== each.code.toUpperCase()) {
        const as = otherNameKindZh(holder.as);
        problems.push({
          row: each.row,
          reason: `"${other.name}" cannot be recorded as a name of ${each.name} (${each.code}): it is the ${holder.as === 'SHORT_NAME' ? 'short name' : holder.as === 'EARLIER_NAME' ? 'earlier name' : holder.as === 'FORMER_NAME' ? 'former name' : 'name'} of ${holder.unit.name} (${holder.unit.code}) in the directory, and files naming it are read as that unit.`,
          reasonZh: `“${other.name}”不能登记为${each.name}（编码 ${each.code}）的${kind}：它已是单位名录中${holder.unit.name}（编码 ${holder.unit.code}）的${as}，文件中写“${other.name}”的均按该单位读取。如是误登记在该单位名下，请先在“单位名录”页面删去后再导入。`,
        });
      }
    }
  }
  return (row, idOfCode, otherNames) => {
    const unit = idOfCode === undefined ? undefined : directory.find((each) => each.id === idOfCode);
    const own = new Set([...(unit ? [unit.name, ...(unit.formerNames ?? []), ...(unit.otherNames ?? []).map((other) => other.name)] : []), ...rows.filter((each) => each.row === row).map((each) => each.name)].map(unitNameKey));
    const names: UnitOtherName[] = [];
    for (const other of otherNames) {
      if (own.has(unitNameKey(other.name))) continue;
      own.add(unitNameKey(other.name));
      names.push(other);
    }
    return names;
  };
}

/** What a unit's name says besides its place and its body's kind: 大数据 of 市大数据局, 生态环境 of 青川市生态环境局. */
function nameCore(name: string): string {
  const text = name.normalize('NFKC').replace(/\s+/gu, '');
  const placeEnd = text.slice(0, 6).search(/[省市州县区旗](?!场|政)/u);
  const rest = placeEnd >= 0 ? text.slice(placeEnd + 1) : text;
  return rest.replace(/(?:管理局|委员会|办公室|管理办公室|服务中心|中心|局|委|办|厅|院|所|站|处|室)$/u, '');
}
/** Two characters too common in units' names to tell one from another. */
const COMMON_PAIRS = new Set(['管理', '服务', '委员', '员会', '办公', '公室', '人民', '政府', '发展', '工作', '事务', '监督', '中心', '建设']);
const pairsOf = (core: string): string[] => Array.from({ length: Math.max(0, core.length - 1) }, (_, at) => core.slice(at, at + 2)).filter((pair) => /^\p{Script=Han}{2}$/u.test(pair) && !COMMON_PAIRS.has(pair));
/** The longest run of characters `a` and `b` share. */
function longestSharedRun(a: string, b: string): string {
  let best = '';
  for (let start = 0; start < a.length; start += 1) for (let end = start + best.length + 1; end <= a.length && b.includes(a.slice(start, end)); end += 1) best = a.slice(start, end);
  return best;
}

/**
 * For a new unit's name, the registered standing unit whose name (or a former, short or earlier name) shares a distinctive run of two
 * or more characters with it, beyond place and kind (`nameCore`), and the run; undefined when none. A pair shared by more than two
 * units of the directory is no sign of one unit. Indexed by character pairs once per file.
 */
function sharedWordsIndex(directory: readonly DirectoryEntry[]): (name: string) => { readonly unit: DirectoryEntry; readonly word: string } | undefined {
  const byPair = new Map<string, Set<DirectoryEntry>>();
  const cores = new Map<DirectoryEntry, string[]>();
  for (const unit of directory) {
    if (unit.mergedIntoUnitId) continue;
    const unitCores = [unit.name, ...(unit.formerNames ?? []), ...(unit.otherNames ?? []).map((other) => other.name)].map(nameCore);
    cores.set(unit, unitCores);
    for (const pair of new Set(unitCores.flatMap(pairsOf))) {
      let units = byPair.get(pair);
      if (!units) byPair.set(pair, (units = new Set()));
      units.add(unit);
    }
  }
  return (name) => {
    const core = nameCore(name);
    for (const pair of pairsOf(core)) {
      const units = byPair.get(pair);
      if (!units || units.size > 2) continue;
      const unit = [...units][0]!;
      const word = (cores.get(unit) ?? []).map((each) => longestSharedRun(core, each)).sort((a, b) => b.length - a.length)[0] ?? pair;
      return { unit, word };
    }
    return undefined;
  };
}

/** The preview's notice of a new unit sharing a distinctive word with a registered one (`sharedWordsIndex`): is it that unit's 简称 or 曾用名? */
function sharedWordNotice(name: string, code: string, shared: { readonly unit: DirectoryEntry; readonly word: string }): { reason: string; reasonZh: string } {
  const { unit, word } = shared;
  return {
    reason: `New unit ${code} "${name}" shares "${word}" with the registered ${unit.name} (${unit.code}). If "${name}" is that unit's short or earlier name, do not register it: give it in that unit's 简称 / 曾用名 column (or record it on the 单位名录 page); if it is another unit, import as it is.`,
    reasonZh: `新登记的“${name}”（编码 ${code}）与已登记的${unit.name}（编码 ${unit.code}）都有“${word}”：如“${name}”是该单位的简称或曾用名，请不要登记为新单位，而是在该单位的“简称”“曾用名”列中填写（或在“单位名录”页面为其登记）；确是另一个单位的，可照此导入。`,
  };
}
