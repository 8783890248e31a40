//! Test-only front end: asks the installed `erl` for the abstract format of source files
//! (`epp:parse_file/2`, printed with `~w`) and converts it to ferl's AST. This lets the IR
//! tests run on real Erlang before ferl's own parser is available, and serves as a
//! differential cross-check afterwards. Lines become spans into a synthetic source file
//! whose line L starts at byte L-1, so `lower_module_with_source` reports the right lines.

#![allow(dead_code)]

use ferl_diagnostics::{FileId, SourceMap, Span};
use ferl_syntax::ast::*;
use ferl_syntax::token::Name;
use num_bigint::BigInt;
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub enum T {
    Int(BigInt),
    Float(f64),
    Atom(String),
    Tuple(Vec<T>),
    List(Vec<T>, Option<Box<T>>),
}

struct P<'s> {
    s: &'s [u8],
    i: usize,
}

impl P<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && (self.s[self.i] as char).is_whitespace() {
            self.i += 1;
        }
    }
    fn peek(&mut self) -> u8 {
        self.ws();
        *self.s.get(self.i).unwrap_or(&0)
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == c {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn term(&mut self) -> T {
        match self.peek() {
            b'{' => {
                self.i += 1;
                let mut es = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        es.push(self.term());
                        if self.eat(b'}') {
                            break;
                        }
                        assert!(self.eat(b','), "expected , at {}", self.i);
                    }
                }
                T::Tuple(es)
            }
            b'[' => {
                self.i += 1;
                let mut es = Vec::new();
                let mut tail = None;
                if !self.eat(b']') {
                    loop {
                        es.push(self.term());
                        if self.eat(b']') {
                            break;
                        }
                        if self.eat(b'|') {
                            tail = Some(Box::new(self.term()));
                            assert!(self.eat(b']'));
                            break;
                        }
                        assert!(self.eat(b','), "expected , in list at {}", self.i);
                    }
                }
                T::List(es, tail)
            }
            b'<' => {
                // <<1,2,3>> (bytes only)
                self.i += 2;
                let mut es = Vec::new();
                if !(self.eat(b'>')) {
                    loop {
                        es.push(self.term());
                        if self.eat(b'>') {
                            break;
                        }
                        assert!(self.eat(b','));
                    }
                }
                self.eat(b'>');
                T::List(es, None)
            }
            b'\'' => {
                self.i += 1;
                let mut out = String::new();
                loop {
                    let c = self.s[self.i];
                    self.i += 1;
                    match c {
                        b'\'' => break,
                        b'\\' => {
                            let e = self.s[self.i];
                            self.i += 1;
                            match e {
                                b'n' => out.push('\n'),
                                b't' => out.push('\t'),
                                b'r' => out.push('\r'),
                                b'x' => {
                                    // \x{HH}
                                    self.i += 1;
                                    let start = self.i;
                                    while self.s[self.i] != b'}' {
                                        self.i += 1;
                                    }
                                    let h = std::str::from_utf8(&self.s[start..self.i]).unwrap();
                                    self.i += 1;
                                    out.push(
                                        char::from_u32(u32::from_str_radix(h, 16).unwrap())
                                            .unwrap(),
                                    );
                                }
                                b'0'..=b'7' => {
                                    let mut v = (e - b'0') as u32;
                                    for _ in 0..2 {
                                        let d = self.s[self.i];
                                        if (b'0'..=b'7').contains(&d) {
                                            v = v * 8 + (d - b'0') as u32;
                                            self.i += 1;
                                        }
                                    }
                                    out.push(char::from_u32(v).unwrap());
                                }
                                other => out.push(other as char),
                            }
                        }
                        _ => {
                            // UTF-8 passthrough
                            let start = self.i - 1;
                            let len = match c {
                                0..=0x7f => 1,
                                0xc0..=0xdf => 2,
                                0xe0..=0xef => 3,
                                _ => 4,
                            };
                            self.i = start + len;
                            out.push_str(std::str::from_utf8(&self.s[start..start + len]).unwrap());
                        }
                    }
                }
                T::Atom(out)
            }
            c if c == b'-' || c.is_ascii_digit() => {
                let start = self.i;
                self.i += 1;
                while self.i < self.s.len()
                    && (self.s[self.i].is_ascii_alphanumeric()
                        || matches!(self.s[self.i], b'.' | b'#' | b'+' | b'-'))
                {
                    // stop at "-" unless after e
                    if (self.s[self.i] == b'-' || self.s[self.i] == b'+')
                        && !matches!(self.s[self.i - 1], b'e' | b'E')
                    {
                        break;
                    }
                    if self.s[self.i] == b'.'
                        && !self.s.get(self.i + 1).is_some_and(|d| d.is_ascii_digit())
                    {
                        break;
                    }
                    self.i += 1;
                }
                let text = std::str::from_utf8(&self.s[start..self.i]).unwrap();
                if text.contains('.') || (text.contains('e') && !text.contains('#')) {
                    T::Float(text.parse().unwrap())
                } else {
                    T::Int(text.parse().unwrap())
                }
            }
            _ => {
                let start = self.i;
                while self.i < self.s.len()
                    && (self.s[self.i].is_ascii_alphanumeric()
                        || matches!(self.s[self.i], b'_' | b'@'))
                {
                    self.i += 1;
                }
                assert!(
                    self.i > start,
                    "unexpected {:?} at {}",
                    self.s[self.i] as char,
                    self.i
                );
                T::Atom(
                    std::str::from_utf8(&self.s[start..self.i])
                        .unwrap()
                        .to_string(),
                )
            }
        }
    }
}

