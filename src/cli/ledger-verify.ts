import { otherStoreHereProblem } from './other-store-here.js';
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnvFile, validateSettings } from '../config/app-settings.js';
import { ledgerCodeFault, noEventsCodeWords, parseLedgerCode } from '../ledger/domain/checkpoint.js';
import { describeCheckpoint, verifyLedger } from '../ledger/ledger-operations.js';
import { SqliteLedger } from '../ledger/sqlite-ledger.js';
import { witnessExpectations } from '../ledger/witnessed-head.js';
import { copyHeldFile } from '../event-store/held-file-read.js';
import { readWitness, WAL_DAMAGE_SAID } from '../event-store/store-witness.js';
import { walBreakOnDisk, type WalBreak } from '../event-store/wal-file-mark.js';
import { keptCopyFor, readKeyFolderWitnessesLeniently, keyFolderWitnessFolder } from '../event-store/key-folder-witness.js';
import { findOtherCopyWrites, otherCopyAcceptanceWords, otherCopyWords, type OtherCopyWrites } from '../event-store/other-copy-writes.js';
import { chainHashIn, rowsByOtherWritersIn } from '../event-store/sqlite-store-inspection.js';
import { realPlaceOf } from '../event-store/store-place.js';
import { clockAheadAcceptanceWords, type ClockAheadAcceptance } from '../event-store/clock-behind.js';
import { allEventSchemas } from '../event-sourcing/all-event-schemas.js';
import { datedAfterRealDay, datedAheadHeading, datedAheadLines, realDayOf, type DatedAhead } from '../event-store/clock-ahead-office-days.js';
import { ToolRefusal, UsageError, bothLines, runTool, type ToolUsage } from './cli-failure.js';
import { sealCheckOf, trustedKeysOf, witnessOfThisStore } from './ledger-keys-at-hand.js';
import { diskFullOf } from '../event-store/disk-full.js';
import { say, type Bilingual } from '../shared/domain-error.js';
import { officeInstantZh } from '../shared/calendar-date.js';

const USAGE: ToolUsage = {
  zh: `用法：npm run ledger:verify -- [--db <SQLite 文件，默认 SQLITE_PATH>] [--witness <文件>] [--code <台账校验码>]… [--acknowledge-reset=<时刻>] [--json]
按文件中的事件重新计算每条事件的哈希、哈希链和每个已签署的校验点，并指出第一条不相符的事件。
--code <台账校验码>：与此前打印的台账校验码（如年度报告中的）核对，可给多个：按事件内容重新计算前 N 条事件的校验码，
不符即说明此后事件被修改、删除或调换——即使事件库中的哈希和校验点被一并改写或删除。每次校验都会打印当前的台账校验码。
同时与记录之外保存的内容核对：事件库见证文件（--witness，默认 STORE_WITNESS_PATH 或 <db>.witness.json）、
文件自身对事件和校验点的编号、以及请求索引；从末尾删除的事件按位置区间列出。只读：服务可以同时运行。
--acknowledge-reset=<时刻>：本单位已记录该时刻（见证文件中的 resetAcceptedAt，不符时校验输出会给出）以 ACCEPT_STORE_RESET
接受的恢复所丢失的校验点：此后每次校验仍列出它们，但不再因此判为不完好（定时校验可恢复正常）；其他问题照常报告。
退出状态：0 台账完好，1 台账不完好（或无法读取），2 用法有误。`,
  en: `Usage: npm run ledger:verify -- [--db <SQLite file, default SQLITE_PATH>] [--witness <file>] [--code <ledger code>]… [--acknowledge-reset=<instant>] [--json]
Recomputes every event's hash, the hash chain and every signed checkpoint from the events in the
file, and names the first event that does not match.
--code <ledger code>: a 台账校验码 printed earlier (an annual report), repeatable: the code of the first N
events is recomputed from their content; another code means they were changed, removed or reordered since —
even where the store's hashes and checkpoints were rewritten or removed with them. Every run prints the current code. Compares the log with what survives apart
from its rows: the store witness (--witness, default STORE_WITNESS_PATH, or <db>.witness.json),
the file's own numbering of events and checkpoints, and the request index; events removed from
the end are named as a range of positions. Reads only: the server may be running.
--acknowledge-reset=<instant>: the office has recorded what the restore accepted (ACCEPT_STORE_RESET) at that instant
lost (the witness's resetAcceptedAt; a verification that meets such a loss prints it): its lost checkpoints are still
listed on every run, but no longer make it fail (a scheduled check clears); anything else is reported as before.
Exit status: 0 the ledger is intact, 1 it is not (or cannot be read), 2 usage.`,
};

/**
 * The spans of records a start accepted as stamped by a clock that was ahead (breaker9q P4), as the
 * store witness keeps them (`StoreWitness.clockAheadAccepted`, oldest first); empty when there are none
 * or the witness cannot be read (the verification reports a damaged witness).
 */
function clockAheadAcceptedIn(witnessPath: string, storeId: string | null): readonly ClockAheadAcceptance[] {
  // Another store's witness (breaker9z P10) says nothing of this log's records.
  return witnessOfThisStore(witnessPath, storeId)?.clockAheadAccepted ?? [];
}

/**
 * For each accepted span (`ClockAheadAcceptance.from`…`upTo`), its records whose office day is after the
 * real day of the acceptance (breaker9r P2, `datedAfterRealDay`); a span with no records stamped ahead
 * (only the witness was) has none. Rows whose data is not JSON are left to the verification.
 */
