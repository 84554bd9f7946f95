//! HTML pages: a lenient streaming tag scanner (no DOM) that keeps the text
//! of the page's content as paragraphs.
//!
//! - `script`, `style`, `template` and `textarea` contents are skipped;
//! - the subtrees of `nav`, `header`, `footer`, `aside`, `form`, `iframe`,
//!   `noscript`, `svg`, `button`, `select`, `dialog` and `figcaption` are
//!   dropped (page chrome and captions);
//! - block elements (`p`, `div`, `li`, `h1`…`h6`, `br`, `tr`, …) end a
//!   paragraph; inline elements do not; runs of white space fold to one
//!   space; character references (`&amp;`, `&#1575;`, `&nbsp;` …) are
//!   decoded;
//! - the title is the first `h1` (the headline the reader sees), else
//!   `og:title`, else `<title>`, without a site-name part ("headline | site"); `og:site_name` is the source,
//!   `og:url` or the canonical link the url, `article:published_time` the
//!   date.
//!
//! Broken markup is tolerated the way browsers do: an end tag closes the
//! nearest open element of that name (looking at most `MAX_CLOSE_DEPTH`
//! levels up), unknown end tags are ignored, unclosed elements end with
//! their parent. Every step is linear in the input, whatever its nesting.

use super::boilerplate::{push_removed, Reason};
use super::text::{fold_space as fold, push_folded, shorten, MAX_TITLE_CHARS};
use super::FileContents;
use crate::document::Document;

/// Content is not text (`script`, `style`, `template`, `textarea`).
const RAW: u8 = 1;
/// The whole subtree is page chrome (navigation, header, footer, asides,
/// forms, frames, media, captions): its text becomes removed lines.
const DROP: u8 = 2;
/// Ends a paragraph.
const BLOCK: u8 = 4;
/// Never has content or an end tag.
const VOID: u8 = 8;

/// Every tag name the scanner treats specially, sorted (for a binary
/// search; a test checks it), with its kinds.
const TAGS: &[(&str, u8)] = &[
    ("address", BLOCK),
    ("area", VOID),
    ("article", BLOCK),
    ("aside", DROP),
    ("audio", DROP),
    ("base", VOID),
    ("blockquote", BLOCK),
    ("body", BLOCK),
    ("br", BLOCK | VOID),
    ("button", DROP),
    ("canvas", DROP),
    ("caption", BLOCK),
    ("center", BLOCK),
    ("col", VOID),
    ("dd", BLOCK),
    ("details", BLOCK),
    ("dialog", DROP),
    ("div", BLOCK),
    ("dl", BLOCK),
    ("dt", BLOCK),
    ("embed", VOID),
    ("figcaption", DROP),
    ("figure", BLOCK),
    ("footer", DROP),
    ("form", DROP),
    ("h1", BLOCK),
    ("h2", BLOCK),
    ("h3", BLOCK),
    ("h4", BLOCK),
    ("h5", BLOCK),
    ("h6", BLOCK),
    ("header", DROP),
    ("hr", BLOCK | VOID),
    ("html", BLOCK),
    ("iframe", DROP),
    ("img", VOID),
    ("input", VOID),
    ("li", BLOCK),
    ("link", VOID),
    ("main", BLOCK),
    ("map", DROP),
    ("meta", VOID),
    ("nav", DROP),
    ("noscript", DROP),
    ("object", DROP),
    ("ol", BLOCK),
    ("p", BLOCK),
    ("param", VOID),
    ("pre", BLOCK),
    ("script", RAW),
    ("section", BLOCK),
    ("select", DROP),
    ("source", VOID),
    ("style", RAW),
    ("summary", BLOCK),
    ("svg", DROP),
    ("table", BLOCK),
    ("tbody", BLOCK),
    ("td", BLOCK),
    ("template", RAW),
    ("textarea", RAW),
    ("th", BLOCK),
    ("thead", BLOCK),
    ("tr", BLOCK),
    ("track", VOID),
    ("ul", BLOCK),
    ("video", DROP),
    ("wbr", VOID),
];

