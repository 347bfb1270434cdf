//! What a search takes and gives: the ranking parameters, the options, and
//! the results with their hits and explanations.

use serde::Serialize;

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
    /// Weight of a word the query word is a prefix of (`word*`, and the
    /// last word while typing).
    pub prefix_weight: f32,
    /// Weight of a word one typo away (halved at two).
    pub typo_weight: f32,
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
            prefix_weight: 0.5,
            typo_weight: 0.3,
            feedback_docs: 10,
            feedback_terms: 10,
            feedback_weight: 0.5,
            feedback_sharpness: 4.0,
            feedback_min_words: 3,
            feedback_min_corpus: 50,
        }
    }
}
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
