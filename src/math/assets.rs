//! KaTeX's stylesheet and fonts, embedded so sites need no CDN.

/// KaTeX's stylesheet as folio writes it: every font swapped in once loaded
/// (`font-display: swap`), so text shows at once in a fallback face instead of waiting
/// for the font. Patched as it is written rather than in `vendor/`, so the vendored file
/// stays KaTeX's release byte for byte and the patch survives a KaTeX update.
pub fn stylesheet() -> String {
    let css = String::from_utf8_lossy(ASSETS[0].1);
    css.replace("@font-face{", "@font-face{font-display:swap;")
}

/// KaTeX's stylesheet and fonts, for the KaTeX version folio runs (see vendor/).
pub const ASSETS: [(&str, &[u8]); 22] = {
    macro_rules! asset {
        ($name:literal) => {
            (
                $name,
                include_bytes!(concat!("../../vendor/katex-0.16.4/", $name)),
            )
        };
    }
    [
        asset!("katex.min.css"),
        asset!("LICENSE"),
        asset!("fonts/KaTeX_AMS-Regular.woff2"),
        asset!("fonts/KaTeX_Caligraphic-Bold.woff2"),
        asset!("fonts/KaTeX_Caligraphic-Regular.woff2"),
        asset!("fonts/KaTeX_Fraktur-Bold.woff2"),
        asset!("fonts/KaTeX_Fraktur-Regular.woff2"),
        asset!("fonts/KaTeX_Main-Bold.woff2"),
        asset!("fonts/KaTeX_Main-BoldItalic.woff2"),
        asset!("fonts/KaTeX_Main-Italic.woff2"),
        asset!("fonts/KaTeX_Main-Regular.woff2"),
        asset!("fonts/KaTeX_Math-BoldItalic.woff2"),
        asset!("fonts/KaTeX_Math-Italic.woff2"),
        asset!("fonts/KaTeX_SansSerif-Bold.woff2"),
        asset!("fonts/KaTeX_SansSerif-Italic.woff2"),
        asset!("fonts/KaTeX_SansSerif-Regular.woff2"),
        asset!("fonts/KaTeX_Script-Regular.woff2"),
        asset!("fonts/KaTeX_Size1-Regular.woff2"),
        asset!("fonts/KaTeX_Size2-Regular.woff2"),
        asset!("fonts/KaTeX_Size3-Regular.woff2"),
        asset!("fonts/KaTeX_Size4-Regular.woff2"),
        asset!("fonts/KaTeX_Typewriter-Regular.woff2"),
    ]
};

#[cfg(test)]
mod tests {
    #[test]
    fn every_font_swaps() {
        let css = super::stylesheet();
        let faces = css.matches("@font-face{").count();
        assert!(faces >= 20, "KaTeX's stylesheet has its @font-face rules");
        assert_eq!(css.matches("@font-face{font-display:swap;").count(), faces);
    }
}
