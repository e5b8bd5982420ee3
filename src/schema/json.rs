//! The JSON Schema (draft 2020-12) of the three formats, generated from the model
//! with its French descriptions, for editors and other validators
//! (`ctg schema`). The schema stage itself does not use it: it is what ctg
//! accepts, said in the language editors understand.

use crate::model::{Convention, Modele, Sdsf};
use schemars::{generate::SchemaSettings, transform::RecursiveTransform, JsonSchema, Schema};
use serde_json::{json, Value};

/// The schema of `document: convention`, `version: 1`.
pub fn convention() -> Value {
    document::<Convention>(
        "convention",
        "Convention territoriale globale (CTG) — format ctg version 1",
    )
}

/// The schema of `document: sdsf`, `version: 1`.
pub fn sdsf() -> Value {
    document::<Sdsf>(
        "sdsf",
        "Référentiel SDSF (schéma départemental des services aux familles) — format ctg version 1",
    )
}

/// The schema of `document: modele`, `version: 1`.
pub fn modele() -> Value {
    document::<Modele>(
        "modele",
        "Modèle de convention territoriale globale (visas, articles, annexes) — format ctg version 1",
    )
}

fn document<T: JsonSchema>(kind: &str, title: &str) -> Value {
    let mut schema = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(standard_formats_only))
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value();
    schema["title"] = json!(title);
    // `document` and `version` open every file; the model does not keep them.
    schema["properties"]["document"] = json!({
        "description": format!("Type de fichier : « {kind} »."),
        "const": kind,
    });
    schema["properties"]["version"] = json!({
        "description": "Version du format : 1.",
        "enum": [1, "1"],
    });
    if let Some(required) = schema["required"].as_array_mut() {
        required.splice(0..0, [json!("document"), json!("version")]);
    }
    schema
}

/// Drops the Rust-specific formats (`uint64`, `double`) that validators
/// do not know; `date` stays, with the years ctg accepts (1980–2100).
fn standard_formats_only(schema: &mut Schema) {
    match schema.get("format").and_then(Value::as_str) {
        Some("date") => {
            schema.insert("pattern".into(), json!("^(19[89][0-9]|20[0-9]{2}|2100)-"));
        }
        Some(_) => {
            schema.remove("format");
        }
        None => {}
    }
}
