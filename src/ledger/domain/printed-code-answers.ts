import { say, type Bilingual } from '../../shared/domain-error.js';
import { checkpointAlteration, ledgerCode, type PrintedLedgerCode, type SignedCheckpoint } from './checkpoint.js';
import { MerkleFrontier } from './merkle.js';

/**
 * newcomer46-9 S1: every printed 台账校验码 given to a verification gets its own answer, whatever else the verification
 * finds — a code covering only events before an edited row was left without a word (neither 相符 nor 「未作比对」), and of
 * two codes only the one that did not match was reported. The root of the first N events recomputed from their content
 * is what a code vouches for, so it is compared whatever the hashes stored beside them say: a chain found broken first
 * stops nothing here. Pure apart from hashing (RFC 6962 roots, one node hash per event while a code is pending).
 */

/**
 * How a printed code compares with the log: `MATCHES` — the first N events recomputed from their content give it;
 * `DIFFERS` — they give another root; `BEYOND_END` — the log holds fewer than N events; `NOT_COMPARED` — an event among
 * the first N cannot be read (damaged JSON), so their root cannot be recomputed.
 */
export const PrintedCodeVerdicts = ['MATCHES', 'DIFFERS', 'BEYOND_END', 'NOT_COMPARED'] as const;
export type PrintedCodeVerdict = (typeof PrintedCodeVerdicts)[number];

/** One printed code's answer, in both languages. */
export interface PrintedCodeAnswer {
  /** The code as `ledgerCode` prints it. */
  readonly code: string;
  /** The number of events it covers. */
  readonly treeSize: number;
  readonly verdict: PrintedCodeVerdict;
  /**
   * The code is most likely miscopied rather than the log changed (newcomer46-9 M1): its root differs from the recomputed
   * one in a few characters only (no change to the events gives a root that close), or it is the root a signed checkpoint of
   * the office holds for another count, or a signed checkpoint of the same count holds the recomputed root.
   */
  readonly likelyMiscopied: boolean;
  /** For DIFFERS: the code the first N events give, recomputed (to compare by eye); else null. */
  readonly recomputed: string | null;
  readonly message: string;
  readonly messageZh: string;
}

/** At most this many characters differing between a printed root and the recomputed one read as a miscopy: SHA-256 gives no root that close for other events. */
const MISCOPIED_CHARACTERS = 4;

/**
 * Compares the printed codes with the log fed to it in order (`feed`, every event, whatever the verification found) and
 * answers each (`answers`). `checkpoints`: the store's signed checkpoints, to recognise a miscopied code.
 */
export class PrintedCodeReader {
  private readonly frontier = new MerkleFrontier();
  private readonly pending: PrintedLedgerCode[];
  private readonly answered = new Map<PrintedLedgerCode, PrintedCodeAnswer>();
  private unreadableAt: { readonly number: number; readonly position: string } | null = null;
  private lastPosition: string | null = null;

  constructor(
    private readonly codes: readonly PrintedLedgerCode[],
    private readonly checkpoints: readonly (SignedCheckpoint & { readonly sequence?: number })[],
  ) {
    this.pending = [...codes].sort((a, b) => a.treeSize - b.treeSize);
    this.answerAt(null);
  }

  /** Whether a code is still to be compared with events not yet fed. */
  get wanted(): boolean {
    return this.unreadableAt === null && this.pending.length > 0;
  }

  /** The next event's leaf hash (null: it cannot be read), at `position`; answers the codes covering exactly the events fed so far. */
  feed(leaf: Buffer | null, position: string): void {
    if (!this.wanted) return;
    if (leaf === null) {
      this.unreadableAt = { number: this.frontier.size + 1, position };
      return;
    }
    this.frontier.append(leaf);
    this.lastPosition = position;
    this.answerAt(position);
  }

  /** The code among those for `size` events that does not match, if one does not (the verification's PRINTED_CODE_MISMATCH). */
  differingAt(size: number): PrintedCodeAnswer | null {
    return [...this.answered.values()].find((answer) => answer.treeSize === size && answer.verdict === 'DIFFERS') ?? null;
  }

  /** Every code given, in the order given, with its answer; codes not reached are answered as beyond the log's end, or not compared past an unreadable event. */
  answers(): PrintedCodeAnswer[] {
    return this.codes.map((printed) => this.answered.get(printed) ?? this.unreached(printed));
  }

