//! The admin portal's sections, one module each; [`crate::pages::AdminPage`]
//! puts them under tabs.

pub mod audit;
pub mod directory;
pub mod groups;
pub mod organization;
pub mod policies;
pub mod sign_in;

use samtal_core::{Lang, Millis};
use wasm_bindgen::JsValue;

/// A moment as a date and time in the person's time zone, written the way
/// `lang` writes it: "14 Mar 2025, 13:05", "14 mars 2025 13:05".
pub fn when(at: Millis, lang: Lang) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("dateStyle"), &JsValue::from_str("medium"));
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("timeStyle"), &JsValue::from_str("short"));
    let date = js_sys::Date::new(&JsValue::from_f64(at as f64));
    date.to_locale_string(locale(lang), &options).into()
}

/// The locale dates are written in. English is British English: day before
/// month and a 24-hour clock, as the portal has always shown them.
fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en-GB",
        Lang::Sv => lang.code(),
    }
}
