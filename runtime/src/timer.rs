//! A hierarchical timer wheel with millisecond resolution (one per scheduler).
//!
//! Owns: the ordering of timers by deadline: insert, cancel (O(1), lazy: the id left in
//! its slot is skipped when the slot comes up), read the deadline, and `advance(now)`,
//! which returns every timer whose deadline has passed, in deadline order (ties in
//! insertion order). 7 levels of 64 slots cover 2^42 ms, far beyond Erlang's largest
//! timeout (2^32-1 ms).
//! Must not: know what a timer does (the payload `T` is opaque: the scheduler fires it),
//! read the clock (the caller passes `now`), or take locks (the caller owns the wheel).

use std::collections::HashMap;

const BITS: u32 = 6;
const SLOTS: usize = 1 << BITS;
const LEVELS: usize = 7;

struct Level {
    occupied: u64,
    slots: [Vec<u64>; SLOTS],
}

impl Default for Level {
    fn default() -> Self {
        Level {
            occupied: 0,
            slots: std::array::from_fn(|_| Vec::new()),
        }
    }
}

struct Entry<T> {
    deadline: u64,
    item: T,
}

/// A timer wheel holding payloads of type `T`, keyed by caller-chosen unique ids.
pub struct Wheel<T> {
    now: u64,
    levels: Vec<Level>,
    entries: HashMap<u64, Entry<T>>,
}

fn level_for(now: u64, deadline: u64) -> usize {
    let masked = (now ^ deadline) | (SLOTS as u64 - 1);
    let significant = 63 - masked.leading_zeros();
    ((significant / BITS) as usize).min(LEVELS - 1)
}

impl<T> Wheel<T> {
    /// An empty wheel whose clock starts at `now` (ms).
    pub fn new(now: u64) -> Wheel<T> {
        Wheel {
            now,
            levels: (0..LEVELS).map(|_| Level::default()).collect(),
            entries: HashMap::new(),
        }
    }

    /// The wheel's current time (ms).
    pub fn now(&self) -> u64 {
        self.now
    }

    /// Number of pending timers.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Is no timer pending.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn place(&mut self, id: u64, deadline: u64) {
        let deadline = deadline.max(self.now);
        let level = level_for(self.now, deadline);
        let slot = ((deadline >> (BITS as usize * level)) as usize) & (SLOTS - 1);
        let l = &mut self.levels[level];
        l.slots[slot].push(id);
        l.occupied |= 1 << slot;
    }

    /// Add a timer firing at `deadline` (ms; a deadline in the past fires at the next
    /// `advance`). `id` must not be pending already.
    pub fn insert(&mut self, id: u64, deadline: u64, item: T) {
        self.entries.insert(id, Entry { deadline, item });
        self.place(id, deadline);
    }

    /// Remove a pending timer: its deadline and payload, or None if it already fired or
    /// never existed.
    pub fn cancel(&mut self, id: u64) -> Option<(u64, T)> {
        self.entries.remove(&id).map(|e| (e.deadline, e.item))
    }

    /// The deadline of a pending timer.
    pub fn deadline(&self, id: u64) -> Option<u64> {
        self.entries.get(&id).map(|e| e.deadline)
    }

    /// The earliest slot that needs processing: (level, slot, time it comes up).
    fn next_slot(&self) -> Option<(usize, usize, u64)> {
        for (level, l) in self.levels.iter().enumerate() {
            if l.occupied == 0 {
                continue;
            }
            let shift = BITS as usize * level;
            let now_slot = ((self.now >> shift) as usize) & (SLOTS - 1);
            let rotated = l.occupied.rotate_right(now_slot as u32);
            let slot = (now_slot + rotated.trailing_zeros() as usize) % SLOTS;
            let level_range = 1u64 << (shift + BITS as usize);
            let level_start = self.now & !(level_range - 1);
            let mut at = level_start + ((slot as u64) << shift);
            if slot < now_slot {
                at += level_range;
            }
            return Some((level, slot, at.max(self.now)));
        }
        None
    }

    /// When the next slot comes up (ms): a scheduler can sleep until then. It may be
    /// earlier than the next real deadline (a coarse slot is then re-sorted).
    pub fn next_wakeup(&self) -> Option<u64> {
        if self.entries.is_empty() {
            return None;
        }
        self.next_slot().map(|(_, _, at)| at)
    }

    /// Move the clock to `to` (ms) and return the timers that expired, earliest first.
    pub fn advance(&mut self, to: u64) -> Vec<(u64, T)> {
        let mut fired = Vec::new();
        if self.entries.is_empty() {
            // Stale ids of cancelled timers may remain; drop them cheaply.
            if self.levels.iter().any(|l| l.occupied != 0) {
                for l in &mut self.levels {
                    l.occupied = 0;
                    l.slots.iter_mut().for_each(Vec::clear);
                }
            }
            self.now = self.now.max(to);
            return fired;
        }
        while let Some((level, slot, at)) = self.next_slot() {
            if at > to {
                break;
            }
            self.now = at;
            let l = &mut self.levels[level];
            l.occupied &= !(1 << slot);
            let ids = std::mem::take(&mut l.slots[slot]);
            let mut due = Vec::new();
            for id in ids {
                let Some(e) = self.entries.get(&id) else {
                    continue;
                };
                if e.deadline <= self.now {
                    due.push((e.deadline, id));
                } else {
                    let d = e.deadline;
                    self.place(id, d);
                }
            }
            // Within one level-0 slot every deadline is equal; sorting keeps cascaded
            // slots in deadline order, and the stable sort keeps insertion order on ties.
            due.sort_by_key(|&(d, _)| d);
            for (_, id) in due {
                if let Some(e) = self.entries.remove(&id) {
                    fired.push((id, e.item));
                }
            }
        }
        self.now = self.now.max(to);
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fires_in_deadline_order() {
        let mut w = Wheel::new(0);
        let deadlines = [5u64, 1, 70, 64, 63, 4096, 300_000, 4_294_967_295, 3, 3];
        for (i, d) in deadlines.iter().enumerate() {
            w.insert(i as u64, *d, i);
        }
        let mut got = Vec::new();
        let mut t = 0;
        while !w.is_empty() {
            t = w.next_wakeup().unwrap().max(t + 1);
            for (_, i) in w.advance(t) {
                assert!(deadlines[i] <= t, "fired early");
                got.push(i);
            }
        }
        let mut want: Vec<usize> = (0..deadlines.len()).collect();
        want.sort_by_key(|&i| deadlines[i]);
        assert_eq!(got, want);
    }

    #[test]
    fn big_jump_fires_everything_due() {
        let mut w = Wheel::new(1000);
        for i in 0..500u64 {
            w.insert(i, 1000 + i * 37, i);
        }
        let fired = w.advance(1000 + 250 * 37);
        assert_eq!(fired.len(), 251);
        assert!(fired.windows(2).all(|p| p[0].1 < p[1].1));
        assert_eq!(w.len(), 249);
    }

    #[test]
    fn cancel_and_read() {
        let mut w = Wheel::new(10);
        w.insert(1, 20, "a");
        w.insert(2, 30, "b");
        w.insert(3, 5, "past");
        assert_eq!(w.deadline(2), Some(30));
        assert_eq!(w.cancel(2), Some((30, "b")));
        assert_eq!(w.cancel(2), None);
        assert_eq!(w.advance(10), vec![(3, "past")]);
        assert_eq!(w.next_wakeup(), Some(20));
        assert_eq!(w.advance(100), vec![(1, "a")]);
        assert!(w.is_empty());
        assert_eq!(w.advance(200), vec![]);
    }
}
