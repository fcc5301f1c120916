import { USER_ROLE_LABEL } from '../web/src/labels.js';
import { ROLE_ZH } from '../src/shared/domain-error.js';
import { UserRoles } from '../src/access/domain/user.events.js';

/*
 * One word for each role (newcomer38 P6): the server's refusals (ROLE_ZH: 「单位经办人无权…」,
 * 「只有督办人员或现场督查员可以…」) name a person's role as 用户管理, the page header and every timeline
 * do (USER_ROLE_LABEL). Refusals said 责任单位用户 and 督查人员 while the pages said 单位经办人 and 现场督查员.
 */
describe('role words', () => {
  it.each([...UserRoles, 'SYSTEM'].map((role) => [role, USER_ROLE_LABEL[role]]))('a refusal calls %s what the web app calls it: %s', (role, word) => {
    expect(ROLE_ZH[role]).toBe(word);
  });

  it('names no person by a part’s role (牵头单位 / 责任单位 are what a unit is on a part)', () => {
    for (const word of Object.values(ROLE_ZH)) expect(word).not.toMatch(/^(?:牵头|责任)单位/);
  });
});
