import { readTree } from './tree.js';

/*
 * breaker49-10 S10: a 1.2 MB JSON plan whose item description was `[` × 600 000 then `]` × 600 000 was
 * parsed whole before its depth was checked — 26 s and 0.9 GB on the server's own thread, and three
 * at once ended the server (out of memory). The nesting is now counted while the text is parsed.
 */
const TOO_DEEP_JSON = { reason: 'The JSON file nests deeper than 32 levels; a plan needs 5.', reasonZh: 'JSON 文件嵌套超过 32 层；方案只需要 5 层。' };
const TOO_DEEP_YAML = { reason: 'The YAML file nests deeper than 32 levels; a plan needs 5.', reasonZh: 'YAML 文件嵌套超过 32 层；方案只需要 5 层。' };

/** The tester's file: a plan in JSON with one item whose description nests `levels` lists deep. */
const deepPlanJson = (levels: number) =>
  `{"title":"青川市2026年深度测试","year":2026,"categories":[{"code":"一","title":"测试","items":[{"code":"1","title":"事项一",` +
  `"leadUnit":"青川市财政局","dueDate":"2026-12-31","description":${'['.repeat(levels)}${']'.repeat(levels)}}]}]}`;

describe('a YAML or JSON file nested without end', () => {
  it('is refused while it is read, in well under a second of parsing, not after the whole file is parsed (breaker49-10 S10)', () => {
    const file = deepPlanJson(600_000);
    expect(file.length).toBeGreaterThan(1_200_000);
    const started = performance.now();
    const read = readTree(file, 'json');
    const took = performance.now() - started;
    expect(read).toEqual({ ok: false, problems: [{ row: 1, ...TOO_DEEP_JSON }] });
    // The whole parse took 26–36 s; the bounded one stops after 40 brackets (here well under 0.5 s, even on a loaded machine).
    expect(took).toBeLessThan(5_000);
  });

  it('is refused at the depth, before a syntax error further on is reached: the rest of the file is never parsed', () => {
    // Parsed whole, this text is refused for its mismatched brackets (a syntax error at its end), not for its depth.
    const read = readTree(`{"items":\n${'['.repeat(40)}\n${'}'.repeat(40)}`, 'json');
    expect(read).toEqual({ ok: false, problems: [{ row: 2, ...TOO_DEEP_JSON }] });
  });

  it.each([
    ['flow lists', `items: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    ['flow mappings', `items: ${'{a: '.repeat(50_000)}1${'}'.repeat(50_000)}\n`],
    ['compact lists on one line', `items:\n  ${'- '.repeat(100_000)}x\n`],
    ['indented mappings', Array.from({ length: 2_000 }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n') + '\n'],
  ])('refuses YAML of %s the same way, by line', (_shape, text) => {
    const read = readTree(text, 'yaml');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems).toEqual([{ row: expect.any(Number), ...TOO_DEEP_YAML }]);
  });

  it('reads a plan nested as plans are (plan → categories → items → units) as before', () => {
    const read = readTree(
      'title: 方案\ncategories:\n  - title: 大项\n    items:\n      - code: "1"\n        title: 事项\n        responsibleUnits:\n          - 青川市财政局\n          - 青川市教育局\n',
      'yaml',
    );
    expect(read.ok).toBe(true);
  });

  it('names at most 20 syntax errors of a broken file', () => {
    const read = readTree(Array.from({ length: 500 }, (_, line) => `"a${line}": [}`).join('\n'), 'json');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems.length).toBeLessThanOrEqual(20);
  });

  it('still refuses a second document in one file', () => {
    const read = readTree('title: 甲\n---\ntitle: 乙\n', 'yaml');
    expect(read.ok).toBe(false);
  });
});
