//! The concordance (keyword in context) of a query: every match across the
//! corpus as one line, left context | match | right context (the `tables`
//! feature). The matches are the reader's: the same analyser and the same
//! resolved query as search and highlight.

use super::Explorer;
use crate::error::Error;
use crate::model::{Article, BlockKind, Location, Segment};
use crate::offsets::Utf16Cursor;
use crate::search::{self, SearchOptions, MAX_LIMIT};
use serde::Serialize;

/// Characters of context kept on each side of a match.
pub const CONTEXT_CHARS: usize = 60;
/// Lines returned at most (the count of every match comes beside them).
pub const MAX_LINES: usize = 20_000;

/// One match in its context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KwicLine {
    /// Article id.
    pub id: String,
    /// Up to [`CONTEXT_CHARS`] characters before the match, from a word
    /// start, spaces collapsed (plain text: escape before display).
    pub left: String,
    /// The match as written.
    #[serde(rename = "match")]
    pub hit: String,
    /// Up to [`CONTEXT_CHARS`] characters after it, to a word end.
    pub right: String,
    /// Where the match stands (UTF-16 code units of its segment): open the
    /// reader with it as the focus.
    pub at: Location,
}

/// A query's concordance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Concordance {
    /// The lines, in rank order of their articles, then reading order.
    pub lines: Vec<KwicLine>,
    /// Every match, also those past the line limit.
    pub matches: usize,
    /// Articles with at least one match.
    pub articles: usize,
}

/// Spaces (any run of whitespace) collapsed to one.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// The context before byte `at`: at most [`CONTEXT_CHARS`] characters, cut
/// to a word start when it was cut at all.
fn left_of(text: &str, at: usize) -> String {
    let before = text.get(..at).unwrap_or("");
    let start = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let mut piece = before.get(start..).unwrap_or("");
    if start > 0 {
        if let Some(sp) = piece.find(char::is_whitespace) {
            piece = piece.get(sp..).unwrap_or("");
        }
    }
    let out = collapse(piece);
    if before.ends_with(char::is_whitespace) && !out.is_empty() {
        out + " "
    } else {
        out
    }
}

/// The context after byte `at`, likewise cut to a word end.
fn right_of(text: &str, at: usize) -> String {
    let after = text.get(at..).unwrap_or("");
    let end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    let mut piece = after.get(..end).unwrap_or("");
    if end < after.len() {
        if let Some(sp) = piece.rfind(char::is_whitespace) {
            piece = piece.get(..sp).unwrap_or("");
        }
    }
    let out = collapse(piece);
    if after.starts_with(char::is_whitespace) && !out.is_empty() {
        format!(" {out}")
    } else {
        out
    }
}

/// Every segment of an article with its text: title, text blocks, cells.
fn segments(article: &Article) -> Vec<(Segment, &str)> {
    let mut out = vec![(Segment::Title, article.title.as_str())];
    for (i, b) in article.blocks.iter().enumerate() {
        let block = u32::try_from(i).unwrap_or(u32::MAX);
        match (
            b.kind,
            b.table
                .and_then(|t| article.tables.get(t as usize).map(|x| (t, x))),
        ) {
            (BlockKind::Table, Some((t, table))) => {
                for (r, row) in std::iter::once(&table.header)
                    .chain(&table.rows)
                    .enumerate()
                {
                    for (c, cell) in row.iter().enumerate() {
                        let (r, c) = (
                            u32::try_from(r).unwrap_or(u32::MAX),
                            u32::try_from(c).unwrap_or(u32::MAX),
                        );
                        out.push((Segment::cell(t, r, c), cell.as_str()));
                    }
                }
            }
            _ => out.push((Segment::Block { block }, b.text.as_str())),
        }
    }
    out
}