  private answerAt(position: string | null): void {
    const size = this.frontier.size;
    while (this.pending[0] && this.pending[0].treeSize === size) {
      const printed = this.pending.shift()!;
      const recomputed = ledgerCode({ treeSize: size, rootHash: this.frontier.root() });
      this.answered.set(printed, recomputed === printed.code ? matches(printed) : this.differs(printed, recomputed, position));
    }
  }

  private differs(printed: PrintedLedgerCode, recomputed: string, position: string | null): PrintedCodeAnswer {
    const size = printed.treeSize;
    const apart = charactersApart(printed.code, recomputed);
    const signed = this.soundCheckpoints().find((checkpoint) => checkpoint.treeSize === size && ledgerCode(checkpoint) === recomputed);
    const upTo = position ? say(` (up to position ${position})`, `（止于位置 ${position}）`) : say('', '');
    const head = say(
      `The printed ledger code ${printed.code} does not match: the first ${size} events${upTo.en}, recomputed from their content, give ${recomputed}.`,
      `打印的台账校验码 ${printed.code} 不相符：按内容重新计算，前 ${size} 条事件${upTo.zh}的台账校验码是 ${recomputed}。`,
    );
    const miscopied = apart.length <= MISCOPIED_CHARACTERS ? differingCharacters(apart) : signed ? signedReads(signed) : null;
    const tail = miscopied
      ? say(`${miscopied.en} The printed code is most likely miscopied: compare it with the paper character by character.`, `${miscopied.zh}打印的校验码很可能抄错，请与纸质原件逐字核对。`)
      : say(
          'Either the code was miscopied (it has no check digit: compare it with the paper character by character first) or printed by another store, or events up to there were changed, removed or reordered since it was printed.',
          '要么校验码抄错（校验码没有校验位，请先与纸质原件逐字核对）或是另一个事件库打印的，要么这些记录在打印之后被修改、删除或调换。',
        );
    return { code: printed.code, treeSize: size, verdict: 'DIFFERS', likelyMiscopied: miscopied !== null, recomputed, message: `${head.en} ${tail.en}`, messageZh: `${head.zh}${tail.zh}` };
  }

  private unreached(printed: PrintedLedgerCode): PrintedCodeAnswer {
    const unreadable = this.unreadableAt;
    if (unreadable && printed.treeSize >= unreadable.number) {
      return {
        code: printed.code,
        treeSize: printed.treeSize,
        verdict: 'NOT_COMPARED',
        likelyMiscopied: false,
        recomputed: null,
        message: `The printed ledger code ${printed.code} (the first ${printed.treeSize} events) was not compared: event ${unreadable.number} (position ${unreadable.position}), within them, cannot be read, so their code cannot be recomputed.`,
        messageZh: `打印的台账校验码 ${printed.code}（前 ${printed.treeSize} 条事件）未作比对：其中第 ${unreadable.number} 条事件（位置 ${unreadable.position}）无法读取，无法按内容重新计算。`,
      };
    }
    const size = this.frontier.size;
    const last = this.lastPosition;
    // newcomer46-9 M1 a: a count miscopied (9234 for 234) is not 9000 events deleted when a signed checkpoint holds its root.
    const sameRoot = this.soundCheckpoints().find((checkpoint) => checkpoint.rootHash.equals(printed.rootHash));
    const holds = say(`the log holds only ${size} events${last ? ` (up to position ${last})` : ''}`, `台账现在只有 ${size} 条事件${last ? `（止于位置 ${last}）` : ''}`);
    const tail = sameRoot
      ? say(
          `; but its root is the one ${signedName(sameRoot).en} holds for ${sameRoot.treeSize} events (${ledgerCode(sameRoot)}): the count was most likely miscopied — compare it with the paper.`,
          `；但其根哈希与${signedName(sameRoot).zh}（涵盖 ${sameRoot.treeSize} 条事件）的相同（${ledgerCode(sameRoot)}）：很可能是事件条数抄错，请与纸质原件核对。`,
        )
      : say(
          `: events ${size + 1} to ${printed.treeSize} were removed since it was printed — unless the code was miscopied (check its count against the paper) or printed by another store.`,
          `：第 ${size + 1} 至第 ${printed.treeSize} 条事件在打印之后被删除——除非校验码抄错（请与纸质原件核对事件条数）或是另一个事件库打印的。`,
        );
    return {
      code: printed.code,
      treeSize: printed.treeSize,
      verdict: 'BEYOND_END',
      likelyMiscopied: sameRoot !== undefined,
      recomputed: null,
      message: `The printed ledger code ${printed.code} covers ${printed.treeSize} events, but ${holds.en}${tail.en}`,
      messageZh: `打印的台账校验码 ${printed.code} 涵盖 ${printed.treeSize} 条事件，而${holds.zh}${tail.zh}`,
    };
  }

