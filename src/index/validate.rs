//! The invariants a decoded index must hold, every packed posting included.

use super::postings::{key, PostingIter};
use super::Index;

/// Check one term's packed postings: every byte read, documents in range,
/// (doc, field) strictly increasing, positions strictly increasing and
/// exactly as many as counted.
pub(super) fn check_run(run: &[u8], docs: usize) -> Result<(), String> {
    let bad = |what: &str| Err(format!("postings: {what}"));
    if run.is_empty() {
        return bad("a term has none");
    }
    let mut it = PostingIter { rest: run, doc: 0 };
    let mut prev: Option<u64> = None;
    for p in it.by_ref() {
        if p.doc as usize >= docs {
            return bad("a posting points outside the corpus");
        }
        if prev.is_some_and(|k| k >= key(p.doc, p.field)) {
            return bad("not sorted");
        }
        prev = Some(key(p.doc, p.field));
        if !p.positions_ok() {
            return bad("positions are not strictly increasing or not as many as counted");
        }
    }
    // The iterator stops at the first malformed byte: all must have been read.
    if !it.rest.is_empty() {
        return bad("truncated or malformed");
    }
    Ok(())
}

impl Index {
    /// Check the invariants a decoded index must hold.
    pub fn validate(&self, docs: usize) -> Result<(), String> {
        let n_terms = self.terms.len();
        if self.post_starts.len() != n_terms + 1 || self.doc_freqs.len() != n_terms {
            return Err("term tables differ in length".into());
        }
        self.stems.check(n_terms)?;
        if self.field_len.len() != docs
            || self.word_count.len() != docs
            || self.body_starts.len() != docs
        {
            return Err("document tables differ from the article count".into());
        }
        if !self
            .body_starts
            .iter()
            .all(|s| s.windows(2).all(|w| matches!(w, [a, b] if a < b)))
        {
            return Err("segment starts are not increasing".into());
        }
        if !self.terms.windows(2).all(|w| matches!(w, [a, b] if a < b)) {
            return Err("terms are not sorted and unique".into());
        }
        if !self
            .post_starts
            .windows(2)
            .all(|w| matches!(w, [a, b] if a < b))
            || self.post_starts.first() != Some(&0)
            || self.post_starts.last().map(|&e| e as usize) != Some(self.post_bytes.len())
        {
            return Err("posting runs are out of order or do not cover the postings".into());
        }
        for t in 0..n_terms {
            check_run(self.run(u32::try_from(t).unwrap_or(u32::MAX)), docs)?;
        }
        Ok(())
    }
}
