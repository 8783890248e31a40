//! The pattern-match compiler: Maranget-style compilation of a clause list (function heads,
//! case, receive, `=` matches, generator patterns, catch clauses) into a decision tree of
//! IR nodes ([`Expr::Switch`] over constructors, [`Expr::If`] over primitive tests, with
//! field-extraction primops).
//!
//! How: patterns become a matrix (one row per clause, one column per scrutinee
//! "occurrence"). The column to test is chosen by the "needed prefix" heuristic (the column
//! whose patterns are refutable in the most consecutive rows from the top), ties broken by
//! the smaller number of distinct constructors and then leftmost. A column's constructors
//! are tested by one `Switch` (so a scrutinee is switched on at most once on any path);
//! maps are matched key by key (`MapGet` on each key at most once per path); binaries
//! segment by segment on a match context (`BsGet`, rows whose first segments agree share the
//! extraction; sizes may refer to variables bound earlier in the same pattern). Variables
//! are bound lazily (an occurrence is named only where the clause is selected); a variable
//! repeated in a pattern, or already bound outside it, becomes an equality test run with
//! the guard. Guards are compiled by [`crate::guard`] and can never raise; when a guard
//! fails, matching continues with the remaining rows in the same context. Clause bodies are
//! join points, so they are never duplicated; if the tree grows past a budget, clauses are
//! matched one after another instead (bounded size, same semantics).
//!
//! Must not: evaluate guards or bodies itself, raise exceptions other than through the
//! `fail` expression it is given, or test the same occurrence with the same test twice on a
//! path.

use crate::analysis::Name;
use crate::ir::*;
use crate::lower::{internal, Block, Env, Lowerer};
use ferl_diagnostics::Span;
use ferl_syntax::ast::{self, BinOp, ExprKind};
use num_traits::ToPrimitive;
use std::collections::BTreeSet;
use std::rc::Rc;

/// One clause head: its patterns (one per scrutinee) and guard sequence.
pub(crate) struct Head<'h> {
    pub pats: Vec<&'h ast::Expr>,
    pub guards: &'h [Vec<ast::Expr>],
    pub span: Span,
}

#[derive(Clone, Debug)]
struct P {
    /// Variables bound to this occurrence.
    binds: Vec<Name>,
    pat: Pat,
}

#[derive(Clone, Debug)]
enum Pat {
    Wild,
    /// An atomic literal (atom, number, `[]`): exact equality.
    Lit(Literal),
    Cons(Box<P>, Box<P>),
    Tuple(Vec<P>),
    Map(Vec<(MKey, P)>),
    Binary(Vec<Seg>),
    /// The keys still to look up in a map already known to be a map.
    MapRest(Vec<(MKey, P)>),
    /// The segments still to match in a match context.
    BinRest(Vec<Seg>),
}

#[derive(Clone, Debug)]
enum MKey {
    Lit(Literal),
    /// A variable bound outside the pattern.
    Op(Operand),
    /// Any other guard expression: evaluated where tested (unique id).
    Expr(Rc<ast::Expr>, u32),
}

#[derive(Clone, Debug)]
struct Seg {
    value: P,
    size: SegSize,
    spec: SegSpec,
}

#[derive(Clone, Debug)]
enum SegSize {
    Default,
    Lit(u64),
    Name(Name),
    Expr(Rc<ast::Expr>, u32),
}

/// Identity of a segment extraction, to share it between rows.
#[derive(Clone, Debug, PartialEq)]
enum SizeKey {
    Default,
    Lit(u64),
    Op(Operand),
    Unique(u32),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Occ {
    Term(Var),
    Ctx(Var),
}

impl Occ {
    fn var(self) -> Var {
        match self {
            Occ::Term(v) | Occ::Ctx(v) => v,
        }
    }
}

#[derive(Clone, Debug)]
struct Row {
    cols: Vec<P>,
    /// Bindings made so far (name -> occurrence).
    env: Vec<(Name, Var)>,
    clause: usize,
}

enum EqTarget {
    Name(Name),
    Outer(Operand),
}

struct ClauseInfo<'h> {
    guards: &'h [Vec<ast::Expr>],
    target: JoinId,
    vars: Vec<Name>,
    eqs: Vec<(Name, EqTarget)>,
    span: Span,
}

struct Cx<'h> {
    clauses: Vec<ClauseInfo<'h>>,
    outer: Env,
    budget: i64,
    exceeded: bool,
}

const BUDGET: i64 = 3000;

fn wild() -> P {
    P {
        binds: vec![],
        pat: Pat::Wild,
    }
}

