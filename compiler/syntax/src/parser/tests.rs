//! Unit tests of the parser: AST shapes of tricky constructs (printed as compact
//! s-expressions), erlc-worded errors, and no panics on arbitrary token sequences.

use super::*;
use crate::ast::*;
use crate::lexer::lex;
use ferl_diagnostics::FileId;

fn toks(src: &str) -> Vec<Token> {
    let mut d = Diagnostics::new();
    let t = lex(FileId(0), src, &mut d);
    assert!(!d.has_errors(), "lex errors in {src:?}: {:?}", d.items);
    t
}

fn form(src: &str) -> Form {
    let mut d = Diagnostics::new();
    let f = parse_form(&toks(src), &mut d);
    assert!(d.items.is_empty(), "{src}: {:?}", d.items);
    f.expect("form")
}

fn form_err(src: &str) -> String {
    let mut d = Diagnostics::new();
    let f = parse_form(&toks(src), &mut d);
    assert!(f.is_none(), "{src} parsed: {f:?}");
    assert_eq!(d.items.len(), 1, "{src}: {:?}", d.items);
    d.items[0].message.clone()
}

/// One expression, printed.
fn e(src: &str) -> String {
    let mut d = Diagnostics::new();
    let es = parse_exprs(&toks(&format!("{src}.")), &mut d);
    assert!(d.items.is_empty(), "{src}: {:?}", d.items);
    let es = es.expect("exprs");
    assert_eq!(es.len(), 1);
    pe(&es[0])
}

fn pes(es: &[Expr]) -> String {
    es.iter().map(pe).collect::<Vec<_>>().join(" ")
}

fn pclause(c: &Clause) -> String {
    let name = c.name.as_ref().map(|n| format!("{n} ")).unwrap_or_default();
    let guards = if c.guards.is_empty() {
        String::new()
    } else {
        format!(
            " when {}",
            c.guards
                .iter()
                .map(|g| format!("[{}]", pes(g)))
                .collect::<Vec<_>>()
                .join(";")
        )
    };
    format!("({name}[{}]{guards} -> {})", pes(&c.patterns), pes(&c.body))
}

fn pclauses(cs: &[Clause]) -> String {
    cs.iter().map(pclause).collect::<Vec<_>>().join(" ")
}

fn pq(q: &Qualifier) -> String {
    match q {
        Qualifier::Generator(p, e) => format!("(<- {} {})", pe(p), pe(e)),
        Qualifier::BinGenerator(p, e) => format!("(<= {} {})", pe(p), pe(e)),
        Qualifier::MapGenerator(k, v, e) => format!("(<- {}:={} {})", pe(k), pe(v), pe(e)),
        Qualifier::Filter(e) => pe(e),
    }
}

