//! Rendering safety: templates read nothing beyond their directory, Typst
//! reads no file at all, and what ctg writes lands whole at the path asked
//! for, never over a file the command reads.

use crate::common::{ctg_exits, render_md, tmp};
use camino::Utf8Path;
use std::fs;
use std::os::unix::fs::symlink;

const SOURCE: &str = "tests/fixtures/render/complete.yaml";

/// The names in a folder, sorted: shows that no temporary file is left.
fn names(dir: &Utf8Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

const SECRET: &str = "mot de passe du coordinateur";

#[test]
fn templates_read_nothing_beyond_their_directory() {
    let (_guard, dir) = tmp();
    fs::write(dir.join("secret.txt"), SECRET).unwrap();
    let templates = dir.join("modeles");
    fs::create_dir(&templates).unwrap();
    let out = dir.join("out/c.md");
    fs::create_dir(dir.join("out")).unwrap();
    let render = |code| render_md(SOURCE, &out, &["--templates", templates.as_str()], code);

    // A name that climbs out of the directory, or an absolute one, is not a
    // template: minijinja asks the loader, which only knows plain names.
    for include in ["../secret.txt", "/etc/passwd", "modeles/../../secret.txt"] {
        fs::write(
            templates.join("convention.md"),
            format!("{{% include {include:?} %}}\n"),
        )
        .unwrap();
        let o = render(2);
        assert!(
            o.stderr.contains("convention.md") && o.stderr.contains(include),
            "{include}: {}",
            o.stderr
        );
        assert!(!o.stderr.contains(SECRET) && !out.exists(), "{include}");
    }

    // A link in the directory to a file elsewhere: refused, not followed.
    fs::remove_file(templates.join("convention.md")).unwrap();
    symlink(dir.join("secret.txt"), templates.join("convention.md")).unwrap();
    let o = render(2);
    assert!(
        o.stderr
            .contains("lien vers un fichier hors du dossier des modèles"),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains(SECRET) && !out.exists());

    // A link to a file inside the directory is an ordinary template.
    fs::remove_file(templates.join("convention.md")).unwrap();
    fs::write(templates.join("vrai.md"), "{{ d.territoire.nom }}\n").unwrap();
    symlink(templates.join("vrai.md"), templates.join("convention.md")).unwrap();
    render(0);
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        "Communauté de Communes de la Porte des Vosges Méridionales\n"
    );
    assert_eq!(names(&dir.join("out")), ["c.md"]);
}

#[test]
fn a_template_that_would_never_end_is_stopped() {
    let (_guard, dir) = tmp();
    let main = dir.join("boucle.md");
    fs::write(
        &main,
        "{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}\n",
    )
    .unwrap();
    let out = dir.join("c.md");
    let o = render_md(SOURCE, &out, &["--template", main.as_str()], 2);
    assert!(
        o.stderr.contains("boucle.md, ligne 1")
            && o.stderr
                .contains("le modèle fait bien plus de travail que la convention n'en demande"),
        "{}",
        o.stderr
    );
    assert!(!out.exists());
}

#[cfg(feature = "pdf")]
#[test]
fn typst_reads_no_file_and_no_package() {
    let (_guard, dir) = tmp();
    fs::write(dir.join("secret.txt"), SECRET).unwrap();
    fs::write(dir.join("autre.typ"), SECRET).unwrap();
    let main = dir.join("convention.typ");
    let out = dir.join("c.pdf");
    for (line, shown) in [
        ("#read(\"secret.txt\")", "#read"),
        (&format!("#read({:?})", dir.join("secret.txt")), "#read"),
        ("#image(\"secret.txt\")", "#image"),
        ("#include \"autre.typ\"", "#include"),
        ("#import \"@preview/cetz:0.3.4\": canvas", "#import"),
    ] {
        // `{% raw %}` keeps the Typst line as written, whatever it holds.
        fs::write(
            &main,
            format!("{{{{ d.territoire.nom }}}}\n{{% raw %}}{line}{{% endraw %}}\n"),
        )
        .unwrap();
        let o = ctg_exits(
            &[
                "render",
                SOURCE,
                "--format",
                "pdf",
                "-o",
                out.as_str(),
                "--template",
                main.as_str(),
            ],
            2,
        );
        assert!(
            o.stderr.contains("Typst") && o.stderr.contains(shown),
            "{line}: {}",
            o.stderr
        );
        assert!(
            o.stderr.contains("access denied")
                && o.stderr
                    .contains("ctg ne donne à Typst accès à aucun fichier ni paquet"),
            "{line}: {}",
            o.stderr
        );
        assert!(!o.stderr.contains(SECRET) && !out.exists(), "{line}");
    }
}

