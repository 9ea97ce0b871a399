//! A multiclass averaged perceptron over hashed features: the learner of
//! the tagger and of the parser.
//!
//! Training keeps, per feature, the classes it has weights for (a feature
//! is updated for few of them), each with its weight, the sum of its past
//! values and when it last changed, so that the average is computed lazily
//! (Collins 2002; Daumé's trick). The model kept for use holds, per feature,
//! the averaged weights quantised to `i16` with one scale, in an
//! open-addressing table keyed by the feature's 32-bit hash.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Features are hashes already: the learner's map uses them as they are
/// (faster than hashing them again, and its order is the same every run).
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// One class's weight of a feature, during training.
#[derive(Clone, Copy)]
struct Slot {
    class: u16,
    w: f32,
    total: f64,
    stamp: u64,
}

/// The learner.
pub struct Trainer {
    classes: usize,
    weights: HashMap<u64, Vec<Slot>, BuildHasherDefault<Prehashed>>,
    /// Examples seen so far.
    step: u64,
}

impl Trainer {
    /// A learner of `classes` classes.
    pub fn new(classes: usize) -> Self {
        Trainer {
            classes,
            weights: HashMap::default(),
            step: 0,
        }
    }

    /// Adds each feature's weights to `scores` (one per class).
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(slots) = self.weights.get(f) {
                for s in slots {
                    scores[s.class as usize] += s.w;
                }
            }
        }
    }

    /// Counts one example (call once per decision, updated or not).
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Moves the weights of `features` towards `gold` and away from `guess`.
    pub fn update(&mut self, features: &[u64], gold: usize, guess: usize) {
        if gold == guess {
            return;
        }
        self.add(features, gold, 1.0);
        self.add(features, guess, -1.0);
    }

    /// Adds `delta` to the weight of `class` for each of `features`.
    pub fn add(&mut self, features: &[u64], class: usize, delta: f32) {
        let step = self.step;
        for &f in features {
            let slots = self.weights.entry(f).or_default();
            let slot = match slots.iter_mut().position(|s| s.class as usize == class) {
                Some(i) => &mut slots[i],
                None => {
                    slots.push(Slot {
                        class: class as u16,
                        w: 0.0,
                        total: 0.0,
                        stamp: step,
                    });
                    slots.last_mut().expect("just pushed")
                }
            };
            slot.total += f64::from(slot.w) * (step - slot.stamp) as f64;
            slot.stamp = step;
            slot.w += delta;
        }
    }

    /// The averaged weights as a model, leaving out averaged weights whose
    /// magnitude is below `min`.
    pub fn averaged(&self, min: f32) -> Weights {
        let step = self.step.max(1);
        let mut table: Vec<(u32, Vec<(u16, f32)>)> = Vec::with_capacity(self.weights.len());
        let mut largest = 0f32;
        for (&f, slots) in &self.weights {
            let kept: Vec<(u16, f32)> = slots
                .iter()
                .map(|s| {
                    let total = s.total + f64::from(s.w) * (step - s.stamp) as f64;
                    (s.class, (total / step as f64) as f32)
                })
                .filter(|(_, w)| w.abs() >= min)
                .collect();
            for (_, w) in &kept {
                largest = largest.max(w.abs());
            }
            if !kept.is_empty() {
                table.push((key(f), kept));
            }
        }
        Weights::build(self.classes, table, largest)
    }

    /// How many features have weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Whether no feature has a weight yet.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

/// Averaged weights for use: compact, read-only.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    classes: usize,
    /// One multiplier turns the `i16` weights back into scores.
    scale: f32,
    /// Open addressing on the feature's key; key 0 marks a free slot.
    slots: Vec<Slot16>,
    mask: usize,
    /// The `(class, weight)` entries of features with more than
    /// [`INLINE`] and fewer than [`DENSE`], each feature's together.
    entries: Vec<(u8, i16)>,
    /// The weights of features with [`DENSE`] or more, one per class.
    dense: Vec<i16>,
}

/// Features with this many weights or more keep one for every class: they
/// are the frequent ones, read at every step, and a dense row is summed
/// without scattered writes.
const DENSE: usize = 24;

/// Entries a slot holds itself: a feature with few weights (most of the
/// rare ones, whose slots are the cache misses) costs one memory read.
const INLINE: usize = 2;

/// One slot: 16 bytes, four to a cache line.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Slot16 {
    key: u32,
    /// Where the feature's entries start in `entries` (more than [`INLINE`]).
    at: u32,
    /// How many entries.
    n: u16,
    class: [u8; INLINE],
    w: [i16; INLINE],
}

