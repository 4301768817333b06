//! Local images' attributes: each Markdown image of a file of the site (a page bundle's
//! or `static/`'s) gets its `width` and `height`, read from the file's header, and lazy
//! loading; a missing file is an error.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;
use url::Url;

use super::{Site, bundles};
use crate::config::Config;
use crate::content::Permalink;
use crate::error::Result;
use crate::walk;

/// The files an image may show, by their path below the output folder.
pub(super) struct LocalFiles<'a> {
    config: &'a Config,
    files: HashMap<PathBuf, PathBuf>,
}

impl<'a> LocalFiles<'a> {
    pub fn new(site: &'a Site) -> Result<Self> {
        let dir = site.root.join("static");
        let statics = walk::files_below(&dir)?.into_iter().map(|file| {
            let rel = file.strip_prefix(&dir).unwrap_or(&file).to_path_buf();
            (rel, file)
        });
        let bundled = bundles::published(site).map(|p| (p.output, p.file));
        Ok(LocalFiles {
            config: &site.config,
            files: statics.chain(bundled).collect(),
        })
    }

    /// The attributes of the `<img>` at `src` on the page at `page_url`: ` width="…"
    /// height="…" loading="lazy" decoding="async"` (no size for a format without one
    /// in its header, such as SVG); an error message if there is no such file.
    pub fn attributes(&self, page_url: &str, src: &str) -> std::result::Result<String, String> {
        let lazy = " loading=\"lazy\" decoding=\"async\"";
        let Some(file) = self.find(page_url, src)? else {
            return Ok(String::new());
        };
        match imagesize::size(file) {
            Ok(size) => Ok(format!(
                " width=\"{}\" height=\"{}\"{lazy}",
                size.width, size.height
            )),
            Err(imagesize::ImageError::NotSupported) => Ok(lazy.to_string()),
            Err(e) => Err(format!(
                "the image `{src}` ({}) cannot be read: {e}: replace it with a PNG, JPEG, GIF, WebP, AVIF or SVG file",
                file.display()
            )),
        }
    }

    /// The file `src` shows, resolved against the page's URL as a browser would; `None`
    /// for an address on another host.
    fn find(&self, page_url: &str, src: &str) -> std::result::Result<Option<&Path>, String> {
        let base = Url::parse(page_url).map_err(|e| format!("{page_url}: {e}"))?;
        let url = base
            .join(src)
            .map_err(|e| format!("the image address `{src}` is not a URL: {e}"))?;
        if url.origin() != base.origin() {
            return Ok(None);
        }
        let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
        let path = decode(url.path());
        let site_base = decode(self.config.base_path());
        let output = path
            .strip_prefix(&site_base)
            .map(|rel| Permalink::site_root(self.config, rel).output_file(self.config));
        match output.as_ref().and_then(|o| self.files.get(o)) {
            Some(file) => Ok(Some(file)),
            None => Err(format!(
                "the image `{src}` is missing: the page shows {path}, and no file of its bundle or of static/ is published there; add the file or fix the address"
            )),
        }
    }
}
