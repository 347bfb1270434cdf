//! Summary tables built from the extracted facts: articles, entities ×
//! articles, figures, quotes, dates, figures compared across sources, and
//! the tables found in the text.
//!
//! Every row that points into an article carries a [`Where`]: the segment
//! (title or block) and the sentence's range in **UTF-16 code units** of
//! that segment's text, plus the range of the fact itself, so the page can
//! open the article with that sentence marked.
//!
//! Money is compared in US dollars. Exchange rates come first from the
//! corpus itself (a conversion written in brackets, "380 billion yuan ($53
//! billion)", states a rate), else from [`FALLBACK_RATES`] (approximate).

use crate::analyse::{is_stop_word, Analyzer};
use crate::extract::lexicon as lx;
use crate::extract::{self, EntityKind, Facts, Figure, FigureKind, Loc};
use crate::model::Article;
use crate::model::Corpus;
use crate::model::{Location, Segment};
use crate::offsets::Utf16Index;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

/// Approximate US dollars per unit, used only when the corpus states no
/// conversion for a currency (2024 averages, rounded; shown as "approx.").
pub const FALLBACK_RATES: &[(&str, f64)] = &[
    ("USD", 1.0),
    ("EUR", 1.08),
    ("GBP", 1.28),
    ("CNY", 0.139),
    ("JPY", 0.0066),
    ("HKD", 0.128),
    ("AUD", 0.66),
    ("CAD", 0.73),
    ("CHF", 1.13),
    ("INR", 0.012),
    ("KRW", 0.00073),
    ("RUB", 0.011),
    ("SAR", 0.267),
    ("AED", 0.272),
    ("ARS", 0.0011),
    ("BRL", 0.185),
    ("MXN", 0.055),
    ("ZAR", 0.055),
    ("SGD", 0.75),
    ("TWD", 0.031),
    ("NZD", 0.6),
    ("SEK", 0.095),
    ("NOK", 0.093),
    ("DKK", 0.145),
    ("PLN", 0.25),
    ("TRY", 0.03),
    ("ILS", 0.27),
    ("THB", 0.028),
    ("IDR", 0.000063),
    ("MYR", 0.22),
    ("PHP", 0.018),
    ("VND", 0.00004),
    ("NGN", 0.00067),
    ("EGP", 0.021),
    ("CLP", 0.0011),
    ("COP", 0.00025),
    ("PEN", 0.27),
    ("CZK", 0.043),
    ("HUF", 0.0027),
    ("KES", 0.0077),
    ("PKR", 0.0036),
    ("BDT", 0.0085),
    ("QAR", 0.275),
    ("KWD", 3.26),
];

/// A place in an article: the sentence and the fact, each a [`Location`]
/// in the same segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Where {
    /// Article id.
    pub article: String,
    /// The sentence (what the reader marks when the row is opened).
    pub sentence: Location,
    /// The fact itself, inside the sentence.
    pub fact: Location,
}

/// One row per article.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArticleRow {
    /// Article id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Words.
    pub words: u32,
    /// Reading time in minutes (230 words a minute, one decimal).
    pub reading_minutes: f64,
    /// Distinct people named.
    pub people: u32,
    /// Distinct organisations named.
    pub organisations: u32,
    /// Distinct places named.
    pub places: u32,
    /// Money and percentage figures.
    pub figures: u32,
    /// Quotations.
    pub quotes: u32,
    /// Most distinctive terms (TF-IDF against the rest of the corpus).
    pub top_terms: Vec<String>,
}

/// One row per entity: mentions in each article.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntityRow {
    /// Canonical name.
    pub name: String,
    /// `person`, `organisation` or `place`.
    pub kind: EntityKind,
    /// Other names it was written as.
    pub aliases: Vec<String>,
    /// Roles seen with it.
    pub roles: Vec<String>,
    /// Mentions in the corpus.
    pub mentions: u32,
    /// Articles that mention it.
    pub articles: u32,
    /// Mentions per article id. To JavaScript as `[id, count]` pairs in id
    /// order, never as an object keyed by id (an id such as `__proto__` or
    /// `constructor` would meet `Object.prototype`).
    #[serde(serialize_with = "as_pairs")]
    pub per_article: BTreeMap<String, u32>,
    /// Its first mention.
    pub at: Where,
}

/// A map as a sequence of `[key, value]` pairs.
fn as_pairs<S: serde::Serializer>(map: &BTreeMap<String, u32>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(map.iter())
}

/// One row per money or percentage figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FigureRow {
    /// Article id.
    pub article: String,
    /// `money` or `percent`.
    pub kind: FigureKind,
    /// As written.
    pub text: String,
    /// Normalised value (currency units or percent).
    pub value: f64,
    /// Upper end of a range.
    pub high: Option<f64>,
    /// ISO currency code or `%`.
    pub unit: String,
    /// Value in US dollars (money only).
    pub usd: Option<f64>,
    /// "nearly", "more than"…
    pub qualifier: Option<String>,
    /// +1 rise, -1 fall, 0 none stated.
    pub direction: i8,
    /// What it is about, when the sentence says.
    pub subject: Option<String>,
    /// The measure ("shares", "revenue"), when the sentence says.
    pub measure: Option<String>,
    /// For a bracketed conversion: the figure it converts, as written.
    pub converts: Option<String>,
    /// What was assumed to read it ("francs read as FRF (place: paris)").
    pub assumed: Option<String>,
    /// The sentence (for a figure in a table, its cell).
    pub sentence: String,
    /// Where.
    pub at: Where,
}

/// One row per quotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteRow {
    /// Article id.
    pub article: String,
    /// Speaker, when the text says.
    pub speaker: Option<String>,
    /// The quoted words.
    pub text: String,
    /// Where.
    pub at: Where,
}

