//! The stem table, rebuilt on load: each stem and the terms that share it.

use super::Index;
use crate::analyse::Analyzer;
use crate::text::Text;

/// The stem table, flat: every stem in one string, the terms of stem `i`
/// at `terms[starts[i]..starts[i + 1]]` (a few allocations, not two per stem).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Stems {
    pub(super) text: String,
    /// End of each stem in `text`.
    pub(super) ends: Vec<u32>,
    pub(super) starts: Vec<u32>,
    pub(super) terms: Vec<u32>,
}
impl Stems {
    pub(super) fn build(terms: &[Text], analyzer: &Analyzer) -> Stems {
        let mut pairs: Vec<(String, u32)> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (analyzer.stem(t), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        pairs.sort_unstable();
        let mut out = Stems {
            terms: Vec::with_capacity(pairs.len()),
            ..Stems::default()
        };
        let mut last: Option<String> = None;
        for (stem, t) in pairs {
            if last.as_deref() != Some(stem.as_str()) {
                out.starts
                    .push(u32::try_from(out.terms.len()).unwrap_or(u32::MAX));
                out.text.push_str(&stem);
                out.ends
                    .push(u32::try_from(out.text.len()).unwrap_or(u32::MAX));
                last = Some(stem);
            }
            out.terms.push(t);
        }
        out.starts
            .push(u32::try_from(out.terms.len()).unwrap_or(u32::MAX));
        out
    }

    pub(super) fn get(&self, i: usize) -> &str {
        let from = i
            .checked_sub(1)
            .and_then(|j| self.ends.get(j))
            .copied()
            .unwrap_or(0);
        let to = self.ends.get(i).copied().unwrap_or(0);
        self.text.get(from as usize..to as usize).unwrap_or("")
    }

    pub(super) fn find(&self, stem: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.get(mid).cmp(stem) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    pub(super) fn terms_of(&self, i: usize) -> &[u32] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.terms.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    pub(super) fn check(&self, n_terms: usize) -> Result<(), String> {
        let n = self.ends.len();
        if self.starts.len() != n + 1
            || self.starts.first() != Some(&0)
            || self.starts.last().map(|&e| e as usize) != Some(self.terms.len())
            || !self.starts.windows(2).all(|w| matches!(w, [a, b] if a < b))
            || self.terms.len() != n_terms
            || self.terms.iter().any(|&t| t as usize >= n_terms)
        {
            return Err("stem tables differ in length".into());
        }
        if !(1..n).all(|i| self.get(i - 1) < self.get(i)) {
            return Err("stems are not sorted and unique".into());
        }
        Ok(())
    }
}

impl Index {
    /// (Re)build the stem tables from the term dictionary. Stems are not
    /// stored in the blob: they are cheap to recompute and would double the
    /// dictionary's size.
    pub fn build_stems(&mut self, analyzer: &Analyzer) {
        self.stems = Stems::build(&self.terms, analyzer);
    }
    /// Terms sharing a stem with `stem`.
    pub fn terms_with_stem(&self, stem: &str) -> &[u32] {
        self.stems
            .find(stem)
            .map_or(&[], |i| self.stems.terms_of(i))
    }
}
