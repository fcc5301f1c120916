import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * Issue 10 leftover (stop 38, session 35 import10e): a lead written per level — the 牵头单位 heading over 市级 | 区县 sub-headers, or
 * 「市级：市政府办；区县：各区县政府」 in one cell — was refused 「表头中“牵头单位”列出现了两次」 / as units named 「市级：市政府办」. It is
 * the lead at each level: every level's units lead (联合牵头, each its own level's work), told in a notice.
 */
const directory = unitLookupFrom([
  { id: 'GOV', code: 'LZGOV', name: '澜州市人民政府办公室', kind: 'OTHER' },
  { id: 'CZJ', code: 'CZJ', name: '澜州市财政局', kind: 'DEPARTMENT' },
  { id: 'JYJ', code: 'JYJ', name: '澜州市教育局', kind: 'DEPARTMENT' },
  { id: 'BTQ', code: 'BTQ', name: '澜州市北塘区人民政府', kind: 'COUNTY_OR_DISTRICT' },
  { id: 'NPQ', code: 'NPQ', name: '澜州市南浦区人民政府', kind: 'COUNTY_OR_DISTRICT' },
]);

async function workbook(h1: string[], h2: string[], merges: string[], rows: string[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('任务');
  sheet.addRow(['澜州市2026年分级牵头测试方案']);
  sheet.addRow(h1);
  sheet.addRow(h2);
  for (const range of merges) sheet.mergeCells(range);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

type Read = { items: { lead: string[]; others: string[] }[]; notices: string[] } | { problems: string[] };
const plan = async (content: Uint8Array | string, format: 'xlsx' | 'csv'): Promise<Read> => {
  const result = await importWorkPlan(content, { format, title: '分级牵头', year: 2026, lookupUnit: directory });
  if (!result.ok) return { problems: result.problems.map((problem) => problem.reasonZh) };
  return {
    items: result.plan.categories.flatMap((category) => category.items.map((item) => ({ lead: item.leadUnits.map((unit) => unit.unitId).sort(), others: item.responsibleUnits.map((unit) => unit.unitId).sort() }))),
    notices: (result.notices ?? []).map((notice) => notice.reasonZh),
  };
};

describe('a lead written per level (市级 | 区县)', () => {
  describe('given 牵头单位 merged over the sub-headers 市级 | 区县', () => {
    const file = () =>
      workbook(['序号', '工作任务', '牵头单位', '', '配合单位', '完成时限'], ['', '', '市级', '区县', '', ''], ['A2:A3', 'B2:B3', 'C2:D2', 'E2:E3', 'F2:F3'], [
        ['1', '任务甲', '澜州市人民政府办公室', '各区县政府', '澜州市财政局', '2026年6月底前'],
        ['2', '任务乙', '澜州市财政局', '', '澜州市教育局', '2026年9月底前'],
        ['3', '任务丙', '', '澜州市北塘区人民政府', '澜州市教育局', '2026年9月底前'],
      ]);

    it('when imported, then each level\'s units lead the item (a level left blank adds none), told once — never 「出现了两次」', async () => {
      const read = await plan(await file(), 'xlsx');
      expect(read).toEqual({
        items: [
          { lead: ['BTQ', 'GOV', 'NPQ'], others: ['CZJ'] },
          { lead: ['CZJ'], others: ['JYJ'] },
          { lead: ['BTQ'], others: ['JYJ'] },
        ],
        notices: expect.arrayContaining(['表头“牵头单位”下分“市级”、“区县”2栏：各栏的单位都按“牵头单位”读取，各自负责本级的工作。']),
      });
      expect((read as { notices: string[] }).notices.join('')).not.toMatch(/出现了两次/u);
    });

    it('and a 牵头单位 typed twice in a one-row header is still refused (no level says why there are two)', async () => {
      const csv = '序号,工作任务,牵头单位,牵头单位,完成时限\n1,任务甲,澜州市人民政府办公室,澜州市财政局,2026年6月底前\n';
      expect(await plan(csv, 'csv')).toEqual({ problems: ['表头中“牵头单位”列出现了两次。'] });
    });
  });

  describe('given one 牵头单位 cell labelled by level', () => {
    const csv = (lead: string, others = '澜州市教育局') => `序号,工作任务,牵头单位,配合单位,完成时限\n1,任务甲,"${lead}","${others}",2026年6月底前\n`;

    it.each([
      ['市级：澜州市人民政府办公室；区县：各区县政府'],
      ['市级:澜州市人民政府办公室\n区县:各区县政府'],
      ['市级：澜州市人民政府办公室，县级：各区县政府'],
    ])('%s: when imported, then every level\'s units lead, told', async (lead) => {
      expect(await plan(csv(lead), 'csv')).toEqual({
        items: [{ lead: ['BTQ', 'GOV', 'NPQ'], others: ['JYJ'] }],
        notices: expect.arrayContaining([`牵头单位“${lead}”按层级写明：各层级所写的单位都是牵头单位，各自牵头本级的工作。`]),
      });
    });

    it('a 配合单位 cell labelled by level names its units, each level\'s taking part', async () => {
      expect(await plan(csv('澜州市财政局', '市直部门：澜州市教育局；区县：澜州市南浦区人民政府'), 'csv')).toMatchObject({ items: [{ lead: ['CZJ'], others: ['JYJ', 'NPQ'] }] });
    });

    it('in a one-column 责任单位 the first unit named still leads, the level labels aside', async () => {
      const oneColumn = '序号,工作任务,责任单位,完成时限\n1,任务甲,"市级：澜州市财政局、澜州市教育局；区县：各区县政府",2026年6月底前\n';
      expect(await plan(oneColumn, 'csv')).toMatchObject({ items: [{ lead: ['CZJ'], others: ['BTQ', 'JYJ', 'NPQ'] }] });
    });

    it('in a one-column 责任单位 a level before a role label (市级牵头单位：) is the role label', async () => {
      const oneColumn = '序号,工作任务,责任单位,完成时限\n1,任务甲,"市级牵头单位：澜州市教育局；市级配合单位：澜州市财政局",2026年6月底前\n';
      expect(await plan(oneColumn, 'csv')).toMatchObject({ items: [{ lead: ['JYJ'], others: ['CZJ'] }] });
    });

    it('in a 台账 the lead cell by level gives each level\'s lead a LEAD part', async () => {
      const ledger = await importFindings('序号,问题,具体表现,牵头单位,配合单位,整改时限\n1,门户网站存在错链,3处链接失效,"市级：澜州市财政局；区县：澜州市北塘区人民政府",澜州市教育局,2026年12月31日\n', {
        format: 'csv',
        lookupUnit: directory,
        today: '2026-12-02',
        year: 2026,
      });
      expect(ledger.ok && ledger.findings[0]!.parts.map((part) => `${part.unit.unitId}:${part.role}`).sort()).toEqual(['BTQ:LEAD', 'CZJ:LEAD', 'JYJ:RESPONSIBLE']);
    });
  });
});
