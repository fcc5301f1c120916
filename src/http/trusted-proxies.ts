import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';

/** Whether the hop at `address` (the `index`-th from the socket) may say who sent the request. */
export type TrustProxy = (address: string, index: number) => boolean;

/** `proxy-addr` (the package Express reads X-Forwarded-For with); it ships no types of its own. */
const proxyAddr = createRequire(import.meta.url)('proxy-addr') as {
  (request: IncomingMessage, trust: TrustProxy): string;
  compile(list: readonly string[]): TrustProxy;
};

const TRUST_NONE: TrustProxy = () => false;

/**
 * The TRUST_PROXY setting (addresses, CIDR subnets, `loopback`, `linklocal`, `uniquelocal`) as the
 * function Express's `trust proxy` takes and `clientAddress` uses. Empty: trust no proxy.
 * Throws a TypeError for an entry proxy-addr does not understand (validateSettings refuses those first).
 */
export const trustedProxies = (list: readonly string[]): TrustProxy => (list.length === 0 ? TRUST_NONE : proxyAddr.compile(list));

/** The entries of a TRUST_PROXY list that name no address, subnet or range. */
export const proxiesNotUnderstood = (list: readonly string[]): string[] =>
  list.filter((entry) => {
    try {
      proxyAddr.compile([entry]);
      return false;
    } catch {
      return true;
    }
  });

/**
 * The client's address of a request Express did not see (a WebSocket's upgrade request), the way
 * Express's `req.ip` gives it: the socket's peer, or — when that peer and every hop after it are
 * trusted proxies — the nearest untrusted address in `X-Forwarded-For`.
 */
export const clientAddress = (request: IncomingMessage, trust: TrustProxy): string => proxyAddr(request, trust);
