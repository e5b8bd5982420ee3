//! `--format human`: miette's graphical report, with the source snippet
//! and a label under the node.

use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::validate::FileReport;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, SourceCode, SpanContents,
};
use std::fmt;
use std::io::{self, Write};

/// A source text with its file name, borrowed rather than copied.
struct Named<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for Named<'_> {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// One finding, as miette wants to see it.
struct Report<'a> {
    diag: &'a Diagnostic,
    source: Named<'a>,
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
        Some(&self.source)
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
                source: Named {
                    name: f.source.path.as_str(),
                    text: &f.source.text,
                },
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
