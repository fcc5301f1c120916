import { join } from 'node:path';
import { freshFolderExample } from './store-admission.js';

/*
 * newcomer15 S1: a tool refused on ./data/try/rectify.db (the try folder deleted and made again)
 * advised "give it a folder of its own (e.g. SQLITE_PATH=./data/try/rectify.db)" — the very store it
 * refused; following the advice looped. The example now names a folder beside it that does not exist.
 */
describe('freshFolderExample', () => {
  const cwd = process.cwd();
  const existing = (...paths: string[]) => (path: string) => paths.map((relative) => join(cwd, relative)).includes(path);

  it('names the next numbered folder beside the refused one, never the refused one', () => {
    expect(freshFolderExample('./data/try/rectify.db', existing('data/try'))).toBe('./data/try2/rectify.db');
    expect(freshFolderExample('./data/try/rectify.db', existing('data/try', 'data/try2', 'data/try3'))).toBe('./data/try4/rectify.db');
    expect(freshFolderExample('data/try2/office.db', existing('data/try2'))).toBe('./data/try3/office.db');
  });

  it('gives an absolute path for a store outside the working folder', () => {
    expect(freshFolderExample('/var/lib/rectify/rectify.db', () => false)).toBe('/var/lib/rectify2/rectify.db');
  });
});
