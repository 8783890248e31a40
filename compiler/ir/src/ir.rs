//! The Core IR data types: an A-normal-form, tree-structured IR with explicit join points.
//!
//! Owns: every IR type ([`Module`], [`Function`], [`Expr`], [`Prim`], [`Test`], [`Literal`]...)
//! and small structural helpers on them (free variables, jump counting) that the code
//! generator can reuse.
//! Must not: know about the AST or about Cranelift; contain anything that is not a primitive
//! operation of the execution model (no patterns, no guards, no records, no comprehensions:
//! those are lowered before they reach this module). See `docs/ir.md` for the invariants.

use num_bigint::BigInt;
use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

/// An atom name.
pub type Atom = Arc<str>;

/// A variable, unique within its [`Function`] (index into [`Function::var_names`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Var(pub u32);

/// A join point (a local continuation / basic block with parameters), unique in its function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JoinId(pub u32);

/// A function of the module: index into [`Module::functions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FunId(pub u32);

/// A source location: 1-based line (0 = unknown) in file [`Loc::file`] (index into
/// [`Module::files`]; 0 is the module's own file).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Loc {
    pub file: u32,
    pub line: u32,
    /// 1-based column (in characters) where the expression starts (0 = unknown); used
    /// to underline the failing expression in uncaught-error reports.
    pub col: u32,
    /// 1-based column just past its end when it ends on the same line (0 = unknown).
    pub end_col: u32,
    /// 0: code of the function itself; k > 0: code the inliner copied from another
    /// function, described by [`Module::inlined`]`[k - 1]` (stack traces name that
    /// function, and its caller's frame where the call was not a tail call).
    pub inl: u32,
}

/// A call the inliner replaced by a copy of the callee's body (`crate::inline`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Inlined {
    /// The function whose code was copied.
    pub callee: FunId,
    /// The function the copy is in.
    pub caller: FunId,
    /// Where the call was (its own `inl` may name an outer inlining).
    pub call: Loc,
    /// A tail call: no frame of the caller remains on BEAM either.
    pub tail: bool,
}

/// A constant term. Compound literals are emitted as static data by the code generator.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Atom(Atom),
    /// Any integer (small or big); codegen decides the representation.
    Int(BigInt),
    Float(f64),
    Nil,
    /// `[E1, ..., En | Tail]` with n >= 1 (a string is a list of integers).
    List(Vec<Literal>, Box<Literal>),
    Tuple(Vec<Literal>),
    /// Keys are distinct (exactly); in source order of first appearance (last value wins).
    /// Codegen sorts them into the runtime's map-key order.
    Map(Vec<(Literal, Literal)>),
    /// A bitstring: `bytes` holds `bits` bits, most significant bit first; the unused low
    /// bits of the last byte are zero.
    Bitstring {
        bytes: Vec<u8>,
        bits: u64,
    },
    /// `fun M:F/A` with all three parts constant (an EXPORT object).
    ExportFun {
        module: Atom,
        function: Atom,
        arity: u32,
    },
}

impl Literal {
    pub fn atom(s: &str) -> Literal {
        Literal::Atom(Arc::from(s))
    }
    pub fn int(i: i64) -> Literal {
        Literal::Int(BigInt::from(i))
    }
    pub fn bool(b: bool) -> Literal {
        Literal::atom(if b { "true" } else { "false" })
    }
    /// Exact equality (`=:=`) between constants: `1 =/= 1.0`, `0.0 =:= -0.0` (OTP 25).
    pub fn exact_eq(&self, other: &Literal) -> bool {
        match (self, other) {
            (Literal::Float(a), Literal::Float(b)) => a == b,
            (Literal::List(a, at), Literal::List(b, bt)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.exact_eq(y)) && at.exact_eq(bt)
            }
            (Literal::Tuple(a), Literal::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.exact_eq(y))
            }
            (Literal::Map(a), Literal::Map(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.iter().any(|(k2, v2)| k.exact_eq(k2) && v.exact_eq(v2)))
            }
            _ => self == other,
        }
    }
    /// Build a proper list literal.
    pub fn list(elems: Vec<Literal>) -> Literal {
        if elems.is_empty() {
            Literal::Nil
        } else {
            Literal::List(elems, Box::new(Literal::Nil))
        }
    }
    /// `true` for atoms, numbers and `[]` (immediate-or-number constants a switch can test).
    pub fn is_atomic(&self) -> bool {
        matches!(
            self,
            Literal::Atom(_) | Literal::Int(_) | Literal::Float(_) | Literal::Nil
        )
    }
}

