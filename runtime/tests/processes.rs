//! Processes, signals, receive, timers and the scheduler, exercised with native
//! (Rust-written) process bodies.

use ferl_runtime::print::to_string;
use ferl_runtime::term::{self, Term};
use ferl_runtime::{Config, Ctx, Runtime, SpawnOpts, Status, Timeout};
use std::sync::mpsc;

fn a(name: &str) -> Term {
    Term::intern(name).unwrap()
}
fn int(i: i64) -> Term {
    Term::small(i).unwrap()
}
fn cfg(n: usize) -> Config {
    Config {
        schedulers: Some(n),
        log_crashes: false,
        ..Config::default()
    }
}
fn normal() -> Status {
    Status::Exit(a("normal"))
}
/// Receive any message (native-body helper): Some(msg) or return Wait.
macro_rules! recv {
    ($ctx:expr) => {
        match $ctx.receive(Timeout::Infinity) {
            Ok(Some(m)) => m,
            Ok(None) => unreachable!(),
            Err(_) => return Status::Wait,
        }
    };
    ($ctx:expr, $t:expr) => {
        match $ctx.receive(Timeout::Ms($t)) {
            Ok(m) => m,
            Err(_) => return Status::Wait,
        }
    };
}

/// A process that waits for any message and then exits normally.
fn waiter() -> impl FnMut(&mut Ctx) -> Status + Send + 'static {
    |ctx: &mut Ctx| {
        let _ = recv!(ctx);
        normal()
    }
}

fn ping_pong(scheds: usize, rounds: i64) {
    let (tx, rx) = mpsc::channel();
    let mut st = 0;
    let mut pong = a("undefined");
    let mut n = 0;
    let status = Runtime::run(cfg(scheds), move |ctx| {
        if st == 0 {
            let (p, _) = ctx
                .spawn(
                    |ctx: &mut Ctx| loop {
                        let m = recv!(ctx);
                        let el = m.tuple_elements().unwrap().to_vec();
                        if el[0] == a("stop") {
                            return normal();
                        }
                        let reply = term::tuple(ctx.process(), &[a("pong"), el[1]]);
                        ctx.send(el[2], reply).unwrap();
                        if ctx.consume(1) {
                            return Status::Yield;
                        }
                    },
                    SpawnOpts::default(),
                )
                .unwrap();
            pong = p;
            st = 1;
        }
        loop {
            if st == 1 {
                if n == rounds {
                    let stop = term::tuple(ctx.process(), &[a("stop")]);
                    ctx.send(pong, stop).unwrap();
                    tx.send(n).unwrap();
                    return normal();
                }
                let me = ctx.self_pid();
                let m = term::tuple(ctx.process(), &[a("ping"), int(n), me]);
                ctx.send(pong, m).unwrap();
                st = 2;
            }
            let m = recv!(ctx);
            let el = m.tuple_elements().unwrap();
            assert_eq!(el[0], a("pong"));
            assert_eq!(el[1], int(n));
            n += 1;
            st = 1;
            if ctx.consume(1) {
                return Status::Yield;
            }
        }
    });
    assert_eq!(status, 0);
    assert_eq!(rx.recv().unwrap(), rounds);
}

#[test]
fn ping_pong_one_scheduler() {
    ping_pong(1, 20_000);
}

#[test]
fn ping_pong_two_schedulers() {
    ping_pong(2, 20_000);
}

