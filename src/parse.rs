//! Parsing: raw article text → [`Article`] (title, blocks, tables).
//!
//! The rules are general, not tuned to particular files:
//! - paragraphs are blank-line separated groups; a group whose lines look
//!   hard-wrapped is joined, otherwise each line is its own block;
//! - site furniture (advertisement markers, "Must read", comment forms,
//!   newsletter sign-ups, "More articles" and everything after such a tail
//!   marker, social "Follow … on X" lines) is removed;
//! - trailing teasers (long blocks at the very end that stop mid-sentence)
//!   are removed, but never the only text after the headline;
//! - the headline is the first block when it looks like one; otherwise a
//!   short title is derived from the lead and flagged as derived;
//! - flattened tables (a header row of short cells followed by rows with
//!   the same number of cells, one cell per line) are rebuilt as tables.
//!
//! Text is kept as written (curly quotes, dashes, accents); only whitespace
//! is tidied.

pub use crate::model::{Article, Block, BlockKind, Meta, Segment, Table};
pub use crate::text::Text;

/// Lines that are furniture wherever they appear (compared lower-cased, with
/// surrounding punctuation and dashes trimmed).
const FURNITURE_LINES: &[&str] = &[
    "advertisement",
    "advertisement scroll to continue",
    "ad",
    "sponsored",
    "sponsored content",
    "must read",
    "must reads",
    "recommended",
    "trending",
    "trending now",
    "popular",
    "popular posts",
    "share",
    "share this",
    "share this article",
    "share on facebook",
    "share on twitter",
    "tweet",
    "print",
    "email",
    "comments",
    "skip to content",
    "skip to main content",
    "subscribe",
    "log in",
    "sign in",
    "menu",
    "search",
    "close",
];

/// Lines after which the rest of the file is furniture.
const TAIL_MARKERS: &[&str] = &[
    "source link",
    "more articles",
    "more stories",
    "more from this author",
    "latest article",
    "latest articles",
    "latest news",
    "related articles",
    "related posts",
    "related stories",
    "related",
    "read more",
    "read next",
    "you may also like",
    "you might also like",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "comments are closed",
    // A wire service's sign-off line.
    "reuter",
];

/// Line starts that mark furniture (lower-case).
const FURNITURE_PREFIXES: &[&str] = &[
    "please enter your",
    "you have entered an incorrect",
    "save my name, email",
    "sign up to",
    "sign up for",
    "subscribe to our",
    "subscribe to the",
    "follow us on",
    "click here to",
    "this article was originally published",
    "this story was originally published",
    "all rights reserved",
    "copyright ©",
    "© copyright",
];

/// Social networks named in "Follow NAME on NETWORK" author lines.
const SOCIAL_NETWORKS: &[&str] = &[
    "x",
    "twitter",
    "facebook",
    "linkedin",
    "instagram",
    "threads",
    "bluesky",
    "mastodon",
];

/// Parse one article file's text. `id` is the file stem.
pub fn parse_article(id: &str, raw: &str) -> Article {
    let (meta_title, meta, body) = split_front_matter(raw);
    let blocks = raw_blocks(body);
    let blocks = strip_furniture(blocks);
    let blocks = strip_trailing_teasers(blocks);
    let mut classified: Vec<Block> = blocks.into_iter().map(classify).collect();

    let mut title_derived = false;
    let title: Text = match meta_title {
        Some(t) => t.into(),
        None => match classified.first() {
            Some(b) if b.kind == BlockKind::Heading && classified.len() > 1 => {
                let t = b.text.clone();
                classified.remove(0);
                t
            }
            _ => {
                title_derived = true;
                derive_title(&classified).into()
            }
        },
    };
    let (blocks, tables) = find_tables(classified);
    Article {
        id: id.to_string(),
        title,
        title_derived,
        blocks,
        tables,
        meta,
        shard: None,
        text_missing: false,
    }
}

