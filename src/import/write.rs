//! folio's `config.toml`, written whole or not at all: to a temporary file beside it,
//! then renamed over it.

use std::path::Path;

use super::error::{ImportError, Result};
use super::files::{ConfigFile, shown};
use super::folio::FolioConfig;

pub fn write(
    target: &Path,
    config: &FolioConfig,
    sources: &[ConfigFile],
    root: &Path,
) -> Result<()> {
    let text = render(config, &sources_named(sources, root)).map_err(|e| ImportError::Write {
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

/// `hugo.toml and config/ (15 files)`.
fn sources_named(sources: &[ConfigFile], root: &Path) -> String {
    let config_dir = shown(root, "config");
    let (in_dir, alone): (Vec<&ConfigFile>, Vec<&ConfigFile>) = sources
        .iter()
        .partition(|f| f.path.starts_with(&config_dir));
    let mut names: Vec<String> = alone.iter().map(|f| f.path.display().to_string()).collect();
    match in_dir.as_slice() {
        [] => {}
        [one] => names.push(one.path.display().to_string()),
        many => names.push(format!("{}/ ({} files)", config_dir.display(), many.len())),
    }
    names.join(" and ")
}

fn render(config: &FolioConfig, sources: &str) -> Result<String, toml::ser::Error> {
    let body = toml::to_string(config)?;
    let math_note = "# Hugo rendered this site's math in the browser, where no formula was checked: `folio build`\n\
                     # warns about each one KaTeX rejects. Fix them, then set errors = \"error\".\n[math]\n";
    Ok(format!(
        "# folio's config, written by `folio import hugo` from {sources}.\n\n{}",
        body.replacen("\n[math]\n", &format!("\n{math_note}"), 1)
    ))
}
