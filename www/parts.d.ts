// Types of fahras/parts (www/parts.js).

/** The Index class of any build of the package (fahras, fahras/web, …). */
export interface PartsIndexClass<I> {
  fromManifest(bytes: Uint8Array | ArrayBuffer): I;
}

/** What `openParts` needs of an Index instance. */
export interface PartsIndex<R> {
  trySearch(query: string, options?: object): R | { needed: string[] };
  loadPart(name: string, bytes: Uint8Array): void;
  search(query: string, options?: object): R;
  document(id: string | number): unknown;
  neededForEntities(): string[];
  overview(): unknown;
  entities(options?: object): unknown;
}

/** A fetch: the global one, or any function giving `ok`, `status` and `arrayBuffer()`. */
export type PartsFetch = (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

export interface PartsReader<I extends PartsIndex<R>, R> {
  /** The read-only Index opened from the manifest. */
  readonly index: I;
  /** Parts fetched so far and their bytes as served (compressed). */
  readonly fetched: { parts: number; bytes: number };
  /** `Index.search` after fetching the parts the query needs. */
  search(query: string, options?: object): Promise<R>;
  /** `Index.overview()`, after fetching the entities part if there is one. */
  overview(): Promise<ReturnType<I['overview']>>;
  /** `Index.entities(options)`, after fetching the entities part. */
  entities(options?: object): Promise<ReturnType<I['entities']>>;
  /** A document shown by a search (its part is loaded), else undefined. */
  document(id: string | number): ReturnType<I['document']>;
}

/**
 * Opens the index in parts whose manifest (`index.fhrp`) is in the folder
 * `base` and fetches, for each search, only the parts it needs.
 */
export function openParts<I extends PartsIndex<R>, R = ReturnType<I['search']>>(
  Index: PartsIndexClass<I>,
  base: string | { href: string },
  options?: { fetch?: PartsFetch },
): Promise<PartsReader<I, R>>;
