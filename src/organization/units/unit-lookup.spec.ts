import { unitLookupFrom } from './unit-lookup.js';

describe('unit lookup over a directory', () => {
  const lookup = unitLookupFrom([
    { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
    { id: 'unit-xishan', code: 'XISHAN', name: '西山县人民政府' },
  ]);

  it('finds a unit by its exact official name or by its code in any case', () => {
    expect(lookup('青川市财政局')).toBe('unit-czj');
    expect(lookup('CZJ')).toBe('unit-czj');
    expect(lookup('xishan')).toBe('unit-xishan');
  });

  it('does not guess from a partial name', () => {
    expect(lookup('市财政局')).toBeUndefined();
    expect(lookup('财政局')).toBeUndefined();
  });
});
