import { needsPartsOfDay, reopenConsequence, type ReopenedParent } from '../web/src/reopen-consequence.js';

/*
 * The 重新打开 dialog worded its consequence from today's state: every reported unit 「都将退回」 and
 * 「问题销号不再成立」 — on an open finding too (only its verified parts come back; it was never closed),
 * and whatever 重新打开日期 was chosen (before the close-out, only the parts verified by then come back).
 * It is worded from the status and the day chosen, as the server decides (parent-of-parts.ts reopen).
 */
describe('what 重新打开 says it does', () => {
  const closed: ReopenedParent = {
    kind: 'finding',
    closed: true,
    closedOn: '2026-10-23',
    parts: [
      { unitName: '青川市人民政府办公室', status: 'VERIFIED', verifiedOn: '2026-10-23' },
      { unitName: '青川市政务公开办公室', status: 'VERIFIED', verifiedOn: '2026-10-12' },
    ],
  };
  const open: ReopenedParent = {
    kind: 'finding',
    closed: false,
    closedOn: null,
    parts: [
      { unitName: '青川市发展和改革委员会', status: 'VERIFIED', verifiedOn: '2026-11-11' },
      { unitName: '青川市住房和城乡建设局', status: 'REPORTED', verifiedOn: null },
      { unitName: '青川市民政局', status: 'ASSIGNED', verifiedOn: null },
    ],
  };

  describe('a closed finding', () => {
    it('reopened on or after its close-out: every part comes back and the close-out no longer stands', () => {
      expect(needsPartsOfDay(closed, '2026-10-23')).toBe(false);
      expect(reopenConsequence(closed, '2026-12-01')).toBe('重新打开后，青川市人民政府办公室、青川市政务公开办公室的任务都将退回（共 2 个单位），须重新报告、重新督查；问题销号不再成立。');
    });

    it('reopened before its close-out: asks the server which parts stood verified that day, and says only those come back', () => {
      expect(needsPartsOfDay(closed, '2026-10-20')).toBe(true);
      expect(reopenConsequence(closed, '2026-10-20', null)).toContain('加载中');
      const words = reopenConsequence(closed, '2026-10-20', ['青川市政务公开办公室']);
      expect(words).toBe('问题在 2026-10-20 尚未销号（2026-10-23 销号）：重新打开后，当日已核验的青川市政务公开办公室的任务将退回（共 1 个单位），须重新报告、重新督查；其余单位的任务不受影响；2026-10-23 的销号不再成立。');
      expect(words).not.toContain('都将退回');
    });

    it('reopened on a day nothing stood verified: nothing to reopen, said before sending', () => {
      expect(reopenConsequence(closed, '2026-10-01', [])).toBe('问题在 2026-10-01 尚未销号（2026-10-23 销号），当日也没有已核验的任务：没有可以重新打开的内容。请改选重新打开的日期。');
    });
  });

  describe('an open finding with a verified part', () => {
    it('only the verified parts come back, the others keep their progress, and no close-out is spoken of', () => {
      expect(needsPartsOfDay(open, '2026-12-01')).toBe(false);
      const words = reopenConsequence(open, '2026-12-01');
      expect(words).toBe('问题尚未销号：重新打开后，只有已核验的青川市发展和改革委员会的任务将退回（共 1 个单位），须重新报告、重新督查；其余单位的任务不受影响。');
      expect(words).not.toContain('住房和城乡建设局');
      expect(words).not.toContain('销号不再成立');
    });

    it('on a day before a verified part’s pass: that part was not verified then; the day to choose is named', () => {
      expect(reopenConsequence(open, '2026-11-05')).toBe(
        '青川市发展和改革委员会的任务于 2026-11-11 才核验：2026-11-05 时尚未核验，没有可以退回的。重新打开的日期不能早于核验日期，请改为 2026-11-11 或之后。',
      );
    });
  });

  it('a work-plan item speaks of completion, not of close-out', () => {
    const item: ReopenedParent = { ...closed, kind: 'item' };
    expect(reopenConsequence(item, '2026-12-01')).toContain('事项不再记为已完成');
    expect(reopenConsequence(item, '2026-10-20', ['青川市政务公开办公室'])).toContain('事项在 2026-10-20 尚未完成（2026-10-23 完成）');
    expect(reopenConsequence({ ...open, kind: 'item' }, '2026-12-01')).toContain('事项尚未完成：');
    expect(reopenConsequence(item, '2026-12-01')).not.toContain('销号');
  });
});
