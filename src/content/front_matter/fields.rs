//! One front matter value, read with its key at hand: a value of the wrong type or form
//! is reported with the key's name, at the position the TOML or YAML parser gives it.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use toml_datetime::de::VisitMap;

use super::SortBy;
use crate::date::Date;

/// The value of `key`, of kind `T`; an empty value (YAML's `~`) reads as absent.
pub struct Field<'k, T> {
    key: &'k str,
    kind: PhantomData<T>,
}

impl<'k, T> Field<'k, T> {
    pub fn new(key: &'k str) -> Self {
        Self {
            key,
            kind: PhantomData,
        }
    }
}

/// What a field may hold, and how each kind of value the parsers hand over becomes it.
/// Anything a kind does not take is an error saying what it wants.
pub trait Kind: Sized {
    /// For messages: "a whole number".
    const WANTED: &'static str;

    fn from_str<E: de::Error>(key: &str, s: &str) -> Result<Self, E> {
        Err(wrong(key, Unexpected::Str(s), Self::WANTED))
    }

    fn from_i64<E: de::Error>(key: &str, n: i64) -> Result<Self, E> {
        Err(wrong(key, Unexpected::Signed(n), Self::WANTED))
    }

    fn from_f64<E: de::Error>(key: &str, n: f64) -> Result<Self, E> {
        Err(wrong(key, Unexpected::Float(n), Self::WANTED))
    }

    fn from_bool<E: de::Error>(key: &str, b: bool) -> Result<Self, E> {
        Err(wrong(key, Unexpected::Bool(b), Self::WANTED))
    }

    fn from_seq<'de, A: SeqAccess<'de>>(key: &str, _: A) -> Result<Self, A::Error> {
        Err(wrong(key, Unexpected::Seq, Self::WANTED))
    }

    /// TOML hands a date and time over as a map; a string kind takes it as written.
    fn from_map<'de, A: MapAccess<'de>>(key: &str, mut map: A) -> Result<Self, A::Error> {
        match VisitMap::next_key_seed(&mut map)? {
            Some(VisitMap::Datetime(datetime)) => Self::from_str(key, &datetime.to_string()),
            _ => Err(wrong(key, Unexpected::Map, Self::WANTED)),
        }
    }
}

fn wrong<E: de::Error>(key: &str, found: Unexpected, wanted: &'static str) -> E {
    E::invalid_type(found, &Wanted { key, wanted })
}

struct Wanted<'k> {
    key: &'k str,
    wanted: &'static str,
}

impl de::Expected for Wanted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} for `{}`", self.wanted, self.key)
    }
}

impl Kind for String {
    const WANTED: &'static str = "a string";

    fn from_str<E: de::Error>(_: &str, s: &str) -> Result<Self, E> {
        Ok(s.to_string())
    }

    fn from_i64<E: de::Error>(_: &str, n: i64) -> Result<Self, E> {
        Ok(n.to_string())
    }

    fn from_f64<E: de::Error>(_: &str, n: f64) -> Result<Self, E> {
        Ok(n.to_string())
    }
}

impl Kind for i64 {
    const WANTED: &'static str = "a whole number";

    fn from_i64<E: de::Error>(_: &str, n: i64) -> Result<Self, E> {
        Ok(n)
    }
}

impl Kind for std::num::NonZeroUsize {
    const WANTED: &'static str = "a whole number above 0";

    fn from_i64<E: de::Error>(key: &str, n: i64) -> Result<Self, E> {
        (usize::try_from(n).ok().and_then(Self::new))
            .ok_or_else(|| wrong(key, Unexpected::Signed(n), Self::WANTED))
    }
}

impl Kind for bool {
    const WANTED: &'static str = "true or false";

    fn from_bool<E: de::Error>(_: &str, b: bool) -> Result<Self, E> {
        Ok(b)
    }
}

impl Kind for Date {
    const WANTED: &'static str = "a date";