/// Parse the printed form of a term.
pub fn parse_term(s: &str) -> T {
    let mut p = P {
        s: s.as_bytes(),
        i: 0,
    };
    p.term()
}

pub fn erl_available() -> bool {
    Command::new("erl").arg("-version").output().is_ok()
}

/// `epp:parse_file` each file with the installed erl (one run for all), as terms.
pub fn abstract_forms(paths: &[&Path]) -> Vec<T> {
    let list: Vec<String> = paths
        .iter()
        .map(|p| format!("\"{}\"", p.display()))
        .collect();
    let script = format!(
        "lists:foreach(fun(F) -> {{ok, Fs}} = epp:parse_file(F, []), io:format(\"~w.~n\", [Fs]) end, [{}]), halt().",
        list.join(",")
    );
    let out = Command::new("erl")
        .args(["-noshell", "-eval", &script])
        .output()
        .expect("erl");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut res = Vec::new();
    let mut p = P {
        s: text.as_bytes(),
        i: 0,
    };
    for _ in paths {
        res.push(p.term());
        assert!(
            p.eat(b'.'),
            "erl output not terminated: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    res
}

pub struct Conv {
    pub file: FileId,
}

fn atom_of(t: &T) -> Name {
    match t {
        T::Atom(a) => Arc::from(a.as_str()),
        _ => Arc::from("?"),
    }
}

fn line_of(anno: &T) -> u32 {
    match anno {
        T::Int(i) => i.try_into().unwrap_or(1),
        T::Tuple(es) => es.first().map(line_of).unwrap_or(1),
        T::List(es, _) => {
            for e in es {
                if let T::Tuple(kv) = e {
                    if matches!(&kv[0], T::Atom(a) if a == "location") {
                        return line_of(&kv[1]);
                    }
                }
            }
            1
        }
        _ => 1,
    }
}

fn list(t: &T) -> Vec<T> {
    match t {
        T::List(es, _) => es.clone(),
        _ => vec![],
    }
}

fn string_of(t: &T) -> String {
    list(t)
        .iter()
        .map(|c| match c {
            T::Int(i) => char::from_u32(i.try_into().unwrap_or(63)).unwrap_or('?'),
            _ => '?',
        })
        .collect()
}

impl Conv {
    fn span(&self, anno: &T) -> Span {
        let l = line_of(anno).max(1);
        Span::new(self.file, l - 1, l - 1)
    }

    pub fn module(&self, forms: &T) -> Module {
        let mut m = Module::default();
        for f in list(forms) {
            if let Some(form) = self.form(&f) {
                m.forms.push(form);
            }
        }
        m
    }

    fn funref(&self, t: &T, span: Span) -> FunRef {
        match t {
            T::Tuple(es) => FunRef {
                name: atom_of(&es[0]),
                arity: match &es[1] {
                    T::Int(i) => i.try_into().unwrap_or(0),
                    _ => 0,
                },
                span,
            },
            _ => FunRef {
                name: "?".into(),
                arity: 0,
                span,
            },
        }
    }

    fn form(&self, f: &T) -> Option<Form> {
        let T::Tuple(es) = f else { return None };
        let tag = match &es[0] {
            T::Atom(a) => a.as_str(),
            _ => return None,
        };
        let span = self.span(&es[1]);
        let kind = match tag {
            "attribute" => {
                let name = atom_of(&es[2]);
                match &*name {
                    "module" => FormKind::Module(atom_of(&es[3])),
                    "export" => FormKind::Export(
                        list(&es[3]).iter().map(|t| self.funref(t, span)).collect(),
                    ),
                    "import" => match &es[3] {
                        T::Tuple(mf) => FormKind::Import(
                            atom_of(&mf[0]),
                            list(&mf[1]).iter().map(|t| self.funref(t, span)).collect(),
                        ),
                        _ => return None,
                    },
                    "file" => match &es[3] {
                        T::Tuple(fl) => FormKind::File(string_of(&fl[0]), line_of(&fl[1])),
                        _ => return None,
                    },
                    "record" => {
                        let T::Tuple(rf) = &es[3] else { return None };
                        let fields = list(&rf[1])
                            .iter()
                            .map(|fd| {
                                let fd = match fd {
                                    T::Tuple(x) if matches!(&x[0], T::Atom(a) if a == "typed_record_field") => x[1].clone(),
                                    other => other.clone(),
                                };
                                let T::Tuple(x) = &fd else { unreachable!() };
                                let T::Tuple(nm) = &x[2] else { unreachable!() };
                                RecordFieldDef { name: atom_of(&nm[2]), default: x.get(3).map(|d| self.expr(d)), ty: None, span }
                            })
                            .collect();
                        FormKind::Record(atom_of(&rf[0]), fields)
                    }
                    "type" | "opaque" | "spec" | "callback" | "export_type" => return None,
                    _ => FormKind::Attribute(name, self.term_expr(&es[3], span)),
                }
            }
            "function" => {
                let name = atom_of(&es[2]);
                let arity = match &es[3] {
                    T::Int(i) => i.try_into().unwrap_or(0),
                    _ => 0,
                };
                let clauses = list(&es[4])
                    .iter()
                    .map(|c| self.clause(c, Some(name.clone())))
                    .collect();
                FormKind::Function(Function {
                    name,
                    arity,
                    clauses,
                    span,
                })
            }
            _ => return None,
        };
        Some(Form { kind, span })
    }

    /// A plain term (attribute value) as an expression.
    fn term_expr(&self, t: &T, span: Span) -> Expr {
        let kind = match t {
            T::Int(i) => ExprKind::Integer(IntLit::from_bigint(i.clone())),
            T::Float(f) => ExprKind::Float(*f),
            T::Atom(a) => ExprKind::Atom(a.as_str().into()),
            T::Tuple(es) => ExprKind::Tuple(es.iter().map(|e| self.term_expr(e, span)).collect()),
            T::List(es, tail) => {
                let mut acc = match tail {
                    Some(t) => self.term_expr(t, span),
                    None => Expr::new(ExprKind::Nil, span),
                };
                for e in es.iter().rev() {
                    acc = Expr::new(
                        ExprKind::Cons(Box::new(self.term_expr(e, span)), Box::new(acc)),
                        span,
                    );
                }
                return acc;
            }
        };
        Expr::new(kind, span)
    }

    fn clause(&self, c: &T, name: Option<Name>) -> Clause {
        let T::Tuple(es) = c else { panic!("clause") };
        let span = self.span(&es[1]);
        Clause {
            name,
            patterns: list(&es[2]).iter().map(|p| self.expr(p)).collect(),
            guards: list(&es[3])
                .iter()
                .map(|g| list(g).iter().map(|e| self.expr(e)).collect())
                .collect(),
            body: list(&es[4]).iter().map(|e| self.expr(e)).collect(),
            span,
        }
    }

    fn clauses(&self, t: &T) -> Vec<Clause> {
        list(t).iter().map(|c| self.clause(c, None)).collect()
    }

    fn catch_clause(&self, c: &T) -> Clause {
        let mut cl = self.clause(c, None);
        if let Some(p) = cl.patterns.first().cloned() {
            if let ExprKind::Tuple(ps) = p.kind {
                cl.patterns = ps;
            }
        }
        cl
    }

    pub fn expr(&self, t: &T) -> Expr {
        let T::Tuple(es) = t else {
            panic!("expr: {t:?}")
        };
        let tag = match &es[0] {
            T::Atom(a) => a.as_str(),
            _ => panic!("tag"),
        };
        let span = self.span(&es[1]);
        let e = |i: usize| Box::new(self.expr(&es[i]));
        let kind = match tag {
            "var" => ExprKind::Var(atom_of(&es[2])),
            "atom" => ExprKind::Atom(atom_of(&es[2])),
            "integer" => match &es[2] {
                T::Int(i) => ExprKind::Integer(IntLit::from_bigint(i.clone())),
                _ => ExprKind::Error,
            },
            "float" => match &es[2] {
                T::Float(f) => ExprKind::Float(*f),
                _ => ExprKind::Error,
            },
            "char" => match &es[2] {
                T::Int(i) => ExprKind::Char(i.try_into().unwrap_or(0)),
                _ => ExprKind::Error,
            },
            "string" => ExprKind::String(string_of(&es[2])),
            "nil" => ExprKind::Nil,
            "cons" => ExprKind::Cons(e(2), e(3)),
            "tuple" => ExprKind::Tuple(list(&es[2]).iter().map(|x| self.expr(x)).collect()),
            "map" => {
                let (base, assocs) = if es.len() == 4 {
                    (Some(e(2)), &es[3])
                } else {
                    (None, &es[2])
                };
                let fields = list(assocs)
                    .iter()
                    .map(|a| {
                        let T::Tuple(x) = a else { panic!() };
                        let op = if matches!(&x[0], T::Atom(a) if a == "map_field_exact") {
                            MapOp::Exact
                        } else {
                            MapOp::Assoc
                        };
                        MapField {
                            op,
                            key: self.expr(&x[2]),
                            value: self.expr(&x[3]),
                            span: self.span(&x[1]),
                        }
                    })
                    .collect();
                ExprKind::Map(base, fields)
            }
            "record" => {
                let (base, name, fields) = if es.len() == 5 {
                    (Some(e(2)), &es[3], &es[4])
                } else {
                    (None, &es[2], &es[3])
                };
                let fields = list(fields)
                    .iter()
                    .map(|f| {
                        let T::Tuple(x) = f else { panic!() };
                        let T::Tuple(nm) = &x[2] else { panic!() };
                        RecordField {
                            name: atom_of(&nm[2]),
                            value: self.expr(&x[3]),
                            span: self.span(&x[1]),
                        }
                    })
                    .collect();
                ExprKind::Record {
                    base,
                    name: atom_of(name),
                    fields,
                }
            }
            "record_index" => {
                let T::Tuple(f) = &es[3] else { panic!() };
                ExprKind::RecordIndex {
                    name: atom_of(&es[2]),
                    field: atom_of(&f[2]),
                }
            }
            "record_field" => {
                let T::Tuple(f) = &es[4] else { panic!() };
                ExprKind::RecordAccess {
                    expr: e(2),
                    name: atom_of(&es[3]),
                    field: atom_of(&f[2]),
                }
            }
            "bin" => ExprKind::Binary(
                list(&es[2])
                    .iter()
                    .map(|b| {
                        let T::Tuple(x) = b else { panic!() };
                        let size = match &x[3] {
                            T::Atom(a) if a == "default" => None,
                            s => Some(self.expr(s)),
                        };
                        let specifiers = match &x[4] {
                            T::Atom(a) if a == "default" => None,
                            l => Some(
                                list(l)
                                    .iter()
                                    .map(|s| match s {
                                        T::Tuple(u) => BinSpecifier {
                                            name: atom_of(&u[0]),
                                            value: match &u[1] {
                                                T::Int(i) => i.try_into().ok(),
                                                _ => None,
                                            },
                                            span,
                                        },
                                        a => BinSpecifier {
                                            name: atom_of(a),
                                            value: None,
                                            span,
                                        },
                                    })
                                    .collect(),
                            ),
                        };
                        BinElement {
                            value: self.expr(&x[2]),
                            size,
                            specifiers,
                            span: self.span(&x[1]),
                        }
                    })
                    .collect(),
            ),
            "match" => ExprKind::Match(e(2), e(3)),
            "op" => {
                let op = atom_of(&es[2]);
                if es.len() == 4 {
                    let u = match &*op {
                        "-" => UnOp::Minus,
                        "+" => UnOp::Plus,
                        "bnot" => UnOp::Bnot,
                        _ => UnOp::Not,
                    };
                    ExprKind::UnOp(u, e(3))
                } else {
                    let all = [
                        BinOp::Send,
                        BinOp::Orelse,
                        BinOp::Andalso,
                        BinOp::Eq,
                        BinOp::Neq,
                        BinOp::Le,
                        BinOp::Lt,
                        BinOp::Ge,
                        BinOp::Gt,
                        BinOp::ExactEq,
                        BinOp::ExactNeq,
                        BinOp::Append,
                        BinOp::Subtract,
                        BinOp::Add,
                        BinOp::Sub,
                        BinOp::Bor,
                        BinOp::Bxor,
                        BinOp::Bsl,
                        BinOp::Bsr,
                        BinOp::Or,
                        BinOp::Xor,
                        BinOp::Mul,
                        BinOp::FDiv,
                        BinOp::Div,
                        BinOp::Rem,
                        BinOp::Band,
                        BinOp::And,
                    ];
                    let b = all
                        .iter()
                        .find(|b| b.as_str() == &*op)
                        .copied()
                        .unwrap_or(BinOp::Add);
                    ExprKind::BinOp(b, e(3), e(4))
                }
            }
            "call" => ExprKind::Call(e(2), list(&es[3]).iter().map(|x| self.expr(x)).collect()),
            "remote" => ExprKind::Remote(e(2), e(3)),
            "catch" => ExprKind::Catch(e(2)),
            "block" => ExprKind::Block(list(&es[2]).iter().map(|x| self.expr(x)).collect()),
            "if" => ExprKind::If(self.clauses(&es[2])),
            "case" => ExprKind::Case(e(2), self.clauses(&es[3])),
            "receive" => ExprKind::Receive {
                clauses: self.clauses(&es[2]),
                after: if es.len() == 5 {
                    Some(After {
                        timeout: e(3),
                        body: list(&es[4]).iter().map(|x| self.expr(x)).collect(),
                        span,
                    })
                } else {
                    None
                },
            },
            "try" => ExprKind::Try(Box::new(Try {
                body: list(&es[2]).iter().map(|x| self.expr(x)).collect(),
                of_clauses: self.clauses(&es[3]),
                catch_clauses: list(&es[4]).iter().map(|c| self.catch_clause(c)).collect(),
                after: list(&es[5]).iter().map(|x| self.expr(x)).collect(),
            })),
            "fun" => match &es[2] {
                T::Tuple(x) => match (&x[0], x.len()) {
                    (T::Atom(a), 3) if a == "function" => {
                        ExprKind::Fun(Box::new(Fun::Local(FunRef {
                            name: atom_of(&x[1]),
                            arity: match &x[2] {
                                T::Int(i) => i.try_into().unwrap_or(0),
                                _ => 0,
                            },
                            span,
                        })))
                    }
                    (T::Atom(a), 4) if a == "function" => ExprKind::Fun(Box::new(Fun::Remote {
                        module: self.expr(&x[1]),
                        function: self.expr(&x[2]),
                        arity: self.expr(&x[3]),
                    })),
                    _ => ExprKind::Fun(Box::new(Fun::Anonymous(self.clauses(&x[1])))),
                },
                _ => ExprKind::Error,
            },
            "named_fun" => {
                ExprKind::Fun(Box::new(Fun::Named(atom_of(&es[2]), self.clauses(&es[3]))))
            }
            "lc" | "bc" => {
                let qs = list(&es[3]).iter().map(|q| self.qual(q)).collect();
                if tag == "lc" {
                    ExprKind::ListComp(e(2), qs)
                } else {
                    ExprKind::BinaryComp(e(2), qs)
                }
            }
            _ => ExprKind::Error,
        };
        Expr::new(kind, span)
    }

    fn qual(&self, q: &T) -> Qualifier {
        if let T::Tuple(x) = q {
            if let T::Atom(a) = &x[0] {
                if a == "generate" {
                    return Qualifier::Generator(self.expr(&x[2]), self.expr(&x[3]));
                }
                if a == "b_generate" {
                    return Qualifier::BinGenerator(self.expr(&x[2]), self.expr(&x[3]));
                }
            }
        }
        Qualifier::Filter(self.expr(q))
    }
}

/// Parse `sources` (name -> text) with erl; returns name -> (module AST, source map).
pub fn parse_sources(sources: &[(&str, &str)]) -> HashMap<String, (Module, SourceMap)> {
    let dir = std::env::temp_dir().join(format!("ferl_ir_tests_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<std::path::PathBuf> = sources
        .iter()
        .map(|(name, text)| {
            let p = dir.join(format!("{name}.erl"));
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect();
    let refs: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    let forms = abstract_forms(&refs);
    let mut out = HashMap::new();
    for ((name, text), f) in sources.iter().zip(forms) {
        out.insert(
            name.to_string(),
            to_module(&format!("{name}.erl"), text.lines().count() + 2, &f),
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// Convert forms (for a file of `nlines` lines) to a module with a matching source map.
pub fn to_module(file_name: &str, nlines: usize, forms: &T) -> (Module, SourceMap) {
    let mut map = SourceMap::new();
    let file = map.add(file_name, "\n".repeat(nlines + 1));
    let conv = Conv { file };
    (conv.module(forms), map)
}
