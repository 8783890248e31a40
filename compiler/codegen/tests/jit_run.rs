//! End-to-end tests: Erlang source -> front end -> IR -> Cranelift (JIT) -> run on a runtime
//! `Process` (no scheduler: the test loop re-enters on YIELD). Results are compared with
//! the real `erl` (OTP 25) when it is installed.

use cranelift_codegen::settings::{self, Configurable};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::default_libcall_names;
use ferl_runtime::process::{Process, STATUS_OK, STATUS_RAISE, STATUS_YIELD};
use ferl_runtime::term::{self, Term};

mod common;
use common::lower;

struct Loaded {
    _jit: JITModule,
    enter: extern "C" fn(*mut Process, *const u8) -> u64,
    done: *const u8,
    ir: ferl_ir::ir::Module,
    funcs: Vec<*const u8>,
}

fn jit_module() -> JITModule {
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
    JITModule::new(jb)
}

fn load(src: &str, name: &str) -> Loaded {
    let ir = lower(src, name);
    let mut jit = jit_module();
    let glue = ferl_codegen::compile_glue(&mut jit).expect("glue");
    let cm =
        ferl_codegen::compile_module(&mut jit, &ir).unwrap_or_else(|d| panic!("codegen: {d:?}"));
    jit.finalize_definitions().unwrap();
    let (desc, _) = jit.get_finalized_data(cm.descriptor);
    // SAFETY: the descriptor was just emitted by the code generator and is loaded once.
    unsafe { ferl_runtime::native::loader::load_module(desc as *const u64) }.expect("load");
    let enter_p = jit.get_finalized_function(glue.enter);
    // SAFETY: ferl_cg_enter has exactly this SystemV signature.
    let enter = unsafe {
        std::mem::transmute::<*const u8, extern "C" fn(*mut Process, *const u8) -> u64>(enter_p)
    };
    let done = jit.get_finalized_function(glue.done);
    let funcs = cm
        .functions
        .iter()
        .map(|f| jit.get_finalized_function(*f))
        .collect();
    Loaded {
        _jit: jit,
        enter,
        done,
        ir,
        funcs,
    }
}

/// Run `name/0` on a fresh process; the result (or `{'EXC',Class,Reason}`) printed as `~w`.
fn run(l: &Loaded, name: &str, torture: bool) -> (String, Box<Process>) {
    let id = l.ir.find(name, 0).expect("function");
    let entry = l.funcs[id.0 as usize];
    let mut p = Process::new(1);
    p.torture = torture;
    assert!(ferl_runtime::native::rt::push_bottom_frame(&mut p, l.done));
    p.reds = 4000;
    let mut st = (l.enter)(&mut *p, entry);
    let mut yields = 0u64;
    while st == STATUS_YIELD {
        yields += 1;
        p.reds = 4000;
        let r = p.resume;
        st = (l.enter)(&mut *p, r);
    }
    let out = match st {
        STATUS_OK => ferl_runtime::print::to_string(p.x(0)),
        STATUS_RAISE => {
            let exc = Term::intern("EXC").unwrap();
            let (c, r) = (p.exc_class, p.exc_reason);
            let t = term::tuple(&mut *p, &[exc, c, r]);
            ferl_runtime::print::to_string(t)
        }
        s => format!("status {s}"),
    };
    let _ = yields;
    (out, p)
}

/// What `erl` prints for `M:F()` (None when erl is not installed).
fn erl(src: &str, m: &str, f: &str) -> Option<String> {
    let eval = format!(
        "io:format(\"~w~n\", [try {m}:{f}() of V -> V catch C:R -> {{'EXC', C, R}} end]), halt()."
    );
    common::erl_eval(src, m, "jit", &eval).map(|s| s.trim().to_string())
}

const SRC: &str = r#"
-module(cgt).
-export([fib25/0, rev/0, map_fun/0, matching/0, deep/0, fact30/0, tries/0, badmatch/0,
         case_clause/0, function_clause/0, remote/0, fib/1, arith/0, guards/0, nested_try/0,
         tuple_ops/0, big_list/0, throw_uncaught/0, floats/0, catch_in_clause/0]).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).
fib25() -> fib(25).

rev(L) -> rev(L, []).
rev([H | T], A) -> rev(T, [H | A]);
rev([], A) -> A.
rev() -> rev([1, 2, 3, {a, b}, "xy", 4.5]).

