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

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaFormat {
    /// Le schéma JSON (draft 2020-12)
    Json,
    /// La référence des champs, en Markdown (docs/format.md)
    Md,
}

#[derive(clap::Args, Debug)]
pub struct SchemaArgs {
    /// Type de fichier décrit
    #[arg(value_enum, default_value_t = SchemaKind::Convention)]
    document: SchemaKind,
    /// Le schéma, ou la référence des champs qui en est tirée
    #[arg(long, value_enum, default_value_t = SchemaFormat::Json)]
    format: SchemaFormat,
}

pub fn schema_cmd(args: SchemaArgs, io: &mut Io) -> io::Result<ExitStatus> {
    let kind = args.document;
    let schema = match kind {
        SchemaKind::Convention => crate::schema::json::convention(),
        SchemaKind::Sdsf => crate::schema::json::sdsf(),
        SchemaKind::Modele => crate::schema::json::modele(),
    };
    let mut text = match args.format {
        SchemaFormat::Json => serde_json::to_string_pretty(&schema).map_err(io::Error::other)?,
        SchemaFormat::Md => reference(&schema),
    };
    text.push('\n');
    io.out.write_all(text.as_bytes())?;
    Ok(ExitStatus::Clean)
}

/// The field reference: for the document and each definition of the
/// schema, a table of its fields with their type and description, in the
/// schema's words (so the two cannot disagree).
fn reference(schema: &serde_json::Value) -> String {
    use serde_json::Value;
    let title = schema["title"].as_str().unwrap_or("Document");
    let mut out = format!(
        "# Référence du format : {title}\n\nÉcrit par `ctg schema --format md` à partir du schéma JSON ; ne pas modifier à la main.\n"
    );
    // The type of a property, with a link to its definition.
    fn kind(p: &Value) -> String {
        if let Some(c) = p.get("const") {
            return format!(
                "`{}`",
                c.as_str().map_or_else(|| c.to_string(), str::to_string)
            );
        }
        if let Some(r) = p["$ref"].as_str() {
            let name = r.rsplit('/').next().unwrap_or(r);
            return format!("[{name}](#{})", name.to_lowercase());
        }
        if let Some(any) = p["anyOf"].as_array().or_else(|| p["oneOf"].as_array()) {
            let kinds: Vec<String> = any
                .iter()
                .filter(|v| v["type"] != "null")
                .map(|v| match v["const"].as_str() {
                    Some(c) => format!("`{c}`"),
                    None => kind(v),
                })
                .collect();
            return kinds.join(" ou ");
        }
        match p["type"].as_str() {
            Some("array") if p.get("items").is_some() => format!("liste de {}", kind(&p["items"])),
            Some("array") => "liste".into(),
            Some(t) => t.to_string(),
            None => match &p["type"] {
                Value::Array(ts) => ts
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|t| *t != "null")
                    .collect::<Vec<_>>()
                    .join(" ou "),
                _ => "valeur".into(),
            },
        }
    }
    let table = |out: &mut String, def: &Value| {
        let required: Vec<&str> = def["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if let Some(description) = def["description"].as_str() {
            out.push_str(&format!("\n{description}\n"));
        }
        if let Some(props) = def["properties"].as_object() {
            out.push_str("\n| champ | type | obligatoire | description |\n|---|---|---|---|\n");
            for (name, p) in props {
                let description = p["description"]
                    .as_str()
                    .unwrap_or("")
                    .replace('|', "\\|")
                    .replace('\n', " ");
                let needed = if required.contains(&name.as_str()) {
                    "oui"
                } else {
                    ""
                };
                out.push_str(&format!(
                    "| `{name}` | {} | {needed} | {description} |\n",
                    kind(p)
                ));
            }
        }
        if let Some(values) = def["oneOf"].as_array() {
            out.push_str("\n| valeur | sens |\n|---|---|\n");
            for v in values {
                if let Some(c) = v["const"].as_str() {
                    out.push_str(&format!(
                        "| `{c}` | {} |\n",
                        v["description"].as_str().unwrap_or("")
                    ));
                }
            }
        }
    };
    table(&mut out, schema);
    for (name, def) in schema["$defs"].as_object().into_iter().flatten() {
        out.push_str(&format!("\n## {name}\n"));
        table(&mut out, def);
    }
    out
}
