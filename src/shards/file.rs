//! Shard files: splitting a corpus into them, encoding, checking and
//! decoding them, and putting their text in and out of the corpus.

use super::{file_name, SHARD_MAGIC, SHARD_VERSION};
use crate::error::Error;
use crate::model::{Block, Corpus, Table};
use crate::store::{check_blocks, frame, unframe};
use serde::{Deserialize, Serialize};

/// One shard file's content: the body of some articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// Shard number (index into [`Corpus::text_shards`]).
    pub number: u32,
    /// `(article id, its blocks, its tables)`, in id order.
    pub articles: Vec<(String, Vec<Block>, Vec<Table>)>,
}

/// Move the bodies (blocks and tables) of `corpus` into shard files of
/// about `target` bytes of text: each article is given its shard and left
/// with its id, title and metadata; `corpus.text_shards` records the
/// checksums. Returns the files as `(name, bytes)`.
pub fn split(corpus: &mut Corpus, target: usize) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut shards: Vec<Shard> = Vec::new();
    let mut size = 0usize;
    for article in &mut corpus.articles {
        let len: usize = article.segments().iter().map(|(_, t)| t.len()).sum();
        let blocks = std::mem::take(&mut article.blocks);
        let tables = std::mem::take(&mut article.tables);
        let start_new = shards.last().is_none_or(|_| size >= target);
        if start_new {
            let number =
                u32::try_from(shards.len()).map_err(|_| Error::invalid("too many text shards"))?;
            shards.push(Shard {
                number,
                articles: Vec::new(),
            });
            size = 0;
        }
        size += len + article.id.len();
        if let Some(shard) = shards.last_mut() {
            article.shard = Some(shard.number);
            article.text_missing = true;
            shard.articles.push((article.id.clone(), blocks, tables));
        }
    }
    let mut files = Vec::with_capacity(shards.len());
    corpus.text_shards.clear();
    for shard in &shards {
        let bytes = encode(shard)?;
        let (_, sum) = unframe(&bytes, SHARD_MAGIC, SHARD_VERSION).map_err(Error::corrupt)?;
        corpus.text_shards.push(sum);
        files.push((file_name(shard.number, sum), bytes));
    }
    Ok(files)
}

/// Encode one shard file.
pub fn encode(shard: &Shard) -> Result<Vec<u8>, Error> {
    let payload = postcard::to_allocvec(shard)
        .map_err(|e| Error::invalid(format!("could not encode a text shard: {e}")))?;
    frame(SHARD_MAGIC, SHARD_VERSION, &payload)
}

/// Decode one shard file and check it belongs to `corpus` (same checksum as
/// recorded, every article its own, table references that hold).
pub fn decode(bytes: &[u8], corpus: &Corpus) -> Result<Shard, Error> {
    let bad = |what: &str| Error::corrupt(format!("text shard rejected: {what}"));
    let (payload, sum) = unframe(bytes, SHARD_MAGIC, SHARD_VERSION).map_err(|e| bad(&e))?;
    let shard: Shard =
        postcard::from_bytes(payload).map_err(|e| bad(&format!("undecodable ({e})")))?;
    if corpus.text_shards.get(shard.number as usize) != Some(&sum) {
        return Err(bad(&format!(
            "shard {} is not part of this corpus (built from other articles)",
            shard.number
        )));
    }
    let expected = corpus
        .articles
        .iter()
        .filter(|a| a.shard == Some(shard.number))
        .count();
    if shard.articles.len() != expected {
        return Err(bad("its articles do not match the corpus"));
    }
    for (id, blocks, tables) in &shard.articles {
        corpus
            .articles
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .ok()
            .and_then(|i| corpus.articles.get(i))
            .filter(|a| a.shard == Some(shard.number))
            .ok_or_else(|| bad(&format!("article \"{id}\" is not in this shard")))?;
        check_blocks(id, blocks, tables).map_err(|e| bad(&e))?;
    }
    Ok(shard)
}

