//! Per-process generational copying garbage collection (Cheney).
//!
//! Owns: minor collections (young block + heap fragments evacuated; objects that already
//! survived one collection are promoted to the old generation), major collections
//! (everything into one fresh block), BEAM-like heap growth, the off-heap (REFC_BIN)
//! sweep, and torture mode (`FERL_GC_TORTURE=1`: every collection moves every young object
//! into a block with no slack, so the next allocation check collects again, and every 64th
//! is a major collection that moves the old generation as well).
//! Must not: touch any other process's memory, or move objects outside the heaps it owns
//! (literals, static data).
//!
//! Roots: the caller's root slice, the first `live` x-registers (via `ferl_rt_gc`),
//! every term slot of every stack frame, the process dictionary and `Process::saved`.

use crate::heap::{release_refc, OFF_HEAP_LINK};
use crate::process::{is_frame_marker, next_heap_size, HeapBlock, Process, STATUS_OK};
use crate::term::{
    header_arity, header_subtag, is_header, sub, Term, NON_VALUE, PRIMARY_MASK, TAG_BOXED, TAG_LIST,
};
use std::mem::MaybeUninit;
use std::sync::OnceLock;

/// The smallest block `shrink_young` shrinks to (words; a BEAM heap size). 10946 words
/// (86 KB) rather than 4181: a process that allocates much and keeps little (fannkuch-redux)
/// collects 2.6 times less often, and the block still fits in L2.
const SHRINK_FLOOR: usize = 10946;

/// The most `young_floor` raises the floor to, for a process that collects within every
/// time slice: 121393 words (948 KB), still within L2.
const FLOOR_MAX: usize = 121_393;

/// A process that went this many time slices without collecting is back to SHRINK_FLOOR.
const CALM_SLICES: u32 = 16;

/// In torture mode, every this many collections is a major one.
const TORTURE_MAJOR_EVERY: u64 = 64;

/// Minor collections between two major ones (BEAM's default `fullsweep_after`).
pub const FULLSWEEP_AFTER: u32 = 65535;

/// Is torture mode on (`FERL_GC_TORTURE=1`, read once).
pub fn torture() -> bool {
    static T: OnceLock<bool> = OnceLock::new();
    *T.get_or_init(|| std::env::var("FERL_GC_TORTURE").is_ok_and(|v| v == "1"))
}

/// Up to this many from-space ranges (a process with its usual dozen or so received
/// buffers) are searched linearly, unsorted: sorting them cost more than the searches
/// of a small collection.
const LINEAR_RANGES: usize = 24;

/// Address ranges being evacuated.
struct FromSpace {
    ranges: Vec<(usize, usize)>,
}

impl FromSpace {
    fn new(mut ranges: Vec<(usize, usize)>) -> FromSpace {
        ranges.retain(|&(s, e)| s < e);
        if ranges.len() > LINEAR_RANGES {
            ranges.sort_unstable_by_key(|r| r.0); // disjoint: the starts order them
        }
        FromSpace { ranges }
    }
    #[inline]
    fn contains(&self, a: usize) -> bool {
        if self.ranges.len() <= LINEAR_RANGES {
            return self.ranges.iter().any(|&(s, e)| a >= s && a < e);
        }
        // Sorted, disjoint: the last range starting at or below `a`.
        let i = self.ranges.partition_point(|&(s, _)| s <= a);
        i > 0 && a < self.ranges[i - 1].1
    }
}

struct Copier {
    from: FromSpace,
    /// In a minor GC, [start, end) of the objects to promote.
    mature: (usize, usize),
    young_top: *mut u64,
    young_limit: *mut u64,
    old_top: *mut u64,
    old_limit: *mut u64,
    off_heap: *mut u64,
}

impl Copier {
    fn alloc(&mut self, words: usize, promote: bool) -> *mut u64 {
        let (top, limit) = if promote {
            (&mut self.old_top, self.old_limit)
        } else {
            (&mut self.young_top, self.young_limit)
        };
        let p = *top;
        // SAFETY: the to-space was sized for the worst case (all from-space live), so
        // this stays within its allocation; checked in debug builds.
        *top = unsafe { p.add(words) };
        debug_assert!(*top <= limit, "GC to-space overflow");
        p
    }

    /// Evacuate `t` if it points into from-space; return its new value.
    #[inline]
    fn evacuate(&mut self, t: u64) -> u64 {
        match t & PRIMARY_MASK {
            TAG_LIST => {
                let p = (t & !PRIMARY_MASK) as *mut u64;
                let a = p as usize;
                if !self.from.contains(a) {
                    return t;
                }
                // SAFETY: p is a cons cell in from-space, still readable and not yet freed.
                unsafe {
                    if *p == NON_VALUE.raw() {
                        return *p.add(1);
                    }
                    let promote = a >= self.mature.0 && a < self.mature.1;
                    let d = self.alloc(2, promote);
                    *d = *p;
                    *d.add(1) = *p.add(1);
                    let nt = d as u64 | TAG_LIST;
                    *p = NON_VALUE.raw();
                    *p.add(1) = nt;
                    nt
                }
            }
            TAG_BOXED => {
                let p = (t & !PRIMARY_MASK) as *mut u64;
                let a = p as usize;
                if !self.from.contains(a) {
                    return t;
                }
                // SAFETY: p is a boxed object in from-space; its header says its size.
                unsafe {
                    let h = *p;
                    if !is_header(h) {
                        return h; // forwarded: the header was replaced by the new pointer
                    }
                    let n = header_arity(h) + 1;
                    let promote = a >= self.mature.0 && a < self.mature.1;
                    let d = self.alloc(n, promote);
                    // Most objects are a few words (tuples, floats, small binaries): a
                    // word loop, not a call to memcpy per object.
                    // (Constant sizes compile to moves; a loop would become memcpy.)
                    match n {
                        1 => std::ptr::copy_nonoverlapping(p, d, 1),
                        2 => std::ptr::copy_nonoverlapping(p, d, 2),
                        3 => std::ptr::copy_nonoverlapping(p, d, 3),
                        4 => std::ptr::copy_nonoverlapping(p, d, 4),
                        5 => std::ptr::copy_nonoverlapping(p, d, 5),
                        6 => std::ptr::copy_nonoverlapping(p, d, 6),
                        7 => std::ptr::copy_nonoverlapping(p, d, 7),
                        8 => std::ptr::copy_nonoverlapping(p, d, 8),
                        _ => std::ptr::copy_nonoverlapping(p, d, n),
                    }
                    if header_subtag(h) == sub::REFC_BIN {
                        *d.add(OFF_HEAP_LINK) = self.off_heap as u64;
                        self.off_heap = d;
                    }
                    let nt = d as u64 | TAG_BOXED;
                    *p = nt;
                    nt
                }
            }
            _ => t,
        }
    }

