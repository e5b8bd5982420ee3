//! `ctg man`: the manual page, in roff.

use crate::cli::{Cli, ExitStatus, Io};
use clap::CommandFactory;

pub fn man_cmd(io: &mut Io) -> std::io::Result<ExitStatus> {
    clap_mangen::Man::new(Cli::command())
        .render(io.out)
        .map(|()| ExitStatus::Clean)
}
