//! Calendar-clock BIFs of module `erlang`: `localtime/0`, `universaltime/0`, `date/0`,
//! `time/0`, `universaltime_to_localtime/1`, `localtime_to_universaltime/1,2`.
//!
//! Owns: the conversion between Unix seconds and {{Y,M,D},{H,Mi,S}} (proleptic
//! Gregorian, computed here) and the time zone, which comes from the C library
//! (`localtime_r`, `mktime`, as erts does). Must not: keep state.

use super::badarg;
use crate::exception::BifResult;
use crate::heap::Heap;
use crate::term::{self, Term};
use std::time::{SystemTime, UNIX_EPOCH};

/// glibc's `struct tm` (Linux, 64-bit).
#[repr(C)]
struct Tm {
    sec: i32,
    min: i32,
    hour: i32,
    mday: i32,
    mon: i32,
    year: i32,
    wday: i32,
    yday: i32,
    isdst: i32,
    gmtoff: i64,
    zone: *const u8,
}

impl Default for Tm {
    fn default() -> Tm {
        Tm {
            sec: 0,
            min: 0,
            hour: 0,
            mday: 1,
            mon: 0,
            year: 70,
            wday: 0,
            yday: 0,
            isdst: 0,
            gmtoff: 0,
            zone: std::ptr::null(),
        }
    }
}

extern "C" {
    fn localtime_r(t: *const i64, tm: *mut Tm) -> *mut Tm;
    fn mktime(tm: *mut Tm) -> i64;
}

type DateTime = ((i64, i64, i64), (i64, i64, i64));

/// Days from 1970-01-01 to a civil date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count from 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

pub(crate) fn to_datetime(secs: i64) -> DateTime {
    let (days, s) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    (civil_from_days(days), (s / 3600, s % 3600 / 60, s % 60))
}

pub(crate) fn from_datetime(((y, m, d), (h, mi, s)): DateTime) -> i64 {
    days_from_civil(y, m, d) * 86_400 + h * 3600 + mi * 60 + s
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Local calendar date and time of `secs` since the epoch (UTC when the C library fails).
pub(crate) fn local(secs: i64) -> DateTime {
    let mut tm = Tm::default();
    // SAFETY: localtime_r writes only into `tm`, a valid struct tm.
    let ok = unsafe { !localtime_r(&secs, &mut tm).is_null() };
    if !ok {
        return to_datetime(secs);
    }
    (
        (tm.year as i64 + 1900, tm.mon as i64 + 1, tm.mday as i64),
        (tm.hour as i64, tm.min as i64, tm.sec as i64),
    )
}

pub(crate) fn make(h: &mut dyn Heap, ((y, m, d), (hh, mi, s)): DateTime) -> Term {
    let date = [term::int(h, y), term::int(h, m), term::int(h, d)];
    let date = term::tuple(h, &date);
    let time = [term::int(h, hh), term::int(h, mi), term::int(h, s)];
    let time = term::tuple(h, &time);
    term::tuple(h, &[date, time])
}

/// A valid {{Y,M,D},{H,Mi,S}} argument (None: badarg).
pub(crate) fn parse(t: Term) -> Option<DateTime> {
    let [date, time] = t.tuple_elements()? else {
        return None;
    };
    let three = |x: Term| -> Option<(i64, i64, i64)> {
        match x.tuple_elements()? {
            [a, b, c] => Some((a.small_value()?, b.small_value()?, c.small_value()?)),
            _ => None,
        }
    };
    let (y, m, d) = three(*date)?;
    let (hh, mi, s) = three(*time)?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let last = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    let ok = y >= 0
        && (1..=last).contains(&d)
        && (0..24).contains(&hh)
        && (0..60).contains(&mi)
        && (0..60).contains(&s);
    ok.then_some(((y, m, d), (hh, mi, s)))
}

/// `erlang:universaltime()`.
pub fn universaltime(h: &mut dyn Heap) -> BifResult {
    Ok(make(h, to_datetime(now())))
}

/// `erlang:localtime()`.
pub fn localtime(h: &mut dyn Heap) -> BifResult {
    Ok(make(h, local(now())))
}

/// `erlang:date()`.
pub fn date(h: &mut dyn Heap) -> BifResult {
    let ((y, m, d), _) = local(now());
    let e = [term::int(h, y), term::int(h, m), term::int(h, d)];
    Ok(term::tuple(h, &e))
}

/// `erlang:time()`.
pub fn time(h: &mut dyn Heap) -> BifResult {
    let (_, (hh, mi, s)) = local(now());
    let e = [term::int(h, hh), term::int(h, mi), term::int(h, s)];
    Ok(term::tuple(h, &e))
}

/// `erlang:universaltime_to_localtime(DateTime)`.
pub fn universaltime_to_localtime(h: &mut dyn Heap, t: Term) -> BifResult {
    let Some(dt) = parse(t) else { return badarg() };
    Ok(make(h, local(from_datetime(dt))))
}

/// `erlang:localtime_to_universaltime(DateTime)`.
pub fn localtime_to_universaltime1(h: &mut dyn Heap, t: Term) -> BifResult {
    to_universal(h, t, -1)
}

/// `erlang:localtime_to_universaltime(DateTime, IsDst)` (`true`, `false`, `undefined`).
pub fn localtime_to_universaltime2(h: &mut dyn Heap, t: Term, dst: Term) -> BifResult {
    let isdst = match dst.atom_name() {
        Some("true") => 1,
        Some("false") => 0,
        Some("undefined") => -1,
        _ => return badarg(),
    };
    to_universal(h, t, isdst)
}

fn to_universal(h: &mut dyn Heap, t: Term, isdst: i32) -> BifResult {
    let Some(((y, m, d), (hh, mi, s))) = parse(t) else {
        return badarg();
    };
    let mut tm = Tm {
        sec: s as i32,
        min: mi as i32,
        hour: hh as i32,
        mday: d as i32,
        mon: m as i32 - 1,
        year: (y - 1900) as i32,
        isdst,
        ..Tm::default()
    };
    // SAFETY: mktime reads and normalizes only `tm`, a valid struct tm.
    let secs = unsafe { mktime(&mut tm) };
    if secs == -1 && tm.year != 69 {
        return Ok(make(h, ((y, m, d), (hh, mi, s))));
    }
    Ok(make(h, to_datetime(secs)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in [-800_000, -719_468, -1, 0, 1, 11_016, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(to_datetime(1_700_000_000), ((2023, 11, 14), (22, 13, 20)));
    }
}
