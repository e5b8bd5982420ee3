//! `ctg new`: a complete, commented draft of a convention for an EPCI,
//! its territory filled from the official geography, every unknown marked
//! `À COMPLÉTER` so that `ctg validate` lists what is left to write.

use crate::geo::{self, quoted, Epci};
use crate::model::{Champ, Closed, Sdsf};
use crate::render::typo::Markup;
use crate::render::{RenderError, Templates};
use camino::{Utf8Path, Utf8PathBuf};
use minijinja::{context, Value};

/// The mark `ctg validate` reports (CTG308) until it is replaced.
pub const TODO: &str = "À COMPLÉTER";

/// The champs a draft declares: the Cnaf floor and access to rights, the
/// most common fourth one.
const DRAFT_CHAMPS: [Champ; 4] = [
    Champ::PetiteEnfance,
    Champ::Jeunesse,
    Champ::Parentalite,
    Champ::AccesAuxDroits,
];

/// The territory of a draft.
pub enum Territory<'a> {
    /// An EPCI, and whether each of its communes signs too.
    Epci(&'a Epci, bool),
    /// One commune, or several without their EPCI: each signs.
    Communes(Vec<geo::Commune>),
}

/// What the draft is for.
pub struct Request<'a> {
    pub territory: Territory<'a>,
    /// The official geography the territory comes from.
    pub geo: &'a geo::Geo,
    /// First calendar year of the convention.
    pub debut: i32,
    /// Number of calendar years.
    pub duree: u32,
    /// The SDSF referential of the département, if one was found, with its
    /// path relative to the draft's folder.
    pub sdsf: Option<(&'a Sdsf, String)>,
    /// The JSON Schema for the editor's `yaml-language-server` line,
    /// relative to the draft's folder.
    pub schema: String,
}

/// Where the draft's editor finds the convention's JSON Schema, relative
/// to `dir`: `schemas/convention-v1.schema.json` in the folder or one above
/// it (as `ctg init` lays it out), up to the repository's root; else where
/// `ctg init` would put it at that root (or in `dir`).
pub fn schema_path(dir: &Utf8Path) -> String {
    const SCHEMA: &str = "schemas/convention-v1.schema.json";
    let Ok(dir) = dir.canonicalize_utf8() else {
        return SCHEMA.into();
    };
    let mut root = None;
    for (up, ancestor) in dir.ancestors().enumerate().take(8) {
        if ancestor.join(SCHEMA).is_file() {
            return format!("{}{SCHEMA}", "../".repeat(up));
        }
        if ancestor.join(".git").exists() {
            root = Some(up);
            break;
        }
    }
    format!("{}{SCHEMA}", "../".repeat(root.unwrap_or(0)))
}

impl Territory<'_> {
    /// The département most of the territory's communes are in.
    pub fn departement(&self, g: &geo::Geo) -> &'static str {
        match self {
            Territory::Epci(epci, _) => {
                geo::departements_of(g, epci).first().map_or("", |(d, _)| d)
            }
            Territory::Communes(communes) => communes.first().map_or("", |c| c.departement),
        }
    }
}

/// The short name the convention's text uses for the EPCI.
fn epci_alias(epci: &Epci) -> &'static str {
    match epci.nature {
        "CA" => "la Communauté d'agglomération",
        "CU" => "la Communauté urbaine",
        "METRO" => "la Métropole",
        "EPT" => "l'Établissement public territorial",
        _ => "la Communauté de communes",
    }
}

