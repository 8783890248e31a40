//! End-to-end tests of compiled code under the real scheduler (`ferl_runtime::sched`):
//! Erlang source -> front end -> IR -> Cranelift (JIT) -> processes spawned, preempted,
//! suspended in `receive` and resumed by the runtime's schedulers through the code
//! generator's `CodeHooks` (`ferl_cg_sched_enter`, `ferl_cg_exit`, `ferl_cg_resume`).
//! Each program's `F(Parent)` sends one result message to a native collector process;
//! the printed message (`~w`) is compared with what `erl` (OTP 25) prints for
//! `F(self()), receive R -> R end` when erl is installed.

use cranelift_codegen::settings::{self, Configurable};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::default_libcall_names;
use ferl_runtime::sched::{CodeHooks, Config, Runtime, SpawnOpts, Status, Timeout};
use ferl_runtime::term::Term;
use std::sync::{Arc, Mutex};

mod common;
use common::lower;

struct Loaded {
    _jit: JITModule,
    hooks: CodeHooks,
    ir: ferl_ir::ir::Module,
    funcs: Vec<usize>,
}

fn load(src: &str, name: &str) -> Loaded {
    let ir = lower(src, name);
    let mut flags = settings::builder();
    flags.set("opt_level", "speed").unwrap();
    flags.set("preserve_frame_pointers", "true").unwrap();
    let isa = cranelift_native::builder()
        .unwrap()
        .finish(settings::Flags::new(flags))
        .unwrap();
    let mut jb = JITBuilder::with_isa(isa, default_libcall_names());
    for (n, a) in ferl_runtime::native::symbols() {
        jb.symbol(n, a);
    }
    let mut jit = JITModule::new(jb);
    let glue = ferl_codegen::compile_glue(&mut jit).expect("glue");
    let cm =
        ferl_codegen::compile_module(&mut jit, &ir).unwrap_or_else(|d| panic!("codegen: {d:?}"));
    jit.finalize_definitions().unwrap();
    let (desc, _) = jit.get_finalized_data(cm.descriptor);
    // SAFETY: the descriptor was just emitted by the code generator and is loaded once.
    unsafe { ferl_runtime::native::loader::load_module(desc as *const u64) }.expect("load");
    let hooks = glue.code_hooks(|id| jit.get_finalized_function(id));
    let funcs = cm
        .functions
        .iter()
        .map(|f| jit.get_finalized_function(*f) as usize)
        .collect();
    Loaded {
        _jit: jit,
        hooks,
        ir,
        funcs,
    }
}

/// Torture mode comes from `FERL_GC_TORTURE=1` (read by the runtime).
fn config(l: &Loaded, schedulers: usize) -> Config {
    Config {
        schedulers: Some(schedulers),
        code: Some(l.hooks),
        log_crashes: false,
        ..Default::default()
    }
}

/// Run `name(Parent)` as a compiled process; the first message it sends to `Parent`,
/// printed with `~w` (or `no result`).
fn run(l: &Loaded, name: &str, schedulers: usize) -> String {
    let id = l.ir.find(name, 1).expect("function");
    let code = l.funcs[id.0 as usize];
    let out: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
    let o2 = out.clone();
    let mut started = false;
    let st = Runtime::run(config(l, schedulers), move |ctx| {
        if !started {
            started = true;
            let me = ctx.self_pid();
            if ctx
                .spawn_compiled(code as *const u8, &[me], SpawnOpts::default())
                .is_err()
            {
                return Status::Exit(Term::atom(ferl_runtime::atom::idx::BADARG));
            }
        }
        match ctx.receive(Timeout::Infinity) {
            Ok(Some(m)) => {
                *o2.lock().unwrap() = Some(ferl_runtime::print::to_string(m));
                Status::Exit(Term::atom(ferl_runtime::atom::idx::NORMAL))
            }
            Ok(None) => Status::Exit(Term::atom(ferl_runtime::atom::idx::NORMAL)),
            Err(_) => Status::Wait,
        }
    });
    assert_eq!(st, 0, "runtime exit status for {name}");
    let r = out.lock().unwrap().clone();
    r.unwrap_or_else(|| "no result".into())
}

/// What `erl` prints for `spawn(fun() -> M:F(Parent) end), receive R -> R end` (None when
/// erl is missing).
fn erl(src: &str, m: &str, f: &str) -> Option<String> {
    let eval = format!("Parent = self(), spawn(fun() -> {m}:{f}(Parent) end), io:format(\"~w~n\", [receive R -> R end]), halt().");
    let s = common::erl_eval(src, m, &format!("sched_{f}"), &eval)?;
    s.lines().last().map(|l| l.trim().to_string())
}

const SRC: &str = r#"
-module(cgs).
-export([ping_pong/1, ring/1, selective/1, after_timeout/1, trap/1, monitors/1,
         preempt/1, registry/1, spawn3/1, worker/2, many_waits/1, queue_scan/1]).

