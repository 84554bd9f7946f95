//! An index in parts: split for static hosting, opened from its manifest,
//! loaded part by part as queries need them; it answers as the whole index
//! does (near-duplicates, filters, facets, phrases, prefixes), refuses
//! parts of another build or damaged bytes, and is read-only.

use fahras::{read_file, Document, ErrorKind, Index, Part, SearchOptions, MANIFEST_NAME};
use wasm_bindgen_test::wasm_bindgen_test;

const PAGES: &[(&str, &[u8])] = &[
    ("dupes/a-portal.txt", include_bytes!("data/dupes/a-portal.txt")),
    ("dupes/b-wire.txt", include_bytes!("data/dupes/b-wire.txt")),
    ("dupes/c-other.txt", include_bytes!("data/dupes/c-other.txt")),
];

/// (id, source, date, title, body)
const BRIEFS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "m1",
        "الرائد",
        "2024-05-14",
        "مترو الكويت يبدأ التشغيل التجريبي",
        "بدأ مترو الكويت تشغيله التجريبي بين محطتين في العاصمة.",
    ),
    (
        "m2",
        "الرائد",
        "2024-06-02",
        "افتتاح محطة جديدة لمترو الكويت",
        "افتتحت وزارة المواصلات محطة جديدة للمترو قرب الميناء.",
    ),
    (
        "m3",
        "وكالة السهوب للأنباء",
        "2024-06-20",
        "سكة حديد جديدة في السهوب",
        "تربط سكة الحديد الجديدة مدن السهوب بميناء أكتاو.",
    ),
    (
        "m4",
        "المرفأ",
        "2023-12-31",
        "ميناء الدوحة يستقبل سفينة عملاقة",
        "رست في ميناء الدوحة سفينة حاويات هي الأكبر هذا العام.",
    ),
];

fn whole() -> Index {
    whole_with(fahras::IndexOptions { entities: false, ..Default::default() })
}

fn whole_with(options: fahras::IndexOptions) -> Index {
    let mut index = Index::new(options);
    for (name, bytes) in PAGES {
        for doc in read_file(name, bytes).expect("fixture reads").documents {
            index.add(doc).expect("add");
        }
    }
    // Added out of id order: parts number documents by id.
    for (id, source, date, title, body) in BRIEFS.iter().rev() {
        let mut doc = Document::new(*id, *title, *body);
        doc.source = Some(source.to_string());
        doc.date = Some(date.to_string());
        index.add(doc).expect("add");
    }
    index
}

fn part<'p>(parts: &'p [Part], name: &str) -> &'p [u8] {
    &parts.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no part {name}")).bytes
}

/// Opens the manifest and loads what `query` needs; returns the index and
/// the names loaded.
fn answer(parts: &[Part], query: &str, options: &SearchOptions) -> (Index, Vec<String>) {
    let mut index = Index::from_manifest(part(parts, MANIFEST_NAME)).expect("manifest opens");
    let mut loaded = Vec::new();
    for _ in 0..4 {
        let needed = index.needed_parts(query, options);
        for name in &needed {
            index.load_part(name, part(parts, name)).expect("part loads");
        }
        loaded.extend(needed);
    }
    assert!(index.needed_parts(query, options).is_empty(), "{query}: still needs parts");
    (index, loaded)
}

fn summary(index: &Index, query: &str, options: &SearchOptions) -> String {
    let r = index.search(query, options);
    let hits: Vec<String> = r
        .hits
        .iter()
        .map(|h| {
            let similar: Vec<&str> = h.similar.iter().map(|d| d.id.as_str()).collect();
            format!(
                "{} {:.5} {} {:?} {similar:?}",
                h.document.id, h.score, h.snippet.text, h.document.source
            )
        })
        .collect();
    format!("{} {hits:?} {:?}", r.total, r.facets)
}

#[wasm_bindgen_test(unsupported = test)]
fn parts_answer_as_the_whole_index_with_copies_filters_facets_phrases_and_prefixes() {
    let whole = whole();
    let parts = whole.to_parts_with(48);
    for collapse in [true, false] {
        let options =
            SearchOptions { snippets: true, facets: true, collapse, ..SearchOptions::default() };
        for query in [
            "تحلية المياه",
            "\"بحر قزوين\"",
            "محط*",
            "ميناء",
            "المترو source:الرائد",
            "ميناء date:2024",
            "source:المرفأ",
            "سكة -الكويت",
            "تحليه",
            "كلمة لا توجد",
        ] {
            let (index, loaded) = answer(&parts, query, &options);
            assert_eq!(
                summary(&index, query, &options),
                summary(&whole, query, &options),
                "{query}"
            );
            assert!(
                loaded.len() < parts.len() / 2,
                "{query}: loaded {} of {}",
                loaded.len(),
                parts.len()
            );
        }
    }
    // A phrase reads positions; a word does not.
    let options = SearchOptions::default();
    let (_, loaded) = answer(&parts, "\"بحر قزوين\"", &options);
    assert!(loaded.iter().any(|n| n.starts_with("p/")), "{loaded:?}");
    let (_, loaded) = answer(&parts, "قزوين", &options);
    assert!(!loaded.iter().any(|n| n.starts_with("p/")), "{loaded:?}");
    // The shown hits' documents, nothing else.
    let (index, loaded) = answer(&parts, "المترو", &SearchOptions { limit: 1, ..options.clone() });
    assert_eq!(loaded.iter().filter(|n| n.starts_with("d/")).count(), 1, "{loaded:?}");
    assert_eq!(index.len(), whole.len());
    let doc = index.document("m2").expect("the shown document is loaded");
    assert_eq!(doc.source.as_deref(), Some("الرائد"));
    assert!(index.document("m3").is_none());
}

