import { ChainFollower, GENESIS_CHAIN_HASH, hashEvent, rowProblem, rowSeal, type ChainedRow, type HashedEventContent } from './event-chain.js';

const content = (n: number): HashedEventContent => ({
  id: `event-${n}`,
  streamId: 'unit-1',
  revision: n - 1,
  type: 'UnitRenamed',
  schemaVersion: 2,
  data: { unitId: 'unit-1', name: `第${n}个名称` },
  metadata: { recordedAt: '2026-04-01T01:00:00.000Z' },
  recordedAt: '2026-04-01T01:00:00.000Z',
});

/** Rows 1..n as Rectify writes them: positions 1, 2, 3 …, each chained onto the one before. */
function givenRows(n: number): ChainedRow[] {
  let previous = GENESIS_CHAIN_HASH;
  return Array.from({ length: n }, (_, index) => {
    const hashes = hashEvent(previous, content(index + 1));
    previous = hashes.chainHash;
    return { position: index + 1, content: content(index + 1), leafHash: hashes.leafHash, chainHash: hashes.chainHash };
  });
}

const problems = (rows: readonly ChainedRow[], from = new ChainFollower(0, GENESIS_CHAIN_HASH)) => rows.map((row) => from.follow(row)?.en ?? null);

/** Breaker9 F0/F6: rows read for the read models are checked against the ledger chain as they are read. */
describe('Following the chain while the log is read', () => {
  it('takes a log as Rectify wrote it, from its start or from a row in the middle (after a snapshot)', () => {
    const rows = givenRows(5);
    expect(problems(rows)).toEqual([null, null, null, null, null]);
    expect(problems(rows.slice(2), new ChainFollower(2, rows[1]!.chainHash!))).toEqual([null, null, null]);
  });

  it('names a row inserted without hashes, and goes on with the rows after it', () => {
    const rows = givenRows(3);
    const forged: ChainedRow = { position: 4, content: content(9), leafHash: null, chainHash: null };
    const found = problems([...rows, forged]);
    expect(found.slice(0, 3)).toEqual([null, null, null]);
    expect(found[3]).toMatch(/carries no ledger hashes: no Rectify process wrote it/);
  });

  it('names the positions missing before a row (rows deleted from the middle)', () => {
    const rows = givenRows(6);
    expect(problems([rows[0]!, rows[1]!, rows[4]!, rows[5]!])).toEqual([null, null, 'the events at position 3–4 before it are missing: they were deleted from the log', null]);
    expect(problems([rows[0]!, rows[2]!])[1]).toMatch(/^the events at position 2 before it are missing/);
  });

  it('names a row whose hashes do not follow the row before it, and one edited since it was recorded', () => {
    const rows = givenRows(3);
    const rehashed = hashEvent(Buffer.alloc(32, 7), content(2));
    expect(problems([rows[0]!, { ...rows[1]!, leafHash: rehashed.leafHash, chainHash: rehashed.chainHash }])[1]).toMatch(/does not follow the event at position 1/);
    expect(problems([rows[0]!, { ...rows[1]!, content: { ...content(2), data: { unitId: 'unit-1', name: '青川市黑客局' } } }])[1]).toMatch(/changed after it was recorded/);
  });

  describe('once the store is sealed (breaker9b N1)', () => {
    const key = Buffer.alloc(32, 1);
    const sealed = (rows: readonly ChainedRow[], sealKey = key) => rows.map((row) => ({ ...row, seal: rowSeal(sealKey, row.leafHash!, row.chainHash!) }));

    it('takes rows sealed with the office key', () => {
      expect(problems(sealed(givenRows(3)), new ChainFollower(0, GENESIS_CHAIN_HASH, () => key))).toEqual([null, null, null]);
    });

    it('names a row appended with its public hashes computed but no seal, or sealed with another key, or with another row\'s seal', () => {
      const rows = sealed(givenRows(4));
      const follower = () => new ChainFollower(0, GENESIS_CHAIN_HASH, () => key);
      const notSealed = /is not sealed with this office's ledger key/;
      expect(problems([...rows.slice(0, 3), { ...rows[3]!, seal: null }], follower())[3]).toMatch(notSealed);
      expect(problems([...rows.slice(0, 3), sealed([rows[3]!], Buffer.alloc(32, 2))[0]!], follower())[3]).toMatch(notSealed);
      expect(problems([...rows.slice(0, 3), { ...rows[3]!, seal: rows[2]!.seal }], follower())[3]).toMatch(notSealed);
    });

    it('checks a row read on its own (a stream read): content, hashes and seal', () => {
      const [row] = sealed(givenRows(1));
      expect(rowProblem(row!, key)).toBeNull();
      expect(rowProblem({ ...row!, seal: null }, key)?.en).toMatch(/not sealed/);
      expect(rowProblem({ ...row!, seal: null }, null)).toBeNull();
      expect(rowProblem({ ...row!, content: { ...content(1), data: { unitId: 'unit-1', name: '青川市黑客局' } } }, key)?.en).toMatch(/changed after it was recorded/);
      expect(rowProblem({ ...row!, leafHash: null }, key)?.en).toMatch(/carries no ledger hashes/);
    });
  });
});
