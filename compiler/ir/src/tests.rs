//! Unit tests of the pieces that need no parser: constant folding, the bit writer, the
//! printer's term syntax, free variables and the simplifier.

use crate::ir::*;
use crate::literal::{constant, BitWriter};
use crate::print::{atom, literal};
use ferl_diagnostics::Span;
use ferl_syntax::ast::{self, BinOp, ExprKind, IntLit, UnOp};
use num_bigint::BigInt;

fn e(kind: ExprKind) -> ast::Expr {
    ast::Expr::new(kind, Span::default())
}
fn int(i: i64) -> ast::Expr {
    e(ExprKind::Integer(IntLit::Small(i)))
}

#[test]
fn folds_arithmetic_and_negation() {
    let x = e(ExprKind::BinOp(
        BinOp::Bsl,
        Box::new(int(1)),
        Box::new(int(70)),
    ));
    assert_eq!(constant(&x), Some(Literal::Int(BigInt::from(1) << 70)));
    assert_eq!(
        constant(&e(ExprKind::UnOp(UnOp::Minus, Box::new(int(5))))),
        Some(Literal::int(-5))
    );
    // division by zero is left to run time
    assert_eq!(
        constant(&e(ExprKind::BinOp(
            BinOp::Div,
            Box::new(int(1)),
            Box::new(int(0))
        ))),
        None
    );
    // a variable is not constant
    assert_eq!(constant(&e(ExprKind::Var("X".into()))), None);
}

#[test]
fn folds_lists_strings_and_binaries() {
    let l = e(ExprKind::Cons(
        Box::new(int(1)),
        Box::new(e(ExprKind::String("ab".into()))),
    ));
    assert_eq!(
        constant(&l),
        Some(Literal::List(
            vec![Literal::int(1), Literal::int(97), Literal::int(98)],
            Box::new(Literal::Nil)
        ))
    );
    let seg = |v: ast::Expr, size: Option<i64>| ast::BinElement {
        value: v,
        size: size.map(int),
        specifiers: None,
        span: Span::default(),
    };
    let b = e(ExprKind::Binary(vec![
        seg(e(ExprKind::String("a".into())), None),
        seg(int(-1), Some(4)),
    ]));
    assert_eq!(
        constant(&b),
        Some(Literal::Bitstring {
            bytes: vec![97, 0xF0],
            bits: 12
        })
    );
    assert_eq!(literal(&constant(&b).unwrap()), "<<97,15:4>>");
}

#[test]
fn bit_writer_twos_complement() {
    let mut w = BitWriter::default();
    w.push_int(&BigInt::from(-2), 16);
    w.push_int(&BigInt::from(300), 8); // truncated to the low 8 bits, as Erlang does
    assert_eq!(w.bytes, vec![0xFF, 0xFE, 300u32 as u8]);
}

#[test]
fn printer_quotes_atoms_like_erlang() {
    assert_eq!(atom("ok"), "ok");
    assert_eq!(atom("EXIT"), "'EXIT'");
    assert_eq!(atom("foo bar"), "'foo bar'");
    assert_eq!(atom("receive"), "'receive'");
    assert_eq!(atom("it's"), "'it\\'s'");
    assert_eq!(literal(&Literal::Float(1e100)), "1.0e100");
    assert_eq!(
        literal(&Literal::list(vec![Literal::int(104), Literal::int(105)])),
        "\"hi\""
    );
    assert_eq!(
        literal(&Literal::List(
            vec![Literal::int(1)],
            Box::new(Literal::atom("t"))
        )),
        "[1|t]"
    );
}

#[test]
fn free_vars_respect_binders() {
    // let _1 = tuple(_0) in (if map_get _1[k] -> _2 then return _2 else return _3)
    let body = Expr::Let {
        var: Var(1),
        prim: Prim::Tuple(vec![Operand::Var(Var(0))]),
        loc: Loc::default(),
        body: Box::new(Expr::If {
            test: Test::MapGet {
                map: Operand::Var(Var(1)),
                key: Operand::atom("k"),
                out: Var(2),
            },
            then: Box::new(Expr::Return(Operand::Var(Var(2)))),
            else_: Box::new(Expr::Return(Operand::Var(Var(3)))),
        }),
    };
    assert_eq!(
        body.free_vars().into_iter().collect::<Vec<_>>(),
        vec![Var(0), Var(3)]
    );
}

#[test]
fn simplify_inlines_single_use_joins_but_not_into_try_bodies() {
    let mut f = Function {
        name: "f".into(),
        arity: 0,
        kind: FunKind::Top { exported: false },
        params: vec![],
        body: Expr::LetJoin {
            join: JoinId(0),
            params: vec![Var(0)],
            recursive: false,
            join_body: Box::new(Expr::Return(Operand::Var(Var(0)))),
            body: Box::new(Expr::Try {
                body: Box::new(Expr::Jump(JoinId(0), vec![Operand::atom("a")])),
                class: Var(1),
                reason: Var(2),
                trace: Var(3),
                handler: Box::new(Expr::LetJoin {
                    join: JoinId(1),
                    params: vec![Var(4)],
                    recursive: false,
                    join_body: Box::new(Expr::Return(Operand::Var(Var(4)))),
                    body: Box::new(Expr::Jump(JoinId(1), vec![Operand::Var(Var(2))])),
                }),
            }),
        },
        var_names: vec![None; 5],
        num_joins: 2,
        loc: Loc::default(),
    };
    crate::simplify::simplify_function(&mut f);
    // j0 is jumped to from inside the try body: kept. j1 is inlined with _4 renamed to _2.
    let Expr::LetJoin { join, body, .. } = &f.body else {
        panic!("{:?}", f.body)
    };
    assert_eq!(*join, JoinId(0));
    let Expr::Try { handler, .. } = &**body else {
        panic!()
    };
    assert_eq!(**handler, Expr::Return(Operand::Var(Var(2))));
}
