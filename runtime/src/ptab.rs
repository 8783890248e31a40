//! The process table (pid -> process) and the name registry, both readable without locks.
//!
//! Owns: pid allocation (BEAM-like: a pid serial indexes a fixed-capacity table, so a
//! lookup is one atomic load plus a serial check; reclamation of removed entries is
//! epoch-based, so a reader that found an entry may use it until its guard drops), and
//! registered names (one atomic word per atom index, read lock-free; changes serialized
//! by one mutex, never taken on the message path).
//! Must not: run, schedule or signal processes (`sched`, `signal`), or know what a table
//! entry contains beyond its serial.

use crate::term::PID_MAX;
use crossbeam::epoch::{Atomic, Guard, Owned, Shared};
use parking_lot::Mutex;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Something stored in the table: it knows its own pid serial.
pub trait Entry {
    /// The pid serial.
    fn serial(&self) -> u64;
    /// Set the pid serial (before insertion).
    fn set_serial(&mut self, s: u64);
}

/// A fixed-capacity table of entries indexed by `serial & (capacity - 1)`.
pub struct Table<T: Entry> {
    slots: Box<[Atomic<T>]>,
    mask: u64,
    next: AtomicU64,
    count: AtomicUsize,
}

impl<T: Entry> Table<T> {
    /// A table for `capacity` live entries (rounded up to a power of two, at most 2^27).
    pub fn new(capacity: usize) -> Table<T> {
        let cap = capacity.clamp(16, 1 << 27).next_power_of_two();
        Table {
            slots: (0..cap).map(|_| Atomic::null()).collect(),
            mask: cap as u64 - 1,
            next: AtomicU64::new(0),
            count: AtomicUsize::new(0),
        }
    }

    /// Capacity.
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }

    /// Live entries.
    pub fn len(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }

    /// Is the table empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Insert an entry under a fresh serial; returns the entry's address, or gives the
    /// entry back when the table is full (`system_limit`).
    pub fn insert(&self, entry: Owned<T>, guard: &Guard) -> Result<*const T, Owned<T>> {
        if self.count.fetch_add(1, Ordering::AcqRel) >= self.slots.len() {
            self.count.fetch_sub(1, Ordering::AcqRel);
            return Err(entry);
        }
        let mut entry = entry;
        loop {
            let serial = self.next.fetch_add(1, Ordering::Relaxed) & PID_MAX;
            let slot = &self.slots[(serial & self.mask) as usize];
            if !slot.load(Ordering::Relaxed, guard).is_null() {
                continue;
            }
            entry.set_serial(serial);
            match slot.compare_exchange(
                Shared::null(),
                entry,
                Ordering::AcqRel,
                Ordering::Relaxed,
                guard,
            ) {
                Ok(s) => return Ok(s.as_raw()),
                Err(e) => entry = e.new,
            }
        }
    }

    /// The entry with this serial, valid while `guard` lives.
    pub fn get<'g>(&self, serial: u64, guard: &'g Guard) -> Option<&'g T> {
        let s = self
            .slots
            .get((serial & self.mask) as usize)?
            .load(Ordering::Acquire, guard);
        // SAFETY: a non-null slot points at a live entry; removal defers destruction until
        // every guard that could have loaded it is gone, and `guard` outlives the result.
        let e = unsafe { s.as_ref() }?;
        (e.serial() == serial).then_some(e)
    }

    /// Remove the entry with this serial (its owner only) and destroy it once no reader
    /// can still hold it.
    pub fn remove(&self, serial: u64, guard: &Guard) {
        let slot = &self.slots[(serial & self.mask) as usize];
        let s = slot.load(Ordering::Acquire, guard);
        // SAFETY: as in `get`.
        if unsafe { s.as_ref() }.is_some_and(|e| e.serial() == serial)
            && slot
                .compare_exchange(
                    s,
                    Shared::null(),
                    Ordering::AcqRel,
                    Ordering::Relaxed,
                    guard,
                )
                .is_ok()
        {
            self.count.fetch_sub(1, Ordering::AcqRel);
            // SAFETY: the entry is unlinked; only readers pinned before now can see it,
            // and destruction waits for them.
            unsafe { guard.defer_destroy(s) };
        }
    }

    /// Serials of all live entries, in table order.
    pub fn serials(&self, guard: &Guard) -> Vec<u64> {
        let mut v = Vec::with_capacity(self.len());
        for slot in self.slots.iter() {
            // SAFETY: as in `get`.
            if let Some(e) = unsafe { slot.load(Ordering::Acquire, guard).as_ref() } {
                v.push(e.serial());
            }
        }
        v
    }

    /// Take every remaining entry out (shutdown, after all schedulers stopped).
    pub fn drain(&mut self) -> Vec<Owned<T>> {
        let guard = crossbeam::epoch::pin();
        let mut out = Vec::new();
        // Stop once every live entry is found: the table has up to 2^27 slots, and a
        // program that ends with no process left (the common case) should not visit them.
        let mut left = self.count.load(Ordering::Acquire);
        for slot in self.slots.iter() {
            if left == 0 {
                break;
            }
            if slot.load(Ordering::Acquire, &guard).is_null() {
                continue;
            }
            left -= 1;
            let s = slot.swap(Shared::null(), Ordering::AcqRel, &guard);
            if !s.is_null() {
                // SAFETY: `&mut self`: no other thread can access the table any more, so
                // we are the only owner of the unlinked entry.
                out.push(unsafe { s.into_owned() });
            }
        }
        self.count.store(0, Ordering::Release);
        out
    }
}

