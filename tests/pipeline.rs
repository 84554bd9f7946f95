//! Files → index → search → snippets, end to end on the fixtures of
//! `tests/data/`, compiled in so the same tests run in wasm.

use fahras::{read_file, Combine, Document, Index, SearchOptions};
use wasm_bindgen_test::wasm_bindgen_test;

const FILES: &[(&str, &[u8])] = &[
    ("summit.txt", include_bytes!("data/summit.txt")),
    ("railway.md", include_bytes!("data/railway.md")),
    ("wire.json", include_bytes!("data/wire.json")),
    ("briefs.jsonl", include_bytes!("data/briefs.jsonl")),
    ("page.html", include_bytes!("data/page.html")),
];

pub(crate) fn fixture_index() -> Index {
    let mut index = Index::default();
    for (name, bytes) in FILES {
        let contents = read_file(name, bytes).expect("fixture reads");
        for doc in contents.documents {
            index.add(doc).expect("add");
        }
    }
    index
}

fn ids(index: &Index, query: &str) -> Vec<String> {
    let opts = SearchOptions { limit: 50, ..SearchOptions::default() };
    index.search(query, &opts).hits.iter().map(|h| h.document.id.clone()).collect()
}

#[wasm_bindgen_test(unsupported = test)]
fn every_fixture_format_becomes_documents() {
    let index = fixture_index();
    // 1 txt + 1 md + 3 json + 2 of 3 jsonl lines (one is malformed) + 1 html
    assert_eq!(index.len(), 8);
    let page = index.document("page.html").expect("html document");
    assert_eq!(page.title, "افتتاح خط حافلات كهربائية في العاصمة");
    assert_eq!(page.source.as_deref(), Some("بوابة المدينة"));
    assert_eq!(page.date.as_deref(), Some("2025-03-09"));
    assert_eq!(page.url.as_deref(), Some("https://example.org/news/electric-buses"));
    assert!(page.text.contains("عشرين ألف راكب") && page.text.contains("خمسة خطوط"));
    for chrome in [
        "الرئيسية",
        "اقرأ أيضاً",
        "أسعار الوقود",
        "اشترك",
        "جميع الحقوق",
        "جافاسكربت",
        "dataLayer",
        "أرشيف",
    ] {
        assert!(!page.text.contains(chrome), "{chrome} leaked into the article");
    }
    let md = index.document("railway.md").expect("markdown document");
    assert_eq!(md.title, "خط سكك حديدية جديد يربط طشقند بالموانئ الجنوبية");
    assert!(md.text.contains("وزارة النقل") && !md.text.contains("**") && !md.text.contains("]("));
    let json = index.document("3").expect("numeric id becomes a string");
    assert_eq!(json.title, "معرض للكتاب يستقبل مئة ألف زائر في أسبوعه الأول");
    assert_eq!(json.source.as_deref(), Some("موقع الثقافة اليوم"));
    let warnings = read_file("briefs.jsonl", FILES[3].1).unwrap().warnings;
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].starts_with("line 2: invalid JSON"), "{warnings:?}");
}

#[wasm_bindgen_test(unsupported = test)]
fn arabic_variants_find_the_same_documents() {
    let index = fixture_index();
    // hamza, diacritics, article, proclitics and suffixes on either side
    assert_eq!(ids(&index, "استانا"), ["summit.txt"]);
    assert_eq!(ids(&index, "القمة الاقليمية"), ["summit.txt"]);
    assert_eq!(ids(&index, "تعهد"), ["summit.txt"]); // written with tatweel and shadda
    assert_eq!(ids(&index, "بطشقند"), ids(&index, "طشقند"));
    assert!(ids(&index, "قرغيزستان").contains(&"wire-001".to_string()));
    assert!(ids(&index, "القرغيزي").contains(&"wire-001".to_string()));
    assert_eq!(ids(&index, "المخطوطات العربية"), ["brief-1"]);
}

#[wasm_bindgen_test(unsupported = test)]
fn snippets_quote_the_original_text_with_whole_word_highlights() {
    let index = fixture_index();
    let r =
        index.search("قمة الطاقة", &SearchOptions { snippets: true, ..SearchOptions::default() });
    let hit = &r.hits[0];
    assert_eq!(hit.document.id, "summit.txt");
    let title: Vec<&str> =
        hit.title.highlights.iter().map(|h| &hit.title.text[h.range()]).collect();
    assert_eq!(title, ["قمّة", "الطاقة"]);
    let body: Vec<&str> =
        hit.snippet.highlights.iter().map(|h| &hit.snippet.text[h.range()]).collect();
    assert!(body.contains(&"قمّة") && body.contains(&"الطاقة"), "{body:?}");
    assert!(!hit.snippet.text.contains('\n'), "white space is folded");
    assert!(hit.snippet.text.chars().count() <= 210);
}