#[test]
fn ring_passes_token() {
    // N processes in a ring; the token goes around LAPS times.
    const N: usize = 1000;
    const LAPS: i64 = 20;
    let (tx, rx) = mpsc::channel();
    let mut started = false;
    let status = Runtime::run(cfg(2), move |ctx| {
        if !started {
            started = true;
            // Each member forwards to the pid in its saved slot; the last forwards to us.
            let mut next = ctx.self_pid();
            for _ in 0..N {
                let (p, _) = ctx
                    .spawn(
                        move |ctx: &mut Ctx| loop {
                            let m = recv!(ctx);
                            if m == a("stop") {
                                let _ = ctx.send(next, m);
                                return normal();
                            }
                            ctx.send(next, m).unwrap();
                        },
                        SpawnOpts::default(),
                    )
                    .unwrap();
                next = p;
            }
            ctx.process().saved.push(next);
            ctx.send(next, int(LAPS * N as i64)).unwrap();
        }
        let first = ctx.process().saved[0];
        loop {
            let m = recv!(ctx);
            if m == a("stop") {
                tx.send(ctx.process_count()).unwrap();
                return normal();
            }
            let left = m.small_value().unwrap() - N as i64;
            if left == 0 {
                ctx.send(first, a("stop")).unwrap();
            } else {
                ctx.send(first, int(left)).unwrap();
            }
        }
    });
    assert_eq!(status, 0);
    // Every member has exited when the stop token came back around, except that the
    // exits race with the entry's check: all N were alive at some point and the entry
    // saw at most N + 1.
    assert!(rx.recv().unwrap() <= N + 1);
}

#[test]
fn spawn_100k_waiting_processes() {
    const N: usize = 100_000;
    let (tx, rx) = mpsc::channel();
    let mut st = 0;
    let mut pids: Vec<Term> = Vec::new();
    let status = Runtime::run(cfg(2), move |ctx| {
        if st == 0 {
            while pids.len() < N {
                let (p, _) = ctx.spawn(waiter(), SpawnOpts::default()).unwrap();
                pids.push(p);
                if ctx.consume(1) {
                    return Status::Yield;
                }
            }
            tx.send(ctx.process_count()).unwrap();
            st = 1;
        }
        if st == 1 {
            // Monitor the last one, tell everybody to stop.
            let r = ctx.monitor(*pids.last().unwrap()).unwrap();
            ctx.process().saved.push(r);
            for &p in &pids {
                ctx.send(p, a("stop")).unwrap();
            }
            st = 2;
        }
        let m = recv!(ctx);
        assert_eq!(m.tuple_elements().unwrap()[0], a("DOWN"));
        tx.send(ctx.spawned_count() as usize).unwrap();
        normal()
    });
    assert_eq!(status, 0);
    assert_eq!(rx.recv().unwrap(), N + 1, "all processes alive at once");
    assert_eq!(rx.recv().unwrap(), N + 1);
}

#[test]
fn links_propagate_exits_and_trap_exit_turns_them_into_messages() {
    let (tx, rx) = mpsc::channel();
    let mut st = 0;
    let status = Runtime::run(cfg(2), move |ctx| {
        if st == 0 {
            ctx.set_trap_exit(true);
            // A linked child that crashes with reason boom.
            let (c, _) = ctx
                .spawn(|_: &mut Ctx| Status::Exit(a("boom")), SpawnOpts::link())
                .unwrap();
            ctx.process().saved.push(c);
            st = 1;
        }
        if st == 1 {
            let m = recv!(ctx);
            tx.send(
                to_string(m) == format!("{{'EXIT',{},boom}}", to_string(ctx.process().saved[0])),
            )
            .unwrap();
            assert!(ctx.links().is_empty(), "the link is gone after the exit");
            // A chain: middle (not trapping) linked to a leaf that dies with `bad`; we
            // monitor the middle: it dies with `bad` too.
            let (mid, _) = ctx
                .spawn(
                    {
                        let mut st = 0;
                        move |ctx: &mut Ctx| {
                            if st == 0 {
                                st = 1;
                                ctx.spawn(
                                    |ctx: &mut Ctx| {
                                        let _ = recv!(ctx, 20);
                                        Status::Exit(a("bad"))
                                    },
                                    SpawnOpts::link(),
                                )
                                .unwrap();
                            }
                            let _ = recv!(ctx);
                            normal()
                        }
                    },
                    SpawnOpts::monitor(),
                )
                .unwrap();
            ctx.process().saved.push(mid);
            st = 2;
        }
        if st == 2 {
            let m = recv!(ctx);
            let el = m.tuple_elements().unwrap();
            tx.send(el[0] == a("DOWN") && el[3] == ctx.process().saved[1] && el[4] == a("bad"))
                .unwrap();
            // A normal exit of a linked process does not kill a non-trapping one.
            let (mid2, _) = ctx
                .spawn(
                    {
                        let mut st = 0;
                        move |ctx: &mut Ctx| {
                            if st == 0 {
                                st = 1;
                                ctx.spawn(|_: &mut Ctx| normal(), SpawnOpts::link())
                                    .unwrap();
                            }
                            match recv!(ctx, 50) {
                                Some(_) => Status::Exit(a("unexpected")),
                                None => Status::Exit(a("survived")),
                            }
                        }
                    },
                    SpawnOpts::monitor(),
                )
                .unwrap();
            let _ = mid2;
            st = 3;
        }
        let m = recv!(ctx);
        tx.send(m.tuple_elements().unwrap()[4] == a("survived"))
            .unwrap();
        normal()
    });
    assert_eq!(status, 0);
    for i in 0..3 {
        assert!(rx.recv().unwrap(), "check {i}");
    }
}

