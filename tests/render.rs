//! `ctg render`: the documents, their typography, escaping, refusals and
//! reproducibility. PDFs are read back with `pdftotext` (poppler-utils).

use crate::common::{ctg, ctg_exits, render_md, tmp};
use camino::{Utf8Path, Utf8PathBuf};
use std::process::Command;

const TITLE: &str = "# $x$ [a](b) *c* @d | <b>e</b>";
const PILOTE: &str = r#"#eval("1+1") ` <script>alert(1)</script> \ // fin"#;

/// Renders `source` to `out`; returns the exit code and stderr.
fn render(source: &str, format: &str, out: &Utf8Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["render", source, "--format", format, "-o", out.as_str()];
    args.extend_from_slice(extra);
    let o = ctg(&args);
    (o.code, o.stderr)
}

/// The text of a PDF, one string per page.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub(crate) fn pdf_pages(pdf: &Utf8Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args([pdf.as_str(), "-"])
        .output()
        .expect("pdftotext (Debian package poppler-utils) is needed by the render tests");
    assert!(out.status.success(), "pdftotext failed on {pdf}");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Text compared across line breaks and hyphenation: no spaces, no
/// hyphens, typographic apostrophes as straight ones.
pub(crate) fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}')
        .map(|c| if c == '’' { '\'' } else { c })
        .collect()
}

fn assert_shows(haystack: &str, needle: &str, what: &str) {
    assert!(
        squeeze(haystack).contains(&squeeze(needle)),
        "{what}: « {needle} » not found"
    );
}

/// The conventions of `conventions/` (not the SDSF referentials).
fn bundled() -> Vec<Utf8PathBuf> {
    let found: Vec<Utf8PathBuf> = crate::common::yaml_files("conventions")
        .into_iter()
        .map(|p| Utf8PathBuf::from_path_buf(p).unwrap())
        .filter(|p| !p.starts_with("conventions/sdsf"))
        .filter(|p| {
            !std::fs::read_to_string(p)
                .unwrap()
                .contains("\ndocument: modele\n")
        })
        .collect();
    assert_eq!(found.len(), 7);
    found
}

/// Signatories, representatives and action titles, read from the YAML the
/// simple way (one `key: value` per line), to check the PDF against.
fn expected_names(yaml: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut section = "";
    for line in yaml.lines() {
        if !line.starts_with(' ') && line.contains(':') {
            section = line.split(':').next().unwrap();
        }
        let item = line.trim_start().trim_start_matches("- ");
        let value = |key: &str| {
            item.strip_prefix(key).map(|v| {
                v.split(" #")
                    .next()
                    .unwrap()
                    .trim()
                    .trim_matches('"')
                    .to_string()
            })
        };
        match section {
            "signataires" => names.extend(value("nom: ")),
            "actions" => names.extend(value("intitule: ")),
            _ => {}
        }
    }
    assert!(names.len() > 4, "names read from the YAML: {names:?}");
    names
}

/// The document formats of this build: PDF only with the `pdf` feature
/// (`cargo test --no-default-features` runs the rest).
const FORMATS: &[&str] = if cfg!(feature = "pdf") {
    &["md", "html", "pdf"]
} else {
    &["md", "html"]
};

