//! A query resolved against one index: each word's variants (exact, stem,
//! prefix, typo) with their weights, phrases as slots of terms, negation.
//! Search and the highlighter read the same resolution.

use super::options::{MatchKind, RankParams};
use super::typo::{typo_budget, typo_candidates};
use crate::analyse::{is_stop_word, Analyzer, TokenKind};
use crate::highlight::Marker;
use crate::index::Index;
use crate::query;
use std::collections::HashSet;

/// Most prefix expansions per word.
const MAX_PREFIX: usize = 64;

#[derive(Debug, Clone)]
pub(super) struct Variant {
    pub(super) term: u32,
    pub(super) weight: f32,
    pub(super) kind: MatchKind,
}

#[derive(Debug, Clone)]
pub(super) enum Unit {
    Term {
        display: String,
        variants: Vec<Variant>,
        stop: bool,
        title_only: bool,
    },
    Phrase {
        display: String,
        slots: Vec<Vec<u32>>,
        title_only: bool,
    },
}

#[derive(Debug, Clone)]
pub(super) struct Clause {
    pub(super) negated: bool,
    pub(super) units: Vec<Unit>,
}

impl Clause {
    pub(super) fn is_stop(&self) -> bool {
        self.units
            .iter()
            .all(|u| matches!(u, Unit::Term { stop: true, .. }))
    }
}

/// A query resolved against one index.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub(super) clauses: Vec<Clause>,
    /// Query words found nowhere (not even by typo).
    pub(super) missing: Vec<String>,
}

/// Resolve the variants of one analysed word.
pub(super) fn variants(
    index: &Index,
    analyzer: &Analyzer,
    word: &str,
    kind: TokenKind,
    prefix: bool,
    params: RankParams,
) -> Vec<Variant> {
    let mut out: Vec<Variant> = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |out: &mut Vec<Variant>, term: u32, weight: f32, kind: MatchKind| {
        if seen.insert(term) {
            out.push(Variant { term, weight, kind });
        }
    };
    if let Some(t) = index.term_id(word) {
        push(&mut out, t, 1.0, MatchKind::Exact);
    }
    if kind == TokenKind::Cjk {
        return out;
    }
    for &t in index.terms_with_stem(&analyzer.stem(word)) {
        push(&mut out, t, params.stem_weight, MatchKind::Stem);
    }
    if prefix {
        let mut ext: Vec<u32> = index
            .terms_with_prefix(word)
            .filter_map(|i| u32::try_from(i).ok())
            .collect();
        // doc_freq walks the postings: compute it once per term, not per comparison.
        ext.sort_by_cached_key(|&t| (std::cmp::Reverse(index.doc_freq(t)), t));
        ext.truncate(MAX_PREFIX);
        for t in ext {
            push(&mut out, t, params.prefix_weight, MatchKind::Prefix);
        }
    }
    if out.is_empty() && kind == TokenKind::Word {
        for (t, d) in typo_candidates(index, word, typo_budget(word.chars().count()), true) {
            push(&mut out, t, params.typo_weight / d as f32, MatchKind::Typo);
        }
    }
    out
}

pub(super) fn exact_slot(index: &Index, analyzer: &Analyzer, word: &str) -> Vec<u32> {
    let mut slot: Vec<u32> = index.term_id(word).into_iter().collect();
    for &t in index.terms_with_stem(&analyzer.stem(word)) {
        if !slot.contains(&t) {
            slot.push(t);
        }
    }
    slot
}

/// Resolve a query string. `prefix_last` makes the last word a prefix when
/// the query does not end with a space.
pub fn resolve(
    index: &Index,
    analyzer: &Analyzer,
    q: &str,
    prefix_last: bool,
    params: RankParams,
) -> Resolved {
    let parsed = query::parse(q);
    let typing = prefix_last && !q.ends_with(char::is_whitespace);
    let n_clauses = parsed.clauses.len();
    let mut resolved = Resolved::default();
    for (ci, clause) in parsed.clauses.into_iter().enumerate() {
        let last_clause = ci + 1 == n_clauses;
        let n_units = clause.alternatives.len();
        let mut units = Vec::new();
        for (ui, unit) in clause.alternatives.into_iter().enumerate() {
            let last = last_clause && ui + 1 == n_units;
            let (text, prefix, title_only, phrase) = match unit {
                query::Unit::Term {
                    text,
                    prefix,
                    title_only,
                } => (
                    text,
                    prefix || (typing && last && !clause.negated),
                    title_only,
                    false,
                ),
                query::Unit::Phrase { text, title_only } => (text, false, title_only, true),
            };
            let tokens = analyzer.tokens(&text);
            match tokens.as_slice() {
                [] => {}
                [tok] if !phrase => {
                    let vars = variants(index, analyzer, &tok.term, tok.kind, prefix, params);
                    if vars.is_empty() && !clause.negated {
                        resolved.missing.push(tok.term.clone());
                    }
                    units.push(Unit::Term {
                        display: tok.term.clone(),
                        variants: vars,
                        stop: is_stop_word(&tok.term),
                        title_only,
                    });
                }
                toks => {
                    let display = toks
                        .iter()
                        .map(|t| t.term.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    units.push(Unit::Phrase {
                        display,
                        slots: toks
                            .iter()
                            .map(|t| exact_slot(index, analyzer, &t.term))
                            .collect(),
                        title_only,
                    });
                }
            }
        }
        if !units.is_empty() {
            resolved.clauses.push(Clause {
                negated: clause.negated,
                units,
            });
        }
    }
    resolved
}

impl Resolved {
    /// What the highlighter should mark: positive words and phrases.
    pub fn marker(&self) -> Marker {
        let mut marker = Marker::default();
        let any_content = self.clauses.iter().any(|c| !c.negated && !c.is_stop());
        for clause in self.clauses.iter().filter(|c| !c.negated) {
            for unit in &clause.units {
                match unit {
                    Unit::Term {
                        variants,
                        stop,
                        title_only,
                        ..
                    } => {
                        if *stop && any_content {
                            continue;
                        }
                        marker
                            .terms
                            .push((variants.iter().map(|v| v.term).collect(), *title_only));
                    }
                    Unit::Phrase {
                        slots, title_only, ..
                    } => marker.phrases.push((
                        slots.iter().map(|s| s.iter().copied().collect()).collect(),
                        *title_only,
                    )),
                }
            }
        }
        marker
    }
}
