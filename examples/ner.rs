//! The entity recogniser on public standards, and its training data.
//!
//! ```sh
//! # features of CoNLL-2003 for tools/train_ner.py (label, then features, tab-separated)
//! cargo run --release --example ner -- features train.txt target/ner/train.tsv
//! # precision, recall and F1 per type (conlleval: exact span and type, micro-averaged)
//! cargo run --release --example ner -- eval
//! echo "Paul McCartney met Sony executives." | cargo run --release --example ner -- tag
//! cargo run --release --example ner -- eval --floor conll=0.85 --floor wikigold=0.70 --floor PER=0.90
//! cargo run --release --example ner -- errors wikigold   # what the model gets wrong, by kind
//! ```
//! Data from `../shared/data` (or `$AE_DATA`): `conll2003/{train,dev,test}.txt`
//! and `wikigold/wikigold.conll.txt`.

#![allow(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

#[path = "common/floors.rs"]
mod floors;

use article_explorer::extract::ner::{features, spans_of_tags, tag_tokens, Label};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn data_dir() -> Result<PathBuf, String> {
    let dir = std::env::var_os("AE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    if dir.join("conll2003/test.txt").is_file() {
        Ok(dir)
    } else {
        Err(format!(
            "CoNLL-2003 not found under {} (expected ../shared/data beside the repo, or set AE_DATA)",
            dir.display()
        ))
    }
}

/// A sentence: tokens and gold tags.
type Sent = (Vec<String>, Vec<String>);

/// Documents of a CoNLL-style file (token first, tag last on each line).
/// `-DOCSTART-` lines separate documents (wherever they stand).
fn read_conll(path: &Path) -> Result<Vec<Vec<Sent>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut docs: Vec<Vec<Sent>> = vec![Vec::new()];
    let mut cur: Sent = (Vec::new(), Vec::new());
    let flush = |docs: &mut Vec<Vec<Sent>>, cur: &mut Sent| {
        if !cur.0.is_empty() {
            docs.last_mut().unwrap().push(std::mem::take(cur));
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut docs, &mut cur);
            continue;
        }
        let cols: Vec<&str> = line.split(' ').collect();
        if cols[0] == "-DOCSTART-" {
            flush(&mut docs, &mut cur);
            docs.push(Vec::new());
            continue;
        }
        cur.0.push(cols[0].to_string());
        cur.1.push(cols.last().unwrap().to_string());
    }
    flush(&mut docs, &mut cur);
    docs.retain(|d| !d.is_empty());
    Ok(docs)
}

/// Lower-case words written in lower case in a document.
fn lower_words(doc: &[Sent]) -> HashSet<String> {
    doc.iter()
        .flat_map(|(w, _)| w.iter())
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .map(|w| w.to_lowercase())
        .collect()
}

fn write_features(input: &Path, out: &Path) -> Result<(), String> {
    let docs = read_conll(input)?;
    let mut f = std::io::BufWriter::new(std::fs::File::create(out).map_err(|e| e.to_string())?);
    let mut n = 0;
    for doc in &docs {
        let seen = lower_words(doc);
        for (words, tags) in doc {
            let ws: Vec<&str> = words.iter().map(String::as_str).collect();
            for (feats, tag) in features(&ws, &|w| seen.contains(w)).iter().zip(tags) {
                writeln!(f, "{tag}\t{}", feats.join("\t")).map_err(|e| e.to_string())?;
            }
            writeln!(f).map_err(|e| e.to_string())?;
            n += 1;
        }
    }
    eprintln!("{n} sentences -> {}", out.display());
    Ok(())
}

#[derive(Default, Clone, Copy)]
struct Count {
    tp: usize,
    predicted: usize,
    gold: usize,
}

