//! Splitting front matter from the body, on any text: no panic; the body is the end of
//! the file and starts on the line folio says; an error names a place in the file.

use std::path::Path;

use folio::content::parse_source;

use super::{cases, check, markup};

const PIECES: &[&str] = &[
    "+++",
    "---",
    "+++\n",
    "---\n",
    "\n",
    "\r\n",
    "title = \"T\"\n",
    "title: T\n",
    "date = 2025-01-01\n",
    "date: soon\n",
    "tags = [\"a\", 1]\n",
    "tags: [a, b]\n",
    "draft = true\n",
    "slug = \"x\"\n",
    "[extra]\n",
    "[taxonomies]\n",
    "= ",
    ": ",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    "- ",
    "#",
    " ",
    "\t",
    "\u{feff}",
    "é",
    "日本",
    "x",
    "1",
    "sort_by = \"nope\"\n",
    "weight = 1.5\n",
    "aliases = [\"/a/\"]\n",
    "authors = \"Ann\"\n",
    "authors: [Ann, 2]\n",
    "&a",
    "*a",
    "!!str ",
];

#[test]
fn front_matter_splits_anything_without_panicking() {
    check(
        "front-matter",
        cases(1500),
        markup(PIECES.to_vec(), 40),
        |text: &String| {
            let path = Path::new("post.md");
            match parse_source(path, text, &["authors".to_string()]) {
                Ok(source) => {
                    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                    if !text.ends_with(&source.body) {
                        return Err(format!("body {:?} is not the end of the file", source.body));
                    }
                    let start = text.len() - source.body.len();
                    let line = text[..start].matches('\n').count() + 1;
                    if source.body_line != line && !source.body.is_empty() {
                        return Err(format!(
                            "body starts on line {line}, said {}",
                            source.body_line
                        ));
                    }
                    Ok(())
                }
                Err(e) => {
                    let message = e.to_string();
                    let lines = text.lines().count().max(1) + 1;
                    let place = message
                        .strip_prefix("post.md:")
                        .ok_or(format!("no path: {message}"))?;
                    let line: usize = place
                        .split(':')
                        .next()
                        .and_then(|l| l.parse().ok())
                        .ok_or(format!("no line: {message}"))?;
                    if line == 0 || line > lines {
                        return Err(format!("line {line} of {lines}: {message}"));
                    }
                    Ok(())
                }
            }
        },
    );
}
