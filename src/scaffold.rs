//! `folio new` and `folio init`: starting points written for the author, never over
//! anything that exists.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use crate::content::title_from_folder;
use crate::date::Date;
use crate::error::{Error, Refusal, Result};

/// Creates the Markdown file `path` with TOML front matter: a title made from the file
/// name, the current date and `draft = true`. Returns the title.
pub fn new_post(path: &Path) -> Result<String> {
    if path.extension().is_none_or(|e| e != "md") {
        return Err(Error::Argument {
            flag: "folio new",
            value: path.display().to_string(),
            problem: "a post is a Markdown file: end the name in `.md`".into(),
        });
    }
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let title = title_from_folder(&stem);
    let date = Date::now();
    let text = format!(
        "+++\ntitle = {}\ndate = {date}\ndraft = true\n+++\n\n",
        toml::Value::String(title.clone())
    );
    create_new(path, &text)?;
    Ok(title)
}

/// Creates a minimal site in `dir`, which must be empty or absent: `folio build` builds
/// it as it is.
pub fn init(dir: &Path) -> Result<()> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_none();
        if !empty {
            return Err(Error::refused(dir, Refusal::NotEmpty));
        }
    }
    let title = dir
        .canonicalize()
        .ok()
        .as_deref()
        .unwrap_or(dir)
        .file_name()
        .map(|n| title_from_folder(&n.to_string_lossy()))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "My Site".into());
    let title = toml::Value::String(title);
    let date = Date::now();
    let files = [
        (
            "config.toml",
            format!(
                "# Where the site will live; `folio serve` overrides it while you write.\nbase_url = \"https://example.com/\"\ntitle = {title}\ndescription = \"\"\n"
            ),
        ),
        (
            "content/_index.md",
            format!("+++\ntitle = {title}\n+++\n\nWelcome! The latest posts are listed below.\n"),
        ),
        (
            "content/posts/hello-world.md",
            format!(
                "+++\ntitle = \"Hello, World\"\ndate = {date}\ntags = [\"meta\"]\n+++\n\nThis is the first post. folio renders math at build time, inline like\n$e^{{i\\pi}} + 1 = 0$, or on a line of its own:\n\n$$\n\\int_0^1 x^2 \\, dx = \\frac{{1}}{{3}}\n$$\n\nAdd posts with `folio new content/posts/NAME.md`.\n"
            ),
        ),
        (".gitignore", "/public/\n/.folio-cache/\n".into()),
    ];
    for (name, text) in &files {
        create_new(&dir.join(name), text)?;
    }
    // Empty, for the author's own templates (overriding the built-in ones by name) and
    // files copied as they are.
    for name in ["templates", "static"] {
        let path = dir.join(name);
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

fn create_new(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::refused(path, Refusal::Exists),
            _ => Error::io(path, e),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(path, e))
}