/// The kinds of a tag name (0 for a tag with no special treatment).
fn kinds(name: &str) -> u8 {
    TAGS.binary_search_by(|(n, _)| (*n).cmp(name)).map_or(0, |i| TAGS[i].1)
}
/// Why a dropped element's text is removed; `None` for elements whose text
/// is not worth showing (embedded media fallbacks, graphics).
fn drop_reason(name: &str) -> Option<Reason> {
    match name {
        "nav" => Some(Reason::Navigation),
        "aside" => Some(Reason::Sidebar),
        "figcaption" => Some(Reason::Caption),
        "header" | "footer" | "form" | "noscript" | "button" | "select" | "dialog" => {
            Some(Reason::PageChrome)
        }
        _ => None,
    }
}

/// An end tag looks this far up the open elements for its start tag.
const MAX_CLOSE_DEPTH: usize = 64;

/// What the scanner found in a page.
#[derive(Debug, Default)]
struct Page {
    paragraphs: Vec<String>,
    /// For each paragraph, the reason it is debris when the markup says so:
    /// inside a dropped element, or mostly link text (menus, related lists).
    reasons: Vec<Option<Reason>>,
    title_tag: String,
    h1: Option<String>,
    og_title: Option<String>,
    site_name: Option<String>,
    url: Option<String>,
    date: Option<String>,
}

pub(super) fn read(name: &str, html: &str) -> FileContents {
    let page = scan(html);
    let title = page
        .h1
        .clone()
        .or_else(|| page.og_title.as_deref().map(strip_site_name))
        .or_else(|| Some(strip_site_name(&page.title_tag)))
        .filter(|t| !t.is_empty())
        .unwrap_or_default();
    // The line rules of plain text also apply to the page's blocks (share
    // bars, counters, related headlines that are not in an aside …).
    let page_title = title.clone();
    let lines: Vec<&str> = std::iter::once(page_title.as_str())
        .chain(page.paragraphs.iter().map(String::as_str))
        .collect();
    let preset: Vec<Option<Reason>> =
        std::iter::once(None).chain(page.reasons.iter().copied()).collect();
    let cleaned = super::boilerplate::clean_lines(&lines, &preset, page.site_name.as_deref());
    let mut removed = cleaned.removed;
    let mut paragraphs = cleaned.paragraphs;
    let title = if title.is_empty() { cleaned.title } else { title };
    let page = Page { paragraphs: Vec::new(), ..page };
    // Without a title, the first paragraph is the title (as for plain text);
    // a first paragraph that repeats the title is dropped.
    let first_removed = |removed: &mut Vec<crate::document::Removed>,
                         paragraphs: &mut Vec<String>| {
        let first = paragraphs.remove(0);
        for r in removed.iter_mut() {
            r.before = r.before.saturating_sub(1);
        }
        first
    };
    let title = if title.is_empty() && paragraphs.len() > 1 {
        first_removed(&mut removed, &mut paragraphs)
    } else {
        if paragraphs.first().is_some_and(|p| *p == title) {
            let line = first_removed(&mut removed, &mut paragraphs);
            // In page order: after what stood above the first paragraph.
            let at = removed.iter().position(|r| r.before > 0).unwrap_or(removed.len());
            let mut title_line = Vec::new();
            push_removed(&mut title_line, &line, Reason::DuplicateTitle, 0);
            removed.splice(at..at, title_line);
        }
        title
    };
    let title = match (title.is_empty(), paragraphs.first()) {
        (true, Some(p)) => shorten(p, MAX_TITLE_CHARS),
        _ => shorten(&title, MAX_TITLE_CHARS),
    };
    let (place, agency) =
        paragraphs.first().map(|p| super::boilerplate::dateline(p)).unwrap_or_default();
    let doc = Document {
        id: name.to_string(),
        title,
        text: paragraphs.join("\n\n"),
        url: page.url,
        date: page.date.or(cleaned.date),
        source: page
            .site_name
            .or(cleaned.source)
            .or_else(|| site_name_of(&page.title_tag))
            .or(agency),
        place,
        removed,
        duplicate_of: None,
    };
    FileContents { documents: vec![doc], ..FileContents::default() }
}

