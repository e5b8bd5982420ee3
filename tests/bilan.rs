//! `ctg bilan`: the yearly follow-up of a plan.

use crate::common::ctg;

const FILE: &str = "tests/fixtures/bilan/suivi.yaml";

#[test]
fn the_follow_up_shows_progress_per_indicator_and_late_actions() {
    let out = ctg(&["bilan", FILE, "--au", "2025-12-31"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = &out.stdout;
    for expected in [
        "Au 31 décembre 2025 (3e année sur 5)",
        "| 1.1 | Assistantes maternelles accompagnées | 12 personnes | 40 personnes | 27 personnes | 54\u{a0}% |",
        "| 1.2 | Familles participantes par an | — | 30 familles | 34 familles | 113\u{a0}% |",
        "| 2.1 | Jeunes inscrits | 0 jeunes | 60 jeunes | — | — |",
        "- 2.1 « Accueil de loisirs pour les adolescents » : pas commencée",
        "- 2.2 « Permanence France services itinérante » : en retard",
    ] {
        assert!(md.contains(expected), "{expected}\n{md}");
    }
    insta::assert_snapshot!("bilan_md", md);
}

#[test]
fn what_is_late_depends_on_the_date() {
    let early = ctg(&["bilan", FILE, "--au", "2023-06-30"]).stdout;
    assert!(
        early.contains("## En retard sur le calendrier\n\nAucune action."),
        "{early}"
    );
    let later = ctg(&["bilan", FILE, "--au", "2027-01-15"]).stdout;
    assert!(later.contains("- 1.1 « Relais petite enfance itinérant » : en retard"));
    assert!(later.contains("(5e année sur 5)"));
}

#[test]
fn the_html_follow_up_draws_a_progress_bar_per_indicator() {
    let out = ctg(&["bilan", FILE, "--au", "2025-12-31", "--format", "html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc = roxmltree::Document::parse_with_options(
        &out.stdout,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("the page is well-formed");
    let widths: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("bar"))
        .map(|n| n.first_child().unwrap().attribute("style").unwrap())
        .collect();
    // 54 %, 50 %, 113 % drawn full, 42 %, 0 %; no bar without a value.
    assert_eq!(
        widths,
        [
            "width: 54%",
            "width: 50%",
            "width: 100%",
            "width: 42%",
            "width: 0%"
        ]
    );
    insta::assert_snapshot!("bilan_html", out.stdout);
}

#[test]
fn bilan_never_writes_over_the_convention() {
    let out = ctg(&["bilan", FILE, "-o", FILE]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("ctg ne l'écrase pas"), "{}", out.stderr);
}

#[test]
fn the_follow_up_is_a_template_a_repository_can_replace() {
    let (_guard, dir) = crate::common::tmp();
    let source = FILE;
    let builtin = ctg(&["bilan", source, "--au", "2025-06-30"]);
    assert_eq!(builtin.code, 0, "{}", builtin.stderr);
    let modeles = dir.join("modeles");
    std::fs::create_dir(&modeles).unwrap();
    std::fs::write(
        modeles.join("bilan.md"),
        "Bilan {{ titre }} au {{ au }} : {{ total }} actions\n{% for a in actions %}- {{ a.id }} {{ a.retard }}\n{% endfor %}",
    )
    .unwrap();
    let out = ctg(&[
        "bilan",
        source,
        "--au",
        "2025-06-30",
        "--templates",
        modeles.as_str(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("Bilan "), "{}", out.stdout);
    assert!(out.stdout.contains(" au 30 juin 2025 : "), "{}", out.stdout);
    assert_ne!(out.stdout, builtin.stdout);
    // The HTML page is still the built-in one: only bilan.md was replaced.
    let html = ctg(&[
        "bilan",
        source,
        "--format",
        "html",
        "--templates",
        modeles.as_str(),
    ]);
    assert!(
        html.stdout.starts_with("<!DOCTYPE html>"),
        "{}",
        html.stdout
    );
    // A broken template is said with its line, and nothing is written.
    std::fs::write(modeles.join("bilan.md"), "{{ titre }\n").unwrap();
    let out = ctg(&["bilan", source, "--templates", modeles.as_str()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("bilan.md, ligne 1"), "{}", out.stderr);
}

/// A value a year, and a decreasing target: the bilan shows the series up
/// to its year, takes that year's value, and counts the progress the same
/// way up or down.
#[test]
fn yearly_values_and_decreasing_targets() {
    const YEARLY: &str = "tests/fixtures/bilan/suivi-annuel.yaml";
    let out = ctg(&["validate", YEARLY, "--format", "short"]);
    assert!(!out.stdout.contains("CTG506"), "{}", out.stdout);
    let out = ctg(&["bilan", YEARLY, "--au", "2024-12-31"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = &out.stdout;
    for expected in [
        "| 1.1 | Assistantes maternelles accompagnées | 12 personnes | 40 personnes | 24 personnes (2024) | 43\u{a0}% |",
        "| 1.1 | Familles sur liste d'attente | 25 familles | 0 familles | 12 familles (2024) | 52\u{a0}% |",
        "| 2023 | 20 familles | 20\u{a0}% |\n| 2024 | 12 familles | 52\u{a0}% |\n",
    ] {
        assert!(md.contains(expected), "{expected}\n{md}");
    }
    assert!(!md.contains("| 2025 |"), "{md}");
    let md = ctg(&["bilan", YEARLY, "--au", "2025-12-31"]).stdout;
    assert!(md.contains("| 5 familles (2025) | 80\u{a0}% |"), "{md}");
    insta::assert_snapshot!("bilan_annuel_md", md);
    let html = ctg(&["bilan", YEARLY, "--au", "2025-12-31", "--format", "html"]).stdout;
    assert!(html.contains("2023 : 20 familles (20\u{a0}%) ; 2024 : 12 familles (52\u{a0}%) ; 2025 : 5 familles (80\u{a0}%)"), "{html}");
    insta::assert_snapshot!("bilan_annuel_html", html);
}
