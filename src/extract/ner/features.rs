//! The recogniser's features for each token: the word and its neighbours,
//! shape, affixes, capitalisation, position in the sentence, word clusters,
//! and membership of general gazetteers (given names, places, company
//! suffixes, roles, honorifics, nationalities, organisation cues, verbs of
//! speech). One generator ([`Sentence::emit`]) serves training and tagging.

use super::super::lexicon as lx;
use super::model::Fnv;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

type Set = HashSet<&'static str, BuildHasherDefault<Fnv>>;

/// General word lists the features look words up in (lower case).
pub struct Gazetteer {
    given: Set,
    places: Set,
    /// Every word of a multi-word place ("new", "york").
    place_words: Set,
    org_suffixes: Set,
    roles: Set,
    honorifics: Set,
    demonyms: Set,
    dates: Set,
    /// Words before an organisation's name ("firm", "drugmaker").
    org_cues: Set,
    /// Words after one ("shares", "spokesman").
    org_after: Set,
    /// Verbs of speech ("said", "told").
    speech: Set,
    /// Word clusters learnt from unlabelled news (`examples/clusters.rs`):
    /// coarse and fine cluster of each word as written.
    clusters: HashMap<&'static str, (&'static str, &'static str), BuildHasherDefault<Fnv>>,
}

impl Gazetteer {
    /// The built-in gazetteer (built once).
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            let set = |list: &[&'static str]| list.iter().copied().collect::<Set>();
            Gazetteer {
                given: include_str!("given_names.txt")
                    .lines()
                    .chain(lx::GIVEN_NAMES.iter().copied())
                    .collect(),
                places: set(lx::PLACES),
                place_words: lx::PLACES
                    .iter()
                    .filter(|p| p.contains(' '))
                    .flat_map(|p| p.split(' '))
                    .filter(|w| w.len() > 2)
                    .collect(),
                org_suffixes: set(lx::ORG_SUFFIXES),
                roles: set(lx::ROLES),
                honorifics: set(lx::HONORIFICS),
                demonyms: set(lx::DEMONYMS),
                dates: lx::WEEKDAYS
                    .iter()
                    .copied()
                    .chain(lx::MONTHS.iter().map(|(m, _)| *m))
                    .collect(),
                org_cues: set(lx::ORG_CUES),
                org_after: set(lx::ORG_AFTER),
                speech: set(lx::SPEECH_VERBS),
                clusters: include_str!("clusters.txt")
                    .lines()
                    .filter_map(|l| {
                        let mut cols = l.split('\t');
                        Some((cols.next()?, (cols.next()?, cols.next()?)))
                    })
                    .collect(),
            }
        })
    }

    /// The clusters of a word as written (or, failing that, of its lower-case form).
    fn clusters_of(&self, word: &str, lower: &str) -> Option<(&'static str, &'static str)> {
        self.clusters
            .get(word)
            .or_else(|| self.clusters.get(lower))
            .copied()
    }

    /// Gazetteer tags of one lower-case word (a final dot ignored).
    fn tags(&self, lower: &str, capitalised: bool) -> impl Iterator<Item = &'static str> + use<'_> {
        let w = lower.trim_end_matches('.');
        [
            (capitalised && self.given.contains(w), "gn"),
            (self.places.contains(w), "pl"),
            (self.place_words.contains(w), "pw"),
            (self.org_suffixes.contains(w), "os"),
            (self.roles.contains(w), "ro"),
            (self.honorifics.contains(w), "ho"),
            (self.demonyms.contains(w), "dm"),
            (self.dates.contains(w), "dt"),
            (self.org_cues.contains(w), "oc"),
            (self.org_after.contains(w), "oa"),
            (self.speech.contains(w), "sv"),
        ]
        .into_iter()
        .filter_map(|(on, tag)| on.then_some(tag))
    }
}

/// Whether a lower-case word is a common word of news (written in lower
/// case often enough to have a cluster): "island", "heart", "party".
pub fn is_common_word(lower: &str) -> bool {
    !lower.chars().any(char::is_uppercase) && Gazetteer::get().clusters.contains_key(lower)
}

