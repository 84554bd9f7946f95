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

/// Collapsing keeps, of each group, the member that ranks best among the
/// matches, where it ranks: the collapsed hits are the uncollapsed ones
/// less every member of a group already shown.
#[wasm_bindgen_test(unsupported = test)]
fn collapsed_hits_are_the_best_of_each_group_in_rank_order() {
    use fahras::Document;
    let words = [
        "المجلس",
        "البلدي",
        "ناقش",
        "خطة",
        "توسيع",
        "شبكة",
        "المياه",
        "في",
        "الأحياء",
        "الشرقية",
        "وأقر",
        "ميزانية",
        "إضافية",
        "للصيانة",
        "خلال",
        "العام",
        "المقبل",
        "بعد",
        "شكاوى",
        "السكان",
        "من",
        "انقطاع",
        "متكرر",
        "طوال",
        "فصل",
        "الصيف",
        "الماضي",
        "وقال",
        "رئيس",
        "اللجنة",
    ];
    // A body of 48 words, the same for a group, in an order of its own
    // (steps prime to 30 go through all the words).
    let body = |group: usize| -> Vec<&str> {
        let step = [7, 11, 13, 17, 19, 23][group];
        (0..48).map(|i| words[(i * step + group * 3) % words.len()]).collect()
    };
    let mut index = Index::default();
    let mut add = |id: String, w: Vec<&str>| {
        index.add(Document::new(id, "", format!("تحلية {}", w.join(" ")))).expect("add");
    };
    for group in 0..6 {
        let base = body(group);
        add(format!("g{group}-original"), base.clone());
        // A longer copy ranks below the original, a shorter one above it.
        let mut longer = base.clone();
        longer.push("إضافة");
        add(format!("g{group}-longer"), longer);
        if group % 2 == 0 {
            add(format!("g{group}-shorter"), base[..base.len() - 1].to_vec());
        }
    }
    add("single-a".into(), vec!["تقرير", "قصير"]);
    add("single-b".into(), words.iter().rev().copied().collect());
    let options = |collapse| SearchOptions { collapse, limit: 100, ..SearchOptions::default() };
    let all = index.search("تحلية", &options(false));
    assert_eq!(all.total, 6 + 6 + 3 + 2);
    let group = |id: &str| id.split('-').next().unwrap().to_string();
    let mut shown = std::collections::HashSet::new();
    let expected: Vec<String> = all
        .hits
        .iter()
        .map(|h| h.document.id.clone())
        .filter(|id| id.starts_with("single") || shown.insert(group(id)))
        .collect();
    let collapsed = index.search("تحلية", &options(true));
    let ids: Vec<String> = collapsed.hits.iter().map(|h| h.document.id.clone()).collect();
    assert_eq!(ids, expected);
    assert_eq!(collapsed.total, 6 + 2);
    assert!(ids.contains(&"g0-shorter".to_string()) && ids.contains(&"g1-original".to_string()));
    // Each group lists its other members: two copies in even groups.
    for hit in &collapsed.hits {
        let id = &hit.document.id;
        let others = match id.strip_prefix('g') {
            None => 0,
            Some(rest) if rest[..1].parse::<usize>().unwrap() % 2 == 0 => 2,
            Some(_) => 1,
        };
        assert_eq!(hit.similar.len(), others, "{id}");
    }
}
