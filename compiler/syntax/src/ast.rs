//! The abstract syntax tree of one module, close to OTP's abstract format (erl_parse).
//!
//! Patterns and guards are [`Expr`]s, as in erl_parse: the parser accepts the expression
//! grammar in pattern positions and sema rejects what is not a legal pattern or guard.
//! Records are kept as written here; [`crate::records`] expands them to tuples.

use crate::token::Name;
use ferl_diagnostics::Span;
use num_bigint::BigInt;
use std::fmt;

/// An integer literal: small ones inline, the rest as bignums.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IntLit {
    Small(i64),
    Big(Box<BigInt>),
}

impl IntLit {
    pub fn from_bigint(b: BigInt) -> IntLit {
        use num_traits::ToPrimitive;
        match b.to_i64() {
            Some(i) => IntLit::Small(i),
            None => IntLit::Big(Box::new(b)),
        }
    }
    pub fn to_bigint(&self) -> BigInt {
        match self {
            IntLit::Small(i) => BigInt::from(*i),
            IntLit::Big(b) => (**b).clone(),
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            IntLit::Small(i) => Some(*i),
            IntLit::Big(_) => None,
        }
    }
}

impl fmt::Display for IntLit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntLit::Small(i) => write!(f, "{i}"),
            IntLit::Big(b) => write!(f, "{b}"),
        }
    }
}

/// A whole module: its forms in source order (after preprocessing).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Module {
    pub forms: Vec<Form>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    pub span: Span,
}

/// `name/arity`, as in export lists and `fun f/1`.
#[derive(Clone, Debug, PartialEq)]
pub struct FunRef {
    pub name: Name,
    pub arity: u32,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FormKind {
    /// `-module(m).`
    Module(Name),
    /// `-behaviour(b).` / `-behavior(b).`
    Behaviour(Name),
    /// `-export([f/1, ...]).`
    Export(Vec<FunRef>),
    /// `-import(m, [f/1, ...]).`
    Import(Name, Vec<FunRef>),
    /// `-export_type([t/0, ...]).`
    ExportType(Vec<FunRef>),
    /// `-record(name, {fields}).`
    Record(Name, Vec<RecordFieldDef>),
    /// `-type`/`-opaque name(Params) :: Type.`
    TypeDef(TypeDef),
    /// `-spec`/`-callback`.
    Spec(Spec),
    /// `-file("name", Line).` (also emitted by the preprocessor around includes).
    File(String, u32),
    /// Any other attribute `-name(Term).`: compile, on_load, dialyzer, vsn, author,
    /// nifs, deprecated, and user-defined ones. The value is kept as an expression.
    Attribute(Name, Expr),
    /// A function definition: all its clauses (same name and arity).
    Function(Function),
    /// A form that failed to parse; its diagnostic has been reported. Kept so later
    /// phases can tell "there was something here" (e.g. not to report its uses).
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub name: Name,
    pub arity: u32,
    pub clauses: Vec<Clause>,
    pub span: Span,
}

/// A clause: `Patterns when Guards -> Body`. Used for function clauses (patterns = args),
/// case/receive/try-of clauses (one pattern), if clauses (no patterns), fun clauses,
/// and catch clauses (three patterns: Class, Reason, Stacktrace; a missing class is the
/// atom `throw` and a missing stacktrace the variable `_`).
#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    /// For function clauses and named-fun clauses: the name written on this clause
    /// (sema checks it matches the function: "head mismatch").
    pub name: Option<Name>,
    pub patterns: Vec<Expr>,
    /// Guard sequence: alternatives separated by `;`, each a `,`-separated conjunction.
    pub guards: Vec<Vec<Expr>>,
    pub body: Vec<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    // `!`
    Send,
    // `=` is ExprKind::Match, not a BinOp.
    Orelse,
    Andalso,
    Eq,
    Neq,
    Le,
    Lt,
    Ge,
    Gt,
    ExactEq,
    ExactNeq,
    Append,
    Subtract,
    Add,
    Sub,
    Bor,
    Bxor,
    Bsl,
    Bsr,
    Or,
    Xor,
    Mul,
    FDiv,
    Div,
    Rem,
    Band,
    And,
}

impl BinOp {
    /// The operator as written in source (and as the atom erl_parse uses).
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Send => "!",
            BinOp::Orelse => "orelse",
            BinOp::Andalso => "andalso",
            BinOp::Eq => "==",
            BinOp::Neq => "/=",
            BinOp::Le => "=<",
            BinOp::Lt => "<",
            BinOp::Ge => ">=",
            BinOp::Gt => ">",
            BinOp::ExactEq => "=:=",
            BinOp::ExactNeq => "=/=",
            BinOp::Append => "++",
            BinOp::Subtract => "--",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Bor => "bor",
            BinOp::Bxor => "bxor",
            BinOp::Bsl => "bsl",
            BinOp::Bsr => "bsr",
            BinOp::Or => "or",
            BinOp::Xor => "xor",
            BinOp::Mul => "*",
            BinOp::FDiv => "/",
            BinOp::Div => "div",
            BinOp::Rem => "rem",
            BinOp::Band => "band",
            BinOp::And => "and",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    Plus,
    Minus,
    Bnot,
    Not,
}

