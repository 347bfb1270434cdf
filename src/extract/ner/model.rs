//! The recogniser's weights (`model.aen`, written by `tools/train_ner.py`
//! from the CRF python-crfsuite trained) and Viterbi decoding over them.
//!
//! Format: magic `AENER\0\x1a\n`, version, payload length and FNV-1a of
//! the payload (u32 little-endian each); the payload holds the labels, the
//! transition weights `[from][to]` and, per attribute, its weight for each
//! label it has one for. [`Model::read`] checks every part and refuses a
//! model that does not add up.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a for the attribute table: short keys, looked up ~40 times a token,
/// no untrusted keys chosen to collide (the table is ours).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

const MAGIC: &[u8; 8] = b"AENER\0\x1a\n";
const VERSION: u32 = 1;

/// A linear-chain CRF: labels, transitions, and state weights per attribute.
pub(crate) struct Model {
    pub labels: Vec<String>,
    /// `trans[from * n + to]`.
    trans: Vec<f32>,
    /// Attribute → range in `weights`.
    attrs: FnvMap<&'static str, (u32, u8)>,
    weights: Vec<(u8, f32)>,
}

fn fnv1a(data: &[u8]) -> u32 {
    data.iter().fold(0x811c_9dc5_u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).ok_or("length overflow")?;
        let out = self.data.get(self.at..end).ok_or("model is cut short")?;
        self.at = end;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?.first().copied().unwrap_or(0))
    }
    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([
            *b.first().unwrap_or(&0),
            *b.get(1).unwrap_or(&0),
            *b.get(2).unwrap_or(&0),
            *b.get(3).unwrap_or(&0),
        ]))
    }
    fn f32(&mut self) -> Result<f32, String> {
        let v = f32::from_bits(self.u32()?);
        if v.is_finite() {
            Ok(v)
        } else {
            Err("a weight is not finite".into())
        }
    }
    fn str(&mut self) -> Result<&'a str, String> {
        let n = usize::from(self.u8()?);
        std::str::from_utf8(self.take(n)?).map_err(|_| "a name is not UTF-8".to_string())
    }
}

impl Model {
    /// Read and check a model.
    pub(crate) fn read(data: &'static [u8]) -> Result<Model, String> {
        let mut r = Reader { data, at: 0 };
        if r.take(8)? != MAGIC {
            return Err("not an entity model (bad magic)".into());
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(format!(
                "entity model version {version}, expected {VERSION}"
            ));
        }
        let len = r.u32()? as usize;
        let sum = r.u32()?;
        let payload = data.get(r.at..).ok_or("model is cut short")?;
        if payload.len() != len || fnv1a(payload) != sum {
            return Err("entity model is corrupt (length or checksum)".into());
        }
        let n = usize::from(r.u8()?);
        if n == 0 {
            return Err("entity model has no labels".into());
        }
        let labels = (0..n)
            .map(|_| r.str().map(str::to_string))
            .collect::<Result<Vec<_>, _>>()?;
        let trans = (0..n * n).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let count = r.u32()? as usize;
        let mut attrs = FnvMap::default();
        attrs.reserve(count.min(1 << 20));
        let mut weights = Vec::new();
        for _ in 0..count {
            let name = r.str()?;
            let k = r.u8()?;
            let start = u32::try_from(weights.len()).map_err(|_| "too many weights")?;
            for _ in 0..k {
                let label = r.u8()?;
                if usize::from(label) >= n {
                    return Err("a weight names a label the model lacks".into());
                }
                weights.push((label, r.f32()?));
            }
            attrs.insert(name, (start, k));
        }
        if r.at != data.len() {
            return Err("entity model has bytes after its end".into());
        }
        Ok(Model {
            labels,
            trans,
            attrs,
            weights,
        })
    }

    pub(crate) fn label_count(&self) -> usize {
        self.labels.len()
    }

    /// Add an attribute's weights to a token's label scores.
    pub(crate) fn add(&self, attr: &str, scores: &mut [f32]) {
        if let Some(&(start, k)) = self.attrs.get(attr) {
            let range = start as usize..start as usize + usize::from(k);
            for &(label, w) in self.weights.get(range).unwrap_or(&[]) {
                if let Some(s) = scores.get_mut(usize::from(label)) {
                    *s += w;
                }
            }
        }
    }

