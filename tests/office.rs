//! `ctg render --format docx|odt`: the convention as a word-processing file,
//! checked as a reader finds it (the XML, read by `scripts/office-structure.py`
//! with Python's standard library), opened and printed by LibreOffice, and
//! edited and saved by LibreOffice through its Python bridge with its
//! bookmarks intact. LibreOffice (`libreoffice-writer-nogui`) and
//! `python3-uno` are Debian packages that `.ci/run` installs; a test that
//! needs them and finds them missing fails, saying so.

use crate::common::{ctg, tmp};
use camino::{Utf8Path, Utf8PathBuf};
use serde_json::Value;
use std::process::Command;

const REAL: [&str; 3] = [
    "conventions/nievre/bazois-2017.yaml",
    "conventions/pas-de-calais/grand-arras-2022.yaml",
    "conventions/vendee/sud-vendee-littoral-2019.yaml",
];

fn render(source: &str, format: &str, out: &Utf8Path) {
    let o = ctg(&["render", source, "--format", format, "-o", out.as_str()]);
    assert_eq!(o.code, 0, "{source} {format}: {}", o.stderr);
}

/// A program the test needs: its absence fails the test, loudly.
fn need(program: &str, package: &str) {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "{program} is missing: install the Debian package {package} (.ci/run does); this test is not skipped"
    );
}

/// What `scripts/office-structure.py` reads in a .docx or .odt.
fn structure(file: &Utf8Path) -> Value {
    need("python3", "python3");
    let o = Command::new("python3")
        .args(["scripts/office-structure.py", file.as_str()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// The node at a path such as `signataires[2].representants[0].nom`.
fn at<'v>(doc: &'v Value, path: &str) -> Option<&'v Value> {
    let mut v = doc;
    for segment in path.split('.') {
        let (key, index) = match segment.split_once('[') {
            Some((k, i)) => (k, Some(i.trim_end_matches(']').parse::<usize>().ok()?)),
            None => (segment, None),
        };
        v = v.get(key)?;
        if let Some(i) = index {
            v = v.get(i)?;
        }
    }
    Some(v)
}

/// Text compared as written: typographic apostrophes and no-break spaces
/// as typed.
fn plain(text: &str) -> String {
    text.replace('’', "'")
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_files_are_reproducible_zips() {
    let (_guard, dir) = tmp();
    for format in ["docx", "odt"] {
        let (a, b) = (
            dir.join(format!("a.{format}")),
            dir.join(format!("b.{format}")),
        );
        render(REAL[2], format, &a);
        render(REAL[2], format, &b);
        assert_eq!(
            std::fs::read(&a).unwrap(),
            std::fs::read(&b).unwrap(),
            "{format}"
        );
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&a).unwrap()).unwrap();
        for i in 0..zip.len() {
            let entry = zip.by_index(i).unwrap();
            let t = entry.last_modified().unwrap();
            assert_eq!(
                (t.year(), t.month(), t.day()),
                (1980, 1, 1),
                "{:?}",
                entry.name()
            );
            if format == "odt" && i == 0 {
                // ODF: `mimetype` first, stored, so a reader can sniff it.
                assert_eq!(entry.name().unwrap(), "mimetype");
                assert_eq!(entry.compression(), zip::CompressionMethod::Stored);
            }
        }
    }
    // Refused with errors, as the other formats.
    let out = dir.join("e.docx");
    let o = ctg(&[
        "render",
        "tests/fixtures/render/erreur.yaml",
        "--format",
        "docx",
        "-o",
        out.as_str(),
    ]);
    assert_eq!(o.code, 1);
    assert!(!out.exists());
}

