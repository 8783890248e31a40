//! Time and node BIFs: `monotonic_time/0,1`, `system_time/0,1`, `os:system_time/0,1`,
//! `timestamp/0`, `convert_time_unit/3`, `node/0,1`.
//!
//! Owns: time units (`second`, `millisecond`, `microsecond`, `nanosecond`, `native` =
//! nanosecond, `perf_counter` = nanosecond, a positive integer of parts per second, and
//! the deprecated plural forms) and BEAM's flooring conversion.
//! Must not: keep per-process state; the monotonic clock is one process-wide origin.

use super::badarg;
use crate::arith::MAX_INT_BITS;
use crate::atom::idx;
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::term::{self, Int, Kind, Term};
use num_bigint::BigInt;
use num_integer::Integer;
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Parts per second of the native time unit.
pub const NATIVE_PER_SEC: u64 = 1_000_000_000;

/// Parts per second of a time unit term (None: not a unit).
pub fn unit_per_sec(u: Term) -> Option<BigInt> {
    if let Some(i) = u.int_value() {
        let b = i.to_bigint();
        return (b > BigInt::from(0)).then_some(b);
    }
    let n: u64 = match u.atom_name()? {
        "second" | "seconds" => 1,
        "millisecond" | "milli_seconds" => 1_000,
        "microsecond" | "micro_seconds" => 1_000_000,
        "nanosecond" | "nano_seconds" | "native" | "perf_counter" => NATIVE_PER_SEC,
        _ => return None,
    };
    Some(BigInt::from(n))
}

fn convert(h: &mut dyn Heap, t: &BigInt, from: &BigInt, to: &BigInt) -> BifResult {
    let r = (t * to).div_floor(from);
    if r.bits() > MAX_INT_BITS {
        return Err(Exception::system_limit());
    }
    Ok(term::bigint(h, &r))
}

pub(crate) fn mono_ns() -> i128 {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    let o = *ORIGIN.get_or_init(Instant::now);
    // BEAM's monotonic time starts at a large negative value; keep that shape.
    Instant::now().duration_since(o).as_nanos() as i128 - (1i128 << 50)
}

pub(crate) fn system_ns() -> i128 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

pub(crate) fn in_unit(h: &mut dyn Heap, ns: i128, unit: Term) -> BifResult {
    let to = unit_per_sec(unit).ok_or_else(Exception::badarg)?;
    convert(h, &BigInt::from(ns), &BigInt::from(NATIVE_PER_SEC), &to)
}

/// `monotonic_time()` (native units).
pub fn monotonic_time(h: &mut dyn Heap) -> BifResult {
    Ok(term::int128(h, mono_ns()))
}
/// `monotonic_time(Unit)`.
pub fn monotonic_time1(h: &mut dyn Heap, unit: Term) -> BifResult {
    in_unit(h, mono_ns(), unit)
}
/// `system_time()` / `os:system_time()` (native units).
pub fn system_time(h: &mut dyn Heap) -> BifResult {
    Ok(term::int128(h, system_ns()))
}
/// `system_time(Unit)` / `os:system_time(Unit)`.
pub fn system_time1(h: &mut dyn Heap, unit: Term) -> BifResult {
    in_unit(h, system_ns(), unit)
}
/// `timestamp()`: `{MegaSecs, Secs, MicroSecs}`.
pub fn timestamp(h: &mut dyn Heap) -> BifResult {
    let us = system_ns().div_euclid(1000);
    let (mega, rest) = (
        us.div_euclid(1_000_000_000_000),
        us.rem_euclid(1_000_000_000_000),
    );
    let parts = [mega, rest / 1_000_000, rest % 1_000_000];
    let elems: Vec<Term> = parts.iter().map(|&p| term::int128(h, p)).collect();
    Ok(term::tuple(h, &elems))
}
/// `convert_time_unit(Time, FromUnit, ToUnit)` (floored).
pub fn convert_time_unit(h: &mut dyn Heap, t: Term, from: Term, to: Term) -> BifResult {
    let t = t.int_value().ok_or_else(Exception::badarg)?;
    let from = unit_per_sec(from).ok_or_else(Exception::badarg)?;
    let to = unit_per_sec(to).ok_or_else(Exception::badarg)?;
    match t {
        Int::Small(v) => convert(h, &BigInt::from(v), &from, &to),
        Int::Big(b) => convert(h, &b, &from, &to),
    }
}

/// `node()`.
pub fn node(_h: &mut dyn Heap) -> BifResult {
    Ok(Term::atom(idx::NONODE))
}
/// `node(Pid | Port | Ref)`.
pub fn node1(_h: &mut dyn Heap, t: Term) -> BifResult {
    match t.kind() {
        Kind::Pid | Kind::Port | Kind::Ref => Ok(Term::atom(idx::NONODE)),
        _ => badarg(),
    }
}
