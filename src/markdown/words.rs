//! Counting words as Hugo does, for word counts, reading times and where automatic
//! summaries end. Hugo counts in the HTML goldmark wrote, so a character goldmark writes
//! as an entity (`&amp;`, `&rsquo;`) counts as that entity's ASCII characters.
//!
//! The rules, from Hugo's source (0.168):
//! - A word is a run of non-whitespace text; markup between text does not end one
//!   (`**DAP**方法` is one word). Without CJK, each word counts 1 (`helpers.TotalWords`).
//!   Formulas count as written (goldmark's passthrough), and one standing as a block
//!   runs into the next block's first word, as no newline follows it in Hugo's HTML.
//! - On a CJK page (`hugolib/page__content.go`, `contentPlain`; and
//!   `resources/page/page_markup.go`, `ExtractSummaryFromHTML`) a word that is all ASCII
//!   counts 1 and any other word counts its characters, punctuation included: `迁移学习，`
//!   is 5, `café` is 4.
//! - The summary ends after the first paragraph at which the running count reaches
//!   `summaryLength`. That count is Hugo's scan of the HTML up to each `</p>`: it never
//!   counts the last character before a `</p>`, skips a word that directly follows an
//!   HTML attribute (the first word of a link's text, a heading, an image's `alt`:
//!   `href="…">word`), counts the rest of an `alt`, and sees the `</p>` that display
//!   math inside a paragraph is written after.
//! - Reading time is `ceil(words / 500)` minutes on a CJK page, `ceil(words / 212)`
//!   otherwise, and at least 1 here.

mod entities;

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};
use unicode_script::{Script, UnicodeScript};

/// Whether `text` holds a character Hugo's `hasCJKLanguage` looks for:
/// `\p{Han}|\p{Hangul}|\p{Hiragana}|\p{Katakana}` (`hugolib/page__meta.go`).
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        !c.is_ascii()
            && matches!(
                c.script(),
                Script::Han | Script::Hangul | Script::Hiragana | Script::Katakana
            )
    })
}

/// Minutes to read `words` words (Hugo: `(words + 499) / 500` or `(words + 211) / 212`).
pub fn reading_time(words: usize, cjk: bool) -> usize {
    words.div_ceil(if cjk { 500 } else { 212 }).max(1)
}

/// One word as Hugo's scan sees it.
#[derive(Debug, Default, Clone, Copy)]
struct Word {
    /// Characters of text, an entity counting its characters.
    chars: usize,
    non_ascii: usize,
    /// Whether the last character is non-ASCII; `None` when the word ends in a tag.
    last: Option<bool>,
    /// Tags glued to the word's start (`<p><a`): with no text, two count as a word.
    tags: usize,
    /// The word follows an HTML attribute (`href="…">word`): the summary scan skips it.
    skip: bool,
}

impl Word {
    fn count(&self, cjk: bool) -> usize {
        Self::hugo_count(self.chars, self.non_ascii, self.tags, cjk)
    }

    /// What the word counts when its last character is left off (Hugo's summary scan at `</p>`).
    fn count_clipped(&self, cjk: bool) -> usize {
        match self.last {
            None => self.count(cjk),
            Some(non_ascii) => {
                let non_ascii = self.non_ascii - usize::from(non_ascii);
                Self::hugo_count(self.chars - 1, non_ascii, self.tags, cjk)
            }
        }
    }

    fn hugo_count(chars: usize, non_ascii: usize, tags: usize, cjk: bool) -> usize {
        match chars {
            // `<h2` is "probably an HTML tag"; `<p><a` is not.
            0 if tags >= 2 => 1,
            0 => 0,
            _ if cjk && non_ascii > 0 => chars,
            _ => 1,
        }
    }
}

/// One running count: the words so far, and the word being read.
#[derive(Debug, Default)]
struct Tally {
    total: usize,
    word: Word,
}

impl Tally {
    fn push(&mut self, width: usize, non_ascii: bool) {
        self.word.chars += width;
        self.word.non_ascii += usize::from(non_ascii);
        self.word.last = Some(non_ascii);
    }

    fn end_word(&mut self, cjk: bool, clipped: bool) {
        if !self.word.skip {
            self.total += match clipped {
                true => self.word.count_clipped(cjk),
                false => self.word.count(cjk),
            };
        }
        self.word = Word::default();
    }

    /// An opening tag with attributes (`<a href="…">`, `<img src="…" alt="…">`): the
    /// word so far ends at the space inside the tag, and the next follows an attribute.
    fn attribute_tag(&mut self, cjk: bool) {
        self.word.tags += 1;
        self.end_word(cjk, false);
        self.word.skip = true;
    }
}

/// Counts the words of a page from its Markdown events, as Hugo counts them in its HTML.
#[derive(Debug, Default)]
pub struct Counter {
    cjk: bool,
    /// Hugo's `.WordCount`: the words of the page's plain text.
    plain: Tally,
    /// The count Hugo's automatic summary compares with `summaryLength`.
    summary: Tally,
    in_code: bool,
    /// Depth of images being read: their text is the `alt` attribute, which only the
    /// summary scan sees.
    in_image: usize,
    /// The summary count at the last `</p>`, and before the last display formula.
    at_paragraph_end: usize,
    before_display: usize,
    /// The last event was display math: Hugo writes no newline after a formula that
    /// stands as a block, so its last word runs into the next block's first.
    after_display: bool,
    typographer: entities::Typographer,
}

