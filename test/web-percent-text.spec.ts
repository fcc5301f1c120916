import { percentText } from '../web/src/percent-text.js';

/* breaker11s P4: 总览 showed 12.5% on the card and 13% on the 按评估 bar for the same figure. */
describe('a share as the pages write it', () => {
  it('keeps one decimal where there is one, and none on a whole number', () => {
    expect(percentText(12.5)).toBe('12.5%');
    expect(percentText(13)).toBe('13%');
    expect(percentText(100)).toBe('100%');
    expect(percentText(0)).toBe('0%');
  });

  it('rounds to one decimal, never to a whole number', () => {
    expect(percentText(33.333)).toBe('33.3%');
    expect(percentText(66.66)).toBe('66.7%');
    expect(percentText(0.04)).toBe('0%');
  });
});
