import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { CircularsReadModel } from './circulars.read-model.js';

/*
 * breaker11r P3: read as known at an instant (knownAt), the circulars (通报) showed a 更正通报 and a 撤回通报 entered after
 * it: the list, a unit's circulars and a finding's 相关通报 read the corrected 发文日期 and 文号 (and filtered by it), and
 * the circular as withdrawn. Before the cut a circular reads as it stood then; from the cut on, as corrected / withdrawn.
 */

const FGW = 'unit-fgw';
const FINDING = { kind: 'FINDING', id: 'finding-1' } as const;
let position = 0;
const recorded = (type: string, data: object, recordedAt: string): RecordedEvent =>
  ({ id: `event-${(position += 1)}`, streamId: `circular-${'c1'}`, revision: position, type, data, metadata: { recordedAt, actorId: 'supervisor', actorRole: 'SUPERVISOR', actorUnitId: null } }) as unknown as RecordedEvent;

/** Issued 03-20 (青政公开〔2026〕5号), entered 03-20; corrected to 03-18 / 6号 on 03-25; withdrawn 04-01 (entered 04-02). Another circular entered 03-28. */
function circulars(): CircularsReadModel {
  const model = new CircularsReadModel();
  const issue = { unitId: FGW, kind: 'CRITICISM', title: '关于市发改委整改滞后的通报', reason: '逾期未整改。', references: [FINDING] };
  model.apply(recorded('CircularIssued', { ...issue, circularId: 'c1', issuedOn: '2026-03-20', documentNumber: '青政公开〔2026〕5号' }, '2026-03-20T02:00:00.000Z'));
  model.apply(recorded('CircularCorrected', { circularId: 'c1', issuedOn: '2026-03-18', documentNumber: '青政公开〔2026〕6号', previousIssuedOn: '2026-03-20', previousDocumentNumber: '青政公开〔2026〕5号', correctedOn: '2026-03-25', reason: '发文日期和文号录错。' }, '2026-03-25T02:00:00.000Z'));
  model.apply(recorded('CircularIssued', { ...issue, circularId: 'c2', title: '关于市发改委信息公开不及时的通报', issuedOn: '2026-03-19', documentNumber: null }, '2026-03-28T02:00:00.000Z'));
  model.apply(recorded('CircularWithdrawn', { circularId: 'c1', withdrawnOn: '2026-04-01', reason: '发错单位。' }, '2026-04-02T02:00:00.000Z'));
  return model;
}

const read = (circular: { circularId: string; issuedOn: string; documentNumber: string | null; withdrawal: { withdrawnOn: string } | null; corrections: readonly unknown[] }) =>
  `${circular.circularId} ${circular.issuedOn} ${circular.documentNumber ?? '-'} ${circular.withdrawal ? `撤回 ${circular.withdrawal.withdrawnOn}` : '有效'} 更正 ${circular.corrections.length}`;
const listed = (model: CircularsReadModel, knownAt?: string, issuedTo?: string) => model.page({ ...(issuedTo ? { issuedTo } : {}) }, { first: 10 }, knownAt).nodes.map(read);
const cited = (model: CircularsReadModel, recordedBy?: string, issuedTo?: string) => model.citing(FINDING, { ...(recordedBy ? { recordedBy } : {}), ...(issuedTo ? { issuedTo } : {}) }).map(read);

describe('circulars as known at an instant (breaker11r P3)', () => {
  it('before the correction was entered: its first 发文日期 and 文号, no correction, standing', () => {
    const model = circulars();
    expect(listed(model, '2026-03-24T12:00:00.000Z')).toEqual(['c1 2026-03-20 青政公开〔2026〕5号 有效 更正 0']);
    expect(cited(model, '2026-03-24T12:00:00.000Z')).toEqual(['c1 2026-03-20 青政公开〔2026〕5号 有效 更正 0']);
    // Issued by 03-19 as known then: not yet (it read 03-20); as known now it was issued 03-18.
    expect(listed(model, '2026-03-24T12:00:00.000Z', '2026-03-19')).toEqual([]);
    expect(listed(model, undefined, '2026-03-19')).toEqual(['c2 2026-03-19 - 有效 更正 0', 'c1 2026-03-18 青政公开〔2026〕6号 撤回 2026-04-01 更正 1']);
  });

  it('after the correction, before the withdrawal was entered: corrected, standing, ordered by its corrected day', () => {
    const model = circulars();
    const expected = ['c2 2026-03-19 - 有效 更正 0', 'c1 2026-03-18 青政公开〔2026〕6号 有效 更正 1'];
    expect(listed(model, '2026-04-01T12:00:00.000Z')).toEqual(expected);
    expect(cited(model, '2026-04-01T12:00:00.000Z')).toEqual(expected);
    expect(cited(model, '2026-04-01T12:00:00.000Z', '2026-03-18')).toEqual([expected[1]]);
  });

  it('from the withdrawal’s entry on: withdrawn, as now; a cut at the very instant a fact was entered holds it', () => {
    const model = circulars();
    const now = ['c2 2026-03-19 - 有效 更正 0', 'c1 2026-03-18 青政公开〔2026〕6号 撤回 2026-04-01 更正 1'];
    expect(listed(model)).toEqual(now);
    expect(listed(model, '2026-04-02T02:00:00.000Z')).toEqual(now);
    expect(cited(model, '2099-01-01T00:00:00.000Z')).toEqual(now);
    expect(listed(model, '2026-03-25T02:00:00.000Z')).toEqual(['c1 2026-03-18 青政公开〔2026〕6号 有效 更正 1']);
    expect(listed(model, '2026-03-20T01:59:59.999Z')).toEqual([]);
  });

  it('a page at a cut counts only the circulars known then, and its next page goes on in the order read then', () => {
    const model = circulars();
    const first = model.page({}, { first: 1 }, '2026-04-01T12:00:00.000Z');
    expect(first.totalCount).toBe(2);
    expect(first.nodes.map(read)).toEqual(['c2 2026-03-19 - 有效 更正 0']);
    const second = model.page({}, { first: 1, after: first.pageInfo.endCursor! }, '2026-04-01T12:00:00.000Z');
    expect(second.nodes.map(read)).toEqual(['c1 2026-03-18 青政公开〔2026〕6号 有效 更正 1']);
    expect(model.page({}, { first: 10 }, '2026-03-24T12:00:00.000Z').totalCount).toBe(1);
  });
});
