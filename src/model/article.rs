//! A parsed article: its title, blocks in reading order, rebuilt tables
//! and metadata, and the segments (title, blocks, cells) that search,
//! highlighting and extraction address.

use crate::text::Text;
use serde::{Deserialize, Serialize};

/// What a text block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// A section heading inside the article.
    Heading,
    /// An ordinary paragraph.
    Paragraph,
    /// A list item (its bullet or number removed).
    Item,
    /// A table; `table` holds its index in [`Article::tables`].
    Table,
}

/// One block of the article body, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Kind of block.
    pub kind: BlockKind,
    /// Text of the block (empty for tables).
    pub text: Text,
    /// Index into [`Article::tables`] for table blocks.
    pub table: Option<u32>,
}

/// A table rebuilt from the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// The heading right before the table, if any.
    pub caption: Option<String>,
    /// Header cells.
    pub header: Vec<String>,
    /// Data rows, each with `header.len()` cells.
    pub rows: Vec<Vec<String>>,
}

/// Optional metadata from front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Publisher or site.
    pub source: Option<String>,
    /// Publication date as written.
    pub date: Option<String>,
    /// Original address.
    pub url: Option<String>,
}

/// A parsed article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    /// Identifier: the file stem.
    pub id: String,
    /// Headline, or a title derived from the lead.
    pub title: Text,
    /// True when `title` was derived from the lead rather than found.
    pub title_derived: bool,
    /// Body blocks in reading order (the headline is not repeated here).
    pub blocks: Vec<Block>,
    /// Tables referenced by table blocks.
    pub tables: Vec<Table>,
    /// Front-matter metadata.
    pub meta: Meta,
    /// In a corpus with text shards ([`crate::shards`]): the shard that
    /// holds this article's block texts.
    pub shard: Option<u32>,
    /// True while the block texts are not here (the shard is not loaded):
    /// the blocks keep their kinds and tables, their text is empty.
    #[serde(skip)]
    pub text_missing: bool,
}

/// Where a piece of searchable text lives inside an article. To
/// JavaScript: `{ in: "title" }`, `{ in: "block", block }` or
/// `{ in: "cell", table, row, col }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "in", rename_all = "lowercase")]
pub enum Segment {
    /// The title.
    Title,
    /// Text block `block` of [`Article::blocks`].
    Block {
        /// Block index.
        block: u32,
    },
    /// A table cell.
    Cell {
        /// Table index in [`Article::tables`].
        table: u32,
        /// Row, 0 = the header.
        row: u32,
        /// Column.
        col: u32,
    },
}

impl Segment {
    /// Table `table`'s cell at `row` (0 = header), `col`.
    pub fn cell(table: u32, row: u32, col: u32) -> Segment {
        Segment::Cell { table, row, col }
    }
}

/// A range of one segment's text, in UTF-16 code units (what JavaScript
/// indexes strings by): a match, a sentence to show, a fact. The one
/// location type of the page: highlight ranges, the reader's focus and
/// table rows all use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The segment.
    pub segment: Segment,
    /// Start (UTF-16 code units).
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
}

impl Article {
    /// Texts of the body blocks that are not tables (headings, paragraphs, items).
    pub fn paragraphs(&self) -> Vec<&str> {
        self.blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Table)
            .map(|b| b.text.as_str())
            .collect()
    }

    /// Every searchable piece of text, in a fixed order: title, then each
    /// block (tables cell by cell, header first).
    pub fn segments(&self) -> Vec<(Segment, &str)> {
        let mut out = vec![(Segment::Title, self.title.as_str())];
        for (i, b) in self.blocks.iter().enumerate() {
            let bi = u32::try_from(i).unwrap_or(u32::MAX);
            match (b.kind, b.table) {
                (BlockKind::Table, Some(t)) => {
                    if let Some(table) = self.tables.get(t as usize) {
                        let rows = std::iter::once(&table.header).chain(table.rows.iter());
                        for (r, row) in rows.enumerate() {
                            for (c, cell) in row.iter().enumerate() {
                                let r = u32::try_from(r).unwrap_or(u32::MAX);
                                let c = u32::try_from(c).unwrap_or(u32::MAX);
                                out.push((Segment::cell(t, r, c), cell.as_str()));
                            }
                        }
                    }
                }
                _ => out.push((Segment::Block { block: bi }, b.text.as_str())),
            }
        }
        out
    }

    /// The text of one segment, if it exists.
    pub fn segment_text(&self, seg: Segment) -> Option<&str> {
        match seg {
            Segment::Title => Some(&self.title),
            Segment::Block { block } => self.blocks.get(block as usize).map(|b| b.text.as_str()),
            Segment::Cell {
                table: t,
                row: r,
                col: c,
            } => {
                let table = self.tables.get(t as usize)?;
                let row = if r == 0 {
                    Some(&table.header)
                } else {
                    table.rows.get(r as usize - 1)
                }?;
                row.get(c as usize).map(String::as_str)
            }
        }
    }
}

impl crate::index::Document for Article {
    fn texts(&self) -> Vec<(bool, &str)> {
        self.segments()
            .into_iter()
            .map(|(seg, text)| (seg == Segment::Title, text))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_locations_as_javascript_sees_them() {
        let cases = [
            (Segment::Title, serde_json::json!({ "in": "title" })),
            (
                Segment::Block { block: 3 },
                serde_json::json!({ "in": "block", "block": 3 }),
            ),
            (
                Segment::cell(1, 0, 2),
                serde_json::json!({ "in": "cell", "table": 1, "row": 0, "col": 2 }),
            ),
        ];
        for (seg, want) in cases {
            assert_eq!(serde_json::to_value(seg).unwrap(), want);
            let loc = Location {
                segment: seg,
                start: 4,
                end: 9,
            };
            assert_eq!(
                serde_json::to_value(loc).unwrap(),
                serde_json::json!({ "segment": want, "start": 4, "end": 9 })
            );
        }
    }
}
