//! Translation of one IR function into Cranelift functions ("units"): the entry, one
//! continuation per non-tail call, one handler per `try`, and an out-of-line function per
//! join point that is jumped to across units. Join points used within one unit are blocks.
//!
//! Owns: the execution model of `docs/runtime-abi.md` (frames, reductions, heap checks,
//! raise paths) at instruction level. Must not: panic (unsupported IR is `E0501`), keep a
//! term in a Cranelift value across `ferl_rt_gc` unless it is an IR variable that is
//! reloaded (every live IR variable is spilled to the x-registers and reloaded).

use crate::data::{self, LitValue, Word};
use crate::floats::{self, FloatInfo};
use crate::{erlang_signature, module_err, unsupported, ModuleCx};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    types, Block, BlockArg, FuncRef, GlobalValue, InstBuilder, MemFlagsData, SigRef, Value,
};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use cranelift_module::{DataId, FuncId, Linkage, Module};
use ferl_diagnostics::Diagnostic;
use ferl_ir::ir::{
    self, Callee, CmpOp, Con, Expr, FailReason, FunId, JoinId, Literal, Operand, Prim, Test,
    TypeTest, Var,
};
use ferl_runtime::process::{frame, frame_marker, offsets, MAX_XREGS};
use ferl_runtime::term::{make_header, sub};
use std::collections::{BTreeSet, HashMap};

mod cse;
mod fblock;
mod native;
mod raise;
mod spec;
pub(crate) use native::{native_candidate, plan as plan_native, NativeFn};
use raise::Pending;

type R<T> = Result<T, Diagnostic>;

const I64: types::Type = types::I64;
const NIL: i64 = 0x3B;
const NON_VALUE: i64 = 0x2B;
/// The runtime's entry point of `erlang:'++'/2` (inline in native clones).
const APPEND_SYM: &str = "ferl_bif_erlang__2B_2B_2";
const TRUE: i64 = (1 << 6) | 0x0B;
const FALSE: i64 = 0x0B;
/// Header of a boxed float (one f64 word follows).
const FLOAT_HEADER: u64 = make_header(sub::FLOAT, 1);

fn mf() -> MemFlagsData {
    MemFlagsData::trusted()
}

#[derive(Clone, Debug)]
struct FnJoin {
    id: FuncId,
    extra: Vec<Var>,
    depth: usize,
}

#[derive(Clone, Debug)]
enum UnitKind {
    Entry {
        params: Vec<Var>,
    },
    Cont {
        result: Var,
        slots: Vec<Var>,
    },
    Handler {
        class: Var,
        reason: Var,
        trace: Var,
        slots: Vec<Var>,
    },
}

struct Unit<'m> {
    id: FuncId,
    kind: UnitKind,
    body: &'m Expr,
    fjoins: HashMap<JoinId, FnJoin>,
    tries: Vec<usize>,
}

/// Per-IR-function analysis shared by its units.
struct FnInfo {
    /// Variables a jump to the join needs besides its arguments (transitively).
    join_needs: HashMap<JoinId, BTreeSet<Var>>,
    /// Joins compiled as functions of their own: loops, joins jumped to from another unit
    /// (continuation, handler, receive retry), and joins jumped to from the body of a join
    /// that is itself a function (a fixpoint).
    fn_joins: std::collections::HashSet<JoinId>,
}

/// The joins of `body` that must be functions (see `FnInfo::fn_joins`).
fn function_joins(body: &Expr) -> std::collections::HashSet<JoinId> {
    // (join, must be a function on its own, joins jumped to from its body)
    let mut joins: Vec<(JoinId, bool, BTreeSet<JoinId>)> = Vec::new();
    body.visit(&mut |x| {
        if let Expr::LetJoin {
            join,
            recursive,
            join_body,
            body,
            ..
        } = x
        {
            let mut targets = BTreeSet::new();
            join_body.visit(&mut |y| {
                if let Expr::Jump(k, _) = y {
                    targets.insert(*k);
                }
            });
            joins.push((*join, *recursive || crosses_unit(body, *join), targets));
        }
    });
    let mut set: std::collections::HashSet<JoinId> = joins
        .iter()
        .filter(|(_, f, _)| *f)
        .map(|(j, ..)| *j)
        .collect();
    loop {
        let before = set.len();
        for (k, _, targets) in &joins {
            if set.contains(k) {
                set.extend(targets.iter().copied());
            }
        }
        if set.len() == before {
            return set;
        }
    }
}

fn jump_targets_outside(e: &Expr) -> BTreeSet<JoinId> {
    let mut jumps = BTreeSet::new();
    let mut defs = BTreeSet::new();
    e.visit(&mut |x| match x {
        Expr::Jump(j, _) => {
            jumps.insert(*j);
        }
        Expr::LetJoin { join, .. } => {
            defs.insert(*join);
        }
        _ => {}
    });
    jumps.difference(&defs).copied().collect()
}

/// Pre-order list of the join points defined in `e`.
fn collect_joins<'e>(e: &'e Expr, out: &mut Vec<(JoinId, Vec<Var>, &'e Expr)>) {
    match e {
        Expr::Let { body, .. } | Expr::Do { body, .. } | Expr::LetCall { body, .. } => {
            collect_joins(body, out)
        }
        Expr::TailCall(_) | Expr::Return(_) | Expr::Jump(..) | Expr::Fail { .. } => {}
        Expr::LetJoin {
            join,
            params,
            join_body,
            body,
            ..
        } => {
            out.push((*join, params.clone(), join_body));
            collect_joins(join_body, out);
            collect_joins(body, out);
        }
        Expr::If { then, else_, .. } => {
            collect_joins(then, out);
            collect_joins(else_, out);
        }
        Expr::Switch { cases, default, .. } => {
            for (_, c) in cases {
                collect_joins(c, out);
            }
            collect_joins(default, out);
        }
        Expr::Try { body, handler, .. } => {
            collect_joins(body, out);
            collect_joins(handler, out);
        }
        Expr::RecvPeek { got, empty, .. } => {
            collect_joins(got, out);
            collect_joins(empty, out);
        }
        Expr::RecvWait { timeout, retry, .. } => {
            if let Some((_, a)) = timeout {
                collect_joins(a, out);
            }
            collect_joins(retry, out);
        }
    }
}

impl FnInfo {
    fn new(body: &Expr) -> FnInfo {
        let mut info = FnInfo {
            join_needs: HashMap::new(),
            fn_joins: function_joins(body),
        };
        let mut order = Vec::new();
        collect_joins(body, &mut order);
        // Pre-order: enclosing joins come first.
        for (j, params, jb) in order {
            let mut s = jb.free_vars();
            for k in jump_targets_outside(jb) {
                if k != j {
                    if let Some(n) = info.join_needs.get(&k) {
                        s.extend(n.iter().copied());
                    }
                }
            }
            for p in &params {
                s.remove(p);
            }
            info.join_needs.insert(j, s);
        }
        info
    }
    /// Variables live at the start of `e` (its free variables plus what the joins it jumps
    /// to need).
    fn needs(&self, e: &Expr) -> BTreeSet<Var> {
        let mut s = e.free_vars();
        for k in jump_targets_outside(e) {
            if let Some(n) = self.join_needs.get(&k) {
                s.extend(n.iter().copied());
            }
        }
        s
    }
}

/// Does a jump to `j` occur inside a unit boundary (continuation, handler, receive) of `e`.
fn crosses_unit(e: &Expr, j: JoinId) -> bool {
    let mut found = false;
    e.visit(&mut |x| {
        let inner: Vec<&Expr> = match x {
            Expr::LetCall { body, .. } => vec![body],
            Expr::Try { handler, .. } => vec![handler],
            Expr::RecvWait { timeout, retry, .. } => {
                let mut v: Vec<&Expr> = vec![retry];
                if let Some((_, a)) = timeout {
                    v.push(a);
                }
                v
            }
            _ => vec![],
        };
        for i in inner {
            if i.count_jumps(j) > 0 {
                found = true;
            }
        }
    });
    found
}

/// Compile IR function `fun` (all its units) into `module`.
pub fn compile_function(module: &mut dyn Module, cx: &mut ModuleCx, fun: FunId) -> R<()> {
    let ir = cx.ir;
    let f = ir
        .function(fun)
        .ok_or_else(|| unsupported("unknown function id"))?;
    if f.params.len() > MAX_XREGS {
        return Err(unsupported("function with more than 256 parameters"));
    }
    let info = FnInfo::new(&f.body);
    let mut fl = floats::analyse(f, &cx.floats, fun, &inline_call, &|j| {
        !info.fn_joins.contains(&j)
    });
    fl.same = cse::repeats(&f.body, &fl);
    let nat = cx.native.get(fun.0 as usize).copied().flatten();
    let entry_id = nat.map_or(cx.funcs[fun.0 as usize], |n| n.slow);
    cx.rec_conts.clear();
    cx.rec_joins.clear();
    let mut work = vec![Unit {
        id: entry_id,
        kind: UnitKind::Entry {
            params: f.params.clone(),
        },
        body: &f.body,
        fjoins: HashMap::new(),
        tries: Vec::new(),
    }];
    let mut fbc = FunctionBuilderContext::new();
    let fc = module.isa().frontend_config();
    let mut ctx = module.make_context();
    while let Some(unit) = work.pop() {
        ctx.func.signature = erlang_signature();
        let id = unit.id;
        {
            let b = FunctionBuilder::new(&mut ctx.func, &mut fbc);
            let mut t = Tx::new(&mut *module, &mut *cx, b, fun, (&info, &fl), entry_id, None);
            t.fjoins = unit.fjoins.clone();
            t.tries = unit.tries.clone();
            t.unit(&unit).map_err(|mut d| {
                d.message = format!("{} (in {}/{})", d.message, f.name, f.arity);
                d
            })?;
            let new = std::mem::take(&mut t.work);
            t.b.seal_all_blocks();
            t.b.finalize(fc);
            work.extend(new);
        }
        module.define_function(id, &mut ctx).map_err(|e| {
            unsupported(format!(
                "internal code generator error in {}: {e:?}",
                f.name
            ))
        })?;
        module.clear_context(&mut ctx);
    }
    if let Some(n) = nat {
        native::emit_stub(module, cx, fun)?;
        ctx.func.signature = native::native_signature(f.params.len());
        {
            let b = FunctionBuilder::new(&mut ctx.func, &mut fbc);
            let nat = native::NatState {
                vstop: unreachable_value(),
                regions: Vec::new(),
                cur: 0,
                bails: Vec::new(),
                reserve: n.reserve,
                htop: None,
                nlim: unreachable_value(),
                loop_small: Vec::new(),
                last_end: None,
                undo: Vec::new(),
            };
            let mut t = Tx::new(
                &mut *module,
                &mut *cx,
                b,
                fun,
                (&info, &fl),
                entry_id,
                Some(nat),
            );
            t.native_body(&f.params, n.slow, &f.body).map_err(|mut d| {
                d.message = format!(
                    "{} (in the native clone of {}/{})",
                    d.message, f.name, f.arity
                );
                d
            })?;
            t.b.seal_all_blocks();
            t.b.finalize(fc);
        }
        module.define_function(n.clone, &mut ctx).map_err(|e| {
            unsupported(format!(
                "internal code generator error in the native clone of {}: {e:?}",
                f.name
            ))
        })?;
        module.clear_context(&mut ctx);
    }
    Ok(())
}

/// The glue's resume stub (declared on first use).
fn resume_fn(module: &mut dyn Module, cx: &mut ModuleCx) -> R<FuncId> {
    match cx.resume_fn {
        Some(id) => Ok(id),
        None => {
            let id = module
                .declare_function(crate::RESUME_SYMBOL, Linkage::Import, &erlang_signature())
                .map_err(module_err)?;
            cx.resume_fn = Some(id);
            Ok(id)
        }
    }
}

struct BlockJoin {
    block: Block,
    depth: usize,
    /// In a clone: which parameters every jump so far passed a known small integer
    /// (a non-recursive join's jumps are all translated before its body).
    small: Vec<bool>,
    /// In a clone, a loop's counters (`native::counters`): every jump makes them small
    /// integers (tests those it does not know, bailing out), so the loop knows them.
    counters: Vec<native::Counter>,
    /// The join's body is being translated: a jump to it now is a back edge (before, an
    /// entry, which checks the `Down`/`Up` counters' room: `native_counters_enter`).
    entered: bool,
    /// In a clone, the loop's fresh accumulator (`native::fresh_accumulator`: index and
    /// variable). Its first cell travels as an extra block parameter (`first`, set at the
    /// header): every back edge passes the new cell when the accumulator was `[]`.
    acc: Option<(usize, Var)>,
    first: Option<Value>,
}

struct Tx<'a, 'm, 'f> {
    module: &'a mut dyn Module,
    cx: &'a mut ModuleCx<'m>,
    b: FunctionBuilder<'f>,
    fun: FunId,
    info: &'a FnInfo,
    /// Which variables are statically floats / kept unboxed (`floats`).
    fl: &'a FloatInfo,
    vars: HashMap<Var, Variable>,
    /// The f64 of each unboxed float variable.
    fvars: HashMap<Var, Variable>,
    /// The variable the primop being translated binds (for unboxed float results).
    dest: Option<Var>,
    /// In the function's own entry unit: the loop header that a self tail call jumps to
    /// (its parameters: the arguments, then the reductions left).
    self_loop: Option<Block>,
    p: Option<Value>,
    reds: Option<Variable>,
    funcs: HashMap<FuncId, FuncRef>,
    datas: HashMap<DataId, GlobalValue>,
    sig: Option<SigRef>,
    /// Cold blocks of this unit's raise sites (filled by `finish_raise_block`).
    raise_sites: Vec<(Block, Option<Pending>)>,
    /// The stack-trace site of the statement being translated.
    cur_site: Option<Pending>,
    blocks: HashMap<JoinId, BlockJoin>,
    fjoins: HashMap<JoinId, FnJoin>,
    tries: Vec<usize>,
    work: Vec<Unit<'m>>,
    /// The unit holding the function's own body (its public symbol, or the ordinary
    /// entry behind the stub of a function with a native clone).
    entry_id: FuncId,
    /// Translating a native clone (`native`).
    nat: Option<native::NatState>,
    /// Translating the fast path of a speculative run (`spec`): where it bails out.
    spec: Option<Block>,
    /// What the fast paths of a clone or a speculative run know (`native::Facts`).
    facts: native::Facts,
    /// Counts the points emitted so far where a collection may move terms (heap checks,
    /// runtime calls): a value loaded at the same count is still valid.
    gc_epoch: u32,
    /// `v -> (t, offset, gc_epoch)`: `v` was loaded from tuple variable `t` at that
    /// offset (`get_element`), at that count (float blocks load it again from `t`).
    elem_src: HashMap<Var, (Var, i32, u32)>,
}

