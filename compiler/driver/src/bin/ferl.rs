//! `ferl`: `ferl run [-pa DIR]... [--entry Mod:Fun] [-I DIR] [-D NAME[=V]] FILE.erl
//! [MORE.erl...] [--] [ARGS...]`: compile (objects and the linked executable are cached,
//! see `ferl_driver::native`) and run. The leading arguments ending in `.erl` are the
//! program's modules (`--` ends them explicitly); `-pa DIR` adds every `.erl` file of DIR.
//! The program's exit status is `ferl run`'s (escript semantics: see
//! `ferl_runtime::boot`). Diagnostics go to stderr; compile errors exit 1 as erlc.

use ferl_diagnostics::render;
use ferl_driver::native;
use ferl_driver::options::Options;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: ferl run [options] FILE.erl [MORE.erl...] [--] [ARGS...]

  -pa DIR              also compile and link every .erl file in DIR
  --entry Mod:Fun      entry function (default: main/1 with ARGS as strings, else start/0)
  -I DIR, -D NAME[=V]  include path and macro definitions, as erlc

usage: ferl test [-v|--verbose] [-I DIR] [-D NAME[=V]] FILE.erl|DIR...

  compiles the files (every .erl of each DIR) and runs eunit:test(Mod) for every
  module that includes eunit/include/eunit.hrl, printing EUnit's output; the exit
  status is 1 when a test failed or was cancelled, else 0
";

fn main() -> ExitCode {
    match std::thread::Builder::new()
        .stack_size(ferl_driver::BIG_STACK)
        .spawn(real_main)
    {
        Ok(h) => h.join().unwrap_or(ExitCode::FAILURE),
        Err(_) => real_main(),
    }
}

fn real_main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test(&args[1..]),
        Some("-h" | "--help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("ferl: unknown command {other} (the shell is not available yet)\n{USAGE}");
            ExitCode::from(2)
        }
        None => {
            eprintln!("ferl: the interactive shell is not available yet\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> ExitCode {
    let mut opts = Options::default();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut i = 0;
    let need = |i: usize, f: &str| -> Result<String, String> {
        args.get(i + 1)
            .cloned()
            .ok_or_else(|| format!("option {f} needs an argument"))
    };
    let mut prog_args: Vec<String> = Vec::new();
    while i < args.len() {
        let a = &args[i];
        let r: Result<(), String> = (|| {
            match a.as_str() {
                "-pa" => {
                    let d = need(i, "-pa")?;
                    i += 1;
                    let mut found: Vec<PathBuf> = std::fs::read_dir(&d)
                        .map_err(|e| format!("-pa {d}: {e}"))?
                        .flatten()
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|x| x == "erl"))
                        .collect();
                    found.sort();
                    files.extend(found);
                }
                "--entry" => {
                    opts.entry = Some(need(i, "--entry")?);
                    i += 1;
                }
                "-I" => {
                    opts.include_dirs.push(need(i, "-I")?.into());
                    i += 1;
                }
                "-D" => {
                    let d = need(i, "-D")?;
                    i += 1;
                    opts.defines.push(split_define(&d));
                }
                _ if a.starts_with("-I") && a.len() > 2 => opts.include_dirs.push(a[2..].into()),
                _ if a.starts_with("-D") && a.len() > 2 => opts.defines.push(split_define(&a[2..])),
                _ => return Err(String::new()),
            }
            Ok(())
        })();
        match r {
            Ok(()) => i += 1,
            Err(e) if !e.is_empty() => {
                eprintln!("ferl: {e}");
                return ExitCode::from(2);
            }
            Err(_) => break,
        }
    }
    // Module files, then `--`, then the program's arguments.
    while i < args.len() && args[i].ends_with(".erl") {
        files.push(PathBuf::from(&args[i]));
        i += 1;
    }
    if args.get(i).is_some_and(|a| a == "--") {
        i += 1;
    }
    prog_args.extend(args[i.min(args.len())..].iter().cloned());
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    if files.is_empty() {
        eprintln!("ferl: no FILE.erl to run\n{USAGE}");
        return ExitCode::from(2);
    }
    let format = if std::io::stderr().is_terminal() {
        render::Format::Human
    } else {
        render::Format::Erlc
    };
    let identity = native::compiler_identity();
    let mut mods = Vec::new();
    let mut failed = false;
    let stderr = std::io::stderr();
    for f in &files {
        let r = native::compile_file(f, &opts, &identity);
        let has_error = r.diagnostics.iter().any(|d| d.is_error());
        if format == render::Format::Human {
            for d in &r.diagnostics {
                let _ = render::ariadne(&r.map, d, true, &mut stderr.lock());
            }
        } else {
            let _ = render::render_all(format, &r.map, &r.diagnostics, &mut stderr.lock());
        }
        failed |= has_error || r.compiled.is_none();
        if let Some(c) = r.compiled {
            mods.push(c);
        }
    }
    if failed {
        return ExitCode::FAILURE;
    }
    let entry = match native::choose_entry(&mods, opts.entry.as_deref()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("ferl: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = native::add_stdlib(&mut mods, &identity) {
        eprintln!("ferl: {e}");
        return ExitCode::FAILURE;
    }
    let exe = match native::cached_executable(&mods, &entry) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("ferl: {e}");
            return ExitCode::FAILURE;
        }
    };
    use std::os::unix::process::CommandExt;
    let err = std::process::Command::new(&exe).args(&prog_args).exec();
    eprintln!("ferl: cannot run {}: {err}", exe.display());
    ExitCode::FAILURE
}

