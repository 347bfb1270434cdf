//! "Did you mean" for a query that found nothing, and completions for a
//! partly typed one.

use super::resolve::Resolved;
use super::typo::typo_candidates;
use crate::analyse::{is_stop_word, Analyzer};
use crate::index::Index;
use crate::query;

/// "Did you mean": each missing word replaced by its closest index word.
pub(super) fn did_you_mean(index: &Index, q: &str, resolved: &Resolved) -> Option<String> {
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
