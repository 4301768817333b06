//! Summaries are shown away from their page (in lists and feeds), where the page's
//! relative links would point elsewhere; this makes them absolute.

use lol_html::{RewriteStrSettings, element, rewrite_str};
use url::Url;

/// `html` with every relative `href` and `src` resolved against `page_url`.
pub fn absolutize(html: &str, page_url: &str) -> String {
    let Ok(base) = Url::parse(page_url) else {
        return html.to_string();
    };
    let resolve = |value: &str| -> Option<String> {
        let is_relative = Url::parse(value) == Err(url::ParseError::RelativeUrlWithoutBase);
        is_relative.then(|| base.join(value).ok().map(String::from))?
    };
    // Attribute values keep their character references both ways (`&amp;` stays
    // `&amp;`), so no decoding is needed around the join.
    let settings =
        RewriteStrSettings::new().append_element_content_handler(element!("[href], [src]", |el| {
            for name in ["href", "src"] {
                if let Some(absolute) = el.get_attribute(name).as_deref().and_then(resolve) {
                    el.set_attribute(name, &absolute)?;
                }
            }
            Ok(())
        }));
    // The HTML is folio's own output; if the rewriter still refuses it, the links stay
    // as written rather than the build failing.
    let mut absolute = rewrite_str(html, settings).unwrap_or_else(|_| html.to_string());
    // Summaries are kept until the site is written, and the rewriter leaves spare capacity.
    absolute.shrink_to_fit();
    absolute
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_become_absolute() {
        let html = r##"<p><a href="../second/">2</a> <a href="#part">p</a> <img src="fig.png" alt=""> <a href="https://x.org/">x</a> <a href="/abs/">a</a> <a href="mailto:a@b.c">m</a></p>"##;
        assert_eq!(
            absolutize(html, "https://e.org/en/blog/first/"),
            r##"<p><a href="https://e.org/en/blog/second/">2</a> <a href="https://e.org/en/blog/first/#part">p</a> <img src="https://e.org/en/blog/first/fig.png" alt=""> <a href="https://x.org/">x</a> <a href="https://e.org/abs/">a</a> <a href="mailto:a@b.c">m</a></p>"##
        );
    }
}
