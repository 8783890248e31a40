//! A mutation fuzzer for the front end.
//!
//! Owns: building inputs (forms of real files, mutated at byte and token level, and random
//! token streams) and running one input through every front-end phase and every renderer
//! ([`run_one`]). The `ferl-fuzz` binary runs millions of them on threads and saves any
//! input that panics into `tests/fuzz-regressions/`, where a test replays them all.
//! Must not: be used by the compiler itself.

use ferl_diagnostics::{render, SourceMap};
use ferl_syntax::preprocess::{FileLoader, Options};
use std::path::{Path, PathBuf};

/// Includes resolve to one small in-memory header, so include paths get exercised.
struct MemLoader;

impl FileLoader for MemLoader {
    fn read(&mut self, path: &Path) -> Option<String> {
        let name = path.to_string_lossy();
        if name.ends_with(".hrl") && name.contains("inc") {
            Some(
                "-define(INC, 1).\n-define(INC(X), {X}).\n-record(inc, {a, b = 2 :: integer()}).\n"
                    .into(),
            )
        } else {
            None
        }
    }
    fn list_dir(&mut self, _path: &Path) -> Vec<PathBuf> {
        Vec::new()
    }
}

/// Run one input through lexing, preprocessing, parsing, checking, record expansion and all
/// renderers. Panics propagate (the caller catches them).
pub fn run_one(input: &str, render_human: bool) {
    let mut map = SourceMap::new();
    let file = map.add("fuzz.erl", input);
    let pp = Options {
        include_dirs: vec![PathBuf::from("inc")],
        lib_dirs: vec![PathBuf::from("lib")],
        defines: vec![("D".into(), Some("1 +".into()))],
    };
    let (module, diags) = ferl_driver::frontend::check_loaded(
        &mut map,
        file,
        &pp,
        &mut MemLoader,
        Some("fuzz".into()),
    );
    if !diags.iter().any(|d| d.is_error()) {
        let mut m = module;
        ferl_sema::expand_records(&mut m);
    }
    let mut sink = Vec::new();
    for d in &diags {
        let _ = render::erlc(&map, d, &mut sink);
        let _ = render::json(&map, d, &mut sink);
        if render_human {
            let _ = render::ariadne(&map, d, false, &mut sink);
        }
    }
}

/// A small xorshift generator: deterministic per seed, good enough for mutation choices.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// What inputs are made from: forms of real files, and a vocabulary of token texts.
pub struct Corpus {
    pub forms: Vec<String>,
    pub vocab: Vec<String>,
}

const EXTRA_VOCAB: &[&str] = &[
    "-define(",
    "-ifdef(",
    "-ifndef(",
    "-else.",
    "-endif.",
    "-if(",
    "-elif(",
    "-undef(",
    "-include(\"inc.hrl\").",
    "-include_lib(\"x/inc.hrl\").",
    "-record(",
    "#r{",
    "#r.",
    "?MODULE",
    "?LINE",
    "?FUNCTION_NAME",
    "??X",
    "?INC",
    "?INC(",
    "-spec",
    "-type",
    "::",
    "fun",
    "end",
    "<<",
    ">>",
    "/binary",
    ":8",
    "try",
    "catch",
    "of",
    "after",
    "receive",
    "when",
    "#{",
    "=>",
    ":=",
    "||",
    "<-",
    "<=",
    "$\\",
    "'\\x{",
    "\"\\",
    "16#",
    "1.0e",
    "_",
    "X",
    "Y",
    ".",
    ". ",
    "\n",
    "%",
    "?",
    "?D",
    "begin",
    "case",
    "if",
    "->",
    ";",
    ",",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "|",
    "!",
    "=",
    "-",
    "+",
    "*",
    "/",
];

