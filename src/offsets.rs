//! Text offsets: HTML escaping, and byte ↔ UTF-16 conversion (the core
//! works in bytes of a segment's text; JavaScript indexes strings in UTF-16
//! code units, so every range the page sees is converted here).

/// Escape text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Convert a byte range of `text` into UTF-16 code units.
pub fn utf16_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut cursor = Utf16Cursor::new(text);
    let s = cursor.units_at(start);
    (s, cursor.units_at(end))
}

/// Byte offsets of one text turned into UTF-16 code units by walking
/// forward: offsets asked in increasing order cost one pass over the text
/// in all (a paragraph with many matches stays linear).
#[derive(Debug, Clone)]
pub struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    units: usize,
}

impl<'a> Utf16Cursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Utf16Cursor {
            text,
            byte: 0,
            units: 0,
        }
    }

    /// UTF-16 code units before byte `at` (clamped to the text; an offset
    /// inside a character counts the whole character). An offset before the
    /// last one asked starts again from the beginning.
    pub fn units_at(&mut self, at: usize) -> usize {
        if at < self.byte {
            *self = Utf16Cursor::new(self.text);
        }
        let at = at.min(self.text.len());
        if let Some(rest) = self.text.get(self.byte..) {
            for (i, c) in rest.char_indices() {
                if self.byte + i >= at {
                    break;
                }
                self.units += c.len_utf16();
            }
        }
        self.byte = at;
        self.units
    }
}

/// Byte offsets of one text turned into UTF-16 code units in any order: a
/// mark every [`Utf16Index::STEP`] bytes, so a lookup walks at most about
/// one step (many facts of one long paragraph, asked out of order, stay
/// linear). An ASCII text needs no marks: its bytes are its code units.
#[derive(Debug, Clone)]
pub struct Utf16Index<'a> {
    text: &'a str,
    /// For each STEP bytes: (byte, units) at the first character boundary
    /// at or after its start. Empty for an ASCII text.
    marks: Vec<(usize, usize)>,
}

impl<'a> Utf16Index<'a> {
    /// Bytes between marks.
    pub const STEP: usize = 256;

    /// The marks of `text` (one pass).
    pub fn new(text: &'a str) -> Self {
        let mut marks = Vec::new();
        if !text.is_ascii() {
            marks.reserve(text.len() / Self::STEP + 1);
            let mut units = 0;
            for (i, c) in text.char_indices() {
                while marks.len() * Self::STEP <= i {
                    marks.push((i, units));
                }
                units += c.len_utf16();
            }
            while marks.len() * Self::STEP <= text.len() {
                marks.push((text.len(), units));
            }
        }
        Utf16Index { text, marks }
    }

    /// UTF-16 code units before byte `at`, as [`Utf16Cursor::units_at`]
    /// counts them (clamped; an offset inside a character counts it).
    pub fn units_at(&self, at: usize) -> usize {
        let at = at.min(self.text.len());
        if self.marks.is_empty() {
            return at;
        }
        // The last mark at or before `at` (a character starting before a
        // step's start pushes that step's mark past it).
        let mut k = (at / Self::STEP).min(self.marks.len() - 1);
        while k > 0 && self.marks.get(k).is_some_and(|&(b, _)| b > at) {
            k -= 1;
        }
        let (byte, mut units) = self.marks.get(k).copied().unwrap_or((0, 0));
        if let Some(rest) = self.text.get(byte..) {
            for (i, c) in rest.char_indices() {
                if byte + i >= at {
                    break;
                }
                units += c.len_utf16();
            }
        }
        units
    }
}

/// Convert a UTF-16 range of `text` into bytes (`None` when it falls
/// outside the text or inside a character).
pub fn byte_range(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if start > end {
        return None;
    }
    let mut units = 0;
    let (mut bs, mut be) = (None, None);
    for (i, c) in text.char_indices() {
        if units == start {
            bs = Some(i);
        }
        if units == end {
            be = Some(i);
        }
        units += c.len_utf16();
    }
    if units == start {
        bs = Some(text.len());
    }
    if units == end {
        be = Some(text.len());
    }
    Some((bs?, be?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_table() {
        let cases = [
            ("plain", "plain"),
            ("<script>", "&lt;script&gt;"),
            ("a & b", "a &amp; b"),
            ("\"'", "&quot;&#39;"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(escape(input), want);
        }
    }

    #[test]
    fn byte_ranges_from_utf16() {
        let text = "“é” 🙂 x";
        assert_eq!(byte_range(text, 0, 1), Some((0, 3)));
        let x = text.find('x').unwrap();
        assert_eq!(byte_range(text, 7, 8), Some((x, x + 1)));
        assert_eq!(byte_range(text, 5, 6), None); // inside the emoji's surrogate pair
        assert_eq!(byte_range(text, 8, 99), None);
        assert_eq!(byte_range(text, 2, 1), None);
    }

    #[test]
    fn utf16_offsets() {
        let text = "“é” 🙂 x";
        let x = text.find('x').unwrap();
        assert_eq!(utf16_range(text, x, x + 1), (7, 8));
        assert_eq!(utf16_range(text, 0, 3), (0, 1));
        assert_eq!(utf16_range(text, 0, 999), (0, 8));
    }

    #[test]
    fn the_index_agrees_with_counting_from_the_start() {
        let long = format!("{}é{}🙂x", "a".repeat(300), "日本".repeat(200));
        for text in ["", "plain ascii", "a “é” 🙂 bc 日本 x", long.as_str()] {
            let index = Utf16Index::new(text);
            let count = |to: usize| {
                let mut c = Utf16Cursor::new(text);
                c.units_at(to)
            };
            // Every byte offset (inside characters too) and past the end, backwards.
            for b in (0..text.len() + 3).rev() {
                assert_eq!(index.units_at(b), count(b), "{text:?} at {b}");
            }
        }
    }

    #[test]
    fn the_cursor_agrees_with_counting_from_the_start() {
        let text = "a “é” 🙂 bc 日本 x";
        let mut cursor = Utf16Cursor::new(text);
        let count = |to: usize| text.get(..to).map_or(0, |s| s.encode_utf16().count());
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for &b in &bounds {
            assert_eq!(cursor.units_at(b), count(b), "at {b}");
        }
        // Backwards starts again.
        assert_eq!(cursor.units_at(0), 0);
        assert_eq!(cursor.units_at(bounds[3]), count(bounds[3]));
    }
}
