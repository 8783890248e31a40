//! Constant folding of AST expressions into [`Literal`]s (so codegen can emit constant terms
//! as static data, and patterns like `-1`, `1 bsl 8` or `"ab" ++ T` see their constants),
//! and the bit-level writer used to fold constant binaries.
//!
//! Must not: fold anything whose evaluation could raise or depends on run-time state
//! (such expressions return `None` and are lowered as code).

use crate::ir::{Atom, Literal};
use ferl_syntax::ast::{self, BinOp, ExprKind, Fun, UnOp};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

/// A string literal as a list of character codes.
pub fn string(s: &str) -> Literal {
    Literal::list(s.chars().map(|c| Literal::int(c as i64)).collect())
}

/// `[H | T]` of two constants.
pub fn cons(h: Literal, t: Literal) -> Literal {
    match t {
        Literal::List(mut es, tail) => {
            es.insert(0, h);
            Literal::List(es, tail)
        }
        other => Literal::List(vec![h], Box::new(other)),
    }
}

fn int_of(l: &Literal) -> Option<&BigInt> {
    match l {
        Literal::Int(i) => Some(i),
        _ => None,
    }
}

/// The constant value of `e`, if it is a constant expression that cannot raise.
pub fn constant(e: &ast::Expr) -> Option<Literal> {
    Some(match &e.kind {
        ExprKind::Atom(a) => Literal::Atom(a.clone()),
        ExprKind::Integer(i) => Literal::Int(i.to_bigint()),
        ExprKind::Float(f) => Literal::Float(*f),
        ExprKind::Char(c) => Literal::int(*c as i64),
        ExprKind::String(s) => string(s),
        ExprKind::Nil => Literal::Nil,
        ExprKind::Cons(..) => {
            // iterative along the tail: long constant lists are common (tables)
            let mut elems = Vec::new();
            let mut cur = e;
            while let ExprKind::Cons(h, t) = &cur.kind {
                elems.push(constant(h)?);
                cur = t;
            }
            match constant(cur)? {
                Literal::List(mut rest, tail) => {
                    elems.append(&mut rest);
                    Literal::List(elems, tail)
                }
                tail => Literal::List(elems, Box::new(tail)),
            }
        }
        ExprKind::Tuple(es) => Literal::Tuple(es.iter().map(constant).collect::<Option<_>>()?),
        ExprKind::UnOp(op, x) => {
            let v = constant(x)?;
            match (op, v) {
                (UnOp::Minus, Literal::Int(i)) => Literal::Int(-i),
                (UnOp::Minus, Literal::Float(f)) => Literal::Float(-f),
                (UnOp::Plus, v @ (Literal::Int(_) | Literal::Float(_))) => v,
                (UnOp::Bnot, Literal::Int(i)) => Literal::Int(-i - 1),
                _ => return None,
            }
        }
        ExprKind::BinOp(op, a, b) => fold_binop(*op, &constant(a)?, &constant(b)?)?,
        ExprKind::Map(None, fields) => {
            let mut kvs: Vec<(Literal, Literal)> = Vec::new();
            for f in fields {
                if f.op != ast::MapOp::Assoc {
                    return None;
                }
                let k = constant(&f.key)?;
                let v = constant(&f.value)?;
                if let Some(slot) = kvs.iter_mut().find(|(k2, _)| k2.exact_eq(&k)) {
                    slot.1 = v;
                } else {
                    kvs.push((k, v));
                }
            }
            Literal::Map(kvs)
        }
        ExprKind::Binary(elems) => constant_binary(elems)?,
        ExprKind::Fun(f) => match &**f {
            Fun::Remote {
                module,
                function,
                arity,
            } => match (&module.kind, &function.kind, &arity.kind) {
                (ExprKind::Atom(m), ExprKind::Atom(f), ExprKind::Integer(a)) => {
                    let a = a.as_i64().filter(|a| (0..=255).contains(a))?;
                    Literal::ExportFun {
                        module: m.clone(),
                        function: f.clone(),
                        arity: a as u32,
                    }
                }
                _ => return None,
            },
            _ => return None,
        },
        _ => return None,
    })
}

