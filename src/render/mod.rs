//! `ctg render`: a convention as the document that gets signed, in
//! Markdown, HTML or PDF (Typst), from minijinja templates compiled into the
//! binary or given by the user.

pub mod ancre;
pub mod bilan;
pub mod departement;
pub mod diff;
pub mod new;
mod office;
#[cfg(feature = "pdf")]
mod pdf;
pub mod tableur;
pub mod texte;
pub mod typo;
pub mod view;

use crate::model::{Convention, Sdsf};
use camino::{Utf8Path, Utf8PathBuf};
use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value};
use sha2::{Digest, Sha256};
use typo::Markup;

/// The document formats `ctg render` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
    Pdf,
    // Word (WordprocessingML) and LibreOffice (OpenDocument text), for the
    // review with tracked changes.
    Docx,
    Odt,
}

/// PDF when ctg carries Typst, HTML otherwise.
pub const DEFAULT_FORMAT: Format = if cfg!(feature = "pdf") {
    Format::Pdf
} else {
    Format::Html
};

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
        }
    }

    /// The template the document starts from, and the markup it writes.
    fn template(self) -> (&'static str, Markup) {
        match self {
            Format::Md => ("convention.md", Markup::Markdown),
            Format::Html => ("convention.html", Markup::Html),
            Format::Pdf => ("convention.typ", Markup::Typst),
            Format::Docx => ("convention.docx.xml", Markup::Docx),
            Format::Odt => ("convention.odt.xml", Markup::Odt),
        }
    }
}

/// The default templates, compiled in so that `ctg render` works from any
/// directory. The wording comes from the model (`modele.yaml`) and
/// `texte.rs`; the templates only lay it out.
const BUILTIN: &[(&str, &str)] = &[
    (
        "convention.md",
        include_str!("../../templates/convention.md"),
    ),
    (
        "convention.html",
        include_str!("../../templates/convention.html"),
    ),
    (
        "convention.typ",
        include_str!("../../templates/convention.typ"),
    ),
    ("bilan.md", include_str!("../../templates/bilan.md")),
    ("bilan.html", include_str!("../../templates/bilan.html")),
    ("diff.txt", include_str!("../../templates/diff.txt")),
    ("diff.md", include_str!("../../templates/diff.md")),
    ("new.yaml", include_str!("../../templates/new.yaml")),
    ("report.md", include_str!("../../templates/report.md")),
    ("report.html", include_str!("../../templates/report.html")),
    ("pages.css", include_str!("../../templates/pages.css")),
    ("page.html", include_str!("../../templates/page.html")),
    (
        "convention.docx.xml",
        include_str!("../../templates/convention.docx.xml"),
    ),
    (
        "docx-styles.xml",
        include_str!("../../templates/docx-styles.xml"),
    ),
    (
        "docx-header.xml",
        include_str!("../../templates/docx-header.xml"),
    ),
    (
        "docx-header-first.xml",
        include_str!("../../templates/docx-header-first.xml"),
    ),
    (
        "docx-footer.xml",
        include_str!("../../templates/docx-footer.xml"),
    ),
    (
        "docx-core.xml",
        include_str!("../../templates/docx-core.xml"),
    ),
    (
        "docx-custom.xml",
        include_str!("../../templates/docx-custom.xml"),
    ),
    (
        "convention.odt.xml",
        include_str!("../../templates/convention.odt.xml"),
    ),
    (
        "odt-styles.xml",
        include_str!("../../templates/odt-styles.xml"),
    ),
    ("odt-meta.xml", include_str!("../../templates/odt-meta.xml")),
];

/// Where templates come from besides the built-in ones.
#[derive(Debug, Clone, Default)]
pub enum Templates {
    #[default]
    Builtin,
    /// `--templates DIR`: a file of the same name in DIR replaces a built-in
    /// template.
    Dir(Utf8PathBuf),
    /// `--template FILE`: replaces the format's main template.
    File(Utf8PathBuf),
}

