//! Search: resolve a parsed query against the index, rank with BM25F plus a
//! proximity bonus, and build hits with snippets and score explanations.
//!
//! Each query word is matched exactly (weight 1), by Snowball stem (0.7),
//! as a prefix (0.5, for `word*` and the last word while typing) and, only
//! when the corpus has neither the word nor its stem, by typo (edit distance
//! 1 for 4–7 letters, 2 for 8+, same first letter below 8 letters; 0.3).
//! Scores are BM25F over title and body; ties break on article order.
//!
//! [`search`] is a sequence of steps, one function each: resolve the query
//! ([`resolve`]), score each clause's documents ([`score`]), split full from
//! partial matches, add the proximity bonus, add feedback ([`feedback`]),
//! order the requested page, and build the hits ([`explain`]);
//! [`suggest`] offers "did you mean" and completions.

mod explain;
mod feedback;
mod options;
mod resolve;
mod score;
mod suggest;
#[cfg(test)]
mod tests;
mod typo;

pub use options::{
    Explain, Hit, MatchKind, Mode, RankParams, SearchOptions, SearchResults, MAX_LIMIT,
};
pub use resolve::{resolve, Resolved};
pub use suggest::suggest;
pub use typo::edit_distance;

use crate::analyse::Analyzer;
use crate::highlight::snippet;
use crate::index::{Index, BODY};
use crate::model::Corpus;
use resolve::{Clause, Unit};
use score::{closeness, merged_positions, saturate, top_k, Scorer, Sparse, Sums};
use std::collections::HashSet;

/// Search `corpus` for `q`.
pub fn search(
    corpus: &Corpus,
    analyzer: &Analyzer,
    q: &str,
    opts: SearchOptions,
    params: RankParams,
) -> SearchResults {
    let index = &corpus.index;
    let resolved = resolve(index, analyzer, q, opts.prefix, params);
    let scorer = Scorer::new(index, params);
    let positive: Vec<&Clause> = resolved.clauses.iter().filter(|c| !c.negated).collect();
    let scored = scored_clauses(&positive);
    let excluded = excluded_docs(&scorer, &resolved);
    let matches = score_clauses(&scorer, &scored);
    let only_negative = positive.is_empty() && !resolved.clauses.is_empty();
    let (full, partial) = full_and_partial(&matches, scored.len(), &excluded, only_negative);
    let term_sets = single_terms(&scored);
    let candidates: Vec<u32> = full.iter().chain(partial.iter()).copied().collect();
    let base = base_scores(index, &matches, &term_sets, &candidates, params);
    let feedback = feedback_for(index, &scorer, &term_sets, &candidates, &base, params);
    let score_of = |d: u32| at(&base, d) + at(&feedback, d);
    let limit = opts.limit.clamp(1, MAX_LIMIT);
    let (total, ordered) = order_page(full, partial, opts, limit, &score_of);
    let marker = resolved.marker();
    let mut text_needed = Vec::new();
    let page = ordered.into_iter().skip(opts.offset).take(limit);
    let hits: Vec<Hit> = page
        .filter_map(|(doc, is_partial)| {
            let article = corpus.articles.get(doc as usize)?;
            let (explain, terms) = if opts.details {
                let extra = (at(&base, doc) - at(&matches.total, doc), at(&feedback, doc));
                explain::explain(&scorer, &scored, &matches.units, doc, extra)
            } else {
                (Vec::new(), Vec::new())
            };
            let snippet = match (opts.details, article.text_missing, article.shard) {
                (true, false, _) => snippet(article, doc, &marker, index, analyzer),
                (true, true, Some(n)) => {
                    text_needed.push(n);
                    String::new()
                }
                _ => String::new(),
            };
            Some(Hit {
                id: article.id.clone(),
                title: article.title.to_string(),
                score: score_of(doc),
                snippet,
                partial: is_partial,
                terms,
                explain,
            })
        })
        .collect();
    let suggestion = if hits.is_empty() {
        suggest::did_you_mean(index, q, &resolved)
    } else {
        None
    };
    SearchResults {
        total,
        hits,
        suggestion,
        text_needed: crate::shards::names(corpus, text_needed),
    }
}

