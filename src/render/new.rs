//! `ctg new`: a complete, commented draft of a convention for an EPCI,
//! its territory filled from the official geography, every unknown marked
//! `À COMPLÉTER` so that `ctg validate` lists what is left to write.

use crate::geo::{self, quoted, Epci};
use crate::model::{Champ, Closed, Sdsf};
use camino::{Utf8Path, Utf8PathBuf};
use std::fmt::Write as _;

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

/// What the draft is for.
pub struct Request<'a> {
    pub epci: &'a Epci,
    /// First calendar year of the convention.
    pub debut: i32,
    /// Number of calendar years.
    pub duree: u32,
    /// The SDSF referential of the département, if one was found, with its
    /// path relative to the draft's folder.
    pub sdsf: Option<(&'a Sdsf, String)>,
}

/// The département most of an EPCI's communes are in.
pub fn departement_of(epci: &Epci) -> &'static str {
    geo::departements_of(epci).first().map_or("", |(d, _)| d)
}

/// The short name the convention's text uses for the EPCI.
fn epci_alias(epci: &Epci) -> &'static str {
    match epci.nature {
        "CA" => "la Communauté d'agglomération",
        "CU" => "la Communauté urbaine",
        "METRO" => "la Métropole",
        _ => "la Communauté de communes",
    }
}

