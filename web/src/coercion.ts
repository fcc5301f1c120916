// Pure (no DOM; its one import is import-free): the Jest suite reads it too (test/e2e/web-form-refusals.e2e.spec.ts).
import { listPathLabelZh } from '../../src/shared/graphql/list-item-labels-zh.js';

/** What the API found wrong with a field's value before reading the input. */
export type CoercionFault = 'missing' | 'number' | 'choice' | 'empty' | 'format';

/**
 * A variable the API refused before reading it (graphql-js coercion): the form field it concerns (`field`, the input's path:
 * `outcome`, `evidence.0.title`), what was wrong (`fault`), the values allowed for a choice in the office's words as the
 * server lists them (`choices`: 通过、不通过; '' when not said), and the Chinese sentence for beside the field (`messageZh`),
 * naming the field by the label it was given — never graphql-js's English.
 */
export interface CoercionRefusal {
  readonly field: string;
  readonly fault: CoercionFault;
  readonly choices: string;
  readonly messageZh: string;
}

/**
 * The sentence for a coercion refusal of the field labelled `label` (the form's own label; null when not known: 此项):
 * 「“督查结果”的选择不在可选范围内（可选：通过、不通过），请重新选择。」, 「请填写“成员1姓名”。」, 「“年度”应填写数字。」 — the
 * field named and the choices listed as the server's refusal names and lists them (web5 task 2: it said only 请从可选项中选择。).
 */
export function coercionSentenceZh(fault: CoercionFault, label: string | null, choices = ''): string {
  const named = label ? `“${label}”` : '此项';
  if (fault === 'missing' || fault === 'empty') return label ? `请填写${named}。` : '此项为必填项，请填写。';
  if (fault === 'number') return `${named}应填写数字。`;
  if (fault === 'choice') return `${named}的选择不在可选范围内${choices ? `（可选：${choices}）` : ''}，请重新选择。`;
  return `${named}填写的内容格式不对，请检查。`;
}

/**
 * Reads graphql-js's own wording (`Variable "$input" got invalid value … at "input.a[0]"; Field "b" of required type "String!"
 * was not provided.`, stable across graphql 16) as the field it concerns; `messageZh`, the server's Chinese of the same refusal
 * (「变量“$input”中的“督查结果”取值不是可选的值之一（可选：通过、不通过）。」), gives the choices allowed and its label of the
 * field. The sentence names the field by `labelOf(field)` (the form's label), else as the forms number a list's item (材料1名称),
 * else by the server's label. Null for any other refusal.
 */
export function coercionRefusal(message: string, messageZh = '', labelOf: (field: string) => string | null = () => null): CoercionRefusal | null {
  const match = /^Variable "\$input" got invalid value .*?(?: at "input\.([^"]+)")?; (.*)$/s.exec(message);
  if (!match) return null;
  const at = (match[1] ?? '').replace(/\[(\d+)\]/g, '.$1');
  const reason = match[2]!;
  const missing = /^Field "([^"]+)" of required type "[^"]+" was not provided/.exec(reason);
  const field = missing ? (at ? `${at}.${missing[1]}` : missing[1]!) : at;
  if (!field) return null;
  const fault: CoercionFault = missing
    ? 'missing'
    : /^Int cannot represent|^Float cannot represent/.test(reason)
      ? 'number'
      : /does not exist in ".*" enum|^Enum/.test(reason)
        ? 'choice'
        : /must not be null/.test(reason)
          ? 'empty'
          : 'format';
  const choices = /（可选：([^）]+)）/.exec(messageZh)?.[1] ?? '';
  // The server's label of a field it found (not of a field left out, which its Chinese names as 缺少必填项).
  const serverLabel = missing ? null : (/中的“([^”]+)”/.exec(messageZh)?.[1] ?? null);
  const label = labelOf(field) ?? listPathLabelZh(field) ?? serverLabel;
  return { field, fault, choices, messageZh: coercionSentenceZh(fault, label, choices) };
}