fn is_wild(p: &P) -> bool {
    matches!(p.pat, Pat::Wild)
}

/// Small expressions that may be duplicated (jumps, raises, returns).
pub(crate) fn is_small(e: &Expr) -> bool {
    match e {
        Expr::Jump(_, args) => args.len() <= 8,
        Expr::Fail { reason, .. } => reason.operands().len() <= 8,
        Expr::Return(_) => true,
        Expr::Do { body, .. } => matches!(**body, Expr::Jump(..)),
        _ => false,
    }
}

/// Wraps an expression in a join point when it has to be referenced more than once.
pub(crate) struct Shared(pub(crate) Option<(JoinId, Expr)>);

impl Shared {
    pub(crate) fn wrap(self, body: Expr) -> Expr {
        match self.0 {
            None => body,
            Some((join, jb)) => {
                if body.count_jumps(join) == 0 {
                    body
                } else {
                    Expr::LetJoin {
                        join,
                        params: vec![],
                        recursive: false,
                        join_body: Box::new(jb),
                        body: Box::new(body),
                    }
                }
            }
        }
    }
}

impl<'a> Lowerer<'a> {
    /// `e` if it is small, else a jump to a new join point holding it.
    pub(crate) fn share(&mut self, e: Expr) -> (Shared, Expr) {
        if is_small(&e) {
            return (Shared(None), e);
        }
        let j = self.new_join();
        (Shared(Some((j, e))), Expr::Jump(j, vec![]))
    }

    /// Compile clause heads into a decision tree. Clause `i` that matches jumps to
    /// `targets[i].0` with the occurrences of the variables `targets[i].1` (in that order).
    /// `fail` (small: a jump or a raise) runs when no clause matches. With `shadow`, every
    /// pattern variable is a fresh binding (fun heads, generators); otherwise a variable
    /// bound in `env` is an equality test.
    pub(crate) fn match_tree(
        &mut self,
        scrut: Vec<Var>,
        heads: &[Head],
        targets: &[(JoinId, Vec<Name>)],
        env: &Env,
        shadow: bool,
        fail: Expr,
    ) -> Expr {
        let (fail_w, fail) = self.share(fail);
        let mut cx = Cx {
            clauses: Vec::new(),
            outer: env.clone(),
            budget: BUDGET,
            exceeded: false,
        };
        let mut rows = Vec::new();
        for (i, h) in heads.iter().enumerate() {
            let mut seen = BTreeSet::new();
            let mut eqs = Vec::new();
            let mut cols = Vec::new();
            let mut ok = h.pats.len() == scrut.len();
            if !ok {
                self.diags
                    .push(internal(h.span, "clause has the wrong number of patterns"));
            }
            for p in &h.pats {
                match self.conv(p, env, shadow, &mut seen, &mut eqs) {
                    Some(c) => cols.push(c),
                    None => ok = false,
                }
            }
            let (target, vars) = targets.get(i).cloned().unwrap_or((JoinId(0), vec![]));
            cx.clauses.push(ClauseInfo {
                guards: h.guards,
                target,
                vars,
                eqs,
                span: h.span,
            });
            if ok {
                rows.push(Row {
                    cols,
                    env: vec![],
                    clause: i,
                });
            }
        }
        let occs: Vec<Occ> = scrut.iter().map(|v| Occ::Term(*v)).collect();
        let tree = self.compile(&mut cx, &occs, rows.clone(), &fail);
        let tree = if cx.exceeded {
            // Too big as one tree: match the clauses one after another.
            cx.budget = i64::MAX;
            cx.exceeded = false;
            let mut acc = fail.clone();
            for row in rows.into_iter().rev() {
                let j = self.new_join();
                let single = self.compile(&mut cx, &occs, vec![row], &Expr::Jump(j, vec![]));
                acc = Expr::LetJoin {
                    join: j,
                    params: vec![],
                    recursive: false,
                    join_body: Box::new(acc),
                    body: Box::new(single),
                };
            }
            acc
        } else {
            tree
        };
        fail_w.wrap(tree)
    }

    // -----------------------------------------------------------------------------------
    // Patterns: AST -> P.

