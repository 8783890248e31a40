//! ferl's code generator: translates `ferl_ir` functions into Cranelift machine code that
//! follows the runtime ABI (`docs/runtime-abi.md`): every Erlang function, continuation,
//! handler and out-of-line join point is a `CallConv::Tail` function
//! `f(p, reds, x0, x1, x2, x3) -> status`; every call is `return_call`; non-tail calls push
//! continuation frames on the process stack; exceptions unwind to catch frames through the
//! runtime. One generator behind `&mut dyn cranelift_module::Module`, so the same code
//! serves `cranelift-jit` (shell, tests) and `cranelift-object` (AOT).
//!
//! Owns: instruction selection for the IR, static data layout (literals, atom tables,
//! `FunEntry`s, the module descriptor), the SystemV entry trampoline.
//! Must not: panic on any IR (unsupported constructs are `E0501` diagnostics), depend on the
//! front end beyond `ferl_ir`, or call runtime functions that do not exist.

mod data;
mod floats;
mod glue;
pub mod object;
mod sites;
mod translate;

pub use glue::{
    compile_glue, Glue, DONE_SYMBOL, ENTER_SYMBOL, EXIT_SYMBOL, RESUME_SYMBOL, SCHED_ENTER_SYMBOL,
};
pub use translate::compile_function;

use cranelift_codegen::ir::{types, AbiParam, Signature};
use cranelift_codegen::isa::CallConv;
use cranelift_module::{DataId, FuncId, Linkage, Module};
use ferl_diagnostics::{Diagnostic, FileId, Span};
use ferl_ir::ir;
use std::collections::HashMap;

/// `E0501` "construct not supported by the code generator: NAME".
pub fn unsupported(what: impl Into<String>) -> Diagnostic {
    Diagnostic::error(
        "E0501",
        Span::whole_file(FileId(0)),
        format!(
            "construct not supported by the code generator: {}",
            what.into()
        ),
    )
}

pub(crate) fn module_err(e: cranelift_module::ModuleError) -> Diagnostic {
    unsupported(format!("internal code generator error: {e}"))
}

/// The signature of every compiled Erlang function and continuation:
/// `tail fn(p, reds, x0, x1, x2, x3) -> status`.
pub fn erlang_signature() -> Signature {
    let mut s = Signature::new(CallConv::Tail);
    for _ in 0..6 {
        s.params.push(AbiParam::new(types::I64));
    }
    s.returns.push(AbiParam::new(types::I64));
    s
}

/// Per-module state shared by the functions of one IR module: symbols, atoms, literals.
pub struct ModuleCx<'m> {
    pub(crate) ir: &'m ir::Module,
    pub(crate) name: String,
    /// Entry of each IR function (indexed by `FunId`).
    pub(crate) funcs: Vec<FuncId>,
    pub(crate) atoms: Vec<String>,
    pub(crate) atom_ix: HashMap<String, u32>,
    pub(crate) atom_table: DataId,
    /// FunEntry data object per IR function (lambdas only).
    pub(crate) fun_entries: HashMap<u32, DataId>,
    /// Words to patch with atoms at load: (data object, byte offset, atom-table index).
    pub(crate) patches: Vec<(DataId, u32, u32)>,
    pub(crate) runtime: HashMap<String, FuncId>,
    pub(crate) next_cont: HashMap<u32, u32>,
    pub(crate) next_lit: u32,
    /// The glue's resume stub, declared on first use.
    pub(crate) resume_fn: Option<FuncId>,
    /// Stack-trace site records (`sites.rs`) and their table.
    pub(crate) sites: Vec<sites::SiteSpec>,
    pub(crate) site_ix: HashMap<sites::SiteSpec, u32>,
    pub(crate) site_table: DataId,
    /// Remote calls with a literal `M:F/A`: one cached code address per import (a
    /// writable word, 0 until the first call resolves it through the export table).
    pub(crate) imports: HashMap<(String, String, u32), u32>,
    pub(crate) import_table: DataId,
    /// `ferl_rt_cold_call` (PreserveAll), declared on first use.
    pub(crate) cold_shim: Option<FuncId>,
    /// Which parameters and results of the module's functions are statically floats.
    pub(crate) floats: floats::ModuleFloats,
    /// The native clone of each IR function that has one (`translate::native`).
    pub(crate) native: Vec<Option<translate::NativeFn>>,
    /// While compiling one function: the continuation unit of each non-tail call (by the
    /// address of its `LetCall` node) and the unit of each out-of-line join, for its
    /// native clone's bailouts.
    pub(crate) rec_conts: HashMap<usize, FuncId>,
    pub(crate) rec_joins: HashMap<ir::JoinId, FuncId>,
    /// `FERL_NO_FLOAT_BLOCKS` was set: no speculative float blocks (`translate::fblock`).
    pub(crate) no_float_blocks: bool,
}

