import { readTreeOffThread } from './sheet-off-thread.js';
import { MAX_MAPPING_KEYS, MAX_TREE_VALUES, readTree } from './tree.js';

/*
 * breaker50-10 S2: a JSON file of the size an upload accepts, but wide — a 4.8 MB list of 2 400 000
 * zeros, or a mapping of 400 000 keys — was parsed whole on the server's own thread: 126 s and 3 GB
 * for the first, more than 16 minutes (and no stop on SIGTERM) for the second. The width is now bounded
 * while the text is parsed, as the depth is, and the file read in a worker.
 */

/** The worker as `npm test` builds it before running (pretest). */
const BUILT_WORKER = new URL('../../dist/spreadsheet/sheet.worker.js', import.meta.url);

const TOO_MANY_VALUES = {
  reason: `The JSON file holds more than ${MAX_TREE_VALUES} values (keys and values); a plan of a few thousand items holds some tens of thousands. Check that this is the right file, or split it.`,
  reasonZh: `JSON 文件中的数据项（字段名和取值）超过 ${MAX_TREE_VALUES} 个，而几千个事项的方案也只有几万个：请检查是否选错了文件（如其他系统导出的数据），或拆成几个文件后导入。`,
};

/** A JSON plan of `items` items in one category, each with the fields a plan's items have (about ten values each). */
const planJson = (items: number, separator = '') =>
  `{"title":"青川市2026年测试","year":2026,"categories":[{"code":"一","title":"大项","items":[${separator}` +
  Array.from(
    { length: items },
    (_, item) =>
      `{"code":"${item + 1}","title":"第${item + 1}项推进信息公开","leadUnit":"青川市财政局","responsibleUnits":["青川市教育局"],"dueDate":"2026-12-31"}`,
  ).join(`,${separator}`) +
  ']}]}';

describe('a YAML or JSON file wider than any plan', () => {
  it("is refused at its 100 000th value, naming the line (the tester's j1.json: 2 400 000 zeros)", () => {
    const file = `{"title":"青川市2026年宽数组测试","year":2026,"categories":[${Array.from({ length: 2_400_000 }, () => '0').join(',')}]}`;
    // Parsed whole it took 95–126 s and 2.8–3 GB; the bounded parse stops at the 100 000th value (no time is asserted: the count it stops at is what shows it bounded).
    const read = readTree(file, 'json');
    expect(read).toEqual({ ok: false, problems: [{ row: 1, ...TOO_MANY_VALUES }] });
  });

  it('names the line where the count was passed, a list written one value a line', () => {
    const read = readTree(`{"categories":[\n${Array.from({ length: MAX_TREE_VALUES + 10 }, () => '0').join(',\n')}\n]}`, 'json');
    // "categories" is the first value, on line 1; the zeros start on line 2, so the value past the bound (the 100 000th zero) is on line 100 001.
    expect(read).toEqual({ ok: false, problems: [{ row: MAX_TREE_VALUES + 1, ...TOO_MANY_VALUES }] });
  });

  it.each([
    ['JSON', 'json' as const, `{"title":"x","year":2026,${Array.from({ length: 400_000 }, (_, key) => `"k${key}":1`).join(',')}}`, 1],
    ['YAML', 'yaml' as const, `title: x\n${Array.from({ length: 40_000 }, (_, key) => `k${key}: 1`).join('\n')}\n`, MAX_MAPPING_KEYS + 1],
  ])('refuses a %s mapping of more than 200 keys at once, naming the line (the 400 000 keys of j5.json held a server 16 minutes)', (format, kind, file, line) => {
    const read = readTree(file, kind);
    expect(read).toEqual({
      ok: false,
      problems: [
        {
          row: line,
          reason: `The ${format} file has a mapping with more than ${MAX_MAPPING_KEYS} keys; a plan's or a list's record has a dozen or two. Check that this is the right file.`,
          reasonZh: `${format} 文件中有一组键值对的字段超过 ${MAX_MAPPING_KEYS} 个，而方案或清单的一条记录只有十几个字段：请检查是否选错了文件。`,
        },
      ],
    });
    // 20 000 keys took 53 s (each key checked against every one before it); the refusal comes at the 201st key, on its line.
  });

  it('reads a plan of 3 000 items (some 30 000 values) as before', () => {
    const read = readTree(planJson(3_000, '\n'), 'json');
    expect(read.ok).toBe(true);
    const items = read.ok && read.tree.kind === 'map' ? read.tree.entries.find((entry) => entry.key === 'categories')?.value : undefined;
    expect(items?.kind === 'seq' && items.items[0]?.kind === 'map' && items.items[0].entries.find((entry) => entry.key === 'items')?.value).toMatchObject({ kind: 'seq', items: expect.any(Array) });
  });
});

describe('reading a YAML or JSON file in a worker thread', () => {
  it('gives what reading inline gives', async () => {
    const file = planJson(200, '\n');
    const inWorker = await readTreeOffThread(file, 'json', BUILT_WORKER);
    expect(inWorker.ok).toBe(true);
    expect(inWorker).toEqual(readTree(file, 'json'));
    expect(await readTreeOffThread('a: [1, 2\n', 'yaml', BUILT_WORKER)).toEqual(readTree('a: [1, 2\n', 'yaml'));
  });

  it('leaves this thread free while the file is read: a timer fires before the read is answered (breaker50-10 S2)', async () => {
    const file = planJson(6_000);
    let timerFired = false;
    const timer = setTimeout(() => (timerFired = true), 1);
    let firedBeforeAnswer: boolean | undefined;
    const read = await readTreeOffThread(file, 'json', BUILT_WORKER).then((result) => {
      firedBeforeAnswer = timerFired;
      return result;
    });
    clearTimeout(timer);
    expect(read.ok).toBe(true);
    // Read inline, the parse holds the thread from the call to the answer, and no timer can fire in between.
    expect(firedBeforeAnswer).toBe(true);
  });
});
