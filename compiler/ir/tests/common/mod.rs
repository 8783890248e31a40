pub mod erl_ast;
pub mod ferl_parse;
