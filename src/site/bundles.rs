//! Page bundles' files, published in their page's output folder (`post/fig.png` beside
//! `post/index.md` is `BASE/SECTION/post/fig.png`).

use std::path::PathBuf;

use super::Site;
use crate::error::{Error, Result};
use crate::origin::{Input, Maker, Origin, shown};
use crate::output::Files;

/// One published file of a bundle.
pub(super) struct Published {
    /// Below the output folder.
    pub output: PathBuf,
    /// The file on disk.
    pub file: PathBuf,
}

/// Every bundle file of every page, where it is published.
pub(super) fn published(site: &Site) -> impl Iterator<Item = Published> + '_ {
    site.content.pages.iter().flat_map(|page| {
        let index = page.permalink.output_file(&site.config);
        let folder = index.parent().map(PathBuf::from).unwrap_or_default();
        page.bundle.iter().flat_map(move |bundle| {
            let folder = folder.clone();
            bundle.files.iter().map(move |rel| Published {
                output: folder.join(rel),
                file: bundle.dir.join(rel),
            })
        })
    })
}

/// Adds every bundle's files; one that would replace another output file (a page, a
/// file of `static/`, another bundle's) is an error naming both.
pub(super) fn add(site: &Site, files: &mut Files) -> Result<()> {
    let mut errors = Vec::new();
    for Published { output, file } in published(site) {
        let origin = Origin::new(Maker::Copy, Some(Input::Bundle(shown(&file))));
        if let Some(first) = files.origin(&output) {
            errors.push(Error::OutputCollision {
                path: output,
                first: first.to_string(),
                second: origin.to_string(),
            });
            continue;
        }
        files.add_copy(output, file, origin);
    }
    Error::collect(errors)
}
