//! `ctg territoire`: the official territory of an EPCI, as YAML to paste.

use crate::cli::common::{find_epci, geo_at};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use std::io;

#[derive(clap::Args, Debug)]
pub struct TerritoireArgs {
    /// SIREN de l'EPCI, ou des mots de son nom (« porte des vosges »)
    epci: String,
    /// Le territoire tel qu'il était à cette date (AAAA-MM-JJ), pour un EPCI disparu depuis
    #[arg(long)]
    au: Option<String>,
}

pub fn territoire_cmd(args: TerritoireArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let query = args.epci.as_str();
    let Some(g) = geo_at(args.au.as_deref(), lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    Ok(match find_epci(query, g, lang, io)? {
        Some(epci) => {
            write!(io.out, "{}", crate::geo::territoire_yaml(g, &epci))?;
            ExitStatus::Clean
        }
        None => ExitStatus::Failure,
    })
}
