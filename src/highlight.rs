//! Highlighting: which byte ranges of a text a query matched, and the HTML
//! that marks them.
//!
//! Ranges come from the same analyser and the same resolved query as the
//! search itself, so what was matched is exactly what is marked. Offsets in
//! this module are **bytes** into the segment text; the ranges it gives
//! JavaScript are [`Location`]s in UTF-16 code units ([`crate::offsets`]).
//! Every piece of text is escaped; the only markup produced is `<mark>`.

use crate::analyse::{Analyzer, Token};
use crate::index::Index;
use crate::model::{Article, BlockKind, Location, Segment};
use crate::offsets::{escape, Utf16Cursor};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// What to mark: term ids, and phrases as slots of term ids.
#[derive(Debug, Clone, Default)]
pub struct Marker {
    /// (term ids, title only)
    pub terms: Vec<(HashSet<u32>, bool)>,
    /// (slots, title only)
    pub phrases: Vec<(Vec<HashSet<u32>>, bool)>,
}

impl Marker {
    /// True when nothing would be marked.
    pub fn is_empty(&self) -> bool {
        self.terms.iter().all(|(t, _)| t.is_empty()) && self.phrases.is_empty()
    }

    /// Sorted, non-overlapping byte ranges of `text` that the query matched.
    /// A phrase gives one range spanning all its words.
    pub fn ranges(
        &self,
        index: &Index,
        analyzer: &Analyzer,
        text: &str,
        is_title: bool,
    ) -> Vec<(usize, usize)> {
        if self.is_empty() || text.is_empty() {
            return Vec::new();
        }
        self.ranges_in(index, &analyzer.tokens(text), is_title)
    }

    /// Like [`Marker::ranges`], over tokens already analysed.
    pub fn ranges_in(
        &self,
        index: &Index,
        tokens: &[Token],
        is_title: bool,
    ) -> Vec<(usize, usize)> {
        if self.is_empty() {
            return Vec::new();
        }
        // A token's term id from the query's own terms (a hash probe, no
        // search of the dictionary: with many distinct words, a binary
        // search per matched word grew worse than linearly).
        let wanted: HashMap<&str, u32> = self
            .terms
            .iter()
            .flat_map(|(set, _)| set.iter())
            .chain(
                self.phrases
                    .iter()
                    .flat_map(|(slots, _)| slots.iter().flatten()),
            )
            .map(|&id| (index.term(id), id))
            .collect();
        // Each token's query terms: the word's, and its parts' when it is a
        // letter–digit compound (the index holds both at its position, so
        // `qwen` marks all of "Qwen3").
        let ids: Vec<Vec<u32>> = tokens
            .iter()
            .map(|t| {
                let mut found: Vec<u32> =
                    wanted.get(t.term.as_str()).copied().into_iter().collect();
                if t.term.bytes().any(|b| b.is_ascii_digit()) {
                    found.extend(t.parts().into_iter().filter_map(|p| wanted.get(p).copied()));
                }
                found
            })
            .collect();
        let applies = |title_only: bool| !title_only || is_title;
        let mut ranges = Vec::new();
        for (tok, found) in tokens.iter().zip(&ids) {
            if found.is_empty() {
                continue;
            }
            if self
                .terms
                .iter()
                .any(|(set, t)| applies(*t) && found.iter().any(|id| set.contains(id)))
            {
                ranges.push((tok.start, tok.end));
            }
        }
        for (slots, title_only) in &self.phrases {
            if !applies(*title_only) || slots.is_empty() {
                continue;
            }
            for i in 0..tokens.len() {
                let fits = slots.iter().enumerate().all(|(k, set)| {
                    let (Some(tok), Some(found), Some(first)) =
                        (tokens.get(i + k), ids.get(i + k), tokens.get(i))
                    else {
                        return false;
                    };
                    tok.pos == first.pos + k as u32 && found.iter().any(|id| set.contains(id))
                });
                if fits {
                    if let (Some(a), Some(b)) = (tokens.get(i), tokens.get(i + slots.len() - 1)) {
                        ranges.push((a.start, b.end));
                    }
                }
            }
        }
        merge(ranges)
    }
}

/// Sort and merge overlapping ranges.
fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Escaped HTML of `text[from..to]` with `<mark>` around the ranges.
pub fn mark_html(text: &str, ranges: &[(usize, usize)], from: usize, to: usize) -> String {
    let mut out = String::new();
    let mut at = from;
    for &(s, e) in ranges {
        let (s, e) = (s.max(from), e.min(to));
        if s >= e || s < at {
            continue;
        }
        out.push_str(&escape(text.get(at..s).unwrap_or("")));
        out.push_str("<mark>");
        out.push_str(&escape(text.get(s..e).unwrap_or("")));
        out.push_str("</mark>");
        at = e;
    }
    out.push_str(&escape(text.get(at..to).unwrap_or("")));
    out
}

