//! Hostile and broken input: each case gets a clear finding or error, the
//! right exit code, within bounded time and memory, and never a panic.

use crate::common::{ctg, Output};
use std::fs;
use std::path::{Path, PathBuf};

/// A folder holding the clean convention's referential, for cases derived
/// from `tests/fixtures/rules/clean.yaml` (which cites `sdsf: sdsf.yaml`).
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        "tests/fixtures/rules/sdsf.yaml",
        dir.path().join("sdsf.yaml"),
    )
    .unwrap();
    dir
}

fn clean() -> String {
    fs::read_to_string("tests/fixtures/rules/clean.yaml").unwrap()
}

fn check(dir: &Path, name: &str, bytes: &[u8]) -> Output {
    let file = dir.join(name);
    fs::write(&file, bytes).unwrap();
    ctg(&["validate", "--format", "short", file.to_str().unwrap()])
}

/// `(exit code, the one finding's "line:col: CODE message")`.
fn one_finding(out: &Output) -> (i32, String) {
    let lines: Vec<&str> = out.stdout.lines().filter(|l| l.contains(" CTG")).collect();
    assert_eq!(lines.len(), 1, "{}", out.stdout);
    let line = lines[0];
    let at = line.find(".yaml:").unwrap() + ".yaml:".len();
    (out.code, line[at..].to_string())
}

#[test]
fn broken_bytes_and_encodings() {
    let dir = folder();
    let d = dir.path();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "document: convention\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let latin1: Vec<u8> = b"document: convention\nversion: 1\nreference: \xC9pinal\n".to_vec();
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    for (name, bytes, expected) in [
        ("vide.yaml", b"".to_vec(), "1:1: error CTG005 le fichier est vide"),
        ("commentaires.yaml", b"# rien\n# d'autre\n".to_vec(), "1:1: error CTG005 le fichier est vide"),
        ("binaire.yaml", binary, "1:1: error CTG001 fichier binaire (octet nul à la position 0)"),
        ("utf16.yaml", utf16, "1:1: error CTG001 le fichier est encodé en UTF-16"),
        ("latin1.yaml", latin1, "3:12: error CTG001 le fichier n'est pas en UTF-8 (octet 0xC9) ; il est sans doute en Latin-1"),
    ] {
        let (code, finding) = one_finding(&check(d, name, &bytes));
        assert_eq!(code, 1, "{name}");
        assert!(finding.starts_with(expected), "{name}: {finding}");
    }
}

#[test]
fn a_duplicate_key_among_thousands_is_found_with_its_first_line() {
    let dir = folder();
    // Past a few dozen keys ctg looks them up in an index instead of a scan.
    let mut text = String::from("document: convention\nversion: 1\n");
    for i in 0..5_000 {
        text.push_str(&format!("note{i}: texte\n"));
    }
    text.push_str("note1234: encore\n");
    let out = check(dir.path(), "notes.yaml", text.as_bytes());
    let line = out
        .stdout
        .lines()
        .find(|l| l.contains("en double"))
        .unwrap_or_else(|| panic!("{}", out.stdout));
    assert!(
        line.ends_with("5003:1: error CTG001 clé « note1234 » en double"),
        "{line}"
    );
    // The first occurrence is shown too, in its own snippet.
    let out = ctg(&["validate", dir.path().join("notes.yaml").to_str().unwrap()]);
    let block = &out.stdout[out.stdout.find("CTG001 clé « note1234 »").unwrap()..];
    let block = &block[..block.find("\n\n").unwrap()];
    assert!(
        block.contains("1237 │ note1234: texte") && block.contains("première occurrence"),
        "{block}"
    );
    assert!(block.contains("5003 │ note1234: encore"), "{block}");
}

/// Found by the property tests: with `document:` misspelt the file's kind
/// is unknown, and the misspelling was not said either: no finding at all.
#[test]
fn a_misspelt_document_key_is_said() {
    let dir = folder();
    let text = clean().replacen("document: convention", "d  ocument: convention", 1);
    let (code, finding) = one_finding(&check(dir.path(), "cle.yaml", text.as_bytes()));
    assert_eq!(code, 1);
    assert!(
        finding.starts_with("4:1: error CTG004 champ inconnu « d  ocument »"),
        "{finding}"
    );
}

