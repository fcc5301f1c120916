import { bracketedRemarks, isBracketedRemark, leadingBracket, trailingBracket } from '../shared/brackets.js';
import { textOf, type Cell } from './cells.js';
import { daysNamedIn, readDay, readDeadline } from './deadline-text.js';
import type { ImportProblem } from './import-problems.js';
import { isDonePhrase, mayClauseSayDone, openStatusOf, saysReopened } from './status-words.js';

/*
 * Remarks that change what a row means. Offices mark rows of a task list or 台账 in a bracket
 * after the deadline (2026年12月底前（已完成）) or in a 备注 column (已取消, 移至第5项): an import
 * that reads the row as an open task without them records a finished task as open, or a void one
 * as due (breaker10e P7, P11). No import records progress or withdrawal from a remark, so such a
 * row is refused, naming the remark and what to do; other remarks (（星期二）, （暂定）, 备注 with
 * a contact) change nothing and are read as before.
 */

/** What a remark says about its row: done, cancelled, moved into another item, or put off (暂缓: not cancelled, not due either). */
export type RowRemarkMeaning = 'DONE' | 'VOID' | 'MOVED' | 'SUSPENDED';

/** Words a remark may open with before what it says: 此项已取消, 该任务：已完成. */
const OPENING = '^(?:此项|该项|本项|此任务|该任务|本任务|此条|该条|本条|任务|该事项|此事项|本事项|此问题|该问题|本问题)?(?:工作)?[，,：:\\s]*';
/** Where the word must end: the remark or its clause ends (已取消, 此项作废。, 取消该项) — 取消收费后公开 says nothing of the row. */
const CLAUSE_END = '(?:此项|该项|本项|该任务|此任务)?(?=$|[，,。.;；:：(（\\s])';
/** A month, a day or a time said before what was done: 已于6月, 于10月底, 已于2026年6月13日, 6月份. */
const WHEN = '(?:(?:\\d{4}|[〇零一二三四五六七八九]{4})年)?(?:\\d{1,2}|[一二三四五六七八九十]{1,3})月(?:份|底|末|初|中旬|上旬|下旬|(?:\\d{1,2}|[一二三四五六七八九十]{1,3})[日号])?';
/**
 * The meanings by their word families, not one spelling each (breaker10i P2): a remark is read by what it says.
 * - VOID: 取消, 作废, 删除/删去/删, 撤销/撤回, 废止, 终止, 剔除, 停止(实施), 不再(实施/开展/列入/纳入…), 不列入, 本年度不再开展.
 * - SUSPENDED: 暂缓(实施), 缓办, 暂停(实施), 推迟实施 — put off, not cancelled: an import would make it due.
 * - MOVED: 移至/移入/并入/合并至/调整至/转入 + 第N项 (or an item code: 并入3.2), 见第N项 — not 见第三部分, 调整至第四季度,
 *   转入第二阶段 or 并入年度考核, which are live tasks re-dated or described (breaker10i P15).
 * - DONE: 已(全部/基本)完成/整改/办结/销号/完结/解决 (+到位/完毕), 已于6月完成, 6月已完成, (整改)完毕, 基本完成/基本整改, 完成整改 —
 *   not 已落实专人负责 (已落实 + what was put in place is a live task's remark, breaker10i P15).
 */
const MEANINGS: readonly (readonly [RowRemarkMeaning, RegExp])[] = [
  ['VOID', new RegExp(`${OPENING}(?:已经?|均已|予以|现已)?(?:取消|作废|删除|删去|删|撤销|撤回|撤除|废止|终止|剔除|停止(?:实施|执行|开展)?|(?:本年度?|今年|年内)?不再(?:实施|执行|开展|推进|列入|纳入|保留|考核|办理|整改)|(?:无需|无须|不需要?|不必)(?:再)?整改|不列入|不纳入)(?:实施|执行|开展)?${CLAUSE_END}`, 'u')],
  ['SUSPENDED', new RegExp(`${OPENING}(?:已经?|均已|现已)?(?:暂缓|缓办|缓建|暂停|推迟|延后|搁置|挂起)(?:实施|执行|开展|办理|推进)?${CLAUSE_END}`, 'u')],
  ['MOVED', new RegExp(`${OPENING}(?:已经?)?(?:(?:移至|移入|移到|并入|并到|并至|纳入|合并(?:至|到|入)|(?:调整|转|归)(?:至|到|入))(?:第[0-9一二三四五六七八九十]+(?:[.．][0-9]+)*[项条]|[0-9]+(?:[.．][0-9]+)*项?(?=$|[，,。;；\\s]))|见第[0-9一二三四五六七八九十]+[项条])`, 'u')],
  [
    'DONE',
    new RegExp(
      `${OPENING}(?:(?:已经?|均已|全部|现已)(?:全部|基本)?(?:完成|整改|办结|销号|完结|解决|落实|办理完毕|核验|验收)(?:整改|工作|任务)?(?:到位|完毕|完成|通过)?${CLAUSE_END}` +
        `|已?于${WHEN}(?:前|已)?(?:全部|基本)?(?:完成|整改|办结|销号|完结|解决|上线|开通|建成|发布)(?:整改|工作|任务)?(?:到位|完毕)?${CLAUSE_END}` +
        `|${WHEN}(?:前)?(?:已经?|均已)(?:全部|基本)?(?:完成|整改|办结|销号|完结|解决)(?:整改)?(?:到位|完毕)?${CLAUSE_END}` +
        `|(?:基本|全部)(?:完成|整改)(?:整改)?(?:到位|完毕)?${CLAUSE_END}` +
        `|(?:整改|任务|工作)?(?:完成|到位|完毕|办结)$|完成整改${CLAUSE_END}|整改(?:完毕|完成|到位)${CLAUSE_END})`,
      'u',
    ),
  ],
];

/**
 * What a remark's text says about its row, with the words that say it; null when nothing. Only a
 * remark that opens with it counts (已完成, 此项已取消, 移至第5项): 备注 such as 取消收费后公开
 * says nothing about the row.
 */
