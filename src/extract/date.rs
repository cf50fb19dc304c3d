//! Calendar dates as plans write them ("03/6/2020", "ngày 03 tháng 6 năm 2020").

use std::fmt;

/// A valid day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2020.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl Date {
    /// The date, if it exists (30/02 does not).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (1..=12).contains(&month).then_some(())?;
        (1..=days_in_month(year, month))
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// The first day of `year`.
    pub fn first_of_year(year: i32) -> Date {
        Date {
            year,
            month: 1,
            day: 1,
        }
    }

    /// The last day of `year`.
    pub fn last_of_year(year: i32) -> Date {
        Date {
            year,
            month: 12,
            day: 31,
        }
    }

    /// The first day of `month` (1–12) in `year`, if the month exists.
    pub fn first_of_month(year: i32, month: u32) -> Option<Date> {
        Date::new(year, month, 1)
    }

    /// The last day of `month` (1–12) in `year`, if the month exists.
    pub fn last_of_month(year: i32, month: u32) -> Option<Date> {
        (1..=12).contains(&month).then(|| Date {
            year,
            month,
            day: days_in_month(year, month),
        })
    }

    /// ISO 8601 `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Whether `year` is a leap year in the Gregorian calendar.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; 0 for a month that does not exist.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Parses "d/m/yyyy" (also with `-` or `.` as separator); `None` when the
/// text has another shape. Returns the raw numbers so that callers can report
/// an impossible date ("30/02/2014") instead of silently dropping it.
pub fn parse_dmy(text: &str) -> Option<(u32, u32, i32)> {
    let mut parts = text.trim().split(['/', '-', '.']);
    let d = parts.next()?.trim().parse().ok()?;
    let m = parts.next()?.trim().parse().ok()?;
    let y_text = parts.next()?.trim();
    if parts.next().is_some() || y_text.len() != 4 {
        return None;
    }
    Some((d, m, y_text.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_days_and_leap_years() {
        assert!(Date::new(2020, 2, 29).is_some());
        assert!(Date::new(2021, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2014, 2, 30).is_none());
        assert!(Date::new(2021, 13, 1).is_none());
        assert!(Date::new(2021, 4, 31).is_none());
    }

    #[test]
    fn iso_is_zero_padded() {
        assert_eq!(Date::new(2020, 6, 3).unwrap().iso(), "2020-06-03");
        assert_eq!(Date::last_of_month(2024, 2).unwrap().iso(), "2024-02-29");
    }

    #[test]
    fn parses_day_month_year() {
        assert_eq!(parse_dmy("03/6/2020"), Some((3, 6, 2020)));
        assert_eq!(parse_dmy("30/02/2014"), Some((30, 2, 2014)));
        assert_eq!(parse_dmy("6/2020"), None);
        assert_eq!(parse_dmy("03/6/20"), None);
    }
}
