//! Float typing and unboxing decisions for one IR function.
//!
//! Owns: which variables are statically floats (`typed`: the result of `/`, of `+ - *`
//! with a float operand, of `math:sqrt/1` and the other float functions of `math`, of
//! `float/1`, of a local function that always returns a float, and the parameters of a
//! local function that every call site passes a float: a float whenever it exists) and
//! which of those never need to exist as a boxed term (`unboxed`: every use is an operand
//! of inline float arithmetic or a comparison, in the same unit as the definition, so the
//! code generator keeps the f64 in a register and allocates nothing).
//! Loop parameters (`loop_params`): a statically float parameter of a function that
//! tail-calls itself is carried unboxed through the self-loop header when its uses are
//! float arithmetic, comparisons, the same position of a self tail call, a `return` (boxed
//! there, once per loop) or a `function_clause` trace (boxed on the raise path): the loop
//! then allocates nothing per iteration for it. The entry unboxes it once.
//! Speculative floats (`dual`): the result of `+ - *` on operands of unknown type whose
//! every use is an operand of inline arithmetic in the same region is kept as a pair: a
//! term that is `[]` while the value is a float, with the f64 beside it (any other number
//! is the term itself). Floats computed from tuple fields then stay unboxed too.
//! Must not: generate code, or treat anything as unboxed that may be saved in a frame,
//! passed to a call, stored in a term, or read by another Cranelift function (join
//! bodies, continuations, handlers and receive resumptions are separate regions here).

use ferl_ir::ir::{
    Call, Callee, Expr, FailReason, FunId, FunKind, JoinId, Literal, Module, Operand, Prim, Test,
    Var,
};
use ferl_runtime::process::MAX_XREGS;
use std::collections::{HashMap, HashSet};

/// Rounds of [`ModuleFloats::new`]'s fixpoint before it gives up.
const MAX_ROUNDS: usize = 16;

/// Float facts about the functions of a module, found by an optimistic fixpoint: which
/// parameters are always floats (functions only called directly from this module: not
/// exported, not lambdas) and which functions always return a float.
pub struct ModuleFloats {
    pub params: Vec<Vec<bool>>,
    pub returns: Vec<bool>,
}

impl ModuleFloats {
    pub fn new(m: &Module, inline_call: &dyn Fn(&Call) -> bool) -> ModuleFloats {
        let mut mf = ModuleFloats {
            params: m
                .functions
                .iter()
                .map(|f| {
                    let local =
                        matches!(f.kind, FunKind::Top { exported: false } | FunKind::Helper);
                    vec![local; f.params.len()]
                })
                .collect(),
            returns: vec![true; m.functions.len()],
        };
        // Each round only turns facts off, so this ends; a module whose facts are still
        // changing after MAX_ROUNDS rounds (long call chains in an unlucky order) gets no
        // facts at all, which is always sound, instead of a quadratic compile time.
        for _ in 0..MAX_ROUNDS {
            let mut changed = false;
            for (i, f) in m.functions.iter().enumerate() {
                let a = walk(f, &mf, FunId(i as u32), inline_call, &|_| false, &[]);
                if mf.returns[i] && !a.returns_float {
                    mf.returns[i] = false;
                    changed = true;
                }
                for (g, args) in a.calls {
                    for (k, is_f) in args.into_iter().enumerate() {
                        if let Some(slot) =
                            mf.params.get_mut(g.0 as usize).and_then(|v| v.get_mut(k))
                        {
                            if *slot && !is_f {
                                *slot = false;
                                changed = true;
                            }
                        }
                    }
                }
            }
            if !changed {
                return mf;
            }
        }
        for p in &mut mf.params {
            p.iter_mut().for_each(|x| *x = false);
        }
        mf.returns.iter_mut().for_each(|x| *x = false);
        mf
    }
    /// Is the result of this call statically a float.
    fn call_float(&self, call: &Call) -> bool {
        match &call.callee {
            Callee::Local { fun_id, .. } => self.returns.get(fun_id.0 as usize) == Some(&true),
            callee => is_math_float(callee, call.args.len()),
        }
    }
}

