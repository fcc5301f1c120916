/*
 * newcomer18 S2 (s16 S4): an import's refusals and results are written once, for the web page and
 * the API, and their Chinese names the 导入 page's fields and buttons — 「请勾选“按新版本调整”…勾选后
 * “预览（不写入）”只显示差异」 — while the English names the tools' options. A person at the command
 * line is told the option instead.
 */

/**
 * Each field and button of the 导入 page (web/src/pages/Imports.vue) and the tools' option that
 * stands for it; null where the tools have none (the page's own choice of what to import, the file
 * itself, a deadline override only a supervisor gives on the page): those words are left as they are.
 * A spec holds this table to the page's labels, so a field added there is added here.
 */
export const OPTION_OF_PAGE_WORD: Readonly<Record<string, string | null>> = {
  导入内容: null,
  所属评估: '--evaluation',
  问题认定日期: '--identified-on',
  整改任务交办日期: '--assigned-on',
  超出整改期限的特批理由: null,
  方案标题: '--title',
  年度: '--year',
  // The tools take a plan's last year as the second year of --year (2026-2028).
  截止年度: '--year',
  方案批准日期: '--approved-on',
  事项交办日期: '--assigned-on',
  按新版本调整: '--revise',
  // A version undoing a later revision, confirmed (newcomer48-10 S1).
  确认撤销后来的调整: '--undo-later-revision',
  // A version withdrawing the items it leaves out, confirmed (newcomer49-10 S4).
  确认撤销文件中没有的事项: '--withdraw-missing',
  // A new plan whose every item is another plan's, imported as a plan of its own on purpose (newcomer52-10 S3).
  作为另一份方案导入: '--separate-plan',
  // The tools import a version without it (the reason then names the file, as before).
  '调整依据（文件名称或文号）': null,
  超出方案期限的特批理由: null,
  登记日期: '--registered-on',
  按更名导入: '--rename',
  更名日期: '--renamed-on',
  // A registered unit's 类型 / 上级编码 taken from the file, from its day (breaker57-10 S1).
  按文件更新类型和上级: '--update-kind-and-parent',
  调整生效日期: '--kind-and-parent-changed-on',
  确认为不同单位的编码: '--distinct',
  '工作表（Excel 文件）': '--sheet',
  '文件（.xlsx、.csv、.yaml 或 .json）': null,
  '预览（不写入）': '--dry-run',
};

/**
 * The 导入 page's choices on a refused row (the table under 未通过检查的行) and the tools' option that gives the row's value:
 * 「在导入页面对“青川市教育体育局”勾选“按相近单位读取”」 → 「用 --near 青川市教育体育局 确认」 (newcomer25 S8). A spec holds
 * each word to the page.
 */
export const OPTION_OF_ROW_CHOICE: Readonly<Record<string, string>> = {
  按相近单位读取: '--near',
  // A finding's title a few characters from a recorded one's, confirmed another problem (newcomer45-10 M3).
  是另一个问题: '--distinct-title',
};

/** The page's checkboxes: 勾选 (tick) one is 加 (add) its option. */
const CHECKBOXES = new Set(['按新版本调整', '按更名导入', '按文件更新类型和上级', '确认撤销后来的调整', '确认撤销文件中没有的事项', '作为另一份方案导入']);

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Spaces around an option, except next to Chinese punctuation, which spaces itself. */
const tidy = (text: string) => text.replace(/ +(?=[，。；：、）”！？]|$)/gm, '').replace(/(?<=[（“，。；：、]|^) +/gm, '');

/**
 * `zh` as the import tools say it: a page word's phrase becomes its option — 勾选/选择“按新版本调整”
 * → 加 --revise; 在“方案标题”中填写 → 用 --title 给出; 在“所属评估”中选择 → 用 --evaluation 指定;
 * 填写“方案批准日期” → 用 --approved-on 给出方案批准日期; “预览（不写入）” → --dry-run 试导入; any
 * other “<page word>” → the option; 勾选后“预览（不写入）” after a checkbox → 先加 <its option> --dry-run
 * 试导入，; 勾选 left after a checkbox's option → 加上; 请督办人员在上方“<a field only the page has>”中填写理由后重新导入 →
 * 须由督办人员在导入页面填写“…”后导入（命令行工具不能代为特批）. Text naming no page word is returned as it is.
 */
