//! epp-like preprocessing on tokens.

use crate::token::Token;
use ferl_diagnostics::{Diagnostics, FileId, SourceMap};
use std::path::{Path, PathBuf};

/// Preprocessor options (from the command line).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `-I` directories, searched in order for `-include`.
    pub include_dirs: Vec<PathBuf>,
    /// Directories holding applications (`APP` or `APP-VSN` subdirectories) for `-include_lib`.
    pub lib_dirs: Vec<PathBuf>,
    /// `-D Name` / `-D Name=Value` (value as source text).
    pub defines: Vec<(String, Option<String>)>,
}

/// Where the preprocessor gets files from (so the syntax layer does no I/O itself).
pub trait FileLoader {
    /// The contents of a file, or `None` if it cannot be read.
    fn read(&mut self, path: &Path) -> Option<String>;
    /// The entries (full paths) of a directory; empty if none.
    fn list_dir(&mut self, path: &Path) -> Vec<PathBuf>;
}

/// Preprocess a file: returns its forms, each a token list ending with `FormEnd`.
pub fn preprocess(
    _map: &mut SourceMap,
    _file: FileId,
    _opts: &Options,
    _loader: &mut dyn FileLoader,
    _diags: &mut Diagnostics,
) -> Vec<Vec<Token>> {
    Vec::new() // replaced by the preprocessor
}

/// The preprocessed forms as Erlang source text (for `ferlc -E`).
pub fn to_source(_forms: &[Vec<Token>]) -> String {
    String::new() // replaced by the preprocessor
}
