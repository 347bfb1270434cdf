//! A corpus: the articles and their index, as the blob stores them.

use crate::index::Index;
use crate::model::article::Article;
use serde::{Deserialize, Serialize};

/// Articles and their index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// Parsed articles, in id order.
    pub articles: Vec<Article>,
    /// Index over `articles`.
    pub index: Index,
    /// Checksum of each text shard, when the block texts live in shard
    /// files ([`crate::shards`]); empty when every text is in the blob.
    pub text_shards: Vec<u32>,
    /// True when the blob leaves the index out and loading builds it from
    /// the articles (a small corpus: see [`crate::store::INDEX_AT_LOAD_BELOW_BYTES`]).
    pub index_at_load: bool,
    /// The corpus's own corrections of the entity tables (a
    /// `corrections.json` beside the articles at build time), as postcard
    /// bytes of `Vec<corrections::Correction>`: opaque to builds without
    /// the tables.
    pub corrections: Vec<u8>,
}
