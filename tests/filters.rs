//! `source:` and `date:` filters, alone or with words, and the facets that
//! count sources and months over every matching document.

use fahras::{parse_lenient, Document, Filter, Index, QueryWarning, SearchOptions};
use wasm_bindgen_test::wasm_bindgen_test;

/// (id, source, date, title)
const DOCS: &[(&str, &str, &str, &str)] = &[
    ("f1", "الرائد", "2024-05-14", "مترو الكويت يبدأ التشغيل التجريبي"),
    ("f2", "الرائد", "2024-06-02", "افتتاح محطة جديدة لمترو الكويت"),
    ("f3", "وكالة السهوب للأنباء", "2024-06-20", "سكة حديد جديدة في السهوب"),
    ("f4", "المرفأ", "2023-12-31", "ميناء الدوحة يستقبل سفينة عملاقة"),
    ("f5", "المَرفأ", "2025-01-01", "ميناء الدوحة يوسع أرصفته"),
];

fn index() -> Index {
    let mut index = Index::default();
    for (id, source, date, title) in DOCS {
        let mut doc = Document::new(*id, *title, format!("{title}، وفق مصادر محلية."));
        doc.source = Some(source.to_string());
        doc.date = Some(date.to_string());
        index.add(doc).unwrap();
    }
    index.add(Document::new("f6", "مترو بلا تاريخ", "خبر بلا مصدر ولا تاريخ عن المترو.")).unwrap();
    index
}

fn ids(index: &Index, query: &str) -> Vec<String> {
    let options = SearchOptions { limit: 20, ..SearchOptions::default() };
    let mut got: Vec<String> =
        index.search(query, &options).hits.iter().map(|h| h.document.id.clone()).collect();
    got.sort();
    got
}

#[wasm_bindgen_test(unsupported = test)]
fn filters_narrow_the_matches_by_source_and_date() {
    let index = index();
    let cases: &[(&str, &[&str])] = &[
        ("مترو", &["f1", "f2", "f6"]),
        ("مترو source:الرائد", &["f1", "f2"]),
        ("مترو -source:الرائد", &["f6"]),
        ("source:\"وكالة السهوب للأنباء\"", &["f3"]),
        // The source compares folded: diacritics and hamza do not matter.
        ("ميناء source:المرفا", &["f4", "f5"]),
        ("date:2024", &["f1", "f2", "f3"]),
        ("date:2024-06", &["f2", "f3"]),
        ("date:2024-05-14", &["f1"]),
        ("date:2024-05..2024-06", &["f1", "f2", "f3"]),
        ("date:2024-06-10..", &["f3", "f5"]),
        ("date:..2023", &["f4"]),
        ("مترو date:2024-06", &["f2"]),
        ("مترو date:1999", &[]),
    ];
    for (query, want) in cases {
        assert_eq!(ids(&index, query), *want, "{query}");
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn bad_filters_are_reported_and_ignored() {
    let (q, warnings) = parse_lenient("مترو date:أمس date:2024-5");
    assert!(q.filters.is_empty());
    assert_eq!(warnings.len(), 2);
    assert!(matches!(&warnings[0], QueryWarning::BadDate(d) if d == "أمس"));
    let (q, _) = parse_lenient("source: date:2024..2025 -date:2024");
    assert_eq!(q.filters, [Filter::Date { from: "2024".into(), to: "2025".into() }]);
    assert!(q.clauses.is_empty());
}

#[wasm_bindgen_test(unsupported = test)]
fn facets_count_sources_and_months_of_every_match() {
    let index = index();
    let options = SearchOptions { limit: 1, facets: true, ..SearchOptions::default() };
    let results = index.search(
        "مترو OR ميناء OR السهوب",
        &SearchOptions { combine: fahras::Combine::Or, ..options.clone() },
    );
    assert_eq!(results.hits.len(), 1);
    let facets = results.facets.expect("asked for");
    assert_eq!(
        facets.sources,
        [
            ("الرائد".to_string(), 2),
            ("المرفأ".to_string(), 2),
            ("وكالة السهوب للأنباء".to_string(), 1)
        ]
    );
    let months: Vec<&str> = facets.months.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(months, ["2023-12", "2024-05", "2024-06", "2025-01"]);
    assert_eq!(facets.months[2].1, 2);
    assert!(index.search("مترو", &SearchOptions::default()).facets.is_none());
}
