//! How long the summary tables take to build for a corpus, by stage:
//! `cargo run --release --example tables_time -- BLOB` (a `.aex` from
//! ae-build, without text shards), and a digest of the rows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: tables_time BLOB");
    let ex = article_explorer::Explorer::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
    let t = Instant::now();
    let facts = article_explorer::extract::extract_corpus(&ex.corpus().articles);
    println!("extract: {:.2?}", t.elapsed());
    let t = Instant::now();
    let tables =
        article_explorer::tables::build(ex.corpus(), &facts, &article_explorer::Analyzer::new());
    println!(
        "tables: {:.2?} ({} figures, {} entities, {} across groups)",
        t.elapsed(),
        tables.figures.len(),
        tables.entities.len(),
        tables.across.len()
    );
    // A digest of every row, to check that a speed-up changed no result.
    let json = serde_json::to_vec(&tables).unwrap();
    println!(
        "digest {:08x} ({} bytes of rows)",
        article_explorer::store::fnv1a(&json),
        json.len()
    );
}
