//! Search behaviour on small hand-made fixtures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use article_explorer::search::MatchKind;
use article_explorer::{Explorer, Mode, SearchOptions};

fn fixture() -> Explorer {
    Explorer::from_texts(&[
        ("a-cafe", "Café Culture\n\nThe café on the corner serves coffee. Coffee prices rose 7.2% this year."),
        ("b-cjk", "阿里巴巴的云\n\n阿里巴巴宣布在人工智能方面投资。東京タワーの話。한국어 문장입니다."),
        ("c-invest", "Investing Basics\n\nInvestors invest in investments. A three-year plan, and a three year plan."),
        ("d-dogs", "Dogs And Cats\n\nDogs chase cats. The cat sat on the mat near the dog."),
        ("e-market", "Market Report\n\nThe market rallied. Shares of the coffee company rose on the market."),
    ])
    .unwrap()
}

fn ids(ex: &Explorer, q: &str, opts: SearchOptions) -> Vec<String> {
    ex.search(q, opts).hits.into_iter().map(|h| h.id).collect()
}

#[test]
fn diacritics_fold_both_ways() {
    let ex = fixture();
    assert_eq!(ids(&ex, "cafe", SearchOptions::default()), ["a-cafe"]);
    assert_eq!(ids(&ex, "CAFÉ", SearchOptions::default()), ["a-cafe"]);
}

#[test]
fn cjk_queries_match_by_bigrams() {
    let ex = fixture();
    assert_eq!(ids(&ex, "阿里巴巴", SearchOptions::default()), ["b-cjk"]);
    assert_eq!(ids(&ex, "人工智能", SearchOptions::default()), ["b-cjk"]);
    assert_eq!(ids(&ex, "東京", SearchOptions::default()), ["b-cjk"]);
    assert_eq!(ids(&ex, "한국어", SearchOptions::default()), ["b-cjk"]);
    assert!(ids(&ex, "阿里巴巴", SearchOptions::default())
        .iter()
        .all(|id| id == "b-cjk"));
    let h = ex.highlight("b-cjk", "人工智能").unwrap();
    assert_eq!(h.matches, 1, "a CJK query is one phrase, marked once");
}

#[test]
fn exact_outranks_stem_outranks_typo() {
    let ex = Explorer::from_texts(&[
        ("exact", "One\n\nA note about the market."),
        ("stem", "Two\n\nA note about the markets."),
        ("other", "Three\n\nNothing relevant here at all."),
    ])
    .unwrap();
    let r = ex.search("market", SearchOptions::default());
    assert_eq!(r.hits[0].id, "exact");
    assert_eq!(r.hits[0].explain[0].kind, MatchKind::Exact);
    assert_eq!(r.hits[1].id, "stem");
    assert_eq!(r.hits[1].explain[0].kind, MatchKind::Stem);
    // A typo that exists nowhere falls back to fuzzy matching.
    let r = ex.search("markte", SearchOptions::default());
    assert!(!r.hits.is_empty());
    assert!(r.hits.iter().all(|h| h.explain[0].kind == MatchKind::Typo));
    // A real word is not read as a typo of another.
    let r = ex.search("nothing", SearchOptions::default());
    assert_eq!(r.total, 1);
}

#[test]
fn short_words_get_no_typos_and_first_letter_is_kept() {
    let ex = fixture();
    assert_eq!(ex.search("cst", SearchOptions::default()).total, 0); // 3 letters: no typo budget
    assert_eq!(ex.search("bogs", SearchOptions::default()).hits.len(), 0); // "dogs" differs in the first letter
    assert_eq!(ids(&ex, "dgos", SearchOptions::default()), ["d-dogs"]); // transposition
}

