//! Replays every input the fuzzer ever found to panic (tests/fuzz-regressions/*), and
//! runs a short deterministic fuzz session: no input may panic.

use ferl_fuzz::{run_one, Corpus, Rng};
use std::path::Path;

#[test]
fn fuzz_regressions_do_not_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fuzz-regressions");
    let mut n = 0;
    for e in std::fs::read_dir(&dir)
        .expect("tests/fuzz-regressions exists")
        .flatten()
    {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "erl") {
            let bytes = std::fs::read(&p).unwrap();
            run_one(&String::from_utf8_lossy(&bytes), true);
            n += 1;
        }
    }
    println!("{n} fuzz regression inputs replayed");
}

#[test]
fn short_fuzz_session_has_no_panics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let files = ferl_fuzz::default_seed_files(&root);
    let corpus = Corpus::from_files(&files[..files.len().min(60)]);
    let mut rng = Rng::new(7);
    for i in 0..20_000 {
        let input = corpus.make_input(&mut rng);
        run_one(&input, i % 64 == 0);
    }
}
