//! `ae-build --corpus DIR --out FILE [--text-dir DIR] [--shard auto|always|never] [--shard-bytes N]`:
//! parse and index a folder of articles and write the blob that the wasm
//! module embeds. With `--text-dir`, a large corpus (`auto`: more than
//! 8 MB of text) keeps its paragraphs in text shard files written there,
//! fetched by the page on demand, about N bytes of text each (64 KiB); the
//! folder is emptied of old shards first.

use article_explorer::ingest::{id_and_format, ingest};
use article_explorer::{shards, Explorer};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: ae-build --corpus DIR --out FILE [--text-dir DIR] [--shard auto|always|never] [--shard-bytes N]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut corpus = None;
    let mut out = None;
    let mut text_dir = None;
    let mut shard = Shard::Auto;
    let mut shard_bytes = shards::SHARD_TEXT_BYTES;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--corpus" => corpus = args.next().map(PathBuf::from),
            "--out" => out = args.next().map(PathBuf::from),
            "--text-dir" => text_dir = args.next().map(PathBuf::from),
            "--shard-bytes" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => shard_bytes = n,
                None => return usage(),
            },
            "--shard" => {
                shard = match args.next().as_deref() {
                    Some("auto") => Shard::Auto,
                    Some("always") => Shard::Always,
                    Some("never") => Shard::Never,
                    _ => return usage(),
                }
            }
            _ => return usage(),
        }
    }
    let (Some(corpus), Some(out)) = (corpus, out) else {
        return usage();
    };
    match run(&corpus, &out, text_dir.as_deref(), (shard, shard_bytes)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ae-build: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Whether to move the text into shards.
#[derive(Clone, Copy, PartialEq)]
enum Shard {
    Auto,
    Always,
    Never,
}

fn run(
    dir: &Path,
    out: &Path,
    text_dir: Option<&Path>,
    (shard, shard_bytes): (Shard, usize),
) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let mut articles: Vec<article_explorer::Article> = Vec::new();
    let mut skipped = 0;
    for path in &paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || id_and_format(&name).is_err() {
            continue; // not an article file (README, images, dot files)
        }
        let result = std::fs::read(path)
            .map_err(|e| format!("{name}: {e}"))
            .and_then(|bytes| ingest(&name, &bytes).map_err(|e| e.to_string()))
            .and_then(|a| {
                if articles.iter().any(|b| b.id == a.id) {
                    Err(format!(
                        "{name}: another file already gives the id {:?}",
                        a.id
                    ))
                } else {
                    Ok(a)
                }
            });
        match result {
            Ok(a) => articles.push(a),
            Err(e) => {
                skipped += 1;
                eprintln!("ae-build: skipped {e}");
            }
        }
    }
    if articles.is_empty() {
        return Err(format!(
            "no usable articles in {} (looked for .txt, .md and .html files)",
            dir.display()
        ));
    }
    let n = articles.len();
    let mut explorer = Explorer::from_articles(articles).map_err(|e| e.to_string())?;
    if let Some(text_dir) = text_dir {
        let big = shards::text_bytes(explorer.corpus()) > shards::SHARD_ABOVE_BYTES;
        let files = match shard {
            Shard::Always => explorer
                .split_text(shard_bytes)
                .map_err(|e| e.to_string())?,
            Shard::Auto if big => explorer
                .split_text(shard_bytes)
                .map_err(|e| e.to_string())?,
            _ => Vec::new(),
        };
        write_shards(text_dir, &files)?;
    }
    let bytes = explorer.to_bytes().map_err(|e| e.to_string())?;
    // Rewrite only on change: the wasm build embeds this file and rebuilds when it changes.
    if std::fs::read(out).ok().as_deref() != Some(bytes.as_slice()) {
        std::fs::write(out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    eprintln!(
        "ae-build: {n} articles ({skipped} skipped), {} terms, {} bytes → {}, {} text shards",
        explorer.corpus().index.terms.len(),
        bytes.len(),
        out.display(),
        explorer.corpus().text_shards.len()
    );
    Ok(())
}

/// Empty `dir` of old shard files, then write `files` into it.
fn write_shards(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let old = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in old.filter_map(Result::ok) {
        if entry.path().extension().is_some_and(|x| x == "aet") {
            std::fs::remove_file(entry.path())
                .map_err(|e| format!("cannot remove {}: {e}", entry.path().display()))?;
        }
    }
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
