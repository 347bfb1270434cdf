//! Query language parser.
//!
//! | form | meaning |
//! |---|---|
//! | `a b` | both words (implicit AND; see `Mode` in [`crate::search`]) |
//! | `"a b"` | the exact phrase (straight or curly quotes) |
//! | `-a`, `-"a b"`, `NOT a` | exclude |
//! | `a OR b` | either |
//! | `a*` | prefix |
//! | `title:a`, `title:"a b"` | only in the title |
//!
//! The parser never fails: unbalanced quotes are read as plain words, lone
//! operators are ignored, and input past [`MAX_QUERY_BYTES`] is cut (at a
//! character boundary).

/// Longest query read, in bytes; the rest is ignored.
pub const MAX_QUERY_BYTES: usize = 1024;
/// Most units read from one query; the rest are ignored.
pub const MAX_UNITS: usize = 32;

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// A word (raw text; it may analyse to several tokens).
    Term {
        /// Raw text as typed.
        text: String,
        /// Match words starting with it.
        prefix: bool,
        /// Only in the title field.
        title_only: bool,
    },
    /// Words in sequence.
    Phrase {
        /// Raw text of the phrase.
        text: String,
        /// Only in the title field.
        title_only: bool,
    },
}

/// Units joined by `OR`, possibly negated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Exclude documents that match.
    pub negated: bool,
    /// Any of these.
    pub alternatives: Vec<Unit>,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Clauses in query order.
    pub clauses: Vec<Clause>,
}

#[derive(Debug, PartialEq)]
enum Lexeme {
    Word(String),
    Phrase(String),
    Or,
    Not,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// Cut `s` to at most `max` bytes at a character boundary.
pub fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

fn lex(input: &str) -> Vec<(Lexeme, bool, bool)> {
    // (lexeme, negated, title_only)
    let input = truncate(input, MAX_QUERY_BYTES);
    let quotes = input.chars().filter(|&c| is_quote(c)).count();
    let balanced = quotes % 2 == 0;
    let mut out = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        // Modifiers: '-' and 'title:' before a word or phrase.
        let mut negated = false;
        let mut title_only = false;
        let mut start = i;
        let rest = input.get(i..).unwrap_or("");
        if (c == '-' || c == '−')
            && rest
                .chars()
                .nth(1)
                .is_some_and(|n| !n.is_whitespace() && n != '-')
        {
            negated = true;
            chars.next();
            start += c.len_utf8();
        }
        let rest = input.get(start..).unwrap_or("");
        if rest.len() > 6
            && rest
                .get(..6)
                .is_some_and(|p| p.eq_ignore_ascii_case("title:"))
            && rest
                .get(6..)
                .is_some_and(|r| r.starts_with(|n: char| !n.is_whitespace()))
        {
            title_only = true;
            for _ in 0..6 {
                chars.next();
            }
            start += 6;
        }
        let first = input.get(start..).and_then(|r| r.chars().next());
        if balanced && first.is_some_and(is_quote) {
            chars.next();
            let mut text = String::new();
            for (_, c) in chars.by_ref() {
                if is_quote(c) {
                    break;
                }
                text.push(c);
            }
            out.push((Lexeme::Phrase(text), negated, title_only));
            continue;
        }
        let mut word = String::new();
        while let Some(&(_, c)) = chars.peek() {
            if c.is_whitespace() || (balanced && is_quote(c)) {
                break;
            }
            word.push(c);
            chars.next();
        }
        if word.is_empty() {
            continue;
        }
        let lexeme = match word.as_str() {
            "OR" | "|" | "||" if !negated && !title_only => Lexeme::Or,
            "NOT" if !negated && !title_only => Lexeme::Not,
            "AND" | "&&" if !negated && !title_only => continue,
            _ => Lexeme::Word(word),
        };
        out.push((lexeme, negated, title_only));
    }
    out
}

