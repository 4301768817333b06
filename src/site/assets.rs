//! Files every site gets as they are: folio's stylesheet, the highlighting stylesheet,
//! KaTeX's stylesheet and fonts (only for sites with math), and the site's `static/`.

use std::path::Path;

use super::Site;
use crate::error::Result;
use crate::highlight;
use crate::math;
use crate::origin::Origin;
use crate::output::Files;

/// folio's stylesheet, for the built-in templates (and any site's that link it).
const FOLIO_CSS: &[u8] = include_bytes!("assets/folio.css");

/// Adds the assets; `static/` comes last, so a site's own file replaces a built-in one.
pub(super) fn add(site: &Site, has_math: bool, files: &mut Files) -> Result<()> {
    files.add("folio.css", FOLIO_CSS.to_vec(), Origin::built_in());
    let highlight = highlight::stylesheet().into_bytes();
    files.add("highlight.css", highlight, Origin::built_in());
    if has_math {
        for (name, bytes) in math::ASSETS {
            let bytes = match name {
                "katex.min.css" => math::stylesheet().into_bytes(),
                _ => bytes.to_vec(),
            };
            files.add(Path::new("katex").join(name), bytes, Origin::built_in());
        }
    }
    files.add_tree(&site.root.join("static"))
}
