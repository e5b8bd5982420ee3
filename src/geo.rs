//! INSEE's official geography (Code officiel géographique), embedded in the
//! binary: communes, EPCI à fiscalité propre, départements. Derived from
//! `@etalab/decoupage-administratif` by `scripts/refresh-geo.mjs`; see
//! `data/geo/SOURCE.md`.
//!
//! The tables are parsed on first use, by slicing the embedded text: no copy
//! of the names, a few milliseconds once per run.

use crate::suggest::fold;
use std::sync::OnceLock;

/// The vintage, said by every report and document that used the geography.
pub const VINTAGE: &str = "@etalab/decoupage-administratif 6.0.0";

static COMMUNES: &str = include_str!("../data/geo/communes.tsv");
static EPCI: &str = include_str!("../data/geo/epci.tsv");
static DEPARTEMENTS: &str = include_str!("../data/geo/departements.tsv");

/// What a code of the COG names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A current commune.
    Actuelle,
    /// A former commune, now part of a commune nouvelle.
    Deleguee,
    /// A former commune associated with another.
    Associee,
    /// A municipal arrondissement of Paris, Lyon or Marseille.
    Arrondissement,
}

#[derive(Debug, Clone)]
pub struct Commune {
    pub code: &'static str,
    pub kind: Kind,
    pub nom: &'static str,
    pub departement: &'static str,
    /// SIREN of the EPCI a current commune belongs to.
    pub epci: Option<&'static str>,
    pub population: Option<u64>,
    /// The commune a former commune or an arrondissement belongs to.
    pub rattachement: Option<&'static str>,
}

#[derive(Debug, Clone)]
pub struct Epci {
    pub siren: &'static str,
    /// `CC`, `CA`, `CU` or `METRO`.
    pub nature: &'static str,
    pub nom: &'static str,
    pub population: Option<u64>,
    /// Codes of the member communes, sorted.
    pub membres: Vec<&'static str>,
}

pub struct Geo {
    /// Sorted by code, the current commune first among records sharing one.
    communes: Vec<Commune>,
    /// Sorted by SIREN.
    epci: Vec<Epci>,
    departements: Vec<(&'static str, &'static str)>,
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
}

fn opt(s: &'static str) -> Option<&'static str> {
    (!s.is_empty()).then_some(s)
}

/// The embedded geography, parsed on first use.
pub fn geo() -> &'static Geo {
    static GEO: OnceLock<Geo> = OnceLock::new();
    GEO.get_or_init(|| {
        let communes = rows(COMMUNES)
            .filter(|r| r.len() == 7)
            .map(|r| Commune {
                code: r[0],
                kind: match r[1] {
                    "a" => Kind::Actuelle,
                    "d" => Kind::Deleguee,
                    "s" => Kind::Associee,
                    _ => Kind::Arrondissement,
                },
                nom: r[2],
                departement: r[3],
                epci: opt(r[4]),
                population: r[5].parse().ok(),
                rattachement: opt(r[6]),
            })
            .collect();
        let epci = rows(EPCI)
            .filter(|r| r.len() == 5)
            .map(|r| Epci {
                siren: r[0],
                nature: r[1],
                nom: r[2],
                population: r[3].parse().ok(),
                membres: r[4].split(',').filter(|c| !c.is_empty()).collect(),
            })
            .collect();
        let departements = rows(DEPARTEMENTS)
            .filter(|r| r.len() == 2)
            .map(|r| (r[0], r[1]))
            .collect();
        Geo {
            communes,
            epci,
            departements,
        }
    })
}

impl Geo {
    /// Every record of a code: the current commune first, then former
    /// communes that kept the code.
    pub fn records(&self, code: &str) -> &[Commune] {
        let start = self.communes.partition_point(|c| c.code < code);
        let end = start + self.communes[start..].partition_point(|c| c.code == code);
        &self.communes[start..end]
    }

    /// The current commune of a code.
    pub fn commune(&self, code: &str) -> Option<&Commune> {
        self.records(code).iter().find(|c| c.kind == Kind::Actuelle)
    }

