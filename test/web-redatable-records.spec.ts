import { redatableRecords } from '../web/src/redatable-records.js';

/*
 * newcomer49-8 M3: 更正记录日期 offered a part's records grouped by kind — 交办, the two reports, then the 退办 of the day
 * between them — while the paper file the clerk reads from is in date order. Offered in date order, within a day as entered.
 */
describe('the records 更正记录日期 offers', () => {
  it('lists them in date order, within a day in the order entered (newcomer49-8 M3)', () => {
    const part = {
      assignedOn: '2016-04-26',
      reports: [
        { summary: '', reportedOn: '2016-05-25', reportedAt: '2026-12-06T01:00:00.000Z', reportedBy: 'u', evidence: [] },
        { summary: '', reportedOn: '2016-06-08', reportedAt: '2026-12-06T01:02:00.000Z', reportedBy: 'u', evidence: [] },
      ],
      returns: [{ cause: 'SENT_BACK', reason: '', returnedOn: '2016-05-29', returnedAt: '2026-12-06T01:01:00.000Z', newDueDate: '2016-06-10' }],
      urges: [],
      extensionRequests: [],
      inspections: [{ inspectionId: 'i', outcome: 'PASSED', inspectedOn: '2016-06-15', loggedAt: '2026-12-06T01:03:00.000Z' }],
    } as unknown as Parameters<typeof redatableRecords>[0];
    expect(redatableRecords(part).map((record) => record.label)).toEqual(['交办（2016-04-26）', '整改报告（2016-05-25）', '退办（2016-05-29）', '整改报告（2016-06-08）', '现场督查（2016-06-15）']);
  });
});
