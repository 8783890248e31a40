//! Acceptance: every `.erl` under OTP 25's stdlib, kernel, compiler and eunit sources
//! passes the front end (`ferlc --check`) with zero errors. Runs when the sources are
//! installed (Debian's erlang-src; `.ci/run` installs it) and prints a note otherwise.

use ferl_driver::frontend::check_file_with;
use ferl_driver::options::Warnings;
use ferl_syntax::preprocess;
use std::path::{Path, PathBuf};

const OTP_LIB: &str = "/usr/lib/erlang/lib";
const APPS: &[&str] = &["stdlib", "kernel", "compiler", "eunit"];

/// The installed directory of an OTP application (`APP-VSN`).
fn app_dir(app: &str) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(OTP_LIB)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.strip_prefix(app)
                    .is_some_and(|rest| rest.starts_with('-'))
            })
        })
        .collect();
    found.sort();
    found.pop()
}

/// Every `.erl` of the apps' `src/` directories (sorted), and the apps' include dirs.
fn otp_sources() -> (Vec<PathBuf>, Vec<PathBuf>) {
    let dirs: Vec<PathBuf> = APPS.iter().filter_map(|a| app_dir(a)).collect();
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .filter_map(|d| std::fs::read_dir(d.join("src")).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "erl"))
        .collect();
    files.sort();
    (files, dirs.iter().map(|d| d.join("include")).collect())
}

/// The preprocessor options OTP's own build uses for `path` (its directory and the apps'
/// include dirs; COMPILER_VSN for the compiler application, which beam_asm uses).
fn otp_options(path: &Path, include_dirs: &[PathBuf]) -> preprocess::Options {
    let mut inc = vec![path.parent().unwrap_or(Path::new(".")).to_path_buf()];
    inc.extend(include_dirs.iter().cloned());
    let defines = vec![("COMPILER_VSN".to_string(), Some("\"8.2.3\"".to_string()))];
    preprocess::Options {
        include_dirs: inc,
        lib_dirs: vec![PathBuf::from(OTP_LIB)],
        defines,
    }
}

#[test]
fn otp_sources_check_without_errors() {
    let (files, include_dirs) = otp_sources();
    if files.is_empty() {
        println!(
            "note: OTP sources not installed (apt-get install erlang-src); corpus check skipped"
        );
        return;
    }
    let mut failures = Vec::new();
    let mut errors = 0;
    for path in &files {
        let pp = otp_options(path, &include_dirs);
        let checked = check_file_with(path, &pp, Warnings::On);
        let errs: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        if !errs.is_empty() {
            errors += errs.len();
            let mut out = Vec::new();
            for d in errs.iter().take(5) {
                let _ = ferl_diagnostics::render::erlc(&checked.map, d, &mut out);
            }
            failures.push(String::from_utf8_lossy(&out).into_owned());
        }
    }
    println!(
        "OTP corpus: {} files checked, {} with errors, {} errors",
        files.len(),
        failures.len(),
        errors
    );
    assert!(
        failures.is_empty(),
        "{} files with errors:\n{}",
        failures.len(),
        failures.join("")
    );
}

/// Back end acceptance (slow: opt-in with `FERL_CODEGEN_ALL_OTP=1`): every OTP source of the
/// apps above also lowers and compiles to a native object with no E0501 and no panic.
#[test]
fn otp_sources_compile_to_native_objects() {
    if std::env::var("FERL_CODEGEN_ALL_OTP").as_deref() != Ok("1") {
        println!("note: set FERL_CODEGEN_ALL_OTP=1 to compile all of OTP's sources to objects");
        return;
    }
    let (files, include_dirs) = otp_sources();
    let mut failures = Vec::new();
    let mut compiled = 0;
    for path in &files {
        let pp = otp_options(path, &include_dirs);
        let p = path.clone();
        // The compiler recurses on expression depth: give it the stack ferlc gives it.
        let r = std::thread::Builder::new()
            .stack_size(ferl_driver::BIG_STACK)
            .spawn(move || -> Result<(), Vec<String>> {
                let mut checked = check_file_with(&p, &pp, Warnings::On);
                if checked.has_errors() {
                    return Err(vec!["front-end errors".into()]);
                }
                ferl_sema::expand_records(&mut checked.module);
                let msgs = |ds: Vec<ferl_diagnostics::Diagnostic>| {
                    ds.iter().map(|d| d.message.clone()).collect::<Vec<_>>()
                };
                let ir = ferl_ir::lower_module_with_source(
                    &checked.module,
                    &p.display().to_string(),
                    &checked.map,
                )
                .map_err(msgs)?;
                ferl_codegen::object::compile_object(&ir)
                    .map(|_| ())
                    .map_err(msgs)
            })
            .expect("spawn")
            .join();
        match r {
            Ok(Ok(())) => compiled += 1,
            Ok(Err(msgs)) => failures.push(format!("{}: {}", path.display(), msgs.join("; "))),
            Err(_) => failures.push(format!("{}: PANIC", path.display())),
        }
    }
    println!(
        "{compiled} of {} OTP files compiled to objects",
        files.len()
    );
    assert!(
        failures.is_empty(),
        "{} files failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
