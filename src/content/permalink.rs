//! Site paths: held decoded (as files are named on disk), written percent-encoded in URLs.

use std::path::PathBuf;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::config::Config;

/// What a URL path leaves unescaped: Go's `url.URL.EscapedPath`, which Hugo's links go
/// through (`paths.PathEscape`). Everything else, every byte of a non-ASCII character
/// included, becomes `%XX` with upper-case hex.
const PATH_KEEPS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b',')
    .remove(b'/')
    .remove(b':')
    .remove(b';')
    .remove(b'=')
    .remove(b'@');

/// A site path such as `/zh/transfer-learning/01-基础与核心概念/`; the only place URLs
/// are built.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Permalink {
    /// Decoded: `/zh/a/基础/`, never `/zh/a/%E5%9F%BA%E7%A1%80/`.
    path: String,
}

impl Permalink {
    /// `/[LANG/]SEG/SEG/` from path segments below the language root.
    pub fn new<S: AsRef<str>>(config: &Config, segments: &[S]) -> Self {
        let mut path = decode(&config.language_path());
        for s in segments.iter().map(AsRef::as_ref).filter(|s| !s.is_empty()) {
            path.push_str(s.trim_matches('/'));
            path.push('/');
        }
        Self { path }
    }

    /// A path outside the language root, such as `/404.html` or an alias, which may be
    /// written percent-encoded or not.
    pub fn site_root(config: &Config, path: &str) -> Self {
        Self {
            path: format!(
                "{}{}",
                decode(config.base_path()),
                decode(path.trim_start_matches('/'))
            ),
        }
    }

    /// The absolute URL, percent-encoded as Hugo writes it.
    pub fn url(&self, config: &Config) -> String {
        format!(
            "{}{}",
            config.origin(),
            utf8_percent_encode(&self.path, PATH_KEEPS)
        )
    }

    /// The feed of a list page: `PATH/index.xml`.
    pub fn feed(&self) -> Self {
        Self {
            path: format!("{}index.xml", self.path),
        }
    }

    /// Where this path is written below the output folder, under its decoded name.
    pub fn output_file(&self, config: &Config) -> PathBuf {
        let base = decode(config.base_path());
        let rel = self.path.strip_prefix(&base).unwrap_or(&self.path);
        let rel = rel.trim_start_matches('/');
        if rel.is_empty() || rel.ends_with('/') {
            PathBuf::from(rel).join("index.html")
        } else {
            PathBuf::from(rel)
        }
    }
}

fn decode(path: &str) -> String {
    percent_decode_str(path).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn config(base_url: &str) -> Config {
        let text = format!("base_url = {base_url:?}\ntitle = \"T\"\n");
        Config::parse(&text, Path::new("config.toml")).unwrap()
    }

    #[test]
    fn held_decoded_written_encoded() {
        let c = config("https://www.chenk.top/");
        let p = Permalink::new(&c, &["transfer-learning", "01-基础与核心概念"]);
        assert_eq!(
            p.url(&c),
            "https://www.chenk.top/transfer-learning/01-%E5%9F%BA%E7%A1%80%E4%B8%8E%E6%A0%B8%E5%BF%83%E6%A6%82%E5%BF%B5/"
        );
        assert_eq!(
            p.output_file(&c),
            Path::new("transfer-learning/01-基础与核心概念/index.html")
        );
        assert_eq!(
            p.feed().url(&c),
            "https://www.chenk.top/transfer-learning/01-%E5%9F%BA%E7%A1%80%E4%B8%8E%E6%A0%B8%E5%BF%83%E6%A6%82%E5%BF%B5/index.xml"
        );
    }

    /// Hugo 0.168's links for paths its `Sanitize` keeps.
    #[test]
    fn escapes_as_hugo_links() {
        let c = config("https://x.org/");
        let url = |s: &str| Permalink::new(&c, &["tags", s]).url(&c);
        assert_eq!(url("c++--rust"), "https://x.org/tags/c++--rust/");
        assert_eq!(url("tilde~at@plus+"), "https://x.org/tags/tilde~at@plus+/");
        assert_eq!(url("a/b-testing"), "https://x.org/tags/a/b-testing/");
        assert_eq!(url("résumé"), "https://x.org/tags/r%C3%A9sum%C3%A9/");
        assert_eq!(url("c#"), "https://x.org/tags/c%23/");
    }

    #[test]
    fn aliases_and_base_paths_are_decoded_once() {
        let c = config("https://u.io/my%20site/");
        let alias = Permalink::site_root(&c, "/old%20名/");
        assert_eq!(alias.url(&c), "https://u.io/my%20site/old%20%E5%90%8D/");
        assert_eq!(alias.output_file(&c), Path::new("old 名/index.html"));
    }
}