/// Split optional `---` front matter (title, source, date, url) off the text.
fn split_front_matter(raw: &str) -> (Option<String>, Meta, &str) {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut meta = Meta::default();
    let mut title = None;
    let trimmed = raw.trim_start_matches(['\n', '\r']);
    let Some(rest) = trimmed
        .strip_prefix("---\n")
        .or_else(|| trimmed.strip_prefix("---\r\n"))
    else {
        return (None, meta, raw);
    };
    let Some(end) = rest.find("\n---") else {
        return (None, meta, raw);
    };
    let (head, tail) = rest.split_at(end);
    let tail = tail.get(4..).unwrap_or("");
    let mut any = false;
    for line in head.lines() {
        let Some((key, value)) = line.split_once(':') else {
            if line.trim().is_empty() {
                continue;
            }
            return (None, Meta::default(), raw);
        };
        let value = value.trim().trim_matches('"').trim().to_string();
        if value.is_empty() {
            continue;
        }
        any = true;
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => title = Some(value),
            "source" | "publisher" | "site" => meta.source = Some(value),
            "date" | "published" => meta.date = Some(value),
            "url" | "link" => meta.url = Some(value),
            _ => {}
        }
    }
    if !any {
        return (None, Meta::default(), raw);
    }
    (title, meta, tail)
}

/// Tidy whitespace inside a line: collapse runs, trim, turn NBSP into space.
fn tidy(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split(|c: char| c.is_whitespace() || c == '\u{200b}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Blank-line separated groups; each group is joined when hard-wrapped,
/// otherwise split into one block per line. Inside a group, an indented
/// line after unindented ones starts a new paragraph (wire-service text
/// marks paragraphs by indenting their first line, with no blank lines).
fn raw_blocks(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut group: Vec<(bool, String)> = Vec::new();
    let flush = |group: &mut Vec<(bool, String)>, out: &mut Vec<String>| {
        // A sign-off line ("Reuter") closing the group is no part of its
        // last paragraph: it stays a line of its own (and ends the text).
        let sign_off = (group.len() >= 2
            && group
                .last()
                .is_some_and(|(_, l)| TAIL_MARKERS.contains(&key(l).as_str())))
        .then(|| group.pop())
        .flatten();
        let indented = group.iter().filter(|(i, _)| *i).count();
        // Paragraph starts only when some lines are indented and most are not.
        let by_indent = indented > 0 && indented * 2 < group.len();
        let mut run: Vec<String> = Vec::new();
        for (i, (indent, line)) in group.drain(..).enumerate() {
            if by_indent && indent && i > 0 {
                push_run(&mut run, out, by_indent);
            }
            run.push(line);
        }
        push_run(&mut run, out, by_indent);
        out.extend(sign_off.map(|(_, l)| l));
    };
    for line in body.lines() {
        let indent = line.starts_with('\t') || line.starts_with("  ");
        let line = tidy(line);
        if line.is_empty() {
            flush(&mut group, &mut out);
        } else {
            group.push((indent, line));
        }
    }
    flush(&mut group, &mut out);
    out
}

/// One run of lines: joined when hard-wrapped, else one block per line.
/// In wire-style text (`wire`: paragraphs marked by indentation) the first
/// line of a paragraph may be short: the wire's dateline ("NEW YORK, March
/// 5 -") often stood before it and was cut, so the rest decides.
fn push_run(run: &mut Vec<String>, out: &mut Vec<String>, wire: bool) {
    let rest = run.get(1..).unwrap_or(&[]);
    let wrapped = if wire && run.len() >= 3 {
        looks_hard_wrapped(rest) && list_marker(rest.first().map_or("", String::as_str)).is_none()
    } else {
        looks_hard_wrapped(run)
    };
    if wrapped {
        out.push(run.join(" "));
    } else {
        out.append(run);
    }
    run.clear();
}

/// A group is hard-wrapped when it has several lines, none longer than a
/// typical wrap width, every line but the last fills most of the width, and
/// no line (after the first) starts a list item.
fn looks_hard_wrapped(group: &[String]) -> bool {
    if group.len() < 2 {
        return false;
    }
    let widths: Vec<usize> = group.iter().map(|l| l.chars().count()).collect();
    let max = widths.iter().copied().max().unwrap_or(0);
    if !(40..=100).contains(&max) {
        return false;
    }
    let body = widths.get(..widths.len() - 1).unwrap_or(&[]);
    body.iter().all(|&w| w * 10 >= max * 6)
        && group.iter().skip(1).all(|l| list_marker(l).is_none())
}

/// Lower-cased line with surrounding punctuation, dashes and spaces trimmed.
fn key(line: &str) -> String {
    line.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '—')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_furniture(line: &str) -> bool {
    let k = key(line);
    if FURNITURE_LINES.contains(&k.as_str()) {
        return true;
    }
    let lower = line.to_lowercase();
    if FURNITURE_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    if lower.contains("newsletter")
        && (lower.contains("sign up") || lower.contains("subscribe"))
        && !ends_sentence(line)
    {
        return true;
    }
    is_social_follow(&lower)
}

/// "Follow NAME on X at @handle" and similar author lines.
fn is_social_follow(lower: &str) -> bool {
    let Some(rest) = lower.strip_prefix("follow ") else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    if words.len() > 10 {
        return false;
    }
    words
        .windows(2)
        .any(|w| matches!(w, [on, net] if *on == "on" && SOCIAL_NETWORKS.contains(&net.trim_end_matches([',', '.', ':']))))
}

fn strip_furniture(blocks: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        if TAIL_MARKERS.contains(&key(&b).as_str()) && !out.is_empty() {
            break;
        }
        if !is_furniture(&b) {
            out.push(b);
        }
    }
    out
}

/// Closing quotes and brackets that may follow sentence punctuation.
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];

