//! Pseudo-relevance feedback from the top documents' openings (no text
//! analysed per query).

use super::options::MatchKind;
use super::resolve::{Unit, Variant};
use super::score::{idf, top_k, Scorer};
use crate::index::Index;
use std::collections::HashSet;

/// Pseudo-relevance feedback (RM3-like): words frequent in the best
/// documents and rare in the corpus are added with a small weight. They only
/// re-rank documents that already match; they never make a document match.
/// `score` is each document's base score: above 0 exactly for `candidates`.
pub(super) fn feedback_scores(
    index: &Index,
    scorer: &Scorer<'_>,
    candidates: &[u32],
    score: &[f32],
    query_terms: &HashSet<u32>,
) -> Vec<f32> {
    let p = scorer.p;
    let top = top_k(
        candidates
            .iter()
            .map(|&d| (score.get(d as usize).copied().unwrap_or(0.0), d)),
        p.feedback_docs,
    );
    let max = top.first().map_or(0.0, |&(s, _)| s);
    let mut out = vec![0f32; scorer.n];
    if max <= 0.0 {
        return out;
    }
    let mut weights: std::collections::HashMap<u32, f32> = std::collections::HashMap::new();
    for &(s, d) in &top {
        // The words of each document's opening, counted once at load time.
        let len = index.opening_len(d).max(1) as f32;
        let rel = (s / max).powf(p.feedback_sharpness);
        for (t, c) in index.opening.words(d) {
            *weights.entry(t).or_default() += rel * c as f32 / len;
        }
    }
    let ranked = top_k(
        weights
            .into_iter()
            .filter(|(t, _)| !query_terms.contains(t))
            .filter_map(|(t, w)| {
                let df = index.doc_freq(t);
                (df >= 2).then(|| (w * idf(scorer.n, df), t))
            }),
        p.feedback_terms,
    );
    // The best expansion word weighs `feedback_weight` times a query word
    // of the same rarity; the others in proportion.
    let Some(&(best, _)) = ranked.first() else {
        return out;
    };
    for (w, t) in ranked {
        let unit = Unit::Term {
            display: String::new(),
            variants: vec![Variant {
                term: t,
                weight: 1.0,
                kind: MatchKind::Exact,
            }],
            stop: false,
            title_only: false,
        };
        let (s, _) = scorer.unit_scores(&unit);
        let share = p.feedback_weight * w / best;
        for (d, v) in s.iter() {
            if let (Some(o), Some(&base)) = (out.get_mut(d as usize), score.get(d as usize)) {
                if base > 0.0 {
                    *o += share * v;
                }
            }
        }
    }
    out
}
