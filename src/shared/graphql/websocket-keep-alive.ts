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
 * (`setImmediate`, after the poll phase), not when the timer fires. graphql-ws's own keep-alive
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
    // After this turn's poll phase: a pong already in the socket has been read by then.
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
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