/// An operand: every argument of a call, constructor, primop or test is one of these.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    Var(Var),
    Lit(Literal),
}

impl Operand {
    pub fn atom(s: &str) -> Operand {
        Operand::Lit(Literal::atom(s))
    }
    pub fn as_var(&self) -> Option<Var> {
        match self {
            Operand::Var(v) => Some(*v),
            Operand::Lit(_) => None,
        }
    }
}

/// What a call calls. All of these may run arbitrary Erlang code, so they are the points
/// where the code generator needs a continuation when the call is not in tail position.
#[derive(Clone, Debug, PartialEq)]
pub enum Callee {
    /// A function of this module (direct call). `fun_id` indexes [`Module::functions`];
    /// the arguments include the free variables of a lambda/helper after its visible ones.
    Local {
        fun_id: FunId,
        name: Atom,
        arity: u32,
    },
    /// `M:F(Args)` through the export table; module and function may be variables.
    Remote { module: Operand, function: Operand },
    /// `F(Args)` where `F` is a fun term (closure or export); raises `badfun`/`badarity`.
    Apply { fun: Operand },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub callee: Callee,
    pub args: Vec<Operand>,
    pub loc: Loc,
}

/// Bit-syntax segment type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinType {
    Integer,
    Float,
    /// `binary`/`bytes`: unit 8 by default.
    Binary,
    /// `bitstring`/`bits`: unit 1 by default.
    Bitstring,
    Utf8,
    Utf16,
    Utf32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Endian {
    Big,
    Little,
    Native,
}

/// Type, unit and flags of a segment (`Value:Size/Type-Sign-Endian-unit:U`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SegSpec {
    pub ty: BinType,
    /// 1..=256
    pub unit: u16,
    pub signed: bool,
    pub endian: Endian,
}

/// One segment of a binary construction.
#[derive(Clone, Debug, PartialEq)]
pub struct BinSeg {
    pub value: Operand,
    /// `None`: the type's default (`all` for binary/bitstring, 8 for integer, 64 for float,
    /// none for utf*). The size in bits is `size * unit`.
    pub size: Option<Operand>,
    pub spec: SegSpec,
}

/// `=>` (insert or update) or `:=` (update an existing key, else `{badkey,K}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapOpKind {
    Assoc,
    Exact,
}

