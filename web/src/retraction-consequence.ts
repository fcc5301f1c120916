/*
 * 撤销误录 (newcomer51-8 S1): the records of a part a supervisor can retract where the card shows them, and what a retraction
 * does, said before confirming (「撤销后：该问题恢复为 2016-07-22 销号」). Pure: the root suite tests it
 * (test/web-retraction-consequence.spec.ts). Said only where the server would take the retraction: the dialog asks it first
 * (`retractionRefusal`, breaker52-8 M1) and shows its refusal instead — a later record to retract first — with no 确认.
 */

/** What of a part (workflow.ts `Part`) the retraction reads. */
export interface RetractablePart {
  unitId: string;
  unit: { name: string };
  status: string;
  reports: readonly { reportedOn: string; reportedAt: string }[] | null;
  inspections: readonly { outcome: string; inspectedOn: string; loggedAt: string }[] | null;
  returns: readonly { cause: string; returnedOn: string; returnedAt: string }[] | null;
  urges: readonly { urgedOn: string; urgedAt: string }[] | null;
  /** Its extension requests (h52a): a request or its decision may be retracted too. */
  extensionRequests?: readonly { status: string; requestedOn: string; decidedOn: string | null; grantedDueDate: string | null }[] | null;
  /** The office day of the pass that verified it; null while not verified (a 交办 retracted: whether the parent closes without it). */
  verifiedOn?: string | null;
  /** 承担方式调整 since its 交办 (牵头 ↔ 责任): a retracted 交办 takes them with it (h57b: the dialog said nothing of the step-down). */
  roleChanges?: readonly { role: string; changedOn: string }[] | null;
}

/** A record chosen on the card: its kind as the API names it (`RetractableRecord`), its day now, its place that day (1 the first). */
export interface RetractedChoice {
  record: 'ASSIGNMENT' | 'REPORT' | 'SEND_BACK' | 'URGING' | 'EXTENSION_REQUEST' | 'EXTENSION_DECISION' | 'INSPECTION' | 'REOPENING';
  on: string;
  /** Its place among the part's records of that kind that day, in the order entered; only when there are several. */
  ofTheDay?: number;
  /** The record in the card's words (「重新打开（2016-07-21）」). */
  words: string;
}

const WORDS: Record<RetractedChoice['record'], string> = {
  ASSIGNMENT: '交办',
  REPORT: '整改报告',
  SEND_BACK: '退办',
  URGING: '催办',
  EXTENSION_REQUEST: '延期申请',
  EXTENSION_DECISION: '延期审批',
  INSPECTION: '现场督查',
  REOPENING: '重新打开',
};

/**
 * The choice that names one record of the card: `kind`, its office day `on` and its entry instant `at`, among `sameKind` (the
 * part's records of that kind, each with its day and instant) — `ofTheDay` when several of that kind share the day.
 */
export function retractedChoice(kind: RetractedChoice['record'], on: string, at: string, sameKind: readonly { on: string; at: string }[], about = ''): RetractedChoice {
  const ofDay = sameKind.filter((other) => other.on === on).map((other) => other.at).sort();
  const nth = ofDay.indexOf(at) + 1;
  return { record: kind, on, ...(ofDay.length > 1 && nth > 0 ? { ofTheDay: nth } : {}), words: `${WORDS[kind]}（${on}${about}）` };
}

/** The last pass of `part` dated on or before `day` (`YYYY-MM-DD`); null when none. */
const lastPassBy = (part: RetractablePart, day: string): string | null =>
  (part.inspections ?? []).filter((inspection) => inspection.outcome === 'PASSED' && inspection.inspectedOn <= day).reduce<string | null>((latest, inspection) => (latest === null || inspection.inspectedOn > latest ? inspection.inspectedOn : latest), null);

/**
 * What retracting `choice` on `part` does, in one sentence beginning 撤销后：. `parts`: the parent's parts (this one among them);
 * `kind`: finding (销号) or item (完成); `closedOn`: the parent's close-out day now (null while open).
 */
