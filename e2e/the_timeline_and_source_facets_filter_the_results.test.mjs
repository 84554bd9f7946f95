// Facets: the results of a query come with a timeline of months and the
// sources; clicking one adds its filter to the query and narrows the results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, searchFor } from './fixture.mjs';

test('the timeline and source facets filter the results', async () => {
  const { page, problems, close } = await openPage();
  try {
    await searchFor(page, 'الصين');
    await page.waitForSelector('#facets:not([hidden]) .chip');
    const before = await page.locator('#results > li').count();
    const bars = page.locator('#timeline .bar');
    assert.ok(await bars.count() >= 3);
    // A source, from the keyboard.
    const chip = page.locator('#sources .chip').first();
    const name = (await chip.locator('bdi').textContent()).trim();
    await chip.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelector('#q').value.includes(`source:`) && document.querySelector('#q').value.includes(n), name);
    await page.waitForTimeout(200);
    const after = await page.locator('#results > li').count();
    assert.ok(after >= 1 && after < before, `${after} < ${before}`);
    const sources = await page.locator('#results .meta bdi:first-child').allTextContents();
    assert.ok(sources.every((s) => s === name), sources.join(', '));
    // A month: the query gets one date filter, replaced on a second click.
    await page.locator('#timeline .bar').first().click();
    await page.waitForFunction(() => /date:\d{4}-\d{2}/.test(document.querySelector('#q').value));
    await page.locator('#timeline .bar').last().click();
    await page.waitForTimeout(200);
    const q = await page.inputValue('#q');
    assert.equal((q.match(/date:/g) || []).length, 1, q);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
