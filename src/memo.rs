//! Memos for words: a text uses a few thousand distinct words over and over,
//! so work that depends on a word alone is done once per distinct word.
//!
//! Hashed with foldhash, seeded per process: several times faster than
//! SipHash on short words, and a hostile document cannot pick words that
//! collide (a fixed, unseeded hash would let it make every lookup slow).

use std::collections::HashMap;

/// A map from words.
pub(crate) type WordMap<'a, V> = HashMap<&'a str, V, foldhash::fast::RandomState>;
