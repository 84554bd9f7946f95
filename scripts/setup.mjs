#!/usr/bin/env node
// Installs what `npm start` and `npm test` need and is missing on this
// machine: the wasm32 Rust target, the pinned wasm-bindgen CLI, wasm-pack,
// the npm dev dependencies and (with --browser) Debian's chromium and
// chromium-driver. Each step is skipped when the right version is present.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const WASM_BINDGEN = '0.2.130';
const WASM_PACK = '0.15.1';

const run = (cmd, args, opts = {}) => {
  console.log(`setup: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) {
    console.error(`setup: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
};
const output = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
};

if (!output('cargo', ['--version'])) {
  console.error('setup: cargo is not installed; install Rust from rustup first.');
  process.exit(1);
}

if (!output('rustup', ['target', 'list', '--installed']).includes('wasm32-unknown-unknown')) {
  run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
}

if (!output('wasm-bindgen', ['--version']).includes(WASM_BINDGEN)) {
  run('cargo', ['install', 'wasm-bindgen-cli', '--version', WASM_BINDGEN]);
}

if (!output('wasm-pack', ['--version']).includes(WASM_PACK)) {
  run('cargo', ['install', '--locked', 'wasm-pack', '--version', WASM_PACK]);
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const missing = Object.entries(pkg.devDependencies).filter(([name, version]) => {
  const p = join(root, 'node_modules', name, 'package.json');
  return !existsSync(p) || JSON.parse(readFileSync(p, 'utf8')).version !== version;
});
if (missing.length) {
  run('npm', ['install', '--no-audit', '--no-fund']);
}

if (process.argv.includes('--browser') && !existsSync('/usr/bin/chromium')) {
  if (process.getuid?.() !== 0) {
    console.error('setup: the browser tests need Debian chromium: sudo apt-get install chromium chromium-driver');
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'chromium-driver', 'fonts-dejavu-core'], { env });
}
console.log('setup: ready');