/// `math` functions that always return a float (or raise).
fn is_math_float(callee: &Callee, nargs: usize) -> bool {
    let Callee::Remote {
        module: Operand::Lit(Literal::Atom(m)),
        function: Operand::Lit(Literal::Atom(f)),
    } = callee
    else {
        return false;
    };
    &**m == "math"
        && match nargs {
            1 => matches!(
                &**f,
                "sqrt"
                    | "sin"
                    | "cos"
                    | "tan"
                    | "asin"
                    | "acos"
                    | "atan"
                    | "sinh"
                    | "cosh"
                    | "tanh"
                    | "asinh"
                    | "acosh"
                    | "atanh"
                    | "exp"
                    | "log"
                    | "log2"
                    | "log10"
                    | "erf"
                    | "erfc"
                    | "ceil"
                    | "floor"
            ),
            2 => matches!(&**f, "pow" | "atan2" | "fmod"),
            0 => &**f == "pi",
            _ => false,
        }
}

/// The result of [`analyse`].
#[derive(Default)]
pub struct FloatInfo {
    /// Statically a float (when bound at all).
    pub typed: HashSet<Var>,
    /// Kept as an f64 only: never boxed.
    pub unboxed: HashSet<Var>,
    /// Every return is statically a float.
    pub returns_float: bool,
    /// Local calls: callee and whether each argument is statically a float.
    pub calls: Vec<(FunId, Vec<bool>)>,
    /// Per parameter: carried as an f64 through the self-loop header of the function's
    /// entry unit (also in `unboxed`).
    pub loop_params: Vec<bool>,
    /// Results of `+ - *` of unknown type kept as a (term, f64) pair: the term is `[]`
    /// when the value is the float in the f64.
    pub dual: HashSet<Var>,
    /// Most likely integers (results of integer-only BIFs and `+ - *` on them or on
    /// integer literals): a hint for the order of type tests, never a fact.
    pub intish: HashSet<Var>,
    /// `b -> a`: `b` is bound to the value of `a` (the same pure arithmetic computed
    /// again; filled by the code generator's `translate::cse`).
    pub same: HashMap<Var, Var>,
}

impl FloatInfo {
    /// Is this operand statically a float.
    pub fn is_float(&self, o: &Operand) -> bool {
        match o {
            Operand::Lit(Literal::Float(_)) => true,
            Operand::Var(v) => self.typed.contains(v),
            Operand::Lit(_) => false,
        }
    }
}

/// `erlang:+ - * /` with two operands: the arithmetic the code generator inlines.
pub fn float_arith_op(prim: &Prim) -> Option<(&str, &Operand, &Operand)> {
    match prim {
        Prim::Bif { module, name, args }
            if &**module == "erlang"
                && args.len() == 2
                && matches!(&**name, "+" | "-" | "*" | "/") =>
        {
            Some((name, &args[0], &args[1]))
        }
        _ => None,
    }
}

/// Is `callee(args)` `math:sqrt/1` (inlined by the code generator).
pub fn is_sqrt(callee: &Callee, nargs: usize) -> bool {
    matches!(callee, Callee::Remote {
        module: Operand::Lit(Literal::Atom(m)),
        function: Operand::Lit(Literal::Atom(f)),
    } if &**m == "math" && &**f == "sqrt" && nargs == 1)
}

/// Analyse function `f` (id `fun`) given the module's facts. `inline_call(c)`
/// tells whether a `LetCall` is compiled inline (a direct BIF call: no continuation, so
/// its body stays in the same region); `block_join(j)` whether join `j` is a block of the
/// unit that defines it (not a function of its own).
pub fn analyse(
    f: &ferl_ir::ir::Function,
    mf: &ModuleFloats,
    fun: FunId,
    inline_call: &dyn Fn(&Call) -> bool,
    block_join: &dyn Fn(JoinId) -> bool,
) -> FloatInfo {
    // Loop parameters: start from every float parameter of a self-looping function and
    // drop those with another use until none is dropped.
    let mut cands: Vec<bool> = match mf.params.get(fun.0 as usize) {
        Some(ps) if f.params.len() <= MAX_XREGS && self_loops(&f.body, fun) => ps.clone(),
        _ => vec![false; f.params.len()],
    };
    loop {
        let info = walk(f, mf, fun, inline_call, block_join, &cands);
        let mut changed = false;
        for (k, v) in f.params.iter().enumerate() {
            if cands[k] && !info.unboxed.contains(v) {
                cands[k] = false;
                changed = true;
            }
        }
        if !changed {
            return info;
        }
    }
}

