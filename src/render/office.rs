//! The convention as a word-processing file: a .docx (WordprocessingML) or
//! an .odt (OpenDocument), each a zip of XML parts. The parts that carry the
//! document — its body, styles, header, footer and properties — come from
//! templates like the other formats (`convention.docx.xml`, `docx-*.xml`,
//! `convention.odt.xml`, `odt-*.xml`), so a repository can replace them; the
//! package's fixed parts (content types, relationships, manifest) are here.
//!
//! The zip is written with its entries in a fixed order and dated 1 January
//! 1980, so the same convention gives the same bytes.

use super::ancre::{self, Piece};
use super::typo::{self, Markup};
use super::RenderError;
use std::collections::HashMap;
use std::io::Write;

/// The bookmarks a document has written so far: Word wants each a number,
/// and both formats a unique name (the path and its occurrence).
#[derive(Default)]
pub struct Anchors {
    next_id: usize,
    seen: HashMap<String, usize>,
}

impl Anchors {
    /// A value as the markup's text, its marked passages as bookmarks. In a
    /// .docx the value sits inside `<w:r><w:t>`: a bookmark closes the run
    /// and opens another (`bold` ones when the value is bold).
    pub fn text(&mut self, markup: Markup, value: &str, bold: bool) -> String {
        let mut out = String::with_capacity(value.len() + 64);
        let reopen = if bold {
            "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">"
        } else {
            "<w:r><w:t xml:space=\"preserve\">"
        };
        if bold && markup == Markup::Docx {
            out.push_str("</w:t></w:r>");
            out.push_str(reopen);
        }
        let mut open: Vec<(usize, String)> = Vec::new();
        for piece in ancre::pieces(value) {
            match (piece, markup) {
                (Piece::Text(t), _) => out.push_str(&typo::escape(markup, t)),
                (Piece::Start(path), Markup::Docx) => {
                    let (id, name) = self.new_bookmark(path);
                    out.push_str(&format!(
                        "</w:t></w:r><w:bookmarkStart w:id=\"{id}\" w:name=\"{name}\"/>{reopen}"
                    ));
                    open.push((id, name));
                }
                (Piece::Start(path), _) => {
                    let (id, name) = self.new_bookmark(path);
                    out.push_str(&format!("<text:bookmark-start text:name=\"{name}\"/>"));
                    open.push((id, name));
                }
                (Piece::End, _) => {
                    if let Some((id, name)) = open.pop() {
                        out.push_str(&close(markup, id, &name, reopen));
                    }
                }
            }
        }
        while let Some((id, name)) = open.pop() {
            out.push_str(&close(markup, id, &name, reopen));
        }
        if bold && markup == Markup::Docx {
            out.push_str("</w:t></w:r><w:r><w:t xml:space=\"preserve\">");
        }
        out
    }

    fn new_bookmark(&mut self, path: &str) -> (usize, String) {
        self.next_id += 1;
        let n = self.seen.entry(path.to_string()).or_insert(0);
        *n += 1;
        (self.next_id, ancre::bookmark_name(path, *n))
    }
}

fn close(markup: Markup, id: usize, name: &str, reopen: &str) -> String {
    match markup {
        Markup::Docx => format!("</w:t></w:r><w:bookmarkEnd w:id=\"{id}\"/>{reopen}"),
        _ => format!("<text:bookmark-end text:name=\"{name}\"/>"),
    }
}

/// The parts of a .docx that no template gives.
const DOCX_FIXED: &[(&str, &str)] = &[
    (
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>"#,
    ),
    (
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>"#,
    ),
    (
        "word/_rels/document.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rIdEntete" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdEntetePremiere" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/><Relationship Id="rIdPied" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#,
    ),
    (
        "word/settings.xml",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:autoHyphenation/><w:defaultTabStop w:val="709"/><w:characterSpacingControl w:val="doNotCompress"/><w:themeFontLang w:val="fr-FR"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#,
    ),
    (
        "word/numbering.xml",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="284"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
    ),
    (
        "docProps/app.xml",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>ctg</Application></Properties>"#,
    ),
];

/// The templates of a .docx, by the part they give.
pub const DOCX_PARTS: &[(&str, &str)] = &[
    ("word/styles.xml", "docx-styles.xml"),
    ("word/header1.xml", "docx-header.xml"),
    ("word/header2.xml", "docx-header-first.xml"),
    ("word/footer1.xml", "docx-footer.xml"),
    ("docProps/core.xml", "docx-core.xml"),
    ("docProps/custom.xml", "docx-custom.xml"),
];

