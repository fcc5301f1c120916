// The benchmark's event logs: a year of a provincial platform's rectification work, written with
// Rectify's own deciders and command factories (the resolvers' `partCommands`, the work-plan
// import's `workPlanCommands`) and appended through the SqliteEventStore port, so that the ledger
// chain and the request index are what the server itself would have written.
//
//   node bench/generate-log.mjs --events 10000 [--out file.db]   (prints the manifest)
//
// Logs are cached in the temp directory, keyed by size and GENERATOR_VERSION (bump it whenever
// what is generated changes): `cachedLog(10000)` generates once and then reuses the file.
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { SqliteEventStore } from '../dist/event-store/sqlite-event-store.js';
import { rowSealKeyOf } from '../dist/ledger/ledger-mac.js';
import { allEventSchemas } from '../dist/event-sourcing/all-event-schemas.js';
import { requestOf } from '../dist/event-sourcing/execute-command.js';
import { commandContext } from '../dist/shared/command-context.js';
import { deterministicId } from '../dist/shared/ids.js';
import { DomainError } from '../dist/shared/domain-error.js';
import { unitDecider } from '../dist/organization/domain/unit.decider.js';
import { unitStream } from '../dist/organization/domain/unit.events.js';
import { unitIdForCode } from '../dist/organization/units/unit-id.js';
import { userDecider } from '../dist/access/domain/user.decider.js';
import { userStream } from '../dist/access/domain/user.events.js';
import { mintAccessToken } from '../dist/access/domain/access-token.js';
import { evaluationDecider } from '../dist/rectification/domain/evaluation.decider.js';
import { evaluationStream } from '../dist/rectification/domain/evaluation.events.js';
import { dueDateLimitOf as planDueDateLimit, rectificationPlanDecider } from '../dist/rectification/domain/rectification-plan.decider.js';
import { rectificationPlanStream } from '../dist/rectification/domain/rectification-plan.events.js';
import { findingDecider } from '../dist/rectification/domain/finding.decider.js';
import { findingStream } from '../dist/rectification/domain/finding.events.js';
import { circularDecider } from '../dist/rectification/domain/circular.decider.js';
import { circularStream } from '../dist/rectification/domain/circular.events.js';
import { withDueDateLimit } from '../dist/assignments/domain/assignment.commands.js';
import { partCommands } from '../dist/assignments/graphql/part-commands.js';
import { workPlanDecider } from '../dist/work-plan/domain/work-plan.decider.js';
import { workPlanItemDecider } from '../dist/work-plan/domain/work-plan-item.decider.js';
import { workPlanItemStream, workPlanStream } from '../dist/work-plan/domain/work-plan.events.js';
import { workPlanCommands } from '../dist/work-plan/import/work-plan-import.js';
import { readCommandLine } from './cli-options.mjs';
import { benchSigningKeyPath } from './server-process.mjs';

/**
 * Bump when the generated log changes, so cached logs of the old shape are not reused. 4: rows are
 * sealed with the log's own ledger key (`signingKeyPathOf`), as a server's are, so a first start
 * projects a sealed store instead of sealing the whole log once. 5: enough of every list for row 7's
 * pages to be pages — at least MIN_EVALUATIONS evaluations, circulars every week, and (from
 * LONG_HISTORY_FROM events) one 各单位 item of 100 units, whose history runs to ≈ 380 entries.
 */
export const GENERATOR_VERSION = 5;

/** The simulated year: fixed, so a log does not depend on the day it was generated. */
const WINDOW_START = '2025-11-01';
const WINDOW_DAYS = 365;
const PLAN_YEAR = 2026;
const UNIT_COUNT = 300;
/** Events per finding and per work-plan item, measured on generated logs (sizes the world to the target). */
const EVENTS_PER_FINDING = 13.5;
const EVENTS_PER_ITEM = 11;
/**
 * Evaluations at least (about one per 200 findings beyond): years of a province's evaluations, and
 * more than one page of row 7's `evaluations(first: 50)` at every size.
 */
const MIN_EVALUATIONS = 60;
/**
 * From this size on, the log has one 各单位 work-plan item of LONG_HISTORY_UNITS units (a plan of its
 * own), each part living the same lifecycle: row 7's long history (≈ 4 events a part, ≈ 380 in all).
 * Not all 300 units: an item of 300 (≈ 1,140 events) made a first start of the 10k log take 60 s of
 * CPU instead of ≈ 5 (its stream read again after each of its events once one is typed out of day
 * order: bench/results/profiles.md, perf46), which CI's --quick run cannot afford. Smaller logs (the
 * e2e spec's 3,000) keep their budget for findings.
 */
