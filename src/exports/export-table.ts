import { dueDateAmong, inAssignedOrder, onWatch, reportedDaysLate, trafficLight, type DueDateChange, type InspectionView, type PartStatus, type PartView, type ReturnView, type TrafficLight } from '../assignments/read-model/part-view.js';
import { whatFailed } from '../assignments/domain/business-order.js';
import { inspectionCorrectionWords } from '../assignments/read-model/inspection-correction-words.js';
import { actorName } from '../rectification/evaluations/history-entry.resolver.js';
import { recordsAfterWithdrawal } from '../assignments/read-model/records-after-withdrawal.js';
import { addDays, officeClockExact, officeClockMillis } from '../shared/calendar-date.js';
import { slicer } from '../shared/event-loop-turns.js';
import type { Breakdown } from '../work-plan/breakdown/breakdown.js';
import { planLastYear, planYears } from '../work-plan/domain/work-plan.decider.js';
import { deadlineCell } from '../shared/deadline.js';
import type { EvaluationView, FindingView } from '../rectification/ledger/rectification-ledger.js';
import { FINDING_STATUS_ZH, SEVERITY_ZH } from '../rectification/ledger/finding-status.js';

/**
 * A sheet as offices keep it: a title, the column headers, one row per parent (finding or
 * work-plan item) × unit. The XLSX and CSV writers both take this shape, so the two files
 * always carry the same columns and rows.
 */
export interface ExportTable {
  /** Shown above the header in the XLSX, e.g. 青川市…整改台账（截至 2026-11-29）. */
  readonly title: string;
  /** The business day described, `YYYY-MM-DD` (China office day). */
  readonly asOf: string;
  /**
   * The record-time cut read (ISO instant, UTC): what had been entered by then; null for everything
   * entered. A file read so carries it in its name and its CSV a title row (breaker8b N5).
   */
  readonly knownAt: string | null;
  /**
   * The CSV's first row is the title as well (the work-plan export, always: the file says which day
   * it shows, and whose rows, so it is never re-imported as the plan's current version, breaker10g P22, P1; the 整改台账's
   * too, its day and reading said inside a file passed on, newcomer51-8 M7).
   */
  readonly titleInCsv?: true;
  /**
   * The unit whose rows alone the file holds (a unit user's download), as named on `asOf`; absent: every
   * unit's. Its title and file name say it, so it is never taken for the office's whole ledger (newcomer22 S3).
   */
  readonly unitName?: string;
  readonly columns: readonly ExportColumn[];
  readonly rows: readonly ExportRow[];
}

export interface ExportColumn {
  readonly header: string;
  /** Width in Excel character units. */
  readonly width: number;
  /** A column of office days (`YYYY-MM-DD`): the XLSX writes each plain day as a date cell. */
  readonly day?: boolean;
}

export interface ExportRow {
  /** One text or number per column, in column order ('' when there is nothing to show). */
  readonly cells: readonly (string | number)[];
  /** The part's light on `asOf`; null once verified. Fills the 红黄绿灯 cell. */
  readonly light: TrafficLight | null;
}

/** The header of the column saying why a 已退回 part came back (newcomer12 Q13). */
export const RETURN_HEADER = '退回情况';

/** The header of the light column, the one the XLSX fills red, yellow or green. */
export const LIGHT_HEADER = '红黄绿灯';

/** A part's status in the words every page uses (web/src/labels.ts PART_STATUS_LABEL), so a printed ledger reads as the screen does. */
export const PART_STATUS_ZH: Readonly<Record<PartStatus, string>> = {
  ASSIGNED: '整改中',
  REPORTED: '已报告待督查',
  VERIFIED: '已核验',
  RETURNED: '已退回',
};