/// Parse a query string.
pub fn parse(input: &str) -> Query {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut pending_or = false;
    let mut pending_not = false;
    let mut units = 0;
    for (lexeme, negated, title_only) in lex(input) {
        if units >= MAX_UNITS {
            break;
        }
        let unit = match lexeme {
            Lexeme::Or => {
                pending_or = !clauses.is_empty();
                continue;
            }
            Lexeme::Not => {
                pending_not = true;
                continue;
            }
            Lexeme::Phrase(text) => Unit::Phrase { text, title_only },
            Lexeme::Word(w) => {
                let (text, prefix) = match w.strip_suffix('*') {
                    Some(t) => (t.trim_end_matches('*').to_string(), true),
                    None => (w, false),
                };
                Unit::Term {
                    text,
                    prefix,
                    title_only,
                }
            }
        };
        units += 1;
        let negated = negated || pending_not;
        pending_not = false;
        match clauses.last_mut() {
            Some(last) if pending_or && !negated && !last.negated => last.alternatives.push(unit),
            _ => clauses.push(Clause {
                negated,
                alternatives: vec![unit],
            }),
        }
        pending_or = false;
    }
    Query { clauses }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Unit {
        Unit::Term {
            text: text.into(),
            prefix: false,
            title_only: false,
        }
    }
    fn p(text: &str) -> Unit {
        Unit::Phrase {
            text: text.into(),
            title_only: false,
        }
    }
    fn c(units: Vec<Unit>) -> Clause {
        Clause {
            negated: false,
            alternatives: units,
        }
    }
    fn neg(units: Vec<Unit>) -> Clause {
        Clause {
            negated: true,
            alternatives: units,
        }
    }

    #[test]
    fn parse_table() {
        let cases: Vec<(&str, Vec<Clause>)> = vec![
            ("alibaba", vec![c(vec![t("alibaba")])]),
            (
                "alibaba cloud",
                vec![c(vec![t("alibaba")]), c(vec![t("cloud")])],
            ),
            ("\"cloud computing\"", vec![c(vec![p("cloud computing")])]),
            ("“cloud computing”", vec![c(vec![p("cloud computing")])]),
            (
                "ai -deepseek",
                vec![c(vec![t("ai")]), neg(vec![t("deepseek")])],
            ),
            (
                "ai -\"jack ma\"",
                vec![c(vec![t("ai")]), neg(vec![p("jack ma")])],
            ),
            ("ai NOT ma", vec![c(vec![t("ai")]), neg(vec![t("ma")])]),
            ("smic OR naura", vec![c(vec![t("smic"), t("naura")])]),
            (
                "a OR b OR c d",
                vec![c(vec![t("a"), t("b"), t("c")]), c(vec![t("d")])],
            ),
            ("ai AND cloud", vec![c(vec![t("ai")]), c(vec![t("cloud")])]),
            (
                "inv*",
                vec![c(vec![Unit::Term {
                    text: "inv".into(),
                    prefix: true,
                    title_only: false,
                }])],
            ),
            (
                "title:alibaba",
                vec![c(vec![Unit::Term {
                    text: "alibaba".into(),
                    prefix: false,
                    title_only: true,
                }])],
            ),
            (
                "-title:\"big bet\"",
                vec![neg(vec![Unit::Phrase {
                    text: "big bet".into(),
                    title_only: true,
                }])],
            ),
            // malformed forms
            ("", vec![]),
            ("   ", vec![]),
            ("OR", vec![]),
            ("OR ai", vec![c(vec![t("ai")])]),
            ("ai OR", vec![c(vec![t("ai")])]),
            ("-", vec![c(vec![t("-")])]),
            ("--x", vec![c(vec![t("--x")])]),
            (
                "\"unbalanced phrase",
                vec![c(vec![t("\"unbalanced")]), c(vec![t("phrase")])],
            ),
            ("\"\"", vec![c(vec![p("")])]),
            ("three-year", vec![c(vec![t("three-year")])]),
            ("🙂", vec![c(vec![t("🙂")])]),
            ("title:", vec![c(vec![t("title:")])]),
            ("or and", vec![c(vec![t("or")]), c(vec![t("and")])]),
        ];
        for (input, want) in cases {
            assert_eq!(parse(input).clauses, want, "query {input:?}");
        }
    }

    #[test]
    fn long_queries_are_bounded() {
        let long = "word ".repeat(5000);
        let q = parse(&long);
        assert_eq!(q.clauses.len(), MAX_UNITS);
        let multibyte = "é".repeat(3000);
        assert!(truncate(&multibyte, MAX_QUERY_BYTES).len() <= MAX_QUERY_BYTES);
        let q = parse(&multibyte);
        assert_eq!(q.clauses.len(), 1);
    }
}
