import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { unitsNamedIn } from '../../organization/units/units-named.js';
import { FindingTitlesIndex, NearTitles, numbersNamed, titlesApart } from './finding-titles.index.js';
import { findingTitleKey } from '../import-findings/findings-file.js';

const apart = (a: string, b: string) => titlesApart(findingTitleKey(a), findingTitleKey(b));

describe('titles that read as one problem retyped (breaker10c P3, 11e P1, 10d P25)', () => {
  it('takes a touched-up character, a dropped particle or a word added for the same problem', () => {
    expect(apart('政务新媒体账号长期未更新', '政务新媒体帐号长期未更新')).toBe(1);
    expect(apart('办事指南要素不全', '办事指南要素不齐全')).toBe(1);
    expect(apart('政务新媒体账号长期未更新', '政务新媒体账号长期没有更新')).toBe(2);
    expect(apart('政务新媒体账号长期未更新', '部分政务新媒体账号长期未更新')).toBe(2);
    expect(apart('LM网站栏目更新不及时', 'LM网站栏目更新不够及时')).toBe(1);
  });

  it('takes a title with up to two characters added anywhere — 政府, 较为 — for the same problem, from five characters on (newcomer36 S21)', () => {
    expect(apart('网站存在错链', '政府网站存在错链')).toBe(2);
    expect(apart('政策解读形式单一', '政策解读形式较为单一')).toBe(2);
    expect(apart('年报未发布', '年报未及时发布')).toBe(2);
    // Replaced, not added: another problem may be meant; three added: reworded; numbers still tell problems apart.
    expect(apart('年报未发布', '年报未公布')).toBeNull();
    expect(apart('政策解读形式单一', '政策解读形式较为单调')).toBeNull();
    expect(apart('网站存在错链', '政府门户网站存在错链')).toBeNull();
    expect(apart('网站存在错链', '网站存在错链3处')).toBeNull();
    expect(apart('年报未发', '年报未发布')).toBeNull();
  });

  it('takes the same words quoted, or with 问题 after them or 关于 before them, for one problem however short (breaker10g P6)', () => {
    expect(apart('依申请公开答复超期', '“依申请公开”答复超期')).toBe(2);
    expect(apart('依申请公开答复超期', '《依申请公开》答复超期')).toBe(2);
    expect(apart('依申请公开答复超期', '依申请公开答复超期问题')).toBe(2);
    expect(apart('年报未发布', '关于年报未发布的问题')).toBe(5);
    expect(apart('“年报”未发布', '年报未发布')).toBe(2);
    // Other words stay other problems.
    expect(apart('年报未发布', '年报未公布')).toBeNull();
    expect(apart('“问题”清单未公开', '清单未公开')).toBeNull();
  });

  it('never takes titles naming other years, quarters, halves or counts for one problem', () => {
    expect(apart('2025年政府信息公开年报未按时发布', '2024年政府信息公开年报未按时发布')).toBeNull();
    expect(apart('一季度政务公开考核排名靠后', '二季度政务公开考核排名靠后')).toBeNull();
    expect(apart('上半年政务公开考核排名靠后', '下半年政务公开考核排名靠后')).toBeNull();
    expect(apart('网站首页错链3处未及时修复', '网站首页错链5处未及时修复')).toBeNull();
    expect(apart('建设项目环评信息公开不全', '秋季建设项目环评信息公开不全')).toBeNull();
    expect(numbersNamed(findingTitleKey('２０２５年第三季度'))).toBe('2025|3');
  });

  it('leaves short titles and reworded problems apart, and the same words are not near but the same', () => {
    expect(apart('年报未发布', '年报未公布')).toBeNull();
    expect(apart('政务新媒体账号长期未更新', '政府网站栏目长期未更新')).toBeNull();
    expect(apart('政务新媒体账号长期未更新', '政务新媒体账号长期未更新。')).toBeNull();
  });
});

