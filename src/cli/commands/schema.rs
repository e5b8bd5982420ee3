//! `ctg schema`: the JSON Schema of the format.

use crate::cli::{ExitStatus, Io};
use clap::ValueEnum;
use std::io;

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    Convention,
    Sdsf,
    Modele,
}

#[derive(clap::Args, Debug)]
pub struct SchemaArgs {
    /// Type de fichier décrit
    #[arg(value_enum, default_value_t = SchemaKind::Convention)]
    document: SchemaKind,
}

pub fn schema_cmd(args: SchemaArgs, io: &mut Io) -> io::Result<ExitStatus> {
    let kind = args.document;
    let schema = match kind {
        SchemaKind::Convention => crate::schema::json::convention(),
        SchemaKind::Sdsf => crate::schema::json::sdsf(),
        SchemaKind::Modele => crate::schema::json::modele(),
    };
    let mut text = serde_json::to_string_pretty(&schema).map_err(io::Error::other)?;
    text.push('\n');
    io.out.write_all(text.as_bytes())?;
    Ok(ExitStatus::Clean)
}
