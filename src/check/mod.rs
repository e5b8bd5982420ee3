//! The `validate` pipeline: find the files, then for each one load →
//! schema → (rules), collecting findings. Nothing here prints.

pub mod config;
pub mod fix;
pub mod suppress;

use crate::diagnostic::{Diagnostic, Lang, Severity, Text};
use crate::load;
use crate::model::{Convention, Modele, Sdsf};
use crate::rules;
use crate::schema::{self, Document};
use crate::span::{SourceFile, Spanned};
use crate::t;
use camino::{Utf8Path, Utf8PathBuf};
use config::Configs;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// What was found in one file.
#[derive(Debug)]
pub struct FileReport {
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
    /// The model, when the file has no schema finding (and the command
    /// still needs it: see [`FileReport::findings_only`]).
    pub document: Option<Document>,
    /// Whether the file is a convention, kept when the model is let go.
    pub convention: bool,
    /// The year of the official geography a convention was checked
    /// against, when ctg has it.
    pub cog: Option<i32>,
}

impl FileReport {
    /// What a report of findings needs: the model is let go, and so is the
    /// text of a file without findings (its path stays). Done as soon as a
    /// file is checked, the memory is reused for the next file instead of
    /// growing with the folder.
    pub fn findings_only(mut self) -> Self {
        self.document = None;
        if self.diagnostics.is_empty() {
            self.source = SourceFile::new(self.source.path, String::new());
        }
        self
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// A path that could not be read or walked: the tool could not do its job
/// for it (exit 2), but the other files are still checked.
#[derive(Debug)]
pub struct IoFailure {
    pub path: Utf8PathBuf,
    pub error: std::io::Error,
}

/// Expands files and directories into the YAML files to check, in a stable
/// order (sorted by path, whatever the walk's scheduling). Directories are
/// walked as Git would see them: hidden entries (`.git`), and what
/// `.gitignore`, `.ignore` or `.git/info/exclude` excludes, are skipped, as
/// are `target` and `node_modules`. Symbolic links to directories are not
/// followed, so a link loop cannot trap the walk; a link to a YAML file is
/// checked.
pub fn collect(paths: &[Utf8PathBuf]) -> (Vec<Utf8PathBuf>, Vec<IoFailure>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut failures),
            Ok(_) => files.push(path.clone()),
            Err(error) => failures.push(IoFailure {
                path: path.clone(),
                error,
            }),
        }
    }
    (files, failures)
}

/// `.yaml` or `.yml`, in any case (`X.YAML` from a Windows share).
fn is_yaml(path: &Utf8Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The ignore files the walk reads, relative to each folder.
const IGNORE_FILES: [&str; 3] = [".gitignore", ".ignore", ".git/info/exclude"];

/// An ignore file larger than this is not read: real ones are a few
/// kilobytes, and matching against a 14 MB one took 12 s and 3.7 GB.
const MAX_IGNORE_SIZE: u64 = 1024 * 1024;

/// Why the ignore files of `dir` cannot be read safely: one is a FIFO or a
/// device (reading it would block or never end) or too large.
fn unsafe_ignore_file(dir: &std::path::Path) -> Option<IoFailure> {
    for name in IGNORE_FILES {
        let path = dir.join(name);
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        let error = if !meta.is_file() {
            std::io::Error::other(t!(
                "ce n'est pas un fichier ordinaire (tube, périphérique…) : le dossier n'est pas parcouru",
                "this is not a regular file (pipe, device…): the folder is not walked"
            ))
        } else if meta.len() > MAX_IGNORE_SIZE {
            load::too_large(meta.len(), MAX_IGNORE_SIZE)
        } else {
            continue;
        };
        let path = Utf8PathBuf::from(path.to_string_lossy().into_owned());
        return Some(IoFailure { path, error });
    }
    None
}

fn walk(dir: &Utf8Path, files: &mut Vec<Utf8PathBuf>, failures: &mut Vec<IoFailure>) {
    // The walk reads the ignore files of the folder's parents too.
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.into());
    if let Some(f) = absolute.ancestors().find_map(unsafe_ignore_file) {
        failures.push(f);
        return;
    }
    let refused = Arc::new(Mutex::new(Vec::new()));
    let walker = ignore::WalkBuilder::new(dir)
        // The user's global Git excludes would make CI and laptops disagree.
        .git_global(false)
        // A folder of conventions copied out of its repository keeps its rules.
        .require_git(false)
        .filter_entry({
            let refused = Arc::clone(&refused);
            move |e| {
                if matches!(e.file_name().to_str(), Some("target" | "node_modules")) {
                    return false;
                }
                // A folder is entered only if its ignore files can be read.
                if e.file_type().is_some_and(|t| t.is_dir()) {
                    if let Some(f) = unsafe_ignore_file(e.path()) {
                        refused.lock().unwrap_or_else(|p| p.into_inner()).push(f);
                        return false;
                    }
                }
                true
            }
        })
        .build();
    let mut found = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                failures.push(walk_failure(dir, e));
                continue;
            }
        };
        let Ok(path) = Utf8PathBuf::from_path_buf(entry.path().to_path_buf()) else {
            failures.push(IoFailure {
                path: Utf8PathBuf::from(entry.path().to_string_lossy().into_owned()),
                error: std::io::Error::other(crate::t!("chemin non UTF-8", "path is not UTF-8")),
            });
            continue;
        };
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if !is_yaml(&path) || kind.is_dir() {
            continue;
        }
        if kind.is_file() {
            found.push(path);
        } else if kind.is_symlink() {
            // A link to a YAML file is checked; a link that loops or points
            // nowhere is said, not skipped: it may hide a convention.
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_file() => found.push(path),
                Ok(_) => {}
                Err(error) => failures.push(IoFailure { path, error }),
            }
        }
    }
    found.sort();
    files.extend(found);
    failures.append(&mut refused.lock().unwrap_or_else(|p| p.into_inner()));
}

