//! The integration tests of the fahras core, as one binary. Every test runs
//! natively (`cargo test`) and in wasm under Node
//! (`cargo test --target wasm32-unknown-unknown --test integration`), except
//! the ones that read files outside the crate.

mod bad_input; // hostile files, bytes and queries: errors name the file, nothing panics
mod cases; // data-driven cases from tests/cases/*.toml
mod compat; // the frozen index in tests/data/ still loads and answers
mod dedupe; // near-duplicates: detected, collapsed, kept across removal and reload
#[cfg(not(target_arch = "wasm32"))]
mod entity; // entity recognition and variant merging scored on tests/entities/
#[cfg(not(target_arch = "wasm32"))]
mod extraction; // quality floors on the labelled pages of tests/extract/
mod filters; // source: and date: filters, facets of sources and months
mod parts; // an index in parts answers as the whole one and refuses foreign parts
mod pipeline; // files → index → search → snippets, end to end
mod positions; // an index without word positions: words rank the same, phrases match as words
#[cfg(not(target_arch = "wasm32"))]
mod seeds;
mod template; // lines repeated across pages of one source are removed from all of them // ../shared/seeds when present: real scraped pages load and answer
