//! # article-explorer
//!
//! The core of an in-browser article explorer. A folder of articles is
//! parsed, analysed and indexed natively at build time, encoded as one
//! versioned blob, embedded in the WebAssembly module, and searched in the
//! page. Every stage is plain Rust, testable natively; only [`wasm`] knows
//! about wasm-bindgen.
//!
//! Pipeline: [`parse`] → [`analyse`] → [`index`] → [`store`] → [`search`] /
//! [`highlight`]; [`extract`] → [`tables`] for the summary tables.
//!
//! ```
//! use article_explorer::{Explorer, SearchOptions};
//!
//! let explorer = Explorer::from_texts(&[
//!     ("cats", "Cats Rule\n\nThe cat sat on the mat."),
//!     ("dogs", "Dogs Bark\n\nDogs chase cats in the park."),
//! ]).unwrap();
//! let results = explorer.search("dog", SearchOptions::default());
//! assert_eq!(results.total, 1);
//! assert_eq!(results.hits[0].id, "dogs");
//! assert!(results.hits[0].snippet.contains("<mark>Dogs</mark>"));
//! ```

pub mod analyse;
#[cfg(feature = "tables")]
pub mod corrections;
pub mod error;
pub mod explorer;
#[cfg(feature = "tables")]
pub mod extract;
mod fold_table;
pub mod highlight;
pub mod index;
pub mod ingest;
pub mod model;
pub mod offsets;
pub mod parse;
pub mod query;
pub mod search;
pub mod shards;
pub mod store;
#[cfg(feature = "tables")]
pub mod tables;
pub mod text;
pub mod wasm;

pub use analyse::Analyzer;
pub use error::Error;
pub use explorer::{AddResult, ArticleSummary, Explorer};
#[cfg(feature = "tables")]
pub use explorer::{Concordance, KwicLine};
pub use model::{
    Article, Corpus, Location, Segment, MAX_ADDED_ARTICLES, MAX_ARTICLE_BYTES, TEXT_CACHE_BYTES,
};
pub use parse::parse_article;
pub use search::{Mode, RankParams, SearchOptions, SearchResults};
