//! KaTeX's stylesheet and fonts, embedded so sites need no CDN.

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
