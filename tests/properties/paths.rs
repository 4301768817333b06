//! Pages and aliases from any file names, `slug` and `aliases` values are written inside
//! the output folder: every output path is relative, with plain names only.

use std::path::{Component, Path};

use folio::config::Config;
use folio::content::{self, Permalink};

use super::{cases, check, markup};

const NAME_PIECES: &[&str] = &[
    "..", ".", "/", "\\", "a", "B", "-", "_", " ", "é", "日本", "🙂", "%2e", "%2F", "~", ":", "C:",
    "//", "\u{0}", "#", "?",
];

fn inside(path: &Path) -> bool {
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[test]
fn output_paths_stay_inside_the_output_folder() {
    let config = Config::parse(
        "base_url = \"https://example.org/blog/\"\ntitle = \"T\"\n",
        Path::new("config.toml"),
    )
    .unwrap();
    let strategy = (
        markup(NAME_PIECES.to_vec(), 8),
        markup(NAME_PIECES.to_vec(), 8),
        markup(NAME_PIECES.to_vec(), 8),
    );
    check(
        "paths",
        cases(400),
        strategy,
        |(stem, slug, alias): &(String, String, String)| {
            let stem = stem.replace(['/', '\0'], "");
            if matches!(stem.as_str(), "" | "." | ".." | "_index") {
                return Ok(());
            }
            let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
            let content_dir = dir.path().join("content");
            std::fs::create_dir_all(content_dir.join("posts")).map_err(|e| e.to_string())?;
            let front = format!(
                "+++\ntitle = \"T\"\nslug = {}\naliases = [{}]\n+++\nBody\n",
                toml_string(slug),
                toml_string(alias)
            );
            let file = content_dir.join("posts").join(format!("{stem}.md"));
            std::fs::write(&file, front).map_err(|e| e.to_string())?;
            let Ok(site) = content::load(&config, &content_dir, false) else {
                return Ok(());
            };
            for page in &site.pages {
                let mut outputs = vec![page.permalink.output_file(&config)];
                outputs.extend(
                    page.source
                        .meta
                        .aliases
                        .iter()
                        .map(|a| Permalink::site_root(&config, a).output_file(&config)),
                );
                for output in outputs {
                    if !inside(&output) {
                        return Err(format!(
                            "{} is written to {}",
                            file.display(),
                            output.display()
                        ));
                    }
                }
            }
            Ok(())
        },
    );
}

fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}
