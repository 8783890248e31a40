//! Ahead-of-time compilation: the same per-function generator as the JIT
//! ([`crate::compile_module`] behind `&mut dyn Module`), driven by `cranelift-object`
//! (`ObjectModule`, `is_pic = true`), producing one relocatable ELF object per Erlang
//! module, plus the *boot object* of an executable.
//!
//! The boot object (one per linked program) holds:
//! - `main(argc, argv)`, which calls the runtime's `ferl_boot_main(argc, argv, table)`
//!   (`runtime/src/boot.rs`): the runtime's code stays free of an undefined `main` /
//!   table reference, so the same crate links into `ferlc` as an rlib;
//! - the code generator's glue (`compile_glue`, once per executable): the scheduler hooks
//!   (`sched::CodeHooks`: trampoline `ferl_cg_sched_enter`, bottom `ferl_cg_exit`) and the
//!   resume stub compiled code imports;
//! - one *BIF stub* per remotely callable BIF: a `tail` function with the Erlang calling
//!   convention that calls the SystemV `ferl_bif_*` entry point and returns to the
//!   caller's continuation (or unwinds on `NON_VALUE`), registered in the export table at
//!   boot so `erlang:display(X)`, `io:put_chars(S)`, `fun erlang:length/1` work;
//! - `ferl_boot_table`, the table `ferl_boot_main` reads (layout: [`boot_table`]).
//!
//! Owns: object emission and the boot table layout (shared with `runtime/src/boot.rs`).
//! Must not: use `define_zeroinit` for data with relocations (the linker drops
//! `.rela.bss`), or define symbols that clash across objects of one program (every
//! symbol here is either module-mangled or defined once, in the boot object).

use crate::{compile_module, erlang_signature, module_err, unsupported};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, AbiParam, InstBuilder, MemFlagsData, Signature};
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{default_libcall_names, DataDescription, Linkage, Module};
use cranelift_object::{ObjectBuilder, ObjectModule};
use ferl_diagnostics::Diagnostic;
use ferl_ir::ir;
use ferl_runtime::process::{offsets, STATUS_RAISE, STATUS_YIELD};

/// Symbol of the boot table.
pub const BOOT_TABLE_SYMBOL: &str = "ferl_boot_table";
/// Runtime function the generated `main` calls.
pub const BOOT_MAIN_SYMBOL: &str = "ferl_boot_main";

/// Layout of `ferl_boot_table` (64-bit words), read by `ferl_runtime::boot`.
pub mod boot_table {
    pub use ferl_runtime::boot::table::*;
}

/// The host ISA with the flags AOT code is compiled with (PIC, frame pointers kept).
pub fn host_isa(pic: bool) -> Result<OwnedTargetIsa, Diagnostic> {
    let mut flags = settings::builder();
    let set = |f: &mut settings::Builder, k: &str, v: &str| {
        f.set(k, v)
            .map_err(|e| unsupported(format!("internal code generator error: flag {k}: {e}")))
    };
    set(&mut flags, "opt_level", "speed")?;
    // Cranelift's IR verifier: on in debug builds (the test suite), off in release (it
    // was 6% of compiling the stdlib).
    set(
        &mut flags,
        "enable_verifier",
        if cfg!(debug_assertions) {
            "true"
        } else {
            "false"
        },
    )?;
    // Required: Cranelift 0.135's x64 tail calls rely on frame pointers (with `false`
    // the emitter panics at the first `return_call`).
    set(&mut flags, "preserve_frame_pointers", "true")?;
    set(&mut flags, "is_pic", if pic { "true" } else { "false" })?;
    let b = cranelift_native::builder().map_err(|e| unsupported(format!("host machine: {e}")))?;
    b.finish(settings::Flags::new(flags))
        .map_err(|e| unsupported(format!("host machine: {e}")))
}

fn object_module(name: &str) -> Result<ObjectModule, Diagnostic> {
    let isa = host_isa(true)?;
    let b = ObjectBuilder::new(isa, name.as_bytes().to_vec(), default_libcall_names())
        .map_err(module_err)?;
    Ok(ObjectModule::new(b))
}

fn emit(m: ObjectModule) -> Result<Vec<u8>, Diagnostic> {
    m.finish().emit().map_err(|e| {
        unsupported(format!(
            "internal code generator error: object emission: {e}"
        ))
    })
}

/// Compile one IR module to a relocatable object (bytes of an ELF `.o`). The module's
/// descriptor is the exported data symbol `ferl_D<len><m>` ([`crate::descriptor_symbol`]).
pub fn compile_object(ir: &ir::Module) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let mut m = object_module(&ir.name).map_err(|d| vec![d])?;
    compile_module(&mut m, ir)?;
    emit(m).map_err(|d| vec![d])
}

