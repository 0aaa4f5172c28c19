#!/usr/bin/env node
/**
 * Adds the other platforms' optional packages (esbuild-, sharp-, biome-style native
 * binaries) to package-lock.json when npm left them out.
 *
 * Why: the registry mirror these machines use answers 404 for packages of platforms other
 * than this one, so `npm install` writes a lockfile without them, and `npm ci` then refuses
 * that lockfile ("Missing: @biomejs/cli-darwin-x64@ from lock file"). Each missing package
 * is recorded as optional with the os/cpu/libc its name declares, so every platform's
 * `npm ci` accepts the lockfile and skips the packages that are not for it.
 *
 * Run after `npm install` changes dependencies: `node scripts/complete-lockfile.mjs`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = 'package-lock.json';
const lock = JSON.parse(readFileSync(FILE, 'utf8'));
const packages = lock.packages;

const OS = [
  'android',
  'darwin',
  'linux',
  'win32',
  'freebsd',
  'openbsd',
  'netbsd',
  'sunos',
  'aix',
  'openharmony',
];
const CPU = {
  x64: 'x64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: 'ia32',
  riscv64: 'riscv64',
  s390x: 's390x',
  ppc64: 'ppc64',
  loong64: 'loong64',
  wasm32: 'wasm32',
  armv7: 'arm',
};

/** Platform fields a native-binary package's name declares, or null when it declares none. */
function platformOf(name) {
  const parts = name.replace(/^@[^/]+\//, '').split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.map((p) => CPU[p.replace(/eabihf$|gnueabihf$/, '')]).find(Boolean);
  if (!os && cpu !== 'wasm32') return null;
  const fields = {};
  if (os) fields.os = [os];
  if (cpu) fields.cpu = [cpu];
  if (parts.includes('musl')) fields.libc = ['musl'];
  else if (os === 'linux' && (parts.includes('gnu') || parts.includes('glibc'))) fields.libc = ['glibc'];
  return fields;
}

/** Where npm would find `name` from the package at `location`: its own node_modules, then each one above. */
function resolve(location, name) {
  let dir = location;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return null;
    const parent = dir.lastIndexOf('/node_modules/');
    dir = parent >= 0 ? dir.slice(0, parent) : '';
  }
}

let added = 0;
// Parents first, so a nested copy is placed beside the installed binary of its own version.
const byDepth = Object.entries(packages).sort(
  ([a], [b]) => a.split('/node_modules/').length - b.split('/node_modules/').length,
);
for (const [location, entry] of byDepth) {
  const optional = Object.entries(entry.optionalDependencies ?? {});
  // Beside the one binary npm did install for this platform: the missing ones belong there too.
  const installed = optional
    .map(([name]) => resolve(location, name) ?? '')
    .find((found, i) => found && packages[found].version === optional[i][1]);
  const base = installed ? installed.slice(0, installed.lastIndexOf('node_modules/')) : '';
  for (const [name, version] of optional) {
    const found = resolve(location, name);
    if (found && packages[found].version === version) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    const target = `${base}node_modules/${name}`;
    // A binary of another version may hold the slot (left by an older copy of the parent): it must give way.
    if (packages[target] && !(packages[target].optional && platformOf(name))) continue;
    packages[target] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}
// npm writes the root entry first, then locations in code-point order.
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(FILE, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`${added} platform packages added to ${FILE}\n`);
