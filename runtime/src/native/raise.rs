//! Raising from compiled code with a stack trace: `ferl_rt_raise_at(p, site)` builds the
//! trace of the exception already recorded in `p` (from the raise site and the frames,
//! `crate::trace`) and unwinds to the nearest catch frame.
//!
//! Owns: the C entry point of the raise path (`docs/runtime-abi.md` section 13).
//! Must not: collect garbage, or build a trace for a re-raise (its trace is given).

use crate::process::Process;
use crate::trace::{self, Site};

/// The shared raise path of compiled code: builds `exc_trace` for the exception in `p`
/// raised at the site record `site` (null = unknown site; a `kind::KEEP` site keeps the
/// trace already set), then unwinds like `ferl_rt_unwind`: returns the handler of the
/// nearest catch frame, or 0 when the bottom frame is reached.
///
/// # Safety
/// `p` must be a valid process with a well-formed stack; `site` null or a site record of
/// a loaded module; the x-registers hold what the site's kind says.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_raise_at(p: *mut Process, site: u64) -> u64 {
    // SAFETY: caller guarantees a valid, exclusively accessed process and site.
    unsafe {
        let s = Site::from_ptr(site as *const u64);
        if s.map_or(true, |s| s.kind() != trace::kind::KEEP) {
            trace::build(&mut *p, s);
        }
        super::rt::unwind_frames(&mut *p)
    }
}

pub(crate) fn symbols() -> Vec<(&'static str, *const u8)> {
    vec![("ferl_rt_raise_at", ferl_rt_raise_at as *const u8)]
}
