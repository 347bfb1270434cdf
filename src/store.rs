//! Storage format: the parsed corpus and its index as one versioned blob.
//!
//! Layout (all integers little-endian):
//!
//! | bytes | content |
//! |---|---|
//! | 0..8 | magic `AEXPLR\0\x1a` |
//! | 8..10 | format version ([`FORMAT_VERSION`]) |
//! | 10..14 | payload length `n` |
//! | 14..18 | FNV-1a 32 checksum of the payload |
//! | 18..18+n | payload |
//!
//! The payload: a little-endian `u32` length `m`, then `m` bytes of
//! [`Corpus`] encoded with postcard (everything but the packed postings),
//! then the packed postings ([`crate::index::Index::post_bytes`]) raw, to
//! the end. [`decode_static`] reads the postings in place.
//!
//! A small corpus may leave its index out ([`Corpus::index_at_load`]): the
//! blob then holds an empty index and no postings, and [`decode`] builds
//! the index from the articles. For the seeds (26 kB of text) that is about
//! 7 ms natively and tens of milliseconds on a page's first call, and the
//! blob is half as large.
//!
//! [`decode`] checks every field of the header, the checksum, and the
//! index invariants ([`crate::index::Index::validate`]) before accepting a blob.

use crate::analyse::Analyzer;
use crate::error::Error;
use crate::index::Index;
pub use crate::model::Corpus;
use crate::model::{Article, Block, BlockKind, Table};
use serde::Serialize;
use std::borrow::Cow;

/// Magic bytes at the start of every blob.
pub const MAGIC: &[u8; 8] = b"AEXPLR\0\x1a";
/// Current format version; bump on any change to [`Corpus`] or its parts.
pub const FORMAT_VERSION: u16 = 9;
const HEADER: usize = 18;

/// A corpus with less text than this (bytes of UTF-8) leaves its index out
/// of the blob by default (`ae-build --index auto`): the stored index would
/// double the blob, and building it takes milliseconds.
pub const INDEX_AT_LOAD_BELOW_BYTES: usize = 64 * 1024;

/// [`Corpus`] as encoded: the same fields in the same order, borrowed, so
/// that an index left out need not be copied away first.
#[derive(Serialize)]
struct CorpusOut<'a> {
    articles: &'a [Article],
    index: &'a Index,
    text_shards: &'a [u32],
    index_at_load: bool,
    corrections: &'a [u8],
}

/// The payload checksum (FNV-1a, 32 bits).
pub fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Encode a corpus as a blob.
pub fn encode(corpus: &Corpus) -> Result<Vec<u8>, Error> {
    if corpus.index_at_load && !corpus.text_shards.is_empty() {
        return Err(Error::invalid(
            "a corpus with text shards must store its index (it cannot be built without the text)",
        ));
    }
    let empty = Index::default();
    let index = if corpus.index_at_load {
        &empty
    } else {
        &corpus.index
    };
    let out = CorpusOut {
        articles: &corpus.articles,
        index,
        text_shards: &corpus.text_shards,
        index_at_load: corpus.index_at_load,
        corrections: &corpus.corrections,
    };
    let head = postcard::to_allocvec(&out)
        .map_err(|e| Error::invalid(format!("could not encode the corpus: {e}")))?;
    let head_len =
        u32::try_from(head.len()).map_err(|_| Error::invalid("the corpus is larger than 4 GiB"))?;
    let mut payload = Vec::with_capacity(4 + head.len() + index.post_bytes.len());
    payload.extend_from_slice(&head_len.to_le_bytes());
    payload.extend_from_slice(&head);
    payload.extend_from_slice(&index.post_bytes);
    frame(MAGIC, FORMAT_VERSION, &payload)
}

/// Wrap `payload` in the header every file of ours starts with (the corpus
/// blob, text shards): magic, version, payload length, FNV-1a checksum.
pub(crate) fn frame(magic: &[u8; 8], version: u16, payload: &[u8]) -> Result<Vec<u8>, Error> {
    let len = u32::try_from(payload.len())
        .map_err(|_| Error::invalid("the data is larger than 4 GiB"))?;
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&fnv1a(payload).to_le_bytes());
    out.extend_from_slice(payload);
    Ok(out)
}