#[test]
fn every_bundled_convention_renders_in_three_formats() {
    let (_guard, dir) = tmp();
    for source in bundled() {
        let stem = source.file_stem().unwrap();
        for &format in FORMATS {
            let out = dir.join(format!("{stem}.{format}"));
            let (code, stderr) = render(source.as_str(), format, &out, &[]);
            assert_eq!(code, 0, "{source} → {format}: {stderr}");
            assert!(stderr.starts_with("Écrit"), "{stderr}");
            assert!(std::fs::metadata(&out).unwrap().len() > 1000);
        }
        if !cfg!(feature = "pdf") {
            continue;
        }
        let pages = pdf_pages(&dir.join(format!("{stem}.pdf")));
        let text = pages.join("\n");
        let yaml = std::fs::read_to_string(&source).unwrap();
        for name in expected_names(&yaml) {
            assert_shows(&text, &name, source.as_str());
        }
        // The period in long French form, on the title page.
        let debut = yaml
            .lines()
            .find_map(|l| l.trim().strip_prefix("debut: 20"))
            .unwrap();
        let fin = yaml
            .lines()
            .find_map(|l| l.trim().strip_prefix("fin: 20"))
            .unwrap();
        // A start known to the year only ("debut: 2022") is said so.
        let period = if debut.as_bytes().get(2) == Some(&b'-') {
            format!(
                "du 1er janvier 20{} au 31 décembre 20{}",
                &debut[..2],
                &fin[..2]
            )
        } else {
            format!("de 20{} au 31 décembre 20{}", &debut[..2], &fin[..2])
        };
        assert_shows(&pages[0], &period, source.as_str());
        // The parties are named as such.
        assert_shows(&text, "ci-après dénommée « la Caf »", source.as_str());
        for header in [
            // Titles of the built-in model and of the Caf de la Vendée's.
            "Article 1 — Objet de la convention",
            "— Durée",
            "Signatures",
            "Fiche action",
        ] {
            assert_shows(&text, header, source.as_str());
        }
    }
}

#[test]
#[cfg(feature = "pdf")]
fn the_pdf_names_representatives_and_signs_with_one_block_each() {
    let (_guard, dir) = tmp();
    let out = dir.join("c.pdf");
    let (code, stderr) = render("tests/fixtures/render/complete.yaml", "pdf", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let pages = pdf_pages(&out);
    let text = pages.join("\n");
    for who in [
        "Caf des Vosges, représentée par Claire Martin, Présidente du conseil d'administration, et par Paul Durand, Directeur, dûment autorisés à signer la présente convention par délibération du conseil d'administration du 8 novembre 2022, ci-après dénommée « la Caf »",
        "Conseil départemental des Vosges, représenté par Anne Petit, Présidente",
        "ci-après dénommé « le Département »",
    ] {
        assert_shows(&text, who, "parties");
    }
    let signatures = pages
        .iter()
        .find(|p| p.contains("Fait à"))
        .expect("a signature page");
    assert_shows(
        signatures,
        "Fait à Remiremont, le 15 décembre 2022",
        "signature page",
    );
    // The Caf signs twice, in one block that keeps its representatives
    // together.
    assert_eq!(
        signatures.matches("Caf des Vosges").count(),
        1,
        "{signatures}"
    );
    for name in ["Claire Martin", "Paul Durand", "Jean Morel", "Anne Petit"] {
        assert_shows(signatures, name, "signature page");
    }
    // The running header names the territory and the period from page 2.
    assert!(pages[1].contains("CCPVM") && pages[1].contains("2023–2027"));
    assert!(pages
        .last()
        .unwrap()
        .contains(&format!("Page {} sur {}", pages.len(), pages.len())));
}

#[test]
fn french_typography_and_labels() {
    let (_guard, dir) = tmp();
    let out = dir.join("c.md");
    let (code, stderr) = render("tests/fixtures/render/complete.yaml", "md", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let md = std::fs::read_to_string(&out).unwrap();
    for expected in [
        // A date is not cut between its day and its month.
        "du 1er\u{a0}janvier 2023 au 31\u{a0}décembre 2027",
        "29\u{202f}826 habitants",
        "250\u{202f}000\u{a0}€",
        "«\u{202f}la Caf\u{202f}»",
        "délibération du conseil communautaire du 12\u{a0}octobre 2022",
        "conclue pour cinq ans",
        "Accès aux droits",
        "| Petite enfance |",
        "de septembre 2023 à 2025",
        "Il est convenu et arrêté ce qui suit\u{a0}:",
        "d’accueil",
    ] {
        assert!(
            md.contains(expected),
            "« {expected} » missing from the Markdown"
        );
    }
    // Champs by their labels, never their keys.
    assert!(!md.contains("petite_enfance") && !md.contains("acces_aux_droits"));
    // No ordinary space before high punctuation, anywhere.
    for bad in [" :", " ;", " !", " ?", "« ", " »"] {
        assert!(!md.contains(bad), "« {bad} » in the Markdown");
    }
}

/// The text of a Markdown document as a CommonMark reader shows it, and the
/// cells of its tables, row by row.
fn markdown_text(md: &str) -> (String, Vec<Vec<String>>) {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut text = String::new();
    let mut rows = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableRow | Tag::TableHead) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let c = cell.take().unwrap();
                rows.last_mut().unwrap().push(c);
            }
            Event::Text(t) | Event::Code(t) => {
                text.push_str(&t);
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            // The provenance comment is the only HTML there may be.
            Event::Html(h) if h.starts_with("<!-- ctg ") => {}
            Event::Html(h) | Event::InlineHtml(h) => panic!("user text became HTML: {h}"),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push('\n'),
            _ => {}
        }
    }
    (text, rows)
}

