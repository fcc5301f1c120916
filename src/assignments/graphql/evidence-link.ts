import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isWebLink, linkProblem, WEB_LINK_RULE } from '../../shared/web-link.js';

/** What an evidence link must be: a web link (shared/web-link.ts), an intranet host without a dot allowed (breaker11b M1: http://oa/xxgk/123). */
export const EVIDENCE_LINK_RULE = WEB_LINK_RULE;

/**
 * The refusal of a link that is not one (class-validator's message): `<field> must be an http(s) URL (<why>)` — why as
 * `linkProblem` finds it (a space, a `<`, another scheme …; `did you mean https://…?` for an address typed without its
 * scheme, newcomer39 S2). chinese-errors.ts says the same reason in Chinese.
 */
export function evidenceLinkMessage(args: ValidationArguments): string {
  const problem = linkProblem(args.value);
  return `${args.property} must be an http(s) URL${problem ? ` (${problem.en})` : ''}`;
}

/**
 * An evidence link: what `linkProblem` finds nothing wrong with — class-validator's `IsUrl` by `EVIDENCE_LINK_RULE`, and
 * http(s) followed by `://` (IsUrl takes `https:www.qingchuan.gov.cn` as typed). Its check keeps IsUrl's name, `isUrl`.
 */
export const IsEvidenceLink = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isUrl', constraints: [EVIDENCE_LINK_RULE], validator: { validate: isWebLink, defaultMessage: evidenceLinkMessage } }, options);
