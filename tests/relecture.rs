//! `ctg relecture`: a review made by LibreOffice itself (change tracking on,
//! an author set, a comment, through python3-uno: `scripts/office-review.py`)
//! and one written as Word writes it are read back at the YAML lines
//! their bookmarks name, and `--apply` writes exactly
//! the reviewed YAML (`tests/fixtures/relecture/*.relue.yaml`, written by
//! hand); re-rendering gives the reviewed text. Hostile files are refused.

use crate::common::{ctg, tmp};
use camino::Utf8Path;
use std::process::Command;

const SOURCE: &str = "sud-vendee-littoral-2019.yaml";

/// The Vendée convention and what it cites, copied into `dir`.
fn copy_vendee(dir: &Utf8Path) -> camino::Utf8PathBuf {
    std::fs::create_dir_all(dir.join("vendee")).unwrap();
    std::fs::create_dir_all(dir.join("sdsf")).unwrap();
    for f in [
        SOURCE,
        "ctg.toml",
        "modele-caf85.yaml",
        "deliberation-conseil-communautaire.pdf",
    ] {
        std::fs::copy(
            format!("conventions/vendee/{f}"),
            dir.join("vendee").join(f),
        )
        .unwrap();
    }
    std::fs::copy(
        "conventions/sdsf/85-vendee.yaml",
        dir.join("sdsf/85-vendee.yaml"),
    )
    .unwrap();
    dir.join("vendee").join(SOURCE)
}