/// Does `body` tail-call function `fun` outside continuations, handlers and joins.
fn self_loops(body: &Expr, fun: FunId) -> bool {
    match body {
        Expr::Let { body, .. } | Expr::Do { body, .. } => self_loops(body, fun),
        Expr::LetJoin {
            join_body, body, ..
        } => self_loops(join_body, fun) || self_loops(body, fun),
        Expr::TailCall(Call {
            callee: Callee::Local { fun_id, .. },
            ..
        }) => *fun_id == fun,
        Expr::If { then, else_, .. } => self_loops(then, fun) || self_loops(else_, fun),
        Expr::Switch { cases, default, .. } => {
            cases.iter().any(|(_, c)| self_loops(c, fun)) || self_loops(default, fun)
        }
        _ => false,
    }
}

/// Variables that are most likely integers: results and operands of integer-only BIFs,
/// and both operands and the result of `+ - *` where one of them is an integer literal or
/// such a variable (a hint: a float may still turn up there).
fn intish_vars(body: &Expr) -> HashSet<Var> {
    // (Only the arithmetic BIFs are kept.)
    let mut prims: Vec<(Var, Prim)> = Vec::new();
    body.visit(&mut |e| match e {
        Expr::Let {
            var,
            prim: prim @ Prim::Bif { .. },
            ..
        } => prims.push((*var, prim.clone())),
        Expr::If {
            test:
                Test::Guard {
                    prim: prim @ Prim::Bif { .. },
                    out,
                },
            ..
        } => prims.push((*out, prim.clone())),
        _ => {}
    });
    let mut set = HashSet::new();
    let int = |o: &Operand, set: &HashSet<Var>| match o {
        Operand::Lit(Literal::Int(_)) => true,
        Operand::Var(v) => set.contains(v),
        Operand::Lit(_) => false,
    };
    // Each round only adds; a few rounds reach what matters (chains of counters).
    for _ in 0..4 {
        let before = set.len();
        for (var, prim) in &prims {
            let Prim::Bif { module, name, args } = prim else {
                continue;
            };
            if &**module != "erlang" {
                continue;
            }
            let name = &**name;
            if matches!(
                name,
                "div" | "rem" | "band" | "bor" | "bxor" | "bsl" | "bsr" | "bnot"
            ) {
                set.insert(*var);
                set.extend(args.iter().filter_map(|a| a.as_var()));
            } else if matches!(
                name,
                "length"
                    | "size"
                    | "tuple_size"
                    | "map_size"
                    | "byte_size"
                    | "bit_size"
                    | "round"
                    | "trunc"
            ) {
                set.insert(*var);
            } else if matches!(name, "+" | "-" | "*")
                && args.len() == 2
                && !args
                    .iter()
                    .any(|a| matches!(a, Operand::Lit(Literal::Float(_))))
                && (set.contains(var) || args.iter().any(|a| int(a, &set)))
            {
                set.insert(*var);
                set.extend(args.iter().filter_map(|a| a.as_var()));
            }
        }
        if set.len() == before {
            break;
        }
    }
    set
}