function datedAheadIn(db: Database.Database, accepted: readonly ClockAheadAcceptance[]): { accepted: ClockAheadAcceptance; records: DatedAhead[] }[] {
  const schemas = allEventSchemas();
  const rowsOf = db.prepare('SELECT position, stream_id AS streamId, type, schema_version AS schemaVersion, data, recorded_at AS recordedAt FROM events WHERE position BETWEEN ? AND ? ORDER BY position');
  return accepted.map((acceptance) => {
    if (acceptance.from === null || acceptance.upTo === null) return { accepted: acceptance, records: [] };
    const rows = (rowsOf.all(acceptance.from, acceptance.upTo) as { position: number; streamId: string; type: string; schemaVersion: number; data: string; recordedAt: string }[]).flatMap((row) => {
      try {
        return [{ ...row, position: BigInt(row.position), data: JSON.parse(row.data) as Record<string, unknown> }];
      } catch {
        return [];
      }
    });
    return { accepted: acceptance, records: datedAfterRealDay(rows, realDayOf(acceptance), schemas) };
  });
}

/**
 * Whether `--acknowledge-reset=<instant>` names the restore the store witness says was accepted last (`resetAcceptedAt`),
 * and the note to print when it does not: an acknowledgement of another restore (or of none) acknowledges nothing.
 */
function resetAcknowledgement(given: string | null, accepted: string | null): { acknowledged: boolean; note: Bilingual | null } {
  if (given === null) return { acknowledged: false, note: null };
  if (given === accepted) return { acknowledged: true, note: null };
  return {
    acknowledged: false,
    note: accepted
      ? say(
          `--acknowledge-reset=${given} does not name the restore accepted last (${accepted}): nothing is acknowledged.`,
          `--acknowledge-reset=${given} 与最近一次接受恢复的时刻（${accepted}）不符：未确认任何损失。`,
        )
      : say(`--acknowledge-reset=${given}: no accepted restore is on record for this store (the store witness names none): nothing is acknowledged.`, `--acknowledge-reset=${given}：本事件库没有接受恢复的记录（见证文件中没有）：未确认任何损失。`),
  };
}

/**
 * newcomer46-9 M6: what ledger:verify says of the start that accepted this store as it was (`StoreWitness.resetAcceptedAt`):
 * that records acknowledged before it and not in the store then are not in this ledger, and where what was seen before is
 * kept (that start's log, the witness copies it moved aside). Both languages; the instant ISO-8601 and in the office's time.
 */
export function resetAcceptedWords(at: string): Bilingual {
  return say(
    `Accepted (--accept-store-reset, ${at}): a start took this store as it was then (a restore from an older backup, a store it did not recognise). Records acknowledged before that start and missing from the store then are not in this ledger, and nothing here can name them: the server log of that start says what it accepted, and the witness copies it moved aside (*.retired-*) what was seen before.`,
    `已接受（--accept-store-reset，${officeInstantZh(at)}）：某次启动按当时的现状接受了本事件库（例如从较早的备份恢复，或未能识别的事件库）。该次启动之前已确认写入、而当时事件库中没有的记录不在本台账中，本校验无法指出它们：该次启动的服务器日志记有所接受的内容，其移开留存的见证副本（*.retired-*）记有此前看到的情况。`,
  );
}

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      witness: { type: 'string' },
      code: { type: 'string', multiple: true },
      'acknowledge-reset': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) throw new UsageError();
  const printedCodes = (values.code ?? []).map((text) => {
    const printed = parseLedgerCode(text);
    // breaker45-9 M1: a code for 0 events is no code an office printed.
    if (printed?.treeSize === 0) throw new UsageError(noEventsCodeWords(say(`--code ${text}`, `参数 --code ${text} `)));
    if (printed) return printed;
    // newcomer46-9 M1 c: which character or group is wrong (a letter O for a 0), not only that it is no code.
    const fault = ledgerCodeFault(text);
    throw new UsageError(
      say(
        `--code ${text}: not a 台账校验码 (the number of events, then eight groups of eight hex digits, as printed)${fault.en ? `: ${fault.en}` : ''}.`,
        `--code ${text}：不是台账校验码（应为事件条数，后接 8 组、每组 8 位的十六进制数字，以“-”分隔，与打印的一致）${fault.zh ? `：${fault.zh}` : ''}。`,
      ),
    );
  });
  // With --db, the witness defaults to the one beside that file (unless STORE_WITNESS_PATH says otherwise).
  const settings = validateSettings({ ...process.env, ...(values.db ? { SQLITE_PATH: values.db } : {}) });
  return { path: settings.SQLITE_PATH, witness: values.witness ?? settings.STORE_WITNESS_PATH, json: values.json ?? false, acknowledgeReset: values['acknowledge-reset'] ?? null, printedCodes, settings };
}

