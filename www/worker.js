// Owns the fahras wasm instance. The page never imports the package itself:
// it sends {id, type, payload} and gets {id, ok, result | error}; progress
// while indexing comes as {type: 'progress', payload} without an id.
import init, { Index, version } from '../pkg/web/fahras.js';

let index;

// `?index=collection.fhrs`: a prebuilt index (a site made by `fahras build`).
const prebuilt = new URL(self.location.href).searchParams.get('index');

const ready = (async () => {
  await init();
  if (prebuilt) {
    const res = await fetch(new URL(prebuilt, self.location.href));
    if (!res.ok) throw new Error(`fahras: the index ${prebuilt} could not be loaded (HTTP ${res.status})`);
    index = Index.load(new Uint8Array(await res.arrayBuffer()));
    return;
  }
  index = new Index();
  const res = await fetch(new URL('sample/news.json', import.meta.url));
  if (!res.ok) throw new Error(`fahras: the sample collection could not be loaded (HTTP ${res.status})`);
  index.addAll(await res.json());
  // A few scraped pages, to show what extraction removes and how copies
  // of one story fold together.
  const pages = await fetch(new URL('sample/pages.json', import.meta.url));
  if (pages.ok) {
    for (const name of await pages.json()) {
      const page = await fetch(new URL(`sample/pages/${name}`, import.meta.url));
      if (page.ok) index.addFile(`sample/${name}`, new Uint8Array(await page.arrayBuffer()));
    }
  }
})();

const handlers = {
  info() {
    return { version: version(), documents: index.size, stats: index.stats() };
  },
  search({ query, options }) {
    const t0 = performance.now();
    const results = index.search(query, options);
    return { ...results, tookMs: performance.now() - t0 };
  },
  document({ id }) {
    return index.document(id) ?? null;
  },
  entities({ options }) {
    return index.entities(options);
  },
  // files: [{name, file}] (File objects); reads and indexes one at a time.
  async addFiles({ files }) {
    const bytesTotal = files.reduce((s, f) => s + f.file.size, 0);
    let bytesDone = 0;
    const added = [];
    const errors = [];
    const warnings = [];
    let lastReport = 0;
    const progress = (i, name) => {
      postMessage({ type: 'progress', payload: { filesDone: i, filesTotal: files.length, bytesDone, bytesTotal, name } });
      lastReport = performance.now();
    };
    progress(0, files[0]?.name);
    for (let i = 0; i < files.length; i++) {
      const { name, file } = files[i];
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const report = index.addFile(name, bytes);
        added.push(...report.added);
        warnings.push(...report.warnings);
      } catch (e) {
        const message = String(e && e.message ? e.message : e).replace(/^fahras: /, '');
        errors.push({ name, message: message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message });
      }
      bytesDone += file.size;
      if (performance.now() - lastReport > 100 || i === files.length - 1) progress(i + 1, name);
    }
    return { added, errors, warnings, documents: index.size };
  },
  serialize() {
    return index.serialize();
  },
};

self.addEventListener('message', async (e) => {
  const { id, type, payload } = e.data || {};
  try {
    await ready;
    const handler = handlers[type];
    if (!handler) throw new Error(`fahras: unknown request ${type}`);
    const result = await handler(payload || {});
    const transfer = result instanceof Uint8Array ? [result.buffer] : [];
    self.postMessage({ id, ok: true, result }, transfer);
  } catch (err) {
    self.postMessage({ id, ok: false, error: String(err && err.message ? err.message : err) });
  }
});
