//! INSEE's official geography (Code officiel géographique), embedded in the
//! binary: communes, EPCI à fiscalité propre, départements. Derived from
//! `@etalab/decoupage-administratif` by `scripts/refresh-geo.mjs`; see
//! `data/geo/SOURCE.md`.
//!
//! The tables stay as the embedded text, sorted, and are searched in place:
//! no start-up cost, no copy of the names.

use crate::text::suggest::fold;
use std::collections::HashMap;
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

/// The embedded tables. Each is sorted by its first column and searched in
/// place by bisection over the text: nothing is parsed or allocated at start
/// up, and a lookup reads a few dozen lines.
pub struct Geo {
    communes: Table,
    epci: Table,
    departements: Table,
}

/// A tab-separated table sorted by its first column, after `#` header lines.
struct Table(&'static str);

impl Table {
    fn body(&self) -> &'static str {
        let mut text = self.0;
        while text.starts_with('#') {
            text = text.find('\n').map_or("", |i| &text[i + 1..]);
        }
        text
    }

    fn rows(&self) -> impl Iterator<Item = &'static str> {
        self.body().lines().filter(|l| !l.is_empty())
    }

    /// The rows whose first column is `key`, in file order.
    fn find<'k>(&self, key: &'k str) -> impl Iterator<Item = &'static str> + 'k {
        let body = self.body();
        // Bisection over byte offsets that are line starts: every line
        // before `lo` sorts before `key`, every line from `hi` on does not.
        // Bytes, not chars: a midpoint may fall inside a name's "é"; line
        // starts found from it are always char boundaries. In place, so a
        // run touches only the few pages of the table it reads (splitting
        // the 1.5 MB of communes into rows first cost a small file 1.8 ms).
        let bytes = body.as_bytes();
        let (mut lo, mut hi) = (0, bytes.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = memchr::memrchr(b'\n', &bytes[lo..mid]).map_or(lo, |i| lo + i + 1);
            if first_col_of(&body[start..]) < key {
                lo = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
            } else {
                hi = start;
            }
        }
        body[lo..]
            .lines()
            .take_while(move |l| first_col_of(l) == key)
    }
}

fn first_col_of(line: &str) -> &str {
    let end = line
        .bytes()
        .position(|b| b == b'\t' || b == b'\n')
        .unwrap_or(line.len());
    &line[..end]
}

fn opt(s: &'static str) -> Option<&'static str> {
    (!s.is_empty()).then_some(s)
}

fn commune(line: &'static str) -> Commune {
    let mut f = line.split('\t');
    let mut next = || f.next().unwrap_or("");
    Commune {
        code: next(),
        kind: match next() {
            "a" => Kind::Actuelle,
            "d" => Kind::Deleguee,
            "s" => Kind::Associee,
            _ => Kind::Arrondissement,
        },
        nom: next(),
        departement: next(),
        epci: opt(next()),
        population: next().parse().ok(),
        rattachement: opt(next()),
    }
}

fn epci(line: &'static str) -> Epci {
    let mut f = line.split('\t');
    let mut next = || f.next().unwrap_or("");
    Epci {
        siren: next(),
        nature: next(),
        nom: next(),
        population: next().parse().ok(),
        membres: next().split(',').filter(|c| !c.is_empty()).collect(),
    }
}

/// The embedded geography.
pub fn geo() -> &'static Geo {
    static GEO: Geo = Geo {
        communes: Table(COMMUNES),
        epci: Table(EPCI),
        departements: Table(DEPARTEMENTS),
    };
    &GEO
}

impl Geo {
    /// Every record of a code: the current commune first, then former
    /// communes that kept the code.
    pub fn records(&self, code: &str) -> Vec<Commune> {
        self.communes.find(code).map(commune).collect()
    }

    /// The current commune of a code.
    pub fn commune(&self, code: &str) -> Option<Commune> {
        // The kind is the second column: only that row is read whole.
        self.communes
            .find(code)
            .find(|row| row[code.len()..].starts_with("\ta\t"))
            .map(commune)
    }

