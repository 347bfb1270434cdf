//! Adding and removing articles in the page (the `add` feature).

use super::{js_err, string_arg, to_js, with_explorer_mut};
use crate::error::Error;
use wasm_bindgen::prelude::*;

/// Add files to the corpus. `files`: `[{ name: string, bytes: Uint8Array }]`.
/// Returns `[{ name, id, title, text, error }]`: `id`, `title` and the decoded
/// `text` for files that went in, `error` (naming the file) for those refused.
#[wasm_bindgen(js_name = addFiles)]
pub fn add_files(files: JsValue) -> Result<JsValue, JsValue> {
    let list = read_files(&files).map_err(js_err)?;
    with_explorer_mut(|ex| to_js(&ex.add_files(&list)))
}

fn read_files(files: &JsValue) -> Result<Vec<(String, Vec<u8>)>, Error> {
    if !js_sys::Array::is_array(files) {
        return Err(Error::invalid(
            "addFiles expects an array of { name, bytes }",
        ));
    }
    let mut out = Vec::new();
    for (i, item) in js_sys::Array::from(files).iter().enumerate() {
        let field = |k: &str| js_sys::Reflect::get(&item, &JsValue::from_str(k)).ok();
        let name = field("name")
            .and_then(|v| v.as_string())
            .ok_or_else(|| Error::invalid(format!("file {i}: name must be a string")))?;
        let bytes = field("bytes")
            .filter(|v| v.is_instance_of::<js_sys::Uint8Array>())
            .map(|v| js_sys::Uint8Array::from(v).to_vec())
            .ok_or_else(|| Error::invalid(format!("{name}: bytes must be a Uint8Array")))?;
        out.push((name, bytes));
    }
    Ok(out)
}

/// Remove an article added with `addFiles` (built-in ones cannot be removed).
#[wasm_bindgen(js_name = removeArticle)]
pub fn remove_article(id: JsValue) -> Result<(), JsValue> {
    let id = string_arg(&id, "id").map_err(js_err)?;
    with_explorer_mut(|ex| ex.remove_article(&id))
}
