import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * breaker11c N5 / breaker11 F8: tables ran off a 390 px phone (总览 890 px, 问题清单 1,140 px). Every
 * table of the web app stacks its rows on a phone (`v-phone-rows`, web/src/narrow.ts), or chooses its
 * own phone columns with useNarrowScreen (用户管理). test/browser/phone-widths.browser.ts measures the
 * pages; this keeps a table added later from being missed.
 */
const WEB = fileURLToPath(new URL('../web/src', import.meta.url));
const vueFiles = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? vueFiles(join(folder, entry.name)) : entry.name.endsWith('.vue') ? [join(folder, entry.name)] : []));

describe('tables on a phone', () => {
  it('every el-table stacks its rows on a phone (v-phone-rows) or its page picks phone columns (useNarrowScreen)', () => {
    const unfit = vueFiles(WEB).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      if (text.includes('useNarrowScreen')) return [];
      return [...text.matchAll(/<el-table(?=[\s>])[^>]*>/g)].filter((table) => !table[0].includes('v-phone-rows')).map((table) => `${file.slice(WEB.length + 1)}: ${table[0].slice(0, 60)}`);
    });
    expect(unfit).toEqual([]);
  });
});
