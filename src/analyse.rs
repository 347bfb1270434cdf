//! Text analysis shared by indexing, querying and highlighting.
//!
//! One pipeline turns text into [`Token`]s: UAX #29 word segmentation,
//! diacritics folded through a generated table of canonical decompositions
//! (Latin, Vietnamese, Greek, Cyrillic; so `café` = `cafe`) and combining marks
//! dropped, full-width letters and ligatures folded (a small table instead of
//! the unicode-normalization crate, which cost 32 kB gzip in the wasm), case
//! folding, apostrophe/quote unification (`Alibaba’s` = `Alibaba's` =
//! `alibaba`), digit-group separators removed (`1,000` = `1000`), and Han,
//! Hiragana/Katakana and Hangul runs turned into overlapping character
//! bigrams. Every token keeps the **byte** range of the source text it came
//! from, so later stages can highlight exactly what was matched. A
//! letter–digit compound ("Qwen3", "GPT4o") also has parts ([`Token::parts`]),
//! indexed at its position so readers find it by its name.

use crate::fold_table::FOLD;
use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

/// One analysed word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Normalised form: folded, lower-cased, apostrophes and possessives removed.
    pub term: String,
    /// Byte offset of the first byte of the source word.
    pub start: usize,
    /// Byte offset one past the last byte of the source word.
    pub end: usize,
    /// Word position (0-based) within the analysed text.
    pub pos: u32,
    /// What kind of token this is.
    pub kind: TokenKind,
}

impl Token {
    /// The parts of a letter–digit compound ("qwen3" → "qwen", "3";
    /// "gpt4o" → "gpt", "4", "o"), each once; none for other tokens. The
    /// index holds them beside the whole word, at its position (as Lucene's
    /// word delimiter filter does with `preserveOriginal`), so `qwen` finds
    /// "Qwen3-Max" and phrases still match by the whole word; queries are
    /// not split, so `qwen3` matches the compound only.
    pub fn parts(&self) -> Vec<&str> {
        if self.kind == TokenKind::Cjk {
            return Vec::new();
        }
        compound_parts(&self.term)
    }
}

/// The letter runs and number runs (digits with inner `.` or `,`) of a
/// term that has both, each once, in order; empty otherwise.
pub fn compound_parts(term: &str) -> Vec<&str> {
    let has_digit = term.chars().any(|c| c.is_ascii_digit());
    if !has_digit || !term.chars().any(char::is_alphabetic) {
        return Vec::new();
    }
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Letter,
        Digit,
        Other,
    }
    let class = |c: char| {
        if c.is_ascii_digit() {
            Class::Digit
        } else if c.is_alphabetic() {
            Class::Letter
        } else {
            Class::Other
        }
    };
    let chars: Vec<(usize, char)> = term.char_indices().collect();
    let mut parts: Vec<&str> = Vec::new();
    let mut run: Option<(usize, Class)> = None;
    fn push<'a>(parts: &mut Vec<&'a str>, term: &'a str, from: usize, to: usize) {
        if let Some(p) = term.get(from..to) {
            if !p.is_empty() && p != term && !parts.contains(&p) {
                parts.push(p);
            }
        }
    }
    for (k, &(i, c)) in chars.iter().enumerate() {
        let mut cl = class(c);
        // A separator between two digits belongs to the number ("2.5").
        if matches!(c, '.' | ',')
            && run.is_some_and(|(_, r)| r == Class::Digit)
            && chars.get(k + 1).is_some_and(|&(_, n)| n.is_ascii_digit())
        {
            cl = Class::Digit;
        }
        match run {
            Some((_, r)) if r == cl => {}
            Some((from, r)) => {
                if r != Class::Other {
                    push(&mut parts, term, from, i);
                }
                run = Some((i, cl));
            }
            None => run = Some((i, cl)),
        }
    }
    if let Some((from, r)) = run {
        if r != Class::Other {
            push(&mut parts, term, from, term.len());
        }
    }
    parts
}

