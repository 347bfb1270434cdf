//! How long the summary tables take to build for a corpus, by stage:
//! `cargo run --release --example tables_time -- BLOB` (a `.aex` from
//! ae-build, without text shards), and a digest of the rows.
//! `--names N` also prints the N most mentioned names of each kind, and
//! `--groups N` N across-sources groups drawn at random (seeded), for
//! checking by hand; `--json FILE` writes the tables as JSON (to compare
//! two versions row by row).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

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
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--json") {
        std::fs::write(args.get(i + 1).expect("--json FILE"), &json).unwrap();
    }
    let arg = |name: &str| -> Option<usize> {
        let i = args.iter().position(|a| a == name)?;
        args.get(i + 1)?.parse().ok()
    };
    if let Some(n) = arg("--names") {
        for kind in ["person", "organisation", "place"] {
            println!("\n== top {n} {kind} names (mentions, articles)");
            for (i, e) in tables
                .entities
                .iter()
                .filter(|e| e.kind.as_str() == kind)
                .take(n)
                .enumerate()
            {
                println!("{:>3}. {} ({}, {})", i + 1, e.name, e.mentions, e.articles);
            }
        }
    }
    if let Some(n) = arg("--groups") {
        // xorshift from a fixed seed: the same sample every run.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut picked: Vec<usize> = Vec::new();
        let total = tables.across.len();
        while picked.len() < n.min(total) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let i = (x % total as u64) as usize;
            if !picked.contains(&i) {
                picked.push(i);
            }
        }
        for (k, i) in picked.iter().enumerate() {
            let g = &tables.across[*i];
            println!(
                "\n== group {} (#{i}): {:?} subject {:?}, {} sources, {} (spread {}%)",
                k + 1,
                g.fact,
                g.subject,
                g.sources,
                g.agreement,
                g.spread
            );
            for m in &g.members {
                println!("   {} {:?}: {}", m.article, m.text, m.sentence);
            }
        }
    }
}
