import { storedUnitName, unitNameKey } from './unit-name.js';
import { unitLookupFrom } from './unit-lookup.js';

/*
 * breaker9 F9: names that are the same text in Unicode registered as different units. The pairs are
 * the breaker's: a CJK compatibility ideograph and its canonical form, Å decomposed and precomposed,
 * a Kangxi radical and the ideograph, full-width and plain letters.
 */
const SAME_TEXT: readonly (readonly [string, string])[] = [
  ['青川市\uF900测试局', '青川市豈测试局'],
  ['青川市A\u030A测试局', '青川市\u00C5测试局'],
  ['青川市\u2F42测试局', '青川市文测试局'],
  ['ＱＣ测试局', 'QC测试局'],
  ['qc测试局', 'QC测试局'],
];

describe('One rule for unit names', () => {
  it.each(SAME_TEXT)('reads %s and %s as one name', (one, other) => {
    expect(unitNameKey(one)).toBe(unitNameKey(other));
  });

  it('keeps names that differ apart', () => {
    expect(unitNameKey('青川市财政局')).not.toBe(unitNameKey('青川市财政厅'));
  });

  it('stores a name composed (NFC) and trimmed, otherwise as typed', () => {
    expect(storedUnitName(' 青川市A\u030A测试局 ')).toBe('青川市\u00C5测试局');
    expect(storedUnitName('青川市\uF900测试局')).toBe('青川市豈测试局');
    expect(storedUnitName('ＱＣ测试局')).toBe('ＱＣ测试局');
  });

  it('finds a unit in a file by any spelling of its name, short names included', () => {
    const lookup = unitLookupFrom([
      { id: 'unit-qc', code: 'QC', name: 'QC测试局' },
      { id: 'unit-wen', code: 'WEN', name: '青川市文测试局', formerNames: ['青川市\u00C5测试局'] },
    ]);
    expect(lookup('ＱＣ测试局')).toBe('unit-qc');
    expect(lookup('ｑｃ')).toBe('unit-qc');
    expect(lookup('青川市\u2F42测试局')).toBe('unit-wen');
    expect(lookup('青川市A\u030A测试局')).toBe('unit-wen');
    expect(lookup.resolveNames!('市\u2F42测试局')).toMatchObject({ ok: true, units: [{ unitId: 'unit-wen' }] });
  });
});
