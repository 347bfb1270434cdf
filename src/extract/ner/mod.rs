//! A trained named-entity recogniser: a linear-chain CRF over CoNLL-style
//! tokens, tagging `B-`/`I-` × PER, ORG, LOC, MISC.
//!
//! The features ([`features`]) are computed here, by the same code at
//! training time (`cargo run --example ner -- features` writes them for
//! CoNLL-2003, and `tools/train_ner.py` trains the CRF with python-crfsuite
//! and exports its weights) and at run time, so the two never drift apart.
//! The weights (`model.aen`, [`model`]) are embedded in builds with the
//! `tables` feature only, and decoded here by Viterbi.
//!
//! ```
//! use article_explorer::extract::ner;
//!
//! let text = "Paul McCartney met Sony executives in Tokyo.";
//! let spans = ner::tag_text(text, &|_| false);
//! let found: Vec<_> = spans.iter().map(|s| (&text[s.start..s.end], s.label)).collect();
//! assert!(found.contains(&("Paul McCartney", ner::Label::Per)));
//! assert!(found.contains(&("Tokyo", ner::Label::Loc)));
//! ```

mod features;
mod model;
mod tokenize;

pub use features::{features, is_common_word, Gazetteer};
pub use tokenize::conll_tokens;

use model::Model;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The kind an entity span is tagged with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A location.
    Loc,
    /// Anything else named: nationalities, events, works, products.
    Misc,
}

impl Label {
    fn from_tag(tag: &str) -> Option<(bool, Label)> {
        let (begin, kind) = tag.split_once('-')?;
        let label = match kind {
            "PER" => Label::Per,
            "ORG" => Label::Org,
            "LOC" => Label::Loc,
            "MISC" => Label::Misc,
            _ => return None,
        };
        Some((begin == "B", label))
    }
}

/// An entity span: byte offsets in the tagged text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NerSpan {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Kind.
    pub label: Label,
}

static MODEL_BYTES: &[u8] = include_bytes!("model.aen");

fn model() -> Result<&'static Model, &'static str> {
    static MODEL: OnceLock<Result<Model, String>> = OnceLock::new();
    MODEL
        .get_or_init(|| Model::read(MODEL_BYTES))
        .as_ref()
        .map_err(String::as_str)
}

/// Words seen before get their word-level scores from here (most of a
/// token's features depend on the word alone). Cleared when it grows large.
const CACHE_MAX: usize = 200_000;

thread_local! {
    static WORD_SCORES: RefCell<HashMap<String, Vec<f32>>> = RefCell::new(HashMap::new());
}

/// Tag one token sequence: a `B-X`/`I-X`/`O` tag per token (all "O" if the
/// embedded model could not be read, which a unit test rules out).
pub fn tag_tokens(words: &[&str], lower_seen: &dyn Fn(&str) -> bool) -> Vec<String> {
    let Ok(m) = model() else {
        return vec!["O".to_string(); words.len()];
    };
    let n = m.label_count();
    let s = features::Sentence::new(words);
    let mut scores = vec![0.0_f32; words.len() * n];
    WORD_SCORES.with(|cell| {
        let mut cache = cell.borrow_mut();
        if cache.len() > CACHE_MAX {
            cache.clear();
        }
        for (i, row) in scores.chunks_mut(n).enumerate() {
            let word = s.word(i);
            match cache.get(word) {
                Some(w) => row.copy_from_slice(w),
                None => {
                    s.emit_word(i, &mut |a| m.add(a, row));
                    cache.insert(word.to_string(), row.to_vec());
                }
            }
            s.emit_context(i, lower_seen, &mut |a| m.add(a, row));
        }
    });
    m.viterbi(&scores)
        .into_iter()
        .map(|l| m.labels.get(l).cloned().unwrap_or_else(|| "O".into()))
        .collect()
}

/// Entity spans of tags, conlleval style: a span opens at `B-X`, or at
/// `I-X` after `O` or another kind. Returns `(first, last + 1, label)`.
pub fn spans_of_tags<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, Label)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Label)> = None;
    for (i, t) in tags.iter().enumerate() {
        let parsed = Label::from_tag(t.as_ref());
        match (open, parsed) {
            (Some((_, l)), Some((false, k))) if l == k => {}
            (_, next) => {
                if let Some((s, l)) = open.take() {
                    out.push((s, i, l));
                }
                open = next.map(|(_, k)| (i, k));
            }
        }
    }
    if let Some((s, l)) = open {
        out.push((s, tags.len(), l));
    }
    out
}

/// Tag a text: tokenized as CoNLL-2003 was, then spans mapped back to byte
/// offsets. `lower_seen` says whether a word appears in lower case in the
/// same document (a capitalised common word is seldom a name).
pub fn tag_text(text: &str, lower_seen: &dyn Fn(&str) -> bool) -> Vec<NerSpan> {
    let toks = conll_tokens(text);
    let words: Vec<&str> = toks
        .iter()
        .map(|&(s, e)| text.get(s..e).unwrap_or(""))
        .collect();
    let tags = tag_tokens(&words, lower_seen);
    spans_of_tags(&tags)
        .into_iter()
        .filter_map(|(a, b, label)| {
            let start = toks.get(a)?.0;
            let end = toks.get(b.checked_sub(1)?)?.1;
            Some(NerSpan { start, end, label })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_loads() {
        let m = model().expect("model");
        assert_eq!(m.label_count(), 9);
        let mut labels = m.labels.clone();
        labels.sort();
        assert_eq!(
            labels,
            ["B-LOC", "B-MISC", "B-ORG", "B-PER", "I-LOC", "I-MISC", "I-ORG", "I-PER", "O"]
        );
    }

    #[test]
    fn spans_follow_conlleval() {
        type Case<'a> = (&'a [&'a str], &'a [(usize, usize, Label)]);
        let cases: &[Case<'_>] = &[
            (&["B-PER", "I-PER", "O"], &[(0, 2, Label::Per)]),
            (&["I-ORG", "I-ORG"], &[(0, 2, Label::Org)]),
            (
                &["B-LOC", "B-LOC", "I-PER"],
                &[(0, 1, Label::Loc), (1, 2, Label::Loc), (2, 3, Label::Per)],
            ),
            (&["O", "I-MISC"], &[(1, 2, Label::Misc)]),
            (&[], &[]),
        ];
        for (tags, want) in cases {
            assert_eq!(spans_of_tags(tags), *want, "{tags:?}");
        }
    }

    #[test]
    fn tags_people_places_and_organisations() {
        let cases: &[(&str, &str, Label)] = &[
            (
                "Talks were led by Angela Merkel in Berlin.",
                "Angela Merkel",
                Label::Per,
            ),
            (
                "Talks were led by Angela Merkel in Berlin.",
                "Berlin",
                Label::Loc,
            ),
            (
                "Shares in General Motors fell sharply on Monday.",
                "General Motors",
                Label::Org,
            ),
        ];
        for (text, name, label) in cases {
            let spans = tag_text(text, &|_| false);
            assert!(
                spans
                    .iter()
                    .any(|s| &text[s.start..s.end] == *name && s.label == *label),
                "{text}: {spans:?}"
            );
        }
        assert!(tag_text("", &|_| false).is_empty());
    }
}