/// The templates of an .odt, by the part they give.
pub const ODT_PARTS: &[(&str, &str)] = &[
    ("styles.xml", "odt-styles.xml"),
    ("meta.xml", "odt-meta.xml"),
];

const ODT_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// The styles of a Caf's own Word file (`--reference`, as pandoc's
/// `--reference-doc`): its `word/styles.xml`, read from the .docx.
pub struct Reference {
    styles: String,
}

/// The largest reference .docx read, and its largest styles part: a Word
/// file's styles are some 50 kB.
const MAX_REFERENCE: u64 = 32 * 1024 * 1024;
const MAX_STYLES: u64 = 8 * 1024 * 1024;

impl Reference {
    /// The styles of a .docx; the error says why in French.
    pub fn read(path: &camino::Utf8Path) -> Result<Reference, String> {
        use std::io::Read;
        let bytes = crate::load::read_bounded(path, MAX_REFERENCE)
            .map_err(|e| {
                crate::diagnostic::io_message(&e, crate::diagnostic::Lang::Fr).to_string()
            })?
            .map_err(|size| {
                crate::diagnostic::io_message(
                    &crate::load::too_large(size, MAX_REFERENCE),
                    crate::diagnostic::Lang::Fr,
                )
                .to_string()
            })?;
        let not_docx = || format!("« {path} » n'est pas un fichier .docx lisible");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| not_docx())?;
        let entry = zip.by_name("word/styles.xml").map_err(|_| not_docx())?;
        let mut styles = String::new();
        entry
            .take(MAX_STYLES)
            .read_to_string(&mut styles)
            .map_err(|_| not_docx())?;
        if !styles.contains("</w:styles>") {
            return Err(not_docx());
        }
        Ok(Reference { styles })
    }

    /// The reference's styles with ours it lacks added, and the new ids of
    /// ours it has under another id (a French Word calls "heading 1"
    /// `Titre1`). Matched by style name, which Word keeps in English.
    fn merge(&self, ours: &str) -> (String, Vec<(String, String)>) {
        let theirs = styles_by_name(&self.styles);
        let mut added = String::new();
        let mut renamed = Vec::new();
        for (id, name, xml) in styles_of(ours) {
            // Our bullets use our numbering: the list style stays ours,
            // under an id of its own.
            if name.eq_ignore_ascii_case("List Bullet") {
                let own = "CtgListe".to_string();
                added.push_str(&xml.replace(
                    &format!("w:styleId=\"{id}\""),
                    &format!("w:styleId=\"{own}\""),
                ));
                renamed.push((id, own));
                continue;
            }
            match theirs.get(&name.to_lowercase()) {
                Some(their_id) if *their_id != id => renamed.push((id, their_id.clone())),
                Some(_) => {}
                None if !theirs.values().any(|v| *v == id) => added.push_str(&xml),
                None => {}
            }
        }
        let at = self
            .styles
            .rfind("</w:styles>")
            .unwrap_or(self.styles.len());
        let merged = format!("{}{added}{}", &self.styles[..at], &self.styles[at..]);
        (merged, renamed)
    }
}

/// The styles of a styles part: (id, name, the whole `<w:style>` element).
fn styles_of(xml: &str) -> Vec<(String, String, String)> {
    let attr = |el: &str, key: &str| {
        let start = el.find(&format!("{key}=\""))? + key.len() + 2;
        let end = el[start..].find('"')? + start;
        Some(el[start..end].to_string())
    };
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:style ") {
        let Some(len) = rest[i..].find("</w:style>") else {
            break;
        };
        let el = &rest[i..i + len + "</w:style>".len()];
        let name = el.find("<w:name ").and_then(|n| attr(&el[n..], "w:val"));
        if let (Some(id), Some(name)) = (attr(el, "w:styleId"), name) {
            out.push((id, name, el.to_string()));
        }
        rest = &rest[i + len..];
    }
    out
}

fn styles_by_name(xml: &str) -> HashMap<String, String> {
    styles_of(xml)
        .into_iter()
        .map(|(id, name, _)| (name.to_lowercase(), id))
        .collect()
}

