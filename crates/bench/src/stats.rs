//! Percentiles of measured durations.

use std::time::Duration;

/// Durations measured for one figure, in milliseconds.
#[derive(Debug, Default, Clone)]
pub struct Samples(Vec<f64>);

impl Samples {
    /// Adds one duration.
    pub fn push(&mut self, d: Duration) {
        self.0.push(d.as_secs_f64() * 1000.0);
    }

    /// Adds all of `other`'s.
    pub fn extend(&mut self, other: Samples) {
        self.0.extend(other.0);
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The `p`-th percentile (0–100) by the nearest-rank method, in ms.
    pub fn percentile(&self, p: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        let mut sorted = self.0.clone();
        sorted.sort_by(f64::total_cmp);
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1]
    }

    /// The largest, in ms.
    pub fn max(&self) -> f64 {
        self.0.iter().copied().fold(f64::NAN, f64::max)
    }

    /// `p50 / p99 / max` as text.
    pub fn summary(&self, percentiles: &[f64]) -> String {
        let mut parts: Vec<String> = percentiles.iter().map(|p| format!("p{p} {}", ms(self.percentile(*p)))).collect();
        parts.push(format!("max {}", ms(self.max())));
        parts.join(", ")
    }
}

/// `12.3 ms`, with fewer digits for larger numbers.
pub fn ms(millis: f64) -> String {
    if millis.is_nan() {
        "–".to_owned()
    } else if millis < 10.0 {
        format!("{millis:.2} ms")
    } else if millis < 100.0 {
        format!("{millis:.1} ms")
    } else {
        format!("{millis:.0} ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut s = Samples::default();
        for i in 1..=100 {
            s.push(Duration::from_millis(i));
        }
        assert!((s.percentile(50.0) - 50.0).abs() < 1e-9);
        assert!((s.percentile(99.0) - 99.0).abs() < 1e-9);
        assert!((s.percentile(100.0) - 100.0).abs() < 1e-9);
        assert!((s.max() - 100.0).abs() < 1e-9);
        assert!(Samples::default().percentile(50.0).is_nan());
    }
}
