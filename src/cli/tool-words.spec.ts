import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inToolWords, inToolWordsEn, OPTION_OF_PAGE_WORD, OPTION_OF_ROW_CHOICE } from './tool-words.js';

/*
 * newcomer18 S2 (s16 S4): plan:import's Chinese told a person at the command line to 勾选“按新版本调整”
 * and to look at “预览（不写入）” — the 导入 page's checkbox and button —, while its English named
 * --revise and --dry-run. The tools now name their options in Chinese too.
 */

describe('the import tools’ Chinese names their options, not the 导入 page’s fields', () => {
  it('knows every field and button of the 导入 page (a field added there is added to the table)', () => {
    const page = readFileSync(join(process.cwd(), 'web/src/pages/Imports.vue'), 'utf8');
    const labels = [...page.matchAll(/<el-form-item\b[^>]*?\slabel="([^"]+)"/g)].map((match) => match[1]!);
    const preview = /data-test="preview"[^>]*>([^<]+)</.exec(page)?.[1];
    expect(labels.length).toBeGreaterThan(10);
    expect(preview).toBe('预览（不写入）');
    expect(Object.keys(OPTION_OF_PAGE_WORD).sort()).toEqual([...new Set([...labels, preview!])].sort());
  });

  it('knows the page’s choices on a refused row that a tool option gives (newcomer25 S8: 按相近单位读取 is --near)', () => {
    const page = readFileSync(join(process.cwd(), 'web/src/pages/Imports.vue'), 'utf8');
    for (const word of Object.keys(OPTION_OF_ROW_CHOICE)) expect(page).toMatch(new RegExp(`<el-checkbox\\b[^>]*data-test="confirm-[a-z]+-row"[^>]*>${word}</el-checkbox>`));
  });

  it.each([
    [
      '如需按新版本调整，请勾选“按新版本调整”后重新导入，已有进度全部保留；勾选后“预览（不写入）”只显示差异，不写入。',
      '如需按新版本调整，请加 --revise 后重新导入，已有进度全部保留；先加 --revise --dry-run 试导入，只显示差异，不写入。',
    ],
    [
      '如是同一方案的新版本，请勾选“按新版本调整”：可先“预览（不写入）”查看差异，再导入，已有进度保留；如是另一方案，请另起标题或年份。',
      '如是同一方案的新版本，请加 --revise：可先 --dry-run 试导入查看差异，再导入，已有进度保留；如是另一方案，请另起标题或年份。',
    ],
    [
      '如果本文件是该方案的新版本，请在“方案标题”中填写“甲方案”并勾选“按新版本调整”；如果确是另一份方案，请在“方案标题”中填写其标题后导入。',
      '如果本文件是该方案的新版本，请用 --title 给出“甲方案”并加 --revise；如果确是另一份方案，请用 --title 给出其标题后导入。',
    ],
    ['如果这是一份新方案，请不要选择“按新版本调整”。', '如果这是一份新方案，请不要加 --revise。'],
    ['补录以往的方案，请按实际填写“方案批准日期”。', '补录以往的方案，请按实际用 --approved-on 给出方案批准日期。'],
    ['不是本次导入的评估“乙”：请在“所属评估”中选择该评估后导入。', '不是本次导入的评估“乙”：请用 --evaluation 指定该评估后导入。'],
    ['曾用名请通过单位更名登记（单位名录文件写新名称并勾选“按更名导入”）。', '曾用名请通过单位更名登记（单位名录文件写新名称并加 --rename）。'],
    ['如是该单位已更名为此名称，请把编码写为 JYJ 并勾选“按更名导入”；如确是另一个单位，请在“确认为不同单位的编码”中填写该行编码后重新导入。', '如是该单位已更名为此名称，请把编码写为 JYJ 并加 --rename；如确是另一个单位，请用 --distinct 给出该行编码后重新导入。'],
    ['如该单位已更名，请勾选“按更名导入”后重新导入。', '如该单位已更名，请加 --rename 后重新导入。'],
    ['如确是另一个单位，请在“确认为不同单位的编码”中填写该行编码后重新导入。', '如确是另一个单位，请用 --distinct 给出该行编码后重新导入。'],
    [
      '如确指该单位，请在导入页面对“青川市教育体育局”勾选“按相近单位读取”后重新导入；如是该单位更名后的名称，请先在单位名录中为其更名；如是另一个单位，请先在单位名录中登记后再导入。',
      '如确指该单位，请用 --near 青川市教育体育局 确认后重新导入；如是该单位更名后的名称，请先在单位名录中为其更名；如是另一个单位，请先在单位名录中登记后再导入。',
    ],
    // newcomer45-10 M3: a near-duplicate finding title is confirmed with --distinct-title, never only on the page.
    [
      '问题“门户网站存在死链”与已登记的问题“门户网站存在错链”只差 1 个字。如是同一问题，请在文件中改用已登记的名称；如确是另一个问题，请在导入页面对“门户网站存在死链”勾选“是另一个问题”后重新导入。',
      '问题“门户网站存在死链”与已登记的问题“门户网站存在错链”只差 1 个字。如是同一问题，请在文件中改用已登记的名称；如确是另一个问题，请用 --distinct-title 门户网站存在死链 确认后重新导入。',
    ],
    // newcomer38 P3: the page names its own field below the form; the tools send their person to the page, as they said before.
    [
      '完成时限 2027-03-31 晚于工作方案「甲」的期限（2026-12-31）；如确需延后，请督办人员在上方“超出方案期限的特批理由”中填写理由后重新导入。',
      '完成时限 2027-03-31 晚于工作方案「甲」的期限（2026-12-31）；如确需延后，须由督办人员在导入页面填写“超出方案期限的特批理由”后导入（命令行工具不能代为特批）。',
    ],
    [
      '整改时限 2028-06-30 晚于问题发现次年年底（2027-12-31）；如确需延后，请督办人员在上方“超出整改期限的特批理由”中填写理由后重新导入。',
      '整改时限 2028-06-30 晚于问题发现次年年底（2027-12-31）；如确需延后，须由督办人员在导入页面填写“超出整改期限的特批理由”后导入（命令行工具不能代为特批）。',
    ],
  ])('%s', (page, tool) => {
    expect(inToolWords(page)).toBe(tool);
  });

  it('leaves a text that names no page field as it is, and a field the tools have no option for (only the page takes it)', () => {
    const cliOnly = '完成时限晚于方案期限的事项须经督办人员特批（命令行工具不能代为特批）。';
    expect(inToolWords(cliOnly)).toBe(cliOnly);
    expect(inToolWords('已导入 units.csv：登记 15 个单位。')).toBe('已导入 units.csv：登记 15 个单位。');
    // Quoted words that only look like a field (a column's name in the file) are not options.
    expect(inToolWords('“交办日期”列是交办问题的日期')).toBe('“交办日期”列是交办问题的日期');
  });
});

