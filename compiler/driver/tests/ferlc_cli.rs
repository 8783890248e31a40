//! The `ferlc` binary itself: exit status, erlc's flags and every output format.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ferlc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ferlc"))
        .args(args)
        .output()
        .expect("run ferlc")
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn path(rel: &str) -> String {
    root().join(rel).display().to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn tmp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("ferlc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn clean_file_exits_zero_and_prints_nothing() {
    let o = ferlc(&["--check", &path("examples/hello.erl")]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn errors_exit_one_in_erlc_format_on_stdout() {
    let file = path("tests/compile-fail/unbound_var.erl");
    let o = ferlc(&["--check", &file]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.starts_with(&format!("{file}:")), "{out}");
    assert!(
        out.contains("variable 'Y' is unbound") || out.contains("is unbound"),
        "{out}"
    );
}

#[test]
fn warning_flags() {
    let file = path("tests/compile-fail/unused_var.erl");
    let o = ferlc(&[&file]);
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("Warning: variable 'Y' is unused"),
        "{}",
        stdout(&o)
    );
    let o = ferlc(&["-W0", &file]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "");
    let o = ferlc(&["-Werror", &file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("compile: warnings being treated as errors\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn defines_and_include_dirs() {
    let inc_dir = std::env::temp_dir().join(format!("ferlc-cli-inc-{}", std::process::id()));
    std::fs::create_dir_all(&inc_dir).unwrap();
    std::fs::write(inc_dir.join("v.hrl"), "-define(V, 42).\n").unwrap();
    let src = "-module(d).\n-export([f/0]).\n-include(\"v.hrl\").\n-ifdef(EXTRA).\nf() -> ?V + ?EXTRA.\n-else.\nf() -> missing().\n-endif.\n";
    let file = tmp_file("d.erl", src);
    let inc = format!("-I{}", inc_dir.display());
    let o = ferlc(&[&inc, "-DEXTRA=1", &file]);
    assert!(o.status.success(), "{}", stdout(&o));
    let o = ferlc(&[&inc, &file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("function missing/0 undefined"),
        "{}",
        stdout(&o)
    );
    let o = ferlc(&["-D", "EXTRA=1", &file]);
    assert!(
        stdout(&o).contains("can't find include file \"v.hrl\""),
        "{}",
        stdout(&o)
    );
}

#[test]
fn preprocess_output_relexes_and_checks() {
    let o = ferlc(&["-E", &path("examples/hello.erl")]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("\"Hello\""), "macro expanded: {text}");
    let file = tmp_file("hello.erl", &text);
    let o = ferlc(&["--check", &file]);
    assert!(o.status.success(), "{}", stdout(&o));
}

#[test]
fn dumps_and_json() {
    let o = ferlc(&["--dump=tokens", &path("examples/hello.erl")]);
    assert!(
        stdout(&o).starts_with("2:1\tMinus\t-\n2:2\tAtom(\"module\")\tmodule\n"),
        "{}",
        stdout(&o)
    );
    let o = ferlc(&["--dump=ast", &path("examples/hello.erl")]);
    assert!(stdout(&o).contains("Function("));
    let o = ferlc(&[
        "--error-format=json",
        &path("tests/compile-fail/unbound_var.erl"),
    ]);
    let first = stdout(&o).lines().next().unwrap_or_default().to_string();
    assert!(first.starts_with("{\"code\":\"E0401\""), "{first}");
    assert!(first.contains("\"line\":") && first.contains("\"column\":"));
}

#[test]
fn missing_file_and_bad_flags() {
    let o = ferlc(&["--check", "no/such/file.erl"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "no/such/file.erl: no such file or directory\n");
    let o = ferlc(&["--bogus", "x.erl"]);
    assert_eq!(o.status.code(), Some(2));
    let o = ferlc(&[]);
    assert_eq!(o.status.code(), Some(2));
}

/// Regression: the syntax tree of a 200,000-element list literal is 200,000 cons cells
/// deep; dropping and walking it overflowed a small native stack before ferlc ran its
/// phases on a large-stack thread.
#[test]
fn very_deep_terms_do_not_crash() {
    let elems: Vec<String> = (0..200_000).map(|i| i.to_string()).collect();
    let src = format!(
        "-module(deep).\n-export([f/0]).\nf() -> [{}].\n",
        elems.join(",")
    );
    let file = tmp_file("deep.erl", &src);
    let o = ferlc(&["--check", &file]);
    assert!(
        o.status.success(),
        "status {:?}: {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    let o = ferlc(&["--dump=ir", &file]);
    assert!(
        o.status.success(),
        "status {:?}: {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn ir_opt_dump_shows_inlined_calls() {
    let src = "-module(inl).\n-export([f/1]).\nf(X) -> sq(X) + 1.\nsq(Y) -> Y * Y.\n";
    let file = tmp_file("inl.erl", src);
    let plain = stdout(&ferlc(&["--dump=ir", &file]));
    let opt = stdout(&ferlc(&["--dump=ir-opt", &file]));
    // Before inlining f/1 calls sq/1; after it, f/1's body computes the product itself.
    let f_of = |dump: &str| dump.split("fun #1").next().unwrap_or("").to_string();
    assert!(f_of(&plain).contains("call local #1 sq/1"), "{plain}");
    assert!(!f_of(&opt).contains("call local"), "{opt}");
    assert!(f_of(&opt).contains("bif erlang:'*'/2"), "{opt}");
}
