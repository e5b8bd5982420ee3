//! `ctg bilan`: the yearly follow-up of a convention's plan of actions.

use crate::check::Checker;
use crate::cli::common::{
    output_arg, parse_day, read_convention, today, write_page, PageFormat, GENERATOR,
};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
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
    let read = [vec![report.source.path.clone()], checker.files_read()].concat();
    let Some(output) = output_arg(args.output, &read, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let au = args.au.unwrap_or_else(today);
    let page = match args.format {
        PageFormat::Md => crate::render::bilan::markdown(c, au),
        PageFormat::Html => crate::render::bilan::html(c, au, GENERATOR),
    };
    write_page(output, &page, lang, io)
}
