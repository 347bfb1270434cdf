//! Text shards: a large corpus keeps its block texts out of the module.
//!
//! The index, ids, titles and metadata stay in the embedded blob; the
//! blocks and tables of consecutive articles go into shard files of about
//! [`SHARD_TEXT_BYTES`] each, which the page fetches when it needs them (a
//! snippet, the reader, the tables) and hands to [`crate::Explorer::load_text`].
//! Search itself never needs them: ranking reads only the index.
//!
//! Shard file layout (integers little-endian), like the corpus blob:
//!
//! | bytes | content |
//! |---|---|
//! | 0..8 | magic `AETEXT\0\x1a` |
//! | 8..10 | format version ([`SHARD_VERSION`]) |
//! | 10..14 | payload length `n` |
//! | 14..18 | FNV-1a 32 checksum of the payload |
//! | 18..18+n | payload: postcard of [`Shard`] |
//!
//! The corpus records each shard's checksum, so a shard from another build
//! is refused by name rather than mixed in.

#[cfg(feature = "shards")]
mod file;
#[cfg(feature = "shards")]
pub use file::{apply, decode, encode, split, unload, Shard};

use crate::model::Corpus;

// Without the `shards` feature (the seed page's lean module) only the names
// are here: a corpus without shards never needs the rest.

/// Magic bytes at the start of every shard file.
pub const SHARD_MAGIC: &[u8; 8] = b"AETEXT\0\x1a";
/// Current shard format version.
pub const SHARD_VERSION: u16 = 1;
/// About this much block text goes into one shard (a shard may hold one
/// larger article).
pub const SHARD_TEXT_BYTES: usize = 64 * 1024;
/// `auto` shards a corpus whose block text is larger than this.
pub const SHARD_ABOVE_BYTES: usize = 8 * 1024 * 1024;

/// The file name of shard `number` with checksum `sum` (unique per content,
/// so caches never serve a shard of another build).
pub fn file_name(number: u32, sum: u32) -> String {
    format!("text-{number}-{sum:08x}.aet")
}

/// The file names of shards `numbers` of `corpus`, each once, in order.
pub fn names(corpus: &Corpus, mut numbers: Vec<u32>) -> Vec<String> {
    numbers.sort_unstable();
    numbers.dedup();
    numbers
        .into_iter()
        .map(|n| file_name(n, corpus.text_shards.get(n as usize).copied().unwrap_or(0)))
        .collect()
}

/// Bytes of body text in the corpus (blocks and table cells).
pub fn text_bytes(corpus: &Corpus) -> usize {
    corpus
        .articles
        .iter()
        .flat_map(|a| a.segments())
        .map(|(_, t)| t.len())
        .sum()
}
