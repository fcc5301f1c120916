import { freeFolderBeside, shellWord } from './backup-folder.js';

describe("store:backup's advised free folder", () => {
  const at1518 = new Date(2026, 11, 1, 15, 18);
  const none = () => false;

  it('adds the local time to a folder named by the day', () => {
    expect(freeFolderBeside('/backup/rectify/2026-12-01', at1518, none)).toBe('/backup/rectify/2026-12-01-1518');
    expect(freeFolderBeside('/backup/rectify/2026-12-01/', at1518, none)).toBe('/backup/rectify/2026-12-01-1518');
  });

  it('numbers a folder already named with the day and the time, never adding the time twice (newcomer20 S1)', () => {
    expect(freeFolderBeside('/backup/rectify/2026-12-01-1518', at1518, none)).toBe('/backup/rectify/2026-12-01-1518-2');
    const taken = new Set(['/backup/rectify/2026-12-01-1518-2', '/backup/rectify/2026-12-01-1518-3']);
    expect(freeFolderBeside('/backup/rectify/2026-12-01-1518', at1518, (path) => taken.has(path))).toBe('/backup/rectify/2026-12-01-1518-4');
  });

  it('skips taken folders after the time', () => {
    const taken = new Set(['/backup/rectify/2026-12-01-1518']);
    expect(freeFolderBeside('/backup/rectify/2026-12-01', at1518, (path) => taken.has(path))).toBe('/backup/rectify/2026-12-01-1518-2');
  });
});

describe('a path as one shell word (breaker9j P4)', () => {
  it('leaves a plain path as it is, Chinese included', () => {
    expect(shellWord('/backup/rectify/2026-12-01-1518')).toBe('/backup/rectify/2026-12-01-1518');
    expect(shellWord('/备份/2026年12月1日-1547')).toBe('/备份/2026年12月1日-1547');
  });

  it('quotes a path with a space or a quote, so that it pastes as one argument', () => {
    expect(shellWord('/tmp/备份/2026年12月1日 上午-1547')).toBe("'/tmp/备份/2026年12月1日 上午-1547'");
    expect(shellWord("/tmp/it's")).toBe("'/tmp/it'\\''s'");
  });
});