impl Corpus {
    /// Build from source files: each file is cut into forms at its form-ending dots.
    pub fn from_files(files: &[PathBuf]) -> Corpus {
        let mut forms = Vec::new();
        let mut vocab: std::collections::BTreeSet<String> =
            EXTRA_VOCAB.iter().map(|s| s.to_string()).collect();
        for f in files {
            let Ok(bytes) = std::fs::read(f) else {
                continue;
            };
            let text = ferl_driver::loader::decode_source(&bytes);
            let mut diags = ferl_diagnostics::Diagnostics::new();
            let toks = ferl_syntax::lexer::lex(ferl_diagnostics::FileId(0), &text, &mut diags);
            let mut start = 0usize;
            for t in &toks {
                if vocab.len() < 20_000 && (t.span.end - t.span.start) < 40 {
                    vocab.insert(text[t.span.start as usize..t.span.end as usize].to_string());
                }
                if t.kind == ferl_syntax::token::Tok::FormEnd {
                    let end = t.span.end as usize;
                    if end - start < 4000 {
                        forms.push(text[start..end].to_string());
                    }
                    start = end;
                }
            }
        }
        let vocab: Vec<String> = vocab.into_iter().collect();
        if forms.is_empty() {
            forms.push("-module(m).\nf(X) -> X + 1.\n".into());
        }
        Corpus { forms, vocab }
    }

    /// Make one input.
    pub fn make_input(&self, rng: &mut Rng) -> String {
        match rng.below(10) {
            // A random token stream.
            0 | 1 => {
                let n = 1 + rng.below(60);
                let mut s = String::new();
                for _ in 0..n {
                    s.push_str(&self.vocab[rng.below(self.vocab.len())]);
                    s.push(if rng.below(4) == 0 { '\n' } else { ' ' });
                }
                s
            }
            // Real forms, mutated.
            _ => {
                let mut s = String::from("-module(fuzz).\n");
                for _ in 0..1 + rng.below(4) {
                    s.push_str(&self.forms[rng.below(self.forms.len())]);
                }
                let mut bytes = s.into_bytes();
                for _ in 0..rng.below(5) {
                    self.mutate(&mut bytes, rng);
                }
                String::from_utf8_lossy(&bytes).into_owned()
            }
        }
    }

    fn mutate(&self, b: &mut Vec<u8>, rng: &mut Rng) {
        let len = b.len();
        let pos = rng.below(len + 1);
        match rng.below(7) {
            0 if len > 0 => {
                let n = 1 + rng.below(16);
                let end = (pos + n).min(len);
                b.drain(pos.min(len)..end);
            }
            1 => {
                let tok = &self.vocab[rng.below(self.vocab.len())];
                let ins: Vec<u8> = format!(" {tok} ").into_bytes();
                b.splice(pos..pos, ins);
            }
            2 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(64)).min(len);
                let chunk = b[start..end].to_vec();
                b.splice(pos..pos, chunk);
            }
            3 if pos < len => {
                const BYTES: &[u8] = b" \n.,;:()[]{}<>=-+*/|#?$'\"\\%_aZ09\t\x00\xff";
                b[pos] = BYTES[rng.below(BYTES.len())];
            }
            4 => b.truncate(pos),
            5 => {
                let c = char::from_u32(rng.below(0x3000) as u32).unwrap_or('x');
                let mut buf = [0u8; 4];
                let s = c.encode_utf8(&mut buf).as_bytes().to_vec();
                b.splice(pos..pos, s);
            }
            _ if len > 2 => {
                let a = rng.below(len - 1);
                let c = rng.below(len - 1);
                b.swap(a, c);
            }
            _ => {}
        }
    }
}

/// Files to seed from: OTP's sources when installed, plus the project's own test files.
pub fn default_seed_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut walk = vec![
        root.join("tests"),
        root.join("examples"),
        root.join("stdlib"),
    ];
    if let Ok(rd) = std::fs::read_dir("/usr/lib/erlang/lib") {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if ["stdlib-", "kernel-", "compiler-", "eunit-"]
                .iter()
                .any(|p| name.starts_with(p))
            {
                walk.push(e.path().join("src"));
                walk.push(e.path().join("include"));
            }
        }
    }
    while let Some(d) = walk.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk.push(p);
            } else if p.extension().is_some_and(|x| x == "erl" || x == "hrl") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}
