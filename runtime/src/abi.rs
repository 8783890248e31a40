//! Symbol naming shared with the code generator (`docs/runtime-abi.md` section 6).
//!
//! Owns: the mangling of module/function names into linker symbols. Must not: depend on
//! anything else in the runtime, so the compiler can copy or call it verbatim.

/// Mangle a name: ASCII letters and digits kept, `_` doubled, other bytes as `_XX`.
pub fn mangle(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for &b in name.as_bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => s.push(b as char),
            b'_' => s.push_str("__"),
            _ => s.push_str(&format!("_{b:02X}")),
        }
    }
    s
}

fn len_prefixed(name: &str) -> String {
    let m = mangle(name);
    format!("{}{}", m.len(), m)
}

/// Symbol of compiled function `m:f/arity`.
pub fn function_symbol(m: &str, f: &str, arity: u32) -> String {
    format!("ferl_E{}{}_{}", len_prefixed(m), len_prefixed(f), arity)
}

/// Symbol of continuation `k` of compiled function `m:f/arity`.
pub fn continuation_symbol(m: &str, f: &str, arity: u32, k: u32) -> String {
    format!("{}_k{}", function_symbol(m, f, arity), k)
}

/// Symbol of the FunEntry of lambda `index` of module `m`.
pub fn fun_entry_symbol(m: &str, index: u32) -> String {
    format!("ferl_F{}_{}", len_prefixed(m), index)
}

/// Symbol of module `m`'s atom table.
pub fn atom_table_symbol(m: &str) -> String {
    format!("ferl_A{}", len_prefixed(m))
}

/// Symbol of BIF `m:f/arity`.
pub fn bif_symbol(m: &str, f: &str, arity: u32) -> String {
    format!("ferl_bif_{}_{}_{}", mangle(m), mangle(f), arity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols() {
        assert_eq!(function_symbol("lists", "map", 2), "ferl_E5lists3map_2");
        assert_eq!(function_symbol("m", "foo-bar", 0), "ferl_E1m9foo_2Dbar_0");
        assert_eq!(function_symbol("a_b", "c", 1), "ferl_E4a__b1c_1");
        assert_eq!(
            continuation_symbol("lists", "map", 2, 3),
            "ferl_E5lists3map_2_k3"
        );
        assert_eq!(fun_entry_symbol("m", 0), "ferl_F1m_0");
        assert_eq!(atom_table_symbol("m"), "ferl_A1m");
        assert_eq!(bif_symbol("erlang", "+", 2), "ferl_bif_erlang__2B_2");
        assert_eq!(mangle("\u{e9}"), "_C3_A9");
    }
}
