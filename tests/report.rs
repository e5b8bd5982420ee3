//! `ctg report`: the departmental view.

use crate::common::ctg;

#[test]
fn the_vosges_view_names_the_epci_without_convention_and_the_coverage_of_each_ambition() {
    let out = ctg(&["report", "conventions/", "--au", "2026-11-24"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = &out.stdout;
    let vosges = &md[md.find("## Vosges (88)").expect("a Vosges section")..];
    for expected in [
        "12 EPCI du département d'après le COG",
        "dont 10 sans convention en cours ici",
        // The 2019 convention has ended; the others are drafts.
        "| CCPVM 2019-2022 | 1er janvier 2019 → 31 décembre 2022 | échue |",
        "| CCPVM 2023-2027 | 1er janvier 2023 → 31 décembre 2027 | en projet |",
        "Communauté d'agglomération d'Epinal (SIREN 200068757)",
        "Communauté de communes des Hautes Vosges (SIREN 200096634)",
        "| **Couverture** | 2/2 | 2/2 | 2/2 | 2/2 |",
        "- O1 `connaissance-lisibilite` : Améliorer la connaissance et renforcer la lisibilité des offres disponibles sur le territoire — 2 convention(s) sur 2",
        "- O4 `mobilisation-habitants`",
    ] {
        assert!(vosges.contains(expected), "{expected}\n{vosges}");
    }
    // The two EPCI with a convention are not listed as without one.
    assert!(!vosges.contains("SIREN 200068377"));
    assert!(!vosges.contains("SIREN 200005957"));
    insta::assert_snapshot!("report_conventions_md", md);
}

#[test]
fn conventions_ending_within_a_year_are_listed() {
    let out = ctg(&["report", "conventions/", "--au", "2027-03-01"]);
    assert!(out
        .stdout
        .contains("- CCPVM 2023-2027 : fin le 31 décembre 2027"));
    assert!(out
        .stdout
        .contains("- CCBJC 2023-2027 : fin le 31 décembre 2027"));
    let out = ctg(&["report", "conventions/", "--au", "2026-11-24"]);
    // Within a year of 24 November 2026 only the Arras convention ends
    // (31 December 2026): the four other départements have none.
    assert_eq!(out.stdout.matches("Aucune.").count(), 4);
}

#[test]
fn the_html_page_is_self_contained_with_one_chart_per_referential() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vue.html");
    let out = ctg(&[
        "report",
        "conventions/",
        "--format",
        "html",
        "--au",
        "2026-11-24",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = std::fs::read_to_string(&file).unwrap();
    // Well-formed, so any browser reads it the same way.
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("the page is well-formed");
    let charts: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name(("http://www.w3.org/2000/svg", "svg")))
        .collect();
    // Haute-Marne 2020, Vendée, Vosges 2017 and 2021.
    assert_eq!(charts.len(), 4);
    let bars = |svg: &roxmltree::Node| {
        svg.children()
            .filter(|n| n.has_tag_name(("http://www.w3.org/2000/svg", "rect")))
            .count()
    };
    assert_eq!(
        charts.iter().map(bars).collect::<Vec<_>>(),
        vec![10, 14, 4, 8]
    );
    // Nothing to run, nothing to fetch.
    for node in doc.descendants() {
        assert!(!node.has_tag_name("script"));
        for attr in node.attributes() {
            assert!(!matches!(attr.name(), "src" | "href"), "{attr:?}");
        }
    }
    // The only addresses are the SVG namespace of each chart.
    assert_eq!(html.matches("http://").count(), charts.len());
    assert!(!html.contains("https://"));
}

#[test]
fn the_departmental_view_is_a_template_a_repository_can_replace() {
    let (_guard, dir) = crate::common::tmp();
    std::fs::write(
        dir.join("report.md"),
        "{{ total }} conventions\n{% for d in departements %}{{ d.nom }} : {{ d.sans | length }} EPCI sans convention\n{% endfor %}",
    )
    .unwrap();
    let t = dir.as_str();
    let out = ctg(&[
        "report",
        "conventions",
        "--au",
        "2026-12-01",
        "--templates",
        t,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("7 conventions\n"), "{}", out.stdout);
    assert!(out.stdout.contains("Vosges : "), "{}", out.stdout);
    // The HTML page stays the built-in one.
    let html = ctg(&[
        "report",
        "conventions",
        "--format",
        "html",
        "--templates",
        t,
    ]);
    assert!(
        html.stdout.starts_with("<!DOCTYPE html>"),
        "{}",
        html.stdout
    );
}
