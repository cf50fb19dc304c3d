//! kehoach turns Vietnamese government plans into typed data.
//!
//! The pipeline has one module per stage:
//! [`ingest`] (bytes → text) → [`normalize`] (text → normalized text with an
//! offset map) → `parse` (structure) → [`extract`] (typed records,
//! [`model`]).

pub mod error;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod span;

pub use error::Error;
