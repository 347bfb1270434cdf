//! Scoring: BM25F over title and body, phrase counts, proximity, sparse
//! per-document sums, and the top k of a list.

use super::options::RankParams;
use super::resolve::Unit;
use crate::index::{Index, BODY, TITLE};

pub(super) fn merged_positions(index: &Index, terms: &[u32], doc: u32, field: u8) -> Vec<u32> {
    let mut out: Vec<u32> = terms
        .iter()
        .filter_map(|&t| index.posting(t, doc, field))
        .flat_map(|p| p.positions())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

pub(super) fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

pub(super) fn saturate(k1: f32, tfn: f32) -> f32 {
    tfn * (k1 + 1.0) / (k1 + tfn)
}

pub(super) struct Scorer<'a> {
    pub(super) index: &'a Index,
    pub(super) p: RankParams,
    pub(super) avg: [f32; 2],
    pub(super) n: usize,
    /// Reused by every [`Scorer::unit_scores`] call of a query (each leaves
    /// it zeroed again).
    pub(super) scratch: std::cell::Cell<Sums>,
}

/// Sums per document that visit only the documents added to: a zeroed
/// slot per document, and the documents given a value.
#[derive(Debug, Default)]
pub(super) struct Sums {
    pub(super) slots: Vec<f32>,
    pub(super) docs: Vec<u32>,
}

impl Sums {
    pub(super) fn new(n: usize) -> Sums {
        Sums {
            slots: vec![0.0; n],
            docs: Vec::new(),
        }
    }

    pub(super) fn add(&mut self, doc: u32, v: f32) {
        if let Some(slot) = self.slots.get_mut(doc as usize) {
            if *slot == 0.0 {
                self.docs.push(doc);
            }
            *slot += v;
        }
    }

    /// The sums above 0, by document, leaving every slot zeroed. (A
    /// document whose slot was still 0 after a contribution of 0 is listed
    /// twice: hence the dedup.)
    pub(super) fn drain(&mut self) -> Sparse {
        self.docs.sort_unstable();
        self.docs.dedup();
        let mut out = Sparse::default();
        for d in self.docs.drain(..) {
            if let Some(v) = self.slots.get_mut(d as usize).map(std::mem::take) {
                if v > 0.0 {
                    out.docs.push(d);
                    out.vals.push(v);
                }
            }
        }
        out
    }
}

/// Per-document scores of one unit, only where it matches: documents in
/// increasing order, each with a score above 0. A query touches a few
/// documents, so nothing here walks the whole corpus.
#[derive(Debug, Default)]
pub(super) struct Sparse {
    pub(super) docs: Vec<u32>,
    pub(super) vals: Vec<f32>,
}

impl Sparse {
    /// The score of `doc` (0 where the unit does not match).
    pub(super) fn get(&self, doc: u32) -> f32 {
        self.docs
            .binary_search(&doc)
            .ok()
            .and_then(|i| self.vals.get(i))
            .copied()
            .unwrap_or(0.0)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.docs.iter().copied().zip(self.vals.iter().copied())
    }
}

impl<'a> Scorer<'a> {
    /// A scorer over `index`.
    pub(super) fn new(index: &'a Index, p: RankParams) -> Self {
        Scorer {
            index,
            p,
            avg: index.avg_len(),
            n: index.doc_count(),
            scratch: Default::default(),
        }
    }

    pub(super) fn norm(&self, doc: u32, field: u8, tf: f32) -> f32 {
        let lens = self
            .index
            .field_len
            .get(doc as usize)
            .copied()
            .unwrap_or([0, 0]);
        let [title_avg, body_avg] = self.avg;
        let (len, avg, b, boost) = if field == TITLE {
            (lens[0], title_avg, self.p.b_title, self.p.boost_title)
        } else {
            (lens[1], body_avg, self.p.b_body, 1.0)
        };
        boost * tf / (1.0 - b + b * len as f32 / avg.max(1.0))
    }