#[test]
fn exit2_kill_normal_and_trapping() {
    let (tx, rx) = mpsc::channel::<(String, String)>();
    let mut st = 0;
    let status = Runtime::run(cfg(2), move |ctx| {
        let parent = ctx.self_pid();
        let trapper = move |ctx: &mut Ctx| {
            if !ctx.set_trap_exit(true) {
                ctx.send(parent, a("ready")).unwrap();
            }
            let _ = recv!(ctx);
            Status::Exit(a("trapper_got_message"))
        };
        if st == 0 {
            // kill is untrappable: killed
            let (p1, _) = ctx.spawn(trapper, SpawnOpts::monitor()).unwrap();
            // a trapping process turns other reasons into messages (and then exits with
            // trapper_got_message)
            let (p2, _) = ctx.spawn(trapper, SpawnOpts::monitor()).unwrap();
            // normal is ignored by a non-trapping process
            let (p3, _) = ctx
                .spawn(
                    |ctx: &mut Ctx| match recv!(ctx, 80) {
                        Some(m) => Status::Exit(m),
                        None => Status::Exit(a("still_alive")),
                    },
                    SpawnOpts::monitor(),
                )
                .unwrap();
            // a non-trapping process dies with the reason
            let (p4, _) = ctx.spawn(waiter(), SpawnOpts::monitor()).unwrap();
            // exit(self(), normal) kills the caller with normal
            let (p5, _) = ctx
                .spawn(
                    |ctx: &mut Ctx| {
                        let me = ctx.self_pid();
                        ctx.exit_signal(me, a("normal")).unwrap();
                        assert!(ctx.is_exiting());
                        Status::Exit(a("not_reached"))
                    },
                    SpawnOpts::monitor(),
                )
                .unwrap();
            for p in [p1, p2, p3, p4, p5] {
                ctx.process().saved.push(p);
            }
            st = 1;
        }
        while st < 3 {
            // both trappers are ready (p5 may already have died: take only `ready`)
            match ctx.receive_matching(Timeout::Infinity, |m| m == a("ready")) {
                Ok(_) => st += 1,
                Err(_) => return Status::Wait,
            }
        }
        if st == 3 {
            let s = ctx.process().saved.clone();
            ctx.exit_signal(s[0], a("kill")).unwrap();
            ctx.exit_signal(s[1], a("shutdown")).unwrap();
            ctx.exit_signal(s[2], a("normal")).unwrap();
            ctx.exit_signal(s[3], a("shutdown")).unwrap();
            st = 4;
        }
        while ctx.process().saved.len() < 10 {
            let m = recv!(ctx);
            ctx.process().saved.push(m);
        }
        let saved = ctx.process().saved.clone();
        for m in &saved[5..] {
            let el = m.tuple_elements().unwrap();
            let who = saved[..5].iter().position(|&p| p == el[3]).unwrap();
            tx.send((format!("p{}", who + 1), to_string(el[4])))
                .unwrap();
        }
        normal()
    });
    assert_eq!(status, 0);
    let mut got: Vec<(String, String)> = rx.iter().collect();
    got.sort();
    let want = [
        ("p1", "killed"),
        ("p2", "trapper_got_message"),
        ("p3", "still_alive"),
        ("p4", "shutdown"),
        ("p5", "normal"),
    ];
    assert_eq!(
        got,
        want.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect::<Vec<_>>()
    );
}