/// Kind of a token; CJK bigrams are matched only exactly, numbers are not stemmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits).
    Word,
    /// Starts with a digit: `380`, `7.2`, `2021`.
    Number,
    /// A CJK character bigram (or a lone CJK character).
    Cjk,
}

/// English stop words: ignored for ranking, kept for phrases. The function
/// words of the Glasgow IR group's list (content words such as "system",
/// "interest" and the number words left out) plus NLTK-style pronoun and
/// auxiliary forms.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "afterwards",
    "again",
    "against",
    "all",
    "almost",
    "alone",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "amongst",
    "an",
    "and",
    "another",
    "any",
    "anyhow",
    "anyone",
    "anything",
    "anyway",
    "anywhere",
    "are",
    "around",
    "as",
    "at",
    "be",
    "became",
    "because",
    "become",
    "becomes",
    "becoming",
    "been",
    "before",
    "beforehand",
    "behind",
    "being",
    "below",
    "beside",
    "besides",
    "between",
    "beyond",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "due",
    "during",
    "each",
    "either",
    "else",
    "elsewhere",
    "enough",
    "even",
    "ever",
    "every",
    "everyone",
    "everything",
    "everywhere",
    "except",
    "few",
    "for",
    "former",
    "formerly",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "hence",
    "her",
    "here",
    "hereafter",
    "hereby",
    "herein",
    "hereupon",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "latter",
    "latterly",
    "least",
    "less",
    "many",
    "may",
    "me",
    "meanwhile",
    "might",
    "mine",
    "more",
    "moreover",
    "most",
    "mostly",
    "much",
    "must",
    "my",
    "myself",
    "namely",
    "neither",
    "never",
    "nevertheless",
    "next",
    "no",
    "nobody",
    "none",
    "noone",
    "nor",
    "not",
    "nothing",
    "now",
    "nowhere",
    "of",
    "off",
    "often",
    "on",
    "once",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "otherwise",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "perhaps",
    "rather",
    "same",
    "seem",
    "seemed",
    "seeming",
    "seems",
    "several",
    "she",
    "should",
    "since",
    "so",
    "some",
    "somehow",
    "someone",
    "something",
    "sometime",
    "sometimes",
    "somewhere",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "thence",
    "there",
    "thereafter",
    "thereby",
    "therefore",
    "therein",
    "thereupon",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "throughout",
    "thus",
    "to",
    "together",
    "too",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "whatever",
    "when",
    "whence",
    "whenever",
    "where",
    "whereafter",
    "whereas",
    "whereby",
    "wherein",
    "whereupon",
    "wherever",
    "whether",
    "which",
    "while",
    "whither",
    "who",
    "whoever",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// True when `term` (already normalised) is an English stop word.
pub fn is_stop_word(term: &str) -> bool {
    STOP_WORDS.binary_search(&term).is_ok()
}

/// The analyser: holds the Snowball stemmer.
pub struct Analyzer {
    stemmer: Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer(english)")
    }
}

impl Analyzer {
    /// An English analyser.
    pub fn new() -> Self {
        Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// Snowball stem of a normalised term (numbers and CJK are returned unchanged).
    pub fn stem(&self, term: &str) -> String {
        if term.chars().next().is_some_and(|c| c.is_ascii_digit()) || term.chars().any(is_cjk) {
            return term.to_string();
        }
        self.stemmer.stem(term).into_owned()
    }

    /// Split `text` into tokens.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        self.tokens_upto(text, usize::MAX)
    }