/// A walk error as an I/O failure on the path it names.
fn walk_failure(dir: &Utf8Path, error: ignore::Error) -> IoFailure {
    fn path_of(e: &ignore::Error) -> Option<&std::path::Path> {
        match e {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            _ => None,
        }
    }
    let path = path_of(&error)
        .and_then(|p| Utf8Path::from_path(p).map(Utf8Path::to_path_buf))
        .unwrap_or_else(|| dir.to_path_buf());
    let text = error.to_string();
    let error = error
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other(text));
    IoFailure { path, error }
}

/// A loaded referential, or why it cannot be used (said at the citing
/// `sdsf:` value).
pub type SdsfResult = Result<Arc<Sdsf>, Text>;

/// A loaded model of convention, or why it cannot be used (said at the
/// citing `modele:` value).
pub type ModeleResult = Result<Arc<Modele>, Text>;

/// The files a run cites (SDSF referentials, models of convention), loaded
/// once per run however many conventions cite them. The error is the
/// reason to give at the citing value. The cache holds at most
/// [`Cache::MAX_BYTES`] of text (real referentials and models are a few
/// kilobytes; a model takes some ten times its text): past that, what it
/// holds is let go before a new one is kept, so memory stays bounded by the
/// largest file, not by the folder (100 distinct 13 MB referentials
/// exhausted memory).
pub struct Cache<T> {
    loaded: Mutex<Cached<T>>,
    max_bytes: usize,
    load: Loader<T>,
}

/// Reads one cited file: the value or why not, and the size of its text.
type Loader<T> = fn(&Utf8Path) -> (Result<Arc<T>, Text>, usize);

/// The referentials of a run.
pub type SdsfCache = Cache<Sdsf>;

impl Default for Cache<Sdsf> {
    fn default() -> Self {
        Cache::new(load_sdsf_sized)
    }
}

impl Default for Cache<Modele> {
    fn default() -> Self {
        Cache::new(load_modele_sized)
    }
}

struct Cached<T> {
    by_path: HashMap<Utf8PathBuf, Result<Arc<T>, Text>>,
    /// Every path looked up, kept after its file is let go.
    paths: Vec<Utf8PathBuf>,
    bytes: usize,
}

impl<T> Cache<T> {
    /// Text the cache keeps at most.
    pub const MAX_BYTES: usize = 32 * 1024 * 1024;

    fn new(load: Loader<T>) -> Self {
        Cache {
            loaded: Mutex::new(Cached {
                by_path: HashMap::new(),
                paths: Vec::new(),
                bytes: 0,
            }),
            max_bytes: Self::MAX_BYTES,
            load,
        }
    }