map(F, [H | T]) -> [F(H) | map(F, T)];
map(_, []) -> [].
map_fun() ->
    K = 10,
    L = map(fun(X) -> X * K + 1 end, [1, 2, 3]),
    M = map(fun fib/1, [10, 11, 12]),
    {L, M, map(fun(X) -> {X, K} end, rev([a, b]))}.

classify({point, X, Y}) when X > Y -> {right, X - Y};
classify({point, X, Y}) -> {left, Y - X};
classify([_ | _] = L) -> {list, len(L)};
classify(foo) -> atom_foo;
classify(42) -> answer;
classify(_) -> other.
len([]) -> 0;
len([_ | T]) -> 1 + len(T).
matching() ->
    [classify(X) || X <- [{point, 3, 1}, {point, 1, 5}, [a, b, c], foo, 42, "s", 7, {x}]].

deep(0) -> 0;
deep(N) -> 1 + deep(N - 1).
deep() -> deep(1000000).

fact(0) -> 1;
fact(N) -> N * fact(N - 1).
fact30() -> {fact(30), fact(30) - fact(29) * 30, -fact(25)}.

id(X) -> X.
thrower(1) -> throw(ball);
thrower(2) -> error(oops);
thrower(3) -> exit(bye);
thrower(4) -> 1 + id(foo);
thrower(5) -> element(7, {a});
thrower(N) -> N.
catch_it(X) ->
    try thrower(X) of
        V -> {ok, V}
    catch
        C:R -> {caught, C, R}
    end.
tries() -> [catch_it(X) || X <- [1, 2, 3, 4, 5, 6]].

nested_try() ->
    A = try
            try throw(inner) catch throw:inner -> error(outer) end
        catch
            error:E -> {outer_caught, E}
        end,
    B = try id(5) of 5 -> five catch _:_ -> no end,
    {A, B}.

badmatch() -> {ok, Y} = id({error, x}), Y.
case_clause() -> case id(c) of a -> 1; b -> 2 end.
function_clause() -> fc(2).
fc(1) -> one.
throw_uncaught() -> throw({my, ball}).

remote() -> {cgt:fib(15), (fun cgt:fib/1)(16)}.

arith() ->
    X = id(576460752303423487),
    {X + 1, -X - 10, X * X, 7 div 2, -7 rem 3, 10 / 4, 1 bsl 70, (1 bsl 70) - (1 bsl 70) + 3,
     id(3) - id(5), 3 == 3.0, 3 =:= 3.0, 1 < a, {a} < {b}, [1] > []}.

guards() ->
    F = fun(X) when is_integer(X), X > 10 -> big;
           (X) when is_integer(X) -> small;
           (X) when is_atom(X); is_tuple(X) -> at;
           (X) when is_list(X), length(X) > 1 -> longlist;
           (_) -> other
        end,
    [F(X) || X <- [50, 3, a, {t}, [1, 2], [1], 2.5]].

tuple_ops() ->
    T = {a, b, c},
    [x | T2] = id([x, y]),
    {element(2, T), setelement(1, T, z), tuple_size(T), tuple_to_list(T), T2}.

seq(N, N) -> [N];
seq(M, N) -> [M | seq(M + 1, N)].
sum([H | T], A) -> sum(T, A + H);
sum([], A) -> A.
big_list() -> L = seq(1, 200000), {sum(L, 0), len(rev(L))}.

%% Inline float and integer operators, float comparisons in guards, and a guard that
%% allocates (a tuple) while floats are live (collections inside guards keep them).
in_set(0, _, _, _, _) -> true;
in_set(I, Zr, Zi, Cr, Ci) ->
    Tr = Zr * Zr, Ti = Zi * Zi,
    if Tr + Ti > 4.0 -> false;
       true -> in_set(I - 1, Tr - Ti + Cr, 2.0 * Zr * Zi + Ci, Cr, Ci)
    end.
floats() ->
    Pts = [{X / 4, Y / 4.0} || X <- seq(-8, 4), Y <- seq(-4, 4)],
    In = [P || {Cr, Ci} = P <- Pts, in_set(30, 0.0, 0.0, Cr, Ci)],
    G = [X || X <- [1, 2.5, -3.0, 7], X * 2.0 > 4.0, {X + 1.0} =/= {3.5}],
    {length(In), hd(In), G, 1.5 * 4, 3 * -4, 7 rem -3, -7 div 2, 255 band 15 bor 256, 5 bxor 3, -16 bsr 2,
     element(2, {a, 2.5 + 1}), 0.1 + 0.2, 1 / 3, 2.0 == 2, 2.0 < 2.5, -0.0 == 0.0}.

