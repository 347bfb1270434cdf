//! Word clusters for the entity recogniser, learnt from unlabelled news.
//!
//! ```sh
//! cargo run --release --example clusters -- [--out src/extract/ner/clusters.txt] [--min 6]
//! ```
//! Words that occur in the same contexts (the words right before and after
//! them) fall in the same cluster: "Google" near "Microsoft" and "Yahoo",
//! "Wenger" near "Ferguson". The recogniser reads a word's clusters as
//! features, so a company it never saw in training still looks like one.
//!
//! Text: BBC News (`bbc-news/bbc-news.jsonl`), Reuters-21578
//! (`reuters21578/*.jsonl.gz`) and the tokens of CoNLL-2003's train split,
//! from `../shared/data` (or `$AE_DATA`). Each word gets a vector of
//! positive pointwise mutual information with its left and right
//! neighbours; spherical k-means (k-means++ start from a fixed seed, so the
//! output is reproducible) groups them twice: 100 coarse and 600 fine
//! clusters. Output: `word<TAB>coarse<TAB>fine`, sorted by word.

#![allow(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use article_explorer::extract::ner::conll_tokens;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

fn data_dir() -> PathBuf {
    let dir = std::env::var_os("AE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    if !dir.join("bbc-news/bbc-news.jsonl").is_file() {
        eprintln!(
            "error: data not found under {} (expected ../shared/data beside the repo, or set AE_DATA)",
            dir.display()
        );
        std::process::exit(2);
    }
    dir
}

/// Every sentence-ish line of text, as tokens.
fn corpus(dir: &Path) -> Vec<Vec<String>> {
    let mut lines: Vec<Vec<String>> = Vec::new();
    let push_text = |text: &str, lines: &mut Vec<Vec<String>>| {
        for para in text.split('\n') {
            let toks: Vec<String> = conll_tokens(para)
                .iter()
                .map(|&(s, e)| para[s..e].to_string())
                .collect();
            if !toks.is_empty() {
                lines.push(toks);
            }
        }
    };
    let bbc = std::fs::read_to_string(dir.join("bbc-news/bbc-news.jsonl")).unwrap();
    for line in bbc.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        push_text(v["title"].as_str().unwrap_or(""), &mut lines);
        push_text(v["body"].as_str().unwrap_or(""), &mut lines);
    }
    for part in [
        "reuters21578/reuters21578-articles.part1-000-010.jsonl.gz",
        "reuters21578/reuters21578-articles.part2-011-021.jsonl.gz",
    ] {
        let f = std::fs::File::open(dir.join(part)).unwrap();
        let r = std::io::BufReader::new(flate2::read::GzDecoder::new(f));
        for line in r.lines() {
            let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            push_text(v["title"].as_str().unwrap_or(""), &mut lines);
            // Wire text is hard-wrapped: join its lines into paragraphs.
            let body = v["body"].as_str().unwrap_or("");
            for para in body.split("\n    ") {
                push_text(&para.replace('\n', " "), &mut lines);
            }
        }
    }
    let conll = std::fs::read_to_string(dir.join("conll2003/train.txt")).unwrap();
    let mut cur = Vec::new();
    for line in conll.lines() {
        match line.split(' ').next() {
            Some("-DOCSTART-") | Some("") | None => {
                if !cur.is_empty() {
                    lines.push(std::mem::take(&mut cur));
                }
            }
            Some(w) => cur.push(w.to_string()),
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

fn shape_class(w: &str) -> &'static str {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => {
            if w.chars().all(|c| !c.is_lowercase()) {
                "<X>"
            } else {
                "<Xx>"
            }
        }
        Some(c) if c.is_numeric() => "<d>",
        Some(c) if c.is_alphabetic() => "<x>",
        _ => "<p>",
    }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

type Sparse = Vec<(u32, f32)>;

fn dot(v: &Sparse, c: &[f32]) -> f32 {
    v.iter().map(|&(i, x)| x * c[i as usize]).sum()
}