/// A primitive operation: computes a value without calling Erlang code and without
/// suspending. Some may raise (an exception status from the runtime); the code generator
/// branches on the returned status. They appear in [`Expr::Let`] (in body context: a raise
/// unwinds) and in [`Test::Guard`] (in guard context: a raise means "test failed").
#[derive(Clone, Debug, PartialEq)]
pub enum Prim {
    /// Copy an operand (used when a join parameter must be a fresh name).
    Move(Operand),
    Tuple(Vec<Operand>),
    Cons(Operand, Operand),
    /// Element `index` (0-based) of a value known to be a tuple of sufficient arity.
    /// Never raises (only emitted after an arity test).
    GetTupleElement(Operand, u32),
    /// Head / tail of a value known to be a cons. Never raises.
    GetHd(Operand),
    GetTl(Operand),
    /// `#{K => V, ...}`: never raises; later duplicate keys win.
    MapNew(Vec<(Operand, Operand)>),
    /// `M#{K => V, K2 := V2}` applied in order: raises `{badmap,M}` / `{badkey,K}`.
    MapUpdate {
        map: Operand,
        ops: Vec<(MapOpKind, Operand, Operand)>,
    },
    /// Construct a binary segment by segment; raises `badarg` on bad values/sizes.
    BinBuild(Vec<BinSeg>),
    /// A closure over lambda `fun_id` (a [`FunKind::Lambda`] function) capturing `free`.
    MakeFun {
        fun_id: FunId,
        free: Vec<Operand>,
    },
    /// A BIF without side effects on control flow (arithmetic, comparisons, type tests,
    /// `element/2`, `self/0`, `!`...): `ferl_bif_<module>_<name>_<arity>`. May raise.
    Bif {
        module: Atom,
        name: Atom,
        args: Vec<Operand>,
    },
    /// The stack-trace term (list of `{M,F,A,[{file,F},{line,L}]}`) from the raw trace
    /// variable of a handler (as Core Erlang's `build_stacktrace`). Never raises.
    BuildStacktrace(Operand),
    /// Receive: remove the current message (the one bound by [`Expr::RecvPeek`]) from the
    /// mailbox and reset the save pointer. Result is `ok`.
    RecvRemove,
    /// Receive: advance the save pointer past the current message. Result is `ok`.
    RecvNext,
    /// Receive hint (OTP 24's reference marker): the receive that follows matches the
    /// operand in every clause, so if it is the reference the runtime's marker was bound
    /// to (by `make_ref()`/`monitor`), messages older than the marker are skipped. A no-op
    /// otherwise. Result is `ok`; never raises.
    RecvUseMark(Operand),
    /// A match context over a value known to be a bitstring (after a `Binary` switch case).
    /// Never raises. The result is not a term: see [`Test::BsGet`].
    BsStartMatch(Operand),
}

/// A type test on one operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeTest {
    Atom,
    Boolean,
    Integer,
    Float,
    Number,
    Tuple,
    Cons,
    Nil,
    /// `is_list`: cons or nil.
    List,
    Map,
    Binary,
    Bitstring,
    Function,
    Pid,
    Port,
    Reference,
}

/// Comparison operators (term order; `==`/`/=` compare numbers by value).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    Ne,
    ExactEq,
    ExactNe,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "/=",
            CmpOp::ExactEq => "=:=",
            CmpOp::ExactNe => "=/=",
            CmpOp::Lt => "<",
            CmpOp::Le => "=<",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// A primitive test: never raises, never allocates on failure. Tests that bind variables
/// (`out`, `rest`) bind them only in the `then` branch of the [`Expr::If`].
#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    Type(TypeTest, Operand),
    /// Is a tuple of exactly this arity.
    TupleArity(Operand, u32),
    /// `is_function(F, Arity)` (false if Arity is not a non-negative integer).
    FunctionArity(Operand, Operand),
    Cmp(CmpOp, Operand, Operand),
    /// `map` is a map holding `key` (exactly); binds its value to `out`. False when `map`
    /// is not a map.
    MapGet {
        map: Operand,
        key: Operand,
        out: Var,
    },
    /// Evaluate a primop in guard context: on success bind `out`; an exception means the
    /// test is false (BEAM's `{f,Label}` BIF calls).
    Guard {
        prim: Prim,
        out: Var,
    },
    /// Extract one segment from match context `ctx`: binds the value to `out` and the
    /// context after it to `rest`. `size` as in [`BinSeg`] (`None` = default; for
    /// binary/bitstring: all the rest, which must be a multiple of the unit). False when
    /// there are not enough bits, the size is not a non-negative integer, or a utf
    /// segment is invalid. `out` is `None` for a skipped segment (`_`).
    BsGet {
        ctx: Var,
        spec: SegSpec,
        size: Option<Operand>,
        out: Option<Var>,
        rest: Var,
    },
    /// No bits left in match context `ctx`.
    BsEnd(Var),
}

