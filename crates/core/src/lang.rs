//! The languages Samtal speaks, and how one is picked from what a browser asks for.
//!
//! The texts themselves live beside what they describe: the error sentences in
//! [`crate::ErrorCode::human_in`], the notes Samtal writes into conversations in
//! [`crate::api::SystemNote::text_in`], the web client's screens in its own
//! catalog and the e-mail digests in the server's. Each is a `match` on
//! [`Lang`], so a language without a text does not compile.

use serde::{Deserialize, Serialize};

/// A language of Samtal's texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English: the accessible names of the spec.
    #[default]
    En,
    /// Swedish, the product's home market.
    Sv,
}

impl Lang {
    /// Every language, in the order a choice lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Sv];

    /// Its BCP 47 code, as `<html lang>` and the wire use it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sv => "sv",
        }
    }

    /// Its name in itself, as a language choice shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Sv => "Svenska",
        }
    }

    /// The language a BCP 47 tag asks for (`sv-SE` is Swedish), if Samtal has it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "sv" => Some(Lang::Sv),
            _ => None,
        }
    }

    /// The first of `tags` (most preferred first, as `navigator.languages`)
    /// that Samtal has, else English.
    pub fn negotiate<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter().find_map(Lang::from_tag).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_a_language() {
        assert_eq!(Lang::from_tag("sv-SE"), Some(Lang::Sv));
        assert_eq!(Lang::from_tag("SV"), Some(Lang::Sv));
        assert_eq!(Lang::from_tag("sv_FI"), Some(Lang::Sv));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de-DE"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn the_first_known_language_wins_and_english_is_the_fallback() {
        assert_eq!(Lang::negotiate(["de-DE", "sv-SE", "en-US"]), Lang::Sv);
        assert_eq!(Lang::negotiate(["en-US", "sv"]), Lang::En);
        assert_eq!(Lang::negotiate(["fi", "de"]), Lang::En);
        assert_eq!(Lang::negotiate([]), Lang::En);
    }

    #[test]
    fn codes_round_trip_on_the_wire() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.code()), Some(lang));
            let json = serde_json::to_string(&lang).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", lang.code()));
        }
    }
}
