import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { buildSchema, getNamedType, GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType, type GraphQLInputType } from 'graphql';
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { notFound, THINGS, type Thing } from '../src/shared/domain-error.js';
import { unitNamed } from '../src/assignments/domain/assignment.decider.js';

/*
 * Issue 11 (item 5 of the first list, item 8 of the second): Chinese refusals showed ids — 延期申请
 * 3f2c…, 督查记录 9a1e…, 单位 0b7d…, 工作方案“c41f…”不存在 — which mean nothing to office staff (they
 * never see an id on a screen) and look like a fault. The whole kind: every Chinese text a refusal
 * can say is read from the sources, and none may put an id into its words. The English message keeps
 * the id, for scripts and logs.
 */

const SRC = join(process.cwd(), 'src');

/**
 * Evidence, not refusals: the ledger's verification findings name the events and stores they found
 * (an auditor needs exactly that id to look at the record), in an operator's report, not on a form.
 */
const EVIDENCE_REPORTS = new Set(['ledger/domain/ledger-verification.ts', 'ledger/witnessed-head.ts']);

/** Calls whose argument at this index is a refusal's (or a refusal's name's) Chinese text. */
const CHINESE_ARGUMENT: Record<string, number> = { say: 1, badInput: 1, conflict: 1, forbidden: 1, named: 2 };
/** Object properties holding a refusal's Chinese text (import problems, field errors, bilingual pairs). */
const CHINESE_PROPERTY = new Set(['zh', 'reasonZh', 'messageZh']);

/** An expression naming an id: `unitId`, `state.planId`, `command.unknownUnitIds.join(', ')`, `reference.id`, `ids`. */
const NAMES_AN_ID = /(?:[a-z0-9_]Ids?\b|\bids?\b|\bID\b)/;

const sources = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });

/** Calls `check` with every expression in a refusal's Chinese slot (say()'s second argument, a `zh`/`messageZh` property) of `source`. */
function forEachChineseTextSlot(source: ts.SourceFile, check: (text: ts.Node | undefined) => void): void {
  const visit = (node: ts.Node) => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text in CHINESE_ARGUMENT) {
      check(node.arguments?.[CHINESE_ARGUMENT[node.expression.text]!]);
    }
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && CHINESE_PROPERTY.has(node.name.text)) check(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(source);
}

/** Every `${…}` of a Chinese refusal text that puts an id into it: `file:line ${expression}`. */
function idsInChineseTexts(): { chineseTexts: number; offenders: string[] } {
  const offenders: string[] = [];
  let chineseTexts = 0;
  for (const file of sources(SRC)) {
    const name = relative(SRC, file);
    if (EVIDENCE_REPORTS.has(name)) continue;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const check = (text: ts.Node | undefined) => {
      if (!text || !(ts.isTemplateExpression(text) || ts.isNoSubstitutionTemplateLiteral(text) || ts.isStringLiteral(text))) return;
      if (!/[\u4e00-\u9fff]/.test(text.getText())) return;
      chineseTexts += 1;
      if (!ts.isTemplateExpression(text)) return;
      for (const span of text.templateSpans) {
        const expression = span.expression.getText();
        if (NAMES_AN_ID.test(expression)) offenders.push(`${name}:${source.getLineAndCharacterOfPosition(span.getStart()).line + 1} \${${expression}}`);
      }
    };
    forEachChineseTextSlot(source, check);
  }
  return { chineseTexts, offenders };
}

/*
 * breaker11b G5 / breaker11c N6: the 导入 page showed “请选择“按调整导入”（--revise）…“预览”（--dry-run）”
 * and “（approvedOn / --approved-on）”: command-line flags and API field names a clerk cannot act on,
 * and a choice the page does not have. A refusal's Chinese text speaks the page's words; only what
 * an operator reads at the server's start (the store, the ledger, settings, the command line) may
 * name a flag or a setting.
 */
const OPERATOR_TEXTS = /^(event-store|ledger|config|cli)\/|^main\.ts$/;
/** A command-line flag (--revise) or an input field's code name (approvedOn, dryRun) in a text's own words. */
const DEVELOPER_WORDS = /--[a-z][a-z-]+|\b[a-z]+(?:On|Run|Id|Ids|Key)\b|\b(?:revise|rename|dryRun)\b/;

