//! Corrections by the reader: rename an entity, merge two, change a kind,
//! or hide one. They apply to the extracted facts before the tables are
//! built, so every table, chart and the across-sources groups see them.
//!
//! An entity is named by its canonical name and kind as the Names table
//! shows them, after the corrections before it in the list. A correction
//! that does not fit (a merge of a row with itself, a name that is not, or
//! no longer, in the corpus) changes nothing and says why; the others
//! still apply.
//!
//! ```
//! use article_explorer::corrections::{apply, Correction};
//! use article_explorer::extract::{extract_corpus, EntityKind};
//! use article_explorer::parse_article;
//!
//! let a = parse_article("a", "Deal\n\nShares in Acme Corp rose after CEO Jane Roe spoke.");
//! let mut facts = extract_corpus(&[a]);
//! let fix = Correction::Rename {
//!     name: "Jane Roe".into(),
//!     kind: EntityKind::Person,
//!     to: "Jane A. Roe".into(),
//! };
//! let outcomes = apply(&mut facts, &[fix]);
//! assert!(outcomes[0].ok);
//! assert!(facts.entities.iter().any(|e| e.name == "Jane A. Roe"));
//! ```

use crate::extract::{EntityKind, Facts};
use serde::{Deserialize, Serialize};

/// Longest name a correction may give.
pub const NAME_MAX: usize = 200;

/// One correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase", deny_unknown_fields)]
pub enum Correction {
    /// Give an entity another canonical name (the old one becomes an alias).
    Rename {
        /// Its name now.
        name: String,
        /// Its kind now.
        kind: EntityKind,
        /// The new name.
        to: String,
    },
    /// Fold one entity into another: its mentions, aliases and roles.
    Merge {
        /// The entity that goes.
        name: String,
        /// Its kind.
        kind: EntityKind,
        /// The entity that stays.
        into: String,
        /// Its kind.
        #[serde(rename = "intoKind")]
        into_kind: EntityKind,
    },
    /// Change an entity's kind.
    Retype {
        /// Its name.
        name: String,
        /// Its kind now.
        kind: EntityKind,
        /// The right kind.
        to: EntityKind,
    },
    /// Take an entity out of every table (not a name, or not wanted).
    Hide {
        /// Its name.
        name: String,
        /// Its kind.
        kind: EntityKind,
    },
}

/// [`Correction`] as stored in the corpus blob: postcard cannot read the
/// internally tagged form that JSON and JavaScript use.
#[derive(Serialize, Deserialize)]
enum Stored {
    Rename(String, EntityKind, String),
    Merge(String, EntityKind, String, EntityKind),
    Retype(String, EntityKind, EntityKind),
    Hide(String, EntityKind),
}

/// Encode corrections for the corpus blob.
pub fn encode(list: &[Correction]) -> Result<Vec<u8>, String> {
    let stored: Vec<Stored> = list
        .iter()
        .cloned()
        .map(|c| match c {
            Correction::Rename { name, kind, to } => Stored::Rename(name, kind, to),
            Correction::Merge {
                name,
                kind,
                into,
                into_kind,
            } => Stored::Merge(name, kind, into, into_kind),
            Correction::Retype { name, kind, to } => Stored::Retype(name, kind, to),
            Correction::Hide { name, kind } => Stored::Hide(name, kind),
        })
        .collect();
    postcard::to_allocvec(&stored).map_err(|e| format!("could not encode the corrections: {e}"))
}

/// Decode corrections from the corpus blob (empty bytes: none).
pub fn decode(bytes: &[u8]) -> Result<Vec<Correction>, String> {
    if bytes.is_empty() {
        return Ok(Vec::new());
    }
    let stored: Vec<Stored> = postcard::from_bytes(bytes)
        .map_err(|e| format!("the corpus's corrections are unreadable: {e}"))?;
    Ok(stored
        .into_iter()
        .map(|s| match s {
            Stored::Rename(name, kind, to) => Correction::Rename { name, kind, to },
            Stored::Merge(name, kind, into, into_kind) => Correction::Merge {
                name,
                kind,
                into,
                into_kind,
            },
            Stored::Retype(name, kind, to) => Correction::Retype { name, kind, to },
            Stored::Hide(name, kind) => Correction::Hide { name, kind },
        })
        .collect())
}

/// What became of one correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// Whether it applied.
    pub ok: bool,
    /// What it did, or why it changed nothing.
    pub message: String,
}

fn find(facts: &Facts, name: &str, kind: EntityKind) -> Option<usize> {
    facts
        .entities
        .iter()
        .position(|e| e.name == name && e.kind == kind && !e.hidden)
}

fn refused(message: String) -> Outcome {
    Outcome { ok: false, message }
}