/// One row per date or time expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DateRow {
    /// Article id.
    pub article: String,
    /// As written.
    pub text: String,
    /// Kind (`date`, `month`, `year`, `weekday`, `quarter`, `relative`, `duration`).
    pub kind: &'static str,
    /// ISO form when the text pins it down.
    pub iso: Option<String>,
    /// Where.
    pub at: Where,
}

/// One figure inside an across-sources group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    /// Article id.
    pub article: String,
    /// As written (with its bracketed conversion, if any).
    pub text: String,
    /// Normalised value.
    pub value: f64,
    /// Unit.
    pub unit: String,
    /// US dollars (money).
    pub usd: Option<f64>,
    /// Qualifier.
    pub qualifier: Option<String>,
    /// The sentence.
    pub sentence: String,
    /// Where.
    pub at: Where,
}

/// The same fact as reported by several articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AcrossRow {
    /// Words the reports share ("invest, AI, cloud").
    pub fact: String,
    /// `money` or `percent`.
    pub kind: FigureKind,
    /// Subject, when the reports name one.
    pub subject: Option<String>,
    /// Number of articles reporting it.
    pub sources: u32,
    /// `agree` when every value is the same (within 1 %), else `differ`.
    pub agreement: &'static str,
    /// Largest over smallest value, minus one, in percent (0 when they agree).
    pub spread: f64,
    /// The figures, by article.
    pub members: Vec<Member>,
}

/// A table found in an article's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TextTable {
    /// Article id.
    pub article: String,
    /// Article title.
    pub title: String,
    /// Caption (the heading before it), if any.
    pub caption: Option<String>,
    /// Header cells.
    pub header: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<String>>,
}

/// An exchange rate used to compare money.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    /// ISO code.
    pub currency: String,
    /// US dollars per unit.
    pub usd: f64,
    /// `text` (stated in the corpus), `approx` (built-in fallback) or `base` (USD).
    pub source: &'static str,
}

/// Every table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tables {
    /// Articles.
    pub articles: Vec<ArticleRow>,
    /// Entities × articles.
    pub entities: Vec<EntityRow>,
    /// Figures.
    pub figures: Vec<FigureRow>,
    /// Quotations.
    pub quotes: Vec<QuoteRow>,
    /// Dates and time expressions.
    pub dates: Vec<DateRow>,
    /// Facts reported by several articles.
    pub across: Vec<AcrossRow>,
    /// Tables found in the text.
    pub text_tables: Vec<TextTable>,
    /// Exchange rates used for `usd`.
    pub rates: Vec<Rate>,
}

/// UTF-16 offsets of the segments facts were found in, each segment's
/// marks made once (a cursor from the start for every fact was quadratic
/// in a long paragraph with many facts).
#[derive(Default)]
struct Units<'a> {
    /// By (article address, segment).
    segments: HashMap<(usize, Segment), Utf16Index<'a>>,
}

fn where_of<'a>(units: &mut Units<'a>, article: &'a Article, loc: &Loc) -> Where {
    let units = units
        .segments
        .entry((std::ptr::from_ref(article) as usize, loc.segment))
        .or_insert_with(|| Utf16Index::new(article.segment_text(loc.segment).unwrap_or("")));
    let sentence_start = units.units_at(loc.sentence_start);
    let fact_start = units.units_at(loc.start);
    let fact_end = units.units_at(loc.end);
    let sentence_end = units.units_at(loc.sentence_end);
    let at = |start, end| Location {
        segment: loc.segment,
        start,
        end,
    };
    Where {
        article: article.id.clone(),
        sentence: at(sentence_start, sentence_end),
        fact: at(fact_start, fact_end),
    }
}

fn sentence_of(article: &Article, loc: &Loc) -> String {
    article
        .segment_text(loc.segment)
        .unwrap_or("")
        .get(loc.sentence_start..loc.sentence_end)
        .unwrap_or("")
        .to_string()
}

/// Exchange rates: stated in the corpus (median of bracketed conversions
/// to or from dollars), else the fallback table.
pub fn rates(facts: &Facts) -> HashMap<String, (f64, &'static str)> {
    let mut seen: HashMap<String, Vec<f64>> = HashMap::new();
    for a in &facts.articles {
        let conversions = conversions(&a.figures);
        // A figure and its bracketed conversions state the same amount.
        for (i, anchor) in a.figures.iter().enumerate() {
            if anchor.kind != FigureKind::Money || anchor.converts.is_some() {
                continue;
            }
            let same: Vec<&Figure> = std::iter::once(anchor)
                .chain(
                    conversions
                        .get(i)
                        .into_iter()
                        .flatten()
                        .filter_map(|&c| a.figures.get(c)),
                )
                .collect();
            let Some(dollars) = same.iter().find(|f| f.unit == "USD").map(|f| f.value) else {
                continue;
            };
            for f in same
                .iter()
                .filter(|f| f.unit != "USD" && f.value.abs() > 0.0)
            {
                let rate = dollars / f.value;
                if rate.is_finite() && rate > 0.0 {
                    seen.entry(f.unit.clone()).or_default().push(rate);
                }
            }
        }
    }
    let mut out: HashMap<String, (f64, &'static str)> = FALLBACK_RATES
        .iter()
        .map(|(c, r)| {
            (
                (*c).to_string(),
                (*r, if *c == "USD" { "base" } else { "approx" }),
            )
        })
        .collect();
    for (currency, mut list) in seen {
        list.sort_by(f64::total_cmp);
        if let Some(mid) = list.get(list.len() / 2) {
            if mid.is_finite() && *mid > 0.0 {
                out.insert(currency, (*mid, "text"));
            }
        }
    }
    out
}

/// For each figure of an article, the figures that convert it, in order
/// (one pass instead of a search of every figure for each one).
fn conversions(figures: &[Figure]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); figures.len()];
    for (i, f) in figures.iter().enumerate() {
        if let Some(list) = f.converts.and_then(|a| out.get_mut(a)) {
            list.push(i);
        }
    }
    out
}