  /** The checkpoints whose stored fields are as signed (a forged row says nothing of what the office printed). */
  private soundCheckpoints(): readonly (SignedCheckpoint & { readonly sequence?: number })[] {
    return this.checkpoints.filter((checkpoint) => checkpointAlteration(checkpoint) === null);
  }
}

function matches(printed: PrintedLedgerCode): PrintedCodeAnswer {
  return {
    code: printed.code,
    treeSize: printed.treeSize,
    verdict: 'MATCHES',
    likelyMiscopied: false,
    recomputed: null,
    message: `The printed ledger code ${printed.code} matches the first ${printed.treeSize} events, recomputed from their content.`,
    messageZh: `打印的台账校验码 ${printed.code} 与按内容重新计算的前 ${printed.treeSize} 条事件相符。`,
  };
}

/** The places (group 1–8 of the root, character 1–8 in it) where two codes of the same count differ, with each one's character there. */
function charactersApart(printed: string, recomputed: string): { group: number; at: number; printed: string; recomputed: string }[] {
  const groups = (code: string) => code.split('-').slice(1);
  const mine = groups(printed);
  const theirs = groups(recomputed);
  return mine.flatMap((group, g) => [...group].flatMap((char, c) => (char === theirs[g]?.[c] ? [] : [{ group: g + 1, at: c + 1, printed: char, recomputed: theirs[g]![c]! }])));
}

function differingCharacters(apart: ReturnType<typeof charactersApart>): Bilingual {
  const en = apart.map((place) => `group ${place.group}, character ${place.at}: ${place.printed} printed, ${place.recomputed} recomputed`).join('; ');
  const zh = apart.map((place) => `第 ${place.group} 组第 ${place.at} 位：打印的是 ${place.printed}，计算得 ${place.recomputed}`).join('；');
  return say(
    `They differ in ${apart.length} character(s) only (${en}) — a change to the events gives a wholly different code.`,
    `两者只有 ${apart.length} 个字符不同（${zh}）——记录被改动时，校验码会完全不同。`,
  );
}

function signedName(checkpoint: SignedCheckpoint & { readonly sequence?: number }): Bilingual {
  return checkpoint.sequence ? say(`signed checkpoint ${checkpoint.sequence}`, `已签署的第 ${checkpoint.sequence} 号校验点`) : say('a signed checkpoint', '一个已签署的校验点');
}

function signedReads(checkpoint: SignedCheckpoint & { readonly sequence?: number }): Bilingual {
  return say(
    `The office's ${signedName(checkpoint).en} of the same ${checkpoint.treeSize} events (taken at ${checkpoint.takenAt}) reads ${ledgerCode(checkpoint)}, which is what the events give.`,
    `本单位${signedName(checkpoint).zh}（同为 ${checkpoint.treeSize} 条事件）读作 ${ledgerCode(checkpoint)}，与按内容计算的一致。`,
  );
}

/**
 * Each printed code of a verification that could read nothing (the store file gone under the server, unreadable):
 * answered `NOT_COMPARED`, saying why (`why`, e.g. 「事件库文件已不在原处」), so that no code given is left without a word.
 */
export function codesNotCompared(codes: readonly PrintedLedgerCode[], why: Bilingual): PrintedCodeAnswer[] {
  return codes.map((printed) => ({
    code: printed.code,
    treeSize: printed.treeSize,
    verdict: 'NOT_COMPARED',
    likelyMiscopied: false,
    recomputed: null,
    message: `The printed ledger code ${printed.code} (the first ${printed.treeSize} events) was not compared: ${why.en}`,
    messageZh: `打印的台账校验码 ${printed.code}（前 ${printed.treeSize} 条事件）未作比对：${why.zh}`,
  }));
}