    /// `None` when the pattern can never match (e.g. `{a} = {b}`) or is not a pattern.
    fn conv(
        &mut self,
        e: &ast::Expr,
        env: &Env,
        shadow: bool,
        seen: &mut BTreeSet<Name>,
        eqs: &mut Vec<(Name, EqTarget)>,
    ) -> Option<P> {
        match &e.kind {
            ExprKind::Var(n) => {
                if &**n == "_" {
                    return Some(wild());
                }
                if seen.contains(n) {
                    let fresh = self.gensym(n);
                    eqs.push((fresh.clone(), EqTarget::Name(n.clone())));
                    return Some(P {
                        binds: vec![fresh],
                        pat: Pat::Wild,
                    });
                }
                if !shadow {
                    if let Some(o) = env.get(n) {
                        let fresh = self.gensym(n);
                        eqs.push((fresh.clone(), EqTarget::Outer(o.clone())));
                        return Some(P {
                            binds: vec![fresh],
                            pat: Pat::Wild,
                        });
                    }
                }
                seen.insert(n.clone());
                Some(P {
                    binds: vec![n.clone()],
                    pat: Pat::Wild,
                })
            }
            ExprKind::Match(a, b) => {
                let pa = self.conv(a, env, shadow, seen, eqs)?;
                let pb = self.conv(b, env, shadow, seen, eqs)?;
                self.merge(pa, pb, e.span)
            }
            ExprKind::Cons(h, t) => {
                if let Some(l) = crate::literal::constant(e) {
                    return self.lit_pat(l, e.span);
                }
                let h = self.conv(h, env, shadow, seen, eqs)?;
                let t = self.conv(t, env, shadow, seen, eqs)?;
                Some(P {
                    binds: vec![],
                    pat: Pat::Cons(Box::new(h), Box::new(t)),
                })
            }
            ExprKind::Tuple(es) => {
                let mut ps = Vec::new();
                for x in es {
                    ps.push(self.conv(x, env, shadow, seen, eqs)?);
                }
                Some(P {
                    binds: vec![],
                    pat: Pat::Tuple(ps),
                })
            }
            ExprKind::Map(None, fields) => {
                let mut entries = Vec::new();
                for f in fields {
                    let key = self.map_key(&f.key, env);
                    let v = self.conv(&f.value, env, shadow, seen, eqs)?;
                    entries.push((key, v));
                }
                Some(P {
                    binds: vec![],
                    pat: Pat::Map(entries),
                })
            }
            ExprKind::Binary(elems) => {
                let mut segs = Vec::new();
                for el in elems {
                    let spec = match crate::bits::spec_of(el) {
                        Ok(s) => s,
                        Err(m) => {
                            self.diags.push(internal(el.span, m));
                            return None;
                        }
                    };
                    for el in crate::bits::expand_string(el) {
                        let size = match &el.size {
                            None if spec.ty == BinType::Integer => SegSize::Lit(8),
                            None if spec.ty == BinType::Float => SegSize::Lit(64),
                            None => SegSize::Default,
                            Some(s) => match crate::literal::constant(s) {
                                Some(Literal::Int(i)) => SegSize::Lit(i.to_u64()?),
                                Some(_) => return None,
                                None => match &s.kind {
                                    ExprKind::Var(n) => SegSize::Name(n.clone()),
                                    _ => {
                                        self.gensym += 1;
                                        SegSize::Expr(Rc::new(s.clone()), self.gensym)
                                    }
                                },
                            },
                        };
                        let value = self.conv(&el.value, env, shadow, seen, eqs)?;
                        segs.push(Seg { value, size, spec });
                    }
                }
                Some(P {
                    binds: vec![],
                    pat: Pat::Binary(segs),
                })
            }
            ExprKind::BinOp(BinOp::Append, l, r) => {
                // "prefix" ++ T
                let prefix = crate::literal::constant(l);
                let mut elems = Vec::new();
                match prefix {
                    Some(Literal::Nil) => {}
                    Some(Literal::List(es, tail)) if *tail == Literal::Nil => elems = es,
                    _ => {
                        self.diags.push(internal(
                            e.span,
                            "illegal pattern: the left side of `++` is not a string",
                        ));
                        return None;
                    }
                }
                let mut acc = self.conv(r, env, shadow, seen, eqs)?;
                for el in elems.into_iter().rev() {
                    let h = self.lit_pat(el, e.span)?;
                    acc = P {
                        binds: vec![],
                        pat: Pat::Cons(Box::new(h), Box::new(acc)),
                    };
                }
                Some(acc)
            }
            ExprKind::Record { .. }
            | ExprKind::RecordIndex { .. }
            | ExprKind::RecordAccess { .. } => {
                self.diags.push(internal(
                    e.span,
                    "record pattern left after record expansion",
                ));
                None
            }
            _ => match crate::literal::constant(e) {
                Some(l) => self.lit_pat(l, e.span),
                None => {
                    self.diags.push(internal(e.span, "illegal pattern"));
                    None
                }
            },
        }
    }