impl Explorer {
    /// The concordance of `query`: every match in the articles that the
    /// search finds (the best [`MAX_LIMIT`] of them), as a line with its
    /// context, at most `limit` lines (1..=[`MAX_LINES`]). `prefix`: the last word is a prefix, as in the
    /// search box. Needs the text of the matching articles loaded.
    pub fn concordance(
        &self,
        query: &str,
        prefix: bool,
        limit: usize,
    ) -> Result<Concordance, Error> {
        let limit = limit.clamp(1, MAX_LINES);
        let index = &self.corpus.index;
        let marker = search::resolve(index, &self.analyzer, query, prefix, self.params).marker();
        let mut out = Concordance {
            lines: Vec::new(),
            matches: 0,
            articles: 0,
        };
        // Nothing to mark (an empty query, or only excluded words: "-oil"):
        // no article's text is read or fetched.
        if marker.is_empty() {
            return Ok(out);
        }
        // The articles the search finds, in rank order: the best
        // MAX_LIMIT of them (one search, so the work stays linear).
        let ids: Vec<String> = self
            .search(
                query,
                SearchOptions {
                    limit: MAX_LIMIT,
                    prefix,
                    details: false,
                    ..SearchOptions::default()
                },
            )
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        let shards = self.text_needed(Some(&ids))?;
        if !shards.is_empty() {
            return Err(Error::TextNotLoaded {
                what: "the concordance".into(),
                articles: ids.len(),
                shards,
            });
        }
        for id in &ids {
            let article = self.article(id)?;
            let mut found = false;
            for (segment, text) in segments(article) {
                let ranges = marker.ranges(index, &self.analyzer, text, segment == Segment::Title);
                if ranges.is_empty() {
                    continue;
                }
                found = true;
                out.matches += ranges.len();
                let mut units = Utf16Cursor::new(text);
                for (s, e) in ranges {
                    if out.lines.len() >= limit {
                        break;
                    }
                    let start = units.units_at(s);
                    out.lines.push(KwicLine {
                        id: id.clone(),
                        left: left_of(text, s),
                        hit: collapse(text.get(s..e).unwrap_or("")),
                        right: right_of(text, e),
                        at: Location {
                            segment,
                            start,
                            end: units.units_at(e),
                        },
                    });
                }
            }
            out.articles += usize::from(found);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_match_is_a_line_with_its_place() {
        let ex = Explorer::from_texts(&[
            (
                "a",
                "Oil prices\n\nOil rose today. Brent oil fell, and oil traders waited.",
            ),
            ("b", "Markets\n\nShares fell. Crude oil closed higher."),
            ("c", "Bread\n\nNothing about it here."),
            ("d", "Café\n\nThe café’s “naïve” 😀 oil deal."),
        ])
        .unwrap();
        let c = ex.concordance("oil", false, 100).unwrap();
        // Title "Oil prices" and three in a; one in b; none in c; one in d.
        assert_eq!((c.matches, c.articles, c.lines.len()), (6, 3, 6), "{c:#?}");
        let a: Vec<(&str, &str, &str)> = c
            .lines
            .iter()
            .filter(|l| l.id == "a")
            .map(|l| (l.left.as_str(), l.hit.as_str(), l.right.as_str()))
            .collect();
        assert!(
            a.contains(&(
                "Oil rose today. Brent ",
                "oil",
                " fell, and oil traders waited."
            )),
            "{a:?}"
        );
        assert!(a.contains(&("", "Oil", " prices")), "{a:?}");
        // `at` is the match, in UTF-16 units of its segment (what the reader takes as its focus).
        let line = c.lines.iter().find(|l| l.left.ends_with("Brent ")).unwrap();
        let text = &ex.article("a").unwrap().blocks[0].text;
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[line.at.start..line.at.end]).unwrap(),
            "oil"
        );
        // The same resolved query as search: a stem and a prefix.
        assert_eq!(ex.concordance("traders", false, 100).unwrap().matches, 1);
        assert_eq!(ex.concordance("trad", true, 100).unwrap().matches, 1);
        assert_eq!(ex.concordance("trad", false, 100).unwrap().matches, 0);
        // The limit cuts the lines, not the count.
        // UTF-16 units after curly quotes and an emoji (two units).
        let line = c.lines.iter().find(|l| l.id == "d").unwrap();
        let text = &ex.article("d").unwrap().blocks[0].text;
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[line.at.start..line.at.end]).unwrap(),
            "oil"
        );
        assert_eq!(line.left, "The café’s “naïve” 😀 ");
        let c = ex.concordance("oil", false, 2).unwrap();
        assert_eq!((c.lines.len(), c.matches), (2, 6));
        assert_eq!(ex.concordance("", false, 10).unwrap().matches, 0);
    }

    #[cfg(feature = "shards")]
    #[test]
    fn only_excluded_words_read_no_text() {
        let mut ex = Explorer::from_texts(&[
            ("a", "Oil\n\nOil rose today in busy trading."),
            ("b", "Bread\n\nBread sold out early at the market."),
        ])
        .unwrap();
        ex.split_text(16).unwrap();
        let ex = Explorer::from_bytes(&ex.to_bytes().unwrap()).unwrap();
        // A word to mark needs the articles' text: the shards are named.
        assert!(
            matches!(
                ex.concordance("oil", false, 10),
                Err(Error::TextNotLoaded { .. })
            ),
            "the text is in shards"
        );
        // Only excluded words mark nothing: no text is asked for.
        let c = ex.concordance("-oil", false, 10).unwrap();
        assert_eq!((c.matches, c.articles, c.lines.len()), (0, 0, 0));
    }

    #[test]
    fn context_is_cut_at_words_and_collapsed() {
        let text = "The   quick brown fox jumps over the lazy dog";
        let at = text.find("fox").unwrap();
        assert_eq!(left_of(text, at), "The quick brown ");
        assert_eq!(right_of(text, at + 3), " jumps over the lazy dog");
        let long = format!("{} target {}", "word ".repeat(30), "next ".repeat(30));
        let at = long.find("target").unwrap();
        let left = left_of(&long, at);
        assert!(
            left.chars().count() <= CONTEXT_CHARS && left.starts_with("word"),
            "{left:?}"
        );
        let right = right_of(&long, at + "target".len());
        assert!(
            right.chars().count() <= CONTEXT_CHARS + 1 && right.ends_with("next"),
            "{right:?}"
        );
        assert_eq!(left_of("", 0), "");
        assert_eq!(right_of("ab", 2), "");
        // Multi-byte text never splits a character: the context is the text
        // right before the match, whole characters, at most 60 of them.
        let text = "Zürich’s café — naïve résumé ".repeat(10);
        let at = text.rfind("café").unwrap();
        let left = left_of(&text, at);
        assert!(text[..at].ends_with(&left), "{left:?}");
        assert!(left.chars().count() <= CONTEXT_CHARS && !left.is_empty());
        let right = right_of(&text, at + "café".len());
        assert!(text[at + "café".len()..].starts_with(&right), "{right:?}");
    }
}