#[wasm_bindgen_test(unsupported = test)]
fn parts_of_an_index_without_positions_match_phrases_as_words() {
    let options = fahras::IndexOptions { entities: false, positions: false, ..Default::default() };
    let whole = whole_with(options);
    let parts = whole.to_parts_with(48);
    assert!(!parts.iter().any(|p| p.name.starts_with("p/")), "no positions parts");
    let search = SearchOptions { snippets: true, ..SearchOptions::default() };
    for query in ["\"بحر قزوين\"", "محطة تحلية", "ميناء"] {
        let (index, _) = answer(&parts, query, &search);
        assert_eq!(summary(&index, query, &search), summary(&whole, query, &search), "{query}");
        assert_eq!(index.search(query, &search).warnings, whole.search(query, &search).warnings);
    }
    let r = whole.search("\"بحر قزوين\"", &search);
    assert_eq!(r.warnings, [fahras::QueryWarning::PhraseAsWords]);
}

#[wasm_bindgen_test(unsupported = test)]
fn an_index_in_parts_is_read_only_and_refuses_foreign_or_damaged_parts() {
    let whole = whole();
    let parts = whole.to_parts();
    let mut index = Index::from_manifest(part(&parts, MANIFEST_NAME)).unwrap();
    assert!(index.is_partial() && !whole.is_partial());
    let err = index.add(Document::new("x", "عنوان", "نص")).unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
    assert!(!index.remove("m1"));

    // A part of another build.
    let mut other = whole.clone();
    other.add(Document::new("extra", "خبر آخر", "نص آخر مختلف تماما.")).unwrap();
    let foreign = other.to_parts();
    let err = index.load_part("t/0.fhrp", part(&foreign, "t/0.fhrp")).unwrap_err();
    assert!(err.to_string().contains("another build"), "{err}");
    // The bytes of another part, the manifest as a part, a name out of range.
    let err = index.load_part("t/0.fhrp", part(&parts, "d/0.fhrp")).unwrap_err();
    assert!(err.to_string().contains("another part"), "{err}");
    assert!(index.load_part("t/0.fhrp", part(&parts, MANIFEST_NAME)).is_err());
    let mut far = part(&parts, "d/0.fhrp").to_vec();
    far.truncate(far.len() - 1);
    assert_eq!(*index.load_part("d/0.fhrp", &far).unwrap_err().kind(), ErrorKind::Checksum);
    // Damaged, truncated, empty, not a part at all.
    let mut bad = part(&parts, "t/0.fhrp").to_vec();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x55;
    assert_eq!(*index.load_part("t/0.fhrp", &bad).unwrap_err().kind(), ErrorKind::Checksum);
    assert_eq!(*index.load_part("t/0.fhrp", b"FHR").unwrap_err().kind(), ErrorKind::Truncated);
    assert_eq!(*index.load_part("t/0.fhrp", b"").unwrap_err().kind(), ErrorKind::NotAnIndex);
    assert_eq!(*Index::from_manifest(b"<html>").unwrap_err().kind(), ErrorKind::NotAnIndex);
    assert!(Index::from_manifest(part(&parts, "t/0.fhrp")).is_err());
    // A whole index has no parts to load.
    assert!(whole.clone().load_part("t/0.fhrp", part(&parts, "t/0.fhrp")).is_err());
    // After all that, it still answers.
    let options = SearchOptions::default();
    for name in index.needed_parts("ميناء", &options) {
        index.load_part(&name, part(&parts, &name)).unwrap();
    }
    for name in index.needed_parts("ميناء", &options) {
        index.load_part(&name, part(&parts, &name)).unwrap();
    }
    assert_eq!(index.search("ميناء", &options).total, whole.search("ميناء", &options).total);
    // Every part of this build loads, twice over, in any order.
    for p in parts.iter().rev().chain(parts.iter()).filter(|p| p.name != MANIFEST_NAME) {
        index.load_part(&p.name, &p.bytes).unwrap_or_else(|e| panic!("{}: {e}", p.name));
    }
    assert_eq!(index.documents().count(), whole.len());
}

