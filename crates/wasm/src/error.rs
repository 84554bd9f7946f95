//! core::Error → a thrown JS `Error` whose message starts with `fahras:`.

use std::fmt::Display;

use wasm_bindgen::JsError;

/// The JS error for any failure: the message is prefixed with the package
/// name, so callers can tell fahras errors apart.
pub(crate) fn js_error(e: impl Display) -> JsError {
    JsError::new(&format!("fahras: {e}"))
}