    fn map_key(&mut self, k: &ast::Expr, env: &Env) -> MKey {
        if let Some(l) = crate::literal::constant(k) {
            return MKey::Lit(l);
        }
        if let ExprKind::Var(n) = &k.kind {
            if let Some(o) = env.get(n) {
                return MKey::Op(o.clone());
            }
        }
        self.gensym += 1;
        MKey::Expr(Rc::new(k.clone()), self.gensym)
    }

    /// A constant as a pattern.
    fn lit_pat(&mut self, l: Literal, span: Span) -> Option<P> {
        let pat = match l {
            l @ (Literal::Atom(_) | Literal::Int(_) | Literal::Float(_) | Literal::Nil) => {
                Pat::Lit(l)
            }
            Literal::List(es, tail) => {
                let mut acc = self.lit_pat(*tail, span)?;
                for e in es.into_iter().rev() {
                    let h = self.lit_pat(e, span)?;
                    acc = P {
                        binds: vec![],
                        pat: Pat::Cons(Box::new(h), Box::new(acc)),
                    };
                }
                return Some(acc);
            }
            Literal::Tuple(es) => {
                let mut ps = Vec::new();
                for e in es {
                    ps.push(self.lit_pat(e, span)?);
                }
                Pat::Tuple(ps)
            }
            Literal::Map(kvs) => {
                let mut entries = Vec::new();
                for (k, v) in kvs {
                    entries.push((MKey::Lit(k), self.lit_pat(v, span)?));
                }
                Pat::Map(entries)
            }
            Literal::Bitstring { bytes, bits } => {
                let int_spec = SegSpec {
                    ty: BinType::Integer,
                    unit: 1,
                    signed: false,
                    endian: Endian::Big,
                };
                let mut segs = Vec::new();
                let full = (bits / 8) as usize;
                for b in &bytes[..full] {
                    segs.push(Seg {
                        value: P {
                            binds: vec![],
                            pat: Pat::Lit(Literal::int(*b as i64)),
                        },
                        size: SegSize::Lit(8),
                        spec: int_spec,
                    });
                }
                let rem = bits % 8;
                if rem != 0 {
                    let last = bytes.get(full).copied().unwrap_or(0) >> (8 - rem);
                    segs.push(Seg {
                        value: P {
                            binds: vec![],
                            pat: Pat::Lit(Literal::int(last as i64)),
                        },
                        size: SegSize::Lit(rem),
                        spec: int_spec,
                    });
                }
                Pat::Binary(segs)
            }
            Literal::ExportFun { .. } => {
                self.diags.push(internal(span, "illegal pattern: fun"));
                return None;
            }
        };
        Some(P { binds: vec![], pat })
    }

    /// `P1 = P2`: both must match the same value.
    fn merge(&mut self, a: P, b: P, span: Span) -> Option<P> {
        let mut binds = a.binds;
        binds.extend(b.binds);
        let pat = match (a.pat, b.pat) {
            (Pat::Wild, p) | (p, Pat::Wild) => p,
            (Pat::Lit(x), Pat::Lit(y)) if x.exact_eq(&y) => Pat::Lit(x),
            (Pat::Lit(_), Pat::Lit(_)) => return None,
            (Pat::Cons(h1, t1), Pat::Cons(h2, t2)) => {
                let h = self.merge(*h1, *h2, span)?;
                let t = self.merge(*t1, *t2, span)?;
                Pat::Cons(Box::new(h), Box::new(t))
            }
            (Pat::Tuple(x), Pat::Tuple(y)) => {
                if x.len() != y.len() {
                    return None;
                }
                let mut ps = Vec::new();
                for (p, q) in x.into_iter().zip(y) {
                    ps.push(self.merge(p, q, span)?);
                }
                Pat::Tuple(ps)
            }
            (Pat::Map(mut x), Pat::Map(y)) => {
                x.extend(y);
                Pat::Map(x)
            }
            (Pat::Binary(x), Pat::Binary(_)) => {
                self.diags.push(internal(
                    span,
                    "aliasing two binary patterns (`<<..>> = <<..>>`)",
                ));
                Pat::Binary(x)
            }
            _ => return None,
        };
        Some(P { binds, pat })
    }

    // -----------------------------------------------------------------------------------
    // The matrix compiler.

