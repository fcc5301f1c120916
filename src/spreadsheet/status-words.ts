/*
 * How offices word where a task or problem stands, in a 状态 / 整改情况 cell, a 备注 or a remark after a title — read as
 * whole phrases, not as substrings (breaker10l P1, P3). Gathered from published 整改台账 and 任务清单:
 *
 * | meaning      | phrasings (with or without 已 / 均已 / 目前已 / 该项…)                                                  |
 * |--------------|----------------------------------------------------------------------------------------------------------|
 * | done         | 完成, 办结, 完结, 闭环, 结项, 销号, 已处理, 处理完毕, 验收合格, 通过验收, 整改到位, 已整改到位, 完成整改并销号 |
 * | in progress  | 整改中, 正在整改, 推进中, 已启动整改, 已部分整改, 部分完成, 已完成60%, 已制定整改方案, 初步完成, 持续推进     |
 * | by share     | 100%, 已完成100%, １００％, 100.0%, 完成率100% are done; 0% not started; 1%–99% in progress (`percentStatus`)       |
 * | not started  | 未整改, 尚未启动, 暂未开展, 待整改, 未完成                                                                 |
 * | reopened     | 已整改，但问题反弹 / 2025年已整改，复查仍存在 / 验收不合格 / 整改不到位 / 曾整改 (said of the past, not now) |
 * | withdrawn, merged, put off | read by row-remarks.ts (取消, 撤销, 并入第3项, 暂缓 …)                                     |
 *
 * Done is refused by the imports (they record no progress); in progress, not started and reopened say the work is open,
 * so the row imports as an open task or problem, never refused as done because 整改 or 完成 occurs inside the words
 * (已启动整改, 已完成60%).
 */

/** What a phrase says of work still open: going on, not begun, or done once and back again. */
export type OpenStatus = 'IN_PROGRESS' | 'NOT_STARTED' | 'REOPENED';

/** The verbs of finished work, each whole: 已 + one of these (+ 完毕/到位/通过…) says the work is done. */
const DONE_VERB =
  '(?:完成|办结|完结|闭环|结项|结案|销号|解决|处理|办理|整改|落实|验收|核验|核查|督查|修复|更正|纠正|消除|补齐|公开|发布|上线|开通|建成|出台|印发|实现|达标|到位)';
/** What may follow a done verb: 处理完毕, 整改到位, 验收通过, 验收合格, 上线运行. */
const DONE_AFTER = '(?:完毕|完成|到位|通过|合格|运行|结束)?';
/** Done phrases that need no 已 (a 状态 cell of one word): 完成, 办结, 闭环, 验收合格, 整改到位. */
const BARE_DONE =
  '(?:(?:全部|基本|均)?(?:完成|办结|完结|闭环|结项|结案|销号|达标|到位)|(?:整改|处理|办理|落实|问题整改)(?:完毕|完成|到位|结束)|完成整改|(?:验收|核验|核查|督查|复查)(?:合格|通过)|通过(?:验收|核验|核查|督查|复查)|经?验收合格)';
/** Words before a status: the row itself (此项, 该问题), now (目前, 现), everyone (均). */
const SUBJECT = '(?:此项|该项|本项|此问题|该问题|本问题|问题|该任务|此任务|本任务|任务|该事项|整改|工作)?(?:目前|现在?|当前|截至目前)?';
/** 已 and its forms, with an adverb of how: 已全部, 均已, 业已, 已按要求, 已如期. */
const ALREADY = '(?:已经?|均已|业已|现已|皆已)(?:全部|基本|全面|彻底|按要求|按期|按时|如期|顺利|圆满)?';
/** A second done phrase joined on: 完成整改并销号, 整改到位、通过验收, 已整改并通过验收. */
const JOINED = `(?:(?:并|且|、|，|,|后)(?:已|经)?(?:${BARE_DONE}|${DONE_VERB}${DONE_AFTER}))*`;

/**
 * The fix itself said with what it fixed (breaker10r P23: 已删除错误信息, 已替换失效链接 imported as open): 已 + one of these + at most
 * eight characters of its object, the clause ending there.
 */
const FIX_VERB = '(?:删除|删去|替换|更换|撤下|撤除|下架|补录|补正|补发|更新|修改|修正|更正|纠正|修复)';
/** How a done verb is done again or in addition: 已补充公开, 已重新发布, 已及时更正. */
const AGAIN = '(?:补充|重新|及时|全面|主动)';
/** The day it was done, in a bracket after the phrase: 完成（2026.3）, 已整改（2026年3月） (breaker10r P23). */
const WHEN_DONE = '(?:[(（][^()（）]*\\d[^()（）]*[)）])?';
/** A status cell that is a done phrase and nothing else (`isDonePhrase`). */
const DONE_PHRASE = new RegExp(
  `^${SUBJECT}(?:${ALREADY}${AGAIN}?${DONE_VERB}${DONE_AFTER}|${ALREADY}${AGAIN}?${FIX_VERB}\\p{Script=Han}{0,8}|(?:${ALREADY})?${BARE_DONE})${JOINED}${WHEN_DONE}$`,
  'u',
);

/**
 * A status cell that is a share of the work and nothing else (breaker43-10 F3: 100%, 已完成100%, １００％, 100.0% were read as
 * nothing and imported open): the words before it — 已完成, 完成, 完成率, 整改完成率, 进度, 已整改, 约, 达到 … — and the share in
 * per cent, or after it 完成 (100%完成). Matched on the plain phrase (NFKC: full-width digits and ％ are the ASCII ones).
 */