#[wasm_bindgen_test(unsupported = test)]
fn hits_carry_their_bodies_as_written_unless_asked_not_to() {
    let index = fixture_index();
    let with = index.search("قمة الطاقة", &SearchOptions::default());
    let stored = index.document("summit.txt").expect("summit.txt");
    // (The body is stored packed: it comes back character for character.)
    assert!(stored.text.contains("قمّة") && stored.text.contains('\n'), "{}", stored.text);
    assert_eq!(with.hits[0].document, stored);
    let bare = SearchOptions { bodies: false, snippets: true, ..SearchOptions::default() };
    let without = index.search("قمة الطاقة", &bare);
    let removed = Vec::new();
    assert_eq!(without.hits[0].document, Document { text: String::new(), removed, ..stored });
    assert!(without.hits[0].snippet.text.contains("الطاقة"), "snippets still read the body");
    // Without its body, a hit carries no removed lines either (they are
    // placed among its paragraphs).
    let page =
        index.documents().find(|d| !d.removed.is_empty()).expect("a page with removed lines");
    let word = page.title.split_whitespace().next().expect("a title");
    let find = |o: SearchOptions| {
        let r = index.search(word, &SearchOptions { limit: 100, collapse: false, ..o });
        r.hits.into_iter().find(|h| h.document.id == page.id).expect("the page").document
    };
    assert_eq!(find(SearchOptions::default()).removed, page.removed);
    assert!(find(bare).removed.is_empty());
}

#[wasm_bindgen_test(unsupported = test)]
fn removing_and_replacing_documents_updates_results() {
    let mut index = fixture_index();
    assert!(index.remove("summit.txt"));
    assert!(!index.remove("summit.txt"));
    assert!(ids(&index, "استانا").is_empty());
    assert_eq!(index.len(), 7);
    index.add(Document::new("wire-002", "عنوان بديل عن أستانا", "نص قصير")).unwrap();
    assert_eq!(index.len(), 7, "same id replaces");
    assert_eq!(ids(&index, "استانا"), ["wire-002"]);
    assert!(ids(&index, "موجة حر").is_empty(), "the replaced text is gone");
}

#[wasm_bindgen_test(unsupported = test)]
fn compaction_after_many_removals_keeps_results() {
    let mut index = Index::default();
    for i in 0..300 {
        let text = if i % 3 == 0 {
            "قافلة تعبر الصحراء نحو الواحة"
        } else {
            "سوق للتمور في المدينة"
        };
        index.add(Document::new(format!("d{i:03}"), "", text)).unwrap();
    }
    for i in 0..300 {
        if i % 2 == 1 {
            index.remove(&format!("d{i:03}"));
        }
    }
    let want: Vec<String> =
        (0..300).filter(|i| i % 3 == 0 && i % 2 == 0).map(|i| format!("d{i:03}")).collect();
    let mut got = ids(&index, "قافلة");
    got.sort();
    assert_eq!(got, want);
    let before = index.stats();
    index.compact();
    assert!(index.stats().postings_bytes < before.postings_bytes, "dead postings are dropped");
    let mut after = ids(&index, "القافلة");
    after.sort();
    assert_eq!(after, want);
}

#[wasm_bindgen_test(unsupported = test)]
fn serialization_round_trips_results_and_stays_incremental() {
    let mut index = fixture_index();
    index.remove("wire-002");
    let bytes = index.to_bytes();
    let mut loaded = Index::from_bytes(&bytes).expect("loads");
    assert_eq!(loaded.len(), index.len());
    for q in ["استانا", "طريق", "الصين OR الكتاب", "\"وزارة النقل\"", "سكك*", "-الصين النقل"]
    {
        let a: Vec<_> = index
            .search(q, &SearchOptions::default())
            .hits
            .iter()
            .map(|h| (h.document.id.clone(), h.score))
            .collect();
        let b: Vec<_> = loaded
            .search(q, &SearchOptions::default())
            .hits
            .iter()
            .map(|h| (h.document.id.clone(), h.score))
            .collect();
        assert_eq!(a, b, "query {q}");
    }
    loaded.add(Document::new("new", "خبر جديد عن أستانا", "")).unwrap();
    assert_eq!(ids(&loaded, "استانا"), ["new", "summit.txt"]);
    assert_eq!(loaded.to_bytes(), {
        let mut again = Index::from_bytes(&bytes).unwrap();
        again.add(Document::new("new", "خبر جديد عن أستانا", "")).unwrap();
        again.to_bytes()
    });
}

#[wasm_bindgen_test(unsupported = test)]
fn and_is_the_default_and_or_widens() {
    let index = fixture_index();
    assert!(ids(&index, "الصين الكتاب").is_empty());
    let opts = SearchOptions { combine: Combine::Or, limit: 50, ..SearchOptions::default() };
    let r = index.search("الصين الكتاب", &opts);
    let mut got: Vec<&str> = r.hits.iter().map(|h| h.document.id.as_str()).collect();
    got.sort_unstable();
    assert_eq!(got, ["3", "summit.txt", "wire-001"]);
}

#[wasm_bindgen_test(unsupported = test)]
fn paging_is_stable() {
    let index = fixture_index();
    let all = ids(&index, "في");
    assert!(all.len() >= 4);
    let mut paged = Vec::new();
    for offset in (0..all.len()).step_by(2) {
        let opts = SearchOptions { limit: 2, offset, ..SearchOptions::default() };
        paged.extend(index.search("في", &opts).hits.iter().map(|h| h.document.id.clone()));
    }
    assert_eq!(paged, all);
}