/**
 * The 状态 cell: the part's status, and for one reported late its lateness, as the pages show it
 * (`已报告待督查（逾期 3 天后报送）`): not overdue any more (no red light), but not on time either. Judged on its unit's watch
 * (`onWatch`): a row is its unit's, so a part taken over after its due date is late only from the day it came to hold it — and
 * then the cell says so, since the row's 整改时限 is the part's own (breaker8p P8): 「整改中（2016-07-01 由物价局移交本单位，
 * 时限自移交之日起计）」, 「已报告待督查（逾期 9 天后报送：2016-07-01 由物价局移交本单位，自移交之日起计；按原时限逾期 71 天）」, or
 * for a part that came over reported, who reported it when (「物价局于 2016-05-10 报送，按原时限逾期 10 天；2016-07-01 移交本单位」).
 * `unitName`: a unit's name as of the row's day. `closedWord`: the parent's closed status (已销号 for a closed finding, 已销号 too
 * for a completed item's rows as before) said instead of the part's, with its lateness all the same — 「已销号（逾期 3 天后报送）」,
 * as an open finding's part reads 「已核验（逾期 3 天后报送）」 (newcomer46 M3: a closed finding's late part read only 已销号).
 */
export function statusCell(part: PartView, unitName: (unitId: string) => string, closedWord?: string): string {
  const status = closedWord ?? PART_STATUS_ZH[part.status];
  const judged = onWatch(part);
  const late = reportedDaysLate(judged);
  const plain = late ? `${status}（逾期 ${late} 天后报送）` : status;
  const since = part.heldSince;
  if (judged === part || since === undefined) return plain;
  const handedOver = `${since} 由${unitName(holderOn(part, addDays(since, -1)))}移交本单位`;
  if (late === null) return judged.dueDate === part.dueDate ? plain : `${status}（${handedOver}，时限自移交之日起计）`;
  const own = reportedDaysLate(part) ?? 0;
  if (own === late) return plain;
  let standing = '';
  for (const report of part.reports) if (report.reportedOn > standing) standing = report.reportedOn;
  if (standing < since) return `${status}（${unitName(holderOn(part, standing))}于 ${standing} 报送，按原时限逾期 ${own} 天；${since} 移交本单位）`;
  return `${status}（${late ? `逾期 ${late} 天后报送` : '按时报送'}：${handedOver}，自移交之日起计；按原时限逾期 ${own} 天）`;
}

/**
 * The unit that held the part (this record) on office day `day`: the earlier holder whose days it falls in (`heldBefore`, each
 * until the day it passed the part on — not a unit whose own record joined this one, `joined`), else the unit holding it now.
 * Pure, O(holders).
 */
function holderOn(part: Pick<PartView, 'unitId' | 'heldBefore' | 'passedOn' | 'joined'>, day: string): string {
  for (let index = 0; index < part.heldBefore.length; index += 1) {
    const unitId = part.heldBefore[index]!;
    const passed = part.passedOn[index]!;
    if (part.joined?.some((joined) => joined.unitId === unitId && joined.on === passed)) continue;
    if (day < passed) return unitId;
  }
  return part.unitId;
}

export const LIGHT_ZH: Readonly<Record<TrafficLight, string>> = { RED: '红灯', YELLOW: '黄灯', GREEN: '绿灯' };

const column = (header: string, width: number): ExportColumn => ({ header, width });
const dayColumn = (header: string, width: number): ExportColumn => ({ header, width, day: true });

/**
 * 整改台账 columns (webapi-api.md §3): every column the findings import records a finding by — 问题, 具体表现, 类别, 严重程度,
 * 整改措施, the units and 整改时限 — so the file imports back as the findings recorded, with nothing said missing (newcomer43-10 #5:
 * without 具体表现 and 严重程度 it was told 「所有问题按“一般”记录」 of findings recorded 较重); then the app's record of progress.
 */
export const LEDGER_COLUMNS: readonly ExportColumn[] = [
  column('序号', 6),
  column('评估', 24),
  column('问题', 40),
  column('具体表现', 40),
  column('类别', 12),
  column('严重程度', 10),
  column('整改措施', 40),
  column('牵头单位', 22),
  column('责任单位', 22),
  dayColumn('整改时限', 14),
  column('状态', 14),
  dayColumn('报告日期', 12),
  column('整改情况', 40),
  column('督查结果', 30),
  column(RETURN_HEADER, 30),
  column(LIGHT_HEADER, 10),
  dayColumn('销号日期', 12),
];