impl<'a, 'm, 'f> Tx<'a, 'm, 'f> {
    fn new(
        module: &'a mut dyn Module,
        cx: &'a mut ModuleCx<'m>,
        b: FunctionBuilder<'f>,
        fun: FunId,
        (info, fl): (&'a FnInfo, &'a FloatInfo),
        entry_id: FuncId,
        nat: Option<native::NatState>,
    ) -> Self {
        Tx {
            module,
            cx,
            b,
            fun,
            info,
            fl,
            vars: HashMap::new(),
            fvars: HashMap::new(),
            dest: None,
            self_loop: None,
            p: None,
            reds: None,
            funcs: HashMap::new(),
            datas: HashMap::new(),
            sig: None,
            raise_sites: Vec::new(),
            cur_site: None,
            blocks: HashMap::new(),
            fjoins: HashMap::new(),
            tries: Vec::new(),
            work: Vec::new(),
            entry_id,
            nat,
            spec: None,
            facts: native::Facts::default(),
            gc_epoch: 0,
            elem_src: HashMap::new(),
        }
    }

    fn p(&self) -> Value {
        self.p.unwrap_or_else(|| unreachable_value())
    }
    fn var(&mut self, v: Var) -> Variable {
        if let Some(x) = self.vars.get(&v) {
            return *x;
        }
        let x = self.b.declare_var(I64);
        self.vars.insert(v, x);
        x
    }
    fn def(&mut self, v: Var, val: Value) {
        let x = self.var(v);
        self.b.def_var(x, val);
    }
    fn use_(&mut self, v: Var) -> Value {
        let x = self.var(v);
        self.b.use_var(x)
    }
    fn reds(&mut self) -> Value {
        match self.reds {
            Some(r) => self.b.use_var(r),
            None => self.b.ins().iconst(I64, 0),
        }
    }
    fn iconst(&mut self, v: i64) -> Value {
        self.b.ins().iconst(I64, v)
    }
    fn load(&mut self, base: Value, off: i32) -> Value {
        self.b.ins().load(I64, mf(), base, off)
    }
    fn store(&mut self, v: Value, base: Value, off: i32) {
        self.b.ins().store(mf(), v, base, off);
    }
    fn xregs(&mut self) -> Value {
        let p = self.p();
        self.load(p, offsets::XREGS as i32)
    }
    fn func_ref(&mut self, id: FuncId) -> FuncRef {
        if let Some(r) = self.funcs.get(&id) {
            return *r;
        }
        let r = self.module.declare_func_in_func(id, self.b.func);
        self.funcs.insert(id, r);
        r
    }
    fn data_addr(&mut self, id: DataId) -> Value {
        let gv = match self.datas.get(&id) {
            Some(g) => *g,
            None => {
                let g = self.module.declare_data_in_func(id, self.b.func);
                self.datas.insert(id, g);
                g
            }
        };
        self.b.ins().symbol_value(I64, gv)
    }
    fn sig(&mut self) -> SigRef {
        if let Some(s) = self.sig {
            return s;
        }
        let s = self.b.import_signature(erlang_signature());
        self.sig = Some(s);
        s
    }
    /// A map from alternating keys and values: they go to the x-registers and the runtime
    /// builds the map (sorting the keys). The caller checks the x-register limit.
    fn map_new(&mut self, keys_and_values: &[Value]) -> R<Value> {
        let xr = self.xregs();
        for (i, v) in keys_and_values.iter().enumerate() {
            self.store(*v, xr, (i * 8) as i32);
        }
        let p = self.p();
        let n = self.iconst((keys_and_values.len() / 2) as i64);
        self.rt("ferl_rt_map_new", &[p, n])
    }

    /// `m` updated by `ops` in order (`=>` or `:=`), through the runtime, at most 85
    /// operations (three x-registers each) per call; raises `badmap`/`badkey`.
    fn map_update(
        &mut self,
        mut m: Value,
        ops: &[(ir::MapOpKind, Operand, Operand)],
        guard_fail: Option<Block>,
    ) -> R<Value> {
        // `M#{}` still checks that M is a map: one call with no operations.
        let chunks: Vec<&[(ir::MapOpKind, Operand, Operand)]> = if ops.is_empty() {
            vec![ops]
        } else {
            ops.chunks(MAX_XREGS / 3).collect()
        };
        for chunk in chunks {
            let mut vals = Vec::new();
            for (kind, k, v) in chunk {
                let kd = if *kind == ir::MapOpKind::Exact {
                    0x1F
                } else {
                    0x0F
                };
                vals.push(self.iconst(kd));
                vals.push(self.operand(k)?);
                vals.push(self.operand(v)?);
            }
            let xr = self.xregs();
            for (i, v) in vals.iter().enumerate() {
                self.store(*v, xr, (i * 8) as i32);
            }
            let p = self.p();
            let n = self.iconst(chunk.len() as i64);
            m = self.rt("ferl_rt_map_update", &[p, m, n])?;
            self.after_raising(m, guard_fail);
        }
        Ok(m)
    }

    fn rt(&mut self, name: &str, args: &[Value]) -> R<Value> {
        self.gc_epoch += 1;
        if self.spec.is_some() || self.nat.is_some() && !self.pure_bif_symbol(name) {
            return Ok(self.bail_here());
        }
        let id = self.cx.runtime_fn(self.module, name, args.len())?;
        if self.nat.is_some() {
            return Ok(self.native_bif_call(id, args));
        }
        let fr = self.func_ref(id);
        let c = self.b.ins().call(fr, args);
        Ok(self.b.inst_results(c)[0])
    }
    /// A runtime call on a cold path (`args[0]` is `p`): through `ferl_rt_cold_call`, which
    /// clobbers no register, so the hot paths of this function need no callee-saved
    /// registers. Falls back to a plain call where the runtime has no shim.
    fn rt_cold(&mut self, name: &str, args: &[Value]) -> R<Value> {
        self.gc_epoch += 1;
        // In a clone only the term order (which neither allocates nor raises) is called;
        // a speculative run calls nothing.
        if self.spec.is_some() || self.nat.is_some() && name != "ferl_rt_cmp" {
            return Ok(self.bail_here());
        }
        let Some(shim) = self.cx.cold_shim(self.module)? else {
            return self.rt(name, args);
        };
        if args.is_empty() || args.len() > 5 {
            return self.rt(name, args);
        }
        let Some(ix) = ferl_runtime::native::cold::index_of(name) else {
            return self.rt(name, args);
        };
        // The target as its table index: an immediate, not an address that would be
        // hoisted into a callee-saved register (`native::cold`).
        let ta = self.iconst(ix as i64);
        let zero = self.iconst(0);
        let mut all = args.to_vec();
        all.resize(5, zero);
        all.push(ta);
        let fr = self.func_ref(shim);
        self.b.ins().call(fr, &all);
        Ok(self.load(args[0], offsets::COLD_RET as i32))
    }
    fn bargs(vs: &[Value]) -> Vec<BlockArg> {
        vs.iter().map(|v| BlockArg::Value(*v)).collect()
    }
    fn jump(&mut self, blk: Block, args: &[Value]) {
        let a = Self::bargs(args);
        self.b.ins().jump(blk, &a);
    }
    fn brif(&mut self, c: Value, t: Block, e: Block) {
        self.b.ins().brif(c, t, &[], e, &[]);
    }

    // ---- units ------------------------------------------------------------------------

    /// The entry block of the function being built: its parameters (`p` first, then the
    /// reductions) and the reductions variable.
    fn begin_function(&mut self) -> (Vec<Value>, Variable) {
        let entry = self.b.create_block();
        self.b.append_block_params_for_function_params(entry);
        self.b.switch_to_block(entry);
        let ps: Vec<Value> = self.b.block_params(entry).to_vec();
        self.p = Some(ps[0]);
        let r = self.b.declare_var(I64);
        self.reds = Some(r);
        (ps, r)
    }

