//! `ctg new`: a draft that passes the schema and lists only what is left
//! to fill.

use crate::common::ctg;
use std::fs;
use std::path::Path;

/// The codes of a JSON report, and the exit code.
fn codes(args: &[&str]) -> (i32, Vec<String>) {
    let out = ctg(args);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let codes = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    (out.code, codes)
}

/// What a coordinator does with the draft: every mark replaced, the
/// referential and the orientations named, the signature date and the
/// indicators' targets added.
fn fill_in(draft: &str) -> String {
    draft
        .replace("sdsf: À COMPLÉTER", "sdsf: sdsf/52.yaml")
        .replace(
            "sdsf: [\"À COMPLÉTER\"]",
            "sdsf: [acces-aux-droits, petite-enfance, enfance-jeunesse, parentalite]\n    champs: [acces_aux_droits, petite_enfance, jeunesse, parentalite]",
        )
        .replace(
            "# date: AAAA-MM-JJ\n\nsignataires",
            "date: 2022-12-13\n\nsignataires",
        )
        .replace("# cible: …        (la valeur visée)", "cible: 12")
        .replace("À COMPLÉTER", "Texte écrit par l'équipe")
}

#[test]
fn a_draft_shows_only_what_is_left_to_fill_and_passes_once_filled() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.yaml");
    let x = file.to_str().unwrap();
    let out = ctg(&[
        "new",
        "--epci",
        "200044253",
        "--debut",
        "2023",
        "--duree",
        "4",
        "-o",
        x,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("brouillon écrit dans"),
        "{}",
        out.stderr
    );
    let draft = fs::read_to_string(&file).unwrap();
    for expected in [
        "nom: \"Communauté de communes du Bassin de Joinville en Champagne\"",
        "siren: \"200044253\"",
        "departement: \"52\"",
        "{ nom: \"Joinville\", insee: \"52250\" }",
        "nom: \"Caisse d'allocations familiales de la Haute-Marne\"",
        "debut: 2023-01-01",
        "fin: 2026-12-31",
        "  - petite_enfance\n  - jeunesse\n  - parentalite\n",
    ] {
        assert!(draft.contains(expected), "{expected}\n{draft}");
    }

    // Nothing about the schema or the territory: placeholders only.
    let (code, found) = codes(&["validate", "--format", "json", x]);
    assert_eq!(code, 0);
    assert!(found.len() > 20, "{found:?}");
    assert!(found.iter().all(|c| c == "CTG308"), "{found:?}");
    let errors = crate::common::schema_errors(
        &crate::schema::validator("convention"),
        &crate::schema::yaml_to_json(&file),
    );
    assert!(errors.is_empty(), "{errors:?}");

    // At signature the marks are errors, and the date is missing.
    let (code, found) = codes(&["validate", "--stage", "signature", "--format", "json", x]);
    assert_eq!(code, 1);
    assert!(
        found.iter().all(|c| c == "CTG308" || c == "CTG307"),
        "{found:?}"
    );

    fs::create_dir(dir.path().join("sdsf")).unwrap();
    fs::copy(
        "conventions/sdsf/52-haute-marne-2020.yaml",
        dir.path().join("sdsf/52.yaml"),
    )
    .unwrap();
    fs::write(&file, fill_in(&draft)).unwrap();
    for stage in [&[][..], &["--stage", "signature"][..]] {
        let args = [&["validate", "--format", "json"][..], stage, &[x]].concat();
        assert_eq!(codes(&args), (0, vec![]), "{args:?}");
    }
}

