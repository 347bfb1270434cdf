//! Extraction: people, organisations, places, money, percentages, dates and
//! quotes, found by general rules and general-purpose lexicons.
//!
//! Work happens per sentence on [`tokens`]. Names are found first (
//! [`names`]), because figures take their subject and quotes their speaker
//! from the names around them. Short mentions ("Wu") are then resolved to the
//! full name given elsewhere in the article, or else in the corpus.
//!
//! Offsets in [`Loc`] are **bytes** in the segment text (the title or one
//! block of [`Article::blocks`]); [`crate::tables`] turns them into UTF-16
//! code units for JavaScript.
//!
//! ```
//! use article_explorer::{extract, parse_article};
//!
//! let a = parse_article("a", "Deal\n\nAcme Corp paid 380 billion yuan ($53 billion), CEO Jane Roe said.");
//! let facts = extract::extract_corpus(&[a]);
//! let money: Vec<_> = facts.articles[0].figures.iter().map(|f| (f.unit.as_str(), f.value)).collect();
//! assert_eq!(money, [("CNY", 380e9), ("USD", 53e9)]);
//! assert!(facts.entities.iter().any(|e| e.name == "Jane Roe" && e.roles == ["CEO"]));
//! ```

pub mod dates;
pub mod figures;
pub mod lexicon;
pub mod names;
pub mod ner;
pub mod quotes;
pub mod tokens;

use crate::model::{Article, BlockKind, Segment};
use serde::Serialize;
use std::collections::HashSet;
use tokens::{Kind, Tok};

/// Where something was found: a segment and byte offsets in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Loc {
    /// The title, a text block, or (for a figure in a rebuilt table) a cell.
    pub segment: Segment,
    /// Start byte of the match.
    pub start: usize,
    /// End byte of the match.
    pub end: usize,
    /// Start byte of its sentence.
    pub sentence_start: usize,
    /// End byte of its sentence.
    pub sentence_end: usize,
}

/// Kind of named entity.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, institution, agency, publication…
    Organisation,
    /// A country, region or city.
    Place,
}

impl EntityKind {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Place => "place",
        }
    }
}

/// An entity of the corpus, with every name it was written as.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// Canonical (fullest) name.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// Other names seen for it (short forms, abbreviations).
    pub aliases: Vec<String>,
    /// Roles seen with it ("CEO", "analyst"), in order of first sight.
    pub roles: Vec<String>,
    /// Hidden or merged away by a correction ([`crate::corrections`]).
    #[serde(skip)]
    pub hidden: bool,
}

/// One mention of an entity in an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Index into [`Facts::entities`].
    pub entity: usize,
    /// The text as written.
    pub text: String,
    /// Where.
    pub loc: Loc,
}

/// Money or percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// An amount of money.
    Money,
    /// A percentage (or percentage points).
    Percent,
}

/// A figure: an amount of money or a percentage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Money or percent.
    pub kind: FigureKind,
    /// As written ("$4.4bn", "nearly 8%").
    pub text: String,
    /// Normalised value: currency units, or percent.
    pub value: f64,
    /// Upper end of a range ("$5-6bn"), normalised.
    pub high: Option<f64>,
    /// ISO 4217 currency code, or `"%"`.
    pub unit: String,
    /// "nearly", "more than", … when written before the figure.
    pub qualifier: Option<String>,
    /// +1 for a rise, -1 for a fall, 0 when no move is stated.
    pub direction: i8,
    /// What the figure is about (an entity's canonical name), when the sentence says.
    pub subject: Option<String>,
    /// The measure named with it ("shares", "revenue"), when the sentence says.
    pub measure: Option<String>,
    /// For a conversion in brackets ("($53 billion)"): index, in the same
    /// article's figures, of the figure it converts.
    pub converts: Option<usize>,
    /// What was assumed to read it, when the text left it open ("francs
    /// read as FRF (place: paris)").
    pub assumed: Option<String>,
    /// Where.
    pub loc: Loc,
}

