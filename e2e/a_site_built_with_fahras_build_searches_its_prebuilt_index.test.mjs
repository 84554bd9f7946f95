// Static hosting: `fahras build <files> -o site/` writes the page, the wasm
// and a prebuilt index; served by a plain static file server, the page loads
// that index (no sample collection, no indexing) and searches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fahras, openPage, searchFor } from './fixture.mjs';

test('a site built with fahras build searches its prebuilt index', async () => {
  const site = mkdtempSync(join(tmpdir(), 'fahras-site-'));
  try {
    const out = fahras(['build', 'tests/data/compat.jsonl', 'tests/data/dupes', '-o', site]);
    assert.match(out, /7 documents/);
    assert.deepEqual(readdirSync(site).sort(), ['app.js', 'collection.fhrs', 'index.html', 'lib.js', 'parts.js', 'pkg', 'style.css', 'worker.js']);
    const { page, problems, close } = await openPage({ mounts: { '/': site } });
    try {
      // The prebuilt collection, not the sample: 7 documents.
      assert.match(await page.textContent("#status"), /7/);
      await searchFor(page, 'استانا');
      const ids = await page.locator('#results .meta bdi:last-child').allTextContents();
      assert.deepEqual(ids, ['c1']);
      // Its entities came with the index.
      await searchFor(page, 'entity:قرغيزستان');
      assert.deepEqual(await page.locator('#results .meta bdi:last-child').allTextContents(), ['c3']);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
});
