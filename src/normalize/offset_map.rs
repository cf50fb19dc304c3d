//! The map from normalized offsets back to source offsets.
//!
//! Only the segments that normalization changed are stored, sorted by position;
//! between them the two texts are byte-identical, so an offset there maps by the
//! running difference in length. An offset strictly inside a changed segment
//! snaps outward: a span's start to the segment's source start, a span's end to
//! its source end, so a mapped span always covers everything it came from.

/// One changed segment: `norm_start..norm_end` in the normalized text came
/// from `src_start..src_end` in the source. Deletions have an empty normalized
/// range; nothing is ever inserted from nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Start in the normalized text (byte offset).
    pub norm_start: usize,
    /// End in the normalized text (byte offset, exclusive).
    pub norm_end: usize,
    /// Start in the source text (byte offset).
    pub src_start: usize,
    /// End in the source text (byte offset, exclusive).
    pub src_end: usize,
}

/// Sorted changed segments; see the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segments: Vec<Segment>,
}

impl OffsetMap {
    /// Appends a changed segment. Segments must come in text order.
    pub(crate) fn push(&mut self, seg: Segment) {
        debug_assert!(self.segments.last().is_none_or(|last| {
            last.norm_end <= seg.norm_start && last.src_end <= seg.src_start
        }));
        // Merge with the previous segment when they touch in both texts.
        if let Some(last) = self.segments.last_mut()
            && last.norm_end == seg.norm_start
            && last.src_end == seg.src_start
        {
            last.norm_end = seg.norm_end;
            last.src_end = seg.src_end;
            return;
        }
        self.segments.push(seg);
    }

    /// The changed segments, in text order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Whether normalization changed nothing.
    pub fn is_identity(&self) -> bool {
        self.segments.is_empty()
    }

    /// Source offset for a normalized offset used as the **start** of a span.
    pub fn start_to_source(&self, norm: usize) -> usize {
        // The last segment that starts at or before `norm`.
        let idx = self.segments.partition_point(|s| s.norm_start <= norm);
        match idx.checked_sub(1).map(|i| self.segments[i]) {
            None => norm,
            Some(s) if norm >= s.norm_end => norm - s.norm_end + s.src_end,
            Some(s) => s.src_start,
        }
    }

    /// Source offset for a normalized offset used as the **end** of a span.
    pub fn end_to_source(&self, norm: usize) -> usize {
        // The last segment that starts strictly before `norm`: one starting at
        // `norm` lies after the span.
        let idx = self.segments.partition_point(|s| s.norm_start < norm);
        match idx.checked_sub(1).map(|i| self.segments[i]) {
            None => norm,
            Some(s) if norm >= s.norm_end => norm - s.norm_end + s.src_end,
            Some(s) => s.src_end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(segs: &[(usize, usize, usize, usize)]) -> OffsetMap {
        let mut m = OffsetMap::default();
        for &(a, b, c, d) in segs {
            m.push(Segment {
                norm_start: a,
                norm_end: b,
                src_start: c,
                src_end: d,
            });
        }
        m
    }

    #[test]
    fn identity_outside_segments() {
        let m = OffsetMap::default();
        assert_eq!(m.start_to_source(7), 7);
        assert_eq!(m.end_to_source(7), 7);
    }

    #[test]
    fn replacement_shifts_later_offsets_and_snaps_inside() {
        // "a\r\nb": normalized "a\nb"; segment n 1..2 <- s 1..3.
        let m = map(&[(1, 2, 1, 3)]);
        assert_eq!(m.start_to_source(0), 0);
        assert_eq!(m.start_to_source(1), 1);
        assert_eq!(m.end_to_source(2), 3);
        assert_eq!(m.start_to_source(2), 3);
        // A 3-byte NFC result from a 4-byte source: inside snaps outward.
        let m = map(&[(0, 3, 0, 4)]);
        assert_eq!(m.start_to_source(1), 0);
        assert_eq!(m.end_to_source(1), 4);
    }

    #[test]
    fn deletions_are_excluded_from_spans_that_touch_them() {
        // "ab<ZWSP>cd" -> "abcd": deletion at n 2, s 2..5.
        let m = map(&[(2, 2, 2, 5)]);
        assert_eq!(
            m.start_to_source(2),
            5,
            "a span starting at c starts after the deleted bytes"
        );
        assert_eq!(
            m.end_to_source(2),
            2,
            "a span ending before c ends before the deleted bytes"
        );
        assert_eq!(m.end_to_source(4), 7);
    }

    #[test]
    fn touching_segments_merge() {
        let m = map(&[(0, 1, 0, 2), (1, 2, 2, 4)]);
        assert_eq!(m.segments().len(), 1);
    }
}
