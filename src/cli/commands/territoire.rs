//! `ctg territoire`: the official territory of an EPCI, as YAML to paste.

use crate::cli::common::find_epci;
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use std::io;

#[derive(clap::Args, Debug)]
pub struct TerritoireArgs {
    /// SIREN de l'EPCI, ou des mots de son nom (« porte des vosges »)
    epci: String,
}

pub fn territoire_cmd(args: TerritoireArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let query = args.epci.as_str();
    Ok(match find_epci(query, lang, io)? {
        Some(epci) => {
            write!(io.out, "{}", crate::geo::territoire_yaml(&epci))?;
            ExitStatus::Clean
        }
        None => ExitStatus::Failure,
    })
}