#[test]
fn a_reader_finds_styles_header_rows_language_properties_and_anchors() {
    let (_guard, dir) = tmp();
    for source in REAL {
        let yaml = crate::schema::yaml_to_json(std::path::Path::new(source));
        let sha = ctg::render::sha256_hex(&std::fs::read(source).unwrap());
        for format in ["docx", "odt"] {
            let file = dir.join(format!("c.{format}"));
            render(source, format, &file);
            let s = structure(&file);
            let what = format!("{source} {format}");
            let headings: Vec<String> = s["headings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|h| h[0] == "Heading1" || h[0] == "1")
                .map(|h| h[1].as_str().unwrap().to_string())
                .collect();
            assert!(
                headings.iter().any(|h| h.starts_with("Article 1 — Objet")),
                "{what}: {headings:?}"
            );
            assert!(headings.iter().any(|h| h == "Signatures"), "{what}");
            assert!(
                s["header_rows"].as_u64().unwrap() >= 1,
                "{what}: the plan's header row repeats"
            );
            assert_eq!(s["language"], "fr-FR", "{what}");
            assert!(
                s["title"]
                    .as_str()
                    .unwrap()
                    .starts_with("Convention territoriale globale — "),
                "{what}"
            );
            assert_eq!(s["properties"]["ctg-source-sha256"], sha.as_str(), "{what}");
            // Every bookmark names a node of the source, and a name or a
            // title spans that node's text.
            let bookmarks = s["bookmarks"].as_object().unwrap();
            let mut paths = std::collections::BTreeSet::new();
            for (name, text) in bookmarks {
                let path = ctg::render::ancre::path_of_bookmark(name)
                    .unwrap_or_else(|| panic!("{what}: bookmark {name} is not ctg's"));
                let node = at(&yaml, &path)
                    .unwrap_or_else(|| panic!("{what}: {path} is not in the source"));
                if path.ends_with("intitule")
                    || path.ends_with("libelle")
                    || path.contains("representants")
                {
                    let written = node.as_str().map(plain).unwrap_or_default();
                    assert_eq!(plain(text.as_str().unwrap()), written, "{what}: {name}");
                }
                paths.insert(path);
            }
            // One anchor at least for every signatory, axis and action.
            for (list, field) in [
                ("signataires", "nom"),
                ("axes", "intitule"),
                ("actions", "intitule"),
            ] {
                for i in 0..yaml[list].as_array().unwrap().len() {
                    let path = format!("{list}[{i}].{field}");
                    assert!(paths.contains(&path), "{what}: no anchor for {path}");
                }
            }
        }
    }
}

/// The text LibreOffice prints from a file, and its page count.
fn printed_by_libreoffice(file: &Utf8Path, dir: &Utf8Path) -> (String, usize) {
    need("soffice", "libreoffice-writer-nogui");
    need("pdftotext", "poppler-utils");
    let profile = dir.join("profil");
    let o = Command::new("soffice")
        .args([
            "--headless",
            "--norestore",
            &format!("-env:UserInstallation=file://{profile}"),
            "--convert-to",
            "pdf",
            "--outdir",
            dir.as_str(),
            file.as_str(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = file.with_extension("pdf");
    let pages = crate::render::pdf_pages(&pdf);
    (pages.join("\n"), pages.len())
}

#[test]
fn libreoffice_opens_and_prints_the_real_conventions() {
    let (_guard, dir) = tmp();
    let expected: [&[&str]; 3] = [
        &[
            "La Caisse d'Assurance Retraite et de la Santé au Travail, représentée par M. Lebelle, Directeur, ci-après dénommée « la CARSAT » ;",
            "La Communauté de Communes du Bazois, représentée par Mme Dominique Joyeux, Présidente",
            "du 1er janvier 2017 au 31 décembre 2020",
            "Conseil Départemental de la Nièvre",
            "PROJET",
        ],
        &[
            "Communauté urbaine d'Arras et ses 46 communes",
            "La Commune de Willerval, dûment autorisée",
            "Recenser l'offre publique et privée pour les familles et la cartographier",
            "Organiser une journée de la jeunesse",
            "en 48 exemplaires originaux",
        ],
        &[
            "représentée par M. Michel Garnier, Président du conseil d'administration, et par Mme Sophie Morin, Directrice",
            "Fait à Luçon, en octobre 2019, en deux exemplaires originaux.",
            "Article 12 — Confidentialité",
            "Suivre l'offre et la demande d'accueil du jeune enfant",
            "Claire Bonnin",
        ],
    ];
    for (source, expected) in REAL.iter().zip(expected) {
        let mut counts = Vec::new();
        for format in ["docx", "odt"] {
            let file = dir.join(format!("c-{format}.{format}"));
            render(source, format, &file);
            let (text, pages) = printed_by_libreoffice(&file, &dir);
            for needle in expected {
                assert!(
                    crate::render::squeeze(&text).contains(&crate::render::squeeze(needle)),
                    "{source} {format}: « {needle} » not printed by LibreOffice"
                );
            }
            counts.push(pages);
        }
        if cfg!(feature = "pdf") {
            let pdf = dir.join("ctg.pdf");
            render(source, "pdf", &pdf);
            let ours = crate::render::pdf_pages(&pdf).len();
            for n in &counts {
                assert!(
                    n.abs_diff(ours) <= 4,
                    "{source}: {counts:?} pages against ctg's {ours}"
                );
            }
        }
    }
}

#[test]
fn the_anchors_survive_an_edit_and_a_save_in_libreoffice() {
    need("soffice", "libreoffice-writer-nogui");
    let uno = Command::new("/usr/bin/python3")
        .args(["-c", "import uno"])
        .output();
    assert!(
        uno.is_ok_and(|o| o.status.success()),
        "python3-uno is missing: install the Debian package python3-uno (.ci/run does); this test is not skipped"
    );
    let (_guard, dir) = tmp();
    for format in ["docx", "odt"] {
        let file = dir.join(format!("c.{format}"));
        render(REAL[2], format, &file);
        let before = structure(&file);
        let out: Utf8PathBuf = dir.join(format!("relu-{format}"));
        let o = Command::new("/usr/bin/python3")
            .args([
                "scripts/office-roundtrip.py",
                file.as_str(),
                out.as_str(),
                "ctg_S0_n_2",
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        for saved in ["docx", "odt"] {
            let after = structure(&out.with_extension(saved));
            let names = |s: &Value| {
                s["bookmarks"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
            };
            assert_eq!(names(&after), names(&before), "{format} saved as {saved}");
            // The edit inside the anchor is in it; the edit outside is not.
            assert_eq!(
                after["bookmarks"]["ctg_S0_n_2"],
                "Caisse relue d’allocations familiales de la Vendée",
                "{format} saved as {saved}"
            );
            assert!(!after["bookmarks"]
                .as_object()
                .unwrap()
                .values()
                .any(|t| t.as_str().unwrap().contains("texte du modèle relu")));
            assert_eq!(
                after["properties"]["ctg-source-sha256"], before["properties"]["ctg-source-sha256"],
                "{format} saved as {saved}"
            );
        }
    }
}

/// A Caf's own Word file as a reference: its styles, under its own ids
/// (a French Word calls "heading 1" `Titre1`), with ctg's it lacks.
#[test]
fn a_reference_docx_gives_its_styles() {
    use std::io::{Read, Write};
    let (_guard, dir) = tmp();
    let ours = dir.join("ours.docx");
    render(REAL[2], "docx", &ours);
    // The Caf's file: ctg's own, its heading 1 renamed and in another font.
    let reference = dir.join("modele-caf.docx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&ours).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(&reference).unwrap());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut text = Vec::new();
        entry.read_to_end(&mut text).unwrap();
        if name == "word/styles.xml" {
            let styles = String::from_utf8(text).unwrap();
            let styles = styles
                .replace("w:styleId=\"Heading1\"", "w:styleId=\"Titre1\"")
                .replace("Liberation Serif", "Marianne");
            assert!(styles.contains("Titre1"));
            text = styles.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&text).unwrap();
    }
    out.finish().unwrap();
    let file = dir.join("c.docx");
    let o = ctg(&[
        "render",
        REAL[2],
        "--format",
        "docx",
        "--reference",
        reference.as_str(),
        "-o",
        file.as_str(),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let (document, styles) = (part("word/document.xml"), part("word/styles.xml"));
    assert!(document.contains(
        "<w:pStyle w:val=\"Titre1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Les parties"
    ));
    assert!(!document.contains("w:val=\"Heading1\""));
    assert!(styles.contains("Marianne") && styles.contains("w:styleId=\"Partie\""));
    // Only a .docx gives styles, and only to a .docx.
    let o = ctg(&[
        "render",
        REAL[2],
        "--format",
        "odt",
        "--reference",
        reference.as_str(),
        "-o",
        dir.join("x.odt").as_str(),
    ]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("--reference donne les styles d'un .docx"),
        "{}",
        o.stderr
    );
    let o = ctg(&[
        "render",
        REAL[2],
        "--format",
        "docx",
        "--reference",
        REAL[2],
        "-o",
        dir.join("x.docx").as_str(),
    ]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("n'est pas un fichier .docx lisible"),
        "{}",
        o.stderr
    );
    // Never written over.
    let o = ctg(&[
        "render",
        REAL[2],
        "--format",
        "docx",
        "--reference",
        reference.as_str(),
        "-o",
        reference.as_str(),
    ]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    // And LibreOffice opens what it gives.
    let (text, _) = printed_by_libreoffice(&file, &dir);
    assert!(crate::render::squeeze(&text)
        .contains(&crate::render::squeeze("Article 12 — Confidentialité")));
}