fn usd(f: &Figure, rates: &HashMap<String, (f64, &'static str)>) -> Option<f64> {
    (f.kind == FigureKind::Money)
        .then(|| rates.get(&f.unit).map(|(r, _)| f.value * r))
        .flatten()
}

/// Most distinctive terms of each article (TF-IDF over the body field).
fn top_terms(corpus: &Corpus, n: usize) -> Vec<Vec<String>> {
    let idx = &corpus.index;
    let docs = idx.doc_count();
    let mut scores: Vec<Vec<(f64, u32)>> = vec![Vec::new(); docs];
    for (t, term) in idx.terms.iter().enumerate() {
        let Ok(id) = u32::try_from(t) else { continue };
        if term.chars().count() < 3 || is_stop_word(term) || !term.chars().all(char::is_alphabetic)
        {
            continue;
        }
        let df = idx.doc_freq(id) as f64;
        let idf = (1.0 + docs as f64 / df).ln();
        for p in idx.postings(id) {
            if let Some(list) = scores.get_mut(p.doc as usize) {
                list.push((f64::from(p.count) * idf, id));
            }
        }
    }
    scores
        .into_iter()
        .map(|mut list| {
            // Sum title and body occurrences of the same term (terms come
            // in id order, so a term's postings are next to each other).
            list.sort_by_key(|&(_, id)| id);
            let mut merged: Vec<(f64, u32)> = Vec::new();
            for (s, id) in list {
                match merged.last_mut() {
                    Some(last) if last.1 == id => last.0 += s,
                    _ => merged.push((s, id)),
                }
            }
            // The best n, found in linear time, then sorted.
            let best = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
            if merged.len() > n && n > 0 {
                merged.select_nth_unstable_by(n - 1, best);
                merged.truncate(n);
            }
            merged.sort_by(best);
            merged
                .into_iter()
                .take(n)
                .map(|(_, id)| idx.term(id).to_string())
                .collect()
        })
        .collect()
}

/// Content stems of a sentence, with a surface form for each.
fn context(analyzer: &Analyzer, sentence: &str) -> HashMap<String, String> {
    analyzer
        .tokens(sentence)
        .into_iter()
        .filter(|t| {
            t.term.chars().count() >= 2
                && t.term.chars().all(char::is_alphabetic)
                && !is_stop_word(&t.term)
                // Scales and currency names belong to the figure, not to what it is about.
                && !lx::SCALES.iter().any(|(w, _)| *w == t.term)
                && !lx::CURRENCY_WORDS.iter().any(|(w, _)| *w == t.term)
        })
        .map(|t| {
            let surface = sentence.get(t.start..t.end).unwrap_or("");
            let surface = surface
                .strip_suffix("’s")
                .or_else(|| surface.strip_suffix("'s"))
                .unwrap_or(surface);
            (analyzer.stem(&t.term), surface.to_string())
        })
        .collect()
}

struct Item<'a> {
    article: usize,
    fig: &'a Figure,
    usd: Option<f64>,
    /// The sentence's words (shared by its figures).
    ctx: Rc<HashMap<String, String>>,
    conversion: Option<&'a Figure>,
    /// Entities the figure can be about: its stated subject and the
    /// organisations and people of its sentence (or, when the sentence
    /// names none, the article's main organisation).
    subjects: Vec<usize>,
    /// What is measured, as a class ("investment", "revenue").
    measure: Option<&'static str>,
    /// A year the sentence names.
    year: Option<String>,
    /// Stems of the subjects' names (not evidence of the same fact).
    subject_words: HashSet<String>,
}

/// Classes of measures: words that name the same kind of figure.
const MEASURE_CLASSES: &[(&str, &[&str])] = &[
    (
        "investment",
        &[
            "invest",
            "invests",
            "investing",
            "investment",
            "investments",
            "spend",
            "spends",
            "spending",
            "capex",
            "plough",
            "ploughing",
            "plowing",
            "pledge",
            "pledged",
            "pledges",
            "commitment",
        ],
    ),
    ("revenue", &["revenue", "revenues", "sales", "turnover"]),
    (
        "profit",
        &["profit", "profits", "earnings", "income", "loss", "losses"],
    ),
    (
        "price",
        &[
            "shares",
            "share",
            "stock",
            "stocks",
            "price",
            "prices",
            "valuation",
            "capitalisation",
            "capitalization",
        ],
    ),
    (
        "deal",
        &[
            "deal",
            "bid",
            "offer",
            "takeover",
            "acquisition",
            "merger",
            "buy",
            "bought",
            "acquire",
            "acquired",
            "sale",
        ],
    ),
    (
        "fine",
        &[
            "fine",
            "fined",
            "fines",
            "penalty",
            "penalties",
            "damages",
            "compensation",
            "settlement",
        ],
    ),
    (
        "debt",
        &[
            "debt",
            "debts",
            "deficit",
            "borrowing",
            "loan",
            "loans",
            "bonds",
        ],
    ),
    ("stake", &["stake", "stakes"]),
    ("cost", &["cost", "costs", "bill"]),
    (
        "economy",
        &[
            "gdp",
            "growth",
            "inflation",
            "unemployment",
            "output",
            "exports",
            "imports",
            "economy",
        ],
    ),
    (
        "pay",
        &["salary", "pay", "bonus", "bonuses", "wage", "wages"],
    ),
];

