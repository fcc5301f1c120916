import { otherUnitInTitle } from '../web/src/circular-words.js';

/*
 * newcomer40 S3: a circular for 市发改委 titled 「关于青川市交通运输局整改工作不力的通报」 (the title copied from the form's
 * example or an earlier circular) went out naming one unit and counting against another, nothing said. 发布's confirmation now
 * names the unit the title names first (web/src/pages/Circulars.vue); this is the rule it reads.
 */
describe('a circular’s title naming another unit than the one chosen', () => {
  const units = [
    { id: 'fgw', name: '青川市发展和改革委员会' },
    { id: 'jt', name: '青川市交通运输局' },
    { id: 'jt-short', name: '交通运输局' },
    { id: 'cz', name: '青川市财政局' },
  ];

  it('names the other unit, the longest name when one holds another', () => {
    expect(otherUnitInTitle('关于青川市交通运输局整改工作不力的通报', 'fgw', units)).toBe('青川市交通运输局');
    expect(otherUnitInTitle('关于青川市财政局政策解读滞后的通报', 'jt', units)).toBe('青川市财政局');
  });

  it('says nothing when the title names the chosen unit, or no unit at all', () => {
    expect(otherUnitInTitle('关于青川市发展和改革委员会与青川市财政局协同不力的通报', 'fgw', units)).toBeNull();
    expect(otherUnitInTitle('关于青川市交通运输局整改工作不力的通报', 'jt', units)).toBeNull();
    expect(otherUnitInTitle('关于2026年第一季度政务公开工作的通报', 'fgw', units)).toBeNull();
    expect(otherUnitInTitle('关于青川市交通运输局整改工作不力的通报', '', units)).toBeNull();
  });
});
