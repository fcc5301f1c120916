// Pure (no imports): the web app's part card reads it too (web/src/components/PartCard.vue), so it names its shape itself.

/** What a correction's words say of it: the fields of an InspectionCorrectionNote (domain/business-order.ts) the words use. */
export interface InspectionCorrectionFacts {
  readonly reason: string;
  readonly correctedOn: string;
  readonly previousOutcome: 'PASSED' | 'FAILED';
  readonly outcome: 'PASSED' | 'FAILED';
  readonly previousInspectedOn: string;
  readonly inspectedOn: string;
}

/** An inspection's outcome in the office's words (web/src/labels.ts OUTCOME_LABEL). */
const OUTCOME_ZH: Readonly<Record<InspectionCorrectionFacts['outcome'], string>> = { PASSED: '通过', FAILED: '不通过' };

/**
 * One correction of an inspection as the part card and the 整改台账 print it, beside what the inspector wrote (newcomer46-8 M2):
 * 「更正（2026-12-06，张伟）：结论由不通过改为通过；理由：督查记录表结论为通过」, a day moved as 「督查日期由 2016-07-02 改为
 * 2016-07-08」. `who`: the supervisor as the reader knows them (the account's name). The office day of the correction, what it
 * changed, and why.
 */
export function inspectionCorrectionWords(correction: InspectionCorrectionFacts, who: string): string {
  const changes = [
    correction.outcome === correction.previousOutcome ? '' : `结论由${OUTCOME_ZH[correction.previousOutcome]}改为${OUTCOME_ZH[correction.outcome]}`,
    correction.inspectedOn === correction.previousInspectedOn ? '' : `督查日期由 ${correction.previousInspectedOn} 改为 ${correction.inspectedOn}`,
  ].filter(Boolean);
  return `更正（${[correction.correctedOn, who].filter(Boolean).join('，')}）：${changes.length > 0 ? changes.join('，') : '内容未变'}；理由：${correction.reason}`;
}