/// The measure class of the word nearest the figure in its sentence.
/// What one sentence gives every figure in it, found once per sentence
/// (a sentence may hold thousands of figures): its words, its time, and
/// where its measure words stand.
struct SentenceFacts {
    ctx: Rc<HashMap<String, String>>,
    year: Option<String>,
    /// (offset, class) of each measure word, in order.
    measures: Vec<(usize, &'static str)>,
}

impl SentenceFacts {
    fn new(analyzer: &Analyzer, sentence: &str) -> Self {
        SentenceFacts {
            ctx: Rc::new(context(analyzer, sentence)),
            year: year_of(sentence),
            measures: measures_in(sentence),
        }
    }

    /// The measure word nearest to a figure at `fig_start` (the earlier of
    /// two as near), as [`measure_of`] finds it, by a binary search.
    fn measure_at(&self, fig_start: usize) -> Option<&'static str> {
        let i = self.measures.partition_point(|m| m.0 < fig_start);
        let before = i.checked_sub(1).and_then(|j| self.measures.get(j));
        let after = self.measures.get(i);
        match (before, after) {
            (Some(b), Some(a)) => Some(if fig_start - b.0 <= a.0 - fig_start {
                b.1
            } else {
                a.1
            }),
            (Some(x), None) | (None, Some(x)) => Some(x.1),
            (None, None) => None,
        }
    }
}

/// Every measure word of a sentence with its offset, in order.
fn measures_in(sentence: &str) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for word in sentence.split(|c: char| !c.is_alphanumeric()) {
        let at = pos;
        pos += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        let lower = word.to_lowercase();
        if let Some((class, _)) = MEASURE_CLASSES
            .iter()
            .find(|(_, ws)| ws.contains(&lower.as_str()))
        {
            out.push((at, *class));
        }
    }
    out
}

/// The nearest measure word to `fig_start` by a scan (the earlier of two
/// as near): what [`SentenceFacts::measure_at`] must find.
#[cfg(test)]
fn measure_of(sentence: &str, fig_start: usize) -> Option<&'static str> {
    measures_in(sentence)
        .into_iter()
        .min_by_key(|(at, _)| at.abs_diff(fig_start))
        .map(|(_, class)| class)
}

/// The time a sentence puts its figure in: a year (1900–2099) written
/// there, else "last year", "this year" or "next year" as written.
fn year_of(sentence: &str) -> Option<String> {
    let explicit = sentence
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .map(str::to_string);
    explicit.or_else(|| {
        let lower = sentence.to_lowercase();
        ["last year", "this year", "next year"]
            .iter()
            .find(|p| lower.contains(*p))
            .map(|p| (*p).to_string())
    })
}

/// Whether two figures report the same fact (an article may restate it:
/// groups need two articles, not two figures). Their subject is shared by
/// construction (they sit in one subject's bucket).
fn same_fact(a: &Item<'_>, b: &Item<'_>) -> bool {
    if a.fig.kind != b.fig.kind {
        return false;
    }
    // Two times written the same way must agree ("2004" and "2005", or
    // "last year" and "this year", are different facts); a year and a
    // relative time cannot be compared.
    if let (Some(x), Some(y)) = (&a.year, &b.year) {
        let relative = |t: &str| t.ends_with("year");
        if x != y && relative(x) == relative(y) {
            return false;
        }
    }
    let close = match a.fig.kind {
        FigureKind::Money => match (a.usd, b.usd) {
            (Some(x), Some(y)) => x > 0.0 && y > 0.0 && x.max(y) / x.min(y) <= 1.08,
            _ => false,
        },
        FigureKind::Percent => {
            a.fig.direction == b.fig.direction
                && (a.fig.value - b.fig.value).abs()
                    <= 0.1_f64.max(0.02 * a.fig.value.abs().max(b.fig.value.abs()))
        }
    };
    if !close {
        return false;
    }
    // An article restates its own figures exactly.
    if a.article == b.article {
        let (x, y) = (a.usd.unwrap_or(a.fig.value), b.usd.unwrap_or(b.fig.value));
        if (x - y).abs() > 0.01 * x.abs().max(y.abs()) {
            return false;
        }
    }
    // Shared words of what the figures are about: not the subject's own
    // name, not a verb of speech ("said").
    let shared = a
        .ctx
        .iter()
        .filter(|(k, surface)| {
            b.ctx.contains_key(*k)
                && !lx::SPEECH_VERBS.contains(&surface.to_lowercase().as_str())
                && !a.subject_words.contains(k.as_str())
        })
        .count();
    match (a.measure, b.measure) {
        (Some(x), Some(y)) => x == y && shared >= 1,
        _ => shared >= 2,
    }
}

/// A mention's start and end byte in its segment, and its entity.
type Placed = (usize, usize, usize);

/// The article's main organisation, for figures whose clause names none:
/// the one named most often, at least three times.
fn main_org(counts: &HashMap<usize, usize>) -> Option<usize> {
    let mut top: Vec<(usize, usize)> = counts.iter().map(|(&e, &n)| (n, e)).collect();
    top.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    match top.as_slice() {
        [(n, e), ..] if *n >= 3 => Some(*e),
        _ => None,
    }
}

/// Where a sentence's clauses meet ("…, while New York crude…", "; ",
/// ", but "), as byte offsets in its segment: a figure is about the names of
/// its own clause. One pass over the sentence.
fn clause_breaks(sentence: &str, base: usize) -> Vec<usize> {
    const BREAKS: &[&str] = &["; ", ", while ", ", whereas ", ", but ", " but "];
    let lower = sentence.to_ascii_lowercase();
    let mut out = Vec::new();
    // Not inside brackets: "30bn baht (£398m; $768m)" is one figure.
    let mut depth = 0_usize;
    for (i, c) in lower.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 0 {
            continue;
        }
        if let Some(rest) = lower.get(i..) {
            if BREAKS.iter().any(|b| rest.starts_with(b)) {
                out.push(base + i);
            }
        }
    }
    out
}