export function retractionConsequence(choice: RetractedChoice, part: RetractablePart, parts: readonly RetractablePart[], kind: 'finding' | 'item', closedOn: string | null): string {
  const parent = kind === 'finding' ? '该问题' : '该事项';
  const closeWord = kind === 'finding' ? '销号' : '完成';
  const unit = part.unit.name;
  const counted = `该${WORDS[choice.record]}记录保留在时间线中，标注“已撤销（录入错误）”，不计入任何统计`;
  switch (choice.record) {
    case 'REOPENING': {
      // The parts it returned stand verified again on their last pass before it; the others as they are.
      const returned = (other: RetractablePart) => (other.returns ?? []).some((item) => item.cause === 'REOPENED' && item.returnedOn === choice.on);
      const verifiedOn = parts.map((other) => (returned(other) ? lastPassBy(other, choice.on) : other.status === 'VERIFIED' ? lastPassBy(other, '9999-12-31') : null));
      if (verifiedOn.every((day) => day !== null)) {
        const day = verifiedOn.reduce((a, b) => (a! > b! ? a : b))!;
        return `撤销后：${parent}恢复为 ${day} ${closeWord}；${counted}。`;
      }
      const names = parts.filter(returned).map((other) => other.unit.name).join('、');
      return `撤销后：${names || unit}的任务恢复为重新打开之前的状态（已核验），${parent}仍为整改中；${counted}。`;
    }
    case 'INSPECTION': {
      const inspection = (part.inspections ?? []).find((one) => one.inspectedOn === choice.on);
      if (inspection?.outcome === 'PASSED' && closedOn !== null) return `撤销后：${unit}的任务恢复为待督查，${parent}恢复为整改中（${closedOn} ${closeWord}不成立）；${counted}。`;
      return `撤销后：${unit}的任务恢复为该次督查之前的状态（待督查）；${counted}。`;
    }
    case 'SEND_BACK':
      return `撤销后：${unit}的任务恢复为该退办之前的状态（待督查），时限恢复为退办之前的时限；${counted}。`;
    case 'REPORT':
      return `撤销后：${unit}的任务恢复为该报告之前的状态（待报告），按时报告等统计不再计入该报告；${counted}。`;
    case 'URGING':
      return `撤销后：${unit}的任务状态不变；${counted}。`;
    case 'EXTENSION_REQUEST':
      return `撤销后：${unit}没有这项延期申请，时限仍按原时限计算；${counted}。`;
    case 'EXTENSION_DECISION': {
      const request = (part.extensionRequests ?? []).find((one) => one.decidedOn === choice.on);
      const granted = request?.grantedDueDate ? `批准的新时限 ${request.grantedDueDate} 不再有效，时限、逾期天数和单位排名按批准之前的时限计算，` : '';
      return `撤销后：该延期申请恢复为待审批，${granted}可重新录入审批；${counted}。`;
    }
    case 'ASSIGNMENT': {
      // The part goes as if never given: the parent closes on the others' last pass when they are all verified.
      const others = parts.filter((other) => other.unitId !== part.unitId);
      const closes = others.length > 0 && others.every((other) => other.status === 'VERIFIED');
      const day = closes ? others.map((other) => other.verifiedOn ?? '').reduce((a, b) => (a > b ? a : b)) : '';
      const after = closes && closedOn === null ? `${parent}于 ${day} ${closeWord}；` : '';
      // Its requests (with their withdrawals and decisions) and the urgings it was sent go with it (breaker53-8 S2).
      const own = [(part.extensionRequests ?? []).length > 0 ? '延期申请（连同撤回、审批）' : '', (part.urges ?? []).length > 0 ? '催办' : ''].filter(Boolean).join('和');
      const falls = own ? `其${own}记录一并撤销；` : '';
      // Its role changes go with it (newcomer54-8 S1): the step-down 替换原牵头单位 wrote is said, not left for the history to show (h57b).
      const stepped = (part.roleChanges ?? []).map((change) => `${change.changedOn} ${change.role === 'LEAD' ? '责任改为牵头' : '牵头改为责任'}`);
      const roleWords = stepped.length > 0 ? `其承担方式调整（${stepped.join('；')}）一并撤销；` : '';
      return `撤销后：${unit}视为从未交办，不再承担${parent}，不计入单位排名等任何统计；${falls}${roleWords}${after}${counted}。`;
    }
  }
}