#[test]
fn outputs_never_replace_what_the_command_reads() {
    let (_guard, dir) = tmp();
    let conventions = dir.join("conventions");
    fs::create_dir(&conventions).unwrap();
    fs::copy(
        "tests/fixtures/rules/sdsf.yaml",
        conventions.join("sdsf.yaml"),
    )
    .unwrap();
    let source = conventions.join("c.yaml");
    fs::copy("tests/fixtures/rules/clean.yaml", &source).unwrap();
    let before = fs::read(&source).unwrap();
    let refused = "c'est un fichier que la commande lit : ctg ne l'écrase pas";

    // Each command that writes a file, with its output naming the source by
    // another spelling or through a link.
    let link = dir.join("lien.yaml");
    symlink(&source, &link).unwrap();
    let other_spelling = conventions.join("../conventions/c.yaml");
    for args in [
        vec![
            "validate",
            "--format",
            "json",
            "-o",
            link.as_str(),
            source.as_str(),
        ],
        vec![
            "render",
            source.as_str(),
            "--format",
            "md",
            "-o",
            link.as_str(),
        ],
        vec![
            "render",
            source.as_str(),
            "--format",
            "md",
            "-o",
            other_spelling.as_str(),
        ],
        vec!["bilan", source.as_str(), "-o", link.as_str()],
        vec!["report", conventions.as_str(), "-o", source.as_str()],
        vec![
            "report",
            conventions.as_str(),
            "-o",
            conventions.join("sdsf.yaml").as_str(),
        ],
    ] {
        let o = ctg_exits(&args, 2);
        assert!(o.stderr.contains(refused), "{args:?}: {}", o.stderr);
    }
    assert_eq!(fs::read(&source).unwrap(), before);
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(names(&conventions), ["c.yaml", "sdsf.yaml"]);

    // An output that is a link to a document elsewhere: the link is
    // replaced at the path asked for; the file it pointed to is untouched.
    let elsewhere = dir.join("ailleurs.md");
    fs::write(&elsewhere, "à garder\n").unwrap();
    let out = dir.join("c.md");
    symlink(&elsewhere, &out).unwrap();
    render_md(source.as_str(), &out, &[], 0);
    assert_eq!(fs::read_to_string(&elsewhere).unwrap(), "à garder\n");
    assert!(fs::symlink_metadata(&out).unwrap().is_file());
    assert!(fs::read_to_string(&out).unwrap().starts_with("<!-- ctg "));

    // A second name (hard link) of the source: the new document takes the
    // name, the source keeps its bytes.
    let second = dir.join("copie.md");
    fs::hard_link(&source, &second).unwrap();
    render_md(source.as_str(), &second, &[], 0);
    assert_eq!(fs::read(&source).unwrap(), before);

    // A failed render leaves the previous document as it was and no
    // temporary file; an output in a folder that does not exist is an error.
    let broken = dir.join("casse.md");
    fs::write(&broken, "{{ d.territoire.nom }\n").unwrap();
    let previous = fs::read(&out).unwrap();
    render_md(source.as_str(), &out, &["--template", broken.as_str()], 2);
    assert_eq!(fs::read(&out).unwrap(), previous);
    let missing = dir.join("absent/c.md");
    let o = render_md(source.as_str(), &missing, &[], 2);
    assert!(o.stderr.contains("absent/c.md"), "{}", o.stderr);
    assert!(!dir.join("absent").exists());
    assert_eq!(
        names(&dir),
        [
            "ailleurs.md",
            "c.md",
            "casse.md",
            "conventions",
            "copie.md",
            "lien.yaml"
        ]
    );
}
