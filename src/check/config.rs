//! `ctg.toml`: a repository's rule severities, found by walking up from the
//! checked file like `rustfmt.toml`.
//!
//! ```toml
//! [rules]
//! CTG202 = "off"
//! CTG503 = "error"
//!
//! [render]
//! templates = "gabarits"         # a folder of templates, relative to ctg.toml
//! modele = "modeles/caf85.yaml"   # the model of convention (its legal text)
//! ```

use super::FileReport;
use crate::diagnostic::{Diagnostic, Lang, Severity, Text};
use crate::load::codes::{CTG001, CTG002, CTG004};
use crate::span::{SourceFile, Span};
use crate::t;
use camino::{Utf8Path, Utf8PathBuf};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

pub const FILE_NAME: &str = "ctg.toml";

/// What a configuration sets a code to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    Set(Severity),
}

/// A parsed `ctg.toml`.
#[derive(Debug, Default)]
pub struct Config {
    /// Where it was found (None: no file, defaults).
    pub path: Option<Utf8PathBuf>,
    rules: HashMap<&'static str, Level>,
    /// `[render] templates`: the repository's template folder, resolved
    /// against the folder of `ctg.toml`.
    pub templates: Option<Utf8PathBuf>,
    /// `[render] modele`: the model of convention of the repository's
    /// conventions that cite none, resolved against the folder of `ctg.toml`.
    pub modele: Option<Utf8PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    rules: BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
    #[serde(default)]
    render: RawRender,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRender {
    templates: Option<String>,
    modele: Option<String>,
}

/// Why a `ctg.toml` cannot be used (the files it governs are not checked,
/// exit 2): it cannot be read, or it is read and something in it is wrong,
/// a finding at its line and column that the report shows with a snippet.
#[derive(Debug, Clone)]
pub enum ConfigError {
    /// `path: reason`, in the run's language.
    Unreadable(String),
    Invalid(Arc<FileReport>),
}

impl ConfigError {
    /// One line: `ctg.toml:3:1: code inconnu « CTG999 » (…)`.
    pub fn line(&self, lang: Lang) -> String {
        match self {
            ConfigError::Unreadable(line) => line.clone(),
            ConfigError::Invalid(report) => {
                let d = &report.diagnostics[0];
                let at = report.source.line_col(d.span.start);
                let message = d.message.get(lang);
                format!(
                    "{}:{}:{}: {message}",
                    report.source.path, at.line, at.column
                )
            }
        }
    }
}

/// Codes that say the file could not be read as a convention: nothing else
/// was checked, so they cannot be silenced or lowered.
pub fn is_fixed(code: &str) -> bool {
    crate::rules::find(code).is_some_and(|r| r.fixed)
}

impl Config {
    /// Parses a configuration; what is wrong is a finding at its line and
    /// column, in both languages (CTG001 for TOML syntax, CTG004 for an unknown
    /// field, CTG002 for a wrong value, an unknown code or level).
    pub fn parse(path: &Utf8Path, text: &str) -> Result<Config, ConfigError> {
        let invalid = |span: Option<std::ops::Range<usize>>,
                       rule: &'static crate::diagnostic::Rule,
                       message: Text| {
            let span = span.map_or(Span::new(0, 0), |r| {
                Span::new(r.start.min(text.len()), r.end.min(text.len()))
            });
            ConfigError::Invalid(Arc::new(FileReport {
                source: SourceFile::new(path.to_path_buf(), text.to_string()),
                diagnostics: vec![Diagnostic::new(rule, span, message)],
                document: None,
                convention: false,
                cog: None,
            }))
        };
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let message = e.message().trim();
            let rule = if message.starts_with("unknown field") {
                &CTG004
            } else if message.starts_with("invalid type") {
                &CTG002
            } else {
                &CTG001
            };
            invalid(e.span(), rule, Text::new(toml_in_french(message), message))
        })?;
        let mut rules = HashMap::new();
        for (code, level) in raw.rules {
            let Some(rule) = crate::rules::find(code.get_ref()) else {
                let near = crate::rules::nearest(code.get_ref()).join(", ");
                let c = code.get_ref();
                return Err(invalid(
                    Some(code.span()),
                    &CTG002,
                    t!(
                        "code inconnu « {c} » ({near})",
                        "unknown code `{c}` ({near})"
                    ),
                ));
            };
            if rule.fixed {
                return Err(invalid(
                    Some(code.span()),
                    &CTG002,
                    t!(
                        "CTG001 à CTG005 disent que le fichier n'a pas pu être lu : leur sévérité ne se règle pas",
                        "CTG001 to CTG005 mean the file could not be read: their severity cannot be set"
                    ),
                ));
            }
            let parsed = match level.get_ref().as_str() {
                "off" => Level::Off,
                "info" => Level::Set(Severity::Info),
                "warning" => Level::Set(Severity::Warning),
                "error" => Level::Set(Severity::Error),
                other => {
                    return Err(invalid(
                        Some(level.span()),
                        &CTG002,
                        t!(
                            "niveau inconnu « {other} » : error, warning, info, off",
                            "unknown level `{other}`: error, warning, info, off"
                        ),
                    ))
                }
            };
            rules.insert(rule.code, parsed);
        }
        let base = path.parent().unwrap_or(Utf8Path::new(""));
        Ok(Config {
            path: Some(path.to_path_buf()),
            rules,
            templates: raw.render.templates.map(|t| base.join(t)),
            modele: raw.render.modele.map(|m| base.join(m)),
        })
    }

    pub fn level(&self, code: &str) -> Option<Level> {
        self.rules.get(code).copied()
    }

    /// Applies the configured levels: drops what is off, resets the rest.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.rules.is_empty() {
            return;
        }
        diagnostics.retain_mut(|d| match self.level(d.code) {
            Some(Level::Off) => false,
            Some(Level::Set(s)) => {
                d.severity = s;
                true
            }
            None => true,
        });
    }
}