fn fold_binop(op: BinOp, a: &Literal, b: &Literal) -> Option<Literal> {
    if let (Some(x), Some(y)) = (int_of(a), int_of(b)) {
        let r = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::Div if !y.is_zero() => x / y,
            BinOp::Rem if !y.is_zero() => x % y,
            BinOp::Band => x & y,
            BinOp::Bor => x | y,
            BinOp::Bxor => x ^ y,
            BinOp::Bsl | BinOp::Bsr => {
                let s = y.to_i64()?;
                let s = if op == BinOp::Bsr { -s } else { s };
                if s.abs() > 1 << 16 {
                    return None;
                }
                if s >= 0 {
                    x << (s as usize)
                } else {
                    x >> ((-s) as usize)
                }
            }
            _ => return None,
        };
        return Some(Literal::Int(r));
    }
    let f = |l: &Literal| match l {
        Literal::Int(i) => i.to_f64(),
        Literal::Float(f) => Some(*f),
        _ => None,
    };
    let (x, y) = (f(a)?, f(b)?);
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::FDiv if y != 0.0 => x / y,
        _ => return None,
    };
    r.is_finite().then_some(Literal::Float(r))
}

/// Writes bits most-significant first.
#[derive(Default)]
pub struct BitWriter {
    pub bytes: Vec<u8>,
    pub bits: u64,
}

impl BitWriter {
    pub fn push_bit(&mut self, bit: bool) {
        if self.bits.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if bit {
            let i = (self.bits / 8) as usize;
            self.bytes[i] |= 0x80 >> (self.bits % 8);
        }
        self.bits += 1;
    }
    /// The low `size` bits of `v` (two's complement), big-endian.
    pub fn push_int(&mut self, v: &BigInt, size: u64) {
        let bytes = v.to_signed_bytes_be();
        let fill = v.is_negative();
        for i in (0..size).rev() {
            let byte_from_end = (i / 8) as usize;
            let b = if byte_from_end < bytes.len() {
                bytes[bytes.len() - 1 - byte_from_end]
            } else if fill {
                0xff
            } else {
                0
            };
            self.push_bit(b & (1 << (i % 8)) != 0);
        }
    }
    pub fn push_bytes(&mut self, bytes: &[u8], bits: u64) {
        for i in 0..bits {
            let b = bytes[(i / 8) as usize];
            self.push_bit(b & (0x80 >> (i % 8)) != 0);
        }
    }
    pub fn into_literal(self) -> Literal {
        Literal::Bitstring {
            bytes: self.bytes,
            bits: self.bits,
        }
    }
}

/// Fold `<<...>>` whose segments are all constant integers/strings/binaries with
/// constant sizes and default or big-endian byte order.
fn constant_binary(elems: &[ast::BinElement]) -> Option<Literal> {
    let mut w = BitWriter::default();
    for el in elems {
        let spec = crate::bits::spec_of(el).ok()?;
        use crate::ir::{BinType, Endian};
        if spec.endian != Endian::Big
            && !(spec.endian == Endian::Little && spec.ty == BinType::Integer)
        {
            return None;
        }
        let values: Vec<Literal> = match &el.value.kind {
            ExprKind::String(s) => s.chars().map(|c| Literal::int(c as i64)).collect(),
            _ => vec![constant(&el.value)?],
        };
        let size = match &el.size {
            None => None,
            Some(s) => Some(int_of(&constant(s)?)?.to_u64()?),
        };
        for v in values {
            match (spec.ty, &v) {
                (BinType::Integer, Literal::Int(i)) => {
                    let bits = size.unwrap_or(8).checked_mul(spec.unit as u64)?;
                    if bits > 1 << 16 {
                        return None;
                    }
                    if spec.endian == Endian::Little {
                        if bits % 8 != 0 {
                            return None;
                        }
                        let mut tmp = BitWriter::default();
                        tmp.push_int(i, bits);
                        for byte in tmp.bytes.iter().rev() {
                            w.push_int(&BigInt::from(*byte), 8);
                        }
                    } else {
                        w.push_int(i, bits);
                    }
                }
                (BinType::Utf8, Literal::Int(i)) => {
                    let c = char::from_u32(i.to_u32()?)?;
                    let mut buf = [0u8; 4];
                    let s = c.encode_utf8(&mut buf);
                    w.push_bytes(s.as_bytes(), s.len() as u64 * 8);
                }
                (BinType::Binary | BinType::Bitstring, Literal::Bitstring { bytes, bits }) => {
                    let take = match size {
                        None => *bits,
                        Some(n) => n.checked_mul(spec.unit as u64)?,
                    };
                    if take > *bits
                        || (spec.ty == BinType::Binary && size.is_none() && bits % 8 != 0)
                    {
                        return None;
                    }
                    w.push_bytes(bytes, take);
                }
                _ => return None,
            }
        }
    }
    Some(w.into_literal())
}

/// An atom literal's name, if `l` is one.
pub fn atom_name(l: &Literal) -> Option<&Atom> {
    match l {
        Literal::Atom(a) => Some(a),
        _ => None,
    }
}
