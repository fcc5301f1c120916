import { MAX_PAGE_SIZE } from '../../src/shared/pagination/page.js';
import { REGISTER_EVALUATION, evaluationInput } from '../support/fixtures.js';
import { TestApp, errorCode, expectChineseOnEveryError, startTestApp } from '../support/test-app.js';

/*
 * Lists at scale (issue 12): every list is a cursor connection (first / after, totalCount,
 * pageInfo) filtered on the server, over HTTP against a real app on a real SQLite file.
 */

const FINDINGS = `query($first: Int, $after: String, $evaluationId: ID, $category: String, $status: FindingStatus, $unitId: ID,
    $light: TrafficLight, $dueFrom: String, $dueTo: String, $titleContains: String) {
  findings(first: $first, after: $after, evaluationId: $evaluationId, category: $category, status: $status, unitId: $unitId,
      light: $light, dueFrom: $dueFrom, dueTo: $dueTo, titleContains: $titleContains) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { title } } nodes { title }
  }
}`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: { title: string } }[];
  nodes: { title: string }[];
}

let keys = 0;
const key = (name: string) => `lists-${name}-${++keys}`;

describe('Lists at scale: paginated and filtered on the server', () => {
  let app: TestApp;
  let evaluationId: string;
  const units: Record<string, string> = {};

  const findings = async (variables: Record<string, unknown>, headers?: Record<string, string>): Promise<Page> => {
    const response = expectChineseOnEveryError(await app.graphql(FINDINGS, { evaluationId, ...variables }, headers));
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.findings as Page;
  };
  const refusal = async (query: string, variables: Record<string, unknown>) => {
    const response = expectChineseOnEveryError(await app.graphql(query, variables));
    expect(response.data ?? null).toBeNull();
    return response.errors![0]!;
  };
  const titles = async (variables: Record<string, unknown>) => (await findings({ first: MAX_PAGE_SIZE, ...variables })).nodes.map((node) => node.title);
  const record = async (title: string, category: string, concerned: string[] = []) => {
    const response = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: key('finding'), evaluationId, title, description: title, category, severity: 'MEDIUM', concernedUnitIds: concerned },
    });
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.recordFinding.id as string;
  };
  const assign = async (findingId: string, parts: [string, string][]) => {
    const response = await app.graphql(`mutation($input: AssignFindingInput!) { assignFinding(input: $input) { id } }`, {
      input: { idempotencyKey: key('assign'), findingId, units: parts.map(([unit, dueDate], index) => ({ unitId: units[unit], role: index === 0 ? 'LEAD' : 'RESPONSIBLE', dueDate })) },
    });
    if (response.errors) throw new Error(JSON.stringify(response.errors));
  };

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: '2026-04-01T09:00:00+08:00' });
    const directory = await app.graphql(`{ units { id code } }`);
    for (const unit of directory.data!.units as { id: string; code: string }[]) units[unit.code] = unit.id;
    evaluationId = (await app.graphql(REGISTER_EVALUATION, { input: evaluationInput() })).data!.registerEvaluation.id;
    // Seven findings; on 2026-05-14 (DUE_SOON_DAYS 7): 甲 red, 乙 yellow, 丙 green, 丁 and 戊 unassigned.
    await assign(await record('甲 网站信息更新不及时', '主动公开', [units.FGW!]), [['FGW', '2026-05-10']]);
    await assign(await record('乙 依申请公开渠道不畅', '依申请公开'), [['CZJ', '2026-05-20']]);
    await assign(await record('丙 政策解读缺失', '政策解读'), [['FGW', '2026-06-30'], ['CZJ', '2026-06-15']]);
    await record('丁 年报发布迟延', '主动公开');
    await record('戊 ＰＰＰ项目信息未公开', '主动公开', [units.ZJJ!]);
    await record('己 网站无依申请公开栏目', '依申请公开', [units.FGW!]);
    await record('庚 政务新媒体更新慢', '平台建设');
    app.clock.set('2026-05-14T09:00:00+08:00');
  });

  afterAll(async () => {
    await app.close();
  });

  it('pages through the findings with first / after, each page saying whether more follow, all counted', async () => {
    const seen: string[] = [];
    const pages: Page[] = [];
    for (let after: string | null = null; ; ) {
      const page = await findings({ first: 3, after });
      pages.push(page);
      seen.push(...page.nodes.map((node) => node.title));
      expect(page.edges.map((edge) => edge.node)).toEqual(page.nodes);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.map((title) => title[0])).toEqual(['甲', '乙', '丙', '丁', '戊', '己', '庚']);
    expect(pages.map((page) => [page.nodes.length, page.totalCount, page.pageInfo.hasPreviousPage])).toEqual([[3, 7, false], [3, 7, true], [1, 7, true]]);
  });

  it('answers first = 0 with the count only, and past the end with an empty page', async () => {
    const none = await findings({ first: 0 });
    expect(none).toMatchObject({ totalCount: 7, nodes: [], pageInfo: { hasNextPage: true, endCursor: null } });
    const all = await findings({ first: 7 });
    const beyond = await findings({ first: 5, after: all.pageInfo.endCursor });
    expect(beyond).toMatchObject({ totalCount: 7, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['category', { category: '主动公开' }, ['甲', '丁', '戊']],
    ['unit (concerned or with a part)', { unitId: 'FGW' }, ['甲', '丙', '己']],
    ['light today: red', { light: 'RED' }, ['甲']],
    ['light today: yellow', { light: 'YELLOW' }, ['乙']],
    ["light of the unit's own part", { unitId: 'CZJ', light: 'GREEN' }, ['丙']],
    ['due range', { dueFrom: '2026-05-01', dueTo: '2026-05-31' }, ['甲', '乙']],
    ['text in the title, full width and case ignored', { titleContains: 'ppp' }, ['戊']],
    ['category, unit and title together', { category: '依申请公开', unitId: 'FGW', titleContains: '网站' }, ['己']],
    ['status: closed out (已销号)', { status: 'CLOSED' }, []],
    ['status: being rectified (整改中, assigned)', { status: 'OPEN' }, ['甲', '乙', '丙']],
    ['status: not assigned yet (待交办)', { status: 'UNASSIGNED' }, ['丁', '戊', '己', '庚']],
  ])('filters by %s on the server, totalCount counting only the matches', async (_, filter, expected) => {
    const variables = { ...filter, ...(filter.unitId ? { unitId: units[filter.unitId as string] } : {}) };
    const page = await findings({ first: 2, ...variables });
    expect(page.totalCount).toBe(expected.length);
    expect((await titles(variables)).map((title) => title[0])).toEqual(expected);
    expect(page.pageInfo.hasNextPage).toBe(expected.length > 2);
  });

  it("filters an evaluation's findings the same way, nested in the evaluation", async () => {
    const response = await app.graphql(`query($id: ID!) { evaluation(id: $id) { findingCount findings(first: 1, category: "主动公开") { totalCount nodes { title } } } }`, { id: evaluationId });
    expect(response.data!.evaluation).toEqual({ findingCount: 7, findings: { totalCount: 3, nodes: [{ title: '甲 网站信息更新不及时' }] } });
  });

  it('keeps its place when findings are recorded between two pages: nothing repeats, nothing is skipped', async () => {
    const first = await findings({ first: 4 });
    await record('辛 新增问题', '主动公开');
    const rest = await findings({ first: MAX_PAGE_SIZE, after: first.pageInfo.endCursor });
    expect([...first.nodes, ...rest.nodes].map((node) => node.title[0])).toEqual(['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛']);
    expect(rest.totalCount).toBe(8);
  });

  it(`refuses more than ${MAX_PAGE_SIZE} items a page, on the list and nested, with BAD_USER_INPUT in Chinese`, async () => {
    for (const error of [
      await refusal(FINDINGS, { first: MAX_PAGE_SIZE + 1 }),
      await refusal(`query($first: Int) { evaluations(first: $first) { totalCount } }`, { first: MAX_PAGE_SIZE + 1 }),
      await refusal(`query($id: ID!) { evaluation(id: $id) { findings(first: 1000) { totalCount } } }`, { id: evaluationId }),
      await refusal(FINDINGS, { first: -1 }),
    ]) {
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(error.message).toContain(`0 to ${MAX_PAGE_SIZE}`);
      expect(error.extensions!.messageZh).toContain(`每次最多取 ${MAX_PAGE_SIZE} 条`);
    }
  });

  it('refuses a damaged, forged or foreign cursor with BAD_USER_INPUT in Chinese', async () => {
    const evaluationCursor = (await app.graphql(`{ evaluations(first: 1) { pageInfo { endCursor } } }`)).data!.evaluations.pageInfo.endCursor as string;
    for (const after of ['not-a-cursor', Buffer.from('c1:findings:-5').toString('base64url'), evaluationCursor, '%%%']) {
      const error = await refusal(FINDINGS, { after });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(error.extensions!.messageZh).toMatch(/翻页位置.*无效/);
    }
  });

  it('refuses a bad filter before listing: unknown unit or evaluation, a due range backwards or not a date', async () => {
    expect((await refusal(FINDINGS, { unitId: '00000000-0000-4000-8000-000000000000' })).extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await refusal(FINDINGS, { evaluationId: '00000000-0000-4000-8000-000000000000' })).extensions).toMatchObject({ code: 'NOT_FOUND' });
    const backwards = await refusal(FINDINGS, { dueFrom: '2026-06-01', dueTo: '2026-05-01' });
    expect(backwards.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: '日期范围有误：dueFrom 2026-06-01 晚于 dueTo 2026-05-01。', field: 'dueFrom' });
    expect((await refusal(FINDINGS, { dueFrom: '2026-02-30' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('shows a unit user the same findings as before, and an administrator none', async () => {
    const asSupervisor = await titles({});
    const unitUser = await app.as('UNIT', units.FGW);
    expect((await findings({ first: MAX_PAGE_SIZE }, unitUser)).nodes.map((node) => node.title)).toEqual(asSupervisor);
    const admin = expectChineseOnEveryError(await app.graphql(FINDINGS, { evaluationId }, await app.as('ADMIN')));
    expect(errorCode(admin)).toBe('FORBIDDEN');
  });

  it('pages evaluations in the order registered', async () => {
    const second = (await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '第二份评估' }) })).data!.registerEvaluation.id;
    const first = await app.graphql(`{ evaluations(first: 1) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`);
    const { totalCount, pageInfo } = first.data!.evaluations;
    expect(pageInfo.hasNextPage).toBe(true);
    const rest = await app.graphql(`query($after: String) { evaluations(first: 200, after: $after) { nodes { id } } }`, { after: pageInfo.endCursor });
    const ids = [...first.data!.evaluations.nodes, ...rest.data!.evaluations.nodes].map((node: { id: string }) => node.id);
    expect(ids).toHaveLength(totalCount);
    expect(ids.slice(-2)).toEqual([evaluationId, second]);
  });
  describe('circulars and users', () => {
    const CIRCULARS = `query($first: Int, $after: String, $unitId: ID, $kind: CircularKind, $issuedFrom: String, $issuedTo: String) {
      circulars(first: $first, after: $after, unitId: $unitId, kind: $kind, issuedFrom: $issuedFrom, issuedTo: $issuedTo) {
        totalCount pageInfo { hasNextPage endCursor } nodes { title issuedOn unit { code } }
      }
    }`;
    const issue = async (unit: string, title: string, issuedOn: string, kind = 'CRITICISM') => {
      const response = await app.graphql(`mutation($input: IssueCircularInput!) { issueCircular(input: $input) { id } }`, {
        input: { idempotencyKey: key('circular'), unitId: units[unit], kind, title, reason: '整改情况', references: [], issuedOn },
      });
      if (response.errors) throw new Error(JSON.stringify(response.errors));
    };
    const circulars = async (variables: Record<string, unknown>, headers?: Record<string, string>) => {
      const response = expectChineseOnEveryError(await app.graphql(CIRCULARS, variables, headers));
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data!.circulars as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { title: string; issuedOn: string; unit: { code: string } }[] };
    };

    beforeAll(async () => {
      await issue('FGW', '通报一', '2026-05-01');
      await issue('CZJ', '表扬二', '2026-05-03', 'COMMENDATION');
      await issue('FGW', '通报三', '2026-05-10');
    });

    it('pages circulars newest first; one entered late goes where its issue day puts it, and the next page neither repeats nor skips', async () => {
      const first = await circulars({ first: 2 });
      expect(first.nodes.map((node) => node.title)).toEqual(['通报三', '表扬二']);
      expect(first.totalCount).toBe(3);
      // Entered late: issued before the last one seen (goes on the next page), and one issued newest (before the cursor: not repeated).
      await issue('ZJJ', '补录通报', '2026-05-02');
      await issue('ZJJ', '最新通报', '2026-05-12');
      const rest = await circulars({ first: 10, after: first.pageInfo.endCursor });
      expect(rest.nodes.map((node) => node.title)).toEqual(['补录通报', '通报一']);
      expect(rest.totalCount).toBe(5);
    });

    it('filters circulars by unit, kind and issue days on the server', async () => {
      expect((await circulars({ unitId: units.FGW })).nodes.map((node) => node.title)).toEqual(['通报三', '通报一']);
      expect((await circulars({ kind: 'COMMENDATION' })).nodes.map((node) => node.title)).toEqual(['表扬二']);
      const asOf = await circulars({ issuedTo: '2026-05-02', first: 1 });
      expect([asOf.totalCount, asOf.nodes[0]!.title, asOf.pageInfo.hasNextPage]).toEqual([2, '补录通报', true]);
      expect((await circulars({ issuedFrom: '2026-05-03', issuedTo: '2026-05-10' })).totalCount).toBe(2);
      const backwards = expectChineseOnEveryError(await app.graphql(CIRCULARS, { issuedFrom: '2026-05-10', issuedTo: '2026-05-01' }));
      expect(backwards.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'issuedFrom' });
    });

    it('shows a unit user its own circulars only, as before, and refuses another unit’s', async () => {
      const unitUser = await app.as('UNIT', units.FGW);
      const own = await circulars({ first: 1 }, unitUser);
      expect(own.totalCount).toBe(2);
      expect(own.nodes.map((node) => node.unit.code)).toEqual(['FGW']);
      expect(errorCode(await app.graphql(CIRCULARS, { unitId: units.CZJ }, unitUser))).toBe('FORBIDDEN');
    });

    it('lists the findings as they stood on a past day: a finding assigned since is 待交办 (UNASSIGNED) then, none before they were identified', async () => {
      const AT = `query($asOf: String, $status: FindingStatus, $evaluationId: ID) { findings(asOf: $asOf, status: $status, evaluationId: $evaluationId, first: 50) { totalCount nodes { title status } } }`;
      const at = async (variables: Record<string, unknown>) => expectChineseOnEveryError(await app.graphql(AT, { evaluationId, ...variables })).data!.findings as { totalCount: number; nodes: { title: string; status: string }[] };
      const ding = (await app.graphql(`query($evaluationId: ID) { findings(evaluationId: $evaluationId, titleContains: "丁", first: 1) { nodes { id status } } }`, { evaluationId })).data!.findings.nodes[0];
      expect(ding).toMatchObject({ status: 'UNASSIGNED' });
      await assign(ding.id, [['JYJ', '2026-06-30']]);
      expect((await at({ asOf: '2026-05-14', status: 'UNASSIGNED' })).nodes.map((node) => node.title[0])).toEqual(expect.arrayContaining(['戊', '己', '庚']));
      expect((await at({ asOf: '2026-05-14', status: 'UNASSIGNED' })).nodes.map((node) => node.title[0])).not.toContain('丁');
      const before = await at({ asOf: '2026-05-13' });
      expect(before.nodes.find((node) => node.title.startsWith('丁'))).toEqual({ title: '丁 年报发布迟延', status: 'UNASSIGNED' });
      expect((await at({ asOf: '2026-05-13', status: 'UNASSIGNED' })).nodes.map((node) => node.title[0])).toEqual(['丁', '戊', '己', '庚']);
      expect((await at({ asOf: '2026-05-13', status: 'OPEN' })).totalCount).toBe(3);
      expect((await at({ asOf: '2026-03-31' })).totalCount).toBe(0);
      const bad = expectChineseOnEveryError(await app.graphql(AT, { asOf: '2026-02-30' }));
      expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    });

    it('pages the accounts oldest first for an administrator only', async () => {
      const admin = await app.as('ADMIN');
      const USERS = `query($after: String) { users(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id registeredAt } } }`;
      const seen: { id: string; registeredAt: string }[] = [];
      let totalCount = 0;
      for (let after: string | null = null, more = true; more; ) {
        const page: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string; registeredAt: string }[] } = expectChineseOnEveryError(await app.graphql(USERS, { after }, admin)).data!.users;
        seen.push(...page.nodes);
        totalCount = page.totalCount;
        ({ hasNextPage: more, endCursor: after } = page.pageInfo);
      }
      expect(seen).toHaveLength(totalCount);
      expect(new Set(seen.map((user) => user.id)).size).toBe(totalCount);
      expect(seen.map((user) => user.registeredAt)).toEqual([...seen.map((user) => user.registeredAt)].sort());
      expect(errorCode(await app.graphql(USERS, {}))).toBe('FORBIDDEN');
    });
  });
});
