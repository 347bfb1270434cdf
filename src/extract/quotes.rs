//! Quotations and their speakers.
//!
//! A quotation is text between “…” or "…" of at least [`MIN_WORDS`] words
//! (shorter ones are scare quotes: “Trump trade”). An opening mark left
//! unclosed at the end of a paragraph runs to its end (news style for
//! quotes that go on in the next paragraph).
//!
//! The speaker, in order of trust: a speech verb right after the quote in
//! the same sentence ("…," said Nigel Roberts / Mr Varley said / he said),
//! a dash attribution ("… – Wu, CEO of Alibaba"), a speech verb before it
//! in the same sentence (Jen says that “…”, in the words of X, “…”), an
//! attribution in the next sentence of the paragraph ("However, he
//! added"), else the speaker of the quote just before. Pronouns take the
//! last person named before the quote; "the firm said" the last
//! organisation.

use super::lexicon::{self as lx, has};
use super::names::Span;
use super::tokens::Tok;
use super::{Entity, EntityKind, Loc, Quote, Sentence};
use std::collections::HashMap;

/// Fewest words for a quotation (fewer is a scare quote).
pub const MIN_WORDS: usize = 5;

/// A name in document order: paragraph, sentence, byte range, entity.
#[derive(Debug, Clone, Copy)]
struct Named {
    para: usize,
    sentence: usize,
    start: usize,
    end: usize,
    entity: usize,
}

/// Where the words searched for an attribution stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Right after the quote, in its sentence.
    After,
    /// Before the quote, in its sentence.
    Before,
    /// The next sentence, which quotes nothing itself.
    Next,
}

/// Quote spans of one text: (open mark start, inner start, inner end, close mark end).
fn spans(text: &str) -> Vec<(usize, usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let before = k.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, b)| b);
        let after = chars.get(k + 1).map(|&(_, a)| a);
        // A straight quote opens when a space (or the start) comes before it and
        // a word after it; otherwise it closes.
        let opening = match c {
            '“' => true,
            '"' => {
                before.is_none_or(|b| b.is_whitespace() || "([{—–-".contains(b))
                    && after.is_some_and(|a| !a.is_whitespace())
            }
            _ => false,
        };
        let closing = c == '”' || (c == '"' && !opening);
        if opening {
            // News style: a quote that runs on into a new one ("…reared. "I am…")
            // ends where the next opens.
            if let Some(s) = open.take() {
                out.push((s, s + c_len(text, s), i, i));
            }
            open = Some(i);
        } else if closing {
            if let Some(s) = open.take() {
                out.push((s, s + c_len(text, s), i, i + c.len_utf8()));
            }
        }
    }
    if let Some(s) = open {
        out.push((s, s + c_len(text, s), text.len(), text.len()));
    }
    out
}

fn c_len(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|t| t.chars().next())
        .map_or(1, char::len_utf8)
}

/// Words as a reader counts them: "full-stack" is one.
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

const PRONOUNS: &[&str] = &["he", "she", "they", "we"];
const ORG_NOUNS: &[&str] = &[
    "firm",
    "company",
    "bank",
    "group",
    "minutes",
    "statement",
    "report",
    "business",
    "carrier",
    "maker",
    "government",
    "ministry",
    "regulator",
    "agency",
    "board",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "insurer",
    "lender",
    "retailer",
    "giant",
];

struct Ctx<'a> {
    /// Every name, sorted by (paragraph, start).
    named: Vec<Named>,
    entities: &'a [Entity],
    /// Per paragraph, the range of `named` it holds.
    para_named: HashMap<usize, (usize, usize)>,
    /// Indices into `named` of the people not named inside a quotation.
    persons: Vec<usize>,
    /// The first of `persons` in each (paragraph, sentence).
    first_person: HashMap<(usize, usize), usize>,
    /// Indices into `named` of the organisations.
    orgs: Vec<usize>,
}

