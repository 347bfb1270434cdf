//! Why a hit scored what it did: each query word's or phrase's share, and
//! the article's words it matched.

use super::options::{Explain, MatchKind};
use super::resolve::{Clause, Unit, Variant};
use super::score::{Scorer, Sparse};

/// Per-unit explanation for one document, and the document words matched.
pub(super) fn explain(
    scorer: &Scorer<'_>,
    clauses: &[&Clause],
    unit_vecs: &[Vec<Sparse>],
    doc: u32,
    (bonus, feedback): (f32, f32),
) -> (Vec<Explain>, Vec<String>) {
    let index = scorer.index;
    let mut out = Vec::new();
    let mut terms: Vec<String> = Vec::new();
    for (clause, vecs) in clauses.iter().zip(unit_vecs) {
        for (unit, vec) in clause.units.iter().zip(vecs) {
            let scores = vec.get(doc);
            if scores <= 0.0 {
                continue;
            }
            match unit {
                Unit::Term {
                    display,
                    variants,
                    title_only,
                    ..
                } => {
                    let fields = Scorer::fields(*title_only);
                    let present: Vec<&Variant> = variants
                        .iter()
                        .filter(|v| {
                            fields
                                .iter()
                                .any(|&f| index.posting(v.term, doc, f).is_some())
                        })
                        .collect();
                    let kind = present
                        .iter()
                        .map(|v| v.kind)
                        .min()
                        .unwrap_or(MatchKind::Exact);
                    let matched: Vec<String> = present
                        .iter()
                        .map(|v| index.term(v.term).to_string())
                        .collect();
                    for m in &matched {
                        if !terms.contains(m) {
                            terms.push(m.clone());
                        }
                    }
                    out.push(Explain {
                        query: display.clone(),
                        kind,
                        matched,
                        score: scores,
                    });
                }
                Unit::Phrase { display, .. } => {
                    if !terms.contains(display) {
                        terms.push(display.clone());
                    }
                    out.push(Explain {
                        query: display.clone(),
                        kind: MatchKind::Phrase,
                        matched: vec![display.clone()],
                        score: scores,
                    });
                }
            }
        }
    }
    if bonus > 0.0 {
        out.push(Explain {
            query: "proximity".into(),
            kind: MatchKind::Phrase,
            matched: Vec::new(),
            score: bonus,
        });
    }
    if feedback > 0.0 {
        out.push(Explain {
            query: "related words".into(),
            kind: MatchKind::Stem,
            matched: Vec::new(),
            score: feedback,
        });
    }
    (out, terms)
}
