//! # article-explorer
//!
//! The core of an in-browser article explorer. A folder of articles is
//! parsed, analysed and indexed natively at build time, encoded as one
//! versioned blob, embedded in the WebAssembly module, and searched in the
//! page. Every stage is plain Rust, testable natively; only [`wasm`] knows
//! about wasm-bindgen.
//!
//! Pipeline: [`parse`] → [`analyse`] → [`index`] → [`store`] → [`search`] /
//! [`highlight`]; [`extract`] → [`tables`] for the summary tables.
//!
//! ```
//! use article_explorer::{Explorer, SearchOptions};
//!
//! let explorer = Explorer::from_texts(&[
//!     ("cats", "Cats Rule\n\nThe cat sat on the mat."),
//!     ("dogs", "Dogs Bark\n\nDogs chase cats in the park."),
//! ]).unwrap();
//! let results = explorer.search("dog", SearchOptions::default());
//! assert_eq!(results.total, 1);
//! assert_eq!(results.hits[0].id, "dogs");
//! assert!(results.hits[0].snippet.contains("<mark>Dogs</mark>"));
//! ```

pub mod analyse;
#[cfg(feature = "tables")]
pub mod corrections;
#[cfg(feature = "tables")]
pub mod extract;
mod fold_table;
pub mod highlight;
pub mod index;
pub mod ingest;
pub mod parse;
pub mod query;
pub mod search;
pub mod shards;
pub mod store;
#[cfg(feature = "tables")]
pub mod tables;
pub mod text;
pub mod wasm;

pub use analyse::Analyzer;
pub use parse::{parse_article, Article};
pub use search::{Mode, RankParams, SearchOptions, SearchResults};
pub use store::Corpus;

use std::fmt;

/// An error with a message a user can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl Error {
    /// A new error.
    pub fn new(msg: impl Into<String>) -> Self {
        Error(msg.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// Largest article file accepted, in bytes.
pub const MAX_ARTICLE_BYTES: usize = 5 * 1024 * 1024;
/// Most articles a user may add in the page.
pub const MAX_ADDED_ARTICLES: usize = 2000;

/// What became of one file given to [`Explorer::add_files`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddResult {
    /// The file name as given.
    pub name: String,
    /// Article id (the file stem), when added.
    pub id: Option<String>,
    /// Title, when added.
    pub title: Option<String>,
    /// The decoded text, when added (what to persist and export).
    pub text: Option<String>,
    /// Why the file was refused.
    pub error: Option<String>,
}

/// One entry of [`Explorer::articles`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArticleSummary {
    /// Article id.
    pub id: String,
    /// Title.
    pub title: String,
    /// True when the title was derived from the lead.
    pub title_derived: bool,
    /// Words in the body.
    pub words: u32,
    /// True for articles added in the page (not built in).
    pub added: bool,
    /// Publisher or site, from front matter.
    pub source: Option<String>,
    /// Date as written, from front matter.
    pub date: Option<String>,
}

/// A range to mark in an article: UTF-16 code units of the title
/// (`block: None`) or of one text block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Focus {
    /// Block index, or `None` for the title.
    pub block: Option<u32>,
    /// A table cell instead: table, row (0 = header), column.
    pub cell: Option<[u32; 3]>,
    /// Start (UTF-16 code units).
    pub start: usize,
    /// End (UTF-16 code units).
    pub end: usize,
}

/// A loaded corpus, ready to answer queries.
#[derive(Debug)]
pub struct Explorer {
    corpus: Corpus,
    analyzer: Analyzer,
    params: RankParams,
    /// Ids of articles added at run time (they can be removed).
    added: std::collections::BTreeSet<String>,
    /// Summary tables, built on first use.
    #[cfg(feature = "tables")]
    tables: std::cell::OnceCell<tables::Tables>,
    /// The reader's corrections, applied after the corpus's own.
    #[cfg(feature = "tables")]
    corrections: Vec<corrections::Correction>,
    /// What became of each correction (the corpus's, then the reader's)
    /// when the tables were last built.
    #[cfg(feature = "tables")]
    outcomes: std::cell::RefCell<Vec<corrections::Outcome>>,
    /// Text shards loaded, oldest first, with their sizes.
    #[cfg_attr(not(feature = "shards"), allow(dead_code))]
    loaded: std::collections::VecDeque<(u32, usize)>,
    /// Bytes of loaded shards kept before the oldest are dropped.
    text_cache: usize,
    /// Once every shard was asked to stay, none is dropped again.
    #[cfg_attr(not(feature = "shards"), allow(dead_code))]
    keep_text: bool,
}