#[test]
fn bom_and_crlf_are_read_as_written() {
    let dir = folder();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(clean().as_bytes());
    let out = check(dir.path(), "bom.yaml", &bom);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out
        .stdout
        .starts_with("1 fichier vérifié : 0 erreur, 0 avertissement"));
    // CRLF, with a duplicate key at the end: the line is still right.
    let crlf = format!("{}version: 1\n", clean()).replace('\n', "\r\n");
    let last = crlf.matches("\r\n").count();
    let (code, finding) = one_finding(&check(dir.path(), "crlf.yaml", crlf.as_bytes()));
    assert_eq!(code, 1);
    assert_eq!(
        finding,
        format!("{last}:1: error CTG001 clé « version » en double")
    );
}

#[test]
fn yaml_that_no_convention_needs() {
    let dir = folder();
    let d = dir.path();
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
                e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n\
                g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n\
                i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
    let flow = format!(
        "document: convention\nterritoire: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let block = format!(
        "document: convention\nterritoire:\n  {}x\n",
        "- ".repeat(100_000)
    );
    let tag = clean().replacen(
        "reference:",
        "intitule: !!python/object:os.system echo\nreference:",
        1,
    );
    let object = clean().replacen(
        "reference:",
        "intitule: !!python/object/apply:os.system\n  args: [echo]\nreference:",
        1,
    );
    let stream = format!("{}---\ndocument: convention\n", clean());
    let tabs = "document: convention\nversion: 1\nterritoire:\n\tnom: X\n";
    for (name, text, expected) in [
        ("bombe.yaml", bomb.to_string(), "CTG001 les alias YAML démultiplient ce document au-delà de 100000 nœuds"),
        // The scanner stops flows first, at 255 levels.
        ("crochets.yaml", flow, "2:268: error CTG001 syntaxe YAML invalide : crochets ou accolades imbriqués trop profondément"),
        ("tirets.yaml", block, "3:129: error CTG001 le document est imbriqué sur plus de 64 niveaux"),
        ("etiquette.yaml", tag, "6:11: error CTG002 étiquette YAML « !!python/object:os.system » non prise en charge"),
        ("objet.yaml", object, "6:11: error CTG002 étiquette YAML « !!python/object/apply:os.system » non prise en charge"),
        ("flux.yaml", stream, "95:1: error CTG001 un fichier ne doit contenir qu'un seul document YAML"),
        ("tabulations.yaml", tabs.to_string(), "4:2: error CTG001 syntaxe YAML invalide : tabulation dans l'indentation"),
    ] {
        let (code, finding) = one_finding(&check(d, name, text.as_bytes()));
        assert_eq!(code, 1, "{name}");
        assert!(finding.contains(expected), "{name}: {finding}");
    }
}

#[test]
fn numbers_where_texts_are_expected_and_the_reverse() {
    let dir = folder();
    let d = dir.path();
    for (name, from, to, expected) in [
        (
            "siren.yaml",
            "siren: \"200068377\"",
            "siren: 200068377",
            "CTG002 « 200068377 » est lu comme un nombre par YAML, or ce champ est un texte",
        ),
        (
            "insee.yaml",
            "insee: \"88148\"",
            "insee: 01001",
            "CTG002 « 01001 » est lu comme le nombre 1001 par YAML : le texte écrit est perdu",
        ),
        (
            "id.yaml",
            "id: \"1.1\"",
            "id: 1.10",
            "CTG002 « 1.10 » est lu comme le nombre 1.1 par YAML : le texte écrit est perdu",
        ),
        (
            "population.yaml",
            "population: 29826",
            "population: beaucoup",
            "CTG002",
        ),
        (
            "debut.yaml",
            "debut: 2023-01-01",
            "debut: 2023-13-01",
            "CTG002 date invalide « 2023-13-01 » : ce jour n'existe pas",
        ),
        (
            "fin.yaml",
            "fin: 2027-12-31",
            "fin: 99999-12-31",
            "CTG002 date invalide « 99999-12-31 » : le format attendu est AAAA, AAAA-MM ou AAAA-MM-JJ",
        ),
    ] {
        let text = clean();
        assert!(text.contains(from), "{from}");
        let out = check(d, name, text.replacen(from, to, 1).as_bytes());
        assert_eq!(out.code, 1, "{name}: {}", out.stdout);
        assert!(out.stdout.contains(expected), "{name}: {}", out.stdout);
    }
}

#[test]
fn big_files_are_refused_unread_and_big_plans_are_checked() {
    let dir = folder();
    // 100 MB, sparse: refused from its size alone.
    let huge = dir.path().join("enorme.yaml");
    fs::File::create(&huge)
        .unwrap()
        .set_len(100_000_000)
        .unwrap();
    let (code, finding) = one_finding(&ctg(&[
        "validate",
        "--format",
        "short",
        huge.to_str().unwrap(),
    ]));
    assert_eq!(code, 1);
    assert!(
        finding.starts_with(
            "1:1: error CTG001 fichier trop volumineux (100 Mo) : ctg lit des fichiers de 16 Mo au plus"
        ),
        "{finding}"
    );
    // 10,000 actions: checked in full.
    let out = check(dir.path(), "plan.yaml", plan(10_000).as_bytes());
    assert!(out.code <= 1, "{}", out.stderr);
    assert!(out.stdout.contains("1 fichier vérifié"), "{}", out.stdout);
}

