//! The module's *site table* for stack traces (`ferl_runtime::trace`, runtime-abi.md
//! section 13): one record per continuation of a non-tail call (its address, the calling
//! function, the call's line) and per raise site (function, line, what the raise path left
//! in the x-registers). Emitted once per module as static data; the descriptor points at it.
//!
//! Owns: the records' byte layout on the compiler side (atoms as patched words).
//! Must not: emit code (the raise paths that reference records are in `translate`).

use crate::data::{atom_word, Word};
use crate::{module_err, ModuleCx};
use cranelift_module::{DataDescription, DataId, FuncId, Module};
use ferl_diagnostics::Diagnostic;
use ferl_ir::ir::{FunId, Loc};
use ferl_runtime::trace::{site, table};

/// One record to emit.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct SiteSpec {
    /// The continuation (non-tail call sites only).
    pub cont: Option<FuncId>,
    /// The IR function the site is in.
    pub fun: FunId,
    pub loc: Loc,
    /// `ferl_runtime::trace::kind`.
    pub kind: u64,
    /// The failing BIF (`kind::BIF`).
    pub bif: Option<(String, String)>,
    /// Terms the raise path stores in `xregs[0..nargs]`.
    pub nargs: u32,
    /// For code inlined from a non-tail call: the record of the caller's trace entry
    /// that BEAM shows after this one (`ModuleCx::inline_context`).
    pub parent: Option<u32>,
}

impl ModuleCx<'_> {
    /// Index of a record (raise sites are shared when identical).
    pub(crate) fn site(&mut self, s: SiteSpec) -> u32 {
        if s.cont.is_none() {
            if let Some(i) = self.site_ix.get(&s) {
                return *i;
            }
        }
        let i = self.sites.len() as u32;
        if s.cont.is_none() {
            self.site_ix.insert(s.clone(), i);
        }
        self.sites.push(s);
        i
    }
}

impl ModuleCx<'_> {
    /// The function whose code `loc` is in (the callee, for code the inliner copied into
    /// `fun`) and the record of the frame entry that follows it in a trace (the caller's,
    /// when the inlined call was not a tail call).
    pub(crate) fn inline_context(&mut self, fun: FunId, loc: Loc) -> (FunId, Option<u32>) {
        let Some(inl) = (loc.inl as usize)
            .checked_sub(1)
            .and_then(|i| self.ir.inlined.get(i))
            .copied()
        else {
            return (fun, None);
        };
        let (outer, outer_parent) = self.inline_context(inl.caller, inl.call);
        if inl.tail {
            return (inl.callee, outer_parent);
        }
        let p = self.site(SiteSpec {
            cont: None,
            fun: outer,
            loc: inl.call,
            kind: ferl_runtime::trace::kind::PLAIN,
            bif: None,
            nargs: 0,
            parent: outer_parent,
        });
        (inl.callee, Some(p))
    }
}

/// Byte offset of record `i` in the site table.
pub(crate) fn site_offset(i: u32) -> i64 {
    ((table::HEADER_WORDS + i as usize * site::WORDS) * 8) as i64
}

/// Define the site table data object (`cx.site_table`); call before the descriptor (its
/// atom words are added to the descriptor's patch list).
pub(crate) fn define_table(module: &mut dyn Module, cx: &mut ModuleCx) -> Result<(), Diagnostic> {
    let sites = std::mem::take(&mut cx.sites);
    let n_words = table::HEADER_WORDS + sites.len() * site::WORDS;
    let mut words: Vec<Word> = vec![Word::Imm(0); n_words];
    words[table::N_SITES] = Word::Imm(sites.len() as u64);
    let nil = ferl_runtime::term::NIL.raw();
    let module_name = cx.name.clone();
    for (i, s) in sites.iter().enumerate() {
        let at = table::HEADER_WORDS + i * site::WORDS;
        let f = &cx.ir.functions[s.fun.0 as usize];
        let fname = f.name.to_string();
        words[at + site::MODULE] = atom_word(cx, &module_name);
        words[at + site::FUNCTION] = atom_word(cx, &fname);
        words[at + site::ARITY] = Word::Imm(f.arity as u64);
        let pos = s.loc.line as u64
            | ((s.loc.col.min(0xFFFF) as u64) << 32)
            | ((s.loc.end_col.min(0xFFFF) as u64) << 48);
        words[at + site::POS] = Word::Imm(pos);
        // Atoms are limited to 255 characters: a longer path is left out.
        words[at + site::FILE] = match cx.ir.files.get(s.loc.file as usize) {
            Some(file)
                if s.loc.line != 0
                    && file.chars().count() <= ferl_runtime::atom::MAX_ATOM_CHARS =>
            {
                atom_word(cx, file)
            }
            _ => Word::Imm(nil),
        };
        words[at + site::KIND] = Word::Imm(s.kind);
        let (bm, bf) = match &s.bif {
            Some((m, f)) => (atom_word(cx, m), atom_word(cx, f)),
            None => (Word::Imm(nil), Word::Imm(nil)),
        };
        words[at + site::BIF_MODULE] = bm;
        words[at + site::BIF_NAME] = bf;
        words[at + site::NARGS] = Word::Imm(s.nargs as u64);
        // The parent record as a distance in records (0: none).
        words[at + site::PARENT] = Word::Imm(match s.parent {
            Some(pi) => (pi as i64 - i as i64) as u64,
            None => 0,
        });
    }
    // The compile directory (for printing source lines of relative paths).
    let dir = std::env::current_dir()
        .ok()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let mm = ferl_runtime::abi::mangle(&cx.name);
    let dir_id = module
        .declare_data(
            &format!("ferl_SD{}{}", mm.len(), mm),
            cranelift_module::Linkage::Local,
            false,
            false,
        )
        .map_err(module_err)?;
    let mut dd = DataDescription::new();
    let mut bytes = dir.into_bytes();
    bytes.retain(|b| *b != 0);
    bytes.push(0);
    dd.define(bytes.into_boxed_slice());
    module.define_data(dir_id, &dd).map_err(module_err)?;

    let mut d = DataDescription::new();
    let dgv = module.declare_data_in_data(dir_id, &mut d);
    d.write_data_addr((table::COMPILE_DIR * 8) as u32, dgv, 0);
    let mut raw = vec![0u64; n_words];
    for (k, w) in words.iter().enumerate() {
        match w {
            Word::Imm(v) => raw[k] = *v,
            Word::Atom(ix) => cx.patches.push((cx.site_table, (k * 8) as u32, *ix)),
            Word::SelfPtr(_) => {}
        }
    }
    for (i, s) in sites.iter().enumerate() {
        if let Some(c) = s.cont {
            let fr = module.declare_func_in_data(c, &mut d);
            d.write_function_addr(
                ((table::HEADER_WORDS + i * site::WORDS + site::CODE) * 8) as u32,
                fr,
            );
        }
    }
    let bytes: Vec<u8> = raw.iter().flat_map(|x| x.to_le_bytes()).collect();
    d.define(bytes.into_boxed_slice());
    d.set_align(8);
    module.define_data(cx.site_table, &d).map_err(module_err)?;
    cx.sites = sites;
    Ok(())
}

/// Declare the (writable, local) site table of module `name`.
pub(crate) fn declare_table(module: &mut dyn Module, name: &str) -> Result<DataId, Diagnostic> {
    let mm = ferl_runtime::abi::mangle(name);
    module
        .declare_data(
            &format!("ferl_S{}{}", mm.len(), mm),
            cranelift_module::Linkage::Local,
            true,
            false,
        )
        .map_err(module_err)
}
