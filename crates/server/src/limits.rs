//! The abuse limits' settings. The arithmetic of a window is
//! `samtal_core::limits`; the counts live in the store, so every instance
//! on one database counts the same tries.

use std::str::FromStr;

use samtal_core::limits::Rate;

/// One limit, or none (`off`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit(pub Option<Rate>);

impl FromStr for Limit {
    type Err = String;

    /// `off`, or tries per window like `10/15m`.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        if raw.trim().eq_ignore_ascii_case("off") {
            return Ok(Limit(None));
        }
        raw.parse().map(|rate| Limit(Some(rate)))
    }
}

/// How often people may try things that can be abused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Failed sign-ins per account: a handle, or a work e-mail.
    pub sign_in_account: Option<Rate>,
    /// Failed sign-ins per address, of both kinds together. Higher than per
    /// account: an office's people may share one address.
    pub sign_in_address: Option<Rate>,
    /// Messages a person sends (repeats of one `client_id` count once).
    pub sends: Option<Rate>,
    /// Files a person uploads.
    pub uploads: Option<Rate>,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            sign_in_account: Some(Rate { tries: 10, window_ms: 15 * 60_000 }),
            sign_in_address: Some(Rate { tries: 100, window_ms: 15 * 60_000 }),
            sends: Some(Rate { tries: 120, window_ms: 60_000 }),
            uploads: Some(Rate { tries: 30, window_ms: 60_000 }),
        }
    }
}

impl Limits {
    /// No limits at all (benchmarks that measure the hot paths flat out).
    pub fn off() -> Self {
        Self { sign_in_account: None, sign_in_address: None, sends: None, uploads: None }
    }

    /// The longest window of any limit: windows older than that have ended.
    pub fn longest_window_ms(&self) -> i64 {
        [self.sign_in_account, self.sign_in_address, self.sends, self.uploads]
            .into_iter()
            .flatten()
            .map(|r| r.window_ms)
            .max()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_parse() {
        assert_eq!("off".parse(), Ok(Limit(None)));
        assert_eq!("OFF".parse(), Ok(Limit(None)));
        assert_eq!("3/1m".parse(), Ok(Limit(Some(Rate { tries: 3, window_ms: 60_000 }))));
        assert!("never".parse::<Limit>().is_err());
        assert_eq!(Limits::default().longest_window_ms(), 15 * 60_000);
        assert_eq!(Limits::off().longest_window_ms(), 0);
    }
}