/// Placeholders by the hundred thousand, in one value and in as many
/// values, are each found in one pass over the file (the scan once went
/// back over the text, and over the values, for each mark it found).
#[test]
fn a_plan_full_of_placeholders_is_read_once() {
    let dir = folder();
    let text = clean();
    let at = text.find("actions:\n").unwrap() + "actions:\n".len();
    let action = format!(
        "  - {{ id: \"9.1\", axe: A1, intitule: Action, champ: petite_enfance, pilote: CCPVM, \
         description: \"{}\", partenaires: [{}], indicateurs: [{{ libelle: Familles, cible: 10 }}] }}\n",
        "TODO ".repeat(200_000),
        vec!["à compléter"; 100_000].join(", ")
    );
    let plan = format!("{}{action}{}", &text[..at], &text[at..]);
    let out = check(dir.path(), "todo.yaml", plan.as_bytes());
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The description's first mark, then each partner.
    assert_eq!(out.stdout.matches(" CTG308 ").count(), 100_001);
    assert!(
        out.stdout.contains("100001 avertissements"),
        "{}",
        &out.stdout[out.stdout.len() - 300..]
    );
}

/// The clean convention with `n` more actions.
fn plan(n: usize) -> String {
    let text = clean();
    let at = text.find("actions:\n").unwrap() + "actions:\n".len();
    let mut plan = text[..at].to_string();
    for i in 0..n {
        plan.push_str(&format!(
            "  - {{ id: \"9.{i}\", axe: A1, intitule: Action {i}, champ: petite_enfance, pilote: CCPVM, \
             indicateurs: [{{ libelle: Familles, cible: 10 }}] }}\n"
        ));
    }
    plan.push_str(&text[at..]);
    plan
}

/// Typst's memory grows with the pages: a document beyond some 500 pages
/// is refused before layout (1,000 fiches took 0.9 GB), in Markdown it is
/// printed.
#[cfg(feature = "pdf")]
#[test]
fn a_document_too_long_for_the_pdf_is_refused_before_layout() {
    let dir = folder();
    let source = dir.path().join("plan.yaml");
    fs::write(&source, plan(1_000)).unwrap();
    let pdf = dir.path().join("plan.pdf");
    let render = |format: &str, out: &Path| {
        ctg(&[
            "render",
            source.to_str().unwrap(),
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ])
    };
    let out = render("pdf", &pdf);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("document trop long pour le PDF (")
            && out.stderr.contains("384 Ko au plus")
            && out.stderr.contains("--format html"),
        "{}",
        out.stderr
    );
    assert!(!pdf.exists());
    assert_eq!(render("md", &dir.path().join("plan.md")).code, 0);
}