async function main(): Promise<number> {
  loadEnvFile();
  const options = parseOptions(process.argv.slice(2));
  // The witness first (breaker9g P8): a store deleted or emptied where it saw events is a loss to
  // restore, not a store "not chained yet" nor merely missing — said so, and in --json too.
  if (!existsSync(options.path)) {
    const lost = reportLoss(options, 'deleted');
    if (lost !== null) return lost;
    throw new ToolRefusal(say(`${options.path} does not exist.`, `${options.path} 不存在，未能校验台账。`));
  }
  const opened = openToVerify(options.path);
  const db = opened.db;
  try {
    const ledger = ledgerOf(db, options.path);
    if (!holdsEvents(db, options.path)) {
      const lost = reportLoss(options, 'emptied');
      if (lost !== null) return lost;
      if (!hasEventsTable(db)) throw new ToolRefusal(noEventsTableWords(options.path));
    }
    if (!ledger.chained) {
      if (options.json) {
        console.log(JSON.stringify({ ok: false, chained: false, message: `${options.path} has not been chained yet.`, messageZh: `${options.path} 尚未建立哈希链。` }, null, 2));
        return 1;
      }
      console.error(
        bothLines(
          say(
            `${options.path} has not been chained yet: the server chains an existing log once, when it first starts after the upgrade.`,
            `${options.path} 尚未建立哈希链：服务升级后首次启动时会为已有日志建立一次。`,
          ),
        ),
      );
      return 1;
    }
    // The witness first: the log read after it can only be longer than what it saw.
    const settings = options.settings;
    const witness = withOtherStoreHere(withOtherCopy(withKeptCopy(witnessExpectations(options.witness, ledger.storeId()), options, ledger.storeId()), db, options, ledger.storeId()), options, ledger.storeId());
    const trusted = trustedKeysOf(settings, options.witness, ledger);
    const seals = sealCheckOf(settings, ledger, options.witness, trusted.keys);
    // breaker9x S3: the losses of the restore accepted at that instant, acknowledged by the office — only that restore's.
    const acknowledgement = resetAcknowledgement(options.acknowledgeReset, witness.expectations.resetAcceptedAt ?? null);
    const result = await verifyLedger(ledger, { ...witness.expectations, trustedKeys: trusted.keys, formerKeys: trusted.formerKeys, sealKey: seals.key, resetAcknowledged: acknowledgement.acknowledged, printedCodes: options.printedCodes });
    const clockAhead = clockAheadAcceptedIn(options.witness, ledger.storeId());
    const otherCopyAccepted = witnessOfThisStore(options.witness, ledger.storeId())?.otherCopyAccepted ?? [];
    const datedAhead = datedAheadIn(db, clockAhead);
    const latest = ledger.latestCheckpoint();
    const forged = ledger.indexRowsWithoutEvents();
    const indexIntact = forged.requests.total === 0 && forged.claims.total === 0 && forged.sharedCommands.total === 0;
    if (options.json) {
      const latestCheckpoint = latest && { sequence: latest.sequence, treeSize: latest.treeSize, takenAt: latest.takenAt, rootHash: latest.rootHash.toString('hex') };
      console.log(
        JSON.stringify(
          {
            ...result,
            ok: result.ok && indexIntact,
            chainOk: result.ok,
            indexRowsWithoutEvents: forged,
            witness: witness.note,
            latestCheckpoint,
            clockAheadAccepted: clockAhead,
            otherCopyAccepted,
            datedAfterRealDay: datedAhead.map(({ accepted, records }) => ({ acceptedAt: accepted.at, realDay: realDayOf(accepted), records })),
          },
          null,
          2,
        ),
      );
      return result.ok && indexIntact ? 0 : 1;
    }
    // Every note in both languages, Chinese first (breaker9b N9: the notes were English only; breaker9e P2).
    const both = (line: Bilingual) => console.log(bothLines(line));
    both(witness.note);
    both(trusted.note);
    both(seals.note);
    if (acknowledgement.note) both(acknowledgement.note);
    for (const lost of result.acknowledgedLosses ?? []) both(say(`Acknowledged (--acknowledge-reset): ${lost.message}`, `已确认（--acknowledge-reset）：${lost.messageZh}`));
    // newcomer46-9 M6: a store accepted as it was is said so, for good — after it verify said a bare 台账完好.
    const resetAt = witness.expectations.resetAcceptedAt ?? null;
    if (resetAt) both(resetAcceptedWords(resetAt));
    // Recording times out of order by an operator's acceptance are named, never a mismatch: the order is the position.
    for (const accepted of clockAhead) both(clockAheadAcceptanceWords(accepted));
    // Another copy's records an operator accepted as this copy's (script 07): named for good, never a mismatch.
    for (const accepted of otherCopyAccepted) both(otherCopyAcceptanceWords(accepted));
    // breaker9r P2: each span's records dated after the real day (the fast clock's "today"), with what re-dates each.
    for (const { accepted, records } of datedAhead) {
      both(datedAheadHeading(records.length, accepted));
      for (const line of datedAheadLines(records, realDayOf(accepted))) both(line);
    }
    if (result.headLedgerCode) {
      both(say(`Current ledger code (the ${result.eventsChecked} events checked, recomputed from their content): ${result.headLedgerCode}`, `当前台账校验码（按内容重新计算的 ${result.eventsChecked} 条已校验事件）：${result.headLedgerCode}`));
    }
    if (result.ok) {
      both(
        // newcomer15 S8: "all 0 checkpoints match" read oddly on a store that has none yet.
        result.checkpointsChecked === 0
          ? say(`Ledger intact: ${result.eventsChecked} events chained; no signed checkpoint yet.`, `台账完好：${result.eventsChecked} 条事件的哈希链完整；尚无已签署的校验点。`)
          : say(
              result.checkpointsChecked === 1
                ? `Ledger intact: ${result.eventsChecked} events chained, the 1 signed checkpoint matches.`
                : `Ledger intact: ${result.eventsChecked} events chained, ${result.checkpointsChecked} signed checkpoints match.`,
              `台账完好：${result.eventsChecked} 条事件的哈希链完整，${result.checkpointsChecked} 个已签署的校验点全部相符。`,
            ),
      );
      both(say(`Head: position ${result.headPosition ?? '(empty log)'}, chain hash ${result.headChainHash}`, `日志末端：位置 ${result.headPosition ?? '（空日志）'}，链哈希 ${result.headChainHash}`));
      for (const answer of result.printedCodeAnswers) both(say(answer.message, answer.messageZh));
      // breaker9y P10: a copy rewritten whole (hashes recomputed, checkpoints removed) chains too — only a code kept apart shows it.
      if (result.checkpointsChecked === 0 && result.printedCodesChecked === 0) {
        both(
          say(
            'Nothing kept apart from this file was compared: a copy rewritten whole (its hashes recomputed, its checkpoints removed) would chain too. Compare a printed 台账校验码: npm run ledger:verify -- --code <code>.',
            '没有与本文件之外保存的内容核对：整份被改写的副本（哈希重算、校验点删除）同样能通过哈希链检查。请与打印的台账校验码核对：npm run ledger:verify -- --code <台账校验码>。',
          ),
        );
      }
      const described = latest ? describeCheckpoint(latest) : null;
      both(described ? say(`Latest checkpoint ${described.en}`, `最新校验点：${described.zh}`) : say('No checkpoint has been taken yet.', '尚未生成任何校验点。'));
    } else {
      const mismatch = result.firstMismatch!;
      // The positions missing, first to last (breaker9z P2 c: 「缺少位置 72 之后直到位置 73 的事件」 read as two positions for the one deleted, 73).
      const missingRange = mismatch.missingUpTo ? missingPositions(mismatch.missingAfter ?? null, mismatch.missingUpTo) : null;
      const missing = missingRange ? `, missing after position ${mismatch.missingAfter ?? '(the start)'} up to position ${mismatch.missingUpTo} (position ${missingRange})` : '';
      const missingZh = missingRange ? `，缺少位置 ${missingRange} 的事件` : '';
      console.log(`台账不符（${mismatch.kind}）：第 ${mismatch.eventNumber} 条事件${mismatch.position ? `，位置 ${mismatch.position}` : ''}${mismatch.eventId ? `，事件 ${mismatch.eventId}` : ''}${missingZh}：`);
      // breaker46-9 M1: a log shorter than what was seen because its own -wal is damaged from a frame on is not "events removed":
      // said as the start says it (`walBrokenRefusal`), naming the -wal and what it still holds.
      const walDamage = mismatch.kind === 'LOG_TRUNCATED' ? walBreakOnDisk(options.path) : null;
      const told = walDamage ? damagedWalWords(options.path, walDamage) : say(mismatch.message, mismatch.messageZh);
      console.log(`  ${told.zh}`);
      console.log(`LEDGER MISMATCH (${mismatch.kind}) at event ${mismatch.eventNumber}${mismatch.position ? `, position ${mismatch.position}` : ''}${mismatch.eventId ? `, event ${mismatch.eventId}` : ''}${missing}:`);
      console.log(`  ${told.en}`);
      // breaker9x S3: a loss the operator accepted fails every run until the office acknowledges it — said how.
      if (mismatch.acceptedResetAt) {
        both(
          say(
            `Once the office has recorded this loss (compare the printed 台账校验码 with a backup), later runs can acknowledge it and pass: npm run ledger:verify -- --acknowledge-reset=${mismatch.acceptedResetAt} (it is still listed on every run; anything else still fails).`,
            `本单位记录此项损失后（请将打印的台账校验码与备份核对），此后的校验可加 --acknowledge-reset=${mismatch.acceptedResetAt} 确认，不再因此判为不完好：npm run ledger:verify -- --acknowledge-reset=${mismatch.acceptedResetAt}（每次仍会列出；其他问题照常报告）。`,
          ),
        );
      }
      // breaker9x S3: a log judged against what a witness or a checkpoint saw (rewritten, cut, checkpoints gone) was
      // checked before that point only against itself — its rows chain, but nothing shows they are the ones recorded.
      const judgedAgainstHistory = ['HEAD_REWRITTEN', 'LOG_TRUNCATED', 'CHECKPOINT_MISMATCH', 'CHECKPOINT_MISSING'].includes(mismatch.kind);
      const codeOfMismatch = result.printedCodeAnswers.find((answer) => answer.messageZh === mismatch.messageZh);
      if (mismatch.kind === 'PRINTED_CODE_MISMATCH') {
        // breaker9z P5: the events a printed code does not match were never "intact" — whatever their own hashes say;
        // newcomer46-9 M1: but a code most likely miscopied is not told as events rewritten.
        if (!codeOfMismatch?.likelyMiscopied) {
          both(
            say(
              `These ${mismatch.eventNumber} events chain together with the hashes the file stores, but they do not give the printed code: either it was miscopied (compare it with the paper character by character first) or printed by another store, or at least one of them was changed, removed or reordered since it was printed, its hashes and checkpoints rewritten with it. If the code is as printed, compare the events with a backup.`,
              `这 ${mismatch.eventNumber} 条事件与文件中保存的哈希相连，但算不出打印的校验码：要么校验码抄错（请先与纸质原件逐字核对）或是另一个事件库打印的，要么其中至少一条在打印之后被修改、删除或调换，其哈希和校验点也被一并改写。校验码核对无误时，请与备份核对这些事件。`,
            ),
          );
        }
        // newcomer50-9 M4: the code differing is the only finding — the ledger itself was checked to its end.
        both(
          say(
            `The ledger itself was checked to its end all the same: ${result.eventsChecked} events chained, ${result.checkpointsChecked} signed checkpoint${result.checkpointsChecked === 1 ? '' : 's'} matching — nothing else was found.`,
            `台账本身仍已校验到末尾：${result.eventsChecked} 条事件的哈希链完整，${result.checkpointsChecked} 个已签署的校验点相符——除此之外未发现问题。`,
          ),
        );
      } else if (result.eventsChecked > 0 && mismatch.eventNumber > 1) {
        both(
          judgedAgainstHistory
            ? say(
                `The ${result.eventsChecked} events before it read soundly and chain together, but that does not show they are the ones recorded: a log rewritten or restored from another copy may differ before this point too (compare them with a backup or a printed ledger code).`,
                `其前的 ${result.eventsChecked} 条事件可以正确读出且哈希链相连，但这不能证明它们就是原来记录的事件：被改写或从另一副本恢复的台账在此之前也可能不同（请与备份或打印的台账校验码核对）。`,
              )
            : say(`${result.eventsChecked} events before it are intact.`, `其前的 ${result.eventsChecked} 条事件完好。`),
        );
      }
    }
    // newcomer46-9 S1: every code given answered, whatever was found (the one the mismatch itself names is not said twice).
    if (!result.ok) for (const answer of result.printedCodeAnswers) if (answer.messageZh !== result.firstMismatch?.messageZh) both(say(answer.message, answer.messageZh));
    for (const line of indexRowsWords(forged)) both(line);
    return result.ok && indexIntact ? 0 : 1;
  } catch (error) {
    // A file SQLite cannot read as a database only shows when its pages are read (breaker9e P2).
    throw isSqliteFault(error) ? cannotRead(options.path, error) : error;
  } finally {
    db.close();
    opened.close();
  }
}