export function remarkMeaning(text: string): { readonly meaning: RowRemarkMeaning; readonly words: string } | null {
  const plain = text.normalize('NFKC').trim();
  // The whole remark, then each clause (经研究，本项不再实施; 完成情况：已完成): a reason or a label before what it says hides nothing (breaker10j P2).
  const clauses = [plain, ...plain.split(CLAUSE_BREAK).map((clause) => clause.trim()).filter((clause) => clause !== '' && clause !== plain)];
  // Done once and back again (已整改，但问题反弹; 上轮已整改，复查仍存在): the problem is open, whatever clause says done (breaker10l P3).
  const reopened = saysReopened(plain);
  // A clause saying the work goes on (已启动整改, 已部分整改, 已完成60%) or telling the past (曾整改) says nothing done: words, not substrings (breaker10l P1).
  const saysDone = (clause: string) => !reopened && mayClauseSayDone(clause);
  for (const clause of clauses) {
    for (const [meaning, pattern] of MEANINGS) {
      const match = pattern.exec(clause);
      if (match && (meaning !== 'DONE' || saysDone(clause))) return { meaning, words: match[0] };
    }
  }
  for (const clause of clauses) {
    for (const [meaning, pattern] of ENDINGS) {
      const match = pattern.exec(clause);
      if (match && (meaning !== 'DONE' || saysDone(clause))) return { meaning, words: clause };
    }
  }
  // A clause that is a done phrase from its first word to its last, with or without 已: 闭环, 已处理, 验收合格, 完成整改并销号 (breaker10l P1).
  for (const clause of clauses) if (!reopened && isDonePhrase(clause) && mayClauseSayDone(clause)) return { meaning: 'DONE', words: clause };
  return null;
}

/**
 * What a label over a group of rows says of every row in it — a workbook sheet's name (已销号, 已完成事项, 暂缓事项), a
 * section row (二、已整改问题, （二）已销号) or a 类别 cell (二、取消事项) — or null: offices keep closed problems on their own
 * sheet or section, and the label is the remark (breaker10k P9, P10). The label is read without its list number (二、, （二）,
 * 2.) and without the noun it ends in (问题, 事项, 任务 …, 的): what remains must be a status word and nothing else
 * (`remarkMeaning`'s vocabulary), so 取消行政审批事项目录 or 正在整改的问题 say nothing. A bracketed remark inside the label
 * (主动公开（已全部整改）) is read by `titleRemarks`.
 */
export function groupLabelMeaning(text: string): { readonly meaning: RowRemarkMeaning; readonly words: string } | null {
  const cached = groupLabels.get(text);
  if (cached !== undefined) return cached;
  const plain = text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(GROUP_NUMBER, '')
    .replace(GROUP_COUNT, '')
    .replace(GROUP_NOUN, '');
  const said = plain === '' ? null : remarkMeaning(plain);
  // The status words must be the whole label: 已完成整改的问题 → 已完成整改, but 已完成事项未及时公开 is a title.
  const whole = said !== null && (said.words === plain || said.words.replace(/[，,。.;；:：]+$/u, '') === plain) ? { meaning: said.meaning, words: text.trim() } : null;
  if (groupLabels.size < 1000) groupLabels.set(text, whole);
  return whole;
}
/** Labels read before: a 200,000-row file repeats a few sheet and section names. */
const groupLabels = new Map<string, { readonly meaning: RowRemarkMeaning; readonly words: string } | null>();
/** A label's list number: 二、 （二） (二) 2. 2、 第二部分. */
const GROUP_NUMBER = /^(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）]|[0-9一二三四五六七八九十]{1,3}[、.．]|第[0-9一二三四五六七八九十]{1,3}(?:部分|类|项))[、.．:：]?/u;
/**
 * The count a label ends in: （共1个）, (1项), （3条）, 共5项, （合计2个）, 【2件】 — 一、已完成整改的问题（共1个） and a sheet named 已销号(1项)
 * say what 已完成整改 and 已销号 say (breaker10l P2).
 */
export const GROUP_COUNT = /(?:[(（【〔\[](?:共|计|合计|总计)?[0-9一二三四五六七八九十百]+(?:个|项|条|件|处|家|户|名|份)?(?:问题|事项|任务)?[)）】〕\]]|[，,:：]?(?:共|计|合计|总计)[0-9一二三四五六七八九十百]+(?:个|项|条|件|处|家|户|名|份)(?:问题|事项|任务)?)$/u;
/** The noun a group label ends in: 问题, 事项清单, 的任务, 部分. */
const GROUP_NOUN = /(?:的)?(?:问题|事项|任务|工作|项目|条目|内容)?(?:清单|台账|列表|汇总|明细|部分|类)?$/u;

/**
 * What a footnote below the table (注：第2项问题已整改完毕。, 备注：序号2已销号。, 注：第4项已取消，不再考核。) says of a row or
 * of every row, or null (注：完成时限以文件为准). Read by the remark vocabulary, so a footnote that finishes, cancels or moves rows
 * is never skipped as housekeeping (breaker10k P11).
 */
export function footnoteMeaning(text: string): { readonly meaning: RowRemarkMeaning; readonly words: string } | null {
  const body = text.normalize('NFKC').replace(/^\s*(?:注|备注|说明|附注)\s*\d*\s*[:：]\s*/u, '');
  return body === '' ? null : remarkMeaning(body);
}

/**
 * The problem of a footnote row (`row`, text `text`) whose words say rows are done, cancelled, moved or put off
 * (`footnoteMeaning`), or null: the import reads no footnote into its rows, so the file is refused naming it, never
 * skipped as housekeeping while the rows it names are recorded open (breaker10k P11).
 */
export function footnoteProblem(row: number, text: string, sheet?: string | null): ImportProblem | null {
  const said = footnoteMeaning(text);
  if (said === null) return null;
  return {
    row,
    reason: `The footnote "${text}" says rows are ${SAYS[said.meaning].en} ("${said.words}"), but an import reads no footnote into its rows: write it in the 备注 column of the row it concerns (read like any 备注), or leave those rows out; if it says nothing of the rows, remove the footnote.`,
    reasonZh: `注释行“${text}”注明有事项${SAYS[said.meaning].zh}（“${said.words}”），但导入不按注释行处理各行：请把该说明写到所指行的“备注”列（按备注处理），或从文件中删去所指的行；如与各行无关，请删去该注释行后导入。`,
    ...(sheet === undefined || sheet === null ? {} : { sheet }),
  };
}

