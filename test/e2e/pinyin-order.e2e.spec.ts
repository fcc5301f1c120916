import { byPinyin } from '../../src/shared/chinese-order.js';
import { TestApp, startTestApp } from '../support/test-app.js';

/** Issue 11: lists of units come in pinyin order, as Chinese readers look a unit up. */
describe('Unit lists in pinyin order', () => {
  let app: TestApp;

  // Seeding the demo on a loaded machine takes longer than Jest's default 30 s.
  beforeAll(async () => {
    app = await startTestApp({ demoData: true });
  }, 180_000);

  afterAll(async () => {
    await app.close();
  });

  it('lists the units by name in pinyin order', async () => {
    const names = ((await app.graphql(`{ units { name } }`)).data!.units as { name: string }[]).map((unit) => unit.name);
    expect(names.length).toBeGreaterThan(5);
    expect(names).toEqual([...names].sort(byPinyin));
    expect(names).not.toEqual([...names].sort());
  });

  it('breaks ties in the scorecard and the per-unit dashboard by pinyin', async () => {
    const scorecard = (await app.graphql(`{ unitScorecard { rank unitName onTimeRate overdue returned meanDaysToRemediate } }`)).data!.unitScorecard as {
      unitName: string;
      onTimeRate: number | null;
      overdue: number;
      returned: number;
      meanDaysToRemediate: number | null;
    }[];
    for (let i = 1; i < scorecard.length; i++) {
      const [a, b] = [scorecard[i - 1]!, scorecard[i]!];
      const tied = a.onTimeRate === b.onTimeRate && a.overdue === b.overdue && a.returned === b.returned && a.meanDaysToRemediate === b.meanDaysToRemediate;
      if (tied) expect(byPinyin(a.unitName, b.unitName)).toBeLessThanOrEqual(0);
    }
    const perUnit = (await app.graphql(`{ dashboard { perUnit { unitName overdue } } }`)).data!.dashboard.perUnit as { unitName: string; overdue: number }[];
    for (let i = 1; i < perUnit.length; i++) {
      const [a, b] = [perUnit[i - 1]!, perUnit[i]!];
      if (a.overdue === b.overdue) expect(byPinyin(a.unitName, b.unitName)).toBeLessThanOrEqual(0);
    }
  });

  it('answers the scorecard as of the latest event: a unit renamed since the last look carries its new name', async () => {
    type Score = { unitId: string; unitName: string };
    const scorecard = async () => (await app.graphql(`{ unitScorecard { unitId unitName } }`)).data!.unitScorecard as Score[];
    const before = await scorecard();
    const unit = before.at(-1)!;
    const renamed = await app.graphql(`mutation($input: RenameUnitInput!) { renameUnit(input: $input) { name } }`, {
      input: { idempotencyKey: 'rename-for-scorecard', unitId: unit.unitId, name: `${unit.unitName}（更名）`, reason: '机构改革' },
    }, await app.as('ADMIN'));
    expect(renamed.errors).toBeUndefined();
    const after = await scorecard();
    expect(after.find((score) => score.unitId === unit.unitId)!.unitName).toBe(`${unit.unitName}（更名）`);
    expect(after.map((score) => score.unitId).sort()).toEqual(before.map((score) => score.unitId).sort());
  });
});
