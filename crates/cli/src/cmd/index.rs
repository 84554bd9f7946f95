//! `fahras index`: files and folders → an index file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::args::Args;

/// Extensions read when walking a folder (named files are always tried).
const EXTENSIONS: &[&str] =
    &["txt", "text", "html", "htm", "md", "markdown", "json", "jsonl", "ndjson"];

pub(crate) fn run(argv: &[String]) -> Result<ExitCode, String> {
    let args = Args::parse(argv, &["-o", "--output"], &[])?;
    let out = args.value(&["-o", "--output"]).ok_or("index needs -o <collection.fhrs>")?;
    if args.positional.is_empty() {
        return Err("index needs at least one file or folder".into());
    }
    let mut files = Vec::new();
    for p in &args.positional {
        let path = PathBuf::from(p);
        if path.is_dir() {
            walk(&path, &mut files).map_err(|e| format!("{p}: {e}"))?;
        } else if path.exists() {
            files.push(path);
        } else {
            eprintln!("fahras: {p}: no such file or folder");
        }
    }
    files.sort();
    let mut index = fahras::Index::default();
    let mut failed = 0usize;
    for file in &files {
        let name = file.to_string_lossy();
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("fahras: {name}: {e}");
                failed += 1;
                continue;
            }
        };
        match index.add_file(&name, &bytes) {
            Ok(contents) => {
                for w in &contents.warnings {
                    eprintln!("fahras: {name}: {w}");
                }
            }
            Err(e) => {
                eprintln!("fahras: {e}");
                failed += 1;
            }
        }
    }
    let bytes = index.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    println!(
        "indexed {} documents from {} files ({failed} could not be read) → {out} ({:.1} KB)",
        index.len(),
        files.len() - failed,
        bytes.len() as f64 / 1024.0
    );
    Ok(if index.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Files with a known extension below `dir`, skipping hidden entries and
/// symbolic links (which could loop back up the tree).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        let kind = entry.file_type()?;
        if hidden || kind.is_symlink() {
            continue;
        }
        if kind.is_dir() {
            walk(&path, out)?;
        } else {
            let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            if ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str())) {
                out.push(path);
            }
        }
    }
    Ok(())
}
