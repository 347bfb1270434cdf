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
    // The next `]` and `)` at or after each position, found in one pass from
    // the end (searching the rest of the line for every `[` was quadratic).
    let next_of = |want: char| {
        let mut next = vec![usize::MAX; chars.len() + 1];
        for k in (0..chars.len()).rev() {
            let after = next.get(k + 1).copied().unwrap_or(usize::MAX);
            if let Some(slot) = next.get_mut(k) {
                *slot = if chars.get(k) == Some(&want) {
                    k
                } else {
                    after
                };
            }
        }
        next
    };
    let next_close = next_of(']');
    let next_paren = next_of(')');
    let at = |next: &[usize], k: usize| next.get(k).copied().filter(|&p| p != usize::MAX);
    // Whether `out` is still only whitespace (asked at every character).
    let mut blank = true;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let image = c == '!' && chars.get(i + 1) == Some(&'[');
        if c == '[' || image {
            let open = if image { i + 1 } else { i };
            if let Some(close) = at(&next_close, open + 1) {
                if chars.get(close + 1) == Some(&'(') {
                    if let Some(end) = at(&next_paren, close + 2) {
                        if !image {
                            let text = chars.get(open + 1..close).unwrap_or(&[]);
                            blank &= text.iter().all(|c| c.is_whitespace());
                            out.extend(text);
                        }
                        i = end + 1;
                        continue;
                    }
                }
            }
        }
        let list_marker =
            blank && (c == '*' || c == '-' || c == '+') && chars.get(i + 1) == Some(&' ');
        if list_marker {
            out.push('•');
            blank = false;
        } else if !(matches!(c, '*' | '`') || (c == '_' && is_emphasis_underscore(&chars, i))) {
            out.push(c);
            blank &= c.is_whitespace();
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
