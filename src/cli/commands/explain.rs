//! `ctg explain`: what a rule checks, why, and an example.

use crate::cli::common::{err_prefix, severity_name};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use std::io;

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// Code de la règle, par exemple CTG402
    code: String,
}

pub fn explain_cmd(args: ExplainArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let code = args.code.as_str();
    let Some(rule) = crate::rules::find(code) else {
        let near = crate::rules::nearest(code).join(", ");
        writeln!(
            io.err,
            "{}{}",
            err_prefix(lang),
            match lang {
                Lang::Fr => format!("le code « {code} » n'existe pas ; codes voisins : {near}"),
                Lang::En => format!("code `{code}` does not exist; nearest codes: {near}"),
            }
        )?;
        writeln!(
            io.err,
            "{}",
            lang.pick("la liste complète : ctg rules", "the full list: ctg rules")
        )?;
        return Ok(ExitStatus::Failure);
    };
    let severity = severity_name(rule.default, lang);
    writeln!(
        io.out,
        "{} — {} ({severity})\n",
        rule.code,
        rule.title(lang)
    )?;
    write!(io.out, "{}", rule.explanation(lang))?;
    Ok(ExitStatus::Clean)
}
