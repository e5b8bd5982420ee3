//! `ctg bilan`: the yearly follow-up of a convention's plan of actions.

use crate::check::Checker;
use crate::cli::common::{
    err_prefix, output_arg, parse_day, read_convention, template_dir, today, write_page,
    PageFormat, GENERATOR,
};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use crate::render::typo::Markup;
use std::ffi::OsString;
use std::io;

#[derive(clap::Args, Debug)]
pub struct BilanArgs {
    /// La convention suivie
    file: OsString,
    /// Date du bilan, AAAA-MM-JJ (par défaut : aujourd'hui)
    #[arg(long, value_parser = parse_day)]
    au: Option<chrono::NaiveDate>,
    /// Format de la page
    #[arg(long, value_enum, default_value_t = PageFormat::Md)]
    format: PageFormat,
    /// Fichier à écrire (par défaut : la sortie standard)
    #[arg(short = 'o', long = "output")]
    output: Option<OsString>,
    /// Dossier de modèles : un bilan.md ou bilan.html qui s'y trouve remplace le modèle intégré
    #[arg(long)]
    templates: Option<OsString>,
}

pub fn bilan_cmd(args: BilanArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    use crate::schema::Document;
    let checker = Checker::new(false, lang);
    let Some(report) = read_convention(&checker, args.file, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let Some(Document::Convention(c)) = &report.document else {
        return Ok(ExitStatus::Failure);
    };
    let Some(templates) = template_dir(args.templates, &checker, &report.source.path, lang, io)?
    else {
        return Ok(ExitStatus::Failure);
    };
    let read = [
        vec![report.source.path.clone()],
        checker.files_read(),
        templates.files(),
    ]
    .concat();
    let Some(output) = output_arg(args.output, &read, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let au = args.au.unwrap_or_else(today);
    let markup = match args.format {
        PageFormat::Md => Markup::Markdown,
        PageFormat::Html => Markup::Html,
    };
    match crate::render::bilan::page(c, au, markup, GENERATOR, &templates) {
        Ok(page) => write_page(output, &page, lang, io),
        Err(e) => {
            writeln!(io.err, "{}{e}", err_prefix(lang))?;
            Ok(ExitStatus::Failure)
        }
    }
}
