//! Memos for words and cells: a text uses a few thousand distinct words
//! over and over, and a plan's table a few distinct cells, so work that
//! depends on a word or cell alone is done once per distinct one.
//!
//! Hashed with foldhash, seeded per process: several times faster than
//! SipHash on short words, and a hostile document cannot pick words that
//! collide (a fixed, unseeded hash would let it make every lookup slow).

use std::collections::HashMap;

/// A map from words.
pub(crate) type WordMap<'a, V> = HashMap<&'a str, V, foldhash::fast::RandomState>;

/// A per-thread memo of a pure function of a short text (a word, a cell):
/// kept in a `thread_local!` and read through [`remembered`].
pub(crate) type Memo<V> = std::cell::RefCell<HashMap<Box<str>, V, foldhash::fast::RandomState>>;

/// How much a [`Memo`] keeps: keys of at most `longest` bytes (longer ones
/// are computed afresh each time), and `most` entries, past which it starts
/// over, so memory stays small however many documents a thread reads.
pub(crate) struct Bounds {
    pub longest: usize,
    pub most: usize,
}

/// `compute(key)`, remembered in `memo` within `bounds`. The memo is not
/// borrowed while `compute` runs, so `compute` may use it too.
pub(crate) fn remembered<V: Clone>(
    memo: &'static std::thread::LocalKey<Memo<V>>,
    bounds: &Bounds,
    key: &str,
    compute: impl FnOnce(&str) -> V,
) -> V {
    if key.len() > bounds.longest {
        return compute(key);
    }
    if let Some(known) = memo.with_borrow(|m| m.get(key).cloned()) {
        return known;
    }
    let answer = compute(key);
    memo.with_borrow_mut(|m| {
        if m.len() >= bounds.most {
            m.clear();
        }
        m.insert(key.into(), answer.clone());
    });
    answer
}
