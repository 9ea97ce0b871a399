//! The one split of the gold sets whose items are scored one by one (the
//! event records, the ACLED-style snippets and their tolls, the news
//! without conflict; the extraction pages and snippet pages by page id, the
//! date pages by file, the TIMEX documents by document): each item is in the
//! tune part or the frozen test part by a fixed hash of its id, so the split
//! never changes and needs no file.
//! Rules and settings are chosen on the tune part's errors; the scorers
//! print the test part's figures beside them and never its errors.

/// A part of a gold set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// Errors may be read and rules tuned on them.
    Tune,
    /// Frozen: scored, never read for tuning.
    Test,
}

impl Part {
    /// Both parts, tune first.
    pub const BOTH: [Part; 2] = [Part::Tune, Part::Test];

    /// The part of the item `id`: half of the items, by a hash of the id
    /// (FNV-1a, mixed), are test.
    pub fn of(id: &str) -> Part {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in id.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // FNV's bits are poorly mixed for ids that differ in their last
        // characters: a finaliser (splitmix64's) mixes them
        h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^= h >> 31;
        if h & 1 == 1 { Part::Test } else { Part::Tune }
    }

    /// The part of sentence `sent_id` of the Universal Dependencies
    /// treebank `bank` (`ru_gsd`): for the languages with no train file
    /// here (Russian, Persian), the tune half of their test files trains
    /// the shipped models beside their dev files, and the test half is
    /// frozen (`data/syntax/README.md`).
    pub fn of_ud_sentence(bank: &str, sent_id: &str) -> Part {
        Part::of(&format!("{bank}/{sent_id}"))
    }

    /// The sentences of a Universal Dependencies file of `bank` in this
    /// part (by [`Part::of_ud_sentence`]).
    pub fn ud_sentences(
        self,
        bank: &str,
        mut sentences: Vec<beacon_syntax::conllu::Sentence>,
    ) -> Vec<beacon_syntax::conllu::Sentence> {
        sentences
            .retain(|s| Part::of_ud_sentence(bank, s.id.as_deref().unwrap_or_default()) == self);
        sentences
    }

    /// `tune` or `test`.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Tune => "tune",
            Part::Test => "test",
        }
    }

    /// The items of `items` in this part.
    pub fn of_items<T: Clone>(self, items: &[T], id: impl Fn(&T) -> &str) -> Vec<T> {
        items
            .iter()
            .filter(|x| Part::of(id(x)) == self)
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_is_fixed_and_about_even() {
        // ids that differ only in their last characters split evenly too
        let ids: Vec<String> = (0..2000).map(|i| format!("PLOVER-GSR01-{i:04}")).collect();
        let test = ids.iter().filter(|i| Part::of(i) == Part::Test).count();
        assert!((900..1100).contains(&test), "{test} of 2000 in test");
        for prefix in ["ag-", "bbc-sport/", "PLOVER-GSR01-ASSAULT-"] {
            let n = (0..200)
                .filter(|i| Part::of(&format!("{prefix}{i}")) == Part::Test)
                .count();
            assert!((70..130).contains(&n), "{prefix}: {n} of 200 in test");
        }
        // fixed: the same id, the same part, whatever else is split
        assert_eq!(Part::of("ag-17"), Part::of("ag-17"));
        let tune = Part::Tune.of_items(&ids, |s| s.as_str());
        assert_eq!(tune.len() + test, ids.len());
    }
}
