//! Native executables: `.erl` -> checked module -> IR -> object (cached) -> `cc` link with
//! the runtime's static library. Shared by `ferlc` (default action) and `ferl run`.
//!
//! Caching: an object is stored under the cache directory by a hash of the module's IR
//! text (so included headers and macros are covered) and the compiler's identity (package
//! version plus the size and modification time of the running executable). An unchanged
//! module is never code-generated twice; linked executables are cached the same way by
//! the hashes of their objects and entry point (`ferl run` then only executes).
//!
//! The runtime's static library (`libferl_runtime.a`) is located, in order:
//! `$FERL_RUNTIME_LIB`; else the newest of `libferl_runtime.a` next to the running
//! executable (what `cargo build -p ferl_runtime` produces in `target/<profile>/`) and
//! `deps/libferl_runtime-*.a` there (cargo builds the staticlib whenever ferl_runtime is
//! built as a dependency of ferlc, since its crate-type lists `staticlib`). For a test
//! binary (in `target/<profile>/deps`) the profile directory is searched too.
//!
//! Owns: the cache, the link command, entry-point selection.
//! Must not: generate code itself (ferl_codegen does) or print (callers render).

use crate::frontend;
use crate::options::{Options, Warnings};
use ferl_codegen::object::{self, BifStub, BootSpec};
use ferl_diagnostics::{Diagnostic, SourceMap};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// Native libraries the runtime's static library needs
/// (`cargo rustc -p ferl_runtime --crate-type staticlib -- --print native-static-libs`).
pub const NATIVE_STATIC_LIBS: &[&str] = &[
    "-lgcc_s",
    "-lutil",
    "-lrt",
    "-lpthread",
    "-lm",
    "-ldl",
    "-lc",
];

/// One compiled module.
#[derive(Clone, Debug)]
pub struct Compiled {
    pub name: String,
    pub object: PathBuf,
    /// Hash of the object's contents key (IR + compiler identity).
    pub key: u64,
    /// Exports `main/1`.
    pub has_main: bool,
    /// Exports `start/0`.
    pub has_start: bool,
    /// Whether the object came from the cache.
    pub cached: bool,
}

/// The outcome of compiling one file: diagnostics to render (with their source map), and
/// the module if it compiled.
pub struct FileResult {
    pub map: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub compiled: Option<Compiled>,
    /// `-S`: the core IR text, then (when the object was generated) the Cranelift IR.
    pub ir_text: Option<String>,
}

/// The cache directory: `$FERL_CACHE_DIR`, `$XDG_CACHE_HOME/ferl`, `~/.cache/ferl`, or the
/// system temporary directory.
pub fn cache_dir() -> PathBuf {
    if let Ok(d) = std::env::var("FERL_CACHE_DIR") {
        return PathBuf::from(d);
    }
    if let Ok(d) = std::env::var("XDG_CACHE_HOME") {
        return Path::new(&d).join("ferl");
    }
    if let Ok(h) = std::env::var("HOME") {
        return Path::new(&h).join(".cache/ferl");
    }
    std::env::temp_dir().join("ferl-cache")
}

/// Identity of the compiler: version, and size + mtime of the running executable.
pub fn compiler_identity() -> String {
    let mut s = format!("ferl {}", env!("CARGO_PKG_VERSION"));
    if let Ok(exe) = std::env::current_exe() {
        if let Ok(md) = std::fs::metadata(&exe) {
            let t = md
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            s.push_str(&format!(" {} {:?}", md.len(), t));
        }
    }
    // The code generator's switch for the native fast path (for comparisons).
    if std::env::var_os("FERL_NO_NATIVE").is_some() {
        s.push_str(" no-native");
    }
    // ... and for speculative float blocks.
    if std::env::var_os("FERL_NO_FLOAT_BLOCKS").is_some() {
        s.push_str(" no-float-blocks");
    }
    s
}

fn hash_of(parts: &[&[u8]]) -> u64 {
    let mut h = DefaultHasher::new();
    for p in parts {
        p.hash(&mut h);
    }
    h.finish()
}