/// The draft's YAML text.
pub fn draft(req: &Request) -> String {
    let epci = req.epci;
    let dep = departement_of(epci);
    let of_dep = geo::of_departement(dep).unwrap_or_else(|| format!("du {dep}"));
    let fin = req.debut + req.duree as i32 - 1;
    let alias = epci_alias(epci);
    let mut y = String::new();
    let w = &mut y;

    let _ = writeln!(
        w,
        "# Projet de Convention Territoriale Globale : {}.\n\
         # Brouillon écrit par `ctg new`. Tout ce qui reste à écrire est marqué\n\
         # « {TODO} » : `ctg validate` le liste ligne par ligne, et\n\
         # `ctg validate --stage signature` refuse la convention tant qu'il en reste.",
        geo::long_epci_name(epci.nom)
    );
    let _ = writeln!(w, "document: convention\nversion: 1");
    let _ = writeln!(w, "reference: CTG-{dep}-{}-{}", epci.siren, req.debut);
    let _ = writeln!(w, "statut: projet\n");

    w.push_str(&geo::territoire_yaml(epci));
    let _ = writeln!(
        w,
        "  # sigle: …           (par exemple « CCPVM »)\n  \
         # allocataires: …    (nombre d'allocataires de la Caf, et l'année)\n"
    );

    match &req.sdsf {
        Some((sdsf, path)) => {
            let _ = writeln!(
                w,
                "# Le schéma départemental des services aux familles que la convention\n\
                 # décline : {}.\nsdsf: {}",
                sdsf.intitule.value,
                quoted(path)
            );
        }
        None => {
            let _ = writeln!(
                w,
                "# Le référentiel du schéma départemental des services aux familles (SDSF)\n\
                 # {of_dep}, un fichier `document: sdsf` : son chemin, relatif au dossier\n\
                 # de ce fichier (par exemple ../sdsf/{dep}-….yaml).\nsdsf: {TODO}"
            );
        }
    }
    let _ = writeln!(
        w,
        "\n# {} ans, du 1er janvier au 31 décembre.\nperiode:\n  debut: {}-01-01\n  fin: {fin}-12-31\n",
        req.duree, req.debut
    );
    let _ = writeln!(
        w,
        "# Le jour de la signature : le lieu, et la date (AAAA-MM-JJ) à ajouter.\n\
         signature:\n  lieu: {TODO}\n  # date: AAAA-MM-JJ\n"
    );

    w.push_str("signataires:\n");
    match geo::caf_name(dep) {
        Some(name) => {
            let _ = writeln!(w, "  - organisme: caf\n    nom: {}", quoted(&name));
        }
        None => {
            let _ = writeln!(
                w,
                "  # Le nom de la caisse : {}.\n  - organisme: caf\n    nom: {TODO}",
                if dep == "64" {
                    "Caf du Béarn et de la Soule, ou Caf du Pays basque et du Seignanx"
                } else {
                    "celle qui sert les allocataires du territoire"
                }
            );
        }
    }
    let _ = writeln!(
        w,
        "    alias: la Caf\n    \
         autorisation: {TODO} # délibération du conseil d'administration du AAAA-MM-JJ\n    \
         representants:\n      \
         - nom: {TODO}\n        qualite: Président(e) du conseil d'administration\n      \
         - nom: {TODO}\n        qualite: Directeur(rice)"
    );
    let _ = writeln!(
        w,
        "  - organisme: epci\n    nom: {}\n    alias: {alias}\n    \
         autorisation: {TODO} # délibération du conseil communautaire du AAAA-MM-JJ\n    \
         representants:\n      - nom: {TODO}\n        qualite: Président(e)",
        quoted(&geo::long_epci_name(epci.nom))
    );
    let _ = writeln!(
        w,
        "  # Le Département signe la plupart des CTG : retirez-le s'il ne signe pas.\n  \
         - organisme: cd\n    nom: Conseil départemental {of_dep}\n    alias: le Département\n    \
         autorisation: {TODO} # délibération de la commission permanente du AAAA-MM-JJ\n    \
         representants:\n      - nom: {TODO}\n        qualite: Président(e)"
    );
    let _ = writeln!(
        w,
        "  # Souvent aussi la MSA (régionale), parfois chaque commune :\n  \
         # - organisme: msa\n  #   nom: Mutualité sociale agricole …\n  \
         # - organisme: commune\n  #   nom: Commune de …\n  #   insee: \"…\"\n"
    );

    let others: Vec<&str> = Champ::ALL
        .iter()
        .filter(|c| !DRAFT_CHAMPS.contains(c))
        .map(|c| c.key())
        .collect();
    let _ = writeln!(
        w,
        "# Les champs d'intervention partagés. Le socle de la Cnaf : petite enfance,\n\
         # jeunesse, parentalité et au moins un autre champ. Les autres :\n{}\nchamps:",
        wrap_comment(&others.join(", "))
    );
    for c in DRAFT_CHAMPS {
        let _ = writeln!(w, "  - {}", c.key());
    }
    let _ = writeln!(
        w,
        "\ndiagnostic:\n  # date: AAAA-MM-JJ\n  constats:\n    - {TODO}\n"
    );

    w.push_str("# Les axes stratégiques (3 à 6 en général), chacun déclinant des\n");
    w.push_str("# orientations du SDSF.\naxes:\n  - id: A1\n");
    let _ = writeln!(w, "    intitule: {TODO}");
    if let Some((sdsf, _)) = &req.sdsf {
        w.push_str("    # Les orientations du SDSF (identifiant : intitulé) :\n");
        for o in sdsf.orientations.iter() {
            let star = if o.prioritaire { " (prioritaire)" } else { "" };
            let _ = writeln!(w, "    #   {} : {}{star}", o.id.value, o.intitule.value);
        }
    }
    let _ = writeln!(
        w,
        "    sdsf: [\"{TODO}\"]\n    objectifs:\n      - {TODO}\n"
    );

    w.push_str("# Le plan d'actions : une première fiche par champ déclaré, à écrire,\n");
    w.push_str("# à compléter d'autres fiches ou à supprimer.\nactions:\n");
    for (i, champ) in DRAFT_CHAMPS.iter().enumerate() {
        let _ = writeln!(
            w,
            "  - id: \"1.{n}\"\n    axe: A1\n    intitule: {TODO}\n    champ: {key}\n    \
             pilote: {TODO}\n    public: {TODO}\n    calendrier:\n      debut: {debut}\n      fin: {fin}\n    \
             indicateurs:\n      - libelle: {TODO}\n        unite: {TODO}\n        \
             # valeur_initiale: …\n        # cible: …        (la valeur visée)\n    statut: prevue",
            n = i + 1,
            key = champ.key(),
            debut = req.debut,
        );
    }
    let _ = writeln!(
        w,
        "\npilotage:\n  comite_pilotage:\n    frequence: {TODO}\n    membres:\n      \
         - la Caf\n      - {alias}\n      - le Département\n  comite_technique:\n    \
         frequence: {TODO}\n    membres:\n      - {TODO}"
    );
    y
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
