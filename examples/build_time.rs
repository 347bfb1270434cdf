//! Time `Index::build` over a blob's articles (what loading a blob whose
//! index is left out costs): `cargo run --release --example build_time -- BLOB [REPEATS]`.
use article_explorer::analyse::Analyzer;
use article_explorer::index::Index;
use std::time::Instant;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: build_time BLOB [REPEATS]")?;
    let repeats: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let bytes = std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?;
    let corpus = article_explorer::store::decode(&bytes).map_err(|e| e.to_string())?;
    let analyzer = Analyzer::new();
    let start = Instant::now();
    let mut terms = 0;
    for _ in 0..repeats {
        terms = std::hint::black_box(Index::build(&corpus.articles, &analyzer))
            .terms
            .len();
    }
    let each = start.elapsed() / repeats.max(1);
    println!(
        "{} articles, {terms} terms: Index::build {each:?} (mean of {repeats})",
        corpus.articles.len()
    );
    Ok(())
}