/// A date or time expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateExpr {
    /// As written.
    pub text: String,
    /// `date`, `month`, `year`, `weekday`, `quarter`, `relative` or `duration`.
    pub kind: &'static str,
    /// ISO form when the text pins it down ("2025-01-21", "--01-21", "2021", "2023-01").
    pub iso: Option<String>,
    /// Where.
    pub loc: Loc,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The words inside the quotation marks.
    pub text: String,
    /// The speaker's canonical name, when the text says who spoke.
    pub speaker: Option<String>,
    /// Where (the quoted words).
    pub loc: Loc,
}

/// What was extracted from one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArticleFacts {
    /// Article id.
    pub id: String,
    /// Entity mentions in reading order.
    pub mentions: Vec<Mention>,
    /// Money and percentages in reading order.
    pub figures: Vec<Figure>,
    /// Dates and time expressions.
    pub dates: Vec<DateExpr>,
    /// Quotations.
    pub quotes: Vec<Quote>,
}

/// Everything extracted from a corpus.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facts {
    /// Entities, merged across articles.
    pub entities: Vec<Entity>,
    /// Per article, in corpus order.
    pub articles: Vec<ArticleFacts>,
}

/// A tokenized sentence of one segment.
pub(crate) struct Sentence<'a> {
    pub block: Option<u32>,
    /// A table cell (table, row, column) when the text is one.
    pub cell: Option<[u32; 3]>,
    pub text: &'a str,
    pub toks: Vec<Tok<'a>>,
    /// Whether names may be read from it (not a Title-Case headline).
    pub names: bool,
    /// Paragraph number within the article (title = 0).
    pub para: usize,
}

impl Sentence<'_> {
    /// The segment this sentence lies in.
    pub fn segment(&self) -> Segment {
        match (self.cell, self.block) {
            (Some([t, r, c]), _) => Segment::cell(t, r, c),
            (None, Some(block)) => Segment::Block { block },
            (None, None) => Segment::Title,
        }
    }

    pub fn loc(&self, from: usize, to: usize) -> Loc {
        let (s, e) = match (
            self.toks.get(from),
            to.checked_sub(1).and_then(|t| self.toks.get(t)),
        ) {
            (Some(a), Some(b)) => (a.start, b.end),
            _ => (0, 0),
        };
        Loc {
            segment: self.segment(),
            start: s,
            end: e,
            sentence_start: self.toks.first().map_or(0, |t| t.start),
            sentence_end: self.toks.last().map_or(0, |t| t.end),
        }
    }

    /// Source text from token `from` to token `to` (exclusive).
    pub fn slice(&self, from: usize, to: usize) -> &str {
        let l = self.loc(from, to);
        self.text.get(l.start..l.end).unwrap_or("")
    }
}

/// Whether most words of a line are capitalised (a Title Case headline).
fn title_case(toks: &[Tok<'_>]) -> bool {
    let words: Vec<_> = toks
        .iter()
        .filter(|t| t.kind == Kind::Word && t.text.chars().count() > 3)
        .collect();
    words.len() >= 3 && words.iter().filter(|t| t.is_capitalised()).count() * 4 >= words.len() * 3
}

/// Split an article into sentences (title first, then text blocks).
pub(crate) fn article_sentences(article: &Article) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    fn push<'a>(
        out: &mut Vec<Sentence<'a>>,
        block: Option<u32>,
        text: &'a str,
        heading: bool,
        para: usize,
    ) {
        let toks = tokens::tokenize(text);
        let names = !(heading && title_case(&toks));
        for (from, to) in tokens::sentences(&toks) {
            out.push(Sentence {
                block,
                cell: None,
                text,
                toks: toks.get(from..to).map(<[_]>::to_vec).unwrap_or_default(),
                names,
                para,
            });
        }
    }
    // A title derived from the lead repeats it: read it once.
    if !article.title_derived {
        push(&mut out, None, &article.title, true, 0);
    }
    for (i, b) in article.blocks.iter().enumerate() {
        if b.kind == BlockKind::Table {
            continue;
        }
        let bi = u32::try_from(i).unwrap_or(u32::MAX);
        push(
            &mut out,
            Some(bi),
            &b.text,
            b.kind == BlockKind::Heading,
            i + 1,
        );
    }
    out
}

