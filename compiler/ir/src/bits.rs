//! Bit-syntax type specifiers: from the AST's specifier list to a [`SegSpec`], and the
//! expansion of string segments (`<<"abc", ...>>`) into one segment per character.
//!
//! Must not: evaluate sizes or values (lowering and the match compiler do that).

use crate::ir::{BinType, Endian, SegSpec};
use ferl_syntax::ast::{self, ExprKind};

/// The segment type, unit and flags of an element (`integer-unsigned-big-unit:1` default).
pub fn spec_of(el: &ast::BinElement) -> Result<SegSpec, String> {
    let mut ty = BinType::Integer;
    let mut unit: Option<u32> = None;
    let mut signed = false;
    let mut endian = Endian::Big;
    for s in el.specifiers.iter().flatten() {
        match &*s.name {
            "integer" => ty = BinType::Integer,
            "float" => ty = BinType::Float,
            "binary" | "bytes" => ty = BinType::Binary,
            "bitstring" | "bits" => ty = BinType::Bitstring,
            "utf8" => ty = BinType::Utf8,
            "utf16" => ty = BinType::Utf16,
            "utf32" => ty = BinType::Utf32,
            "signed" => signed = true,
            "unsigned" => signed = false,
            "big" => endian = Endian::Big,
            "little" => endian = Endian::Little,
            "native" => endian = Endian::Native,
            "unit" => unit = s.value,
            other => return Err(format!("bad bit type specifier '{other}'")),
        }
    }
    let unit = match unit {
        Some(u) if (1..=256).contains(&u) => u,
        Some(u) => return Err(format!("bad unit {u}")),
        None => match ty {
            BinType::Binary => 8,
            _ => 1,
        },
    };
    let unit = unit as u16;
    Ok(SegSpec {
        ty,
        unit,
        signed,
        endian,
    })
}

/// An element whose value is a string literal stands for one segment per character with
/// the same size and specifiers; anything else is one segment.
pub fn expand_string(el: &ast::BinElement) -> Vec<ast::BinElement> {
    match &el.value.kind {
        ExprKind::String(s) => s
            .chars()
            .map(|c| ast::BinElement {
                value: ast::Expr::new(ExprKind::Char(c as u32), el.value.span),
                size: el.size.clone(),
                specifiers: el.specifiers.clone(),
                span: el.span,
            })
            .collect(),
        _ => vec![el.clone()],
    }
}