    /// The first `limit` tokens of `text` (a few more when a CJK run is cut):
    /// what a snippet needs, without analysing the rest of a long paragraph.
    pub fn tokens_upto(&self, text: &str, limit: usize) -> Vec<Token> {
        let mut out = Vec::new();
        let mut pos = 0u32;
        // Pending CJK run: (char, start, end) of consecutive CJK characters.
        let mut run: Vec<(char, usize, usize)> = Vec::new();
        for (start, word) in text.unicode_word_indices() {
            if out.len() >= limit {
                break;
            }
            let end = start + word.len();
            if word.chars().all(is_cjk) {
                if run.last().is_some_and(|&(_, _, e)| e != start) {
                    flush_cjk(&mut run, &mut out, &mut pos);
                }
                for (i, c) in word.char_indices() {
                    run.push((c, start + i, start + i + c.len_utf8()));
                }
                continue;
            }
            flush_cjk(&mut run, &mut out, &mut pos);
            let term = normalise(word);
            if term.is_empty() {
                continue;
            }
            let kind = if term.starts_with(|c: char| c.is_ascii_digit()) {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            out.push(Token {
                term,
                start,
                end,
                pos,
                kind,
            });
            pos += 1;
        }
        flush_cjk(&mut run, &mut out, &mut pos);
        out
    }
}

fn flush_cjk(run: &mut Vec<(char, usize, usize)>, out: &mut Vec<Token>, pos: &mut u32) {
    match run.len() {
        0 => {}
        1 => {
            if let Some(&(c, s, e)) = run.first() {
                out.push(cjk_token(c.to_string(), s, e, *pos));
                *pos += 1;
            }
        }
        _ => {
            for pair in run.windows(2) {
                if let [(a, s, _), (b, _, e)] = pair {
                    out.push(cjk_token(format!("{a}{b}"), *s, *e, *pos));
                    *pos += 1;
                }
            }
        }
    }
    run.clear();
}

fn cjk_token(term: String, start: usize, end: usize, pos: u32) -> Token {
    Token {
        term,
        start,
        end,
        pos,
        kind: TokenKind::Cjk,
    }
}

/// True for Han, Hiragana, Katakana and Hangul characters.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x31F0..=0x31FF    // Katakana phonetic extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0x1100..=0x11FF    // Hangul jamo
        | 0x3130..=0x318F    // Hangul compatibility jamo
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFF66..=0xFF9F    // half-width Katakana
        | 0x20000..=0x2FA1F) // CJK extensions B..
}

/// Combining marks (the blocks that follow base letters in decomposed text).
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The base letter of a precomposed letter with diacritics (é → e), from the
/// generated table; other characters unchanged.
fn fold_char(c: char) -> char {
    // The table starts at U+00C0: ASCII and Latin-1 punctuation need no search.
    if c < '\u{C0}' {
        return c;
    }
    let Ok(key) = u16::try_from(u32::from(c)) else {
        return c;
    };
    FOLD.binary_search_by_key(&key, |&(k, _)| k)
        .ok()
        .and_then(|i| FOLD.get(i))
        .and_then(|&(_, base)| char::from_u32(u32::from(base)))
        .unwrap_or(c)
}

/// Latin typographic ligatures, spelled out.
fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        'Æ' | 'æ' => "ae",
        'Œ' | 'œ' => "oe",
        'ß' => "ss",
        _ => return None,
    })
}

