import { startBanner } from './start-banner.js';

describe('the start banner a person reads in the terminal', () => {
  it('gives the address to open and how to choose another port', () => {
    const banner = startBanner(44517, null);
    expect(banner).toContain('http://localhost:44517/');
    expect(banner).toContain('（换端口：PORT=44518 npm start）');
    expect(banner).not.toContain('演示账号');
  });

  it('never suggests the port it runs on (newcomer19 S2: the README\'s try store on 3001 said 换端口：PORT=3001)', () => {
    expect(startBanner(3001, null)).toContain('http://localhost:3001/ （换端口：PORT=3002 npm start）');
    expect(startBanner(3000, null)).toContain('（换端口：PORT=3001 npm start）');
    expect(startBanner(65535, null)).toContain('（换端口：PORT=3001 npm start）');
  });

  it('with the demo, lists its accounts as plain lines with the shared password, never as escaped log text', () => {
    const banner = startBanner(3000, { password: 'rectify-demo', lines: '  SUPERVISOR supervisor  张伟: rct_demo_supervisor_qingchuan' });
    expect(banner).toContain('密码均为 rectify-demo');
    expect(banner).toContain('\n  SUPERVISOR supervisor  张伟: rct_demo_supervisor_qingchuan\n');
    expect(banner).not.toContain('\\n');
  });

  /*
   * newcomer27 S2 (moderate): a start whose store takes no writes (clock behind the log, a rolled-back log,
   * a read-only file, a witness that cannot be written) said only 「Rectify 已启动」: the office learned it at its first 登记.
   */
  it('a start that takes no writes says so on its first line, then each reason with its cause, Chinese first, then English', () => {
    const clock = { cause: 'CLOCK_BEHIND_LOG', message: { zh: '服务器时钟比台账中最新记录的录入时间早 2 天', en: 'The server clock reads 2 days before the newest record' } };
    const witness = { cause: 'WITNESS_NOT_WRITTEN', message: { zh: '事件库见证文件无法写入', en: 'The store witness cannot be written' } };
    const lines = startBanner(3000, null, [clock, witness]).trim().split('\n');
    expect(lines[0]).toBe('Rectify 已启动，但不接受写入（STORE_UNAVAILABLE）：只能查看，任何登记、上报、修改都会被拒绝。用浏览器打开 http://localhost:3000/ （换端口：PORT=3001 npm start）');
    expect(lines.slice(1, 4)).toEqual(['原因：', '  服务器时钟比台账中最新记录的录入时间早 2 天（CLOCK_BEHIND_LOG）', '  事件库见证文件无法写入（WITNESS_NOT_WRITTEN）']);
    expect(lines[4]).toMatch(/^Rectify started but takes no writes \(STORE_UNAVAILABLE\)/);
    expect(lines.slice(5, 7)).toEqual(['  The server clock reads 2 days before the newest record (CLOCK_BEHIND_LOG)', '  The store witness cannot be written (WITNESS_NOT_WRITTEN)']);
    expect(lines[7]).toContain('http://localhost:3000/health');
    // A start that writes says nothing of the kind.
    expect(startBanner(3000, null, [])).not.toContain('不接受写入');
  });

  /* newcomer40 S1: a start that accepted a restored store (--accept-store-reset) said only 「Rectify 已启动」. */
  it('says what the operator must know though writes are taken, under 请注意, Chinese first, then English', () => {
    const accepted = { cause: 'STORE_RESET_ACCEPTED', message: { zh: '本次启动接受了一个未能识别的事件库（止于位置 285）', en: 'This start took a store it did not recognise (ends at 285)' } };
    const lines = startBanner(3000, null, [], [accepted]).trim().split('\n');
    expect(lines[0]).toBe('Rectify 已启动：用浏览器打开 http://localhost:3000/ （换端口：PORT=3001 npm start）');
    expect(lines.slice(1)).toEqual(['请注意：', '  本次启动接受了一个未能识别的事件库（止于位置 285）（STORE_RESET_ACCEPTED）', 'Note:', '  This start took a store it did not recognise (ends at 285) (STORE_RESET_ACCEPTED)']);
    expect(startBanner(3000, null, [], [])).not.toContain('请注意');
  });
});