#[test]
fn hostile_titles_print_literally_in_markdown() {
    let (_guard, dir) = tmp();
    let out = dir.join("a.md");
    let (code, stderr) = render("tests/fixtures/render/adversarial.yaml", "md", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let md = std::fs::read_to_string(&out).unwrap();
    let (text, rows) = markdown_text(&md);
    assert!(
        text.lines().any(|l| l == TITLE),
        "title not literal:\n{text}"
    );
    // The plan's table keeps five cells per row, with the title whole.
    let row = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "1.1"))
        .expect("row 1.1");
    assert_eq!(row.len(), 5, "{row:?}");
    assert_eq!(row[1], TITLE);
    assert!(
        rows.iter().any(|r| r.iter().any(|c| c == PILOTE)),
        "{rows:?}"
    );
}

#[test]
fn hostile_titles_print_literally_in_html() {
    let (_guard, dir) = tmp();
    let out = dir.join("a.html");
    let (code, stderr) = render("tests/fixtures/render/adversarial.yaml", "html", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<h1># $x$ [a](b) *c* @d | &lt;b&gt;e&lt;/b&gt;</h1>"));
    assert!(!html.contains("<b>") && !html.contains("<script>"));
    assert!(
        html.contains("#eval(&quot;1+1&quot;) ` &lt;script&gt;alert(1)&lt;/script&gt; \\ // fin")
    );
}

#[test]
#[cfg(feature = "pdf")]
fn hostile_titles_print_literally_in_pdf() {
    let (_guard, dir) = tmp();
    let out = dir.join("a.pdf");
    let (code, stderr) = render("tests/fixtures/render/adversarial.yaml", "pdf", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let pages = pdf_pages(&out);
    // On the title page, in the fiche and in the plan's table (whose
    // Action column is wide enough for it), character for character.
    assert!(pages[0].lines().any(|l| l.trim() == TITLE), "{}", pages[0]);
    let text = pages.join("\n");
    assert!(
        text.lines()
            .any(|l| l.trim() == format!("Fiche action 1.1 — {TITLE}")),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.trim() == format!("1.1 {TITLE}")),
        "{text}"
    );
    // The pilote printed as written: its `#eval("1+1")` did not run.
    assert!(text.lines().any(|l| l.trim() == PILOTE), "{text}");
}

#[test]
fn renders_are_byte_identical_and_record_version_and_source_hash() {
    let (_guard, dir) = tmp();
    let source = "tests/fixtures/render/complete.yaml";
    let sha = ctg::render::sha256_hex(&std::fs::read(source).unwrap());
    for &format in FORMATS {
        let (a, b) = (
            dir.join(format!("a.{format}")),
            dir.join(format!("b.{format}")),
        );
        assert_eq!(render(source, format, &a, &[]).0, 0);
        assert_eq!(render(source, format, &b, &[]).0, 0);
        let (a, b) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
        assert!(a == b, "two {format} renders differ");
        if format != "pdf" {
            let text = String::from_utf8(a).unwrap();
            let comment = format!(
                "<!-- ctg {} · source complete.yaml · sha256 {sha} -->",
                env!("CARGO_PKG_VERSION")
            );
            assert!(text.contains(&comment), "{format}: no provenance comment");
        }
    }
    if !cfg!(feature = "pdf") {
        return;
    }
    let info = Command::new("pdfinfo")
        .arg(dir.join("a.pdf"))
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains(&format!("source-sha256={sha}")), "{info}");
    assert!(
        info.contains(&format!(
            "Creator:         ctg {}",
            env!("CARGO_PKG_VERSION")
        )),
        "{info}"
    );
    // PDF/A needs a date: the signature's (15 December 2022), never the
    // clock's, so two renders are the same bytes.
    assert!(
        info.contains("CreationDate:    Thu Dec 15 00:00:00 2022 UTC"),
        "{info}"
    );
    // The reader's title is the convention's own.
    assert!(
        info.contains("Title:           Convention territoriale globale — Communauté de Communes de la Porte des Vosges Méridionales — 2023–2027"),
        "{info}"
    );
    // PDF/A-2a, in French, declared in the XMP metadata.
    let meta = Command::new("pdfinfo")
        .args(["-meta"])
        .arg(dir.join("a.pdf"))
        .output()
        .unwrap();
    let meta = String::from_utf8_lossy(&meta.stdout);
    for declared in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>A</pdfaid:conformance>",
        "<dc:language><rdf:Bag><rdf:li>fr-FR</rdf:li>",
    ] {
        assert!(meta.contains(declared), "{declared} not in {meta}");
    }
}

