//! Money and percentages.
//!
//! Money: a currency symbol or code before the number ("$", "US$", "£",
//! "RMB", "USD"), or a currency name or code after it ("380 billion yuan",
//! "5.65bn euros"), with scales (thousand … trillion, k/m/bn/tn), ranges
//! ("$5-6bn"), a sign, and a qualifier before ("nearly"). A figure in
//! brackets right after another ("380 billion yuan ($53 billion)") is
//! linked to it as a conversion.
//!
//! Percentages: "%", "percent", "per cent", "percentage points", with a
//! sign, ranges, and the move the sentence states ("SMIC rose nearly 8%"
//! → subject SMIC, direction +1, qualifier "nearly").

use super::lexicon::{self as lx, has};
use super::names::Span;
use super::tokens::{lower_at as lower, lower_is, phrase_words, Kind, Tok};
use super::{Entity, EntityKind, Figure, FigureKind, Sentence};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A currency symbol starting at `i`: (code, tokens used).
fn symbol_at(toks: &[Tok<'_>], i: usize) -> Option<(&'static str, usize)> {
    let t = toks.get(i)?;
    // Letters glued to a symbol: "US$", "HK$", "A$".
    if t.kind == Kind::Word {
        if let Some(n) = toks
            .get(i + 1)
            .filter(|n| !n.space_before && n.kind == Kind::Punct)
        {
            let joined = format!("{}{}", t.lower(), n.text);
            if let Some((_, code)) = lx::SYMBOLS.iter().find(|(s, _)| *s == joined) {
                return Some((code, 2));
            }
        }
        let l = t.lower();
        if l == "rs" || l == "rmb" {
            let dot = toks
                .get(i + 1)
                .is_some_and(|n| n.is(".") && !n.space_before);
            let code = if l == "rs" { "INR" } else { "CNY" };
            return Some((code, 1 + usize::from(dot)));
        }
        if t.text.len() == 3
            && t.text.chars().all(|c| c.is_ascii_uppercase())
            && has(lx::ISO_CODES, t.text)
        {
            return Some((iso(t.text), 1));
        }
        return None;
    }
    let (_, code) = lx::SYMBOLS.iter().find(|(s, _)| *s == t.text)?;
    Some((code, 1))
}

fn iso(code: &str) -> &'static str {
    if code == "RMB" || code == "CNH" {
        return "CNY";
    }
    lx::ISO_CODES
        .iter()
        .find(|c| **c == code)
        .copied()
        .unwrap_or("USD")
}

