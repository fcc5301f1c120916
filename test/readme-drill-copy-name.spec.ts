import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Going live step 1 puts `STORE_COPY_NAME=正式` in the project folder's `.env`; the restore drill is run from that folder.
 * A drill command line without a copy name of its own inherits 正式 and makes a second copy named like production, whose
 * records cannot be told by name from production's (newcomer45-9 M1). Every command the README gives that starts a server on
 * the drill folder must name its own copy.
 */
describe('README: the restore drill runs under a copy name of its own', () => {
  const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');

  it('gives every `SQLITE_PATH=/tmp/drill… npm start` a STORE_COPY_NAME that is not production’s 正式', () => {
    const production = /STORE_COPY_NAME=(\S+?)`/.exec(readme.slice(readme.indexOf('**Its own store, no demo.**')))![1];
    expect(production).toBe('正式');
    const drillStarts = [...readme.matchAll(/`([^`]*SQLITE_PATH=\/tmp\/drill[^`]*npm start[^`]*)`/g)].map((match) => match[1]!);
    expect(drillStarts.length).toBeGreaterThan(0);
    for (const command of drillStarts) {
      const name = /STORE_COPY_NAME=(\S+)/.exec(command)?.[1];
      expect({ command, name }).toEqual({ command, name: expect.any(String) });
      expect(name).not.toBe(production);
    }
  });

  it('says so in Going live step 5', () => {
    const step = readme.slice(readme.indexOf('5. **Backups and a restore drill.**'), readme.indexOf('6. **台账校验码.**'));
    expect(step).toContain('STORE_COPY_NAME=演练');
  });
});