const LONG_HISTORY_FROM = 10_000;
const LONG_HISTORY_UNITS = 100;
const EVENTS_PER_LONG_HISTORY_PART = 4;
/** Appends issued before their results are awaited: one batch for a store that commits in groups. */
const APPEND_BATCH = 512;

/** Bearer tokens of the generated accounts (fixed, like the demo's): the benchmark signs in with them. */
export const BENCH_TOKENS = {
  ADMIN: 'rct_bench_admin_provincial_platform',
  SUPERVISOR: 'rct_bench_supervisor_provincial_platform',
  INSPECTOR: 'rct_bench_inspector_provincial_platform',
};

const DAY_MS = 86_400_000;
/** `YYYY-MM-DD` plus n days. */
export const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const dayOf = (index) => addDays(WINDOW_START, index);
const minDay = (a, b) => (a < b ? a : b);
const maxDay = (a, b) => (a > b ? a : b);

/** mulberry32: a small seeded generator, so the same size always gives the same log. */
function seededRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

const CITIES = ['青川市', '东坪县', '西岭县', '南湖区', '北塘区', '临江县', '云山县', '白河县', '石门县', '安平县', '长宁区', '永和县', '清溪县', '桃源县', '凤台县', '平阳县', '新丰县', '兴隆县', '武陵区', '金沙县'];
const DEPARTMENTS = [
  ['ZF', '人民政府办公室', 'GENERAL_OFFICE'], ['FGW', '发展和改革委员会', 'DEPARTMENT'], ['CZJ', '财政局', 'DEPARTMENT'],
  ['HBJ', '生态环境局', 'DEPARTMENT'], ['ZJJ', '住房和城乡建设局', 'DEPARTMENT'], ['RSJ', '人力资源和社会保障局', 'DEPARTMENT'],
  ['JYJ', '教育局', 'DEPARTMENT'], ['WJW', '卫生健康委员会', 'DEPARTMENT'], ['ZRJ', '自然资源局', 'DEPARTMENT'],
  ['JTJ', '交通运输局', 'DEPARTMENT'], ['MZJ', '民政局', 'DEPARTMENT'], ['XCZ', '乡村振兴局', 'DEPARTMENT'],
  ['SCJ', '市场监督管理局', 'DEPARTMENT'], ['GAJ', '公安局', 'DEPARTMENT'], ['ZSJ', '政务服务数据管理局', 'DEPARTMENT'],
];
const CATEGORIES = ['主动公开', '依申请公开', '政策解读', '回应关切', '平台建设', '监督保障'];
const FINDING_TITLES = [
  '部分单位信息公开不到位，公开目录不完整',
  '未开通依申请公开网上渠道',
  '政府信息公开工作年度报告未按时发布',
  '重点领域信息（财政预决算、环境保护）未公开',
  '已公开政策文件缺少解读材料',
  '未在规定时限内回应公众关切',
  '政府网站栏目长期未更新',
  '棚户区改造信息公开不及时',
];
const ITEM_TITLES = ['推进决策公开', '推进执行公开', '推进管理公开', '推进服务公开', '推进结果公开', '做好政策解读', '回应社会关切', '加强平台建设', '开展业务培训', '强化考核问责', '公开财政预决算', '公开环境信息'];

/** The day's next recording instant: office hours from 08:30 China time, a few seconds apart, always increasing. */
class RecordingClock {
  #day = null;
  #instant = 0;
  at(day) {
    if (day !== this.#day) {
      this.#day = day;
      this.#instant = Math.max(this.#instant, Date.parse(`${day}T08:30:00+08:00`));
    }
    this.#instant += 7_000;
    return new Date(this.#instant);
  }
}

/**
 * Decides commands against each stream's state kept in memory (what `executeCommand` would fold
 * from the store) and appends the events through the port with the expected revision and the
 * request index row, APPEND_BATCH appends at a time.
 */
class LogWriter {
  appended = 0;
  commands = 0;
  refusals = [];
  #streams = new Map();
  #pending = [];
  #sequence = 0;

  constructor(store, schemas, clock) {
    this.store = store;
    this.schemas = schemas;
    this.clock = clock;
  }

  /** The context of a command recorded on `day` (the office day it is typed in). */
  context(actor, commandType, day) {
    this.#sequence += 1;
    return commandContext({ actor, commandType, idempotencyKey: `bench:${this.#sequence}`, now: this.clock.at(day) });
  }

