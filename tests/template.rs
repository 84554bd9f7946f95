//! Lines repeated across pages of one source (a slogan, a standing notice)
//! are page template: `Index::add_file` removes them from every page of
//! that source, earlier pages included, and search no longer finds them.

use fahras::{Index, RemovalReason, SearchOptions, REPEATED_LINE_PAGES};
use wasm_bindgen_test::wasm_bindgen_test;

const SLOGAN: &str = "الواحة.. أخبار الصحراء والمدن لحظة بلحظة";
const NOTICE: &str = "للاشتراك في خدمة الرسائل العاجلة أرسل كلمة واحة";

/// A page of the site: headline, slogan, two article paragraphs with the
/// notice between them.
fn page(headline: &str, first: &str, second: &str) -> String {
    format!("{headline}\n{SLOGAN}\n{first}\n{NOTICE}\n{second}\n")
}

const STORIES: [(&str, &str, &str); 4] = [
    (
        "أمطار غزيرة تغمر شوارع المدينة القديمة",
        "غمرت أمطار غزيرة هطلت طوال ليل الثلاثاء شوارع المدينة القديمة، وأغلقت فرق الدفاع المدني ثلاثة أنفاق أمام حركة السير.",
        "وقالت الأرصاد الجوية إن المنخفض سيستمر حتى نهاية الأسبوع، داعية السائقين إلى تجنب الطرق الجبلية.",
    ),
    (
        "افتتاح سوق شعبي للحرف اليدوية قرب الميناء",
        "افتتحت البلدية سوقا شعبيا للحرف اليدوية قرب الميناء يضم ستين محلا لبيع السجاد والفخار والمنسوجات التقليدية.",
        "وأوضح رئيس البلدية أن السوق سيفتح أبوابه يوميا من العاشرة صباحا حتى منتصف الليل طوال موسم الصيف.",
    ),
    (
        "فريق المدينة يتأهل إلى نهائي كأس البطولة الإقليمية",
        "تأهل فريق المدينة إلى نهائي كأس البطولة الإقليمية بعد فوزه على ضيفه بهدفين مقابل هدف في مباراة مثيرة.",
        "وسيواجه الفريق في المباراة النهائية بطل الموسم الماضي على ملعب العاصمة مطلع الشهر المقبل.",
    ),
    (
        "مهرجان للتمور يستقبل الزوار في الساحة الكبرى",
        "يستقبل مهرجان التمور السنوي زواره في الساحة الكبرى بمشاركة مئتي مزارع يعرضون أكثر من أربعين صنفا.",
        "وقالت اللجنة المنظمة إن المهرجان يتضمن مسابقة لأجود الأصناف وورشا لتعليم الأطفال طرق التعبئة.",
    ),
];

fn add(index: &mut Index, name: &str, k: usize) {
    let (h, a, b) = STORIES[k];
    index.add_file(name, page(h, a, b).as_bytes()).expect("page reads");
}

#[wasm_bindgen_test(unsupported = test)]
fn a_line_on_three_pages_of_a_folder_is_removed_from_all_of_them() {
    assert_eq!(REPEATED_LINE_PAGES, 3);
    let mut index = Index::default();
    add(&mut index, "alwaha/1.txt", 0);
    add(&mut index, "alwaha/2.txt", 1);
    // Two pages: not yet template.
    assert!(index.document("alwaha/1.txt").unwrap().text.contains(NOTICE));
    // Another site's page with the same line does not count.
    add(&mut index, "other/1.txt", 2);
    assert!(index.document("alwaha/2.txt").unwrap().text.contains(NOTICE));
    add(&mut index, "alwaha/3.txt", 2);
    add(&mut index, "alwaha/4.txt", 3);
    for id in ["alwaha/1.txt", "alwaha/2.txt", "alwaha/3.txt", "alwaha/4.txt"] {
        let doc = index.document(id).unwrap();
        assert!(!doc.text.contains(NOTICE) && !doc.text.contains(SLOGAN), "{id}: {}", doc.text);
        assert_eq!(doc.paragraphs().count(), 2, "{id}: the article stays");
        let repeated: Vec<(&str, u32)> = doc
            .removed
            .iter()
            .filter(|r| r.reason == RemovalReason::RepeatedAcrossPages)
            .map(|r| (r.text.as_str(), r.before))
            .collect();
        // Each in its place: the slogan above the article, the notice
        // between its two paragraphs.
        assert_eq!(repeated, [(SLOGAN, 0), (NOTICE, 1)], "{id}");
    }
    assert!(index.document("other/1.txt").unwrap().text.contains(NOTICE));
    let hits = index.search("خدمة الرسائل العاجلة", &SearchOptions::default()).hits;
    let ids: Vec<&str> = hits.iter().map(|h| h.document.id.as_str()).collect();
    assert_eq!(ids, ["other/1.txt"]);
}

#[wasm_bindgen_test(unsupported = test)]
fn replacing_a_page_does_not_count_twice_and_records_are_left_alone() {
    let mut index = Index::default();
    for _ in 0..3 {
        add(&mut index, "alwaha/1.txt", 0);
    }
    add(&mut index, "alwaha/2.txt", 1);
    assert!(index.document("alwaha/1.txt").unwrap().text.contains(NOTICE));
    let line =
        |id: u32| format!("{{\"id\": \"r{id}\", \"title\": \"نشرة\", \"text\": \"{NOTICE}\"}}");
    let records = (1..=4).map(line).collect::<Vec<_>>().join("\n");
    index.add_file("alwaha/records.jsonl", records.as_bytes()).unwrap();
    assert!(index.document("r4").unwrap().text.contains(NOTICE));
}
