//! Memory accounting for `erlang:memory/0,1`: sharded byte counters for process memory
//! and off-heap binaries, the OS's resident set size, and the result terms.
//!
//! Owns: the counters (one cache-padded atomic per shard, a thread adds to its own shard,
//! so accounting never contends on the message path) and the meaning of each
//! `erlang:memory/1` item on ferl:
//! - `total`: the resident set size of the OS process (`/proc/self/statm`), so it covers
//!   everything (code, allocator slack, thread stacks), not only what ferl counts;
//! - `processes` / `processes_used`: process cells (the struct, queue stubs) plus each
//!   process's heap+stack block, old generation and heap fragments, as last accounted
//!   (at spawn, at every collection, at exit);
//! - `system`: `total - processes`; `atom`/`atom_used`: the atom table (names + slots);
//!   `binary`: what `add_binary_bytes` reported (nothing calls it yet: 0 until off-heap
//!   binaries are hooked up); `code`, `ets`: 0 (no code accounting, no ETS yet).
//!
//! Must not: walk processes (reading is O(shards)), or take locks.

use std::sync::atomic::{AtomicIsize, AtomicUsize, Ordering};

const SHARDS: usize = 16;

#[repr(align(128))]
struct Shard(AtomicIsize);

#[allow(clippy::declare_interior_mutable_const)]
const ZERO: Shard = Shard(AtomicIsize::new(0));
static PROCESS_BYTES: [Shard; SHARDS] = [ZERO; SHARDS];
static BINARY_BYTES: [Shard; SHARDS] = [ZERO; SHARDS];
static NEXT_SHARD: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static SHARD: usize = NEXT_SHARD.fetch_add(1, Ordering::Relaxed) % SHARDS;
}

fn shard() -> usize {
    SHARD.try_with(|s| *s).unwrap_or(0)
}

fn sum(c: &[Shard; SHARDS]) -> usize {
    c.iter()
        .map(|s| s.0.load(Ordering::Relaxed))
        .sum::<isize>()
        .max(0) as usize
}

/// Process memory grew (positive) or shrank (negative) by `delta` bytes.
#[inline]
pub fn add_process_bytes(delta: isize) {
    if delta != 0 {
        PROCESS_BYTES[shard()].0.fetch_add(delta, Ordering::Relaxed);
    }
}

/// Live off-heap binary data grew or shrank by `delta` bytes.
#[inline]
pub fn add_binary_bytes(delta: isize) {
    if delta != 0 {
        BINARY_BYTES[shard()].0.fetch_add(delta, Ordering::Relaxed);
    }
}

/// Bytes of process memory (see the module doc).
pub fn processes() -> usize {
    sum(&PROCESS_BYTES)
}

/// Bytes of live reference-counted binaries.
pub fn binary() -> usize {
    sum(&BINARY_BYTES)
}

/// The resident set size of this OS process in bytes (0 if unknown).
pub fn rss() -> usize {
    let Ok(s) = std::fs::read_to_string("/proc/self/statm") else {
        return 0;
    };
    let pages: usize = s
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

/// Bytes the atom table uses (names plus one slot word per atom).
pub fn atom() -> usize {
    let t = crate::atom::global();
    let mut n = 0usize;
    for i in 0..t.len() {
        n += t.name(i as u32).map_or(0, |s| s.len() + 16);
    }
    n
}

/// The `erlang:memory/1` items, in `erlang:memory/0`'s order.
pub const ITEMS: &[&str] = &[
    "total",
    "processes",
    "processes_used",
    "system",
    "atom",
    "atom_used",
    "binary",
    "code",
    "ets",
];

/// The value of one item (None: not an item; `badarg`).
pub fn item(name: &str) -> Option<usize> {
    let procs = processes();
    let total = || rss().max(procs + binary());
    Some(match name {
        "total" => total(),
        "processes" | "processes_used" => procs,
        "system" => total().saturating_sub(procs),
        "atom" | "atom_used" => atom(),
        "binary" => binary(),
        "code" | "ets" => 0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn items_are_sensible() {
        super::add_process_bytes(1000);
        assert!(super::item("processes").unwrap() >= 1000);
        assert!(super::item("total").unwrap() >= super::item("processes").unwrap());
        assert!(super::item("atom").unwrap() > 0);
        assert_eq!(super::item("ets"), Some(0));
        assert_eq!(super::item("bogus"), None);
        super::add_process_bytes(-1000);
    }
}
