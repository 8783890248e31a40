pub mod erl_ast;
