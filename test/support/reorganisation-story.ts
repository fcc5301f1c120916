import type { GraphqlResponse, TestApp } from './test-app.js';
import { namedMutations } from './named-mutations.js';

/** The two reorganisations (机构改革): a unit's duties handed over, or the unit merged away. */
export type Reorganisation = 'handOverUnitParts' | 'mergeUnit';

/** One part of a finding as the reorganisation specs read it. */
export interface HeldPart {
  unitId: string;
  role?: string;
  status: string;
  heldBefore: string[];
}

/** The evaluation the reorganisation stories file their findings under (2015's, received 2016-04-15). */
export const REORGANISATION_EVALUATION = {
  evaluator: '某研究院',
  commissionedBy: '国务院办公厅',
  periodStart: '2015-01-01',
  periodEnd: '2015-12-31',
  receivedOn: '2016-04-15',
} as const;

/**
 * What the reorganisation e2e specs (机构改革: hand-overs and merges typed in and out of date order)
 * share: units registered by short codes on 2016-01-04, findings assigned on 2016-04-26 (due
 * 2016-12-31), each finding's parts read as `code status ←held before` on a business day or now,
 * a unit's report, and the two reorganisations. `app` and `evaluationId` are read at each call (specs
 * start their app and register their evaluation in `beforeAll`); `unitName` names a unit by its code
 * (distinct per spec, so that no two specs' units read as one under the unit-name rules).
 * Mutations go through `namedMutations` (a fresh idempotency key each); `call` answers as the server
 * did, `mutate` throws on a refusal.
 */
export function reorganisationStory(
  app: () => TestApp,
  key: (name: string) => string,
  options: { evaluationId: () => string; unitName?: (code: string) => string; storyShowsClosedOn?: boolean },
) {
  const { call, mutate } = namedMutations(app, key);
  const unitName = options.unitName ?? ((code: string) => `青川县第${code}局`);
  /** Unit id by code. */
  const unit: Record<string, string> = {};
  /** The code of a unit id (the id itself when it is none of the story's). */
  const code = (id: string) => Object.entries(unit).find(([, known]) => known === id)?.[0] ?? id;
  const admin = () => app().as('ADMIN');

  const registered = async (codes: string[]) => {
    for (const one of codes) {
      const { id } = await mutate('registerUnit', { code: one, name: unitName(one), kind: 'DEPARTMENT', registeredOn: '2016-01-04' }, await admin(), 'id');
      unit[one] = id;
    }
  };
  /** Registers the story's evaluation under `title`; resolves with its id. */
  const registerEvaluation = async (title: string): Promise<string> => (await mutate('registerEvaluation', { title, ...REORGANISATION_EVALUATION }, undefined, 'id')).id;
  /**
   * A finding identified 2016-04-15, assigned on `assignedOn` (2016-04-26 unless given), due 2016-12-31:
   * to `parts`' units in their roles, or to the one unit `parts` names as LEAD.
   */
  const newFinding = async (title: string, parts: string | readonly (readonly [string, 'LEAD' | 'RESPONSIBLE'])[], assignedOn = '2016-04-26'): Promise<string> => {
    const { id } = await mutate('recordFinding', { evaluationId: options.evaluationId(), title, description: title, category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, undefined, 'id');
    const units = (typeof parts === 'string' ? [[parts, 'LEAD'] as const] : parts).map(([one, role]) => ({ unitId: unit[one], role, dueDate: '2016-12-31' }));
    await mutate('assignFinding', { findingId: id, assignedOn, units });
    return id;
  };
  /** The finding's parts on business day `asOf` (absent: now), each as `code status ←held before…`. */
  const holders = async (findingId: string, asOf?: string): Promise<string[]> => {
    const response = await app().graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { assignments { unitId status heldBefore } } }`, { id: findingId, ...(asOf ? { asOf } : {}) });
    expect(response.errors).toBeUndefined();
    return (response.data!.finding.assignments as HeldPart[]).map((part) => [code(part.unitId), part.status, ...part.heldBefore.map(code)].join(' '));
  };
  /**
   * The finding at a cut (business day `asOf`, record-time `knownAt`, or now): its status, its
   * close-out day when `storyShowsClosedOn`, then each part as `code role status ←held before…`, sorted.
   */
  const story = async (findingId: string, cut: { asOf?: string; knownAt?: string } = {}): Promise<string[]> => {
    const response = await app().graphql(
      `query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) { status closedOn assignments { unitId role status heldBefore } } }`,
      { id: findingId, ...cut },
    );
    expect(response.errors).toBeUndefined();
    const finding = response.data!.finding;
    const parts = (finding.assignments as HeldPart[]).map((part) => [code(part.unitId), part.role, part.status, ...part.heldBefore.map(code)].join(' ')).sort();
    return [finding.status, ...(options.storyShowsClosedOn ? [finding.closedOn] : []), ...parts];
  };
  /** The story now, expected the same as of today (2026-11-30) and at the far record-time cut; resolves with it. */
  const everyReading = async (findingId: string) => {
    const now = await story(findingId);
    expect(await story(findingId, { asOf: '2026-11-30' })).toEqual(now);
    expect(await story(findingId, { knownAt: '2099-01-01T00:00:00+08:00' })).toEqual(now);
    return now;
  };
  const reportInput = (findingId: string, by: string, reportedOn: string) => ({
    findingId,
    unitId: unit[by],
    summary: '已整改',
    evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }],
    reportedOn,
  });
  /** `by`'s report of rectification on `reportedOn`, sent as its own clerk; answered as the server did. */
  const report = async (findingId: string, by: string, reportedOn: string): Promise<GraphqlResponse> =>
    call('reportRectification', reportInput(findingId, by, reportedOn), await app().as('UNIT', unit[by]));
  /** As `report`; throws `"reportRectification refused: …"` on a refusal. */
  const reported = async (findingId: string, by: string, reportedOn: string) =>
    mutate('reportRectification', reportInput(findingId, by, reportedOn), await app().as('UNIT', unit[by]));
  const reorganisationInput = (operation: Reorganisation, from: string, to: string, on: string, reason: string) => ({
    unitId: unit[from],
    successorUnitId: unit[to],
    reason,
    ...(operation === 'mergeUnit' ? { mergedOn: on } : { handedOverOn: on }),
  });
  /** A hand-over or merge of `from` into `to` dated `on`, sent by an ADMIN; answered as the server did. */
  const reorganise = async (operation: Reorganisation, from: string, to: string, on: string, reason = '机构改革', select = 'findingIds'): Promise<GraphqlResponse> =>
    call(operation, reorganisationInput(operation, from, to, on, reason), await admin(), select);
  /** As `reorganise`, resolving with the mutation's data (`select`ed); throws `"<operation> refused: …"` on a refusal. */
  const reorganised = async (operation: Reorganisation, from: string, to: string, on: string, reason = '机构改革', select = 'findingIds') =>
    mutate(operation, reorganisationInput(operation, from, to, on, reason), await admin(), select);

  return { call, mutate, unit, code, admin, registered, registerEvaluation, newFinding, holders, story, everyReading, report, reported, reorganise, reorganised };
}