/// Names a figure is about: the mentions of its sentence (sorted by start)
/// that stand in its clause, at most eight each side of it.
fn clause_subjects(mentions: &[Placed], cuts: &[usize], at: &Loc) -> Vec<usize> {
    const NEAR: usize = 8;
    let lo = cuts
        .get(cuts.partition_point(|&c| c < at.start).wrapping_sub(1))
        .copied()
        .unwrap_or(0);
    let hi = cuts
        .get(cuts.partition_point(|&c| c < at.end))
        .copied()
        .unwrap_or(usize::MAX);
    let from = mentions.partition_point(|m| m.0 < lo);
    let mid = mentions.partition_point(|m| m.0 < at.start);
    let to = mentions.partition_point(|m| m.0 < hi);
    let left = mentions
        .get(from.max(mid.saturating_sub(NEAR))..mid)
        .unwrap_or(&[]);
    let right = mentions.get(mid..to.min(mid + NEAR)).unwrap_or(&[]);
    left.iter()
        .chain(right)
        .filter(|m| m.1 <= hi)
        .map(|m| m.2)
        .collect()
}

/// Largest group of one fact (more members are left to a new group).
const GROUP_MAX: usize = 64;
/// Open groups a figure is compared with in one subject's bucket.
const OPEN_MAX: usize = 256;

