//! `fahras search`: ranked results with snippets.

use std::io::IsTerminal;
use std::process::ExitCode;

use fahras::{Combine, SearchOptions, Snippet};
use serde_json::json;

use crate::args::Args;

pub(crate) fn run(argv: &[String]) -> Result<ExitCode, String> {
    let args = Args::parse(argv, &["--limit", "-n", "--offset"], &["--or", "--json"])?;
    let (path, words) =
        args.positional.split_first().ok_or("search needs <collection.fhrs> <query>")?;
    if words.is_empty() {
        return Err("search needs a query after the index file".into());
    }
    let query = words.join(" ");
    let index = super::load(path)?;
    let options = SearchOptions {
        limit: args.number(&["--limit", "-n"], 10)?,
        offset: args.number(&["--offset"], 0)?,
        combine: if args.has("--or") { Combine::Or } else { Combine::And },
        snippets: true,
        // (Hits are shown by title and snippet: no body is unpacked.)
        bodies: false,
        ..SearchOptions::default()
    };
    let results = index.search(&query, &options);
    if args.has("--json") {
        let hits: Vec<_> = results
            .hits
            .iter()
            .map(|h| {
                json!({
                    "id": h.document.id, "score": h.score, "title": h.title.text,
                    "snippet": h.snippet.text, "highlights": marked(&h.snippet),
                    "url": h.document.url, "date": h.document.date, "source": h.document.source,
                    "similar": h.similar.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
                })
            })
            .collect();
        let warnings: Vec<String> = results.warnings.iter().map(ToString::to_string).collect();
        let out = json!({ "total": results.total, "hits": hits, "warnings": warnings });
        super::emit(&format!("{out}\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    for w in &results.warnings {
        eprintln!("fahras: query: {w}");
    }
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let noun = if results.total == 1 { "result" } else { "results" };
    let mut out = format!("{} {noun} for «{query}»\n", results.total);
    for (i, h) in results.hits.iter().enumerate() {
        let n = options.offset + i + 1;
        out +=
            &format!("\n{n}. {}  [{}]  {:.2}\n", render(&h.title, color), h.document.id, h.score);
        if !h.snippet.text.is_empty() {
            out += &format!("   {}\n", render(&h.snippet, color));
        }
        if !h.similar.is_empty() {
            let ids: Vec<&str> = h.similar.iter().map(|d| d.id.as_str()).collect();
            out += &format!("   + {} similar: {}\n", ids.len(), ids.join(", "));
        }
    }
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The highlighted words of a snippet.
fn marked(s: &Snippet) -> Vec<&str> {
    s.highlights.iter().map(|h| &s.text[h.range()]).collect()
}

/// A snippet with its highlights in bold yellow on a terminal, or between
/// « » otherwise.
fn render(s: &Snippet, color: bool) -> String {
    let (open, close) = if color { ("\x1b[1;33m", "\x1b[0m") } else { ("«", "»") };
    s.fragments()
        .into_iter()
        .map(|(t, hl)| if hl { format!("{open}{t}{close}") } else { t.to_string() })
        .collect()
}