    /// The files looked up so far, found or not.
    pub fn paths(&self) -> Vec<Utf8PathBuf> {
        self.lock().paths.clone()
    }

    pub fn get(&self, path: &Utf8Path) -> Result<Arc<T>, Text> {
        if let Some(hit) = self.lock().by_path.get(path) {
            return hit.clone();
        }
        let (result, size) = (self.load)(path);
        let mut cache = self.lock();
        if !cache.paths.iter().any(|p| p == path) {
            cache.paths.push(path.to_path_buf());
        }
        if cache.bytes + size > self.max_bytes {
            cache.by_path.clear();
            cache.bytes = 0;
        }
        cache.bytes += size;
        cache.by_path.insert(path.to_path_buf(), result.clone());
        result
    }

    /// Holds `result` for `path` in place of what the file on disk gives
    /// (the language server's unsaved buffers).
    fn put(&self, path: &Utf8Path, result: Result<Arc<T>, Text>) {
        let mut cache = self.lock();
        if !cache.paths.iter().any(|p| p == path) {
            cache.paths.push(path.to_path_buf());
        }
        cache.by_path.insert(path.to_path_buf(), result);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cached<T>> {
        // A poisoned cache only means another thread panicked mid-insert;
        // the map itself is still consistent.
        self.loaded.lock().unwrap_or_else(|p| p.into_inner())
    }
}

pub fn load_sdsf(path: &Utf8Path) -> SdsfResult {
    load_sdsf_sized(path).0
}

/// A referential and the size of its text.
fn load_sdsf_sized(path: &Utf8Path) -> (SdsfResult, usize) {
    load_cited(path, sdsf_what(), sdsf_of_document)
}

/// What a referential is called in the reasons it cannot be used.
fn sdsf_what() -> Text {
    t!("référentiel SDSF", "SDSF referential")
}

fn sdsf_of_document(document: Document) -> Option<Arc<Sdsf>> {
    match document {
        Document::Sdsf(s) => Some(Arc::from(s)),
        _ => None,
    }
}

/// A model of convention and the size of its text.
fn load_modele_sized(path: &Utf8Path) -> (ModeleResult, usize) {
    let what = t!("modèle de convention", "convention model");
    load_cited(path, what, |document| match document {
        Document::Modele(m) => Some(Arc::from(m)),
        _ => None,
    })
}

/// A file a convention cites (`what`: "référentiel SDSF"), read and checked
/// for its format; `pick` takes the document when it is of the right kind.
fn load_cited<T>(
    path: &Utf8Path,
    what: Text,
    pick: fn(Document) -> Option<Arc<T>>,
) -> (Result<Arc<T>, Text>, usize) {
    let report = match read_and_check(path, |path, bytes| check_bytes(path, bytes, None)) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let (wf, we) = (&what.fr, &what.en);
            let why = t!("{wf} introuvable : « {path} »", "{we} not found: `{path}`");
            return (Err(why), 0);
        }
        Err(e) => {
            let (wf, we) = (&what.fr, &what.en);
            let why = t!(
                "{wf} illisible : « {path} » ({})",
                "{we} cannot be read: `{path}` ({})",
                crate::diagnostic::io_message(&e, Lang::Fr),
                crate::diagnostic::io_message(&e, Lang::En)
            );
            return (Err(why), 0);
        }
    };
    let size = report.source.text.len();
    (cited_of_report(path, report, what, pick), size)
}

fn cited_of_report<T>(
    path: &Utf8Path,
    mut report: FileReport,
    what: Text,
    pick: fn(Document) -> Option<Arc<T>>,
) -> Result<Arc<T>, Text> {
    let (wf, we) = (&what.fr, &what.en);
    let errors = report.count(Severity::Error);
    match report.document.take() {
        Some(document) if errors == 0 => {
            let kind = match &document {
                Document::Convention(_) => t!("une convention", "a convention"),
                Document::Sdsf(_) => t!("un référentiel SDSF", "an SDSF referential"),
                Document::Modele(_) => t!("un modèle de convention", "a convention model"),
            };
            pick(document).ok_or_else(|| {
                let (kf, ke) = (&kind.fr, &kind.en);
                t!(
                    "« {path} » est {kf}, pas un {wf}",
                    "`{path}` is {ke}, not a {we}"
                )
            })
        }
        _ => {
            // The file's own first error, at its own line and column, so
            // every format shows where to look.
            let first = report
                .diagnostics
                .iter()
                .find(|d| d.severity == Severity::Error);
            let at = |lang: Lang| {
                first.map_or_else(String::new, |d| {
                    let lc = report.source.line_col(d.span.start);
                    format!(
                        " : {path}:{}:{}: {} {}",
                        lc.line,
                        lc.column,
                        d.code,
                        d.message.get(lang)
                    )
                })
            };
            Err(t!(
                "le {wf} « {path} » est invalide{} ({errors} erreur(s) : lancez ctg validate sur ce fichier)",
                "the {we} `{path}` is invalid{} ({errors} error(s): run ctg validate on that file)",
                at(Lang::Fr),
                at(Lang::En)
            ))
        }
    }
}

