import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { PageRequest } from '../../shared/pagination/page.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import { RectificationLedger } from '../ledger/rectification-ledger.js';
import { FindingListIndex, findingPageAt, type FindingFilter, type LightDays } from './finding-list.index.js';

/** Today 2026-05-14, due soon through 2026-05-21 (DUE_SOON_DAYS 7). */
const DAYS: LightDays = { today: '2026-05-14', dueSoonUntil: '2026-05-21' };

let revisions = new Map<string, number>();
let position = 0;

function event(streamId: string, type: string, data: Record<string, unknown>, occurredOn = '2026-04-01'): RecordedEvent {
  const revision = revisions.get(streamId) ?? 0;
  revisions.set(streamId, revision + 1);
  position++;
  return {
    id: `event-${position}`,
    streamId,
    revision,
    position: BigInt(position),
    type,
    schemaVersion: 1,
    data,
    occurredOn,
    metadata: { actorId: 'zhang.wei', actorRole: 'SUPERVISOR', actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: '2026-04-01T01:00:00.000Z' },
  } as unknown as RecordedEvent;
}

const evaluation = (evaluationId: string) =>
  event(`evaluation-${evaluationId}`, 'EvaluationRegistered', { evaluationId, title: `评估${evaluationId}`, evaluator: '研究院', commissionedBy: '国办', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-03-01' });
const recorded = (findingId: string, evaluationId: string, title: string, category = '主动公开', concernedUnitIds: string[] = []) =>
  event(`finding-${findingId}`, 'FindingRecorded', { findingId, evaluationId, title, description: '', category, severity: 'HIGH', concernedUnitIds, identifiedOn: '2026-04-01' });
const assigned = (findingId: string, unitId: string, dueDate: string) => event(`finding-${findingId}`, 'UnitAssigned', { unitId, role: 'RESPONSIBLE', dueDate, assignedOn: '2026-04-02' });
const reported = (findingId: string, unitId: string) => event(`finding-${findingId}`, 'RectificationReported', { unitId, summary: '已整改', evidence: [], reportedOn: '2026-05-01' });
const passed = (findingId: string, unitId: string) =>
  event(`finding-${findingId}`, 'InspectionLogged', { unitId, inspectionId: `i-${findingId}-${unitId}`, outcome: 'PASSED', notes: '', inspectedOn: '2026-05-02', place: '现场' });
const handedOver = (findingId: string, unitId: string, successorUnitId: string) => event(`finding-${findingId}`, 'PartHandedOver', { unitId, successorUnitId });

function lists(events: RecordedEvent[]) {
  const ledger = new RectificationLedger(new StreamsInMemory());
  const index = new FindingListIndex(ledger);
  const apply = (more: RecordedEvent[]) => {
    for (const each of more) {
      ledger.apply(each);
      index.apply(each);
    }
  };
  apply(events);
  const page = (filter: FindingFilter, request: PageRequest = { first: 50 }) => index.findingPage(filter, DAYS, request);
  const titles = (filter: FindingFilter, request?: PageRequest) => page(filter, request).nodes.map((finding) => finding.title);
  return { ledger, index, apply, page, titles };
}

/*
 * 1 red (fgw late), 2 yellow (czj due soon), 3 green (due later), 4 closed (verified), 5 reported
 * (green), 6 not assigned (no light); 1–5 of evaluation e1, 6 of e2.
 */
function sample() {
  revisions = new Map();
  return lists([
    evaluation('e1'),
    evaluation('e2'),
    recorded('1', 'e1', '网站信息更新不及时', '主动公开', ['fgw']),
    assigned('1', 'fgw', '2026-05-10'),
    recorded('2', 'e1', '依申请公开渠道不畅', '依申请公开'),
    assigned('2', 'czj', '2026-05-20'),
    recorded('3', 'e1', '政策解读缺失', '政策解读'),
    assigned('3', 'fgw', '2026-06-30'),
    assigned('3', 'czj', '2026-06-15'),
    recorded('4', 'e1', '年报发布迟延', '主动公开'),
    assigned('4', 'czj', '2026-05-01'),
    reported('4', 'czj'),
    passed('4', 'czj'),
    recorded('5', 'e1', 'ＰＰＰ项目信息未公开', '主动公开'),
    assigned('5', 'zjj', '2026-05-01'),
    reported('5', 'zjj'),
    recorded('6', 'e2', '网站无依申请公开栏目', '依申请公开', ['fgw']),
  ]);
}

describe('the findings list', () => {
  it('lists every finding in the order recorded, counting them all', () => {
    const { page, titles } = sample();
    expect(titles({})).toEqual(['网站信息更新不及时', '依申请公开渠道不畅', '政策解读缺失', '年报发布迟延', 'ＰＰＰ项目信息未公开', '网站无依申请公开栏目']);
    expect(page({}).totalCount).toBe(6);
  });

  it.each<[string, FindingFilter, string[]]>([
    ['of an evaluation', { evaluationId: 'e2' }, ['6']],
    ['of a category', { category: '主动公开' }, ['1', '4', '5']],
    ['being rectified (assigned, not closed out: 整改中)', { status: 'OPEN' }, ['1', '2', '3', '5']],
    ['not assigned yet (待交办)', { status: 'UNASSIGNED' }, ['6']],
    ['closed', { status: 'CLOSED' }, ['4']],
    ['of a unit with a part or concerned', { unitId: 'fgw' }, ['1', '3', '6']],
    ['red today', { light: 'RED' }, ['1']],
    ['yellow today', { light: 'YELLOW' }, ['2']],
    ['green today (on track, or reported and awaiting inspection)', { light: 'GREEN' }, ['3', '5']],
    ['of a unit whose own part is green', { unitId: 'czj', light: 'GREEN' }, ['3']],
    ['due in a range (unverified parts)', { dueFrom: '2026-05-01', dueTo: '2026-05-31' }, ['1', '2', '5']],
    ['due from a day on', { dueFrom: '2026-06-01' }, ['3']],
    ["due in a range, looking at the unit's part", { unitId: 'fgw', dueFrom: '2026-06-16' }, ['3']],
    ['with text in the title', { titleContains: '网站' }, ['1', '6']],
    ['with text in the title, ignoring case and full width', { titleContains: 'ppp' }, ['5']],
    ['with every word of the search in the title, in any order (breaker11b M7)', { titleContains: '公开 依申请' }, ['2', '6']],
    ['with words split by a full-width space', { titleContains: '网站\u3000不及时' }, ['1']],
    ['with words of which one no title has', { titleContains: '网站 年报' }, []],
    ['combined: category, status and unit', { category: '主动公开', status: 'OPEN', unitId: 'fgw' }, ['1']],
    ['combined: evaluation, light and title', { evaluationId: 'e1', light: 'GREEN', titleContains: '政策' }, ['3']],
    ['of an unknown category', { category: '不存在' }, []],
    // An evaluation's findings in a status are a list of their own; a search within an evaluation looks at its titles only (breaker12d P2).
    ['of an evaluation in a status', { evaluationId: 'e1', status: 'OPEN' }, ['1', '2', '3', '5']],
    ['of another evaluation in a status', { evaluationId: 'e2', status: 'UNASSIGNED' }, ['6']],
    ['of an evaluation with text in the title', { evaluationId: 'e1', titleContains: '网站' }, ['1']],
    ['of an evaluation in a status with text in the title', { evaluationId: 'e2', status: 'UNASSIGNED', titleContains: '依申请 网站' }, ['6']],
    ['in a status, of a category, with text in the title', { status: 'OPEN', category: '主动公开', titleContains: 'ｐｐｐ' }, ['5']],
  ])('filters findings %s, with a totalCount that counts only the matches (a past day\'s list, from a fold, alike)', (_, filter, expected) => {
    const { page, ledger } = sample();
    const result = page(filter);
    expect(result.nodes.map((finding) => finding.findingId)).toEqual(expected);
    expect(result.totalCount).toBe(expected.length);
    const folded = findingPageAt(ledger.listFindings(), filter, DAYS, { first: 50 });
    expect(folded.nodes.map((finding) => finding.findingId)).toEqual(expected);
    expect(folded.totalCount).toBe(expected.length);
  });

  it('moves a finding from 待交办 to 整改中 when a unit is given its part', () => {
    const { titles, apply } = sample();
    apply([assigned('6', 'fgw', '2026-06-30')]);
    expect(titles({ status: 'UNASSIGNED' })).toEqual([]);
    expect(titles({ status: 'OPEN' })).toContain('网站无依申请公开栏目');
    expect(titles({ evaluationId: 'e2', status: 'UNASSIGNED' })).toEqual([]);
    expect(titles({ evaluationId: 'e2', status: 'OPEN' })).toEqual(['网站无依申请公开栏目']);
    // Closed out, it moves again: from every open list to the closed ones, in the order recorded.
    apply([reported('6', 'fgw'), passed('6', 'fgw'), reported('1', 'fgw'), passed('1', 'fgw')]);
    expect(titles({ evaluationId: 'e2', status: 'OPEN' })).toEqual([]);
    expect(titles({ status: 'CLOSED' })).toEqual(['网站信息更新不及时', '年报发布迟延', '网站无依申请公开栏目']);
    expect(titles({ evaluationId: 'e1', status: 'CLOSED' })).toEqual(['网站信息更新不及时', '年报发布迟延']);
  });

  it('pages a filtered list without repeating or skipping, and says when it ends', () => {
    const { page } = sample();
    const first = page({ category: '主动公开' }, { first: 1 });
    const second = page({ category: '主动公开' }, { first: 1, after: first.pageInfo.endCursor });
    const third = page({ category: '主动公开' }, { first: 1, after: second.pageInfo.endCursor });
    expect([first, second, third].map((each) => each.nodes.map((finding) => finding.findingId))).toEqual([['1'], ['4'], ['5']]);
    expect([first, second, third].map((each) => [each.pageInfo.hasNextPage, each.totalCount])).toEqual([[true, 3], [true, 3], [false, 3]]);
    const open = page({ status: 'OPEN' }, { first: 3 });
    const rest = page({ status: 'OPEN' }, { first: 3, after: open.pageInfo.endCursor });
    expect([open, rest].map((each) => [each.nodes.map((finding) => finding.findingId), each.pageInfo.hasNextPage, each.totalCount])).toEqual([[['1', '2', '3'], true, 4], [['5'], false, 4]]);
  });

  it('keeps its order when findings are recorded between two pages: the next page goes on where it stopped', () => {
    const { page, apply } = sample();
    const first = page({}, { first: 3 });
    apply([recorded('7', 'e1', '新增问题'), recorded('8', 'e2', '又一个问题')]);
    const rest = page({}, { first: 50, after: first.pageInfo.endCursor });
    expect(rest.nodes.map((finding) => finding.findingId)).toEqual(['4', '5', '6', '7', '8']);
    expect(rest.totalCount).toBe(8);
  });

  it('follows parts as they change: a verified finding leaves the open and red lists, a part handed over moves to its successor', () => {
    const { page, apply } = sample();
    apply([reported('1', 'fgw'), passed('1', 'fgw')]);
    expect(page({ light: 'RED' }).totalCount).toBe(0);
    expect(page({ status: 'CLOSED' }).nodes.map((finding) => finding.findingId)).toEqual(['1', '4']);
    apply([handedOver('2', 'czj', 'wsj')]);
    expect(page({ unitId: 'wsj' }).nodes.map((finding) => finding.findingId)).toEqual(['2']);
    expect(page({ unitId: 'czj' }).nodes.map((finding) => finding.findingId)).toEqual(['3', '4']);
    apply([assigned('1', 'wsj', '2026-07-01')]);
    expect(page({ unitId: 'wsj' }).nodes.map((finding) => finding.findingId)).toEqual(['1', '2']);
  });

  it('rebuilds itself from a ledger that holds more than it saw (a ledger restored from a snapshot)', () => {
    revisions = new Map();
    const ledger = new RectificationLedger(new StreamsInMemory());
    for (const each of [evaluation('e1'), recorded('1', 'e1', '甲'), assigned('1', 'fgw', '2026-05-01'), recorded('2', 'e1', '乙')]) ledger.apply(each);
    const index = new FindingListIndex(ledger);
    const tail = recorded('3', 'e1', '丙');
    ledger.apply(tail);
    index.apply(tail);
    expect(index.findingPage({}, DAYS, {}).nodes.map((finding) => finding.title)).toEqual(['甲', '乙', '丙']);
    expect(index.findingPage({ unitId: 'fgw', light: 'RED' }, DAYS, {}).totalCount).toBe(1);
    expect(index.findingPage({ evaluationId: 'e1', status: 'UNASSIGNED' }, DAYS, {}).nodes.map((finding) => finding.title)).toEqual(['乙', '丙']);
    expect(index.largestEvaluationCount).toBe(3);
    expect(index.evaluationPage({}).nodes.map((each) => each.evaluationId)).toEqual(['e1']);
  });

  it('pages evaluations in the order registered', () => {
    const { index } = sample();
    const first = index.evaluationPage({ first: 1 });
    expect(first.nodes.map((each) => each.evaluationId)).toEqual(['e1']);
    expect(first.totalCount).toBe(2);
    expect(index.evaluationPage({ first: 1, after: first.pageInfo.endCursor }).nodes.map((each) => each.evaluationId)).toEqual(['e2']);
  });

  it('refuses a cursor of the evaluations list on the findings list', () => {
    const { index, page } = sample();
    const evaluationCursor = index.evaluationPage({ first: 1 }).pageInfo.endCursor;
    expect(() => page({}, { after: evaluationCursor })).toThrow(/not one this list \(findings\) gave out/);
  });
});