    fn compile(&mut self, cx: &mut Cx, occs: &[Occ], rows: Vec<Row>, fail: &Expr) -> Expr {
        cx.budget -= 1;
        if cx.budget < 0 {
            cx.exceeded = true;
            return fail.clone();
        }
        let Some(first) = rows.first() else {
            return fail.clone();
        };
        // Pick a column where the first row is refutable.
        let mut best: Option<(usize, usize, usize)> = None; // (col, prefix, ncons)
        for (i, p) in first.cols.iter().enumerate() {
            if is_wild(p) {
                continue;
            }
            if let (Occ::Ctx(_), Pat::BinRest(segs)) = (occs[i], &p.pat) {
                if let Some(s) = segs.first() {
                    if self.size_key(s, first, occs, &cx.outer).is_none() {
                        continue; // its size variable is bound in a column not yet matched
                    }
                }
            }
            // Term columns (exclusive, cheap tests) before binary contexts, so a segment's
            // value is tested right after its extraction.
            let term = matches!(occs[i], Occ::Term(_)) as usize;
            let prefix = rows.iter().take_while(|r| !is_wild(&r.cols[i])).count();
            let ncons = distinct_heads(&rows, i);
            let better = match best {
                None => true,
                Some((bi, bp, bn)) => {
                    let bterm = matches!(occs[bi], Occ::Term(_)) as usize;
                    (term, prefix) > (bterm, bp) || ((term, prefix) == (bterm, bp) && ncons < bn)
                }
            };
            if better {
                best = Some((i, prefix, ncons));
            }
        }
        let Some((col, _, _)) = best else {
            if first.cols.iter().all(is_wild) {
                return self.leaf(cx, occs, rows, fail);
            }
            let span = cx
                .clauses
                .get(first.clause)
                .map(|c| c.span)
                .unwrap_or_default();
            self.diags.push(internal(
                span,
                "binary segment size refers to a variable that is not bound",
            ));
            return fail.clone();
        };
        match (&first.cols[col].pat, occs[col]) {
            (Pat::MapRest(_), Occ::Term(v)) => self.compile_map_key(cx, occs, rows, col, v, fail),
            (Pat::BinRest(_), Occ::Ctx(c)) => self.compile_segment(cx, occs, rows, col, c, fail),
            (_, Occ::Term(v)) => self.compile_switch(cx, occs, rows, col, v, fail),
            (_, Occ::Ctx(_)) => {
                let span = cx
                    .clauses
                    .get(first.clause)
                    .map(|c| c.span)
                    .unwrap_or_default();
                self.diags.push(internal(
                    span,
                    "match compiler: unexpected pattern in a binary context",
                ));
                fail.clone()
            }
        }
    }

    fn leaf(&mut self, cx: &mut Cx, occs: &[Occ], mut rows: Vec<Row>, fail: &Expr) -> Expr {
        let row = rows.remove(0);
        let mut binds: Vec<(Name, Var)> = row.env.clone();
        for (p, o) in row.cols.iter().zip(occs) {
            for n in &p.binds {
                binds.push((n.clone(), o.var()));
            }
        }
        let find = |n: &Name| {
            binds
                .iter()
                .rev()
                .find(|(m, _)| m == n)
                .map(|(_, v)| Operand::Var(*v))
        };
        let ci = &cx.clauses[row.clause];
        let span = ci.span;
        let target = ci.target;
        let mut args = Vec::new();
        let mut missing = false;
        for n in &ci.vars {
            match find(n) {
                Some(o) => args.push(o),
                None => {
                    missing = true;
                    args.push(Operand::atom("undefined"));
                }
            }
        }
        if missing {
            self.diags.push(internal(
                span,
                "match compiler: a pattern variable has no occurrence",
            ));
        }
        let success = Expr::Jump(target, args);
        let eqs: Vec<(Operand, Operand)> = ci
            .eqs
            .iter()
            .filter_map(|(n, t)| {
                let a = find(n)?;
                let b = match t {
                    EqTarget::Name(m) => find(m)?,
                    EqTarget::Outer(o) => o.clone(),
                };
                Some((a, b))
            })
            .collect();
        let guards = ci.guards;
        if eqs.is_empty() && guards.is_empty() {
            return success;
        }
        let rest = self.compile(cx, occs, rows, fail);
        let (w, fail_k) = self.share(rest);
        let mut genv = cx.outer.clone();
        for (n, v) in &binds {
            genv.insert(n.clone(), Operand::Var(*v));
        }
        let mut tree = self.guard_seq(guards, &genv, success, fail_k.clone());
        for (a, b) in eqs.into_iter().rev() {
            tree = Expr::If {
                test: Test::Cmp(CmpOp::ExactEq, a, b),
                then: Box::new(tree),
                else_: Box::new(fail_k.clone()),
            };
        }
        w.wrap(tree)
    }

