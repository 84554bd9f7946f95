//! INPUT FORMATS: bytes of a file → documents.
//!
//! [`read_file`] decodes the bytes ([`decode`]: UTF-8 with or without a BOM,
//! UTF-16 LE/BE with a BOM), picks the format from the file name or, when
//! the name does not say, from the content ([`Format::sniff`]), and turns the
//! text into [`Document`]s:
//!
//! - `.txt`: the first non-empty line is the title, the rest the body;
//! - `.md`: the first heading (or line) is the title, markup is dropped;
//! - `.json`: an object or an array of objects, see [`records`] for the
//!   field mapping; `.jsonl` / `.ndjson`: one object per line;
//! - `.html` / `.htm`: the text of the page's content as paragraphs, page
//!   chrome (navigation, header, footer, asides, forms, scripts) dropped,
//!   title from the `h1`, `og:title` or `<title>`.
//!
//! A file that cannot be read at all is an [`Error`](crate::Error) naming the
//! file; a bad record inside a readable file is a warning and the other
//! records still load.

mod boilerplate;
mod charsets;
pub(crate) mod decode;
mod html;
mod markdown;
pub mod quality;
pub mod records;
pub(crate) mod text;

pub use decode::{decode, decode_detect, Encoding, MAX_NUL_SHARE};

use crate::document::Document;
use crate::error::Error;

/// What [`read_file`] found in one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileContents {
    /// The documents, in file order.
    pub documents: Vec<Document>,
    /// Problems that did not stop the file from loading (a bad line of a
    /// JSON Lines file, a record with no text), each naming its place.
    pub warnings: Vec<String>,
    /// The encoding the bytes were read in.
    pub encoding: Option<Encoding>,
    /// The format the file was read as.
    pub format: Option<Format>,
}

/// A file decoded, with what decoding found.
pub(crate) struct Opened {
    pub text: String,
    pub encoding: Encoding,
    /// Stray NUL bytes removed.
    pub nuls: usize,
    /// From the name's extension, else sniffed from the text.
    pub format: Format,
}

/// Decodes a file and tells its format.
///
/// # Errors
/// An empty, binary, undecodable or blank file, naming it.
pub(crate) fn open(name: &str, bytes: &[u8]) -> crate::Result<Opened> {
    let (text, encoding, nuls) = decode::decode_counting(name, bytes)?;
    if text.trim().is_empty() {
        return Err(Error::file(name, "the file has no text (only white space)"));
    }
    let format = Format::from_name(name).unwrap_or_else(|| Format::sniff(&text));
    Ok(Opened { text, encoding, nuls, format })
}

/// The formats fahras reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// A JSON object or array of objects.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// An HTML page.
    Html,
}

impl Format {
    /// Whether files of this format are pages (one article with debris
    /// around it) rather than records.
    pub fn is_page(self) -> bool {
        matches!(self, Format::Text | Format::Markdown | Format::Html)
    }

    /// The format named by a file extension, if any.
    pub fn from_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }

    /// The format that decoded text looks like.
    pub fn sniff(text: &str) -> Format {
        let t = text.trim_start();
        if html::looks_like_html(t) {
            return Format::Html;
        }
        if t.starts_with('[') {
            return Format::Json;
        }
        if t.starts_with('{') {
            let lines = t.lines().filter(|l| !l.trim().is_empty());
            let objects = lines.clone().filter(|l| l.trim_start().starts_with('{')).count();
            return if objects >= 2 && objects == lines.count() {
                Format::JsonLines
            } else {
                Format::Json
            };
        }
        if t.starts_with("# ") || t.starts_with("## ") {
            return Format::Markdown;
        }
        Format::Text
    }
}

/// Reads one file into documents. `name` identifies the file in errors and
/// in the ids of its documents.
///
/// # Errors
/// An [`ErrorKind::File`](crate::ErrorKind::File) naming the file when it is
/// empty, binary, not decodable, an unsupported format, or malformed JSON.
///
/// ```
/// let got = fahras::read_file("خبر.txt", "قمة أستانا\n\nوصل الزعماء إلى أستانا.".as_bytes()).unwrap();
/// assert_eq!(got.documents[0].title, "قمة أستانا");
/// assert_eq!(got.documents[0].text, "وصل الزعماء إلى أستانا.");
/// ```
pub fn read_file(name: &str, bytes: &[u8]) -> crate::Result<FileContents> {
    let Opened { text, encoding, nuls, format } = open(name, bytes)?;
    let mut contents = match format {
        Format::Text => text::read(name, &text),
        Format::Markdown => markdown::read(name, &text),
        Format::Json => records::read_json(name, &text)?,
        Format::JsonLines => records::read_json_lines(name, &text)?,
        Format::Html => html::read(name, &text),
    };
    if nuls > 0 {
        contents.warnings.push(format!("{nuls} stray NUL bytes were removed"));
    }
    contents.encoding = Some(encoding);
    contents.format = Some(format);
    Ok(contents)
}
