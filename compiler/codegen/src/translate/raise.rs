//! Raise paths with stack-trace sites: every place a unit can raise branches to its own
//! small cold block, which stores what the site's kind needs in the x-registers (BIF
//! arguments, the callee and arguments of a remote call, a function's arguments for
//! `function_clause`) and jumps to the unit's shared raise block with the address of the
//! site record; the shared block calls `ferl_rt_raise_at(p, site)` (trace + unwind).
//! The hot path is unchanged: only the branch target differs.
//!
//! Owns: choosing a site's kind from the IR statement being translated, the cold blocks.
//! Must not: emit anything on the non-raising path.

use super::{Tx, I64, NIL, R};
use crate::sites::{site_offset, SiteSpec};
use cranelift_codegen::ir::{Block, InstBuilder};
use cranelift_module::FuncId;
use ferl_ir::ir::{Call, Callee, FailReason, Literal, Loc, Operand, Prim};
use ferl_runtime::process::{offsets, MAX_XREGS};
use ferl_runtime::trace::kind;

/// The site of the statement being translated.
#[derive(Clone, Debug)]
pub(super) struct Pending {
    loc: Loc,
    kind: u64,
    bif: Option<(String, String)>,
    /// Stored in `xregs[0..]` by the cold block.
    ops: Vec<Operand>,
}

impl Pending {
    pub(super) fn plain(loc: Loc) -> Pending {
        Pending {
            loc,
            kind: kind::PLAIN,
            bif: None,
            ops: Vec::new(),
        }
    }
    fn with(loc: Loc, k: u64, bif: Option<(String, String)>, ops: Vec<Operand>) -> Pending {
        if ops.len() > MAX_XREGS {
            return Pending::plain(loc);
        }
        Pending {
            loc,
            kind: k,
            bif,
            ops,
        }
    }
    fn bif(loc: Loc, m: &str, f: &str, args: &[Operand]) -> Pending {
        let f = if m == "erlang" && f == "!" { "send" } else { f };
        if m == "erlang" && f == "raise" && args.len() == 3 {
            return Pending::with(loc, kind::KEEP, None, Vec::new());
        }
        // BEAM's JIT inlines `X + Lit`, `Lit + X` and `X - Lit` (no BIF entry in the trace).
        let small_lit = |o: &Operand| matches!(o, Operand::Lit(Literal::Int(_)));
        if m == "erlang"
            && args.len() == 2
            && ((f == "+" && args.iter().any(small_lit)) || (f == "-" && small_lit(&args[1])))
        {
            return Pending::plain(loc);
        }
        Pending::with(
            loc,
            kind::BIF,
            Some((m.to_string(), f.to_string())),
            args.to_vec(),
        )
    }
    pub(super) fn for_prim(prim: &Prim, loc: Loc) -> Pending {
        match prim {
            Prim::Bif { module, name, args } => Pending::bif(loc, module, name, args),
            _ => Pending::plain(loc),
        }
    }
    pub(super) fn for_call(call: &Call, tail: bool) -> Pending {
        match &call.callee {
            Callee::Remote { module, function } => {
                if let (Operand::Lit(Literal::Atom(m)), Operand::Lit(Literal::Atom(f))) =
                    (module, function)
                {
                    if super::direct_bif(call).is_some() {
                        return Pending::bif(call.loc, m, f, &call.args);
                    }
                }
                let mut ops = vec![module.clone(), function.clone()];
                ops.extend(call.args.iter().cloned());
                Pending::with(
                    call.loc,
                    if tail { kind::TAIL_CALL } else { kind::CALL },
                    None,
                    ops,
                )
            }
            _ if tail => Pending::plain(call.loc),
            _ => Pending::with(call.loc, kind::FRAMED, None, Vec::new()),
        }
    }
    pub(super) fn for_fail(r: &FailReason, loc: Loc) -> Pending {
        match r {
            FailReason::FunctionClause(args) => {
                Pending::with(loc, kind::CLAUSE, None, args.clone())
            }
            FailReason::Reraise(..) => Pending::with(loc, kind::KEEP, None, Vec::new()),
            _ => Pending::plain(loc),
        }
    }
}

impl<'a, 'm, 'f> Tx<'a, 'm, 'f> {
    /// A cold block for a raise at the current site (branch to it when raising).
    pub(super) fn raise_block(&mut self) -> Block {
        if self.nat.is_some() {
            return self.bail_block();
        }
        let blk = self.b.create_block();
        self.b.set_cold_block(blk);
        self.raise_sites.push((blk, self.cur_site.clone()));
        blk
    }

    /// Record the continuation `k` of a non-tail call at `loc` (a stack-trace frame).
    pub(super) fn add_cont_site(&mut self, k: FuncId, loc: Loc) {
        let (fun, parent) = self.cx.inline_context(self.fun, loc);
        self.cx.site(SiteSpec {
            cont: Some(k),
            fun,
            loc,
            kind: kind::PLAIN,
            bif: None,
            nargs: 0,
            parent,
        });
    }

    /// Fill the cold blocks of the unit's raise sites and the shared raise block: build
    /// the trace and unwind to the nearest catch frame's handler, or return RAISE to the
    /// trampoline.
    pub(super) fn finish_raise_block(&mut self) -> R<()> {
        let sites = std::mem::take(&mut self.raise_sites);
        if sites.is_empty() {
            return Ok(());
        }
        let shared = self.b.create_block();
        self.b.set_cold_block(shared);
        self.b.append_block_param(shared, I64);
        for (blk, pending) in sites {
            self.b.switch_to_block(blk);
            let addr = match pending {
                None => self.iconst(0),
                Some(pd) => {
                    if !pd.ops.is_empty() {
                        let xr = self.xregs();
                        for (i, o) in pd.ops.iter().enumerate() {
                            // An unboxed float is boxed here (cold path).
                            let v = match o {
                                Operand::Var(x)
                                    if self.fl.unboxed.contains(x) || self.fl.dual.contains(x) =>
                                {
                                    let n = self.num(o)?;
                                    self.num_term(&n)?
                                }
                                _ => self.operand(o)?,
                            };
                            self.store(v, xr, (i * 8) as i32);
                        }
                    }
                    let (fun, parent) = self.cx.inline_context(self.fun, pd.loc);
                    let ix = self.cx.site(SiteSpec {
                        cont: None,
                        fun,
                        loc: pd.loc,
                        kind: pd.kind,
                        bif: pd.bif,
                        nargs: pd.ops.len() as u32,
                        parent,
                    });
                    let t = self.data_addr(self.cx.site_table);
                    self.b.ins().iadd_imm_s(t, site_offset(ix))
                }
            };
            self.jump(shared, &[addr]);
        }
        self.b.switch_to_block(shared);
        let site = self.b.block_params(shared)[0];
        let p = self.p();
        let h = self.rt_cold("ferl_rt_raise_at", &[p, site])?;
        let dead = self.b.create_block();
        let handler = self.b.create_block();
        self.brif(h, handler, dead);
        self.b.switch_to_block(dead);
        let reds = self.reds();
        self.store(reds, p, offsets::REDS as i32);
        let st = self.iconst(ferl_runtime::process::STATUS_RAISE as i64);
        self.b.ins().return_(&[st]);
        self.b.switch_to_block(handler);
        let reds = self.reds();
        let nil = self.iconst(NIL);
        let sig = self.sig();
        self.b
            .ins()
            .return_call_indirect(sig, h, &[p, reds, nil, nil, nil, nil]);
        Ok(())
    }
}
