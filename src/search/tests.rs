use super::score::{closeness, top_k};
use super::typo::{typo_budget, typo_candidates, MAX_TYPO};
use super::*;

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

#[test]
fn edit_distance_table() {
    let cases = [
        ("alibaba", "alibaba", 2, Some(0)),
        ("alibaba", "alibab", 2, Some(1)),
        ("alibaba", "ailbaba", 2, Some(1)),
        ("alibaba", "alabama", 2, Some(2)),
        ("cloud", "clodu", 1, Some(1)),
        ("cloud", "could", 1, None),
        ("cat", "dog", 2, None),
        ("", "ab", 2, Some(2)),
    ];
    for (a, b, max, want) in cases {
        assert_eq!(edit_distance(&chars(a), &chars(b), max), want, "{a} {b}");
    }
}

#[test]
fn top_k_equals_the_prefix_of_a_full_sort() {
    // Scores with many ties (a few distinct values), broken by id.
    let items = || (0..200u32).rev().map(|i| (((i * 37) % 11) as f32 / 3.0, i));
    let mut sorted: Vec<(f32, u32)> = items().collect();
    sorted.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap().then(a.1.cmp(&b.1)));
    for k in [0, 1, 2, 10, 37, 199, 200, 500] {
        assert_eq!(top_k(items(), k), sorted[..k.min(200)], "k = {k}");
    }
}

#[test]
fn pages_of_a_search_join_up_to_the_whole_ranking() {
    // Ties on purpose: seven distinct scores over thirty articles.
    let articles: Vec<_> = (0..30)
        .map(|i| {
            let body = format!("Title {i}\n\nThe river bank{}.", " and water".repeat(i % 7));
            crate::parse::parse_article(&format!("a{i:02}"), &body)
        })
        .collect();
    let analyzer = Analyzer::new();
    let corpus = Corpus {
        index: Index::build(&articles, &analyzer),
        articles,
        text_shards: Vec::new(),
        index_at_load: false,
        corrections: Vec::new(),
    };
    let run = |offset, limit, mode| {
        let opts = SearchOptions {
            offset,
            limit,
            mode,
            details: false,
            ..SearchOptions::default()
        };
        search(
            &corpus,
            &analyzer,
            "river bank",
            opts,
            RankParams::default(),
        )
    };
    for mode in [Mode::Auto, Mode::All, Mode::Any] {
        let whole = run(0, 100, mode);
        assert_eq!(whole.hits.len(), 30, "{mode:?}");
        assert_eq!(whole.total, 30);
        let mut joined = Vec::new();
        for offset in (0..30).step_by(4) {
            let page = run(offset, 4, mode);
            assert_eq!(page.total, 30, "{mode:?} offset {offset}");
            joined.extend(page.hits.into_iter().map(|h| h.id));
        }
        let ids: Vec<String> = whole.hits.into_iter().map(|h| h.id).collect();
        assert_eq!(joined, ids, "{mode:?}");
    }
}

#[test]
fn typo_budget_by_length() {
    assert_eq!(typo_budget(3), 0);
    assert_eq!(typo_budget(4), 1);
    assert_eq!(typo_budget(7), 1);
    assert_eq!(typo_budget(8), 2);
}

#[test]
fn closeness_counts_near_pairs() {
    assert!(closeness(&[1, 50], &[2], 8) > closeness(&[1], &[5], 8));
    assert_eq!(closeness(&[1], &[100], 8), 0.0);
}

/// The bigram filter must find exactly what comparing the word with
/// every term finds, for words with every kind of edit.
#[test]
fn typo_candidates_match_a_full_scan() {
    use crate::parse::parse_article;
    let text = "Title Words\n\nThe committee recommended investment in infrastructure \
        while investors celebrated; celebrations, exchanges and exchange rates, \
        inspection of inspections, underestimate, estimated, Bournemouth, \
        café naïve coöperation, straße, 東京 東京都, x1 ab abc abcd.";
    let analyzer = Analyzer::new();
    let index = Index::build(&[parse_article("a", text)], &analyzer);
    let brute = |word: &str, budget: usize, keep_first: bool| {
        let w: Vec<char> = word.chars().collect();
        let mut out: Vec<(u32, usize)> = Vec::new();
        for (i, term) in index.terms.iter().enumerate() {
            let t: Vec<char> = term.chars().collect();
            if t.len() < 3 || (keep_first && w.len() < 8 && t.first() != w.first()) {
                continue;
            }
            if let Some(d) = edit_distance(&w, &t, budget) {
                if d > 0 {
                    out.push((i as u32, d));
                }
            }
        }
        out.sort_unstable_by_key(|&(t, d)| (d, std::cmp::Reverse(index.doc_freq(t)), t));
        out.truncate(MAX_TYPO);
        out
    };
    let words = [
        "comittee",
        "commitee",
        "recommneded",
        "investmnet",
        "ivnestors",
        "celerbate",
        "exhcanges",
        "inpsection",
        "underestimtae",
        "bournemotuh",
        "cafe",
        "naive",
        "cooperation",
        "strasse",
        "abd",
        "bacd",
        "zzzz",
        "celebrations",
        "xinspection",
    ];
    for word in words {
        for budget in 1..=3 {
            for keep_first in [true, false] {
                assert_eq!(
                    typo_candidates(&index, word, budget, keep_first),
                    brute(word, budget, keep_first),
                    "{word} budget {budget} keep_first {keep_first}"
                );
            }
        }
    }
    assert!(!typo_candidates(&index, "inpsection", 1, true).is_empty());
}