/** Where a remark's clauses part: 经研究，本项不再实施 / 完成情况：已完成 / 常态化开展；已完成. */
const CLAUSE_BREAK = /[，,。.;；:：!！?？]+/u;

/**
 * What a clause says by its last words, whatever comes before them within it (breaker10j P2): 因机构改革取消, 机构改革后不再承担,
 * 该项工作已于10月底全面完成, 目前已整改到位, 此问题与第1项重复. The word must end the clause (取消收费后公开 says nothing), and
 * 完成 counts only after 已 (确保年底前完成 is a live task's remark; 已完成60% is not done).
 */
const ENDINGS: readonly (readonly [RowRemarkMeaning, RegExp])[] = [
  // Not 予以取消 / 逐步取消 / 一律取消: what the task does (对无依据的收费予以取消), not what became of it.
  ['VOID', /(?<!予以|逐步|一律|依法|及时|全面|坚决|要|应|并)(?:取消|作废|废止|撤销|撤回|不再(?:实施|执行|开展|推进|列入|纳入|保留|考核|办理|承担|整改)|(?:无需|无须|不需要?|不必)(?:再)?整改|停止(?:实施|执行|开展))(?:该项|此项|本项)?$/u],
  ['SUSPENDED', /(?:暂缓|搁置|挂起|暂停)(?:实施|执行|开展|办理|推进)?$/u],
  ['MOVED', /(?:与|同)第[0-9一二三四五六七八九十]+(?:[.．][0-9]+)*[项条](?:合并|重复|相同|一并办理|内容重复)?$|^已合并$/u],
  [
    'DONE',
    /(?:已经?|业已|均已|现已)[^，,。;；]{0,14}?(?:完成|整改|办结|销号|完结|解决|结项|验收|核验|达标|上线|开通|建成|出台|印发|实现)(?:整改|工作|任务)?(?:到位|完毕|完成|通过)?$|完成率\s*100\s*%$|^[√✓✔☑]$/u,
  ],
];

/**
 * The remarks in brackets at the end of a title cell, the last first: 加强政务新媒体管理（此项删除） → ['此项删除'];
 * 网民留言回应不及时（重点问题）【已整改】 → ['已整改', '重点问题']. A bracket inside the words (网站（专栏）未更新) is none.
 */
export function trailingRemarks(text: string): string[] {
  const remarks: string[] = [];
  let rest = text.normalize('NFKC').trim();
  for (let bracket = trailingBracket(rest); bracket && bracket.at > 0; bracket = trailingBracket(rest)) {
    remarks.push(bracket.inside.trim());
    rest = rest.slice(0, bracket.at).trimEnd();
  }
  // A remark after a space or a dash, without brackets: 加强政务新媒体管理 已取消, …—已于6月完成 (breaker10i P2). Only one
  // saying 已/均已/此项…, so a title's own last words (开展自查 完成整改) stay the title's.
  const clause = TRAILING_CLAUSE.exec(rest);
  if (clause && clause.index > 0) remarks.push(clause[1]!);
  return remarks;
}
/**
 * The remarks in brackets at the start of a title cell, the first first: 【已整改】网民留言回应不及时 → ['已整改'];
 * 【重点】〔新增〕加强政务新媒体管理 → ['重点', '新增'] (breaker10j P3: offices tag a row at the front as often as at the end —
 * it is what survives Excel's narrow columns). A cell that is only brackets has none: its words are the brackets'.
 */
export function leadingRemarks(text: string): string[] {
  const remarks: string[] = [];
  let rest = text.normalize('NFKC').trim();
  for (let bracket = leadingBracket(rest); bracket && bracket.end < rest.length; bracket = leadingBracket(rest)) {
    remarks.push(bracket.inside.trim());
    rest = rest.slice(bracket.end).trimStart();
  }
  // A status said before the title without brackets, ended by a colon, a full stop, a dash, a space or a line break:
  // 已整改：网民留言回应不及时, 已销号。…, 已取消⏎加强政务新媒体管理, 取消 加强… (breaker10k P2). Only words that say what became of
  // the row (`remarkMeaning`) count, so a title's own first words (重点：…, 2026年 …) stay the title's.
  const clause = LEADING_CLAUSE.exec(rest);
  if (clause && remarkMeaning(clause[1]!) !== null) remarks.push(clause[1]!);
  return remarks;
}

/** A short clause before the title, ended by a colon, a full stop, a comma, a dash, a space or a line break: `已整改：`, `取消 `. */
const LEADING_CLAUSE = /^([^\s：:。，,；;—–\-~]{1,12})(?:\s*[：:。，,；;—–\-~]+\s*|\s+)(?=\S)/u;

/** The remarks in brackets at either end of a title cell: those after it (`trailingRemarks`), then those before it (`leadingRemarks`). */
export const titleRemarks = (text: string): string[] => [...trailingRemarks(text), ...leadingRemarks(text)];

/** A short clause after white space, a dash, a colon or a full stop that says what became of the row: ` 已取消`, `—已于6月完成`, `--此项暂缓`, `：已整改` (breaker10k P2). */
const TRAILING_CLAUSE = /(?:\s+|\s*[—–\-~：:。，,；;]+\s*)((?:此项|该项|本项)?[：:]?(?:已经?|均已|现已)[^\s—–\-~：:。，,；;]{1,14})[。.]?$/u;

/**
 * A change mark a 调整 version puts after an item's title — （新增）, （调整）, （时限调整）, （已调整）, （修改）, （更新）:
 * it says what changed in this version, not what the item is (breaker10h P3).
 */
