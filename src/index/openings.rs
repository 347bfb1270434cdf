//! Each document's opening: the distinct content words of its first
//! [`OPENING_WORDS`] words, with counts (what relevance feedback reads).

use super::postings::{read_varint, varint_len, write_varint};
use super::{Index, OPENING_WORDS, SEGMENT_GAP, TITLE};
use crate::analyse::{is_cjk, is_stop_word};

/// The distinct content words (no stop words, numbers or CJK bigrams) among
/// each document's first [`OPENING_WORDS`] words, with their counts: what
/// relevance feedback reads, so that a query never analyses text again.
/// Packed per document as varint pairs (gap from the previous term number,
/// count) in term order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Opening {
    pub(super) starts: Vec<u32>,
    pub(super) bytes: Vec<u8>,
}
impl Opening {
    /// `(term, count)` of document `doc`'s opening, in term order.
    pub fn words(&self, doc: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let d = doc as usize;
        let from = self.starts.get(d).copied().unwrap_or(0) as usize;
        let to = self.starts.get(d + 1).copied().unwrap_or(0) as usize;
        let mut rest = self.bytes.get(from..to).unwrap_or(&[]);
        let mut term = 0u32;
        std::iter::from_fn(move || {
            let gap = read_varint(&mut rest)?;
            let count = read_varint(&mut rest)?;
            term = term.checked_add(gap)?;
            Some((term, count))
        })
    }
}

/// A content word: not a stop word, not a number, not a CJK bigram.
pub(super) fn is_content_word(term: &str) -> bool {
    term.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && !is_cjk(c))
        && !is_stop_word(term)
}

impl Index {
    /// Per document, the last position (exclusive) of each field that falls
    /// within its first [`OPENING_WORDS`] words.
    pub(super) fn opening_cutoffs(&self) -> Vec<[u32; 2]> {
        self.field_len
            .iter()
            .zip(&self.body_starts)
            .map(|(lens, starts)| {
                // u32::MAX: every position counts (no need to read them).
                if lens[0].saturating_add(lens[1]) <= OPENING_WORDS {
                    return [u32::MAX, u32::MAX];
                }
                let title = lens[0].min(OPENING_WORDS);
                let mut left = OPENING_WORDS - title;
                let mut cut = u32::MAX;
                for (i, &s) in starts.iter().enumerate() {
                    // A body segment spans up to the next one's start less the gap.
                    let len = starts
                        .get(i + 1)
                        .map_or(u32::MAX, |&next| next.saturating_sub(s + SEGMENT_GAP));
                    if left <= len {
                        cut = s.saturating_add(left);
                        break;
                    }
                    left -= len;
                }
                [title, cut]
            })
            .collect()
    }
    /// Call `f(doc, term, count)` for every content word of every opening,
    /// in term order (so each document's words come in term order).
    pub(super) fn for_each_opening_word(
        &self,
        cutoffs: &[[u32; 2]],
        mut f: impl FnMut(usize, u32, u32),
    ) {
        for (t, term) in self.terms.iter().enumerate() {
            if !is_content_word(term) {
                continue;
            }
            let t = u32::try_from(t).unwrap_or(u32::MAX);
            let mut list = self.postings(t).peekable();
            while let Some(doc) = list.peek().map(|p| p.doc) {
                let mut count = 0u32;
                while let Some(p) = list.next_if(|p| p.doc == doc) {
                    let cut = cutoffs.get(doc as usize).map_or(0, |c| {
                        if p.field == TITLE {
                            c[0]
                        } else {
                            c[1]
                        }
                    });
                    count = count.saturating_add(if cut == u32::MAX {
                        p.count
                    } else {
                        u32::try_from(p.positions().take_while(|&x| x < cut).count())
                            .unwrap_or(u32::MAX)
                    });
                }
                if count > 0 {
                    f(doc as usize, t, count);
                }
            }
        }
    }
    pub(super) fn build_opening(&mut self) {
        let n = self.doc_count();
        let cutoffs = self.opening_cutoffs();
        // Two passes (sizes, then bytes) so the packed table is allocated
        // once: no per-document vectors, even transiently.
        let mut last = vec![0u32; n];
        let mut size = vec![0u32; n];
        self.for_each_opening_word(&cutoffs, |d, t, count| {
            if let (Some(prev), Some(sz)) = (last.get_mut(d), size.get_mut(d)) {
                *sz += varint_len(t - *prev) + varint_len(count);
                *prev = t;
            }
        });
        let mut starts = Vec::with_capacity(n + 1);
        let mut at = 0u32;
        for &s in &size {
            starts.push(at);
            at = at.saturating_add(s);
        }
        starts.push(at);
        last.fill(0);
        let mut cursor = starts.clone();
        let mut bytes = vec![0u8; at as usize];
        let mut buf = Vec::with_capacity(10);
        self.for_each_opening_word(&cutoffs, |d, t, count| {
            if let (Some(prev), Some(at)) = (last.get_mut(d), cursor.get_mut(d)) {
                buf.clear();
                write_varint(&mut buf, t - *prev);
                write_varint(&mut buf, count);
                *prev = t;
                let from = *at as usize;
                if let Some(slot) = bytes.get_mut(from..from + buf.len()) {
                    slot.copy_from_slice(&buf);
                }
                *at += buf.len() as u32;
            }
        });
        self.opening = Opening { starts, bytes };
    }
    /// Number of words in document `doc`'s opening (what [`Opening`] counts over).
    pub fn opening_len(&self, doc: u32) -> u32 {
        self.field_len
            .get(doc as usize)
            .map_or(0, |l| l[0].saturating_add(l[1]).min(OPENING_WORDS))
    }
}
