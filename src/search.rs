//! Search: resolve a parsed query against the index, rank with BM25F plus a
//! proximity bonus, and build hits with snippets and score explanations.
//!
//! Each query word is matched exactly (weight 1), by Snowball stem (0.7),
//! as a prefix (0.5, for `word*` and the last word while typing) and, only
//! when the corpus has neither the word nor its stem, by typo (edit distance
//! 1 for 4–7 letters, 2 for 8+, same first letter below 8 letters; 0.3).
//! Scores are BM25F over title and body; ties break on article order.

use crate::analyse::{is_stop_word, Analyzer, TokenKind};
use crate::highlight::{snippet, Marker};
use crate::index::{self, Index, BODY, TITLE};
use crate::model::Corpus;
use crate::query::{self, Unit};
use serde::Serialize;
use std::collections::HashSet;

/// Ranking parameters (defaults tuned on Cranfield and Vaswani; see README).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankParams {
    /// BM25 term-frequency saturation.
    pub k1: f32,
    /// Length normalisation of the title field.
    pub b_title: f32,
    /// Length normalisation of the body field.
    pub b_body: f32,
    /// Weight of the title field relative to the body.
    pub boost_title: f32,
    /// Weight of the proximity bonus.
    pub proximity: f32,
    /// Largest word distance that counts as "near".
    pub near: u32,
    /// Weight of a word sharing the query word's stem.
    pub stem_weight: f32,
    /// Pseudo-relevance feedback: top documents read for expansion words.
    pub feedback_docs: usize,
    /// Pseudo-relevance feedback: expansion words added.
    pub feedback_terms: usize,
    /// Pseudo-relevance feedback: weight of the expansion words (0 = off).
    pub feedback_weight: f32,
    /// Exponent on each feedback document's relative score.
    pub feedback_sharpness: f32,
    /// Feedback applies to queries with at least this many content words...
    pub feedback_min_words: usize,
    /// ...over corpora of at least this many articles.
    pub feedback_min_corpus: usize,
}

impl Default for RankParams {
    fn default() -> Self {
        RankParams {
            k1: 1.2,
            b_title: 0.5,
            b_body: 0.6,
            boost_title: 2.0,
            proximity: 0.25,
            near: 8,
            stem_weight: 0.7,
            feedback_docs: 10,
            feedback_terms: 10,
            feedback_weight: 0.5,
            feedback_sharpness: 4.0,
            feedback_min_words: 3,
            feedback_min_corpus: 50,
        }
    }
}
/// Most prefix expansions per word.
const MAX_PREFIX: usize = 64;
/// Most typo candidates per word.
const MAX_TYPO: usize = 16;
/// Largest page size.
pub const MAX_LIMIT: usize = 1000;

/// How a query word matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The word as typed.
    Exact,
    /// Another word with the same stem.
    Stem,
    /// A word starting with what was typed.
    Prefix,
    /// A word within a small edit distance.
    Typo,
    /// A whole phrase.
    Phrase,
}

/// How query words combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// All words; when too few articles have all, partial matches follow.
    #[default]
    Auto,
    /// Strictly all words.
    All,
    /// Any word, ranked.
    Any,
}

/// Search options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// Hits per page (1..=[`MAX_LIMIT`]).
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// How words combine.
    pub mode: Mode,
    /// Treat the last word as a prefix (search as you type).
    pub prefix: bool,
    /// Build snippets and explanations (off for bulk evaluation).
    pub details: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            mode: Mode::Auto,
            prefix: false,
            details: true,
        }
    }
}

/// One term's share of a hit's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explain {
    /// The query word or phrase.
    pub query: String,
    /// Best way it matched in this article.
    pub kind: MatchKind,
    /// Words of the article it matched.
    pub matched: Vec<String>,
    /// Score contributed.
    pub score: f32,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Article id.
    pub id: String,
    /// Article title (plain text; escape before display).
    pub title: String,
    /// Relevance score.
    pub score: f32,
    /// Best passage, HTML-escaped, matches in `<mark>`.
    pub snippet: String,
    /// True when the article matches only some of the words.
    pub partial: bool,
    /// Words of the article that matched.
    pub terms: Vec<String>,
    /// Score explanation: one entry per query word or phrase, plus proximity.
    pub explain: Vec<Explain>,
}

