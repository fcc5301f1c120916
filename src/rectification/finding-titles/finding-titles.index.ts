import { distance } from 'fastest-levenshtein';
import type { ClaimedValue } from '../../event-sourcing/execute-command.js';
import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { findingTitleKey } from '../import-findings/findings-file.js';
import { documentTitleKey } from '../../shared/document-title.js';
import { numbersByValue } from '../../shared/numbers-by-value.js';
import { BRACKETED } from '../../shared/brackets.js';
import type { UnitsNamed } from '../../organization/units/units-named.js';

/** One finding of an evaluation as the duplicate checks see it. */
export interface RecordedFindingTitle {
  readonly findingId: string;
  /** As recorded. */
  readonly title: string;
  /** `findingTitleKey(title)`: what makes two titles the same problem. */
  readonly key: string;
  /** Withdrawn (FindingWithdrawn): still a record, and still not recorded again by an import. */
  withdrawn: boolean;
  /** Its place among every finding recorded (0, 1, …, log order); absent in an entry restored from an older snapshot. */
  readonly order?: number;
  /**
   * While withdrawn: how many findings had been recorded when it was withdrawn. Those recorded later
   * (`order` ≥ this) were never asked about its title as a near title while it was live.
   */
  withdrawnAfter?: number;
}

/**
 * The claim a recording takes on its title's words within its evaluation (`UniqueClaim`): every
 * path that records a finding — 登记问题, importFindings, a 台账 import — takes it with the
 * finding's first events, so racing requests record one problem once (breaker12 P10).
 */
export const findingTitleClaim = (evaluationId: string, title: string): ClaimedValue => ({
  scope: `finding-title:${evaluationId}`,
  value: findingTitleKey(title),
  field: 'title',
  label: title.trim(),
  // 是否同一问题: a title a few characters from a recorded one is asked about, judged atomically with the append (breaker9x P2).
  nearRule: true,
});

/** An evaluation's title as the value only one evaluation may hold (see `findingTitleClaim`). */
export const evaluationTitleClaim = (title: string): ClaimedValue => ({
  scope: 'evaluation-title',
  value: documentTitleKey(title),
  field: 'title',
  label: title.trim(),
});

/** A recorded finding whose title is a few characters away from another title. */
export interface NearFindingTitle extends RecordedFindingTitle {
  /** Characters inserted, deleted or replaced to turn one title key into the other (≥ 1). */
  readonly distance: number;
}

/**
 * How many characters two title keys may differ by and still be taken for one problem retyped
 * (breaker10c P3: `LM网站栏目更新不及时` re-sent as `…不够及时`; 11e P1: 帐/账, 不全/不齐全, 未/没有, a
 * 部分 added): none under 8 characters (年报未发布 and 年报未公布 may well be two problems), 1 from 8,
 * 2 from 12, 3 from 24. A judgement, not a standard: a touched-up word or a dropped particle, never
 * a reworded problem; and never final — the office confirms a genuinely different problem
 * (`distinctFrom` on the form, `distinctTitles` on an import).
 */
export const nearTitleTolerance = (a: string, b: string): number => nearTitleToleranceOf(Math.max(a.length, b.length));
/** `nearTitleTolerance` of a pair whose longer key is `longer` characters. */
const nearTitleToleranceOf = (longer: number): number => (longer < 8 ? 0 : longer < 12 ? 1 : longer < 24 ? 2 : 3);

/**
 * Characters that may be added to a title of at least `INSERTION_BASE` characters — anywhere, nothing else changed — and
 * leave it the same problem retyped, whatever `nearTitleTolerance` allows its length (newcomer36 S21: 网站存在错链 re-sent as
 * 政府网站存在错链, 政策解读形式单一 as …较为单一, were recorded a second time: 6 and 8–10 characters allowed 0 and 1). A
 * word added (政府, 较为, 部分, 及时) qualifies the same problem; a word replaced (年报未发布 / 年报未公布) may name another and
 * stays under the tolerance. Numbers and units must still agree (`titlesApart`).
 */
const MOST_INSERTED = 2;
const INSERTION_BASE = 5;
/** How many edits apart two keys of these lengths may be found near: the tolerance, or the insertions a longer key may add. */
const editsAllowed = (length: number, other: number): number => {
  const tolerance = nearTitleToleranceOf(Math.max(length, other));
  const added = Math.abs(length - other);
  return added >= 1 && added <= MOST_INSERTED && Math.min(length, other) >= INSERTION_BASE ? Math.max(tolerance, added) : tolerance;
};