/// True when the text ends like a finished sentence (or with a quotation).
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end();
    if t.ends_with(CLOSERS) {
        return true;
    }
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Drop long blocks at the end that stop mid-sentence (teasers for other
/// stories), but never the story itself: a teaser follows some body text,
/// so a block left with only headings before it stays.
fn strip_trailing_teasers(mut blocks: Vec<String>) -> Vec<String> {
    // The first block that is not a heading, found once: blocks only leave
    // from the end, so each pop asks "is there body text before?" in O(1).
    let first_body = blocks.iter().position(|b| !looks_like_heading(b));
    while let Some((last, before)) = blocks.split_last() {
        let after_body = first_body.is_some_and(|f| f < before.len());
        if !(after_body && word_count(last) >= 8 && !ends_sentence(last)) {
            break;
        }
        blocks.pop();
    }
    blocks
}

/// List markers: bullets, dashes, `1.` / `1)` / `a)`.
fn list_marker(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    if matches!(
        first,
        '•' | '●' | '▪' | '◦' | '‣' | '∙' | '·' | '*' | '-' | '–' | '—'
    ) {
        let (i, next) = chars.next()?;
        return (next == ' ').then_some(i + 1);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = line.get(digits..)?;
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return Some(digits + 2);
        }
    }
    None
}

/// Headings: short, not a finished sentence (a colon is allowed), starting
/// with a capital letter or digit.
fn looks_like_heading(text: &str) -> bool {
    let words = word_count(text);
    let starts_upper = text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    (1..=14).contains(&words)
        && text.chars().count() <= 120
        && starts_upper
        && (text.ends_with(':') || !ends_sentence(text))
}

fn classify(text: String) -> Block {
    if let Some(skip) = list_marker(&text) {
        let item = text.get(skip..).unwrap_or("").trim().to_string();
        return Block {
            kind: BlockKind::Item,
            text: item.into(),
            table: None,
        };
    }
    let kind = if looks_like_heading(&text) {
        BlockKind::Heading
    } else {
        BlockKind::Paragraph
    };
    Block {
        kind,
        text: text.into(),
        table: None,
    }
}

/// A short title from the lead: its first sentence, cut to about twelve
/// words at a word boundary.
fn derive_title(blocks: &[Block]) -> String {
    let Some(lead) = blocks.iter().find(|b| b.kind == BlockKind::Paragraph) else {
        return blocks
            .first()
            .map(|b| b.text.to_string())
            .unwrap_or_else(|| "Untitled".to_string());
    };
    let sentence = first_sentence(&lead.text);
    let words: Vec<&str> = sentence.split_whitespace().collect();
    const MAX: usize = 12;
    if words.len() <= MAX {
        return sentence
            .trim_end_matches(['.', '!', '?'])
            .trim()
            .to_string();
    }
    // Prefer cutting at a clause boundary between 6 and MAX words.
    let cut = (6..=MAX)
        .rev()
        .find(|&n| {
            words
                .get(n - 1)
                .is_some_and(|w| w.ends_with([',', ';', ':']))
        })
        .unwrap_or(MAX);
    let head = words.get(..cut).unwrap_or(&words).join(" ");
    format!("{}…", head.trim_end_matches([',', ';', ':']))
}

