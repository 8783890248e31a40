//! `ferlc`: the erlc-like compiler. By default compiles `FILE.erl...` to native objects
//! (cached, see `ferl_driver::native`) and, when a module exports `main/1` (escript style)
//! or `start/0`, links them into one executable with the system `cc`. Also `--check`, `-c`,
//! `-S`, `-E`, `--dump=tokens|ast|ir|ir-opt`.

use ferl_diagnostics::{render, Diagnostics, Severity};
use ferl_driver::options::{self, Action, Warnings};
use ferl_driver::{frontend, native};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Syntax trees of generated code can nest very deeply (a 100,000-element list literal
    // is 100,000 nested cons cells); run on a thread whose stack fits them.
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
    if args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{}", options::USAGE);
        return ExitCode::SUCCESS;
    }
    let opts = match options::parse(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("ferlc: {e}\n{}", options::USAGE);
            return ExitCode::from(2);
        }
    };
    if opts.files.is_empty() {
        eprintln!("ferlc: no input files\n{}", options::USAGE);
        return ExitCode::from(2);
    }
    let format = opts.format.unwrap_or(if std::io::stderr().is_terminal() {
        render::Format::Human
    } else {
        render::Format::Erlc
    });
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let identity = native::compiler_identity();
    let mut compiled = Vec::new();
    for path in &opts.files {
        let ok = match opts.action {
            Action::Build | Action::Objects => {
                let r = native::compile_file(path, &opts, &identity);
                if opts.listing {
                    if let (Some(text), Some(c)) = (&r.ir_text, &r.compiled) {
                        let dir = listing_dir(&opts);
                        let file = dir.join(format!("{}.S", c.name));
                        if let Err(e) = std::fs::write(&file, text) {
                            eprintln!("ferlc: cannot write {}: {e}", file.display());
                        }
                    }
                }
                let ok = report(&r.map, &r.diagnostics, format, opts.warnings, &mut out);
                if let Some(c) = r.compiled {
                    if opts.action == Action::Objects {
                        let _ = writeln!(out, "{}", c.object.display());
                    }
                    compiled.push(c);
                }
                ok
            }
            Action::Check => {
                let checked = frontend::check_file(path, &opts);
                report(
                    &checked.map,
                    &checked.diagnostics,
                    format,
                    opts.warnings,
                    &mut out,
                )
            }
            Action::DumpAst => {
                let checked = frontend::check_file(path, &opts);
                let _ = writeln!(out, "{:#?}", checked.module);
                report(
                    &checked.map,
                    &checked.diagnostics,
                    format,
                    opts.warnings,
                    &mut out,
                )
            }
            Action::DumpIr { optimized } => {
                let mut checked = frontend::check_file(path, &opts);
                if !checked.has_errors() {
                    ferl_sema::expand_records(&mut checked.module);
                    let name = path.display().to_string();
                    match ferl_ir::lower_module_with_source(&checked.module, &name, &checked.map) {
                        Ok(mut m) => {
                            if optimized {
                                ferl_ir::optimize_module(&mut m, &ferl_codegen::loop_host);
                            }
                            let _ = write!(out, "{}", ferl_ir::print::module_to_string(&m));
                        }
                        Err(ds) => checked.diagnostics.extend(ds),
                    }
                }
                report(
                    &checked.map,
                    &checked.diagnostics,
                    format,
                    opts.warnings,
                    &mut out,
                )
            }
            Action::DumpTokens | Action::Preprocess => {
                let (mut map, file, err) = frontend::load(path);
                let mut diags = Diagnostics::new();
                diags.extend(err);
                if !diags.has_errors() {
                    if opts.action == Action::DumpTokens {
                        let text = map.get(file).text.clone();
                        for t in ferl_syntax::lexer::lex(file, &text, &mut diags) {
                            let (_, line, col) = map.location(t.span);
                            let _ = writeln!(out, "{line}:{col}\t{:?}\t{}", t.kind, t.kind.text());
                        }
                    } else {
                        let forms = ferl_syntax::preprocess::preprocess(
                            &mut map,
                            file,
                            &frontend::pp_options(&opts),
                            &mut ferl_driver::loader::FsLoader,
                            &mut diags,
                        );
                        let _ = write!(out, "{}", ferl_syntax::preprocess::to_source(&forms));
                    }
                }
                let ds = frontend::order(diags.items, opts.warnings);
                report(&map, &ds, format, opts.warnings, &mut out)
            }
        };
        failed |= !ok;
    }
    if !failed && opts.action == Action::Build {
        failed |= !link(&opts, &compiled);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Where `-S` listings go: the `-o` directory, else the current directory.
fn listing_dir(opts: &options::Options) -> std::path::PathBuf {
    match &opts.output {
        Some(o) if o.is_dir() => o.clone(),
        _ => std::path::PathBuf::from("."),
    }
}

/// Link the executable when there is an entry point (erlc-like: modules without one are
/// only compiled). Returns false on a link error.
fn link(opts: &options::Options, mods: &[native::Compiled]) -> bool {
    let has_entry = opts.entry.is_some() || mods.iter().any(|m| m.has_main || m.has_start);
    if !has_entry {
        return true;
    }
    let entry = match native::choose_entry(mods, opts.entry.as_deref()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("ferlc: {e}");
            return false;
        }
    };
    let out = match &opts.output {
        Some(o) if o.is_dir() || o.as_os_str().to_string_lossy().ends_with('/') => o.join(&entry.0),
        Some(o) => o.clone(),
        None => std::path::PathBuf::from(&entry.0),
    };
    let mut mods = mods.to_vec();
    if let Err(e) = native::add_stdlib(&mut mods, &native::compiler_identity()) {
        eprintln!("ferlc: {e}");
        return false;
    }
    match native::link(&mods, &entry, &out) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("ferlc: {e}");
            false
        }
    }
}

/// Render diagnostics (erlc format and JSON on stdout, as erlc; the human format on
/// stderr). Returns whether the file compiled (no errors, and no warnings under -Werror).
fn report(
    map: &ferl_diagnostics::SourceMap,
    diags: &[ferl_diagnostics::Diagnostic],
    format: render::Format,
    warnings: Warnings,
    out: &mut dyn Write,
) -> bool {
    let has_error = diags.iter().any(|d| d.severity == Severity::Error);
    let has_warning = diags.iter().any(|d| d.severity == Severity::Warning);
    let fail = has_error || (warnings == Warnings::Error && has_warning);
    if warnings == Warnings::Error && has_warning && format != render::Format::Json {
        let _ = writeln!(out, "compile: warnings being treated as errors");
    }
    let result = if format == render::Format::Human {
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        diags
            .iter()
            .try_for_each(|d| render::ariadne(map, d, true, &mut err))
    } else {
        render::render_all(format, map, diags, out)
    };
    let _ = result;
    !fail
}