/// Structural constructors a [`Expr::Switch`] can dispatch on. Cases of one switch are
/// mutually exclusive.
#[derive(Clone, Debug, PartialEq)]
pub enum Con {
    /// Exactly equal (`=:=`) to an atomic literal (atom, integer, float, `[]`).
    Lit(Literal),
    /// A tuple of this arity.
    Tuple(u32),
    /// A non-empty list cell.
    Cons,
    /// Any map.
    Map,
    /// Any bitstring (incl. binaries).
    Bitstring,
}

/// Why an [`Expr::Fail`] raises (class `error` unless noted). These are BEAM's error terms;
/// the runtime builds the reason term.
#[derive(Clone, Debug, PartialEq)]
pub enum FailReason {
    /// `{badmatch, V}`
    Badmatch(Operand),
    /// `{case_clause, V}`
    CaseClause(Operand),
    /// `if_clause`
    IfClause,
    /// `{try_clause, V}`
    TryClause(Operand),
    /// `function_clause`; the arguments go into the stack trace's first entry.
    FunctionClause(Vec<Operand>),
    /// `{bad_generator, V}`
    BadGenerator(Operand),
    /// `{bad_filter, V}`
    BadFilter(Operand),
    /// `{badarg, V}` (non-boolean operand of `andalso`/`orelse`)
    BadargValue(Operand),
    /// Re-raise an exception caught by a handler with its raw trace (`raw_raise`):
    /// class, reason, raw trace.
    Reraise(Operand, Operand, Operand),
}

/// The IR expression tree. Every path ends in a terminator: [`Expr::Return`],
/// [`Expr::TailCall`], [`Expr::Jump`] or [`Expr::Fail`].
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// `let var = prim in body`.
    Let {
        var: Var,
        prim: Prim,
        loc: Loc,
        body: Box<Expr>,
    },
    /// A primop whose value is unused (`recv_remove`, `recv_next`...).
    Do {
        prim: Prim,
        loc: Loc,
        body: Box<Expr>,
    },
    /// A non-tail call: the code generator saves the variables live in `body` (other than
    /// `var`) in a frame, and `body` becomes a continuation.
    LetCall {
        var: Var,
        call: Call,
        body: Box<Expr>,
    },
    /// A tail call (never inside a [`Expr::Try`] body).
    TailCall(Call),
    /// Return from the function (never inside a [`Expr::Try`] body).
    Return(Operand),
    /// `letjoin join(params) = join_body in body`: `join` is in scope in `body` (and, when
    /// `recursive`, in `join_body` too: a loop).
    LetJoin {
        join: JoinId,
        params: Vec<Var>,
        recursive: bool,
        join_body: Box<Expr>,
        body: Box<Expr>,
    },
    /// Jump to a join point in scope, binding its parameters.
    Jump(JoinId, Vec<Operand>),
    /// Branch on a primitive test.
    If {
        test: Test,
        then: Box<Expr>,
        else_: Box<Expr>,
    },
    /// Multi-way branch on the structure of `on`; `default` when no case applies.
    Switch {
        on: Var,
        cases: Vec<(Con, Expr)>,
        default: Box<Expr>,
    },
    /// Run `body` under a catch frame. `body` leaves only by jumping to a join point defined
    /// outside the `Try` (which pops the frame). An exception raised inside (and not caught
    /// by a nested `Try`) unwinds to this frame and runs `handler` with `class`, `reason`
    /// and the raw trace `trace` bound.
    Try {
        body: Box<Expr>,
        class: Var,
        reason: Var,
        trace: Var,
        handler: Box<Expr>,
    },
    /// Receive: look at the message under the save pointer. If there is one, bind it to
    /// `msg` and continue with `got`; otherwise continue with `empty`. Never suspends.
    RecvPeek {
        msg: Var,
        got: Box<Expr>,
        empty: Box<Expr>,
    },
    /// Receive: suspend until a new message arrives or the timeout expires. `timeout` is
    /// `None` for `infinity` (no `after`); else the operand (raises `timeout_value` if it is
    /// not a non-negative integer or `infinity`) and the expression to run on expiry
    /// (the runtime has reset the save pointer). On a new message, continue with `retry`.
    /// This suspends the process: the code generator saves the live variables as for a
    /// non-tail call.
    RecvWait {
        timeout: Option<(Operand, Box<Expr>)>,
        retry: Box<Expr>,
        loc: Loc,
    },
    /// Raise an error.
    Fail { reason: FailReason, loc: Loc },
}

