//! Ingest: a file's bytes and name → an [`Article`], or a clear error.
//!
//! Used both at build time (`ae-build --corpus DIR`) and in the page (files a
//! user drops), so the two always agree.
//!
//! - **Decoding**: UTF-8 (a BOM is dropped), UTF-16 with a BOM, otherwise
//!   Windows-1252 (a superset of Latin-1's printable range), so legacy files
//!   keep their accents instead of turning into replacement characters.
//! - **Refused**: empty files, files over [`MAX_ARTICLE_BYTES`], binary files
//!   (NUL bytes or many control characters), unsupported extensions.
//! - **Formats**: `.txt` and `.md`/`.markdown` (optional `---` front matter with
//!   `title`, `source`, `date`, `url`; light Markdown syntax removed) and
//!   `.html`/`.htm` through the WHATWG tokenizer of `html5gum`: the main text
//!   (`<article>`, else `<main>`, else `<body>`) without scripts, styles,
//!   navigation, headers, footers, asides and forms; the headline from
//!   `<h1>`, else `og:title`, else `<title>`.

use crate::error::Error;
use crate::model::{Article, MAX_ARTICLE_BYTES};
use crate::parse::parse_article;

/// File kinds we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// HTML.
    Html,
}

/// Split a file name into (id, format). The id is the file stem.
pub fn id_and_format(name: &str) -> Result<(String, Format), Error> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if base.chars().count() > MAX_NAME_CHARS {
        let start: String = base.chars().take(40).collect();
        return Err(Error::invalid(format!(
            "{start}…: the file name is longer than {MAX_NAME_CHARS} characters"
        )));
    }
    let (stem, ext) = match base.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, e.to_ascii_lowercase()),
        _ => (base, String::new()),
    };
    let format = match ext.as_str() {
        "txt" | "text" => Format::Text,
        "md" | "markdown" => Format::Markdown,
        "html" | "htm" => Format::Html,
        _ => {
            return Err(Error::invalid(format!(
                "{base}: unsupported file type (use .txt, .md or .html)"
            )))
        }
    };
    let id = stem.trim();
    if id.is_empty() {
        return Err(Error::invalid(format!("{base}: the file name gives no id")));
    }
    Ok((id.to_string(), format))
}

/// Longest file name accepted (it becomes the article's id, in every link).
pub const MAX_NAME_CHARS: usize = 255;

/// Windows-1252 characters for bytes 0x80–0x9F (0 where undefined).
const CP1252: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// Decode file bytes to text (see the module docs).
pub fn decode_text(name: &str, bytes: &[u8]) -> Result<String, Error> {
    let mb = MAX_ARTICLE_BYTES / 1024 / 1024;
    // UTF-16 text is up to twice its UTF-8 size: what counts is the text as
    // stored (UTF-8), checked below, so a file accepted once is accepted
    // again when the page restores or imports it.
    if bytes.len() > 2 * MAX_ARTICLE_BYTES {
        return Err(Error::invalid(format!(
            "{name}: larger than the {mb} MB limit"
        )));
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252
                        .get(usize::from(b - 0x80))
                        .and_then(|&u| char::from_u32(u32::from(u)))
                        .filter(|&c| c != '\0')
                        .unwrap_or('\u{FFFD}'),
                    _ => char::from(b),
                })
                .collect(),
        }
    };
    if text.len() > MAX_ARTICLE_BYTES {
        return Err(Error::invalid(format!(
            "{name}: larger than the {mb} MB limit (as UTF-8 text)"
        )));
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if text.contains('\0') || controls * 20 > text.chars().count().max(1) {
        return Err(Error::invalid(format!(
            "{name}: looks like a binary file, not text"
        )));
    }
    if text.trim().is_empty() {
        return Err(Error::invalid(format!("{name}: the file is empty")));
    }
    Ok(text)
}

fn utf16(bytes: &[u8], from: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| {
            from([
                c.first().copied().unwrap_or(0),
                c.get(1).copied().unwrap_or(0),
            ])
        })
        .collect();
    String::from_utf16_lossy(&units)
}

/// Read one file into an article.
pub fn ingest(name: &str, bytes: &[u8]) -> Result<Article, Error> {
    ingest_with_text(name, bytes).map(|(article, _)| article)
}

/// Read one file into an article, also returning the decoded text (what the
/// page persists and exports).
pub fn ingest_with_text(name: &str, bytes: &[u8]) -> Result<(Article, String), Error> {
    let (id, format) = id_and_format(name)?;
    let text = decode_text(name, bytes)?;
    let article = match format {
        Format::Text => parse_article(&id, &text),
        Format::Markdown => parse_article(&id, &markdown_to_text(&text)),
        Format::Html => parse_article(&id, &html_text(name, &text)?),
    };
    if article.blocks.is_empty() {
        return Err(Error::invalid(format!("{name}: no article text found")));
    }
    Ok((article, text))
}

#[cfg(feature = "html")]
mod html;
mod markdown;

#[cfg(feature = "html")]
pub use html::html_to_text;
pub use markdown::markdown_to_text;

/// The HTML reader of this build: none without the `html` feature, and
/// HTML files are then refused by name.
#[cfg(feature = "html")]
const HTML_READER: Option<fn(&str) -> String> = Some(html::html_to_text);
#[cfg(not(feature = "html"))]
const HTML_READER: Option<fn(&str) -> String> = None;