fn done(message: String) -> Outcome {
    Outcome { ok: true, message }
}

/// Replace a name wherever the facts hold it as text (figure subjects,
/// quote speakers).
fn rename_text(facts: &mut Facts, from: &str, to: &str) {
    for a in &mut facts.articles {
        for f in &mut a.figures {
            if f.subject.as_deref() == Some(from) {
                f.subject = Some(to.to_string());
            }
        }
        for q in &mut a.quotes {
            if q.speaker.as_deref() == Some(from) {
                q.speaker = Some(to.to_string());
            }
        }
    }
}

fn check_name(to: &str) -> Result<&str, String> {
    let to = to.trim();
    if to.is_empty() {
        Err("a name cannot be empty".into())
    } else if to.chars().count() > NAME_MAX {
        Err(format!("a name is at most {NAME_MAX} characters"))
    } else {
        Ok(to)
    }
}

fn apply_one(facts: &mut Facts, c: &Correction) -> Outcome {
    let (name, kind) = match c {
        Correction::Rename { name, kind, .. }
        | Correction::Merge { name, kind, .. }
        | Correction::Retype { name, kind, .. }
        | Correction::Hide { name, kind } => (name.as_str(), *kind),
    };
    let Some(i) = find(facts, name, kind) else {
        return refused(format!(
            "no {} named “{name}” in these articles (any more)",
            kind.as_str()
        ));
    };
    match c {
        Correction::Rename { to, .. } => {
            let to = match check_name(to) {
                Ok(t) => t.to_string(),
                Err(e) => return refused(e),
            };
            if to == name {
                return refused(format!("“{name}” already has that name"));
            }
            if find(facts, &to, kind).is_some() {
                return refused(format!(
                    "another {} is named “{to}”: merge the two instead",
                    kind.as_str()
                ));
            }
            if let Some(e) = facts.entities.get_mut(i) {
                let old = std::mem::replace(&mut e.name, to.clone());
                e.aliases.retain(|a| *a != to);
                e.aliases.push(old);
                e.aliases.sort();
            }
            rename_text(facts, name, &to);
            done(format!("renamed “{name}” to “{to}”"))
        }
        Correction::Merge {
            into, into_kind, ..
        } => {
            if into == name && *into_kind == kind {
                return refused(format!("“{name}” cannot be merged with itself"));
            }
            let Some(j) = find(facts, into, *into_kind) else {
                return refused(format!(
                    "no {} named “{into}” to merge into",
                    into_kind.as_str()
                ));
            };
            for a in &mut facts.articles {
                for m in &mut a.mentions {
                    if m.entity == i {
                        m.entity = j;
                    }
                }
            }
            let gone = facts.entities.get_mut(i).map(|e| {
                e.hidden = true;
                (
                    e.name.clone(),
                    std::mem::take(&mut e.aliases),
                    std::mem::take(&mut e.roles),
                )
            });
            if let (Some((old, aliases, roles)), Some(keep)) = (gone, facts.entities.get_mut(j)) {
                for a in std::iter::once(old).chain(aliases) {
                    if a != keep.name && !keep.aliases.contains(&a) {
                        keep.aliases.push(a);
                    }
                }
                keep.aliases.sort();
                for r in roles {
                    if !keep.roles.iter().any(|x| x.eq_ignore_ascii_case(&r)) {
                        keep.roles.push(r);
                    }
                }
            }
            rename_text(facts, name, into);
            done(format!("merged “{name}” into “{into}”"))
        }
        Correction::Retype { to, .. } => {
            if *to == kind {
                return refused(format!("“{name}” is already a {}", kind.as_str()));
            }
            if find(facts, name, *to).is_some() {
                return refused(format!(
                    "a {} named “{name}” exists already: merge the two instead",
                    to.as_str()
                ));
            }
            if let Some(e) = facts.entities.get_mut(i) {
                e.kind = *to;
            }
            done(format!("“{name}” is now a {}", to.as_str()))
        }
        Correction::Hide { .. } => {
            if let Some(e) = facts.entities.get_mut(i) {
                e.hidden = true;
            }
            for a in &mut facts.articles {
                a.mentions.retain(|m| m.entity != i);
            }
            done(format!("hid “{name}”"))
        }
    }
}

