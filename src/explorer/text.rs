//! The text shards an [`Explorer`] holds (the `shards` feature): a large
//! corpus's article bodies, loaded as the page fetches them and dropped,
//! oldest first, beyond a byte budget.

use super::Explorer;
use crate::error::Error;
use crate::model::TEXT_CACHE_BYTES;
use crate::shards;
use std::collections::VecDeque;

/// Which shards are loaded, and how many bytes of them to keep.
#[derive(Debug)]
pub(super) struct Cache {
    /// Text shards loaded, oldest first, with their sizes.
    loaded: VecDeque<(u32, usize)>,
    /// Bytes of loaded shards kept before the oldest are dropped.
    budget: usize,
    /// Once every shard was asked to stay, none is dropped again.
    keep: bool,
}

impl Default for Cache {
    fn default() -> Self {
        Cache {
            loaded: VecDeque::new(),
            budget: TEXT_CACHE_BYTES,
            keep: false,
        }
    }
}

impl Explorer {
    /// Move the article bodies into text shard files of about `target`
    /// bytes of text each ([`shards`]): returns the files `(name, bytes)` to
    /// serve beside the page; the blob made after this holds the index, ids,
    /// titles and metadata only.
    pub fn split_text(&mut self, target: usize) -> Result<Vec<(String, Vec<u8>)>, Error> {
        shards::split(&mut self.corpus, target)
    }

    /// Change how many bytes of loaded text shards are kept (default
    /// [`TEXT_CACHE_BYTES`]).
    pub fn set_text_cache(&mut self, bytes: usize) {
        self.text.budget = bytes;
    }

    /// Load a text shard file (fetched by the page). Checked first: a bad or
    /// foreign file is refused and nothing loaded is lost. Unless `keep`,
    /// the oldest shards are dropped once more than [`TEXT_CACHE_BYTES`] are
    /// loaded (see [`Explorer::set_text_cache`]); `keep` keeps every shard
    /// from then on. Returns the shard number.
    pub fn load_text(&mut self, bytes: &[u8], keep: bool) -> Result<u32, Error> {
        let shard = shards::decode(bytes, &self.corpus)?;
        let number = shard.number;
        shards::apply(shard, &mut self.corpus);
        self.text.loaded.retain(|(n, _)| *n != number);
        self.text.loaded.push_back((number, bytes.len()));
        self.text.keep |= keep;
        while !self.text.keep
            && self.text.loaded.len() > 1
            && self.text.loaded.iter().map(|(_, b)| b).sum::<usize>() > self.text.budget
        {
            if let Some((old, _)) = self.text.loaded.pop_front() {
                shards::unload(old, &mut self.corpus);
            }
        }
        Ok(number)
    }
}
