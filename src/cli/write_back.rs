//! Writing edits back into a convention, for `ctg relecture --apply` and
//! `ctg import-suivi`: each edit kept only if the convention still reads
//! without a new error, a unified diff first, the file written atomically
//! (README "La relecture", "The copil's spreadsheet").

use crate::check::Checker;
use crate::cli::common::io_error;
use crate::cli::Io;
use crate::diagnostic::Lang;
use crate::edit::{self, Edit};
use crate::schema::Document;
use camino::Utf8Path;
use std::io;

/// What to do with the edits kept.
pub struct Mode {
    /// Print the unified diff.
    pub diff: bool,
    /// Write the file.
    pub write: bool,
    /// What the new side of the diff is called: "relu", "suivi".
    pub label: &'static str,
}

/// Keeps each candidate edit (named by its YAML path) that leaves the
/// convention readable with no more errors than it had, says why for the
/// others on stderr, then shows and writes as `mode` says. Returns how many
/// were refused; none when the file could not be written (said on stderr).
pub fn write_back(
    io: &mut Io,
    lang: Lang,
    checker: &Checker,
    source: &Utf8Path,
    text: &str,
    candidates: Vec<(String, Edit)>,
    mode: Mode,
) -> io::Result<Option<usize>> {
    let errors = |text: &str| {
        let r = crate::check::check_bytes(
            source.to_path_buf(),
            text.as_bytes().to_vec(),
            Some(checker),
        );
        let readable = matches!(r.document, Some(Document::Convention(_)));
        (readable, r.count(crate::diagnostic::Severity::Error))
    };
    let (_, before) = errors(text);
    let mut edits: Vec<Edit> = Vec::new();
    let mut refused = 0;
    for (path, e) in candidates {
        let mut trial = edits.clone();
        trial.push(e.clone());
        let (readable, after) = errors(&edit::apply(text, &trial));
        if readable && after <= before {
            edits.push(e);
        } else {
            refused += 1;
            writeln!(
                io.err,
                "ctg : {path} : la modification rendrait la convention invalide ; laissée au coordinateur"
            )?;
        }
    }
    let new_text = edit::apply(text, &edits);
    let written = show_and_write(io, lang, source, text, &new_text, &mode)?;
    Ok(written.then_some(refused))
}

/// Shows the diff from `old` to `new` and writes `new` atomically, as
/// `mode` says ("Rien à écrire." when they are the same). False when the
/// file could not be written (said on stderr).
pub fn show_and_write(
    io: &mut Io,
    lang: Lang,
    source: &Utf8Path,
    old: &str,
    new: &str,
    mode: &Mode,
) -> io::Result<bool> {
    if mode.diff {
        write_diff(io, source, mode.label, old, new)?;
    }
    if !mode.write {
        return Ok(true);
    }
    if new == old {
        writeln!(
            io.err,
            "{}",
            lang.pick("Rien à écrire.", "Nothing to write.")
        )?;
        return Ok(true);
    }
    if let Err(e) = crate::output::write_atomic(source, new.as_bytes()) {
        io_error(io, source, &e, lang)?;
        return Ok(false);
    }
    writeln!(io.err, "{} {source}", lang.pick("Écrit :", "Written:"))?;
    Ok(true)
}

/// The changed lines as a unified diff, three lines of context around each
/// change.
pub fn write_diff(
    io: &mut Io,
    source: &Utf8Path,
    label: &str,
    old: &str,
    new: &str,
) -> io::Result<()> {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    if a == b {
        return Ok(());
    }
    writeln!(io.out, "--- {source}\n+++ {source} ({label})")?;
    // The longest common subsequence of the lines between the common
    // prefix and suffix (a review changes a few lines of a few hundred).
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut lcs = vec![vec![0u32; mb.len() + 1]; ma.len() + 1];
    for i in (0..ma.len()).rev() {
        for j in (0..mb.len()).rev() {
            lcs[i][j] = if ma[i] == mb[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    // Every line of both files: ' ' kept, '-' removed, '+' added.
    let mut ops: Vec<(char, &str)> = a[..prefix].iter().map(|l| (' ', *l)).collect();
    let (mut i, mut j) = (0, 0);
    while i < ma.len() || j < mb.len() {
        if i < ma.len() && j < mb.len() && ma[i] == mb[j] {
            ops.push((' ', ma[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < ma.len() && (j == mb.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', ma[i]));
            i += 1;
        } else {
            ops.push(('+', mb[j]));
            j += 1;
        }
    }
    ops.extend(a[a.len() - suffix..].iter().map(|l| (' ', *l)));
    // Hunks: the changed lines with three lines of context, close ones merged.
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| ops[k].0 != ' ').collect();
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(3);
        let mut end = changed[k];
        while k < changed.len() && changed[k] <= end + 7 {
            end = changed[k];
            k += 1;
        }
        let end = (end + 4).min(ops.len());
        let line_a = 1 + ops[..start].iter().filter(|o| o.0 != '+').count();
        let line_b = 1 + ops[..start].iter().filter(|o| o.0 != '-').count();
        let len_a = ops[start..end].iter().filter(|o| o.0 != '+').count();
        let len_b = ops[start..end].iter().filter(|o| o.0 != '-').count();
        writeln!(io.out, "@@ -{line_a},{len_a} +{line_b},{len_b} @@")?;
        for (op, line) in &ops[start..end] {
            writeln!(io.out, "{op}{line}")?;
        }
    }
    Ok(())
}
