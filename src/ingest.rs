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

use crate::parse::{parse_article, Article};
use crate::{Error, MAX_ARTICLE_BYTES};
#[cfg(feature = "html")]
use html5gum::{DefaultEmitter, Token, Tokenizer};

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
    let (stem, ext) = match base.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, e.to_ascii_lowercase()),
        _ => (base, String::new()),
    };
    let format = match ext.as_str() {
        "txt" | "text" => Format::Text,
        "md" | "markdown" => Format::Markdown,
        "html" | "htm" => Format::Html,
        _ => {
            return Err(Error::new(format!(
                "{base}: unsupported file type (use .txt, .md or .html)"
            )))
        }
    };
    let id = stem.trim();
    if id.is_empty() {
        return Err(Error::new(format!("{base}: the file name gives no id")));
    }
    Ok((id.to_string(), format))
}

/// Windows-1252 characters for bytes 0x80–0x9F (0 where undefined).
const CP1252: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// Decode file bytes to text (see the module docs).
pub fn decode_text(name: &str, bytes: &[u8]) -> Result<String, Error> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(Error::new(format!(
            "{name}: larger than the {} MB limit",
            MAX_ARTICLE_BYTES / 1024 / 1024
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
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if text.contains('\0') || controls * 20 > text.chars().count().max(1) {
        return Err(Error::new(format!(
            "{name}: looks like a binary file, not text"
        )));
    }
    if text.trim().is_empty() {
        return Err(Error::new(format!("{name}: the file is empty")));
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
        return Err(Error::new(format!("{name}: no article text found")));
    }
    Ok((article, text))
}

/// True when this build reads HTML files.
pub const HTML_SUPPORT: bool = cfg!(feature = "html");

#[cfg(feature = "html")]
fn html_text(_name: &str, html: &str) -> Result<String, Error> {
    Ok(html_to_text(html))
}

#[cfg(not(feature = "html"))]
fn html_text(name: &str, _html: &str) -> Result<String, Error> {
    Err(Error::new(format!(
        "{name}: this build of the explorer cannot read HTML files"
    )))
}

/// Remove light Markdown syntax, keeping the text and the front matter.
/// The first `#` heading becomes the title unless front matter gives one.
pub fn markdown_to_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut lines = md.lines().peekable();
    // Keep front matter as it is.
    if md.trim_start().starts_with("---") {
        let mut seen = 0;
        for line in lines.by_ref() {
            out.push_str(line);
            out.push('\n');
            if line.trim() == "---" {
                seen += 1;
                if seen == 2 {
                    break;
                }
            }
        }
    }
    let mut in_code = false;
    for line in lines {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_code = !in_code;
            out.push('\n');
            continue;
        }
        if in_code {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let t = t.trim_start_matches('>').trim_start();
        let t = t.trim_start_matches('#').trim_start();
        if t.chars().all(|c| matches!(c, '-' | '=' | '*' | '_' | ' ')) && !t.is_empty() {
            out.push('\n');
            continue;
        }
        out.push_str(&inline_markdown(t));
        out.push('\n');
    }
    out
}

/// `![alt](src)` dropped, `[text](url)` → text, emphasis and code marks removed.
fn inline_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let image = c == '!' && chars.get(i + 1) == Some(&'[');
        if c == '[' || image {
            let open = if image { i + 1 } else { i };
            let close = (open + 1..chars.len()).find(|&k| chars.get(k) == Some(&']'));
            if let Some(close) = close {
                if chars.get(close + 1) == Some(&'(') {
                    if let Some(end) =
                        (close + 2..chars.len()).find(|&k| chars.get(k) == Some(&')'))
                    {
                        if !image {
                            out.extend(chars.get(open + 1..close).unwrap_or(&[]));
                        }
                        i = end + 1;
                        continue;
                    }
                }
            }
        }
        let list_marker = out.trim().is_empty()
            && (c == '*' || c == '-' || c == '+')
            && chars.get(i + 1) == Some(&' ');
        if list_marker {
            out.push('•');
        } else if !(matches!(c, '*' | '`') || (c == '_' && is_emphasis_underscore(&chars, i))) {
            out.push(c);
        }
        i += 1;
    }
    out
}

