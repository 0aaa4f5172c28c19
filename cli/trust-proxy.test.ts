/** `--trust-proxy` values: what Fastify's trustProxy takes, and a usage error for anything else. */
import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from './trust-proxy.js';

describe('parseTrustProxy', () => {
  it('reads none, every proxy, and lists of addresses, ranges and range names', () => {
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy(' 10.0.0.1, 172.16.0.0/12 ,loopback,::1,fd00::/8')).toBe(
      '10.0.0.1,172.16.0.0/12,loopback,::1,fd00::/8',
    );
  });

  it.each(['yes', '10.0.0.300', '10.0.0.0/33', 'proxy.example', '10.0.0.1,', '2'])(
    'refuses "%s" with a usage error',
    (value) => {
      expect(() => parseTrustProxy(value)).toThrow(expect.objectContaining({ code: 'USAGE' }));
    },
  );
});