    /// Scan copied objects in [from, to), evacuating what they point at. Returns the
    /// position reached (== to).
    fn scan(&mut self, ptr: *mut u64, to: *mut u64) -> *mut u64 {
        // SAFETY: [ptr, to) holds copied objects and cons cells, laid out linearly.
        unsafe { for_each_term_word(ptr, to, |w| self.evacuate(w)) };
        to
    }
}

/// Rewrite every term word of the objects and cons cells laid out in `[ptr, to)` with
/// `f` (headers and raw words such as float bits, binary bytes and FunEntry pointers are
/// skipped by the object's header).
///
/// # Safety
/// `[ptr, to)` must hold well-formed heap objects and cons cells, one after the other.
unsafe fn for_each_term_word(mut ptr: *mut u64, to: *mut u64, mut f: impl FnMut(u64) -> u64) {
    while ptr < to {
        // SAFETY: the caller guarantees the layout; each step stays within one object.
        unsafe {
            let w = *ptr;
            if is_header(w) {
                let arity = header_arity(w);
                ptr = match header_subtag(w) {
                    sub::TUPLE | sub::EXPORT | sub::MAP_FLAT | sub::MAP_LARGE | sub::MAP_NODE => {
                        ptr.add(1)
                    }
                    sub::FUN => ptr.add(2),
                    sub::SUB_BIN => ptr.add(3),
                    _ => ptr.add(arity + 1),
                };
            } else {
                *ptr = f(w);
                ptr = ptr.add(1);
            }
        }
    }
}

/// Collect `p`, keeping `roots` (updated in place) and the stack, and leaving at least
/// `need` free words. Chooses minor or major like BEAM.
pub fn collect(p: &mut Process, need: usize, roots: &mut [Term]) {
    let before = p.total_heap_used();
    collect_inner(p, need, roots);
    crate::sys_bifs::count_collection(before.saturating_sub(p.total_heap_used()) as u64);
}

fn collect_inner(p: &mut Process, need: usize, roots: &mut [Term]) {
    if p.torture {
        // Every collection moves every young object and leaves exactly `need` free words
        // (so the next allocation check collects again); every TORTURE_MAJOR_EVERY-th
        // one is a major collection that moves the old generation too. (Moving all data at
        // every check made programs with large live data quadratic.)
        p.gc_stats.torture_count += 1;
        if p.gc_stats.torture_count % TORTURE_MAJOR_EVERY == 0 {
            collect_major_exact(p, need, roots);
        } else {
            collect_minor_or_major(p, need, roots, false, None);
            let exact = p.heap_used() + p.stack_used() + need;
            resize_young(p, exact.max(1), roots, None);
        }
    } else {
        let mature = (p.high_water as usize - p.heap_start as usize) / 8;
        let old_free = (p.old.len() * 8 + p.old.as_ptr() as usize - p.old_top as usize) / 8;
        let major =
            p.minors_since_major >= FULLSWEEP_AFTER || (mature > old_free && p.old_used() > 0);
        let floor = young_floor(p);
        let mut spare = collect_minor_or_major(p, need, roots, major, None);
        if p.free_words() < need {
            spare = collect_minor_or_major(p, need, roots, true, None);
        }
        shrink_young(p, need, floor, roots, spare);
    }
    check_max_heap(p);
}

/// The `max_heap_size` flag: a heap above the limit after a collection gets the process
/// reported (stderr) and/or killed (by the scheduler, when the process next returns to
/// it), as BEAM: the exit reason is `killed`, and only this process dies.
fn check_max_heap(p: &mut Process) {
    let max = p.max_heap;
    if max.size == 0 || p.heap_limit_hit || p.total_heap_size() <= max.size {
        return;
    }
    if max.error_logger {
        eprintln!(
            "=ERROR REPORT====\n     Process:            {} \n     Context:            maximum heap size reached\n     Max Heap Size:      {}\n     Total Heap Size:    {}\n     Kill:               {}\n     Error Logger:       {}\n",
            crate::print::to_string(p.pid()),
            max.size,
            p.total_heap_size(),
            max.kill,
            max.error_logger
        );
    }
    if max.kill {
        // Compiled code keeps its reductions in a register: it runs on to the end of its
        // slice (or its next receive wait), then the scheduler ends it.
        p.heap_limit_hit = true;
        p.reds = 0;
    }
}

