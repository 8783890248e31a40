//! TEMPORARY: a tiny expression parser for `-if`/`-elif` conditions, used only until
//! `crate::parser::parse_expr` lands on main (then `mod.rs::parse_condition` switches to
//! it and this file is deleted). Covers the guard subset: literals, variables, lists,
//! tuples, unary/binary operators with erl_parse's priorities, local and remote calls.
//!
//! Must not: be used for anything but conditions; panic.

use crate::ast::{BinOp, Expr, ExprKind, UnOp};
use crate::token::{Tok, Token};
use ferl_diagnostics::{Diagnostic, Span};

pub(crate) fn parse_expr(tokens: &[Token]) -> Result<Expr, Diagnostic> {
    let mut toks: Vec<Token> = tokens.to_vec();
    if toks.last().map(|t| t.kind == Tok::FormEnd).unwrap_or(false) {
        toks.pop();
    }
    let mut p = P { toks: &toks, pos: 0, depth: 0 };
    let e = p.expr(0)?;
    if p.pos < toks.len() {
        return Err(p.error());
    }
    Ok(e)
}

struct P<'a> {
    toks: &'a [Token],
    pos: usize,
    depth: usize,
}

fn binop(t: &Tok) -> Option<(BinOp, u8, bool)> {
    // (op, priority, right-assoc)
    Some(match t {
        Tok::Orelse => (BinOp::Orelse, 1, true),
        Tok::Andalso => (BinOp::Andalso, 2, true),
        Tok::Eq => (BinOp::Eq, 3, false),
        Tok::Neq => (BinOp::Neq, 3, false),
        Tok::Le => (BinOp::Le, 3, false),
        Tok::Lt => (BinOp::Lt, 3, false),
        Tok::Ge => (BinOp::Ge, 3, false),
        Tok::Gt => (BinOp::Gt, 3, false),
        Tok::ExactEq => (BinOp::ExactEq, 3, false),
        Tok::ExactNeq => (BinOp::ExactNeq, 3, false),
        Tok::PlusPlus => (BinOp::Append, 4, true),
        Tok::MinusMinus => (BinOp::Subtract, 4, true),
        Tok::Plus => (BinOp::Add, 5, false),
        Tok::Minus => (BinOp::Sub, 5, false),
        Tok::Bor => (BinOp::Bor, 5, false),
        Tok::Bxor => (BinOp::Bxor, 5, false),
        Tok::Bsl => (BinOp::Bsl, 5, false),
        Tok::Bsr => (BinOp::Bsr, 5, false),
        Tok::Or => (BinOp::Or, 5, false),
        Tok::Xor => (BinOp::Xor, 5, false),
        Tok::Star => (BinOp::Mul, 6, false),
        Tok::Slash => (BinOp::FDiv, 6, false),
        Tok::Div => (BinOp::Div, 6, false),
        Tok::Rem => (BinOp::Rem, 6, false),
        Tok::Band => (BinOp::Band, 6, false),
        Tok::And => (BinOp::And, 6, false),
        _ => return None,
    })
}

