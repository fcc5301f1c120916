import { asLiveReload, LIVE_RELOAD_HEADER, liveReloadHeaders } from '../web/src/live-reload.js';

/*
 * breaker12e P7: the web's own reloads after the server's pushes spent a shared account's request
 * window. The queries a round of reloads sends are marked, so the server counts them apart.
 */
describe('marking the queries a push makes the views send', () => {
  const LIST = '{ findings(first: 20) { totalCount } }';
  const NAMED = 'query Workload($unitId: ID!) { unitWorkload(unitId: $unitId) { open } }';
  const REPORT = 'mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }';

  it('marks the queries sent while a round runs, until it settles, and nothing else', async () => {
    expect(liveReloadHeaders(LIST)).toEqual({});
    let release: () => void = () => undefined;
    const round = asLiveReload(async () => {
      expect(liveReloadHeaders(LIST)).toEqual({ [LIVE_RELOAD_HEADER]: '1' });
      await new Promise<void>((resolve) => (release = resolve));
      expect(liveReloadHeaders(NAMED)).toEqual({ [LIVE_RELOAD_HEADER]: '1' });
    });
    // What the person sends meanwhile: a mutation is never a reload.
    expect(liveReloadHeaders(REPORT)).toEqual({});
    expect(liveReloadHeaders(`  ${REPORT}`)).toEqual({});
    release();
    await round;
    expect(liveReloadHeaders(LIST)).toEqual({});
  });

  it('ends the marking when a round fails', async () => {
    await expect(asLiveReload(() => Promise.reject(new Error('network')))).rejects.toThrow('network');
    expect(liveReloadHeaders(LIST)).toEqual({});
  });
});
