//! Structural checks of IR invariants (see `docs/ir.md`), used by the tests and available
//! to the driver as a debug check: variables defined before use, join points in scope,
//! no `Return`/`TailCall` inside a `Try` body, and no test repeated on the same scrutinee
//! along one path of a decision tree.
//!
//! Must not: modify the IR.

use crate::ir::*;
use std::collections::{BTreeSet, HashMap};

/// A violated invariant, with the function it was found in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub function: String,
    pub message: String,
}

/// Check every function of a module, including that no scrutinee is tested twice by the
/// same test along one path. That last property holds per pattern match; once the
/// simplifier has inlined clause bodies, a path may run through two matches of the same
/// variable written by the user (`case X of .. end, case X of .. end`), so use
/// [`verify_module_structure`] for arbitrary programs.
pub fn verify_module(m: &Module) -> Vec<Violation> {
    verify(m, true)
}

/// [`verify_module`] without the repeated-test check.
pub fn verify_module_structure(m: &Module) -> Vec<Violation> {
    verify(m, false)
}

fn verify(m: &Module, repeats: bool) -> Vec<Violation> {
    let mut out = Vec::new();
    for f in &m.functions {
        let mut v = Verifier {
            f,
            errors: Vec::new(),
            joins: HashMap::new(),
            repeats,
        };
        let scope: BTreeSet<Var> = f.params.iter().copied().collect();
        v.expr(&f.body, &scope, false, &Path::default());
        for e in v.errors {
            out.push(Violation {
                function: format!("{}/{}", f.name, f.arity),
                message: e,
            });
        }
    }
    out
}

/// Tests made so far on the current path (scrutinee identities).
#[derive(Clone, Default)]
struct Path {
    switched: BTreeSet<Var>,
    map_keys: Vec<(Operand, Operand)>,
    bs: Vec<(Var, SegSpec, Option<Operand>)>,
    bs_end: BTreeSet<Var>,
}

struct Verifier<'f> {
    f: &'f Function,
    errors: Vec<String>,
    /// Join id -> (arity, defined inside the try depth it was defined at)
    joins: HashMap<JoinId, usize>,
    repeats: bool,
}

