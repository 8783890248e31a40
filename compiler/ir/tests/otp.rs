//! Lowering never panics, reports nothing and produces IR that passes the verifier, on real
//! OTP modules (stdlib sources, after ferl's record expansion). Sources are parsed with the
//! installed `erl` (`tests/common/erl_ast.rs`); skipped with a note when OTP's sources are
//! not installed.

mod common;

use common::erl_ast;
use std::path::PathBuf;

const FILES: &[&str] = &[
    "lists.erl",
    "maps.erl",
    "string.erl",
    "proplists.erl",
    "dict.erl",
    "sets.erl",
    "orddict.erl",
    "queue.erl",
    "gen_server.erl",
    "io_lib.erl",
    "base64.erl",
    "calendar.erl",
    "unicode.erl",
    "erl_scan.erl",
    "binary.erl",
    "gb_trees.erl",
    "gb_sets.erl",
    "filename.erl",
    "supervisor.erl",
    "io_lib_format.erl",
    "erl_parse.erl",
    "uri_string.erl",
    "rand.erl",
    "timer.erl",
    "erl_lint.erl",
];

fn stdlib_src() -> Option<PathBuf> {
    let lib = std::fs::read_dir("/usr/lib/erlang/lib").ok()?;
    lib.filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("stdlib-"))
        })
        .map(|p| p.join("src"))
        .filter(|p| p.join("lists.erl").exists())
}

#[test]
fn lowers_otp_stdlib_modules() {
    let Some(src) = stdlib_src() else {
        eprintln!("note: OTP stdlib sources not installed; skipped");
        return;
    };
    if !erl_ast::erl_available() {
        eprintln!("note: erl not installed; skipped");
        return;
    }
    let all = std::env::var_os("FERL_IR_ALL_OTP").is_some();
    let mut paths: Vec<PathBuf> = FILES
        .iter()
        .map(|f| src.join(f))
        .filter(|p| p.exists())
        .collect();
    if all {
        // every module of every OTP application whose sources are installed
        paths = std::fs::read_dir("/usr/lib/erlang/lib")
            .into_iter()
            .flatten()
            .flatten()
            .flat_map(|app| {
                std::fs::read_dir(app.path().join("src"))
                    .into_iter()
                    .flatten()
                    .flatten()
            })
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "erl"))
            .collect();
        paths.sort();
    }
    let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    let forms = erl_ast::abstract_forms(&refs);
    // Deep ASTs (erl_parse.erl's generated tables) need a bigger stack than the test default.
    let handle = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut total_funs = 0;
            for (p, f) in paths.iter().zip(&forms) {
                let text = std::fs::read_to_string(p).unwrap_or_default();
                let (mut m, map) =
                    erl_ast::to_module(&p.display().to_string(), text.lines().count() + 2, f);
                ferl_sema::expand_records(&mut m);
                let ir = match ferl_ir::lower_module_with_source(&m, &p.display().to_string(), &map)
                {
                    Ok(ir) => ir,
                    // With FERL_IR_ALL_OTP, files erl could not preprocess here (missing
                    // include_lib paths -> undefined records) are reported, not failures.
                    Err(ds) if all => {
                        eprintln!(
                            "{}: {} diagnostics, first: {}",
                            p.display(),
                            ds.len(),
                            ds[0].message
                        );
                        continue;
                    }
                    Err(ds) => panic!("{}: {:#?}", p.display(), &ds[..ds.len().min(5)]),
                };
                let v = ferl_ir::verify::verify_module_structure(&ir);
                if let Some(first) = v.first() {
                    let f = ir
                        .functions
                        .iter()
                        .position(|f| format!("{}/{}", f.name, f.arity) == first.function)
                        .unwrap_or(0);
                    panic!(
                        "{}: {:#?}\n{}",
                        p.display(),
                        &v[..v.len().min(10)],
                        ferl_ir::print::function_to_string(&ir, ferl_ir::ir::FunId(f as u32))
                    );
                }
                // the printer must handle everything too
                let text = ferl_ir::print::module_to_string(&ir);
                assert!(text.starts_with("module "));
                // and the optimisations (inlining) must keep the invariants
                let mut opt = ir.clone();
                ferl_ir::optimize_module(&mut opt, &|_| true);
                let v = ferl_ir::verify::verify_module_structure(&opt);
                assert!(
                    v.is_empty(),
                    "{} optimised: {:#?}",
                    p.display(),
                    &v[..v.len().min(10)]
                );
                total_funs += ir.functions.len();
            }
            total_funs
        })
        .unwrap();
    let n = handle.join().expect("lowering panicked");
    assert!(n > 1000, "only {n} functions lowered");
    if all {
        eprintln!("lowered {n} functions");
    }
}
