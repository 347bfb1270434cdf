//! Randomised fuzzing of the core with invariants. cargo-fuzz needs a nightly
//! toolchain, which cannot be installed on these machines, so this is a
//! seeded, structure-aware random fuzzer (not coverage-guided).
//!
//! ```sh
//! cargo run --profile fuzz --example fuzz -- --seconds 2            # every target, 2 s each
//! cargo run --profile fuzz --example fuzz -- --target highlight --execs 1000000
//! ```
//! Prints executions and findings per target; exits 1 on any finding.
//! Targets: parse, analyse, query, highlight, decode (index reader), ingest.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use article_explorer::analyse::Analyzer;
use article_explorer::ingest::ingest;
use article_explorer::parse::{parse_article, BlockKind};
use article_explorer::query::{parse, MAX_UNITS};
use article_explorer::{Explorer, Mode, SearchOptions};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// xorshift64*: small, fast, reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const ATOMS: &[&str] = &[
    "a",
    "Alibaba",
    "alibaba’s",
    "café",
    "cafe\u{301}",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\"",
    "“",
    "”",
    "'",
    "’",
    "-",
    "–",
    "—",
    "*",
    ":",
    "(",
    ")",
    "<",
    ">",
    "&",
    "&amp;",
    "<mark>",
    "</mark>",
    "<script>",
    "#",
    "/",
    "\\",
    "OR",
    "NOT",
    "AND",
    "title:",
    "-\"",
    "\"jack ma\"",
    "7.2%",
    "$53 billion",
    "380",
    "1,000",
    "+7.8%",
    "4-yr",
    "“",
    "”",
    " said ",
    "Mr ",
    " CEO Jane Roe",
    "January 21, 2025",
    "380 billion yuan ($53 billion, £3.5bn)",
    "$5-6bn",
    "-$5m",
    "2-3 per cent",
    "阿里巴巴",
    "東京タワー",
    "한국어",
    "🙂",
    "👨‍👩‍👧",
    "🏳️‍🌈",
    "\u{200b}",
    "\u{feff}",
    "\u{202e}",
    "\u{2028}",
    "\u{0}",
    "\u{fffd}",
    "ﬁ",
    "Ｗ",
    "ß",
    "İ",
    "Σ",
    "---\n",
    "title: x\n",
    "• ",
    "1. ",
    "- Advertisement -",
    "Source link",
    "Key Market Moves",
    "\n\nSMIC\n\n+7.8%\n\n",
    "Zalgo̵̡̢͇̖",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
];

fn random_text(rng: &mut Rng, extra: &[String], max_atoms: usize) -> String {
    let n = rng.below(max_atoms) + 1;
    let mut s = String::new();
    for _ in 0..n {
        match rng.below(10) {
            0 if !extra.is_empty() => s.push_str(&extra[rng.below(extra.len())]),
            1 => s.push(char::from_u32(rng.below(0x3_0000) as u32).unwrap_or('?')),
            _ => s.push_str(ATOMS[rng.below(ATOMS.len())]),
        }
    }
    s
}

fn naughty() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/blns/blns.from-txt.json");
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

type Target = fn(&mut Rng, &[String], &mut State) -> Result<(), String>;

#[derive(Default)]
struct State {
    explorer: Option<(Explorer, Vec<String>)>,
    blob: Vec<u8>,
}

fn t_parse(rng: &mut Rng, extra: &[String], _: &mut State) -> Result<(), String> {
    let text = random_text(rng, extra, 60);
    let a = parse_article("x", &text);
    for (seg, t) in a.segments() {
        if a.segment_text(seg) != Some(t) {
            return Err(format!("segment_text mismatch for {text:?}"));
        }
    }
    for t in &a.tables {
        if t.rows.iter().any(|r| r.len() != t.header.len()) {
            return Err(format!("ragged table from {text:?}"));
        }
    }
    for b in &a.blocks {
        match (b.kind, b.table) {
            (BlockKind::Table, Some(i)) if (i as usize) < a.tables.len() => {}
            (BlockKind::Table, _) => return Err(format!("bad table ref from {text:?}")),
            (_, None) => {}
            _ => return Err("text block with a table ref".into()),
        }
    }
    Ok(())
}

