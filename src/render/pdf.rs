//! PDF through Typst embedded as a library: the source a template produced
//! is compiled in memory, with the fonts compiled into ctg and no access to
//! any file, package or clock.

use super::RenderError;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

/// Libertinus Serif (SIL Open Font License, `assets/fonts/OFL.txt`): the
/// only faces the templates use.
const FONTS: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("../../assets/fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("../../assets/fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("../../assets/fonts/LibertinusSerif-BoldItalic.otf"),
];

struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|bytes| Font::iter(Bytes::new(*bytes)))
            .collect();
        Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// One document's world: its single source file and nothing else.
struct Sandbox {
    main: Source,
}

impl World for Sandbox {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }
    /// No clock: the same input gives the same document.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// The most Typst source ctg lays out: some 500 pages, about 500 fiches
/// actions (a convention has a few dozen). Typst's memory grows with the
/// pages (0.9 GB for 1,000 fiches) and its time faster than the length of
/// a paragraph (42 s for one of 1 MB), so a bigger document is refused
/// before it starts rather than left to exhaust the machine.
pub const MAX_SOURCE: usize = 384 * 1024;

/// Compiles Typst source to PDF bytes. `ident` (the source's hash) makes
/// the PDF's identifier stable; no timestamp is written.
pub fn compile(source: String, ident: &str) -> Result<Vec<u8>, RenderError> {
    if source.len() > MAX_SOURCE {
        let (size, max) = (source.len().div_ceil(1024), MAX_SOURCE / 1024);
        return Err(RenderError::Typst(format!(
            "document trop long pour le PDF ({size} Ko de source Typst, {max} Ko au plus, environ 500 pages)\u{a0}: \
             imprimez-le en HTML (--format html) ou en Markdown (--format md)"
        )));
    }
    let path =
        VirtualPath::new("convention.typ").map_err(|e| RenderError::Typst(format!("{e:?}")))?;
    let id = FileId::new(RootedPath::new(VirtualRoot::Project, path));
    let world = Sandbox {
        main: Source::new(id, source),
    };
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| RenderError::Typst(explain(&world, &errors)))?;
    // PDF/A-2a: archivable and tagged for accessibility, as public bodies
    // are asked to publish, with the language the template sets.
    let standards = typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2a])
        .map_err(|e| RenderError::Typst(format!("{e:?}")))?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("ctg {}", env!("CARGO_PKG_VERSION")))),
        timestamp: None,
        standards,
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options)
        .map_err(|errors| RenderError::Typst(explain(&world, &errors)))
}

/// Typst's errors with the line of the generated source they concern, so a
/// template author can find them (`--format typ` is not offered; the line
/// and its text are shown).
fn explain(world: &Sandbox, errors: &[SourceDiagnostic]) -> String {
    let text = world.main.text();
    errors
        .iter()
        .map(|e| {
            let at = world
                .range(e.span)
                .map(|r| {
                    let line = text[..r.start].matches('\n').count() + 1;
                    let shown = text.lines().nth(line - 1).unwrap_or("").trim();
                    format!(" (source Typst, ligne {line}\u{a0}: {shown})")
                })
                .unwrap_or_default();
            // Typst's words for a refused read; ours say why.
            let why = if e.message.contains("access denied") {
                " — ctg ne donne à Typst accès à aucun fichier ni paquet\u{a0}: le modèle doit tout contenir"
            } else {
                ""
            };
            format!("Typst\u{a0}: {}{why}{at}", e.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}
