import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker9g P3 (and breaker9f P3's second half): an import sent again under its key while the first
 * is still running — a resend after a 504, a double click, the web app's kept key — ran alongside
 * it, and each answered what it alone had appended: 7/0, 0/7, 3/4 for one request, `alreadyImported:
 * true` for a plan's own resend, and NOT_FOUND for a finding the other run recorded past the position
 * this one waited for; racing imports under different keys answered counts adding up to more than
 * was recorded. Every answer to one request is now the same, read from the store once its batch is
 * done; on one server or two on one file.
 */

const SAMPLES = join(process.cwd(), 'samples');
const base64 = (name: string) => readFileSync(join(SAMPLES, name)).toString('base64');
/** How many times the one request is sent, at once, alternating between the two servers. */
const SENDS = 4;

describe('An import sent again while the first still runs', () => {
  let first: TestApp;
  let second: TestApp;
  let headers: Record<string, string>;
  let admin: Record<string, string>;
  beforeAll(async () => {
    const sqlitePath = freshDatabasePath();
    first = await startTestApp({ sqlitePath });
    second = await startTestApp({ sqlitePath });
    // One caller on both servers: a key names one request of one caller.
    headers = await first.as('SUPERVISOR');
    admin = await first.as('ADMIN');
  }, PROCESS_TEST_CEILING_MS);
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  const sendAtOnce = (query: string, input: Record<string, unknown>, as = headers) =>
    Promise.all(Array.from({ length: SENDS }, (_, send) => (send % 2 === 0 ? first : second).graphql(query, { input }, as)));

  it(
    'units (first: the others name them): every answer to the one request says what it registered',
    async () => {
      const answers = await sendAtOnce(`mutation($input: ImportUnitsInput!) { importUnits(input: $input) { created { code } alreadyRegistered { code } } }`, {
        idempotencyKey: 'units-resent-while-running',
        fileName: 'units.csv',
        contentBase64: base64('units.csv'),
        registeredOn: '2026-01-05',
      }, admin);
      for (const answer of answers) {
        expect(answer.errors).toBeUndefined();
        expect([answer.data!.importUnits.created.length, answer.data!.importUnits.alreadyRegistered.length]).toEqual([15, 0]);
      }
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'a plan: no answer to the one request says it was imported before',
    async () => {
      const answers = await sendAtOnce(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId itemsDefined alreadyImported } }`, {
        idempotencyKey: 'plan-resent-while-running',
        fileName: 'work-plan-2026.yaml',
        contentBase64: base64('work-plan-2026.yaml'),
        approvedOn: '2026-03-01',
      });
      const planIds = new Set(answers.map((answer) => answer.data?.importWorkPlan.planId));
      expect(planIds.size).toBe(1);
      for (const answer of answers) {
        expect(answer.errors).toBeUndefined();
        expect(answer.data!.importWorkPlan).toMatchObject({ itemsDefined: 35, alreadyImported: false });
      }
    },
    PROCESS_TEST_CEILING_MS,
  );

  const IMPORT_FINDINGS = `mutation($input: ImportFindingsInput!) { importFindings(input: $input) { recordedCount alreadyRecordedCount findings { id title } } }`;
  const registerEvaluation = async () => (await first.graphql(REGISTER_EVALUATION, { input: evaluationInput() }, headers)).data!.registerEvaluation.id as string;
  const findingsInput = (evaluationId: string, idempotencyKey: string) => ({
    idempotencyKey,
    evaluationId,
    fileName: 'findings-2025.csv',
    contentBase64: base64('findings-2025.csv'),
    identifiedOn: '2026-03-20',
  });

  it(
    'findings: every answer to the one request says 7 recorded, names all 7, never NOT_FOUND',
    async () => {
      const evaluationId = await registerEvaluation();
      const answers = await sendAtOnce(IMPORT_FINDINGS, findingsInput(evaluationId, 'findings-resent-while-running'));
      for (const answer of answers) {
        expect(answer.errors).toBeUndefined();
        expect(answer.data!.importFindings).toMatchObject({ recordedCount: 7, alreadyRecordedCount: 0 });
        expect(answer.data!.importFindings.findings).toHaveLength(7);
      }
      // And a retry after it all, the same.
      const later = await second.graphql(IMPORT_FINDINGS, { input: findingsInput(evaluationId, 'findings-resent-while-running') }, headers);
      expect(later.data!.importFindings).toMatchObject({ recordedCount: 7, alreadyRecordedCount: 0 });
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'findings: imports of one file under different keys at once answer counts that add up to what was recorded',
    async () => {
      const evaluationId = await registerEvaluation();
      const answers = await Promise.all(
        Array.from({ length: SENDS }, (_, send) => (send % 2 === 0 ? first : second).graphql(IMPORT_FINDINGS, { input: findingsInput(evaluationId, `findings-raced-${send}`) }, headers)),
      );
      for (const answer of answers) {
        expect(answer.errors).toBeUndefined();
        expect(answer.data!.importFindings.recordedCount + answer.data!.importFindings.alreadyRecordedCount).toBe(7);
      }
      expect(answers.reduce((sum, answer) => sum + (answer.data!.importFindings.recordedCount as number), 0)).toBe(7);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
