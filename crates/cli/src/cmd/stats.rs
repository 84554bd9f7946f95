//! `fahras stats`: counts and sizes of an index file.

use std::process::ExitCode;

pub(crate) fn run(argv: &[String]) -> Result<ExitCode, String> {
    let [path] = argv else { return Err("stats needs <collection.fhrs>".into()) };
    let index = super::load(path)?;
    let s = index.stats();
    let rows = [
        ("documents", s.documents),
        ("terms", s.terms),
        ("stems", s.stems),
        ("postings bytes", s.postings_bytes),
        ("positions bytes", s.positions_bytes),
        ("stored text bytes", s.stored_text_bytes),
        ("token map bytes", s.token_map_bytes),
        ("memory bytes (approx.)", s.heap_bytes),
    ];
    let text: String = rows.iter().map(|(k, v)| format!("{k:<24}{v}\n")).collect();
    super::emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
