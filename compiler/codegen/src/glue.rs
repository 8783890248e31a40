//! Glue between Rust and compiled code, generated with Cranelift: the SystemV entry
//! trampoline `ferl_cg_enter(p, entry) -> status` (the `tail` convention is not
//! `extern "C"`) and `ferl_cg_done`, the continuation of a process's bottom frame.
//!
//! Owns: the entry/exit protocol: on entry reductions come from `p.reds` and x0..x3 from
//! `p.xregs[0..4]`; `done` stores the result in `xregs[0]`, the reductions left in
//! `p.reds`, pops the bottom frame and returns status OK (0).
//! Must not: be emitted more than once per Cranelift module.

use crate::{erlang_signature, module_err};
use cranelift_codegen::ir::{types, AbiParam, InstBuilder, MemFlagsData, Signature};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{FuncId, Linkage, Module};
use ferl_diagnostics::Diagnostic;
use ferl_runtime::process::offsets;

/// Symbol of the entry trampoline.
pub const ENTER_SYMBOL: &str = "ferl_cg_enter";
/// Symbol of the bottom frame's continuation.
pub const DONE_SYMBOL: &str = "ferl_cg_done";
/// Symbol of the scheduler trampoline (`sched::CodeHooks::trampoline`).
pub const SCHED_ENTER_SYMBOL: &str = "ferl_cg_sched_enter";
/// Symbol of the scheduler's bottom-frame continuation (`sched::CodeHooks::bottom`).
pub const EXIT_SYMBOL: &str = "ferl_cg_exit";
/// Symbol of the generic resume stub (`p.resume` after a YIELD or WAIT of compiled code).
pub const RESUME_SYMBOL: &str = "ferl_cg_resume";

/// The glue functions of one Cranelift module.
#[derive(Debug, Clone, Copy)]
pub struct Glue {
    /// `extern "C" fn(p: *mut Process, entry: *const u8) -> u64`.
    pub enter: FuncId,
    /// Tail-convention continuation for the bottom frame.
    pub done: FuncId,
    /// `extern "C" fn(p, reds, x0, x1, x2, x3) -> status`: calls `p.resume` (the
    /// scheduler's `CodeHooks::trampoline`).
    pub sched_enter: FuncId,
    /// Bottom-frame continuation for processes run by the scheduler: returns
    /// `STATUS_EXIT` with `exc_reason = normal` (`CodeHooks::bottom`).
    pub exit: FuncId,
    /// The resume stub: pops the top frame `[marker(n), code, slot0..]`, passes the slots as
    /// arguments (x0..x3, `xregs[4..]`) and tail-calls `code`.
    pub resume: FuncId,
}

impl Glue {
    /// The scheduler hooks, given a way to get finalized code addresses (e.g.
    /// `|id| jit.get_finalized_function(id)`).
    pub fn code_hooks(&self, addr: impl Fn(FuncId) -> *const u8) -> ferl_runtime::sched::CodeHooks {
        let t = addr(self.sched_enter);
        // SAFETY: `sched_enter` was emitted by `compile_glue` with exactly the SystemV
        // signature of `sched::Trampoline`.
        let trampoline =
            unsafe { std::mem::transmute::<*const u8, ferl_runtime::sched::Trampoline>(t) };
        ferl_runtime::sched::CodeHooks {
            trampoline,
            bottom: addr(self.exit),
        }
    }
}