/// Check the header [`frame`] wrote (magic, version, length, checksum):
/// the payload and its checksum, or what is wrong.
pub(crate) fn unframe<'a>(
    bytes: &'a [u8],
    magic: &[u8; 8],
    version: u16,
) -> Result<(&'a [u8], u32), String> {
    if bytes.len() < HEADER || bytes.get(..8) != Some(magic.as_slice()) {
        return Err("missing magic header".into());
    }
    let short = || "short header".to_string();
    let found = bytes.get(8..10).and_then(le_u16).ok_or_else(short)?;
    if found != version {
        return Err(format!(
            "format version {found}, this build reads version {version}"
        ));
    }
    let len = bytes.get(10..14).and_then(le_u32).ok_or_else(short)? as usize;
    let sum = bytes.get(14..18).and_then(le_u32).ok_or_else(short)?;
    let payload = bytes.get(HEADER..).ok_or_else(short)?;
    if payload.len() != len {
        return Err("length does not match the header".into());
    }
    if fnv1a(payload) != sum {
        return Err("checksum mismatch".into());
    }
    Ok((payload, sum))
}

fn le_u16(b: &[u8]) -> Option<u16> {
    Some(u16::from_le_bytes(b.try_into().ok()?))
}

fn le_u32(b: &[u8]) -> Option<u32> {
    Some(u32::from_le_bytes(b.try_into().ok()?))
}

/// Decode and check a blob.
pub fn decode(bytes: &[u8]) -> Result<Corpus, Error> {
    decode_with(bytes, |b| Cow::Owned(b.to_vec()))
}

/// Decode and check a blob that lives as long as the program (the one built
/// into the module): the packed postings and the article text are read in
/// place, not copied ([`crate::text`]).
pub fn decode_static(bytes: &'static [u8]) -> Result<Corpus, Error> {
    crate::text::with_static_region(bytes, || decode_with(bytes, Cow::Borrowed))
}

fn decode_with<'a>(
    bytes: &'a [u8],
    keep: impl FnOnce(&'a [u8]) -> Cow<'static, [u8]>,
) -> Result<Corpus, Error> {
    let corrupt = |what: &str| Error::corrupt(format!("corpus data rejected: {what}"));
    let (payload, _) = unframe(bytes, MAGIC, FORMAT_VERSION).map_err(|e| corrupt(&e))?;
    let head_len = payload
        .get(..4)
        .and_then(le_u32)
        .ok_or_else(|| corrupt("short payload"))? as usize;
    let (head, postings) = payload
        .get(4..)
        .and_then(|rest| rest.split_at_checked(head_len))
        .ok_or_else(|| corrupt("short payload"))?;
    let mut corpus: Corpus =
        postcard::from_bytes(head).map_err(|e| corrupt(&format!("undecodable payload ({e})")))?;
    for a in &mut corpus.articles {
        a.text_missing = a.shard.is_some();
    }
    let analyzer = Analyzer::new();
    if corpus.index_at_load {
        if !corpus.text_shards.is_empty()
            || !postings.is_empty()
            || corpus.index != Index::default()
        {
            return Err(corrupt(
                "an index built at load with stored index data or text shards",
            ));
        }
        // Check the articles before indexing them (a table reference is followed).
        for a in &corpus.articles {
            check_blocks(&a.id, &a.blocks, &a.tables).map_err(|e| corrupt(&e))?;
        }
        corpus.index = Index::build(&corpus.articles, &analyzer);
    } else {
        corpus.index.post_bytes = keep(postings);
        corpus.index.build_derived(&analyzer);
    }
    validate(&corpus).map_err(|e| corrupt(&e))?;
    Ok(corpus)
}

/// An article body's invariants: table blocks point at a table, other
/// blocks at none, and tables are rectangular.
pub fn check_blocks(id: &str, blocks: &[Block], tables: &[Table]) -> Result<(), String> {
    for b in blocks {
        let table_ok = match (b.kind, b.table) {
            (BlockKind::Table, Some(t)) => (t as usize) < tables.len(),
            (BlockKind::Table, None) => false,
            (_, t) => t.is_none(),
        };
        if !table_ok {
            return Err(format!("article {id} has a broken table reference"));
        }
    }
    if tables
        .iter()
        .any(|t| t.rows.iter().any(|r| r.len() != t.header.len()))
    {
        return Err(format!("article {id} has a ragged table"));
    }
    Ok(())
}

