//! Feeds from any titles and summaries (XML-forbidden characters included, and summaries
//! rendered from any Markdown) parse as XML, and keep every character XML allows.

use folio::config::MathConfig;
use folio::feed::{self, Channel, Item};
use folio::markdown::{self, MarkdownOptions};

use super::markdown::{PIECES, source};
use super::{cases, check, markup};

const TITLE_PIECES: &[&str] = &[
    "]]>",
    "<",
    ">",
    "&",
    "&amp;",
    "\"",
    "'",
    "\u{0}",
    "\u{8}",
    "\u{b}",
    "\u{1f}",
    "\u{7f}",
    "\u{85}",
    "\u{FFFE}",
    "\u{FFFF}",
    "\u{D7FF}",
    "\u{E000}",
    "\u{10FFFF}",
    "\r",
    "\r\n",
    "\n",
    "\t",
    " ",
    "é",
    "日本",
    "🙂",
    "a",
    "<![CDATA[",
    "<!--",
    "-->",
    "?>",
];

/// `text` as written through `xml_safe`, line ends aside (parsers may normalise them).
fn as_parsed(text: &str) -> String {
    feed::xml_safe(text).replace(['\r', '\n'], "")
}

#[test]
fn feeds_parse_whatever_the_titles_and_summaries() {
    let math = MathConfig::default();
    let options = MarkdownOptions::plain(&math);
    let strategy = (
        markup(TITLE_PIECES.to_vec(), 20),
        markup(PIECES.to_vec(), 30),
        markup(TITLE_PIECES.to_vec(), 10),
    );
    check(
        "feeds",
        cases(800),
        strategy,
        |(title, summary, section): &(String, String, String)| {
            let description = markdown::render(&source(summary), &options).summary;
            let channel = Channel {
                title: format!("{section} on Site"),
                link: "https://example.org/".into(),
                description: format!("Recent content in {section}"),
                language: "en",
                self_url: "https://example.org/index.xml".into(),
                items: vec![Item {
                    title: title.as_str(),
                    link: "https://example.org/a/".into(),
                    date: None,
                    description: &description,
                    content: Some(&description),
                }],
            };
            let xml = String::from_utf8(feed::render(&channel)).map_err(|e| e.to_string())?;
            let doc = roxmltree::Document::parse(&xml).map_err(|e| format!("{e}\n{xml}"))?;
            let text_of = |name: &str, nth: usize| {
                doc.descendants()
                    .filter(|n| n.has_tag_name(name))
                    .nth(nth)
                    .map(|n| n.text().unwrap_or_default().replace(['\r', '\n'], ""))
                    .unwrap_or_default()
            };
            for (got, wanted) in [
                (text_of("title", 1), as_parsed(title)),
                (text_of("description", 1), as_parsed(&description)),
                (text_of("encoded", 0), as_parsed(&description)),
                (text_of("title", 0), as_parsed(&channel.title)),
            ] {
                if got != wanted {
                    return Err(format!("read back {got:?}, wrote {wanted:?}"));
                }
            }
            Ok(())
        },
    );
}