impl Count {
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.predicted == 0 {
            0.0
        } else {
            self.tp as f64 / self.predicted as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

fn label_name(l: Label) -> &'static str {
    match l {
        Label::Per => "PER",
        Label::Org => "ORG",
        Label::Loc => "LOC",
        Label::Misc => "MISC",
    }
}

/// conlleval scores of the model on one file: per type, then overall.
fn evaluate(path: &Path) -> Result<Vec<(String, Count)>, String> {
    let docs = read_conll(path)?;
    let mut per: HashMap<&'static str, Count> = HashMap::new();
    for doc in &docs {
        let seen = lower_words(doc);
        for (words, gold_tags) in doc {
            let ws: Vec<&str> = words.iter().map(String::as_str).collect();
            let predicted = tag_tokens(&ws, &|w| seen.contains(w));
            let gold: HashSet<(usize, usize, &str)> = spans_of_tags(gold_tags)
                .into_iter()
                .map(|(a, b, l)| (a, b, label_name(l)))
                .collect();
            for (a, b, l) in spans_of_tags(&predicted) {
                let c = per.entry(label_name(l)).or_default();
                c.predicted += 1;
                if gold.contains(&(a, b, label_name(l))) {
                    c.tp += 1;
                }
            }
            for (_, _, l) in &gold {
                per.entry(l).or_default().gold += 1;
            }
        }
    }
    let mut out: Vec<(String, Count)> = ["PER", "ORG", "LOC", "MISC"]
        .iter()
        .map(|k| (k.to_string(), per.get(k).copied().unwrap_or_default()))
        .collect();
    let all = out.iter().fold(Count::default(), |a, (_, c)| Count {
        tp: a.tp + c.tp,
        predicted: a.predicted + c.predicted,
        gold: a.gold + c.gold,
    });
    out.push(("overall".into(), all));
    Ok(out)
}

/// Tallies of the model's errors on one file: each gold span that was not
/// found exactly, by what was predicted over it, and the commonest strings.
fn errors(path: &Path) -> Result<(), String> {
    let docs = read_conll(path)?;
    let mut kinds: HashMap<String, usize> = HashMap::new();
    let mut strings: HashMap<String, usize> = HashMap::new();
    for doc in &docs {
        let seen = lower_words(doc);
        for (words, gold_tags) in doc {
            let ws: Vec<&str> = words.iter().map(String::as_str).collect();
            let predicted = tag_tokens(&ws, &|w| seen.contains(w));
            let pred = spans_of_tags(&predicted);
            let gold = spans_of_tags(gold_tags);
            for &(a, b, l) in &gold {
                if pred.contains(&(a, b, l)) {
                    continue;
                }
                let same_span = pred.iter().find(|&&(x, y, _)| x == a && y == b);
                let overlap = pred.iter().find(|&&(x, y, _)| x < b && a < y);
                let kind = match (same_span, overlap) {
                    (Some(&(_, _, k)), _) => format!("gold {} -> {}", label_name(l), label_name(k)),
                    (None, Some(&(_, _, k))) => {
                        format!("gold {} -> boundary {}", label_name(l), label_name(k))
                    }
                    (None, None) => format!("gold {} -> missed", label_name(l)),
                };
                *strings
                    .entry(format!("{kind}: {}", ws[a..b].join(" ")))
                    .or_default() += 1;
                *kinds.entry(kind).or_default() += 1;
            }
            for &(a, b, k) in &pred {
                if !gold.iter().any(|&(x, y, _)| x < b && a < y) {
                    let kind = format!("spurious {}", label_name(k));
                    *strings
                        .entry(format!("{kind}: {}", ws[a..b].join(" ")))
                        .or_default() += 1;
                    *kinds.entry(kind).or_default() += 1;
                }
            }
        }
    }
    let mut k: Vec<_> = kinds.into_iter().collect();
    k.sort_by_key(|b| std::cmp::Reverse(b.1));
    for (kind, n) in &k {
        println!("{n:>5}  {kind}");
    }
    let mut s: Vec<_> = strings.into_iter().collect();
    s.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!();
    for (st, n) in s.iter().take(150) {
        println!("{n:>5}  {st}");
    }
    Ok(())
}

fn run() -> Result<bool, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("features") => {
            let (Some(input), Some(out)) = (args.get(1), args.get(2)) else {
                return Err("usage: ner features CONLL_FILE OUT.tsv".into());
            };
            let input = if Path::new(input).is_file() {
                PathBuf::from(input)
            } else {
                data_dir()?.join("conll2003").join(input)
            };
            write_features(&input, Path::new(out))?;
            Ok(true)
        }
        Some("tag") => {
            // Tag standard input, one paragraph per line: `echo "..." | ner tag`.
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .map_err(|e| e.to_string())?;
            let seen: HashSet<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.starts_with(char::is_lowercase))
                .map(str::to_string)
                .collect();
            for line in text.lines() {
                for sp in article_explorer::extract::ner::tag_text(line, &|w| seen.contains(w)) {
                    println!("{:?}\t{}", sp.label, &line[sp.start..sp.end]);
                }
            }
            Ok(true)
        }
        Some("errors") => {
            // Where the model goes wrong on one file: `ner errors wikigold`.
            let dir = data_dir()?;
            let path = match args.get(1).map(String::as_str) {
                Some("wikigold") | None => dir.join("wikigold/wikigold.conll.txt"),
                Some(other) => dir.join("conll2003").join(other),
            };
            errors(&path)?;
            Ok(true)
        }
        Some("eval") => {
            let floors = floors::floors(args.iter().skip(1))?;
            let dir = data_dir()?;
            let sets = [
                ("conll", "CoNLL-2003 test", dir.join("conll2003/test.txt")),
                ("conll-dev", "CoNLL-2003 dev", dir.join("conll2003/dev.txt")),
                (
                    "wikigold",
                    "WikiGold",
                    dir.join("wikigold/wikigold.conll.txt"),
                ),
            ];
            let mut ok = true;
            for (key, name, path) in sets {
                let scores = evaluate(&path)?;
                println!(
                    "{name} ({}): conlleval, exact span and type, micro-averaged",
                    path.display()
                );
                println!(
                    "{:<8} {:>6} {:>6} {:>6} {:>9} {:>7} {:>6}",
                    "type", "gold", "found", "right", "precision", "recall", "F1"
                );
                for (label, c) in &scores {
                    let (p, r, f) = c.prf();
                    println!(
                        "{label:<8} {:>6} {:>6} {:>6} {p:>9.4} {r:>7.4} {f:>6.4}",
                        c.gold, c.predicted, c.tp
                    );
                    for (k, floor) in &floors {
                        // "conll" and "wikigold" floor the overall F1; "PER" etc. floor CoNLL test per type.
                        let hit =
                            (k == key && label == "overall") || (key == "conll" && k == label);
                        if hit && f < *floor {
                            eprintln!("FAIL: {name} {label} F1 {f:.4} below the floor {floor}");
                            ok = false;
                        }
                    }
                }
                println!();
            }
            Ok(ok)
        }
        _ => Err("usage: ner features CONLL_FILE OUT.tsv | ner eval [--floor NAME=F1]".into()),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
