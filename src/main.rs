use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use folio::build::{self, BuildOptions};

/// folio: a static site generator for technical writing with math.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (`public/` by default).
    Build {
        /// The site folder, holding config.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: `output_dir` from config.toml).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override `base_url`, e.g. for a preview deployment.
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Render every formula afresh instead of using the math cache.
        #[arg(long)]
        no_cache: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            no_cache,
        } => build::build(&BuildOptions {
            root,
            output,
            base_url,
            drafts,
            cache: !no_cache,
        })
        .map(|report| {
            for warning in &report.warnings {
                eprintln!("{warning}");
            }
            println!("{report}");
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