impl Slot16 {
    fn entries<'a>(&'a self, w: &'a Weights) -> impl Iterator<Item = (u8, i16)> + 'a {
        let n = self.n as usize;
        let inline = (n <= INLINE).then(|| (0..n).map(|i| (self.class[i], self.w[i])));
        let outside = (n > INLINE && n < DENSE).then(|| {
            w.entries[self.at as usize..self.at as usize + n]
                .iter()
                .copied()
        });
        let dense = (n >= DENSE).then(|| {
            let row = &w.dense[self.at as usize..self.at as usize + w.classes];
            (0..w.classes)
                .filter(|&c| row[c] != 0)
                .map(|c| (c as u8, row[c]))
        });
        inline
            .into_iter()
            .flatten()
            .chain(dense.into_iter().flatten())
            .chain(outside.into_iter().flatten())
    }
}

/// The 32-bit key of a feature hash (never 0: 0 marks a free slot); its
/// low bits place the feature in the table.
fn key(f: u64) -> u32 {
    ((f >> 32) as u32 ^ f as u32).max(1)
}

impl Weights {
    /// The table of `(key, weights)`: keys place features, so a table can
    /// be built again from another (see [`Weights::pruned`]).
    fn build(classes: usize, mut table: Vec<(u32, Vec<(u16, f32)>)>, largest: f32) -> Self {
        table.sort_unstable_by_key(|(k, _)| *k);
        let scale = if largest > 0.0 {
            largest / f32::from(i16::MAX)
        } else {
            1.0
        };
        let mut w = Weights::empty(classes, scale, table.len());
        for (k, kept) in table {
            let q: Vec<(u8, i16)> = kept
                .iter()
                .map(|&(c, x)| (c as u8, (x / scale).round() as i16))
                .collect();
            w.insert(k, &q);
        }
        w
    }

    /// A table for `features` features: slots the next power of two above
    /// 1.25 times as many, so that it is between 40 % and 80 % full. The
    /// shipped model's tables (170,000 and 618,000 features) take 25 MB so,
    /// against 45 MB at half full or less, at 9 % of the speed (EWT test,
    /// one core: 144,000 words/s against 158,000).
    fn empty(classes: usize, scale: f32, features: usize) -> Weights {
        let size = (features + features / 4).next_power_of_two().max(16);
        Weights {
            classes,
            scale,
            slots: vec![Slot16::default(); size],
            mask: size - 1,
            entries: Vec::new(),
            dense: Vec::new(),
        }
    }

    fn insert(&mut self, k: u32, entries: &[(u8, i16)]) {
        let mut slot = Slot16 {
            key: k,
            n: entries.len() as u16,
            ..Slot16::default()
        };
        if entries.len() <= INLINE {
            for (i, &(c, x)) in entries.iter().enumerate() {
                slot.class[i] = c;
                slot.w[i] = x;
            }
        } else if entries.len() < DENSE {
            slot.at = self.entries.len() as u32;
            self.entries.extend_from_slice(entries);
        } else {
            slot.at = self.dense.len() as u32;
            self.dense.resize(self.dense.len() + self.classes, 0);
            let row = &mut self.dense[slot.at as usize..];
            for &(c, x) in entries {
                row[usize::from(c)] = x;
            }
        }
        let mut i = (k as usize) & self.mask;
        while self.slots[i].key != 0 && self.slots[i].key != k {
            i = (i + 1) & self.mask;
        }
        self.slots[i] = slot;
    }

    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// The weights without those whose magnitude is below `min` times the
    /// largest (a smaller model that scores almost as well).
    pub fn pruned(&self, min: f32) -> Weights {
        let floor = (min * f32::from(i16::MAX)).round() as u16;
        let mut table = Vec::new();
        for slot in self.slots.iter().filter(|s| s.key != 0) {
            let kept: Vec<(u16, f32)> = slot
                .entries(self)
                .filter(|(_, x)| x.unsigned_abs() >= floor)
                .map(|(c, x)| (u16::from(c), f32::from(x) * self.scale))
                .collect();
            if !kept.is_empty() {
                table.push((slot.key, kept));
            }
        }
        Weights::build(self.classes, table, f32::from(i16::MAX) * self.scale)
    }

