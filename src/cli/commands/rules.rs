//! `ctg rules`: the catalogue, with default severities.

use crate::cli::common::severity_name;
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use clap::ValueEnum;
use std::io;

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Human,
    Json,
    /// Le catalogue en Markdown, une section par règle (docs/rules.md)
    Md,
}

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    /// Format de la liste
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
}

pub fn rules_cmd(args: RulesArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let format = args.format;
    let rules: Vec<_> = crate::rules::all().collect();
    match format {
        ListFormat::Human => {
            let stage = lang.pick(" (erreur à la signature)", " (error at signature)");
            for r in rules {
                let severity = severity_name(r.default, lang);
                let stage = if r.signature_stage { stage } else { "" };
                writeln!(
                    io.out,
                    "{}  {severity:<13}  {}{stage}",
                    r.code,
                    r.title(lang)
                )?;
            }
        }
        ListFormat::Md => {
            writeln!(
                io.out,
                "# {}\n\n{}",
                lang.pick("Les règles de ctg", "ctg's rules"),
                lang.pick(
                    "Écrit par `ctg rules --format md` ; ne pas modifier à la main. Chaque règle a sa section, que les rapports SARIF citent (`helpUri`).",
                    "Written by `ctg rules --format md`; do not edit by hand. Each rule has its section, which SARIF reports cite (`helpUri`)."
                )
            )?;
            for r in rules {
                let severity = severity_name(r.default, lang);
                let stage = if r.signature_stage {
                    lang.pick(", erreur à la signature", ", error at signature")
                } else {
                    ""
                };
                // The explanation's own headings go one level down.
                let body = r.explanation(lang).replace("\n## ", "\n### ");
                writeln!(
                    io.out,
                    "\n## {}\n\n**{}** ({severity}{stage})\n\n{}",
                    r.code,
                    r.title(lang),
                    body.trim_start_matches("## ").trim()
                )?;
            }
        }
        ListFormat::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code,
                        "severity": r.default.key(),
                        "signature_stage": r.signature_stage,
                        "title": r.title(lang),
                        "explanation": r.explanation(lang),
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(&list).map_err(io::Error::other)?;
            writeln!(io.out, "{text}")?;
        }
    }
    Ok(ExitStatus::Clean)
}