const CHANGE_MARK = new RegExp(
  '^(?:' +
    [
      // 新增, 新增项, 新增加, 本次新增, 2026年新增, 新列入, 新: the version added the item.
      '(?:本次|本年度?|今年|年内|(?:\\d{4}|[〇零一二三四五六七八九]{4})年度?)?新(?:增加?|列入|加)?(?:事项|任务|内容|项)?',
      // 调整, 已调整, 修改, 更新, 修订, 变更.
      '(?:已|有|本次)?(?:调整|修改|更新|修订|变更)',
      // 时限调整, 单位调整, 调整时限, 调整后.
      '(?:时限|期限|时间|完成时间|内容|表述|责任单位|牵头单位|单位|分工)(?:调整|修改|变更|更新)',
      '调整(?:时限|期限|时间|完成时间|内容|表述|分工|后)',
      // 调整至第四季度, 调整时限至12月, 时限调整为年底前, 延期至10月: re-dated in this version (breaker10i P2, P15).
      '(?:(?:时限|期限|时间|完成时间)?(?:调整|变更|延期|延长|推迟)(?:时限|期限|时间|完成时间)?|(?:时限|期限|时间|完成时间)(?:调整|变更)?)(?:为|至|到)[^，,;；]{1,12}?(?:完成)?',
    ].join('|') +
    ')$',
  'u',
);

/**
 * An item title without a change mark after or before it (`CHANGE_MARK`): `规范依申请公开答复（新增）` → title
 * `规范依申请公开答复`, mark `（新增）`, `after`; `〔新增〕规范依申请公开答复` → the same title, mark `〔新增〕`, `before`
 * (breaker10j P3); null when the title has none at either end.
 */
export function withoutChangeMark(title: string): { readonly title: string; readonly mark: string; readonly where: 'after' | 'before' } | null {
  const plain = title.trim();
  // NFKC keeps the length of brackets and CJK characters, so places found in it are places in the title as written; a
  // title it lengthens or shortens (①, ㈠) is kept as written.
  if (plain.normalize('NFKC').length !== plain.length) return null;
  const isMark = (inside: string) => CHANGE_MARK.test(inside.replace(/\s+/gu, ''));
  const bracket = trailingBracket(plain);
  if (bracket && bracket.at > 0 && isMark(bracket.inside)) return { title: plain.slice(0, bracket.at).trimEnd(), mark: plain.slice(bracket.at).trim(), where: 'after' };
  const leading = leadingBracket(plain);
  if (leading && leading.end < plain.length && isMark(leading.inside)) return { title: plain.slice(leading.end).trimStart(), mark: plain.slice(0, leading.end).trim(), where: 'before' };
  return null;
}

/** The remarks in brackets of a deadline cell: 2026年12月底前（已完成） → ['已完成']. */
export const bracketRemarks = (text: string): string[] => bracketedRemarks(text).map((remark) => remark.trim());

const WHAT_TO_DO: Readonly<Record<RowRemarkMeaning, { en: string; zh: string }>> = {
  DONE: {
    en: 'an import records no progress, so the row would be an open task (overdue in time). Remove the remark and import it, then report the work on the item; or leave the row out if it needs no tracking',
    zh: '导入不记录完成情况，按此导入该项仍为未完成（到期即亮红灯）。请删去该说明后导入，再由责任单位报告完成情况、经核查后销号；如无须跟踪，请不列入文件',
  },
  VOID: {
    en: 'leave the row out of the file (an item imported before is withdrawn on its page), or remove the remark if it stands',
    zh: '请从文件中删去该行（已导入的事项请在事项页面撤销）；如该项仍要办理，请删去该说明',
  },
  MOVED: {
    en: 'leave the row out (its work is in the row it moved to), or remove the remark if it stands here',
    zh: '请删去该行（其工作已列在移入的事项中）；如仍在此办理，请删去该说明',
  },
  SUSPENDED: {
    en: 'an import records no suspension, so the row would be a task due on its date (overdue in time). Leave the row out while it is suspended (an item imported before is withdrawn on its page, or given a later due date), or remove the remark if it goes ahead',
    zh: '导入不记录暂缓，按此导入该项照常办理（到期即亮红灯）。暂缓期间请从文件中删去该行（已导入的事项请在事项页面撤销或调整时限）；如仍要办理，请删去该说明',
  },
};
const SAYS: Readonly<Record<RowRemarkMeaning, { en: string; zh: string }>> = {
  DONE: { en: 'done', zh: '已完成' },
  VOID: { en: 'cancelled', zh: '已取消' },
  MOVED: { en: 'moved elsewhere', zh: '已移至他处' },
  SUSPENDED: { en: 'suspended', zh: '暂缓' },
};

/**
 * The problem of a row whose deadline bracket (`deadline`, labelled `deadlineLabel`: 完成时限 /
 * 整改时限), title's trailing bracket (`title`, labelled `titleLabel`: 事项 / 问题 — 加强政务新媒体管理（取消）,
 * 门户网站错链（已整改）: offices mark a cancelled or finished task there as often as in 备注, breaker10h P2) or
 * 备注 cell (`remarks`), or category (`category`: a 类别 cell or the section row above — 三、政策解读（取消）), says the
 * row is done, void, moved or suspended (`MEANINGS`); null when none does.
 */
