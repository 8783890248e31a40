//! The Erlang-written library in stdlib/ checked against real OTP: runs the differential
//! escripts in tests/stdlib/ (each compares our module with OTP's on hundreds of generated
//! inputs and exits non-zero on any mismatch). Needs `escript`; prints a note without it.

use std::path::Path;
use std::process::Command;

fn run_escript(name: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = root.join("tests/stdlib").join(name);
    let out = match Command::new("escript")
        .arg(&script)
        .current_dir(&root)
        .output()
    {
        Ok(o) => o,
        Err(_) => {
            println!("note: escript not installed; {name} skipped");
            return;
        }
    };
    let text = String::from_utf8_lossy(&out.stdout);
    println!("{name}: {}", text.lines().last().unwrap_or(""));
    assert!(
        out.status.success(),
        "{name} failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn io_lib_agrees_with_otp() {
    run_escript("io_lib_diff.escript");
}

#[test]
fn io_agrees_with_otp() {
    run_escript("io_diff.escript");
}
