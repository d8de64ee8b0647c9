//! The figures of a run: a table for people, JSON for comparing runs.

use serde::Serialize;
use serde_json::{Map, Value, json};

/// One line of the table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The workload and its size, like `fanout K=200`.
    pub workload: String,
    /// `sqlite` or `postgres` (or `client`).
    pub backend: String,
    /// What was measured, as people read it.
    pub measured: String,
    /// The target, as people read it ("" when there is none).
    pub target: String,
    /// Whether the target was met (`None` when there is none).
    pub met: Option<bool>,
    /// The numbers behind `measured`, for comparing runs.
    pub figures: Map<String, Value>,
}

impl Row {
    /// A row without a target.
    pub fn new(workload: impl Into<String>, backend: &str, measured: impl Into<String>) -> Row {
        Row {
            workload: workload.into(),
            backend: backend.to_owned(),
            measured: measured.into(),
            target: String::new(),
            met: None,
            figures: Map::new(),
        }
    }

    /// Names the target and whether it was met.
    pub fn target(mut self, target: impl Into<String>, met: bool) -> Row {
        self.target = target.into();
        self.met = Some(met);
        self
    }

    /// Records a number behind the row.
    pub fn figure(mut self, name: &str, value: impl Into<Value>) -> Row {
        self.figures.insert(name.to_owned(), value.into());
        self
    }
}

/// The machine a run happened on.
#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    /// Cores the process may use.
    pub cores: usize,
    /// `/proc/loadavg`'s 1- and 5-minute load when the run started.
    pub load_before: (f64, f64),
    /// The same when it ended.
    pub load_after: (f64, f64),
    /// Seconds since the Unix epoch when the run started.
    pub started_at: u64,
}

/// The 1- and 5-minute load averages.
pub fn load() -> (f64, f64) {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut parts = text.split_whitespace().map(|p| p.parse().unwrap_or(f64::NAN));
    (parts.next().unwrap_or(f64::NAN), parts.next().unwrap_or(f64::NAN))
}

/// The table, as printed and kept in the README.
pub fn table(machine: &Machine, rows: &[Row]) -> String {
    let headers = ["workload", "backend", "measured", "target", ""];
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            let verdict = match r.met {
                Some(true) => "met",
                Some(false) => "NOT MET",
                None => "",
            };
            [r.workload.clone(), r.backend.clone(), r.measured.clone(), r.target.clone(), verdict.to_owned()]
        })
        .collect();
    let mut widths = headers.map(|h| h.chars().count());
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> =
            cells.iter().zip(widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count()))).collect();
        format!("| {} |\n", padded.join(" | "))
    };
    let mut out = format!(
        "Machine: {} cores, load {:.2} / {:.2} (1 / 5 min) before, {:.2} / {:.2} after.\n\n",
        machine.cores, machine.load_before.0, machine.load_before.1, machine.load_after.0, machine.load_after.1
    );
    out.push_str(&line(&headers.map(str::to_owned)));
    out.push_str(&line(&widths.map(|w| "-".repeat(w))));
    for row in &cells {
        out.push_str(&line(row));
    }
    out
}

/// The run as JSON.
pub fn json(machine: &Machine, rows: &[Row]) -> Value {
    json!({ "machine": machine, "rows": rows })
}

/// A row written by another tool: `{workload, backend, measured, target?, met?, figures?}`.
pub fn row_from_json(value: &Value) -> anyhow::Result<Row> {
    let text = |key: &str| value[key].as_str().unwrap_or_default().to_owned();
    if value["workload"].as_str().is_none() || value["measured"].as_str().is_none() {
        anyhow::bail!("a row needs a workload and what was measured: {value}");
    }
    Ok(Row {
        workload: text("workload"),
        backend: text("backend"),
        measured: text("measured"),
        target: text("target"),
        met: value["met"].as_bool(),
        figures: value["figures"].as_object().cloned().unwrap_or_default(),
    })
}
