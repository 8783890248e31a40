//! Unit tests: ASTs built by hand (in source order, spans found in the text) for snippets
//! whose expected diagnostics were printed by OTP 25's erlc.

use crate::{check, expand_records, Options};
use ferl_diagnostics::{render, FileId, SourceMap, Span};
use ferl_syntax::ast::*;

/// Builds AST nodes whose spans are found left to right in `text`.
struct B {
    text: String,
    file: FileId,
    cur: usize,
}

impl B {
    fn new(map: &mut SourceMap, text: &str) -> B {
        let file = map.add("t.erl", text);
        B {
            text: text.into(),
            file,
            cur: 0,
        }
    }
    fn sp(&mut self, needle: &str) -> Span {
        let i = self.text[self.cur..]
            .find(needle)
            .map(|i| i + self.cur)
            .expect("needle in text");
        self.cur = i + needle.len();
        Span::new(self.file, i as u32, (i + needle.len()) as u32)
    }
    fn var(&mut self, v: &str) -> Expr {
        let s = self.sp(v);
        Expr::new(ExprKind::Var(v.into()), s)
    }
    fn atom(&mut self, a: &str) -> Expr {
        let s = self.sp(a);
        Expr::new(ExprKind::Atom(a.into()), s)
    }
    fn int(&mut self, i: i64) -> Expr {
        let s = self.sp(&i.to_string());
        Expr::new(ExprKind::Integer(IntLit::Small(i)), s)
    }
    fn attr(&mut self, name: &str, kind: impl FnOnce(&mut B) -> FormKind) -> Form {
        let start = self.sp(&format!("-{name}"));
        let kind = kind(self);
        let end = self.sp(".\n");
        Form {
            kind,
            span: start.to(end),
        }
    }
    fn module(&mut self, m: &str) -> Form {
        self.attr("module", |b| {
            b.sp(m);
            FormKind::Module(m.into())
        })
    }
    fn export(&mut self, fs: &[(&str, u32)]) -> Form {
        self.attr("export", |b| {
            FormKind::Export(
                fs.iter()
                    .map(|(n, a)| FunRef {
                        name: (*n).into(),
                        arity: *a,
                        span: b.sp(n),
                    })
                    .collect(),
            )
        })
    }
    /// One clause `name(patterns) [when guards] -> body`.
    fn clause(
        &mut self,
        name: &str,
        pats: impl FnOnce(&mut B) -> Vec<Expr>,
        guards: impl FnOnce(&mut B) -> Vec<Vec<Expr>>,
        body: impl FnOnce(&mut B) -> Vec<Expr>,
    ) -> Clause {
        let s = self.sp(name);
        let patterns = pats(self);
        let guards = guards(self);
        self.sp("->");
        let body = body(self);
        let end = body.last().map(|e| e.span).unwrap_or(s);
        Clause {
            name: Some(name.into()),
            patterns,
            guards,
            body,
            span: s.to(end),
        }
    }
    fn function(&mut self, name: &str, arity: u32, clauses: Vec<Clause>) -> Form {
        let span = clauses[0]
            .span
            .to(clauses.last().map(|c| c.span).unwrap_or_default());
        self.sp(".");
        Form {
            kind: FormKind::Function(Function {
                name: name.into(),
                arity,
                clauses,
                span,
            }),
            span,
        }
    }
}

fn bin(op: BinOp, l: Expr, r: Expr) -> Expr {
    let s = l.span.to(r.span);
    Expr::new(ExprKind::BinOp(op, Box::new(l), Box::new(r)), s)
}
fn call(f: Expr, args: Vec<Expr>, end: Span) -> Expr {
    let s = f.span.to(end);
    Expr::new(ExprKind::Call(Box::new(f), args), s)
}
fn matche(p: Expr, e: Expr) -> Expr {
    let s = p.span.to(e.span);
    Expr::new(ExprKind::Match(Box::new(p), Box::new(e)), s)
}