    fn unit(&mut self, u: &Unit<'m>) -> R<()> {
        let (ps, r) = self.begin_function();
        match &u.kind {
            UnitKind::Entry { params } => {
                // A site record for the unit itself: a process suspended in it (the frame
                // of a receive's retry unit, or of a preempted entry) is then named by
                // `process_info(P, current_function)` (`ferl_runtime::trace`).
                let loc = self.cx.ir.functions[self.fun.0 as usize].loc;
                self.add_cont_site(u.id, loc);
                // The arguments as values: the first four in registers, the rest in the
                // x-registers (packed into a tuple past MAX_XREGS by the caller).
                let wire = params.len().min(MAX_XREGS);
                let mut xr = None;
                let mut vals = Vec::new();
                for i in 0..wire {
                    let val = if i < 4 {
                        ps[2 + i]
                    } else {
                        let x = match xr {
                            Some(x) => x,
                            None => {
                                let x = self.xregs();
                                xr = Some(x);
                                x
                            }
                        };
                        self.load(x, (i * 8) as i32)
                    };
                    vals.push(val);
                }
                if params.len() > MAX_XREGS {
                    // Packed by the caller (`pack_wire`): the last one is a tuple of the rest.
                    let t = vals.pop().unwrap_or(ps[2]);
                    for i in 0..params.len() - (MAX_XREGS - 1) {
                        let x = self.load(
                            t,
                            (8 * (i + 1)) as i32 - ferl_runtime::term::TAG_BOXED as i32,
                        );
                        vals.push(x);
                    }
                }
                // The function's own entry loops: a self tail call jumps to this header
                // with the new arguments (no epilogue/prologue, no x-register traffic).
                let own_entry = u.id == self.entry_id;
                // Float loop parameters travel unboxed (`floats`): f64 header params.
                let lp = if own_entry && params.len() <= MAX_XREGS {
                    self.fl.loop_params.clone()
                } else {
                    Vec::new()
                };
                let hdr = self.b.create_block();
                for i in 0..vals.len() + 1 {
                    let ty = if lp.get(i) == Some(&true) {
                        types::F64
                    } else {
                        I64
                    };
                    self.b.append_block_param(hdr, ty);
                }
                let mut hargs = self.loop_unbox(&lp, &vals);
                hargs.push(ps[1]);
                self.jump(hdr, &hargs);
                self.b.switch_to_block(hdr);
                let hps: Vec<Value> = self.b.block_params(hdr).to_vec();
                let (vals, reds_in) = (hps[..vals.len()].to_vec(), hps[vals.len()]);
                if own_entry && params.len() <= MAX_XREGS {
                    self.self_loop = Some(hdr);
                }
                // Reduction check: at zero, save the arguments and yield.
                let left = self.b.ins().iadd_imm_s(reds_in, -1);
                let out = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::SignedLessThanOrEqual, left, 0);
                let yield_b = self.b.create_block();
                let go = self.b.create_block();
                self.b.set_cold_block(yield_b);
                self.brif(out, yield_b, go);
                self.b.switch_to_block(yield_b);
                // Save the arguments in a frame (nothing survives in x-registers while
                // suspended) and resume through the glue's resume stub.
                let boxed = self.loop_box(&lp, &vals)?;
                let saved = self.pack_wire(boxed)?;
                let xr = self.xregs();
                for (i, v) in saved.iter().enumerate() {
                    self.store(*v, xr, (i * 8) as i32);
                }
                let p = self.p();
                self.store(left, p, offsets::REDS as i32);
                let fr = self.func_ref(u.id);
                let me = self.b.ins().func_addr(I64, fr);
                let n = self.iconst(saved.len() as i64);
                self.rt_cold("ferl_rt_save_args", &[p, me, n])?;
                self.suspend(ferl_runtime::process::STATUS_YIELD)?;
                self.b.switch_to_block(go);
                self.b.def_var(r, left);
                for (i, (v, val)) in params.iter().zip(vals).enumerate() {
                    if lp.get(i) == Some(&true) {
                        let x = self.fvar(*v);
                        self.b.def_var(x, val);
                    } else {
                        self.def(*v, val);
                    }
                }
            }
            UnitKind::Cont { result, slots } => {
                self.b.def_var(r, ps[1]);
                self.def(*result, ps[2]);
                self.read_frame(slots);
            }
            UnitKind::Handler {
                class,
                reason,
                trace,
                slots,
            } => {
                self.b.def_var(r, ps[1]);
                let p = self.p();
                let c = self.load(p, offsets::EXC_CLASS as i32);
                let re = self.load(p, offsets::EXC_REASON as i32);
                let t = self.load(p, offsets::EXC_TRACE as i32);
                self.def(*class, c);
                self.def(*reason, re);
                self.def(*trace, t);
                self.read_frame(slots);
            }
        }
        self.expr(u.body)?;
        self.finish_raise_block()
    }

    /// Load the slots of the top frame into `slots` and pop it.
    fn read_frame(&mut self, slots: &[Var]) {
        let p = self.p();
        let stop = self.load(p, offsets::STOP as i32);
        for (i, v) in slots.iter().enumerate() {
            let x = self.load(stop, (16 + 8 * i) as i32);
            self.def(*v, x);
        }
        let ns = self.b.ins().iadd_imm_s(stop, (16 + 8 * slots.len()) as i64);
        self.store(ns, p, offsets::STOP as i32);
    }

    /// Set `resume` to the glue's resume stub and return `status` to the scheduler (the
    /// state is already in a frame; `p.reds` already stored).
    fn suspend(&mut self, status: u64) -> R<()> {
        if self.nat.is_some() {
            self.bail_here();
            return Ok(());
        }
        let id = resume_fn(self.module, self.cx)?;
        let fr = self.func_ref(id);
        let a = self.b.ins().func_addr(I64, fr);
        let p = self.p();
        self.store(a, p, offsets::RESUME as i32);
        let st = self.iconst(status as i64);
        self.b.ins().return_(&[st]);
        Ok(())
    }

    fn new_unit(&mut self, kind: UnitKind, body: &'m Expr, tries: Vec<usize>) -> R<FuncId> {
        let f = &self.cx.ir.functions[self.fun.0 as usize];
        let k = self.cx.next_cont.entry(self.fun.0).or_insert(0);
        *k += 1;
        let sym = ferl_runtime::abi::continuation_symbol(&self.cx.name, &f.name, f.arity, *k);
        let id = self
            .module
            .declare_function(&sym, Linkage::Local, &erlang_signature())
            .map_err(module_err)?;
        self.work.push(Unit {
            id,
            kind,
            body,
            fjoins: self.fjoins.clone(),
            tries,
        });
        Ok(id)
    }

    // ---- raising ------------------------------------------------------------------------

    /// Branch to the raise path when `v` is NON_VALUE; continue in a new block otherwise.
    fn check_raise(&mut self, v: Value) {
        let bad = self.b.ins().icmp_imm_s(IntCC::Equal, v, NON_VALUE);
        let rb = self.raise_block();
        let ok = self.b.create_block();
        self.brif(bad, rb, ok);
        self.b.switch_to_block(ok);
    }

    // ---- values ------------------------------------------------------------------------

    fn operand(&mut self, o: &Operand) -> R<Value> {
        match o {
            Operand::Var(v) => Ok(self.use_(*v)),
            Operand::Lit(l) => self.literal(l),
        }
    }
    fn operands(&mut self, os: &[Operand]) -> R<Vec<Value>> {
        os.iter().map(|o| self.operand(o)).collect()
    }
    fn word(&mut self, w: Word) -> Value {
        match w {
            Word::Imm(v) => self.iconst(v as i64),
            Word::Atom(i) => {
                let t = self.data_addr(self.cx.atom_table);
                self.load(t, (i * 8) as i32)
            }
            Word::SelfPtr(_) => self.iconst(NIL),
        }
    }
    fn literal(&mut self, l: &Literal) -> R<Value> {
        match l {
            Literal::Atom(a) => {
                let w = data::atom_word(self.cx, a);
                Ok(self.word(w))
            }
            Literal::Nil => Ok(self.iconst(NIL)),
            Literal::Int(i) if data::small_word(i).is_some() => {
                Ok(self.iconst(data::small_word(i).unwrap_or(0) as i64))
            }
            _ => match data::literal(self.module, self.cx, l)? {
                LitValue::Word(w) => Ok(self.word(w)),
                LitValue::Static(id, tag) => {
                    let a = self.data_addr(id);
                    Ok(self.b.ins().iadd_imm_s(a, tag as i64))
                }
            },
        }
    }

    // ---- heap -------------------------------------------------------------------------

    /// Ensure `need` free words between htop and stop, collecting with `live` as roots.
    fn ensure(&mut self, need: usize, live: &BTreeSet<Var>) -> R<(Value, Value)> {
        self.gc_epoch += 1;
        if self.nat.is_some() {
            return Ok(self.native_ensure(need));
        }
        if self.spec.is_some() {
            return Ok(self.spec_ensure(need));
        }
        let p = self.p();
        let htop = self.load(p, offsets::HTOP as i32);
        let stop = self.load(p, offsets::STOP as i32);
        let lim = self.b.ins().iadd_imm_s(htop, (need * 8) as i64);
        let full = self.b.ins().icmp(IntCC::UnsignedGreaterThan, lim, stop);
        let gc = self.b.create_block();
        let ok = self.b.create_block();
        self.b.append_block_param(ok, I64);
        self.b.append_block_param(ok, I64);
        self.b.set_cold_block(gc);
        self.b.ins().brif(
            full,
            gc,
            &[],
            ok,
            &[BlockArg::Value(htop), BlockArg::Value(stop)],
        );
        self.b.switch_to_block(gc);
        // Unboxed floats are f64 values in registers, not roots.
        let live: Vec<Var> = live
            .iter()
            .copied()
            .filter(|v| !self.fl.unboxed.contains(v))
            .collect();
        // More live values than x-registers: the excess goes into tuples (built by the
        // runtime without collecting), which are roots like the rest and moved by the
        // collection; the values are read back from them afterwards.
        let packs = live.len().saturating_sub(MAX_XREGS).div_ceil(MAX_XREGS - 1);
        let (kept, spilled) = live.split_at(live.len().min(MAX_XREGS - packs));
        let mut roots: Vec<Value> = Vec::new();
        for chunk in spilled.chunks(MAX_XREGS) {
            let xr = self.xregs();
            for (i, v) in chunk.iter().enumerate() {
                let x = self.use_(*v);
                self.store(x, xr, (i * 8) as i32);
            }
            let n = self.iconst(chunk.len() as i64);
            roots.push(self.rt_cold("ferl_rt_tuple_of_xregs", &[p, n])?);
        }
        let xr = self.xregs();
        for (i, v) in kept.iter().enumerate() {
            let x = self.use_(*v);
            self.store(x, xr, (i * 8) as i32);
        }
        for (j, t) in roots.iter().enumerate() {
            self.store(*t, xr, ((kept.len() + j) * 8) as i32);
        }
        let n = self.iconst(need as i64);
        let l = self.iconst((kept.len() + roots.len()) as i64);
        self.rt_cold("ferl_rt_gc", &[p, n, l])?;
        let xr = self.xregs();
        for (i, v) in kept.iter().enumerate() {
            let x = self.load(xr, (i * 8) as i32);
            self.def(*v, x);
        }
        for (j, chunk) in spilled.chunks(MAX_XREGS).enumerate() {
            let t = self.load(xr, ((kept.len() + j) * 8) as i32);
            for (i, v) in chunk.iter().enumerate() {
                // Element i of the boxed tuple: the header word, then the elements.
                let x = self.load(
                    t,
                    (8 * (i + 1)) as i32 - ferl_runtime::term::TAG_BOXED as i32,
                );
                self.def(*v, x);
            }
        }
        let htop = self.load(p, offsets::HTOP as i32);
        let stop = self.load(p, offsets::STOP as i32);
        self.jump(ok, &[htop, stop]);
        self.b.switch_to_block(ok);
        let ps = self.b.block_params(ok);
        Ok((ps[0], ps[1]))
    }

    /// Bump-allocate `n` words at `htop` (what `ensure` returned): the object's address.
    fn bump(&mut self, htop: Value, n: usize) -> Value {
        let p = self.p();
        if self.nat.is_some() {
            let nt = self.native_bump_end(htop, n);
            self.native_htop_set(nt);
        } else {
            let nt = self.b.ins().iadd_imm_s(htop, (n * 8) as i64);
            self.store(nt, p, offsets::HTOP as i32);
        }
        htop
    }

    // ---- expressions ------------------------------------------------------------------

    fn expr(&mut self, e: &'m Expr) -> R<()> {
        // In a native clone, a region entered inside `e` ends with it.
        let region = self.nat.as_ref().map(|n| n.cur);
        let facts = (self.facts.small.len(), self.facts.bounds.len());
        let r = self.expr_in(e);
        if let (Some(n), Some(c)) = (self.nat.as_mut(), region) {
            n.cur = c;
        }
        self.facts.small.truncate(facts.0);
        self.facts.bounds.truncate(facts.1);
        r
    }

    /// What an out-of-line join needs besides its parameters (passed after them).
    fn join_extra(&self, join: JoinId) -> Vec<Var> {
        self.info
            .join_needs
            .get(&join)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default()
    }

    /// Translate the `Let` at `e`; the expression after it.
    fn let_(&mut self, e: &'m Expr) -> R<&'m Expr> {
        let Expr::Let {
            var,
            prim,
            body,
            loc,
        } = e
        else {
            return Err(unsupported("internal: let_ of another expression"));
        };
        if let Some(same) = self.fl.same.get(var) {
            let v = self.use_(*same);
            self.def(*var, v);
            if self.known_small(&Operand::Var(*same)) {
                self.note_small(Some(*var));
            }
            return Ok(body);
        }
        let mut live = self.info.needs(body);
        live.remove(var);
        self.let_prim(*var, prim, *loc, &live)?;
        Ok(body)
    }

    fn expr_in(&mut self, e: &'m Expr) -> R<()> {
        let mut e = e;
        loop {
            match e {
                Expr::Let { .. } | Expr::LetCall { .. }
                    if self.nat.is_none() && self.float_block_start(e) =>
                {
                    if let Some(rest) = self.float_block(e)? {
                        e = rest;
                        continue;
                    }
                    e = match e {
                        Expr::LetCall { var, call, body } => {
                            let mut live = self.info.needs(body);
                            live.remove(var);
                            self.let_sqrt(*var, call, &live)?;
                            body
                        }
                        _ => self.let_(e)?,
                    };
                }
                Expr::Let { .. } => {
                    e = match self.spec_run_len(e) {
                        Some(n) => self.spec_run(e, n)?,
                        None => self.let_(e)?,
                    };
                }
                Expr::Do { prim, body, loc } => {
                    self.cur_site = Some(Pending::for_prim(prim, *loc));
                    let live = self.info.needs(body);
                    self.prim(prim, &live, false)?;
                    e = body;
                }
                Expr::LetCall { var, call, body }
                    if floats::is_sqrt(&call.callee, call.args.len()) =>
                {
                    let mut live = self.info.needs(body);
                    live.remove(var);
                    self.let_sqrt(*var, call, &live)?;
                    e = body;
                }
                Expr::LetCall { var, call, body } if direct_bif(call).is_some() => {
                    self.cur_site = Some(Pending::for_call(call, false));
                    let v = self.direct_bif_call(call)?;
                    self.def(*var, v);
                    e = body;
                }
                Expr::TailCall(call) if direct_bif(call).is_some() => {
                    self.cur_site = Some(Pending::for_call(call, true));
                    let v = self.direct_bif_call(call)?;
                    return self.emit_return(v);
                }
                Expr::LetCall { var, call, body } if self.nat.is_some() => {
                    let k = self
                        .cx
                        .rec_conts
                        .get(&(e as *const Expr as usize))
                        .copied()
                        .ok_or_else(|| unsupported("native call without a continuation"))?;
                    self.native_let_call(*var, call, body, k)?;
                    e = body;
                }
                Expr::LetCall { var, call, body } => {
                    let mut slots = self.info.needs(body);
                    slots.remove(var);
                    let slots: Vec<Var> = slots.into_iter().collect();
                    let k = self.new_unit(
                        UnitKind::Cont {
                            result: *var,
                            slots: slots.clone(),
                        },
                        body,
                        self.tries.clone(),
                    )?;
                    self.cx.rec_conts.insert(e as *const Expr as usize, k);
                    self.add_cont_site(k, call.loc);
                    self.cur_site = Some(Pending::for_call(call, false));
                    let mut live: BTreeSet<Var> = slots.iter().copied().collect();
                    live.extend(call_vars(call));
                    self.push_frame(frame::RETURN, k, &slots, &live)?;
                    return self.call(call);
                }
                Expr::TailCall(call) => {
                    self.cur_site = Some(Pending::for_call(call, true));
                    return self.call(call);
                }
                Expr::Return(o) => {
                    let v = self.return_operand(o)?;
                    if self.nat.is_some() {
                        self.native_return_check(o, v);
                    }
                    return self.emit_return(v);
                }
                Expr::LetJoin {
                    join,
                    params,
                    recursive,
                    join_body,
                    body,
                } => {
                    // Loops (recursive joins) are functions too, so that every iteration
                    // passes a reduction check (function entry) and can be preempted.
                    let crosses = self.info.fn_joins.contains(join);
                    let _ = (recursive, body);
                    if crosses && self.nat.is_none() {
                        let extra = self.join_extra(*join);
                        let mut all = params.clone();
                        all.extend(extra.iter().copied());
                        let depth = self.tries.len();
                        // Declared before its own unit is queued so a recursive join sees itself.
                        let f = &self.cx.ir.functions[self.fun.0 as usize];
                        let kk = self.cx.next_cont.entry(self.fun.0).or_insert(0);
                        *kk += 1;
                        let sym = ferl_runtime::abi::continuation_symbol(
                            &self.cx.name,
                            &f.name,
                            f.arity,
                            *kk,
                        );
                        let id = self
                            .module
                            .declare_function(&sym, Linkage::Local, &erlang_signature())
                            .map_err(module_err)?;
                        self.cx.rec_joins.insert(*join, id);
                        let fj = FnJoin { id, extra, depth };
                        let mut inner = self.fjoins.clone();
                        if *recursive {
                            inner.insert(*join, fj.clone());
                        }
                        self.work.push(Unit {
                            id,
                            kind: UnitKind::Entry { params: all },
                            body: join_body,
                            fjoins: inner,
                            tries: self.tries.clone(),
                        });
                        self.fjoins.insert(*join, fj);
                        e = body;
                    } else {
                        let blk = self.b.create_block();
                        for _ in params {
                            self.b.append_block_param(blk, I64);
                        }
                        let acc = if self.nat.is_some() && *recursive && crosses {
                            native::fresh_accumulator(*join, params, join_body, body)
                                .map(|i| (i, params[i]))
                        } else {
                            None
                        };
                        if acc.is_some() {
                            self.b.append_block_param(blk, I64);
                        }
                        self.blocks.insert(
                            *join,
                            BlockJoin {
                                block: blk,
                                depth: self.tries.len(),
                                small: vec![self.nat.is_some() && !*recursive; params.len()],
                                counters: if self.nat.is_some() && *recursive {
                                    native::counters(params, join_body, &|x| match x {
                                        Expr::Jump(j, args) if j == join => Some(args),
                                        _ => None,
                                    })
                                } else {
                                    Vec::new()
                                },
                                entered: false,
                                acc,
                                first: None,
                            },
                        );
                        let saved_tries = self.tries.clone();
                        self.expr(body)?;
                        self.tries = saved_tries;
                        if let Some(bj) = self.blocks.get_mut(join) {
                            bj.entered = true;
                        }
                        self.b.switch_to_block(blk);
                        let ps: Vec<Value> = self.b.block_params(blk).to_vec();
                        if acc.is_some() {
                            if let Some(bj) = self.blocks.get_mut(join) {
                                bj.first = Some(ps[params.len()]);
                            }
                        }
                        for (v, x) in params.iter().zip(ps) {
                            self.def(*v, x);
                        }
                        let (small, counters) = self
                            .blocks
                            .get(join)
                            .map(|bj| (bj.small.clone(), bj.counters.clone()))
                            .unwrap_or_default();
                        for (v, s) in params.iter().zip(small) {
                            if s {
                                self.note_small(Some(*v));
                            }
                        }
                        for (v, s) in params.iter().zip(&counters) {
                            if s.is() {
                                self.note_small(Some(*v));
                            }
                        }
                        if crosses {
                            // (The region counts a reduction per iteration.)
                            self.native_counter_bounds(params, &counters);
                            // Native clone: the ordinary code's unit for this join.
                            let unit = self
                                .cx
                                .rec_joins
                                .get(join)
                                .copied()
                                .ok_or_else(|| unsupported("native join without a unit"))?;
                            let extra = self.join_extra(*join);
                            self.native_join_region(unit, params, &extra, *recursive);
                        }
                        e = join_body;
                    }
                }
                Expr::Jump(j, args) => return self.jump_to(*j, args),
                Expr::If { test, then, else_ } => {
                    let t = self.b.create_block();
                    let f = self.b.create_block();
                    // What either branch needs survives a collection inside the test
                    // (guard primops may allocate).
                    let mut live = self.info.needs(then);
                    live.extend(self.info.needs(else_));
                    self.test(test, t, f, &live)?;
                    let facts = self.native_test_bounds(test);
                    let saved = self.tries.clone();
                    self.b.switch_to_block(t);
                    let k = self.push_bound(facts.map(|f| f.0));
                    self.expr(then)?;
                    self.facts.bounds.truncate(k);
                    self.tries = saved;
                    self.b.switch_to_block(f);
                    self.push_bound(facts.map(|f| f.1));
                    e = else_;
                }
                Expr::Switch { on, cases, default } => {
                    let v = self.use_(*on);
                    for (con, body) in cases {
                        let t = self.b.create_block();
                        let f = self.b.create_block();
                        self.con_test(v, con, t, f)?;
                        let saved = self.tries.clone();
                        self.b.switch_to_block(t);
                        self.expr(body)?;
                        self.tries = saved;
                        self.b.switch_to_block(f);
                    }
                    e = default;
                }
                Expr::Try {
                    body,
                    class,
                    reason,
                    trace,
                    handler,
                } => {
                    let mut slots = self.info.needs(handler);
                    slots.remove(class);
                    slots.remove(reason);
                    slots.remove(trace);
                    let slots: Vec<Var> = slots.into_iter().collect();
                    let h = self.new_unit(
                        UnitKind::Handler {
                            class: *class,
                            reason: *reason,
                            trace: *trace,
                            slots: slots.clone(),
                        },
                        handler,
                        self.tries.clone(),
                    )?;
                    let live: BTreeSet<Var> = self
                        .info
                        .needs(body)
                        .union(&slots.iter().copied().collect())
                        .copied()
                        .collect();
                    self.push_frame(frame::CATCH, h, &slots, &live)?;
                    self.tries.push(slots.len());
                    e = body;
                }
                Expr::RecvPeek { msg, got, empty } => {
                    let p = self.p();
                    let m = self.rt("ferl_rt_recv_peek", &[p])?;
                    let none = self.b.ins().icmp_imm_s(IntCC::Equal, m, NON_VALUE);
                    let g = self.b.create_block();
                    let em = self.b.create_block();
                    self.brif(none, em, g);
                    self.b.switch_to_block(g);
                    self.def(*msg, m);
                    let saved = self.tries.clone();
                    self.expr(got)?;
                    self.tries = saved;
                    self.b.switch_to_block(em);
                    e = empty;
                }
                Expr::RecvWait {
                    timeout,
                    retry,
                    loc,
                } => {
                    self.cur_site = Some(Pending::plain(*loc));
                    let t = match timeout {
                        Some((o, _)) => self.operand(o)?,
                        None => self.iconst(
                            ferl_runtime::term::Term::atom(ferl_runtime::atom::idx::INFINITY).raw()
                                as i64,
                        ),
                    };
                    let p = self.p();
                    let st = self.rt("ferl_rt_recv_wait", &[p, t])?;
                    let wait_b = self.b.create_block();
                    let other = self.b.create_block();
                    let is_wait = self.b.ins().icmp_imm_s(
                        IntCC::Equal,
                        st,
                        ferl_runtime::process::STATUS_WAIT as i64,
                    );
                    self.brif(is_wait, wait_b, other);
                    self.b.switch_to_block(other);
                    let is_raise = self.b.ins().icmp_imm_s(
                        IntCC::Equal,
                        st,
                        ferl_runtime::process::STATUS_RAISE as i64,
                    );
                    let rb = self.raise_block();
                    let timed_out = self.b.create_block();
                    self.brif(is_raise, rb, timed_out);
                    // Suspend: the live values of the retry path go into a frame whose
                    // code is a unit taking them as parameters (resumed by the resume stub).
                    self.b.switch_to_block(wait_b);
                    let slots: Vec<Var> = self.info.needs(retry).into_iter().collect();
                    let k = self.new_unit(
                        UnitKind::Entry {
                            params: slots.clone(),
                        },
                        retry,
                        self.tries.clone(),
                    )?;
                    let live: BTreeSet<Var> = slots.iter().copied().collect();
                    self.push_frame_of(frame::RETURN, k, &slots, &live, true)?;
                    let reds = self.reds();
                    let p = self.p();
                    self.store(reds, p, offsets::REDS as i32);
                    self.suspend(ferl_runtime::process::STATUS_WAIT)?;
                    self.b.switch_to_block(timed_out);
                    match timeout {
                        Some((_, after)) => e = after,
                        None => {
                            // `infinity` never times out; treat an OK as a spurious wake-up.
                            let saved = self.tries.clone();
                            self.expr(retry)?;
                            self.tries = saved;
                            return Ok(());
                        }
                    }
                }
                Expr::Fail { reason, loc } => {
                    self.cur_site = Some(Pending::for_fail(reason, *loc));
                    return self.fail(reason);
                }
            }
        }
    }

    /// Return `v` to the continuation of the top frame.
    /// `let var = prim` (not a `FloatInfo::same` alias) with `live` live after it.
    fn let_prim(&mut self, var: Var, prim: &Prim, loc: ir::Loc, live: &BTreeSet<Var>) -> R<()> {
        // A statically float result is float arithmetic on BEAM too: its errors name this
        // function, not an `erlang:'*'/2` entry.
        self.cur_site = Some(
            if floats::float_arith_op(prim).is_some() && self.fl.typed.contains(&var) {
                Pending::plain(loc)
            } else {
                Pending::for_prim(prim, loc)
            },
        );
        self.dest = Some(var);
        let v = self.prim(prim, live, false);
        self.dest = None;
        let v = v?;
        self.def(var, v);
        Ok(())
    }

    /// `let var = math:sqrt(X)` inline, with `live` live after it.
    fn let_sqrt(&mut self, var: Var, call: &Call, live: &BTreeSet<Var>) -> R<()> {
        self.cur_site = Some(Pending::for_call(call, false));
        let mut live = live.clone();
        live.extend(call.args[0].as_var());
        let v = self.sqrt(call, var, &live)?;
        self.def(var, v);
        Ok(())
    }

    fn emit_return(&mut self, v: Value) -> R<()> {
        if self.nat.is_some() {
            let reds = self.reds();
            let htop = self.native_htop();
            self.b.ins().return_(&[v, reds, htop]);
            return Ok(());
        }
        let p = self.p();
        let stop = self.load(p, offsets::STOP as i32);
        let k = self.load(stop, 8);
        let reds = self.reds();
        let sig = self.sig();
        self.b
            .ins()
            .return_call_indirect(sig, k, &[p, reds, v, v, v, v]);
        Ok(())
    }

    /// A remote call to a BIF the runtime provides as a C entry point: called directly.
    /// NON_VALUE with status YIELD (the call killed the caller) returns YIELD to the
    /// scheduler, which ends the process; other NON_VALUEs raise.
    fn direct_bif_call(&mut self, call: &Call) -> R<Value> {
        let sym = direct_bif(call).ok_or_else(|| unsupported("direct BIF call"))?;
        let vals = self.operands(&call.args)?;
        if self.nat.is_some() && sym == APPEND_SYM {
            return Ok(self.native_append(vals[0], vals[1]));
        }
        let p = self.p();
        let mut all = vec![p];
        all.extend(vals);
        let r = self.rt(&sym, &all)?;
        let bad = self.b.ins().icmp_imm_s(IntCC::Equal, r, NON_VALUE);
        if self.nat.is_some() {
            let bb = self.bail_block();
            let ok = self.b.create_block();
            self.brif(bad, bb, ok);
            self.b.switch_to_block(ok);
            return Ok(r);
        }
        let chk = self.b.create_block();
        let ok = self.b.create_block();
        self.b.set_cold_block(chk);
        self.brif(bad, chk, ok);
        self.b.switch_to_block(chk);
        let st = self.load(p, offsets::STATUS as i32);
        let is_yield =
            self.b
                .ins()
                .icmp_imm_s(IntCC::Equal, st, ferl_runtime::process::STATUS_YIELD as i64);
        let yb = self.b.create_block();
        let rb = self.raise_block();
        self.brif(is_yield, yb, rb);
        self.b.switch_to_block(yb);
        let reds = self.reds();
        self.store(reds, p, offsets::REDS as i32);
        let y = self.iconst(ferl_runtime::process::STATUS_YIELD as i64);
        self.b.ins().return_(&[y]);
        self.b.switch_to_block(ok);
        Ok(r)
    }

    fn push_frame(
        &mut self,
        kind: u64,
        cont: FuncId,
        slots: &[Var],
        live: &BTreeSet<Var>,
    ) -> R<()> {
        self.push_frame_of(kind, cont, slots, live, false)
    }

    /// `push_frame`; with `wire`, the slots are the parameters of the unit `cont` as the
    /// resume stub passes them (x-registers): more than `MAX_XREGS` are packed
    /// (`pack_wire`).
    fn push_frame_of(
        &mut self,
        kind: u64,
        cont: FuncId,
        slots: &[Var],
        live: &BTreeSet<Var>,
        wire: bool,
    ) -> R<()> {
        let packed = wire && slots.len() > MAX_XREGS;
        let n = if packed { MAX_XREGS } else { slots.len() };
        // Room for the frame and, when packing, for the tuple the runtime builds on the
        // heap (below the frame: both fit in what `ensure` guarantees).
        let tuple_words = if packed {
            1 + slots.len() - (MAX_XREGS - 1)
        } else {
            0
        };
        let (_, stop) = self.ensure(2 + n + tuple_words, live)?;
        let vals: Vec<Value> = slots.iter().map(|v| self.use_(*v)).collect();
        let vals = if packed { self.pack_wire(vals)? } else { vals };
        let p = self.p();
        let ns = self.b.ins().iadd_imm_s(stop, -((16 + 8 * n) as i64));
        let m = self.iconst(frame_marker(kind, n) as i64);
        self.store(m, ns, 0);
        let fr = self.func_ref(cont);
        let k = self.b.ins().func_addr(I64, fr);
        self.store(k, ns, 8);
        for (i, x) in vals.iter().enumerate() {
            self.store(*x, ns, (16 + 8 * i) as i32);
        }
        self.store(ns, p, offsets::STOP as i32);
        Ok(())
    }

    /// The arguments of a unit as passed (x0..x3, `xregs[4..]`): up to `MAX_XREGS` as
    /// they are; beyond that the first `MAX_XREGS - 1` and a tuple of the rest (built by
    /// the runtime, which never collects), unpacked by the unit's entry.
    fn pack_wire(&mut self, mut vals: Vec<Value>) -> R<Vec<Value>> {
        if vals.len() <= MAX_XREGS {
            return Ok(vals);
        }
        let rest = vals.split_off(MAX_XREGS - 1);
        let xr = self.xregs();
        for (i, v) in rest.iter().enumerate() {
            self.store(*v, xr, (i * 8) as i32);
        }
        let p = self.p();
        let n = self.iconst(rest.len() as i64);
        let t = self.rt("ferl_rt_tuple_of_xregs", &[p, n])?;
        vals.push(t);
        Ok(vals)
    }

    /// Pop the catch frames between the current try depth and `depth`.
    fn pop_tries(&mut self, depth: usize) {
        let words: usize = self.tries.iter().skip(depth).map(|n| n + 2).sum();
        if words > 0 {
            let p = self.p();
            let stop = self.load(p, offsets::STOP as i32);
            let ns = self.b.ins().iadd_imm_s(stop, (words * 8) as i64);
            self.store(ns, p, offsets::STOP as i32);
        }
    }

    fn jump_to(&mut self, j: JoinId, args: &[Operand]) -> R<()> {
        let vals = self.operands(args)?;
        if let Some((cs, entered)) = self
            .blocks
            .get(&j)
            .map(|bj| (bj.counters.clone(), bj.entered))
        {
            self.native_counters_small(&cs, args, &vals);
            if !entered {
                self.native_counters_enter(&cs, args, &vals);
            }
        }
        let known: Vec<bool> = args.iter().map(|a| self.known_small(a)).collect();
        let mut vals = vals;
        if let Some((Some((i, acc_var)), entered, first)) =
            self.blocks.get(&j).map(|bj| (bj.acc, bj.entered, bj.first))
        {
            // The accumulator's first cell: none yet on entry (`[]`); on a back edge, the
            // new cell if the accumulator was `[]`.
            let f = match (entered, first) {
                (true, Some(first)) => {
                    let acc = self.use_(acc_var);
                    let was_nil = self.b.ins().icmp_imm_s(IntCC::Equal, acc, NIL);
                    self.b.ins().select(was_nil, vals[i], first)
                }
                _ => self.iconst(NIL),
            };
            vals.push(f);
        }
        if let Some(bj) = self.blocks.get_mut(&j) {
            for (s, k) in bj.small.iter_mut().zip(known) {
                *s &= k;
            }
            let (blk, depth) = (bj.block, bj.depth);
            self.pop_tries(depth);
            self.jump(blk, &vals);
            return Ok(());
        }
        let Some(fj) = self.fjoins.get(&j).cloned() else {
            return Err(unsupported("jump to a join point out of scope"));
        };
        let mut all = vals;
        for v in &fj.extra {
            let x = self.use_(*v);
            all.push(x);
        }
        self.pop_tries(fj.depth);
        let fr = self.func_ref(fj.id);
        self.direct_tail_call(fr, &all)
    }

    fn direct_tail_call(&mut self, fr: FuncRef, args: &[Value]) -> R<()> {
        let args = self.pack_wire(args.to_vec())?;
        let xs = self.spill_args(&args);
        self.b.ins().return_call(fr, &xs);
        Ok(())
    }

    /// Arguments 4.. into the x-registers; returns the six register arguments.
    fn spill_args(&mut self, args: &[Value]) -> Vec<Value> {
        if args.len() > 4 {
            let xr = self.xregs();
            for (i, a) in args.iter().enumerate().skip(4) {
                self.store(*a, xr, (i * 8) as i32);
            }
        }
        let p = self.p();
        let reds = self.reds();
        let nil = self.iconst(NIL);
        let mut xs = vec![p, reds];
        for i in 0..4 {
            xs.push(args.get(i).copied().unwrap_or(nil));
        }
        xs
    }

    fn call(&mut self, call: &Call) -> R<()> {
        if call.args.len() > MAX_XREGS {
            return Err(unsupported("call with more than 256 arguments"));
        }
        if let (Some(hdr), Callee::Local { fun_id, .. }) = (self.self_loop, &call.callee) {
            if *fun_id == self.fun {
                let mut hargs = self.loop_args(&call.args)?;
                if self.nat.is_some() {
                    self.native_loop_args(&call.args, &hargs);
                }
                hargs.push(self.reds());
                self.jump(hdr, &hargs);
                return Ok(());
            }
        }
        let args = self.operands(&call.args)?;
        match &call.callee {
            Callee::Local { fun_id, .. } => {
                if self.nat.is_some() {
                    return self.native_tail_call(*fun_id, &args);
                }
                let id = *self
                    .cx
                    .funcs
                    .get(fun_id.0 as usize)
                    .ok_or_else(|| unsupported("call to an unknown local function"))?;
                let fr = self.func_ref(id);
                self.direct_tail_call(fr, &args)?;
            }
            _ if self.nat.is_some() => {
                self.bail_here();
            }
            Callee::Remote {
                module: module @ Operand::Lit(Literal::Atom(ma)),
                function: function @ Operand::Lit(Literal::Atom(fa)),
            } => {
                // Cached in the import table: resolved through the export table once.
                let slot = self.cx.import_slot(ma, fa, call.args.len() as u32) as i32;
                let tbl = self.data_addr(self.cx.import_table);
                let cached = self.load(tbl, slot * 8);
                let miss = self.b.create_block();
                self.b.set_cold_block(miss);
                let go = self.b.create_block();
                self.b.append_block_param(go, I64);
                self.b
                    .ins()
                    .brif(cached, go, &[BlockArg::Value(cached)], miss, &[]);
                self.b.switch_to_block(miss);
                let m = self.operand(module)?;
                let f = self.operand(function)?;
                let p = self.p();
                let n = self.iconst(call.args.len() as i64);
                let code = self.rt_cold("ferl_rt_call_export", &[p, m, f, n])?;
                self.check_zero(code);
                let tbl = self.data_addr(self.cx.import_table);
                self.store(code, tbl, slot * 8);
                self.jump(go, &[code]);
                self.b.switch_to_block(go);
                let code = self.b.block_params(go)[0];
                let xs = self.spill_args(&args);
                let sig = self.sig();
                self.b.ins().return_call_indirect(sig, code, &xs);
            }
            Callee::Remote { module, function } => {
                let m = self.operand(module)?;
                let f = self.operand(function)?;
                let p = self.p();
                let n = self.iconst(call.args.len() as i64);
                let code = self.rt("ferl_rt_call_export", &[p, m, f, n])?;
                self.check_zero(code);
                let xs = self.spill_args(&args);
                let sig = self.sig();
                self.b.ins().return_call_indirect(sig, code, &xs);
            }
            Callee::Apply { fun } => {
                let fv = self.operand(fun)?;
                let xr = self.xregs();
                for (i, a) in args.iter().enumerate() {
                    self.store(*a, xr, (i * 8) as i32);
                }
                let p = self.p();
                let n = self.iconst(call.args.len() as i64);
                let code = self.rt("ferl_rt_apply", &[p, fv, n])?;
                self.check_zero(code);
                let xr = self.xregs();
                let reds = self.reds();
                let mut xs = vec![p, reds];
                for i in 0..4 {
                    xs.push(self.load(xr, i * 8));
                }
                let sig = self.sig();
                self.b.ins().return_call_indirect(sig, code, &xs);
            }
        }
        Ok(())
    }

    fn check_zero(&mut self, code: Value) {
        let rb = self.raise_block();
        let ok = self.b.create_block();
        self.brif(code, ok, rb);
        self.b.switch_to_block(ok);
    }

    fn fail(&mut self, r: &FailReason) -> R<()> {
        use ferl_runtime::native::rt::fail as k;
        let p = self.p();
        let (kind, v) = match r {
            FailReason::Badmatch(o) => (k::BADMATCH, Some(o)),
            FailReason::CaseClause(o) => (k::CASE_CLAUSE, Some(o)),
            FailReason::IfClause => (k::IF_CLAUSE, None),
            FailReason::TryClause(o) => (k::TRY_CLAUSE, Some(o)),
            FailReason::FunctionClause(_) => (k::FUNCTION_CLAUSE, None),
            FailReason::BadGenerator(o) => (k::BAD_GENERATOR, Some(o)),
            FailReason::BadFilter(o) => (k::BAD_FILTER, Some(o)),
            FailReason::BadargValue(o) => (k::BADARG_VALUE, Some(o)),
            FailReason::Reraise(c, re, t) => {
                let c = self.operand(c)?;
                let re = self.operand(re)?;
                let t = self.operand(t)?;
                self.rt_cold("ferl_rt_reraise", &[p, c, re, t])?;
                let rb = self.raise_block();
                self.jump(rb, &[]);
                return Ok(());
            }
        };
        let v = match v {
            Some(o) => self.operand(o)?,
            None => self.iconst(NIL),
        };
        let kv = self.iconst(kind as i64);
        self.rt_cold("ferl_rt_fail", &[p, kv, v])?;
        let rb = self.raise_block();
        self.jump(rb, &[]);
        Ok(())
    }

    // ---- primops ----------------------------------------------------------------------

    /// Compute a primop. In guard mode (`guard_fail = Some(block)`) a raise jumps there.
    fn prim(&mut self, prim: &Prim, live: &BTreeSet<Var>, _guard: bool) -> R<Value> {
        self.prim_g(prim, live, None)
    }

    fn prim_g(&mut self, prim: &Prim, live: &BTreeSet<Var>, guard_fail: Option<Block>) -> R<Value> {
        let mut live = live.clone();
        for o in prim.operands() {
            if let Operand::Var(v) = o {
                live.insert(*v);
            }
        }
        match prim {
            Prim::Move(o) => self.operand(o),
            Prim::Tuple(es) => {
                let (htop, _) = self.ensure(1 + es.len(), &live)?;
                let vals = self.operands(es)?;
                let a = self.bump(htop, 1 + es.len());
                let h = self.iconst(make_header(sub::TUPLE, es.len()) as i64);
                self.store(h, a, 0);
                for (i, v) in vals.iter().enumerate() {
                    self.store(*v, a, (8 + 8 * i) as i32);
                }
                Ok(self.b.ins().iadd_imm_s(a, 2))
            }
            Prim::Cons(h, t) => {
                let (htop, _) = self.ensure(2, &live)?;
                let hv = self.operand(h)?;
                let tv = self.operand(t)?;
                let a = self.bump(htop, 2);
                self.store(hv, a, 0);
                self.store(tv, a, 8);
                Ok(self.b.ins().iadd_imm_s(a, 1))
            }
            Prim::GetTupleElement(o, i) => {
                let v = self.operand(o)?;
                let off = (8 * (*i as i64 + 1) - 2) as i32;
                if let (Some(d), Operand::Var(t)) = (self.dest, o) {
                    self.elem_src.insert(d, (*t, off, self.gc_epoch));
                }
                Ok(self.load(v, off))
            }
            Prim::GetHd(o) => {
                let v = self.operand(o)?;
                Ok(self.load(v, -1))
            }
            Prim::GetTl(o) => {
                let v = self.operand(o)?;
                Ok(self.load(v, 7))
            }
            Prim::MakeFun { fun_id, free } => {
                let entry =
                    *self.cx.fun_entries.get(&fun_id.0).ok_or_else(|| {
                        unsupported("make_fun of a function that is not a lambda")
                    })?;
                let (htop, _) = self.ensure(2 + free.len(), &live)?;
                let vals = self.operands(free)?;
                let a = self.bump(htop, 2 + free.len());
                let h = self.iconst(make_header(sub::FUN, 1 + free.len()) as i64);
                self.store(h, a, 0);
                let ea = self.data_addr(entry);
                self.store(ea, a, 8);
                for (i, v) in vals.iter().enumerate() {
                    self.store(*v, a, (16 + 8 * i) as i32);
                }
                Ok(self.b.ins().iadd_imm_s(a, 2))
            }
            Prim::MapNew(kvs) => {
                // The runtime takes its operands in the x-registers: the first 128 pairs
                // build the map, the rest are added 85 at a time (later keys win, as in
                // one literal).
                let first = kvs.len().min(MAX_XREGS / 2);
                let mut vals = Vec::new();
                for (k, v) in &kvs[..first] {
                    vals.push(self.operand(k)?);
                    vals.push(self.operand(v)?);
                }
                let m = self.map_new(&vals)?;
                if first == kvs.len() {
                    return Ok(m);
                }
                let rest: Vec<(ir::MapOpKind, Operand, Operand)> = kvs[first..]
                    .iter()
                    .map(|(k, v)| (ir::MapOpKind::Assoc, k.clone(), v.clone()))
                    .collect();
                self.map_update(m, &rest, guard_fail)
            }
            Prim::MapUpdate { map, ops } => {
                let m = self.operand(map)?;
                self.map_update(m, ops, guard_fail)
            }
            Prim::Bif { module, name, args } => self.bif(module, name, args, &live, guard_fail),
            // The runtime builds the trace term at the raise (`ferl_rt_raise_at`).
            Prim::BuildStacktrace(o) => self.operand(o),
            Prim::BinBuild(segs) => {
                // Three x-registers a segment: past 85 segments, the binary built so far
                // is the first (`/bitstring`) segment of the next call.
                let mut acc: Option<Value> = None;
                let per_call = MAX_XREGS / 3;
                let mut rest: &[ir::BinSeg] = segs;
                loop {
                    let take = rest.len().min(per_call - acc.is_some() as usize);
                    let (now, later) = rest.split_at(take);
                    let mut vals = Vec::new();
                    if let Some(b) = acc {
                        vals.push(b);
                        vals.push(self.iconst(NON_VALUE));
                        let sp = ferl_runtime::native::bin::spec::encode(
                            ferl_runtime::native::bin::spec::BITSTRING,
                            1,
                            false,
                            ferl_runtime::native::bin::spec::BIG,
                        );
                        vals.push(self.iconst(((sp << 4) | 0xF) as i64));
                    }
                    for sg in now {
                        vals.push(self.operand(&sg.value)?);
                        vals.push(match &sg.size {
                            Some(o) => self.operand(o)?,
                            None => self.iconst(NON_VALUE),
                        });
                        let sp = seg_spec(&sg.spec);
                        vals.push(self.iconst(((sp << 4) | 0xF) as i64));
                    }
                    let xr = self.xregs();
                    for (i, v) in vals.iter().enumerate() {
                        self.store(*v, xr, (i * 8) as i32);
                    }
                    let p = self.p();
                    let n = self.iconst((vals.len() / 3) as i64);
                    let r = self.rt("ferl_rt_bin_build", &[p, n])?;
                    self.after_raising(r, guard_fail);
                    if later.is_empty() {
                        return Ok(r);
                    }
                    acc = Some(r);
                    rest = later;
                }
            }
            Prim::RecvRemove => {
                let p = self.p();
                self.rt("ferl_rt_recv_accept", &[p])
            }
            Prim::RecvNext => {
                let p = self.p();
                self.rt("ferl_rt_recv_next", &[p])
            }
            Prim::RecvUseMark(o) => {
                let r = self.operand(o)?;
                let p = self.p();
                self.rt("ferl_rt_recv_use_mark", &[p, r])
            }
            // The match context is the bitstring itself (see native::bin).
            Prim::BsStartMatch(o) => self.operand(o),
        }
    }

    fn after_raising(&mut self, r: Value, guard_fail: Option<Block>) {
        match guard_fail {
            None => self.check_raise(r),
            Some(fb) => {
                let bad = self.b.ins().icmp_imm_s(IntCC::Equal, r, NON_VALUE);
                let ok = self.b.create_block();
                self.brif(bad, fb, ok);
                self.b.switch_to_block(ok);
            }
        }
    }

    fn bif(
        &mut self,
        m: &str,
        f: &str,
        args: &[Operand],
        live: &BTreeSet<Var>,
        guard_fail: Option<Block>,
    ) -> R<Value> {
        let f = if m == "erlang" && f == "!" { "send" } else { f };
        let sym = ferl_runtime::abi::bif_symbol(m, f, args.len() as u32);
        if !ferl_runtime::native::has_symbol(&sym) {
            return Err(unsupported(format!(
                "BIF {m}:{f}/{} (not in the runtime yet)",
                args.len()
            )));
        }
        if m == "erlang" && args.len() == 2 {
            let float = self.fl.is_float(&args[0]) || self.fl.is_float(&args[1]);
            match f {
                "/" => return self.float_arith(f, &sym, args, live, guard_fail),
                "+" | "-" | "*" if float => {
                    return self.float_arith(f, &sym, args, live, guard_fail)
                }
                "+" | "-" | "*" if self.dual_involved(args) => {
                    return self.dual_arith(f, &sym, args, live, guard_fail)
                }
                "<" | "=<" | ">" | ">=" | "==" | "/=" | "=:=" | "=/=" if float => {
                    return self.float_compare(f, &sym, args, guard_fail)
                }
                _ => {}
            }
        }
        if (self.nat.is_some() || self.spec.is_some()) && m == "erlang" && args.len() == 2 {
            if let Some(v) = self.native_int_bif(f, &sym, args, guard_fail)? {
                return Ok(v);
            }
        }
        let vals = self.operands(args)?;
        let p = self.p();
        let mut all = vec![p];
        all.extend(vals.iter().copied());
        if m == "erlang" && vals.len() == 1 && matches!(f, "hd" | "tl" | "tuple_size") {
            return self.unary_access(f, &sym, &all, guard_fail);
        }
        if m == "erlang" && vals.len() == 2 {
            match f {
                "+" | "-" | "*" => return self.arith(f, &sym, &all, live, guard_fail),
                "rem" | "div" | "band" | "bor" | "bxor" | "bsr" => {
                    return self.int_op(f, &sym, &all, guard_fail)
                }
                "<" | "=<" | ">" | ">=" | "==" | "/=" | "=:=" | "=/=" => {
                    return self.compare(f, &sym, &all, guard_fail)
                }
                "element" => return self.element(&sym, &all, guard_fail),
                _ => {}
            }
        }
        if self.nat.is_some() && guard_fail.is_none() && sym == APPEND_SYM {
            // `Acc ++ B` of a loop's fresh accumulator (see `BlockJoin::acc`).
            let first = self.blocks.values().find_map(|bj| match bj.acc {
                Some((_, v)) if args[0] == Operand::Var(v) => bj.first,
                _ => None,
            });
            return Ok(match first {
                Some(first) => self.native_append_in_place(vals[0], vals[1], first),
                None => self.native_append(vals[0], vals[1]),
            });
        }
        let r = self.rt(&sym, &all)?;
        self.after_raising(r, guard_fail);
        Ok(r)
    }

    /// The slow path shared by the inline BIFs: call the runtime's entry point (which
    /// computes the general case and raises BEAM's error) and join `done`.
    fn bif_slow(
        &mut self,
        slow: Block,
        done: Block,
        sym: &str,
        all: &[Value],
        guard_fail: Option<Block>,
    ) -> R<Value> {
        self.b.switch_to_block(slow);
        let r = self.rt_cold(sym, all)?;
        self.after_raising(r, guard_fail);
        self.jump(done, &[r]);
        self.b.switch_to_block(done);
        Ok(self.b.block_params(done)[0])
    }

    /// Continue in `yes` if `c`, else in a fresh block (returned, and switched to).
    fn guard_to(&mut self, c: Value, no: Block) {
        let ok = self.b.create_block();
        self.brif(c, ok, no);
        self.b.switch_to_block(ok);
    }

    /// Jump to `no` unless both operands are small integers.
    fn both_small(&mut self, a: Value, b: Value, no: Block) {
        let both = self.b.ins().band(a, b);
        let lo = self.b.ins().band_imm_s(both, 0xF);
        let small = self.b.ins().icmp_imm_s(IntCC::Equal, lo, 0xF);
        self.guard_to(small, no);
    }

    /// The f64 of a boxed float, or a jump to `no`.
    fn boxed_float(&mut self, v: Value, no: Block) -> Value {
        let tag = self.b.ins().band_imm_s(v, 3);
        let boxed = self.b.ins().icmp_imm_s(IntCC::Equal, tag, 2);
        self.guard_to(boxed, no);
        let h = self.load(v, -2);
        let is_float = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, h, FLOAT_HEADER as i64);
        self.guard_to(is_float, no);
        self.b.ins().load(types::F64, mf(), v, 6)
    }

    /// A number as f64 (a boxed float, or a small integer converted as BEAM's mixed
    /// arithmetic does), or a jump to `no` (bignums and non-numbers). The boxed float is
    /// the fall-through (this runs where a float is expected or small integers failed).
    fn number_f64(&mut self, v: Value, no: Block) -> Value {
        let hb = self.b.create_block();
        let fb = self.b.create_block();
        let ib = self.b.create_block();
        let done = self.b.create_block();
        self.b.append_block_param(done, types::F64);
        let tag = self.b.ins().band_imm_s(v, 3);
        let boxed = self.b.ins().icmp_imm_s(IntCC::Equal, tag, 2);
        self.brif(boxed, hb, ib);
        self.b.switch_to_block(hb);
        let h = self.load(v, -2);
        let is_float = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, h, FLOAT_HEADER as i64);
        self.brif(is_float, fb, ib);
        self.b.switch_to_block(fb);
        let y = self.b.ins().load(types::F64, mf(), v, 6);
        self.jump(done, &[y]);
        self.b.switch_to_block(ib);
        let lo = self.b.ins().band_imm_s(v, 0xF);
        let small = self.b.ins().icmp_imm_s(IntCC::Equal, lo, 0xF);
        self.guard_to(small, no);
        let i = self.b.ins().sshr_imm_s(v, 4);
        let x = self.b.ins().fcvt_from_sint(types::F64, i);
        self.jump(done, &[x]);
        self.b.switch_to_block(done);
        self.b.block_params(done)[0]
    }

    /// A small integer converted to f64 (a boxed float after all, or a jump to `no`).
    fn int_f64(&mut self, v: Value, no: Block) -> Value {
        let sb = self.b.create_block();
        let fb = self.b.create_block();
        let done = self.b.create_block();
        self.b.append_block_param(done, types::F64);
        let lo = self.b.ins().band_imm_s(v, 0xF);
        let small = self.b.ins().icmp_imm_s(IntCC::Equal, lo, 0xF);
        self.brif(small, sb, fb);
        self.b.switch_to_block(sb);
        let i = self.b.ins().sshr_imm_s(v, 4);
        let x = self.b.ins().fcvt_from_sint(types::F64, i);
        self.jump(done, &[x]);
        self.b.switch_to_block(fb);
        let y = self.boxed_float(v, no);
        self.jump(done, &[y]);
        self.b.switch_to_block(done);
        self.b.block_params(done)[0]
    }

    /// `+ - *` inline: small integers with overflow checks, then floats (and small
    /// integers mixed with floats) with the result boxed on the heap; bignums, non-finite
    /// results and non-numbers take the runtime's path. (`/` is always `float_arith`.)
    fn arith(
        &mut self,
        f: &str,
        sym: &str,
        all: &[Value],
        live: &BTreeSet<Var>,
        guard_fail: Option<Block>,
    ) -> R<Value> {
        let (a, b) = (all[1], all[2]);
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        self.b.append_block_param(done, I64);
        let flt = self.b.create_block();
        self.both_small(a, b, flt);
        let (r, of) = self.small_op(f, a, b);
        let okb = self.b.create_block();
        self.brif(of, slow, okb);
        self.b.switch_to_block(okb);
        self.jump(done, &[r]);
        self.b.switch_to_block(flt);
        let x = self.number_f64(a, slow);
        let y = self.number_f64(b, slow);
        let r = self.float_op(f, x, y, slow);
        self.float_result(r, false, live, done)?;
        self.bif_slow(slow, done, sym, all, guard_fail)
    }

    /// `a f b` (`+ - *`) on two small integers: the tagged result and the overflow flag
    /// (set exactly when the result does not fit a small).
    fn small_op(&mut self, f: &str, a: Value, b: Value) -> (Value, Value) {
        // `X + Lit`, `Lit + X`, `X - Lit`: the overflow is one comparison of X (Cranelift
        // turns an overflow flag into seto/test/jne).
        let k = match (f, self.const_of(a), self.const_of(b)) {
            ("+", _, Some(w)) | ("+", Some(w), None) => Some(w & !0xF),
            ("-", _, Some(w)) => (w & !0xF).checked_neg(),
            _ => None,
        };
        if let Some(k) = k {
            let x = if self.const_of(b).is_some() { a } else { b };
            let over = if k >= 0 {
                self.b
                    .ins()
                    .icmp_imm_s(IntCC::SignedGreaterThan, x, i64::MAX - k)
            } else {
                self.b
                    .ins()
                    .icmp_imm_s(IntCC::SignedLessThan, x, i64::MIN - k)
            };
            return (self.b.ins().iadd_imm_s(x, k), over);
        }
        match f {
            "+" => {
                let a0 = self.b.ins().iadd_imm_s(a, -0xF);
                self.b.ins().sadd_overflow(a0, b)
            }
            "-" => {
                let (d, of) = self.b.ins().ssub_overflow(a, b);
                (self.b.ins().iadd_imm_s(d, 0xF), of)
            }
            _ => {
                // (va) * (vb << 4) = (va * vb) << 4; fits an i64 exactly when the
                // product fits a small.
                let x = self.b.ins().sshr_imm_s(a, 4);
                let y = self.b.ins().band_imm_s(b, !0xF);
                let (m, of) = self.b.ins().smul_overflow(x, y);
                (self.b.ins().bor_imm_s(m, 0xF), of)
            }
        }
    }

    /// The value of `v` when it is an integer constant of this function.
    fn const_of(&self, v: Value) -> Option<i64> {
        use cranelift_codegen::ir::{InstructionData, Opcode, ValueDef};
        let ValueDef::Result(inst, _) = self.b.func.dfg.value_def(v) else {
            return None;
        };
        match self.b.func.dfg.insts[inst] {
            InstructionData::UnaryImm {
                opcode: Opcode::Iconst,
                imm,
            } => Some(imm.bits()),
            _ => None,
        }
    }

    /// `x f y` on f64s; division by zero and non-finite results go to `slow` (the BIF
    /// raises badarith there).
    fn float_op(&mut self, f: &str, x: Value, y: Value, slow: Block) -> Value {
        let r = match f {
            "+" => self.b.ins().fadd(x, y),
            "-" => self.b.ins().fsub(x, y),
            "*" => self.b.ins().fmul(x, y),
            _ => {
                let zero = self.b.ins().f64const(0.0);
                let nz = self.b.ins().fcmp(FloatCC::NotEqual, y, zero);
                self.guard_to(nz, slow);
                self.b.ins().fdiv(x, y)
            }
        };
        // Finite exactly when r - r is 0.0 (inf - inf and NaN - NaN are NaN).
        let z = self.b.ins().fsub(r, r);
        let finite = self.b.ins().fcmp(FloatCC::Ordered, z, z);
        self.guard_to(finite, slow);
        r
    }

    // ---- floats (see `floats`: statically float values, unboxed where possible) --------

    /// An arithmetic operand: an unboxed f64, a term statically known to be a boxed float,
    /// or any term.
    fn num(&mut self, o: &Operand) -> R<Num> {
        Ok(match o {
            Operand::Var(v) if self.fl.unboxed.contains(v) => {
                let x = self.fvar(*v);
                Num::F(self.b.use_var(x))
            }
            Operand::Var(v) if self.fl.typed.contains(v) => Num::Boxed(self.use_(*v)),
            Operand::Var(v) if self.fl.dual.contains(v) => {
                let x = self.fvar(*v);
                let f = self.b.use_var(x);
                Num::Dual(f, self.use_(*v))
            }
            Operand::Lit(Literal::Float(x)) => Num::F(self.b.ins().f64const(*x)),
            _ => Num::Term(self.operand(o)?),
        })
    }
    fn fvar(&mut self, v: Var) -> Variable {
        if let Some(x) = self.fvars.get(&v) {
            return *x;
        }
        let x = self.b.declare_var(types::F64);
        self.fvars.insert(v, x);
        x
    }
    /// The f64 of an operand on a float fast path: any term must be a boxed float (or,
    /// when `ints`, a small integer, converted as mixed arithmetic does); otherwise `slow`.
    fn num_f64(&mut self, n: &Num, ints: bool, slow: Block) -> Value {
        match *n {
            Num::F(x) => x,
            Num::Boxed(t) => self.b.ins().load(types::F64, mf(), t, 6),
            Num::Term(t) if ints => self.number_f64(t, slow),
            Num::Term(t) => self.boxed_float(t, slow),
            Num::Dual(f, t) => {
                // `[]`: the float is `f`; else the term is the number.
                let other = self.b.create_block();
                let done = self.b.create_block();
                self.b.append_block_param(done, types::F64);
                let is_f = self.b.ins().icmp_imm_s(IntCC::Equal, t, NIL);
                self.b
                    .ins()
                    .brif(is_f, done, &[BlockArg::Value(f)], other, &[]);
                self.b.switch_to_block(other);
                // Not `[]`: most likely a small integer (a float is in `f`).
                let x = if ints {
                    self.int_f64(t, slow)
                } else {
                    self.boxed_float(t, slow)
                };
                self.jump(done, &[x]);
                self.b.switch_to_block(done);
                self.b.block_params(done)[0]
            }
        }
    }
    /// `num_f64` (small integers converted) for operand `o`, testing for a small integer
    /// first when `o` is most likely one.
    fn arg_f64(&mut self, o: &Operand, n: &Num, slow: Block) -> Value {
        match (o, n) {
            (Operand::Var(_), Num::Term(t)) if self.known_small(o) => {
                let i = self.b.ins().sshr_imm_s(*t, 4);
                self.b.ins().fcvt_from_sint(types::F64, i)
            }
            (Operand::Var(v), Num::Term(t)) if self.fl.intish.contains(v) => self.int_f64(*t, slow),
            _ => self.num_f64(n, true, slow),
        }
    }
    /// An operand as a term, boxing an unboxed float (on cold paths: through the runtime,
    /// which never collects, so no other value moves).
    fn num_term(&mut self, n: &Num) -> R<Value> {
        match *n {
            Num::F(x) => {
                let bits = self.b.ins().bitcast(I64, MemFlagsData::new(), x);
                let p = self.p();
                self.rt_cold("ferl_rt_box_float", &[p, bits])
            }
            Num::Boxed(t) | Num::Term(t) => Ok(t),
            Num::Dual(f, t) => {
                let bx = self.b.create_block();
                let done = self.b.create_block();
                self.b.append_block_param(done, I64);
                let is_f = self.b.ins().icmp_imm_s(IntCC::Equal, t, NIL);
                self.b
                    .ins()
                    .brif(is_f, bx, &[], done, &[BlockArg::Value(t)]);
                self.b.switch_to_block(bx);
                let x = self.num_term(&Num::F(f))?;
                self.jump(done, &[x]);
                self.b.switch_to_block(done);
                Ok(self.b.block_params(done)[0])
            }
        }
    }
    /// The values a self-loop header receives from the entry: loop parameters (`lp`)
    /// unboxed (statically floats, so boxed floats here).
    fn loop_unbox(&mut self, lp: &[bool], vals: &[Value]) -> Vec<Value> {
        let mut out = Vec::with_capacity(vals.len());
        for (i, v) in vals.iter().enumerate() {
            out.push(if lp.get(i) == Some(&true) {
                self.b.ins().load(types::F64, mf(), *v, 6)
            } else {
                *v
            });
        }
        out
    }
    /// The header's values as terms (the yield path, cold): loop parameters boxed.
    fn loop_box(&mut self, lp: &[bool], vals: &[Value]) -> R<Vec<Value>> {
        let mut out = Vec::with_capacity(vals.len());
        for (i, v) in vals.iter().enumerate() {
            out.push(if lp.get(i) == Some(&true) {
                self.num_term(&Num::F(*v))?
            } else {
                *v
            });
        }
        Ok(out)
    }
    /// The arguments of a self tail call for the loop header: f64s at loop-parameter
    /// positions (every argument there is statically a float).
    fn loop_args(&mut self, args: &[Operand]) -> R<Vec<Value>> {
        let mut out = Vec::with_capacity(args.len());
        for (i, a) in args.iter().enumerate() {
            out.push(if self.fl.loop_params.get(i) == Some(&true) {
                match self.num(a)? {
                    Num::F(x) => x,
                    Num::Boxed(t) | Num::Term(t) => self.b.ins().load(types::F64, mf(), t, 6),
                    Num::Dual(..) => {
                        return Err(unsupported("speculative float as a loop parameter"))
                    }
                }
            } else {
                self.operand(a)?
            });
        }
        Ok(out)
    }
    /// The operand of a `return`: an unboxed float is boxed here (nothing else is live).
    fn return_operand(&mut self, o: &Operand) -> R<Value> {
        match o {
            Operand::Var(v) if self.fl.unboxed.contains(v) => {
                let x = self.fvar(*v);
                let r = self.b.use_var(x);
                let done = self.b.create_block();
                self.b.append_block_param(done, I64);
                self.float_result(r, false, &BTreeSet::new(), done)?;
                self.b.switch_to_block(done);
                Ok(self.b.block_params(done)[0])
            }
            _ => self.operand(o),
        }
    }
    /// Is the variable being bound (`dest`) kept unboxed.
    fn dest_unboxed(&self) -> Option<Var> {
        self.dest.filter(|d| self.fl.unboxed.contains(d))
    }
    /// Finish a float result `r` computed on the fast path: jump to `done` with it
    /// unboxed, or boxed on the heap.
    fn float_result(
        &mut self,
        r: Value,
        unboxed: bool,
        live: &BTreeSet<Var>,
        done: Block,
    ) -> R<()> {
        if unboxed {
            self.jump(done, &[r]);
            return Ok(());
        }
        let (htop, _) = self.ensure(2, live)?;
        let addr = self.bump(htop, 2);
        let h = self.iconst(FLOAT_HEADER as i64);
        self.store(h, addr, 0);
        self.b.ins().store(mf(), r, addr, 8);
        let t = self.b.ins().iadd_imm_s(addr, 2);
        self.jump(done, &[t]);
        Ok(())
    }
    /// The slow path of a float operation: the runtime's entry point `sym` on the operands
    /// as terms (it computes the general case or raises BEAM's error); joins `done`.
    /// Returns the result: an unboxed float bound to `dest` (and a placeholder term), or the
    /// term.
    fn float_slow(
        &mut self,
        slow: Block,
        done: Block,
        sym: &str,
        ops: &[Num],
        dest: Option<Var>,
        guard_fail: Option<Block>,
    ) -> R<Value> {
        self.b.switch_to_block(slow);
        let p = self.p();
        let mut all = vec![p];
        for n in ops {
            all.push(self.num_term(n)?);
        }
        let r = self.rt_cold(sym, &all)?;
        self.after_raising(r, guard_fail);
        if dest.is_some() {
            // Statically a float: the runtime's result is a boxed float.
            let x = self.b.ins().load(types::F64, mf(), r, 6);
            self.jump(done, &[x]);
        } else {
            self.jump(done, &[r]);
        }
        self.b.switch_to_block(done);
        let v = self.b.block_params(done)[0];
        match dest {
            Some(d) => {
                let x = self.fvar(d);
                self.b.def_var(x, v);
                Ok(self.iconst(0))
            }
            None => Ok(v),
        }
    }
    /// `/`, and `+ - *` with a statically float operand: only the float path inline (small
    /// integers are converted), the result unboxed when `floats` says so.
    fn float_arith(
        &mut self,
        f: &str,
        sym: &str,
        args: &[Operand],
        live: &BTreeSet<Var>,
        guard_fail: Option<Block>,
    ) -> R<Value> {
        let na = self.num(&args[0])?;
        let nb = self.num(&args[1])?;
        let dest = self.dest_unboxed();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        self.b
            .append_block_param(done, if dest.is_some() { types::F64 } else { I64 });
        let x = self.arg_f64(&args[0], &na, slow);
        let y = self.arg_f64(&args[1], &nb, slow);
        let r = self.float_op(f, x, y, slow);
        self.float_result(r, dest.is_some(), live, done)?;
        self.float_slow(slow, done, sym, &[na, nb], dest, guard_fail)
    }
    /// Does `+ - *` on `args` (no operand statically a float) read or bind a speculative
    /// float pair.
    fn dual_involved(&self, args: &[Operand]) -> bool {
        let dual = |v: &Var| self.fl.dual.contains(v);
        self.dest.as_ref().is_some_and(dual)
            || args.iter().any(|a| a.as_var().is_some_and(|v| dual(&v)))
    }
    /// `+ - *` on operands of unknown type, where an operand or the result is a
    /// speculative float pair: small integers inline, then floats (the result kept as a
    /// pair when `dest` is one, else boxed), then the runtime.
    fn dual_arith(
        &mut self,
        f: &str,
        sym: &str,
        args: &[Operand],
        live: &BTreeSet<Var>,
        guard_fail: Option<Block>,
    ) -> R<Value> {
        let na = self.num(&args[0])?;
        let nb = self.num(&args[1])?;
        let term = |n: &Num| match *n {
            Num::Dual(_, t) | Num::Term(t) | Num::Boxed(t) => Some(t),
            Num::F(_) => None,
        };
        let (Some(a), Some(b)) = (term(&na), term(&nb)) else {
            return Err(unsupported(
                "speculative float arithmetic on an unboxed float",
            ));
        };
        let dest = self.dest.filter(|d| self.fl.dual.contains(d));
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        // The term, and the f64 when `dest` is a pair (0.0 where the term is the value).
        let done = self.b.create_block();
        self.b.append_block_param(done, I64);
        if dest.is_some() {
            self.b.append_block_param(done, types::F64);
        }
        let with_zero = |t: &mut Self, r: Value| -> Vec<Value> {
            if dest.is_some() {
                vec![r, t.b.ins().f64const(0.0)]
            } else {
                vec![r]
            }
        };
        let intish = args
            .iter()
            .any(|o| o.as_var().is_some_and(|v| self.fl.intish.contains(&v)));
        if !intish {
            // Most likely floats: two floats first (a pair's `[]`, or a boxed float).
            let generic = self.b.create_block();
            let x = self.spec_f64(&na, generic);
            let y = self.spec_f64(&nb, generic);
            let r = self.float_op(f, x, y, slow);
            self.dual_result(r, dest, live, done)?;
            self.b.switch_to_block(generic);
        }
        let flt = self.b.create_block();
        self.both_small(a, b, flt);
        let (r, of) = self.small_op(f, a, b);
        let okb = self.b.create_block();
        self.brif(of, slow, okb);
        self.b.switch_to_block(okb);
        let out = with_zero(self, r);
        self.jump(done, &out);
        self.b.switch_to_block(flt);
        let x = self.arg_f64(&args[0], &na, slow);
        let y = self.arg_f64(&args[1], &nb, slow);
        let r = self.float_op(f, x, y, slow);
        self.dual_result(r, dest, live, done)?;
        self.b.switch_to_block(slow);
        let p = self.p();
        let ta = self.num_term(&na)?;
        let tb = self.num_term(&nb)?;
        let r = self.rt_cold(sym, &[p, ta, tb])?;
        self.after_raising(r, guard_fail);
        let out = with_zero(self, r);
        self.jump(done, &out);
        self.b.switch_to_block(done);
        let ps = self.b.block_params(done).to_vec();
        if let Some(d) = dest {
            let x = self.fvar(d);
            self.b.def_var(x, ps[1]);
        }
        Ok(ps[0])
    }
    /// The f64 of a float operand on the speculative path: a pair holding a float, or a
    /// boxed float; anything else jumps to `no`.
    fn spec_f64(&mut self, n: &Num, no: Block) -> Value {
        match *n {
            Num::Dual(f, t) => {
                let is_f = self.b.ins().icmp_imm_s(IntCC::Equal, t, NIL);
                self.guard_to(is_f, no);
                f
            }
            Num::Term(t) | Num::Boxed(t) => self.boxed_float(t, no),
            Num::F(x) => x,
        }
    }
    /// Join `done` with float result `r` of `dual_arith`: as a pair when `dest` is one,
    /// else boxed.
    fn dual_result(
        &mut self,
        r: Value,
        dest: Option<Var>,
        live: &BTreeSet<Var>,
        done: Block,
    ) -> R<()> {
        if dest.is_some() {
            let nil = self.iconst(NIL);
            self.jump(done, &[nil, r]);
            Ok(())
        } else {
            self.float_result(r, false, live, done)
        }
    }
    /// A comparison with a statically float operand: IEEE comparison when both are floats
    /// (OTP 25: 0.0 == -0.0 and 0.0 =:= -0.0), the runtime otherwise.
    fn float_compare(
        &mut self,
        f: &str,
        sym: &str,
        args: &[Operand],
        guard_fail: Option<Block>,
    ) -> R<Value> {
        let na = self.num(&args[0])?;
        let nb = self.num(&args[1])?;
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        self.b.append_block_param(done, I64);
        let x = self.num_f64(&na, false, slow);
        let y = self.num_f64(&nb, false, slow);
        let c = self.b.ins().fcmp(float_cc(cmp_op(f)), x, y);
        let t = self.iconst(TRUE);
        let fl = self.iconst(FALSE);
        let r = self.b.ins().select(c, t, fl);
        self.jump(done, &[r]);
        self.float_slow(slow, done, sym, &[na, nb], None, guard_fail)
    }
    /// `math:sqrt/1` inline (`sqrtsd`); negative numbers and non-numbers go to the BIF,
    /// which raises badarith.
    fn sqrt(&mut self, call: &Call, var: Var, live: &BTreeSet<Var>) -> R<Value> {
        let sym = direct_bif(call).ok_or_else(|| unsupported("math:sqrt/1"))?;
        let n = self.num(&call.args[0])?;
        let dest = self.fl.unboxed.contains(&var).then_some(var);
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        self.b
            .append_block_param(done, if dest.is_some() { types::F64 } else { I64 });
        let x = self.num_f64(&n, true, slow);
        let zero = self.b.ins().f64const(0.0);
        let ok = self.b.ins().fcmp(FloatCC::GreaterThanOrEqual, x, zero);
        self.guard_to(ok, slow);
        let r = self.b.ins().sqrt(x);
        self.float_result(r, dest.is_some(), live, done)?;
        self.float_slow(slow, done, &sym, &[n], dest, None)
    }

    /// `rem div band bor bxor bsr` on small integers inline; everything else (bignums,
    /// zero divisors, errors) through the runtime.
    fn int_op(&mut self, f: &str, sym: &str, all: &[Value], guard_fail: Option<Block>) -> R<Value> {
        let (a, b) = (all[1], all[2]);
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        self.b.append_block_param(done, I64);
        self.both_small(a, b, slow);
        let r = match f {
            "band" => self.b.ins().band(a, b),
            "bor" => self.b.ins().bor(a, b),
            "bxor" => {
                let x = self.b.ins().bxor(a, b);
                self.b.ins().bor_imm_s(x, 0xF)
            }
            "bsr" => {
                // Shift counts 0..=63 only (negative counts shift left: runtime).
                let n = self.b.ins().sshr_imm_s(b, 4);
                let ok = self.b.ins().icmp_imm_u(IntCC::UnsignedLessThan, n, 64);
                self.guard_to(ok, slow);
                let v = self.b.ins().sshr_imm_s(a, 4);
                let s = self.b.ins().sshr(v, n);
                let t = self.b.ins().ishl_imm_s(s, 4);
                self.b.ins().bor_imm_s(t, 0xF)
            }
            _ => {
                // div / rem: the divisor must be non-zero; the only overflow
                // (min_small div -1) still fits an i64 and is caught below.
                let y = self.b.ins().sshr_imm_s(b, 4);
                let nz = self.b.ins().icmp_imm_s(IntCC::NotEqual, y, 0);
                self.guard_to(nz, slow);
                let x = self.b.ins().sshr_imm_s(a, 4);
                let q = if f == "div" {
                    self.b.ins().sdiv(x, y)
                } else {
                    self.b.ins().srem(x, y)
                };
                // Back to a small: it must survive the round trip through the tag shift.
                // |x rem y| <= |x| and |x div y| <= |x| except for y = -1: with a literal
                // divisor other than -1 (`div 2`) the result is small.
                let t = self.b.ins().ishl_imm_s(q, 4);
                let lit = self.const_of(b).map(|w| w >> 4);
                if f == "div" && lit.is_none_or(|d| d == -1) {
                    let back = self.b.ins().sshr_imm_s(t, 4);
                    let fits = self.b.ins().icmp(IntCC::Equal, back, q);
                    self.guard_to(fits, slow);
                }
                self.b.ins().bor_imm_s(t, 0xF)
            }
        };
        self.jump(done, &[r]);
        self.bif_slow(slow, done, sym, all, guard_fail)
    }

    /// Term comparisons inline for two small integers (raw signed compare) and two floats.
    fn compare(
        &mut self,
        f: &str,
        sym: &str,
        all: &[Value],
        guard_fail: Option<Block>,
    ) -> R<Value> {
        let (a, b) = (all[1], all[2]);
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        self.b.append_block_param(done, I64);
        let flt = self.b.create_block();
        self.both_small(a, b, flt);
        let op = cmp_op(f);
        let c = self.b.ins().icmp(int_cc(op), a, b);
        let t = self.iconst(TRUE);
        let fl = self.iconst(FALSE);
        let r = self.b.ins().select(c, t, fl);
        self.jump(done, &[r]);
        // Two floats: IEEE comparison (in OTP 25, 0.0 == -0.0 and 0.0 =:= -0.0 both hold).
        self.b.switch_to_block(flt);
        let x = self.boxed_float(a, slow);
        let y = self.boxed_float(b, slow);
        let c = self.b.ins().fcmp(float_cc(op), x, y);
        let t = self.iconst(TRUE);
        let fl = self.iconst(FALSE);
        let r = self.b.ins().select(c, t, fl);
        self.jump(done, &[r]);
        self.bif_slow(slow, done, sym, all, guard_fail)
    }

    /// `hd/1`, `tl/1` of a cons and `tuple_size/1` of a tuple inline; the runtime raises
    /// badarg otherwise.
    fn unary_access(
        &mut self,
        f: &str,
        sym: &str,
        all: &[Value],
        guard_fail: Option<Block>,
    ) -> R<Value> {
        let v = all[1];
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        self.b.append_block_param(done, I64);
        let tag = self.b.ins().band_imm_s(v, 3);
        let r = if f == "tuple_size" {
            let boxed = self.b.ins().icmp_imm_s(IntCC::Equal, tag, 2);
            self.guard_to(boxed, slow);
            let h = self.load(v, -2);
            let st = self.b.ins().band_imm_s(h, 0x3F);
            let is_tuple =
                self.b
                    .ins()
                    .icmp_imm_s(IntCC::Equal, st, make_header(sub::TUPLE, 0) as i64);
            self.guard_to(is_tuple, slow);
            let arity = self.b.ins().ushr_imm_s(h, 6);
            let t = self.b.ins().ishl_imm_s(arity, 4);
            self.b.ins().bor_imm_s(t, 0xF)
        } else {
            let cons = self.b.ins().icmp_imm_s(IntCC::Equal, tag, 1);
            self.guard_to(cons, slow);
            self.load(v, if f == "hd" { -1 } else { 7 })
        };
        self.jump(done, &[r]);
        self.bif_slow(slow, done, sym, all, guard_fail)
    }

    /// `element(N, Tuple)` inline when N is a small integer within the tuple's arity.
    fn element(&mut self, sym: &str, all: &[Value], guard_fail: Option<Block>) -> R<Value> {
        let (n, t) = (all[1], all[2]);
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        self.b.append_block_param(done, I64);
        let lo = self.b.ins().band_imm_s(n, 0xF);
        let small = self.b.ins().icmp_imm_s(IntCC::Equal, lo, 0xF);
        self.guard_to(small, slow);
        let tag = self.b.ins().band_imm_s(t, 3);
        let boxed = self.b.ins().icmp_imm_s(IntCC::Equal, tag, 2);
        self.guard_to(boxed, slow);
        let h = self.load(t, -2);
        let st = self.b.ins().band_imm_s(h, 0x3F);
        let is_tuple = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, st, make_header(sub::TUPLE, 0) as i64);
        self.guard_to(is_tuple, slow);
        let arity = self.b.ins().ushr_imm_s(h, 6);
        let i = self.b.ins().sshr_imm_s(n, 4);
        let i0 = self.b.ins().iadd_imm_s(i, -1);
        // 1 =< N =< arity, as one unsigned comparison of N - 1 < arity.
        let inb = self.b.ins().icmp(IntCC::UnsignedLessThan, i0, arity);
        self.guard_to(inb, slow);
        let off = self.b.ins().ishl_imm_s(i, 3);
        let a = self.b.ins().iadd(t, off);
        let v = self.load(a, -2);
        self.jump(done, &[v]);
        self.bif_slow(slow, done, sym, all, guard_fail)
    }

    // ---- tests ------------------------------------------------------------------------

    fn test(&mut self, t: &Test, yes: Block, no: Block, live: &BTreeSet<Var>) -> R<()> {
        match t {
            Test::Type(tt, o) => {
                let v = self.operand(o)?;
                self.type_test(*tt, v, yes, no)
            }
            Test::TupleArity(o, n) => {
                let v = self.operand(o)?;
                let hdr = make_header(sub::TUPLE, *n as usize) as i64;
                self.boxed_test(v, yes, no, move |t, h| {
                    t.b.ins().icmp_imm_s(IntCC::Equal, h, hdr)
                });
                Ok(())
            }
            Test::FunctionArity(f, a) => {
                let f = self.operand(f)?;
                let a = self.operand(a)?;
                let r = self.rt("ferl_rt_is_function2", &[f, a])?;
                self.brif(r, yes, no);
                Ok(())
            }
            Test::Cmp(op, a, b) if self.fl.is_float(a) || self.fl.is_float(b) => {
                let na = self.num(a)?;
                let nb = self.num(b)?;
                let rt = self.b.create_block();
                self.b.set_cold_block(rt);
                let x = self.num_f64(&na, false, rt);
                let y = self.num_f64(&nb, false, rt);
                let c = self.b.ins().fcmp(float_cc(*op), x, y);
                self.brif(c, yes, no);
                self.b.switch_to_block(rt);
                let ta = self.num_term(&na)?;
                let tb = self.num_term(&nb)?;
                let k = self.iconst(cmp_code(*op));
                let p = self.p();
                let r = self.rt_cold("ferl_rt_cmp", &[p, k, ta, tb])?;
                self.brif(r, yes, no);
                Ok(())
            }
            Test::Cmp(op, a, b)
                if self.nat.is_some() && self.native_small_only(Some(*op), a, b) =>
            {
                let c = self.native_int_compare(*op, a, b)?;
                self.brif(c, yes, no);
                Ok(())
            }
            Test::Cmp(op, a, b) => {
                let atomic =
                    |o: &Operand| matches!(o, Operand::Lit(Literal::Atom(_) | Literal::Nil));
                let va = self.operand(a)?;
                let vb = self.operand(b)?;
                let eqish = matches!(op, CmpOp::Eq | CmpOp::ExactEq | CmpOp::Ne | CmpOp::ExactNe);
                // `=:=` a small integer is word equality too (`==` is not: `0 == 0.0`).
                let small_lit = |o: &Operand| match o {
                    Operand::Lit(Literal::Int(i)) => data::small_word(i).is_some(),
                    _ => false,
                };
                let exact = matches!(op, CmpOp::ExactEq | CmpOp::ExactNe);
                if eqish && (atomic(a) || atomic(b) || exact && (small_lit(a) || small_lit(b))) {
                    let cc = if matches!(op, CmpOp::Eq | CmpOp::ExactEq) {
                        IntCC::Equal
                    } else {
                        IntCC::NotEqual
                    };
                    let c = self.b.ins().icmp(cc, va, vb);
                    self.brif(c, yes, no);
                    return Ok(());
                }
                let both = self.b.ins().band(va, vb);
                let lo = self.b.ins().band_imm_s(both, 0xF);
                let small = self.b.ins().icmp_imm_s(IntCC::Equal, lo, 0xF);
                let fast = self.b.create_block();
                let slow = self.b.create_block();
                self.brif(small, fast, slow);
                self.b.switch_to_block(fast);
                let c = self.b.ins().icmp(int_cc(*op), va, vb);
                self.brif(c, yes, no);
                // Two floats: IEEE comparison (OTP 25: 0.0 == -0.0 and 0.0 =:= -0.0).
                self.b.switch_to_block(slow);
                let rt = self.b.create_block();
                self.b.set_cold_block(rt);
                let x = self.boxed_float(va, rt);
                let y = self.boxed_float(vb, rt);
                let c = self.b.ins().fcmp(float_cc(*op), x, y);
                self.brif(c, yes, no);
                self.b.switch_to_block(rt);
                let k = self.iconst(cmp_code(*op));
                let p = self.p();
                let r = self.rt_cold("ferl_rt_cmp", &[p, k, va, vb])?;
                self.brif(r, yes, no);
                Ok(())
            }
            Test::MapGet { map, key, out } => {
                let m = self.operand(map)?;
                let k = self.operand(key)?;
                let r = self.rt("ferl_rt_map_get", &[m, k])?;
                self.def(*out, r);
                let bad = self.b.ins().icmp_imm_s(IntCC::Equal, r, NON_VALUE);
                self.brif(bad, no, yes);
                Ok(())
            }
            Test::Guard { prim, out } => {
                let mut live = live.clone();
                live.remove(out);
                self.dest = Some(*out);
                let v = self.prim_g(prim, &live, Some(no));
                self.dest = None;
                let v = v?;
                self.def(*out, v);
                self.jump(yes, &[]);
                Ok(())
            }
            Test::BsGet {
                ctx,
                spec,
                size,
                out,
                rest,
            } => {
                let c = self.use_(*ctx);
                let sz = match size {
                    Some(o) => self.operand(o)?,
                    None => self.iconst(NON_VALUE),
                };
                let sp = self.iconst(seg_spec(spec) as i64);
                let p = self.p();
                let r = self.rt("ferl_rt_bs_get", &[p, c, sz, sp])?;
                if let Some(o) = out {
                    let xr = self.xregs();
                    let v = self.load(xr, 0);
                    self.def(*o, v);
                }
                self.def(*rest, r);
                let bad = self.b.ins().icmp_imm_s(IntCC::Equal, r, NON_VALUE);
                self.brif(bad, no, yes);
                Ok(())
            }
            Test::BsEnd(ctx) => {
                let c = self.use_(*ctx);
                let r = self.rt("ferl_rt_bs_end", &[c])?;
                self.brif(r, yes, no);
                Ok(())
            }
        }
    }

    /// Branch on `pred(header)` when `v` is boxed, else to `no`.
    fn boxed_test(
        &mut self,
        v: Value,
        yes: Block,
        no: Block,
        pred: impl FnOnce(&mut Self, Value) -> Value,
    ) {
        let tag = self.b.ins().band_imm_s(v, 3);
        let isb = self.b.ins().icmp_imm_s(IntCC::Equal, tag, 2);
        let bx = self.b.create_block();
        self.brif(isb, bx, no);
        self.b.switch_to_block(bx);
        let h = self.load(v, -2);
        let c = pred(self, h);
        self.brif(c, yes, no);
    }

    fn subtag_in(&mut self, v: Value, subs: &'static [u64], yes: Block, no: Block) {
        self.boxed_test(v, yes, no, move |t, h| {
            let s = t.b.ins().ushr_imm_s(h, 2);
            let s = t.b.ins().band_imm_s(s, 0xF);
            let mut acc: Option<Value> = None;
            for st in subs {
                let c = t.b.ins().icmp_imm_s(IntCC::Equal, s, *st as i64);
                acc = Some(match acc {
                    Some(a) => t.b.ins().bor(a, c),
                    None => c,
                });
            }
            acc.unwrap_or_else(|| t.b.ins().iconst(types::I8, 0))
        });
    }

    fn imm_test(&mut self, v: Value, mask: i64, val: i64, yes: Block, no: Block) {
        let m = self.tag_mismatch(v, mask, val);
        self.brif(m, no, yes);
    }

    /// Nonzero unless `v & mask == val` (`mask` of the form 2^k - 1): computed as
    /// `(v - val) & mask`, one `lea` and a `test` on x86-64 where the direct form needs a
    /// copy of `v`, an `and` and a compare.
    fn tag_mismatch(&mut self, v: Value, mask: i64, val: i64) -> Value {
        debug_assert!(mask & (mask + 1) == 0 && val & !mask == 0);
        let d = self.b.ins().iadd_imm_s(v, -val);
        self.b.ins().band_imm_s(d, mask)
    }

    fn type_test(&mut self, tt: TypeTest, v: Value, yes: Block, no: Block) -> R<()> {
        match tt {
            TypeTest::Atom => self.imm_test(v, 0x3F, 0x0B, yes, no),
            TypeTest::Boolean => {
                let a = self.b.ins().icmp_imm_s(IntCC::Equal, v, TRUE);
                let b2 = self.b.ins().icmp_imm_s(IntCC::Equal, v, FALSE);
                let c = self.b.ins().bor(a, b2);
                self.brif(c, yes, no);
            }
            TypeTest::Integer | TypeTest::Number => {
                let other = self.b.create_block();
                let m = self.b.ins().band_imm_s(v, 0xF);
                let c = self.b.ins().icmp_imm_s(IntCC::Equal, m, 0xF);
                self.brif(c, yes, other);
                self.b.switch_to_block(other);
                let subs: &'static [u64] = if tt == TypeTest::Integer {
                    &[sub::POS_BIG, sub::NEG_BIG]
                } else {
                    &[sub::POS_BIG, sub::NEG_BIG, sub::FLOAT]
                };
                self.subtag_in(v, subs, yes, no);
            }
            TypeTest::Float => self.subtag_in(v, &[sub::FLOAT], yes, no),
            TypeTest::Tuple => self.subtag_in(v, &[sub::TUPLE], yes, no),
            TypeTest::Cons => self.imm_test(v, 3, 1, yes, no),
            TypeTest::Nil => {
                let c = self.b.ins().icmp_imm_s(IntCC::Equal, v, NIL);
                self.brif(c, yes, no);
            }
            TypeTest::List => {
                let other = self.b.create_block();
                let c = self.b.ins().icmp_imm_s(IntCC::Equal, v, NIL);
                self.brif(c, yes, other);
                self.b.switch_to_block(other);
                self.imm_test(v, 3, 1, yes, no);
            }
            TypeTest::Map => self.subtag_in(v, &[sub::MAP_FLAT, sub::MAP_LARGE], yes, no),
            TypeTest::Bitstring => {
                self.subtag_in(v, &[sub::HEAP_BIN, sub::REFC_BIN, sub::SUB_BIN], yes, no)
            }
            TypeTest::Binary => {
                let r = self.rt("ferl_rt_is_binary", &[v])?;
                self.brif(r, yes, no);
            }
            TypeTest::Function => self.subtag_in(v, &[sub::FUN, sub::EXPORT], yes, no),
            TypeTest::Pid => self.imm_test(v, 0xF, 0x3, yes, no),
            TypeTest::Port => self.imm_test(v, 0xF, 0x7, yes, no),
            TypeTest::Reference => self.subtag_in(v, &[sub::REF], yes, no),
        }
        Ok(())
    }

    fn con_test(&mut self, v: Value, con: &Con, yes: Block, no: Block) -> R<()> {
        match con {
            Con::Lit(l) => match l {
                Literal::Atom(_) | Literal::Nil => {
                    let w = self.literal(l)?;
                    let c = self.b.ins().icmp(IntCC::Equal, v, w);
                    self.brif(c, yes, no);
                }
                Literal::Int(i) if data::small_word(i).is_some() => {
                    let c = self.b.ins().icmp_imm_s(
                        IntCC::Equal,
                        v,
                        data::small_word(i).unwrap_or(0) as i64,
                    );
                    self.brif(c, yes, no);
                }
                _ => {
                    let w = self.literal(l)?;
                    let k = self.iconst(2);
                    let p = self.p();
                    let r = self.rt("ferl_rt_cmp", &[p, k, v, w])?;
                    self.brif(r, yes, no);
                }
            },
            Con::Tuple(n) => {
                let hdr = make_header(sub::TUPLE, *n as usize) as i64;
                self.boxed_test(v, yes, no, move |t, h| {
                    t.b.ins().icmp_imm_s(IntCC::Equal, h, hdr)
                });
            }
            Con::Cons => self.imm_test(v, 3, 1, yes, no),
            Con::Map => self.subtag_in(v, &[sub::MAP_FLAT, sub::MAP_LARGE], yes, no),
            Con::Bitstring => {
                self.subtag_in(v, &[sub::HEAP_BIN, sub::REFC_BIN, sub::SUB_BIN], yes, no)
            }
        }
        Ok(())
    }
}