#[test]
fn a_convention_with_errors_is_refused_unless_brouillon() {
    let (_guard, dir) = tmp();
    let source = "tests/fixtures/render/erreur.yaml";
    for &format in FORMATS {
        let out = dir.join(format!("e.{format}"));
        let (code, stderr) = render(source, format, &out, &[]);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("CTG402"), "{stderr}");
        assert!(
            stderr.contains("1 erreur : rien n'est écrit sans --brouillon"),
            "{stderr}"
        );
        assert!(!out.exists(), "{format} written despite the error");
    }
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "no temp file left"
    );

    if cfg!(feature = "pdf") {
        let out = dir.join("e.pdf");
        let (code, stderr) = render(source, "pdf", &out, &["--brouillon"]);
        assert_eq!(code, 0, "{stderr}");
        assert!(stderr.contains("PROJET, 1 erreur"), "{stderr}");
        let pages = pdf_pages(&out);
        assert!(pages.len() >= 5);
        for (n, page) in pages.iter().enumerate() {
            assert!(
                page.contains("PROJET"),
                "page {} lacks PROJET:\n{page}",
                n + 1
            );
        }
    }
    for format in ["md", "html"] {
        let out = dir.join(format!("e.{format}"));
        assert_eq!(render(source, format, &out, &["--brouillon"]).0, 0);
        assert!(std::fs::read_to_string(&out).unwrap().contains("PROJET"));
    }
}

#[test]
fn a_file_that_is_not_a_convention_is_refused_even_as_brouillon() {
    let (_guard, dir) = tmp();
    let out = dir.join("x.md");
    let o = ctg_exits(
        &[
            "render",
            "tests/fixtures/schema/CTG001.yaml",
            "-o",
            out.as_str(),
            "--brouillon",
        ],
        1,
    );
    assert!(o
        .stderr
        .contains("le fichier ne peut pas être lu comme une convention"));
    let o = ctg_exits(
        &[
            "render",
            "conventions/sdsf/88-vosges-2021.yaml",
            "-o",
            out.as_str(),
        ],
        2,
    );
    assert!(
        o.stderr.contains("c'est un référentiel SDSF"),
        "{}",
        o.stderr
    );
    ctg_exits(&["render", "absent.yaml", "-o", out.as_str()], 2);
    assert!(!out.exists());
}

