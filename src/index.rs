//! Index: an inverted index with positions over two fields (title, body).
//!
//! Built natively at build time (and in the page for added articles) from
//! [`Article::segments`]: the title is field 0, every other segment is
//! field 1. Body positions run on across segments with a gap of [`SEGMENT_GAP`] so
//! that a phrase never matches across two paragraphs or table cells.

use crate::analyse::{is_cjk, is_stop_word, Analyzer};
use crate::model::{Article, Segment};
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Field number of the title.
pub const TITLE: u8 = 0;
/// Field number of the body (paragraphs, headings, list items, table cells).
pub const BODY: u8 = 1;
/// Position gap between body segments.
pub const SEGMENT_GAP: u32 = 16;
/// Words of a document's opening (title first, then the body) that
/// relevance feedback reads: news puts the point first, abstracts are short.
pub const OPENING_WORDS: u32 = 400;

/// Occurrences of one term in one field of one document, as gathered while
/// building (stored packed: see [`pack_postings`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    /// Document number (index into the corpus' articles).
    pub doc: u32,
    /// [`TITLE`] or [`BODY`].
    pub field: u8,
    /// Word positions, strictly increasing.
    pub positions: Vec<u32>,
}

/// The inverted index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    /// Distinct terms, sorted (byte order), unique.
    pub terms: Vec<Text>,
    /// Distinct stems, sorted, unique, and the terms sharing each (rebuilt
    /// on load, not stored).
    #[serde(skip)]
    stems: Stems,
    /// Where each term's packed postings start in `post_bytes` (one more
    /// entry than terms: the last is the end).
    pub post_starts: Vec<u32>,
    /// Every term's postings, packed (see [`PostingIter`]): a few bytes per
    /// posting instead of a vector each. Stored raw after the rest of the
    /// blob ([`crate::store`]), so a blob built into the module is read in
    /// place (borrowed for the program's lifetime): no copy, no decoding.
    #[serde(skip)]
    pub post_bytes: Cow<'static, [u8]>,
    /// Length in words of each field, per document.
    pub field_len: Vec<[u32; 2]>,
    /// Number of words in each document's body (what readers count).
    pub word_count: Vec<u32>,
    /// Per document, the first body position of each body segment (in
    /// [`Article::segments`] order, title left out): maps a position back to
    /// its paragraph or cell without analysing the text again.
    pub body_starts: Vec<Vec<u32>>,
    /// Documents containing each term (rebuilt on load, not stored).
    #[serde(skip)]
    pub doc_freqs: Vec<u32>,
    /// Per document, the content words of its opening (rebuilt on load, not stored).
    #[serde(skip)]
    pub opening: Opening,
    /// Terms by character bigram, built on the first typo lookup.
    #[serde(skip)]
    grams: std::cell::OnceCell<Grams>,
    /// Seek points into long posting lists (rebuilt on load, not stored).
    #[serde(skip)]
    skips: Skips,
    /// Average field lengths (title, body), worked out with the other
    /// derived tables rather than on every query.
    #[serde(skip)]
    avg: [f32; 2],
}

/// The stem table, flat: every stem in one string, the terms of stem `i`
/// at `terms[starts[i]..starts[i + 1]]` (a few allocations, not two per stem).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Stems {
    text: String,
    /// End of each stem in `text`.
    ends: Vec<u32>,
    starts: Vec<u32>,
    terms: Vec<u32>,
}

