//! `ferl test` against real EUnit: every module under `tests/eunit` is run with
//! `ferl test NAME.erl` and its summary lines ("  All N tests passed." / "  Test passed."
//! / "  There were no tests to run." / "  Failed: F.  Skipped: 0.  Passed: P." /
//! "One or more tests were cancelled."), its number of `*failed*` tests and its exit
//! status are compared with `NAME.out` / `NAME.result`, which `tests/eunit/regen.sh`
//! produced with `erl -noshell -eval 'eunit:test(NAME)'` on OTP 25. When `erl` is
//! installed, each module is also run on it live and compared the same way.

use std::path::{Path, PathBuf};
use std::process::Command;

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/eunit")
}

fn cache_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("ferl-cache")
}

/// What is compared: the summary lines and the number of failed tests.
fn digest(out: &str) -> (Vec<String>, usize) {
    let summary = out
        .lines()
        .filter(|l| {
            l.starts_with("  All ")
                || *l == "  Test passed."
                || *l == "  2 tests passed."
                || *l == "  There were no tests to run."
                || l.starts_with("  Failed: ")
                || *l == "One or more tests were cancelled."
        })
        .map(String::from)
        .collect();
    let failed = out.lines().filter(|l| l.ends_with("*failed*")).count();
    (summary, failed)
}

fn live_erl(name: &str, dir: &Path) -> Option<String> {
    Command::new("erlc")
        .arg("-o")
        .arg(dir)
        .arg(suite().join(format!("{name}.erl")))
        .output()
        .ok()?;
    let out = Command::new("erl")
        .arg("-noshell")
        .arg("-pa")
        .arg(dir)
        .arg("-eval")
        .arg(format!("eunit:test({name}), halt()."))
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn ferl_test_agrees_with_eunit() {
    let mut names: Vec<String> = std::fs::read_dir(suite())
        .expect("tests/eunit")
        .flatten()
        .filter_map(|e| {
            let p = e.path();
            (p.extension()? == "erl").then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    assert!(
        names.len() >= 20,
        "expected 20+ EUnit modules, found {}",
        names.len()
    );
    let has_erl = Command::new("erl").arg("-version").output().is_ok();
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("eunit-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut failures = Vec::new();
    for n in &names {
        let out = Command::new(env!("CARGO_BIN_EXE_ferl"))
            .env("FERL_CACHE_DIR", cache_dir())
            .arg("test")
            .arg(suite().join(format!("{n}.erl")))
            .output()
            .expect("run ferl test");
        let got = String::from_utf8_lossy(&out.stdout).into_owned();
        let expected = std::fs::read_to_string(suite().join(format!("{n}.out")))
            .expect("NAME.out (run regen.sh)");
        let result =
            std::fs::read_to_string(suite().join(format!("{n}.result"))).expect("NAME.result");
        let want_status = if result.trim() == "ok" { 0 } else { 1 };
        if digest(&got) != digest(&expected) {
            failures.push(format!(
                "{n}: ferl test printed\n{got}\n--- EUnit printed\n{expected}"
            ));
        }
        if out.status.code() != Some(want_status) {
            failures.push(format!(
                "{n}: exit status {:?}, expected {want_status}\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        if has_erl {
            if let Some(live) = live_erl(n, &tmp) {
                if digest(&live) != digest(&got) {
                    failures.push(format!("{n}: live erl differs:\n{live}\n--- ferl:\n{got}"));
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
