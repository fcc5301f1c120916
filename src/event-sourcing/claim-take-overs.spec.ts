import { ClaimTakenError } from '../event-store/event-store.port.js';
import { ClaimRefused, ClaimTakeOvers, type ClaimedValue } from './execute-command.js';

/* The take-over rounds shared by the server's CommandExecutor and the user:create tool. */

const NAME: ClaimedValue = { scope: 'login-name', value: 'zhangwei', field: 'loginName', label: 'zhangwei' };
const IDENTITY: ClaimedValue = { scope: 'account', value: '张伟|UNIT', field: 'name', label: '张伟' };
const refused = (holder: string, revision?: number | null) => new ClaimRefused(new ClaimTakenError(NAME.scope, NAME.value, holder, revision), NAME);

describe('ClaimTakeOvers', () => {
  it('given no refusal yet, when claims are applied, then they are taken as they are', () => {
    expect(new ClaimTakeOvers().applied([NAME, IDENTITY])).toEqual([NAME, IDENTITY]);
  });

  it('given a refusal by a holder at a revision, when the next round applies, then only that value is taken over from that holder as it stood', () => {
    const takeOvers = new ClaimTakeOvers();
    expect(takeOvers.noted(refused('user-old', 3))).toBe(true);
    expect(takeOvers.applied([NAME, IDENTITY])).toEqual([{ ...NAME, takeOverFrom: 'user-old', takeOverAt: 3 }, IDENTITY]);
  });

  it('given a take-over already tried from that holder as it stood, when refused again the same way, then it is no use going on', () => {
    const takeOvers = new ClaimTakeOvers();
    takeOvers.noted(refused('user-old', 3));
    expect(takeOvers.noted(refused('user-old', 3))).toBe(false);
  });

  it('given a take-over tried, when the holder has moved since or another holder refuses, then the next round takes over from it as it is now', () => {
    const takeOvers = new ClaimTakeOvers();
    takeOvers.noted(refused('user-old', 3));
    expect(takeOvers.noted(refused('user-old', 4))).toBe(true);
    expect(takeOvers.applied([NAME])).toEqual([{ ...NAME, takeOverFrom: 'user-old', takeOverAt: 4 }]);
    expect(takeOvers.noted(refused('user-new', null))).toBe(true);
    expect(takeOvers.applied([NAME])).toEqual([{ ...NAME, takeOverFrom: 'user-new', takeOverAt: null }]);
  });

  it('given a holder whose revision the store does not tell, when refused again, then it is no use going on', () => {
    const takeOvers = new ClaimTakeOvers();
    takeOvers.noted(refused('user-old'));
    expect(takeOvers.applied([NAME])).toEqual([{ ...NAME, takeOverFrom: 'user-old' }]);
    expect(takeOvers.noted(refused('user-old', 7))).toBe(false);
  });
});