impl Templates {
    /// The files a render may read: the template given, or every file of
    /// the template folder (a template is looked up there by its plain
    /// name). No output may replace one of them.
    pub fn files(&self) -> Vec<Utf8PathBuf> {
        match self {
            Templates::Builtin => Vec::new(),
            Templates::File(f) => vec![f.clone()],
            Templates::Dir(d) => std::fs::read_dir(d)
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|e| Utf8PathBuf::from_path_buf(e.path()).ok())
                .collect(),
        }
    }
}

/// Why a document could not be produced.
#[derive(Debug)]
pub enum RenderError {
    /// A template is broken or failed; the message names it and the line.
    Template(String),
    /// Typst refused the source a template produced.
    Typst(String),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Template(m) | RenderError::Typst(m) => f.write_str(m),
        }
    }
}

/// What is being rendered, and how.
pub struct Job<'a> {
    pub convention: &'a Convention,
    pub sdsf: Option<&'a Sdsf>,
    /// The source file's text as read (a UTF-8 BOM removed), hashed into
    /// the output: `sha256sum` of the file gives the same unless it starts
    /// with a BOM.
    pub source_bytes: &'a [u8],
    pub source_name: &'a str,
    pub format: Format,
    pub templates: &'a Templates,
    /// The legal text the convention's facts go into.
    pub modele: &'a crate::model::Modele,
    /// Not ready to sign, or `--brouillon`: PROJET on every page.
    pub projet: bool,
    /// `--reference FILE.docx`: a Caf's Word file whose styles the .docx takes.
    pub reference: Option<&'a Reference>,
}

pub use office::Reference;

/// Renders a convention to the bytes of the document.
pub fn render(job: &Job) -> Result<Vec<u8>, RenderError> {
    let sha = sha256_hex(job.source_bytes);
    let meta = view::Meta {
        ctg_version: env!("CARGO_PKG_VERSION"),
        source_sha256: sha.clone(),
        source: job.source_name.to_string(),
        geographie: {
            let year = job
                .convention
                .territoire
                .value
                .cog_year(&job.convention.periode.value);
            match crate::geo::at(year) {
                Some(g) => format!("COG {} ({})", g.year, g.source),
                None => format!("COG {year}, non embarqué : territoire non vérifié"),
            }
        },
        brouillon: job.projet,
    };
    let text = view::Text {
        modele: job.modele,
        projet: job.projet,
    };
    let doc = view::build(job.convention, job.sdsf, text, meta);
    let (main, markup) = job.format.template();
    let mut env = environment(markup, main, job.templates);
    env.set_fuel(Some(fuel(job.source_bytes.len())));
    let d = Value::from(minijinja::value::Serde(&doc));
    let part = |name: &str| {
        env.get_template(name)
            .and_then(|t| t.render(minijinja::context! { d => d.clone() }))
            .map(|text| typo::spaces(&text))
            .map_err(|e| RenderError::Template(describe(&e, job.templates, main)))
    };
    let text = part(main)?;
    let parts = |names: &[(&'static str, &'static str)]| {
        names
            .iter()
            .map(|(path, name)| part(name).map(|t| (*path, t)))
            .collect::<Result<Vec<_>, _>>()
    };
    match job.format {
        Format::Md | Format::Html => Ok(text.into_bytes()),
        Format::Docx => office::docx(text, parts(office::DOCX_PARTS)?, job.reference),
        Format::Odt => office::odt(text, parts(office::ODT_PARTS)?),
        #[cfg(feature = "pdf")]
        Format::Pdf => pdf::compile(text, &sha),
        #[cfg(not(feature = "pdf"))]
        Format::Pdf => Err(RenderError::Typst(
            "ce ctg a été compilé sans PDF (feature « pdf ») : utilisez --format md ou html"
                .to_string(),
        )),
    }
}

