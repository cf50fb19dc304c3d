//! Timeframe cells ("Thường xuyên", "2021", "Quý II/2021") → typed periods.
//!
//! Matching runs on the folding key ([`fold`]), so case and tone style never
//! matter; en and em dashes count as "-", and trailing ".", ",", ";" and
//! spaces are ignored. The forms understood:
//!
//! | kind | forms |
//! |---|---|
//! | ongoing | "Thường xuyên", "Thực hiện thường xuyên", "Nhiệm vụ thường xuyên", "Thường xuyên, liên tục" |
//! | year | "2021", "Năm 2021", "Trong năm 2021" |
//! | year_range | "2020-2025", "2021 – 2025", "Giai đoạn 2021-2025", "Từ năm 2021 đến năm 2025"; open-ended: "2025 và những năm tiếp theo", "Từ năm 2025" (end null) |
//! | quarter | "Quý II/2021", "Quý 2/2021", "Quý II năm 2021", "Quý III, IV/2026" |
//! | month | "Tháng 6/2021", "Tháng 6 năm 2021", "6/2025" |
//! | date | "Ngày 30/6/2021", "30/6/2021", "Ngày 30 tháng 6 năm 2021" |
//! | deadline | "Trước ngày 30/6/2021", "Chậm nhất ngày …", "Hoàn thành trước …"; before a month, quarter or year the deadline is the day before it starts |
//! | annual | "Hằng năm", "Hàng năm", "Định kỳ hằng năm", "Hằng năm, trước ngày 15/12" |
//!
//! "Hoàn thành", "Xong", "Thực hiện", "Triển khai" and "Trong" may precede
//! the year, range, quarter, month and date forms ("Xong trong tháng 5/2026").
//! Years outside 1900..=2200 are not years, so "20201" is unknown. A
//! recognised form that names a period that cannot exist (month 13, quarter
//! V, quarters out of order, 30/02, a range that ends before it starts)
//! keeps its kind, has no dates, and says why in `invalid`.

use crate::extract::date::{Date, parse_dmy, parse_dmy_long};
use crate::memo;
use crate::model::{Timeframe, TimeframeKind};
use crate::normalize::fold::fold;
use regex::Regex;
use std::ops::RangeInclusive;
use std::sync::LazyLock;

/// The years a timeframe may name.
const YEARS: RangeInclusive<i32> = 1900..=2200;

/// Compiles a pattern known to be valid.
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

static ONGOING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:thuc hien|nhiem vu|lam) )?(?:thuong xuyen(?:,? lien tuc)?|lien tuc,? thuong xuyen)$",
    )
});
static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:hoan thanh|xong|thuc hien|bao cao|trinh) )?(?:truoc|cham nhat(?: la)?|khong muon hon|khong cham hon|khong qua|han chot(?: la)?)(?: vao)? (.+)$",
    )
});
static PREFIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:(?:hoan thanh|xong|thuc hien|trien khai) )?(?:trong )?(.+)$"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:nam )?(\d{4})$"));
static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:giai doan )?(?:tu )?(?:nam )?(\d{4}) ?(?:-| den(?: nam)?) ?(\d{4})$")
});
static OPEN_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:bat dau )?tu (?:nam )?(\d{4})(?: tro di| tro ve sau| ve sau)?|(?:nam )?(\d{4}),?(?: (?:va|den) (?:nhung|cac) nam (?:tiep theo|sau)| tro di| tro ve sau))$",
    )
});
static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^quy ((?:[ivx]+|\d+)(?: ?(?:,|-|va|den) ?(?:quy )?(?:[ivx]+|\d+))*) ?(?:/|nam ) ?(\d{4})$")
});
static QUARTER_TOKEN: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:[ivx]+|\d+)\b"));
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:thang (\d{1,2})(?: ?[/.-] ?| nam )|(\d{1,2}) ?/ ?)(\d{4})$"));
static DAY: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:ngay )?(\d{1,2} ?[/.-] ?\d{1,2} ?[/.-] ?\d{4})$"));
static ANNUAL: LazyLock<Regex> = LazyLock::new(|| re(r"\bhang nam\b"));

/// The cells [`parse`] remembers per thread.
const PARSE_BOUNDS: memo::Bounds = memo::Bounds {
    longest: 256,
    most: 4096,
};

thread_local! {
    /// Cells already parsed: a plan's timeframe column repeats a few texts
    /// ("Thường xuyên", "2021", "2021-2025") down hundreds of rows, and
    /// each parse runs several regexes over the folded text.
    static PARSED: memo::Memo<Timeframe> = memo::Memo::default();
}

