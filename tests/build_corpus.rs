//! `ae-build --corpus DIR` over a folder mixing .txt, .md and .html with bad files.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use article_explorer::{Explorer, SearchOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn build(dir: &Path) -> (std::process::Output, PathBuf) {
    let out = std::env::temp_dir().join(format!(
        "ae-build-test-{}-{}.aex",
        std::process::id(),
        dir.file_name().unwrap().to_string_lossy()
    ));
    (run_ae_build(dir, &out, &[]), out)
}

/// `ae-build --corpus DIR --out OUT` and `extra` arguments.
fn run_ae_build(dir: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ae-build"))
        .args([
            "--corpus",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(extra)
        .output()
        .unwrap()
}

/// `ae-build --corpus DIR --out OUT`, which must succeed; its corpus.
fn build_ok(dir: &Path, out: &Path) -> Explorer {
    let output = run_ae_build(dir, out, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Explorer::from_bytes(&std::fs::read(out).unwrap()).unwrap()
}

#[test]
fn mixed_folder_builds_and_reports_bad_files() {
    let (output, out) = build(&fixture("mixed"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    for bad in [
        "broken-binary.txt: looks like a binary file",
        "empty-story.md: the file is empty",
        "plain-story.txt",
    ] {
        assert!(stderr.contains(bad), "missing report {bad:?} in {stderr}");
    }
    assert!(
        !stderr.contains("notes.csv") && !stderr.contains("README"),
        "non-article files are ignored quietly"
    );
    let ex = Explorer::from_bytes(&std::fs::read(&out).unwrap()).unwrap();
    let ids: Vec<_> = ex.articles().into_iter().map(|a| a.id).collect();
    assert_eq!(
        ids,
        [
            "html-story",
            "latin1-story",
            "markdown-story",
            "plain-story"
        ]
    );
    let md = ex.article("markdown-story").unwrap();
    assert_eq!(md.title, "Markdown Story Title");
    assert_eq!(md.meta.source.as_deref(), Some("Example Wire"));
    assert_eq!(md.meta.url.as_deref(), Some("https://example.org/md-story"));
    assert!(md
        .paragraphs()
        .contains(&"Shipping rates fell for the third week, according to analysts."));
    let html = ex.article("html-story").unwrap();
    assert_eq!(html.title, "Airlines Add Routes As Demand Returns");
    assert_eq!(html.meta.source.as_deref(), Some("Example Site"));
    assert!(!html.paragraphs().join(" ").contains("script text"));
    assert!(!html.paragraphs().join(" ").contains("Home"));
    let latin = ex.article("latin1-story").unwrap();
    assert!(latin.paragraphs()[0].contains("café owner said prices would rise “soon”"));
    assert_eq!(
        ex.search("cafe", SearchOptions::default()).hits[0].id,
        "latin1-story"
    );
    // Two files with one id: the first in name order (.md before .txt) wins.
    assert_eq!(
        ex.article("plain-story").unwrap().title,
        "Duplicate id via another extension"
    );
    assert!(stderr.contains("plain-story.txt: another file already gives the id"));
    std::fs::remove_file(out).ok();
}

#[test]
fn folder_without_articles_fails_clearly() {
    let (output, _) = build(&fixture("empty-folder"));
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no usable articles"), "{stderr}");
    let (output, _) = build(&fixture("does-not-exist"));
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read"));
}

#[test]
fn added_files_join_the_corpus_and_can_be_removed() {
    let mut ex =
        Explorer::from_texts(&[("base", "Base Title\n\nBuilt in text about harbours.")]).unwrap();
    let files = vec![
        (
            "new.txt".to_string(),
            b"New Title\n\nFresh text about harbours and ships.".to_vec(),
        ),
        ("bad.bin".to_string(), vec![0, 1, 2]),
        ("base.md".to_string(), b"Clashing id".to_vec()),
        ("empty.txt".to_string(), Vec::new()),
        ("latin.txt".to_string(), b"Caf\xe9 text".to_vec()),
    ];
    let r = ex.add_files(&files);
    let ok: Vec<_> = r.iter().filter_map(|x| x.id.clone()).collect();
    assert_eq!(ok, ["new", "latin"]);
    assert!(r[1]
        .error
        .as_deref()
        .unwrap()
        .contains("unsupported file type"));
    assert!(r[2].error.as_deref().unwrap().contains("already exists"));
    assert!(r[3].error.as_deref().unwrap().contains("empty"));
    assert_eq!(r[4].text.as_deref(), Some("Café text"));
    assert_eq!(ex.search("harbours", SearchOptions::default()).total, 2);
    assert!(ex.articles().iter().any(|a| a.id == "new" && a.added));
    assert!(ex.articles().iter().any(|a| a.id == "base" && !a.added));
    assert!(ex
        .remove_article("base")
        .unwrap_err()
        .to_string()
        .contains("built in"));
    ex.remove_article("new").unwrap();
    assert_eq!(ex.search("harbours", SearchOptions::default()).total, 1);
    assert!(ex.remove_article("new").is_err());
}

#[test]
fn text_shards_are_written_beside_the_blob_and_load_back() {
    let dir = fixture("mixed");
    let tag = format!("ae-build-shards-{}", std::process::id());
    let out = std::env::temp_dir().join(format!("{tag}.aex"));
    let text_dir = std::env::temp_dir().join(format!("{tag}-text"));
    // A stale shard from an earlier build is cleared; other files are left alone.
    std::fs::create_dir_all(&text_dir).unwrap();
    std::fs::write(text_dir.join("text-9-00000000.aet"), b"old").unwrap();
    std::fs::write(text_dir.join("keep.txt"), b"not a shard").unwrap();
    let run = |shard: &str| {
        let extra = ["--text-dir", text_dir.to_str().unwrap(), "--shard", shard];
        let output = run_ae_build(&dir, &out, &[&extra[..], &["--shard-bytes", "1"]].concat());
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut names: Vec<String> = std::fs::read_dir(&text_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".aet"))
            .collect();
        names.sort();
        names
    };
    let names = run("always");
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(text_dir.join("keep.txt").exists());
    let mut ex = Explorer::from_bytes(&std::fs::read(&out).unwrap()).unwrap();
    let mut wanted = ex.text_needed(None).unwrap();
    wanted.sort();
    assert_eq!(wanted, names);
    for name in &names {
        ex.load_text(&std::fs::read(text_dir.join(name)).unwrap(), false)
            .unwrap();
    }
    assert!(ex.text_needed(None).unwrap().is_empty());
    assert!(ex.highlight("html-story", "airlines").unwrap().matches > 0);
    // auto leaves a small corpus whole, and clears the old shards.
    assert!(run("auto").is_empty());
    let ex = Explorer::from_bytes(&std::fs::read(&out).unwrap()).unwrap();
    assert!(ex.text_needed(None).unwrap().is_empty());
    assert!(ex.highlight("html-story", "airlines").unwrap().matches > 0);
}

#[test]
fn a_small_corpus_leaves_its_index_out_unless_told() {
    let dir = fixture("mixed");
    let out = std::env::temp_dir().join(format!("ae-build-index-{}.aex", std::process::id()));
    let mut blobs = Vec::new();
    for (mode, at_load) in [("auto", true), ("stored", false), ("at-load", true)] {
        let output = run_ae_build(&dir, &out, &["--index", mode]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        let bytes = std::fs::read(&out).unwrap();
        let ex = Explorer::from_bytes(&bytes).unwrap();
        assert_eq!(ex.corpus().index_at_load, at_load, "--index {mode}");
        let hits: Vec<_> = ex
            .search("story prices", SearchOptions::default())
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        blobs.push((bytes.len(), hits, ex.corpus().index.clone()));
    }
    // Left out, the blob is smaller; built at load, the index is the same.
    assert!(blobs[0].0 < blobs[1].0, "{} vs {}", blobs[0].0, blobs[1].0);
    assert!(!blobs[0].1.is_empty());
    assert_eq!(blobs[0].1, blobs[1].1);
    assert_eq!(blobs[0].2, blobs[1].2);
    // A sharded corpus must store its index.
    let text = std::env::temp_dir().join(format!("ae-build-index-text-{}", std::process::id()));
    let output = run_ae_build(
        &dir,
        &out,
        &[
            "--text-dir",
            text.to_str().unwrap(),
            "--shard",
            "always",
            "--index",
            "at-load",
        ],
    );
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("must store its index"));
    let output = run_ae_build(&dir, &out, &["--index", "sometimes"]);
    assert_eq!(output.status.code(), Some(2));
    let _ = std::fs::remove_file(&out);
    let _ = std::fs::remove_dir_all(&text);
}

/// A temporary corpus folder with the given files.
fn temp_corpus(tag: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ae-corr-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

const STORY: &str =
    "Acme deal\n\nShares in Acme Corp rose 5% after chief executive Jane Roe spoke on Monday.";

#[test]
fn a_corpus_ships_its_own_corrections() {
    let dir = temp_corpus(
        "ok",
        &[
            ("a.txt", STORY),
            (
                "corrections.json",
                r#"[{"op":"rename","name":"Jane Roe","kind":"person","to":"Jane Q. Roe"}]"#,
            ),
        ],
    );
    let out = dir.join("out.aex");
    let ex = build_ok(&dir, &out);
    assert_eq!(ex.builtin_corrections().len(), 1);
    let t = ex.tables().unwrap();
    assert!(
        t.entities.iter().any(|e| e.name == "Jane Q. Roe"),
        "{:?}",
        t.entities
    );
    assert!(!t.entities.iter().any(|e| e.name == "Jane Roe"));
}

#[test]
fn bad_corrections_fail_the_build_and_say_where() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "syntax",
            "[\n  {\"op\": \"hide\", \"name\": \"Jane Roe\",\n  \"kind\": person}\n]",
            "line 3",
        ),
        (
            "op",
            r#"[{"op":"explode","name":"Jane Roe","kind":"person"}]"#,
            "line 1",
        ),
        (
            "missing",
            r#"[{"op":"hide","name":"Nobody Here","kind":"person"}]"#,
            "entry 1",
        ),
        (
            "self",
            r#"[{"op":"merge","name":"Jane Roe","kind":"person","into":"Jane Roe","intoKind":"person"}]"#,
            "merged with itself",
        ),
    ];
    for (tag, json, want) in cases {
        let dir = temp_corpus(tag, &[("a.txt", STORY), ("corrections.json", json)]);
        let out = dir.join("out.aex");
        let output = run_ae_build(&dir, &out, &[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{tag}: the build should fail");
        assert!(
            stderr.contains("corrections.json") && stderr.contains(want),
            "{tag}: {stderr}"
        );
        assert!(!out.exists(), "{tag}: no blob is written");
    }
}

#[test]
fn subfolders_are_read_and_their_names_keep_files_apart() {
    // A corpus as BBC News ships it: one folder per section, the same file
    // names in each, and a README beside them.
    let dir = std::env::temp_dir().join(format!("ae-build-nested-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (section, title) in [("business", "Shares Rise"), ("sport", "Cup Final Tonight")] {
        std::fs::create_dir_all(dir.join(section)).unwrap();
        std::fs::write(
            dir.join(section).join("001.txt"),
            format!("{title}\n\nA story from {section} about harbours.\n"),
        )
        .unwrap();
    }
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    std::fs::write(
        dir.join(".hidden").join("002.txt"),
        "Hidden\n\nNot an article.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("top.md"),
        "# Top Story\n\nAt the top, about harbours.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("README.TXT"),
        "About this folder\n\nWhere the stories came from.\n",
    )
    .unwrap();
    let out = dir.with_extension("aex");
    let ex = build_ok(&dir, &out);
    let mut ids: Vec<_> = ex.articles().into_iter().map(|a| a.id).collect();
    ids.sort();
    assert_eq!(ids, ["business-001", "sport-001", "top"]);
    assert_eq!(ex.article("sport-001").unwrap().title, "Cup Final Tonight");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&out);
}