/// `ferl test`: compile the given modules plus a generated runner module
/// (`ferl_test_main`), which calls `eunit:test(Mod)` for each test module in turn and halts
/// with 1 if any of them returned `error`.
fn test(args: &[String]) -> ExitCode {
    let mut opts = Options::default();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut verbose = false;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "-v" | "--verbose" => verbose = true,
            "-I" | "-D" if i + 1 < args.len() => {
                i += 1;
                if a == "-I" {
                    opts.include_dirs.push(args[i].clone().into());
                } else {
                    opts.defines.push(split_define(&args[i]));
                }
            }
            _ if a.starts_with("-I") && a.len() > 2 => opts.include_dirs.push(a[2..].into()),
            _ if a.starts_with("-D") && a.len() > 2 => opts.defines.push(split_define(&a[2..])),
            _ if a.starts_with('-') => {
                eprintln!("ferl test: unknown option {a}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => {
                let p = PathBuf::from(a);
                if p.is_dir() {
                    let mut found: Vec<PathBuf> = match std::fs::read_dir(&p) {
                        Ok(rd) => rd
                            .flatten()
                            .map(|e| e.path())
                            .filter(|f| f.extension().is_some_and(|x| x == "erl"))
                            .collect(),
                        Err(e) => {
                            eprintln!("ferl test: {a}: {e}");
                            return ExitCode::from(2);
                        }
                    };
                    found.sort();
                    files.extend(found);
                } else {
                    files.push(p);
                }
            }
        }
        i += 1;
    }
    if files.is_empty() {
        eprintln!("ferl test: no FILE.erl or DIR given\n{USAGE}");
        return ExitCode::from(2);
    }
    let format = if std::io::stderr().is_terminal() {
        render::Format::Human
    } else {
        render::Format::Erlc
    };
    let identity = native::compiler_identity();
    let stderr = std::io::stderr();
    let mut mods = Vec::new();
    let mut test_mods = Vec::new();
    let mut failed = false;
    for f in &files {
        let r = native::compile_file(f, &opts, &identity);
        if format == render::Format::Human {
            for d in &r.diagnostics {
                let _ = render::ariadne(&r.map, d, true, &mut stderr.lock());
            }
        } else {
            let _ = render::render_all(format, &r.map, &r.diagnostics, &mut stderr.lock());
        }
        failed |= r.diagnostics.iter().any(|d| d.is_error()) || r.compiled.is_none();
        if let Some(c) = r.compiled {
            let src = std::fs::read_to_string(f).unwrap_or_default();
            if src.contains("eunit/include/eunit.hrl") {
                test_mods.push(c.name.clone());
            }
            mods.push(c);
        }
    }
    if failed {
        return ExitCode::FAILURE;
    }
    let dir = std::env::temp_dir().join(format!("ferl-test-{}", std::process::id()));
    let runner = dir.join("ferl_test_main.erl");
    let quoted: Vec<String> = test_mods
        .iter()
        .map(|m| format!("'{}'", m.replace('\\', "\\\\").replace('\'', "\\'")))
        .collect();
    let src = format!(
        "-module(ferl_test_main).\n-export([main/1]).\n\
         main(_) ->\n    Rs = [eunit:test(M, {}) || M <- [{}]],\n\
         \x20   case lists:all(fun(R) -> R =:= ok end, Rs) of\n\
         \x20       true -> halt(0);\n\
         \x20       false -> halt(1)\n\
         \x20   end.\n",
        if verbose { "[verbose]" } else { "[]" },
        quoted.join(", ")
    );
    let made = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&runner, src));
    if let Err(e) = made {
        eprintln!("ferl test: {}: {e}", runner.display());
        return ExitCode::FAILURE;
    }
    let r = native::compile_file(&runner, &Options::default(), &identity);
    let _ = std::fs::remove_dir_all(&dir);
    let Some(c) = r.compiled else {
        let _ = render::render_all(
            render::Format::Erlc,
            &r.map,
            &r.diagnostics,
            &mut stderr.lock(),
        );
        return ExitCode::FAILURE;
    };
    mods.push(c);
    if let Err(e) = native::add_stdlib(&mut mods, &identity) {
        eprintln!("ferl: {e}");
        return ExitCode::FAILURE;
    }
    let entry = ("ferl_test_main".to_string(), "main".to_string(), 1);
    let exe = match native::cached_executable(&mods, &entry) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("ferl: {e}");
            return ExitCode::FAILURE;
        }
    };
    match std::process::Command::new(&exe).status() {
        Ok(st) => ExitCode::from(st.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(e) => {
            eprintln!("ferl: cannot run {}: {e}", exe.display());
            ExitCode::FAILURE
        }
    }
}

fn split_define(s: &str) -> (String, Option<String>) {
    match s.split_once('=') {
        Some((n, v)) => (n.to_string(), Some(v.to_string())),
        None => (s.to_string(), None),
    }
}