/// Group figures that report the same fact in different articles: per
/// subject entity, each figure joins the first group whose first figure
/// and two thirds of whose members report the same fact (so groups never
/// chain: values stay within bounds of the first), else opens a new one.
/// Buckets of subjects named most often go first, and a figure joins one
/// group at most.
fn across<'a>(
    corpus: &'a Corpus,
    facts: &Facts,
    rates: &HashMap<String, (f64, &'static str)>,
    analyzer: &Analyzer,
    units: &mut Units<'a>,
) -> Vec<AcrossRow> {
    let mut items: Vec<Item<'_>> = Vec::new();
    let by_name: HashMap<&str, usize> = facts
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.as_str(), i))
        .collect();
    // The content words of each subject's name, found once per entity.
    let mut name_words: HashMap<usize, Vec<String>> = HashMap::new();
    for (ai, (a, f)) in corpus.articles.iter().zip(&facts.articles).enumerate() {
        // Entities per sentence (with where each mention stands), and the
        // article's main organisation.
        let mut by_sentence: HashMap<(Segment, usize), Vec<Placed>> = HashMap::new();
        let mut org_counts: HashMap<usize, usize> = HashMap::new();
        for m in &f.mentions {
            let Some(e) = facts.entities.get(m.entity) else {
                continue;
            };
            if e.kind != EntityKind::Place {
                by_sentence
                    .entry((m.loc.segment, m.loc.sentence_start))
                    .or_default()
                    .push((m.loc.start, m.loc.end, m.entity));
            }
            if e.kind == EntityKind::Organisation {
                *org_counts.entry(m.entity).or_default() += 1;
            }
        }
        for list in by_sentence.values_mut() {
            list.sort_unstable();
        }
        let main_org = main_org(&org_counts);
        let mut breaks: HashMap<(Segment, usize), Vec<usize>> = HashMap::new();
        let converted_by = conversions(&f.figures);
        let mut sentences: HashMap<(Segment, usize, usize), SentenceFacts> = HashMap::new();
        for (fi, fig) in f.figures.iter().enumerate() {
            if fig.converts.is_some() {
                continue;
            }
            // Figures of one sentence share what it gives them: found once.
            let key = (
                fig.loc.segment,
                fig.loc.sentence_start,
                fig.loc.sentence_end,
            );
            let here = sentences.entry(key).or_insert_with(|| {
                let sentence = sentence_of(a, &fig.loc);
                breaks
                    .entry((fig.loc.segment, fig.loc.sentence_start))
                    .or_insert_with(|| clause_breaks(&sentence, fig.loc.sentence_start));
                SentenceFacts::new(analyzer, &sentence)
            });
            let cuts = breaks
                .get(&(fig.loc.segment, fig.loc.sentence_start))
                .map_or(&[][..], Vec::as_slice);
            let mut subjects: Vec<usize> = by_sentence
                .get(&(fig.loc.segment, fig.loc.sentence_start))
                .map(|list| clause_subjects(list, cuts, &fig.loc))
                .unwrap_or_default();
            if let Some(name) = &fig.subject {
                subjects.extend(by_name.get(name.as_str()));
            }
            let has_org = subjects.iter().any(|&e| {
                facts
                    .entities
                    .get(e)
                    .is_some_and(|x| x.kind == EntityKind::Organisation)
            });
            if !has_org {
                subjects.extend(main_org);
            }
            subjects.sort_unstable();
            subjects.dedup();
            let conversion = converted_by
                .get(fi)
                .and_then(|list| list.first())
                .and_then(|&c| f.figures.get(c));
            let mut subject_words: HashSet<String> = HashSet::new();
            for &e in &subjects {
                let Some(entity) = facts.entities.get(e) else {
                    continue;
                };
                let words = name_words
                    .entry(e)
                    .or_insert_with(|| context(analyzer, &entity.name).into_keys().collect());
                subject_words.extend(words.iter().cloned());
            }
            items.push(Item {
                subject_words,
                article: ai,
                fig,
                usd: usd(fig, rates),
                ctx: Rc::clone(&here.ctx),
                conversion,
                subjects,
                measure: here.measure_at(fig.loc.start.saturating_sub(fig.loc.sentence_start)),
                year: here.year.clone(),
            });
        }
    }
    let mut buckets: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        for &e in &it.subjects {
            buckets.entry(e).or_default().push(i);
        }
    }
    let mut order: Vec<(usize, Vec<usize>)> = buckets.into_iter().collect();
    order.sort_by_key(|(e, list)| (std::cmp::Reverse(list.len()), *e));
    let mut used = vec![false; items.len()];
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (entity, list) in order {
        let mut open: Vec<Vec<usize>> = Vec::new();
        for &i in &list {
            let (Some(it), Some(false)) = (items.get(i), used.get(i).copied()) else {
                continue;
            };
            let start = open.len().saturating_sub(OPEN_MAX);
            let fits = open.iter().enumerate().skip(start).find(|(_, g)| {
                // The same fact as the group's first figure (values never drift
                // from it), and as two thirds of its members (no chains).
                // Cheapest tests first: most groups fail on their first figure.
                let seed = g.first().and_then(|&j| items.get(j));
                if g.len() >= GROUP_MAX || !seed.is_some_and(|s| same_fact(it, s)) {
                    return false;
                }
                // Its own article's figures in the group must all agree with it.
                let value = |x: &Item<'_>| x.usd.unwrap_or(x.fig.value);
                let own_agree = g
                    .iter()
                    .filter_map(|&j| items.get(j))
                    .filter(|o| o.article == it.article)
                    .all(|o| {
                        (value(it) - value(o)).abs() <= 0.01 * value(it).abs().max(value(o).abs())
                    });
                let same = || {
                    g.iter()
                        .filter(|&&j| items.get(j).is_some_and(|other| same_fact(it, other)))
                        .count()
                };
                own_agree && same() * 3 >= g.len() * 2
            });
            match fits {
                Some((gi, _)) => {
                    if let Some(g) = open.get_mut(gi) {
                        g.push(i);
                    }
                }
                None => open.push(vec![i]),
            }
        }
        for g in open.into_iter().filter(|g| g.len() >= 2) {
            for &i in &g {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
            }
            groups.push((entity, g));
        }
    }
    let mut out = Vec::new();
    for (entity, members) in &groups {
        let arts: HashSet<usize> = members
            .iter()
            .filter_map(|&i| items.get(i))
            .map(|x| x.article)
            .collect();
        if arts.len() < 2 {
            continue;
        }
        let list: Vec<&Item<'_>> = members.iter().filter_map(|&i| items.get(i)).collect();
        let Some(first) = list.first() else { continue };
        // Label: the stems most members share, as first written.
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for it in &list {
            for k in it.ctx.keys() {
                *counts.entry(k.as_str()).or_default() += 1;
            }
        }
        let mut shared: Vec<(&str, usize)> = counts.into_iter().filter(|(_, c)| *c >= 2).collect();
        shared.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let fact = shared
            .iter()
            .take(5)
            .filter_map(|(k, _)| list.iter().find_map(|it| it.ctx.get(*k)))
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let values: Vec<f64> = list
            .iter()
            .map(|it| {
                if first.fig.kind == FigureKind::Money {
                    it.usd.unwrap_or(it.fig.value)
                } else {
                    it.fig.value
                }
            })
            .collect();
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let spread = if lo > 0.0 {
            (hi / lo - 1.0) * 100.0
        } else {
            0.0
        };
        let agree = spread <= 1.0;
        let subject = facts.entities.get(*entity).map(|e| e.name.clone());
        let mut rows: Vec<Member> = list
            .iter()
            .filter_map(|it| {
                let a = corpus.articles.get(it.article)?;
                let text = match it.conversion {
                    Some(c) => format!("{} ({})", it.fig.text, c.text),
                    None => it.fig.text.clone(),
                };
                Some(Member {
                    article: a.id.clone(),
                    text,
                    value: it.fig.value,
                    unit: it.fig.unit.clone(),
                    usd: it.usd,
                    qualifier: it.fig.qualifier.clone(),
                    sentence: sentence_of(a, &it.fig.loc),
                    at: where_of(units, a, &it.fig.loc),
                })
            })
            .collect();
        rows.sort_by(|a, b| a.article.cmp(&b.article));
        out.push(AcrossRow {
            fact,
            kind: first.fig.kind,
            subject,
            sources: u32::try_from(arts.len()).unwrap_or(u32::MAX),
            agreement: if agree { "agree" } else { "differ" },
            spread: (spread * 10.0).round() / 10.0,
            members: rows,
        });
    }
    out.sort_by(|a, b| {
        b.sources
            .cmp(&a.sources)
            .then(b.members.len().cmp(&a.members.len()))
            .then(a.fact.cmp(&b.fact))
    });
    out
}

