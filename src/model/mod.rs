//! The data model every stage shares: an [`Article`] (what parsing makes),
//! a [`Corpus`] (articles and their index, what the blob stores), and the
//! limits on what the core accepts.

pub mod article;
pub mod corpus;

pub use article::{Article, Block, BlockKind, Location, Meta, Segment, Table};
pub use corpus::Corpus;

/// Largest article file accepted, in bytes.
pub const MAX_ARTICLE_BYTES: usize = 5 * 1024 * 1024;
/// Most articles a user may add in the page.
pub const MAX_ADDED_ARTICLES: usize = 2000;
/// Bytes of loaded text shards kept before the oldest are dropped (unless
/// the whole text was asked to stay: tables, adding articles).
pub const TEXT_CACHE_BYTES: usize = 2 * 1024 * 1024;
/// Most corrections a reader may set at once.
pub const MAX_CORRECTIONS: usize = 10_000;
