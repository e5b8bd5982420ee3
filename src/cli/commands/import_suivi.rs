//! `ctg import-suivi`: the realised values and statuses the partners filled
//! in the copil's spreadsheet (`ctg export`), written into the convention.

use crate::check::Checker;
use crate::cli::common::{err_prefix, read_at_most, read_convention, utf8_arg};
use crate::cli::write_back::{write_back, Mode};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use crate::edit::{self, Edit};
use crate::model::{Closed, Convention, Realise, StatutAction};
use crate::render::tableur;
use crate::suivi::{self, Grid, Value};
use crate::text::suggest::fold;
use chrono::Datelike;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io;

#[derive(clap::Args, Debug)]
pub struct ImportSuiviArgs {
    /// Le classeur rempli : .xlsx, .ods ou .csv (tel que ctg export l'a écrit)
    file: OsString,
    /// La convention où reporter les valeurs
    #[arg(long = "dans", visible_alias = "into")]
    dans: OsString,
    /// Montre ce qui serait écrit, sans rien écrire
    #[arg(long)]
    diff: bool,
}

/// A cell that could not be taken: where, and why.
struct Refus {
    at: String,
    why: String,
}

impl Refus {
    /// A formula: never evaluated, the value is to be typed.
    fn formula(at: String) -> Refus {
        Refus {
            at,
            why: "formule : ctg n'évalue pas les formules ; saisissez la valeur".into(),
        }
    }
}

