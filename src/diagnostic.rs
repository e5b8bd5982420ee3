//! Findings: what the checks return, in both languages, with their spans.

use crate::span::Span;
use serde::Serialize;

/// How serious a finding is. Only errors change the exit code (unless
/// `--deny warnings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The language of what users read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// The text of this language among two.
    pub fn pick<'t>(self, fr: &'t str, en: &'t str) -> &'t str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// French unless `LANG`/`LC_ALL`/`LC_MESSAGES` asks for English.
    pub fn from_env() -> Lang {
        let var = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty());
        match var {
            Some(v) if v.starts_with("en") => Lang::En,
            _ => Lang::Fr,
        }
    }
}

/// A text users read, written in French and in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub fr: String,
    pub en: String,
}

impl Text {
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            fr: fr.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

/// French, where no language is at hand; [`io_message`] picks.
impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.fr)
    }
}

/// Lets ctg's own reasons travel as `io::Error::other(Text)`.
impl std::error::Error for Text {}

/// The system's numbers for the errors that `std::io::ErrorKind` does not
/// name on stable Rust.
#[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
const ELOOP: i32 = 62;
#[cfg(not(any(target_os = "macos", target_os = "ios", target_os = "freebsd")))]
const ELOOP: i32 = 40;
#[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
const ENAMETOOLONG: i32 = 63;
#[cfg(not(any(target_os = "macos", target_os = "ios", target_os = "freebsd")))]
const ENAMETOOLONG: i32 = 36;

/// An I/O error in the user's language: ctg's own reasons, then the common
/// system errors in our words; anything rarer as the system says it.
pub fn io_message(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    if let Some(text) = e.get_ref().and_then(|inner| inner.downcast_ref::<Text>()) {
        return text.get(lang).to_string();
    }
    let (fr, en) = match e.kind() {
        K::NotFound => (
            "fichier ou dossier introuvable",
            "no such file or directory",
        ),
        K::PermissionDenied => ("accès refusé", "permission denied"),
        K::IsADirectory => (
            "c'est un dossier, pas un fichier",
            "this is a directory, not a file",
        ),
        K::NotADirectory => (
            "un élément du chemin n'est pas un dossier",
            "a component of the path is not a directory",
        ),
        K::AlreadyExists => ("le fichier existe déjà", "the file already exists"),
        K::ReadOnlyFilesystem => (
            "système de fichiers en lecture seule",
            "read-only file system",
        ),
        K::StorageFull => ("disque plein", "no space left on the device"),
        K::InvalidFilename => ("nom de fichier invalide", "invalid file name"),
        K::FileTooLarge => ("fichier trop volumineux", "file too large"),
        K::ResourceBusy => ("ressource occupée", "resource busy"),
        K::CrossesDevices => (
            "déplacement entre deux systèmes de fichiers impossible",
            "cannot move across file systems",
        ),
        K::QuotaExceeded => ("quota de disque dépassé", "disk quota exceeded"),
        K::DirectoryNotEmpty => ("le dossier n'est pas vide", "directory not empty"),
        K::Interrupted => ("opération interrompue", "operation interrupted"),
        K::TimedOut => ("délai dépassé", "timed out"),
        K::UnexpectedEof => ("fin de fichier inattendue", "unexpected end of file"),
        _ if e.raw_os_error() == Some(ELOOP) => (
            "trop de liens symboliques (les liens forment sans doute une boucle)",
            "too many levels of symbolic links (the links probably loop)",
        ),
        _ if e.raw_os_error() == Some(ENAMETOOLONG) => {
            ("nom de fichier trop long", "file name too long")
        }
        // Anything rarer as the system says it, without the error number.
        _ => {
            let text = e.to_string();
            return match text.rfind(" (os error ") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
        }
    };
    lang.pick(fr, en).to_string()
}

/// `t!("… {x} …", "… {x} …")`: a [`Text`] from two format strings.
#[macro_export]
macro_rules! t {
    ($fr:expr, $en:expr $(,)?) => {
        $crate::diagnostic::Text::new(format!($fr), format!($en))
    };
    ($fr:expr, $en:expr, $a_fr:expr, $a_en:expr $(,)?) => {
        $crate::diagnostic::Text::new(format!($fr, $a_fr), format!($en, $a_en))
    };
}

/// One code of the catalogue, as plain data: what a finding names, what
/// `ctg rules`, `explain`, SARIF and `ctg.toml` read. Declared with
/// [`declare_rules!`] by the stage that raises it; the catalogue of every
/// code is `rules::all`.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub default: Severity,
    pub title_fr: &'static str,
    pub title_en: &'static str,
    /// The doc comment of the declaration, in French: what the rule checks,
    /// why, and a bad and a good example. `ctg explain` prints it.
    pub doc: &'static str,
    /// Fires, or hardens to an error, at the signature stage (`statut:
    /// signee` or `--stage signature`).
    pub signature_stage: bool,
    /// Says the file could not be read (CTG001–CTG005): its severity cannot
    /// be set, and no `allow` silences it.
    pub fixed: bool,
}

