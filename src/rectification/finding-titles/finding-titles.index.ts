import { distance } from 'fastest-levenshtein';
import type { ClaimedValue } from '../../event-sourcing/execute-command.js';
import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { findingTitleKey } from '../import-findings/findings-file.js';
import { documentTitleKey } from '../../shared/document-title.js';
import { numbersByValue } from '../../shared/numbers-by-value.js';
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
export const nearTitleTolerance = (a: string, b: string): number => {
  const longer = Math.max(a.length, b.length);
  return longer < 8 ? 0 : longer < 12 ? 1 : longer < 24 ? 2 : 3;
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
 * 关于 and a trailing (的)问题 — 关于“依申请公开”答复超期的问题 reads 依申请公开答复超期.
 */
const titleWords = (key: string): string =>
  key
    .replace(/[《》〈〉“”‘’「」『』"']/gu, '')
    .replace(/^关于/u, '')
    .replace(/(?:的)?问题$/u, '') || key;

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
  if (a !== b && titleWords(a) === titleWords(b)) return Math.max(1, distance(a, b));
  const tolerance = nearTitleTolerance(a, b);
  if (tolerance === 0 || a === b || Math.abs(a.length - b.length) > tolerance) return null;
  const apart = distance(a, b);
  if (apart > tolerance || numbersNamed(a) !== numbersNamed(b)) return null;
  return unitsNamed && unitsNamed(a) !== unitsNamed(b) ? null : apart;
}

/**
 * Every finding's title by evaluation, however it was recorded — typed in with 登记问题
 * (`recordFinding`), imported from a list or a 台账 —, so that no path records a problem the
 * evaluation already has (breaker11d P10): the import finds a hand-entered finding by its title's
 * words, and the form refuses a title already recorded. O(1) per event; `near` is O(findings of
 * the evaluation × title length²), asked once per imported row.
 */
export class FindingTitlesIndex implements Projection {
  private byEvaluation = new Map<string, RecordedFindingTitle[]>();
  private byFinding = new Map<string, RecordedFindingTitle>();

  snapshot(): { byEvaluation: Map<string, RecordedFindingTitle[]> } {
    return { byEvaluation: this.byEvaluation };
  }

  restore(state: unknown): void {
    this.byEvaluation = (state as { byEvaluation: Map<string, RecordedFindingTitle[]> }).byEvaluation;
    this.byFinding = new Map([...this.byEvaluation.values()].flat().map((entry) => [entry.findingId, entry]));
  }

  apply(event: RecordedEvent): void {
    if (event.type === 'FindingRecorded') {
      const { findingId, evaluationId, title } = event.data as { findingId: string; evaluationId: string; title: string };
      const entry: RecordedFindingTitle = { findingId, title, key: findingTitleKey(title), withdrawn: false };
      const list = this.byEvaluation.get(evaluationId);
      if (list) list.push(entry);
      else this.byEvaluation.set(evaluationId, [entry]);
      this.byFinding.set(findingId, entry);
    } else if (event.type === 'FindingWithdrawn') {
      const entry = this.byFinding.get((event.data as { findingId: string }).findingId);
      if (entry) entry.withdrawn = true;
    } else if (event.type === 'FindingWithdrawalUndone') {
      const entry = this.byFinding.get((event.data as { findingId: string }).findingId);
      if (entry) entry.withdrawn = false;
    }
  }

  /** The evaluation's findings in the order recorded. */
  findingsOf(evaluationId: string): readonly RecordedFindingTitle[] {
    return this.byEvaluation.get(evaluationId) ?? [];
  }

  /**
   * The evaluation's finding with the same title's words (`findingTitleKey`), one not withdrawn
   * first; undefined when none.
   */
  sameTitle(evaluationId: string, title: string): RecordedFindingTitle | undefined {
    const key = findingTitleKey(title);
    const same = this.findingsOf(evaluationId).filter((entry) => entry.key === key);
    return same.find((entry) => !entry.withdrawn) ?? same[0];
  }

  /**
   * The evaluation's findings whose title reads as `title` retyped (`titlesApart`: within
   * `nearTitleTolerance`, the same numbers, the same units of `unitsNamed` when given) but is not the same, nearest first (withdrawn ones too: a problem withdrawn is not brought back by a retyped row).
   */
  near(evaluationId: string, title: string, unitsNamed?: UnitsNamed): NearFindingTitle[] {
    const key = findingTitleKey(title);
    const near: NearFindingTitle[] = [];
    for (const entry of this.findingsOf(evaluationId)) {
      const apart = titlesApart(entry.key, key, unitsNamed);
      if (apart !== null) near.push({ ...entry, distance: apart });
    }
    return near.sort((a, b) => a.distance - b.distance);
  }
}
