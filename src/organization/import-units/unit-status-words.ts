import { leadingRemarks, trailingRemarks } from '../../spreadsheet/row-remarks.js';

/*
 * What a 单位名录 says of a unit that is no longer there (breaker10l P6). Published directories keep units removed by a
 * reorganisation (机构改革) on their rows, marked in the name (青川市物价局（已撤销）, 【撤并】…) or in a 状态 / 备注 / 机构状态
 * column (已撤销, 已并入市发展和改革委员会, 整合至市市场监督管理局). The directory registers live units only, and a merge is an
 * event of its own (mergeUnit): such a row is refused naming the words, never registered as a live unit with 已撤销 in its name.
 */

/** What became of a unit: abolished (撤销, 注销, 不再保留), or merged into another (并入 X, 整合至 X). */
export type UnitEnd = 'ABOLISHED' | 'MERGED';

/** Words before the status: the unit itself, already, now. */
const OPENING = '^(?:该单位|本单位|此单位|该机构|机构)?(?:已经?|现已|均已|已于\\d{4}年(?:\\d{1,2}月)?)?';
const ABOLISHED = new RegExp(`${OPENING}(?:撤销|撤消|注销|裁撤|撤并|撤除|取消|废止|不再保留|停止运行|停用)(?:建制|机构|设置)?$`, 'u');
/** Merged, with the unit it went into after the word when given: 并入市发展和改革委员会, 整合至市市场监督管理局, 职能划入…. */
const MERGED = new RegExp(`${OPENING}(?:职能)?(?:并入|合并(?:至|到|入|为)|整合(?:至|到|入|为)|划入|归并(?:至|到|入)|划转(?:至|到)|撤并(?:至|到|入))(.{0,40})$|${OPENING}(?:被)?(?:合并|归并)()$`, 'u');

/** What a text says became of the unit — the meaning, the words, and the unit merged into when named — or null. */
export function unitEndOf(text: string): { readonly end: UnitEnd; readonly words: string; readonly into: string | null } | null {
  const plain = text.normalize('NFKC').replace(/\s+/gu, '');
  for (const clause of [plain, ...plain.split(/[，,。;；:：]+/u)]) {
    if (clause === '') continue;
    if (ABOLISHED.test(clause)) return { end: 'ABOLISHED', words: clause, into: null };
    const merged = MERGED.exec(clause);
    if (merged) return { end: 'MERGED', words: clause, into: merged[1] ? merged[1] : null };
  }
  return null;
}

/** The name without a bracketed status at either end (青川市物价局（已撤销） → 青川市物价局), and what the bracket says. */
export function nameEnd(name: string): { readonly end: UnitEnd; readonly words: string; readonly into: string | null } | null {
  for (const remark of [...trailingRemarks(name), ...leadingRemarks(name)]) {
    const said = unitEndOf(remark);
    if (said) return said;
  }
  return null;
}

/** Headers of a column that may say a unit is gone: 状态, 机构状态, 单位状态, 备注, 说明, 变更情况. */
export const UNIT_STATUS_HEADER = /状态|备注|说明|情况|变更|存续|备考|remark|status|note/iu;

/**
 * The problem of a units row whose name (`name`) or a status column (`others`: 状态, 备注 …) says the unit was abolished or merged,
 * or null. The import never registers it live; what to do is said in Chinese for the 导入 page and the tools.
 */
export function unitEndProblem(
  row: number,
  name: string,
  others: readonly { readonly label: string; readonly text: string }[],
): { readonly row: number; readonly reason: string; readonly reasonZh: string } | null {
  const inName = nameEnd(name);
  const found = inName
    ? { ...inName, where: { en: `The name "${name}"`, zh: `单位名称“${name}”` } }
    : others
        .filter(({ label }) => UNIT_STATUS_HEADER.test(label))
        .map(({ label, text }) => ({ said: unitEndOf(text), where: { en: `The column ${label} "${text}"`, zh: `“${label}”列“${text}”` } }))
        .filter(({ said }) => said !== null)
        .map(({ said, where }) => ({ ...said!, where }))[0];
  if (!found) return null;
  if (found.end === 'ABOLISHED') {
    return {
      row,
      reason: `${found.where.en} says the unit was abolished ("${found.words}"): the units directory registers units that exist. Leave the row out; if the unit is registered, an administrator merges it into the unit that took over its work (mergeUnit), which hands its open parts over.`,
      reasonZh: `${found.where.zh}注明该单位已撤销（“${found.words}”）：单位名录只登记现有单位，不登记已撤销的单位。请从文件中删去该行；如该单位已登记，请由管理员将其并入承接其工作的单位（机构改革：单位合并），其未完成的任务随之移交。`,
    };
  }
  const into = found.into === null ? '' : found.into;
  return {
    row,
    reason: `${found.where.en} says the unit was merged${into === '' ? '' : ` into ${into}`} ("${found.words}"): a units import registers no merge. Leave the row out${into === '' ? '' : ` and keep ${into}`}; if the unit is registered, an administrator merges it (mergeUnit), which hands its open parts over to the successor.`,
    reasonZh: `${found.where.zh}注明该单位已${into === '' ? '合并' : `并入${into}`}（“${found.words}”）：单位名录导入不登记单位合并。请从文件中删去该行${into === '' ? '' : `，保留承接单位“${into}”`}；如该单位已登记，请由管理员办理单位合并（机构改革），其未完成的任务随之移交承接单位。`,
  };
}
