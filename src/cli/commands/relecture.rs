//! `ctg relecture`: the legal service's tracked changes and comments, read
//! back from a reviewed .docx or .odt at the YAML line they belong to, and
//! with `--apply` written into the YAML (README, "La relecture").

use crate::check::{Checker, FileReport};
use crate::cli::common::{err_prefix, read_at_most, read_convention, utf8_arg};
use crate::cli::write_back::{write_back, Mode};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use crate::edit::{self, Edit};
use crate::review::{self, Kind, Review};
use crate::schema::Document;
use camino::Utf8Path;
use std::ffi::OsString;
use std::io;

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFormat {
    Human,
    Short,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct RelectureArgs {
    /// Le document relu (.docx ou .odt rendu par ctg, avec ses modifications suivies)
    file: OsString,
    /// La convention YAML (par défaut : celle que le document nomme, à côté de lui)
    #[arg(long)]
    source: Option<OsString>,
    /// Format du rapport
    #[arg(long, value_enum, default_value_t = ReviewFormat::Human)]
    format: ReviewFormat,
    /// Écrit les modifications dans la source YAML (acceptées ou en attente)
    #[arg(long)]
    apply: bool,
    /// Avec --apply : seulement les modifications déjà acceptées dans le document
    #[arg(long)]
    accepted_only: bool,
    /// Montre ce que --apply changerait, sans rien écrire
    #[arg(long)]
    diff: bool,
}

/// One line of the report: where, what.
struct Line {
    /// `file:line:col`, or "texte du modèle".
    at: String,
    path: Option<String>,
    kind: &'static str,
    author: Option<String>,
    date: Option<String>,
    old: String,
    new: String,
}

pub fn relecture_cmd(args: RelectureArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let fail = |io: &mut Io, msg: String| -> io::Result<ExitStatus> {
        writeln!(io.err, "{}{msg}", err_prefix(lang))?;
        Ok(ExitStatus::Failure)
    };
    let Some(file) = utf8_arg(args.file, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let Some(bytes) = read_at_most(&file, review::MAX_FILE, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let reviewed = match review::read(&bytes) {
        Ok(r) => r,
        Err(why) => return fail(io, format!("{file}: {why}")),
    };
    let source = match args.source {
        Some(s) => match utf8_arg(s, lang, io)? {
            Some(s) => s,
            None => return Ok(ExitStatus::Failure),
        },
        None => match &reviewed.source_name {
            Some(name) if !name.contains(['/', '\\']) => {
                file.parent().unwrap_or(Utf8Path::new("")).join(name)
            }
            _ => {
                return fail(
                    io,
                    format!("{file}: le document ne nomme pas sa source : donnez-la avec --source"),
                )
            }
        },
    };
    let checker = Checker::new(false, lang);
    let Some(report) = read_convention(&checker, source.clone().into(), lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let text = report.source.text.clone();
    let sha = crate::render::sha256_hex(&report.source.bytes_as_read());
    if reviewed.source_sha256.as_deref().is_some_and(|s| s != sha) {
        writeln!(
            io.err,
            "{}",
            lang.pick(
                &format!("ctg : attention : {source} a changé depuis que le document a été rendu ; ce qui peut être placé l'est"),
                &format!("ctg: warning: {source} changed since the document was rendered; what can be placed is"),
            )
        )?;
    }
    let tree = match crate::load::parse(&text) {
        Ok(t) => t,
        Err(_) => return fail(io, format!("{source}: YAML illisible")),
    };
    let lines = report_lines(&reviewed, &tree, &report, lang);
    match args.format {
        ReviewFormat::Json => write_json(io, &source, &lines)?,
        ReviewFormat::Short => {
            for l in &lines {
                let said = said(l);
                writeln!(
                    io.out,
                    "{}: {} {}",
                    l.at,
                    l.kind,
                    crate::text::terminal::visible(&said)
                )?;
            }
        }
        ReviewFormat::Human => {
            for l in &lines {
                let who = match (&l.author, &l.date) {
                    (Some(a), Some(d)) => format!(" — {a}, {d}"),
                    (Some(a), None) => format!(" — {a}"),
                    _ => String::new(),
                };
                let path = l
                    .path
                    .as_deref()
                    .map_or(String::new(), |p| format!(" ({p})"));
                // What the document says reaches the terminal with its
                // control characters written out.
                let who = crate::text::terminal::visible(&who);
                writeln!(io.out, "{}{path} : {}{who}", l.at, l.kind)?;
                // The YAML line the change belongs to, as the editor shows it.
                let node = l.path.as_deref().and_then(|p| edit::node_at(&tree, p));
                if let Some(id) = node {
                    let at = report.source.line_col(tree.span(id).start);
                    let line = text.lines().nth(at.line - 1).unwrap_or("");
                    let shown = crate::text::terminal::visible(line);
                    writeln!(io.out, "  {:>4} │ {shown}", at.line)?;
                }
                writeln!(
                    io.out,
                    "       {}",
                    crate::text::terminal::visible(&said(l))
                )?;
            }
            writeln!(
                io.out,
                "{} ; {}",
                crate::report::plural(
                    lang,
                    lines.len(),
                    "modification ou commentaire",
                    "modifications et commentaires"
                ),
                file
            )?;
        }
    }
    if !args.apply && !args.diff {
        return Ok(ExitStatus::Clean);
    }
    // What ctg printed from the source as it is: the same format, read the
    // same way; a passage whose text differs from it was changed.
    let printed = match printed_passages(&checker, &report, &source, &file) {
        Ok(p) => p,
        Err(why) => return fail(io, why),
    };
    let (candidates, refused) = edits(&reviewed, &printed, &tree, args.accepted_only);
    for why in &refused {
        writeln!(io.err, "ctg : {why}")?;
    }
    let mode = Mode {
        diff: args.diff || !args.apply,
        write: args.apply && !args.diff,
        label: "relu",
    };
    let Some(left) = write_back(io, lang, &checker, &source, &text, candidates, mode)? else {
        return Ok(ExitStatus::Failure);
    };
    let refused = refused.len() + left;
    Ok(if refused == 0 {
        ExitStatus::Clean
    } else {
        ExitStatus::Findings
    })
}

fn said(l: &Line) -> String {
    match l.kind {
        "insertion" if l.path.is_none() && !l.old.is_empty() => {
            format!("+ « {} » dans « {} »", l.new.trim(), l.old)
        }
        "insertion" => format!("+ « {} »", l.new),
        "suppression" => format!("- « {} »", l.old),
        "commentaire" => format!("« {} » sur « {} »", l.new, l.old),
        _ => format!("« {} » → « {} »", l.old, l.new),
    }
}

fn report_lines(
    r: &Review,
    tree: &crate::load::Tree,
    report: &FileReport,
    _lang: Lang,
) -> Vec<Line> {
    let at = |path: &Option<String>| match path.as_deref().and_then(|p| edit::node_at(tree, p)) {
        Some(id) => {
            let lc = report.source.line_col(tree.span(id).start);
            format!("{}:{}:{}", report.source.path, lc.line, lc.column)
        }
        None if path.is_some() => "passage introuvable dans la source".to_string(),
        None => "texte du modèle".to_string(),
    };
    let mut lines: Vec<Line> = r
        .changes
        .iter()
        .map(|c| Line {
            at: at(&c.path),
            path: c.path.clone(),
            kind: match c.kind {
                Kind::Insertion => "insertion",
                Kind::Deletion => "suppression",
                Kind::Replacement => "remplacement",
            },
            author: c.author.clone(),
            date: dated(&c.date),
            old: if c.path.is_none() && c.kind == Kind::Insertion {
                c.context.clone()
            } else {
                c.old.clone()
            },
            new: c.new.clone(),
        })
        .collect();
    lines.extend(r.comments.iter().map(|c| Line {
        at: at(&c.path),
        path: c.path.clone(),
        kind: "commentaire",
        author: c.author.clone(),
        date: dated(&c.date),
        old: c.on.clone(),
        new: c.text.clone(),
    }));
    lines
}

/// A change's date, unless it is the zero date LibreOffice writes for a
/// comment whose date was never set (`0-00-00T00:00:00`).
fn dated(date: &Option<String>) -> Option<String> {
    date.clone()
        .filter(|d| !d.trim_start_matches('0').starts_with(['-', 'T']) && !d.is_empty())
}

fn write_json(io: &mut Io, source: &Utf8Path, lines: &[Line]) -> io::Result<()> {
    let items: Vec<serde_json::Value> = lines
        .iter()
        .map(|l| {
            serde_json::json!({
                "at": l.at,
                "path": l.path,
                "kind": l.kind,
                "author": l.author,
                "date": l.date,
                "old": l.old,
                "new": l.new,
            })
        })
        .collect();
    let doc = serde_json::json!({ "source": source.as_str(), "changes": items });
    writeln!(
        io.out,
        "{}",
        serde_json::to_string_pretty(&doc).map_err(io::Error::other)?
    )
}

/// The passages of the document ctg renders from the source now, in the
/// reviewed file's format.
fn printed_passages(
    checker: &Checker,
    report: &FileReport,
    source: &Utf8Path,
    file: &Utf8Path,
) -> Result<std::collections::HashMap<String, review::Passage>, String> {
    use crate::render::{Format, Job, Templates};
    let Some(Document::Convention(c)) = &report.document else {
        return Err(format!("{source}: pas une convention"));
    };
    let format = if file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("odt"))
    {
        Format::Odt
    } else {
        Format::Docx
    };
    let sdsf = checker.sdsf_of(source, c);
    let modele = checker.modele_for_print(source, c);
    let projet = !checker.signature_blockers(report).is_empty();
    let job = Job {
        convention: c,
        sdsf: sdsf.as_deref(),
        source_bytes: &report.source.bytes_as_read(),
        source_name: source.file_name().unwrap_or(source.as_str()),
        format,
        templates: &Templates::Builtin,
        modele: &modele,
        projet,
        reference: None,
    };
    let bytes = crate::render::render(&job).map_err(|e| e.to_string())?;
    review::read(&bytes).map(|r| r.passages)
}

/// Text as typed: the typographic apostrophe and the no-break spaces ctg
/// prints are a plain apostrophe and a space in the source.
fn plain(s: &str) -> String {
    s.replace('’', "'")
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The edits the reviewed passages ask for, and why the others cannot be
/// made.
fn edits(
    reviewed: &Review,
    printed: &std::collections::HashMap<String, review::Passage>,
    tree: &crate::load::Tree,
    accepted_only: bool,
) -> (Vec<(String, Edit)>, Vec<String>) {
    use crate::render::ancre::path_of_bookmark;
    let mut wanted: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    // A passage replaced or deleted whole: its new text is the change's.
    let mut whole = std::collections::HashSet::new();
    for c in reviewed.changes.iter().filter(|_| !accepted_only) {
        let (Some(b), Some(path)) = (&c.bookmark, &c.path) else {
            continue;
        };
        let Some(was) = printed.get(b) else {
            continue;
        };
        if matches!(c.kind, Kind::Replacement | Kind::Deletion)
            && plain(&c.old) == plain(&was.after)
        {
            wanted.entry(path.clone()).or_default().push(c.new.clone());
            whole.insert(b.clone());
        }
    }
    for (name, passage) in &reviewed.passages {
        if whole.contains(name) {
            continue;
        }
        let (Some(path), Some(was)) = (path_of_bookmark(name), printed.get(name)) else {
            continue;
        };
        let now = if accepted_only {
            &passage.before
        } else {
            &passage.after
        };
        if plain(now) != plain(&was.after) {
            wanted.entry(path).or_default().push(now.clone());
        }
    }
    let mut edits = Vec::new();
    let mut refused = Vec::new();
    for (path, news) in wanted {
        let first = plain(&news[0]);
        if news.iter().any(|n| plain(n) != first) {
            refused.push(format!("{path} : deux passages du même texte disent des choses différentes ; à reporter à la main"));
            continue;
        }
        let Some(old) = edit::value_at(tree, &path) else {
            refused.push(format!("{path} : pas une valeur de texte dans la source"));
            continue;
        };
        let printed_text = printed
            .iter()
            .find(|(n, _)| path_of_bookmark(n).as_deref() == Some(path.as_str()))
            .map(|(_, p)| plain(&p.after))
            .unwrap_or_default();
        // A date is printed in words: the new words are read back as a date.
        let first = match crate::model::date::parse_date(old.trim()) {
            Ok(_) => match crate::model::date::from_long_fr(&first) {
                Some(d) => d.format("%Y-%m-%d").to_string(),
                None => {
                    refused.push(format!(
                        "{path} : « {first} » n'est pas une date (attendu : jour mois année, comme « {printed_text} ») ; laissée au coordinateur"
                    ));
                    continue;
                }
            },
            Err(_) if printed_text != plain(old) => {
                refused.push(format!(
                    "{path} : imprimé autrement qu'écrit dans la source (« {printed_text} ») ; la modification est à reporter à la main"
                ));
                continue;
            }
            Err(_) => first,
        };
        if first.is_empty() && !path.ends_with(']') {
            refused.push(format!(
                "{path} : la modification rendrait la convention invalide (valeur vidée) ; laissée au coordinateur"
            ));
            continue;
        }
        let result = if first.is_empty() {
            edit::remove_item(tree, &path)
        } else {
            edit::replace_scalar(tree, &path, &first)
        };
        match result {
            Ok(e) => edits.push((path, e)),
            Err(why) => refused.push(format!("{path} : {why}")),
        }
    }
    (edits, refused)
}