  state(streamId, decider) {
    return this.#streams.get(streamId)?.state ?? decider.initialState();
  }

  /** Decides and queues the append; a refusal is counted (it is a generator fault) and appends nothing. */
  execute(streamId, decider, command, context) {
    const entry = this.#streams.get(streamId) ?? { state: decider.initialState(), revision: -1 };
    let events;
    try {
      events = decider.decide(command, entry.state);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.refusals.push(`${command.type} on ${streamId}: ${error.message}`);
      return [];
    }
    this.commands += 1;
    if (events.length === 0) return events;
    const expectedRevision = entry.revision < 0 ? 'no_stream' : entry.revision;
    entry.state = events.reduce(decider.evolve, entry.state);
    entry.revision += events.length;
    this.#streams.set(streamId, entry);
    const toAppend = events.map((event, index) => ({
      id: deterministicId('event', context.commandId, streamId, String(index)),
      type: event.type,
      schemaVersion: this.schemas.versionToWrite(event.type, event.data),
      data: event.data,
      metadata: {
        actorId: context.actor.id,
        actorRole: context.actor.role,
        actorUnitId: context.actor.unitId,
        commandId: context.commandId,
        correlationId: context.correlationId,
        causationId: context.commandId,
        recordedAt: context.now,
      },
    }));
    this.#pending.push(this.store.appendToStream(streamId, toAppend, { expectedRevision, request: requestOf(context) }));
    this.appended += events.length;
    return events;
  }

  get backlog() {
    return this.#pending.length;
  }

