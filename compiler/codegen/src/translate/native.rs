//! The native-stack fast path ("native clones"). A function whose body only does inline
//! work (arithmetic, comparisons, type tests, tuples and lists, pure BIFs) and calls
//! functions of the same kind gets a second compilation, its *native clone*, in which a non-tail call is a
//! machine `call` that returns to the rest of the body: no continuation frame is written
//! and none is read back. The clone keeps, in a register, the address the process stack
//! pointer would have in the ordinary code (`vstop`, the "virtual" stack top).
//!
//! Whenever the clone meets anything but the fast case (a runtime call: bignums, errors,
//! a full heap, reductions used up, a deep recursion), it *bails out*: it writes the frames
//! the ordinary code would have on the process stack at that moment (each active native
//! call writes its own continuation frame at its `vstop`), plus a resume frame naming the
//! ordinary unit to run and its arguments, and returns `NON_VALUE`. The ordinary code then
//! continues from the start of the current unit: the entry of the function (or of an
//! out-of-line join), or the continuation of the last call, which re-executes only pure
//! work. So results, errors, stack traces and preemption are the ordinary code's.
//!
//! Protocol: `p.nlimit` (set by the entry stub) is the lowest address the materialized
//! frames may reach and, meanwhile, the heap limit; every clone reserves `reserve` words
//! below its `vstop` for what its bailouts write, and a call is made natively only when
//! the callee's reserve fits above `nlimit`. The public symbol of such a function is a
//! stub that calls the clone (or the ordinary body when there is no room) and returns its
//! result to the caller's continuation.
//!
//! Owns: choosing which functions get clones, the stub, the clone's prologue, calls and
//! bailouts. Must not: let a clone call the runtime except for the pure BIFs of
//! `PURE_BIFS` (with the heap limit lowered to `nlimit`) and the term order
//! (`ferl_rt_cmp`), or write anything but the heap below `nlimit` and frames above it.

use super::{FnInfo, Tx, I64, NON_VALUE, R};
use crate::{erlang_signature, module_err, ModuleCx};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{AbiParam, Block, InstBuilder, Signature, Value};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use cranelift_module::{FuncId, Linkage, Module};
use ferl_ir::ir::{
    self, Callee, CmpOp, Con, Expr, FunId, JoinId, Literal, Operand, Prim, Test, TypeTest, Var,
};
use ferl_runtime::process::{frame, frame_marker, offsets, MAX_XREGS};
use std::collections::BTreeSet;

/// Bytes of process stack one entry into native code may cover with materialized frames
/// (bounds the machine stack the clones use: a few thousand calls deep at most).
const DEPTH_BYTES: i64 = 32 * 1024;
/// Most parameters a clone takes (after `p`, `reds`, `vstop`).
const MAX_PARAMS: usize = 6;

/// A function's native clone.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NativeFn {
    /// The clone.
    pub clone: FuncId,
    /// The ordinary entry unit: the public symbol, or the unit behind the stub.
    pub slow: FuncId,
    /// Whether the public symbol is a stub entering the clone (functions making non-tail
    /// calls; a function without them gains nothing when called from ordinary code).
    pub stub: bool,
    /// Words its bailouts may write below its `vstop`.
    pub reserve: usize,
    /// Whether the clone returns only small integers (`small_returns`; a return of
    /// anything else bails out), so that its native callers know the result is small.
    pub small_ret: bool,
}

/// Where the ordinary code resumes when the current native code bails out.
#[derive(Clone, Debug)]
pub(super) enum Region {
    /// At the entry of an ordinary unit with these values as its parameters.
    Entry { unit: FuncId, vars: Vec<Var> },
    /// In the continuation `k` of a call that returned `result`, its frame (`slots`) at
    /// `cvs`.
    Cont {
        k: FuncId,
        result: Var,
        slots: Vec<Var>,
        cvs: Value,
    },
}

/// The native-mode state of a `Tx`.
pub(super) struct NatState {
    pub vstop: Value,
    pub regions: Vec<Region>,
    pub cur: usize,
    pub bails: Vec<Option<Block>>,
    pub reserve: usize,
    /// The heap top, a parameter of every clone and returned by it: `p.htop` is stale
    /// meanwhile, written only before a runtime call (reread after it) and at bailouts
    /// (the stub writes it when the clone returns).
    pub htop: Option<Variable>,
    /// `p.nlimit`, loaded once by the prologue (nothing a clone calls changes it).
    pub nlim: Value,
    /// The parameters kept small integers at the self-loop header (`loop_small`).
    pub loop_small: Vec<Counter>,
    /// The last `native_ensure`: the heap top, the words and the end it tested (the new
    /// top when `bump` takes as many words from the same top).
    pub last_end: Option<(Value, usize, Value)>,
    /// Regions entered after an in-place `++` (`native_append_in_place`): their bailouts
    /// first put `[]` back as the tail of the first cell (region, accumulator, first cell).
    pub undo: Vec<(usize, Value, Value)>,
}

/// A small-integer variable's range as tagged words, both ends included.
pub(super) type Bound = (Var, i64, i64);

/// What is known of variables where the code being translated runs, in a clone or a
/// speculative run (`spec`): each fast path leaves (bails out) where the ordinary code
/// would take another path, so a test once passed holds in all the code it dominates.
/// Scoped by `Tx::expr`; empty in ordinary code.
#[derive(Default)]
pub(super) struct Facts {
    /// Variables known to hold small integers.
    pub small: Vec<Var>,
    /// Ranges of small-integer variables as tagged words (`lo..=hi`), learnt from
    /// comparisons with literals and carried through `X + Lit`, `X - Lit`: an addition
    /// that cannot leave the small range needs no overflow check (`fib(N - 1)` where
    /// `N >= 2`).
    pub bounds: Vec<Bound>,
}

/// A loop parameter as `counters` sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Counter {
    /// Not a counter.
    No,
    /// A counter: a small integer in the loop.
    Small,
    /// A counter every back edge passes unchanged or lowered by at most this step: in the
    /// loop it is at least `MIN_SMALL + step`, so `X - step` needs no overflow check.
    /// (The loop counts a reduction per iteration and a clone never has more than
    /// SLICE_REDS, so it iterates fewer times than that from its entry, which requires
    /// at least `MIN_SMALL + step * SLICE_REDS`.)
    Down(i64),
    /// Likewise raised by at most this step: at most `MAX_SMALL - step` in the loop.
    Up(i64),
}

impl Counter {
    pub(super) fn is(self) -> bool {
        self != Counter::No
    }
}

/// Largest step of a `Counter::Down`/`Up` (so that `step * SLICE_REDS` stays far inside
/// the small range).
const MAX_STEP: i64 = 1 << 20;

/// Which parameters of `f` (function `fun`) a clone keeps known small at its self-loop
/// header: counters. Parameter `i` qualifies when every self tail call passes a small
/// literal, the parameter itself, or `X + L` / `X - L` with `L` a small literal (a value
/// a clone computes only on small integers) as argument `i`, and either one of them
/// changes it or the body does such arithmetic on it. The prologue then bails out unless
/// they are small on entry (the body would bail on their arithmetic anyway: only a
/// rarely taken path may lose its clone), and a self tail call tests any it does not
/// know to be small; the body skips the tests.
pub(super) fn loop_small(f: &ir::Function, fun: FunId) -> Vec<Counter> {
    let n = f.params.len();
    counters(&f.params, &f.body, &|e| match e {
        Expr::TailCall(c)
            if matches!(&c.callee, Callee::Local { fun_id, .. } if *fun_id == fun)
                && c.args.len() == n =>
        {
            Some(&c.args)
        }
        _ => None,
    })
}