describe('numbers compared by value, not as written (breaker10e P2)', () => {
  const recorded = (titles: string[]) => {
    const index = new FindingTitlesIndex();
    titles.forEach((title, n) => index.apply({ type: 'FindingRecorded', data: { findingId: `f${n}`, evaluationId: 'e', title } } as unknown as RecordedEvent));
    return index;
  };

  it('finds the recorded title whatever script its numbers are written in: 3处/三处, 2025年/二〇二五年, ２０２５', () => {
    const index = recorded(['网站首页错链3处未及时修复', '二〇二五年政府信息公开年报未按时发布', '政务微博第三季度未更新']);
    expect(index.sameTitle('e', '网站首页错链三处未及时修复')?.findingId).toBe('f0');
    expect(index.sameTitle('e', '2025年政府信息公开年报未按时发布')?.findingId).toBe('f1');
    expect(index.sameTitle('e', '２０２５年政府信息公开年报未按时发布')?.findingId).toBe('f1');
    expect(index.sameTitle('e', '政务微博第3季度未更新')?.findingId).toBe('f2');
  });

  it('takes a retyped title with its numbers in another script for one problem, and other numbers for another', () => {
    const index = recorded(['网站首页错链3处未及时修复', '二〇二五年政府信息公开年报未按时发布']);
    expect(index.near('e', '网站首页错链三处没有及时修复').map((entry) => entry.findingId)).toEqual(['f0']);
    expect(index.near('e', '2025年政府信息公开年报没有按时发布').map((entry) => entry.findingId)).toEqual(['f1']);
    expect(index.near('e', '网站首页错链五处未及时修复')).toEqual([]);
    expect(index.near('e', '二〇二四年政府信息公开年报未按时发布')).toEqual([]);
    expect(apart('十二月政务公开考核排名靠后', '12月政务公开考核排名靠后')).toBeNull();
    expect(findingTitleKey('十二月政务公开考核排名靠后')).toBe(findingTitleKey('12月政务公开考核排名靠后'));
  });
});

describe('titles that name different units are different problems (breaker10e P10)', () => {
  it('does not take one unit\'s problem for another\'s retyped, on the form as on an import', () => {
    const index = new FindingTitlesIndex();
    index.apply({ type: 'FindingRecorded', data: { findingId: 'f0', evaluationId: 'e', title: '青川市财政局政府信息公开目录不全' } } as unknown as RecordedEvent);
    const unitsNamed = unitsNamedIn([
      { id: 'czj', name: '青川市财政局' },
      { id: 'jyj', name: '青川市教育局' },
    ]);
    expect(index.near('e', '青川市教育局政府信息公开目录不全', unitsNamed)).toEqual([]);
    expect(index.near('e', '市教育局政府信息公开目录不全', unitsNamed)).toEqual([]);
    expect(index.near('e', '青川市财政局政府信息公开目录不够全', unitsNamed).map((entry) => entry.findingId)).toEqual(['f0']);
  });
});

