// A large collection on static hosting: `fahras build --parts` writes the
// index in parts; served by a plain static file server, the page opens the
// manifest and each search fetches only the term ranges it needs and the
// documents of the hits it shows; entity filters and facets fetch the
// entities part once. Dropped files are refused with a reason
// (the collection is read-only), and the page keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fahras, openPage, searchFor, dropFiles } from './fixture.mjs';

test('a site in parts fetches only the parts a search needs', async () => {
  const site = mkdtempSync(join(tmpdir(), 'fahras-parts-site-'));
  try {
    const out = fahras(['build', 'tests/data/compat.jsonl', 'tests/data/dupes', 'tests/data/briefs.jsonl',
      '-o', site, '--parts', '--part-bytes', '96']);
    assert.match(out, /9 documents/);
    assert.ok(existsSync(join(site, 'collection', 'index.fhrp')));
    assert.ok(!existsSync(join(site, 'collection.fhrs')));
    const termParts = readdirSync(join(site, 'collection', 't')).length;
    const docParts = readdirSync(join(site, 'collection', 'd')).length;
    assert.ok(termParts > 20, `${termParts} term parts`);

    const { page, problems, close } = await openPage({ mounts: { '/': site } });
    const fetched = [];
    const everything = [];
    page.context().on('request', (r) => {
      const m = new URL(r.url()).pathname.match(/^\/collection\/(.+)$/);
      if (m) fetched.push(m[1]);
      if (m) everything.push(m[1]);
    });
    try {
      assert.match(await page.textContent('#status'), /9/);
      // Saving is for an index held whole.
      assert.equal(await page.locator('#download').isDisabled(), true);
      assert.equal(await page.locator('#drop').isVisible(), false);

      fetched.length = 0;
      await searchFor(page, 'استانا');
      assert.deepEqual(await page.locator('#results .meta bdi:last-child').allTextContents(), ['c1']);
      assert.ok(await page.locator('#results .snippet mark').count() > 0, 'the snippet is highlighted');
      const terms = fetched.filter((n) => n.startsWith('t/'));
      const docs = fetched.filter((n) => n.startsWith('d/'));
      assert.ok(terms.length > 0 && terms.length < termParts / 2, `fetched ${terms.length} of ${termParts} term parts: ${fetched}`);
      assert.equal(docs.length, 1, `one document shown, one fetched: ${fetched}`);

      // A phrase fetches positions; copies of one story fold together.
      fetched.length = 0;
      await searchFor(page, '"بحر قزوين"');
      assert.ok(fetched.some((n) => n.startsWith('p/')), `${fetched}`);
      assert.equal(await page.locator('#results .title').count(), 2);
      assert.match(await page.textContent('#results'), /نسخة مشابهة/);
      assert.ok(fetched.filter((n) => n.startsWith('d/')).length < docParts);

      // The document view of a hit fetched in parts.
      await page.locator('#results .title').first().click();
      await page.waitForSelector('#doc[open]');
      assert.ok((await page.textContent('#doc-body')).includes('قزوين'));
      await page.keyboard.press('Escape');

      // A plain word needs no positions; the same query again fetches nothing.
      fetched.length = 0;
      await searchFor(page, 'مخطوطة');
      assert.ok(fetched.length > 0 && !fetched.some((n) => n.startsWith('p/')), `${fetched}`);
      const before = fetched.length;
      await searchFor(page, '');
      await searchFor(page, 'مخطوطة');
      assert.equal(fetched.length, before, `${fetched}`);

      // Entity filters, facets and the overview use the entities part,
      // fetched once (by the overview the page opens on, before these
      // requests were watched).
      await searchFor(page, 'entity:قرغيزستان');
      assert.deepEqual(await page.locator('#results .meta bdi:last-child').allTextContents(), ['c3']);
      await searchFor(page, 'استانا');
      assert.ok(await page.locator('#entities button').count() > 0, 'entity chips for the results');
      assert.ok(everything.filter((n) => n === 'entities.fhrp').length <= 1, `${everything}`);

      // Dropped files are refused with the reason; search still works.
      await dropFiles(page, [{ name: 'mine.txt', bytes: Buffer.from('خبر محلي عن افتتاح حديقة عامة في المدينة.') }]);
      await page.waitForSelector('#errors:not([hidden])');
      assert.match(await page.textContent('#error-list'), /mine\.txt.*read-only/);
      await searchFor(page, 'استانا');
      assert.deepEqual(await page.locator('#results .meta bdi:last-child').allTextContents(), ['c1']);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
});
