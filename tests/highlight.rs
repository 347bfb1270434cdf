//! Highlight ranges: UTF-16 offsets, phrases, overlaps, escaping.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use article_explorer::highlight::Highlighted;
use article_explorer::Explorer;

/// The text each UTF-16 range covers in its block.
fn marked(ex: &Explorer, id: &str, q: &str) -> (Highlighted, Vec<String>) {
    let h = ex.highlight(id, q).unwrap();
    let a = ex.article(id).unwrap();
    let texts = h
        .ranges
        .iter()
        .map(|r| {
            let text = a.segment_text(r.segment).unwrap();
            let units: Vec<u16> = text.encode_utf16().collect();
            String::from_utf16(&units[r.start..r.end]).unwrap()
        })
        .collect();
    (h, texts)
}

fn ex() -> Explorer {
    Explorer::from_texts(&[
        (
            "multi",
            "Un Café Crème\n\n🙂 Émile’s “café” costs €5 — naïve café-goers pay 5 % more. 阿里巴巴 and 東京タワー too.\n\nNew York, then York: the new-york style.",
        ),
        ("esc", "Tags <b>bold</b> & more\n\nA <script>alert(1)</script> line about bold claims."),
    ])
    .unwrap()
}

#[test]
fn utf16_ranges_cover_the_matched_words() {
    let ex = ex();
    let cases: &[(&str, &[&str])] = &[
        ("cafe", &["Café", "café", "café"]),
        ("emile", &["Émile’s"]),
        ("阿里巴巴", &["阿里巴巴"]),
        ("東京", &["東京"]),
        ("naive", &["naïve"]),
    ];
    for (q, want) in cases {
        let (_, got) = marked(&ex, "multi", q);
        assert_eq!(got, *want, "query {q:?}");
    }
}

#[test]
fn phrase_is_one_range_even_across_punctuation() {
    let ex = ex();
    let (h, got) = marked(&ex, "multi", "\"new york\"");
    assert_eq!(got, ["New York", "new-york"]);
    assert_eq!(h.matches, 2);
    // Punctuation between the words of a phrase is spanned by its one mark.
    let (_, got) = marked(&ex, "multi", "\"york then\"");
    assert_eq!(got, ["York, then"]);
}

#[test]
fn overlapping_terms_merge_into_one_mark() {
    let ex = ex();
    let (h, got) = marked(&ex, "multi", "\"new york\" york");
    // The word "york" inside the phrase does not give a second, overlapping mark.
    assert_eq!(got, ["New York", "York", "new-york"]);
    let html = &h.blocks[1].html;
    assert_eq!(html.matches("<mark>").count(), 3);
}

#[test]
fn excluded_terms_are_not_marked() {
    let ex = ex();
    let (h, _) = marked(&ex, "multi", "york -cafe");
    assert!(h
        .blocks
        .iter()
        .all(|b| !b.html.contains("<mark>café") && !b.html.contains("<mark>Café")));
    assert!(h.matches >= 2);
}

#[test]
fn html_is_escaped_and_only_mark_is_markup() {
    let ex = ex();
    let h = ex.highlight("esc", "bold").unwrap();
    assert_eq!(
        h.title,
        "Tags &lt;b&gt;<mark>bold</mark>&lt;/b&gt; &amp; more"
    );
    let body = &h.blocks[0].html;
    assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let stripped = body.replace("<mark>", "").replace("</mark>", "");
    assert!(!stripped.contains('<'), "{body}");
    // A query full of markup is text too.
    let h = ex.highlight("esc", "<script>").unwrap();
    for b in &h.blocks {
        assert!(!b
            .html
            .replace("<mark>", "")
            .replace("</mark>", "")
            .contains('<'));
    }
}

#[test]
fn empty_query_marks_nothing() {
    let ex = ex();
    let h = ex.highlight("multi", "").unwrap();
    assert_eq!(h.matches, 0);
    assert!(h.blocks.iter().all(|b| !b.html.contains("<mark>")));
}

#[test]
fn unknown_article_is_an_error() {
    assert!(ex()
        .highlight("nope", "x")
        .unwrap_err()
        .to_string()
        .contains("no article"));
}

/// The reader marks what a search as you type matched: the last word as a
/// prefix, resolved the same way.
#[test]
fn the_reader_marks_the_prefix_the_list_matched() {
    let ex = Explorer::from_texts(&[(
        "a",
        "Prices Rise\n\nInflation rose again, and inflows slowed.",
    )])
    .unwrap();
    let opts = article_explorer::SearchOptions {
        prefix: true,
        ..Default::default()
    };
    let r = ex.search("infl", opts);
    assert_eq!(r.total, 1);
    assert!(
        r.hits[0].snippet.contains("<mark>"),
        "{}",
        r.hits[0].snippet
    );
    let typed = ex.highlight_focus("a", "infl", None, true).unwrap();
    assert_eq!(typed.matches, 2, "{:?}", typed.ranges);
    let whole = ex.highlight_focus("a", "infl", None, false).unwrap();
    assert_eq!(whole.matches, 0);
    // A finished word (trailing space) is not a prefix, in both.
    assert_eq!(ex.search("infl ", opts).total, 0);
    assert_eq!(
        ex.highlight_focus("a", "infl ", None, true)
            .unwrap()
            .matches,
        0
    );
}

#[test]
fn a_word_repeated_past_the_mark_limit_is_counted_and_its_first_matches_marked() {
    use article_explorer::highlight::MAX_MARKS;
    let n = MAX_MARKS + 2_500;
    let body = "echo ".repeat(n);
    let ex = Explorer::from_texts(&[("rep", &format!("Repeats\n\n{body}"))]).unwrap();
    let h = ex.highlight("rep", "echo").unwrap();
    assert_eq!(h.matches, n);
    assert_eq!(h.marked, MAX_MARKS);
    assert_eq!(h.ranges.len(), MAX_MARKS);
    let html: String = h.blocks.iter().map(|b| b.html.as_str()).collect();
    assert_eq!(html.matches("<mark>").count(), MAX_MARKS);
    // The first ones, in reading order.
    assert_eq!((h.ranges[0].start, h.ranges[0].end), (0, 4));
    assert_eq!(h.ranges[MAX_MARKS - 1].start, 5 * (MAX_MARKS - 1));
}

#[test]
fn a_few_matches_are_all_marked() {
    let (h, texts) = marked(&ex(), "multi", "café");
    assert_eq!(h.marked, h.matches);
    assert_eq!(texts.len(), h.matches);
}