/// The result of compiling a module.
#[derive(Debug, Clone)]
pub struct CompiledModule {
    /// Module name.
    pub name: String,
    /// The module descriptor (`ferl_D<len><m>`) to hand to the runtime's loader.
    pub descriptor: DataId,
    /// Entry of each IR function, by `FunId`.
    pub functions: Vec<FuncId>,
}

impl CompiledModule {
    /// The entry of top-level function `name/arity`.
    pub fn function(&self, ir: &ir::Module, name: &str, arity: u32) -> Option<FuncId> {
        ir.find(name, arity)
            .and_then(|f| self.functions.get(f.0 as usize).copied())
    }
}

/// Symbol of the module descriptor of `m`.
pub fn descriptor_symbol(m: &str) -> String {
    let mm = ferl_runtime::abi::mangle(m);
    format!("ferl_D{}{}", mm.len(), mm)
}

/// Symbol of IR function `f` of module `m` (lambdas and helpers included).
fn function_symbol(m: &str, f: &ir::Function) -> String {
    ferl_runtime::abi::function_symbol(m, &f.name, f.arity)
}

/// Whether small self-loops may be inlined into `f` (`ferl_ir::optimize_module`): a
/// likely native clone (`translate::native`), where the loop becomes a block loop.
pub fn loop_host(f: &ir::Function) -> bool {
    translate::native_candidate(f)
}

