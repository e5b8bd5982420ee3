//! Identifiers of French administration, checked as plain text: the
//! département code, the Insee code of a commune, the SIREN of a body.

/// A département code as the format accepts it: `01`–`95` (with `2A`,
/// `2B` for Corsica), `971`–`976`.
pub fn is_departement_code(code: &str) -> bool {
    match code {
        "2A" | "2B" => true,
        _ if code.len() == 2 => code.parse::<u8>().is_ok_and(|n| {
            (1..=95).contains(&n) && n != 20 && code.bytes().all(|b| b.is_ascii_digit())
        }),
        _ if code.len() == 3 => code
            .parse::<u16>()
            .is_ok_and(|n| (971..=976).contains(&n) && code.bytes().all(|b| b.is_ascii_digit())),
        _ => false,
    }
}

/// The département of a well-formed commune code: `88367` → `88`,
/// `2A004` → `2A`, `97411` → `974`.
pub fn insee_departement(code: &str) -> Option<&str> {
    let b = code.as_bytes();
    if b.len() != 5 || !b[2..].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let prefix = if code.starts_with("97") {
        &code[..3]
    } else {
        &code[..2]
    };
    is_departement_code(prefix).then_some(prefix)
}

/// Nine digits passing the Luhn check.
pub fn is_siren(s: &str) -> bool {
    s.len() == 9
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.bytes()
            .rev()
            .enumerate()
            .map(|(i, b)| {
                let d = u32::from(b - b'0');
                if i % 2 == 1 {
                    let d = d * 2;
                    d / 10 + d % 10
                } else {
                    d
                }
            })
            .sum::<u32>()
            % 10
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sirens_of_the_seed_epcis_pass_luhn() {
        for s in ["200068377", "200005957", "200044253"] {
            assert!(is_siren(s), "{s}");
        }
        assert!(!is_siren("200068737"));
        assert!(!is_siren("20006837"));
        assert!(!is_siren("2000683770"));
    }

    #[test]
    fn commune_codes_name_their_departement() {
        assert_eq!(insee_departement("88367"), Some("88"));
        assert_eq!(insee_departement("2A004"), Some("2A"));
        assert_eq!(insee_departement("97411"), Some("974"));
        for bad in ["8836", "20004", "97711", "88 36", "00001", "96001", "8836é"] {
            assert_eq!(insee_departement(bad), None, "{bad}");
        }
    }
}
