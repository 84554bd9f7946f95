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
    /// The lines extraction removed from the page, in page order, each
    /// with its reason and its place among the paragraphs. Empty for
    /// documents that were not extracted from a page.
    pub removed: Vec<Removed>,
    /// The id of the document this one nearly duplicates (the same story
    /// scraped twice, or syndicated). Set by the [`Index`](crate::Index)
    /// when the document is added; see
    /// [`DUPLICATE_THRESHOLD`](crate::DUPLICATE_THRESHOLD).
    pub duplicate_of: Option<String>,
}

/// A line that extraction removed from a page, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    /// The line as it was on the page (cut to
    /// [`MAX_REMOVED_CHARS`](crate::MAX_REMOVED_CHARS) characters).
    pub text: String,
    /// Why it was removed.
    pub reason: RemovalReason,
    /// Where it stood: the number of article paragraphs before it (0 =
    /// above the first paragraph, `paragraphs().len()` = after the last).
    pub before: u32,
}

/// Why extraction removed a line. [`RemovalReason::code`] is a stable
/// kebab-case name for programs, [`RemovalReason::label`] an Arabic label
/// for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RemovalReason {
    /// "Loading..." placeholders.
    Loading,
    /// A share bar ("شارك الخبر:", "FacebookTwitterEmail").
    ShareBar,
    /// A category or tags label ("التصنيف: سياسة").
    Category,
    /// A teaser of another article ("شاهد أيضاً: …").
    SeeAlso,
    /// Teasers of other articles after "قراءة المزيد" / "أخبار ذات صلة".
    Teasers,
    /// An advertisement placeholder (`[إعلان]`).
    Ad,
    /// A comment or view counter ("تعليق (0)").
    Counter,
    /// A logo line ("… logo").
    Logo,
    /// A source label ("المصدر: …").
    Source,
    /// A reporter credit ("ساهم في إعداد …", "بقلم: …").
    Credit,
    /// A line of hashtags.
    Hashtags,
    /// Navigation: a menu, breadcrumbs, run-together menu items, `<nav>`.
    Navigation,
    /// Page chrome: header, footer, copyright, cookie notice, forms.
    PageChrome,
    /// A block that is mostly links (a list of other articles).
    Links,
    /// A date or time stamp.
    Timestamp,
    /// An image caption.
    Caption,
    /// A list of unrelated headlines before the article.
    HeadlineList,
    /// A line that repeats the title.
    DuplicateTitle,
    /// A paragraph that repeats an earlier one.
    DuplicateParagraph,
    /// A line repeated across pages of the same source (a template line).
    RepeatedAcrossPages,
    /// A sidebar (`<aside>`): related articles, most read.
    Sidebar,
}

impl RemovalReason {
    /// Every reason, in declaration order.
    pub const ALL: [RemovalReason; 21] = [
        RemovalReason::Loading,
        RemovalReason::ShareBar,
        RemovalReason::Category,
        RemovalReason::SeeAlso,
        RemovalReason::Teasers,
        RemovalReason::Ad,
        RemovalReason::Counter,
        RemovalReason::Logo,
        RemovalReason::Source,
        RemovalReason::Credit,
        RemovalReason::Hashtags,
        RemovalReason::Navigation,
        RemovalReason::PageChrome,
        RemovalReason::Links,
        RemovalReason::Timestamp,
        RemovalReason::Caption,
        RemovalReason::HeadlineList,
        RemovalReason::DuplicateTitle,
        RemovalReason::DuplicateParagraph,
        RemovalReason::RepeatedAcrossPages,
        RemovalReason::Sidebar,
    ];

    /// A stable kebab-case name ("share-bar").
    pub fn code(self) -> &'static str {
        REASON_NAMES[self as usize].0
    }

    /// An Arabic label for people ("شريط المشاركة").
    pub fn label(self) -> &'static str {
        REASON_NAMES[self as usize].1
    }

    /// The reason named by [`RemovalReason::code`].
    pub fn from_code(code: &str) -> Option<RemovalReason> {
        RemovalReason::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Code and label of each reason, in declaration order.
const REASON_NAMES: [(&str, &str); 21] = [
    ("loading", "عنصر نائب للتحميل"),
    ("share-bar", "شريط المشاركة"),
    ("category", "تصنيف أو وسوم"),
    ("see-also", "إعلان عن خبر آخر"),
    ("teasers", "أخبار أخرى بعد نهاية المقال"),
    ("ad", "إعلان"),
    ("counter", "عدّاد"),
    ("logo", "شعار الموقع"),
    ("source", "سطر المصدر"),
    ("credit", "اسم المحرر"),
    ("hashtags", "وسوم"),
    ("navigation", "تنقل"),
    ("page-chrome", "ترويسة أو تذييل"),
    ("links", "قائمة روابط"),
    ("timestamp", "تاريخ ووقت"),
    ("caption", "تعليق صورة"),
    ("headline-list", "قائمة عناوين"),
    ("duplicate-title", "تكرار العنوان"),
    ("duplicate-paragraph", "فقرة مكررة"),
    ("repeated-across-pages", "سطر يتكرر في صفحات الموقع"),
    ("sidebar", "شريط جانبي"),
];

/// Removed lines are cut to this many characters.
pub const MAX_REMOVED_CHARS: usize = 500;
/// At most this many removed lines are kept per document.
pub const MAX_REMOVED_LINES: usize = 300;

impl Document {
    /// The body's paragraphs (the text split at blank lines).
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
    }

    /// A document with an id, a title and a body.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        text: impl Into<String>,
    ) -> Document {
        Document { id: id.into(), title: title.into(), text: text.into(), ..Document::default() }
    }
}