/// Apply corrections in order; one outcome per correction.
pub fn apply(facts: &mut Facts, corrections: &[Correction]) -> Vec<Outcome> {
    corrections.iter().map(|c| apply_one(facts, c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract_corpus;
    use crate::parse_article;

    fn facts() -> Facts {
        let a = parse_article(
            "a",
            "Deal\n\nShares in Acme Corp rose 5%, CEO Jane Roe said. Acme Corp UK grew too.",
        );
        extract_corpus(&[a])
    }

    fn names(f: &Facts) -> Vec<(String, EntityKind)> {
        let mut v: Vec<_> = f
            .entities
            .iter()
            .filter(|e| !e.hidden)
            .map(|e| (e.name.clone(), e.kind))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn corrections_table() {
        use EntityKind::*;
        let base = facts();
        assert!(
            names(&base).contains(&("Jane Roe".into(), Person)),
            "{:?}",
            names(&base)
        );
        let org = base
            .entities
            .iter()
            .find(|e| e.name.starts_with("Acme Corp") && e.kind == Organisation)
            .map(|e| e.name.clone())
            .unwrap();
        let rename = Correction::Rename {
            name: "Jane Roe".into(),
            kind: Person,
            to: "J. Roe".into(),
        };
        let hide = Correction::Hide {
            name: "Jane Roe".into(),
            kind: Person,
        };
        let retype = Correction::Retype {
            name: "Jane Roe".into(),
            kind: Person,
            to: Organisation,
        };
        let self_merge = Correction::Merge {
            name: org.clone(),
            kind: Organisation,
            into: org.clone(),
            into_kind: Organisation,
        };
        let missing = Correction::Hide {
            name: "Nobody".into(),
            kind: Person,
        };
        let empty = Correction::Rename {
            name: "Jane Roe".into(),
            kind: Person,
            to: "  ".into(),
        };
        let cases: &[(&[Correction], &[bool])] = &[
            (std::slice::from_ref(&rename), &[true]),
            (&[rename.clone(), rename.clone()], &[true, false]),
            (std::slice::from_ref(&hide), &[true]),
            (std::slice::from_ref(&retype), &[true]),
            (&[self_merge], &[false]),
            (&[missing], &[false]),
            (&[empty], &[false]),
            (&[hide.clone(), rename.clone()], &[true, false]),
        ];
        for (list, want) in cases {
            let mut f = facts();
            let got: Vec<bool> = apply(&mut f, list).iter().map(|o| o.ok).collect();
            assert_eq!(got, *want, "{list:?}");
        }
    }

    #[test]
    fn a_merge_moves_mentions_and_names() {
        use EntityKind::*;
        let mut f = facts();
        let orgs: Vec<String> = f
            .entities
            .iter()
            .filter(|e| e.kind == Organisation)
            .map(|e| e.name.clone())
            .collect();
        let (Some(a), Some(b)) = (
            orgs.iter().find(|n| n.ends_with("UK")),
            orgs.iter().find(|n| !n.ends_with("UK")),
        ) else {
            panic!("two organisations expected: {orgs:?}");
        };
        let out = apply(
            &mut f,
            &[Correction::Merge {
                name: a.clone(),
                kind: Organisation,
                into: b.clone(),
                into_kind: Organisation,
            }],
        );
        assert!(out[0].ok, "{out:?}");
        let keep = f.entities.iter().position(|e| &e.name == b).unwrap();
        assert!(f.entities[keep].aliases.contains(a));
        assert!(
            f.articles[0]
                .mentions
                .iter()
                .filter(|m| m.entity == keep)
                .count()
                >= 2
        );
        assert!(!names(&f).iter().any(|(n, _)| n == a));
    }

    #[test]
    fn corrections_round_trip_through_the_blob_form() {
        use EntityKind::*;
        let list = vec![
            Correction::Rename {
                name: "A".into(),
                kind: Person,
                to: "B".into(),
            },
            Correction::Merge {
                name: "X".into(),
                kind: Organisation,
                into: "Y".into(),
                into_kind: Place,
            },
            Correction::Retype {
                name: "A".into(),
                kind: Person,
                to: Place,
            },
            Correction::Hide {
                name: "Z".into(),
                kind: Place,
            },
        ];
        assert_eq!(decode(&encode(&list).unwrap()).unwrap(), list);
        assert!(decode(&[]).unwrap().is_empty());
        assert!(decode(&[9, 9, 9]).is_err());
    }

    #[test]
    fn corrections_read_from_json() {
        let list: Vec<Correction> = serde_json::from_str(
            r#"[{"op":"rename","name":"A","kind":"person","to":"B"},
                {"op":"merge","name":"X","kind":"organisation","into":"Y","intoKind":"organisation"},
                {"op":"retype","name":"A","kind":"person","to":"place"},
                {"op":"hide","name":"Z","kind":"place"}]"#,
        )
        .unwrap();
        assert_eq!(list.len(), 4);
        assert!(serde_json::from_str::<Vec<Correction>>(
            r#"[{"op":"explode","name":"A","kind":"person"}]"#
        )
        .is_err());
        assert!(serde_json::from_str::<Vec<Correction>>(
            r#"[{"op":"hide","name":"A","kind":"person","extra":1}]"#
        )
        .is_err());
    }
}
