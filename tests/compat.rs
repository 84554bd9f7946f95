//! The frozen indexes of `tests/data/` still load and answer: format changes
//! must be deliberate (see tests/data/README.md).

use fahras::{EntityKind, ErrorKind, Index, RemovalReason, SearchOptions, FORMAT_VERSION, MAGIC};
use wasm_bindgen_test::wasm_bindgen_test;

const V1: &[u8] = include_bytes!("data/index-v1.fhrs");
const V2: &[u8] = include_bytes!("data/index-v2.fhrs");
const V3: &[u8] = include_bytes!("data/index-v3.fhrs");
const V4: &[u8] = include_bytes!("data/index-v4.fhrs");
const V5: &[u8] = include_bytes!("data/index-v5.fhrs");
const V6: &[u8] = include_bytes!("data/index-v6.fhrs");
const V7: &[u8] = include_bytes!("data/index-v7.fhrs");
const V8: &[u8] = include_bytes!("data/index-v8.fhrs");

fn ids(index: &Index, q: &str) -> Vec<String> {
    index.search(q, &SearchOptions::default()).hits.iter().map(|h| h.document.id.clone()).collect()
}

#[wasm_bindgen_test(unsupported = test)]
fn frozen_v8_index_loads_with_its_entities() {
    assert_eq!(FORMAT_VERSION, 8, "a new format version needs a new frozen file");
    let index = Index::from_bytes(V8).expect("index-v8.fhrs loads");
    // The original is named by its number since version 5.
    let copy = index.document("tests/data/dupes/b-wire.txt").expect("copy");
    assert_eq!(copy.duplicate_of.as_deref(), Some("tests/data/dupes/a-portal.txt"));
    assert_eq!(index.search("محطة تحلية", &SearchOptions::default()).hits[0].similar.len(), 1);
    // The bodies are packed since version 6, and stored with their length
    // since version 7 (too little text here to be coded): the same texts.
    for old in [V7, V6, V5] {
        let old = Index::from_bytes(old).expect("older file loads");
        assert!(index.documents().eq(old.documents()));
    }
    assert!(V7.len() * 10 < V5.len() * 9, "{} vs {}", V7.len(), V5.len());
    // A posting's frequencies in one byte since version 8, where they
    // took one each.
    assert!(V8.len() < V7.len(), "{} vs {}", V8.len(), V7.len());
    answers_with_entities(index);
}

#[wasm_bindgen_test(unsupported = test)]
fn frozen_v7_v6_v5_v4_and_v3_indexes_load_with_their_entities() {
    // Version 3 had a CRC-32 where version 4 has XXH64, version 5 adds the
    // documents' sizes before them, version 6 packs their bodies, version
    // 7 stores them as the store keeps them and version 8 writes a
    // posting's frequencies in one byte: the same index.
    let files = [
        (V7, "index-v7.fhrs"),
        (V6, "index-v6.fhrs"),
        (V5, "index-v5.fhrs"),
        (V4, "index-v4.fhrs"),
        (V3, "index-v3.fhrs"),
    ];
    for (file, name) in files {
        let index = Index::from_bytes(file).unwrap_or_else(|e| panic!("{name} loads: {e}"));
        assert_eq!(index.to_bytes(), V8, "{name} saved again");
        let in_place = Index::from_vec(file.to_vec()).unwrap();
        assert_eq!(in_place.to_bytes(), V8, "{name} read in place, saved again");
        answers_with_entities(index);
    }
}

fn answers_with_entities(index: Index) {
    assert_eq!(index.len(), 8);
    let places = index.entities(Some(EntityKind::Loc), 20);
    assert!(places.iter().any(|p| p.name == "أستانا"), "{places:?}");
    assert_eq!(ids(&index, "entity:أستانا"), ["c1"]);
    assert_eq!(ids(&index, "entity:\"نور سلطان\""), ["c1"], "an old name of the city");
    assert!(ids(&index, "type:LOC").len() >= 3);
    // Saved again, it is the same index.
    assert_eq!(Index::from_bytes(&index.to_bytes()).unwrap().to_bytes(), index.to_bytes());
}

#[wasm_bindgen_test(unsupported = test)]
fn frozen_v2_index_loads_with_removed_lines_and_duplicates() {
    let index = Index::from_bytes(V2).expect("index-v2.fhrs loads");
    assert_eq!(index.len(), 8);
    let copy = index.document("tests/data/dupes/b-wire.txt").expect("copy");
    assert_eq!(copy.duplicate_of.as_deref(), Some("tests/data/dupes/a-portal.txt"));
    let page = index.document("tests/data/page.html").expect("page");
    assert!(page.removed.iter().any(|r| r.reason == RemovalReason::Navigation), "{page:?}");
    let hits = index.search("محطة تحلية", &SearchOptions::default()).hits;
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].similar.len(), 1);
    // Entities were not stored in version 2: they are read again on load.
    assert_eq!(ids(&index, "entity:أستانا"), ["c1"]);
}