#[test]
fn a_draft_cites_the_referential_of_its_departement_when_the_repository_has_one() {
    let dir = tempfile::tempdir().unwrap();
    let sdsf = dir.path().join("sdsf");
    fs::create_dir_all(&sdsf).unwrap();
    fs::create_dir_all(dir.path().join("vosges")).unwrap();
    for f in [
        "88-vosges-2017.yaml",
        "88-vosges-2021.yaml",
        "52-haute-marne-2020.yaml",
    ] {
        fs::copy(Path::new("conventions/sdsf").join(f), sdsf.join(f)).unwrap();
    }
    let file = dir.path().join("vosges/ccpvm-2028.yaml");
    let x = file.to_str().unwrap();
    let out = ctg(&[
        "new",
        "--epci",
        "porte des vosges",
        "--debut",
        "2028",
        "-o",
        x,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let draft = fs::read_to_string(&file).unwrap();
    assert!(
        draft.contains("sdsf: \"../sdsf/88-vosges-2021.yaml\""),
        "{draft}"
    );
    assert!(draft.contains(
        "#   offre-de-qualite : Développer et soutenir une offre de qualité aux familles"
    ));
    assert!(draft.contains("nom: \"Caisse d'allocations familiales des Vosges\""));
    let (code, found) = codes(&["validate", "--format", "json", x]);
    assert_eq!(code, 0);
    assert!(found.iter().all(|c| c == "CTG308"), "{found:?}");
}

#[test]
fn new_never_replaces_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.yaml");
    fs::write(&file, "# mon travail\n").unwrap();
    let x = file.to_str().unwrap();
    let out = ctg(&["new", "--epci", "200044253", "-o", x]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("existe déjà"), "{}", out.stderr);
    assert_eq!(fs::read_to_string(&file).unwrap(), "# mon travail\n");
    assert!(
        fs::read_dir(dir.path()).unwrap().count() == 1,
        "no temporary file left"
    );

    let out = ctg(&["new", "--epci", "200044253", "--force", "-o", x]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let draft = fs::read_to_string(&file).unwrap();
    // Outside a repository laid out by `ctg init`, the schema is where it
    // would put it: beside the draft.
    assert!(
        draft.starts_with("# yaml-language-server: $schema=schemas/convention-v1.schema.json\n# Projet de Convention"),
        "{draft}"
    );
}

#[test]
fn new_says_which_epci_when_the_name_is_ambiguous_or_unknown() {
    let out = ctg(&["new", "--epci", "vosges"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("plusieurs EPCI correspondent"),
        "{}",
        out.stderr
    );
    let out = ctg(&["new", "--epci", "123456789"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("aucun EPCI"), "{}", out.stderr);
    // Without a terminal to ask on, the EPCI is required.
    let out = ctg(&["new"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--epci"), "{}", out.stderr);
}

#[test]
fn without_output_the_draft_goes_to_stdout() {
    let out = ctg(&[
        "new",
        "--epci",
        "200068377",
        "--debut",
        "2030",
        "--duree",
        "4",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("debut: 2030-01-01\n  fin: 2033-12-31"));
    assert!(out
        .stdout
        .contains("Caisse d'allocations familiales des Vosges"));
}

#[test]
fn the_draft_is_a_template_a_repository_can_replace() {
    let (_guard, dir) = crate::common::tmp();
    std::fs::write(
        dir.join("new.yaml"),
        "# Modèle de la Caf : {{ epci_long }}, {{ debut }}-{{ fin }}\ndocument: convention\n",
    )
    .unwrap();
    let out = ctg(&[
        "new",
        "--epci",
        "200068377",
        "--debut",
        "2026",
        "--templates",
        dir.as_str(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("# Modèle de la Caf : "),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(", 2026-2030\n"), "{}", out.stdout);
    // The template is read: no draft may replace it.
    let refused = ctg(&[
        "new",
        "--epci",
        "200068377",
        "--templates",
        dir.as_str(),
        "--force",
        "-o",
        dir.join("new.yaml").as_str(),
    ]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(std::fs::read_to_string(dir.join("new.yaml"))
        .unwrap()
        .starts_with("# Modèle"));
}

/// Drafts of every kind of CTG: an EPCI whose communes all sign (the Arras
/// CTG's 46), one commune, several communes without their EPCI, an EPT of
/// the Métropole du Grand Paris, an EPCI as it was before a split (`--au`).
/// Each lists only what is left to write: no schema, territory or
/// geography finding.
#[test]
fn drafts_of_every_kind_of_ctg_pass_the_geography() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &[&str]); 5] = [
        (
            &["--epci", "CU d'Arras", "--communes-signataires"],
            &[
                "nature: cu",
                "  - organisme: commune\n    nom: \"Achicourt\"\n    insee: \"62004\"",
            ],
        ),
        (
            &["--commune", "88383"],
            &[
                "nom: \"Commune de Remiremont\"",
                "nature: commune",
                "insee: \"88383\"\n    autorisation",
            ],
        ),
        (
            &["--communes", "88383,88409,88498"],
            &[
                "nom: \"Communes de Remiremont, Saint-Amé et Vecoux\"",
                "nature: communes",
            ],
        ),
        (
            &["--epci", "plaine commune"],
            &["nom: \"Plaine Commune\"", "nature: ept"],
        ),
        (
            &["--epci", "CC des Hautes Vosges", "--au", "2021-06-30"],
            &[
                "siren: \"200071157\"",
                "  cog: 2021",
                "géographique de 2021\n# (@etalab/decoupage-administratif 1.1.1)",
            ],
        ),
    ];
    for (i, (args, expected)) in cases.iter().enumerate() {
        let file = dir.path().join(format!("{i}.yaml"));
        let x = file.to_str().unwrap();
        let out = ctg(&[&["new", "--debut", "2027", "-o", x][..], args].concat());
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let draft = fs::read_to_string(&file).unwrap();
        for e in *expected {
            assert!(draft.contains(e), "{args:?}: {e}\n{draft}");
        }
        let (code, found) = codes(&["validate", "--format", "json", x]);
        assert_eq!(code, 0, "{args:?}");
        assert!(found.iter().all(|c| c == "CTG308"), "{args:?}: {found:?}");
    }
    let arras = fs::read_to_string(dir.path().join("0.yaml")).unwrap();
    assert_eq!(arras.matches("organisme: commune").count(), 46);
    // A commune that does not exist, a year not embedded.
    let out = ctg(&["new", "--commune", "88999"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("aucune commune actuelle n'a le code « 88999 »"),
        "{}",
        out.stderr
    );
    let out = ctg(&["new", "--epci", "bazois", "--au", "2016-06-01"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(
            "le Code officiel géographique de 2016 n'est pas embarqué : ctg a ceux de 2019 à 2026"
        ),
        "{}",
        out.stderr
    );
}