fn pe(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Var(v) => v.to_string(),
        ExprKind::Atom(a) => crate::print::atom(a),
        ExprKind::Integer(i) => i.to_string(),
        ExprKind::Float(f) => crate::print::float(*f),
        ExprKind::Char(c) => crate::print::char_literal(*c),
        ExprKind::String(s) => crate::print::string(s),
        ExprKind::Nil => "[]".into(),
        ExprKind::Cons(h, t) => format!("[{}|{}]", pe(h), pe(t)),
        ExprKind::Tuple(es) => format!("{{{}}}", pes(es)),
        ExprKind::Map(base, fs) => {
            let fs: Vec<String> = fs
                .iter()
                .map(|f| {
                    format!(
                        "{}{}{}",
                        pe(&f.key),
                        if f.op == MapOp::Assoc { "=>" } else { ":=" },
                        pe(&f.value)
                    )
                })
                .collect();
            match base {
                Some(b) => format!("(map {} #{{{}}})", pe(b), fs.join(" ")),
                None => format!("#{{{}}}", fs.join(" ")),
            }
        }
        ExprKind::Record { base, name, fields } => {
            let fs: Vec<String> = fields
                .iter()
                .map(|f| format!("{}={}", f.name, pe(&f.value)))
                .collect();
            match base {
                Some(b) => format!("(rec {} #{name}{{{}}})", pe(b), fs.join(" ")),
                None => format!("#{name}{{{}}}", fs.join(" ")),
            }
        }
        ExprKind::RecordIndex { name, field } => format!("#{name}.{field}"),
        ExprKind::RecordAccess { expr, name, field } => {
            format!("(get {} #{name}.{field})", pe(expr))
        }
        ExprKind::Binary(els) => {
            let els: Vec<String> = els
                .iter()
                .map(|el| {
                    let mut s = pe(&el.value);
                    if let Some(sz) = &el.size {
                        s += &format!(":{}", pe(sz));
                    }
                    if let Some(ts) = &el.specifiers {
                        let ts: Vec<String> = ts
                            .iter()
                            .map(|t| match t.value {
                                Some(v) => format!("{}:{v}", t.name),
                                None => t.name.to_string(),
                            })
                            .collect();
                        s += &format!("/{}", ts.join("-"));
                    }
                    s
                })
                .collect();
            format!("<<{}>>", els.join(", "))
        }
        ExprKind::Match(a, b) => format!("(= {} {})", pe(a), pe(b)),
        ExprKind::BinOp(op, a, b) => format!("({} {} {})", op.as_str(), pe(a), pe(b)),
        ExprKind::UnOp(op, a) => format!("({} {})", op.as_str(), pe(a)),
        ExprKind::Call(f, args) => format!("(call {} {})", pe(f), pes(args)),
        ExprKind::Remote(m, f) => format!("{}:{}", pe(m), pe(f)),
        ExprKind::Catch(x) => format!("(catch {})", pe(x)),
        ExprKind::Block(es) => format!("(begin {})", pes(es)),
        ExprKind::If(cs) => format!("(if {})", pclauses(cs)),
        ExprKind::Case(x, cs) => format!("(case {} {})", pe(x), pclauses(cs)),
        ExprKind::Receive { clauses, after } => {
            let a = after
                .as_ref()
                .map(|a| format!(" after {} -> {}", pe(&a.timeout), pes(&a.body)))
                .unwrap_or_default();
            format!("(receive {}{a})", pclauses(clauses))
        }
        ExprKind::Try(t) => format!(
            "(try [{}] of [{}] catch [{}] after [{}])",
            pes(&t.body),
            pclauses(&t.of_clauses),
            pclauses(&t.catch_clauses),
            pes(&t.after)
        ),
        ExprKind::Fun(f) => match &**f {
            Fun::Local(r) => format!("(fun {}/{})", r.name, r.arity),
            Fun::Remote {
                module,
                function,
                arity,
            } => format!("(fun {}:{}/{})", pe(module), pe(function), pe(arity)),
            Fun::Anonymous(cs) => format!("(fun {})", pclauses(cs)),
            Fun::Named(n, cs) => format!("(named-fun {n} {})", pclauses(cs)),
        },
        ExprKind::ListComp(x, qs) => format!(
            "(lc {} || {})",
            pe(x),
            qs.iter().map(pq).collect::<Vec<_>>().join(" ")
        ),
        ExprKind::BinaryComp(x, qs) => format!(
            "(bc {} || {})",
            pe(x),
            qs.iter().map(pq).collect::<Vec<_>>().join(" ")
        ),
        ExprKind::MapComp(k, v, qs) => {
            format!(
                "(mc {}=>{} || {})",
                pe(k),
                pe(v),
                qs.iter().map(pq).collect::<Vec<_>>().join(" ")
            )
        }
        ExprKind::Error => "ERROR".into(),
    }
}

