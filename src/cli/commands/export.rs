//! `ctg export`: the comité de pilotage's spreadsheet of a convention.

use crate::check::Checker;
use crate::cli::common::{err_prefix, io_error, output_arg, read_convention, today};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use crate::render::tableur;
use chrono::Datelike;
use std::ffi::OsString;
use std::io;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetFormat {
    Xlsx,
    Ods,
    Csv,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feuille {
    Actions,
    Indicateurs,
    Signataires,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// La convention
    file: OsString,
    /// Format du classeur (csv : une seule feuille, voir --feuille)
    #[arg(long, value_enum, default_value_t = SheetFormat::Xlsx)]
    format: SheetFormat,
    /// La feuille à écrire en CSV
    #[arg(long, value_enum, default_value_t = Feuille::Indicateurs)]
    feuille: Feuille,
    /// Fichier à écrire (obligatoire pour xlsx et ods ; « - » : la sortie standard)
    #[arg(short = 'o', long = "output")]
    output: Option<OsString>,
    /// Date du suivi, AAAA-MM-JJ (par défaut : aujourd'hui) : un réalisé donné d'une seule valeur va sur la ligne de cette année
    #[arg(long, value_parser = crate::cli::common::parse_day)]
    au: Option<chrono::NaiveDate>,
    /// Remplace le fichier s'il existe déjà (un classeur rempli par les partenaires ne l'est jamais sans)
    #[arg(long)]
    force: bool,
}

pub fn export_cmd(args: ExportArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    use crate::schema::Document;
    let say = |io: &mut Io, fr: &str, en: &str| -> io::Result<ExitStatus> {
        writeln!(io.err, "{}{}", err_prefix(lang), lang.pick(fr, en))?;
        Ok(ExitStatus::Failure)
    };
    if args.output.is_none() && args.format != SheetFormat::Csv {
        return say(
            io,
            "donnez le fichier à écrire : -o suivi.xlsx",
            "name the file to write: -o suivi.xlsx",
        );
    }
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
    if let Some(out) = &output {
        if out.exists() && !args.force {
            return say(
                io,
                &format!("{out} : le fichier existe déjà ; ctg export ne le remplace qu'avec --force (les valeurs qu'il contient se relisent avec ctg import-suivi)"),
                &format!("{out}: the file already exists; ctg export replaces it only with --force (its values are read back with ctg import-suivi)"),
            );
        }
    }
    let sheets = tableur::sheets(c, args.au.unwrap_or_else(today).year());
    let bytes = match args.format {
        SheetFormat::Xlsx => tableur::xlsx(&sheets),
        SheetFormat::Ods => tableur::ods(&sheets).map_err(|e| e.to_string()),
        SheetFormat::Csv => {
            let name = match args.feuille {
                Feuille::Actions => tableur::ACTIONS,
                Feuille::Indicateurs => tableur::INDICATEURS,
                Feuille::Signataires => tableur::SIGNATAIRES,
            };
            let sheet = sheets
                .iter()
                .find(|s| s.name == name)
                .expect("every sheet is made");
            Ok(tableur::csv(sheet).into_bytes())
        }
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(why) => return say(io, &why, &why),
    };
    match output {
        None => io.out.write_all(&bytes)?,
        Some(out) => {
            if let Err(e) = crate::output::write_atomic(&out, &bytes) {
                io_error(io, &out, &e, lang)?;
                return Ok(ExitStatus::Failure);
            }
            writeln!(io.err, "{} {out}", lang.pick("Écrit :", "Written:"))?;
        }
    }
    Ok(ExitStatus::Clean)
}
