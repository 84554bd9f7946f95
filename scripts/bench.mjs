#!/usr/bin/env node
// Runs the side-by-side benchmark of ../shared/bench (fahras beside
// MiniSearch, FlexSearch, Lunr, Orama, Fuse.js and Pagefind on the same Arabic
// corpus) against the Node build of the package.
//   npm run bench                      quick mode (~9 MB corpus, 4 peers, a few minutes)
//   npm run bench -- --full            the 39 MB corpus, all peers, both configs
//   npm run bench -- --report          the runs behind BENCHMARKS.md (about 45 minutes on 2 cores):
//                                      8.9, 39, 79 and 158 MB corpora, Pagefind on 39 MB, the index
//                                      in parts on 39 and 158 MB (scripts/parts-bench.mjs), second
//                                      samples on 39 and 79 MB, then writes BENCHMARKS.md and
//                                      docs/bench-scaling.svg
//   npm run bench -- --report-only     rewrites BENCHMARKS.md and the chart from the
//                                      result files of earlier runs, without running anything
//   npm run bench -- <args>            any other arguments go to peers.mjs
// Options of --report:
//   --no-build           measure pkg/node as it is (default: build it first, as the quick mode does)
//   --steps a,b          only these steps: bukhari, all, pagefind, parts, x2, x4, parts-x4, repeat,
//                        repeat-x2 (default: all)
//   --until HH:MM        start no step after this UTC time; the steps left out are listed in the report
//   --pkg DIR            measure this package instead of pkg/node (e.g. the copy of an earlier run)
// The bench folder may be read-only, so it is copied to <tmp>/fahras-bench/runner
// and its pinned peers are installed there once. The report runs measure a copy of
// pkg/node taken at the start (<tmp>/fahras-bench/pkg-node), so a rebuild during
// the runs does not mix two builds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(process.env.FAHRAS_BENCH_DIR || join(root, '..', 'shared', 'bench'));
const work = join(tmpdir(), 'fahras-bench');
const runner = join(work, 'runner');
const results = join(work, 'results');
const corpusDir = join(work, 'arcorpus');

const run = (cmd, args, cwd = root) => {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

// What --report runs, in order. Peer lists leave out what cannot run at that size:
// Fuse.js scans every document per query, so it only runs up to 39 MB.
const STEPS = [
  { key: 'bukhari', corpus: 'hadith-bukhari', args: [] },
  { key: 'all', corpus: 'hadith-all', args: [] },
  { key: 'pagefind', corpus: 'hadith-all', pagefind: true },
  // the index in parts, fetched per query as a static site would (after Pagefind, to compare)
  { key: 'parts', corpus: 'hadith-all', parts: true },
  { key: 'x2', corpus: 'hadith-all-x2', args: ['--configs', 'norm', '--peers', 'minisearch,flexsearch,lunr,orama'] },
  { key: 'x4', corpus: 'hadith-all-x4', args: ['--configs', 'norm', '--peers', 'minisearch,flexsearch,lunr,orama'] },
  { key: 'parts-x4', corpus: 'hadith-all-x4', parts: true },
  // second samples of a few engines, to show how far times move between runs
  { key: 'repeat', corpus: 'hadith-all', args: ['--configs', 'norm', '--peers', 'flexsearch,minisearch'], out: 'results-repeat' },
  { key: 'repeat-x2', corpus: 'hadith-all-x2', args: ['--configs', 'norm', '--peers', 'flexsearch'], out: 'results-repeat' },
];

const argv = process.argv.slice(2);
const opt = (k, d) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : d; };

function prepareRunner() {
  if (!existsSync(join(source, 'peers.mjs'))) {
    console.error(`bench: no benchmark at ${source} (set FAHRAS_BENCH_DIR)`);
    process.exit(1);
  }
  mkdirSync(runner, { recursive: true });
  cpSync(source, runner, { recursive: true, filter: (src) => !src.includes('node_modules') });
  if (!existsSync(join(runner, 'node_modules', 'minisearch'))) {
    run('npm', ['install', '--no-audit', '--no-fund'], runner);
  }
}

// ---------------------------------------------------------------- the runs

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const utcNow = () => new Date().toISOString().slice(0, 19) + 'Z';

function snapshotPackage() {
  const from = resolve(opt('--pkg', join(root, 'pkg', 'node')));
  const to = join(work, 'pkg-node');
  if (from === to) {
    const wasm = join(to, 'fahras_bg.wasm');
    return { dir: to, shown: '<tmp>/fahras-bench/pkg-node', sha256: sha256(wasm), wasm_bytes: statSync(wasm).size };
  }
  // pkg/node may be in the middle of a rebuild: wait until its wasm is present and stable
  for (let i = 0; ; i++) {
    const wasm = join(from, 'fahras_bg.wasm');
    if (existsSync(wasm) && existsSync(join(from, 'package.json'))) {
      const a = sha256(wasm);
      rmSync(to, { recursive: true, force: true });
      cpSync(from, to, { recursive: true });
      if (a === sha256(join(to, 'fahras_bg.wasm')) && a === sha256(wasm)) return { dir: to, shown: relative(root, from), sha256: a, wasm_bytes: statSync(wasm).size };
    }
    if (i >= 10) { console.error(`bench: no stable package at ${from}`); process.exit(1); }
    console.error(`bench: waiting for ${from} ...`);
    spawnSync('sleep', ['60']);
  }
}

function gitHead() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function pastDeadline(until) {
  if (!until) return false;
  const [h, m] = until.split(':').map(Number);
  const now = new Date();
  return now.getUTCHours() * 60 + now.getUTCMinutes() >= h * 60 + m;
}