/**
 * Work-plan progress columns (webapi-api.md §3): every column the plan import records an item by — 类别, 工作事项 (code and
 * title), 具体内容, 工作措施, the units and 完成时限 — under headers its dictionary reads (plan-document.ts `planItemColumns`), so
 * the file imports back as the plan it shows, into this store or another (breaker46-10 M5, newcomer46-10 S2: without 具体内容
 * every item's description was lost on the way); then the app's record of progress.
 */
export const WORK_PLAN_COLUMNS: readonly ExportColumn[] = [
  column('序号', 6),
  column('类别', 20),
  column('工作事项', 40),
  column('具体内容', 40),
  column('工作措施', 40),
  column('牵头单位', 22),
  column('责任单位', 22),
  dayColumn('完成时限', 14),
  column('状态', 14),
  dayColumn('报告日期', 12),
  column('进展情况', 40),
  column('督查结果', 30),
  column(RETURN_HEADER, 30),
  column(LIGHT_HEADER, 10),
  dayColumn('销号日期', 12),
];

/**
 * The 整改时限 / 完成时限 cell: the day, or the office's words when the terms are not a plain day —
 * 立行立改（2026-04-01）, 常态化（每季度报送）, 2026-03-31（每季度）, 2018-12-31前完成并持续落实.
 */
export const dueCell = (part: Pick<PartView, 'dueDate' | 'terms'>): string => deadlineCell(part.terms, part.dueDate);

/** Why a part came back, in the pages' words (web/src/labels.ts RETURN_CAUSE_LABEL). */
const RETURN_CAUSE_ZH: Readonly<Record<ReturnView['cause'], string>> = { SENT_BACK: '退办', INSPECTION_FAILED: '督查未通过', REOPENED: '重新打开' };

/** An account's name by its id and role (`actorName`: a history entry's words for who did it). */
export type UserName = (userId: string, role: string) => string;

/** Who an account is when no directory of accounts is at hand: its id, 系统 / 命令行（…） for system actors. */
const unnamed: UserName = (userId, role) => actorName(userId, role, () => undefined);

/**
 * What a part's latest report and inspection say, and every return it had: 报告日期 (「2016-06-20（原录 2016-06-21）」 when a
 * date correction moved it), 整改情况 (the
 * report's summary), 督查结果, and 退回情况 — each return in business order, one line each
 * (`退办（2026-11-18）：缺少佐证材料；时限由 2026-11-30 改为 2026-12-10`; `退办（2016-05-27，原录 2016-05-28）…` when its
 * day was corrected), whatever the part's status
 * now: a part sent back three times and then reported does not read like one right first time
 * (breaker11e P2); the 台账 is what offices send up and what 通报 decisions cite.
 */
function partProgress(part: PartView, userName: UserName): [string, string, string, string] {
  const report = part.reports.at(-1);
  const inspection = part.inspections.at(-1);
  // A report the office entered from the unit's paper report (代录, newcomer49-8 M5) says who typed it; it stays the unit's report.
  const summary = report === undefined ? '' : report.enteredBy === undefined ? report.summary : `${report.summary}（${userName(report.enteredBy, 'SUPERVISOR')} 代录，依据纸质报告）`;
  // A report day a date correction moved says the day it was entered as, as the card does (原录, newcomer51-8 M4).
  const reportedOn = report === undefined ? '' : report.reportedOnAsEntered === undefined ? report.reportedOn : `${report.reportedOn}（原录 ${report.reportedOnAsEntered}）`;
  return [reportedOn, summary, inspection ? inspectionCell(inspection, userName) : '', returnsCell(part)];
}

/**
 * The 督查结果 cell of an inspection: 通过（day）, or 未通过（day）：what failed; a corrected one keeps what the inspector wrote
 * (督查情况（原录）, when a correction changed the outcome since; 督查情况 when only its day was) and lists each correction on a line of its own with who, when and why
 * (newcomer46-8 M2: the cell printed the supervisor's reason as what the inspector found).
 */
