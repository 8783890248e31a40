//! erlc-compatible command-line options shared by `ferlc` and `ferl`.

use ferl_diagnostics::render::Format;
use std::path::PathBuf;

/// What `ferlc` should do with its files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Compile to objects and link an executable (the default).
    Build,
    /// Compile to objects only (`-c`).
    Objects,
    /// Parse and check only (`--check`).
    Check,
    /// Print the preprocessed source (`-E`).
    Preprocess,
    /// `--dump=tokens`
    DumpTokens,
    /// `--dump=ast`
    DumpAst,
    /// `--dump=ir`: the core IR after record expansion, lowering and match compilation;
    /// `--dump=ir-opt`: after `ferl_ir::optimize_module` too (inlining), what the code
    /// generator compiles.
    DumpIr { optimized: bool },
}

/// How warnings are treated: `-W0` (none), default/`-W`/`-W1`.. (shown), `-Werror`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Warnings {
    Off,
    On,
    Error,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub action: Action,
    pub files: Vec<PathBuf>,
    pub include_dirs: Vec<PathBuf>,
    pub defines: Vec<(String, Option<String>)>,
    pub warnings: Warnings,
    pub output: Option<PathBuf>,
    /// Forced rendering format (`--brief` = erlc, `--error-format=json`); `None` = decide
    /// by whether stderr is a terminal.
    pub format: Option<Format>,
    /// `-S`: also write `Mod.S` (the core IR the object was generated from).
    pub listing: bool,
    /// `--entry Mod:Fun`: the executable's entry function.
    pub entry: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            action: Action::Build,
            files: Vec::new(),
            include_dirs: Vec::new(),
            defines: Vec::new(),
            warnings: Warnings::On,
            output: None,
            format: None,
            listing: false,
            entry: None,
        }
    }
}

pub const USAGE: &str = "\
usage: ferlc [options] FILE.erl...

  (default)            compile and link an executable (a module exporting main/1,
                       escript-style, or start/0 is the entry)
  --check              parse and check only
  -c                   compile to objects only (in the cache; paths printed)
  -S                   also write Mod.S: the core IR the object is generated from
  --entry Mod:Fun      the entry function (default: main/1, else start/0)
  -E                   print the preprocessed source
  --dump=tokens|ast|ir print the tokens, the syntax tree or the core IR
  --dump=ir-opt        print the core IR after inlining (what is compiled)
  -I DIR               add DIR to the include search path
  -D NAME[=VALUE]      define a macro
  -W0 | -W | -Werror   no warnings | warnings (default) | warnings are errors
  -o DIR|FILE          the executable (FILE, or DIR/Mod; default ./Mod)
  --brief              erlc's one-line diagnostics even on a terminal
  --error-format=json  one JSON object per diagnostic
  -h, --help           this text
";

/// Parse erlc-style arguments. Accepts `-IDIR` and `-I DIR`, `-DNAME=V` and `-D NAME=V`.
pub fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut i = 0;
    let next = |i: &mut usize, flag: &str| -> Result<String, String> {
        *i += 1;
        args.get(*i)
            .cloned()
            .ok_or_else(|| format!("option {flag} needs an argument"))
    };
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "--check" => o.action = Action::Check,
            "-c" => o.action = Action::Objects,
            "-S" => o.listing = true,
            "--entry" => o.entry = Some(next(&mut i, "--entry")?),
            "-E" => o.action = Action::Preprocess,
            "--dump=tokens" => o.action = Action::DumpTokens,
            "--dump=ast" => o.action = Action::DumpAst,
            "--dump=ir" => o.action = Action::DumpIr { optimized: false },
            "--dump=ir-opt" => o.action = Action::DumpIr { optimized: true },
            "--brief" => o.format = Some(Format::Erlc),
            "--error-format=json" => o.format = Some(Format::Json),
            "--error-format=human" => o.format = Some(Format::Human),
            "--error-format=short" => o.format = Some(Format::Erlc),
            "-W0" => o.warnings = Warnings::Off,
            "-Werror" => o.warnings = Warnings::Error,
            "-I" => o.include_dirs.push(next(&mut i, "-I")?.into()),
            "-D" => o.defines.push(split_define(&next(&mut i, "-D")?)),
            "-o" => o.output = Some(next(&mut i, "-o")?.into()),
            _ if a.starts_with("-W") && a[2..].chars().all(|c| c.is_ascii_digit()) => {
                o.warnings = Warnings::On
            }
            _ if a.starts_with("-I") => o.include_dirs.push(a[2..].into()),
            _ if a.starts_with("-D") => o.defines.push(split_define(&a[2..])),
            _ if a.starts_with('-') && a.len() > 1 => return Err(format!("unknown option: {a}")),
            _ => o.files.push(a.into()),
        }
        i += 1;
    }
    Ok(o)
}

fn split_define(s: &str) -> (String, Option<String>) {
    match s.split_once('=') {
        Some((n, v)) => (n.to_string(), Some(v.to_string())),
        None => (s.to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Options {
        parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn erlc_style_flags() {
        let o = p(&[
            "-Iinc", "-I", "x", "-DDEBUG", "-D", "N=3", "-Werror", "a.erl", "b.erl",
        ]);
        assert_eq!(
            o.include_dirs,
            vec![PathBuf::from("inc"), PathBuf::from("x")]
        );
        assert_eq!(
            o.defines,
            vec![("DEBUG".into(), None), ("N".into(), Some("3".into()))]
        );
        assert_eq!(o.warnings, Warnings::Error);
        assert_eq!(o.files.len(), 2);
        assert_eq!(p(&["-W0", "a.erl"]).warnings, Warnings::Off);
        assert_eq!(p(&["-E", "a.erl"]).action, Action::Preprocess);
        assert!(parse(&["--bogus".to_string()]).is_err());
    }
}