fn lint(map: &SourceMap, m: &Module, stem: &str) -> Vec<String> {
    let opts = Options {
        file_stem: Some(stem.into()),
        ..Options::default()
    };
    let diags = check(m, map, &opts);
    let mut out = Vec::new();
    render::render_all(render::Format::Erlc, map, &diags, &mut out).expect("render");
    String::from_utf8(out)
        .expect("utf8")
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn unbound_variable() {
    let src = "-module(t).\n-export([f/1]).\n\nf(X) ->\n    X + Y.\n";
    let mut map = SourceMap::new();
    let mut b = B::new(&mut map, src);
    let m = b.module("t");
    let e = b.export(&[("f", 1)]);
    let c = b.clause(
        "f",
        |b| vec![b.var("X")],
        |_| vec![],
        |b| {
            let x = b.var("X");
            let y = b.var("Y");
            vec![bin(BinOp::Add, x, y)]
        },
    );
    let f = b.function("f", 1, vec![c]);
    let module = Module {
        forms: vec![m, e, f],
    };
    assert_eq!(
        lint(&map, &module, "t"),
        vec!["t.erl:5:9: variable 'Y' is unbound"]
    );
}

#[test]
fn unsafe_case_and_unused() {
    // erlc: t.erl:9:5: variable 'A' unsafe in 'case' (line 5, column 5)
    //       t.erl:6:14: Warning: variable 'B' is unused
    let src = "-module(t).\n-export([f/1]).\n\nf(X) ->\n    case X of\n        1 -> A = 1, B = 2;\n        2 -> ok\n    end,\n    A.\n";
    let mut map = SourceMap::new();
    let mut b = B::new(&mut map, src);
    let m = b.module("t");
    let e = b.export(&[("f", 1)]);
    let c = b.clause(
        "f",
        |b| vec![b.var("X")],
        |_| vec![],
        |b| {
            let kw = b.sp("case");
            let x = b.var("X");
            let p1 = b.int(1);
            b.sp("->");
            let a = b.var("A");
            let one = b.int(1);
            let bb = b.var("B");
            let two = b.int(2);
            let c1 = Clause {
                name: None,
                patterns: vec![p1.clone()],
                guards: vec![],
                body: vec![matche(a, one), matche(bb, two.clone())],
                span: p1.span.to(two.span),
            };
            let p2 = b.int(2);
            b.sp("->");
            let ok = b.atom("ok");
            let c2 = Clause {
                name: None,
                patterns: vec![p2.clone()],
                guards: vec![],
                body: vec![ok.clone()],
                span: p2.span.to(ok.span),
            };
            let end = b.sp("end");
            let case = Expr::new(ExprKind::Case(Box::new(x), vec![c1, c2]), kw.to(end));
            let a2 = b.var("A");
            vec![case, a2]
        },
    );
    let f = b.function("f", 1, vec![c]);
    let module = Module {
        forms: vec![m, e, f],
    };
    assert_eq!(
        lint(&map, &module, "t"),
        vec![
            "t.erl:9:5: variable 'A' unsafe in 'case' (line 5, column 5)",
            "t.erl:6:21: Warning: variable 'B' is unused",
        ]
    );
}

#[test]
fn undefined_function_with_hint_and_unused_function() {
    // erlc: t.erl:5:5: function g/2 undefined
    //       t.erl:7:1: Warning: function g/1 is unused
    let src = "-module(t).\n-export([f/1]).\n\nf(X) ->\n    g(X, X).\n\ng(X) -> X.\n";
    let mut map = SourceMap::new();
    let mut b = B::new(&mut map, src);
    let m = b.module("t");
    let e = b.export(&[("f", 1)]);
    let c = b.clause(
        "f",
        |b| vec![b.var("X")],
        |_| vec![],
        |b| {
            let g = b.atom("g");
            let a1 = b.var("X");
            let a2 = b.var("X");
            let end = b.sp(")");
            vec![call(g, vec![a1, a2], end)]
        },
    );
    let f = b.function("f", 1, vec![c]);
    let c = b.clause("g", |b| vec![b.var("X")], |_| vec![], |b| vec![b.var("X")]);
    let g = b.function("g", 1, vec![c]);
    let module = Module {
        forms: vec![m, e, f, g],
    };
    assert_eq!(
        lint(&map, &module, "t"),
        vec![
            "t.erl:5:5: function g/2 undefined",
            "t.erl:7:1: Warning: function g/1 is unused"
        ]
    );
    let opts = Options::default();
    let d = check(&module, &map, &opts);
    assert_eq!(d[0].hint.as_deref(), Some("g is defined with arity 1: g/1"));
}

#[test]
fn guards_head_mismatch_export_and_module_name() {
    // erlc for `f(X) when foo(X) -> ok; f(X) when is_ok(X) -> X.` + `is_ok/1` defined:
    //   illegal guard expression / call to local/imported function is_ok/1 is illegal in guard
    let src = "-module(t).\n-export([f/1, h/0]).\n\nf(X) when foo(X) -> ok;\nf(X) when is_ok(X) -> X.\n\nis_ok(X) -> X.\n";
    let mut map = SourceMap::new();
    let mut b = B::new(&mut map, src);
    let m = b.module("t");
    let e = b.export(&[("f", 1), ("h", 0)]);
    let c1 = b.clause(
        "f",
        |b| vec![b.var("X")],
        |b| {
            let foo = b.atom("foo");
            let x = b.var("X");
            let end = b.sp(")");
            vec![vec![call(foo, vec![x], end)]]
        },
        |b| vec![b.atom("ok")],
    );
    let c2 = b.clause(
        "f",
        |b| vec![b.var("X")],
        |b| {
            let foo = b.atom("is_ok");
            let x = b.var("X");
            let end = b.sp(")");
            vec![vec![call(foo, vec![x], end)]]
        },
        |b| vec![b.var("X")],
    );
    let f = b.function("f", 1, vec![c1, c2]);
    let c = b.clause(
        "is_ok",
        |b| vec![b.var("X")],
        |_| vec![],
        |b| vec![b.var("X")],
    );
    let g = b.function("is_ok", 1, vec![c]);
    let module = Module {
        forms: vec![m, e, f, g],
    };
    assert_eq!(
        lint(&map, &module, "t"),
        vec![
            "t.erl:2:2: function h/0 undefined",
            "t.erl:4:11: illegal guard expression",
            "t.erl:5:11: call to local/imported function is_ok/1 is illegal in guard",
            "t.erl:7:1: Warning: function is_ok/1 is unused",
        ]
    );
}

#[test]
fn module_name_and_no_module() {
    let src = "-module(t).\n-export([f/0]).\nf() -> ok.\n";
    let mut map = SourceMap::new();
    let mut b = B::new(&mut map, src);
    let m = b.module("t");
    let e = b.export(&[("f", 0)]);
    let c = b.clause(
        "f",
        |b| {
            b.sp("(");
            vec![]
        },
        |_| vec![],
        |b| vec![b.atom("ok")],
    );
    let f = b.function("f", 0, vec![c]);
    let module = Module {
        forms: vec![m, e.clone(), f.clone()],
    };
    assert_eq!(
        lint(&map, &module, "u"),
        vec!["t.erl:1:2: Module name 't' does not match file name 'u'"]
    );
    assert!(lint(&map, &module, "t").is_empty());
    let no_mod = Module { forms: vec![e, f] };
    assert_eq!(
        lint(&map, &no_mod, "t"),
        vec!["t.erl:2:2: no module definition"]
    );
}

#[test]
fn never_panics_on_error_nodes() {
    let mut map = SourceMap::new();
    let file = map.add("t.erl", "f(X) -> X + .\n");
    let span = Span::new(file, 0, 14);
    let err = Expr::new(ExprKind::Error, span);
    let weird = Expr::new(
        ExprKind::Remote(Box::new(err.clone()), Box::new(err.clone())),
        Span::new(file, 99, 200),
    );
    let clause = Clause {
        name: Some("f".into()),
        patterns: vec![weird.clone()],
        guards: vec![vec![weird.clone()]],
        body: vec![err, weird],
        span,
    };
    let module = Module {
        forms: vec![
            Form {
                kind: FormKind::Error,
                span,
            },
            Form {
                kind: FormKind::Function(Function {
                    name: "g".into(),
                    arity: 1,
                    clauses: vec![clause],
                    span,
                }),
                span,
            },
        ],
    };
    let d = check(&module, &map, &Options::default());
    // The failed form `f(...)` produces no "function f/1 undefined" noise.
    assert!(d.iter().all(|d| !d.message.contains("f/1")));
}

#[test]
fn expands_records() {
    let src = "-record(r, {a, b = 1}).\nf(#r{b = X}) -> {#r{a = X}, #r.b}.\n";
    let mut map = SourceMap::new();
    let mut b = B::new(&mut map, src);
    let rec = b.attr("record", |b| {
        b.sp("r");
        let a = b.sp("a");
        let bs = b.sp("b");
        let one = b.int(1);
        FormKind::Record(
            "r".into(),
            vec![
                RecordFieldDef {
                    name: "a".into(),
                    default: None,
                    ty: None,
                    span: a,
                },
                RecordFieldDef {
                    name: "b".into(),
                    default: Some(one),
                    ty: None,
                    span: bs,
                },
            ],
        )
    });
    let c = b.clause(
        "f",
        |b| {
            let h = b.sp("#r{");
            let fb = b.sp("b");
            let x = b.var("X");
            let end = b.sp("}");
            vec![Expr::new(
                ExprKind::Record {
                    base: None,
                    name: "r".into(),
                    fields: vec![RecordField {
                        name: "b".into(),
                        value: x,
                        span: fb,
                    }],
                },
                h.to(end),
            )]
        },
        |_| vec![],
        |b| {
            let t = b.sp("{");
            let h = b.sp("#r{");
            let fa = b.sp("a");
            let x = b.var("X");
            let end = b.sp("}");
            let r1 = Expr::new(
                ExprKind::Record {
                    base: None,
                    name: "r".into(),
                    fields: vec![RecordField {
                        name: "a".into(),
                        value: x,
                        span: fa,
                    }],
                },
                h.to(end),
            );
            let idx = b.sp("#r.b");
            let r2 = Expr::new(
                ExprKind::RecordIndex {
                    name: "r".into(),
                    field: "b".into(),
                },
                idx,
            );
            let te = b.sp("}");
            vec![Expr::new(ExprKind::Tuple(vec![r1, r2]), t.to(te))]
        },
    );
    let f = b.function("f", 1, vec![c]);
    let mut module = Module {
        forms: vec![rec, f],
    };
    expand_records(&mut module);
    let FormKind::Function(func) = &module.forms[1].kind else {
        panic!("function")
    };
    let show = |e: &Expr| -> String {
        fn s(e: &Expr) -> String {
            match &e.kind {
                ExprKind::Tuple(es) => {
                    format!("{{{}}}", es.iter().map(s).collect::<Vec<_>>().join(","))
                }
                ExprKind::Atom(a) => a.to_string(),
                ExprKind::Var(v) => v.to_string(),
                ExprKind::Integer(i) => i.to_string(),
                other => format!("{other:?}"),
            }
        }
        s(e)
    };
    assert_eq!(show(&func.clauses[0].patterns[0]), "{r,_,X}");
    assert_eq!(show(&func.clauses[0].body[0]), "{{r,X,1},3}");
}