impl UnOp {
    pub fn as_str(self) -> &'static str {
        match self {
            UnOp::Plus => "+",
            UnOp::Minus => "-",
            UnOp::Bnot => "bnot",
            UnOp::Not => "not",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Var(Name),
    Atom(Name),
    Integer(IntLit),
    Float(f64),
    /// `$c`; a character is an integer at run time, kept apart for printing.
    Char(u32),
    /// A string literal (adjacent literals already concatenated).
    String(String),
    /// `[]`
    Nil,
    /// `[H | T]`; `[A, B]` is `Cons(A, Cons(B, Nil))`.
    Cons(Box<Expr>, Box<Expr>),
    Tuple(Vec<Expr>),
    /// `#{...}` (base `None`) or `Base#{...}` (update).
    Map(Option<Box<Expr>>, Vec<MapField>),
    /// `#name{f = V, ...}` (base `None`) or `Base#name{...}` (update).
    Record {
        base: Option<Box<Expr>>,
        name: Name,
        fields: Vec<RecordField>,
    },
    /// `#name.field`: the field's tuple index.
    RecordIndex {
        name: Name,
        field: Name,
    },
    /// `Expr#name.field`
    RecordAccess {
        expr: Box<Expr>,
        name: Name,
        field: Name,
    },
    /// `<<Elements>>`
    Binary(Vec<BinElement>),
    /// `Pattern = Expr` (also an alias inside patterns).
    Match(Box<Expr>, Box<Expr>),
    BinOp(BinOp, Box<Expr>, Box<Expr>),
    UnOp(UnOp, Box<Expr>),
    /// `F(Args)` where `F` is any expression, including [`ExprKind::Remote`] for `M:F(Args)`.
    Call(Box<Expr>, Vec<Expr>),
    /// `M:F`, only as the callee of a call.
    Remote(Box<Expr>, Box<Expr>),
    /// `catch Expr`
    Catch(Box<Expr>),
    /// `begin ... end`
    Block(Vec<Expr>),
    /// `if Clauses end` (clauses have no patterns).
    If(Vec<Clause>),
    Case(Box<Expr>, Vec<Clause>),
    Receive {
        clauses: Vec<Clause>,
        after: Option<After>,
    },
    Try(Box<Try>),
    Fun(Box<Fun>),
    ListComp(Box<Expr>, Vec<Qualifier>),
    BinaryComp(Box<Expr>, Vec<Qualifier>),
    /// `#{K => V || Qualifiers}`: (key, value, qualifiers).
    MapComp(Box<Expr>, Box<Expr>, Vec<Qualifier>),
    /// `?MACRO` left unexpanded is never produced; this is a placeholder for a subexpression
    /// that failed to parse inside an otherwise good form (reserved for error recovery).
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct After {
    pub timeout: Box<Expr>,
    pub body: Vec<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Try {
    pub body: Vec<Expr>,
    /// `of` clauses (empty if none).
    pub of_clauses: Vec<Clause>,
    /// `catch` clauses, each with three patterns (Class, Reason, Stacktrace).
    pub catch_clauses: Vec<Clause>,
    /// `after` body (empty if none).
    pub after: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Fun {
    /// `fun name/arity`
    Local(FunRef),
    /// `fun M:F/A` where each part may be a variable or a literal.
    Remote {
        module: Expr,
        function: Expr,
        arity: Expr,
    },
    /// `fun (Args) -> ... end`
    Anonymous(Vec<Clause>),
    /// `fun Name(Args) -> ... Name(...) ... end`
    Named(Name, Vec<Clause>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapOp {
    /// `=>`
    Assoc,
    /// `:=`
    Exact,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MapField {
    pub op: MapOp,
    pub key: Expr,
    pub value: Expr,
    pub span: Span,
}

/// `field = Value` in a record expression; the field `_` sets all other fields.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordField {
    pub name: Name,
    pub value: Expr,
    pub span: Span,
}

/// A field in `-record(r, {...})`: `name`, `name = Default`, `name :: Type`, `name = D :: T`.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordFieldDef {
    pub name: Name,
    pub default: Option<Expr>,
    pub ty: Option<Type>,
    pub span: Span,
}

/// One element of a binary: `Value:Size/TypeSpecifiers`.
#[derive(Clone, Debug, PartialEq)]
pub struct BinElement {
    pub value: Expr,
    pub size: Option<Expr>,
    /// The type specifier list as written (`integer`, `little`, `unit:8`, ...); `None`
    /// for "default".
    pub specifiers: Option<Vec<BinSpecifier>>,
    pub span: Span,
}

/// A bit-syntax type specifier: a name (`binary`, `signed`, `little`, ...) or
/// `unit:N` (`name = "unit"`, `value = Some(N)`).
#[derive(Clone, Debug, PartialEq)]
pub struct BinSpecifier {
    pub name: Name,
    pub value: Option<u32>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Qualifier {
    /// `Pattern <- ListExpr`
    Generator(Expr, Expr),
    /// `Pattern <= BinaryExpr`
    BinGenerator(Expr, Expr),
    /// `K := V <- MapExpr` (OTP 26 map generator; accepted for completeness).
    MapGenerator(Expr, Expr, Expr),
    /// A boolean filter (or guard-like test).
    Filter(Expr),
}

// ---------------------------------------------------------------------------------------
// Types (for -type/-opaque/-spec/-callback and typed record fields): parsed and kept.

#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// `true` for `-opaque`.
    pub opaque: bool,
    pub name: Name,
    /// Parameter variables.
    pub params: Vec<Name>,
    pub body: Type,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// `true` for `-callback`.
    pub callback: bool,
    /// `-spec m:f(...)`: the module, if written.
    pub module: Option<Name>,
    pub name: Name,
    pub arity: u32,
    /// One signature per `;`-separated alternative.
    pub clauses: Vec<FunSig>,
}

/// `(Args) -> Ret when Constraints`.
#[derive(Clone, Debug, PartialEq)]
pub struct FunSig {
    pub args: Vec<Type>,
    pub ret: Type,
    pub constraints: Vec<TypeConstraint>,
    pub span: Span,
}

/// `Var :: Type` or the old `is_subtype(Var, Type)` in a `when` of a spec.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeConstraint {
    pub var: Name,
    pub ty: Type,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Type {
    pub kind: TypeKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// A type variable (`_` included).
    Var(Name),
    /// A singleton atom type.
    Atom(Name),
    /// A singleton integer type or integer-valued type expression.
    Integer(IntLit),
    Char(u32),
    /// `Lo..Hi`
    Range(Box<Type>, Box<Type>),
    /// Arithmetic in integer type expressions: `1 bsl 8 - 1`.
    BinOp(BinOp, Box<Type>, Box<Type>),
    UnOp(UnOp, Box<Type>),
    /// `T1 | T2 | ...`
    Union(Vec<Type>),
    /// `Name :: Type` (an annotated type).
    Annotated(Name, Box<Type>),
    /// `name(Args)`: a built-in or local user type.
    Named {
        name: Name,
        args: Vec<Type>,
    },
    /// `m:name(Args)`
    Remote {
        module: Name,
        name: Name,
        args: Vec<Type>,
    },
    /// `[]`
    Nil,
    /// `[T]`
    List(Box<Type>),
    /// `[T, ...]`
    NonEmptyList(Box<Type>),
    /// `{}` / `{T1, ...}`
    Tuple(Vec<Type>),
    /// `tuple()` is `Named`; this is `#{...}`: `None` never, fields as written.
    Map(Vec<MapFieldType>),
    /// `#r{}` / `#r{f :: T}`
    Record(Name, Vec<(Name, Type)>),
    /// `<<>>`, `<<_:M>>`, `<<_:_*N>>`, `<<_:M, _:_*N>>`: (M, N).
    Binary(Option<Box<Type>>, Option<Box<Type>>),
    /// `fun()` (any fun): `None`; `fun((...) -> T)`: params `None`; `fun((A, B) -> T)`.
    Fun(Option<FunTypeSig>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct FunTypeSig {
    /// `None` for `fun((...) -> T)`.
    pub params: Option<Vec<Type>>,
    pub ret: Box<Type>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MapFieldType {
    pub op: MapOp,
    pub key: Type,
    pub value: Type,
}

// ---------------------------------------------------------------------------------------
// Small helpers used by every phase.

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Self {
        Expr { kind, span }
    }
    pub fn atom(name: &str, span: Span) -> Self {
        Expr::new(ExprKind::Atom(name.into()), span)
    }
    /// Is this the variable `_`?
    pub fn is_wildcard(&self) -> bool {
        matches!(&self.kind, ExprKind::Var(v) if &**v == "_")
    }
}

impl Module {
    /// The module name from `-module(...)`, if present.
    pub fn name(&self) -> Option<&Name> {
        self.forms.iter().find_map(|f| match &f.kind {
            FormKind::Module(m) => Some(m),
            _ => None,
        })
    }
    pub fn functions(&self) -> impl Iterator<Item = &Function> {
        self.forms.iter().filter_map(|f| match &f.kind {
            FormKind::Function(func) => Some(func),
            _ => None,
        })
    }
}