/// The TOML reader's messages in French: the frequent ones reworded, the
/// others said to be the reader's.
fn toml_in_french(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let list = expected.replace(" or ", ", ").replace("one of ", "");
        return format!(
            "champ inconnu « {} » (champs possibles : {})",
            field.trim_matches('`'),
            list.replace('`', "")
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let rest = rest
            .replace("expected a string", "un texte est attendu")
            .replace("integer", "nombre entier")
            .replace("boolean", "booléen")
            .replace("expected a table", "une table est attendue");
        return format!("type invalide : {rest}");
    }
    format!("syntaxe TOML invalide (« {message} »)")
}

/// Configurations found during a run, one lookup per directory.
#[derive(Default)]
pub struct Configs {
    by_dir: Mutex<HashMap<Utf8PathBuf, Result<Arc<Config>, ConfigError>>>,
    /// Every `ctg.toml` read, broken ones too: no output may replace them.
    read: Mutex<Vec<Utf8PathBuf>>,
}

impl Configs {
    /// The configuration that applies to a file: the nearest `ctg.toml` in
    /// its directory or above.
    pub fn for_file(&self, file: &Utf8Path, lang: Lang) -> Result<Arc<Config>, ConfigError> {
        let dir = file.parent().unwrap_or(Utf8Path::new("."));
        let dir = match std::path::absolute(dir) {
            Ok(d) => Utf8PathBuf::from_path_buf(d).unwrap_or_else(|_| dir.to_path_buf()),
            Err(_) => dir.to_path_buf(),
        };
        let mut map = self.by_dir.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(hit) = map.get(&dir) {
            return hit.clone();
        }
        let (path, found) = load_nearest(&dir, lang);
        if let Some(path) = path {
            let mut read = self.read.lock().unwrap_or_else(|p| p.into_inner());
            if !read.contains(&path) {
                read.push(path);
            }
        }
        map.insert(dir, found.clone());
        found
    }

    /// The `ctg.toml` files read so far.
    pub fn read(&self) -> Vec<Utf8PathBuf> {
        self.read.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// The nearest `ctg.toml` (its path, when there is one) and what it says.
fn load_nearest(
    dir: &Utf8Path,
    lang: Lang,
) -> (Option<Utf8PathBuf>, Result<Arc<Config>, ConfigError>) {
    for d in dir.ancestors() {
        let candidate = d.join(FILE_NAME);
        match crate::load::read_text(&candidate, MAX_SIZE) {
            Ok(text) => {
                let config = Config::parse(&candidate, &text).map(Arc::new);
                return (Some(candidate), config);
            }
            // Nothing there: look further up. A dangling link or a link loop
            // is a `ctg.toml` that was meant to be there: said.
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound
                    && std::fs::symlink_metadata(&candidate).is_err() =>
            {
                continue
            }
            Err(e) => {
                let message = crate::diagnostic::io_message(&e, lang);
                return (
                    Some(candidate.clone()),
                    Err(ConfigError::Unreadable(format!("{candidate}: {message}"))),
                );
            }
        }
    }
    (None, Ok(Arc::new(Config::default())))
}

/// A `ctg.toml` is a few lines; anything this large is not one.
const MAX_SIZE: u64 = 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(Utf8Path::new("ctg.toml"), text).map_err(|e| e.line(Lang::Fr))
    }

    #[test]
    fn levels_and_their_mistakes() {
        let c = parse("[rules]\nCTG202 = \"off\"\nctg503 = \"error\"\n").unwrap();
        assert_eq!(c.level("CTG202"), Some(Level::Off));
        assert_eq!(c.level("CTG503"), Some(Level::Set(Severity::Error)));
        let e = parse("[rules]\nCTG202 = \"off\"\nCTG999 = \"off\"\n").unwrap_err();
        assert!(
            e.starts_with("ctg.toml:3:1: code inconnu « CTG999 »"),
            "{e}"
        );
        let e = parse("[rules]\nCTG202 = \"fatal\"\n").unwrap_err();
        assert!(
            e.starts_with("ctg.toml:2:10: niveau inconnu « fatal »"),
            "{e}"
        );
        let e = parse("[rules]\nCTG004 = \"off\"\n").unwrap_err();
        assert!(e.contains("ne se règle pas"), "{e}");
        let e = parse("[regles]\n").unwrap_err();
        assert!(e.starts_with("ctg.toml:1:"), "{e}");
    }
}
