import { recordPageOf } from '../web/src/record-links.js';

/*
 * breaker11i P8: after a lost answer, an edited form's refusal (CONFLICT REQUEST_KEY_REUSED) named
 * no record: the server now names the stream the first press wrote to, and the form links its page.
 */
describe('the page of the record an earlier press made', () => {
  it('is the finding’s or the work-plan item’s own page', () => {
    expect(recordPageOf('finding-3f2a')).toBe('/findings/3f2a');
    expect(recordPageOf('work-plan-item-77')).toBe('/items/77');
  });

  it('is the list page for circulars and plans, and none for streams without a page', () => {
    expect(recordPageOf('circular-9')).toBe('/circulars');
    expect(recordPageOf('work-plan-5')).toBe('/work-plan');
    expect(recordPageOf('evaluation-1')).toBeNull();
    expect(recordPageOf('user-1')).toBeNull();
    expect(recordPageOf('finding-')).toBeNull();
    expect(recordPageOf('')).toBeNull();
    expect(recordPageOf(undefined)).toBeNull();
  });
});
