// The sample's scraped pages: the document view shows the clean article,
// and a toggle shows the removed lines in their places with their reasons;
// the same story from two sites is one hit with "نسخة مشابهة".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, searchFor } from './fixture.mjs';

test('the document view shows removed lines in place and copies fold together', async () => {
  const { page, problems, close } = await openPage();
  try {
    await searchFor(page, 'محطة تحلية أكتاو');
    const hits = page.locator('#results > li');
    // Two sites carried the desalination story: one hit, the other folded.
    const folded = hits.filter({ has: page.locator('details.similar') });
    assert.equal(await folded.count(), 1);
    await folded.locator('summary').click();
    assert.match(await folded.locator('summary').textContent(), /نسخة مشابهة/);
    assert.equal(await folded.locator('details li').count(), 1);
    if (process.env.FAHRAS_SHOTS) await page.screenshot({ path: `${process.env.FAHRAS_SHOTS}/similar.png` });

    await searchFor(page, 'متحف طريق الحرير سمرقند');
    await page.locator('#results .title').first().click();
    const body = page.locator('#doc-body');
    await page.waitForSelector('#doc[open]');
    assert.equal(await page.locator('#doc-title').textContent(), 'متحف لطريق الحرير يفتح أبوابه في سمرقند');
    // Off: only the article.
    assert.equal(await body.locator('p:visible').count(), 4);
    assert.equal(await body.locator('.removed:visible').count(), 0);
    // On, from the keyboard: the removed lines appear in their places.
    await page.locator('#show-removed').focus();
    await page.keyboard.press('Space');
    const removed = body.locator('.removed:visible');
    assert.ok(await removed.count() >= 8);
    const blocks = await body.locator('p:visible').evaluateAll((ps) => ps.map((p) => (p.classList.contains('removed') ? `[${p.dataset.reason}] ` : '') + p.textContent));
    const at = (re) => blocks.findIndex((b) => re.test(b));
    assert.ok(at(/^\[navigation\]/) < at(/افتتحت السلطات الأوزبكية/), blocks.join('\n'));
    assert.ok(at(/^\[share-bar\]/) > at(/وقالت مديرة المتحف/) && at(/^\[share-bar\]/) < at(/ويأمل المسؤولون/), blocks.join('\n'));
    assert.ok(at(/^\[sidebar\]/) > at(/وتعمل فرق من الباحثين/), blocks.join('\n'));
    assert.match(await removed.first().locator('.reason').textContent(), /\S/);
    if (process.env.FAHRAS_SHOTS) await page.screenshot({ path: `${process.env.FAHRAS_SHOTS}/removed.png` });
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
