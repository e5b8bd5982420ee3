//! Dates as the format writes them.

use crate::diagnostic::Text;
use chrono::{Datelike, NaiveDate};

/// A calendar bound written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: the span of
/// days it names, so `debut: 2024` starts on 1 January and `fin: 2024` ends
/// on 31 December.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlexDate {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub precision: Precision,
}

/// A year alone (`2024`, a number in YAML) or `YYYY-MM` / `YYYY-MM-DD`.
impl schemars::JsonSchema for FlexDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateSouple".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Une année (2024), un mois (2024-06) ou un jour (2024-06-30).",
            "anyOf": [
                { "type": "integer", "minimum": 1980, "maximum": 2100 },
                { "type": "string", "pattern": "^(19[89][0-9]|20[0-9]{2}|2100)(-[0-9]{2}(-[0-9]{2})?)?$" }
            ]
        })
    }
}

/// The JSON schema of a signature date: a day, a month, or still to write.
pub struct SignatureDate;

impl schemars::JsonSchema for SignatureDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateDeSignature".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Un jour (2019-10-15), un mois (2019-10) ou À COMPLÉTER.",
            "anyOf": [
                { "type": "string", "pattern": "^(19[89][0-9]|20[0-9]{2}|2100)-[0-9]{2}(-[0-9]{2})?$" },
                { "type": "string", "pattern": "^[ÀA] COMPL[ÉE]TER$" }
            ]
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// Why a date text is not a date, for the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD` (or the allowed shorter forms).
    Format,
    /// Well-formed but not in the calendar (`2023-02-30`, month 13).
    NoSuchDay,
    /// A real day, but outside [`YEARS`]: year 0 or 9999 is a typing slip,
    /// not a convention's date.
    OutOfRange,
}

/// The years a convention's dates can fall in: CTGs date from 2009 (the
/// first experiments), the Caf network from 1945; 1980–2100 leaves room
/// for any history or plan while catching a slip of the keyboard.
pub const YEARS: std::ops::RangeInclusive<i32> = 1980..=2100;

fn year(y: &str) -> Result<i32, DateError> {
    let y = digits(y, 4).ok_or(DateError::Format)? as i32;
    if YEARS.contains(&y) {
        Ok(y)
    } else {
        Err(DateError::OutOfRange)
    }
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A full ISO date, `YYYY-MM-DD` and nothing else.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let mut parts = text.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(DateError::Format);
    };
    let (Some(_), Some(m), Some(d)) = (digits(y, 4), digits(m, 2), digits(d, 2)) else {
        return Err(DateError::Format);
    };
    let day = NaiveDate::from_ymd_opt(digits(y, 4).unwrap_or(0) as i32, m, d);
    let day = day.ok_or(DateError::NoSuchDay)?;
    year(y)?;
    Ok(day)
}

impl FlexDate {
    pub fn parse(text: &str) -> Result<FlexDate, DateError> {
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [y] => {
                let y = year(y)?;
                let first = NaiveDate::from_ymd_opt(y, 1, 1).ok_or(DateError::NoSuchDay)?;
                let last = NaiveDate::from_ymd_opt(y, 12, 31).ok_or(DateError::NoSuchDay)?;
                Ok(FlexDate {
                    first,
                    last,
                    precision: Precision::Year,
                })
            }
            [y, m] => {
                let (y, m) = (year(y)?, digits(m, 2).ok_or(DateError::Format)?);
                let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or(DateError::NoSuchDay)?;
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)
                };
                let last = next
                    .and_then(|n| n.pred_opt())
                    .ok_or(DateError::NoSuchDay)?;
                Ok(FlexDate {
                    first,
                    last,
                    precision: Precision::Month,
                })
            }
            _ => {
                let day = parse_date(text)?;
                Ok(FlexDate {
                    first: day,
                    last: day,
                    precision: Precision::Day,
                })
            }
        }
    }

    pub fn year(&self) -> i32 {
        self.first.year()
    }

    /// As the format writes it: `2024`, `2024-06`, `2024-06-30`.
    pub fn iso(&self) -> String {
        match self.precision {
            Precision::Year => self.first.format("%Y").to_string(),
            Precision::Month => self.first.format("%Y-%m").to_string(),
            Precision::Day => self.first.format("%Y-%m-%d").to_string(),
        }
    }

    /// As precisely as it was written: "2021", "décembre 2021", "1er décembre 2021".
    pub fn text(&self) -> Text {
        match self.precision {
            Precision::Year => Text::new(self.year().to_string(), self.year().to_string()),
            Precision::Month => Text::new(
                format!(
                    "{} {}",
                    MONTHS_FR[self.first.month0() as usize],
                    self.year()
                ),
                format!(
                    "{} {}",
                    MONTHS_EN[self.first.month0() as usize],
                    self.year()
                ),
            ),
            Precision::Day => long(self.first),
        }
    }
}

impl From<NaiveDate> for FlexDate {
    fn from(day: NaiveDate) -> FlexDate {
        FlexDate {
            first: day,
            last: day,
            precision: Precision::Day,
        }
    }
}

