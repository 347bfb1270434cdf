//! `ae-build --corpus DIR --out FILE`: parse and index a folder of articles
//! and write the blob that the wasm module embeds.

use article_explorer::ingest::{id_and_format, ingest};
use article_explorer::Explorer;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: ae-build --corpus DIR --out FILE");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut corpus = None;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--corpus" => corpus = args.next().map(PathBuf::from),
            "--out" => out = args.next().map(PathBuf::from),
            _ => return usage(),
        }
    }
    let (Some(corpus), Some(out)) = (corpus, out) else {
        return usage();
    };
    match run(&corpus, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ae-build: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path, out: &Path) -> Result<(), String> {
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
    let explorer = Explorer::from_articles(articles).map_err(|e| e.to_string())?;
    let bytes = explorer.to_bytes().map_err(|e| e.to_string())?;
    // Rewrite only on change: the wasm build embeds this file and rebuilds when it changes.
    if std::fs::read(out).ok().as_deref() != Some(bytes.as_slice()) {
        std::fs::write(out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    eprintln!(
        "ae-build: {n} articles ({skipped} skipped), {} terms, {} bytes → {}",
        explorer.corpus().index.terms.len(),
        bytes.len(),
        out.display()
    );
    Ok(())
}
