//! Index: an inverted index with positions over two fields (title, body).
//!
//! Built natively at build time (and in the page for added articles) from
//! each [`Document`]'s texts: the title is field 0, every other segment is
//! field 1. Body positions run on across segments with a gap of [`SEGMENT_GAP`] so
//! that a phrase never matches across two paragraphs or table cells.
//!
//! Files: [`postings`] (the packed posting lists and their varint codec,
//! seek points), [`dict`] (the sorted term dictionary), [`stems`], [`grams`]
//! (character bigrams for typo lookups), [`openings`] (each document's
//! opening words, for relevance feedback), [`validate`] (the invariants a
//! decoded index must hold).

mod dict;
mod grams;
mod openings;
mod postings;
mod stems;
#[cfg(test)]
mod tests;
mod validate;

pub use grams::{bigrams, Grams};
pub use openings::Opening;
use postings::{bucket_by_rank, pack_entries, Entry};
pub use postings::{pack_postings, Posting, PostingIter, PostingRef};

use crate::analyse::Analyzer;
use crate::text::Text;
use postings::{key, Skips, SKIP_EVERY};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use stems::Stems;

/// Field number of the title.
pub const TITLE: u8 = 0;
/// Field number of the body (paragraphs, headings, list items, table cells).
pub const BODY: u8 = 1;
/// Position gap between body segments.
pub const SEGMENT_GAP: u32 = 16;
/// Words of a document's opening (title first, then the body) that
/// relevance feedback reads: news puts the point first, abstracts are short.
pub const OPENING_WORDS: u32 = 400;
/// The inverted index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    /// Distinct terms, sorted (byte order), unique.
    pub terms: Vec<Text>,
    /// Distinct stems, sorted, unique, and the terms sharing each (rebuilt
    /// on load, not stored).
    #[serde(skip)]
    stems: Stems,
    /// Where each term's packed postings start in `post_bytes` (one more
    /// entry than terms: the last is the end).
    pub post_starts: Vec<u32>,
    /// Every term's postings, packed (see [`PostingIter`]): a few bytes per
    /// posting instead of a vector each. Stored raw after the rest of the
    /// blob ([`crate::store`]), so a blob built into the module is read in
    /// place (borrowed for the program's lifetime): no copy, no decoding.
    #[serde(skip)]
    pub post_bytes: Cow<'static, [u8]>,
    /// Length in words of each field, per document.
    pub field_len: Vec<[u32; 2]>,
    /// Number of words in each document's body (what readers count).
    pub word_count: Vec<u32>,
    /// Per document, the first body position of each body segment (in
    /// [`Document::texts`] order, title left out): maps a position back to
    /// its paragraph or cell without analysing the text again.
    pub body_starts: Vec<Vec<u32>>,
    /// Documents containing each term (rebuilt on load, not stored).
    #[serde(skip)]
    pub doc_freqs: Vec<u32>,
    /// Per document, the content words of its opening (rebuilt on load, not stored).
    #[serde(skip)]
    pub opening: Opening,
    /// Terms by character bigram, built on the first typo lookup.
    #[serde(skip)]
    grams: std::cell::OnceCell<Grams>,
    /// Seek points into long posting lists (rebuilt on load, not stored).
    #[serde(skip)]
    skips: Skips,
    /// Average field lengths (title, body), worked out with the other
    /// derived tables rather than on every query.
    #[serde(skip)]
    avg: [f32; 2],
}

/// A document as the index reads it (an article: `crate::model::Article`).
pub trait Document {
    /// Every searchable text in a fixed order, each marked when it is the
    /// title; the highlighter and extraction address the same order.
    fn texts(&self) -> Vec<(bool, &str)>;
}

