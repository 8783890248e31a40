//! Reading source files from disk for the preprocessor, and decoding them as erlc does
//! (UTF-8 by default, Latin-1 when the file says `coding: latin-1` or is not valid UTF-8).

use ferl_syntax::preprocess::FileLoader;
use std::path::{Path, PathBuf};

/// Decode source bytes: a `coding: latin-1` comment in the first two lines, or bytes
/// that are not UTF-8, mean Latin-1 (each byte one code point).
pub fn decode_source(bytes: &[u8]) -> String {
    let head_end = bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(1)
        .map(|(i, _)| i)
        .unwrap_or(bytes.len());
    let head = String::from_utf8_lossy(&bytes[..head_end]).to_lowercase();
    let says_latin1 = head.lines().any(|l| {
        l.trim_start().starts_with('%')
            && (l.contains("coding: latin-1")
                || l.contains("coding:latin-1")
                || l.contains("coding: iso-8859-1"))
    });
    if !says_latin1 {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return s.to_string();
        }
    }
    bytes.iter().map(|&b| b as char).collect()
}

/// Reads files from the file system.
#[derive(Default)]
pub struct FsLoader;

impl FileLoader for FsLoader {
    fn read(&mut self, path: &Path) -> Option<String> {
        std::fs::read(path).ok().map(|b| decode_source(&b))
    }

    fn list_dir(&mut self, path: &Path) -> Vec<PathBuf> {
        match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(_) => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_latin1_and_utf8() {
        assert_eq!(decode_source("é".as_bytes()), "é");
        assert_eq!(decode_source(&[b'a', 0xE9]), "aé");
        assert_eq!(
            decode_source(b"%% coding: latin-1\n\xc3\xa9"),
            "%% coding: latin-1\n\u{c3}\u{a9}"
        );
    }
}