/// One pass over `f` with `loop_params` as the candidate loop parameters.
fn walk(
    f: &ferl_ir::ir::Function,
    mf: &ModuleFloats,
    fun: FunId,
    inline_call: &dyn Fn(&Call) -> bool,
    block_join: &dyn Fn(JoinId) -> bool,
    loop_params: &[bool],
) -> FloatInfo {
    let mut w = Walk {
        info: FloatInfo {
            returns_float: true,
            loop_params: loop_params.to_vec(),
            ..FloatInfo::default()
        },
        region_of: HashMap::new(),
        dual_of: HashMap::new(),
        intish: intish_vars(&f.body),
        boxed: HashSet::new(),
        next_region: 1,
        mf,
        fun,
        block_join,
    };
    if let Some(ps) = mf.params.get(fun.0 as usize) {
        for (k, (v, is_f)) in f.params.iter().zip(ps).enumerate() {
            if *is_f {
                w.info.typed.insert(*v);
                if loop_params.get(k) == Some(&true) {
                    w.region_of.insert(*v, 0);
                }
            }
        }
    }
    w.expr(&f.body, 0, inline_call);
    let Walk {
        mut info,
        region_of,
        dual_of,
        boxed,
        intish,
        ..
    } = w;
    info.intish = intish;
    info.unboxed = region_of
        .into_keys()
        .filter(|v| !boxed.contains(v))
        .collect();
    info.dual = dual_of.into_keys().filter(|v| !boxed.contains(v)).collect();
    for (k, v) in f.params.iter().enumerate() {
        if let Some(c) = info.loop_params.get_mut(k) {
            *c = *c && info.unboxed.contains(v);
        }
    }
    info
}

struct Walk<'m> {
    info: FloatInfo,
    mf: &'m ModuleFloats,
    /// Candidates for unboxing (float-typed, defined by an inlined operation) and the
    /// region they are defined in.
    region_of: HashMap<Var, u32>,
    /// Candidates for the (term, f64) pair of `FloatInfo::dual` and their region.
    dual_of: HashMap<Var, u32>,
    /// Results of integer-only BIFs, and `+ - *` on them or on integer literals: most
    /// likely integers (never made pairs: the pair would only cost them).
    intish: HashSet<Var>,
    /// Candidates that must be boxed after all.
    boxed: HashSet<Var>,
    next_region: u32,
    /// The function analysed (its self tail calls jump to the loop header).
    fun: FunId,
    block_join: &'m dyn Fn(JoinId) -> bool,
}

