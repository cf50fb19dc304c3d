//! Timeframe cells ("Thường xuyên", "2021", "Quý II/2021") → typed periods.

use crate::model::{Timeframe, TimeframeKind};

/// Parses a timeframe cell. The returned value has `span: None`; the caller
/// knows where the cell stands.
pub fn parse(text: &str) -> Timeframe {
    Timeframe {
        text: text.trim().to_string(),
        kind: TimeframeKind::Unknown,
        start: None,
        end: None,
        invalid: None,
        span: None,
    }
}