/**
 * breaker46-9 M1: what `ledger:verify` says of a log that ends before what its witness or a checkpoint saw because the
 * store's own -wal is damaged from a frame on (`walBreakOnDisk`) — in the start's words (`walBrokenRefusal`): not
 * removed; which frame, what SQLite reads, what the -wal still holds unread; that nothing was changed and what to do.
 * @param path the store file (its -wal is `<path>-wal`).
 */
function damagedWalWords(path: string, damage: WalBreak): Bilingual {
  return say(
    `These events were not removed: the store reads shorter ${WAL_DAMAGE_SAID} — the .db was not rolled back. The -wal beside it (${path}-wal) is the file's own, but from frame ${damage.brokenFrame} of its ${damage.frames} frames on its checksums fail, so SQLite reads only the ${damage.readFrames} frames before; the ${damage.unreadFrames} frames from there on, ${damage.unreadCommits} committed write(s) — the events past what SQLite reads — are still in the -wal, unread. This check changed nothing: do not delete the -wal, and do not restore a backup over it (it lacks what was written after it). Keep a copy of the data folder (cp -a) and see README, Reliability, "When the server refuses to start", a damaged -wal.`,
    `这些事件并没有被删除：事件库读出的内容较短，原因是其 -wal 文件损坏——并不是 .db 被旧副本覆盖。其旁的 -wal 文件（${path}-wal）是该 .db 自己的，但从第 ${damage.brokenFrame} 帧起（共 ${damage.frames} 帧）校验和不符，SQLite 只读取此前的 ${damage.readFrames} 帧；此后的 ${damage.unreadFrames} 帧、${damage.unreadCommits} 次已提交的写入——SQLite 读不到的事件——仍在该 -wal 中。本次校验未改动任何内容：请勿删除该 -wal，也不要用备份覆盖（备份缺少其后写入的内容）。请先复制保留数据文件夹（cp -a），并参阅 README「Reliability」中「When the server refuses to start」关于 -wal 损坏的一条。`,
  );
}