/// The allocation-rate rule: the smallest young block for the collection being made.
///
/// A process that collects again within the time slice of its last collection, or the
/// next one, allocates much in little work: each such collection raises its floor one
/// heap size (up to FLOOR_MAX), so that it collects, and its native clones bail out for a
/// full heap (see docs/runtime-abi.md), several times less often; the block grows to the
/// floor through the collections' worst-case to-spaces. A process that went CALM_SLICES
/// slices without collecting (an idle or message-driven one) is back to SHRINK_FLOOR. A
/// first collection never raises it, so a million short-lived processes that each collect
/// once keep small blocks. (Like a nursery sized for the allocation rate, GHC's `-A`;
/// fannkuch-redux: a fifth fewer instructions, binary-trees a third less time.)
fn young_floor(p: &mut Process) -> usize {
    let since = p.slices.wrapping_sub(p.gc_stats.slice_at_last);
    let first = p.gc_stats.minor + p.gc_stats.major == 0;
    p.gc_stats.slice_at_last = p.slices;
    let cur = (p.gc_stats.young_floor as usize).max(SHRINK_FLOOR);
    let floor = if since <= 1 && !first {
        next_heap_size(cur + 1).min(FLOOR_MAX)
    } else if since >= CALM_SLICES {
        SHRINK_FLOOR
    } else {
        cur
    };
    p.gc_stats.young_floor = floor as u32;
    floor
}

/// After a collection, give back a young block that is far larger than what survived.
///
/// The to-space of a collection is sized for the worst case (everything live), so without
/// this a process that allocates much and keeps little would grow its block at every
/// collection. Like BEAM, when the block is more than eight times what is in use (heap,
/// stack and `need`), the contents move to a block of `next_heap_size(2 * used)` words and
/// every pointer into the old block is offset (BEAM's `offset_heap`). `spare` is the
/// from-space block of the collection: reused when it has that size (a process that
/// keeps little goes back and forth between two blocks instead of allocating one and
/// freeing one at every collection, and its young heap stays in the cache).
fn shrink_young(p: &mut Process, need: usize, floor: usize, roots: &mut [Term], spare: HeapBlock) {
    let (heap, stack) = (p.heap_used(), p.stack_used());
    let used = heap + stack + need;
    // Not below `floor` words (`young_floor`): a process that collected is likely to keep
    // allocating, and tiny blocks would make it collect every few hundred words.
    // Nor below an eighth of the old generation (BEAM's rule): a process with much old
    // data would otherwise collect, and scan its remembered roots, every few thousand
    // words.
    let mut wanted = (2 * used).max(floor);
    if wanted * 9 < p.old.len() {
        wanted = wanted.max(p.old.len() / 8);
    }
    let size = next_heap_size(wanted);
    if p.block.len() <= 8 * used || size >= p.block.len() {
        return;
    }
    resize_young(p, size, roots, Some(spare));
}

/// Move the young heap and the stack into a new block of `size` words (at least what is
/// in use; `spare`'s storage when it is an owned block of that size whose contents are
/// dead), offsetting every pointer into the old block.
fn resize_young(p: &mut Process, size: usize, roots: &mut [Term], spare: Option<HeapBlock>) {
    let (heap, stack) = (p.heap_used(), p.stack_used());
    debug_assert!(size >= heap + stack);
    let mut block: Box<[MaybeUninit<u64>]> = match spare.and_then(|b| b.into_owned_of(size)) {
        Some(b) => b,
        None => crate::process::alloc_block(size),
    };
    let start = block.as_mut_ptr() as *mut u64;
    // SAFETY: the new block holds `size >= heap + stack` words; the ranges do not overlap.
    let (end, new_stop) = unsafe {
        let end = start.add(size);
        let new_stop = end.sub(stack);
        std::ptr::copy_nonoverlapping(p.heap_start, start, heap);
        std::ptr::copy_nonoverlapping(p.stop, new_stop, stack);
        (end, new_stop)
    };
    let (lo, hi) = (p.heap_start as usize, p.htop as usize);
    let delta = (start as usize).wrapping_sub(lo);
    let fix = |w: u64| -> u64 {
        let tag = w & PRIMARY_MASK;
        let a = (w & !PRIMARY_MASK) as usize;
        if (tag == TAG_LIST || tag == TAG_BOXED) && a >= lo && a < hi {
            w.wrapping_add(delta as u64)
        } else {
            w
        }
    };
    // SAFETY: [start, start + heap) holds the copied objects, laid out linearly as the
    // Cheney scan expects; the copied stack holds well-formed frames up to `end`.
    unsafe {
        let top = start.add(heap);
        for_each_term_word(start, top, fix);
        let mut sp = new_stop;
        while sp < end {
            let m = *sp;
            if !is_frame_marker(m) {
                debug_assert!(false, "corrupt stack frame marker {m:#x}");
                break;
            }
            let n = (m >> 8) as usize;
            for i in 0..n {
                let slot = sp.add(2 + i);
                *slot = fix(*slot);
            }
            sp = sp.add(2 + n);
        }
        for r in roots
            .iter_mut()
            .chain(p.dict.iter_mut())
            .chain(p.saved.iter_mut())
        {
            *r = Term::from_raw(fix(r.raw()));
        }
        // The off-heap list links raw object addresses (young and old).
        let moved = |o: *mut u64| {
            if (o as usize) >= lo && (o as usize) < hi {
                (o as usize).wrapping_add(delta) as *mut u64
            } else {
                o
            }
        };
        p.off_heap = moved(p.off_heap);
        let mut obj = p.off_heap;
        while !obj.is_null() {
            let next = moved(*obj.add(OFF_HEAP_LINK) as *mut u64);
            *obj.add(OFF_HEAP_LINK) = next as u64;
            obj = next;
        }
        p.high_water = (p.high_water as usize).wrapping_add(delta) as *mut u64;
        p.htop = top;
    }
    p.block = crate::process::HeapBlock::from(block);
    p.heap_start = start;
    p.stop = new_stop;
    p.stack_end = end;
    p.account();
}

