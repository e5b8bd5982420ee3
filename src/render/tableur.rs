//! The comité de pilotage's spreadsheet (`ctg export`): the plan of
//! actions, the indicators one row per year, the signatories, one sheet
//! each, with a first column naming each row's YAML node so that `ctg
//! import-suivi` can write back what the partners filled in (README "The
//! copil's spreadsheet").
//!
//! Text is always written as text, never as a formula: in .xlsx and .ods a
//! typed string cell; in .csv, a text that a spreadsheet would take for a
//! formula (`=`, `+`, `-`, `@`, a tab or a carriage return first) is
//! prefixed with an apostrophe.

use crate::diagnostic::Lang;
use crate::model::date::Precision;
use crate::model::{Closed, Convention, FlexDate, Realise};
use chrono::{Datelike, NaiveDate};

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A day, shown as one.
    Date(NaiveDate),
    /// A month, shown as one (its first day underneath).
    Month(NaiveDate),
}

/// One sheet: its name, its columns (header, width in characters) and rows.
#[derive(Debug)]
pub struct Sheet {
    pub name: &'static str,
    pub columns: &'static [(&'static str, f64)],
    pub rows: Vec<Vec<Cell>>,
}

pub const ACTIONS: &str = "Actions";
pub const INDICATEURS: &str = "Indicateurs";
pub const SIGNATAIRES: &str = "Signataires";

/// The header the first column of every sheet has: the YAML node.
pub const NODE: &str = "Nœud";
/// The headers `ctg import-suivi` reads.
pub const ID: &str = "Id";
pub const STATUT: &str = "Statut";
pub const ANNEE: &str = "Année";
pub const REALISE: &str = "Réalisé";

const ACTION_COLUMNS: &[(&str, f64)] = &[
    (NODE, 12.0),
    (ID, 6.0),
    ("Axe", 14.0),
    ("Intitulé", 48.0),
    ("Champ", 22.0),
    ("Pilote", 30.0),
    ("Partenaires", 36.0),
    ("Début", 12.0),
    ("Fin", 12.0),
    (STATUT, 12.0),
];
const INDICATOR_COLUMNS: &[(&str, f64)] = &[
    (NODE, 26.0),
    ("Action", 8.0),
    ("Indicateur", 44.0),
    ("Unité", 14.0),
    (ANNEE, 8.0),
    ("Initiale", 10.0),
    ("Cible", 10.0),
    (REALISE, 10.0),
];
const SIGNATORY_COLUMNS: &[(&str, f64)] = &[
    (NODE, 16.0),
    ("Organisme", 24.0),
    ("Nom", 44.0),
    ("Représentants", 48.0),
    ("Autorisation", 40.0),
];

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn bound(d: &FlexDate) -> Cell {
    match d.precision {
        Precision::Day => Cell::Date(d.first),
        Precision::Month => Cell::Month(d.first),
        Precision::Year => Cell::Number(d.year() as f64),
    }
}