/// Build every table from a corpus and its extracted facts.
pub fn build(corpus: &Corpus, facts: &Facts, analyzer: &Analyzer) -> Tables {
    let rates = rates(facts);
    let terms = top_terms(corpus, 6);
    let units = &mut Units::default();
    let mut articles = Vec::new();
    let mut figures = Vec::new();
    let mut quotes = Vec::new();
    let mut dates = Vec::new();
    let mut per_entity: Vec<(u32, BTreeMap<String, u32>, Option<Where>)> =
        vec![(0, BTreeMap::new(), None); facts.entities.len()];
    for (i, (a, f)) in corpus.articles.iter().zip(&facts.articles).enumerate() {
        let mut kinds: [HashSet<usize>; 3] = Default::default();
        for m in &f.mentions {
            let Some(e) = facts.entities.get(m.entity) else {
                continue;
            };
            let slot = match e.kind {
                EntityKind::Person => 0,
                EntityKind::Organisation => 1,
                EntityKind::Place => 2,
            };
            if let Some(set) = kinds.get_mut(slot) {
                set.insert(m.entity);
            }
            if let Some(row) = per_entity.get_mut(m.entity) {
                row.0 += 1;
                *row.1.entry(a.id.clone()).or_default() += 1;
                row.2.get_or_insert_with(|| where_of(units, a, &m.loc));
            }
        }
        let words = corpus.index.word_count.get(i).copied().unwrap_or(0);
        let [people, organisations, places] =
            kinds.map(|s| u32::try_from(s.len()).unwrap_or(u32::MAX));
        articles.push(ArticleRow {
            id: a.id.clone(),
            title: a.title.to_string(),
            words,
            reading_minutes: (f64::from(words) / 230.0 * 10.0).round() / 10.0,
            people,
            organisations,
            places,
            figures: u32::try_from(f.figures.len()).unwrap_or(u32::MAX),
            quotes: u32::try_from(f.quotes.len()).unwrap_or(u32::MAX),
            top_terms: terms.get(i).cloned().unwrap_or_default(),
        });
        for fig in &f.figures {
            figures.push(FigureRow {
                article: a.id.clone(),
                kind: fig.kind,
                text: fig.text.clone(),
                value: fig.value,
                high: fig.high,
                unit: fig.unit.clone(),
                usd: usd(fig, &rates),
                qualifier: fig.qualifier.clone(),
                direction: fig.direction,
                subject: fig.subject.clone(),
                measure: fig.measure.clone(),
                converts: fig
                    .converts
                    .and_then(|c| f.figures.get(c))
                    .map(|c| c.text.clone()),
                assumed: fig.assumed.clone(),
                sentence: sentence_of(a, &fig.loc),
                at: where_of(units, a, &fig.loc),
            });
        }
        for q in &f.quotes {
            quotes.push(QuoteRow {
                article: a.id.clone(),
                speaker: q.speaker.clone(),
                text: q.text.clone(),
                at: where_of(units, a, &q.loc),
            });
        }
        for d in &f.dates {
            dates.push(DateRow {
                article: a.id.clone(),
                text: d.text.clone(),
                kind: d.kind,
                iso: d.iso.clone(),
                at: where_of(units, a, &d.loc),
            });
        }
    }
    let mut entities: Vec<EntityRow> = facts
        .entities
        .iter()
        .zip(per_entity)
        .filter_map(|(e, (mentions, per_article, at))| {
            Some(EntityRow {
                name: e.name.clone(),
                kind: e.kind,
                aliases: e.aliases.clone(),
                roles: e.roles.clone(),
                mentions,
                articles: u32::try_from(per_article.len()).unwrap_or(u32::MAX),
                per_article,
                at: at?,
            })
        })
        .collect();
    entities.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    let text_tables = corpus
        .articles
        .iter()
        .flat_map(|a| {
            a.tables.iter().map(|t| TextTable {
                article: a.id.clone(),
                title: a.title.to_string(),
                caption: t.caption.clone(),
                header: t.header.clone(),
                rows: t.rows.clone(),
            })
        })
        .collect();
    let mut rate_rows: Vec<Rate> = rates
        .iter()
        .filter(|(c, (_, src))| {
            *src == "text"
                || facts
                    .articles
                    .iter()
                    .any(|a| a.figures.iter().any(|f| &f.unit == *c))
        })
        .map(|(c, (r, src))| Rate {
            currency: c.clone(),
            usd: *r,
            source: src,
        })
        .collect();
    rate_rows.sort_by(|a, b| a.currency.cmp(&b.currency));
    Tables {
        articles,
        entities,
        figures,
        quotes,
        dates,
        across: across(corpus, facts, &rates, analyzer, units),
        text_tables,
        rates: rate_rows,
    }
}

/// Check that every row points inside its article: the block exists and
/// holds text, and `start ≤ matchStart ≤ matchEnd ≤ end ≤` its length in
/// UTF-16 code units. Used by the tests and the fuzzer.
pub fn validate(corpus: &Corpus, tables: &Tables) -> Result<(), String> {
    let check = |w: &Where| -> Result<(), String> {
        let a = corpus
            .articles
            .binary_search_by(|a| a.id.cmp(&w.article))
            .ok()
            .and_then(|i| corpus.articles.get(i))
            .ok_or_else(|| format!("row points at a missing article {:?}", w.article))?;
        let seg = w.sentence.segment;
        let text = a
            .segment_text(seg)
            .filter(|_| match seg {
                Segment::Block { block } => a
                    .blocks
                    .get(block as usize)
                    .is_some_and(|b| b.kind != crate::model::BlockKind::Table),
                _ => true,
            })
            .ok_or_else(|| {
                format!(
                    "row points at {seg:?} of {:?}, which holds no text",
                    w.article
                )
            })?;
        let len = text.encode_utf16().count();
        let (s, f) = (w.sentence, w.fact);
        if !(f.segment == seg
            && s.start <= f.start
            && f.start <= f.end
            && f.end <= s.end
            && s.end <= len)
        {
            return Err(format!("bad range {w:?} (segment length {len})"));
        }
        Ok(())
    };
    let rows = tables
        .entities
        .iter()
        .map(|r| &r.at)
        .chain(tables.figures.iter().map(|r| &r.at))
        .chain(tables.quotes.iter().map(|r| &r.at))
        .chain(tables.dates.iter().map(|r| &r.at))
        .chain(
            tables
                .across
                .iter()
                .flat_map(|g| g.members.iter().map(|m| &m.at)),
        );
    for w in rows {
        check(w)?;
    }
    if tables.articles.len() != corpus.articles.len() {
        return Err("one article row per article".into());
    }
    Ok(())
}

