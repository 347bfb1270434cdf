//! The wasm boundary: every `#[wasm_bindgen]` item lives here.
//!
//! Each export returns `Result<_, JsValue>`: errors reach JavaScript as
//! thrown `Error`s with a readable message and a `name` that says which
//! case it is (`InvalidInput`, `CorruptData`, `NoArticle`,
//! `TextNotLoaded`, the last with a `shards` array of the files to load). Values cross as plain objects
//! (serde, JSON-compatible). Text offsets given to JavaScript are UTF-16
//! code units.

use crate::error::Error;
use crate::explorer::Explorer;
use crate::highlight::Highlighted;
use crate::model::{Block, Location, Meta, Segment, Table};
use crate::search::{Mode, SearchOptions, MAX_LIMIT};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[cfg(feature = "add")]
mod add;
#[cfg(feature = "tables")]
mod tables;
#[cfg(feature = "shards")]
mod text;

/// The corpus blob built into this module.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

thread_local! {
    static EXPLORER: RefCell<Option<Result<Explorer, Error>>> = const { RefCell::new(None) };
}

fn with_explorer<T>(f: impl FnOnce(&Explorer) -> Result<T, Error>) -> Result<T, JsValue> {
    with_explorer_mut(|ex| f(ex))
}

fn with_explorer_mut<T>(f: impl FnOnce(&mut Explorer) -> Result<T, Error>) -> Result<T, JsValue> {
    EXPLORER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let loaded = slot.get_or_insert_with(|| {
            if EMBEDDED.is_empty() {
                Err(Error::invalid(
                    "no corpus was built into this module (build it with ./build.sh)",
                ))
            } else {
                Explorer::from_static(EMBEDDED)
            }
        });
        match loaded {
            Ok(explorer) => f(explorer).map_err(js_err),
            Err(e) => Err(js_err(e.clone())),
        }
    })
}

/// A string argument. Exports take `JsValue` rather than `&str`: the
/// generated glue does not check types, and a number passed for a `&str`
/// corrupts the allocator (found by the hostile-arguments browser test).
fn string_arg(value: &JsValue, name: &str) -> Result<String, Error> {
    value
        .as_string()
        .ok_or_else(|| Error::invalid(format!("{name} must be a string")))
}

/// The JavaScript `Error` for a core error: its message, `name` the case,
/// and for text not loaded yet a `shards` array naming the files to load.
fn js_err(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name(e.kind());
    if let Error::TextNotLoaded { shards, .. } = &e {
        let list: js_sys::Array = shards.iter().map(|s| JsValue::from_str(s)).collect();
        // Setting a property of a fresh Error cannot fail.
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str("shards"), &list);
    }
    err.into()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, Error> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::invalid(format!("could not return the result: {e}")))
}

fn whole(value: Option<f64>, name: &str, default: usize, max: usize) -> Result<usize, Error> {
    match value {
        None => Ok(default),
        Some(v) if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= max as f64 => {
            Ok(v as usize)
        }
        Some(_) => Err(Error::invalid(format!(
            "options.{name} must be a whole number from 0 to {max}"
        ))),
    }
}

