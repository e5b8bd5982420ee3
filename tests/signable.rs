//! The convention a Caf signs: three real CTGs printed in the three formats
//! and read back (PDFs with `pdftotext`), a model that changes the text, a
//! broken model, PROJET exactly when the convention is not ready.

use crate::common::{ctg, tmp};
use crate::render::squeeze;
use camino::{Utf8Path, Utf8PathBuf};

const BAZOIS: &str = "conventions/nievre/bazois-2017.yaml";
const ARRAS: &str = "conventions/pas-de-calais/grand-arras-2022.yaml";
const VENDEE: &str = "conventions/vendee/sud-vendee-littoral-2019.yaml";

/// The document's text in each format the build has: the PDF's pages as
/// `pdftotext` reads them, the HTML with its tags left out, the Markdown.
fn printed(source: &str, dir: &Utf8Path) -> Vec<(&'static str, Vec<String>)> {
    let mut out = Vec::new();
    let formats: &[&str] = if cfg!(feature = "pdf") {
        &["pdf", "html", "md"]
    } else {
        &["html", "md"]
    };
    for &format in formats {
        let file = dir.join(format!("doc.{format}"));
        let o = ctg(&["render", source, "--format", format, "-o", file.as_str()]);
        assert_eq!(o.code, 0, "{source} {format}: {}", o.stderr);
        let pages = match format {
            "pdf" => crate::render::pdf_pages(&file),
            "html" => vec![without_tags(&std::fs::read_to_string(&file).unwrap())],
            _ => vec![std::fs::read_to_string(&file).unwrap()],
        };
        out.push((format, pages));
    }
    out
}

fn without_tags(html: &str) -> String {
    let mut text = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => text.push(c),
            _ => {}
        }
    }
    text.replace("&quot;", "\"").replace("&amp;", "&")
}

/// The complete example's text, with its referential beside it in `dir`.
fn example(dir: &Utf8Path) -> String {
    std::fs::copy("tests/fixtures/rules/sdsf.yaml", dir.join("sdsf.yaml")).unwrap();
    std::fs::read_to_string("tests/fixtures/render/complete.yaml")
        .unwrap()
        .replace("sdsf: ../rules/sdsf.yaml", "sdsf: sdsf.yaml")
}

fn shows(text: &str, needle: &str) -> bool {
    squeeze(text).contains(&squeeze(needle))
}

fn assert_shows(text: &str, needle: &str, what: &str) {
    assert!(
        shows(text, needle),
        "{what}: « {needle} » not found in\n{text}"
    );
}

#[test]
fn the_bazois_draft_has_five_parties_on_two_sides_and_prints_projet() {
    let (_guard, dir) = tmp();
    for (format, pages) in printed(BAZOIS, &dir) {
        let text = pages.join("\n");
        let what = format!("Bazois {format}");
        // Four parties "d'une part", the EPCI "d'autre part", as signed.
        let parties = [
            "La Caisse des Allocations Familiales de la Nièvre, représentée par M. Rakotorina, Président du Conseil d'Administration, et par M. Buchon, Directeur par intérim, dûment autorisés à signer la présente convention par délibération du Conseil d'Administration du 14 octobre 2016, ci-après dénommée « la Caf » ;",
            "La Caisse d'Assurance Retraite et de la Santé au Travail, représentée par M. Lebelle, Directeur, ci-après dénommée « la CARSAT » ;",
            "ci-après dénommée « la CRMSAB » ;",
            "Le Conseil Départemental de la Nièvre, représenté par M. Joly, Président, dûment autorisé à signer la présente convention par délibération de la Commission permanente du …, ci-après dénommé « le Conseil Départemental »,",
            "d'une part,",
            "Et",
            "La Communauté de Communes du Bazois, représentée par Mme Dominique Joyeux, Présidente, dûment autorisée à signer la présente convention par délibération du Conseil Communautaire du …, ci-après dénommée « Communauté de Communes du Bazois »,",
            "d'autre part.",
        ];
        let squeezed = squeeze(&text);
        let mut at = 0;
        for p in parties {
            let found = squeezed[at..].find(&squeeze(p));
            assert!(found.is_some(), "{what}: « {p} » not found in order");
            at += found.unwrap();
        }
        // An alias without article still reads with one in sentences.
        assert_shows(&text, "réunit la Caf, la CARSAT, la CRMSAB, le Conseil Départemental et la Communauté de Communes du Bazois", &what);
        // Visas in force on 1 January 2017 (no signature date): the 2020
        // circulaire and the 2021 ordonnance are not cited yet.
        assert_shows(&text, "L. 227-1 à L. 227-3", &what);
        assert!(!shows(&text, "circulaire de la Cnaf n° 2020-01"), "{what}");
        assert!(!shows(&text, "ordonnance n° 2021-611"), "{what}");
        // Deliberations left blank: not ready, PROJET.
        assert!(text.contains("PROJET"), "{what}");
        // The date and place are left to write by hand.
        assert_shows(
            &text,
            "Fait à ……………………, le ……………………, en cinq exemplaires originaux.",
            &what,
        );
        assert!(!text.contains("(e)"), "{what}");
    }
    if cfg!(feature = "pdf") {
        let pdf = dir.join("doc.pdf");
        let pages = crate::render::pdf_pages(&pdf);
        // PROJET on the cover and in the running header of every other page.
        assert!(pages[0].contains("PROJET — document non signé"));
        for (i, page) in pages.iter().enumerate().skip(1) {
            assert!(page.contains("· PROJET"), "page {}: {page}", i + 1);
        }
    }
}

