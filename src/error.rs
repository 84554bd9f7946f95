//! The one error type of the crate.

use std::fmt;

/// Something the caller has to fix: unreadable input bytes, an unsupported
/// file, or a damaged or incompatible index. User text and queries never
/// produce an error (see the crate docs, "Untrusted input").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong. New variants may be added.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read into documents.
    File {
        /// The file name as given by the caller.
        name: String,
        /// Why, for a person.
        reason: String,
    },
    /// A document given to the index is not usable (for example, no id).
    Document {
        /// Why, for a person.
        reason: String,
    },
    /// The bytes do not start with the index magic: not a fahras index.
    NotAnIndex,
    /// The index was written in a format version this build cannot read.
    Version {
        /// The version this build reads.
        expected: u32,
        /// The version found in the bytes.
        got: u32,
    },
    /// The index ends early.
    Truncated,
    /// The checksum does not match the content: the bytes were damaged.
    Checksum,
    /// The index passed the checksum but its content is inconsistent.
    Corrupt {
        /// What is inconsistent.
        reason: String,
    },
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    pub(crate) fn file(name: &str, reason: impl Into<String>) -> Error {
        Error::new(ErrorKind::File { name: name.to_string(), reason: reason.into() })
    }

    pub(crate) fn corrupt(reason: impl Into<String>) -> Error {
        Error::new(ErrorKind::Corrupt { reason: reason.into() })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::File { name, reason } => write!(f, "{name}: {reason}"),
            ErrorKind::Document { reason } => write!(f, "{reason}"),
            ErrorKind::NotAnIndex => write!(f, "not a fahras index (the file does not start with the fahras magic bytes)"),
            ErrorKind::Version { expected, got } => write!(
                f,
                "index format version {got} is not supported (this build reads versions 1 to {expected}); rebuild the index"
            ),
            ErrorKind::Truncated => write!(f, "the index is truncated (it ends early)"),
            ErrorKind::Checksum => write!(f, "the index is corrupted (checksum mismatch)"),
            ErrorKind::Corrupt { reason } => write!(f, "the index is corrupted ({reason})"),
        }
    }
}

impl std::error::Error for Error {}
