//! `ctg diff`: what a renewal changes, for the terminal or a review.

use crate::check::Checker;
use crate::cli::common::{err_prefix, read_convention, template_dir};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use crate::render::typo::Markup;
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
    /// Dossier de modèles : un diff.txt ou diff.md qui s'y trouve remplace le modèle intégré
    #[arg(long)]
    templates: Option<OsString>,
}

pub fn diff_cmd(args: DiffArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let DiffArgs {
        old,
        new,
        format,
        templates,
    } = args;
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
    let Some(templates) = template_dir(templates, &checker, &b.source.path, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let sections = diff::diff(&old, &new);
    let markup = match format {
        TextFormat::Text => None,
        TextFormat::Md => Some(Markup::Markdown),
    };
    let text = match diff::page(&old, &new, &sections, markup, &templates) {
        // For a terminal: what a value holds is shown, never obeyed.
        Ok(text) if markup.is_none() => crate::text::terminal::visible_lines(&text).into_owned(),
        Ok(text) => text,
        Err(e) => {
            writeln!(io.err, "{}{e}", err_prefix(lang))?;
            return Ok(ExitStatus::Failure);
        }
    };
    io.out.write_all(text.as_bytes())?;
    Ok(ExitStatus::Clean)
}