function inspectionCell(inspection: InspectionView, userName: UserName): string {
  const failed = whatFailed(inspection);
  // A day a date correction moved says the day it was entered as, as a report's does (原录, newcomer55-8 M2).
  const day = inspection.inspectedOnAsEntered === undefined ? inspection.inspectedOn : `${inspection.inspectedOn}，原录 ${inspection.inspectedOnAsEntered}`;
  const head = inspection.outcome === 'PASSED' ? `通过（${day}）` : `未通过（${day}）${failed ? `：${failed}` : ''}`;
  // 原录 only where a correction changed the outcome the notes were written with (newcomer53-8 M3: a pass whose day alone was
  // corrected read 「督查情况（原录）」, as if its notes had been).
  const outcomeChanged = inspection.corrections.some((correction) => correction.previousOutcome !== correction.outcome);
  const notesLabel = outcomeChanged ? '督查情况（原录）' : '督查情况';
  const written = inspection.notes && (inspection.outcome === 'PASSED' ? inspection.corrections.length > 0 : failed !== inspection.notes) ? [`${notesLabel}：${inspection.notes}`] : [];
  const corrections = inspection.corrections.map((correction) => inspectionCorrectionWords(correction, userName(correction.correctedBy, correction.correctedByRole)));
  return [head, ...written, ...corrections].join('\n');
}

/**
 * The 销号日期 cell: the close-out day, 「2019-06-28（原录 2019-06-26）」 when the pass that gave it was moved there by a date
 * correction and no pass was entered on that day (newcomer55-8 M2: a corrected report day was noted, a corrected close-out day not;
 * the XLSX makes it a date cell with the 原录 in its note). '' when not closed.
 */
function closedOnCell(closedOn: string | null | undefined, parts: readonly PartView[]): string {
  if (!closedOn) return '';
  const passes = parts.flatMap((part) => part.inspections.filter((inspection) => inspection.outcome === 'PASSED' && inspection.inspectedOn === closedOn));
  const entered = passes.map((inspection) => inspection.inspectedOnAsEntered);
  return entered.length > 0 && entered.every((day) => day !== undefined) ? `${closedOn}（原录 ${entered[0]}）` : closedOn;
}

/**
 * Every return of the part and every extension granted it, earliest first (business day, then entry), one line each; '' when
 * none. A grant reads as a return's date change does — 「批准延期（2019-05-17）：时限由 2019-05-31 改为 2019-06-20」 — so a report on
 * time only thanks to it can be told from the file (newcomer55-8 M1: the card said 「（原 2019-05-31）」, the 台账 nothing).
 */
function returnsCell(part: PartView): string {
  const returns = part.returns.map((entry) => {
    const reason = entry.reason ? `：${entry.reason.trim().replace(/[。；;.\s]+$/u, '')}` : '';
    const before = entry.newDueDate ? dueDateBefore(part, entry.returnedOn, entry.returnedAt) : null;
    const due = !entry.newDueDate ? '' : before && before !== entry.newDueDate ? `；时限由 ${before} 改为 ${entry.newDueDate}` : `；新时限 ${entry.newDueDate}`;
    const asEntered = entry.returnedOnAsEntered === undefined ? '' : `，原录 ${entry.returnedOnAsEntered}`;
    return { on: entry.returnedOn, at: entry.returnedAt, line: `${RETURN_CAUSE_ZH[entry.cause]}（${entry.returnedOn}${asEntered}）${reason}${due}` };
  });
  const grants = part.extensionRequests.flatMap((request) => {
    if (request.status !== 'GRANTED' || request.decidedOn === null || request.grantedDueDate === null) return [];
    const [on, at, granted] = [request.decidedOn, request.decidedAt ?? '', request.grantedDueDate];
    const before = dueDateBefore(part, on, at);
    const due = before && before !== granted ? `时限由 ${before} 改为 ${granted}` : `时限延至 ${granted}`;
    return [{ on, at, line: `批准延期（${on}）：${due}` }];
  });
  return [...returns, ...grants]
    .sort((a, b) => a.on.localeCompare(b.on) || a.at.localeCompare(b.at))
    .map((entry) => entry.line)
    .join('\n');
}

