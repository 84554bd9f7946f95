//! Runs `fahras export --format elasticsearch` on a small folder of Arabic
//! news pages and checks the structure of what it writes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn fahras(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_fahras")).args(args).output().expect("runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("utf-8 output");
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fahras-export-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const ASTANA: &str = "\
وزير الخارجية الصيني في أستانا لبحث الربط السككي

نشر في: 14 مايو 2024

أستانا (كازاخستان) - وكالة السهوب: وصل وزير الخارجية الصيني وانغ يي إلى العاصمة \
الكازاخستانية، الثلاثاء، في زيارة تستمر يومين يبحث خلالها مع نظيره الكازاخستاني مراد \
نورتليو مشروعات الربط السككي بين البلدين.

وقال وزير الخارجية الكازاخستاني مراد نورتلو في مؤتمر صحفي إن بكين هي الشريك التجاري الأول \
لبلاده، وإن حجم التبادل بين البلدين بلغ 41 مليار دولار عام 2023.

وأضاف نورتليو أن الرئيس قاسم جومارت توكاييف سيزور الصين في يوليو المقبل، وأن الجانبين \
اتفقا على تسريع العمل في الخط الحديدي الثالث عبر الحدود.
";

const BEIJING: &str = r#"<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>بيجينغ تستضيف منتدى الحزام والطريق | الرائد</title>
<meta property="og:site_name" content="الرائد">
<meta property="article:published_time" content="2024-10-16T09:00:00+03:00">
<link rel="canonical" href="https://example.org/news/belt-and-road-forum">
</head>
<body>
<nav><ul><li><a href="/">الرئيسية</a><li><a href="/world">العالم</a></ul></nav>
<article>
<h1>بيجينغ تستضيف منتدى الحزام والطريق</h1>
<p>تستضيف العاصمة الصينية بيجينغ، من 17 إلى 18 أكتوبر/تشرين الأول 2024، الدورة الرابعة لمنتدى الحزام والطريق للتعاون الدولي بمشاركة وفود من أكثر من ١٣٠ دولة.</p>
<p>وقال الأمين العام للأمم المتحدة أنطونيو غوتيريش في رسالة إلى المنتدى إن مشروعات البنية التحتية في آسيا الوسطى تحتاج إلى تمويل طويل الأجل.</p>
<p>ويأتي المنتدى بعد عشر سنوات على إطلاق المبادرة، التي تقول الصين إنها مولت مشروعات في أكثر من مئة وخمسين دولة.</p>
</article>
<footer>جميع الحقوق محفوظة © الرائد</footer>
</body>
</html>
"#;

const SILK_ROAD: &str = "\
# قطار الشحن الأول بين الصين وأوروبا عبر قزوين

وصل أول قطار شحن منتظم من مدينة شيآن الصينية إلى ميناء أكتاو على بحر قزوين يوم 3 سبتمبر \
2024، قبل أن تنقل حاوياته بالعبارات إلى أذربيجان ثم إلى جورجيا.

وقالت شركة السكك الحديدية الكازاخستانية إن الرحلة استغرقت ثمانية عشر يوماً، أي نصف المدة \
عبر الطريق البحري، وإنها تخطط لتسيير رحلتين أسبوعياً بين 2025 و2026.
";

const WIRE: &str = r#"{"id": "wire-1", "title": "افتتاح معبر حدودي جديد بين كازاخستان وأوزبكستان", "text": "افتتحت كازاخستان وأوزبكستان معبراً حدودياً جديداً للشاحنات، في خطوة تقول الحكومتان إنها ستختصر زمن العبور إلى النصف.", "date": "2024-10-18T07:30:00Z", "source": "وكالة السهوب"}
{"id": "wire-2", "title": "موسم حصاد القطن في طاجيكستان", "text": "بدأ موسم حصاد القطن في طاجيكستان وسط توقعات بمحصول أكبر من العام الماضي.", "date": "منتصف أكتوبر", "source": "الرائد"}
"#;

