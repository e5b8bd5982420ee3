//! `ctg schema`: the committed JSON Schemas are the generated ones, and they
//! accept what ctg accepts — checked with an independent JSON Schema
//! validator on every bundled file and fixture.

use crate::common::{ctg, schema_errors, yaml_files};
use serde_json::{Map, Value};
use std::fs;
use std::path::Path;

const SCHEMAS: [(&str, &str); 3] = [
    ("convention", "schemas/convention-v1.schema.json"),
    ("sdsf", "schemas/sdsf-v1.schema.json"),
    ("modele", "schemas/modele-v1.schema.json"),
];

#[test]
fn committed_schemas_are_up_to_date() {
    for (kind, path) in SCHEMAS {
        let out = ctg(&["schema", kind]);
        assert_eq!(out.code, 0);
        let committed = fs::read_to_string(path).unwrap();
        assert!(
            out.stdout == committed,
            "{path} is out of date: run `cargo run -- schema {kind} > {path}`"
        );
    }
    // The default document is the convention.
    assert_eq!(
        ctg(&["schema"]).stdout,
        ctg(&["schema", "convention"]).stdout
    );
}

/// The rule catalogue in docs/ is the one `ctg rules --format md` gives.
#[test]
fn committed_rule_catalogue_is_up_to_date() {
    let out = ctg(&["rules", "--format", "md"]);
    assert_eq!(
        std::fs::read_to_string("docs/rules.md").unwrap(),
        out.stdout,
        "docs/rules.md is out of date: run `cargo run -- rules --format md > docs/rules.md`"
    );
    for rule in ctg::rules::all() {
        assert!(
            out.stdout.contains(&format!("\n## {}\n", rule.code)),
            "{}",
            rule.code
        );
    }
}

/// The field references in docs/ are the ones the schemas give.
#[test]
fn committed_field_references_are_up_to_date() {
    for (kind, path) in [
        ("convention", "docs/format.md"),
        ("sdsf", "docs/format-sdsf.md"),
        ("modele", "docs/format-modele.md"),
    ] {
        let out = ctg(&["schema", kind, "--format", "md"]);
        assert_eq!(out.code, 0);
        assert_eq!(
            std::fs::read_to_string(path).unwrap(),
            out.stdout,
            "{path} is out of date: run `cargo run -- schema {kind} --format md > {path}`"
        );
    }
}

#[test]
fn schema_is_draft_2020_12_with_french_descriptions() {
    let schema: Value = serde_json::from_str(&ctg(&["schema"]).stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["properties"]["document"]["const"], "convention");
    let territoire = &schema["$defs"]["Territoire"]["properties"];
    assert_eq!(
        territoire["departement"]["description"],
        "Code du département : 01 à 95, 2A, 2B, 971 à 976, entre guillemets."
    );
    // Closed lists carry each value's French label, for hover and completion.
    let champs = schema["$defs"]["Champ"]["oneOf"].as_array().unwrap();
    assert!(champs.contains(&serde_json::json!({
        "const": "animation_vie_sociale",
        "description": "Animation de la vie sociale"
    })));
    // Every property of every definition is described.
    for (name, def) in schema["$defs"].as_object().unwrap() {
        for (key, property) in def["properties"].as_object().into_iter().flatten() {
            assert!(property["description"].is_string(), "{name}.{key}");
        }
    }
}

pub fn validator(kind: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&ctg(&["schema", kind]).stdout).unwrap();
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

