//! `-if(Expr).` / `-elif(Expr).` conditions, evaluated as epp does: the expression must
//! be a guard expression (calls to non-guard BIFs and remote calls other than
//! `erlang:GuardBif` are "badly formed"), `defined(Name)` is answered from the macro
//! table, and anything that raises (unbound variables, unknown functions, badarith)
//! makes the condition false. Only the atom `true` selects the branch.
//!
//! Must not: run anything but the pure guard subset below, or panic.

use super::macros::Macros;
use crate::ast::{BinOp, Expr, ExprKind, UnOp};
use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};
use std::cmp::Ordering;

/// A run-time value of a condition.
#[derive(Clone, Debug)]
enum V {
    Int(BigInt),
    Float(f64),
    Atom(String),
    Tuple(Vec<V>),
    Nil,
    Cons(Box<V>, Box<V>),
    /// A pid, reference and the like (from `self()`, `make_ref()`...).
    Opaque(u8),
}

/// Raised during evaluation: the condition is false.
struct Raise;

/// Why a condition is rejected before evaluation ("badly formed 'if'").
pub(crate) struct Bad;

/// Check and evaluate a parsed condition. `Err(Bad)` = badly formed.
pub(crate) fn eval_condition(e: &Expr, macros: &Macros) -> Result<bool, Bad> {
    check_guard(e, 0)?;
    Ok(matches!(eval(e, macros, 0), Ok(V::Atom(a)) if a == "true"))
}

/// Auto-imported BIFs that are *not* guard BIFs (epp rejects calls to them).
const NON_GUARD_BIFS: &[&str] = &[
    "apply",
    "atom_to_binary",
    "atom_to_list",
    "binary_to_atom",
    "binary_to_existing_atom",
    "binary_to_float",
    "binary_to_integer",
    "binary_to_list",
    "binary_to_term",
    "bitstring_to_list",
    "check_old_code",
    "check_process_code",
    "date",
    "delete_module",
    "demonitor",
    "disconnect_node",
    "erase",
    "error",
    "exit",
    "float_to_binary",
    "float_to_list",
    "garbage_collect",
    "get",
    "get_keys",
    "group_leader",
    "halt",
    "integer_to_binary",
    "integer_to_list",
    "iolist_size",
    "iolist_to_binary",
    "is_alive",
    "is_process_alive",
    "link",
    "list_to_atom",
    "list_to_binary",
    "list_to_bitstring",
    "list_to_existing_atom",
    "list_to_float",
    "list_to_integer",
    "list_to_pid",
    "list_to_port",
    "list_to_ref",
    "list_to_tuple",
    "load_module",
    "make_ref",
    "max",
    "min",
    "module_loaded",
    "monitor",
    "monitor_node",
    "nodes",
    "now",
    "open_port",
    "pid_to_list",
    "port_close",
    "port_command",
    "port_connect",
    "port_control",
    "pre_loaded",
    "process_flag",
    "process_info",
    "processes",
    "purge_module",
    "put",
    "register",
    "registered",
    "setelement",
    "spawn",
    "spawn_link",
    "spawn_monitor",
    "spawn_opt",
    "split_binary",
    "statistics",
    "term_to_binary",
    "term_to_iovec",
    "throw",
    "time",
    "tuple_to_list",
    "unlink",
    "unregister",
    "whereis",
    "atom_to_binary",
    "fun_to_list",
    "port_to_list",
    "ref_to_list",
    "erts_internal",
];

/// Guard BIFs (callable as `F(...)` or `erlang:F(...)` in a condition).
fn is_guard_bif(name: &str, arity: usize) -> bool {
    matches!(
        (name, arity),
        ("abs", 1)
            | ("binary_part", 2)
            | ("binary_part", 3)
            | ("bit_size", 1)
            | ("byte_size", 1)
            | ("ceil", 1)
            | ("element", 2)
            | ("float", 1)
            | ("floor", 1)
            | ("hd", 1)
            | ("is_map_key", 2)
            | ("length", 1)
            | ("map_get", 2)
            | ("map_size", 1)
            | ("node", 0)
            | ("node", 1)
            | ("round", 1)
            | ("self", 0)
            | ("size", 1)
            | ("tl", 1)
            | ("trunc", 1)
            | ("tuple_size", 1)
            | ("is_atom", 1)
            | ("is_binary", 1)
            | ("is_bitstring", 1)
            | ("is_boolean", 1)
            | ("is_float", 1)
            | ("is_function", 1)
            | ("is_function", 2)
            | ("is_integer", 1)
            | ("is_list", 1)
            | ("is_map", 1)
            | ("is_number", 1)
            | ("is_pid", 1)
            | ("is_port", 1)
            | ("is_reference", 1)
            | ("is_tuple", 1)
            | ("is_record", 2)
            | ("is_record", 3)
    )
}