    /// The best label sequence for per-token label scores (`n` per token).
    pub(crate) fn viterbi(&self, scores: &[f32]) -> Vec<usize> {
        let n = self.labels.len();
        let t = scores.len() / n;
        if t == 0 {
            return Vec::new();
        }
        let mut delta: Vec<f32> = scores.get(..n).map(<[f32]>::to_vec).unwrap_or_default();
        let mut back: Vec<u8> = vec![0; t * n];
        for step in 1..t {
            let mut next = vec![f32::NEG_INFINITY; n];
            for (to, slot) in next.iter_mut().enumerate() {
                let (mut best, mut arg) = (f32::NEG_INFINITY, 0usize);
                for (from, d) in delta.iter().enumerate() {
                    let v = d + self.trans.get(from * n + to).copied().unwrap_or(0.0);
                    if v > best {
                        best = v;
                        arg = from;
                    }
                }
                *slot = best + scores.get(step * n + to).copied().unwrap_or(0.0);
                if let Some(b) = back.get_mut(step * n + to) {
                    *b = u8::try_from(arg).unwrap_or(0);
                }
            }
            delta = next;
        }
        let mut last = delta
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map_or(0, |(i, _)| i);
        let mut path = vec![0; t];
        for step in (0..t).rev() {
            if let Some(p) = path.get_mut(step) {
                *p = last;
            }
            if step > 0 {
                last = usize::from(back.get(step * n + last).copied().unwrap_or(0));
            }
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model_bytes(labels: &[&str], trans: &[f32], attrs: &[(&str, &[(u8, f32)])]) -> Vec<u8> {
        let mut p = vec![labels.len() as u8];
        for l in labels {
            p.push(l.len() as u8);
            p.extend(l.as_bytes());
        }
        for t in trans {
            p.extend(t.to_le_bytes());
        }
        p.extend((attrs.len() as u32).to_le_bytes());
        for (a, ws) in attrs {
            p.push(a.len() as u8);
            p.extend(a.as_bytes());
            p.push(ws.len() as u8);
            for (l, w) in *ws {
                p.push(*l);
                p.extend(w.to_le_bytes());
            }
        }
        let mut out = MAGIC.to_vec();
        out.extend(VERSION.to_le_bytes());
        out.extend((p.len() as u32).to_le_bytes());
        out.extend(fnv1a(&p).to_le_bytes());
        out.extend(p);
        out
    }

    #[test]
    fn viterbi_follows_transitions() {
        // Two labels; staying costs nothing, switching costs 5.
        // Two labels; switching costs 1 each way.
        let attrs: &[(&str, &[(u8, f32)])] = &[("o", &[(0, 2.0)]), ("x", &[(1, 1.0)])];
        let bytes = model_bytes(&["O", "X"], &[0.0, -1.0, -1.0, 0.0], attrs);
        let m = Model::read(Box::leak(bytes.into_boxed_slice())).unwrap();
        let mut scores = vec![0.0; 6];
        m.add("o", &mut scores[0..2]);
        m.add("o", &mut scores[4..6]);
        m.add("x", &mut scores[2..4]);
        // One weak X in the middle is not worth two switches (OOO 4, OXO 3).
        assert_eq!(m.viterbi(&scores), [0, 0, 0]);
        for _ in 0..3 {
            m.add("x", &mut scores[2..4]);
        }
        // Now it is (OXO 6, OOO 4, XXX 4).
        assert_eq!(m.viterbi(&scores), [0, 1, 0]);
        m.add("unknown", &mut scores[0..2]);
        assert!(m.viterbi(&[]).is_empty());
    }

    #[test]
    fn every_corruption_is_refused() {
        let bytes = model_bytes(&["O"], &[0.0], &[("b", &[(0, 1.0)])]);
        assert!(Model::read(Box::leak(bytes.clone().into_boxed_slice())).is_ok());
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x40;
            assert!(
                Model::read(Box::leak(bad.into_boxed_slice())).is_err(),
                "byte {i}"
            );
        }
        for cut in 0..bytes.len() {
            let short = bytes[..cut].to_vec();
            assert!(
                Model::read(Box::leak(short.into_boxed_slice())).is_err(),
                "cut {cut}"
            );
        }
    }
}