/// A page of another command (`bilan`, `diff`, `new`, `report`), from its template `name`: the
/// same environment as the convention's (the user's template folder first,
/// the markup's escaping, the sandbox), with fuel for a source of about
/// `len` bytes. The values of `context` come escaped, marked safe.
pub fn page(
    name: &'static str,
    markup: Markup,
    context: Value,
    templates: &Templates,
    len: usize,
) -> Result<String, RenderError> {
    let mut env = environment(markup, name, templates);
    env.set_fuel(Some(fuel(len)));
    env.get_template(name)
        .and_then(|t| t.render(context))
        .map_err(|e| RenderError::Template(describe(&e, templates, name)))
}

/// The work a template may do for a source of `len` bytes (minijinja's
/// fuel: about 28 million units a second here). The built-in templates
/// use about 1.4 units per byte; a user template gets six times that, and
/// a loop that would never end stops within five seconds.
fn fuel(len: usize) -> u64 {
    1_000_000 + 8 * len as u64
}

/// The SHA-256 of a source file, as every document records it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// "convention.typ, ligne 12 : …", with the causes minijinja chains; the
/// user's file when `--template` replaced the main template.
fn describe(e: &Error, templates: &Templates, main: &str) -> String {
    let mut msg = String::new();
    if let (Some(name), Some(line)) = (e.name(), e.line()) {
        let name = match templates {
            Templates::File(path) if name == main => path.as_str(),
            _ => name,
        };
        msg.push_str(&format!("{name}, ligne {line}\u{a0}: "));
    }
    if e.kind() == ErrorKind::OutOfFuel {
        msg.push_str(
            "le modèle fait bien plus de travail que la convention n'en demande (une boucle sans fin\u{a0}?)\u{a0}: arrêté",
        );
        return msg;
    }
    // minijinja's words are English: the kind in French, its detail after.
    let kind = match e.kind() {
        ErrorKind::TemplateNotFound => "modèle introuvable",
        ErrorKind::SyntaxError => "syntaxe de modèle invalide",
        ErrorKind::UndefinedError => "valeur indéfinie",
        ErrorKind::UnknownFilter => "filtre inconnu",
        ErrorKind::UnknownTest => "test inconnu",
        ErrorKind::UnknownFunction => "fonction inconnue",
        ErrorKind::UnknownMethod => "méthode inconnue",
        ErrorKind::InvalidOperation => "opération invalide",
        ErrorKind::TooManyArguments => "trop d'arguments",
        ErrorKind::MissingArgument => "argument manquant",
        ErrorKind::BadEscape => "échappement invalide",
        ErrorKind::BadSerialization => "valeur impossible à écrire",
        _ => "erreur de modèle",
    };
    let detail = e.detail();
    match detail.and_then(|d| d.strip_prefix("tried to include non-existing template ")) {
        Some(name) => {
            let name = name.trim_matches('\'');
            msg.push_str(&format!("{kind}\u{a0}: «\u{a0}{name}\u{a0}»"));
        }
        // The reasons `load` gives are already French.
        None if e.kind() == ErrorKind::TemplateNotFound && detail.is_some() => {
            msg.push_str(detail.unwrap_or_default())
        }
        None => match detail {
            Some(detail) => msg.push_str(&format!("{kind}\u{a0}: {detail}")),
            None => msg.push_str(kind),
        },
    }
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        msg.push_str(&format!(" ({c})"));
        cause = c.source();
    }
    msg
}