/// A zip of the given parts at `path`: a review file written by hand.
fn zip_at(path: &Utf8Path, parts: &[(&str, &[u8])]) {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in parts {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

fn review_with_libreoffice(input: &Utf8Path, out: &Utf8Path) {
    let uno = Command::new("/usr/bin/python3")
        .args(["-c", "import uno"])
        .output();
    assert!(
        uno.is_ok_and(|o| o.status.success()),
        "python3-uno and LibreOffice are missing: install the Debian packages python3-uno and libreoffice-writer-nogui (.ci/run does); this test is not skipped"
    );
    let o = Command::new("/usr/bin/python3")
        .args(["scripts/office-review.py", input.as_str(), out.as_str()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// What `ctg relecture REVIEWED --source SOURCE --format json` reports: its
/// changes and comments, the run having succeeded.
fn changes_of(reviewed: &Utf8Path, source: &Utf8Path) -> Vec<serde_json::Value> {
    let o = ctg(&[
        "relecture",
        reviewed.as_str(),
        "--source",
        source.as_str(),
        "--format",
        "json",
    ]);
    assert_eq!(o.code, 0, "{reviewed}: {}", o.stderr);
    let json: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    json["changes"].as_array().unwrap().clone()
}

/// Line and column (from 1) of the first occurrence of `needle` in `text`,
/// at the value after `key: `.
fn at(text: &str, needle: &str) -> String {
    let i = text.find(needle).unwrap();
    let line = text[..i].matches('\n').count() + 1;
    let col = i - text[..i].rfind('\n').map_or(0, |j| j + 1) + 1;
    format!("{line}:{col}")
}

#[test]
fn a_libreoffice_review_is_read_back_at_its_lines_and_applied() {
    let (_guard, dir) = tmp();
    let source = copy_vendee(&dir);
    let original = std::fs::read_to_string(&source).unwrap();
    let expected =
        std::fs::read_to_string("tests/fixtures/relecture/sud-vendee-littoral-2019.relue.yaml")
            .unwrap();
    let title_at = at(&original, "Suivre l'offre");
    let partner_at = at(&original, "Caf de la Vendée, PMI");
    let axis_at = at(&original, "Maintenir une offre");
    let end_at = at(&original, "2022-12-31");
    for rendered in ["docx", "odt"] {
        let file = dir.join(format!("c.{rendered}"));
        let o = ctg(&[
            "render",
            source.as_str(),
            "--format",
            rendered,
            "-o",
            file.as_str(),
        ]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        let out = dir.join(format!("revu-{rendered}"));
        review_with_libreoffice(&file, &out);
        for saved in ["docx", "odt"] {
            let reviewed = out.with_extension(saved);
            let what = format!("rendered {rendered}, saved {saved}");
            let changes = changes_of(&reviewed, &source);
            let find = |kind: &str| {
                changes
                    .iter()
                    .find(|c| c["kind"] == kind)
                    .unwrap_or_else(|| panic!("{what}: no {kind} in {changes:?}"))
            };
            let end = changes
                .iter()
                .find(|c| c["path"] == "periode.fin")
                .unwrap_or_else(|| panic!("{what}: no end date in {changes:?}"));
            assert_eq!(end["kind"], "remplacement");
            assert_eq!(end["at"], format!("{source}:{end_at}"), "{what}");
            let spaced = |v: &serde_json::Value| v.as_str().unwrap().replace('\u{a0}', " ");
            assert_eq!(spaced(&end["old"]), "31 décembre 2022");
            assert_eq!(spaced(&end["new"]), "31 décembre 2023");
            let title = changes
                .iter()
                .find(|c| c["path"] == "actions[0].intitule")
                .unwrap_or_else(|| panic!("{what}: no title in {changes:?}"));
            assert_eq!(title["at"], format!("{source}:{title_at}"), "{what}");
            assert_eq!(title["kind"], "remplacement");
            assert_eq!(title["author"], "Service juridique");
            assert_eq!(
                title["old"],
                "Suivre l’offre et la demande d’accueil du jeune enfant"
            );
            assert_eq!(
                title["new"],
                "Observer l'offre et la demande d'accueil du jeune enfant"
            );
            let partner = find("suppression");
            assert_eq!(partner["at"], format!("{source}:{partner_at}"), "{what}");
            assert_eq!(partner["path"], "actions[0].partenaires[0]");
            assert_eq!(partner["old"], "Caf de la Vendée");
            let comment = find("commentaire");
            assert_eq!(comment["at"], format!("{source}:{axis_at}"), "{what}");
            assert_eq!(comment["path"], "axes[0].intitule");
            assert_eq!(comment["author"], "Service juridique");
            assert!(
                comment["date"]
                    .as_str()
                    .is_some_and(|d| d.starts_with("2026-12-02T10:30:00")),
                "{what}: {comment}"
            );
            assert_eq!(comment["new"], "Préciser le public visé par cet axe.");
            assert_eq!(changes.len(), 5, "{what}: {changes:?}");
            // The visa is the model's wording: reported as such, not lost.
            let visa = find("insertion");
            assert_eq!(visa["at"], "texte du modèle", "{what}");
            assert_eq!(visa["new"].as_str().unwrap().trim(), "modifiée");
            // --diff shows, writes nothing.
            let o = ctg(&[
                "relecture",
                reviewed.as_str(),
                "--source",
                source.as_str(),
                "--diff",
            ]);
            assert!(
                o.stdout.contains("+    partenaires: [PMI du Département]"),
                "{what}: {}",
                o.stdout
            );
            assert_eq!(
                std::fs::read_to_string(&source).unwrap(),
                original,
                "{what}"
            );
            // --apply: exactly the reviewed YAML, byte for byte elsewhere.
            let o = ctg(&[
                "relecture",
                reviewed.as_str(),
                "--source",
                source.as_str(),
                "--apply",
            ]);
            assert_eq!(o.code, 0, "{what}: {}", o.stderr);
            assert_eq!(
                std::fs::read_to_string(&source).unwrap(),
                expected,
                "{what}"
            );
            // Re-rendered, it says what the legal service wrote.
            let o = ctg(&["render", source.as_str(), "--format", "md", "-o", "-"]);
            assert!(
                o.stdout
                    .contains("Observer l’offre et la demande d’accueil du jeune enfant"),
                "{what}"
            );
            assert!(!o.stdout.contains("Caf de la Vendée, PMI"), "{what}");
            assert!(
                o.stdout
                    .replace('\u{a0}', " ")
                    .contains("au 31 décembre 2023"),
                "{what}"
            );
            // Back to the original for the next round; the document now
            // names a source that changed since.
            std::fs::write(&source, &original).unwrap();
        }
        std::fs::write(&source, expected.as_bytes()).unwrap();
        let o = ctg(&[
            "relecture",
            out.with_extension("docx").as_str(),
            "--source",
            source.as_str(),
        ]);
        assert!(
            o.stderr
                .contains("a changé depuis que le document a été rendu"),
            "{}",
            o.stderr
        );
        std::fs::write(&source, &original).unwrap();
    }
}

#[test]
fn hostile_documents_are_refused_with_a_reason() {
    let (_guard, dir) = tmp();
    let source = copy_vendee(&dir);
    let zip_of = |name: &str, parts: &[(&str, Vec<u8>)]| {
        let path = dir.join(name);
        let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        zip_at(&path, &parts);
        path
    };
    let cases = [
        (dir.join("pas-un-zip.docx"), "ni un .docx ni un .odt lisible"),
        (
            zip_of("bombe.docx", &[("word/document.xml", vec![b' '; 70 * 1024 * 1024])]),
            "de plus de 67 Mo une fois décompressée",
        ),
        (
            zip_of(
                "rires.docx",
                &[(
                    "word/document.xml",
                    b"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><d>&b;</d>".to_vec(),
                )],
            ),
            "XML invalide ou refusé",
        ),
        (
            zip_of(
                "xxe.docx",
                &[(
                    "word/document.xml",
                    b"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>".to_vec(),
                )],
            ),
            "XML invalide ou refusé",
        ),
        (
            zip_of("traversee.docx", &[("../../etc/passwd", b"x".to_vec())]),
            "ni word/document.xml ni content.xml",
        ),
    ];
    std::fs::write(dir.join("pas-un-zip.docx"), "bonjour").unwrap();
    let before = std::fs::read(&source).unwrap();
    for (file, why) in cases {
        let o = ctg(&[
            "relecture",
            file.as_str(),
            "--source",
            source.as_str(),
            "--apply",
        ]);
        assert_eq!(o.code, 2, "{file}: {}", o.stderr);
        assert!(o.stderr.contains(why), "{file}: {}", o.stderr);
        assert!(!o.stderr.contains("root:"), "{file}");
    }
    assert_eq!(std::fs::read(&source).unwrap(), before);
}

/// A review as Word writes it (`w:del`, `w:commentRangeStart`, a
/// `w:comment` with author and date in comments.xml), written by hand from
/// the Office Open XML specification: the comment is placed at its axis,
/// and changes that would break the convention (the Caf's name deleted, the
/// end date made "fin 2027") refused: the file stays as it was.
#[test]
fn comments_are_placed_and_breaking_changes_refused() {
    let (_guard, dir) = tmp();
    let source = copy_vendee(&dir);
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body><w:p><w:bookmarkStart w:id="1" w:name="ctg_S0_n_1"/><w:del w:id="5" w:author="Juriste" w:date="2026-12-01T10:00:00Z"><w:r><w:delText>Caisse d’allocations familiales de la Vendée</w:delText></w:r></w:del><w:bookmarkEnd w:id="1"/></w:p><w:p><w:bookmarkStart w:id="2" w:name="ctg_X0_i_1"/><w:commentRangeStart w:id="0"/><w:r><w:t>Maintenir une offre d’accueil du jeune enfant sur tout le territoire</w:t></w:r><w:commentRangeEnd w:id="0"/><w:bookmarkEnd w:id="2"/></w:p><w:p><w:r><w:t xml:space="preserve">jusqu’au </w:t></w:r><w:bookmarkStart w:id="3" w:name="ctg_Pd_fn_1"/><w:del w:id="6" w:author="Juriste"><w:r><w:delText>31 décembre 2022</w:delText></w:r></w:del><w:ins w:id="7" w:author="Juriste"><w:r><w:t>fin 2027</w:t></w:r></w:ins><w:bookmarkEnd w:id="3"/></w:p></w:body></w:document>"#
    );
    let comments = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="{w}"><w:comment w:id="0" w:author="Juriste" w:date="2026-12-01T10:05:00Z"><w:p><w:r><w:t>Préciser le public visé par cet axe.</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let file = dir.join("revu.docx");
    zip_at(
        &file,
        &[
            ("word/document.xml", document.as_bytes()),
            ("word/comments.xml", comments.as_bytes()),
        ],
    );
    let original = std::fs::read_to_string(&source).unwrap();
    let changes = changes_of(&file, &source);
    let comment = changes.iter().find(|c| c["kind"] == "commentaire").unwrap();
    assert_eq!(comment["path"], "axes[0].intitule");
    assert_eq!(
        comment["at"],
        format!("{source}:{}", at(&original, "Maintenir une offre"))
    );
    assert_eq!(comment["author"], "Juriste");
    assert_eq!(comment["new"], "Préciser le public visé par cet axe.");
    assert_eq!(
        comment["old"],
        "Maintenir une offre d’accueil du jeune enfant sur tout le territoire"
    );
    let deletion = changes.iter().find(|c| c["kind"] == "suppression").unwrap();
    assert_eq!(deletion["path"], "signataires[0].nom");
    // Applied, the Caf would have no name and the period no end: refused,
    // nothing written.
    let o = ctg(&[
        "relecture",
        file.as_str(),
        "--source",
        source.as_str(),
        "--apply",
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("signataires[0].nom : la modification rendrait la convention invalide"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("periode.fin : « fin 2027 » n'est pas une date (attendu : jour mois année, comme « 31 décembre 2022 »)"),
        "{}",
        o.stderr
    );
    assert_eq!(std::fs::read_to_string(&source).unwrap(), original);
    // A 100 MB document is refused before it is read.
    let big = dir.join("gros.docx");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let o = ctg(&["relecture", big.as_str(), "--source", source.as_str()]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("Mo"), "{}", o.stderr);
}

/// A change the legal service already accepted is plain text that differs
/// from what ctg printed; a pending one is still marked. `--accepted-only`
/// writes the first and leaves the second.
#[test]
fn accepted_only_writes_what_was_accepted() {
    let (_guard, dir) = tmp();
    let source = copy_vendee(&dir);
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body><w:p><w:bookmarkStart w:id="1" w:name="ctg_A0_i_1"/><w:r><w:t>Observer l’offre et la demande d’accueil du jeune enfant</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p><w:p><w:bookmarkStart w:id="2" w:name="ctg_A1_i_1"/><w:r><w:t>Développer les accueils de loisirs pour les 11-17 ans</w:t></w:r><w:ins w:id="3" w:author="Juriste"><w:r><w:t> et les 18-25 ans</w:t></w:r></w:ins><w:bookmarkEnd w:id="2"/></w:p></w:body></w:document>"#
    );
    let file = dir.join("revu.docx");
    zip_at(&file, &[("word/document.xml", document.as_bytes())]);
    let original = std::fs::read_to_string(&source).unwrap();
    let o = ctg(&[
        "relecture",
        file.as_str(),
        "--source",
        source.as_str(),
        "--apply",
        "--accepted-only",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let accepted = std::fs::read_to_string(&source).unwrap();
    assert!(
        accepted.contains("intitule: Observer l'offre et la demande d'accueil du jeune enfant\n")
    );
    assert!(accepted.contains("intitule: Développer les accueils de loisirs pour les 11-17 ans\n"));
    std::fs::write(&source, &original).unwrap();
    let o = ctg(&[
        "relecture",
        file.as_str(),
        "--source",
        source.as_str(),
        "--apply",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let all = std::fs::read_to_string(&source).unwrap();
    assert!(all.contains("intitule: Observer l'offre"));
    assert!(all.contains(
        "intitule: Développer les accueils de loisirs pour les 11-17 ans et les 18-25 ans\n"
    ));
}

/// An .odt's comment (an `office:annotation` in an anchored passage) is
/// placed at its node too.
#[test]
fn odt_comments_are_placed() {
    let (_guard, dir) = tmp();
    let source = copy_vendee(&dir);
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:body><office:text><text:p><text:bookmark-start text:name="ctg_X0_i_1"/><office:annotation office:name="c1"><dc:creator>Juriste</dc:creator><dc:date>2026-12-01T10:05:00</dc:date><text:p>Préciser le public visé.</text:p></office:annotation>Maintenir une offre d’accueil du jeune enfant sur tout le territoire<office:annotation-end office:name="c1"/><text:bookmark-end text:name="ctg_X0_i_1"/></text:p></office:text></office:body></office:document-content>"#;
    let file = dir.join("revu.odt");
    zip_at(&file, &[("content.xml", content.as_bytes())]);
    let original = std::fs::read_to_string(&source).unwrap();
    let comment = &changes_of(&file, &source)[0];
    assert_eq!(comment["kind"], "commentaire");
    assert_eq!(comment["path"], "axes[0].intitule");
    assert_eq!(
        comment["at"],
        format!("{source}:{}", at(&original, "Maintenir une offre"))
    );
    assert_eq!(comment["author"], "Juriste");
    assert_eq!(comment["new"], "Préciser le public visé.");
    assert_eq!(
        comment["old"],
        "Maintenir une offre d’accueil du jeune enfant sur tout le territoire"
    );
}