impl Stems {
    fn build(terms: &[Text], analyzer: &Analyzer) -> Stems {
        let mut pairs: Vec<(String, u32)> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (analyzer.stem(t), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        pairs.sort_unstable();
        let mut out = Stems {
            terms: Vec::with_capacity(pairs.len()),
            ..Stems::default()
        };
        let mut last: Option<String> = None;
        for (stem, t) in pairs {
            if last.as_deref() != Some(stem.as_str()) {
                out.starts
                    .push(u32::try_from(out.terms.len()).unwrap_or(u32::MAX));
                out.text.push_str(&stem);
                out.ends
                    .push(u32::try_from(out.text.len()).unwrap_or(u32::MAX));
                last = Some(stem);
            }
            out.terms.push(t);
        }
        out.starts
            .push(u32::try_from(out.terms.len()).unwrap_or(u32::MAX));
        out
    }

    fn get(&self, i: usize) -> &str {
        let from = i
            .checked_sub(1)
            .and_then(|j| self.ends.get(j))
            .copied()
            .unwrap_or(0);
        let to = self.ends.get(i).copied().unwrap_or(0);
        self.text.get(from as usize..to as usize).unwrap_or("")
    }

    fn find(&self, stem: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.get(mid).cmp(stem) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    fn terms_of(&self, i: usize) -> &[u32] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.terms.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    fn check(&self, n_terms: usize) -> Result<(), String> {
        let n = self.ends.len();
        if self.starts.len() != n + 1
            || self.starts.first() != Some(&0)
            || self.starts.last().map(|&e| e as usize) != Some(self.terms.len())
            || !self.starts.windows(2).all(|w| matches!(w, [a, b] if a < b))
            || self.terms.len() != n_terms
            || self.terms.iter().any(|&t| t as usize >= n_terms)
        {
            return Err("stem tables differ in length".into());
        }
        if !(1..n).all(|i| self.get(i - 1) < self.get(i)) {
            return Err("stems are not sorted and unique".into());
        }
        Ok(())
    }
}

/// A posting's place in its list: postings are sorted by (doc, field).
fn key(doc: u32, field: u8) -> u64 {
    (u64::from(doc) << 1) | u64::from(field & 1)
}

/// Postings per seek point: a lookup by document reads at most this many.
const SKIP_EVERY: usize = 32;

/// Seek points every [`SKIP_EVERY`] postings of each term.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Skips {
    /// Per term, where its seek points start in `points` (terms + 1 entries).
    starts: Vec<u32>,
    /// (key of the posting: doc × 2 + field, its byte offset in the term's
    /// run, the document its gap counts from).
    points: Vec<(u64, u32, u32)>,
}

/// One posting read from the packed lists.
#[derive(Debug, Clone, Copy)]
pub struct PostingRef<'a> {
    /// Document number.
    pub doc: u32,
    /// [`TITLE`] or [`BODY`].
    pub field: u8,
    /// Number of positions (the term frequency in this field).
    pub count: u32,
    packed: &'a [u8],
}

impl<'a> PostingRef<'a> {
    /// True when the packed positions are exactly `count` strictly
    /// increasing positions, with no byte left over.
    fn positions_ok(&self) -> bool {
        let mut rest = self.packed;
        let mut n = 0u32;
        while !rest.is_empty() {
            match read_varint(&mut rest) {
                Some(gap) if gap > 0 || n == 0 => n += 1,
                _ => return false,
            }
        }
        n > 0 && n == self.count
    }

    /// Word positions, increasing.
    pub fn positions(&self) -> impl Iterator<Item = u32> + 'a {
        let mut rest = self.packed;
        let mut at = 0u32;
        std::iter::from_fn(move || {
            at = at.checked_add(read_varint(&mut rest)?)?;
            Some(at)
        })
    }
}

/// The postings of one term, sorted by (doc, field). Each posting is packed
/// as varints: `(doc gap from the previous posting) × 2 + field`, the
/// position count, the byte length of the positions, then the positions as
/// gaps from the previous one. Stops at the first malformed byte (decoded
/// blobs are validated, so that only happens to a corrupt index).
#[derive(Debug, Clone)]
pub struct PostingIter<'a> {
    rest: &'a [u8],
    doc: u32,
}

impl<'a> Iterator for PostingIter<'a> {
    type Item = PostingRef<'a>;

    fn next(&mut self) -> Option<PostingRef<'a>> {
        let head = read_varint(&mut self.rest)?;
        let count = read_varint(&mut self.rest)?;
        let len = read_varint(&mut self.rest)? as usize;
        let (packed, rest) = self.rest.split_at_checked(len)?;
        self.rest = rest;
        self.doc = self.doc.checked_add(head >> 1)?;
        Some(PostingRef {
            doc: self.doc,
            field: (head & 1) as u8,
            count,
            packed,
        })
    }
}