/// Put a checked shard's texts into the corpus.
pub fn apply(shard: Shard, corpus: &mut Corpus) {
    for (id, blocks, tables) in shard.articles {
        if let Ok(i) = corpus.articles.binary_search_by(|a| a.id.as_str().cmp(&id)) {
            if let Some(a) = corpus.articles.get_mut(i) {
                a.blocks = blocks;
                a.tables = tables;
                a.text_missing = false;
            }
        }
    }
}

/// Drop the bodies of shard `number` again (they can be fetched anew).
pub fn unload(number: u32, corpus: &mut Corpus) {
    for a in corpus
        .articles
        .iter_mut()
        .filter(|a| a.shard == Some(number) && !a.text_missing)
    {
        a.blocks = Vec::new();
        a.tables = Vec::new();
        a.text_missing = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Explorer, SearchOptions};

    const TEXTS: [(&str, &str); 4] = [
        ("a-cats", "Cats At Home\n\nThe cat sleeps all day by the warm window.\n\nIt wakes for dinner."),
        ("b-dogs", "Dogs Outside\n\nThe dog runs in the park every morning with its owner."),
        ("c-birds", "Birds Sing\n\nA bird sings at dawn; the cat listens from the window."),
        ("d-fish", "Fish Swim\n\nFish swim in the pond.\n\n| Name | Count |\n|---|---|\n| Carp | 3 |\n| Pike | 1 |"),
    ];

    /// The same corpus whole and sharded (one article per shard), the
    /// sharded one as the page gets it: decoded from its blob.
    fn pair() -> (Explorer, Explorer, Vec<(String, Vec<u8>)>) {
        let whole = Explorer::from_texts(&TEXTS).unwrap();
        let mut split = Explorer::from_texts(&TEXTS).unwrap();
        let files = split.split_text(1).unwrap();
        let sharded = Explorer::from_bytes(&split.to_bytes().unwrap()).unwrap();
        (whole, sharded, files)
    }

    fn bytes_of<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
        &files.iter().find(|(n, _)| n == name).unwrap().1
    }

    #[test]
    fn split_moves_every_body_and_keeps_the_index() {
        let (whole, sharded, files) = pair();
        assert_eq!(files.len(), TEXTS.len());
        assert!(sharded
            .corpus()
            .articles
            .iter()
            .all(|a| a.text_missing && a.blocks.is_empty()));
        assert_eq!(sharded.corpus().index, whole.corpus().index);
        for (name, bytes) in &files {
            assert!(
                name.starts_with("text-") && name.ends_with(".aet"),
                "{name}"
            );
            assert_eq!(&bytes[..8], SHARD_MAGIC);
        }
        // Ranking needs no text: the same hits, without snippets until loaded.
        let (w, s) = (
            whole.search("cat window", SearchOptions::default()),
            sharded.search("cat window", SearchOptions::default()),
        );
        let ids = |r: &crate::search::SearchResults| {
            r.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>()
        };
        assert_eq!(ids(&w), ids(&s));
        assert!(s.hits.iter().all(|h| h.snippet.is_empty()));
        assert_eq!(s.text_needed.len(), s.hits.len());
        assert!(w.text_needed.is_empty());
    }

    #[test]
    fn loading_a_shard_gives_the_same_snippets_and_reader() {
        let (whole, mut sharded, files) = pair();
        let e = sharded.highlight("a-cats", "cat").unwrap_err().to_string();
        assert!(e.contains("not loaded"), "{e}");
        let names = sharded.text_needed(Some(&["a-cats".to_string()])).unwrap();
        assert_eq!(names.len(), 1);
        sharded
            .load_text(bytes_of(&files, &names[0]), false)
            .unwrap();
        assert!(sharded
            .text_needed(Some(&["a-cats".to_string()]))
            .unwrap()
            .is_empty());
        assert_eq!(
            sharded.highlight("a-cats", "cat").unwrap(),
            whole.highlight("a-cats", "cat").unwrap()
        );
        let s = sharded.search("cat", SearchOptions::default());
        let w = whole.search("cat", SearchOptions::default());
        let cats = |r: &crate::search::SearchResults| {
            r.hits
                .iter()
                .find(|h| h.id == "a-cats")
                .map(|h| h.snippet.clone())
        };
        assert_eq!(cats(&s), cats(&w));
        assert!(cats(&s).is_some_and(|s| s.contains("<mark>")));
        // Only the other hit's shard is still wanted.
        assert_eq!(s.text_needed.len(), 1);
        assert!(sharded.text_needed(Some(&["nope".to_string()])).is_err());
    }

    #[test]
    fn bad_or_foreign_shards_are_refused_and_nothing_is_lost() {
        let (_, mut sharded, files) = pair();
        let (name, good) = &files[0];
        sharded.load_text(good, false).unwrap();
        let before = sharded.corpus().clone();
        let mut flipped = 0;
        for i in 0..good.len() {
            let mut b = good.clone();
            b[i] ^= 0x5a;
            assert!(
                sharded.load_text(&b, false).is_err(),
                "flipped byte {i} of {name} was accepted"
            );
            flipped += 1;
        }
        for cut in 0..good.len() {
            assert!(
                sharded.load_text(&good[..cut], false).is_err(),
                "cut at {cut} accepted"
            );
        }
        assert_eq!(flipped, good.len());
        // A well-formed shard of another build of the corpus.
        let mut other = Explorer::from_texts(&[("a-cats", "Other\n\nAnother text.")]).unwrap();
        let foreign = other.split_text(1).unwrap();
        let e = sharded
            .load_text(&foreign[0].1, false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("not part of this corpus"), "{e}");
        assert_eq!(sharded.corpus(), &before);
    }

    #[test]
    fn old_shards_are_dropped_past_the_cache_unless_kept() {
        let (_, mut sharded, files) = pair();
        sharded.set_text_cache(1); // keep only the newest
        for (_, bytes) in &files {
            sharded.load_text(bytes, false).unwrap();
        }
        let missing = sharded.text_needed(None).unwrap();
        assert_eq!(missing.len(), files.len() - 1);
        assert!(!missing.contains(&files.last().unwrap().0));
        // Kept: every shard stays, whatever the cache.
        for name in &missing {
            sharded.load_text(bytes_of(&files, name), true).unwrap();
        }
        assert!(sharded.text_needed(None).unwrap().is_empty());
        sharded.load_text(&files[0].1, false).unwrap();
        assert!(sharded.text_needed(None).unwrap().is_empty());
    }

    #[test]
    fn whole_corpus_work_waits_for_the_whole_text() {
        let (_, mut sharded, files) = pair();
        let added = sharded.add_files(&[("e-new.txt".into(), b"New\n\nA new cat story.".to_vec())]);
        assert!(
            added[0]
                .error
                .as_deref()
                .is_some_and(|e| e.contains("whole text")),
            "{added:?}"
        );
        // A built-in article is refused as such, whatever text is loaded.
        let e = sharded.remove_article("a-cats").unwrap_err().to_string();
        assert!(e.contains("built in"), "{e}");
        for (_, bytes) in &files {
            sharded.load_text(bytes, true).unwrap();
        }
        let added = sharded.add_files(&[("e-new.txt".into(), b"New\n\nA new cat story.".to_vec())]);
        assert!(added[0].error.is_none(), "{added:?}");
        assert_eq!(sharded.search("cat", SearchOptions::default()).total, 3);
    }

    /// The tables wait for the whole text too, and then match the unsharded corpus's.
    #[cfg(feature = "tables")]
    #[test]
    fn tables_wait_for_the_whole_text() {
        let (whole, mut sharded, files) = pair();
        match sharded.tables() {
            Err(Error::TextNotLoaded {
                shards, articles, ..
            }) => {
                assert_eq!(articles, 4);
                assert_eq!(shards, sharded.text_needed(None).unwrap());
                assert!(!shards.is_empty());
            }
            other => panic!("expected TextNotLoaded, got {:?}", other.map(|_| ())),
        }
        for (_, bytes) in &files {
            sharded.load_text(bytes, true).unwrap();
        }
        assert_eq!(
            serde_json::to_string(sharded.tables().unwrap()).unwrap(),
            serde_json::to_string(whole.tables().unwrap()).unwrap()
        );
    }
}
