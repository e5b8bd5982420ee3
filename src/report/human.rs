//! `--format human`: miette's graphical report, with the source snippet
//! and a label under the node.

use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::span::SourceFile;
use crate::text::terminal::{is_hidden_control, visible, visible_lines};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, SourceCode, SpanContents,
};
use std::fmt;
use std::io::{self, Write};

/// A source file as miette reads it: only the lines around a finding,
/// found from the file's line index, so a file with thousands of findings
/// is not read through for each.
impl SourceCode for SourceFile {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let starts = self.line_starts();
        let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let (start, end) = (span.offset(), span.offset() + span.len());
        // A line more than asked on each side: miette trims to the context.
        let first = line_of(start).saturating_sub(context_lines_before + 1);
        let last = line_of(end) + context_lines_after + 1;
        let from = starts[first];
        let to = starts.get(last + 1).copied().unwrap_or(self.text.len());
        let window = self.text.get(from..to).ok_or(MietteError::OutOfBounds)?;
        let local = miette::SourceSpan::new((start - from).into(), span.len());
        let inner = window.read_span(&local, context_lines_before, context_lines_after)?;
        let at = miette::SourceSpan::new((inner.span().offset() + from).into(), inner.span().len());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.path.to_string(),
            inner.data(),
            at,
            inner.line() + first,
            inner.column(),
            // Lines in this snippet. (miette's own reader counts from the
            // top of the text, which joins a finding's labels into one
            // snippet however far apart, printing every line between.)
            inner.line_count(),
        )))
    }
}

/// A line longer than this is shown cut around what a finding points at.
const LONG_LINE: usize = 240;
/// How much of a cut line is kept on each side of a label's ends.
const CONTEXT: usize = 60;

/// What the report shows of a file whose text a terminal must not print
/// as it is: control characters written out (`\u{1b}`), long lines cut
/// around the labels (`…`). Lines stay where they are; the labels' spans
/// are moved to the shown text.
struct View {
    source: SourceFile,
    /// Original offset → offset in the shown text, for every label end.
    moved: std::collections::HashMap<usize, usize>,
}

impl View {
    /// The view of a file, when it needs one.
    fn of(file: &FileReport) -> Option<View> {
        let text = &file.source.text;
        let long = text.split('\n').any(|l| l.len() > LONG_LINE);
        if !long
            && !text
                .chars()
                .any(|c| c != '\n' && c != '\r' && is_hidden_control(c))
        {
            return None;
        }
        let mut points: Vec<usize> = file
            .diagnostics
            .iter()
            .flat_map(|d| std::iter::once(d.span).chain(d.related.iter().map(|l| l.span)))
            .flat_map(|s| [s.start.min(text.len()), s.end.min(text.len())])
            .collect();
        points.sort_unstable();
        points.dedup();
        let mut shown = String::with_capacity(text.len().min(1 << 20));
        let mut moved = std::collections::HashMap::new();
        let mut next = 0; // the first point not yet placed
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let body_len = line.trim_end_matches(['\n', '\r']).len();
            let (body, end) = (start..start + body_len, start + line.len());
            let here = &points[next..points.partition_point(|&p| p <= body.end)];
            let keep = kept(text, &body, here);
            let mut at = body.start;
            for range in keep {
                if range.start > at {
                    shown.push('…');
                }
                for (i, c) in text[range.clone()].char_indices() {
                    place(&points, &mut next, range.start + i, shown.len(), &mut moved);
                    if is_hidden_control(c) {
                        shown.push_str(&c.escape_unicode().to_string());
                    } else {
                        shown.push(c);
                    }
                }
                at = range.end;
            }
            if at < body.end {
                shown.push('…');
            }
            place(&points, &mut next, body.end, shown.len(), &mut moved);
            shown.push_str(&text[body.end..end]);
            start = end;
        }
        place(&points, &mut next, usize::MAX, shown.len(), &mut moved);
        Some(View {
            source: SourceFile::new(file.source.path.clone(), shown),
            moved,
        })
    }

    fn span(&self, span: crate::span::Span) -> crate::span::Span {
        let at = |o: usize| {
            self.moved
                .get(&o)
                .copied()
                .unwrap_or(self.source.text.len())
        };
        crate::span::Span::new(at(span.start), at(span.end).max(at(span.start)))
    }
}

/// Places every point up to `offset` at `shown` (points passed over in a
/// cut part land where the cut is).
fn place(
    points: &[usize],
    next: &mut usize,
    offset: usize,
    shown: usize,
    moved: &mut std::collections::HashMap<usize, usize>,
) {
    while *next < points.len() && points[*next] <= offset {
        moved.insert(points[*next], shown);
        *next += 1;
    }
}

/// The parts of a line kept in the view: all of a short line, the
/// surroundings of its label ends for a long one (or its start, when no
/// label falls on it).
fn kept(
    text: &str,
    body: &std::ops::Range<usize>,
    points: &[usize],
) -> Vec<std::ops::Range<usize>> {
    if body.len() <= LONG_LINE {
        return vec![body.clone()];
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let around: Vec<usize> = if points.is_empty() {
        vec![body.start]
    } else {
        points.to_vec()
    };
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for p in around {
        let a = floor(p.saturating_sub(CONTEXT).max(body.start));
        let b = floor((p + CONTEXT).min(body.end));
        match ranges.last_mut() {
            Some(last) if a <= last.end => last.end = last.end.max(b),
            _ => ranges.push(a..b),
        }
    }
    ranges
}

/// One finding, as miette wants to see it.
struct Report<'a> {
    diag: &'a Diagnostic,
    source: &'a SourceFile,
    view: Option<&'a View>,
    lang: Lang,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible_lines(self.diag.message.get(self.lang)))
    }
}

/// The code leads the message, as in `rustc` and `ruff`: `CTG002 date invalide…`.
impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            self.diag.code,
            visible_lines(self.diag.message.get(self.lang))
        )
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diag
            .help_and_fix(self.lang)
            .map(|h| Box::new(visible_lines(&h).into_owned()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        match self.view {
            Some(view) => Some(&view.source),
            None => Some(self.source),
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diag;
        let lang = self.lang;
        let clamp = move |s: crate::span::Span| {
            let s = match self.view {
                Some(view) => view.span(s),
                None => s,
            };
            let len = self.source_text().len();
            let start = s.start.min(len);
            (start, s.end.min(len) - start)
        };
        let text = move |t: &crate::diagnostic::Text| Some(visible(t.get(lang)).into_owned());
        let primary = LabeledSpan::new_primary_with_span(
            text(d.label.as_ref().unwrap_or(&d.message)),
            clamp(d.span),
        );
        let related = d
            .related
            .iter()
            .map(move |l| LabeledSpan::new_with_span(text(&l.text), clamp(l.span)));
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

impl Report<'_> {
    fn source_text(&self) -> &str {
        match self.view {
            Some(view) => &view.source.text,
            None => &self.source.text,
        }
    }
}

pub fn human(out: &mut dyn Write, files: &[FileReport], lang: Lang, color: bool) -> io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_links(false);
    let mut buf = String::new();
    for f in files {
        if f.diagnostics.is_empty() {
            continue;
        }
        let view = View::of(f);
        for d in &f.diagnostics {
            let report = Report {
                diag: d,
                source: &f.source,
                view: view.as_ref(),
                lang,
            };
            buf.clear();
            handler
                .render_report(&mut buf, &report)
                .map_err(io::Error::other)?;
            writeln!(out, "{buf}")?;
        }
    }
    Ok(())
}