/// A YAML file as the JSON a YAML 1.2 editor or validator sees: plain
/// scalars typed by the core schema, everything else a string.
pub fn yaml_to_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    let tree = ctg::load::parse(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    fn convert(tree: &ctg::load::Tree, id: ctg::load::NodeId) -> Value {
        match &tree.node(id).kind {
            ctg::load::NodeKind::Seq(items) => {
                Value::Array(items.iter().map(|&i| convert(tree, i)).collect())
            }
            ctg::load::NodeKind::Map(pairs) => {
                let mut map = Map::new();
                // `<<: *anchor`, as a YAML editor resolves it: the merged
                // mapping's keys under the ones written.
                for &(k, v) in pairs {
                    if matches!(&tree.node(k).kind, ctg::load::NodeKind::Scalar(s) if s.plain && &*s.value == "<<")
                    {
                        if let Value::Object(m) = convert(tree, v) {
                            for (key, value) in m {
                                map.entry(key).or_insert(value);
                            }
                        }
                    }
                }
                for &(k, v) in pairs {
                    if matches!(&tree.node(k).kind, ctg::load::NodeKind::Scalar(s) if s.plain && &*s.value == "<<")
                    {
                        continue;
                    }
                    let key = match convert(tree, k) {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    map.insert(key, convert(tree, v));
                }
                Value::Object(map)
            }
            ctg::load::NodeKind::Scalar(s) if s.plain => core_schema(&s.value),
            ctg::load::NodeKind::Scalar(s) => Value::String(s.value.to_string()),
            ctg::load::NodeKind::Alias(target) => convert(tree, *target),
        }
    }
    convert(&tree, tree.root.expect("a document"))
}

fn core_schema(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = text.parse::<i64>() {
            return Value::from(n);
        }
    }
    let numeric = digits
        .bytes()
        .all(|b| b.is_ascii_digit() || b"eE.+-".contains(&b));
    match text.parse::<f64>() {
        Ok(x) if numeric && digits.bytes().next().is_some_and(|b| b != b'e') => Value::from(x),
        _ => Value::String(text.to_string()),
    }
}

/// The validators of the three kinds, by `document:`.
struct Validators {
    convention: jsonschema::Validator,
    sdsf: jsonschema::Validator,
    modele: jsonschema::Validator,
}

fn validators() -> Validators {
    Validators {
        convention: validator("convention"),
        sdsf: validator("sdsf"),
        modele: validator("modele"),
    }
}

/// Checks a file against the schema of its `document:` kind.
fn assert_valid(path: &Path, v: &Validators) {
    let doc = yaml_to_json(path);
    let validator = match doc["document"].as_str() {
        Some("sdsf") => &v.sdsf,
        Some("modele") => &v.modele,
        _ => &v.convention,
    };
    let errors = schema_errors(validator, &doc);
    assert!(
        errors.is_empty(),
        "{}:\n{}",
        path.display(),
        errors.join("\n")
    );
}

#[test]
fn every_bundled_file_validates_against_its_schema() {
    let v = validators();
    let files = yaml_files("conventions");
    assert!(files.len() >= 7, "{files:?}");
    for path in files {
        assert_valid(&path, &v);
    }
    assert_valid(Path::new("templates/modele.yaml"), &v);
}

/// The schema and ctg's schema stage agree: the fixtures ctg finds no
/// CTG001–CTG005 in are valid, and each schema-finding fixture is not. The
/// schema's patterns also refuse a malformed SIREN or INSEE code, which ctg
/// reports as rules CTG101 and CTG102: those two fixtures are left out.
#[test]
fn the_schema_accepts_what_ctg_accepts() {
    let v = validators();
    let mut checked = 0;
    for dir in ["tests/fixtures/rules", "tests/fixtures/render"] {
        for path in yaml_files(dir) {
            let name = path.file_name().unwrap().to_string_lossy();
            if name.starts_with("CTG101") || name.starts_with("CTG102") {
                continue;
            }
            assert_valid(&path, &v);
            checked += 1;
        }
    }
    assert!(checked >= 50, "{checked}");
    for name in ["CTG002.yaml", "CTG003.yaml", "CTG004.yaml", "CTG005.yaml"] {
        let doc = yaml_to_json(&Path::new("tests/fixtures/schema").join(name));
        assert!(!v.convention.is_valid(&doc), "{name} should be refused");
    }
}