/// Whether text looks like an HTML page.
pub(super) fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(512).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<head")
        || ((head.starts_with("<!--") || head.starts_with('<'))
            && (head.contains("<body") || head.contains("<p>") || head.contains("<div")))
}

/// One tag, as scanned.
struct Tag<'a> {
    /// Lowercase; borrowed from the page when it is written in lowercase.
    name: std::borrow::Cow<'a, str>,
    end: bool,
    self_closing: bool,
    attrs: &'a str,
}

fn scan(html: &str) -> Page {
    let mut page = Page::default();
    // Open elements, each with whether it is a DROP element.
    let mut open: Vec<(std::borrow::Cow<'_, str>, bool)> = Vec::new();
    // Open DROP elements, each with why its text is removed (None: not
    // shown); the innermost decides.
    let mut drops: Vec<Option<Reason>> = Vec::new();
    let mut dropping = 0usize;
    let mut dropped_as: Option<Reason> = None;
    let mut para = String::new();
    // Link text in the paragraph being built, in bytes, and open <a> tags.
    let mut link_bytes = 0usize;
    let mut in_link = 0usize;
    let mut in_title = false;
    let mut h1: Option<String> = None;
    let mut i = 0usize;
    let bytes = html.as_bytes();
    while i < bytes.len() {
        let lt = html[i..].find('<').map_or(html.len(), |k| i + k);
        if lt > i {
            let text = &html[i..lt];
            if in_title {
                page.title_tag.push_str(text);
            } else if dropping == 0 || dropped_as.is_some() {
                let before = para.len();
                push_text(&mut para, text);
                if in_link > 0 {
                    link_bytes += para.len() - before;
                }
                if let (Some(h), 0) = (h1.as_mut(), dropping) {
                    push_text(h, text);
                }
            }
        }
        if lt >= html.len() {
            break;
        }
        // Comments, doctype, processing instructions.
        if html[lt..].starts_with("<!--") {
            i = html[lt + 4..].find("-->").map_or(html.len(), |k| lt + 4 + k + 3);
            continue;
        }
        let Some((tag, next)) = parse_tag(html, lt) else {
            // A tag the file ends inside (`<div` cut off, no '>' after it:
            // `parse_tag` looks to the end) is dropped, as browsers do.
            let after = html[lt + 1..].trim_start_matches('/');
            if after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!' || c == '?') {
                break;
            }
            // A lone '<' is text.
            if (dropping == 0 || dropped_as.is_some()) && !in_title {
                para.push('<');
            }
            i = lt + 1;
            continue;
        };
        i = next;
        if tag.name.starts_with('!') || tag.name.starts_with('?') {
            continue;
        }
        let name: &str = &tag.name;
        let kind = kinds(name);
        if !tag.end && kind & RAW != 0 {
            i = skip_raw(html, i, name);
            continue;
        }
        if name == "title" {
            in_title = !tag.end && page.title_tag.is_empty();
            continue;
        }
        if name == "meta" || name == "link" {
            meta(&tag, &mut page);
            continue;
        }
        if name == "time" && !tag.end && dropping == 0 && page.date.is_none() {
            // <time datetime="2024-06-18T08:30:00+03:00">: the page's date
            // when no meta tag gave one.
            let iso = attr(tag.attrs, "datetime").and_then(|d| d.get(..10).map(str::to_string));
            page.date = iso.filter(|d| is_iso_date(d));
        }
        if name == "a" && !tag.self_closing {
            in_link = if tag.end { in_link.saturating_sub(1) } else { in_link + 1 };
        }
        if kind & BLOCK != 0 {
            end_paragraph(&mut para, &mut page, &mut link_bytes, dropping, dropped_as);
        }
        if name == "h1" && dropping == 0 {
            if tag.end {
                if let Some(h) = h1.take() {
                    let h = fold(&h);
                    if page.h1.is_none() && !h.is_empty() {
                        page.h1 = Some(h);
                    }
                }
            } else if page.h1.is_none() {
                h1 = Some(String::new());
            }
        }
        if kind & VOID != 0 || tag.self_closing {
            continue;
        }
        if tag.end {
            // Close the nearest open element of that name, and everything
            // opened inside it.
            let depth = open.len();
            let found = open.iter().rev().take(MAX_CLOSE_DEPTH).position(|(n, _)| n == name);
            if let Some(k) = found {
                let closes_drop = open[depth - 1 - k..].iter().any(|&(_, drop)| drop);
                if closes_drop {
                    end_paragraph(&mut para, &mut page, &mut link_bytes, dropping, dropped_as);
                }
                for (_, drop) in open.drain(depth - 1 - k..) {
                    if drop {
                        drops.pop();
                    }
                }
                dropping = drops.len();
                dropped_as = drops.last().copied().flatten();
            }
        } else {
            if kind & DROP != 0 {
                // Chrome ends the paragraph before it.
                end_paragraph(&mut para, &mut page, &mut link_bytes, dropping, dropped_as);
                drops.push(drop_reason(name));
                dropping = drops.len();
                dropped_as = drops.last().copied().flatten();
            }
            // A new paragraph or list item closes an open one, as in browsers.
            if (name == "p" || name == "li") && open.last().is_some_and(|(top, _)| top == name) {
                open.pop();
            }
            let drop = kind & DROP != 0;
            open.push((tag.name, drop));
        }
    }
    end_paragraph(&mut para, &mut page, &mut link_bytes, dropping, dropped_as);
    page.title_tag = fold(&decode_entities(&page.title_tag));
    page
}