    pub(super) fn fields(title_only: bool) -> &'static [u8] {
        if title_only {
            &[TITLE]
        } else {
            &[TITLE, BODY]
        }
    }

    /// Per-document scores of one unit, and its idf.
    pub(super) fn unit_scores(&self, unit: &Unit) -> (Sparse, f32) {
        let mut tfn = self.scratch.take();
        if tfn.slots.len() != self.n {
            tfn = Sums::new(self.n);
        }
        match unit {
            Unit::Term {
                variants,
                title_only,
                ..
            } => {
                for v in variants {
                    for p in self.index.postings(v.term) {
                        if *title_only && p.field != TITLE {
                            continue;
                        }
                        tfn.add(p.doc, v.weight * self.norm(p.doc, p.field, p.count as f32));
                    }
                }
            }
            Unit::Phrase {
                slots, title_only, ..
            } => {
                for doc in phrase_candidates(self.index, slots) {
                    for &field in Self::fields(*title_only) {
                        let count = phrase_count(self.index, slots, doc, field);
                        if count > 0 {
                            tfn.add(doc, self.norm(doc, field, count as f32));
                        }
                    }
                }
            }
        }
        let mut out = tfn.drain();
        self.scratch.set(tfn);
        let w = idf(self.n, out.docs.len());
        for x in out.vals.iter_mut() {
            *x = w * saturate(self.p.k1, *x);
        }
        (out, w)
    }
}

/// Documents that contain every slot of a phrase somewhere.
pub(super) fn phrase_candidates(index: &Index, slots: &[Vec<u32>]) -> Vec<u32> {
    let mut docs: Option<Vec<u32>> = None;
    for slot in slots {
        let mut d: Vec<u32> = slot
            .iter()
            .flat_map(|&t| index.postings(t).map(|p| p.doc))
            .collect();
        d.sort_unstable();
        d.dedup();
        docs = Some(match docs {
            None => d,
            Some(prev) => prev
                .into_iter()
                .filter(|x| d.binary_search(x).is_ok())
                .collect(),
        });
    }
    docs.unwrap_or_default()
}

/// Occurrences of a phrase in one field of one document.
pub(super) fn phrase_count(index: &Index, slots: &[Vec<u32>], doc: u32, field: u8) -> usize {
    let lists: Vec<Vec<u32>> = slots
        .iter()
        .map(|s| merged_positions(index, s, doc, field))
        .collect();
    let Some((first, rest)) = lists.split_first() else {
        return 0;
    };
    first
        .iter()
        .filter(|&&p| {
            rest.iter()
                .enumerate()
                .all(|(k, l)| l.binary_search(&(p + k as u32 + 1)).is_ok())
        })
        .count()
}

/// Proximity evidence for two position lists: sum of 1/d² over near pairs.
pub(super) fn closeness(a: &[u32], b: &[u32], near: u32) -> f32 {
    let mut acc = 0.0;
    for &p in a {
        let i = b.partition_point(|&x| x < p);
        let mut best = u32::MAX;
        if let Some(&x) = b.get(i) {
            best = best.min(x - p);
        }
        if i > 0 {
            if let Some(&x) = b.get(i - 1) {
                best = best.min(p - x);
            }
        }
        if best > 0 && best <= near {
            acc += 1.0 / (best * best) as f32;
        }
    }
    acc
}

/// Ranking order: higher score first, then lower id (a total order, so a
/// page of results never depends on how the candidates were gathered).
pub(super) fn by_score(a: &(f32, u32), b: &(f32, u32)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

/// The best `k` of `(score, id)` pairs in [`by_score`] order: a selection,
/// then a sort of the `k` kept, instead of sorting them all. One concrete
/// type for every caller (each instantiation of the sort costs wasm size).
pub(super) fn top_k(items: impl Iterator<Item = (f32, u32)>, k: usize) -> Vec<(f32, u32)> {
    let mut list: Vec<(f32, u32)> = items.collect();
    if k == 0 {
        return Vec::new();
    }
    if list.len() > k {
        list.select_nth_unstable_by(k - 1, by_score);
        list.truncate(k);
    }
    list.sort_unstable_by(by_score);
    list
}
