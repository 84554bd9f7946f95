//! FILE JOBS: a file added a few documents at a time, so that a caller (the
//! page's worker) can report progress and stop between steps.
//!
//! A JSON Lines file is decoded once and then read record by record: each
//! [`FileJob::step`] adds at most the documents asked for. Any other format
//! (a page, a Markdown file, a JSON array) is added whole by the first step,
//! exactly as [`Index::add_file`] does. Stopping between steps keeps the
//! documents already added.

use crate::error::Error;
use crate::extract::decode::decode_counting;
use crate::extract::records::{no_document, JsonLines};
use crate::extract::{open, Format, Opened};
use crate::index::pages::FileReport;
use crate::index::Index;

/// A file being added to an index a few documents at a time.
///
/// ```
/// use fahras::{FileJob, Index};
///
/// let lines = "{\"id\":\"a\",\"text\":\"قمة أستانا\"}\n{\"id\":\"b\",\"text\":\"طريق الحرير\"}\n";
/// let mut index = Index::default();
/// let mut job = FileJob::new("news.jsonl", lines.as_bytes()).unwrap();
/// assert!(!job.step(&mut index, 1).unwrap());
/// assert_eq!(index.len(), 1);
/// assert!(job.step(&mut index, 1).unwrap());
/// assert_eq!(job.report().added, ["a", "b"]);
/// ```
#[derive(Debug)]
pub struct FileJob {
    name: String,
    /// The decoded text of a JSON Lines file.
    lines: Option<(String, JsonLines)>,
    /// The bytes of any other file, added whole by the first step.
    whole: Option<Vec<u8>>,
    report: FileReport,
    done: bool,
    /// More of the file is to come ([`FileJob::begin`]).
    more: bool,
}

impl FileJob {
    /// Starts adding a file: decodes it (a JSON Lines file) or keeps its
    /// bytes (any other format).
    ///
    /// # Errors
    /// The errors of [`read_file`](crate::read_file) that decoding finds:
    /// an empty, binary or undecodable file, each naming the file.
    pub fn new(name: &str, bytes: &[u8]) -> crate::Result<FileJob> {
        let Opened { text, encoding, nuls, format } = open(name, bytes)?;
        let mut report = FileReport {
            added: Vec::new(),
            warnings: Vec::new(),
            encoding: Some(encoding),
            format: Some(format),
        };
        if nuls > 0 {
            report.warnings.push(format!("{nuls} stray NUL bytes were removed"));
        }
        let (lines, whole) = if format == Format::JsonLines {
            (Some((text, JsonLines::default())), None)
        } else {
            (None, Some(bytes.to_vec()))
        };
        Ok(FileJob { name: name.to_string(), lines, whole, report, done: false, more: false })
    }

    /// Starts a JSON Lines file given in pieces: `first` is its beginning,
    /// cut after a newline; [`FileJob::append`] gives the rest. Only the
    /// text in hand is read, and read text is let go, so a file larger than
    /// memory can be added.
    ///
    /// # Errors
    /// The errors of [`FileJob::new`], and a file that is not JSON Lines.
    pub fn begin(name: &str, first: &[u8]) -> crate::Result<FileJob> {
        let mut job = FileJob::new(name, first)?;
        if job.lines.is_none() {
            return Err(Error::file(name, "only a JSON Lines file can be added in pieces"));
        }
        job.more = true;
        Ok(job)
    }

    /// Gives the next piece of a file started with [`FileJob::begin`], cut
    /// after a newline; `last` when it ends the file.
    ///
    /// # Errors
    /// A piece that does not decode in the encoding of the first, or a job
    /// that expects no more.
    pub fn append(&mut self, bytes: &[u8], last: bool) -> crate::Result<()> {
        let name = self.name.clone();
        let Some((text, lines)) = self.lines.as_mut().filter(|_| self.more) else {
            return Err(Error::file(&name, "no more of this file was expected"));
        };
        self.more = !last;
        if bytes.is_empty() {
            return Ok(());
        }
        let (piece, encoding, nuls) = decode_counting(&name, bytes)?;
        if Some(encoding) != self.report.encoding {
            return Err(Error::file(
                &name,
                format!(
                    "a later part of the file is {encoding}, not {}",
                    self.report.encoding.map(|e| e.to_string()).unwrap_or_default()
                ),
            ));
        }
        if nuls > 0 {
            self.report.warnings.push(format!("{nuls} stray NUL bytes were removed"));
        }
        // Let go of what was read.
        text.drain(..lines.pos.min(text.len()));
        lines.pos = 0;
        text.push_str(&piece);
        Ok(())
    }

    /// Bytes of text in hand not read yet.
    pub fn pending(&self) -> usize {
        self.lines.as_ref().map_or(0, |(text, lines)| text.len().saturating_sub(lines.pos))
    }

