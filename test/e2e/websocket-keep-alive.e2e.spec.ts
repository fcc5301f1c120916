import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { MAX_CONNECTIONS_PER_CALLER } from '../../src/app.module.js';
import { TestApp, startTestApp } from '../support/test-app.js';

/** A generous ceiling for a loaded machine, not a timing. */
async function waitFor(done: () => boolean, what: string): Promise<void> {
  for (const ceiling = Date.now() + 30_000; !done(); await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (Date.now() > ceiling) throw new Error(`Not within 30 s: ${what}`);
  }
}

/**
 * breaker12d's note: a browser whose laptop sleeps, or whose network drops without a FIN, leaves a
 * connection the server counts against the account's 30 (MAX_CONNECTIONS_PER_CALLER). The server
 * pings every connection every WEBSOCKET_KEEP_ALIVE_MS and ends one that has not answered by the
 * next ping, giving back its place; a connection that answers (every browser, every ws client) stays.
 */
describe('WebSocket keep-alive', () => {
  let app: TestApp;
  let wsUrl: string;

  beforeAll(async () => {
    app = await startTestApp({ settings: { WEBSOCKET_KEEP_ALIVE_MS: '200' } });
    wsUrl = `${app.url.replace('http', 'ws')}/graphql`;
  });

  afterAll(async () => {
    await app.close();
  });

  /** A graphql-ws connection acknowledged by the server whose client never answers a ping (a sleeping laptop). */
  const deadConnection = (authorization: string) =>
    new Promise<{ socket: WebSocket; closed: Promise<number> }>((resolve, reject) => {
      const socket = new WebSocket(wsUrl, 'graphql-transport-ws', { autoPong: false });
      const closed = new Promise<number>((ended) => socket.once('close', (code) => ended(code)));
      socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
      socket.on('message', (data) => {
        if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') resolve({ socket, closed });
      });
      socket.once('error', reject);
    });

  it('ends connections that stop answering pings, freeing their account places, and keeps those that answer', async () => {
    const { authorization } = await app.as('INSPECTOR');
    const live = new Set<number>();
    const closedLive: number[] = [];
    const connect = (n: number) =>
      createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization },
        lazy: false,
        retryAttempts: 0,
        on: { connected: () => void live.add(n), closed: () => void closedLive.push(n) },
        onNonLazyError: () => undefined,
      });

    // One answering connection first, then the account's other places taken by connections that never answer.
    const answering = connect(0);
    const clients = [answering];
    try {
      await waitFor(() => live.has(0), 'the answering connection');
      const dead = await Promise.all(Array.from({ length: MAX_CONNECTIONS_PER_CALLER - 1 }, () => deadConnection(authorization!)));

      // The server gives up on every silent one (1006: ended without a closing handshake).
      const codes = await Promise.all(dead.map(({ closed }) => closed));
      expect(new Set(codes)).toEqual(new Set([1006]));
      // …while the one that answers its pings is still open, after as many pings.
      expect(closedLive).toEqual([]);
      expect(answering).toBeDefined();

      // Their places are free again: the account opens all but the one it holds, and no more.
      for (let n = 1; n < MAX_CONNECTIONS_PER_CALLER; n++) clients.push(connect(n));
      await waitFor(() => live.size === MAX_CONNECTIONS_PER_CALLER, `${MAX_CONNECTIONS_PER_CALLER} answering connections of one account`);
      clients.push(connect(MAX_CONNECTIONS_PER_CALLER));
      await waitFor(() => closedLive.length > 0, 'the connection past the cap closed');
      expect(closedLive).toEqual([MAX_CONNECTIONS_PER_CALLER]);
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
  });

  it('keeps a connection that answered while the server was held longer than the time between pings', async () => {
    const { authorization } = await app.as('SUPERVISOR');
    // A client that answers pings (ws does by itself); its first ping holds this process — server and
    // client share it — for five times the interval, after the answer was sent and before the server reads it.
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    let pings = 0;
    socket.on('ping', () => {
      pings += 1;
      if (pings === 1) for (const until = Date.now() + 1_000; Date.now() < until; );
    });
    const closed = new Promise<number>((ended) => socket.once('close', (code) => ended(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
        socket.on('message', (data) => (JSON.parse(String(data)) as { type: string }).type === 'connection_ack' && resolve());
        socket.once('error', reject);
      });
      let ended: number | undefined;
      void closed.then((code) => (ended = code));
      await waitFor(() => pings >= 5 || ended !== undefined, 'five pings, or the connection ended');
      expect(ended).toBeUndefined();
      expect(socket.readyState).toBe(WebSocket.OPEN);
    } finally {
      socket.close();
    }
  });
});
