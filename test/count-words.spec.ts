import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Issue 11: the demo said "2名单位". In Chinese a count takes the measure word of what is counted:
 * 名 and 位 count people (3名督查员, 2位小组成员), never organisations or things — units are 家 or
 * 个 (2家单位, 3个部门), items 项, problems 个 or 条. This scans every text a person may read (the
 * server's and the web app's sources, the samples, the README) for a number — digits, Chinese
 * numerals or a template's `${…}` / `{{ … }}` — counted with 名 or 位 before an organisation or a
 * thing.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCANNED = ['src', 'web/src', 'samples', 'README.md'];
const TEXT_FILE = /\.(ts|vue|mjs|md|ya?ml|csv|txt)$/;

const NUMBER = String.raw`(?:[0-9０-９]+|[一二两三四五六七八九十百千]+|\$\{[^}]{1,80}\}|\}\})`;
const PEOPLE_MEASURE = '[名位]';
const NOT_PEOPLE = '(?:单位|部门|机关|政府|委员会|局|办公室|县|区|科室|处室|事项|问题|任务|条|项)';
const WRONG_COUNT = new RegExp(`${NUMBER}\\s*${PEOPLE_MEASURE}\\s*${NOT_PEOPLE}`, 'gu');

function* textFiles(path: string): Generator<string> {
  const full = join(ROOT, path);
  if (statSync(full).isFile()) {
    if (TEXT_FILE.test(full)) yield full;
    return;
  }
  for (const entry of readdirSync(full)) yield* textFiles(join(path, entry));
}

/** Every wrong count in a text, as `file:line: match`. */
function wrongCounts(file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(WRONG_COUNT)) found.push(`${relative(ROOT, file)}:${index + 1}: ${match[0]}`);
  });
  return found;
}

describe('counts use the measure word of what they count', () => {
  it('finds the kind of fault it is for', () => {
    expect(wrongCounts('demo.ts', `'2名单位未在规定时限发布年度报告'`)).toEqual(['demo.ts:1: 2名单位']);
    expect(wrongCounts('page.vue', '共 {{ total }} 名单位，三位部门，${count}名事项')).toHaveLength(3);
    expect(wrongCounts('ok.ts', '2家单位、3个部门、5名督查员、2位小组成员、35项任务、单位名称、3位数字')).toEqual([]);
  });

  it('finds none in the sources, the samples or the README', () => {
    const found = SCANNED.flatMap((path) => [...textFiles(path)]).flatMap((file) => wrongCounts(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
