//! Writing what ctg makes (reports, documents, drafts) without ever
//! harming what is already there: a reader never sees half a file, a
//! replaced file keeps its permissions, a device or a pipe is written to,
//! never replaced, and a link keeps pointing where it did.

use camino::{Utf8Path, Utf8PathBuf};
use std::io::Write;

/// The folder a file is in (`.` for a bare name), where its temporary
/// file goes.
pub fn folder_of(path: &Utf8Path) -> &Utf8Path {
    match path.parent() {
        Some(d) if !d.as_str().is_empty() => d,
        _ => Utf8Path::new("."),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so a reader never sees half a document and a failure leaves
/// any previous file as it was. A FIFO or a character device (`/dev/null`,
/// a terminal, `/proc/self/fd/1`), itself or behind a link, is written to
/// directly: renaming over it would destroy it. A block device is refused.
/// A link to a regular file is replaced, not followed: the file it pointed
/// to elsewhere is left as it was.
pub fn write_atomic(path: &Utf8Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Ok(meta) = std::fs::metadata(path) {
        let kind = meta.file_type();
        if kind.is_dir() {
            return Err(std::io::ErrorKind::IsADirectory.into());
        }
        if is_stream(&kind) {
            return std::fs::OpenOptions::new()
                .write(true)
                .open(path)?
                .write_all(bytes);
        }
        if !kind.is_file() {
            return Err(std::io::Error::other(crate::t!(
                "ce n'est pas un fichier ordinaire : ctg n'y écrit pas",
                "this is not a regular file: ctg does not write to it"
            )));
        }
    }
    let dir = folder_of(path);
    let name = path.file_name().unwrap_or("document");
    remove_stale_temporaries(dir, name);
    let (tmp, mut file) = create_temporary(dir, name)?;
    let written = keep_permissions(path, &file)
        .and_then(|()| file.write_all(bytes))
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// A FIFO or a character device: what is written to, not replaced.
#[cfg(unix)]
fn is_stream(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_fifo() || kind.is_char_device()
}

#[cfg(not(unix))]
fn is_stream(_: &std::fs::FileType) -> bool {
    false
}

/// Writes a file that must not exist yet: never replaces one, even one
/// created meanwhile. The content goes to a temporary file first, which is
/// then linked under the final name (refused if the name is taken).
pub fn write_new(path: &Utf8Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder_of(path);
    let name = path.file_name().unwrap_or("document");
    remove_stale_temporaries(dir, name);
    let (tmp, mut file) = create_temporary(dir, name)?;
    let linked = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::hard_link(&tmp, path));
    let _ = std::fs::remove_file(&tmp);
    match linked {
        // A file system without hard links: create the file exclusively.
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            file.write_all(bytes)
        }
        other => other,
    }
}

/// Whether two paths name the same file, by any spelling or through a
/// link (the output must never replace an input).
pub fn same_file(a: &Utf8Path, b: &Utf8Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The prefix of ctg's temporary files for `name`: `.NAME.ctg-PID-N.tmp`.
fn temporary_prefix(name: &str) -> String {
    format!(".{name}.ctg-")
}

/// A new temporary file beside the final one, created exclusively.
fn create_temporary(dir: &Utf8Path, name: &str) -> std::io::Result<(Utf8PathBuf, std::fs::File)> {
    let prefix = temporary_prefix(name);
    let mut n = 0u32;
    loop {
        let tmp = dir.join(format!("{prefix}{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// A file replaced keeps the mode it had (a report kept private at 600
/// does not become readable by all).
fn keep_permissions(target: &Utf8Path, tmp: &std::fs::File) -> std::io::Result<()> {
    match std::fs::metadata(target) {
        Ok(meta) => tmp.set_permissions(meta.permissions()),
        Err(_) => Ok(()),
    }
}

/// Removes the temporary files for `name` that a ctg killed between write
/// and rename left behind: those whose process is gone (on Linux, no
/// `/proc/PID`), or elsewhere those older than a day. Failures are left
/// alone: this is tidying, not the job.
fn remove_stale_temporaries(dir: &Utf8Path, name: &str) {
    let prefix = temporary_prefix(name);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|f| f.strip_suffix(".tmp"))
        else {
            continue;
        };
        let pid: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid, &entry) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn process_alive(pid: u32, entry: &std::fs::DirEntry) -> bool {
    let proc = std::path::Path::new("/proc");
    if proc.join("self").exists() {
        return proc.join(pid.to_string()).exists();
    }
    let day = std::time::Duration::from_secs(24 * 3600);
    entry
        .metadata()
        .and_then(|m| m.modified())
        .is_ok_and(|t| t.elapsed().map_or(true, |age| age < day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_temporaries_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let d = Utf8Path::from_path(dir.path()).unwrap();
        // PID 4194304 is above Linux's largest (2^22).
        let stale = d.join(".a.yaml.ctg-4194304-0.tmp");
        let mine = d.join(format!(".a.yaml.ctg-{}-7.tmp", std::process::id()));
        let other = d.join(".b.yaml.ctg-4194304-0.tmp");
        for p in [&stale, &mine, &other] {
            std::fs::write(p, "x").unwrap();
        }
        write_atomic(&d.join("a.yaml"), b"ok").unwrap();
        assert!(!stale.exists() || !std::path::Path::new("/proc/self").exists());
        assert!(mine.exists() && other.exists());
        assert_eq!(std::fs::read(d.join("a.yaml")).unwrap(), b"ok");
    }
}
