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
});