async function runReport() {
  if (!argv.includes('--no-build')) run('node', [join(root, 'scripts', 'build-wasm.mjs')]);
  prepareRunner();
  const pkg = snapshotPackage();
  const only = opt('--steps', null)?.split(',');
  const until = opt('--until', null);
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', mem_gib: os.totalmem() / 2 ** 30, node: process.version, platform: `${os.type()} ${os.release()}` };
  for (const step of STEPS) {
    if (only && !only.includes(step.key)) continue;
    const outDir = join(step.out ? join(work, step.out) : results, step.corpus);
    mkdirSync(outDir, { recursive: true });
    const corpus = join(corpusDir, `${step.corpus}.jsonl`);
    if (pastDeadline(until)) {
      console.error(`bench: ${step.key} not started (past ${until} UTC)`);
      continue;
    }
    const meta = { step: step.key, corpus: step.corpus, started: utcNow(), loadavg_start: os.loadavg(), machine, git: gitHead(), wasm_sha256: pkg.sha256, wasm_bytes: pkg.wasm_bytes, commands: [] };
    const exec = (file, args, shown) => {
      meta.commands.push(shown);
      console.error(`\n$ ${shown}`);
      const r = spawnSync('node', [join(runner, file), ...args], { cwd: runner, stdio: 'inherit' });
      if (r.status !== 0) meta.failed = (meta.failed || []).concat(`${file} exited with ${r.status ?? r.signal}`);
    };
    if (!existsSync(corpus)) {
      // peers.mjs makes the corpus files on first use (when run without a corpus argument)
      exec('peers.mjs', ['--quick', '--peers', 'minisearch', '--no-serialize'], 'node ../shared/bench/peers.mjs --quick --peers minisearch --no-serialize   # makes the corpus files');
    }
    if (step.parts) {
      const pargs = ['--corpus', corpus, '--rebuild', '--out', join(outDir, 'parts.json'), '--pkg', pkg.dir];
      let shown = `node scripts/parts-bench.mjs --corpus <tmp>/fahras-bench/arcorpus/${step.corpus}.jsonl --rebuild --out <tmp>/fahras-bench/results/${step.corpus}/parts.json --pkg ${pkg.shown}`;
      for (const [flag, file] of [['--pagefind', 'pagefind-search.json'], ['--ref', 'ref.json']]) {
        if (!existsSync(join(outDir, file))) continue;
        pargs.push(flag, join(outDir, file));
        shown += ` ${flag} <tmp>/fahras-bench/results/${step.corpus}/${file}`;
      }
      meta.commands.push(shown);
      console.error(`\n$ ${shown}`);
      const r = spawnSync('node', [join(root, 'scripts', 'parts-bench.mjs'), ...pargs], { cwd: root, stdio: 'inherit' });
      if (r.status !== 0) meta.failed = (meta.failed || []).concat(`parts-bench.mjs exited with ${r.status ?? r.signal}`);
    } else if (step.pagefind) {
      exec('pagefind_bench.mjs', [corpus], `node ../shared/bench/pagefind_bench.mjs <tmp>/fahras-bench/arcorpus/${step.corpus}.jsonl`);
      const bundle = join(work, 'pagefind-site', step.corpus, 'cli-bundle');
      const sargs = [bundle, join(runner, 'queries-ar.txt'), '--out', join(outDir, 'pagefind-search.json')];
      if (existsSync(join(outDir, 'ref.json'))) sargs.push('--ref', join(outDir, 'ref.json'));
      exec('pagefind_search.mjs', sargs, `node ../shared/bench/pagefind_search.mjs <tmp>/fahras-bench/pagefind-site/${step.corpus}/cli-bundle ../shared/bench/queries-ar.txt --out <tmp>/fahras-bench/results/${step.corpus}/pagefind-search.json${sargs.includes('--ref') ? ` --ref <tmp>/fahras-bench/results/${step.corpus}/ref.json` : ''}`);
    } else {
      const out = step.out ? ['--out', join(work, step.out)] : [];
      exec('peers.mjs', [corpus, ...step.args, ...out, '--fahras', pkg.dir],
        `node ../shared/bench/peers.mjs <tmp>/fahras-bench/arcorpus/${step.corpus}.jsonl ${step.args.join(' ')}${step.out ? ` --out <tmp>/fahras-bench/${step.out}` : ''} --fahras ${pkg.shown}`);
      if (!step.out) {
        // fahras' export with and without the stored text and the positions
        const shown = `node scripts/export-sizes.mjs --corpus <tmp>/fahras-bench/arcorpus/${step.corpus}.jsonl --pkg ${pkg.shown} --out <tmp>/fahras-bench/results/${step.corpus}/exports.json`;
        meta.commands.push(shown);
        console.error(`\n$ ${shown}`);
        const r = spawnSync('node', [join(root, 'scripts', 'export-sizes.mjs'), '--corpus', corpus, '--pkg', pkg.dir, '--out', join(outDir, 'exports.json')], { cwd: root, stdio: 'inherit' });
        if (r.status !== 0) meta.failed = (meta.failed || []).concat(`export-sizes.mjs exited with ${r.status ?? r.signal}`);
      }
    }
    meta.finished = utcNow();
    meta.loadavg_end = os.loadavg();
    writeFileSync(join(outDir, step.pagefind ? 'pagefind-meta.json' : step.parts ? 'parts-meta.json' : 'run-meta.json'), JSON.stringify(meta, null, 1));
  }
}

// ---------------------------------------------------------------- the report
// BENCHMARKS.md and docs/bench-scaling.svg are written only from the JSON files
// that the runs leave in <tmp>/fahras-bench/results/<corpus>/, so --report-only
// gives the same text for the same results.

