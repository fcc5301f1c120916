import { assignmentChoices, chosenUnits, concernedToPreselect } from '../web/src/assignment-choices.js';

/*
 * newcomer13 R8 (= Q21): a finding's 涉及单位 (the units the evaluation names, recorded by the import
 * and by 登记问题) were shown nowhere and not offered for 交办. The 交办 form offers them first,
 * marked, and preselects them as responsible units; the lead picked from them leads with one part.
 */
describe('the units a 交办 offers', () => {
  const directory = [
    { id: 'gov', name: '青川市人民政府办公室' },
    { id: 'fgw', name: '青川市发展和改革委员会' },
    { id: 'czj', name: '青川市财政局' },
    { id: 'jyj', name: '青川市教育局' },
  ];

  it('puts the evaluation’s 点名单位 first, marked, and leaves out units already on the finding', () => {
    expect(assignmentChoices(directory, new Set(['gov']), ['jyj', 'czj'])).toEqual([
      { value: 'czj', label: '青川市财政局（评估点名）' },
      { value: 'jyj', label: '青川市教育局（评估点名）' },
      { value: 'fgw', label: '青川市发展和改革委员会' },
    ]);
  });

  it('offers the directory as it is when the evaluation named no unit', () => {
    expect(assignmentChoices(directory, new Set(), []).map((option) => option.label)).toEqual(directory.map((unit) => unit.name));
  });

  it('gives the lead picked from the preselected units one part, as lead', () => {
    expect(chosenUnits({ leadUnitId: 'czj', responsibleUnitIds: ['czj', 'jyj'], dueDate: '2026-12-31' })).toEqual([
      { unitId: 'czj', role: 'LEAD', dueDate: '2026-12-31' },
      { unitId: 'jyj', role: 'RESPONSIBLE', dueDate: '2026-12-31' },
    ]);
  });

  describe('a 点名单位 merged since (机构改革, breaker11f P1): its work is its successor’s', () => {
    const merged = [
      ...directory,
      { id: 'wjw', name: '青川市卫生和计划生育委员会', mergedIntoUnitId: 'wjw2' },
      { id: 'wjw2', name: '青川市卫生健康委员会', mergedIntoUnitId: null },
    ];

    it('offers the successor, marked, and never the merged unit, which takes no new work', () => {
      expect(assignmentChoices(merged, new Set(['gov']), ['wjw', 'czj'])).toEqual([
        { value: 'czj', label: '青川市财政局（评估点名）' },
        { value: 'wjw2', label: '青川市卫生健康委员会（评估点名）' },
        { value: 'fgw', label: '青川市发展和改革委员会' },
        { value: 'jyj', label: '青川市教育局' },
      ]);
    });

    it('preselects the successor in its place, once, and nothing already on the finding', () => {
      expect(concernedToPreselect(merged, new Set(), ['wjw', 'czj', 'wjw2'])).toEqual(['wjw2', 'czj']);
      expect(concernedToPreselect(merged, new Set(['wjw2']), ['wjw', 'czj'])).toEqual(['czj']);
      expect(concernedToPreselect(merged, new Set(['wjw']), ['wjw', 'czj'])).toEqual(['czj']);
    });
  });
});