/// Bytes of loaded text shards kept before the oldest are dropped (unless
/// the whole text was asked to stay: tables, adding articles).
pub const TEXT_CACHE_BYTES: usize = 2 * 1024 * 1024;

impl Explorer {
    /// Wrap a decoded corpus.
    pub fn new(corpus: Corpus) -> Self {
        Explorer {
            corpus,
            analyzer: Analyzer::new(),
            params: RankParams::default(),
            added: Default::default(),
            #[cfg(feature = "tables")]
            tables: Default::default(),
            #[cfg(feature = "tables")]
            corrections: Vec::new(),
            #[cfg(feature = "tables")]
            outcomes: Default::default(),
            loaded: Default::default(),
            text_cache: TEXT_CACHE_BYTES,
            keep_text: false,
        }
    }

    /// Decode a blob made by [`store::encode`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        store::decode(bytes).map(Self::new)
    }

    /// Decode a blob that lives as long as the program (the one built into
    /// the module), reading its postings in place instead of copying them.
    pub fn from_static(bytes: &'static [u8]) -> Result<Self, Error> {
        store::decode_static(bytes).map(Self::new)
    }

    /// Parse and index `(id, text)` pairs.
    pub fn from_texts<S: AsRef<str>, T: AsRef<str>>(texts: &[(S, T)]) -> Result<Self, Error> {
        let mut articles = Vec::with_capacity(texts.len());
        for (id, text) in texts {
            let (id, text) = (id.as_ref(), text.as_ref());
            if text.len() > MAX_ARTICLE_BYTES {
                return Err(Error::new(format!(
                    "article {id} is larger than {} MB",
                    MAX_ARTICLE_BYTES / 1024 / 1024
                )));
            }
            articles.push(parse_article(id, text));
        }
        Self::from_articles(articles)
    }

    /// Index parsed articles (sorted by id; ids must be unique).
    pub fn from_articles(mut articles: Vec<Article>) -> Result<Self, Error> {
        articles.sort_by(|a, b| a.id.cmp(&b.id));
        if let Some(w) = articles
            .windows(2)
            .find(|w| matches!(w, [a, b] if a.id == b.id))
        {
            let id = w.first().map_or("", |a| a.id.as_str());
            return Err(Error::new(format!("two articles have the id {id}")));
        }
        let analyzer = Analyzer::new();
        let index = index::Index::build(&articles, &analyzer);
        let mut explorer = Explorer::new(Corpus {
            articles,
            index,
            text_shards: Vec::new(),
            index_at_load: false,
            corrections: Vec::new(),
        });
        explorer.analyzer = analyzer;
        Ok(explorer)
    }

    /// The corpus.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    #[cfg(feature = "shards")]
    /// Move the article bodies into text shard files of about `target`
    /// bytes of text each ([`shards`]): returns the files `(name, bytes)` to
    /// serve beside the page; the blob made after this holds the index, ids,
    /// titles and metadata only.
    pub fn split_text(&mut self, target: usize) -> Result<Vec<(String, Vec<u8>)>, Error> {
        shards::split(&mut self.corpus, target)
    }

    /// Leave the index out of the blob made by [`Explorer::to_bytes`] (or
    /// put it back): loading then builds it from the articles. A corpus with
    /// text shards cannot: [`Explorer::to_bytes`] refuses it.
    pub fn set_index_at_load(&mut self, at_load: bool) {
        self.corpus.index_at_load = at_load;
    }

    /// Encode as a blob.
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        store::encode(&self.corpus)
    }

    /// Search.
    pub fn search(&self, query: &str, opts: SearchOptions) -> SearchResults {
        search::search(&self.corpus, &self.analyzer, query, opts, self.params)
    }

    /// Change the ranking parameters (for evaluation and tuning).
    pub fn set_rank_params(&mut self, params: RankParams) {
        self.params = params;
    }

    /// Completions for a partly typed query.
    pub fn suggest(&self, prefix: &str, limit: usize) -> Vec<String> {
        search::suggest(&self.corpus.index, &self.analyzer, prefix, limit)
    }

    /// An article by id.
    pub fn article(&self, id: &str) -> Result<&Article, Error> {
        self.corpus
            .articles
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.corpus.articles.get(i))
            .ok_or_else(|| Error::new(format!("no article with id \"{id}\"")))
    }

    /// An article by id, with its text: an error while its text shard is
    /// not loaded.
    pub fn article_with_text(&self, id: &str) -> Result<&Article, Error> {
        let article = self.article(id)?;
        if article.text_missing {
            return Err(Error::new(format!(
                "the text of \"{id}\" is not loaded yet (load its text shard first: textNeeded)"
            )));
        }
        Ok(article)
    }

    /// The article with every match of `query` marked.
    pub fn highlight(&self, id: &str, query: &str) -> Result<highlight::Highlighted, Error> {
        self.highlight_focus(id, query, None)
    }

    /// Like [`Explorer::highlight`], and also mark `focus`: a range (UTF-16
    /// code units) of the title (`block: None`) or of one text block, such
    /// as a sentence a table row points to.
    pub fn highlight_focus(
        &self,
        id: &str,
        query: &str,
        focus: Option<Focus>,
    ) -> Result<highlight::Highlighted, Error> {
        let article = self.article_with_text(id)?;
        let focus = match focus {
            None => None,
            Some(f) => {
                let seg = match (f.cell, f.block) {
                    (Some([t, r, c]), _) => parse::Segment::Cell(t, r, c),
                    (None, None) => parse::Segment::Title,
                    (None, Some(b)) => parse::Segment::Block(b),
                };
                let text = article
                    .segment_text(seg)
                    .filter(|_| {
                        f.cell.is_some()
                            || f.block.is_none_or(|b| {
                                article
                                    .blocks
                                    .get(b as usize)
                                    .is_some_and(|b| b.kind != parse::BlockKind::Table)
                            })
                    })
                    .ok_or_else(|| match f.cell {
                        Some([t, r, c]) => {
                            Error::new(format!("article \"{id}\" has no cell {r},{c} in table {t}"))
                        }
                        None => Error::new(format!(
                            "article \"{id}\" has no text block {}",
                            f.block.unwrap_or(0)
                        )),
                    })?;
                let (s, e) = highlight::byte_range(text, f.start, f.end).ok_or_else(|| {
                    Error::new(format!(
                        "the range {}..{} is outside that block",
                        f.start, f.end
                    ))
                })?;
                Some((seg, s, e))
            }
        };
        let marker = search::resolve(
            &self.corpus.index,
            &self.analyzer,
            query,
            false,
            self.params,
        )
        .marker();
        Ok(highlight::highlight(
            article,
            &marker,
            &self.corpus.index,
            &self.analyzer,
            focus,
        ))
    }

    /// Every summary table (extracted on first use, kept until the corpus
    /// changes). Needs every text shard loaded.
    #[cfg(feature = "tables")]
    pub fn tables(&self) -> Result<&tables::Tables, Error> {
        if let Some(t) = self.tables.get() {
            return Ok(t);
        }
        self.need_all_text("the tables")?;
        Ok(self.tables.get_or_init(|| {
            let mut facts = extract::extract_corpus(&self.corpus.articles);
            let own = self.builtin_corrections();
            let mut outcomes = corrections::apply(&mut facts, &own);
            outcomes.extend(corrections::apply(&mut facts, &self.corrections));
            *self.outcomes.borrow_mut() = outcomes;
            tables::build(&self.corpus, &facts, &self.analyzer)
        }))
    }

    /// The corpus's own corrections (from its `corrections.json`).
    #[cfg(feature = "tables")]
    pub fn builtin_corrections(&self) -> Vec<corrections::Correction> {
        // The blob is checksummed and encode wrote these bytes, so they read.
        corrections::decode(&self.corpus.corrections).unwrap_or_default()
    }

    /// Store the corpus's own corrections (at build time; written into the blob).
    #[cfg(feature = "tables")]
    pub fn set_builtin_corrections(
        &mut self,
        list: &[corrections::Correction],
    ) -> Result<(), Error> {
        self.corpus.corrections = if list.is_empty() {
            Vec::new()
        } else {
            corrections::encode(list).map_err(Error::new)?
        };
        self.tables = Default::default();
        Ok(())
    }

    /// Set the reader's corrections (replacing any before); the tables are
    /// built again with them on next use. Returns what became of each of
    /// them (they are checked against the corpus now, which extracts it if
    /// the tables were not built yet).
    #[cfg(feature = "tables")]
    pub fn set_corrections(
        &mut self,
        list: Vec<corrections::Correction>,
    ) -> Result<Vec<corrections::Outcome>, Error> {
        if list.len() > 10_000 {
            return Err(Error::new("at most 10,000 corrections"));
        }
        self.corrections = list;
        self.tables = Default::default();
        self.tables()?;
        let own = self.builtin_corrections().len();
        Ok(self.outcomes.borrow().iter().skip(own).cloned().collect())
    }

    /// What became of every correction, the corpus's first, when the tables were last built.
    #[cfg(feature = "tables")]
    pub fn correction_outcomes(&self) -> Vec<corrections::Outcome> {
        self.outcomes.borrow().clone()
    }

    /// An error unless every article's text is here.
    fn need_all_text(&self, what: &str) -> Result<(), Error> {
        match self.corpus.articles.iter().filter(|a| a.text_missing).count() {
            0 => Ok(()),
            n => Err(Error::new(format!(
                "{what} need the whole text, and {n} articles' text is not loaded yet (load every text shard first: textNeeded)"
            ))),
        }
    }

    /// File names of the text shards still to load for `ids` (every
    /// article when `None`), each once, in shard order.
    pub fn text_needed(&self, ids: Option<&[String]>) -> Result<Vec<String>, Error> {
        let mut wanted = Vec::new();
        let mut want = |a: &Article| {
            if let (true, Some(n)) = (a.text_missing, a.shard) {
                wanted.push(n);
            }
        };
        match ids {
            None => self.corpus.articles.iter().for_each(want),
            Some(ids) => {
                for id in ids {
                    want(self.article(id)?);
                }
            }
        }
        Ok(shards::names(&self.corpus, wanted))
    }

    /// Change how many bytes of loaded text shards are kept (default
    /// [`TEXT_CACHE_BYTES`]).
    pub fn set_text_cache(&mut self, bytes: usize) {
        self.text_cache = bytes;
    }

    /// Load a text shard file (fetched by the page). Checked first: a bad or
    /// foreign file is refused and nothing loaded is lost. Unless `keep`,
    /// the oldest shards are dropped once more than [`TEXT_CACHE_BYTES`] are
    /// loaded (see [`Explorer::set_text_cache`]); `keep` keeps every shard
    /// from then on. Returns the shard number.
    #[cfg(feature = "shards")]
    pub fn load_text(&mut self, bytes: &[u8], keep: bool) -> Result<u32, Error> {
        let shard = shards::decode(bytes, &self.corpus)?;
        let number = shard.number;
        shards::apply(shard, &mut self.corpus);
        self.loaded.retain(|(n, _)| *n != number);
        self.loaded.push_back((number, bytes.len()));
        self.keep_text |= keep;
        while !self.keep_text
            && self.loaded.len() > 1
            && self.loaded.iter().map(|(_, b)| b).sum::<usize>() > self.text_cache
        {
            if let Some((old, _)) = self.loaded.pop_front() {
                shards::unload(old, &mut self.corpus);
            }
        }
        Ok(number)
    }

    /// Without the `shards` feature: every text shard is refused.
    #[cfg(not(feature = "shards"))]
    pub fn load_text(&mut self, _bytes: &[u8], _keep: bool) -> Result<u32, Error> {
        Err(Error::new(
            "this module was built for a corpus without text shards",
        ))
    }

    /// Every article: id, title and word count.
    pub fn articles(&self) -> Vec<ArticleSummary> {
        self.corpus
            .articles
            .iter()
            .zip(&self.corpus.index.word_count)
            .map(|(a, &words)| ArticleSummary {
                id: a.id.clone(),
                title: a.title.to_string(),
                title_derived: a.title_derived,
                words,
                added: self.added.contains(&a.id),
                source: a.meta.source.clone(),
                date: a.meta.date.clone(),
            })
            .collect()
    }

    /// Add files (name and bytes) to the corpus: each is decoded, parsed and
    /// indexed, or refused with a message naming it. Good files go in even
    /// when others of the same call fail; nothing already loaded is lost.
    pub fn add_files(&mut self, files: &[(String, Vec<u8>)]) -> Vec<AddResult> {
        let mut results = Vec::with_capacity(files.len());
        if let Err(e) = self.need_all_text("adding articles") {
            return files
                .iter()
                .map(|(name, _)| AddResult {
                    name: name.clone(),
                    id: None,
                    title: None,
                    text: None,
                    error: Some(format!("{name}: {e}")),
                })
                .collect();
        }
        let mut new_articles = Vec::new();
        let mut taken: std::collections::BTreeSet<String> =
            self.corpus.articles.iter().map(|a| a.id.clone()).collect();
        for (name, bytes) in files {
            let refused = |error: String| AddResult {
                name: name.clone(),
                id: None,
                title: None,
                text: None,
                error: Some(error),
            };
            if self.added.len() + new_articles.len() >= MAX_ADDED_ARTICLES {
                results.push(refused(format!(
                    "{name}: at most {MAX_ADDED_ARTICLES} articles can be added"
                )));
                continue;
            }
            let outcome = ingest::ingest_with_text(name, bytes).and_then(|(article, text)| {
                if taken.contains(&article.id) {
                    return Err(Error::new(format!(
                        "{name}: an article with the id \"{}\" already exists",
                        article.id
                    )));
                }
                Ok((article, text))
            });
            match outcome {
                Ok((article, text)) => {
                    taken.insert(article.id.clone());
                    results.push(AddResult {
                        name: name.clone(),
                        id: Some(article.id.clone()),
                        title: Some(article.title.to_string()),
                        text: Some(text),
                        error: None,
                    });
                    new_articles.push(article);
                }
                Err(e) => results.push(refused(e.to_string())),
            }
        }
        if !new_articles.is_empty() {
            for a in &new_articles {
                self.added.insert(a.id.clone());
            }
            self.corpus.articles.extend(new_articles);
            self.reindex();
        }
        results
    }

    /// Remove an article added at run time.
    pub fn remove_article(&mut self, id: &str) -> Result<(), Error> {
        if !self.added.contains(id) {
            return Err(Error::new(if self.article(id).is_ok() {
                format!("\"{id}\" is built in and cannot be removed")
            } else {
                format!("no article with id \"{id}\"")
            }));
        }
        // The index is rebuilt over every article.
        self.need_all_text("removing an article")?;
        self.added.remove(id);
        self.corpus.articles.retain(|a| a.id != id);
        self.reindex();
        Ok(())
    }

    /// Rebuild the index over every article (kept in id order).
    fn reindex(&mut self) {
        self.corpus.articles.sort_by(|a, b| a.id.cmp(&b.id));
        self.corpus.index = index::Index::build(&self.corpus.articles, &self.analyzer);
        #[cfg(feature = "tables")]
        {
            self.tables = Default::default();
        }
    }
}
