//! `ferl-fuzz [--iterations N] [--threads T] [--seed S]`: run the front-end fuzzer and save
//! every input that panics into tests/fuzz-regressions/.

use ferl_fuzz::{default_seed_files, run_one, Corpus, Rng};
use std::panic;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let get = |flag: &str, default: u64| -> u64 {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let iterations = get("--iterations", 1_000_000);
    let threads = get("--threads", 2).max(1);
    let seed = get("--seed", 1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = Arc::new(Corpus::from_files(&default_seed_files(&root)));
    eprintln!(
        "corpus: {} forms, {} vocabulary entries",
        corpus.forms.len(),
        corpus.vocab.len()
    );
    panic::set_hook(Box::new(|_| {}));
    let done = Arc::new(AtomicU64::new(0));
    let panics = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let out_dir = root.join("tests/fuzz-regressions");
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let corpus = corpus.clone();
            let done = done.clone();
            let panics = panics.clone();
            let out_dir = out_dir.clone();
            std::thread::Builder::new()
                .stack_size(ferl_driver::BIG_STACK)
                .spawn(move || {
                    let mut rng = Rng::new(seed * 1000 + t + 1);
                    let per = iterations / threads;
                    for i in 0..per {
                        let input = corpus.make_input(&mut rng);
                        let human = i % 16 == 0;
                        let res = panic::catch_unwind(|| run_one(&input, human));
                        if res.is_err() {
                            let n = panics.fetch_add(1, Ordering::Relaxed);
                            let path = out_dir.join(format!("crash-{seed}-{t}-{i}.erl"));
                            let _ = std::fs::write(&path, &input);
                            if n < 20 {
                                eprintln!("panic on input saved to {}", path.display());
                            }
                        }
                        let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                        if d % 1_000_000 == 0 {
                            eprintln!(
                                "{d} inputs, {:.0}/s",
                                d as f64 / start.elapsed().as_secs_f64()
                            );
                        }
                    }
                })
                .expect("spawn fuzz thread")
        })
        .collect();
    for h in handles {
        let _ = h.join();
    }
    let d = done.load(Ordering::Relaxed);
    println!(
        "{d} inputs in {:.1}s ({:.0}/s), {} panics",
        start.elapsed().as_secs_f64(),
        d as f64 / start.elapsed().as_secs_f64(),
        panics.load(Ordering::Relaxed)
    );
}
