//! `--format human`: miette's graphical report, with the source snippet
//! and a label under the node.

use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::span::SourceFile;
use crate::validate::FileReport;
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

/// One finding, as miette wants to see it.
struct Report<'a> {
    diag: &'a Diagnostic,
    source: &'a SourceFile,
    lang: Lang,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.diag.message.get(self.lang))
    }
}

/// The code leads the message, as in `rustc` and `ruff`: `CTG002 date invalide…`.
impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.diag.code, self.diag.message.get(self.lang))
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
            .help
            .as_ref()
            .map(|h| Box::new(h.get(self.lang)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diag;
        let lang = self.lang;
        let clamp = |s: crate::span::Span| {
            let len = self.source.text.len();
            let start = s.start.min(len);
            (start, s.end.min(len) - start)
        };
        let primary = LabeledSpan::new_primary_with_span(
            Some(d.label.as_ref().unwrap_or(&d.message).get(lang).to_string()),
            clamp(d.span),
        );
        let related = d.related.iter().map(move |l| {
            LabeledSpan::new_with_span(Some(l.text.get(lang).to_string()), clamp(l.span))
        });
        Some(Box::new(std::iter::once(primary).chain(related)))
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
        for d in &f.diagnostics {
            let report = Report {
                diag: d,
                source: &f.source,
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
