//! Posting lists, packed: per term a run of varints (doc gap × 2 + field,
//! count, byte length, position gaps), read through [`PostingIter`] and
//! [`PostingRef`], with seek points every [`SKIP_EVERY`] postings for
//! lookups by document.

use super::Index;

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
/// A posting's place in its list: postings are sorted by (doc, field).
pub(super) fn key(doc: u32, field: u8) -> u64 {
    (u64::from(doc) << 1) | u64::from(field & 1)
}
/// Postings per seek point: a lookup by document reads at most this many.
pub(super) const SKIP_EVERY: usize = 32;
/// Seek points every [`SKIP_EVERY`] postings of each term.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Skips {
    /// Per term, where its seek points start in `points` (terms + 1 entries).
    pub(super) starts: Vec<u32>,
    /// (key of the posting: doc × 2 + field, its byte offset in the term's
    /// run, the document its gap counts from).
    pub(super) points: Vec<(u64, u32, u32)>,
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
    pub(super) packed: &'a [u8],
}
impl<'a> PostingRef<'a> {
    /// True when the packed positions are exactly `count` strictly
    /// increasing positions, with no byte left over.
    pub(super) fn positions_ok(&self) -> bool {
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
    pub(super) rest: &'a [u8],
    pub(super) doc: u32,
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

/// One occurrence of a word while an index is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Entry {
    /// The word's id while gathering; its rank in the sorted dictionary after
    /// [`bucket_by_rank`].
    pub term: u32,
    pub doc: u32,
    pub field: u8,
    pub pos: u32,
}

/// Entries grouped by their word's rank (`rank[id]`), each word's entries
/// in (doc, field) order and its positions in the order they were gathered:
/// a stable counting sort, linear in the entries and the words.
pub(super) fn bucket_by_rank(entries: Vec<Entry>, rank: &[u32]) -> Vec<Entry> {
    let rank_of = |e: &Entry| rank.get(e.term as usize).copied().unwrap_or(0) as usize;
    let mut starts = vec![0usize; rank.len() + 1];
    for e in &entries {
        if let Some(c) = starts.get_mut(rank_of(e) + 1) {
            *c += 1;
        }
    }
    let mut sum = 0;
    for c in &mut starts {
        sum += *c;
        *c = sum;
    }
    let mut out = vec![
        Entry {
            term: 0,
            doc: 0,
            field: 0,
            pos: 0
        };
        entries.len()
    ];
    let mut next = starts.clone();
    for e in entries {
        let r = rank_of(&e);
        if let Some(at) = next.get_mut(r) {
            if let Some(o) = out.get_mut(*at) {
                *o = Entry {
                    term: u32::try_from(r).unwrap_or(u32::MAX),
                    ..e
                };
            }
            *at += 1;
        }
    }
    // Documents arrive in order, but a word's title and body entries of one
    // document interleave when a title follows a body segment: order each
    // word's run by (doc, field), keeping positions in gathered order.
    for w in starts.windows(2) {
        if let Some(run) = w
            .first()
            .zip(w.get(1))
            .and_then(|(&a, &b)| out.get_mut(a..b))
        {
            let key = |e: &Entry| (e.doc, e.field);
            if !run
                .iter()
                .zip(run.iter().skip(1))
                .all(|(a, b)| key(a) <= key(b))
            {
                run.sort_by_key(|e| (e.doc, e.field));
            }
        }
    }
    out
}

/// Packs entries grouped by word rank (see [`bucket_by_rank`]) as
/// [`pack_postings`] packs lists: `words` lists, in rank order.
pub(super) fn pack_entries(entries: &[Entry], words: usize) -> (Vec<u32>, Vec<u8>) {
    let mut starts = Vec::with_capacity(words + 1);
    let mut bytes = Vec::new();
    let mut pos_buf = Vec::new();
    let mut i = 0;
    for w in 0..words {
        starts.push(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
        let w = u32::try_from(w).unwrap_or(u32::MAX);
        let mut prev_doc = 0u32;
        while let Some(first) = entries.get(i).filter(|e| e.term == w) {
            let (doc, field) = (first.doc, first.field);
            pos_buf.clear();
            let mut prev = 0u32;
            let mut count = 0u32;
            while let Some(e) = entries
                .get(i)
                .filter(|e| e.term == w && e.doc == doc && e.field == field)
            {
                write_varint(&mut pos_buf, e.pos.wrapping_sub(prev));
                prev = e.pos;
                count += 1;
                i += 1;
            }
            write_varint(
                &mut bytes,
                (doc.wrapping_sub(prev_doc) << 1) | u32::from(field & 1),
            );
            write_varint(&mut bytes, count);
            write_varint(&mut bytes, u32::try_from(pos_buf.len()).unwrap_or(u32::MAX));
            bytes.extend_from_slice(&pos_buf);
            prev_doc = doc;
        }
    }
    starts.push(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
    (starts, bytes)
}

pub(super) fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}
pub(super) fn varint_len(v: u32) -> u32 {
    match v {
        0..=0x7f => 1,
        0x80..=0x3fff => 2,
        0x4000..=0x1f_ffff => 3,
        0x20_0000..=0xfff_ffff => 4,
        _ => 5,
    }
}
pub(super) fn read_varint(bytes: &mut &[u8]) -> Option<u32> {
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

impl Index {
    /// The packed postings of term `id`.
    pub(super) fn run(&self, id: u32) -> &[u8] {
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
    /// Postings of a term.
    pub fn postings(&self, id: u32) -> PostingIter<'_> {
        PostingIter {
            rest: self.run(id),
            doc: 0,
        }
    }
}