#[test]
fn the_arras_convention_lists_48_parties_on_a_one_page_cover() {
    let (_guard, dir) = tmp();
    for (format, pages) in printed(ARRAS, &dir) {
        let text = pages.join("\n");
        let what = format!("Arras {format}");
        assert_shows(
            &text,
            "Communauté urbaine d'Arras et ses 46 communes",
            &what,
        );
        assert_shows(
            &text,
            "La Caisse d'allocations familiales du Pas-de-Calais, ci-après dénommée « la Caf »,",
            &what,
        );
        assert_shows(&text, "La Commune d'Achicourt, dûment autorisée à signer la présente convention par délibération du conseil municipal du …, ci-après dénommée « Commune d'Achicourt » ;", &what);
        assert_shows(&text, "La Commune de Willerval, dûment autorisée à signer la présente convention par délibération du conseil municipal du …, ci-après dénommée « Commune de Willerval »,", &what);
        assert_shows(&text, "Sont associés à la démarche, sans être signataires de la présente convention : les associations de la petite enfance, les acteurs de la jeunesse, le réseau Territoire zéro non-recours (expérimentation liée à l'axe de l'accès aux droits)", &what);
        assert_shows(
            &text,
            "réunit la Caf, la CUA et les 46 communes signataires",
            &what,
        );
        assert_shows(&text, "en 48 exemplaires originaux", &what);
        assert_shows(&text, "jusqu'au 31 décembre 2026", &what);
        // Representatives unknown: not ready.
        assert!(text.contains("PROJET"), "{what}");
        // Internal ids stay out of the text: axes by their rank.
        assert!(
            !text.contains("acces-aux-droits") && !text.contains("enfance-famille"),
            "{what}"
        );
        assert_shows(&text, "Axe 2 — Enfance et famille", &what);
    }
    if cfg!(feature = "pdf") {
        let pages = crate::render::pdf_pages(&dir.join("doc.pdf"));
        // The cover is one page and names no commune.
        assert!(pages[0].contains("et ses 46 communes"), "{}", pages[0]);
        assert!(!pages[0].contains("Achicourt") && !pages[1].contains("et ses 46"));
    }
}

#[test]
fn the_sud_vendee_littoral_convention_follows_its_cafs_model_and_is_ready() {
    let (_guard, dir) = tmp();
    let o = ctg(&["validate", "--stage", "signature", VENDEE]);
    assert_eq!(o.code, 0, "{}", o.stdout);
    for (format, pages) in printed(VENDEE, &dir) {
        let text = pages.join("\n");
        let what = format!("Vendée {format}");
        // Ready to sign: no PROJET anywhere.
        assert!(!text.contains("PROJET"), "{what}");
        // Two parties, one each side.
        assert_shows(&text, "La Caisse d'allocations familiales de la Vendée, représentée par M. Michel Garnier, Président du conseil d'administration, et par Mme Sophie Morin, Directrice, dûment autorisés", &what);
        assert_shows(&text, "La Communauté de communes Sud Vendée Littoral, représentée par Mme Claire Bonnin, Présidente, dûment autorisée", &what);
        // The twelve articles of the Caf's model, in its order, and eight
        // annexes: five of the model, three of the convention.
        for title in [
            "Article 1 — Objet de la convention territoriale globale de services aux familles",
            "Article 5 — Engagements des partenaires",
            "Article 7 — Échanges de données",
            "Article 10 — Durée de la convention",
            "Article 12 — Confidentialité",
            "Annexe 4 — Les fiches actions",
            "Annexe 6 — Décision du conseil communautaire",
            "Document joint à la présente convention : deliberation-conseil-communautaire.pdf.",
            "Annexe 8 — Plan d'action du Contrat local de santé",
        ] {
            assert_shows(&text, title, &what);
        }
        // Signed on 15 October 2019: the January 2020 circulaire is not cited.
        assert!(!shows(&text, "circulaire de la Cnaf"), "{what}");
        assert_shows(&text, "Vu la loi n° 2015-991 du 7 août 2015", &what);
        assert_shows(
            &text,
            "Fait à Luçon, en octobre 2019, en deux exemplaires originaux.",
            &what,
        );
        assert_shows(&text, "La présente convention est conclue pour quatre ans, du 1er janvier 2019 au 31 décembre 2022.", &what);
        // A paragraph opening on a fact starts with a capital.
        assert_shows(&text, "La Caf intervient au titre", &what);
        // No monitoring column in the text to sign.
        assert!(
            !text.contains("Réalisé") && !text.contains("Statut"),
            "{what}"
        );
        // A fiche's description keeps its two paragraphs.
        assert_shows(
            &text,
            "Un appui aux associations qui organisent des activités pour les familles.",
            &what,
        );
    }
}