/// Appends text with its character references decoded and its white space
/// folded.
fn push_text(para: &mut String, text: &str) {
    if text.contains('&') {
        push_folded(para, &decode_entities(text));
    } else {
        push_folded(para, text);
    }
}

/// Share of a block's text inside links from which it counts as a link list.
const LINK_DENSITY: f64 = 0.8;

/// Ends the paragraph being built; inside a dropped element it is kept
/// with the element's reason, so the page can show it as removed.
fn end_paragraph(
    para: &mut String,
    page: &mut Page,
    link_bytes: &mut usize,
    dropping: usize,
    dropped_as: Option<Reason>,
) {
    // Already folded by `push_text`, but for a space at the end.
    para.truncate(para.trim_end().len());
    let reason = if dropping == 0 { None } else { dropped_as };
    if !para.is_empty() && (dropping == 0 || reason.is_some()) {
        let text_bytes = para.len().max(1);
        let linked = *link_bytes as f64 / text_bytes as f64 >= LINK_DENSITY;
        page.reasons.push(reason.or(linked.then_some(Reason::Links)));
        // The paragraph moves out; the next one starts a new buffer.
        page.paragraphs.push(std::mem::take(para));
    }
    para.clear();
    *link_bytes = 0;
}

/// Parses the tag starting at `lt` (a '<'); returns it and the index after
/// its '>'. `None` when this '<' does not start a tag.
fn parse_tag(html: &str, lt: usize) -> Option<(Tag<'_>, usize)> {
    let rest = &html[lt + 1..];
    let (end, rest, skip) = match rest.strip_prefix('/') {
        Some(r) => (true, r, 2),
        None => (false, rest, 1),
    };
    let first = rest.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '!' || first == '?') {
        return None;
    }
    let name_len = rest
        .bytes()
        .position(|b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
        .unwrap_or(rest.len());
    let raw = &rest[..name_len];
    let name = if raw.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(raw.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(raw)
    };
    // The tag ends at the first '>' outside quotes (all ASCII: bytes).
    let mut quote: Option<u8> = None;
    let mut close = None;
    for (k, &c) in rest.as_bytes()[name_len..].iter().enumerate() {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => {
                close = Some(name_len + k);
                break;
            }
            _ => {}
        }
    }
    let close = close.or_else(|| rest.find('>'))?;
    let attrs = &rest[name_len..close];
    let self_closing = attrs.trim_end().ends_with('/');
    Some((Tag { name, end, self_closing, attrs }, lt + skip + close + 1))
}

