//! Native executables against real Erlang/OTP: every program under `tests/run-pass`
//! (`NAME.erl`, or a directory `NAME/` of modules) is compiled with `ferlc` into an
//! executable, run (arguments from `NAME.args`), and its stdout (byte for byte) and exit
//! status compared with `NAME.out` / `NAME.status`, which `tests/run-pass/regen.sh`
//! produced by running the same program on OTP 25 (`escript -c`). With `FERL_LIVE_ERL=1`
//! (and `escript` installed), single-file programs are also run on it live and compared
//! (a check that the stored outputs are current; off by default: erl's timing under a
//! loaded machine made timer-based programs flaky, and the stored outputs are erl's).
//! Also: `ferl run`, the object cache, `-o`, `-S`, and `--entry`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn suite() -> PathBuf {
    root().join("tests/run-pass")
}

/// A scratch directory for one test, removed when the test ends (pass or fail): the
/// executables add up to gigabytes over the suite otherwise.
struct WorkDir(PathBuf);

impl std::ops::Deref for WorkDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn work_dir(tag: &str) -> WorkDir {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("run-pass-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("work dir");
    WorkDir(d)
}

fn cache_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("ferl-cache")
}

fn ferlc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ferlc"))
        .env("FERL_CACHE_DIR", cache_dir())
        .args(args)
        .output()
        .expect("run ferlc")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

struct Program {
    name: String,
    sources: Vec<PathBuf>,
    args: Vec<String>,
    /// `NAME.stdin`, fed to the program's standard input (else it is empty).
    stdin: Option<PathBuf>,
}

/// The program's standard input: `NAME.stdin`, or nothing.
fn stdin_of(p: &Program) -> std::process::Stdio {
    p.stdin
        .as_ref()
        .and_then(|f| std::fs::File::open(f).ok())
        .map_or_else(std::process::Stdio::null, std::process::Stdio::from)
}

fn programs() -> Vec<Program> {
    let mut v = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(suite())
        .expect("tests/run-pass")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        let Some(stem) = p.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let sources = if p.is_dir() {
            let mut s: Vec<PathBuf> = std::fs::read_dir(&p)
                .expect("program dir")
                .flatten()
                .map(|e| e.path())
                .filter(|f| f.extension().is_some_and(|x| x == "erl"))
                .collect();
            s.sort();
            s
        } else if p.extension().is_some_and(|x| x == "erl") {
            vec![p.clone()]
        } else {
            continue;
        };
        let args = std::fs::read_to_string(suite().join(format!("{stem}.args")))
            .map(|s| s.split_whitespace().map(String::from).collect())
            .unwrap_or_default();
        let stdin = Some(suite().join(format!("{stem}.stdin"))).filter(|f| f.exists());
        v.push(Program {
            name: stem,
            sources,
            args,
            stdin,
        });
    }
    v
}

fn exports_main(src: &Path) -> bool {
    std::fs::read_to_string(src).is_ok_and(|s| {
        s.lines()
            .any(|l| l.starts_with("-export(") && l.contains("main/1"))
    })
}

fn build(p: &Program, dir: &Path) -> Result<PathBuf, String> {
    let exe = dir.join(&p.name);
    let mut args: Vec<String> = vec!["-o".into(), exe.display().to_string()];
    args.extend(p.sources.iter().map(|s| s.display().to_string()));
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = ferlc(&a);
    if !o.status.success() {
        return Err(format!(
            "ferlc failed: {}{}",
            text(&o.stdout),
            text(&o.stderr)
        ));
    }
    Ok(exe)
}