/**
 * A reorganisation's or a plan's step on a history line that 撤销此记录 / 更正记录日期 take (h57b, breaker55-8 S4 S6): a part handed
 * over alone (按事项移交, `HAND_OVER`: `unit` handed it to `successor`) or a unit taken off a work-plan item (移除单位, `REMOVAL`),
 * with its office day `on`.
 */
export interface HistoryStep {
  readonly record: 'HAND_OVER' | 'REMOVAL';
  readonly on: string;
  /** The unit that handed the part over, or the unit removed (named as on its day). */
  readonly unit: string;
  /** The unit the part was handed to (HAND_OVER only). */
  readonly successor?: string;
}

/** The step in the history's words: 「按事项移交（2026-07-06，青川市民政局 → 青川市司法局）」, 「移除单位（2026-07-06，青川市民政局）」. */
export const historyStepWords = (step: HistoryStep): string =>
  step.record === 'HAND_OVER' ? `按事项移交（${step.on}，${step.unit} → ${step.successor ?? ''}）` : `移除单位（${step.on}，${step.unit}）`;

/**
 * What retracting `step` does, one sentence beginning 撤销后：. `kind`: finding or item; `parentDone`: whether the parent reads
 * 销号 / 完成 now (a removal retracted puts an open part back: it is not any more).
 */
export function stepRetractionConsequence(step: HistoryStep, kind: 'finding' | 'item', parentDone: boolean): string {
  const parent = kind === 'finding' ? '该问题' : '该事项';
  const counted = '该记录保留在时间线中，标注“已撤销（录入错误）”，不计入任何统计';
  if (step.record === 'HAND_OVER') {
    return `撤销后：${step.unit}的任务视为从未移交，由${step.unit}一直承担（连同其报告、延期申请、催办等记录）；${step.successor ?? '接手单位'}不再承担${parent}中的这项任务；${counted}。`;
  }
  const reopened = parentDone ? `，${parent}恢复为未${kind === 'finding' ? '销号' : '完成'}` : '';
  return `撤销后：${step.unit}的任务恢复到${parent}中，视为从未移除（其原有记录随任务恢复）${reopened}；${counted}。`;
}

/** What moving `step` to office day `to` does, one sentence beginning 更正后：, confirmed before it is sent. */
export function stepRedateConsequence(step: HistoryStep, kind: 'finding' | 'item', to: string): string {
  const parent = kind === 'finding' ? '该问题' : '该事项';
  const [from, until] = to < step.on ? [to, step.on] : [step.on, to];
  const between = `${from} 至 ${until} 前一天`;
  const retyped = `原 ${step.on} 的记录保留在时间线中，标注已撤销，并按 ${to} 重新记下`;
  if (step.record === 'HAND_OVER') {
    const holder = to < step.on ? step.successor ?? '接手单位' : step.unit;
    return `更正后：${step.unit}的任务于 ${to} 移交${step.successor ?? ''}（原录 ${step.on}）；${between}由${holder}承担，时限、逾期和单位排名按更正后的日期计算；${retyped}。`;
  }
  const held = to < step.on ? `${between}${step.unit}不再承担${parent}` : `${between}${step.unit}仍承担${parent}`;
  return `更正后：${step.unit}于 ${to} 从${parent}移除（原录 ${step.on}）；${held}，时限、逾期和单位排名按更正后的日期计算；${retyped}。`;
}