export function rowRemarkProblem(
  row: number,
  cells: {
    readonly deadline?: Cell;
    readonly remarks?: Cell;
    readonly title?: Cell;
    readonly category?: Cell;
    readonly progress?: readonly LabelledCell[];
    readonly finishedOn?: readonly LabelledCell[];
    /** Cells of the columns the import does not read (状态, 当前状态, 核查结果 …: any header), read for status words (`otherColumnMeaning`). */
    readonly others?: readonly LabelledCell[];
    /** The labels over the row: its sheet's name and the section rows above it (`groupLabelMeaning`). */
    readonly groups?: readonly GroupLabel[];
  },
  deadlineLabel: string,
  sheet?: string,
  titleLabel = '事项',
): ImportProblem | null {
  const finished = finishedOnProblem(row, cells.finishedOn ?? [], sheet);
  if (finished) return finished;
  const deadline = textOf(cells.deadline ?? null);
  const title = textOf(cells.title ?? null);
  const category = textOf(cells.category ?? null);
  const found =
    bracketRemarks(deadline)
      .map((remark) => ({ said: remarkMeaning(remark), en: `The due date (${deadlineLabel}) "${deadline}"`, zh: `${deadlineLabel}“${deadline}”` }))
      .find(({ said }) => said !== null) ??
    titleRemarks(title)
      .map((remark) => ({ said: remarkMeaning(remark), en: `The title (${titleLabel}) "${title}"`, zh: `${titleLabel}“${title}”` }))
      .find(({ said }) => said !== null) ??
    [textOf(cells.remarks ?? null)].map((remark) => ({ said: remarkMeaning(remark), en: `The remark (备注) "${remark}"`, zh: `备注“${remark}”` })).find(({ said }) => said !== null) ??
    // 完成情况 / 整改情况 / 是否完成 read like 备注 (breaker10i P10).
    (cells.progress ?? [])
      .map(({ label, cell }) => ({ said: progressMeaning(label, textOf(cell)), en: `The column ${label} "${textOf(cell)}"`, zh: `${label}“${textOf(cell)}”` }))
      .find(({ said }) => said !== null) ??
    // Any other column whose cell says the row is done or cancelled (状态 已销号, 核查结果 已整改到位, 是否取消 是): the header list can
    // never be complete, the status words can (breaker10k P1).
    (cells.others ?? [])
      .map(({ label, cell }) => ({ said: otherColumnMeaning(label, textOf(cell)), en: `The column ${label} "${textOf(cell)}"`, zh: `${label}“${textOf(cell)}”` }))
      .find(({ said }) => said !== null) ??
    // A category cell or section row marked so (三、政策解读（取消）, 二、已完成事项) says it of every item under it (breaker10i P2, 10k P10).
    [...(category === '' ? [] : [{ kind: 'category' as const, text: category }]), ...(cells.groups ?? [])]
      .map((group) => ({ said: titleRemarks(group.text).map(remarkMeaning).find((said) => said !== null) ?? groupLabelMeaning(group.text), en: `The ${GROUP_EN[group.kind]} "${group.text}"`, zh: `${GROUP_ZH[group.kind]}“${group.text}”` }))
      .find(({ said }) => said !== null);
  // Each cell judged read by the reading it was given: a column the import does not read is read strictly (`otherColumnMeaning`), so a
  // word only the lenient reading takes (Y under 整改状态) is refused, never imported open as if read.
  if (!found?.said)
    return unreadStatusProblem(
      row,
      [
        ...(cells.progress ?? []).map((each) => ({ ...each, read: progressMeaning })),
        ...(cells.others ?? []).filter(({ label }) => STATUS_COLUMN.test(plainLabel(label))).map((each) => ({ ...each, read: otherColumnMeaning })),
      ],
      sheet,
    );
  const { meaning, words } = found.said;
  return {
    row,
    reason: `${found.en} says the item is ${SAYS[meaning].en} ("${words}"): ${WHAT_TO_DO[meaning].en}.`,
    reasonZh: `${found.zh}注明该项${SAYS[meaning].zh}（“${words}”）：${WHAT_TO_DO[meaning].zh}。`,
    ...(sheet === undefined ? {} : { sheet }),
  };
}

/** A column whose cells say where the row stands and nothing else: 状态, 当前状态, 整改状态, 完成状态. */
const STATUS_COLUMN = /状态$/u;
const plainLabel = (label: string): string => label.normalize('NFKC').replace(/\s+/gu, '');
/** A cell that says nothing: a dash, a slash, 无, 暂无 — written where there is nothing to say yet. */
const NOTHING_SAID = /^(?:[-—–－/／\\、.。·…_]+|无|暂无|空|\/)$/u;

/**
 * The first line of a status cell (`cells`: 完成情况, 整改情况, 是否完成 … and a 状态 column) that says neither done, in progress,
 * not started, nor cancelled, moved or put off — 已建立巡查制度, 见附件, 良好 — or null when every line is read (breaker43-10 F3:
 * every status cell is read or its row refused naming it, never imported open on words the import did not understand).
 */
export function unreadStatusLine(label: string, text: string, read: StatusReading = progressMeaning): string | null {
  for (const written of text.split('\n')) {
    const line = written.trim();
    const plain = line.normalize('NFKC').replace(/\s+/gu, '');
    if (plain === '' || NOTHING_SAID.test(plain)) continue;
    if (read(label, line) !== null || openStatusOf(line) !== null) continue;
    return line;
  }
  return null;
}

/** The problem of a row whose status cell says what the import cannot read (`unreadStatusLine`), or null. */
/** How a status cell is read: leniently in a progress column the import reads (`progressMeaning`), strictly in another (`otherColumnMeaning`). */
type StatusReading = (label: string, text: string) => { readonly meaning: RowRemarkMeaning; readonly words: string } | null;

function unreadStatusProblem(row: number, cells: readonly (LabelledCell & { readonly read: StatusReading })[], sheet: string | undefined): ImportProblem | null {
  for (const { label, cell, read } of cells) {
    const line = unreadStatusLine(label, textOf(cell), read);
    if (line === null) continue;
    const text = textOf(cell);
    const part = line === text ? '' : `("${line}") `;
    const partZh = line === text ? '' : `（“${line}”）`;
    return {
      row,
      reason: `The column ${label} "${text}" ${part}says neither that the item is done, going on or not started: an import records no progress, and would import the row as an open task (overdue in time) whatever it means. Write where it stands (已完成, 推进中, 未开始, 60%) or empty the cell; a done item is left out of the file, or reported done after the import.`,
      reasonZh: `${label}“${text}”${partZh}看不出该项是已完成、正在推进还是尚未开始：导入不记录完成情况，按此导入该项为未完成（到期即亮红灯）。请写明进展（如“已完成”“推进中”“未开始”“60%”）或清空该单元格后导入；已完成的事项请不列入文件，或导入后由责任单位报告完成情况。`,
      ...(sheet === undefined ? {} : { sheet }),
    };
  }
  return null;
}

/** A label over a group of rows: the sheet's name, a section row above it (二、已整改问题), a 类别 cell. */
export interface GroupLabel {
  readonly kind: 'sheet' | 'section' | 'category';
  readonly text: string;
}
/**
 * The labels over a record: its sheet's name (the record's, or `tableSheet` when one sheet was read) and the section rows it
 * stands under, outermost first (`二、已整改问题` as written: code and title).
 */
