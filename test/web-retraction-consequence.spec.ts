import { retractedChoice, retractionConsequence, type RetractablePart } from '../web/src/retraction-consequence.js';

/* newcomer51-8 S1: the 撤销此记录 dialog says what the retraction does before it is confirmed. */

const part = (unitId: string, name: string, status: string, more: Partial<RetractablePart> = {}): RetractablePart => ({ unitId, unit: { name }, status, reports: [], inspections: [], returns: [], urges: [], ...more });

describe('撤销此记录: the consequence said before confirming', () => {
  const finance = part('a', '青川市财政局', 'RETURNED', {
    inspections: [{ outcome: 'PASSED', inspectedOn: '2016-07-20', loggedAt: '2026-12-07T01:00:00Z' }],
    returns: [{ cause: 'REOPENED', returnedOn: '2016-07-21', returnedAt: '2026-12-07T01:05:00Z' }],
  });
  const education = part('b', '青川市教育局', 'VERIFIED', { inspections: [{ outcome: 'PASSED', inspectedOn: '2016-07-22', loggedAt: '2026-12-07T01:01:00Z' }] });

  it('a reopening typed by mistake: the finding is closed again on its last pass', () => {
    const choice = retractedChoice('REOPENING', '2016-07-21', '2026-12-07T01:05:00Z', [{ on: '2016-07-21', at: '2026-12-07T01:05:00Z' }]);
    expect(choice).toEqual({ record: 'REOPENING', on: '2016-07-21', words: '重新打开（2016-07-21）' });
    expect(retractionConsequence(choice, finance, [finance, education], 'finding', null)).toBe('撤销后：该问题恢复为 2016-07-22 销号；该重新打开记录保留在时间线中，标注“已撤销（录入错误）”，不计入任何统计。');
    expect(retractionConsequence(choice, finance, [finance, education], 'item', null)).toMatch(/^撤销后：该事项恢复为 2016-07-22 完成/u);
  });

  it('a pass that closed the finding: open again, the close-out not standing', () => {
    const choice = retractedChoice('INSPECTION', '2016-07-22', '2026-12-07T01:01:00Z', [{ on: '2016-07-22', at: '2026-12-07T01:01:00Z' }]);
    expect(retractionConsequence(choice, education, [education], 'finding', '2016-07-22')).toMatch(/^撤销后：青川市教育局的任务恢复为待督查，该问题恢复为整改中（2016-07-22 销号不成立）/u);
  });

  it('names one of two records of a day by its place in the order entered', () => {
    const sameKind = [{ on: '2016-05-20', at: '2026-12-07T02:00:00Z' }, { on: '2016-05-20', at: '2026-12-07T01:00:00Z' }];
    expect(retractedChoice('URGING', '2016-05-20', '2026-12-07T02:00:00Z', sameKind)).toMatchObject({ ofTheDay: 2 });
  });
});

describe('撤销此记录 of a request, a decision or a 交办 (h52a): the consequence said before confirming', () => {
  const granted = part('b', '青川市教育局', 'ASSIGNED', { extensionRequests: [{ status: 'GRANTED', requestedOn: '2016-05-10', decidedOn: '2016-05-12', grantedDueDate: '2016-07-31' }] });

  it('a grant: the request awaits its decision again, the date it granted goes', () => {
    const choice = retractedChoice('EXTENSION_DECISION', '2016-05-12', '2026-12-07T01:00:00Z', [{ on: '2016-05-12', at: '2026-12-07T01:00:00Z' }], '，已批准');
    expect(choice).toEqual({ record: 'EXTENSION_DECISION', on: '2016-05-12', words: '延期审批（2016-05-12，已批准）' });
    expect(retractionConsequence(choice, granted, [granted], 'finding', null)).toBe(
      '撤销后：该延期申请恢复为待审批，批准的新时限 2016-07-31 不再有效，时限、逾期天数和单位排名按批准之前的时限计算，可重新录入审批；该延期审批记录保留在时间线中，标注“已撤销（录入错误）”，不计入任何统计。',
    );
  });

  it('a request: the unit has no such request', () => {
    const choice = retractedChoice('EXTENSION_REQUEST', '2016-05-10', '2026-12-07T01:00:00Z', []);
    expect(retractionConsequence(choice, granted, [granted], 'item', null)).toMatch(/^撤销后：青川市教育局没有这项延期申请/u);
  });

  it('a 交办 of the wrong unit: never assigned; the finding closes on the others’ last pass when they are all verified', () => {
    const finance = part('a', '青川市财政局', 'VERIFIED', { verifiedOn: '2016-06-20' });
    const wrong = part('c', '青川市公安局', 'ASSIGNED');
    const choice = retractedChoice('ASSIGNMENT', '2016-04-26', '2026-12-07T01:00:00Z', []);
    expect(choice.words).toBe('交办（2016-04-26）');
    expect(retractionConsequence(choice, wrong, [finance, wrong], 'finding', null)).toMatch(/^撤销后：青川市公安局视为从未交办，不再承担该问题，不计入单位排名等任何统计；该问题于 2016-06-20 销号；/u);
  });

  it('a 交办 whose unit asked for an extension and was urged: says those records go with it (breaker53-8 S2)', () => {
    const lead = part('a', '青川市交通运输局', 'ASSIGNED');
    const wrong = part('c', '青川市发展和改革委员会', 'ASSIGNED', {
      urges: [{ urgedOn: '2026-10-11', urgedAt: '2026-12-07T01:00:00Z' }],
      extensionRequests: [{ status: 'WITHDRAWN', requestedOn: '2026-10-10', decidedOn: null, grantedDueDate: null }],
    });
    const choice = retractedChoice('ASSIGNMENT', '2026-10-05', '2026-12-07T01:00:00Z', []);
    expect(retractionConsequence(choice, wrong, [lead, wrong], 'finding', null)).toMatch(/^撤销后：青川市发展和改革委员会视为从未交办，不再承担该问题，不计入单位排名等任何统计；其延期申请（连同撤回、审批）和催办记录一并撤销；/u);
  });
});

