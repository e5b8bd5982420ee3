//! A copil's spreadsheet read back (`ctg import-suivi`): the cells of each
//! sheet of an .xlsx or .ods (through calamine) or of a .csv, within
//! bounds, formulas noted and never evaluated (README "The copil's
//! spreadsheet").

use std::collections::HashSet;

/// The largest spreadsheet read: a copil's holds a few hundred rows.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;
/// The most its parts may inflate to, all together (zip bombs).
const MAX_INFLATED: u64 = 256 * 1024 * 1024;

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
}

/// One sheet: its cells by row and column (from 0), and where formulas are.
#[derive(Debug, Default)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<Vec<Value>>,
    pub formulas: HashSet<(usize, usize)>,
}

impl Grid {
    pub fn cell(&self, row: usize, col: usize) -> &Value {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Value::Empty)
    }

    /// The rows under the header that hold something.
    pub fn filled_rows(&self) -> impl Iterator<Item = usize> + '_ {
        (1..self.rows.len()).filter(|&r| self.rows[r].iter().any(|v| *v != Value::Empty))
    }

    /// The column whose header (first row) is `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.rows
            .first()?
            .iter()
            .position(|v| matches!(v, Value::Text(t) if t.trim() == name))
    }
}

/// A cell's reference as spreadsheets write it: `Indicateurs!H7`.
pub fn reference(sheet: &str, row: usize, col: usize) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        letters.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{sheet}!{letters}{}", row + 1)
}

/// The sheets of a spreadsheet's bytes; `csv_name` names the one sheet of
/// a .csv (from its header, by the caller).
pub fn read(bytes: &[u8], csv: bool) -> Result<Vec<Grid>, String> {
    if csv {
        return Ok(vec![read_csv(bytes)?]);
    }
    // What calamine would inflate, bounded before it does.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "ni un .xlsx ni un .ods lisible (pas une archive zip)".to_string())?;
    // The sizes the central directory declares (a lying archive is then
    // caught by the zip reader's checks, not by this bound).
    let inflated: u64 = (0..zip.len())
        .filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add);
    if inflated > MAX_INFLATED {
        return Err(format!(
            "classeur de plus de {} Mo une fois décompressé : refusé (archive piégée ?)",
            MAX_INFLATED / 1_000_000
        ));
    }
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("classeur illisible ({e})"))?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("feuille « {name} » illisible ({e})"))?;
        let mut grid = Grid {
            name: name.clone(),
            ..Grid::default()
        };
        if let Some((r0, c0)) = range.start() {
            let (r0, c0) = (r0 as usize, c0 as usize);
            for (r, row) in range.rows().enumerate() {
                let cells: Vec<Value> = std::iter::repeat_n(Value::Empty, c0)
                    .chain(row.iter().map(|d| match d {
                        calamine::Data::Int(i) => Value::Number(*i as f64),
                        calamine::Data::Float(f) => Value::Number(*f),
                        calamine::Data::String(s) => Value::Text(s.clone()),
                        calamine::Data::Bool(b) => Value::Text(b.to_string()),
                        calamine::Data::DateTime(d) => Value::Number(d.as_f64()),
                        calamine::Data::DateTimeIso(s) | calamine::Data::DurationIso(s) => {
                            Value::Text(s.clone())
                        }
                        calamine::Data::Error(e) => Value::Text(format!("#{e}")),
                        calamine::Data::Empty => Value::Empty,
                    }))
                    .collect();
                while grid.rows.len() < r0 + r {
                    grid.rows.push(Vec::new());
                }
                grid.rows.push(cells);
            }
        }
        if let Ok(formulas) = book.worksheet_formula(&name) {
            if let Some((r0, c0)) = formulas.start() {
                for (r, c, f) in formulas.used_cells() {
                    if !f.is_empty() {
                        grid.formulas.insert((r0 as usize + r, c0 as usize + c));
                    }
                }
            }
        }
        grids.push(grid);
    }
    Ok(grids)
}

/// A .csv as `ctg export` writes it (`;`, or `,` when the header has no
/// `;`), UTF-8 with or without its byte-order mark; quoted fields.
fn read_csv(bytes: &[u8]) -> Result<Grid, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "CSV qui n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 »".to_string())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let sep = if first.contains(';') { ';' } else { ',' };
    let mut rows = Vec::new();
    let mut row: Vec<Value> = Vec::new();
    let mut field = String::new();
    let (mut quoted, mut was_quoted) = (false, false);
    let mut chars = text.chars().peekable();
    let cell = |field: &mut String, was_quoted: bool| -> Value {
        let f = std::mem::take(field);
        // `ctg export` prefixed an apostrophe to a text a spreadsheet
        // would take for a formula.
        let f = match f.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
            _ => f,
        };
        match f.trim() {
            "" if !was_quoted => Value::Empty,
            t => Value::Text(t.to_string()),
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
                was_quoted = true;
            }
            c if c == sep && !quoted => {
                row.push(cell(&mut field, was_quoted));
                was_quoted = false;
            }
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(cell(&mut field, was_quoted));
                was_quoted = false;
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(cell(&mut field, was_quoted));
        rows.push(row);
    }
    Ok(Grid {
        name: String::new(),
        rows,
        formulas: HashSet::new(),
    })
}

/// A number as a partner types it: `12`, `12,5`, `12.5`, `1 200`.
pub fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => Some(*n),
        Value::Text(t) => t
            .trim()
            .replace(['\u{a0}', '\u{202f}', ' '], "")
            .replace(',', ".")
            .parse()
            .ok()
            .filter(|n: &f64| n.is_finite()),
        Value::Empty => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_numbers() {
        assert_eq!(reference("Indicateurs", 6, 7), "Indicateurs!H7");
        assert_eq!(reference("A", 0, 26), "A!AA1");
        assert_eq!(number(&Value::Text("1 200,5".into())), Some(1200.5));
        assert_eq!(number(&Value::Text("douze".into())), None);
    }

    #[test]
    fn csv_fields() {
        let g = read_csv("\u{feff}A;B;C\r\n\"x; \"\"y\"\"\";'=1+1;12,5\r\n".as_bytes()).unwrap();
        assert_eq!(g.rows[1][0], Value::Text("x; \"y\"".into()));
        assert_eq!(g.rows[1][1], Value::Text("=1+1".into()));
        assert_eq!(number(&g.rows[1][2]), Some(12.5));
        assert_eq!(g.column("C"), Some(2));
    }
}
