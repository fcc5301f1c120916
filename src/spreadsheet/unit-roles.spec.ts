import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';
import { unitRolesInCell } from './cells.js';

/*
 * A one-column 责任单位 that says who leads, as 台账 often write it (breaker10c P6):
 * `牵头单位：青川市财政局；配合单位：青川市教育局` or `青川市民政局（牵头），青川市教育局`. The labels
 * are roles, never part of a unit's name.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
]);

describe('role labels in a 责任单位 cell', () => {
  it.each([
    ['牵头单位：青川市财政局；配合单位：青川市教育局、青川市民政局', ['青川市财政局'], ['青川市教育局', '青川市民政局']],
    ['牵头：青川市财政局 配合：青川市教育局', ['青川市财政局'], ['青川市教育局']],
    ['青川市民政局（牵头），青川市教育局', ['青川市民政局'], ['青川市教育局']],
    ['青川市教育局、青川市民政局(牵头)', ['青川市民政局'], ['青川市教育局']],
    // newcomer25 S1: the role after the names, as published 任务分工 cells write it.
    ['青川市财政局牵头，青川市教育局配合', ['青川市财政局'], ['青川市教育局']],
    ['青川市财政局牵头，青川市教育局、青川市民政局配合', ['青川市财政局'], ['青川市教育局', '青川市民政局']],
    ['青川市民政局牵头、青川市财政局参与', ['青川市民政局'], ['青川市财政局']],
    ['青川市教育局协办；青川市财政局负责', ['青川市财政局'], ['青川市教育局']],
    ['青川市财政局牵头', ['青川市财政局'], []],
    // newcomer36 S20: after a unit that leads (牵头), 负责 names the units that carry it out.
    ['青川市财政局牵头，青川市教育局、青川市民政局负责', ['青川市财政局'], ['青川市教育局', '青川市民政局']],
    ['青川市财政局主责；青川市教育局负责', ['青川市财政局'], ['青川市教育局']],
    ['青川市财政局负责，青川市教育局配合', ['青川市财政局'], ['青川市教育局']],
  ])('reads %s as its lead and other units', (cell, lead, others) => {
    // A lead marked after its name says so (`leadMarked`: a mark after 「A与B」 makes both lead, breaker10o P3).
    expect(unitRolesInCell(cell)).toEqual({ lead, others: others.map((name) => name), ...(/[（(]牵头[）)]/u.test(cell) ? { leadMarked: true } : {}) });
  });

  it('reads a cell without labels as no roles: the file\'s order decides', () => {
    expect(unitRolesInCell('青川市财政局、青川市教育局')).toBeNull();
  });

  it('assigns a ledger\'s lead and responsible units from the labels', async () => {
    const csv =
      '序号,存在问题,整改措施,责任单位,整改时限\n' +
      '1,栏目更新不及时,加强更新,牵头单位：青川市财政局；配合单位：青川市教育局,2026-06-30\n' +
      '2,解读缺失,补充解读,青川市民政局（牵头），青川市教育局,2026-09-30\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-03-01' });
    expect(result.ok ? result.findings.map((finding) => finding.parts.map((part) => `${part.unit.unitId} ${part.role}`)) : result.problems).toEqual([
      ['unit-czj LEAD', 'unit-jyj RESPONSIBLE'],
      ['unit-mzj LEAD', 'unit-jyj RESPONSIBLE'],
    ]);
  });

  it('reads a 任务分工 column written 「A牵头，B配合」 as the plan\'s lead and responsible units (newcomer25 S1)', async () => {
    const csv = '序号,工作任务,任务分工,完成时间\n1,推进财政预决算公开,青川市财政局牵头，青川市教育局、青川市民政局配合,2026年12月31日（星期四）\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit });
    expect(result.ok ? result.plan.categories[0]!.items.map((item) => [item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId)]) : result.problems).toEqual([
      [['unit-czj'], ['unit-jyj', 'unit-mzj']],
    ]);
  });

  it('assigns a plan\'s lead from the labels when it has no 牵头单位 column', async () => {
    const csv = '编号,事项,责任单位,完成时限\n1,推进决策公开,配合单位：青川市教育局；牵头单位：青川市财政局,2026-06-30\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit });
    expect(result.ok ? result.plan.categories[0]!.items.map((item) => [item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId)]) : result.problems).toEqual([
      [['unit-czj'], ['unit-jyj']],
    ]);
  });
});
