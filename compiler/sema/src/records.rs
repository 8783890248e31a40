//! Record expansion (erl_expand_records): placeholder replaced below.
use ferl_syntax::ast::Module;
/// Expand records.
pub fn expand_records(_module: &mut Module) {}
