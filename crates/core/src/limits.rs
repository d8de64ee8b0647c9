//! Abuse limits: at most so many tries of a kind per window of time.
//!
//! A key (an account's sign-in, an address, a person's sends) has one
//! window at a time. The window starts at the first try after the previous
//! one ended and counts the tries made in it; once it holds `tries`, further
//! tries wait until it ends. A fixed window lets a burst of twice the limit
//! through across a boundary, which is acceptable for what it protects
//! (guessing passwords, flooding a conversation) and keeps each key one row.

use std::fmt;
use std::str::FromStr;

use crate::Millis;

/// At most `tries` per `window_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// How many tries a window admits (at least 1).
    pub tries: u32,
    /// How long a window lasts, in milliseconds (at least 1).
    pub window_ms: Millis,
}

/// One key's current window, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// When its first try was made.
    pub started_at: Millis,
    /// How many tries it has counted.
    pub tries: i64,
}

/// How long to wait before the next try may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    /// Milliseconds from now (at least 1).
    pub ms: Millis,
}

impl Wait {
    /// Whole seconds, rounded up, as `Retry-After` says it.
    pub fn seconds(self) -> u64 {
        u64::try_from(self.ms.max(1)).unwrap_or(1).div_ceil(1000)
    }

    /// The wait in words: "a minute", "12 minutes", "30 seconds".
    pub fn in_words(self) -> String {
        let seconds = self.seconds();
        match seconds {
            0..=1 => "a second".to_owned(),
            2..=59 => format!("{seconds} seconds"),
            60..=119 => "a minute".to_owned(),
            _ => format!("{} minutes", seconds.div_ceil(60)),
        }
    }
}

/// Whether a try at `now` may go ahead under `rate`, given the key's stored window.
pub fn check(stored: Option<Window>, now: Millis, rate: Rate) -> Result<(), Wait> {
    match current(stored, now, rate) {
        Some(window) if window.tries >= i64::from(rate.tries) => {
            Err(Wait { ms: (window.started_at + rate.window_ms - now).max(1) })
        }
        _ => Ok(()),
    }
}

/// The key's window after counting a try at `now`: the stored one plus
/// this try while it lasts, else a new window starting now.
pub fn record(stored: Option<Window>, now: Millis, rate: Rate) -> Window {
    match current(stored, now, rate) {
        Some(window) => Window { started_at: window.started_at, tries: window.tries + 1 },
        None => Window { started_at: now, tries: 1 },
    }
}

/// A try that is counted only if it may go ahead: the window to store, or the wait.
pub fn admit(stored: Option<Window>, now: Millis, rate: Rate) -> Result<Window, Wait> {
    check(stored, now, rate)?;
    Ok(record(stored, now, rate))
}

/// The stored window if it has not ended by `now`. A window that started in
/// the future (a clock set back) counts as ended.
fn current(stored: Option<Window>, now: Millis, rate: Rate) -> Option<Window> {
    stored.filter(|w| w.started_at <= now && now < w.started_at + rate.window_ms)
}

impl FromStr for Rate {
    type Err = String;

    /// `10/15m`, `120/1m`, `5/30s`, `100/1h`: tries, a slash, a window.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{raw}' is not a limit like 10/15m (tries per 30s, 15m or 1h)");
        let (tries, window) = raw.trim().split_once('/').ok_or_else(bad)?;
        let tries: u32 = tries.trim().parse().map_err(|_| bad())?;
        let window = window.trim();
        let split = window.find(|c: char| !c.is_ascii_digit()).unwrap_or(window.len());
        let (digits, unit) = window.split_at(split);
        let n: i64 = if digits.is_empty() { 1 } else { digits.parse().map_err(|_| bad())? };
        let unit_ms = match unit {
            "s" => 1000,
            "m" => 60_000,
            "h" => 3_600_000,
            _ => return Err(bad()),
        };
        let window_ms = n.checked_mul(unit_ms).ok_or_else(bad)?;
        if tries == 0 || window_ms <= 0 {
            return Err(bad());
        }
        Ok(Rate { tries, window_ms })
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.window_ms;
        if ms % 3_600_000 == 0 {
            write!(f, "{}/{}h", self.tries, ms / 3_600_000)
        } else if ms % 60_000 == 0 {
            write!(f, "{}/{}m", self.tries, ms / 60_000)
        } else {
            write!(f, "{}/{}s", self.tries, (ms + 999) / 1000)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATE: Rate = Rate { tries: 3, window_ms: 60_000 };

    #[test]
    fn a_fresh_key_may_try_and_starts_a_window() {
        assert_eq!(check(None, 1_000, RATE), Ok(()));
        assert_eq!(record(None, 1_000, RATE), Window { started_at: 1_000, tries: 1 });
    }

    #[test]
    fn tries_within_the_window_add_up_to_the_limit() {
        let mut window = None;
        for t in 0..3 {
            let w = admit(window, 1_000 + t * 10, RATE).unwrap_or_else(|_| panic!("try {t} admitted"));
            window = Some(w);
        }
        assert_eq!(window, Some(Window { started_at: 1_000, tries: 3 }));
        assert_eq!(admit(window, 2_000, RATE), Err(Wait { ms: 59_000 }));
        assert_eq!(check(window, 60_999, RATE), Err(Wait { ms: 1 }));
    }

    #[test]
    fn a_window_that_ended_starts_over() {
        let full = Some(Window { started_at: 1_000, tries: 3 });
        assert_eq!(check(full, 61_000, RATE), Ok(()));
        assert_eq!(record(full, 61_000, RATE), Window { started_at: 61_000, tries: 1 });
    }

    #[test]
    fn a_window_from_the_future_counts_as_ended() {
        let ahead = Some(Window { started_at: 500_000, tries: 9 });
        assert_eq!(check(ahead, 1_000, RATE), Ok(()));
        assert_eq!(record(ahead, 1_000, RATE), Window { started_at: 1_000, tries: 1 });
    }

    #[test]
    fn recording_counts_even_past_the_limit() {
        // Failed sign-ins keep counting; only the check refuses.
        let full = Some(Window { started_at: 0, tries: 3 });
        assert_eq!(record(full, 10, RATE).tries, 4);
    }

    #[test]
    fn waits_in_seconds_and_words() {
        assert_eq!(Wait { ms: 1 }.seconds(), 1);
        assert_eq!(Wait { ms: 1_001 }.seconds(), 2);
        assert_eq!(Wait { ms: 900 }.in_words(), "a second");
        assert_eq!(Wait { ms: 30_000 }.in_words(), "30 seconds");
        assert_eq!(Wait { ms: 61_000 }.in_words(), "a minute");
        assert_eq!(Wait { ms: 14 * 60_000 + 5 }.in_words(), "15 minutes");
    }

    #[test]
    fn rates_parse_and_print() {
        assert_eq!("10/15m".parse(), Ok(Rate { tries: 10, window_ms: 900_000 }));
        assert_eq!("120/1m".parse(), Ok(Rate { tries: 120, window_ms: 60_000 }));
        assert_eq!("5/30s".parse(), Ok(Rate { tries: 5, window_ms: 30_000 }));
        assert_eq!("100/h".parse(), Ok(Rate { tries: 100, window_ms: 3_600_000 }));
        for bad in ["", "10", "0/1m", "10/0m", "10/5d", "x/1m", "10/m5"] {
            assert!(bad.parse::<Rate>().is_err(), "{bad}");
        }
        for text in ["10/15m", "120/1m", "5/30s", "100/2h"] {
            assert_eq!(text.parse::<Rate>().map(|r| r.to_string()), Ok(text.to_owned()));
        }
    }
}
