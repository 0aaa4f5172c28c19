/** scripts/npm-audit.mjs on both kinds of npm output: a report with advisories, and an endpoint that did not answer. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = new URL('./npm-audit.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jarida-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What this machine's registry mirror makes `npm audit --json` print (recorded). */
const ENDPOINT_405 = {
  message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  method: 'POST',
  uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  statusCode: 405,
  body: '',
  error: { summary: '', detail: '' },
};

/** An npm 7+ audit report (auditReportVersion 2). */
function report(vulnerabilities: Record<string, string>) {
  const counts = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 };
  for (const severity of Object.values(vulnerabilities)) {
    counts[severity as keyof typeof counts]++;
    counts.total++;
  }
  return {
    auditReportVersion: 2,
    vulnerabilities: Object.fromEntries(
      Object.entries(vulnerabilities).map(([name, severity]) => [
        name,
        { name, severity, isDirect: false, via: [] },
      ]),
    ),
    metadata: { vulnerabilities: counts, dependencies: { prod: 120, dev: 40, total: 160 } },
  };
}

function judge(output: unknown): { code: number | null; stdout: string } {
  const file = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof output === 'string' ? output : JSON.stringify(output));
  const run = spawnSync(process.execPath, [SCRIPT, file], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout };
}

describe('npm audit step', () => {
  it('fails on a high or critical advisory, naming the packages', () => {
    const { code, stdout } = judge(report({ fastify: 'high', 'fast-jwt': 'critical', debug: 'low' }));
    expect(code).toBe(1);
    expect(stdout).toContain('2 high or critical advisories');
    expect(stdout).toContain('fastify (high)');
    expect(stdout).toContain('fast-jwt (critical)');
  });

  it('passes with only lower advisories, or none', () => {
    expect(judge(report({ debug: 'low', ms: 'moderate' }))).toMatchObject({ code: 0 });
    expect(judge(report({})).stdout).toContain('no high or critical advisories');
  });

  it('says loudly that it did not run when the endpoint answers 405, and does not fail the build', () => {
    const { code, stdout } = judge(ENDPOINT_405);
    expect(code).toBe(0);
    expect(stdout).toContain('npm audit NOT RUN: 405 Method Not Allowed');
  });

  it('says the same when npm printed no report at all (offline)', () => {
    const { code, stdout } = judge('');
    expect(code).toBe(0);
    expect(stdout).toContain('npm audit NOT RUN');
    expect(judge({ error: { code: 'ENOTFOUND', summary: 'request to registry failed' } }).stdout).toContain(
      'NOT RUN: request to registry failed',
    );
  });
});
