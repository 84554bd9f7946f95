//! `fahras quality`: extraction quality on labelled pages: paragraph-level
//! recall and precision, title accuracy, and the source, place and date.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fahras::quality::{score_page, Quality};

use crate::args::Args;

pub(crate) fn run(argv: &[String]) -> Result<ExitCode, String> {
    let args = Args::parse(argv, &["--expected"], &["--verbose", "-v"])?;
    let [dir] = args.positional.as_slice() else {
        return Err("quality needs one <folder> of pages".into());
    };
    let expected = PathBuf::from(args.value(&["--expected"]).unwrap_or(dir));
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html" || e == "htm"))
        .collect();
    pages.sort();
    let mut by_kind: Vec<(String, Quality)> = Vec::new();
    let mut unlabelled = 0usize;
    for page in &pages {
        let Some(expectation) = expectation_of(page, &expected) else {
            unlabelled += 1;
            continue;
        };
        let name = page.file_name().unwrap_or_default().to_string_lossy();
        let bytes = std::fs::read(page).map_err(|e| format!("{}: {e}", page.display()))?;
        let q = score_page(&name, &bytes, &expectation)?;
        let kind = page.extension().unwrap_or_default().to_string_lossy().into_owned();
        match by_kind.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, total)) => total.add(q),
            None => by_kind.push((kind, q)),
        }
    }
    if by_kind.is_empty() {
        return Err(format!("{dir}: no page with an expectation (NAME.expected.json)"));
    }
    let mut all = Quality::default();
    let mut out = format!(
        "extraction quality of {dir}\n\n| pages | n | recall | precision | titles | source | place | date |\n|---|--:|--:|--:|--:|--:|--:|--:|\n"
    );
    for (kind, q) in &by_kind {
        out += &row(kind, q);
        all.add(q.clone());
    }
    if by_kind.len() > 1 {
        out += &row("all", &all);
    }
    if unlabelled > 0 {
        out += &format!("\n{unlabelled} pages without an expectation were skipped.\n");
    }
    if args.has("--verbose") || args.has("-v") {
        out += "\n";
        for p in &all.problems {
            out += &format!("{p}\n");
        }
    } else if !all.problems.is_empty() {
        out += &format!("\n{} differences; --verbose lists them.\n", all.problems.len());
    }
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The expectation of `page`: `<stem>.expected.json` in `dir`.
fn expectation_of(page: &Path, dir: &Path) -> Option<String> {
    let stem = page.file_stem()?.to_string_lossy();
    std::fs::read_to_string(dir.join(format!("{stem}.expected.json"))).ok()
}

fn row(kind: &str, q: &Quality) -> String {
    let share = |(right, scored): (usize, usize)| {
        if scored == 0 {
            "–".to_string()
        } else {
            format!("{right}/{scored}")
        }
    };
    format!(
        "| {kind} | {} | {:.3} | {:.3} | {:.3} | {} | {} | {} |\n",
        q.pages,
        q.recall(),
        q.precision(),
        q.title_accuracy(),
        share(q.source),
        share(q.place),
        share(q.date)
    )
}