#[test]
fn modes_and_partial_matches() {
    let ex = fixture();
    let auto = ex.search("coffee market", SearchOptions::default());
    assert_eq!(auto.total, 1);
    assert_eq!(auto.hits[0].id, "e-market");
    assert!(!auto.hits[0].partial);
    assert!(auto.hits[1..].iter().all(|h| h.partial));
    assert!(auto.hits.iter().any(|h| h.id == "a-cafe"));
    let all = SearchOptions {
        mode: Mode::All,
        ..SearchOptions::default()
    };
    assert_eq!(ids(&ex, "coffee market", all), ["e-market"]);
    let any = SearchOptions {
        mode: Mode::Any,
        ..SearchOptions::default()
    };
    let r = ex.search("coffee market", any);
    assert_eq!(r.total, 2);
    assert!(r.hits.iter().all(|h| !h.partial));
}

#[test]
fn paging_is_stable_and_deterministic() {
    let ex = fixture();
    let opts = |offset, limit| SearchOptions {
        offset,
        limit,
        mode: Mode::Any,
        ..SearchOptions::default()
    };
    let all = ids(&ex, "the", opts(0, 10));
    assert!(all.len() >= 3);
    let mut paged = ids(&ex, "the", opts(0, 2));
    paged.extend(ids(&ex, "the", opts(2, 10)));
    assert_eq!(paged, all);
    assert_eq!(ids(&ex, "the", opts(0, 10)), all, "same query, same order");
}

#[test]
fn phrases_do_not_cross_paragraphs() {
    let ex = Explorer::from_texts(&[(
        "x",
        "Title\n\nThe end of one paragraph\n\nParagraph two starts here.",
    )])
    .unwrap();
    assert_eq!(
        ex.search("\"paragraph paragraph\"", SearchOptions::default())
            .total,
        0
    );
    assert_eq!(
        ex.search("\"paragraph two\"", SearchOptions::default())
            .total,
        1
    );
}

#[test]
fn dashes_and_phrases() {
    let ex = fixture();
    let r = ex.search("three-year", SearchOptions::default());
    assert_eq!(r.total, 1);
    let h = ex.highlight("c-invest", "three-year").unwrap();
    assert_eq!(
        h.matches, 2,
        "both 'three-year' and 'three year' are marked, each as one phrase"
    );
}

#[test]
fn did_you_mean_and_suggest() {
    let ex = fixture();
    let r = ex.search("cofee xylophone", SearchOptions::default());
    // "cofee" is a typo match; "xylophone" is nowhere.
    assert!(r.hits.iter().all(|h| h.partial));
    let none = ex.search("qqqqqq", SearchOptions::default());
    assert!(none.hits.is_empty());
    let none = ex.search(
        "investmant",
        SearchOptions {
            mode: Mode::All,
            ..SearchOptions::default()
        },
    );
    assert!(!none.hits.is_empty(), "typo tolerance finds investment");
    let s = ex.suggest("inv", 5);
    assert!(
        s.contains(&"invest".to_string()) || s.contains(&"investors".to_string()),
        "{s:?}"
    );
    assert!(s.iter().all(|c| c.starts_with("inv")));
    assert_eq!(ex.suggest("the coff", 5), ["the coffee"]);
    assert!(ex.suggest("", 5).is_empty());
    assert!(ex.suggest("coffee ", 5).is_empty());
}

#[test]
fn suggestion_offered_when_nothing_matches() {
    let ex = Explorer::from_texts(&[("x", "Title\n\nSemiconductor demand is rising.")]).unwrap();
    let r = ex.search("semiconductr", SearchOptions::default());
    assert!(!r.hits.is_empty(), "typo tolerance catches it");
    let r = ex.search("semiconduktorzz", SearchOptions::default());
    assert!(r.hits.is_empty());
    assert_eq!(r.suggestion.as_deref(), Some("semiconductor"));
    let ex = fixture();
    assert_eq!(
        ex.search("bogs", SearchOptions::default())
            .suggestion
            .as_deref(),
        Some("dogs")
    );
    assert_eq!(
        ex.search("cst", SearchOptions::default())
            .suggestion
            .as_deref(),
        Some("cat")
    );
}

#[test]
fn exclusion_only_lists_everything_else() {
    let ex = fixture();
    let r = ex.search("-coffee", SearchOptions::default());
    let got: Vec<_> = r.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(got, ["b-cjk", "c-invest", "d-dogs"]);
}

