import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * Issue 10, fault 7: a 160-item plan (over 80 KB of CSV) got HTTP 413 "Send less at once", which
 * the user cannot do. Files as large as the import mutations advertise (5 MB) go to
 * POST /imports/files and the mutation names them by fileId; a 413 names the real remedies.
 */

const IMPORT_PLAN = `mutation($input: ImportWorkPlanInput!) {
  importWorkPlan(input: $input) { planId itemCount categoryCount notImported }
}`;

const UNITS = ['青川市财政局', '青川市教育局', '青川市发展和改革委员会', '青川市环境保护局'];

/** A plan of 160 items in 4 categories, every item with a long description: about 100 KB. */
function largePlan(): string {
  const rows = ['类别编号,类别,编号,事项,内容,牵头单位,配合单位,完成时限,备注'];
  for (let item = 1; item <= 160; item += 1) {
    const category = Math.ceil(item / 40);
    rows.push(
      [
        '一二三四'[category - 1],
        `第${category}类重点任务`,
        item,
        `第${item}项工作任务`,
        `按照年度工作要点要求，细化分解第${item}项任务，明确时间节点和工作标准，定期报送进展情况。`.repeat(4),
        UNITS[item % 4],
        UNITS[(item + 1) % 4],
        // May to December: due after the plan's approval (today, 2026-04-01), as the plan import requires.
        `2026年${(item % 8) + 5}月底前`,
        '',
      ].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

describe('large import files (issue 10, fault 7)', () => {
  let app: TestApp;
  const plan = largePlan();

  beforeAll(async () => {
    app = await startTestApp({ demoData: true });
  });
  afterAll(() => app.close());

  const upload = async (body: Uint8Array | string, headers: Record<string, string>, name = 'plan-160.csv') =>
    fetch(`${app.url}/imports/files?name=${encodeURIComponent(name)}`, { method: 'POST', headers, body });

  it('the plan is larger than a GraphQL request may be: the 413 names the upload path and the command-line tool', async () => {
    expect(Buffer.byteLength(plan)).toBeGreaterThan(80 * 1024);
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await app.as('SUPERVISOR')) },
      body: JSON.stringify({
        query: IMPORT_PLAN,
        variables: { input: { idempotencyKey: 'too-large', fileName: 'plan-160.csv', contentBase64: Buffer.from(plan).toString('base64'), title: '大计划', year: 2026 } },
      }),
    });
    expect(response.status).toBe(413);
    const { errors } = (await response.json()) as { errors: { message: string; extensions: { code: string; messageZh: string } }[] };
    expect(errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(errors[0]!.message).toMatch(/send its bytes to POST \/imports\/files and give the fileId .*npm run plan:import/);
    expect(errors[0]!.extensions.messageZh).toMatch(/POST \/imports\/files/);
  });

  it('is uploaded to /imports/files and imported by its fileId: all 160 items', async () => {
    const supervisor = await app.as('SUPERVISOR');
    const sent = await upload(plan, supervisor);
    expect(sent.status).toBe(201);
    const receipt = (await sent.json()) as { fileId: string; size: number; fileName: string };
    expect(receipt).toMatchObject({ fileName: 'plan-160.csv', size: Buffer.byteLength(plan) });

    const imported = await app.graphql(IMPORT_PLAN, {
      input: { idempotencyKey: 'large-plan', fileName: 'plan-160.csv', fileId: receipt.fileId, title: '青川市2026年重点任务清单', year: 2026 },
    });
    expect(imported.errors).toBeUndefined();
    expect(imported.data?.importWorkPlan).toMatchObject({ itemCount: 160, categoryCount: 4, notImported: ['备注'] });

    // The same request again (a retry) writes nothing new and answers the same.
    const before = await app.logPosition();
    const again = await app.graphql(IMPORT_PLAN, {
      input: { idempotencyKey: 'large-plan', fileName: 'plan-160.csv', fileId: receipt.fileId, title: '青川市2026年重点任务清单', year: 2026 },
    });
    expect(again.data?.importWorkPlan).toMatchObject({ itemCount: 160 });
    expect(await app.logPosition()).toBe(before);
  });

  it('keeps an upload for its sender only', async () => {
    const receipt = (await (await upload(plan, await app.as('SUPERVISOR'))).json()) as { fileId: string };
    const byAdmin = await app.graphql(
      IMPORT_PLAN,
      { input: { idempotencyKey: 'not-mine', fileName: 'plan-160.csv', fileId: receipt.fileId, title: '别人的文件', year: 2026 } },
      await app.as('ADMIN'),
    );
    expect(errorCode(byAdmin)).toBe('NOT_FOUND');
    expect(byAdmin.errors?.[0]?.message).toMatch(/for the user who sent them/);
  });

  it('takes the file as contentBase64 or fileId, not both and not neither', async () => {
    for (const file of [{}, { contentBase64: 'YQ==', fileId: '00000000-0000-4000-8000-000000000000' }]) {
      const response = await app.graphql(IMPORT_PLAN, { input: { idempotencyKey: `either-${Object.keys(file).length}`, fileName: 'a.csv', ...file } });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses an upload without a token (401), by a unit (403), and over 5 MB (413, naming what to do)', async () => {
    expect((await upload(plan, {})).status).toBe(401);
    const unitId = (await app.graphql<{ units: { id: string }[] }>('{ units { id } }')).data!.units[0]!.id;
    expect((await upload(plan, await app.as('UNIT', unitId))).status).toBe(403);
    const tooLarge = await upload(new Uint8Array(5 * 1024 * 1024 + 1), await app.as('SUPERVISOR'));
    expect(tooLarge.status).toBe(413);
    const { errors } = (await tooLarge.json()) as { errors: { message: string; extensions: { messageZh: string } }[] };
    expect(errors[0]!.message).toMatch(/5 MB.*Save it as XLSX.*npm run plan:import/);
    expect(errors[0]!.extensions.messageZh).toMatch(/命令行工具/);
  });
});
