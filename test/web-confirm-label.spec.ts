import { confirmLabel } from '../web/src/labels.js';

/* breaker11h P5: the confirming press of 撤销问题 with 与哪个问题重复登记 read 确认确认撤销. */
describe('a form’s confirming press', () => {
  it('says 确认 once', () => {
    expect(confirmLabel('确认撤销')).toBe('确认撤销');
    expect(confirmLabel('现场督查')).toBe('确认现场督查');
  });
});
