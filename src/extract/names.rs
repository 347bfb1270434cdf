//! Names: runs of capitalised words, classified as people, organisations
//! or places by the words around them, then merged across the corpus.
//!
//! Evidence for a person: an honorific or a role ("CEO Eddie Wu", "Wu, CEO
//! of…"), a common given name first, an East Asian family name first.
//! For an organisation: a company suffix ("… Group", "… Bank"), a cue word
//! before ("firm X", "rival X") or after ("X shares"), an acronym, inner
//! capitals ("DeepSeek"). For a place: the gazetteer. A short mention ("Wu",
//! "Ma") takes the person whose name it ends (or, for East Asian order,
//! starts) in the same article, else in the corpus.

use super::lexicon::{self as lx, has};
use super::ner::{self, Label};
use super::tokens::{lower_at, Kind, Tok};
use super::{Entity, EntityKind, Sentence};
use crate::analyse::is_stop_word;
use std::collections::{HashMap, HashSet};

/// A resolved name in one sentence (token range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Sentence index within the article.
    pub sentence: usize,
    /// First token.
    pub from: usize,
    /// After the last token.
    pub to: usize,
    /// Index into the entity list.
    pub entity: usize,
}

/// Entities and, per article, the spans that mention them.
pub struct Found {
    /// Merged entities.
    pub entities: Vec<Entity>,
    /// Per article, spans in reading order.
    pub spans: Vec<Vec<Span>>,
}

/// A capitalised run and the evidence around it.
#[derive(Debug, Clone)]
struct Cand {
    article: usize,
    sentence: usize,
    from: usize,
    to: usize,
    words: Vec<String>,
    person: f32,
    org: f32,
    place: bool,
    role: Option<String>,
    /// An abbreviation given in brackets right after ("General Motors (GM)").
    alias_of: Option<usize>,
    /// The recogniser's label for the span.
    label: Label,
    /// An honorific right before ("Sir", "Mrs").
    honorific: bool,
    /// The words around call it a work or a product ("the film X").
    work: bool,
    kind: Option<EntityKind>,
}

impl Cand {
    fn name(&self) -> String {
        join_words(&self.words)
    }
}

fn join_words(words: &[String]) -> String {
    let mut s = String::new();
    for (i, w) in words.iter().enumerate() {
        let glue =
            i > 0 && !(w == "&" || w.starts_with('-') || s.ends_with('&') || s.ends_with('-'));
        if glue {
            s.push(' ');
        }
        s.push_str(w);
    }
    s
}

/// Normalised key: lower case, letters and digits only, no trailing "'s".
pub fn key(name: &str) -> String {
    let lower = name.to_lowercase();
    let trimmed = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("’s"))
        .unwrap_or(&lower);
    trimmed.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn has_inner_capital(word: &str) -> bool {
    let lower = word.to_lowercase();
    if [
        "mc", "mac", "o'", "o’", "de", "di", "la", "le", "van", "von",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return false;
    }
    word.chars().skip(1).any(char::is_uppercase) && word.chars().any(char::is_lowercase)
}

fn is_acronym(word: &str) -> bool {
    let n = word.chars().count();
    (2..=6).contains(&n)
        && word.chars().all(|c| c.is_ascii_uppercase() || c == '&')
        && !has(lx::COMMON_ACRONYMS, &word.to_lowercase())
}

fn is_opening(t: &Tok<'_>) -> bool {
    // A straight quote opens when a space comes before it; glued to a word, it closes.
    (t.text == "\"" && t.space_before)
        || ["“", "‘", "(", "[", "-", "–", "—", ":", "•", "*"].contains(&t.text)
}

const LEGAL_FORMS: &[&str] = &[
    "group",
    "holding",
    "holdings",
    "inc",
    "corp",
    "corporation",
    "ltd",
    "limited",
    "plc",
    "co",
    "company",
    "sa",
    "ag",
    "llc",
    "nv",
];
const ORDINAL_OR_NUMBER: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first",
    "second", "third", "fourth", "fifth", "hundred", "thousand", "dozen", "half",
];

fn skip_word(lower: &str) -> bool {
    has(lx::WEEKDAYS, lower)
        || lx::MONTHS
            .iter()
            .any(|(m, _)| *m == lower && lower.len() > 3)
        || has(lx::DEMONYMS, lower)
        || has(lx::HOLIDAYS, lower)
        || lower == "i"
}

/// Role words right before `from` (skipping a comma), as written.
fn role_before(s: &Sentence<'_>, from: usize) -> Option<String> {
    let mut i = from;
    if i > 0 && s.toks.get(i - 1).is_some_and(|t| t.is(",")) {
        i -= 1;
    }
    let end = i;
    let mut start = i;
    while start > 0 {
        let t = &s.toks.get(start - 1)?;
        let lower = t.lower();
        let role = has(lx::ROLES, &lower)
            || has(lx::LEADING_ROLE_WORDS, &lower)
            || lower == "co-founder"
            || lower == "vice-president";
        if role || ((lower == "and" || t.is("-")) && start < end && start >= 2) {
            start -= 1;
        } else {
            break;
        }
    }
    while start < end
        && s.toks
            .get(start)
            .is_some_and(|t| t.lower() == "and" || t.is("-"))
    {
        start += 1;
    }
    let has_core = (start..end).any(|k| {
        has(lx::ROLES, &lower_at(&s.toks, k)) && !has(lx::ORG_CUES, &lower_at(&s.toks, k))
    });
    (start < end && has_core).then(|| s.slice(start, end).to_string())
}

/// Appositive role after a name: "Wu, CEO of Alibaba" → "CEO".
fn role_after(s: &Sentence<'_>, to: usize) -> Option<String> {
    if !s.toks.get(to).is_some_and(|t| t.is(",")) {
        return None;
    }
    let mut k = to + 1;
    let limit = to + 6;
    let mut first = None;
    let mut last = None;
    while k < limit {
        let Some(t) = s.toks.get(k) else { break };
        let lower = t.lower();
        if t.kind != Kind::Word || lower == "of" || lower == "at" || lower == "from" {
            break;
        }
        if has(lx::ROLES, &lower) && !has(lx::ORG_CUES, &lower) {
            first.get_or_insert(k);
            last = Some(k);
        }
        k += 1;
    }
    match (first, last) {
        (Some(a), Some(b)) => Some(s.slice(a, b + 1).to_string()),
        _ => None,
    }
}

