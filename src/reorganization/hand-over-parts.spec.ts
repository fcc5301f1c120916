import { partView } from '../assignments/testing/part-view.js';
import { verifiedAsOf, type InspectionView, type ReturnView } from '../assignments/read-model/part-view.js';
import { partsToHandOver } from './hand-over-parts.js';

/*
 * A reorganisation entered late (mergeUnit(mergedOn: a past day)) judges each part of the unit by
 * its state on the merge day, not today's.
 */

const passed = (on: string): InspectionView => ({ inspectionId: `i-${on}`, outcome: 'PASSED', notes: '', corrections: [], inspectedOn: on, place: '现场', inspectorId: 'x', loggedAt: `${on}T02:00:00.000Z` });
const reopened = (on: string): ReturnView => ({ cause: 'REOPENED', reason: '复查未通过', returnedOn: on, returnedAt: `${on}T03:00:00.000Z`, newDueDate: null });
const MERGED_ON = '2026-05-10';
const holder = (id: string, overrides: Parameters<typeof partView>[1]) => ({ id, parts: new Map([['a', partView('a', overrides)]]) });

describe('which parts of a unit merged on a past day pass to its successor', () => {
  it('leaves a part verified by the merge day, and verified still, with the unit that did it', () => {
    expect(partsToHandOver([holder('done', { status: 'VERIFIED', verifiedOn: '2026-05-10', inspections: [passed('2026-05-10')] })], 'a', MERGED_ON)).toEqual([]);
  });

  it('hands over a part open on the merge day on that day, even if verified on a later day entered before the merge', () => {
    const later = holder('later', { status: 'VERIFIED', verifiedOn: '2026-05-20', inspections: [passed('2026-05-20')] });
    const open = holder('open', { status: 'REPORTED' });
    expect(partsToHandOver([later, open], 'a', MERGED_ON)).toEqual([
      { id: 'later', on: MERGED_ON },
      { id: 'open', on: MERGED_ON },
    ]);
  });

  it('hands over a part verified on the merge day but reopened after it, on the day it came back', () => {
    const back = holder('back', { status: 'RETURNED', inspections: [passed('2026-05-08')], returns: [reopened('2026-06-01')] });
    expect(partsToHandOver([back], 'a', MERGED_ON)).toEqual([{ id: 'back', on: '2026-06-01' }]);
  });

  it('reads a reopening on the day of the pass as after it', () => {
    expect(verifiedAsOf({ inspections: [passed('2026-05-08')], returns: [reopened('2026-05-08')] }, MERGED_ON)).toBe(false);
    expect(verifiedAsOf({ inspections: [passed('2026-05-08')], returns: [] }, '2026-05-07')).toBe(false);
  });
});

describe('a part on an item withdrawn from the plan (breaker8 S5)', () => {
  const withdrawn = (withdrawnOn: string) => ({ ...holder('withdrawn', { status: 'ASSIGNED' }), withdrawnOn });

  it('given the item withdrawn after the merge day: its part, open then, passes on the merge day', () => {
    expect(partsToHandOver([withdrawn('2026-08-01')], 'a', MERGED_ON)).toEqual([{ id: 'withdrawn', on: MERGED_ON }]);
  });

  it('given the item withdrawn by the merge day: its part stays a record with the unit, and the merge goes on', () => {
    expect(partsToHandOver([withdrawn(MERGED_ON), holder('open', { status: 'REPORTED' })], 'a', MERGED_ON)).toEqual([{ id: 'open', on: MERGED_ON }]);
  });

  it('given a verified part reopened after the item was withdrawn: it does not pass either', () => {
    const back = { ...holder('back', { status: 'RETURNED', inspections: [passed('2026-05-08')], returns: [reopened('2026-06-01')] }), withdrawnOn: '2026-05-20' };
    expect(partsToHandOver([back], 'a', MERGED_ON)).toEqual([]);
  });
});

