import { Controller, Get, HttpCode, HttpStatus, Inject, Logger, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { EVENT_STORE, comparePositions, formatPosition, type EventStore } from '../event-store/event-store.port.js';
import { ProjectionEngine } from '../event-sourcing/projection-engine.js';
import { AnswersWithoutCatchUp } from '../event-sourcing/catch-up.interceptor.js';
import { ReadModelSnapshots, type SnapshotNoticeCause } from '../event-sourcing/read-model-snapshots.js';
import { StoreHealth, usersWordsOf, type StoreNoticeCause, type StoreProblemCause } from '../event-store/store-health.js';
import { LOW_SPACE_BYTES } from '../event-store/disk-full.js';
import { serverLogOutput, type LogNoticeCause } from '../observability/log-output.js';
import { UntrustedForwarding, type ForwardingNoticeCause } from '../http/untrusted-forwarding.js';
import { ServingState } from './serving-state.js';
import { CountedApart } from '../http/rate-limit.guard.js';
import { UnrecordedSessions, type SessionNoticeCause } from '../access/sessions/unrecorded-sessions.js';
import { inBothLanguages, type Bilingual } from '../shared/domain-error.js';
import { LedgerKeys } from '../ledger/ledger-keys.js';
import type { SigningKeyNoticeCause } from '../ledger/signing-key-watch.js';

/** How long readiness waits for the read models to reach the head it just read, before it says `catching_up`. */
const CATCH_UP_WAIT_MS = 1_000;

/** `ready`, or why not: the process is starting or draining, its read models are behind the log, or the store does not answer. */
export type Readiness = 'ready' | 'starting' | 'draining' | 'catching_up' | 'unavailable' | 'degraded';

export interface HealthReport {
  readonly status: Readiness;
  readonly store: EventStore['kind'];
  /** The log's head position, null for an empty log or an unavailable store. */
  readonly logPosition: string | null;
  /** Position up to which the read models have applied the log. */
  readonly projectedPosition: string | null;
  /**
   * With `degraded`: what is wrong with the store (StoreHealth), one entry per cause, e.g.
   * `STORE_FILE_MISSING`, `DISK_FULL`, with what office staff are told of it (`messageZh`: `usersWordsOf`, no path or
   * position — the web app shows it on every page while writes are refused); the message naming paths goes to the server log.
   */
  readonly problems: readonly {
    readonly cause: StoreProblemCause;
    readonly since: string;
    readonly messageZh: string;
    /** What it means and what the administrator does about it (`PROBLEM_ADVICE_ZH`), without paths (newcomer52-9 M7). */
    readonly adviceZh: string;
  }[];
  /**
   * What the operator must know that does not stop writes (readiness stays `ready`), e.g.
   * `ACCEPT_STORE_RESET_LEFT_SET`: ACCEPT_STORE_RESET is set though nothing needed accepting (see
   * StoreNoticeCause), or `READ_MODEL_SNAPSHOTS_OFF`: this process keeps no read-model snapshot (see
   * SnapshotNoticeCause), or `LOG_NOT_WRITTEN`: the server's log lines are being dropped, e.g. a
   * full disk under a redirected log (see LogOutput); the message goes to the server log.
   */
  readonly notices: readonly { readonly cause: NoticeCause; readonly since: string; readonly messageZh: string }[];
}

type NoticeCause = StoreNoticeCause | SnapshotNoticeCause | LogNoticeCause | ForwardingNoticeCause | SessionNoticeCause | SigningKeyNoticeCause;

/**
 * Each notice in the operator's words (breaker12b P6: /health gave a code only): what it means and
 * what to do, without paths or other internal detail — the server log has the full message.
 */
export const NOTICE_ZH: Readonly<Record<NoticeCause, string>> = {
  ACCEPT_STORE_RESET_LEFT_SET: '已设置 ACCEPT_STORE_RESET，但本次启动没有需要接受的事件库变化：请删除该设置。它只对一次启动有效：仍带着它时，下次遇到未能识别的事件库将拒绝启动，直到删除该设置。',
  STORE_RESET_ACCEPTED: '本次启动按 --accept-store-reset（或 ACCEPT_STORE_RESET）接受了事件库的现状（如从较早的备份恢复）：请核对台账（详见服务器日志）。命令行参数只对这一次启动有效；若 ACCEPT_STORE_RESET 写在环境变量或配置文件中，请将其删除。',
  KEY_SIDE_WITNESS_UNWRITABLE: '与台账签名密钥放在一起的事件库见证副本无法写入：在它能写入之前，若数据文件夹被旧备份恢复，下次启动时将无从察觉。请允许服务写入密钥所在的文件夹，或把 STORE_WITNESS_PATH 设到可写的卷上（详见服务器日志）。',
  STORE_COPY_UNNAMED: '本服务运行在容器中且未设置 STORE_COPY_NAME：用本事件库复制出的测试或培训副本所签的台账凭证会被当作本服务自己的。请为每个副本设置各自的名称（例如 STORE_COPY_NAME=正式）后重启。',
  STORE_COPY_NAME_SHARED: '本事件库的另一个文件（在另一位置）也以本服务的副本名称（STORE_COPY_NAME）运行过：两个副本同用一个名称。如是恢复演练或培训副本（沿用了 .env 中的名称，或与另一次演练同名），请在其启动命令中另设一个其他副本没有用过的名称（例如 STORE_COPY_NAME=演练2，或带日期的 演练-2026-12-01）后重启它，已结束的演练可以停止并删除其文件夹；如系整套搬迁，请只在新位置运行服务，把旧位置（记录较少、服务器日志所称“没有超出本副本”的那一处）的数据文件夹移出原处（可留作一份备份），切勿移走记录较多的那一处，下次启动时本提示即消失（详见服务器日志）。',
  SIGNING_KEYS_DIFFER: '同一事件库文件上的另一台服务使用另一个台账签名密钥：双方加封的记录会互相被视为并非 Rectify 写入。请停止其中一台，使两台服务使用同一个密钥文件（LEDGER_SIGNING_KEY_FILE）后再启动（详见服务器日志）。',
  STORE_COPY_NAMES_DIFFER: '同一事件库文件上的另一台服务设置了不同的副本名称（STORE_COPY_NAME）：双方签署的台账现状凭证会被对方当作另一个副本的而不作核对。请使两台服务的 STORE_COPY_NAME 相同（或都不设置）后重启其中一台（详见服务器日志）。',
  STORE_FILE_HAS_OTHER_NAMES: '事件库文件有其他名称（硬链接，如 cp -al 做的“快照”）：那不是副本，而是正在使用的同一个文件；以其他名称打开它会把事件库写坏。请删除多余的名称，如需副本请用 npm run store:backup（详见服务器日志）。',
  CLOCK_AHEAD_RECORDS_ACCEPTED:
    '本次启动按 --accept-clock-ahead-records（或 ACCEPT_CLOCK_AHEAD_RECORDS）确认服务器时钟准确，接受了此前时钟偏快时录入的记录（其录入时间晚于现在）：此后的记录按现在的时钟录入，记录的先后以位置为准；这段记录已记入事件库见证文件，台账校验时会列出（详见服务器日志）。命令行参数只对这一次启动有效；若 ACCEPT_CLOCK_AHEAD_RECORDS 写在环境变量或配置文件中，请立即删除：仍带着它的下一次启动将被拒绝，以免时钟日后被调回时也被悄悄接受。',
  ACCEPT_CLOCK_AHEAD_RECORDS_LEFT_SET: '已设置 ACCEPT_CLOCK_AHEAD_RECORDS，但事件库中没有录入时间晚于服务器时钟的记录：无需接受，未作任何改动。请立即删除该设置：仍带着它的下一次启动将被拒绝，以免时钟日后被调回时被悄悄接受。',
  CHECKPOINT_KEY_NOT_TRUSTED:
    '事件库中有台账校验点由既非本单位现用、也未登记为本单位旧密钥的密钥签署：台账校验会判其为他人签署。如确是本单位此前使用的密钥（密钥文件丢失或更换），请按服务器日志所列的密钥指纹设置 LEDGER_TRUSTED_KEYS 启动服务一次，此后即记住；如不是，请运行台账校验（详见服务器日志）。',
  READ_MODEL_SNAPSHOTS_OFF: '服务器启动期间程序文件被改动，本进程不使用也不写入读模型快照：下次启动须从事件日志重建读模型（事件多时需数分钟）。请在构建完成后重启服务器。',
  READ_MODEL_SNAPSHOT_NOT_WRITTEN: '读模型快照写入失败：在写成之前，下次启动须重放全部事件日志。请管理员检查服务器磁盘（原因见服务器日志）。',
  LOG_NOT_WRITTEN: '服务器日志无法写入（如磁盘已满），日志行正被丢弃：请管理员检查日志所在磁盘。',
  SESSIONS_NOT_RECORDED: '事件库不接受写入期间（如磁盘已满）有人登录：这些登录只保存在本服务的内存中，没有记入台账，台账中查不到；服务重启后它们失效，需重新登录。每次登录的用户和时间见服务器日志。',
  SIGNING_KEY_FILE_MISSING: '台账签名密钥文件在服务运行期间被删除或移走：本服务仍用启动时读入的密钥签署，但下次启动将被拒绝。请在任何重启之前，从密钥的备份把它放回原处（位置见服务器日志）。',
  SIGNING_KEY_FILE_CHANGED: '台账签名密钥文件在服务运行期间被换成了另一个密钥：本服务仍用启动时读入的密钥签署，但下次启动将因密钥不符被拒绝。若不是有计划的密钥轮换，请在任何重启之前从备份放回原来的密钥文件（详见服务器日志）。',
  SIGNING_KEY_FILE_OPEN_TO_OTHERS: '台账签名密钥文件的权限过宽：服务器上文件所有者以外的用户也能读取它，而读到密钥的人可以签出能通过校验的伪造台账。请管理员把它设为仅运行服务的用户可读（chmod 600，文件位置见服务器日志）。服务照常运行。',
  FORWARDED_FOR_NOT_TRUSTED: '请求带有 X-Forwarded-For，但发来请求的代理不在 TRUST_PROXY 中：访问限制和登录锁定都按代理的地址计算，代理后的所有用户共用一个地址。请把代理的地址写入 TRUST_PROXY 后重启（详见服务器日志）。',
};

/**
 * Each store problem in the administrator's words, for `/health` `problems[].adviceZh` (newcomer52-9 M7: `/health` gave only
 * the staff banner's 「…请联系系统管理员处理。」 to the administrator who reads it): what it means and the first thing to do, without
 * paths (the probes need no token) — the server log, and any write an administrator makes meanwhile, have the full steps
 * with the files named (`StoreHealth` MESSAGES). Kept to what those messages say.
 */
export const PROBLEM_ADVICE_ZH: Readonly<Record<StoreProblemCause, string>> = {
  STORE_FILE_MISSING:
    '事件库文件（或其 -wal、-shm 文件）在服务运行期间被删除或移走，现拒绝写入，页面仍可查看。本服务仍持有最新的记录：停止它之前，请先看服务器日志中的步骤——如系移走，把文件本身（不是其副本）移回原处，写入即自动恢复。',
  STORE_FILE_REPLACED:
    '事件库文件在服务运行期间被另一个文件替换或原地覆盖（例如用 cp 放上了备份或演练副本），现拒绝写入，本服务不会向新文件写入任何内容。它正把仍能读到的记录复制到事件库旁的救回副本（.rescued-….db）：请停止使用该文件的所有服务，然后按服务器日志中的步骤保留新文件或用副本替换它，副本复制完成之前请勿替换。',
  STORE_FILE_DAMAGED:
    'SQLite 报告事件库文件已损坏（多为运行中被替换或覆盖，或磁盘故障），现拒绝写入，页面显示的内容可能不完整。请检查服务器磁盘，按服务器日志中的步骤从备份恢复事件库，并进行台账校验（npm run ledger:verify）。',
  STORE_LOG_EMPTIED:
    '事件库的预写日志文件（-wal）在服务运行期间被清空或截短，上次检查点之后的记录已不在文件中，现拒绝写入。停止服务之前，请先按服务器日志中的步骤处理（只有运行中的本服务还持有的记录，先导出整改台账），再从副本或最新的备份恢复并进行台账校验（npm run ledger:verify）。',
  LOG_SHORTENED:
    '事件库的日志比本服务已确认写入的短（末尾的事件被删除，或被旧副本覆盖），现拒绝写入。请停止服务，按服务器日志中的步骤从备份恢复事件库并进行台账校验（npm run ledger:verify）；除非明确接受，服务不会在变短的日志上启动。',
  DISK_FULL: `事件库所在磁盘已满，现拒绝写入。在该磁盘上腾出至少 ${LOW_SPACE_BYTES / 1024 / 1024} MB 空间后，写入会自动恢复，无需重启。`,
  WRITE_FAILED: '事件库写入失败，重启服务之前不再写入。请检查服务器磁盘（具体原因见服务器日志），处理后重启服务。',
  STORE_READ_ONLY:
    '事件库文件、其 -wal 或 -shm 文件或所在文件夹不允许运行服务的用户写入（例如以其他用户身份恢复的备份、权限被收回），或其所在卷已变为只读。事件库本身并未损坏，请勿从备份恢复：请让运行服务的用户可写这些文件（chown，或重新以可写方式挂载卷）后重启服务。',
  PROJECTIONS_STOPPED:
    '读模型已停止跟进事件日志，页面显示的内容可能已过时，现拒绝写入。请运行台账校验（npm run ledger:verify）查明日志是否被改动；如被改动，请从备份恢复事件库，然后重启服务（原因见服务器日志）。',
  WITNESS_NOT_WRITTEN:
    '事件库见证文件无法写入（如其所在磁盘已满或不允许写入）：没有它，崩溃后丢失的已确认记录将无从察觉，因此暂停写入。请在该磁盘上腾出空间或允许服务写入该文件（位置见服务器日志），然后重新启动服务或重试。',
  LOG_ALTERED:
    '事件库中有记录被 Rectify 之外的程序改动或删除（台账校验不通过），现拒绝写入，被改动的记录不显示。请运行台账校验（npm run ledger:verify）查明改动之处，从备份恢复事件库，然后重启服务。',
  LOG_ROLLED_BACK:
    '事件库被恢复到了早于本服务签署过的台账现状的状态（较新的记录缺失），现拒绝写入。请按服务器日志中的步骤从最新的备份恢复事件库，并进行台账校验（npm run ledger:verify）。',
  STORE_LOCKED:
    '事件库被另一个程序锁定（如打开着事务的 sqlite3、DB Browser for SQLite 或备份工具），写入等待 5 秒后未能进行。请关闭该程序或结束其事务，写入会自动恢复；请勿用可写入的工具打开正在使用的事件库。',
  CLOCK_BEHIND_LOG:
    '服务器时钟早于台账中最新记录的录入时间：系统时间可能被调回，暂停写入。请校正服务器时间后重试；若服务器时间已准确（此前时钟偏快），请以 --accept-clock-ahead-records 启动一次。',
};

/** How long a problem still standing goes unsaid in the log between /health checks (ms): 30 minutes. */
export const PROBLEM_LOG_REPEAT_MS = 30 * 60 * 1000;

/**
 * breaker56-9 M3: which of the store's problems a /health check says in the log. A probe or a page polling
 * /health every second said the whole text of each standing problem every second (CLOCK_BEHIND_LOG: ≈600
 * characters in two languages, 20 times in 20 s). A problem is said when it first appears, when its text
 * or `since` changes (it went and came back), and then once every `PROBLEM_LOG_REPEAT_MS` while it stands —
 * as the other health notices are said once.
 */
export class ProblemsLogged {
  private readonly said = new Map<string, { readonly text: string; readonly since: string; readonly at: number }>();

  /**
   * The problems of this check to say in the log now, remembered as said at `now` (ms since the epoch);
   * problems no longer standing are forgotten, so one that comes back is said again.
   */
  toSay<Problem extends { readonly cause: string; readonly since: string; readonly message: Bilingual }>(problems: readonly Problem[], now: number): Problem[] {
    const standing = new Set(problems.map((problem) => problem.cause));
    for (const cause of [...this.said.keys()]) if (!standing.has(cause)) this.said.delete(cause);
    return problems.filter((problem) => {
      const text = `${problem.message.en}\n${problem.message.zh}`;
      const before = this.said.get(problem.cause);
      if (before && before.text === text && before.since === problem.since && now - before.at < PROBLEM_LOG_REPEAT_MS) return false;
      this.said.set(problem.cause, { text, since: problem.since, at: now });
      return true;
    });
  }
}

/**
 * Probes for an orchestrator, unauthenticated and without internal detail (a failure's cause goes
 * to the server log, never into the answer):
 * - `GET /health/live` — liveness: 200 while the process answers at all; restart it otherwise.
 * - `GET /health/ready` (and `GET /health`) — readiness: 200 `ready` when the process is serving,
 *   its store answers and its read models have caught up with the log; 503 with the reason
 *   (`starting`, `draining`, `catching_up`, `unavailable`, or `degraded` with the store's
 *   `problems`: a store file unlinked or replaced, a full disk, a failed write, stopped read
 *   models — writes are refused with STORE_UNAVAILABLE meanwhile) otherwise: send it no new requests.
 */
@Controller('health')
@AnswersWithoutCatchUp()
@CountedApart()
export class HealthController {
  private readonly logger = new Logger('Health');
  /** breaker56-9 M3: each problem is said in the log once, then again only when it changes or after `PROBLEM_LOG_REPEAT_MS`. */
  private readonly problemsLogged = new ProblemsLogged();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionEngine,
    private readonly serving: ServingState,
    private readonly storeHealth: StoreHealth,
    private readonly snapshots: ReadModelSnapshots,
    private readonly forwarding: UntrustedForwarding,
    private readonly unrecordedSessions: UnrecordedSessions,
    private readonly keys: LedgerKeys,
  ) {}

  @Get('live')
  @HttpCode(HttpStatus.OK)
  live(): { status: 'alive' } {
    return { status: 'alive' };
  }

  @Get()
  health(@Res({ passthrough: true }) response: ServerResponse): Promise<HealthReport> {
    return this.ready(response);
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: ServerResponse): Promise<HealthReport> {
    const report = await this.readiness();
    response.statusCode = report.status === 'ready' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
    return report;
  }

  private async readiness(): Promise<HealthReport> {
    const problems = this.storeHealth.problems();
    for (const problem of this.problemsLogged.toSay(problems, Date.now())) this.logger.warn(`Readiness: ${inBothLanguages(problem.message)}`);
    const base = {
      store: this.store.kind,
      projectedPosition: formatPosition(this.projections.projectedUpTo),
      problems: problems.map((problem) => ({ cause: problem.cause, since: problem.since, messageZh: usersWordsOf(problem).zh, adviceZh: problem.adviceZh ?? PROBLEM_ADVICE_ZH[problem.cause] })),
      notices: [...this.storeHealth.notices(), ...this.snapshots.notices(), ...serverLogOutput.notices(), ...this.forwarding.notices(), ...this.unrecordedSessions.notices(), ...this.keys.keyFile.notices()].map(({ cause, since }) => ({ cause, since, messageZh: NOTICE_ZH[cause] })),
    };
    let head;
    try {
      head = await this.store.headPosition();
    } catch (error) {
      this.logger.warn(`Readiness: the event store does not answer: ${String(error)}`);
      // A store noted in trouble (breaker42-9 F7: its -wal emptied, so its head reads nowhere) is degraded by that problem, named.
      return { ...base, status: problems.length > 0 && this.serving.phase === 'serving' ? 'degraded' : 'unavailable', logPosition: null };
    }
    const report = (status: Readiness): HealthReport => ({ ...base, status, logPosition: formatPosition(head), projectedPosition: formatPosition(this.projections.projectedUpTo) });
    if (this.serving.phase !== 'serving') return report(this.serving.phase);
    if (problems.length > 0) return report('degraded');
    if (head && !(this.projections.position && comparePositions(this.projections.position, head) >= 0)) {
      // An append in progress is projected within milliseconds; a replay still running is not.
      const caughtUp = await this.projections.waitFor(head, CATCH_UP_WAIT_MS, { whileApplying: false }).then(
        () => true,
        () => false,
      );
      if (!caughtUp) return report('catching_up');
    }
    return report('ready');
  }
}
