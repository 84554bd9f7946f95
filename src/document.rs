//! The shared vocabulary: documents and byte spans.

/// A byte range `start..end` into a UTF-8 string. Always on character
/// boundaries. (JS receives UTF-16 offsets instead; the bindings convert.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span as a range, for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Number of bytes covered.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers nothing.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

/// A document as it is indexed and returned: its text is kept as given, so
/// snippets quote the original.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Document {
    /// The caller's identifier, unique in an index.
    pub id: String,
    /// Title (may be empty).
    pub title: String,
    /// Body text; paragraphs are separated by blank lines.
    pub text: String,
    /// Where the document came from, if known.
    pub url: Option<String>,
    /// Publication date as given (ISO `YYYY-MM-DD` recommended).
    pub date: Option<String>,
    /// Site or agency name.
    pub source: Option<String>,
    /// The dateline place ("أستانا" in "أستانا (كازاخستان) "أ ف ب": …").
    pub place: Option<String>,
}

impl Document {
    /// A document with an id, a title and a body.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        text: impl Into<String>,
    ) -> Document {
        Document { id: id.into(), title: title.into(), text: text.into(), ..Document::default() }
    }
}