/// The first sentence: up to a `.`, `!` or `?` followed by a space and a
/// capital letter, skipping initials such as "U.S.".
fn first_sentence(text: &str) -> &str {
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in bytes.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next_is_space = bytes.get(k + 1).is_some_and(|&(_, n)| n == ' ');
        let then_upper = bytes
            .get(k + 2)
            .is_some_and(|&(_, n)| n.is_uppercase() || n == '“' || n == '"');
        // An initial: the char two back is a space/start or a dot (U.S.).
        let initial = k >= 1
            && bytes.get(k - 1).is_some_and(|&(_, p)| p.is_uppercase())
            && (k < 2 || bytes.get(k - 2).is_some_and(|&(_, p)| p == '.' || p == ' '));
        if next_is_space && then_upper && !initial {
            return text.get(..=i).unwrap_or(text);
        }
    }
    text
}

/// A cell of a flattened table: a short line, not a sentence.
fn is_cell(b: &Block) -> bool {
    b.kind != BlockKind::Table
        && word_count(&b.text) <= 8
        && b.text.chars().count() <= 60
        && !b.text.ends_with('.')
}

/// Cells that start like a figure: digits, signs, currency symbols.
fn numeric_cell(text: &str) -> bool {
    text.chars().next().is_some_and(|c| {
        c.is_ascii_digit() || matches!(c, '+' | '-' | '−' | '–' | '$' | '€' | '£' | '¥' | '%')
    })
}

/// Rebuild flattened tables: within each run of cell-like blocks, find the
/// column count and bounds for which the header has no figures, every column
/// is uniformly numeric or textual, and at least one column is numeric.
fn find_tables(blocks: Vec<Block>) -> (Vec<Block>, Vec<Table>) {
    let mut out = Vec::with_capacity(blocks.len());
    let mut tables = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let run_len = blocks
            .get(i..)
            .map_or(0, |rest| rest.iter().take_while(|b| is_cell(b)).count());
        let found = if run_len >= 6 {
            blocks.get(i..i + run_len).and_then(best_table)
        } else {
            None
        };
        match found {
            Some((lead, n, rows)) => {
                for b in blocks.iter().skip(i).take(lead) {
                    out.push(b.clone());
                }
                let cells: Vec<String> = blocks
                    .iter()
                    .skip(i + lead)
                    .take(n * rows)
                    .map(|b| b.text.to_string())
                    .collect();
                let mut chunks = cells.chunks(n).map(<[String]>::to_vec);
                let header = chunks.next().unwrap_or_default();
                let caption = out
                    .last()
                    .filter(|b: &&Block| b.kind == BlockKind::Heading)
                    .map(|b| b.text.to_string());
                tables.push(Table {
                    caption,
                    header,
                    rows: chunks.collect(),
                });
                out.push(Block {
                    kind: BlockKind::Table,
                    text: Text::default(),
                    table: u32::try_from(tables.len() - 1).ok(),
                });
                i += lead + n * rows;
                // Blocks of the run after the table go back to normal handling.
            }
            None => {
                let step = run_len.max(1);
                for b in blocks.iter().skip(i).take(step) {
                    out.push(b.clone());
                }
                i += step;
            }
        }
    }
    (out, tables)
}

