//! Entry points called by compiled code (`extern "C"`, SystemV, never unwinding) and the
//! loader of compiled modules: runtime helpers (`ferl_rt_*`: unwinding, raising BEAM's
//! error terms, apply, the export table, comparisons, maps), the BIFs compiled code calls
//! directly (`ferl_bif_*`), and [`symbols`], the name -> address table a JIT registers.
//!
//! Owns: the C ABI surface the code generator targets (`docs/runtime-abi.md` sections 5, 8).
//! Must not: reimplement term operations (it calls `arith`, `cmp`, `map`, `term`,
//! `exception`, `gc`), suspend, or unwind into compiled code.

pub mod bifs;
pub mod bin;
pub mod cold;
pub mod loader;
pub mod procs;
pub mod raise;
pub mod rt;

/// Every runtime symbol compiled code may reference: (linker name, address).
pub fn symbols() -> Vec<(&'static str, *const u8)> {
    let mut v = rt::symbols();
    v.extend(bifs::symbols());
    v.extend(crate::bif::entry::symbols());
    v.extend(procs::symbols());
    v.extend(bin::symbols());
    v.extend(raise::symbols());
    v.extend(cold::symbols());
    v.extend(crate::ets::bifs::symbols());
    v.extend(crate::osfile::symbols());
    v.extend(crate::sys_bifs::symbols());
    v.extend(crate::sys_bifs::extra_symbols());
    for (n, a) in procs::entry_symbols() {
        if !v.iter().any(|(m, _)| *m == n) {
            v.push((n, a));
        }
    }
    v
}

/// Is `name` a symbol the runtime provides (used by the code generator to reject calls to
/// BIFs that do not exist yet at compile time).
pub fn has_symbol(name: &str) -> bool {
    // The code generator asks at every call site: the names are collected once.
    static NAMES: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| symbols().into_iter().map(|(n, _)| n).collect())
        .contains(name)
}
