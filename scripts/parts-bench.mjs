#!/usr/bin/env node
// Bytes fetched and time per query for an index in parts, measured the way
// ../shared/bench/pagefind_search.mjs measures Pagefind: one reader opened
// on the folder (fetch() served from disk, bytes counted as stored, i.e.
// compressed), then each bench query in order on that reader, "cold" (its
// parts not fetched yet, the top 10 hits' documents fetched for their
// snippets), then five warm passes.
//
//   node scripts/parts-bench.mjs [parts folder] [--corpus FILE.jsonl] [--rebuild]
//        [--queries FILE] [--pagefind pagefind-search.json] [--ref ref.json]
//        [--out FILE.json] [--pkg DIR]
//
// The folder defaults to <tmp>/fahras-bench/parts/<corpus name>; it is
// written first (with the release CLI, `fahras index --parts`) from the
// corpus (default <tmp>/fahras-bench/arcorpus/hadith-all.jsonl) when it has
// no manifest or with --rebuild. With --pagefind, Pagefind's figures from
// the same queries are printed beside (its search JSON, as written by `npm
// run bench -- --report` in <tmp>/fahras-bench/results/<corpus>/). --pkg:
// the Node build of the package to measure (default pkg/node).
import { readFileSync, existsSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (k, d) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : d; };
const valued = new Set(['--queries', '--pagefind', '--ref', '--out', '--corpus', '--pkg']);
const positional = argv.filter((a, i) => !a.startsWith('--') && !valued.has(argv[i - 1]));
const bench = join(tmpdir(), 'fahras-bench');
const corpus = resolve(opt('--corpus', join(bench, 'arcorpus', 'hadith-all.jsonl')));
const dir = resolve(positional[0] ?? join(bench, 'parts', basename(corpus, '.jsonl')));
const queriesFile = opt('--queries', join(root, '..', 'shared', 'bench', 'queries-ar.txt'));

let written = null;
if (argv.includes('--rebuild') || !existsSync(join(dir, 'index.fhrp'))) {
  if (!existsSync(corpus)) {
    console.error(`parts-bench: no index.fhrp in ${dir} and no corpus at ${corpus} (run npm run bench once, or give --corpus)`);
    process.exit(1);
  }
  const cargo = spawnSync('cargo', ['build', '--release', '-q', '-p', 'fahras-cli'], { cwd: root, stdio: 'inherit' });
  if (cargo.status !== 0) process.exit(1);
  const t0 = performance.now();
  const r = spawnSync(join(root, 'target', 'release', 'fahras'), ['index', corpus, '-o', dir, '--parts'], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  written = { ms: performance.now() - t0, corpus_bytes: statSync(corpus).size, line: r.stdout.trim() };
  console.log(written.line);
}
const folderBytes = (d) => readdirSync(d, { withFileTypes: true })
  .reduce((n, e) => n + (e.isDirectory() ? folderBytes(join(d, e.name)) : statSync(join(d, e.name)).size), 0);
const files = (d) => readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? files(join(d, e.name)) : 1), 0);

const pkgDir = resolve(opt('--pkg', join(root, 'pkg', 'node')));
const { Index } = createRequire(import.meta.url)(join(pkgDir, 'fahras.js'));
const { openParts } = await import(join(root, 'www', 'parts.js'));
const queries = readFileSync(queriesFile, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);

const fromDisk = async (path) => {
  const buf = readFileSync(join(dir, path));
  return { ok: true, status: 200, arrayBuffer: async () => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) };
};
const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };

const options = { limit: 10, snippets: true };
let t = performance.now();
const reader = await openParts(Index, '', { fetch: fromDisk });
const init = { ms: performance.now() - t, bytes: reader.fetched.bytes };
const rows = [];
for (const q of queries) {
  const before = reader.fetched;
  t = performance.now();
  const r = await reader.search(q, options);
  const ms = performance.now() - t;
  const after = reader.fetched;
  rows.push({ q, total: r.total, ids: r.hits.map((h) => h.id), cold_ms: ms, cold_bytes: after.bytes - before.bytes, cold_parts: after.parts - before.parts });
}
const warm = [];
for (let round = 0; round < 5; round++) {
  for (const q of queries) {
    t = performance.now();
    await reader.search(q, options);
    warm.push(performance.now() - t);
  }
}
const res = {
  dir,
  written,
  total_bytes: folderBytes(dir),
  files: files(dir),
  term_parts: readdirSync(join(dir, 't')).length,
  init_ms: init.ms,
  init_bytes: init.bytes,
  lat: {
    cold_search: { p50: pct(rows.map((x) => x.cold_ms), 50), p95: pct(rows.map((x) => x.cold_ms), 95) },
    warm_search: { p50: pct(warm, 50), p95: pct(warm, 95) },
    cold_bytes: { p50: pct(rows.map((x) => x.cold_bytes), 50), mean: rows.reduce((s, x) => s + x.cold_bytes, 0) / rows.length, max: Math.max(...rows.map((x) => x.cold_bytes)) },
    cold_parts: { p50: pct(rows.map((x) => x.cold_parts), 50), max: Math.max(...rows.map((x) => x.cold_parts)) },
  },
  fetched: reader.fetched,
  hitQ: rows.filter((x) => x.total > 0).length,
  queries: rows,
};
const refFile = opt('--ref', null);
if (refFile) {
  const ref = JSON.parse(readFileSync(refFile, 'utf8'));
  let rSum = 0, rN = 0;
  for (const x of rows) {
    const i = ref.queries.indexOf(x.q);
    if (i < 0) continue;
    const rel = new Set(ref.rel[i]);
    if (rel.size) { rSum += x.ids.filter((id) => rel.has(id)).length / Math.min(10, rel.size); rN++; }
  }
  res.R10 = rN ? rSum / rN : 0;
}
const outFile = opt('--out', null);
if (outFile) writeFileSync(outFile, JSON.stringify(res, null, 1));

const kb = (b) => (b / 1024).toFixed(1);
const lines = [
  `| engine | init KB | first query KB | bytes/query p50 KB | mean KB | max KB | cold p50 ms | cold p95 ms | warm p50 ms | warm p95 ms | hitQ |`,
  `|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|`,
  `| fahras (parts) | ${kb(res.init_bytes)} | ${kb(rows[0].cold_bytes)} | ${kb(res.lat.cold_bytes.p50)} | ${kb(res.lat.cold_bytes.mean)} | ${kb(res.lat.cold_bytes.max)} | ${res.lat.cold_search.p50.toFixed(2)} | ${res.lat.cold_search.p95.toFixed(2)} | ${res.lat.warm_search.p50.toFixed(3)} | ${res.lat.warm_search.p95.toFixed(3)} | ${res.hitQ}/${rows.length} |`,
];
const pfFile = opt('--pagefind', null);
if (pfFile) {
  const pf = JSON.parse(readFileSync(pfFile, 'utf8'));
  const b = pf.queries.map((x) => x.cold_bytes);
  lines.push(`| Pagefind | ${kb(pf.init_bytes)} | ${kb(b[0])} | ${kb(pct(b, 50))} | ${kb(b.reduce((s, x) => s + x, 0) / b.length)} | ${kb(Math.max(...b))} | ${pf.lat.cold_search.p50.toFixed(2)} | ${pf.lat.cold_search.p95.toFixed(2)} | ${pf.lat.warm_search.p50.toFixed(3)} | ${pf.lat.warm_search.p95.toFixed(3)} | ${pf.hitQ}/${b.length} |`);
  res.ratio_bytes_p50 = res.lat.cold_bytes.p50 / pct(b, 50);
}
console.log(lines.join('\n'));
if (res.R10 !== undefined) console.log(`R@10 ${res.R10.toFixed(2)}`);
if (res.ratio_bytes_p50 !== undefined) console.log(`bytes per query (p50), fahras / Pagefind: ${res.ratio_bytes_p50.toFixed(2)}`);
console.log(`fetched in all: ${res.fetched.parts} parts, ${kb(res.fetched.bytes)} KB`);
