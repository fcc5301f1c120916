import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/*
 * breaker11g P9: a tap on the grey backdrop beside a form's dialog (the easiest slip on a phone)
 * closed it and threw away what was typed. Every dialog of the web app stays open on such a tap;
 * it closes by its ×, Esc or Back, which keep the typed text as a draft (ActionForm, drafts.ts).
 */
const vueFiles = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? vueFiles(join(folder, entry.name)) : entry.name.endsWith('.vue') ? [join(folder, entry.name)] : []));

describe('the web app’s dialogs', () => {
  const dialogs = vueFiles(join(process.cwd(), 'web/src')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/<el-dialog\b[^>]*>/g)].map((match) => [file.slice(process.cwd().length + 1), match[0]] as const),
  );

  it('are found (the scan reads the pages and components)', () => {
    expect(dialogs.length).toBeGreaterThanOrEqual(7);
  });

  it.each(dialogs)('%s: a tap beside the dialog does not close it', (_file, tag) => {
    expect(tag).toContain(':close-on-click-modal="false"');
  });
});
