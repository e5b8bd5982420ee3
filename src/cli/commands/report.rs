//! `ctg report`: the departmental view of a repository of conventions.

use crate::check::{self, Checker, FileReport};
use crate::cli::common::{
    check_all, err_prefix, io_error, output_arg, parse_day, template_dir, today, utf8_arg,
    write_page, PageFormat, GENERATOR,
};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use crate::render::typo::Markup;
use camino::Utf8Path;
use std::ffi::OsString;
use std::io;

#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// Dossier du dépôt (parcouru récursivement)
    #[arg(default_value = "conventions")]
    dir: OsString,
    /// Format de la page
    #[arg(long, value_enum, default_value_t = PageFormat::Md)]
    format: PageFormat,
    /// Fichier à écrire (par défaut : la sortie standard)
    #[arg(short = 'o', long = "output")]
    output: Option<OsString>,
    /// Date de référence des échéances, AAAA-MM-JJ (par défaut : aujourd'hui)
    #[arg(long, value_parser = parse_day)]
    au: Option<chrono::NaiveDate>,
    /// Dossier de modèles : un report.md ou report.html qui s'y trouve remplace le modèle intégré
    #[arg(long)]
    templates: Option<OsString>,
}

pub fn report_cmd(args: ReportArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let Some(dir) = utf8_arg(args.dir, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let (files, failures) = check::collect(std::slice::from_ref(&dir));
    if let Some(f) = failures.first() {
        io_error(io, &f.path, &f.error, lang)?;
        return Ok(ExitStatus::Failure);
    }
    let checker = Checker::new(false, lang);
    let reports: Vec<FileReport> = check_all(&checker, &files, None, |r| r)?
        .into_iter()
        .flatten()
        .collect();
    // The repository's ctg.toml is the folder's own, or above.
    let config = dir.join(crate::check::config::FILE_NAME);
    let Some(templates) = template_dir(args.templates, &checker, &config, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let read = [files, checker.files_read(), templates.files()].concat();
    let Some(output) = output_arg(args.output, &read, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let view = crate::render::departement::build(
        dir.as_str(),
        args.au.unwrap_or_else(today),
        &reports,
        |path, c| {
            let sdsf = checker.sdsf_of(path, c)?;
            let cited = path
                .parent()
                .unwrap_or(Utf8Path::new(""))
                .join(&c.sdsf.value);
            let key = cited.canonicalize_utf8().unwrap_or(cited);
            Some((key, sdsf))
        },
    );
    let markup = match args.format {
        PageFormat::Md => Markup::Markdown,
        PageFormat::Html => Markup::Html,
    };
    match crate::render::departement::page(&view, markup, GENERATOR, &templates) {
        Ok(page) => write_page(output, &page, lang, io),
        Err(e) => {
            writeln!(io.err, "{}{e}", err_prefix(lang))?;
            Ok(ExitStatus::Failure)
        }
    }
}