/// Normalise one UAX #29 word: fold full-width forms, ligatures and diacritics,
/// lower-case, unify apostrophes, drop possessive `'s`, drop digit separators.
pub fn normalise(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    for c in word.chars() {
        if is_combining_mark(c) {
            continue;
        }
        let d = fold_char(c);
        match d {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}' | '`' => {
                folded.push('\'')
            }
            // Full-width ASCII forms.
            '\u{FF01}'..='\u{FF5E}' => {
                let ascii = char::from_u32(d as u32 - 0xFEE0).unwrap_or(d);
                folded.extend(ascii.to_lowercase());
            }
            _ => match ligature(d) {
                Some(parts) => folded.push_str(parts),
                None => folded.extend(d.to_lowercase()),
            },
        }
    }
    if let Some(stripped) = folded.strip_suffix("'s") {
        folded.truncate(stripped.len());
    }
    let numeric = folded.starts_with(|c: char| c.is_ascii_digit());
    folded.retain(|c| c != '\'' && !(numeric && c == ','));
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Analyzer::new()
            .tokens(text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    #[test]
    fn fold_table_is_sorted_for_binary_search() {
        assert!(FOLD.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(FOLD.len() > 500);
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop_word("the"));
        assert!(!is_stop_word("alibaba"));
    }

    #[test]
    fn normalisation_table() {
        let cases: &[(&str, &[&str])] = &[
            ("Café", &["cafe"]),
            ("Alibaba’s", &["alibaba"]),
            ("Alibaba's", &["alibaba"]),
            ("three-year", &["three", "year"]),
            ("7.2%", &["7.2"]),
            ("$53 billion", &["53", "billion"]),
            ("1,000 units", &["1000", "units"]),
            ("don’t", &["dont"]),
            ("ＡＢＣ", &["abc"]),
            ("Qwen3-Max", &["qwen3", "max"]),
            ("naïve coöperation", &["naive", "cooperation"]),
            ("ﬁnancial Straße Œuvre", &["financial", "strasse", "oeuvre"]),
            (
                "cafe\u{301} Phở Ἀθῆναι Йошкар",
                &["cafe", "pho", "αθηναι", "иошкар"],
            ),
            ("“quoted” — dash", &["quoted", "dash"]),
            ("🙂 emoji only", &["emoji", "only"]),
            ("", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(terms(input), *want, "input {input:?}");
        }
    }

    #[test]
    fn letter_digit_compounds_have_parts() {
        let cases: &[(&str, &[&str])] = &[
            ("Qwen3", &["qwen", "3"]),
            ("GPT4o", &["gpt", "4", "o"]),
            ("B2B", &["b", "2"]),
            ("mp3", &["mp", "3"]),
            ("4.4bn", &["4.4", "bn"]),
            ("1990s", &["1990", "s"]),
            ("v1.2rc", &["v", "1.2", "rc"]),
            ("qwen", &[]),
            ("2021", &[]),
            ("7.2", &[]),
            ("阿里", &[]),
        ];
        for (word, want) in cases {
            let toks = Analyzer::new().tokens(word);
            assert_eq!(toks.len(), 1, "{word}");
            assert_eq!(toks[0].parts(), *want, "{word}");
        }
    }

    #[test]
    fn cjk_runs_become_bigrams() {
        assert_eq!(terms("阿里巴巴"), ["阿里", "里巴", "巴巴"]);
        assert_eq!(terms("中 文"), ["中", "文"]);
        assert_eq!(terms("東京タワー"), ["東京", "京タ", "タワ", "ワー"]);
        assert_eq!(terms("한국어"), ["한국", "국어"]);
        assert_eq!(terms("AI 阿里 cloud"), ["ai", "阿里", "cloud"]);
    }

    #[test]
    fn offsets_are_byte_ranges_of_the_source() {
        let text = "“Alibaba’s” café 阿里巴巴";
        for t in Analyzer::new().tokens(text) {
            let src = &text[t.start..t.end];
            assert!(!src.is_empty());
        }
        let toks = Analyzer::new().tokens(text);
        assert_eq!(&text[toks[0].start..toks[0].end], "Alibaba’s");
        assert_eq!(&text[toks[1].start..toks[1].end], "café");
        assert_eq!(&text[toks[2].start..toks[2].end], "阿里");
        assert_eq!(
            toks.iter().map(|t| t.pos).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4]
        );
    }

    #[test]
    fn stemming_is_snowball_english() {
        let a = Analyzer::new();
        assert_eq!(a.stem("investing"), "invest");
        assert_eq!(a.stem("investments"), "invest");
        assert_eq!(a.stem("stocks"), "stock");
        assert_eq!(a.stem("7.2"), "7.2");
        assert_eq!(a.stem("阿里"), "阿里");
    }
}
