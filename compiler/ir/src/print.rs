//! The IR text printer: a stable, readable rendering used by `ferlc --dump=ir` and by the
//! snapshot tests. The format is described in `docs/ir.md`.
//!
//! Must not: depend on hash order or addresses (output must be deterministic), or panic on
//! an ill-formed module (out-of-range ids print as `?`).

use crate::ir::*;
use std::fmt::Write;

/// Print a whole module.
pub fn module_to_string(m: &Module) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "module {} (file {:?})",
        atom(&m.name),
        m.files.first().map(String::as_str).unwrap_or("")
    );
    let exports: Vec<String> = m
        .exports
        .iter()
        .map(|(n, a)| format!("{}/{}", atom(n), a))
        .collect();
    let _ = writeln!(out, "exports [{}]", exports.join(", "));
    if let Some((n, a)) = &m.on_load {
        let _ = writeln!(out, "on_load {}/{}", atom(n), a);
    }
    for (n, v) in &m.attributes {
        let _ = writeln!(out, "attribute {} = {}", atom(n), literal(v));
    }
    for (i, f) in m.functions.iter().enumerate() {
        out.push('\n');
        function_into(&mut out, m, FunId(i as u32), f);
    }
    out
}

/// Print one function.
pub fn function_to_string(m: &Module, id: FunId) -> String {
    let mut out = String::new();
    if let Some(f) = m.function(id) {
        function_into(&mut out, m, id, f);
    }
    out
}

fn function_into(out: &mut String, m: &Module, id: FunId, f: &Function) {
    let kind = match &f.kind {
        FunKind::Top { exported: true } => "exported".to_string(),
        FunKind::Top { exported: false } => "local".to_string(),
        FunKind::Lambda { index, num_free } => format!("lambda #{index} free {num_free}"),
        FunKind::Helper => "helper".to_string(),
    };
    let p = Printer { m, f };
    let params: Vec<String> = f.params.iter().map(|v| p.var(*v)).collect();
    let _ = writeln!(
        out,
        "fun #{} {}/{} {} ({}){} {{",
        id.0,
        atom(&f.name),
        f.arity,
        kind,
        params.join(", "),
        loc(f.loc)
    );
    p.expr(out, &f.body, 1);
    out.push_str("}\n");
}

struct Printer<'m> {
    m: &'m Module,
    f: &'m Function,
}

fn indent(out: &mut String, n: usize) {
    for _ in 0..n {
        out.push_str("  ");
    }
}

fn loc(l: Loc) -> String {
    match (l.file, l.line) {
        (_, 0) => String::new(),
        (0, line) => format!(" @{line}"),
        (f, line) => format!(" @{f}:{line}"),
    }
}

