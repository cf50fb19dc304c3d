//! Calendar dates as plans write them ("03/6/2020", "ngày 03 tháng 6 năm 2020").

use crate::normalize::fold::fold;
use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

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

    /// The date, or a short English reason why it does not exist
    /// ("month 13 does not exist", "February 2021 has no day 30").
    pub fn from_dmy(day: u32, month: u32, year: i32) -> Result<Date, String> {
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} does not exist"));
        }
        Date::new(year, month, day).ok_or_else(|| {
            format!(
                "{} {year} has no day {day}",
                MONTH_NAMES[month as usize - 1]
            )
        })
    }

    /// The day before this one.
    pub fn previous_day(self) -> Date {
        if self.day > 1 {
            Date {
                day: self.day - 1,
                ..self
            }
        } else if self.month > 1 {
            Date {
                year: self.year,
                month: self.month - 1,
                day: days_in_month(self.year, self.month - 1),
            }
        } else {
            Date::last_of_year(self.year - 1)
        }
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

/// English month names, for messages.
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

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

/// "03 tháng 6 năm 2020", optionally after "ngày", in any case or tone style.
static LONG_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:ngay )?(\d{1,2}) thang (\d{1,2}) nam (\d{4})$").expect("valid regex")
});

/// Parses the long form "03 tháng 6 năm 2020" (also "ngày 03 tháng 6 năm
/// 2020"); `None` when the text has another shape. Like [`parse_dmy`] it
/// returns the raw numbers, which need not make a date.
pub fn parse_dmy_long(text: &str) -> Option<(u32, u32, i32)> {
    let folded = fold(text);
    let caps = LONG_DMY.captures(&folded)?;
    Some((
        caps[1].parse().ok()?,
        caps[2].parse().ok()?,
        caps[3].parse().ok()?,
    ))
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

    #[test]
    fn parses_the_long_form() {
        assert_eq!(parse_dmy_long("03 tháng 6 năm 2020"), Some((3, 6, 2020)));
        assert_eq!(
            parse_dmy_long("ngày 03 tháng 6 năm 2020"),
            Some((3, 6, 2020))
        );
        assert_eq!(
            parse_dmy_long("Ngày  30 THÁNG 02 NĂM 2014"),
            Some((30, 2, 2014))
        );
        assert_eq!(parse_dmy_long("03/6/2020"), None);
        assert_eq!(parse_dmy_long("tháng 6 năm 2020"), None);
    }

    #[test]
    fn explains_impossible_dates() {
        assert_eq!(
            Date::from_dmy(3, 6, 2020),
            Ok(Date::new(2020, 6, 3).unwrap())
        );
        assert_eq!(
            Date::from_dmy(1, 13, 2021),
            Err("month 13 does not exist".to_string())
        );
        assert_eq!(
            Date::from_dmy(30, 2, 2021),
            Err("February 2021 has no day 30".to_string())
        );
        assert_eq!(
            Date::from_dmy(0, 4, 2021),
            Err("April 2021 has no day 0".to_string())
        );
    }

    #[test]
    fn steps_back_one_day() {
        let prev = |y, m, d| Date::new(y, m, d).unwrap().previous_day().iso();
        assert_eq!(prev(2021, 6, 1), "2021-05-31");
        assert_eq!(prev(2024, 3, 1), "2024-02-29");
        assert_eq!(prev(2023, 3, 1), "2023-02-28");
        assert_eq!(prev(2021, 1, 1), "2020-12-31");
        assert_eq!(prev(2021, 6, 15), "2021-06-14");
    }
}