ping_pong(Parent) ->
    Pong = spawn(fun() -> pong() end),
    Parent ! {done, ping(Pong, 1000, 0)}.

ping(Pong, 0, Acc) -> Pong ! stop, Acc;
ping(Pong, N, Acc) ->
    Pong ! {ping, self(), N},
    receive {pong, N2} -> ping(Pong, N - 1, Acc + N2) end.

pong() ->
    receive
        {ping, From, N} -> From ! {pong, N * 2}, pong();
        stop -> ok
    end.

ring(Parent) ->
    Next = build_ring(999, self(), 3),
    Parent ! {ring, ring_main(Next, 3, 0)}.

ring_main(_Next, 0, C) -> C;
ring_main(Next, Rounds, C) ->
    Next ! {token, C},
    receive {token, C2} -> ring_main(Next, Rounds - 1, C2 + 1) end.

build_ring(0, Next, _) -> Next;
build_ring(K, Next, Rounds) -> build_ring(K - 1, spawn(fun() -> ring_node(Next, Rounds) end), Rounds).

ring_node(_, 0) -> ok;
ring_node(Next, R) ->
    receive {token, C} -> Next ! {token, C + 1} end,
    ring_node(Next, R - 1).

selective(Parent) ->
    self() ! {b, 1}, self() ! {a, 2}, self() ! {c, 3}, self() ! {a, 4},
    A1 = receive {a, X} -> X end,
    C = receive {c, Y} -> Y end,
    A2 = receive {a, Z} -> Z end,
    B = receive {b, W} -> W end,
    Empty = receive M -> {unexpected, M} after 0 -> empty end,
    G = receive {x, V} when V > 10 -> V; {x, V} when V < 0 -> neg after 0 -> none end,
    self() ! {x, 5}, self() ! {x, -1}, self() ! {x, 20},
    G2 = receive {x, V2} when V2 > 10 -> V2 end,
    G3 = receive {x, V3} when V3 < 0 -> V3 end,
    Parent ! {A1, C, A2, B, Empty, G, G2, G3}.

after_timeout(Parent) ->
    T0 = erlang:monotonic_time(millisecond),
    R1 = receive never -> got after 50 -> timeout end,
    T1 = erlang:monotonic_time(millisecond),
    Self = self(),
    spawn(fun() -> receive after 20 -> Self ! late end end),
    R2 = receive late -> late after 2000 -> too_slow end,
    R3 = receive _ -> x after 0 -> zero end,
    R4 = try receive after -1 -> bad end catch error:E -> E end,
    R5 = try receive after foo -> bad end catch error:E2 -> E2 end,
    Parent ! {R1, T1 - T0 >= 50, R2, R3, R4, R5}.

trap(Parent) ->
    false = process_flag(trap_exit, true),
    P1 = spawn_link(fun() -> exit(boom) end),
    R1 = receive {'EXIT', P1, Why} -> Why end,
    P2 = spawn_link(fun() -> ok end),
    R2 = receive {'EXIT', P2, Why2} -> Why2 end,
    P3 = spawn_link(fun() -> erlang:error(oops) end),
    R3 = receive {'EXIT', P3, {Why3, _}} -> Why3 end,
    P4 = spawn(fun() -> receive _ -> ok end end),
    true = link(P4),
    true = exit(P4, kill),
    R4 = receive {'EXIT', P4, Why4} -> Why4 end,
    P5 = spawn(fun() -> receive _ -> ok end end),
    link(P5),
    exit(P5, normal),
    R5 = receive {'EXIT', P5, W5} -> {exited, W5} after 50 -> still_alive end,
    P5 ! go,
    R6 = receive {'EXIT', P5, W6} -> W6 end,
    Parent ! {R1, R2, R3, R4, R5, R6}.

monitors(Parent) ->
    {P, R} = spawn_monitor(fun() -> receive go -> exit(done) end end),
    P ! go,
    D1 = receive {'DOWN', R, process, P, Why} -> Why end,
    R2 = monitor(process, P),
    D2 = receive {'DOWN', R2, process, P, Why2} -> Why2 end,
    P3 = spawn(fun() -> receive stop -> ok end end),
    R3 = monitor(process, P3),
    P3 ! stop,
    D3 = receive {'DOWN', R3, process, P3, Why3} -> Why3 end,
    P4 = spawn(fun() -> receive stop -> ok end end),
    R4 = monitor(process, P4),
    true = demonitor(R4),
    P4 ! stop,
    D4 = receive {'DOWN', R4, _, _, _} -> got_down after 50 -> no_down end,
    {P5, R5} = spawn_monitor(fun() -> exit(self(), kill), spin(0) end),
    D5 = receive {'DOWN', R5, process, P5, Why5} -> Why5 end,
    Parent ! {D1, D2, D3, D4, D5, is_reference(R)}.