/// For a run of cells, the best (leading blocks skipped, columns, rows incl. header).
fn best_table(run: &[Block]) -> Option<(usize, usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    for lead in 0..=2.min(run.len()) {
        for n in 2..=8 {
            let avail = run.len().saturating_sub(lead);
            let rows = avail / n;
            if rows < 3 || avail - rows * n > 2 {
                continue;
            }
            let cells: Vec<&str> = run
                .iter()
                .skip(lead)
                .take(rows * n)
                .map(|b| b.text.as_str())
                .collect();
            if !table_shape_ok(&cells, n) {
                continue;
            }
            // Most cells covered; then one block before the table (its
            // caption) over none over two; then a label column first.
            let covered = rows * n;
            let rank = |lead: usize, first: Option<&Block>| {
                let lead_penalty = match lead {
                    1 => 0,
                    0 => 1,
                    _ => 2,
                };
                let numeric_first = first.is_some_and(|b| numeric_cell(&b.text));
                lead_penalty + if numeric_first { 3 } else { 0 }
            };
            // First data cell of column 0.
            let here = rank(lead, run.get(lead + n));
            let better = best.is_none_or(|(bl, bn, br)| {
                let there = rank(bl, run.get(bl + bn));
                (covered, std::cmp::Reverse(here)) > (bn * br, std::cmp::Reverse(there))
            });
            if better {
                best = Some((lead, n, rows));
            }
        }
    }
    best
}