impl Printer<'_> {
    fn var(&self, v: Var) -> String {
        match self.f.var_names.get(v.0 as usize) {
            Some(Some(n)) => format!("{}_{}", n, v.0),
            _ => format!("_{}", v.0),
        }
    }

    fn op(&self, o: &Operand) -> String {
        match o {
            Operand::Var(v) => self.var(*v),
            Operand::Lit(l) => literal(l),
        }
    }

    fn ops(&self, os: &[Operand]) -> String {
        os.iter().map(|o| self.op(o)).collect::<Vec<_>>().join(", ")
    }

    fn fun_name(&self, id: FunId) -> String {
        match self.m.function(id) {
            Some(f) => format!("{}/{}", atom(&f.name), f.arity),
            None => "?".to_string(),
        }
    }

    fn call(&self, c: &Call) -> String {
        let callee = match &c.callee {
            Callee::Local {
                fun_id,
                name,
                arity,
            } => format!("local {}/{}", atom(name), arity)
                .replace("local ", &format!("local #{} ", fun_id.0)),
            Callee::Remote { module, function } => format!(
                "remote {}:{}/{}",
                self.op(module),
                self.op(function),
                c.args.len()
            ),
            Callee::Apply { fun } => format!("apply {}", self.op(fun)),
        };
        format!("{}({}){}", callee, self.ops(&c.args), loc(c.loc))
    }

    fn seg_spec(s: &SegSpec) -> String {
        let ty = match s.ty {
            BinType::Integer => "integer",
            BinType::Float => "float",
            BinType::Binary => "binary",
            BinType::Bitstring => "bitstring",
            BinType::Utf8 => "utf8",
            BinType::Utf16 => "utf16",
            BinType::Utf32 => "utf32",
        };
        let sign = if s.signed { "signed" } else { "unsigned" };
        let end = match s.endian {
            Endian::Big => "big",
            Endian::Little => "little",
            Endian::Native => "native",
        };
        format!("{ty}-{sign}-{end}-unit:{}", s.unit)
    }

    fn prim(&self, p: &Prim) -> String {
        match p {
            Prim::Move(o) => format!("move {}", self.op(o)),
            Prim::Tuple(os) => format!("tuple({})", self.ops(os)),
            Prim::Cons(h, t) => format!("cons({}, {})", self.op(h), self.op(t)),
            Prim::GetTupleElement(o, i) => format!("get_element {}[{}]", self.op(o), i),
            Prim::GetHd(o) => format!("get_hd {}", self.op(o)),
            Prim::GetTl(o) => format!("get_tl {}", self.op(o)),
            Prim::MapNew(kvs) => {
                let s: Vec<String> = kvs
                    .iter()
                    .map(|(k, v)| format!("{} => {}", self.op(k), self.op(v)))
                    .collect();
                format!("map_new({})", s.join(", "))
            }
            Prim::MapUpdate { map, ops } => {
                let s: Vec<String> = ops
                    .iter()
                    .map(|(kind, k, v)| {
                        format!(
                            "{} {} {}",
                            self.op(k),
                            if *kind == MapOpKind::Assoc {
                                "=>"
                            } else {
                                ":="
                            },
                            self.op(v)
                        )
                    })
                    .collect();
                format!("map_update {}({})", self.op(map), s.join(", "))
            }
            Prim::BinBuild(segs) => {
                let s: Vec<String> = segs
                    .iter()
                    .map(|seg| {
                        let size = seg
                            .size
                            .as_ref()
                            .map(|s| self.op(s))
                            .unwrap_or_else(|| "default".to_string());
                        format!(
                            "{}:{}/{}",
                            self.op(&seg.value),
                            size,
                            Self::seg_spec(&seg.spec)
                        )
                    })
                    .collect();
                format!("bin_build({})", s.join(", "))
            }
            Prim::MakeFun { fun_id, free } => format!(
                "make_fun #{} {}[{}]",
                fun_id.0,
                self.fun_name(*fun_id),
                self.ops(free)
            ),
            Prim::Bif { module, name, args } => format!(
                "bif {}:{}/{}({})",
                atom(module),
                atom(name),
                args.len(),
                self.ops(args)
            ),
            Prim::BuildStacktrace(o) => format!("build_stacktrace {}", self.op(o)),
            Prim::RecvRemove => "recv_remove".to_string(),
            Prim::RecvNext => "recv_next".to_string(),
            Prim::RecvUseMark(o) => format!("recv_use_mark({})", self.op(o)),
            Prim::BsStartMatch(o) => format!("bs_start_match {}", self.op(o)),
        }
    }

    fn test(&self, t: &Test) -> String {
        match t {
            Test::Type(tt, o) => format!("{} {}", type_test_name(*tt), self.op(o)),
            Test::TupleArity(o, n) => format!("is_tuple_arity {}, {}", self.op(o), n),
            Test::FunctionArity(f, a) => format!("is_function {}, {}", self.op(f), self.op(a)),
            Test::Cmp(op, a, b) => format!("{} {} {}", self.op(a), op.as_str(), self.op(b)),
            Test::MapGet { map, key, out } => format!(
                "map_get {}[{}] -> {}",
                self.op(map),
                self.op(key),
                self.var(*out)
            ),
            Test::Guard { prim, out } => format!("guard {} -> {}", self.prim(prim), self.var(*out)),
            Test::BsGet {
                ctx,
                spec,
                size,
                out,
                rest,
            } => {
                let size = size
                    .as_ref()
                    .map(|s| self.op(s))
                    .unwrap_or_else(|| "default".to_string());
                let out = out
                    .map(|v| self.var(v))
                    .unwrap_or_else(|| "skip".to_string());
                format!(
                    "bs_get {} {}/{} -> {}, {}",
                    self.var(*ctx),
                    size,
                    Self::seg_spec(spec),
                    out,
                    self.var(*rest)
                )
            }
            Test::BsEnd(c) => format!("bs_end {}", self.var(*c)),
        }
    }

    fn con(c: &Con) -> String {
        match c {
            Con::Lit(l) => literal(l),
            Con::Tuple(n) => format!("{{}}/{n}"),
            Con::Cons => "[_|_]".to_string(),
            Con::Map => "#{}".to_string(),
            Con::Bitstring => "<<>>".to_string(),
        }
    }

    fn fail(&self, r: &FailReason) -> String {
        match r {
            FailReason::Badmatch(o) => format!("{{badmatch, {}}}", self.op(o)),
            FailReason::CaseClause(o) => format!("{{case_clause, {}}}", self.op(o)),
            FailReason::IfClause => "if_clause".to_string(),
            FailReason::TryClause(o) => format!("{{try_clause, {}}}", self.op(o)),
            FailReason::FunctionClause(os) => format!("function_clause({})", self.ops(os)),
            FailReason::BadGenerator(o) => format!("{{bad_generator, {}}}", self.op(o)),
            FailReason::BadFilter(o) => format!("{{bad_filter, {}}}", self.op(o)),
            FailReason::BadargValue(o) => format!("{{badarg, {}}}", self.op(o)),
            FailReason::Reraise(c, r, t) => {
                format!("reraise({}, {}, {})", self.op(c), self.op(r), self.op(t))
            }
        }
    }

    fn expr(&self, out: &mut String, e: &Expr, lvl: usize) {
        // Iterate along chains of lets to keep recursion shallow for long bodies.
        let mut e = e;
        loop {
            indent(out, lvl);
            match e {
                Expr::Let {
                    var,
                    prim,
                    loc: l,
                    body,
                } => {
                    let _ = writeln!(
                        out,
                        "let {} = {}{}",
                        self.var(*var),
                        self.prim(prim),
                        if prim.may_raise() {
                            loc(*l)
                        } else {
                            String::new()
                        }
                    );
                    e = body;
                    continue;
                }
                Expr::Do { prim, body, .. } => {
                    let _ = writeln!(out, "do {}", self.prim(prim));
                    e = body;
                    continue;
                }
                Expr::LetCall { var, call, body } => {
                    let _ = writeln!(out, "let {} = call {}", self.var(*var), self.call(call));
                    e = body;
                    continue;
                }
                Expr::TailCall(c) => {
                    let _ = writeln!(out, "tailcall {}", self.call(c));
                }
                Expr::Return(o) => {
                    let _ = writeln!(out, "return {}", self.op(o));
                }
                Expr::LetJoin {
                    join,
                    params,
                    recursive,
                    join_body,
                    body,
                } => {
                    let ps: Vec<String> = params.iter().map(|v| self.var(*v)).collect();
                    let _ = writeln!(
                        out,
                        "{} j{}({}) =",
                        if *recursive { "letrec join" } else { "letjoin" },
                        join.0,
                        ps.join(", ")
                    );
                    self.expr(out, join_body, lvl + 1);
                    indent(out, lvl);
                    out.push_str("in\n");
                    e = body;
                    continue;
                }
                Expr::Jump(j, args) => {
                    let _ = writeln!(out, "jump j{}({})", j.0, self.ops(args));
                }
                Expr::If { test, then, else_ } => {
                    let _ = writeln!(out, "if {} then", self.test(test));
                    self.expr(out, then, lvl + 1);
                    indent(out, lvl);
                    out.push_str("else\n");
                    self.expr(out, else_, lvl + 1);
                }
                Expr::Switch { on, cases, default } => {
                    let _ = writeln!(out, "switch {}", self.var(*on));
                    for (c, body) in cases {
                        indent(out, lvl);
                        let _ = writeln!(out, "case {} ->", Self::con(c));
                        self.expr(out, body, lvl + 1);
                    }
                    indent(out, lvl);
                    out.push_str("default ->\n");
                    self.expr(out, default, lvl + 1);
                }
                Expr::Try {
                    body,
                    class,
                    reason,
                    trace,
                    handler,
                } => {
                    out.push_str("try\n");
                    self.expr(out, body, lvl + 1);
                    indent(out, lvl);
                    let _ = writeln!(
                        out,
                        "catch ({}, {}, {}) ->",
                        self.var(*class),
                        self.var(*reason),
                        self.var(*trace)
                    );
                    self.expr(out, handler, lvl + 1);
                }
                Expr::RecvPeek { msg, got, empty } => {
                    let _ = writeln!(out, "recv_peek {} ->", self.var(*msg));
                    self.expr(out, got, lvl + 1);
                    indent(out, lvl);
                    out.push_str("empty ->\n");
                    self.expr(out, empty, lvl + 1);
                }
                Expr::RecvWait {
                    timeout,
                    retry,
                    loc: l,
                } => {
                    match timeout {
                        Some((t, body)) => {
                            let _ = writeln!(out, "recv_wait after {}{} ->", self.op(t), loc(*l));
                            self.expr(out, body, lvl + 1);
                        }
                        None => {
                            let _ = writeln!(out, "recv_wait infinity{}", loc(*l));
                        }
                    }
                    indent(out, lvl);
                    out.push_str("retry ->\n");
                    self.expr(out, retry, lvl + 1);
                }
                Expr::Fail { reason, loc: l } => {
                    let _ = writeln!(out, "fail {}{}", self.fail(reason), loc(*l));
                }
            }
            break;
        }
    }
}