    fn compile_switch(
        &mut self,
        cx: &mut Cx,
        occs: &[Occ],
        rows: Vec<Row>,
        col: usize,
        v: Var,
        fail: &Expr,
    ) -> Expr {
        let mut heads: Vec<Con> = Vec::new();
        for r in &rows {
            if let Some(c) = head_con(&r.cols[col]) {
                if !heads.iter().any(|h| con_eq(h, &c)) {
                    heads.push(c);
                }
            }
        }
        let mut cases = Vec::new();
        for con in heads {
            let (sub_occs, prelude): (Vec<Occ>, Vec<(Var, Prim)>) = match &con {
                Con::Lit(_) => (vec![], vec![]),
                Con::Tuple(n) => {
                    let vs: Vec<Var> = (0..*n).map(|_| self.new_var(None)).collect();
                    let pre = vs
                        .iter()
                        .enumerate()
                        .map(|(i, x)| (*x, Prim::GetTupleElement(Operand::Var(v), i as u32)))
                        .collect();
                    (vs.into_iter().map(Occ::Term).collect(), pre)
                }
                Con::Cons => {
                    let (h, t) = (self.new_var(None), self.new_var(None));
                    (
                        vec![Occ::Term(h), Occ::Term(t)],
                        vec![
                            (h, Prim::GetHd(Operand::Var(v))),
                            (t, Prim::GetTl(Operand::Var(v))),
                        ],
                    )
                }
                Con::Map => (vec![Occ::Term(v)], vec![]),
                Con::Bitstring => {
                    let c = self.new_var(None);
                    (
                        vec![Occ::Ctx(c)],
                        vec![(c, Prim::BsStartMatch(Operand::Var(v)))],
                    )
                }
            };
            let k = sub_occs.len();
            let mut new_occs = occs[..col].to_vec();
            new_occs.extend(sub_occs);
            new_occs.extend_from_slice(&occs[col + 1..]);
            let mut new_rows = Vec::new();
            for r in &rows {
                let p = &r.cols[col];
                let subs: Vec<P> = if is_wild(p) {
                    vec![wild(); k]
                } else {
                    match head_con(p) {
                        Some(c) if con_eq(&c, &con) => sub_patterns(p),
                        _ => continue,
                    }
                };
                let mut nr = r.clone();
                for n in &p.binds {
                    nr.env.push((n.clone(), v));
                }
                nr.cols.splice(col..col + 1, subs);
                new_rows.push(nr);
            }
            let sub = self.compile(cx, &new_occs, new_rows, fail);
            let used = sub.free_vars();
            let mut e = sub;
            for (x, prim) in prelude.into_iter().rev() {
                if used.contains(&x) {
                    e = Expr::Let {
                        var: x,
                        prim,
                        loc: Loc::default(),
                        body: Box::new(e),
                    };
                }
            }
            cases.push((con, e));
        }
        let mut def_occs = occs.to_vec();
        def_occs.remove(col);
        let mut def_rows = Vec::new();
        for r in &rows {
            let p = &r.cols[col];
            if is_wild(p) {
                let mut nr = r.clone();
                for n in &p.binds {
                    nr.env.push((n.clone(), v));
                }
                nr.cols.remove(col);
                def_rows.push(nr);
            }
        }
        let default = self.compile(cx, &def_occs, def_rows, fail);
        Expr::Switch {
            on: v,
            cases,
            default: Box::new(default),
        }
    }

    fn compile_map_key(
        &mut self,
        cx: &mut Cx,
        occs: &[Occ],
        rows: Vec<Row>,
        col: usize,
        v: Var,
        fail: &Expr,
    ) -> Expr {
        let Pat::MapRest(entries) = &rows[0].cols[col].pat else {
            return fail.clone();
        };
        let Some((key, _)) = entries.first().cloned() else {
            return fail.clone();
        };
        let out = self.new_var(None);
        let mut succ = Vec::new();
        let mut fails = Vec::new();
        for r in &rows {
            let p = &r.cols[col];
            match &p.pat {
                Pat::MapRest(es) => match es.iter().position(|(k, _)| mkey_eq(k, &key)) {
                    Some(i) => {
                        let mut es2 = es.clone();
                        let (_, vp) = es2.remove(i);
                        let mut nr = r.clone();
                        nr.cols[col] = if es2.is_empty() {
                            wild()
                        } else {
                            P {
                                binds: vec![],
                                pat: Pat::MapRest(es2),
                            }
                        };
                        nr.cols.insert(col + 1, vp);
                        succ.push(nr);
                    }
                    None => {
                        let mut nr = r.clone();
                        nr.cols.insert(col + 1, wild());
                        succ.push(nr);
                        fails.push(r.clone());
                    }
                },
                _ => {
                    let mut nr = r.clone();
                    nr.cols.insert(col + 1, wild());
                    succ.push(nr);
                    fails.push(r.clone());
                }
            }
        }
        let mut s_occs = occs.to_vec();
        s_occs.insert(col + 1, Occ::Term(out));
        let then = self.compile(cx, &s_occs, succ, fail);
        let else_ = self.compile(cx, occs, fails, fail);
        let (w, else_k) = self.share(else_);
        let mut b = Block::new();
        let key_op = match &key {
            MKey::Lit(l) => Operand::Lit(l.clone()),
            MKey::Op(o) => o.clone(),
            MKey::Expr(e, _) => {
                let genv = cx.outer.clone();
                self.guard_value(&mut b, e, &genv, &else_k)
            }
        };
        let tree = b.finish(Expr::If {
            test: Test::MapGet {
                map: Operand::Var(v),
                key: key_op,
                out,
            },
            then: Box::new(then),
            else_: Box::new(else_k),
        });
        w.wrap(tree)
    }

