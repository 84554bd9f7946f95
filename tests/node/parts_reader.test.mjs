// fahras/parts (www/parts.js) in Node: opens an index in parts written by
// the CLI (gzip-compressed files), fetches only what each search needs,
// and says which file failed when one cannot be fetched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openParts } from '../../www/parts.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { Index } = createRequire(import.meta.url)('../../pkg/node/fahras.js');

test('a reader fetches the manifest, then only the parts a search needs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fahras-parts-'));
  try {
    const r = spawnSync('cargo', ['run', '-q', '-p', 'fahras-cli', '--', 'index', 'tests/data/compat.jsonl',
      'tests/data/briefs.jsonl', 'tests/data/dupes', '-o', dir, '--parts', '--part-bytes', '96'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const asked = [];
    const fetchFromDisk = async (path) => {
      asked.push(path);
      try {
        const buf = readFileSync(join(dir, path));
        return { ok: true, status: 200, arrayBuffer: async () => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) };
      } catch {
        return { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) };
      }
    };
    const reader = await openParts(Index, '', { fetch: fetchFromDisk });
    assert.deepEqual(asked, ['index.fhrp']);
    assert.equal(reader.index.size, 9);
    assert.equal(reader.index.isPartial, true);

    const options = { snippets: true, limit: 5 };
    const res = await reader.search('مهرجان التمور', options);
    assert.equal(res.hits[0].id, 'brief-3');
    assert.ok(res.hits[0].snippetHighlights.length > 0);
    const terms = readdirSync(join(dir, 't')).length;
    const got = asked.filter((p) => p.startsWith('t/')).length;
    assert.ok(got > 0 && got < terms / 2, `${got} of ${terms} term parts`);
    assert.deepEqual(asked.filter((p) => p.startsWith('d/')).length, res.hits.length);
    assert.ok(reader.fetched.bytes > 0 && reader.fetched.parts === asked.length);
    assert.equal(reader.document('brief-3').title, res.hits[0].title);
    // Asked again: nothing more to fetch.
    const before = asked.length;
    await reader.search('مهرجان التمور', options);
    assert.equal(asked.length, before);

    // A part that cannot be fetched: the error names it; the reader goes on.
    rmSync(join(dir, 't'), { recursive: true });
    await assert.rejects(reader.search('استانا', options), /fahras: t\/\d+\.fhrp of the index could not be fetched \(HTTP 404\)/);
    assert.equal((await reader.search('مهرجان التمور', options)).hits[0].id, 'brief-3');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
