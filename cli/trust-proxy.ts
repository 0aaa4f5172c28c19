/**
 * `--trust-proxy` / `JARIDA_TRUST_PROXY` of `serve` and `dashboard`: which reverse proxies'
 * `X-Forwarded-For`/`-Proto` to believe (Fastify's `trustProxy`), so that the rate limit keys
 * on each client's address, not the proxy's, and a cookie is `Secure` behind a TLS proxy.
 * Trusting a proxy a client can bypass lets that client pick its address: name the proxy.
 */
import { isIP } from 'node:net';
import type { Command } from 'commander';
import { positiveInteger, UsageError } from './context.js';

/** As Fastify's `trustProxy`: every proxy (`true`), none, or addresses and CIDR ranges. */
export type TrustProxy = boolean | string;

/** Names proxy-addr knows for address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(item: string): boolean {
  if (RANGE_NAMES.has(item)) return true;
  const [address = '', bits, ...rest] = item.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (version === 4 ? 32 : 128);
}

/**
 * Parses `true`/`false`, or a comma-separated list of addresses, CIDR ranges and
 * `loopback`/`linklocal`/`uniquelocal`; empty: trust none.
 *
 * @throws UsageError on anything else.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'false') return false;
  if (trimmed === 'true') return true;
  const items = trimmed.split(',').map((item) => item.trim());
  const bad = items.find((item) => !isAddressOrRange(item));
  if (bad !== undefined)
    throw new UsageError(
      `--trust-proxy takes true, or addresses, CIDR ranges, loopback, linklocal, uniquelocal; got "${bad}"`,
    );
  return items.join(',');
}

const TRUST_PROXY_HELP =
  'reverse proxies whose X-Forwarded-For/-Proto to believe: addresses or CIDR ranges (comma-separated), loopback, uniquelocal, or true (env JARIDA_TRUST_PROXY; default none)';

/**
 * The options every HTTP service of jarida takes (`serve`, `dashboard`): the proxies to
 * trust and how long SIGTERM waits for the requests in hand.
 *
 * @example httpServiceOptions(new Command('serve')).option('--port <port>', …)
 */
export function httpServiceOptions(command: Command): Command {
  return command
    .option(
      '--trust-proxy <proxies>',
      TRUST_PROXY_HELP,
      parseTrustProxy,
      parseTrustProxy(process.env.JARIDA_TRUST_PROXY ?? ''),
    )
    .option(
      '--grace-period <ms>',
      'on SIGTERM, how long to wait for the requests in hand',
      positiveInteger('--grace-period'),
      8_000,
    );
}
