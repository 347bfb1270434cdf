//! The summary tables and the reader's corrections (the `tables` feature).

use super::{js_err, string_arg, to_js, with_explorer, with_explorer_mut};
use crate::error::Error;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The rows of one table, of article `id` (checked) or of all when `id` is absent.
fn rows_of<T: Serialize>(
    id: &JsValue,
    table: fn(&crate::tables::Tables) -> &[T],
    article: fn(&T) -> &str,
) -> Result<JsValue, JsValue> {
    let only = if id.is_undefined() || id.is_null() {
        None
    } else {
        Some(string_arg(id, "id").map_err(js_err)?)
    };
    with_explorer(|ex| {
        if let Some(id) = &only {
            ex.article(id)?;
        }
        let rows: Vec<&T> = table(ex.tables()?)
            .iter()
            .filter(|r| only.as_deref().is_none_or(|i| article(r) == i))
            .collect();
        to_js(&rows)
    })
}

/// Every summary table: `{ articles, entities, figures, quotes, dates, across,
/// textTables, rates }` (row shapes in the README).
#[wasm_bindgen]
pub fn tables() -> Result<JsValue, JsValue> {
    with_explorer(|ex| to_js(ex.tables()?))
}

/// Set the reader's corrections of the entity tables (replacing any before):
/// `[{ op: "rename", name, kind, to } | { op: "merge", name, kind, into,
/// intoKind } | { op: "retype", name, kind, to } | { op: "hide", name, kind }]`,
/// applied in order after the corpus's own. Returns `[{ ok, message }]`, one
/// per correction; one that does not fit changes nothing and says why.
#[wasm_bindgen(js_name = setCorrections)]
pub fn set_corrections(list: JsValue) -> Result<JsValue, JsValue> {
    if !js_sys::Array::is_array(&list) {
        return Err(js_err(Error::invalid(
            "setCorrections expects an array of corrections",
        )));
    }
    let parsed: Vec<crate::corrections::Correction> = serde_wasm_bindgen::from_value(list)
        .map_err(|e| js_err(Error::invalid(format!("a correction is malformed: {e}"))))?;
    with_explorer_mut(|ex| to_js(&ex.set_corrections(parsed)?))
}

/// What became of every correction, the corpus's own first: `[{ ok, message }]`
/// (after the tables were built).
#[wasm_bindgen(js_name = correctionOutcomes)]
pub fn correction_outcomes() -> Result<JsValue, JsValue> {
    with_explorer(|ex| to_js(&ex.correction_outcomes()))
}

/// The corpus's own corrections (its `corrections.json`), as `setCorrections` takes them.
#[wasm_bindgen(js_name = builtinCorrections)]
pub fn builtin_corrections() -> Result<JsValue, JsValue> {
    with_explorer(|ex| to_js(&ex.builtin_corrections()))
}

/// Entities × articles: `[{ name, kind, aliases, roles, mentions, articles, perArticle, at }]`.
#[wasm_bindgen]
pub fn entities() -> Result<JsValue, JsValue> {
    with_explorer(|ex| to_js(&ex.tables()?.entities))
}

/// Money and percentages, of one article (`id`) or of all.
#[wasm_bindgen]
pub fn figures(id: JsValue) -> Result<JsValue, JsValue> {
    rows_of(&id, |t| &t.figures, |r| &r.article)
}

/// Quotations with their speakers, of one article (`id`) or of all.
#[wasm_bindgen]
pub fn quotes(id: JsValue) -> Result<JsValue, JsValue> {
    rows_of(&id, |t| &t.quotes, |r| &r.article)
}

/// The concordance of `query` (keyword in context): `{ lines: [{ id, left,
/// match, right, at }], matches, articles }`, every match in the articles
/// the search finds (the best 1,000; at most `limit` lines, default 5,000, up to 20,000),
/// with the same resolved query as `search` and `highlight` (`prefix`: the
/// last word is a prefix). `at` opens the reader at the match (its focus).
#[wasm_bindgen]
pub fn concordance(
    query: JsValue,
    prefix: Option<bool>,
    limit: Option<f64>,
) -> Result<JsValue, JsValue> {
    let query = string_arg(&query, "query").map_err(js_err)?;
    let limit = match limit {
        None => 5_000,
        Some(v)
            if v.is_finite()
                && v >= 1.0
                && v.fract() == 0.0
                && v <= crate::explorer::MAX_LINES as f64 =>
        {
            v as usize
        }
        Some(_) => {
            return Err(js_err(Error::invalid(format!(
                "limit must be a whole number from 1 to {}",
                crate::explorer::MAX_LINES
            ))))
        }
    };
    with_explorer(|ex| to_js(&ex.concordance(&query, prefix.unwrap_or(false), limit)?))
}