preempt(Parent) ->
    spawn(fun() -> spin(0) end),
    spawn(fun() -> spin(0) end),
    Pong = spawn(fun() -> pong() end),
    R = ping(Pong, 200, 0),
    Parent ! {preempt, R}.

spin(N) -> spin(N + 1).

registry(Parent) ->
    true = register(cgs_reg, self()),
    Me = whereis(cgs_reg),
    Me = self(),
    cgs_reg ! hello,
    H = receive hello -> got_hello end,
    U = whereis(cgs_nobody),
    B = try cgs_nobody ! x catch error:E -> E end,
    Parent ! {H, U, B, is_pid(Me)}.

worker(From, X) -> From ! {result, X * X}.

spawn3(Parent) ->
    spawn(cgs, worker, [self(), 7]),
    A = receive {result, V} -> V end,
    {P, R} = spawn_monitor(cgs, worker, [self(), 9]),
    B = receive {result, V2} -> V2 end,
    D = receive {'DOWN', R, process, P, W} -> W end,
    Parent ! {A, B, D}.

many_waits(Parent) ->
    Self = self(),
    Ps = [spawn(fun() -> receive {go, N} -> Self ! {back, N, [N, N + 1]} end end) || _ <- lists_seq(1, 50)],
    send_all(Ps, 1),
    Parent ! {waits, collect(50, 0)}.

lists_seq(A, B) when A > B -> [];
lists_seq(A, B) -> [A | lists_seq(A + 1, B)].

send_all([], _) -> ok;
send_all([P | Ps], N) -> P ! {go, N}, send_all(Ps, N + 1).

collect(0, Acc) -> Acc;
collect(K, Acc) -> receive {back, N, [N, M]} -> collect(K - 1, Acc + N + M) end.

queue_scan(Parent) ->
    fill(20000),
    self() ! target,
    R = receive target -> found end,
    Parent ! {R, drain(0)}.

fill(0) -> ok;
fill(N) -> self() ! {junk, N}, fill(N - 1).

drain(N) -> receive {junk, _} -> drain(N + 1) after 0 -> N end.
"#;

fn check(name: &str, schedulers: usize, expected: &str) {
    let l = load(SRC, "cgs");
    let got = run(&l, name, schedulers);
    assert_eq!(got, expected, "{name}");
    if let Some(e) = erl(SRC, "cgs", name) {
        assert_eq!(got, e, "{name}: ferl vs erl");
    }
}

#[test]
fn ping_pong_between_two_compiled_processes() {
    check("ping_pong", 2, "{done,1001000}");
}

#[test]
fn ring_of_1000_compiled_processes() {
    check("ring", 2, "{ring,3000}");
}

#[test]
fn selective_receive() {
    check("selective", 1, "{2,3,4,1,empty,none,20,-1}");
}

#[test]
fn after_timeouts() {
    check(
        "after_timeout",
        2,
        "{timeout,true,late,zero,timeout_value,timeout_value}",
    );
}

#[test]
fn trap_exit_gives_exit_messages() {
    check("trap", 2, "{boom,normal,oops,killed,still_alive,normal}");
}

#[test]
fn monitors_give_down_messages() {
    check("monitors", 2, "{done,noproc,normal,no_down,killed,true}");
}

#[test]
fn endless_loops_do_not_starve_a_ping_pong_pair_on_one_scheduler() {
    check("preempt", 1, "{preempt,40200}");
}

#[test]
fn register_and_whereis() {
    check("registry", 1, "{got_hello,undefined,badarg,true}");
}

#[test]
fn spawn_3_and_spawn_monitor_3() {
    check("spawn3", 2, "{49,81,normal}");
}

#[test]
fn many_processes_waiting_with_live_values() {
    check("many_waits", 2, "{waits,2600}");
}

#[test]
fn receive_scanning_a_long_queue_is_preemptible() {
    check("queue_scan", 1, "{found,20000}");
}

#[test]
fn compiled_entry_process_exit_ends_the_runtime() {
    let src = r#"
-module(cgs_entry).
-export([main/0, crash/0]).
main() -> spawn(fun() -> spin(0) end), spawn(fun() -> receive x -> ok end end), ok.
crash() -> spawn(fun() -> spin(0) end), erlang:error(crash).
spin(N) -> spin(N + 1).
"#;
    let l = load(src, "cgs_entry");
    let main = l.funcs[l.ir.find("main", 0).expect("main").0 as usize];
    assert_eq!(
        Runtime::run_compiled(config(&l, 2), main as *const u8, &[]),
        0
    );
    let crash = l.funcs[l.ir.find("crash", 0).expect("crash").0 as usize];
    assert_eq!(
        Runtime::run_compiled(config(&l, 1), crash as *const u8, &[]),
        1
    );
}