/// Free the adopted message buffers of a suspended process when nothing can refer to
/// them, without a collection: a trace from the roots (every stack word, conservatively,
/// the dictionary, saved terms, `extra`) through the young heap allocated since the last
/// sweep or collection looks for a pointer into a buffer. Finding one, or a trace that
/// is too long or too deep, just means "no": the caller then collects as usual. Returns
/// false without looking when the new heap and roots exceed `max_words` words or the
/// process has heap fragments. Returns whether the buffers were freed (to the
/// scheduler's buffer pool).
///
/// Only newer heap can refer to the buffers: every buffer adopted now was taken after
/// the last successful sweep (which frees all) or collection (which frees all and
/// resets `sweep_from`); a receive takes the message it matched without suspending
/// between the look and the take, so any term built from it (bindings, sub-binaries) is
/// allocated after the previous switch; the old generation is written only by
/// collections; terms are immutable.
///
/// Why: a process that receives a message, uses what it needs from it and waits again
/// (a ring node, a client counting messages) would otherwise hold each buffer until its
/// next collection, and thousands of such processes keep megabytes of dead buffers out
/// of the cache and out of the pool. Callers bound the cost by the process's size.
pub(crate) fn release_dead_messages(p: &mut Process, extra: &[Term], max_words: usize) -> bool {
    if p.adopted.is_empty() {
        return true;
    }
    if p.adopted_pinned {
        return false; // off-heap lists and fragments point into the buffers
    }
    let young_from = if p.sweep_from <= p.heap_used() {
        p.sweep_from
    } else {
        0
    };
    // SAFETY: young_from <= heap_used, within the young heap.
    let young_from = unsafe { p.heap_start.add(young_from) } as usize;
    let cost = (p.htop as usize - young_from) / 8
        + p.stack_used()
        + p.frags.used_words()
        + p.dict.len()
        + p.saved.len()
        + extra.len();
    if cost > max_words {
        return false;
    }
    if !p.frags.is_empty() {
        return false; // fragment objects may be anywhere in age: leave it to the GC
    }
    let adopted = &p.adopted;
    let lo = adopted.iter().map(|m| m.data_range().0).min().unwrap_or(0);
    let hi = adopted.iter().map(|m| m.data_range().1).max().unwrap_or(0);
    let refers = |w: u64| {
        let a = (w & !PRIMARY_MASK) as usize;
        a >= lo
            && a < hi
            && adopted.iter().any(|m| {
                let (s, e) = m.data_range();
                a >= s && a < e
            })
    };
    let htop = p.htop as usize;
    let in_new = |w: u64| {
        let a = (w & !PRIMARY_MASK) as usize;
        matches!(w & PRIMARY_MASK, TAG_LIST | TAG_BOXED) && a >= young_from && a < htop
    };
    // Trace from the roots through the new heap only (older objects cannot point to
    // newer ones or into the buffers): garbage that points into a buffer (a reply built
    // from a received term) does not count. A stack word that is not a term is traced
    // too, harmlessly: every read stays in [young_from, htop), initialized heap words,
    // and what does not lead to an object there is dropped (a real term always does).
    let mut work = [0u64; 128];
    let mut depth = 0usize;
    let mut budget = 4 * max_words + 64;
    let stack = {
        // SAFETY: [stop, stack_end) is the process's initialized stack.
        unsafe { std::slice::from_raw_parts(p.stop as *const u64, p.stack_used()) }
    };
    let exc = [p.exc_class, p.exc_reason, p.exc_trace];
    let roots = stack.iter().copied().chain(
        p.dict
            .iter()
            .chain(p.saved.iter())
            .chain(extra.iter())
            .chain(exc.iter())
            .map(|t| t.raw()),
    );
    // Some(true): a reference was found (or the trace gave up); None: keep going.
    let visit = |w: u64, work: &mut [u64; 128], depth: &mut usize| -> bool {
        if refers(w) {
            return true;
        }
        if in_new(w) {
            if *depth == work.len() {
                return true; // too deep to follow here: the GC will do it
            }
            work[*depth] = w;
            *depth += 1;
        }
        false
    };
    let mut found = false;
    for w in roots {
        if visit(w, &mut work, &mut depth) {
            found = true;
            break;
        }
        while !found && depth > 0 {
            depth -= 1;
            let t = work[depth];
            budget = budget.saturating_sub(1);
            if budget == 0 {
                found = true;
                break;
            }
            let a = (t & !PRIMARY_MASK) as *const u64;
            let (first, end) = if t & PRIMARY_MASK == TAG_LIST {
                (0, 2)
            } else {
                // SAFETY: in_new checked that a is within the new heap.
                let h = unsafe { *a };
                if !is_header(h) {
                    continue; // not an object start, so not a term (a raw stack word)
                }
                let n = header_arity(h) + 1;
                let first = match header_subtag(h) {
                    sub::TUPLE | sub::EXPORT | sub::MAP_FLAT | sub::MAP_LARGE | sub::MAP_NODE => 1,
                    sub::FUN => 2,
                    sub::SUB_BIN => 3,
                    _ => n,
                };
                (first, n)
            };
            if a as usize + end * 8 > htop {
                continue; // not a real object, so not a term (a raw stack word)
            }
            for i in first..end {
                // SAFETY: a + i is below htop (checked above).
                let c = unsafe { *a.add(i) };
                if visit(c, &mut work, &mut depth) {
                    found = true;
                    break;
                }
            }
        }
        if found {
            break;
        }
    }
    if found {
        return false;
    }
    p.adopted.clear();
    p.adopted_words = 0;
    p.sweep_from = p.heap_used();
    true
}