/// Front end + IR + (cached) object for one file.
pub fn compile_file(path: &Path, opts: &Options, identity: &str) -> FileResult {
    let mut checked = frontend::check_file(path, opts);
    let failed = checked.has_errors()
        || (opts.warnings == Warnings::Error && !checked.diagnostics.is_empty());
    if failed {
        return FileResult {
            map: checked.map,
            diagnostics: checked.diagnostics,
            compiled: None,
            ir_text: None,
        };
    }
    ferl_sema::expand_records(&mut checked.module);
    // Stack traces name ferl's own stdlib files as OTP names its: `{file,"lists.erl"}`.
    let name = match path.file_name() {
        Some(f) if path.parent() == Some(frontend::ferl_lib_dir().as_path()) => {
            f.to_string_lossy().into_owned()
        }
        _ => path.display().to_string(),
    };
    let ir = match ferl_ir::lower_module_with_source(&checked.module, &name, &checked.map) {
        Ok(m) => m,
        Err(ds) => {
            checked.diagnostics.extend(ds);
            return FileResult {
                map: checked.map,
                diagnostics: checked.diagnostics,
                compiled: None,
                ir_text: None,
            };
        }
    };
    let text = ferl_ir::print::module_to_string(&ir);
    let key = hash_of(&[identity.as_bytes(), text.as_bytes()]);
    let mname = ir.name.to_string();
    let dir = cache_dir().join("obj");
    let obj = dir.join(format!(
        "{}-{key:016x}.o",
        ferl_runtime::abi::mangle(&mname)
    ));
    let exported = |f: &str, a: u32| ir.exports.iter().any(|(n, k)| &**n == f && *k == a);
    let (has_main, has_start) = (exported("main", 1), exported("start", 0));
    let mut ir_text = Some(text);
    let cached = obj.is_file() && !opts.listing;
    if !cached {
        let result = if opts.listing {
            object::compile_object_with_listing(&ir).map(|(b, clif)| {
                if let Some(t) = ir_text.as_mut() {
                    t.push_str("\n;; ---- Cranelift IR ----\n");
                    t.push_str(&clif);
                }
                b
            })
        } else {
            object::compile_object(&ir)
        };
        let bytes = match result {
            Ok(b) => b,
            Err(ds) => {
                checked.diagnostics.extend(ds);
                return FileResult {
                    map: checked.map,
                    diagnostics: checked.diagnostics,
                    compiled: None,
                    ir_text,
                };
            }
        };
        if let Err(e) = write_atomic(&obj, &bytes) {
            checked
                .diagnostics
                .push(io_error(&format!("cannot write {}: {e}", obj.display())));
            return FileResult {
                map: checked.map,
                diagnostics: checked.diagnostics,
                compiled: None,
                ir_text,
            };
        }
    }
    let compiled = Compiled {
        name: mname,
        object: obj,
        key,
        has_main,
        has_start,
        cached,
    };
    FileResult {
        map: checked.map,
        diagnostics: checked.diagnostics,
        compiled: Some(compiled),
        ir_text,
    }
}

/// A driver error that is not about a source position (I/O, linking).
pub fn io_error(msg: &str) -> Diagnostic {
    Diagnostic::error(
        "E0002",
        ferl_diagnostics::Span::whole_file(ferl_diagnostics::FileId(0)),
        msg.to_string(),
    )
}

fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// The entry point of a program: `--entry M:F` (arity 1 if `M:F/1` is `main/1`-like is
/// not knowable here: `F` = `main` means arity 1, anything else arity 0), else the first
/// module exporting `main/1`, else the first exporting `start/0`.
pub fn choose_entry(
    mods: &[Compiled],
    entry: Option<&str>,
) -> Result<(String, String, u32), String> {
    if let Some(e) = entry {
        let (m, f) = e
            .split_once(':')
            .ok_or_else(|| format!("bad --entry {e}: expected Mod:Fun"))?;
        let (f, arity) = match f.split_once('/') {
            Some((f, a)) => (
                f,
                a.parse::<u32>()
                    .map_err(|_| format!("bad arity in --entry {e}"))?,
            ),
            None => (f, if f == "main" { 1 } else { 0 }),
        };
        if arity > 1 {
            return Err(format!(
                "--entry {e}: the entry function takes 0 or 1 (argument list) arguments"
            ));
        }
        return Ok((m.to_string(), f.to_string(), arity));
    }
    if let Some(m) = mods.iter().find(|m| m.has_main) {
        return Ok((m.name.clone(), "main".into(), 1));
    }
    if let Some(m) = mods.iter().find(|m| m.has_start) {
        return Ok((m.name.clone(), "start".into(), 0));
    }
    Err("no module exports main/1 or start/0 (use --entry Mod:Fun)".into())
}