#[test]
fn monitors_noproc_demonitor_and_names() {
    let (tx, rx) = mpsc::channel::<String>();
    let mut st = 0;
    let status = Runtime::run(cfg(2), move |ctx| {
        if st == 0 {
            // noproc for a dead pid
            let (dead, _) = ctx
                .spawn(|_: &mut Ctx| normal(), SpawnOpts::monitor())
                .unwrap();
            ctx.process().saved.push(dead);
            st = 1;
        }
        if st == 1 {
            let _ = recv!(ctx); // its DOWN (normal)
            let dead = ctx.process().saved[0];
            assert!(!ctx.is_process_alive(dead).unwrap());
            let r = ctx.monitor(dead).unwrap();
            let m = recv!(ctx);
            let el = m.tuple_elements().unwrap();
            assert!(ferl_runtime::cmp::exact_eq(el[1], r));
            tx.send(format!("noproc:{}", to_string(el[4]))).unwrap();
            // demonitor with flush: no DOWN arrives even though the target then dies
            let (w, _) = ctx.spawn(waiter(), SpawnOpts::default()).unwrap();
            let r = ctx.monitor(w).unwrap();
            ctx.send(w, a("go")).unwrap();
            // give it time to die and its DOWN to arrive
            ctx.process().saved.push(r);
            st = 2;
        }
        if st == 2 {
            // sleep without taking messages: the DOWN stays queued
            match ctx.receive_matching(Timeout::Ms(30), |_| false) {
                Ok(_) => {}
                Err(_) => return Status::Wait,
            }
            let r = ctx.process().saved[1];
            tx.send(format!("queue_before_flush:{}", ctx.message_queue_len()))
                .unwrap();
            let was_active = ctx.demonitor(r, true).unwrap();
            tx.send(format!(
                "active:{was_active} queue_after_flush:{}",
                ctx.message_queue_len()
            ))
            .unwrap();
            // monitor by registered name
            let (w, _) = ctx.spawn(waiter(), SpawnOpts::default()).unwrap();
            ctx.register(a("named_waiter"), w).unwrap();
            ctx.monitor(a("named_waiter")).unwrap();
            ctx.send(a("named_waiter"), a("go")).unwrap();
            st = 3;
        }
        let m = recv!(ctx);
        tx.send(to_string(m.tuple_elements().unwrap()[3])).unwrap();
        // unregistered name: noproc DOWN with {Name, Node}
        ctx.monitor(a("nobody_here")).unwrap();
        let m = ctx.receive(Timeout::Ms(0)).unwrap().unwrap();
        tx.send(format!(
            "{}:{}",
            to_string(m.tuple_elements().unwrap()[3]),
            to_string(m.tuple_elements().unwrap()[4])
        ))
        .unwrap();
        normal()
    });
    assert_eq!(status, 0);
    let got: Vec<String> = rx.iter().collect();
    assert_eq!(
        got,
        vec![
            "noproc:noproc",
            "queue_before_flush:1",
            "active:false queue_after_flush:0",
            "{named_waiter,nonode@nohost}",
            "{nobody_here,nonode@nohost}:noproc"
        ]
    );
}

