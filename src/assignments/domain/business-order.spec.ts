import { withCorrectionsApplied, type DatedEntry } from './business-order.js';

/*
 * Business order leaves out a hand-over undone since it was recorded (breaker8f P10): the part was
 * its predecessor's all along, so what the successor recorded on it meanwhile is the predecessor's,
 * and a hand-over to the same successor dated earlier cannot turn the undone one into a join.
 */

const entry = (type: string, occurredOn: string, data: Record<string, unknown>): DatedEntry => ({ type, occurredOn, data });
const handedOver = (unitId: string, successorUnitId: string, on: string) => entry('PartHandedOver', on, { unitId, successorUnitId, handedOverOn: on, reason: '职能调整' });
const undone = (unitId: string, successorUnitId: string, on: string) => entry('PartHandOverUndone', on, { unitId, successorUnitId, handedOverOn: on, reason: '当日已核验' });
const passed = (unitId: string, on: string) => entry('InspectionLogged', on, { unitId, inspectionId: `i-${on}`, outcome: 'PASSED', inspectedOn: on, notes: '', place: '现场' });

describe('a hand-over undone since it was recorded, in business order', () => {
  it('given RA→RB, a pass recorded under RB, the undoing: the pair is left out and the pass is RA’s', () => {
    const { events, undone: left } = withCorrectionsApplied([handedOver('ra', 'rb', '2016-07-01'), passed('rb', '2016-07-01'), undone('ra', 'rb', '2016-07-01')]);
    expect(events).toEqual([passed('ra', '2016-07-01')]);
    expect([...left]).toEqual([0, 2]);
  });

  it('given the successor held a part of its own when the part came (a join): the join never happened — the pair is left out, the pass stays RB’s (breaker8l P13)', () => {
    const known = [handedOver('rc', 'rb', '2016-06-20'), handedOver('ra', 'rb', '2016-07-01'), passed('rb', '2016-07-01'), undone('ra', 'rb', '2016-07-01')];
    const { events, undone: left } = withCorrectionsApplied(known);
    expect(events).toEqual([handedOver('rc', 'rb', '2016-06-20'), passed('rb', '2016-07-01')]);
    expect([...left]).toEqual([1, 3]);
  });

  it('given a join undone, then a hand-over of RA to RB again: that one is a join again, not a move', () => {
    const known = [handedOver('rc', 'rb', '2016-06-20'), handedOver('ra', 'rb', '2016-07-01'), undone('ra', 'rb', '2016-07-01'), handedOver('ra', 'rb', '2016-07-01'), undone('ra', 'rb', '2016-07-01')];
    expect(withCorrectionsApplied(known).events).toEqual([handedOver('rc', 'rb', '2016-06-20')]);
  });

  it('given a day correction naming the unit the fact was recorded under: it still finds the fact', () => {
    const corrected = entry('FactDateCorrected', '2016-07-02', { unitId: 'rb', factType: 'InspectionLogged', previousOn: '2016-07-01', on: '2016-06-30', reason: '日期录错' });
    const { events } = withCorrectionsApplied([handedOver('ra', 'rb', '2016-07-01'), passed('rb', '2016-07-01'), undone('ra', 'rb', '2016-07-01'), corrected]);
    expect(events).toEqual([{ ...passed('ra', '2016-07-01'), occurredOn: '2016-06-30', data: { ...passed('ra', '2016-07-01').data, inspectedOn: '2016-06-30', inspectedOnAsEntered: '2016-07-01' } }]);
  });
});