  async flush() {
    const pending = this.#pending;
    this.#pending = [];
    await Promise.all(pending);
  }
}

/**
 * Generates a log of about `targetEvents` events (it stops at the first command that reaches the
 * target) into a new SQLite file at `path`. Returns the manifest: what the benchmark queries
 * (ids, tokens, a business day and an instant inside the year) and how the log was made.
 */
export async function generateLog(path, targetEvents, { log = () => {} } = {}) {
  const started = performance.now();
  const random = seededRandom(targetEvents);
  const store = new SqliteEventStore(path);
  // Every row sealed as the server seals its appends (breaker9b N1): a server started on a copy
  // with this key checks the seals instead of sealing ~1M rows on its first start, which a store
  // written by Rectify itself never has to do.
  store.sealRows(rowSealKeyOf(createPrivateKey(writeSigningKey(signingKeyPathOf(path)))), false);
  // Generation needs no durability (an interrupted log is thrown away, never cached): without an
  // fsync per append a million events take minutes instead of hours. The connection is the port's
  // own; a store without one (a writer elsewhere) is used as it is.
  store.db?.pragma?.('synchronous = OFF');
  const schemas = allEventSchemas();
  const clock = new RecordingClock();
  const writer = new LogWriter(store, schemas, clock);
  const agenda = Array.from({ length: WINDOW_DAYS }, () => []);
  /** Runs `action` on the office day `index` of the year; later than the year, it never happens (the work is still open). */
  const on = (index, action) => {
    if (index < WINDOW_DAYS) agenda[Math.max(0, index)].push(action);
  };
  const indexOf = (day) => Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${WINDOW_START}T00:00:00Z`)) / DAY_MS);
  const first = dayOf(0);

  // ---- the directory and the accounts, on the first day
  const system = { id: 'bench-generator', role: 'SYSTEM', unitId: null };
  const units = [];
  for (let index = 0; index < UNIT_COUNT; index += 1) {
    const city = CITIES[Math.floor(index / DEPARTMENTS.length) % CITIES.length];
    const [code, department, kind] = DEPARTMENTS[index % DEPARTMENTS.length];
    const unitCode = `${code}${String(Math.floor(index / DEPARTMENTS.length) + 1).padStart(2, '0')}`;
    const unitId = unitIdForCode(unitCode);
    const context = writer.context(system, 'RegisterUnit', first);
    writer.execute(unitStream(unitId), unitDecider, {
      type: 'RegisterUnit',
      today: first,
      data: { unitId, code: unitCode, name: `${city}${department}`, kind, parentUnitId: null, registeredOn: first },
      parentExists: true,
      nameTakenBy: null,
    }, context);
    units.push({ unitId, weight: 1 / (1 + (index % 37)) });
  }
  const registerUser = (name, role, unitId, token) => {
    const context = writer.context(system, 'RegisterUser', first);
    const userId = deterministicId('user', context.commandId);
    const { record } = mintAccessToken(deterministicId('token', context.commandId), new Date(context.now), 3650, token);
    writer.execute(userStream(userId), userDecider, { type: 'RegisterUser', actor: system, userId, name, role, unitId, unitExists: true, firstToken: record }, context);
    return { id: userId, role, unitId };
  };
  registerUser('基准管理员', 'ADMIN', null, BENCH_TOKENS.ADMIN);
  const supervisor = registerUser('基准督查科', 'SUPERVISOR', null, BENCH_TOKENS.SUPERVISOR);
  const inspector = registerUser('基准督查员', 'INSPECTOR', null, BENCH_TOKENS.INSPECTOR);
  const unitUser = new Map(units.map(({ unitId }, index) => [unitId, registerUser(`单位联络员${index + 1}`, 'UNIT', unitId, undefined)]));
  await writer.flush();

  // Some units carry much more work than others (weights), as in a real province.
  const totalWeight = units.reduce((sum, unit) => sum + unit.weight, 0);
  const pickUnits = (count) => {
    const chosen = new Set();
    while (chosen.size < count) {
      let roll = random.next() * totalWeight;
      for (const unit of units) {
        roll -= unit.weight;
        if (roll <= 0) {
          chosen.add(unit.unitId);
          break;
        }
      }
    }
    return [...chosen];
  };

  // ---- how big the world is
  const overhead = writer.appended;
  const longHistory = targetEvents >= LONG_HISTORY_FROM;
  const budget = Math.max(0, targetEvents - overhead - (longHistory ? LONG_HISTORY_UNITS * EVENTS_PER_LONG_HISTORY_PART : 0));
  const findingCount = Math.max(1, Math.round((0.75 * budget) / EVENTS_PER_FINDING));
  const planCount = Math.max(1, Math.round((0.25 * budget) / EVENTS_PER_ITEM / 35));
  const evaluationCount = Math.min(findingCount, Math.max(MIN_EVALUATIONS, Math.round(findingCount / 200)));

  // ---- one part's life, the same for a finding's and an item's (the shared assignment lifecycle)
  const parts = { opened: 0 };
  /**
   * `parent`: { streamId, decider, wrap(command) → the parent's command, limit (DueDateLimit) }.
   * `part`: { unitId, lastDay, due }. Each step is scheduled on a later day and checks the part as
   * it then stands, as a person would.
   */
  const livePart = (parent, part) => {
    parts.opened += 1;
    const partState = () => {
      const state = writer.state(parent.streamId, parent.decider);
      return state.assignments?.parts[part.unitId];
    };
    const act = (actor, commandType, day, build) => {
      const context = writer.context(actor, commandType, day);
      const command = build({ actor, commandId: context.commandId, now: context.now });
      const events = writer.execute(parent.streamId, parent.decider, withDueDateLimit(parent.wrap(command), parent.limit), context);
      if (events.length > 0) part.lastDay = maxDay(part.lastDay, factDayOf(events[0]) ?? part.lastDay);
      return events;
    };
    /** A fact entered late: it happened up to a week before the day it is typed in, never before the part's last fact. */
    const happenedOn = (recordIndex) => maxDay(part.lastDay, dayOf(recordIndex - (random.chance(0.12) ? random.int(1, 7) : 0)));
    const newDueFrom = (index) => minDay(addDays(dayOf(index), random.int(20, 45)), parent.limit.latest);

    const report = (index) =>
      on(index, () => {
        const current = partState();
        if (!current || current.status === 'REPORTED' || current.status === 'VERIFIED') return;
        act(unitUser.get(part.unitId), 'ReportRectification', dayOf(index), (issued) =>
          partCommands.report({ unitId: part.unitId, summary: '已完成整改：补充公开目录并更新栏目内容', evidence: [{ title: '整改情况说明', link: `https://gov.example.cn/zhenggai/${index}`, documentRef: `整改〔${PLAN_YEAR}〕${index}号` }], reportedOn: happenedOn(index) }, issued),
        );
        const next = index + random.int(3, 30);
        if (random.chance(0.1)) sendBack(index + random.int(1, 7));
        else inspect(next);
      });
    const returned = (index) => {
      const today = dayOf(index);
      return today > partState().dueDate ? { newDueDate: newDueFrom(index) } : {};
    };
    const sendBack = (index) =>
      on(index, () => {
        if (partState()?.status !== 'REPORTED') return;
        act(supervisor, 'SendBackReport', dayOf(index), (issued) =>
          partCommands.sendBack({ unitId: part.unitId, reason: '佐证材料不充分，请补充', sentBackOn: dayOf(index), ...returned(index) }, issued),
        );
        report(index + random.int(5, 30));
      });
    const inspect = (index) =>
      on(index, () => {
        if (partState()?.status !== 'REPORTED') return;
        const passed = random.chance(0.85);
        act(inspector, 'LogInspection', dayOf(index), (issued) =>
          partCommands.inspect({ unitId: part.unitId, outcome: passed ? 'PASSED' : 'FAILED', notes: passed ? '现场核查，整改到位' : '现场核查，整改未到位', place: '现场', inspectedOn: happenedOn(index), ...(passed ? {} : returned(index)) }, issued),
        );
        if (!passed) report(index + random.int(7, 40));
      });
    const assignedIndex = indexOf(part.lastDay);
    if (random.chance(0.2)) {
      const urgedIndex = assignedIndex + random.int(10, 60);
      on(urgedIndex, () => {
        const current = partState();
        if (!current || current.status === 'VERIFIED' || current.status === 'REPORTED') return;
        act(supervisor, 'UrgeUnit', dayOf(urgedIndex), (issued) => partCommands.urge({ unitId: part.unitId, message: '请抓紧整改并按时报送', urgedOn: dayOf(urgedIndex) }, issued));
      });
    }
    if (random.chance(0.12)) {
      const askedIndex = assignedIndex + random.int(3, 20);
      on(askedIndex, () => {
        const current = partState();
        const day = dayOf(askedIndex);
        if (!current || current.status === 'VERIFIED' || day > current.dueDate || current.extensionRequests.some((request) => request.status === 'PENDING')) return;
        const requestedDueDate = minDay(addDays(current.dueDate, random.int(30, 60)), parent.limit.latest);
        if (requestedDueDate <= current.dueDate) return;
        let requestId;
        act(unitUser.get(part.unitId), 'RequestExtension', day, (issued) => {
          const command = partCommands.requestExtension({ unitId: part.unitId, requestedDueDate, reason: '涉及多部门协调，申请延期', requestedOn: day }, issued);
          requestId = command.requestId;
          return command;
        });
        const decidedIndex = askedIndex + random.int(1, 5);
        on(decidedIndex, () => {
          // A request the part's verification made moot (LAPSED, judged by day) is decided by nobody.
          const then = partState();
          if (!then || then.status === 'VERIFIED' || then.extensionRequests.some((request) => request.requestId === requestId && request.status !== 'PENDING')) return;
          const approve = random.chance(0.8);
          act(supervisor, 'DecideExtension', dayOf(decidedIndex), (issued) =>
            partCommands.decideExtension({ unitId: part.unitId, requestId, approve, reason: approve ? undefined : '理由不充分', decidedOn: dayOf(decidedIndex) }, issued),
          );
        });
      });
    }
    report(assignedIndex + random.int(7, 160));
  };

  // ---- evaluations, their plans and findings, spread over the first ten months
  const manifest = { evaluationIds: [], findingIds: [], workPlanIds: [], busiestUnitId: units[0].unitId, longHistoryItemId: null };
  for (let e = 0; e < evaluationCount; e += 1) {
    const receivedIndex = Math.floor((e / evaluationCount) * (WINDOW_DAYS - 60));
    on(receivedIndex, () => {
      const receivedOn = dayOf(receivedIndex);
      const context = writer.context(supervisor, 'RegisterEvaluation', receivedOn);
      const evaluationId = deterministicId('evaluation', context.commandId);
      writer.execute(evaluationStream(evaluationId), evaluationDecider, {
        type: 'RegisterEvaluation',
        now: context.now,
        data: { evaluationId, title: `${PLAN_YEAR - 1}年度${CITIES[e % CITIES.length]}政务公开第三方评估报告（第${e + 1}批）`, evaluator: '中部政府透明度研究院', commissionedBy: '省人民政府办公厅政务公开办公室', periodStart: `${PLAN_YEAR - 1}-01-01`, periodEnd: `${PLAN_YEAR - 1}-12-31`, receivedOn },
      }, context);
      manifest.evaluationIds.push(evaluationId);
      const approvedIndex = receivedIndex + random.int(1, 7);
      const findingsHere = Math.round(findingCount / evaluationCount);
      let limit = null;
      on(approvedIndex, () => {
        const approvedOn = dayOf(approvedIndex);
        const planContext = writer.context(supervisor, 'ApproveRectificationPlan', approvedOn);
        const data = {
          planId: deterministicId('rectification-plan', evaluationId, planContext.commandId),
          evaluationId,
          title: `关于第${e + 1}批评估问题的整改实施方案`,
          approvedBy: '常务副省长 李明',
          approvedOn,
          selfRectificationDue: addDays(approvedOn, 180),
          inspectionDue: addDays(approvedOn, 730),
        };
        writer.execute(rectificationPlanStream(evaluationId), rectificationPlanDecider, { type: 'ApproveRectificationPlan', actor: supervisor, today: approvedOn, evaluationExists: true, evaluationReceivedOn: receivedOn, ...data }, planContext);
        limit = planDueDateLimit(data);
      });
      for (let f = 0; f < findingsHere; f += 1) {
        const recordedIndex = approvedIndex + random.int(0, 30);
        on(recordedIndex, () => {
          const day = dayOf(recordedIndex);
          const findingContext = writer.context(supervisor, 'RecordFinding', day);
          const findingId = deterministicId('finding', findingContext.commandId);
          const concerned = pickUnits(random.int(2, 4));
          writer.execute(findingStream(findingId), findingDecider, {
            type: 'RecordFinding',
            today: day,
            data: { findingId, evaluationId, title: random.pick(FINDING_TITLES), description: '评估发现：相关栏目内容不全、更新不及时，需限期整改。', category: random.pick(CATEGORIES), severity: random.pick(['LOW', 'MEDIUM', 'MEDIUM', 'HIGH']), concernedUnitIds: concerned, identifiedOn: day, measures: '' },
            evaluationExists: true,
            evaluationReceivedOn: receivedOn,
            unknownUnitIds: [],
          }, findingContext);
          if (manifest.findingIds.length < 50) manifest.findingIds.push(findingId);
          const assignedIndex = recordedIndex + random.int(1, 10);
          on(assignedIndex, () => {
            const assignedOn = dayOf(assignedIndex);
            const parent = { streamId: findingStream(findingId), decider: findingDecider, wrap: (command) => command, limit };
            const dueDates = concerned.map(() => minDay(addDays(assignedOn, random.int(30, 150)), limit.latest));
            const context = writer.context(supervisor, 'AssignFinding', assignedOn);
            writer.execute(parent.streamId, findingDecider, withDueDateLimit({
              type: 'AssignFinding', actor: supervisor, today: assignedOn, assignedOn,
              units: concerned.map((unitId, index) => ({ unitId, role: index === 0 ? 'LEAD' : 'RESPONSIBLE', dueDate: dueDates[index] })),
              unknownUnitIds: [],
            }, limit), context);
            concerned.forEach((unitId) => livePart(parent, { unitId, lastDay: assignedOn }));
          });
        });
      }
    });
  }

  // ---- work plans (分解方案): 3 categories, 35 items, imported in the plan year's first months
  for (let p = 0; p < planCount; p += 1) {
    const importIndex = 30 + Math.floor((p / planCount) * 120);
    on(importIndex, () => {
      const today = dayOf(importIndex);
      const city = CITIES[p % CITIES.length];
      const categories = ['一', '二', '三'].map((numeral, c) => ({
        code: numeral,
        title: ['深化重点领域信息公开', '加强政策解读与回应关切', '强化平台建设与监督保障'][c],
        items: Array.from({ length: c === 2 ? 11 : 12 }, (_, i) => {
          const [lead, ...responsible] = pickUnits(random.int(2, 4));
          return {
            row: c * 12 + i + 2,
            code: String(c * 12 + i + 1),
            title: `${random.pick(ITEM_TITLES)}（第${c * 12 + i + 1}项）`,
            description: '按照年度政务公开工作要点，明确责任分工，按期完成。',
            measures: '',
            leadUnits: [{ unitId: lead }],
            responsibleUnits: responsible.map((unitId) => ({ unitId })),
            dueDate: minDay(addDays(today, random.int(45, 300)), `${PLAN_YEAR}-12-31`),
          };
        }),
      }));
      const plan = { title: `${city}${PLAN_YEAR}年政务公开工作任务分解方案（第${p + 1}号）`, year: PLAN_YEAR, categories };
      const sha256 = createHash('sha256').update(JSON.stringify(plan)).digest('hex');
      const { planId, importPlan, defineItems } = workPlanCommands(plan, { fileName: `分解方案-${p + 1}.xlsx`, sha256 }, supervisor, { today, approvedOn: today, assignedOn: today });
      writer.execute(workPlanStream(planId), workPlanDecider, importPlan, writer.context(supervisor, 'ImportWorkPlan', today));
      manifest.workPlanIds.push(planId);
      for (const item of defineItems) {
        const streamId = workPlanItemStream(item.data.itemId);
        writer.execute(streamId, workPlanItemDecider, { ...item, planExists: true, planApprovedOn: today, unknownUnitIds: [] }, writer.context(supervisor, 'DefineWorkPlanItem', today));
        const parent = { streamId, decider: workPlanItemDecider, wrap: (command) => command, limit: item.dueDateLimit };
        for (const unitId of [...item.leadUnitIds, ...item.responsibleUnitIds]) livePart(parent, { unitId, lastDay: today });
      }
    });
  }

  // ---- one 各单位 item of LONG_HISTORY_UNITS units (a plan of its own, imported the day after the first plan)
  if (longHistory) {
    const importIndex = 31;
    on(importIndex, () => {
      const today = dayOf(importIndex);
      const [lead, ...responsible] = units.slice(0, LONG_HISTORY_UNITS).map((unit) => unit.unitId);
      const item = { row: 2, code: '1', title: '各单位全面落实政务公开基础工作（第1项）', description: '各单位对照标准目录全面梳理公开事项，按期完成。', measures: '', leadUnits: [{ unitId: lead }], responsibleUnits: responsible.map((unitId) => ({ unitId })), dueDate: `${PLAN_YEAR}-12-31` };
      const plan = { title: `${PLAN_YEAR}年全省政务公开基础工作方案（各单位）`, year: PLAN_YEAR, categories: [{ code: '一', title: '夯实政务公开基础', items: [item] }] };
      const sha256 = createHash('sha256').update(JSON.stringify(plan)).digest('hex');
      const { planId, importPlan, defineItems } = workPlanCommands(plan, { fileName: '各单位基础工作.xlsx', sha256 }, supervisor, { today, approvedOn: today, assignedOn: today });
      writer.execute(workPlanStream(planId), workPlanDecider, importPlan, writer.context(supervisor, 'ImportWorkPlan', today));
      const [definition] = defineItems;
      const streamId = workPlanItemStream(definition.data.itemId);
      writer.execute(streamId, workPlanItemDecider, { ...definition, planExists: true, planApprovedOn: today, unknownUnitIds: [] }, writer.context(supervisor, 'DefineWorkPlanItem', today));
      manifest.longHistoryItemId = definition.data.itemId;
      const parent = { streamId, decider: workPlanItemDecider, wrap: (command) => command, limit: definition.dueDateLimit };
      for (const unitId of [lead, ...responsible]) livePart(parent, { unitId, lastDay: today });
    });
  }

  // ---- circulars: each week, the office commends two units and criticises two
  for (let week = 1; week < 52; week += 1) {
    const index = week * 7;
    on(index, () => {
      const issuedOn = dayOf(index);
      for (const [k, kind] of ['COMMENDATION', 'COMMENDATION', 'CRITICISM', 'CRITICISM'].entries()) {
        const context = writer.context(supervisor, 'IssueCircular', issuedOn);
        const circularId = deterministicId('circular', context.commandId);
        const unitId = pickUnits(1)[0];
        writer.execute(circularStream(circularId), circularDecider, {
          type: 'IssueCircular', actor: supervisor, today: issuedOn, unitExists: true, unknownReferences: [],
          circularId, unitId, kind, title: kind === 'COMMENDATION' ? `关于表扬政务公开工作先进单位的通报（${week}-${k}）` : `关于政务公开工作整改不力的通报（${week}-${k}）`,
          reason: kind === 'COMMENDATION' ? '整改按期完成，成效明显' : '整改进度滞后，多次督促仍未完成', references: [], issuedOn,
        }, context);
      }
    });
  }

  // ---- the year, day by day, until the log has its size
  let lastDay = first;
  for (let index = 0; index < WINDOW_DAYS && writer.appended < targetEvents; index += 1) {
    const actions = agenda[index];
    for (let a = 0; a < actions.length && writer.appended < targetEvents; a += 1) {
      actions[a]();
      lastDay = dayOf(index);
      if (writer.backlog >= APPEND_BATCH) await writer.flush();
    }
    agenda[index] = [];
    if (index % 30 === 0) log(`  ${dayOf(index)}: ${writer.appended} events`);
  }
  await writer.flush();
  const head = await store.headPosition();
  await store.close();
  return {
    generatorVersion: GENERATOR_VERSION,
    events: Number(head?.commit ?? 0n),
    commands: writer.commands,
    refusals: writer.refusals.length,
    firstRefusals: writer.refusals.slice(0, 5),
    units: units.length,
    evaluations: manifest.evaluationIds.length,
    findingsPlanned: findingCount,
    /** The 各单位 item of LONG_HISTORY_UNITS units (row 7's long history); null below LONG_HISTORY_FROM events. */
    longHistoryItemId: manifest.longHistoryItemId,
    workPlans: manifest.workPlanIds.length,
    parts: parts.opened,
    firstDay: first,
    lastDay,
    /** A business day and an instant in the middle of the year, for asOf and knownAt. */
    asOf: dayOf(Math.floor(indexOf(lastDay) / 2)),
    knownAt: new Date(Date.parse(`${dayOf(Math.floor(indexOf(lastDay) / 2))}T12:00:00+08:00`)).toISOString(),
    tokens: BENCH_TOKENS,
    evaluationId: manifest.evaluationIds[0],
    findingId: manifest.findingIds[0],
    workPlanId: manifest.workPlanIds[0],
    /** A unit with a typical share of the work (units' shares run from 1 to 1/37 of the busiest's). */
    unitId: units[18].unitId,
    /** The unit with the largest share of the work: row 7's `findings(unitId:)` page. */
    busiestUnitId: units[0].unitId,
    generatedInMs: Math.round(performance.now() - started),
  };
}

