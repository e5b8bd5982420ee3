//! The official geography: `ctg territoire`, and the vintage in reports.

use crate::common::ctg;

#[test]
fn territoire_by_siren_and_by_name_prints_the_ten_ccpvm_communes() {
    let by_siren = ctg(&["territoire", "200068377"]);
    assert_eq!(by_siren.code, 0, "{}", by_siren.stderr);
    let by_name = ctg(&["territoire", "porte des vosges"]);
    assert_eq!(by_name.stdout, by_siren.stdout);
    let communes: Vec<&str> = by_siren
        .stdout
        .lines()
        .filter(|l| l.starts_with("    - { nom: "))
        .collect();
    assert_eq!(communes.len(), 10);
    assert!(communes.contains(&"    - { nom: \"Remiremont\", insee: \"88383\" }"));
    insta::assert_snapshot!("territoire_ccpvm", by_siren.stdout);
}

/// What `ctg territoire` prints is a `territoire:` block that passes every
/// geography rule once pasted into a convention.
#[test]
fn pasted_territoire_passes_the_geography_rules() {
    let dir = tempfile::tempdir().unwrap();
    let clean = std::fs::read_to_string("tests/fixtures/rules/clean.yaml").unwrap();
    let start = clean.find("territoire:\n").unwrap();
    let end = clean.find("  population: 29826").unwrap();
    let block = ctg(&["territoire", "200044253"]).stdout;
    let block = block.split_once("territoire:\n").unwrap().1;
    let block: String = block
        .lines()
        .filter(|l| !l.starts_with("  population"))
        .map(|l| format!("{l}\n"))
        .collect();
    let text = format!("{}territoire:\n{block}{}", &clean[..start], &clean[end..])
        .replace("sdsf: sdsf.yaml", "sdsf: sdsf-52.yaml")
        .replace("\"88383\", \"88158\"", "\"52250\"");
    std::fs::write(dir.path().join("c.yaml"), text).unwrap();
    std::fs::copy(
        "tests/fixtures/rules/sdsf-52.yaml",
        dir.path().join("sdsf-52.yaml"),
    )
    .unwrap();
    let out = ctg(&[
        "validate",
        "--format",
        "short",
        dir.path().join("c.yaml").to_str().unwrap(),
    ]);
    for code in ["CTG106", "CTG107", "CTG108", "CTG109", "CTG103"] {
        assert!(!out.stdout.contains(code), "{}", out.stdout);
    }
    assert!(out
        .stdout
        .contains("Géographie officielle (COG) : 2023 (@etalab/decoupage-administratif 3.1.1)"));
}

#[test]
fn territoire_that_matches_nothing_or_too_much_exits_2() {
    let none = ctg(&["territoire", "999999999"]);
    assert_eq!(none.code, 2);
    assert!(none
        .stderr
        .starts_with("ctg : erreur : aucun EPCI ne correspond à « 999999999 »"));
    let many = ctg(&["territoire", "vosges"]);
    assert_eq!(many.code, 2);
    assert!(
        many.stderr
            .contains("200068377  CC de la Porte des Vosges Méridionales"),
        "{}",
        many.stderr
    );
}

/// EPCI found by the words people use, and the closest when none matches.
#[test]
fn epci_are_found_by_the_words_people_use() {
    for (query, siren) in [
        ("CU d'Arras", "200033579"),
        ("communauté urbaine d'arras", "200033579"),
        ("CAPH", "200042190"),
        ("ccpvm", "200068377"),
        ("vosges merid", "200068377"),
        ("Sud Vendee Litoral", "200073260"),
        ("CC du Bazois", "200067882"),
        ("plaine commune", "200057867"),
    ] {
        let out = ctg(&["territoire", query]);
        assert_eq!(out.code, 0, "{query}: {}", out.stderr);
        assert!(
            out.stdout.contains(&format!("siren: \"{siren}\"")),
            "{query}: {}",
            out.stdout
        );
    }
    let out = ctg(&["territoire", "grand arras"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("les plus proches :\n  200033579  CU d'Arras"),
        "{}",
        out.stderr
    );
    // As it was: the CC des Hautes Vosges, split since 2022.
    let out = ctg(&["territoire", "200071157"]);
    assert_eq!(out.code, 2);
    let out = ctg(&["territoire", "200071157", "--au", "2020-01-01"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("  cog: 2020\n"), "{}", out.stdout);
}
