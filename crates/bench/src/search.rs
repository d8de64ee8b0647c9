//! `search`: an organization of D directory entries, imported through the
//! admin API; then a signed-in member searches for prefixes of names,
//! aliases and e-mails.

use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

use crate::client::{PASSWORD, Person};
use crate::report::Row;
use crate::server::{Backend, Server, Setup};
use crate::stats::{Samples, ms};
use crate::world;

/// The most rows one import takes (the spec's limit).
const IMPORT_ROWS_MAX: usize = 5000;
/// Searches measured.
const QUERIES: usize = 600;

const FIRST: [&str; 32] = [
    "Anna", "Erik", "Sara", "Lars", "Maria", "Karl", "Eva", "Johan", "Karin", "Anders", "Kerstin", "Per", "Ingrid",
    "Nils", "Lena", "Mikael", "Emma", "Olof", "Sofia", "Gustav", "Elin", "Henrik", "Ida", "Magnus", "Linnea", "Jonas",
    "Åsa", "Björn", "Märta", "Örjan", "Hanna", "Oskar",
];
const LAST: [&str; 32] = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Olofsson",
    "Lindström",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lind",
    "Lundgren",
    "Lundqvist",
    "Mattsson",
    "Berglund",
];

/// One generated directory entry: (display name, alias, e-mail).
fn entry(i: usize) -> (String, String, String) {
    // Spread names so neighbours differ: a multiplicative hash of i.
    let h = i.wrapping_mul(2_654_435_761) % (1 << 30);
    let first = FIRST[h % FIRST.len()];
    let last = LAST[(h / FIRST.len()) % LAST.len()];
    let display = format!("{first} {last} {i}");
    let ascii = |s: &str| s.to_lowercase().replace(['å', 'ä'], "a").replace('ö', "o");
    let alias = format!("{}{}{i}", ascii(first).chars().take(3).collect::<String>(), ascii(last));
    let email = format!("{}.{}.{i}@bench.example", ascii(first), ascii(last));
    (display, alias, email)
}

/// Runs the workload over `entries` directory entries and answers its rows.
pub async fn run(setup: &Setup, backend: Backend, entries: usize) -> Result<Vec<Row>> {
    let server = Server::start(setup, backend, "search").await?;
    let http = crate::client::http()?;
    let (admin, mut people) = world::people(&server, &http, "member", 1).await?;
    let member = people.pop().context("no member")?;
    let org = world::organization(&admin).await?;

    let started = Instant::now();
    import(&admin, org, entries).await?;
    let import_time = started.elapsed();
    world::work_sign_in(&member, &entry(0).2).await?;

    let mut server_times = Samples::default();
    let mut http_times = Samples::default();
    let mut hits = 0usize;
    for q in 0..QUERIES {
        let needle = needle(q, entries);
        let path = format!("/api/search?q={}", encode(&needle));
        let sent = Instant::now();
        let answer = member.get(&path).await?;
        http_times.push(sent.elapsed());
        server_times.push(answer.server);
        hits += answer.body.as_array().map_or(0, Vec::len);
    }

    let b = backend.name();
    let name = format!("search, {entries} entries");
    let p95 = server_times.percentile(95.0);
    let http_p95 = http_times.percentile(95.0);
    let rate = entries as f64 / import_time.as_secs_f64();
    Ok(vec![
        Row::new(&name, b, format!("server {}", server_times.summary(&[50.0, 95.0, 99.0])))
            .target("p95 ≤ 5 ms", p95 <= 5.0)
            .figure("server_p50_ms", server_times.percentile(50.0))
            .figure("server_p95_ms", p95)
            .figure("server_p99_ms", server_times.percentile(99.0))
            .figure("mean_results", hits as f64 / QUERIES as f64),
        Row::new(&name, b, format!("HTTP {}", http_times.summary(&[50.0, 95.0, 99.0])))
            .target("p95 ≤ 10 ms", http_p95 <= 10.0)
            .figure("http_p50_ms", http_times.percentile(50.0))
            .figure("http_p95_ms", http_p95)
            .figure("http_p99_ms", http_times.percentile(99.0)),
        Row::new(
            format!("import {entries} entries"),
            b,
            format!("{} ({rate:.0} entries/s)", ms(import_time.as_secs_f64() * 1000.0)),
        )
        .target("≤ 20 s", import_time.as_secs_f64() <= 20.0)
        .figure("import_seconds", import_time.as_secs_f64()),
    ])
}

/// Imports the entries in batches of the largest import allowed. Entry 0 has
/// the member's password; the others get generated ones.
async fn import(admin: &Person, org: i64, entries: usize) -> Result<()> {
    for start in (0..entries).step_by(IMPORT_ROWS_MAX) {
        let rows: Vec<Value> = (start..(start + IMPORT_ROWS_MAX).min(entries))
            .map(|i| {
                let (display_name, alias, email) = entry(i);
                let password = (i == 0).then_some(PASSWORD);
                json!({ "email": email, "alias": alias, "display_name": display_name,
                    "designation": "Engineer", "department": "Bench", "is_admin": false, "password": password })
            })
            .collect();
        let answer = admin.post(&format!("/api/admin/orgs/{org}/directory"), &json!({ "entries": rows })).await?;
        let imported = answer.body["imported"].as_u64().unwrap_or(0) as usize;
        if imported != rows.len() {
            bail!("imported {imported} of {} rows", rows.len());
        }
    }
    Ok(())
}

/// The `q`-th search: a 2–6 character prefix of a first name, last name,
/// alias or e-mail of some entry.
fn needle(q: usize, entries: usize) -> String {
    let i = q.wrapping_mul(7919) % entries.max(1);
    let (display, alias, email) = entry(i);
    let mut words = display.split(' ');
    let field = match q % 4 {
        0 => words.next().unwrap_or_default().to_owned(),
        1 => words.nth(1).unwrap_or_default().to_owned(),
        2 => alias,
        _ => email,
    };
    field.chars().take(2 + q % 5).collect()
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
