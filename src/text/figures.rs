//! Figures as French writes them: thin no-break spaces between thousands,
//! a decimal comma, euros after a no-break space.

use super::escape::{NBSP, NNBSP};

/// `29826` → `29 826`, with espaces fines insécables.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NNBSP);
        }
        out.push(c);
    }
    out
}

/// A figure as French writes it: `1 250`, `12,5`, `-3`.
pub fn number(x: f64) -> String {
    let sign = if x < 0.0 { "-" } else { "" };
    let x = x.abs();
    // Two decimals at most, trailing zeros dropped.
    let cents = (x * 100.0).round() as u64;
    let (whole, frac) = (cents / 100, cents % 100);
    let mut out = format!("{sign}{}", thousands(whole));
    if frac != 0 {
        let frac = format!("{frac:02}");
        out.push(',');
        out.push_str(frac.trim_end_matches('0'));
    }
    out
}

/// A figure as YAML writes it: `12`, `12.5`, `-3` (no `.0`).
pub fn plain(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// `250000` → `250 000 €`.
pub fn euros(x: f64) -> String {
    format!("{}{NBSP}€", number(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures() {
        assert_eq!(thousands(29826), "29\u{202f}826");
        assert_eq!(thousands(250000), "250\u{202f}000");
        assert_eq!(thousands(999), "999");
        assert_eq!(euros(250000.0), "250\u{202f}000\u{a0}€");
        assert_eq!(number(12.5), "12,5");
        assert_eq!(number(1234.05), "1\u{202f}234,05");
    }
}
