//! A small tokenizer and sentence splitter for extraction.
//!
//! Unlike [`crate::analyse`], which folds and stems words for search, this
//! keeps every token as written with its byte offsets, splits numbers from
//! attached scales ("4.4bn" → "4.4" + "bn") and keeps punctuation, because
//! the extraction rules read capitalisation, symbols and quotes.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (and digits after a letter: "Qwen3"), with inner apostrophes
    /// and dots ("O'Hoy", "U.S").
    Word,
    /// Digits with inner `,` and `.` ("1,234.5").
    Number,
    /// One other character.
    Punct,
}

/// One token: text as written and byte offsets in the segment text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok<'a> {
    /// The text as written.
    pub text: &'a str,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Kind of token.
    pub kind: Kind,
    /// Whether whitespace comes right before it.
    pub space_before: bool,
}

impl Tok<'_> {
    /// Whether the token is this punctuation character.
    pub fn is(&self, c: &str) -> bool {
        self.kind == Kind::Punct && self.text == c
    }

    /// Starts with an upper-case letter.
    pub fn is_capitalised(&self) -> bool {
        self.kind == Kind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Lower-case form.
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    /// The number's value (`,` as thousands separator), for number tokens.
    pub fn number(&self) -> Option<f64> {
        if self.kind != Kind::Number {
            return None;
        }
        self.text.replace(',', "").parse().ok()
    }
}

/// Lower-case text of token `i` ("" past the end).
pub(crate) fn lower_at(toks: &[Tok<'_>], i: usize) -> String {
    toks.get(i).map(|t| t.lower()).unwrap_or_default()
}

/// `lower_at(toks, i) == word`, without allocating for ASCII tokens (the
/// lexicon checks run at every token of the corpus).
pub(crate) fn lower_is(toks: &[Tok<'_>], i: usize, word: &str) -> bool {
    match toks.get(i) {
        None => word.is_empty(),
        Some(t) if t.text.is_ascii() => {
            t.text.len() == word.len()
                && t.text
                    .bytes()
                    .zip(word.bytes())
                    .all(|(a, b)| a.to_ascii_lowercase() == b)
        }
        Some(t) => t.lower() == word,
    }
}

/// The words of a lexicon phrase ("hong kong dollars").
pub(crate) fn phrase_words(phrase: &str) -> impl Iterator<Item = &str> + Clone {
    phrase.split(' ')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Split `text` into tokens (whitespace is dropped).
pub fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let mut out = Vec::new();
    let mut i = 0;
    let mut space = true;
    while let Some(c) = at(i) {
        if c.is_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind = if c.is_ascii_digit() {
            i += 1;
            while let Some(d) = at(i) {
                let inner = (d == ',' || d == '.') && at(i + 1).is_some_and(|n| n.is_ascii_digit());
                if d.is_ascii_digit() || inner {
                    i += 1;
                } else {
                    break;
                }
            }
            Kind::Number
        } else if c.is_alphabetic() {
            i += 1;
            while let Some(d) = at(i) {
                let next_alpha = at(i + 1).is_some_and(char::is_alphabetic);
                if d.is_alphanumeric() || ((is_apostrophe(d) || d == '.') && next_alpha) {
                    // "Alibaba's" is split: the possessive is its own token.
                    if is_apostrophe(d)
                        && matches!(at(i + 1), Some('s' | 'S'))
                        && !at(i + 2).is_some_and(char::is_alphanumeric)
                    {
                        break;
                    }
                    i += 1;
                } else {
                    break;
                }
            }
            Kind::Word
        } else {
            i += 1;
            Kind::Punct
        };
        let (s, e) = (offset(start), offset(i));
        out.push(Tok {
            text: text.get(s..e).unwrap_or(""),
            start: s,
            end: e,
            kind,
            space_before: space,
        });
        space = false;
    }
    out
}

/// Words before a full stop that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "corp", "co", "ltd", "plc", "vs",
    "etc", "no", "gen", "gov", "sen", "rep", "rev", "lt", "col", "capt", "sgt", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "fig",
    "mt", "ft",
];

/// Sentences as token index ranges `[from, to)`.
pub fn sentences(toks: &[Tok<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut i = 0;
    while i < toks.len() {
        let Some(t) = toks.get(i) else { break };
        let ender = t.is(".") || t.is("!") || t.is("?") || t.is("…");
        if ender {
            // Closing quotes and brackets stay with the sentence they end.
            let mut j = i + 1;
            while toks.get(j).is_some_and(|n| {
                !n.space_before && (n.is("\"") || n.is("”") || n.is("’") || n.is(")"))
            }) {
                j += 1;
            }
            let prev = i.checked_sub(1).and_then(|p| toks.get(p));
            let abbreviation = t.is(".")
                && prev.is_some_and(|p| {
                    p.kind == Kind::Word
                        && !t.space_before
                        && (ABBREVIATIONS.contains(&p.lower().as_str())
                            || p.text.contains('.')
                            || (p.text.chars().count() == 1 && p.is_capitalised()))
                });
            let next = toks.get(j);
            let starts_new = next.is_none_or(|n| {
                n.space_before
                    && (n.is_capitalised()
                        || n.kind == Kind::Number
                        || n.is("\"")
                        || n.is("“")
                        || n.is("‘")
                        || n.is("("))
            });
            if !abbreviation && starts_new {
                out.push((from, j));
                from = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if from < toks.len() {
        out.push((from, toks.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokens_table() {
        let cases: &[(&str, &[&str])] = &[
            ("$4.4bn", &["$", "4.4", "bn"]),
            ("1,234.5 m", &["1,234.5", "m"]),
            ("Alibaba’s shares", &["Alibaba", "’", "s", "shares"]),
            ("O'Hoy's", &["O'Hoy", "'", "s"]),
            ("U.S. firms", &["U.S", ".", "firms"]),
            ("Qwen3-Max", &["Qwen3", "-", "Max"]),
            ("4-yr", &["4", "-", "yr"]),
            ("(NYSE:)", &["(", "NYSE", ":", ")"]),
            ("", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(texts(input), *want, "{input}");
        }
        let toks = tokenize("a  $5");
        assert!(toks[1].space_before && !toks[2].space_before);
        assert_eq!((toks[2].start, toks[2].end), (4, 5));
    }

    #[test]
    fn sentence_table() {
        let cases: &[(&str, usize)] = &[
            ("One. Two.", 2),
            ("Mr. Smith went. He left.", 2),
            ("It rose 2.5% in the U.S. market. Then fell.", 2),
            ("George W. Bush spoke.", 1),
            ("“Go now.” He went.", 2),
            ("He said “no.” then left.", 1),
            ("Up 5%. 2024 was good.", 2),
            ("", 0),
        ];
        for (input, want) in cases {
            let toks = tokenize(input);
            assert_eq!(sentences(&toks).len(), *want, "{input}");
        }
    }
}