/// A scale word at `i`: (multiplier, tokens used).
fn scale_at(toks: &[Tok<'_>], i: usize) -> Option<(f64, usize)> {
    let t = toks.get(i)?;
    if t.kind != Kind::Word {
        return None;
    }
    let l = t.lower();
    let (_, mult) = lx::SCALES.iter().find(|(s, _)| *s == l)?;
    let short = l.len() <= 3 && !matches!(l.as_str(), "bn" | "mn" | "tn" | "trn" | "bln" | "mln");
    // "m", "k", "b" only when glued to the number; "M" and "B" glued.
    if short && t.space_before {
        return None;
    }
    Some((*mult, 1))
}

/// The tokens a lexicon phrase takes at `i`, if it is there. A phrase word
/// ending in "." takes the word and the full stop after it ("U.S" ".").
fn phrase_at(toks: &[Tok<'_>], i: usize, phrase: &str) -> Option<usize> {
    let mut k = i;
    for p in phrase_words(phrase) {
        match p.strip_suffix('.') {
            Some(word) if !word.is_empty() => {
                if !(lower_is(toks, k, word) && toks.get(k + 1).is_some_and(|t| t.is("."))) {
                    return None;
                }
                k += 2;
            }
            _ => {
                if !lower_is(toks, k, p) {
                    return None;
                }
                k += 1;
            }
        }
    }
    Some(k - i)
}

/// What the article's place says about ambiguous currency names.
#[derive(Debug, Clone, Default)]
pub(crate) struct Place {
    /// Per entry of [`lx::AMBIGUOUS`]: the code chosen and the cue that chose it.
    pub chosen: Vec<Option<(&'static str, String)>>,
}

impl Place {
    /// Read the cues: the dateline (the first words of the first paragraph)
    /// counts ten times a mention elsewhere; the wire's "dlrs" follows the
    /// dateline only.
    pub(crate) fn of_article(sentences: &[Sentence<'_>]) -> Place {
        // Most articles name no franc and no wire dollar: nothing to read.
        let ambiguous = sentences.iter().any(|s| {
            (0..s.toks.len()).any(|i| {
                ["franc", "francs", "dlr", "dlrs", "cents", "cts"]
                    .iter()
                    .any(|w| lower_is(&s.toks, i, w))
            })
        });
        if !ambiguous {
            return Place::default();
        }
        let dateline: Vec<String> = sentences
            .iter()
            .find(|s| s.block.is_some())
            .map(|s| s.toks.iter().take(6).map(|t| t.lower()).collect())
            .unwrap_or_default();
        // Mentions of each word and each pair of words, counted once.
        let mut counts: HashMap<String, usize> = HashMap::new();
        for s in sentences {
            let words: Vec<String> = s.toks.iter().map(|t| t.lower()).collect();
            for (i, w) in words.iter().enumerate() {
                *counts.entry(w.clone()).or_default() += 1;
                if let Some(n) = words.get(i + 1) {
                    *counts.entry(format!("{w} {n}")).or_default() += 1;
                }
            }
        }
        let mut chosen = Vec::new();
        for (name, cues) in lx::AMBIGUOUS {
            let mut best: Option<(&'static str, String, usize)> = None;
            for (code, words) in cues.iter() {
                let mut score = 0;
                let mut cue = String::new();
                for w in words.iter() {
                    // The wire's "dlrs" follows the dateline only.
                    let elsewhere = if *name == "dlr" {
                        0
                    } else {
                        counts.get(*w).copied().unwrap_or(0)
                    };
                    let here = 10 * usize::from(phrase_in(&dateline, w)) + elsewhere;
                    if here > 0 && cue.is_empty() {
                        cue = (*w).to_string();
                    }
                    score += here;
                }
                if score > 0 && best.as_ref().is_none_or(|b| score > b.2) {
                    best = Some((code, cue, score));
                }
            }
            chosen.push(best.map(|(c, cue, _)| (c, cue)));
        }
        Place { chosen }
    }

    /// The code for an ambiguous name ("francs", "dlrs"), with what the
    /// table should say was assumed; `None` for an unambiguous name.
    fn resolve(&self, name: &str, default: &'static str) -> Option<(&'static str, String)> {
        // Cents follow the dollar of the place ("20 cents" in a Sydney story).
        let base = if matches!(name, "cents" | "cent" | "cts" | "ct") {
            "dlr"
        } else {
            name
        };
        let i = lx::AMBIGUOUS
            .iter()
            .position(|(n, _)| base == *n || base.strip_suffix('s') == Some(*n))?;
        match self.chosen.get(i).cloned().flatten() {
            Some((code, cue)) => Some((code, format!("{name} read as {code} (place: {cue})"))),
            None if name.starts_with("franc") => Some((
                default,
                format!("{name} read as {default} (no place named)"),
            )),
            None => Some((default, String::new())),
        }
    }
}

fn phrase_in(words: &[String], phrase: &str) -> bool {
    let parts: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(parts.len())
        .any(|w| w.iter().zip(&parts).all(|(a, b)| a == b))
}

/// The currency names that can start at token `i`, longest first: the
/// entries of [`lx::CURRENCY_WORDS`] whose first word is that token (looked
/// up once per token instead of trying every name).
fn currency_names_at(toks: &[Tok<'_>], i: usize) -> &'static [(&'static str, &'static str)] {
    static BY_FIRST: OnceLock<HashMap<&'static str, Vec<(&'static str, &'static str)>>> =
        OnceLock::new();
    let map = BY_FIRST.get_or_init(|| {
        let mut m: HashMap<&'static str, Vec<(&'static str, &'static str)>> = HashMap::new();
        for &(name, code) in lx::CURRENCY_WORDS {
            let first = name.split(' ').next().unwrap_or(name);
            let first = first
                .strip_suffix('.')
                .filter(|f| !f.is_empty())
                .unwrap_or(first);
            m.entry(first).or_default().push((name, code));
        }
        m
    });
    let Some(t) = toks.get(i).filter(|t| t.kind == Kind::Word) else {
        return &[];
    };
    let lower;
    let key = if t.text.bytes().all(|b| b.is_ascii_lowercase()) {
        t.text
    } else {
        lower = t.lower();
        lower.as_str()
    };
    map.get(key).map_or(&[], Vec::as_slice)
}

/// A currency name or code after the amount at `i`: (code, tokens used,
/// divisor for pence/cents, what was assumed for an ambiguous name).
fn currency_after(
    toks: &[Tok<'_>],
    i: usize,
    place: &Place,
) -> Option<(&'static str, usize, f64, Option<String>)> {
    for &(name, code) in currency_names_at(toks, i) {
        if let Some(used) = phrase_at(toks, i, name) {
            // "real" and "won" are ordinary words too: only after a scale or with a capital.
            if (name == "real" || name == "won" || name == "rand")
                && toks.get(i).is_some_and(|t| !t.is_capitalised())
            {
                return None;
            }
            // "50 Cent" (a name): a capitalised "Cent" mid-sentence is no currency.
            if (name == "cent" || name == "cents")
                && toks.get(i).is_some_and(|t| {
                    t.text.starts_with('C') && t.text[1..].chars().all(char::is_lowercase)
                })
            {
                return None;
            }
            // "marks" and "mark" are ordinary words: only in capitals or with a scale before.
            if (name == "marks" || name == "ct")
                && !toks
                    .get(i.wrapping_sub(1))
                    .is_some_and(|t| t.kind == Kind::Word && scale_at(toks, i - 1).is_some())
                && !toks.get(i).is_some_and(Tok::is_capitalised)
            {
                return None;
            }
            let div = if name == "pence"
                || name.starts_with("cent")
                || name.contains("cents")
                || name == "cts"
                || name == "ct"
            {
                100.0
            } else {
                1.0
            };
            let (code, assumed) = match place.resolve(name, code) {
                Some((c, note)) => (c, Some(note).filter(|n| !n.is_empty())),
                None => (code, None),
            };
            return Some((code, used, div, assumed));
        }
    }
    let t = toks.get(i)?;
    if t.kind == Kind::Word && t.text.len() == 3 && has(lx::ISO_CODES, t.text) {
        return Some((iso(t.text), 1, 1.0, None));
    }
    if t.kind == Kind::Word && t.text == "p" && !t.space_before {
        return Some(("GBP", 1, 100.0, None));
    }
    None
}

/// A spelled number at `i` ("three", "twenty-five"): (value, tokens used).
fn spelled_at(toks: &[Tok<'_>], i: usize) -> Option<(f64, usize)> {
    let word = |k: usize| {
        lx::SPELLED_NUMBERS
            .iter()
            .find(|(w, _)| lower_is(toks, k, w))
            .map(|(_, v)| *v)
    };
    let v = word(i)?;
    let hyphen = toks
        .get(i + 1)
        .is_some_and(|t| t.is("-") && !t.space_before);
    if (20.0..100.0).contains(&v) {
        // "twenty-five", "fifty nine".
        if hyphen {
            if let Some(u) = word(i + 2).filter(|u| *u < 10.0) {
                return Some((v + u, 3));
            }
        } else if let Some(u) = word(i + 1).filter(|u| *u < 10.0) {
            return Some((v + u, 2));
        }
    }
    Some((v, 1))
}

/// A multi-word currency name or code written before the number ("Australian dollar 29.4bn").
fn currency_before(toks: &[Tok<'_>], i: usize) -> Option<(&'static str, usize)> {
    // Only names of two or more words ("Australian dollar 29.4bn").
    currency_names_at(toks, i)
        .iter()
        .filter(|(name, _)| name.contains(' '))
        .find_map(|&(name, code)| {
            let n = phrase_at(toks, i, name)?;
            toks.get(i + n)
                .is_some_and(|t| t.kind == Kind::Number)
                .then_some((code, n))
        })
}

/// A qualifier ending right before token `i`: (text, tokens used).
fn qualifier_before(toks: &[Tok<'_>], i: usize) -> Option<String> {
    for q in lx::QUALIFIERS {
        let parts = phrase_words(q);
        let n = parts.clone().count();
        if i < n {
            continue;
        }
        if parts.enumerate().all(|(k, p)| lower_is(toks, i - n + k, p)) {
            return Some((*q).to_string());
        }
    }
    None
}

fn sign_before(toks: &[Tok<'_>], i: usize) -> f64 {
    match toks.get(i) {
        Some(t) if !t.space_before => match i.checked_sub(1).and_then(|p| toks.get(p)) {
            Some(s) if (s.is("-") || s.is("−") || s.is("–")) && (s.space_before || i == 1) => {
                -1.0
            }
            _ => 1.0,
        },
        _ => 1.0,
    }
}

/// A number with the wire's fractions ("11-3/8", "132-1/2", "3/4"):
/// (value, tokens used).
fn number_at(toks: &[Tok<'_>], i: usize) -> Option<(f64, usize)> {
    let n = toks.get(i)?.number()?;
    if !n.is_finite() {
        return None;
    }
    let glued = |k: usize, p: &str| toks.get(k).is_some_and(|t| t.is(p) && !t.space_before);
    let whole = |k: usize| {
        toks.get(k)
            .filter(|t| !t.space_before && t.kind == Kind::Number && !t.text.contains(['.', ',']))
            .and_then(Tok::number)
    };
    // "11-3/8": whole, hyphen, numerator, slash, denominator.
    if glued(i + 1, "-") && glued(i + 3, "/") {
        if let (Some(a), Some(b)) = (whole(i + 2), whole(i + 4)) {
            if b > a && b > 0.0 && n.fract() == 0.0 {
                return Some((n + a / b, 5));
            }
        }
    }
    // "3/4" alone.
    if glued(i + 1, "/") && n.fract() == 0.0 {
        if let Some(b) = whole(i + 2).filter(|b| *b > n && *b <= 64.0) {
            return Some((n / b, 3));
        }
    }
    Some((n, 1))
}

/// One amount: number, optional scale. Returns (value, tokens used).
fn amount_at(toks: &[Tok<'_>], i: usize) -> Option<(f64, Option<f64>, usize)> {
    let (n, used) = number_at(toks, i)?;
    match scale_at(toks, i + used) {
        Some((m, s)) => Some((n * m, Some(m), used + s)),
        None => Some((n, None, used)),
    }
}

/// A spelled amount with its currency after it ("three pence", "five
/// billion dollars"): (value, scale, tokens used before the currency).
fn spelled_amount_at(toks: &[Tok<'_>], i: usize) -> Option<(f64, Option<f64>, usize)> {
    let (n, used) = spelled_at(toks, i)?;
    match toks
        .get(i + used)
        .filter(|t| t.space_before)
        .and_then(|_| scale_at(toks, i + used))
    {
        Some((m, s)) => Some((n * m, Some(m), used + s)),
        None => Some((n, None, used)),
    }
}

/// Range end after an amount: "-6bn", "to $6bn", "–40.25". (value, tokens used)
fn range_after(
    toks: &[Tok<'_>],
    i: usize,
    code: &str,
    scale: Option<f64>,
) -> Option<(f64, Option<f64>, usize)> {
    let t = toks.get(i)?;
    let dash = (t.is("-") || t.is("–")) && !t.space_before;
    let to = t.lower() == "to" || t.lower() == "and";
    if !dash && !to {
        return None;
    }
    let mut k = i + 1;
    let symbol = symbol_at(toks, k);
    if let Some((c, used)) = symbol {
        if c != code {
            return None;
        }
        k += used;
    }
    let (v, s, used) = amount_at(toks, k)?;
    // "from 5 to 6" needs the symbol again to be money, or the currency
    // name after it ("2.75 to 2.80 dlrs").
    if to && symbol.is_none() && currency_after(toks, k + used, &Place::default()).is_none() {
        return None;
    }
    Some((v, s.or(scale), k + used - i))
}

/// Find the figures of one sentence and append them to `out`.
pub(crate) fn find(
    s: &Sentence<'_>,
    names: &[&Span],
    entities: &[Entity],
    place: &Place,
    out: &mut Vec<Figure>,
) {
    let toks = &s.toks;
    let first_new = out.len();
    let names = SentenceNames::new(names, entities);
    let mut i = 0;
    while i < toks.len() {
        let found = money_at(s, i, place)
            .or_else(|| spelled_money_at(s, i, place))
            .or_else(|| percent_at(s, i));
        if let Some((fig, used)) = found {
            let mut fig = fig;
            attach_move(s, i, &names, entities, &mut fig);
            out.push(fig);
            i += used.max(1);
        } else {
            i += 1;
        }
    }
    link_conversions(s, first_new, out);
}

/// "three pence", "five billion dollars": a spelled number, a scale, a
/// currency name (never a symbol: "$ five" is not written).
fn spelled_money_at(s: &Sentence<'_>, i: usize, place: &Place) -> Option<(Figure, usize)> {
    let toks = &s.toks;
    // Not the tail of a written number ("25 three-pence coins" is rare; "1 two" never).
    if i > 0 && toks.get(i - 1).is_some_and(|p| p.kind == Kind::Number) {
        return None;
    }
    let (value, _, used) = spelled_amount_at(toks, i)?;
    let (code, cur, div, assumed) = currency_after(toks, i + used, place)?;
    let k = i + used + cur;
    let fig = Figure {
        kind: FigureKind::Money,
        text: s.slice(i, k).to_string(),
        value: value / div,
        high: None,
        unit: code.to_string(),
        qualifier: qualifier_before(toks, i),
        direction: 0,
        subject: None,
        measure: None,
        converts: None,
        assumed,
        loc: s.loc(i, k),
    };
    Some((fig, k - i))
}

fn money_at(s: &Sentence<'_>, i: usize, place: &Place) -> Option<(Figure, usize)> {
    let toks = &s.toks;
    let t = toks.get(i)?;
    let mut assumed = None;
    let (code, mut k, mut div) = if let Some((code, used)) = symbol_at(toks, i) {
        // The number follows the symbol (optionally after a sign).
        let mut k = i + used;
        if toks.get(k).is_some_and(|n| n.is("-") && !n.space_before) {
            k += 1;
        }
        if toks.get(k).is_none_or(|n| n.kind != Kind::Number)
            || (used == 1 && t.kind == Kind::Word && toks.get(k).is_some_and(|n| !n.space_before))
        {
            return None;
        }
        (code, k, 1.0)
    } else if let Some((code, used)) = currency_before(toks, i) {
        (code, i + used, 1.0)
    } else if t.kind == Kind::Number {
        // Number, scale, then a currency name.
        let (_, _, used) = amount_at(toks, i)?;
        // The currency right after, or after a range's second amount ("2.75 to 2.80 dlrs").
        let after_range = || {
            let t = toks.get(i + used)?;
            let joins = t.lower() == "to" || ((t.is("-") || t.is("–")) && !t.space_before);
            if !joins {
                return None;
            }
            let (_, _, more) = amount_at(toks, i + used + 1)?;
            currency_after(toks, i + used + 1 + more, place)
        };
        let (code, _, div, note) = currency_after(toks, i + used, place).or_else(after_range)?;
        assumed = note;
        (code, i, div)
    } else {
        return None;
    };
    let sign = if toks
        .get(k.wrapping_sub(1))
        .is_some_and(|p| p.is("-") && !p.space_before && k > i + 1)
    {
        -1.0
    } else {
        sign_before(toks, i)
    };
    let (mut value, scale, used) = amount_at(toks, k)?;
    k += used;
    let mut high = None;
    if let Some((v, s2, used)) = range_after(toks, k, code, scale) {
        if scale.is_none() {
            if let Some(m) = s2 {
                value *= m;
            }
        }
        high = Some(v);
        k += used;
    }
    // Trailing currency name after a symbol-less amount ("380 billion yuan").
    if symbol_at(toks, i).is_none() && currency_before(toks, i).is_none() {
        if let Some((_, used, d, _)) = currency_after(toks, k, place) {
            k += used;
            div = d;
        }
    }
    if toks.get(k).is_some_and(|n| n.is("%")) {
        return None;
    }
    let from = if sign < 0.0 && i > 0 { i - 1 } else { i };
    let qualifier = qualifier_before(toks, from);
    let text = s.slice(from, k).to_string();
    let fig = Figure {
        kind: FigureKind::Money,
        text,
        value: sign * value / div,
        high: high.map(|h| sign * h / div),
        unit: code.to_string(),
        qualifier,
        direction: 0,
        subject: None,
        measure: None,
        converts: None,
        assumed,
        loc: s.loc(from, k),
    };
    Some((fig, k - i))
}

fn percent_at(s: &Sentence<'_>, i: usize) -> Option<(Figure, usize)> {
    let toks = &s.toks;
    let t = toks.get(i)?;
    let (mut value, used) = if t.kind == Kind::Number {
        number_at(toks, i)?
    } else {
        // Spelled: "five pct", "two per cent".
        let (v, used) = spelled_at(toks, i)?;
        percent_unit(toks, i + used)?;
        (v, used)
    };
    let mut k = i + used;
    let mut high = None;
    // Range: "2-3%", "2 to 3 per cent", "between 10 and 25%".
    if let Some(d) = toks.get(k) {
        let between = d.lower() == "and" && lower(toks, i.wrapping_sub(1)) == "between";
        if ((d.is("-") || d.is("–")) && !d.space_before || d.lower() == "to" || between)
            && toks.get(k + 1).is_some_and(|n| n.kind == Kind::Number)
        {
            if let Some((hv, more)) = number_at(toks, k + 1) {
                if percent_unit(toks, k + 1 + more).is_some() {
                    high = Some(hv);
                    k += 1 + more;
                }
            }
        }
    }
    let used = percent_unit(toks, k)?;
    k += used;
    let sign = match i.checked_sub(1).and_then(|p| toks.get(p)) {
        Some(p) if p.is("+") && !t.space_before => 1.0,
        Some(p) if (p.is("-") || p.is("−")) && !t.space_before && (p.space_before || i == 1) => {
            -1.0
        }
        _ => 0.0,
    };
    let from = if sign != 0.0 { i - 1 } else { i };
    if sign < 0.0 {
        value = -value;
        high = high.map(|h: f64| -h);
    }
    let fig = Figure {
        kind: FigureKind::Percent,
        text: s.slice(from, k).to_string(),
        value,
        high,
        unit: "%".to_string(),
        qualifier: qualifier_before(toks, from),
        direction: sign as i8,
        subject: None,
        measure: None,
        converts: None,
        assumed: None,
        loc: s.loc(from, k),
    };
    Some((fig, k - i))
}

/// "%", "percent", "per cent", "percentage point(s)", "pct": tokens used.
fn percent_unit(toks: &[Tok<'_>], k: usize) -> Option<usize> {
    let t = toks.get(k)?;
    if t.is("%") || t.is("％") {
        return Some(1);
    }
    match t.lower().as_str() {
        "percent" | "pct" => Some(1),
        "per" if lower(toks, k + 1) == "cent" => Some(2),
        "percentage" if lower(toks, k + 1).starts_with("point") => Some(2),
        _ => None,
    }
}

/// The move and subject the sentence states for the figure starting at token `at`.
/// A sentence's names, with the names of each kind listed when they come
/// in order (they do: candidates are read left to right), so "the last
/// organisation before the verb" is a lookup, not a scan, for each figure.
struct SentenceNames<'a, 'b> {
    names: &'a [&'b Span],
    /// Per kind (person, organisation, place): indices into `names`, when
    /// `names` is sorted by its end.
    by_kind: Option<[Vec<usize>; 3]>,
}

impl<'a, 'b> SentenceNames<'a, 'b> {
    fn new(names: &'a [&'b Span], entities: &[Entity]) -> Self {
        let by_kind = names.is_sorted_by_key(|n| n.to).then(|| {
            let mut lists: [Vec<usize>; 3] = Default::default();
            for (i, n) in names.iter().enumerate() {
                if let Some(list) = entities
                    .get(n.entity)
                    .and_then(|e| lists.get_mut(kind_slot(e.kind)))
                {
                    list.push(i);
                }
            }
            lists
        });
        SentenceNames { names, by_kind }
    }

    /// The last name of `kind` that ends by token `verb`.
    fn last_before(&self, verb: usize, kind: EntityKind, entities: &[Entity]) -> Option<&'b Span> {
        match &self.by_kind {
            Some(lists) => {
                let list = lists.get(kind_slot(kind))?;
                let k = list.partition_point(|&i| self.names.get(i).is_some_and(|n| n.to <= verb));
                let i = *list.get(k.checked_sub(1)?)?;
                self.names.get(i).copied()
            }
            None => self
                .names
                .iter()
                .filter(|n| n.to <= verb)
                .rev()
                .find(|n| entities.get(n.entity).is_some_and(|e| e.kind == kind))
                .copied(),
        }
    }
}

fn kind_slot(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organisation => 1,
        EntityKind::Place => 2,
    }
}

fn attach_move(
    s: &Sentence<'_>,
    at: usize,
    names: &SentenceNames<'_, '_>,
    entities: &[Entity],
    fig: &mut Figure,
) {
    let toks = &s.toks;
    let start = tok_starting(toks, fig.loc.start).unwrap_or(at);
    // A verb a few words before: "rose nearly 8%", "was up 2.4%", "fell by 5%".
    let mut verb_at = None;
    let mut k = start;
    let mut steps = 0;
    while k > 0 && steps < 5 {
        k -= 1;
        steps += 1;
        let t = match toks.get(k) {
            Some(t) => t,
            None => break,
        };
        let l = t.lower();
        if t.kind == Kind::Number || t.is(";") || t.is("(") {
            break;
        }
        if has(lx::RISE_VERBS, &l) || has(lx::FALL_VERBS, &l) {
            // "rose 20% to £4.6bn": the amount after "to" is a level, not the move.
            verb_at = Some((k, has(lx::RISE_VERBS, &l)));
            break;
        }
        if !(qualifier_word(&l)
            || l == "by"
            || l == "a"
            || l == "an"
            || l == "its"
            || l == "some"
            || t.is(","))
        {
            break;
        }
    }
    // Or a noun after: "a 1% fall in profits".
    let end_tok = tok_ending(toks, fig.loc.end).map_or(at + 1, |e| e + 1);
    if verb_at.is_none() && fig.kind == FigureKind::Percent {
        let l = lower(toks, end_tok);
        let rise = [
            "rise", "increase", "gain", "jump", "surge", "growth", "climb", "hike",
        ];
        let fall = [
            "fall", "drop", "decline", "cut", "slump", "loss", "decrease", "dip", "slide", "plunge",
        ];
        if rise.contains(&l.as_str()) {
            fig.direction = 1;
        } else if fall.contains(&l.as_str()) {
            fig.direction = -1;
        }
        if fig.direction != 0 && lower(toks, end_tok + 1) == "in" {
            let m = lower(toks, end_tok + 2);
            if has(lx::MEASURES, &m) {
                fig.measure = Some(m);
            }
        }
    }
    let Some((verb, rise)) = verb_at else {
        return;
    };
    if fig.direction == 0 {
        fig.direction = if rise { 1 } else { -1 };
    }
    // The measure nearest before the verb, and the subject: the last
    // organisation (else person, else place) named before the verb.
    let mut m = verb;
    while m > 0 && verb - m < 6 {
        m -= 1;
        let l = lower(toks, m);
        if has(lx::MEASURES, &l) {
            fig.measure = Some(l);
            break;
        }
    }
    let pick = |kind: EntityKind| names.last_before(verb, kind, entities);
    // A place is the subject only of a country-level measure ("Australia's
    // economy grew 0.1%"), not of "Hong Kong-listed shares".
    let national = fig.measure.as_deref().is_some_and(|m| {
        [
            "gdp",
            "inflation",
            "unemployment",
            "exports",
            "imports",
            "growth",
            "deficit",
            "debt",
            "output",
        ]
        .contains(&m)
    });
    let chosen = pick(EntityKind::Organisation)
        .or_else(|| pick(EntityKind::Person))
        .or_else(|| {
            if national {
                pick(EntityKind::Place)
            } else {
                None
            }
        });
    fig.subject = chosen
        .and_then(|n| entities.get(n.entity))
        .map(|e| e.name.clone());
}

/// The token starting at byte `at` (tokens are in order and do not overlap).
fn tok_starting(toks: &[Tok<'_>], at: usize) -> Option<usize> {
    let k = toks.partition_point(|t| t.start < at);
    toks.get(k).filter(|t| t.start == at).map(|_| k)
}

/// The token ending at byte `at`.
fn tok_ending(toks: &[Tok<'_>], at: usize) -> Option<usize> {
    let k = toks.partition_point(|t| t.end < at);
    toks.get(k).filter(|t| t.end == at).map(|_| k)
}

fn qualifier_word(l: &str) -> bool {
    lx::QUALIFIERS.iter().any(|q| q.split(' ').any(|w| w == l)) || l == "than" || l == "as"
}

/// Link bracketed conversions to the figure right before them.
fn link_conversions(s: &Sentence<'_>, first_new: usize, out: &mut [Figure]) {
    let toks = &s.toks;
    let mut anchor: Option<usize> = None;
    for idx in first_new..out.len() {
        let Some(f) = out.get(idx) else { continue };
        if f.kind != FigureKind::Money {
            anchor = None;
            continue;
        }
        let start = tok_starting(toks, f.loc.start);
        let prev = start
            .and_then(|p| p.checked_sub(1))
            .and_then(|p| toks.get(p));
        let in_list = prev.is_some_and(|p| p.is(",") || p.is(";"));
        let opens = prev.is_some_and(|p| p.is("("));
        // Linked when the figure follows the anchor directly: "(" right after
        // it, or "," / ";" inside the same brackets; in another currency.
        let linked = anchor.and_then(|a| out.get(a)).is_some_and(|af| {
            let adjacent = if opens {
                start
                    .and_then(|st| st.checked_sub(2))
                    .and_then(|p| toks.get(p))
                    .is_some_and(|t| t.end == af.loc.end)
            } else {
                in_list
            };
            adjacent && af.unit != f.unit
        });
        if let (true, Some(a)) = (linked, anchor) {
            // The conversion says the same thing: it shares the subject and move.
            let inherited = out.get(a).map(|x| {
                (
                    x.subject.clone(),
                    x.measure.clone(),
                    x.direction,
                    x.qualifier.clone(),
                )
            });
            if let (Some((subject, measure, direction, qualifier)), Some(f)) =
                (inherited, out.get_mut(idx))
            {
                f.converts = Some(a);
                f.subject = f.subject.take().or(subject);
                f.measure = f.measure.take().or(measure);
                if f.direction == 0 {
                    f.direction = direction;
                }
                f.qualifier = f.qualifier.take().or(qualifier);
            }
        } else {
            anchor = Some(idx);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::extract_corpus;
    use super::*;
    use crate::parse_article;

    fn figures(text: &str) -> Vec<Figure> {
        let a = parse_article("t", &format!("T\n\n{text}"));
        extract_corpus(&[a]).articles.remove(0).figures
    }

    fn values(text: &str) -> Vec<(String, f64)> {
        figures(text)
            .into_iter()
            .map(|f| (f.unit, f.value))
            .collect()
    }

    /// Each text holds exactly one amount, of this unit and value.
    fn assert_one_amount_each(cases: &[(&str, &str, f64)]) {
        for (text, unit, value) in cases {
            let got = values(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].0, *unit, "{text}");
            assert!(close(got[0].1, *value), "{text}: {got:?}");
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn money_forms_table() {
        let cases: &[(&str, &str, f64)] = &[
            ("It paid $53 billion for it.", "USD", 53e9),
            ("It paid US$500 billion for it.", "USD", 500e9),
            ("It paid $4.4bn for it.", "USD", 4.4e9),
            ("It paid £3.5bn for it.", "GBP", 3.5e9),
            ("It paid €20m for it.", "EUR", 20e6),
            ("It paid ¥300 for it.", "JPY", 300.0),
            ("It paid 380 billion yuan for it.", "CNY", 380e9),
            ("It paid RMB 12bn for it.", "CNY", 12e9),
            ("It paid 5.65bn euros for it.", "EUR", 5.65e9),
            ("It paid 54bn rupees for it.", "INR", 54e9),
            ("It paid USD 7 million for it.", "USD", 7e6),
            ("It paid 7 million USD for it.", "USD", 7e6),
            ("It paid $1tn for it.", "USD", 1e12),
            ("It paid $110bn for it.", "USD", 110e9),
            ("It paid $16.3 million for it.", "USD", 16.3e6),
            ("It paid HK$8.5bn for it.", "HKD", 8.5e9),
            ("It paid A$4.17 a share.", "AUD", 4.17),
            ("It paid 57.85 Swiss francs.", "CHF", 57.85),
            ("It was 590 pence a share.", "GBP", 5.9),
            ("It cost 50p more.", "GBP", 0.5),
            (
                "It was a record Australian dollar 29.4bn deficit.",
                "AUD",
                29.4e9,
            ),
            ("It paid $5M for it.", "USD", 5e6),
            ("It paid $2,500 for it.", "USD", 2500.0),
            ("It paid 400m pesos for it.", "ARS", 400e6),
            ("Its loss was -$5m on the year.", "USD", -5e6),
        ];
        assert_one_amount_each(cases);
    }

    #[test]
    fn wire_and_spelled_money_table() {
        let cases: &[(&str, &str, f64)] = &[
            ("Profit was 275 mln dlrs last year.", "USD", 275e6),
            ("It earned 95 cts a share.", "USD", 0.95),
            ("Pretax profit rose to 246.9 mln stg.", "GBP", 246.9e6),
            ("The shares closed at 5.10 H.K. Dlrs.", "HKD", 5.10),
            (
                "It raised 2.2 billion H.K. Dlrs from the issue.",
                "HKD",
                2.2e9,
            ),
            ("TURNOVER ROSE TO 146.6 MLN STG", "GBP", 146.6e6),
            ("It will pay 1.5 bln dlrs for the unit.", "USD", 1.5e9),
            ("It sold 300 mln U.S. Dlrs of notes.", "USD", 300e6),
            ("It raised 50 mln Australian dlrs.", "AUD", 50e6),
            ("Exports fell to 1.2 billion Canadian dlrs.", "CAD", 1.2e9),
            ("It cost 500 billion yen.", "JPY", 500e9),
            ("The bank lent 4.5 billion marks.", "DEM", 4.5e9),
            ("It is worth 20 mln guilders.", "NLG", 20e6),
            ("It fetched 3 billion lire.", "ITL", 3e9),
            ("Costs rose 12 mln French francs.", "FRF", 12e6),
            ("A stamp now costs three pence more.", "GBP", 0.03),
            ("They pledged five billion dollars.", "USD", 5e9),
            ("It added twenty-five cents.", "USD", 0.25),
            ("The fee is five pence.", "GBP", 0.05),
        ];
        assert_one_amount_each(cases);
        // Wire fractions, spelled percentages, ranges with "between ... and".
        let cases: &[(&str, &[f64])] = &[
            ("Rates rose 2-1/2 percentage points.", &[2.5]),
            ("It was offered at 132-1/2 pct.", &[132.5]),
            ("It has an 11-3/8 pct coupon.", &[11.375]),
            ("It gained more than five pct.", &[5.0]),
            ("Between 10 and 25% of them left.", &[10.0, 25.0]),
            ("Earnings of 2.75 to 2.80 dlrs.", &[2.75, 2.80]),
            ("It rose 3/4 pct.", &[0.75]),
            ("Fifty nine percent of people said so.", &[59.0]),
        ];
        for (text, want) in cases {
            let f = figures(text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            let mut got = vec![f[0].value];
            got.extend(f[0].high);
            assert_eq!(got.len(), want.len(), "{text}: {f:?}");
            assert!(
                got.iter().zip(*want).all(|(a, b)| close(*a, *b)),
                "{text}: {f:?}"
            );
        }
        // "pct" is a percentage, and ordinary uses of "marks" are no money.
        let f = figures("Rates rose 0.5 pct. The test marks 10 marks out of 20.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].unit.as_str(), f[0].value), ("%", 0.5));
    }

    #[test]
    fn francs_and_wire_dollars_follow_the_place() {
        let cases: &[(&str, &str, bool)] = &[
            (
                "PARIS, March 3 - Elf said net profit was 2.5 billion francs.",
                "FRF",
                true,
            ),
            (
                "ZURICH, March 3 - Nestle earned 1.2 billion francs.",
                "CHF",
                true,
            ),
            (
                "BRUSSELS, March 3 - Petrofina earned 9 billion francs.",
                "BEF",
                true,
            ),
            ("Prices were set at 30 francs.", "CHF", true),
            (
                "SYDNEY, April 1 - CSR Ltd said profit was 100 mln dlrs.",
                "AUD",
                true,
            ),
            (
                "NEW YORK, April 1 - Exxon said profit was 100 mln dlrs.",
                "USD",
                false,
            ),
            ("SYDNEY, April 1 - It paid 100 mln U.S. Dlrs.", "USD", false),
            (
                "SYDNEY, April 1 - Shares closed 20 cents higher.",
                "AUD",
                true,
            ),
            ("Shares closed 20 cents higher.", "USD", false),
        ];
        for (text, unit, noted) in cases {
            let f = figures(text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!(f[0].unit, *unit, "{text}");
            assert_eq!(f[0].assumed.is_some(), *noted, "{text}: {:?}", f[0].assumed);
        }
        let f = figures("PARIS, March 3 - Elf said net profit was 2.5 billion francs.");
        assert!(
            f[0].assumed.as_deref().is_some_and(|a| a.contains("paris")),
            "{f:?}"
        );
    }

    #[test]
    fn ranges_and_qualifiers() {
        let f = figures("Oil may test the $40-40.25 range.");
        assert_eq!(f.len(), 1);
        assert!(close(f[0].value, 40.0) && close(f[0].high.unwrap(), 40.25));
        let f = figures("Sales of $5-6bn are due.");
        assert!(
            close(f[0].value, 5e9) && close(f[0].high.unwrap(), 6e9),
            "{f:?}"
        );
        let f = figures("It will invest more than $53 billion.");
        assert_eq!(f[0].qualifier.as_deref(), Some("more than"));
        let f = figures("Inflation sits in the 2-3% target range.");
        assert_eq!(f.len(), 1);
        assert!(close(f[0].value, 2.0) && close(f[0].high.unwrap(), 3.0));
    }

    #[test]
    fn conversions_are_linked() {
        let f = figures("Spending beat the 380 billion yuan ($53 billion) pledged.");
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].converts, Some(0));
        let f = figures("Revenue was 31.7 billion yuan ($4.4bn, £3.5bn) in the quarter.");
        assert_eq!(f.len(), 3, "{f:?}");
        assert_eq!((f[1].converts, f[2].converts), (Some(0), Some(0)));
        let f = figures("It rose 76% to $1.13bn (£600m) from $639m.");
        let money: Vec<_> = f.iter().filter(|x| x.kind == FigureKind::Money).collect();
        assert_eq!(money.len(), 3);
        assert_eq!(money[1].converts, Some(1));
        assert_eq!(money[2].converts, None);
    }

    #[test]
    fn percent_forms_and_moves() {
        let cases: &[(&str, f64, i8)] = &[
            ("Its stock gained 40 percent this year.", 40.0, 1),
            ("The index rose 3.8 per cent.", 3.8, 1),
            ("Its shares fell 7.2% on Monday.", 7.2, -1),
            ("The stock moved +7.2% today.", 7.2, 1),
            ("The stock moved -3% today.", -3.0, -1),
            ("It has a 56% stake.", 56.0, 0),
            ("Unemployment fell 0.5 percentage points.", 0.5, -1),
            ("There was a 1% fall in profits.", 1.0, -1),
        ];
        for (text, value, dir) in cases {
            let f: Vec<_> = figures(text)
                .into_iter()
                .filter(|f| f.kind == FigureKind::Percent)
                .collect();
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert!(close(f[0].value, *value), "{text}: {f:?}");
            assert_eq!(f[0].direction, *dir, "{text}");
        }
        let f = figures("Shares of chipmaker SMIC rose nearly 8% on the news.");
        assert_eq!(f[0].subject.as_deref(), Some("SMIC"));
        assert_eq!(f[0].qualifier.as_deref(), Some("nearly"));
        let f = figures(
            "Alibaba’s Hong Kong-listed stock surged 7.2% on Wednesday, a good day for Alibaba.",
        );
        assert_eq!(f[0].subject.as_deref(), Some("Alibaba"), "{f:?}");
        assert_eq!(f[0].measure.as_deref(), Some("stock"));
    }

    #[test]
    fn false_friends_are_not_figures() {
        for text in [
            "A 4-yr plan for a 26-year-old.",
            "It launched Qwen3-Max and Qwen 2.5-Max.",
            "The vote was 8-1 in 2004.",
            "It sold 865 million shares.",
            "It has 5 million users.",
            "Dollar rises against the yen.",
            "The billion-dollar deal closed.",
        ] {
            assert!(figures(text).is_empty(), "{text}: {:?}", figures(text));
        }
    }
}