/// Every program is built once, run, and run again with `FERL_GC_TORTURE=1` (every
/// allocation check collects and moves every live object): both runs must give erl's
/// stdout and exit status. With `FERL_LIVE_ERL=1`, single-file programs are also run on
/// escript live and compared. Programs are checked on as many threads as the machine
/// has cores.
#[test]
fn programs_match_erl_output_normally_and_under_gc_torture() {
    let dir = work_dir("suite");
    let progs = programs();
    assert!(progs.len() >= 8, "the suite has its programs");
    let live = std::env::var("FERL_LIVE_ERL").is_ok_and(|v| v == "1")
        && Command::new("escript")
            .arg("-s")
            .arg("/dev/null")
            .output()
            .is_ok();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(p) = progs.get(i) else { break };
                let f = check_program(p, &dir, live);
                failures.lock().unwrap().extend(f);
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The differences of one program from its expected output (normal run, live escript,
/// GC torture run).
fn check_program(p: &Program, dir: &Path, live: bool) -> Vec<String> {
    let mut failures = Vec::new();
    let want_out = std::fs::read(suite().join(format!("{}.out", p.name)));
    let want_status = std::fs::read_to_string(suite().join(format!("{}.status", p.name)));
    let (Ok(want_out), Ok(want_status)) = (want_out, want_status) else {
        return vec![format!(
            "{}: missing .out/.status (run tests/run-pass/regen.sh)",
            p.name
        )];
    };
    let want_status: i32 = want_status.trim().parse().unwrap_or(-1);
    let exe = match build(p, dir) {
        Ok(e) => e,
        Err(e) => return vec![format!("{}: {e}", p.name)],
    };
    let o = Command::new(&exe)
        .args(&p.args)
        .stdin(stdin_of(p))
        .output()
        .expect("run the executable");
    if o.stdout != want_out {
        failures.push(format!(
            "{}: stdout differs\n--- got\n{}\n--- want\n{}",
            p.name,
            text(&o.stdout),
            text(&want_out)
        ));
    }
    if o.status.code() != Some(want_status) {
        failures.push(format!(
            "{}: status {:?}, want {want_status} (stderr: {})",
            p.name,
            o.status.code(),
            text(&o.stderr)
        ));
    }
    if live && p.sources.len() == 1 && exports_main(&p.sources[0]) {
        let e = Command::new("escript")
            .arg("-c")
            .arg(&p.sources[0])
            .args(&p.args)
            .stdin(stdin_of(p))
            .output()
            .expect("escript");
        if e.stdout != o.stdout || e.status.code() != o.status.code() {
            failures.push(format!(
                "{}: differs from live escript (status {:?} vs {:?})\n--- ferl\n{}\n--- escript\n{}",
                p.name,
                o.status.code(),
                e.status.code(),
                text(&o.stdout),
                text(&e.stdout)
            ));
        }
    }
    let torture = run_with_timeout(
        &exe,
        &p.args,
        stdin_of(p),
        ("FERL_GC_TORTURE", "1"),
        std::time::Duration::from_secs(300),
    );
    let _ = std::fs::remove_file(&exe);
    match torture {
        None => failures.push(format!(
            "{}: did not finish under GC torture in 300 s",
            p.name
        )),
        Some(t) => {
            if t.stdout != want_out {
                failures.push(format!(
                    "{}: stdout differs under GC torture\n--- got\n{}",
                    p.name,
                    text(&t.stdout)
                ));
            }
            if t.status.code() != Some(want_status) {
                failures.push(format!(
                    "{}: status {:?} under GC torture, want {want_status}",
                    p.name,
                    t.status.code()
                ));
            }
        }
    }
    failures
}

/// Run `exe` with `env` set, killing it after `limit`; `None` on timeout.
fn run_with_timeout(
    exe: &Path,
    args: &[String],
    stdin: std::process::Stdio,
    env: (&str, &str),
    limit: std::time::Duration,
) -> Option<Output> {
    let mut child = Command::new(exe)
        .args(args)
        .stdin(stdin)
        .env(env.0, env.1)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run the executable");
    let start = std::time::Instant::now();
    // Drain stdout on a thread so a chatty program cannot block on a full pipe.
    let mut out = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut out, &mut v);
        v
    });
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            let stdout = reader.join().unwrap_or_default();
            return Some(Output {
                status,
                stdout,
                stderr: Vec::new(),
            });
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn uncaught_exception_is_reported_like_escript() {
    let dir = work_dir("uncaught");
    let p = Program {
        name: "uncaught_error".into(),
        sources: vec![suite().join("uncaught_error.erl")],
        args: vec![],
        stdin: None,
    };
    let exe = build(&p, &dir).expect("build");
    let o = Command::new(&exe).output().expect("run");
    assert_eq!(o.status.code(), Some(127));
    let err = text(&o.stderr);
    let lines: Vec<&str> = err.lines().collect();
    // erl_error's layout: the BIF with its arguments, then the callers with file and line
    // (escript's own frames aside; escript numbers lines from the file's second line).
    assert_eq!(lines[0], "escript: exception error: bad argument", "{err}");
    assert_eq!(lines[1], "  in function  element/2", "{err}");
    assert_eq!(lines[2], "     called as element(7,{a,b})", "{err}");
    assert!(
        lines[3].starts_with("  in call from uncaught_error:check/1 (")
            && lines[3].ends_with("uncaught_error.erl, line 12)"),
        "{err}"
    );
    assert!(
        lines[4].starts_with("  in call from uncaught_error:main/1 (")
            && lines[4].ends_with(", line 8)"),
        "{err}"
    );
    assert_eq!(lines.len(), 5, "{err}");
}