fn check_guard(e: &Expr, depth: usize) -> Result<(), Bad> {
    if depth > 500 {
        return Err(Bad);
    }
    let d = depth + 1;
    match &e.kind {
        ExprKind::Var(_)
        | ExprKind::Atom(_)
        | ExprKind::Integer(_)
        | ExprKind::Float(_)
        | ExprKind::Char(_)
        | ExprKind::String(_)
        | ExprKind::Nil
        | ExprKind::RecordIndex { .. } => Ok(()),
        ExprKind::Cons(h, t) => {
            check_guard(h, d)?;
            check_guard(t, d)
        }
        ExprKind::Tuple(es) => es.iter().try_for_each(|x| check_guard(x, d)),
        ExprKind::Map(base, fields) => {
            if let Some(b) = base {
                check_guard(b, d)?;
            }
            fields.iter().try_for_each(|f| {
                check_guard(&f.key, d)?;
                check_guard(&f.value, d)
            })
        }
        ExprKind::Binary(elems) => elems.iter().try_for_each(|el| {
            check_guard(&el.value, d)?;
            match &el.size {
                Some(s) => check_guard(s, d),
                None => Ok(()),
            }
        }),
        ExprKind::Record { base, fields, .. } => {
            if let Some(b) = base {
                check_guard(b, d)?;
            }
            fields.iter().try_for_each(|f| check_guard(&f.value, d))
        }
        ExprKind::RecordAccess { expr, .. } => check_guard(expr, d),
        ExprKind::BinOp(op, a, b) => {
            if matches!(op, BinOp::Send | BinOp::Append | BinOp::Subtract) {
                return Err(Bad);
            }
            check_guard(a, d)?;
            check_guard(b, d)
        }
        ExprKind::UnOp(_, a) => check_guard(a, d),
        ExprKind::Call(f, args) => match &f.kind {
            ExprKind::Atom(name) if &**name == "defined" && args.len() == 1 => {
                match &args[0].kind {
                    ExprKind::Var(_) | ExprKind::Atom(_) => Ok(()),
                    _ => Err(Bad),
                }
            }
            ExprKind::Atom(name) => {
                // epp drops the call (keeping its arguments) unless it is an
                // auto-imported BIF that is not a guard BIF.
                if NON_GUARD_BIFS.contains(&&**name) && !is_guard_bif(name, args.len()) {
                    return Err(Bad);
                }
                args.iter().try_for_each(|x| check_guard(x, d))
            }
            ExprKind::Remote(m, fun) => match (&m.kind, &fun.kind) {
                (ExprKind::Atom(m), ExprKind::Atom(fname))
                    if &**m == "erlang"
                        && (is_guard_bif(fname, args.len())
                            || is_operator_bif(fname, args.len())) =>
                {
                    args.iter().try_for_each(|x| check_guard(x, d))
                }
                _ => Err(Bad),
            },
            _ => Err(Bad),
        },
        _ => Err(Bad),
    }
}

fn is_operator_bif(name: &str, arity: usize) -> bool {
    let ops2 = [
        "+", "-", "*", "/", "div", "rem", "band", "bor", "bxor", "bsl", "bsr", "and", "or", "xor",
        "==", "/=", "=<", "<", ">=", ">", "=:=", "=/=",
    ];
    let ops1 = ["+", "-", "bnot", "not"];
    (arity == 2 && ops2.contains(&name)) || (arity == 1 && ops1.contains(&name))
}

fn atom(s: &str) -> V {
    V::Atom(s.to_string())
}

fn boolean(b: bool) -> V {
    atom(if b { "true" } else { "false" })
}

