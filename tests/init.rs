//! `ctg init`: a repository laid out, the JSON Schemas those of `ctg
//! schema` (the committed ones), a draft written into it pointing at them,
//! and a second run replacing nothing.

use crate::common::{ctg_exits, tmp};

#[test]
fn init_lays_out_a_repository_and_never_replaces_a_file() {
    let (_t, dir) = tmp();
    let repo = dir.join("conventions-caf88");
    let o = ctg_exits(&["init", repo.as_str()], 0);
    assert!(
        o.stderr.contains("11 fichier(s) écrit(s), 0 laissé(s)"),
        "{}",
        o.stderr
    );
    for f in [
        "ctg.toml",
        "conventions/.gitkeep",
        "sdsf/.gitkeep",
        ".gitignore",
        ".github/workflows/ctg.yml",
        ".pre-commit-config.yaml",
        ".vscode/extensions.json",
    ] {
        assert!(repo.join(f).is_file(), "{f}");
    }
    for s in ["convention", "sdsf", "modele"] {
        let name = format!("schemas/{s}-v1.schema.json");
        assert_eq!(
            std::fs::read_to_string(repo.join(&name)).unwrap(),
            std::fs::read_to_string(&name).unwrap(),
            "{name}"
        );
    }
    // The editor's settings map the schemas that are there, and start ctg lsp.
    let settings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join(".vscode/settings.json")).unwrap())
            .unwrap();
    for (schema, _) in settings["yaml.schemas"].as_object().unwrap() {
        assert!(
            repo.join(schema.trim_start_matches("./")).is_file(),
            "{schema}"
        );
    }
    assert_eq!(settings["glspc.serverArgs"], serde_json::json!(["lsp"]));
    let toml = std::fs::read_to_string(repo.join("ctg.toml")).unwrap();
    assert!(toml.parse::<toml::Table>().is_ok(), "{toml}");

    // A draft in it points at the schema from its folder.
    let draft = repo.join("conventions/ccpvm.yaml");
    ctg_exits(&["new", "--epci", "200068377", "-o", draft.as_str()], 0);
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=../schemas/convention-v1.schema.json\n"),
        "{text}"
    );
    assert!(repo
        .join("conventions/../schemas/convention-v1.schema.json")
        .is_file());

    // Again: what the user changed stays, nothing is written over.
    std::fs::write(repo.join("ctg.toml"), "# à moi\n").unwrap();
    let o = ctg_exits(&["init", repo.as_str()], 0);
    assert!(
        o.stderr.contains("0 fichier(s) écrit(s), 11 laissé(s)"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("Déjà là, laissé tel quel :"),
        "{}",
        o.stderr
    );
    assert_eq!(
        std::fs::read_to_string(repo.join("ctg.toml")).unwrap(),
        "# à moi\n"
    );
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), text);
}
