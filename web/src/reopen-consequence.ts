/*
 * What 重新打开 does, worded before it is done: pure, so the root suite tests it (test/web-reopen-consequence.spec.ts).
 *
 * The server decides it (parent-of-parts.ts `reopen`): a closed finding (completed item) reopened on or after its
 * close-out returns every part that reported and the close-out no longer stands; one reopened on a day before its
 * close-out was open that day, so only the parts verified by that day return (and the close-out no longer stands);
 * one not closed returns its verified parts, and refuses a day before any of their verifications. A newcomer found the
 * dialog said 「都将退回」 and 「问题销号不再成立」 from today's state, on an open finding and for any day chosen.
 */

/** One part of the finding or item, as the page holds it now. */
export interface PartNow {
  unitName: string;
  /** ASSIGNED, REPORTED, RETURNED, VERIFIED … */
  status: string;
  /** The office day of the pass that verified it; null while not verified. */
  verifiedOn: string | null;
}

/** The finding or work-plan item to reopen, as it stands now. */
export interface ReopenedParent {
  kind: 'finding' | 'item';
  /** Closed out (已销号) or, for an item, completed (已完成). */
  closed: boolean;
  /** The office day of that close-out or completion; null when not closed. */
  closedOn: string | null;
  parts: readonly PartNow[];
}

/**
 * Whether the wording for `day` needs the parts as they stood that day (the API's `asOf`): only a closed
 * parent reopened on a day before its close-out, whose parts verified by then the page does not hold.
 */
export function needsPartsOfDay(parent: ReopenedParent, day: string): boolean {
  return parent.closed && parent.closedOn !== null && day < parent.closedOn;
}

const words = (kind: ReopenedParent['kind']) =>
  kind === 'finding'
    ? { noun: '问题', closeOut: '问题销号不再成立', closed: '销号', closeOutOf: (day: string) => `${day} 的销号不再成立` }
    : { noun: '事项', closeOut: '事项不再记为已完成', closed: '完成', closeOutOf: (day: string) => `${day} 的完成不再成立` };

const sentBack = (names: readonly string[], all: boolean) =>
  `${names.join('、')}的任务${all ? '都' : ''}将退回（共 ${names.length} 个单位），须重新报告、重新督查`;

/**
 * The consequence of reopening `parent` on office day `day`, as the dialog says it. `verifiedThen`: the names of the
 * units whose parts stood verified on `day` (asked of the server when `needsPartsOfDay`); null while it is being asked.
 */
export function reopenConsequence(parent: ReopenedParent, day: string, verifiedThen: readonly string[] | null = null): string {
  const { noun, closeOut, closed, closeOutOf } = words(parent.kind);
  if (parent.closed && !needsPartsOfDay(parent, day)) {
    const back = parent.parts.filter((part) => part.status !== 'ASSIGNED').map((part) => part.unitName);
    return back.length === 0 ? `重新打开后，${noun}回到整改中。` : `重新打开后，${sentBack(back, true)}；${closeOut}。`;
  }
  if (parent.closed) {
    if (verifiedThen === null) return `正在查询 ${day} 当日已核验的任务（加载中）……`;
    const notYet = `${noun}在 ${day} 尚未${closed}（${parent.closedOn} ${closed}）`;
    if (verifiedThen.length === 0) return `${notYet}，当日也没有已核验的任务：没有可以重新打开的内容。请改选重新打开的日期。`;
    return `${notYet}：重新打开后，当日已核验的${sentBack(verifiedThen, false)}；其余单位的任务不受影响；${closeOutOf(parent.closedOn!)}。`;
  }
  const verified = parent.parts.filter((part) => part.status === 'VERIFIED');
  const later = verified.filter((part) => part.verifiedOn !== null && part.verifiedOn > day);
  if (later.length > 0) {
    const latest = later.reduce((max, part) => (part.verifiedOn! > max ? part.verifiedOn! : max), day);
    const each = later.map((part) => `${part.unitName}的任务于 ${part.verifiedOn} 才核验`).join('，');
    return `${each}：${day} 时尚未核验，没有可以退回的。重新打开的日期不能早于核验日期，请改为 ${latest} 或之后。`;
  }
  if (verified.length === 0) return `${noun}尚未${closed}，也没有已核验的任务：没有可以重新打开的内容。`;
  return `${noun}尚未${closed}：重新打开后，只有已核验的${sentBack(verified.map((part) => part.unitName), false)}；其余单位的任务不受影响。`;
}