/// The word's shape, runs collapsed: "McCartney" → "XxXx", "U.S." → "X.X.",
/// "1,234" → "d,d".
fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = ' ';
    for c in word.chars().take(24) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k != last {
            out.push(k);
            last = k;
        }
    }
    out
}

fn prefix(word: &str, n: usize) -> Option<&str> {
    let end = word.char_indices().nth(n).map(|(i, _)| i)?;
    word.get(..end)
}

fn suffix(word: &str, n: usize) -> Option<&str> {
    let count = word.chars().count();
    if count <= n {
        return None;
    }
    let start = word.char_indices().nth(count - n).map(|(i, _)| i)?;
    word.get(start..)
}

fn is_title(word: &str) -> bool {
    let mut cs = word.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
}

fn is_upper(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
}

/// A sentence prepared for feature generation.
pub(crate) struct Sentence<'a> {
    words: &'a [&'a str],
    lowers: Vec<String>,
    shapes: Vec<String>,
    caps: bool,
    /// Gazetteer tags and coarse cluster of each token (read by its neighbours).
    tags: Vec<Vec<&'static str>>,
    clusters: Vec<Option<&'static str>>,
}

impl<'a> Sentence<'a> {
    pub(crate) fn new(words: &'a [&'a str]) -> Self {
        let g = Gazetteer::get();
        let letters = words.iter().filter(|w| w.chars().any(char::is_alphabetic));
        let lowers: Vec<String> = words
            .iter()
            .map(|w| w.to_lowercase().replace('’', "'"))
            .collect();
        let tags = words
            .iter()
            .zip(&lowers)
            .map(|(w, l)| g.tags(l, is_title(w) || is_upper(w)).collect())
            .collect();
        let clusters = words
            .iter()
            .zip(&lowers)
            .map(|(w, l)| g.clusters_of(w, l).map(|c| c.0))
            .collect();
        Sentence {
            words,
            shapes: words.iter().map(|w| shape(w)).collect(),
            caps: letters.clone().count() >= 3 && letters.clone().all(|w| is_upper(w)),
            lowers,
            tags,
            clusters,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    pub(crate) fn word(&self, i: usize) -> &str {
        self.words.get(i).copied().unwrap_or("")
    }

    fn lower_at(&self, i: isize) -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.lowers.get(i))
            .map_or(if i < 0 { "<s>" } else { "</s>" }, String::as_str)
    }

    fn shape_at(&self, i: isize) -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.shapes.get(i))
            .map_or("_", String::as_str)
    }

    /// Features that depend on the word alone (the same wherever it stands).
    pub(crate) fn emit_word(&self, i: usize, emit: &mut dyn FnMut(&str)) {
        let g = Gazetteer::get();
        let word = self.word(i);
        let lower = self.lowers.get(i).map_or("", String::as_str);
        let mut buf = String::with_capacity(32);
        let mut put = |buf: &mut String, args: std::fmt::Arguments<'_>| {
            buf.clear();
            let _ = buf.write_fmt(args);
            emit(buf);
        };
        put(&mut buf, format_args!("b"));
        put(&mut buf, format_args!("w={lower}"));
        put(&mut buf, format_args!("s={}", shape(word)));
        for n in 1..=4 {
            if let Some(p) = prefix(lower, n) {
                put(&mut buf, format_args!("p{n}={p}"));
            }
            if let Some(x) = suffix(lower, n) {
                put(&mut buf, format_args!("x{n}={x}"));
            }
        }
        let title = is_title(word);
        let upper = is_upper(word);
        let flags = [
            (title, "T"),
            (upper, "U"),
            (word.chars().any(|c| c.is_ascii_digit()), "D"),
            (word.contains('-'), "H"),
        ];
        for (on, f) in flags {
            if on {
                put(&mut buf, format_args!("{f}"));
            }
        }
        for t in g.tags(lower, title || upper) {
            put(&mut buf, format_args!("g={t}"));
        }
        // A capitalised word whose lower-case form is a common word of news
        // ("The", "Shares"), as opposed to one that is only ever a name.
        if (title || upper) && word != lower && g.clusters.contains_key(lower) {
            put(&mut buf, format_args!("K"));
        }
        match g.clusters_of(word, lower) {
            Some((c, fine)) => {
                put(&mut buf, format_args!("c={c}"));
                put(&mut buf, format_args!("C={fine}"));
                put(&mut buf, format_args!("c|s={c}|{}", shape(word)));
            }
            None => put(&mut buf, format_args!("c=none")),
        }
    }

    /// Features that depend on the neighbours, the sentence and the document.
    pub(crate) fn emit_context(
        &self,
        i: usize,
        lower_seen: &dyn Fn(&str) -> bool,
        emit: &mut dyn FnMut(&str),
    ) {
        let ii = isize::try_from(i).unwrap_or(isize::MAX);
        let word = self.word(i);
        let lower = self.lower_at(ii);
        let cap = is_title(word) || is_upper(word);
        let mut buf = String::with_capacity(48);
        let mut put = |buf: &mut String, args: std::fmt::Arguments<'_>| {
            buf.clear();
            let _ = buf.write_fmt(args);
            emit(buf);
        };
        if self.caps {
            put(&mut buf, format_args!("A"));
        }
        if i == 0 {
            put(&mut buf, format_args!("F"));
        }
        if cap && lower_seen(lower) {
            put(&mut buf, format_args!("L"));
            if i == 0 {
                put(&mut buf, format_args!("FL"));
            }
        }
        for d in [-2isize, -1, 1, 2] {
            let w = self.lower_at(ii + d);
            put(&mut buf, format_args!("w[{d}]={w}"));
            put(&mut buf, format_args!("s[{d}]={}", self.shape_at(ii + d)));
            let j = usize::try_from(ii + d).ok();
            if d.abs() == 1 || d == -2 {
                for t in j.and_then(|j| self.tags.get(j)).into_iter().flatten() {
                    put(&mut buf, format_args!("g[{d}]={t}"));
                }
            }
            if d.abs() == 1 {
                if let Some(c) = j.and_then(|j| self.clusters.get(j)).copied().flatten() {
                    put(&mut buf, format_args!("c[{d}]={c}"));
                }
            }
        }
        put(
            &mut buf,
            format_args!("w[-1]|w={}|{lower}", self.lower_at(ii - 1)),
        );
        put(
            &mut buf,
            format_args!("w|w[1]={lower}|{}", self.lower_at(ii + 1)),
        );
        put(
            &mut buf,
            format_args!(
                "s[-1]|s|s[1]={}|{}|{}",
                self.shape_at(ii - 1),
                self.shape_at(ii),
                self.shape_at(ii + 1)
            ),
        );
    }
}

