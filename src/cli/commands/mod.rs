//! One file per command: its arguments and what it does.

pub mod bilan;
pub mod completions;
pub mod diff;
pub mod explain;
pub mod export;
pub mod fix;
pub mod import_suivi;
pub mod init;
pub mod lsp;
pub mod man;
pub mod new;
pub mod relecture;
pub mod render;
pub mod report;
pub mod rules;
pub mod schema;
pub mod territoire;
pub mod validate;
