//! Dates and times as each language writes them, and the words around them.

/// Dates and times as each language writes them, and the words around them.
pub struct Dates {
    /// Short weekday names, Monday first, for times within the last week.
    pub weekdays: [&'static str; 7],
    /// Short month names, January first, for older dates.
    pub months: [&'static str; 12],
    /// A date this year: the day of the month and the short month name.
    pub day_month: fn(u32, &str) -> String,
    /// A date in another year: the day of the month, the short month name and the year.
    pub day_month_year: fn(u32, &str, i64) -> String,
    /// A signed-in device, named by its browser and its system: "Firefox on Linux".
    pub browser_on_system: fn(&str, &str) -> String,
    /// A signed-in device that said nothing about itself.
    pub unknown_device: &'static str,
}

/// In English.
pub const EN: Dates = Dates {
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    day_month: |day, month| format!("{day} {month}"),
    day_month_year: |day, month, year| format!("{day} {month} {year}"),
    browser_on_system: |browser, system| format!("{browser} on {system}"),
    unknown_device: "Unknown device",
};

/// In Swedish.
pub const SV: Dates = Dates {
    weekdays: ["mån", "tis", "ons", "tors", "fre", "lör", "sön"],
    months: ["jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"],
    day_month: |day, month| format!("{day} {month}"),
    day_month_year: |day, month, year| format!("{day} {month} {year}"),
    browser_on_system: |browser, system| format!("{browser} på {system}"),
    unknown_device: "Okänd enhet",
};