impl Rule {
    pub fn title(&self, lang: Lang) -> &'static str {
        lang.pick(self.title_fr, self.title_en)
    }

    /// What `ctg explain` prints: in French, the declaration's doc comment
    /// without rustdoc's leading space on each line; in English, the rule's
    /// section of `explanations.en.md` (the same parts: what, why, example).
    pub fn explanation(&self, lang: Lang) -> String {
        if lang == Lang::En {
            if let Some(text) = english(self.code) {
                return text;
            }
        }
        let mut out = String::with_capacity(self.doc.len());
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }
}

/// The English explanations, one `# CODE` section each.
const ENGLISH: &str = include_str!("rules/explanations.en.md");

/// The English explanation of a code: its section, without the heading.
fn english(code: &str) -> Option<String> {
    let heading = format!("# {code}\n");
    let start = ENGLISH.find(&heading)? + heading.len();
    let rest = &ENGLISH[start..];
    let end = rest.find("\n# CTG").map_or(rest.len(), |i| i + 1);
    Some(rest[..end].trim_end().to_string() + "\n")
}

/// Whether `flags` holds `name` (for [`declare_rules!`], at compile time).
#[doc(hidden)]
pub const fn has_flag(flags: &[&str], name: &str) -> bool {
    let mut i = 0;
    while i < flags.len() {
        let (a, b) = (flags[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// Declares rule statics from doc-commented entries
/// `CODE: Severity, "titre", "title";` — with `+ signature` when the rule
/// hardens at the signature stage, `+ fixed` when its severity cannot be
/// set — and a family list `ALL`.
#[macro_export]
macro_rules! declare_rules {
    ($( $(#[doc = $doc:literal])* $code:ident: $sev:ident $(+ $flag:ident)*, $fr:literal, $en:literal; )*) => {
        $(
            $(#[doc = $doc])*
            pub static $code: $crate::diagnostic::Rule = $crate::diagnostic::Rule {
                code: stringify!($code),
                default: $crate::diagnostic::Severity::$sev,
                title_fr: $fr,
                title_en: $en,
                doc: concat!($($doc, "\n"),*),
                signature_stage: $crate::diagnostic::has_flag(&[$(stringify!($flag)),*], "signature"),
                fixed: $crate::diagnostic::has_flag(&[$(stringify!($flag)),*], "fixed"),
            };
        )*
        /// The family's rules, in catalogue order.
        pub static ALL: &[&$crate::diagnostic::Rule] = &[$(&$code),*];
    };
}

/// A secondary place shown with a finding ("first written here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: Text,
}

/// One finding about one node of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: Text,
    /// The node the finding is about.
    pub span: Span,
    /// What the primary label under the node says; the message when absent.
    pub label: Option<Text>,
    pub help: Option<Text>,
    pub related: Vec<Label>,
    /// What `ctg fix` (and the language server's code action) would write.
    pub fix: Option<Box<Fix>>,
}

/// A change of the file's bytes that settles a finding (README "ctg fix").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the change does: "écrire « parentalite »".
    pub title: Text,
    /// Safe fixes only restore what the official sources or the closed
    /// lists say; the others (`--unsafe`) change what the convention says.
    pub safe: bool,
    /// The bytes replaced, and by what.
    pub span: Span,
    pub replacement: String,
}

impl Diagnostic {
    /// A finding of `rule`, at the rule's default severity.
    pub fn new(rule: &'static Rule, span: Span, message: Text) -> Self {
        Diagnostic {
            code: rule.code,
            severity: rule.default,
            message,
            span,
            label: None,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    /// The line that says `ctg fix` can settle the finding, when it can.
    pub fn fix_note(&self, lang: Lang) -> Option<String> {
        let fix = self.fix.as_deref()?;
        let command = if fix.safe {
            "ctg fix"
        } else {
            "ctg fix --unsafe"
        };
        Some(match lang {
            Lang::Fr => format!("{command} peut corriger : {}", fix.title.get(lang)),
            Lang::En => format!("{command} can fix this: {}", fix.title.get(lang)),
        })
    }

    /// The help and the fix note, one per line, when there is either.
    pub fn help_and_fix(&self, lang: Lang) -> Option<String> {
        let help = self.help.as_ref().map(|h| h.get(lang).to_string());
        match (help, self.fix_note(lang)) {
            (Some(h), Some(f)) => Some(format!("{h}\n{f}")),
            (h, f) => h.or(f),
        }
    }

    /// The message, and the help on a second line when there is one: what
    /// one-field formats (annotations, SARIF) carry.
    pub fn message_and_help(&self, lang: Lang) -> String {
        match self.help_and_fix(lang) {
            Some(help) => format!("{}\n{help}", self.message.get(lang)),
            None => self.message.get(lang).to_string(),
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_label(mut self, label: Text) -> Self {
        self.label = Some(label);
        self
    }

    pub fn with_help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    /// The fix, when one could be made (see `edit::fix_at`).
    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix.map(Box::new);
        self
    }

    pub fn with_related(mut self, span: Span, text: Text) -> Self {
        self.related.push(Label { span, text });
        self
    }
}