/// Compile every function of `ir` into `module`, plus its static data and descriptor.
/// Call [`compile_glue`] once per `module` as well (the entry trampoline and the bottom
/// frame's continuation).
pub fn compile_module(
    module: &mut dyn Module,
    ir: &ir::Module,
) -> Result<CompiledModule, Vec<Diagnostic>> {
    let mut optimized = ir.clone();
    ferl_ir::optimize_module(&mut optimized, &loop_host);
    // Debug builds (the test suite) check that the optimised IR keeps the invariants (the
    // structural ones: an inlined body may test a variable its caller tested already).
    if cfg!(debug_assertions) {
        let v = ferl_ir::verify::verify_module_structure(&optimized);
        if !v.is_empty() {
            return Err(vec![unsupported(format!(
                "internal error: the optimised IR of {} breaks an invariant: {v:?}",
                ir.name
            ))]);
        }
    }
    let ir = &optimized;
    let name = ir.name.to_string();
    let sig = erlang_signature();
    let mut funcs = Vec::new();
    for f in &ir.functions {
        let linkage = match f.kind {
            ir::FunKind::Top { exported: true } => Linkage::Export,
            _ => Linkage::Local,
        };
        let id = module
            .declare_function(&function_symbol(&name, f), linkage, &sig)
            .map_err(|e| vec![module_err(e)])?;
        funcs.push(id);
    }
    let atom_table = module
        .declare_data(
            &ferl_runtime::abi::atom_table_symbol(&name),
            Linkage::Local,
            true,
            false,
        )
        .map_err(|e| vec![module_err(e)])?;
    let site_table = sites::declare_table(module, &name).map_err(|d| vec![d])?;
    let mm = ferl_runtime::abi::mangle(&name);
    let import_table = module
        .declare_data(
            &format!("ferl_I{}{}", mm.len(), mm),
            Linkage::Local,
            true,
            false,
        )
        .map_err(|e| vec![module_err(e)])?;
    let mut cx = ModuleCx {
        ir,
        name: name.clone(),
        funcs,
        atoms: Vec::new(),
        atom_ix: HashMap::new(),
        atom_table,
        fun_entries: HashMap::new(),
        patches: Vec::new(),
        runtime: HashMap::new(),
        next_cont: HashMap::new(),
        next_lit: 0,
        resume_fn: None,
        sites: Vec::new(),
        site_ix: HashMap::new(),
        site_table,
        imports: HashMap::new(),
        import_table,
        cold_shim: None,
        floats: floats::ModuleFloats::new(ir, &translate::inline_call),
        native: Vec::new(),
        rec_conts: HashMap::new(),
        rec_joins: HashMap::new(),
        no_float_blocks: std::env::var_os("FERL_NO_FLOAT_BLOCKS").is_some(),
    };
    cx.atom(&name);
    translate::plan_native(module, &mut cx).map_err(|d| vec![d])?;
    let mut diags = Vec::new();
    for i in 0..ir.functions.len() {
        if let Err(d) = data::fun_entry(module, &mut cx, i) {
            diags.push(d);
        }
    }
    for i in 0..ir.functions.len() {
        if let Err(d) = compile_function(module, &mut cx, ir::FunId(i as u32)) {
            diags.push(d);
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    sites::define_table(module, &mut cx).map_err(|d| vec![d])?;
    data::import_table(module, &cx).map_err(|d| vec![d])?;
    let descriptor = data::descriptor(module, &mut cx).map_err(|d| vec![d])?;
    Ok(CompiledModule {
        name,
        descriptor,
        functions: cx.funcs,
    })
}

impl ModuleCx<'_> {
    /// Index of `name` in this module's atom table (added if new).
    pub(crate) fn atom(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.atom_ix.get(name) {
            return i;
        }
        let i = self.atoms.len() as u32;
        self.atoms.push(name.to_string());
        self.atom_ix.insert(name.to_string(), i);
        i
    }

    /// The slot of `m:f/arity` in the import table (added if new).
    pub(crate) fn import_slot(&mut self, m: &str, f: &str, arity: u32) -> u32 {
        let n = self.imports.len() as u32;
        *self
            .imports
            .entry((m.to_string(), f.to_string(), arity))
            .or_insert(n)
    }

    /// The runtime's register-preserving call shim (`native::cold`), if it has one.
    pub(crate) fn cold_shim(
        &mut self,
        module: &mut dyn Module,
    ) -> Result<Option<FuncId>, Diagnostic> {
        if let Some(id) = self.cold_shim {
            return Ok(Some(id));
        }
        if !ferl_runtime::native::has_symbol("ferl_rt_cold_call") {
            return Ok(None);
        }
        let mut s = Signature::new(CallConv::PreserveAll);
        for _ in 0..6 {
            s.params.push(AbiParam::new(types::I64));
        }
        let id = module
            .declare_function("ferl_rt_cold_call", Linkage::Import, &s)
            .map_err(module_err)?;
        self.cold_shim = Some(id);
        Ok(Some(id))
    }

    /// A runtime function `name` taking `nargs` words and returning one (SystemV).
    pub(crate) fn runtime_fn(
        &mut self,
        module: &mut dyn Module,
        name: &str,
        nargs: usize,
    ) -> Result<FuncId, Diagnostic> {
        if let Some(&id) = self.runtime.get(name) {
            return Ok(id);
        }
        if !ferl_runtime::native::has_symbol(name) {
            return Err(unsupported(format!(
                "runtime entry point `{name}` does not exist"
            )));
        }
        let mut s = Signature::new(module.isa().default_call_conv());
        for _ in 0..nargs {
            s.params.push(AbiParam::new(types::I64));
        }
        s.returns.push(AbiParam::new(types::I64));
        let id = module
            .declare_function(name, Linkage::Import, &s)
            .map_err(module_err)?;
        self.runtime.insert(name.to_string(), id);
        Ok(id)
    }
}

/// Index of a pre-registered atom (fixed by the runtime), if `name` is one.
pub(crate) fn predefined_atom(name: &str) -> Option<u32> {
    ferl_runtime::atom::PREDEFINED
        .iter()
        .position(|a| *a == name)
        .map(|i| i as u32)
}