/**
 * breaker41-9 P1: a log holding another copy's records (a training, staging or drill copy put in this copy's place) chains
 * and is sealed with the office's key, and was called 台账完好. Judged as a server's start judges it (`findOtherCopyWrites`):
 * the witness beside the file and the copies beside the office's key, for the copy named by STORE_COPY_NAME (the
 * installation's .env) — else the unnamed copy at the file's place. Found, it is the verification's `STORE_FROM_OTHER_COPY`
 * (unless the witness itself already stops the comparison). Reads at most one chain hash per other copy's witness.
 */
function withOtherCopy(witness: ReturnType<typeof witnessExpectations>, db: Database.Database, options: ReturnType<typeof parseOptions>, storeId: string | null): ReturnType<typeof witnessExpectations> {
  if (storeId === null || witness.expectations.witnessProblem) return witness;
  const { settings } = options;
  let dataFolder = null;
  try {
    const read = readWitness(options.witness);
    dataFolder = read ? { witness: read, path: options.witness } : null;
  } catch {
    // Reported by the witness's own reading.
  }
  const { kept } = readKeyFolderWitnessesLeniently(keyFolderWitnessFolder({ EVENT_STORE: 'sqlite', SQLITE_PATH: options.path, LEDGER_SIGNING_KEY_FILE: settings.LEDGER_SIGNING_KEY_FILE }));
  const copy = { copyName: settings.STORE_COPY_NAME ?? null, place: realPlaceOf(options.path) };
  const head = (db.prepare('SELECT MAX(position) AS head FROM events').get() as { head: number | bigint | null }).head;
  const found = findOtherCopyWrites(
    { storeId, head: head === null ? null : BigInt(head), chainHashAt: (commit) => chainHashIn(db, commit)?.toString('hex') ?? null, rowsByOtherWriters: (after, known, unstamped) => rowsByOtherWritersIn(db, after, known, unstamped) },
    copy,
    dataFolder,
    kept,
  );
  if (!found) return witness;
  const words = otherCopyWords(options.path, found, copy);
  return {
    ...witness,
    expectations: {
      ...witness.expectations,
      witnessProblem: {
        kind: 'STORE_FROM_OTHER_COPY',
        // breaker42-9 F8: placed at the other copy's first record, not at event 1.
        firstEvent: Number(firstForeignPosition(found)),
        message: say(
          `${words.en} Its rows chain and are sealed with the office's key, but they are not this copy's records: do not take this log as ${copy.copyName === null ? "this copy's" : `${copy.copyName}'s`} ledger.`,
          `${words.zh}这些记录的哈希链完整、带有本单位密钥的封印，但不是本副本的记录：请勿把它当作本副本的台账。`,
        ),
      },
    },
  };
}

/**
 * newcomer50-9 M9: a backup put back with its witness (README step 2) was called 台账完好 though the copy of the witness beside the
 * office's key — which the server's start judges by (`STORE_SHORTER`) — knew a later head and a later signed checkpoint. That
 * copy, for this store at this place and this copy name (`keptCopyFor`), is compared too when it saw more than the witness
 * beside the file: the log must still reach its head (else LOG_TRUNCATED, naming the events missing), and the checkpoints it
 * numbered must be there (CHECKPOINT_MISSING).
 */
