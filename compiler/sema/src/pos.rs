//! Where erl_lint reports things: erl_parse's annotation of each node.
//!
//! Owns: computing the position erl_parse would give a node (e.g. the operator of a binary
//! operation, the `:` of a remote call, the `#` of a record update) from our spans and the
//! source text. Must not: panic on spans that do not match the text (macros, bad input);
//! when the text does not look as expected it falls back to the node's own start.

use ferl_diagnostics::{SourceMap, Span};
use ferl_syntax::ast::{Expr, ExprKind};

/// A short span at byte offset `at` in `file`.
pub fn point(file: ferl_diagnostics::FileId, at: u32) -> Span {
    Span::new(file, at, at.saturating_add(1))
}

/// The offset of the first significant character at or after `from` (skipping blanks,
/// comments and closing parentheses), if it is before `limit`.
pub fn next_token(
    map: &SourceMap,
    span_file: ferl_diagnostics::FileId,
    from: u32,
    limit: u32,
) -> Option<u32> {
    let f = map.try_get(span_file)?;
    let bytes = f.text.as_bytes();
    let mut i = from as usize;
    let lim = (limit as usize).min(bytes.len());
    while i < lim {
        match bytes[i] {
            b' ' | b'\t' | b'\r' | b'\n' | b')' => i += 1,
            b'%' => {
                while i < lim && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            _ => return Some(i as u32),
        }
    }
    None
}

/// Like [`next_token`] but only accepts the position if the text there starts with `want`.
pub fn find_after(map: &SourceMap, after: Span, limit: u32, want: &str) -> Option<Span> {
    let at = next_token(map, after.file, after.end, limit)?;
    let f = map.try_get(after.file)?;
    if f.text.get(at as usize..)?.starts_with(want) {
        Some(Span::new(after.file, at, at + want.len() as u32))
    } else {
        None
    }
}

/// The span of the operator between `lhs` and `rhs`.
pub fn op_between(map: &SourceMap, lhs: &Expr, rhs: &Expr, whole: Span) -> Span {
    let limit = if rhs.span.file == lhs.span.file && rhs.span.start > lhs.span.end {
        rhs.span.start
    } else {
        whole.end
    };
    match next_token(map, lhs.span.file, lhs.span.end, limit) {
        Some(at) if lhs.span.file == whole.file => point(whole.file, at),
        _ => point(whole.file, whole.start),
    }
}

/// The position erl_parse gives an expression (its `anno`).
pub fn anno(map: &SourceMap, e: &Expr) -> Span {
    match &e.kind {
        ExprKind::Var(_) | ExprKind::Atom(_) => e.span,
        ExprKind::BinOp(_, l, r) | ExprKind::Match(l, r) => op_between(map, l, r, e.span),
        ExprKind::Call(callee, _) => anno(map, callee),
        ExprKind::Remote(m, _) => find_after(map, m.span, e.span.end, ":")
            .unwrap_or_else(|| point(e.span.file, e.span.start)),
        ExprKind::Map(Some(base), _)
        | ExprKind::Record {
            base: Some(base), ..
        }
        | ExprKind::RecordAccess { expr: base, .. } => hash_after(map, base, e.span),
        _ => point(e.span.file, e.span.start),
    }
}

/// The `#` after a record/map base expression.
pub fn hash_after(map: &SourceMap, base: &Expr, whole: Span) -> Span {
    find_after(map, base.span, whole.end, "#").unwrap_or_else(|| point(whole.file, whole.start))
}

/// The span of the last atom-like word ending at `end` (a record field in `X#r.f`).
pub fn trailing_word(map: &SourceMap, whole: Span, len_hint: usize) -> Span {
    let Some(f) = map.try_get(whole.file) else {
        return whole;
    };
    let text = f.text.as_bytes();
    let end = (whole.end as usize).min(text.len());
    let mut i = end;
    if i > 0 && text[i - 1] == b'\'' {
        // quoted atom: find the opening quote
        i -= 1;
        while i > whole.start as usize {
            i -= 1;
            if text[i] == b'\'' {
                return Span::new(whole.file, i as u32, end as u32);
            }
        }
        return Span::new(whole.file, end.saturating_sub(len_hint) as u32, end as u32);
    }
    while i > whole.start as usize
        && (text[i - 1].is_ascii_alphanumeric()
            || text[i - 1] == b'_'
            || text[i - 1] == b'@'
            || text[i - 1] >= 0x80)
    {
        i -= 1;
    }
    if i == end {
        return Span::new(whole.file, end.saturating_sub(len_hint) as u32, end as u32);
    }
    Span::new(whole.file, i as u32, end as u32)
}

/// The position of an attribute's name: the first token after the `-` of the form.
pub fn attribute_anno(map: &SourceMap, form: Span) -> Span {
    let Some(f) = map.try_get(form.file) else {
        return form;
    };
    let text = f.text.as_bytes();
    let s = form.start as usize;
    if text.get(s) == Some(&b'-') {
        if let Some(at) = next_token(map, form.file, form.start + 1, form.end.max(form.start + 1)) {
            return point(form.file, at);
        }
    }
    point(form.file, form.start)
}
