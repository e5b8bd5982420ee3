//! `ctg completions SHELL`: the shell completion script.

use crate::cli::{Cli, ExitStatus, Io};
use clap::CommandFactory;

#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// Le shell : bash, zsh, fish, powershell ou elvish
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn completions_cmd(args: CompletionsArgs, io: &mut Io) -> std::io::Result<ExitStatus> {
    clap_complete::generate(args.shell, &mut Cli::command(), "ctg", io.out);
    Ok(ExitStatus::Clean)
}