impl Verifier<'_> {
    fn op(&mut self, o: &Operand, scope: &BTreeSet<Var>) {
        if let Operand::Var(v) = o {
            self.use_var(*v, scope);
        }
    }
    fn use_var(&mut self, v: Var, scope: &BTreeSet<Var>) {
        if !scope.contains(&v) {
            self.errors
                .push(format!("variable _{} used out of scope", v.0));
        }
        if v.0 as usize >= self.f.var_names.len() {
            self.errors.push(format!("variable _{} out of range", v.0));
        }
    }
    fn call(&mut self, c: &Call, scope: &BTreeSet<Var>) {
        match &c.callee {
            Callee::Local { .. } => {}
            Callee::Remote { module, function } => {
                self.op(module, scope);
                self.op(function, scope);
            }
            Callee::Apply { fun } => self.op(fun, scope),
        }
        for a in &c.args {
            self.op(a, scope);
        }
    }
    fn bind(&mut self, scope: &BTreeSet<Var>, vs: &[Var]) -> BTreeSet<Var> {
        let mut s = scope.clone();
        for v in vs {
            if !s.insert(*v) {
                self.errors.push(format!("variable _{} bound twice", v.0));
            }
        }
        s
    }

    fn expr(&mut self, e: &Expr, scope: &BTreeSet<Var>, in_try: bool, path: &Path) {
        match e {
            Expr::Let {
                var, prim, body, ..
            } => {
                for o in prim.operands() {
                    self.op(o, scope);
                }
                let s = self.bind(scope, &[*var]);
                self.expr(body, &s, in_try, path);
            }
            Expr::Do { prim, body, .. } => {
                for o in prim.operands() {
                    self.op(o, scope);
                }
                self.expr(body, scope, in_try, path);
            }
            Expr::LetCall { var, call, body } => {
                self.call(call, scope);
                let s = self.bind(scope, &[*var]);
                // Tests before a call do not constrain the continuation's tests.
                self.expr(body, &s, in_try, &Path::default());
            }
            Expr::TailCall(c) => {
                self.call(c, scope);
                if in_try {
                    self.errors.push("tail call inside a try body".into());
                }
            }
            Expr::Return(o) => {
                self.op(o, scope);
                if in_try {
                    self.errors.push("return inside a try body".into());
                }
            }
            Expr::LetJoin {
                join,
                params,
                recursive,
                join_body,
                body,
            } => {
                if self.joins.insert(*join, params.len()).is_some() {
                    self.errors.push(format!("join j{} defined twice", join.0));
                }
                let s = self.bind(scope, params);
                if !*recursive {
                    // not in scope inside its own body
                    let n = self.joins.remove(join);
                    self.expr(join_body, &s, in_try, &Path::default());
                    if let Some(n) = n {
                        self.joins.insert(*join, n);
                    }
                } else {
                    self.expr(join_body, &s, in_try, &Path::default());
                }
                self.expr(body, scope, in_try, path);
                self.joins.remove(join);
            }
            Expr::Jump(j, args) => {
                for a in args {
                    self.op(a, scope);
                }
                match self.joins.get(j) {
                    None => self.errors.push(format!("jump to j{} out of scope", j.0)),
                    Some(n) if *n != args.len() => self.errors.push(format!(
                        "jump to j{} with {} args, expected {}",
                        j.0,
                        args.len(),
                        n
                    )),
                    _ => {}
                }
            }
            Expr::If { test, then, else_ } => {
                for v in test.uses() {
                    self.use_var(v, scope);
                }
                let mut p2 = path.clone();
                match test {
                    Test::MapGet { map, key, .. } => {
                        if self.repeats && path.map_keys.iter().any(|(m, k)| m == map && k == key) {
                            self.errors
                                .push(format!("map key {key:?} of {map:?} tested twice on a path"));
                        }
                        p2.map_keys.push((map.clone(), key.clone()));
                    }
                    Test::BsGet {
                        ctx, spec, size, ..
                    } => {
                        let k = (*ctx, *spec, size.clone());
                        if self.repeats && path.bs.contains(&k) {
                            self.errors.push(format!(
                                "segment extraction on _{} repeated on a path",
                                ctx.0
                            ));
                        }
                        p2.bs.push(k);
                    }
                    Test::BsEnd(c) if !p2.bs_end.insert(*c) && self.repeats => {
                        self.errors
                            .push(format!("bs_end on _{} repeated on a path", c.0));
                    }
                    _ => {}
                }
                let s = self.bind(scope, &test.binds());
                self.expr(then, &s, in_try, &p2);
                self.expr(else_, scope, in_try, &p2);
            }
            Expr::Switch { on, cases, default } => {
                self.use_var(*on, scope);
                let mut p2 = path.clone();
                if !p2.switched.insert(*on) && self.repeats {
                    self.errors
                        .push(format!("switch on _{} repeated on a path", on.0));
                }
                for (_, c) in cases {
                    self.expr(c, scope, in_try, &p2);
                }
                self.expr(default, scope, in_try, &p2);
            }
            Expr::Try {
                body,
                class,
                reason,
                trace,
                handler,
            } => {
                self.expr(body, scope, true, path);
                let s = self.bind(scope, &[*class, *reason, *trace]);
                self.expr(handler, &s, in_try, &Path::default());
            }
            Expr::RecvPeek { msg, got, empty } => {
                let s = self.bind(scope, &[*msg]);
                self.expr(got, &s, in_try, path);
                self.expr(empty, scope, in_try, path);
            }
            Expr::RecvWait { timeout, retry, .. } => {
                if let Some((t, body)) = timeout {
                    self.op(t, scope);
                    self.expr(body, scope, in_try, &Path::default());
                }
                self.expr(retry, scope, in_try, &Path::default());
            }
            Expr::Fail { reason, .. } => {
                for o in reason.operands() {
                    self.op(o, scope);
                }
            }
        }
    }
}
