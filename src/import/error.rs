//! Why `folio import hugo` stopped without writing anything.

use std::path::PathBuf;

use crate::error::Location;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(
        "no Hugo config in {folder} (hugo.toml, hugo.yaml, hugo.json, config.toml, config.yaml, config.json or config/_default/): run this in the Hugo site's folder or point --root at it"
    )]
    NoHugoConfig { folder: String },

    /// A config file that is not valid TOML, YAML or JSON.
    #[error("{location}: not valid {format}: {message}")]
    Syntax {
        location: Location,
        format: &'static str,
        message: String,
    },

    /// Valid syntax, but a setting that folio cannot do without is missing or wrong.
    #[error("{location}: {message}")]
    Invalid { location: Location, message: String },

    #[error(
        "{} already exists: run `folio import hugo --force` to replace it",
        path.display()
    )]
    Exists { path: PathBuf },

    /// Hugo's own config is `config.toml`, the very file folio's config would replace.
    #[error(
        "{} is Hugo's config, where folio's config.toml goes: rename it to hugo.toml (Hugo reads that name first), then run `folio import hugo` again",
        path.display()
    )]
    HugoConfigInTheWay { path: PathBuf },

    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Reading a file or folder failed (not found, not UTF-8, no permission).
    #[error(transparent)]
    Read(#[from] crate::error::Error),
}

pub type Result<T, E = ImportError> = std::result::Result<T, E>;
