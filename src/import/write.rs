//! folio's `config.toml`, written whole or not at all: to a temporary file beside it,
//! then renamed over it.

use std::path::Path;

use super::error::{ImportError, Result};
use super::files::ConfigFile;
use super::folio::FolioConfig;

pub fn write(target: &Path, config: &FolioConfig, sources: &[ConfigFile]) -> Result<()> {
    let text = render(config, sources).map_err(|e| ImportError::Write {
        path: target.to_path_buf(),
        source: std::io::Error::other(e),
    })?;
    let temporary = target.with_file_name(".config.toml.folio-import");
    let written =
        std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, target));
    written.map_err(|source| {
        // Best effort: the error that matters is the one reported.
        let _ = std::fs::remove_file(&temporary);
        ImportError::Write {
            path: target.to_path_buf(),
            source,
        }
    })
}

pub fn render(config: &FolioConfig, sources: &[ConfigFile]) -> Result<String, toml::ser::Error> {
    let names: Vec<String> = sources
        .iter()
        .map(|f| f.path.display().to_string())
        .collect();
    let body = toml::to_string(config)?;
    let math_note = "# Hugo rendered this site's math in the browser, where no formula was checked: `folio build`\n\
                     # warns about each one KaTeX rejects. Fix them, then set errors = \"error\".\n[math]\n";
    Ok(format!(
        "# folio's config, written by `folio import hugo` from {}.\n\n{}",
        names.join(", "),
        body.replacen("\n[math]\n", &format!("\n{math_note}"), 1)
    ))
}
