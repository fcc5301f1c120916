import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOTICE_ZH } from '../src/health/health.controller.js';

/* breaker49-9 M6: the signing key file deleted under a running server — /health said ready, no notice, until the next start was refused. */

describe('/health while the signing key file is gone (breaker49-9 M6)', () => {
  it('stays ready and names SIGNING_KEY_FILE_MISSING in its notices, in the operator\'s words', async () => {
    const { startTestApp } = await import('./support/test-app.js');
    const folder = mkdtempSync(join(tmpdir(), 'rectify-key-gone-'));
    const keyFile = join(folder, 'keys', 'ledger.key');
    // The office's test key, copied: one store, one office key (the in-process apps of the suite sign with it).
    const { testSigningKeyFile } = await import('./support/signing-key.js');
    mkdirSync(join(folder, 'keys'));
    copyFileSync(testSigningKeyFile(), keyFile);
    const app = await startTestApp({ sqlitePath: join(folder, 'data', 'rectify.db'), settings: { LEDGER_SIGNING_KEY_FILE: keyFile } });
    try {
      const health = async () => (await (await fetch(`${app.url}/health`)).json()) as { status: string; notices: { cause: string; messageZh: string }[] };
      expect((await health()).notices.map((notice) => notice.cause)).not.toContain('SIGNING_KEY_FILE_MISSING');
      rmSync(join(folder, 'keys'), { recursive: true, force: true });
      const gone = await health();
      expect(gone.status).toBe('ready');
      expect(gone.notices).toContainEqual(expect.objectContaining({ cause: 'SIGNING_KEY_FILE_MISSING', messageZh: NOTICE_ZH.SIGNING_KEY_FILE_MISSING }));
    } finally {
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