/// The counters of a loop with parameters `params` and body `body` whose back edges
/// `back` recognises (self tail calls, or jumps to a recursive join): as `loop_small`,
/// and `Counter::Down`/`Up` for those every back edge passes unchanged or as `X - L` /
/// `X + L` of themselves (the same direction everywhere).
pub(super) fn counters(
    params: &[Var],
    body: &Expr,
    back: &dyn Fn(&Expr) -> Option<&[Operand]>,
) -> Vec<Counter> {
    let small_lit = |o: &Operand| match o {
        Operand::Lit(Literal::Int(i)) => crate::data::small_word(i).map(|w| (w as i64) >> 4),
        _ => None,
    };
    // Variables bound to `X +/- L` (with X and the signed step when X is a variable),
    // and the parameters such arithmetic is done on.
    let mut counted: std::collections::BTreeMap<Var, Option<(Var, i64)>> = Default::default();
    let mut arith_on: BTreeSet<Var> = BTreeSet::new();
    body.visit(&mut |e| {
        if let Expr::Let {
            var,
            prim: Prim::Bif { module, name, args },
            ..
        } = e
        {
            if &**module == "erlang" && args.len() == 2 && matches!(&**name, "+" | "-") {
                let step = match (&**name, &args[0], &args[1]) {
                    ("+", Operand::Var(x), l) | ("+", l, Operand::Var(x)) => {
                        small_lit(l).map(|k| Some((*x, k)))
                    }
                    ("-", Operand::Var(x), l) => small_lit(l).map(|k| Some((*x, -k))),
                    _ => (small_lit(&args[0]).or(small_lit(&args[1]))).map(|_| None),
                };
                if let Some(step) = step {
                    counted.insert(*var, step);
                    for a in args {
                        if let Operand::Var(v) = a {
                            arith_on.insert(*v);
                        }
                    }
                }
            }
        }
    });
    let n = params.len();
    let mut ok = vec![true; n];
    let mut changed = vec![false; n];
    // The steps of the back edges (None: one is not `X +/- L` of the parameter itself).
    let mut steps: Vec<Option<(i64, i64)>> = vec![Some((0, 0)); n];
    let mut any = false;
    body.visit(&mut |e| {
        if let Some(args) = back(e).filter(|a| a.len() == n) {
            any = true;
            for (i, a) in args.iter().enumerate() {
                match a {
                    Operand::Var(v) if *v == params[i] => {}
                    Operand::Var(v) if counted.contains_key(v) => {
                        changed[i] = true;
                        steps[i] = match (steps[i], counted[v]) {
                            (Some((lo, hi)), Some((x, k))) if x == params[i] => {
                                Some((lo.min(k), hi.max(k)))
                            }
                            _ => None,
                        };
                    }
                    o if small_lit(o).is_some() => {
                        changed[i] = true;
                        steps[i] = None;
                    }
                    _ => ok[i] = false,
                }
            }
        }
    });
    (0..n)
        .map(|i| {
            if !(any && ok[i] && (changed[i] || arith_on.contains(&params[i]))) {
                return Counter::No;
            }
            match steps[i] {
                Some((lo, 0)) if lo < 0 && -lo <= MAX_STEP => Counter::Down(-lo),
                Some((0, hi)) if hi > 0 && hi <= MAX_STEP => Counter::Up(hi),
                _ => Counter::Small,
            }
        })
        .collect()
}

/// The *fresh accumulator* of recursive join `join` (parameters `params`, loop body
/// `join_body`, entered from `body`), as an index into `params`: a parameter `Acc` that
/// every entry passes `[]` and every back edge passes a cell `V = [X | Acc]` consed in the
/// loop (V used nowhere else), and that the loop reads nowhere else but in one `Acc ++ B`
/// on a path with no such cons, no back edge after it and no other read of Acc. Acc's
/// cells are then the loop's own, allocated in this clone (no collection in between) and
/// reachable only through Acc, so that `++` may set the first cell's tail to B in place
/// (`native_append_in_place`) instead of copying them. The loop body may not hold joins,
/// try or receive.
pub(super) fn fresh_accumulator(
    join: JoinId,
    params: &[Var],
    join_body: &Expr,
    body: &Expr,
) -> Option<usize> {
    let mut entry_nil = vec![true; params.len()];
    let mut entries = 0;
    body.visit(&mut |e| {
        if let Expr::Jump(j, args) = e {
            if *j == join && args.len() == params.len() {
                entries += 1;
                for (ok, a) in entry_nil.iter_mut().zip(args) {
                    *ok &= matches!(a, Operand::Lit(Literal::Nil));
                }
            }
        }
    });
    if entries == 0 {
        return None;
    }
    (0..params.len()).find(|&i| entry_nil[i] && accumulates(join, i, params[i], join_body))
}

/// `fresh_accumulator`'s conditions on the loop body for parameter `i`, `acc`.
fn accumulates(join: JoinId, i: usize, acc: Var, join_body: &Expr) -> bool {
    struct Scan {
        join: JoinId,
        i: usize,
        acc: Var,
        cells: Vec<Var>,
        appends: usize,
    }
    impl Scan {
        /// `in_cons`: on a path below a cons onto Acc.
        fn ok(&mut self, e: &Expr, in_cons: bool) -> bool {
            let (acc, join) = (self.acc, self.join);
            let clean = |os: Vec<&Operand>, cells: &[Var]| {
                os.iter()
                    .all(|o| !matches!(o, Operand::Var(v) if *v == acc || cells.contains(v)))
            };
            match e {
                Expr::Let {
                    var, prim, body, ..
                } => match prim {
                    Prim::Cons(x, Operand::Var(t)) if *t == acc => {
                        if !clean(vec![x], &self.cells) {
                            return false;
                        }
                        self.cells.push(*var);
                        self.ok(body, true)
                    }
                    Prim::Bif { module, name, args }
                        if &**module == "erlang"
                            && &**name == "++"
                            && args.len() == 2
                            && args[0] == Operand::Var(acc) =>
                    {
                        self.appends += 1;
                        !in_cons
                            && clean(vec![&args[1]], &self.cells)
                            && !body.free_vars().contains(&acc)
                            && body.count_jumps(join) == 0
                            && self.ok(body, in_cons)
                    }
                    _ => clean(prim.operands(), &self.cells) && self.ok(body, in_cons),
                },
                Expr::Do { prim, body, .. } => {
                    clean(prim.operands(), &self.cells) && self.ok(body, in_cons)
                }
                Expr::LetCall { call, body, .. } => {
                    clean(call.args.iter().collect(), &self.cells) && self.ok(body, in_cons)
                }
                Expr::TailCall(call) => clean(call.args.iter().collect(), &self.cells),
                Expr::Return(o) => clean(vec![o], &self.cells),
                Expr::Jump(j, args) => {
                    if *j != join {
                        return clean(args.iter().collect(), &self.cells);
                    }
                    args.iter().enumerate().all(|(k, a)| {
                        if k == self.i {
                            matches!(a, Operand::Var(v) if self.cells.contains(v))
                        } else {
                            clean(vec![a], &self.cells)
                        }
                    })
                }
                Expr::If { test, then, else_ } => {
                    clean(test.operands(), &self.cells)
                        && self.ok(then, in_cons)
                        && self.ok(else_, in_cons)
                }
                Expr::Switch { on, cases, default } => {
                    *on != acc
                        && !self.cells.contains(on)
                        && cases.iter().all(|(_, c)| self.ok(c, in_cons))
                        && self.ok(default, in_cons)
                }
                // A failure raises (in a clone: bails out) with Acc as it is.
                Expr::Fail { .. } => true,
                _ => false,
            }
        }
    }
    let mut s = Scan {
        join,
        i,
        acc,
        cells: Vec::new(),
        appends: 0,
    };
    s.ok(join_body, false) && s.appends == 1
}

/// Signature of a clone with `n` parameters:
/// `tail fn(p, reds, vstop, htop, a0..) -> (value, reds, htop)`.
pub(crate) fn native_signature(n: usize) -> Signature {
    let mut s = Signature::new(CallConv::Tail);
    for _ in 0..4 + n {
        s.params.push(AbiParam::new(I64));
    }
    for _ in 0..3 {
        s.returns.push(AbiParam::new(I64));
    }
    s
}

