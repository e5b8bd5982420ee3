//! `ctg diff`: what a renewal changes.

use crate::common::ctg;

const OLD: &str = "conventions/vosges/ccpvm-2019.yaml";
const NEW: &str = "conventions/vosges/ccpvm-2023.yaml";

#[test]
fn the_ccpvm_renewal_lists_period_signatories_and_axes() {
    let out = ctg(&["diff", OLD, NEW]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = &out.stdout;
    for expected in [
        "2019-01-01 → 2022-12-31 (4 ans)\n    → 2023-01-01 → 2027-12-31 (5 ans)",
        "+ Conseil départemental des Vosges",
        "+ Mutualité sociale agricole de Lorraine",
        "+ Commune de Remiremont — représentants : À COMPLÉTER, Maire",
        "orientations SDSF de l'axe A1 :\n      aucune\n    → connaissance-lisibilite",
        "- action 4.2 « Favoriser les outils",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    let mayors = text
        .lines()
        .filter(|l| l.starts_with("  + Commune "))
        .count();
    assert_eq!(mayors, 10);
    insta::assert_snapshot!("diff_ccpvm_text", text);
}

#[test]
fn the_markdown_report_is_ready_for_a_review_comment() {
    let out = ctg(&["diff", "--format", "md", OLD, NEW]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out
        .stdout
        .contains("- **ajouté** — Conseil départemental des Vosges"));
    insta::assert_snapshot!("diff_ccpvm_md", out.stdout);
}

#[test]
fn a_file_compared_with_itself_has_no_change() {
    let out = ctg(&["diff", NEW, NEW]);
    assert_eq!(out.code, 0);
    assert!(out
        .stdout
        .contains("0 ajout(s), 0 retrait(s), 0 modification(s)"));
    assert_eq!(out.stdout.matches("(inchangé)").count(), 7);
}

#[test]
fn diff_refuses_what_is_not_a_readable_convention() {
    let out = ctg(&["diff", "conventions/sdsf/88-vosges-2021.yaml", NEW]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("référentiel SDSF, pas une convention"),
        "{}",
        out.stderr
    );
    let out = ctg(&["diff", "tests/fixtures/schema/CTG003.yaml", NEW]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("ne se lit pas"), "{}", out.stderr);
    let out = ctg(&["diff", "absent.yaml", NEW]);
    assert_eq!(out.code, 2);
}

#[test]
fn renumbered_actions_are_recognised_by_their_title_and_targets_compared() {
    let old = std::fs::read_to_string("tests/fixtures/bilan/suivi.yaml").unwrap();
    let new = old
        .replace("id: \"2.2\"", "id: \"2.4\"")
        .replace(
            "intitule: Permanence France services itinérante",
            "intitule: Permanences France services itinérantes",
        )
        .replace("cible: 48, realise: 20", "cible: 60")
        .replace(
            "axe: A2\n    intitule: Bus des droits",
            "axe: A1\n    intitule: Bus des droits",
        );
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    let sdsf = std::fs::canonicalize("tests/fixtures/rules/sdsf.yaml").unwrap();
    let cite = format!("sdsf: {}", sdsf.display());
    std::fs::write(&a, old.replace("sdsf: ../rules/sdsf.yaml", &cite)).unwrap();
    std::fs::write(&b, new.replace("sdsf: ../rules/sdsf.yaml", &cite)).unwrap();
    let out = ctg(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for expected in [
        "~ identifiant de l'action « Permanences France services itinérantes » :\n      2.2\n    → 2.4",
        "~ intitulé de l'action 2.4 :",
        "~ cible de « Permanences tenues par an » (action 2.4) :\n      48 permanences\n    → 60 permanences",
        "~ axe de l'action 2.3 :\n      A2\n    → A1",
    ] {
        assert!(out.stdout.contains(expected), "{expected}\n{}", out.stdout);
    }
    assert!(!out.stdout.contains("+ action"), "{}", out.stdout);
}

#[test]
fn the_diff_pages_are_templates_a_repository_can_replace() {
    let (_guard, dir) = crate::common::tmp();
    std::fs::write(
        dir.join("diff.md"),
        "{{ resume }}\n{% for s in sections %}{{ s.titre }}: {{ s.changements | length }}\n{% endfor %}",
    )
    .unwrap();
    let t = dir.as_str();
    let md = ctg(&["diff", "--format", "md", "--templates", t, OLD, NEW]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(!md.stdout.contains("## Renouvellement"), "{}", md.stdout);
    assert!(
        md.stdout.lines().next().unwrap().contains("ajout(s)"),
        "{}",
        md.stdout
    );
    // The text report keeps the built-in template: only diff.md was given.
    let text = ctg(&["diff", "--templates", t, OLD, NEW]);
    assert!(
        text.stdout.starts_with(&format!("--- {OLD}\n+++ {NEW}\n")),
        "{}",
        text.stdout
    );
}

/// Two conventions of different territories: said first, before the
/// changes — strangers, a merger, a split.
#[test]
fn a_diff_of_two_territories_says_so_first() {
    let out = ctg(&[
        "diff",
        "conventions/vendee/sud-vendee-littoral-2019.yaml",
        "conventions/pas-de-calais/grand-arras-2022.yaml",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let first = out.stdout.lines().nth(3).unwrap_or_default();
    assert!(
        first.starts_with("Territoires différents : « Communauté de communes Sud Vendée Littoral » et « Communauté urbaine d'Arras » n'ont aucune commune en commun"),
        "{}",
        out.stdout
    );
    // The CCPVM less three communes, without its SIREN: a split, then the
    // other way round a merger.
    let (_guard, dir) = crate::common::tmp();
    let whole = std::fs::read_to_string("tests/fixtures/rules/clean.yaml").unwrap();
    let part = whole
        .replace("  siren: \"200068377\"\n", "")
        .replace("    - { nom: Vecoux, insee: \"88498\" }\n", "")
        .replace("    - { nom: Saint-Amé, insee: \"88409\" }\n", "")
        .replace("    - { nom: Saint-Nabord, insee: \"88429\" }\n", "");
    std::fs::write(dir.join("tout.yaml"), &whole).unwrap();
    std::fs::write(dir.join("partie.yaml"), &part).unwrap();
    std::fs::copy("tests/fixtures/rules/sdsf.yaml", dir.join("sdsf.yaml")).unwrap();
    let (tout, partie) = (dir.join("tout.yaml"), dir.join("partie.yaml"));
    let out = ctg(&["diff", tout.as_str(), partie.as_str(), "--format", "md"]);
    assert!(out.stdout.contains("**Scission ou réduction : « Communauté de Communes de la Porte des Vosges Méridionales » (7 communes) ne garde que 7 des 10 communes"), "{}", out.stdout);
    let out = ctg(&["diff", partie.as_str(), tout.as_str()]);
    assert!(out.stdout.contains("Fusion ou extension : « Communauté de Communes de la Porte des Vosges Méridionales » (10 communes) englobe les 7 communes"), "{}", out.stdout);
    // A renewal of the same territory says nothing of it.
    let out = ctg(&["diff", OLD, NEW]);
    assert!(!out.stdout.contains("Territoires"), "{}", out.stdout);
}