/** Every Chinese refusal text outside the operators' messages whose words (not its `${…}`) name a flag or a field's code: `file:line text`. */
function developerWordsInChineseTexts(): string[] {
  const offenders: string[] = [];
  for (const file of sources(SRC)) {
    const name = relative(SRC, file).replaceAll('\\', '/');
    if (OPERATOR_TEXTS.test(name) || EVIDENCE_REPORTS.has(name)) continue;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const check = (text: ts.Node | undefined) => {
      if (!text || !/[\u4e00-\u9fff]/.test(text.getText())) return;
      const wordsOf = (node: ts.Node): string =>
        ts.isTemplateExpression(node)
          ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ')
          : ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
            ? node.text
            : ts.isBinaryExpression(node) || ts.isParenthesizedExpression(node)
              ? node.getChildren().map(wordsOf).join('')
              : '';
      const words = wordsOf(text);
      if (DEVELOPER_WORDS.test(words)) offenders.push(`${name}:${source.getLineAndCharacterOfPosition(text.getStart()).line + 1} ${words.slice(0, 80)}`);
    };
    forEachChineseTextSlot(source, check);
  }
  return offenders;
}

describe('no Chinese refusal speaks in flags or field codes (breaker11c N6)', () => {
  it('no Chinese text of a refusal in src/, but the operators’ start-up messages, names a command-line flag or an input field’s code', () => {
    expect(developerWordsInChineseTexts()).toEqual([]);
  });

  it('the scan finds flags and field codes where they are put (it can fail)', () => {
    expect(DEVELOPER_WORDS.test('请选择“按调整导入”（--revise）')).toBe(true);
    expect(DEVELOPER_WORDS.test('请填写其批准日期（approvedOn / --approved-on）')).toBe(true);
    expect(DEVELOPER_WORDS.test('请勾选“按新版本调整”后重新导入')).toBe(false);
    expect(DEVELOPER_WORDS.test('网址 http://oa/xxgk/123')).toBe(false);
  });
});

const UUID = '3f2c9a1e-7b4d-4c8e-9f0a-1b2c3d4e5f60';

describe('no Chinese refusal shows an id', () => {
  it('no Chinese text of a refusal in src/ puts an id into its words', () => {
    const { chineseTexts, offenders } = idsInChineseTexts();
    // The scan reads the refusals it is meant to (hundreds of them), not an empty set.
    expect(chineseTexts).toBeGreaterThan(300);
    expect(offenders).toEqual([]);
  });

  it('the scan finds an id where one is put (it can fail)', () => {
    expect(NAMES_AN_ID.test('requestId')).toBe(true);
    expect(NAMES_AN_ID.test('command.unknownUnitIds.join(", ")')).toBe(true);
    expect(NAMES_AN_ID.test('reference.id')).toBe(true);
    expect(NAMES_AN_ID.test('unit.zh')).toBe(false);
    expect(NAMES_AN_ID.test('idempotencyKey')).toBe(false);
    expect(NAMES_AN_ID.test('identity.name')).toBe(false);
  });

  it.each(Object.keys(THINGS) as Thing[])('"%s does not exist" names the kind of thing in Chinese, not the id (the English keeps it)', (thing) => {
    const refusal = notFound(thing, UUID);
    expect(refusal.messageZh).toContain(THINGS[thing]);
    expect(refusal.messageZh).not.toContain(UUID);
    expect(refusal.message).toContain(UUID);
  });

  it('a unit the directory has no name for is 该单位 in Chinese, never its id', () => {
    const named = unitNamed({ unitNames: { nameOf: () => undefined } } as never, UUID);
    expect(named.zh).not.toContain(UUID);
    expect(named.en).toContain(UUID);
  });
});

/*
 * web2 fault 1: a field's refusal from the API's input checks, shown beside the field, was a fragment — 「最多 200 个字符」,
 * 「不能为空」, 「格式不正确」 — where the app's own are sentences (「请填写“撤销理由”。」). The whole kind: every input class
 * the API validates (every @InputType / @ArgsType in src/) is given wrong values for each of its fields, until every check
 * registered on them has refused something; each field message must name its field, be worded for its check, and end in
 * one 。; the whole refusal, the fields' sentences joined, must end once.
 */
