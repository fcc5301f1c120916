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
