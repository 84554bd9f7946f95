//! The lenient parser: a single pass over the characters, no backtracking.

use super::{Atom, Clause, Filter, Occur, Query, QueryWarning};
use crate::entity::EntityKind;

/// Queries are cut to this many characters.
pub const MAX_QUERY_CHARS: usize = 1000;
/// At most this many clauses are kept.
pub const MAX_CLAUSES: usize = 32;

/// A lexical item before `OR` grouping.
enum Item {
    Atom(Occur, Atom),
    Filter(Filter),
    Or,
}

/// Parses query text. Never fails; see the [module docs](super).
///
/// ```
/// use fahras::{parse_lenient, Atom, Occur};
/// let (q, warnings) = parse_lenient("\"طريق الحرير\" -روسيا بكين OR بيجينغ");
/// assert!(warnings.is_empty());
/// assert_eq!(q.clauses.len(), 3);
/// assert_eq!(q.clauses[0].alternatives, [Atom::Phrase("طريق الحرير".into())]);
/// assert_eq!(q.clauses[1].occur, Occur::MustNot);
/// assert_eq!(q.clauses[2].alternatives.len(), 2);
/// ```
pub fn parse_lenient(text: &str) -> (Query, Vec<QueryWarning>) {
    let mut warnings = Vec::new();
    let text = match text.char_indices().nth(MAX_QUERY_CHARS) {
        Some((cut, _)) => {
            warnings.push(QueryWarning::Truncated(MAX_QUERY_CHARS));
            &text[..cut]
        }
        None => text,
    };
    let items = lex(text, &mut warnings);
    let mut query = group(items, &mut warnings);
    if query.clauses.len() > MAX_CLAUSES {
        query.clauses.truncate(MAX_CLAUSES);
        warnings.push(QueryWarning::TooManyClauses(MAX_CLAUSES));
    }
    if !query.clauses.is_empty() && query.clauses.iter().all(|c| c.occur == Occur::MustNot) {
        warnings.push(QueryWarning::OnlyExclusions);
    }
    (query, warnings)
}

fn lex(text: &str, warnings: &mut Vec<QueryWarning>) -> Vec<Item> {
    let mut items = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut occur = Occur::Must;
        let mut start = i;
        if c == '-' {
            chars.next();
            match chars.peek() {
                Some(&(j, n)) if !n.is_whitespace() && n != '-' => {
                    occur = Occur::MustNot;
                    start = j;
                }
                _ => continue,
            }
        }
        if matches!(chars.peek(), Some(&(_, '"'))) {
            chars.next();
            let body_start = start + 1;
            let mut end = text.len();
            let mut closed = false;
            for (j, n) in chars.by_ref() {
                if n == '"' {
                    end = j;
                    closed = true;
                    break;
                }
            }
            if !closed {
                warnings.push(QueryWarning::UnclosedQuote);
            }
            items.push(Item::Atom(occur, Atom::Phrase(text[body_start..end].to_string())));
            continue;
        }
        let mut end = text.len();
        while let Some(&(j, n)) = chars.peek() {
            if n.is_whitespace() || n == '"' {
                end = j;
                break;
            }
            chars.next();
        }
        let word = &text[start..end];
        if let Some(field) =
            ["source:", "date:", "entity:", "type:"].into_iter().find(|f| word.starts_with(f))
        {
            // The value: the rest of the word, or a quoted phrase after it.
            let mut value = word[field.len()..].to_string();
            if value.is_empty() && matches!(chars.peek(), Some(&(_, '"'))) {
                chars.next();
                let mut closed = false;
                for (_, n) in chars.by_ref() {
                    if n == '"' {
                        closed = true;
                        break;
                    }
                    value.push(n);
                }
                if !closed {
                    warnings.push(QueryWarning::UnclosedQuote);
                }
            }
            let exclude = occur == Occur::MustNot;
            match (field, filter(field, value.trim(), exclude)) {
                (_, Some(f)) => items.push(Item::Filter(f)),
                ("date:", None) => warnings.push(QueryWarning::BadDate(value)),
                ("type:", None) if !value.trim().is_empty() => {
                    warnings.push(QueryWarning::BadType(value))
                }
                _ => {}
            }
            continue;
        }
        if word == "OR" && occur == Occur::Must {
            items.push(Item::Or);
        } else if let Some(prefix) = word.strip_suffix('*') {
            let prefix = prefix.trim_end_matches('*');
            items.push(Item::Atom(occur, Atom::Prefix(prefix.replace('*', ""))));
        } else {
            items.push(Item::Atom(occur, Atom::Word(word.replace('*', ""))));
        }
    }
    items
}