    fn from_str<E: de::Error>(key: &str, s: &str) -> Result<Self, E> {
        Date::parse(s).ok_or_else(|| {
            E::custom(format!(
                "`{key}` is not a date: {s:?}; write 2025-07-06, 2025-07-06 09:00:00 or 2025-07-06T09:00:00+00:00"
            ))
        })
    }
}

impl Kind for SortBy {
    const WANTED: &'static str = "date, weight, title or series_order";

    fn from_str<E: de::Error>(key: &str, s: &str) -> Result<Self, E> {
        match s {
            "date" => Ok(SortBy::Date),
            "weight" => Ok(SortBy::Weight),
            "title" => Ok(SortBy::Title),
            "series_order" => Ok(SortBy::SeriesOrder),
            other => Err(E::custom(format!(
                "unknown `{key} = {other:?}`: use date, weight, title or series_order"
            ))),
        }
    }
}

/// Terms and aliases: one string, or a list of them.
impl Kind for Vec<String> {
    const WANTED: &'static str = "a string or a list of strings";

    fn from_str<E: de::Error>(_: &str, s: &str) -> Result<Self, E> {
        Ok(vec![s.to_string()])
    }

    fn from_i64<E: de::Error>(_: &str, n: i64) -> Result<Self, E> {
        Ok(vec![n.to_string()])
    }

    fn from_f64<E: de::Error>(_: &str, n: f64) -> Result<Self, E> {
        Ok(vec![n.to_string()])
    }

    fn from_seq<'de, A: SeqAccess<'de>>(key: &str, mut seq: A) -> Result<Self, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Field::<String>::new(key))? {
            let item = item.ok_or_else(|| {
                de::Error::custom(format!("`{key}` lists an empty value: remove it"))
            })?;
            items.push(item);
        }
        Ok(items)
    }
}

/// Old URLs of a page, each written as a redirect inside the output folder.
pub struct Aliases(pub Vec<String>);

impl Kind for Aliases {
    const WANTED: &'static str = "a path or a list of paths";

    fn from_str<E: de::Error>(key: &str, s: &str) -> Result<Self, E> {
        inside_the_site(vec![s.to_string()]).map_err(|alias| E::custom(outside(key, alias)))
    }

    fn from_seq<'de, A: SeqAccess<'de>>(key: &str, seq: A) -> Result<Self, A::Error> {
        inside_the_site(Vec::<String>::from_seq(key, seq)?)
            .map_err(|alias| de::Error::custom(outside(key, alias)))
    }
}

/// The aliases, or the first that would resolve outside (or onto) the output folder: one
/// with a `..` or `.` segment, a backslash or a NUL, or nothing to name a file, once
/// percent-decoded as the alias's file name is (`%2e` is `.`).
fn inside_the_site(aliases: Vec<String>) -> Result<Aliases, String> {
    let leaves = |alias: &String| {
        let alias = percent_encoding::percent_decode_str(alias).decode_utf8_lossy();
        alias.contains(['\\', '\0'])
            || alias.trim_matches('/').is_empty()
            || alias.split('/').any(|s| s == ".." || s == ".")
    };
    match aliases.iter().find(|a| leaves(a)) {
        Some(alias) => Err(alias.clone()),
        None => Ok(Aliases(aliases)),
    }
}

fn outside(key: &str, alias: String) -> String {
    format!(
        "`{key}`: {alias:?} would be written outside the site: write a path such as \"/old/url/\""
    )
}

impl<'de, T: Kind> DeserializeSeed<'de> for Field<'_, T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: Kind> Visitor<'de> for Field<'_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} for `{}`", T::WANTED, self.key)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        T::from_str(self.key, s).map(Some)
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
        T::from_i64(self.key, n).map(Some)
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
        match i64::try_from(n) {
            Ok(n) => T::from_i64(self.key, n).map(Some),
            Err(_) => Err(E::invalid_value(Unexpected::Unsigned(n), &self)),
        }
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
        T::from_f64(self.key, n).map(Some)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
        T::from_bool(self.key, b).map(Some)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::from_seq(self.key, seq).map(Some)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::from_map(self.key, map).map(Some)
    }
}