/// Pack posting lists (each sorted by (doc, field), positions increasing)
/// into the `post_starts` / `post_bytes` layout.
pub fn pack_postings(lists: &[Vec<Posting>]) -> (Vec<u32>, Vec<u8>) {
    let mut starts = Vec::with_capacity(lists.len() + 1);
    let mut bytes = Vec::new();
    let mut pos_buf = Vec::new();
    for list in lists {
        starts.push(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
        let mut prev_doc = 0u32;
        for p in list {
            pos_buf.clear();
            let mut prev = 0u32;
            for &x in &p.positions {
                write_varint(&mut pos_buf, x.wrapping_sub(prev));
                prev = x;
            }
            write_varint(
                &mut bytes,
                (p.doc.wrapping_sub(prev_doc) << 1) | u32::from(p.field & 1),
            );
            write_varint(
                &mut bytes,
                u32::try_from(p.positions.len()).unwrap_or(u32::MAX),
            );
            write_varint(&mut bytes, u32::try_from(pos_buf.len()).unwrap_or(u32::MAX));
            bytes.extend_from_slice(&pos_buf);
            prev_doc = p.doc;
        }
    }
    starts.push(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
    (starts, bytes)
}

/// Terms by padded character bigram (`^c`, `ca`, `at`, `t$`), to find typo
/// candidates without comparing the query word with every term.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grams {
    keys: Vec<u64>,
    starts: Vec<u32>,
    terms: Vec<u32>,
}

/// The padded bigrams of a word, as keys (start and end markers are the
/// code points 0 and 1, which folded terms never contain).
pub fn bigrams(word: &str) -> impl Iterator<Item = u64> + '_ {
    let mut prev = 0u32;
    word.chars()
        .map(u32::from)
        .chain(std::iter::once(1))
        .map(move |c| {
            let key = (u64::from(prev) << 32) | u64::from(c);
            prev = c;
            key
        })
}

impl Grams {
    fn build(terms: &[Text]) -> Grams {
        let mut counts: BTreeMap<u64, u32> = BTreeMap::new();
        let mut mine = Vec::new();
        let each = |term: &str, mine: &mut Vec<u64>| {
            mine.clear();
            mine.extend(bigrams(term));
            mine.sort_unstable();
            mine.dedup();
        };
        for term in terms {
            each(term, &mut mine);
            for &g in &mine {
                *counts.entry(g).or_default() += 1;
            }
        }
        let mut keys = Vec::with_capacity(counts.len());
        let mut starts = Vec::with_capacity(counts.len() + 1);
        let mut at = 0u32;
        for (&k, c) in counts.iter_mut() {
            keys.push(k);
            starts.push(at);
            at += *c;
            *c = starts.last().copied().unwrap_or(0);
        }
        starts.push(at);
        let mut out = vec![0u32; at as usize];
        for (t, term) in terms.iter().enumerate() {
            each(term, &mut mine);
            for g in &mine {
                if let Some(cursor) = counts.get_mut(g) {
                    if let Some(slot) = out.get_mut(*cursor as usize) {
                        *slot = u32::try_from(t).unwrap_or(u32::MAX);
                    }
                    *cursor += 1;
                }
            }
        }
        Grams {
            keys,
            starts,
            terms: out,
        }
    }

    /// Terms containing the bigram `key`, in term order.
    pub fn terms(&self, key: u64) -> &[u32] {
        let Ok(i) = self.keys.binary_search(&key) else {
            return &[];
        };
        let from = self.starts.get(i).copied().unwrap_or(0) as usize;
        let to = self.starts.get(i + 1).copied().unwrap_or(0) as usize;
        self.terms.get(from..to).unwrap_or(&[])
    }
}

/// The distinct content words (no stop words, numbers or CJK bigrams) among
/// each document's first [`OPENING_WORDS`] words, with their counts: what
/// relevance feedback reads, so that a query never analyses text again.
/// Packed per document as varint pairs (gap from the previous term number,
/// count) in term order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Opening {
    starts: Vec<u32>,
    bytes: Vec<u8>,
}

impl Opening {
    /// `(term, count)` of document `doc`'s opening, in term order.
    pub fn words(&self, doc: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let d = doc as usize;
        let from = self.starts.get(d).copied().unwrap_or(0) as usize;
        let to = self.starts.get(d + 1).copied().unwrap_or(0) as usize;
        let mut rest = self.bytes.get(from..to).unwrap_or(&[]);
        let mut term = 0u32;
        std::iter::from_fn(move || {
            let gap = read_varint(&mut rest)?;
            let count = read_varint(&mut rest)?;
            term = term.checked_add(gap)?;
            Some((term, count))
        })
    }
}

fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn varint_len(v: u32) -> u32 {
    match v {
        0..=0x7f => 1,
        0x80..=0x3fff => 2,
        0x4000..=0x1f_ffff => 3,
        0x20_0000..=0xfff_ffff => 4,
        _ => 5,
    }
}