const readJson = (file) => { try { return JSON.parse(readFileSync(file, 'utf8')); } catch { return null; } };
const f1 = (x) => (x == null ? '-' : x < 0.1 ? x.toFixed(3) : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const mbs = (b) => (b == null ? '-' : (b / 1e6).toFixed(1));
const peerName = (p) => (p === 'fuse' ? 'fuse.js' : p);
const NAMES = { fahras: 'fahras', minisearch: 'MiniSearch', flexsearch: 'FlexSearch', lunr: 'Lunr', orama: 'Orama', 'fuse.js': 'Fuse.js', fuse: 'Fuse.js' };
const label = (key) => { const [p, c] = key.split('/'); return `${NAMES[p] ?? p}${c && c !== 'own' ? ` (${c})` : ''}`; };

/** A run as the report names it: its corpus, and what kind of run it was. */
function runName(m) {
  const kind = m.step === 'pagefind' ? ' Pagefind' : m.step.startsWith('parts') ? ' in parts' : m.step.startsWith('repeat') ? ' second sample' : '';
  return m.corpus + kind;
}

function loadResults() {
  const corpora = [];
  for (const name of [...new Set(STEPS.filter((s) => !s.out).map((s) => s.corpus))]) {
    const dir = join(results, name);
    const rows = readJson(join(dir, 'summary.json'));
    const entry = { name, dir, rows, ratios: readJson(join(dir, 'ratios.json')), meta: readJson(join(dir, 'run-meta.json')),
      pagefind: readJson(join(dir, 'pagefind.json')), pagefindSearch: readJson(join(dir, 'pagefind-search.json')),
      pagefindMeta: readJson(join(dir, 'pagefind-meta.json')),
      parts: readJson(join(dir, 'parts.json')), partsMeta: readJson(join(dir, 'parts-meta.json')),
      exports: readJson(join(dir, 'exports.json')) };
    if (rows) {
      entry.mtime = statSync(join(dir, 'summary.json')).mtime.toISOString().slice(0, 19) + 'Z';
      const any = rows.find((r) => r.corpus_bytes) ?? {};
      entry.bytes = any.corpus_bytes;
      entry.docs = any.docs;
    }
    const manifest = readJson(join(corpusDir, 'manifest.json'))?.[`${name}.jsonl`];
    entry.bytes ??= manifest?.bytes ?? entry.pagefind?.corpus_bytes;
    entry.docs ??= manifest?.docs ?? entry.pagefind?.docs;
    corpora.push(entry);
  }
  return corpora;
}

// the table of summary.md, from summary.json
function corpusTable(c, nQueries) {
  const mb = c.bytes / 1e6;
  let md = '| peer | config | build s | MB/s | heap Δ MB | export MB | export gz MB | load s | p50 ms | p95 ms | p50 AND | p95 AND | hitQ | P@10 | R@10 | R@10 AND |\n';
  md += '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n';
  for (const r of c.rows) {
    const name = peerName(r.peer);
    if (!r.ok) { md += `| ${name} | ${r.config} | ${String(r.error).replace(/\|/g, '/').replace(/\s+/g, ' ').slice(0, 160)} |||||||||||||\n`; continue; }
    const q = r.quality.default, qa = r.quality.and;
    md += `| ${name} ${r.version.split(' ')[0]} | ${r.config} | ${f1(r.build_ms / 1000)} | ${f1(mb / (r.build_ms / 1000))} | ${mbs(r.heap_index_bytes)} | ${r.ser_error ? 'ERR' : mbs(r.ser_bytes)} | ${r.ser_error ? '-' : mbs(r.ser_gz_bytes)} | ${r.load_ms == null ? '-' : f1(r.load_ms / 1000)} | ${f1(r.lat.default.p50)} | ${f1(r.lat.default.p95)} | ${f1(r.lat.and.p50)} | ${f1(r.lat.and.p95)} | ${q.hitQ}/${nQueries} | ${q.P10.toFixed(2)} | ${q.R10.toFixed(2)} | ${qa.R10.toFixed(2)} |\n`;
  }
  const notes = [];
  for (const r of c.rows) {
    if (!r.ok) continue;
    if (r.ser_error) notes.push(`${peerName(r.peer)}/${r.config}: export failed (${r.ser_error.replace(/\s+/g, ' ').slice(0, 120)}), so no export or load figures.`);
    if (r.load_roundtrip_ok === false) notes.push(`${peerName(r.peer)}/${r.config}: the reloaded index returned different top-10 ids.`);
  }
  if (notes.length) md += '\n' + notes.map((n) => `- ${n}`).join('\n') + '\n';
  return md;
}

function fahrasMemoryLine(c) {
  const fa = c.rows?.find((r) => r.ok && r.peer === 'fahras');
  if (!fa) return null;
  const st = fa.stats || {};
  const heap = fa.heap_after && fa.heap_before ? fa.heap_after.heapUsed - fa.heap_before.heapUsed : null;
  const ext = fa.heap_after && fa.heap_before ? fa.heap_after.external - fa.heap_before.external : null;
  let s = `- ${c.name} (${mbs(c.bytes)} MB): index memory ${mbs(fa.heap_index_bytes)} MB = external Δ ${mbs(ext)} MB (wasm linear memory, ${mbs(st.memoryBytes ?? fa.wasm_bytes)} MB after the build) + JS heap Δ ${mbs(heap)} MB.`;
  if (st.storedTextBytes != null) {
    s += ` Of this, stored document text (bodies packed, one byte an Arabic letter): **${mbs(st.storedTextBytes)} MB**; the index without it is about ${mbs(fa.heap_index_bytes - st.storedTextBytes)} MB.`;
    const n = (x) => x.toLocaleString('en-US');
    s += ` \`stats()\`: ${n(st.documents)} documents, ${n(st.terms)} terms, ${n(st.stems)} stems, postings ${mbs(st.postingsBytes)} MB, positions ${mbs(st.positionsBytes)} MB, token maps ${mbs(st.tokenMapBytes)} MB, index estimate (heapBytes) ${mbs(st.heapBytes)} MB.`;
  }
  return s;
}

const RATIO_FMT = (lbl, v) => (/load/.test(lbl) ? `${f1(v / 1000)} s` : /memory|export/.test(lbl) ? `${mbs(v)} MB` : /R@10/.test(lbl) ? v.toFixed(2) : /MB\/s/.test(lbl) ? `${f1(v)} MB/s` : `${f1(v)} ms`);

// the metrics of peers.mjs's ratios, recomputed from summary.json for a subset of peers
const METRICS = [
  ['index build, MB/s', (r, mb) => mb / (r.build_ms / 1000), false],
  ['query p50, ms', (r) => r.lat.default.p50, true],
  ['query p95, ms', (r) => r.lat.default.p95, true],
  ['query p50 vs BM25-ranking peers, ms', (r) => r.lat.default.p50, true, (r) => r.peer !== 'flexsearch'],
  ['query p95 vs BM25-ranking peers, ms', (r) => r.lat.default.p95, true, (r) => r.peer !== 'flexsearch'],
  ['AND query p50, ms', (r) => r.lat.and.p50, true],
  ['index memory, MB', (r) => (r.heap_index_bytes > 0 ? r.heap_index_bytes : null), true],
  ['export, MB', (r) => (r.ser_error ? null : r.ser_bytes), true],
  ['export gzip, MB', (r) => (r.ser_error ? null : r.ser_gz_bytes), true],
  ['load export', (r) => r.load_ms, true],
  ['R@10 (default mode)', (r) => r.quality.default.R10, false],
];

function bestOf(rows, mb, keepRow) {
  const fa = rows.find((r) => r.ok && r.peer === 'fahras');
  const ps = rows.filter((r) => r.ok && r.peer !== 'fahras' && r.peer !== 'fuse.js' && r.peer !== 'fuse' && keepRow(r));
  const out = {};
  if (!fa) return out;
  for (const [lbl, get, low, keep = () => true] of METRICS) {
    const cand = ps.filter((r) => keep(r) && get(r, mb) != null);
    if (!cand.length || get(fa, mb) == null) continue;
    const b = cand.reduce((x, r) => ((low ? get(r, mb) < get(x, mb) : get(r, mb) > get(x, mb)) ? r : x));
    const fv = get(fa, mb), bv = get(b, mb);
    out[lbl] = { fahras: fv, peer: `${peerName(b.peer)}/${b.config}`, best: bv, ratio: low ? bv / fv : fv / bv, row: b };
  }
  return out;
}

// Times on this loaded 2-core machine move by up to about 20% from run to run;
// memory, sizes and R@10 do not, so they are compared as they are.
function verdicts(rs) {
  const ahead = [], behind = [], par = [];
  for (const [lbl, x] of Object.entries(rs)) {
    const name = lbl.replace(/, (ms|MB\/s|MB)$/, '');
    const timed = /MB\/s|ms|load/.test(lbl);
    const line = `${name}: fahras ${RATIO_FMT(lbl, x.fahras)}, ${label(x.peer)} ${RATIO_FMT(lbl, x.best)}`;
    const times = (r) => `${r.toFixed(r >= 10 ? 0 : 1)}x`;
    const detail = /R@10/.test(lbl) ? '' : x.ratio < 1 ? ` (the peer is ${times(1 / x.ratio)} better)` : ` (${times(x.ratio)} in favour of fahras)`;
    const tol = timed ? 0.2 : 0.02;
    if (x.ratio > 1 + tol) ahead.push(line + detail);
    else if (x.ratio < 1 / (1 + tol)) behind.push(line + detail);
    else par.push(line);
  }
  let md = '';
  if (behind.length) md += `fahras is behind on:\n\n${behind.map((l) => `- ${l}`).join('\n')}\n\n`;
  if (ahead.length) md += `fahras is ahead on:\n\n${ahead.map((l) => `- ${l}`).join('\n')}\n\n`;
  if (par.length) md += `Too close to call on this machine (times within 20%, sizes within 2%):\n\n${par.map((l) => `- ${l}`).join('\n')}\n\n`;
  return md;
}

function ratioSection(c, nQueries) {
  const rs = c.ratios?.ratios;
  if (!rs) return null;
  const mb = c.bytes / 1e6;
  const rowOf = (name) => c.rows.find((r) => r.ok && `${peerName(r.peer)}/${r.config}` === name);
  const full = bestOf(c.rows, mb, (r) => r.quality.default.hitQ === nQueries);
  let md = `| metric | fahras | best peer | ratio (> 1: fahras ahead) | best peer answering all ${nQueries} queries | ratio |\n|---|--:|--:|--:|--:|--:|\n`;
  for (const [lbl, x] of Object.entries(rs)) {
    const b = rowOf(x.peer);
    const hq = b ? `, ${b.quality.default.hitQ}/${nQueries} answered` : '';
    const f = full[lbl];
    md += `| ${lbl} | ${RATIO_FMT(lbl, x.fahras)} | ${RATIO_FMT(lbl, x.best)} (${x.peer}${hq}) | ${x.ratio.toFixed(2)}x | ${f ? `${RATIO_FMT(lbl, f.best)} (${f.peer})` : '-'} | ${f ? f.ratio.toFixed(2) + 'x' : '-'} |\n`;
  }
  md += '\n';
  md += `Against the best peer at each metric (the \`ratios.json\` columns):\n\n${verdicts(rs)}`;
  const shipLow = c.rows.filter((r) => r.ok && r.peer !== 'fahras' && r.quality.default.hitQ < nQueries);
  if (shipLow.length) {
    md += `Several peer configurations return nothing for part of the queries (${shipLow.map((r) => `${peerName(r.peer)}/${r.config} answers ${r.quality.default.hitQ} of ${nQueries}`).join(', ')}), which makes them faster and smaller. `;
    md += `Against the best of the configurations that answer all ${nQueries} queries (the last two columns):\n\n${verdicts(full)}`;
  }
  return md;
}

function pagefindSection(c) {
  const pf = c.pagefind;
  if (!pf) return null;
  const ver = readJson(join(runner, 'node_modules', 'pagefind', 'package.json'))?.version ?? '?';
  const mb = c.bytes / 1e6;
  let md = `Pagefind ${ver} on ${c.name} (${mbs(c.bytes)} MB, ${pf.docs.toLocaleString('en-US')} documents), one HTML page per document (${mbs(pf.html?.bytes)} MB of HTML).\n\n`;
  md += '| Pagefind | build s | corpus MB/s | CPU | max RSS MB | bundle MB | files | index chunks MB | fragments MB |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|\n';
  for (const [k, r] of [['CLI over the HTML pages', pf.cli?.bundle && pf.cli], ['Node API, addCustomRecord', pf.api]]) {
    if (!r) continue;
    const b = r.bundle;
    const ms = r.wall_ms ?? r.total_ms;
    const g = (n) => Object.entries(b.kinds).filter(([kk]) => kk.startsWith(n)).reduce((a, [, v]) => a + v.bytes, 0);
    md += `| ${k} | ${f1(ms / 1000)} | ${f1(mb / (ms / 1000))} | ${r.cpu_percent != null ? r.cpu_percent + '%' : '-'} | ${r.max_rss_kb ? (r.max_rss_kb / 1024).toFixed(0) : '-'} | ${mbs(b.bytes)} | ${b.files} | ${mbs(g('index/'))} | ${mbs(g('fragment/'))} |\n`;
  }
  const pm = c.pagefindMeta;
  if (pm && Math.max(pm.loadavg_start[0], pm.loadavg_end[0]) > 2 * pm.machine.cpus) md += `\nThe 1-minute load average reached ${Math.max(pm.loadavg_start[0], pm.loadavg_end[0]).toFixed(1)} around the Pagefind run on ${pm.machine.cpus} cores (Pagefind's own threads count in it, other work too), so its times are the least reliable on this page.\n`;
  if (pf.cli_error) md += `\nThe CLI failed: \`${pf.cli_error.replace(/\s+/g, ' ').slice(-200)}\`\n`;
  if (pf.api_error) md += `\nThe Node API reported: \`${pf.api_error.replace(/\s+/g, ' ').slice(0, 200)}\`\n`;
  const s = c.pagefindSearch;
  if (s) {
    md += `\nSearch with Pagefind's own \`pagefind.js\` and wasm, run in Node over the CLI bundle on disk (no network): `;
    md += `start-up ${f1(s.init_ms)} ms${s.init_bytes ? ` and ${s.init_bytes < 1024 ? `${s.init_bytes} bytes` : `${(s.init_bytes / 1024).toFixed(0)} KB`} read` : ''}; warm search p50 ${f1(s.lat.warm_search.p50)} ms, p95 ${f1(s.lat.warm_search.p95)} ms; `;
    md += `cold search (first query, index chunks not yet loaded) p50 ${f1(s.lat.cold_search.p50)} ms, p95 ${f1(s.lat.cold_search.p95)} ms, `;
    md += `reading ${(s.lat.cold_bytes.p50 / 1024).toFixed(0)} KB per query (p50, at most ${(s.lat.cold_bytes.max / 1024).toFixed(0)} KB); `;
    md += `loading the top 10 results' data p50 ${f1(s.lat.top10_data.p50)} ms.`;
    if (s.quality) md += ` Quality proxy: ${s.quality.hitQ}/${s.queries.length} queries with results, P@10 ${s.quality.P10.toFixed(2)}, R@10 ${s.quality.R10.toFixed(2)}.`;
    md += '\n';
  }
  const fa = c.rows?.find((r) => r.ok && r.peer === 'fahras');
  if (fa && pf.cli?.wall_ms) {
    md += `\nfahras on the same corpus in the same series of runs: ${f1(mb / (fa.build_ms / 1000))} MB/s on one thread (Pagefind's CLI: ${f1(mb / (pf.cli.wall_ms / 1000))} MB/s${pf.cli.cpu_percent ? ` using ${pf.cli.cpu_percent}% CPU` : ''}), warm query p50 ${f1(fa.lat.default.p50)} ms (Pagefind ${s ? f1(s.lat.warm_search.p50) : '-'} ms), `;
    const meta = pf.cli.bundle ? Object.entries(pf.cli.bundle.kinds).filter(([k]) => k.endsWith('.pf_meta')).reduce((a, [, v]) => a + v.bytes, 0) : 0;
    md += `an export of ${mbs(fa.ser_bytes)} MB (${mbs(fa.ser_gz_bytes)} MB gzipped) that \`Index.load\` reads whole, where Pagefind writes a ${pf.cli.bundle ? mbs(pf.cli.bundle.bytes) : '-'} MB bundle of which a page reads a ${(meta / 1024).toFixed(0)} KB meta file and then only the index chunks its queries need${s ? ` (${(s.lat.cold_bytes.p50 / 1024).toFixed(0)} KB per query, p50)` : ''}.\n`;
  }
  return md;
}

// The index in parts (scripts/parts-bench.mjs), beside Pagefind's bytes per query.
// fahras' serialized index with and without stored text and positions
// (exports.json of scripts/export-sizes.mjs) beside the smallest peer export
function exportsSection(corpora, nQueries) {
  const rows = corpora.filter((c) => c.exports && c.rows);
  if (!rows.length) return 'Not run.\n\n';
  let md = 'The peers are run without stored fields, so their exports hold the index alone; fahras\' `serialize()` (the export column above) also holds every document\'s text, token map (for snippets) and removed lines. ';
  md += '`serialize({text: false})` leaves those out and keeps ids, titles, metadata, entities, postings and word positions: it ranks and filters as the full index, without body snippets. ';
  md += '`serialize({text: false, positions: false})` also leaves out the word positions, which only phrase search reads: it ranks words, prefixes, names and filters the same, and a phrase then matches the documents with all its words (with a warning). ';
  md += 'Measured by `scripts/export-sizes.mjs` on the same build, right after the corpus\'s peer run: MB raw / MB gzipped (level 6, as the harness) / load s.\n\n';
  md += '| corpus | fahras full | without text | without text and positions | smallest peer export | smallest peer export gzipped |\n|---|--:|--:|--:|--:|--:|\n';
  const cell = (v) => (v ? `${mbs(v.bytes)} / ${mbs(v.gz_bytes)} / ${f1(v.load_ms / 1000)}` : '-');
  for (const c of rows) {
    const peers = c.rows.filter((r) => r.ok && r.peer !== 'fahras' && !r.ser_error && r.ser_bytes);
    const small = (key) => peers.reduce((b, r) => (b == null || r[key] < b[key] ? r : b), null);
    const [raw, gz] = [small('ser_bytes'), small('ser_gz_bytes')];
    const v = (name) => c.exports.variants.find((x) => x.name === name);
    md += `| ${c.name} (${mbs(c.bytes)} MB) | ${cell(v('full'))} | ${cell(v('without text'))} | ${cell(v('without text and positions'))} | `;
    const who = (r) => `${label(`${r.peer}/${r.config}`)}, ${r.quality.default.hitQ}/${nQueries} answered`;
    md += `${raw ? `${mbs(raw.ser_bytes)} (${who(raw)})` : '-'} | ${gz ? `${mbs(gz.ser_gz_bytes)} (${who(gz)})` : '-'} |\n`;
  }
  return md + '\n';
}

function partsSection(corpora) {
  const rows = corpora.filter((c) => c.parts);
  if (!rows.length) return 'Not run.\n\n';
  const kb = (b) => (b == null ? '-' : (b / 1024).toFixed(1));
  let md = '`fahras index --parts` (what `fahras build` writes for a large collection) cuts the index into a manifest, term parts of about 4 KB of postings, their positions and one part per document, gzip-compressed. ';
  md += '`scripts/parts-bench.mjs` opens the manifest with `fahras/parts` in Node (fetch served from disk, bytes counted as stored) and runs the bench queries in order on one reader, as `pagefind_search.mjs` does for Pagefind: ';
  md += 'each query "cold" (its parts not fetched yet) with snippets for the top 10 hits (their document parts are fetched), then five warm passes. The manifest is fetched once, at start-up.\n\n';
  md += '| corpus | MB | written in s | parts | total MB | manifest KB | KB per query p50 | mean | max | first query KB | cold p50 ms | cold p95 ms | warm p50 ms | warm p95 ms | R@10 |\n';
  md += '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n';
  for (const c of rows) {
    const p = c.parts;
    md += `| ${c.name} | ${mbs(c.bytes)} | ${p.written ? f1(p.written.ms / 1000) : '-'} | ${p.files?.toLocaleString('en-US') ?? '-'} | ${mbs(p.total_bytes)} | ${kb(p.init_bytes)} | ${kb(p.lat.cold_bytes.p50)} | ${kb(p.lat.cold_bytes.mean)} | ${kb(p.lat.cold_bytes.max)} | ${kb(p.queries?.[0]?.cold_bytes)} | ${f1(p.lat.cold_search.p50)} | ${f1(p.lat.cold_search.p95)} | ${f1(p.lat.warm_search.p50)} | ${f1(p.lat.warm_search.p95)} | ${p.R10 != null ? p.R10.toFixed(2) : '-'} |\n`;
  }
  for (const c of rows.filter((x) => x.pagefindSearch)) {
    const s = c.pagefindSearch;
    const p = c.parts;
    md += `\nOn ${c.name}, same queries, same order: Pagefind reads ${kb(s.lat.cold_bytes.p50)} KB per query (p50; mean ${kb(s.queries.reduce((a, q) => a + q.cold_bytes, 0) / s.queries.length)} KB, at most ${kb(s.lat.cold_bytes.max)} KB, its first query ${kb(s.queries[0].cold_bytes)} KB with its meta file and wasm); `;
    md += `fahras in parts reads **${kb(p.lat.cold_bytes.p50)} KB (${(p.lat.cold_bytes.p50 / s.lat.cold_bytes.p50).toFixed(2)}x Pagefind's)**, after a ${kb(p.init_bytes)} KB manifest. `;
    md += `Cold query p50 ${f1(p.lat.cold_search.p50)} ms (Pagefind ${f1(s.lat.cold_search.p50)} ms), warm p50 ${f1(p.lat.warm_search.p50)} ms (Pagefind ${f1(s.lat.warm_search.p50)} ms), without network latency: on a real site each round of fetches (terms, then positions, then documents) adds one round trip.\n`;
  }
  return md + '\n';
}

// ---- the chart: three log-log panels, one line per engine
const SERIES = [
  { key: 'fahras/own', color: '#c0392b', width: 2.5 },
  { key: 'minisearch/norm', color: '#1f77b4' },
  { key: 'flexsearch/norm', color: '#2ca02c' },
  { key: 'lunr/norm', color: '#8e44ad' },
  { key: 'orama/norm', color: '#e67e22' },
];

function chartData(corpora) {
  const pts = {};
  for (const c of corpora) {
    for (const r of c.rows ?? []) {
      if (!r.ok) continue;
      const key = `${r.peer}/${r.config}`;
      const x = c.bytes / 1e6;
      (pts[key] ??= []).push({ x, build: r.build_ms / 1000, mem: r.heap_index_bytes / 1e6, p50: r.lat.default.p50,
        memNoText: r.peer === 'fahras' && r.stats?.storedTextBytes != null ? (r.heap_index_bytes - r.stats.storedTextBytes) / 1e6 : null });
    }
  }
  for (const k in pts) pts[k].sort((a, b) => a.x - b.x);
  return pts;
}

function logTicks(lo, hi) {
  const ticks = [];
  const decades = Math.log10(hi) - Math.log10(lo);
  const mults = decades <= 1.3 ? [1, 2, 5] : decades <= 2.5 ? [1, 3] : [1];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of mults) { const v = m * 10 ** e; if (v >= lo * 0.999 && v <= hi * 1.001) ticks.push(v); }
  }
  return ticks;
}
const tickLabel = (v) => (v >= 1 ? String(Math.round(v * 100) / 100) : String(Number(v.toPrecision(1))));
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function scalingSvg(corpora) {
  const pts = chartData(corpora);
  const xs = corpora.filter((c) => c.rows?.some((r) => r.ok)).map((c) => c.bytes / 1e6);
  const panels = [
    { field: 'build', title: 'Build time (s)', unit: 'seconds' },
    { field: 'mem', title: 'Index memory (MB)', unit: 'MB' },
    { field: 'p50', title: 'Query p50 (ms)', unit: 'milliseconds' },
  ];
  const W = 300, H = 250, ml = 52, mr = 12, mt = 28, mb = 40;
  const width = W * panels.length + 20, height = H + 70;
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="11">`);
  out.push(`<title>fahras and peers: build time, memory and query p50 against corpus size</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  if (!xs.length) { out.push('<text x="20" y="40">no results</text></svg>'); return out.join('\n') + '\n'; }
  const xlo = Math.min(...xs) / 1.25, xhi = Math.max(...xs) * 1.25;
  panels.forEach((p, i) => {
    const ox = 10 + i * W;
    const series = SERIES.map((s) => ({ ...s, pts: (pts[s.key] ?? []).filter((q) => q[p.field] > 0).map((q) => [q.x, q[p.field]]) }));
    if (p.field === 'mem') series.push({ key: 'fahras/own', dash: '5 3', color: '#c0392b', width: 1.5, pts: (pts['fahras/own'] ?? []).filter((q) => q.memNoText > 0).map((q) => [q.x, q.memNoText]) });
    const ys = series.flatMap((s) => s.pts.map((q) => q[1]));
    if (!ys.length) return;
    let ylo = 10 ** Math.floor(Math.log10(Math.min(...ys)));
    let yhi = 10 ** Math.ceil(Math.log10(Math.max(...ys)));
    if (Math.max(...ys) <= yhi / 2) yhi /= 2;
    if (Math.min(...ys) >= ylo * 2) ylo *= 2;
    const X = (v) => ox + ml + ((Math.log10(v) - Math.log10(xlo)) / (Math.log10(xhi) - Math.log10(xlo))) * (W - ml - mr);
    const Y = (v) => mt + (1 - (Math.log10(v) - Math.log10(ylo)) / (Math.log10(yhi) - Math.log10(ylo))) * (H - mt - mb);
    out.push(`<g>`);
    out.push(`<text x="${ox + ml}" y="16" font-size="13" font-weight="600">${esc(p.title)}</text>`);
    out.push(`<rect x="${ox + ml}" y="${mt}" width="${W - ml - mr}" height="${H - mt - mb}" fill="none" stroke="#999"/>`);
    for (const t of logTicks(ylo, yhi)) {
      const y = Y(t).toFixed(1);
      out.push(`<line x1="${ox + ml}" x2="${ox + W - mr}" y1="${y}" y2="${y}" stroke="#e3e3e3"/>`);
      out.push(`<text x="${ox + ml - 5}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="#444">${tickLabel(t)}</text>`);
    }
    for (const t of xs) {
      const x = X(t).toFixed(1);
      out.push(`<line x1="${x}" x2="${x}" y1="${mt}" y2="${H - mb}" stroke="#eeeeee"/>`);
      out.push(`<text x="${x}" y="${H - mb + 14}" text-anchor="middle" fill="#444">${t >= 10 ? Math.round(t) : t.toFixed(1)}</text>`);
    }
    out.push(`<text x="${ox + ml + (W - ml - mr) / 2}" y="${H - 8}" text-anchor="middle" fill="#222">corpus size (MB, log scale)</text>`);
    out.push(`<text transform="translate(${ox + 12},${mt + (H - mt - mb) / 2}) rotate(-90)" text-anchor="middle" fill="#222">${esc(p.unit)} (log scale)</text>`);
    for (const s of series) {
      if (!s.pts.length) continue;
      const d = s.pts.map(([x, y], j) => `${j ? 'L' : 'M'}${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' ');
      out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="${s.width ?? 1.5}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
      for (const [x, y] of s.pts) out.push(`<circle cx="${X(x).toFixed(1)}" cy="${Y(y).toFixed(1)}" r="${s.dash ? 2 : 3}" fill="${s.dash ? '#fff' : s.color}" stroke="${s.color}"/>`);
    }
    out.push(`</g>`);
  });
  // legend
  const items = SERIES.map((s) => ({ ...s, text: label(s.key) })).concat([{ color: '#c0392b', dash: '5 3', width: 1.5, text: 'fahras without stored text (memory only)' }]);
  let lx = 10 + ml;
  const ly = H + 22;
  for (const it of items) {
    out.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly}" y2="${ly}" stroke="${it.color}" stroke-width="${it.width ?? 1.5}"${it.dash ? ` stroke-dasharray="${it.dash}"` : ''}/>`);
    out.push(`<text x="${lx + 27}" y="${ly}" dominant-baseline="middle">${esc(it.text)}</text>`);
    lx += 34 + it.text.length * 6.2;
  }
  out.push(`<text x="${10 + ml}" y="${H + 48}" fill="#555">Peers in the norm config, fahras with its defaults; a missing point is a run that failed or was not made (see BENCHMARKS.md).</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function scalingTable(corpora) {
  const pts = chartData(corpora);
  const cs = corpora.filter((c) => c.rows?.some((r) => r.ok));
  let md = `| engine | ${cs.map((c) => `${mbs(c.bytes)} MB`).join(' | ')} |\n|---|${cs.map(() => '--:').join('|')}|\n`;
  for (const s of SERIES) {
    const row = cs.map((c) => {
      const q = (pts[s.key] ?? []).find((p) => Math.abs(p.x - c.bytes / 1e6) < 1e-6);
      return q ? `${f1(q.build)} s · ${f1(q.mem)} MB · ${f1(q.p50)} ms` : 'not measured';
    });
    md += `| ${label(s.key)} | ${row.join(' | ')} |\n`;
  }
  return md;
}

// how much each figure grows from 39 MB to the largest corpus the engine ran on
function growthTable(corpora) {
  const pts = chartData(corpora);
  const base = corpora.find((c) => c.name === 'hadith-all');
  if (!base?.rows) return '';
  const bx = base.bytes / 1e6;
  const lines = [], fast = [];
  for (const s of SERIES) {
    const p = pts[s.key] ?? [];
    const b = p.find((q) => Math.abs(q.x - bx) < 1e-6);
    const last = p.at(-1);
    if (!b || !last || last.x <= bx) continue;
    const k = last.x / bx;
    const g = { build: last.build / b.build, mem: last.mem / b.mem, p50: last.p50 / b.p50 };
    lines.push(`| ${label(s.key)} | ${f1(last.x)} MB (${k.toFixed(1)}x) | ${g.build.toFixed(1)}x | ${g.mem.toFixed(1)}x | ${g.p50.toFixed(1)}x |`);
    const over = Object.entries({ 'build time': g.build, 'query p50': g.p50 }).filter(([, v]) => v > 1.5 * k).map(([n, v]) => `${n} ${v.toFixed(1)}x`);
    if (over.length) fast.push(`${label(s.key)}: ${over.join(', ')} for ${k.toFixed(1)}x the text`);
  }
  if (!lines.length) return '';
  let md = `Growth from ${mbs(base.bytes)} MB to the largest corpus each engine was measured on (linear growth would match the corpus ratio):\n\n| engine | largest corpus | build time | memory | query p50 |\n|---|--:|--:|--:|--:|\n${lines.join('\n')}\n\n`;
  if (fast.length) md += `Growing much faster than the text (more than 1.5 times the corpus ratio): ${fast.join('; ')}.\n\n`;
  md += 'The 79 and 158 MB corpora repeat the 39 MB collection under new ids, so the vocabulary stays the same';
  const fa = corpora.filter((c) => c.bytes >= base.bytes && c.rows?.find((r) => r.ok && r.peer === 'fahras' && r.stats)).map((c) => c.rows.find((r) => r.peer === 'fahras').stats.terms);
  md += fa.length > 1 && new Set(fa).size === 1 ? ` (fahras counts ${fa[0].toLocaleString('en-US')} terms at every size from ${mbs(base.bytes)} MB up)` : '';
  md += ' while every posting list gets two and four times longer, and every query matches two and four times as many documents, with exact duplicates among them.\n\n';
  return md;
}

function writeReport() {
  const corpora = loadResults();
  const measured = corpora.filter((c) => c.rows);
  if (!measured.length && !corpora.some((c) => c.pagefind)) {
    console.error(`bench: no results under ${results}; run npm run bench -- --report first`);
    process.exit(1);
  }
  const nQueries = readFileSync(join(existsSync(join(runner, 'queries-ar.txt')) ? runner : source, 'queries-ar.txt'), 'utf8').split('\n').filter((s) => s.trim()).length;
  const repeats = STEPS.filter((s) => s.out).map((s) => ({ step: s, rows: readJson(join(work, s.out, s.corpus, 'summary.json')), meta: readJson(join(work, s.out, s.corpus, 'run-meta.json')) }));
  const metas = corpora.flatMap((c) => [c.meta, c.pagefindMeta, c.partsMeta]).concat(repeats.map((r) => r.meta)).filter(Boolean).sort((a, b) => a.started.localeCompare(b.started));
  const m0 = metas[0]?.machine;
  const builds = [...new Set(metas.map((m) => m.wasm_sha256))];
  const main = corpora.find((c) => c.name === 'hadith-all');

  let md = '# Benchmarks\n\n';
  md += 'fahras beside MiniSearch, FlexSearch, Lunr, Orama and Fuse.js (one process per engine, one run per corpus) and Pagefind, ';
  md += `on fully diacritized Arabic text: six hadith collections (${mbs(main?.bytes)} MB, ${main?.docs?.toLocaleString('en-US') ?? '?'} documents) and their 2x and 4x replicas, `;
  md += `with ${nQueries} Arabic queries. The harness is \`../shared/bench\`; its README says what each column measures.\n\n`;

  md += '## Machine\n\n';
  if (m0) {
    md += `${m0.cpus} x ${m0.cpu}, ${m0.mem_gib.toFixed(0)} GiB RAM, ${m0.platform}, Node ${m0.node}. `;
    md += `Runs on ${metas[0].started.slice(0, 10)} from ${metas[0].started.slice(11, 16)} to ${metas.at(-1).finished.slice(11, 16)} UTC`;
    md += builds.length === 1 ? `, all on one build of the package (wasm ${(metas[0].wasm_bytes / 1024).toFixed(0)} KB, sha256 ${builds[0].slice(0, 12)}, built from the working tree at commit ${metas[0].git}).\n\n` : `, on ${builds.length} different builds of the package (see the run list below).\n\n`;
    md += '**These numbers are noisy.** The machine has 2 cores, which the runs themselves keep busy and other work may share ';
    md += `(1-minute load average at the start and end of each run: ${metas.map((m) => `${runName(m)} ${m.loadavg_start[0].toFixed(1)} to ${m.loadavg_end[0].toFixed(1)}`).join('; ')}). `;
    md += 'Compare engines within one table, where they ran minutes apart under the same load; differences under about 20% are within the noise, ';
    md += 'and absolute times do not carry over to other machines.\n\n';
  } else {
    md += 'The machine was not recorded (no run-meta.json: these results come from runs not started by `--report`).\n\n';
  }

  md += '## Reproduce\n\n```sh\n';
  md += 'npm run bench -- --report        # every run below, then this file and the chart (about 45 minutes on 2 cores)\n';
  md += 'npm run bench -- --report-only   # this file and the chart again, from the result files of the last runs\n';
  md += 'npm run bench                    # quick check: 8.9 MB corpus, four peers, norm config (a few minutes)\n';
  md += '```\n\n';
  md += '`--report` takes `--no-build` (measure `pkg/node` as it is), `--pkg DIR` (measure another build), `--steps bukhari,all,pagefind,parts,x2,x4,parts-x4,repeat,repeat-x2` and `--until HH:MM` (UTC; start no run after that time). ';
  md += 'It measures a copy of `pkg/node` and runs a copy of `../shared/bench` under `<tmp>/fahras-bench/runner`; the results go to `<tmp>/fahras-bench/results/<corpus>/`. ';
  md += 'The commands it ran, from the project root (`<tmp>` is the OS temporary folder):\n\n```sh\n';
  for (const m of metas) for (const cmd of m.commands) md += `${cmd}\n`;
  md += '```\n\n';
  if (builds.length > 1) md += metas.map((m) => `- ${runName(m)}: wasm sha256 ${m.wasm_sha256.slice(0, 12)}, commit ${m.git}, ${m.started}`).join('\n') + '\n\n';

  if (main?.ratios) {
    md += `## fahras against the best peer, ${mbs(main.bytes)} MB\n\n`;
    md += 'For each metric, the best of all peers and configurations at that metric (Fuse.js left out: it scans instead of indexing). ';
    md += 'From `ratios.json` of the hadith-all run; the last two columns are recomputed from its `summary.json`.\n\n';
    md += ratioSection(main, nQueries);
  }

  const withRatios = corpora.filter((c) => c.ratios?.ratios);
  if (withRatios.length > 1) {
    md += 'The same ratios at every corpus size (best peer in brackets; the 79 and 158 MB runs have the norm configs only, so their best peers all answer every query):\n\n';
    md += `| metric | ${withRatios.map((c) => `${mbs(c.bytes)} MB`).join(' | ')} |\n|---|${withRatios.map(() => '--:').join('|')}|\n`;
    for (const lbl of Object.keys(withRatios.find((c) => c.name === 'hadith-all')?.ratios.ratios ?? withRatios[0].ratios.ratios)) {
      md += `| ${lbl} | ${withRatios.map((c) => { const x = c.ratios.ratios[lbl]; return x ? `${x.ratio.toFixed(2)}x (${x.peer})` : '-'; }).join(' | ')} |\n`;
    }
    md += '\n';
  }

  md += '## Memory of the fahras index\n\n';
  md += 'The index memory column is the JS heap delta plus the `external` delta after a forced GC, measured the same way for every engine. ';
  md += 'For fahras, `external` holds the wasm linear memory. fahras also keeps the text of every document (for snippets, highlighting and the document view), ';
  md += 'which is part of that figure; of the peers, only Orama keeps the documents (MiniSearch, FlexSearch and Lunr are run without stored fields). ';
  md += 'The stored text is reported on its own:\n\n';
  md += measured.map(fahrasMemoryLine).filter(Boolean).join('\n') + '\n\n';

  md += '## Serialized index without stored text\n\n';
  md += exportsSection(corpora, nQueries);

  md += '## Scaling\n\n![Build time, index memory and query p50 of each engine against corpus size](docs/bench-scaling.svg)\n\n';
  md += '[docs/bench-scaling.svg](docs/bench-scaling.svg): build time, index memory and query p50 against corpus size, log scales. ';
  md += 'Peers in the norm config, the one run at every size. The same numbers (build · memory · p50):\n\n';
  md += scalingTable(corpora) + '\n';
  md += growthTable(corpora);

  md += '## Results by corpus\n\n';
  md += 'Columns as in the harness\'s `summary.md`. `shipped` = the best Arabic setup the peer ships, `norm` = the peer plus a 20-line Arabic normaliser, `own` = fahras defaults. ';
  md += 'p50/p95 are warm per-query latencies in the default mode (OR for the BM25 engines; FlexSearch matches all terms within a field and does not rank by BM25). ';
  md += 'R@10 is a coarse quality proxy (every normalised query word is a substring of the document); a configuration that finds few documents also answers fast, so read latency beside hitQ and R@10.\n\n';
  for (const c of corpora) {
    if (!c.rows) continue;
    md += `### ${c.name}: ${mbs(c.bytes)} MB, ${c.docs.toLocaleString('en-US')} documents\n\n`;
    const step = STEPS.find((s) => s.corpus === c.name && !s.pagefind && !s.out);
    if (step?.args.length) md += `Run with \`${step.args.join(' ')}\`: only the norm config, and Fuse.js (a scan per query) left out.\n\n`;
    if (!c.meta) md += `(No run-meta.json: summary.json written ${c.mtime}, command not recorded.)\n\n`;
    md += corpusTable(c, nQueries);
    const failed = c.rows.filter((r) => !r.ok);
    if (failed.length) md += `\nNot measured at this size: ${failed.map((r) => `${peerName(r.peer)}/${r.config} (${/timeout/.test(r.error) ? 'over the time limit' : /heap|memory|Allocation/i.test(r.error) ? 'out of memory' : /skipped/.test(r.error) ? 'skipped' : 'failed'})`).join(', ')}.\n`;
    md += '\n';
  }

  if (repeats.some((r) => r.rows)) {
    md += '## Run-to-run noise\n\n';
    md += 'A few engines measured a second time after the main runs (`--out <tmp>/fahras-bench/results-repeat`), as build s · query p50 ms · query p95 ms:\n\n';
    md += '| corpus | engine | main run | second run | build time change |\n|---|---|--:|--:|--:|\n';
    const cell = (r) => `${f1(r.build_ms / 1000)} s · ${f1(r.lat.default.p50)} ms · ${f1(r.lat.default.p95)} ms`;
    for (const rep of repeats.filter((r) => r.rows)) {
      const c = corpora.find((x) => x.name === rep.step.corpus);
      for (const r2 of rep.rows.filter((r) => r.ok)) {
        const r1 = c?.rows?.find((r) => r.ok && r.peer === r2.peer && r.config === r2.config);
        if (r1) md += `| ${c.name} | ${label(`${r2.peer}/${r2.config}`)} | ${cell(r1)} | ${cell(r2)} | ${r2.build_ms >= r1.build_ms ? '+' : ''}${((r2.build_ms / r1.build_ms - 1) * 100).toFixed(0)}% |\n`;
      }
    }
    md += '\n';
  }

  const pfc = corpora.find((c) => c.pagefind);
  md += '## Pagefind\n\n';
  if (pfc) {
    md += 'Pagefind builds a static bundle from HTML pages with its own binary and searches it in the browser, fetching index chunks as needed, so it is measured apart: ';
    md += 'build time and peak RSS of the CLI, bundle size on disk, and search time with its own browser code.\n\n';
    md += pagefindSection(pfc) + '\n';
  } else {
    md += 'Not run.\n\n';
  }

  md += '## An index in parts (static hosting)\n\n';
  md += partsSection(corpora);

  const notRun = [];
  for (const s of STEPS) {
    if (s.out) { if (!repeats.find((r) => r.step === s).rows) notRun.push(`the second sample on ${s.corpus} (fahras, ${s.args.at(-1).split(',').map((p) => NAMES[p]).join(', ')})`); continue; }
    const c = corpora.find((x) => x.name === s.corpus);
    if (s.parts) { if (!c.parts) notRun.push(`the index in parts on ${s.corpus}`); continue; }
    if (s.pagefind ? !c.pagefind : !c.rows) notRun.push(s.pagefind ? `Pagefind on ${s.corpus}` : `${s.corpus} (${mbs(c.bytes)} MB)`);
  }
  for (const c of corpora) for (const r of c.rows ?? []) if (!r.ok) notRun.push(`${peerName(r.peer)}/${r.config} on ${c.name}: ${String(r.error).replace(/\s+/g, ' ').slice(0, 160)}`);
  for (const m of metas) for (const f of m.failed ?? []) notRun.push(`${runName(m)}: ${f}`);
  md += '## Not run or failed\n\n';
  md += notRun.length ? notRun.map((n) => `- ${n}`).join('\n') + '\n' : 'Everything in the plan above ran.\n';
  md += '\nBy design: Fuse.js only up to 39 MB, and only the norm config (plus fahras) on the 79 and 158 MB replicas.\n';

  writeFileSync(join(root, 'BENCHMARKS.md'), md);
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs', 'bench-scaling.svg'), scalingSvg(corpora));
  console.error(`bench: wrote ${relative(process.cwd(), join(root, 'BENCHMARKS.md'))} and ${relative(process.cwd(), join(root, 'docs', 'bench-scaling.svg'))}`);
}

// ---------------------------------------------------------------- main

if (argv.includes('--report-only')) {
  writeReport();
} else if (argv.includes('--report')) {
  await runReport();
  writeReport();
} else {
  const args = argv.filter((a) => a !== '--full');
  const mode = argv.includes('--full') || args.length ? args : ['--quick'];
  run('node', [join(root, 'scripts', 'build-wasm.mjs')]);
  prepareRunner();
  run('node', [join(runner, 'peers.mjs'), ...mode, '--fahras', join(root, 'pkg', 'node')], runner);
}
