//! tests/compile-fail: every erroneous file's diagnostics are snapshot-tested (code, line,
//! column, message), and must agree with erlc's output stored beside it (`NAME.erlc`,
//! made by `tests/compile-fail/regen-erlc.sh` with real erlc) on line and message.
//! A few are also snapshot-tested in the ariadne rendering.

use ferl_diagnostics::{render, Severity};
use ferl_driver::frontend::check_file;
use ferl_driver::options::Options;
use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/compile-fail")
}

fn erl_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "erl"));
    files.sort();
    files
}

fn options() -> Options {
    Options { include_dirs: vec![corpus_dir()], ..Options::default() }
}

/// One erlc diagnostic line, `File:Line:Col: [Warning: ]Message`, as (line, col, severity, message).
fn parse_erlc_line(line: &str) -> Option<(u32, u32, Severity, String)> {
    let (file_part, rest) = line.split_once(".erl:").or_else(|| line.split_once(".hrl:"))?;
    if file_part.contains(' ') {
        return None;
    }
    let mut it = rest.splitn(3, ':');
    let l = it.next()?.parse().ok()?;
    let c = it.next()?.parse().ok()?;
    let msg = it.next()?.strip_prefix(' ')?;
    match msg.strip_prefix("Warning: ") {
        Some(m) => Some((l, c, Severity::Warning, m.to_string())),
        None => Some((l, c, Severity::Error, msg.to_string())),
    }
}

#[test]
fn compile_fail_diagnostics() {
    let files = erl_files();
    assert!(files.len() >= 40, "expected 40+ files in tests/compile-fail, found {}", files.len());
    let mut disagreements = Vec::new();
    let mut column_differences = 0;
    for path in &files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let checked = check_file(path, &options());
        assert!(
            checked.has_errors() || checked.diagnostics.iter().any(|d| d.severity == Severity::Warning),
            "{name}: no diagnostics at all"
        );
        let mut snap = String::new();
        let mut ours = Vec::new();
        for d in &checked.diagnostics {
            let (_, line, col) = checked.map.location(d.primary);
            let warn = if d.severity == Severity::Warning { "Warning: " } else { "" };
            snap.push_str(&format!("{} {line}:{col}: {warn}{}\n", d.code, d.message));
            ours.push((line, col, d.severity, d.message.clone()));
        }
        insta::assert_snapshot!(format!("compile_fail__{name}"), snap);

        let erlc_path = path.with_extension("erlc");
        let Ok(erlc_text) = std::fs::read_to_string(&erlc_path) else {
            disagreements.push(format!("{name}: missing {}", erlc_path.display()));
            continue;
        };
        let theirs: Vec<_> = erlc_text.lines().filter_map(parse_erlc_line).collect();
        let key = |v: &(u32, u32, Severity, String)| (v.0, v.2, v.3.clone());
        let mut a: Vec<_> = ours.iter().map(key).collect();
        let mut b: Vec<_> = theirs.iter().map(key).collect();
        a.sort();
        b.sort();
        if a != b {
            disagreements.push(format!("{name}:\n  ferl: {a:?}\n  erlc: {b:?}"));
        }
        let mut ac: Vec<_> = ours.iter().map(|v| (v.0, v.1)).collect();
        let mut bc: Vec<_> = theirs.iter().map(|v| (v.0, v.1)).collect();
        ac.sort();
        bc.sort();
        if ac != bc {
            column_differences += 1;
        }
    }
    println!("compile-fail: {} files; {} disagree with erlc on line/message; {} differ in some column", files.len(), disagreements.len(), column_differences);
    assert!(disagreements.is_empty(), "disagreements with erlc:\n{}", disagreements.join("\n"));
}

#[test]
fn ariadne_rendering() {
    for path in erl_files().iter().take(4) {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let checked = check_file(path, &options());
        let mut out = Vec::new();
        for d in &checked.diagnostics {
            render::ariadne(&checked.map, d, false, &mut out).unwrap();
        }
        // Paths differ between machines: show the file name only.
        let text = String::from_utf8_lossy(&out).replace(&corpus_dir().display().to_string(), "tests/compile-fail");
        insta::assert_snapshot!(format!("ariadne__{name}"), text);
    }
}
