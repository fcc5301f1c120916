import { createHash } from 'node:crypto';

/**
 * Merkle tree hashing of RFC 6962 (Certificate Transparency) §2.1, SHA-256:
 * leaf = SHA-256(0x00 || leaf data), node = SHA-256(0x01 || left || right), and a tree of n > 1
 * leaves splits at k, the largest power of two smaller than n. The empty tree's root is SHA-256("").
 * Pure: no I/O; hashes are 32-byte Buffers.
 */

export const HASH_BYTES = 32;
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** RFC 6962 leaf hash of one entry's bytes. */
export const leafHash = (data: Uint8Array): Buffer => createHash('sha256').update(LEAF_PREFIX).update(data).digest();

/** RFC 6962 interior node hash. */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer =>
  createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();

export const emptyTreeRoot = (): Buffer => createHash('sha256').digest();

/** The largest power of two strictly smaller than n (n ≥ 2): RFC 6962's split point. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * A tree built leaf by leaf, keeping only the roots of its perfect subtrees (at most log₂ n
 * hashes), so the root of a log of a million events is computed in one pass without holding it.
 */
export class MerkleFrontier {
  /** Roots of perfect subtrees, largest (leftmost) first, with their sizes in leaves. */
  private readonly subtrees: { hash: Buffer; size: number }[] = [];
  private leaves = 0;

  get size(): number {
    return this.leaves;
  }

  /** Adds a leaf by its leaf hash (see `leafHash`). */
  append(hash: Buffer): void {
    let merged = { hash, size: 1 };
    for (let top = this.subtrees.at(-1); top && top.size === merged.size; top = this.subtrees.at(-1)) {
      this.subtrees.pop();
      merged = { hash: nodeHash(top.hash, merged.hash), size: top.size * 2 };
    }
    this.subtrees.push(merged);
    this.leaves += 1;
  }

  /** Another frontier over the same leaves, to append to without changing this one. */
  copy(): MerkleFrontier {
    const copy = new MerkleFrontier();
    copy.subtrees.push(...this.subtrees);
    copy.leaves = this.leaves;
    return copy;
  }

  /** MTH of the leaves appended so far: the perfect subtrees folded from the right. */
  root(): Buffer {
    if (this.subtrees.length === 0) return emptyTreeRoot();
    let hash = this.subtrees[this.subtrees.length - 1]!.hash;
    for (let index = this.subtrees.length - 2; index >= 0; index -= 1) hash = nodeHash(this.subtrees[index]!.hash, hash);
    return hash;
  }
}

/** MTH(D[n]) of RFC 6962 §2.1 over leaf hashes. */
export function merkleRoot(leafHashes: readonly Buffer[]): Buffer {
  const frontier = new MerkleFrontier();
  for (const hash of leafHashes) frontier.append(hash);
  return frontier.root();
}

/**
 * PATH(m, D[n]) of RFC 6962 §2.1.1: the audit path proving leaf `index` (0-based) is in the tree
 * of `leafHashes`, leaf-side sibling first; ⌈log₂ n⌉ hashes at most. Throws RangeError for an
 * index outside the tree.
 */
export function inclusionProof(index: number, leafHashes: readonly Buffer[]): Buffer[] {
  if (!Number.isInteger(index) || index < 0 || index >= leafHashes.length) {
    throw new RangeError(`Leaf ${index} is outside a tree of ${leafHashes.length} leaves`);
  }
  const path: Buffer[] = [];
  let [start, end, m] = [0, leafHashes.length, index];
  const siblings: Buffer[] = [];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      siblings.push(merkleRoot(leafHashes.slice(start + k, end)));
      end = start + k;
    } else {
      siblings.push(merkleRoot(leafHashes.slice(start, start + k)));
      start += k;
      m -= k;
    }
  }
  // Collected root-side first; the RFC lists the leaf-side sibling first.
  for (let i = siblings.length - 1; i >= 0; i -= 1) path.push(siblings[i]!);
  return path;
}

/**
 * The root an audit path leads to (RFC 9162 §2.1.3.2, the verification algorithm for RFC 6962
 * paths), or null when the path cannot belong to leaf `index` of a tree of `treeSize` leaves
 * (wrong length, index outside the tree, hashes not 32 bytes).
 */