/**
 * The due date in force just before a fact of office day `on` recorded at instant `at` (the latest change earlier in business
 * order); the part's first due date when none is known.
 */
function dueDateBefore(part: PartView, on: string, at: string): string | null {
  const stood = (change: DueDateChange) => change.on < on || (change.on === on && (change.at ?? '') < at);
  // A grant overtaken by a later date (breaker8r P4) did not cut it: the date in force, as every view reads it.
  return part.dueDates.some(stood) ? dueDateAmong(part, stood) : part.originalDueDate;
}

const leadsOf = (parts: Iterable<PartView>, unitName: (unitId: string) => string) =>
  [...parts].filter((part) => part.role === 'LEAD').map((part) => unitName(part.unitId)).join('、');

/** A finding's own cells of its 台账 rows, in `LEDGER_COLUMNS` order: 问题, 具体表现, 类别, 严重程度, 整改措施. */
const findingCells = (finding: FindingView): string[] => [finding.title, finding.description, finding.category, SEVERITY_ZH[finding.severity], finding.measures];

export interface LedgerSource {
  /** The findings as of `asOf`, in ledger order. */
  readonly findings: readonly FindingView[];
  readonly evaluations: readonly EvaluationView[];
  /** The one evaluation asked for; absent: every evaluation. */
  readonly evaluation?: EvaluationView;
  readonly unitName: (unitId: string) => string;
  /** Who an account is, by id and role (an inspection correction's supervisor: `actorName`); absent: the id itself, 系统 for system actors. */
  readonly userName?: UserName;
  readonly asOf: string;
  /** The record-time cut (ISO instant) the findings were read at; null: everything entered. The title says it. */
  readonly knownAt?: string | null;
  /** Days before the due date a part turns yellow (DUE_SOON_DAYS). */
  readonly dueSoonDays: number;
  /** A unit user's unit: only its own rows. */
  readonly unitId?: string | null;
  /**
   * A withdrawn finding's parts as they stood on its withdrawal, its units' later records left out
   * (`RectificationLedger.partsAsWithdrawn`, breaker11j P3); absent: `partsWhenWithdrawn` as held.
   */
  readonly partsAsWithdrawn?: (finding: FindingView) => Promise<ReadonlyMap<string, PartView>>;
}

/**
 * The 整改台账 as of a business day: one row per finding × unit; a finding not yet assigned is one
 * row of its own (no unit, 待交办), since every registered finding belongs in the ledger. A unit
 * user's ledger has its own rows only. Built a slice at a time (`pause`, event-loop-turns.ts): the
 * whole platform's ledger is ~18k rows at 100k events, and other requests are answered in between
 * (breaker12c P9).
 */
