//! INSEE's official geography (Code officiel géographique), embedded in the
//! binary: communes, EPCI à fiscalité propre, départements. Derived from
//! `@etalab/decoupage-administratif` by `scripts/refresh-geo.mjs`; see
//! `data/geo/SOURCE.md`.
//!
//! The tables stay as the embedded text, sorted, and are searched in place:
//! no start-up cost, no copy of the names. The COG of earlier years (one a
//! year from 2019, [`at`]) is embedded as what differs from today's,
//! deflated (`data/geo/millesimes/`), and read over today's tables the
//! first time a convention of that time needs it.

use crate::text::suggest::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The vintage, said by every report and document that used the geography.
pub const VINTAGE: &str = "@etalab/decoupage-administratif 6.0.0";
/// The year of today's COG (1 January).
pub const LATEST: i32 = 2026;
/// The earliest year embedded.
pub const EARLIEST: i32 = 2019;

/// The earlier years, as `scripts/refresh-geo.mjs --millesimes` wrote them.
static EARLIER: [(i32, &[u8]); 7] = [
    (
        2019,
        include_bytes!("../data/geo/millesimes/2019.tsv.deflate"),
    ),
    (
        2020,
        include_bytes!("../data/geo/millesimes/2020.tsv.deflate"),
    ),
    (
        2021,
        include_bytes!("../data/geo/millesimes/2021.tsv.deflate"),
    ),
    (
        2022,
        include_bytes!("../data/geo/millesimes/2022.tsv.deflate"),
    ),
    (
        2023,
        include_bytes!("../data/geo/millesimes/2023.tsv.deflate"),
    ),
    (
        2024,
        include_bytes!("../data/geo/millesimes/2024.tsv.deflate"),
    ),
    (
        2025,
        include_bytes!("../data/geo/millesimes/2025.tsv.deflate"),
    ),
];

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
    /// The year of the COG (its state on 1 January).
    pub year: i32,
    /// The package and version it comes from.
    pub source: &'static str,
    communes: Table,
    epci: Table,
    departements: Table,
    /// For an earlier year, what differs from today's tables.
    earlier: Option<Earlier>,
    by_name: OnceLock<HashMap<(&'static str, String), Vec<&'static str>>>,
}

/// An earlier year over today's tables: its rows that today's do not have
/// as they were (sorted, searched like them), and the keys of today's rows
/// it did not have so.
struct Earlier {
    communes: Table,
    epci: Table,
    gone_communes: std::collections::HashSet<&'static str>,
    gone_epcis: std::collections::HashSet<&'static str>,
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
        year: LATEST,
        source: VINTAGE,
        communes: Table(COMMUNES),
        epci: Table(EPCI),
        departements: Table(DEPARTEMENTS),
        earlier: None,
        by_name: OnceLock::new(),
    };
    &GEO
}

/// The COG in force in `year` (its state on 1 January): today's from
/// [`LATEST`] on, none before [`EARLIEST`].
pub fn at(year: i32) -> Option<&'static Geo> {
    if year >= LATEST {
        return Some(geo());
    }
    static BUILT: [OnceLock<Geo>; 7] = [const { OnceLock::new() }; 7];
    let i = EARLIER.iter().position(|(y, _)| *y == year)?;
    Some(BUILT[i].get_or_init(|| earlier_year(EARLIER[i].0, EARLIER[i].1)))
}

/// An earlier year: today's tables seen through what differs (see
/// `data/geo/SOURCE.md`), so that nothing of today's is copied or sorted
/// again. Built once and kept for the run, as the embedded tables are.
fn earlier_year(year: i32, deflated: &[u8]) -> Geo {
    use std::io::Read;
    let mut text = String::new();
    // Embedded by the build: a failure here is a broken build, caught by
    // the tests that read every year.
    flate2::read::DeflateDecoder::new(deflated)
        .read_to_string(&mut text)
        .expect("embedded geography vintage");
    let text: &'static str = Box::leak(text.into_boxed_str());
    let mut source = VINTAGE;
    let (mut communes, mut epcis) = (String::new(), String::new());
    let mut earlier = Earlier {
        communes: Table(""),
        epci: Table(""),
        gone_communes: Default::default(),
        gone_epcis: Default::default(),
    };
    // The rows come in the tables' order (the script writes them so).
    for line in text.lines() {
        match line.split_once('\t') {
            Some(("C", row)) => {
                earlier.gone_communes.insert(commune_key(row));
                communes.push_str(row);
                communes.push('\n');
            }
            Some(("E", row)) => {
                earlier.gone_epcis.insert(first_col_of(row));
                epcis.push_str(row);
                epcis.push('\n');
            }
            Some(("c", key)) => {
                earlier.gone_communes.insert(key);
            }
            Some(("e", key)) => {
                earlier.gone_epcis.insert(key);
            }
            _ => {
                if let Some(s) = line.strip_prefix("# COG ").and_then(|l| l.split_once(": ")) {
                    source = s.1;
                }
            }
        }
    }
    earlier.communes = Table(Box::leak(communes.into_boxed_str()));
    earlier.epci = Table(Box::leak(epcis.into_boxed_str()));
    Geo {
        year,
        source,
        communes: Table(COMMUNES),
        epci: Table(EPCI),
        departements: Table(DEPARTEMENTS),
        earlier: Some(earlier),
        by_name: OnceLock::new(),
    }
}