/// Why a file could not be checked at all (exit 2).
#[derive(Debug)]
pub enum Failure {
    Io(std::io::Error),
    /// The `ctg.toml` that applies to the file is broken or unreadable.
    Config(config::ConfigError),
}

/// Checks files with what a run shares: the stage, the referentials and
/// the configurations already loaded.
#[derive(Default)]
pub struct Checker {
    /// `--stage signature`: as if every convention said `statut: signee`.
    pub stage_signature: bool,
    /// The language of configuration errors.
    pub lang: Lang,
    sdsf: SdsfCache,
    modeles: Cache<Modele>,
    configs: Configs,
}

impl Checker {
    pub fn new(stage_signature: bool, lang: Lang) -> Self {
        Checker {
            stage_signature,
            lang,
            ..Checker::default()
        }
    }

    /// Every file the run read besides those it was asked to check: the
    /// SDSF referentials conventions cite and the `ctg.toml` files that
    /// apply. A command's output must never replace one of them.
    pub fn files_read(&self) -> Vec<Utf8PathBuf> {
        let mut files = self.sdsf.paths();
        files.extend(self.modeles.paths());
        files.extend(self.configs.read());
        files
    }

    /// The `ctg.toml` that applies to a file.
    pub fn config_for(&self, path: &Utf8Path) -> Result<Arc<config::Config>, config::ConfigError> {
        self.configs.for_file(path, self.lang)
    }

    /// The referential a convention cites, when it can be loaded (the
    /// reason it cannot is already a CTG006 finding).
    pub fn sdsf_of(
        &self,
        path: &Utf8Path,
        convention: &crate::model::Convention,
    ) -> Option<Arc<Sdsf>> {
        resolve_sdsf(path, &convention.sdsf, &self.sdsf).ok()
    }

    /// The model of a convention: the one it cites, else the one its
    /// `ctg.toml` sets, else the built-in one. `Err` says why the one named
    /// cannot be used (a CTG606 finding at the citing value).
    pub fn modele_of(
        &self,
        path: &Utf8Path,
        convention: &Convention,
    ) -> Result<Arc<Modele>, (Text, crate::span::Span)> {
        if let Some(cited) = &convention.modele {
            let base = path.parent().unwrap_or(Utf8Path::new(""));
            return self
                .modeles
                .get(&base.join(&cited.value))
                .map_err(|why| (why, cited.span));
        }
        let from_config = self.config_for(path).ok().and_then(|c| c.modele.clone());
        match from_config {
            Some(file) => self.modeles.get(&file).map_err(|why| {
                let (wf, we) = (&why.fr, &why.en);
                let why = t!(
                    "modèle de convention fixé par ctg.toml : {wf}",
                    "convention model set by ctg.toml: {we}"
                );
                (why, crate::span::Span::new(0, 0))
            }),
            None => Ok(builtin_modele()),
        }
    }

