//! What the codegen test suites share: the front end and lowering of a test source.

use ferl_diagnostics::{Diagnostics, SourceMap};
use ferl_syntax::preprocess::NoFiles;

/// Parse, check, expand records and lower `src` (module `name`); panics with the
/// diagnostics if the source is not a valid module.
pub fn lower(src: &str, name: &str) -> ferl_ir::ir::Module {
    let mut map = SourceMap::new();
    let file = map.add(format!("{name}.erl"), src);
    let mut diags = Diagnostics::new();
    let mut m = ferl_syntax::parse_module(
        &mut map,
        file,
        &Default::default(),
        &mut NoFiles,
        &mut diags,
    );
    let errs: Vec<_> = diags.items.iter().filter(|d| d.is_error()).collect();
    assert!(errs.is_empty(), "parse errors: {errs:?}");
    let sd = ferl_sema::check(&m, &map, &Default::default());
    assert!(!sd.iter().any(|d| d.is_error()), "sema errors: {sd:?}");
    ferl_sema::expand_records(&mut m);
    ferl_ir::lower_module_with_source(&m, &format!("{name}.erl"), &map).expect("lowering")
}

/// Compile `src` (module `m`) with real `erlc` into a fresh directory and print the result of
/// `erl -noshell -eval EVAL` there; `None` when erl is not installed or compilation fails.
pub fn erl_eval(src: &str, m: &str, tag: &str, eval: &str) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("ferl_cg_{}_{m}_{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!("{m}.erl"));
    std::fs::write(&path, src).ok()?;
    let ok = std::process::Command::new("erlc")
        .arg("-o")
        .arg(&dir)
        .arg(&path)
        .output()
        .ok()?
        .status
        .success();
    if !ok {
        return None;
    }
    let out = std::process::Command::new("erl")
        .args(["-noshell", "-pa"])
        .arg(&dir)
        .args(["-eval", eval])
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).to_string())
}
