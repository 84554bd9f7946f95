//! One module per command.

pub(crate) mod build;
pub(crate) mod entities;
pub(crate) mod export;
pub(crate) mod extract;
pub(crate) mod index;
pub(crate) mod quality;
pub(crate) mod search;
pub(crate) mod stats;

use std::path::{Path, PathBuf};

/// What [`write_parts`] wrote.
pub(crate) struct PartsWritten {
    pub files: usize,
    /// Compressed bytes of every part, and of the manifest alone.
    pub bytes: u64,
    pub manifest: u64,
}

/// Writes `index` in parts into `dir` (the manifest `index.fhrp` and the
/// folders `t/`, `p/`, `d/`), each part gzip-compressed. Parts of an
/// earlier build in `dir` are removed first.
pub(crate) fn write_parts(
    index: &fahras::Index,
    dir: &Path,
    part_bytes: usize,
) -> Result<PartsWritten, String> {
    use std::io::Write;
    let shown = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    for sub in ["t", "p", "d"] {
        let old = dir.join(sub);
        if old.is_dir() {
            std::fs::remove_dir_all(&old).map_err(|e| shown(&old, e))?;
        }
        std::fs::create_dir_all(&old).map_err(|e| shown(&old, e))?;
    }
    let mut written = PartsWritten { files: 0, bytes: 0, manifest: 0 };
    for part in index.to_parts_with(part_bytes) {
        let path = dir.join(&part.name);
        let mut gz = flate2::write::GzEncoder::new(
            Vec::with_capacity(part.bytes.len() / 2),
            flate2::Compression::best(),
        );
        gz.write_all(&part.bytes).map_err(|e| shown(&path, e))?;
        let bytes = gz.finish().map_err(|e| shown(&path, e))?;
        std::fs::write(&path, &bytes).map_err(|e| shown(&path, e))?;
        written.files += 1;
        written.bytes += bytes.len() as u64;
        if part.name == fahras::MANIFEST_NAME {
            written.manifest = bytes.len() as u64;
        }
    }
    Ok(written)
}

/// The `--part-bytes N` option: the size of a term part in posting bytes
/// before compression (default [`fahras::TERM_PART_BYTES`]).
pub(crate) fn part_bytes(args: &crate::args::Args) -> Result<usize, String> {
    match args.value(&["--part-bytes"]) {
        None => Ok(fahras::TERM_PART_BYTES),
        Some(v) => {
            v.parse::<usize>().ok().filter(|&n| (64..=1 << 24).contains(&n)).ok_or_else(|| {
                format!("--part-bytes {v}: give a number of bytes from 64 to 16777216")
            })
        }
    }
}

/// Reads an index file.
pub(crate) fn load(path: &str) -> Result<fahras::Index, String> {
    let bytes = std::fs::read(Path::new(path)).map_err(|e| format!("{path}: {e}"))?;
    fahras::Index::from_vec(bytes).map_err(|e| format!("{path}: {e}"))
}

/// Writes to standard output; a closed pipe (`fahras search … | head`) ends
/// the output quietly instead of failing.
pub(crate) fn emit(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("writing the output: {e}"))
        }
        _ => Ok(()),
    }
}

/// Extensions read when walking a folder (named files are always tried).
const EXTENSIONS: &[&str] =
    &["txt", "text", "html", "htm", "md", "markdown", "json", "jsonl", "ndjson"];

/// The files to read for `paths`, sorted: a file as named, a folder walked
/// recursively for files with a known extension. A path that does not exist
/// is reported on standard error and skipped; a folder that cannot be listed
/// is an error.
pub(crate) fn input_files(paths: &[String]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for p in paths {
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
    Ok(files)
}

/// Reads `files` into `index` with [`fahras::Index::add_file`]: each file's
/// warnings are reported on standard error with its name, and a file that
/// cannot be read is reported with the reason and skipped. Returns the
/// number of files that could not be read.
pub(crate) fn add_files(index: &mut fahras::Index, files: &[PathBuf]) -> usize {
    let mut failed = 0usize;
    for file in files {
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
            Ok(report) => {
                for w in &report.warnings {
                    eprintln!("fahras: {name}: {w}");
                }
            }
            Err(e) => {
                eprintln!("fahras: {e}");
                failed += 1;
            }
        }
    }
    failed
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