use ferl_ir::ir::Call;

/// The runtime symbol of a remote call `M:F(Args)` with literal M and F that the runtime
/// implements as a C entry point (a BIF), if any.
/// The comparison an operator BIF name stands for.
fn cmp_op(f: &str) -> CmpOp {
    match f {
        "<" => CmpOp::Lt,
        "=<" => CmpOp::Le,
        ">" => CmpOp::Gt,
        ">=" => CmpOp::Ge,
        "==" => CmpOp::Eq,
        "=:=" => CmpOp::ExactEq,
        "/=" => CmpOp::Ne,
        _ => CmpOp::ExactNe,
    }
}

/// Signed compare of two small integers' words (equality is exact on immediates).
/// The operator code of `ferl_rt_cmp`.
fn cmp_code(op: CmpOp) -> i64 {
    match op {
        CmpOp::Eq => 0,
        CmpOp::Ne => 1,
        CmpOp::ExactEq => 2,
        CmpOp::ExactNe => 3,
        CmpOp::Lt => 4,
        CmpOp::Le => 5,
        CmpOp::Gt => 6,
        CmpOp::Ge => 7,
    }
}

fn int_cc(op: CmpOp) -> IntCC {
    match op {
        CmpOp::Eq | CmpOp::ExactEq => IntCC::Equal,
        CmpOp::Ne | CmpOp::ExactNe => IntCC::NotEqual,
        CmpOp::Lt => IntCC::SignedLessThan,
        CmpOp::Le => IntCC::SignedLessThanOrEqual,
        CmpOp::Gt => IntCC::SignedGreaterThan,
        CmpOp::Ge => IntCC::SignedGreaterThanOrEqual,
    }
}