const PERCENT_PHRASE = new RegExp(
  `^${SUBJECT}(?:${ALREADY})?(?:整改|工作|任务)?(?:完成|办结|落实|整改|推进)?(?:率|进度|比例|进展)?(?:为|是|达到?|已达到?|约|超过)?(?<share>[0-9]+(?:\\.[0-9]+)?)%(?:完成|已完成|整改完成)?${WHEN_DONE}$`,
  'u',
);

/**
 * What a cell that is only a share of the work says (`PERCENT_PHRASE`): 100% or more done, 0% not started, anything between in
 * progress; null when the cell is more than a share.
 */
export function percentStatus(text: string): 'DONE' | 'IN_PROGRESS' | 'NOT_STARTED' | null {
  const share = PERCENT_PHRASE.exec(plainPhrase(text))?.groups?.['share'];
  if (share === undefined) return null;
  const value = Number(share);
  return value >= 100 ? 'DONE' : value === 0 ? 'NOT_STARTED' : 'IN_PROGRESS';
}

/**
 * Whether a status cell says the work is done, as a whole phrase: 完成, 办结, 闭环, 已处理, 验收合格, 整改到位, 已整改到位,
 * 完成整改并销号 (breaker10l P1: without 已 they were read as open). 已启动整改 or 整改 alone are not: the phrase must be one
 * of the done forms from its first word to its last. Spaces and a closing full stop are ignored.
 */
export const isDonePhrase = (text: string): boolean => DONE_PHRASE.test(plainPhrase(text)) || percentStatus(text) === 'DONE';

const plainPhrase = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[。.!！;；]+$/u, '');

/** Work begun but not finished: 整改中, 正在整改, 已启动整改, 已部分整改, 部分完成, 已完成60%, 已制定整改方案, 初步完成, 持续推进. */
const IN_PROGRESS = new RegExp(
  [
    '正在', '着手', '逐步', '持续(?:推进|整改|开展|落实|完善)', '(?:推进|进行|整改|办理|实施|落实|处理|建设|完善|推动|整理|修订|起草|编制|核查|核实|督办|研究)中',
    '已?启动', '(?:已|已经)?开始(?:整改|办理|实施)?(?=$|[，,。;；])',
    '(?<!全)部分', '大部分', '一部分', '初步', '阶段性', '过半', '尚在', '仍在',
    '(?:制定|拟定|起草|研究|形成)(?:了)?(?:整改)?(?:方案|计划|措施|初稿)', '已(?:部署|召开|安排|成立)',
    '(?<![0-9.])[0-9]{1,2}(?:\\.[0-9]+)?\\s*[%％]', '(?:按计划|有序|稳步)推进',
  ].join('|'),
  'u',
);

/** Work not begun: 未整改, 尚未启动, 暂未开展, 待整改, 未完成 — never 待督查 / 待验收 / 待销号 (finished, awaiting the office). */
const NOT_STARTED = /(?:^|[^是])(?:未|尚未|暂未|还未|仍未|没有|待)(?:开始|启动|整改|完成|办理|落实|办结|开展|实施|处理|解决|到位)|^(?:未|否|无进展|没有进展)$/u;

/**
 * Done once, and not now: the problem came back (反弹, 复发, 又出现, 仍存在), a check failed (验收不合格, 整改不到位, 退回重新整改),
 * never 未发现反弹 / 防止问题反弹 / 确保不反弹, which say the fix holds (breaker10l P3).
 */
const REOPENED =
  /(?<!(?:未发现|未出现|没有|无|防止|避免|杜绝|不再|严防|确保不|不|未)(?:问题)?)(?:反弹|复发|回潮|又(?:出现|发现)|再次(?:出现|发现)|重新出现|再度出现|(?:仍然?|依然|依旧|还)(?:存在|有)|(?:仍|尚)未(?:彻底)?(?:整改|解决|到位)|未彻底|不彻底|不到位|不合格|未通过|退回|返工|重新整改|再次整改|复查(?:仍|又)发现)/u;

/** A clause telling the past, not where the row stands now: 曾整改, 原已整改, 上轮评估已整改, 此前已完成 (breaker10l P3). */
const HISTORY = /^(?:曾经?|原(?!因|则)先?|此前|之前|以前|先前|前期|过去|上一?轮|上次|上一?年度?|去年|往年|往届|历史上)/u;

/**
 * What a clause or cell says of work still open — IN_PROGRESS, NOT_STARTED or REOPENED with the words that say it — or null.
 * A row saying so is an open task or problem: it imports as one, never refused as done (breaker10l P1, P3).
 */
export function openStatusOf(text: string): { readonly status: OpenStatus; readonly words: string } | null {
  const plain = plainPhrase(text);
  if (plain === '') return null;
  const share = percentStatus(plain);
  if (share === 'DONE') return null;
  if (share !== null) return { status: share, words: plain };
  const reopened = REOPENED.exec(plain);
  if (reopened) return { status: 'REOPENED', words: reopened[0] };
  const notStarted = NOT_STARTED.exec(plain);
  if (notStarted) return { status: 'NOT_STARTED', words: notStarted[0].replace(/^[^未尚暂还仍没待否无]/u, '') };
  const going = IN_PROGRESS.exec(plain);
  if (going) return { status: 'IN_PROGRESS', words: going[0] };
  return null;
}

/**
 * Whether a remark's clause may say the row is done: not when it says the work goes on or has not begun (已启动整改, 已部分整改,
 * 已完成60%, 未完成), nor when it tells the past (曾整改, 上轮已整改).
 */
export const mayClauseSayDone = (clause: string): boolean => !HISTORY.test(plainPhrase(clause)) && openStatusOf(clause) === null;

/** Whether any clause of a remark says the problem came back or a check failed (`REOPENED`): then nothing in it says done. */
export const saysReopened = (text: string): boolean => REOPENED.test(plainPhrase(text));