impl<'a> Ctx<'a> {
    /// `named` sorted by (paragraph, start); `quoted`: each paragraph's
    /// quotation spans (inner start, inner end), in order.
    fn new(
        named: Vec<Named>,
        entities: &'a [Entity],
        quoted: &HashMap<usize, Vec<(usize, usize)>>,
    ) -> Self {
        let kind = |e: usize| entities.get(e).map(|x| x.kind);
        let mut para_named: HashMap<usize, (usize, usize)> = HashMap::new();
        let mut persons = Vec::new();
        let mut first_person = HashMap::new();
        let mut orgs = Vec::new();
        for (i, n) in named.iter().enumerate() {
            para_named.entry(n.para).or_insert((i, i)).1 = i + 1;
            // Names inside quotations are what someone said, not who is
            // speaking. The spans are in order and do not overlap: only the
            // last one starting before the name can hold it.
            let spans = quoted.get(&n.para).map_or(&[][..], Vec::as_slice);
            let k = spans.partition_point(|&(a, _)| a <= n.start);
            let inside = k
                .checked_sub(1)
                .and_then(|k| spans.get(k))
                .is_some_and(|&(_, b)| n.end <= b);
            match kind(n.entity) {
                Some(EntityKind::Person) if !inside => {
                    first_person.entry((n.para, n.sentence)).or_insert(i);
                    persons.push(i);
                }
                Some(EntityKind::Organisation) => orgs.push(i),
                _ => {}
            }
        }
        Ctx {
            named,
            entities,
            para_named,
            persons,
            first_person,
            orgs,
        }
    }

    fn kind(&self, e: usize) -> Option<EntityKind> {
        self.entities.get(e).map(|x| x.kind)
    }

    /// The names of paragraph `para`, in order of their start.
    fn in_para(&self, para: usize) -> &[Named] {
        self.para_named
            .get(&para)
            .and_then(|&(a, b)| self.named.get(a..b))
            .unwrap_or(&[])
    }

    /// Of `list` (indices into `named`, in its order), the last name that
    /// ends before (para, pos): in an earlier paragraph, or in `para`
    /// ending at or before `pos`.
    fn last_before(&self, list: &[usize], para: usize, pos: usize) -> Option<usize> {
        let get = |i: usize| self.named.get(i);
        let lo = list.partition_point(|&i| get(i).is_some_and(|n| n.para < para));
        let here = list.get(lo..).unwrap_or(&[]);
        // A name that starts after `pos` also ends after it.
        let upto =
            here.partition_point(|&i| get(i).is_some_and(|n| n.para == para && n.start <= pos));
        here.get(..upto)
            .unwrap_or(&[])
            .iter()
            .rev()
            .find(|&&i| get(i).is_some_and(|n| n.end <= pos))
            .or_else(|| lo.checked_sub(1).and_then(|k| list.get(k)))
            .copied()
    }

    /// For a pronoun: the person named first in the last sentence before
    /// (para, pos) that names a person (the subject, more often than not).
    fn person_before(&self, para: usize, pos: usize) -> Option<usize> {
        let last = self
            .named
            .get(self.last_before(&self.persons, para, pos)?)?;
        let first = self.first_person.get(&(last.para, last.sentence))?;
        self.named.get(*first).map(|n| n.entity)
    }

    /// The last organisation named before (para, pos).
    fn org_before(&self, para: usize, pos: usize) -> Option<usize> {
        let i = self.last_before(&self.orgs, para, pos)?;
        self.named.get(i).map(|n| n.entity)
    }

