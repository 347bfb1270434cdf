//! Typos: a bounded edit distance, and the index terms within a word's
//! budget (candidates must share enough padded bigrams with the word before
//! the distance is computed).

use crate::index::{self, Index};

/// Most typo candidates per word.
pub(super) const MAX_TYPO: usize = 16;

/// Bounded Damerau–Levenshtein (optimal string alignment) distance.
pub fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    edit_distance_in(a, b, max, &mut Default::default())
}

/// Rows reused across [`edit_distance_in`] calls (no allocation per term).
#[derive(Default)]
pub(super) struct Rows {
    prev2: Vec<usize>,
    prev: Vec<usize>,
    row: Vec<usize>,
}

pub(super) fn edit_distance_in(
    a: &[char],
    b: &[char],
    max: usize,
    rows: &mut Rows,
) -> Option<usize> {
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
pub(super) fn typo_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Index terms within the typo budget of `word`, closest and most frequent first.
pub(super) fn typo_candidates(
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
