#!/usr/bin/env node
/**
 * CI's dependency check: `npm audit --omit=dev --audit-level=high --json`, judged.
 *
 * - advisories of high or critical severity in production dependencies: lists them, exit 1;
 * - none: says so, exit 0;
 * - the audit endpoint could not answer (this machine's registry mirror answers 405, an
 *   offline machine none at all): prints a loud `npm audit NOT RUN: …` line and exits 0, so
 *   a mirror without the endpoint does not fail the build, but nobody mistakes it for a pass.
 *
 * `node scripts/npm-audit.mjs` runs npm; `node scripts/npm-audit.mjs report.json` judges a
 * saved report (how scripts/npm-audit.test.ts checks both kinds of output).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const FAILING = ['high', 'critical'];

/**
 * The verdict on the JSON `npm audit --json` printed.
 *
 * @param {string} output what npm printed on stdout
 * @returns {{ outcome: 'pass' | 'fail' | 'not-run', message: string }}
 */
export function auditVerdict(output) {
  let report;
  try {
    report = JSON.parse(output);
  } catch {
    return {
      outcome: 'not-run',
      message: `npm audit NOT RUN: no JSON report (${output.trim().slice(0, 120) || 'empty output'})`,
    };
  }
  const counts = report?.metadata?.vulnerabilities;
  if (report?.error || report?.statusCode || !counts) {
    const why =
      report?.message || report?.error?.summary || report?.error?.code || 'the audit endpoint gave no report';
    return { outcome: 'not-run', message: `npm audit NOT RUN: ${why}` };
  }
  const failing = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => FAILING.includes(v.severity))
    .map(([name, v]) => `${name} (${v.severity})`);
  const serious = FAILING.reduce((n, s) => n + (counts[s] ?? 0), 0);
  if (serious > 0) {
    return {
      outcome: 'fail',
      message: `npm audit: ${serious} high or critical advisories in production dependencies: ${failing.join(', ')}`,
    };
  }
  return {
    outcome: 'pass',
    message: `npm audit: no high or critical advisories in production dependencies (${counts.total ?? 0} lower)`,
  };
}

function main() {
  const file = process.argv[2];
  const output = file
    ? readFileSync(file, 'utf8')
    : (spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8' })
        .stdout ?? '');
  const { outcome, message } = auditVerdict(output);
  if (outcome === 'not-run') console.log(`\n!!!!!!!! ${message} !!!!!!!!\n`);
  else console.log(message);
  process.exitCode = outcome === 'fail' ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
