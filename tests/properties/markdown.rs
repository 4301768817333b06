//! The math delimiter scanner and the Markdown writer on any text: no panic, every math
//! span and warning at a real place of the source, every placeholder a real span.

use std::path::PathBuf;

use folio::config::MathConfig;
use folio::content::{FrontMatter, Source};
use folio::error::Location;
use folio::markdown::{self, MarkdownOptions};
use folio::math;

use super::{cases, check, markup};

pub const PIECES: &[&str] = &[
    "$",
    "$$",
    "\\$",
    "\\(",
    "\\)",
    "\\[",
    "\\]",
    "{",
    "}",
    "\\{",
    "\\frac{1}{2}",
    "x^2",
    "a_1",
    "\n",
    "\n\n",
    "- ",
    "+ ",
    "* ",
    "1. ",
    "2) ",
    "> ",
    "=",
    "===",
    "---",
    "`",
    "```\n",
    "~~~\n",
    "    ",
    "|",
    "| a | b |\n|---|---|\n",
    "\\|",
    "a",
    "word ",
    "1",
    "5",
    " ",
    "é",
    "日本",
    "\u{E000}",
    "\u{E001}",
    "\u{E003}",
    "<div>",
    "</div>",
    "<!--more-->",
    "<!-- c -->",
    "# ",
    "## ",
    "*",
    "_",
    "\\",
    "\\begin{aligned}",
    "\\end{aligned}",
    "&",
    "\\\\",
    "[link](x)",
    "![i](p.png)",
    "\t",
    "\r\n",
    "[^1]",
    "[^1]: note\n",
    "{#id}",
    "~~",
    "\\text{é}",
];

pub fn source(body: &str) -> Source {
    Source {
        path: PathBuf::from("post.md"),
        meta: FrontMatter::default(),
        body: body.to_string(),
        body_line: 1,
        has_cjk: false,
    }
}

/// Whether `location` is a character position of `text`, or just past its last one.
fn real_place(text: &str, location: &Location) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    location.line >= 1
        && location.line <= lines.len()
        && location.col >= 1
        && location.col <= lines[location.line - 1].chars().count() + 1
}

#[test]
fn math_spans_and_warnings_point_into_the_source() {
    let math = MathConfig::default();
    let options = MarkdownOptions {
        summary_length: 5,
        ..MarkdownOptions::plain(&math)
    };
    check(
        "markdown",
        cases(2000),
        markup(PIECES.to_vec(), 60),
        |text: &String| {
            if markdown::forbidden_character(text).is_some() {
                return Ok(()); // refused with an error when the site loads
            }
            let rendered = markdown::render(&source(text), &options);
            for span in &rendered.math {
                if !real_place(text, &span.location) {
                    return Err(format!("span {span:?} is nowhere in the source"));
                }
            }
            for warning in &rendered.warnings {
                if !real_place(text, &warning.location) {
                    return Err(format!("warning {warning} is nowhere in the source"));
                }
            }
            let html = rendered.html.unpack();
            let placeholders = math::indices(&html).chain(math::indices(&rendered.summary));
            for index in placeholders {
                if index >= rendered.math.len() {
                    return Err(format!(
                        "placeholder {index} of {} spans",
                        rendered.math.len()
                    ));
                }
            }
            Ok(())
        },
    );
}
