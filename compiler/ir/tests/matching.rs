//! The match compiler against a reference: random clause lists (tuples, lists, atoms,
//! integers, maps, aliases, repeated variables, guards that may raise) are compiled to
//! decision trees; an interpreter for the tree's primitive operations runs them on random
//! values, and the chosen clause must be the one first-match semantics picks. Every tree
//! must also pass the verifier, including "no scrutinee tested twice on a path".

mod common;

use ferl_ir::ir::*;
use std::collections::HashMap;

// ---------------------------------------------------------------------------------------
// Values and a reference matcher.

#[derive(Clone, Debug, PartialEq)]
enum V {
    Int(i64),
    Atom(&'static str),
    Tuple(Vec<V>),
    Nil,
    Cons(Box<V>, Box<V>),
    Map(Vec<(V, V)>),
}

fn rank(v: &V) -> u8 {
    match v {
        V::Int(_) => 0,
        V::Atom(_) => 1,
        V::Tuple(_) => 3,
        V::Map(_) => 4,
        V::Nil => 5,
        V::Cons(..) => 6,
    }
}

fn cmp(a: &V, b: &V) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a, b) {
        (V::Int(x), V::Int(y)) => x.cmp(y),
        (V::Atom(x), V::Atom(y)) => x.cmp(y),
        (V::Tuple(x), V::Tuple(y)) => x.len().cmp(&y.len()).then_with(|| {
            x.iter()
                .zip(y)
                .map(|(p, q)| cmp(p, q))
                .find(|o| *o != Equal)
                .unwrap_or(Equal)
        }),
        (V::Cons(h1, t1), V::Cons(h2, t2)) => cmp(h1, h2).then_with(|| cmp(t1, t2)),
        (V::Map(x), V::Map(y)) => x.len().cmp(&y.len()),
        _ => rank(a).cmp(&rank(b)),
    }
}

