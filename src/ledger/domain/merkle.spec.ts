import { createHash } from 'node:crypto';
import { MerkleFrontier, MerkleLevels, emptyTreeRoot, inclusionProof, leafHash, merkleRoot, rootFromInclusionProof, verifyInclusion } from './merkle.js';

/*
 * Test vectors published with the Certificate Transparency reference implementation of RFC 6962
 * (github.com/transparency-dev/merkle: testonly/constants.go for the leaves, roots and subtree
 * hashes, proof/verify_test.go for the inclusion proofs). The eight leaf inputs are hex strings.
 */
const hex = (text: string) => Buffer.from(text, 'hex');
const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const LEAF_HASHES = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];
/** Roots of the trees of the first 0, 1, …, 8 leaves. */
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
/** Inclusion proofs: 0-based leaf index, tree size, audit path. */
const PROOFS: [number, number, string[]][] = [
  [0, 1, []],
  [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];

const leaves = LEAF_INPUTS.map(leafHash);

describe('RFC 6962 Merkle tree hashing, against the Certificate Transparency test vectors', () => {
  it('hashes each leaf with the 0x00 prefix', () => {
    expect(leaves.map((hash) => hash.toString('hex'))).toEqual(LEAF_HASHES);
  });

  it.each(ROOTS.map((root, size) => [size, root] as const))('gives the published root of the first %i leaves', (size, root) => {
    expect(merkleRoot(leaves.slice(0, size)).toString('hex')).toBe(root);
  });

  it('gives the same roots leaf by leaf, keeping only the perfect subtrees', () => {
    const frontier = new MerkleFrontier();
    const roots = [frontier.root().toString('hex')];
    for (const leaf of leaves) {
      frontier.append(leaf);
      roots.push(frontier.root().toString('hex'));
    }
    expect(roots).toEqual(ROOTS);
    expect(frontier.size).toBe(8);
    expect(emptyTreeRoot().toString('hex')).toBe(ROOTS[0]);
  });

  describe('inclusion proofs (audit paths)', () => {
    it.each(PROOFS)('proves leaf %i in the tree of %i leaves with the published path', (index, size, path) => {
      const proof = inclusionProof(index, leaves.slice(0, size));
      expect(proof.map((hash) => hash.toString('hex'))).toEqual(path);
      expect(verifyInclusion(index, size, leaves[index]!, proof, hex(ROOTS[size]!))).toBe(true);
    });

    it('proves every leaf of every tree up to 8 leaves, in at most ⌈log₂ n⌉ hashes', () => {
      for (let size = 1; size <= 8; size += 1) {
        for (let index = 0; index < size; index += 1) {
          const proof = inclusionProof(index, leaves.slice(0, size));
          expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(size)));
          expect(rootFromInclusionProof(index, size, leaves[index]!, proof)?.toString('hex')).toBe(ROOTS[size]);
        }
      }
    });

    it('refuses a proof for another leaf, index, size or root, and a proof with a hash changed, added or removed', () => {
      const [index, size] = [5, 8];
      const proof = inclusionProof(index, leaves);
      const root = hex(ROOTS[size]!);
      const flipped = proof.map((hash, at) => (at === 1 ? Buffer.from(hash.map((byte, i) => (i === 0 ? byte ^ 8 : byte))) : hash));
      const refused = [
        verifyInclusion(index, size, leaves[4]!, proof, root),
        verifyInclusion(index - 1, size, leaves[index]!, proof, root),
        verifyInclusion(index + 1, size, leaves[index]!, proof, root),
        verifyInclusion(index, size * 2, leaves[index]!, proof, root),
        verifyInclusion(index, size / 2, leaves[index]!, proof, root),
        verifyInclusion(index, size, leaves[index]!, proof, hex(ROOTS[7]!)),
        verifyInclusion(index, size, leaves[index]!, flipped, root),
        verifyInclusion(index, size, leaves[index]!, [...proof, root], root),
        verifyInclusion(index, size, leaves[index]!, [root, ...proof], root),
        verifyInclusion(index, size, leaves[index]!, proof.slice(0, -1), root),
        verifyInclusion(index, size, leaves[index]!, [...proof, Buffer.alloc(0)], root),
        verifyInclusion(size, size, leaves[index]!, proof, root),
      ];
      expect(refused).toEqual(refused.map(() => false));
    });

    it('has no proof for a leaf outside the tree', () => {
      expect(() => inclusionProof(8, leaves)).toThrow(RangeError);
      expect(() => inclusionProof(0, [])).toThrow(RangeError);
    });
  });
});

describe('MerkleLevels: audit paths from levels kept above blocks of leaves (breaker12e P5)', () => {
  const many = Array.from({ length: 300 }, (_, n) => leafHash(createHash('sha256').update(`event ${n}`).digest()));
  const levelsOver = (blockSize: number, count: number) => {
    const levels = new MerkleLevels(blockSize);
    for (const leaf of many.slice(0, count)) levels.append(leaf);
    return levels;
  };

  it('gives the same path as the whole tree for every leaf of trees of every size up to what was appended, an older checkpoint\'s tree included', async () => {
    const differing: string[] = [];
    const text = (path: Buffer[]) => path.map((hash) => hash.toString('hex')).join(' ');
    for (const blockSize of [1, 4, 16]) {
      const levels = levelsOver(blockSize, 40);
      for (let treeSize = 1; treeSize <= 40; treeSize += 1) {
        for (let index = 0; index < treeSize; index += 1) {
          const blockLeaves = (block: number) => many.slice(block * blockSize, Math.min((block + 1) * blockSize, 40));
          const path = await levels.auditPath(index, treeSize, blockLeaves);
          if (text(path) !== text(inclusionProof(index, many.slice(0, treeSize)))) differing.push(`${blockSize}/${treeSize}/${index}`);
        }
      }
    }
    expect(differing).toEqual([]);
  });

  it('agrees with the published test vectors', async () => {
    const levels = new MerkleLevels(2);
    for (const leaf of leaves) levels.append(leaf);
    for (const [index, size, path] of PROOFS) {
      expect((await levels.auditPath(index, size, (block) => leaves.slice(block * 2, block * 2 + 2))).map((hash) => hash.toString('hex'))).toEqual(path);
    }
  });

  it('reads the leaves of at most two blocks and hashes a few blocks\' worth, not the tree (whole-tree proof: every leaf hashed)', async () => {
    const levels = levelsOver(16, 300);
    const blocksRead: number[] = [];
    const path = await levels.auditPath(100, 299, (block) => {
      blocksRead.push(block);
      return many.slice(block * 16, block * 16 + 16);
    });
    expect(path).toEqual(inclusionProof(100, many.slice(0, 299)));
    expect(blocksRead.sort((a, b) => a - b)).toEqual([6, 18]);
    const copy = levels.copy();
    copy.append(many[0]!);
    expect(copy.size).toBe(301);
    expect(levels.size).toBe(300);
  });

  it('refuses a tree larger than what was appended, a leaf outside the tree, and a block read short', async () => {
    const levels = levelsOver(4, 10);
    await expect(levels.auditPath(0, 11, () => [])).rejects.toThrow(RangeError);
    await expect(levels.auditPath(10, 10, () => [])).rejects.toThrow(RangeError);
    await expect(levels.auditPath(8, 10, (block) => many.slice(block * 4, block * 4 + 1))).rejects.toThrow(RangeError);
    expect(() => new MerkleLevels(3)).toThrow(RangeError);
  });
});