describe('near titles found by look-up, not by a scan (breaker12d P3)', () => {
  /** mulberry32: the same titles every run. */
  const seeded = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const unitsNamed = unitsNamedIn([
    { id: 'czj', name: '青川市财政局' },
    { id: 'jyj', name: '青川市教育局' },
  ]);

  it('answers exactly what comparing with every title answers, for titles retyped in every way', () => {
    const random = seeded(20261201);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const bases = ['政府网站栏目长期未更新', '依申请公开答复超期', '政务新媒体账号长期未更新', '财政预决算公开不完整', '年报未发布', '政府信息公开目录不全且未及时维护更新', '重大行政决策预公开制度落实不到位需要进一步规范'];
    const letters = [...'的了部分未没有更新及时公开栏目账帐号全齐'];
    const retyped = (text: string): string => {
      const chars = [...text];
      for (let edits = Math.floor(random() * 5); edits > 0; edits -= 1) {
        const at = Math.floor(random() * (chars.length + 1));
        const kind = random();
        if (kind < 0.4 && at < chars.length) chars[at] = pick(letters);
        else if (kind < 0.7) chars.splice(at, 0, pick(letters));
        else chars.splice(at, 1);
      }
      return chars.join('');
    };
    const title = (): string => {
      let text = retyped(pick(bases));
      const framing = random();
      if (framing < 0.1) text = `关于${text}的问题`;
      else if (framing < 0.2) text = `“${text}”`;
      else if (framing < 0.3) text = `${pick(['2025年', '二〇二五年', '2024年', '三季度', '上半年', '3处'])}${text}`;
      else if (framing < 0.4) text = `${pick(['青川市财政局', '青川市教育局', '市教育局'])}${text}`;
      // A remark after the title (breaker10h P12): the same one, another one, a numbered one.
      else if (framing < 0.5) text = `${text}${pick(['（重点问题）', '（已整改）', '【督查发现】', `（第${Math.floor(random() * 7)}项）`])}`;
      return text;
    };
    const titles = new NearTitles<number>();
    const keys: string[] = [];
    let found = 0;
    for (let n = 0; n < 800; n += 1) {
      const key = findingTitleKey(title());
      const scan = keys
        .map((other, order) => ({ order, distance: titlesApart(other, key, unitsNamed) }))
        .filter((near): near is { order: number; distance: number } => near.distance !== null)
        .sort((a, b) => a.distance - b.distance || a.order - b.order)
        .map(({ order, distance }) => ({ value: order, distance }));
      expect(titles.near(key, unitsNamed)).toEqual(scan);
      found += scan.length;
      titles.add(key, n);
      keys.push(key);
    }
    // The titles were near often enough for the comparison to mean something.
    expect(found).toBeGreaterThan(300);
  });

  it('checks a few candidates per title however many titles it holds: titles told apart by a number, a unit or their words', () => {
    const checksFor = (count: number) => {
      const titles = new NearTitles<number>();
      for (let n = 0; n < count; n += 1) {
        const [x, y] = ['财教民卫交住环农水商文体审统林人'[n % 16], '政务公开目录信息标准年报解读回应平台'[Math.floor(n / 16) % 16]];
        // Told apart by a number (the breaker's file), by their words (three characters at least: never near each other).
        for (const text of [`政府网站栏目长期未更新（第${n}项）`, `第${Math.floor(n / 256)}批${x}${y}栏目${x}${y}更新${x}${y}不及时`]) {
          const key = findingTitleKey(text);
          titles.near(key, unitsNamed);
          titles.add(key, n);
        }
      }
      return titles.checks;
    };
    const [small, large] = [checksFor(500), checksFor(1000)];
    // A scan compares each title with every one before it: 2,000 titles, ~2,000,000 comparisons; twice the titles, four times as many.
    expect(large).toBeLessThanOrEqual(2 * 1000);
    expect(large).toBeLessThanOrEqual(2.5 * small);
  });
});

