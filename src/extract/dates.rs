//! Dates and time expressions: "January 21", "21 January 2025", "late
//! 2020", "Tuesday", "the fourth quarter", "next three years", "four years
//! ago", and years ("in 2021").

use super::lexicon::{self as lx, has};
use super::tokens::{lower_at as lower, Kind, Tok};
use super::{DateExpr, Sentence};

/// A spelled count ("three", "several"), as durations and "ago" take it.
fn is_number_word(lower: &str) -> bool {
    lx::SPELLED_NUMBERS.iter().any(|(w, _)| *w == lower) || has(lx::VAGUE_NUMBERS, lower)
}

fn month(t: &Tok<'_>) -> Option<u8> {
    if !t.is_capitalised() {
        return None;
    }
    let l = t.lower();
    lx::MONTHS.iter().find(|(m, _)| *m == l).map(|(_, n)| *n)
}

fn day(t: &Tok<'_>) -> Option<u8> {
    if t.kind != Kind::Number || t.text.contains(['.', ',']) {
        return None;
    }
    t.text.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
}

fn year(t: &Tok<'_>) -> Option<u16> {
    if t.kind != Kind::Number || t.text.len() != 4 {
        return None;
    }
    t.text
        .parse::<u16>()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
}

/// Day suffix glued to a number: "21st".
fn ordinal_suffix(toks: &[Tok<'_>], i: usize) -> usize {
    match toks.get(i) {
        Some(t) if !t.space_before && ["st", "nd", "rd", "th"].contains(&t.lower().as_str()) => 1,
        _ => 0,
    }
}

const MODIFIERS: &[&str] = &["early", "late", "mid", "end", "start"];
const ORDINALS: &[&str] = &["first", "second", "third", "fourth", "final", "last"];

/// Find the date expressions of one sentence and append them to `out`.
pub(crate) fn find(s: &Sentence<'_>, out: &mut Vec<DateExpr>) {
    let toks = &s.toks;
    let mut i = 0;
    while i < toks.len() {
        match date_at(toks, i) {
            Some((kind, iso, from, to)) => {
                out.push(DateExpr {
                    text: s.slice(from, to).to_string(),
                    kind,
                    iso,
                    loc: s.loc(from, to),
                });
                i = to.max(i + 1);
            }
            None => i += 1,
        }
    }
}

type Found = (&'static str, Option<String>, usize, usize);

fn date_at(toks: &[Tok<'_>], i: usize) -> Option<Found> {
    let t = toks.get(i)?;
    // Modifier: "late January", "early 2021", "mid-2020".
    let l = t.lower();
    if has(MODIFIERS, &l) {
        let mut k = i + 1;
        if toks.get(k).is_some_and(|h| h.is("-") && !h.space_before) {
            k += 1;
        }
        if let Some((kind, iso, _, to)) = toks.get(k).and_then(|_| core_at(toks, k)) {
            if kind != "weekday" {
                return Some((kind, iso, i, to));
            }
        }
        return None;
    }
    if let Some(found) = core_at(toks, i) {
        return Some(found);
    }
    // "next three years", "last week", "the past decade", "four years ago".
    if has(lx::PERIOD_LEADS, &l) && !t.is_capitalised() || (has(lx::PERIOD_LEADS, &l) && i == 0) {
        let mut k = i + 1;
        if toks
            .get(k)
            .is_some_and(|n| n.kind == Kind::Number || is_number_word(&n.lower()))
        {
            k += 1;
        }
        if has(lx::PERIODS, &lower(toks, k)) {
            let kind = if k > i + 1 { "duration" } else { "relative" };
            return Some((kind, None, i, k + 1));
        }
    }
    let count = (t.kind == Kind::Number && day(t).is_some()) || is_number_word(&l);
    if count && has(lx::PERIODS, &lower(toks, i + 1)) && lower(toks, i + 2) == "ago" {
        return Some(("relative", None, i, i + 3));
    }
    // "fourth quarter", "Q4".
    if has(ORDINALS, &l) && lower(toks, i + 1) == "quarter" {
        return Some(("quarter", None, i, i + 2));
    }
    if t.kind == Kind::Word
        && t.text.len() == 2
        && (t.text.starts_with('Q') || t.text.starts_with('H'))
        && t.text
            .chars()
            .nth(1)
            .is_some_and(|c| ('1'..='4').contains(&c))
    {
        let mut to = i + 1;
        if toks.get(to).and_then(year).is_some() {
            to += 1;
        }
        return Some(("quarter", None, i, to));
    }
    None
}

/// Month-, weekday- and year-based expressions starting at `i`.
fn core_at(toks: &[Tok<'_>], i: usize) -> Option<Found> {
    let t = toks.get(i)?;
    if let Some(m) = month(t) {
        let mut k = i + 1;
        if toks.get(k).is_some_and(|d| d.is(".") && !d.space_before) {
            k += 1;
        }
        // "January 21", "January 21, 2025".
        if let Some(d) = toks.get(k).and_then(day) {
            let mut to = k + 1 + ordinal_suffix(toks, k + 1);
            if toks.get(to).is_some_and(|c| c.is(",")) && toks.get(to + 1).and_then(year).is_some()
            {
                let y = toks.get(to + 1).and_then(year).unwrap_or(0);
                to += 2;
                return Some(("date", Some(format!("{y:04}-{m:02}-{d:02}")), i, to));
            }
            if let Some(y) = toks.get(to).and_then(year) {
                return Some(("date", Some(format!("{y:04}-{m:02}-{d:02}")), i, to + 1));
            }
            return Some(("date", Some(format!("--{m:02}-{d:02}")), i, to));
        }
        if let Some(y) = toks.get(k).and_then(year) {
            return Some(("month", Some(format!("{y:04}-{m:02}")), i, k + 1));
        }
        // A bare month name: only after a time word ("in March"), not "may" or "march" as verbs.
        let prev = i.checked_sub(1).map(|p| lower(toks, p)).unwrap_or_default();
        let ok_prev = [
            "in", "since", "until", "by", "early", "late", "mid", "last", "next", "this", "of",
            "from", "through", "before", "after", "-", "end", "during",
        ]
        .contains(&prev.as_str());
        if ok_prev || (t.text.len() > 3 && !["May", "March"].contains(&t.text)) {
            return Some(("month", Some(format!("--{m:02}")), i, i + 1));
        }
        return None;
    }
    // "21 January 2025", "13 January".
    if let Some(d) = day(t) {
        let k = i + 1 + ordinal_suffix(toks, i + 1);
        let of = usize::from(lower(toks, k) == "of");
        if let Some(m) = toks.get(k + of).and_then(month) {
            let to = k + of + 1;
            if let Some(y) = toks.get(to).and_then(year) {
                return Some(("date", Some(format!("{y:04}-{m:02}-{d:02}")), i, to + 1));
            }
            return Some(("date", Some(format!("--{m:02}-{d:02}")), i, to));
        }
    }
    if t.is_capitalised() && has(lx::WEEKDAYS, &t.lower()) {
        return Some(("weekday", None, i, i + 1));
    }
    if let Some(y) = year(t) {
        // Not money ("$2000") or a count of something ("2000 jobs" is rare enough to accept).
        let prev = i.checked_sub(1).and_then(|p| toks.get(p));
        let money = prev.is_some_and(|p| {
            p.kind == Kind::Punct && !p.is("(") && !p.is("-") && !p.is(",") && !t.space_before
        });
        let next = lower(toks, i + 1);
        let unit = next == "%"
            || has(
                &[
                    "percent", "million", "billion", "bn", "m", "people", "jobs", "shares", "cars",
                    "units",
                ],
                &next,
            );
        if !money && !unit {
            return Some(("year", Some(format!("{y:04}")), i, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::extract_corpus;
    use crate::parse_article;

    fn dates(text: &str) -> Vec<(String, &'static str, Option<String>)> {
        let a = parse_article("t", &format!("T\n\n{text}"));
        extract_corpus(&[a])
            .articles
            .remove(0)
            .dates
            .into_iter()
            .map(|d| (d.text, d.kind, d.iso))
            .collect()
    }

    #[test]
    fn date_table() {
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            (
                "He spoke on January 21, when it rained.",
                "January 21",
                "date",
                Some("--01-21"),
            ),
            (
                "He spoke on January 21, 2025 at noon.",
                "January 21, 2025",
                "date",
                Some("2025-01-21"),
            ),
            (
                "It closed on 13 January.",
                "13 January",
                "date",
                Some("--01-13"),
            ),
            (
                "Results came in late January.",
                "late January",
                "month",
                Some("--01"),
            ),
            ("It began in late 2020.", "late 2020", "year", Some("2020")),
            ("It rained on Tuesday.", "Tuesday", "weekday", None),
            (
                "It will invest over the next three years.",
                "next three years",
                "duration",
                None,
            ),
            ("Sales rose last week.", "last week", "relative", None),
            (
                "It opened four years ago.",
                "four years ago",
                "relative",
                None,
            ),
            (
                "The longest run since January 2023.",
                "January 2023",
                "month",
                Some("2023-01"),
            ),
            (
                "Profits fell in the fourth quarter.",
                "fourth quarter",
                "quarter",
                None,
            ),
            ("It was first bought in 1969.", "1969", "year", Some("1969")),
        ];
        for (text, want, kind, iso) in cases {
            let got = dates(text);
            assert!(
                got.iter()
                    .any(|(t, k, i)| t == want && k == kind && i.as_deref() == *iso),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "You may go.",
            "They march on.",
            "It paid $2000 for it.",
            "Sales rose 2019%.",
        ] {
            assert!(dates(text).is_empty(), "{text}: {:?}", dates(text));
        }
    }
}
