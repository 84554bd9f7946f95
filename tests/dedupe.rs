//! Near-duplicates: the same story scraped from two sites is detected when
//! added, collapsed in results with its copies listed, and the grouping
//! survives removal and a serialize/load round trip.

use fahras::{read_file, Index, SearchOptions};
use wasm_bindgen_test::wasm_bindgen_test;

const PAGES: &[(&str, &[u8])] = &[
    ("dupes/a-portal.txt", include_bytes!("data/dupes/a-portal.txt")),
    ("dupes/b-wire.txt", include_bytes!("data/dupes/b-wire.txt")),
    ("dupes/c-other.txt", include_bytes!("data/dupes/c-other.txt")),
];

fn index() -> Index {
    let mut index = Index::default();
    for (name, bytes) in PAGES {
        for doc in read_file(name, bytes).expect("fixture reads").documents {
            index.add(doc).expect("add");
        }
    }
    index
}

fn hits(index: &Index, query: &str, collapse: bool) -> Vec<(String, Vec<String>)> {
    let options = SearchOptions { collapse, ..SearchOptions::default() };
    let results = index.search(query, &options);
    results
        .hits
        .iter()
        .map(|h| (h.document.id.clone(), h.similar.iter().map(|d| d.id.clone()).collect()))
        .collect()
}

#[wasm_bindgen_test(unsupported = test)]
fn the_same_story_from_two_sites_is_a_near_duplicate_and_a_related_story_is_not() {
    let index = index();
    let copy = index.document("dupes/b-wire.txt").unwrap();
    assert_eq!(copy.duplicate_of.as_deref(), Some("dupes/a-portal.txt"));
    assert_eq!(index.document("dupes/a-portal.txt").unwrap().duplicate_of, None);
    assert_eq!(index.document("dupes/c-other.txt").unwrap().duplicate_of, None);
}

#[wasm_bindgen_test(unsupported = test)]
fn results_collapse_copies_into_one_hit_unless_asked_not_to() {
    let index = index();
    let collapsed = hits(&index, "محطة تحلية أكتاو", true);
    assert_eq!(collapsed.len(), 2, "{collapsed:?}");
    let group = collapsed.iter().find(|(_, similar)| !similar.is_empty()).expect("a group");
    let mut members = vec![group.0.clone()];
    members.extend(group.1.iter().cloned());
    members.sort();
    assert_eq!(members, ["dupes/a-portal.txt", "dupes/b-wire.txt"]);
    assert_eq!(index.search("محطة تحلية أكتاو", &SearchOptions::default()).total, 2);
    let all = hits(&index, "محطة تحلية أكتاو", false);
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|(_, similar)| similar.is_empty()));
    // A query only the copy matches still finds it.
    assert_eq!(hits(&index, "تفتح أبوابها", true), [("dupes/b-wire.txt".to_string(), vec![])]);
}

#[wasm_bindgen_test(unsupported = test)]
fn removing_the_original_makes_its_copy_the_original() {
    let mut index = index();
    assert!(index.remove("dupes/a-portal.txt"));
    assert_eq!(index.document("dupes/b-wire.txt").unwrap().duplicate_of, None);
    // Added again, the first page is now the copy.
    let (name, bytes) = PAGES[0];
    index.add(read_file(name, bytes).unwrap().documents.remove(0)).unwrap();
    let again = index.document("dupes/a-portal.txt").unwrap();
    assert_eq!(again.duplicate_of.as_deref(), Some("dupes/b-wire.txt"));
}

#[wasm_bindgen_test(unsupported = test)]
fn grouping_survives_serialization_and_later_copies_are_still_found() {
    let mut index = Index::from_bytes(&index().to_bytes()).expect("round trip");
    assert_eq!(
        index.document("dupes/b-wire.txt").unwrap().duplicate_of.as_deref(),
        Some("dupes/a-portal.txt")
    );
    assert_eq!(hits(&index, "محطة تحلية أكتاو", true).len(), 2);
    let (_, bytes) = PAGES[1];
    let mut third = read_file("dupes/b-wire-again.txt", bytes).unwrap().documents.remove(0);
    third.duplicate_of = Some("made up by the caller".into());
    index.add(third).unwrap();
    let third = index.document("dupes/b-wire-again.txt").unwrap();
    assert_eq!(third.duplicate_of.as_deref(), Some("dupes/a-portal.txt"));
    let collapsed = hits(&index, "محطة تحلية أكتاو", true);
    assert_eq!(collapsed.len(), 2);
    assert!(collapsed.iter().any(|(_, similar)| similar.len() == 2), "{collapsed:?}");
}
