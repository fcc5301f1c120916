import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * Issue 10 leftover (stop 38, session 35 import10e): 「（原）」 after a unit's name — 「市经信委（原）」, 「青川市经济和信息化委员会（原）」 — is the
 * office saying "the unit formerly named so" (机构改革). It was read by nearness only, told 「…不是单位名录中的名称，已按名称相近的…处理」
 * — or, once the unit was renamed, as the old name with nothing said. Now it reads as the unit the name belonged to, told which and why:
 * renamed since (its current name), merged into another (the successor), or still so named in the directory; a name no unit ever had
 * is refused saying what the mark means and how to go on. 「原市经信委」 (原 before the name) reads the same way.
 */
const directory = unitLookupFrom([
  { id: 'GXJ', code: 'GXJ', name: '青川市工业和信息化局', formerNames: ['青川市经济和信息化委员会'] },
  { id: 'CZJ', code: 'CZJ', name: '青川市财政局' },
  { id: 'GSJ', code: 'GSJ', name: '青川市工商行政管理局', mergedIntoUnitId: 'SCJ', mergedOn: '2026-01-10' },
  { id: 'SCJ', code: 'SCJ', name: '青川市市场监督管理局' },
]);

const planOf = async (lead: string) => {
  const csv = `序号,工作任务,牵头单位,配合单位,完成时限\n1,任务甲,"${lead}",青川市财政局,2026年12月底前\n`;
  const result = await importWorkPlan(csv, { format: 'csv', title: '原单位', year: 2026, lookupUnit: directory });
  if (!result.ok) return { problems: result.problems.map((problem) => problem.reasonZh) };
  return { lead: result.plan.categories[0]!.items[0]!.leadUnits.map((unit) => unit.unitId), notices: (result.notices ?? []).map((notice) => notice.reasonZh).filter((text) => !text.startsWith('文件没有')) };
};

describe('a unit named by its former name, marked （原）', () => {
  describe('given a unit renamed from 青川市经济和信息化委员会 to 青川市工业和信息化局', () => {
    it.each(['青川市经济和信息化委员会（原）', '市经信委（原）', '市经信委(原)', '市经信委【原】', '市经信委（原名）', '原市经信委', '原青川市经济和信息化委员会'])(
      'when a plan names %s, then it is that unit, told it is its name before the rename — never a near reading',
      async (written) => {
        expect(await planOf(written)).toEqual({ lead: ['GXJ'], notices: [`“${written}”标注为原名称：是“青川市工业和信息化局”更名前的名称，已按该单位读取。`] });
      },
    );
  });

  describe('given 青川市卫生和计划生育委员会 renamed 青川市卫生健康委员会 on 2026-11-01 (newcomer51-10 M7)', () => {
    const renamed = [
      { id: 'WJW', code: 'WJW', name: '青川市卫生健康委员会', formerNames: ['青川市卫生和计划生育委员会'], names: [{ name: '青川市卫生和计划生育委员会', from: '2026-01-05' }, { name: '青川市卫生健康委员会', from: '2026-11-01' }] },
      { id: 'CZJ', code: 'CZJ', name: '青川市财政局' },
    ];
    const plan = async (assignedOn: string) => {
      const read = await importWorkPlan('序号,工作任务,牵头单位,配合单位,完成时限\n1,测试任务,青川市财政局,青川市卫生和计划生育委员会,2027年9月30日\n', { format: 'csv', title: '更名', year: 2027, lookupUnit: unitLookupFrom(renamed, assignedOn) });
      return read.ok ? { units: read.plan.categories[0]!.items[0]!.responsibleUnits.map((unit) => unit.unitId), notices: (read.notices ?? []).map((notice) => notice.reasonZh).filter((text) => text.includes('更名')) } : read.problems;
    };
    it('when a plan assigned after the rename names the old full name, then it is that unit, told the name is outdated — as a merged unit’s name is', async () => {
      expect(await plan('2026-12-07')).toEqual({ units: ['WJW'], notices: ['“青川市卫生和计划生育委员会”是青川市卫生健康委员会 2026-11-01 更名前的名称，已按该单位读取。'] });
    });
    it('when a plan assigned before the rename names it, then nothing is said (it was the name then)', async () => {
      expect(await plan('2026-02-25')).toEqual({ units: ['WJW'], notices: [] });
    });
  });

  describe('given a unit merged into another', () => {
    it('when a plan names 青川市工商行政管理局（原） (the day after the merge), then its successor, told', async () => {
      expect(await planOf('青川市工商行政管理局（原）')).toEqual({
        lead: ['SCJ'],
        notices: ['“青川市工商行政管理局（原）”标注为原名称：青川市工商行政管理局已于 2026-01-10 并入青川市市场监督管理局，已按青川市市场监督管理局读取，由其承担任务。'],
      });
    });
  });

  describe('given a unit the directory still calls so', () => {
    it('when a plan names 市财政局（原）, then that unit, told the directory knows no rename', async () => {
      const read = await importWorkPlan('序号,工作任务,牵头单位,完成时限\n1,任务甲,市财政局（原）,2026年12月底前\n', { format: 'csv', title: '原单位', year: 2026, lookupUnit: directory });
      expect(read.ok && read.plan.categories[0]!.items[0]!.leadUnits.map((unit) => unit.unitId)).toEqual(['CZJ']);
      expect(read.ok && read.notices?.map((notice) => notice.reasonZh)).toContain('“市财政局（原）”标注为原名称，但单位名录中该单位仍名为“青川市财政局”：已按该单位读取；如该单位已更名，请在单位名录中为其更名。');
    });
  });

  describe('given a former name no unit ever had', () => {
    it('when a plan names 市旅游局（原）, then it is refused saying what （原） means and how to go on', async () => {
      expect(await planOf('市旅游局（原）')).toEqual({
        problems: [
          '牵头单位：“市旅游局（原）”标注为原名称，但单位名录中没有现名或曾用名为“市旅游局”的单位。如该单位已更名，请先在单位名录中为其更名（原名称会保留为曾用名）后再导入；或直接写现名称。',
        ],
      });
    });

    it('and a name that merely starts with 原 (原平市人民政府 registered) is read as written', async () => {
      const withYuanping = unitLookupFrom([{ id: 'YPS', code: 'YPS', name: '原平市人民政府' }]);
      const result = await importWorkPlan('序号,工作任务,牵头单位,完成时限\n1,任务甲,原平市人民政府,2026年12月底前\n', { format: 'csv', title: '原单位', year: 2026, lookupUnit: withYuanping });
      expect(result.ok && result.plan.categories[0]!.items[0]!.leadUnits.map((unit) => unit.unitId)).toEqual(['YPS']);
    });
  });

  it('in a 台账 the same: 市经信委（原） is the renamed unit\'s part, told', async () => {
    const result = await importFindings('序号,问题,具体表现,责任单位,整改时限\n1,门户网站存在错链,3处链接失效,市经信委（原）,2026年12月31日\n', { format: 'csv', lookupUnit: directory, today: '2026-12-02', year: 2026 });
    expect(result.ok && result.findings[0]!.parts.map((part) => part.unit.unitId)).toEqual(['GXJ']);
    expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toContain('“市经信委（原）”标注为原名称：是“青川市工业和信息化局”更名前的名称，已按该单位读取。');
  });
});