/// A span of time with the prepositions French gives it, as precise as its
/// bounds: "du 1er septembre 2023 au 31 décembre 2026", "de septembre 2023
/// à juin 2024", "d'avril 2024 à 2025", "à partir du 1er mars 2024",
/// "jusqu'au 31 décembre 2026", "jusqu'en juin 2027", "en 2024", "le 3
/// juin 2024". None when neither bound is known.
pub fn span_fr(from: Option<FlexDate>, to: Option<FlexDate>) -> Option<String> {
    let words = |d: FlexDate| d.text().fr;
    // "du 1er mars", "de mars 2024", "d'avril 2024", "de 2024".
    let de = |d: FlexDate| match d.precision {
        Precision::Day => format!("du {}", words(d)),
        _ => crate::text::francais::de(&words(d)),
    };
    Some(match (from, to) {
        (Some(f), Some(t)) if f == t => match f.precision {
            Precision::Day => format!("le {}", words(f)),
            _ => format!("en {}", words(f)),
        },
        (Some(f), Some(t)) => match t.precision {
            Precision::Day => format!("{} au {}", de(f), words(t)),
            _ => format!("{} à {}", de(f), words(t)),
        },
        (Some(f), None) => format!("à partir {}", de(f)),
        (None, Some(t)) => match t.precision {
            Precision::Day => format!("jusqu’au {}", words(t)),
            _ => format!("jusqu’en {}", words(t)),
        },
        (None, None) => return None,
    })
}

/// The months in French, as dates in words write them.
pub const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
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

/// A date in words: "1er janvier 2023" / "1 January 2023".
pub fn long(d: NaiveDate) -> Text {
    let day = if d.day() == 1 {
        "1er".to_string()
    } else {
        d.day().to_string()
    };
    let m = d.month0() as usize;
    Text::new(
        format!("{day} {} {}", MONTHS_FR[m], d.year()),
        format!("{} {} {}", d.day(), MONTHS_EN[m], d.year()),
    )
}

/// The date a French date in words names — "31 décembre 2027", "1er
/// janvier 2023", "1 janvier 2023" — as `long` writes it, or none.
pub fn from_long_fr(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let [day, month, year] = words.as_slice() else {
        return None;
    };
    let day: u32 = day.strip_suffix("er").unwrap_or(day).parse().ok()?;
    let month = MONTHS_FR
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month) || *m == month.to_lowercase())?;
    let year = digits(year, 4)? as i32;
    NaiveDate::from_ymd_opt(year, month as u32 + 1, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words_read_back() {
        for d in [d(2023, 1, 1), d(2027, 12, 31), d(2024, 2, 29)] {
            assert_eq!(from_long_fr(&long(d).fr), Some(d));
        }
        assert_eq!(from_long_fr("31 Décembre 2027"), Some(d(2027, 12, 31)));
        assert_eq!(from_long_fr("fin 2027"), None);
        assert_eq!(from_long_fr("31 février 2027"), None);
        assert_eq!(from_long_fr("31 décembre 27"), None);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn flexible_dates_cover_their_span() {
        let y = FlexDate::parse("2024").unwrap();
        assert_eq!((y.first, y.last), (d(2024, 1, 1), d(2024, 12, 31)));
        let m = FlexDate::parse("2024-02").unwrap();
        assert_eq!((m.first, m.last), (d(2024, 2, 1), d(2024, 2, 29)));
        let m = FlexDate::parse("2023-12").unwrap();
        assert_eq!(m.last, d(2023, 12, 31));
        let day = FlexDate::parse("2023-06-15").unwrap();
        assert_eq!((day.first, day.last), (d(2023, 6, 15), d(2023, 6, 15)));
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(long(d(2023, 1, 1)).fr, "1er janvier 2023");
        assert_eq!(long(d(2019, 1, 15)).fr, "15 janvier 2019");
        assert_eq!(long(d(2019, 1, 15)).en, "15 January 2019");
        assert_eq!(
            FlexDate::parse("2021-12").unwrap().text().fr,
            "décembre 2021"
        );
    }

    #[test]
    fn spans_of_time_take_their_prepositions() {
        let f = |s: &str| Some(FlexDate::parse(s).unwrap());
        let cases = [
            (
                f("2023-09-01"),
                f("2026-12-31"),
                "du 1er septembre 2023 au 31 décembre 2026",
            ),
            (None, f("2026-12-31"), "jusqu’au 31 décembre 2026"),
            (None, f("2027-06"), "jusqu’en juin 2027"),
            (None, f("2027"), "jusqu’en 2027"),
            (f("2024-03-01"), None, "à partir du 1er mars 2024"),
            (f("2024-04"), None, "à partir d’avril 2024"),
            (f("2024"), None, "à partir de 2024"),
            (f("2023-09"), f("2024-06"), "de septembre 2023 à juin 2024"),
            (f("2024-08"), f("2025"), "d’août 2024 à 2025"),
            (f("2023"), f("2025"), "de 2023 à 2025"),
            (
                f("2024-09"),
                f("2025-06-30"),
                "de septembre 2024 au 30 juin 2025",
            ),
            (f("2024"), f("2024"), "en 2024"),
            (f("2024-06"), f("2024-06"), "en juin 2024"),
            (f("2024-06-03"), f("2024-06-03"), "le 3 juin 2024"),
        ];
        for (from, to, said) in cases {
            assert_eq!(span_fr(from, to).as_deref(), Some(said));
        }
        assert_eq!(span_fr(None, None), None);
    }

    #[test]
    fn impossible_and_malformed_dates_are_told_apart() {
        assert_eq!(parse_date("2023-02-30"), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("2023-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("2023-2-3"), Err(DateError::Format));
        assert_eq!(parse_date("15/01/2019"), Err(DateError::Format));
        assert_eq!(FlexDate::parse("2024-13"), Err(DateError::NoSuchDay));
        assert_eq!(FlexDate::parse("24"), Err(DateError::Format));
    }
}