/// The three sheets of a convention. A `realise` given as one value goes on
/// the row of `this_year` (clamped to the period), where the copil reads it.
pub fn sheets(c: &Convention, this_year: i32) -> Vec<Sheet> {
    let actions = c
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let cal = a.calendrier.as_ref().map(|c| &c.value);
            vec![
                text(&format!("actions[{i}]")),
                text(&a.id.value),
                text(&a.axe.value),
                text(&a.intitule.value),
                text(a.champ.value.label(Lang::Fr)),
                a.pilote.as_ref().map_or(Cell::Empty, |p| text(&p.value)),
                text(
                    &a.partenaires
                        .iter()
                        .map(|p| p.value.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                cal.and_then(|c| c.debut.as_ref())
                    .map_or(Cell::Empty, |d| bound(&d.value)),
                cal.and_then(|c| c.fin.as_ref())
                    .map_or(Cell::Empty, |d| bound(&d.value)),
                text(a.statut().label(Lang::Fr)),
            ]
        })
        .collect();
    let (first, last) = (
        c.periode.value.debut.value.year(),
        c.periode.value.fin.value.year(),
    );
    let single_year = this_year.clamp(first, last);
    let mut indicators = Vec::new();
    for (i, a) in c.actions.iter().enumerate() {
        for (j, ind) in a.indicateurs.iter().flat_map(|l| l.iter()).enumerate() {
            let figure = |v: &Option<crate::span::Spanned<f64>>| {
                v.as_ref().map_or(Cell::Empty, |v| Cell::Number(v.value))
            };
            for year in first..=last {
                let reached = match ind.realise.as_ref().map(|r| &r.value) {
                    Some(Realise::Valeur(v)) if year == single_year => Cell::Number(*v),
                    Some(Realise::ParAnnee(years)) => years
                        .iter()
                        .find(|(y, _)| *y == year)
                        .map_or(Cell::Empty, |(_, v)| Cell::Number(v.value)),
                    _ => Cell::Empty,
                };
                indicators.push(vec![
                    text(&format!("actions[{i}].indicateurs[{j}]")),
                    text(&a.id.value),
                    text(&ind.libelle.value),
                    ind.unite.as_ref().map_or(Cell::Empty, |u| text(&u.value)),
                    Cell::Number(year as f64),
                    figure(&ind.valeur_initiale),
                    figure(&ind.cible),
                    reached,
                ]);
            }
        }
    }
    let signatories = c
        .signataires
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let representants: Vec<String> = s
                .representants
                .iter()
                .flat_map(|l| l.iter())
                .map(|r| {
                    let part = |v: &Option<crate::span::Spanned<String>>| {
                        v.as_ref().map(|v| v.value.clone())
                    };
                    [part(&r.nom), part(&r.qualite)]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect();
            vec![
                text(&format!("signataires[{i}]")),
                text(s.organisme.value.label(Lang::Fr)),
                text(&s.nom.value),
                text(&representants.join(" ; ")),
                s.autorisation
                    .as_ref()
                    .map_or(Cell::Empty, |a| text(&a.value)),
            ]
        })
        .collect();
    vec![
        Sheet {
            name: ACTIONS,
            columns: ACTION_COLUMNS,
            rows: actions,
        },
        Sheet {
            name: INDICATEURS,
            columns: INDICATOR_COLUMNS,
            rows: indicators,
        },
        Sheet {
            name: SIGNATAIRES,
            columns: SIGNATORY_COLUMNS,
            rows: signatories,
        },
    ]
}