/// True when this build reads HTML files.
pub const HTML_SUPPORT: bool = HTML_READER.is_some();

fn html_text(name: &str, html: &str) -> Result<String, Error> {
    match HTML_READER {
        Some(read) => Ok(read(html)),
        None => Err(Error::invalid(format!(
            "{name}: this build of the explorer cannot read HTML files"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_ids_and_formats() {
        let cases: &[(&str, Option<(&str, Format)>)] = &[
            ("a.txt", Some(("a", Format::Text))),
            ("dir/b.MD", Some(("b", Format::Markdown))),
            ("c.d.html", Some(("c.d", Format::Html))),
            ("x.htm", Some(("x", Format::Html))),
            ("photo.png", None),
            ("noext", None),
            (".txt", None),
        ];
        for (name, want) in cases {
            let got = id_and_format(name).ok();
            assert_eq!(got.as_ref().map(|(i, f)| (i.as_str(), *f)), *want, "{name}");
        }
    }

    #[test]
    fn decoding_table() {
        assert_eq!(decode_text("a", "café".as_bytes()).unwrap(), "café");
        assert_eq!(decode_text("a", b"\xEF\xBB\xBFhi").unwrap(), "hi");
        // Latin-1 / Windows-1252: é = E9, curly quotes = 93/94, euro = 80.
        assert_eq!(
            decode_text("a", b"caf\xE9 \x93q\x94 \x80").unwrap(),
            "café “q” €"
        );
        assert_eq!(decode_text("a", b"\xFF\xFEh\0i\0").unwrap(), "hi");
        assert!(decode_text("a", b"")
            .unwrap_err()
            .to_string()
            .contains("empty"));
        assert!(decode_text("a", b"  \n ")
            .unwrap_err()
            .to_string()
            .contains("empty"));
        assert!(decode_text("a", b"PK\x03\x04\0\0binary")
            .unwrap_err()
            .to_string()
            .contains("binary"));
        let big = vec![b'a'; MAX_ARTICLE_BYTES + 1];
        assert!(decode_text("a", &big)
            .unwrap_err()
            .to_string()
            .contains("limit"));
    }

    #[test]
    fn markdown_syntax_is_removed() {
        let md = "---\nsource: Blog\n---\n# Big News\n\nSome **bold** and _em_ text with a [link](http://x) and ![img](y.png).\n\n- first point\n- second point\n\n```\ncode_block()\n```\n";
        let a = ingest("post.md", md.as_bytes()).unwrap();
        assert_eq!(a.title, "Big News");
        assert_eq!(a.meta.source.as_deref(), Some("Blog"));
        let p = a.paragraphs();
        assert!(
            p.contains(&"Some bold and em text with a link and ."),
            "{p:?}"
        );
        assert!(p.contains(&"first point"));
        assert!(p.iter().any(|l| l.contains("code_block()")));
    }

    #[test]
    fn ingest_errors_name_the_file() {
        for (name, bytes) in [
            ("a.pdf", &b"%PDF"[..]),
            ("b.txt", b""),
            ("c.html", b"<html><script>x</script></html>"),
        ] {
            let e = ingest(name, bytes).unwrap_err().to_string();
            assert!(
                e.starts_with(name.split('.').next().unwrap_or("")) || e.contains(name),
                "{e}"
            );
        }
    }

    #[test]
    fn names_longer_than_255_characters_are_refused() {
        let ok = format!("{}.txt", "é".repeat(251));
        assert_eq!(id_and_format(&ok).unwrap().0.chars().count(), 251);
        let long = format!("{}.txt", "a".repeat(252));
        let e = id_and_format(&long).unwrap_err().to_string();
        assert!(e.contains("longer than 255 characters"), "{e}");
        assert!(e.len() < 120, "the message quotes only the start: {e}");
        // A long folder path before the name does not count.
        let path = format!("{}/story.txt", "d".repeat(400));
        assert_eq!(id_and_format(&path).unwrap().0, "story");
    }

    /// The limit applies to the text as stored (UTF-8), so what was accepted
    /// once is accepted again when it is restored or imported as UTF-8.
    #[test]
    fn the_size_limit_is_on_the_stored_text() {
        // 1.8 MB of Windows-1252 curly quotes: 5.4 MB once decoded.
        let quotes = vec![0x93u8; 1_800_000];
        let e = decode_text("q.txt", &quotes).unwrap_err().to_string();
        assert!(e.contains("limit (as UTF-8 text)"), "{e}");
        // Just under the limit once decoded: accepted, and accepted again as UTF-8.
        let n = MAX_ARTICLE_BYTES / 3 - 10;
        let mut cp1252 = b"Title\n\n".to_vec();
        cp1252.extend(std::iter::repeat_n(0x93u8, n));
        let text = decode_text("q.txt", &cp1252).unwrap();
        assert!(text.len() <= MAX_ARTICLE_BYTES);
        assert_eq!(decode_text("q.txt", text.as_bytes()).unwrap(), text);
        // UTF-16 of 3 MB of ASCII (6 MB of bytes) is 3 MB of text: accepted.
        let mut utf16 = vec![0xFF, 0xFE];
        for _ in 0..3_000_000 {
            utf16.extend_from_slice(&[b'a', 0]);
        }
        assert_eq!(decode_text("w.txt", &utf16).unwrap().len(), 3_000_000);
    }
}
