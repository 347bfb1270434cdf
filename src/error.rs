//! The one error type of the core.
//!
//! Every case carries a message a user can read ([`std::fmt::Display`]);
//! the page tells the cases apart by [`Error::kind`], never by matching
//! the message.

use std::fmt;

/// An error with a message a user can read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Input refused: a file, an argument, an option, a correction, or a
    /// limit reached. Nothing changed.
    Invalid(String),
    /// Stored data that fails its checks: a corrupt, truncated or foreign
    /// blob or text shard. Nothing changed.
    Corrupt(String),
    /// No article has this id.
    NoArticle(String),
    /// Text that is not loaded yet: `what` needs it, and `shards` names the
    /// text shard files to load first (see `Explorer::text_needed`).
    TextNotLoaded {
        /// What needs the text ("the tables", "the text of \"x\"").
        what: String,
        /// Articles whose text is missing.
        articles: usize,
        /// File names of the text shards to load.
        shards: Vec<String>,
    },
}

impl Error {
    /// Input refused, with this message.
    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }

    /// Stored data rejected, with this message.
    pub fn corrupt(msg: impl Into<String>) -> Self {
        Error::Corrupt(msg.into())
    }

    /// A stable name for the case, for JavaScript (`Error.name`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "InvalidInput",
            Error::Corrupt(_) => "CorruptData",
            Error::NoArticle(_) => "NoArticle",
            Error::TextNotLoaded { .. } => "TextNotLoaded",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(m) | Error::Corrupt(m) => f.write_str(m),
            Error::NoArticle(id) => write!(f, "no article with id \"{id}\""),
            Error::TextNotLoaded { what, articles, .. } if *articles == 1 => write!(
                f,
                "{what} is not loaded yet (load its text shard first: textNeeded)"
            ),
            Error::TextNotLoaded { what, articles, .. } => write!(
                f,
                "{what} need the whole text, and {articles} articles' text is not loaded yet (load every text shard first: textNeeded)"
            ),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_kinds() {
        let cases = [
            (Error::invalid("bad"), "InvalidInput", "bad".to_string()),
            (Error::corrupt("flipped"), "CorruptData", "flipped".into()),
            (
                Error::NoArticle("x".into()),
                "NoArticle",
                "no article with id \"x\"".into(),
            ),
            (
                Error::TextNotLoaded {
                    what: "the text of \"a\"".into(),
                    articles: 1,
                    shards: vec!["t0.aet".into()],
                },
                "TextNotLoaded",
                "the text of \"a\" is not loaded yet (load its text shard first: textNeeded)".into(),
            ),
            (
                Error::TextNotLoaded {
                    what: "the tables".into(),
                    articles: 3,
                    shards: vec![],
                },
                "TextNotLoaded",
                "the tables need the whole text, and 3 articles' text is not loaded yet (load every text shard first: textNeeded)".into(),
            ),
        ];
        for (e, kind, msg) in cases {
            assert_eq!(e.kind(), kind);
            assert_eq!(e.to_string(), msg);
        }
    }
}