/// BIFs a clone may call (`m, f, arity`): results that depend only on the arguments, no effect but
/// heap allocation (never a collection: runtime calls do not collect), no look at the
/// process stack. A failure returns `NON_VALUE` and the clone bails out, so the ordinary
/// code calls the BIF again and raises its error.
const PURE_BIFS: &[(&str, &str, usize)] = &[
    ("erlang", "length", 1),
    ("erlang", "abs", 1),
    ("erlang", "hd", 1),
    ("erlang", "tl", 1),
    ("erlang", "tuple_size", 1),
    ("erlang", "size", 1),
    ("erlang", "byte_size", 1),
    ("erlang", "bit_size", 1),
    ("erlang", "map_size", 1),
    ("erlang", "atom_to_list", 1),
    ("erlang", "integer_to_list", 1),
    ("erlang", "list_to_integer", 1),
    ("erlang", "float", 1),
    ("erlang", "round", 1),
    ("erlang", "trunc", 1),
    ("erlang", "tuple_to_list", 1),
    ("erlang", "list_to_tuple", 1),
    ("erlang", "bnot", 1),
    ("erlang", "-", 1),
    ("erlang", "+", 1),
    ("erlang", "not", 1),
    ("erlang", "is_atom", 1),
    ("erlang", "is_binary", 1),
    ("erlang", "is_boolean", 1),
    ("erlang", "is_float", 1),
    ("erlang", "is_function", 1),
    ("erlang", "is_integer", 1),
    ("erlang", "is_list", 1),
    ("erlang", "is_map", 1),
    ("erlang", "is_number", 1),
    ("erlang", "is_pid", 1),
    ("erlang", "is_tuple", 1),
    ("erlang", "++", 2),
    ("erlang", "--", 2),
    ("erlang", "element", 2),
    ("erlang", "min", 2),
    ("erlang", "max", 2),
    ("erlang", "make_tuple", 2),
    ("erlang", "append_element", 2),
    ("erlang", "bsl", 2),
    ("erlang", "and", 2),
    ("erlang", "or", 2),
    ("erlang", "xor", 2),
    ("erlang", "map_get", 2),
    ("erlang", "is_map_key", 2),
    ("erlang", "integer_to_list", 2),
    ("erlang", "setelement", 3),
    ("lists", "reverse", 1),
    ("lists", "reverse", 2),
    ("lists", "member", 2),
    ("lists", "keyfind", 3),
    ("lists", "keymember", 3),
    ("maps", "get", 2),
    ("maps", "find", 2),
    ("maps", "is_key", 2),
    ("maps", "put", 3),
];

/// Whether `m:f/arity` is one of `PURE_BIFS`.
pub(crate) fn pure_bif(m: &str, f: &str, arity: usize) -> bool {
    PURE_BIFS
        .iter()
        .any(|&(bm, bf, ba)| bm == m && bf == f && ba == arity)
}

fn prim_ok(p: &Prim) -> bool {
    match p {
        Prim::Move(_)
        | Prim::Tuple(_)
        | Prim::Cons(..)
        | Prim::GetTupleElement(..)
        | Prim::GetHd(_)
        | Prim::GetTl(_) => true,
        Prim::Bif { module, name, args } if pure_bif(module, name, args.len()) => true,
        Prim::Bif { module, name, args } if &**module == "erlang" => matches!(
            (&**name, args.len()),
            (
                "+" | "-"
                    | "*"
                    | "/"
                    | "rem"
                    | "div"
                    | "band"
                    | "bor"
                    | "bxor"
                    | "bsr"
                    | "<"
                    | "=<"
                    | ">"
                    | ">="
                    | "=="
                    | "/="
                    | "=:="
                    | "=/="
                    | "element",
                2
            ) | ("hd" | "tl" | "tuple_size", 1)
        ),
        _ => false,
    }
}

fn test_ok(t: &Test) -> bool {
    match t {
        Test::Type(tt, _) => *tt != TypeTest::Binary,
        Test::TupleArity(..) | Test::Cmp(..) => true,
        Test::Guard { prim, .. } => prim_ok(prim),
        _ => false,
    }
}

/// Whether `f`'s own code is all inline work; its local callees go to `calls`.
fn body_ok(f: &ir::Function, calls: &mut BTreeSet<u32>) -> bool {
    let mut ok = true;
    f.body.visit(&mut |e| match e {
        Expr::Let { prim, .. } | Expr::Do { prim, .. } => ok &= prim_ok(prim),
        Expr::LetCall { call, .. } | Expr::TailCall(call) => match &call.callee {
            Callee::Local { fun_id, .. } if call.args.len() <= MAX_PARAMS => {
                calls.insert(fun_id.0);
            }
            Callee::Remote {
                module: Operand::Lit(Literal::Atom(m)),
                function: Operand::Lit(Literal::Atom(f)),
            } if pure_bif(m, f, call.args.len()) && super::direct_bif(call).is_some() => {}
            _ => ok = false,
        },
        Expr::If { test, .. } => ok &= test_ok(test),
        Expr::Switch { cases, .. } => {
            for (c, _) in cases {
                if let Con::Lit(l) = c {
                    ok &= match l {
                        Literal::Atom(_) | Literal::Nil => true,
                        Literal::Int(i) => crate::data::small_word(i).is_some(),
                        _ => false,
                    };
                }
            }
        }
        Expr::Try { .. } | Expr::RecvPeek { .. } | Expr::RecvWait { .. } => ok = false,
        Expr::LetJoin { .. } | Expr::Jump(..) | Expr::Return(_) | Expr::Fail { .. } => {}
    });
    ok
}

/// Whether native clones are on (`FERL_NO_NATIVE=1` at compile time turns them off).
fn clones_on() -> bool {
    std::env::var_os("FERL_NO_NATIVE").is_none()
}

/// Whether `f`'s own code allows a clone: not a lambda, few parameters, all inline work
/// and local calls (`body_ok`; its local callees go to `calls`).
fn own_code_ok(f: &ir::Function, calls: &mut BTreeSet<u32>) -> bool {
    !matches!(f.kind, ir::FunKind::Lambda { .. })
        && f.params.len() <= MAX_PARAMS
        && body_ok(f, calls)
}

/// Whether `f` may get a native clone, judged on its own code (before the module
/// fixpoint and the float analysis `plan` adds), without float arithmetic
/// (`ferl_ir::inline::floaty`).
pub(crate) fn native_candidate(f: &ir::Function) -> bool {
    let mut floats = false;
    f.body.visit(&mut |e| {
        if let Expr::Let { prim, .. } = e {
            floats |= ferl_ir::inline::floaty(prim);
        }
    });
    clones_on() && !floats && own_code_ok(f, &mut BTreeSet::new())
}

/// Words the bailouts of `f` may write below its `vstop` (None: a unit with more
/// parameters than the resume stub passes).
fn reserve(f: &ir::Function) -> Option<usize> {
    let info = FnInfo::new(&f.body);
    let mut words = 2 + f.params.len();
    let mut fits = f.params.len() <= MAX_XREGS;
    f.body.visit(&mut |e| match e {
        Expr::LetCall { var, body, .. } => {
            let mut slots = info.needs(body);
            slots.remove(var);
            words = words.max(2 + slots.len() + 3);
        }
        Expr::LetJoin { join, params, .. } if info.fn_joins.contains(join) => {
            let n = params.len() + info.join_needs.get(join).map_or(0, |s| s.len());
            fits &= n <= MAX_XREGS;
            words = words.max(2 + n);
        }
        _ => {}
    });
    fits.then_some(words)
}