export async function ledgerTable(source: LedgerSource, pause: () => Promise<void> = slicer()): Promise<ExportTable> {
  const evaluationTitle = new Map(source.evaluations.map((evaluation) => [evaluation.evaluationId, evaluation.title]));
  const rows: ExportRow[] = [];
  for (const finding of source.findings) {
    await pause();
    // A withdrawn finding stays on the record, said as such (已撤销 with its day and reason), with the units it had then, and counted nowhere (breaker11e P5).
    const withdrawn = finding.status === 'WITHDRAWN' ? `${FINDING_STATUS_ZH.WITHDRAWN}（${finding.withdrawnOn}：${finding.withdrawalReason}）` : null;
    const held = finding.partsWhenWithdrawn ?? finding.parts;
    const parts = inAssignedOrder((withdrawn ? ((await source.partsAsWithdrawn?.(finding)) ?? held) : finding.parts).values());
    // A withdrawn part's 状态 says, after the withdrawal, what its unit recorded since, apart from the part as it stood (breaker11j P3).
    const statusOf = (part: PartView) => {
      const later = withdrawn && finding.withdrawnOn ? recordsAfterWithdrawal(held.get(part.unitId) ?? part, finding.withdrawnOn) : [];
      return later.length === 0 ? withdrawn : `${withdrawn}\n撤销后的记录（不计入统计）：${later.join('；')}`;
    };
    const leads = leadsOf(parts, source.unitName);
    if (parts.length === 0 && !source.unitId) {
      const evaluation = evaluationTitle.get(finding.evaluationId) ?? finding.evaluationId;
      rows.push({ light: null, cells: [rows.length + 1, evaluation, ...findingCells(finding), '', '', '', withdrawn ?? FINDING_STATUS_ZH.UNASSIGNED, '', '', '', '', '', ''] });
      continue;
    }
    for (const part of parts) {
      if (source.unitId && part.unitId !== source.unitId) continue;
      // A row is its unit's: its light on the unit's own watch (`onWatch`, the watch rule), as 我的任务 shows it.
      const light = withdrawn ? null : trafficLight(onWatch(part), source.asOf, source.dueSoonDays);
      rows.push({
        light,
        cells: [
          rows.length + 1,
          evaluationTitle.get(finding.evaluationId) ?? finding.evaluationId,
          ...findingCells(finding),
          leads,
          source.unitName(part.unitId),
          dueCell(part),
          statusOf(part) ?? statusCell(part, source.unitName, finding.status === 'CLOSED' ? FINDING_STATUS_ZH.CLOSED : undefined),
          ...partProgress(part, source.userName ?? unnamed),
          light ? LIGHT_ZH[light] : '',
          closedOnCell(finding.closedOn, parts),
        ],
      });
    }
  }
  // A unit's download says whose rows it holds, as the work plan's does: `…整改台账（青川市财政局的任务，截至 …）` (newcomer22 S3).
  const unitName = source.unitId ? source.unitName(source.unitId) : undefined;
  const whose = unitName === undefined ? '' : `${unitName}${UNIT_ROWS_WORDS}，`;
  const title = `${source.evaluation?.title ?? ''}整改台账（${whose}${asOfWords(source.asOf, source.knownAt)}）`;
  // Its CSV starts with the title too, as the XLSX and the work plan's (newcomer51-8 M7): a file passed on by e-mail and renamed
  // still says its day and reading; the findings import reads a title row above the header (ledger-export-read-back.spec.ts).
  return { title, asOf: source.asOf, knownAt: source.knownAt ?? null, titleInCsv: true, ...(unitName === undefined ? {} : { unitName }), columns: LEDGER_COLUMNS, rows };
}

/**
 * Work-plan progress as of the breakdown's day: one row per item × unit; with `unitId` (a unit
 * user's export), only that unit's rows, each still naming the item's lead unit(s). Built a slice at
 * a time, as `ledgerTable`.
 */
export async function workPlanTable(
  breakdown: Breakdown & { readonly knownAt?: string | null; readonly recordedThrough?: string | null; readonly userName?: UserName },
  unitName: (unitId: string) => string,
  dueSoonDays: number,
  unitId?: string | null,
  pause: () => Promise<void> = slicer(),
): Promise<ExportTable> {
  const rows: ExportRow[] = [];
  // A 大项 a version left out whole keeps its withdrawn items' rows, after the outline's (breaker10t P4).
  for (const category of [...breakdown.categories, ...breakdown.retiredCategories]) {
    for (const item of [...category.items, ...category.withdrawnItems]) {
      await pause();
      const leads = leadsOf(item.parts, unitName);
      // A withdrawn item stays on the record, said as such (已撤销 with its day and reason), with no light (breaker11f P9).
      const withdrawn = item.status === 'WITHDRAWN' ? `已撤销（${item.withdrawnOn ?? ''}：${item.withdrawalReason ?? ''}）` : null;
      for (const part of item.parts) {
        if (unitId !== undefined && unitId !== null && part.unitId !== unitId) continue;
        const light = withdrawn ? null : trafficLight(onWatch(part), breakdown.asOf, dueSoonDays);
        rows.push({
          light,
          cells: [
            rows.length + 1,
            `${category.code} ${category.title}`,
            `${item.code} ${item.title}`,
            item.description,
            item.measures,
            leads,
            unitName(part.unitId),
            dueCell(part),
            withdrawnStatus(withdrawn, part) ?? statusCell(part, unitName, item.status === 'COMPLETED' ? '已销号' : undefined),
            ...partProgress(part, breakdown.userName ?? unnamed),
            light ? LIGHT_ZH[light] : '',
            item.completedOn ?? '',
          ],
        });
      }
    }
  }
  // A unit's download says whose rows it holds: it is never the whole plan (breaker10f P8: imported as a new version it would withdraw the rest).
  const whose = unitId === undefined || unitId === null ? '' : `${unitName(unitId)}${UNIT_ROWS_WORDS}，`;
  // A reading of everything entered says up to which record (breaker10h P1): a new version read from it is judged against what was entered after.
  const through = !breakdown.knownAt && breakdown.recordedThrough ? `${RECORDED_THROUGH_WORDS}${officeClockMillis(breakdown.recordedThrough)}` : '';
  const ofUnit = unitId === undefined || unitId === null ? {} : { unitName: unitName(unitId) };
  // A plan over several years whose title does not name its years says its period (2026—2028年), read back as the plan's on import.
  const period = periodBesideTitle(breakdown);
  return { title: `${breakdown.title}进展（${period ? `${period}，` : ''}${whose}${asOfWords(breakdown.asOf, breakdown.knownAt)}${through}）`, asOf: breakdown.asOf, knownAt: breakdown.knownAt ?? null, titleInCsv: true, ...ofUnit, columns: WORK_PLAN_COLUMNS, rows };
}