%% A clause whose guard can fail after a `catch` was compiled in an earlier clause body:
%% the fallthrough join is reached from a join that must be a function of its own.
cc(Pid, {put, Enc, Chars} = R0) when is_list(Chars), element(1, Pid) =:= node ->
    R = case catch cc_g(Chars, Enc) of
            B when is_tuple(B) -> {put, Enc, B};
            _ -> R0
        end,
    {false, R};
cc(_Pid, {put, _Enc, Chars} = R0) when is_list(Chars) ->
    case catch cc_g(Chars, x) of
        B when is_tuple(B) -> {false, B};
        _ -> {false, R0}
    end;
cc(_, R) -> {false, R}.
cc_g(C, _) -> list_to_tuple(C).
catch_in_clause() -> [cc({node}, {put, e, "ab"}), cc({other}, {put, e, [a]}), cc(x, {put, e, "c"}), cc({node}, x), cc({node}, {put, e, b})].
"#;

/// Bit syntax: construction, matching, comprehensions (expected values printed by OTP 25).
const SRC_BIN: &str = r#"
-module(cgb).
-export([build/0, sizes/0, floats/0, utf/0, match_ints/0, match_sized/0, match_utf/0,
         comprehension/0, bad_build/0, parse/0, little/0, bits/0, big_ints/0]).

id(X) -> X.

build() ->
    A = id(1), B = id(300), S = id(<<"xyz">>),
    {<<A, B:16, S/binary>>, <<B:16/little>>, <<-1:8/signed>>, <<A:4, B:12>>,
     <<S:2/binary>>, <<"abc", 0>>, byte_size(<<B:64>>), <<>>}.

sizes() ->
    N = id(3),
    {<<7:N>>, <<255:N/unit:8>>, <<1:1, 0:1, 1:1>>, bit_size(<<1:N, 2:N>>),
     <<(id(<<1:3>>))/bitstring, 1:5>>}.

floats() ->
    F = id(1.5),
    {<<F/float>>, <<F:32/float>>, <<F:32/float-little>>, <<(id(2)):64/float>>,
     <<F:16/float>>}.

utf() ->
    C = id(1024), E = id(128512),
    {<<C/utf8>>, <<E/utf8>>, <<C/utf16>>, <<E/utf16>>, <<E/utf16-little>>, <<C/utf32>>,
     <<"h€llo"/utf8>>}.

