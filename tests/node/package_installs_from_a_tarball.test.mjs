// `npm pack` the package, install the tarball into a fresh project, and use
// it as a user would: import from Node (ESM and CommonJS), the web build with
// initSync, and the TypeScript types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sh = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('the packed package installs and works from Node, the web build and TypeScript', () => {
  const work = mkdtempSync(join(tmpdir(), 'fahras-pack-'));
  try {
    const packed = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', work], root));
    const files = packed[0].files.map((f) => f.path);
    for (const f of ['pkg/node/fahras.js', 'pkg/node/fahras_bg.wasm', 'pkg/web/fahras.js', 'pkg/web/fahras_bg.wasm',
      'pkg/bundler/fahras.js', 'pkg/bundler/fahras_bg.js', 'pkg/bundler/fahras_bg.wasm', 'pkg/node/fahras.d.ts', 'www/parts.js', 'www/parts.d.ts', 'README.md']) {
      assert.ok(files.includes(f), `${f} is missing from the tarball`);
    }
    assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('node_modules/')), 'sources leaked into the tarball');
    const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')));
    const app = join(work, 'app');
    sh('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    sh('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], app);

    writeFileSync(join(app, 'esm.mjs'), `
      import { Index } from 'fahras';
      const ix = new Index();
      ix.add({ id: 'a', title: 'قمّة أستانا', text: 'وصل الزعماء إلى أستانا.' });
      console.log(JSON.stringify(ix.search('استانا').hits.map((h) => h.id)));
    `);
    assert.equal(sh('node', ['esm.mjs'], app).trim(), '["a"]');

    writeFileSync(join(app, 'cjs.cjs'), `
      const { Index } = require('fahras');
      const ix = new Index();
      ix.add({ id: 7, text: 'طريق الحرير' });
      console.log(ix.search('"طريق الحرير"').total);
    `);
    assert.equal(sh('node', ['cjs.cjs'], app).trim(), '1');

    writeFileSync(join(app, 'web.mjs'), `
      import { readFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      import { initSync, Index } from 'fahras/web';
      const require = createRequire(import.meta.url);
      initSync({ module: readFileSync(require.resolve('fahras/web/fahras_bg.wasm')) });
      const ix = new Index();
      ix.add({ id: 'w', text: 'الكازاخستانية' });
      console.log(ix.search('كازاخستان').total);
    `);
    assert.equal(sh('node', ['web.mjs'], app).trim(), '1');

    // fahras/parts over a folder written by the CLI.
    const parts = join(work, 'parts');
    sh('cargo', ['run', '-q', '-p', 'fahras-cli', '--', 'index', 'tests/data/briefs.jsonl', '-o', parts, '--parts'], root);
    writeFileSync(join(app, 'parts.mjs'), `
      import { readFileSync } from 'node:fs';
      import { Index } from 'fahras';
      import { openParts } from 'fahras/parts';
      const fetch = async (path) => {
        const buf = readFileSync(${JSON.stringify(parts)} + '/' + path);
        return { ok: true, status: 200, arrayBuffer: async () => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) };
      };
      const reader = await openParts(Index, '', { fetch });
      const r = await reader.search('مخطوطة');
      console.log(JSON.stringify(r.hits.map((h) => h.id)));
    `);
    assert.equal(sh('node', ['parts.mjs'], app).trim(), '["brief-1"]');

    writeFileSync(join(app, 'consumer.ts'), `
      import { Index, type SearchResults, type SearchHit, type IndexStats } from 'fahras';
      import { openParts } from 'fahras/parts';
      const reader = await openParts(Index, 'https://example.org/collection/');
      const fromParts: SearchResults = await reader.search('قمة', { snippets: true });
      const partial: boolean = reader.index.isPartial && fromParts.total >= 0;
      const ix: Index = new Index({ titleWeight: 3, stem: true });
      ix.add({ id: 1, title: 'قمة', text: 'نص' });
      const r: SearchResults = ix.search('قمة', { limit: 5, combine: 'or' });
      const h: SearchHit | undefined = r.hits[0];
      const first: string = h ? h.snippet.slice(h.snippetHighlights[0]?.start ?? 0) : '';
      const s: IndexStats = ix.stats();
      const n: number = s.documents + r.total + first.length + Number(partial) + reader.fetched.bytes;
      const bytes: Uint8Array = ix.serialize();
      Index.load(bytes).free();
      // @ts-expect-error combine only takes "and" or "or"
      ix.search('x', { combine: 'xor' });
      export default n;
    `);
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'esnext.disposable'], skipLibCheck: false },
      files: ['consumer.ts'],
    }));
    try {
      sh('node', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], app);
    } catch (e) {
      assert.fail(`tsc rejected the consumer:\n${e.stdout}${e.stderr}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