export const groupsOf = (
  record: { readonly sheet?: string; readonly sections?: readonly { readonly level: 1 | 2; readonly code: string; readonly title: string }[] },
  tableSheet: string | null | undefined,
): GroupLabel[] => {
  const sheet = record.sheet ?? tableSheet;
  return [
    ...(sheet === null || sheet === undefined ? [] : [{ kind: 'sheet' as const, text: sheet }]),
    ...(record.sections ?? []).map((section) => ({ kind: 'section' as const, text: section.level === 2 ? `（${section.code}）${section.title}` : `${section.code}、${section.title}` })),
  ];
};
const GROUP_EN: Readonly<Record<GroupLabel['kind'], string>> = { sheet: 'sheet name', section: 'section row', category: 'category (类别)' };
const GROUP_ZH: Readonly<Record<GroupLabel['kind'], string>> = { sheet: '工作表名称', section: '分节行', category: '类别' };

/** A cell with the header of the column it is in (完成情况, 是否完成, 实际完成时间). */
export interface LabelledCell {
  readonly label: string;
  readonly cell: Cell;
}

/**
 * Headers of the columns that say how far a row's work has got (完成情况, 整改情况, 进展情况, 是否完成 …):
 * read like 备注, for what they say about the row (breaker10i P10), never imported as progress.
 */
export const PROGRESS_COLUMN_ALIASES: readonly string[] = [
  '完成情况', '整改情况', '整改完成情况', '完成进度', '进展情况', '整改进展', '整改进展情况', '工作进展', '进展', '落实情况', '整改落实情况', '推进情况', '办理情况',
  '是否完成', '是否整改', '是否整改到位', '是否办结', '是否销号', '整改状态', '完成状态', 'progress',
  // Headed with 进度 (a weighty word: 进度安排 is a schedule), these say how far the work has got (breaker10k P1).
  '整改进度', '工作进度', '推进进度', '当前进度', '目前进度',
];

/** Headers of a column giving the day a row's work was finished (实际完成时间): a day there says the row is done. */
export const FINISHED_ON_COLUMN_ALIASES: readonly string[] = [
  '实际完成时间', '实际完成日期', '实际完成', '实际办结时间', '办结时间', '办结日期',
  // The day a row was closed out is the day it was finished, and more (breaker10k P1: 销号日期 was refused as an unread date column).
  '销号日期', '销号时间', '实际销号时间', '实际销号日期',
  'finished on', 'completed on',
];

/** A yes in a yes-or-no column (是否完成): 是, √, Y. */
const YES = /^(?:是|已|√|✓|✔|☑|y|yes|完成|已完成|已整改|已办结)$/iu;

/** A yes-or-no header that asks whether the row was cancelled or put off (是否取消, 是否暂缓) rather than done. */
const YES_MEANS: readonly (readonly [RegExp, RowRemarkMeaning])[] = [
  [/^是否(?:取消|撤销|删除|作废|废止|终止|停止)/u, 'VOID'],
  [/^是否(?:暂缓|暂停|缓办|推迟)/u, 'SUSPENDED'],
  [/^是否(?:合并|并入)/u, 'MOVED'],
];
/** A percentage column (完成率, 整改完成率, 完成进度): 100% says the row is done. */
const ALL_DONE = /^100(?:\.0+)?%$/u;

/** What a progress cell says about its row: `remarkMeaning`, a yes under 是否完成 (or 是否取消: cancelled), 100% under 完成率. */
function progressMeaning(label: string, text: string): { readonly meaning: RowRemarkMeaning; readonly words: string } | null {
  // Two such columns are read as one cell, a line each.
  for (const written of text.split('\n')) {
    // A cell that is one bracketed remark (【撤销】, （取消）, (不再列入)) says what its inside says (breaker11n P4).
    const line = isBracketedRemark(written) ? (bracketedRemarks(written)[0] ?? written) : written;
    const plain = line.normalize('NFKC').replace(/\s+/gu, '');
    if (plain === '') continue;
    const asked = label.normalize('NFKC').replace(/\s+/gu, '');
    if (YES.test(plain) && /^是否/u.test(asked)) return { meaning: YES_MEANS.find(([header]) => header.test(asked))?.[1] ?? 'DONE', words: line.trim() };
    if (ALL_DONE.test(plain) && /完成率|完成进度|整改进度|完成比例/u.test(asked)) return { meaning: 'DONE', words: line.trim() };
    if (YES.test(plain) && plain !== '是') return { meaning: 'DONE', words: line.trim() };
    // Done, then the standing work that follows it (已办结，长效机制持续推进; 已完成整改，常态化开展): the row is done — the
    // clause after it keeps up what was done, it reopens nothing (breaker46-10 S4: imported as an open task).
    const doneFirst = doneThenStanding(line);
    if (doneFirst) return { meaning: 'DONE', words: doneFirst };
    // 整改中, 已启动整改, 已部分整改, 未整改, 已整改但反弹: the work is open, whatever words it shares with done (breaker10l P1, P3).
    if (openStatusOf(line) !== null) continue;
    // 完成, 办结, 闭环, 已处理, 验收合格, 整改到位, 完成整改并销号: done said as a whole phrase, with or without 已 (breaker10l P1).
    if (isDonePhrase(line)) return { meaning: 'DONE', words: line.trim() };
    const said = remarkMeaning(line);
    if (said) return said;
  }
  return null;
}

/** A clause keeping up finished work: 长效机制持续推进, 常态化开展, 长期坚持, 巩固整改成果, 持续跟踪 — not 正在整改, 仍存在, 未完成. */
const STANDING_CLAUSE = /长效|常态|长期|持续|巩固|坚持|保持|跟踪|防止反弹|举一反三/u;

/**
 * The words of a cell's first clause when it says the row is done and every later clause only keeps that work up
 * (`STANDING_CLAUSE`, saying nothing reopened or not started): 已办结，长效机制持续推进 → 已办结. Null otherwise, so that
 * 已整改，但问题反弹 and 已完成初稿，正在推进 stay open.
 */