function withKeptCopy(witness: ReturnType<typeof witnessExpectations>, options: ReturnType<typeof parseOptions>, storeId: string | null): ReturnType<typeof witnessExpectations> {
  if (storeId === null || witness.expectations.witnessProblem) return witness;
  const { settings } = options;
  let beside = null;
  try {
    beside = readWitness(options.witness);
  } catch {
    // Reported by the witness's own reading.
  }
  const { kept } = readKeyFolderWitnessesLeniently(keyFolderWitnessFolder({ EVENT_STORE: 'sqlite', SQLITE_PATH: options.path, LEDGER_SIGNING_KEY_FILE: settings.LEDGER_SIGNING_KEY_FILE }));
  const copy = keptCopyFor(kept, storeId, realPlaceOf(options.path), undefined, settings.STORE_COPY_NAME ?? null, beside);
  const seen = copy?.witness;
  if (!copy || !seen || seen.storeId !== storeId || seen.head === null) return witness;
  const besideHead = beside?.storeId === storeId && beside.head !== null ? BigInt(beside.head) : -1n;
  if (BigInt(seen.head) <= besideHead) return witness;
  const seenBy = say(
    `the copy of the store witness beside the signing key, ${copy.path} (seen ${seen.seenAt})`,
    `与签名密钥放在一起的事件库见证副本 ${copy.path}（${officeInstantZh(seen.seenAt)}）`,
  );
  const head = seen.headEvent ? { position: seen.headEvent.position, eventId: seen.headEvent.id, chainHash: seen.headHash ?? null, seenBy } : { position: seen.head, chainHash: seen.headHash ?? null, seenBy };
  const numbered = Math.max(witness.expectations.checkpointNumbersGiven ?? 0, seen.checkpoint?.sequence ?? 0, seen.checkpointNumbered ?? 0);
  return {
    expectations: { ...witness.expectations, headsSeen: [...(witness.expectations.headsSeen ?? []), head], checkpointNumbersGiven: numbered || null },
    note: say(
      `${witness.note.en} Compared with ${seenBy.en} too: the log reached position ${seen.head}${seen.checkpoint ? `, checkpoint #${seen.checkpoint.sequence} covering ${seen.checkpoint.treeSize} events` : ''}.`,
      `${witness.note.zh}另已与${seenBy.zh}比对：台账曾到达位置 ${seen.head}${seen.checkpoint ? `，第 ${seen.checkpoint.sequence} 号校验点涵盖 ${seen.checkpoint.treeSize} 条事件` : ''}。`,
    ),
  };
}

/** breaker54-9 S1: the key folder's copy of this very place saw another store, not accepted away since (`otherStoreHereProblem`): said as the start says it. */
function withOtherStoreHere(witness: ReturnType<typeof witnessExpectations>, options: ReturnType<typeof parseOptions>, storeId: string | null): ReturnType<typeof witnessExpectations> {
  if (witness.expectations.witnessProblem) return witness;
  const problem = otherStoreHereProblem({ path: options.path, storeId, witnessPath: options.witness, keyFile: options.settings.LEDGER_SIGNING_KEY_FILE, copyName: options.settings.STORE_COPY_NAME ?? null });
  return problem ? { ...witness, expectations: { ...witness.expectations, witnessProblem: problem } } : witness;
}

/** The first position another copy wrote (`findOtherCopyWrites`): its first row, or the one after this copy's own record; 1 when only the witness is the other copy's. */
function firstForeignPosition(found: OtherCopyWrites): bigint {
  if (found.how === 'unknown-writers') return found.rows.first;
  if (found.how === 'wrote-past') return BigInt(found.own.witness.head ?? '0') + 1n;
  return 1n;
}

/** The positions after `after` (null: from the start) up to `upTo`, as a person reads them: `73`, or `72–75`. */
function missingPositions(after: string | null, upTo: string): string {
  const first = (after === null ? 0n : BigInt(after)) + 1n;
  return first >= BigInt(upTo) ? upTo : `${first}–${upTo}`;
}

/**
 * What ledger:verify says of index rows no append wrote (`SqliteLedger.indexRowsWithoutEvents`, breaker9s P2): a heading
 * per index with how many, then each row (the Chinese names the position or the claimed value, the English the stream).
 */