/// Which clones return only small integers: each return is a small literal, the result of
/// integer arithmetic, a variable compared with an integer literal somewhere in the
/// function (`fib(N) when N < 2 -> N`), or the result of a call of such a clone; each
/// tail call is a self call or a call of such a clone. A guess (a module fixpoint,
/// optimistic for recursion) that the clone makes true: a return of a value not known
/// small tests it and bails out when it is not.
fn small_returns(ir: &ir::Module, ok: &[bool]) -> Vec<bool> {
    let int_lit = |o: &Operand| matches!(o, Operand::Lit(Literal::Int(i)) if crate::data::small_word(i).is_some());
    let mut small: Vec<bool> = ok.to_vec();
    loop {
        let mut changed = false;
        for (i, f) in ir.functions.iter().enumerate() {
            if !small[i] {
                continue;
            }
            // What defines each variable, and which are compared with integer literals.
            let mut int_vars = BTreeSet::new();
            let mut calls = std::collections::HashMap::new();
            f.body.visit(&mut |e| match e {
                Expr::Let {
                    var,
                    prim: Prim::Bif { module, name, args },
                    ..
                } if &**module == "erlang"
                    && args.len() == 2
                    && matches!(
                        &**name,
                        "+" | "-" | "*" | "div" | "rem" | "band" | "bor" | "bxor" | "bsr"
                    )
                    && !args
                        .iter()
                        .any(|a| matches!(a, Operand::Lit(Literal::Float(_)))) =>
                {
                    int_vars.insert(*var);
                }
                Expr::LetCall { var, call, .. } => {
                    if let Callee::Local { fun_id, .. } = call.callee {
                        calls.insert(*var, fun_id.0 as usize);
                    }
                }
                Expr::If {
                    test: Test::Cmp(CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge, a, b),
                    ..
                } => {
                    for (x, y) in [(a, b), (b, a)] {
                        if let (Operand::Var(v), true) = (x, int_lit(y)) {
                            int_vars.insert(*v);
                        }
                    }
                }
                _ => {}
            });
            let mut good = true;
            f.body.visit(&mut |e| match e {
                Expr::Return(o) => {
                    good &= match o {
                        Operand::Lit(_) => int_lit(o),
                        Operand::Var(v) => {
                            int_vars.contains(v) || calls.get(v).is_some_and(|&j| small[j])
                        }
                    }
                }
                Expr::TailCall(call) => {
                    good &= matches!(call.callee, Callee::Local { fun_id, .. }
                        if fun_id.0 as usize == i || small[fun_id.0 as usize]);
                }
                _ => {}
            });
            if !good {
                small[i] = false;
                changed = true;
            }
        }
        if !changed {
            return small;
        }
    }
}