/// Words seen in lower case anywhere in the corpus (common words, not names).
fn lowercase_vocabulary(articles: &[Article]) -> HashSet<String> {
    let mut vocab = HashSet::new();
    for a in articles {
        for b in &a.blocks {
            for t in tokens::tokenize(&b.text) {
                if t.kind == Kind::Word && t.text.chars().next().is_some_and(char::is_lowercase) {
                    vocab.insert(t.text.to_string());
                }
            }
        }
    }
    vocab
}

/// Figures in the cells of rebuilt tables ("+7.2% to 4-yr high"): one
/// figure per cell figure, located in its cell, about the row's first cell.
fn table_figures(
    article: &Article,
    place: &figures::Place,
    entities: &[Entity],
    out: &mut Vec<Figure>,
) {
    for (bi, b) in article.blocks.iter().enumerate() {
        let (BlockKind::Table, Some(ti)) = (b.kind, b.table) else {
            continue;
        };
        let Some(table) = article.tables.get(ti as usize) else {
            continue;
        };
        let bi = u32::try_from(bi).unwrap_or(u32::MAX);
        for (r, row) in table.rows.iter().enumerate() {
            let label = row
                .first()
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty());
            for (c, cell) in row.iter().enumerate() {
                let toks = tokens::tokenize(cell);
                if !toks.iter().any(|t| t.kind == Kind::Number) {
                    continue;
                }
                let s = Sentence {
                    block: Some(bi),
                    cell: Some([
                        ti,
                        u32::try_from(r + 1).unwrap_or(u32::MAX),
                        u32::try_from(c).unwrap_or(u32::MAX),
                    ]),
                    text: cell,
                    toks,
                    names: false,
                    para: usize::try_from(bi).unwrap_or(usize::MAX),
                };
                let first = out.len();
                figures::find(&s, &[], entities, place, out);
                if c > 0 {
                    for f in out.iter_mut().skip(first) {
                        if f.subject.is_none() {
                            f.subject.clone_from(&label);
                        }
                    }
                }
            }
        }
    }
}

/// Extract every kind of fact from a corpus.
pub fn extract_corpus(articles: &[Article]) -> Facts {
    let vocab = lowercase_vocabulary(articles);
    let sentences: Vec<Vec<Sentence<'_>>> = articles.iter().map(article_sentences).collect();
    let found = names::find_corpus(&sentences, &vocab);
    let mut out = Facts {
        entities: found.entities,
        articles: Vec::with_capacity(articles.len()),
    };
    for ((article, sents), spans) in articles.iter().zip(&sentences).zip(found.spans) {
        let place = figures::Place::of_article(sents);
        let mut facts = ArticleFacts {
            id: article.id.clone(),
            ..ArticleFacts::default()
        };
        // Each sentence's names, in order (one pass, not one per sentence).
        let mut by_sentence: Vec<Vec<&names::Span>> = vec![Vec::new(); sents.len()];
        for m in &spans {
            if let Some(list) = by_sentence.get_mut(m.sentence) {
                list.push(m);
            }
        }
        for (si, s) in sents.iter().enumerate() {
            let here = by_sentence.get(si).map_or(&[][..], Vec::as_slice);
            figures::find(s, here, &out.entities, &place, &mut facts.figures);
            dates::find(s, &mut facts.dates);
            for m in here {
                facts.mentions.push(Mention {
                    entity: m.entity,
                    text: s.slice(m.from, m.to).to_string(),
                    loc: s.loc(m.from, m.to),
                });
            }
        }
        table_figures(article, &place, &out.entities, &mut facts.figures);
        facts.quotes = quotes::find(sents, &spans, &out.entities);
        out.articles.push(facts);
    }
    out
}
