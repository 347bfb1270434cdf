//! Print how each article of a folder parses: `cargo run --example dump -- seeds`,
//! or what is extracted from it: `cargo run --example dump -- seeds --facts`.
#![allow(clippy::panic)]
use article_explorer::parse_article;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    if std::env::args().any(|a| a == "--facts") {
        let articles: Vec<_> = paths
            .iter()
            .map(|p| {
                let id = p
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                parse_article(&id, &std::fs::read_to_string(p).unwrap_or_default())
            })
            .collect();
        let facts = article_explorer::extract::extract_corpus(&articles);
        if std::env::args().any(|a| a == "--across") {
            let ex = article_explorer::Explorer::from_articles(articles.clone())
                .unwrap_or_else(|e| panic!("{e}"));
            let t = article_explorer::tables::build(
                ex.corpus(),
                &facts,
                &article_explorer::Analyzer::new(),
            );
            for g in &t.across {
                println!(
                    "ACROSS {:?} {:?} {} sources {} spread {}%",
                    g.fact, g.kind, g.agreement, g.sources, g.spread
                );
                for m in &g.members {
                    println!(
                        "    {} {:?} usd {:?} q {:?}",
                        m.article, m.text, m.usd, m.qualifier
                    );
                }
            }
            for r in &t.rates {
                println!("RATE {} {} {}", r.currency, r.usd, r.source);
            }
            return;
        }
        for e in &facts.entities {
            println!(
                "ENTITY {:?} {} aliases {:?} roles {:?}",
                e.kind, e.name, e.aliases, e.roles
            );
        }
        for a in &facts.articles {
            println!("== {}", a.id);
            for f in &a.figures {
                println!(
                    "  FIG {:?} {:?} = {} {} high {:?} q {:?} dir {} subj {:?} measure {:?} converts {:?}",
                    f.kind, f.text, f.value, f.unit, f.high, f.qualifier, f.direction, f.subject, f.measure, f.converts
                );
            }
            for d in &a.dates {
                println!("  DATE {:?} {} {:?}", d.text, d.kind, d.iso);
            }
            for q in &a.quotes {
                println!(
                    "  QUOTE {:?} — {:?}",
                    q.text.chars().take(60).collect::<String>(),
                    q.speaker
                );
            }
        }
        return;
    }
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        let id = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let a = parse_article(&id, &text);
        println!(
            "== {} | title{}: {}",
            a.id,
            if a.title_derived { " (derived)" } else { "" },
            a.title
        );
        for b in &a.blocks {
            let t: String = b.text.chars().take(70).collect();
            println!("  [{:?}] {t}", b.kind);
        }
        for t in &a.tables {
            println!(
                "  TABLE {:?} {:?} rows={}",
                t.caption,
                t.header,
                t.rows.len()
            );
            for r in &t.rows {
                println!("     {r:?}");
            }
        }
    }
}
