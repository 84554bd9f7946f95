//! Entity recognition and variant merging on the labelled articles of
//! tests/entities/ (read from disk, so native only). Prints the figures and
//! holds them above measured floors.

use fahras::{score_entities, EntityScores};
use std::path::Path;

/// Scores every `NN-slug.txt` of tests/entities/ against its `.expected.json`.
fn score_all() -> EntityScores {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/entities");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/entities")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let mut all = EntityScores::default();
    for path in names {
        let text = std::fs::read_to_string(&path).expect("article");
        let expected = std::fs::read_to_string(path.with_extension("expected.json")).expect("gold");
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        all.add(score_entities(&name, &text, &expected).unwrap_or_else(|e| panic!("{e}")));
    }
    all
}

#[test]
fn labelled_articles_score_above_the_floors() {
    let s = score_all();
    assert_eq!(s.articles, 36);
    let mut table = String::from("| type | gold | predicted | P | R | F1 |\n");
    let overall = s.overall();
    let rows = s.by_kind.iter().map(|(k, c)| (k.label(), *c)).chain([("all", overall)]);
    for (label, c) in rows {
        table += &format!(
            "| {label} | {} | {} | {:.3} | {:.3} | {:.3} |\n",
            c.gold,
            c.predicted,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    let (mp, mr, mf) = s.merging();
    table +=
        &format!("merging over {} found mentions: P {mp:.3} R {mr:.3} F1 {mf:.3}\n", s.found.len());
    println!("{table}");
    if std::env::var_os("FAHRAS_ENTITY_PROBLEMS").is_some() {
        println!("{}", s.problems.join("\n"));
    }
    // Floors: a little below the measured F1 (PER 0.791, LOC 0.915,
    // ORG 0.804, all 0.868, merging 0.997).
    let floors = [("PER", 0.78), ("LOC", 0.90), ("ORG", 0.79)];
    for ((label, floor), (_, c)) in floors.iter().zip(&s.by_kind) {
        assert!(c.f1() >= *floor, "{label} F1 {:.3} fell below {floor}\n{table}", c.f1());
    }
    assert!(overall.f1() >= 0.86, "overall F1 fell\n{table}");
    assert!(mf >= 0.99, "merging F1 fell\n{table}");
}

/// A name in the collection and a common word with the same phonetic key
/// (ماجد / مجد): the name, asked for, finds its documents; the common word
/// is not expanded to the name (one word expands only to the names it is
/// itself a spelling of).
#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn a_common_word_is_not_expanded_to_a_name_with_the_same_key() {
    use fahras::{variant_key, Document, Index, SearchOptions};
    assert_eq!(variant_key("مجد"), variant_key("ماجد"));
    let mut index = Index::default();
    index
        .add(Document::new("n1", "", "قال الرئيس ماجد إن الوفد وصل، ثم استقبل ماجد رجال الأعمال."))
        .unwrap();
    index.add(Document::new("n2", "", "تحدث الكاتب عن مجد الأمة وتاريخها العريق.")).unwrap();
    let ids = |q: &str| -> Vec<String> {
        let r = index.search(q, &SearchOptions::default());
        r.hits.iter().map(|h| h.document.id.clone()).collect()
    };
    assert_eq!(ids("مجد"), ["n2"]);
    assert_eq!(ids("ماجد"), ["n1"]);
    assert_eq!(ids("entity:ماجد"), ["n1"]);
}
