//! Terms by padded character bigram, built on the first typo lookup.

use super::Index;
use crate::text::Text;
use std::collections::BTreeMap;

/// Terms by padded character bigram (`^c`, `ca`, `at`, `t$`), to find typo
/// candidates without comparing the query word with every term.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grams {
    pub(super) keys: Vec<u64>,
    pub(super) starts: Vec<u32>,
    pub(super) terms: Vec<u32>,
}
/// The padded bigrams of a word, as keys (start and end markers are the
/// code points 0 and 1, which folded terms never contain).
pub fn bigrams(word: &str) -> impl Iterator<Item = u64> + '_ {
    let mut prev = 0u32;
    word.chars()
        .map(u32::from)
        .chain(std::iter::once(1))
        .map(move |c| {
            let key = (u64::from(prev) << 32) | u64::from(c);
            prev = c;
            key
        })
}

impl Grams {
    pub(super) fn build(terms: &[Text]) -> Grams {
        let mut counts: BTreeMap<u64, u32> = BTreeMap::new();
        let mut mine = Vec::new();
        let each = |term: &str, mine: &mut Vec<u64>| {
            mine.clear();
            mine.extend(bigrams(term));
            mine.sort_unstable();
            mine.dedup();
        };
        for term in terms {
            each(term, &mut mine);
            for &g in &mine {
                *counts.entry(g).or_default() += 1;
            }
        }
        let mut keys = Vec::with_capacity(counts.len());
        let mut starts = Vec::with_capacity(counts.len() + 1);
        let mut at = 0u32;
        for (&k, c) in counts.iter_mut() {
            keys.push(k);
            starts.push(at);
            at += *c;
            *c = starts.last().copied().unwrap_or(0);
        }
        starts.push(at);
        let mut out = vec![0u32; at as usize];
        for (t, term) in terms.iter().enumerate() {
            each(term, &mut mine);
            for g in &mine {
                if let Some(cursor) = counts.get_mut(g) {
                    if let Some(slot) = out.get_mut(*cursor as usize) {
                        *slot = u32::try_from(t).unwrap_or(u32::MAX);
                    }
                    *cursor += 1;
                }
            }
        }
        Grams {
            keys,
            starts,
            terms: out,
        }
    }

    /// Terms containing the bigram `key`, in term order.
    pub fn terms(&self, key: u64) -> &[u32] {
        let Ok(i) = self.keys.binary_search(&key) else {
            return &[];
        };
        let from = self.starts.get(i).copied().unwrap_or(0) as usize;
        let to = self.starts.get(i + 1).copied().unwrap_or(0) as usize;
        self.terms.get(from..to).unwrap_or(&[])
    }
}

impl Index {
    /// The bigram table of the terms (built on first use).
    pub fn grams(&self) -> &Grams {
        self.grams.get_or_init(|| Grams::build(&self.terms))
    }
}
