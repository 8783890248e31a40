//! Corpus test: OTP 25's own sources (stdlib, kernel, compiler, eunit), preprocessed by
//! the real `erlc -P` into a temp dir, lexed and parsed form by form: zero errors expected.
//! Skipped (with a printed note) when Erlang/OTP or its sources are not installed.
//! Set `FERL_PFILES=DIR` to reuse already generated `.P` files.

use ferl_diagnostics::{Diagnostics, SourceMap};
use ferl_syntax::{lexer, parser, token::Tok};
use std::path::{Path, PathBuf};
use std::process::Command;

const APPS: &[&str] = &["stdlib", "kernel", "compiler", "eunit"];

const GEN: &str = r#"#!/usr/bin/env escript
main([Out | Files]) ->
    Apps = [stdlib, kernel, eunit, compiler],
    Incs = [{i, filename:join(code:lib_dir(A), D)} || A <- Apps, D <- ["include", "src"]]
           ++ [{i, code:lib_dir()}],
    %% COMPILER_VSN is normally given by OTP's own build (beam_asm.erl needs it).
    Defs = [{d, 'COMPILER_VSN', "8.2.3"}],
    R = [{F, compile:file(F, ['P', {outdir, Out} | Incs ++ Defs])} || F <- Files],
    Bad = [F || {F, Res} <- R, element(1, Res) =/= ok],
    io:format("~p ok, ~p failed: ~p~n", [length(R) - length(Bad), length(Bad), Bad]).
"#;

fn sources() -> Option<Vec<PathBuf>> {
    let lib = Path::new("/usr/lib/erlang/lib");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(lib).ok()? {
        let path = entry.ok()?.path();
        let name = path.file_name()?.to_string_lossy().to_string();
        if !APPS.iter().any(|a| name.starts_with(&format!("{a}-"))) {
            continue;
        }
        for f in std::fs::read_dir(path.join("src")).ok()? {
            let f = f.ok()?.path();
            if f.extension().is_some_and(|e| e == "erl") {
                files.push(f);
            }
        }
    }
    files.sort();
    if files.is_empty() {
        None
    } else {
        Some(files)
    }
}

fn generate(out: &Path, files: &[PathBuf]) -> bool {
    let script = out.join("pgen.escript");
    if std::fs::write(&script, GEN).is_err() {
        return false;
    }
    let status = Command::new("escript")
        .arg(&script)
        .arg(out)
        .args(files)
        .output();
    match status {
        Ok(o) => {
            eprintln!(
                "{}",
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .last()
                    .unwrap_or("")
            );
            o.status.success()
        }
        Err(_) => false,
    }
}

#[test]
fn otp_sources_parse_without_errors() {
    let (dir, cleanup, expected) = match std::env::var("FERL_PFILES") {
        Ok(d) => (PathBuf::from(d), false, None),
        Err(_) => {
            let Some(files) = sources() else {
                eprintln!(
                    "note: OTP sources not found under /usr/lib/erlang/lib; corpus test skipped"
                );
                return;
            };
            let dir = std::env::temp_dir().join(format!("ferl-pfiles-{}", std::process::id()));
            let _ = std::fs::create_dir_all(&dir);
            if !generate(&dir, &files) {
                eprintln!("note: escript/erlc not available; corpus test skipped");
                let _ = std::fs::remove_dir_all(&dir);
                return;
            }
            (dir, true, Some(files.len()))
        }
    };
    let mut pfiles: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "P"))
                .collect()
        })
        .unwrap_or_default();
    pfiles.sort();
    let (mut nforms, mut nerrors, mut lex_errors) = (0usize, 0usize, 0usize);
    let mut shown = Vec::new();
    for p in &pfiles {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        let mut map = SourceMap::new();
        let file = map.add(p.display().to_string(), text.clone());
        let mut diags = Diagnostics::new();
        let toks = lexer::lex(file, &text, &mut diags);
        lex_errors += diags.error_count();
        let mut form = Vec::new();
        for t in toks {
            let end = t.kind == Tok::FormEnd;
            form.push(t);
            if end {
                nforms += 1;
                let mut d = Diagnostics::new();
                if parser::parse_form(&form, &mut d).is_none() || d.has_errors() {
                    nerrors += 1;
                    for e in &d.items {
                        let (name, line, col) = map.location(e.primary);
                        if shown.len() < 40 {
                            shown.push(format!("{name}:{line}:{col}: {}", e.message));
                        }
                    }
                }
                form.clear();
            }
        }
    }
    if cleanup {
        let _ = std::fs::remove_dir_all(&dir);
    }
    eprintln!(
        "{} .P files, {nforms} forms, {nerrors} parse errors, {lex_errors} lex errors",
        pfiles.len()
    );
    for s in &shown {
        eprintln!("  {s}");
    }
    assert!(
        pfiles.len() > 200,
        "expected the OTP corpus, found {} .P files",
        pfiles.len()
    );
    if let Some(n) = expected {
        assert_eq!(
            pfiles.len(),
            n,
            "erlc -P did not produce a .P file for every source"
        );
    }
    assert_eq!(lex_errors, 0);
    assert_eq!(nerrors, 0, "forms that failed to parse");
}
