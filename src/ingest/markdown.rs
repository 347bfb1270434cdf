//! Light Markdown removal: the text and front matter kept, the syntax dropped.

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
