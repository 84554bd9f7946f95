//! The real scraped pages of `../shared/seeds/`, when present: they load,
//! and their topics are found with highlights. Skipped with a notice when
//! the folder is absent (it is not part of the repository).

use std::path::PathBuf;

use fahras::{read_file, Index, SearchOptions};

fn seeds() -> Option<Vec<(String, Vec<u8>)>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("notice: {} is absent; the seed tests are skipped", dir.display());
        return None;
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    Some(files)
}

#[test]
fn seed_pages_load_and_answer_with_highlights() {
    let Some(files) = seeds() else { return };
    let mut index = Index::default();
    for (name, bytes) in &files {
        let contents = read_file(name, bytes).unwrap_or_else(|e| panic!("{e}"));
        for doc in contents.documents {
            index.add(doc).unwrap();
        }
    }
    assert_eq!(index.len(), files.len());
    let opts = SearchOptions { limit: 10, snippets: true, ..SearchOptions::default() };
    // every seed page is about Central Asia and China
    let r = index.search("كازاخستان", &opts);
    assert!(r.total >= 4, "كازاخستان found in {} pages", r.total);
    // hamza-less query, diacritised text (قمّة), prefixed forms (للقمة)
    let r = index.search("قمة استانا", &opts);
    assert!(r.total >= 2);
    for hit in &r.hits {
        assert!(!hit.snippet.highlights.is_empty() || !hit.title.highlights.is_empty());
    }
    // a phrase that one page has
    let r = index.search("\"منظمة شنغهاي للتعاون\"", &opts);
    assert!(r.total >= 2);
}

#[test]
fn seed_pages_meet_the_quality_floors_against_their_expectations() {
    let Some(files) = seeds() else { return };
    let expected = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/seeds");
    let mut total = fahras::quality::Quality::default();
    for (name, bytes) in &files {
        let stem = name.trim_end_matches(".txt");
        let Ok(want) = std::fs::read_to_string(expected.join(format!("{stem}.expected.json")))
        else {
            println!("notice: no expectation for seed {name}; skipped");
            continue;
        };
        total.add(fahras::quality::score_page(name, bytes, &want).unwrap());
    }
    let problems = total.problems.join("\n");
    println!(
        "seeds: {} pages, recall {:.3}, precision {:.3}, titles {:.3}",
        total.pages,
        total.recall(),
        total.precision(),
        total.title_accuracy()
    );
    assert!(total.recall() >= 0.98, "{problems}");
    assert!(total.precision() >= 0.95, "{problems}");
    assert!(total.title_accuracy() >= 0.95, "{problems}");
}
