//! [`Text`]: article text that is either owned or read in place from the
//! blob built into the module.
//!
//! The embedded blob lives in the module's memory for the whole session, so
//! copying every paragraph out of it would hold the corpus text twice. While
//! [`crate::store::decode_static`] runs, the blob is registered here; a
//! string that postcard hands over as a slice of that blob is kept borrowed,
//! pointing into it. Anything else (files added at run time, blobs decoded
//! from a copy) is owned.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::ops::Deref;

/// A piece of article text: owned, or borrowed from the embedded blob for
/// the program's lifetime. Compares, orders and hashes as its string.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Cow<'static, str>);

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, when it is read in place from the embedded blob.
    pub fn borrowed(&self) -> Option<&'static str> {
        match self.0 {
            Cow::Borrowed(s) => Some(s),
            Cow::Owned(_) => None,
        }
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(Cow::Owned(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(Cow::Owned(s.to_owned()))
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

thread_local! {
    /// The blob being decoded in place, if any.
    static REGION: Cell<&'static [u8]> = const { Cell::new(&[]) };
}

/// Run `f` with `blob` registered: strings read from inside it are borrowed.
pub fn with_static_region<T>(blob: &'static [u8], f: impl FnOnce() -> T) -> T {
    let before = REGION.with(|r| r.replace(blob));
    let out = f();
    REGION.with(|r| r.set(before));
    out
}

/// The registered blob's copy of `s`, when `s` lies inside it.
fn in_region(s: &str) -> Option<&'static str> {
    let region = REGION.with(Cell::get);
    let start = (s.as_ptr() as usize).checked_sub(region.as_ptr() as usize)?;
    let bytes = region.get(start..start.checked_add(s.len())?)?;
    std::str::from_utf8(bytes).ok()
}

struct TextVisitor;

impl<'de> serde::de::Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Text, E> {
        Ok(Text(
            in_region(v).map_or_else(|| Cow::Owned(v.to_owned()), Cow::Borrowed),
        ))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(v.into())
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
        Ok(v.into())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_inside_the_region_are_borrowed() {
        let payload: &'static [u8] = Box::leak(
            postcard::to_allocvec(&("hello", "world"))
                .unwrap()
                .into_boxed_slice(),
        );
        let (a, b): (Text, Text) =
            with_static_region(payload, || postcard::from_bytes(payload).unwrap());
        assert_eq!(a.borrowed(), Some("hello"));
        assert_eq!(b.borrowed(), Some("world"));
        // Without the region (or from another buffer) the text is copied.
        let (c, _): (Text, Text) = postcard::from_bytes(payload).unwrap();
        assert!(c.borrowed().is_none());
        assert_eq!(c, "hello");
        let copy = payload.to_vec();
        let (d, _): (Text, Text) =
            with_static_region(payload, || postcard::from_bytes(&copy).unwrap());
        assert!(d.borrowed().is_none());
        assert_eq!(a, Text::from("hello"), "equal wherever it lives");
        assert_eq!(a.len(), 5);
    }
}