/// A spawned process that dies of an uncaught error is reported on stderr like BEAM's
/// error logger (with the stack trace); one that exits with `exit/1` is not; the
/// program's stdout and status are unaffected.
#[test]
fn crash_reports_of_spawned_processes() {
    let dir = work_dir("crash");
    let src = dir.join("crashy.erl");
    std::fs::write(
        &src,
        "-module(crashy).\n-export([main/1]).\n\
         main(_) ->\n    {P, M} = spawn_monitor(fun() -> 1 = id(2) end),\n\
         \x20   receive {'DOWN', M, process, P, {R, [Top | _]}} -> io:format(\"~p ~p~n\", [R, element(2, Top)]) end,\n\
         \x20   {P2, M2} = spawn_monitor(fun() -> exit(quiet) end),\n\
         \x20   receive {'DOWN', M2, process, P2, quiet} -> ok end,\n\
         \x20   {P3, M3} = spawn_monitor(fun() -> throw(ball) end),\n\
         \x20   receive {'DOWN', M3, process, P3, {{nocatch, ball}, _}} -> ok end.\n\
         id(X) -> X.\n",
    )
    .expect("write");
    let p = Program {
        name: "crashy".into(),
        sources: vec![src],
        args: vec![],
        stdin: None,
    };
    let exe = build(&p, &dir).expect("build");
    let o = Command::new(&exe).output().expect("run");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stdout), "{badmatch,2} '-main/1-fun-0-'\n");
    let err = text(&o.stderr);
    assert_eq!(err.matches("=ERROR REPORT==== ").count(), 2, "{err}");
    assert!(
        err.contains(" with exit value:\n{{badmatch,2},[{crashy,'-main/1-fun-0-',0,[{file,\""),
        "{err}"
    );
    assert!(err.contains("{line,4}]}]}"), "{err}");
    assert!(err.contains("with exit value:\n{{nocatch,ball},"), "{err}");
    assert!(!err.contains("quiet"), "{err}");
}

#[test]
fn objects_are_cached_by_content() {
    let dir = work_dir("cache");
    let src = dir.join("cached_mod.erl");
    std::fs::write(
        &src,
        "-module(cached_mod).\n-export([main/1]).\nmain(_) -> io:put_chars(\"v1\\n\").\n",
    )
    .unwrap();
    let s = src.display().to_string();
    let o1 = ferlc(&["-c", &s]);
    assert!(o1.status.success(), "{}", text(&o1.stdout));
    let obj = PathBuf::from(text(&o1.stdout).trim());
    let t1 = std::fs::metadata(&obj)
        .and_then(|m| m.modified())
        .expect("object exists");
    let o2 = ferlc(&["-c", &s]);
    assert_eq!(
        text(&o2.stdout),
        text(&o1.stdout),
        "same object for the same source"
    );
    let t2 = std::fs::metadata(&obj)
        .and_then(|m| m.modified())
        .expect("object exists");
    assert_eq!(t1, t2, "an unchanged module is not recompiled");
    std::fs::write(
        &src,
        "-module(cached_mod).\n-export([main/1]).\nmain(_) -> io:put_chars(\"v2\\n\").\n",
    )
    .unwrap();
    let o3 = ferlc(&["-c", &s]);
    assert_ne!(
        text(&o3.stdout),
        text(&o1.stdout),
        "a changed module gets a new object"
    );
}

