import { SEVERITY_LABEL } from '../web/src/labels.js';
import { severityOf } from '../src/rectification/import-findings/findings-file.js';
import { Severities } from '../src/rectification/domain/finding.events.js';

/*
 * One scale of severity words (breakers' G3): the word the app shows for a grade is the word an
 * import file reads as that grade, so a list copied from the app imports unchanged, and an
 * evaluation's 较重 is reported as 较重.
 */
describe('severity words', () => {
  it.each(Severities.map((grade) => [grade, SEVERITY_LABEL[grade]!]))('the app shows %s as %s, and a file saying so is read as that grade', (grade, word) => {
    expect(severityOf(word)).toBe(grade);
  });

  it('labels each grade with its own word', () => {
    expect(new Set(Severities.map((grade) => SEVERITY_LABEL[grade])).size).toBe(Severities.length);
  });
});