fn read_varint(bytes: &mut &[u8]) -> Option<u32> {
    let mut v = 0u32;
    for shift in (0..35).step_by(7) {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        v |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// Check one term's packed postings: every byte read, documents in range,
/// (doc, field) strictly increasing, positions strictly increasing and
/// exactly as many as counted.
fn check_run(run: &[u8], docs: usize) -> Result<(), String> {
    let bad = |what: &str| Err(format!("postings: {what}"));
    if run.is_empty() {
        return bad("a term has none");
    }
    let mut it = PostingIter { rest: run, doc: 0 };
    let mut prev: Option<u64> = None;
    for p in it.by_ref() {
        if p.doc as usize >= docs {
            return bad("a posting points outside the corpus");
        }
        if prev.is_some_and(|k| k >= key(p.doc, p.field)) {
            return bad("not sorted");
        }
        prev = Some(key(p.doc, p.field));
        if !p.positions_ok() {
            return bad("positions are not strictly increasing or not as many as counted");
        }
    }
    // The iterator stops at the first malformed byte: all must have been read.
    if !it.rest.is_empty() {
        return bad("truncated or malformed");
    }
    Ok(())
}

/// A content word: not a stop word, not a number, not a CJK bigram.
fn is_content_word(term: &str) -> bool {
    term.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && !is_cjk(c))
        && !is_stop_word(term)
}

impl Index {
    /// Build the index of `articles`.
    pub fn build(articles: &[Article], analyzer: &Analyzer) -> Index {
        // term → doc → field → positions
        let mut map: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
        let mut field_len = Vec::with_capacity(articles.len());
        let mut word_count = Vec::with_capacity(articles.len());
        let mut body_starts = Vec::with_capacity(articles.len());
        for (d, article) in articles.iter().enumerate() {
            let doc = u32::try_from(d).unwrap_or(u32::MAX);
            let mut lens = [0u32; 2];
            let mut body_base = 0u32;
            let mut words = 0u32;
            let mut starts = Vec::new();
            for (seg, text) in article.segments() {
                let field = if seg == Segment::Title { TITLE } else { BODY };
                if field == BODY {
                    starts.push(body_base);
                }
                let base = if field == TITLE { 0 } else { body_base };
                let tokens = analyzer.tokens(text);
                let mut last = 0;
                for t in &tokens {
                    let pos = base + t.pos;
                    last = t.pos + 1;
                    let list = map.entry(t.term.clone()).or_default();
                    match list.last_mut() {
                        Some(p) if p.doc == doc && p.field == field => p.positions.push(pos),
                        _ => list.push(Posting {
                            doc,
                            field,
                            positions: vec![pos],
                        }),
                    }
                }
                let n = u32::try_from(tokens.len()).unwrap_or(u32::MAX);
                if let Some(l) = lens.get_mut(field as usize) {
                    *l = l.saturating_add(n);
                }
                if field == BODY {
                    words = words.saturating_add(
                        u32::try_from(text.split_whitespace().count()).unwrap_or(0),
                    );
                    body_base = body_base.saturating_add(last + SEGMENT_GAP);
                }
            }
            field_len.push(lens);
            word_count.push(words);
            body_starts.push(starts);
        }
        // Postings were pushed doc by doc, but a title posting may follow a body
        // posting of the same doc only if segments interleave; sort to be sure.
        let mut terms = Vec::with_capacity(map.len());
        let mut lists = Vec::with_capacity(map.len());
        for (term, mut list) in map {
            list.sort_unstable_by_key(|p| (p.doc, p.field));
            terms.push(Text::from(term));
            lists.push(list);
        }
        let (post_starts, post_bytes) = pack_postings(&lists);
        let post_bytes = Cow::Owned(post_bytes);
        drop(lists);
        let mut index = Index {
            terms,
            post_starts,
            post_bytes,
            field_len,
            word_count,
            body_starts,
            ..Index::default()
        };
        index.build_derived(analyzer);
        index
    }

    /// (Re)build every table that is derived from the stored ones rather
    /// than stored: stems, document frequencies, openings.
    pub fn build_derived(&mut self, analyzer: &Analyzer) {
        self.build_stems(analyzer);
        let n_terms = self.terms.len();
        let mut doc_freqs = Vec::with_capacity(n_terms);
        let mut skips = Skips::default();
        for t in 0..n_terms {
            let t = u32::try_from(t).unwrap_or(u32::MAX);
            skips
                .starts
                .push(u32::try_from(skips.points.len()).unwrap_or(u32::MAX));
            let run = self.run(t);
            let mut it = self.postings(t);
            let mut n = 0u32;
            let mut last = None;
            for i in 0.. {
                let offset = run.len() - it.rest.len();
                let base = it.doc;
                let Some(p) = it.next() else { break };
                if i > 0 && i % SKIP_EVERY == 0 {
                    skips.points.push((
                        key(p.doc, p.field),
                        u32::try_from(offset).unwrap_or(u32::MAX),
                        base,
                    ));
                }
                if last != Some(p.doc) {
                    n += 1;
                    last = Some(p.doc);
                }
            }
            doc_freqs.push(n);
        }
        skips
            .starts
            .push(u32::try_from(skips.points.len()).unwrap_or(u32::MAX));
        self.doc_freqs = doc_freqs;
        self.skips = skips;
        self.avg = self.average_lengths();
        self.build_opening();
    }

    /// The packed postings of term `id`.
    fn run(&self, id: u32) -> &[u8] {
        let i = id as usize;
        match (self.post_starts.get(i), self.post_starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.post_bytes.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The posting of term `id` in one field of one document, if any: seeks
    /// to the nearest seek point, then reads at most [`SKIP_EVERY`] postings.
    pub fn posting(&self, id: u32, doc: u32, field: u8) -> Option<PostingRef<'_>> {
        let run = self.run(id);
        let want = key(doc, field);
        let i = id as usize;
        let points = match (self.skips.starts.get(i), self.skips.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.skips.points.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        };
        let at = points.partition_point(|p| p.0 <= want);
        let mut it = match at.checked_sub(1).and_then(|k| points.get(k)) {
            Some(&(_, offset, base)) => PostingIter {
                rest: run.get(offset as usize..).unwrap_or(&[]),
                doc: base,
            },
            None => PostingIter { rest: run, doc: 0 },
        };
        it.find(|p| key(p.doc, p.field) >= want)
            .filter(|p| p.doc == doc && p.field == field)
    }

    /// Per document, the last position (exclusive) of each field that falls
    /// within its first [`OPENING_WORDS`] words.
    fn opening_cutoffs(&self) -> Vec<[u32; 2]> {
        self.field_len
            .iter()
            .zip(&self.body_starts)
            .map(|(lens, starts)| {
                // u32::MAX: every position counts (no need to read them).
                if lens[0].saturating_add(lens[1]) <= OPENING_WORDS {
                    return [u32::MAX, u32::MAX];
                }
                let title = lens[0].min(OPENING_WORDS);
                let mut left = OPENING_WORDS - title;
                let mut cut = u32::MAX;
                for (i, &s) in starts.iter().enumerate() {
                    // A body segment spans up to the next one's start less the gap.
                    let len = starts
                        .get(i + 1)
                        .map_or(u32::MAX, |&next| next.saturating_sub(s + SEGMENT_GAP));
                    if left <= len {
                        cut = s.saturating_add(left);
                        break;
                    }
                    left -= len;
                }
                [title, cut]
            })
            .collect()
    }

    /// Call `f(doc, term, count)` for every content word of every opening,
    /// in term order (so each document's words come in term order).
    fn for_each_opening_word(&self, cutoffs: &[[u32; 2]], mut f: impl FnMut(usize, u32, u32)) {
        for (t, term) in self.terms.iter().enumerate() {
            if !is_content_word(term) {
                continue;
            }
            let t = u32::try_from(t).unwrap_or(u32::MAX);
            let mut list = self.postings(t).peekable();
            while let Some(doc) = list.peek().map(|p| p.doc) {
                let mut count = 0u32;
                while let Some(p) = list.next_if(|p| p.doc == doc) {
                    let cut = cutoffs.get(doc as usize).map_or(0, |c| {
                        if p.field == TITLE {
                            c[0]
                        } else {
                            c[1]
                        }
                    });
                    count = count.saturating_add(if cut == u32::MAX {
                        p.count
                    } else {
                        u32::try_from(p.positions().take_while(|&x| x < cut).count())
                            .unwrap_or(u32::MAX)
                    });
                }
                if count > 0 {
                    f(doc as usize, t, count);
                }
            }
        }
    }

    fn build_opening(&mut self) {
        let n = self.doc_count();
        let cutoffs = self.opening_cutoffs();
        // Two passes (sizes, then bytes) so the packed table is allocated
        // once: no per-document vectors, even transiently.
        let mut last = vec![0u32; n];
        let mut size = vec![0u32; n];
        self.for_each_opening_word(&cutoffs, |d, t, count| {
            if let (Some(prev), Some(sz)) = (last.get_mut(d), size.get_mut(d)) {
                *sz += varint_len(t - *prev) + varint_len(count);
                *prev = t;
            }
        });
        let mut starts = Vec::with_capacity(n + 1);
        let mut at = 0u32;
        for &s in &size {
            starts.push(at);
            at = at.saturating_add(s);
        }
        starts.push(at);
        last.fill(0);
        let mut cursor = starts.clone();
        let mut bytes = vec![0u8; at as usize];
        let mut buf = Vec::with_capacity(10);
        self.for_each_opening_word(&cutoffs, |d, t, count| {
            if let (Some(prev), Some(at)) = (last.get_mut(d), cursor.get_mut(d)) {
                buf.clear();
                write_varint(&mut buf, t - *prev);
                write_varint(&mut buf, count);
                *prev = t;
                let from = *at as usize;
                if let Some(slot) = bytes.get_mut(from..from + buf.len()) {
                    slot.copy_from_slice(&buf);
                }
                *at += buf.len() as u32;
            }
        });
        self.opening = Opening { starts, bytes };
    }

    /// The bigram table of the terms (built on first use).
    pub fn grams(&self) -> &Grams {
        self.grams.get_or_init(|| Grams::build(&self.terms))
    }

    /// Number of words in document `doc`'s opening (what [`Opening`] counts over).
    pub fn opening_len(&self, doc: u32) -> u32 {
        self.field_len
            .get(doc as usize)
            .map_or(0, |l| l[0].saturating_add(l[1]).min(OPENING_WORDS))
    }

    /// (Re)build the stem tables from the term dictionary. Stems are not
    /// stored in the blob: they are cheap to recompute and would double the
    /// dictionary's size.
    pub fn build_stems(&mut self, analyzer: &Analyzer) {
        self.stems = Stems::build(&self.terms, analyzer);
    }

    /// Number of indexed documents.
    pub fn doc_count(&self) -> usize {
        self.field_len.len()
    }

    /// Term number of an exact term.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.terms
            .binary_search_by(|t| t.as_str().cmp(term))
            .ok()
            .and_then(|i| u32::try_from(i).ok())
    }

    /// Term text by number.
    pub fn term(&self, id: u32) -> &str {
        self.terms.get(id as usize).map_or("", Text::as_str)
    }

    /// Postings of a term.
    pub fn postings(&self, id: u32) -> PostingIter<'_> {
        PostingIter {
            rest: self.run(id),
            doc: 0,
        }
    }

    /// Terms sharing a stem with `stem`.
    pub fn terms_with_stem(&self, stem: &str) -> &[u32] {
        self.stems
            .find(stem)
            .map_or(&[], |i| self.stems.terms_of(i))
    }

    /// Terms starting with `prefix` (sorted order).
    pub fn terms_with_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.terms.partition_point(|t| t.as_str() < prefix);
        let len = self.terms.get(start..).map_or(0, |rest| {
            rest.iter().take_while(|t| t.starts_with(prefix)).count()
        });
        start..start + len
    }

    /// Number of documents containing the term.
    pub fn doc_freq(&self, id: u32) -> usize {
        self.doc_freqs.get(id as usize).map_or(0, |&n| n as usize)
    }

    /// Average field lengths (title, body).
    pub fn avg_len(&self) -> [f32; 2] {
        self.avg
    }

    fn average_lengths(&self) -> [f32; 2] {
        let n = self.field_len.len().max(1) as f32;
        let mut sum = [0f64; 2];
        for l in &self.field_len {
            sum[0] += f64::from(l[0]);
            sum[1] += f64::from(l[1]);
        }
        [
            (sum[0] / f64::from(n)) as f32,
            (sum[1] / f64::from(n)) as f32,
        ]
    }

    /// Check the invariants a decoded index must hold.
    pub fn validate(&self, docs: usize) -> Result<(), String> {
        let n_terms = self.terms.len();
        if self.post_starts.len() != n_terms + 1 || self.doc_freqs.len() != n_terms {
            return Err("term tables differ in length".into());
        }
        self.stems.check(n_terms)?;
        if self.field_len.len() != docs
            || self.word_count.len() != docs
            || self.body_starts.len() != docs
        {
            return Err("document tables differ from the article count".into());
        }
        if !self
            .body_starts
            .iter()
            .all(|s| s.windows(2).all(|w| matches!(w, [a, b] if a < b)))
        {
            return Err("segment starts are not increasing".into());
        }
        if !self.terms.windows(2).all(|w| matches!(w, [a, b] if a < b)) {
            return Err("terms are not sorted and unique".into());
        }
        if !self
            .post_starts
            .windows(2)
            .all(|w| matches!(w, [a, b] if a < b))
            || self.post_starts.first() != Some(&0)
            || self.post_starts.last().map(|&e| e as usize) != Some(self.post_bytes.len())
        {
            return Err("posting runs are out of order or do not cover the postings".into());
        }
        for t in 0..n_terms {
            check_run(self.run(u32::try_from(t).unwrap_or(u32::MAX)), docs)?;
        }
        Ok(())
    }
}

