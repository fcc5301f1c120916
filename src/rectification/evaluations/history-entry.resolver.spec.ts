import { actorName } from './history-entry.resolver.js';

describe('the name a timeline shows for who did it', () => {
  const nameOf = (id: string) => ({ 'user-1': '李娜（市发改委）' })[id];

  it('is the account’s name', () => expect(actorName('user-1', 'UNIT', nameOf)).toBe('李娜（市发改委）'));
  it('says what a system actor is', () => {
    expect(actorName('demo-data', 'SYSTEM', nameOf)).toBe('演示数据');
    expect(actorName('cli:ops', 'SYSTEM', nameOf)).toBe('命令行（ops）');
    expect(actorName('system', 'SYSTEM', nameOf)).toBe('系统');
  });
  it('falls back to the id of an account it does not know', () => expect(actorName('user-9', 'SUPERVISOR', nameOf)).toBe('user-9'));
});
