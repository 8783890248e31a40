//! Rendering diagnostics: the only place that turns [`Diagnostic`]s into text.
//!
//! - [`erlc`]: erlc's one-line format `File:Line:Col: Message` (`Warning: ` prefix for
//!   warnings), for tools, editors, pipes and `--brief`;
//! - [`ariadne`]: source excerpt with labels, for terminals;
//! - [`json`]: one JSON object per line, for `--error-format=json`.

use crate::{Diagnostic, Severity, SourceMap};
use std::io::{self, Write};

/// Which renderer to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Erlc,
    Human,
    Json,
}

/// Render every diagnostic in the chosen format.
pub fn render_all(
    format: Format,
    map: &SourceMap,
    diags: &[Diagnostic],
    out: &mut dyn Write,
) -> io::Result<()> {
    for d in diags {
        match format {
            Format::Erlc => erlc(map, d, out)?,
            Format::Human => ariadne(map, d, false, out)?,
            Format::Json => json(map, d, out)?,
        }
    }
    Ok(())
}

/// `File:Line:Col: Message` / `File:Line:Col: Warning: Message`, as erlc prints them.
pub fn erlc(map: &SourceMap, d: &Diagnostic, out: &mut dyn Write) -> io::Result<()> {
    let (file, line, col) = map.location(d.primary);
    let prefix = if d.severity == Severity::Warning {
        "Warning: "
    } else {
        ""
    };
    if d.primary.is_whole_file() {
        return writeln!(out, "{file}: {prefix}{}", d.message);
    }
    writeln!(out, "{file}:{line}:{col}: {prefix}{}", d.message)
}

/// A source excerpt with the primary span and labels underlined. `color` adds ANSI colors.
pub fn ariadne(
    map: &SourceMap,
    d: &Diagnostic,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    use ariadne::{Config, Label, Report, ReportKind};

    let kind = match d.severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
    };
    let name_of = |id: crate::FileId| -> String {
        map.try_get(id)
            .map(|f| f.name.clone())
            .unwrap_or_else(|| "nofile".into())
    };
    // ariadne works in character offsets by default; convert byte offsets.
    let char_range = |span: crate::Span| -> std::ops::Range<usize> {
        match map.try_get(span.file) {
            Some(f) => {
                let clamp = |b: u32| {
                    let mut b = (b as usize).min(f.text.len());
                    while !f.text.is_char_boundary(b) {
                        b -= 1;
                    }
                    f.text[..b].chars().count()
                };
                let s = clamp(span.start);
                let e = clamp(span.end).max(s);
                s..e
            }
            None => 0..0,
        }
    };
    let primary = (name_of(d.primary.file), char_range(d.primary));
    let mut report = Report::build(kind, primary.clone())
        .with_config(Config::default().with_color(color))
        .with_code(d.code)
        .with_message(&d.message)
        .with_label(Label::new(primary).with_message(&d.message));
    for l in &d.labels {
        report = report.with_label(
            Label::new((name_of(l.span.file), char_range(l.span))).with_message(&l.message),
        );
    }
    for n in &d.notes {
        report = report.with_note(n);
    }
    if let Some(h) = &d.hint {
        report = report.with_help(h);
    }
    let mut files: Vec<(String, String)> = Vec::new();
    let mut add = |id: crate::FileId| {
        let name = name_of(id);
        if !files.iter().any(|(n, _)| *n == name) {
            let text = map.try_get(id).map(|f| f.text.clone()).unwrap_or_default();
            files.push((name, text));
        }
    };
    add(d.primary.file);
    for l in &d.labels {
        add(l.span.file);
    }
    report.finish().write(ariadne::sources(files), out)
}

/// One JSON object per diagnostic, on one line.
pub fn json(map: &SourceMap, d: &Diagnostic, out: &mut dyn Write) -> io::Result<()> {
    let loc = |span: crate::Span| {
        let (file, line, col) = map.location(span);
        let (eline, ecol) = map
            .try_get(span.file)
            .map(|f| f.line_col(span.end))
            .unwrap_or((0, 0));
        serde_json::json!({
            "file": file, "line": line, "column": col,
            "end_line": eline, "end_column": ecol,
            "start": span.start, "end": span.end,
        })
    };
    let v = serde_json::json!({
        "code": d.code,
        "severity": d.severity,
        "message": d.message,
        "primary": loc(d.primary),
        "labels": d.labels.iter().map(|l| serde_json::json!({"message": l.message, "span": loc(l.span)})).collect::<Vec<_>>(),
        "notes": d.notes,
        "hint": d.hint,
    });
    writeln!(out, "{v}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Diagnostic, Span};

    #[test]
    fn erlc_format() {
        let mut map = SourceMap::new();
        let f = map.add("t.erl", "-module(t).\nfoo() -> X.\n");
        let d = Diagnostic::error("E0401", Span::new(f, 21, 22), "variable 'X' is unbound");
        let mut out = Vec::new();
        erlc(&map, &d, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "t.erl:2:10: variable 'X' is unbound\n"
        );
        let w = Diagnostic::warning("W0404", Span::new(f, 21, 22), "variable 'X' is unused");
        let mut out = Vec::new();
        erlc(&map, &w, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "t.erl:2:10: Warning: variable 'X' is unused\n"
        );
    }
}
