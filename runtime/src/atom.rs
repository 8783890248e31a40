//! The global atom table: interning atom text to a stable index, and index -> text.
//!
//! Owns: the one process-wide table (append-only, entries live forever), its limit
//! (1,048,576 by default, exceeding it is `system_limit`, never a crash), and the
//! pre-registered atoms whose indices are part of the ABI (`docs/runtime-abi.md`).
//! Must not: hold any per-process state, or ever remove or renumber an atom.
//! Reads of existing atoms are lock-free; interning a new atom takes a mutex.

use std::collections::HashMap;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// Default maximum number of atoms, as BEAM's `+t` default.
pub const DEFAULT_ATOM_LIMIT: usize = 1_048_576;
/// Maximum length of an atom, in characters (BEAM: 255).
pub const MAX_ATOM_CHARS: usize = 255;

const SEG_BITS: usize = 12;
const SEG_SIZE: usize = 1 << SEG_BITS;

type Segment = [OnceLock<&'static str>; SEG_SIZE];

/// Why an atom could not be created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtomError {
    /// The table is full (`system_limit`).
    TableFull,
    /// The name is longer than 255 characters (`system_limit`).
    TooLong,
}

/// An append-only atom table. The runtime uses one global instance ([`global`]);
/// separate instances exist only so tests can exercise the limit cheaply.
pub struct AtomTable {
    limit: usize,
    len: AtomicUsize,
    segments: Box<[AtomicPtr<Segment>]>,
    index: Mutex<HashMap<&'static str, u32>>,
}

impl AtomTable {
    /// A new table holding the pre-registered atoms, with room for `limit` atoms in total.
    pub fn with_limit(limit: usize) -> AtomTable {
        let nseg = limit.div_ceil(SEG_SIZE).max(1);
        let segments = (0..nseg)
            .map(|_| AtomicPtr::new(std::ptr::null_mut()))
            .collect();
        let t = AtomTable {
            limit: limit.max(PREDEFINED.len()),
            len: AtomicUsize::new(0),
            segments,
            index: Mutex::new(HashMap::new()),
        };
        for (i, name) in PREDEFINED.iter().enumerate() {
            let got = t.intern(name);
            debug_assert_eq!(got, Ok(i as u32));
        }
        t
    }

    /// Number of atoms in the table.
    pub fn len(&self) -> usize {
        self.len.load(Ordering::Acquire)
    }

    /// Always false: the pre-registered atoms are present.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The table's limit.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The index of `name`, creating the atom if needed.
    pub fn intern(&self, name: &str) -> Result<u32, AtomError> {
        if name.chars().count() > MAX_ATOM_CHARS {
            return Err(AtomError::TooLong);
        }
        let mut map = self.index.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&i) = map.get(name) {
            return Ok(i);
        }
        let i = self.len.load(Ordering::Relaxed);
        if i >= self.limit {
            return Err(AtomError::TableFull);
        }
        let seg = self.segment_or_create(i >> SEG_BITS);
        let text: &'static str = Box::leak(name.to_owned().into_boxed_str());
        // The mutex serializes writers, and index i was never set before.
        let _ = seg[i & (SEG_SIZE - 1)].set(text);
        map.insert(text, i as u32);
        self.len.store(i + 1, Ordering::Release);
        Ok(i as u32)
    }

    /// The index of `name` if the atom exists (`list_to_existing_atom`).
    pub fn lookup(&self, name: &str) -> Option<u32> {
        let map = self.index.lock().unwrap_or_else(|e| e.into_inner());
        map.get(name).copied()
    }

    /// The text of atom `index`, or None for an index never handed out.
    pub fn name(&self, index: u32) -> Option<&'static str> {
        let i = index as usize;
        let seg = self.segments.get(i >> SEG_BITS)?.load(Ordering::Acquire);
        if seg.is_null() {
            return None;
        }
        // SAFETY: non-null segment pointers come from Box::leak in segment_or_create and
        // are never freed or replaced, so the reference is valid for 'static.
        let seg: &'static Segment = unsafe { &*seg };
        seg[i & (SEG_SIZE - 1)].get().copied()
    }

    fn segment_or_create(&self, s: usize) -> &'static Segment {
        let slot = &self.segments[s];
        let mut p = slot.load(Ordering::Acquire);
        if p.is_null() {
            let seg: Box<Segment> = Box::new(std::array::from_fn(|_| OnceLock::new()));
            p = Box::leak(seg) as *mut Segment;
            // Only called with the index mutex held, so nobody else stores here.
            slot.store(p, Ordering::Release);
        }
        // SAFETY: see `name`: the segment is leaked and lives forever.
        unsafe { &*p }
    }
}

static GLOBAL: OnceLock<AtomTable> = OnceLock::new();

/// The process-wide atom table.
pub fn global() -> &'static AtomTable {
    GLOBAL.get_or_init(|| AtomTable::with_limit(DEFAULT_ATOM_LIMIT))
}

/// Intern `name` in the global table.
pub fn intern(name: &str) -> Result<u32, AtomError> {
    global().intern(name)
}

