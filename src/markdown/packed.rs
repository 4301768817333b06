//! Rendered HTML kept compressed. A site's bodies are held from their rendering until
//! their pages are written (math and references need every page rendered first), and
//! compressed they take about a third of the memory (on a generated blog); unpacking one
//! is quick beside rendering its page.

use std::fmt;

/// HTML, compressed with LZ4.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct PackedHtml(Box<[u8]>);

impl PackedHtml {
    pub fn new(html: &str) -> Self {
        Self(lz4_flex::compress_prepend_size(html.as_bytes()).into_boxed_slice())
    }

    pub fn unpack(&self) -> String {
        let bytes = lz4_flex::decompress_size_prepended(&self.0)
            .expect("the bytes are what `PackedHtml::new` compressed");
        String::from_utf8(bytes).expect("`PackedHtml::new` compressed a string")
    }
}

impl fmt::Debug for PackedHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PackedHtml").field(&self.unpack()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_unpacks_as_it_was_packed() {
        for html in [
            "",
            "<p>a</p>",
            "<p>π ≈ 3.14 \u{E000}0\u{E001}</p>\n".repeat(50).as_str(),
        ] {
            assert_eq!(PackedHtml::new(html).unpack(), html);
        }
        let long = "<p>Some text that repeats.</p>\n".repeat(1000);
        assert!(PackedHtml::new(&long).0.len() < long.len() / 10);
    }
}