/// The workbook as .xlsx: headers bold and frozen, widths set, dates and
/// numbers typed.
pub fn xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| format!("classeur : {e}");
    let mut book = Workbook::new();
    let header = Format::new().set_bold().set_background_color("D9E2F3");
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let month = Format::new().set_num_format("mm/yyyy");
    let year = Format::new().set_num_format("0");
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet.name).map_err(fail)?;
        for (col, (title, width)) in sheet.columns.iter().enumerate() {
            let col = col as u16;
            ws.write_string_with_format(0, col, *title, &header)
                .map_err(fail)?;
            ws.set_column_width(col, *width).map_err(fail)?;
        }
        ws.set_freeze_panes(1, 0).map_err(fail)?;
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (col, cell) in row.iter().enumerate() {
                let col = col as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        ws.write_string(r, col, t).map_err(fail)?;
                    }
                    Cell::Number(n) if sheet.columns[col as usize].0 == ANNEE => {
                        ws.write_number_with_format(r, col, *n, &year)
                            .map_err(fail)?;
                    }
                    Cell::Number(n) => {
                        ws.write_number(r, col, *n).map_err(fail)?;
                    }
                    Cell::Date(d) | Cell::Month(d) => {
                        let when = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )
                        .map_err(fail)?;
                        let format = if matches!(cell, Cell::Date(_)) {
                            &day
                        } else {
                            &month
                        };
                        ws.write_datetime_with_format(r, col, &when, format)
                            .map_err(fail)?;
                    }
                }
            }
        }
    }
    book.save_to_buffer().map_err(fail)
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The workbook as .ods (OpenDocument), written directly: headers bold and
/// frozen (settings.xml), widths set, dates and numbers typed.
pub fn ods(sheets: &[Sheet]) -> Result<Vec<u8>, crate::render::RenderError> {
    let mut styles = String::new();
    let mut tables = String::new();
    let mut frozen = String::new();
    for (s, sheet) in sheets.iter().enumerate() {
        tables.push_str(&format!("<table:table table:name=\"{}\">", xml(sheet.name)));
        for (c, (_, width)) in sheet.columns.iter().enumerate() {
            // About 0.21 cm a character, as spreadsheets count widths.
            styles.push_str(&format!(
                "<style:style style:name=\"co{s}_{c}\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"{:.2}cm\"/></style:style>",
                width * 0.21
            ));
            tables.push_str(&format!(
                "<table:table-column table:style-name=\"co{s}_{c}\"/>"
            ));
        }
        tables.push_str("<table:table-header-rows><table:table-row>");
        for (title, _) in sheet.columns {
            tables.push_str(&format!(
                "<table:table-cell table:style-name=\"entete\" office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                xml(title)
            ));
        }
        tables.push_str("</table:table-row></table:table-header-rows>");
        for row in &sheet.rows {
            tables.push_str("<table:table-row>");
            for cell in row {
                tables.push_str(&match cell {
                    Cell::Empty => "<table:table-cell/>".to_string(),
                    Cell::Text(t) => format!(
                        "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                        xml(t)
                    ),
                    Cell::Number(n) => format!(
                        "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{}</text:p></table:table-cell>",
                        crate::text::figures::number(*n)
                    ),
                    Cell::Date(d) => format!(
                        "<table:table-cell table:style-name=\"jour\" office:value-type=\"date\" office:date-value=\"{d}\"><text:p>{}</text:p></table:table-cell>",
                        d.format("%d/%m/%Y")
                    ),
                    Cell::Month(d) => format!(
                        "<table:table-cell table:style-name=\"mois\" office:value-type=\"date\" office:date-value=\"{d}\"><text:p>{}</text:p></table:table-cell>",
                        d.format("%m/%Y")
                    ),
                });
            }
            tables.push_str("</table:table-row>");
        }
        tables.push_str("</table:table>");
        frozen.push_str(&format!(
            "<config:config-item-map-entry config:name=\"{}\"><config:config-item config:name=\"VerticalSplitMode\" config:type=\"short\">2</config:config-item><config:config-item config:name=\"VerticalSplitPosition\" config:type=\"int\">1</config:config-item><config:config-item config:name=\"ActiveSplitRange\" config:type=\"short\">2</config:config-item><config:config-item config:name=\"PositionTop\" config:type=\"int\">0</config:config-item><config:config-item config:name=\"PositionBottom\" config:type=\"int\">1</config:config-item></config:config-item-map-entry>",
            xml(sheet.name)
        ));
    }
    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0""#;
    let content = format!(
        r##"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.3"><office:automatic-styles><number:date-style style:name="N-jour"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style><number:date-style style:name="N-mois"><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style><style:style style:name="entete" style:family="table-cell"><style:table-cell-properties fo:background-color="#d9e2f3"/><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="jour" style:family="table-cell" style:data-style-name="N-jour"/><style:style style:name="mois" style:family="table-cell" style:data-style-name="N-mois"/>{styles}</office:automatic-styles><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"##
    );
    let settings = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-settings {NS} office:version="1.3"><office:settings><config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry><config:config-item config:name="ViewId" config:type="string">view1</config:config-item><config:config-item-map-named config:name="Tables">{frozen}</config:config-item-map-named></config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    super::office::zip(vec![
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
            false,
        ),
        ("META-INF/manifest.xml", manifest.as_bytes().to_vec(), true),
        ("content.xml", content.into_bytes(), true),
        ("settings.xml", settings.into_bytes(), true),
    ])
}

/// A text a spreadsheet would take for a formula, made plain text.
fn defused(t: &str) -> String {
    if t.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{t}")
    } else {
        t.to_string()
    }
}

/// One sheet as CSV the way French spreadsheets read it: `;` between
/// cells, decimal commas, dates as dd/mm/yyyy, UTF-8 with a byte-order mark
/// (so that Excel does not read it as Latin-1), CRLF line ends.
pub fn csv(sheet: &Sheet) -> String {
    let field = |s: &str| {
        if s.contains([';', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from("\u{feff}");
    let headers: Vec<String> = sheet.columns.iter().map(|(t, _)| field(t)).collect();
    out.push_str(&headers.join(";"));
    out.push_str("\r\n");
    for row in &sheet.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Empty => String::new(),
                Cell::Text(t) => field(&defused(t)),
                Cell::Number(n) => n.to_string().replace('.', ","),
                Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
                Cell::Month(d) => d.format("%m/%Y").to_string(),
            })
            .collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_defuses_formulas_and_quotes_what_it_must() {
        let sheet = Sheet {
            name: ACTIONS,
            columns: &[("A", 1.0), ("B", 1.0), ("C", 1.0)],
            rows: vec![vec![
                text("=HYPERLINK(\"http://x\")"),
                text("a; b"),
                Cell::Number(12.5),
            ]],
        };
        assert_eq!(
            csv(&sheet),
            "\u{feff}A;B;C\r\n\"'=HYPERLINK(\"\"http://x\"\")\";\"a; b\";12,5\r\n"
        );
        for t in ["+1", "-1", "@SUM(A1)", "\tx"] {
            assert!(defused(t).starts_with('\''), "{t}");
        }
        assert_eq!(defused("Relais petite enfance"), "Relais petite enfance");
    }
}