/// A major collection (everything live into one fresh block).
pub fn collect_major(p: &mut Process, need: usize, roots: &mut [Term]) {
    let before = p.total_heap_used();
    collect_minor_or_major(p, need, roots, true, None);
    crate::sys_bifs::count_collection(before.saturating_sub(p.total_heap_used()) as u64);
}

fn collect_major_exact(p: &mut Process, need: usize, roots: &mut [Term]) {
    let live = p.total_heap_used();
    let exact = live + p.stack_used() + need;
    collect_minor_or_major(p, need, roots, true, Some(exact));
}

/// Returns the from-space block (its contents dead), for `shrink_young` to reuse.
fn collect_minor_or_major(
    p: &mut Process,
    need: usize,
    roots: &mut [Term],
    major: bool,
    exact: Option<usize>,
) -> HeapBlock {
    let stack_len = p.stack_used();
    let young_used = p.heap_used();
    let frag_used = p.frag_used();
    let old_used = p.old_used();
    let mature_words = (p.high_water as usize - p.heap_start as usize) / 8;
    let old_free = (p.old.as_ptr() as usize + p.old.len() * 8 - p.old_top as usize) / 8;
    // A minor collection needs room in the old generation for the mature objects; an old
    // generation that has data but no room means a major collection.
    let major = major || (mature_words > old_free && old_used > 0);

    // From-space: young heap part, fragments, and (major) the old generation.
    let mut ranges = Vec::with_capacity(2 + p.frags.ranges().count() + p.adopted.len());
    ranges.push((p.heap_start as usize, p.htop as usize));
    ranges.extend(p.frags.ranges());
    ranges.extend(p.adopted.iter().map(|m| m.data_range()));
    if major {
        ranges.push((p.old.as_ptr() as usize, p.old_top as usize));
    }
    let from = FromSpace::new(ranges);

    // Old generation for a minor collection: make room for the mature objects.
    let mut new_old: Option<Box<[MaybeUninit<u64>]>> = None;
    if !major && mature_words > 0 && old_free < mature_words {
        // Only reached with an empty old generation (see `major` above).
        new_old = Some(crate::process::alloc_block(next_heap_size(
            mature_words * 2,
        )));
    }

    // To-space: sized for the worst case (everything live) plus the stack and `need`.
    let worst = young_used + frag_used + if major { old_used } else { 0 };
    let size = match exact {
        Some(e) => e.max(1),
        None => next_heap_size(worst + stack_len + need),
    };
    let mut block: Box<[MaybeUninit<u64>]> = crate::process::alloc_block(size);
    let start = block.as_mut_ptr() as *mut u64;
    // SAFETY: start + size is one past the end of `block`.
    let end = unsafe { start.add(size) };
    // SAFETY: the stack fits below end (size >= stack_len).
    let new_stop = unsafe { end.sub(stack_len) };
    // SAFETY: both ranges are valid for stack_len words and do not overlap.
    unsafe { std::ptr::copy_nonoverlapping(p.stop, new_stop, stack_len) };

    let (old_base, old_top0, old_limit) = match &mut new_old {
        Some(b) => {
            let s = b.as_mut_ptr() as *mut u64;
            // SAFETY: within the new old block.
            (s, s, unsafe { s.add(b.len()) })
        }
        None if major => (
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        ),
        None => {
            let s = p.old.as_mut_ptr() as *mut u64;
            // SAFETY: within the current old block.
            (s, p.old_top, unsafe { s.add(p.old.len()) })
        }
    };
    let mature = if major {
        (0, 0)
    } else {
        (p.heap_start as usize, p.high_water as usize)
    };
    let mut c = Copier {
        from,
        mature,
        young_top: start,
        young_limit: new_stop,
        old_top: old_top0,
        old_limit,
        off_heap: std::ptr::null_mut(),
    };

    // Roots.
    for r in roots.iter_mut() {
        // SAFETY: evacuate returns a valid term for a valid term.
        *r = unsafe { Term::from_raw(c.evacuate(r.raw())) };
    }
    // The process dictionary and native bodies' saved terms.
    for r in p.dict.iter_mut().chain(p.saved.iter_mut()) {
        // SAFETY: evacuate returns a valid term for a valid term.
        *r = unsafe { Term::from_raw(c.evacuate(r.raw())) };
    }
    // Stack frames.
    let mut sp = new_stop;
    while sp < end {
        // SAFETY: the copied stack holds well-formed frames up to `end`.
        unsafe {
            let m = *sp;
            if !is_frame_marker(m) {
                debug_assert!(false, "corrupt stack frame marker {m:#x}");
                break;
            }
            let n = (m >> 8) as usize;
            for i in 0..n {
                let slot = sp.add(2 + i);
                *slot = c.evacuate(*slot);
            }
            sp = sp.add(2 + n);
        }
    }
    // Cheney scan of both to-spaces until nothing new is copied.
    let mut yscan = start;
    let mut oscan = old_top0;
    loop {
        let (yt, ot) = (c.young_top, c.old_top);
        if yscan == yt && oscan == ot {
            break;
        }
        yscan = c.scan(yscan, yt);
        if !ot.is_null() {
            oscan = c.scan(oscan, ot);
        }
    }

    // Off-heap sweep: survivors were relinked when copied; objects outside from-space
    // (old generation in a minor GC) stay; the rest are dead.
    let mut new_list = c.off_heap;
    let mut obj = p.off_heap;
    let mut frag_list = p.frags.off_heap();
    loop {
        if obj.is_null() {
            if frag_list.is_null() {
                break;
            }
            obj = frag_list;
            frag_list = std::ptr::null_mut();
        }
        // SAFETY: the list links valid REFC_BIN objects; from-space is still allocated.
        unsafe {
            let next = *obj.add(OFF_HEAP_LINK) as *mut u64;
            if c.from.contains(obj as usize) {
                if is_header(*obj) {
                    release_refc(obj);
                }
            } else {
                *obj.add(OFF_HEAP_LINK) = new_list as u64;
                new_list = obj;
            }
            obj = next;
        }
    }
    let _ = p.frags.take();
    p.frags = crate::heap::FragHeap::new();
    p.adopted.clear();
    p.adopted_words = 0;
    p.adopted_pinned = false;

    // Install the new memory.
    p.off_heap = new_list;
    let from_block = std::mem::replace(&mut p.block, HeapBlock::from(block));
    p.heap_start = start;
    p.htop = c.young_top;
    p.sweep_from = p.heap_used();
    p.stop = new_stop;
    p.stack_end = end;
    if major {
        let mut empty: Box<[MaybeUninit<u64>]> = Box::new_uninit_slice(0);
        p.old_top = empty.as_mut_ptr() as *mut u64;
        crate::process::recycle_block(std::mem::replace(&mut p.old, empty));
        p.high_water = p.htop;
        p.gc_stats.major += 1;
        p.minors_since_major = 0;
    } else {
        if let Some(b) = new_old {
            crate::process::recycle_block(std::mem::replace(&mut p.old, b));
        }
        let _ = old_base;
        p.old_top = c.old_top;
        p.high_water = p.htop;
        p.gc_stats.minor += 1;
        p.minors_since_major += 1;
    }
    p.account();
    from_block
}

