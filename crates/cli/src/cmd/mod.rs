//! One module per command.

pub(crate) mod entities;
pub(crate) mod extract;
pub(crate) mod index;
pub(crate) mod quality;
pub(crate) mod search;
pub(crate) mod stats;

use std::path::Path;

/// Reads an index file.
pub(crate) fn load(path: &str) -> Result<fahras::Index, String> {
    let bytes = std::fs::read(Path::new(path)).map_err(|e| format!("{path}: {e}"))?;
    fahras::Index::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))
}

/// Writes to standard output; a closed pipe (`fahras search … | head`) ends
/// the output quietly instead of failing.
pub(crate) fn emit(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("writing the output: {e}"))
        }
        _ => Ok(()),
    }
}
