//! `ae-build --corpus DIR --out FILE`: parse and index a folder of articles
//! and write the blob that the wasm module embeds.

use article_explorer::{parse_article, Explorer, MAX_ARTICLE_BYTES};
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
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut articles = Vec::new();
    for path in &paths {
        let name = path.display();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("ae-build: skipped {name}: {e}");
                continue;
            }
        };
        if bytes.len() > MAX_ARTICLE_BYTES {
            eprintln!("ae-build: skipped {name}: larger than {MAX_ARTICLE_BYTES} bytes");
            continue;
        }
        let Ok(text) = String::from_utf8(bytes) else {
            eprintln!("ae-build: skipped {name}: not UTF-8 text");
            continue;
        };
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let article = parse_article(&id, &text);
        if article.blocks.is_empty() {
            eprintln!("ae-build: skipped {name}: no article text");
            continue;
        }
        articles.push(article);
    }
    if articles.is_empty() {
        return Err(format!(
            "no usable articles in {} (looked for .txt files)",
            dir.display()
        ));
    }
    let n = articles.len();
    let explorer = Explorer::from_articles(articles).map_err(|e| e.to_string())?;
    let bytes = explorer.to_bytes().map_err(|e| e.to_string())?;
    std::fs::write(out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!(
        "ae-build: {n} articles, {} terms, {} bytes → {}",
        explorer.corpus().index.terms.len(),
        bytes.len(),
        out.display()
    );
    Ok(())
}