/*
 * newcomer53-10 M2: the CLI's Chinese line named the options (--title, --revise, --separate-plan), its English line the API's fields —
 * 「give that title (title) and revise (a dry run shows what changes); … import it with separatePlan」.
 */
describe('the English of a refusal in the tools\' words (newcomer53-10 M2)', () => {
  it('names the options, not the API fields', () => {
    expect(
      inToolWordsEn(
        'If the file is a new version of it (its export, edited), or one 大项 sheet of it, give that title (title) and revise (a dry run shows what changes); if it really is another plan with the same items, import it with separatePlan.',
      ),
    ).toBe('If the file is a new version of it (its export, edited), or one 大项 sheet of it, give that title (--title) and add --revise (--dry-run shows what changes); if it really is another plan with the same items, import it with --separate-plan.');
    expect(inToolWordsEn('Give the plan\'s year (year, e.g. 2026) and import again.')).toBe('Give the plan\'s year (--year, e.g. 2026) and import again.');
    expect(inToolWordsEn('import it again with revise and withdrawMissing (--revise --withdraw-missing).')).toBe('import it again with --revise --withdraw-missing.');
    expect(inToolWordsEn('Line 3: the item is due before approvedOn.')).toBe('Line 3: the item is due before --approved-on.');
    expect(inToolWordsEn('Nothing to say of fields here.')).toBe('Nothing to say of fields here.');
  });
});