fn table_shape_ok(cells: &[&str], n: usize) -> bool {
    let header = cells.get(..n).unwrap_or(&[]);
    if header.iter().any(|c| numeric_cell(c)) {
        return false;
    }
    let data = cells.get(n..).unwrap_or(&[]);
    let mut any_numeric = false;
    for col in 0..n {
        let kinds: Vec<bool> = data
            .iter()
            .skip(col)
            .step_by(n)
            .map(|c| numeric_cell(c))
            .collect();
        let all = kinds.iter().all(|&k| k);
        let none = kinds.iter().all(|&k| !k);
        if !(all || none) {
            return false;
        }
        any_numeric |= all;
    }
    any_numeric
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_are_recognised() {
        let cases: &[(&str, bool)] = &[
            ("- Advertisement -", true),
            ("ADVERTISEMENT", true),
            ("Must read", true),
            ("Please enter your comment!", true),
            ("Sign up to our free weekly newsletter", true),
            ("Follow Jane Doe on X at @jdoe", true),
            ("Follow the money, investors say.", false),
            ("The newsletter business is booming, analysts said.", false),
            ("Alibaba shares rose.", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_furniture(line), *want, "{line:?}");
        }
    }

    #[test]
    fn tail_marker_cuts_the_rest() {
        let text = "Headline Here\n\nFirst paragraph of the story.\n\nSource link\n\nAnother thing entirely here.\n";
        let a = parse_article("x", text);
        assert_eq!(a.title, "Headline Here");
        assert_eq!(a.paragraphs(), ["First paragraph of the story."]);
    }

    #[test]
    fn teasers_at_the_end_are_dropped() {
        let text = "A story begins here and it goes on.\nIt ends properly with a full stop.\nThis teaser for another story stops in the middle of a sent\n";
        let a = parse_article("x", text);
        assert_eq!(a.blocks.len(), 2);
    }

    #[test]
    fn a_lone_paragraph_after_the_headline_is_not_a_teaser() {
        let text = "Headline Here\n\nthe only paragraph has no full stop at the end of it\n";
        let a = parse_article("x", text);
        assert_eq!(a.title, "Headline Here");
        assert_eq!(
            a.paragraphs(),
            ["the only paragraph has no full stop at the end of it"]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "This is a long line of text that has been wrapped at a\nfixed width by the program that wrote the file out to\ndisk.\n\nSecond paragraph.";
        let a = parse_article("x", text);
        assert!(a.title_derived);
        assert_eq!(a.blocks.len(), 2);
        assert!(a.blocks[0].text.contains("at a fixed width"));
    }

    #[test]
    fn indented_paragraphs_of_wrapped_text_are_found() {
        // Wire style: no blank lines, each paragraph's first line indented,
        // the text hard-wrapped at about 65 columns.
        let text = "Headline Here\n\nThe harbour authority said on Monday that new cranes would\n\
            arrive within the month, doubling what the port can handle\n\
            each day.\n    \
            Shipping agents welcomed the news but warned that roads to\n\
            the port remained congested at peak hours.\n    \
            A spokesman declined to comment.\n";
        let a = parse_article("x", text);
        let texts: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts[0].starts_with("The harbour") && texts[0].ends_with("each day."));
        assert!(texts[1].ends_with("peak hours."));
        assert_eq!(texts[2], "A spokesman declined to comment.");
        assert!(a.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
        // A short first line (a cut dateline) does not stop the joining.
        let cut = "T\n\nthe port said on Monday\n\
            that new cranes would arrive within the month, doubling what the\n\
            port can handle each day, and more were on order.\n    \
            Shipping agents welcomed the news but warned that roads to\n\
            the port remained congested at peak hours.\n";
        let c = parse_article("z", cut);
        let texts: Vec<&str> = c.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts[0].starts_with("the port said on Monday that new cranes"));
        // Every line indented (a quoted or code-like block) is not split by indentation.
        let all = parse_article("y", "T\n\n    one line here\n    two line here\n");
        assert_eq!(all.blocks.len(), 2);
    }

    #[test]
    fn derived_title_is_short() {
        let text = "Acme Corp said on Monday it would buy its rival for a sum that nobody expected, shocking the market. More text.";
        let a = parse_article("x", text);
        assert!(a.title_derived);
        assert!(a.title.ends_with('…'));
        assert!(word_count(&a.title) <= 12, "{}", a.title);
        let short = parse_article("y", "Markets rallied on Monday. Then they fell.");
        assert_eq!(short.title, "Markets rallied on Monday");
    }

    #[test]
    fn first_sentence_skips_initials() {
        assert_eq!(
            first_sentence("The U.S. Senate voted. Then"),
            "The U.S. Senate voted."
        );
    }

    #[test]
    fn flattened_table_is_rebuilt() {
        let text = "Title Of Story\n\nIntro paragraph that is long enough to be a paragraph, really.\n\nPrices\n\nItem\n\nPrice\n\nApples\n\n$1.20\n\nPears\n\n$2.00\n\nPlums\n\n+3%\n\nClosing paragraph that says something at length about fruit.\n";
        let a = parse_article("x", text);
        assert_eq!(a.tables.len(), 1);
        let t = &a.tables[0];
        assert_eq!(t.caption.as_deref(), Some("Prices"));
        assert_eq!(t.header, ["Item", "Price"]);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[2], ["Plums", "+3%"]);
        assert_eq!(
            a.blocks
                .iter()
                .filter(|b| b.kind == BlockKind::Table)
                .count(),
            1
        );
    }

    #[test]
    fn short_lines_without_figures_stay_paragraphs() {
        let text = "Story\n\nOne\n\nTwo\n\nThree\n\nFour\n\nFive\n\nSix\n\nSeven\n";
        let a = parse_article("x", text);
        assert!(a.tables.is_empty());
    }

    #[test]
    fn list_items_lose_their_markers() {
        let a = parse_article("x", "Heading Line\n\nIntro sentence that is plain.\n  • Bullish Case: growth.\n  • Bearish Case: decline.\n");
        let items: Vec<_> = a
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Item)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(items, ["Bullish Case: growth.", "Bearish Case: decline."]);
    }

    #[test]
    fn front_matter_is_read() {
        let a = parse_article(
            "x",
            "---\ntitle: My Title\nsource: Example News\ndate: 2025-02-21\n---\nBody text here.\n",
        );
        assert_eq!(a.title, "My Title");
        assert!(!a.title_derived);
        assert_eq!(a.meta.source.as_deref(), Some("Example News"));
        assert_eq!(a.paragraphs(), ["Body text here."]);
    }

    #[test]
    fn empty_input_gives_an_untitled_article() {
        let a = parse_article("x", "");
        assert_eq!(a.title, "Untitled");
        assert!(a.blocks.is_empty());
    }

    #[test]
    fn segments_cover_title_blocks_and_cells() {
        let text = "Title Of Story\n\nIntro paragraph that is long enough to be a paragraph, really.\n\nItem\n\nPrice\n\nApples\n\n$1.20\n\nPears\n\n$2.00\n";
        let a = parse_article("x", text);
        let segs = a.segments();
        assert_eq!(segs[0], (Segment::Title, "Title Of Story"));
        for (seg, text) in &segs {
            assert_eq!(a.segment_text(*seg), Some(*text));
        }
        assert!(segs
            .iter()
            .any(|(s, t)| *s == Segment::cell(0, 2, 1) && *t == "$2.00"));
    }
}
