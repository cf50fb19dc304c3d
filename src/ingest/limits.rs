//! Fixed safety limits for reading containers and markup.
//!
//! A .docx is a zip of XML files and an HTML page is markup that a parser
//! builds a tree from; both can be made small on disk and enormous or
//! endlessly deep once read. kehoach refuses such input with
//! [`Error::Limit`](crate::Error::Limit) (exit code 2) instead of running out
//! of memory or time. Every limit is far above what a real plan needs: the
//! largest plans seen (a 2.6 MB appendix of tasks) are a few megabytes of
//! XML nested a few dozen levels deep.

/// The limits one read is held to. [`Limits::DEFAULT`] is what
/// [`crate::analyze`] uses; tests use smaller ones to reach each limit with
/// small inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes one zip entry may inflate to.
    pub max_entry_bytes: u64,
    /// Most bytes all entries of a zip may inflate to, counted both from the
    /// sizes the zip declares (checked before anything is inflated) and from
    /// the bytes actually inflated.
    pub max_total_bytes: u64,
    /// Highest compression ratio (inflated bytes per compressed byte) an
    /// entry may show once it has inflated past `ratio_grace_bytes`.
    pub max_ratio: u64,
    /// How many bytes an entry may inflate to before its ratio is checked:
    /// small entries (an empty `styles.xml`) compress very well and are
    /// harmless.
    pub ratio_grace_bytes: u64,
    /// Most entries a zip may hold.
    pub max_entries: usize,
    /// Deepest element nesting allowed in the XML of a .docx.
    pub max_xml_depth: usize,
    /// Largest HTML input, in bytes.
    pub max_html_bytes: usize,
    /// Deepest element nesting allowed in an HTML page.
    pub max_html_depth: usize,
}

/// 1 MiB.
const MIB: u64 = 1024 * 1024;

impl Limits {
    /// The limits kehoach reads with: 200 MiB per zip entry, 400 MiB for all
    /// entries together, a compression ratio of 100:1 (checked after the
    /// first 1 MiB of an entry, like Apache POI's `ZipSecureFile`), 10,000
    /// zip entries, XML nesting of 256 levels, HTML of 64 MiB nested 512
    /// levels deep.
    pub const DEFAULT: Limits = Limits {
        max_entry_bytes: 200 * MIB,
        max_total_bytes: 400 * MIB,
        max_ratio: 100,
        ratio_grace_bytes: MIB,
        max_entries: 10_000,
        max_xml_depth: 256,
        max_html_bytes: 64 * 1024 * 1024,
        max_html_depth: 512,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// Bytes as a person reads them: "200 MiB", "3.5 KiB", "17 bytes".
pub(crate) fn human_bytes(n: u64) -> String {
    if n >= MIB {
        format!("{} MiB", n / MIB)
    } else if n >= 1024 {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_limits_are_the_documented_values() {
        let l = Limits::default();
        assert_eq!(l.max_entry_bytes, 200 * 1024 * 1024);
        assert_eq!(l.max_total_bytes, 400 * 1024 * 1024);
        assert_eq!(l.max_ratio, 100);
        assert_eq!(l.max_entries, 10_000);
        assert_eq!(l.max_xml_depth, 256);
        assert_eq!(l.max_html_depth, 512);
        assert_eq!(human_bytes(l.max_entry_bytes), "200 MiB");
        assert_eq!(human_bytes(2048), "2 KiB");
        assert_eq!(human_bytes(17), "17 bytes");
    }
}
