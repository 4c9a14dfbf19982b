//! Writing a date the many ways publishers do.

use super::rng::Rng;
use crate::loader::date::{days_from_civil, days_in_month};

const MONTHS: [&str; 12] = [
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
const WEEKDAYS: [&str; 7] = [
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    pub fn random(rng: &mut Rng, from_year: i32, to_year: i32) -> Day {
        let year = rng.range(i64::from(from_year), i64::from(to_year)) as i32;
        let month = rng.range(1, 12) as u8;
        let day = rng.range(1, i64::from(days_in_month(year, month))) as u8;
        Day { year, month, day }
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub fn month_name(self) -> &'static str {
        MONTHS[usize::from(self.month - 1)]
    }

    /// "Mar." / "Mar" / "Sept." abbreviations as wires write them.
    pub fn month_abbrev(self, dot: bool) -> String {
        let name = self.month_name();
        if name.len() <= 4 {
            return name.to_string();
        }
        let short = if self.month == 9 { "Sept" } else { &name[..3] };
        if dot {
            format!("{short}.")
        } else {
            short.to_string()
        }
    }

    pub fn weekday(self) -> &'static str {
        let days = days_from_civil(self.year, self.month, self.day);
        WEEKDAYS[days.rem_euclid(7) as usize]
    }

    /// "March 14, 2016"
    pub fn mdy(self) -> String {
        format!("{} {}, {}", self.month_name(), self.day, self.year)
    }

    /// "14 March 2016"
    pub fn dmy(self) -> String {
        format!("{} {} {}", self.day, self.month_name(), self.year)
    }

    /// "March 14"
    pub fn md(self) -> String {
        format!("{} {}", self.month_name(), self.day)
    }

    /// "05th October 2021"
    pub fn dmy_ordinal(self) -> String {
        let suffix = match self.day {
            1 | 21 | 31 => "st",
            2 | 22 => "nd",
            3 | 23 => "rd",
            _ => "th",
        };
        format!(
            "{:02}{suffix} {} {}",
            self.day,
            self.month_name(),
            self.year
        )
    }

    /// "2018/03/09"
    pub fn slashed(self) -> String {
        format!("{:04}/{:02}/{:02}", self.year, self.month, self.day)
    }

    /// "16/11/2012"
    pub fn dmy_numeric(self, sep: char) -> String {
        format!("{:02}{sep}{:02}{sep}{:04}", self.day, self.month, self.year)
    }

    /// One of the full written forms, chosen at random.
    pub fn any_full(self, rng: &mut Rng) -> String {
        match rng.below(6) {
            0 | 1 => self.mdy(),
            2 | 3 => self.dmy(),
            4 => format!("{} {}, {}", self.month_abbrev(true), self.day, self.year),
            _ => self.mdy().to_uppercase(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_one_day() {
        let d = Day {
            year: 2021,
            month: 10,
            day: 5,
        };
        assert_eq!(d.mdy(), "October 5, 2021");
        assert_eq!(d.dmy_ordinal(), "05th October 2021");
        assert_eq!(d.month_abbrev(true), "Oct.");
        assert_eq!(d.slashed(), "2021/10/05");
        assert_eq!(d.weekday(), "Tuesday");
        let sept = Day { month: 9, ..d };
        assert_eq!(sept.month_abbrev(true), "Sept.");
    }
}
