#!/usr/bin/env node
// Builds the npm package into pkg/: one wasm-pack build per target (web,
// bundler, nodejs), each optimized with the wasm-opt of the npm package
// `binaryen`. Skips everything when pkg/ is newer than every source file
// (pass --force to rebuild anyway).
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = { web: 'web', bundler: 'bundler', node: 'nodejs' };
const PIN = '0.2.130';
const stamp = join(root, 'pkg', '.stamp');

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), st.mtimeMs);
}

const sources = ['src', 'crates/wasm', 'Cargo.toml', 'Cargo.lock', '.cargo'].map((p) => join(root, p)).filter(existsSync);
const latest = Math.max(...sources.map(newest), statSync(fileURLToPath(import.meta.url)).mtimeMs);
if (!process.argv.includes('--force') && existsSync(stamp) && statSync(stamp).mtimeMs >= latest) {
  console.log('build-wasm: pkg/ is up to date');
  process.exit(0);
}

const have = (() => {
  try { return execFileSync('wasm-bindgen', ['--version'], { encoding: 'utf8' }); } catch { return ''; }
})();
if (!have.includes(PIN)) {
  console.error(`build-wasm: wasm-bindgen ${PIN} is needed (found: ${have.trim() || 'none'}); run node scripts/setup.mjs`);
  process.exit(1);
}

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    console.error(`build-wasm: ${cmd} ${args.join(' ')} failed`);
    process.exit(1);
  }
};

const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
for (const [dir, target] of Object.entries(TARGETS)) {
  const out = join(root, 'pkg', dir);
  rmSync(out, { recursive: true, force: true });
  run('wasm-pack', ['--quiet', 'build', 'crates/wasm', '--release', '--target', target,
    '--out-dir', out, '--out-name', 'fahras']);
  // wasm-pack writes a `*` .gitignore, which would also hide the files from npm pack.
  rmSync(join(out, '.gitignore'), { force: true });
  const wasm = join(out, 'fahras_bg.wasm');
  if (existsSync(wasmOpt)) {
    run(wasmOpt, ['-O3', '--strip-debug', '--strip-producers', wasm, '-o', wasm]);
  } else {
    console.warn('build-wasm: node_modules/.bin/wasm-opt is missing (npm install); the wasm is not optimized');
  }
  const pj = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8'));
  console.log(`build-wasm: pkg/${dir} (${target}) ${(statSync(wasm).size / 1024).toFixed(0)} KB wasm, ${pj.files.length} files`);
}
writeFileSync(stamp, new Date().toISOString() + '\n');
