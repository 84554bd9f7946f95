//! QUERY PARSING: the lenient query language.
//!
//! | syntax | meaning |
//! |---|---|
//! | `شي بكين` | every word must match (or any, with [`Combine::Or`](crate::Combine)) |
//! | `"طريق الحرير"` | the words in this order, next to each other |
//! | `-روسيا` | documents with this word are left out |
//! | `بكين OR بيجينغ` | either word (Latin capitals `OR` between two terms) |
//! | `كازاخ*` | any word starting with this prefix |
//! | `source:الرائد`, `source:"وكالة السهوب"` | documents of this source (`-source:` leaves them out) |
//! | `date:2024`, `date:2024-05`, `date:2024-05-14` | documents of this year, month or day |
//! | `date:2024-05..2024-07`, `date:2024..`, `date:..2023-12` | documents dated within the range (ends included) |
//! | `entity:"شي جين بينغ"`, `entity:بكين` | documents that mention this entity, in any spelling (`-entity:` leaves them out) |
//! | `type:PER`, `type:LOC`, `type:ORG` | documents that mention a person, a place or an organisation (`-type:` leaves them out) |
//!
//! [`parse_lenient`] never fails: it repairs what it can (an unclosed quote
//! runs to the end, a dangling `OR` is ignored) and reports each repair as a
//! [`QueryWarning`].

mod parse;

pub use parse::parse_lenient;

use std::fmt;

/// A parsed query: clauses that must (or must not) match, and filters on
/// the documents' metadata.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Query {
    /// The clauses, in the order written.
    pub clauses: Vec<Clause>,
    /// `source:`, `date:`, `entity:` and `type:` filters; every one must
    /// hold.
    pub filters: Vec<Filter>,
}

/// A filter on a document's metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Filter {
    /// `source:NAME`: the document's source is NAME (compared with the
    /// analyzer's folding: hamza forms, diacritics and case do not matter);
    /// `-source:NAME` leaves such documents out.
    Source {
        /// The source as written in the query.
        name: String,
        /// Whether documents of this source are left out instead.
        exclude: bool,
    },
    /// `entity:NAME`: the document mentions the entity NAME names, in any
    /// spelling (a bare surname names the people whose names end with
    /// it); `-entity:NAME` leaves such documents out.
    Entity {
        /// The name as written in the query.
        name: String,
        /// Whether documents that mention it are left out instead.
        exclude: bool,
    },
    /// `type:PER|LOC|ORG` (also `GPE`, and the Arabic شخص، مكان، منظمة):
    /// the document mentions an entity of this type.
    Type {
        /// The type.
        kind: crate::entity::EntityKind,
        /// Whether such documents are left out instead.
        exclude: bool,
    },
    /// `date:FROM..TO`: the document's date (ISO) is within the range, both
    /// ends included, each end a year, a month or a day (`2024`, `2024-05`,
    /// `2024-05-14`); an empty end is open. `date:2024-05` is
    /// `date:2024-05..2024-05`.
    Date {
        /// Start (empty: open).
        from: String,
        /// End (empty: open).
        to: String,
    },
}

/// One clause: alternatives joined by `OR`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// Whether documents must match the clause or must not.
    pub occur: Occur,
    /// At least one of these must match.
    pub alternatives: Vec<Atom>,
}

/// Whether a clause is required or excluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occur {
    /// The clause must match (or, with `Combine::Or`, should).
    Must,
    /// Documents matching the clause are left out (`-word`).
    MustNot,
}

/// The smallest unit of a query: raw text as the user wrote it, analysed
/// later by the index's own analyzer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Atom {
    /// A word (a word that the analyzer splits into several tokens, such as
    /// `كوفيد-19`, matches as a phrase).
    Word(String),
    /// `prefix*`: any word starting with the prefix.
    Prefix(String),
    /// `"..."`: the words in order, adjacent, matched on exact (normalized)
    /// forms without stemming.
    Phrase(String),
}

/// A repair the parser made to the query text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryWarning {
    /// A `"` was not closed; the phrase runs to the end of the query.
    UnclosedQuote,
    /// `OR` with nothing on one side was ignored.
    DanglingOr,
    /// The query was longer than this many characters and was cut.
    Truncated(usize),
    /// More clauses than this; the rest were ignored.
    TooManyClauses(usize),
    /// The query only excludes words, so nothing can match.
    OnlyExclusions,
    /// A `date:` filter that is not a year, month, day or range of them
    /// was ignored.
    BadDate(String),
    /// A `type:` filter that is not PER, LOC or ORG was ignored.
    BadType(String),
    /// The index keeps no word positions ([`IndexOptions::positions`](crate::IndexOptions::positions)):
    /// a phrase matched the documents that have all its words.
    PhraseAsWords,
}

impl fmt::Display for QueryWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryWarning::UnclosedQuote => write!(f, "unclosed quote: the phrase runs to the end"),
            QueryWarning::DanglingOr => write!(f, "OR needs a word on each side; it was ignored"),
            QueryWarning::Truncated(n) => {
                write!(f, "the query was cut to its first {n} characters")
            }
            QueryWarning::TooManyClauses(n) => write!(f, "only the first {n} words are used"),
            QueryWarning::OnlyExclusions => {
                write!(f, "the query only excludes words, so it matches nothing")
            }
            QueryWarning::PhraseAsWords => write!(
                f,
                "this index keeps no word positions: a phrase matches the documents with all its words"
            ),
            QueryWarning::BadType(t) => {
                write!(f, "type:{t} was ignored: write PER, LOC or ORG (شخص، مكان، منظمة)")
            }
            QueryWarning::BadDate(d) => write!(
                f,
                "date:{d} was ignored: write a year, a month or a day (2024, 2024-05, 2024-05-14) or a range of them (2024-05..2024-07)"
            ),
        }
    }
}
