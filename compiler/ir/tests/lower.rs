//! Snapshot tests of the IR for small modules covering every construct, plus structural
//! invariants (scoping, join points, try bodies, no repeated test of a scrutinee on a path)
//! checked by `ferl_ir::verify` on every module.
//!
//! Sources are parsed with ferl's parser; when `erl` is installed, each is also parsed by
//! erl (`tests/common/erl_ast.rs`) and must lower to the same IR text (a differential check
//! of the parser and of the lowering's independence from AST details).

mod common;

use common::erl_ast;
use ferl_ir::ir::*;
use std::collections::HashMap;
use std::sync::OnceLock;

const SOURCES: &[(&str, &str)] = &[
    (
        "basic",
        r#"-module(basic).
-export([add/2, fact/1, sum/2, calls/1, seq/1]).
add(A, B) -> A + B.
fact(0) -> 1;
fact(N) when N > 0 -> N * fact(N - 1).
sum([], Acc) -> Acc;
sum([H | T], Acc) -> sum(T, Acc + H).
calls(X) ->
    Y = lists:reverse(X),
    Z = length(Y),
    io:format("~p~n", [Z]),
    erlang:display(Z),
    other:f(Y).
seq(X) -> _ = foo(X), foo(X).
foo(X) -> X.
"#,
    ),
    (
        "patterns",
        r#"-module(patterns).
-export([f/1, g/2, h/1, s/1, alias/1, bound/2, lit/1, deep/1]).
f({a, X}) -> X;
f({b, X, Y}) -> X + Y;
f([H | _]) -> H;
f([]) -> empty;
f(ok) -> ok;
f(42) -> answer;
f(1.5) -> float;
f(_) -> other.
g(X, X) -> same;
g(_, _) -> different.
h({X, _} = T) -> {X, T};
h([_, _ | _] = L) -> L.
s("abc" ++ Rest) -> Rest;
s(_) -> nomatch.
alias({A, B} = {1, C}) -> {A, B, C}.
bound(X, L) -> case L of [X | _] -> yes; _ -> no end.
lit({1, [2, 3], "s"}) -> const;
lit(-5) -> neg;
lit(1 bsl 4) -> sixteen.
deep({{a, X}, [Y]}) -> X + Y;
deep({{b, _}, []}) -> b;
deep({_, _}) -> pair.
"#,
    ),
    (
        "guards",
        r#"-module(guards).
-export([t/1, u/2, v/1, w/1, r/1]).
t(X) when is_integer(X), X > 0; is_float(X) -> num;
t(X) when is_atom(X) andalso X =/= undefined -> atom;
t(X) when is_tuple(X), tuple_size(X) =:= 2, element(1, X) == ok -> ok_pair;
t(X) when is_binary(X), bit_size(X) > 8 -> bin;
t(X) when is_list(X), hd(X) =:= 1, length(tl(X)) < 3 -> list;
t(X) when is_map(X), map_get(k, X) =:= 1 -> map;
t(X) when is_function(X, 2) -> fun2;
t(X) when abs(X) > 10 orelse not is_number(X) -> big;
t(_) -> other.
u(X, Y) when X + Y > 10, (X rem 2) == 0 -> a;
u(X, Y) when X band Y =:= 0; X div Y > 2 -> b;
u(X, Y) when (X > Y) or (Y > 100) -> c;
u(_, _) -> d.
v(X) when is_record(X, rec, 3) -> rec;
v(X) when not (X > 1) -> small;
v(_) -> big.
w(M) when is_map_key(a, M), map_size(M) < 4 -> small_map;
w(_) -> no.
r(X) when X -> yes;
r(_) -> no.
"#,
    ),
    (
        "control",
        r#"-module(control).
-export([c/1, i/1, exported/1, nested/2, bool/2]).
c(X) ->
    R = case X of
            {ok, V} -> V;
            error -> none
        end,
    {R, X}.
i(X) -> if X > 0 -> pos; X < 0 -> neg; true -> zero end.
exported(X) ->
    case X of
        1 -> Y = a, Z = 1;
        _ -> Y = b, Z = 2
    end,
    {Y, Z}.
nested(A, B) ->
    case A of
        1 -> case B of 2 -> Y = x; _ -> Y = y end;
        _ -> Y = z
    end,
    f(Y).
bool(A, B) -> A andalso (B orelse g(A)).
f(X) -> X.
g(X) -> X.
"#,
    ),
    (
        "recv",
        r#"-module(recv).
-export([r1/0, r2/1, r3/1, r4/0]).
r1() -> receive {msg, X} -> X; stop -> stopped end.
r2(T) -> receive {msg, X} when X > 0 -> X after T -> timeout end.
r3(Ref) -> receive {Ref, Reply} -> Reply after 0 -> none end.
r4() -> receive after 100 -> ok end.
"#,
    ),
    (
        "tries",
        r#"-module(tries).
-export([t1/0, t2/1, t3/0, t4/0, t5/1, t6/0]).
t1() -> try f() catch throw:X -> {caught, X} end.
t2(A) -> try f() of {ok, V} -> V; V -> {other, V} catch error:R:S -> {R, S}; exit:_ -> exit end.
t3() -> try f() after g() end.
t4() -> try f() of V -> V catch _:_ -> err after g() end.
t5(X) -> catch f(X).
t6() -> X = (catch f()), {X, g()}.
f() -> ok.
f(X) -> X.
g() -> ok.
"#,
    ),
    (
        "funs",
        r#"-module(funs).
-export([a/1, b/0, c/0, d/2, e/1, n/0]).
a(X) -> fun(Y) -> X + Y end.
b() -> fun lists:reverse/1.
c() -> fun helper/1.
d(M, F) -> fun M:F/2.
e(L) -> F = fun({K, V}) -> K + V; (_) -> 0 end, lists:map(F, L), F(1).
n() -> Fact = fun Fact(0) -> 1; Fact(N) -> N * Fact(N - 1) end, Fact(5).
helper(X) -> X.
"#,
    ),
    (
        "comps",
        r#"-module(comps).
-export([l1/1, l2/2, l3/1, b1/1, b2/1, l4/1]).
l1(L) -> [X * 2 || X <- L].
l2(L, M) -> [{X, Y} || X <- L, X > 1, Y <- M, X =/= Y].
l3(L) -> [X || {ok, X} <- L, check(X)].
b1(L) -> << <<X:8>> || X <- L >>.
b2(B) -> [X || <<X:16>> <= B].
l4(L) -> N = 3, [X + N || X <- L, X > N].
check(_) -> true.
"#,
    ),
    (
        "maps",
        r#"-module(maps_t).
-export([m1/2, m2/1, m3/1, m4/2, m5/2]).
m1(K, V) -> #{K => V, a => 1}.
m2(M) -> M#{a => 1, b := 2}.
m3(#{a := A, b := B}) -> A + B;
m3(#{a := A}) -> A;
m3(#{}) -> empty.
m4(K, M) -> case M of #{K := V} -> V; _ -> none end.
m5(K, M) when is_map_key(K, M) -> #{K := V} = M, V.
"#,
    ),
    (
        "bins",
        r#"-module(bins).
-export([c1/2, c2/1, p1/1, p2/1, p3/1, p4/1, p5/1]).
c1(X, Y) -> <<X:8, Y:16/little, "hi", 1.5/float, X/binary>>.
c2(S) -> <<S/utf8, 0:4, (byte_size(S)):32>>.
p1(<<N:8, Data:N/binary, Rest/binary>>) -> {Data, Rest}.
p2(<<1, X:8>>) -> {one, X};
p2(<<2, X:16>>) -> {two, X};
p2(<<_, _/binary>>) -> other;
p2(<<>>) -> empty.
p3(<<C/utf8, R/bits>>) -> {C, R}.
p4(<<F:64/float, I:32/signed-little>>) -> {F, I}.
p5(<<"GET ", Path/binary>>) -> Path.
"#,
    ),
    (
        "lits",
        r#"-module(lits).
-export([l/0, big/0, str/0, flt/0, bin/0, nested/0, map/0]).
l() -> [1, 2, 3].
big() -> 123456789012345678901234567890.
str() -> "hello\n".
flt() -> {1.0, -2.5e-10}.
bin() -> <<"abc", 1, 2:4>>.
nested() -> {a, [b, {c, <<>>}], #{k => [1]}}.
map() -> #{a => 1, b => "x"}.
"#,
    ),
    (
        "misc",
        r#"-module(misc).
-export([ap/2, ap3/3, apl/3, err/1, thr/1, send/2, neg/1, matchfail/1, self_/0]).
ap(F, X) -> apply(F, [X, 1]).
ap3(M, F, X) -> apply(M, F, [X]).
apl(M, F, A) -> apply(M, F, A).
err(X) -> error({bad, X}).
thr(X) -> throw(X).
send(P, M) -> P ! M, ok.
neg(X) -> -X.
matchfail(X) -> {ok, V} = X, V.
self_() -> self().
"#,
    ),
    (
        "records",
        r#"-module(records).
-export([f/1, g/1, h/0, u/1, t/1]).
-record(r, {a, b = 1, c = [] :: list()}).
f(#r{a = A}) -> A.
g(R) -> R#r.b.
h() -> #r{a = 1}.
u(R) -> R#r{c = [x]}.
t(X) when is_record(X, r) -> yes;
t(_) -> no.
"#,
    ),
    (
        "nested",
        r#"-module(nested).
-export([a/1, b/1, c/1, d/2, e/1]).
a(L) -> N = length(L), F = fun(X) -> G = fun(Y) -> X + Y + N end, G(X) end, F(1).
b(X) -> Y = receive {X, V} -> V after 10 -> none end, {X, Y}.
c(X) -> Y = try f(X) of 1 -> one; Z -> Z catch _:_ -> err end, {Y, X}.
d(A, B) -> {C, D} = case A of {P, Q} -> {P, Q}; _ -> {B, B} end, C + D.
e(L) -> [Y || X <- L, Y <- [X, X + 1], Y > 2].
f(X) -> X.
"#,
    ),
];

type Parsed = HashMap<String, (ferl_syntax::ast::Module, ferl_diagnostics::SourceMap)>;

/// The test modules as parsed by `erl` (for the differential check), if erl is installed.
fn erl_parsed() -> Option<&'static Parsed> {
    static CELL: OnceLock<Option<Parsed>> = OnceLock::new();
    CELL.get_or_init(|| {
        if !erl_ast::erl_available() {
            eprintln!("note: `erl` not installed; differential check against erl's parser skipped");
            return None;
        }
        Some(erl_ast::parse_sources(SOURCES))
    })
    .as_ref()
}

fn source(name: &str) -> &'static str {
    SOURCES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| *s)
        .expect("test module")
}

fn lower_ast(
    name: &str,
    m: &ferl_syntax::ast::Module,
    map: &ferl_diagnostics::SourceMap,
) -> Module {
    let mut m = m.clone();
    ferl_sema::expand_records(&mut m);
    let ir = match ferl_ir::lower_module_with_source(&m, &format!("{name}.erl"), map) {
        Ok(ir) => ir,
        Err(ds) => panic!("lowering {name} failed: {ds:#?}"),
    };
    let violations = ferl_ir::verify::verify_module(&ir);
    assert!(
        violations.is_empty(),
        "{name}: {violations:#?}\n{}",
        ferl_ir::print::module_to_string(&ir)
    );
    ir
}

/// Parse with ferl's parser, lower, verify; and check that erl's parse of the same source
/// lowers to the same IR text.
fn lower(name: &str) -> Option<Module> {
    let (m, map) =
        common::ferl_parse::parse(name, source(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let ir = lower_ast(name, &m, &map);
    if let Some(all) = erl_parsed() {
        let (em, emap) = &all[name];
        let eir = lower_ast(name, em, emap);
        similar_asserts(
            &ferl_ir::print::module_to_string(&eir),
            &ferl_ir::print::module_to_string(&ir),
            name,
        );
    }
    Some(ir)
}

fn similar_asserts(erl: &str, ferl: &str, name: &str) {
    if erl != ferl {
        let first = erl
            .lines()
            .zip(ferl.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let ctx = |s: &str| {
            s.lines()
                .skip(first.saturating_sub(3))
                .take(8)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!("{name}: IR from erl's parse differs from ferl's at line {}:\n--- erl\n{}\n--- ferl\n{}", first + 1, ctx(erl), ctx(ferl));
    }
}

macro_rules! snap {
    ($test:ident, $name:expr) => {
        #[test]
        fn $test() {
            if let Some(ir) = lower($name) {
                insta::assert_snapshot!($name, ferl_ir::print::module_to_string(&ir));
            }
        }
    };
}

snap!(basic, "basic");
snap!(patterns, "patterns");
snap!(guards, "guards");
snap!(control, "control");
snap!(recv, "recv");
snap!(tries, "tries");
snap!(funs, "funs");
snap!(comps, "comps");
snap!(maps, "maps");
snap!(bins, "bins");
snap!(lits, "lits");
snap!(misc, "misc");
snap!(records, "records");
snap!(nested, "nested");

/// Map comprehensions and map generators are OTP 26 syntax the parser may not accept; build
/// them from a parsed list comprehension: `[{K, V} || {K, V} <- L]` becomes
/// `#{K => V || K := V <- L}` and `#{K => V || {K, V} <- L}`.
#[test]
fn map_comprehension() {
    use ferl_syntax::ast::{ExprKind, FormKind, Qualifier};
    let src = "-module(mc).\n-export([a/1, b/1]).\na(L) -> [{K, V} || {K, V} <- L].\nb(M) -> [{K, V} || {K, V} <- M].\n";
    let (mut m, map) = common::ferl_parse::parse("mc", src).expect("parse");
    for form in &mut m.forms {
        let FormKind::Function(f) = &mut form.kind else {
            continue;
        };
        let map_gen = &*f.name == "b";
        let body = &mut f.clauses[0].body[0];
        let ExprKind::ListComp(t, qs) = &body.kind else {
            panic!("not a comprehension")
        };
        let ExprKind::Tuple(kv) = &t.kind else {
            panic!()
        };
        let mut qs = qs.clone();
        if map_gen {
            if let Qualifier::Generator(p, e) = &qs[0] {
                let ExprKind::Tuple(pkv) = &p.kind else {
                    panic!()
                };
                qs[0] = Qualifier::MapGenerator(pkv[0].clone(), pkv[1].clone(), e.clone());
            }
        }
        body.kind = ExprKind::MapComp(Box::new(kv[0].clone()), Box::new(kv[1].clone()), qs);
    }
    let ir = lower_ast("mc", &m, &map);
    insta::assert_snapshot!("map_comprehension", ferl_ir::print::module_to_string(&ir));
}
