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
  /** The office day the finding / item was withdrawn (撤销), when it is: a pass dated before it undoes the withdrawal. */
  withdrawnOn?: string | null;
  /**
   * The latest office day (YYYY-MM-DD) the other parts were verified on, null when none is; absent when the page does not know
   * it (待督查 lists one part). The close-out day is the latest verification day of all parts (`closeOutDay`, part-view.ts).
   */
  othersVerifiedLast?: string | null;
}

/**
 * What a pass does, said before it is recorded (newcomer12 Q5): the part is verified; when it is the
 * last unverified part, the finding is closed (销号) — undone only by 重新打开, which sends every
 * part back to be reported and inspected again — or the work-plan item is complete. Null for a
 * failure (it returns the part to its unit and needs no confirmation).
 */
export function passConsequence(values: Record<string, unknown>, part: CheckedPart): string | null {
  if (values.outcome !== 'PASSED') return null;
  const outcome = closingConsequence(part, typeof values.inspectedOn === 'string' && values.inspectedOn ? values.inspectedOn : null);
  return part.withdrawnOn ? `${outcome}${withdrawalUndone(part, part.withdrawnOn)}` : outcome;
}

/**
 * On a withdrawn finding or item, a pass (dated before the withdrawal: the form allows no other)
 * means the withdrawal does not stand — verified work is not withdrawn — so the whole parent comes
 * back, every other unit's part with it (breaker11h P9): said before it is recorded.
 */
function withdrawalUndone(part: CheckedPart, withdrawnOn: string): string {
  const [noun, back] = part.kind === 'finding' ? ['问题', '回到台账'] : ['事项', '回到工作方案'];
  const others = part.othersUnverified > 0 ? `，其余 ${part.othersUnverified} 个单位的任务恢复办理（时限、催办照常）` : '';
  return `注意：该${noun}已于 ${withdrawnOn} 撤销，这次通过早于撤销日期，撤销将不成立：${noun}${back}${others}。如仍须撤销，请在记录后先重新打开，再撤销。`;
}

/**
 * The day a pass on `inspectedOn` closes the parent on, in words (newcomer48-8 M4: 「将随即销号」 said no day, and a pass
 * entered late closes on its own day, not today): the latest of it and the other parts' verification days; when the others'
 * are not known, that rule.
 */
function closingDay(part: CheckedPart, inspectedOn: string | null): string {
  if (!inspectedOn) return '';
  if (part.othersVerifiedLast === undefined) return `（${part.kind === 'finding' ? '销号' : '完成'}日期为各单位通过督查日期中最晚的一天，本次为 ${inspectedOn}）`;
  const day = part.othersVerifiedLast && part.othersVerifiedLast > inspectedOn ? part.othersVerifiedLast : inspectedOn;
  return `（${part.kind === 'finding' ? '销号' : '完成'}日期 ${day}${day !== inspectedOn ? '，即其他单位最晚通过督查的日期' : ''}）`;
}

function closingConsequence(part: CheckedPart, inspectedOn: string | null): string {
  const verified = `确认“通过”：${part.unitName}的整改记为已核验。`;
  if (part.othersUnverified > 0) {
    const parent = part.kind === 'finding' ? '该问题' : '该事项';
    return `${verified}${parent}还有 ${part.othersUnverified} 个单位未核验，暂不${part.kind === 'finding' ? '销号' : '完成'}。`;
  }
  return part.kind === 'finding'
    ? `${verified}这是该问题最后一个待核验的单位：问题“${part.title}”将随即销号${closingDay(part, inspectedOn)}。销号后只能由督办人员“重新打开”，届时各单位须重新报告、重新督查。`
    : `${verified}这是该事项最后一个待核验的单位：事项“${part.title}”将随即记为已完成${closingDay(part, inspectedOn)}。`;
}