/// A copy of the complete example and its referential in a fresh folder.
fn copy_example(dir: &Utf8Path) -> Utf8PathBuf {
    crate::common::beside_referential(dir, "tests/fixtures/render/complete.yaml", "complete.yaml")
}

#[test]
fn default_output_beside_the_source_and_never_over_it() {
    let (_guard, dir) = tmp();
    let source = copy_example(&dir);
    let before = std::fs::read(&source).unwrap();
    ctg_exits(&["render", source.as_str(), "--format", "html"], 0);
    assert!(dir.join("render/complete.html").is_file());
    ctg_exits(&["render", source.as_str()], 0);
    let default = ctg::render::DEFAULT_FORMAT.extension();
    assert!(
        dir.join(format!("render/complete.{default}")).is_file(),
        "{default} is the default format"
    );

    // The source itself, by another spelling of its path: refused.
    let other = dir.join("render/../render/complete.yaml");
    let o = render_md(source.as_str(), &other, &[], 2);
    assert!(
        o.stderr
            .contains("c'est un fichier que la commande lit : ctg ne l'écrase pas"),
        "{}",
        o.stderr
    );
    assert_eq!(std::fs::read(&source).unwrap(), before);
    // Only the documents and the sources in the folder: no temp file left.
    let mut names: Vec<String> = std::fs::read_dir(dir.join("render"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let expected: &[&str] = if cfg!(feature = "pdf") {
        &["complete.html", "complete.pdf", "complete.yaml"]
    } else {
        &["complete.html", "complete.yaml"]
    };
    assert_eq!(names, expected);
}

#[test]
fn an_existing_document_is_replaced_whole() {
    let (_guard, dir) = tmp();
    let out = dir.join("c.md");
    std::fs::write(&out, "ancienne version\n".repeat(10_000)).unwrap();
    assert_eq!(
        render("tests/fixtures/render/complete.yaml", "md", &out, &[]).0,
        0
    );
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("<!-- ctg ") && !md.contains("ancienne version"));
}

#[test]
fn user_templates_replace_the_built_in_ones() {
    let (_guard, dir) = tmp();
    let source = "tests/fixtures/render/complete.yaml";
    // --templates DIR: a file of the same name wins; the others stay built in.
    std::fs::write(
        dir.join("convention.md"),
        std::fs::read_to_string("templates/convention.md")
            .unwrap()
            .replace("## Les parties", "## Entre les parties"),
    )
    .unwrap();
    let out = dir.join("c.md");
    render_md(source, &out, &["--templates", dir.as_str()], 0);
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("## Entre les parties"));

    // --template FILE: the main template, escaping still on.
    let main = dir.join("court.md");
    std::fs::write(&main, "{{ d.territoire.nom }} : {{ d.actions|length }} actions, « {{ d.signataires[0].alias }} »\n").unwrap();
    render_md(
        "tests/fixtures/render/adversarial.yaml",
        &out,
        &["--template", main.as_str()],
        0,
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "Communauté de Communes de la Porte des Vosges Méridionales\u{a0}: 4 actions, «\u{202f}Caf des Vosges\u{202f}»\n"
    );

    // A broken template: the file and line, exit 2, nothing written.
    std::fs::write(&main, "ligne 1\n{{ d.territoire.nom }\n").unwrap();
    let out = dir.join("broken.md");
    let o = render_md(source, &out, &["--template", main.as_str()], 2);
    assert!(o.stderr.contains("court.md, ligne 2"), "{}", o.stderr);
    assert!(!out.exists());
    // A misspelt variable is an error, not a blank in a signed document.
    std::fs::write(&main, "{{ d.territoire.nomm }}\n").unwrap();
    render_md(source, &out, &["--template", main.as_str()], 2);
}