/** The day of the fact an event records, from its data (`…On`), if it names one. */
function factDayOf(event) {
  for (const key of ['assignedOn', 'reportedOn', 'sentBackOn', 'inspectedOn', 'requestedOn', 'decidedOn', 'urgedOn']) {
    if (typeof event.data[key] === 'string') return event.data[key];
  }
  return undefined;
}

/** The ledger signing key (Ed25519, PKCS#8 PEM) a generated log's rows are sealed with: beside the log. */
export const signingKeyPathOf = (logPath) => `${logPath}.signing-key.pem`;

/** Writes a new Ed25519 signing key (PEM) at `path` (owner-only); returns the PEM. */
function writeSigningKey(path) {
  const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' });
  writeFileSync(path, pem, { mode: 0o600 });
  return pem;
}

/**
 * Copies a cached log to `sqlitePath` for a server to run on, with the key its rows are sealed
 * with, where `startRectify` looks for the store's key (`benchSigningKeyPath`): the cache itself is
 * never served.
 */
export function copyLog(logPath, sqlitePath) {
  copyFileSync(logPath, sqlitePath);
  copyFileSync(signingKeyPathOf(logPath), benchSigningKeyPath(sqlitePath), constants.COPYFILE_EXCL);
}

/** Where cached logs live: `<tmp>/rectify-bench/log-v<version>-<events>/{log.db,manifest.json}`. */
export const cacheDirectory = (events) => join(tmpdir(), 'rectify-bench', `log-v${GENERATOR_VERSION}-${events}`);

