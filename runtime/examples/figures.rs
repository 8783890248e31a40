//! Quick figures with native process bodies: spawn rate, ping-pong round trip, ring.
//! `cargo run --release -p ferl_runtime --example figures [schedulers]`

use ferl_runtime::term::{self, Term};
use ferl_runtime::{Config, Ctx, Runtime, SpawnOpts, Status, Timeout};
use std::time::Instant;

fn a(s: &str) -> Term {
    Term::intern(s).unwrap()
}

fn spawn_bench(scheds: usize, n: usize) -> f64 {
    let mut spawned = 0;
    let mut t0 = None;
    let secs = std::sync::Arc::new(std::sync::Mutex::new(0.0));
    let out = secs.clone();
    Runtime::run(
        Config {
            schedulers: Some(scheds),
            ..Config::default()
        },
        move |ctx| {
            let start = *t0.get_or_insert_with(Instant::now);
            while spawned < n {
                ctx.spawn(
                    |ctx: &mut Ctx| match ctx.receive(Timeout::Infinity) {
                        Err(_) => Status::Wait,
                        Ok(_) => Status::Exit(a("normal")),
                    },
                    SpawnOpts::default(),
                )
                .unwrap();
                spawned += 1;
                if ctx.consume(1) {
                    return Status::Yield;
                }
            }
            *out.lock().unwrap() = start.elapsed().as_secs_f64();
            ctx.halt(0);
            Status::Wait
        },
    );
    let s = *secs.lock().unwrap();
    s
}

fn ping_pong(scheds: usize, rounds: i64) -> f64 {
    let secs = std::sync::Arc::new(std::sync::Mutex::new(0.0));
    let out = secs.clone();
    let mut st = 0;
    let mut n = 0;
    let mut t0 = None;
    Runtime::run(
        Config {
            schedulers: Some(scheds),
            ..Config::default()
        },
        move |ctx| {
            if st == 0 {
                let (p, _) = ctx
                    .spawn(
                        |ctx: &mut Ctx| loop {
                            let m = match ctx.receive(Timeout::Infinity) {
                                Err(_) => return Status::Wait,
                                Ok(m) => m.unwrap(),
                            };
                            ctx.send(m, a("pong")).unwrap();
                            if ctx.consume(1) {
                                return Status::Yield;
                            }
                        },
                        SpawnOpts::default(),
                    )
                    .unwrap();
                ctx.process().saved.push(p);
                t0 = Some(Instant::now());
                st = 1;
            }
            let pong = ctx.process().saved[0];
            loop {
                if st == 1 {
                    if n == rounds {
                        *out.lock().unwrap() = t0.unwrap().elapsed().as_secs_f64();
                        ctx.halt(0);
                        return Status::Wait;
                    }
                    let me = ctx.self_pid();
                    ctx.send(pong, me).unwrap();
                    st = 2;
                }
                if ctx.receive(Timeout::Infinity).is_err() {
                    return Status::Wait;
                }
                n += 1;
                st = 1;
                if ctx.consume(1) {
                    return Status::Yield;
                }
            }
        },
    );
    let s = *secs.lock().unwrap();
    s
}

fn ring(scheds: usize, procs: usize, laps: i64) -> f64 {
    let secs = std::sync::Arc::new(std::sync::Mutex::new(0.0));
    let out = secs.clone();
    let mut t0 = None;
    Runtime::run(
        Config {
            schedulers: Some(scheds),
            ..Config::default()
        },
        move |ctx| {
            if t0.is_none() {
                let mut next = ctx.self_pid();
                for _ in 0..procs {
                    let (p, _) = ctx
                        .spawn(
                            move |ctx: &mut Ctx| loop {
                                match ctx.receive(Timeout::Infinity) {
                                    Err(_) => return Status::Wait,
                                    Ok(m) => {
                                        ctx.send(next, m.unwrap()).unwrap();
                                    }
                                }
                                if ctx.consume(1) {
                                    return Status::Yield;
                                }
                            },
                            SpawnOpts::default(),
                        )
                        .unwrap();
                    next = p;
                }
                ctx.process().saved.push(next);
                t0 = Some(Instant::now());
                ctx.send(next, Term::small(laps).unwrap()).unwrap();
            }
            let first = ctx.process().saved[0];
            loop {
                let m = match ctx.receive(Timeout::Infinity) {
                    Err(_) => return Status::Wait,
                    Ok(m) => m.unwrap(),
                };
                let left = m.small_value().unwrap() - 1;
                if left == 0 {
                    *out.lock().unwrap() = t0.unwrap().elapsed().as_secs_f64();
                    ctx.halt(0);
                    return Status::Wait;
                }
                let t = term::tuple(ctx.process(), &[]);
                let _ = t;
                ctx.send(first, Term::small(left).unwrap()).unwrap();
            }
        },
    );
    let s = *secs.lock().unwrap();
    s
}

fn main() {
    let scheds: Vec<usize> = match std::env::args().nth(1) {
        Some(n) => vec![n.parse().unwrap()],
        None => vec![1, 2],
    };
    for s in scheds {
        let n = 1_000_000;
        let t = spawn_bench(s, n);
        println!(
            "S={s} spawn {n} waiting processes: {:.3} s ({:.2} us each)",
            t,
            t * 1e6 / n as f64
        );
        let r = 1_000_000;
        let t = ping_pong(s, r);
        println!(
            "S={s} ping-pong {r} round trips: {:.3} s ({:.0} ns each)",
            t,
            t * 1e9 / r as f64
        );
        let (p, l) = (10_000, 1_000);
        let t = ring(s, p, l);
        println!(
            "S={s} ring {p} x {l} laps: {:.3} s ({:.2}M msg/s)",
            t,
            (p as f64 * l as f64) / t / 1e6
        );
    }
}
