// Owns the fahras wasm instance. The page never imports the package itself:
// it sends {id, type, payload} and gets {id, ok, result | error}; progress
// while indexing comes as {type: 'progress', payload} without an id.
import init, { Index, version } from '../pkg/web/fahras.js';
import { openParts } from './parts.js';

let index;
/** For an index in parts (`?index=…/index.fhrp`): fetches what queries need. */
let reader = null;
let cancelRequested = false;
/** Lets queued messages (a search, a cancel) in. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

// `?index=collection.fhrs`: a prebuilt index (a site made by `fahras build`);
// `?index=collection/index.fhrp`: the manifest of an index in parts.
const prebuilt = new URL(self.location.href).searchParams.get('index');

const ready = (async () => {
  await init();
  if (prebuilt && /\.fhrp$/.test(prebuilt)) {
    const manifest = new URL(prebuilt, self.location.href);
    reader = await openParts(Index, new URL('.', manifest));
    index = reader.index;
    return;
  }
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

/** Files above this size with a JSON Lines name are read in pieces. */
const PIECES_FROM = 8e6;
const PIECE = 4 << 20;

/** The pieces of a file, each cut after a newline: {bytes, last}. */
async function* pieces(file) {
  let carry = new Uint8Array(0);
  for (let at = 0; at < file.size; at += PIECE) {
    const chunk = new Uint8Array(await file.slice(at, at + PIECE).arrayBuffer());
    const last = at + PIECE >= file.size;
    const cut = last ? chunk.length : chunk.lastIndexOf(10) + 1;
    const bytes = new Uint8Array(carry.length + cut);
    bytes.set(carry);
    bytes.set(chunk.subarray(0, cut), carry.length);
    carry = chunk.slice(cut);
    if (bytes.length || last) yield { bytes, last };
  }
}

/** Adds one file a few documents at a time; `onProgress(bytes read)`. */
async function addOne(name, file, onProgress) {
  const inPieces = file.size > PIECES_FROM && /\.(jsonl|ndjson)$/i.test(name);
  const source = inPieces ? pieces(file) : null;
  let job;
  let handed = 0;
  try {
    if (source) {
      const first = (await source.next()).value;
      job = index.beginFileJob(name, first.bytes);
      handed = first.bytes.length;
      if (first.last) job.append(new Uint8Array(0), true);
    } else {
      job = index.addFileJob(name, new Uint8Array(await file.arrayBuffer()));
    }
    let slice = performance.now();
    for (;;) {
      while (!job.step(index, 32)) {
        onProgress(source ? handed - job.pending : job.progress * file.size);
        if (performance.now() - slice > 25) {
          await pause();
          slice = performance.now();
          if (cancelRequested) return job.report();
        }
      }
      if (job.done || cancelRequested) return job.report();
      const next = await source.next();
      if (next.done) {
        job.append(new Uint8Array(0), true);
      } else {
        job.append(next.value.bytes, next.value.last);
        handed += next.value.bytes.length;
      }
      onProgress(handed - job.pending);
    }
  } finally {
    job?.free();
  }
}

const handlers = {
  info() {
    return { version: version(), documents: index.size, stats: index.stats(), parts: reader ? reader.fetched : null };
  },
  async search({ query, options }) {
    const t0 = performance.now();
    // In parts, the time includes fetching what the query needs.
    const results = reader ? await reader.search(query, options) : index.search(query, options);
    return { ...results, tookMs: performance.now() - t0 };
  },
  document({ id }) {
    return index.document(id) ?? null;
  },
  entities({ options }) {
    return reader ? reader.entities(options) : index.entities(options);
  },
  overview() {
    return reader ? reader.overview() : index.overview();
  },
  // files: [{name, file}] (File objects); reads and indexes one at a time,
  // a few documents per step: between steps the worker reports progress
  // (every 100 ms), answers searches and hears a cancel. A large JSON Lines
  // file is read in pieces, so it is never whole in memory.
  async addFiles({ files }) {
    if (reader) {
      const message = 'this collection is served in parts and is read-only; open the page without a prebuilt index to search your own files';
      return { added: [], errors: files.map(({ name }) => ({ name, message })), warnings: [], documents: index.size, cancelled: false };
    }
    cancelRequested = false;
    const bytesTotal = files.reduce((s, f) => s + f.file.size, 0);
    let bytesDone = 0;
    const added = [];
    const errors = [];
    const warnings = [];
    let lastReport = 0;
    let current = { i: 0, name: files[0]?.name, done: 0 };
    const progress = (i, name, done = bytesDone) => {
      postMessage({ type: 'progress', payload: { filesDone: i, filesTotal: files.length, bytesDone: done, bytesTotal, name } });
      lastReport = performance.now();
    };
    progress(0, current.name);
    // While a piece of a file is being read the worker is idle: the
    // heartbeat keeps the progress moving.
    const heartbeat = setInterval(() => {
      if (performance.now() - lastReport > 100) progress(current.i, current.name, current.done);
    }, 100);
    try {
      for (let i = 0; i < files.length && !cancelRequested; i++) {
        const { name, file } = files[i];
        current = { i, name, done: bytesDone };
        try {
          const report = await addOne(name, file, (done) => {
            current.done = bytesDone + done;
            if (performance.now() - lastReport > 100) progress(i, name, current.done);
          });
          added.push(...report.added);
          warnings.push(...report.warnings);
        } catch (e) {
          const message = String(e && e.message ? e.message : e).replace(/^fahras: /, '');
          errors.push({ name, message: message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message });
        }
        // A stopped file counts what was read of it.
        bytesDone = cancelRequested ? current.done : bytesDone + file.size;
        if (cancelRequested) {
          progress(i, name);
          break;
        }
        if (performance.now() - lastReport > 100 || i === files.length - 1) progress(i + 1, name);
        await pause();
      }
    } finally {
      clearInterval(heartbeat);
    }
    return { added, errors, warnings, documents: index.size, cancelled: cancelRequested };
  },
  // Stops addFiles between two steps; what was added stays.
  cancel() {
    cancelRequested = true;
    return true;
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