/// Emit the trampoline and the bottom-frame continuation into `module`.
pub fn compile_glue(module: &mut dyn Module) -> Result<Glue, Diagnostic> {
    let ptr = types::I64;
    let tail_sig = erlang_signature();
    let mut csig = Signature::new(module.isa().default_call_conv());
    csig.params.push(AbiParam::new(ptr));
    csig.params.push(AbiParam::new(ptr));
    csig.returns.push(AbiParam::new(ptr));
    let enter = module
        .declare_function(ENTER_SYMBOL, Linkage::Export, &csig)
        .map_err(module_err)?;
    let done = module
        .declare_function(DONE_SYMBOL, Linkage::Export, &tail_sig)
        .map_err(module_err)?;
    let mf = MemFlagsData::trusted();

    let mut ctx = module.make_context();
    ctx.func.signature = csig;
    let mut fbc = FunctionBuilderContext::new();
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fbc);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        let p = b.block_params(blk)[0];
        let entry = b.block_params(blk)[1];
        let reds = b.ins().load(ptr, mf, p, offsets::REDS as i32);
        let xr = b.ins().load(ptr, mf, p, offsets::XREGS as i32);
        let mut args = vec![p, reds];
        for i in 0..4 {
            args.push(b.ins().load(ptr, mf, xr, (i * 8) as i32));
        }
        let sref = b.import_signature(tail_sig.clone());
        let call = b.ins().call_indirect(sref, entry, &args);
        let r = b.inst_results(call)[0];
        b.ins().return_(&[r]);
        b.seal_all_blocks();
        b.finalize(module.isa().frontend_config());
    }
    module
        .define_function(enter, &mut ctx)
        .map_err(module_err)?;
    module.clear_context(&mut ctx);

    ctx.func.signature = tail_sig.clone();
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fbc);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        let p = b.block_params(blk)[0];
        let reds = b.block_params(blk)[1];
        let x0 = b.block_params(blk)[2];
        let xr = b.ins().load(ptr, mf, p, offsets::XREGS as i32);
        b.ins().store(mf, x0, xr, 0);
        b.ins().store(mf, reds, p, offsets::REDS as i32);
        let stop = b.ins().load(ptr, mf, p, offsets::STOP as i32);
        let stop2 = b.ins().iadd_imm_s(stop, 16);
        b.ins().store(mf, stop2, p, offsets::STOP as i32);
        let zero = b.ins().iconst(ptr, 0);
        b.ins().return_(&[zero]);
        b.seal_all_blocks();
        b.finalize(module.isa().frontend_config());
    }
    module.define_function(done, &mut ctx).map_err(module_err)?;
    module.clear_context(&mut ctx);

    // Scheduler trampoline: SystemV (p, reds, x0..x3) -> status, calls p.resume.
    let mut ssig = Signature::new(module.isa().default_call_conv());
    for _ in 0..6 {
        ssig.params.push(AbiParam::new(ptr));
    }
    ssig.returns.push(AbiParam::new(ptr));
    let sched_enter = module
        .declare_function(SCHED_ENTER_SYMBOL, Linkage::Export, &ssig)
        .map_err(module_err)?;
    ctx.func.signature = ssig;
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fbc);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        let args: Vec<_> = b.block_params(blk).to_vec();
        let code = b.ins().load(ptr, mf, args[0], offsets::RESUME as i32);
        let sref = b.import_signature(tail_sig.clone());
        let call = b.ins().call_indirect(sref, code, &args);
        let r = b.inst_results(call)[0];
        b.ins().return_(&[r]);
        b.seal_all_blocks();
        b.finalize(module.isa().frontend_config());
    }
    module
        .define_function(sched_enter, &mut ctx)
        .map_err(module_err)?;
    module.clear_context(&mut ctx);

    // Bottom continuation under the scheduler: exit normally.
    let exit = module
        .declare_function(EXIT_SYMBOL, Linkage::Export, &tail_sig)
        .map_err(module_err)?;
    ctx.func.signature = tail_sig.clone();
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fbc);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        let p = b.block_params(blk)[0];
        let reds = b.block_params(blk)[1];
        b.ins().store(mf, reds, p, offsets::REDS as i32);
        let normal = b.ins().iconst(
            ptr,
            ferl_runtime::term::Term::atom(ferl_runtime::atom::idx::NORMAL).raw() as i64,
        );
        b.ins().store(mf, normal, p, offsets::EXC_REASON as i32);
        let st = b
            .ins()
            .iconst(ptr, ferl_runtime::process::STATUS_EXIT as i64);
        b.ins().return_(&[st]);
        b.seal_all_blocks();
        b.finalize(module.isa().frontend_config());
    }
    module.define_function(exit, &mut ctx).map_err(module_err)?;
    module.clear_context(&mut ctx);

    // Resume stub: frame [marker(n), code, slots..] -> code(slots as arguments).
    let resume = module
        .declare_function(RESUME_SYMBOL, Linkage::Export, &tail_sig)
        .map_err(module_err)?;
    ctx.func.signature = tail_sig.clone();
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fbc);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        let lp = b.create_block();
        b.append_block_param(lp, ptr);
        let body = b.create_block();
        let done = b.create_block();
        b.switch_to_block(blk);
        let p = b.block_params(blk)[0];
        let reds = b.block_params(blk)[1];
        let stop = b.ins().load(ptr, mf, p, offsets::STOP as i32);
        let marker = b.ins().load(ptr, mf, stop, 0);
        let n = b.ins().ushr_imm_s(marker, 8);
        let code = b.ins().load(ptr, mf, stop, 8);
        let xr = b.ins().load(ptr, mf, p, offsets::XREGS as i32);
        let zero = b.ins().iconst(ptr, 0);
        b.ins()
            .jump(lp, &[cranelift_codegen::ir::BlockArg::Value(zero)]);
        b.switch_to_block(lp);
        let i = b.block_params(lp)[0];
        let more = b.ins().icmp(
            cranelift_codegen::ir::condcodes::IntCC::UnsignedLessThan,
            i,
            n,
        );
        b.ins().brif(more, body, &[], done, &[]);
        b.switch_to_block(body);
        let off = b.ins().ishl_imm_s(i, 3);
        let src = b.ins().iadd(stop, off);
        let v = b.ins().load(ptr, mf, src, 16);
        let dst = b.ins().iadd(xr, off);
        b.ins().store(mf, v, dst, 0);
        let i2 = b.ins().iadd_imm_s(i, 1);
        b.ins()
            .jump(lp, &[cranelift_codegen::ir::BlockArg::Value(i2)]);
        b.switch_to_block(done);
        let words = b.ins().iadd_imm_s(n, 2);
        let bytes = b.ins().ishl_imm_s(words, 3);
        let ns = b.ins().iadd(stop, bytes);
        b.ins().store(mf, ns, p, offsets::STOP as i32);
        let mut args = vec![p, reds];
        for k in 0..4 {
            args.push(b.ins().load(ptr, mf, xr, k * 8));
        }
        let sref = b.import_signature(tail_sig.clone());
        b.ins().return_call_indirect(sref, code, &args);
        b.seal_all_blocks();
        b.finalize(module.isa().frontend_config());
    }
    module
        .define_function(resume, &mut ctx)
        .map_err(module_err)?;
    module.clear_context(&mut ctx);
    Ok(Glue {
        enter,
        done,
        sched_enter,
        exit,
        resume,
    })
}
