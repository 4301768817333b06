//! Sitemaps (sitemaps.org) as Hugo writes them: one `sitemap.xml` for a site of one
//! language; for several, one per language, whose translated pages list their
//! alternates (`xhtml:link`), and a sitemap index. And the `robots.txt` that points at it.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::date::Date;
use crate::feed::xml_safe;

const IO: &str = "writing XML to memory cannot fail";
const SITEMAPS_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

pub struct Entry<'a> {
    pub url: String,
    pub lastmod: Option<&'a Date>,
    /// The page in every language it exists in, itself included; empty for a page
    /// without translations.
    pub alternates: Vec<Alternate>,
}

/// A version of a page in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternate {
    /// The language code.
    pub hreflang: String,
    pub url: String,
}

/// A `<urlset>`. Entries are written sorted by URL so the file does not depend on build
/// order.
pub fn render(mut entries: Vec<Entry>) -> Vec<u8> {
    entries.sort_by(|a, b| a.url.cmp(&b.url));
    entries.dedup_by(|a, b| a.url == b.url);
    let mut w = start();
    let mut urlset = BytesStart::new("urlset").with_attributes([("xmlns", SITEMAPS_NS)]);
    if entries.iter().any(|e| !e.alternates.is_empty()) {
        urlset.push_attribute(("xmlns:xhtml", "http://www.w3.org/1999/xhtml"));
    }
    w.write_event(Event::Start(urlset)).expect(IO);
    for entry in &entries {
        w.write_event(Event::Start(BytesStart::new("url")))
            .expect(IO);
        element(&mut w, "loc", &entry.url);
        if let Some(date) = entry.lastmod {
            element(&mut w, "lastmod", &date.to_string());
        }
        for alternate in &entry.alternates {
            let link = BytesStart::new("xhtml:link").with_attributes([
                ("rel", "alternate"),
                ("hreflang", xml_safe(&alternate.hreflang).as_ref()),
                ("href", xml_safe(&alternate.url).as_ref()),
            ]);
            w.write_event(Event::Empty(link)).expect(IO);
        }
        w.write_event(Event::End(BytesEnd::new("url"))).expect(IO);
    }
    finish(w, "urlset")
}

/// A sitemap in a `<sitemapindex>`.
pub struct Sitemap<'a> {
    pub url: String,
    /// The newest `lastmod` of its entries.
    pub lastmod: Option<&'a Date>,
}

/// The `<sitemapindex>` listing each language's sitemap, in the order given.
pub fn index(sitemaps: &[Sitemap]) -> Vec<u8> {
    let mut w = start();
    let index = BytesStart::new("sitemapindex").with_attributes([("xmlns", SITEMAPS_NS)]);
    w.write_event(Event::Start(index)).expect(IO);
    for sitemap in sitemaps {
        w.write_event(Event::Start(BytesStart::new("sitemap")))
            .expect(IO);
        element(&mut w, "loc", &sitemap.url);
        if let Some(date) = sitemap.lastmod {
            element(&mut w, "lastmod", &date.to_string());
        }
        w.write_event(Event::End(BytesEnd::new("sitemap")))
            .expect(IO);
    }
    finish(w, "sitemapindex")
}

fn start() -> Writer<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("utf-8"),
        Some("yes"),
    )))
    .expect(IO);
    w
}

fn finish(mut w: Writer<Vec<u8>>, root: &str) -> Vec<u8> {
    w.write_event(Event::End(BytesEnd::new(root))).expect(IO);
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

fn element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) {
    w.write_event(Event::Start(BytesStart::new(name)))
        .expect(IO);
    w.write_event(Event::Text(BytesText::new(&xml_safe(text))))
        .expect(IO);
    w.write_event(Event::End(BytesEnd::new(name))).expect(IO);
}

pub fn robots(sitemap_url: &str) -> Vec<u8> {
    format!("User-agent: *\nAllow: /\nSitemap: {sitemap_url}\n").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternates_and_index() {
        let date = Date::parse("2025-07-06T09:00:00Z").unwrap();
        let alternate = |hreflang: &str, url: &str| Alternate {
            hreflang: hreflang.into(),
            url: url.into(),
        };
        let xml = String::from_utf8(render(vec![Entry {
            url: "https://x.org/zh/a/".into(),
            lastmod: Some(&date),
            alternates: vec![
                alternate("en", "https://x.org/en/a/"),
                alternate("zh-CN", "https://x.org/zh/a/"),
            ],
        }]))
        .unwrap();
        assert!(xml.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">"), "{xml}");
        assert!(xml.contains("<lastmod>2025-07-06T09:00:00+00:00</lastmod>\n    <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://x.org/en/a/\"/>\n    <xhtml:link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://x.org/zh/a/\"/>\n  </url>"), "{xml}");
        let index = String::from_utf8(index(&[Sitemap {
            url: "https://x.org/en/sitemap.xml".into(),
            lastmod: Some(&date),
        }]))
        .unwrap();
        assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <sitemap>\n    <loc>https://x.org/en/sitemap.xml</loc>\n    <lastmod>2025-07-06T09:00:00+00:00</lastmod>\n  </sitemap>\n</sitemapindex>"), "{index}");
    }
}