/// A page of results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// Articles matching every word (in `any` mode: any word).
    pub total: usize,
    /// The page of hits.
    pub hits: Vec<Hit>,
    /// A corrected query when nothing matched.
    pub suggestion: Option<String>,
    /// Text shards to load before these hits can have snippets (file names,
    /// see [`crate::shards`]); their `snippet` is empty until then.
    #[serde(rename = "textNeeded")]
    pub text_needed: Vec<String>,
}

#[derive(Debug, Clone)]
struct Variant {
    term: u32,
    weight: f32,
    kind: MatchKind,
}

#[derive(Debug, Clone)]
enum RUnit {
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
struct RClause {
    negated: bool,
    units: Vec<RUnit>,
}

impl RClause {
    fn is_stop(&self) -> bool {
        self.units
            .iter()
            .all(|u| matches!(u, RUnit::Term { stop: true, .. }))
    }
}

/// A query resolved against one index.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    clauses: Vec<RClause>,
    /// Query words found nowhere (not even by typo).
    missing: Vec<String>,
}

/// Bounded Damerau–Levenshtein (optimal string alignment) distance.
pub fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    edit_distance_in(a, b, max, &mut Default::default())
}

/// Rows reused across [`edit_distance_in`] calls (no allocation per term).
#[derive(Default)]
struct Rows {
    prev2: Vec<usize>,
    prev: Vec<usize>,
    row: Vec<usize>,
}

fn edit_distance_in(a: &[char], b: &[char], max: usize, rows: &mut Rows) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let at = |v: &[usize], i: usize| v.get(i).copied().unwrap_or(usize::MAX / 2);
    let Rows { prev2, prev, row } = rows;
    prev2.clear();
    prev2.resize(b.len() + 1, 0);
    prev.clear();
    prev.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        row.clear();
        row.push(i + 1);
        let mut row_min = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut v = (at(prev, j + 1) + 1)
                .min(at(row, j) + 1)
                .min(at(prev, j) + cost);
            if i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca) {
                v = v.min(at(prev2, j - 1) + 1);
            }
            row.push(v);
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(prev2, prev);
        std::mem::swap(prev, row);
    }
    let d = at(prev, b.len());
    (d <= max).then_some(d)
}

/// Allowed typo distance for a word of `len` characters.
fn typo_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Index terms within the typo budget of `word`, closest and most frequent first.
fn typo_candidates(
    index: &Index,
    word: &str,
    budget: usize,
    keep_first: bool,
) -> Vec<(u32, usize)> {
    let w: Vec<char> = word.chars().collect();
    let Some(&first) = w.first() else {
        return Vec::new();
    };
    if budget == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut buf = Vec::new();
    let mut rows = Rows::default();
    let lead_only = keep_first && w.len() < 8;
    let mut check = |i: usize, term: &str| {
        if lead_only && !term.starts_with(first) {
            return;
        }
        buf.clear();
        buf.extend(term.chars());
        if buf.len() < 3 || buf.len().abs_diff(w.len()) > budget {
            return;
        }
        if let Some(d) = edit_distance_in(&w, &buf, budget, &mut rows) {
            if d > 0 {
                out.push((u32::try_from(i).unwrap_or(u32::MAX), d));
            }
        }
    };
    // A term within `budget` edits keeps all but 3 of the word's padded
    // bigrams per edit (a transposition touches three): count the shared
    // bigrams and compare only the terms that have enough.
    let grams: Vec<u64> = index::bigrams(word).collect();
    let need = grams.len().saturating_sub(3 * budget);
    if need >= 1 {
        let mut shared = vec![0u8; index.terms.len()];
        let mut touched = Vec::new();
        let table = index.grams();
        for &g in &grams {
            for &t in table.terms(g) {
                if let Some(c) = shared.get_mut(t as usize) {
                    if *c == 0 {
                        touched.push(t);
                    }
                    *c = c.saturating_add(1);
                }
            }
        }
        touched.sort_unstable();
        for t in touched {
            if shared
                .get(t as usize)
                .is_some_and(|&c| usize::from(c) >= need)
            {
                check(t as usize, index.term(t));
            }
        }
    } else {
        // Terms are sorted: when the first letter must match, scan only its range.
        let range = if lead_only {
            let mut lead = [0u8; 4];
            index.terms_with_prefix(first.encode_utf8(&mut lead))
        } else {
            0..index.terms.len()
        };
        for (i, term) in index
            .terms
            .iter()
            .enumerate()
            .skip(range.start)
            .take(range.len())
        {
            check(i, term);
        }
    }
    out.sort_by_cached_key(|&(t, d)| (d, std::cmp::Reverse(index.doc_freq(t)), t));
    out.truncate(MAX_TYPO);
    out
}