fn environment(markup: Markup, main: &'static str, templates: &Templates) -> Environment<'static> {
    let mut env = Environment::new();
    if let Ok(syntax) = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    // A misspelt variable is an error, not silently empty text in a
    // document that gets signed; `{% if x %}` still works on absent values.
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    let name = match markup {
        Markup::Markdown => "markdown",
        Markup::Html => "html",
        Markup::Typst => "typst",
        Markup::Docx => "docx",
        Markup::Odt => "odt",
    };
    // Every template escapes for the document's markup, whatever its name.
    env.set_auto_escape_callback(move |_| AutoEscape::Custom(name.into()));
    // The bookmarks of a .docx or .odt: numbered in the order printed.
    let anchors = std::sync::Arc::new(std::sync::Mutex::new(office::Anchors::default()));
    let shared = std::sync::Arc::clone(&anchors);
    env.set_formatter(move |out, _state, value| {
        if value.is_undefined() {
            return Err(Error::new(ErrorKind::UndefinedError, "valeur absente"));
        }
        if value.is_none() {
            return Ok(());
        }
        let text = match value.as_str() {
            Some(s) if value.is_safe() => s.to_string(),
            Some(s) if matches!(markup, Markup::Docx | Markup::Odt) => {
                let mut anchors = shared.lock().unwrap_or_else(|p| p.into_inner());
                anchors.text(markup, &typo::french(s), false)
            }
            Some(s) => {
                let s = ancre::strip(s);
                typo::superscripts(markup, &typo::escape(markup, &typo::french(&s)))
            }
            None => typo::escape(markup, &value.to_string()),
        };
        out.write_str(&text).map_err(Error::from)
    });
    // Bold text in a .docx: its runs, anchors included, keep the bold.
    env.add_filter("gras", move |s: &str| {
        let mut anchors = anchors.lock().unwrap_or_else(|p| p.into_inner());
        Value::from_safe_string(anchors.text(markup, &typo::french(s), true))
    });
    env.add_filter("oneline", |s: &str| {
        s.split(|c: char| c.is_ascii_whitespace())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    });
    // Where markup cannot go (an HTML title, an attribute): escaped, no
    // superscript.
    env.add_filter("brut", move |s: &str| {
        Value::from_safe_string(typo::escape(markup, &typo::french(&ancre::strip(s))))
    });
    // Inside an HTML comment: nothing that could close it.
    env.add_filter("commentaire", |s: &str| {
        Value::from_safe_string(ancre::strip(s).replace("--", "- -").replace('>', "›"))
    });
    // A Typst string literal, for document metadata.
    env.add_filter("chaine", |s: &str| {
        Value::from_safe_string(format!("{:?}", typo::french(&ancre::strip(s))))
    });
    let templates = templates.clone();
    env.set_loader(move |name| load(&templates, main, name));
    env
}

/// Finds a template: the user's first (`--template` for the main one,
/// `--templates DIR` for any), then the built-in one. A name never leaves
/// the template directory.
/// The largest template ctg reads: the built-in ones are a few kilobytes.
pub const MAX_TEMPLATE_SIZE: u64 = 1024 * 1024;

fn load(templates: &Templates, main: &str, name: &str) -> Result<Option<String>, Error> {
    let read = |path: &Utf8Path| {
        crate::load::read_text(path, MAX_TEMPLATE_SIZE).map_err(|e| {
            let why = crate::diagnostic::io_message(&e, crate::diagnostic::Lang::Fr);
            Error::new(
                ErrorKind::TemplateNotFound,
                format!("modèle « {path} » illisible\u{a0}: {why}"),
            )
        })
    };
    match templates {
        Templates::File(path) if name == main => return read(path).map(Some),
        Templates::Dir(dir) if is_plain_name(name) => {
            let path = dir.join(name);
            // Anything there by that name is the template: a pipe or a
            // device is refused, not passed over for the built-in one.
            if path.exists() {
                return confined(dir, &path).and_then(|()| read(&path).map(Some));
            }
        }
        _ => {}
    }
    Ok(BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| (*text).to_string()))
}

/// A template of the directory must be inside it once links are followed:
/// a link to a file elsewhere is refused, so templates read nothing beyond
/// the template directory.
fn confined(dir: &Utf8Path, path: &Utf8Path) -> Result<(), Error> {
    match (dir.canonicalize_utf8(), path.canonicalize_utf8()) {
        (Ok(dir), Ok(real)) if real.starts_with(&dir) => Ok(()),
        _ => Err(Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "modèle « {path} »\u{a0}: lien vers un fichier hors du dossier des modèles, refusé"
            ),
        )),
    }
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Where a document goes by default: beside the source, with the format's
/// extension.
pub fn default_output(source: &Utf8Path, format: Format) -> Utf8PathBuf {
    source.with_extension(format.extension())
}