/**
 * The numbers a title key names, in order and by value — years, quarters, counts, written in
 * digits or Chinese numerals (`numbersByValue`: 三处 is 3处, 二〇二五年 is 2025年), and seasons
 * (2025年, 二季度, 3处, 上半年, 秋季) — as one string: two titles that differ in them name different
 * problems (another year's report, another quarter's ranking), however few characters apart
 * (breaker10d P25), so they are never taken for one problem retyped; the same numbers in another
 * script are the same (breaker10e P2). A run that is no numeral (十三五) counts as written.
 */
export function numbersNamed(key: string): string {
  return (numbersByValue(key).replace(/上半年/gu, 'H1').replace(/下半年/gu, 'H2').match(/[0-9]+(?:\.[0-9]+)?%?|[〇○零一二两三四五六七八九十百千万亿]+|H[12]|[春夏秋冬]季/gu) ?? []).join('|');
}

/**
 * A title key's words without what only frames them: quotation and book-title marks, a leading
 * 关于, remarks in brackets after (or before: 【重点】…) the title — （已整改）, （重点问题）, 【督查发现】, （2025年评估）: what the office's 台账
 * says of the problem, not the problem (breaker10h P12) — and a trailing (的)问题: 关于“依申请公开”答复超期的问题（已整改）
 * reads 依申请公开答复超期. The key is NFKC, so （） are ().
 */
