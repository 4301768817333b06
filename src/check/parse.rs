//! Reading the built HTML for what the check needs: every link, and every id an anchor
//! can point to.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use lol_html::{HtmlRewriter, Settings, element};
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::output::{FileContent, Files};

/// What a page holds: its links (every `href` and `src`, decoded), and the ids that
/// anchors can point to.
#[derive(Default)]
pub struct Parsed {
    pub links: Vec<String>,
    pub ids: BTreeSet<String>,
}

/// Every HTML file in the output, by its path there.
pub fn parse_all(files: &Files) -> Result<BTreeMap<PathBuf, Parsed>> {
    files
        .par_iter()
        .filter(|(path, _)| is_html(path))
        .map(|(path, file)| {
            let bytes = match &file.content {
                FileContent::Bytes(bytes) => Cow::Borrowed(bytes.as_slice()),
                FileContent::Copy(from) => {
                    Cow::Owned(std::fs::read(from).map_err(|e| Error::io(from, e))?)
                }
                // `folio check` renders into memory, where nothing is staged.
                FileContent::Written => Cow::Borrowed(&[][..]),
            };
            Ok((path.clone(), parse(&bytes)))
        })
        .collect()
}

fn is_html(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "html" || e == "htm")
}

fn parse(html: &[u8]) -> Parsed {
    let mut parsed = Parsed::default();
    {
        let mut rewriter = HtmlRewriter::new(
            Settings::new().append_element_content_handler(element!("*", |el| {
                for name in ["href", "src"] {
                    if let Some(value) = el.get_attribute(name) {
                        parsed.links.push(decode_entities(value.trim()));
                    }
                }
                if let Some(id) = el.get_attribute("id") {
                    parsed.ids.insert(decode_entities(&id));
                }
                if el.tag_name() == "a"
                    && let Some(name) = el.get_attribute("name")
                {
                    parsed.ids.insert(decode_entities(&name));
                }
                Ok(())
            })),
            |_: &[u8]| {},
        );
        // The parser recovers from any markup, as browsers do; an error here can only
        // come from a handler, and ours return none.
        let _ = rewriter.write(html);
        let _ = rewriter.end();
    }
    parsed
}

/// Attribute values as written may hold character references; links compare decoded.
fn decode_entities(text: &str) -> String {
    html_escape::decode_html_entities(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_character_references() {
        assert_eq!(decode_entities("a?x=1&amp;y=2"), "a?x=1&y=2");
        assert_eq!(decode_entities("&#x27;&#39;&quot;"), "''\"");
        assert_eq!(decode_entities("R&D; & more"), "R&D; & more");
        assert_eq!(decode_entities("#a&nbsp;b&eacute;"), "#a\u{a0}b\u{e9}");
    }

    #[test]
    fn parses_links_and_ids() {
        let parsed = parse(
            b"<p id=one><a href=\"/x/?a=1&amp;b=2#f\">x</a><a name=two></a><img src='i.png'></p>",
        );
        assert_eq!(parsed.links, ["/x/?a=1&b=2#f", "i.png"]);
        assert!(parsed.ids.contains("one") && parsed.ids.contains("two"));
    }
}
