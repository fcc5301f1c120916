import { jest } from '@jest/globals';
import { ProjectedStreams } from '../../src/event-sourcing/projected-streams.js';
import { RectificationLedger } from '../../src/rectification/ledger/rectification-ledger.js';
import { addDays } from '../../src/shared/calendar-date.js';
import { TestApp, startTestApp } from '../support/test-app.js';
import { currentRequest, type RequestScope } from '../../src/shared/request-scope.js';
import { foldsInProgress } from '../../src/shared/time-travel-fold.js';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * breaker12 P8: each day asked of the past kept about 100 MB at 100k events — the list of every
 * finding as it stood, each with its whole timeline — and the dashboard, 问题清单 and the scorecard
 * each folded every finding again for the same day.
 */
describe('time travel keeps one fold of a day, without timelines', () => {
  let app: TestApp;
  let day: string;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true });
    day = addDays((await app.graphql(`{ dashboard { asOf } }`)).data!.dashboard.asOf, -20);
  });

  afterAll(async () => {
    await app.close();
  });

  it('folds every finding once for a day, whether the dashboard, 问题清单 or the scorecard asks', async () => {
    const streams = app.app.get(ProjectedStreams);
    const read = jest.spyOn(streams, 'read');
    try {
      const findings = (await app.graphql(`query($day: String) { findings(first: 0, asOf: $day) { totalCount } }`, { day })).data!.findings.totalCount as number;
      expect(findings).toBeGreaterThan(0);
      for (const query of [
        `query($day: String) { dashboard(asOf: $day) { percentClosed openParts { findingId } } }`,
        `query($day: String) { unitScorecard(asOf: $day) { unitId parts } }`,
        `query($day: String) { findings(first: 50, asOf: $day) { nodes { id status } } }`,
      ]) {
        expect((await app.graphql(query, { day })).errors).toBeUndefined();
      }
      const findingReads = read.mock.calls.filter(([streamId]) => streamId.startsWith('finding-'));
      expect(findingReads).toHaveLength(app.app.get(RectificationLedger).listFindings().length);
    } finally {
      read.mockRestore();
    }
  });

  it('answers 总览’s figures and light counts on any past day without reading every finding’s stream (breaker12h P8)', async () => {
    const streams = app.app.get(ProjectedStreams);
    const figures = `query($day: String) { dashboard(asOf: $day) { percentClosed findings { total open closed } parts { assigned overdue } perUnit { unitId overdue } red: openPartsPage(light: RED, first: 0) { totalCount } } }`;
    // The first look refolds only findings whose facts were entered out of business order (the demo enters some late).
    expect((await app.graphql(figures, { day: addDays(day, 7) })).errors).toBeUndefined();
    const days = [-30, -10, 0, 5, 12].map((offset) => addDays(day, offset));
    const read = jest.spyOn(streams, 'read');
    const answers = [];
    try {
      for (const asOf of days) answers.push(await app.graphql(figures, { day: asOf }));
      expect(read.mock.calls.filter(([streamId]) => streamId.startsWith('finding-'))).toEqual([]);
    } finally {
      read.mockRestore();
    }
    for (const [index, asOf] of days.entries()) {
      expect(answers[index]!.errors).toBeUndefined();
      // What the fold of every finding at that day lists: its overdue parts are the red count.
      const folded = await app.graphql(`query($day: String) { dashboard(asOf: $day) { overdue { findingId } } }`, { day: asOf });
      expect(answers[index]!.data!.dashboard.red.totalCount).toBe(folded.data!.dashboard.overdue.length);
    }
  });

  it('keeps the list of a day without any finding’s timeline, and folds one again when a page asks for its history', async () => {
    const ledger = app.app.get(RectificationLedger);
    const cut = { asOf: day, knownAt: null, axes: ['BUSINESS_DAY' as const] };
    const listed = await ledger.listFindingsAt({}, cut, null);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((finding) => !('history' in finding) && finding.foldedAt.asOf === day)).toBe(true);

    const page = (await app.graphql(`query($day: String) { findings(first: 10, asOf: $day) { nodes { id history { revision eventType occurredOn } } } }`, { day })).data!.findings.nodes as { id: string; history: unknown[] }[];
    for (const node of page) {
      const one = await app.graphql(`query($id: ID!, $day: String) { finding(id: $id, asOf: $day) { history { revision eventType occurredOn } } }`, { id: node.id, day });
      expect(node.history).toEqual(one.data!.finding.history);
    }
    // A day's history is the day's: entries dated after it are left out.
    expect(page.flatMap((node) => node.history as { occurredOn: string }[]).every((entry) => entry.occurredOn <= day)).toBe(true);
  });

  it('stops folding a day once the client that asked has gone, and folds it again for the next asker (breaker12b P7)', async () => {
    const ledger = app.app.get(RectificationLedger);
    const original = ledger.findingAt.bind(ledger);
    const otherDay = addDays(day, -3);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: (scope: RequestScope | undefined) => void;
    const firstEntered = new Promise<RequestScope | undefined>((resolve) => (entered = resolve));
    let folded = 0;
    const spy = jest.spyOn(ledger, 'findingAt').mockImplementation(async (id, cut) => {
      folded += 1;
      entered(currentRequest());
      await gate;
      return original(id, cut);
    });
    try {
      const client = new AbortController();
      const headers = { 'content-type': 'application/json', ...(await app.as('SUPERVISOR')) };
      const asked = fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers,
        // The list of open parts is folded from every finding of the day (the figures alone are not: breaker12h P8).
        body: JSON.stringify({ query: `query($day: String) { dashboard(asOf: $day) { openParts { findingId } } }`, variables: { day: otherDay } }),
        signal: client.signal,
      }).catch((error: Error) => error.name);
      const scope = (await firstEntered)!;
      // The fold runs in the asker's name (as the rate limit counts callers: the account, breaker12c P2), while it waits.
      expect(scope.caller).toBe(`account:${await app.userId('SUPERVISOR')}`);
      expect(scope.signal.aborted).toBe(false);
      client.abort();
      expect(await asked).toBe('AbortError');
      await new Promise<void>((resolve) => (scope.signal.aborted ? resolve() : scope.signal.addEventListener('abort', () => resolve(), { once: true })));
      release();
      // The abandoned fold stops at its next finding; then nothing runs.
      for (let turn = 0; turn < 10_000 && foldsInProgress().running > 0; turn++) await nextTurn();
      expect(foldsInProgress()).toEqual({ running: 0, waiting: 0 });
      expect(folded).toBeLessThan(ledger.listFindings().length);
      const foldedBefore = folded;
      // Not kept: the next look folds the day again, and answers.
      const again = await app.graphql(`query($day: String) { dashboard(asOf: $day) { openParts { findingId } } }`, { day: otherDay });
      expect(again.errors).toBeUndefined();
      expect(folded).toBeGreaterThan(foldedBefore);
    } finally {
      release();
      spy.mockRestore();
    }
  });
});
