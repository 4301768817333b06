//! `sitemap.xml` (sitemaps.org) and the `robots.txt` that points at it.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::date::Date;
use crate::feed::xml_safe;

pub struct Entry<'a> {
    pub url: String,
    pub lastmod: Option<&'a Date>,
}

/// Entries are written sorted by URL so the file does not depend on build order.
pub fn render(mut entries: Vec<Entry>) -> Vec<u8> {
    entries.sort_by(|a, b| a.url.cmp(&b.url));
    entries.dedup_by(|a, b| a.url == b.url);
    let io = "writing XML to memory cannot fail";
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("utf-8"),
        Some("yes"),
    )))
    .expect(io);
    let urlset = BytesStart::new("urlset")
        .with_attributes([("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")]);
    w.write_event(Event::Start(urlset)).expect(io);
    for entry in &entries {
        w.write_event(Event::Start(BytesStart::new("url")))
            .expect(io);
        element(&mut w, "loc", &entry.url);
        if let Some(date) = entry.lastmod {
            element(&mut w, "lastmod", &date.to_string());
        }
        w.write_event(Event::End(BytesEnd::new("url"))).expect(io);
    }
    w.write_event(Event::End(BytesEnd::new("urlset")))
        .expect(io);
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

fn element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) {
    let io = "writing XML to memory cannot fail";
    w.write_event(Event::Start(BytesStart::new(name)))
        .expect(io);
    w.write_event(Event::Text(BytesText::new(&xml_safe(text))))
        .expect(io);
    w.write_event(Event::End(BytesEnd::new(name))).expect(io);
}

pub fn robots(sitemap_url: &str) -> Vec<u8> {
    format!("User-agent: *\nAllow: /\nSitemap: {sitemap_url}\n").into_bytes()
}