/// Choose the functions that get native clones and declare their clones and ordinary
/// entries (`cx.native`). Call before compiling any function of the module.
pub(crate) fn plan(module: &mut dyn Module, cx: &mut ModuleCx) -> R<()> {
    let ir = cx.ir;
    let n = ir.functions.len();
    let mut ok = vec![false; n];
    let mut calls = vec![BTreeSet::new(); n];
    let mut reserves = vec![0; n];
    let mut framed = vec![false; n];
    if !clones_on() {
        cx.native = vec![None; n];
        return Ok(());
    }
    for (i, f) in ir.functions.iter().enumerate() {
        if !own_code_ok(f, &mut calls[i]) {
            continue;
        }
        // Unboxed and (term, f64) pair values would need boxing to be written into the
        // frames of a bailout: such functions keep their ordinary code only.
        let info = FnInfo::new(&f.body);
        let fl =
            crate::floats::analyse(f, &cx.floats, FunId(i as u32), &super::inline_call, &|j| {
                !info.fn_joins.contains(&j)
            });
        if !fl.unboxed.is_empty() || !fl.dual.is_empty() {
            continue;
        }
        if let Some(r) = reserve(f) {
            reserves[i] = r;
            ok[i] = true;
        }
        f.body
            .visit(&mut |e| framed[i] |= matches!(e, Expr::LetCall { .. }));
    }
    // A function calling one without a clone has none either.
    loop {
        let mut changed = false;
        for i in 0..n {
            if ok[i]
                && calls[i]
                    .iter()
                    .any(|c| !ok.get(*c as usize).copied().unwrap_or(false))
            {
                ok[i] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    cx.native = vec![None; n];
    let small = small_returns(ir, &ok);
    for (i, f) in ir.functions.iter().enumerate() {
        if !ok[i] {
            continue;
        }
        let base = ferl_runtime::abi::function_symbol(&cx.name, &f.name, f.arity);
        let clone = module
            .declare_function(
                &format!("{base}_native"),
                Linkage::Local,
                &native_signature(f.params.len()),
            )
            .map_err(module_err)?;
        let slow = if framed[i] {
            module
                .declare_function(&format!("{base}_body"), Linkage::Local, &erlang_signature())
                .map_err(module_err)?
        } else {
            cx.funcs[i]
        };
        cx.native[i] = Some(NativeFn {
            clone,
            slow,
            reserve: reserves[i],
            stub: framed[i],
            small_ret: small[i],
        });
    }
    Ok(())
}

/// Emit the public entry of function `fun` (which has a clone): set `p.nlimit`, call the
/// clone with `vstop = p.stop`, and return its result to the caller's continuation, or
/// continue in the ordinary code (after a bailout, or when there is no room).
pub(crate) fn emit_stub(module: &mut dyn Module, cx: &mut ModuleCx, fun: FunId) -> R<()> {
    let Some(nat) = cx.native[fun.0 as usize].filter(|n| n.stub) else {
        return Ok(());
    };
    let nparams = cx.ir.functions[fun.0 as usize].params.len();
    let resume = super::resume_fn(module, cx)?;
    let id = cx.funcs[fun.0 as usize];
    let mut ctx = module.make_context();
    ctx.func.signature = erlang_signature();
    let mut fbc = FunctionBuilderContext::new();
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fbc);
        let mf = super::mf();
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let ps: Vec<Value> = b.block_params(entry).to_vec();
        let (p, reds) = (ps[0], ps[1]);
        let stop = b.ins().load(I64, mf, p, offsets::STOP as i32);
        let htop = b.ins().load(I64, mf, p, offsets::HTOP as i32);
        // The deepest the clones may go: DEPTH_BYTES below the stack top, or half the
        // free gap when that is smaller (the other half stays for the heap).
        let deep = b.ins().iadd_imm_s(stop, -DEPTH_BYTES);
        let gap = b.ins().isub(stop, htop);
        let half = b.ins().ushr_imm_s(gap, 4);
        let half = b.ins().ishl_imm_s(half, 3);
        let mid = b.ins().iadd(htop, half);
        let lim = b.ins().umax(deep, mid);
        b.ins().store(mf, lim, p, offsets::NLIMIT as i32);
        let room = b.ins().iadd_imm_s(stop, -((nat.reserve * 8) as i64));
        let no_room = b.ins().icmp(IntCC::UnsignedLessThan, room, lim);
        let slow_b = b.create_block();
        let go = b.create_block();
        b.set_cold_block(slow_b);
        b.ins().brif(no_room, slow_b, &[], go, &[]);
        b.switch_to_block(slow_b);
        let slow = module.declare_func_in_func(nat.slow, b.func);
        b.ins().return_call(slow, &ps);
        b.switch_to_block(go);
        let clone = module.declare_func_in_func(nat.clone, b.func);
        let mut args = vec![p, reds, stop, htop];
        args.extend(ps[2..2 + nparams.min(4)].iter().copied());
        if nparams > 4 {
            // Arguments past the fourth come in the x-registers.
            let xr = b.ins().load(I64, mf, p, offsets::XREGS as i32);
            for i in 4..nparams {
                args.push(b.ins().load(I64, mf, xr, (8 * i) as i32));
            }
        }
        let c = b.ins().call(clone, &args);
        let rs = b.inst_results(c).to_vec();
        let (r, reds2) = (rs[0], rs[1]);
        b.ins().store(mf, rs[2], p, offsets::HTOP as i32);
        let bailed = b.ins().icmp_imm_s(IntCC::Equal, r, NON_VALUE);
        let bail_b = b.create_block();
        let ret_b = b.create_block();
        b.set_cold_block(bail_b);
        b.ins().brif(bailed, bail_b, &[], ret_b, &[]);
        b.switch_to_block(bail_b);
        let rf = module.declare_func_in_func(resume, b.func);
        let nil = b.ins().iconst(I64, super::NIL);
        b.ins().return_call(rf, &[p, reds2, nil, nil, nil, nil]);
        b.switch_to_block(ret_b);
        let k = b.ins().load(I64, mf, stop, 8);
        let sig = b.import_signature(erlang_signature());
        b.ins()
            .return_call_indirect(sig, k, &[p, reds2, r, r, r, r]);
        b.seal_all_blocks();
        b.finalize(module.isa().frontend_config());
    }
    module.define_function(id, &mut ctx).map_err(|e| {
        crate::unsupported(format!("internal code generator error in a stub: {e:?}"))
    })?;
    module.clear_context(&mut ctx);
    Ok(())
}

impl<'a, 'm, 'f> Tx<'a, 'm, 'f> {
    /// The bailout block of the current region.
    pub(super) fn bail_block(&mut self) -> Block {
        if let Some(b) = self.spec {
            return b;
        }
        let Some(nat) = self.nat.as_mut() else {
            return self.b.create_block();
        };
        if let Some(b) = nat.bails[nat.cur] {
            return b;
        }
        let b = self.b.create_block();
        self.b.set_cold_block(b);
        let nat = self.nat.as_mut().expect("native mode");
        nat.bails[nat.cur] = Some(b);
        b
    }

    /// Branch to the bailout and continue in an unreachable block (where a runtime call
    /// would have been made); returns a placeholder value for its result.
    pub(super) fn bail_here(&mut self) -> Value {
        let bb = self.bail_block();
        self.b.ins().jump(bb, &[]);
        let dead = self.b.create_block();
        self.b.switch_to_block(dead);
        self.iconst(NON_VALUE)
    }

    /// Enter a new region (the rest of the current expression resumes there).
    pub(super) fn enter_region(&mut self, r: Region) {
        if let Some(nat) = self.nat.as_mut() {
            nat.regions.push(r);
            nat.bails.push(None);
            nat.cur = nat.regions.len() - 1;
        }
    }

    /// The whole clone of a function with parameters `params` and body `body`.
    pub(super) fn native_body(&mut self, params: &[Var], slow: FuncId, body: &'m Expr) -> R<()> {
        let ls = loop_small(&self.cx.ir.functions[self.fun.0 as usize], self.fun);
        if let Some(n) = self.nat.as_mut() {
            n.loop_small = ls;
        }
        self.native_unit(params, slow)?;
        self.expr(body)?;
        self.finish_raise_block()?;
        self.finish_bails()
    }

    /// The prologue of a clone: parameters, the self-loop header, the reduction check.
    pub(super) fn native_unit(&mut self, params: &[Var], slow: FuncId) -> R<()> {
        let (ps, _) = self.begin_function();
        let p = self.p();
        let nlim = self.load(p, offsets::NLIMIT as i32);
        let hv = self.b.declare_var(I64);
        self.b.def_var(hv, ps[3]);
        if let Some(nat) = self.nat.as_mut() {
            nat.vstop = ps[2];
            nat.nlim = nlim;
            nat.htop = Some(hv);
        }
        let hdr = self.b.create_block();
        for _ in 0..params.len() + 1 {
            self.b.append_block_param(hdr, I64);
        }
        let mut hargs: Vec<Value> = ps[4..].to_vec();
        hargs.push(ps[1]);
        let ls = self
            .nat
            .as_ref()
            .map_or(Vec::new(), |n| n.loop_small.clone());
        if ls.iter().any(|x| x.is()) {
            // Bail out at once unless the loop's counters are small.
            for (v, val) in params.iter().zip(&hargs) {
                self.def(*v, *val);
            }
            self.enter_region(Region::Entry {
                unit: slow,
                vars: params.to_vec(),
            });
            let ops: Vec<Operand> = params.iter().map(|v| Operand::Var(*v)).collect();
            let (o, v): (Vec<&Operand>, Vec<Value>) = ops
                .iter()
                .zip(&hargs)
                .zip(&ls)
                .filter(|(_, s)| s.is())
                .map(|((o, v), _)| (o, *v))
                .unzip();
            self.require_small(&o, &v);
            self.native_counters_enter(&ls, &ops, &hargs);
            // The parameters are defined again at the header.
            self.facts.small.clear();
            self.facts.bounds.clear();
        }
        self.jump(hdr, &hargs);
        self.b.switch_to_block(hdr);
        let hps: Vec<Value> = self.b.block_params(hdr).to_vec();
        self.self_loop = Some(hdr);
        for (v, val) in params.iter().zip(&hps) {
            self.def(*v, *val);
        }
        self.enter_region(Region::Entry {
            unit: slow,
            vars: params.to_vec(),
        });
        for (v, s) in params.iter().zip(&ls) {
            if s.is() {
                self.note_small(Some(*v));
            }
        }
        self.native_counter_bounds(params, &ls);
        self.count_reduction(hps[params.len()]);
        Ok(())
    }

    /// Decrement the reductions (`reds_in`); bail out when they are used up.
    pub(super) fn count_reduction(&mut self, reds_in: Value) {
        let left = self.b.ins().iadd_imm_s(reds_in, -1);
        let r = self.reds.expect("reductions variable");
        self.b.def_var(r, left);
        let out = self
            .b
            .ins()
            .icmp_imm_s(IntCC::SignedLessThanOrEqual, left, 0);
        let bb = self.bail_block();
        let go = self.b.create_block();
        self.brif(out, bb, go);
        self.b.switch_to_block(go);
    }

    /// `ensure` in native code: room below `p.nlimit`, else bail out.
    pub(super) fn native_ensure(&mut self, need: usize) -> (Value, Value) {
        let lim = self.nat.as_ref().expect("native mode").nlim;
        let htop = self.native_htop();
        let end = self.b.ins().iadd_imm_s(htop, (need * 8) as i64);
        if let Some(n) = self.nat.as_mut() {
            n.last_end = Some((htop, need, end));
        }
        let full = self.b.ins().icmp(IntCC::UnsignedGreaterThan, end, lim);
        let bb = self.bail_block();
        let ok = self.b.create_block();
        self.brif(full, bb, ok);
        self.b.switch_to_block(ok);
        (htop, lim)
    }

    /// In a clone: `htop` is the heap top from here on.
    pub(super) fn native_htop_set(&mut self, htop: Value) {
        let hv = self
            .nat
            .as_ref()
            .and_then(|n| n.htop)
            .expect("clone prologue");
        self.b.def_var(hv, htop);
    }

    /// In a clone: `htop + words`, reusing the end `native_ensure` computed when it is the
    /// same.
    pub(super) fn native_bump_end(&mut self, htop: Value, words: usize) -> Value {
        if let Some((h, w, end)) = self.nat.as_ref().and_then(|n| n.last_end) {
            if h == htop && w == words {
                return end;
            }
        }
        self.b.ins().iadd_imm_s(htop, (words * 8) as i64)
    }

    /// In a clone: the heap top.
    pub(super) fn native_htop(&mut self) -> Value {
        let hv = self
            .nat
            .as_ref()
            .and_then(|n| n.htop)
            .expect("clone prologue");
        self.b.use_var(hv)
    }

    /// In a clone: write the heap top to the process (before a runtime call, a bailout).
    fn native_htop_store(&mut self) {
        let h = self.native_htop();
        let p = self.p();
        self.store(h, p, offsets::HTOP as i32);
    }

    /// Bail out unless `reserve` words below `vstop` stay above `p.nlimit`.
    fn check_room(&mut self, vstop: Value, reserve: usize) {
        let lim = self.nat.as_ref().expect("native mode").nlim;
        let low = self.b.ins().iadd_imm_s(vstop, -((reserve * 8) as i64));
        let no = self.b.ins().icmp(IntCC::UnsignedLessThan, low, lim);
        let bb = self.bail_block();
        let ok = self.b.create_block();
        self.brif(no, bb, ok);
        self.b.switch_to_block(ok);
    }

    /// A non-tail call `var = call` in native code: a machine call of the callee's clone
    /// with the frame the ordinary code would push left virtual; the rest of the body
    /// (`body`) follows in the same function, as the region of continuation `k`.
    pub(super) fn native_let_call(
        &mut self,
        var: Var,
        call: &ir::Call,
        body: &'m Expr,
        k: FuncId,
    ) -> R<()> {
        let Callee::Local { fun_id, .. } = &call.callee else {
            self.bail_here();
            return Ok(());
        };
        let Some(target) = self.cx.native.get(fun_id.0 as usize).copied().flatten() else {
            self.bail_here();
            return Ok(());
        };
        let mut slots = self.info.needs(body);
        slots.remove(&var);
        let slots: Vec<Var> = slots.into_iter().collect();
        let vstop = self.nat.as_ref().map(|n| n.vstop).expect("native mode");
        let cvs = self
            .b
            .ins()
            .iadd_imm_s(vstop, -((16 + 8 * slots.len()) as i64));
        self.check_room(cvs, target.reserve);
        let args = self.operands(&call.args)?;
        let p = self.p();
        let reds = self.reds();
        let htop = self.native_htop();
        let mut all = vec![p, reds, cvs, htop];
        all.extend(args);
        let fr = self.func_ref(target.clone);
        let c = self.b.ins().call(fr, &all);
        let rs = self.b.inst_results(c).to_vec();
        let r = self.reds.expect("reductions variable");
        self.b.def_var(r, rs[1]);
        self.native_htop_set(rs[2]);
        let bailed = self.b.ins().icmp_imm_s(IntCC::Equal, rs[0], NON_VALUE);
        let up = self.b.create_block();
        let ok = self.b.create_block();
        self.b.set_cold_block(up);
        self.brif(bailed, up, ok);
        // The callee bailed out (and wrote `p.htop`): write this call's frame and pass
        // the bailout up.
        self.b.switch_to_block(up);
        self.write_frame(cvs, k, &slots);
        let reds = self.reds();
        self.b.ins().return_(&[rs[0], reds, rs[2]]);
        self.b.switch_to_block(ok);
        self.def(var, rs[0]);
        if target.small_ret {
            self.note_small(Some(var));
        }
        self.enter_region(Region::Cont {
            k,
            result: var,
            slots,
            cvs,
        });
        Ok(())
    }

    /// A tail call of a local function in native code: its clone, same `vstop`.
    pub(super) fn native_tail_call(&mut self, fun_id: FunId, args: &[Value]) -> R<()> {
        let Some(target) = self.cx.native.get(fun_id.0 as usize).copied().flatten() else {
            self.bail_here();
            return Ok(());
        };
        let (vstop, mine) = self
            .nat
            .as_ref()
            .map(|n| (n.vstop, n.reserve))
            .expect("native mode");
        if target.reserve > mine {
            self.check_room(vstop, target.reserve);
        }
        let p = self.p();
        let reds = self.reds();
        let htop = self.native_htop();
        let mut all = vec![p, reds, vstop, htop];
        all.extend(args.iter().copied());
        let fr = self.func_ref(target.clone);
        self.b.ins().return_call(fr, &all);
        Ok(())
    }

    /// A frame `[marker(n), code, vals..]` at `at` (as `push_frame` writes it).
    fn write_frame(&mut self, at: Value, code: FuncId, slots: &[Var]) {
        let vals: Vec<Value> = slots.iter().map(|v| self.use_(*v)).collect();
        self.write_frame_vals(at, code, &vals);
    }

    fn write_frame_vals(&mut self, at: Value, code: FuncId, vals: &[Value]) {
        let m = self.iconst(frame_marker(frame::RETURN, vals.len()) as i64);
        self.store(m, at, 0);
        let fr = self.func_ref(code);
        let a = self.b.ins().func_addr(I64, fr);
        self.store(a, at, 8);
        for (i, x) in vals.iter().enumerate() {
            self.store(*x, at, (16 + 8 * i) as i32);
        }
    }

    /// Fill the bailout blocks: write the resume state and return `NON_VALUE`.
    pub(super) fn finish_bails(&mut self) -> R<()> {
        let Some(nat) = self.nat.as_ref() else {
            return Ok(());
        };
        let vstop = nat.vstop;
        let todo: Vec<(usize, Block, Region)> = nat
            .bails
            .iter()
            .zip(&nat.regions)
            .enumerate()
            .filter_map(|(i, (b, r))| b.map(|b| (i, b, r.clone())))
            .collect();
        let undo = nat.undo.clone();
        for (i, blk, region) in todo {
            self.b.switch_to_block(blk);
            for &(_, acc, first) in undo.iter().filter(|u| u.0 == i) {
                // Undo an in-place `++` (the ordinary code runs it again).
                let set = self.b.create_block();
                let go = self.b.create_block();
                let is_nil = self.b.ins().icmp_imm_s(IntCC::Equal, acc, super::NIL);
                self.b.ins().brif(is_nil, go, &[], set, &[]);
                self.b.switch_to_block(set);
                let nil = self.iconst(super::NIL);
                self.store(nil, first, 7);
                self.b.ins().jump(go, &[]);
                self.b.switch_to_block(go);
            }
            let top = match region {
                Region::Entry { unit, vars } => {
                    let at = self
                        .b
                        .ins()
                        .iadd_imm_s(vstop, -((16 + 8 * vars.len()) as i64));
                    self.write_frame(at, unit, &vars);
                    at
                }
                Region::Cont {
                    k,
                    result,
                    slots,
                    cvs,
                } => {
                    self.write_frame(cvs, k, &slots);
                    // Resume by returning the call's result to `k` (the resume stub
                    // passes the one slot as the argument).
                    let at = self.b.ins().iadd_imm_s(cvs, -24);
                    let v = self.use_(result);
                    self.write_frame_vals(at, k, &[v]);
                    at
                }
            };
            let p = self.p();
            self.store(top, p, offsets::STOP as i32);
            self.native_htop_store();
            let nv = self.iconst(NON_VALUE);
            let reds = self.reds();
            let htop = self.native_htop();
            self.b.ins().return_(&[nv, reds, htop]);
        }
        Ok(())
    }

    /// The join `join` as a block in native code; for a join the ordinary code compiles
    /// as a unit of its own, its body is a new region (and a loop counts a reduction).
    pub(super) fn native_join_region(
        &mut self,
        join_unit: FuncId,
        params: &[Var],
        extra: &[Var],
        recursive: bool,
    ) {
        let mut vars = params.to_vec();
        vars.extend(extra.iter().copied());
        self.enter_region(Region::Entry {
            unit: join_unit,
            vars,
        });
        if recursive {
            let reds = self.reds();
            self.count_reduction(reds);
        }
    }

    // ---- small-integer arithmetic ------------------------------------------------------

    pub(super) fn known_small(&self, o: &Operand) -> bool {
        match o {
            Operand::Lit(Literal::Int(i)) => crate::data::small_word(i).is_some(),
            Operand::Var(v) => self.facts.small.contains(v),
            _ => false,
        }
    }

    pub(super) fn note_small(&mut self, v: Option<Var>) {
        if let Some(v) = v {
            if self.nat.is_some() || self.spec.is_some() {
                self.facts.small.push(v);
            }
        }
    }

    /// The range of small-integer variable `v` (tagged words) where the code being
    /// translated runs.
    fn bound(&self, v: Var) -> (i64, i64) {
        let mut r = (i64::MIN, i64::MAX);
        for &(x, lo, hi) in &self.facts.bounds {
            if x == v {
                r = (r.0.max(lo), r.1.min(hi));
            }
        }
        r
    }

    /// Record a range fact (scoped by `Tx::expr`); the length of the facts before it.
    pub(super) fn push_bound(&mut self, b: Option<Bound>) -> usize {
        let k = self.facts.bounds.len();
        self.facts.bounds.extend(b);
        k
    }

    /// What an ordering of a small-integer variable with a small literal, compared on
    /// small integers only (`native_int_compare`), says of the variable in its true and
    /// its false branch.
    pub(super) fn native_test_bounds(&self, t: &Test) -> Option<(Bound, Bound)> {
        let Test::Cmp(op, a, b) = t else {
            return None;
        };
        let lit = |o: &Operand| match o {
            Operand::Lit(Literal::Int(i)) => crate::data::small_word(i).map(|w| w as i64),
            _ => None,
        };
        // Normalise to `x op n`.
        let (x, n, op) = match (a, b) {
            (Operand::Var(x), _) if lit(b).is_some() => (*x, lit(b)?, *op),
            (_, Operand::Var(x)) if lit(a).is_some() => {
                let flipped = match op {
                    CmpOp::Lt => CmpOp::Gt,
                    CmpOp::Le => CmpOp::Ge,
                    CmpOp::Gt => CmpOp::Lt,
                    CmpOp::Ge => CmpOp::Le,
                    _ => return None,
                };
                (*x, lit(a)?, flipped)
            }
            _ => return None,
        };
        if !self.known_small(&Operand::Var(x)) {
            return None;
        }
        let (lo, hi) = (i64::MIN, i64::MAX);
        // Tagged smalls are 16 apart: `x < n` is `x <= n - 16`.
        let (yes, no) = match op {
            CmpOp::Lt => ((lo, n - 16), (n, hi)),
            CmpOp::Le => ((lo, n), (n + 16, hi)),
            CmpOp::Gt => ((n + 16, hi), (lo, n)),
            CmpOp::Ge => ((n, hi), (lo, n - 16)),
            _ => return None,
        };
        Some(((x, yes.0, yes.1), (x, no.0, no.1)))
    }

    /// In a clone that returns only small integers (`NativeFn::small_ret`): bail out
    /// unless the returned value `v` of `o` is one.
    pub(super) fn native_return_check(&mut self, o: &Operand, v: Value) {
        let me = self.fun.0 as usize;
        if self
            .cx
            .native
            .get(me)
            .copied()
            .flatten()
            .is_some_and(|n| n.small_ret)
        {
            self.require_small(&[o], &[v]);
        }
    }

    /// At a self tail call (arguments `args`, their values `vals`): bail out unless the
    /// loop's counters are small (where not known).
    pub(super) fn native_loop_args(&mut self, args: &[Operand], vals: &[Value]) {
        let ls = self
            .nat
            .as_ref()
            .map_or(Vec::new(), |n| n.loop_small.clone());
        let (o, v): (Vec<&Operand>, Vec<Value>) = args
            .iter()
            .zip(vals)
            .zip(&ls)
            .filter(|(_, s)| s.is())
            .map(|((o, v), _)| (o, *v))
            .unzip();
        self.require_small(&o, &v);
    }

    /// At a loop's entry (not a back edge): bail out unless each `Down`/`Up` counter's
    /// argument leaves room for SLICE_REDS steps (where its known range does not show it).
    pub(super) fn native_counters_enter(
        &mut self,
        cs: &[Counter],
        args: &[Operand],
        vals: &[Value],
    ) {
        let reds = ferl_runtime::sched::SLICE_REDS;
        for ((c, o), v) in cs.iter().zip(args).zip(vals) {
            let (lo, hi) = match o {
                Operand::Var(x) => self.bound(*x),
                Operand::Lit(Literal::Int(i)) => match crate::data::small_word(i) {
                    Some(w) => (w as i64, w as i64),
                    None => continue, // not small: the entry bails out anyway
                },
                _ => continue,
            };
            let out = match *c {
                Counter::Down(step) => {
                    let min = i64::MIN + 15 + 16 * step * reds;
                    if lo >= min {
                        continue;
                    }
                    self.b.ins().icmp_imm_s(IntCC::SignedLessThan, *v, min)
                }
                Counter::Up(step) => {
                    let max = i64::MAX - 16 * step * reds;
                    if hi <= max {
                        continue;
                    }
                    self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, *v, max)
                }
                _ => continue,
            };
            let bb = self.bail_block();
            self.guard_not(out, bb);
        }
    }

    /// In a loop's body (which counts a reduction per iteration): the ranges of its
    /// `Down`/`Up` counters `params` (`native_counters_enter` checked the entry).
    pub(super) fn native_counter_bounds(&mut self, params: &[Var], cs: &[Counter]) {
        for (v, c) in params.iter().zip(cs) {
            let b = match *c {
                Counter::Down(step) => (*v, i64::MIN + 15 + 16 * step, i64::MAX),
                Counter::Up(step) => (*v, i64::MIN, i64::MAX - 16 * step),
                _ => continue,
            };
            self.push_bound(Some(b));
        }
    }

    /// Bail out unless the arguments at the loop counters' positions (`cs`) are small.
    pub(super) fn native_counters_small(
        &mut self,
        cs: &[Counter],
        args: &[Operand],
        vals: &[Value],
    ) {
        let (o, v): (Vec<&Operand>, Vec<Value>) = args
            .iter()
            .zip(vals)
            .zip(cs)
            .filter(|(_, s)| s.is())
            .map(|((o, v), _)| (o, *v))
            .unzip();
        if !o.is_empty() {
            self.require_small(&o, &v);
        }
    }

    /// Bail out unless the operands not known to be small integers are; from here on
    /// they are known.
    fn require_small(&mut self, ops: &[&Operand], vals: &[Value]) {
        let unknown: Vec<Value> = ops
            .iter()
            .zip(vals)
            .filter(|(o, _)| !self.known_small(o))
            .map(|(_, v)| *v)
            .collect();
        if let Some((first, rest)) = unknown.split_first() {
            let mut acc = *first;
            for v in rest {
                acc = self.b.ins().band(acc, *v);
            }
            let not_small = self.tag_mismatch(acc, 0xF, 0xF);
            let bb = self.bail_block();
            self.guard_not(not_small, bb);
        }
        for o in ops {
            self.note_small(o.as_var());
        }
    }

    /// Whether `a op b` is an ordering (`<`, `=<`, `>`, `>=`) or `+ - *` that a clone
    /// does on small integers only (bailing out otherwise): both operands known to be
    /// small, or one a small literal (`N < 2`, `N - 1`: a number other than a small
    /// integer there is rare). Other operands take the ordinary inline paths (floats,
    /// the runtime's term order), so that generic code (ordsets, gb_trees with atom or
    /// tuple keys) never bails out on every call.
    pub(super) fn native_small_only(&self, op: Option<CmpOp>, a: &Operand, b: &Operand) -> bool {
        let lit = |o: &Operand| matches!(o, Operand::Lit(Literal::Int(_))) && self.known_small(o);
        // A speculative run's bailout only redoes the run: one small operand is enough.
        let spec = self.spec.is_some() && (self.known_small(a) || self.known_small(b));
        op.is_none_or(|op| matches!(op, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge))
            && ((self.known_small(a) && self.known_small(b)) || lit(a) || lit(b) || spec)
    }

    /// `a op b` on small integers (else bail out): the condition.
    pub(super) fn native_int_compare(&mut self, op: CmpOp, a: &Operand, b: &Operand) -> R<Value> {
        let va = self.operand(a)?;
        let vb = self.operand(b)?;
        self.require_small(&[a, b], &[va, vb]);
        Ok(self.b.ins().icmp(super::int_cc(op), va, vb))
    }

    /// `erlang:F/2` on small integers in a clone: `+ - *` with overflow checks, the
    /// integer operators, orderings; anything else bails out. `None`: not one of these.
    pub(super) fn native_int_bif(
        &mut self,
        f: &str,
        sym: &str,
        args: &[Operand],
        guard_fail: Option<Block>,
    ) -> R<Option<Value>> {
        let (a, b) = (&args[0], &args[1]);
        let small_only = match f {
            "<" | "=<" | ">" | ">=" => self.native_small_only(Some(super::cmp_op(f)), a, b),
            "+" | "-" | "*" => self.native_small_only(None, a, b),
            _ => true,
        };
        if !small_only {
            return Ok(None);
        }
        match f {
            "<" | "=<" | ">" | ">=" => {
                let c = self.native_int_compare(super::cmp_op(f), a, b)?;
                let t = self.iconst(super::TRUE);
                let fl = self.iconst(super::FALSE);
                Ok(Some(self.b.ins().select(c, t, fl)))
            }
            "+" | "-" | "*" => {
                let va = self.operand(a)?;
                let vb = self.operand(b)?;
                self.require_small(&[a, b], &[va, vb]);
                // `X + Lit`, `Lit + X`, `X - Lit` within X's known range: no overflow.
                let shift = match (f, a, b) {
                    ("+", Operand::Var(x), Operand::Lit(Literal::Int(i)))
                    | ("+", Operand::Lit(Literal::Int(i)), Operand::Var(x)) => {
                        crate::data::small_word(i).map(|w| (*x, (w as i64) & !0xF))
                    }
                    ("-", Operand::Var(x), Operand::Lit(Literal::Int(i))) => {
                        crate::data::small_word(i).map(|w| (*x, -((w as i64) & !0xF)))
                    }
                    _ => None,
                };
                if let Some((x, k)) = shift {
                    let (lo, hi) = self.bound(x);
                    if let (Some(lo), Some(hi)) = (lo.checked_add(k), hi.checked_add(k)) {
                        let vx = self.use_(x);
                        let r = self.b.ins().iadd_imm_s(vx, k);
                        self.note_small(self.dest);
                        if let Some(d) = self.dest {
                            self.push_bound(Some((d, lo, hi)));
                        }
                        return Ok(Some(r));
                    }
                }
                let bb = self.bail_block();
                let (r, of) = self.small_op(f, va, vb);
                self.guard_not(of, bb);
                self.note_small(self.dest);
                Ok(Some(r))
            }
            "rem" | "div" | "band" | "bor" | "bxor" | "bsr" => {
                let va = self.operand(a)?;
                let vb = self.operand(b)?;
                let p = self.p();
                // The slow path of `int_op` bails out in a clone: past it, all three are
                // small integers.
                let r = self.int_op(f, sym, &[p, va, vb], guard_fail)?;
                self.note_small(a.as_var());
                self.note_small(b.as_var());
                self.note_small(self.dest);
                Ok(Some(r))
            }
            _ => Ok(None),
        }
    }

    /// Continue in a fresh block unless `c`, else go to `bail`.
    fn guard_not(&mut self, c: Value, bail: Block) {
        let ok = self.b.create_block();
        self.brif(c, bail, ok);
        self.b.switch_to_block(ok);
    }

    /// A call of a pure BIF (`pure_bif`) from a clone: the runtime's heap limit is
    /// lowered to `p.nlimit` meanwhile, so that what it allocates stays clear of the
    /// frames a bailout may write. `NON_VALUE` (an error) is left to the caller to bail on.
    pub(super) fn native_bif_call(&mut self, id: FuncId, args: &[Value]) -> Value {
        let p = self.p();
        let stop = self.load(p, offsets::STOP as i32);
        let lim = self.nat.as_ref().expect("native mode").nlim;
        self.store(lim, p, offsets::STOP as i32);
        self.native_htop_store();
        let fr = self.func_ref(id);
        let c = self.b.ins().call(fr, args);
        let r = self.b.inst_results(c)[0];
        self.store(stop, p, offsets::STOP as i32);
        let h = self.load(p, offsets::HTOP as i32);
        self.native_htop_set(h);
        r
    }

    /// The start of an inline `A ++ B`: `[] ++ B` goes to the returned block (its
    /// parameter: the result) with B; otherwise the code continues in a new block.
    fn append_nil_left(&mut self, a: Value, b: Value) -> Block {
        let done = self.b.create_block();
        self.b.append_block_param(done, I64);
        let other = self.b.create_block();
        let is_nil = self.b.ins().icmp_imm_s(IntCC::Equal, a, super::NIL);
        self.b.ins().brif(
            is_nil,
            done,
            &[cranelift_codegen::ir::BlockArg::Value(b)],
            other,
            &[],
        );
        self.b.switch_to_block(other);
        done
    }

    /// `Acc ++ B` for a fresh accumulator (`fresh_accumulator`) whose first cell (the
    /// last of the list) is `first`: that cell's tail becomes B, in place, and the result
    /// is Acc (B when Acc is `[]`). A bailout later in the current region would re-run the
    /// `++` in the ordinary code: from here on the region's bailouts put `[]` back first
    /// (`NatState::undo`, in a copy of the region).
    pub(super) fn native_append_in_place(&mut self, acc: Value, b: Value, first: Value) -> Value {
        let done = self.append_nil_left(acc, b);
        // The tail word of the cell `first` (a list pointer, tag 1).
        self.store(b, first, 7);
        self.b
            .ins()
            .jump(done, &[cranelift_codegen::ir::BlockArg::Value(acc)]);
        self.b.switch_to_block(done);
        let r = self.b.block_params(done)[0];
        if let Some(region) = self.nat.as_ref().map(|n| n.regions[n.cur].clone()) {
            self.enter_region(region);
        }
        if let Some(nat) = self.nat.as_mut() {
            nat.undo.push((nat.cur, acc, first));
        }
        r
    }

    /// `A ++ B` inline in a clone: copy A's cells to the heap top, the last one's tail
    /// `B`. The cells are written above `htop` and committed only when the copy is
    /// complete, so an improper `A` (badarg) or a copy that would pass `nlimit` bails
    /// out with nothing allocated, and the ordinary code calls the BIF.
    pub(super) fn native_append(&mut self, a: Value, b: Value) -> Value {
        let done = self.append_nil_left(a, b);
        let lim = self.nat.as_ref().expect("native mode").nlim;
        let start = self.native_htop();
        // A cell may start at `last` at most.
        let last = self.b.ins().iadd_imm_s(lim, -16);
        let lp = self.b.create_block();
        self.b.append_block_param(lp, I64);
        self.b.append_block_param(lp, I64);
        self.jump(lp, &[a, start]);
        self.b.switch_to_block(lp);
        let (cur, dst) = (self.b.block_params(lp)[0], self.b.block_params(lp)[1]);
        let body = self.b.create_block();
        let end = self.b.create_block();
        let not_cons = self.tag_mismatch(cur, 3, 1);
        self.brif(not_cons, end, body);
        self.b.switch_to_block(body);
        let full = self.b.ins().icmp(IntCC::UnsignedGreaterThan, dst, last);
        let bb = self.bail_block();
        self.guard_not(full, bb);
        let h = self.load(cur, -1);
        let t = self.load(cur, 7);
        self.store(h, dst, 0);
        let next = self.b.ins().iadd_imm_s(dst, 16);
        let link = self.b.ins().iadd_imm_s(dst, 17);
        self.store(link, dst, 8);
        self.jump(lp, &[t, next]);
        self.b.switch_to_block(end);
        let proper = self.b.ins().icmp_imm_s(IntCC::Equal, cur, super::NIL);
        let bb = self.bail_block();
        let fin = self.b.create_block();
        self.brif(proper, fin, bb);
        self.b.switch_to_block(fin);
        self.store(b, dst, -8);
        self.native_htop_set(dst);
        let r = self.b.ins().iadd_imm_s(start, 1);
        self.jump(done, &[r]);
        self.b.switch_to_block(done);
        self.b.block_params(done)[0]
    }

    /// Whether runtime symbol `name` is the entry of a pure BIF (`PURE_BIFS`).
    pub(super) fn pure_bif_symbol(&self, name: &str) -> bool {
        PURE_BIFS
            .iter()
            .any(|&(m, f, a)| ferl_runtime::abi::bif_symbol(m, f, a as u32) == name)
    }
}