/// What kind of function this is (for naming, `FunEntry`s and export tables).
#[derive(Clone, Debug, PartialEq)]
pub enum FunKind {
    /// A function defined in the module.
    Top { exported: bool },
    /// A lambda (`fun ... end`, or the wrapper made for `fun f/N`): `index` is its lambda
    /// index in the module (its `FunEntry`), `num_free` the captured variables passed after
    /// the visible arguments.
    Lambda { index: u32, num_free: u32 },
    /// A helper made by lowering (comprehension loops); extra parameters after the visible
    /// ones carry free variables. Called only directly.
    Helper,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub name: Atom,
    /// The visible arity (excluding free variables).
    pub arity: u32,
    pub kind: FunKind,
    /// Visible arguments followed by free variables.
    pub params: Vec<Var>,
    pub body: Expr,
    /// For printing: the source name of each variable (`None` for temporaries).
    pub var_names: Vec<Option<Atom>>,
    /// Number of join ids used (`JoinId(0..num_joins)`).
    pub num_joins: u32,
    pub loc: Loc,
}

impl Function {
    pub fn num_vars(&self) -> usize {
        self.var_names.len()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    pub name: Atom,
    /// File names referenced by [`Loc::file`]; `files[0]` is the module's own file.
    pub files: Vec<String>,
    /// Exported `(name, arity)` in `-export` order (deduplicated).
    pub exports: Vec<(Atom, u32)>,
    /// Other attributes (`-vsn`, `-author`, user attributes...), constants only, for
    /// `module_info(attributes)`.
    pub attributes: Vec<(Atom, Literal)>,
    /// `-on_load(F/0)`, if any.
    pub on_load: Option<(Atom, u32)>,
    pub functions: Vec<Function>,
    /// The inlined calls that [`Loc::inl`] refers to.
    pub inlined: Vec<Inlined>,
}

impl Module {
    pub fn function(&self, id: FunId) -> Option<&Function> {
        self.functions.get(id.0 as usize)
    }
    /// Find a top-level function by name and arity.
    pub fn find(&self, name: &str, arity: u32) -> Option<FunId> {
        self.functions
            .iter()
            .position(|f| {
                matches!(f.kind, FunKind::Top { .. }) && &*f.name == name && f.arity == arity
            })
            .map(|i| FunId(i as u32))
    }
}

// ---------------------------------------------------------------------------------------
// Structural helpers.

fn op_vars(o: &Operand, out: &mut BTreeSet<Var>) {
    if let Operand::Var(v) = o {
        out.insert(*v);
    }
}

impl Prim {
    /// Every operand read by this primop.
    pub fn operands(&self) -> Vec<&Operand> {
        match self {
            Prim::Move(o)
            | Prim::GetTupleElement(o, _)
            | Prim::GetHd(o)
            | Prim::GetTl(o)
            | Prim::BuildStacktrace(o)
            | Prim::BsStartMatch(o) => vec![o],
            Prim::Tuple(os) => os.iter().collect(),
            Prim::Cons(a, b) => vec![a, b],
            Prim::MapNew(kvs) => kvs.iter().flat_map(|(k, v)| [k, v]).collect(),
            Prim::MapUpdate { map, ops } => {
                let mut v = vec![map];
                for (_, k, x) in ops {
                    v.push(k);
                    v.push(x);
                }
                v
            }
            Prim::BinBuild(segs) => {
                let mut v = Vec::new();
                for s in segs {
                    v.push(&s.value);
                    if let Some(sz) = &s.size {
                        v.push(sz);
                    }
                }
                v
            }
            Prim::MakeFun { free, .. } => free.iter().collect(),
            Prim::Bif { args, .. } => args.iter().collect(),
            Prim::RecvRemove | Prim::RecvNext => vec![],
            Prim::RecvUseMark(o) => vec![o],
        }
    }
    /// `true` if this primop can raise an exception in body context.
    pub fn may_raise(&self) -> bool {
        matches!(
            self,
            Prim::MapUpdate { .. } | Prim::BinBuild(_) | Prim::Bif { .. }
        )
    }
}

impl Test {
    pub fn operands(&self) -> Vec<&Operand> {
        match self {
            Test::Type(_, o) | Test::TupleArity(o, _) => vec![o],
            Test::FunctionArity(a, b) | Test::Cmp(_, a, b) => vec![a, b],
            Test::MapGet { map, key, .. } => vec![map, key],
            Test::Guard { prim, .. } => prim.operands(),
            Test::BsGet { size, .. } => size.iter().collect(),
            Test::BsEnd(_) => vec![],
        }
    }
    /// Variables read by the test (including match contexts).
    pub fn uses(&self) -> BTreeSet<Var> {
        let mut s = BTreeSet::new();
        for o in self.operands() {
            op_vars(o, &mut s);
        }
        match self {
            Test::BsGet { ctx, .. } | Test::BsEnd(ctx) => {
                s.insert(*ctx);
            }
            _ => {}
        }
        s
    }
    /// Variables bound in the `then` branch.
    pub fn binds(&self) -> Vec<Var> {
        match self {
            Test::MapGet { out, .. } | Test::Guard { out, .. } => vec![*out],
            Test::BsGet { out, rest, .. } => out.iter().copied().chain([*rest]).collect(),
            _ => vec![],
        }
    }
}

impl Expr {
    /// The free variables of an expression (variables read but not bound inside it).
    /// The code generator uses this for the live set of continuations, join points and
    /// handlers.
    pub fn free_vars(&self) -> BTreeSet<Var> {
        let mut out = BTreeSet::new();
        free_vars_into(self, &mut out);
        out
    }

