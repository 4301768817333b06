//! RSS 2.0 feeds in exactly the shape Hugo gives them (see shared/reference).

use quick_xml::Writer;
use quick_xml::escape::minimal_escape;
use quick_xml::events::{BytesCData, BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use serde::Deserialize;

use crate::date::Date;

/// `[feeds]` of `config.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedsConfig {
    /// Hugo's `rssLimit`: the newest this many items in each feed; unset, all of them.
    pub limit: Option<std::num::NonZeroUsize>,
    /// Each item also carries the whole post in `content:encoded`.
    #[serde(default)]
    pub full_content: bool,
}

pub struct Channel<'a> {
    pub title: String,
    pub link: String,
    pub description: String,
    pub language: &'a str,
    /// The feed's own URL, for `atom:link rel="self"`.
    pub self_url: String,
    /// Newest first.
    pub items: Vec<Item<'a>>,
}

pub struct Item<'a> {
    pub title: &'a str,
    pub link: String,
    pub date: Option<&'a Date>,
    /// The summary as HTML; written as escaped text, as Hugo does.
    pub description: &'a str,
    /// The whole post as HTML, for `content:encoded`, when feeds carry it.
    pub content: Option<&'a str>,
}

/// Drops characters that XML 1.0 forbids (quick-xml would write them through).
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    if text.chars().all(allowed) {
        text.into()
    } else {
        text.chars()
            .filter(|&c| allowed(c))
            .collect::<String>()
            .into()
    }
}

pub fn render(channel: &Channel) -> Vec<u8> {
    let mut w = Writer::new(Vec::with_capacity(4096 + channel.items.len() * 2048));
    let io = "writing XML to memory cannot fail";
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("utf-8"),
        Some("yes"),
    )))
    .expect(io);
    let mut rss = BytesStart::new("rss").with_attributes([
        ("version", "2.0"),
        ("xmlns:atom", "http://www.w3.org/2005/Atom"),
    ]);
    // Declared only when used, so a feed without full content keeps Hugo's shape.
    if channel.items.iter().any(|i| i.content.is_some()) {
        rss.push_attribute(("xmlns:content", CONTENT_NS));
    }
    w.write_event(Event::Start(rss)).expect(io);
    w.write_event(Event::Start(BytesStart::new("channel")))
        .expect(io);
    text_element(&mut w, "title", &channel.title);
    text_element(&mut w, "link", &channel.link);
    text_element(&mut w, "description", &channel.description);
    text_element(&mut w, "generator", "folio");
    text_element(&mut w, "language", channel.language);
    // The newest item's date, so rebuilding unchanged content gives an identical feed.
    if let Some(newest) = channel.items.iter().filter_map(|i| i.date).max() {
        text_element(&mut w, "lastBuildDate", &newest.rfc822());
    }
    let atom = BytesStart::new("atom:link").with_attributes([
        ("href", xml_safe(&channel.self_url).as_ref()),
        ("rel", "self"),
        ("type", "application/rss+xml"),
    ]);
    w.write_event(Event::Empty(atom)).expect(io);
    for item in &channel.items {
        w.write_event(Event::Start(BytesStart::new("item")))
            .expect(io);
        text_element(&mut w, "title", item.title);
        text_element(&mut w, "link", &item.link);
        if let Some(date) = item.date {
            text_element(&mut w, "pubDate", &date.rfc822());
        }
        text_element(&mut w, "guid", &item.link);
        text_element(&mut w, "description", item.description);
        if let Some(content) = item.content {
            cdata_element(&mut w, "content:encoded", content);
        }
        w.write_event(Event::End(BytesEnd::new("item"))).expect(io);
    }
    w.write_event(Event::End(BytesEnd::new("channel")))
        .expect(io);
    w.write_event(Event::End(BytesEnd::new("rss"))).expect(io);
    w.into_inner()
}

/// Hugo escapes only `<` and `&` in text; matching it keeps feeds byte-comparable.
fn text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) {
    let io = "writing XML to memory cannot fail";
    w.write_event(Event::Start(BytesStart::new(name)))
        .expect(io);
    let escaped = minimal_escape(xml_safe(text));
    // `]]>` may not appear in XML text; escaping its `>` keeps the rest as Hugo writes it.
    let escaped = if escaped.contains("]]>") {
        escaped.replace("]]>", "]]&gt;").into()
    } else {
        escaped
    };
    w.write_event(Event::Text(BytesText::from_escaped(escaped)))
        .expect(io);
    w.write_event(Event::End(BytesEnd::new(name))).expect(io);
}

/// The RSS 1.0 content module, whose `content:encoded` readers take for the whole post.
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";

/// HTML as CDATA, as feeds commonly carry `content:encoded`: readers see the markup as
/// written. A `]]>` in the text ends one section and opens the next.
fn cdata_element(w: &mut Writer<Vec<u8>>, name: &str, html: &str) {
    let io = "writing XML to memory cannot fail";
    w.write_event(Event::Start(BytesStart::new(name)))
        .expect(io);
    for part in BytesCData::escaped(&xml_safe(html)) {
        w.write_event(Event::CData(part)).expect(io);
    }
    w.write_event(Event::End(BytesEnd::new(name))).expect(io);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_dropped() {
        assert_eq!(xml_safe("a\u{8}b\u{FFFE}c"), "abc");
        assert_eq!(xml_safe("fine\ttext"), "fine\ttext");
    }

    /// The feed of a channel titled T with `item` alone.
    fn one_item(item: Item) -> String {
        let channel = Channel {
            title: "T".into(),
            link: "https://x.org/".into(),
            description: "Recent content on T".into(),
            language: "en",
            self_url: "https://x.org/index.xml".into(),
            items: vec![item],
        };
        String::from_utf8(render(&channel)).unwrap()
    }

    #[test]
    fn escapes_like_hugo() {
        let d = Date::parse("2025-07-06T09:00:00Z").unwrap();
        let xml = one_item(Item {
            title: "A & B",
            link: "https://x.org/a/".into(),
            date: Some(&d),
            description: "<p>x \u{8}&ndash; y</p>",
            content: None,
        });
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?><rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>T</title>"));
        assert!(xml.contains("<title>A &amp; B</title>"));
        assert!(xml.contains("<description>&lt;p>x &amp;ndash; y&lt;/p></description>"));
        assert!(xml.contains("<lastBuildDate>Sun, 06 Jul 2025 09:00:00 +0000</lastBuildDate><atom:link href=\"https://x.org/index.xml\" rel=\"self\" type=\"application/rss+xml\"/>"));
    }

    #[test]
    fn full_content_is_cdata_in_the_content_namespace() {
        let xml = one_item(Item {
            title: "A",
            link: "https://x.org/a/".into(),
            date: None,
            description: "<p>short</p>",
            content: Some("<p>all of it, even ]]> this</p>"),
        });
        assert!(xml.contains(" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"));
        assert!(xml.contains("<description>&lt;p>short&lt;/p></description><content:encoded><![CDATA[<p>all of it, even ]]]]><![CDATA[> this</p>]]></content:encoded></item>"), "{xml}");
    }
}