const REG_CHUNK: usize = 1024;

/// Registered names: atom index -> pid serial + 1 (0 = not registered).
pub struct Registry {
    chunks: Box<[OnceLock<Box<[AtomicU64]>>]>,
    names: Mutex<BTreeSet<u32>>,
}

impl Default for Registry {
    fn default() -> Self {
        Self::new()
    }
}

impl Registry {
    /// An empty registry sized for the global atom table's limit.
    pub fn new() -> Registry {
        let n = crate::atom::global().limit().div_ceil(REG_CHUNK);
        Registry {
            chunks: (0..n).map(|_| OnceLock::new()).collect(),
            names: Mutex::new(BTreeSet::new()),
        }
    }

    fn slot(&self, atom: u32, create: bool) -> Option<&AtomicU64> {
        let c = self.chunks.get(atom as usize / REG_CHUNK)?;
        let chunk = if create {
            c.get_or_init(|| (0..REG_CHUNK).map(|_| AtomicU64::new(0)).collect())
        } else {
            c.get()?
        };
        Some(&chunk[atom as usize % REG_CHUNK])
    }

    /// The pid serial registered under this atom (lock-free).
    pub fn whereis(&self, atom: u32) -> Option<u64> {
        let v = self.slot(atom, false)?.load(Ordering::Acquire);
        (v != 0).then(|| v - 1)
    }

    /// Serialize changes: the closure gets a handle that can read and write names.
    pub fn change<R>(&self, f: impl FnOnce(&mut RegistryEdit<'_>) -> R) -> R {
        let mut names = self.names.lock();
        let mut e = RegistryEdit {
            reg: self,
            names: &mut names,
        };
        f(&mut e)
    }

    /// All registered names (atom indices), sorted.
    pub fn names(&self) -> Vec<u32> {
        self.names.lock().iter().copied().collect()
    }
}

/// Registry changes under the registry's mutex.
pub struct RegistryEdit<'a> {
    reg: &'a Registry,
    names: &'a mut BTreeSet<u32>,
}

impl RegistryEdit<'_> {
    /// The pid serial registered under `atom`.
    pub fn whereis(&self, atom: u32) -> Option<u64> {
        self.reg.whereis(atom)
    }
    /// Register; false if the name is taken.
    pub fn insert(&mut self, atom: u32, serial: u64) -> bool {
        let Some(s) = self.reg.slot(atom, true) else {
            return false;
        };
        if s.load(Ordering::Acquire) != 0 {
            return false;
        }
        s.store(serial + 1, Ordering::Release);
        self.names.insert(atom);
        true
    }
    /// Unregister; the serial that was registered.
    pub fn remove(&mut self, atom: u32) -> Option<u64> {
        let s = self.reg.slot(atom, false)?;
        let v = s.swap(0, Ordering::AcqRel);
        self.names.remove(&atom);
        (v != 0).then(|| v - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct E(u64, u32);
    impl Entry for E {
        fn serial(&self) -> u64 {
            self.0
        }
        fn set_serial(&mut self, s: u64) {
            self.0 = s;
        }
    }

    #[test]
    fn insert_get_remove_reuse() {
        let t: Table<E> = Table::new(16);
        let g = crossbeam::epoch::pin();
        let mut serials = Vec::new();
        for i in 0..16 {
            let p = t.insert(Owned::new(E(0, i)), &g).ok().unwrap();
            // SAFETY: the entry is live and we hold a guard.
            serials.push(unsafe { (*p).0 });
        }
        assert!(
            t.insert(Owned::new(E(0, 99)), &g).is_err(),
            "full table is system_limit"
        );
        assert_eq!(t.get(serials[3], &g).unwrap().1, 3);
        t.remove(serials[3], &g);
        assert!(t.get(serials[3], &g).is_none());
        let p = t.insert(Owned::new(E(0, 42)), &g).ok().unwrap();
        // SAFETY: as above.
        let s = unsafe { (*p).0 };
        assert_ne!(s, serials[3], "a reused slot gets a new serial");
        assert_eq!(s & 15, serials[3] & 15);
        assert!(t.get(serials[3], &g).is_none(), "the old pid stays dead");
        assert_eq!(t.get(s, &g).unwrap().1, 42);
        assert_eq!(t.serials(&g).len(), 16);
    }

    #[test]
    fn registry() {
        let r = Registry::new();
        let a = crate::atom::intern("ptab_test_name").unwrap();
        assert_eq!(r.whereis(a), None);
        assert!(r.change(|e| e.insert(a, 7)));
        assert!(!r.change(|e| e.insert(a, 8)));
        assert_eq!(r.whereis(a), Some(7));
        assert_eq!(r.names(), vec![a]);
        assert_eq!(r.change(|e| e.remove(a)), Some(7));
        assert_eq!(r.whereis(a), None);
        assert!(r.names().is_empty());
    }
}
