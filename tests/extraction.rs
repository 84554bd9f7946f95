//! Extraction quality on the labelled pages of `tests/extract/` (see its
//! README), scored by `fahras::quality` as `fahras quality` does, with the
//! floors fahras promises. Natively only (it reads the folder).

use std::path::PathBuf;

use fahras::quality::{score_page, Quality};

fn score(kind: &str) -> Quality {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/extract");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/extract")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == kind))
        .collect();
    files.sort();
    let mut total = Quality::default();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected = std::fs::read_to_string(path.with_extension("expected.json")).unwrap();
        total.add(score_page(&name, &std::fs::read(&path).unwrap(), &expected).unwrap());
    }
    total
}

#[test]
fn labelled_pages_keep_every_article_paragraph_and_drop_the_debris() {
    for kind in ["txt", "html"] {
        let s = score(kind);
        let problems = s.problems.join("\n");
        let share = |(right, scored): (usize, usize)| right as f64 / scored.max(1) as f64;
        println!(
            "{kind}: {} pages, recall {:.3}, precision {:.3}, titles {:.3}, places {:.3}, sources {:.3}, dates {:.3}",
            s.pages,
            s.recall(),
            s.precision(),
            s.title_accuracy(),
            share(s.place),
            share(s.source),
            share(s.date)
        );
        assert!(s.pages >= 15, "{kind}: too few labelled pages");
        assert!(s.recall() >= 0.98, "{kind}: recall {:.3}\n{problems}", s.recall());
        assert!(s.precision() >= 0.95, "{kind}: precision {:.3}\n{problems}", s.precision());
        assert!(s.title_accuracy() >= 0.95, "{kind}: titles {:.3}\n{problems}", s.title_accuracy());
        assert!(share(s.place) >= 0.9, "{kind}: dateline places\n{problems}");
        assert!(share(s.source) >= 0.9, "{kind}: sources\n{problems}");
        assert!(share(s.date) >= 0.9, "{kind}: publication dates\n{problems}");
    }
}