    /// The shareable identity of a segment's size for `row` (`None`: not resolvable yet).
    fn size_key(&self, s: &Seg, row: &Row, occs: &[Occ], outer: &Env) -> Option<SizeKey> {
        Some(match &s.size {
            SegSize::Default => SizeKey::Default,
            SegSize::Lit(n) => SizeKey::Lit(*n),
            SegSize::Name(n) => SizeKey::Op(resolve(n, row, occs, outer)?),
            SegSize::Expr(e, uid) => {
                let mut names = BTreeSet::new();
                crate::analysis::mentioned(e, &mut names);
                for n in &names {
                    resolve(n, row, occs, outer)?;
                }
                SizeKey::Unique(*uid)
            }
        })
    }

    fn compile_segment(
        &mut self,
        cx: &mut Cx,
        occs: &[Occ],
        rows: Vec<Row>,
        col: usize,
        c: Var,
        fail: &Expr,
    ) -> Expr {
        let Pat::BinRest(segs0) = &rows[0].cols[col].pat else {
            return fail.clone();
        };
        if segs0.is_empty() {
            let mut succ = Vec::new();
            let mut fails = Vec::new();
            for r in &rows {
                match &r.cols[col].pat {
                    Pat::BinRest(s) if s.is_empty() => {
                        let mut nr = r.clone();
                        nr.cols[col] = wild();
                        succ.push(nr);
                    }
                    _ => {
                        succ.push(r.clone());
                        fails.push(r.clone());
                    }
                }
            }
            let then = self.compile(cx, occs, succ, fail);
            let else_ = self.compile(cx, occs, fails, fail);
            return Expr::If {
                test: Test::BsEnd(c),
                then: Box::new(then),
                else_: Box::new(else_),
            };
        }
        let seg0 = segs0[0].clone();
        let Some(key0) = self.size_key(&seg0, &rows[0], occs, &cx.outer) else {
            return fail.clone();
        };
        let consumes_all = matches!(seg0.spec.ty, BinType::Binary | BinType::Bitstring)
            && matches!(seg0.size, SegSize::Default);
        // Which rows share this extraction?
        let same: Vec<bool> = rows
            .iter()
            .map(|r| match &r.cols[col].pat {
                Pat::BinRest(s) => s.first().is_some_and(|s1| {
                    s1.spec == seg0.spec
                        && self
                            .size_key(s1, r, occs, &cx.outer)
                            .as_ref()
                            .is_some_and(|k| sizekey_eq(k, &key0))
                }),
                _ => false,
            })
            .collect();
        let needs_value = rows.iter().zip(&same).any(|(r, s)| {
            *s && matches!(&r.cols[col].pat, Pat::BinRest(segs) if !(is_wild(&segs[0].value) && segs[0].value.binds.is_empty()))
        });
        let out = if needs_value {
            Some(self.new_var(None))
        } else {
            None
        };
        let rest = self.new_var(None);
        let mut succ = Vec::new();
        let mut fails = Vec::new();
        for (r, s) in rows.iter().zip(&same) {
            let mut nr = r.clone();
            let mut inserted = Vec::new();
            if *s {
                let Pat::BinRest(segs) = &r.cols[col].pat else {
                    continue;
                };
                if out.is_some() {
                    inserted.push(segs[0].value.clone());
                }
                let tail = segs[1..].to_vec();
                inserted.push(if tail.is_empty() && consumes_all {
                    wild()
                } else {
                    P {
                        binds: vec![],
                        pat: Pat::BinRest(tail),
                    }
                });
                nr.cols[col] = wild();
            } else {
                if out.is_some() {
                    inserted.push(wild());
                }
                inserted.push(wild());
                fails.push(r.clone());
            }
            nr.cols.splice(col + 1..col + 1, inserted);
            succ.push(nr);
        }
        let mut s_occs = occs.to_vec();
        let mut ins = Vec::new();
        if let Some(o) = out {
            ins.push(Occ::Term(o));
        }
        ins.push(Occ::Ctx(rest));
        s_occs.splice(col + 1..col + 1, ins);
        let then = self.compile(cx, &s_occs, succ, fail);
        let else_ = self.compile(cx, occs, fails, fail);
        let (w, else_k) = self.share(else_);
        let mut b = Block::new();
        let size = match (&seg0.size, key0) {
            (SegSize::Default, _) => None,
            (_, SizeKey::Lit(n)) => Some(Operand::Lit(Literal::int(n as i64))),
            (_, SizeKey::Op(o)) => Some(o),
            (SegSize::Expr(e, _), _) => {
                let mut genv = cx.outer.clone();
                let mut names = BTreeSet::new();
                crate::analysis::mentioned(e, &mut names);
                for n in &names {
                    if let Some(o) = resolve(n, &rows[0], occs, &cx.outer) {
                        genv.insert(n.clone(), o);
                    }
                }
                Some(self.guard_value(&mut b, e, &genv, &else_k))
            }
            _ => None,
        };
        let test = Test::BsGet {
            ctx: c,
            spec: seg0.spec,
            size,
            out,
            rest,
        };
        let tree = b.finish(Expr::If {
            test,
            then: Box::new(then),
            else_: Box::new(else_k),
        });
        w.wrap(tree)
    }
}

