// The shared background of the browser tests: the page served on a free
// localhost port and Debian's chromium driven by playwright-core.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the CLI from the checkout (cargo test has built it; cargo only
 * relinks when stale); returns its standard output, throws on failure. */
export function fahras(args) {
  const r = spawnSync('cargo', ['run', '-q', '-p', 'fahras-cli', '--', ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`fahras ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Starts the server (by default `/` is www/ and `/pkg/` the package;
 * `mounts` serves other folders) and the browser; returns { page, url, close }. */
export async function openPage({ path = '', mounts } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM} (run node scripts/setup.mjs --browser)`);
  const server = await serve({ port: 0, mounts });
  const profile = mkdtempSync(join(tmpdir(), 'fahras-chromium-'));
  // A fresh profile directory for every run.
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1200, height: 900 },
    locale: 'ar',
  });
  const page = browser.pages()[0] || await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.goto(server.url + path);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
  return {
    page,
    url: server.url,
    problems,
    async close() {
      await browser.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Types a query and waits for the results of that query. */
export async function searchFor(page, query) {
  await page.fill('#q', query);
  // The results list names the query it answers once it is drawn.
  await page.waitForFunction((q) => document.querySelector('#q').value === q
    && document.querySelector('#results').dataset.query === q, query);
}

/** Drops files on the page as a person would (a real DataTransfer). */
export async function dropFiles(page, files) {
  await page.evaluate(async (list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name));
    }
    const target = document.querySelector('#drop');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files.map((f) => ({ name: f.name, base64: Buffer.from(f.bytes).toString('base64') })));
}
