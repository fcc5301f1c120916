import { allEventSchemas } from '../event-sourcing/all-event-schemas.js';
import { datedAfterRealDay, datedAheadHeading, datedAheadLines, realDayOf, type SpanRow } from './clock-ahead-office-days.js';

/*
 * breaker9r P2 = newcomer27 S1 (serious): records accepted with --accept-clock-ahead-records keep the
 * fast clock's office days where the form left the day out. Those dated after the real day are named,
 * with what re-dates each.
 */
describe('Records of an accepted span dated after the real day (breaker9r P2)', () => {
  const schemas = allEventSchemas();
  const row = (position: number, type: string, data: Record<string, unknown>, streamId = `finding-${position}`): SpanRow => ({
    position: BigInt(position),
    streamId,
    type,
    schemaVersion: schemas.currentVersion(type),
    data,
    recordedAt: '2026-12-03T02:00:00.000Z',
  });
  // Accepted at 2026-12-02 10:00 China time: the real day is 2026-12-02; the fast clock read 2026-12-03.
  const accepted = { at: '2026-12-02T02:00:00.000Z' };

  it('given a span with a finding identified and a unit assigned on the fast clock\'s day, when it is accepted, then both are named with their days and what re-dates them', () => {
    const found = datedAfterRealDay(
      [
        row(11, 'FindingRecorded', { identifiedOn: '2026-12-03', title: '部分单位信息公开不到位' }),
        row(12, 'UnitAssigned', { unitId: 'unit-1', assignedOn: '2026-12-03' }),
        // Typed with its own day, the real one or before: as it was.
        row(13, 'RectificationReported', { unitId: 'unit-1', reportedOn: '2026-12-02' }),
      ],
      realDayOf(accepted),
      schemas,
    );
    expect(found).toEqual([
      { position: '11', type: 'FindingRecorded', streamId: 'finding-11', day: '2026-12-03' },
      { position: '12', type: 'UnitAssigned', streamId: 'finding-12', day: '2026-12-03' },
    ]);
    const lines = datedAheadLines(found, realDayOf(accepted));
    // breaker9r P2 part 2: a 发现日期 is corrected on the finding's page (correctFindingIdentifiedOn).
    expect(lines[0]!.zh).toBe('位置 11：该记录的发现日期为 2026-12-03，晚于实际日期 2026-12-02——请督办人员在该问题页面上点「更正发现日期」按实际日期更正');
    expect(lines[0]!.en).toContain('correctFindingIdentifiedOn');
    expect(lines[1]!.zh).toBe('位置 12：该记录的交办日期为 2026-12-03，晚于实际日期 2026-12-02——请督办人员在该单位任务卡片上点「更正记录日期」按实际日期更正');
    expect(lines[1]!.en).toContain('correctRecordDate');
    expect(datedAheadHeading(2, accepted).zh).toContain('被接受的记录中有 2 条的日期晚于实际日期 2026-12-02');
  });

  it('given records whose type names no day of its own, or that cannot be read, then they are not named', () => {
    const found = datedAfterRealDay(
      [row(21, 'EvaluationRegistered', { receivedOn: '2026-12-09' }), { ...row(22, 'UnitAssigned', { assignedOn: '2026-12-03' }), type: 'NoSuchEvent' }],
      '2026-12-02',
      schemas,
    );
    expect(found).toEqual([]);
    expect(datedAheadHeading(0, accepted).zh).toBe('被接受的记录中没有日期晚于实际日期 2026-12-02 的。');
  });
});