fn as_bool(v: &V) -> Result<bool, Raise> {
    match v {
        V::Atom(a) if a == "true" => Ok(true),
        V::Atom(a) if a == "false" => Ok(false),
        _ => Err(Raise),
    }
}

fn as_int(v: &V) -> Result<&BigInt, Raise> {
    match v {
        V::Int(i) => Ok(i),
        _ => Err(Raise),
    }
}

fn num_f64(v: &V) -> Result<f64, Raise> {
    match v {
        V::Int(i) => i.to_f64().ok_or(Raise),
        V::Float(f) => Ok(*f),
        _ => Err(Raise),
    }
}

fn rank(v: &V) -> u8 {
    match v {
        V::Int(_) | V::Float(_) => 0,
        V::Atom(_) => 1,
        V::Opaque(k) => 2 + k,
        V::Tuple(_) => 6,
        V::Nil => 8,
        V::Cons(..) => 9,
    }
}

/// Term order; `exact` distinguishes 1 from 1.0.
fn compare(a: &V, b: &V, exact: bool) -> Ordering {
    let (ra, rb) = (rank(a), rank(b));
    if ra != rb {
        return ra.cmp(&rb);
    }
    match (a, b) {
        (V::Int(x), V::Int(y)) => x.cmp(y),
        (V::Float(x), V::Float(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (V::Int(_), V::Float(_)) | (V::Float(_), V::Int(_)) => {
            let o = num_f64(a)
                .unwrap_or(0.0)
                .partial_cmp(&num_f64(b).unwrap_or(0.0))
                .unwrap_or(Ordering::Equal);
            if o == Ordering::Equal && exact {
                // 1 < 1.0 in exact comparisons only for ordering purposes; they differ.
                if matches!(a, V::Int(_)) {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            } else {
                o
            }
        }
        (V::Atom(x), V::Atom(y)) => x.cmp(y),
        (V::Tuple(x), V::Tuple(y)) => x.len().cmp(&y.len()).then_with(|| {
            for (p, q) in x.iter().zip(y) {
                let o = compare(p, q, exact);
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        }),
        (V::Cons(h1, t1), V::Cons(h2, t2)) => {
            compare(h1, h2, exact).then_with(|| compare(t1, t2, exact))
        }
        _ => Ordering::Equal,
    }
}

fn list_to_vec(mut v: &V) -> Result<Vec<V>, Raise> {
    let mut out = Vec::new();
    loop {
        match v {
            V::Nil => return Ok(out),
            V::Cons(h, t) => {
                out.push((**h).clone());
                v = t;
            }
            _ => return Err(Raise),
        }
    }
}

fn int_result(i: BigInt) -> V {
    V::Int(i)
}

fn arith(op: BinOp, a: &V, b: &V) -> Result<V, Raise> {
    use BinOp::*;
    match op {
        Add | Sub | Mul => match (a, b) {
            (V::Int(x), V::Int(y)) => Ok(int_result(match op {
                Add => x + y,
                Sub => x - y,
                _ => x * y,
            })),
            _ => {
                let (x, y) = (num_f64(a)?, num_f64(b)?);
                let r = match op {
                    Add => x + y,
                    Sub => x - y,
                    _ => x * y,
                };
                if r.is_finite() {
                    Ok(V::Float(r))
                } else {
                    Err(Raise)
                }
            }
        },
        FDiv => {
            let (x, y) = (num_f64(a)?, num_f64(b)?);
            if y == 0.0 {
                return Err(Raise);
            }
            Ok(V::Float(x / y))
        }
        Div | Rem => {
            let (x, y) = (as_int(a)?, as_int(b)?);
            if y.is_zero() {
                return Err(Raise);
            }
            Ok(int_result(if op == Div { x / y } else { x % y }))
        }
        Band => Ok(int_result(as_int(a)? & as_int(b)?)),
        Bor => Ok(int_result(as_int(a)? | as_int(b)?)),
        Bxor => Ok(int_result(as_int(a)? ^ as_int(b)?)),
        Bsl | Bsr => {
            let x = as_int(a)?;
            let n = as_int(b)?.to_i64().ok_or(Raise)?;
            let n = if op == Bsr { -n } else { n };
            if n > 1 << 20 {
                return Err(Raise);
            }
            Ok(int_result(if n >= 0 {
                x << (n as usize)
            } else {
                x >> ((-n).min(1 << 30) as usize)
            }))
        }
        _ => Err(Raise),
    }
}

fn call_bif(name: &str, args: &[V]) -> Result<V, Raise> {
    let a0 = args.first();
    Ok(match (name, args.len()) {
        ("is_atom", 1) => boolean(matches!(a0, Some(V::Atom(_)))),
        ("is_integer", 1) => boolean(matches!(a0, Some(V::Int(_)))),
        ("is_float", 1) => boolean(matches!(a0, Some(V::Float(_)))),
        ("is_number", 1) => boolean(matches!(a0, Some(V::Int(_) | V::Float(_)))),
        ("is_boolean", 1) => boolean(matches!(a0, Some(V::Atom(a)) if a == "true" || a == "false")),
        ("is_list", 1) => boolean(matches!(a0, Some(V::Nil | V::Cons(..)))),
        ("is_tuple", 1) => boolean(matches!(a0, Some(V::Tuple(_)))),
        ("is_pid", 1) => boolean(matches!(a0, Some(V::Opaque(0)))),
        ("is_reference", 1) => boolean(matches!(a0, Some(V::Opaque(1)))),
        ("is_binary" | "is_bitstring" | "is_map" | "is_function" | "is_port", _) => atom("false"),
        ("self", 0) => V::Opaque(0),
        ("node", 0) => atom("nonode@nohost"),
        ("abs", 1) => match a0 {
            Some(V::Int(i)) => V::Int(if i < &BigInt::zero() { -i } else { i.clone() }),
            Some(V::Float(f)) => V::Float(f.abs()),
            _ => return Err(Raise),
        },
        ("float", 1) => V::Float(num_f64(a0.ok_or(Raise)?)?),
        ("trunc" | "round" | "floor" | "ceil", 1) => match a0 {
            Some(V::Int(i)) => V::Int(i.clone()),
            Some(V::Float(f)) => {
                let r = match name {
                    "trunc" => f.trunc(),
                    "round" => f.round(),
                    "floor" => f.floor(),
                    _ => f.ceil(),
                };
                V::Int(BigInt::from(r as i64))
            }
            _ => return Err(Raise),
        },
        ("length", 1) => V::Int(BigInt::from(list_to_vec(a0.ok_or(Raise)?)?.len())),
        ("hd", 1) => match a0 {
            Some(V::Cons(h, _)) => (**h).clone(),
            _ => return Err(Raise),
        },
        ("tl", 1) => match a0 {
            Some(V::Cons(_, t)) => (**t).clone(),
            _ => return Err(Raise),
        },
        ("tuple_size" | "size", 1) => match a0 {
            Some(V::Tuple(es)) => V::Int(BigInt::from(es.len())),
            _ => return Err(Raise),
        },
        ("element", 2) => {
            let n = as_int(&args[0])?.to_usize().ok_or(Raise)?;
            match &args[1] {
                V::Tuple(es) if n >= 1 && n <= es.len() => es[n - 1].clone(),
                _ => return Err(Raise),
            }
        }
        ("is_record", 2 | 3) => match (&args[0], &args[1]) {
            (V::Tuple(es), V::Atom(tag)) => {
                let size_ok = match args.get(2) {
                    Some(V::Int(n)) => n.to_usize() == Some(es.len()),
                    Some(_) => return Err(Raise),
                    None => true,
                };
                boolean(size_ok && matches!(es.first(), Some(V::Atom(a)) if a == tag))
            }
            _ => atom("false"),
        },
        _ => return Err(Raise),
    })
}

fn eval(e: &Expr, macros: &Macros, depth: usize) -> Result<V, Raise> {
    if depth > 500 {
        return Err(Raise);
    }
    let d = depth + 1;
    Ok(match &e.kind {
        ExprKind::Integer(i) => V::Int(i.to_bigint()),
        ExprKind::Char(c) => V::Int(BigInt::from(*c)),
        ExprKind::Float(f) => V::Float(*f),
        ExprKind::Atom(a) => atom(a),
        ExprKind::Nil => V::Nil,
        ExprKind::String(s) => {
            let mut v = V::Nil;
            for c in s.chars().rev() {
                v = V::Cons(Box::new(V::Int(BigInt::from(c as u32))), Box::new(v));
            }
            v
        }
        ExprKind::Cons(h, t) => {
            V::Cons(Box::new(eval(h, macros, d)?), Box::new(eval(t, macros, d)?))
        }
        ExprKind::Tuple(es) => V::Tuple(
            es.iter()
                .map(|x| eval(x, macros, d))
                .collect::<Result<_, _>>()?,
        ),
        ExprKind::UnOp(op, a) => {
            let v = eval(a, macros, d)?;
            match op {
                UnOp::Plus => match v {
                    V::Int(_) | V::Float(_) => v,
                    _ => return Err(Raise),
                },
                UnOp::Minus => match v {
                    V::Int(i) => V::Int(-i),
                    V::Float(f) => V::Float(-f),
                    _ => return Err(Raise),
                },
                UnOp::Bnot => V::Int(-(as_int(&v)?.clone()) - 1),
                UnOp::Not => boolean(!as_bool(&v)?),
            }
        }
        ExprKind::BinOp(op, a, b) => match op {
            BinOp::Andalso => {
                if as_bool(&eval(a, macros, d)?)? {
                    eval(b, macros, d)?
                } else {
                    atom("false")
                }
            }
            BinOp::Orelse => {
                if as_bool(&eval(a, macros, d)?)? {
                    atom("true")
                } else {
                    eval(b, macros, d)?
                }
            }
            _ => {
                let (x, y) = (eval(a, macros, d)?, eval(b, macros, d)?);
                match op {
                    BinOp::And => boolean(as_bool(&x)? & as_bool(&y)?),
                    BinOp::Or => boolean(as_bool(&x)? | as_bool(&y)?),
                    BinOp::Xor => boolean(as_bool(&x)? ^ as_bool(&y)?),
                    BinOp::Eq => boolean(compare(&x, &y, false) == Ordering::Equal),
                    BinOp::Neq => boolean(compare(&x, &y, false) != Ordering::Equal),
                    BinOp::ExactEq => boolean(compare(&x, &y, true) == Ordering::Equal),
                    BinOp::ExactNeq => boolean(compare(&x, &y, true) != Ordering::Equal),
                    BinOp::Lt => boolean(compare(&x, &y, false) == Ordering::Less),
                    BinOp::Le => boolean(compare(&x, &y, false) != Ordering::Greater),
                    BinOp::Gt => boolean(compare(&x, &y, false) == Ordering::Greater),
                    BinOp::Ge => boolean(compare(&x, &y, false) != Ordering::Less),
                    _ => arith(*op, &x, &y)?,
                }
            }
        },
        ExprKind::Call(f, args) => {
            let name = match &f.kind {
                ExprKind::Atom(n) => n.to_string(),
                ExprKind::Remote(m, n) => match (&m.kind, &n.kind) {
                    (ExprKind::Atom(m), ExprKind::Atom(n)) if &**m == "erlang" => n.to_string(),
                    _ => return Err(Raise),
                },
                _ => return Err(Raise),
            };
            if name == "defined" && args.len() == 1 && matches!(f.kind, ExprKind::Atom(_)) {
                return match &args[0].kind {
                    ExprKind::Var(n) | ExprKind::Atom(n) => Ok(boolean(macros.map.contains_key(n))),
                    _ => Err(Raise),
                };
            }
            let vals: Vec<V> = args
                .iter()
                .map(|x| eval(x, macros, d))
                .collect::<Result<_, _>>()?;
            if vals.len() == 2 && is_operator_bif(&name, 2) {
                let op = match name.as_str() {
                    "+" => BinOp::Add,
                    "-" => BinOp::Sub,
                    "*" => BinOp::Mul,
                    "/" => BinOp::FDiv,
                    "div" => BinOp::Div,
                    "rem" => BinOp::Rem,
                    "band" => BinOp::Band,
                    "bor" => BinOp::Bor,
                    "bxor" => BinOp::Bxor,
                    "bsl" => BinOp::Bsl,
                    "bsr" => BinOp::Bsr,
                    _ => return Err(Raise),
                };
                return arith(op, &vals[0], &vals[1]);
            }
            call_bif(&name, &vals)?
        }
        _ => return Err(Raise),
    })
}