/// The .docx package: the body, the templated parts, the fixed ones; with
/// a reference, its styles (and ours it lacks), our style ids renamed to
/// its own where a style of the same name has another id.
pub fn docx(
    body: String,
    mut parts: Vec<(&str, String)>,
    reference: Option<&Reference>,
) -> Result<Vec<u8>, RenderError> {
    let mut body = body;
    if let Some(reference) = reference {
        if let Some(styles) = parts.iter_mut().find(|(n, _)| *n == "word/styles.xml") {
            let (merged, renamed) = reference.merge(&styles.1);
            styles.1 = merged;
            let rename = |xml: &str| {
                let mut xml = xml.to_string();
                for (ours, theirs) in &renamed {
                    for tag in ["w:pStyle", "w:tblStyle"] {
                        xml = xml.replace(
                            &format!("<{tag} w:val=\"{ours}\"/>"),
                            &format!("<{tag} w:val=\"{theirs}\"/>"),
                        );
                    }
                }
                xml
            };
            body = rename(&body);
            for (name, text) in parts.iter_mut() {
                if name.starts_with("word/header") || name.starts_with("word/footer") {
                    *text = rename(text);
                }
            }
        }
    }
    let mut entries: Vec<(&str, Vec<u8>, bool)> =
        vec![("word/document.xml", body.into_bytes(), true)];
    entries.extend(parts.into_iter().map(|(n, t)| (n, t.into_bytes(), true)));
    entries.extend(
        DOCX_FIXED
            .iter()
            .map(|(n, t)| (*n, t.as_bytes().to_vec(), true)),
    );
    // Word reads any order; a fixed one keeps the bytes stable.
    entries.sort_by_key(|(n, _, _)| match *n {
        "[Content_Types].xml" => (0, *n),
        _ => (1, *n),
    });
    zip(entries)
}

/// The .odt package: `mimetype` first and stored, as ODF requires.
pub fn odt(content: String, parts: Vec<(&str, String)>) -> Result<Vec<u8>, RenderError> {
    let mut entries: Vec<(&str, Vec<u8>, bool)> = vec![
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.text".to_vec(),
            false,
        ),
        (
            "META-INF/manifest.xml",
            ODT_MANIFEST.as_bytes().to_vec(),
            true,
        ),
        ("content.xml", content.into_bytes(), true),
    ];
    entries.extend(parts.into_iter().map(|(n, t)| (n, t.into_bytes(), true)));
    zip(entries)
}

/// A zip of the entries in their order, each dated 1 January 1980 and
/// deflated unless told to be stored.
pub(super) fn zip(entries: Vec<(&str, Vec<u8>, bool)>) -> Result<Vec<u8>, RenderError> {
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;
    let fail = |e: &dyn std::fmt::Display| RenderError::Template(format!("archive : {e}"));
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes, deflate) in entries {
        let method = if deflate {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        writer.start_file(name, options).map_err(|e| fail(&e))?;
        writer.write_all(&bytes).map_err(|e| fail(&e))?;
    }
    let cursor = writer.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_gives_its_styles_and_its_ids() {
        let ours = r#"<w:styles><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Partie"><w:name w:val="Partie"/></w:style></w:styles>"#;
        let theirs = Reference {
            styles: r#"<w:styles><w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/><w:rPr><w:rFonts w:ascii="Marianne"/></w:rPr></w:style></w:styles>"#.to_string(),
        };
        let (merged, renamed) = theirs.merge(ours);
        assert_eq!(renamed, [("Heading1".to_string(), "Titre1".to_string())]);
        assert!(merged.contains("Marianne") && merged.contains("w:styleId=\"Partie\""));
        assert!(!merged.contains("w:styleId=\"Heading1\""));
    }

    #[test]
    fn anchors_become_bookmarks_between_runs() {
        let mut a = Anchors::default();
        let value = format!("La {} signe", ancre::mark("signataires[0].nom", "Caf & co"));
        assert_eq!(
            a.text(Markup::Docx, &value, false),
            "La </w:t></w:r><w:bookmarkStart w:id=\"1\" w:name=\"ctg_S0_n_1\"/><w:r><w:t xml:space=\"preserve\">Caf &amp; co</w:t></w:r><w:bookmarkEnd w:id=\"1\"/><w:r><w:t xml:space=\"preserve\"> signe"
        );
        // The same node printed again: the next occurrence.
        assert_eq!(
            a.text(Markup::Odt, &value, false),
            "La <text:bookmark-start text:name=\"ctg_S0_n_2\"/>Caf &amp; co<text:bookmark-end text:name=\"ctg_S0_n_2\"/> signe"
        );
    }
}