fn search_options(options: JsValue) -> Result<SearchOptions, Error> {
    if options.is_undefined() || options.is_null() {
        return Ok(SearchOptions::default());
    }
    if !options.is_object() {
        return Err(Error::invalid("invalid search options: expected an object"));
    }
    const KNOWN: [&str; 5] = ["limit", "offset", "mode", "prefix", "details"];
    for key in js_sys::Object::keys(&js_sys::Object::from(options.clone())).iter() {
        let key = key.as_string().unwrap_or_default();
        if !KNOWN.contains(&key.as_str()) {
            return Err(Error::invalid(format!(
                "invalid search options: unknown option \"{key}\" (known: limit, offset, mode, prefix, details)"
            )));
        }
    }
    // Read field by field (no serde deserialiser in the module: smaller).
    let get = |k: &str| {
        js_sys::Reflect::get(&options, &JsValue::from_str(k))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    // A field of one type, or a clear error naming what it must be.
    fn typed<T>(
        v: Option<JsValue>,
        k: &str,
        what: &str,
        f: fn(&JsValue) -> Option<T>,
    ) -> Result<Option<T>, Error> {
        v.map(|v| f(&v).ok_or_else(|| Error::invalid(format!("options.{k} must be {what}"))))
            .transpose()
    }
    let number = |k: &str| typed(get(k), k, "a number", JsValue::as_f64);
    let flag = |k: &str| typed(get(k), k, "true or false", JsValue::as_bool);
    let mode = match get("mode").map(|v| v.as_string()) {
        None => Mode::Auto,
        Some(Some(m)) if m == "auto" => Mode::Auto,
        Some(Some(m)) if m == "all" => Mode::All,
        Some(Some(m)) if m == "any" => Mode::Any,
        Some(other) => {
            return Err(Error::invalid(format!(
                "options.mode must be 'auto', 'all' or 'any', not '{}'",
                other.unwrap_or_default()
            )))
        }
    };
    let limit = whole(number("limit")?, "limit", 10, MAX_LIMIT)?.max(1);
    Ok(SearchOptions {
        limit,
        offset: whole(number("offset")?, "offset", 0, u32::MAX as usize)?,
        mode,
        prefix: flag("prefix")?.unwrap_or(false),
        details: flag("details")?.unwrap_or(true),
    })
}

/// Search the corpus. `options`: `{ limit?, offset?, mode?: 'auto'|'all'|'any', prefix?, details? }`
/// (`details: false` leaves out snippets, terms and explanations).
/// Returns `{ total, hits: [{ id, title, score, snippet, partial, terms, explain }], suggestion }`.
#[wasm_bindgen]
pub fn search(query: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let query = string_arg(&query, "query").map_err(js_err)?;
    let opts = search_options(options).map_err(js_err)?;
    with_explorer(|ex| to_js(&ex.search(&query, opts)))
}

/// Completions for a partly typed query (at most `limit`, default 8).
#[wasm_bindgen]
pub fn suggest(prefix: JsValue, limit: Option<u32>) -> Result<JsValue, JsValue> {
    let prefix = string_arg(&prefix, "prefix").map_err(js_err)?;
    let limit = limit.unwrap_or(8) as usize;
    with_explorer(|ex| to_js(&ex.suggest(&prefix, limit)))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArticleView<'a> {
    id: &'a str,
    title: &'a str,
    title_derived: bool,
    paragraphs: Vec<&'a str>,
    blocks: &'a [Block],
    tables: &'a [Table],
    meta: &'a Meta,
}

/// One article: `{ id, title, titleDerived, paragraphs, blocks, tables, meta }`.
#[wasm_bindgen]
pub fn article(id: JsValue) -> Result<JsValue, JsValue> {
    let id = string_arg(&id, "id").map_err(js_err)?;
    with_explorer(|ex| {
        let a = ex.article_with_text(&id)?;
        to_js(&ArticleView {
            id: &a.id,
            title: &a.title,
            title_derived: a.title_derived,
            paragraphs: a.paragraphs(),
            blocks: &a.blocks,
            tables: &a.tables,
            meta: &a.meta,
        })
    })
}

/// Every article: `[{ id, title, titleDerived, words }]`.
#[wasm_bindgen]
pub fn articles() -> Result<JsValue, JsValue> {
    with_explorer(|ex| to_js(&ex.articles()))
}

/// The article with every match of `query` marked:
/// `{ id, title, blocks: [{ kind, html, table }], tables, ranges, matches }`
/// (`ranges`: locations `{ segment, start, end }`). `focus` (optional) is a
/// location too, `{ segment: { in: "title" } | { in: "block", block } |
/// { in: "cell", table, row, col }, start, end }` in UTF-16 code units, also
/// marked: the sentence a table row points to (its `at.sentence`).
/// `prefix`: the last word is a prefix, as in `search(query, { prefix: true })`,
/// so the reader marks what the list matched.
#[wasm_bindgen]
pub fn highlight(
    id: JsValue,
    query: JsValue,
    focus: JsValue,
    prefix: Option<bool>,
) -> Result<JsValue, JsValue> {
    let id = string_arg(&id, "id").map_err(js_err)?;
    let query = string_arg(&query, "query").map_err(js_err)?;
    let focus = focus_arg(&focus).map_err(js_err)?;
    with_explorer(|ex| {
        let h: Highlighted = ex.highlight_focus(&id, &query, focus, prefix.unwrap_or(false))?;
        to_js(&h)
    })
}

/// A whole number no larger than `u32::MAX` from field `k` of `obj`.
fn whole_field(obj: &JsValue, k: &str, what: &str) -> Result<u32, Error> {
    js_sys::Reflect::get(obj, &JsValue::from_str(k))
        .ok()
        .and_then(|v| v.as_f64())
        .filter(|v| v.is_finite() && *v >= 0.0 && v.fract() == 0.0 && *v <= f64::from(u32::MAX))
        .map(|v| v as u32)
        .ok_or_else(|| Error::invalid(format!("{what}.{k} must be a whole number")))
}

fn focus_arg(value: &JsValue) -> Result<Option<Location>, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let shape = "focus must be a location { segment: { in, ... }, start, end }";
    if !value.is_object() {
        return Err(Error::invalid(shape));
    }
    let seg = js_sys::Reflect::get(value, &JsValue::from_str("segment"))
        .ok()
        .filter(JsValue::is_object)
        .ok_or_else(|| Error::invalid(shape))?;
    let kind = js_sys::Reflect::get(&seg, &JsValue::from_str("in"))
        .ok()
        .and_then(|v| v.as_string());
    let n = |k: &str| whole_field(&seg, k, "focus.segment");
    let segment = match kind.as_deref() {
        Some("title") => Segment::Title,
        Some("block") => Segment::Block { block: n("block")? },
        Some("cell") => Segment::cell(n("table")?, n("row")?, n("col")?),
        _ => {
            return Err(Error::invalid(
                "focus.segment.in must be \"title\", \"block\" or \"cell\"",
            ))
        }
    };
    Ok(Some(Location {
        segment,
        start: whole_field(value, "start", "focus")? as usize,
        end: whole_field(value, "end", "focus")? as usize,
    }))
}