/**
 * A withdrawn item's part's 状态 cell: `withdrawn` (已撤销（day：reason）), then, when its unit recorded
 * anything dated on or after the withdrawal (the part's `recordsAfterWithdrawal`, attached by
 * `WorkPlanLedger.asWithdrawn`: the part itself is shown as it stood), a second line naming those
 * records and saying they count nowhere — as the 整改台账's (breaker11j P3, s20 Left 1). The import
 * still reads the cell as 已撤销 by its start. Null for an item in the plan.
 */
function withdrawnStatus(withdrawn: string | null, part: { readonly recordsAfterWithdrawal?: readonly string[] }): string | null {
  const later = part.recordsAfterWithdrawal ?? [];
  return withdrawn === null || later.length === 0 ? withdrawn : `${withdrawn}\n撤销后的记录（不计入统计）：${later.join('；')}`;
}

/**
 * In a work-plan export's title of everything entered, before the instant (Beijing time, to the millisecond) of the
 * latest record the export shows: `…进展（截至 2026-12-01，含事后补录的记录，已录入至北京时间 2026-12-01 09:14:05.123）`.
 * A day is not enough: a 调整通知 dated on or before the export's day but entered after the download (or later the same
 * afternoon) would be undone by the download imported back as 新版本 (breaker10h P1).
 */
export const RECORDED_THROUGH_WORDS = '，已录入至北京时间 ';

/** In a unit's own download's title, after the unit's name: `…进展（青川市财政局的任务，截至 …）`, `…整改台账（青川市财政局的任务，截至 …）`. */
export const UNIT_ROWS_WORDS = '的任务';

/**
 * The title's words for which reading a file is, as the pages say them (web/src/state.ts readingLabel):
 * `截至 2016-06-14，含事后补录的记录` (that day as known now, late entries included), or with a record-time
 * cut `截至 2016-06-14，按北京时间 2026-11-30 18:31:00 前已录入的记录` (what had been entered by that
 * instant, on the office's clock — to the millisecond when not a whole second, newcomer46 S2: an audit's "the ledger as we had it then"; breaker8c P4, P10).
 */
const asOfWords = (asOf: string, knownAt: string | null | undefined): string =>
  knownAt ? `截至 ${asOf}，按北京时间 ${officeClockExact(knownAt)} 前已录入的记录` : `截至 ${asOf}，含事后补录的记录`;

/** `2026—2028年` for a plan over several years whose title does not name both its years; null otherwise (its title says it, or a year's plan). */
function periodBesideTitle(plan: { readonly title: string; readonly year: number; readonly lastYear?: number }): string | null {
  if (planLastYear(plan) === plan.year) return null;
  return plan.title.includes(String(plan.year)) && plan.title.includes(String(planLastYear(plan))) ? null : `${planYears(plan)}年`;
}
