import { distance } from 'fastest-levenshtein';
import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { findingTitleKey } from '../import-findings/findings-file.js';

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

/** A recorded finding whose title is a few characters away from another title. */
export interface NearFindingTitle extends RecordedFindingTitle {
  /** Characters inserted, deleted or replaced to turn one title key into the other (≥ 1). */
  readonly distance: number;
}

/**
 * How many characters two title keys may differ by and still be taken for one problem retyped
 * (breaker10c P3: `LM网站栏目更新不及时` re-sent as `…不够及时`): none under 8 characters (年报未发布 and
 * 年报未公布 may well be two problems), 1 from 8, 2 from 16 — at most an eighth of the longer title.
 * A judgement, not a standard: a touched-up word or a dropped particle, never a reworded problem.
 */
export const nearTitleTolerance = (a: string, b: string): number => Math.min(2, Math.floor(Math.max(a.length, b.length) / 8));

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
   * The evaluation's findings whose title is within `nearTitleTolerance` of `title` but not the
   * same, nearest first (withdrawn ones too: a problem withdrawn is not brought back by a retyped row).
   */
  near(evaluationId: string, title: string): NearFindingTitle[] {
    const key = findingTitleKey(title);
    const near: NearFindingTitle[] = [];
    for (const entry of this.findingsOf(evaluationId)) {
      const tolerance = nearTitleTolerance(key, entry.key);
      if (tolerance === 0 || entry.key === key || Math.abs(entry.key.length - key.length) > tolerance) continue;
      const apart = distance(entry.key, key);
      if (apart <= tolerance) near.push({ ...entry, distance: apart });
    }
    return near.sort((a, b) => a.distance - b.distance);
  }
}