#[wasm_bindgen_test(unsupported = test)]
fn frozen_v1_index_still_loads_and_answers() {
    let index = Index::from_bytes(V1).expect("index-v1.fhrs loads");
    assert!(index.documents().all(|d| d.removed.is_empty() && d.duplicate_of.is_none()));
    assert_eq!(index.len(), 4);
    let ids = |q: &str| -> Vec<String> {
        index
            .search(q, &SearchOptions::default())
            .hits
            .iter()
            .map(|h| h.document.id.clone())
            .collect()
    };
    assert_eq!(ids("استانا"), ["c1"]);
    assert_eq!(ids("\"طريق الحرير\""), ["c2"]);
    assert_eq!(ids("قرغيزستان"), ["c3"]);
    assert_eq!(ids("الحرارة"), ["c4"]);
    assert_eq!(index.document("c2").and_then(|d| d.url).as_deref(), Some("https://example.org/c2"));
    assert_eq!(index.document("c1").and_then(|d| d.date).as_deref(), Some("2024-05-14"));
}

#[wasm_bindgen_test(unsupported = test)]
fn another_format_version_is_a_typed_error() {
    let mut bytes = V1.to_vec();
    bytes[4..8].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let err = Index::from_bytes(&bytes).unwrap_err();
    assert_eq!(
        *err.kind(),
        ErrorKind::Version { expected: FORMAT_VERSION, got: FORMAT_VERSION + 1 }
    );
    let message = format!("version {} is not supported", FORMAT_VERSION + 1);
    assert!(err.to_string().contains(&message), "{err}");
    bytes[4..8].copy_from_slice(&0u32.to_le_bytes());
    assert!(matches!(Index::from_bytes(&bytes).unwrap_err().kind(), ErrorKind::Version { .. }));
}

#[wasm_bindgen_test(unsupported = test)]
fn damaged_bytes_are_typed_errors() {
    assert_eq!(&V1[..4], &MAGIC);
    // Both checksums: CRC-32 (versions 1 to 3) and XXH64 (since 4).
    for file in [V1, V4, V5, V6, V7, V8] {
        let mut flipped = file.to_vec();
        flipped[file.len() / 2] ^= 0x20;
        assert_eq!(*Index::from_bytes(&flipped).unwrap_err().kind(), ErrorKind::Checksum);
        let cut = &file[..file.len() - 1];
        assert_eq!(*Index::from_bytes(cut).unwrap_err().kind(), ErrorKind::Checksum);
    }
    assert_eq!(*Index::from_bytes(&V1[..6]).unwrap_err().kind(), ErrorKind::Truncated);
    assert_eq!(
        *Index::from_bytes(b"PK\x03\x04 not an index").unwrap_err().kind(),
        ErrorKind::NotAnIndex
    );
    assert_eq!(*Index::from_bytes(b"").unwrap_err().kind(), ErrorKind::NotAnIndex);
}

#[wasm_bindgen_test(unsupported = test)]
fn an_index_without_text_ranks_and_filters_the_same() {
    let full = Index::from_bytes(V8).expect("index-v8.fhrs loads");
    let bytes = full.to_bytes_without_text();
    assert!(
        bytes.len() * 4 < full.to_bytes().len() * 3,
        "{} vs {}",
        bytes.len(),
        full.to_bytes().len()
    );
    let small = Index::from_bytes(&bytes).expect("loads");
    for q in ["استانا", "\"طريق الحرير\"", "entity:قرغيزستان", "محطة تحلية", "type:LOC"]
    {
        assert_eq!(ids(&small, q), ids(&full, q), "{q}");
    }
    let d = small.document("c1").expect("c1");
    assert!(d.text.is_empty() && d.removed.is_empty());
    assert_eq!(d.title, full.document("c1").unwrap().title);
    // Written again, it stays without text.
    assert_eq!(Index::from_bytes(&small.to_bytes()).unwrap().to_bytes(), small.to_bytes());
}

#[wasm_bindgen_test(unsupported = test)]
fn an_index_read_in_place_is_the_same_index_and_changes_alike() {
    let lean = Index::from_bytes(V8).unwrap().to_bytes_without_text();
    let coded = coded_collection().to_bytes();
    let files = [
        (V8, "v8", "c1"),
        (V7, "v7", "c1"),
        (V6, "v6", "c1"),
        (V5, "v5", "c1"),
        (&lean[..], "without text", "c1"),
        (&coded[..], "coded", "d3"),
    ];
    for (file, name, removed) in files {
        let mut copied = Index::from_bytes(file).unwrap();
        let mut in_place = Index::from_vec(file.to_vec()).unwrap();
        assert!(in_place.documents().eq(copied.documents()), "{name}");
        assert_eq!(in_place.to_bytes(), copied.to_bytes(), "{name}");
        for q in ["استانا", "\"طريق الحرير\"", "محطة تحلية", "entity:أستانا", "type:LOC"]
        {
            let hits = |i: &Index| format!("{:?}", i.search(q, &SearchOptions::default()).hits);
            assert_eq!(hits(&in_place), hits(&copied), "{name}: {q}");
        }
        // A document added after the file (its words' lists, read in
        // place, grow), one removed, the index compacted: the same index
        // either way.
        for index in [&mut copied, &mut in_place] {
            let text = "وصل وفد تجاري إلى أستانا لبحث مشروع محطة تحلية جديدة على بحر قزوين.";
            index.add(fahras::Document::new("later", "وفد تجاري في أستانا", text)).unwrap();
        }
        assert_eq!(in_place.to_bytes(), copied.to_bytes(), "{name}: added");
        assert_eq!(ids(&in_place, "أستانا"), ids(&copied, "أستانا"), "{name}");
        for index in [&mut copied, &mut in_place] {
            assert!(index.remove(removed));
            index.compact();
        }
        assert_eq!(in_place.to_bytes(), copied.to_bytes(), "{name}: changed");
        assert_eq!(ids(&in_place, "تحلية"), ids(&copied, "تحلية"));
        assert!(ids(&in_place, "وفد تجاري").contains(&"later".to_string()));
    }
    // The file is held whole (and counted) until the index compacts.
    let held = Index::from_vec(V8.to_vec()).unwrap().stats().heap_bytes;
    assert!(held >= V8.len(), "{held} vs {}", V8.len());
}