/// IEEE compare of two floats (OTP 25: 0.0 == -0.0 and 0.0 =:= -0.0 both hold).
fn float_cc(op: CmpOp) -> FloatCC {
    match op {
        CmpOp::Eq | CmpOp::ExactEq => FloatCC::Equal,
        CmpOp::Ne | CmpOp::ExactNe => FloatCC::NotEqual,
        CmpOp::Lt => FloatCC::LessThan,
        CmpOp::Le => FloatCC::LessThanOrEqual,
        CmpOp::Gt => FloatCC::GreaterThan,
        CmpOp::Ge => FloatCC::GreaterThanOrEqual,
    }
}

/// Is a non-tail call compiled inline (no continuation): a direct BIF call.
pub(crate) fn inline_call(c: &Call) -> bool {
    direct_bif(c).is_some()
}

fn direct_bif(c: &Call) -> Option<String> {
    let Callee::Remote {
        module: Operand::Lit(Literal::Atom(m)),
        function: Operand::Lit(Literal::Atom(f)),
    } = &c.callee
    else {
        return None;
    };
    if c.args.len() > 5 {
        return None;
    }
    let sym = ferl_runtime::abi::bif_symbol(m, f, c.args.len() as u32);
    ferl_runtime::native::has_symbol(&sym).then_some(sym)
}