/// Parses a timeframe cell. The returned value has `span: None`; the caller
/// knows where the cell stands.
pub fn parse(text: &str) -> Timeframe {
    memo::remembered(&PARSED, &PARSE_BOUNDS, text.trim(), parse_trimmed)
}

/// [`parse`] of a trimmed cell, without the memo.
fn parse_trimmed(text: &str) -> Timeframe {
    let (kind, period) = classify(&key(text));
    let (start, end, invalid) = match period {
        Ok((start, end)) => (start.map(Date::iso), end.map(Date::iso), None),
        Err(reason) => (None, None, Some(reason)),
    };
    Timeframe {
        text: text.to_string(),
        kind,
        start,
        end,
        invalid,
        span: None,
        merged_from: None,
    }
}

/// First and last day, each when known; or why the period cannot exist.
type Period = Result<(Option<Date>, Option<Date>), String>;

/// First and last day of a closed period; or why it cannot exist.
type Closed = Result<(Date, Date), String>;

/// The matching key: folded, dashes unified, trailing punctuation dropped.
fn key(text: &str) -> String {
    let folded: String = fold(text)
        .chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect();
    folded
        .trim_end_matches(|c: char| c == '.' || c == ',' || c == ';' || c.is_whitespace())
        .to_string()
}

/// The kind and period of a matching key.
fn classify(key: &str) -> (TimeframeKind, Period) {
    const NONE: Period = Ok((None, None));
    if key.is_empty() {
        return (TimeframeKind::Unknown, NONE);
    }
    if ONGOING.is_match(key) {
        return (TimeframeKind::Ongoing, NONE);
    }
    if let Some(caps) = DEADLINE.captures(key)
        && let Some(deadline) = deadline(&caps[1])
    {
        return (TimeframeKind::Deadline, deadline);
    }
    if let Some(caps) = PREFIX.captures(key)
        && let Some((kind, period)) = core(&caps[1])
    {
        return (kind, period.map(|(first, last)| (Some(first), Some(last))));
    }
    if let Some(caps) = OPEN_RANGE.captures(key)
        && let Some(year) = caps.get(1).or(caps.get(2)).and_then(|m| year(m.as_str()))
    {
        return (
            TimeframeKind::YearRange,
            Ok((Some(Date::first_of_year(year)), None)),
        );
    }
    if ANNUAL.is_match(key) {
        return (TimeframeKind::Annual, NONE);
    }
    if let Some(caps) = RECURRING.captures(key) {
        let start = caps
            .name("from")
            .and_then(|m| year(m.as_str()))
            .map(Date::first_of_year);
        return (TimeframeKind::Recurring, Ok((start, None)));
    }
    if RELATIVE.is_match(key) {
        return (TimeframeKind::Relative, NONE);
    }
    if STATUS.is_match(key) {
        return (TimeframeKind::Status, NONE);
    }
    (TimeframeKind::Unknown, NONE)
}

/// "Định kỳ 2 năm/lần", "2 năm một lần", "định kỳ 6 tháng", with an optional
/// "bắt đầu từ năm 2024".
static RECURRING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:dinh ky\s+)?\d{1,2}\s+(?:nam|thang|quy)\s*(?:/\s*lan|mot lan|1 lan)?(?:\s*,?\s*(?:bat dau )?tu (?:nam )?(?P<from>\d{4}))?$|^dinh ky\b.*?(?:tu (?:nam )?(?P<from2>\d{4}))?$")
        .expect("valid regex")
});
/// "Trong 06 tháng kể từ khi …", "Sau 3 tháng kể từ ngày …".
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:trong|sau|truoc)?\s*(?:vong\s+)?\d{1,3}\s+(?:ngay|thang|nam|tuan)\b.*\bke tu\b",
    )
    .expect("valid regex")
});
/// "Đã hoàn thành", "Đang thực hiện", "Hoàn thành": a status.
static STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:da hoan thanh|dang thuc hien|dang trien khai|hoan thanh|chua thuc hien|da thuc hien)$").expect("valid regex")
});

/// The deadline set by what follows "Trước": the day itself for a date, the
/// day before it starts for a month, quarter or year. `None` when the rest is
/// not one of those.
fn deadline(rest: &str) -> Option<Period> {
    let (kind, period) = core(rest)?;
    let end = match kind {
        TimeframeKind::Date => period.map(|(_, last)| last),
        TimeframeKind::Month | TimeframeKind::Quarter | TimeframeKind::Year => {
            period.map(|(first, _)| first.previous_day())
        }
        _ => return None,
    };
    Some(end.map(|end| (None, Some(end))))
}

