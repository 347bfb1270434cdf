//! Extraction accuracy on the hand-annotated gold set (`tests/gold/`).
//!
//! ```sh
//! cargo run --release --example extraction                   # print precision and recall
//! cargo run --release --example extraction -- --errors       # also list every miss and false hit
//! cargo run --release --example extraction -- --floor money=0.95 --floor people=0.90
//! cargo run --release --example extraction -- --gold tests/gold/bbc-business-heldout.json
//! ```
//! Reads the articles from `../shared/data/bbc-news/bbc-news.jsonl` (or
//! `$AE_DATA/bbc-news/…`). Matching rules are in `tests/gold/README.md`.

#![allow(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

#[path = "common/floors.rs"]
mod floors;

use article_explorer::extract::names::key;
use article_explorer::extract::{extract_corpus, EntityKind, FigureKind};
use article_explorer::parse_article;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    predicted: usize,
    gold: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.tp as f64 / self.predicted as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
}

fn data_file() -> Result<PathBuf, String> {
    let dir = std::env::var_os("AE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    let file = dir.join("bbc-news/bbc-news.jsonl");
    if file.is_file() {
        Ok(file)
    } else {
        Err(format!(
            "BBC News data not found at {} (expected ../shared/data beside the repo, or set AE_DATA)",
            file.display()
        ))
    }
}

/// Reuters-21578 stories with a body, as "reuters/NEWID" → title and body
/// (the form `bench/speed.mjs` builds them in).
fn reuters_texts(bbc_file: &Path, out: &mut HashMap<String, String>) -> Result<(), String> {
    use std::io::BufRead;
    let dir = bbc_file
        .parent()
        .and_then(Path::parent)
        .ok_or("no data folder")?
        .join("reuters21578");
    for part in [
        "reuters21578-articles.part1-000-010.jsonl.gz",
        "reuters21578-articles.part2-011-021.jsonl.gz",
    ] {
        let path = dir.join(part);
        let f = std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for line in std::io::BufReader::new(flate2::read::GzDecoder::new(f)).lines() {
            let v: Value = serde_json::from_str(&line.map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
            let id = format!("reuters/{}", v["newid"].as_u64().unwrap_or_default());
            let title = v["title"].as_str().unwrap_or("");
            let body = v["body"].as_str().unwrap_or("");
            // The dateline opened the story on the wire ("SYDNEY, April 1 -");
            // the JSONL keeps it in a field of its own.
            let dateline = v["dateline"].as_str().unwrap_or("").trim();
            let body = if dateline.is_empty() {
                body.to_string()
            } else {
                format!("{dateline} - {body}")
            };
            out.insert(id, format!("{title}\n\n{body}"));
        }
    }
    Ok(())
}

/// Match predicted items to gold items one to one; returns (tp, misses, false hits).
fn match_items<P: Clone, G: Clone>(
    predicted: &[P],
    gold: &[G],
    same: impl Fn(&P, &G) -> bool,
) -> (usize, Vec<G>, Vec<P>) {
    let mut used = vec![false; gold.len()];
    let mut false_hits = Vec::new();
    let mut tp = 0;
    for p in predicted {
        match (0..gold.len()).find(|&i| !used[i] && same(p, &gold[i])) {
            Some(i) => {
                used[i] = true;
                tp += 1;
            }
            None => false_hits.push(p.clone()),
        }
    }
    let misses = gold
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| g.clone())
        .collect();
    (tp, misses, false_hits)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.005 * b.abs().max(1e-9)
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect()
}

fn run() -> Result<bool, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    let floors = floors::floors(&args)?;
    let gold_path = match args.iter().position(|a| a == "--gold") {
        Some(i) => PathBuf::from(args.get(i + 1).ok_or("--gold needs a file")?),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/bbc-business.json"),
    };
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(&gold_path).map_err(|e| e.to_string())?)
            .map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let gold_articles = gold["articles"].as_array().ok_or("gold: no articles")?;
    let file = data_file()?;
    let mut texts: HashMap<String, String> = HashMap::new();
    for line in std::fs::read_to_string(&file)
        .map_err(|e| e.to_string())?
        .lines()
    {
        let v: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let id = v["id"].as_str().unwrap_or_default().to_string();
        texts.insert(
            id,
            format!(
                "{}\n\n{}",
                v["title"].as_str().unwrap_or(""),
                v["body"].as_str().unwrap_or("")
            ),
        );
    }
    if gold_articles.iter().any(|g| {
        g["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("reuters/"))
    }) {
        reuters_texts(&file, &mut texts)?;
    }
    let mut articles = Vec::new();
    for g in gold_articles {
        let id = g["id"].as_str().ok_or("gold: article without id")?;
        let text = texts
            .get(id)
            .ok_or_else(|| format!("{id} is not in {}", file.display()))?;
        articles.push(parse_article(id, text));
    }
    let facts = extract_corpus(&articles);
    if let Some(pos) = args.iter().position(|a| a == "--article") {
        let want = args.get(pos + 1).ok_or("--article needs an id")?;
        for f in facts.articles.iter().filter(|f| &f.id == want) {
            for m in &f.mentions {
                let e = &facts.entities[m.entity];
                println!(
                    "mention {:?} → {} ({:?}) roles {:?} aliases {:?}",
                    m.text, e.name, e.kind, e.roles, e.aliases
                );
            }
            for q in &f.quotes {
                println!("quote {:?} — {:?}", q.text, q.speaker);
            }
        }
        return Ok(true);
    }
    let kinds = ["money", "percent", "people", "orgs", "quotes"];
    let mut scores: HashMap<&str, Score> = HashMap::new();
    for (g, f) in gold_articles.iter().zip(&facts.articles) {
        let id = &f.id;
        let mut report = |kind: &'static str,
                          tp: usize,
                          predicted: usize,
                          gold: usize,
                          misses: Vec<String>,
                          false_hits: Vec<String>| {
            let s = scores.entry(kind).or_default();
            s.tp += tp;
            s.predicted += predicted;
            s.gold += gold;
            if show_errors {
                for m in misses {
                    println!("  miss   {kind:8} {id}: {m}");
                }
                for x in false_hits {
                    println!("  false  {kind:8} {id}: {x}");
                }
            }
        };
        // Money and percent: every value (a range gives both ends).
        for (kind, fk) in [
            ("money", FigureKind::Money),
            ("percent", FigureKind::Percent),
        ] {
            let mut predicted: Vec<(String, f64, String)> = Vec::new();
            for x in f.figures.iter().filter(|x| x.kind == fk) {
                let unit = if fk == FigureKind::Percent {
                    String::new()
                } else {
                    x.unit.clone()
                };
                predicted.push((unit.clone(), x.value.abs(), x.text.clone()));
                if let Some(h) = x.high {
                    predicted.push((unit, h.abs(), x.text.clone()));
                }
            }
            let gold_items: Vec<(String, f64)> = g[kind]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| match v {
                    Value::Array(a) => (a[0].as_str().unwrap().to_string(), a[1].as_f64().unwrap()),
                    other => (String::new(), other.as_f64().unwrap()),
                })
                .collect();
            let (tp, misses, fh) = match_items(&predicted, &gold_items, |p, g| {
                p.0 == g.0 && close(p.1, g.1)
            });
            report(
                kind,
                tp,
                predicted.len(),
                gold_items.len(),
                misses.iter().map(|m| format!("{} {}", m.0, m.1)).collect(),
                fh.iter()
                    .map(|p| format!("{} {} ({})", p.0, p.1, p.2))
                    .collect(),
            );
        }
        // People and organisations: distinct entities mentioned in the article.
        for (kind, ek) in [
            ("people", EntityKind::Person),
            ("orgs", EntityKind::Organisation),
        ] {
            let mut ids: Vec<usize> = f
                .mentions
                .iter()
                .map(|m| m.entity)
                .filter(|&e| facts.entities[e].kind == ek)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            let predicted: Vec<Vec<String>> = ids
                .iter()
                .map(|&e| {
                    let ent = &facts.entities[e];
                    std::iter::once(&ent.name)
                        .chain(&ent.aliases)
                        .cloned()
                        .collect()
                })
                .collect();
            let gold_items: Vec<String> = g[kind]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect();
            let (tp, misses, fh) = match_items(&predicted, &gold_items, |p, g| {
                let alts: Vec<String> = g.split('|').map(key).collect();
                p.iter().any(|n| alts.contains(&key(n)))
            });
            report(
                kind,
                tp,
                predicted.len(),
                gold_items.len(),
                misses,
                fh.iter().map(|p| p.join(" | ")).collect(),
            );
        }
        // Quotes: the quotation (by its first words) and its speaker.
        let predicted: Vec<(Vec<String>, Option<String>)> = f
            .quotes
            .iter()
            .map(|q| (words(&q.text), q.speaker.clone()))
            .collect();
        let gold_items: Vec<(Vec<String>, Option<String>)> = g["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                (
                    words(q["start"].as_str().unwrap()),
                    q["speaker"].as_str().map(str::to_string),
                )
            })
            .collect();
        let speaker_ok = |p: &Option<String>, g: &Option<String>| match (p, g) {
            (_, None) => true,
            (Some(p), Some(g)) => {
                let pk = key(p);
                g.split('|').any(|alt| key(alt) == pk)
            }
            (None, Some(_)) => false,
        };
        let (tp, misses, fh) = match_items(&predicted, &gold_items, |p, g| {
            p.0.starts_with(&g.0) && speaker_ok(&p.1, &g.1)
        });
        report(
            "quotes",
            tp,
            predicted.len(),
            gold_items.len(),
            misses
                .iter()
                .map(|m| format!("{:?} — {:?}", m.0.join(" "), m.1))
                .collect(),
            fh.iter()
                .map(|p| {
                    format!(
                        "{:?} — {:?}",
                        p.0.iter().take(8).cloned().collect::<Vec<_>>().join(" "),
                        p.1
                    )
                })
                .collect(),
        );
    }
    println!(
        "Extraction accuracy on {} hand-annotated articles ({})",
        gold_articles.len(),
        gold_path.display()
    );
    println!(
        "{:<10} {:>6} {:>6} {:>6} {:>10} {:>8} {:>6}",
        "kind", "gold", "found", "right", "precision", "recall", "F1"
    );
    let mut ok = true;
    for kind in kinds {
        let s = scores.get(kind).copied().unwrap_or_default();
        let (p, r) = (s.precision(), s.recall());
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!(
            "{kind:<10} {:>6} {:>6} {:>6} {p:>10.3} {r:>8.3} {f1:>6.3}",
            s.gold, s.predicted, s.tp
        );
        for (k, floor) in &floors {
            if k == kind && (p < *floor || r < *floor) {
                eprintln!("FAIL: {kind} precision {p:.3} / recall {r:.3} below the floor {floor}");
                ok = false;
            }
        }
    }
    Ok(ok)
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
