//! `samtal-server copy-database`: moves an installation from SQLite to an
//! empty PostgreSQL database. Attachments stay in the data directory;
//! serve the copy with the same `--data`.

use anyhow::{Context, bail};

use super::args::CopyDatabaseArgs;
use crate::store::DatabaseUrl;
use crate::store::postgres::PostgresStore;
use crate::store::sqlite::SqliteStore;

/// Copies `--from` into `--to`, printing what moved.
pub async fn run(args: &CopyDatabaseArgs) -> anyhow::Result<()> {
    let (DatabaseUrl::Sqlite(from), DatabaseUrl::Postgres(to)) = (&args.from, &args.to) else {
        bail!("copy-database copies from sqlite://PATH to postgres://…; got {} to {}", args.from, args.to);
    };
    if !from.exists() {
        bail!("there is no database at {}", from.display());
    }
    let source = SqliteStore::open_file(from).await.with_context(|| format!("opening {}", args.from))?;
    let target = PostgresStore::open(to).await.with_context(|| format!("opening {}", args.to))?;
    let report = target.copy_from_sqlite(source.pool()).await.with_context(|| format!("copying into {}", args.to))?;
    for (table, rows) in &report {
        println!("{table}: {rows} rows");
    }
    println!("Copied {} to {}.", args.from, args.to);
    Ok(())
}
