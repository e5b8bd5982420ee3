//! "Did you mean": the closest candidate to a misspelt key or value.

/// Lowercase, without French accents, with `-` and spaces as `_`: how
/// people misspell keys (`intitulé`, `Petite-Enfance`).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(fold_lower(c.to_ascii_lowercase()));
        } else {
            out.extend(c.to_lowercase().map(fold_lower));
        }
    }
    out
}

/// A lowercase character without its accent; word separators as `_`.
fn fold_lower(c: char) -> char {
    match c {
        'à' | 'â' | 'ä' | 'á' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' => 'i',
        'ô' | 'ö' | 'ó' => 'o',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        'ç' => 'c',
        'ÿ' => 'y',
        '-' | ' ' | '\'' | '’' => '_',
        c => c,
    }
}

/// Past this many candidates or characters, no suggestion is looked for:
/// a misspelling is short and chosen among few, and the edit distance costs
/// the product of two lengths for each candidate.
const MAX_CANDIDATES: usize = 1_000;
const MAX_LEN: usize = 200;

/// The candidate closest to `input`, if it is close enough to be what the
/// user meant.
pub fn closest<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    if input.len() > MAX_LEN {
        return None;
    }
    let folded = fold(input);
    let mut best: Option<(usize, &str)> = None;
    for cand in candidates.into_iter().take(MAX_CANDIDATES) {
        if cand.len() > MAX_LEN {
            continue;
        }
        let f = fold(cand);
        let d = if f == folded {
            0
        } else if f.starts_with(&folded) || folded.starts_with(&f) {
            // `petite` for `petite_enfance`, `axes_strategiques` for `axes`.
            1 + f.len().abs_diff(folded.len()) / 4
        } else {
            strsim::levenshtein(&folded, &f)
        };
        let limit = (f.chars().count().max(folded.chars().count()) / 3).max(2);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, cand));
        }
    }
    best.map(|(_, c)| c)
}

/// The help line naming the closest candidate, if one is close enough.
pub fn did_you_mean<'c>(
    input: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<crate::diagnostic::Text> {
    closest(input, candidates)
        .map(|s| crate::t!("vouliez-vous dire « {s} » ?", "did you mean `{s}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_typos_find_their_key() {
        let champs = ["petite_enfance", "parentalite", "jeunesse"];
        assert_eq!(closest("parentalité", champs), Some("parentalite"));
        assert_eq!(closest("Petite Enfance", champs), Some("petite_enfance"));
        assert_eq!(closest("jeunese", champs), Some("jeunesse"));
        assert_eq!(closest("logement", champs), None);
    }

    #[test]
    fn long_texts_and_long_lists_get_no_suggestion() {
        let long = "a".repeat(MAX_LEN + 1);
        assert_eq!(closest(&long, [long.as_str()]), None);
        let mut many = vec!["sans_rapport"; MAX_CANDIDATES];
        many.push("jeunesse");
        // The last one is beyond the candidates looked at.
        assert_eq!(closest("jeunese", many.iter().copied()), None);
        assert_eq!(
            closest("jeunese", many[1..].iter().copied()),
            Some("jeunesse")
        );
    }
}