/// Extract and tabulate a corpus in one step.
pub fn tables_for(corpus: &Corpus, analyzer: &Analyzer) -> (Facts, Tables) {
    let facts = extract::extract_corpus(&corpus.articles);
    let tables = build(corpus, &facts, analyzer);
    (facts, tables)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Explorer;

    fn tables(texts: &[(&str, &str)]) -> Tables {
        let ex = Explorer::from_texts(texts).unwrap();
        tables_for(ex.corpus(), &Analyzer::new()).1
    }

    #[test]
    fn the_nearest_measure_is_found_by_search_as_by_scan() {
        let sentences = [
            "Revenue rose 5% to $3bn while profit fell 2% and investment grew.",
            "It will invest $50bn, a stake worth $2bn, and pay a fine of $1m.",
            "No measure here at all, just 5%.",
            "Sales’ revenue—profit: 10% and 20%, price 30%.",
            "",
        ];
        let analyzer = Analyzer::new();
        for s in sentences {
            let facts = SentenceFacts::new(&analyzer, s);
            for at in 0..=s.len() {
                assert_eq!(facts.measure_at(at), measure_of(s, at), "{s:?} at {at}");
            }
        }
    }

    #[test]
    fn a_figure_is_about_the_names_of_its_own_clause() {
        // "…, while Globex…": the second price is Globex's, not Acme's; a
        // bracketed "; " is no clause break.
        let t = tables(&[
            ("a", "Prices\n\nAcme Corp shares rose to $31.00, while Globex Inc shares fell to $48.20."),
            ("b", "Acme\n\nAcme Corp shares closed at $48.30 on the day."),
            ("c", "Globex\n\nGlobex Inc shares ended at $48.25 on the day."),
            ("d", "Pay\n\nThe bid of 30bn baht (£480m; $900m) for the plant came from Acme Corp."),
            ("e", "Deal\n\nThe bid of £480m for the plant came from Acme Corp."),
        ]);
        let groups: Vec<(Option<&str>, Vec<&str>)> = t
            .across
            .iter()
            .map(|g| {
                let arts = g.members.iter().map(|m| m.article.as_str()).collect();
                (g.subject.as_deref(), arts)
            })
            .collect();
        assert!(
            !groups.iter().any(|(s, arts)| *s == Some("Acme Corp")
                && arts.contains(&"b")
                && arts.contains(&"a")),
            "{groups:?}"
        );
        assert!(
            groups
                .iter()
                .any(|(_, arts)| arts.contains(&"a") && arts.contains(&"c")),
            "{groups:?}"
        );
        assert!(
            groups
                .iter()
                .any(|(_, arts)| arts.contains(&"d") && arts.contains(&"e")),
            "{groups:?}"
        );
    }

    #[test]
    fn across_sources_groups_agreeing_and_differing_reports() {
        let t = tables(&[
            ("a", "Acme plans\n\nAcme will invest 380 billion yuan ($53 billion) in AI and cloud infrastructure."),
            ("b", "Acme bets\n\nAcme plans to invest over $50 billion in AI and cloud infrastructure."),
            ("c", "Acme again\n\nAcme is putting more than $53 billion into AI and cloud infrastructure."),
            ("d", "Other news\n\nA bakery sold bread worth $52 billion to nobody, oddly."),
        ]);
        assert_eq!(t.across.len(), 1, "{:#?}", t.across);
        let g = &t.across[0];
        assert_eq!(g.sources, 3);
        assert_eq!(g.agreement, "differ");
        assert!((g.spread - 6.0).abs() < 0.5, "{}", g.spread);
        let arts: Vec<&str> = g.members.iter().map(|m| m.article.as_str()).collect();
        assert_eq!(arts, ["a", "b", "c"]);
        assert_eq!(g.members[0].text, "380 billion yuan ($53 billion)");
        // The yuan rate comes from the text itself.
        let cny = t.rates.iter().find(|r| r.currency == "CNY").unwrap();
        assert_eq!(cny.source, "text");
        assert!((cny.usd - 53.0 / 380.0).abs() < 1e-9);
    }

    #[test]
    fn rows_point_at_sentences_in_utf16() {
        let t = tables(&[(
            "a",
            "Title\n\n“Émigré” firms grew. Acme Corp rose 5% on Friday, CEO Jane Roe said.",
        )]);
        let f = &t.figures[0];
        assert_eq!(f.text, "5%");
        assert_eq!(
            f.sentence,
            "Acme Corp rose 5% on Friday, CEO Jane Roe said."
        );
        assert_eq!(f.at.sentence.segment, Segment::Block { block: 0 });
        assert_eq!(f.at.sentence.start, 21); // UTF-16 units (bytes would be 26)
        assert_eq!(f.at.fact.end - f.at.fact.start, 2);
        assert_eq!(f.subject.as_deref(), Some("Acme Corp"));
        let jane = t.entities.iter().find(|e| e.name == "Jane Roe").unwrap();
        assert_eq!(jane.kind, EntityKind::Person);
        assert_eq!(jane.per_article.get("a"), Some(&1));
        assert!(t.articles[0].people >= 1);
        assert!(t.dates.iter().any(|d| d.text == "Friday"));
    }

    #[test]
    fn top_terms_are_distinctive() {
        let t = tables(&[
            ("a", "One\n\nThe market rose. Zebras zebras zebras graze."),
            ("b", "Two\n\nThe market fell. Lions lions hunt."),
        ]);
        assert_eq!(
            t.articles[0].top_terms.first().map(String::as_str),
            Some("zebras")
        );
        assert_eq!(
            t.articles[1].top_terms.first().map(String::as_str),
            Some("lions")
        );
    }
}