/// Skips the content of a raw-text element; returns the index after its end
/// tag (or the end of the input).
fn skip_raw(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut k = from;
    while let Some(p) = bytes[k..].iter().position(|&b| b == b'<') {
        let at = k + p;
        // "</" and the element's name, in any case.
        let end = at + 2 + name.len();
        let closes = bytes.get(at + 1) == Some(&b'/')
            && bytes.get(at + 2..end).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if closes {
            return html[at..].find('>').map_or(html.len(), |g| at + g + 1);
        }
        k = at + 1;
    }
    html.len()
}

/// The value of an attribute, from a tag's attribute text.
fn attr(attrs: &str, key: &str) -> Option<String> {
    // `key` is lowercase ASCII; names in `attrs` match in any case.
    let bytes = attrs.as_bytes();
    let n = key.len();
    for at in 0..bytes.len().saturating_sub(n - 1) {
        if !bytes[at..at + n].eq_ignore_ascii_case(key.as_bytes()) {
            continue;
        }
        let before_ok = at == 0 || bytes[at - 1].is_ascii_whitespace();
        let after = attrs[at + n..].trim_start();
        if before_ok && after.starts_with('=') {
            let v = after[1..].trim_start();
            let value = match v.chars().next() {
                Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
                _ => v.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
            };
            return Some(fold(&decode_entities(value)));
        }
    }
    None
}

