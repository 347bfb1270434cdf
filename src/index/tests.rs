use super::openings::is_content_word;
use super::validate::check_run;
use super::*;
use crate::model::Article;
use crate::parse::parse_article;
use std::collections::BTreeMap;

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
        text.push_str(&format!(
            "Para{p} alpha beta gamma the delta 42 epsilon zeta eta theta iota kappa lambda.\n\n"
        ));
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
                // A compound's parts ("Para3" is also "para") count as its words do.
                for term in std::iter::once(tok.term.as_str()).chain(tok.parts()) {
                    if is_content_word(term) {
                        *want.entry(idx.term_id(term).unwrap()).or_default() += 1;
                    }
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

/// Entries gathered in first-seen order come out grouped by word rank, each
/// word's run in (doc, field) order with its positions as gathered, and pack
/// to the same bytes as the lists they stand for.
#[test]
fn entries_bucket_and_pack_like_lists() {
    use super::postings::{bucket_by_rank, pack_entries, Entry};
    let e = |term, doc, field, pos| Entry {
        term,
        doc,
        field,
        pos,
    };
    // Word 0 ("zeta", rank 1) and word 1 ("alpha", rank 0); in doc 0 a body
    // entry of word 0 comes before its title entry.
    let gathered = vec![
        e(0, 0, BODY, 3),
        e(1, 0, BODY, 4),
        e(0, 0, TITLE, 0),
        e(0, 0, BODY, 9),
        e(1, 1, TITLE, 1),
        e(0, 1, BODY, 2),
    ];
    let out = bucket_by_rank(gathered, &[1, 0]);
    assert_eq!(
        out,
        vec![
            e(0, 0, BODY, 4),
            e(0, 1, TITLE, 1),
            e(1, 0, TITLE, 0),
            e(1, 0, BODY, 3),
            e(1, 0, BODY, 9),
            e(1, 1, BODY, 2),
        ]
    );
    let p = |doc, field, positions: &[u32]| Posting {
        doc,
        field,
        positions: positions.to_vec(),
    };
    let lists = vec![
        vec![p(0, BODY, &[4]), p(1, TITLE, &[1])],
        vec![p(0, TITLE, &[0]), p(0, BODY, &[3, 9]), p(1, BODY, &[2])],
    ];
    assert_eq!(pack_entries(&out, 2), pack_postings(&lists));
}