/// The draft's YAML text, from the template `new.yaml` (the built-in one,
/// or the one of `templates`): every value given ready to paste, marked
/// safe.
pub fn draft(req: &Request, templates: &Templates) -> Result<String, RenderError> {
    let raw = |t: &str| Value::from_safe_string(t.to_string());
    let g = req.geo;
    let dep = req.territory.departement(g);
    let of_dep = geo::of_departement(dep).unwrap_or_else(|| format!("du {dep}"));
    let fin = req.debut + req.duree as i32 - 1;
    let others: Vec<&str> = Champ::ALL
        .iter()
        .filter(|c| !DRAFT_CHAMPS.contains(c))
        .map(|c| c.key())
        .collect();
    let (sdsf_path, sdsf_intitule, orientations) = match &req.sdsf {
        Some((sdsf, path)) => (
            Some(raw(&quoted(path))),
            Some(raw(&sdsf.intitule.value)),
            sdsf.orientations
                .iter()
                .map(|o| {
                    context! {
                        id => raw(&o.id.value),
                        intitule => raw(&o.intitule.value),
                        prioritaire => o.prioritaire,
                    }
                })
                .collect(),
        ),
        None => (None, None, Vec::new()),
    };
    let caf_hint = if dep == "64" {
        "Caf du Béarn et de la Soule, ou Caf du Pays basque et du Seignanx"
    } else {
        "celle qui sert les allocataires du territoire"
    };
    let signing = |communes: &[geo::Commune]| -> Vec<Value> {
        let mut communes = communes.to_vec();
        communes.sort_by_key(|c| (crate::text::suggest::fold(c.nom), c.code));
        communes
            .iter()
            .map(|c| context! { nom => raw(&quoted(c.nom)), insee => raw(c.code) })
            .collect()
    };
    let (nom_long, epci_nom, alias, code, territoire, communes_signataires) = match &req.territory {
        Territory::Epci(epci, communes_sign) => (
            geo::long_epci_name(epci.nom),
            Some(raw(&quoted(&geo::long_epci_name(epci.nom)))),
            epci_alias(epci).to_string(),
            epci.siren.to_string(),
            geo::territoire_yaml(g, epci),
            if *communes_sign {
                signing(
                    &epci
                        .membres
                        .iter()
                        .filter_map(|c| g.commune(c))
                        .collect::<Vec<_>>(),
                )
            } else {
                Vec::new()
            },
        ),
        Territory::Communes(communes) => (
            communes_name(communes),
            None,
            match communes.as_slice() {
                [one] => format!("la Commune {}", crate::text::francais::de(one.nom)),
                _ => "les Communes".to_string(),
            },
            communes
                .iter()
                .map(|c| c.code)
                .collect::<Vec<_>>()
                .join("-"),
            geo::communes_yaml(g, communes),
            signing(communes),
        ),
    };
    let context = context! {
        todo => raw(TODO),
        schema => raw(&req.schema),
        nom_long => raw(&nom_long),
        // The names of ctg 0.x's template, for a repository's own new.yaml.
        epci_long => raw(&nom_long),
        siren => raw(&code),
        epci_nom,
        alias => raw(&alias),
        dep => raw(dep),
        code => raw(&code),
        communes_signataires,
        of_dep => raw(&of_dep),
        debut => raw(&req.debut.to_string()),
        fin => raw(&fin.to_string()),
        duree => raw(&req.duree.to_string()),
        territoire => raw(&territoire),
        sdsf_path,
        sdsf_intitule,
        orientations,
        caf => geo::caf_name(dep).map(|name| raw(&quoted(&name))),
        caf_hint => raw(caf_hint),
        autres_champs => raw(&wrap_comment(&others.join(", "))),
        champs => DRAFT_CHAMPS.iter().map(|c| raw(c.key())).collect::<Vec<_>>(),
    };
    super::page("new.yaml", Markup::Markdown, context, templates, 100_000)
}

/// "Commune de Remiremont", "Communes de Remiremont, Saint-Amé et Vecoux".
fn communes_name(communes: &[geo::Commune]) -> String {
    let names: Vec<String> = communes.iter().map(|c| c.nom.to_string()).collect();
    let joined = crate::text::francais::join(&names);
    match communes {
        [_] => format!("Commune {}", crate::text::francais::de(&joined)),
        _ => format!("Communes {}", crate::text::francais::de(&joined)),
    }
}

/// A list as `# ` comment lines of at most 78 columns.
fn wrap_comment(text: &str) -> String {
    let prefix = "# ";
    let mut lines = vec![prefix.to_string()];
    for word in text.split(' ') {
        let last = lines.last_mut().expect("never empty");
        if last.len() > prefix.len() && last.chars().count() + 1 + word.chars().count() > 78 {
            lines.push(format!("{prefix}{word}"));
        } else {
            if last.len() > prefix.len() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines.join("\n")
}

/// The SDSF referential of a département nearest to `dir`: in a `sdsf/`
/// folder of `dir` or of one of its parents, the one that starts last
/// before `year` ends (or the latest). Returns it with its path relative
/// to `dir`.
pub fn find_sdsf(dir: &Utf8Path, departement: &str, year: i32) -> Option<(Sdsf, String)> {
    let dir = dir.canonicalize_utf8().ok()?;
    for (up, ancestor) in dir.ancestors().enumerate().take(6) {
        let folder = ancestor.join("sdsf");
        let Ok(entries) = folder.read_dir_utf8() else {
            continue;
        };
        let mut paths: Vec<Utf8PathBuf> = entries
            .flatten()
            .map(|e| e.into_path())
            .filter(|p| matches!(p.extension(), Some("yaml" | "yml")))
            .collect();
        paths.sort();
        let mut best: Option<((u8, i32), Sdsf, Utf8PathBuf)> = None;
        for path in paths {
            let Ok(sdsf) = crate::check::load_sdsf(&path) else {
                continue;
            };
            if sdsf.departement.value != departement {
                continue;
            }
            let start = sdsf
                .periode
                .as_ref()
                .and_then(|p| p.debut.as_ref())
                .map_or(i32::MIN, |d| d.value.year());
            // The latest that has started by then; else the earliest.
            let rank = if start <= year {
                (1, start)
            } else {
                (0, start.saturating_neg())
            };
            if best.as_ref().is_none_or(|(r, ..)| rank > *r) {
                best = Some((rank, (*sdsf).clone(), path));
            }
        }
        if let Some((_, sdsf, path)) = best {
            let rel = path.strip_prefix(ancestor).ok()?;
            let mut relative = "../".repeat(up);
            relative.push_str(rel.as_str());
            return Some((sdsf, relative));
        }
        if ancestor.join(".git").exists() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_wrap_under_80_columns() {
        let text = "a ".repeat(100);
        for line in wrap_comment(text.trim()).lines() {
            assert!(line.starts_with("# ") && line.len() <= 78, "{line}");
        }
    }
}