export function rootFromInclusionProof(index: number, treeSize: number, leaf: Buffer, proof: readonly Buffer[]): Buffer | null {
  if (!Number.isInteger(index) || !Number.isInteger(treeSize) || index < 0 || index >= treeSize) return null;
  if (leaf.length !== HASH_BYTES || proof.some((hash) => hash.length !== HASH_BYTES)) return null;
  let fn = index;
  let sn = treeSize - 1;
  let hash = leaf;
  for (const sibling of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      hash = nodeHash(sibling, hash);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      hash = nodeHash(hash, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? hash : null;
}

/** True when `proof` shows the leaf with hash `leaf` at `index` in the tree of `treeSize` leaves with root `root`. */
export function verifyInclusion(index: number, treeSize: number, leaf: Buffer, proof: readonly Buffer[], root: Buffer): boolean {
  const computed = rootFromInclusionProof(index, treeSize, leaf, proof);
  return computed !== null && root.length === HASH_BYTES && computed.equals(root);
}

/** Leaves per block of a MerkleLevels: a proof reads the stored leaf hashes of at most two blocks. */
export const MERKLE_BLOCK_LEAVES = 256;

/** The leaf hashes of one block (0-based), as stored: `blockLeaves` of at most `blockSize` leaves. */
export type BlockLeaves = (block: number) => Buffer[] | Promise<Buffer[]>;

/**
 * The interior of a Merkle tree (RFC 6962) kept above blocks of `blockSize` leaves, built leaf by
 * leaf: `levels[0][b]` is the root of complete block b, `levels[j][i]` the root of the aligned run
 * of 2^j complete blocks starting at block i·2^j. About two hashes per block (8,000 at a million
 * leaves, 256 KB), plus the leaves of the block being filled. An audit path is then read from the
 * levels and from the stored leaves of at most two blocks (the leaf's and the tree's last),
 * O(blockSize + log n) hashes, where `inclusionProof` hashes the whole tree (breaker12e P5).
 * Pure: no I/O; the blocks' leaves come from the caller (`BlockLeaves`).
 */
export class MerkleLevels {
  private readonly levels: Buffer[][] = [[]];
  /** Leaves of the block being filled (fewer than blockSize). */
  private filling: Buffer[] = [];
  private leaves = 0;

  /** @param blockSize leaves per block, a power of two (MERKLE_BLOCK_LEAVES; tests use small ones). */
  constructor(readonly blockSize = MERKLE_BLOCK_LEAVES) {
    if (!Number.isInteger(Math.log2(blockSize))) throw new RangeError(`A block holds a power of two leaves, not ${blockSize}`);
  }

  /** Leaves appended so far. */
  get size(): number {
    return this.leaves;
  }

  /** Adds a leaf by its leaf hash (see `leafHash`): when it completes a block, the block's root and the runs it completes. */
  append(hash: Buffer): void {
    this.filling.push(hash);
    this.leaves += 1;
    if (this.filling.length < this.blockSize) return;
    let node = merkleRoot(this.filling);
    this.filling = [];
    for (let level = 0; ; level += 1) {
      const row = (this.levels[level] ??= []);
      row.push(node);
      if (row.length % 2 === 1) return;
      node = nodeHash(row[row.length - 2]!, node);
    }
  }

  /** Other levels over the same leaves, to append to without changing these (O(n / blockSize)). */
  copy(): MerkleLevels {
    const copy = new MerkleLevels(this.blockSize);
    copy.levels.length = 0;
    for (const row of this.levels) copy.levels.push(row.slice());
    copy.filling = this.filling.slice();
    copy.leaves = this.leaves;
    return copy;
  }

  /**
   * PATH(index, D[treeSize]) of RFC 6962 §2.1.1, as `inclusionProof` gives it, for a tree of the
   * first `treeSize` leaves appended (treeSize ≤ size: an older checkpoint's tree too), reading the
   * leaves of at most two blocks through `blockLeaves`. Throws RangeError for an index outside the
   * tree or a tree larger than what was appended.
   */
  async auditPath(index: number, treeSize: number, blockLeaves: BlockLeaves): Promise<Buffer[]> {
    if (!Number.isInteger(treeSize) || treeSize < 1 || treeSize > this.leaves) throw new RangeError(`A tree of ${treeSize} leaves is not within the ${this.leaves} appended`);
    if (!Number.isInteger(index) || index < 0 || index >= treeSize) throw new RangeError(`Leaf ${index} is outside a tree of ${treeSize} leaves`);
    const read = new Map<number, Buffer[]>();
    const leavesOf = async (block: number) => {
      let leaves = read.get(block);
      if (!leaves) read.set(block, (leaves = await blockLeaves(block)));
      return leaves;
    };
    const siblings: Buffer[] = [];
    let [start, end] = [0, treeSize];
    while (end - start > 1) {
      const k = splitPoint(end - start);
      if (index < start + k) {
        siblings.push(await this.rangeRoot(start + k, end, leavesOf));
        end = start + k;
      } else {
        siblings.push(await this.rangeRoot(start, start + k, leavesOf));
        start += k;
      }
    }
    return siblings.reverse();
  }

  /** MTH of leaves [start, end) as RFC 6962 splits them: complete aligned runs of blocks from the levels, the rest from their block's leaves. */
  private async rangeRoot(start: number, end: number, leavesOf: (block: number) => Promise<Buffer[]>): Promise<Buffer> {
    const n = end - start;
    const blocks = n / this.blockSize;
    if (Number.isInteger(blocks) && Number.isInteger(Math.log2(blocks)) && start % n === 0) {
      const node = this.levels[Math.log2(blocks)]?.[start / n];
      if (node) return node;
    }
    const block = Math.floor(start / this.blockSize);
    if (block === Math.floor((end - 1) / this.blockSize)) {
      const leaves = (await leavesOf(block)).slice(start - block * this.blockSize, end - block * this.blockSize);
      if (leaves.length !== n) throw new RangeError(`Block ${block} holds fewer leaves than the tree needs`);
      return merkleRoot(leaves);
    }
    const k = splitPoint(n);
    return nodeHash(await this.rangeRoot(start, start + k, leavesOf), await this.rangeRoot(start + k, end, leavesOf));
  }
}
