import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/*
 * breaker12 P10 (blocker): 20 concurrent recordFinding with one title, each with its own key,
 * recorded 17 findings: the same-title check read the read model, which the other requests had not
 * reached yet. "One problem recorded once" is now a claim the store takes atomically with the
 * append (`UniqueClaim`): exactly one request records it, the others are refused as the form
 * refuses a title already recorded (CONFLICT on `title`, naming the finding). The same holds for
 * every other "only once" rule (see the describe blocks below). The office day is 2026-04-10.
 */
describe('only once, however many requests race', () => {
  let app: TestApp;
  let evaluationId: string;
  const RACERS = 20;

  const recordFinding = (title: string, key: string) =>
    app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id title } }`, {
      input: { idempotencyKey: key, evaluationId, title, description: title, category: '主动公开', severity: 'MEDIUM', identifiedOn: '2026-03-20' },
    });
  const findingTitles = async () => {
    const answer = await app.graphql(`query($id: ID!) { evaluation(id: $id) { findings(first: 100) { nodes { id title } } } }`, { id: evaluationId });
    expect(answer.errors).toBeUndefined();
    return (answer.data!.evaluation.findings.nodes as { id: string; title: string }[]).map((finding) => finding.title);
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-04-10T09:00:00+08:00' });
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2025年度政务公开第三方评估报告', evaluator: '中部政府透明度研究院', commissionedBy: '青川市人民政府办公室', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-03-15' },
    });
    expect(evaluation.errors).toBeUndefined();
    evaluationId = evaluation.data!.registerEvaluation.id;
    // The first recordFinding of a server goes far ahead of requests sent with it (the path is
    // warmed on it), so the race below would be no race: one is recorded first.
    expect((await recordFinding('政务公开专栏栏目设置不规范', 'warm-up')).errors).toBeUndefined();
  });

  afterAll(async () => {
    await app.close();
  });

  it('records a finding once when twenty requests send its title at once; the others are refused naming it', async () => {
    const title = '政府信息公开年度报告未按时发布';
    const answers = await Promise.all(Array.from({ length: RACERS }, (_, index) => recordFinding(title, `racer-${index}`)));
    const recorded = answers.filter((answer) => !answer.errors);
    const refused = answers.filter((answer) => answer.errors);
    expect(recorded).toHaveLength(1);
    const findingId = recorded[0]!.data!.recordFinding.id as string;
    expect(refused.map((answer) => ({ code: errorCode(answer), field: answer.errors![0]!.extensions!.field, findingId: answer.errors![0]!.extensions!.findingId }))).toEqual(
      Array.from({ length: RACERS - 1 }, () => ({ code: 'CONFLICT', field: 'title', findingId })),
    );
    for (const answer of refused) expect(answer.errors![0]!.extensions!.messageZh).toContain('同一问题不重复登记');
    expect((await findingTitles()).filter((recordedTitle) => recordedTitle === title)).toHaveLength(1);
  });

  it('withdraws one of two findings sent at once each as a copy of the other: the problem stays on the 台账 (breaker11k P3)', async () => {
    const pairs = [
      ['政务微博账号长期停止更新', '官方微博三个月未发布信息'],
      ['网上信箱来信答复超期', '市长热线来电回复超时'],
      ['规范性文件未按时清理公布', '已废止文件仍在门户显示'],
    ];
    const withdraw = (findingId: string, duplicateOf: string) =>
      app.graphql(`mutation($input: WithdrawFindingInput!) { withdrawFinding(input: $input) { id status } }`, {
        input: { idempotencyKey: `pair-${findingId}`, findingId, duplicateOf, reason: '重复登记', withdrawnOn: '2026-04-10' },
      });
    for (const [first, second] of pairs) {
      const ids = [];
      for (const title of [first!, second!]) {
        const answer = await recordFinding(title, `pair-record-${title}`);
        expect(answer.errors).toBeUndefined();
        ids.push(answer.data!.recordFinding.id as string);
      }
      const answers = await Promise.all([withdraw(ids[0]!, ids[1]!), withdraw(ids[1]!, ids[0]!)]);
      expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
      const refused = answers.find((answer) => answer.errors)!;
      // Refused as sent one after the other: the other was withdrawn as a copy of this one, which must stay (either rule's words).
      expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(errorCode(refused));
      expect(refused.errors![0]!.extensions!.messageZh).toMatch(/重复登记/u);
      const statuses = await Promise.all(ids.map(async (id) => (await app.graphql(`query($id: ID!) { finding(id: $id) { status } }`, { id })).data!.finding.status as string));
      expect(statuses.filter((status) => status === 'WITHDRAWN')).toHaveLength(1);
    }
  });

  it('does not bring a withdrawn finding back while a finding recorded since holds its title — in turn, or racing the recording (breaker11l P1)', async () => {
    const withdraw = (findingId: string, key: string) =>
      app.graphql(`mutation($input: WithdrawFindingInput!) { withdrawFinding(input: $input) { id status } }`, { input: { idempotencyKey: key, findingId, reason: '评估单位来函撤回该问题', withdrawnOn: '2026-04-10' } });
    const undo = (findingId: string, key: string) =>
      app.graphql(`mutation($input: UndoFindingWithdrawalInput!) { undoFindingWithdrawal(input: $input) { id status } }`, { input: { idempotencyKey: key, findingId, reason: '撤销有误' } });
    const live = async (title: string) => {
      const answer = await app.graphql(`query($id: ID!) { evaluation(id: $id) { findings(first: 100) { nodes { title status } } } }`, { id: evaluationId });
      return (answer.data!.evaluation.findings.nodes as { title: string; status: string }[]).filter((finding) => finding.title === title && finding.status !== 'WITHDRAWN').length;
    };
    // In turn: withdrawn, recorded again (the title is given back), then the undo is refused naming the copy.
    const title = '政务服务“好差评”结果未公开';
    const first = (await recordFinding(title, 'again-1')).data!.recordFinding.id as string;
    expect((await withdraw(first, 'again-withdraw')).errors).toBeUndefined();
    const copy = await recordFinding(title, 'again-2');
    expect(copy.errors).toBeUndefined();
    const refused = await undo(first, 'again-undo');
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/^该评估已另行登记同名问题「政务服务“好差评”结果未公开」：本问题.*回到台账将使同一问题有两条在办记录/u);
    expect(await live(title)).toBe(1);
    // With the copy withdrawn, the undo is taken.
    expect((await withdraw(copy.data!.recordFinding.id as string, 'again-withdraw-copy')).errors).toBeUndefined();
    expect((await undo(first, 'again-undo-2')).errors).toBeUndefined();
    expect(await live(title)).toBe(1);
    // Racing: the undo and a new recording of the title sent at once — one of them only.
    for (const [index, raced] of ['政务公开工作年度考核结果未公布', '重点领域信息公开专栏更新不及时'].entries()) {
      const id = (await recordFinding(raced, `race-again-${index}`)).data!.recordFinding.id as string;
      expect((await withdraw(id, `race-withdraw-${index}`)).errors).toBeUndefined();
      const answers = await Promise.all([undo(id, `race-undo-${index}`), recordFinding(raced, `race-record-${index}`)]);
      expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
      expect(errorCode(answers.find((answer) => answer.errors)!)).toBe('CONFLICT');
      expect(await live(raced)).toBe(1);
    }
  });

  it('asks before bringing a withdrawn finding back beside a near copy recorded since, and takes the undo once told it is another problem (breaker11m P3)', async () => {
    const title = '行政许可事项办理结果未在门户网站集中公示';
    const undo = (findingId: string, key: string, distinctFrom?: string[]) =>
      app.graphql(`mutation($input: UndoFindingWithdrawalInput!) { undoFindingWithdrawal(input: $input) { id status } }`, {
        input: { idempotencyKey: key, findingId, reason: '撤销有误', ...(distinctFrom ? { distinctFrom } : {}) },
      });
    const first = (await recordFinding(title, 'near-first')).data!.recordFinding.id as string;
    const withdrawn = await app.graphql(`mutation($input: WithdrawFindingInput!) { withdrawFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'near-withdraw', findingId: first, reason: '评估单位来函撤回该问题', withdrawnOn: '2026-04-10' },
    });
    expect(withdrawn.errors).toBeUndefined();
    // Recorded while the first is withdrawn: no question then (the first counts nowhere).
    const copy = await recordFinding(`《${title}》`, 'near-copy');
    expect(copy.errors).toBeUndefined();
    const copyId = copy.data!.recordFinding.id as string;
    const refused = await undo(first, 'near-undo');
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions).toMatchObject({ field: 'title', findingId: copyId, heldBy: copyId, nearTitle: `《${title}》` });
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/^该评估已另行登记问题「《行政许可事项办理结果未在门户网站集中公示》」，与本问题「行政许可事项办理结果未在门户网站集中公示」只差 2 个字：是否同一问题？/u);
    const confirmed = await undo(first, 'near-undo-confirmed', [copyId]);
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.undoFindingWithdrawal.status).not.toBe('WITHDRAWN');
  });

  it('does not ask again about a near copy recorded while the finding was live: that question was answered then (breaker11n P5)', async () => {
    const title = '重大行政决策目录未按时向社会公布';
    const first = (await recordFinding(title, 'asked-first')).data!.recordFinding.id as string;
    const confirmedAtRecording = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'asked-copy', evaluationId, title: `${title}（市级）`, description: '市级目录', category: '主动公开', severity: 'MEDIUM', identifiedOn: '2026-03-20', distinctFrom: [first] },
    });
    expect(confirmedAtRecording.errors).toBeUndefined();
    const withdrawn = await app.graphql(`mutation($input: WithdrawFindingInput!) { withdrawFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'asked-withdraw', findingId: first, reason: '评估单位来函撤回该问题', withdrawnOn: '2026-04-10' },
    });
    expect(withdrawn.errors).toBeUndefined();
    const undone = await app.graphql(`mutation($input: UndoFindingWithdrawalInput!) { undoFindingWithdrawal(input: $input) { id status } }`, {
      input: { idempotencyKey: 'asked-undo', findingId: first, reason: '撤销有误' },
    });
    expect(undone.errors).toBeUndefined();
    expect(undone.data!.undoFindingWithdrawal.status).not.toBe('WITHDRAWN');
  });

  it('records each of many different titles sent at once: the claim refuses only the same problem', async () => {
    const titles = ['政务服务事项目录更新滞后', '重大决策预公开意见征集缺失', '政策解读材料与文件不同步', '依申请公开答复超过法定期限', '财政预决算信息公开不完整'];
    const answers = await Promise.all(titles.map((title, index) => recordFinding(title, `many-${index}`)));
    expect(answers.map((answer) => answer.errors)).toEqual(titles.map(() => undefined));
    expect((await findingTitles()).filter((title) => titles.includes(title)).sort()).toEqual([...titles].sort());
  });

  it('asks 是否同一问题 of one of two titles a character apart sent at once: the near check holds under a race (breaker9x P2)', async () => {
    // breaker9x P2: 7 of 8 such pairs were both recorded, each judged on read models without the other.
    for (let pair = 1; pair <= 8; pair += 1) {
      const titles = [`单进程并发测试标题第${pair}条`, `单进程甲发测试标题第${pair}条`];
      const answers = await Promise.all(titles.map((title, index) => recordFinding(title, `near-race-${pair}-${index}`)));
      const recorded = answers.filter((answer) => !answer.errors);
      expect(recorded).toHaveLength(1);
      const refused = answers.find((answer) => answer.errors)!;
      expect(errorCode(refused)).toBe('CONFLICT');
      expect(refused.errors![0]!.extensions).toMatchObject({ field: 'title', findingId: recorded[0]!.data!.recordFinding.id, nearTitle: recorded[0]!.data!.recordFinding.title });
      expect(refused.errors![0]!.extensions!.messageZh).toMatch(/是否同一问题/u);
      expect((await findingTitles()).filter((title) => titles.includes(title))).toHaveLength(1);
    }
  });

  it('records a problem once when a findings file and 登记问题 send it at once, whichever path wins', async () => {
    const title = '主动公开基本目录编制不完整';
    const csv = `\uFEFF问题,具体表现,类别,严重程度\n${title},目录缺少12类事项,主动公开,一般\n`;
    const importFile = (key: string) =>
      app.graphql(`mutation($input: ImportFindingsInput!) { importFindings(input: $input) { recordedCount } }`, {
        input: { idempotencyKey: key, evaluationId, fileName: 'list.csv', contentBase64: Buffer.from(csv).toString('base64'), identifiedOn: '2026-03-20' },
      });
    const answers = await Promise.all([importFile('file-1'), recordFinding(title, 'form-1'), importFile('file-2'), recordFinding(title, 'form-2')]);
    for (const answer of answers.filter((answer) => answer.errors)) expect(errorCode(answer)).toBe('CONFLICT');
    expect((await findingTitles()).filter((recordedTitle) => recordedTitle === title)).toHaveLength(1);
  });

  it('keeps taking writes after two identical imports race under different keys (the second found its events stored: a retry, not a shorter log)', async () => {
    const csv = '\uFEFF问题,具体表现,类别,严重程度\n政府网站留言办理答复不及时,留言平均答复超过15个工作日,互动交流,一般\n';
    const importFile = (key: string) =>
      app.graphql(`mutation($input: ImportFindingsInput!) { importFindings(input: $input) { recordedCount } }`, {
        input: { idempotencyKey: key, evaluationId, fileName: 'messages.csv', contentBase64: Buffer.from(csv).toString('base64'), identifiedOn: '2026-03-20' },
      });
    const answers = await Promise.all([importFile('same-file-1'), importFile('same-file-2')]);
    expect(answers.map((answer) => answer.errors?.[0]?.extensions?.code ?? null)).not.toContain('STORE_UNAVAILABLE');
    expect((await recordFinding('政府网站搜索功能无法使用', 'after-two-imports')).errors).toBeUndefined();
  });

  it('a withdrawn finding gives its title back: the problem can be recorded again, once', async () => {
    const title = '政务新媒体账号长期未更新维护';
    const first = await recordFinding(title, 'withdrawn-first');
    expect(first.errors).toBeUndefined();
    const withdrawn = await app.graphql(`mutation($input: WithdrawFindingInput!) { withdrawFinding(input: $input) { id status } }`, {
      input: { idempotencyKey: 'withdraw-first', findingId: first.data!.recordFinding.id, reason: '登记有误，重新登记' },
    });
    expect(withdrawn.errors).toBeUndefined();
    const answers = await Promise.all(Array.from({ length: 5 }, (_, index) => recordFinding(title, `again-${index}`)));
    expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
    expect(answers.filter((answer) => answer.errors).map(errorCode)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
  });

  describe('every other "only once" rule', () => {
    let admin: Record<string, string>;
    beforeAll(async () => {
      admin = await app.as('ADMIN');
    });
    const registerUnit = (code: string, name: string) =>
      app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, admin);

    it('registers a unit name once when units with other codes send it at once (a unit name is unique)', async () => {
      const answers = await Promise.all(['SJA', 'SJB', 'SJC', 'SJD', 'SJE', 'SJF'].map((code) => registerUnit(code, '青川市审计局')));
      expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
      expect(answers.filter((answer) => answer.errors).map((answer) => ({ code: errorCode(answer), field: answer.errors![0]!.extensions!.field }))).toEqual(
        Array.from({ length: 5 }, () => ({ code: 'CONFLICT', field: 'name' })),
      );
      const units = (await app.graphql(`{ units { name } }`, {}, admin)).data!.units as { name: string }[];
      expect(units.filter((unit) => unit.name === '青川市审计局')).toHaveLength(1);
    });

    it('asks 是否同一单位 of one of two near names registered at once (breaker9x P2: 6 of 6 pairs both registered)', async () => {
      const pairs = [
        ['DAJ', '青川市档案局', 'DAJ2', '市档案局'],
        ['QXJ', '青川市气象局', 'QXJ2', '市气象局'],
        ['DZJ', '青川市地震局', 'DZJ2', '市地震局'],
        ['YCJ', '青川市烟草专卖局', 'YCJ2', '市烟草专卖局'],
      ];
      for (const [code, name, otherCode, otherName] of pairs) {
        const answers = await Promise.all([registerUnit(code!, name!), registerUnit(otherCode!, otherName!)]);
        expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
        const refused = answers.find((answer) => answer.errors)!;
        expect(errorCode(refused)).toBe('CONFLICT');
        expect(refused.errors![0]!.extensions).toMatchObject({ field: 'name' });
        expect(refused.errors![0]!.extensions!.nearUnitIds).toHaveLength(1);
        const units = (await app.graphql(`{ units { name } }`, {}, admin)).data!.units as { name: string }[];
        expect(units.filter((unit) => unit.name === name || unit.name === otherName)).toHaveLength(1);
      }
    });

    it('gives a name to one of two units renamed to it at once', async () => {
      const [one, two] = await Promise.all([registerUnit('TJA', '青川市统计局'), registerUnit('LYA', '青川市林业局')]);
      const rename = (unitId: string, key: string) =>
        app.graphql(`mutation($input: RenameUnitInput!) { renameUnit(input: $input) { name } }`, { input: { idempotencyKey: key, unitId, name: '青川市统计和林业局', reason: '机构改革' } }, admin);
      const answers = await Promise.all([rename(one!.data!.registerUnit.id, 'rename-one'), rename(two!.data!.registerUnit.id, 'rename-two')]);
      expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
      expect(answers.filter((answer) => answer.errors).map(errorCode)).toEqual(['CONFLICT']);
    });

    it('gives a login name to one of many accounts registered with it at once', async () => {
      const register = (index: number) =>
        app.graphql(`mutation($input: RegisterUserInput!) { registerUser(input: $input) { user { id } } }`, {
          input: { idempotencyKey: `user-${index}`, name: `督查员${index}`, role: 'INSPECTOR', loginName: 'duchayuan', initialPassword: 'Chushi#2026' },
        }, admin);
      const answers = await Promise.all(Array.from({ length: 6 }, (_, index) => register(index)));
      expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
      expect(answers.filter((answer) => answer.errors).map((answer) => ({ code: errorCode(answer), field: answer.errors![0]!.extensions!.field }))).toEqual(
        Array.from({ length: 5 }, () => ({ code: 'CONFLICT', field: 'loginName' })),
      );
    });

    it('imports a work plan once when two files name it at once, its title written otherwise (full-width digits)', async () => {
      expect((await registerUnit('ZFB', '青川市人民政府办公室')).errors).toBeUndefined();
      const file = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,1,推进决策公开,,青川市人民政府办公室,,2026-06-30\n';
      const importPlan = (key: string, title: string) =>
        app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
          input: { idempotencyKey: key, fileName: `${key}.csv`, contentBase64: Buffer.from(file).toString('base64'), title, year: 2026 },
        }, admin);
      const answers = await Promise.all([importPlan('plan-a', '青川市2026年政务公开工作要点'), importPlan('plan-b', '青川市２０２６年政务公开工作要点')]);
      for (const answer of answers.filter((answer) => answer.errors)) expect(errorCode(answer)).toBe('CONFLICT');
      const plans = (await app.graphql(`{ workPlans { title } }`, {}, admin)).data!.workPlans as { title: string }[];
      expect(plans).toHaveLength(1);
    });
  });
});
