//! Type-test BIFs (`is_atom/1` ... `is_function/2`, `is_record/2,3`).
//!
//! Owns: the answers and the badarg cases of the two-argument tests. Must not allocate.

use super::badarg;
use crate::exception::BifResult;
use crate::heap::Heap;
use crate::term::{Int, Kind, Term};

macro_rules! type_test {
    ($($name:ident => $test:expr;)*) => {$(
        #[doc = concat!("`erlang:", stringify!($name), "/1`.")]
        pub fn $name(_h: &mut dyn Heap, t: Term) -> BifResult {
            let f: fn(Term) -> bool = $test;
            Ok(Term::bool(f(t)))
        }
    )*};
}

type_test! {
    is_atom => |t| t.is_atom();
    is_binary => |t| t.is_binary();
    is_bitstring => |t| t.is_bitstring();
    is_boolean => |t| t.is_boolean();
    is_float => |t| t.is_float();
    is_function => |t| t.is_fun();
    is_integer => |t| t.is_integer();
    is_list => |t| t.is_list();
    is_map => |t| t.is_map();
    is_number => |t| t.is_number();
    is_pid => |t| t.is_pid();
    is_port => |t| t.kind() == Kind::Port;
    is_reference => |t| t.is_ref();
    is_tuple => |t| t.is_tuple();
}

/// `is_function(F, Arity)`: badarg unless Arity is a non-negative integer.
pub fn is_function2(_h: &mut dyn Heap, f: Term, arity: Term) -> BifResult {
    let n = match arity.int_value() {
        Some(Int::Small(n)) if n >= 0 => n,
        Some(Int::Big(b)) if b.sign() == num_bigint::Sign::Plus => return Ok(Term::bool(false)),
        _ => return badarg(),
    };
    Ok(Term::bool(f.fun_arity().is_some_and(|a| a as i64 == n)))
}

/// `is_record(T, Tag)`: badarg unless Tag is an atom.
pub fn is_record2(_h: &mut dyn Heap, t: Term, tag: Term) -> BifResult {
    if !tag.is_atom() {
        return badarg();
    }
    Ok(Term::bool(
        t.tuple_elements()
            .and_then(|e| e.first())
            .is_some_and(|&e| e == tag),
    ))
}

/// `is_record(T, Tag, Size)`: badarg unless Tag is an atom and Size a small integer.
pub fn is_record3(_h: &mut dyn Heap, t: Term, tag: Term, size: Term) -> BifResult {
    if !tag.is_atom() || !size.is_small() {
        return badarg();
    }
    let ok = t.tuple_elements().is_some_and(|e| {
        !e.is_empty() && e[0] == tag && size.small_value() == Some(e.len() as i64)
    });
    Ok(Term::bool(ok))
}