/// Where `n` is bound for `row`: earlier bindings, a column's top-level binding, or outside.
fn resolve(n: &Name, row: &Row, occs: &[Occ], outer: &Env) -> Option<Operand> {
    if let Some((_, v)) = row.env.iter().rev().find(|(m, _)| m == n) {
        return Some(Operand::Var(*v));
    }
    for (p, o) in row.cols.iter().zip(occs) {
        if let Occ::Term(v) = o {
            if p.binds.contains(n) {
                return Some(Operand::Var(*v));
            }
        }
    }
    outer.get(n).cloned()
}

fn head_con(p: &P) -> Option<Con> {
    Some(match &p.pat {
        Pat::Lit(Literal::Nil) => Con::Lit(Literal::Nil),
        Pat::Lit(l) => Con::Lit(l.clone()),
        Pat::Cons(..) => Con::Cons,
        Pat::Tuple(es) => Con::Tuple(es.len() as u32),
        Pat::Map(_) => Con::Map,
        Pat::Binary(_) => Con::Bitstring,
        Pat::Wild | Pat::MapRest(_) | Pat::BinRest(_) => return None,
    })
}

fn con_eq(a: &Con, b: &Con) -> bool {
    match (a, b) {
        (Con::Lit(x), Con::Lit(y)) => {
            x.exact_eq(y) && std::mem::discriminant(x) == std::mem::discriminant(y)
        }
        _ => a == b,
    }
}

fn sub_patterns(p: &P) -> Vec<P> {
    match &p.pat {
        Pat::Cons(h, t) => vec![(**h).clone(), (**t).clone()],
        Pat::Tuple(es) => es.clone(),
        Pat::Map(es) => {
            vec![if es.is_empty() {
                wild()
            } else {
                P {
                    binds: vec![],
                    pat: Pat::MapRest(es.clone()),
                }
            }]
        }
        Pat::Binary(segs) => vec![P {
            binds: vec![],
            pat: Pat::BinRest(segs.clone()),
        }],
        _ => vec![],
    }
}

fn distinct_heads(rows: &[Row], col: usize) -> usize {
    let mut heads: Vec<Con> = Vec::new();
    for r in rows {
        if let Some(c) = head_con(&r.cols[col]) {
            if !heads.iter().any(|h| con_eq(h, &c)) {
                heads.push(c);
            }
        }
    }
    heads.len()
}

fn mkey_eq(a: &MKey, b: &MKey) -> bool {
    match (a, b) {
        (MKey::Lit(x), MKey::Lit(y)) => {
            x.exact_eq(y) && std::mem::discriminant(x) == std::mem::discriminant(y)
        }
        (MKey::Op(x), MKey::Op(y)) => x == y,
        (MKey::Expr(_, x), MKey::Expr(_, y)) => x == y,
        _ => false,
    }
}

fn sizekey_eq(a: &SizeKey, b: &SizeKey) -> bool {
    a == b
}
