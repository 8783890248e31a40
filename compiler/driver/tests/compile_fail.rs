//! tests/compile-fail: every erroneous file's diagnostics are snapshot-tested (code, line,
//! column, message), and must agree with erlc's output stored beside it (`NAME.erlc`,
//! made by `tests/compile-fail/regen-erlc.sh` with real erlc) on line, column and message.
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
    Options {
        include_dirs: vec![corpus_dir()],
        ..Options::default()
    }
}

/// erlc's diagnostics: `File:Line:Col: [Warning: ]Message` lines, where a message may go on
/// over following lines (erlc's `%` source excerpt lines and blank lines are skipped), and
/// location-less `File: Message` lines (line 0), as (line, col, severity, message).
fn parse_erlc(text: &str) -> Vec<(u32, u32, Severity, String)> {
    let mut out: Vec<(u32, u32, Severity, String)> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        if line.starts_with('%') || line.is_empty() {
            open = false;
            continue;
        }
        if line == "compile: warnings being treated as errors" {
            continue;
        }
        if let Some(d) = parse_erlc_line(line) {
            out.push(d);
            open = true;
        } else if let Some((_, msg)) = line.split_once(".beam: ") {
            out.push((0, 0, Severity::Error, msg.to_string()));
            open = true;
        } else if open {
            if let Some(last) = out.last_mut() {
                last.3.push('\n');
                last.3.push_str(line);
            }
        }
    }
    out
}

fn parse_erlc_line(line: &str) -> Option<(u32, u32, Severity, String)> {
    let (file_part, rest) = line
        .split_once(".erl:")
        .or_else(|| line.split_once(".hrl:"))?;
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
    assert!(
        files.len() >= 40,
        "expected 40+ files in tests/compile-fail, found {}",
        files.len()
    );
    let mut disagreements = Vec::new();
    let mut column_differences = 0;
    for path in &files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let checked = check_file(path, &options());
        assert!(
            checked.has_errors()
                || checked
                    .diagnostics
                    .iter()
                    .any(|d| d.severity == Severity::Warning),
            "{name}: no diagnostics at all"
        );
        let mut snap = String::new();
        let mut ours = Vec::new();
        for d in &checked.diagnostics {
            let (_, line, col) = checked.map.location(d.primary);
            let warn = if d.severity == Severity::Warning {
                "Warning: "
            } else {
                ""
            };
            snap.push_str(&format!("{} {line}:{col}: {warn}{}\n", d.code, d.message));
            ours.push((line, col, d.severity, d.message.clone()));
        }
        insta::assert_snapshot!(format!("compile_fail__{name}"), snap);

        let erlc_path = path.with_extension("erlc");
        let Ok(erlc_text) = std::fs::read_to_string(&erlc_path) else {
            disagreements.push(format!("{name}: missing {}", erlc_path.display()));
            continue;
        };
        let theirs = parse_erlc(&erlc_text);
        // erlc gives some messages no location (e.g. the module name check, reported
        // against the .beam file): compare those by message only.
        let located: std::collections::HashSet<&str> = theirs
            .iter()
            .filter(|v| v.0 == 0)
            .map(|v| v.3.as_str())
            .collect();
        let key = |v: &(u32, u32, Severity, String)| {
            let line = if located.contains(v.3.as_str()) {
                0
            } else {
                v.0
            };
            (line, v.2, v.3.clone())
        };
        let mut a: Vec<_> = ours.iter().map(key).collect();
        let mut b: Vec<_> = theirs.iter().map(key).collect();
        a.sort();
        b.sort();
        if a != b {
            disagreements.push(format!("{name}:\n  ferl: {a:?}\n  erlc: {b:?}"));
        }
        let mut ac: Vec<_> = ours
            .iter()
            .filter(|v| !located.contains(v.3.as_str()))
            .map(|v| (v.0, v.1))
            .collect();
        let mut bc: Vec<_> = theirs
            .iter()
            .filter(|v| v.0 != 0)
            .map(|v| (v.0, v.1))
            .collect();
        ac.sort();
        bc.sort();
        if ac != bc {
            column_differences += 1;
            disagreements.push(format!(
                "{name}: columns differ\n  ferl: {ac:?}\n  erlc: {bc:?}"
            ));
        }
    }
    println!(
        "compile-fail: {} files; {} disagree with erlc on line/message; {} differ in some column",
        files.len(),
        disagreements.len(),
        column_differences
    );
    assert!(
        disagreements.is_empty(),
        "disagreements with erlc:\n{}",
        disagreements.join("\n")
    );
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
        let text = String::from_utf8_lossy(&out)
            .replace(&corpus_dir().display().to_string(), "tests/compile-fail");
        insta::assert_snapshot!(format!("ariadne__{name}"), text);
    }
}