fn t_analyse(rng: &mut Rng, extra: &[String], _: &mut State) -> Result<(), String> {
    let text = random_text(rng, extra, 40);
    let toks = Analyzer::new().tokens(&text);
    let mut last_pos = None;
    for t in &toks {
        if t.start >= t.end
            || t.end > text.len()
            || !text.is_char_boundary(t.start)
            || !text.is_char_boundary(t.end)
        {
            return Err(format!(
                "bad token range {}..{} in {text:?}",
                t.start, t.end
            ));
        }
        if t.term.is_empty() {
            return Err(format!("empty term in {text:?}"));
        }
        if last_pos.is_some_and(|p| t.pos <= p) {
            return Err(format!("positions not increasing in {text:?}"));
        }
        last_pos = Some(t.pos);
    }
    Ok(())
}

fn t_query(rng: &mut Rng, extra: &[String], _: &mut State) -> Result<(), String> {
    let q = random_text(rng, extra, 30);
    let parsed = parse(&q);
    let units: usize = parsed.clauses.iter().map(|c| c.alternatives.len()).sum();
    if units > MAX_UNITS || parsed.clauses.iter().any(|c| c.alternatives.is_empty()) {
        return Err(format!("bad parse of {q:?}"));
    }
    Ok(())
}

fn foreign_markup(html: &str) -> bool {
    html.replace("<mark>", "")
        .replace("</mark>", "")
        .contains('<')
}

fn t_highlight(rng: &mut Rng, extra: &[String], st: &mut State) -> Result<(), String> {
    if st.explorer.is_none() || rng.below(500) == 0 {
        let docs: Vec<(String, String)> = (0..6)
            .map(|i| (format!("d{i}"), random_text(rng, extra, 80)))
            .collect();
        let ex = Explorer::from_texts(&docs).map_err(|e| e.to_string())?;
        let ids = ex.articles().into_iter().map(|a| a.id).collect();
        st.explorer = Some((ex, ids));
    }
    let (ex, ids) = st.explorer.as_ref().unwrap();
    let q = random_text(rng, extra, 8);
    let mode = [Mode::Auto, Mode::All, Mode::Any][rng.below(3)];
    let r = ex.search(
        &q,
        SearchOptions {
            mode,
            prefix: rng.below(2) == 0,
            ..SearchOptions::default()
        },
    );
    for h in &r.hits {
        if foreign_markup(&h.snippet) {
            return Err(format!("snippet markup for {q:?}: {}", h.snippet));
        }
    }
    let id = &ids[rng.below(ids.len())];
    let h = ex.highlight(id, &q).map_err(|e| e.to_string())?;
    let a = ex.article(id).map_err(|e| e.to_string())?;
    for r in &h.ranges {
        let Some(text) = a.segment_text(r.segment) else {
            return Err(format!(
                "range in a missing segment {:?} for {q:?}",
                r.segment
            ));
        };
        let units: Vec<u16> = text.encode_utf16().collect();
        if r.start >= r.end
            || r.end > units.len()
            || String::from_utf16(&units[r.start..r.end]).is_err()
        {
            return Err(format!(
                "range {}..{} outside or splitting a character for {q:?}",
                r.start, r.end
            ));
        }
    }
    if foreign_markup(&h.title) || h.blocks.iter().any(|b| foreign_markup(&b.html)) {
        return Err(format!("markup leaked for {q:?}"));
    }
    let _ = ex.suggest(&q, 8);
    Ok(())
}

