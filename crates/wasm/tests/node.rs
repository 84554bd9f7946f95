//! The bindings under Node (wasm32 only: run with
//! `cargo test -p fahras-wasm --target wasm32-unknown-unknown`): the API shape,
//! thrown errors and UTF-16 ranges, from Rust's side of the boundary.
#![cfg(target_arch = "wasm32")]

use fahras_wasm::{analyze, Index};
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

fn doc(id: &str, title: &str, text: &str) -> JsValue {
    let o = js_sys::Object::new();
    Reflect::set(&o, &"id".into(), &id.into()).unwrap();
    Reflect::set(&o, &"title".into(), &title.into()).unwrap();
    Reflect::set(&o, &"text".into(), &text.into()).unwrap();
    o.into()
}

fn message(err: wasm_bindgen::JsError) -> String {
    let v: JsValue = err.into();
    v.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

#[wasm_bindgen_test]
fn search_returns_plain_objects_with_utf16_ranges() {
    let mut index = Index::new(None).unwrap();
    index.add(doc("1", "😀 قمّة أستانا", "نص عن قمّة إقليميّة في أستانا")).unwrap();
    let options = js_sys::Object::new();
    Reflect::set(&options, &"snippets".into(), &JsValue::TRUE).unwrap();
    let results = index.search("قمة استانا".into(), Some(options.into())).unwrap();
    assert_eq!(get(&results, "total").as_f64(), Some(1.0));
    let hit = Array::from(&get(&results, "hits")).get(0);
    let title = get(&hit, "title").as_string().unwrap();
    let ranges = Array::from(&get(&hit, "titleHighlights"));
    let first = ranges.get(0);
    let (s, e) = (
        get(&first, "start").as_f64().unwrap() as u32,
        get(&first, "end").as_f64().unwrap() as u32,
    );
    let js_title = js_sys::JsString::from(title.as_str());
    assert_eq!(String::from(js_title.slice(s, e)), "قمّة");
}

#[wasm_bindgen_test]
fn errors_are_js_errors_prefixed_with_fahras() {
    let mut index = Index::new(None).unwrap();
    let err = index.add_file("junk.bin", &[0, 1, 2, 0, 255]).unwrap_err();
    assert!(message(err).starts_with("fahras: junk.bin: "));
    let err = Index::load(Uint8Array::from(&b"FHRS\x09\0\0\0xxxxxxxx"[..]).into()).err().unwrap();
    assert!(message(err).starts_with("fahras: index format version 9"));
}

#[wasm_bindgen_test]
fn analyze_gives_utf16_ranges() {
    let tokens = Array::from(&analyze("😀 أستانا").unwrap());
    let t = tokens.get(0);
    assert_eq!(get(&t, "term").as_string().as_deref(), Some("استانا"));
    assert_eq!(get(&t, "start").as_f64(), Some(3.0));
    assert_eq!(get(&t, "end").as_f64(), Some(9.0));
}

#[wasm_bindgen_test]
fn an_index_in_parts_is_opened_from_its_manifest_and_loads_what_a_search_needs() {
    let mut whole = fahras::Index::default();
    whole
        .add(fahras::Document::new("1", "قمة أستانا", "وصل الزعماء إلى أستانا لبحث أمن الطاقة."))
        .unwrap();
    whole
        .add(fahras::Document::new("2", "مهرجان التمور", "انطلق مهرجان التمور في الواحات."))
        .unwrap();
    let parts = whole.to_parts_with(64);
    let bytes = |name: &str| parts.iter().find(|p| p.name == name).unwrap().bytes.clone();
    let manifest = Uint8Array::from(bytes(fahras::MANIFEST_NAME).as_slice());
    let mut index = Index::from_manifest(manifest.into()).unwrap();
    assert!(index.is_partial());
    assert_eq!(index.size(), 2);
    let options = || {
        let o = js_sys::Object::new();
        Reflect::set(&o, &"snippets".into(), &JsValue::TRUE).unwrap();
        Some(JsValue::from(o))
    };
    let mut rounds = 0;
    loop {
        let needed = index.needed_parts("التمور".into(), options()).unwrap();
        if needed.is_empty() {
            break;
        }
        rounds += 1;
        for name in needed {
            index.load_part(&name, &bytes(&name)).unwrap();
        }
    }
    assert_eq!(rounds, 2, "terms, then the shown document");
    let results = index.search("التمور".into(), options()).unwrap();
    let hit = Array::from(&get(&results, "hits")).get(0);
    assert_eq!(get(&hit, "id").as_string().as_deref(), Some("2"));
    assert!(get(&hit, "snippet").as_string().unwrap().contains("التمور"));
    // Another build's part, and saving a partial index: clear errors.
    let err = index.load_part("d/0.fhrp", b"FHRP").unwrap_err();
    assert!(message(err).starts_with("fahras: the index is truncated"));
    let err = index.serialize(None).unwrap_err();
    assert!(message(err).contains("in parts"));
    let err = index.add(doc("3", "خبر", "نص")).unwrap_err();
    assert!(message(err).contains("read-only"));
}