    pub fn communes(&self) -> &[Commune] {
        &self.communes
    }

    pub fn epci(&self, siren: &str) -> Option<&Epci> {
        self.epci
            .binary_search_by(|e| e.siren.cmp(siren))
            .ok()
            .map(|i| &self.epci[i])
    }

    pub fn all_epci(&self) -> &[Epci] {
        &self.epci
    }

    pub fn departement(&self, code: &str) -> Option<&'static str> {
        self.departements
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, n)| *n)
    }

    /// Current communes of a département whose name folds to `name`'s.
    pub fn communes_named(&self, name: &str, departement: &str) -> Vec<&Commune> {
        let folded = fold(name);
        self.communes
            .iter()
            .filter(|c| c.kind == Kind::Actuelle && c.departement == departement)
            .filter(|c| fold(c.nom) == folded)
            .collect()
    }

    /// EPCI whose name contains every word of `query` (case, accents,
    /// hyphens and the CC/CA/CU abbreviations aside), best match first.
    pub fn epci_matching(&self, query: &str) -> Vec<&Epci> {
        let query = normalize_epci_name(query);
        let words: Vec<&str> = query.split(' ').filter(|w| !w.is_empty()).collect();
        let mut found: Vec<(usize, &Epci)> = self
            .epci
            .iter()
            .filter_map(|e| {
                let name = normalize_epci_name(e.nom);
                let padded = format!(" {name} ");
                words
                    .iter()
                    .all(|w| padded.contains(&format!(" {w} ")))
                    .then_some((name.len(), e))
            })
            .collect();
        found.sort_by_key(|&(len, e)| (len, e.siren));
        found.into_iter().map(|(_, e)| e).collect()
    }
}

/// An EPCI name for comparison: lowercase without accents, hyphens and
/// punctuation as spaces, and the usual abbreviations spelt out, so that
/// "CC de la Porte des Vosges Méridionales" and "Communauté de Communes de
/// la Porte des Vosges Méridionales" compare equal.
pub fn normalize_epci_name(name: &str) -> String {
    let folded: String = fold(name)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words = Vec::new();
    for w in folded.split_whitespace() {
        let expanded = match w {
            "cc" => "communaute de communes",
            "ca" => "communaute d agglomeration",
            "cu" => "communaute urbaine",
            "st" => "saint",
            "ste" => "sainte",
            w => w,
        };
        words.push(expanded);
    }
    words.join(" ")
}

/// The long form of an EPCI's name for documents: "CC de …" →
/// "Communauté de communes de …".
pub fn long_epci_name(name: &str) -> String {
    for (short, long) in [
        ("CC ", "Communauté de communes "),
        ("CA ", "Communauté d'agglomération "),
        ("CU ", "Communauté urbaine "),
    ] {
        if let Some(rest) = name.strip_prefix(short) {
            return format!("{long}{rest}");
        }
    }
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_commune_and_epci_of_the_package() {
        let g = geo();
        assert_eq!(g.communes().len(), 37_590);
        let current = g.communes().iter().filter(|c| c.kind == Kind::Actuelle);
        assert_eq!(current.count(), 34_969);
        assert_eq!(g.all_epci().len(), 1_255);
        assert_eq!(g.departement("88"), Some("Vosges"));
        assert!(include_str!("../data/geo/SOURCE.md").contains("version **6.0.0**"));
    }

    #[test]
    fn lookups() {
        let g = geo();
        let remiremont = g.commune("88383").unwrap();
        assert_eq!(remiremont.nom, "Remiremont");
        assert_eq!(remiremont.epci, Some("200068377"));
        let ccpvm = g.epci("200068377").unwrap();
        assert_eq!(ccpvm.membres.len(), 10);
        assert!(g.commune("88999").is_none());
        assert_eq!(g.epci_matching("porte des vosges")[0].siren, "200068377");
        assert_eq!(
            normalize_epci_name("Communauté de Communes de la Porte des Vosges Méridionales"),
            normalize_epci_name("CC de la Porte des Vosges Méridionales")
        );
    }
}
