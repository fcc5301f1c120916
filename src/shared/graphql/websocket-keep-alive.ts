import type { WebSocket, WebSocketServer } from 'ws';

/**
 * Pings every connection of `server` every `intervalMs` and ends (terminates) one that has not
 * answered the ping before — a browser whose laptop went to sleep, or whose network dropped without
 * closing the connection — so that it frees what it holds (its account's places among
 * MAX_CONNECTIONS_PER_CALLER, its subscriptions' budget). A connection that answers (every browser
 * and `ws` client does, without any code) stays open however long it is quiet.
 *
 * The ws package's heartbeat (its README, "How to detect and close broken connections"), with one
 * change: a connection's answer is judged after the event loop has read what has arrived
 * (two `setImmediate`s: after two poll phases), not when the timer fires. graphql-ws's own keep-alive
 * ends a connection whose pong timer fires first, and timers run before pending socket reads: after
 * the loop was held longer than its interval (a long import, a fold at a past day), it ended every
 * healthy connection at once, and every page reconnected together.
 *
 * Returns a function that stops pinging.
 */
export function keepConnectionsAlive(server: WebSocketServer, intervalMs: number): () => void {
  const unanswered = new WeakSet<WebSocket>();
  server.on('connection', (socket) => socket.on('pong', () => unanswered.delete(socket)));
  const timer = setInterval(() => {
    const pinged = [...server.clients];
    // After the poll phases of this turn and the next: a pong that has arrived has been read by then,
    // even one written by a client on this very event loop in the turn the timer fired (a client
    // reads the ping in one poll phase and its pong is read here in the next).
    setImmediate(() =>
      setImmediate(() => {
        for (const socket of pinged) {
          if (socket.readyState !== socket.OPEN) continue;
          if (unanswered.has(socket)) {
            socket.terminate();
            continue;
          }
          unanswered.add(socket);
          socket.ping();
        }
      }),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
