//! Exception-raising BIFs as values: `error/1,2,3`, `exit/1`, `throw/1`, `raise/3`.
//!
//! Owns: building the `Exception` (class + reason) and `raise/3`'s argument checks (a
//! bad class or stack trace makes `raise/3` *return* the atom `badarg`, as BEAM does).
//! Must not: unwind or build stack traces (the caller records `exc_trace`).

use crate::atom::idx;
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::term::{Kind, Term};

/// `error(Reason)`.
pub fn error(_h: &mut dyn Heap, r: Term) -> BifResult {
    Err(Exception::error(r))
}
/// `error(Reason, Args)` (Args only feed the stack trace on BEAM).
pub fn error2(_h: &mut dyn Heap, r: Term, _args: Term) -> BifResult {
    Err(Exception::error(r))
}
/// `error(Reason, Args, Options)`.
pub fn error3(_h: &mut dyn Heap, r: Term, _args: Term, _opts: Term) -> BifResult {
    Err(Exception::error(r))
}
/// `exit(Reason)`.
pub fn exit(_h: &mut dyn Heap, r: Term) -> BifResult {
    Err(Exception {
        class: Term::atom(idx::EXIT),
        reason: r,
    })
}
/// `throw(Reason)`.
pub fn throw(_h: &mut dyn Heap, r: Term) -> BifResult {
    Err(Exception {
        class: Term::atom(idx::THROW),
        reason: r,
    })
}

/// Is `t` a stack trace `raise/3` accepts: a proper list of `{M, F, ArityOrArgs}`,
/// `{M, F, ArityOrArgs, Location}`, `{Fun, Args}` or `{Fun, Args, Location}`.
pub fn valid_stacktrace(t: Term) -> bool {
    let Some(frames) = t.list_to_vec() else {
        return false;
    };
    frames.iter().all(|f| match f.tuple_elements() {
        Some(&[a, _]) => a.is_fun(),
        Some(&[a, b, _]) => a.is_fun() || (a.is_atom() && b.is_atom()),
        Some(&[a, b, _, _]) => a.is_atom() && b.is_atom(),
        _ => false,
    })
}

/// `raise(Class, Reason, Stacktrace)`: the exception, or `Ok(badarg)` when an argument
/// is invalid. The entry point stores the stack trace as `exc_trace`.
pub fn raise(_h: &mut dyn Heap, class: Term, reason: Term, trace: Term) -> BifResult {
    let ok_class = matches!(
        class.atom_index(),
        Some(idx::ERROR | idx::EXIT | idx::THROW)
    );
    if !ok_class || !valid_stacktrace(trace) || class.kind() != Kind::Atom {
        return Ok(Term::atom(idx::BADARG));
    }
    Err(Exception { class, reason })
}
