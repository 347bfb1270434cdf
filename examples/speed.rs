//! Native query latency over a folder and a query list (one query per line):
//! `cargo run --release --example speed -- --corpus seeds --queries target/bench/www/data/seeds-queries.json`.
//! Prints p50/p95/p99 of `Explorer::search` as the page calls it (10 hits,
//! prefix, snippets and explanations), to profile without the browser.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use article_explorer::{Explorer, SearchOptions};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let get = |k: &str| {
        args.iter()
            .position(|a| a == k)
            .map(|i| args[i + 1].clone())
    };
    let dir = get("--corpus").unwrap_or_else(|| "seeds".into());
    let queries: Vec<String> = serde_json::from_str(
        &std::fs::read_to_string(get("--queries").expect("--queries FILE")).unwrap(),
    )
    .unwrap();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        files.push((
            p.file_name().unwrap().to_string_lossy().into_owned(),
            std::fs::read(&p).unwrap(),
        ));
    }
    let t = Instant::now();
    let articles: Vec<_> = files
        .iter()
        .filter_map(|(n, b)| article_explorer::ingest::ingest(n, b).ok())
        .collect();
    let ex = Explorer::from_articles(articles).unwrap();
    println!(
        "indexed {} articles in {:.2} s",
        ex.articles().len(),
        t.elapsed().as_secs_f64()
    );
    let opts = || SearchOptions {
        limit: get("--limit").and_then(|l| l.parse().ok()).unwrap_or(10),
        prefix: true,
        details: !args.iter().any(|a| a == "--no-details"),
        ..SearchOptions::default()
    };
    let warm: usize = get("--warm").and_then(|w| w.parse().ok()).unwrap_or(1);
    for _ in 0..warm {
        for q in &queries {
            ex.search(q, opts());
        }
    }
    let mut times: Vec<(f64, &String)> = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            ex.search(q, opts());
            (t.elapsed().as_secs_f64() * 1000.0, q)
        })
        .collect();
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let p = |x: f64| times[((x / 100.0) * times.len() as f64) as usize].0;
    println!(
        "p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms",
        p(50.0),
        p(95.0),
        p(99.0)
    );
    if args.iter().any(|a| a == "--all") {
        for (t, q) in &times {
            println!("{t:.4}\t{q}");
        }
    }
    for (t, q) in times.iter().rev().take(5) {
        println!("  slowest: {t:.3} ms  {q:?}");
    }
}
