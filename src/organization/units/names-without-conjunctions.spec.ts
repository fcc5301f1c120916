import { nameForms, nearForms, shortensForms } from './near-unit-names.js';
import { unitLookupFrom } from './unit-lookup.js';

/*
 * breaker10s P5: government documents write 规范简称 without 和 (市住房城乡建设局 for 青川市住房和城乡建设局, 市人力资源社会保障局
 * for 青川市人力资源和社会保障局). Given such a registered unit, when a file or a units import writes the name without its 和/与/及,
 * then it is the registered unit's near name (read as it, and asked about by the units import), as 市发展改革委 was.
 */
const directory = [
  { id: 'unit-zjj', code: 'ZJJ', name: '青川市住房和城乡建设局' },
  { id: 'unit-rsj', code: 'RSJ', name: '青川市人力资源和社会保障局' },
];

describe('a registered name written without its joining characters', () => {
  it.each([
    ['市住房城乡建设局', '青川市住房和城乡建设局'],
    ['青川市住房城乡建设局', '青川市住房和城乡建设局'],
    ['市人力资源社会保障局', '青川市人力资源和社会保障局'],
  ])('%p is near %p, both ways, and shortens it', (written, registered) => {
    expect(nearForms(nameForms(written), nameForms(registered))).toBe(true);
    expect(nearForms(nameForms(registered), nameForms(written))).toBe(true);
    expect(shortensForms(nameForms(written), nameForms(registered))).toBe(true);
  });

  it.each([
    ['市住房城乡建设局', 'unit-zjj'],
    ['青川市住房城乡建设局', 'unit-zjj'],
    ['市人力资源社会保障局', 'unit-rsj'],
  ])('a file naming %p reads it as the registered unit', (name, unitId) => {
    const named = unitLookupFrom(directory, '2026-06-01').resolveNames!(name);
    expect(named).toMatchObject({ ok: true, units: [{ unitId }] });
  });
});
