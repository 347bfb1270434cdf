//! Tokens as CoNLL-2003 wrote them: words split at whitespace, with
//! brackets, quotes and sentence punctuation split off, possessive `'s` and
//! `n't` apart, while hyphenated words ("Rolls-Royce"), abbreviations with
//! dots ("U.S.", "J.") and numbers ("1,234.5") stay whole. The model was
//! trained on such tokens, so the text it tags must be cut the same way.

/// Abbreviations whose final full stop stays on the word.
const DOTTED: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "corp", "co", "ltd", "plc", "gen",
    "gov", "sen", "rep", "rev", "lt", "col", "capt", "sgt", "no", "vs", "mt",
];

fn is_split_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '<'
            | '>'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '.'
            | '…'
            | '*'
            | '•'
    )
}

/// Whether `word` (without a final dot) keeps its dot: "U.S", "J", "Mr".
fn keeps_dot(word: &str) -> bool {
    let n = word.chars().count();
    if n == 1 {
        return word.chars().all(char::is_uppercase);
    }
    if word.contains('.') {
        return word
            .split('.')
            .all(|p| p.chars().count() <= 2 && !p.is_empty());
    }
    n <= 4 && DOTTED.contains(&word.to_ascii_lowercase().as_str())
}

/// Byte ranges of the tokens of `text`. Linear in its length.
pub fn conll_tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut chunk_start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    out
}

fn split_chunk(text: &str, mut s: usize, mut e: usize, out: &mut Vec<(usize, usize)>) {
    // Leading punctuation, one token each.
    while let Some(c) = text.get(s..e).and_then(|t| t.chars().next()) {
        if is_split_punct(c) && e - s > c.len_utf8() {
            out.push((s, s + c.len_utf8()));
            s += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, kept in order after the word.
    let mut tail: Vec<(usize, usize)> = Vec::new();
    while let Some(c) = text.get(s..e).and_then(|t| t.chars().next_back()) {
        if e - s <= c.len_utf8() || !is_split_punct(c) {
            break;
        }
        let before = text.get(s..e - c.len_utf8()).unwrap_or("");
        if c == '.' && keeps_dot(before) {
            break;
        }
        tail.push((e - c.len_utf8(), e));
        e -= c.len_utf8();
    }
    // Possessive "'s" / "’s" and "n't".
    let word = text.get(s..e).unwrap_or("");
    let lower = word.to_lowercase();
    let clitic = ["'s", "’s"]
        .iter()
        .chain(&["n't", "n’t"])
        .find(|suffix| lower.ends_with(*suffix) && lower.len() > suffix.len());
    if let Some(suffix) = clitic {
        let cut = e - suffix.len();
        if text.is_char_boundary(cut) {
            out.push((s, cut));
            out.push((cut, e));
        } else {
            out.push((s, e));
        }
    } else if e > s {
        out.push((s, e));
    }
    out.extend(tail.into_iter().rev());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_token_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Rolls-Royce's U.S. unit.",
                &["Rolls-Royce", "'s", "U.S.", "unit", "."],
            ),
            (
                "\"Yes,\" said Mr. Blair.",
                &["\"", "Yes", ",", "\"", "said", "Mr.", "Blair", "."],
            ),
            (
                "(Reuters) - $1,234.5 don't",
                &["(", "Reuters", ")", "-", "$1,234.5", "do", "n't"],
            ),
            ("J. Smith’s", &["J.", "Smith", "’s"]),
            ("", &[]),
            ("  ...  ", &[".", ".", "."]),
            ("“Go!”", &["“", "Go", "!", "”"]),
        ];
        for (input, want) in cases {
            let got: Vec<&str> = conll_tokens(input)
                .iter()
                .map(|&(s, e)| &input[s..e])
                .collect();
            assert_eq!(got, *want, "{input}");
        }
    }
}
