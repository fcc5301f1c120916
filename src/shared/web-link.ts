import { isURL } from 'class-validator';
import { say, type Bilingual } from './domain-error.js';

/*
 * What a web link given to Rectify must be (an evidence link, 佐证材料的链接), and why one is refused — each refusal
 * its own reason. A link holding `<x>` was refused as 「中间不能有空格」: every refusal said the same sentence.
 * Shared machinery: it knows no feature; the input that takes a link names it (EvidenceInput.link).
 */

/**
 * What a link must be: http(s), an intranet host without a dot allowed (breaker11b M1: http://oa/xxgk/123). Its length
 * is the field's own limit (`OptionalText`), said once, not a second time here.
 */
export const WEB_LINK_RULE = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, validate_length: false };

/** Where the refusals show what a link looks like. */
const EXAMPLES = '如 https://www.example.gov.cn/xxgk/123 或内网的 http://oa/xxgk/123';

/**
 * The link an office most likely meant when it typed an address without its scheme, as clerks copy
 * them from documents (`www.example.gov.cn/jcgk`, newcomer39 S2): `https://` + the text, if that is
 * an acceptable link whose host has a dot (so `abc` is not taken for a host); null otherwise, or when
 * the text has a scheme of its own (`javascript:`, `ftp://`) or spaces.
 */
export function linkMeant(typed: unknown): string | null {
  if (typeof typed !== 'string') return null;
  const text = typed.trim();
  if (text === '' || /\s/.test(text) || /^[a-z][a-z0-9+.-]*:/i.test(text)) return null;
  const meant = `https://${text.replace(/^\/+/, '')}`;
  const host = /^https:\/\/([^/?#:]+)/.exec(meant)?.[1] ?? '';
  return host.includes('.') && isURL(meant, WEB_LINK_RULE) ? meant : null;
}

/**
 * A link whose http(s) is not followed by `://` — `https:www.qingchuan.gov.cn`, `https:/www…`, `https:\\www…`,
 * `https//www…` — as typed (`https:`, the start to correct) and the link meant (the scheme, `://`, the rest, when that
 * is a link); null otherwise, and for a link written with `://`. `isURL` takes `https:www…` as a link, but a browser
 * reads it against the page it is on: on Rectify's own https page, a path of Rectify's (…/findings/www.qingchuan.gov.cn).
 */
export function schemeSeparatorMeant(typed: string): { readonly typedStart: string; readonly meant: string } | null {
  const [, scheme, colon, slashes, rest] = /^(https?)(:?)([/\\]{0,2})(?![/\\])(.+)$/i.exec(typed.trim()) ?? [];
  if (scheme === undefined || `${colon}${slashes}` === '://' || (colon === '' && slashes!.length < 2)) return null;
  const meant = `${scheme.toLowerCase()}://${rest}`;
  return isURL(meant, WEB_LINK_RULE) ? { typedStart: `${scheme}${colon}${slashes}`, meant } : null;
}

/** Whether `typed` is a link Rectify takes: `WEB_LINK_RULE`, its scheme followed by `://` (linkProblem finds nothing). */
export const isWebLink = (typed: unknown): boolean => linkProblem(typed) === null;

/**
 * Why `typed` is not a link `WEB_LINK_RULE` takes — a space in it, a `<` or `>`, no scheme (with the link meant, when
 * `linkMeant` finds one), http(s) without `://` after it (with the link meant), another scheme (ftp:, javascript:), no
 * host, a port out of range, a host name no host can have — in English (the refusal's message carries it) and in Chinese, a sentence of its own, ending in 。(shown beside
 * the field as it is). Null when it is a link.
 */
export function linkProblem(typed: unknown): Bilingual | null {
  if (typeof typed !== 'string') return say('it is not text', `不是网址（${EXAMPLES}）。`);
  // Before isURL, which takes `https:www.…` (no `//`) as a link to it.
  const separated = schemeSeparatorMeant(typed);
  if (separated) {
    const { typedStart, meant } = separated;
    const start = meant.slice(0, meant.indexOf('//') + 2);
    return say(`it starts with ${typedStart}, not ${start}: did you mean ${meant}?`, `网址开头的“${typedStart}”不对，应为“${start}”：是否指 ${meant}？网址须以 http:// 或 https:// 开头。`);
  }
  if (isURL(typed, WEB_LINK_RULE)) return null;
  if (/\s/.test(typed.trim())) return say('it has a space in it', '网址中间不能有空格：请删去空格，或从浏览器地址栏重新复制链接。');
  const bracket = /[<>]/.exec(typed)?.[0];
  if (bracket) return say(`it contains "${bracket}"`, `网址中不能有“<”或“>”符号（所填网址含有“${bracket}”）：请从浏览器地址栏重新复制链接。`);
  const text = typed.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\d)/i.exec(text)?.[1];
  if (scheme === undefined) {
    const meant = linkMeant(text);
    return meant
      ? say(`did you mean ${meant}?`, `缺少开头的 https://：是否指 ${meant}？网址须以 http:// 或 https:// 开头。`)
      : say('it does not start with http:// or https://', `不是网址：网址须以 http:// 或 https:// 开头（${EXAMPLES}）；没有网址的材料请填写文号。`);
  }
  if (!/^https?$/i.test(scheme)) return say(`it starts with ${scheme}:, not http:// or https://`, `只能填写以 http:// 或 https:// 开头的网页地址，不能是“${scheme}:”开头的地址（${EXAMPLES}）。`);
  const authority = /^\/\/([^/?#]*)/.exec(text.slice(scheme.length + 1))?.[1] ?? '';
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostAndPort === '' || hostAndPort.startsWith(':')) return say('it names no host', `${scheme}:// 之后缺少网站地址（${EXAMPLES}）。`);
  const port = /^(?:\[[^\]]*\]|[^:]*):(.*)$/.exec(hostAndPort)?.[1];
  if (port !== undefined && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    return say(`its port "${port}" is not a number from 1 to 65535`, `端口号“${port}”不正确：网站地址冒号后的端口应为 1 到 65535 之间的数字。`);
  }
  const host = port === undefined ? hostAndPort : hostAndPort.slice(0, hostAndPort.length - port.length - 1);
  if (!isURL(`${scheme}://${host}`, WEB_LINK_RULE)) {
    return say(`its host "${host}" is not a host name`, `网站地址“${host}”不正确：域名由字母、数字、连字符（-）和点组成，不能有下划线等其他符号，点不能相连，也不能在开头或结尾。`);
  }
  return say('it is not a valid address', `不是有效的网址（${EXAMPLES}），请从浏览器地址栏重新复制链接。`);
}