/// A filter from its field and value; `None` when the value is empty, not
/// a date (`date:`) or not a type (`type:`).
fn filter(field: &str, value: &str, exclude: bool) -> Option<Filter> {
    if value.is_empty() {
        return None;
    }
    match field {
        "source:" => return Some(Filter::Source { name: value.to_string(), exclude }),
        "entity:" => return Some(Filter::Entity { name: value.to_string(), exclude }),
        "type:" => {
            let kind = match value.to_ascii_uppercase().as_str() {
                "شخص" | "أشخاص" | "اشخاص" => Some(EntityKind::Per),
                "مكان" | "أماكن" | "اماكن" => Some(EntityKind::Loc),
                "منظمة" | "منظمات" => Some(EntityKind::Org),
                label => EntityKind::from_label(label),
            };
            return kind.map(|kind| Filter::Type { kind, exclude });
        }
        _ => {}
    }
    let (from, to) = value.split_once("..").unwrap_or((value, value));
    let iso = |d: &str| {
        let b = d.as_bytes();
        d.is_empty()
            || (matches!(b.len(), 4 | 7 | 10)
                && b.iter().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        *c == b'-'
                    } else {
                        c.is_ascii_digit()
                    }
                }))
    };
    (iso(from) && iso(to) && !(from.is_empty() && to.is_empty()) && !exclude)
        .then(|| Filter::Date { from: from.to_string(), to: to.to_string() })
}

/// Joins `a OR b OR c` into one clause with three alternatives.
fn group(items: Vec<Item>, warnings: &mut Vec<QueryWarning>) -> Query {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut filters: Vec<Filter> = Vec::new();
    let mut pending_or = false;
    for item in items {
        match item {
            Item::Filter(f) => filters.push(f),
            Item::Or => {
                if pending_or || clauses.last().is_none_or(|c| c.occur == Occur::MustNot) {
                    warnings.push(QueryWarning::DanglingOr);
                } else {
                    pending_or = true;
                }
            }
            Item::Atom(occur, atom) => {
                let joinable = pending_or && occur == Occur::Must;
                if pending_or && !joinable {
                    warnings.push(QueryWarning::DanglingOr);
                }
                match clauses.last_mut() {
                    // (An alternative written twice is read once: a query
                    // repeating `a OR a OR …` costs one list, not hundreds.)
                    Some(last) if joinable => {
                        if !last.alternatives.contains(&atom) {
                            last.alternatives.push(atom);
                        }
                    }
                    _ => clauses.push(Clause { occur, alternatives: vec![atom] }),
                }
                pending_or = false;
            }
        }
    }
    if pending_or {
        warnings.push(QueryWarning::DanglingOr);
    }
    Query { clauses, filters }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_are_reported_not_thrown() {
        let (q, w) = parse_lenient("\"طريق الحرير");
        assert_eq!(q.clauses[0].alternatives, [Atom::Phrase("طريق الحرير".into())]);
        assert_eq!(w, [QueryWarning::UnclosedQuote]);
        let (q, w) = parse_lenient("OR بكين OR");
        assert_eq!(q.clauses.len(), 1);
        assert_eq!(w, [QueryWarning::DanglingOr, QueryWarning::DanglingOr]);
        let (_, w) = parse_lenient("-روسيا");
        assert_eq!(w, [QueryWarning::OnlyExclusions]);
    }

    #[test]
    fn lone_operators_are_ignored() {
        for q in ["-", "- -", "*", "\"\"", "   "] {
            let (parsed, _) = parse_lenient(q);
            assert!(parsed.clauses.iter().all(|c| c.alternatives.iter().all(|a| match a {
                Atom::Word(s) | Atom::Prefix(s) | Atom::Phrase(s) => s.trim().is_empty(),
            })));
        }
    }

    #[test]
    fn long_queries_are_cut() {
        let long = "قمة ".repeat(2000);
        let (q, w) = parse_lenient(&long);
        assert!(q.clauses.len() <= MAX_CLAUSES);
        assert!(w.contains(&QueryWarning::Truncated(MAX_QUERY_CHARS)));
    }
}
