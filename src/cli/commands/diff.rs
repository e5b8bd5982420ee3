//! `ctg diff`: what a renewal changes, for the terminal or a review.

use crate::check::Checker;
use crate::cli::common::read_convention;
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use clap::ValueEnum;
use std::ffi::OsString;
use std::io;

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    /// Texte pour le terminal
    Text,
    /// Markdown
    Md,
}

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// La convention précédente
    old: OsString,
    /// La nouvelle convention
    new: OsString,
    /// Format du rapport : texte pour le terminal, ou Markdown pour une revue
    #[arg(long, value_enum, default_value_t = TextFormat::Text)]
    format: TextFormat,
}

pub fn diff_cmd(args: DiffArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let DiffArgs { old, new, format } = args;
    use crate::render::diff::{self, Side};
    use crate::schema::Document;
    let checker = Checker::new(false, lang);
    let (Some(a), Some(b)) = (
        read_convention(&checker, old, lang, io)?,
        read_convention(&checker, new, lang, io)?,
    ) else {
        return Ok(ExitStatus::Failure);
    };
    let (Some(Document::Convention(ca)), Some(Document::Convention(cb))) =
        (&a.document, &b.document)
    else {
        return Ok(ExitStatus::Failure);
    };
    let (sa, sb) = (
        checker.sdsf_of(&a.source.path, ca),
        checker.sdsf_of(&b.source.path, cb),
    );
    let old = Side {
        path: a.source.path.as_str(),
        convention: ca,
        sdsf: sa.as_deref(),
    };
    let new = Side {
        path: b.source.path.as_str(),
        convention: cb,
        sdsf: sb.as_deref(),
    };
    let sections = diff::diff(&old, &new);
    let text = match format {
        // For a terminal: what a value holds is shown, never obeyed.
        TextFormat::Text => {
            crate::text::terminal::visible_lines(&diff::text(&old, &new, &sections)).into_owned()
        }
        TextFormat::Md => diff::markdown(&old, &new, &sections),
    };
    io.out.write_all(text.as_bytes())?;
    Ok(ExitStatus::Clean)
}