/// Like [`compile_object`], also returning the CLIF of every function (the `-S` listing),
/// in definition order, each preceded by `; symbol`.
pub fn compile_object_with_listing(ir: &ir::Module) -> Result<(Vec<u8>, String), Vec<Diagnostic>> {
    let inner = object_module(&ir.name).map_err(|d| vec![d])?;
    let mut m = Listing {
        inner,
        text: String::new(),
    };
    compile_module(&mut m, ir)?;
    let text = std::mem::take(&mut m.text);
    Ok((emit(m.inner).map_err(|d| vec![d])?, text))
}

/// A `Module` that records the CLIF of each function defined through it.
struct Listing {
    inner: ObjectModule,
    text: String,
}

impl Module for Listing {
    fn isa(&self) -> &dyn cranelift_codegen::isa::TargetIsa {
        self.inner.isa()
    }
    fn declarations(&self) -> &cranelift_module::ModuleDeclarations {
        self.inner.declarations()
    }
    fn declare_function(
        &mut self,
        name: &str,
        linkage: Linkage,
        signature: &Signature,
    ) -> cranelift_module::ModuleResult<cranelift_module::FuncId> {
        self.inner.declare_function(name, linkage, signature)
    }
    fn declare_anonymous_function(
        &mut self,
        signature: &Signature,
    ) -> cranelift_module::ModuleResult<cranelift_module::FuncId> {
        self.inner.declare_anonymous_function(signature)
    }
    fn declare_data(
        &mut self,
        name: &str,
        linkage: Linkage,
        writable: bool,
        tls: bool,
    ) -> cranelift_module::ModuleResult<cranelift_module::DataId> {
        self.inner.declare_data(name, linkage, writable, tls)
    }
    fn declare_anonymous_data(
        &mut self,
        writable: bool,
        tls: bool,
    ) -> cranelift_module::ModuleResult<cranelift_module::DataId> {
        self.inner.declare_anonymous_data(writable, tls)
    }
    fn define_function_with_control_plane(
        &mut self,
        func: cranelift_module::FuncId,
        ctx: &mut cranelift_codegen::Context,
        ctrl_plane: &mut cranelift_codegen::control::ControlPlane,
    ) -> cranelift_module::ModuleResult<()> {
        let name = self
            .inner
            .declarations()
            .get_function_decl(func)
            .name
            .clone()
            .unwrap_or_default();
        self.text
            .push_str(&format!("; {name}\n{}\n", ctx.func.display()));
        self.inner
            .define_function_with_control_plane(func, ctx, ctrl_plane)
    }
    fn define_function_bytes(
        &mut self,
        func_id: cranelift_module::FuncId,
        alignment: u64,
        bytes: &[u8],
        relocs: &[cranelift_module::ModuleReloc],
    ) -> cranelift_module::ModuleResult<()> {
        self.inner
            .define_function_bytes(func_id, alignment, bytes, relocs)
    }
    fn define_data(
        &mut self,
        data_id: cranelift_module::DataId,
        data: &DataDescription,
    ) -> cranelift_module::ModuleResult<()> {
        self.inner.define_data(data_id, data)
    }
}

/// A BIF made callable through the export table by a generated stub.
#[derive(Clone, Debug)]
pub struct BifStub {
    pub module: String,
    pub name: String,
    pub arity: u32,
    /// SystemV entry point `sym(p, a1..an) -> term | NON_VALUE`.
    pub symbol: String,
}

/// What the boot object of an executable needs to know.
#[derive(Clone, Debug)]
pub struct BootSpec {
    /// Names of the linked Erlang modules (their descriptors are referenced).
    pub modules: Vec<String>,
    /// Entry function: module, name, arity (1: escript `main/1` with the argument
    /// strings; 0: called without arguments).
    pub entry: (String, String, u32),
    /// BIFs to register in the export table.
    pub stubs: Vec<BifStub>,
}

