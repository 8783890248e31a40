//! Diagnostics as data, and the one place where they are rendered.
//!
//! Owns: [`Span`]/[`FileId`]/[`SourceMap`] (every layer's notion of "where"),
//! [`Diagnostic`] (stable code, severity, primary span, labels, notes, hint), the
//! table of stable codes ([`codes`]), and the renderers ([`render`]): erlc's one-line
//! format, ariadne for terminals, JSON for tools.
//! Must not: know anything about Erlang syntax or do I/O other than writing rendered text
//! to the writer it is given.

pub mod codes;
pub mod render;
mod source;

pub use source::{FileId, SourceFile, SourceMap, Span};

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A secondary location with a short message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One finding about the source. Produced by any phase, rendered by [`render`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `E0401`; each has a page in `docs/errors/`.
    pub code: &'static str,
    pub severity: Severity,
    /// The message, worded like erlc's where erlc has one.
    pub message: String,
    /// Where the problem is.
    pub primary: Span,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, primary: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            primary,
            labels: Vec::new(),
            notes: Vec::new(),
            hint: None,
        }
    }

    pub fn warning(code: &'static str, primary: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, primary, message)
        }
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A growable list of diagnostics that phases push into.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }
    pub fn warning_count(&self) -> usize {
        self.items.iter().filter(|d| !d.is_error()).count()
    }
    /// Sort by file, then position, keeping the order of equal positions (stable).
    pub fn sort(&mut self) {
        self.items
            .sort_by_key(|d| (d.primary.file, d.primary.start));
    }
}
