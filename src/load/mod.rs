//! Loading: bytes on disk → checked UTF-8 text → YAML tree with spans.

pub mod codes;
pub mod tree;

use crate::diagnostic::Diagnostic;
use crate::span::{SourceFile, Span};
use crate::t;
use camino::Utf8PathBuf;

pub use tree::{parse, unsupported_tag, Node, NodeId, NodeKind, Scalar, Tree};

/// Files larger than this are refused unread: the largest real conventions
/// are a few hundred kilobytes, and a 10,000-action plan is 1.4 MB.
/// It bounds what one file costs: parsing 16 MB takes well under a second
/// and a few hundred megabytes at most.
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Turns raw bytes into the text to parse. A file that is not UTF-8 YAML
/// text still yields a (lossy) text, for the report, and its finding.
pub fn decode(path: Utf8PathBuf, mut bytes: Vec<u8>) -> (SourceFile, Option<Diagnostic>) {
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    if bom {
        // A UTF-8 byte-order mark is harmless; editors do not count it.
        bytes.drain(..3);
    }
    let (mut source, problem) = decode_text(path, bytes);
    source.bom = bom;
    (source, problem)
}

fn decode_text(path: Utf8PathBuf, bytes: Vec<u8>) -> (SourceFile, Option<Diagnostic>) {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let diag = Diagnostic::new(
            &crate::load::codes::CTG001,
            Span::new(0, 0),
            t!(
                "le fichier est encodé en UTF-16 : ctg lit des fichiers UTF-8",
                "the file is encoded in UTF-16: ctg reads UTF-8 files"
            ),
        )
        .with_help(t!(
            "ré-enregistrez-le en UTF-8 (« Enregistrer sous », encodage UTF-8)",
            "save it again as UTF-8 (\"Save as\", UTF-8 encoding)"
        ));
        return (SourceFile::new(path, String::new()), Some(diag));
    }
    let probe = &bytes[..bytes.len().min(8192)];
    if let Some(nul) = probe.iter().position(|&b| b == 0) {
        let diag = Diagnostic::new(&crate::load::codes::CTG001,
            Span::new(0, 0),
            t!(
                "fichier binaire (octet nul à la position {nul}) : une convention est un fichier texte YAML",
                "binary file (NUL byte at offset {nul}): a convention is a YAML text file"
            ),
        );
        return (SourceFile::new(path, String::new()), Some(diag));
    }
    match String::from_utf8(bytes) {
        Ok(text) => (SourceFile::new(path, text), None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let byte = e.as_bytes()[at];
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // In the lossy text the bad byte became U+FFFD (3 bytes) at `at`.
            let diag = Diagnostic::new(&crate::load::codes::CTG001,
                Span::new(at, at + '\u{FFFD}'.len_utf8()),
                t!(
                    "le fichier n'est pas en UTF-8 (octet 0x{byte:02X}) ; il est sans doute en Latin-1 ou Windows-1252",
                    "the file is not UTF-8 (byte 0x{byte:02X}); it is probably Latin-1 or Windows-1252"
                ),
            )
            .with_label(t!("octet invalide", "invalid byte"))
            .with_help(t!(
                "ré-enregistrez le fichier en UTF-8 ; aucun caractère n'a été modifié",
                "save the file again as UTF-8; no character was changed"
            ));
            (SourceFile::new(path, text), Some(diag))
        }
    }
}

/// Reads a file from disk. I/O failures are the caller's to report (exit 2);
/// size is checked first so a huge file is never read whole.
/// Only regular files are read: a FIFO or a device named `.yaml` would
/// block or never end. A file growing while it is read stops at the bound.
pub fn read(path: &camino::Utf8Path) -> std::io::Result<Result<Vec<u8>, u64>> {
    read_bounded(path, MAX_FILE_SIZE)
}

/// [`read`] with another bound: `Ok(Err(size))` when the file is larger.
pub fn read_bounded(path: &camino::Utf8Path, max: u64) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read;
    // Looked at before opening: opening a FIFO blocks until a writer comes.
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(std::io::ErrorKind::IsADirectory.into());
    }
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > max {
        return Ok(Err(meta.len()));
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

/// A file ctg reads besides conventions (`ctg.toml`, a template, an ignore
/// file) as UTF-8 text: a regular file of at most `max` bytes, or an
/// error that says why in the user's language.
pub fn read_text(path: &camino::Utf8Path, max: u64) -> std::io::Result<String> {
    let bytes = read_bounded(path, max)?.map_err(|size| too_large(size, max))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        std::io::Error::other(t!(
            "le fichier n'est pas en UTF-8 (octet invalide à la position {at})",
            "the file is not UTF-8 (invalid byte at offset {at})"
        ))
    })
}

/// Why ctg does not read a FIFO, a device or a socket.
pub fn not_regular() -> std::io::Error {
    std::io::Error::other(t!(
        "ce n'est pas un fichier ordinaire (tube, périphérique…)",
        "this is not a regular file (pipe, device…)"
    ))
}

/// The error for a file over its bound, sizes in kilobytes or megabytes.
pub fn too_large(size: u64, max: u64) -> std::io::Error {
    let show = |n: u64| {
        if n >= 1_000_000 {
            (
                format!("{} Mo", n / 1_000_000),
                format!("{} MB", n / 1_000_000),
            )
        } else {
            (
                format!("{} ko", n.div_ceil(1000)),
                format!("{} kB", n.div_ceil(1000)),
            )
        }
    };
    let ((size_fr, size_en), (max_fr, max_en)) = (show(size), show(max));
    std::io::Error::other(crate::diagnostic::Text::new(
        format!(
            "fichier trop volumineux ({size_fr}) : ctg lit ce fichier s'il fait {max_fr} au plus"
        ),
        format!("file too large ({size_en}): ctg reads this file up to {max_en}"),
    ))
}
