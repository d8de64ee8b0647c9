//! The `samtal-server` command line: `serve`, `demo`, the provisioning
//! commands `create-org` and `import-directory`, `copy-database`, and
//! `backup` / `restore`.
//!
//! Flags of `serve` can also come from the environment (`docs/PRODUCT.md`,
//! "Bootstrapping a server"), which is how scripts and containers set them.
//! Provisioning and the demo drive the real API in-process (see
//! [`client::InProcess`]), so what they create obeys every rule an HTTP
//! client would meet.

mod args;
pub mod backup;
pub mod client;
pub mod copy;
pub mod demo;
pub mod provision;
pub mod serve;

pub use args::{
    BackupArgs, Cli, Command, CopyDatabaseArgs, CreateOrgArgs, DemoArgs, ImportDirectoryArgs, InstallationArgs,
    ProvisionAccess, RestoreArgs, ServeArgs,
};

/// Runs a parsed command line to completion.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => serve::serve(args.config(), args.bind).await,
        Command::Demo(args) => demo::run(args).await,
        Command::CopyDatabase(args) => copy::run(&args).await,
        Command::Backup(args) => {
            let manifest = backup::backup(&args.installation.config(), &args.to).await?;
            println!("Backed up the database and {} attachments to {}.", manifest.attachments, args.to.display());
            if !manifest.missing.is_empty() {
                println!(
                    "{} unsent uploads were removed while backing up; their rows go at the restored server's next sweep.",
                    manifest.missing.len()
                );
            }
            Ok(())
        }
        Command::Restore(args) => {
            let manifest = backup::restore(&args.installation.config(), &args.from).await?;
            println!(
                "Restored a backup taken {} ago, with {} attachments, into {}.",
                backup::age(crate::time::now_ms() - manifest.created_at),
                manifest.attachments,
                args.installation.data.display()
            );
            Ok(())
        }
        Command::CreateOrg(args) => {
            let org = provision::create_org(&args).await?;
            println!(
                "Created organization {} ({}) with id {}; {} is its admin.",
                org.name, org.domain, org.id, args.operator
            );
            Ok(())
        }
        Command::ImportDirectory(args) => {
            let result = provision::import_directory(&args).await?;
            print!("{}", provision::import_report(&result));
            if result.imported as usize != result.results.len() {
                anyhow::bail!(
                    "{} of {} rows were not imported",
                    result.results.len() - result.imported as usize,
                    result.results.len()
                );
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