impl Walk<'_> {
    fn region(&mut self) -> u32 {
        self.next_region += 1;
        self.next_region
    }
    /// A use as an operand of inline float arithmetic or a comparison in `region`.
    fn float_use(&mut self, o: &Operand, region: u32) {
        if let Operand::Var(v) = o {
            if self.region_of.get(v).is_some_and(|r| *r != region)
                || self.dual_of.get(v).is_some_and(|r| *r != region)
            {
                self.boxed.insert(*v);
            }
        }
    }
    /// A use as a comparison operand or a returned value: unboxed floats are fine there,
    /// pairs are not.
    fn cmp_use(&mut self, o: &Operand, region: u32) {
        self.float_use(o, region);
        if let Operand::Var(v) = o {
            if self.dual_of.contains_key(v) {
                self.boxed.insert(*v);
            }
        }
    }
    /// Any other use: the value must exist as a term.
    fn term_use(&mut self, o: &Operand) {
        if let Operand::Var(v) = o {
            self.boxed.insert(*v);
        }
    }
    /// A primop binding `var` (a `let` or a guard test).
    fn prim(&mut self, var: Var, prim: &Prim, region: u32) {
        if let Some((op, a, b)) = float_arith_op(prim) {
            self.float_use(a, region);
            self.float_use(b, region);
            if op == "/" || self.info.is_float(a) || self.info.is_float(b) {
                self.info.typed.insert(var);
                self.region_of.insert(var, region);
            } else if !self.intish.contains(&var) {
                // (Most likely integer arithmetic, a counter or an index, gets no pair.)
                self.dual_of.insert(var, region);
            }
            return;
        }
        for o in prim.operands() {
            self.term_use(o);
        }
        if let Prim::Bif { module, name, args } = prim {
            if &**module == "erlang" && &**name == "float" && args.len() == 1 {
                self.info.typed.insert(var);
            }
        }
    }
    fn expr(&mut self, e: &Expr, region: u32, inline_call: &dyn Fn(&Call) -> bool) {
        match e {
            Expr::Let {
                var, prim, body, ..
            } => {
                self.prim(*var, prim, region);
                self.expr(body, region, inline_call);
            }
            Expr::Do { prim, body, .. } => {
                for o in prim.operands() {
                    self.term_use(o);
                }
                self.expr(body, region, inline_call);
            }
            Expr::LetCall { var, call, body } => {
                if is_sqrt(&call.callee, call.args.len()) {
                    self.float_use(&call.args[0], region);
                    self.info.typed.insert(*var);
                    self.region_of.insert(*var, region);
                    self.expr(body, region, inline_call);
                    return;
                }
                self.call_uses(call);
                if self.mf.call_float(call) {
                    self.info.typed.insert(*var);
                }
                let r = if inline_call(call) {
                    region
                } else {
                    self.region()
                };
                self.expr(body, r, inline_call);
            }
            Expr::TailCall(call) => {
                match &call.callee {
                    // The loop header: loop-parameter positions take an f64.
                    Callee::Local { fun_id, .. } if *fun_id == self.fun && region == 0 => {
                        let flags = call.args.iter().map(|a| self.info.is_float(a)).collect();
                        self.info.calls.push((*fun_id, flags));
                        for (k, a) in call.args.iter().enumerate() {
                            if self.info.loop_params.get(k) == Some(&true) {
                                self.float_use(a, region);
                            } else {
                                self.term_use(a);
                            }
                        }
                    }
                    _ => self.call_uses(call),
                }
                if !self.mf.call_float(call) {
                    self.info.returns_float = false;
                }
            }
            Expr::Return(o) => {
                // Boxed at the return (`Tx::return_operand`).
                self.cmp_use(o, region);
                if !self.info.is_float(o) {
                    self.info.returns_float = false;
                }
            }
            Expr::Jump(_, args) => {
                for a in args {
                    self.term_use(a);
                }
            }
            Expr::Fail { reason, .. } => {
                for o in reason.operands() {
                    // `function_clause` arguments are boxed on the raise path.
                    if matches!(reason, FailReason::FunctionClause(_)) {
                        self.float_use(o, region);
                    } else {
                        self.term_use(o);
                    }
                }
            }
            Expr::LetJoin {
                join,
                join_body,
                body,
                ..
            } => {
                // A block join is code of the same unit: the same region.
                let r = if (self.block_join)(*join) {
                    region
                } else {
                    self.region()
                };
                self.expr(join_body, r, inline_call);
                self.expr(body, region, inline_call);
            }
            Expr::If { test, then, else_ } => {
                match test {
                    Test::Cmp(_, a, b) => {
                        self.cmp_use(a, region);
                        self.cmp_use(b, region);
                    }
                    Test::Guard { prim, out } => self.prim(*out, prim, region),
                    t => {
                        for o in t.operands() {
                            self.term_use(o);
                        }
                        for v in t.uses() {
                            self.boxed.insert(v);
                        }
                    }
                }
                self.expr(then, region, inline_call);
                self.expr(else_, region, inline_call);
            }
            Expr::Switch { on, cases, default } => {
                self.boxed.insert(*on);
                for (_, c) in cases {
                    self.expr(c, region, inline_call);
                }
                self.expr(default, region, inline_call);
            }
            Expr::Try { body, handler, .. } => {
                let r = self.region();
                self.expr(body, r, inline_call);
                let r = self.region();
                self.expr(handler, r, inline_call);
            }
            Expr::RecvPeek { got, empty, .. } => {
                let r = self.region();
                self.expr(got, r, inline_call);
                let r = self.region();
                self.expr(empty, r, inline_call);
            }
            Expr::RecvWait { timeout, retry, .. } => {
                if let Some((o, a)) = timeout {
                    self.term_use(o);
                    let r = self.region();
                    self.expr(a, r, inline_call);
                }
                let r = self.region();
                self.expr(retry, r, inline_call);
            }
        }
    }
    fn call_uses(&mut self, call: &Call) {
        match &call.callee {
            Callee::Local { fun_id, .. } => {
                let flags = call.args.iter().map(|a| self.info.is_float(a)).collect();
                self.info.calls.push((*fun_id, flags));
            }
            Callee::Remote { module, function } => {
                self.term_use(module);
                self.term_use(function);
            }
            Callee::Apply { fun } => self.term_use(fun),
        }
        for a in &call.args {
            self.term_use(a);
        }
    }
}
