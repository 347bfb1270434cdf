//! Hostile input through the core: the Big List of Naughty Strings and the
//! XSS payload lists as queries, documents, titles and file names. Nothing
//! panics, every error is a clear message, and escaped output never carries
//! markup from the input (the only tag is <mark>).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use article_explorer::{Explorer, Mode, SearchOptions};
use std::path::{Path, PathBuf};

fn data() -> PathBuf {
    let dir = std::env::var_os("AE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    assert!(
        dir.join("blns").is_dir(),
        "test data not found at {} (../shared/data must sit beside the repo, or set AE_DATA)",
        dir.display()
    );
    dir
}

fn blns() -> Vec<String> {
    let text = std::fs::read_to_string(data().join("blns/blns.from-txt.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn xss() -> Vec<String> {
    let dir = data().join("xss-payloads");
    let fixtures: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("dompurify/expect.json")).unwrap())
            .unwrap();
    let mut out: Vec<String> = fixtures
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| {
            c.get("payload")
                .and_then(|p| p.as_str())
                .map(str::to_string)
        })
        .collect();
    let mut files: Vec<_> = std::fs::read_dir(dir.join("payloadsallthethings"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|x| x == "txt"))
    {
        let text = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
        out.extend(
            text.split('\n')
                .map(|l| l.trim_end_matches('\r').to_string())
                .filter(|l| !l.trim().is_empty()),
        );
    }
    out
}

/// Markup left after removing our own <mark> tags.
fn foreign_markup(html: &str) -> bool {
    html.replace("<mark>", "")
        .replace("</mark>", "")
        .contains('<')
}

fn seeds() -> Explorer {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut texts = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        texts.push((
            p.file_stem().unwrap().to_string_lossy().into_owned(),
            std::fs::read_to_string(&p).unwrap(),
        ));
    }
    Explorer::from_texts(&texts).unwrap()
}

fn check_queries(ex: &Explorer, queries: &[String], id: &str) -> usize {
    for q in queries {
        for mode in [Mode::Auto, Mode::Any] {
            let r = ex.search(
                q,
                SearchOptions {
                    mode,
                    prefix: true,
                    ..SearchOptions::default()
                },
            );
            for h in &r.hits {
                assert!(
                    !foreign_markup(&h.snippet),
                    "query {q:?} snippet {}",
                    h.snippet
                );
            }
        }
        let h = ex.highlight(id, q).unwrap();
        assert!(!foreign_markup(&h.title));
        for b in &h.blocks {
            assert!(!foreign_markup(&b.html), "query {q:?}");
        }
        let _ = ex.suggest(q, 8);
    }
    queries.len()
}

#[test]
fn naughty_strings_and_payloads_as_queries() {
    let ex = seeds();
    let n = check_queries(&ex, &blns(), "001_d84368878cbb760e")
        + check_queries(&ex, &xss(), "001_d84368878cbb760e");
    println!("hostile queries tried: {n}");
    assert!(n > 2500);
}

#[test]
fn naughty_strings_and_payloads_as_documents_titles_and_names() {
    let mut strings = blns();
    strings.extend(xss());
    let mut ex = Explorer::from_texts(&[("base", "Base\n\nA base article.")]).unwrap();
    let mut files = Vec::new();
    for (i, s) in strings.iter().enumerate() {
        // As title (first line) and body; and as the file name (the id).
        let body = format!("{s}\n\nBody {i}: {s} and more {s}\n");
        let name = format!("{}-{i}.txt", s.replace(['/', '\\', '\0'], "_"));
        files.push((name, body.into_bytes()));
        files.push((
            format!("doc-{i}.html"),
            format!("<article><h1>{s}</h1><p>{s}</p></article>").into_bytes(),
        ));
    }
    // The build-time path (as ae-build does): ingest every file, keep unique ids.
    let mut articles = Vec::new();
    let mut ids = std::collections::BTreeSet::new();
    for (name, bytes) in &files {
        match article_explorer::ingest::ingest(name, bytes) {
            Ok(a) => {
                if ids.insert(a.id.clone()) {
                    articles.push(a);
                }
            }
            Err(e) => assert!(
                e.to_string().contains(':'),
                "error without a file name: {e}"
            ),
        }
    }
    let accepted = articles.len();
    println!(
        "hostile documents tried: {} ({accepted} accepted)",
        files.len()
    );
    assert!(accepted > files.len() / 2);
    let ex_built = Explorer::from_articles(articles).unwrap();
    // The in-page path: added files (up to the limit), each result consistent.
    let results = ex.add_files(&files[..600]);
    for r in &results {
        match (&r.id, &r.error) {
            (Some(_), None) | (None, Some(_)) => {}
            other => panic!("inconsistent result {other:?}"),
        }
    }
    assert!(results.iter().filter(|r| r.id.is_some()).count() > 300);
    for ex in [&ex, &ex_built] {
        check_rendering(ex);
    }
    let again = Explorer::from_bytes(&ex_built.to_bytes().unwrap()).unwrap();
    assert_eq!(again.articles().len(), ex_built.articles().len());
}

fn check_rendering(ex: &Explorer) {
    // Extraction copes, and every table row points inside its article.
    let t = ex.tables().expect("all text is here");
    article_explorer::tables::validate(ex.corpus(), t).unwrap();
    for f in t.figures.iter().take(200) {
        ex.highlight_focus(&f.at.article, "", Some(f.at.sentence), false)
            .unwrap();
    }
    // Every accepted article renders as escaped text only.
    for a in ex.articles() {
        let h = ex.highlight(&a.id, "alert script onerror body").unwrap();
        assert!(!foreign_markup(&h.title), "{}", h.title);
        for b in &h.blocks {
            assert!(!foreign_markup(&b.html), "{}", b.html);
        }
        for t in &h.tables {
            for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                assert!(!foreign_markup(cell));
            }
        }
    }
    let r = ex.search(
        "alert",
        SearchOptions {
            limit: 1000,
            ..SearchOptions::default()
        },
    );
    assert!(r.total > 10);
    for h in &r.hits {
        assert!(!foreign_markup(&h.snippet));
    }
}