describe('a part the unit got after the reorganisation day, typed before it was entered (breaker8f P4)', () => {
  const assignedLater = { id: 'later', parts: new Map([['a', partView('a', { status: 'ASSIGNED', assignedOn: '2026-05-20' })]]) };
  const takenOverLater = { id: 'taken', parts: new Map([['a', partView('a', { status: 'REPORTED', assignedOn: '2026-04-01', heldBefore: ['x'], passedOn: ['2026-06-01'], heldSince: '2026-06-01' })]]) };
  const heldThen = holder('held', { status: 'REPORTED', assignedOn: '2026-04-01' });

  it('given a hand-over: passes the part held on its day and leaves the ones assigned or taken over after it with the unit', () => {
    expect(partsToHandOver([assignedLater, takenOverLater, heldThen], 'a', MERGED_ON)).toEqual([{ id: 'held', on: MERGED_ON }]);
  });

  it('given a merge: the merged unit takes no new work, so a part assigned or taken over after it passes on the day the unit got it', () => {
    expect(partsToHandOver([assignedLater, takenOverLater, heldThen], 'a', MERGED_ON, true)).toEqual([
      { id: 'later', on: '2026-05-20' },
      { id: 'taken', on: '2026-06-01' },
      { id: 'held', on: MERGED_ON },
    ]);
  });

  it('given a merge: a later part of an item withdrawn before the unit got it does not pass', () => {
    expect(partsToHandOver([{ ...assignedLater, withdrawnOn: '2026-05-15' }], 'a', MERGED_ON, true)).toEqual([]);
  });

  it('leaves a part of its own that another joined after the day to the parent’s rules (a join is not undone)', () => {
    const joinedLater = { id: 'joined', parts: new Map([['a', partView('a', { status: 'ASSIGNED', assignedOn: '2026-04-01', heldBefore: ['x'], passedOn: ['2026-06-01'], joined: [{ unitId: 'x', on: '2026-06-01' }] })]]) };
    expect(partsToHandOver([joinedLater], 'a', MERGED_ON)).toEqual([{ id: 'joined', on: MERGED_ON }]);
  });
});

describe('a part taken over on the reorganisation day itself (breaker8f P13)', () => {
  it('does not pass again by another hand-over of that day: the holder at the day’s start hands over', () => {
    const swapped = { id: 'swapped', parts: new Map([['a', partView('a', { status: 'ASSIGNED', assignedOn: '2026-04-01', heldBefore: ['b'], passedOn: [MERGED_ON], heldSince: MERGED_ON })]]) };
    const takenBefore = { id: 'before', parts: new Map([['a', partView('a', { status: 'ASSIGNED', assignedOn: '2026-04-01', heldBefore: ['b'], passedOn: ['2026-05-01'], heldSince: '2026-05-01' })]]) };
    expect(partsToHandOver([swapped, takenBefore], 'a', MERGED_ON)).toEqual([{ id: 'before', on: MERGED_ON }]);
  });
});

describe('a hand-over on the day the unit is merged away, typed after the merge (breaker8k P8: the hand-over wins on its day)', () => {
  const DAY = '2026-07-01';
  // The merge moved a's part to b on that day (b had none here); c's part of another parent is its own.
  const movedToB = { id: 'moved', parts: new Map([['b', partView('b', { status: 'ASSIGNED', assignedOn: '2026-04-26', heldBefore: ['a'], passedOn: [DAY], heldSince: DAY })]]) };
  const joinedB = { id: 'joined', parts: new Map([['b', partView('b', { status: 'ASSIGNED', assignedOn: '2026-04-26', heldBefore: ['a'], passedOn: [DAY] })]]) };

  it('passes the part the merge moved to b that day', () => {
    expect(partsToHandOver([movedToB], 'a', DAY, false, 'b')).toEqual([{ id: 'moved', on: DAY }]);
  });

  it('leaves a part that joined b’s own part, and passes nothing without the merge of that day', () => {
    expect(partsToHandOver([joinedB], 'a', DAY, false, 'b')).toEqual([]);
    expect(partsToHandOver([movedToB], 'a', DAY)).toEqual([]);
    expect(partsToHandOver([movedToB], 'a', DAY, false, 'x')).toEqual([]);
  });
});
