import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { GENERIC_CHINESE } from './graphql/chinese-errors.js';

/*
 * Issue 11: every refusal a person can meet says in Chinese what is wrong, its own sentence — not
 * a generic "输入有误" or "操作冲突" standing for many different English ones. The types demand a
 * Chinese text (`say(en, zh)`, `badInput(en, zh)`, …); this reads every refusal written in the
 * source and checks that its Chinese is Chinese, not a code's generic sentence, and not shared by
 * refusals that say different things in English.
 */

const SRC = new URL('..', import.meta.url).pathname;
/** Functions whose first two arguments are the English and the Chinese of one refusal. */
const BILINGUAL_CALLS = new Set(['say', 'badInput', 'conflict', 'forbidden']);
const HAN = /[\u4e00-\u9fff]/;

interface Refusal {
  readonly where: string;
  /** A whole refusal (`badInput(…)`, `new DomainError(code, say(…))`), not a name it is built from. */
  readonly sentence: boolean;
  readonly en: string;
  readonly zh: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The text of a string or template literal, each `${…}` as `{}`; undefined for anything computed. */
function literalText(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('');
  return undefined;
}

function refusalsIn(path: string): { refusals: Refusal[]; englishOnly: string[] } {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const refusals: Refusal[] = [];
  const englishOnly: string[] = [];
  const where = (node: ts.Node) => `${relative(SRC, path)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && BILINGUAL_CALLS.has(node.expression.text)) {
      const [en, zh] = node.arguments;
      const zhText = literalText(zh);
      if (!zh) englishOnly.push(where(node));
      // A text made only of placeholders (`${a}${b}`) joins Chinese written elsewhere.
      else if (zhText !== undefined && zhText.replaceAll('{}', '').trim() !== '') {
        const sentence = node.expression.text !== 'say' || (ts.isNewExpression(node.parent) && node.parent.expression.getText() === 'DomainError');
        refusals.push({ where: where(node), sentence, en: literalText(en) ?? '(computed)', zh: zhText });
      }
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'DomainError') {
      const message = node.arguments?.[1];
      if (!message || literalText(message) !== undefined) englishOnly.push(where(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { refusals, englishOnly };
}

describe('Chinese refusals in the source', () => {
  const scanned = sourceFiles(SRC).map(refusalsIn);
  const refusals = scanned.flatMap((file) => file.refusals);

  it('finds the refusals it checks (the scan reads the deciders)', () => {
    expect(refusals.length).toBeGreaterThan(150);
    expect(refusals.some((refusal) => refusal.where.startsWith('assignments/domain/assignment.decider.ts'))).toBe(true);
  });

  it('gives every refusal a Chinese message', () => {
    expect(scanned.flatMap((file) => file.englishOnly)).toEqual([]);
    expect(refusals.filter((refusal) => !HAN.test(refusal.zh))).toEqual([]);
  });

  it('never stands a code’s generic sentence in for a refusal’s own', () => {
    expect(refusals.filter((refusal) => GENERIC_CHINESE.has(refusal.zh))).toEqual([]);
  });

  it('gives refusals that say different things in English different Chinese', () => {
    const englishOf = new Map<string, Refusal[]>();
    for (const refusal of refusals.filter((candidate) => candidate.sentence)) englishOf.set(refusal.zh, [...(englishOf.get(refusal.zh) ?? []), refusal]);
    const shared = [...englishOf.values()].filter((same) => new Set(same.map((refusal) => refusal.en)).size > 1);
    expect(shared).toEqual([]);
  });
});