    /// What stops a checked convention from being signed as it is: its
    /// errors at the signature stage (under its `ctg.toml` and `allow`
    /// comments), but for a missing date or place of signature (CTG307),
    /// which are often written by hand at the ceremony.
    pub fn signature_blockers(&self, report: &FileReport) -> Vec<Diagnostic> {
        let bytes = report.source.bytes_as_read().into_owned();
        let mut signing = check_at(report.source.path.clone(), bytes, Some(self), true);
        if let Ok(config) = self.config_for(&report.source.path) {
            config.apply(&mut signing.diagnostics);
        }
        signing
            .diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error && d.code != "CTG307")
            .collect()
    }

    /// The model a document is printed with: the one that applies, or the
    /// built-in one when it cannot be read (its CTG606 is in the report,
    /// and only `--brouillon` prints such a convention).
    pub fn modele_for_print(&self, path: &Utf8Path, convention: &Convention) -> Arc<Modele> {
        self.modele_of(path, convention)
            .unwrap_or_else(|_| builtin_modele())
    }

    /// [`Checker::check_path`] of a text not read from the disk: a file
    /// being fixed, an editor's buffer. The `ctg.toml` of its folder
    /// applies.
    pub fn check_text(&self, path: &Utf8Path, text: &str) -> Result<FileReport, Failure> {
        let config = self
            .configs
            .for_file(path, self.lang)
            .map_err(Failure::Config)?;
        let mut report = check_bytes(path.to_path_buf(), text.as_bytes().to_vec(), Some(self));
        config.apply(&mut report.diagnostics);
        Ok(report)
    }

    /// The referential a convention cites as `cited` (joined to its folder,
    /// as written) read from `text` instead of the disk.
    pub fn put_sdsf(&self, cited: &Utf8Path, text: &str) {
        let report = check_bytes(cited.to_path_buf(), text.as_bytes().to_vec(), None);
        let result = cited_of_report(cited, report, sdsf_what(), sdsf_of_document);
        self.sdsf.put(cited, result);
    }

    /// Reads and checks one file under the configuration that applies to it.
    pub fn check_path(&self, path: &Utf8Path) -> Result<FileReport, Failure> {
        let config = self
            .configs
            .for_file(path, self.lang)
            .map_err(Failure::Config)?;
        let mut report = read_and_check(path, |path, bytes| check_bytes(path, bytes, Some(self)))
            .map_err(Failure::Io)?;
        config.apply(&mut report.diagnostics);
        Ok(report)
    }
}

/// Reads a file, then checks its bytes. `Err` only when the file cannot be
/// read at all; everything about its content is a finding.
fn read_and_check(
    path: &Utf8Path,
    check: impl FnOnce(Utf8PathBuf, Vec<u8>) -> FileReport,
) -> std::io::Result<FileReport> {
    let bytes = match load::read(path)? {
        Ok(bytes) => bytes,
        Err(size) => {
            let (mb, max) = (size / 1_000_000, load::MAX_FILE_SIZE / 1_000_000);
            let diag = Diagnostic::new(
                &crate::rules::CTG001,
                crate::span::Span::new(0, 0),
                t!(
                    "fichier trop volumineux ({mb} Mo) : ctg lit des fichiers de {max} Mo au plus",
                    "file too large ({mb} MB): ctg reads files of at most {max} MB"
                ),
            );
            return Ok(FileReport {
                source: SourceFile::new(path.to_path_buf(), String::new()),
                diagnostics: vec![diag],
                document: None,
                convention: false,
                cog: None,
            });
        }
    };
    Ok(check(path.to_path_buf(), bytes))
}

/// Checks a file's content. With a checker, a convention's referential is
/// resolved and the domain rules run; without, only the format is checked.
/// Inline `allow` comments apply; the configuration does not (see
/// [`Checker::check_path`]).
pub fn check_bytes(path: Utf8PathBuf, bytes: Vec<u8>, checker: Option<&Checker>) -> FileReport {
    let stage = checker.is_some_and(|c| c.stage_signature);
    check_at(path, bytes, checker, stage)
}