/// The runtime's static library (see the module documentation for the search order).
pub fn runtime_lib() -> Result<PathBuf, String> {
    if let Ok(p) = std::env::var("FERL_RUNTIME_LIB") {
        return Ok(PathBuf::from(p));
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot locate ferlc: {e}"))?;
    let dir = exe.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut dirs = vec![dir.clone()];
    // Test binaries live in target/<profile>/deps.
    if dir.file_name().is_some_and(|n| n == "deps") {
        if let Some(p) = dir.parent() {
            dirs.insert(0, p.to_path_buf());
        }
    }
    let mut best: Option<(std::time::SystemTime, PathBuf)> = None;
    for d in &dirs {
        let deps = if d.file_name().is_some_and(|n| n == "deps") {
            d.clone()
        } else {
            d.join("deps")
        };
        let here = std::fs::read_dir(d).into_iter().flatten().flatten();
        let in_deps = std::fs::read_dir(&deps).into_iter().flatten().flatten();
        {
            for e in here.chain(in_deps) {
                let n = e.file_name().to_string_lossy().into_owned();
                if n == "libferl_runtime.a"
                    || (n.starts_with("libferl_runtime-") && n.ends_with(".a"))
                {
                    if let Ok(t) = e.metadata().and_then(|m| m.modified()) {
                        if best.as_ref().is_none_or(|(bt, _)| t > *bt) {
                            best = Some((t, e.path()));
                        }
                    }
                }
            }
        }
    }
    best.map(|(_, p)| p).ok_or_else(|| {
        format!(
            "cannot find libferl_runtime.a next to {} (build it with `cargo build -p ferl_runtime`, or set FERL_RUNTIME_LIB)",
            exe.display()
        )
    })
}

/// Link `mods` into the executable `out` with entry `entry`.
pub fn link(mods: &[Compiled], entry: &(String, String, u32), out: &Path) -> Result<(), String> {
    for (i, m) in mods.iter().enumerate() {
        if mods[..i].iter().any(|o| o.name == m.name) {
            return Err(format!("module '{}' is given twice", m.name));
        }
    }
    if !mods.iter().any(|m| m.name == entry.0) {
        return Err(format!(
            "the entry module '{}' is not among the compiled modules",
            entry.0
        ));
    }
    let lib = runtime_lib()?;
    let stubs: Vec<BifStub> = ferl_runtime::boot::remote_bifs()
        .into_iter()
        .map(|(m, f, a, s)| BifStub {
            module: m.into(),
            name: f.into(),
            arity: a,
            symbol: s.into(),
        })
        .collect();
    let spec = BootSpec {
        modules: mods.iter().map(|m| m.name.clone()).collect(),
        entry: entry.clone(),
        stubs,
    };
    let boot = object::compile_boot_object(&spec).map_err(|d| d.message)?;
    let tmpdir = cache_dir().join("tmp");
    std::fs::create_dir_all(&tmpdir)
        .map_err(|e| format!("cannot create {}: {e}", tmpdir.display()))?;
    let boot_o = tmpdir.join(format!("boot-{}-{}.o", std::process::id(), unique()));
    std::fs::write(&boot_o, boot).map_err(|e| format!("cannot write {}: {e}", boot_o.display()))?;
    if let Some(d) = out.parent() {
        if !d.as_os_str().is_empty() {
            let _ = std::fs::create_dir_all(d);
        }
    }
    let tmp_out = out.with_file_name(format!(
        ".{}.tmp{}",
        out.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let mut cmd = std::process::Command::new(&cc);
    cmd.arg("-o").arg(&tmp_out).arg(&boot_o);
    for m in mods {
        cmd.arg(&m.object);
    }
    // The runtime's DWARF is ~80% of an executable and nothing reads it (Erlang stack
    // traces come from per-module site tables); unwinding needs only .eh_frame, kept.
    cmd.arg(&lib)
        .args(NATIVE_STATIC_LIBS)
        .arg("-Wl,--gc-sections")
        .arg("-Wl,--strip-debug");
    let res = cmd.output();
    let _ = std::fs::remove_file(&boot_o);
    let o = res.map_err(|e| format!("cannot run {cc}: {e}"))?;
    if !o.status.success() {
        let _ = std::fs::remove_file(&tmp_out);
        return Err(format!(
            "link failed ({cc}):\n{}",
            String::from_utf8_lossy(&o.stderr)
        ));
    }
    std::fs::rename(&tmp_out, out).map_err(|e| format!("cannot write {}: {e}", out.display()))
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// The cached executable for these objects and entry (linked if missing).
pub fn cached_executable(
    mods: &[Compiled],
    entry: &(String, String, u32),
) -> Result<PathBuf, String> {
    let mut keys: Vec<u64> = mods.iter().map(|m| m.key).collect();
    keys.sort_unstable();
    let lib = runtime_lib()?;
    let lib_id = std::fs::metadata(&lib)
        .ok()
        .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    let text = format!("{keys:?} {entry:?} {} {lib_id}", lib.display());
    let h = hash_of(&[text.as_bytes(), compiler_identity().as_bytes()]);
    let exe = cache_dir()
        .join("bin")
        .join(format!("{}-{h:016x}", entry.0));
    if exe.is_file() {
        // Mark it used, so the trim below keeps the executables run most recently.
        let _ = std::fs::File::options()
            .append(true)
            .open(&exe)
            .and_then(|f| f.set_modified(std::time::SystemTime::now()));
    } else {
        link(mods, entry, &exe)?;
        trim_executable_cache(&exe);
    }
    Ok(exe)
}

/// Executables kept in the cache's `bin/` (each is several megabytes).
const CACHED_EXECUTABLES: usize = 32;

/// Remove all but the `CACHED_EXECUTABLES` most recently used executables of `bin/`.
fn trim_executable_cache(keep: &Path) {
    let Some(dir) = keep.parent() else { return };
    let mut all: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if all.len() <= CACHED_EXECUTABLES {
        return;
    }
    all.sort_by(|a, b| b.0.cmp(&a.0));
    for (_, p) in all.into_iter().skip(CACHED_EXECUTABLES) {
        if p != keep {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Append ferl's stdlib modules (every `*.erl` of `frontend::ferl_lib_dir()`, compiled
/// through the object cache) to `mods`, except those the program supplies itself.
/// `FERL_NO_STDLIB=1` disables this.
pub fn add_stdlib(mods: &mut Vec<Compiled>, identity: &str) -> Result<(), String> {
    if std::env::var("FERL_NO_STDLIB").is_ok_and(|v| v == "1") {
        return Ok(());
    }
    let dir = frontend::ferl_lib_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "erl"))
        .collect();
    files.sort();
    // The whole stdlib (sources and include files, with the compiler's identity) has one
    // key; an index under it lists the modules' objects, so an unchanged stdlib costs a
    // hash of its files instead of a front-end run per module on every build.
    let bundle = stdlib_bundle_key(&dir, &files, identity);
    let index = cache_dir()
        .join("obj")
        .join(format!("stdlib-{bundle:016x}.idx"));
    let all = match read_stdlib_index(&index) {
        Some(all) => all,
        None => {
            let opts = Options::default();
            let mut all = Vec::new();
            for f in &files {
                let r = compile_file(f, &opts, identity);
                match r.compiled {
                    Some(c) => all.push(c),
                    None => {
                        let msgs: Vec<String> = r
                            .diagnostics
                            .iter()
                            .filter(|d| d.is_error())
                            .map(|d| d.message.clone())
                            .collect();
                        return Err(format!(
                            "cannot compile the stdlib module {}: {}",
                            f.display(),
                            msgs.join("; ")
                        ));
                    }
                }
            }
            let text: String = all
                .iter()
                .map(|c| {
                    format!(
                        "{}\t{:016x}\t{}\t{}\t{}\n",
                        c.name,
                        c.key,
                        c.has_main as u8,
                        c.has_start as u8,
                        c.object.display()
                    )
                })
                .collect();
            let _ = write_atomic(&index, text.as_bytes());
            all
        }
    };
    // A module the program supplies replaces the stdlib's module of that name.
    for c in all {
        if !mods.iter().any(|m| m.name == c.name) {
            mods.push(c);
        }
    }
    Ok(())
}

/// Hash of the compiler identity and every stdlib source and include file (path + bytes).
fn stdlib_bundle_key(dir: &Path, sources: &[PathBuf], identity: &str) -> u64 {
    let mut files: Vec<PathBuf> = sources.to_vec();
    let mut stack = vec![dir.join("include"), dir.join("eunit")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut h = DefaultHasher::new();
    identity.hash(&mut h);
    for f in files {
        f.hash(&mut h);
        std::fs::read(&f).unwrap_or_default().hash(&mut h);
    }
    h.finish()
}

/// The stdlib modules an index lists, if the index and every object it names exist.
fn read_stdlib_index(index: &Path) -> Option<Vec<Compiled>> {
    let text = std::fs::read_to_string(index).ok()?;
    let mut all = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let [name, key, main, start, object] = f[..] else {
            return None;
        };
        let object = PathBuf::from(object);
        if !object.is_file() {
            return None;
        }
        all.push(Compiled {
            name: name.to_string(),
            object,
            key: u64::from_str_radix(key, 16).ok()?,
            has_main: main == "1",
            has_start: start == "1",
            cached: true,
        });
    }
    Some(all)
}