/// Place names (up to three words) starting at `from`, if a role follows: "US Secretary", "New York Attorney General".
fn place_before_role(toks: &[Tok<'_>], from: usize, to: usize) -> Option<usize> {
    (1..=3).rev().find(|&k| {
        from + k < to && {
            let words: Vec<String> = (from..from + k).map(|i| lower_at(toks, i)).collect();
            has(lx::PLACES, &words.join(" ")) && is_role_word(&lower_at(toks, from + k))
        }
    })
}

fn is_role_word(lower: &str) -> bool {
    // Plurals too: "Presidents George W Bush and Bill Clinton".
    let singular = lower.strip_suffix('s').filter(|s| s.len() > 2);
    let role =
        |w: &str| has(lx::LEADING_ROLE_WORDS, w) || (has(lx::ROLES, w) && !has(lx::ORG_CUES, w));
    role(lower) || singular.is_some_and(role)
}

/// Words of a token range as written: "'s" glued back, dots of initials dropped.
fn range_words(toks: &[Tok<'_>], from: usize, to: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut k = from;
    while k < to {
        let Some(t) = toks.get(k) else { break };
        if (t.is("'") || t.is("’")) && toks.get(k + 1).is_some_and(|n| n.text == "s") {
            if let Some(w) = words.last_mut() {
                w.push_str("'s");
            }
            k += 2;
            continue;
        }
        if !t.is(".") {
            words.push(t.text.to_string());
        }
        k += 1;
    }
    words
}

/// The recogniser's entity spans of a sentence, as token ranges.
fn model_runs(s: &Sentence<'_>, seen: &HashSet<String>) -> Vec<(usize, usize, Label)> {
    let (Some(first), Some(last)) = (s.toks.first(), s.toks.last()) else {
        return Vec::new();
    };
    // A sentence whose only capital opens it on a common word names nobody
    // (most sentences of news): the recogniser is not asked.
    let capitals = s.toks.iter().enumerate().any(|(i, t)| {
        t.kind == Kind::Word
            && t.text.starts_with(char::is_uppercase)
            && (i > 0 || !seen.contains(&t.text.to_lowercase()))
    });
    if !capitals {
        return Vec::new();
    }
    let base = first.start;
    let text = s.text.get(first.start..last.end).unwrap_or("");
    let mut out: Vec<(usize, usize, Label)> = ner::tag_text(text, &|w| seen.contains(w))
        .into_iter()
        .filter_map(|sp| {
            let (a, b) = (base + sp.start, base + sp.end);
            let mut from = s.toks.partition_point(|t| t.start < a);
            let mut to = s.toks.partition_point(|t| t.end <= b);
            // Punctuation at either end is no part of a name ("– Wu").
            while from < to && s.toks.get(from).is_some_and(|t| t.kind == Kind::Punct) {
                from += 1;
            }
            while to > from && s.toks.get(to - 1).is_some_and(|t| t.kind == Kind::Punct) {
                to -= 1;
            }
            // Common acronyms ("AI", "CEO", "GDP") are words, not names.
            let common = to == from + 1
                && s.toks
                    .get(from)
                    .is_some_and(|t| has(lx::COMMON_ACRONYMS, &t.lower()));
            (from < to && !common).then_some((from, to, sp.label))
        })
        .flat_map(|(from, to, label)| split_joined(&s.toks, from, to, label))
        .collect();
    // "Hangzhou-based", "New York-based": the capitalised words before
    // "-based" are a place, whatever span the recogniser gave them.
    for i in 0..s.toks.len() {
        let based = s
            .toks
            .get(i + 1)
            .is_some_and(|t| t.is("-") && !t.space_before)
            && s.toks
                .get(i + 2)
                .is_some_and(|t| t.lower() == "based" && !t.space_before);
        if !based || !s.toks.get(i).is_some_and(Tok::is_capitalised) {
            continue;
        }
        let mut from = i;
        while from > 0
            && s.toks.get(from).is_some_and(|t| t.space_before)
            && s.toks.get(from - 1).is_some_and(Tok::is_capitalised)
        {
            from -= 1;
        }
        out.retain(|&(a, b, _)| b <= from || a > i + 2);
        out.push((from, i + 1, Label::Loc));
    }
    out.sort_by_key(|r| r.0);
    out
}

/// Split a span the recogniser ran across a joiner: "Sony and Philips",
/// "Madrid and Real Sociedad", "Lords if Conservative". A lower-case word
/// other than a name particle ("of", "de", "van") parts two names; "and"
/// stays inside the name of an organisation ("Securities and Exchange
/// Commission").
fn split_joined(
    toks: &[Tok<'_>],
    from: usize,
    to: usize,
    label: Label,
) -> Vec<(usize, usize, Label)> {
    const PARTICLES: &[&str] = &[
        "of", "de", "du", "la", "le", "van", "von", "der", "den", "da", "di", "del", "bin", "al",
        "y", "the", "for", "on", "&", "-", "e",
    ];
    // "and" inside an organisation's name: one ending in a head noun
    // ("Securities and Exchange Commission") or naming its field after "of"
    // ("Department of Work and Pensions"); never "and the ...".
    let org_and = has(lx::ORG_SUFFIXES, &lower_at(toks, to.saturating_sub(1)))
        || (from..to).any(|k| lower_at(toks, k) == "of");
    let mut out = Vec::new();
    let mut start = from;
    for i in from..to {
        let Some(t) = toks.get(i) else { break };
        let lower = t.lower();
        let joiner = t.kind == Kind::Word
            && t.text.starts_with(char::is_lowercase)
            && !has(PARTICLES, &lower)
            && !(lower == "and" && org_and && lower_at(toks, i + 1) != "the");
        if joiner || t.is(",") || t.is("[") || t.is("]") || t.is("(") || t.is(")") {
            if start < i {
                out.push((start, i, label));
            }
            start = i + 1;
        }
    }
    if start < to {
        out.push((start, to, label));
    }
    out
}

fn candidates(
    article: usize,
    si: usize,
    s: &Sentence<'_>,
    vocab: &HashSet<String>,
    seen: &HashSet<String>,
    out: &mut Vec<Cand>,
    misc: &mut Vec<(String, bool)>,
) {
    let toks = &s.toks;
    for (run_from, run_to, label) in model_runs(s, seen) {
        // Nationalities, events, works and products are no people,
        // organisations or places. Such a mention still counts among the
        // name's mentions a work cue may stand by ([`work_cue`]).
        if label == Label::Misc {
            let mut from = run_from;
            if lower_at(toks, from) == "the" && run_to > from + 1 {
                from += 1;
            }
            let name = key(&join_words(&range_words(toks, from, run_to)));
            misc.push((name, work_cue(toks, from, run_to)));
            continue;
        }
        let pieces = [(run_from, run_to)];
        for (mut from, to) in pieces {
            let starts_sentence = from == 0 || toks.get(from - 1).is_some_and(is_opening);
            let mut honorific = false;
            let mut role_words: Vec<usize> = Vec::new();
            let org_tail = has(lx::ORG_SUFFIXES, &lower_at(toks, to.saturating_sub(1)));
            let mut first = true;
            // Strip leading common words, places before roles, honorifics, roles and demonyms.
            while from < to {
                let lower = lower_at(toks, from);
                let rest = to - from - 1;
                let given = has(lx::GIVEN_NAMES, &lower) && rest >= 1;
                let word = toks.get(from).map_or("", |t| t.text);
                let common = first
                    && starts_sentence
                    && !given
                    && (vocab.contains(&lower)
                        || is_stop_word(&lower)
                        || has(lx::SENTENCE_OPENERS, &lower))
                    && !is_acronym(word);
                first = false;
                if let Some(k) = place_before_role(toks, from, to) {
                    from += k;
                } else if has(lx::HONORIFICS, &lower)
                    && rest >= 1
                    && toks.get(from + 1).is_some_and(Tok::is_capitalised)
                {
                    honorific = true;
                    from += 1;
                } else if is_role_word(&lower)
                    && has(lx::LEADING_ROLE_WORDS, lower.trim_end_matches('s'))
                    && rest >= 1
                    && !given
                    && !org_tail
                {
                    role_words.push(from);
                    from += 1;
                } else if has(lx::DEMONYMS, &lower)
                    && !org_tail
                    && (rest >= 2
                        || rest == 0
                        || is_role_word(&lower_at(toks, from + 1))
                        || toks.get(from + 1).is_some_and(|t| is_acronym(t.text)))
                    || common
                    || (lower == "the" && rest >= 1)
                    || (rest >= 1 && skip_word(&lower) && !has(lx::DEMONYMS, &lower))
                    || (rest == 0 && skip_word(&lower))
                {
                    from += 1;
                } else {
                    break;
                }
            }
            // A title with its particle ("Secretary of State") is no name.
            if from < to && toks.get(from).is_some_and(|t| !t.is_capitalised()) {
                continue;
            }
            // Trailing dates and demonyms, then punctuation and a possessive
            // left at the end ("US-German" → "US", "BBC's" → "BBC").
            let mut to = to;
            loop {
                let possessive = to >= from + 2
                    && lower_at(toks, to - 1) == "s"
                    && toks.get(to - 2).is_some_and(|t| t.is("'") || t.is("’"));
                if possessive {
                    to -= 2;
                } else if to > from
                    && (skip_word(&lower_at(toks, to - 1))
                        || toks
                            .get(to - 1)
                            .is_some_and(|t| t.kind == Kind::Punct && !t.is("&")))
                {
                    to -= 1;
                } else {
                    break;
                }
            }
            if from >= to {
                continue;
            }
            // An honorific just before the span ("Mr Varley", "Dr. Roe").
            let mut before = from;
            if before >= 1 && toks.get(before - 1).is_some_and(|t| t.is(".")) {
                before -= 1;
            }
            if before >= 1 && has(lx::HONORIFICS, &lower_at(toks, before - 1)) {
                honorific = true;
            }
            let words = range_words(toks, from, to);
            let first_lower = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
            let last_lower = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
            // Numbers ("Two Sessions", "Formula One"), bare titles ("Prime Minister"),
            // and names of models or chapters ("Chapter 11").
            if has(ORDINAL_OR_NUMBER, &first_lower)
                || has(ORDINAL_OR_NUMBER, &last_lower)
                || is_role_word(&last_lower)
                || (words.len() == 1
                    && toks
                        .get(to)
                        .is_some_and(|t| t.kind == Kind::Number && t.space_before))
                || (words.len() == 1
                    && first_lower.chars().count() <= 2
                    && !words.first().is_some_and(|w| is_acronym(w))
                    && !has(lx::EAST_ASIAN_SURNAMES, &first_lower))
            {
                continue;
            }
            let mut c = Cand {
                article,
                sentence: si,
                from,
                to,
                words,
                person: 0.0,
                org: 0.0,
                place: false,
                role: None,
                alias_of: None,
                label,
                honorific,
                work: false,
                kind: None,
            };
            let real_role = role_words
                .iter()
                .any(|&r| has(lx::ROLES, &lower_at(toks, r)));
            score(&mut c, s, vocab, honorific, real_role);
            if real_role {
                if let (Some(&a), Some(&b)) = (role_words.first(), role_words.last()) {
                    c.role = Some(s.slice(a, b + 1).to_string());
                }
            }
            let before = role_before(s, role_words.first().copied().unwrap_or(from));
            let after = role_after(s, to);
            if before.is_some() || after.is_some() {
                c.person += 2.0;
                c.role = c.role.take().or(before).or(after);
            }
            out.push(c);
        }
    }
}

fn score(
    c: &mut Cand,
    s: &Sentence<'_>,
    vocab: &HashSet<String>,
    honorific: bool,
    role_inside: bool,
) {
    let toks = &s.toks;
    let lower: Vec<String> = c.words.iter().map(|w| w.to_lowercase()).collect();
    let n = lower.len();
    let name = lower.join(" ");
    let last = lower.last().cloned().unwrap_or_default();
    let first = lower.first().cloned().unwrap_or_default();
    if has(lx::PLACES, &name) {
        c.place = true;
    }
    if honorific {
        c.person += 4.0;
    }
    if role_inside {
        c.person += 2.0;
    }
    if n >= 2 && has(lx::GIVEN_NAMES, &first) {
        c.person += 2.5;
    }
    if n == 2
        && has(lx::EAST_ASIAN_SURNAMES, &first)
        && !vocab.contains(&last)
        && !has(lx::ORG_SUFFIXES, &last)
        && c.words.get(1).is_some_and(|w| !is_acronym(w))
    {
        c.person += 2.0;
    }
    if n >= 2 && has(lx::ORG_SUFFIXES, &last) {
        c.org += 3.0;
    }
    if n == 1
        && (is_acronym(c.words.first().map_or("", String::as_str))
            || c.words.iter().any(|w| has_inner_capital(w)))
    {
        c.org += 2.0;
    }
    if c.words.iter().any(|w| w == "&") {
        c.org += 2.0;
    }
    // "Bank of England", "Office of Management".
    if let Some(of) = lower.iter().position(|w| w == "of") {
        if of >= 1 && lower.get(of - 1).is_some_and(|w| has(lx::ORG_SUFFIXES, w)) {
            c.org += 2.5;
        }
    }
    // Appositive: "Freddie Mac, the country's other mortgage firm".
    if toks.get(c.to).is_some_and(|t| t.is(",")) {
        let determiner =
            ["the", "a", "an", "its", "their"].contains(&lower_at(toks, c.to + 1).as_str());
        let cue = determiner
            && (c.to + 1..c.to + 11)
                .map_while(|k| toks.get(k).filter(|t| !t.is(",") && !t.is(".")))
                .any(|t| has(lx::ORG_CUES, &t.lower()));
        if cue {
            c.org += 2.0;
        }
    }
    // Right after a closing quote and comma: '…," Jane Roe, from…, told'.
    if n >= 2
        && c.from >= 2
        && toks
            .get(c.from - 1)
            .is_some_and(|t| (t.is("\"") || t.is("”")) && !t.space_before)
        && toks.get(c.from - 2).is_some_and(|t| t.is(","))
    {
        c.person += 1.5;
    }
    // Cue before: "firm X", "US bank X", "shares in X".
    for back in 1..=2 {
        let w = c
            .from
            .checked_sub(back)
            .map(|i| lower_at(toks, i))
            .unwrap_or_default();
        if has(lx::ORG_CUES, &w) {
            c.org += 2.0;
            break;
        }
    }
    if c.from >= 2
        && lower_at(toks, c.from - 1) == "in"
        && ["shares", "stake", "stakes", "investors", "investment"]
            .contains(&lower_at(toks, c.from - 2).as_str())
    {
        c.org += 2.0;
    }
    c.work = work_cue(toks, c.from, c.to);
    // Cue after: "X shares", "X's board".
    let mut k = c.to;
    if toks.get(k).is_some_and(|t| t.is("'") || t.is("’"))
        && toks.get(k + 1).is_some_and(|t| t.text == "s")
    {
        k += 2;
    }
    let after = lower_at(toks, k);
    if has(lx::ORG_AFTER, &after) {
        c.org += 1.5;
    }
    if after == "-" && toks.get(k + 1).is_some_and(|t| t.lower() == "based") {
        c.place = true;
    }
    // Speech: "X said", "said X" (people or organisations; names of two or more words lean to people).
    let verb_after = has(lx::SPEECH_VERBS, &after) && after != "according";
    let verb_before = c.from >= 1 && has(lx::SPEECH_VERBS, &lower_at(toks, c.from - 1));
    if (verb_after || verb_before) && n >= 2 && c.org == 0.0 {
        c.person += 1.0;
    }
    // The pronoun that takes the name up: "Novartis said it would", "X,
    // which" for an organisation; "X, who", "X said he" for a person.
    let next: Vec<String> = (c.to..c.to + 4).map(|i| lower_at(toks, i)).collect();
    let pronoun = |set: &[&str]| {
        (next.first().is_some_and(|w| w == ",")
            && next.get(1).is_some_and(|w| set.contains(&w.as_str())))
            || (next.first().is_some_and(|w| has(lx::SPEECH_VERBS, w))
                && next.get(1).is_some_and(|w| set.contains(&w.as_str())))
    };
    if pronoun(&["which", "it", "its"]) {
        c.org += 1.5;
    }
    if pronoun(&["who", "he", "she", "his", "her"]) {
        c.person += 1.5;
    }
    // Words that are all ordinary words with no evidence (a capitalised phrase).
    if n >= 2
        && c.person == 0.0
        && c.org == 0.0
        && !c.place
        && lower.iter().all(|w| vocab.contains(w) || is_stop_word(w))
    {
        c.org -= 1.0;
    }
}

/// Whether the words around a name call it a work or a product: "the
/// film X", "Scorsese's epic X", "X, starring", "the X console". A
/// leading "The" of the title, a dash or a colon may stand between ("the
/// film The Aviator", "Film: The Aviator"), and "games" or "video" after
/// ("the X games console").
fn work_cue(toks: &[Tok<'_>], from: usize, to: usize) -> bool {
    let mut b = from;
    if b >= 1 && lower_at(toks, b - 1) == "the" {
        b -= 1;
    }
    if b >= 1 && toks.get(b - 1).is_some_and(|t| t.is("-") || t.is(":")) {
        b -= 1;
    }
    let before = b >= 1 && has(lx::WORK_BEFORE, &lower_at(toks, b - 1));
    let mut a = to;
    if toks.get(a).is_some_and(|t| t.is(",")) {
        a += 1;
    }
    // "the X games console", "the X video game".
    let next = lower_at(toks, a);
    let after = if ["games", "game", "video"].contains(&next.as_str()) {
        lower_at(toks, a + 1)
    } else {
        next
    };
    before || has(lx::WORK_AFTER, &after)
}

/// Whether a name ends in a company's legal form ("Acme Corp", "BP plc").
fn legal_form_last(c: &Cand) -> bool {
    c.words.len() >= 2
        && c.words
            .last()
            .is_some_and(|w| has(LEGAL_FORMS, w.to_lowercase().trim_end_matches('.')))
}

/// A name of two or more words that are all common words of news, none of
/// them a given name, a place or an organisation's head noun, with no cue
/// of an organisation around it: the title of a work, a show or a product
/// line ("Small Island", "Bless This House", "Go Digital"), not a name.
fn common_phrase(c: &Cand) -> bool {
    c.words.len() >= 2
        && c.label != Label::Loc
        && c.org < 2.0
        && !has(lx::PLACES, &c.words.join(" ").to_lowercase())
        && c.words.iter().all(|w| {
            let l = w.to_lowercase();
            (ner::is_common_word(&l) || is_stop_word(&l))
                && !has(lx::ORG_SUFFIXES, &l)
                && !has(lx::PLACES, &l)
                && !has(lx::DEMONYMS, &l)
        })
        && !c
            .words
            .first()
            .is_some_and(|w| has(lx::GIVEN_NAMES, &w.to_lowercase()))
}

/// An award or recurring event ("Oscars", "World Cup", "Six Nations").
fn is_event(words: &[String]) -> bool {
    let name = words.join(" ").to_lowercase();
    let singular = name.strip_suffix('s').unwrap_or(&name);
    let head = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    has(lx::EVENTS, &name)
        || has(lx::EVENTS, singular)
        || (words.len() >= 2 && has(lx::EVENT_HEADS, &head))
}

/// The kind of one mention, in this order of precedence:
/// 1. an honorific right before it makes a person ("Sir Paul McCartney");
/// 2. a company's legal form as its last word makes an organisation;
/// 3. a phrase of common words, or an award or event, is no name at all
///    ([`common_phrase`], [`is_event`]);
/// 4. otherwise the recogniser's label.
///
/// The corpus-wide vote then settles each name's kind ([`find_corpus`]).
fn classify(c: &Cand) -> Option<EntityKind> {
    if c.honorific {
        return Some(EntityKind::Person);
    }
    if legal_form_last(c) {
        return Some(EntityKind::Organisation);
    }
    if common_phrase(c) || is_event(&c.words) {
        return None;
    }
    match c.label {
        Label::Per => Some(EntityKind::Person),
        Label::Org => Some(EntityKind::Organisation),
        Label::Loc => Some(EntityKind::Place),
        Label::Misc => None,
    }
}

/// Capital initials of a name's words, or of the humps of one CamelCase word.
fn initials(words: &[String]) -> String {
    let caps = |w: &String| w.chars().next().filter(|c| c.is_uppercase());
    if let [one] = words {
        return one.chars().filter(|c| c.is_uppercase()).collect();
    }
    words.iter().filter_map(caps).collect()
}

/// Abbreviations and short forms of organisations: an abbreviation given in
/// brackets anywhere in the corpus; in the same article, the initials of a
/// longer name ("GSK"), the front of a CamelCase name ("Glaxo"), and the
/// first word of a name introduced earlier ("Marsh" after "Marsh & McLennan").
fn alias_remaps(cands: &[Cand], group: &mut [Option<(String, EntityKind)>]) {
    let mut corpus: HashMap<String, String> = HashMap::new();
    let mut local: HashMap<(usize, String), String> = HashMap::new();
    for (c, g) in cands.iter().zip(group.iter()) {
        if let (Some(a), Some((gk, _))) = (c.alias_of, g) {
            if cands.get(a).is_some() {
                corpus.insert(key(&c.name()), gk.clone());
                local.insert((c.article, key(&c.name())), gk.clone());
            }
        }
    }
    // Multi-word (or CamelCase) organisations per article, in order of first mention.
    // Kept per article: every lookup below is within one article (a list
    // over the corpus made this quadratic).
    // (article, first candidate, group key, words) of each organisation.
    type Org = (usize, usize, String, Vec<String>);
    let mut orgs: HashMap<usize, Vec<Org>> = HashMap::new();
    let mut seen: HashSet<(usize, &str)> = HashSet::new();
    for (i, (c, g)) in cands.iter().zip(group.iter()).enumerate() {
        if let Some((gk, EntityKind::Organisation)) = g {
            if seen.insert((c.article, gk.as_str())) {
                orgs.entry(c.article).or_default().push((
                    c.article,
                    i,
                    gk.clone(),
                    c.words.clone(),
                ));
            }
        }
    }
    // Per article, the organisations each test below can accept, by the word
    // it compares (so a one-word name is compared only with those, not with
    // every organisation of its article): by initials (an acronym), by a
    // CamelCase front ("Glaxo" of "GlaxoSmithKline"), by first word.
    #[derive(Default)]
    struct ByWord {
        initials: HashMap<String, Vec<usize>>,
        front: HashMap<String, Vec<usize>>,
        first: HashMap<String, Vec<usize>>,
    }
    let mut by_word: HashMap<usize, ByWord> = HashMap::new();
    for (article, list) in &orgs {
        let b = by_word.entry(*article).or_default();
        for (n, (_, _, _, words)) in list.iter().enumerate() {
            b.initials.entry(initials(words)).or_default().push(n);
            match words.as_slice() {
                [one] => {
                    for (j, ch) in one.char_indices().skip(1) {
                        if ch.is_uppercase() {
                            if let Some(front) = one.get(..j) {
                                b.front.entry(front.to_string()).or_default().push(n);
                            }
                        }
                    }
                }
                [first, ..] => b.first.entry(first.clone()).or_default().push(n),
                [] => {}
            }
        }
    }
    let mut first_short: HashMap<(usize, String), usize> = HashMap::new();
    for (i, (c, g)) in cands.iter().zip(group.iter()).enumerate() {
        if let Some((gk, _)) = g {
            first_short.entry((c.article, gk.clone())).or_insert(i);
        }
    }
    for (i, (c, g)) in cands.iter().zip(group.iter()).enumerate() {
        let Some((gk, kind)) = g else { continue };
        if *kind != EntityKind::Organisation || c.words.len() != 1 {
            continue;
        }
        let w = c.words.first().cloned().unwrap_or_default();
        let here = orgs.get(&c.article).map_or(&[][..], Vec::as_slice);
        // Only these can pass (each test needs its word), tried in order.
        let mut near: Vec<usize> = Vec::new();
        if let Some(b) = by_word.get(&c.article) {
            let maps = [
                is_acronym(&w).then_some(&b.initials),
                Some(&b.front),
                Some(&b.first),
            ];
            for map in maps.into_iter().flatten() {
                near.extend(map.get(&w).into_iter().flatten());
            }
        }
        near.sort_unstable();
        near.dedup();
        let target = near
            .iter()
            .filter_map(|&n| here.get(n))
            .find(|(a, first, k, words)| {
                if *a != c.article || k == gk {
                    return false;
                }
                let long_form =
                    words.len() >= 2 || words.first().is_some_and(|x| has_inner_capital(x));
                let acronym = is_acronym(&w) && long_form && initials(words) == w;
                let camel_front = words.len() == 1
                    && w.len() >= 4
                    && words.first().is_some_and(|x| {
                        x.starts_with(&w)
                            && x.get(w.len()..)
                                .is_some_and(|r| r.starts_with(char::is_uppercase))
                    });
                let introduced = words.len() >= 2
                    && *first
                        < first_short
                            .get(&(c.article, gk.clone()))
                            .copied()
                            .unwrap_or(i)
                    && words.first() == Some(&w)
                    && !words
                        .iter()
                        .skip(1)
                        .all(|x| has(LEGAL_FORMS, &x.to_lowercase()));
                acronym || camel_front || introduced
            });
        if let Some((_, _, k, _)) = target {
            local.insert((c.article, gk.clone()), k.clone());
        }
    }
    for (c, g) in cands.iter().zip(group.iter_mut()) {
        let Some((gk, kind)) = g else { continue };
        if *kind != EntityKind::Organisation {
            continue;
        }
        if let Some(k) = local
            .get(&(c.article, gk.clone()))
            .or_else(|| corpus.get(gk))
        {
            *gk = k.clone();
            *kind = EntityKind::Organisation;
        }
    }
}

/// Find, classify and merge names across the corpus.
pub(crate) fn find_corpus(articles: &[Vec<Sentence<'_>>], vocab: &HashSet<String>) -> Found {
    let mut cands = Vec::new();
    let mut misc = Vec::new();
    for (ai, sents) in articles.iter().enumerate() {
        // Words written in lower case in this article (a feature of the recogniser).
        let seen: HashSet<String> = sents
            .iter()
            .flat_map(|s| &s.toks)
            .filter(|t| t.kind == Kind::Word && t.text.starts_with(char::is_lowercase))
            .map(|t| t.text.to_lowercase())
            .collect();
        for (si, s) in sents.iter().enumerate() {
            if s.names {
                candidates(ai, si, s, vocab, &seen, &mut cands, &mut misc);
            }
        }
    }
    // Abbreviations in brackets: "General Motors (GM)".
    for i in 1..cands.len() {
        let (Some(prev), Some(cur)) = (cands.get(i - 1), cands.get(i)) else {
            continue;
        };
        if prev.article == cur.article
            && prev.sentence == cur.sentence
            && cur.words.len() == 1
            && prev.words.len() >= 2
        {
            let s = articles.get(cur.article).and_then(|a| a.get(cur.sentence));
            let bracketed = s.is_some_and(|s| {
                cur.from == prev.to + 1
                    && s.toks.get(prev.to).is_some_and(|t| t.is("("))
                    && s.toks.get(cur.to).is_some_and(|t| t.is(")"))
            });
            let w = cur.words.first().map_or("", String::as_str);
            let initials: String = prev
                .words
                .iter()
                .filter_map(|w| w.chars().next())
                .filter(|c| c.is_uppercase())
                .collect();
            if bracketed
                && (is_acronym(w)
                    || w.chars().all(char::is_uppercase)
                    || w.len() < initials.len() + 3)
            {
                let prev_org = prev.org;
                if let Some(c) = cands.get_mut(i) {
                    c.alias_of = Some(i - 1);
                    c.org = c.org.max(prev_org);
                }
            }
        }
    }
    for c in &mut cands {
        c.kind = classify(c);
    }
    // Vote per name across the corpus. Each mention casts its kind: three
    // votes when the precedence rules fixed it (honorific, legal form), else
    // one (half for a one-word person the article never names in full: the
    // recogniser calls most unknown single words people). The words around
    // it add their own evidence: 1.5 for firm cues of an organisation
    // ("drugmaker X", "X shares", "X said it") or of a person (a role, a
    // given name, "X said he").
    let mut votes: HashMap<String, [f32; 3]> = HashMap::new();
    let full_name_ends: HashSet<&str> = cands
        .iter()
        .filter(|c| c.label == Label::Per && c.words.len() >= 2)
        .filter_map(|c| Some(c.words.last()?.as_str()))
        .collect();
    for c in &cands {
        let v = votes.entry(key(&c.name())).or_default();
        let fixed = c.honorific || legal_form_last(c);
        // A one-word "person" whom no article names in full, with no title
        // or role: the recogniser's guess for any unknown word (a club, a
        // company). It casts no vote; its other mentions decide, and a
        // name only ever guessed so is taken for an organisation (below).
        let lone = c.words.len() == 1
            && c.kind == Some(EntityKind::Person)
            && !fixed
            && c.person < 2.0
            && !c
                .words
                .first()
                .is_some_and(|w| full_name_ends.contains(w.as_str()));
        let weight = if fixed {
            3.0
        } else if lone {
            0.0
        } else {
            1.0
        };
        match c.kind {
            Some(EntityKind::Person) => v[0] += weight,
            Some(EntityKind::Organisation) => v[1] += weight,
            Some(EntityKind::Place) => v[2] += weight,
            None => {}
        }
        if !fixed && c.kind.is_some() && c.kind != Some(EntityKind::Place) {
            if c.org >= 2.0 && c.org > c.person {
                v[1] += 1.5;
            } else if c.person >= 2.0 && c.person > c.org {
                v[0] += 1.5;
            }
        }
    }
    let voted = |name: &str| -> Option<EntityKind> {
        let v = votes.get(&key(name))?;
        let best = v.iter().copied().fold(0.0_f32, f32::max);
        if best <= 0.0 {
            None
        } else if v[0] >= best {
            Some(EntityKind::Person)
        } else if v[1] >= best {
            Some(EntityKind::Organisation)
        } else {
            Some(EntityKind::Place)
        }
    };
    // A name that the words around call a work or a product in at least
    // an eighth of its mentions (and three times; mentions the recogniser
    // called MISC count too), and that no legal form or honorific fixes,
    // is none of the kinds: a film, a show, a console.
    let mut works: HashMap<String, (usize, usize, bool)> = HashMap::new();
    for (k, cued) in &misc {
        let w = works.entry(k.clone()).or_default();
        w.0 += 1;
        w.1 += usize::from(*cued);
    }
    for c in &cands {
        let w = works.entry(key(&c.name())).or_default();
        w.0 += 1;
        w.1 += usize::from(c.work);
        w.2 |= c.honorific || legal_form_last(c);
    }
    let is_work = |name: &str| {
        works
            .get(&key(name))
            .is_some_and(|&(n, cued, fixed)| !fixed && cued >= 3 && cued * 8 >= n)
    };
    for c in &mut cands {
        if is_work(&c.name()) {
            c.kind = None;
        } else if let Some(k) = voted(&c.name()) {
            c.kind = Some(k);
        } else if c.kind == Some(EntityKind::Person) && c.words.len() == 1 {
            // Only ever the recogniser's guess (no vote: never named in
            // full, no title, role or "he said" anywhere): in news such a
            // single name is most often a company, a club or a brand.
            c.kind = Some(EntityKind::Organisation);
        }
    }
    // Full names of people, per article and corpus-wide.
    let person_names: Vec<(usize, Vec<String>)> = cands
        .iter()
        .filter(|c| c.kind == Some(EntityKind::Person) && c.words.len() >= 2)
        .map(|c| (c.article, c.words.clone()))
        .collect();
    // A shorter name that ends a fuller one ("Wu" → "Eddie Wu", "De Vido" →
    // "Julio De Vido"); East Asian order starts it ("Xi" → "Xi Jinping").
    let short_match = |full: &[String], part: &[String]| -> bool {
        if part.len() >= full.len() || part.is_empty() {
            return false;
        }
        let east = full.len() == 2
            && full
                .first()
                .is_some_and(|f| has(lx::EAST_ASIAN_SURNAMES, &f.to_lowercase()));
        if east && part.len() == 1 {
            return full.first() == part.first();
        }
        full.ends_with(part)
    };
    // The full names a shorter one can end (or, East Asian, start): looked up
    // by that word instead of comparing every candidate with every person
    // (quadratic: a minute for 2,225 articles).
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (_, full)) in person_names.iter().enumerate() {
        if let Some(last) = full.last() {
            by_word.entry(last.as_str()).or_default().push(i);
        }
        // short_match's East Asian case: "Xi" for "Xi Jinping".
        if let (2, Some(first)) = (full.len(), full.first()) {
            if has(lx::EAST_ASIAN_SURNAMES, &first.to_lowercase()) {
                by_word.entry(first.as_str()).or_default().push(i);
            }
        }
    }
    // Resolve each candidate to a group key (canonical full name's key).
    let mut group: Vec<Option<(String, EntityKind)>> = Vec::with_capacity(cands.len());
    for i in 0..cands.len() {
        let Some(c) = cands.get(i) else { continue };
        let name = c.name();
        let mut resolved: Option<(String, EntityKind)> = None;
        if let Some(a) = c.alias_of {
            if let Some(Some(g)) = group.get(a) {
                resolved = Some(g.clone());
            }
        }
        // A person's short name ("Wu"); and a one-word name voted an
        // organisation that ends the full name of a person of the same
        // article ("Gerrard" after "Steven Gerrard"). "Labour" is no short
        // form of a headline's "Blair Labour": another article's.
        let org_word = c.kind == Some(EntityKind::Organisation) && c.words.len() == 1;
        if resolved.is_none()
            && c.words.len() <= 2
            && (c.kind == Some(EntityKind::Person) || org_word)
        {
            // Every full name short_match can accept ends in the last word
            // (or, East Asian with one word given, starts with it).
            let mut near: Vec<usize> = c
                .words
                .last()
                .and_then(|w| by_word.get(w.as_str()))
                .cloned()
                .unwrap_or_default();
            near.sort_unstable();
            near.dedup();
            let matching: Vec<&(usize, Vec<String>)> = near
                .iter()
                .filter_map(|&i| person_names.get(i))
                .filter(|(_, p)| short_match(p, &c.words))
                .collect();
            let local: Vec<&Vec<String>> = matching
                .iter()
                .filter(|(a, _)| *a == c.article)
                .map(|(_, p)| p)
                .collect();
            let pool: Vec<&Vec<String>> = if local.is_empty() && !org_word {
                matching.iter().map(|(_, p)| p).collect()
            } else {
                local
            };
            let mut keys: Vec<String> = pool.iter().map(|p| key(&join_words(p))).collect();
            keys.sort();
            keys.dedup();
            if let [only] = keys.as_slice() {
                resolved = Some((only.clone(), EntityKind::Person));
            }
        }
        if resolved.is_none() {
            resolved = c.kind.map(|k| (key(&name), k));
        }
        group.push(resolved);
    }
    alias_remaps(&cands, &mut group);
    // Organisation names that differ only by a legal form merge with the short form.
    let short_orgs: HashSet<String> = group
        .iter()
        .flatten()
        .filter(|(_, k)| *k == EntityKind::Organisation)
        .map(|(g, _)| g.clone())
        .collect();
    for (i, g) in group.iter_mut().enumerate() {
        let Some((gk, EntityKind::Organisation)) = g else {
            continue;
        };
        let Some(c) = cands.get(i) else { continue };
        let mut words = c.words.clone();
        while words.len() > 1
            && words
                .last()
                .is_some_and(|w| has(LEGAL_FORMS, &w.to_lowercase()))
        {
            words.pop();
            let k = key(&join_words(&words));
            if short_orgs.contains(&k) {
                *gk = k;
            }
        }
    }
    // Build entities: canonical name, aliases, roles.
    let mut index: HashMap<(String, EntityKind), usize> = HashMap::new();
    let mut forms: Vec<HashMap<String, usize>> = Vec::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut spans: Vec<Vec<Span>> = vec![Vec::new(); articles.len()];
    for (c, g) in cands.iter().zip(&group) {
        let Some(g) = g else { continue };
        let id = *index.entry(g.clone()).or_insert_with(|| {
            entities.push(Entity {
                name: String::new(),
                kind: g.1,
                aliases: Vec::new(),
                roles: Vec::new(),
                hidden: false,
            });
            forms.push(HashMap::new());
            entities.len() - 1
        });
        if let Some(f) = forms.get_mut(id) {
            *f.entry(c.name()).or_default() += 1;
        }
        if let (Some(role), Some(e)) = (
            &c.role,
            entities
                .get_mut(id)
                .filter(|e| e.kind == EntityKind::Person),
        ) {
            if !e.roles.iter().any(|r| r.eq_ignore_ascii_case(role)) {
                e.roles.push(role.clone());
            }
        }
        if let Some(list) = spans.get_mut(c.article) {
            list.push(Span {
                sentence: c.sentence,
                from: c.from,
                to: c.to,
                entity: id,
            });
        }
    }
    for (e, f) in entities.iter_mut().zip(forms) {
        let mut all: Vec<(String, usize)> = f.into_iter().collect();
        // People: the fullest form. Others: the most frequent non-abbreviation
        // (dotted ones, "U.K", count as abbreviations), then the longest.
        all.sort_by(|a, b| {
            let words = |s: &str| s.split(' ').count();
            let abbr = |s: &str| is_acronym(s) || (s.contains('.') && !s.contains(' '));
            if e.kind == EntityKind::Person {
                words(&b.0)
                    .cmp(&words(&a.0))
                    .then(b.1.cmp(&a.1))
                    .then(a.0.cmp(&b.0))
            } else {
                abbr(&a.0)
                    .cmp(&abbr(&b.0))
                    .then(b.1.cmp(&a.1))
                    .then(b.0.len().cmp(&a.0.len()))
                    .then(a.0.cmp(&b.0))
            }
        });
        let mut names = all.into_iter().map(|(n, _)| n);
        e.name = names.next().unwrap_or_default();
        e.aliases = names.collect();
        e.aliases.sort();
    }
    Found { entities, spans }
}

#[cfg(test)]
mod tests {
    use super::super::extract_corpus;
    use super::*;
    use crate::parse_article;

    fn entities(text: &str) -> Vec<(String, EntityKind)> {
        let a = parse_article("t", &format!("Headline here\n\n{text}"));
        let mut out: Vec<(String, EntityKind)> = extract_corpus(&[a])
            .entities
            .into_iter()
            .map(|e| (e.name, e.kind))
            .collect();
        out.sort();
        out
    }

    fn has_entity(text: &str, name: &str, kind: EntityKind) -> bool {
        entities(text).iter().any(|(n, k)| n == name && *k == kind)
    }

    #[test]
    fn people_table() {
        let cases = [
            (
                "The rally followed CEO Eddie Wu's announcement. Later Wu spoke.",
                "Eddie Wu",
            ),
            (
                "In the words of economist Stephen Jen, it was good.",
                "Stephen Jen",
            ),
            ("Mr Varley said the bank did well.", "Varley"),
            (
                "The firm said chairman and chief executive Richard Parsons agreed.",
                "Richard Parsons",
            ),
            (
                "Tycoons such as Ren Zhengfei attended, the paper said.",
                "Ren Zhengfei",
            ),
            (
                "Italian Prime Minister Silvio Berlusconi spoke.",
                "Silvio Berlusconi",
            ),
            (
                "The figure, said Nigel Roberts, country director, was high.",
                "Nigel Roberts",
            ),
            ("Then president George W. Bush came.", "George W Bush"),
            (
                "He served Presidents George W Bush and Gerald Ford.",
                "George W Bush",
            ),
            (
                "Joyce Johnston, principal of the college, said it.",
                "Joyce Johnston",
            ),
            (
                "Julia Smith, an analyst at the bank, agreed.",
                "Julia Smith",
            ),
        ];
        for (text, name) in cases {
            assert!(
                has_entity(text, name, EntityKind::Person),
                "{text}: {:?}",
                entities(text)
            );
        }
    }

    #[test]
    fn organisations_and_places_table() {
        let cases = [
            (
                "Shares in US phone company MCI rose.",
                "MCI",
                EntityKind::Organisation,
            ),
            (
                "The General Motors (GM) recall grew.",
                "General Motors",
                EntityKind::Organisation,
            ),
            (
                "It hired the Securities and Exchange Commission staff.",
                "Securities and Exchange Commission",
                EntityKind::Organisation,
            ),
            (
                "The startup DeepSeek grew.",
                "DeepSeek",
                EntityKind::Organisation,
            ),
            (
                "The deal with AT&T closed.",
                "AT&T",
                EntityKind::Organisation,
            ),
            (
                "Stock in the Hangzhou-based firm rose.",
                "Hangzhou",
                EntityKind::Place,
            ),
            (
                "Trading in Hong Kong was brisk.",
                "Hong Kong",
                EntityKind::Place,
            ),
            (
                "Investors bought Acme Holdings bonds.",
                "Acme Holdings",
                EntityKind::Organisation,
            ),
        ];
        for (text, name, kind) in cases {
            assert!(has_entity(text, name, kind), "{text}: {:?}", entities(text));
        }
    }

    #[test]
    fn works_and_products_are_not_organisations() {
        // (text, a name the words around call a work or product, a real
        // organisation in the same text that must stay one)
        let cases = [
            (
                "Scorsese's film The Aviator leads the race. The Aviator, starring \
                 Leonardo DiCaprio, won. Critics loved the epic The Aviator. The \
                 Aviator took $100m, Miramax said.",
                "Aviator",
                "Miramax",
            ),
            (
                "Microsoft said the Xbox console sold well. The Xbox games console \
                 costs less. Sales of the Xbox version rose. Gamers like the Xbox, \
                 Microsoft said.",
                "Xbox",
                "Microsoft",
            ),
        ];
        for (text, work, org) in cases {
            let found = entities(text);
            assert!(!found.iter().any(|(n, _)| n == work), "{work}: {found:?}");
            assert!(
                found.contains(&(org.to_string(), EntityKind::Organisation)),
                "{org}: {found:?}"
            );
        }
        // Twice is not enough: a company named once beside "film" stays.
        let text = "Pixar said its film Cars did well. Pixar shares rose. Pixar \
                    hired staff. Pixar, the studio, grew. Pixar said it would expand.";
        assert!(
            has_entity(text, "Pixar", EntityKind::Organisation),
            "{:?}",
            entities(text)
        );
    }

    #[test]
    fn false_friends_are_not_entities() {
        let cases = [
            (
                "Investors eye the Two Sessions meetings in March.",
                "Two Sessions",
            ),
            ("It released Qwen3-Max last week.", "Max"),
            ("Despite the rally, investors waited.", "Despite"),
            ("On Tuesday the market fell.", "Tuesday"),
            ("Chinese stocks rose.", "Chinese"),
            ("The AI push continued, the CEO said.", "AI"),
        ];
        for (text, name) in cases {
            assert!(
                !entities(text).iter().any(|(n, _)| n == name),
                "{text}: {:?}",
                entities(text)
            );
        }
    }

    #[test]
    fn short_mentions_resolve_within_article_then_corpus() {
        let a = parse_article("a", "T\n\nCo-founder Jack Ma spoke. Later Ma left.");
        let b = parse_article("b", "T\n\nShares rose after Ma appeared, analysts said.");
        let facts = extract_corpus(&[a, b]);
        let ma: Vec<_> = facts
            .entities
            .iter()
            .filter(|e| e.name.contains("Ma"))
            .collect();
        assert_eq!(ma.len(), 1, "{:?}", facts.entities);
        assert_eq!(ma[0].name, "Jack Ma");
        assert_eq!(facts.articles[1].mentions.len(), 1);
        assert_eq!(key("McDonald's"), "mcdonald");
    }
}
