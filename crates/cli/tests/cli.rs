//! Runs the `fahras` binary on the fixtures of tests/data, as a user would.

use std::path::PathBuf;
use std::process::Command;

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn fahras(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_fahras")).args(args).output().expect("runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("utf-8 output");
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fahras-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn index_then_search_prints_ranked_results_with_marks() {
    let dir = temp("search");
    let out = dir.join("c.fhrs");
    let (code, stdout, stderr) = fahras(&[
        "index",
        &data("summit.txt"),
        &data("wire.json"),
        &data("briefs.jsonl"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("indexed 6 documents from 3 files (0 could not be read)"),
        "{stdout}"
    );
    assert!(stderr.contains("briefs.jsonl: line 2: invalid JSON"), "{stderr}");
    let (code, stdout, _) = fahras(&["search", out.to_str().unwrap(), "قمة", "استانا"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("1 result for «قمة استانا»"), "{stdout}");
    assert!(stdout.contains("«قمّة» إقليميّة في «أستانا»"), "{stdout}");
    let (_, json, _) =
        fahras(&["search", out.to_str().unwrap(), "الصين", "--json", "--limit", "1"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["total"], 2);
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);
    let (code, stdout, _) = fahras(&["stats", out.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(stdout.lines().next().unwrap().ends_with(" 6"), "{stdout}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn index_without_text_and_positions_is_smaller_and_still_searches() {
    let dir = temp("lean");
    let (full, lean) = (dir.join("full.fhrs"), dir.join("lean.fhrs"));
    let inputs = [data("summit.txt"), data("wire.json"), data("railway.md")];
    let mut args: Vec<&str> = vec!["index"];
    args.extend(inputs.iter().map(String::as_str));
    let (code, _, stderr) = fahras(&[&args[..], &["-o", full.to_str().unwrap()]].concat());
    assert_eq!(code, 0, "{stderr}");
    let extra = ["-o", lean.to_str().unwrap(), "--no-text", "--no-positions"];
    let (code, _, stderr) = fahras(&[&args[..], &extra[..]].concat());
    assert_eq!(code, 0, "{stderr}");
    let (full_bytes, lean_bytes) = (std::fs::read(&full).unwrap(), std::fs::read(&lean).unwrap());
    // (Three short articles: the bodies, packed, are a fifth of the file.)
    assert!(
        lean_bytes.len() * 5 < full_bytes.len() * 4,
        "{} vs {}",
        lean_bytes.len(),
        full_bytes.len()
    );
    let index = fahras::Index::from_bytes(&lean_bytes).expect("loads");
    assert!(!index.options().positions);
    assert_eq!(index.stats().positions_bytes, 0);
    let (code, stdout, _) = fahras(&["search", lean.to_str().unwrap(), "قمة", "استانا"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("1 result for «قمة استانا»"), "{stdout}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn unreadable_files_are_reported_by_name_and_the_rest_indexed() {
    let dir = temp("bad");
    std::fs::write(dir.join("good.txt"), "عنوان\n\nنص عن الواحات").unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("junk.json"), [0u8, 159, 146, 150]).unwrap();
    std::fs::write(dir.join("ignored.png"), [137u8, 80, 78, 71]).unwrap();
    let out = dir.join("c.fhrs");
    let (code, stdout, stderr) =
        fahras(&["index", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("indexed 1 documents from 1 files (2 could not be read)"),
        "{stdout}"
    );
    assert!(stderr.contains("empty.txt: the file is empty"), "{stderr}");
    assert!(stderr.contains("junk.json: this looks like binary data"), "{stderr}");
    assert!(!stderr.contains("ignored.png"));
    std::fs::remove_dir_all(dir).ok();
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_not_followed() {
    let dir = temp("links");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), "عنوان\n\nنص").unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub/up2")).unwrap();
    let out = dir.join("c.fhrs");
    let (code, stdout, stderr) =
        fahras(&["index", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("indexed 1 documents from 1 files"), "{stdout}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn bad_arguments_and_damaged_indexes_give_clear_errors() {
    let (code, _, stderr) = fahras(&["index", "nothing"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("index needs -o"), "{stderr}");
    let (code, _, stderr) = fahras(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown command"), "{stderr}");
    let dir = temp("damaged");
    let bad = dir.join("bad.fhrs");
    std::fs::write(&bad, b"FHRS\x01\0\0\0garbage garbage").unwrap();
    let (code, _, stderr) = fahras(&["search", bad.to_str().unwrap(), "قمة"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("fahras: ") && stderr.contains("bad.fhrs: the index is corrupted"),
        "{stderr}"
    );
    let (code, stdout, _) = fahras(&["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("fahras index"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn extract_prints_the_clean_article_as_json() {
    let (code, stdout, stderr) = fahras(&["extract", &data("page.html")]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["encoding"], "UTF-8");
    let doc = &v["documents"][0];
    assert_eq!(doc["title"], "افتتاح خط حافلات كهربائية في العاصمة");
    assert_eq!(doc["source"], "بوابة المدينة");
    let paragraphs: Vec<&str> =
        doc["paragraphs"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
    assert!(paragraphs.iter().any(|p| p.contains("عشرين ألف راكب")));
    assert!(!paragraphs.iter().any(|p| p.contains("اشترك") || p.contains("الرئيسية")));
    assert_eq!(doc["date"], "2025-03-09");
    let removed = doc["removed"].as_array().unwrap();
    assert!(removed.iter().any(|r| r["reason"] == "navigation" && r["text"] == "الرئيسية"));
    assert!(removed.iter().all(|r| r["before"].as_u64().is_some_and(|b| b <= 3)));
    let (code, _, stderr) = fahras(&["extract", "/nonexistent/x.txt"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("x.txt"), "{stderr}");
}

#[test]
fn the_frozen_index_is_searchable_from_the_command_line() {
    let (code, stdout, _) =
        fahras(&["search", &data("index-v1.fhrs"), "\"طريق الحرير\"", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["hits"][0]["id"], "c2");
    assert_eq!(v["hits"][0]["highlights"], serde_json::json!(["طريق", "الحرير"]));
}

#[test]
fn quality_and_entities_score_the_labelled_sets() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = |d: &str| root.join(d).to_string_lossy().into_owned();
    let (code, stdout, stderr) = fahras(&["quality", &dir("tests/extract")]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("| all | 48 | 1.000 |"), "{stdout}");
    let (code, stdout, stderr) = fahras(&["entities", &dir("tests/entities")]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("| PER |") && stdout.contains("variant merging"), "{stdout}");
    let (code, _, stderr) = fahras(&["quality", &dir("tests/data")]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no page with an expectation"), "{stderr}");
}

#[test]
fn copies_of_one_story_are_listed_under_one_result() {
    let dir = temp("dupes");
    let out = dir.join("d.fhrs");
    let out = out.to_string_lossy();
    let (code, _, stderr) = fahras(&["index", &data("dupes"), "-o", &out]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, _) = fahras(&["search", &out, "محطة تحلية"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("2 results"), "{stdout}");
    assert!(stdout.contains("+ 1 similar: ") && stdout.contains("b-wire.txt"), "{stdout}");
}

#[test]
fn build_writes_a_static_site_with_the_prebuilt_index() {
    // A checkout: the page and a built package (stand-ins here).
    let checkout = temp("build-checkout");
    std::fs::create_dir_all(checkout.join("www")).unwrap();
    std::fs::create_dir_all(checkout.join("pkg/web")).unwrap();
    let head = "<!doctype html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n  <meta charset=\"utf-8\">\n</head>\n</html>\n";
    std::fs::write(checkout.join("www/index.html"), head).unwrap();
    for name in ["app.js", "lib.js", "worker.js", "parts.js", "style.css"] {
        std::fs::write(checkout.join("www").join(name), "// page\n").unwrap();
    }
    std::fs::write(checkout.join("pkg/web/fahras.js"), "// glue\n").unwrap();
    std::fs::write(checkout.join("pkg/web/fahras_bg.wasm"), b"\0asm").unwrap();
    let site = temp("build-site");
    let page = checkout.to_string_lossy().to_string();
    let out = site.to_string_lossy().to_string();
    let (code, stdout, stderr) =
        fahras(&["build", &data("compat.jsonl"), "-o", &out, "--page", &page]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("4 documents"), "{stdout}");
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(html.contains("<meta name=\"fahras-index\" content=\"collection.fhrs\">"), "{html}");
    assert!(site.join("pkg/web/fahras_bg.wasm").is_file() && site.join("worker.js").is_file());
    let index = fahras::Index::from_bytes(&std::fs::read(site.join("collection.fhrs")).unwrap());
    assert_eq!(index.expect("the site's index loads").len(), 4);

    // The same site in parts: the whole index goes, the parts come, and
    // the page is told to open their manifest.
    let (code, stdout, stderr) = fahras(&[
        "build",
        &data("compat.jsonl"),
        "-o",
        &out,
        "--page",
        &page,
        "--parts",
        "--part-bytes",
        "128",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("parts under collection/"), "{stdout}");
    assert!(!site.join("collection.fhrs").exists() && site.join("parts.js").is_file());
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(html.contains("content=\"collection/index.fhrp\""), "{html}");
    let index = opened_in_parts(&site.join("collection"), "استانا");
    assert_eq!(index.len(), 4);
    let options = fahras::SearchOptions::default();
    assert_eq!(index.search("استانا", &options).hits[0].document.id, "c1");

    // No page, no documents: clear errors, and nothing written.
    let (code, _, stderr) =
        fahras(&["build", &data("compat.jsonl"), "-o", &out, "--page", "/nonexistent"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--page /nonexistent") && stderr.contains("npm run build"), "{stderr}");
    let empty = temp("build-empty");
    std::fs::create_dir_all(&empty).unwrap();
    let none = std::env::temp_dir().join(format!("fahras-cli-{}-build-none", std::process::id()));
    let (code, _, stderr) = fahras(&[
        "build",
        &empty.to_string_lossy(),
        "-o",
        &none.to_string_lossy(),
        "--page",
        &page,
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no document"), "{stderr}");
    assert!(!none.exists());
}

/// Opens the index in parts in `dir` (gzip-compressed files) and loads
/// what `query` needs.
fn opened_in_parts(dir: &std::path::Path, query: &str) -> fahras::Index {
    use std::io::Read;
    let read = |name: &str| {
        let raw = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(raw.as_slice()).read_to_end(&mut out).expect("gzip");
        out
    };
    let mut index = fahras::Index::from_manifest(&read(fahras::MANIFEST_NAME)).expect("manifest");
    let options = fahras::SearchOptions::default();
    for _ in 0..4 {
        for name in index.needed_parts(query, &options) {
            index.load_part(&name, &read(&name)).expect("part");
        }
    }
    index
}

#[test]
fn index_in_parts_writes_compressed_parts_a_reader_can_search() {
    let dir = temp("parts");
    let out = dir.join("collection");
    let out_s = out.to_string_lossy().to_string();
    let (code, stdout, stderr) = fahras(&[
        "index",
        &data("summit.txt"),
        &data("wire.json"),
        &data("briefs.jsonl"),
        "-o",
        &out_s,
        "--parts",
        "--part-bytes",
        "64",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("indexed 6 documents") && stdout.contains("parts"), "{stdout}");
    let terms = std::fs::read_dir(out.join("t")).unwrap().count();
    assert!(terms > 4, "{terms} term parts");
    assert_eq!(std::fs::read_dir(out.join("d")).unwrap().count(), 6);
    let index = opened_in_parts(&out, "مخطوطة");
    let hits = index.search("مخطوطة", &fahras::SearchOptions::default()).hits;
    assert_eq!(hits[0].document.id, "brief-1");
    // Written again, no stale part stays.
    std::fs::write(out.join("d/99.fhrp"), b"stale").unwrap();
    let (code, stdout, stderr) = fahras(&["index", &data("briefs.jsonl"), "-o", &out_s, "--parts"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("indexed 2 documents"), "{stdout}");
    assert_eq!(std::fs::read_dir(out.join("d")).unwrap().count(), 2);
    // Options that do not go together, and a bad size.
    let (code, _, stderr) =
        fahras(&["index", &data("briefs.jsonl"), "-o", &out_s, "--parts", "--no-text"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--parts and --no-text"), "{stderr}");
    let (code, _, stderr) =
        fahras(&["index", &data("briefs.jsonl"), "-o", &out_s, "--parts", "--part-bytes", "x"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--part-bytes x"), "{stderr}");
}
