import { readTree } from './tree.js';

/*
 * breaker51-10 M2: a field written twice in one item (YAML or JSON) and a second YAML document after `---` were refused as a
 * layout typo — 「YAML 文件在此行有格式错误（缩进、冒号、引号或括号不对）」 — where nothing was wrong with either. The refusal
 * names what is wrong and where.
 */
describe('a YAML or JSON import file refused for its syntax', () => {
  it('names a key written twice in one entry, at the second one’s line (YAML)', () => {
    const file = ['title: 青川市2026年政务公开工作方案', 'items:', '  - code: "1"', '    title: 事项一', '    dueDate: 2026-06-30', '    dueDate: 2026-09-30', ''].join('\n');
    expect(readTree(file, 'yaml')).toEqual({
      ok: false,
      problems: [{ row: 6, reason: 'The YAML file gives "dueDate" twice in one entry: keep one.', reasonZh: '同一项中“dueDate”写了两次：只能保留一个，请删去多余的一行。' }],
    });
  });

  it('names a key written twice in one object (JSON), Chinese keys too', () => {
    const file = '{\n  "title": "方案",\n  "完成时限": "2026-06-30",\n  "完成时限": "2026-09-30"\n}';
    expect(readTree(file, 'json')).toEqual({
      ok: false,
      problems: [{ row: 4, reason: 'The JSON file gives "完成时限" twice in one entry: keep one.', reasonZh: '同一项中“完成时限”写了两次：只能保留一个，请删去多余的一行。' }],
    });
  });

  it('says a file holds one plan when a second YAML document begins after ---', () => {
    const file = ['title: 方案一', 'year: 2026', '---', 'title: 方案二', 'year: 2026', ''].join('\n');
    const read = readTree(file, 'yaml');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems).toEqual([
      expect.objectContaining({ reasonZh: '一个导入文件只能有一份内容：此行（“---”之后）开始了第二份，请分成两个文件分别导入，或删去多余的部分。' }),
    ]);
    expect(!read.ok && read.problems[0]!.row).toBeGreaterThanOrEqual(3);
  });

  it('still tells a layout typo as one', () => {
    const read = readTree('title: 方案\n  year: 2026\n items: [\n', 'yaml');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems[0]!.reasonZh).toBe('YAML 文件在此行有格式错误（缩进、冒号、引号或括号不对），无法读取。');
  });
});

/*
 * breaker53-10 M1: a JSON file of two objects one after the other (as a JSON-lines export writes) was refused with 14 identical
 * lines 「第 2 行：JSON 文件在此行有格式错误…」 and English quoting the YAML parser (「Unexpected flow-map-start」, 「YAML stream」).
 * Now one sentence at the second object's line, as a second YAML document is told; a JSON typo's English no longer names YAML.
 */
describe('a JSON file holding two values one after the other (breaker53-10 M1)', () => {
  it('is told once, at the second value’s line, that a file holds one', () => {
    const one = (title: string) => JSON.stringify({ title, year: 2026, categories: [{ code: '一', title: '公开平台', items: [{ code: '1', title: '事项一', leadUnit: '青川市甲务局', dueDate: '2026-06-30' }] }] });
    expect(readTree(`${one('青川市2026年丁方案')}\n${one('青川市2026年戊方案')}\n`, 'json')).toEqual({
      ok: false,
      problems: [
        {
          row: 2,
          reason: 'The JSON file holds a second value from this line (two objects one after the other, as a JSON-lines export writes): an import file holds one; split it or remove the rest.',
          reasonZh: '一个导入文件只能有一份内容：此行开始了第二份（上一份在此之前已结束），请分成两个文件分别导入，或删去多余的部分。',
        },
      ],
    });
  });

  it('tells a JSON typo once a line, in English without the YAML parser’s words', () => {
    const read = readTree('{\n  "title": "方案",\n  "year": [2026}\n{"x": 1}', 'json');
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.problems;
    expect(new Set(problems.map((problem) => `${problem.row}${problem.reasonZh}`)).size).toBe(problems.length);
    for (const problem of problems) expect(problem.reason).not.toMatch(/YAML|token|scalar|flow/iu);
  });
});
