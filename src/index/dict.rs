//! The term dictionary: sorted, unique terms; exact lookup and prefix ranges.

use super::Index;
use crate::text::Text;

impl Index {
    /// Term number of an exact term.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.terms
            .binary_search_by(|t| t.as_str().cmp(term))
            .ok()
            .and_then(|i| u32::try_from(i).ok())
    }
    /// Term text by number.
    pub fn term(&self, id: u32) -> &str {
        self.terms.get(id as usize).map_or("", Text::as_str)
    }
    /// Terms starting with `prefix` (sorted order).
    pub fn terms_with_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.terms.partition_point(|t| t.as_str() < prefix);
        let len = self.terms.get(start..).map_or(0, |rest| {
            rest.iter().take_while(|t| t.starts_with(prefix)).count()
        });
        start..start + len
    }
}
