//! `ctg man`: the manual pages, in roff: `ctg(1)` on the standard output,
//! or with `--dir` one page per command beside it (`ctg-validate.1`…).

use crate::cli::common::{err_prefix, utf8_arg};
use crate::cli::{Cli, ExitStatus, Io};
use crate::diagnostic::Lang;
use clap::CommandFactory;
use std::ffi::OsString;

#[derive(clap::Args, Debug)]
pub struct ManArgs {
    /// Écrit ctg.1 et une page par commande (ctg-validate.1…) dans ce dossier
    #[arg(long)]
    dir: Option<OsString>,
}

pub fn man_cmd(args: ManArgs, lang: Lang, io: &mut Io) -> std::io::Result<ExitStatus> {
    let Some(dir) = args.dir else {
        return clap_mangen::Man::new(Cli::command())
            .render(io.out)
            .map(|()| ExitStatus::Clean);
    };
    let Some(dir) = utf8_arg(dir, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    let top = Cli::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(top.clone()).render(&mut page)?;
    pages.push(("ctg.1".into(), page));
    for sub in top.get_subcommands() {
        // A page of its own: `ctg-validate(1)`, as the top page names it.
        // clap names are `'static`: a few short strings, for one run.
        let name: &'static str = Box::leak(format!("ctg-{}", sub.get_name()).into_boxed_str());
        let sub = sub
            .clone()
            .name(name)
            .bin_name(format!("ctg {}", sub.get_name()))
            .version(env!("CARGO_PKG_VERSION"));
        let mut page = Vec::new();
        clap_mangen::Man::new(sub).section("1").render(&mut page)?;
        page.extend_from_slice(EXIT_STATUS.as_bytes());
        pages.push((format!("{name}.1"), page));
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        writeln!(io.err, "{}{dir}: {e}", err_prefix(lang))?;
        return Ok(ExitStatus::Failure);
    }
    for (name, page) in &pages {
        let path = dir.join(name);
        if let Err(e) = crate::output::write_atomic(&path, page) {
            writeln!(io.err, "{}{path}: {e}", err_prefix(lang))?;
            return Ok(ExitStatus::Failure);
        }
    }
    writeln!(
        io.err,
        "{} {} ({} pages)",
        lang.pick("Écrit :", "Written:"),
        dir,
        pages.len()
    )?;
    Ok(ExitStatus::Clean)
}

/// The exit statuses every command shares (README "In CI").
const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
0
rien à signaler (ou seulement des avertissements, sans \-\-deny warnings)
.TP
1
des erreurs ont été trouvées (ou des avertissements avec \-\-deny warnings), ou une valeur n'a pu être reportée
.TP
2
ctg n'a pas pu faire ce qui était demandé : fichier illisible, argument invalide
"#;