/// A year, if it is one (four digits, within [`YEARS`]).
fn year(text: &str) -> Option<i32> {
    text.parse().ok().filter(|y| YEARS.contains(y))
}

/// A period with both ends known: year, range, quarter, month or day.
fn core(s: &str) -> Option<(TimeframeKind, Closed)> {
    if let Some(caps) = YEAR.captures(s) {
        let y = year(&caps[1])?;
        return Some((
            TimeframeKind::Year,
            Ok((Date::first_of_year(y), Date::last_of_year(y))),
        ));
    }
    if let Some(caps) = YEAR_RANGE.captures(s) {
        let (a, b) = (year(&caps[1])?, year(&caps[2])?);
        let period = if b < a {
            Err("range ends before it starts".to_string())
        } else {
            Ok((Date::first_of_year(a), Date::last_of_year(b)))
        };
        return Some((TimeframeKind::YearRange, period));
    }
    if let Some(caps) = QUARTER.captures(s) {
        let y = year(&caps[2])?;
        return Some((TimeframeKind::Quarter, quarters(&caps[1], y)));
    }
    if let Some(caps) = MONTH.captures(s) {
        let y = year(&caps[3])?;
        let m: u32 = caps.get(1).or(caps.get(2))?.as_str().parse().ok()?;
        let period = match (Date::first_of_month(y, m), Date::last_of_month(y, m)) {
            (Some(first), Some(last)) => Ok((first, last)),
            _ => Err(format!("month {m} does not exist")),
        };
        return Some((TimeframeKind::Month, period));
    }
    let (d, m, y) = match DAY.captures(s) {
        Some(caps) => parse_dmy(&caps[1])?,
        None => parse_dmy_long(s)?,
    };
    YEARS.contains(&y).then_some(())?;
    Some((
        TimeframeKind::Date,
        Date::from_dmy(d, m, y).map(|day| (day, day)),
    ))
}