describe('a remark in brackets after a title is what the 台账 says of the problem, not another problem (breaker10h P12)', () => {
  const unitsNamed = unitsNamedIn([
    { id: 'czj', name: '青川市财政局' },
    { id: 'jyj', name: '青川市教育局' },
  ]);

  it('takes the recorded title with （已整改）, （重点问题）, 【督查发现】, （整改中） or a year only in the remark for the same problem retyped, however short', () => {
    expect(apart('部分单位主动公开信息更新不及时', '部分单位主动公开信息更新不及时（已整改）')).not.toBeNull();
    expect(apart('网民留言回应不及时', '网民留言回应不及时（重点问题）')).not.toBeNull();
    expect(apart('政策文件缺少配套解读', '政策文件缺少配套解读（2025年评估）')).not.toBeNull();
    expect(apart('重点领域信息公开不全面', '重点领域信息公开不全面【督查发现】')).not.toBeNull();
    expect(apart('重点领域信息公开不全面', '重点领域信息公开不全面(整改中)')).not.toBeNull();
    expect(apart('年报未发布', '年报未发布（重点问题）（已整改）')).not.toBeNull();
    expect(apart('关于“网民留言回应不及时”的问题', '网民留言回应不及时（重点问题）')).not.toBeNull();
  });

  it.each(['〔重点问题〕', '〔已整改〕', '〖已整改〗', '「重点」', '『督查发现』', '［重点问题］'])('reads a remark in %s as in （）: the same problem retyped (breaker10i P3)', (remark) => {
    expect(apart('网民留言回应不及时', `网民留言回应不及时${remark}`)).not.toBeNull();
  });

  it.each([
    ['（2025年评估）', '（重点问题）'],
    ['（重点问题）', '（督查发现）'],
    ['（第三方评估）', '（2026年复查）'],
    ['（2024年评估）', '（2025年评估）'],
    ['（巡察反馈）', '〔整改中〕'],
    ['（重点问题）（督查发现）', '（2025年评估，重点问题）'],
  ])('takes the same words with a different framing remark on each copy — %s / %s — for one problem (breaker10i P7)', (one, other) => {
    expect(apart(`政务新媒体账号长期不更新${one}`, `政务新媒体账号长期不更新${other}`)).not.toBeNull();
    expect(apart(`环评信息公开（东湖区）${one}`, `环评信息公开（东湖区）${other}`)).not.toBeNull();
    expect(apart(`环评信息公开（东湖区）${one}`, `环评信息公开（西山区）${other}`)).toBeNull();
  });

  it.each(['重点：', '重点问题：', '督查发现:', '2025年评估—', '第三方评估发现：'])('takes the same words with %s before them, unbracketed, for the same problem retyped (breaker10k P2 rest)', (remark) => {
    expect(apart('网民留言回应不及时', `${remark}网民留言回应不及时`)).not.toBeNull();
    expect(apart('政务新媒体账号长期不更新', `${remark}政务新媒体账号长期不更新`)).not.toBeNull();
  });

  it.each(['（重点）', '【督查发现】', '[新增]', '【重点】', '（已销号）', '〔2025年评估〕'])('takes the same words with %s BEFORE them for the same problem retyped (breaker10j P3)', (remark) => {
    expect(apart('政务新媒体账号长期不更新', `${remark}政务新媒体账号长期不更新`)).not.toBeNull();
    expect(apart('网民留言回应不及时', `${remark}网民留言回应不及时`)).not.toBeNull();
    expect(apart(`${remark}网民留言回应不及时`, '网民留言回应不及时（重点问题）')).not.toBeNull();
  });

  it('tells titles apart by a remark before them that names the problem itself, as after them (breaker10j P3)', () => {
    expect(apart('（东湖区）环评信息公开', '（西山区）环评信息公开')).toBeNull();
    expect(apart('（东湖区）环评信息公开', '环评信息公开（西山区）')).toBeNull();
    const titles = new NearTitles<string>();
    titles.add(findingTitleKey('政务新媒体账号长期不更新'), 'plain');
    expect(titles.near(findingTitleKey('【督查发现】政务新媒体账号长期不更新')).map((near) => near.value)).toEqual(['plain']);
  });

  it('compares two titles with different remarks as any two titles — the remark may tell the problems apart —, and a bracket inside the words as words', () => {
    expect(apart('门户网站存在错链（3处）', '门户网站存在错链（5处）')).toBeNull();
    expect(apart('环评信息公开（东湖区）', '环评信息公开（西山区）')).toBeNull();
    expect(apart('政府网站栏目长期未更新（政务公开专栏）', '政府网站栏目长期未更新（信息公开目录）')).toBeNull();
    expect(titlesApart(findingTitleKey('政府信息公开目录不全（青川市财政局）'), findingTitleKey('政府信息公开目录不全（青川市教育局）'), unitsNamed)).toBeNull();
    expect(titlesApart(findingTitleKey('政府信息公开目录不全'), findingTitleKey('政府信息公开目录不全（青川市教育局）'), unitsNamed)).not.toBeNull();
    // The same remark, the words quoted: one problem retyped.
    expect(apart('“网民留言回应不及时”（重点问题）', '网民留言回应不及时（重点问题）')).not.toBeNull();
    expect(apart('网站（专栏）未更新', '网站未更新')).toBeNull();
  });

  it('finds the recorded problem for a title with a remark, on the form and on an import alike', () => {
    const index = new FindingTitlesIndex();
    ['部分单位主动公开信息更新不及时', '网民留言回应不及时', '政策文件缺少配套解读'].forEach((title, n) =>
      index.apply({ type: 'FindingRecorded', data: { findingId: `f${n}`, evaluationId: 'e', title } } as unknown as RecordedEvent),
    );
    expect(index.near('e', '网民留言回应不及时（重点问题）').map((entry) => entry.findingId)).toEqual(['f1']);
    expect(index.near('e', '政策文件缺少配套解读（2025年评估）').map((entry) => entry.findingId)).toEqual(['f2']);
  });
});

describe('the distance a refusal names counts characters, not UTF-16 units (breaker9x S5)', () => {
  it('a character outside the BMP (𠮷, U+20BB7) added or put for another counts as one', () => {
    expect(apart('县级政务公开专栏𠮷长期未更新', '县级政务公开专栏长期未更新')).toBe(1);
    expect(apart('县级政务公开专栏𠮷长期未更新', '县级政务公开专栏吉长期未更新')).toBe(1);
    expect(apart('县级政务公开专栏长期未更新', '县级政务公开专栏吉长期未更新')).toBe(1);
  });
});
