//! When a reminder falls: the yearly return of a date, and the seasonal greetings of each market,
//! the lunar ones from their calendars (the Korean one from its own tables: 설날 is not always
//! the day of 春节).

use chrono::{Datelike, NaiveDate};

use crate::i18n::Lang;

api_enum!(
    /// The season's greetings each market keeps with its customers.
    Greeting {
        Ochugen = "ochugen",
        Oseibo = "oseibo",
        Nenga = "nenga",
        SpringFestival = "spring_festival",
        MidAutumn = "mid_autumn",
        Seollal = "seollal",
        Chuseok = "chuseok",
        Holidays = "holidays"
    }
);

impl Greeting {
    /// The greetings a rep of the market writes, in the order of the year.
    pub fn of_market(lang: Lang) -> &'static [Greeting] {
        match lang {
            Lang::Ja => &[Greeting::Nenga, Greeting::Ochugen, Greeting::Oseibo],
            Lang::Zh => &[Greeting::SpringFestival, Greeting::MidAutumn],
            Lang::Ko => &[Greeting::Seollal, Greeting::Chuseok],
            Lang::En => &[Greeting::Holidays],
        }
    }

    /// The day the season begins in `year` (none outside the calendars' tables).
    pub fn day_in(self, year: i32) -> Option<NaiveDate> {
        match self {
            // New Year's cards arrive on 1 January; お中元 from early July, お歳暮 from December.
            Greeting::Nenga => NaiveDate::from_ymd_opt(year, 1, 1),
            Greeting::Ochugen => NaiveDate::from_ymd_opt(year, 7, 1),
            Greeting::Oseibo => NaiveDate::from_ymd_opt(year, 12, 1),
            Greeting::Holidays => NaiveDate::from_ymd_opt(year, 12, 25),
            Greeting::SpringFestival => chinese_lunar(year, 1, 1),
            Greeting::MidAutumn => chinese_lunar(year, 8, 15),
            Greeting::Seollal => korean_lunar(year, 1, 1),
            Greeting::Chuseok => korean_lunar(year, 8, 15),
        }
    }
}

fn chinese_lunar(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    let year = u16::try_from(year).ok()?;
    chinese_lunisolar_calendar::LunisolarDate::from_ymd(year, month, false, day)
        .ok()
        .map(|d| d.to_naive_date())
}

fn korean_lunar(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    korean_lunar_calendar::lunar_to_gregorian(&korean_lunar_calendar::LunarDate {
        year,
        month: (month, false),
        day,
    })
}

/// The day `date` comes back in `year` (29 February on the 28th in other years).
pub fn yearly_in(date: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), date.day() - 1))
}

/// The days in `from..=to` on which something that falls on `day_in(year)` each year falls.
pub fn each_year_between(
    from: NaiveDate,
    to: NaiveDate,
    day_in: impl Fn(i32) -> Option<NaiveDate>,
) -> Vec<NaiveDate> {
    (from.year()..=to.year())
        .filter_map(day_in)
        .filter(|d| (from..=to).contains(d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn lunar_greetings_fall_on_each_markets_own_calendar() {
        assert_eq!(
            Greeting::SpringFestival.day_in(2026),
            Some(day(2026, 2, 17))
        );
        assert_eq!(Greeting::MidAutumn.day_in(2026), Some(day(2026, 9, 25)));
        assert_eq!(Greeting::Seollal.day_in(2026), Some(day(2026, 2, 17)));
        assert_eq!(Greeting::Chuseok.day_in(2026), Some(day(2026, 9, 25)));
        // In 2027 the new moon falls before midnight in Beijing and after it in Seoul.
        assert_eq!(Greeting::SpringFestival.day_in(2027), Some(day(2027, 2, 6)));
        assert_eq!(Greeting::Seollal.day_in(2027), Some(day(2027, 2, 7)));
    }

    #[test]
    fn a_leap_day_comes_back_on_the_28th() {
        assert_eq!(yearly_in(day(1988, 2, 29), 2027), Some(day(2027, 2, 28)));
        assert_eq!(yearly_in(day(1988, 2, 29), 2028), Some(day(2028, 2, 29)));
    }

    #[test]
    fn a_window_across_new_year_finds_the_day_in_either_year() {
        let found = each_year_between(day(2026, 12, 20), day(2027, 1, 10), |y| {
            NaiveDate::from_ymd_opt(y, 1, 3)
        });
        assert_eq!(found, vec![day(2027, 1, 3)]);
    }
}