/// Text shards still to load (file names, to fetch from `text/` beside the
/// page) for the articles `ids` (an array of ids), or for every article when
/// `ids` is null or undefined. Empty when the text is all here.
#[wasm_bindgen(js_name = textNeeded)]
pub fn text_needed(ids: JsValue) -> Result<JsValue, JsValue> {
    let ids = if ids.is_undefined() || ids.is_null() {
        None
    } else if js_sys::Array::is_array(&ids) {
        let list = js_sys::Array::from(&ids)
            .iter()
            .map(|v| string_arg(&v, "each id"))
            .collect::<Result<Vec<String>, Error>>()
            .map_err(js_err)?;
        Some(list)
    } else {
        return Err(js_err(Error::invalid(
            "ids must be an array of article ids, or null",
        )));
    };
    with_explorer(|ex| to_js(&ex.text_needed(ids.as_deref())?))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Info {
    version: &'static str,
    format_version: u16,
    articles: usize,
    terms: usize,
    html: bool,
    tables: bool,
    /// Whether this build can add and remove articles (`addFiles`, `removeArticle`).
    add: bool,
    /// Number of text shards (0: all text is in the module).
    text_shards: usize,
}

/// About the module: `{ version, formatVersion, articles, terms, html, tables, add, textShards }`
/// (`html`: whether this build reads HTML files; `tables`: whether it has
/// the summary tables, `tables()` and friends; `add`: whether it has
/// `addFiles` and `removeArticle`).
#[wasm_bindgen]
pub fn info() -> Result<JsValue, JsValue> {
    with_explorer(|ex| {
        to_js(&Info {
            version: env!("CARGO_PKG_VERSION"),
            format_version: crate::store::FORMAT_VERSION,
            articles: ex.corpus().articles.len(),
            terms: ex.corpus().index.terms.len(),
            html: crate::ingest::HTML_SUPPORT,
            tables: cfg!(feature = "tables"),
            add: cfg!(feature = "add"),
            text_shards: ex.corpus().text_shards.len(),
        })
    })
}
