import { officeDate, officeInstantZh } from '../shared/calendar-date.js';
import { say, type Bilingual } from '../shared/domain-error.js';
import type { EventSchemaRegistry } from '../shared/event-schemas.js';
import type { ClockAheadAcceptance } from './clock-behind.js';

/*
 * breaker9r P2 = newcomer27 S1 (serious): records accepted with --accept-clock-ahead-records keep the
 * office days the fast clock gave them when the form left the day out (发现日期, 交办日期 … "tomorrow"):
 * a day after the real one, which no record can have — every office day is refused after today. The
 * office cannot find them by looking. The accepting start and ledger:verify name each such record, and
 * what re-dates it; the records themselves are never rewritten (corrections are new events).
 */

/** A record of an accepted span whose own office day is after the real day of the acceptance. */
export interface DatedAhead {
  /** The record's position in the log (decimal). */
  readonly position: string;
  readonly type: string;
  readonly streamId: string;
  /** Its office day (YYYY-MM-DD) as recorded: the field its schema names (`occurredOn`). */
  readonly day: string;
}

/** A stored row as these checks read it: position, stream, type, schema version, data, and its recording instant. */
export interface SpanRow {
  readonly position: bigint;
  readonly streamId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  readonly recordedAt: string;
}

/**
 * The rows (an accepted span's, `ClockAheadAcceptance.from`…`upTo`) whose own office day — the day their
 * schema names, upcast to the current version — is after `realDay` (the office day, China time, of the
 * acceptance instant: the real clock's today then). Rows whose type names no day of its own, and rows
 * that cannot be read or upcast, are left out (ledger:verify and the projections name those). Pure.
 */
export function datedAfterRealDay(rows: Iterable<SpanRow>, realDay: string, schemas: EventSchemaRegistry): DatedAhead[] {
  const found: DatedAhead[] = [];
  for (const row of rows) {
    if (!schemas.namesOwnDay(row.type)) continue;
    let day: string;
    try {
      const current = schemas.upcast({ type: row.type, schemaVersion: row.schemaVersion, data: row.data, metadata: { recordedAt: row.recordedAt } });
      day = schemas.occurredOn(current.type, current.data as Record<string, unknown>, row.recordedAt);
    } catch {
      continue;
    }
    if (day > realDay) found.push({ position: row.position.toString(), type: row.type, streamId: row.streamId, day });
  }
  return found;
}

/** The real office day of an acceptance: the day (China time) of its instant, read by the clock taken as right. */
export const realDayOf = (accepted: Pick<ClockAheadAcceptance, 'at'>): string => officeDate(accepted.at);

/** What a record is, in the office's words, and how its day is re-dated (Chinese; English). */
const KINDS: Readonly<Record<string, { readonly zh: string; readonly en: string; readonly fix: 'record' | 'finding' | 'none' }>> = {
  UnitAssigned: { zh: '交办日期', en: 'assignment', fix: 'record' },
  RectificationReported: { zh: '整改报告日期', en: 'report', fix: 'record' },
  ReportSentBack: { zh: '退办日期', en: 'send-back', fix: 'record' },
  UnitUrged: { zh: '催办日期', en: 'urging', fix: 'record' },
  ExtensionRequested: { zh: '延期申请日期', en: 'extension request', fix: 'record' },
  ExtensionGranted: { zh: '延期审批日期', en: 'extension decision', fix: 'record' },
  ExtensionRefused: { zh: '延期审批日期', en: 'extension decision', fix: 'record' },
  ExtensionRequestWithdrawn: { zh: '撤回延期申请日期', en: 'extension request withdrawal', fix: 'record' },
  InspectionLogged: { zh: '现场督查日期', en: 'inspection', fix: 'record' },
  PartsReopened: { zh: '重新打开日期', en: 'reopening', fix: 'record' },
  FindingRecorded: { zh: '发现日期', en: 'finding (day identified)', fix: 'finding' },
};

/**
 * One line per record dated after the real day, Chinese and English: its position, what it is, its
 * day and what to do about it — a part's record through 「更正记录日期」 on the unit's card
 * (correctRecordDate / correctWorkPlanItemRecordDate, a new FactDateCorrected with a reason), a finding's
 * 发现日期 through 「更正发现日期」 on the finding's page (correctFindingIdentifiedOn, a new
 * FindingIdentifiedOnCorrected with a reason), others named as having no correction yet. Empty when there are none.
 */
export function datedAheadLines(found: readonly DatedAhead[], realDay: string): Bilingual[] {
  return found.map((record) => {
    const kind = KINDS[record.type];
    const what = kind ? say(kind.en, kind.zh) : say(record.type, `${record.type} 日期`);
    const fix =
      kind?.fix === 'record'
        ? say(
            `re-date it with correctRecordDate (work-plan items: correctWorkPlanItemRecordDate), on the unit's card 「更正记录日期」`,
            `请督办人员在该单位任务卡片上点「更正记录日期」按实际日期更正`,
          )
        : kind?.fix === 'finding'
          ? say(`re-date it with correctFindingIdentifiedOn, on the finding's page 「更正发现日期」`, `请督办人员在该问题页面上点「更正发现日期」按实际日期更正`)
          : say('its day cannot be corrected in Rectify yet: note it in the 台账 remarks', '该日期目前无法在系统内更正，请在台账备注中说明');
    return say(
      `position ${record.position}: ${what.en} of ${record.streamId} dated ${record.day}, after the real day ${realDay} — ${fix.en}`,
      `位置 ${record.position}：该记录的${what.zh}为 ${record.day}，晚于实际日期 ${realDay}——${fix.zh}`,
    );
  });
}

/** The heading said before those lines: how many records of the acceptance at `at` are dated after its real day. */
export function datedAheadHeading(count: number, accepted: Pick<ClockAheadAcceptance, 'at'>): Bilingual {
  const realDay = realDayOf(accepted);
  return count === 0
    ? say(`No accepted record is dated after the real day ${realDay}.`, `被接受的记录中没有日期晚于实际日期 ${realDay} 的。`)
    : say(
        `${count} accepted record(s) carry an office day after the real day ${realDay} (accepted ${accepted.at}): the day was taken from the fast clock where the form left it out. Re-date each as it really happened (listed as recorded; corrections made since are not shown here):`,
        `被接受的记录中有 ${count} 条的日期晚于实际日期 ${realDay}（${officeInstantZh(accepted.at)}接受）：填写时未填日期，日期取自偏快的时钟。请按实际日期逐条更正（以下按录入时的日期列出，此后所作的更正不在此列）：`,
      );
}