match_ints() ->
    <<A, B:16, C:4, D:4, Rest/binary>> = id(<<1, 2, 3, 16#AB, 9, 9>>),
    <<S:8/signed, U:8>> = id(<<255, 255>>),
    <<L:16/little, L2:24/little-signed>> = id(<<1, 2, 255, 255, 255>>),
    {A, B, C, D, Rest, S, U, L, L2}.

match_sized() ->
    Bin = id(<<3, "abc", 2, "xy">>),
    <<N, Str:N/binary, M, Str2:M/binary>> = Bin,
    F = fun(<<K:8, V:K/binary, T/binary>>) -> {V, T}; (_) -> nomatch end,
    {Str, Str2, F(<<2, "hi", "rest">>), F(<<9, "short">>), F(<<>>)}.

match_utf() ->
    <<A/utf8, B/utf8, R/binary>> = id(<<"€x"/utf8, "rest">>),
    <<C/utf16, D/utf32-little>> = id(<<216, 61, 222, 0, 65, 0, 0, 0>>),
    {A, B, R, C, D, case id(<<255>>) of <<X/utf8>> -> X; _ -> bad end}.

comprehension() ->
    B = id(<<1, 2, 3, 4>>),
    {<< <<(X * 2)>> || <<X>> <= B >>,
     [X + Y || <<X, Y>> <= B],
     << <<X:4>> || X <- [1, 2, 3, 15] >>,
     << <<C/utf8>> || C <- "añb" >>,
     [{K, V} || <<K:4, V:4>> <= <<16#12, 16#34>>]}.

bad_build() ->
    R1 = try <<(id(a))>> catch error:E1 -> E1 end,
    R2 = try <<(id(<<1:3>>))/binary>> catch error:E2 -> E2 end,
    R3 = try <<(id(-1))/utf8>> catch error:E3 -> E3 end,
    R4 = try <<1:(id(-2))>> catch error:E4 -> E4 end,
    R5 = try <<(id(1.0)):(id(7))/float>> catch error:E5 -> E5 end,
    {R1, R2, R3, R4, R5}.

parse() -> parse(id(<<"k1=v1;key2=value2;">>), []).
parse(<<>>, Acc) -> lists_reverse(Acc, []);
parse(Bin, Acc) ->
    {K, R1} = until(Bin, $=, <<>>),
    {V, R2} = until(R1, $;, <<>>),
    parse(R2, [{K, V} | Acc]).
until(<<C, R/binary>>, C, Acc) -> {Acc, R};
until(<<C, R/binary>>, Stop, Acc) -> until(R, Stop, <<Acc/binary, C>>).
lists_reverse([], A) -> A;
lists_reverse([H | T], A) -> lists_reverse(T, [H | A]).

little() ->
    X = id(16#123456789),
    <<Y:40/little>> = <<X:40/little>>,
    <<Z:12/little>> = <<(id(16#ABC)):12/little>>,
    {Y, Z, <<(id(16#ABC)):12/little>>, <<(id(-2)):24/little>>}.

bits() ->
    B = id(<<2#10110:5, 2#111:3, 7>>),
    <<P:3, Q:2, R/bitstring>> = B,
    {P, Q, R, bit_size(R), is_binary(R), is_bitstring(R), <<R/bitstring, 1:2>>}.

big_ints() ->
    Big = id(1 bsl 100 + 12345),
    Bin = <<Big:128>>,
    <<Back:128>> = Bin,
    <<Neg:72/signed>> = <<(id(-(1 bsl 70))):72>>,
    {Bin, Back =:= Big, Neg, <<(id(-1)):100>>}.
"#;

fn bin_cases() -> Vec<(&'static str, &'static str)> {
    vec![
        ("build", "{<<1,1,44,120,121,122>>,<<44,1>>,<<255>>,<<17,44>>,<<120,121>>,<<97,98,99,0>>,8,<<>>}"),
        ("sizes", "{<<7:3>>,<<0,0,255>>,<<5:3>>,6,<<33>>}"),
        ("floats", "{<<63,248,0,0,0,0,0,0>>,<<63,192,0,0>>,<<0,0,192,63>>,<<64,0,0,0,0,0,0,0>>,<<62,0>>}"),
        ("utf", "{<<208,128>>,<<240,159,152,128>>,<<4,0>>,<<216,61,222,0>>,<<61,216,0,222>>,<<0,0,4,0>>,<<104,226,130,172,108,108,111>>}"),
        ("match_ints", "{1,515,10,11,<<9,9>>,-1,255,513,-1}"),
        ("match_sized", "{<<97,98,99>>,<<120,121>>,{<<104,105>>,<<114,101,115,116>>},nomatch,nomatch}"),
        ("match_utf", "{8364,120,<<114,101,115,116>>,128512,65,bad}"),
        ("comprehension", "{<<2,4,6,8>>,[3,7],<<18,63>>,<<97,195,177,98>>,[{1,2},{3,4}]}"),
        ("bad_build", "{badarg,badarg,badarg,badarg,badarg}"),
        ("parse", "[{<<107,49>>,<<118,49>>},{<<107,101,121,50>>,<<118,97,108,117,101,50>>}]"),
        ("little", "{4886718345,2748,<<188,10:4>>,<<254,255,255>>}"),
        ("bits", "{5,2,<<224,7:3>>,11,false,true,<<224,29:5>>}"),
        ("big_ints", "{<<0,0,0,16,0,0,0,0,0,0,0,0,0,0,48,57>>,true,-1180591620717411303424,<<255,255,255,255,255,255,255,255,255,255,255,255,15:4>>}"),
    ]
}

#[test]
fn binaries_build_and_match_like_erl() {
    let l = load(SRC_BIN, "cgb");
    let mut failures = Vec::new();
    for torture in [false, true] {
        for (f, want) in bin_cases() {
            let (got, _) = run(&l, f, torture);
            if got != want {
                failures.push(format!("{f} (torture {torture}): got {got}, want {want}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    if erl(SRC_BIN, "cgb", "build").is_some() {
        for (f, want) in bin_cases() {
            assert_eq!(
                erl(SRC_BIN, "cgb", f).unwrap_or_default(),
                want,
                "{f}: expected vs erl"
            );
        }
    }
}

fn cases() -> Vec<(&'static str, &'static str)> {
    vec![
        ("fib25", "75025"),
        ("rev", "[4.5,[120,121],{a,b},3,2,1]"),
        ("map_fun", "{[11,21,31],[55,89,144],[{b,10},{a,10}]}"),
        ("matching", "[{right,2},{left,4},{list,3},atom_foo,answer,{list,1},other,other]"),
        ("deep", "1000000"),
        ("fact30", "{265252859812191058636308480000000,0,-15511210043330985984000000}"),
        ("tries", "[{caught,throw,ball},{caught,error,oops},{caught,exit,bye},{caught,error,badarith},{caught,error,badarg},{ok,6}]"),
        ("nested_try", "{{outer_caught,outer},five}"),
        ("badmatch", "{'EXC',error,{badmatch,{error,x}}}"),
        ("case_clause", "{'EXC',error,{case_clause,c}}"),
        ("function_clause", "{'EXC',error,function_clause}"),
        ("throw_uncaught", "{'EXC',throw,{my,ball}}"),
        ("remote", "{610,987}"),
        ("guards", "[big,small,at,at,longlist,other,other]"),
        ("tuple_ops", "{b,{z,b,c},3,[a,b,c],[y]}"),
        ("big_list", "{20000100000,200000}"),
        ("catch_in_clause", "[{false,{put,e,{97,98}}},{false,{a}},{false,{99}},{false,x},{false,{put,e,b}}]"),
        ("floats", "{32,{-2.0,0.0},[7],6.0,-12,1,-3,271,6,-4,3.5,0.30000000000000004,0.3333333333333333,true,true,true}"),
    ]
}

#[test]
fn programs_run_and_agree_with_expected_output() {
    let l = load(SRC, "cgt");
    let mut failures = Vec::new();
    for (f, want) in cases() {
        let (got, _) = run(&l, f, false);
        if got != want {
            failures.push(format!("{f}: got {got}, want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn gc_torture_gives_the_same_results() {
    let l = load(SRC, "cgt");
    for (f, want) in cases() {
        if f == "deep" || f == "big_list" || f == "fib25" {
            continue; // quadratic under torture (every allocation moves everything)
        }
        let (got, _) = run(&l, f, true);
        assert_eq!(got, want, "{f} under GC torture");
    }
}

#[test]
fn deep_recursion_grows_the_process_stack() {
    let l = load(SRC, "cgt");
    let (got, p) = run(&l, "deep", false);
    assert_eq!(got, "1000000");
    assert!(
        p.gc_stats.minor + p.gc_stats.major > 5,
        "the block grew through the GC"
    );
    assert_eq!(
        p.stack_used(),
        0,
        "all frames popped, including the bottom frame"
    );
}

#[test]
fn results_agree_with_erl() {
    let Some(first) = erl(SRC, "cgt", "fib25") else {
        eprintln!("erl not installed: skipping the differential check");
        return;
    };
    assert_eq!(first, "75025");
    let l = load(SRC, "cgt");
    for (f, _) in cases() {
        let (got, _) = run(&l, f, false);
        let want = erl(SRC, "cgt", f).unwrap_or_default();
        assert_eq!(got, want, "{f}: ferl vs erl");
    }
}

/// Maps built and updated from more run-time values than there are x-registers (the
/// runtime gets them in chunks): same results as erl, also under GC torture.
#[test]
fn maps_of_many_run_time_pairs_agree_with_erl() {
    let pairs: Vec<String> = (0..300).map(|i| format!("k{i} => {{{i}, X}}")).collect();
    let exact: Vec<String> = (0..200).map(|i| format!("k{i} := {{u, X}}")).collect();
    let assoc: Vec<String> = (0..10).map(|i| format!("n{i} => X")).collect();
    let src = format!(
        "-module(bigmap).\n-export([f/0, bad/0]).\n\
         id(X) -> X.\n\
         f() -> g(id(7)).\n\
         g(X) ->\n    M = #{{{}}},\n    M2 = M#{{{}, {}}},\n\
         \x20   #{{k0 := A, k150 := B, k299 := C, n9 := D}} = M2,\n\
         \x20   {{map_size(M), map_size(M2), A, B, C, D, maps:get(k299, M)}}.\n\
         bad() -> M = #{{{}}}, M#{{{}, missing := 1}}.\n",
        pairs.join(", "),
        exact.join(", "),
        assoc.join(", "),
        pairs.join(", ").replace('X', "1"),
        exact.join(", ").replace('X', "2"),
    );
    let l = load(&src, "bigmap");
    for f in ["f", "bad"] {
        let (got, _) = run(&l, f, false);
        let (tortured, _) = run(&l, f, true);
        assert_eq!(tortured, got, "{f}: under GC torture");
        if let Some(want) = erl(&src, "bigmap", f) {
            assert_eq!(got, want, "{f}: ferl vs erl");
        } else {
            eprintln!("erl not installed: skipping the differential check");
        }
    }
}
