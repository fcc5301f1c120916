import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory } from '../support/reorganisation-story.js';

/**
 * Issue 8: papers of one office day (two or three merges into one unit, two 职能调整 papers in a chain) and a withdrawal
 * dated before them, typed in every order: the finding reads the same — now, as of several days, at a record-time cut —
 * whichever paper the clerk typed first. breaker8m P1 (blocker: two bureaus merged into one on one day, the second paper
 * with the earlier due date, a withdrawal dated before the merge typed last — the page, the cuts and date order told three
 * stories; a work-plan item and a revised plan file dropping it the same). Each order is typed onto a fresh finding of fresh
 * units (or a fresh plan's item). breaker8m P2: three merges of one day typed A, C, B kept C's record over B's earlier
 * due date (the third paper was not weighed against a record another had joined that day); on one due date the record
 * was weighed by the role that day's joins gave it, not its own (time2's s24 Left 1). HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

type Paper = readonly ['merge' | 'hand', string, string, string] | readonly ['withdraw', string];

/** Every order of `papers` (n ≤ 4). */
function orders<T>(papers: readonly T[]): T[][] {
  if (papers.length <= 1) return [[...papers]];
  return papers.flatMap((paper, index) => orders([...papers.slice(0, index), ...papers.slice(index + 1)]).map((rest) => [paper, ...rest]));
}

