//! The copil's spreadsheet: `ctg export` writes it, LibreOffice opens,
//! converts and fills it (through its Python bridge:
//! `scripts/sheet-edit.py`), `ctg import-suivi` writes the filled values
//! into the convention — exactly `tests/fixtures/suivi/*.importe.yaml`,
//! written by hand — and says which cells it could not take.

use crate::common::{ctg, tmp};
use camino::{Utf8Path, Utf8PathBuf};
use std::process::Command;

/// The convention with yearly values, and its referential, in `dir`.
fn copy_convention(dir: &Utf8Path) -> Utf8PathBuf {
    crate::common::beside_referential(
        dir,
        "tests/fixtures/bilan/suivi-annuel.yaml",
        "suivi-annuel.yaml",
    )
}

fn libreoffice() {
    let uno = Command::new("/usr/bin/python3")
        .args(["-c", "import uno"])
        .output();
    assert!(
        uno.is_ok_and(|o| o.status.success())
            && Utf8Path::new("/usr/lib/libreoffice/program/libsclo.so").exists(),
        "LibreOffice Calc and python3-uno are missing: install the Debian packages libreoffice-calc-nogui and python3-uno (.ci/run does); this test is not skipped"
    );
}

/// `soffice --headless --convert-to EXT FILE` into `dir`.
fn convert(file: &Utf8Path, ext: &str, dir: &Utf8Path) -> Utf8PathBuf {
    let profile = dir.join("profil");
    let o = Command::new("soffice")
        .args([
            "--headless",
            &format!("-env:UserInstallation=file://{profile}"),
            "--convert-to",
            ext,
            "--outdir",
            dir.as_str(),
            file.as_str(),
        ])
        .output()
        .unwrap();
    let out = dir.join(format!("{}.{ext}", file.file_stem().unwrap()));
    assert!(out.exists(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

fn part(zip_file: &Utf8Path, name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(zip_file).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_spreadsheet_goes_through_libreoffice_and_comes_back() {
    libreoffice();
    let (_guard, dir) = tmp();
    let source = copy_convention(&dir);
    let original = std::fs::read_to_string(&source).unwrap();
    let expected =
        std::fs::read_to_string("tests/fixtures/suivi/suivi-annuel.importe.yaml").unwrap();
    let xlsx = dir.join("suivi.xlsx");
    let o = ctg(&[
        "export",
        source.as_str(),
        "--au",
        "2025-12-31",
        "-o",
        xlsx.as_str(),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    // Headers frozen, widths set, numbers and dates typed, no formula.
    let sheet = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"ySplit="1""#) && sheet.contains("<col "),
        "{sheet}"
    );
    assert!(!sheet.contains("<f>"));
    // An existing file is never replaced without --force.
    let o = ctg(&["export", source.as_str(), "-o", xlsx.as_str()]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("existe déjà"), "{}", o.stderr);
    let ods = dir.join("suivi.ods");
    let o = ctg(&[
        "export",
        source.as_str(),
        "--format",
        "ods",
        "--au",
        "2025-12-31",
        "-o",
        ods.as_str(),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(part(&ods, "settings.xml").contains("VerticalSplitPosition"));
    // LibreOffice opens and converts both; read back untouched, nothing changes.
    let converted = dir.join("converti");
    std::fs::create_dir_all(&converted).unwrap();
    for file in [
        convert(&xlsx, "ods", &converted),
        convert(&ods, "xlsx", &converted),
    ] {
        let o = ctg(&["import-suivi", file.as_str(), "--dans", source.as_str()]);
        assert_eq!(o.code, 0, "{file}: {}", o.stderr);
        assert!(o.stderr.contains("Rien à écrire."), "{file}: {}", o.stderr);
        assert_eq!(
            std::fs::read_to_string(&source).unwrap(),
            original,
            "{file}"
        );
    }
    // Filled in by LibreOffice, saved as .xlsx and .ods.
    let filled = dir.join("rempli");
    let o = Command::new("/usr/bin/python3")
        .args(["scripts/sheet-edit.py", xlsx.as_str(), filled.as_str()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for ext in ["xlsx", "ods"] {
        let file = filled.with_extension(ext);
        let o = ctg(&[
            "import-suivi",
            file.as_str(),
            "--dans",
            source.as_str(),
            "--diff",
        ]);
        assert!(
            o.stdout.contains("+    statut: en_cours"),
            "{ext}: {}",
            o.stdout
        );
        assert_eq!(std::fs::read_to_string(&source).unwrap(), original, "{ext}");
        let o = ctg(&["import-suivi", file.as_str(), "--dans", source.as_str()]);
        // The text typed where a number goes is left, at its cell.
        assert_eq!(o.code, 1, "{ext}: {}", o.stderr);
        assert!(
            o.stderr.contains(&format!(
                "{file}:Indicateurs!H29 : « douze » n'est pas un nombre"
            )),
            "{ext}: {}",
            o.stderr
        );
        assert_eq!(std::fs::read_to_string(&source).unwrap(), expected, "{ext}");
        std::fs::write(&source, &original).unwrap();
    }
}

#[test]
fn csv_cells_that_cannot_be_taken_are_named_and_formulas_never_run() {
    let (_guard, dir) = tmp();
    let source = copy_convention(&dir);
    let original = std::fs::read_to_string(&source).unwrap();
    let csv = dir.join("indicateurs.csv");
    let o = ctg(&[
        "export",
        source.as_str(),
        "--format",
        "csv",
        "--au",
        "2025-12-31",
        "-o",
        csv.as_str(),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with("\u{feff}Nœud;Action;Indicateur;Unité;Année;Initiale;Cible;Réalisé\r\n")
    );
    let edited = text
        // A value for 2026, typed with a decimal comma.
        .replace(
            "actions[0].indicateurs[1];1.1;Communes desservies;communes;2026;2;10;\r\n",
            "actions[0].indicateurs[1];1.1;Communes desservies;communes;2026;2;10;7,5\r\n",
        )
        // A year outside the period, a row the convention does not have, a
        // formula typed as text.
        .replace(
            "actions[0].indicateurs[2];1.1;Familles sur liste d'attente;familles;2027;25;0;\r\n",
            "actions[0].indicateurs[2];1.1;Familles sur liste d'attente;familles;2031;25;0;1\r\nactions[9].indicateurs[0];9.9;Inconnu;;2024;;;3\r\nactions[3].indicateurs[0];2.2;Permanences;;2024;;48;=1+1\r\n",
        );
    assert_ne!(edited, text);
    std::fs::write(&csv, edited).unwrap();
    let o = ctg(&["import-suivi", csv.as_str(), "--dans", source.as_str()]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    for said in [
        "Indicateurs!E16 : année hors de la période de la convention (2023–2027)",
        "Indicateurs!A17 : ligne inconnue : la convention n'a pas d'indicateur « actions[9].indicateurs[0] »",
        "Indicateurs!H18 : « =1+1 » n'est pas un nombre",
    ] {
        assert!(o.stderr.contains(said), "{said}\n{}", o.stderr);
    }
    let now = std::fs::read_to_string(&source).unwrap();
    assert!(
        now.contains("cible: 10, realise: { 2025: 6, 2026: 7.5 } }"),
        "{now}"
    );
    assert_eq!(now.lines().count(), original.lines().count());

    // A formula in an .xlsx cell is never evaluated: refused at its cell.
    let xlsx = dir.join("formule.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Indicateurs").unwrap();
    for (c, h) in [
        "Nœud",
        "Action",
        "Indicateur",
        "Unité",
        "Année",
        "Initiale",
        "Cible",
        "Réalisé",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "actions[0].indicateurs[0]").unwrap();
    ws.write_number(1, 4, 2026.0).unwrap();
    ws.write_formula(1, 7, "=20+20").unwrap();
    book.save(xlsx.as_std_path()).unwrap();
    let o = ctg(&["import-suivi", xlsx.as_str(), "--dans", source.as_str()]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("Indicateurs!H2 : formule : ctg n'évalue pas les formules"),
        "{}",
        o.stderr
    );

    // A title a spreadsheet would take for a formula is written as text.
    std::fs::write(
        &source,
        original.replace(
            "intitule: Café des parents",
            "intitule: \"=HYPERLINK(\\\"http://x\\\")\"",
        ),
    )
    .unwrap();
    let actions = dir.join("actions.csv");
    let o = ctg(&[
        "export",
        source.as_str(),
        "--format",
        "csv",
        "--feuille",
        "actions",
        "-o",
        actions.as_str(),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(std::fs::read_to_string(&actions)
        .unwrap()
        .contains(";\"'=HYPERLINK(\"\"http://x\"\")\";"));
    let x = dir.join("actions.xlsx");
    assert_eq!(ctg(&["export", source.as_str(), "-o", x.as_str()]).code, 0);
    assert!(!part(&x, "xl/worksheets/sheet1.xml").contains("<f>"));
    assert!(part(&x, "xl/sharedStrings.xml").contains("=HYPERLINK("));
    // Hostile files: not a spreadsheet; a zip that inflates to 300 MB.
    let junk = dir.join("junk.xlsx");
    std::fs::write(&junk, "bonjour").unwrap();
    let o = ctg(&["import-suivi", junk.as_str(), "--dans", source.as_str()]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("pas une archive zip"), "{}", o.stderr);
    let bomb = dir.join("bombe.xlsx");
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
        let options = zip::write::SimpleFileOptions::default().large_file(true);
        z.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..300 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap();
    }
    let o = ctg(&["import-suivi", bomb.as_str(), "--dans", source.as_str()]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("une fois décompressé : refusé"),
        "{}",
        o.stderr
    );
}
