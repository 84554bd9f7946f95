//! `fahras build`: files and folders → a static site (the search page, the
//! wasm and a prebuilt index) that works from any static file server.
//!
//! ```text
//! site/
//!   index.html        the page, told to load collection.fhrs
//!   app.js lib.js worker.js parts.js style.css
//!   collection.fhrs   the prebuilt index, or, for a large collection,
//!   collection/       the index in parts (index.fhrp, t/, p/, d/)
//!   pkg/web/          fahras.js and fahras_bg.wasm
//! ```
//!
//! The page and the wasm come from a fahras checkout: the folder given with
//! `--page`, else `$FAHRAS_PAGE`, else the first folder above the `fahras`
//! binary or the current folder that has `www/index.html` and
//! `pkg/web/fahras_bg.wasm` (`npm run build` writes `pkg/`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::args::Args;

/// The file name of the prebuilt index inside the site.
pub(crate) const INDEX_FILE: &str = "collection.fhrs";
/// The page files copied from `www/`.
const PAGE_FILES: &[&str] =
    &["index.html", "app.js", "lib.js", "worker.js", "parts.js", "style.css"];
/// The package files copied from `pkg/web/`.
const PKG_FILES: &[&str] = &["fahras.js", "fahras_bg.wasm"];
/// The folder of the index in parts inside the site.
pub(crate) const PARTS_DIR: &str = "collection";
/// Above this size the index is written in parts (unless `--whole`).
const PARTS_ABOVE_BYTES: usize = 32 << 20;

pub(crate) fn run(argv: &[String]) -> Result<ExitCode, String> {
    let args =
        Args::parse(argv, &["-o", "--output", "--page", "--part-bytes"], &["--parts", "--whole"])?;
    if args.has("--parts") && args.has("--whole") {
        return Err("--parts and --whole: choose one".into());
    }
    let out = args.value(&["-o", "--output"]).ok_or("build needs -o <site folder>")?;
    if args.positional.is_empty() {
        return Err("build needs at least one file or folder".into());
    }
    let page = match args.value(&["--page"]) {
        Some(dir) => checkout(Path::new(dir))
            .ok_or_else(|| format!("--page {dir}: no www/index.html and pkg/web/fahras_bg.wasm there (run npm run build in it)"))?,
        None => find_page()?,
    };
    let files = super::input_files(&args.positional)?;
    let mut index = fahras::Index::default();
    let failed = super::add_files(&mut index, &files);
    if index.is_empty() {
        return Err("no document could be read: the site was not written".into());
    }
    let bytes = if args.has("--parts") { Vec::new() } else { index.to_bytes() };
    let in_parts = args.has("--parts") || (!args.has("--whole") && bytes.len() > PARTS_ABOVE_BYTES);
    let out = PathBuf::from(out);
    let (meta, size) = if in_parts {
        let dir = out.join(PARTS_DIR);
        let w = super::write_parts(&index, &dir, super::part_bytes(&args)?)?;
        let size = format!(
            "index in {} parts under {}/ ({:.1} KB compressed, manifest {:.1} KB)",
            w.files,
            PARTS_DIR,
            w.bytes as f64 / 1024.0,
            w.manifest as f64 / 1024.0
        );
        (format!("{PARTS_DIR}/{}", fahras::MANIFEST_NAME), size)
    } else {
        (INDEX_FILE.to_string(), format!("index {:.1} KB", bytes.len() as f64 / 1024.0))
    };
    write_site(&page, &out, &meta, (!in_parts).then_some(bytes.as_slice()))?;
    println!(
        "built {} with {} documents from {} files ({failed} could not be read), {size}\n\
         serve it with any static file server, e.g. python3 -m http.server -d {}",
        out.display(),
        index.len(),
        files.len() - failed,
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `dir` when it holds the page and the built package.
fn checkout(dir: &Path) -> Option<PathBuf> {
    let ok = dir.join("www").join("index.html").is_file()
        && dir.join("pkg").join("web").join("fahras_bg.wasm").is_file();
    ok.then(|| dir.to_path_buf())
}

/// The checkout the page comes from (see the module docs).
fn find_page() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("FAHRAS_PAGE") {
        let dir = PathBuf::from(dir);
        return checkout(&dir).ok_or_else(|| {
            format!(
                "FAHRAS_PAGE={}: no www/index.html and pkg/web/fahras_bg.wasm there",
                dir.display()
            )
        });
    }
    let starts = [std::env::current_exe().ok(), std::env::current_dir().ok()];
    for start in starts.into_iter().flatten() {
        if let Some(dir) = start.ancestors().find_map(checkout) {
            return Ok(dir);
        }
    }
    Err("the page was not found: run `npm run build` in a fahras checkout, then run this \
         command from it or give --page <checkout>"
        .into())
}

/// Writes the site: the page (told to load the index at `meta`), the
/// package and the whole index when given (an index in parts is written
/// apart).
fn write_site(page: &Path, out: &Path, meta: &str, index: Option<&[u8]>) -> Result<(), String> {
    let pkg = out.join("pkg").join("web");
    std::fs::create_dir_all(&pkg).map_err(|e| format!("{}: {e}", pkg.display()))?;
    for name in PAGE_FILES {
        let from = page.join("www").join(name);
        let mut text =
            std::fs::read_to_string(&from).map_err(|e| format!("{}: {e}", from.display()))?;
        if *name == "index.html" {
            text = with_index_meta(&text, meta)?;
        }
        let to = out.join(name);
        std::fs::write(&to, text).map_err(|e| format!("{}: {e}", to.display()))?;
    }
    for name in PKG_FILES {
        let from = page.join("pkg").join("web").join(name);
        let to = pkg.join(name);
        std::fs::copy(&from, &to).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    let stale = [out.join(INDEX_FILE), out.join(PARTS_DIR)];
    match index {
        Some(bytes) => {
            if stale[1].is_dir() {
                std::fs::remove_dir_all(&stale[1])
                    .map_err(|e| format!("{}: {e}", stale[1].display()))?;
            }
            std::fs::write(&stale[0], bytes).map_err(|e| format!("{}: {e}", stale[0].display()))
        }
        None if stale[0].is_file() => {
            std::fs::remove_file(&stale[0]).map_err(|e| format!("{}: {e}", stale[0].display()))
        }
        None => Ok(()),
    }
}

/// The page with the meta element that makes it load the prebuilt index
/// at `index` (a path relative to the page).
fn with_index_meta(html: &str, index: &str) -> Result<String, String> {
    let meta = format!("<meta name=\"fahras-index\" content=\"{index}\">");
    if html.contains(&meta) {
        return Ok(html.to_string());
    }
    let at = html.find("<meta charset=\"utf-8\">").ok_or("www/index.html has no <meta charset>")?;
    let end = at + "<meta charset=\"utf-8\">".len();
    Ok(format!("{}\n  {meta}{}", &html[..end], &html[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_told_to_load_the_index_once() {
        let html = "<html><head>\n  <meta charset=\"utf-8\">\n</head></html>";
        let once = with_index_meta(html, INDEX_FILE).unwrap();
        assert!(once.contains("<meta name=\"fahras-index\" content=\"collection.fhrs\">"));
        assert_eq!(with_index_meta(&once, INDEX_FILE).unwrap(), once);
        assert!(with_index_meta("<html></html>", INDEX_FILE).is_err());
    }
}