/// The rank of a commune row's kind in the tables' order.
fn kind_rank(row: &str) -> usize {
    "adsm"
        .find(row.split('\t').nth(1).unwrap_or(""))
        .unwrap_or(4)
}

/// A commune row's code and kind, tab-separated: `"01095\td"`.
fn commune_key(row: &str) -> &str {
    let code = first_col_of(row).len();
    &row[..(code + 2).min(row.len())]
}

impl Geo {
    /// Every record of a code: the current commune first, then former
    /// communes that kept the code.
    pub fn records(&self, code: &str) -> Vec<Commune> {
        let mut rows: Vec<&'static str> = self
            .communes
            .find(code)
            .filter(|r| self.kept_commune(r))
            .collect();
        if let Some(e) = &self.earlier {
            rows.extend(e.communes.find(code));
            rows.sort_by_key(|r| kind_rank(r));
        }
        rows.into_iter().map(commune).collect()
    }

    /// The current commune of a code.
    pub fn commune(&self, code: &str) -> Option<Commune> {
        // The kind is the second column: only that row is read whole.
        let current = |row: &&str| row[code.len()..].starts_with("\ta\t");
        if let Some(e) = &self.earlier {
            if let Some(row) = e.communes.find(code).find(current) {
                return Some(commune(row));
            }
        }
        self.communes
            .find(code)
            .filter(|r| self.kept_commune(r))
            .find(current)
            .map(commune)
    }

    /// Whether a row of today's communes holds for this year.
    fn kept_commune(&self, row: &str) -> bool {
        self.earlier
            .as_ref()
            .is_none_or(|e| !e.gone_communes.contains(commune_key(row)))
    }

    /// Every record, in code order.
    pub fn communes(&self) -> impl Iterator<Item = Commune> {
        let mut rows: Vec<&'static str> = self
            .communes
            .rows()
            .filter(|r| self.kept_commune(r))
            .collect();
        if let Some(e) = &self.earlier {
            rows.extend(e.communes.rows());
            rows.sort_by_cached_key(|r| (first_col_of(r), kind_rank(r)));
        }
        rows.into_iter().map(commune)
    }

    pub fn epci(&self, siren: &str) -> Option<Epci> {
        if let Some(e) = &self.earlier {
            if let Some(row) = e.epci.find(siren).next() {
                return Some(epci(row));
            }
            if e.gone_epcis.contains(siren) {
                return None;
            }
        }
        self.epci.find(siren).map(epci).next()
    }