#[test]
fn duplicate_ids_are_an_error() {
    let e = Explorer::from_texts(&[("x", "one"), ("x", "two")]).unwrap_err();
    assert!(
        e.to_string().contains("two articles have the id \"x\"") || e.to_string().contains("x")
    );
}

/// Letter–digit compounds are also found by their parts (as Lucene's word
/// delimiter filter does, keeping the original): "Qwen3-Max" by `qwen`,
/// `qwen3`, `"qwen3 max"` and `max`, and the reader marks "Qwen3" for `qwen`.
#[test]
fn letter_digit_compounds_are_found_by_their_parts() {
    let ex = Explorer::from_texts(&[
        (
            "qwen3-max",
            "Alibaba Model\n\nAlibaba released Qwen3-Max, its largest model so far.",
        ),
        (
            "qwen3-coder",
            "Coding Model\n\nThe Qwen3 coder writes programs for developers.",
        ),
        (
            "qwen25",
            "Earlier Model\n\nThe older Qwen 2.5-Max model came out in January.",
        ),
        (
            "gpt4o",
            "Voice Model\n\nOpenAI said GPT4o handles voice and images.",
        ),
        (
            "covid",
            "Health News\n\nCOVID19 cases fell during the winter months.",
        ),
        (
            "f16",
            "Jet News\n\nThe F-16 fighter flew again after repairs.",
        ),
        ("b2b", "Sales News\n\nB2B sales grew strongly this quarter."),
    ])
    .unwrap();
    let strict = SearchOptions {
        mode: Mode::All,
        ..SearchOptions::default()
    };
    let all = |q: &str| {
        let mut got = ids(&ex, q, strict);
        got.sort();
        got
    };
    // (query, every article found with all its words)
    let cases: &[(&str, &[&str])] = &[
        ("qwen", &["qwen25", "qwen3-coder", "qwen3-max"]),
        ("qwen3", &["qwen3-coder", "qwen3-max"]),
        ("qwen3 max", &["qwen3-max"]),
        ("\"qwen3 max\"", &["qwen3-max"]),
        ("\"qwen max\"", &["qwen3-max"]),
        ("max", &["qwen25", "qwen3-max"]),
        ("gpt", &["gpt4o"]),
        ("gpt4o", &["gpt4o"]),
        ("covid", &["covid"]),
        ("covid19", &["covid"]),
        ("f-16", &["f16"]),
        ("b2b sales", &["b2b"]),
        ("b2b", &["b2b"]),
    ];
    for (q, want) in cases {
        assert_eq!(all(q), *want, "query {q}");
    }
    // The exact compound outranks its parts: `qwen3` before plain "Qwen".
    let r = ids(&ex, "qwen3 OR qwen", strict);
    assert_eq!(r.len(), 3, "{r:?}");
    assert_eq!(r.last().map(String::as_str), Some("qwen25"), "{r:?}");
    // The reader marks the whole compound for its part, and the phrase.
    for (id, q, want) in [
        ("qwen3-max", "qwen", "Qwen3"),
        ("qwen3-max", "qwen3", "Qwen3"),
        ("qwen3-max", "\"qwen3 max\"", "Qwen3-Max"),
        ("gpt4o", "gpt", "GPT4o"),
        ("covid", "covid", "COVID19"),
    ] {
        let h = ex.highlight(id, q).unwrap();
        let a = ex.article(id).unwrap();
        let texts: Vec<String> = h
            .ranges
            .iter()
            .map(|r| {
                let units: Vec<u16> = a.segment_text(r.segment).unwrap().encode_utf16().collect();
                String::from_utf16(&units[r.start..r.end]).unwrap()
            })
            .collect();
        assert_eq!(texts, [want], "{id}: {q}");
    }
    // A snippet marks it too.
    let hit = ex.search("qwen", SearchOptions::default());
    let snippet = &hit
        .hits
        .iter()
        .find(|h| h.id == "qwen3-max")
        .unwrap()
        .snippet;
    assert!(snippet.contains("<mark>Qwen3</mark>"), "{snippet}");
}