function doneThenStanding(text: string): string | null {
  // Parted at commas and full stops only: 100.0% and 完成情况：已完成 are one clause each.
  const clauses = text.normalize('NFKC').split(/[，,。;；!！?？]+/u).map((clause) => clause.trim()).filter((clause) => clause !== '');
  if (clauses.length < 2 || saysReopened(text)) return null;
  const [first, ...rest] = clauses as [string, ...string[]];
  const firstDone = mayClauseSayDone(first) && (isDonePhrase(first) || remarkMeaning(first)?.meaning === 'DONE');
  if (!firstDone) return null;
  return rest.every((clause) => openStatusOf(clause)?.status !== 'NOT_STARTED' && (openStatusOf(clause) === null || STANDING_CLAUSE.test(clause))) ? first : null;
}

/**
 * Headers of a column whose cells state aims or rules, not what became of the row (整改目标 全部整改到位, 工作要求 …取消…): not read
 * for status words.
 */
const NOT_A_STATUS_COLUMN = /目标|要求|标准|依据|任务|内容|措施|举措|描述|表现|名称|标题|序号|编号|联系|电话|领导|负责人|责任人/u;
/** A header naming the row's state (状态, 当前状态, 办结情况, 核查结果, 目前进展): its cells say where the row stands, bare words included. */
const STATE_HEADER = /(?:状态|情况|进展|进度|结果|结论)$/u;
/** Words of a header that asks where the row stands (任务状态, 整改内容完成情况): read whatever else the header says. */
const STATUS_HEADER = /状态|情况|进展|进度|结果|是否|完成|销号|办结/u;

/**
 * What the cell of a column the import does not read says about its row (breaker10k P1: 状态, 当前状态, 销号情况, 办结情况, 目前进展,
 * 核查结果, 整改结果, 执行情况, 是否取消 …), or null. Read as a progress column (`progressMeaning`) but more strictly, since the
 * header is unknown: done only when said as past (已…, 完毕, √, 100% under a 完成率 header, a yes under 是否…), never a bare
 * 完成 or 全部整改到位 (what an 整改目标 column aims at); a column of aims or people (`NOT_A_STATUS_COLUMN`) is not read.
 */
export function otherColumnMeaning(label: string, text: string): { readonly meaning: RowRemarkMeaning; readonly words: string } | null {
  if (NOT_A_STATUS_COLUMN.test(label) && !STATUS_HEADER.test(label)) return null;
  const said = progressMeaning(label, text);
  if (said === null || said.meaning !== 'DONE') return said;
  // Under a header naming a state (状态, 当前状态, 办结情况, 核查结果) a done phrase is said of the row: 完成, 办结, 闭环, 验收合格 (breaker10l P1).
  const stateHeader = STATE_HEADER.test(label.normalize('NFKC').replace(/\s+/gu, ''));
  return /已|毕|[√✓✔☑]|100/u.test(said.words) || /^是否/u.test(label.trim()) || (stateHeader && isDonePhrase(said.words)) ? said : null;
}

/** A year and month at least (2026-05-30, 2026年5月): a day the row says its work was finished. */
const FINISHED_DAY = /(?:\d{4}|[〇零一二三四五六七八九]{4})\s*(?:[-/.年])\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})/u;

/** The problem of a row whose 实际完成时间 gives a day: the file says it was finished, an import records no progress. */
function finishedOnProblem(row: number, cells: readonly LabelledCell[], sheet: string | undefined): ImportProblem | null {
  for (const { label, cell } of cells) {
    const day = readDay(cell);
    const text = day ?? textOf(cell).trim();
    if (text === '' || (day === null && !FINISHED_DAY.test(text.normalize('NFKC')))) continue;
    return {
      row,
      reason: `The column ${label} says the item was finished ("${text}"): ${WHAT_TO_DO.DONE.en}.`,
      reasonZh: `“${label}”列写明该项已于“${text}”完成：${WHAT_TO_DO.DONE.zh}。`,
      ...(sheet === undefined ? {} : { sheet }),
    };
  }
  return null;
}

/** Words that give a new deadline: 延期至, 延至, 调整为, 推迟到, 顺延至, 改为, 时限调整为, 完成时间改到 … (what follows is the day). */
/** Words opening a clause about the former deadline (原定, 原计划, 原时限): its day is the old one, never stated as new (breaker53-10 M5). */
const FORMER_DEADLINE_WORDS = /^(?:原定|原计划|原先|原要求|原时限|原期限|原完成时限|原为|原)(?=\s*[:：]?\s*(?:于|在)?\s*[\d〇零一二三四五六七八九十年]|于|在)/u;
const NEW_DEADLINE_WORDS = /(?:延期|延长|推迟|延后|顺延|放宽|调整|变更|更改|修改|改|延)(?:完成)?(?:时限|期限|时间|日期)?(?:为|至|到)|(?:时限|期限|完成时间|截止时间|截止日期)(?:调整|变更|更改|修改|改)?(?:为|至|到)|现(?:已)?(?:定|改|调整)?为|新(?:的)?(?:时限|期限)(?:为|是)?/u;
/**
 * A clause of a remark that gives a deadline without a re-dating word (breaker51-10 M1): 「9月30日前完成」, 「2026年9月底之前全部办结」 —
 * a day, 前 / 之前 / 以前, and 完成 / 办结 / 到位.
 */
const DONE_BY_CLAUSE = /(?:日|号|底|末)\s*(?:之前|以前|前)\s*(?:全面|全部|全力)?(?:完成|办结|整改到位|落实到位)/u;
const CLAUSES = /[，,;；。]/u;
/**
 * What a remark writes before a deadline it states outright (breaker52-10 S2): a deadline's label — 完成时限：, 时限：, 截止日期,
 * 截至, 时间节点： — and words of intent — 力争, 计划于, 确保, 最迟于. Taken off, the rest is read as the 完成时限 column is read.
 */
const DEADLINE_LABEL = /^(?:(?:完成|整改|办结)?(?:时限|期限|时间节点|节点|截止日期|截止时间|完成时间|完成日期|时间要求)|截止|截至)\s*[:：]?\s*/u;
const INTENT_WORDS = /^(?:力争|争取|确保|计划|预计|拟|须|需|应|要|最迟|最晚|务必)+(?:于|在)?/u;
/** Words of a deadline read alone (not a bare day, which a remark may name for a meeting or a document): 前, 底, 末, 完成, a half or a quarter. */
const DEADLINE_MARK = /前|底|末|完成|办结|到位|半年|季度|年内/u;