/// Invariants between articles and index.
fn validate(corpus: &Corpus) -> Result<(), String> {
    corpus.index.validate(corpus.articles.len())?;
    // Lookups binary-search the ids: they must be sorted and unique.
    if !corpus
        .articles
        .windows(2)
        .all(|w| matches!(w, [a, b] if a.id < b.id))
    {
        return Err("article ids are not sorted and unique".into());
    }
    for a in &corpus.articles {
        if let Some(n) = a.shard {
            if n as usize >= corpus.text_shards.len() {
                return Err(format!("article {} names a missing text shard", a.id));
            }
            if !a.blocks.is_empty() || !a.tables.is_empty() {
                return Err(format!(
                    "article {} has a body in the blob and a shard",
                    a.id
                ));
            }
        }
        check_blocks(&a.id, &a.blocks, &a.tables)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_article;

    fn sample() -> Corpus {
        let articles = vec![
            parse_article("a", "Title One\n\nSome text about cats."),
            parse_article("b", "Title Two\n\nOther text about dogs."),
        ];
        let index = Index::build(&articles, &Analyzer::new());
        Corpus {
            articles,
            index,
            text_shards: Vec::new(),
            index_at_load: false,
            corrections: Vec::new(),
        }
    }

    #[test]
    fn round_trip() {
        let c = sample();
        let bytes = encode(&c).unwrap();
        assert_eq!(&bytes[..8], MAGIC);
        assert_eq!(decode(&bytes).unwrap(), c);
    }

    #[test]
    fn a_static_blob_is_read_in_place() {
        let c = sample();
        let blob: &'static [u8] = Box::leak(encode(&c).unwrap().into_boxed_slice());
        let d = decode_static(blob).unwrap();
        assert_eq!(d, c);
        let inside = |p: *const u8| blob.as_ptr_range().contains(&p);
        assert!(matches!(d.index.post_bytes, Cow::Borrowed(b) if inside(b.as_ptr())));
        for a in &d.articles {
            assert!(a.title.borrowed().is_some_and(|t| inside(t.as_ptr())));
            for b in &a.blocks {
                assert!(b.text.borrowed().is_some_and(|t| inside(t.as_ptr())));
            }
        }
        // A copy decodes to owned data.
        let owned = decode(blob).unwrap();
        assert!(matches!(owned.index.post_bytes, Cow::Owned(_)));
        assert!(owned.articles[0].title.borrowed().is_none());
    }

    #[test]
    fn every_corruption_is_rejected() {
        for at_load in [false, true] {
            let mut c = sample();
            c.index_at_load = at_load;
            rejects_every_corruption(&encode(&c).unwrap());
        }
    }

    fn rejects_every_corruption(bytes: &[u8]) {
        let bytes = bytes.to_vec();
        // Flip each byte in turn: nothing corrupted may be accepted.
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x5a;
            assert!(decode(&b).is_err(), "flipped byte {i} was accepted");
        }
        for cut in 0..bytes.len() {
            assert!(
                decode(&bytes[..cut]).is_err(),
                "truncation at {cut} accepted"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_err());
    }

    #[test]
    fn an_index_left_out_is_built_at_load() {
        let stored = sample();
        let mut small = sample();
        small.index_at_load = true;
        let with_index = encode(&stored).unwrap();
        let without = encode(&small).unwrap();
        assert!(
            without.len() < with_index.len(),
            "{} vs {}",
            without.len(),
            with_index.len()
        );
        let d = decode(&without).unwrap();
        assert!(d.index_at_load);
        // The index built at load is the one that would have been stored.
        assert_eq!(d.index, stored.index);
        assert_eq!(d.articles, stored.articles);
        let blob: &'static [u8] = Box::leak(without.into_boxed_slice());
        assert_eq!(decode_static(blob).unwrap(), small);
    }

    #[test]
    fn an_index_left_out_with_index_data_or_shards_is_refused() {
        let c = sample();
        // A blob claiming "built at load" that carries an index anyway.
        let out = CorpusOut {
            articles: &c.articles,
            index: &c.index,
            text_shards: &[],
            index_at_load: true,
            corrections: &[],
        };
        let head = postcard::to_allocvec(&out).unwrap();
        let mut payload = (head.len() as u32).to_le_bytes().to_vec();
        payload.extend_from_slice(&head);
        payload.extend_from_slice(&c.index.post_bytes);
        let blob = frame(MAGIC, FORMAT_VERSION, &payload).unwrap();
        let e = decode(&blob).unwrap_err().to_string();
        assert!(e.contains("built at load"), "{e}");
        // Text shards need a stored index: encoding says so.
        let mut sharded = sample();
        sharded.text_shards = vec![1];
        sharded.index_at_load = true;
        let e = encode(&sharded).unwrap_err().to_string();
        assert!(e.contains("text shards"), "{e}");
    }

    #[test]
    fn unsorted_ids_are_rejected() {
        // Found by the fuzzer: a payload whose ids are out of order decoded,
        // but lookups by id then failed.
        let mut c = sample();
        c.articles.swap(0, 1);
        let e = decode(&encode(&c).unwrap()).unwrap_err().to_string();
        assert!(e.contains("sorted"), "{e}");
    }

    #[test]
    fn wrong_version_says_so() {
        let mut b = encode(&sample()).unwrap();
        b[8] = 99;
        let e = decode(&b).unwrap_err().to_string();
        assert!(e.contains("version 99"), "{e}");
    }

    #[test]
    fn well_formed_but_inconsistent_payload_is_rejected() {
        let mut c = sample();
        c.index.field_len.pop();
        let b = encode(&c).unwrap();
        assert!(decode(&b).is_err());
    }
}