impl Index {
    /// Heap bytes held by each part of the index (capacities, this
    /// target's pointer size; the packed postings when owned): what the
    /// memory example prints.
    pub fn heap_bytes(&self) -> Vec<(&'static str, usize)> {
        use std::mem::size_of;
        let vecs = |v: &[Vec<u32>], cap: usize| {
            cap * size_of::<Vec<u32>>() + v.iter().map(|x| x.capacity() * 4).sum::<usize>()
        };
        let grams = self.grams.get().map_or(0, |g| {
            g.keys.capacity() * 8 + g.starts.capacity() * 4 + g.terms.capacity() * 4
        });
        vec![
            (
                "terms",
                self.terms.capacity() * size_of::<Text>()
                    + self
                        .terms
                        .iter()
                        .filter(|t| t.borrowed().is_none())
                        .map(|t| t.len())
                        .sum::<usize>(),
            ),
            (
                "stems",
                self.stems.text.capacity()
                    + 4 * (self.stems.ends.capacity()
                        + self.stems.starts.capacity()
                        + self.stems.terms.capacity()),
            ),
            ("post_starts", self.post_starts.capacity() * 4),
            (
                "post_bytes (owned)",
                match &self.post_bytes {
                    Cow::Owned(v) => v.capacity(),
                    Cow::Borrowed(_) => 0,
                },
            ),
            ("field_len", self.field_len.capacity() * 8),
            ("word_count", self.word_count.capacity() * 4),
            (
                "body_starts",
                vecs(&self.body_starts, self.body_starts.capacity()),
            ),
            ("doc_freqs", self.doc_freqs.capacity() * 4),
            (
                "opening",
                self.opening.starts.capacity() * 4 + self.opening.bytes.capacity(),
            ),
            (
                "skips",
                self.skips.starts.capacity() * 4 + self.skips.points.capacity() * 16,
            ),
            ("grams", grams),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_article;

    fn corpus() -> Vec<Article> {
        vec![
            parse_article(
                "a",
                "Cats And Dogs\n\nThe cat sat on the mat.\nDogs chase cats.",
            ),
            parse_article("b", "Investing Today\n\nInvestors invest in investments."),
        ]
    }

    /// The opening table holds the content words of the first
    /// OPENING_WORDS words, counted as analysing the text would count them.
    #[test]
    fn opening_counts_the_first_words() {
        let analyzer = Analyzer::new();
        let mut text = String::from("Alpha Title Word\n\n");
        for p in 0..30 {
            text.push_str(&format!("Para{p} alpha beta gamma the delta 42 epsilon zeta eta theta iota kappa lambda.\n\n"));
        }
        let articles = [
            parse_article("x", &text),
            parse_article("y", "Short\n\nAlpha beta."),
        ];
        let idx = Index::build(&articles, &analyzer);
        for (d, article) in articles.iter().enumerate() {
            let mut want: BTreeMap<u32, u32> = BTreeMap::new();
            let mut seen = 0;
            'doc: for (_, text) in article.segments() {
                for tok in analyzer.tokens(text) {
                    if seen == OPENING_WORDS {
                        break 'doc;
                    }
                    seen += 1;
                    if is_content_word(&tok.term) {
                        *want.entry(idx.term_id(&tok.term).unwrap()).or_default() += 1;
                    }
                }
            }
            let got: BTreeMap<u32, u32> = idx.opening.words(d as u32).collect();
            assert_eq!(got, want, "document {d}");
            assert_eq!(idx.opening_len(d as u32), seen);
        }
        assert!(
            idx.opening_len(0) == OPENING_WORDS,
            "the long document is cut"
        );
        let the = idx.term_id("the").unwrap();
        assert!(
            idx.opening.words(0).all(|(t, _)| t != the),
            "stop words left out"
        );
        assert!(
            idx.opening.words(0).all(|(t, _)| idx.term(t) != "42"),
            "numbers left out"
        );
    }

    #[test]
    fn positions_fields_and_stems() {
        let idx = Index::build(&corpus(), &Analyzer::new());
        idx.validate(2).unwrap();
        let cat = idx.term_id("cat").unwrap();
        let p: Vec<_> = idx.postings(cat).collect();
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].doc, p[0].field, p[0].count), (0, BODY, 1));
        assert_eq!(p[0].positions().collect::<Vec<_>>(), [1]);
        // "cats" is in the title and body of doc 0
        let cats = idx.term_id("cats").unwrap();
        assert_eq!(
            idx.postings(cats).map(|p| p.field).collect::<Vec<_>>(),
            [TITLE, BODY]
        );
        // Second body segment starts after a gap
        let dogs = idx.term_id("dogs").unwrap();
        let body = idx.postings(dogs).find(|p| p.field == BODY).unwrap();
        assert!(body.positions().next().unwrap() >= 6 + SEGMENT_GAP);
        // Seeking a posting by document finds the same one.
        assert_eq!(idx.posting(dogs, 0, BODY).unwrap().count, body.count);
        assert!(idx.posting(dogs, 1, BODY).is_none());
        // stems group variants
        let invest: Vec<&str> = idx
            .terms_with_stem("invest")
            .iter()
            .map(|&t| idx.term(t))
            .collect();
        assert_eq!(invest, ["invest", "investing", "investments"]);
        assert_eq!(idx.doc_freq(cats), 1);
        let r = idx.terms_with_prefix("inv");
        assert_eq!(r.len(), 4);
        assert_eq!(idx.word_count, [9, 4]);
    }

    #[test]
    fn validation_rejects_broken_indexes() {
        let good = Index::build(&corpus(), &Analyzer::new());
        let mut bad = good.clone();
        bad.terms.swap(0, 1);
        assert!(bad.validate(2).is_err());
        let with = |lists: Vec<Vec<Posting>>| {
            let (post_starts, post_bytes) = pack_postings(&lists);
            let post_bytes = Cow::Owned(post_bytes);
            let mut bad = Index {
                terms: vec!["alpha".into(), "beta".into()],
                post_starts,
                post_bytes,
                field_len: vec![[1, 5]; 2],
                word_count: vec![5; 2],
                body_starts: vec![vec![0]; 2],
                ..Index::default()
            };
            bad.build_derived(&Analyzer::new());
            bad.validate(2)
        };
        let p = |doc, field, positions: &[u32]| Posting {
            doc,
            field,
            positions: positions.to_vec(),
        };
        assert!(with(vec![vec![p(0, BODY, &[1, 4])], vec![p(1, TITLE, &[0])]]).is_ok());
        assert!(with(vec![vec![p(99, BODY, &[1])], vec![p(1, TITLE, &[0])]]).is_err());
        assert!(with(vec![vec![p(0, BODY, &[3, 3])], vec![p(1, TITLE, &[0])]]).is_err());
        assert!(with(vec![vec![p(1, BODY, &[3]), p(0, BODY, &[3])], vec![]]).is_err());
        assert!(with(vec![vec![p(0, BODY, &[])], vec![p(1, TITLE, &[0])]]).is_err());
        // Hand-packed runs for one body posting of doc 0 (head 1 = doc gap 0, body).
        assert!(check_run(&[1, 1, 1, 4], 2).is_ok());
        assert!(
            check_run(&[1, 1, 2, 4, 5], 2).is_err(),
            "more positions than counted"
        );
        assert!(
            check_run(&[1, 1, 2, 4, 0x80], 2).is_err(),
            "a malformed byte left over"
        );
        assert!(
            check_run(&[1, 2, 2, 4, 0], 2).is_err(),
            "a repeated position"
        );
        assert!(check_run(&[1, 1, 5, 4], 2).is_err(), "cut off");
        assert!(check_run(&[], 2).is_err(), "no postings");
        // Truncated bytes and runs that do not cover the bytes.
        let mut bad = good.clone();
        bad.post_bytes = Cow::Owned(bad.post_bytes[..bad.post_bytes.len() - 1].to_vec());
        assert!(bad.validate(2).is_err());
        let mut bad = good.clone();
        bad.post_starts.swap(1, 2);
        assert!(bad.validate(2).is_err());
        assert!(good.validate(3).is_err());
    }
}
