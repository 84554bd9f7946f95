//! `fahras`: the command-line indexer and search, built from the same core
//! as the wasm package.
//!
//! ```text
//! fahras index <file or folder>... -o collection.fhrs [--no-text] [--no-positions]
//! fahras index <file or folder>... -o folder/ --parts [--part-bytes N]
//! fahras build <file or folder>... -o site/ [--page CHECKOUT] [--parts | --whole] [--part-bytes N]
//! fahras search collection.fhrs "query" [--limit N] [--offset N] [--or] [--json]
//! fahras stats collection.fhrs
//! fahras extract page.txt
//! fahras quality tests/extract [--expected DIR] [--verbose]
//! fahras entities tests/entities [--verbose]
//! fahras export --format elasticsearch <file or folder>... -o <folder> [--index NAME]
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod args;
mod cmd;

use std::process::ExitCode;

const USAGE: &str = "\
fahras — Arabic-first document search

usage:
  fahras index <file or folder>... -o <collection.fhrs> [--no-text] [--no-positions]
      Reads .txt, .html, .md, .json and .jsonl files (folders recursively) and writes
      an index. A file that cannot be read is reported and skipped. --no-text leaves
      the document bodies out: a much smaller index that ranks and filters the same,
      without body snippets. --no-positions keeps no word positions: smaller again,
      and a \"phrase\" then matches the documents with all its words.
  fahras index <file or folder>... -o <folder> --parts [--part-bytes N] [--no-positions]
      The index in parts, for static hosting of large collections: index.fhrp
      (the manifest), t/ and p/ (term ranges and their positions) and d/ (one
      file per document), gzip-compressed; a reader fetches only what a query
      needs. --part-bytes: posting bytes per term part (default 4096).
  fahras build <file or folder>... -o <site folder> [--page CHECKOUT] [--parts | --whole]
        [--part-bytes N]
      A static site ready to upload: the search page, the wasm and a prebuilt
      index of the files, which the page loads instead of indexing. The page
      comes from a fahras checkout where `npm run build` has run: --page, else
      $FAHRAS_PAGE, else the checkout the binary or the current folder is in.
      A collection whose index is over 32 MB is written in parts
      (collection/index.fhrp and its folders, fetched as queries need them),
      a smaller one whole (collection.fhrs); --parts or --whole decides.
  fahras search <collection.fhrs> <query> [--limit N] [--offset N] [--or] [--json]
      Ranked results with snippets. Query syntax: words (all must match),
      \"a phrase\", -excluded, a OR b, prefix*. --or: any word may match.
  fahras stats <collection.fhrs>
      Counts and sizes.
  fahras extract <file>
      The clean article(s) of one file as JSON: title, paragraphs, source,
      place, date, url, the removed lines with their reasons, and the
      encoding it was read in.
  fahras quality <folder> [--expected DIR] [--verbose]
      Extraction quality on labelled pages: each .txt/.html page with a
      NAME.expected.json (in the folder, or in DIR) is scored: paragraph
      recall and precision, titles, source, place and date.
  fahras entities <folder> [--verbose]
      Entity quality on labelled articles: each NAME.txt with a
      NAME.expected.json is scored: precision, recall and F1 per type
      (PER, LOC, ORG) and pairwise variant merging.
  fahras export --format elasticsearch <file or folder>... -o <folder> [--index NAME]
      Reads files as index does and writes, for a collection that outgrows one
      machine, an Elasticsearch export: bulk.ndjson (title, clean text, source,
      place, url, date, entities, dates; one action line per document, index
      NAME, default fahras), index.json (an analyzer following fahras'
      normalization, with the spellings of names as search-time synonyms, and
      the field mappings) and README.txt; prints the curl commands to load them.
  fahras --help | --version
";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let result = match argv.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some("-V" | "--version") => {
            println!("fahras {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Some("index") => cmd::index::run(&argv[1..]),
        Some("build") => cmd::build::run(&argv[1..]),
        Some("search") => cmd::search::run(&argv[1..]),
        Some("stats") => cmd::stats::run(&argv[1..]),
        Some("extract") => cmd::extract::run(&argv[1..]),
        Some("quality") => cmd::quality::run(&argv[1..]),
        Some("entities") => cmd::entities::run(&argv[1..]),
        Some("export") => cmd::export::run(&argv[1..]),
        Some(other) => Err(format!("unknown command {other:?}; see fahras --help")),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("fahras: {message}");
            ExitCode::from(2)
        }
    }
}