    /// Number of `Jump`s to `j` inside this expression.
    pub fn count_jumps(&self, j: JoinId) -> usize {
        let mut n = 0;
        self.visit(&mut |e| {
            if let Expr::Jump(k, _) = e {
                if *k == j {
                    n += 1;
                }
            }
        });
        n
    }

    /// The direct sub-expressions, for rewriting in place.
    pub fn children_mut(&mut self) -> Vec<&mut Expr> {
        match self {
            Expr::Let { body, .. } | Expr::Do { body, .. } | Expr::LetCall { body, .. } => {
                vec![body]
            }
            Expr::TailCall(_) | Expr::Return(_) | Expr::Jump(..) | Expr::Fail { .. } => vec![],
            Expr::LetJoin {
                join_body, body, ..
            } => vec![join_body, body],
            Expr::If { then, else_, .. } => vec![then, else_],
            Expr::Switch { cases, default, .. } => {
                let mut v: Vec<&mut Expr> = cases.iter_mut().map(|(_, c)| c).collect();
                v.push(default);
                v
            }
            Expr::Try { body, handler, .. } => vec![body, handler],
            Expr::RecvPeek { got, empty, .. } => vec![got, empty],
            Expr::RecvWait { timeout, retry, .. } => {
                let mut v: Vec<&mut Expr> = timeout.iter_mut().map(|(_, e)| &mut **e).collect();
                v.push(retry);
                v
            }
        }
    }

