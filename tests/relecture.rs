//! `ctg relecture`: a review made by LibreOffice itself (change tracking on,
//! an author set, through python3-uno: `scripts/office-review.py`) is read
//! back at the YAML lines its bookmarks name, and `--apply` writes exactly
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
            let o = ctg(&[
                "relecture",
                reviewed.as_str(),
                "--source",
                source.as_str(),
                "--format",
                "json",
            ]);
            assert_eq!(o.code, 0, "{what}: {}", o.stderr);
            let json: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
            let changes = json["changes"].as_array().unwrap();
            let find = |kind: &str| {
                changes
                    .iter()
                    .find(|c| c["kind"] == kind)
                    .unwrap_or_else(|| panic!("{what}: no {kind} in {changes:?}"))
            };
            let title = find("remplacement");
            assert_eq!(title["at"], format!("{source}:{title_at}"), "{what}");
            assert_eq!(title["path"], "actions[0].intitule");
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
    use std::io::Write;
    let (_guard, dir) = tmp();
    let source = copy_vendee(&dir);
    let zip_of = |name: &str, parts: &[(&str, Vec<u8>)]| {
        let path = dir.join(name);
        let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        for (n, bytes) in parts {
            z.start_file(*n, zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
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
