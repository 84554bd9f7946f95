//! `fahras index`: files and folders → an index file.

use std::process::ExitCode;

use crate::args::Args;

pub(crate) fn run(argv: &[String]) -> Result<ExitCode, String> {
    let args = Args::parse(
        argv,
        &["-o", "--output", "--part-bytes"],
        &["--no-text", "--no-positions", "--parts"],
    )?;
    let out = args.value(&["-o", "--output"]).ok_or("index needs -o <collection.fhrs>")?;
    if args.has("--parts") && args.has("--no-text") {
        return Err("--parts and --no-text do not go together: parts fetch each text apart".into());
    }
    if args.positional.is_empty() {
        return Err("index needs at least one file or folder".into());
    }
    let files = super::input_files(&args.positional)?;
    let options =
        fahras::IndexOptions { positions: !args.has("--no-positions"), ..Default::default() };
    let mut index = fahras::Index::new(options);
    let failed = super::add_files(&mut index, &files);
    if args.has("--parts") {
        let w = super::write_parts(&index, std::path::Path::new(out), super::part_bytes(&args)?)?;
        println!(
            "indexed {} documents from {} files ({failed} could not be read) → {out}/ in {} parts \
             ({:.1} KB compressed; the manifest {out}/{} is {:.1} KB)",
            index.len(),
            files.len() - failed,
            w.files,
            w.bytes as f64 / 1024.0,
            fahras::MANIFEST_NAME,
            w.manifest as f64 / 1024.0
        );
        return Ok(if index.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS });
    }
    let bytes = index.to_bytes_with(&fahras::SaveOptions {
        text: !args.has("--no-text"),
        ..fahras::SaveOptions::default()
    });
    std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    println!(
        "indexed {} documents from {} files ({failed} could not be read) → {out} ({:.1} KB)",
        index.len(),
        files.len() - failed,
        bytes.len() as f64 / 1024.0
    );
    Ok(if index.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
