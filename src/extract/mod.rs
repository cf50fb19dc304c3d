//! Stage 4, **extract**: document structure → typed records ([`crate::model`]).

pub mod date;
pub mod references;
pub mod timeframe;
pub mod units;