impl Counter {
    pub fn new(cjk: bool) -> Self {
        Self {
            cjk,
            ..Self::default()
        }
    }

    /// Hugo's `.WordCount` so far.
    pub fn words(&self) -> usize {
        self.plain.total + self.plain.word.count(self.cjk)
    }

    /// The count Hugo's summary compares with `summaryLength`, as of the last `</p>`.
    pub fn summary_words(&self) -> usize {
        self.at_paragraph_end
    }

    /// The summary count at the `</p>` that display math inside a paragraph is written
    /// after (by Hugo's passthrough, and by folio).
    pub fn summary_words_before_display(&self) -> usize {
        self.before_display
    }

    /// Takes in one Markdown event, which came from `doc[range]`.
    pub fn event(&mut self, event: &Event, doc: &str, range: Range<usize>) {
        let glued = std::mem::take(&mut self.after_display);
        match event {
            // A formula standing alone is no paragraph in Hugo's HTML: no `</p>`.
            Event::End(TagEnd::Paragraph) if glued => self.after_display = true,
            Event::Start(tag) if glued => self.start_after_display(tag),
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(*tag),
            Event::Text(text) if self.in_code => text
                .chars()
                .for_each(|c| self.push(c, entities::code_width(c))),
            Event::Text(text) => self.push_text(text, doc, range),
            Event::Code(code) => {
                self.push_text(code, "", 0..0);
                self.markup();
            }
            // Hugo passes formulas through as written, delimiters included, unescaped.
            Event::InlineMath(_) => doc[range].chars().for_each(|c| self.push(c, 1)),
            Event::DisplayMath(_) => {
                self.split();
                self.before_display = self.summary.total;
                doc[range].chars().for_each(|c| self.push(c, 1));
                self.after_display = true;
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule | Event::Html(_) => self.split(),
            _ => {}
        }
    }

    fn start(&mut self, tag: &Tag) {
        match tag {
            Tag::Link { .. } => self.summary.attribute_tag(self.cjk),
            Tag::Image { .. } => {
                self.summary.attribute_tag(self.cjk);
                self.in_image += 1;
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => self.summary.word.tags += 1,
            _ => {
                self.split();
                self.typographer.reset();
                self.in_code = matches!(tag, Tag::CodeBlock(_));
                // `<p>`, `<li>` and `<td>` run into their first word; goldmark gives
                // every heading an `id="…"`.
                let opens_word = matches!(tag, Tag::Paragraph | Tag::Item | Tag::TableCell);
                self.summary.word.tags = usize::from(opens_word);
                self.summary.word.skip = matches!(tag, Tag::Heading { .. });
            }
        }
    }

    /// A block opens right after a formula: `$$<p>word` is one word, `$$<h2` ends at
    /// the space before `id="…"`.
    fn start_after_display(&mut self, tag: &Tag) {
        match tag {
            Tag::Heading { .. } => {
                self.summary.attribute_tag(self.cjk);
                self.typographer.reset();
            }
            Tag::Paragraph | Tag::Item | Tag::TableCell => {
                self.summary.word.tags += 1;
                self.typographer.reset();
            }
            _ => self.start(tag),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Image => {
                self.in_image = self.in_image.saturating_sub(1);
                self.markup();
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link => self.markup(),
            TagEnd::Paragraph => {
                self.plain.end_word(self.cjk, false);
                self.summary.end_word(self.cjk, true);
                self.at_paragraph_end = self.summary.total;
            }
            _ => {
                self.split();
                self.in_code = false;
            }
        }
    }

    /// A closing tag: the word so far no longer ends in text.
    fn markup(&mut self) {
        self.plain.word.last = None;
        self.summary.word.last = None;
    }

    fn split(&mut self) {
        self.plain.end_word(self.cjk, false);
        self.summary.end_word(self.cjk, false);
    }

    /// Adds `text`, found at `doc[range]`. Where the text is the Markdown as written
    /// (or one character that smart punctuation made), each character's place is known
    /// for goldmark's typographer.
    fn push_text(&mut self, text: &str, doc: &str, range: Range<usize>) {
        let as_written = doc.get(range.clone()) == Some(text) || text.chars().count() == 1;
        for (i, c) in text.char_indices() {
            let at = as_written.then_some(range.start + i);
            let width = self.typographer.width(c, doc, at);
            self.push(c, width);
        }
    }

    /// Adds a character that Hugo's HTML holds as `width` characters. An image's text is
    /// its `alt` attribute, outside the plain text.
    fn push(&mut self, c: char, width: usize) {
        if c.is_whitespace() {
            self.split();
            return;
        }
        let non_ascii = width == 1 && !c.is_ascii();
        if self.in_image == 0 {
            self.plain.push(width, non_ascii);
        }
        self.summary.push(width, non_ascii);
    }
}

#[cfg(test)]
mod tests;
