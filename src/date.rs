//! Dates: read as front matter writes them, shown in the three forms folio writes.

use std::fmt;

use jiff::ZonedDateTime as Zoned;
use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::{Offset, TimeZone};

/// A moment with the offset it was written with (UTC when none was written).
///
/// Shown as RFC 3339 (`2025-07-06T09:00:00+00:00`, for templates, sitemaps and new
/// posts), [`Date::long`] for readers and [`Date::rfc822`] for feeds.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(Zoned);

impl Date {
    /// RFC 3339, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`; a date without an offset is UTC.
    pub fn parse(text: &str) -> Option<Date> {
        let pieces = Pieces::parse(text.trim()).ok()?;
        let time = pieces.time().unwrap_or_default();
        let offset = match pieces.offset() {
            Some(PiecesOffset::Numeric(n)) => n.offset(),
            _ => Offset::UTC,
        };
        pieces
            .date()
            .to_datetime(time)
            .to_zoned_datetime(TimeZone::fixed(offset))
            .ok()
            .map(Date)
    }

    /// Now, in the system's time zone.
    pub fn now() -> Date {
        Date(Zoned::now())
    }

    pub fn timestamp(&self) -> jiff::Timestamp {
        self.0.timestamp()
    }

    /// For readers: "6 July 2025".
    pub fn long(&self) -> String {
        self.0.strftime("%-d %B %Y").to_string()
    }

    /// For feeds, as Hugo writes it (RFC 822 with a numeric offset and a two-digit day):
    /// `Sun, 06 Jul 2025 09:00:00 +0000`.
    pub fn rfc822(&self) -> String {
        self.0.strftime("%a, %d %b %Y %H:%M:%S %z").to_string()
    }
}

/// RFC 3339 to the second, with the offset: `2025-07-06T09:00:00+00:00`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.strftime("%Y-%m-%dT%H:%M:%S%:z"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form() {
        let d = Date::parse("2025-05-13 09:00:00").unwrap();
        assert_eq!(d.to_string(), "2025-05-13T09:00:00+00:00");
        assert_eq!(
            Date::parse("2025-05-13").unwrap().to_string(),
            "2025-05-13T00:00:00+00:00"
        );
        let d = Date::parse("2025-05-13T09:00:00+08:00").unwrap();
        assert_eq!(d.to_string(), "2025-05-13T09:00:00+08:00");
        assert!(Date::parse("2025-13-45").is_none());
        assert!(Date::parse("yesterday").is_none());
    }

    #[test]
    fn shows_each_form() {
        let d = Date::parse("2025-07-06T09:00:00Z").unwrap();
        assert_eq!(d.long(), "6 July 2025");
        assert_eq!(d.rfc822(), "Sun, 06 Jul 2025 09:00:00 +0000");
        assert_eq!(d.to_string(), "2025-07-06T09:00:00+00:00");
    }
}
