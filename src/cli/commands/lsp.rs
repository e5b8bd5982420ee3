//! `ctg lsp`: the language server, over stdin and stdout (README "In the
//! editor").

use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use std::io;

#[derive(clap::Args, Debug)]
pub struct LspArgs {
    /// Accepté pour les clients qui le passent toujours ; l'entrée et la sortie standard sont le seul transport
    #[arg(long, hide = true)]
    stdio: bool,
}

pub fn lsp_cmd(_: LspArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    match crate::lsp::serve_stdio(lang) {
        Ok(()) => Ok(ExitStatus::Clean),
        Err(e) => {
            writeln!(
                io.err,
                "{}ctg lsp : {e}",
                crate::cli::common::err_prefix(lang)
            )?;
            Ok(ExitStatus::Failure)
        }
    }
}