/// Text of a global atom (empty string for an unknown index, which valid terms never hold).
pub fn name(index: u32) -> &'static str {
    global().name(index).unwrap_or("")
}

/// The pre-registered atoms; the position of each is its fixed index (ABI).
pub const PREDEFINED: &[&str] = &[
    "false",
    "true",
    "undefined",
    "ok",
    "error",
    "exit",
    "throw",
    "badarg",
    "badarith",
    "badmatch",
    "function_clause",
    "case_clause",
    "if_clause",
    "undef",
    "badfun",
    "badarity",
    "timeout_value",
    "noproc",
    "normal",
    "kill",
    "killed",
    "system_limit",
    "nocatch",
    "try_clause",
    "badkey",
    "badmap",
    "EXIT",
    "DOWN",
    "process",
    "infinity",
    "nonode@nohost",
    "erlang",
    "badrecord",
    "noconnection",
    "",
    "timeout",
    "lists",
];

/// Fixed atom indices (see `PREDEFINED`).
pub mod idx {
    #![allow(missing_docs)]
    pub const FALSE: u32 = 0;
    pub const TRUE: u32 = 1;
    pub const UNDEFINED: u32 = 2;
    pub const OK: u32 = 3;
    pub const ERROR: u32 = 4;
    pub const EXIT: u32 = 5;
    pub const THROW: u32 = 6;
    pub const BADARG: u32 = 7;
    pub const BADARITH: u32 = 8;
    pub const BADMATCH: u32 = 9;
    pub const FUNCTION_CLAUSE: u32 = 10;
    pub const CASE_CLAUSE: u32 = 11;
    pub const IF_CLAUSE: u32 = 12;
    pub const UNDEF: u32 = 13;
    pub const BADFUN: u32 = 14;
    pub const BADARITY: u32 = 15;
    pub const TIMEOUT_VALUE: u32 = 16;
    pub const NOPROC: u32 = 17;
    pub const NORMAL: u32 = 18;
    pub const KILL: u32 = 19;
    pub const KILLED: u32 = 20;
    pub const SYSTEM_LIMIT: u32 = 21;
    pub const NOCATCH: u32 = 22;
    pub const TRY_CLAUSE: u32 = 23;
    pub const BADKEY: u32 = 24;
    pub const BADMAP: u32 = 25;
    pub const EXIT_UPPER: u32 = 26;
    pub const DOWN: u32 = 27;
    pub const PROCESS: u32 = 28;
    pub const INFINITY: u32 = 29;
    pub const NONODE: u32 = 30;
    pub const ERLANG: u32 = 31;
    pub const BADRECORD: u32 = 32;
    pub const NOCONNECTION: u32 = 33;
    pub const EMPTY: u32 = 34;
    pub const TIMEOUT: u32 = 35;
    pub const LISTS: u32 = 36;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predefined_indices_are_fixed() {
        let t = global();
        assert_eq!(t.name(idx::TRUE), Some("true"));
        assert_eq!(t.name(idx::BADARITH), Some("badarith"));
        assert_eq!(t.name(idx::EXIT_UPPER), Some("EXIT"));
        assert_eq!(t.name(idx::NONODE), Some("nonode@nohost"));
        assert_eq!(t.name(idx::LISTS), Some("lists"));
        assert_eq!(t.lookup("ok"), Some(idx::OK));
        assert_eq!(PREDEFINED.len(), 37);
    }

    #[test]
    fn intern_is_idempotent_and_threadsafe() {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                std::thread::spawn(|| {
                    (0..200)
                        .map(|i| intern(&format!("t_atom_{i}")).unwrap())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let results: Vec<Vec<u32>> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        for r in &results[1..] {
            assert_eq!(r, &results[0]);
        }
        assert_eq!(name(results[0][7]), "t_atom_7");
    }

    #[test]
    fn limit_gives_table_full_not_crash() {
        let t = AtomTable::with_limit(PREDEFINED.len() + 3);
        for i in 0..3 {
            t.intern(&format!("x{i}")).unwrap();
        }
        assert_eq!(t.intern("one_too_many"), Err(AtomError::TableFull));
        assert_eq!(t.intern("x1"), Ok(PREDEFINED.len() as u32 + 1));
        assert_eq!(t.len(), PREDEFINED.len() + 3);
    }

    #[test]
    fn too_long_atom() {
        let long: String = "a".repeat(256);
        assert_eq!(intern(&long), Err(AtomError::TooLong));
        let ok: String = "\u{e9}".repeat(255);
        assert!(intern(&ok).is_ok());
    }

    #[test]
    fn crosses_segment_boundary() {
        let t = AtomTable::with_limit(SEG_SIZE * 2 + 10);
        let mut last = 0;
        for i in 0..SEG_SIZE + 5 {
            last = t.intern(&format!("s{i}")).unwrap();
        }
        assert_eq!(t.name(last), Some(format!("s{}", SEG_SIZE + 4).as_str()));
        assert_eq!(t.name(last + 1), None);
    }
}