/// Runtime entry for compiled code: collect with the first `live` x-registers and the
/// stack as roots, leaving `need` free words. Returns a status (always OK).
///
/// # Safety
/// `p` must be a valid process owned by the calling scheduler, with a well-formed stack.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_gc(p: *mut Process, need: u64, live: u64) -> u64 {
    // SAFETY: caller guarantees a valid, exclusively accessed process.
    let p = unsafe { &mut *p };
    let live = (live as usize).min(crate::process::MAX_XREGS);
    let mut roots: Vec<Term> = (0..live).map(|i| p.x(i)).collect();
    collect(p, need as usize, &mut roots);
    for (i, r) in roots.into_iter().enumerate() {
        p.set_x(i, r);
    }
    STATUS_OK
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::Heap;
    use crate::print::to_string;
    use crate::process::frame;
    use crate::term::{self, NIL};
    use std::sync::Arc;

    fn build_tree(p: &mut Process, depth: u32) -> Term {
        if depth == 0 {
            return Term::small(depth as i64).unwrap();
        }
        let l = build_tree(p, depth - 1);
        let r = build_tree(p, depth - 1);
        let f = term::float(p, depth as f64 + 0.5);
        term::tuple(p, &[l, f, r])
    }

    fn assert_in_heap(p: &Process, t: Term) {
        if t.is_boxed() || t.is_cons() {
            let a = t.boxed_ptr() as usize;
            assert!(
                p.in_young(a) || p.in_old(a),
                "term {t:?} not in process heap"
            );
        }
    }

    #[test]
    fn collect_keeps_roots_and_drops_garbage() {
        let mut p = Process::new(1);
        let mut roots = vec![NIL; 2];
        for i in 0..2000 {
            let garbage = term::tuple(&mut *p, &[Term::small(i).unwrap(); 5]);
            let _ = garbage;
            roots[0] = term::cons(&mut *p, Term::small(i).unwrap(), roots[0]);
            if p.free_words() < 10 {
                collect(&mut p, 10, &mut roots);
            }
        }
        let l = roots[0].list_to_vec().unwrap();
        assert_eq!(l.len(), 2000);
        assert_eq!(l[0].small_value(), Some(1999));
        assert_eq!(l[1999].small_value(), Some(0));
        collect_major(&mut p, 0, &mut roots);
        // live data: 2000 cons cells = 4000 words
        assert_eq!(p.total_heap_used(), 4000);
        assert_in_heap(&p, roots[0]);
    }

    #[test]
    fn big_structure_survives_minor_and_major() {
        let mut p = Process::new(2);
        p.torture = false;
        let t = build_tree(&mut p, 12);
        let before = to_string(t);
        assert!(p.frag_used() > 0, "spilled into fragments");
        let mut roots = [t, NIL];
        collect(&mut p, 0, &mut roots);
        assert_eq!(p.frag_used(), 0);
        assert_eq!(to_string(roots[0]), before);
        assert_in_heap(&p, roots[0]);
        // second minor: everything is mature and gets promoted to the old generation
        collect(&mut p, 0, &mut roots);
        assert_eq!(p.gc_stats.minor, 2);
        assert_eq!(p.heap_used(), 0);
        assert!(p.old_used() > 0);
        assert!(p.in_old(roots[0].boxed_ptr() as usize));
        assert_eq!(to_string(roots[0]), before);
        // a new young object pointing at old data survives a minor collection
        roots[1] = term::tuple(&mut *p, &[roots[0], Term::small(5).unwrap()]);
        collect(&mut p, 0, &mut roots);
        assert_eq!(roots[1].tuple_elements().unwrap()[0], roots[0]);
        collect_major(&mut p, 100, &mut roots);
        assert_eq!(p.old_used(), 0);
        assert!(p.free_words() >= 100);
        assert_eq!(to_string(roots[0]), before);
        assert_eq!(to_string(roots[1].tuple_elements().unwrap()[0]), before);
    }

    #[test]
    fn sharing_is_preserved() {
        let mut p = Process::new(3);
        let shared = term::tuple(&mut *p, &[Term::small(1).unwrap()]);
        let l = term::list(&mut *p, &[shared, shared, shared]);
        let mut roots = [l];
        collect_major(&mut p, 0, &mut roots);
        let v = roots[0].list_to_vec().unwrap();
        assert_eq!(v[0], v[1]);
        assert_eq!(v[1], v[2]);
        // 3 cons cells (6 words) + one 2-word tuple
        assert_eq!(p.heap_used(), 8);
    }

    #[test]
    fn stack_frames_are_roots() {
        let mut p = Process::new(4);
        let s = term::string(&mut *p, "hello");
        let f = term::float(&mut *p, 2.5);
        assert!(p.push_frame(frame::RETURN, 0xdead0, &[s, f, Term::small(3).unwrap()]));
        assert!(p.push_frame(frame::CATCH, 0xbeef0, &[f]));
        let mut roots: [Term; 0] = [];
        collect_major(&mut p, 1000, &mut roots);
        let (k, c, slots) = p.top_frame().unwrap();
        assert_eq!((k, c), (frame::CATCH, 0xbeef0));
        let f2 = slots[0];
        assert_eq!(f2.float_value(), Some(2.5));
        assert!(p.pop_frame());
        let (_, c, slots) = p.top_frame().unwrap();
        assert_eq!(c, 0xdead0);
        assert_eq!(to_string(slots[0]), "[104,101,108,108,111]");
        assert_eq!(slots[1], f2, "sharing between frames preserved");
        assert!(p.free_words() >= 1000);
    }

    #[test]
    fn young_floor_follows_the_allocation_rate() {
        let mut p = Process::new(9);
        p.torture = false;
        let mut roots = [NIL];
        // Fill the block with garbage (one live list cell), then collect.
        let mut fill_and_collect = |p: &mut Process, roots: &mut [Term; 1]| {
            while p.free_words() >= 3 {
                let _garbage = term::tuple(&mut *p, &[NIL, NIL]);
            }
            roots[0] = term::cons(&mut *p, NIL, NIL);
            collect(p, 3, roots);
            assert_eq!(to_string(roots[0]), "[[]]");
        };
        fill_and_collect(&mut p, &mut roots);
        assert_eq!(
            p.gc_stats.young_floor as usize, SHRINK_FLOOR,
            "not at the first"
        );
        let first = p.block_words();
        // Collections within one time slice raise the floor, and the block follows it.
        for _ in 0..12 {
            fill_and_collect(&mut p, &mut roots);
        }
        assert_eq!(p.gc_stats.young_floor as usize, FLOOR_MAX);
        assert!(
            p.block_words() >= FLOOR_MAX && first < FLOOR_MAX / 4,
            "{first} -> {}",
            p.block_words()
        );
        // One collection per few slices keeps it.
        p.slices += 3;
        fill_and_collect(&mut p, &mut roots);
        assert_eq!(p.gc_stats.young_floor as usize, FLOOR_MAX);
        // After CALM_SLICES slices without a collection, back to SHRINK_FLOOR: the block
        // shrinks at that collection.
        p.slices += CALM_SLICES;
        fill_and_collect(&mut p, &mut roots);
        assert_eq!(p.gc_stats.young_floor as usize, SHRINK_FLOOR);
        assert!(p.block_words() < FLOOR_MAX / 4, "{}", p.block_words());
    }

    #[test]
    fn block_shrinks_after_garbage_and_keeps_everything_live() {
        let data = Arc::new(vec![7u8; 100]);
        let mut p = Process::new(8);
        p.torture = false;
        // A big live set grows the block...
        let mut roots = vec![NIL; 3];
        for i in 0..100_000 {
            if p.free_words() < 2 {
                collect(&mut p, 2, &mut roots);
            }
            roots[0] = term::cons(&mut *p, Term::small(i).unwrap(), roots[0]);
        }
        let big = p.block_words();
        assert!(big > 100_000);
        // ...then the live set becomes small: a REFC_BIN, a sub-binary, a frame, a tuple.
        let bin = term::refc_binary(&mut *p, data.clone());
        roots[1] = term::sub_binary(&mut *p, bin, 8, 16).unwrap();
        let f = term::float(&mut *p, 1.5);
        assert!(p.push_frame(frame::RETURN, 0xdead0, &[f, bin]));
        roots[0] = term::tuple(&mut *p, &[f, Term::small(5).unwrap()]);
        roots[2] = NIL;
        p.dict.push(f);
        for _ in 0..3 {
            collect(&mut p, 10, &mut roots);
        }
        // (At a calm rate: a process collecting within every slice keeps a bigger floor,
        // see `young_floor_follows_the_allocation_rate`.)
        for _ in 0..200_000 {
            if p.free_words() < 3 {
                p.slices += CALM_SLICES;
                collect(&mut p, 3, &mut roots);
            }
            let _garbage = term::tuple(&mut *p, &[NIL, NIL]);
        }
        assert!(
            p.block_words() < big / 4,
            "block shrank: {} -> {}",
            big,
            p.block_words()
        );
        assert_eq!(to_string(roots[0]), "{1.5,5}");
        assert_eq!(roots[1].binary_bytes(), Some(&[7u8, 7][..]));
        assert_eq!(p.dict[0].float_value(), Some(1.5));
        let (_, c, slots) = p.top_frame().unwrap();
        assert_eq!(c, 0xdead0);
        assert_eq!(slots[0].float_value(), Some(1.5));
        assert_eq!(slots[1].binary_bytes().map(|b| b.len()), Some(100));
        assert_eq!(Arc::strong_count(&data), 2);
        assert!(p.pop_frame());
        roots[1] = NIL;
        collect_major(&mut p, 0, &mut roots);
        assert_eq!(
            Arc::strong_count(&data),
            1,
            "the moved off-heap list still releases"
        );
    }

    #[test]
    fn literals_are_not_moved() {
        let mut lit = crate::heap::FragHeap::new();
        let l = term::tuple(&mut lit, &[Term::small(42).unwrap()]);
        let mut p = Process::new(5);
        let t = term::cons(&mut *p, l, NIL);
        let mut roots = [t];
        collect_major(&mut p, 0, &mut roots);
        assert_eq!(roots[0].cons_parts().unwrap().0, l);
    }

    #[test]
    fn refc_binaries_swept() {
        let data = Arc::new(vec![9u8; 100]);
        let mut p = Process::new(6);
        let keep = term::refc_binary(&mut *p, data.clone());
        let _dead = term::refc_binary(&mut *p, data.clone());
        let sub = term::sub_binary(&mut *p, keep, 8, 16).unwrap();
        assert_eq!(Arc::strong_count(&data), 3);
        let mut roots = [sub];
        collect(&mut p, 0, &mut roots);
        assert_eq!(Arc::strong_count(&data), 2, "dead REFC_BIN released");
        assert_eq!(roots[0].binary_bytes(), Some(&[9u8, 9][..]));
        collect(&mut p, 0, &mut roots); // promote
        collect(&mut p, 0, &mut roots); // minor with the binary in the old generation
        assert_eq!(Arc::strong_count(&data), 2);
        collect_major(&mut p, 0, &mut roots);
        assert_eq!(Arc::strong_count(&data), 2);
        roots[0] = NIL;
        collect_major(&mut p, 0, &mut roots);
        assert_eq!(Arc::strong_count(&data), 1);
        let _ = term::refc_binary(&mut *p, data.clone());
        drop(p);
        assert_eq!(Arc::strong_count(&data), 1);
    }

    #[test]
    fn heap_grows_and_gc_entry_point() {
        let mut p = Process::new(7);
        // build a long list held in x0, collecting through the ABI entry point
        for i in 0..5000 {
            if p.free_words() < 2 {
                // SAFETY: p is a valid process with a well-formed (empty) stack.
                unsafe { ferl_rt_gc(&mut *p, 2, 1) };
            }
            let tail = p.x(0);
            let c = term::cons(&mut *p, Term::small(i).unwrap(), tail);
            p.set_x(0, c);
        }
        assert_eq!(p.frag_used(), 0, "all allocation went to the block");
        assert_eq!(p.x(0).list_to_vec().unwrap().len(), 5000);
        assert!(p.block_words() + p.old.len() >= 10000);
        assert!(p.gc_stats.minor + p.gc_stats.major > 3);
    }

    #[test]
    fn many_cycles_random_shapes() {
        mutator(false);
    }

    #[test]
    fn torture_mode_moves_everything_every_time() {
        mutator(true);
        let mut p = Process::new(9);
        p.torture = true;
        let t = build_tree(&mut p, 6);
        let before = to_string(t);
        let mut roots = [t];
        let old_addr = roots[0].boxed_ptr();
        collect(&mut p, 3, &mut roots);
        assert_ne!(roots[0].boxed_ptr(), old_addr);
        assert_eq!(p.free_words(), 3, "no slack after a torture collection");
        assert_eq!(to_string(roots[0]), before);
    }

    fn mutator(torture: bool) {
        // A deterministic pseudo-random mutator: keeps a window of live structures.
        let mut p = Process::new(8);
        p.torture = torture;
        let mut roots = vec![NIL; 8];
        let mut expect: Vec<String> = vec![to_string(NIL); 8];
        let mut seed = 12345u64;
        for step in 0..3000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let slot = (seed >> 33) as usize % 8;
            let a = roots[(seed >> 40) as usize % 8];
            let steps = if torture { 600 } else { 3000 };
            if step >= steps {
                break;
            }
            let t = match (seed >> 50) % 5 {
                0 => term::tuple(&mut *p, &[a, Term::small(step).unwrap()]),
                1 => term::cons(&mut *p, a, roots[slot]),
                2 => term::float(&mut *p, step as f64),
                3 => term::binary(&mut *p, &vec![step as u8; (step % 100) as usize]),
                _ => term::bigint(&mut *p, &(num_bigint::BigInt::from(step) << 70)),
            };
            roots[slot] = t;
            expect[slot] = to_string(t);
            if p.free_words() < 50 || step % 97 == 0 {
                collect(&mut p, 50, &mut roots);
                for i in 0..8 {
                    assert_eq!(to_string(roots[i]), expect[i]);
                }
            }
        }
        collect_major(&mut p, 0, &mut roots);
        for i in 0..8 {
            assert_eq!(to_string(roots[i]), expect[i]);
        }
        let _ = p.alloc(0);
    }
}