    /// The speaker named in `toks` (a stretch of one sentence), if a speech verb is there.
    fn speaker_in(
        &self,
        para: usize,
        toks: &[Tok<'_>],
        anchor: usize,
        place: Place,
    ) -> Option<usize> {
        let verb = toks
            .iter()
            .position(|t| has(lx::SPEECH_VERBS, &t.lower()) || t.lower() == "words")?;
        if place == Place::Next && verb > 5 {
            return None;
        }
        let speaking = |n: &&Named| {
            n.para == para && self.kind(n.entity).is_some_and(|k| k != EntityKind::Place)
        };
        // The paragraph's names are in order of their start, and a name
        // that starts after `b` also ends after it.
        let here = self.in_para(para);
        let in_range = |a: usize, b: usize| -> Vec<&Named> {
            let from = here.partition_point(|n| n.start < a);
            here.get(from..)
                .unwrap_or(&[])
                .iter()
                .take_while(|n| n.start <= b)
                .filter(speaking)
                .filter(|n| n.end <= b)
                .collect()
        };
        let vstart = toks.get(verb).map_or(0, |t| t.start);
        let vend = toks.get(verb).map_or(0, |t| t.end);
        let start = toks.first().map_or(0, |t| t.start);
        let end = toks.last().map_or(0, |t| t.end);
        let before = in_range(start, vstart);
        let after_names = in_range(vend, end);
        let gap = |n: &Named| {
            toks.iter()
                .filter(|t| t.start >= vend && t.end <= n.start)
                .count()
        };
        // After the verb: a person within a few words ("said Southcorp chairman Brian Finn"),
        // else any name right after it ("said Nigel Roberts", "according to X").
        // Not after "told": who is told listens ("he told BBC Radio 4").
        let listener = ["told", "tells", "tell", "telling"].contains(
            &toks
                .get(verb)
                .map(|t| t.lower())
                .unwrap_or_default()
                .as_str(),
        );
        let after = after_names
            .iter()
            .find(|n| gap(n) <= 6 && self.kind(n.entity) == Some(EntityKind::Person))
            .or_else(|| after_names.first().filter(|n| gap(n) <= 3))
            .map(|n| n.entity)
            .filter(|_| !listener);
        let chosen = match place {
            // Right after the quote, a name before the verb is the speaker
            // ("…," Jane Roe, from X, told Reuters): the one nearest the quote.
            Place::After => before.first().map(|n| n.entity).or(after),
            // "in the words of X, “…”", "according to X, “…”": the name after the verb.
            Place::Before
                if ["words", "according"].contains(
                    &toks
                        .get(verb)
                        .map(|t| t.lower())
                        .unwrap_or_default()
                        .as_str(),
                ) =>
            {
                after.or_else(|| before.last().map(|n| n.entity))
            }
            // "Jen, CEO of Eurizon, says that “…”": the person before the verb, else the nearest name.
            Place::Before => before
                .iter()
                .rev()
                .find(|n| self.kind(n.entity) == Some(EntityKind::Person))
                .or(before.last())
                .map(|n| n.entity)
                .or(after),
            Place::Next => before.first().map(|n| n.entity),
        };
        let pronoun = toks
            .iter()
            .take(verb)
            .rev()
            .take(3)
            .any(|t| has(PRONOUNS, &t.lower()));
        let org_noun = toks
            .iter()
            .take(verb)
            .rev()
            .take(3)
            .any(|t| has(ORG_NOUNS, &t.lower()));
        chosen
            .or_else(|| pronoun.then(|| self.person_before(para, anchor)).flatten())
            .or_else(|| org_noun.then(|| self.org_before(para, anchor)).flatten())
    }
}

/// Find the quotations of an article.
pub(crate) fn find(sents: &[Sentence<'_>], spans_: &[Span], entities: &[Entity]) -> Vec<Quote> {
    let mut named: Vec<Named> = spans_
        .iter()
        .filter_map(|m| {
            let s = sents.get(m.sentence)?;
            let l = s.loc(m.from, m.to);
            Some(Named {
                para: s.para,
                sentence: m.sentence,
                start: l.start,
                end: l.end,
                entity: m.entity,
            })
        })
        .collect();
    named.sort_by_key(|n| (n.para, n.start));
    // Each paragraph's sentences, in order (a paragraph's sentences share its text).
    let mut para_sents: HashMap<usize, Vec<&Sentence<'_>>> = HashMap::new();
    let mut paras: Vec<&Sentence<'_>> = Vec::new();
    for s in sents.iter().filter(|s| s.block.is_some()) {
        let list = para_sents.entry(s.para).or_default();
        if list.is_empty() {
            paras.push(s);
        }
        list.push(s);
    }
    let quoted: HashMap<usize, Vec<(usize, usize)>> = paras
        .iter()
        .map(|s| {
            let inner = spans(s.text).into_iter().map(|(_, a, b, _)| (a, b));
            (s.para, inner.collect())
        })
        .collect();
    let ctx = Ctx::new(named, entities, &quoted);
    let mut out: Vec<Quote> = Vec::new();
    let mut last_speaker: Option<(usize, Option<usize>)> = None; // (para, speaker)
    for s in paras {
        let para_sents = para_sents.get(&s.para).map_or(&[][..], Vec::as_slice);
        // (index in `para_sents`, first token start, last token end) of
        // the sentences with tokens: in order, and their ranges do not overlap.
        let bounds: Vec<(usize, usize, usize)> = para_sents
            .iter()
            .enumerate()
            .filter_map(|(i, x)| Some((i, x.toks.first()?.start, x.toks.last()?.end)))
            .collect();
        // Whether each sentence quotes something itself (asked at most once each).
        let mut quotes_itself: Vec<Option<bool>> = vec![None; para_sents.len()];
        let text = s.text;
        let first_here = out.len();
        // (index in `out`, close position, open position) of this paragraph's quotes.
        let mut run_on: Vec<(usize, usize, usize)> = Vec::new();
        for (open, inner_s, inner_e, close) in spans(text) {
            let inner = text.get(inner_s..inner_e).unwrap_or("");
            if word_count(inner) < MIN_WORDS {
                continue;
            }
            // The sentence holding the close mark and the one holding the
            // opening: the first that ends at or after the position, if it
            // starts at or before it.
            let find_sent = |pos: usize| {
                let k = bounds.partition_point(|&(_, _, end)| end < pos);
                bounds
                    .get(k)
                    .filter(|&&(_, start, _)| start <= pos)
                    .map(|&(i, _, _)| i)
            };
            let close_i = find_sent(close.saturating_sub(1));
            let open_i = find_sent(open);
            let mut speaker = None;
            if let Some(ci) = close_i {
                if let Some(cs) = para_sents.get(ci) {
                    // Tokens are in order: those from `close` on are a suffix.
                    let from = cs.toks.partition_point(|t| t.start < close);
                    let after: Vec<Tok<'_>> = cs
                        .toks
                        .get(from..)
                        .unwrap_or(&[])
                        .iter()
                        .take(14)
                        .copied()
                        .collect();
                    let dash = after
                        .first()
                        .is_some_and(|t| t.is("–") || t.is("—") || t.is("-"));
                    speaker = ctx.speaker_in(s.para, &after, open, Place::After);
                    if speaker.is_none() && dash {
                        // The first name from `close` on, when it is near the
                        // token after the dash (a later name starts later still).
                        let here = ctx.in_para(s.para);
                        let from = here.partition_point(|n| n.start < close);
                        speaker = here
                            .get(from)
                            .filter(|n| {
                                after
                                    .get(1)
                                    .is_some_and(|t| t.start == n.start || n.start <= t.end + 8)
                            })
                            .map(|n| n.entity);
                    }
                }
            }
            if speaker.is_none() {
                if let Some(os) = open_i.and_then(|oi| para_sents.get(oi)) {
                    // Tokens are in order: those ending by `open` are a prefix.
                    let before = os.toks.partition_point(|t| t.end <= open);
                    let tail = before.saturating_sub(16);
                    speaker = ctx.speaker_in(
                        s.para,
                        os.toks.get(tail..before).unwrap_or_default(),
                        open,
                        Place::Before,
                    );
                }
            }
            if speaker.is_none() {
                // "However, he added, …" in the next sentence, if it quotes nothing itself.
                let next_i = close_i.map(|ci| ci + 1);
                if let Some(next) = next_i.and_then(|ni| para_sents.get(ni)) {
                    let cached = next_i.and_then(|ni| quotes_itself.get_mut(ni));
                    let quotes = |n: &Sentence<'_>| n.toks.iter().any(|t| t.is("“") || t.is("\""));
                    let itself = match cached {
                        Some(Some(known)) => *known,
                        Some(slot) => *slot.insert(quotes(next)),
                        None => quotes(next),
                    };
                    if !itself {
                        let head: Vec<Tok<'_>> = next.toks.iter().take(8).copied().collect();
                        speaker = ctx.speaker_in(s.para, &head, open, Place::Next);
                    }
                }
            }
            if speaker.is_none() {
                if let Some((p, sp)) = last_speaker {
                    if s.para <= p + 2 {
                        speaker = sp;
                    }
                }
            }
            last_speaker = Some((s.para, speaker));
            let sentence_start = open_i
                .and_then(|i| para_sents.get(i))
                .and_then(|x| x.toks.first())
                .map_or(open, |t| t.start);
            let sentence_end = close_i
                .and_then(|i| para_sents.get(i))
                .and_then(|x| x.toks.last())
                .map_or(close, |t| t.end);
            let trimmed = inner.trim();
            let lead = inner.len() - inner.trim_start().len();
            run_on.push((out.len(), close, open));
            out.push(Quote {
                text: trimmed.to_string(),
                speaker: speaker
                    .and_then(|e| entities.get(e))
                    .map(|e| e.name.clone()),
                loc: Loc {
                    segment: s.segment(),
                    start: inner_s + lead,
                    end: inner_s + lead + trimmed.len(),
                    sentence_start,
                    sentence_end,
                },
            });
        }
        // A quote that runs straight into the next one (no closing mark) is the
        // same speaker's: it takes the next one's attribution when it has none.
        for k in (0..run_on.len()).rev() {
            let (Some(&(i, close, _)), Some(&(j, _, next_open))) =
                (run_on.get(k), run_on.get(k + 1))
            else {
                continue;
            };
            if close == next_open && i >= first_here {
                let next = out.get(j).and_then(|q| q.speaker.clone());
                if let Some(q) = out.get_mut(i).filter(|q| q.speaker.is_none()) {
                    q.speaker = next;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::extract_corpus;
    use crate::parse_article;

    fn quotes(text: &str) -> Vec<(String, Option<String>)> {
        let a = parse_article("t", &format!("T\n\n{text}"));
        extract_corpus(&[a])
            .articles
            .remove(0)
            .quotes
            .into_iter()
            .map(|q| (q.text, q.speaker))
            .collect()
    }

    #[test]
    fn speaker_table() {
        let cases: &[(&str, &str, &str)] = &[
            ("“Closures are a key factor here,” said Nigel Roberts, country director.", "Closures are a key factor here,", "Nigel Roberts"),
            ("Analyst Ann Lee spoke. “The numbers are in line with hopes,” Ms Lee said.", "The numbers are in line with hopes,", "Ann Lee"),
            ("Economist Stephen Jen, CEO of a fund, says that “this is a call for a bounce.”", "this is a call for a bounce.", "Stephen Jen"),
            ("“We are vigorously advancing a big plan,” – Wu, CEO of Acme. CEO Eddie Wu runs it.", "We are vigorously advancing a big plan,", "Eddie Wu"),
            ("Minister John Gref spoke. \"I think that the sale is wrong,\" he said.", "I think that the sale is wrong,", "John Gref"),
            ("\"We are saddened by the development,\" Marsh said in a statement.", "We are saddened by the development,", "Marsh"),
        ];
        for (text, quote, speaker) in cases {
            let got = quotes(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].0, *quote, "{text}");
            assert_eq!(got[0].1.as_deref(), Some(*speaker), "{text}: {got:?}");
        }
    }

    #[test]
    fn run_on_quotes_and_names_inside_quotes() {
        // A quote that runs into the next one without closing; a name inside a
        // quote is not who speaks.
        let got = quotes(
            "Analyst Jane Roe spoke at length. \"The town where Adam Smith was born is a fine place. \"I am led to ponder what that means for all of us,\" she said.",
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].0.starts_with("The town where"));
        assert!(got[1].0.starts_with("I am led"));
        assert!(
            got.iter().all(|(_, s)| s.as_deref() == Some("Jane Roe")),
            "{got:?}"
        );
    }

    #[test]
    fn scare_quotes_and_continuations() {
        assert!(quotes("It ended the “Trump trade” party.").is_empty());
        let a = parse_article(
            "t",
            "T\n\n\"The task is not simply to double output,\" Peter Gref told reporters.\n\n\"We don't need simply to grow, but to improve.\" And he warned of risks.",
        );
        let q = extract_corpus(&[a]).articles.remove(0).quotes;
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(
            q.iter().all(|x| x.speaker.as_deref() == Some("Peter Gref")),
            "{q:?}"
        );
    }
}
