//! Running the front end on one file: read, preprocess, parse, check.

use crate::loader::FsLoader;
use crate::options::{Options, Warnings};
use ferl_diagnostics::{Diagnostic, Diagnostics, FileId, SourceMap, Span};
use ferl_syntax::{ast::Module, preprocess};
use std::path::{Path, PathBuf};

/// The outcome of running the front end on one file.
pub struct Checked {
    pub map: SourceMap,
    pub file: FileId,
    pub module: Module,
    /// Errors first, then warnings, each in source order (erlc's order).
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Directories searched for `-include_lib("App/...")`: `ERL_LIBS` (as erlc), then ferl's
/// own library directory.
pub fn lib_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var("ERL_LIBS")
        .map(|v| std::env::split_paths(&v).collect())
        .unwrap_or_default();
    dirs.push(ferl_lib_dir());
    dirs
}

/// ferl's own library root (apps with their `include/` directories).
pub fn ferl_lib_dir() -> PathBuf {
    if let Ok(root) = std::env::var("FERL_ROOT") {
        return Path::new(&root).join("stdlib");
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../stdlib")
}

/// Preprocessor options from command-line options.
pub fn pp_options(opts: &Options) -> preprocess::Options {
    preprocess::Options {
        include_dirs: opts.include_dirs.clone(),
        lib_dirs: lib_dirs(),
        defines: opts.defines.clone(),
    }
}

/// Load a file into a fresh source map; a read failure is a diagnostic.
pub fn load(path: &Path) -> (SourceMap, FileId, Option<Diagnostic>) {
    let mut map = SourceMap::new();
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => {
            let file = map.add(name, crate::loader::decode_source(&bytes));
            (map, file, None)
        }
        Err(e) => {
            let file = map.add(name.clone(), "");
            let what = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
                _ => e.to_string().to_lowercase(),
            };
            (
                map,
                file,
                Some(Diagnostic::error("E0001", Span::whole_file(file), what)),
            )
        }
    }
}

/// Lex, preprocess, parse and check one file.
pub fn check_file(path: &Path, opts: &Options) -> Checked {
    check_file_with(path, &pp_options(opts), opts.warnings)
}

/// [`check_file`] with explicit preprocessor options (e.g. other library roots).
pub fn check_file_with(path: &Path, pp: &preprocess::Options, warnings: Warnings) -> Checked {
    let (mut map, file, read_error) = load(path);
    if let Some(d) = read_error {
        return Checked {
            map,
            file,
            module: Module::default(),
            diagnostics: vec![d],
        };
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let (module, diags) = check_loaded(&mut map, file, pp, &mut FsLoader, stem);
    Checked {
        map,
        file,
        module,
        diagnostics: order(diags, warnings),
    }
}

/// The front end on a file already in `map`, reading includes through `loader`.
/// Pure apart from the loader: the fuzzer and the LSP use it with in-memory files.
pub fn check_loaded(
    map: &mut SourceMap,
    file: FileId,
    pp: &preprocess::Options,
    loader: &mut dyn preprocess::FileLoader,
    file_stem: Option<String>,
) -> (Module, Vec<Diagnostic>) {
    let mut diags = Diagnostics::new();
    let mut module = ferl_syntax::parse_module(map, file, pp, loader, &mut diags);
    crate::eunit::transform(&mut module);
    diags.extend(ferl_sema::check(
        &module,
        map,
        &ferl_sema::Options {
            file_stem,
            ..Default::default()
        },
    ));
    (module, diags.items)
}

/// erlc's order and warning policy: errors of the lexer, preprocessor and parser (and the
/// head mismatches erl_parse reports) first, then the other errors, then warnings, each
/// group by position.
pub fn order(mut items: Vec<Diagnostic>, warnings: Warnings) -> Vec<Diagnostic> {
    if warnings == Warnings::Off {
        items.retain(Diagnostic::is_error);
    }
    let early = |d: &Diagnostic| {
        matches!(d.code.get(..3), Some("E01" | "E02" | "E03")) || d.code == "E0408"
    };
    items.sort_by_key(|d| (!d.is_error(), !early(d), d.primary.file, d.primary.start));
    items
}
