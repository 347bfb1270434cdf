//! [`Explorer`]: the plain-Rust API over one loaded corpus (search,
//! highlight, articles, the text shards, adding and removing articles,
//! and, with the `tables` feature, the summary tables and corrections).
//! The wasm exports (`crate::wasm`) are thin wrappers over it.

#[cfg(feature = "tables")]
mod concordance;
#[cfg(feature = "tables")]
mod tables;
#[cfg(feature = "shards")]
mod text;

#[cfg(feature = "tables")]
pub use concordance::{Concordance, KwicLine, CONTEXT_CHARS, MAX_LINES};

use crate::analyse::Analyzer;
use crate::error::Error;
use crate::highlight;
use crate::index::Index;
use crate::ingest;
use crate::model::{
    Article, BlockKind, Corpus, Location, Segment, MAX_ADDED_ARTICLES, MAX_ARTICLE_BYTES,
};
use crate::offsets::byte_range;
use crate::parse::parse_article;
use crate::search::{self, RankParams, SearchOptions, SearchResults};
use crate::shards;
use crate::store;

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

/// A loaded corpus, ready to answer queries.
#[derive(Debug, Default)]
pub struct Explorer {
    corpus: Corpus,
    analyzer: Analyzer,
    params: RankParams,
    /// Ids of articles added at run time (they can be removed).
    added: std::collections::BTreeSet<String>,
    /// The summary tables and the reader's corrections (with the `tables`
    /// feature; nothing without it).
    tables: TableState,
    /// Which text shards are loaded.
    #[cfg(feature = "shards")]
    text: text::Cache,
}

/// The tables' state: built on first use, dropped when the corpus changes.
#[cfg(feature = "tables")]
type TableState = tables::State;
#[cfg(not(feature = "tables"))]
type TableState = ();

/// State kept beside the corpus that a change of its articles (or of the
/// corrections) makes stale.
trait Derived {
    /// Drop what was derived from the corpus as it was.
    fn corpus_changed(&mut self);
}

/// Without the tables nothing is derived from the articles.
impl Derived for () {
    fn corpus_changed(&mut self) {}
}

impl Explorer {
    /// Wrap a decoded corpus.
    pub fn new(corpus: Corpus) -> Self {
        Explorer {
            corpus,
            ..Explorer::default()
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
                return Err(Error::invalid(format!(
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
            return Err(Error::invalid(format!("two articles have the id {id}")));
        }
        let mut explorer = Explorer::new(Corpus {
            articles,
            ..Corpus::default()
        });
        explorer.reindex();
        Ok(explorer)
    }

    /// The corpus.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
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
            .ok_or_else(|| Error::NoArticle(id.to_string()))
    }

    /// An article by id, with its text: an error while its text shard is
    /// not loaded.
    pub fn article_with_text(&self, id: &str) -> Result<&Article, Error> {
        let article = self.article(id)?;
        if article.text_missing {
            return Err(Error::TextNotLoaded {
                what: format!("the text of \"{id}\""),
                articles: 1,
                shards: shards::names(&self.corpus, article.shard.into_iter().collect()),
            });
        }
        Ok(article)
    }

    /// The article with every match of `query` marked.
    pub fn highlight(&self, id: &str, query: &str) -> Result<highlight::Highlighted, Error> {
        self.highlight_focus(id, query, None, false)
    }

    /// Like [`Explorer::highlight`], and also mark `focus`: a range of
    /// the title, a text block or a table cell, such as the sentence a
    /// table row points to. `prefix`: the last word is a prefix, as in a
    /// search with [`SearchOptions::prefix`], so the reader marks what the
    /// list matched (the query is resolved the same way).
    pub fn highlight_focus(
        &self,
        id: &str,
        query: &str,
        focus: Option<Location>,
        prefix: bool,
    ) -> Result<highlight::Highlighted, Error> {
        let article = self.article_with_text(id)?;
        let focus = focus.map(|f| focus_bytes(article, f)).transpose()?;
        let marker = search::resolve(
            &self.corpus.index,
            &self.analyzer,
            query,
            prefix,
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

    /// An error unless every article's text is here.
    fn need_all_text(&self, what: &str) -> Result<(), Error> {
        match self
            .corpus
            .articles
            .iter()
            .filter(|a| a.text_missing)
            .count()
        {
            0 => Ok(()),
            n => Err(Error::TextNotLoaded {
                what: what.to_string(),
                articles: n,
                shards: self.text_needed(None)?,
            }),
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
                    return Err(Error::invalid(format!(
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
            self.article(id)?;
            return Err(Error::invalid(format!(
                "\"{id}\" is built in and cannot be removed"
            )));
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
        self.corpus.index = Index::build(&self.corpus.articles, &self.analyzer);
        self.tables.corpus_changed();
    }
}

/// A focus range in bytes of its segment's text, or why it does not fit
/// the article.
fn focus_bytes(article: &Article, f: Location) -> Result<(Segment, usize, usize), Error> {
    let id = &article.id;
    let text = article
        .segment_text(f.segment)
        .filter(|_| match f.segment {
            Segment::Block { block } => article
                .blocks
                .get(block as usize)
                .is_some_and(|b| b.kind != BlockKind::Table),
            _ => true,
        })
        .ok_or_else(|| {
            Error::invalid(match f.segment {
                Segment::Cell { table, row, col } => {
                    format!("article \"{id}\" has no cell {row},{col} in table {table}")
                }
                Segment::Block { block } => format!("article \"{id}\" has no text block {block}"),
                Segment::Title => format!("article \"{id}\" has no title"),
            })
        })?;
    let (s, e) = byte_range(text, f.start, f.end).ok_or_else(|| {
        Error::invalid(format!(
            "the range {}..{} is outside that text",
            f.start, f.end
        ))
    })?;
    Ok((f.segment, s, e))
}
