//! `fahras entities`: entity recognition and variant merging on labelled
//! articles: precision, recall and F1 per type, and pairwise merging scores.

use std::path::PathBuf;
use std::process::ExitCode;

use fahras::{score_entities, EntityScores, TypeCounts};

use crate::args::Args;

pub(crate) fn run(argv: &[String]) -> Result<ExitCode, String> {
    let args = Args::parse(argv, &[], &["--verbose", "-v"])?;
    let [dir] = args.positional.as_slice() else {
        return Err("entities needs one <folder> of labelled articles".into());
    };
    let mut articles: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    articles.sort();
    let mut all = EntityScores::default();
    let mut unlabelled = 0usize;
    for path in &articles {
        let Ok(expected) = std::fs::read_to_string(path.with_extension("expected.json")) else {
            unlabelled += 1;
            continue;
        };
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        all.add(score_entities(&name, &text, &expected)?);
    }
    if all.articles == 0 {
        return Err(format!("{dir}: no article with an expectation (NAME.expected.json)"));
    }
    let mut out = format!(
        "entity quality of {dir} ({} articles)\n\n| type | gold | predicted | precision | recall | F1 |\n|---|--:|--:|--:|--:|--:|\n",
        all.articles
    );
    for (kind, counts) in &all.by_kind {
        out += &row(kind.label(), counts);
    }
    out += &row("all", &all.overall());
    let (p, r, f) = all.merging();
    out += &format!(
        "\nvariant merging over {} found mentions (pairwise): precision {p:.3}, recall {r:.3}, F1 {f:.3}\n",
        all.found.len()
    );
    if unlabelled > 0 {
        out += &format!("\n{unlabelled} articles without an expectation were skipped.\n");
    }
    if args.has("--verbose") || args.has("-v") {
        out += "\n";
        for p in &all.problems {
            out += &format!("{p}\n");
        }
    } else if !all.problems.is_empty() {
        out += &format!("\n{} misses and extras; --verbose lists them.\n", all.problems.len());
    }
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn row(label: &str, c: &TypeCounts) -> String {
    format!(
        "| {label} | {} | {} | {:.3} | {:.3} | {:.3} |\n",
        c.gold,
        c.predicted,
        c.precision(),
        c.recall(),
        c.f1()
    )
}