export function inToolWords(zh: string): string {
  // 勾选后“预览（不写入）” after a checkbox was named: both options at once, said first (newcomer19 S5:
  // 「加上后 --dry-run 试导入只显示差异」 read oddly) — 「先加 --revise --dry-run 试导入，只显示差异」.
  for (const [word, option] of Object.entries(OPTION_OF_ROW_CHOICE)) {
    zh = zh.replace(new RegExp(`在导入页面对“([^”]+)”勾选“${escaped(word)}”`, 'g'), (_match, value: string) => `用 ${option} ${value} 确认`);
  }
  // A field only the page has (a deadline override only a supervisor gives there, newcomer38 P3): the page says 「在上方“…”中填写」 (the field stands above the refusals: newcomer51-10 M2),
  // the tools send their person to the page — 「须由督办人员在导入页面填写“…”后导入（命令行工具不能代为特批）」.
  for (const [word, option] of Object.entries(OPTION_OF_PAGE_WORD)) {
    if (option !== null) continue;
    zh = zh.replace(new RegExp(`请督办人员在[上下]方“${escaped(word)}”中填写理由后重新导入`, 'g'), `须由督办人员在导入页面填写“${word}”后导入（命令行工具不能代为特批）`);
    zh = zh.replace(new RegExp(`在[上下]方“${escaped(word)}”`, 'g'), `在导入页面的“${word}”`);
  }
  // 「（导入页面的“工作表（Excel 文件）”）」 of a field the tools have too: its option, not 「导入页面的 --sheet」 (newcomer51-10 M8).
  for (const [word, option] of Object.entries(OPTION_OF_PAGE_WORD)) {
    if (option !== null) zh = zh.replace(new RegExp(`导入页面的“${escaped(word)}”`, 'g'), `“${word}”`);
  }
  // 「在下方“方案标题”中填写」: the tools have no 上方 / 下方; the option follows.
  zh = zh.replace(/在[上下]方“/g, '在“');
  let text = zh.replace(/勾选后“预览（不写入）”/g, (match: string, offset: number) => {
    const named = [...CHECKBOXES].map((word) => ({ word, at: zh.lastIndexOf(`“${word}”`, offset) })).filter(({ at }) => at >= 0);
    const last = named.sort((a, b) => b.at - a.at)[0];
    return last ? `先加 ${OPTION_OF_PAGE_WORD[last.word]} --dry-run 试导入，` : match;
  });
  let ticked = false;
  for (const [word, option] of Object.entries(OPTION_OF_PAGE_WORD)) {
    if (option === null || !text.includes(`“${word}”`)) continue;
    ticked ||= CHECKBOXES.has(word);
    const quoted = `“${escaped(word)}”`;
    text = text
      .replace(new RegExp(`(?:勾选|选择)${quoted}`, 'g'), `加 ${option} `)
      .replace(new RegExp(`在${quoted}中填写`, 'g'), `用 ${option} 给出`)
      .replace(new RegExp(`在${quoted}中选择`, 'g'), `用 ${option} 指定`)
      .replace(new RegExp(`填写${quoted}`, 'g'), `用 ${option} 给出${word}`)
      .replace(new RegExp(quoted, 'g'), option === '--dry-run' ? ` ${option} 试导入` : ` ${option} `);
  }
  // 勾选后… said of a checkbox just named: the option given.
  return tidy(ticked ? text.replaceAll('勾选', '加上') : text);
}

/** Each API field an English refusal or summary names and the tools' option that gives it (newcomer53-10 M2). */
const OPTION_OF_FIELD: Readonly<Record<string, string>> = {
  approvedOn: '--approved-on',
  assignedOn: '--assigned-on',
  separatePlan: '--separate-plan',
  withdrawMissing: '--withdraw-missing',
  undoLaterRevision: '--undo-later-revision',
  dryRun: '--dry-run',
  nearNames: '--near',
  identifiedOn: '--identified-on',
  evaluationId: '--evaluation',
  registeredOn: '--registered-on',
  renamedOn: '--renamed-on',
  distinctCodes: '--distinct',
};
const FIELD_NAMES = new RegExp(`\\b(${Object.keys(OPTION_OF_FIELD).join('|')})\\b`, 'g');

/**
 * `en` as the import tools say it (newcomer53-10 M2: the Chinese line said --title, --revise, --separate-plan, the English line
 * 「give that title (title) and revise …; import it with separatePlan」 — the API's fields): an API field becomes its option
 * (`OPTION_OF_FIELD`), 「(title)」, 「(year, …)」 become --title, --year, and 「revise」 as a step --revise. Text naming none is returned as
 * it is.
 */
export function inToolWordsEn(en: string): string {
  return en
    .replace(/\brevise and (?:withdrawMissing|undoLaterRevision) \((--revise --[a-z-]+)\)/g, '$1')
    .replace(/\band revise \(a dry run shows what changes\)/g, 'and add --revise (--dry-run shows what changes)')
    .replace(/\((title|year)(?=[,)])/g, '(--$1')
    .replace(/\bleave revise off\b/g, 'leave --revise off')
    .replace(FIELD_NAMES, (field: string) => OPTION_OF_FIELD[field] ?? field);
}