fn meta(tag: &Tag<'_>, page: &mut Page) {
    let key = attr(tag.attrs, "property").or_else(|| attr(tag.attrs, "name")).unwrap_or_default();
    let content = attr(tag.attrs, "content").filter(|c| !c.is_empty());
    match (&*tag.name, key.to_ascii_lowercase().as_str()) {
        ("meta", "og:title") => page.og_title = page.og_title.take().or(content),
        ("meta", "og:site_name") => page.site_name = page.site_name.take().or(content),
        ("meta", "og:url") => page.url = page.url.take().or(content),
        ("meta", "article:published_time" | "date" | "pubdate") => {
            let iso = content
                .filter(|c| c.len() >= 10 && c.is_char_boundary(10))
                .map(|c| c[..10].to_string());
            page.date = page.date.take().or(iso.filter(|d| is_iso_date(d)));
        }
        ("link", _)
            if attr(tag.attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
        {
            page.url = page.url.take().or(attr(tag.attrs, "href"));
        }
        _ => {}
    }
}

fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The parts of "headline | site", "site - headline" …
fn title_parts(title: &str) -> Vec<&str> {
    let mut parts = vec![title.trim()];
    for sep in [" | ", " - ", " – ", " — ", " :: ", " « ", " » "] {
        parts = parts.iter().flat_map(|p| p.split(sep)).map(str::trim).collect();
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// The headline of a `<title>`: its longest part.
fn strip_site_name(title: &str) -> String {
    title_parts(title).into_iter().max_by_key(|p| p.chars().count()).unwrap_or("").to_string()
}

/// The site name of a `<title>` with several parts: its shortest part.
fn site_name_of(title: &str) -> Option<String> {
    let parts = title_parts(title);
    (parts.len() >= 2)
        .then(|| parts.into_iter().min_by_key(|p| p.chars().count()).unwrap_or("").to_string())
}

/// Named references that pages commonly use; others are left as written.
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{A0}'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
    ("copy", '©'),
    ("reg", '®'),
    ("times", '×'),
    ("middot", '·'),
    ("bull", '•'),
    ("shy", '\u{AD}'),
];

/// Decodes character references (`&amp;`, `&#1575;`, `&#x627;`).
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            code.and_then(char::from_u32).filter(|c| *c != '\0')
        } else {
            ENTITIES.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
        };
        match decoded {
            Some(c) if end > 1 => {
                out.push(c);
                rest = &rest[end..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(html: &str) -> Document {
        read("p.html", html).documents.remove(0)
    }

    #[test]
    fn chrome_scripts_and_captions_are_dropped_and_blocks_become_paragraphs() {
        let html = r#"<!DOCTYPE html><html dir="rtl"><head><title>قمة أستانا | موقع آسيا</title>
            <script>var x = "<p>ليس نصاً</p>";</script><style>p{color:red}</style></head>
            <body><nav><a href="/">الرئيسية</a><a>سياسة</a></nav>
            <h1>قمة <b>أستانا</b> تبحث الطاقة</h1>
            <p>افتتح الزعماء&nbsp;القمة في العاصمة.<p>وقال &quot;الرئيس&quot;: &#1575;لتعاون مهم.
            <figure><img src=a.jpg><figcaption>صورة الوفود</figcaption></figure>
            <div>فقرة <span>داخل</span> div<br>وسطر بعد br</div>
            <aside><ul><li>خبر آخر</ul></aside><footer>حقوق النشر</footer></body></html>"#;
        let d = doc(html);
        assert_eq!(d.title, "قمة أستانا تبحث الطاقة");
        assert_eq!(
            d.text,
            "افتتح الزعماء القمة في العاصمة.\n\nوقال \"الرئيس\": التعاون مهم.\n\nفقرة داخل div\n\nوسطر بعد br"
        );
    }

    #[test]
    fn title_falls_back_from_h1_to_og_title_to_the_title_tag_without_the_site() {
        let og = r#"<html><head><meta property="og:title" content="عنوان &amp; فرعي | الواحة"><meta property="og:site_name" content="موقع الواحة"><meta property="article:published_time" content="2024-07-02T10:00:00Z"><link rel="canonical" href="https://example.org/a"></head><body><h1>العنوان الظاهر</h1><p>نص</p></body></html>"#;
        let d = doc(og);
        assert_eq!(d.title, "العنوان الظاهر");
        let d = doc(&og.replace("<h1>العنوان الظاهر</h1>", ""));
        assert_eq!(d.title, "عنوان & فرعي");
        assert_eq!(d.source.as_deref(), Some("موقع الواحة"));
        assert_eq!(d.date.as_deref(), Some("2024-07-02"));
        assert_eq!(d.url.as_deref(), Some("https://example.org/a"));
        let d = doc("<html><head><title>موقع الأخبار - ارتفاع أسعار التمور في الأسواق</title></head><body><p>نص</p></body></html>");
        assert_eq!(d.title, "ارتفاع أسعار التمور في الأسواق");
    }

    #[test]
    fn broken_markup_is_tolerated() {
        let d = doc("<html><body><p>أول<p>ثان <b>غامق<p>ثالث</i></u> < ليس وسماً <aside>جانبي<div>داخل</div></body>");
        assert_eq!(d.title, "أول");
        assert_eq!(d.text, "ثان غامق\n\nثالث < ليس وسماً");
        let d = doc("<html><body><p>قبل<script>لا نهاية");
        assert_eq!((d.title.as_str(), d.text.as_str()), ("قبل", "قبل"));
        // A file cut off inside a tag: the tag goes, the text before stays.
        let d = doc("<html><body><h1>قمة</h1><p>نص عن خطتها الجديدة <div class=\"x");
        assert_eq!(d.text, "نص عن خطتها الجديدة");
    }

    #[test]
    fn deep_nesting_and_huge_lines_stay_linear() {
        let deep = format!(
            "<html><body>{}نص عميق{}</body></html>",
            "<div>".repeat(10_000),
            "</span>".repeat(10_000)
        );
        let d = doc(&deep);
        assert!(d.title.contains("نص عميق"));
        let line = format!("<html><body><p>{}</p></body></html>", "كلمة ".repeat(1_000_000));
        let d = doc(&line);
        assert!(d.text.len() > 4_000_000);
    }

    #[test]
    fn the_tag_table_is_sorted_and_kinds_are_found() {
        assert!(TAGS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(kinds("nav"), DROP);
        assert_eq!(kinds("br"), BLOCK | VOID);
        assert_eq!(kinds("script"), RAW);
        assert_eq!(kinds("span"), 0);
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("a &amp; b &lt;c&gt; &#x627;&#1576; &unknown; & x"),
            "a & b <c> اب &unknown; & x"
        );
    }
}