/// The runtime's encoding of a segment spec (`native::bin::spec`).
fn seg_spec(s: &ir::SegSpec) -> u64 {
    use ferl_runtime::native::bin::spec as k;
    let ty = match s.ty {
        ir::BinType::Integer => k::INTEGER,
        ir::BinType::Float => k::FLOAT,
        ir::BinType::Binary => k::BINARY,
        ir::BinType::Bitstring => k::BITSTRING,
        ir::BinType::Utf8 => k::UTF8,
        ir::BinType::Utf16 => k::UTF16,
        ir::BinType::Utf32 => k::UTF32,
    };
    let en = match s.endian {
        ir::Endian::Big => k::BIG,
        ir::Endian::Little => k::LITTLE,
        ir::Endian::Native => k::NATIVE,
    };
    k::encode(ty, s.unit as u64, s.signed, en)
}

fn call_vars(c: &Call) -> BTreeSet<Var> {
    let mut s = BTreeSet::new();
    let mut add = |o: &Operand| {
        if let Operand::Var(v) = o {
            s.insert(*v);
        }
    };
    match &c.callee {
        Callee::Local { .. } => {}
        Callee::Remote { module, function } => {
            add(module);
            add(function);
        }
        Callee::Apply { fun } => add(fun),
    }
    for a in &c.args {
        add(a);
    }
    s
}

/// An operand of inline float arithmetic (`Tx::num`).
enum Num {
    /// An unboxed f64.
    F(Value),
    /// A term statically known to be a boxed float.
    Boxed(Value),
    /// Any term.
    Term(Value),
    /// A speculative float (`FloatInfo::dual`): the f64, and the term (`[]` when the
    /// value is that f64).
    Dual(Value, Value),
}

#[cold]
fn unreachable_value() -> Value {
    Value::from_u32(0)
}