/// One truth for the format: on the fixtures and on mutants of a clean
/// convention, ctg's schema stage (CTG002–CTG005) and the committed JSON
/// Schema, run by an independent validator, accept and refuse the same
/// files.
#[test]
fn ctg_and_its_json_schema_agree() {
    let v = validator("convention");
    let (_guard, dir) = crate::common::tmp();
    std::fs::copy("tests/fixtures/rules/sdsf.yaml", dir.join("sdsf.yaml")).unwrap();
    let clean = std::fs::read_to_string("tests/fixtures/rules/clean.yaml").unwrap();
    let complete = std::fs::read_to_string("tests/fixtures/render/complete.yaml")
        .unwrap()
        .replace("sdsf: ../rules/sdsf.yaml", "sdsf: sdsf.yaml");
    let mutants: &[(&str, &str, &str)] = &[
        ("clean", "", ""),
        ("clean", "  population: 29826", "  population: \"29826\""),
        ("clean", "  population: 29826", "  population: -3"),
        ("clean", "  population: 29826", "  population: 29826.5"),
        (
            "clean",
            "  population: 29826",
            "  population: 29826\n  cog: 2019",
        ),
        (
            "clean",
            "  population: 29826",
            "  population: 29826\n  cog: deux",
        ),
        (
            "clean",
            "  population: 29826",
            "  population: 29826\n  inconnu: 1",
        ),
        ("clean", "  debut: 2023-01-01", "  debut: 2023"),
        ("clean", "  debut: 2023-01-01", "  debut: 2023-13-01x"),
        ("clean", "  date: 2022-12-15", "  date: 2022-12"),
        ("clean", "  date: 2022-12-15", "  date: À COMPLÉTER"),
        ("clean", "  date: 2022-12-15", "  date: 2022"),
        ("clean", "  nature: cc", "  nature: communes"),
        ("clean", "  nature: cc", "  nature: intercommunalite"),
        ("clean", "cible: 40", "cible: \"40\""),
        (
            "clean",
            "cible: 40",
            "cible: 40, realise: { 2023: 12, 2024: 18 }",
        ),
        ("clean", "cible: 40", "cible: 40, realise: 12"),
        ("clean", "cible: 40", "cible: 40, realise: { deux: 12 }"),
        ("clean", "cible: 40", "cible: 40, realise: { 2023: douze }"),
        ("clean", "  - petite_enfance\n", "  - petite\n"),
        (
            "clean",
            "      - { nom: Claire Martin, qualite: Présidente du conseil d'administration }\n      - { nom: Paul Durand, qualite: Directeur }",
            "      - &presidente { nom: Claire Martin, qualite: Présidente du conseil d'administration }\n      - { <<: *presidente, nom: Paul Durand }",
        ),
        (
            "clean",
            "      - { nom: Claire Martin, qualite: Présidente du conseil d'administration }\n      - { nom: Paul Durand, qualite: Directeur }",
            "      - &presidente { nom: Claire Martin, qualite: Présidente du conseil d'administration }\n      - { <<: *presidente, nom: Paul Durand, age: 3 }",
        ),
        ("complete", "", ""),
        (
            "complete",
            "      montant: 250000",
            "      montant: -250000",
        ),
        (
            "complete",
            "      montant: 250000",
            "      montant: \"250000\"",
        ),
    ];
    let mut disagree = Vec::new();
    for (i, (base, from, to)) in mutants.iter().enumerate() {
        let text = if *base == "clean" { &clean } else { &complete };
        assert!(text.contains(from), "{from}");
        let file = dir.join(format!("m{i}.yaml"));
        std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
        let out = ctg(&["validate", "--format", "json", file.as_str()]);
        let report: Value = serde_json::from_str(&out.stdout).unwrap();
        let ctg_refuses = report["diagnostics"].as_array().unwrap().iter().any(|d| {
            ["CTG002", "CTG003", "CTG004", "CTG005"].contains(&d["code"].as_str().unwrap())
        });
        let json = yaml_to_json(file.as_std_path());
        let schema_refuses = !v.is_valid(&json);
        if ctg_refuses != schema_refuses {
            disagree.push(format!(
                "{to:?}: ctg {}, schema {}",
                if ctg_refuses { "refuses" } else { "accepts" },
                if schema_refuses { "refuses" } else { "accepts" }
            ));
        }
    }
    assert!(disagree.is_empty(), "{disagree:#?}");
}
