//! Hostile input: every bad file gets an error naming it, no query fails, no
//! bytes make the index panic, and earlier documents stay searchable.

use fahras::{read_file, Combine, Document, ErrorKind, Index, SearchOptions};
use wasm_bindgen_test::wasm_bindgen_test;

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn bytes(&mut self, max: usize) -> Vec<u8> {
        let n = (self.next() % max as u64) as usize;
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn base() -> Index {
    let mut index = Index::default();
    index.add(Document::new("a", "قمّة أستانا", "وصل الزعماء إلى العاصمة الكازاخستانية.")).unwrap();
    index
}

fn still_searchable(index: &Index) {
    let r = index.search("استانا", &SearchOptions::default());
    assert_eq!(r.hits.first().map(|h| h.document.id.as_str()), Some("a"));
}

fn file_error(name: &str, bytes: &[u8]) -> String {
    match read_file(name, bytes) {
        Ok(c) => panic!("{name} should not load, got {} documents", c.documents.len()),
        Err(e) => {
            assert!(matches!(e.kind(), ErrorKind::File { .. }));
            let msg = e.to_string();
            assert!(msg.starts_with(&format!("{name}: ")), "the error names the file: {msg}");
            msg
        }
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn bad_files_get_clear_errors_naming_the_file() {
    assert!(file_error("empty.txt", b"").contains("empty"));
    assert!(file_error("blank.txt", b"  \n\t\n").contains("no text"));
    assert!(file_error("junk.txt", &[0x00, 0x9f, 0x92, 0x96, 0x00, 0x01, 0x02]).contains("binary"));
    let e = file_error("latin1.txt", b"caf\xe9 au lait");
    assert!(e.contains("not valid UTF-8") && e.contains("offset 3"), "{e}");
    let e = file_error("broken.json", r#"[{"id": "1", "text": "نص"#.as_bytes());
    assert!(e.contains("invalid JSON"), "{e}");
    assert!(file_error("scalar.json", b"42").contains("neither an object nor an array"));
    assert!(file_error("none.jsonl", b"{oops\n[1,2]\n").contains("no document"));
    assert!(file_error("odd.txt", &[0xFF, 0xFE, 0x27, 0x06, 0x44]).contains("UTF-16"));
}

#[wasm_bindgen_test(unsupported = test)]
fn a_five_megabyte_single_line_indexes_and_searches() {
    let mut index = base();
    let line = "كلمة عربية طويلة جدا ".repeat(140_000) + "النهاية";
    assert!(line.len() >= 5_000_000);
    let doc = read_file("huge.txt", line.as_bytes()).unwrap().documents.remove(0);
    assert!(doc.title.chars().count() <= 201, "the title of a one-line file is shortened");
    index.add(doc).unwrap();
    let r = index.search("النهاية", &SearchOptions::default());
    assert_eq!(r.total, 1);
    let r = index.search("عربية", &SearchOptions { snippets: true, ..SearchOptions::default() });
    assert_eq!(r.total, 1);
    assert!(r.hits[0].snippet.text.chars().count() < 300);
    still_searchable(&index);
}

#[wasm_bindgen_test(unsupported = test)]
fn a_single_giant_word_is_not_indexed_but_does_no_harm() {
    let mut index = base();
    let word = "ب".repeat(1_000_000);
    index.add(Document::new("w", "كلمة", &word)).unwrap();
    assert_eq!(index.search(&word, &SearchOptions::default()).total, 0);
    still_searchable(&index);
}

#[wasm_bindgen_test(unsupported = test)]
fn queries_that_normalize_to_nothing_return_no_hits() {
    let index = base();
    for q in [
        "",
        "   ",
        "!!!",
        "؟،؛«»",
        "\u{064E}\u{0651}",
        "ـــ",
        "\"\"",
        "-",
        "*",
        "OR",
        "- OR *",
        "\u{200F}\u{200E}",
    ] {
        let r = index.search(q, &SearchOptions::default());
        assert_eq!(r.total, 0, "query {q:?}");
        let r =
            index.search(q, &SearchOptions { combine: Combine::Or, ..SearchOptions::default() });
        assert_eq!(r.total, 0, "query {q:?} (or)");
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn a_thousand_random_byte_strings_as_queries_never_fail() {
    let index = base();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for _ in 0..1000 {
        let q = String::from_utf8_lossy(&rng.bytes(80)).into_owned();
        let _ = index.search(&q, &SearchOptions::default());
        let q: String = (0..rng.next() % 40)
            .map(|_| char::from_u32(0x0600 + (rng.next() % 0x100) as u32).unwrap_or(' '))
            .collect();
        let _ =
            index.search(&q, &SearchOptions { combine: Combine::Or, ..SearchOptions::default() });
    }
    let long = "\"".repeat(5000) + &"-OR* ".repeat(5000);
    let _ = index.search(&long, &SearchOptions::default());
    still_searchable(&index);
}

#[wasm_bindgen_test(unsupported = test)]
fn a_thousand_random_byte_strings_as_files_never_panic() {
    let mut index = base();
    let mut rng = Rng(0x0dd_f00d_cafe_0002);
    let names = ["r.txt", "r.json", "r.jsonl", "r.md", "r"];
    for i in 0..1000 {
        let name = names[i % names.len()];
        let mut bytes = rng.bytes(200);
        if i % 7 == 0 {
            bytes.splice(0..0, [0xFF, 0xFE]);
        }
        if let Ok(contents) = read_file(name, &bytes) {
            for doc in contents.documents {
                let _ = index.add(doc);
            }
        }
    }
    still_searchable(&index);
}

#[wasm_bindgen_test(unsupported = test)]
fn random_and_truncated_index_bytes_are_errors_not_panics() {
    let mut index = base();
    index.add(Document::new("b", "طريق الحرير", "يمر الطريق عبر آسيا الوسطى")).unwrap();
    let bytes = index.to_bytes();
    for cut in 0..bytes.len() {
        assert!(Index::from_bytes(&bytes[..cut]).is_err(), "prefix of {cut} bytes loaded");
    }
    let mut rng = Rng(0xfeed_beef_0003);
    for _ in 0..500 {
        let mut b = bytes.clone();
        let at = (rng.next() as usize) % b.len();
        b[at] ^= (rng.next() as u8) | 1;
        assert!(Index::from_bytes(&b).is_err());
        let junk = rng.bytes(300);
        assert!(Index::from_bytes(&junk).is_err());
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn a_document_needs_an_id() {
    let mut index = base();
    let err = index.add(Document::new("  ", "عنوان", "نص")).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Document { .. }));
    still_searchable(&index);
}

#[wasm_bindgen_test(unsupported = test)]
fn a_long_phrase_over_a_repetitive_document_stays_fast() {
    let mut index = base();
    let body = format!("ج {}", "ب ".repeat(100_000));
    index.add(Document::new("rep", "", &body)).unwrap();
    // cut to its first MAX_PHRASE_WORDS words, which follow each other here
    let query = format!("\"{}ج\"", "ب ".repeat(490));
    assert_eq!(index.search(&query, &SearchOptions::default()).total, 1);
    let query = format!("\"ج {}\"", "ب ".repeat(40));
    assert_eq!(index.search(&query, &SearchOptions::default()).total, 1);
    assert_eq!(index.search("\"ب ج\"", &SearchOptions::default()).total, 0);
    still_searchable(&index);
}

#[wasm_bindgen_test(unsupported = test)]
fn markdown_with_many_brackets_reads_in_linear_time() {
    let md = format!("# عنوان\n{}", "[".repeat(300_000));
    let got = read_file("notes.md", md.as_bytes()).unwrap();
    assert_eq!(got.documents[0].text.len(), 300_000);
}

#[wasm_bindgen_test(unsupported = test)]
fn a_huge_snippet_length_is_capped() {
    let mut index = base();
    index.add(Document::new("many", "", "ب ".repeat(130_000))).unwrap();
    let opts =
        SearchOptions { snippets: true, snippet_chars: usize::MAX, ..SearchOptions::default() };
    let r = index.search("ب", &opts);
    assert!(r.hits[0].snippet.text.chars().count() <= fahras::MAX_SNIPPET_CHARS + 4);
}

#[wasm_bindgen_test(unsupported = test)]
fn extreme_ranking_weights_give_finite_scores() {
    let options = fahras::IndexOptions {
        ranking: fahras::RankingWeights { b: 1.0, k1: 0.0, title: 0.0, ..Default::default() },
        ..Default::default()
    };
    let mut index = Index::new(options);
    index.add(Document::new("a", "", "قمة استانا")).unwrap();
    index.add(Document::new("b", "قمة", "قمة قمة قمة استانا")).unwrap();
    let r = index.search("قمة", &SearchOptions::default());
    assert_eq!(r.total, 2);
    assert!(
        r.hits.iter().all(|h| h.score.is_finite()),
        "{:?}",
        r.hits.iter().map(|h| h.score).collect::<Vec<_>>()
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn stray_nul_bytes_are_removed_with_a_warning_and_binary_is_refused() {
    let mut page = "قمة أستانا\nوصل الزعماء إلى العاصمة لحضور القمة الإقليمية وبحث ملفات الطاقة والنقل والتجارة بين دول المنطقة."
        .repeat(4)
        .into_bytes();
    page.insert(40, 0);
    page.insert(200, 0);
    let got = read_file("nul.txt", &page).expect("a few stray NULs do not make a file binary");
    assert_eq!(got.warnings, ["2 stray NUL bytes were removed"]);
    assert!(!got.documents[0].text.contains('\0'));
    let mut index = base();
    index.add_file("nul.txt", &page).unwrap();
    let options = SearchOptions { limit: 50, ..SearchOptions::default() };
    let hits = index.search("العاصمة", &options).hits;
    assert!(hits.iter().any(|h| h.document.id == "nul.txt"));
    // Many NULs: binary, refused with the file's name.
    let mut binary = page.clone();
    for i in (0..binary.len()).step_by(50) {
        binary[i] = 0;
    }
    assert!(file_error("many.txt", &binary).contains("binary"));
}

/// The test's own single-byte encoder (the inverse of the decoder's table).
fn encode_single(text: &str, name: &str) -> Vec<u8> {
    // Mostly Arabic letters in both encodings (0xC1..=0xDA), then every
    // byte of the upper half that is not a control.
    let probe: Vec<u8> = (0..6).flat_map(|_| 0xC1..=0xDAu8).chain(0xA0..=0xFF).collect();
    let html = format!("<meta charset=\"{name}\">");
    let mut bytes = html.clone().into_bytes();
    bytes.extend(&probe);
    let (decoded, _) = fahras::decode_detect("probe.html", &bytes).expect("table");
    let table: Vec<char> = decoded[html.len()..].chars().collect();
    text.chars()
        .map(|c| {
            if (c as u32) < 0x80 {
                c as u8
            } else {
                probe[table.iter().position(|&t| t == c).expect("encodable")]
            }
        })
        .collect()
}

#[wasm_bindgen_test(unsupported = test)]
fn a_folder_of_mixed_encodings_reads_each_file_in_its_own() {
    const STORY: &str = "افتتاح معرض الكتاب\nافتتح وزير الثقافة معرض الكتاب الدولي بمشاركة ثلاثمئة دار نشر من عشرين دولة.\nويستمر المعرض عشرة أيام تعقد خلالها ندوات فكرية وأمسيات شعرية وورش للأطفال في قاعات المدينة.";
    let utf16le: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(STORY.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let utf16be: Vec<u8> = STORY.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let bom: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(STORY.bytes()).collect();
    let files: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        ("news/utf8.txt", STORY.as_bytes().to_vec(), Some("UTF-8")),
        ("news/bom.txt", bom, Some("UTF-8")),
        ("news/utf16le.txt", utf16le, Some("UTF-16LE")),
        ("news/utf16be.txt", utf16be, Some("UTF-16BE")),
        ("news/cp1256.txt", encode_single(STORY, "windows-1256"), Some("windows-1256")),
        ("news/iso.txt", encode_single(STORY, "iso-8859-6"), Some("ISO-8859-6")),
        ("news/latin1.txt", b"Caf\xe9 cr\xe8me \xe0 la carte".to_vec(), None),
        ("news/empty.txt", Vec::new(), None),
    ];
    let mut index = Index::default();
    for (name, bytes, encoding) in &files {
        match (index.add_file(name, bytes), encoding) {
            (Ok(got), Some(want)) => {
                assert_eq!(got.encoding.map(|e| e.to_string()).as_deref(), Some(*want), "{name}")
            }
            (Err(e), None) => assert!(e.to_string().starts_with(&format!("{name}: ")), "{e}"),
            (got, want) => panic!("{name}: {got:?}, expected {want:?}"),
        }
    }
    // Six copies of one story in six encodings: one hit, five similar.
    let results = index.search("معرض الكتاب", &SearchOptions::default());
    assert_eq!(results.total, 1);
    assert_eq!(results.hits[0].similar.len(), 5);
    for (name, _, encoding) in &files {
        if encoding.is_some() {
            let doc = index.document(name).unwrap();
            assert_eq!(doc.title, "افتتاح معرض الكتاب", "{name}");
            // Copies of one story are not the site's template lines.
            assert_eq!(doc.paragraphs().count(), 2, "{name}");
        }
    }
}