    /// Adds at most `max_docs` more documents (at least one); returns
    /// `true` when the file is done ([`FileJob::is_done`]) or, for a file
    /// given in pieces, when the text in hand is read and the next piece is
    /// wanted.
    ///
    /// # Errors
    /// For a file that is not JSON Lines, the errors of
    /// [`Index::add_file`]; for a JSON Lines file, the last step fails when
    /// no line was a document.
    pub fn step(&mut self, index: &mut Index, max_docs: usize) -> crate::Result<bool> {
        if self.done {
            return Ok(true);
        }
        if let Some(bytes) = self.whole.take() {
            self.done = true;
            let report = index.add_file(&self.name, &bytes)?;
            self.report.added = report.added;
            self.report.warnings.extend(report.warnings);
            return Ok(true);
        }
        let Some((text, lines)) = self.lines.as_mut() else {
            self.done = true;
            return Ok(true);
        };
        let mut added = 0;
        while added < max_docs.max(1) {
            match lines.next_record_in(&self.name, text) {
                None => {
                    self.done = !self.more;
                    return self.finished();
                }
                Some(Ok(doc)) => {
                    let id = doc.id.clone();
                    match index.add(doc) {
                        Ok(()) => self.report.added.push(id),
                        Err(e) => self.report.warnings.push(e.to_string()),
                    }
                    added += 1;
                }
                Some(Err(warning)) => self.report.warnings.push(warning),
            }
            if lines.pos >= text.len() {
                self.done = !self.more;
                return self.finished();
            }
        }
        Ok(false)
    }

    /// The end of the text in hand: `true` (done, or waiting for more), or
    /// the error of a file without any document.
    fn finished(&self) -> crate::Result<bool> {
        if self.done && self.report.added.is_empty() {
            return Err(no_document(&self.name, &self.report.warnings));
        }
        Ok(true)
    }

    /// The share of the file read so far, from 0 to 1.
    pub fn progress(&self) -> f64 {
        match &self.lines {
            _ if self.done => 1.0,
            Some((text, lines)) if !text.is_empty() => lines.pos as f64 / text.len() as f64,
            _ => 0.0,
        }
    }

    /// Whether every document has been added.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The documents added so far, the warnings, the encoding and format.
    pub fn report(&self) -> &FileReport {
        &self.report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_lines_file_in_steps_gives_what_add_file_gives() {
        let text = "{\"title\":\"أ\",\"text\":\"قمة أستانا\"}\n\n{bad\n{\"text\":\"طريق الحرير\"}\r\n{\"x\":1}\n";
        let mut whole = Index::default();
        let expected = whole.add_file("n.jsonl", text.as_bytes()).unwrap();
        let mut index = Index::default();
        let mut job = FileJob::new("n.jsonl", text.as_bytes()).unwrap();
        let mut steps = 0;
        while !job.step(&mut index, 1).unwrap() {
            steps += 1;
            assert!(job.progress() > 0.0 && job.progress() < 1.0);
        }
        assert!(steps >= 1);
        assert_eq!(job.report().added, expected.added);
        assert_eq!(job.report().warnings, expected.warnings);
        assert_eq!(index.len(), 2);
        assert_eq!(job.progress(), 1.0);
    }

    #[test]
    fn a_file_in_pieces_numbers_its_records_on() {
        let mut index = Index::default();
        let mut job = FileJob::begin("p.jsonl", "{\"text\":\"أ\"}\n\n".as_bytes()).unwrap();
        assert!(job.step(&mut index, 10).unwrap());
        assert!(!job.is_done());
        job.append("{\"text\":\"ب\"}\n{bad\n".as_bytes(), false).unwrap();
        assert_eq!(job.pending(), "{\"text\":\"ب\"}\n{bad\n".len());
        assert!(job.step(&mut index, 10).unwrap());
        job.append(b"", true).unwrap();
        assert!(job.step(&mut index, 10).unwrap());
        assert!(job.is_done());
        assert_eq!(job.report().added, ["p.jsonl#1", "p.jsonl#2"]);
        assert_eq!(job.report().warnings.len(), 1, "{:?}", job.report().warnings);
        assert!(job.report().warnings[0].starts_with("line 4:"));
        assert!(job.append(b"x", true).is_err());
        assert!(FileJob::begin("a.txt", "نص".as_bytes()).is_err());
    }

    #[test]
    fn other_formats_are_added_whole_and_bad_files_fail_by_name() {
        let mut index = Index::default();
        let mut job = FileJob::new("a.txt", "عنوان\n\nنص الخبر.".as_bytes()).unwrap();
        assert!(job.step(&mut index, 1).unwrap());
        assert_eq!(index.len(), 1);
        assert!(FileJob::new("e.txt", b"").unwrap_err().to_string().contains("e.txt"));
        let mut none = FileJob::new("n.jsonl", b"{bad\n").unwrap();
        let err = none.step(&mut index, 10).unwrap_err().to_string();
        assert!(err.contains("n.jsonl") && err.contains("no document"), "{err}");
    }
}