/// The value for document `d` of a per-document vector (0 outside it).
fn at(v: &[f32], d: u32) -> f32 {
    v.get(d as usize).copied().unwrap_or(0.0)
}

/// The positive clauses that score: all of them when every one is a stop
/// word ("the who"), else those that are not.
fn scored_clauses<'a>(positive: &[&'a Clause]) -> Vec<&'a Clause> {
    let all_stop = positive.iter().all(|c| c.is_stop());
    positive
        .iter()
        .copied()
        .filter(|c| all_stop || !c.is_stop())
        .collect()
}

/// Documents a negated clause matches.
fn excluded_docs(scorer: &Scorer<'_>, resolved: &Resolved) -> Vec<bool> {
    let mut excluded = vec![false; scorer.n];
    for clause in resolved.clauses.iter().filter(|c| c.negated) {
        for unit in &clause.units {
            for d in scorer.unit_scores(unit).0.docs {
                if let Some(e) = excluded.get_mut(d as usize) {
                    *e = true;
                }
            }
        }
    }
    excluded
}

/// What the scored clauses matched, per document and per unit.
struct Matches {
    /// Per document: the sum of its clauses' scores.
    total: Vec<f32>,
    /// Per document: how many clauses it matched.
    matched: Vec<u32>,
    /// Documents some clause matched, in article order.
    touched: Vec<u32>,
    /// Per clause: its best unit's idf (weighs the proximity bonus).
    idf: Vec<f32>,
    /// Per clause, per unit: its documents' scores (for explanations).
    units: Vec<Vec<Sparse>>,
}

/// Score every clause. Only the documents some clause matches are visited.
fn score_clauses(scorer: &Scorer<'_>, scored: &[&Clause]) -> Matches {
    let n = scorer.n;
    let mut m = Matches {
        total: vec![0f32; n],
        matched: vec![0u32; n],
        touched: Vec::new(),
        idf: Vec::with_capacity(scored.len()),
        units: Vec::with_capacity(scored.len()),
    };
    let mut clause_score = Sums::new(n);
    for clause in scored {
        let mut best_idf = 0f32;
        let mut vecs = Vec::with_capacity(clause.units.len());
        for unit in &clause.units {
            let (s, w) = scorer.unit_scores(unit);
            best_idf = best_idf.max(w);
            for (d, v) in s.iter() {
                clause_score.add(d, v);
            }
            vecs.push(s);
        }
        m.units.push(vecs);
        m.idf.push(best_idf);
        for (d, v) in clause_score.drain().iter() {
            if let (Some(t), Some(c)) = (m.total.get_mut(d as usize), m.matched.get_mut(d as usize))
            {
                *t += v;
                if *c == 0 {
                    m.touched.push(d);
                }
                *c += 1;
            }
        }
    }
    m.touched.sort_unstable();
    m
}

/// Documents matching every scored clause, and those matching some, in
/// article order; a query of negated words only keeps every article they
/// leave out.
fn full_and_partial(
    m: &Matches,
    required: usize,
    excluded: &[bool],
    only_negative: bool,
) -> (Vec<u32>, Vec<u32>) {
    let is_excluded = |d: u32| excluded.get(d as usize).copied().unwrap_or(false);
    let mut full: Vec<u32> = Vec::new();
    let mut partial: Vec<u32> = Vec::new();
    if only_negative {
        let all = 0..u32::try_from(excluded.len()).unwrap_or(u32::MAX);
        full.extend(all.filter(|&d| !is_excluded(d)));
        return (full, partial);
    }
    for &d in m.touched.iter().filter(|&&d| !is_excluded(d)) {
        if m.matched.get(d as usize).copied().unwrap_or(0) as usize == required {
            full.push(d);
        } else {
            partial.push(d);
        }
    }
    (full, partial)
}