    /// Pre-order visit of every sub-expression.
    pub fn visit(&self, f: &mut dyn FnMut(&Expr)) {
        f(self);
        match self {
            Expr::Let { body, .. } | Expr::Do { body, .. } | Expr::LetCall { body, .. } => {
                body.visit(f)
            }
            Expr::TailCall(_) | Expr::Return(_) | Expr::Jump(..) | Expr::Fail { .. } => {}
            Expr::LetJoin {
                join_body, body, ..
            } => {
                join_body.visit(f);
                body.visit(f);
            }
            Expr::If { then, else_, .. } => {
                then.visit(f);
                else_.visit(f);
            }
            Expr::Switch { cases, default, .. } => {
                for (_, e) in cases {
                    e.visit(f);
                }
                default.visit(f);
            }
            Expr::Try { body, handler, .. } => {
                body.visit(f);
                handler.visit(f);
            }
            Expr::RecvPeek { got, empty, .. } => {
                got.visit(f);
                empty.visit(f);
            }
            Expr::RecvWait { timeout, retry, .. } => {
                if let Some((_, e)) = timeout {
                    e.visit(f);
                }
                retry.visit(f);
            }
        }
    }
}

fn call_vars(c: &Call, out: &mut BTreeSet<Var>) {
    match &c.callee {
        Callee::Local { .. } => {}
        Callee::Remote { module, function } => {
            op_vars(module, out);
            op_vars(function, out);
        }
        Callee::Apply { fun } => op_vars(fun, out),
    }
    for a in &c.args {
        op_vars(a, out);
    }
}

fn fail_operands(r: &FailReason) -> Vec<&Operand> {
    match r {
        FailReason::Badmatch(o)
        | FailReason::CaseClause(o)
        | FailReason::TryClause(o)
        | FailReason::BadGenerator(o)
        | FailReason::BadFilter(o)
        | FailReason::BadargValue(o) => vec![o],
        FailReason::IfClause => vec![],
        FailReason::FunctionClause(os) => os.iter().collect(),
        FailReason::Reraise(a, b, c) => vec![a, b, c],
    }
}

impl FailReason {
    pub fn operands(&self) -> Vec<&Operand> {
        fail_operands(self)
    }
}

fn free_vars_into(e: &Expr, out: &mut BTreeSet<Var>) {
    match e {
        Expr::Let {
            var, prim, body, ..
        } => {
            let mut inner = body.free_vars();
            inner.remove(var);
            out.extend(inner);
            for o in prim.operands() {
                op_vars(o, out);
            }
        }
        Expr::Do { prim, body, .. } => {
            free_vars_into(body, out);
            for o in prim.operands() {
                op_vars(o, out);
            }
        }
        Expr::LetCall { var, call, body } => {
            let mut inner = body.free_vars();
            inner.remove(var);
            out.extend(inner);
            call_vars(call, out);
        }
        Expr::TailCall(c) => call_vars(c, out),
        Expr::Return(o) => op_vars(o, out),
        Expr::LetJoin {
            params,
            join_body,
            body,
            ..
        } => {
            let mut inner = join_body.free_vars();
            for p in params {
                inner.remove(p);
            }
            out.extend(inner);
            free_vars_into(body, out);
        }
        Expr::Jump(_, args) => {
            for a in args {
                op_vars(a, out);
            }
        }
        Expr::If { test, then, else_ } => {
            out.extend(test.uses());
            let mut t = then.free_vars();
            for b in test.binds() {
                t.remove(&b);
            }
            out.extend(t);
            free_vars_into(else_, out);
        }
        Expr::Switch { on, cases, default } => {
            out.insert(*on);
            for (_, c) in cases {
                free_vars_into(c, out);
            }
            free_vars_into(default, out);
        }
        Expr::Try {
            body,
            class,
            reason,
            trace,
            handler,
        } => {
            free_vars_into(body, out);
            let mut h = handler.free_vars();
            h.remove(class);
            h.remove(reason);
            h.remove(trace);
            out.extend(h);
        }
        Expr::RecvPeek { msg, got, empty } => {
            let mut g = got.free_vars();
            g.remove(msg);
            out.extend(g);
            free_vars_into(empty, out);
        }
        Expr::RecvWait { timeout, retry, .. } => {
            if let Some((t, e)) = timeout {
                op_vars(t, out);
                free_vars_into(e, out);
            }
            free_vars_into(retry, out);
        }
        Expr::Fail { reason, .. } => {
            for o in fail_operands(reason) {
                op_vars(o, out);
            }
        }
    }
}

impl fmt::Display for Var {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "_{}", self.0)
    }
}
