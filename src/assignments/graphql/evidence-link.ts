import { isURL } from 'class-validator';
import type { ValidationArguments } from 'class-validator';

/** What an evidence link must be: http(s), an intranet host without a dot allowed (breaker11b M1: http://oa/xxgk/123). */
export const EVIDENCE_LINK_RULE = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

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
  return host.includes('.') && isURL(meant, EVIDENCE_LINK_RULE) ? meant : null;
}

/**
 * The refusal of a link that is not one (class-validator's message): `<field> must be an http(s) URL`,
 * and ` (did you mean https://…?)` when `linkMeant` finds the address meant — chinese-errors.ts
 * turns that into 「是否指 https://…？」.
 */
export function evidenceLinkMessage(args: ValidationArguments): string {
  const meant = linkMeant(args.value);
  return `${args.property} must be an http(s) URL${meant ? ` (did you mean ${meant}?)` : ''}`;
}
