// Entities: the collection's people, places and organisations show before
// any query; a query shows those of its results, grouped by type, with
// their spellings on hover; clicking one filters the query to it. The
// document view marks entities and dates, and each mark searches for itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, searchFor } from './fixture.mjs';

test('entity facets and marks lead to the documents of an entity', async () => {
  const { page, problems, close } = await openPage();
  try {
    // No query yet: the entities of the whole collection.
    await page.waitForSelector('#facets:not([hidden]) #entities .chip');
    assert.match(await page.textContent('#entities-title'), /المجموعة/);
    const groups = await page.locator('#entities .entity-group h3').allTextContents();
    assert.deepEqual(groups, ['أشخاص', 'أماكن', 'منظمات']);

    // A query written in one spelling finds the other (بيجينغ → بكين).
    await searchFor(page, 'بيجينغ');
    await page.waitForSelector('#entities .chip[data-type="LOC"]');
    const beijing = page.locator('#entities .chip[data-type="LOC"]', { hasText: 'بكين' }).first();
    const spellings = await beijing.getAttribute('title');
    assert.match(spellings, /بيجينغ/, spellings);
    assert.match(spellings, /بكين/, spellings);

    // A person chip, from the keyboard: the query gets one entity filter.
    await searchFor(page, 'الرئيس');
    const person = page.locator('#entities .chip[data-type="PER"]').first();
    const name = (await person.locator('bdi').textContent()).trim();
    const before = await page.locator('#results > li').count();
    await person.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelector('#q').value.includes(`entity:`) && document.querySelector('#q').value.includes(n), name);
    await page.waitForTimeout(200);
    const after = await page.locator('#results > li').count();
    assert.ok(after >= 1 && after <= before, `${after} <= ${before}`);

    // The document view: entities and dates are marked, in the text.
    await page.locator('#results .title').first().click();
    await page.waitForSelector('#doc[open] #doc-body button.ent');
    assert.equal(await page.isHidden('#doc-legend'), false);
    const types = await page.locator('#doc-body button.ent').evaluateAll((ns) => ns.map((n) => n.dataset.type));
    assert.ok(types.includes('PER'), types.join(' '));
    assert.ok(types.includes('LOC'), types.join(' '));
    // Marks never cut a word: the marked text is whole words of the paragraph.
    const cut = await page.locator('#doc-body button.ent').evaluateAll((ns) => ns.filter((n) => {
      const next = n.nextSibling?.textContent?.[0] ?? ' ';
      const prev = n.previousSibling?.textContent?.slice(-1) ?? ' ';
      return /[\u0621-\u064A]/.test(next) || /[\u0621-\u064A]/.test(prev);
    }).map((n) => n.textContent));
    assert.deepEqual(cut, []);
    // A mark searches for its entity.
    const mark = page.locator('#doc-body button.ent[data-type="LOC"]').first();
    await mark.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('#doc').open);
    assert.match(await page.inputValue('#q'), /entity:/);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
