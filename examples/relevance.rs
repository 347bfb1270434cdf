//! Relevance evaluation on Cranfield and Vaswani (NPL), with trec_eval
//! definitions of MAP (top 1000), nDCG@10 and P@10.
//!
//! ```sh
//! cargo run --release --example relevance                       # print the figures
//! cargo run --release --example relevance -- --floor-cranfield-ndcg 0.40 --floor-vaswani-map 0.30
//! ```
//! Reads `../shared/data` (or `$AE_DATA`). Queries are lower-cased (Vaswani's
//! are upper case, where `OR`/`AND`/`NOT` would read as operators).
//! Cranfield gains: `derived/qrels.trec` (gain 5 − code; the −1 source doc is
//! gain 0, not relevant). Vaswani: binary.

#![allow(clippy::indexing_slicing)]

use article_explorer::parse::{Block, BlockKind, Meta};
use article_explorer::{Article, Explorer, Mode, RankParams, SearchOptions};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

struct Collection {
    name: &'static str,
    docs: Vec<Article>,
    queries: Vec<(String, String)>,
    qrels: HashMap<String, HashMap<String, f64>>,
}

fn data_dir() -> Result<PathBuf, String> {
    let dir = std::env::var_os("AE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    if dir.join("cranfield").is_dir() && dir.join("vaswani-npl").is_dir() {
        Ok(dir)
    } else {
        Err(format!(
            "test data not found at {} (expected ../shared/data beside the repo, or set AE_DATA)",
            dir.display()
        ))
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn article(id: &str, title: &str, text: &str) -> Article {
    Article {
        id: id.to_string(),
        title: title.into(),
        title_derived: false,
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            table: None,
        }],
        tables: Vec::new(),
        meta: Meta::default(),
        shard: None,
        text_missing: false,
    }
}

fn qrels_trec(text: &str) -> HashMap<String, HashMap<String, f64>> {
    let mut out: HashMap<String, HashMap<String, f64>> = HashMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if let [q, _, d, g] = f.as_slice() {
            out.entry(q.to_string())
                .or_default()
                .insert(d.to_string(), g.parse().unwrap_or(0.0));
        }
    }
    out
}

fn cranfield(dir: &Path) -> Result<Collection, String> {
    let dir = dir.join("cranfield/derived");
    let mut docs = Vec::new();
    for line in read(&dir.join("docs.jsonl"))?.lines() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        docs.push(article(&s("id"), &s("title"), &s("text")));
    }
    let queries = read(&dir.join("queries.tsv"))?
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.splitn(3, '\t');
            Some((f.next()?.to_string(), {
                f.next()?;
                f.next()?.to_string()
            }))
        })
        .collect();
    Ok(Collection {
        name: "Cranfield",
        docs,
        queries,
        qrels: qrels_trec(&read(&dir.join("qrels.trec"))?),
    })
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(open) {
        let after = &rest[i + open.len()..];
        let Some(j) = after.find(close) else { break };
        out.push(&after[..j]);
        rest = &after[j + close.len()..];
    }
    out
}

fn vaswani(dir: &Path) -> Result<Collection, String> {
    let dir = dir.join("vaswani-npl");
    let mut docs = Vec::new();
    for doc in between(&read(&dir.join("doc-text.trec"))?, "<DOC>", "</DOC>") {
        let id = between(doc, "<DOCNO>", "</DOCNO>")
            .first()
            .copied()
            .unwrap_or("")
            .trim();
        let text = doc.rsplit("</DOCNO>").next().unwrap_or("").trim();
        docs.push(article(id, "", &text.replace('\n', " ")));
    }
    let mut queries = Vec::new();
    for top in between(&read(&dir.join("query-text.trec"))?, "<top>", "</top>") {
        let num = between(top, "<num>", "</num>")
            .first()
            .copied()
            .unwrap_or("")
            .trim();
        let title = between(top, "<title>", "</title>")
            .first()
            .copied()
            .unwrap_or("")
            .trim();
        queries.push((num.to_string(), title.to_string()));
    }
    Ok(Collection {
        name: "Vaswani",
        docs,
        queries,
        qrels: qrels_trec(&read(&dir.join("qrels"))?),
    })
}

#[derive(Default, Clone, Copy)]
struct Scores {
    map: f64,
    ndcg10: f64,
    p10: f64,
    /// FNV-1a of every ranking (ids and score bits), to prove a change
    /// left the rankings exactly as they were.
    digest: u64,
}

