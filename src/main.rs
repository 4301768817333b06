use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use folio::check::{self, CheckOptions};
use folio::import::{self, ImportOptions};
use folio::math::CacheUse;
use folio::scaffold;
use folio::serve::{self, ServeOptions};
use folio::site::{self, BuildOptions};

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
        /// Render every formula and code block afresh instead of using the cache.
        #[arg(long)]
        no_cache: bool,
        /// Print the time of each phase and template as a table.
        #[arg(long)]
        timings: bool,
    },
    /// Serve the site from memory with live reload, rebuilding on every change.
    Serve {
        /// The site folder, holding config.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on; 0 picks any free port.
        #[arg(long, default_value_t = serve::DEFAULT_PORT)]
        port: u16,
        /// The address to listen on; 0.0.0.0 makes the site reachable from other machines.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Include pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Print the time of each phase and template of every rebuild as a table.
        #[arg(long)]
        timings: bool,
    },
    /// Check that every link of the site resolves, and every #anchor exists.
    Check {
        /// The site folder, holding config.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also check links to other sites (http and https).
        #[arg(long)]
        external: bool,
        /// Seconds to wait for each external link.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
        /// How many external links to check at once.
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
    },
    /// Create a post with its front matter filled in, e.g. `content/posts/my-post.md`.
    New {
        /// The Markdown file to create; its name gives the title.
        path: PathBuf,
    },
    /// Create a minimal working site in DIR (which must be empty or absent).
    Init {
        /// The folder to create the site in.
        dir: PathBuf,
    },
    /// Write folio's config.toml from another site generator's config.
    Import {
        #[command(subcommand)]
        from: ImportFrom,
    },
}

#[derive(Subcommand)]
enum ImportFrom {
    /// Read a Hugo site's config (hugo.toml, config.toml, …, config/_default/) and write
    /// folio's config.toml beside it, listing every setting it could not carry over.
    Hugo {
        /// The Hugo site's folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Replace an existing config.toml.
        #[arg(long)]
        force: bool,
    },
}

/// folio's own errors and `folio import`'s, each saying where and what to do.
type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(code) => code,
        // Every error says where and what to do; here it only gets its prefix.
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            no_cache,
            timings,
        } => build(
            &BuildOptions {
                root,
                output,
                base_url,
                drafts,
                cache: cache_use(no_cache),
            },
            timings,
        ),
        Command::Serve {
            root,
            port,
            bind,
            drafts,
            timings,
        } => {
            serve::run(&ServeOptions {
                root,
                bind,
                port,
                drafts,
                timings,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            root,
            external,
            timeout,
            concurrency,
        } => check(&CheckOptions {
            root,
            external,
            timeout: Duration::from_secs(timeout.max(1)),
            concurrency: concurrency.max(1),
        }),
        Command::New { path } => {
            let title = scaffold::new_post(&path)?;
            println!("created {} (\"{title}\", a draft)", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            scaffold::init(&dir)?;
            println!(
                "created a site in {0}: run `folio serve --root {0}` to see it",
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            from: ImportFrom::Hugo { root, force },
        } => {
            println!("{}", import::hugo(&ImportOptions { root, force })?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn cache_use(no_cache: bool) -> CacheUse {
    if no_cache {
        CacheUse::Off
    } else {
        CacheUse::ReadWrite
    }
}

fn build(options: &BuildOptions, timings: bool) -> Result<ExitCode> {
    let report = site::build(options);
    folio::math::stop_engines();
    let report = report?;
    for warning in &report.warnings {
        eprintln!("{warning}");
    }
    if timings {
        print!("{}", report.timings());
    }
    println!("{report}");
    Ok(ExitCode::SUCCESS)
}

fn check(options: &CheckOptions) -> Result<ExitCode> {
    let report = check::run(options)?;
    print!("{report}");
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
