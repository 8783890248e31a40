//! Lowering from the (record-expanded) AST to the IR: expressions to A-normal form, funs to
//! lambda functions with explicit free variables, comprehensions to helper functions,
//! try/catch/receive to their IR regions and primitives. Pattern matching is delegated to
//! [`crate::matching`] and guards to [`crate::guard`].
//!
//! Owns: [`Lowerer`] (per-module state), the statement builder ([`Block`]/[`Stmt`]) that
//! folds a linear sequence of bindings into the IR tree, and continuations ([`Cont`]).
//! Must not: panic on any AST (a leftover record or an unbound variable is an internal-error
//! diagnostic, and lowering goes on), do I/O, or emit anything but primitive operations.

use crate::analysis::{self, Name};
use crate::bifs;
use crate::ir::*;
use ferl_diagnostics::{Diagnostic, FileId, SourceMap, Span};
use ferl_syntax::ast::{self, BinOp, ExprKind, FormKind, Fun, UnOp};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

/// Variables in scope: source name -> operand (a variable, or a constant after `X = 1`).
pub(crate) type Env = BTreeMap<Name, Operand>;

/// Where the value of an expression goes.
#[derive(Clone, Debug)]
pub(crate) enum Cont {
    /// Return it from the function (tail position).
    Return,
    /// Jump to a join point with the value followed by the listed variables (the ones the
    /// construct exports to the code after it).
    Jump(JoinId, Rc<Vec<Name>>),
}

pub(crate) enum Stmt {
    Let(Var, Prim, Loc),
    Do(Prim, Loc),
    Call(Var, Call),
    /// `tree` runs here and jumps to `join`, whose body is the rest of the block.
    Join {
        join: JoinId,
        params: Vec<Var>,
        tree: Expr,
    },
    /// Continue with the rest of the block if `test` holds, else `fail`.
    Test {
        test: Test,
        fail: Expr,
    },
}

/// A linear sequence of statements being built; [`Block::finish`] folds it into a tree.
#[derive(Default)]
pub(crate) struct Block {
    pub(crate) stmts: Vec<Stmt>,
}

impl Block {
    pub(crate) fn new() -> Block {
        Block::default()
    }
    pub(crate) fn finish(self, term: Expr) -> Expr {
        let mut acc = term;
        for s in self.stmts.into_iter().rev() {
            acc = match s {
                Stmt::Let(var, prim, loc) => Expr::Let {
                    var,
                    prim,
                    loc,
                    body: Box::new(acc),
                },
                Stmt::Do(prim, loc) => Expr::Do {
                    prim,
                    loc,
                    body: Box::new(acc),
                },
                Stmt::Call(var, call) => Expr::LetCall {
                    var,
                    call,
                    body: Box::new(acc),
                },
                Stmt::Join { join, params, tree } => Expr::LetJoin {
                    join,
                    params,
                    recursive: false,
                    join_body: Box::new(acc),
                    body: Box::new(tree),
                },
                Stmt::Test { test, fail } => Expr::If {
                    test,
                    then: Box::new(acc),
                    else_: Box::new(fail),
                },
            };
        }
        acc
    }
}

/// Per-function state.
#[derive(Default)]
pub(crate) struct FnBuilder {
    pub(crate) var_names: Vec<Option<Atom>>,
    pub(crate) num_joins: u32,
    /// Inside a named fun: its name, lambda, and the variables holding its free values.
    pub(crate) self_fun: Option<(Name, FunId, Vec<Var>)>,
}

pub struct Lowerer<'a> {
    pub(crate) module: Atom,
    src: Option<&'a SourceMap>,
    main_file: FileId,
    pub(crate) files: Vec<String>,
    file_ids: HashMap<FileId, u32>,
    locals: HashMap<(Name, u32), FunId>,
    pub(crate) imports: HashMap<(Name, u32), Name>,
    pub(crate) no_auto_import: HashSet<(Name, u32)>,
    pub(crate) functions: Vec<Option<Function>>,
    lambda_count: u32,
    /// Name/arity of the top-level function being lowered and its lambda/helper counters.
    cur_top: (Name, u32),
    cur_fun_counter: u32,
    cur_lc_counter: u32,
    pub(crate) diags: Vec<Diagnostic>,
    pub(crate) fb: FnBuilder,
    /// A counter for names the lowering invents (never valid Erlang variable names).
    pub(crate) gensym: u32,
    /// Names of lambdas and helpers by id (for printing local calls to them).
    pub(crate) lambda_names: HashMap<FunId, Atom>,
}

pub(crate) fn internal(span: Span, msg: impl Into<String>) -> Diagnostic {
    Diagnostic::error(
        "E0501",
        span,
        format!(
            "construct not supported by the code generator: {}",
            msg.into()
        ),
    )
    .with_note("this is an internal limitation of ferl's code generator")
}

