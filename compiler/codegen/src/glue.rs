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

/// The glue functions of one Cranelift module.
#[derive(Debug, Clone, Copy)]
pub struct Glue {
    /// `extern "C" fn(p: *mut Process, entry: *const u8) -> u64`.
    pub enter: FuncId,
    /// Tail-convention continuation for the bottom frame.
    pub done: FuncId,
}

/// Emit the trampoline and the bottom-frame continuation into `module`.
pub fn compile_glue(module: &mut dyn Module) -> Result<Glue, Diagnostic> {
    let ptr = types::I64;
    let tail_sig = erlang_signature();
    let mut csig = Signature::new(module.isa().default_call_conv());
    csig.params.push(AbiParam::new(ptr));
    csig.params.push(AbiParam::new(ptr));
    csig.returns.push(AbiParam::new(ptr));
    let enter = module.declare_function(ENTER_SYMBOL, Linkage::Export, &csig).map_err(module_err)?;
    let done = module.declare_function(DONE_SYMBOL, Linkage::Export, &tail_sig).map_err(module_err)?;
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
    module.define_function(enter, &mut ctx).map_err(module_err)?;
    module.clear_context(&mut ctx);

    ctx.func.signature = tail_sig;
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
    Ok(Glue { enter, done })
}
