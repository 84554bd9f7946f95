//! An index without word positions, built so (`IndexOptions::positions`)
//! or saved so (`SaveOptions::positions`): words, prefixes, names and
//! filters rank exactly as in the full index; a phrase matches the
//! documents that have all its words, and the results say so.

use fahras::{
    Document, Index, IndexOptions, QueryWarning, SaveOptions, SearchOptions, SearchResults,
};
use wasm_bindgen_test::wasm_bindgen_test;

/// (id, source, title, body): "ملف الطاقة" is a phrase in t1 and t3 only;
/// t2 has both words apart.
const DOCS: &[(&str, &str, &str, &str)] = &[
    (
        "t1",
        "الرائد",
        "قمة أستانا تبحث ملف الطاقة",
        "اجتمع وزراء خمس دول في أستانا لبحث ملف الطاقة والممرات التجارية عبر بحر قزوين.",
    ),
    (
        "t2",
        "المرفأ",
        "الطاقة المتجددة في السهوب",
        "تفتح حكومة كازاخستان ملف الاستثمار في محطات الرياح، وتعد الطاقة الشمسية أولوية.",
    ),
    (
        "t3",
        "الرائد",
        "وزير النفط: ملف الطاقة أولوية",
        "قال وزير النفط الكازاخستاني إن ملف الطاقة سيتصدر محادثاته في بكين الأسبوع المقبل.",
    ),
    (
        "t4",
        "المرفأ",
        "ميناء أكتاو يستقبل أول شحنة",
        "رست في ميناء أكتاو على بحر قزوين سفينة تحمل معدات لمحطة الرياح الجديدة.",
    ),
];

fn build(options: IndexOptions) -> Index {
    let mut index = Index::new(options);
    for (id, source, title, body) in DOCS {
        let mut doc = Document::new(*id, *title, *body);
        doc.source = Some(source.to_string());
        index.add(doc).expect("add");
    }
    index
}

fn ranked(r: &SearchResults) -> Vec<(String, String)> {
    r.hits.iter().map(|h| (h.document.id.clone(), format!("{:.5}", h.score))).collect()
}

/// Queries that read no positions: the same ranking with or without them.
const WORD_QUERIES: &[&str] = &[
    "الطاقة",
    "ملف الطاقة",
    "أستانا OR بكين",
    "كازاخ*",
    "بحر -أستانا",
    "الرياح source:المرفأ",
    "entity:أكتاو",
];

#[wasm_bindgen_test(unsupported = test)]
fn a_lean_save_ranks_words_as_the_full_index() {
    let full = build(IndexOptions::default());
    let lean_bytes = full.to_bytes_with(&SaveOptions { text: false, positions: false });
    let lean = Index::from_bytes(&lean_bytes).expect("loads");
    assert!(!lean.options().positions);
    assert_eq!(lean.stats().positions_bytes, 0);
    let options = SearchOptions::default();
    for q in WORD_QUERIES {
        let (a, b) = (full.search(q, &options), lean.search(q, &options));
        assert!(!a.hits.is_empty(), "{q}: the fixture should match");
        assert_eq!(ranked(&b), ranked(&a), "{q}");
        assert_eq!(b.warnings, [], "{q}");
    }
    let without_text = full.to_bytes_without_text();
    assert!(
        lean_bytes.len() < without_text.len(),
        "{} vs {}",
        lean_bytes.len(),
        without_text.len()
    );
    assert!(without_text.len() < full.to_bytes().len());
    // Saved again, it stays without positions; with text kept and positions
    // left out, the text comes back but not the positions.
    let again = Index::from_bytes(&lean.to_bytes()).expect("loads");
    assert!(!again.options().positions);
    assert!(again.to_bytes() == lean.to_bytes(), "a second save is the same");
    let no_positions = full.to_bytes_with(&SaveOptions { text: true, positions: false });
    let reloaded = Index::from_bytes(&no_positions).expect("loads");
    assert_eq!(reloaded.document("t1").unwrap().text, full.document("t1").unwrap().text);
    assert!(!reloaded.options().positions);
}

#[wasm_bindgen_test(unsupported = test)]
fn without_positions_a_phrase_matches_all_its_words_and_says_so() {
    let full = build(IndexOptions::default());
    let options = SearchOptions::default();
    let phrase = "\"ملف الطاقة\"";
    let exact = full.search(phrase, &options);
    let mut exact_ids: Vec<&str> = exact.hits.iter().map(|h| h.document.id.as_str()).collect();
    exact_ids.sort_unstable();
    assert_eq!(exact_ids, ["t1", "t3"]);
    assert_eq!(exact.warnings, []);
    for lean in [
        build(IndexOptions { positions: false, ..IndexOptions::default() }),
        Index::from_bytes(&full.to_bytes_with(&SaveOptions { text: true, positions: false }))
            .expect("loads"),
    ] {
        let r = lean.search(phrase, &options);
        let mut ids: Vec<&str> = r.hits.iter().map(|h| h.document.id.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["t1", "t2", "t3"], "every document with both words");
        assert_eq!(r.warnings, [QueryWarning::PhraseAsWords]);
        assert!(r.warnings[0].to_string().contains("no word positions"));
        // A quoted single word is no phrase: no warning.
        assert_eq!(lean.search("\"الطاقة\"", &options).warnings, []);
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn an_index_built_without_positions_keeps_none() {
    let mut lean = build(IndexOptions { positions: false, ..IndexOptions::default() });
    let full = build(IndexOptions::default());
    assert_eq!(lean.stats().positions_bytes, 0);
    assert!(full.stats().positions_bytes > 0);
    assert_eq!(lean.stats().postings_bytes, full.stats().postings_bytes);
    lean.add(Document::new("t5", "ملف الطاقة في بكين", "بحثت بكين ملف الطاقة مع جيرانها."))
        .expect("add");
    assert_eq!(lean.stats().positions_bytes, 0);
    let reloaded = Index::from_bytes(&lean.to_bytes()).expect("loads");
    assert!(!reloaded.options().positions);
    let q = "ملف الطاقة بكين";
    assert_eq!(
        ranked(&reloaded.search(q, &SearchOptions::default())),
        ranked(&lean.search(q, &SearchOptions::default()))
    );
}
