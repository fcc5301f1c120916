/** The kind of parent a part belongs to (see workflow.ts ParentKind). */
type ParentKind = 'finding' | 'item';

/** The part a check is about, and how many other parts of its finding or item are not verified yet. */
export interface CheckedPart {
  kind: ParentKind;
  /** The finding's or item's title, as the page shows it. */
  title: string;
  unitName: string;
  /** Parts of the same finding / item other than this one that are not verified (已核验) yet. */
  othersUnverified: number;
}

/**
 * What a pass does, said before it is recorded (newcomer12 Q5): the part is verified; when it is the
 * last unverified part, the finding is closed (销号) — undone only by 重新打开, which sends every
 * part back to be reported and inspected again — or the work-plan item is complete. Null for a
 * failure (it returns the part to its unit and needs no confirmation).
 */
export function passConsequence(values: Record<string, unknown>, part: CheckedPart): string | null {
  if (values.outcome !== 'PASSED') return null;
  const verified = `确认“通过”：${part.unitName}的整改记为已核验。`;
  if (part.othersUnverified > 0) {
    const parent = part.kind === 'finding' ? '该问题' : '该事项';
    return `${verified}${parent}还有 ${part.othersUnverified} 个单位未核验，暂不${part.kind === 'finding' ? '销号' : '完成'}。`;
  }
  return part.kind === 'finding'
    ? `${verified}这是该问题最后一个待核验的单位：问题“${part.title}”将随即销号。销号后只能由督查办“重新打开”，届时各单位须重新报告、重新督查。`
    : `${verified}这是该事项最后一个待核验的单位：事项“${part.title}”将随即记为已完成。`;
}
