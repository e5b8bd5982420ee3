//! The command line in French: clap writes its help headings and its usage
//! errors in English, so the command is dressed in French headings here,
//! and each usage error is said again in French from what clap knows of
//! it (the argument, the value, the valid values, the suggestion).
//! English (`--lang en`, or `LANG=en…`) keeps clap's own words.

use crate::diagnostic::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The command with French help headings, on every subcommand.
pub fn french(command: clap::Command) -> clap::Command {
    command
        .help_template(
            "{before-help}{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}",
        )
        .subcommand_help_heading("Commandes")
        .mut_subcommands(french)
}

/// The language asked for on the command line, before it is parsed (a
/// usage error comes before `--lang` is read).
pub fn lang_of_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut words = args.iter().filter_map(|a| a.to_str());
    while let Some(w) = words.next() {
        let value = match w.strip_prefix("--lang") {
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => continue,
        };
        match value {
            Some("fr") => return Some(Lang::Fr),
            Some("en") => return Some(Lang::En),
            _ => {}
        }
    }
    None
}

/// What clap has to say (an error, or the help and version it displays),
/// in `lang`.
pub fn render(e: &clap::Error, lang: Lang) -> String {
    let text = e.render().to_string();
    if lang == Lang::En {
        return text;
    }
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => help(&text),
        _ => error(e).unwrap_or(text),
    }
}

/// The help text with clap's own words in French.
fn help(text: &str) -> String {
    text.replace("[possible values: ", "[valeurs possibles : ")
        .replace("Possible values:", "Valeurs possibles :")
        .replace("[default: ", "[par défaut : ")
        .replace("[aliases: ", "[autres noms : ")
        .replace("Usage: ", "Utilisation : ")
        .replace("Commands:", "Commandes :")
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A usage error in French, when clap says enough of it.
fn error(e: &clap::Error) -> Option<String> {
    let arg = || context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = || context(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut lines = vec![match e.kind() {
        ErrorKind::UnknownArgument => format!("argument inattendu « {} »", arg()),
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue « {} »",
            context(e, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue if value().is_empty() => {
            format!("« {} » attend une valeur", arg())
        }
        ErrorKind::InvalidValue => format!("valeur « {} » invalide pour « {} »", value(), arg()),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| format!(" : {}", range_in_french(&s.to_string())))
                .unwrap_or_default();
            format!("valeur « {} » invalide pour « {} »{why}", value(), arg())
        }
        ErrorKind::MissingRequiredArgument => format!(
            "argument obligatoire absent : {}",
            context(e, ContextKind::InvalidArg).unwrap_or_default()
        ),
        ErrorKind::MissingSubcommand => "une commande est attendue".to_string(),
        ErrorKind::ArgumentConflict => match context(e, ContextKind::PriorArg) {
            Some(prior) => format!("« {} » ne s'emploie pas avec « {prior} »", arg()),
            None => format!("« {} » ne s'emploie pas avec les autres arguments", arg()),
        },
        ErrorKind::TooManyValues => format!("valeur en trop pour « {} » : « {} »", arg(), value()),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("nombre de valeurs incorrect pour « {} »", arg())
        }
        ErrorKind::NoEquals => format!("« {} » s'écrit avec = et sa valeur", arg()),
        ErrorKind::InvalidUtf8 => "argument non UTF-8".to_string(),
        _ => return None,
    }];
    if let Some(valid) = context(e, ContextKind::ValidValue) {
        lines.push(format!("  valeurs possibles : {valid}"));
    }
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|k| match e.get(k)? {
        ContextValue::String(s) => Some(vec![s.clone()]),
        ContextValue::Strings(v) => Some(v.clone()),
        _ => None,
    });
    if let Some(s) = suggested.filter(|s| !s.is_empty()) {
        lines.push(format!("  vouliez-vous dire « {} » ?", s.join(" » ou « ")));
    }
    let mut text = format!("ctg : erreur : {}\n", lines.join("\n"));
    if let Some(usage) = context(e, ContextKind::Usage) {
        text.push_str(&format!("\n{}\n", help(usage.trim())));
    }
    text.push_str("\nPour en savoir plus : --help\n");
    Some(text)
}

/// clap's range message (`40 is not in 1..=10`) in French.
fn range_in_french(why: &str) -> String {
    match why.split_once(" is not in ") {
        Some((n, range)) => match range.split_once("..=") {
            Some((a, b)) => format!("{n} n'est pas entre {a} et {b}"),
            None => format!("{n} n'est pas dans {range}"),
        },
        None => why.to_string(),
    }
}