/// [`check_bytes`] at a given stage (signature or not).
fn check_at(
    path: Utf8PathBuf,
    bytes: Vec<u8>,
    checker: Option<&Checker>,
    stage_signature: bool,
) -> FileReport {
    let (source, problem) = load::decode(path, bytes);
    if let Some(diag) = problem {
        return FileReport {
            source,
            diagnostics: vec![diag],
            document: None,
            convention: false,
            cog: None,
        };
    }
    let (document, mut diagnostics) = match load::parse(&source.text) {
        Ok(tree) => {
            let (document, mut diagnostics) = schema::check(&tree);
            // Whether every rule that applies ran: only then does an
            // `allow` that silenced nothing say so.
            let mut complete = matches!(document, Some(Document::Sdsf(_)));
            let folder = source.path.parent().unwrap_or(Utf8Path::new(""));
            if let Some(Document::Modele(m)) = &document {
                diagnostics.extend(rules::modele::check_file(m, &tree, folder));
                complete = true;
            }
            if let (Some(Document::Convention(c)), Some(checker)) = (&document, checker) {
                let sdsf = match resolve_sdsf(&source.path, &c.sdsf, &checker.sdsf) {
                    Ok(s) => Some(s),
                    // A path still to write (`sdsf: À COMPLÉTER`) is a
                    // CTG308 finding; the rules that need the referential
                    // wait for it.
                    Err(_) if crate::text::placeholder::placeholder(&c.sdsf).is_some() => None,
                    Err(why) => {
                        diagnostics.push(
                            Diagnostic::new(&crate::rules::CTG006, c.sdsf.span, why)
                                .with_label(t!("référentiel cité ici", "referential cited here"))
                                .with_help(t!(
                                    "le chemin est relatif au dossier de la convention",
                                    "the path is relative to the convention's folder"
                                )),
                        );
                        None
                    }
                };
                let modele = match checker.modele_of(&source.path, c) {
                    Ok(m) => Some(m),
                    Err(_)
                        if c.modele.as_ref().is_some_and(|m| {
                            crate::text::placeholder::placeholder(m).is_some()
                        }) =>
                    {
                        None
                    }
                    Err((why, at)) => {
                        diagnostics.push(
                            Diagnostic::new(&rules::modele::CTG606, at, why)
                                .with_label(t!("modèle cité ici", "model cited here"))
                                .with_help(t!(
                                    "le chemin est relatif au dossier de la convention (ou de ctg.toml)",
                                    "the path is relative to the convention's folder (or ctg.toml's)"
                                )),
                        );
                        None
                    }
                };
                complete = sdsf.is_some() && modele.is_some();
                let mut cx = rules::Context::new(c, sdsf.as_deref(), &tree, stage_signature);
                cx.modele = modele.as_deref();
                cx.folder = folder;
                diagnostics.extend(rules::check(cx));
            }
            suppress::apply(&mut diagnostics, &suppress::allows(&tree), complete);
            (document, diagnostics)
        }
        Err(diag) => (None, vec![*diag]),
    };
    diagnostics.sort_by_key(|d| (d.span.start, d.code));
    FileReport {
        source,
        diagnostics,
        convention: matches!(document, Some(Document::Convention(_))),
        cog: match &document {
            Some(Document::Convention(c)) => Some(c.territoire.value.cog_year(&c.periode.value))
                .filter(|y| crate::geo::at(*y).is_some()),
            _ => None,
        },
        document,
    }
}

/// The built-in model of convention (`templates/modele.yaml`), read once.
pub fn builtin_modele() -> Arc<Modele> {
    static BUILTIN: std::sync::OnceLock<Arc<Modele>> = std::sync::OnceLock::new();
    BUILTIN
        .get_or_init(|| {
            let report = check_bytes(
                "modele.yaml".into(),
                crate::model::modele::BUILTIN.as_bytes().to_vec(),
                None,
            );
            match report.document {
                Some(Document::Modele(m)) => Arc::from(m),
                // `tests` check the built-in model: it is valid.
                _ => unreachable!("the built-in model is valid"),
            }
        })
        .clone()
}

/// The referential a convention cites, relative to the convention's folder.
pub fn resolve_sdsf(
    convention: &Utf8Path,
    cited: &Spanned<String>,
    cache: &SdsfCache,
) -> SdsfResult {
    let base = convention.parent().unwrap_or(Utf8Path::new(""));
    cache.get(&base.join(&cited.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_referential_cache_is_bounded_by_size() {
        let dir = tempfile::tempdir().unwrap();
        let d = Utf8Path::from_path(dir.path()).unwrap();
        let sdsf = std::fs::read_to_string("tests/fixtures/rules/sdsf.yaml").unwrap();
        let cache = SdsfCache {
            max_bytes: 2 * sdsf.len(),
            ..SdsfCache::default()
        };

        for i in 0..10 {
            let path = d.join(format!("sdsf-{i}.yaml"));
            std::fs::write(&path, &sdsf).unwrap();
            assert!(cache.get(&path).is_ok());
            let held = cache.lock();
            assert!(held.bytes <= 2 * sdsf.len() && held.by_path.len() <= 2);
        }
        // Every path looked up is still known (no output may replace it).
        assert_eq!(cache.paths().len(), 10);
    }
}