/// Spherical k-means: cluster of each vector.
fn kmeans(vecs: &[Sparse], dim: usize, k: usize, seed: u64, rounds: usize) -> Vec<u16> {
    let mut rng = Rng(seed);
    let dense = |v: &Sparse| {
        let mut c = vec![0f32; dim];
        for &(i, x) in v {
            c[i as usize] = x;
        }
        c
    };
    // k-means++ start: the most frequent word, then draws weighted by distance.
    let mut cents: Vec<Vec<f32>> = vec![dense(&vecs[0])];
    let mut best: Vec<f32> = vecs.iter().map(|v| dot(v, &cents[0])).collect();
    while cents.len() < k {
        let weights: Vec<f64> = best
            .iter()
            .map(|&s| f64::from((1.0 - s).max(0.0)))
            .collect();
        let total: f64 = weights.iter().sum();
        let mut r = rng.next() * total;
        let mut pick = 0;
        for (i, w) in weights.iter().enumerate() {
            r -= w;
            if r <= 0.0 {
                pick = i;
                break;
            }
        }
        let c = dense(&vecs[pick]);
        for (b, v) in best.iter_mut().zip(vecs) {
            *b = b.max(dot(v, &c));
        }
        cents.push(c);
    }
    let mut assign = vec![0u16; vecs.len()];
    for round in 0..rounds {
        let mut moved = 0;
        for (a, v) in assign.iter_mut().zip(vecs) {
            let (mut bi, mut bs) = (0usize, f32::MIN);
            for (ci, c) in cents.iter().enumerate() {
                let s = dot(v, c);
                if s > bs {
                    bs = s;
                    bi = ci;
                }
            }
            if *a as usize != bi {
                moved += 1;
            }
            *a = bi as u16;
        }
        let mut sums = vec![vec![0f32; dim]; k];
        for (a, v) in assign.iter().zip(vecs) {
            for &(i, x) in v {
                sums[*a as usize][i as usize] += x;
            }
        }
        for (c, s) in cents.iter_mut().zip(sums) {
            let n = s.iter().map(|x| x * x).sum::<f32>().sqrt();
            if n > 0.0 {
                *c = s.into_iter().map(|x| x / n).collect();
            }
        }
        eprintln!("  k={k} round {round}: {moved} moved");
        if moved == 0 {
            break;
        }
    }
    assign
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let out = arg("--out").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("src/extract/ner/clusters.txt"),
        PathBuf::from,
    );
    let min: usize = arg("--min").and_then(|m| m.parse().ok()).unwrap_or(6);
    let lines = corpus(&data_dir());
    eprintln!("{} lines", lines.len());
    let mut freq: HashMap<&str, usize> = HashMap::new();
    let mut lower_freq: HashMap<String, usize> = HashMap::new();
    for l in &lines {
        for w in l {
            *freq.entry(w.as_str()).or_default() += 1;
            *lower_freq.entry(w.to_lowercase()).or_default() += 1;
        }
    }
    // Context words: the 1,000 most frequent lower-case forms, plus shape classes.
    let mut ctx_words: Vec<(&String, &usize)> = lower_freq.iter().collect();
    ctx_words.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut ctx: HashMap<String, u32> = HashMap::new();
    for (w, _) in ctx_words.iter().take(1000) {
        let n = ctx.len() as u32;
        ctx.insert((*w).clone(), n);
    }
    for s in ["<s>", "</s>", "<X>", "<Xx>", "<d>", "<x>", "<p>"] {
        let n = ctx.len() as u32;
        ctx.insert(s.to_string(), n);
    }
    let half = ctx.len() as u32;
    let ctx_of = |w: Option<&String>, edge: &str| -> u32 {
        match w {
            None => ctx[edge],
            Some(w) => ctx
                .get(&w.to_lowercase())
                .copied()
                .unwrap_or_else(|| ctx[shape_class(w)]),
        }
    };
    let mut vocab: Vec<(&str, usize)> = freq
        .iter()
        .filter(|(w, &n)| n >= min && w.chars().any(char::is_alphabetic))
        .map(|(w, &n)| (*w, n))
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let index: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i))
        .collect();
    let mut counts: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    let mut feat_total = vec![0f64; 2 * half as usize];
    let mut total = 0f64;
    for l in &lines {
        for (i, w) in l.iter().enumerate() {
            let Some(&wi) = index.get(w.as_str()) else {
                continue;
            };
            let left = ctx_of(if i == 0 { None } else { l.get(i - 1) }, "<s>");
            let right = half + ctx_of(l.get(i + 1), "</s>");
            for f in [left, right] {
                *counts[wi].entry(f).or_default() += 1.0;
                feat_total[f as usize] += 1.0;
                total += 1.0;
            }
        }
    }
    let vecs: Vec<Sparse> = counts
        .iter()
        .zip(&vocab)
        .map(|(c, (_, n))| {
            let wn = 2.0 * *n as f64;
            let mut v: Sparse = c
                .iter()
                .filter_map(|(&f, &x)| {
                    let pmi = ((f64::from(x) * total) / (wn * feat_total[f as usize])).ln();
                    (pmi > 0.0).then_some((f, pmi as f32))
                })
                .collect();
            v.sort_by_key(|p| p.0);
            let n = v.iter().map(|p| p.1 * p.1).sum::<f32>().sqrt();
            if n > 0.0 {
                for p in &mut v {
                    p.1 /= n;
                }
            }
            v
        })
        .collect();
    let dim = 2 * half as usize;
    eprintln!("{} words, {dim} context dimensions", vocab.len());
    let coarse = kmeans(&vecs, dim, 100, 0x9e37_79b9_7f4a_7c15, 15);
    let fine = kmeans(&vecs, dim, 600, 0x2545_f491_4f6c_dd1d, 15);
    let mut rows: Vec<String> = vocab
        .iter()
        .zip(coarse.iter().zip(&fine))
        .map(|((w, _), (c, f))| format!("{w}\t{c}\t{f}"))
        .collect();
    rows.sort();
    let mut file = std::io::BufWriter::new(std::fs::File::create(&out).unwrap());
    for r in rows {
        writeln!(file, "{r}").unwrap();
    }
    eprintln!("wrote {}", out.display());
}