/// Words in a snippet.
pub const SNIPPET_WORDS: usize = 30;

/// The best passage of about [`SNIPPET_WORDS`] words: the window with the
/// most distinct matched words, as escaped HTML with `<mark>`s.
///
/// The window is chosen from the index's positions of the matched terms in
/// document `doc`, so only the one segment that holds it is analysed again
/// (analysing every paragraph of every hit was most of a query's time).
pub fn snippet(
    article: &Article,
    doc: u32,
    marker: &Marker,
    index: &Index,
    analyzer: &Analyzer,
) -> String {
    let body: Vec<&str> = article
        .segments()
        .into_iter()
        .filter(|(s, _)| *s != Segment::Title)
        .map(|(_, t)| t)
        .collect();
    let starts = index.body_starts.get(doc as usize);
    // (segment number, first token, last token) of the best window.
    let window = starts.and_then(|starts| best_window(marker, index, doc, starts));
    let (n, s, e) = match window {
        Some(w) => w,
        None => {
            // No match in the body (a title match): the opening words.
            let Some(n) = body.iter().position(|t| !t.trim().is_empty()) else {
                return String::new();
            };
            (n, 0, SNIPPET_WORDS)
        }
    };
    let Some(text) = body.get(n) else {
        return String::new();
    };
    // One token past the window tells whether the paragraph goes on.
    let tokens = analyzer.tokens_upto(text, e.saturating_add(1));
    let ranges = marker.ranges_in(index, &tokens, false);
    let e = e.min(tokens.len());
    let s = s.min(e);
    let from = if s == 0 {
        0
    } else {
        tokens.get(s).map_or(0, |t| t.start)
    };
    let to = if e >= tokens.len() {
        text.len()
    } else {
        tokens
            .get(e.saturating_sub(1))
            .map_or(text.len(), |t| t.end)
    };
    let mut html = mark_html(text, &ranges, from, to);
    if from > 0 {
        html.insert(0, '…');
    }
    if to < text.len() {
        html.push('…');
    }
    html
}

/// From the postings: the window of [`SNIPPET_WORDS`] body positions with the
/// most distinct matched terms (then the most matches), as (segment, first
/// token, end token) within that segment.
fn best_window(
    marker: &Marker,
    index: &Index,
    doc: u32,
    starts: &[u32],
) -> Option<(usize, usize, usize)> {
    let mut ids: Vec<u32> = marker
        .terms
        .iter()
        .filter(|(_, title_only)| !*title_only)
        .flat_map(|(set, _)| set.iter().copied())
        .chain(
            marker
                .phrases
                .iter()
                .filter(|(_, title_only)| !*title_only)
                .flat_map(|(slots, _)| slots.iter().flatten().copied()),
        )
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut hits: Vec<(u32, u32)> = Vec::new();
    for id in ids {
        if let Some(p) = index.posting(id, doc, crate::index::BODY) {
            hits.extend(p.positions().map(|pos| (pos, id)));
        }
    }
    hits.sort_unstable();
    let words = u32::try_from(SNIPPET_WORDS).unwrap_or(u32::MAX);
    let mut best: Option<(usize, u32)> = None; // (score, start position)
    for (i, &(pos, _)) in hits.iter().enumerate() {
        let mut distinct: Vec<u32> = hits
            .iter()
            .skip(i)
            .take_while(|(p, _)| *p < pos.saturating_add(words))
            .map(|&(_, id)| id)
            .collect();
        let count = distinct.len();
        distinct.sort_unstable();
        distinct.dedup();
        let score = distinct.len() * 4 + count;
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, pos));
        }
    }
    let (_, pos) = best?;
    let seg = starts.partition_point(|&b| b <= pos).checked_sub(1)?;
    let base = starts.get(seg).copied()?;
    // Start a few words before the first match for context.
    let first = usize::try_from(pos - base).ok()?.saturating_sub(4);
    Some((seg, first, first + SNIPPET_WORDS))
}

/// A block of a highlighted article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HighlightedBlock {
    /// Block kind.
    pub kind: BlockKind,
    /// Escaped HTML with `<mark>`s (empty for tables).
    pub html: String,
    /// Table index for table blocks.
    pub table: Option<u32>,
}