/// The boot object of an executable (see the module documentation).
pub fn compile_boot_object(spec: &BootSpec) -> Result<Vec<u8>, Diagnostic> {
    use boot_table as bt;
    let mut m = object_module("ferl_boot")?;
    let ptr = types::I64;
    let mf = MemFlagsData::trusted();
    let ccall = m.isa().default_call_conv();
    let tail_sig = erlang_signature();
    // The glue, defined once per executable: the scheduler hooks (`ferl_cg_sched_enter`,
    // `ferl_cg_exit`) and the resume stub compiled code imports.
    let glue = crate::compile_glue(&mut m)?;
    let mut fbc = FunctionBuilderContext::new();
    let mut ctx = m.make_context();

    // BIF stubs.
    let mut unwind_sig = Signature::new(ccall);
    unwind_sig.params.push(AbiParam::new(ptr));
    unwind_sig.returns.push(AbiParam::new(ptr));
    let unwind = m
        .declare_function("ferl_rt_unwind", Linkage::Import, &unwind_sig)
        .map_err(module_err)?;
    let non_value = ferl_runtime::term::NON_VALUE.raw() as i64;
    let nil = ferl_runtime::term::NIL.raw() as i64;
    let mut stub_ids = Vec::new();
    for (k, s) in spec.stubs.iter().enumerate() {
        if s.arity > 4 {
            return Err(unsupported(format!(
                "BIF stub {}:{}/{} (more than 4 arguments)",
                s.module, s.name, s.arity
            )));
        }
        let mut bsig = Signature::new(ccall);
        for _ in 0..=s.arity {
            bsig.params.push(AbiParam::new(ptr));
        }
        bsig.returns.push(AbiParam::new(ptr));
        let bif = m
            .declare_function(&s.symbol, Linkage::Import, &bsig)
            .map_err(module_err)?;
        let id = m
            .declare_function(&format!("ferl_aot_stub_{k}"), Linkage::Local, &tail_sig)
            .map_err(module_err)?;
        ctx.func.signature = tail_sig.clone();
        {
            let mut b = FunctionBuilder::new(&mut ctx.func, &mut fbc);
            let blk = b.create_block();
            b.append_block_params_for_function_params(blk);
            b.switch_to_block(blk);
            let ps: Vec<_> = b.block_params(blk).to_vec();
            let (p, reds) = (ps[0], ps[1]);
            let fr = m.declare_func_in_func(bif, b.func);
            let mut args = vec![p];
            args.extend_from_slice(&ps[2..2 + s.arity as usize]);
            let call = b.ins().call(fr, &args);
            let r = b.inst_results(call)[0];
            let trap = s.symbol.starts_with(ferl_runtime::boot::TRAP_PREFIX);
            let bad = if trap {
                b.ins().icmp_imm_s(IntCC::Equal, r, 0)
            } else {
                b.ins().icmp_imm_s(IntCC::Equal, r, non_value)
            };
            let ok = b.create_block();
            let raise = b.create_block();
            b.ins().brif(bad, raise, &[], ok, &[]);
            b.switch_to_block(ok);
            let sref = b.import_signature(tail_sig.clone());
            if trap {
                // r is the code to tail-call with the arguments in the x-registers.
                let xr = b.ins().load(ptr, mf, p, offsets::XREGS as i32);
                let mut xs = vec![p, reds];
                for i in 0..4 {
                    xs.push(b.ins().load(ptr, mf, xr, i * 8));
                }
                b.ins().return_call_indirect(sref, r, &xs);
            } else {
                let stop = b.ins().load(ptr, mf, p, offsets::STOP as i32);
                let kont = b.ins().load(ptr, mf, stop, 8);
                b.ins()
                    .return_call_indirect(sref, kont, &[p, reds, r, r, r, r]);
            }
            b.switch_to_block(raise);
            // NON_VALUE with status YIELD: the call killed the caller (a process BIF such
            // as exit(self(), kill)); return YIELD and the scheduler ends it.
            let st = b.ins().load(ptr, mf, p, offsets::STATUS as i32);
            let is_yield = b.ins().icmp_imm_s(IntCC::Equal, st, STATUS_YIELD as i64);
            let yb = b.create_block();
            let unw = b.create_block();
            b.ins().brif(is_yield, yb, &[], unw, &[]);
            b.switch_to_block(yb);
            b.ins().store(mf, reds, p, offsets::REDS as i32);
            let y = b.ins().iconst(ptr, STATUS_YIELD as i64);
            b.ins().return_(&[y]);
            b.switch_to_block(unw);
            let uf = m.declare_func_in_func(unwind, b.func);
            let call = b.ins().call(uf, &[p]);
            let h = b.inst_results(call)[0];
            let handler = b.create_block();
            let dead = b.create_block();
            b.ins().brif(h, handler, &[], dead, &[]);
            b.switch_to_block(dead);
            b.ins().store(mf, reds, p, offsets::REDS as i32);
            let st = b.ins().iconst(ptr, STATUS_RAISE as i64);
            b.ins().return_(&[st]);
            b.switch_to_block(handler);
            let n = b.ins().iconst(ptr, nil);
            let sref = b.import_signature(tail_sig.clone());
            b.ins()
                .return_call_indirect(sref, h, &[p, reds, n, n, n, n]);
            b.seal_all_blocks();
            b.finalize(m.isa().frontend_config());
        }
        m.define_function(id, &mut ctx).map_err(module_err)?;
        m.clear_context(&mut ctx);
        stub_ids.push(id);
    }

    // Names blob: every string the table points at, NUL-terminated.
    let mut blob = Vec::new();
    let mut name = |s: &str| -> i64 {
        let at = blob.len() as i64;
        blob.extend_from_slice(s.as_bytes());
        blob.push(0);
        at
    };
    let entry_m = name(&spec.entry.0);
    let entry_f = name(&spec.entry.1);
    let stub_names: Vec<(i64, i64)> = spec
        .stubs
        .iter()
        .map(|s| (name(&s.module), name(&s.name)))
        .collect();
    let names = m
        .declare_data("ferl_boot_names", Linkage::Local, false, false)
        .map_err(module_err)?;
    let mut d = DataDescription::new();
    d.define(blob.into_boxed_slice());
    m.define_data(names, &d).map_err(module_err)?;

    // The table.
    let table = m
        .declare_data(BOOT_TABLE_SYMBOL, Linkage::Export, true, false)
        .map_err(module_err)?;
    let n_words = bt::HEADER_WORDS + spec.modules.len() + bt::STUB_WORDS * spec.stubs.len();
    let mut words = vec![0u64; n_words];
    let mut d = DataDescription::new();
    let names_gv = m.declare_data_in_data(names, &mut d);
    words[bt::MAGIC] = bt::MAGIC_VALUE;
    let tref = m.declare_func_in_data(glue.sched_enter, &mut d);
    d.write_function_addr((bt::TRAMPOLINE * 8) as u32, tref);
    let bref = m.declare_func_in_data(glue.exit, &mut d);
    d.write_function_addr((bt::BOTTOM * 8) as u32, bref);
    words[bt::N_MODULES] = spec.modules.len() as u64;
    words[bt::N_STUBS] = spec.stubs.len() as u64;
    d.write_data_addr((bt::ENTRY_MODULE * 8) as u32, names_gv, entry_m);
    d.write_data_addr((bt::ENTRY_FUNCTION * 8) as u32, names_gv, entry_f);
    words[bt::ENTRY_ARITY] = spec.entry.2 as u64;
    for (k, mname) in spec.modules.iter().enumerate() {
        let did = m
            .declare_data(
                &crate::descriptor_symbol(mname),
                Linkage::Import,
                false,
                false,
            )
            .map_err(module_err)?;
        let gv = m.declare_data_in_data(did, &mut d);
        d.write_data_addr(((bt::HEADER_WORDS + k) * 8) as u32, gv, 0);
    }
    let base = bt::HEADER_WORDS + spec.modules.len();
    for (k, s) in spec.stubs.iter().enumerate() {
        let at = base + bt::STUB_WORDS * k;
        d.write_data_addr((at * 8) as u32, names_gv, stub_names[k].0);
        d.write_data_addr(((at + 1) * 8) as u32, names_gv, stub_names[k].1);
        words[at + 2] = s.arity as u64;
        let fr = m.declare_func_in_data(stub_ids[k], &mut d);
        d.write_function_addr(((at + 3) * 8) as u32, fr);
    }
    let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    d.define(bytes.into_boxed_slice());
    d.set_align(8);
    m.define_data(table, &d).map_err(module_err)?;

    // main(argc, argv) -> ferl_boot_main(argc, argv, &ferl_boot_table)
    let mut msig = Signature::new(ccall);
    msig.params.push(AbiParam::new(types::I32));
    msig.params.push(AbiParam::new(ptr));
    msig.returns.push(AbiParam::new(types::I32));
    let mut bmsig = msig.clone();
    bmsig.params.push(AbiParam::new(ptr));
    let boot_main = m
        .declare_function(BOOT_MAIN_SYMBOL, Linkage::Import, &bmsig)
        .map_err(module_err)?;
    let main = m
        .declare_function("main", Linkage::Export, &msig)
        .map_err(module_err)?;
    ctx.func.signature = msig;
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fbc);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        let ps: Vec<_> = b.block_params(blk).to_vec();
        let gv = m.declare_data_in_func(table, b.func);
        let t = b.ins().symbol_value(ptr, gv);
        let fr = m.declare_func_in_func(boot_main, b.func);
        let call = b.ins().call(fr, &[ps[0], ps[1], t]);
        let r = b.inst_results(call)[0];
        b.ins().return_(&[r]);
        b.seal_all_blocks();
        b.finalize(m.isa().frontend_config());
    }
    m.define_function(main, &mut ctx).map_err(module_err)?;
    m.clear_context(&mut ctx);
    emit(m)
}