/// A repository's own model: one article more, placed after a named one,
/// and a dated visa cited only while it applies.
#[test]
fn a_model_with_an_extra_article_and_a_dated_visa_changes_the_text() {
    let (_guard, dir) = tmp();
    let model = std::fs::read_to_string("templates/modele.yaml")
        .unwrap()
        .replace(
            "  - texte: Vu le {sdsf} ;",
            "  - texte: Vu la délibération cadre de la Caf du 3 mars 2022 ;\n    depuis: 2022-03-03\n    jusqu_au: 2022-12-31\n  - texte: Vu le {sdsf} ;",
        )
        .replace(
            "  - id: territoire\n",
            "  - id: engagements\n    titre: Engagements de {caf}\n    texte:\n      - \"{caf} cofinance les actions du plan {periode}.\"\n  - id: territoire\n",
        );
    std::fs::write(dir.join("modele.yaml"), model).unwrap();
    let complete = example(&dir);
    let with_model = complete.replacen("sdsf: sdsf.yaml", "sdsf: sdsf.yaml\nmodele: modele.yaml", 1)
        + "articles:\n  - titre: Communication\n    apres: engagements\n    texte: [\"Les signataires font connaître la convention {du_territoire}.\"]\n";
    let source = dir.join("c.yaml");
    std::fs::write(&source, &with_model).unwrap();
    let md = |source: &Utf8PathBuf| {
        let o = ctg(&["render", source.as_str(), "--format", "md", "-o", "-"]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        o.stdout
    };
    let text = md(&source);
    for (i, title) in [
        "## Article 3 — Engagements de la Caf",
        "## Article 4 — Communication",
        "## Article 5 — Diagnostic et territoire",
        "## Article 10 — Durée",
    ]
    .iter()
    .enumerate()
    {
        assert!(text.contains(title), "{i}: {title}\n{text}");
    }
    assert!(text.contains(
        "La Caf cofinance les actions du plan du 1er\u{a0}janvier 2023 au 31\u{a0}décembre 2027."
    ));
    assert!(text.contains("Les signataires font connaître la convention de la CCPVM."));
    // Signed on 15 December 2022: the visa of 2022 applies.
    assert!(text.contains("Vu la délibération cadre de la Caf du 3\u{a0}mars 2022"));
    // Signed in 2023, it no longer does.
    std::fs::write(
        &source,
        with_model.replace("date: 2022-12-15", "date: 2023-01-15"),
    )
    .unwrap();
    assert!(!md(&source).contains("délibération cadre"));
    // And the validator checks the model the convention cites.
    let o = ctg(&[
        "validate",
        "--format",
        "short",
        dir.join("modele.yaml").as_str(),
        source.as_str(),
    ]);
    assert!(!o.stdout.contains("CTG6"), "{}", o.stdout);
}

#[test]
fn a_broken_model_is_a_finding_at_its_line_and_stops_the_render() {
    let (_guard, dir) = tmp();
    let model = std::fs::read_to_string("templates/modele.yaml")
        .unwrap()
        .replace(
            "du territoire {du_territoire}",
            "du territoire {du_teritoire}",
        );
    let line = model
        .lines()
        .position(|l| l.contains("{du_teritoire}"))
        .unwrap()
        + 1;
    std::fs::write(dir.join("modele.yaml"), &model).unwrap();
    let complete = example(&dir);
    let source = dir.join("c.yaml");
    let citing = complete.replacen("sdsf: sdsf.yaml", "sdsf: sdsf.yaml\nmodele: modele.yaml", 1);
    let cited_at = citing
        .lines()
        .position(|l| l == "modele: modele.yaml")
        .unwrap()
        + 1;
    std::fs::write(&source, &citing).unwrap();
    // The model itself: CTG601 at its line, with the closest variable.
    let model_path = dir.join("modele.yaml");
    let o = ctg(&["validate", "--format", "short", model_path.as_str()]);
    assert_eq!(o.code, 1);
    assert!(
        o.stdout.contains(&format!("modele.yaml:{line}:"))
            && o.stdout
                .contains("CTG601 variable inconnue « du_teritoire »"),
        "{}",
        o.stdout
    );
    let o = ctg(&["validate", model_path.as_str()]);
    assert!(
        o.stdout.contains("vouliez-vous dire « du_territoire »"),
        "{}",
        o.stdout
    );
    // The convention citing it: CTG606 at `modele:`, naming the model's line.
    let o = ctg(&["validate", "--format", "short", source.as_str()]);
    assert_eq!(o.code, 1);
    assert!(
        o.stdout
            .contains(&format!("c.yaml:{cited_at}:9: error CTG606"))
            && o.stdout.contains(&format!("modele.yaml:{line}:")),
        "{}",
        o.stdout
    );
    // Nothing printed from it without --brouillon.
    let out = dir.join("c.md");
    let o = ctg(&[
        "render",
        source.as_str(),
        "--format",
        "md",
        "-o",
        out.as_str(),
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(!out.exists());
    // A model named by ctg.toml that is missing: said at the top of the file.
    std::fs::write(&source, &complete).unwrap();
    std::fs::write(dir.join("ctg.toml"), "[render]\nmodele = \"absent.yaml\"\n").unwrap();
    let o = ctg(&["validate", "--format", "short", source.as_str()]);
    assert!(
        o.stdout
            .contains("c.yaml:1:1: error CTG606 modèle de convention fixé par ctg.toml"),
        "{}",
        o.stdout
    );
}

/// Missing date and place alone leave blanks to fill at the ceremony, not
/// PROJET; a placeholder anywhere makes it PROJET whatever `statut` says.
#[test]
fn projet_exactly_when_the_convention_is_not_ready() {
    let (_guard, dir) = tmp();
    let complete = example(&dir);
    let without_signature =
        complete.replace("signature:\n  date: 2022-12-15\n  lieu: Remiremont\n", "");
    assert_ne!(without_signature, complete);
    let cases = [
        ("ready", complete.clone(), false),
        ("blanks", without_signature, false),
        (
            "placeholder",
            complete.replace("pilote: Centre social de Remiremont", "pilote: À COMPLÉTER"),
            true,
        ),
        (
            "undecided",
            complete.replace("qualite: Directeur", "qualite: Directeur(rice)"),
            true,
        ),
    ];
    for (name, text, projet) in cases {
        let source = dir.join(format!("{name}.yaml"));
        std::fs::write(&source, text).unwrap();
        let out = dir.join(format!("{name}.md"));
        let o = ctg(&[
            "render",
            source.as_str(),
            "--format",
            "md",
            "-o",
            out.as_str(),
        ]);
        assert_eq!(o.code, 0, "{name}: {}", o.stderr);
        let doc = std::fs::read_to_string(&out).unwrap();
        assert_eq!(doc.contains("PROJET"), projet, "{name}");
        // The line on stderr says so too, and why.
        assert_eq!(o.stderr.contains("PROJET"), projet, "{name}: {}", o.stderr);
        if name == "blanks" {
            assert!(doc.contains("Fait à ……………………, le ……………………, en trois exemplaires originaux."));
        }
    }
}

/// A 64-character pilote keeps its own column: the action's title stays
/// whole on its line of the plan, and the HTML tables say which cells are
/// headers.
#[test]
fn tables_keep_proportional_columns_and_header_cells() {
    let (_guard, dir) = tmp();
    let long = "Centre intercommunal d'action sociale de la Porte des Vosges Sud";
    assert_eq!(long.chars().count(), 64);
    let text = example(&dir).replace(
        "pilote: Centre social de Remiremont",
        &format!("pilote: {long}"),
    );
    let source = dir.join("c.yaml");
    std::fs::write(&source, text).unwrap();
    let html = dir.join("c.html");
    assert_eq!(
        ctg(&[
            "render",
            source.as_str(),
            "--format",
            "html",
            "-o",
            html.as_str()
        ])
        .code,
        0
    );
    let html = std::fs::read_to_string(&html).unwrap();
    for cell in [
        "<th scope=\"col\">Action</th>",
        "<th scope=\"row\">1.2</th>",
        "<th scope=\"row\">Pilote</th>",
        "<colgroup>",
    ] {
        assert!(html.contains(cell), "{cell}");
    }
    if !cfg!(feature = "pdf") {
        return;
    }
    let pdf = dir.join("c.pdf");
    assert_eq!(
        ctg(&[
            "render",
            source.as_str(),
            "--format",
            "pdf",
            "-o",
            pdf.as_str()
        ])
        .code,
        0
    );
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.as_str(), "-"])
        .output()
        .expect("pdftotext (Debian package poppler-utils) is needed by the render tests");
    let text = String::from_utf8(out.stdout).unwrap();
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("1.2 "))
        .expect("the plan's row 1.2");
    assert!(row.contains("Café des parents"), "{row}");
}
