import { TestApp, startTestApp } from '../support/test-app.js';

/*
 * newcomer26 S9: a circular (通报) issued by mistake is withdrawn (撤回通报) — it stays listed, marked, and counts nowhere
 * from its withdrawal day — or its 发文日期 / 文号 corrected (更正通报); a circular carries an optional 文号.
 * The test clock reads 2026-04-01 10:00 in the office.
 */
describe('撤回通报 and 更正通报: a circular issued by mistake (newcomer26 S9)', () => {
  let app: TestApp;
  let fgw: string;
  let circularId: string;
  const TITLE = '关于市发改委政务公开整改工作滞后的通报';
  const CIRCULAR = `{ id issuedOn documentNumber withdrawal { withdrawnOn reason } corrections { previousIssuedOn previousDocumentNumber correctedOn reason } }`;
  const LIST = `query($to: String) { circulars(first: 50, issuedTo: $to) { nodes ${CIRCULAR} } }`;
  const listed = async (to?: string) => ((await app.graphql(LIST, { to: to ?? null })).data!.circulars.nodes as { id: string }[]).filter((circular) => circular.id === circularId);
  const act = (mutation: string, input: Record<string, unknown>, headers?: Record<string, string>) =>
    app.graphql(`mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) ${CIRCULAR} }`, { input }, headers);

  beforeAll(async () => {
    app = await startTestApp({ demoData: true });
    const { data } = await app.graphql(`{ units { id code } }`);
    fgw = data!.units.find((unit: { code: string }) => unit.code === 'FGW').id;
    app.clock.set('2026-04-01T10:00:00+08:00');
    const issued = await act('issueCircular', { idempotencyKey: 's9-issue', unitId: fgw, kind: 'CRITICISM', title: TITLE, reason: '逾期未整改。', references: [], issuedOn: '2026-04-01', documentNumber: ' 青政公开〔2026〕5号 ' });
    expect(issued.errors).toBeUndefined();
    circularId = issued.data!.issueCircular.id;
    expect(issued.data!.issueCircular).toMatchObject({ documentNumber: '青政公开〔2026〕5号', withdrawal: null, corrections: [] });
  });

  afterAll(async () => {
    await app.close();
  });

  it('corrects its 发文日期 and 文号: listed on the corrected day, keeping what it read before; a retry appends nothing', async () => {
    const input = { idempotencyKey: 's9-correct', circularId, issuedOn: '2026-03-30', documentNumber: '青政公开〔2026〕6号', reason: '发文日期和文号录错。' };
    const corrected = await act('correctCircular', input);
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.correctCircular).toMatchObject({
      issuedOn: '2026-03-30',
      documentNumber: '青政公开〔2026〕6号',
      corrections: [{ previousIssuedOn: '2026-04-01', previousDocumentNumber: '青政公开〔2026〕5号', correctedOn: '2026-04-01', reason: '发文日期和文号录错。' }],
    });
    expect(await listed('2026-03-31')).toHaveLength(1);
    expect(await listed('2026-03-29')).toEqual([]);
    expect((await act('correctCircular', input)).data!.correctCircular.corrections).toHaveLength(1);
  });

  it('refuses a correction that changes nothing, or to a day in the future, in Chinese, writing nothing', async () => {
    const same = await act('correctCircular', { idempotencyKey: 's9-same', circularId, issuedOn: '2026-03-30', documentNumber: '青政公开〔2026〕6号', reason: '再次核对。' });
    expect(same.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: '更正后的发文日期和文号与原记录相同（2026-03-30，青政公开〔2026〕6号），没有可更正的内容。' });
    const future = await act('correctCircular', { idempotencyKey: 's9-future', circularId, issuedOn: '2026-04-02', reason: '录错。' });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: '发文日期（2026-04-02）是将来的日期：今天是 2026-04-01。' });
    expect((await listed())[0]).toMatchObject({ issuedOn: '2026-03-30', corrections: [expect.anything()] });
  });

  it('only a supervisor withdraws it', async () => {
    const refused = await act('withdrawCircular', { idempotencyKey: 's9-unit', circularId, reason: '发错单位。' }, await app.as('UNIT', fgw));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await listed())[0]).toMatchObject({ withdrawal: null });
  });

  it('withdraws it with a reason: still listed, marked with the day and why; once only, and no longer corrected', async () => {
    const withdrawn = await act('withdrawCircular', { idempotencyKey: 's9-withdraw', circularId, reason: '发错单位：应为市教育局。' });
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data!.withdrawCircular.withdrawal).toEqual({ withdrawnOn: '2026-04-01', reason: '发错单位：应为市教育局。' });
    expect(await listed()).toEqual([expect.objectContaining({ withdrawal: { withdrawnOn: '2026-04-01', reason: '发错单位：应为市教育局。' } })]);
    const again = await act('withdrawCircular', { idempotencyKey: 's9-withdraw-2', circularId, reason: '再撤。' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', messageZh: `通报“${TITLE}”已于 2026-04-01 撤回（发错单位：应为市教育局。），不能再撤回。` });
    const corrected = await act('correctCircular', { idempotencyKey: 's9-after', circularId, issuedOn: '2026-03-29', reason: '录错。' });
    expect(corrected.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('read as known at an instant (knownAt): as it stood then — before a correction or withdrawal entered later; from their entry on, corrected and withdrawn (breaker11r P3)', async () => {
    const { data } = await app.graphql(`query($unitId: ID!) { findings(unitId: $unitId, first: 1) { nodes { id } } }`, { unitId: fgw });
    const findingId = data!.findings.nodes[0].id as string;
    app.clock.set('2026-04-02T09:00:00+08:00');
    const issued = await act('issueCircular', { idempotencyKey: 'r3-issue', unitId: fgw, kind: 'CRITICISM', title: '关于市发改委政策解读不到位的通报', reason: '解读材料缺失。', references: [{ kind: 'FINDING', id: findingId }], issuedOn: '2026-04-02', documentNumber: '青政公开〔2026〕7号' });
    expect(issued.errors).toBeUndefined();
    const id = issued.data!.issueCircular.id as string;
    app.clock.set('2026-04-03T09:00:00+08:00');
    expect((await act('correctCircular', { idempotencyKey: 'r3-correct', circularId: id, issuedOn: '2026-03-31', documentNumber: '青政公开〔2026〕8号', reason: '发文日期和文号录错。' })).errors).toBeUndefined();
    app.clock.set('2026-04-06T09:00:00+08:00');
    expect((await act('withdrawCircular', { idempotencyKey: 'r3-withdraw', circularId: id, reason: '未印发。' })).errors).toBeUndefined();
    const AT = `query($knownAt: String, $to: String, $findingId: ID!) { circulars(first: 50, knownAt: $knownAt, issuedTo: $to) { nodes ${CIRCULAR} } finding(id: $findingId, knownAt: $knownAt) { circulars ${CIRCULAR} } }`;
    const read = async (knownAt: string | null, to: string | null = null) => {
      const answer = await app.graphql(AT, { knownAt, to, findingId });
      expect(answer.errors).toBeUndefined();
      const mine = (list: { id: string }[]) => list.filter((circular) => circular.id === id).map(({ id: _id, ...rest }) => rest);
      return { list: mine(answer.data!.circulars.nodes), cited: mine(answer.data!.finding.circulars) };
    };
    const asIssued = { issuedOn: '2026-04-02', documentNumber: '青政公开〔2026〕7号', withdrawal: null, corrections: [] };
    const corrected = { issuedOn: '2026-03-31', documentNumber: '青政公开〔2026〕8号', withdrawal: null, corrections: [{ previousIssuedOn: '2026-04-02', previousDocumentNumber: '青政公开〔2026〕7号', correctedOn: '2026-04-03', reason: '发文日期和文号录错。' }] };
    const withdrawn = { ...corrected, withdrawal: { withdrawnOn: '2026-04-06', reason: '未印发。' } };
    // Before it was entered: not there; entered, before the correction: as issued.
    expect(await read('2026-04-01T18:00:00+08:00')).toEqual({ list: [], cited: [] });
    expect(await read('2026-04-02T18:00:00+08:00')).toEqual({ list: [asIssued], cited: [asIssued] });
    // Issued by 04-01 as known then? No — it read 04-02 until the correction; as corrected, yes.
    expect((await read('2026-04-02T18:00:00+08:00', '2026-04-01')).list).toEqual([]);
    expect((await read('2026-04-04T18:00:00+08:00', '2026-04-01')).list).toEqual([corrected]);
    // After the correction, before the withdrawal: corrected, standing; after the withdrawal, and now: withdrawn.
    expect(await read('2026-04-04T18:00:00+08:00')).toEqual({ list: [corrected], cited: [corrected] });
    expect(await read('2026-04-06T18:00:00+08:00')).toEqual({ list: [withdrawn], cited: [withdrawn] });
    expect((await read(null)).list).toEqual([withdrawn]);
    const refused = await app.graphql(`{ circulars(knownAt: "yesterday") { totalCount } }`);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: expect.stringContaining('knownAt 应为带时区的 ISO-8601 时刻') });
  });

  it('refuses a withdrawal dated before the circular was issued', async () => {
    const other = await act('issueCircular', { idempotencyKey: 's9-issue-2', unitId: fgw, kind: 'COMMENDATION', title: '关于表扬市发改委的通报', reason: '按时整改。', references: [], issuedOn: '2026-03-31' });
    const refused = await act('withdrawCircular', { idempotencyKey: 's9-early', circularId: other.data!.issueCircular.id, reason: '未印发。', withdrawnOn: '2026-03-30' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: '撤回日期（2026-03-30）早于该通报的发文日期（2026-03-31），日期顺序不对。' });
  });
});