#[test]
fn registered_names() {
    let (tx, rx) = mpsc::channel::<String>();
    let mut st = 0;
    let status = Runtime::run(cfg(2), move |ctx| {
        if st == 0 {
            let me = ctx.self_pid();
            ctx.register(a("reg_main"), me).unwrap();
            assert!(
                ctx.register(a("reg_main"), me).is_err(),
                "already registered"
            );
            let (w, _) = ctx.spawn(waiter(), SpawnOpts::monitor()).unwrap();
            assert!(ctx.register(a("reg_main"), w).is_err(), "name taken");
            assert!(ctx.register(a("undefined"), w).is_err());
            ctx.register(a("reg_w"), w).unwrap();
            assert!(
                ctx.register(a("reg_w2"), w).is_err(),
                "pid already has a name"
            );
            tx.send(to_string(ctx.registered())).unwrap();
            tx.send(format!("{}", ctx.whereis(a("reg_w")).unwrap() == w))
                .unwrap();
            let info = ctx.process_info(a("registered_name")).unwrap();
            tx.send(to_string(info)).unwrap();
            // send to a name
            ctx.send(a("reg_w"), a("hello")).unwrap();
            // send to an unregistered name is badarg
            let e = ctx.send(a("reg_nobody"), a("hello")).unwrap_err();
            tx.send(to_string(e.reason)).unwrap();
            st = 1;
        }
        let _down = recv!(ctx);
        // the dead process's name is free again
        tx.send(to_string(ctx.whereis(a("reg_w")).unwrap()))
            .unwrap();
        ctx.unregister(a("reg_main")).unwrap();
        assert!(ctx.unregister(a("reg_main")).is_err());
        tx.send(to_string(ctx.registered())).unwrap();
        normal()
    });
    assert_eq!(status, 0);
    let got: Vec<String> = rx.iter().collect();
    assert_eq!(
        got,
        vec![
            "[reg_main,reg_w]",
            "true",
            "{registered_name,reg_main}",
            "badarg",
            "undefined",
            "[]"
        ]
    );
}

#[test]
fn timers_fire_in_order_and_can_be_cancelled() {
    let (tx, rx) = mpsc::channel::<String>();
    let mut st = 0;
    let status = Runtime::run(cfg(2), move |ctx| {
        if st == 0 {
            let me = ctx.self_pid();
            ctx.send_after(int(60), me, int(60)).unwrap();
            ctx.send_after(int(20), me, int(20)).unwrap();
            ctx.send_after(int(40), me, int(40)).unwrap();
            ctx.send_after(int(0), me, int(0)).unwrap();
            let t = ctx.start_timer(int(30), me, a("tick")).unwrap();
            ctx.process().saved.push(t);
            let c = ctx.send_after(int(10_000), me, a("never")).unwrap();
            let left = ctx.read_timer(c).unwrap().small_value().unwrap();
            assert!(left > 9_000 && left <= 10_000);
            let left = ctx.cancel_timer(c).unwrap().small_value().unwrap();
            assert!(left > 9_000 && left <= 10_000);
            assert_eq!(ctx.cancel_timer(c).unwrap(), a("false"));
            assert_eq!(ctx.read_timer(c).unwrap(), a("false"));
            assert!(ctx.send_after(int(-1), me, a("x")).is_err());
            st = 1;
        }
        while st < 6 {
            let m = recv!(ctx);
            if let Some(el) = m.tuple_elements() {
                // {timeout, Ref, tick}
                assert_eq!(el[0], a("timeout"));
                assert!(ferl_runtime::cmp::exact_eq(el[1], ctx.process().saved[0]));
                tx.send(to_string(el[2])).unwrap();
            } else {
                tx.send(to_string(m)).unwrap();
            }
            st += 1;
        }
        if st == 6 {
            // receive ... after 50: nothing comes
            let got = recv!(ctx, 50);
            tx.send(format!("after:{}", got.is_none())).unwrap();
            st = 7;
        }
        // after 0 with an empty queue
        let got = recv!(ctx, 0);
        tx.send(format!("after0:{}", got.is_none())).unwrap();
        normal()
    });
    assert_eq!(status, 0);
    let got: Vec<String> = rx.iter().collect();
    assert_eq!(
        got,
        vec!["0", "20", "tick", "40", "60", "after:true", "after0:true"]
    );
}