/// The period from the first to the last of the quarters listed ("iii, iv").
fn quarters(list: &str, year: i32) -> Closed {
    let mut numbers = Vec::new();
    for token in QUARTER_TOKEN.find_iter(list).map(|m| m.as_str()) {
        let n = match token {
            "i" | "1" => 1,
            "ii" | "2" => 2,
            "iii" | "3" => 3,
            "iv" | "4" => 4,
            _ => {
                return Err(format!(
                    "quarter {} does not exist",
                    token.to_ascii_uppercase()
                ));
            }
        };
        numbers.push(n);
    }
    if numbers.windows(2).any(|w| w[1] <= w[0]) {
        return Err("quarters out of order".to_string());
    }
    let (Some(&first), Some(&last)) = (numbers.first(), numbers.last()) else {
        return Err("no quarter given".to_string());
    };
    let start = Date::first_of_month(year, first * 3 - 2);
    let end = Date::last_of_month(year, last * 3);
    start.zip(end).ok_or_else(|| "no quarter given".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../../fixtures/timeframes.tsv");

    fn kind_name(kind: TimeframeKind) -> String {
        serde_json::to_value(kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    #[test]
    fn a_remembered_cell_gives_what_a_fresh_parse_gives() {
        let cells: Vec<String> = FIXTURE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .map(|c| format!(" {c} "))
            .chain(["x".repeat(PARSE_BOUNDS.longest + 1)])
            .collect();
        // Twice: the first pass fills the memo, the second reads it.
        for _ in 0..2 {
            for cell in &cells {
                assert_eq!(parse(cell), parse_trimmed(cell.trim()), "{cell:?}");
            }
        }
        // Bounded: past `most` distinct cells the memo starts over.
        for n in 0..=PARSE_BOUNDS.most {
            parse(&format!("năm {}", 1900 + n % 300));
            parse(&format!("cell {n}"));
        }
        assert!(PARSED.with_borrow(|p| p.len()) <= PARSE_BOUNDS.most);
    }

    #[test]
    fn every_fixture_row_parses_as_listed() {
        let mut rows = 0;
        let mut mismatches = Vec::new();
        for (n, line) in FIXTURE.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "line {}: want 5 columns: {line:?}", n + 1);
            rows += 1;
            let got = parse(cols[0]);
            let got_row = [
                got.text.clone(),
                kind_name(got.kind),
                got.start.clone().unwrap_or_else(|| "-".into()),
                got.end.clone().unwrap_or_else(|| "-".into()),
                got.invalid.clone().unwrap_or_else(|| "-".into()),
            ];
            let want_row = [cols[0].trim(), cols[1], cols[2], cols[3], cols[4]];
            if got_row != want_row {
                mismatches.push(format!(
                    "line {}: {:?}\n   want {:?}\n    got {:?}",
                    n + 1,
                    cols[0],
                    want_row,
                    got_row
                ));
            }
        }
        assert!(rows >= 40, "fixture has only {rows} rows");
        assert!(
            mismatches.is_empty(),
            "{} of {rows} rows differ:\n{}",
            mismatches.len(),
            mismatches.join("\n")
        );
    }

    fn dates(
        text: &str,
    ) -> (
        TimeframeKind,
        Option<String>,
        Option<String>,
        Option<String>,
    ) {
        let t = parse(text);
        (t.kind, t.start, t.end, t.invalid)
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn leap_year_february_ends_on_the_29th() {
        use TimeframeKind::*;
        assert_eq!(
            dates("Tháng 2/2024"),
            (Month, s("2024-02-01"), s("2024-02-29"), None)
        );
        assert_eq!(
            dates("Tháng 2/2023"),
            (Month, s("2023-02-01"), s("2023-02-28"), None)
        );
        assert_eq!(
            dates("Tháng 2/1900"),
            (Month, s("1900-02-01"), s("1900-02-28"), None)
        );
        assert_eq!(
            dates("Tháng 2/2000"),
            (Month, s("2000-02-01"), s("2000-02-29"), None)
        );
        assert_eq!(
            dates("Trước tháng 3/2024"),
            (Deadline, None, s("2024-02-29"), None)
        );
        assert_eq!(
            dates("29/02/2024"),
            (Date, s("2024-02-29"), s("2024-02-29"), None)
        );
        assert_eq!(
            dates("29/02/2023"),
            (Date, None, None, s("February 2023 has no day 29"))
        );
        assert_eq!(
            dates("Quý I/2024"),
            (Quarter, s("2024-01-01"), s("2024-03-31"), None)
        );
    }

    #[test]
    fn dashes_of_every_width_make_a_range() {
        for text in [
            "2021–2025",
            "2021 – 2025",
            "2021—2025",
            "2021 - 2025",
            "2021-2025",
        ] {
            assert_eq!(
                dates(text),
                (
                    TimeframeKind::YearRange,
                    s("2021-01-01"),
                    s("2025-12-31"),
                    None
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn trailing_dots_and_spaces_are_ignored_but_text_is_kept() {
        let t = parse("  Quý II/2021.  ");
        assert_eq!(t.text, "Quý II/2021.");
        assert_eq!(t.kind, TimeframeKind::Quarter);
        assert_eq!(t.end, s("2021-06-30"));
        assert_eq!(parse("Thường   xuyên ..").kind, TimeframeKind::Ongoing);
        assert_eq!(parse("2021;").kind, TimeframeKind::Year);
        assert_eq!(parse("Năm  2021 ").start, s("2021-01-01"));
    }

    #[test]
    fn case_and_tone_style_do_not_matter() {
        for text in [
            "thường xuyên",
            "THƯỜNG XUYÊN",
            "Thuong xuyen",
            "Thường Xuyên",
        ] {
            assert_eq!(parse(text).kind, TimeframeKind::Ongoing, "{text}");
        }
        assert_eq!(parse("QUÝ II/2021").kind, TimeframeKind::Quarter);
        assert_eq!(parse("Hằng Năm").kind, TimeframeKind::Annual);
        assert_eq!(parse("TRƯỚC NGÀY 30/6/2021").end, s("2021-06-30"));
        assert_eq!(parse("Truoc ngay 30/6/2021").end, s("2021-06-30"));
    }

    #[test]
    fn deadlines_before_january_end_the_year_before() {
        assert_eq!(parse("Trước tháng 1/2022").end, s("2021-12-31"));
        assert_eq!(parse("Trước quý I/2022").end, s("2021-12-31"));
        assert_eq!(parse("Trước năm 2022").end, s("2021-12-31"));
    }

    #[test]
    fn empty_and_odd_cells_are_unknown() {
        for text in [
            "",
            "   ",
            "-",
            "/",
            "Quý",
            "Tháng",
            "Trước",
            "0/0/0",
            "99/99/9999",
        ] {
            let t = parse(text);
            assert_eq!(t.kind, TimeframeKind::Unknown, "{text:?}");
            assert_eq!(t.text, text.trim());
            assert_eq!((t.start, t.end, t.invalid), (None, None, None));
        }
        let long = "Quý II, ".repeat(5000) + "/2021";
        assert_eq!(parse(&long).kind, TimeframeKind::Unknown);
        let long = "1".repeat(10_000);
        assert_eq!(parse(&long).kind, TimeframeKind::Unknown);
    }
}