/// With entities: `entity:` and `type:` filters and entity facets fetch the
/// entities part and answer as the whole index does; a plain query never
/// fetches it; the collection's entity list needs it alone.
#[wasm_bindgen_test(unsupported = test)]
fn entity_filters_and_facets_fetch_the_entities_part() {
    let mut whole = Index::default();
    for (id, title, text) in [
        ("p1", "زيارة إلى بكين", "وصل الرئيس شي جين بينغ إلى بكين بعد جولة في آسيا."),
        ("p2", "قمة في أستانا", "التقى الرئيس الكازاخستاني قاسم جومارت توكاييف نظيره في أستانا."),
        ("p3", "الطاقة في آسيا", "ناقش وزراء الطاقة في منظمة شنغهاي للتعاون خطط الربط الكهربائي."),
    ] {
        whole.add(Document::new(id, title, text)).unwrap();
    }
    let parts = whole.to_parts_with(48);
    assert!(parts.iter().any(|p| p.name == fahras::ENTITIES_NAME));
    let with_facets = SearchOptions { facets: true, ..SearchOptions::default() };
    for (query, options) in [
        ("entity:بكين", SearchOptions::default()),
        ("type:ORG", SearchOptions::default()),
        ("-type:PER آسيا", SearchOptions::default()),
        ("آسيا", with_facets.clone()),
    ] {
        let (index, loaded) = answer(&parts, query, &options);
        assert!(loaded.iter().any(|n| n == fahras::ENTITIES_NAME), "{query}: {loaded:?}");
        assert_eq!(summary(&index, query, &options), summary(&whole, query, &options), "{query}");
    }
    let (_, loaded) = answer(&parts, "الطاقة", &SearchOptions::default());
    assert!(!loaded.iter().any(|n| n == fahras::ENTITIES_NAME), "{loaded:?}");

    let mut index = Index::from_manifest(part(&parts, MANIFEST_NAME)).unwrap();
    assert_eq!(index.needed_for_entities(), [fahras::ENTITIES_NAME]);
    index.load_part(fahras::ENTITIES_NAME, part(&parts, fahras::ENTITIES_NAME)).unwrap();
    assert!(index.needed_for_entities().is_empty());
    let names = |ix: &Index| -> Vec<(String, usize)> {
        ix.entities(None, 20).into_iter().map(|e| (e.name, e.documents)).collect()
    };
    assert_eq!(names(&index), names(&whole));
    assert_eq!(index.collection_facets(), whole.collection_facets());
}

/// A collection of 4,000 short hadith-like reports, some words in most of
/// them: the whole index reads a common word within a rarer word's
/// documents through its dense table (see `Dense` in the index), the index
/// in parts reads every list whole. Both must give the same answers, with
/// documents removed (not yet compacted) and frequencies past 255.
#[wasm_bindgen_test(unsupported = test)]
fn common_words_beside_rare_ones_answer_as_in_parts() {
    let mut whole = Index::new(fahras::IndexOptions { entities: false, ..Default::default() });
    // A small deterministic generator: which words a report has.
    let mut seed = 0x2545_F491u32;
    let mut roll = |percent: u32| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed % 100 < percent
    };
    for n in 0..4000 {
        let mut body = vec!["حدثنا"];
        for (word, percent) in [
            ("أبو", 70),
            ("هريرة", 6),
            ("بكر", 4),
            ("رسول", 45),
            ("الله", 75),
            ("الأب", 20),
            ("أبوه", 10),
            ("الصلاة", 15),
            ("قال", 90),
        ] {
            if roll(percent) {
                body.push(word);
            }
        }
        body.push("عن");
        let mut text = body.join(" ");
        if n % 500 == 7 {
            // A long litany: frequencies past one byte, in reports that
            // the rare word keeps.
            text.push_str(" هريرة");
            text.push_str(&" الله أكبر".repeat(300));
        }
        let title = if n % 9 == 0 { "باب قال أبو هريرة" } else { "باب" };
        whole.add(Document::new(format!("h{n:04}"), title, text)).expect("add");
    }
    for n in (0..4000).step_by(37) {
        assert!(whole.remove(&format!("h{n:04}")));
    }
    let parts = whole.to_parts_with(2048);
    // Every hit compared, not only the first ten.
    let options = SearchOptions { limit: 4000, ..Default::default() };
    for query in [
        "أبو هريرة",
        "ابو بكر",
        "رسول الله",
        "قال أبو هريرة الصلاة",
        "هريرة -بكر",
        "الله هريرة",
        "\"رسول الله\" بكر",
        "أبو هريرة OR بكر",
        "أكبر هريرة",
    ] {
        let (index, _) = answer(&parts, query, &options);
        assert_eq!(summary(&index, query, &options), summary(&whole, query, &options), "{query}");
        // A page of ten among thousands of matches (many tied) is the same
        // slice of the whole ranking.
        let ranked = |o: &SearchOptions| -> Vec<(String, u32)> {
            let r = whole.search(query, o);
            r.hits.iter().map(|h| (h.document.id.clone(), h.score.to_bits())).collect()
        };
        let all = ranked(&options);
        for offset in [0, 10, 40] {
            let page = ranked(&SearchOptions { limit: 10, offset, ..options.clone() });
            let want = &all[offset.min(all.len())..(offset + 10).min(all.len())];
            assert_eq!(page, want, "{query}, from {offset}");
        }
    }
}