describe('papers of one day typed in any order read the same (breaker8m P1, P2, P3)', () => {
  let app: TestApp;
  let evaluationId: string;
  let run = 0;
  const unitName = (code: string) => `青川县同日${code}局`;
  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName, storyShowsClosedOn: true });
  const { mutate, unit, code, registered, registerEvaluation, reorganise } = story;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00', settings: { RATE_LIMIT_PER_MINUTE: '0' } });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（同日文件）');
  });

  afterAll(async () => {
    await app?.close();
  });

  /**
   * A finding assigned on 2016-04-26 to `parts` (code, role, due date) of fresh units, then `papers` typed in their order:
   * what each paper got (its code or ok) and the finding read now, as of each of `days`, as of today and far ahead in record time,
   * each part as `unit role status due ←held before` with the units named by their letter.
   */
  async function typedIn(parts: readonly (readonly [string, 'LEAD' | 'RESPONSIBLE', string])[], papers: readonly Paper[], days: readonly string[]) {
    run += 1;
    const letters = [...new Set([...parts.map(([letter]) => letter), ...papers.flatMap((paper) => (paper[0] === 'withdraw' ? [] : [paper[1], paper[2]]))])];
    const codeOf = (letter: string) => `${letter}r${run}`;
    await registered(letters.map(codeOf));
    const { id: findingId } = await mutate('recordFinding', { evaluationId, title: `同日文件核对问题${run}`, description: '网上申请渠道未开通', category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, undefined, 'id');
    await mutate('assignFinding', { findingId, assignedOn: '2016-04-26', units: parts.map(([letter, role, dueDate]) => ({ unitId: unit[codeOf(letter)], role, dueDate })) });
    const got: string[] = [];
    for (const paper of papers) {
      const response =
        paper[0] === 'withdraw'
          ? await story.call('withdrawFinding', { findingId, reason: '评估机构来函撤销', withdrawnOn: paper[1] })
          : await reorganise(paper[0] === 'merge' ? 'mergeUnit' : 'handOverUnitParts', codeOf(paper[1]), codeOf(paper[2]), paper[3], paper[0] === 'merge' ? '机构改革' : '职能调整');
      const refusal = response.errors?.[0]?.extensions?.code as string | undefined;
      if (refusal === 'INTERNAL_SERVER_ERROR') throw new Error(`${paper.join(' ')}: ${response.errors![0]!.message}`);
      got.push(`${paper.join(' ')} → ${refusal ?? 'ok'}`);
    }
    const letter = (id: string) => code(id).replace(/r\d+$/, '');
    const read = async (cut: { asOf?: string; knownAt?: string }) => {
      const response = await app.graphql(
        `query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) { status closedOn assignments { unitId role status dueDate heldBefore } } }`,
        { id: findingId, ...cut },
      );
      expect(response.errors).toBeUndefined();
      const finding = response.data!.finding as { status: string; assignments: { unitId: string; role: string; status: string; dueDate: string; heldBefore: string[] }[] };
      return [finding.status, ...finding.assignments.map((part) => [letter(part.unitId), part.role, part.status, part.dueDate, ...part.heldBefore.map(letter)].join(' ')).sort()].join(' | ');
    };
    const readings: Record<string, string> = { now: await read({}), today: await read({ asOf: '2026-11-30' }), knownAtFar: await read({ knownAt: '2099-01-01T00:00:00+08:00' }) };
    for (const day of days) readings[day] = await read({ asOf: day });
    return { got, readings };
  }

  /** Types `papers` in every order; every order must read as the first (date order, as listed), every reading of it the same now. */
  async function sameInEveryOrder(parts: Parameters<typeof typedIn>[0], papers: readonly Paper[], days: readonly string[]) {
    const [first, ...others] = orders(papers);
    const reference = await typedIn(parts, first!, days);
    expect({ today: reference.readings.today, knownAtFar: reference.readings.knownAtFar }).toEqual({ today: reference.readings.now, knownAtFar: reference.readings.now });
    for (const order of others) {
      const typed = await typedIn(parts, order, days);
      expect({ typed: typed.got, readings: typed.readings }).toEqual({ typed: typed.got, readings: reference.readings });
    }
    return reference;
  }

  it('P1: two bureaus merged into one on one day, the second paper with the earlier due date, a withdrawal dated before the merge', async () => {
    const reference = await sameInEveryOrder(
      [
        ['A', 'LEAD', '2016-12-31'],
        ['B', 'RESPONSIBLE', '2016-10-31'],
      ],
      [['withdraw', '2016-06-20'], ['merge', 'A', 'S', '2016-07-01'], ['merge', 'B', 'S', '2016-07-01']],
      ['2016-06-19', '2016-07-01'],
    );
    expect(reference.readings.now).toBe('WITHDRAWN | A LEAD ASSIGNED 2016-12-31 | B RESPONSIBLE ASSIGNED 2016-10-31');
  }, 300_000);

  /**
   * A work-plan item (one plan per run, lead `lead`, responsible `responsible`, due 2016-12-31, assigned 2016-04-26), then
   * `papers` typed in their order — `withdraw` as the item's withdrawal, `revise` as a revised plan file dropping the item dated
   * that day — and the item read now, as of each of `days`, today and far ahead in record time.
   */
  async function itemTypedIn(lead: string, responsible: string, papers: readonly (Paper | readonly ['revise', string])[], days: readonly string[]) {
    run += 1;
    const letters = [...new Set([lead, responsible, ...papers.flatMap((paper) => (paper.length === 4 ? [paper[1], paper[2]] : []))])];
    const codeOf = (letter: string) => `${letter}r${run}`;
    await registered(letters.map(codeOf));
    const title = `青川县2016年同日文件分解方案${run}`;
    const header = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n';
    const kept = `一,推进五公开,1,公开政府采购信息,,${unitName(codeOf(lead))},,2016-12-31\n`;
    const rows = `${kept}一,推进五公开,2,公开重点领域信息,,${unitName(codeOf(lead))},${unitName(codeOf(responsible))},2016-12-31\n`;
    // Each run's plan has the same item titles as the runs before it (one withdrawn there): another plan on purpose (breaker57-10 S2).
    const plan = (csv: string, revise: boolean, assignedOn: string) =>
      story.call('importWorkPlan', { fileName: 'plan.csv', title, year: 2016, contentBase64: Buffer.from(header + csv).toString('base64'), approvedOn: '2016-04-25', assignedOn, ...(revise ? { revise: true, withdrawMissing: true } : { separatePlan: true }) }, undefined, 'planId');
    const planId = (await plan(rows, false, '2016-04-26')).data!.importWorkPlan.planId as string;
    const items = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId });
    const itemId = items.data!.workPlan.categories[0].items[1].id as string;
    const got: string[] = [];
    for (const paper of papers) {
      const response =
        paper[0] === 'withdraw'
          ? await story.call('withdrawWorkPlanItem', { itemId, reason: '方案调整', withdrawnOn: paper[1] })
          : paper[0] === 'revise'
            ? await plan(kept, true, paper[1])
            : await reorganise(paper[0] === 'merge' ? 'mergeUnit' : 'handOverUnitParts', codeOf(paper[1]), codeOf(paper[2]), paper[3], paper[0] === 'merge' ? '机构改革' : '职能调整');
      const refusal = response.errors?.[0]?.extensions?.code as string | undefined;
      if (refusal === 'INTERNAL_SERVER_ERROR') throw new Error(`${paper.join(' ')}: ${response.errors![0]!.message}`);
      got.push(`${paper.join(' ')} → ${refusal ?? 'ok'}`);
    }
    const letter = (id: string) => code(id).replace(/r\d+$/, '');
    const read = async (cut: { asOf?: string; knownAt?: string }) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { workPlanItem(id: $id, asOf: $asOf, knownAt: $knownAt) { status parts { unitId role status dueDate heldBefore } } }`, { id: itemId, ...cut });
      expect(response.errors).toBeUndefined();
      const item = response.data!.workPlanItem as { status: string; parts: { unitId: string; role: string; status: string; dueDate: string; heldBefore: string[] }[] };
      return [item.status, ...item.parts.map((part) => [letter(part.unitId), part.role, part.status, part.dueDate, ...part.heldBefore.map(letter)].join(' ')).sort()].join(' | ');
    };
    const readings: Record<string, string> = { now: await read({}), today: await read({ asOf: '2026-11-30' }), knownAtFar: await read({ knownAt: '2099-01-01T00:00:00+08:00' }) };
    for (const day of days) readings[day] = await read({ asOf: day });
    return { got, readings };
  }

  it.each([['withdraw'], ['revise']] as const)('P1 on a work-plan item (%s dated before the merges): every order reads as date order', async (how) => {
    const papers = [[how, '2016-06-20'], ['merge', 'A', 'S', '2016-07-01'], ['merge', 'B', 'S', '2016-07-01']] as const;
    const [first, ...others] = orders<Paper | readonly ['revise', string]>(papers);
    const reference = await itemTypedIn('A', 'B', first!, ['2016-06-19', '2016-07-01']);
    expect(reference.readings.now).toBe('WITHDRAWN | A LEAD ASSIGNED 2016-12-31 | B RESPONSIBLE ASSIGNED 2016-12-31');
    expect({ today: reference.readings.today, knownAtFar: reference.readings.knownAtFar }).toEqual({ today: reference.readings.now, knownAtFar: reference.readings.now });
    for (const order of others) {
      const typed = await itemTypedIn('A', 'B', order, ['2016-06-19', '2016-07-01']);
      expect({ typed: typed.got, readings: typed.readings }).toEqual({ typed: typed.got, readings: reference.readings });
    }
  }, 300_000);

  it('P1 without the withdrawal: the joined part keeps the earlier due date whichever merge was typed first', async () => {
    const reference = await sameInEveryOrder(
      [
        ['A', 'LEAD', '2016-12-31'],
        ['B', 'RESPONSIBLE', '2016-10-31'],
      ],
      [['merge', 'A', 'S', '2016-07-01'], ['merge', 'B', 'S', '2016-07-01']],
      ['2016-06-30', '2016-07-01'],
    );
    expect(reference.readings.now).toMatch(/^OPEN \| S LEAD ASSIGNED 2016-10-31 /);
  }, 300_000);
  it('P2: three bureaus merged into one on one day: the earliest due date is kept and the holders listed in one order, whichever was typed first', async () => {
    const reference = await sameInEveryOrder(
      [
        ['A', 'LEAD', '2016-12-31'],
        ['B', 'RESPONSIBLE', '2016-10-31'],
        ['C', 'RESPONSIBLE', '2016-11-30'],
      ],
      [['merge', 'A', 'S', '2016-07-01'], ['merge', 'B', 'S', '2016-07-01'], ['merge', 'C', 'S', '2016-07-01']],
      ['2016-06-30', '2016-07-01'],
    );
    expect(reference.readings.now).toBe('OPEN | S LEAD ASSIGNED 2016-10-31 B C A');
  }, 300_000);

  /*
   * time2's s24 Left 1: on one due date the leading part's record is kept, by each record's own role. Jointly led by A and C
   * (联合牵头), B and C due the same day: typed A, B (or B, A) then C, B's record had taken A's lead role that day, and C's met a
   * "lead" on its due date — the unit ids (random here) decided, and half the time B's record stood over the leading C's.
   */
  it('P2 on one due date: the leading part’s record is kept, by its own role, whichever paper was typed first', async () => {
    const reference = await sameInEveryOrder(
      [
        ['A', 'LEAD', '2016-12-31'],
        ['B', 'RESPONSIBLE', '2016-10-31'],
        ['C', 'LEAD', '2016-10-31'],
      ],
      [['merge', 'A', 'S', '2016-07-01'], ['merge', 'B', 'S', '2016-07-01'], ['merge', 'C', 'S', '2016-07-01']],
      ['2016-06-30', '2016-07-01'],
    );
    expect(reference.readings.now).toBe('OPEN | S LEAD ASSIGNED 2016-10-31 C B A');
  }, 300_000);

  it.each([
    ['two 职能调整 papers', 'hand'],
    ['a merge into B and B’s 职能调整', 'merge'],
  ] as const)('P3: A→B and B→C on one day (%s): B hands over what it held at the day’s start, whichever was typed first', async (_name, first) => {
    const reference = await sameInEveryOrder(
      [
        ['A', 'LEAD', '2016-12-31'],
        ['B', 'RESPONSIBLE', '2016-10-31'],
      ],
      [[first, 'A', 'B', '2016-07-01'], ['hand', 'B', 'C', '2016-07-01']],
      ['2016-06-30', '2016-07-01'],
    );
    expect(reference.readings.now).toBe('OPEN | B LEAD ASSIGNED 2016-12-31 A | C RESPONSIBLE ASSIGNED 2016-10-31 B');
  }, 300_000);

  it('P3 with a withdrawal dated before the day, typed in any order', async () => {
    const reference = await sameInEveryOrder(
      [
        ['A', 'LEAD', '2016-12-31'],
        ['B', 'RESPONSIBLE', '2016-10-31'],
      ],
      [['withdraw', '2016-06-20'], ['hand', 'A', 'B', '2016-07-01'], ['hand', 'B', 'C', '2016-07-01']],
      ['2016-07-01'],
    );
    expect(reference.readings.now).toBe('WITHDRAWN | A LEAD ASSIGNED 2016-12-31 | B RESPONSIBLE ASSIGNED 2016-10-31');
  }, 300_000);
});
