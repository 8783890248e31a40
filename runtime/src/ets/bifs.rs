//! `extern "C"` entry points of the `ets` BIFs (`ferl_bif_ets_*`, named by
//! `abi::bif_symbol`) and their symbol table.
//!
//! Owns: the C ABI adapters only (result, or NON_VALUE with status RAISE and the
//! exception set). The table semantics are in `ets/mod.rs`.

use super::SelectMode;
use crate::exception::{BifResult, Exception};
use crate::process::Process;
use crate::term::Term;

fn t(w: u64) -> Term {
    // SAFETY: compiled code passes valid term words (ABI contract).
    unsafe { Term::from_raw(w) }
}

fn ret(p: &mut Process, r: BifResult) -> u64 {
    match r {
        Ok(v) => v.raw(),
        Err(e) => p.raise(e.class, e.reason).raw(),
    }
}

macro_rules! ets_bifs {
    ($( $sym:ident $name:literal = |$p:ident $(, $a:ident)*| $body:expr; )*) => {
        $(
            #[doc = concat!("`ets:", $name, "`.\n\n# Safety\n`p` must be a valid process the calling thread runs.")]
            #[no_mangle]
            pub unsafe extern "C" fn $sym(p: *mut Process $(, $a: u64)*) -> u64 {
                // SAFETY: compiled code passes its own, exclusively accessed process.
                let $p = unsafe { &mut *p };
                $(let $a = t($a);)*
                let r: BifResult = $body;
                ret($p, r)
            }
        )*
        /// `(symbol, address)` of every `ets` BIF.
        pub fn symbols() -> Vec<(&'static str, *const u8)> {
            vec![$((stringify!($sym), $sym as *const u8)),*]
        }
        /// `(module, name, arity, symbol)` of every `ets` BIF (export-table stubs).
        pub fn table() -> Vec<(&'static str, &'static str, u32, &'static str)> {
            vec![$(("ets", $name, <[&str]>::len(&[$(stringify!($a)),*]) as u32, stringify!($sym))),*]
        }
    };
}

ets_bifs! {
    ferl_bif_ets_new_2 "new" = |p, name, opts| super::new(p, name, opts);
    ferl_bif_ets_delete_1 "delete" = |p, tab| super::delete_table(p, tab);
    ferl_bif_ets_delete_2 "delete" = |p, tab, key| super::delete_key(p, tab, key);
    ferl_bif_ets_insert_2 "insert" = |p, tab, objs| super::insert(p, tab, objs);
    ferl_bif_ets_insert__new_2 "insert_new" = |p, tab, objs| super::insert_new(p, tab, objs);
    ferl_bif_ets_lookup_2 "lookup" = |p, tab, key| super::lookup(p, tab, key);
    ferl_bif_ets_lookup__element_3 "lookup_element" = |p, tab, key, pos| super::lookup_element(p, tab, key, pos);
    ferl_bif_ets_member_2 "member" = |p, tab, key| super::member(p, tab, key);
    ferl_bif_ets_take_2 "take" = |p, tab, key| super::take(p, tab, key);
    ferl_bif_ets_match__spec__compile_1 "match_spec_compile" = |p, spec| super::match_spec_compile(p, spec);
    ferl_bif_ets_match__spec__run_2 "match_spec_run" = |p, list, ms| super::match_spec_run(p, list, ms);
    ferl_bif_ets_delete__object_2 "delete_object" = |p, tab, obj| super::delete_object(p, tab, obj);
    ferl_bif_ets_delete__all__objects_1 "delete_all_objects" = |p, tab| super::delete_all_objects(p, tab);
    ferl_bif_ets_update__counter_3 "update_counter" = |p, tab, key, op| super::update_counter(p, tab, key, op, None);
    ferl_bif_ets_update__counter_4 "update_counter" = |p, tab, key, op, dflt| super::update_counter(p, tab, key, op, Some(dflt));
    ferl_bif_ets_update__element_3 "update_element" = |p, tab, key, upd| super::update_element(p, tab, key, upd);
    ferl_bif_ets_match_2 "match" = |p, tab, pat| {
        let spec = super::ms::from_pattern(p, pat, false);
        super::select(p, tab, spec, SelectMode::Select)
    };
    ferl_bif_ets_match__object_2 "match_object" = |p, tab, pat| {
        let spec = super::ms::from_pattern(p, pat, true);
        super::select(p, tab, spec, SelectMode::Select)
    };
    ferl_bif_ets_match__delete_2 "match_delete" = |p, tab, pat| {
        let body = crate::term::list(p, &[Term::bool(true)]);
        let c = crate::term::tuple(p, &[pat, Term::NIL, body]);
        let spec = crate::term::list(p, &[c]);
        super::select(p, tab, spec, SelectMode::Delete).map(|_| Term::bool(true))
    };
    ferl_bif_ets_select_2 "select" = |p, tab, spec| super::select(p, tab, spec, SelectMode::Select);
    ferl_bif_ets_select__count_2 "select_count" = |p, tab, spec| super::select(p, tab, spec, SelectMode::Count);
    ferl_bif_ets_select__delete_2 "select_delete" = |p, tab, spec| super::select(p, tab, spec, SelectMode::Delete);
    ferl_bif_ets_tab2list_1 "tab2list" = |p, tab| super::tab2list(p, tab);
    ferl_bif_ets_first_1 "first" = |p, tab| super::first(p, tab, false);
    ferl_bif_ets_last_1 "last" = |p, tab| super::first(p, tab, true);
    ferl_bif_ets_next_2 "next" = |p, tab, key| super::next(p, tab, key, false);
    ferl_bif_ets_prev_2 "prev" = |p, tab, key| super::next(p, tab, key, true);
    ferl_bif_ets_info_1 "info" = |p, tab| super::info(p, tab);
    ferl_bif_ets_info_2 "info" = |p, tab, item| super::info2(p, tab, item);
    ferl_bif_ets_rename_2 "rename" = |p, tab, name| super::rename(p, tab, name);
    ferl_bif_ets_whereis_1 "whereis" = |p, name| super::whereis(p, name);
    ferl_bif_ets_all_0 "all" = |p| super::all(p);
    ferl_bif_ets_give__away_3 "give_away" = |p, tab, pid, gift| give_away(p, tab, pid, gift);
}

/// `ets:give_away/3`: the receiver must be a live process other than the owner; it gets
/// `{'ETS-TRANSFER', Tab, FromPid, Gift}`.
fn give_away(p: &mut Process, tab: Term, pid: Term, gift: Term) -> BifResult {
    let pp: *mut Process = p;
    // SAFETY: `p` is the running process (BIF contract); `with_ctx` finds its context.
    let r = unsafe {
        crate::sched::with_ctx(pp, |ctx| -> BifResult {
            if !ctx.is_process_alive(pid)? {
                return Err(Exception::badarg());
            }
            let (_, msg) = super::give_away(ctx.process(), tab, pid, gift)?;
            ctx.send(pid, msg.term())?;
            drop(msg);
            Ok(Term::bool(true))
        })
    };
    r.unwrap_or(Err(Exception::badarg()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn symbols_follow_the_mangling() {
        for (m, f, a, s) in super::table() {
            assert_eq!(s, crate::abi::bif_symbol(m, f, a));
        }
    }
}
