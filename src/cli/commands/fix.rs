//! `ctg fix`: the fixes ctg knows written into the files, everything else
//! kept byte for byte (README "ctg fix").

use crate::check::{self, Checker, Failure};
use crate::cli::common::{check_all, config_error, err_prefix, io_error, utf8_arg};
use crate::cli::write_back::{show_and_write, Mode};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::{io_message, Diagnostic, Lang, Severity};
use crate::report::plural;
use std::ffi::OsString;
use std::io;

#[derive(clap::Args, Debug)]
pub struct FixArgs {
    /// Fichiers ou dossiers à corriger (dossiers parcourus récursivement)
    #[arg(default_value = "conventions")]
    paths: Vec<OsString>,
    /// Montre les corrections en diff unifié, sans rien écrire
    #[arg(long)]
    diff: bool,
    /// Ne fait que les corrections de ce code (répétable)
    #[arg(long = "rule", value_name = "CODE", value_parser = super::explain::RuleCode, hide_possible_values = true)]
    rules: Vec<String>,
    /// Fait aussi les corrections qui changent ce que dit la convention : communes ajoutées au périmètre (CTG109), calendriers ramenés dans la période (CTG205)
    #[arg(long = "unsafe")]
    allow_unsafe: bool,
}

pub fn fix_cmd(args: FixArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    for code in &args.rules {
        if crate::rules::find(code).is_none() {
            super::explain::unknown_code(io, code, lang)?;
            return Ok(ExitStatus::Failure);
        }
    }
    let mut paths = Vec::new();
    for p in args.paths.iter().cloned() {
        let Some(p) = utf8_arg(p, lang, io)? else {
            return Ok(ExitStatus::Failure);
        };
        paths.push(p);
    }
    let (files, failures) = check::collect(&paths);
    let mut failed = false;
    for f in &failures {
        writeln!(
            io.err,
            "{}{}: {}",
            err_prefix(lang),
            f.path,
            io_message(&f.error, lang)
        )?;
        failed = true;
    }
    let checker = Checker::new(false, lang);
    let wanted = |d: &Diagnostic| {
        d.fix
            .as_deref()
            .is_some_and(|f| f.safe || args.allow_unsafe)
            && (args.rules.is_empty() || args.rules.iter().any(|c| c == d.code))
    };
    let mode = Mode {
        diff: args.diff,
        write: !args.diff,
        label: lang.pick("corrigé", "fixed"),
    };
    let (mut fixed_total, mut files_fixed, mut unsafe_left, mut left, mut errors) = (0, 0, 0, 0, 0);
    for (path, first) in files.iter().zip(check_all(&checker, &files, None, |r| r)?) {
        let report = match first {
            Ok(r) => r,
            Err(Failure::Io(e)) => {
                io_error(io, path, &e, lang)?;
                failed = true;
                continue;
            }
            Err(Failure::Config(e)) => {
                config_error(io, &e, lang)?;
                failed = true;
                continue;
            }
        };
        let original = report.source.text.clone();
        let (text, report, fixed) = check::fix::fix_text(&checker, path, report, &wanted);
        if !fixed.is_empty() {
            if !show_and_write(io, lang, path, &original, &text, &mode)? {
                failed = true;
                continue;
            }
            let n: usize = fixed.values().sum();
            let codes: Vec<String> = fixed
                .iter()
                .map(|(c, n)| {
                    if *n > 1 {
                        format!("{c} ×{n}")
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            writeln!(
                io.err,
                "{path} : {} ({})",
                plural(
                    lang,
                    n,
                    lang.pick("correction", "fix"),
                    lang.pick("corrections", "fixes")
                ),
                codes.join(", ")
            )?;
            fixed_total += n;
            files_fixed += 1;
        }
        unsafe_left += report
            .diagnostics
            .iter()
            .filter(|d| d.fix.as_deref().is_some_and(|f| !f.safe) && !wanted(d))
            .count();
        left += report.diagnostics.len();
        errors += report.count(Severity::Error);
    }
    let verb = if args.diff {
        lang.pick("à faire", "to make")
    } else {
        lang.pick("faites", "made")
    };
    let mut summary = match lang {
        Lang::Fr if fixed_total == 0 => format!(
            "ctg fix : rien à corriger ; {}",
            plural(Lang::Fr, left, "constat restant", "constats restants")
        ),
        Lang::En if fixed_total == 0 => format!("ctg fix: nothing to fix; {left} finding(s) left"),
        Lang::Fr => format!(
            "ctg fix : {} {verb} dans {} ; {}",
            plural(Lang::Fr, fixed_total, "correction", "corrections"),
            plural(Lang::Fr, files_fixed, "fichier", "fichiers"),
            plural(Lang::Fr, left, "constat restant", "constats restants"),
        ),
        Lang::En => format!(
            "ctg fix: {} {verb} in {}; {left} finding(s) left",
            plural(Lang::En, fixed_total, "fix", "fixes"),
            plural(Lang::En, files_fixed, "file", "files"),
        ),
    };
    if unsafe_left > 0 {
        summary.push_str(&match lang {
            Lang::Fr => format!(
                ", dont {} avec --unsafe",
                plural(Lang::Fr, unsafe_left, "corrigeable", "corrigeables")
            ),
            Lang::En => format!(", {unsafe_left} of them fixable with --unsafe"),
        });
    }
    if lang == Lang::Fr && left > 0 {
        summary.push_str(" (ctg validate les détaille)");
    }
    writeln!(io.err, "{summary}")?;
    Ok(if failed {
        ExitStatus::Failure
    } else if errors > 0 || (args.diff && fixed_total > 0) {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}
