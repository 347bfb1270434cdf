//! Loading text shards (the `shards` feature).

use super::{js_err, with_explorer_mut};
use crate::error::Error;
use wasm_bindgen::prelude::*;

/// Load one text shard file's bytes (a `Uint8Array` fetched from
/// `text/NAME`). `keep`: keep every shard loaded from now on (the tables and
/// adding articles need the whole text); otherwise the oldest are dropped
/// past 2 MB. Returns the shard number. A bad or foreign file
/// throws, and nothing loaded is lost.
#[wasm_bindgen(js_name = loadText)]
pub fn load_text(bytes: JsValue, keep: Option<bool>) -> Result<u32, JsValue> {
    if !bytes.is_instance_of::<js_sys::Uint8Array>() {
        return Err(js_err(Error::invalid("bytes must be a Uint8Array")));
    }
    let bytes = js_sys::Uint8Array::from(bytes).to_vec();
    with_explorer_mut(|ex| ex.load_text(&bytes, keep.unwrap_or(false)))
}