fn is_emphasis_underscore(chars: &[char], i: usize) -> bool {
    let before = i
        .checked_sub(1)
        .and_then(|k| chars.get(k))
        .is_some_and(|c| c.is_alphanumeric());
    let after = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
    !(before && after)
}

#[cfg(feature = "html")]
/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
    "button", "select", "iframe", "object", "canvas", "head",
];
#[cfg(feature = "html")]
/// Elements that start a new block of text.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "br",
    "hr",
    "tr",
    "td",
    "th",
    "table",
    "figcaption",
    "dd",
    "dt",
    "body",
];
#[cfg(feature = "html")]
/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

#[cfg(feature = "html")]
fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(feature = "html")]
/// Collapse whitespace to single spaces.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(feature = "html")]
#[derive(Default)]
struct HtmlDoc {
    /// Text of each region: 0 = body, 1 = first <main>, 2 = first <article>.
    regions: [String; 3],
    h1: Option<String>,
    title: Option<String>,
    og_title: Option<String>,
    site: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

#[cfg(feature = "html")]
/// Extract article text from HTML as a text file the article parser reads
/// (front matter with the title and metadata, then blank-line separated blocks).
pub fn html_to_text(html: &str) -> String {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut doc = HtmlDoc::default();
    let mut stack: Vec<String> = Vec::new();
    let mut skip_depth = 0usize;
    let mut region_open = [true, false, false];
    let mut region_done = [false, false, false];
    let mut capture: Option<(&'static str, String)> = None;
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = lossy(&tag.name).to_ascii_lowercase();
                let attr = |k: &str| tag.attributes.get(k.as_bytes()).map(|v| lossy(&v.value));
                match name.as_str() {
                    "meta" => {
                        let key = attr("property")
                            .or_else(|| attr("name"))
                            .unwrap_or_default();
                        let content = attr("content")
                            .map(|c| squash(&c))
                            .filter(|c| !c.is_empty());
                        match key.as_str() {
                            "og:title" => doc.og_title = doc.og_title.take().or(content),
                            "og:site_name" => doc.site = doc.site.take().or(content),
                            "og:url" => doc.url = doc.url.take().or(content),
                            "article:published_time" | "date" | "pubdate" => {
                                doc.date = doc.date.take().or(content)
                            }
                            _ => {}
                        }
                    }
                    "link" if attr("rel").as_deref() == Some("canonical") => {
                        doc.url = doc.url.take().or(attr("href"));
                    }
                    "time" if doc.date.is_none() => doc.date = attr("datetime"),
                    "title" if doc.title.is_none() => capture = Some(("title", String::new())),
                    "h1" if doc.h1.is_none() && skip_depth == 0 => {
                        capture = Some(("h1", String::new()))
                    }
                    "main" if !region_done[1] => region_open[1] = true,
                    "article" if !region_done[2] => region_open[2] = true,
                    _ => {}
                }
                if SKIP.contains(&name.as_str()) && !tag.self_closing {
                    skip_depth += 1;
                }
                if BLOCK.contains(&name.as_str()) {
                    for (r, open) in doc.regions.iter_mut().zip(region_open) {
                        if open {
                            r.push_str("\n\n");
                            if name == "li" {
                                r.push_str("• ");
                            }
                        }
                    }
                }
                if !tag.self_closing && !VOID.contains(&name.as_str()) {
                    stack.push(name);
                }
            }
            Token::EndTag(tag) => {
                let name = lossy(&tag.name).to_ascii_lowercase();
                if let Some((which, text)) = capture.take() {
                    if which == name {
                        let t = squash(&text);
                        if !t.is_empty() {
                            if which == "h1" {
                                doc.h1 = Some(t);
                            } else {
                                doc.title = Some(t);
                            }
                        }
                    } else {
                        capture = Some((which, text));
                    }
                }
                // Pop to the matching open element, if any (tolerates mis-nesting).
                if let Some(pos) = stack.iter().rposition(|n| *n == name) {
                    for popped in stack.drain(pos..) {
                        if SKIP.contains(&popped.as_str()) {
                            skip_depth = skip_depth.saturating_sub(1);
                        }
                    }
                }
                match name.as_str() {
                    "main" if region_open[1] => (region_open[1], region_done[1]) = (false, true),
                    "article" if region_open[2] => (region_open[2], region_done[2]) = (false, true),
                    _ => {}
                }
                if BLOCK.contains(&name.as_str()) {
                    for (r, open) in doc.regions.iter_mut().zip(region_open) {
                        if open {
                            r.push_str("\n\n");
                        }
                    }
                }
            }
            Token::String(s) => {
                let text = lossy(&s.value);
                if let Some((_, buf)) = capture.as_mut() {
                    buf.push_str(&text);
                }
                if skip_depth > 0 {
                    continue;
                }
                for (r, open) in doc.regions.iter_mut().zip(region_open) {
                    if open {
                        r.push_str(&text);
                    }
                }
            }
            _ => {}
        }
    }
    let body = doc
        .regions
        .iter()
        .rev()
        .find(|r| r.split_whitespace().count() >= 20)
        .or(doc.regions.first())
        .map(String::as_str)
        .unwrap_or("");
    let title = doc.h1.or(doc.og_title).or(doc.title);
    // Blocks: each squashed; the headline is given once, in front matter.
    let mut out = String::new();
    let mut front = Vec::new();
    if let Some(t) = &title {
        front.push(format!("title: {t}"));
    }
    for (k, v) in [
        ("source", &doc.site),
        ("date", &doc.date),
        ("url", &doc.url),
    ] {
        if let Some(v) = v {
            front.push(format!("{k}: {}", squash(v)));
        }
    }
    if !front.is_empty() {
        out.push_str("---\n");
        for line in front {
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str("---\n");
    }
    let mut first = true;
    for block in body.split("\n\n") {
        let b = squash(block);
        if b.is_empty() || b == "•" {
            continue;
        }
        if first && title.as_deref() == Some(b.as_str()) {
            first = false;
            continue;
        }
        first = false;
        out.push_str(&b);
        out.push_str("\n\n");
    }
    out
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

    #[cfg(feature = "html")]
    #[test]
    fn html_main_text_and_headline() {
        let html = r##"<!doctype html><html><head><title>Site | Story</title>
            <meta property="og:title" content="OG Story"><meta property="og:site_name" content="Example News">
            <style>p{color:red}</style><script>var x = "<p>not text</p>";</script></head>
            <body><nav><a href="/">Home</a> <a>World</a></nav><header>Brand header</header>
            <article><h1>The Real Headline</h1><time datetime="2025-02-21">Feb 21</time>
            <p>First paragraph of the story, which is long enough to count as the main text of this page.</p>
            <h2>A Section</h2><p>Second &amp; last paragraph with an <a href="#">inline link</a>.</p>
            <ul><li>One item</li><li>Two item</li></ul></article>
            <aside>Related: something else</aside><footer>© Example</footer></body></html>"##;
        let text = html_to_text(html);
        let a = parse_article("x", &text);
        assert_eq!(a.title, "The Real Headline");
        assert!(!a.title_derived);
        assert_eq!(a.meta.source.as_deref(), Some("Example News"));
        assert_eq!(a.meta.date.as_deref(), Some("2025-02-21"));
        let paras = a.paragraphs();
        assert!(paras.iter().any(|p| p.starts_with("First paragraph")));
        assert!(paras.contains(&"Second & last paragraph with an inline link."));
        assert!(paras.contains(&"A Section"));
        assert!(paras.contains(&"One item"));
        let all = paras.join(" ");
        for gone in [
            "not text",
            "Home",
            "Brand header",
            "Related",
            "© Example",
            "color:red",
        ] {
            assert!(!all.contains(gone), "{gone:?} left in {all:?}");
        }
    }

    #[cfg(feature = "html")]
    #[test]
    fn html_without_article_uses_body_and_title_fallbacks() {
        let html = "<html><head><title>Only Title</title></head><body><p>Just a body paragraph.</p></body></html>";
        let a = parse_article("x", &html_to_text(html));
        assert_eq!(a.title, "Only Title");
        assert_eq!(a.paragraphs(), ["Just a body paragraph."]);
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
}