#[test]
fn ferl_run_compiles_and_runs_with_arguments_and_status() {
    let ferl = env!("CARGO_BIN_EXE_ferl");
    let o = Command::new(ferl)
        .env("FERL_CACHE_DIR", cache_dir())
        .arg("run")
        .arg(suite().join("args.erl"))
        .args(["a", "b c"])
        .output()
        .expect("ferl run");
    assert_eq!(
        text(&o.stdout),
        "argc=2\n1: a\n2: b c\n",
        "{}",
        text(&o.stderr)
    );
    assert_eq!(o.status.code(), Some(0));
    let o = Command::new(ferl)
        .env("FERL_CACHE_DIR", cache_dir())
        .arg("run")
        .arg(suite().join("halt_status.erl"))
        .output()
        .expect("ferl run");
    assert_eq!(text(&o.stdout), "before halt\n");
    assert_eq!(o.status.code(), Some(3));
    // Several modules, through -pa.
    let o = Command::new(ferl)
        .env("FERL_CACHE_DIR", cache_dir())
        .args(["run", "-pa"])
        .arg(suite().join("multi"))
        .output()
        .expect("ferl run -pa");
    assert_eq!(
        o.stdout,
        std::fs::read(suite().join("multi.out")).unwrap(),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn entry_option_listing_and_output_dir() {
    let dir = work_dir("entry");
    let d = dir.display().to_string();
    let src = suite().join("start_entry.erl").display().to_string();
    let o = ferlc(&["-S", "-o", &d, &src]);
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
    assert!(
        dir.join("start_entry.S").is_file(),
        "-S writes Mod.S into the -o directory"
    );
    let r = Command::new(dir.join("start_entry")).output().expect("run");
    assert_eq!(text(&r.stdout), "started\n");
    let exe = dir.join("other_name").display().to_string();
    let hello = suite().join("hello.erl").display().to_string();
    let o = ferlc(&["--entry", "hello:main", "-o", &exe, &hello]);
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
    let r = Command::new(&exe).output().expect("run");
    assert_eq!(text(&r.stdout), "Hello, world!\n");
}

#[test]
fn compile_errors_stop_ferl_run_with_erlc_diagnostics() {
    let dir = work_dir("errors");
    let src = dir.join("broken.erl");
    std::fs::write(
        &src,
        "-module(broken).\n-export([main/1]).\nmain(_) -> Y.\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_ferl"))
        .env("FERL_CACHE_DIR", cache_dir())
        .arg("run")
        .arg(&src)
        .output()
        .expect("ferl run");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("broken.erl:3:12: variable 'Y' is unbound"),
        "{}",
        text(&o.stderr)
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn objects_export_the_descriptor_and_keep_relocated_data_out_of_bss() {
    let src = suite().join("data_structures.erl").display().to_string();
    let o = ferlc(&["-c", &src]);
    assert!(o.status.success(), "{}", text(&o.stdout));
    let obj = text(&o.stdout).trim().to_string();
    let (Ok(nm), Ok(re)) = (
        Command::new("nm").arg(&obj).output(),
        Command::new("readelf").args(["-S", "-r", &obj]).output(),
    ) else {
        eprintln!("nm/readelf not installed: skipping");
        return;
    };
    let syms = text(&nm.stdout);
    let desc = format!("ferl_D{}data__structures", "data__structures".len());
    assert!(
        syms.lines()
            .any(|l| l.ends_with(&format!(" D {desc}")) || l.ends_with(&format!(" R {desc}"))),
        "{syms}"
    );
    assert!(
        !syms.lines().any(|l| l.ends_with(" T main")),
        "only the boot object defines main"
    );
    assert!(
        !text(&re.stdout).contains(".rela.bss"),
        "relocated data must not be zero-init"
    );
}
