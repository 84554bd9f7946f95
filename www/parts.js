// fahras/parts: searches an index in parts (written by `fahras index
// --parts` or `fahras build`) served from any static file server, fetching
// only the parts each query needs: the manifest first, then for a query the
// term ranges of its words, the positions of its phrases and the documents
// of the hits it shows. Works with every build of the package (pass its
// `Index` class) in browsers, workers and Node 18+.
//
//   import init, { Index } from 'fahras/web';
//   import { openParts } from 'fahras/parts';
//   await init();
//   const reader = await openParts(Index, 'https://example.org/collection/');
//   const results = await reader.search('الطاقة المتجددة', { snippets: true });

/** At most this many parts are fetched at once. */
const PARALLEL = 8;

/** The bytes, inflated when they are gzip-compressed. */
async function inflate(bytes) {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Opens the index in parts whose manifest (`index.fhrp`) is in the folder
 * `base` (a URL, or a path for a custom `fetch`).
 * @param {typeof import('../pkg/web/fahras.js').Index} Index the package's Index class
 * @param {string | URL} base
 * @param {{fetch?: typeof fetch}} [options] `fetch` to use (default: the global one)
 */
export async function openParts(Index, base, options = {}) {
  const get = options.fetch ?? globalThis.fetch.bind(globalThis);
  const at = typeof base === 'string' ? base : base.href;
  const root = at === '' || at.endsWith('/') ? at : `${at}/`;
  const stats = { parts: 0, bytes: 0 };
  const inFlight = new Map();
  const fetchPart = async (name) => {
    // A custom fetch gets the path as it is; the global one a full URL.
    const url = options.fetch ? root + name : new URL(name, new URL(root, globalThis.location?.href)).href;
    const res = await get(url);
    if (!res.ok) throw new Error(`fahras: ${name} of the index could not be fetched (HTTP ${res.status})`);
    const raw = new Uint8Array(await res.arrayBuffer());
    stats.parts += 1;
    stats.bytes += raw.length;
    return inflate(raw);
  };
  const index = Index.fromManifest(await fetchPart('index.fhrp'));

  /** Fetches and loads `names` (a few at a time); one fetch per part. */
  async function load(names) {
    for (let i = 0; i < names.length; i += PARALLEL) {
      const batch = names.slice(i, i + PARALLEL);
      const fetched = await Promise.all(batch.map((name) => {
        if (!inFlight.has(name)) {
          inFlight.set(name, fetchPart(name).finally(() => inFlight.delete(name)));
        }
        return inFlight.get(name);
      }));
      batch.forEach((name, k) => index.loadPart(name, fetched[k]));
    }
  }

  /** Searches, loading what the query needs first (at most four rounds:
   * terms, positions, documents). */
  async function search(query, searchOptions) {
    for (let round = 0; ; round++) {
      const res = index.trySearch(query, searchOptions);
      if (!res.needed) return res;
      if (round === 4) throw new Error(`fahras: the query still needs ${res.needed.join(', ')} after four rounds`);
      await load(res.needed);
    }
  }

  return {
    /** The Index (read-only): overview(), stats(), size and the rest. */
    index,
    /** Parts fetched so far and their bytes as served (compressed). */
    get fetched() {
      return { ...stats };
    },
    /** `Index.search` after fetching the parts the query needs. */
    search,
    /** `Index.overview()` (the collection's sources, months and entities),
     * after fetching the entities part if there is one. */
    async overview() {
      await load(index.neededForEntities());
      return index.overview();
    },
    /** `Index.entities(options)`, after fetching the entities part. */
    async entities(entityOptions) {
      await load(index.neededForEntities());
      return index.entities(entityOptions);
    },
    /** A document shown by a search (its part is loaded), else undefined. */
    document(id) {
      return index.document(id);
    },
  };
}
