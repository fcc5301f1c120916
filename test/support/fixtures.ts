/** How many evaluations this test file's `evaluationInput` has made: each gets a title of its own. */
let evaluationsMade = 0;

/**
 * A third-party evaluation as a supervisor registers it, with a fresh idempotency key and a title of
 * its own each time (2025年度政务公开第三方评估报告（第N份）): one title is registered once.
 */
export const evaluationInput = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: `evaluation-${Math.random().toString(36).slice(2)}`,
  title: `2025年度政务公开第三方评估报告（第${(evaluationsMade += 1)}份）`,
  evaluator: '中部政府透明度研究院',
  commissionedBy: '国务院办公厅政务公开办公室',
  periodStart: '2025-01-01',
  periodEnd: '2025-12-31',
  receivedOn: '2026-03-18',
  ...overrides,
});

export const REGISTER_EVALUATION = `mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`;