describe('every field refusal the input checks can give is a sentence naming its field', () => {
  type Metadata = { target: Function | string; propertyName: string; type: string; name?: string; constraints?: unknown[] };
  const INPUT_TYPE = /@(?:InputType|ArgsType)\(/;
  const registered: Metadata[] = [];
  let worded: ReadonlySet<string>;
  let inputRefusalOf: (errors: ValidationError[]) => { messageZh: string; details: unknown };
  let choiceZh: (value: string) => string | undefined;

  beforeAll(async () => {
    for (const file of sources(SRC).filter((path) => INPUT_TYPE.test(readFileSync(path, 'utf8')))) await import(file);
    const errors = await import('../src/shared/graphql/chinese-errors.js');
    worded = errors.WORDED_CONSTRAINTS;
    inputRefusalOf = errors.inputRefusal as never;
    ({ choiceZh } = await import('../src/shared/graphql/choice-words-zh.js'));
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, Metadata[]> };
    registered.push(...[...storage.validationMetadatas.values()].flat().filter((metadata) => typeof metadata.target === 'function'));
  });

  /** A check's name as a refusal's `constraints` key: a custom check's own name, else its type. */
  const checkOf = (metadata: Metadata) => (metadata.type === 'customValidation' ? metadata.name! : metadata.type);
  /** What never refuses anything by itself (IsOptional). */
  const NOT_A_CHECK = new Set(['conditionalValidation']);

  /** Wrong values of every shape a field can be given: texts empty, long, unreadable or of the wrong form, numbers, lists, objects. */
  const WRONG: unknown[] = [
    '', '   ', 'a', 'ab c', 'x'.repeat(100_001), '2026-02-30', '26-3-1', '1800-01-01', 'constructor', 'not-an-id', 'zzz',
    'https:www.qingchuan.gov.cn', 'javascript:alert(1)', 'a\u200bb', '\ue000', 'a\u0000b', 1.5, -1e12, 1e12, true, null,
    [], ['a', 'a'], Array.from({ length: 1001 }, (_, index) => `${index}`), [{}], [{ title: 'x'.repeat(201), link: 'https:www.a.cn' }], {}, 'text',
  ];

  /** Every refusal of every check, by class and field, as the API's ValidationPipe makes it (forbidNonWhitelisted included). */
  function refusals(): { fieldErrors: { field: string; messageZh: string }[]; whole: string[]; checks: Set<string> } {
    const fieldErrors: { field: string; messageZh: string }[] = [];
    const whole: string[] = [];
    const checks = new Set<string>();
    const collect = (errors: ValidationError[]) => {
      for (const error of errors) {
        for (const check of Object.keys(error.constraints ?? {})) checks.add(check);
        collect(error.children ?? []);
      }
    };
    const targets = new Map<Function, Set<string>>();
    for (const metadata of registered) targets.set(metadata.target as Function, (targets.get(metadata.target as Function) ?? new Set()).add(metadata.propertyName));
    for (const [target, properties] of targets) {
      for (const property of [...properties, 'notAField']) {
        for (const value of WRONG) {
          const instance = plainToInstance(target as new () => object, { [property]: value });
          const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
          if (errors.length === 0) continue;
          collect(errors);
          const refusal = inputRefusalOf(errors);
          whole.push(refusal.messageZh);
          fieldErrors.push(...(refusal.details as { fieldErrors: { field: string; messageZh: string }[] }).fieldErrors);
        }
      }
    }
    return { fieldErrors, whole, checks };
  }

  let found: ReturnType<typeof refusals>;
  beforeAll(() => {
    found = refusals();
  });

  it('reads the input classes (hundreds of checks), and refuses something by every check registered on them', () => {
    expect(registered.length).toBeGreaterThan(300);
    const checks = new Set(registered.map(checkOf).filter((check) => !NOT_A_CHECK.has(check)));
    expect([...checks].filter((check) => !found.checks.has(check))).toEqual([]);
  });

  it('words every check in Chinese (none falls back to 格式不正确)', () => {
    expect([...found.checks].filter((check) => !worded.has(check))).toEqual([]);
  });

  it('ends every field’s message with one 。 and names the field in it', () => {
    const messages = [...new Set(found.fieldErrors.map((error) => error.messageZh))];
    expect(messages.length).toBeGreaterThan(30);
    expect(messages.filter((message) => !/[^。]。$/.test(message))).toEqual([]);
    expect(messages.filter((message) => !/^(?:请填写)?“[^”]*[\u4e00-\u9fff][^”]*”/.test(message))).toEqual([]);
  });

  it('closes the whole refusal once, never doubling 。 where the fields’ sentences are joined', () => {
    const wholes = [...new Set(found.whole)];
    expect(wholes.filter((message) => !/[^。]。$/.test(message) || /。[；、]|。。/.test(message))).toEqual([]);
  });

  /*
   * web3 fault 2: a choice refused listed the API's codes — 「“承担单位第 1 项的承担方式（牵头或责任）”必须是以下之一：LEAD, RESPONSIBLE。」.
   * Every value every input offers to choose from (@IsIn) has the office's word, and no refusal of a choice lists a code.
   */
  it('words every value an input offers to choose from (@IsIn), by its office word', () => {
    const choices = registered.filter((metadata) => checkOf(metadata) === 'isIn');
    expect(choices.length).toBeGreaterThan(15);
    const offered = [...new Set(choices.flatMap((metadata) => (metadata.constraints?.[0] as unknown[]).map(String)))];
    expect(offered.length).toBeGreaterThan(40);
    expect(offered.filter((value) => choiceZh(value) === undefined)).toEqual([]);
  });

  it('lists the values allowed in a choice refused in the office’s words, never the API’s codes', () => {
    const listed = [...new Set(found.fieldErrors.map((error) => /必须是以下之一：(.*)。$/.exec(error.messageZh)?.[1]).filter((values): values is string => values !== undefined))];
    // One list per set of values (roles, severities, lights, statuses, kinds, orders, reminders, records …).
    expect(listed.length).toBeGreaterThan(10);
    expect(listed.filter((values) => /[A-Za-z]/.test(values))).toEqual([]);
  });

  it('words every value of every enum an input takes (schema.graphql), as a refusal of another value lists them', () => {
    const schema = buildSchema(readFileSync(join(process.cwd(), 'schema.graphql'), 'utf8'));
    const taken = new Set<GraphQLEnumType>();
    const note = (type: GraphQLInputType) => {
      const named = getNamedType(type);
      if (named instanceof GraphQLEnumType) taken.add(named);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (type instanceof GraphQLInputObjectType) Object.values(type.getFields()).forEach((field) => note(field.type));
      if (type instanceof GraphQLObjectType) Object.values(type.getFields()).forEach((field) => field.args.forEach((argument) => note(argument.type)));
    }
    expect(taken.size).toBeGreaterThan(8);
    const unworded = [...taken].flatMap((type) => type.getValues().filter((value) => choiceZh(value.name) === undefined).map((value) => `${type.name}.${value.name}`));
    expect(unworded).toEqual([]);
  });

  /*
   * web4 fault 1: a field inside a list's item was refused as 「“佐证材料第 1 项的材料名称”…」 while the form labelled it 材料1名称.
   * Every refusal of every check on a field inside an item of every list input names it in the one vocabulary the forms label
   * it by (list-item-labels-zh.ts): 材料1名称, 承担单位1的整改时限, 成员1姓名 — never 「第 1 项的」.
   */
  it('names every field inside a list’s item as the forms label it (材料1名称), never 「第 1 项的…」', async () => {
    const { isNamedList, listPathLabelZh } = await import('../src/shared/graphql/list-item-labels-zh.js');
    // Items of the list inputs (an array sent for a single object, `leader.0`, is no item of a list).
    const listOf = (field: string) => /([A-Za-z]+)\.\d+(?:\.|$)/.exec(field)?.[1];
    const inItems = found.fieldErrors.filter((error) => isNamedList(listOf(error.field) ?? ''));
    expect([...new Set(inItems.map((error) => listOf(error.field)))].sort()).toEqual(['evidence', 'members', 'references', 'seen', 'units']);
    // Every list input of the schema is one the vocabulary names.
    const schema = buildSchema(readFileSync(join(process.cwd(), 'schema.graphql'), 'utf8'));
    const listInputs = Object.values(schema.getTypeMap())
      .filter((type): type is GraphQLInputObjectType => type instanceof GraphQLInputObjectType)
      .flatMap((type) => Object.values(type.getFields()).filter((field) => /^\[/.test(String(field.type).replace(/!$/, '')) && getNamedType(field.type) instanceof GraphQLInputObjectType).map((field) => field.name));
    expect(listInputs.filter((list) => !isNamedList(list))).toEqual([]);
    const misnamed = inItems.filter((error) => {
      // A field the item does not have (whitelist) is named by its own label after the item's: 承担单位1的标题.
      const foreign = error.messageZh.endsWith('不是可接受的字段。');
      const label = foreign ? `${listPathLabelZh(error.field.replace(/\.[A-Za-z]+$/, ''))}的` : listPathLabelZh(error.field);
      const quoted = /“([^”]+)”/.exec(error.messageZh)?.[1];
      return label === null || quoted === undefined || !(foreign ? quoted.startsWith(label) || quoted.includes(`的${label}`) : quoted === label || quoted.endsWith(`的${label}`));
    });
    expect(misnamed.map((error) => `${error.field}: ${error.messageZh}`)).toEqual([]);
    expect(inItems.filter((error) => /第 \d+ 项/.test(error.messageZh))).toEqual([]);
  });

  it('names a report’s evidence fields as its form does, whichever field is refused', async () => {
    const { ReportPayload } = await import('../src/assignments/graphql/part.inputs.js');
    const input = plainToInstance(ReportPayload, {
      idempotencyKey: 'k',
      unitId: '00000000-0000-4000-8000-000000000000',
      summary: '已整改',
      evidence: [{ title: '目录', link: 'https://www.qc.gov.cn/a' }, { title: '', link: 'www.qc.gov.cn/x', documentRef: 'x'.repeat(201) }],
    });
    const refusal = inputRefusalOf(validateSync(input, { whitelist: true, forbidNonWhitelisted: true }));
    const fieldErrors = (refusal.details as { fieldErrors: { field: string; messageZh: string }[] }).fieldErrors;
    expect(fieldErrors.map((error) => [error.field, /“([^”]+)”/.exec(error.messageZh)?.[1]])).toEqual([
      ['evidence.1.title', '材料2名称'],
      ['evidence.1.link', '材料2链接'],
      ['evidence.1.documentRef', '材料2文号'],
    ]);
    // The report form's rows are labelled from the same vocabulary: EvidenceEditor.vue labels by listItemLabelZh, never its own words.
    const editor = readFileSync(join(process.cwd(), 'web/src/components/EvidenceEditor.vue'), 'utf8');
    expect(editor).toContain("listItemLabelZh('evidence', index, field)");
    expect(editor).not.toMatch(/材料\$\{/);
  });

  it('says a part’s role "X" sent to assignFinding as 牵头、责任, naming the part', async () => {
    const { AssignFindingInput } = await import('../src/rectification/finding-workflow/finding-workflow.inputs.js');
    const input = plainToInstance(AssignFindingInput, { findingId: '00000000-0000-4000-8000-000000000001', idempotencyKey: 'k', units: [{ unitId: '00000000-0000-4000-8000-000000000000', role: 'X', dueDate: '2026-09-01' }] });
    const refusal = inputRefusalOf(validateSync(input));
    expect((refusal.details as { fieldErrors: { field: string; messageZh: string }[] }).fieldErrors.filter((error) => error.field === 'units.0.role').map((error) => error.messageZh)).toEqual([
      '“承担单位1的承担方式（牵头或责任）”必须是以下之一：牵头、责任。',
    ]);
  });

  it('says an evidence title of 201 characters as a sentence naming it, with the count', async () => {
    const { ReportPayload } = await import('../src/assignments/graphql/part.inputs.js');
    const input = plainToInstance(ReportPayload, { idempotencyKey: 'k', unitId: '00000000-0000-4000-8000-000000000000', summary: '已整改', evidence: [{ title: '材'.repeat(201) }] });
    const refusal = inputRefusalOf(validateSync(input));
    expect(refusal.details).toEqual({ fieldErrors: [{ field: 'evidence.0.title', message: expect.any(String), messageZh: '“材料1名称”最多 200 个字符（现有 201 个）。' }] });
    expect(refusal.messageZh).toBe('输入有误：“材料1名称”最多 200 个字符（现有 201 个）。');
  });
});