#[derive(Clone, Debug)]
enum Pat {
    Var(&'static str),
    Wild,
    Int(i64),
    Atom(&'static str),
    Tuple(Vec<Pat>),
    Nil,
    Cons(Box<Pat>, Box<Pat>),
    Map(Vec<(&'static str, Pat)>),
    Alias(Box<Pat>, &'static str),
}

#[derive(Clone, Debug)]
enum Guard {
    None,
    IsInt(&'static str),
    Gt(&'static str, i64),
    /// `element(1, X) == a`: raises (so fails) unless X is a non-empty tuple.
    Elem(&'static str),
    /// `is_atom(X) orelse element(1, X) == a`
    OrElse(&'static str),
}

fn pmatch(p: &Pat, v: &V, b: &mut HashMap<&'static str, V>) -> bool {
    match (p, v) {
        (Pat::Wild, _) => true,
        (Pat::Var(n), v) => match b.get(n) {
            Some(x) => x == v,
            None => {
                b.insert(n, v.clone());
                true
            }
        },
        (Pat::Int(i), V::Int(j)) => i == j,
        (Pat::Atom(a), V::Atom(c)) => a == c,
        (Pat::Nil, V::Nil) => true,
        (Pat::Tuple(ps), V::Tuple(vs)) => {
            ps.len() == vs.len() && ps.iter().zip(vs).all(|(p, v)| pmatch(p, v, b))
        }
        (Pat::Cons(ph, pt), V::Cons(vh, vt)) => pmatch(ph, vh, b) && pmatch(pt, vt, b),
        (Pat::Map(es), V::Map(kvs)) => {
            es.iter().all(
                |(k, p)| match kvs.iter().find(|(kk, _)| *kk == V::Atom(k)) {
                    Some((_, v)) => pmatch(p, v, b),
                    None => false,
                },
            )
        }
        (Pat::Alias(p, n), v) => pmatch(&Pat::Var(n), v, b) && pmatch(p, v, b),
        _ => false,
    }
}

fn guard_holds(g: &Guard, b: &HashMap<&'static str, V>) -> bool {
    let get = |n: &str| b.get(n).cloned();
    let elem = |n: &str| match get(n) {
        Some(V::Tuple(es)) if !es.is_empty() => Some(es[0].clone()),
        _ => None,
    };
    match g {
        Guard::None => true,
        Guard::IsInt(n) => matches!(get(n), Some(V::Int(_))),
        Guard::Gt(n, k) => {
            get(n).is_some_and(|v| cmp(&v, &V::Int(*k)) == std::cmp::Ordering::Greater)
        }
        Guard::Elem(n) => elem(n) == Some(V::Atom("a")),
        Guard::OrElse(n) => match get(n) {
            Some(V::Atom(_)) => true,
            _ => elem(n) == Some(V::Atom("a")),
        },
    }
}

fn reference(clauses: &[(Vec<Pat>, Guard)], args: &[V]) -> Option<usize> {
    clauses.iter().position(|(ps, g)| {
        let mut b = HashMap::new();
        ps.iter().zip(args).all(|(p, v)| pmatch(p, v, &mut b)) && guard_holds(g, &b)
    })
}

// ---------------------------------------------------------------------------------------
// Random generation.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const VARS: &[&str] = &["X", "Y", "Z"];
const ATOMS: &[&str] = &["a", "b"];

fn gen_pat(r: &mut Rng, depth: u32) -> Pat {
    let leaf = depth == 0 || r.below(3) == 0;
    if leaf {
        return match r.below(6) {
            0 => Pat::Var(VARS[r.below(3) as usize]),
            1 => Pat::Wild,
            2 => Pat::Int(r.below(3) as i64),
            3 => Pat::Atom(ATOMS[r.below(2) as usize]),
            4 => Pat::Nil,
            _ => Pat::Tuple(vec![]),
        };
    }
    match r.below(5) {
        0 | 1 => Pat::Tuple((0..r.below(3) + 1).map(|_| gen_pat(r, depth - 1)).collect()),
        2 => Pat::Cons(
            Box::new(gen_pat(r, depth - 1)),
            Box::new(gen_pat(r, depth - 1)),
        ),
        3 => {
            let mut es = vec![(ATOMS[r.below(2) as usize], gen_pat(r, depth - 1))];
            if r.below(2) == 0 {
                let k = if es[0].0 == "a" { "b" } else { "a" };
                es.push((k, gen_pat(r, depth - 1)));
            }
            Pat::Map(es)
        }
        _ => Pat::Alias(Box::new(gen_pat(r, depth - 1)), VARS[r.below(3) as usize]),
    }
}

fn gen_val(r: &mut Rng, depth: u32) -> V {
    if depth == 0 || r.below(3) == 0 {
        return match r.below(4) {
            0 => V::Int(r.below(4) as i64),
            1 => V::Atom(ATOMS[r.below(2) as usize]),
            2 => V::Nil,
            _ => V::Tuple(vec![]),
        };
    }
    match r.below(3) {
        0 => V::Tuple((0..r.below(3) + 1).map(|_| gen_val(r, depth - 1)).collect()),
        1 => V::Cons(
            Box::new(gen_val(r, depth - 1)),
            Box::new(gen_val(r, depth - 1)),
        ),
        _ => {
            let mut kvs = vec![(V::Atom("a"), gen_val(r, depth - 1))];
            if r.below(2) == 0 {
                kvs.push((V::Atom("b"), gen_val(r, depth - 1)));
            }
            V::Map(kvs)
        }
    }
}

/// A value that matches `p` (free variables filled randomly; repeated ones consistently).
fn instantiate(p: &Pat, r: &mut Rng, b: &mut HashMap<&'static str, V>) -> V {
    match p {
        Pat::Var(n) => b.entry(n).or_insert_with(|| gen_val(r, 2)).clone(),
        Pat::Wild => gen_val(r, 2),
        Pat::Int(i) => V::Int(*i),
        Pat::Atom(a) => V::Atom(a),
        Pat::Nil => V::Nil,
        Pat::Tuple(ps) => V::Tuple(ps.iter().map(|p| instantiate(p, r, b)).collect()),
        Pat::Cons(h, t) => V::Cons(
            Box::new(instantiate(h, r, b)),
            Box::new(instantiate(t, r, b)),
        ),
        Pat::Map(es) => V::Map(
            es.iter()
                .map(|(k, p)| (V::Atom(k), instantiate(p, r, b)))
                .collect(),
        ),
        Pat::Alias(p, _) => instantiate(p, r, b),
    }
}

fn pat_src(p: &Pat) -> String {
    match p {
        Pat::Var(n) => n.to_string(),
        Pat::Wild => "_".into(),
        Pat::Int(i) => i.to_string(),
        Pat::Atom(a) => a.to_string(),
        Pat::Nil => "[]".into(),
        Pat::Tuple(ps) => format!(
            "{{{}}}",
            ps.iter().map(pat_src).collect::<Vec<_>>().join(", ")
        ),
        Pat::Cons(h, t) => format!("[{} | {}]", pat_src(h), pat_src(t)),
        Pat::Map(es) => format!(
            "#{{{}}}",
            es.iter()
                .map(|(k, p)| format!("{k} := {}", pat_src(p)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Pat::Alias(p, n) => format!("({} = {})", pat_src(p), n),
    }
}

fn pat_vars(p: &Pat, out: &mut Vec<&'static str>) {
    match p {
        Pat::Var(n) => out.push(n),
        Pat::Tuple(ps) => ps.iter().for_each(|p| pat_vars(p, out)),
        Pat::Cons(h, t) => {
            pat_vars(h, out);
            pat_vars(t, out);
        }
        Pat::Map(es) => es.iter().for_each(|(_, p)| pat_vars(p, out)),
        Pat::Alias(p, n) => {
            out.push(n);
            pat_vars(p, out);
        }
        _ => {}
    }
}

fn guard_src(g: &Guard) -> String {
    match g {
        Guard::None => String::new(),
        Guard::IsInt(n) => format!(" when is_integer({n})"),
        Guard::Gt(n, k) => format!(" when {n} > {k}"),
        Guard::Elem(n) => format!(" when element(1, {n}) == a"),
        Guard::OrElse(n) => format!(" when is_atom({n}) orelse element(1, {n}) == a"),
    }
}

// ---------------------------------------------------------------------------------------
// An interpreter for the decision-tree subset of the IR.

fn lit_val(l: &Literal) -> V {
    match l {
        Literal::Atom(a) => V::Atom(Box::leak(a.to_string().into_boxed_str())),
        Literal::Int(i) => V::Int(i.try_into().unwrap()),
        Literal::Nil => V::Nil,
        Literal::Tuple(es) => V::Tuple(es.iter().map(lit_val).collect()),
        Literal::List(es, t) => es.iter().rev().fold(lit_val(t), |acc, e| {
            V::Cons(Box::new(lit_val(e)), Box::new(acc))
        }),
        other => panic!("literal {other:?}"),
    }
}

struct Interp<'f> {
    vars: HashMap<Var, V>,
    joins: HashMap<JoinId, (&'f [Var], &'f Expr)>,
}

#[derive(Debug, PartialEq)]
enum Outcome {
    Clause(i64),
    FunctionClause,
}

impl<'f> Interp<'f> {
    fn op(&self, o: &Operand) -> V {
        match o {
            Operand::Var(v) => self.vars[v].clone(),
            Operand::Lit(l) => lit_val(l),
        }
    }

    fn bif(&self, name: &str, args: &[V]) -> Option<V> {
        match (name, args) {
            ("element", [V::Int(1), V::Tuple(es)]) if !es.is_empty() => Some(es[0].clone()),
            ("element", _) => None,
            ("==", [a, b]) | ("=:=", [a, b]) => {
                Some(V::Atom(if a == b { "true" } else { "false" }))
            }
            ("is_atom", [a]) => Some(V::Atom(if matches!(a, V::Atom(_)) {
                "true"
            } else {
                "false"
            })),
            other => panic!("bif {other:?}"),
        }
    }

    fn test(&mut self, t: &Test) -> bool {
        match t {
            Test::Type(tt, o) => {
                let v = self.op(o);
                match tt {
                    TypeTest::Integer => matches!(v, V::Int(_)),
                    TypeTest::Atom => matches!(v, V::Atom(_)),
                    TypeTest::Tuple => matches!(v, V::Tuple(_)),
                    other => panic!("type test {other:?}"),
                }
            }
            Test::TupleArity(o, n) => matches!(self.op(o), V::Tuple(es) if es.len() == *n as usize),
            Test::Cmp(op, a, b) => {
                let (a, b) = (self.op(a), self.op(b));
                let o = cmp(&a, &b);
                match op {
                    CmpOp::ExactEq | CmpOp::Eq => a == b,
                    CmpOp::ExactNe | CmpOp::Ne => a != b,
                    CmpOp::Gt => o.is_gt(),
                    CmpOp::Ge => o.is_ge(),
                    CmpOp::Lt => o.is_lt(),
                    CmpOp::Le => o.is_le(),
                }
            }
            Test::MapGet { map, key, out } => {
                let (m, k) = (self.op(map), self.op(key));
                match m {
                    V::Map(kvs) => match kvs.into_iter().find(|(kk, _)| *kk == k) {
                        Some((_, v)) => {
                            self.vars.insert(*out, v);
                            true
                        }
                        None => false,
                    },
                    _ => false,
                }
            }
            Test::Guard {
                prim: Prim::Bif { name, args, .. },
                out,
            } => {
                let args: Vec<V> = args.iter().map(|a| self.op(a)).collect();
                match self.bif(name, &args) {
                    Some(v) => {
                        self.vars.insert(*out, v);
                        true
                    }
                    None => false,
                }
            }
            other => panic!("test {other:?}"),
        }
    }

    fn run(&mut self, mut e: &'f Expr) -> Outcome {
        loop {
            match e {
                Expr::Let {
                    var, prim, body, ..
                } => {
                    let v = match prim {
                        Prim::GetTupleElement(o, i) => match self.op(o) {
                            V::Tuple(es) => es[*i as usize].clone(),
                            other => panic!("get_element on {other:?}"),
                        },
                        Prim::GetHd(o) => match self.op(o) {
                            V::Cons(h, _) => *h,
                            other => panic!("hd on {other:?}"),
                        },
                        Prim::GetTl(o) => match self.op(o) {
                            V::Cons(_, t) => *t,
                            other => panic!("tl on {other:?}"),
                        },
                        Prim::Move(o) => self.op(o),
                        Prim::Bif { name, args, .. } => {
                            let args: Vec<V> = args.iter().map(|a| self.op(a)).collect();
                            self.bif(name, &args).expect("non-failing bif")
                        }
                        other => panic!("prim {other:?}"),
                    };
                    self.vars.insert(*var, v);
                    e = body;
                }
                Expr::LetJoin {
                    join,
                    params,
                    join_body,
                    body,
                    ..
                } => {
                    self.joins.insert(*join, (params, join_body));
                    e = body;
                }
                Expr::Jump(j, args) => {
                    let (params, body) = self.joins[j];
                    let vals: Vec<V> = args.iter().map(|a| self.op(a)).collect();
                    for (p, v) in params.iter().zip(vals) {
                        self.vars.insert(*p, v);
                    }
                    e = body;
                }
                Expr::If { test, then, else_ } => {
                    e = if self.test(test) { then } else { else_ };
                }
                Expr::Switch { on, cases, default } => {
                    let v = self.vars[on].clone();
                    let hit = cases.iter().find(|(c, _)| match (c, &v) {
                        (Con::Lit(l), v) => lit_val(l) == *v,
                        (Con::Tuple(n), V::Tuple(es)) => es.len() == *n as usize,
                        (Con::Cons, V::Cons(..)) => true,
                        (Con::Map, V::Map(_)) => true,
                        _ => false,
                    });
                    e = hit.map(|(_, x)| x).unwrap_or(default);
                }
                Expr::Return(o) => match self.op(o) {
                    V::Int(i) => return Outcome::Clause(i),
                    other => panic!("returned {other:?}"),
                },
                Expr::Fail {
                    reason: FailReason::FunctionClause(_),
                    ..
                } => return Outcome::FunctionClause,
                other => panic!("unexpected {other:?}"),
            }
        }
    }
}

#[test]
fn random_clause_lists_match_like_first_match_semantics() {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut checked = 0;
    for round in 0..400 {
        let arity = 1 + r.below(2) as usize;
        let nclauses = 1 + r.below(5) as usize;
        let mut clauses = Vec::new();
        for _ in 0..nclauses {
            let pats: Vec<Pat> = (0..arity).map(|_| gen_pat(&mut r, 3)).collect();
            let mut vars = Vec::new();
            pats.iter().for_each(|p| pat_vars(p, &mut vars));
            let guard = if vars.is_empty() || r.below(3) != 0 {
                Guard::None
            } else {
                let v = vars[r.below(vars.len() as u64) as usize];
                match r.below(4) {
                    0 => Guard::IsInt(v),
                    1 => Guard::Gt(v, 1),
                    2 => Guard::Elem(v),
                    _ => Guard::OrElse(v),
                }
            };
            clauses.push((pats, guard));
        }
        let body: Vec<String> = clauses
            .iter()
            .enumerate()
            .map(|(i, (ps, g))| {
                format!(
                    "f({}){} -> {}",
                    ps.iter().map(pat_src).collect::<Vec<_>>().join(", "),
                    guard_src(g),
                    i
                )
            })
            .collect();
        let src = format!(
            "-module(m).\n-export([f/{arity}]).\n{}.\n",
            body.join(";\n")
        );
        let (m, _) =
            common::ferl_parse::parse("m", &src).unwrap_or_else(|e| panic!("{src}\n{e:?}"));
        let ir = ferl_ir::lower_module(&m, "m.erl").unwrap_or_else(|d| panic!("{src}\n{d:#?}"));
        let v = ferl_ir::verify::verify_module(&ir);
        let text = ferl_ir::print::module_to_string(&ir);
        assert!(v.is_empty(), "round {round}\n{src}\n{v:#?}\n{text}");
        let f = &ir.functions[0];
        for k in 0..30 {
            // half the inputs are built to match some clause
            let args: Vec<V> = if k % 2 == 0 {
                let (ps, _) = &clauses[r.below(nclauses as u64) as usize];
                let mut b = HashMap::new();
                ps.iter().map(|p| instantiate(p, &mut r, &mut b)).collect()
            } else {
                (0..arity).map(|_| gen_val(&mut r, 3)).collect()
            };
            let mut it = Interp {
                vars: HashMap::new(),
                joins: HashMap::new(),
            };
            for (p, a) in f.params.iter().zip(&args) {
                it.vars.insert(*p, a.clone());
            }
            let got = it.run(&f.body);
            let want = match reference(&clauses, &args) {
                Some(i) => Outcome::Clause(i as i64),
                None => Outcome::FunctionClause,
            };
            assert_eq!(got, want, "round {round}, args {args:?}\n{src}\n{text}");
            checked += 1;
        }
    }
    assert_eq!(checked, 400 * 30);
}
