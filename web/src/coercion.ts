// Pure (no DOM, no imports): the Jest suite reads it too (test/e2e/web-form-refusals.e2e.spec.ts).

/**
 * A variable the API refused before reading it (graphql-js coercion: a required field left out, a
 * number that is not one, a choice that does not exist), as the form field it concerns and a
 * Chinese message for beside it — never graphql-js's English or its Chinese rendering of type
 * names. Reads graphql-js's own wording (`Variable "$input" got invalid value … at "input.a[0]";
 * Field "b" of required type "String!" was not provided.`), stable across graphql 16.
 */
export function coercionRefusal(message: string): { field: string; messageZh: string } | null {
  const match = /^Variable "\$input" got invalid value .*?(?: at "input\.([^"]+)")?; (.*)$/s.exec(message);
  if (!match) return null;
  const at = (match[1] ?? '').replace(/\[(\d+)\]/g, '.$1');
  const reason = match[2]!;
  const missing = /^Field "([^"]+)" of required type "[^"]+" was not provided/.exec(reason);
  if (missing) return { field: at ? `${at}.${missing[1]}` : missing[1]!, messageZh: '此项为必填项，请填写。' };
  if (!at) return null;
  if (/^Int cannot represent|^Float cannot represent/.test(reason)) return { field: at, messageZh: '请填写数字。' };
  if (/does not exist in ".*" enum|^Enum/.test(reason)) return { field: at, messageZh: '请从可选项中选择。' };
  if (/must not be null/.test(reason)) return { field: at, messageZh: '此项为必填项，请填写。' };
  return { field: at, messageZh: '填写的内容格式不对，请检查。' };
}
