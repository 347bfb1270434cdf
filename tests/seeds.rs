//! Parsing and search on the seed articles (`seeds/`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use article_explorer::parse::BlockKind;
use article_explorer::{parse_article, Article, Explorer, Mode, SearchOptions};
use std::path::Path;

fn load(id: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(format!("{id}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_article(id, &text)
}

fn all_ids() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut ids: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

fn explorer() -> Explorer {
    Explorer::from_articles(all_ids().iter().map(|id| load(id)).collect()).unwrap()
}

#[test]
fn five_seed_articles() {
    assert_eq!(all_ids().len(), 5);
}

#[test]
fn titles() {
    // (id, expected title or its start, derived?)
    let cases = [
        (
            "000_126e87e973e443c0",
            "Chinese tech giant Alibaba announced plans to invest",
            true,
        ),
        (
            "001_d84368878cbb760e",
            "Alibaba’s $53 Billion AI Bet Reignites Investor Confidence in Chinese Tech",
            false,
        ),
        (
            "002_14415d133ce09bb5",
            "Alibaba Group’s headline-grabbing rally",
            true,
        ),
        (
            "003_1e96ebb220895e9a",
            "Alibaba stocks have started up a tremendous rise in their price",
            true,
        ),
        (
            "004_6fbf10b742a03655",
            "Alibaba Group Holding saw its shares surge 15 percent",
            true,
        ),
    ];
    for (id, title, derived) in cases {
        let a = load(id);
        assert!(a.title.starts_with(title), "{id}: {:?}", a.title);
        assert_eq!(a.title_derived, derived, "{id}");
        assert!(
            a.title.split_whitespace().count() <= 13,
            "{id}: title too long"
        );
    }
}

#[test]
fn paragraph_counts() {
    // Counted by hand from the files: non-furniture lines, headline excluded,
    // table cells excluded, teasers excluded.
    let cases = [
        ("000_126e87e973e443c0", 6),
        ("001_d84368878cbb760e", 23),
        ("002_14415d133ce09bb5", 51),
        ("003_1e96ebb220895e9a", 8),
        ("004_6fbf10b742a03655", 14),
    ];
    for (id, n) in cases {
        assert_eq!(load(id).paragraphs().len(), n, "{id}");
    }
}

#[test]
fn furniture_is_gone() {
    let furniture = [
        "Advertisement",
        "Must read",
        "Source link",
        "More articles",
        "Latest article",
        "LEAVE A REPLY",
        "Please enter your comment!",
        "Please enter your name here",
        "Sign up to our free",
        "IndyTech newsletter",
        "Follow William Pesek",
        "Apple has debuted a new member",
        "Apple's decision to withdraw",
        "Today, businesses are no longer asking",
    ];
    for id in all_ids() {
        let a = load(&id);
        let mut texts: Vec<&str> = a.paragraphs();
        texts.push(&a.title);
        for t in texts {
            for f in furniture {
                assert!(!t.contains(f), "{id}: furniture {f:?} left in {t:?}");
            }
        }
    }
}

#[test]
fn text_is_kept_as_written() {
    let a = load("001_d84368878cbb760e");
    assert!(a
        .paragraphs()
        .iter()
        .any(|p| p.contains("“building up a self-contained virtuous cycle”")));
    assert!(a
        .paragraphs()
        .iter()
        .any(|p| p.contains("three years—a sign")));
}

#[test]
fn key_market_moves_table() {
    let a = load("001_d84368878cbb760e");
    assert_eq!(a.tables.len(), 1);
    let t = &a.tables[0];
    assert_eq!(t.caption.as_deref(), Some("Key Market Moves"));
    assert_eq!(t.header, ["Asset/Equity", "Latest Move", "Context/Driver"]);
    assert_eq!(t.rows.len(), 6);
    assert_eq!(
        t.rows[0],
        [
            "Alibaba (HK)",
            "+7.2% to 4-yr high",
            "AI spending boost, Qwen3-Max release"
        ]
    );
    assert_eq!(
        t.rows[5],
        [
            "ARK Invest (Alibaba ADR stake)",
            "$16.3M invested",
            "First re-entry since 2021"
        ]
    );
    // The table sits between the section before it and the heading after it.
    let pos = a
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Table)
        .unwrap();
    assert_eq!(a.blocks[pos - 1].text, "Key Market Moves");
    assert_eq!(
        a.blocks[pos + 1].text,
        "Investor Outlook: Balancing Opportunity and Risk"
    );
    assert_eq!(a.blocks[pos + 1].kind, BlockKind::Heading);
    // No cell is left behind as a paragraph.
    assert!(!a.paragraphs().contains(&"SMIC"));
    assert!(a
        .tables
        .iter()
        .all(|t| t.rows.iter().all(|r| r.len() == t.header.len())));
}

#[test]
fn other_seeds_have_no_tables() {
    for id in all_ids().iter().filter(|id| !id.starts_with("001")) {
        assert!(load(id).tables.is_empty(), "{id}");
    }
}

#[test]
fn a_word_from_one_article_ranks_it_first() {
    let ex = explorer();
    // Each case: a word found in one article only.
    for (q, id) in [
        ("Morningstar", "001_d84368878cbb760e"),
        ("Casanova", "002_14415d133ce09bb5"),
        ("Unicom", "003_1e96ebb220895e9a"),
        ("Stargate", "004_6fbf10b742a03655"),
        ("Zhengfei", "000_126e87e973e443c0"),
    ] {
        let r = ex.search(q, SearchOptions::default());
        assert_eq!(r.total, 1, "{q}");
        assert_eq!(r.hits[0].id, id, "{q}");
        assert!(
            r.hits[0].snippet.contains("<mark>"),
            "{q}: {}",
            r.hits[0].snippet
        );
    }
}

#[test]
fn blob_round_trip_answers_the_same() {
    let ex = explorer();
    let again = Explorer::from_bytes(&ex.to_bytes().unwrap()).unwrap();
    for q in ["alibaba cloud", "\"jack ma\"", "smic OR naura", "invest*"] {
        assert_eq!(
            ex.search(q, SearchOptions::default()),
            again.search(q, SearchOptions::default())
        );
    }
}

#[test]
fn query_forms_on_the_seeds() {
    let ex = explorer();
    let ids = |q: &str, mode: Mode| -> Vec<String> {
        let r = ex.search(
            q,
            SearchOptions {
                limit: 10,
                offset: 0,
                mode,
                ..SearchOptions::default()
            },
        );
        r.hits
            .iter()
            .filter(|h| !h.partial)
            .map(|h| h.id.clone())
            .collect()
    };
    let total = |q: &str| ex.search(q, SearchOptions::default()).total;
    // Phrase: "Jack Ma" appears in 000, 002 and 004.
    assert_eq!(total("\"jack ma\""), 3);
    // Exclusion removes articles with the word.
    let with = total("alibaba");
    let without = total("alibaba -deepseek");
    assert!(without < with);
    assert!(ids("alibaba -deepseek", Mode::Auto).iter().all(|id| !ex
        .article(id)
        .unwrap()
        .paragraphs()
        .join(" ")
        .contains("DeepSeek")));
    // OR is a union.
    assert_eq!(total("Morningstar OR Casanova"), 2);
    // Implicit AND: both words.
    assert_eq!(total("Morningstar Casanova"), 0);
    assert_eq!(
        ex.search("Morningstar Casanova", SearchOptions::default())
            .hits
            .len(),
        2
    );
    assert!(ex
        .search("Morningstar Casanova", SearchOptions::default())
        .hits
        .iter()
        .all(|h| h.partial));
    assert_eq!(ids("Morningstar Casanova", Mode::All).len(), 0);
    assert_eq!(ids("Morningstar Casanova", Mode::Any).len(), 2);
    // Prefix.
    assert_eq!(total("Morning*"), 1);
    // Typo (distance 1 on an 8+ letter word, and on a 4–7 letter word).
    assert_eq!(
        ex.search("Morningstra", SearchOptions::default())
            .hits
            .first()
            .map(|h| h.id.as_str()),
        Some("001_d84368878cbb760e")
    );
    assert_eq!(total("Stargat"), 1);
    assert_eq!(total("Unicon"), 2); // Unicom and Union
                                    // Stemming: "investing" finds "investment(s)".
    assert!(total("investing") >= 4);
    // Apostrophes: straight and curly are the same.
    assert_eq!(total("Alibaba's"), total("Alibaba’s"));
    // Dash: "three-year" also matches "three year".
    assert!(total("three-year") >= 1);
    assert_eq!(total("\"three year\""), total("three-year"));
    // Numbers, percentages and money.
    assert!(total("7.2%") >= 1);
    assert!(total("\"$53 billion\"") >= 2);
    assert!(total("380") >= 2);
    // title: restricts to the title.
    assert_eq!(total("title:reignites"), 1);
    assert_eq!(total("title:morningstar"), 0);
}

#[test]
fn hostile_queries_never_fail() {
    let ex = explorer();
    let long = "alibaba ".repeat(1300);
    for q in [
        "\"unbalanced",
        "OR",
        "-",
        "- -",
        "\"\"",
        "🙂🙂",
        "title:",
        "*",
        "a*",
        &long,
        "\u{0}",
        "<script>alert(1)</script>",
    ] {
        let r = ex.search(q, SearchOptions::default());
        for h in &r.hits {
            assert!(!h.snippet.contains("<script"), "{q}");
        }
    }
}