function indexRowsWords(forged: ReturnType<SqliteLedger['indexRowsWithoutEvents']>): Bilingual[] {
  const lines: Bilingual[] = [];
  const { requests, claims, sharedCommands, eventsDeleted } = forged;
  // breaker9y P1: the genuine rows of requests whose events were deleted from the log — evidence of the deletion, not forged rows.
  if (eventsDeleted.total > 0) {
    lines.push(
      say(
        `EVENTS DELETED: ${eventsDeleted.total} request(s) of the request index were recorded at a position the log no longer holds — their events were deleted from the log (see the mismatch above). These index rows are genuine: do not remove them; restore the store from a backup:`,
        `事件被删除：请求索引中有 ${eventsDeleted.total} 次请求所记录的位置在日志中已不存在——其事件已从日志中删除（见上文的不符之处）。这些索引行是原始记录，请勿删除；请从备份恢复事件库：`,
      ),
    );
    for (const row of eventsDeleted.rows) lines.push(say(`  request key ${row.key}: stream ${row.streamId}, revision ${row.revision}, position ${row.position} (deleted)`, `  请求键 ${row.key}：其事件原在位置 ${row.position}（第 ${row.revision + 1} 条记录），已被删除`));
  }
  if (requests.total > 0) {
    lines.push(
      say(
        `REQUEST INDEX ALTERED: ${requests.total} row(s) of the request index name an event the log does not hold — put in by hand, not by an append; a new request with such a key would be answered "already recorded" and not written. Remove them (they are not events) after restoring from a backup or checking with the office:`,
        `请求索引被改动：请求索引中有 ${requests.total} 行指向日志中并不存在的事件——是手工写入的，不是由保存操作写入的；带这些键的新请求会被当作“已记录”而不被保存。请从备份恢复，或与本单位核实后删除这些行（它们不是事件）：`,
      ),
    );
    for (const row of requests.rows) lines.push(say(`  request key ${row.key}: stream ${row.streamId}, revision ${row.revision}, position ${row.position}`, `  请求键 ${row.key}：指向位置 ${row.position}（第 ${row.revision + 1} 条记录）`));
  }
  if (sharedCommands.total > 0) {
    lines.push(
      say(
        `REQUEST INDEX ALTERED: ${sharedCommands.total} row(s) of the request index hold a command that another key holds too (breaker9x P7). No append writes such a row: one was copied or edited by hand, and a request under its key would be refused as a key reused, or answered "already recorded" and not written. Check with the office which request each key was, restore the store from a backup, or remove the rows that are not:`,
        `请求索引被改动：请求索引中有 ${sharedCommands.total} 行对应的操作同时出现在另一个请求键下。保存操作不会写出这样的行：是手工复制或改动的；用其请求键发出的请求会被当作重复使用的请求键而拒绝，或被当作“已记录”而不被保存。请与本单位核实每个请求键对应的请求，从备份恢复事件库，或删除并非原始请求的行：`,
      ),
    );
    for (const row of sharedCommands.rows) lines.push(say(`  request key ${row.key}: command ${row.commandId}, position ${row.position}`, `  请求键 ${row.key}：指向位置 ${row.position}`));
  }
  if (claims.total > 0) {
    lines.push(
      say(
        `UNIQUE CLAIMS ALTERED: ${claims.total} unique claim(s) are held by a stream without any event — put in by hand, not by an append; the server takes no claim from them (the name is free), and they should be removed:`,
        `唯一性登记被改动：有 ${claims.total} 条唯一性登记的持有者没有任何事件——是手工写入的，不是由保存操作写入的；服务不认这些登记（相应名称仍可使用），应将其删除：`,
      ),
    );
    for (const row of claims.rows) lines.push(say(`  ${row.scope} "${row.value}": held by ${row.streamId}, which holds no event`, `  ${row.scope}「${row.value}」：其持有者没有任何事件`));
  }
  return lines;
}

/**
 * Whether the file holds any event (false for an emptied file, or one without the events table). A
 * file that cannot be read for want of room on its disk (SQLite's -shm cannot grow: SQLITE_IOERR_SHMSIZE)
 * is not an emptied one (breaker9h P3: a full disk was told LOG_TRUNCATED "restore it from a backup").
 */
function holdsEvents(db: Database.Database, path: string): boolean {
  try {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get()) return false;
    return db.prepare('SELECT 1 FROM events LIMIT 1').get() !== undefined;
  } catch (error) {
    if (isSqliteFault(error) && !diskFullOf(error, path)) return false;
    throw error;
  }
}

/** Whether the file has the events table at all (a copy of a running store's main file alone may not: newcomer38 P4). */
function hasEventsTable(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !== undefined;
}

/**
 * What a file without the events table is (newcomer38 P4: a `cp` of a running store's main file was told 「尚未建立哈希链：
 * 服务升级后首次启动时…」, an upgrade no one made): not a Rectify store, or a copy taken without its `-wal` — where a
 * running server keeps what it wrote since SQLite last moved it into the main file (up to about 4 MB: SQLite's automatic
 * checkpoint at 1000 pages), on a new store everything. `npm run store:backup` copies it whole while the server runs.
 */
function noEventsTableWords(path: string): Bilingual {
  return say(
    `${path} has no events table: it is not a Rectify event store, or it is a copy of a running store's file taken without the ${basename(path)}-wal beside it (where the server keeps what it wrote lately — on a new store, everything). The ledger was not verified. Make the copy with npm run store:backup -- <folder> (the server may go on running) and verify <folder>/rectify.db, or copy the store while the server is stopped.`,
    `${path} 中没有事件表：它不是 Rectify 的事件库，或是在服务运行时只复制了该文件、漏了旁边的 ${basename(path)}-wal（服务最近写入的内容都在其中——新建的事件库则是全部内容）。台账未能校验。请用 npm run store:backup -- <文件夹> 制作副本（服务可以继续运行），再校验 <文件夹>/rectify.db；或在服务停止后再复制事件库。`,
  );
}

/**
 * A store deleted, or emptied (a 0-byte file, no events), where the store witness saw events: told
 * as the ledger's own LOG_TRUNCATED, Chinese first (or as JSON with --json), exit 1; null when the
 * witness saw no events there (or cannot be read: the server's start judges it).
 */
function reportLoss(options: { path: string; witness: string; json: boolean }, how: 'deleted' | 'emptied'): number | null {
  let witness: ReturnType<typeof readWitness> = null;
  try {
    witness = readWitness(options.witness);
  } catch {
    return null;
  }
  if (!witness?.head || BigInt(witness.head) <= 0n) return null;
  const state = how === 'deleted' ? 'does not exist' : 'holds no event';
  const stateZh = how === 'deleted' ? '不存在' : '中没有任何事件';
  const message = `${options.path} ${state}, but the store witness ${options.witness} saw its log up to position ${witness.head} (${witness.seenAt}): the store was ${how}, and the events at position 1 to ${witness.head} are missing. Restore it from a backup.`;
  const messageZh = `${options.path} ${stateZh}，而事件库见证文件 ${options.witness} 记载其日志曾到位置 ${witness.head}（${officeInstantZh(witness.seenAt)}）：事件库已被${how === 'deleted' ? '删除' : '清空'}，位置 1 至 ${witness.head} 的事件均已缺失。请从备份恢复。`;
  if (options.json) {
    console.log(
      JSON.stringify(
        { ok: false, eventsChecked: 0, checkpointsChecked: 0, headPosition: null, firstMismatch: { kind: 'LOG_TRUNCATED', eventNumber: 1, position: null, missingAfter: null, missingUpTo: witness.head, message, messageZh } },
        null,
        2,
      ),
    );
    return 1;
  }
  console.log(`台账不符（LOG_TRUNCATED）：${messageZh}`);
  console.log(`LEDGER MISMATCH (LOG_TRUNCATED): ${message}`);
  return 1;
}

