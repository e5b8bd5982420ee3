//! `ctg explain`: what a rule checks, why, and an example.

use crate::cli::common::{err_prefix, severity_name};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use std::io;

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// Code de la règle, par exemple CTG402
    #[arg(value_parser = RuleCode, hide_possible_values = true)]
    code: String,
}

/// A rule code: any text is taken (an unknown one gets the nearest codes,
/// below), and the codes are offered to shell completion.
#[derive(Clone)]
pub(crate) struct RuleCode;

impl clap::builder::TypedValueParser for RuleCode {
    type Value = String;

    fn parse_ref(
        &self,
        _: &clap::Command,
        _: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            crate::rules::all().map(|r| clap::builder::PossibleValue::new(r.code)),
        ))
    }
}

/// Says that `code` is no rule's, with the nearest codes.
pub(crate) fn unknown_code(io: &mut Io, code: &str, lang: Lang) -> io::Result<()> {
    let near = crate::rules::nearest(code).join(", ");
    writeln!(
        io.err,
        "{}{}",
        err_prefix(lang),
        match lang {
            Lang::Fr => format!("le code « {code} » n'existe pas ; codes voisins : {near}"),
            Lang::En => format!("code `{code}` does not exist; nearest codes: {near}"),
        }
    )
}

pub fn explain_cmd(args: ExplainArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let code = args.code.as_str();
    let Some(rule) = crate::rules::find(code) else {
        unknown_code(io, code, lang)?;
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
