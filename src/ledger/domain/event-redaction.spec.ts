import { createHash } from 'node:crypto';
import { canonicalEvent, eventLeafHash, type HashedEventContent } from './event-chain.js';
import { leafHash } from './merkle.js';
import { WITHHELD_PREFIX, redactCredentials } from './event-redaction.js';

const event = (type: string, data: Record<string, unknown>): HashedEventContent => ({
  id: 'e-1',
  streamId: 'user-u-1',
  revision: 1,
  type,
  schemaVersion: 1,
  data,
  metadata: { actorId: 'admin', recordedAt: '2026-12-01T01:00:00.000Z' },
  recordedAt: '2026-12-01T01:00:00.000Z',
});
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('redactCredentials: what of an event may leave the server (breaker9z S2)', () => {
  const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA';
  const passwordSet = event('InitialPasswordSet', { userId: 'u-1', loginName: 'lina', passwordHash: hash, changeRequired: true });

  it('given an InitialPasswordSet, when it is redacted, then its hash is withheld and committed to by its SHA-256', () => {
    const redacted = redactCredentials(passwordSet);
    expect(redacted.canonicalEvent).not.toContain(hash);
    expect(redacted.withheldFields).toEqual(['data.passwordHash']);
    expect(JSON.parse(redacted.canonicalEvent).data).toEqual({ userId: 'u-1', loginName: 'lina', passwordHash: `${WITHHELD_PREFIX}${sha256(JSON.stringify(hash))}`, changeRequired: true });
  });

  it('then the disclosed value put back in place of its WITHHELD string gives the leaf data and the leaf hash', () => {
    const { canonicalEvent: shown } = redactCredentials(passwordSet);
    const restored = shown.replace(JSON.stringify(`${WITHHELD_PREFIX}${sha256(JSON.stringify(hash))}`), JSON.stringify(hash));
    expect(restored).toBe(canonicalEvent(passwordSet));
    expect(leafHash(Buffer.from(restored, 'utf8'))).toEqual(eventLeafHash(passwordSet));
  });

  it.each([
    ['PasswordChanged', { userId: 'u-1', passwordHash: hash, keptSessionId: null }, 'data.passwordHash'],
    ['AccessTokenIssued', { userId: 'u-1', tokenId: 't-1', tokenSha256: 'ab'.repeat(32), expiresAt: '2027-01-01T00:00:00.000Z' }, 'data.tokenSha256'],
    ['SessionStarted', { userId: 'u-1', sessionId: 's-1', tokenSha256: 'cd'.repeat(32), expiresAt: '2026-12-01T13:00:00.000Z', address: null, addressKnown: false, device: null, deviceKnown: false }, 'data.tokenSha256'],
  ])('withholds the credential of a %s', (type, data, field) => {
    const redacted = redactCredentials(event(type, data));
    expect(redacted.withheldFields).toEqual([field]);
    expect(redacted.canonicalEvent).not.toContain(String(data[field.slice('data.'.length) as keyof typeof data]));
  });

  it('given an event without credentials, then its leaf data is given whole, and hashes to its leaf', () => {
    const finding = event('FindingRecorded', { findingId: 'f-1', title: '政务公开专栏栏目设置不规范' });
    expect(redactCredentials(finding)).toEqual({ canonicalEvent: canonicalEvent(finding), withheldFields: [] });
  });
});

describe('a history line never shows a credential either', () => {
  it('given a timeline entry of a credential event, when listed as history, then its details withhold the credential', async () => {
    const { historyEntry } = await import('../../assignments/read-model/history.js');
    const entry = historyEntry({
      type: 'PasswordChanged',
      data: { userId: 'u-1', passwordHash: '$argon2id$v=19$secret', keptSessionId: null },
      id: 'e-1',
      revision: 3,
      occurredOn: '2026-12-01',
      metadata: { recordedAt: '2026-12-01T01:00:00.000Z', actorId: 'u-1', actorRole: 'UNIT', actorUnitId: null },
    });
    expect(JSON.stringify(entry.details)).not.toContain('$argon2id');
    expect(entry.details.passwordHash).toMatch(/^WITHHELD:sha256:[0-9a-f]{64}$/);
  });
});
