/*
 * How a field inside one item of a list input is named — one vocabulary for the API's refusals and the web app's forms
 * (web4 fault 1: the server refused 「“佐证材料第 1 项的材料名称”…」 while the form labelled that field 材料1名称, and the
 * clerk could not find it). The item by its noun and number, then the field as the form labels it: 材料1名称, 材料2链接,
 * 成员1职务, 承担单位1的整改时限. The API's input checks (chinese-errors.ts), the deciders' own refusals of an item
 * (assignment.decider.ts, rectification-team.decider.ts) and the forms (web/src/components/EvidenceEditor.vue) all name
 * items here. Pure and import-free: the web app bundles it as it is.
 */

/** One list input's items: what an item is called, and each of its fields after the item's number. */
interface ListItems {
  /** What one item is called, numbered after it: 材料 → 材料1. */
  readonly noun: string;
  /** Each field's name after the item's number (材料1 + 名称); '' where the field is the item itself (承担单位1 for its unitId). */
  readonly fields: Readonly<Record<string, string>>;
}

/** The list inputs of the API, by the list field's name (the same in every input that has it). */
const LIST_ITEMS: Readonly<Record<string, ListItems>> = {
  // A report's evidence (报告整改完成 / 报送阶段进展): the form's rows 材料1名称, 材料1链接, 材料1文号.
  evidence: { noun: '材料', fields: { title: '名称', link: '链接', documentRef: '文号' } },
  // A 交办's units (assignFinding, recordFinding's assignment, a plan item's units).
  units: { noun: '承担单位', fields: { unitId: '', role: '的承担方式（牵头或责任）', dueDate: '的整改时限' } },
  // A rectification team's members.
  members: { noun: '成员', fields: { name: '姓名', title: '职务' } },
  // A circular's references (所涉问题或工作事项).
  references: { noun: '所涉问题或工作事项', fields: { kind: '的类型', id: '' } },
  // The ledger head statements handed back to be checked.
  seen: { noun: '声明', fields: { body: '内容', publicKey: '公钥', signature: '签名' } },
};

/** Whether `list` is a list input whose items this vocabulary names. */
export const isNamedList = (list: string): boolean => Object.hasOwn(LIST_ITEMS, list);

/**
 * The name of item `index` (0-based, as the API's paths count) of list input `list`, or of its field `field`: 材料1, 材料1名称,
 * 承担单位2的整改时限. A field the vocabulary does not list is joined by 的 to `fieldLabel` (its own label), or said as
 * 其中一项 (a field the input does not have). Null for a list the vocabulary does not know.
 */
export function listItemLabelZh(list: string, index: number, field?: string, fieldLabel?: string | null): string | null {
  const items = Object.hasOwn(LIST_ITEMS, list) ? LIST_ITEMS[list]! : undefined;
  if (!items) return null;
  const item = `${items.noun}${index + 1}`;
  if (field === undefined) return item;
  const own = Object.hasOwn(items.fields, field) ? items.fields[field] : undefined;
  return `${item}${own ?? `的${fieldLabel ?? '其中一项'}`}`;
}

/**
 * A field's path as the API reports it (`evidence.0.title`, `units.1.dueDate`, `references.0`) in the office's words, when it
 * is inside an item of a named list: 材料1名称, 承担单位2的整改时限, 所涉问题或工作事项1. Null for any other path.
 */
export function listPathLabelZh(path: string): string | null {
  const match = /^(?:.*\.)?([A-Za-z]+)\.(\d+)(?:\.([A-Za-z]+))?$/.exec(path);
  if (!match) return null;
  return listItemLabelZh(match[1]!, Number(match[2]), match[3]);
}
