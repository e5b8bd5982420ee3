//! `ctg init`: lays out a repository of conventions — `ctg.toml`,
//! `conventions/`, `sdsf/`, the JSON Schemas, `.gitignore`, the CI workflow,
//! the pre-commit configuration and the editor's settings — never over a
//! file that is there (README "In the editor").

use crate::cli::common::{io_error, utf8_arg};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use camino::{Utf8Path, Utf8PathBuf};
use std::ffi::OsString;
use std::io;

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// Dossier du dépôt à préparer (créé s'il n'existe pas)
    #[arg(default_value = ".")]
    dir: OsString,
}

const CTG_TOML: &str = "\
# ctg.toml — la configuration de ctg pour les conventions de ce dépôt, lue
# depuis chaque fichier vérifié en remontant les dossiers (README « Tuning »).

[rules]
# Le niveau d'une règle : error | warning | info | off
# CTG202 = \"off\"

[render]
# Le modèle de convention de la Caf, relatif à ce fichier :
# modele = \"modele-caf.yaml\"
";

const GITIGNORE: &str = "\
# Documents imprimés par `ctg render` et classeurs de `ctg export`
/rendu/
# Fichiers de verrouillage de Word et de LibreOffice
~$*
.~lock.*#
";

const PRE_COMMIT: &str = "\
# pre-commit (https://pre-commit.com) : `pre-commit install`, puis chaque
# commit vérifie les conventions et référentiels qu'il touche, avec le ctg
# installé sur le poste (README « pre-commit »).
repos:
  - repo: local
    hooks:
      - id: ctg-validate
        name: ctg validate
        entry: ctg validate
        language: system
        files: ^(conventions|sdsf)/.*\\.ya?ml$
        args: [--format, short]
        require_serial: true
";

const VSCODE: &str = r#"{
  "yaml.schemas": {
    "./schemas/convention-v1.schema.json": ["conventions/**/*.yaml", "conventions/**/*.yml"],
    "./schemas/sdsf-v1.schema.json": ["sdsf/**/*.yaml", "sdsf/**/*.yml"]
  },
  "glspc.serverPath": "ctg",
  "glspc.serverArgs": ["lsp"],
  "glspc.languageId": "yaml"
}
"#;

const VSCODE_EXTENSIONS: &str = r#"{
  "recommendations": ["redhat.vscode-yaml", "llllvvuu.llllvvuu-glspc"]
}
"#;

/// The files `ctg init` writes, relative to the repository.
fn files() -> Vec<(&'static str, String)> {
    let schema = |v: serde_json::Value| {
        let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
        s.push('\n');
        s
    };
    vec![
        ("ctg.toml", CTG_TOML.into()),
        ("conventions/.gitkeep", String::new()),
        ("sdsf/.gitkeep", String::new()),
        (
            "schemas/convention-v1.schema.json",
            schema(crate::schema::json::convention()),
        ),
        (
            "schemas/sdsf-v1.schema.json",
            schema(crate::schema::json::sdsf()),
        ),
        (
            "schemas/modele-v1.schema.json",
            schema(crate::schema::json::modele()),
        ),
        (".gitignore", GITIGNORE.into()),
        (
            ".github/workflows/ctg.yml",
            include_str!("../../../docs/ci/github-actions.yml")
                .replace("conventions/", "conventions/ sdsf/"),
        ),
        (".pre-commit-config.yaml", PRE_COMMIT.into()),
        (".vscode/settings.json", VSCODE.into()),
        (".vscode/extensions.json", VSCODE_EXTENSIONS.into()),
    ]
}

pub fn init_cmd(args: InitArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let Some(dir) = utf8_arg(args.dir, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let (mut written, mut kept) = (Vec::new(), Vec::new());
    for (name, content) in files() {
        let path: Utf8PathBuf = dir.join(name);
        if std::fs::symlink_metadata(&path).is_ok() {
            kept.push(name);
            continue;
        }
        if let Err(e) = create(&path, &content) {
            io_error(io, &path, &e, lang)?;
            return Ok(ExitStatus::Failure);
        }
        written.push(name);
    }
    for name in &written {
        writeln!(
            io.err,
            "{} {}",
            lang.pick("Écrit :", "Written:"),
            dir.join(name)
        )?;
    }
    for name in &kept {
        writeln!(
            io.err,
            "{} {}",
            lang.pick(
                "Déjà là, laissé tel quel :",
                "Already there, left as it is:"
            ),
            dir.join(name)
        )?;
    }
    let next = match lang {
        Lang::Fr => format!(
            "ctg init : {} fichier(s) écrit(s), {} laissé(s). Ensuite : `ctg new --epci \"…\" -o {}` ; dans .github/workflows/ctg.yml, remplacez OWNER/ctg par le dépôt où ctg est publié.",
            written.len(),
            kept.len(),
            dir.join("conventions/ma-convention.yaml")
        ),
        Lang::En => format!(
            "ctg init: {} file(s) written, {} left. Next: `ctg new --epci \"…\" -o {}`; in .github/workflows/ctg.yml, replace OWNER/ctg with the repository ctg is published in.",
            written.len(),
            kept.len(),
            dir.join("conventions/ma-convention.yaml")
        ),
    };
    writeln!(io.err, "{next}")?;
    Ok(ExitStatus::Clean)
}

/// Creates the file and its folders; fails rather than replace one.
fn create(path: &Utf8Path, content: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    crate::output::write_new(path, content.as_bytes())
}
