//! `ae-build --corpus DIR --out FILE [--text-dir DIR] [--shard auto|always|never] [--shard-bytes N] [--index auto|stored|at-load]`:
//! parse and index a folder of articles and write the blob that the wasm
//! module embeds. With `--text-dir`, a large corpus (`auto`: more than
//! 8 MB of text) keeps its paragraphs in text shard files written there,
//! fetched by the page on demand, about N bytes of text each (64 KiB); the
//! folder is emptied of old shards first. A small corpus (`--index auto`:
//! less than 64 KiB of text, no shards) leaves its index out of the blob:
//! the module builds it when it loads. A `corrections.json` beside the
//! articles (see [`article_explorer::corrections`]) becomes the corpus's own
//! corrections of the entity tables; the build fails, naming the line or
//! the entry, when it is malformed or names an entity the articles lack.

use article_explorer::corrections::Correction;
use article_explorer::ingest::{id_and_format, ingest};
use article_explorer::store::INDEX_AT_LOAD_BELOW_BYTES;
use article_explorer::{shards, Explorer};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: ae-build --corpus DIR --out FILE [--text-dir DIR] [--shard auto|always|never] [--shard-bytes N] [--index auto|stored|at-load]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut corpus = None;
    let mut out = None;
    let mut text_dir = None;
    let mut shard = Choice::Auto;
    let mut index_at_load = Choice::Auto;
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
            "--shard" => match Choice::parse(args.next(), "always", "never") {
                Some(c) => shard = c,
                None => return usage(),
            },
            "--index" => match Choice::parse(args.next(), "at-load", "stored") {
                Some(c) => index_at_load = c,
                None => return usage(),
            },
            _ => return usage(),
        }
    }
    let (Some(corpus), Some(out)) = (corpus, out) else {
        return usage();
    };
    match run(
        &corpus,
        &out,
        text_dir.as_deref(),
        (shard, shard_bytes),
        index_at_load,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ae-build: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A yes/no option whose default depends on the corpus (the text shards,
/// the index left out of the blob).
#[derive(Clone, Copy, PartialEq)]
enum Choice {
    Auto,
    Yes,
    No,
}

impl Choice {
    fn parse(arg: Option<String>, yes: &str, no: &str) -> Option<Choice> {
        match arg.as_deref() {
            Some("auto") => Some(Choice::Auto),
            Some(a) if a == yes => Some(Choice::Yes),
            Some(a) if a == no => Some(Choice::No),
            _ => None,
        }
    }

    /// The decision, given what `auto` would decide.
    fn or(self, auto: bool) -> bool {
        match self {
            Choice::Auto => auto,
            Choice::Yes => true,
            Choice::No => false,
        }
    }
}

/// The files of `dir` and of its subfolders (a link to a file is read, a
/// link to a folder is not followed; dot files and folders left out), sorted, each with the name its id comes
/// from: a file in a subfolder is named after its folders too
/// ("business/001.txt" → "business-001.txt"), so that files of the same
/// name in different folders stay apart.
fn article_files(dir: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let mut out = Vec::new();
    let mut todo: Vec<(PathBuf, String)> = vec![(dir.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = todo.pop() {
        let entries = std::fs::read_dir(&folder)
            .map_err(|e| format!("cannot read {}: {e}", folder.display()))?;
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            // Dot files, and a folder's own notes: README, LICENSE, CHANGELOG.
            let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
            if name.starts_with('.')
                || ["README", "LICENSE", "LICENCE", "CHANGELOG"].contains(&stem.as_str())
            {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                todo.push((entry.path(), format!("{prefix}{name}-")));
            } else if kind.is_file() || (kind.is_symlink() && entry.path().is_file()) {
                out.push((entry.path(), format!("{prefix}{name}")));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn run(
    dir: &Path,
    out: &Path,
    text_dir: Option<&Path>,
    (shard, shard_bytes): (Choice, usize),
    index_at_load: Choice,
) -> Result<(), String> {
    let paths = article_files(dir)?;
    let mut articles: Vec<article_explorer::Article> = Vec::new();
    let mut skipped = 0;
    for (path, name) in &paths {
        if id_and_format(name).is_err() {
            continue; // not an article file (README, images, dot files)
        }
        let result = std::fs::read(path)
            .map_err(|e| format!("{name}: {e}"))
            .and_then(|bytes| ingest(name, &bytes).map_err(|e| e.to_string()))
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
    read_corrections(dir, &mut explorer)?;
    let text_bytes = shards::text_bytes(explorer.corpus());
    if let Some(text_dir) = text_dir {
        let files = if shard.or(text_bytes > shards::SHARD_ABOVE_BYTES) {
            explorer
                .split_text(shard_bytes)
                .map_err(|e| e.to_string())?
        } else {
            Vec::new()
        };
        write_shards(text_dir, &files)?;
    }
    let small = text_bytes < INDEX_AT_LOAD_BELOW_BYTES && explorer.corpus().text_shards.is_empty();
    explorer.set_index_at_load(index_at_load.or(small));
    let bytes = explorer.to_bytes().map_err(|e| e.to_string())?;
    // Rewrite only on change: the wasm build embeds this file and rebuilds when it changes.
    if std::fs::read(out).ok().as_deref() != Some(bytes.as_slice()) {
        std::fs::write(out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    eprintln!(
        "ae-build: {n} articles ({skipped} skipped), {} terms, {} bytes → {}, {} text shards, index {}",
        explorer.corpus().index.terms.len(),
        bytes.len(),
        out.display(),
        explorer.corpus().text_shards.len(),
        if explorer.corpus().index_at_load {
            "built at load"
        } else {
            "stored"
        }
    );
    Ok(())
}

/// The corpus's `corrections.json`, if any: parsed, checked against the
/// extracted entities, and stored in the blob.
fn read_corrections(dir: &Path, explorer: &mut Explorer) -> Result<(), String> {
    let path = dir.join("corrections.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(());
    };
    let list: Vec<Correction> = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{} line {}, column {}: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    explorer
        .set_builtin_corrections(&list)
        .map_err(|e| e.to_string())?;
    if !list.is_empty() {
        // Check them as the page will apply them.
        explorer.tables().map_err(|e| e.to_string())?;
        let bad: Vec<String> = explorer
            .correction_outcomes()
            .iter()
            .enumerate()
            .filter(|(_, o)| !o.ok)
            .map(|(i, o)| format!("entry {}: {}", i + 1, o.message))
            .collect();
        if !bad.is_empty() {
            return Err(format!("{}: {}", path.display(), bad.join("; ")));
        }
        eprintln!(
            "ae-build: {} corrections from {}",
            list.len(),
            path.display()
        );
    }
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