pub fn import_suivi_cmd(args: ImportSuiviArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let fail = |io: &mut Io, msg: String| -> io::Result<ExitStatus> {
        writeln!(io.err, "{}{msg}", err_prefix(lang))?;
        Ok(ExitStatus::Failure)
    };
    let Some(file) = utf8_arg(args.file, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let Some(bytes) = read_at_most(&file, suivi::MAX_FILE, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let csv = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let mut grids = match suivi::read(&bytes, csv) {
        Ok(g) => g,
        Err(why) => return fail(io, format!("{file}: {why}")),
    };
    // A .csv is one sheet: the one its header says.
    for g in grids.iter_mut().filter(|g| g.name.is_empty()) {
        g.name = if g.column(tableur::ANNEE).is_some() {
            tableur::INDICATEURS
        } else if g.column(tableur::STATUT).is_some() {
            tableur::ACTIONS
        } else {
            tableur::SIGNATAIRES
        }
        .to_string();
    }
    let checker = Checker::new(false, lang);
    let Some(report) = read_convention(&checker, args.dans, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let Some(crate::schema::Document::Convention(c)) = &report.document else {
        return Ok(ExitStatus::Failure);
    };
    let source = report.source.path.clone();
    let text = report.source.text.clone();
    let Ok(tree) = crate::load::parse(&text) else {
        return fail(io, format!("{source}: YAML illisible"));
    };
    let mut refus = Vec::new();
    let mut candidates = Vec::new();
    let sheet = |name: &str| grids.iter().find(|g| g.name == name);
    if let Some(g) = sheet(tableur::ACTIONS) {
        statuses(g, c, &tree, &mut candidates, &mut refus);
    }
    if let Some(g) = sheet(tableur::INDICATEURS) {
        realised(g, c, &tree, &mut candidates, &mut refus);
    }
    if sheet(tableur::ACTIONS).is_none() && sheet(tableur::INDICATEURS).is_none() {
        return fail(
            io,
            format!("{file}: ni feuille « Actions » ni feuille « Indicateurs » : pas un classeur de ctg export"),
        );
    }
    for r in &refus {
        writeln!(io.err, "{file}:{} : {}", r.at, r.why)?;
    }
    let mode = Mode {
        diff: args.diff,
        write: !args.diff,
        label: "suivi",
    };
    let Some(left) = write_back(io, lang, &checker, &source, &text, candidates, mode)? else {
        return Ok(ExitStatus::Failure);
    };
    Ok(if refus.is_empty() && left == 0 {
        ExitStatus::Clean
    } else {
        ExitStatus::Findings
    })
}

/// The row's action: the one its node names when its id matches, else the
/// one with that id.
fn action_of(g: &Grid, row: usize, c: &Convention, id_col: usize) -> Option<usize> {
    let node = match g.cell(row, 0) {
        Value::Text(t) => t.trim().to_string(),
        _ => String::new(),
    };
    let id = match g.cell(row, id_col) {
        Value::Text(t) => t.trim().to_string(),
        Value::Number(n) => crate::text::figures::number(*n).replace(',', "."),
        Value::Empty => String::new(),
    };
    let index = node
        .strip_prefix("actions[")
        .and_then(|r| r.split(']').next())
        .and_then(|i| i.parse::<usize>().ok());
    match index {
        Some(i) if c.actions.get(i).is_some_and(|a| a.id.value == id) => Some(i),
        _ => c.actions.iter().position(|a| a.id.value == id),
    }
}

/// `Actions`: each row's status, where it differs from the convention's.
fn statuses(
    g: &Grid,
    c: &Convention,
    tree: &crate::load::Tree,
    candidates: &mut Vec<(String, Edit)>,
    refus: &mut Vec<Refus>,
) {
    let (Some(id_col), Some(col)) = (g.column(tableur::ID), g.column(tableur::STATUT)) else {
        return;
    };
    for row in g.filled_rows() {
        let at = suivi::reference(&g.name, row, col);
        let Some(i) = action_of(g, row, c, id_col) else {
            refus.push(Refus {
                at: suivi::reference(&g.name, row, 0),
                why: "ligne inconnue : aucune action de la convention n'a ce nœud ni cet id".into(),
            });
            continue;
        };
        if g.formulas.contains(&(row, col)) {
            refus.push(Refus::formula(at));
            continue;
        }
        let written = match g.cell(row, col) {
            Value::Text(t) => t.trim().to_string(),
            _ => continue,
        };
        let Some(statut) = StatutAction::ALL
            .iter()
            .copied()
            .find(|s| fold(s.label(Lang::Fr)) == fold(&written) || s.key() == written)
        else {
            let labels: Vec<&str> = StatutAction::ALL
                .iter()
                .map(|s| s.label(Lang::Fr))
                .collect();
            refus.push(Refus {
                at,
                why: format!("statut « {written} » inconnu ({})", labels.join(", ")),
            });
            continue;
        };
        if statut == c.actions[i].statut() {
            continue;
        }
        match edit::set_key(tree, &format!("actions[{i}]"), "statut", statut.key()) {
            Ok(e) => candidates.push((format!("actions[{i}].statut"), e)),
            Err(why) => refus.push(Refus {
                at,
                why: why.to_string(),
            }),
        }
    }
}

/// `Indicateurs`: each indicator's values by year; written as
/// `realise: { 2023: 12, 2024: 18 }` where they differ from the
/// convention's (an empty cell removes nothing).
fn realised(
    g: &Grid,
    c: &Convention,
    tree: &crate::load::Tree,
    candidates: &mut Vec<(String, Edit)>,
    refus: &mut Vec<Refus>,
) {
    let (Some(year_col), Some(col)) = (g.column(tableur::ANNEE), g.column(tableur::REALISE)) else {
        return;
    };
    let (first, last) = (c.periode.debut.value.year(), c.periode.fin.value.year());
    let mut by_node: BTreeMap<(usize, usize), BTreeMap<i32, f64>> = BTreeMap::new();
    for row in g.filled_rows() {
        let node = match g.cell(row, 0) {
            Value::Text(t) => t.trim().to_string(),
            _ => String::new(),
        };
        let indices = node
            .strip_prefix("actions[")
            .and_then(|r| r.split_once("].indicateurs["))
            .and_then(|(a, i)| {
                Some((
                    a.parse::<usize>().ok()?,
                    i.trim_end_matches(']').parse::<usize>().ok()?,
                ))
            })
            .filter(|(a, i)| {
                c.actions
                    .get(*a)
                    .and_then(|a| a.indicateurs.as_ref())
                    .is_some_and(|l| *i < l.len())
            });
        let Some((a, i)) = indices else {
            refus.push(Refus {
                at: suivi::reference(&g.name, row, 0),
                why: format!("ligne inconnue : la convention n'a pas d'indicateur « {node} »"),
            });
            continue;
        };
        let at = suivi::reference(&g.name, row, col);
        if g.formulas.contains(&(row, col)) {
            refus.push(Refus::formula(at));
            continue;
        }
        let value = g.cell(row, col);
        if *value == Value::Empty {
            continue;
        }
        let Some(n) = suivi::number(value) else {
            let Value::Text(t) = value else { continue };
            refus.push(Refus {
                at,
                why: format!("« {t} » n'est pas un nombre"),
            });
            continue;
        };
        let year = suivi::number(g.cell(row, year_col))
            .filter(|y| y.fract() == 0.0)
            .map(|y| y as i32);
        match year {
            Some(y) if (first..=last).contains(&y) => {
                by_node.entry((a, i)).or_default().insert(y, n);
            }
            _ => refus.push(Refus {
                at: suivi::reference(&g.name, row, year_col),
                why: format!("année hors de la période de la convention ({first}–{last})"),
            }),
        }
    }
    for ((a, i), years) in by_node {
        let ind = &c.actions[a].indicateurs.as_ref().expect("checked above")[i];
        let mut merged: BTreeMap<i32, f64> = BTreeMap::new();
        match ind.realise.as_ref().map(|r| &r.value) {
            // One value, read back as written on its row: nothing new.
            Some(Realise::Valeur(v)) if years.len() == 1 && years.values().all(|n| n == v) => {
                continue
            }
            Some(Realise::ParAnnee(known)) => {
                merged.extend(known.iter().map(|(y, v)| (*y, v.value)));
            }
            _ => {}
        }
        let before = merged.clone();
        merged.extend(years);
        if merged == before
            && !matches!(
                ind.realise.as_ref().map(|r| &r.value),
                Some(Realise::Valeur(_))
            )
        {
            continue;
        }
        let yaml = format!(
            "{{ {} }}",
            merged
                .iter()
                .map(|(y, v)| format!("{y}: {}", crate::text::figures::plain(*v)))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let path = format!("actions[{a}].indicateurs[{i}]");
        match edit::set_key(tree, &path, "realise", &yaml) {
            Ok(e) => candidates.push((format!("{path}.realise"), e)),
            Err(why) => refus.push(Refus {
                at: path,
                why: why.to_string(),
            }),
        }
    }
}