pub fn type_test_name(t: TypeTest) -> &'static str {
    match t {
        TypeTest::Atom => "is_atom",
        TypeTest::Boolean => "is_boolean",
        TypeTest::Integer => "is_integer",
        TypeTest::Float => "is_float",
        TypeTest::Number => "is_number",
        TypeTest::Tuple => "is_tuple",
        TypeTest::Cons => "is_nonempty_list",
        TypeTest::Nil => "is_nil",
        TypeTest::List => "is_list",
        TypeTest::Map => "is_map",
        TypeTest::Binary => "is_binary",
        TypeTest::Bitstring => "is_bitstring",
        TypeTest::Function => "is_function",
        TypeTest::Pid => "is_pid",
        TypeTest::Port => "is_port",
        TypeTest::Reference => "is_reference",
    }
}

/// An atom in Erlang source form (quoted when needed).
pub fn atom(a: &str) -> String {
    const RESERVED: &[&str] = &[
        "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case",
        "catch", "cond", "div", "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive",
        "rem", "try", "when", "xor", "maybe", "else",
    ];
    let mut chars = a.chars();
    let plain = matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && a.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@')
        && !RESERVED.contains(&a);
    if plain {
        return a.to_string();
    }
    let mut s = String::from("'");
    for c in a.chars() {
        match c {
            '\'' => s.push_str("\\'"),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            c if (c as u32) < 32 => {
                let _ = write!(s, "\\x{{{:X}}}", c as u32);
            }
            c => s.push(c),
        }
    }
    s.push('\'');
    s
}