/// Writes the fixture folder: four readable files (six documents), one
/// empty file, one binary file, and a file with an unknown extension.
fn fixture(dir: &Path) {
    std::fs::write(dir.join("a-astana.txt"), ASTANA).unwrap();
    std::fs::write(dir.join("b-beijing.html"), BEIJING).unwrap();
    std::fs::write(dir.join("c-silk-road.md"), SILK_ROAD).unwrap();
    std::fs::write(dir.join("d-wire.jsonl"), WIRE).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("junk.json"), [0u8, 159, 146, 150, 1, 2]).unwrap();
    std::fs::write(dir.join("photo.png"), [137u8, 80, 78, 71]).unwrap();
}

/// Exports the fixture to `<dir>/out` with `--index news`.
fn export(name: &str) -> (PathBuf, String, String) {
    let dir = temp(name);
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    fixture(&pages);
    let out = dir.join("out");
    let (code, stdout, stderr) = fahras(&[
        "export",
        "--format",
        "elasticsearch",
        pages.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--index",
        "news",
    ]);
    assert_eq!(code, 0, "{stderr}");
    (dir, stdout, stderr)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn is_iso(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn bulk_ndjson_alternates_actions_and_documents_with_entities_and_dates() {
    let (dir, stdout, stderr) = export("bulk");
    assert!(
        stdout.starts_with("exported 5 documents from 4 files (2 could not be read)"),
        "{stdout}"
    );
    assert!(stdout.contains("curl -X PUT 'http://localhost:9200/news'"), "{stdout}");
    assert!(stdout.contains("_bulk") && stdout.contains("bulk.ndjson"), "{stdout}");
    assert!(stderr.contains("empty.txt: the file is empty"), "{stderr}");
    assert!(stderr.contains("junk.json: this looks like binary data"), "{stderr}");
    assert!(!stderr.contains("photo.png"), "{stderr}");
    assert!(dir.join("out/README.txt").is_file());

    let bulk = std::fs::read_to_string(dir.join("out/bulk.ndjson")).unwrap();
    assert!(bulk.ends_with('\n'), "a bulk body ends with a newline");
    let lines: Vec<Value> = bulk
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 10);
    let mut ids = HashSet::new();
    let mut docs = Vec::new();
    for pair in lines.chunks(2) {
        let (action, doc) = (&pair[0], &pair[1]);
        let meta = action["index"].as_object().expect("an index action");
        assert_eq!(meta.len(), 2, "{action}");
        assert_eq!(meta["_index"], "news");
        let id = meta["_id"].as_str().unwrap();
        assert!(ids.insert(id.to_string()), "id {id} twice");
        assert_eq!(doc["id"], id);
        for field in ["title", "text"] {
            assert!(doc[field].as_str().is_some_and(|s| !s.is_empty()), "{field}: {doc}");
        }
        if let Some(date) = doc.get("date") {
            assert!(is_iso(date.as_str().unwrap()), "{date}");
        }
        for e in doc["entities"].as_array().unwrap() {
            assert!(e["name"].as_str().is_some_and(|s| !s.is_empty()), "{e}");
            assert!(["PER", "LOC", "ORG"].contains(&e["type"].as_str().unwrap()), "{e}");
            assert!(!strings(&e["variants"]).is_empty(), "{e}");
            assert!(e["mentions"].as_u64().is_some_and(|n| n >= 1), "{e}");
        }
        for field in ["persons", "places", "organisations"] {
            strings(&doc[field]);
        }
        for d in strings(&doc["dates"]) {
            assert!(d.split('/').all(is_iso), "{d}");
        }
        for r in doc["date_ranges"].as_array().unwrap() {
            let (gte, lte) = (r["gte"].as_str().unwrap(), r["lte"].as_str().unwrap());
            assert!(gte.len() == 10 && is_iso(gte) && is_iso(lte) && gte <= lte, "{r}");
        }
        docs.push(doc.clone());
    }
    let doc =
        |suffix: &str| docs.iter().find(|d| d["id"].as_str().unwrap().ends_with(suffix)).unwrap();

    let astana = doc("a-astana.txt");
    assert_eq!(astana["date"], "2024-05-14");
    assert_eq!(astana["source"], "وكالة السهوب");
    assert_eq!(astana["place"], "أستانا");
    assert!(strings(&astana["places"]).contains(&"بكين"), "{astana}");
    assert!(strings(&astana["places"]).contains(&"كازاخستان"), "{astana}");
    assert!(strings(&astana["persons"]).contains(&"مراد نورتليو"), "{astana}");
    let minister = astana["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "مراد نورتليو")
        .unwrap();
    assert_eq!(minister["type"], "PER");
    assert!(strings(&minister["variants"]).contains(&"مراد نورتلو"), "{minister}");
    assert!(strings(&astana["dates"]).contains(&"2024-07"), "يوليو المقبل: {astana}");

    let beijing = doc("b-beijing.html");
    assert_eq!(beijing["date"], "2024-10-16");
    assert_eq!(beijing["url"], "https://example.org/news/belt-and-road-forum");
    assert!(strings(&beijing["places"]).contains(&"بكين"), "بيجينغ is بكين: {beijing}");
    assert!(strings(&beijing["organisations"]).contains(&"الأمم المتحدة"), "{beijing}");
    assert_eq!(strings(&beijing["dates"]), ["2024-10-17/2024-10-18"]);
    assert_eq!(beijing["date_ranges"][0]["lte"], "2024-10-18");
    assert!(!beijing["text"].as_str().unwrap().contains("الرئيسية"), "navigation is removed");

    let silk = doc("c-silk-road.md");
    assert!(silk.get("date").is_none());
    assert!(strings(&silk["dates"]).contains(&"2024-09-03"), "{silk}");
    assert_eq!(doc("wire-1")["date"], "2024-10-18");
    assert!(doc("wire-2").get("date").is_none());
    assert_eq!(doc("wire-2")["date_text"], "منتصف أكتوبر");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn index_definition_has_the_fahras_arabic_analyzer_synonyms_and_typed_fields() {
    let (dir, _, _) = export("definition");
    let text = std::fs::read_to_string(dir.join("out/index.json")).unwrap();
    let def: Value = serde_json::from_str(&text).unwrap();
    let analysis = &def["settings"]["analysis"];

    let analyzer = &analysis["analyzer"]["fahras_arabic"];
    assert_eq!(analyzer["type"], "custom");
    assert_eq!(analyzer["tokenizer"], "standard");
    assert_eq!(strings(&analyzer["filter"]), ["lowercase", "arabic_stem"]);
    let search = &analysis["analyzer"]["fahras_arabic_search"];
    assert_eq!(strings(&search["filter"]).last(), Some(&"fahras_spellings"));
    for name in strings(&analyzer["char_filter"]) {
        assert!(analysis["char_filter"][name].is_object(), "char filter {name} is not defined");
    }

    let normalize = &analysis["char_filter"]["fahras_normalize"];
    assert_eq!(normalize["type"], "mapping");
    let mappings = strings(&normalize["mappings"]);
    for rule in ["أ=>ا", "إ=>ا", "ى=>ي", "ة=>ه", "٢=>2", "\\u0640=>", "\\u0651=>"] {
        assert!(mappings.contains(&rule), "{rule} missing");
    }
    let mut froms: Vec<&str> = mappings.iter().map(|m| m.split("=>").next().unwrap()).collect();
    froms.sort_unstable();
    let count = froms.len();
    froms.dedup();
    assert_eq!(froms.len(), count, "a character is mapped twice");

    let spellings = &analysis["filter"]["fahras_spellings"];
    assert_eq!(spellings["type"], "synonym_graph");
    let lines = strings(&spellings["synonyms"]);
    let set = |name: &str| {
        lines.iter().find(|l| l.split(", ").any(|f| f == name)).copied().unwrap_or_default()
    };
    let beijing: Vec<&str> = set("بكين").split(", ").collect();
    assert!(beijing.contains(&"بيجينغ"), "{beijing:?}");
    assert_eq!(set("مراد نورتليو"), "مراد نورتليو, مراد نورتلو", "seen in the collection");
    assert!(lines.iter().all(|l| l.split(", ").count() >= 2));
    assert_eq!(analysis["normalizer"]["fahras_folded"]["char_filter"][0], "fahras_normalize");

    let properties = &def["mappings"]["properties"];
    let types = [
        ("id", "keyword"),
        ("title", "text"),
        ("text", "text"),
        ("source", "keyword"),
        ("place", "keyword"),
        ("url", "keyword"),
        ("date", "date"),
        ("date_text", "keyword"),
        ("duplicate_of", "keyword"),
        ("entities", "nested"),
        ("persons", "keyword"),
        ("places", "keyword"),
        ("organisations", "keyword"),
        ("dates", "keyword"),
        ("date_ranges", "date_range"),
    ];
    for (field, kind) in types {
        assert_eq!(properties[field]["type"], kind, "{field}");
    }
    assert_eq!(properties["text"]["analyzer"], "fahras_arabic");
    assert_eq!(properties["text"]["search_analyzer"], "fahras_arabic_search");
    assert_eq!(properties["entities"]["properties"]["mentions"]["type"], "integer");
    assert_eq!(properties["source"]["fields"]["folded"]["normalizer"], "fahras_folded");

    // Every field of every exported document is mapped.
    let bulk = std::fs::read_to_string(dir.join("out/bulk.ndjson")).unwrap();
    for line in bulk.lines().skip(1).step_by(2) {
        let doc: Value = serde_json::from_str(line).unwrap();
        for field in doc.as_object().unwrap().keys() {
            assert!(properties[field].is_object(), "{field} is not mapped");
        }
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn near_duplicates_carry_the_id_of_their_original() {
    let dir = temp("dupes");
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/dupes");
    let out = dir.join("out");
    let (code, _, stderr) = fahras(&[
        "export",
        "--format",
        "elasticsearch",
        data.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let bulk = std::fs::read_to_string(out.join("bulk.ndjson")).unwrap();
    let docs: Vec<Value> =
        bulk.lines().skip(1).step_by(2).map(|l| serde_json::from_str(l).unwrap()).collect();
    let copy = docs.iter().find(|d| d.get("duplicate_of").is_some()).expect("a copy");
    assert!(copy["id"].as_str().unwrap().ends_with("b-wire.txt"), "{copy}");
    assert!(copy["duplicate_of"].as_str().unwrap().ends_with("a-portal.txt"), "{copy}");
    assert!(bulk.lines().next().unwrap().contains("\"_index\":\"fahras\""));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn export_needs_a_format_an_output_folder_and_a_valid_index_name() {
    let (code, _, stderr) = fahras(&["export", "x.txt", "-o", "out"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("export needs --format elasticsearch"), "{stderr}");
    let (code, _, stderr) = fahras(&["export", "--format", "solr", "x.txt", "-o", "out"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not \"solr\""), "{stderr}");
    let (code, _, stderr) = fahras(&["export", "--format", "elasticsearch", "x.txt"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("export needs -o"), "{stderr}");
    let args = ["export", "--format", "elasticsearch", "x.txt", "-o", "out", "--index", "News"];
    let (code, _, stderr) = fahras(&args);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not an Elasticsearch index name"), "{stderr}");
    let (code, stdout, _) = fahras(&["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("fahras export --format elasticsearch"), "{stdout}");
}