    /// Every EPCI, in SIREN order.
    pub fn all_epci(&self) -> impl Iterator<Item = Epci> {
        let gone = |r: &&str| {
            self.earlier
                .as_ref()
                .is_some_and(|e| e.gone_epcis.contains(first_col_of(r)))
        };
        let mut rows: Vec<&'static str> = self.epci.rows().filter(|r| !gone(r)).collect();
        if let Some(e) = &self.earlier {
            rows.extend(e.epci.rows());
            rows.sort_by_key(|r| first_col_of(r));
        }
        rows.into_iter().map(epci)
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
        let index = self.by_name.get_or_init(|| {
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

    /// EPCI that every significant word of `query` names, as people write
    /// them: case, accents, hyphens and articles aside, CC/CA/CU spelt out,
    /// a word's beginning ("vosges merid"), one slip in a long word, or the
    /// initials ("CCPVM", "CAPH"). The closest first.
    pub fn epci_matching(&self, query: &str) -> Vec<Epci> {
        let mut found: Vec<(usize, Epci)> = self
            .all_epci()
            .filter_map(|e| {
                let (matched, extra) = closeness(query, e.nom);
                (matched == Some(usize::MAX)).then_some((extra, e))
            })
            .collect();
        found.sort_by_key(|(extra, e)| (*extra, e.nom.len(), e.siren));
        // A name given whole ("Plaine Commune") is the one meant.
        if found.first().is_some_and(|(extra, _)| *extra == 0)
            && found.get(1).is_some_and(|(extra, _)| *extra > 0)
        {
            found.truncate(1);
        }
        found.into_iter().map(|(_, e)| e).collect()
    }

    /// When nothing matches: the EPCI that share the most significant words
    /// with `query` (the nature words aside), at most `n`.
    pub fn epci_closest(&self, query: &str, n: usize) -> Vec<Epci> {
        let mut found: Vec<(usize, usize, Epci)> = self
            .all_epci()
            .filter_map(|e| match closeness(query, e.nom) {
                (Some(m), extra) if m > 0 => Some((m, extra, e)),
                _ => None,
            })
            .collect();
        found.sort_by_key(|(m, extra, e)| (usize::MAX - m, *extra, e.siren));
        found.into_iter().take(n).map(|(_, _, e)| e).collect()
    }
}

/// Words that say nothing of which EPCI: articles, and the nature words
/// (still matched when written, never counted as a match on their own).
const ARTICLES: &[&str] = &["de", "du", "des", "la", "le", "les", "l", "d", "et", "en"];
const NATURE_WORDS: &[&str] = &[
    "communaute",
    "communes",
    "agglomeration",
    "urbaine",
    "metropole",
];

/// The significant words of a name, normalized.
fn significant(name: &str) -> Vec<String> {
    normalize_epci_name(name)
        .split(' ')
        .filter(|w| !w.is_empty() && !ARTICLES.contains(w))
        .map(str::to_string)
        .collect()
}

/// How `query` names the EPCI called `name`: `(Some(usize::MAX), extra)`
/// when every significant word of the query is matched (or the query is
/// its initials), else `(Some(k), extra)` with `k` non-nature words
/// matched; `extra` counts the name's words the query left out.
fn closeness(query: &str, name: &str) -> (Option<usize>, usize) {
    let words = significant(name);
    let wanted = significant(query);
    if wanted.is_empty() {
        return (None, words.len());
    }
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    if let [one] = wanted.as_slice() {
        if one.len() >= 3 && *one == initials && !words.contains(one) {
            return (Some(usize::MAX), 0);
        }
    }
    let matches = |w: &str, x: &str| {
        x == w
            || (w.chars().count() >= 4 && x.starts_with(w))
            || (w.chars().count() >= 5 && strsim::levenshtein(w, x) <= 1)
    };
    let mut used = vec![false; words.len()];
    let mut matched = 0;
    let mut all = true;
    for w in &wanted {
        match (0..words.len()).find(|&i| !used[i] && matches(w, &words[i])) {
            Some(i) => {
                used[i] = true;
                if !NATURE_WORDS.contains(&w.as_str()) {
                    matched += 1;
                }
            }
            None => all = false,
        }
    }
    let extra = used.iter().filter(|u| !**u).count();
    (
        Some(if all && matched > 0 {
            usize::MAX
        } else {
            matched
        }),
        extra,
    )
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
pub fn departements_of(g: &Geo, epci: &Epci) -> Vec<(&'static str, usize)> {
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

/// A commune as an item of `territoire.communes`, in the flow style every
/// writer of ctg uses: `{ nom: "Éloyes", insee: "88158" }`.
pub fn commune_item(nom: &str, code: &str) -> String {
    format!("{{ nom: {}, insee: \"{code}\" }}", quoted(nom))
}

/// A double-quoted YAML scalar.
pub(crate) fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// An EPCI's official description as a `territoire:` block of a
/// convention, ready to paste: name, nature, SIREN, département, member
/// communes with their codes (by name), population.
pub fn territoire_yaml(g: &Geo, epci: &Epci) -> String {
    let mut communes: Vec<Commune> = epci.membres.iter().filter_map(|c| g.commune(c)).collect();
    communes.sort_by_key(|c| (fold(c.nom), c.code));
    let counts = departements_of(g, epci);
    let departement = counts.first().map_or("", |(d, _)| d);
    let nature = match epci.nature {
        "CA" => "ca",
        "CU" => "cu",
        "METRO" => "metropole",
        "EPT" => "ept",
        _ => "cc",
    };
    let mut out = format!(
        "# {} (SIREN {}), d'après le Code officiel géographique de {}\n# ({}).\n",
        epci.nom, epci.siren, g.year, g.source
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
        out.push_str(&format!("    - {}\n", commune_item(c.nom, c.code)));
    }
    if let Some(p) = epci.population {
        out.push_str(&format!(
            "  population: {p} # population municipale du COG ({})\n",
            g.source
        ));
    }
    if g.year != LATEST {
        out.push_str(&format!("  cog: {}\n", g.year));
    }
    out
}

/// The `territoire:` block of one commune (`nature: commune`) or of
/// several without their EPCI (`nature: communes`).
pub fn communes_yaml(g: &Geo, communes: &[Commune]) -> String {
    let mut sorted = communes.to_vec();
    sorted.sort_by_key(|c| (fold(c.nom), c.code));
    let names: Vec<String> = sorted.iter().map(|c| c.nom.to_string()).collect();
    let (nom, nature) = match sorted.as_slice() {
        [one] => (
            format!("Commune {}", crate::text::francais::de(one.nom)),
            "commune",
        ),
        _ => (
            format!(
                "Communes {}",
                crate::text::francais::de(&crate::text::francais::join(&names))
            ),
            "communes",
        ),
    };
    let mut out = format!(
        "# D'après le Code officiel géographique de {} ({}).\nterritoire:\n  nom: {}\n  nature: {nature}\n  departement: \"{}\"\n  communes:\n",
        g.year,
        g.source,
        quoted(&nom),
        sorted.first().map_or("", |c| c.departement)
    );
    for c in &sorted {
        out.push_str(&format!("    - {}\n", commune_item(c.nom, c.code)));
    }
    let population: Option<u64> = sorted.iter().map(|c| c.population).sum();
    if let Some(p) = population {
        out.push_str(&format!(
            "  population: {p} # population municipale du COG ({})\n",
            g.source
        ));
    }
    if g.year != LATEST {
        out.push_str(&format!("  cog: {}\n", g.year));
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
        assert_eq!(g.all_epci().count(), 1_266);
        assert_eq!(g.all_epci().filter(|e| e.nature == "EPT").count(), 11);
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

    /// Each earlier year rebuilds sorted (the bisection needs it), finds
    /// every one of its records again, and holds what that year had.
    #[test]
    fn earlier_years() {
        assert!(at(2018).is_none());
        assert!(std::ptr::eq(at(2031).unwrap(), geo()));
        for year in EARLIEST..LATEST {
            let g = at(year).unwrap();
            assert_eq!(g.year, year);
            assert!(g.source.starts_with("@etalab/decoupage-administratif "));
            assert_ne!(g.source, VINTAGE);
            let codes: Vec<&str> = g.communes().map(|c| c.code).collect();
            assert!(codes.windows(2).all(|w| w[0] <= w[1]), "{year}");
            let current = g.communes().filter(|c| c.kind == Kind::Actuelle).count();
            assert!((34_900..35_100).contains(&current), "{year}: {current}");
            for c in g.communes().filter(|c| c.kind == Kind::Actuelle) {
                assert_eq!(g.commune(c.code).map(|f| f.nom), Some(c.nom), "{year}");
            }
            for e in g.all_epci() {
                assert_eq!(g.epci(e.siren).map(|f| f.nom), Some(e.nom), "{year}");
            }
            // The EPT stand for the years the package lacks them.
            assert_eq!(
                g.all_epci().filter(|e| e.nature == "EPT").count(),
                11,
                "{year}"
            );
        }
        // The CC des Hautes Vosges, split on 1 January 2022.
        let hautes_vosges = |y| at(y).unwrap().epci("200071157").map(|e| e.membres.len());
        assert_eq!(hautes_vosges(2019), Some(22));
        assert_eq!(hautes_vosges(2021), Some(22));
        assert_eq!(hautes_vosges(2022), None);
        // L'Aiguillon-la-Presqu'île, a commune nouvelle of 2022: in 2019,
        // L'Aiguillon-sur-Mer.
        assert_eq!(
            at(2019).unwrap().commune("85001").map(|c| c.nom),
            Some("L'Aiguillon-sur-Mer")
        );
        assert_eq!(
            geo().commune("85001").map(|c| c.nom),
            Some("L'Aiguillon-la-Presqu'île")
        );
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