fn is_printable_string(es: &[Literal]) -> Option<String> {
    let mut s = String::new();
    for e in es {
        match e {
            Literal::Int(i) => {
                let c = u32::try_from(i).ok().and_then(char::from_u32)?;
                match c {
                    '"' => s.push_str("\\\""),
                    '\\' => s.push_str("\\\\"),
                    '\n' => s.push_str("\\n"),
                    '\t' => s.push_str("\\t"),
                    ' '..='~' => s.push(c),
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
    Some(s)
}

/// A literal in Erlang term syntax.
pub fn literal(l: &Literal) -> String {
    match l {
        Literal::Atom(a) => atom(a),
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => {
            let s = format!("{f:?}");
            if s.contains('e') && !s.contains('.') {
                s.replacen('e', ".0e", 1)
            } else {
                s
            }
        }
        Literal::Nil => "[]".to_string(),
        Literal::List(es, tail) => {
            if **tail == Literal::Nil {
                if let Some(s) = is_printable_string(es) {
                    return format!("\"{s}\"");
                }
            }
            let items: Vec<String> = es.iter().map(literal).collect();
            if **tail == Literal::Nil {
                format!("[{}]", items.join(","))
            } else {
                format!("[{}|{}]", items.join(","), literal(tail))
            }
        }
        Literal::Tuple(es) => format!(
            "{{{}}}",
            es.iter().map(literal).collect::<Vec<_>>().join(",")
        ),
        Literal::Map(kvs) => {
            let items: Vec<String> = kvs
                .iter()
                .map(|(k, v)| format!("{}=>{}", literal(k), literal(v)))
                .collect();
            format!("#{{{}}}", items.join(","))
        }
        Literal::Bitstring { bytes, bits } => {
            let full = (*bits / 8) as usize;
            let rem = bits % 8;
            let full = full.min(bytes.len());
            let printable = rem == 0
                && full > 0
                && bytes[..full]
                    .iter()
                    .all(|b| (b' '..=b'~').contains(b) && *b != b'"' && *b != b'\\');
            if printable {
                return format!("<<\"{}\">>", String::from_utf8_lossy(&bytes[..full]));
            }
            let mut items: Vec<String> = bytes[..full.min(bytes.len())]
                .iter()
                .map(|b| b.to_string())
                .collect();
            if rem != 0 {
                let last = bytes.get(full).copied().unwrap_or(0) >> (8 - rem);
                items.push(format!("{last}:{rem}"));
            }
            format!("<<{}>>", items.join(","))
        }
        Literal::ExportFun {
            module,
            function,
            arity,
        } => format!("fun {}:{}/{}", atom(module), atom(function), arity),
    }
}