/**
 * The cached log of `events` events, generated first when missing (or when `fresh`). Returns
 * `{ path, manifest, generated }`; `manifest.generatedInMs` says how long generating took.
 */
export async function cachedLog(events, { fresh = false, log = () => {} } = {}) {
  const directory = cacheDirectory(events);
  const path = join(directory, 'log.db');
  const manifestPath = join(directory, 'manifest.json');
  if (!fresh && existsSync(manifestPath) && existsSync(path)) return { path, manifest: JSON.parse(readFileSync(manifestPath, 'utf8')), generated: false };
  const partial = `${directory}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const manifest = await generateLog(join(partial, 'log.db'), events, { log });
  writeFileSync(join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(directory, { recursive: true, force: true });
  renameSync(partial, directory);
  return { path, manifest, generated: true };
}

const USAGE = `Usage: node bench/generate-log.mjs [options]

Generates a bench log with Rectify's own deciders (cached unless --out) and prints its manifest.

  --events <n>   the size to reach (default 10000)
  --out <file>   write the log to this SQLite file instead of the cache
  --fresh        generate the cached log again
  --help, -h     this text; nothing is run`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const line = readCommandLine(process.argv.slice(2), { usage: USAGE, values: ['--events', '--out'], flags: ['--fresh'] });
  const events = Number(line.value('--events') ?? 10_000);
  const out = line.value('--out');
  const manifest = out ? await generateLog(out, events, { log: console.error }) : (await cachedLog(events, { fresh: line.flag('--fresh'), log: console.error })).manifest;
  console.log(JSON.stringify(manifest, null, 2));
}