impl P<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.kind)
    }
    fn span(&self) -> Span {
        self.toks.get(self.pos).or(self.toks.last()).map(|t| t.span).unwrap_or_default()
    }
    fn error(&self) -> Diagnostic {
        let what = match self.toks.get(self.pos) {
            Some(t) => match &t.kind {
                Tok::Atom(_) | Tok::Var(_) | Tok::Integer(_) | Tok::Float(_) | Tok::Char(_) | Tok::String(_) => t.kind.text(),
                other => crate::print::atom(other.symbol()),
            },
            None => "'.'".to_string(),
        };
        Diagnostic::error("E0201", self.span(), format!("syntax error before: {what}"))
    }
    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek() == Some(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect(&mut self, t: &Tok) -> Result<(), Diagnostic> {
        if self.eat(t) { Ok(()) } else { Err(self.error()) }
    }

    fn expr(&mut self, min: u8) -> Result<Expr, Diagnostic> {
        self.depth += 1;
        if self.depth > 300 {
            return Err(self.error());
        }
        let mut lhs = self.unary()?;
        while let Some((op, prio, right)) = self.peek().and_then(binop) {
            if prio < min {
                break;
            }
            self.pos += 1;
            let rhs = self.expr(if right { prio } else { prio + 1 })?;
            let span = lhs.span.to(rhs.span);
            lhs = Expr::new(ExprKind::BinOp(op, Box::new(lhs), Box::new(rhs)), span);
            if prio == 3 && self.peek().and_then(binop).map(|b| b.1 == 3).unwrap_or(false) {
                return Err(self.error());
            }
        }
        self.depth -= 1;
        Ok(lhs)
    }

    fn unary(&mut self) -> Result<Expr, Diagnostic> {
        let span = self.span();
        let op = match self.peek() {
            Some(Tok::Minus) => Some(UnOp::Minus),
            Some(Tok::Plus) => Some(UnOp::Plus),
            Some(Tok::Not) => Some(UnOp::Not),
            Some(Tok::Bnot) => Some(UnOp::Bnot),
            _ => None,
        };
        if let Some(op) = op {
            self.pos += 1;
            self.depth += 1;
            if self.depth > 300 {
                return Err(self.error());
            }
            let e = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::new(ExprKind::UnOp(op, Box::new(e)), span));
        }
        let prim = self.primary()?;
        self.call(prim)
    }

    fn call(&mut self, e: Expr) -> Result<Expr, Diagnostic> {
        let mut callee = e;
        if self.peek() == Some(&Tok::Colon) {
            self.pos += 1;
            let f = self.primary()?;
            let span = callee.span.to(f.span);
            callee = Expr::new(ExprKind::Remote(Box::new(callee), Box::new(f)), span);
            if self.peek() != Some(&Tok::LParen) {
                return Err(self.error());
            }
        }
        if self.peek() == Some(&Tok::LParen) {
            self.pos += 1;
            let mut args = Vec::new();
            if !self.eat(&Tok::RParen) {
                loop {
                    args.push(self.expr(0)?);
                    if self.eat(&Tok::Comma) {
                        continue;
                    }
                    self.expect(&Tok::RParen)?;
                    break;
                }
            }
            let span = callee.span;
            return Ok(Expr::new(ExprKind::Call(Box::new(callee), args), span));
        }
        Ok(callee)
    }

    fn primary(&mut self) -> Result<Expr, Diagnostic> {
        let span = self.span();
        let Some(t) = self.peek().cloned() else {
            return Err(self.error());
        };
        self.pos += 1;
        let kind = match t {
            Tok::Atom(a) => ExprKind::Atom(a),
            Tok::Var(v) => ExprKind::Var(v),
            Tok::Integer(i) => ExprKind::Integer(i),
            Tok::Float(f) => ExprKind::Float(f),
            Tok::Char(c) => ExprKind::Char(c),
            Tok::String(s) => {
                let mut all = s.to_string();
                while let Some(Tok::String(more)) = self.peek() {
                    all.push_str(more);
                    self.pos += 1;
                }
                ExprKind::String(all)
            }
            Tok::LParen => {
                let e = self.expr(0)?;
                self.expect(&Tok::RParen)?;
                return Ok(e);
            }
            Tok::LBrace => {
                let mut es = Vec::new();
                if !self.eat(&Tok::RBrace) {
                    loop {
                        es.push(self.expr(0)?);
                        if self.eat(&Tok::Comma) {
                            continue;
                        }
                        self.expect(&Tok::RBrace)?;
                        break;
                    }
                }
                ExprKind::Tuple(es)
            }
            Tok::LBracket => {
                if self.eat(&Tok::RBracket) {
                    ExprKind::Nil
                } else {
                    let mut es = vec![self.expr(0)?];
                    while self.eat(&Tok::Comma) {
                        es.push(self.expr(0)?);
                    }
                    let mut tail = if self.eat(&Tok::Bar) { self.expr(0)? } else { Expr::new(ExprKind::Nil, span) };
                    self.expect(&Tok::RBracket)?;
                    for e in es.into_iter().rev() {
                        tail = Expr::new(ExprKind::Cons(Box::new(e), Box::new(tail)), span);
                    }
                    return Ok(tail);
                }
            }
            _ => {
                self.pos -= 1;
                return Err(self.error());
            }
        };
        Ok(Expr::new(kind, span))
    }
}