#[test]
fn paths_that_are_not_convention_files() {
    let dir = folder();
    let d = dir.path();
    let missing = d.join("absente.yaml");
    let out = ctg(&["validate", missing.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("absente.yaml: fichier ou dossier introuvable"),
        "{}",
        out.stderr
    );
    let out = ctg(&["--lang", "en", "validate", missing.to_str().unwrap()]);
    assert!(
        out.stderr
            .contains("absente.yaml: no such file or directory"),
        "{}",
        out.stderr
    );
    // A directory where a file is expected.
    let out = ctg(&["render", d.to_str().unwrap(), "--format", "md", "-o", "-"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("c'est un dossier"), "{}", out.stderr);
    let out = ctg(&["--lang", "en", "bilan", d.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("this is a directory"), "{}", out.stderr);
    // A symlink loop in a scanned folder: said, and the rest is checked.
    let looped: PathBuf = d.join("boucle.yaml");
    std::os::unix::fs::symlink(&looped, &looped).unwrap();
    std::os::unix::fs::symlink(d, d.join("moi")).unwrap();
    fs::write(d.join("bonne.yaml"), clean()).unwrap();
    let out = ctg(&["validate", "--format", "short", d.to_str().unwrap()]);
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("boucle.yaml"), "{}", out.stderr);
    assert!(out.stdout.contains("2 fichiers vérifiés"), "{}", out.stdout);
    // A file without read permission (not testable as root, who reads all).
    let locked = d.join("fermee.yaml");
    fs::write(&locked, clean()).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_err() {
        let out = ctg(&["validate", locked.to_str().unwrap()]);
        assert_eq!(out.code, 2);
        assert!(out.stderr.contains("fermee.yaml"), "{}", out.stderr);
    }
}

#[test]
fn a_fifo_named_yaml_does_not_block_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("tube.yaml");
    self::fifo(&fifo);
    let out = ctg(&["validate", fifo.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("pas un fichier ordinaire"),
        "{}",
        out.stderr
    );
    let out = ctg(&["--lang", "en", "validate", fifo.to_str().unwrap()]);
    assert!(out.stderr.contains("not a regular file"), "{}", out.stderr);
}

/// The clean convention in a folder with its referential and a `ctg.toml`.
fn repository() -> (tempfile::TempDir, PathBuf) {
    let dir = folder();
    let file = dir.path().join("ctg.yaml");
    fs::write(&file, clean()).unwrap();
    fs::write(dir.path().join("ctg.toml"), "[rules]\nCTG202 = \"off\"\n").unwrap();
    (dir, file)
}

#[test]
fn no_command_writes_over_a_file_it_reads() {
    let (dir, file) = repository();
    let d = dir.path();
    let file = file.to_str().unwrap();
    let sdsf = d.join("sdsf.yaml");
    let toml = d.join("ctg.toml");
    let before = |p: &Path| fs::read(p).unwrap();
    let (sdsf_bytes, toml_bytes) = (before(&sdsf), before(&toml));
    let refused = |args: &[&str]| {
        let out = ctg(args);
        assert_eq!(
            out.code,
            2,
            "ctg {}: {}{}",
            args.join(" "),
            out.stdout,
            out.stderr
        );
        assert!(
            out.stderr.contains("c'est un fichier que la commande lit"),
            "{}",
            out.stderr
        );
    };
    for target in [&sdsf, &toml] {
        let t = target.to_str().unwrap();
        refused(&["validate", file, "--format", "sarif", "-o", t]);
        refused(&["render", file, "--format", "md", "-o", t]);
        refused(&["bilan", file, "-o", t]);
        refused(&["report", d.to_str().unwrap(), "-o", t]);
    }
    // A template given, or found in the template folder.
    let template = d.join("modele.md");
    fs::write(&template, "{{ d.territoire.nom }}\n").unwrap();
    let t = template.to_str().unwrap();
    refused(&["render", file, "--format", "md", "--template", t, "-o", t]);
    let modeles = d.join("modeles");
    fs::create_dir(&modeles).unwrap();
    let inside = modeles.join("convention.md");
    fs::write(&inside, "{{ d.territoire.nom }}\n").unwrap();
    let m = modeles.to_str().unwrap();
    refused(&[
        "render",
        file,
        "--format",
        "md",
        "--templates",
        m,
        "-o",
        inside.to_str().unwrap(),
    ]);
    assert_eq!((before(&sdsf), before(&toml)), (sdsf_bytes, toml_bytes));
    assert_eq!(
        fs::read_to_string(&template).unwrap(),
        "{{ d.territoire.nom }}\n"
    );
    // Elsewhere, the same commands write.
    let elsewhere = d.join("rapport.sarif");
    let out = ctg(&[
        "validate",
        file,
        "--format",
        "sarif",
        "-o",
        elsewhere.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_pipe_a_device_or_a_link_is_written_to_not_replaced() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let (dir, file) = repository();
    let d = dir.path();
    let file = file.to_str().unwrap();
    // A link to /dev/null: the link stays, the device stays a device.
    let null = d.join("null.sarif");
    std::os::unix::fs::symlink("/dev/null", &null).unwrap();
    let out = ctg(&[
        "validate",
        file,
        "--format",
        "sarif",
        "-o",
        null.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(fs::symlink_metadata(&null)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    // A FIFO gets the report, and is still a FIFO.
    let fifo = d.join("tube.json");
    self::fifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let out = ctg(&[
        "validate",
        file,
        "--format",
        "json",
        "-o",
        fifo.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(reader.join().unwrap().contains("\"tool_errors\": []"));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    // A replaced file keeps its mode.
    let private = d.join("prive.md");
    fs::write(&private, "ancien").unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
    let out = ctg(&[
        "render",
        file,
        "--format",
        "md",
        "-o",
        private.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        fs::metadata(&private).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // No temporary file is left behind.
    let strays: Vec<_> = fs::read_dir(d)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".ctg-"))
        .collect();
    assert!(strays.is_empty(), "{strays:?}");
}

/// Whether a text holds a character a terminal would obey, not show.
fn obeyed(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| c != '\n' && ctg::text::terminal::is_hidden_control(c))
}

#[test]
fn nothing_hostile_reaches_a_terminal_or_a_document() {
    let dir = folder();
    let d = dir.path();
    // Escapes written the YAML way, and a raw bidi override.
    let evil = "\"x\\e]0;titre\\a\\e[2J\\r\\u009B\\e]8;;http://x\\e\\\\lien\\u202Ey\u{202e}z\"";
    let hostile = clean()
        .replace("intitule: Café des parents", &format!("intitule: {evil}"))
        .replace("champ: parentalite", &format!("champ: {evil}"))
        .replace("lieu: Remiremont", &format!("lieu: {evil}"));
    let file = d.join("hostile.yaml");
    fs::write(&file, &hostile).unwrap();
    let f = file.to_str().unwrap();
    let mut outputs = Vec::new();
    for format in ["human", "short", "github"] {
        let out = ctg(&["validate", "--format", format, f]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(
            out.stdout.contains("\\u{1b}"),
            "--format {format}: {}",
            out.stdout
        );
        outputs.push((format.to_string(), out.stdout));
    }
    // A convention the schema accepts, with the same values in free text.
    let readable = clean()
        .replace("intitule: Café des parents", &format!("intitule: {evil}"))
        .replace("lieu: Remiremont", &format!("lieu: {evil}"));
    let file = d.join("lisible.yaml");
    fs::write(&file, &readable).unwrap();
    let f = file.to_str().unwrap();
    let original = d.join("clean.yaml");
    fs::write(&original, clean()).unwrap();
    let diff = ctg(&["diff", original.to_str().unwrap(), f]);
    assert!(diff.stdout.contains("\\u{1b}"), "{}", diff.stdout);
    outputs.push(("diff".into(), diff.stdout));
    outputs.push((
        "diff md".into(),
        ctg(&["diff", "--format", "md", original.to_str().unwrap(), f]).stdout,
    ));
    outputs.push(("bilan".into(), ctg(&["bilan", f]).stdout));
    outputs.push((
        "bilan html".into(),
        ctg(&["bilan", "--format", "html", f]).stdout,
    ));
    let rendered = ctg(&["render", f, "--brouillon", "--format", "md", "-o", "-"]);
    assert_eq!(rendered.code, 0, "{}", rendered.stderr);
    outputs.push(("render md".into(), rendered.stdout));
    outputs.push((
        "render html".into(),
        ctg(&["render", f, "--brouillon", "--format", "html", "-o", "-"]).stdout,
    ));
    for (what, text) in &outputs {
        assert_eq!(obeyed(text), None, "{what}: {text}");
        assert!(!text.contains('\r'), "{what}");
    }
}

#[test]
fn review_pages_escape_what_conventions_hold() {
    let dir = folder();
    let d = dir.path();
    let text = clean()
        .replace(
            "unite: personnes",
            "unite: \"pers | 9 | <img src=x onerror=alert(1)>\"",
        )
        .replace(
            "intitule: Café des parents",
            "intitule: \"Café @caf-88 voir #123\"",
        )
        .replace("cible: 40", "cible: 40, realise: 10");
    let file = d.join("c.yaml");
    fs::write(&file, &text).unwrap();
    let f = file.to_str().unwrap();
    let bilan = ctg(&["bilan", f]).stdout;
    let row = bilan.lines().find(|l| l.contains("pers")).unwrap();
    // Seven cells: the unit's `|` does not shift the figures.
    assert_eq!(row.matches(" | ").count(), 5, "{row}");
    assert!(
        bilan.contains("\\<img") && !bilan.contains(" <img"),
        "{bilan}"
    );
    let original = d.join("avant.yaml");
    fs::write(&original, clean()).unwrap();
    let md = ctg(&["diff", "--format", "md", original.to_str().unwrap(), f]).stdout;
    assert!(md.contains("@&#8203;caf-88"), "{md}");
    assert!(md.contains("#&#8203;123"), "{md}");
    assert!(!md.contains("@caf") && !md.contains(" #123"), "{md}");
}

#[test]
fn a_finding_on_a_huge_line_shows_the_part_around_it() {
    let dir = folder();
    let long = "x".repeat(10_000_000);
    let text = clean().replace(
        "    champ: parentalite\n",
        &format!("    champ: parentalite\n    public: \"{long}\"\n    champ: jeunesse\n"),
    );
    let file = dir.path().join("longue.yaml");
    fs::write(&file, &text).unwrap();
    let out = ctg(&["validate", file.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.len() < 20_000, "{} bytes", out.stdout.len());
    assert!(
        out.stdout.contains("xxx…"),
        "{}",
        &out.stdout[..2000.min(out.stdout.len())]
    );
    assert!(
        out.stdout.contains("CTG001"),
        "{}",
        &out.stdout[..2000.min(out.stdout.len())]
    );
}

/// Makes a FIFO, or says loudly that the test needs `mkfifo`.
fn fifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(
        made.is_ok_and(|s| s.success()),
        "mkfifo is needed for this test"
    );
}

#[test]
fn every_file_ctg_reads_is_bounded_not_only_conventions() {
    let (dir, file) = repository();
    let d = dir.path();
    let f = file.to_str().unwrap();
    let toml = d.join("ctg.toml");
    let fails = |args: &[&str], said: &str| {
        let out = ctg(args);
        assert_eq!(
            out.code,
            2,
            "ctg {}: {}{}",
            args.join(" "),
            out.stdout,
            out.stderr
        );
        assert!(
            out.stderr.contains(said),
            "ctg {}: {}",
            args.join(" "),
            out.stderr
        );
    };
    // ctg.toml as a FIFO, a directory, a dangling link, a link loop, huge.
    fs::remove_file(&toml).unwrap();
    fifo(&toml);
    fails(
        &["validate", f],
        "ctg.toml: ce n'est pas un fichier ordinaire",
    );
    fs::remove_file(&toml).unwrap();
    fs::create_dir(&toml).unwrap();
    fails(&["validate", f], "ctg.toml: c'est un dossier");
    fs::remove_dir(&toml).unwrap();
    std::os::unix::fs::symlink(d.join("absent.toml"), &toml).unwrap();
    fails(&["validate", f], "ctg.toml: fichier ou dossier introuvable");
    fs::remove_file(&toml).unwrap();
    std::os::unix::fs::symlink(&toml, &toml).unwrap();
    fails(&["validate", f], "ctg.toml: trop de liens symboliques");
    fs::remove_file(&toml).unwrap();
    fs::write(&toml, "#".repeat(2_000_000)).unwrap();
    fails(&["validate", f], "ctg.toml: fichier trop volumineux (2 Mo)");
    fs::remove_file(&toml).unwrap();

    // Templates: a FIFO, /dev/zero, a huge file.
    let tube = d.join("modele.md");
    fifo(&tube);
    fn template<'a>(f: &'a str, t: &'a str) -> Vec<&'a str> {
        vec!["render", f, "--format", "md", "-o", "-", "--template", t]
    }
    fails(
        &template(f, tube.to_str().unwrap()),
        "pas un fichier ordinaire",
    );
    fails(&template(f, "/dev/zero"), "pas un fichier ordinaire");
    let big = d.join("gros.md");
    fs::write(&big, "x".repeat(40_000_000)).unwrap();
    fails(
        &template(f, big.to_str().unwrap()),
        "fichier trop volumineux (40 Mo)",
    );
    let modeles = d.join("modeles");
    fs::create_dir(&modeles).unwrap();
    fifo(&modeles.join("convention.md"));
    let out = ctg(&[
        "render",
        f,
        "--format",
        "md",
        "-o",
        "-",
        "--templates",
        modeles.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("pas un fichier ordinaire"),
        "{}",
        out.stderr
    );

    // Ignore files: a FIFO .gitignore, a huge .ignore, a FIFO exclude.
    let tree = d.join("depot");
    fs::create_dir_all(tree.join("sous/.git/info")).unwrap();
    fs::copy("tests/fixtures/rules/sdsf.yaml", tree.join("sdsf.yaml")).unwrap();
    let t = tree.to_str().unwrap();
    fifo(&tree.join(".gitignore"));
    fails(
        &["validate", t],
        ".gitignore: ce n'est pas un fichier ordinaire",
    );
    fs::remove_file(tree.join(".gitignore")).unwrap();
    fs::write(tree.join(".ignore"), "#\n".repeat(1_000_000)).unwrap();
    fails(&["validate", t], ".ignore: fichier trop volumineux (2 Mo)");
    fs::remove_file(tree.join(".ignore")).unwrap();
    fifo(&tree.join("sous/.git/info/exclude"));
    let out = ctg(&["validate", "--format", "json", t]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(json["tool_errors"][0]["file"]
        .as_str()
        .unwrap()
        .ends_with("sous/.git/info/exclude"));
    assert_eq!(json["summary"]["files"], 1, "the rest is still checked");
}

#[test]
fn a_broken_referential_is_shown_at_its_own_line() {
    let (dir, file) = repository();
    let sdsf = dir.path().join("sdsf.yaml");
    let text = fs::read_to_string(&sdsf).unwrap();
    fs::write(&sdsf, text.replacen("departement:", "departemnt:", 1)).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("departement:"))
        .unwrap()
        + 1;
    let at = format!("sdsf.yaml:{line}:1: CTG004");
    for format in ["short", "json", "sarif", "github", "junit", "human"] {
        let out = ctg(&["validate", "--format", format, file.to_str().unwrap()]);
        assert_eq!(out.code, 1);
        assert!(
            out.stdout.contains(&at),
            "--format {format}: {}",
            out.stdout
        );
    }
}

#[test]
fn amounts_figures_and_years_are_bounded_never_wrapped() {
    let dir = folder();
    let cases = [
        (
            "montant.yaml",
            clean().replace(
                "    champ: parentalite\n",
                "    champ: parentalite\n    budget: { montant: 200000000000000000 }\n",
            ),
            "error CTG002 valeur hors limites : « 200000000000000000 » (de 0 à 1\u{202f}000\u{202f}000\u{202f}000\u{202f}000)",
        ),
        (
            "negatif.yaml",
            clean().replace(
                "    champ: parentalite\n",
                "    champ: parentalite\n    budget: { montant: -5 }\n",
            ),
            "error CTG002 valeur hors limites : « -5 »",
        ),
        (
            "cible.yaml",
            clean().replace("cible: 40", "cible: 9223372036854775807"),
            "error CTG002 valeur hors limites : « 9223372036854775807 »",
        ),
        (
            "realise.yaml",
            clean().replace("cible: 40", "cible: 40, realise: 1e308"),
            "error CTG002 valeur hors limites : « 1e308 »",
        ),
        (
            "population.yaml",
            clean().replace("population: 29826", "population: 18446744073709551615"),
            "error CTG002 nombre trop grand : 18446744073709551615",
        ),
        (
            "an-zero.yaml",
            clean().replace("date: 2022-12-15", "date: 0000-01-01"),
            "error CTG002 date invalide « 0000-01-01 » : l'année doit être entre 1980 et 2100",
        ),
        (
            "calendrier.yaml",
            clean().replace("debut: 2023-09, fin: 2025", "debut: 2023-09, fin: 9999"),
            "error CTG002 date invalide « 9999 » : l'année doit être entre 1980 et 2100",
        ),
    ];
    for (name, text, said) in cases {
        let out = check(dir.path(), name, text.as_bytes());
        assert_eq!(out.code, 1, "{name}: {}", out.stdout);
        assert!(out.stdout.contains(said), "{name}: {}", out.stdout);
    }
    // The command line's dates say what is wrong with them, too.
    let f = dir.path().join("clean.yaml");
    fs::write(&f, clean()).unwrap();
    let out = ctg(&["bilan", f.to_str().unwrap(), "--au", "2023-02-30"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("« 2023-02-30 » : ce jour n'existe pas"),
        "{}",
        out.stderr
    );
}

#[test]
fn usage_errors_and_help_are_french_by_default() {
    let cases: [(&[&str], &str); 6] = [
        (&["validate", "--formt", "x"], "ctg : erreur : argument inattendu « --formt »\n  vouliez-vous dire « --format » ?"),
        (&["validate", "--format", "x"], "valeur « x » invalide pour « --format <FORMAT> »\n  valeurs possibles : human, short, json, github, sarif, junit"),
        (&["rendr"], "commande inconnue « rendr »\n  vouliez-vous dire « report » ou « render » ?"),
        (&["render"], "argument obligatoire absent : <FILE>"),
        (&["new", "--duree", "40"], "40 n'est pas entre 1 et 10"),
        (&["render", "x", "--template", "a", "--templates", "b"], "ne s'emploie pas avec"),
    ];
    for (args, said) in cases {
        let out = ctg(args);
        assert_eq!(out.code, 2, "{args:?}");
        assert!(out.stderr.contains(said), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("Pour en savoir plus : --help"),
            "{}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("error:") && !out.stderr.contains("Usage:"),
            "{}",
            out.stderr
        );
    }
    let help = ctg(&["validate", "--help"]);
    assert_eq!(help.code, 0);
    for english in ["Print help", "Usage:", "possible values", "default:"] {
        assert!(!help.stdout.contains(english), "{english}: {}", help.stdout);
    }
    assert!(
        help.stdout.contains("Utilisation : ctg validate"),
        "{}",
        help.stdout
    );
    // English on demand, even before --lang is parsed.
    let out = ctg(&["--lang", "en", "validate", "--formt"]);
    assert!(
        out.stderr
            .starts_with("error: unexpected argument '--formt'"),
        "{}",
        out.stderr
    );
    let out = ctg(&["--lang", "en", "validate", "nulle-part.yaml"]);
    assert!(
        out.stderr.starts_with("ctg: error: nulle-part.yaml"),
        "{}",
        out.stderr
    );
}

#[test]
fn french_at_the_right_place_for_what_people_paste_and_type() {
    let dir = folder();
    let d = dir.path();
    // A no-break space after a colon, from a word processor.
    let out = check(
        d,
        "insecable.yaml",
        clean()
            .replace("lieu: Remiremont", "lieu:\u{a0}Remiremont")
            .as_bytes(),
    );
    let (code, finding) = one_finding(&out);
    assert_eq!(code, 1);
    let line = clean()
        .lines()
        .position(|l| l.contains("lieu: Remiremont"))
        .unwrap()
        + 1;
    assert_eq!(
        finding,
        format!("{line}:7: error CTG001 syntaxe YAML invalide : espace insécable après « : » (texte collé depuis un traitement de texte ?)")
    );
    // The parser's messages in French.
    for (name, text, said) in [
        (
            "indent.yaml",
            "document: convention\nversion: 1\nterritoire:\n  nom: x\n sigle: y\n",
            "indentation",
        ),
        (
            "ancre.yaml",
            "document: convention\nversion: 1\na: *inconnu\n",
            "alias vers une ancre inconnue",
        ),
        (
            "echappement.yaml",
            "a: \"x\\qy\"\n",
            "séquence d'échappement inconnue",
        ),
    ] {
        let out = check(d, name, text.as_bytes());
        assert!(out.stdout.contains(said), "{name}: {}", out.stdout);
        assert!(
            !out.stdout.contains("while parsing"),
            "{name}: {}",
            out.stdout
        );
    }
    // Decomposed accents are the same letters.
    let nfd = clean().replace("Éloyes", "E\u{301}loyes");
    let out = check(d, "nfd.yaml", nfd.as_bytes());
    assert_eq!(out.code, 0, "{}", out.stdout);
    let out = ctg(&["territoire", "porte des vosges me\u{301}ridionales"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // `!!str` makes a text of what looks like a number.
    let tagged = clean().replace("siren: \"200068377\"", "siren: !!str 200068377");
    let out = check(d, "str.yaml", tagged.as_bytes());
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[test]
fn configuration_and_template_errors_are_french() {
    let (dir, file) = repository();
    let d = dir.path();
    let f = file.to_str().unwrap();
    let toml = d.join("ctg.toml");
    for (text, said) in [
        (
            "[regles]\n",
            "ctg.toml:1:2: champ inconnu « regles » (champs possibles : rules, render)",
        ),
        (
            "[rules]\nCTG202 = 1\n",
            "ctg.toml:2:10: type invalide : nombre entier `1`, un texte est attendu",
        ),
        ("[rules\n", "ctg.toml:1:7: syntaxe TOML invalide"),
    ] {
        fs::write(&toml, text).unwrap();
        let out = ctg(&["validate", f]);
        assert_eq!(out.code, 2);
        assert!(out.stderr.contains(said), "{}", out.stderr);
        // A finding like any other: its code and the snippet of ctg.toml.
        assert!(
            out.stderr.contains("ctg.toml:") && out.stderr.contains("╭─["),
            "{}",
            out.stderr
        );
        let json: serde_json::Value =
            serde_json::from_str(&ctg(&["validate", "--format", "json", f]).stdout).unwrap();
        assert!(json["tool_errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains(said));
    }
    fs::remove_file(&toml).unwrap();
    let template = d.join("t.md");
    fs::write(&template, "{% include \"absent.j2\" %}\n").unwrap();
    let out = ctg(&[
        "render",
        f,
        "--format",
        "md",
        "-o",
        "-",
        "--template",
        template.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("modèle introuvable\u{a0}: «\u{a0}absent.j2\u{a0}»"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("template not found"), "{}", out.stderr);
}

#[test]
fn the_source_hash_is_of_the_bytes_as_read_bom_included() {
    let dir = folder();
    let file = dir.path().join("bom.yaml");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(clean().as_bytes());
    fs::write(&file, &bytes).unwrap();
    let out = ctg(&[
        "render",
        file.to_str().unwrap(),
        "--format",
        "md",
        "-o",
        "-",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sha = ctg::render::sha256_hex(&bytes);
    assert!(
        out.stdout.starts_with(&format!(
            "<!-- ctg {} · source bom.yaml · sha256 {sha} -->",
            env!("CARGO_PKG_VERSION")
        )),
        "{}",
        &out.stdout[..200]
    );
}
