//! Loading a compiled module into the running system: interning its atom table, patching
//! the atom words of its static data (literals, `FunEntry`s), registering its exports
//! and its lambdas' `FunEntry`s.
//!
//! Owns: the module descriptor format (`ferl_D<len><m>`, `docs/runtime-abi.md` section 8).
//! Must not: run any Erlang code, or be called on the same descriptor twice.

use crate::term::{FunEntry, Term};
use std::collections::HashMap;
use std::ffi::CStr;
use std::sync::{OnceLock, RwLock};

/// The loaded lambdas by (module atom, index): how `binary_to_term` finds a fun's code.
fn funs() -> &'static RwLock<HashMap<(u64, u32), usize>> {
    static T: OnceLock<RwLock<HashMap<(u64, u32), usize>>> = OnceLock::new();
    T.get_or_init(|| RwLock::new(HashMap::new()))
}

fn register_fun(e: &'static FunEntry) {
    let mut t = funs().write().unwrap_or_else(|e| e.into_inner());
    t.insert((e.module.raw(), e.index), e as *const FunEntry as usize);
}

/// The loaded lambda `index` of module `m` (an atom).
pub fn lookup_fun(m: Term, index: u32) -> Option<&'static FunEntry> {
    let t = funs().read().unwrap_or_else(|e| e.into_inner());
    // SAFETY: only FunEntries of loaded modules (static data, never unloaded) are stored.
    t.get(&(m.raw(), index))
        .map(|&a| unsafe { &*(a as *const FunEntry) })
}

/// Descriptor header words (then `2 * n_patches` patch words, then `3 * n_exports`, then
/// the address of the module's site table for stack traces, `crate::trace`, or 0, then
/// the number of the module's lambdas and the address of each one's `FunEntry`).
pub mod desc {
    #![allow(missing_docs)]
    pub const N_ATOMS: usize = 0;
    pub const ATOM_TABLE: usize = 1;
    pub const N_PATCHES: usize = 2;
    pub const N_EXPORTS: usize = 3;
    pub const MODULE_ATOM: usize = 4;
    pub const HEADER_WORDS: usize = 5;
}

/// Why a module could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// An atom name that is not UTF-8, or the atom table is full.
    BadAtom(String),
    /// An index out of range in the descriptor.
    Corrupt,
}

/// Load the module described by `d`: returns the module atom.
///
/// # Safety
/// `d` must point at a descriptor emitted by the code generator whose atom table and
/// patched words are writable, and must not have been loaded before.
pub unsafe fn load_module(d: *const u64) -> Result<Term, LoadError> {
    // SAFETY: caller guarantees a valid descriptor; we read only its declared extent.
    unsafe {
        let n_atoms = *d.add(desc::N_ATOMS) as usize;
        let table = *d.add(desc::ATOM_TABLE) as *mut u64;
        let n_patches = *d.add(desc::N_PATCHES) as usize;
        let n_exports = *d.add(desc::N_EXPORTS) as usize;
        let module_idx = *d.add(desc::MODULE_ATOM) as usize;
        for i in 0..n_atoms {
            let name = CStr::from_ptr(*table.add(i) as *const std::ffi::c_char);
            let s = name
                .to_str()
                .map_err(|_| LoadError::BadAtom(name.to_string_lossy().into_owned()))?;
            let a = Term::intern(s).map_err(|_| LoadError::BadAtom(s.to_string()))?;
            *table.add(i) = a.raw();
        }
        let atom = |i: usize| -> Result<u64, LoadError> {
            if i < n_atoms {
                Ok(*table.add(i))
            } else {
                Err(LoadError::Corrupt)
            }
        };
        let patches = d.add(desc::HEADER_WORDS);
        for i in 0..n_patches {
            let addr = *patches.add(2 * i) as *mut u64;
            *addr = atom(*patches.add(2 * i + 1) as usize)?;
        }
        let m = Term::from_raw(atom(module_idx)?);
        let exports = patches.add(2 * n_patches);
        for i in 0..n_exports {
            let f = Term::from_raw(atom(*exports.add(3 * i) as usize)?);
            let arity = *exports.add(3 * i + 1) as u32;
            let code = *exports.add(3 * i + 2) as *const u8;
            super::rt::register_export(m, f, arity, code);
        }
        // After the exports: the site table (stack traces), or 0.
        crate::trace::register_sites(*exports.add(3 * n_exports) as *const u64);
        // Then the number of lambdas and their FunEntries.
        let funs = exports.add(3 * n_exports + 1);
        for i in 0..*funs as usize {
            register_fun(&*(*funs.add(1 + i) as *const FunEntry));
        }
        Ok(m)
    }
}
