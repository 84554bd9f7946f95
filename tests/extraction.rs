//! Extraction quality on the labelled pages of `tests/extract/` (see its
//! README): paragraph-level recall and precision of the article text and
//! title accuracy, with the floors fahras promises. Natively only (it reads
//! the folder).

use std::collections::HashSet;
use std::path::PathBuf;

use fahras::read_file;

/// White space folded, for comparing paragraphs.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default, Debug)]
struct Score {
    kept: usize,
    missed: usize,
    extra: usize,
    titles: usize,
    places: usize,
    sources: usize,
    docs: usize,
}

impl Score {
    fn recall(&self) -> f64 {
        self.kept as f64 / (self.kept + self.missed).max(1) as f64
    }
    fn precision(&self) -> f64 {
        self.kept as f64 / (self.kept + self.extra).max(1) as f64
    }
    fn title_accuracy(&self) -> f64 {
        self.titles as f64 / self.docs.max(1) as f64
    }
}

fn score(kind: &str) -> (Score, Vec<String>) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/extract");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/extract")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == kind))
        .collect();
    files.sort();
    let mut s = Score::default();
    let mut misses = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("expected.json")).unwrap(),
        )
        .unwrap();
        let doc = read_file(&name, &std::fs::read(&path).unwrap()).unwrap().documents.remove(0);
        let want: HashSet<String> = expected["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| fold(p.as_str().unwrap()))
            .collect();
        let got: HashSet<String> =
            doc.text.split('\n').map(fold).filter(|p| !p.is_empty()).collect();
        s.kept += want.intersection(&got).count();
        s.missed += want.difference(&got).count();
        s.extra += got.difference(&want).count();
        misses.extend(want.difference(&got).map(|p| format!("{name}: lost {p}")));
        s.docs += 1;
        let same = |got: &Option<String>, key: &str| {
            got.as_deref().map(fold) == expected[key].as_str().map(fold)
        };
        s.places += usize::from(same(&doc.place, "place"));
        s.sources += usize::from(same(&doc.source, "source"));
        if fold(&doc.title) == fold(expected["title"].as_str().unwrap()) {
            s.titles += 1;
        } else {
            misses.push(format!("{name}: title {:?}", doc.title));
        }
    }
    (s, misses)
}

#[test]
fn labelled_pages_keep_every_article_paragraph_and_drop_the_debris() {
    for kind in ["txt", "html"] {
        let (s, misses) = score(kind);
        println!(
            "{kind}: {} pages, recall {:.3}, precision {:.3}, titles {:.3}",
            s.docs,
            s.recall(),
            s.precision(),
            s.title_accuracy()
        );
        assert!(s.docs >= 15, "{kind}: too few labelled pages");
        assert!(s.recall() >= 0.98, "{kind}: recall {:.3}\n{}", s.recall(), misses.join("\n"));
        assert!(s.precision() >= 0.95, "{kind}: precision {:.3}", s.precision());
        assert!(
            s.title_accuracy() >= 0.95,
            "{kind}: titles {:.3}\n{}",
            s.title_accuracy(),
            misses.join("\n")
        );
        let share = |n: usize| n as f64 / s.docs as f64;
        println!("{kind}: places {:.3}, sources {:.3}", share(s.places), share(s.sources));
        assert!(share(s.places) >= 0.9, "{kind}: dateline places {:.3}", share(s.places));
        assert!(share(s.sources) >= 0.9, "{kind}: sources {:.3}", share(s.sources));
    }
}
