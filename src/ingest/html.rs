//! HTML articles (the `html` feature): the main region's text, with
//! furniture elements skipped and the headline from h1, og:title or title.

use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::collections::HashMap;

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
    "button", "select", "iframe", "object", "canvas", "head",
];
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
/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Collapse whitespace to single spaces.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

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

/// Extract article text from HTML as a text file the article parser reads
/// (front matter with the title and metadata, then blank-line separated blocks).
pub fn html_to_text(html: &str) -> String {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut doc = HtmlDoc::default();
    let mut stack: Vec<String> = Vec::new();
    // How many of each element are open: an end tag that matches none
    // (`</i>` with no `<i>` open) is known at once instead of by a search of
    // the whole stack, which made deep unclosed nesting quadratic. A search
    // that finds its element stops at it, and what it passed is popped: each
    // element is passed once.
    let mut open_count: HashMap<String, usize> = HashMap::new();
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
                    *open_count.entry(name.clone()).or_default() += 1;
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
                let is_open = open_count.get(&name).is_some_and(|&n| n > 0);
                let found = is_open
                    .then(|| stack.iter().rposition(|n| *n == name))
                    .flatten();
                if let Some(pos) = found {
                    for popped in stack.drain(pos..) {
                        if let Some(n) = open_count.get_mut(&popped) {
                            *n = n.saturating_sub(1);
                        }
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
    use crate::parse::parse_article;

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

    #[test]
    fn html_without_article_uses_body_and_title_fallbacks() {
        let html = "<html><head><title>Only Title</title></head><body><p>Just a body paragraph.</p></body></html>";
        let a = parse_article("x", &html_to_text(html));
        assert_eq!(a.title, "Only Title");
        assert_eq!(a.paragraphs(), ["Just a body paragraph."]);
    }
}