/// Resolve the variants of one analysed word.
fn variants(
    index: &Index,
    analyzer: &Analyzer,
    word: &str,
    kind: TokenKind,
    prefix: bool,
    stem_weight: f32,
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
        push(&mut out, t, stem_weight, MatchKind::Stem);
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
            push(&mut out, t, 0.5, MatchKind::Prefix);
        }
    }
    if out.is_empty() && kind == TokenKind::Word {
        for (t, d) in typo_candidates(index, word, typo_budget(word.chars().count()), true) {
            push(&mut out, t, 0.3 / d as f32, MatchKind::Typo);
        }
    }
    out
}

fn exact_slot(index: &Index, analyzer: &Analyzer, word: &str) -> Vec<u32> {
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
                Unit::Term {
                    text,
                    prefix,
                    title_only,
                } => (
                    text,
                    prefix || (typing && last && !clause.negated),
                    title_only,
                    false,
                ),
                Unit::Phrase { text, title_only } => (text, false, title_only, true),
            };
            let tokens = analyzer.tokens(&text);
            match tokens.as_slice() {
                [] => {}
                [tok] if !phrase => {
                    let vars = variants(
                        index,
                        analyzer,
                        &tok.term,
                        tok.kind,
                        prefix,
                        params.stem_weight,
                    );
                    if vars.is_empty() && !clause.negated {
                        resolved.missing.push(tok.term.clone());
                    }
                    units.push(RUnit::Term {
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
                    units.push(RUnit::Phrase {
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
            resolved.clauses.push(RClause {
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
                    RUnit::Term {
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
                    RUnit::Phrase {
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

fn merged_positions(index: &Index, terms: &[u32], doc: u32, field: u8) -> Vec<u32> {
    let mut out: Vec<u32> = terms
        .iter()
        .filter_map(|&t| index.posting(t, doc, field))
        .flat_map(|p| p.positions())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

fn saturate(k1: f32, tfn: f32) -> f32 {
    tfn * (k1 + 1.0) / (k1 + tfn)
}

struct Scorer<'a> {
    index: &'a Index,
    p: RankParams,
    avg: [f32; 2],
    n: usize,
    /// Reused by every [`Scorer::unit_scores`] call of a query (each leaves
    /// it zeroed again).
    scratch: std::cell::Cell<Sums>,
}

/// Sums per document that visit only the documents added to: a zeroed
/// slot per document, and the documents given a value.
#[derive(Debug, Default)]
struct Sums {
    slots: Vec<f32>,
    docs: Vec<u32>,
}

impl Sums {
    fn new(n: usize) -> Sums {
        Sums {
            slots: vec![0.0; n],
            docs: Vec::new(),
        }
    }

    fn add(&mut self, doc: u32, v: f32) {
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
    fn drain(&mut self) -> Sparse {
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
struct Sparse {
    docs: Vec<u32>,
    vals: Vec<f32>,
}

impl Sparse {
    /// The score of `doc` (0 where the unit does not match).
    fn get(&self, doc: u32) -> f32 {
        self.docs
            .binary_search(&doc)
            .ok()
            .and_then(|i| self.vals.get(i))
            .copied()
            .unwrap_or(0.0)
    }

    fn iter(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.docs.iter().copied().zip(self.vals.iter().copied())
    }
}

impl Scorer<'_> {
    fn norm(&self, doc: u32, field: u8, tf: f32) -> f32 {
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

    fn fields(title_only: bool) -> &'static [u8] {
        if title_only {
            &[TITLE]
        } else {
            &[TITLE, BODY]
        }
    }

    /// Per-document scores of one unit, and its idf.
    fn unit_scores(&self, unit: &RUnit) -> (Sparse, f32) {
        let mut tfn = self.scratch.take();
        if tfn.slots.len() != self.n {
            tfn = Sums::new(self.n);
        }
        match unit {
            RUnit::Term {
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
            RUnit::Phrase {
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
fn phrase_candidates(index: &Index, slots: &[Vec<u32>]) -> Vec<u32> {
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
fn phrase_count(index: &Index, slots: &[Vec<u32>], doc: u32, field: u8) -> usize {
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
fn closeness(a: &[u32], b: &[u32], near: u32) -> f32 {
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

/// Pseudo-relevance feedback (RM3-like): words frequent in the best
/// documents and rare in the corpus are added with a small weight. They only
/// re-rank documents that already match; they never make a document match.
/// `score` is each document's base score: above 0 exactly for `candidates`.
fn feedback_scores(
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
        let unit = RUnit::Term {
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

/// Ranking order: higher score first, then lower id (a total order, so a
/// page of results never depends on how the candidates were gathered).
fn by_score(a: &(f32, u32), b: &(f32, u32)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

/// The best `k` of `(score, id)` pairs in [`by_score`] order: a selection,
/// then a sort of the `k` kept, instead of sorting them all. One concrete
/// type for every caller (each instantiation of the sort costs wasm size).
fn top_k(items: impl Iterator<Item = (f32, u32)>, k: usize) -> Vec<(f32, u32)> {
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

/// Run a search.
pub fn search(
    corpus: &Corpus,
    analyzer: &Analyzer,
    q: &str,
    opts: SearchOptions,
    params: RankParams,
) -> SearchResults {
    let index = &corpus.index;
    let resolved = resolve(index, analyzer, q, opts.prefix, params);
    let scorer = Scorer {
        index,
        p: params,
        avg: index.avg_len(),
        n: index.doc_count(),
        scratch: Default::default(),
    };
    let n = scorer.n;
    let positive: Vec<&RClause> = resolved.clauses.iter().filter(|c| !c.negated).collect();
    let all_stop = positive.iter().all(|c| c.is_stop());
    let scored: Vec<&RClause> = positive
        .iter()
        .copied()
        .filter(|c| all_stop || !c.is_stop())
        .collect();

    let mut excluded = vec![false; n];
    for clause in resolved.clauses.iter().filter(|c| c.negated) {
        for unit in &clause.units {
            for d in scorer.unit_scores(unit).0.docs {
                if let Some(e) = excluded.get_mut(d as usize) {
                    *e = true;
                }
            }
        }
    }

    // Per clause: per-doc score; per doc: total score and clauses matched.
    // Only the documents some clause matches are visited (`touched`).
    let mut total_score = vec![0f32; n];
    let mut matched = vec![0u32; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut clause_score = Sums::new(n);
    let mut clause_idf = Vec::with_capacity(scored.len());
    let mut unit_vecs: Vec<Vec<Sparse>> = Vec::with_capacity(scored.len());
    for clause in &scored {
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
        unit_vecs.push(vecs);
        clause_idf.push(best_idf);
        for (d, v) in clause_score.drain().iter() {
            if let (Some(t), Some(m)) =
                (total_score.get_mut(d as usize), matched.get_mut(d as usize))
            {
                *t += v;
                if *m == 0 {
                    touched.push(d);
                }
                *m += 1;
            }
        }
    }

    let required = scored.len();
    let only_negative = positive.is_empty() && !resolved.clauses.is_empty();
    let mut full: Vec<u32> = Vec::new();
    let mut partial: Vec<u32> = Vec::new();
    let is_excluded = |d: u32| excluded.get(d as usize).copied().unwrap_or(false);
    if only_negative {
        // Every article the negated words leave out.
        let all = 0..u32::try_from(n).unwrap_or(u32::MAX);
        full.extend(all.filter(|&d| !is_excluded(d)));
    } else {
        touched.sort_unstable();
        for d in touched {
            let m = matched.get(d as usize).copied().unwrap_or(0) as usize;
            if is_excluded(d) {
                continue;
            }
            if m == required {
                full.push(d);
            } else {
                partial.push(d);
            }
        }
    }

    // Proximity bonus between pairs of single-word clauses.
    let term_sets: Vec<Option<Vec<u32>>> = scored
        .iter()
        .map(|c| match c.units.as_slice() {
            [RUnit::Term { variants, .. }] => Some(variants.iter().map(|v| v.term).collect()),
            _ => None,
        })
        .collect();
    let mut bonus = vec![0f32; n];
    if term_sets.iter().flatten().count() >= 2 {
        for &doc in full.iter().chain(partial.iter()) {
            if matched.get(doc as usize).copied().unwrap_or(0) < 2 {
                continue;
            }
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
                            let w = clause_idf
                                .get(i)
                                .copied()
                                .unwrap_or(0.0)
                                .min(clause_idf.get(j).copied().unwrap_or(0.0));
                            b += w * saturate(params.k1, acc);
                        }
                    }
                }
            }
            if let Some(slot) = bonus.get_mut(doc as usize) {
                *slot = params.proximity * b;
            }
        }
    }
    // Base scores: every candidate matched a clause, so its total is above
    // 0; every other document's stays 0 (feedback relies on that).
    let candidates: Vec<u32> = full.iter().chain(partial.iter()).copied().collect();
    for &d in &candidates {
        if let (Some(b), Some(t)) = (bonus.get_mut(d as usize), total_score.get(d as usize)) {
            *b += t;
        }
    }
    let query_terms: HashSet<u32> = term_sets.iter().flatten().flatten().copied().collect();
    let feedback = if term_sets.iter().flatten().count() >= params.feedback_min_words
        && n >= params.feedback_min_corpus
        && params.feedback_weight > 0.0
    {
        feedback_scores(index, &scorer, &candidates, &bonus, &query_terms)
    } else {
        vec![0f32; n]
    };
    // Base score (BM25F + proximity) before feedback, for explanations.
    let base = bonus;
    let score_of = |d: u32| {
        base.get(d as usize).copied().unwrap_or(0.0)
            + feedback.get(d as usize).copied().unwrap_or(0.0)
    };
    let limit = opts.limit.clamp(1, MAX_LIMIT);
    // Only the requested page is ordered: the best `offset + limit` are
    // selected, then sorted (the order is total, so pages never overlap).
    let page_end = opts.offset.saturating_add(limit);
    let rank = |list: &[u32], keep: usize, is_partial: bool| {
        top_k(list.iter().map(|&d| (score_of(d), d)), keep)
            .into_iter()
            .map(move |(_, d)| (d, is_partial))
    };

    let (total, ordered): (usize, Vec<(u32, bool)>) = match opts.mode {
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
    };

    let marker = resolved.marker();
    let mut text_needed = Vec::new();
    let hits: Vec<Hit> = ordered
        .into_iter()
        .skip(opts.offset)
        .take(limit)
        .filter_map(|(doc, is_partial)| {
            let article = corpus.articles.get(doc as usize)?;
            let extra = (
                base.get(doc as usize).copied().unwrap_or(0.0)
                    - total_score.get(doc as usize).copied().unwrap_or(0.0),
                feedback.get(doc as usize).copied().unwrap_or(0.0),
            );
            let (explain, terms) = if opts.details {
                explain(&scorer, &scored, &unit_vecs, doc, extra)
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
        did_you_mean(index, q, &resolved)
    } else {
        None
    };
    let text_needed = crate::shards::names(corpus, text_needed);
    SearchResults {
        total,
        hits,
        suggestion,
        text_needed,
    }
}

/// Per-unit explanation for one document, and the document words matched.
fn explain(
    scorer: &Scorer<'_>,
    clauses: &[&RClause],
    unit_vecs: &[Vec<Sparse>],
    doc: u32,
    (bonus, feedback): (f32, f32),
) -> (Vec<Explain>, Vec<String>) {
    let index = scorer.index;
    let mut out = Vec::new();
    let mut terms: Vec<String> = Vec::new();
    for (clause, vecs) in clauses.iter().zip(unit_vecs) {
        for (unit, vec) in clause.units.iter().zip(vecs) {
            let scores = vec.get(doc);
            if scores <= 0.0 {
                continue;
            }
            match unit {
                RUnit::Term {
                    display,
                    variants,
                    title_only,
                    ..
                } => {
                    let fields = Scorer::fields(*title_only);
                    let present: Vec<&Variant> = variants
                        .iter()
                        .filter(|v| {
                            fields
                                .iter()
                                .any(|&f| index.posting(v.term, doc, f).is_some())
                        })
                        .collect();
                    let kind = present
                        .iter()
                        .map(|v| v.kind)
                        .min()
                        .unwrap_or(MatchKind::Exact);
                    let matched: Vec<String> = present
                        .iter()
                        .map(|v| index.term(v.term).to_string())
                        .collect();
                    for m in &matched {
                        if !terms.contains(m) {
                            terms.push(m.clone());
                        }
                    }
                    out.push(Explain {
                        query: display.clone(),
                        kind,
                        matched,
                        score: scores,
                    });
                }
                RUnit::Phrase { display, .. } => {
                    if !terms.contains(display) {
                        terms.push(display.clone());
                    }
                    out.push(Explain {
                        query: display.clone(),
                        kind: MatchKind::Phrase,
                        matched: vec![display.clone()],
                        score: scores,
                    });
                }
            }
        }
    }
    if bonus > 0.0 {
        out.push(Explain {
            query: "proximity".into(),
            kind: MatchKind::Phrase,
            matched: Vec::new(),
            score: bonus,
        });
    }
    if feedback > 0.0 {
        out.push(Explain {
            query: "related words".into(),
            kind: MatchKind::Stem,
            matched: Vec::new(),
            score: feedback,
        });
    }
    (out, terms)
}

/// "Did you mean": each missing word replaced by its closest index word.
fn did_you_mean(index: &Index, q: &str, resolved: &Resolved) -> Option<String> {
    if resolved.missing.is_empty() {
        return None;
    }
    let mut out = q.to_lowercase();
    let mut changed = false;
    for word in &resolved.missing {
        let len = word.chars().count();
        if len < 3 {
            continue;
        }
        // Looser than typo matching: this is only a suggestion.
        let budget = match len {
            0..=5 => 1,
            6..=9 => 2,
            _ => 3,
        };
        if let Some(&(t, _)) = typo_candidates(index, word, budget, false).first() {
            out = out.replacen(word.as_str(), index.term(t), 1);
            changed = true;
        }
    }
    changed.then_some(out)
}

/// Completions for what is being typed: the query with its last word
/// completed by frequent index words, most frequent first.
pub fn suggest(index: &Index, analyzer: &Analyzer, prefix: &str, limit: usize) -> Vec<String> {
    let prefix = query::truncate(prefix, query::MAX_QUERY_BYTES);
    let Some(last) = analyzer.tokens(prefix).pop() else {
        return Vec::new();
    };
    if prefix.ends_with(char::is_whitespace) {
        return Vec::new();
    }
    let head = prefix.get(..last.start).unwrap_or("");
    let mut cands: Vec<u32> = index
        .terms_with_prefix(&last.term)
        .filter_map(|i| u32::try_from(i).ok())
        .filter(|&t| !is_stop_word(index.term(t)) && index.term(t) != last.term)
        .collect();
    cands.sort_by_cached_key(|&t| (std::cmp::Reverse(index.doc_freq(t)), t));
    cands
        .into_iter()
        .take(limit.min(50))
        .map(|t| format!("{head}{}", index.term(t)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn edit_distance_table() {
        let cases = [
            ("alibaba", "alibaba", 2, Some(0)),
            ("alibaba", "alibab", 2, Some(1)),
            ("alibaba", "ailbaba", 2, Some(1)),
            ("alibaba", "alabama", 2, Some(2)),
            ("cloud", "clodu", 1, Some(1)),
            ("cloud", "could", 1, None),
            ("cat", "dog", 2, None),
            ("", "ab", 2, Some(2)),
        ];
        for (a, b, max, want) in cases {
            assert_eq!(edit_distance(&chars(a), &chars(b), max), want, "{a} {b}");
        }
    }

    #[test]
    fn top_k_equals_the_prefix_of_a_full_sort() {
        // Scores with many ties (a few distinct values), broken by id.
        let items = || (0..200u32).rev().map(|i| (((i * 37) % 11) as f32 / 3.0, i));
        let mut sorted: Vec<(f32, u32)> = items().collect();
        sorted.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap().then(a.1.cmp(&b.1)));
        for k in [0, 1, 2, 10, 37, 199, 200, 500] {
            assert_eq!(top_k(items(), k), sorted[..k.min(200)], "k = {k}");
        }
    }

    #[test]
    fn pages_of_a_search_join_up_to_the_whole_ranking() {
        // Ties on purpose: seven distinct scores over thirty articles.
        let articles: Vec<_> = (0..30)
            .map(|i| {
                let body = format!("Title {i}\n\nThe river bank{}.", " and water".repeat(i % 7));
                crate::parse::parse_article(&format!("a{i:02}"), &body)
            })
            .collect();
        let analyzer = Analyzer::new();
        let corpus = Corpus {
            index: Index::build(&articles, &analyzer),
            articles,
            text_shards: Vec::new(),
            index_at_load: false,
            corrections: Vec::new(),
        };
        let run = |offset, limit, mode| {
            let opts = SearchOptions {
                offset,
                limit,
                mode,
                details: false,
                ..SearchOptions::default()
            };
            search(
                &corpus,
                &analyzer,
                "river bank",
                opts,
                RankParams::default(),
            )
        };
        for mode in [Mode::Auto, Mode::All, Mode::Any] {
            let whole = run(0, 100, mode);
            assert_eq!(whole.hits.len(), 30, "{mode:?}");
            assert_eq!(whole.total, 30);
            let mut joined = Vec::new();
            for offset in (0..30).step_by(4) {
                let page = run(offset, 4, mode);
                assert_eq!(page.total, 30, "{mode:?} offset {offset}");
                joined.extend(page.hits.into_iter().map(|h| h.id));
            }
            let ids: Vec<String> = whole.hits.into_iter().map(|h| h.id).collect();
            assert_eq!(joined, ids, "{mode:?}");
        }
    }

    #[test]
    fn typo_budget_by_length() {
        assert_eq!(typo_budget(3), 0);
        assert_eq!(typo_budget(4), 1);
        assert_eq!(typo_budget(7), 1);
        assert_eq!(typo_budget(8), 2);
    }

    #[test]
    fn closeness_counts_near_pairs() {
        assert!(closeness(&[1, 50], &[2], 8) > closeness(&[1], &[5], 8));
        assert_eq!(closeness(&[1], &[100], 8), 0.0);
    }

    /// The bigram filter must find exactly what comparing the word with
    /// every term finds, for words with every kind of edit.
    #[test]
    fn typo_candidates_match_a_full_scan() {
        use crate::parse::parse_article;
        let text = "Title Words\n\nThe committee recommended investment in infrastructure \
            while investors celebrated; celebrations, exchanges and exchange rates, \
            inspection of inspections, underestimate, estimated, Bournemouth, \
            café naïve coöperation, straße, 東京 東京都, x1 ab abc abcd.";
        let analyzer = Analyzer::new();
        let index = Index::build(&[parse_article("a", text)], &analyzer);
        let brute = |word: &str, budget: usize, keep_first: bool| {
            let w: Vec<char> = word.chars().collect();
            let mut out: Vec<(u32, usize)> = Vec::new();
            for (i, term) in index.terms.iter().enumerate() {
                let t: Vec<char> = term.chars().collect();
                if t.len() < 3 || (keep_first && w.len() < 8 && t.first() != w.first()) {
                    continue;
                }
                if let Some(d) = edit_distance(&w, &t, budget) {
                    if d > 0 {
                        out.push((i as u32, d));
                    }
                }
            }
            out.sort_unstable_by_key(|&(t, d)| (d, std::cmp::Reverse(index.doc_freq(t)), t));
            out.truncate(MAX_TYPO);
            out
        };
        let words = [
            "comittee",
            "commitee",
            "recommneded",
            "investmnet",
            "ivnestors",
            "celerbate",
            "exhcanges",
            "inpsection",
            "underestimtae",
            "bournemotuh",
            "cafe",
            "naive",
            "cooperation",
            "strasse",
            "abd",
            "bacd",
            "zzzz",
            "celebrations",
            "xinspection",
        ];
        for word in words {
            for budget in 1..=3 {
                for keep_first in [true, false] {
                    assert_eq!(
                        typo_candidates(&index, word, budget, keep_first),
                        brute(word, budget, keep_first),
                        "{word} budget {budget} keep_first {keep_first}"
                    );
                }
            }
        }
        assert!(!typo_candidates(&index, "inpsection", 1, true).is_empty());
    }
}