    /// Every record, in code order.
    pub fn communes(&self) -> impl Iterator<Item = Commune> {
        self.communes.rows().map(commune)
    }

    pub fn epci(&self, siren: &str) -> Option<Epci> {
        self.epci.find(siren).map(epci).next()
    }

    /// Every EPCI, in SIREN order.
    pub fn all_epci(&self) -> impl Iterator<Item = Epci> {
        self.epci.rows().map(epci)
    }

    pub fn departement(&self, code: &str) -> Option<&'static str> {
        self.departements
            .find(code)
            .next()
            .and_then(|l| l.split('\t').nth(1))
    }

    /// Current communes of a département whose name folds to `name`'s.
    pub fn communes_named(&self, name: &str, departement: &str) -> Vec<Commune> {
        // Indexed once, on first use: a file naming thousands of unknown
        // communes must not scan the 37,000 rows for each.
        type Index = HashMap<(&'static str, String), Vec<&'static str>>;
        static BY_NAME: OnceLock<Index> = OnceLock::new();
        let index = BY_NAME.get_or_init(|| {
            let mut index: Index = HashMap::new();
            for line in self.communes.rows() {
                let c = commune(line);
                if c.kind == Kind::Actuelle {
                    index
                        .entry((c.departement, fold(c.nom)))
                        .or_default()
                        .push(line);
                }
            }
            index
        });
        index
            .get(&(departement, fold(name)))
            .map_or_else(Vec::new, |rows| rows.iter().map(|l| commune(l)).collect())
    }

    /// EPCI whose name contains every word of `query` (case, accents,
    /// hyphens and the CC/CA/CU abbreviations aside), best match first.
    pub fn epci_matching(&self, query: &str) -> Vec<Epci> {
        let query = normalize_epci_name(query);
        let words: Vec<&str> = query.split(' ').filter(|w| !w.is_empty()).collect();
        let mut found: Vec<(usize, Epci)> = self
            .all_epci()
            .filter_map(|e| {
                let name = normalize_epci_name(e.nom);
                let padded = format!(" {name} ");
                words
                    .iter()
                    .all(|w| padded.contains(&format!(" {w} ")))
                    .then_some((name.len(), e))
            })
            .collect();
        found.sort_by_key(|(len, e)| (*len, e.siren));
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

/// A département's name after "de", with its article: "des Vosges", "de la
/// Haute-Marne", "de l'Ain", "du Nord", "de Paris" — as in "Caf des Vosges"
/// or "Conseil départemental de la Haute-Marne".
pub fn of_departement(code: &str) -> Option<String> {
    let name = geo().departement(code)?;
    let article = match code {
        "01" | "02" | "03" | "07" | "09" | "10" | "11" | "12" | "27" | "34" | "36" | "38"
        | "60" | "61" | "89" | "91" => "de l'",
        "28" | "35" | "37" => "d'",
        "04" | "05" | "06" | "08" | "13" | "22" | "40" | "64" | "65" | "66" | "78" | "79"
        | "88" | "92" => "des ",
        "14" | "15" | "18" | "25" | "29" | "30" | "32" | "39" | "41" | "45" | "46" | "47"
        | "56" | "59" | "62" | "63" | "67" | "68" | "69" | "81" | "83" | "90" | "94" | "95" => {
            "du "
        }
        "16" | "17" | "19" | "2A" | "2B" | "21" | "23" | "24" | "26" | "31" | "33" | "42"
        | "43" | "44" | "48" | "50" | "51" | "52" | "53" | "55" | "57" | "58" | "70" | "72"
        | "73" | "74" | "76" | "80" | "85" | "86" | "87" | "93" | "971" | "972" | "973" => "de la ",
        _ => "de ",
    };
    Some(format!("{article}{name}"))
}

/// The name of the Caf of a département: "Caisse d'allocations familiales
/// des Vosges". `None` where there is no single answer: the
/// Pyrénées-Atlantiques have two Caf (Béarn et Soule, Pays basque et
/// Seignanx), and Mayotte has a Caisse de sécurité sociale instead.
pub fn caf_name(departement: &str) -> Option<String> {
    match departement {
        "64" | "976" => None,
        code if code.len() == 3 && !matches!(code, "971" | "972" | "973" | "974") => None,
        code => Some(format!(
            "Caisse d'allocations familiales {}",
            of_departement(code)?
        )),
    }
}

/// The départements of an EPCI's members with how many communes each has,
/// the département of most members first (an EPCI may straddle two).
pub fn departements_of(epci: &Epci) -> Vec<(&'static str, usize)> {
    let g = geo();
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for c in epci.membres.iter().filter_map(|c| g.commune(c)) {
        match counts.iter_mut().find(|(d, _)| *d == c.departement) {
            Some((_, n)) => *n += 1,
            None => counts.push((c.departement, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts
}

/// A double-quoted YAML scalar.
pub(crate) fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// An EPCI's official description as a `territoire:` block of a
/// convention, ready to paste: name, nature, SIREN, département, member
/// communes with their codes (by name), population.
pub fn territoire_yaml(epci: &Epci) -> String {
    let g = geo();
    let mut communes: Vec<Commune> = epci.membres.iter().filter_map(|c| g.commune(c)).collect();
    communes.sort_by_key(|c| (fold(c.nom), c.code));
    let counts = departements_of(epci);
    let departement = counts.first().map_or("", |(d, _)| d);
    let nature = match epci.nature {
        "CA" => "ca",
        "CU" => "cu",
        "METRO" => "metropole",
        _ => "cc",
    };
    let mut out = format!(
        "# {} (SIREN {}), d'après le Code officiel géographique\n# ({VINTAGE}).\n",
        epci.nom, epci.siren
    );
    if counts.len() > 1 {
        let all: Vec<String> = counts.iter().map(|(d, n)| format!("{d} ({n})")).collect();
        out.push_str(&format!(
            "# EPCI interdépartemental : communes par département {}.\n",
            all.join(", ")
        ));
    }
    out.push_str("territoire:\n");
    out.push_str(&format!("  nom: {}\n", quoted(&long_epci_name(epci.nom))));
    out.push_str(&format!("  nature: {nature}\n"));
    out.push_str(&format!("  siren: \"{}\"\n", epci.siren));
    out.push_str(&format!("  departement: \"{departement}\"\n"));
    out.push_str("  communes:\n");
    for c in &communes {
        out.push_str(&format!(
            "    - {{ nom: {}, insee: \"{}\" }}\n",
            quoted(c.nom),
            c.code
        ));
    }
    if let Some(p) = epci.population {
        out.push_str(&format!(
            "  population: {p} # population municipale du COG ({VINTAGE})\n"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn departements_with_their_article() {
        for (code, of) in [
            ("88", "des Vosges"),
            ("52", "de la Haute-Marne"),
            ("01", "de l'Ain"),
            ("59", "du Nord"),
            ("75", "de Paris"),
            ("28", "d'Eure-et-Loir"),
            ("49", "de Maine-et-Loire"),
            ("974", "de La Réunion"),
        ] {
            assert_eq!(of_departement(code).as_deref(), Some(of), "{code}");
        }
        assert_eq!(
            caf_name("52").as_deref(),
            Some("Caisse d'allocations familiales de la Haute-Marne")
        );
        assert_eq!(caf_name("64"), None);
        assert_eq!(caf_name("976"), None);
    }

    #[test]
    fn every_commune_and_epci_of_the_package() {
        let g = geo();
        assert_eq!(g.communes().count(), 37_590);
        let current = g.communes().filter(|c| c.kind == Kind::Actuelle);
        assert_eq!(current.count(), 34_969);
        assert_eq!(g.all_epci().count(), 1_255);
        // Every record is found again by bisection.
        for c in g.communes() {
            assert!(
                g.records(c.code).iter().any(|r| r.nom == c.nom),
                "{}",
                c.code
            );
        }
        for e in g.all_epci() {
            assert_eq!(g.epci(e.siren).map(|f| f.nom), Some(e.nom));
        }
        assert!(g.records("00000").is_empty() && g.records("99999").is_empty());
        assert!(g.epci("000000000").is_none() && g.epci("999999999").is_none());
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