fn evaluate(c: &Collection, ex: &Explorer, mode: Mode) -> Scores {
    let mut sum = Scores::default();
    let mut n = 0.0;
    let mut digest: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |bytes: &[u8]| {
        for &b in bytes {
            digest = (digest ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    };
    for (qid, text) in &c.queries {
        let Some(judged) = c.qrels.get(qid) else {
            continue;
        };
        let opts = SearchOptions {
            limit: 1000,
            offset: 0,
            mode,
            prefix: false,
            details: false,
        };
        let hits = ex.search(&text.to_lowercase(), opts).hits;
        for h in &hits {
            mix(h.id.as_bytes());
            mix(&h.score.to_bits().to_le_bytes());
        }
        let ranked: Vec<String> = hits.into_iter().map(|h| h.id).collect();
        let gain = |id: &str| judged.get(id).copied().unwrap_or(0.0);
        let relevant = judged.values().filter(|&&g| g > 0.0).count() as f64;
        let mut hits = 0.0;
        let mut ap = 0.0;
        for (k, id) in ranked.iter().enumerate() {
            if gain(id) > 0.0 {
                hits += 1.0;
                ap += hits / (k + 1) as f64;
            }
        }
        let dcg = |gains: &mut dyn Iterator<Item = f64>| -> f64 {
            gains
                .take(10)
                .enumerate()
                .map(|(i, g)| g / ((i + 2) as f64).log2())
                .sum()
        };
        let actual = dcg(&mut ranked.iter().map(|id| gain(id)));
        let mut ideal: Vec<f64> = judged.values().copied().filter(|&g| g > 0.0).collect();
        ideal.sort_by(|a, b| b.total_cmp(a));
        let ideal = dcg(&mut ideal.into_iter());
        sum.map += if relevant > 0.0 { ap / relevant } else { 0.0 };
        sum.ndcg10 += if ideal > 0.0 { actual / ideal } else { 0.0 };
        sum.p10 += ranked.iter().take(10).filter(|id| gain(id) > 0.0).count() as f64 / 10.0;
        n += 1.0;
    }
    Scores {
        map: sum.map / n,
        ndcg10: sum.ndcg10 / n,
        p10: sum.p10 / n,
        digest,
    }
}

/// Tuning aid: evaluate a grid of parameters, reusing the built indexes.
fn grid() -> ExitCode {
    let Ok(dir) = data_dir() else {
        eprintln!("relevance: test data not found");
        return ExitCode::FAILURE;
    };
    let cols: Vec<(Collection, Explorer)> = [cranfield, vaswani]
        .iter()
        .filter_map(|load| load(&dir).ok())
        .filter_map(|c| {
            let ex = Explorer::from_articles(c.docs.clone()).ok()?;
            Some((c, ex))
        })
        .collect();
    let mut cols = cols;
    for sharp in [1.0f32, 4.0, 8.0] {
        for fbw in [0.0f32, 0.3, 0.5] {
            for prox in [0.0f32, 0.25] {
                let p = RankParams {
                    feedback_sharpness: sharp,
                    feedback_weight: fbw,
                    proximity: prox,
                    ..RankParams::default()
                };
                let mut line = format!("sharpness {sharp} feedback {fbw} proximity {prox}:");
                for (c, ex) in cols.iter_mut() {
                    ex.set_rank_params(p);
                    let s = evaluate(c, ex, Mode::Auto);
                    line += &format!(" {} MAP {:.4} nDCG@10 {:.4} |", c.name, s.map, s.ndcg10);
                }
                println!("{line}");
            }
        }
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let mut floors: HashMap<&str, f64> = HashMap::new();
    let mut mode = Mode::Auto;
    let mut params = RankParams::default();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let val = args.get(i + 1).and_then(|v| v.parse::<f64>().ok());
        match (args[i].as_str(), val) {
            ("--floor-cranfield-ndcg", Some(v)) => drop(floors.insert("Cranfield", v)),
            ("--floor-vaswani-map", Some(v)) => drop(floors.insert("Vaswani", v)),
            ("--k1", Some(v)) => params.k1 = v as f32,
            ("--b-body", Some(v)) => params.b_body = v as f32,
            ("--b-title", Some(v)) => params.b_title = v as f32,
            ("--boost-title", Some(v)) => params.boost_title = v as f32,
            ("--proximity", Some(v)) => params.proximity = v as f32,
            ("--near", Some(v)) => params.near = v as u32,
            ("--fb-docs", Some(v)) => params.feedback_docs = v as usize,
            ("--fb-terms", Some(v)) => params.feedback_terms = v as usize,
            ("--fb-weight", Some(v)) => params.feedback_weight = v as f32,
            ("--fb-min-words", Some(v)) => params.feedback_min_words = v as usize,
            ("--stem-weight", Some(v)) => params.stem_weight = v as f32,
            ("--fb-sharp", Some(v)) => params.feedback_sharpness = v as f32,
            ("--grid", _) => {
                return grid();
            }
            ("--mode", _) => {
                mode = match args.get(i + 1).map(String::as_str) {
                    Some("any") => Mode::Any,
                    Some("all") => Mode::All,
                    _ => Mode::Auto,
                }
            }
            (other, _) => {
                eprintln!("relevance: unknown or incomplete argument {other}");
                return ExitCode::from(2);
            }
        }
        i += 2;
    }
    let dir = match data_dir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("relevance: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut failed = false;
    println!(
        "{:<10} {:>7} {:>7} {:>8} {:>7} {:>9}  {:<16}",
        "collection", "queries", "MAP", "nDCG@10", "P@10", "time", "rankings digest"
    );
    for load in [cranfield, vaswani] {
        let c = match load(&dir) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("relevance: {e}");
                return ExitCode::FAILURE;
            }
        };
        let t = Instant::now();
        let mut ex = match Explorer::from_articles(c.docs.clone()) {
            Ok(ex) => ex,
            Err(e) => {
                eprintln!("relevance: {e}");
                return ExitCode::FAILURE;
            }
        };
        ex.set_rank_params(params);
        let s = evaluate(&c, &ex, mode);
        println!(
            "{:<10} {:>7} {:>7.4} {:>8.4} {:>7.4} {:>8.2}s  {:016x}",
            c.name,
            c.queries.len(),
            s.map,
            s.ndcg10,
            s.p10,
            t.elapsed().as_secs_f64(),
            s.digest
        );
        if let Some(&floor) = floors.get(c.name) {
            let got = if c.name == "Cranfield" {
                s.ndcg10
            } else {
                s.map
            };
            if got < floor {
                eprintln!(
                    "relevance: {} fell below its floor: {got:.4} < {floor}",
                    c.name
                );
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
