//! The summary tables of an [`Explorer`] and the reader's corrections
//! (the `tables` feature).

use super::{Derived, Explorer};
use crate::corrections::{self, Correction, Outcome};
use crate::error::Error;
use crate::extract;
use crate::model::MAX_CORRECTIONS;
use crate::tables::{self, Tables};
use std::cell::{OnceCell, RefCell};

/// Tables built on first use, and the corrections they were built with.
#[derive(Debug, Default)]
pub(super) struct State {
    /// Summary tables, built on first use.
    tables: OnceCell<Tables>,
    /// The reader's corrections, applied after the corpus's own.
    corrections: Vec<Correction>,
    /// What became of each correction (the corpus's, then the reader's)
    /// when the tables were last built.
    outcomes: RefCell<Vec<Outcome>>,
}

impl Derived for State {
    /// The tables are built again on next use; the corrections stay.
    fn corpus_changed(&mut self) {
        self.tables = OnceCell::new();
    }
}

impl Explorer {
    /// Every summary table (extracted on first use, kept until the corpus
    /// changes). Needs every text shard loaded.
    pub fn tables(&self) -> Result<&Tables, Error> {
        if let Some(t) = self.tables.tables.get() {
            return Ok(t);
        }
        self.need_all_text("the tables")?;
        Ok(self.tables.tables.get_or_init(|| {
            let mut facts = extract::extract_corpus(&self.corpus.articles);
            let own = self.builtin_corrections();
            let mut outcomes = corrections::apply(&mut facts, &own);
            outcomes.extend(corrections::apply(&mut facts, &self.tables.corrections));
            *self.tables.outcomes.borrow_mut() = outcomes;
            tables::build(&self.corpus, &facts, &self.analyzer)
        }))
    }

    /// The corpus's own corrections (from its `corrections.json`).
    pub fn builtin_corrections(&self) -> Vec<Correction> {
        // The blob is checksummed and encode wrote these bytes, so they read.
        corrections::decode(&self.corpus.corrections).unwrap_or_default()
    }

    /// Store the corpus's own corrections (at build time; written into the blob).
    pub fn set_builtin_corrections(&mut self, list: &[Correction]) -> Result<(), Error> {
        self.corpus.corrections = if list.is_empty() {
            Vec::new()
        } else {
            corrections::encode(list).map_err(Error::invalid)?
        };
        self.tables.corpus_changed();
        Ok(())
    }

    /// Set the reader's corrections (replacing any before); the tables are
    /// built again with them on next use. Returns what became of each of
    /// them (they are checked against the corpus now, which extracts it if
    /// the tables were not built yet).
    pub fn set_corrections(&mut self, list: Vec<Correction>) -> Result<Vec<Outcome>, Error> {
        if list.len() > MAX_CORRECTIONS {
            return Err(Error::invalid("at most 10,000 corrections"));
        }
        self.tables.corrections = list;
        self.tables.corpus_changed();
        self.tables()?;
        let own = self.builtin_corrections().len();
        Ok(self
            .tables
            .outcomes
            .borrow()
            .iter()
            .skip(own)
            .cloned()
            .collect())
    }

    /// What became of every correction, the corpus's first, when the tables were last built.
    pub fn correction_outcomes(&self) -> Vec<Outcome> {
        self.tables.outcomes.borrow().clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rename(name: &str, to: &str) -> Correction {
        serde_json::from_value(serde_json::json!({
            "op": "rename", "name": name, "kind": "person", "to": to
        }))
        .unwrap()
    }

    /// The reader's corrections outlive a change of the articles, and are
    /// applied to the tables built after it.
    #[test]
    fn corrections_survive_adding_and_removing_articles() {
        let mut ex = Explorer::from_texts(&[(
            "a",
            "Talks Go On\n\nJane Smith, the minister, said talks would go on. Smith said so twice.",
        )])
        .unwrap();
        let person = |ex: &Explorer| -> Vec<String> {
            ex.tables()
                .unwrap()
                .entities
                .iter()
                .map(|e| e.name.clone())
                .collect()
        };
        assert!(
            person(&ex).contains(&"Jane Smith".to_string()),
            "{:?}",
            person(&ex)
        );
        let out = ex
            .set_corrections(vec![rename("Jane Smith", "J. Smith")])
            .unwrap();
        assert!(out.iter().all(|o| o.ok), "{out:?}");
        assert!(person(&ex).contains(&"J. Smith".to_string()));
        let added = ex.add_files(&[(
            "b.txt".into(),
            b"Other News\n\nRain fell on Tuesday.".to_vec(),
        )]);
        assert!(added[0].error.is_none(), "{added:?}");
        assert!(
            person(&ex).contains(&"J. Smith".to_string()),
            "{:?}",
            person(&ex)
        );
        ex.remove_article("b").unwrap();
        assert!(person(&ex).contains(&"J. Smith".to_string()));
        assert!(!person(&ex).contains(&"Jane Smith".to_string()));
    }
}
