//! `fahras extract`: one file → its documents as JSON (title, paragraphs,
//! metadata), as the index would see them.

use std::process::ExitCode;

use serde_json::json;

pub(crate) fn run(argv: &[String]) -> Result<ExitCode, String> {
    let [path] = argv else { return Err("extract needs one <file>".into()) };
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let contents = fahras::read_file(path, &bytes).map_err(|e| e.to_string())?;
    let documents: Vec<_> = contents
        .documents
        .iter()
        .map(|d| {
            let paragraphs: Vec<&str> = d.paragraphs().collect();
            let removed: Vec<_> = d
                .removed
                .iter()
                .map(|r| json!({ "text": r.text, "reason": r.reason.code(), "before": r.before }))
                .collect();
            json!({
                "id": d.id, "title": d.title, "paragraphs": paragraphs,
                "url": d.url, "date": d.date, "source": d.source, "place": d.place,
                "removed": removed,
            })
        })
        .collect();
    let out = json!({
        "file": path,
        "encoding": contents.encoding.map(|e| e.to_string()),
        "documents": documents,
        "warnings": contents.warnings,
    });
    let text = serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?;
    super::emit(&format!("{text}\n"))?;
    Ok(ExitCode::SUCCESS)
}