/// Per scored clause: its terms when it is one word, else `None`.
fn single_terms(scored: &[&Clause]) -> Vec<Option<Vec<u32>>> {
    scored
        .iter()
        .map(|c| match c.units.as_slice() {
            [Unit::Term { variants, .. }] => Some(variants.iter().map(|v| v.term).collect()),
            _ => None,
        })
        .collect()
}

/// Each candidate's score before feedback: the proximity bonus between
/// pairs of one-word clauses, plus its clauses' scores. Every other
/// document's stays 0 (feedback relies on that).
fn base_scores(
    index: &Index,
    m: &Matches,
    term_sets: &[Option<Vec<u32>>],
    candidates: &[u32],
    params: RankParams,
) -> Vec<f32> {
    let mut base = vec![0f32; m.total.len()];
    if term_sets.iter().flatten().count() >= 2 {
        for &doc in candidates {
            if m.matched.get(doc as usize).copied().unwrap_or(0) < 2 {
                continue;
            }
            if let Some(slot) = base.get_mut(doc as usize) {
                *slot = params.proximity * proximity(index, m, term_sets, doc, params);
            }
        }
    }
    for &d in candidates {
        if let (Some(b), Some(t)) = (base.get_mut(d as usize), m.total.get(d as usize)) {
            *b += t;
        }
    }
    base
}

/// The proximity of one document's one-word clauses, pair by pair, each
/// pair weighed by the rarer clause's idf.
fn proximity(
    index: &Index,
    m: &Matches,
    term_sets: &[Option<Vec<u32>>],
    doc: u32,
    params: RankParams,
) -> f32 {
    let lists: Vec<Option<Vec<u32>>> = term_sets
        .iter()
        .map(|s| s.as_ref().map(|t| merged_positions(index, t, doc, BODY)))
        .collect();
    let mut b = 0.0;
    for i in 0..lists.len() {
        for j in i + 1..lists.len() {
            if let (Some(Some(a)), Some(Some(c))) = (lists.get(i), lists.get(j)) {
                let acc = closeness(a, c, params.near);
                if acc > 0.0 {
                    let w = at(&m.idf, i as u32).min(at(&m.idf, j as u32));
                    b += w * saturate(params.k1, acc);
                }
            }
        }
    }
    b
}

/// Feedback scores, for a query of enough words over a corpus large enough
/// (else all 0).
fn feedback_for(
    index: &Index,
    scorer: &Scorer<'_>,
    term_sets: &[Option<Vec<u32>>],
    candidates: &[u32],
    base: &[f32],
    params: RankParams,
) -> Vec<f32> {
    let query_terms: HashSet<u32> = term_sets.iter().flatten().flatten().copied().collect();
    if term_sets.iter().flatten().count() >= params.feedback_min_words
        && scorer.n >= params.feedback_min_corpus
        && params.feedback_weight > 0.0
    {
        feedback::feedback_scores(index, scorer, candidates, base, &query_terms)
    } else {
        vec![0f32; scorer.n]
    }
}

/// The total, and the best `offset + limit` hits in order, each marked
/// partial or not. Only the requested page is ordered: the best are
/// selected, then sorted (the order is total, so pages never overlap).
fn order_page(
    mut full: Vec<u32>,
    partial: Vec<u32>,
    opts: SearchOptions,
    limit: usize,
    score_of: &dyn Fn(u32) -> f32,
) -> (usize, Vec<(u32, bool)>) {
    let page_end = opts.offset.saturating_add(limit);
    let rank = |list: &[u32], keep: usize, is_partial: bool| {
        top_k(list.iter().map(|&d| (score_of(d), d)), keep)
            .into_iter()
            .map(move |(_, d)| (d, is_partial))
    };
    match opts.mode {
        Mode::Any => {
            full.extend_from_slice(&partial);
            (full.len(), rank(&full, page_end, false).collect())
        }
        Mode::All => (full.len(), rank(&full, page_end, false).collect()),
        Mode::Auto => {
            let mut list: Vec<(u32, bool)> = rank(&full, page_end, false).collect();
            if list.len() < page_end {
                list.extend(rank(&partial, page_end - list.len(), true));
            }
            (full.len(), list)
        }
    }
}