/**
 * The deadline a clause of a remark states outright, read as the 完成时限 column reads it (`readDeadline`) once its label and words of
 * intent are taken off — 「完成时限：2026年9月30日」, 「截止日期2026-09-30」, 「2026.9.30前完成」, 「9月底前」, 「力争8月底完成」, 「计划于2026年9月完成」,
 * 「三季度末」, 「下半年完成」 — as `{ written, day }` (`day` YYYY-MM-DD, an office day), or null: a clause that reads as no deadline of a
 * day (「依据2026年3月1日市政府常务会议」, 「2026年10月1日起施行」, 「每月10日前报送进展」, 「6月30日前完成初稿」), or a bare day without a label
 * or a deadline word. Pure.
 */
function deadlineStatedIn(clause: string, within: { readonly year: number }): { readonly written: string; readonly day: string } | null {
  const trimmed = clause.trim();
  // 「原定2026年4月30日前完成」: the deadline before a re-dating, not a new one (breaker53-10 M5).
  if (FORMER_DEADLINE_WORDS.test(trimmed)) return null;
  const label = DEADLINE_LABEL.exec(trimmed);
  const written = trimmed.slice(label ? label[0].length : 0).replace(INTENT_WORDS, '').trim();
  if (written === '' || written.startsWith('每') || (!label && !DEADLINE_MARK.test(written))) return null;
  const reading = readDeadline(written.replace(/(?<=[前底末月日号年度])(?:全面|全部|全力|基本)(?=完成|办结)/u, ''), within);
  if (!reading.ok || !('dueDate' in reading.deadline)) return null;
  return { written, day: reading.deadline.dueDate };
}
/** Headers of a column that is a remark, whatever the import reads of it: 备注, 说明, 调整说明, 调整情况, 附注, 情况说明, 变更说明. */
const REMARK_HEADER = /备注|说明|附注|注释|调整|变更/u;

/**
 * The problem of a row whose remark — the 备注 column (`remarks`) or another column headed as one (`others`: 说明, 调整说明, 调整情况,
 * 附注 …) — gives a new deadline (经市政府同意，延期至2026年12月31日; 时限调整为10月底) other than the row's own (`deadline`, labelled
 * `deadlineLabel`: 完成时限 / 整改时限), or null. An import reads the deadline from its column only, so the remark would be dropped
 * and the row imported on the old day (breaker50-10 S8: the version was 「此前已导入，事项相同」 and the item went red on its old day).
 * A remark naming the row's own deadline (延期至12月31日 beside 2026-12-31) is no problem.
 */
export function remarkDeadlineProblem(
  row: number,
  cells: { readonly deadline?: Cell; readonly remarks?: LabelledCell; readonly others?: readonly LabelledCell[] },
  deadlineLabel: string,
  sheet?: string,
): ImportProblem | null {
  const dueText = textOf(cells.deadline ?? null);
  const remarks = [...(cells.remarks ? [cells.remarks] : []), ...(cells.others ?? []).filter(({ label }) => REMARK_HEADER.test(plainLabel(label)))];
  for (const { label, cell } of remarks) {
    const text = textOf(cell);
    const plain = text.normalize('NFKC');
    const words = NEW_DEADLINE_WORDS.exec(plain);
    const year = /(\d{4})/.exec(dueText.normalize('NFKC'))?.[1] ?? /(\d{4})/.exec(plain)?.[1];
    const within = { year: year === undefined ? 2001 : Number(year) };
    // Clauses stating a deadline outright, read as the deadline column is (breaker52-10 S2): 「完成时限：2026年9月30日」, 「9月底前」.
    const stated = words ? [] : plain.split(CLAUSES).flatMap((clause) => deadlineStatedIn(clause, within) ?? []);
    const doneBy = words || stated.length > 0 ? [] : plain.split(CLAUSES).filter((clause) => DONE_BY_CLAUSE.test(clause) && !FORMER_DEADLINE_WORDS.test(clause.trim()));
    if (!words && stated.length === 0 && doneBy.length === 0) continue;
    // With a re-dating word (延期至, 现为), the day after it; with deadlines stated outright, each of them — every one must be the row's
    // (「6月30日前完成初稿，12月底前全面完成」 beside 06-30 ends on 12-31); otherwise the days of its 「…前完成」 steps, one of them the
    // row's own (「9月30日前完成初稿，12月31日前全面完成」 beside 12-31 is the row's deadline with a step before it).
    const candidates = words ? daysNamedIn(plain.slice(words.index + words[0].length), within).slice(0, 1) : stated.length > 0 ? stated : doneBy.flatMap((clause) => daysNamedIn(clause, within));
    if (candidates.length === 0) continue;
    const due = dueText === '' ? null : readDeadline(cells.deadline ?? null, within);
    const dueDay = due?.ok && 'dueDate' in due.deadline ? due.deadline.dueDate : null;
    if (dueDay !== null && (stated.length > 0 ? stated.every(({ day }) => day === dueDay) : candidates.some(({ day }) => day === dueDay))) continue;
    const named = candidates.find(({ day }) => day !== dueDay)!;
    return {
      row,
      reason: `The column ${label} "${text}" gives a new deadline ("${named.written}")${dueText === '' ? '' : ` other than the ${deadlineLabel} "${dueText}"`}, but an import reads no deadline from a remark: the row would keep ${dueText === '' ? 'no deadline' : 'its old one'}. If the deadline was moved, write the new one in the ${deadlineLabel} column; otherwise remove it from the remark.`,
      reasonZh: `${label}“${text}”写有新的时限（“${named.written}”）${dueText === '' ? '' : `，与${deadlineLabel}“${dueText}”不一致`}，但导入不按说明调整时限，按此导入仍是原时限：如时限确已调整，请把新的时限写在“${deadlineLabel}”列；否则请从该说明中删去这一时限。`,
      ...(sheet === undefined ? {} : { sheet }),
    };
  }
  return null;
}
