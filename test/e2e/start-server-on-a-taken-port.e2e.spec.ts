import { createServer } from 'node:http';
import { freshDatabasePath } from '../support/test-app.js';
import { PROCESS_TEST_CEILING_MS, ServerExited, startServer } from '../support/server-process.js';

/*
 * CI on baf44df2: a process test read another server's /health as its own (ready, none of its
 * notices): the port it was given had been taken by another Jest worker's server between the probe
 * and the child's bind, and the other server answered while the child was still starting. The
 * tests' `startServer` now takes an answer only from a server its own child listens with.
 */
describe("The tests' server starter", () => {
  it('does not take another process answering /health on the port for the server it started: the start refused for the port is reported', async () => {
    const impostor = createServer((_, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ status: 'ready', problems: [], notices: [] }));
    });
    const port = await new Promise<number>((resolve) => impostor.listen(0, () => resolve((impostor.address() as { port: number }).port)));
    try {
      const refused = await startServer(freshDatabasePath(), { port }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ServerExited);
      expect((refused as ServerExited).output).toContain(`端口 ${port} 已被占用`);
    } finally {
      await new Promise((resolve) => impostor.close(resolve));
    }
  }, PROCESS_TEST_CEILING_MS);
});
