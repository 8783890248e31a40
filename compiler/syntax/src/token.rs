//! Tokens: the lexer's output, the preprocessor's input and output, the parser's input.

use crate::ast::IntLit;
use ferl_diagnostics::Span;
use std::sync::Arc;

/// Interned-ish name (atoms, variables). Cheap to clone.
pub type Name = Arc<str>;

/// A token with its span (byte offsets in the file it came from).
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub kind: Tok,
    pub span: Span,
}

/// Every token kind of Erlang/OTP 25.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    // literals and names
    /// An atom, plain or quoted, with escapes already resolved.
    Atom(Name),
    Var(Name),
    Integer(IntLit),
    Float(f64),
    /// `$c`: the code point.
    Char(u32),
    /// One string literal (adjacent strings are separate tokens; the parser joins them).
    String(Arc<str>),

    // reserved words
    After,
    And,
    Andalso,
    Band,
    Begin,
    Bnot,
    Bor,
    Bsl,
    Bsr,
    Bxor,
    Case,
    Catch,
    Cond,
    Div,
    End,
    Fun,
    If,
    Let,
    Not,
    Of,
    Or,
    Orelse,
    Receive,
    Rem,
    Try,
    When,
    Xor,

    // punctuation and operators
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Comma,
    Semi,
    Colon,
    /// `::`
    ColonColon,
    /// `.` inside a form (record field access `X#r.f`).
    Dot,
    /// `..`
    DotDot,
    /// `...`
    DotDotDot,
    /// `.` followed by whitespace, `%` or end of input: ends a form.
    FormEnd,
    /// `|`
    Bar,
    /// `||`
    BarBar,
    /// `->`
    Arrow,
    /// `=>`
    AssocArrow,
    /// `:=`
    ExactArrow,
    /// `<<`
    LtLt,
    /// `>>`
    GtGt,
    /// `<-`
    LeftArrow,
    /// `<=`
    DoubleLeftArrow,
    /// `#`
    Hash,
    /// `?`
    Question,
    /// `??`
    QuestionQuestion,
    /// `!`
    Bang,
    /// `=`
    Match,
    /// `==`
    Eq,
    /// `=:=`
    ExactEq,
    /// `=/=`
    ExactNeq,
    /// `/=`
    Neq,
    /// `<`
    Lt,
    /// `=<`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    Plus,
    Minus,
    Star,
    Slash,
    /// `++`
    PlusPlus,
    /// `--`
    MinusMinus,
    /// Any other character: erl_scan makes it a token of its own and the parser rejects
    /// it (`syntax error before: '`'`).
    Unknown(char),
}

impl Tok {
    /// The reserved word for an identifier, if it is one.
    pub fn keyword(s: &str) -> Option<Tok> {
        Some(match s {
            "after" => Tok::After,
            "and" => Tok::And,
            "andalso" => Tok::Andalso,
            "band" => Tok::Band,
            "begin" => Tok::Begin,
            "bnot" => Tok::Bnot,
            "bor" => Tok::Bor,
            "bsl" => Tok::Bsl,
            "bsr" => Tok::Bsr,
            "bxor" => Tok::Bxor,
            "case" => Tok::Case,
            "catch" => Tok::Catch,
            "cond" => Tok::Cond,
            "div" => Tok::Div,
            "end" => Tok::End,
            "fun" => Tok::Fun,
            "if" => Tok::If,
            "let" => Tok::Let,
            "not" => Tok::Not,
            "of" => Tok::Of,
            "or" => Tok::Or,
            "orelse" => Tok::Orelse,
            "receive" => Tok::Receive,
            "rem" => Tok::Rem,
            "try" => Tok::Try,
            "when" => Tok::When,
            "xor" => Tok::Xor,
            _ => return None,
        })
    }

    /// How the token is written, for messages like erlc's `syntax error before: X`
    /// and for `-E` output. Literals are written in Erlang source form.
    pub fn text(&self) -> String {
        match self {
            Tok::Atom(a) => crate::print::atom(a),
            Tok::Var(v) => v.to_string(),
            Tok::Integer(i) => i.to_string(),
            Tok::Float(f) => crate::print::float(*f),
            Tok::Char(c) => crate::print::char_literal(*c),
            Tok::String(s) => crate::print::string(s),
            Tok::Unknown(c) => c.to_string(),
            other => other.symbol().to_string(),
        }
    }

    /// The fixed spelling of keywords and punctuation ("" for literals and names).
    pub fn symbol(&self) -> &'static str {
        match self {
            Tok::After => "after",
            Tok::And => "and",
            Tok::Andalso => "andalso",
            Tok::Band => "band",
            Tok::Begin => "begin",
            Tok::Bnot => "bnot",
            Tok::Bor => "bor",
            Tok::Bsl => "bsl",
            Tok::Bsr => "bsr",
            Tok::Bxor => "bxor",
            Tok::Case => "case",
            Tok::Catch => "catch",
            Tok::Cond => "cond",
            Tok::Div => "div",
            Tok::End => "end",
            Tok::Fun => "fun",
            Tok::If => "if",
            Tok::Let => "let",
            Tok::Not => "not",
            Tok::Of => "of",
            Tok::Or => "or",
            Tok::Orelse => "orelse",
            Tok::Receive => "receive",
            Tok::Rem => "rem",
            Tok::Try => "try",
            Tok::When => "when",
            Tok::Xor => "xor",
            Tok::LParen => "(",
            Tok::RParen => ")",
            Tok::LBracket => "[",
            Tok::RBracket => "]",
            Tok::LBrace => "{",
            Tok::RBrace => "}",
            Tok::Comma => ",",
            Tok::Semi => ";",
            Tok::Colon => ":",
            Tok::ColonColon => "::",
            Tok::Dot => ".",
            Tok::DotDot => "..",
            Tok::DotDotDot => "...",
            Tok::FormEnd => ".",
            Tok::Bar => "|",
            Tok::BarBar => "||",
            Tok::Arrow => "->",
            Tok::AssocArrow => "=>",
            Tok::ExactArrow => ":=",
            Tok::LtLt => "<<",
            Tok::GtGt => ">>",
            Tok::LeftArrow => "<-",
            Tok::DoubleLeftArrow => "<=",
            Tok::Hash => "#",
            Tok::Question => "?",
            Tok::QuestionQuestion => "??",
            Tok::Bang => "!",
            Tok::Match => "=",
            Tok::Eq => "==",
            Tok::ExactEq => "=:=",
            Tok::ExactNeq => "=/=",
            Tok::Neq => "/=",
            Tok::Lt => "<",
            Tok::Le => "=<",
            Tok::Gt => ">",
            Tok::Ge => ">=",
            Tok::Plus => "+",
            Tok::Minus => "-",
            Tok::Star => "*",
            Tok::Slash => "/",
            Tok::PlusPlus => "++",
            Tok::MinusMinus => "--",
            Tok::Atom(_)
            | Tok::Var(_)
            | Tok::Integer(_)
            | Tok::Float(_)
            | Tok::Char(_)
            | Tok::String(_)
            | Tok::Unknown(_) => "",
        }
    }
}