/// Over 128 KB of diacritized and plain Arabic, Latin and other scripts:
/// enough text for the store to code the bodies after the first ones.
fn coded_collection() -> Index {
    let mut index = Index::default();
    let lines = [
        "حَدَّثَنَا عَبْدُ اللَّهِ بْنُ مَسْلَمَةَ، قَالَ: أَخْبَرَنَا مَالِكٌ عَنْ نَافِعٍ",
        "وصل وفد تجاري إلى أستانا لبحث مشروع محطة تحلية جديدة على بحر قزوين",
        "قال المتحدث «إن المشروع — الذي يموّل جزئياً — سيكتمل في ٢٠٢٧» ‏",
        "The delegation met in Astana on 12 May; گفتگو ادامه دارد 😀",
    ];
    for i in 0..900 {
        let text: Vec<String> =
            (0..6).map(|k| format!("{} {}", lines[(i + k) % lines.len()], i * 7 + k)).collect();
        let doc = fahras::Document::new(format!("d{i}"), format!("خبر رقم {i}"), text.join("\n\n"));
        index.add(doc).unwrap();
    }
    index.add(fahras::Document::new("stanza", "قمة أستانا", "وصل الزعماء إلى أستانا.")).unwrap();
    index
}

#[wasm_bindgen_test(unsupported = test)]
fn bodies_are_coded_once_there_is_enough_text_and_read_back_the_same() {
    let mut index = coded_collection();
    // Packed, a diacritized body takes a byte a character; coded, about
    // 0.6 of that here (codes made from text with few diacritics).
    let before = index.stats().stored_text_bytes;
    let text = "حَدَّثَنَا مُحَمَّدُ بْنُ يُوسُفَ، قَالَ: حَدَّثَنَا سُفْيَانُ عَنْ مَنْصُورٍ. ".repeat(50);
    index.add(fahras::Document::new("long", "", text.as_str())).unwrap();
    let stored = index.stats().stored_text_bytes - before;
    let chars = text.chars().count();
    assert!(stored * 10 < chars * 7, "{stored} bytes for {chars} characters");
    let bytes = index.to_bytes();
    for loaded in [Index::from_bytes(&bytes).unwrap(), Index::from_vec(bytes.clone()).unwrap()] {
        assert!(loaded.documents().eq(index.documents()));
        assert_eq!(loaded.to_bytes(), bytes);
        let options = SearchOptions { snippets: true, ..SearchOptions::default() };
        let hits = |i: &Index| format!("{:?}", i.search("أستانا تحلية", &options).hits);
        assert_eq!(hits(&loaded), hits(&index));
        // Documents added after a load are coded with the same codes.
        let mut grown = loaded;
        let mut again = Index::from_bytes(&bytes).unwrap();
        for i in [&mut grown, &mut again] {
            let text = "أَخْبَرَنَا مَالِكٌ عَنْ نَافِعٍ أن الوفد وصل إلى أستانا";
            i.add(fahras::Document::new("later", "خبر لاحق", text)).unwrap();
            assert_eq!(i.document("later").unwrap().text, text);
        }
        assert_eq!(grown.to_bytes(), again.to_bytes());
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn one_large_page_is_coded_with_the_codes_its_own_text_made() {
    // A first document of more than 128 KB of packed text: it makes the
    // codes, and is itself stored coded.
    let text = "حَدَّثَنَا مُحَمَّدُ بْنُ يُوسُفَ، قَالَ: حَدَّثَنَا سُفْيَانُ عَنْ مَنْصُورٍ. ".repeat(2500);
    let mut index = Index::default();
    index.add(fahras::Document::new("big", "", text.as_str())).unwrap();
    let chars = text.chars().count();
    let stored = index.stats().stored_text_bytes;
    assert!(stored * 10 < chars * 7, "{stored} bytes for {chars} characters");
    assert_eq!(index.document("big").unwrap().text, text);
    let loaded = Index::from_vec(index.to_bytes()).unwrap();
    assert_eq!(loaded.document("big").unwrap().text, text);
}