fn t_decode(rng: &mut Rng, extra: &[String], st: &mut State) -> Result<(), String> {
    if st.blob.is_empty() {
        let docs = [
            ("a", "Title A\n\nSome text about cats and dogs."),
            ("b", "Title B\n\nOther text, 7.2% up."),
        ];
        st.blob = Explorer::from_texts(&docs)
            .map_err(|e| e.to_string())?
            .to_bytes()
            .map_err(|e| e.to_string())?;
        let _ = extra;
    }
    let mut b = st.blob.clone();
    match rng.below(4) {
        0 => {
            let i = rng.below(b.len());
            b[i] ^= (rng.below(255) + 1) as u8;
        }
        1 => b.truncate(rng.below(b.len())),
        2 => {
            let i = rng.below(b.len());
            b.insert(i, rng.next() as u8);
        }
        _ => {
            for _ in 0..rng.below(8) + 1 {
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
        }
    }
    if b != st.blob && Explorer::from_bytes(&b).is_ok() {
        return Err("corrupted blob accepted".into());
    }
    // Half the time, fix the header (length and checksum) so the corruption
    // reaches the payload decoder and the invariant checks. Such a blob may
    // decode (a changed letter is still a valid corpus) but must never panic,
    // and whatever is accepted must be searchable.
    if rng.below(2) == 0 && b.len() >= 18 {
        let payload_len = (b.len() - 18) as u32;
        b[10..14].copy_from_slice(&payload_len.to_le_bytes());
        let sum = article_explorer::store::fnv1a(&b[18..]);
        b[14..18].copy_from_slice(&sum.to_le_bytes());
        if let Ok(ex) = Explorer::from_bytes(&b) {
            let _ = ex.search("text cats", SearchOptions::default());
            for a in ex.articles() {
                ex.highlight(&a.id, "text").map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(())
}

fn t_ingest(rng: &mut Rng, extra: &[String], _: &mut State) -> Result<(), String> {
    let ext = ["txt", "md", "html", "htm", "pdf", ""][rng.below(6)];
    let name = format!("{}.{ext}", random_text(rng, extra, 3));
    let bytes: Vec<u8> = if rng.below(2) == 0 {
        random_text(rng, extra, 60).into_bytes()
    } else {
        (0..rng.below(400)).map(|_| rng.next() as u8).collect()
    };
    if let Ok(a) = ingest(&name, &bytes) {
        if a.blocks.is_empty() || a.id.is_empty() {
            return Err(format!("empty article accepted from {name:?}"));
        }
    }
    Ok(())
}

fn t_extract(rng: &mut Rng, extra: &[String], _: &mut State) -> Result<(), String> {
    let texts: Vec<(String, String)> = (0..rng.below(3) + 1)
        .map(|i| (format!("a{i}"), random_text(rng, extra, 60)))
        .collect();
    let ex = Explorer::from_texts(&texts).map_err(|e| e.to_string())?;
    let t = ex.tables().expect("all text is here");
    article_explorer::tables::validate(ex.corpus(), t).map_err(|e| format!("{e} for {texts:?}"))?;
    for f in &t.figures {
        ex.highlight_focus(&f.at.article, "", Some(f.at.sentence), false)
            .map_err(|e| format!("{e} for {texts:?}"))?;
        if !f.value.is_finite() {
            return Err(format!("non-finite value for {texts:?}"));
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |k: &str| {
        args.iter()
            .position(|a| a == k)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let seconds: f64 = get("--seconds").and_then(|s| s.parse().ok()).unwrap_or(2.0);
    let execs: Option<u64> = get("--execs").and_then(|s| s.parse().ok());
    let only = get("--target");
    let seed: u64 = get("--seed")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_abcd_9876);
    let targets: &[(&str, Target)] = &[
        ("parse", t_parse),
        ("analyse", t_analyse),
        ("query", t_query),
        ("highlight", t_highlight),
        ("decode", t_decode),
        ("ingest", t_ingest),
        ("extract", t_extract),
    ];
    let extra = naughty();
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = false;
    println!(
        "{:<10} {:>12} {:>10} {:>9}",
        "target", "executions", "per sec", "findings"
    );
    for (i, (name, f)) in targets.iter().enumerate() {
        if only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let mut rng = Rng(seed ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut state = State::default();
        let start = Instant::now();
        let (mut n, mut findings) = (0u64, Vec::new());
        while execs.map_or(start.elapsed() < Duration::from_secs_f64(seconds), |e| {
            n < e
        }) {
            n += 1;
            match catch_unwind(AssertUnwindSafe(|| f(&mut rng, &extra, &mut state))) {
                Ok(Ok(())) => {}
                Ok(Err(e)) => findings.push(e),
                Err(_) => findings.push(format!("panic at execution {n}")),
            }
            if findings.len() >= 5 {
                break;
            }
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{name:<10} {n:>12} {:>10.0} {:>9}",
            n as f64 / secs,
            findings.len()
        );
        for f in &findings {
            println!("  finding: {}", f.chars().take(300).collect::<String>());
        }
        failed |= !findings.is_empty();
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