#[test]
fn markdown_to_standard_output() {
    let o = ctg_exits(
        &[
            "render",
            "tests/fixtures/render/complete.yaml",
            "--format",
            "md",
            "-o",
            "-",
        ],
        0,
    );
    assert!(o.stdout.contains("## Annexe 1 — Fiches actions"));
}

#[test]
#[cfg(feature = "pdf")]
fn a_long_plan_splits_across_pages_with_its_header_and_whole_rows() {
    let (_guard, dir) = tmp();
    let source = copy_example(&dir);
    let mut yaml = std::fs::read_to_string(&source).unwrap();
    for n in 1..=60 {
        yaml.push_str(&format!(
            "  - id: \"9.{n}\"\n    axe: A2\n    intitule: Action supplémentaire numéro {n} pour remplir le plan d'actions sur plusieurs pages\n    champ: jeunesse\n    pilote: CCPVM\n    indicateurs:\n      - {{ libelle: Jeunes accueillis, cible: {n} }}\n"
        ));
    }
    std::fs::write(&source, yaml).unwrap();
    let out = dir.join("long.pdf");
    let (code, stderr) = render(source.as_str(), "pdf", &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let pages = pdf_pages(&out);
    let plan_end = pages.iter().position(|p| p.contains("Article 6")).unwrap();
    let plan_pages: Vec<&String> = pages[..=plan_end]
        .iter()
        .filter(|p| p.contains("Action supplémentaire"))
        .collect();
    assert!(plan_pages.len() >= 2, "the plan should span pages");
    for page in &plan_pages {
        assert!(
            page.contains("N°") && page.contains("Pilote"),
            "header not repeated:\n{page}"
        );
    }
    // Each row whole on one page: every row that starts on a page ends there.
    for page in &plan_pages {
        let (starts, ends) = (
            page.matches("Action supplémentaire").count(),
            squeeze(page).matches("surplusieurspages").count(),
        );
        assert_eq!(starts, ends, "a row splits across pages:\n{page}");
    }
    let rows: usize = plan_pages
        .iter()
        .map(|p| p.matches("Action supplémentaire").count())
        .sum();
    assert_eq!(rows, 60);
}

/// The whole Markdown document of the complete example, under review.
#[test]
fn complete_example_markdown() {
    let o = ctg_exits(
        &[
            "render",
            "tests/fixtures/render/complete.yaml",
            "--format",
            "md",
            "-o",
            "-",
        ],
        0,
    );
    insta::assert_snapshot!("render_complete_md", o.stdout);
}

#[test]
fn ctg_toml_names_the_repository_templates() {
    let (_guard, dir) = tmp();
    let source = copy_example(&dir);
    std::fs::create_dir_all(dir.join("modeles")).unwrap();
    std::fs::write(
        dir.join("modeles/convention.md"),
        std::fs::read_to_string("templates/convention.md")
            .unwrap()
            .replace("## Les parties", "## Entre les parties"),
    )
    .unwrap();
    std::fs::write(dir.join("ctg.toml"), "[render]\ntemplates = \"modeles\"\n").unwrap();
    let out = dir.join("c.md");
    render_md(source.as_str(), &out, &[], 0);
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("## Entre les parties"));

    // --templates on the command line wins over ctg.toml.
    render_md(source.as_str(), &out, &["--templates", "templates"], 0);
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("## Les parties"));

    std::fs::write(dir.join("ctg.toml"), "[render]\nmodeles = \"modeles\"\n").unwrap();
    let o = render_md(source.as_str(), &out, &[], 2);
    assert!(o.stderr.contains("ctg.toml:2"), "{}", o.stderr);
}

/// The lean build (`--no-default-features`) says why there is no PDF.
#[test]
#[cfg(not(feature = "pdf"))]
fn a_build_without_pdf_says_so() {
    let (_guard, dir) = tmp();
    let out = dir.join("c.pdf");
    let (code, stderr) = render("tests/fixtures/render/complete.yaml", "pdf", &out, &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("compilé sans PDF"), "{stderr}");
    assert!(!out.exists());
}
