import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every label the web app gives a form field: `label="…"` in a template or `label: '…'` in a field list. */
function webFieldLabels(): Set<string> {
  const root = join(process.cwd(), 'web', 'src');
  const sources = (directory: string): string[] =>
    readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(join(directory, entry.name)) : /\.(vue|ts)$/.test(entry.name) ? [join(directory, entry.name)] : [],
    );
  const labels = new Set<string>();
  for (const file of sources(root)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/label(?:="|: ')([^"']+)["']/g)) labels.add(match[1]!);
  }
  return labels;
}

/**
 * The README tells a clerk which field of a page to fill by its Chinese label, e.g. "the approval day
 * (方案批准日期)". A field named there that no page has sends them looking for nothing (newcomer21 S6:
 * 方案印发日期 and 任务交办日期 for 方案批准日期 and 事项交办日期).
 */
describe('the README names the date fields by the labels the web app shows', () => {
  it('finds every (…日期) the README gives as a field among the web app’s field labels', () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    const named = [...new Set([...readme.matchAll(/\((\p{Script=Han}+日期)\)/gu)].map((match) => match[1]!))];
    expect(named.length).toBeGreaterThan(0);
    const labels = webFieldLabels();
    expect(named.filter((name) => !labels.has(name))).toEqual([]);
  });
});