    /// Each class's score for `features` into `scores`. The first probes
    /// of every feature are read before any is looked at, so that the
    /// memory reads overlap (the table is larger than the caches nearest
    /// the core).
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        let mut acc = [0i32; 256];
        let mut first = [0u32; 128];
        for chunk in features.chunks(first.len()) {
            for (p, &f) in first.iter_mut().zip(chunk) {
                *p = self.slots[(key(f) as usize) & self.mask].key;
            }
            for (&f, &found) in chunk.iter().zip(first.iter()) {
                let k = key(f);
                let slot = if found == k {
                    &self.slots[(k as usize) & self.mask]
                } else if found == 0 {
                    continue;
                } else {
                    match self.probe(k) {
                        Some(found) => found,
                        None => continue,
                    }
                };
                let n = slot.n as usize;
                let at = slot.at as usize;
                if n <= INLINE {
                    for i in 0..n {
                        acc[usize::from(slot.class[i])] += i32::from(slot.w[i]);
                    }
                } else if n < DENSE {
                    for &(c, x) in &self.entries[at..at + n] {
                        acc[usize::from(c)] += i32::from(x);
                    }
                } else {
                    let row = &self.dense[at..at + self.classes];
                    for (a, &x) in acc.iter_mut().zip(row) {
                        *a += i32::from(x);
                    }
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(acc.iter()).take(self.classes) {
            *s = *a as f32 * self.scale;
        }
    }

    /// The slot of the feature of key `k` past its first probe.
    fn probe(&self, k: u32) -> Option<&Slot16> {
        let mut i = (k as usize) & self.mask;
        loop {
            i = (i + 1) & self.mask;
            let slot = &self.slots[i];
            if slot.key == k {
                return Some(slot);
            }
            if slot.key == 0 {
                return None;
            }
        }
    }

    /// How many features have weights.
    pub fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.key != 0).count()
    }

    /// Whether no feature has a weight.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends the weights to `out` (little-endian): classes, scale, the
    /// number of features, then per feature (in key order) its key, its
    /// entry count and its `(class, weight)` entries.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        let mut used: Vec<&Slot16> = self.slots.iter().filter(|s| s.key != 0).collect();
        used.sort_unstable_by_key(|s| s.key);
        out.extend_from_slice(&(used.len() as u32).to_le_bytes());
        for slot in used {
            let entries: Vec<(u8, i16)> = slot.entries(self).collect();
            out.extend_from_slice(&slot.key.to_le_bytes());
            out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
            for (c, x) in entries {
                out.push(c);
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
    }

    /// Reads what [`Weights::write`] wrote.
    pub fn read(r: &mut Reader<'_>) -> Result<Weights, &'static str> {
        let classes = r.u32()? as usize;
        let scale = r.f32()?;
        let used = r.u32()? as usize;
        if classes > 256 || used > 1 << 28 {
            return Err("a weight table of impossible size");
        }
        let mut w = Weights::empty(classes, scale, used);
        let mut entries = Vec::with_capacity(256);
        for _ in 0..used {
            let k = r.u32()?;
            let n = r.u16()?;
            if k == 0 {
                return Err("a weight key of 0");
            }
            entries.clear();
            for _ in 0..n {
                let c = r.u8()?;
                let x = r.i16()?;
                if usize::from(c) >= classes {
                    return Err("a weight for a class that is not");
                }
                entries.push((c, x));
            }
            w.insert(k, &entries);
        }
        Ok(w)
    }
}

/// Reads little-endian values from a model file.
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes }
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], &'static str> {
        if self.bytes.len() < n {
            return Err("the model file is cut short");
        }
        let (a, b) = self.bytes.split_at(n);
        self.bytes = b;
        Ok(a)
    }

    /// A byte.
    pub fn u8(&mut self) -> Result<u8, &'static str> {
        Ok(self.take(1)?[0])
    }

    /// A `u16`.
    pub fn u16(&mut self) -> Result<u16, &'static str> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().expect("2 bytes"),
        ))
    }

    /// An `i16`.
    pub fn i16(&mut self) -> Result<i16, &'static str> {
        Ok(i16::from_le_bytes(
            self.take(2)?.try_into().expect("2 bytes"),
        ))
    }

    /// A `u32`.
    pub fn u32(&mut self) -> Result<u32, &'static str> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    /// An `f32`.
    pub fn f32(&mut self) -> Result<f32, &'static str> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    /// A string: its length (`u32`), then UTF-8.
    pub fn str(&mut self) -> Result<&'a str, &'static str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| "a string that is not UTF-8")
    }

    /// Whether everything was read.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// Appends a string as [`Reader::str`] reads it.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}