/// A highlighted table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HighlightedTable {
    /// Caption as plain text (not escaped: set it as text, never as HTML).
    pub caption: Option<String>,
    /// Escaped header cells with marks.
    pub header: Vec<String>,
    /// Escaped data cells with marks.
    pub rows: Vec<Vec<String>>,
}

/// An article with every match marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Highlighted {
    /// Article id.
    pub id: String,
    /// Escaped title with marks.
    pub title: String,
    /// Blocks in reading order.
    pub blocks: Vec<HighlightedBlock>,
    /// Tables referenced by blocks.
    pub tables: Vec<HighlightedTable>,
    /// Every marked match, in reading order (UTF-16 code units of its segment).
    pub ranges: Vec<Location>,
    /// Number of matches in the article.
    pub matches: usize,
    /// Number of them marked: all, up to [`MAX_MARKS`] (the first ones, in reading order).
    pub marked: usize,
}

/// Marks at most in one article: a word repeated a million times gets its
/// first ten thousand marked (the count says how many there are), so the
/// page never builds a million elements.
pub const MAX_MARKS: usize = 10_000;

/// Mark every match of `marker` in `article`, and the byte range `focus`
/// (a sentence to show) when given.
pub fn highlight(
    article: &Article,
    marker: &Marker,
    index: &Index,
    analyzer: &Analyzer,
    focus: Option<(Segment, usize, usize)>,
) -> Highlighted {
    let mut ranges_out = Vec::new();
    let mut matches = 0usize;
    let mut mark = |seg: Segment, text: &str| -> String {
        let mut ranges = marker.ranges(index, analyzer, text, seg == Segment::Title);
        let focus_here = focus.filter(|&(fseg, fs, fe)| fseg == seg && fs < fe);
        if let Some((_, fs, fe)) = focus_here {
            ranges.push((fs, fe));
            ranges = merge(ranges);
        }
        matches += ranges.len();
        let room = MAX_MARKS.saturating_sub(ranges_out.len());
        if ranges.len() > room {
            // The first ones stay marked, and the focus always.
            let holds_focus =
                |&(s, e): &(usize, usize)| focus_here.is_some_and(|(_, fs, fe)| s <= fs && fe <= e);
            let mut kept = 0;
            ranges.retain(|r| {
                kept += 1;
                kept <= room || holds_focus(r)
            });
        }
        let mut units = Utf16Cursor::new(text);
        for &(s, e) in &ranges {
            let start = units.units_at(s);
            ranges_out.push(Location {
                segment: seg,
                start,
                end: units.units_at(e),
            });
        }
        mark_html(text, &ranges, 0, text.len())
    };
    let title = mark(Segment::Title, &article.title);
    let mut blocks = Vec::with_capacity(article.blocks.len());
    let mut tables: Vec<HighlightedTable> = article
        .tables
        .iter()
        .map(|t| HighlightedTable {
            caption: t.caption.clone(),
            header: Vec::new(),
            rows: Vec::new(),
        })
        .collect();
    for (i, b) in article.blocks.iter().enumerate() {
        let bi = u32::try_from(i).unwrap_or(u32::MAX);
        if let (BlockKind::Table, Some(t)) = (b.kind, b.table) {
            if let (Some(src), Some(dst)) =
                (article.tables.get(t as usize), tables.get_mut(t as usize))
            {
                dst.header = src
                    .header
                    .iter()
                    .enumerate()
                    .map(|(c, cell)| mark(Segment::cell(t, 0, c as u32), cell))
                    .collect();
                dst.rows = src
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(r, row)| {
                        row.iter()
                            .enumerate()
                            .map(|(c, cell)| mark(Segment::cell(t, r as u32 + 1, c as u32), cell))
                            .collect()
                    })
                    .collect();
            }
            blocks.push(HighlightedBlock {
                kind: b.kind,
                html: String::new(),
                table: Some(t),
            });
        } else {
            blocks.push(HighlightedBlock {
                kind: b.kind,
                html: mark(Segment::Block { block: bi }, &b.text),
                table: None,
            });
        }
    }
    let marked = ranges_out.len();
    Highlighted {
        id: article.id.clone(),
        title,
        blocks,
        tables,
        ranges: ranges_out,
        matches,
        marked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_escaped_and_merged() {
        let text = "a <b> & c";
        let html = mark_html(text, &[(2, 5)], 0, text.len());
        assert_eq!(html, "a <mark>&lt;b&gt;</mark> &amp; c");
        assert_eq!(
            merge(vec![(5, 9), (0, 3), (2, 4), (9, 10)]),
            [(0, 4), (5, 9), (9, 10)]
        );
    }
}
