//! Every diagnostic code is in the table, unique, documented in docs/errors/CODE.md, and
//! every code literal used in the compiler's sources is in the table.

use ferl_diagnostics::codes::ALL;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn codes_are_unique_and_documented() {
    let mut seen = std::collections::HashSet::new();
    for (code, title) in ALL {
        assert!(seen.insert(*code), "duplicate code {code}");
        assert!(!title.is_empty());
        let page = root().join("docs/errors").join(format!("{code}.md"));
        let text =
            std::fs::read_to_string(&page).unwrap_or_else(|_| panic!("missing {}", page.display()));
        assert!(
            text.contains(code),
            "{} does not name its code",
            page.display()
        );
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                rust_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs" || x == "lalrpop") {
                out.push(p);
            }
        }
    }
}

#[test]
fn every_used_code_is_in_the_table() {
    let mut files = Vec::new();
    rust_files(&root().join("compiler"), &mut files);
    let mut unknown = Vec::new();
    for f in files {
        if f.ends_with("codes.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for (i, _) in text.match_indices('"') {
            let rest = &text[i + 1..];
            let cand: String = rest.chars().take(6).collect();
            let b = cand.as_bytes();
            if b.len() == 6
                && (b[0] == b'E' || b[0] == b'W')
                && b[1..5].iter().all(u8::is_ascii_digit)
                && b[5] == b'"'
            {
                let code = &cand[..5];
                if ferl_diagnostics::codes::title(code).is_none() {
                    unknown.push(format!("{}: {code}", f.display()));
                }
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "codes used but not in codes::ALL: {unknown:?}"
    );
}