/// Features of every token of a sentence, as strings (what training reads).
/// `lower_seen(w)` says whether the lower-case word `w` is written in lower
/// case elsewhere in the document.
pub fn features(words: &[&str], lower_seen: &dyn Fn(&str) -> bool) -> Vec<Vec<String>> {
    let s = Sentence::new(words);
    (0..s.len())
        .map(|i| {
            let mut f = Vec::with_capacity(48);
            s.emit_word(i, &mut |x| f.push(x.to_string()));
            s.emit_context(i, lower_seen, &mut |x| f.push(x.to_string()));
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let cases = [
            ("McCartney", "XxXx"),
            ("U.S.", "X.X."),
            ("1,234", "d,d"),
            ("BBC", "X"),
            ("", ""),
        ];
        for (w, want) in cases {
            assert_eq!(shape(w), want, "{w}");
        }
    }

    #[test]
    fn features_read_the_gazetteer_and_neighbours() {
        let f = features(&["Sir", "Paul", "McCartney", "said"], &|w| w == "said");
        assert!(f[1].contains(&"g=gn".to_string()), "{:?}", f[1]);
        assert!(f[1].contains(&"g[-1]=ho".to_string()));
        assert!(f[2].contains(&"w[-1]=paul".to_string()));
        assert!(f[2].contains(&"g[1]=sv".to_string()));
        assert!(f[0].contains(&"F".to_string()));
        assert!(
            !f[3].contains(&"L".to_string()),
            "lower-case words get no L"
        );
        assert!(features(&[], &|_| false).is_empty());
    }
}