#[test]
fn selective_receive_and_timeout_keep_other_messages() {
    let (tx, rx) = mpsc::channel::<String>();
    let mut st = 0;
    let status = Runtime::run(cfg(1), move |ctx| {
        if st == 0 {
            let me = ctx.self_pid();
            for i in 0..5 {
                ctx.send(me, int(i)).unwrap();
            }
            st = 1;
        }
        if st == 1 {
            // receive 3 -> ok
            match ctx.receive_matching(Timeout::Infinity, |m| m == int(3)) {
                Ok(Some(m)) => tx.send(to_string(m)).unwrap(),
                _ => return Status::Wait,
            }
            st = 2;
        }
        if st == 2 {
            // receive 99 after 20 -> timeout, queue intact
            match ctx.receive_matching(Timeout::Ms(20), |m| m == int(99)) {
                Ok(None) => tx.send("timeout".into()).unwrap(),
                Ok(Some(_)) => panic!(),
                Err(_) => return Status::Wait,
            }
            st = 3;
        }
        let mut rest = Vec::new();
        while let Ok(Some(m)) = ctx.receive(Timeout::Ms(0)) {
            rest.push(to_string(m));
        }
        tx.send(rest.join(",")).unwrap();
        normal()
    });
    assert_eq!(status, 0);
    let got: Vec<String> = rx.iter().collect();
    assert_eq!(got, vec!["3", "timeout", "0,1,2,4"]);
}

#[test]
fn preemption_endless_loop_does_not_block_others() {
    // One scheduler: a process spinning forever must not stop the entry from finishing.
    let (tx, rx) = mpsc::channel::<i64>();
    let mut st = 0;
    let status = Runtime::run(cfg(1), move |ctx| {
        if st == 0 {
            ctx.spawn(
                |ctx: &mut Ctx| loop {
                    if ctx.consume(1) {
                        return Status::Yield;
                    }
                },
                SpawnOpts::default(),
            )
            .unwrap();
            let me = ctx.self_pid();
            ctx.send_after(int(20), me, a("done")).unwrap();
            st = 1;
        }
        let m = recv!(ctx);
        assert_eq!(m, a("done"));
        tx.send(1).unwrap();
        normal() // the entry returning shuts the runtime down, spinner included
    });
    assert_eq!(status, 0);
    assert_eq!(rx.recv().unwrap(), 1);
}

#[test]
fn shutdown_by_halt_and_entry_crash() {
    let status = Runtime::run(cfg(2), |ctx| {
        for _ in 0..10 {
            ctx.spawn(waiter(), SpawnOpts::default()).unwrap();
        }
        ctx.halt(3);
        Status::Wait
    });
    assert_eq!(status, 3);
    let status = Runtime::run(cfg(2), |_| Status::Exit(a("crash")));
    assert_eq!(status, 1);
    let status = Runtime::run(cfg(1), |_| normal());
    assert_eq!(status, 0);
}

#[test]
fn signals_from_one_sender_arrive_in_order() {
    // 1000 messages then an exit signal to a trapping process: the 'EXIT' comes last;
    // and a link followed by an exit of the linker is seen as link then exit.
    let (tx, rx) = mpsc::channel::<bool>();
    let mut st = 0;
    let status = Runtime::run(cfg(2), move |ctx| {
        if st == 0 {
            let parent = ctx.self_pid();
            let (rcv, _) = ctx
                .spawn(
                    {
                        let mut n = -1;
                        move |ctx: &mut Ctx| {
                            if n == -1 {
                                ctx.set_trap_exit(true);
                                ctx.send(parent, a("ready")).unwrap();
                                n = 0;
                            }
                            loop {
                                let m = recv!(ctx);
                                if m.is_small() {
                                    assert_eq!(m, int(n));
                                    n += 1;
                                } else {
                                    return Status::Exit(int(n));
                                }
                            }
                        }
                    },
                    SpawnOpts::monitor(),
                )
                .unwrap();
            ctx.process().saved.push(rcv);
            st = 1;
        }
        if st == 1 {
            let m = recv!(ctx);
            assert_eq!(m, a("ready"));
            let rcv = ctx.process().saved[0];
            for i in 0..1000 {
                ctx.send(rcv, int(i)).unwrap();
            }
            ctx.exit_signal(rcv, a("stop")).unwrap();
            st = 2;
        }
        let m = recv!(ctx);
        tx.send(m.tuple_elements().unwrap()[4] == int(1000))
            .unwrap();
        normal()
    });
    assert_eq!(status, 0);
    assert!(rx.recv().unwrap());
}

