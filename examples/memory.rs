//! Memory a decoded corpus takes, natively: resident and peak resident
//! bytes (Linux /proc) before and after a blob is decoded and searched (one
//! query per kind, a typo among them, so the lazy tables are built too).
//! Like wasm memory, freed heap stays counted.
//! `cargo run --release --example memory -- BLOB` (a `.aex` from ae-build).
//! Native pointers are 8 bytes (wasm: 4), so struct overheads read larger
//! here than in the page; the benchmark reports the wasm figure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use article_explorer::{Explorer, SearchOptions};

/// (VmRSS, VmHWM) of this process in bytes (Linux).
fn rss() -> (usize, usize) {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    let field = |k: &str| {
        status
            .lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0)
            * 1024
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn mb(n: usize) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: memory BLOB");
    let blob: &'static [u8] = Box::leak(std::fs::read(&path).unwrap().into_boxed_slice());
    let (base, _) = rss();
    let ex = Explorer::from_static(blob).unwrap();
    let (now, peak) = rss();
    let decoded = now - base;
    let peak_decode = peak - base;
    shape(&ex);
    for q in [
        "market",
        "oil prices",
        "\"interest rates\"",
        "markte",
        "bank rates rise",
    ] {
        ex.search(q, SearchOptions::default());
    }
    let after = rss().1 - base;
    let text: usize = ex
        .corpus()
        .articles
        .iter()
        .map(|a| a.segments().iter().map(|(_, t)| t.len()).sum::<usize>())
        .sum();
    println!(
        "blob {} (borrowed), text {}, decoded {} (peak while decoding {}), peak after queries {} → that + blob = {:.2}× the text",
        mb(blob.len()),
        mb(text),
        mb(decoded),
        mb(peak_decode),
        mb(after),
        (after + blob.len()) as f64 / text as f64
    );
}

#[allow(dead_code)]
fn shape(ex: &Explorer) {
    let a = &ex.corpus().articles;
    let blocks: usize = a.iter().map(|x| x.blocks.len()).sum();
    let cells: usize = a
        .iter()
        .flat_map(|x| &x.tables)
        .map(|t| t.header.len() + t.rows.iter().map(Vec::len).sum::<usize>())
        .sum();
    let i = &ex.corpus().index;
    println!(
        "articles {}, blocks {blocks}, table cells {cells}, terms {}, postings bytes {}",
        a.len(),
        i.terms.len(),
        i.post_bytes.len()
    );
    for (part, n) in i.heap_bytes() {
        println!("  index {part}: {}", mb(n));
    }
    let blocks_heap: usize = a
        .iter()
        .map(|x| {
            x.blocks.capacity()
                * std::mem::size_of_val(&x.blocks[..])
                    .checked_div(x.blocks.len())
                    .unwrap_or(0)
        })
        .sum();
    println!(
        "  articles: {} structs of {} bytes, blocks {} (block {} bytes)",
        a.len(),
        std::mem::size_of::<article_explorer::parse::Article>(),
        mb(blocks_heap),
        std::mem::size_of::<article_explorer::parse::Block>()
    );
}