import { timelineLine, timelineRows } from '../web/src/timeline-words.js';

describe('撤销误录 on the timeline', () => {
  it('keeps the retracted reopening where it was entered, marked 已撤销 with why, who and when; the retraction is its own line', () => {
    const retracted = { reason: '录入时选错了问题', retractedOn: '2026-12-07', retractedAt: '2026-12-07T03:00:00Z', retractedBy: 'u-zhang' };
    const rows = timelineRows([
      { revision: 5, eventType: 'PartsReopened', occurredOn: '2016-07-21', recordedAt: '2026-12-07T01:30:00Z', unitId: null, details: { reason: '测试', reopenedOn: '2016-07-21' }, retracted },
      { revision: 6, eventType: 'RecordRetracted', occurredOn: '2026-12-07', recordedAt: '2026-12-07T03:00:00Z', unitId: 'a', details: { unitId: 'a', factType: 'PartsReopened', on: '2016-07-21', reason: '录入时选错了问题', retractedOn: '2026-12-07' }, retracted: null, actorName: '张伟（政务公开办）' },
    ]);
    expect(rows.map((row) => [row.day, row.fact.eventType, row.note])).toEqual([
      ['2016-07-21', 'PartsReopened', '已撤销（录入错误：录入时选错了问题，张伟（政务公开办），2026-12-07 11:00）'],
      ['2026-12-07', 'RecordRetracted', ''],
    ]);
    // As of a day before the retraction its own line is not listed: the record still names who retracted it (newcomer52-8 M11).
    const pastDay = timelineRows([
      { revision: 5, eventType: 'PartsReopened', occurredOn: '2016-07-21', recordedAt: '2026-12-07T01:30:00Z', unitId: null, details: { reason: '测试', reopenedOn: '2016-07-21' }, retracted: { ...retracted, retractedByName: '张伟（政务公开办）' } },
    ]);
    expect(pastDay.map((row) => row.note)).toEqual(['已撤销（录入错误：录入时选错了问题，张伟（政务公开办），2026-12-07 11:00）']);
    // A reason that itself begins 录入错误 is not prefixed twice (newcomer54-8 M3: 「录入错误：录入错误：…」).
    for (const reason of ['录入错误：选错了问题', '录入错误，选错了问题', '录入错误']) {
      const [row] = timelineRows([{ revision: 5, eventType: 'PartsReopened', occurredOn: '2016-07-21', recordedAt: '2026-12-07T01:30:00Z', unitId: null, details: { reason: '测试', reopenedOn: '2016-07-21' }, retracted: { ...retracted, reason, retractedByName: '张伟（政务公开办）' } }]);
      expect(row!.note).toBe(reason === '录入错误' ? '已撤销（录入错误，张伟（政务公开办），2026-12-07 11:00）' : '已撤销（录入错误：选错了问题，张伟（政务公开办），2026-12-07 11:00）');
    }
    // A reopening is the finding's: its retraction names no unit, whichever card it was pressed on (breaker52-8 M2).
    expect(timelineLine('RecordRetracted', 'a', rows[1]!.details, () => '青川市财政局')).toBe('撤销误录（撤销 2016-07-21 的重新打开）：录入时选错了问题');
    expect(timelineLine('RecordRetracted', 'a', { unitId: 'a', factType: 'ReportSentBack', on: '2016-06-13', reason: '录错了', retractedOn: '2026-12-07' }, () => '青川市财政局')).toBe('撤销误录（青川市财政局）（撤销 2016-06-13 的退办）：录错了');
  });
});
