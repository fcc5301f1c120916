import { generateKeyPairSync } from 'node:crypto';
import { checkpointAlteration, ledgerCode, signCheckpoint, signedHeadOf } from './checkpoint.js';

/*
 * breaker9a P3: a checkpoint row edited in the store file — its date backdated, its root replaced — was served and printed as
 * the office's. Given a signed checkpoint, when a stored field or the signed text changes, then the signed head is what is shown
 * and the alteration names the checkpoint with each signed value beside the stored one.
 */
describe('a stored checkpoint checked against its signature', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const signed = { ...signCheckpoint({ treeSize: 234, rootHash: Buffer.alloc(32, 7), chainHash: Buffer.alloc(32, 9), headPosition: '234', takenAt: '2026-12-04T21:48:12.792Z' }, privateKey), sequence: 1 };

  it('as signed: no alteration, its head as signed', () => {
    expect(checkpointAlteration(signed)).toBeNull();
    expect(signedHeadOf(signed)).toMatchObject({ treeSize: 234, takenAt: '2026-12-04T21:48:12.792Z' });
  });

  it('its date backdated in the file: the signed date stands, and the alteration names #1 with both dates', () => {
    const edited = { ...signed, takenAt: '2025-12-31T08:00:00.000Z' };
    expect(signedHeadOf(edited)?.takenAt).toBe('2026-12-04T21:48:12.792Z');
    expect(checkpointAlteration(edited)?.zh).toBe('校验点 #1 的记录在事件库文件中被改动：生成时间 签署时为 2026-12-04T21:48:12.792Z，现为 2025-12-31T08:00:00.000Z。以签署时的数值为准；请从改动之前的备份恢复事件库，再运行 npm run ledger:verify 核对。');
  });

  it('its root replaced: the signed 台账校验码 stands beside the stored one', () => {
    const edited = { ...signed, rootHash: Buffer.alloc(32) };
    expect(ledgerCode(signedHeadOf(edited)!)).toBe(ledgerCode(signed));
    expect(checkpointAlteration(edited)?.zh).toContain(`台账校验码 签署时为 ${ledgerCode(signed)}，现为 ${ledgerCode(edited)}`);
  });

  it('its signed text changed: nothing in it is vouched for', () => {
    const edited = { ...signed, body: signed.body.replace('2026-12-04', '2025-12-31'), takenAt: '2025-12-31T21:48:12.792Z' };
    expect(signedHeadOf(edited)).toBeNull();
    expect(checkpointAlteration(edited)?.zh).toMatch(/^校验点 #1 的记录与签署时不符：其签署内容或签名被改动/u);
  });
});
