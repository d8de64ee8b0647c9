//! The clock, in the wire's unit.

use samtal_core::Millis;

/// Milliseconds since the Unix epoch now.
pub fn now_ms() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as Millis)
        .unwrap_or_default()
}