fn pt(t: &Type) -> String {
    let ts = |v: &[Type]| v.iter().map(pt).collect::<Vec<_>>().join(", ");
    match &t.kind {
        TypeKind::Var(v) => v.to_string(),
        TypeKind::Atom(a) => crate::print::atom(a),
        TypeKind::Integer(i) => i.to_string(),
        TypeKind::Char(c) => crate::print::char_literal(*c),
        TypeKind::Range(a, b) => format!("({}..{})", pt(a), pt(b)),
        TypeKind::BinOp(op, a, b) => format!("({} {} {})", op.as_str(), pt(a), pt(b)),
        TypeKind::UnOp(op, a) => format!("({} {})", op.as_str(), pt(a)),
        TypeKind::Union(v) => format!("(union {})", v.iter().map(pt).collect::<Vec<_>>().join(" ")),
        TypeKind::Annotated(n, t) => format!("({n} :: {})", pt(t)),
        TypeKind::Named { name, args } => format!("{name}({})", ts(args)),
        TypeKind::Remote { module, name, args } => format!("{module}:{name}({})", ts(args)),
        TypeKind::Nil => "[]".into(),
        TypeKind::List(t) => format!("[{}]", pt(t)),
        TypeKind::NonEmptyList(t) => format!("[{}, ...]", pt(t)),
        TypeKind::Tuple(v) => format!("{{{}}}", ts(v)),
        TypeKind::Map(fs) => format!(
            "#{{{}}}",
            fs.iter()
                .map(|f| format!(
                    "{}{}{}",
                    pt(&f.key),
                    if f.op == MapOp::Assoc { " => " } else { " := " },
                    pt(&f.value)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        TypeKind::Record(n, fs) => {
            format!(
                "#{n}{{{}}}",
                fs.iter()
                    .map(|(f, t)| format!("{f} :: {}", pt(t)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        TypeKind::Binary(m, n) => format!(
            "<<{}, {}>>",
            m.as_ref().map(|t| pt(t)).unwrap_or("-".into()),
            n.as_ref().map(|t| pt(t)).unwrap_or("-".into())
        ),
        TypeKind::Fun(None) => "fun()".into(),
        TypeKind::Fun(Some(sig)) => match &sig.params {
            None => format!("fun((...) -> {})", pt(&sig.ret)),
            Some(ps) => format!("fun(({}) -> {})", ts(ps), pt(&sig.ret)),
        },
    }
}

fn typedef(src: &str) -> String {
    match form(src).kind {
        FormKind::TypeDef(td) => pt(&td.body),
        k => panic!("not a type: {k:?}"),
    }
}

// ------------------------------------------------------------------------- precedence

#[test]
fn arithmetic_precedence_and_associativity() {
    assert_eq!(e("1 + 2 * 3"), "(+ 1 (* 2 3))");
    assert_eq!(e("1 - 2 - 3"), "(- (- 1 2) 3)");
    assert_eq!(e("8 / 4 / 2"), "(/ (/ 8 4) 2)");
    assert_eq!(e("A bor B band C"), "(bor A (band B C))");
    assert_eq!(e("A bsl 2 + 1"), "(+ (bsl A 2) 1)");
    assert_eq!(e("-A + B"), "(+ (- A) B)");
    assert_eq!(e("- - 1"), "(- (- 1))");
    assert_eq!(e("not A == B"), "(== (not A) B)");
    assert_eq!(e("A rem B div C"), "(div (rem A B) C)");
}

#[test]
fn list_ops_are_right_associative() {
    assert_eq!(e("A ++ B ++ C"), "(++ A (++ B C))");
    assert_eq!(e("A -- B -- C"), "(-- A (-- B C))");
    assert_eq!(e("A ++ B + C"), "(++ A (+ B C))");
}

#[test]
fn comparison_is_non_associative() {
    assert_eq!(e("A + 1 == B ++ C"), "(== (+ A 1) (++ B C))");
    assert_eq!(form_err("f() -> 1 == 2 == 3."), "syntax error before: '=='");
    assert_eq!(form_err("f() -> 1 < 2 > 3."), "syntax error before: '>'");
}

#[test]
fn boolean_ops_match_and_send() {
    assert_eq!(e("A orelse B andalso C"), "(orelse A (andalso B C))");
    assert_eq!(e("A andalso B andalso C"), "(andalso A (andalso B C))");
    assert_eq!(e("A orelse B orelse C"), "(orelse A (orelse B C))");
    assert_eq!(e("A == B andalso C"), "(andalso (== A B) C)");
    assert_eq!(e("X = Y = 1 + 2"), "(= X (= Y (+ 1 2)))");
    assert_eq!(e("P ! Q ! m"), "(! P (! Q m))");
    assert_eq!(e("X = P ! m"), "(= X (! P m))");
    assert_eq!(e("A = B orelse C"), "(= A (orelse B C))");
}

#[test]
fn catch_is_lowest_and_extends_right() {
    assert_eq!(e("catch A = B"), "(catch (= A B))");
    assert_eq!(e("X = catch f()"), "(= X (catch (call f )))");
    assert_eq!(e("1 + catch 2 + 3"), "(+ 1 (catch (+ 2 3)))");
    assert_eq!(e("- catch 3"), "(- (catch 3))");
    assert_eq!(e("A orelse catch B"), "(orelse A (catch B))");
    assert_eq!(e("catch catch 1"), "(catch (catch 1))");
}

#[test]
fn remote_calls_and_call_restrictions() {
    assert_eq!(e("m:f(1, 2)"), "(call m:f 1 2)");
    assert_eq!(e("M:F()"), "(call M:F )");
    assert_eq!(e("(F())()"), "(call (call F ) )");
    assert_eq!(e("-m:f(X)"), "(- (call m:f X))");
    assert_eq!(e("(m:f)(1)"), "(call m:f 1)");
    // `f()()` is not Erlang (function_call is not an expr_remote).
    assert_eq!(form_err("g() -> f()()."), "syntax error before: '('");
}

// ----------------------------------------------------------------------- data types

#[test]
fn lists_strings_chars() {
    assert_eq!(e("[]"), "[]");
    assert_eq!(e("[1, 2 | T]"), "[1|[2|T]]");
    assert_eq!(e("[a, b]"), "[a|[b|[]]]");
    assert_eq!(e(r#""abc" "def"  "g""#), r#""abcdefg""#);
    assert_eq!(e("$a"), "$a");
    assert_eq!(e("{}"), "{}");
    assert_eq!(e("{a, 1.5, \"s\"}"), "{a 1.5 \"s\"}");
}

#[test]
fn maps() {
    assert_eq!(e("#{}"), "#{}");
    assert_eq!(e("#{a => 1, b => 2}"), "#{a=>1 b=>2}");
    assert_eq!(e("M#{a := 1, b => 2}"), "(map M #{a:=1 b=>2})");
    assert_eq!(e("M#{a => 1}#{b => 2}"), "(map (map M #{a=>1}) #{b=>2})");
    assert_eq!(e("#{a => 1}#{a := 2}"), "(map #{a=>1} #{a:=2})");
    assert_eq!(e("(f(X))#{a => 1}"), "(map (call f X) #{a=>1})");
    // A call is not an expr_max: `f(X)#{...}` needs parentheses, as in erl_parse.
    assert_eq!(
        form_err("g() -> f(X)#{a => 1}."),
        "syntax error before: '#'"
    );
    assert_eq!(e("#{K => V || K := V <- M}"), "(mc K=>V || (<- K:=V M))");
}

#[test]
fn records() {
    assert_eq!(e("#r{}"), "#r{}");
    assert_eq!(e("#r{a = 1, b = X}"), "#r{a=1 b=X}");
    assert_eq!(e("#r{a = 1, _ = '_'}"), "#r{a=1 _='_'}");
    assert_eq!(e("X#r{a = 1}"), "(rec X #r{a=1})");
    assert_eq!(e("X#r.a"), "(get X #r.a)");
    assert_eq!(e("#r.a"), "#r.a");
    assert_eq!(e("X#r.a#s.b"), "(get (get X #r.a) #s.b)");
    assert_eq!(e("X#r.a#s{b = 1}"), "(rec (get X #r.a) #s{b=1})");
    assert_eq!(e("(X#r.a)#{k => v}"), "(map (get X #r.a) #{k=>v})");
    assert_eq!(e("-X#r.a"), "(- (get X #r.a))");
    assert_eq!(e("#r{a = 1}#r.a"), "(get #r{a=1} #r.a)");
}

#[test]
fn binaries_and_bit_syntax() {
    assert_eq!(e("<<>>"), "<<>>");
    assert_eq!(
        e("<<X:8/integer-unsigned-big-unit:1, B/binary, (N+1):16, \"str\"/utf8>>"),
        "<<X:8/integer-unsigned-big-unit:1, B/binary, (+ N 1):16, \"str\"/utf8>>"
    );
    assert_eq!(e("<<-1:8, +X>>"), "<<(- 1):8, (+ X)>>");
    assert_eq!(e("<<(X#r.a):Size>>"), "<<(get X #r.a):Size>>");
    // The size must be a primary expression.
    assert_eq!(form_err("f(X) -> <<X:4+4>>."), "syntax error before: '+'");
}

#[test]
fn comprehensions() {
    assert_eq!(
        e("[X * 2 || X <- L, X > 1]"),
        "(lc (* X 2) || (<- X L) (> X 1))"
    );
    assert_eq!(
        e("[{X, Y} || {X, _} <- L, <<Y>> <= B]"),
        "(lc {X Y} || (<- {X _} L) (<= <<Y>> B))"
    );
    assert_eq!(
        e("<< <<X>> || <<X:8>> <= Bin >>"),
        "(bc <<X>> || (<= <<X:8>> Bin))"
    );
    assert_eq!(e("<< X || X <- L >>"), "(bc X || (<- X L))");
}

// ---------------------------------------------------------------------------- funs

#[test]
fn funs() {
    assert_eq!(e("fun f/1"), "(fun f/1)");
    assert_eq!(e("fun m:f/1"), "(fun m:f/1)");
    assert_eq!(e("fun M:F/A"), "(fun M:F/A)");
    assert_eq!(
        e("fun (X) when X > 0 -> X; (_) -> 0 end"),
        "(fun ([X] when [(> X 0)] -> X) ([_] -> 0))"
    );
    assert_eq!(
        e("fun Fact(0) -> 1; Fact(N) -> N * Fact(N - 1) end"),
        "(named-fun Fact (Fact [0] -> 1) (Fact [N] -> (* N (call Fact (- N 1)))))"
    );
    assert_eq!(e("fun() -> ok end"), "(fun ([] -> ok))");
}

// ------------------------------------------------------------------------ control

#[test]
fn case_if_receive_begin() {
    assert_eq!(
        e("case X of {a, Y} when Y > 1, Y < 5; Y =:= 0 -> Y; _ -> no end"),
        "(case X ([{a Y}] when [(> Y 1) (< Y 5)];[(=:= Y 0)] -> Y) ([_] -> no))"
    );
    assert_eq!(
        e("if X > 0 -> pos; true -> neg end"),
        "(if ([] when [(> X 0)] -> pos) ([] when [true] -> neg))"
    );
    assert_eq!(
        e("receive {a, X} -> X; b -> b after 100 -> timeout end"),
        "(receive ([{a X}] -> X) ([b] -> b) after 100 -> timeout)"
    );
    assert_eq!(e("receive after T -> ok end"), "(receive  after T -> ok)");
    assert_eq!(e("receive M -> M end"), "(receive ([M] -> M))");
    assert_eq!(e("begin a, b end"), "(begin a b)");
}

#[test]
fn try_catch_all_forms() {
    assert_eq!(
        e("try f() catch E -> E end"),
        "(try [(call f )] of [] catch [([throw E _] -> E)] after [])"
    );
    assert_eq!(e("try f() of ok -> 1 catch error:R:S when R /= x -> S; exit:_ -> 2 after done end"),
        "(try [(call f )] of [([ok] -> 1)] catch [([error R S] when [(/= R x)] -> S) ([exit _ _] -> 2)] after [done])");
    assert_eq!(
        e("try a, b after c end"),
        "(try [a b] of [] catch [] after [c])"
    );
    assert_eq!(
        e("try a catch C:R -> {C, R} end"),
        "(try [a] of [] catch [([C R _] -> {C R})] after [])"
    );
    assert_eq!(
        e("try a catch throw:{x, Y} -> Y end"),
        "(try [a] of [] catch [([throw {x Y} _] -> Y)] after [])"
    );
    assert_eq!(form_err("f() -> try a end."), "syntax error before: 'end'");
}

// --------------------------------------------------------------------------- forms

#[test]
fn function_forms_group_clauses() {
    let f =
        form("f(0) -> zero; f(N) when is_integer(N), N > 0 -> pos; g(_) -> head_mismatch_kept.");
    let FormKind::Function(func) = f.kind else {
        panic!()
    };
    assert_eq!(&*func.name, "f");
    assert_eq!(func.arity, 1);
    assert_eq!(func.clauses.len(), 3);
    let names: Vec<_> = func
        .clauses
        .iter()
        .map(|c| c.name.as_deref().unwrap_or("").to_string())
        .collect();
    assert_eq!(names, ["f", "f", "g"]);
    assert_eq!(
        pclause(&func.clauses[1]),
        "(f [N] when [(call is_integer N) (> N 0)] -> pos)"
    );
    // patterns are erl_parse's pat_expr: no sends or calls in function heads
    assert_eq!(form_err("f(X!Y) -> 1."), "syntax error before: '!'");
    assert_eq!(form_err("f(g(X)) -> 1."), "syntax error before: '('");
    assert_eq!(
        pclause(&match form(
            "f(<<A:8, Rest/binary>> = B, [H|T], #{k := V}, #r{a = 1}, \"ab\" ++ S, -1) -> ok."
        )
        .kind
        {
            FormKind::Function(f) => f.clauses[0].clone(),
            _ => panic!(),
        }),
        "(f [(= <<A:8, Rest/binary>> B) [H|T] #{k:=V} #r{a=1} (++ \"ab\" S) (- 1)] -> ok)"
    );
}

#[test]
fn simple_attributes() {
    assert_eq!(form("-module(foo).").kind, FormKind::Module("foo".into()));
    assert_eq!(
        form("-behaviour(gen_server).").kind,
        FormKind::Behaviour("gen_server".into())
    );
    assert_eq!(
        form("-behavior(supervisor).").kind,
        FormKind::Behaviour("supervisor".into())
    );
    let FormKind::Export(fs) = form("-export([f/1, g/0]).").kind else {
        panic!()
    };
    assert_eq!(
        fs.iter()
            .map(|f| format!("{}/{}", f.name, f.arity))
            .collect::<Vec<_>>(),
        ["f/1", "g/0"]
    );
    let FormKind::Import(m, fs) = form("-import(lists, [map/2]).").kind else {
        panic!()
    };
    assert_eq!((&*m, fs.len(), fs[0].arity), ("lists", 1, 2));
    let FormKind::ExportType(ts) = form("-export_type([t/0, u/1]).").kind else {
        panic!()
    };
    assert_eq!(ts.len(), 2);
    assert_eq!(
        form("-file(\"x.erl\", 12).").kind,
        FormKind::File("x.erl".into(), 12)
    );
    let FormKind::Attribute(n, v) = form("-compile({inline, [f/1]}).").kind else {
        panic!()
    };
    assert_eq!(
        (&*n, pe(&v)),
        ("compile", "{inline [{f 1}|[]]}".to_string())
    );
    let FormKind::Attribute(n, v) = form("-on_load(init/0).").kind else {
        panic!()
    };
    assert_eq!((&*n, pe(&v)), ("on_load", "{init 0}".to_string()));
    let FormKind::Attribute(n, v) = form("-dialyzer({nowarn_function, f/0}).").kind else {
        panic!()
    };
    assert_eq!(
        (&*n, pe(&v)),
        ("dialyzer", "{nowarn_function {f 0}}".to_string())
    );
    let FormKind::Attribute(n, v) = form("-vsn \"1.0\".").kind else {
        panic!()
    };
    assert_eq!((&*n, pe(&v)), ("vsn", "\"1.0\"".to_string()));
    let FormKind::Attribute(n, v) = form("-my_attr(#{a => [1, -2, 3.0, <<\"x\">>]}).").kind else {
        panic!()
    };
    assert_eq!(
        (&*n, pe(&v)),
        (
            "my_attr",
            "#{a=>[1|[(- 2)|[3.0|[<<\"x\">>|[]]]]]}".to_string()
        )
    );
}

#[test]
fn attribute_errors_are_worded_like_erlc() {
    assert_eq!(form_err("-export([f/a])."), "bad function arity");
    assert_eq!(form_err("-export([F/1])."), "bad function name");
    assert_eq!(form_err("-foo(X)."), "bad attribute");
    assert_eq!(form_err("-bar(1+2)."), "bad attribute");
    assert_eq!(form_err("-type t(_) :: ok."), "bad type variable");
    assert_eq!(
        form_err("-spec f(X) -> ok when foo(X, a)."),
        "unsupported constraint foo"
    );
    assert_eq!(form_err("-record(r, {f(x)})."), "bad record field");
    assert_eq!(form_err("-module(\"m\")."), "bad module declaration");
}

#[test]
fn records_definitions() {
    let FormKind::Record(name, fs) =
        form("-record(r, {a, b = 1, c :: integer(), d = [] :: [atom()]}).").kind
    else {
        panic!()
    };
    assert_eq!(&*name, "r");
    let shown: Vec<String> = fs
        .iter()
        .map(|f| {
            format!(
                "{}{}{}",
                f.name,
                f.default
                    .as_ref()
                    .map(|d| format!("={}", pe(d)))
                    .unwrap_or_default(),
                f.ty.as_ref()
                    .map(|t| format!("::{}", pt(t)))
                    .unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(shown, ["a", "b=1", "c::integer()", "d=[]::[atom()]"]);
    let FormKind::Record(_, fs) = form("-record(s, {}).").kind else {
        panic!()
    };
    assert!(fs.is_empty());
    let FormKind::Record(_, fs) = form("-record(s, {x = #{}, y = {a, b}}).").kind else {
        panic!()
    };
    assert_eq!(fs.len(), 2);
}

// --------------------------------------------------------------------------- types

#[test]
fn type_definitions() {
    assert_eq!(typedef("-type t() :: a | b | c."), "(union a b c)");
    assert_eq!(typedef("-type t() :: 0..255."), "(0..255)");
    assert_eq!(
        typedef("-type t() :: -1..1 bsl 8 - 1."),
        "((- 1)..(- (bsl 1 8) 1))"
    );
    assert_eq!(
        typedef("-type t() :: [integer()] | [atom(), ...] | []."),
        "(union [integer()] [atom(), ...] [])"
    );
    assert_eq!(
        typedef("-type t() :: {ok, T :: term()} | {error, _}."),
        "(union {ok, (T :: term())} {error, _})"
    );
    assert_eq!(
        typedef("-type t() :: #{atom() := integer(), binary() => _}."),
        "#{atom() := integer(), binary() => _}"
    );
    assert_eq!(typedef("-type t() :: #{}."), "#{}");
    assert_eq!(
        typedef("-type t() :: #r{a :: integer()}."),
        "#r{a :: integer()}"
    );
    assert_eq!(typedef("-type t() :: #r{}."), "#r{}");
    assert_eq!(typedef("-type t() :: <<>>."), "<<-, ->>");
    assert_eq!(typedef("-type t() :: <<_:8>>."), "<<8, ->>");
    assert_eq!(typedef("-type t() :: <<_:_*8>>."), "<<-, 8>>");
    assert_eq!(typedef("-type t() :: <<_:3, _:_*8>>."), "<<3, 8>>");
    assert_eq!(typedef("-type t() :: <<_:_*8+1>>."), "<<-, (+ 8 1)>>");
    assert_eq!(typedef("-type t() :: fun()."), "fun()");
    assert_eq!(
        typedef("-type t() :: fun((...) -> ok)."),
        "fun((...) -> ok)"
    );
    assert_eq!(typedef("-type t() :: fun(() -> ok)."), "fun(() -> ok)");
    assert_eq!(
        typedef("-type t() :: fun((a, B) -> B)."),
        "fun((a, B) -> B)"
    );
    assert_eq!(
        typedef("-type t() :: m:t(integer()) | m:u()."),
        "(union m:t(integer()) m:u())"
    );
    assert_eq!(typedef("-type t() :: $a | 'x y'."), "(union $a 'x y')");
    assert_eq!(typedef("-type(t() :: (a | b))."), "(union a b)");
    let FormKind::TypeDef(td) = form("-opaque q(A, B) :: {A, B}.").kind else {
        panic!()
    };
    assert!(td.opaque);
    assert_eq!((&*td.name, td.params.len()), ("q", 2));
    assert_eq!(
        form_err("-type t() :: <<_:_*8, _:8>>."),
        "syntax error before: ','"
    );
    assert_eq!(form_err("-type t() :: <<X:8>>."), "Bad binary type");
}

#[test]
fn specs_and_callbacks() {
    let FormKind::Spec(s) =
        form("-spec f(X, [Y]) -> {X, Y} when X :: integer(), Y :: atom(); (a, b) -> ok.").kind
    else {
        panic!()
    };
    assert!(!s.callback && s.module.is_none());
    assert_eq!((&*s.name, s.arity, s.clauses.len()), ("f", 2, 2));
    assert_eq!(s.clauses[0].constraints.len(), 2);
    assert_eq!(&*s.clauses[0].constraints[1].var, "Y");
    assert_eq!(pt(&s.clauses[0].ret), "{X, Y}");
    let FormKind::Spec(s) = form("-spec m:f() -> ok.").kind else {
        panic!()
    };
    assert_eq!((s.module.as_deref(), s.arity), (Some("m"), 0));
    let FormKind::Spec(s) = form("-spec(g(T) -> T when is_subtype(T, atom())).").kind else {
        panic!()
    };
    assert_eq!((&*s.name, &*s.clauses[0].constraints[0].var), ("g", "T"));
    let FormKind::Spec(s) =
        form("-callback init(Args :: term()) -> {ok, State :: term()} | ignore.").kind
    else {
        panic!()
    };
    assert!(s.callback);
    assert_eq!(pt(&s.clauses[0].args[0]), "(Args :: term())");
    assert_eq!(
        form_err("-spec f(X) -> ok when _ :: a."),
        "bad type variable"
    );
}

// -------------------------------------------------------------------------- errors

#[test]
fn syntax_errors_are_worded_like_erlc() {
    assert_eq!(form_err("f() -> (1."), "syntax error before: '.'");
    assert_eq!(form_err("g() -> foo bar."), "syntax error before: bar");
    assert_eq!(
        form_err("h() -> \"abc\" \"x\" 1."),
        "syntax error before: 1"
    );
    assert_eq!(form_err("j() -> a end."), "syntax error before: 'end'");
    assert_eq!(form_err("n() -> $a b."), "syntax error before: b");
    assert_eq!(form_err("o() -> 'Foo' 3."), "syntax error before: 3");
    assert_eq!(form_err("q() -> X X."), "syntax error before: X");
    assert_eq!(form_err("q() -> X \"s\"."), "syntax error before: \"s\"");
    assert_eq!(form_err("q() -> X 'A b'."), "syntax error before: 'A b'");
    assert_eq!(form_err("s() -> <<_:_*8+1>>."), "syntax error before: '*'");
    assert_eq!(form_err("r() -> cond."), "syntax error before: 'cond'");
    // missing final dot: end of input prints as nothing
    let mut d = Diagnostics::new();
    assert!(parse_form(&toks("f() -> ok"), &mut d).is_none());
    assert_eq!(d.items[0].message, "syntax error before: ");
    assert_eq!(d.items[0].code, "E0201");
}

#[test]
fn error_span_points_at_the_token() {
    let src = "f() -> foo bar.";
    let mut d = Diagnostics::new();
    assert!(parse_form(&toks(src), &mut d).is_none());
    let sp = d.items[0].primary;
    assert_eq!(&src[sp.start as usize..sp.end as usize], "bar");
}

#[test]
fn spans_cover_nodes() {
    let src = "f(X) -> X + foo:bar(1).";
    let f = form(src);
    assert_eq!((f.span.start, f.span.end as usize), (0, src.len()));
    let FormKind::Function(func) = f.kind else {
        panic!()
    };
    let body = &func.clauses[0].body[0];
    assert_eq!(
        &src[body.span.start as usize..body.span.end as usize],
        "X + foo:bar(1)"
    );
    let ExprKind::BinOp(_, _, rhs) = &body.kind else {
        panic!()
    };
    assert_eq!(
        &src[rhs.span.start as usize..rhs.span.end as usize],
        "foo:bar(1)"
    );
}

#[test]
fn parse_exprs_and_parse_expr() {
    let mut d = Diagnostics::new();
    let es = parse_exprs(&toks("X = 1, Y = X + 1."), &mut d).expect("exprs");
    assert_eq!(pes(&es), "(= X 1) (= Y (+ X 1))");
    assert!(parse_exprs(&toks("X = ."), &mut d).is_none());
    assert_eq!(
        d.items.last().map(|x| x.message.as_str()),
        Some("syntax error before: '.'")
    );

    assert_eq!(
        parse_expr(&[]).unwrap_err().message,
        "syntax error before: "
    );
    assert_eq!(
        pe(&parse_expr(&toks("1 + 2 > 2")).expect("expr")),
        "(> (+ 1 2) 2)"
    );
    assert_eq!(
        pe(&parse_expr(&toks("(A andalso B)")).expect("expr")),
        "(andalso A B)"
    );
    assert_eq!(pe(&parse_expr(&toks("a.")).expect("expr")), "a");
    assert_eq!(
        parse_expr(&toks("1 +")).unwrap_err().message,
        "syntax error before: "
    );
    assert_eq!(
        parse_expr(&toks("(1 + )")).unwrap_err().message,
        "syntax error before: ')'"
    );
    assert_eq!(
        parse_expr(&toks("a, b")).unwrap_err().message,
        "syntax error before: ','"
    );
}

#[test]
fn never_panics_on_token_soup() {
    // A deterministic pseudo-random walk over token kinds.
    let kinds: Vec<Tok> = vec![
        Tok::Atom("a".into()),
        Tok::Var("X".into()),
        Tok::Integer(IntLit::Small(1)),
        Tok::String("s".into()),
        Tok::LParen,
        Tok::RParen,
        Tok::LBracket,
        Tok::RBracket,
        Tok::LBrace,
        Tok::RBrace,
        Tok::Comma,
        Tok::Semi,
        Tok::Colon,
        Tok::ColonColon,
        Tok::Dot,
        Tok::DotDot,
        Tok::DotDotDot,
        Tok::Bar,
        Tok::BarBar,
        Tok::Arrow,
        Tok::AssocArrow,
        Tok::ExactArrow,
        Tok::LtLt,
        Tok::GtGt,
        Tok::LeftArrow,
        Tok::DoubleLeftArrow,
        Tok::Hash,
        Tok::Question,
        Tok::Bang,
        Tok::Match,
        Tok::Plus,
        Tok::Minus,
        Tok::Star,
        Tok::Slash,
        Tok::Fun,
        Tok::End,
        Tok::Case,
        Tok::Of,
        Tok::Catch,
        Tok::Try,
        Tok::After,
        Tok::When,
        Tok::Receive,
        Tok::If,
        Tok::Begin,
        Tok::Cond,
        Tok::Let,
        Tok::Unknown('`'),
        Tok::FormEnd,
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let len = (seed % 12) as usize + 1;
        let mut ts = Vec::with_capacity(len + 2);
        ts.push(Token {
            kind: Tok::Minus,
            span: Span::new(FileId(0), 0, 1),
        });
        for i in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let k = kinds[(seed % kinds.len() as u64) as usize].clone();
            ts.push(Token {
                kind: k,
                span: Span::new(FileId(0), i as u32 + 1, i as u32 + 2),
            });
        }
        if seed.is_multiple_of(2) {
            ts.remove(0);
        }
        let mut d = Diagnostics::new();
        let r = parse_form(&ts, &mut d);
        assert!(r.is_some() || d.items.len() == 1);
        let _ = parse_exprs(&ts, &mut d);
        let _ = parse_expr(&ts);
    }
}