const titleWords = (key: string): string =>
  // Remarks first: 「」『』 close a remark (…「重点」) as often as they quote words (“「双随机」”).
  withoutLeadingFraming(withoutRemarks(key))
    .replace(/[《》〈〉“”‘’「」『』"']/gu, '')
    .replace(/^关于/u, '')
    .replace(/(?:的)?问题$/u, '') || key;

/**
 * A framing remark before the title without brackets, ended by a colon or a dash: 重点：网民留言回应不及时, 督查发现:…, 2025年评估—…
 * reads as 【重点】… does (breaker10k P2 rest). Only a framing clause (`FRAMING_REMARK`) counts: 东湖区：… may name the problem.
 */
const withoutLeadingFraming = (key: string): string => {
  const clause = LEADING_CLAUSE.exec(key);
  return clause && FRAMING_REMARK.test(clause[1]!) ? key.slice(clause[0].length) : key;
};
const LEADING_CLAUSE = /^([^:：\-—–、]{1,12})(?:[:：]|[—–\-]+|、)(?=.)/u;

/**
 * Remarks in brackets after a title key, in any bracket of the shared table (`BRACKETED`; NFKC: （） are ()):
 * 网民留言回应不及时(重点问题)【已整改】 → 网民留言回应不及时; so 〔已整改〕, 〖重点〗, 「重点」 (breaker10i P3).
 */
const withoutRemarks = (key: string): string => key.replace(TRAILING_REMARKS, '').replace(LEADING_REMARKS, '');
const TRAILING_REMARKS = new RegExp(`(?<=.)${BRACKETED}+$`, 'u');
/** Remarks in brackets before a title key, read as those after it (breaker10j P3): 【重点】网民留言回应不及时, （督查发现）…. */
const LEADING_REMARKS = new RegExp(`^${BRACKETED}+(?=.)`, 'u');
/** The remarks in brackets before and after a title key, as written: `【重点】…(东湖区)` → `【重点】(东湖区)`. */
const remarksAround = (key: string): string => {
  const trailing = TRAILING_REMARKS.exec(key)?.[0] ?? '';
  return `${LEADING_REMARKS.exec(key.slice(0, key.length - trailing.length))?.[0] ?? ''}${trailing}`;
};
/**
 * A remark that only frames the problem — where it came from (（2025年评估）, （第三方评估）, （督查发现）, （2026年复查）,
 * （巡察反馈）), its priority (（重点问题）, （一般）) or its state (（整改中）, （新增）, （待销号）) — never makes another problem
 * (breaker10i P7); a remark naming a place, unit, column, count or period of the problem itself (（东湖区）, （3处）,
 * （政务公开专栏）, （第二季度）) may. Matched on the key's remark (NFKC, numbers by value), clause by clause.
 */
const FRAMING_REMARK = new RegExp(
  '^(?:' +
    [
      '(?:\\d{4}年度?)?(?:第三方|第3方|上级|省级?|市级?|年度)?(?:评估|复查|复评|抽查|检查|督查|巡察|巡视|审计|自查|暗访|考核|测评|核查)(?:发现|反馈|指出|通报|意见)?(?:的)?(?:问题)?',
      '(?:上级|省|市|省政府|群众|网民|媒体|领导)(?:反馈|反映|通报|交办|督办|批示)(?:的)?(?:问题)?',
      '(?:重点|一般|突出|较重|严重|普遍性?|共性|个性|主要|次要|典型|紧急)(?:问题)?',
      '(?:整改中|正在整改|未整改|尚未整改|待整改|持续整改|待销号|已整改|已完成|新增|新发现|长期坚持|立行立改|限期整改|已销号|已办结|(?:已)?整改到位|整改完毕)',
    ].join('|') +
    ')$',
  'u',
);
const REMARK_BRACKET = new RegExp(BRACKETED, 'gu');

/**
 * The remarks before and after a title key that may tell problems apart, as written: `(东湖区)`; the framing ones
 * (`FRAMING_REMARK`) left out, so `(重点问题)【督查发现】` is ''; '' when none.
 */
const distinguishingRemarkOf = (key: string): string =>
  [...remarksAround(key).matchAll(REMARK_BRACKET)]
    .filter((bracket) => {
      const clauses = (bracket.slice(1).find((inside) => inside !== undefined) ?? '').split(/[,，、;；/]/u).map((clause) => clause.trim()).filter((clause) => clause !== '');
      return clauses.length === 0 || !clauses.every((clause) => FRAMING_REMARK.test(clause));
    })
    .map((bracket) => bracket[0])
    .join('');

/**
 * Whether two different title keys read as one problem retyped: a few characters apart
 * (`nearTitleTolerance`), naming the same numbers (`numbersNamed`) and, given the directory
 * (`unitsNamed`), the same units — 青川市财政局政府信息公开目录不全 and 青川市教育局… are one
 * problem of two units, each recorded (breaker10e P10). Returns the distance, or null when they are
 * not near. O(length²).
 */
export function titlesApart(a: string, b: string, unitsNamed?: UnitsNamed): number | null {
  // The same words quoted (“依申请公开”答复超期, 《…》) or with 问题 / 的问题 after them, or 关于
  // before them, are one problem retyped however short the title (breaker10g P6): near, so the
  // office is asked (`distinctFrom`), never recorded a second time unasked.
  // So are the same words with a remark after one of them (（已整改）, （重点问题）, （2025年评估）): a number named only in
  // the remark does not make another problem (breaker10h P12), and so with a different framing remark on each copy
  // (（2025年评估）/（督查发现）/（重点问题）: where it came from, its priority or state — breaker10i P7). Two titles with
  // different remarks that may name the problem itself (环评信息公开（东湖区）/（西山区）, 错链（3处）/（5处）) are compared
  // as any two titles: the remark may be what tells the problems apart.
  const remarkA = distinguishingRemarkOf(a);
  const remarkB = distinguishingRemarkOf(b);
  const differentRemarks = remarkA !== '' && remarkB !== '' && remarkA !== remarkB;
  if (a !== b && !differentRemarks && titleWords(a) === titleWords(b)) return Math.max(1, charactersApart(a, b, distance(a, b)));
  const tolerance = nearTitleTolerance(a, b);
  const added = Math.abs(a.length - b.length);
  const allowed = editsAllowed(a.length, b.length);
  if (allowed === 0 || a === b || added > allowed) return null;
  const apart = distance(a, b);
  // Within the tolerance, any edits; past it, only the words added to the shorter (`MOST_INSERTED`): its distance is the length added.
  if ((apart > tolerance && apart !== added) || apart > allowed || numbersNamed(a) !== numbersNamed(b)) return null;
  return unitsNamed && unitsNamed(a) !== unitsNamed(b) ? null : charactersApart(a, b, apart);
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The edit distance of two keys in characters (code points), as a refusal says it ("1 character from this title"):
 * `units`, their distance in UTF-16 units, unless either holds a character outside the BMP (breaker9x S5: U+1D159
 * counted as two). Then each such character stands for one BMP character of the private-use area neither key holds.
 */
export function charactersApart(a: string, b: string, units: number): number {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return units;
  const used = new Set([...a, ...b]);
  const standIns = new Map<string, string>();
  let next = 0xe000;
  const asOne = (text: string) =>
    [...text]
      .map((character) => {
        if (character.length === 1) return character;
        let standIn = standIns.get(character);
        if (!standIn) {
          while (used.has(String.fromCharCode(next))) next += 1;
          standIn = String.fromCharCode(next++);
          standIns.set(character, standIn);
        }
        return standIn;
      })
      .join('');
  return distance(asOne(a), asOne(b));
}

/** The shortest recorded title key `FindingTitlesIndex.containedIn` looks for inside a longer one: a phrase, not a word (公开, 不规范). */
const CONTAINED_AT_LEAST = 5;

/** The most characters `nearTitleTolerance` lets two title keys be apart. */
const MOST_APART = 3;
/** Pieces a key is cut in: `MOST_APART` edits leave at least two of them intact, fewer edits more. */
const PIECES = MOST_APART + 2;

/** Where piece `piece` of a key `length` long starts and how long it is: near-equal pieces, the longer ones last. */
function pieceOf(length: number, piece: number): { readonly start: number; readonly size: number } {
  const size = Math.floor(length / PIECES);
  const shorter = PIECES - (length % PIECES);
  const shorterBefore = Math.min(piece, shorter);
  return { start: shorterBefore * size + (piece - shorterBefore) * (size + 1), size: piece < shorter ? size : size + 1 };
}

/**
 * Title keys indexed so that finding the ones `titlesApart` takes for one problem retyped costs a
 * bounded number of look-ups and checks, not one comparison per title (breaker12d P3: an import
 * compared every row with every earlier row and every recorded finding; 11,000 rows held the
 * server 10 minutes).
 *
 * Two rules make titles near (`titlesApart`). The same words once quotes, 关于 and (的)问题 are
 * set aside: one map by those words. At most `tolerance` (1–3) edits apart with the same numbers:
 * by pigeonhole — a key cut in five pieces keeps at least 5 − tolerance of them intact under that
 * many edits, each shifted at most `tolerance` places —, a key is a candidate only when it has the
 * same numbers, a length within the tolerance and that many pieces found in place in the other
 * (the PassJoin partition filter). Each candidate is then checked with `titlesApart` itself (units
 * included), so the answer is exactly what a scan of every title would find.
 * `add` is O(key length); `near` O(key length) look-ups plus one check per candidate — titles
 * sharing most of their words in place and their numbers, whatever the number of titles held.
 * `checks` counts the `titlesApart` calls made (for tests: bounded, not quadratic).
 */
export class NearTitles<Value> {
  /**
   * By `titleWords`, then by the remark after the title that may tell problems apart (`distinguishingRemarkOf`, '' for
   * none or only framing ones): the words rule takes two titles with the same words unless both have such remarks and they differ, so a file of 政府网站栏目长期未更新（第N项） rows fetches
   * none of the others as candidates (breaker12d P3 stays linear with breaker10h P12's remarks).
   */
  private readonly byWords = new Map<string, Map<string, NearEntry<Value>[]>>();
  /** By numbers, length and piece (`pieceKey`), then by the piece's text. */
  private readonly byPiece = new Map<string, Map<string, NearEntry<Value>[]>>();
  private added = 0;
  /** `titlesApart` calls made by `near` so far. */
  checks = 0;

  /** Indexes `value` under its title key (`findingTitleKey`). */
  add(key: string, value: Value): void {
    const entry: NearEntry<Value> = { key, value, order: this.added++ };
    const words = titleWords(key);
    let remarks = this.byWords.get(words);
    if (!remarks) this.byWords.set(words, (remarks = new Map()));
    pushTo(remarks, distinguishingRemarkOf(key), entry);
    if (key.length < PIECES) return;
    const numbers = numbersNamed(key);
    for (let piece = 0; piece < PIECES; piece += 1) {
      const { start, size } = pieceOf(key.length, piece);
      const place = pieceKey(numbers, key.length, piece);
      let texts = this.byPiece.get(place);
      if (!texts) this.byPiece.set(place, (texts = new Map()));
      pushTo(texts, key.slice(start, start + size), entry);
    }
  }

  /**
   * Every value whose key `titlesApart` takes for `key` retyped, with the distance, nearest first
   * (ties in the order added).
   */
  near(key: string, unitsNamed?: UnitsNamed): { readonly value: Value; readonly distance: number }[] {
    const remarks = this.byWords.get(titleWords(key));
    const remark = distinguishingRemarkOf(key);
    // No remark: every title of those words is near; a remark: those with none or the same one (`titlesApart`).
    const sameWords = !remarks ? [] : remark === '' ? [...remarks.values()].flat() : [...(remarks.get('') ?? []), ...(remarks.get(remark) ?? [])];
    const candidates = new Set<NearEntry<Value>>(sameWords);
    const numbers = numbersNamed(key);
    /** Per key of another length, the pieces of it found in place in `key` (a bit each). */
    const found = new Map<NearEntry<Value>, number>();
    for (let length = Math.max(PIECES, key.length - MOST_APART); length <= key.length + MOST_APART; length += 1) {
      const tolerance = editsAllowed(length, key.length);
      if (tolerance === 0 || Math.abs(length - key.length) > tolerance) continue;
      for (let piece = 0; piece < PIECES; piece += 1) {
        const texts = this.byPiece.get(pieceKey(numbers, length, piece));
        if (!texts) continue;
        const { start, size } = pieceOf(length, piece);
        const last = Math.min(key.length - size, start + tolerance);
        for (let at = Math.max(0, start - tolerance); at <= last; at += 1) {
          for (const entry of texts.get(key.slice(at, at + size)) ?? []) found.set(entry, (found.get(entry) ?? 0) | (1 << piece));
        }
      }
      for (const [entry, pieces] of found) {
        if (entry.key.length === length && bitsSet(pieces) >= PIECES - tolerance) candidates.add(entry);
      }
    }
    const near: { value: Value; distance: number; order: number }[] = [];
    for (const entry of candidates) {
      this.checks += 1;
      const apart = titlesApart(entry.key, key, unitsNamed);
      if (apart !== null) near.push({ value: entry.value, distance: apart, order: entry.order });
    }
    return near.sort((a, b) => a.distance - b.distance || a.order - b.order).map(({ value, distance }) => ({ value, distance }));
  }
}

const bitsSet = (bits: number): number => {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count += 1;
  return count;
};

interface NearEntry<Value> {
  readonly key: string;
  readonly value: Value;
  /** The order added: ties are answered in it. */
  readonly order: number;
}

const pieceKey = (numbers: string, length: number, piece: number) => `${numbers}\u0001${length}\u0001${piece}`;

function pushTo<Value>(lists: Map<string, Value[]>, key: string, value: Value): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/**
 * Every finding's title by evaluation, however it was recorded — typed in with 登记问题
 * (`recordFinding`), imported from a list or a 台账 —, so that no path records a problem the
 * evaluation already has (breaker11d P10): the import finds a hand-entered finding by its title's
 * words, and the form refuses a title already recorded. O(title length) per event; `sameTitle` O(1), `near`
 * a bounded set of look-ups (`NearTitles`), asked once per imported row.
 */
export class FindingTitlesIndex implements Projection {
  private byEvaluation = new Map<string, RecordedFindingTitle[]>();
  private byFinding = new Map<string, RecordedFindingTitle>();
  /**
   * Per evaluation, built the first time it is asked (`lookupOf`) and kept up as findings are
   * recorded: its findings by title key, and their keys for near titles (`NearTitles`).
   */
  private lookups = new Map<string, { readonly byKey: Map<string, RecordedFindingTitle[]>; readonly near: NearTitles<RecordedFindingTitle> }>();
  /** Findings recorded so far: the next one's `order`. */
  private recorded = 0;

  snapshot(): { byEvaluation: Map<string, RecordedFindingTitle[]> } {
    return { byEvaluation: this.byEvaluation };
  }

  restore(state: unknown): void {
    this.byEvaluation = (state as { byEvaluation: Map<string, RecordedFindingTitle[]> }).byEvaluation;
    this.byFinding = new Map([...this.byEvaluation.values()].flat().map((entry) => [entry.findingId, entry]));
    this.recorded = this.byFinding.size;
    this.lookups = new Map();
  }

  apply(event: RecordedEvent): void {
    if (event.type === 'FindingRecorded') {
      const { findingId, evaluationId, title } = event.data as { findingId: string; evaluationId: string; title: string };
      const entry: RecordedFindingTitle = { findingId, title, key: findingTitleKey(title), withdrawn: false, order: this.recorded++ };
      pushTo(this.byEvaluation, evaluationId, entry);
      this.byFinding.set(findingId, entry);
      const lookup = this.lookups.get(evaluationId);
      if (lookup) {
        pushTo(lookup.byKey, entry.key, entry);
        lookup.near.add(entry.key, entry);
      }
    } else if (event.type === 'FindingWithdrawn') {
      const entry = this.byFinding.get((event.data as { findingId: string }).findingId);
      if (entry) Object.assign(entry, { withdrawn: true, withdrawnAfter: this.recorded });
    } else if (event.type === 'FindingWithdrawalUndone') {
      const entry = this.byFinding.get((event.data as { findingId: string }).findingId);
      if (entry) Object.assign(entry, { withdrawn: false, withdrawnAfter: undefined });
    }
  }

  /** A finding's entry (its title, whether and when withdrawn); undefined for one not recorded. */
  entry(findingId: string): RecordedFindingTitle | undefined {
    return this.byFinding.get(findingId);
  }

  /** The evaluation's findings in the order recorded. */
  findingsOf(evaluationId: string): readonly RecordedFindingTitle[] {
    return this.byEvaluation.get(evaluationId) ?? [];
  }

  /**
   * The evaluation's finding with the same title's words (`findingTitleKey`), one not withdrawn
   * first; undefined when none. O(1) once the evaluation's lookup is built.
   */
  sameTitle(evaluationId: string, title: string): RecordedFindingTitle | undefined {
    const same = this.lookupOf(evaluationId).byKey.get(findingTitleKey(title)) ?? [];
    return same.find((entry) => !entry.withdrawn) ?? same[0];
  }

  /**
   * The evaluation's findings whose title reads as `title` retyped (`titlesApart`: within
   * `nearTitleTolerance`, the same numbers, the same units of `unitsNamed` when given) but is not
   * the same, nearest first, ties in the order recorded (withdrawn ones too: a problem withdrawn is
   * not brought back by a retyped row). Through `NearTitles`: look-ups, not a scan of the evaluation.
   */
  near(evaluationId: string, title: string, unitsNamed?: UnitsNamed): NearFindingTitle[] {
    return this.lookupOf(evaluationId)
      .near.near(findingTitleKey(title), unitsNamed)
      .map(({ value, distance: apart }) => ({ ...value, distance: apart }));
  }

  /**
   * The evaluation's findings whose title key is held whole in `title`'s longer key — a recorded title with words put in front
   * of it or after it (答复文书不规范 re-sent as 依申请公开答复文书不规范: breaker10r P27) — at least `CONTAINED_AT_LEAST` characters,
   * naming the same numbers (`numbersNamed`), the longest first. By look-ups of the key's pieces, not a scan of the evaluation.
   */
  containedIn(evaluationId: string, title: string): RecordedFindingTitle[] {
    const key = findingTitleKey(title);
    const { byKey } = this.lookupOf(evaluationId);
    const found: RecordedFindingTitle[] = [];
    for (let length = key.length - 1; length >= CONTAINED_AT_LEAST; length -= 1) {
      for (let start = 0; start + length <= key.length; start += 1) {
        for (const entry of byKey.get(key.slice(start, start + length)) ?? []) {
          if (!found.includes(entry) && numbersNamed(entry.key) === numbersNamed(key)) found.push(entry);
        }
      }
    }
    return found;
  }

  /** `titlesApart` checks the near-title look-ups made so far (for tests: bounded, not one per finding). */
  get nearChecks(): number {
    let checks = 0;
    for (const lookup of this.lookups.values()) checks += lookup.near.checks;
    return checks;
  }

  private lookupOf(evaluationId: string) {
    let lookup = this.lookups.get(evaluationId);
    if (!lookup) {
      lookup = { byKey: new Map(), near: new NearTitles<RecordedFindingTitle>() };
      for (const entry of this.findingsOf(evaluationId)) {
        pushTo(lookup.byKey, entry.key, entry);
        lookup.near.add(entry.key, entry);
      }
      this.lookups.set(evaluationId, lookup);
    }
    return lookup;
  }
}