impl Index {
    /// Build the index of `articles`.
    pub fn build<D: Document>(articles: &[D], analyzer: &Analyzer) -> Index {
        // Every occurrence as one flat entry (term id, doc, field, position),
        // term ids handed out by a hash map in the order words are first
        // seen; the distinct words are sorted once and the entries bucketed
        // by their word's rank (a counting sort), so packing reads memory in
        // order. (A tree of every distinct word, probed per token, and then a
        // list per word and a vector per posting both grew worse than linearly
        // on texts of many different words.)
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut entries: Vec<Entry> = Vec::new();
        let mut field_len = Vec::with_capacity(articles.len());
        let mut word_count = Vec::with_capacity(articles.len());
        let mut body_starts = Vec::with_capacity(articles.len());
        for (d, article) in articles.iter().enumerate() {
            let doc = u32::try_from(d).unwrap_or(u32::MAX);
            let mut lens = [0u32; 2];
            let mut body_base = 0u32;
            let mut words = 0u32;
            let mut starts = Vec::new();
            for (is_title, text) in article.texts() {
                let field = if is_title { TITLE } else { BODY };
                if field == BODY {
                    starts.push(body_base);
                }
                let base = if field == TITLE { 0 } else { body_base };
                let tokens = analyzer.tokens(text);
                let mut last = 0;
                for t in &tokens {
                    let pos = base + t.pos;
                    last = t.pos + 1;
                    // The word, and the parts of a letter–digit compound at
                    // its position ("qwen3" is also "qwen" and "3").
                    for term in std::iter::once(t.term.as_str()).chain(t.parts()) {
                        let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                        let id = match ids.get(term) {
                            Some(&id) => id,
                            None => *ids.entry(term.to_string()).or_insert(next),
                        };
                        entries.push(Entry {
                            term: id,
                            doc,
                            field,
                            pos,
                        });
                    }
                }
                let n = u32::try_from(tokens.len()).unwrap_or(u32::MAX);
                if let Some(l) = lens.get_mut(field as usize) {
                    *l = l.saturating_add(n);
                }
                if field == BODY {
                    words = words.saturating_add(
                        u32::try_from(text.split_whitespace().count()).unwrap_or(0),
                    );
                    body_base = body_base.saturating_add(last + SEGMENT_GAP);
                }
            }
            field_len.push(lens);
            word_count.push(words);
            body_starts.push(starts);
        }
        let mut sorted: Vec<(String, u32)> = ids.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut rank = vec![0u32; sorted.len()];
        let mut terms = Vec::with_capacity(sorted.len());
        for (r, (term, id)) in sorted.into_iter().enumerate() {
            if let Some(slot) = rank.get_mut(id as usize) {
                *slot = u32::try_from(r).unwrap_or(u32::MAX);
            }
            terms.push(Text::from(term));
        }
        let entries = bucket_by_rank(entries, &rank);
        let (post_starts, post_bytes) = pack_entries(&entries, terms.len());
        let post_bytes = Cow::Owned(post_bytes);
        let mut index = Index {
            terms,
            post_starts,
            post_bytes,
            field_len,
            word_count,
            body_starts,
            ..Index::default()
        };
        index.build_derived(analyzer);
        index
    }
    /// (Re)build every table that is derived from the stored ones rather
    /// than stored: stems, document frequencies, openings.
    pub fn build_derived(&mut self, analyzer: &Analyzer) {
        self.build_stems(analyzer);
        let n_terms = self.terms.len();
        let mut doc_freqs = Vec::with_capacity(n_terms);
        let mut skips = Skips::default();
        for t in 0..n_terms {
            let t = u32::try_from(t).unwrap_or(u32::MAX);
            skips
                .starts
                .push(u32::try_from(skips.points.len()).unwrap_or(u32::MAX));
            let run = self.run(t);
            let mut it = self.postings(t);
            let mut n = 0u32;
            let mut last = None;
            for i in 0.. {
                let offset = run.len() - it.rest.len();
                let base = it.doc;
                let Some(p) = it.next() else { break };
                if i > 0 && i % SKIP_EVERY == 0 {
                    skips.points.push((
                        key(p.doc, p.field),
                        u32::try_from(offset).unwrap_or(u32::MAX),
                        base,
                    ));
                }
                if last != Some(p.doc) {
                    n += 1;
                    last = Some(p.doc);
                }
            }
            doc_freqs.push(n);
        }
        skips
            .starts
            .push(u32::try_from(skips.points.len()).unwrap_or(u32::MAX));
        self.doc_freqs = doc_freqs;
        self.skips = skips;
        self.avg = self.average_lengths();
        self.build_opening();
    }
    /// Number of indexed documents.
    pub fn doc_count(&self) -> usize {
        self.field_len.len()
    }
    /// Number of documents containing the term.
    pub fn doc_freq(&self, id: u32) -> usize {
        self.doc_freqs.get(id as usize).map_or(0, |&n| n as usize)
    }
    /// Average field lengths (title, body).
    pub fn avg_len(&self) -> [f32; 2] {
        self.avg
    }
    fn average_lengths(&self) -> [f32; 2] {
        let n = self.field_len.len().max(1) as f32;
        let mut sum = [0f64; 2];
        for l in &self.field_len {
            sum[0] += f64::from(l[0]);
            sum[1] += f64::from(l[1]);
        }
        [
            (sum[0] / f64::from(n)) as f32,
            (sum[1] / f64::from(n)) as f32,
        ]
    }
}

impl Index {
    /// Heap bytes held by each part of the index (capacities, this
    /// target's pointer size; the packed postings when owned): what the
    /// memory example prints.
    pub fn heap_bytes(&self) -> Vec<(&'static str, usize)> {
        use std::mem::size_of;
        let vecs = |v: &[Vec<u32>], cap: usize| {
            cap * size_of::<Vec<u32>>() + v.iter().map(|x| x.capacity() * 4).sum::<usize>()
        };
        let grams = self.grams.get().map_or(0, |g| {
            g.keys.capacity() * 8 + g.starts.capacity() * 4 + g.terms.capacity() * 4
        });
        vec![
            (
                "terms",
                self.terms.capacity() * size_of::<Text>()
                    + self
                        .terms
                        .iter()
                        .filter(|t| t.borrowed().is_none())
                        .map(|t| t.len())
                        .sum::<usize>(),
            ),
            (
                "stems",
                self.stems.text.capacity()
                    + 4 * (self.stems.ends.capacity()
                        + self.stems.starts.capacity()
                        + self.stems.terms.capacity()),
            ),
            ("post_starts", self.post_starts.capacity() * 4),
            (
                "post_bytes (owned)",
                match &self.post_bytes {
                    Cow::Owned(v) => v.capacity(),
                    Cow::Borrowed(_) => 0,
                },
            ),
            ("field_len", self.field_len.capacity() * 8),
            ("word_count", self.word_count.capacity() * 4),
            (
                "body_starts",
                vecs(&self.body_starts, self.body_starts.capacity()),
            ),
            ("doc_freqs", self.doc_freqs.capacity() * 4),
            (
                "opening",
                self.opening.starts.capacity() * 4 + self.opening.bytes.capacity(),
            ),
            (
                "skips",
                self.skips.starts.capacity() * 4 + self.skips.points.capacity() * 16,
            ),
            ("grams", grams),
        ]
    }
}