#[test]
fn process_info_self_and_other() {
    let (tx, rx) = mpsc::channel::<String>();
    let mut st = 0;
    let status = Runtime::run(cfg(2), move |ctx| {
        if st == 0 {
            ctx.set_trap_exit(true);
            let k = a("key");
            ctx.put(k, int(42));
            let (w, _) = ctx.spawn(waiter(), SpawnOpts::link()).unwrap();
            ctx.process().saved.push(w);
            let me = ctx.self_pid();
            ctx.send(me, a("m1")).unwrap();
            let items = term::list(
                ctx.process(),
                &[a("message_queue_len"), a("trap_exit"), a("dictionary")],
            );
            tx.send(to_string(ctx.process_info(items).unwrap()))
                .unwrap();
            let links = ctx.process_info(a("links")).unwrap();
            tx.send(format!(
                "{}",
                to_string(links) == format!("{{links,[{}]}}", to_string(w))
            ))
            .unwrap();
            let _m1 = recv!(ctx);
            st = 1;
        }
        if st == 1 {
            // let the waiter reach its receive
            let _ = recv!(ctx, 20);
            let w = ctx.process().saved[0];
            let items = term::list(
                ctx.process(),
                &[
                    a("status"),
                    a("links"),
                    a("registered_name"),
                    a("trap_exit"),
                ],
            );
            let r = ctx.process_info_request(w, items).unwrap();
            ctx.process().saved.push(r);
            st = 2;
        }
        let r = ctx.process().saved[1];
        assert!(ctx.recv_use_mark(r));
        let m = match ctx.receive_matching(Timeout::Infinity, |m| {
            m.tuple_elements()
                .is_some_and(|e| ferl_runtime::cmp::exact_eq(e[0], r))
        }) {
            Ok(Some(m)) => m,
            _ => return Status::Wait,
        };
        let me = ctx.self_pid();
        tx.send(to_string(m.tuple_elements().unwrap()[1]).replace(&to_string(me), "ME"))
            .unwrap();
        let bad = ctx.process_info(a("no_such_item"));
        tx.send(format!("{}", bad.is_err())).unwrap();
        normal()
    });
    assert_eq!(status, 0);
    let got: Vec<String> = rx.iter().collect();
    assert_eq!(
        got,
        vec![
            "[{message_queue_len,1},{trap_exit,true},{dictionary,[{key,42}]}]",
            "true",
            "[{status,waiting},{links,[ME]},{registered_name,[]},{trap_exit,false}]",
            "true"
        ]
    );
}

#[test]
fn link_to_dead_process() {
    let (tx, rx) = mpsc::channel::<String>();
    let mut st = 0;
    let status = Runtime::run(cfg(1), move |ctx| {
        if st == 0 {
            let (d, _) = ctx
                .spawn(|_: &mut Ctx| normal(), SpawnOpts::monitor())
                .unwrap();
            ctx.process().saved.push(d);
            st = 1;
        }
        let _down = recv!(ctx);
        let d = ctx.process().saved[0];
        let e = ctx.link(d).unwrap_err();
        tx.send(to_string(e.reason)).unwrap();
        ctx.set_trap_exit(true);
        ctx.link(d).unwrap();
        let m = ctx.receive(Timeout::Ms(0)).unwrap().unwrap();
        tx.send(to_string(m.tuple_elements().unwrap()[2])).unwrap();
        normal()
    });
    assert_eq!(status, 0);
    assert_eq!(rx.iter().collect::<Vec<_>>(), vec!["noproc", "noproc"]);
}