impl<'a> Lowerer<'a> {
    pub fn new(module: &ast::Module, file_name: &str, src: Option<&'a SourceMap>) -> Lowerer<'a> {
        let name: Atom = module.name().cloned().unwrap_or_else(|| Arc::from(""));
        let main_file = module
            .forms
            .iter()
            .find(|f| matches!(f.kind, FormKind::Module(_)))
            .map(|f| f.span.file)
            .unwrap_or_default();
        let mut file_ids = HashMap::new();
        file_ids.insert(main_file, 0);
        let mut imports = HashMap::new();
        let mut no_auto_import = HashSet::new();
        for form in &module.forms {
            match &form.kind {
                FormKind::Import(m, funs) => {
                    for f in funs {
                        imports.insert((f.name.clone(), f.arity), m.clone());
                    }
                }
                FormKind::Attribute(a, value) if &**a == "compile" => {
                    collect_no_auto_import(value, &mut no_auto_import);
                }
                _ => {}
            }
        }
        Lowerer {
            module: name,
            src,
            main_file,
            files: vec![file_name.to_string()],
            file_ids,
            locals: HashMap::new(),
            imports,
            no_auto_import,
            functions: Vec::new(),
            lambda_count: 0,
            cur_top: (Arc::from(""), 0),
            cur_fun_counter: 0,
            cur_lc_counter: 0,
            diags: Vec::new(),
            fb: FnBuilder::default(),
            gensym: 0,
            lambda_names: HashMap::new(),
        }
    }

    // -----------------------------------------------------------------------------------
    // Small builders.

    pub(crate) fn new_var(&mut self, name: Option<&Name>) -> Var {
        let v = Var(self.fb.var_names.len() as u32);
        self.fb
            .var_names
            .push(name.filter(|n| !n.starts_with('@')).cloned());
        v
    }

    pub(crate) fn locals_get(&self, name: &Name, arity: u32) -> Option<FunId> {
        self.locals.get(&(name.clone(), arity)).copied()
    }

    pub(crate) fn next_lambda_index(&mut self) -> u32 {
        self.lambda_count += 1;
        self.lambda_count - 1
    }

    /// OTP's lambda naming: `-f/1-fun-N-` (N counts the lambdas of `f/1`).
    pub(crate) fn lambda_name(&mut self) -> String {
        let n = self.cur_fun_counter;
        self.cur_fun_counter += 1;
        format!("-{}/{}-fun-{}-", self.cur_top.0, self.cur_top.1, n)
    }

    /// OTP's comprehension helper naming: `-f/1-lc$^N/1-0-`.
    pub(crate) fn lc_name(&mut self) -> String {
        let n = self.cur_lc_counter;
        self.cur_lc_counter += 1;
        format!("-{}/{}-lc$^{}-", self.cur_top.0, self.cur_top.1, n)
    }

    pub(crate) fn new_join(&mut self) -> JoinId {
        let j = JoinId(self.fb.num_joins);
        self.fb.num_joins += 1;
        j
    }

    pub(crate) fn gensym(&mut self, base: &str) -> Name {
        self.gensym += 1;
        Arc::from(format!("@{}{}", base, self.gensym))
    }

    pub(crate) fn loc(&mut self, span: Span) -> Loc {
        let Some(src) = self.src else {
            return Loc::default();
        };
        let Some(f) = src.try_get(span.file) else {
            return Loc::default();
        };
        let (line, col) = f.line_col(span.start);
        let (end_line, end) = f.line_col(span.end);
        let end_col = if end_line == line && end > col {
            end
        } else {
            0
        };
        let file = match self.file_ids.get(&span.file) {
            Some(i) => *i,
            None => {
                let i = self.files.len() as u32;
                self.files.push(f.name.clone());
                self.file_ids.insert(span.file, i);
                i
            }
        };
        let _ = self.main_file;
        Loc {
            file,
            line,
            col,
            end_col,
            inl: 0,
        }
    }

    pub(crate) fn let_prim(&mut self, b: &mut Block, prim: Prim, loc: Loc) -> Operand {
        let v = self.new_var(None);
        b.stmts.push(Stmt::Let(v, prim, loc));
        Operand::Var(v)
    }

    /// A variable holding `op` (a `move` if it is a constant).
    pub(crate) fn ensure_var(&mut self, b: &mut Block, op: Operand) -> Var {
        match op {
            Operand::Var(v) => v,
            lit => {
                let v = self.new_var(None);
                b.stmts.push(Stmt::Let(v, Prim::Move(lit), Loc::default()));
                v
            }
        }
    }

    pub(crate) fn bif(module: &str, name: &str, args: Vec<Operand>) -> Prim {
        Prim::Bif {
            module: Arc::from(module),
            name: Arc::from(name),
            args,
        }
    }

    /// The value `v` delivered to continuation `k`.
    pub(crate) fn cont_value(&mut self, v: Operand, env: &Env, k: &Cont, span: Span) -> Expr {
        match k {
            Cont::Return => Expr::Return(v),
            Cont::Jump(j, names) => {
                let mut args = vec![v];
                for n in names.iter() {
                    args.push(self.lookup(env, n, span));
                }
                Expr::Jump(*j, args)
            }
        }
    }

    pub(crate) fn lookup(&mut self, env: &Env, n: &Name, span: Span) -> Operand {
        match env.get(n) {
            Some(o) => o.clone(),
            None => {
                self.diags
                    .push(internal(span, format!("variable '{n}' is unbound")));
                Operand::atom("undefined")
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // Module.

    pub fn lower(mut self, module: &ast::Module) -> Result<Module, Vec<Diagnostic>> {
        let mut exports = Vec::new();
        let mut attributes = Vec::new();
        let mut on_load = None;
        // Number the top-level functions first (calls may go forward).
        let mut tops = Vec::new();
        for form in &module.forms {
            match &form.kind {
                FormKind::Function(f) => {
                    if self.locals.contains_key(&(f.name.clone(), f.arity)) {
                        continue; // duplicate definition: sema reports it
                    }
                    let id = FunId(self.functions.len() as u32);
                    self.functions.push(None);
                    self.locals.insert((f.name.clone(), f.arity), id);
                    tops.push((id, f));
                }
                FormKind::Export(fs) => {
                    for f in fs {
                        let e = (f.name.clone(), f.arity);
                        if !exports.contains(&e) {
                            exports.push(e);
                        }
                    }
                }
                FormKind::Attribute(name, value) => {
                    if &**name == "on_load" {
                        if let ExprKind::Fun(fun) = &value.kind {
                            if let Fun::Local(r) = &**fun {
                                on_load = Some((r.name.clone(), r.arity));
                            }
                        } else if let ExprKind::BinOp(BinOp::FDiv, n, a) = &value.kind {
                            if let (ExprKind::Atom(n), ExprKind::Integer(a)) = (&n.kind, &a.kind) {
                                on_load = Some((n.clone(), a.as_i64().unwrap_or(0) as u32));
                            }
                        }
                    }
                    if !matches!(
                        &**name,
                        "compile" | "file" | "on_load" | "nifs" | "dialyzer"
                    ) {
                        if let Some(l) = crate::literal::constant(value) {
                            attributes.push((name.clone(), l));
                        }
                    }
                }
                FormKind::Behaviour(b) => attributes.push((
                    Arc::from("behaviour"),
                    Literal::list(vec![Literal::Atom(b.clone())]),
                )),
                _ => {}
            }
        }
        for (id, f) in tops {
            let exported = exports.iter().any(|(n, a)| *n == f.name && *a == f.arity);
            let func = self.lower_function(f, exported);
            self.functions[id.0 as usize] = Some(func);
        }
        let functions: Vec<Function> = self
            .functions
            .into_iter()
            .map(|f| {
                f.unwrap_or_else(|| Function {
                    name: Arc::from("-missing-"),
                    arity: 0,
                    kind: FunKind::Helper,
                    params: vec![],
                    body: Expr::Fail {
                        reason: FailReason::IfClause,
                        loc: Loc::default(),
                    },
                    var_names: vec![],
                    num_joins: 0,
                    loc: Loc::default(),
                })
            })
            .collect();
        if self.diags.iter().any(|d| d.is_error()) {
            return Err(self.diags);
        }
        Ok(Module {
            name: self.module,
            files: self.files,
            exports,
            attributes,
            on_load,
            functions,
            inlined: Vec::new(),
        })
    }

    fn lower_function(&mut self, f: &ast::Function, exported: bool) -> Function {
        self.fb = FnBuilder::default();
        self.cur_top = (f.name.clone(), f.arity);
        self.cur_fun_counter = 0;
        self.cur_lc_counter = 0;
        let loc = self.loc(f.span);
        let params: Vec<Var> = (0..f.arity).map(|_| self.new_var(None)).collect();
        let fail = Expr::Fail {
            reason: FailReason::FunctionClause(params.iter().map(|v| Operand::Var(*v)).collect()),
            loc,
        };
        let clauses: Vec<&ast::Clause> = f
            .clauses
            .iter()
            .filter(|c| {
                if c.patterns.len() != f.arity as usize {
                    self.diags.push(internal(
                        c.span,
                        "clause with the wrong number of arguments",
                    ));
                    false
                } else {
                    true
                }
            })
            .collect();
        let body = self.lower_clauses(
            params.clone(),
            &clauses,
            &Env::new(),
            false,
            fail,
            &Cont::Return,
            None,
        );
        let fb = std::mem::take(&mut self.fb);
        Function {
            name: f.name.clone(),
            arity: f.arity,
            kind: FunKind::Top { exported },
            params,
            body,
            var_names: fb.var_names,
            num_joins: fb.num_joins,
            loc,
        }
    }

    /// Match `scrut` against clauses (each with its patterns and guards) and run the
    /// matching clause's body in continuation `k`; `fail` runs when no clause matches.
    /// `prologue` runs at the start of every body (receive's `remove_message`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn lower_clauses(
        &mut self,
        scrut: Vec<Var>,
        clauses: &[&ast::Clause],
        env: &Env,
        shadow: bool,
        fail: Expr,
        k: &Cont,
        prologue: Option<Prim>,
    ) -> Expr {
        let heads: Vec<crate::matching::Head> = clauses
            .iter()
            .map(|c| crate::matching::Head {
                pats: c.patterns.iter().collect(),
                guards: &c.guards,
                span: c.span,
            })
            .collect();
        self.lower_heads(scrut, &heads, env, shadow, fail, &mut |s, i, mut env_i| {
            let mut b = Block::new();
            if let Some(p) = &prologue {
                b.stmts.push(Stmt::Do(p.clone(), Loc::default()));
            }
            s.seq_tail(b, &clauses[i].body, &mut env_i, k, clauses[i].span)
        })
    }

    /// The general form of [`Self::lower_clauses`]: bodies are produced by `body(i, env)`.
    pub(crate) fn lower_heads(
        &mut self,
        scrut: Vec<Var>,
        heads: &[crate::matching::Head],
        env: &Env,
        shadow: bool,
        fail: Expr,
        body: &mut dyn FnMut(&mut Self, usize, Env) -> Expr,
    ) -> Expr {
        let mut targets = Vec::new();
        for h in heads {
            let mut names = BTreeSet::new();
            for p in &h.pats {
                analysis::pattern_vars(p, &mut names);
            }
            let names: Vec<Name> = names
                .into_iter()
                .filter(|n| shadow || !env.contains_key(n))
                .collect();
            let j = self.new_join();
            targets.push((j, names));
        }
        let tree = self.match_tree(scrut, heads, &targets, env, shadow, fail);
        let mut acc = tree;
        for (i, (j, names)) in targets.into_iter().enumerate().rev() {
            if acc.count_jumps(j) == 0 {
                continue; // unreachable clause
            }
            let params: Vec<Var> = names.iter().map(|n| self.new_var(Some(n))).collect();
            let mut env_i = env.clone();
            for (n, p) in names.iter().zip(&params) {
                env_i.insert(n.clone(), Operand::Var(*p));
            }
            let jb = body(self, i, env_i);
            acc = Expr::LetJoin {
                join: j,
                params,
                recursive: false,
                join_body: Box::new(jb),
                body: Box::new(acc),
            };
        }
        acc
    }

    // -----------------------------------------------------------------------------------
    // Expressions.

    pub(crate) fn seq_tail(
        &mut self,
        mut b: Block,
        es: &[ast::Expr],
        env: &mut Env,
        k: &Cont,
        span: Span,
    ) -> Expr {
        let Some((last, init)) = es.split_last() else {
            return b.finish(self.cont_value(Operand::atom("ok"), env, k, span));
        };
        for e in init {
            self.value(&mut b, e, env);
        }
        self.tail(b, last, env, k)
    }

    pub(crate) fn seq_value(&mut self, b: &mut Block, es: &[ast::Expr], env: &mut Env) -> Operand {
        let mut v = Operand::atom("ok");
        for e in es {
            v = self.value(b, e, env);
        }
        v
    }

    fn is_branching(e: &ast::Expr) -> bool {
        matches!(
            &e.kind,
            ExprKind::Case(..)
                | ExprKind::If(_)
                | ExprKind::Receive { .. }
                | ExprKind::Try(_)
                | ExprKind::Catch(_)
                | ExprKind::BinOp(BinOp::Andalso | BinOp::Orelse, _, _)
        )
    }

    /// Lower `e` in tail position of continuation `k`, after the statements in `b`.
    pub(crate) fn tail(&mut self, mut b: Block, e: &ast::Expr, env: &mut Env, k: &Cont) -> Expr {
        match &e.kind {
            ExprKind::Block(es) => self.seq_tail(b, es, env, k, e.span),
            ExprKind::Case(scrut, clauses) => {
                let s = self.value(&mut b, scrut, env);
                let s = self.ensure_var(&mut b, s);
                let loc = self.loc(e.span);
                let fail = Expr::Fail {
                    reason: FailReason::CaseClause(Operand::Var(s)),
                    loc,
                };
                let cs: Vec<&ast::Clause> = clauses.iter().collect();
                let tree = self.lower_clauses(vec![s], &cs, env, false, fail, k, None);
                b.finish(tree)
            }
            ExprKind::If(clauses) => {
                let loc = self.loc(e.span);
                let fail = Expr::Fail {
                    reason: FailReason::IfClause,
                    loc,
                };
                let cs: Vec<&ast::Clause> = clauses.iter().collect();
                let tree = self.lower_clauses(vec![], &cs, env, false, fail, k, None);
                b.finish(tree)
            }
            ExprKind::Receive { clauses, after } => {
                self.lower_receive(b, clauses, after.as_ref(), env, k, e.span)
            }
            ExprKind::Try(t) => self.lower_try(b, t, env, k, e.span),
            ExprKind::Catch(inner) => self.lower_catch(b, inner, env, k, e.span),
            ExprKind::BinOp(op @ (BinOp::Andalso | BinOp::Orelse), l, r) => {
                let lv = self.value(&mut b, l, env);
                let lv = self.ensure_var(&mut b, lv);
                let loc = self.loc(e.span);
                let mut env_r = env.clone();
                let right = self.tail(Block::new(), r, &mut env_r, k);
                let (short_val, right_on) = if *op == BinOp::Andalso {
                    (false, true)
                } else {
                    (true, false)
                };
                let short = self.cont_value(Operand::Lit(Literal::bool(short_val)), env, k, e.span);
                let cases = vec![
                    (Con::Lit(Literal::bool(right_on)), right),
                    (Con::Lit(Literal::bool(short_val)), short),
                ];
                b.finish(Expr::Switch {
                    on: lv,
                    cases,
                    default: Box::new(Expr::Fail {
                        reason: FailReason::BadargValue(Operand::Var(lv)),
                        loc,
                    }),
                })
            }
            ExprKind::ListComp(..) | ExprKind::BinaryComp(..) | ExprKind::MapComp(..) => {
                let call = self.comp_of(e, env);
                self.finish_call(b, call, env, k, e.span)
            }
            ExprKind::Call(f, args) => match self.lower_call(&mut b, f, args, env, e.span) {
                // BEAM names the caller as process_info's current_function even when the
                // call is the caller's last: keep its frame (a call, then a return).
                CallResult::Call(call) if matches!(k, Cont::Return) && is_process_info(&call) => {
                    let v = self.new_var(None);
                    b.stmts.push(Stmt::Call(v, call));
                    b.finish(Expr::Return(Operand::Var(v)))
                }
                CallResult::Call(call) => match k {
                    Cont::Return => b.finish(Expr::TailCall(call)),
                    Cont::Jump(..) => {
                        let v = self.new_var(None);
                        b.stmts.push(Stmt::Call(v, call));
                        let t = self.cont_value(Operand::Var(v), env, k, e.span);
                        b.finish(t)
                    }
                },
                CallResult::Value(v) => {
                    let t = self.cont_value(v, env, k, e.span);
                    b.finish(t)
                }
            },
            _ => {
                let v = self.value(&mut b, e, env);
                let t = self.cont_value(v, env, k, e.span);
                b.finish(t)
            }
        }
    }

    /// Lower `e` for its value, appending statements to `b`.
    pub(crate) fn value(&mut self, b: &mut Block, e: &ast::Expr, env: &mut Env) -> Operand {
        if Self::is_branching(e) {
            return self.branching_value(b, e, env);
        }
        if let Some(l) = crate::literal::constant(e) {
            return Operand::Lit(l);
        }
        let loc = self.loc(e.span);
        match &e.kind {
            ExprKind::Var(n) => {
                if let Some(o) = env.get(n) {
                    return o.clone();
                }
                if let Some((sn, fid, free)) = self.fb.self_fun.clone() {
                    if sn == *n {
                        let free = free.into_iter().map(Operand::Var).collect();
                        return self.let_prim(b, Prim::MakeFun { fun_id: fid, free }, loc);
                    }
                }
                self.lookup(env, n, e.span)
            }
            ExprKind::Atom(a) => Operand::Lit(Literal::Atom(a.clone())),
            ExprKind::Integer(i) => Operand::Lit(Literal::Int(i.to_bigint())),
            ExprKind::Float(f) => Operand::Lit(Literal::Float(*f)),
            ExprKind::Char(c) => Operand::Lit(Literal::int(*c as i64)),
            ExprKind::String(s) => Operand::Lit(crate::literal::string(s)),
            ExprKind::Nil => Operand::Lit(Literal::Nil),
            ExprKind::Cons(..) => {
                // Iterative along the tail (long list expressions must not recurse deeply).
                let mut heads = Vec::new();
                let mut cur = e;
                while let ExprKind::Cons(h, t) = &cur.kind {
                    heads.push(self.value(b, h, env));
                    cur = t;
                }
                let mut acc = self.value(b, cur, env);
                for h in heads.into_iter().rev() {
                    acc = match (h, acc) {
                        (Operand::Lit(h), Operand::Lit(t)) => {
                            Operand::Lit(crate::literal::cons(h, t))
                        }
                        (h, t) => self.let_prim(b, Prim::Cons(h, t), loc),
                    };
                }
                acc
            }
            ExprKind::Tuple(es) => {
                let ops: Vec<Operand> = es.iter().map(|x| self.value(b, x, env)).collect();
                if ops.iter().all(|o| matches!(o, Operand::Lit(_))) {
                    let lits = ops
                        .into_iter()
                        .filter_map(|o| {
                            if let Operand::Lit(l) = o {
                                Some(l)
                            } else {
                                None
                            }
                        })
                        .collect();
                    return Operand::Lit(Literal::Tuple(lits));
                }
                self.let_prim(b, Prim::Tuple(ops), loc)
            }
            ExprKind::Map(None, fields) => {
                let mut kvs = Vec::new();
                for f in fields {
                    let k = self.value(b, &f.key, env);
                    let v = self.value(b, &f.value, env);
                    kvs.push((k, v));
                }
                self.let_prim(b, Prim::MapNew(kvs), loc)
            }
            ExprKind::Map(Some(base), fields) => {
                let m = self.value(b, base, env);
                let mut ops = Vec::new();
                for f in fields {
                    let k = self.value(b, &f.key, env);
                    let v = self.value(b, &f.value, env);
                    let kind = if f.op == ast::MapOp::Assoc {
                        MapOpKind::Assoc
                    } else {
                        MapOpKind::Exact
                    };
                    ops.push((kind, k, v));
                }
                self.let_prim(b, Prim::MapUpdate { map: m, ops }, loc)
            }
            ExprKind::Binary(elems) => {
                let segs = self.bin_segments(b, elems, env, false);
                self.let_prim(b, Prim::BinBuild(segs), loc)
            }
            ExprKind::Match(p, rhs) => {
                let v = self.value(b, rhs, env);
                // the value of `P = E` is E's value
                self.match_value(b, p, v.clone(), env, e.span);
                v
            }
            ExprKind::BinOp(op, l, r) => {
                let lv = self.value(b, l, env);
                let rv = self.value(b, r, env);
                let name = if *op == BinOp::Send { "!" } else { op.as_str() };
                self.let_prim(b, Self::bif("erlang", name, vec![lv, rv]), loc)
            }
            ExprKind::UnOp(op, x) => {
                let xv = self.value(b, x, env);
                let name = match op {
                    UnOp::Plus => "+",
                    UnOp::Minus => "-",
                    UnOp::Bnot => "bnot",
                    UnOp::Not => "not",
                };
                self.let_prim(b, Self::bif("erlang", name, vec![xv]), loc)
            }
            ExprKind::Call(f, args) => match self.lower_call(b, f, args, env, e.span) {
                CallResult::Value(v) => v,
                CallResult::Call(call) => {
                    let v = self.new_var(None);
                    b.stmts.push(Stmt::Call(v, call));
                    Operand::Var(v)
                }
            },
            ExprKind::Block(es) => self.seq_value(b, es, env),
            ExprKind::Fun(f) => self.lower_fun_expr(b, f, env, e.span),
            ExprKind::ListComp(..) | ExprKind::BinaryComp(..) | ExprKind::MapComp(..) => {
                let call = self.comp_of(e, env);
                let v = self.new_var(None);
                b.stmts.push(Stmt::Call(v, call));
                Operand::Var(v)
            }
            ExprKind::Record { .. }
            | ExprKind::RecordIndex { .. }
            | ExprKind::RecordAccess { .. } => {
                self.diags.push(internal(
                    e.span,
                    "record expression left after record expansion",
                ));
                Operand::atom("undefined")
            }
            ExprKind::Remote(..) => {
                self.diags.push(internal(e.span, "`M:F` outside a call"));
                Operand::atom("undefined")
            }
            ExprKind::Error => {
                self.diags.push(internal(e.span, "erroneous expression"));
                Operand::atom("undefined")
            }
            ExprKind::Case(..)
            | ExprKind::If(_)
            | ExprKind::Receive { .. }
            | ExprKind::Try(_)
            | ExprKind::Catch(_) => self.branching_value(b, e, env),
        }
    }

    fn comp_of(&mut self, e: &ast::Expr, env: &Env) -> Call {
        match &e.kind {
            ExprKind::ListComp(t, qs) => self.comp_call(CompKind::List(t), qs, env, e.span),
            ExprKind::BinaryComp(t, qs) => self.comp_call(CompKind::Bin(t), qs, env, e.span),
            ExprKind::MapComp(k, v, qs) => self.comp_call(CompKind::Map(k, v), qs, env, e.span),
            _ => {
                let loc = self.loc(e.span);
                self.diags.push(internal(e.span, "not a comprehension"));
                Call {
                    callee: Callee::Apply {
                        fun: Operand::atom("undefined"),
                    },
                    args: vec![],
                    loc,
                }
            }
        }
    }

    fn finish_call(&mut self, mut b: Block, call: Call, env: &Env, k: &Cont, span: Span) -> Expr {
        match k {
            Cont::Return => b.finish(Expr::TailCall(call)),
            Cont::Jump(..) => {
                let v = self.new_var(None);
                b.stmts.push(Stmt::Call(v, call));
                let t = self.cont_value(Operand::Var(v), env, k, span);
                b.finish(t)
            }
        }
    }

    /// A branching construct in value position: its branches jump to a fresh join point
    /// whose body is the rest of the block, with the variables the construct exports.
    fn branching_value(&mut self, b: &mut Block, e: &ast::Expr, env: &mut Env) -> Operand {
        let names: Vec<Name> = analysis::binds(e)
            .into_iter()
            .filter(|n| !env.contains_key(n))
            .collect();
        let j = self.new_join();
        let r = self.new_var(None);
        let mut params = vec![r];
        for n in &names {
            params.push(self.new_var(Some(n)));
        }
        let mut env2 = env.clone();
        let tree = self.tail(
            Block::new(),
            e,
            &mut env2,
            &Cont::Jump(j, Rc::new(names.clone())),
        );
        for (n, p) in names.iter().zip(&params[1..]) {
            env.insert(n.clone(), Operand::Var(*p));
        }
        b.stmts.push(Stmt::Join {
            join: j,
            params,
            tree,
        });
        Operand::Var(r)
    }

    /// `P = V` in a body: bind P's variables in `env` or raise `{badmatch, V}`.
    pub(crate) fn match_value(
        &mut self,
        b: &mut Block,
        p: &ast::Expr,
        v: Operand,
        env: &mut Env,
        span: Span,
    ) {
        if let ExprKind::Var(n) = &p.kind {
            if &**n == "_" {
                return;
            }
            if !env.contains_key(n) {
                env.insert(n.clone(), v);
                return;
            }
        }
        let sv = self.ensure_var(b, v);
        let mut names = BTreeSet::new();
        analysis::pattern_vars(p, &mut names);
        let names: Vec<Name> = names.into_iter().filter(|n| !env.contains_key(n)).collect();
        let j = self.new_join();
        let loc = self.loc(span);
        let fail = Expr::Fail {
            reason: FailReason::Badmatch(Operand::Var(sv)),
            loc,
        };
        let no_guards: Vec<Vec<ast::Expr>> = Vec::new();
        let heads = [crate::matching::Head {
            pats: vec![p],
            guards: &no_guards,
            span,
        }];
        let tree = self.match_tree(vec![sv], &heads, &[(j, names.clone())], env, false, fail);
        let params: Vec<Var> = names.iter().map(|n| self.new_var(Some(n))).collect();
        for (n, pv) in names.iter().zip(&params) {
            env.insert(n.clone(), Operand::Var(*pv));
        }
        b.stmts.push(Stmt::Join {
            join: j,
            params,
            tree,
        });
    }

    // -----------------------------------------------------------------------------------
    // Calls.

    fn lower_call(
        &mut self,
        b: &mut Block,
        f: &ast::Expr,
        args: &[ast::Expr],
        env: &mut Env,
        span: Span,
    ) -> CallResult {
        let loc = self.loc(span);
        let arity = args.len() as u32;
        match &f.kind {
            ExprKind::Atom(name) => {
                // apply/2,3 with a list of known length become direct calls.
                if (&**name == "apply") && !self.locals.contains_key(&(name.clone(), arity)) {
                    if let Some(r) = self.lower_apply(b, args, env, loc) {
                        return r;
                    }
                }
                let argv: Vec<Operand> = args.iter().map(|a| self.value(b, a, env)).collect();
                if let Some(id) = self.locals.get(&(name.clone(), arity)).copied() {
                    return CallResult::Call(Call {
                        callee: Callee::Local {
                            fun_id: id,
                            name: name.clone(),
                            arity,
                        },
                        args: argv,
                        loc,
                    });
                }
                if let Some(m) = self.imports.get(&(name.clone(), arity)).cloned() {
                    return CallResult::Call(Call {
                        callee: Callee::Remote {
                            module: Operand::Lit(Literal::Atom(m)),
                            function: Operand::Lit(Literal::Atom(name.clone())),
                        },
                        args: argv,
                        loc,
                    });
                }
                if bifs::is_auto_imported(name, arity)
                    && !self.no_auto_import.contains(&(name.clone(), arity))
                {
                    return self.erlang_call(b, name, argv, loc);
                }
                // Undefined: sema reports it; at run time this raises `undef`.
                let m = self.module.clone();
                CallResult::Call(Call {
                    callee: Callee::Remote {
                        module: Operand::Lit(Literal::Atom(m)),
                        function: Operand::Lit(Literal::Atom(name.clone())),
                    },
                    args: argv,
                    loc,
                })
            }
            ExprKind::Remote(m, fname) => {
                if let (ExprKind::Atom(ma), ExprKind::Atom(fa)) = (&m.kind, &fname.kind) {
                    if &**ma == "erlang" && &**fa == "apply" {
                        if let Some(r) = self.lower_apply(b, args, env, loc) {
                            return r;
                        }
                    }
                }
                let mv = self.value(b, m, env);
                let fv = self.value(b, fname, env);
                let argv: Vec<Operand> = args.iter().map(|a| self.value(b, a, env)).collect();
                if let (Operand::Lit(Literal::Atom(ma)), Operand::Lit(Literal::Atom(fa))) =
                    (&mv, &fv)
                {
                    if &**ma == "erlang" {
                        let fa = fa.clone();
                        return self.erlang_call(b, &fa, argv, loc);
                    }
                }
                CallResult::Call(Call {
                    callee: Callee::Remote {
                        module: mv,
                        function: fv,
                    },
                    args: argv,
                    loc,
                })
            }
            ExprKind::Var(n)
                if !env.contains_key(n)
                    && self.fb.self_fun.as_ref().is_some_and(|(sn, _, _)| sn == n) =>
            {
                let (_, fid, free) = self
                    .fb
                    .self_fun
                    .clone()
                    .unwrap_or_else(|| (n.clone(), FunId(0), vec![]));
                let mut argv: Vec<Operand> = args.iter().map(|a| self.value(b, a, env)).collect();
                argv.extend(free.into_iter().map(Operand::Var));
                let name = self.functions_name(fid);
                CallResult::Call(Call {
                    callee: Callee::Local {
                        fun_id: fid,
                        name,
                        arity,
                    },
                    args: argv,
                    loc,
                })
            }
            _ => {
                let fv = self.value(b, f, env);
                let argv: Vec<Operand> = args.iter().map(|a| self.value(b, a, env)).collect();
                CallResult::Call(Call {
                    callee: Callee::Apply { fun: fv },
                    args: argv,
                    loc,
                })
            }
        }
    }

    fn functions_name(&self, id: FunId) -> Atom {
        self.lambda_names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| Arc::from("-fun-"))
    }

    fn erlang_call(
        &mut self,
        b: &mut Block,
        name: &Atom,
        argv: Vec<Operand>,
        loc: Loc,
    ) -> CallResult {
        let arity = argv.len() as u32;
        if bifs::is_prim_bif(name, arity) {
            let prim = Prim::Bif {
                module: Arc::from("erlang"),
                name: name.clone(),
                args: argv,
            };
            return CallResult::Value(self.let_prim(b, prim, loc));
        }
        CallResult::Call(Call {
            callee: Callee::Remote {
                module: Operand::atom("erlang"),
                function: Operand::Lit(Literal::Atom(name.clone())),
            },
            args: argv,
            loc,
        })
    }

    /// `apply(F, [A1..An])` / `apply(M, F, [A1..An])` with a list of known length.
    fn lower_apply(
        &mut self,
        b: &mut Block,
        args: &[ast::Expr],
        env: &mut Env,
        loc: Loc,
    ) -> Option<CallResult> {
        let list = args.last()?;
        let mut elems = Vec::new();
        let mut cur = list;
        loop {
            match &cur.kind {
                ExprKind::Nil => break,
                ExprKind::Cons(h, t) => {
                    elems.push(&**h);
                    cur = t;
                }
                ExprKind::String(s) if s.is_empty() => break,
                _ => return None,
            }
        }
        match args.len() {
            2 => {
                let fv = self.value(b, &args[0], env);
                let argv = elems.iter().map(|a| self.value(b, a, env)).collect();
                Some(CallResult::Call(Call {
                    callee: Callee::Apply { fun: fv },
                    args: argv,
                    loc,
                }))
            }
            3 => {
                let mv = self.value(b, &args[0], env);
                let fv = self.value(b, &args[1], env);
                let argv = elems.iter().map(|a| self.value(b, a, env)).collect();
                Some(CallResult::Call(Call {
                    callee: Callee::Remote {
                        module: mv,
                        function: fv,
                    },
                    args: argv,
                    loc,
                }))
            }
            _ => None,
        }
    }
}

pub(crate) enum CallResult {
    /// A real call (tail or not is decided by the caller).
    Call(Call),
    /// A primop BIF, already bound.
    Value(Operand),
}

fn collect_no_auto_import(value: &ast::Expr, out: &mut HashSet<(Name, u32)>) {
    // -compile({no_auto_import, [f/1, ...]}) or a list of such options.
    match &value.kind {
        ExprKind::Cons(h, t) => {
            collect_no_auto_import(h, out);
            collect_no_auto_import(t, out);
        }
        ExprKind::Tuple(es) if es.len() == 2 => {
            if let ExprKind::Atom(a) = &es[0].kind {
                if &**a == "no_auto_import" {
                    let mut cur = &es[1];
                    while let ExprKind::Cons(h, t) = &cur.kind {
                        if let ExprKind::BinOp(BinOp::FDiv, n, a) = &h.kind {
                            if let (ExprKind::Atom(n), ExprKind::Integer(a)) = (&n.kind, &a.kind) {
                                out.insert((n.clone(), a.as_i64().unwrap_or(-1) as u32));
                            }
                        }
                        cur = t;
                    }
                }
            }
        }
        _ => {}
    }
}

pub(crate) enum CompKind<'e> {
    List(&'e ast::Expr),
    Bin(&'e ast::Expr),
    Map(&'e ast::Expr, &'e ast::Expr),
}

/// A call of `erlang:process_info/1,2` (named literally).
fn is_process_info(c: &Call) -> bool {
    matches!(
        &c.callee,
        Callee::Remote {
            module: Operand::Lit(Literal::Atom(m)),
            function: Operand::Lit(Literal::Atom(f)),
        } if &**m == "erlang" && &**f == "process_info" && (1..=2).contains(&c.args.len())
    )
}