/** Why SQLite could not read the file, in a few Chinese words. */
function shortReasonZh(error: unknown): string {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === 'SQLITE_NOTADB') return '不是 SQLite 数据库，或文件头已损坏';
  if (code.startsWith('SQLITE_CORRUPT')) return '数据库文件已损坏';
  if (code === 'SQLITE_CANTOPEN') return '无法打开该文件';
  if (code === 'SQLITE_PERM' || code === 'SQLITE_READONLY') return '没有访问权限';
  if (code.startsWith('SQLITE_IOERR')) return '读取文件时发生输入输出错误';
  return '文件无法读取';
}

/** An error SQLite raised about the file itself (not a database, damaged, unreadable). */
const isSqliteFault = (error: unknown): boolean => /^SQLITE_(NOTADB|CORRUPT|IOERR|CANTOPEN|PERM|READONLY)/.test(String((error as { code?: unknown } | null)?.code ?? ''));

/**
 * Opens the file to read only. A file SQLite cannot open as a database (another kind of file, a
 * damaged header, no permission) is refused naming it, in both languages (breaker9e P2: the bare
 * SQLite error in English only).
 * @throws ToolRefusal naming the file and what SQLite found.
 */
function openToVerify(path: string): VerifiedFile {
  const copy = closedCopyOf(path);
  if (copy) {
    try {
      return { db: new Database(copy.file, { readonly: true, fileMustExist: true }), close: copy.remove };
    } catch (error) {
      copy.remove();
      throw cannotRead(path, error);
    }
  }
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    return { db, close: () => {} };
  } catch (error) {
    throw cannotRead(path, error);
  }
}

/** An open file to verify, and what to do once it has been read (remove a temporary copy). */
interface VerifiedFile {
  readonly db: Database.Database;
  readonly close: () => void;
}

/**
 * A store no server holds open (no `-wal` beside it: a stopped store, an auditor's copy) is read from a
 * temporary copy (breaker9z P6). SQLite opens a WAL-mode file read-only only by creating its `-shm` and
 * `-wal` beside it: on read-only media (a disc, a read-only share, a write-protected stick) it cannot
 * open it at all, and elsewhere it left two empty files beside a copy the tool only reads. This build
 * of SQLite takes no `immutable` URI (better-sqlite3 compiles it with SQLITE_USE_URI=0), hence the copy
 * (bytes: the file's size, in the system's temporary folder, removed after).
 * Null — read in place, as before — when a `-wal` is beside it (a running server: its -wal holds what
 * the main file does not yet), when the copy cannot be made (no room), or when the file changed while
 * it was copied (a server started).
 */
function closedCopyOf(path: string): { file: string; remove: () => void } | null {
  if (existsSync(`${path}-wal`)) return null;
  let folder: string | null = null;
  const remove = () => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  };
  try {
    const before = statSync(path);
    folder = mkdtempSync(join(tmpdir(), 'rectify-verify-'));
    const file = join(folder, basename(path));
    // Through a descriptor SQLite holds, where a connection of this process has the file open (s9: one of its own, closed,
    // would drop that connection's locks).
    copyHeldFile(path, file);
    const after = statSync(path);
    const unchanged = before.size === after.size && before.mtimeMs === after.mtimeMs && !existsSync(`${path}-wal`);
    if (unchanged) return { file, remove };
  } catch {
    // No room for the copy, or the file went away: read in place, which reports either.
  }
  remove();
  return null;
}

/** The ledger of an open file; a file whose tables cannot be read (damaged, not a store) is refused as `openToVerify` says. */
function ledgerOf(db: Database.Database, path: string): SqliteLedger {
  try {
    return new SqliteLedger(db);
  } catch (error) {
    throw cannotRead(path, error);
  }
}

/** Whether files can be created in the folder holding `path`. */
function writableFolder(path: string): boolean {
  try {
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why the file could not be read: its disk being full (DISK_FULL, breaker9h P3), or what SQLite found in it. */
function cannotRead(path: string, error: unknown): Error {
  const full = diskFullOf(error, path);
  if (full) return full;
  if (/^SQLITE_(CANTOPEN|READONLY)/.test(String((error as { code?: unknown } | null)?.code ?? '')) && existsSync(`${path}-wal`) && !writableFolder(path)) {
    // breaker9z P6: SQLite reads a file with its -wal only by writing a -shm beside them; the file is not at fault.
    return new ToolRefusal(
      say(
        `${path} is on a read-only medium with its -wal file beside it, and SQLite reads a -wal only by writing beside it: the ledger was not verified. Copy ${basename(path)} and ${basename(path)}-wal together into a writable folder and verify the copy there (--db <copy>).`,
        `${path} 位于只读位置，且旁边有 -wal 文件；SQLite 读取 -wal 时必须在旁边写入文件：台账未能校验。请把 ${basename(path)} 和 ${basename(path)}-wal 一起复制到可写的文件夹，再校验该副本（--db <副本>）。`,
      ),
    );
  }
  const why = error instanceof Error ? error.message : String(error);
  return new ToolRefusal(
    say(
      `${path} cannot be read as a Rectify event store (${why}): the ledger was not verified. Restore the file from a backup, or point SQLITE_PATH / --db at the store.`,
      `无法将 ${path} 作为 Rectify 事件库读取（${shortReasonZh(error)}）：台账未能校验。请从备份恢复该文件，或让 SQLITE_PATH / --db 指向事件库文件。`,
    ),
  );
}

runTool(main, USAGE);

