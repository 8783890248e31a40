//! BEAM-worded error texts: escript's report of an uncaught exception (the layout of
//! `erl_error:format_exception`: headline, `in function`, `called as`, `in call from`
//! lines), the error logger's crash report of a process that dies with an uncaught error
//! (`=ERROR REPORT==== ... Error in process <0.N.0> with exit value: ...`), and, on a
//! terminal, the source line of the failing expression with the expression underlined.
//!
//! Owns: those texts (written by `boot` and `sched`). Must not: touch process heaps (it
//! only reads terms) or decide where the text goes or whether the program exits.

use crate::term::Term;
use crate::trace::{self, Entry};
use std::cell::Cell;
use std::fmt::Write;

/// escript's text for an uncaught exception: the headline (`escript: exception
/// Class: Description`) and the stack trace lines.
pub fn describe_uncaught(class: Term, reason: Term, trace: Term) -> String {
    let c = class.atom_name().unwrap_or("error");
    let es = trace::entries(trace);
    let mut out = format!("escript: exception {c}: ");
    let mut rest: &[Entry] = &es;
    if c == "error" && reason.atom_name() == Some("function_clause") {
        // The clause's arguments go with the headline, as erl_error prints them.
        if let Some(first) = es.first().filter(|e| e.arity_or_args.is_list()) {
            let call = format!("{}{}", called_as(first, true), location(first));
            let sep = if out.len() + 28 + call.len() > 80 {
                " \n                 "
            } else {
                " "
            };
            let _ = write!(out, "no function clause matching{sep}{call}");
            rest = &es[1..];
            return finish(out, rest);
        }
    }
    if c == "error" && reason.atom_name() == Some("undef") {
        if let Some(first) = es
            .first()
            .filter(|e| e.file.is_none() && e.arity_or_args.is_list())
        {
            let _ = write!(out, "undefined function {}", mfa(first, true));
            return finish(out, &es[1..]);
        }
    }
    out.push_str(&describe_reason(c, reason));
    if let Some(first) = rest.first() {
        let bif = first.module.atom_name() == Some("erlang") && first.file.is_none();
        if first.arity_or_args.is_list() {
            let op = bif && is_operator(first.function.atom_name().unwrap_or(""));
            let what = if op { "operator" } else { "function" };
            let _ = write!(
                out,
                "\n  in {what}  {}\n     called as {}",
                mfa(first, !bif),
                called_as(first, !bif)
            );
        } else {
            let _ = write!(
                out,
                "\n  in function  {}{}",
                mfa(first, true),
                location(first)
            );
        }
        rest = &rest[1..];
    }
    finish(out, rest)
}

fn finish(mut out: String, rest: &[Entry]) -> String {
    for e in rest {
        let _ = write!(out, "\n  in call from {}{}", mfa(e, true), location(e));
    }
    out
}

fn is_operator(f: &str) -> bool {
    matches!(
        f,
        "+" | "-"
            | "*"
            | "/"
            | "div"
            | "rem"
            | "band"
            | "bor"
            | "bxor"
            | "bsl"
            | "bsr"
            | "bnot"
            | "not"
            | "and"
            | "or"
            | "xor"
            | "++"
            | "--"
            | "!"
            | "=="
            | "/="
            | "=<"
            | "<"
            | ">="
            | ">"
            | "=:="
            | "=/="
    )
}

fn atom_text(t: Term) -> String {
    crate::print::to_string(t)
}

/// `M:F/A` (or `F/A` for BIFs of `erlang` when `qualified` is false).
fn mfa(e: &Entry, qualified: bool) -> String {
    let a = match e.arity_or_args.small_value() {
        Some(n) => n as usize,
        None => e.arity_or_args.list_to_vec().map_or(0, |v| v.len()),
    };
    let f = e.function.atom_name().unwrap_or("");
    if qualified {
        format!("{}:{}/{a}", atom_text(e.module), atom_text(e.function))
    } else if is_operator(f) {
        // erl_error writes operators as they are (`++/2`, `+/2`), not as quoted atoms.
        format!("{f}/{a}")
    } else {
        format!("{}/{a}", atom_text(e.function))
    }
}

/// `M:F(A1,A2)`, or `A1 Op A2` for operators.
fn called_as(e: &Entry, qualified: bool) -> String {
    let args = e.arity_or_args.list_to_vec().unwrap_or_default();
    let f = e.function.atom_name().unwrap_or("");
    if !qualified && is_operator(f) {
        let w = |t: Term| pretty(t);
        return match args.as_slice() {
            [a, b] => format!("{} {f} {}", w(*a), w(*b)),
            [a] => format!("{f} {}", w(*a)),
            _ => String::new(),
        };
    }
    let list: Vec<String> = args.iter().map(|a| pretty(*a)).collect();
    if qualified {
        format!(
            "{}:{}({})",
            atom_text(e.module),
            atom_text(e.function),
            list.join(",")
        )
    } else {
        format!("{}({})", atom_text(e.function), list.join(","))
    }
}

/// ` (File, line L)` or `` when unknown (a trailing space, as erl_error, when no file).
fn location(e: &Entry) -> String {
    match (&e.file, e.line) {
        (Some(f), Some(l)) => format!(" ({f}, line {l})"),
        (Some(f), None) => format!(" ({f})"),
        _ => " ".to_string(),
    }
}

/// The description erl_error gives a reason (`bad argument`, `no match of right hand
/// side value V`, ...); other reasons are printed as terms.
pub fn describe_reason(class: &str, reason: Term) -> String {
    if class != "error" {
        return pretty(reason);
    }
    let tag = reason
        .tuple_elements()
        .and_then(|e| (e.len() == 2).then(|| (e[0].atom_name(), e[1])));
    let p = pretty;
    match (reason.atom_name(), tag) {
        (Some("badarg"), _) => "bad argument".to_string(),
        (Some("badarith"), _) => {
            "an error occurred when evaluating an arithmetic expression".to_string()
        }
        (Some("function_clause"), _) => "no function clause matching".to_string(),
        (Some("if_clause"), _) => {
            "no true branch found when evaluating an if expression".to_string()
        }
        (Some("undef"), _) => "undefined function".to_string(),
        (Some("system_limit"), _) => "a system limit has been reached".to_string(),
        (Some("timeout_value"), _) => "bad receive timeout value".to_string(),
        (Some("noproc"), _) => "no such process or port".to_string(),
        (_, Some((Some("badmatch"), v))) => format!("no match of right hand side value {}", p(v)),
        (_, Some((Some("case_clause"), v))) => format!("no case clause matching {}", p(v)),
        (_, Some((Some("try_clause"), v))) => format!("no try clause matching {}", p(v)),
        (_, Some((Some("badfun"), v))) => format!("bad function {}", p(v)),
        (_, Some((Some("badarity"), v))) => {
            let fa = v
                .tuple_elements()
                .filter(|e| e.len() == 2)
                .map(|e| (e[0], e[1].list_to_vec().map_or(0, |a| a.len())));
            match fa.and_then(|(f, n)| fun_name(f).map(|name| (name, n))) {
                Some((name, n)) => format!("{name} called with {}", n_args(n)),
                None => format!("bad arity {}", p(v)),
            }
        }
        (_, Some((Some("badkey"), v))) => format!("bad key: {}", p(v)),
        (_, Some((Some("badmap"), v))) => format!("bad map: {}", p(v)),
        (_, Some((Some("badrecord"), v))) => format!("bad record {}", p(v)),
        _ => p(reason),
    }
}

/// `M:F/A` of a fun (a closure's generated function, or an export's target).
fn fun_name(f: Term) -> Option<String> {
    if let Some((m, fun, a)) = f.export_mfa() {
        return Some(format!("{}:{}/{a}", atom_text(m), atom_text(fun)));
    }
    f.closure_parts()
        .map(|(e, _)| format!("{}:{}/{}", atom_text(e.module), atom_text(e.name), e.arity))
}

/// erl_error's count of arguments.
fn n_args(n: usize) -> String {
    match n {
        0 => "no arguments".to_string(),
        1 => "one argument".to_string(),
        2 => "two arguments".to_string(),
        _ => format!("{n} arguments"),
    }
}

/// A term as `~p` prints it when it fits on one line: like `~w`, but lists of printable
/// characters as strings.
pub fn pretty(t: Term) -> String {
    let mut s = String::new();
    write_pretty(&mut s, t);
    s
}

fn printable(t: Term) -> Option<String> {
    let v = t.list_to_vec()?;
    if v.is_empty() {
        return None;
    }
    let mut s = String::new();
    for c in v {
        let c = c.small_value()?;
        let ch = char::from_u32(u32::try_from(c).ok()?)?;
        if !(ch == '\n'
            || ch == '\t'
            || ch == '\r'
            || (' '..='~').contains(&ch)
            || ('\u{a0}'..='\u{ff}').contains(&ch))
        {
            return None;
        }
        match ch {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            '\r' => s.push_str("\\r"),
            _ => s.push(ch),
        }
    }
    Some(format!("\"{s}\""))
}

fn write_pretty(out: &mut String, t: Term) {
    if let Some(s) = printable(t) {
        out.push_str(&s);
        return;
    }
    if let Some(es) = t.tuple_elements() {
        out.push('{');
        for (i, e) in es.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_pretty(out, *e);
        }
        out.push('}');
        return;
    }
    if t.is_cons() {
        out.push('[');
        let mut cur = t;
        let mut first = true;
        while let Some((h, tl)) = cur.cons_parts() {
            if !first {
                out.push(',');
            }
            first = false;
            write_pretty(out, h);
            cur = tl;
        }
        if !cur.is_nil() {
            out.push('|');
            write_pretty(out, cur);
        }
        out.push(']');
        return;
    }
    crate::print::write_term(out, t);
}

// ---- crash reports -----------------------------------------------------------------

/// The error logger's report of a process that died with an uncaught exception of class
/// `error` or `throw` (BEAM does not report `exit`): `=ERROR REPORT==== Date ===`,
/// `Error in process <0.N.0> with exit value:`, the exit value, a blank line.
pub fn crash_report(pid: Term, exit_value: Term) -> String {
    format!(
        "=ERROR REPORT==== {} ===\nError in process {} with exit value:\n{}\n",
        timestamp(),
        crate::print::to_string(pid),
        pretty(exit_value)
    )
}

extern "C" {
    fn isatty(fd: i32) -> i32;
}

/// Local time as the logger prints it: `21-Nov-2026::22:58:15.990423`.
fn timestamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs() as i64;
    let ((year, mon, mday), (hour, min, sec)) = crate::bif::clock::local(secs);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{}-{}-{}::{:02}:{:02}:{:02}.{:06}",
        mday,
        MONTHS[(mon - 1).clamp(0, 11) as usize],
        year,
        hour,
        min,
        sec,
        now.subsec_micros()
    )
}

// ---- source excerpts ------------------------------------------------------------------

thread_local! {
    /// The site of the last raise on this thread (for the columns of the source excerpt).
    static LAST_SITE: Cell<usize> = const { Cell::new(0) };
}

/// Remember the site of a raise (called by `trace::build`).
pub(crate) fn note_site(s: Option<trace::Site>) {
    LAST_SITE.with(|c| c.set(s.map_or(0, |s| s.addr())));
}

/// Is stderr a terminal.
pub fn stderr_is_terminal() -> bool {
    // SAFETY: isatty only inspects the descriptor.
    unsafe { isatty(2) == 1 }
}

/// The source excerpt of the failing expression of `trace`'s first entry with a location:
/// ```text
///   --> uncaught_error.erl:12:13
///    |
/// 12 | check(N) -> element(N, {a, b}).
///    |             ^^^^^^^^^^^^^^^^^^
/// ```
/// The source is read from the file path recorded at compile time (relative paths first
/// against the directory of the compilation, then the current one); `None` when the file
/// is gone or the line does not exist. Columns come from the raise site when it is the
/// entry's (this thread's last raise), else the whole line is underlined.
pub fn source_excerpt(trace: Term) -> Option<String> {
    let es = trace::entries(trace);
    let e = es.iter().find(|e| e.file.is_some() && e.line.is_some())?;
    let (file, line) = (e.file.clone()?, e.line?);
    let site = LAST_SITE.with(Cell::get);
    // SAFETY: LAST_SITE only holds addresses of site records of loaded modules.
    let site = unsafe { trace::Site::from_ptr(site as *const u64) }
        .filter(|s| s.line() == line && s.file() == Some(file.as_str()));
    let mut candidates = vec![std::path::PathBuf::from(&file)];
    if std::path::Path::new(&file).is_relative() {
        if let Some(d) = site.and_then(|s| s.compile_dir()) {
            candidates.insert(0, std::path::Path::new(&d).join(&file));
        }
    }
    let text = candidates.iter().find_map(|p| std::fs::read(p).ok())?;
    let text = String::from_utf8_lossy(&text);
    let src = text.lines().nth(line as usize - 1)?;
    let (c0, c1) = site.map_or((0, 0), |s| s.cols());
    let len = src.chars().count() as u32;
    let (start, end) = if c0 >= 1 && c0 <= len {
        (
            c0,
            if c1 > c0 && c1 <= len + 1 {
                c1
            } else {
                len + 1
            },
        )
    } else {
        let lead = src.chars().take_while(|c| c.is_whitespace()).count() as u32;
        (lead + 1, len + 1)
    };
    let num = line.to_string();
    let pad = " ".repeat(num.len());
    let marks = "^".repeat((end - start).max(1) as usize);
    let indent: String = src
        .chars()
        .take(start as usize - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    Some(format!(
        "{pad}--> {file}:{line}:{start}\n{pad} |\n{num} | {src}\n{pad} | {indent}{marks}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::FragHeap;
    use crate::term::{self, NIL};

    #[test]
    fn reasons_are_worded_like_erl_error() {
        let mut h = FragHeap::new();
        let bm = term::tuple(
            &mut h,
            &[Term::intern("badmatch").unwrap(), Term::small(2).unwrap()],
        );
        assert_eq!(
            describe_reason("error", bm),
            "no match of right hand side value 2"
        );
        let bk = term::tuple(
            &mut h,
            &[Term::intern("badkey").unwrap(), Term::intern("a").unwrap()],
        );
        assert_eq!(describe_reason("error", bk), "bad key: a");
        assert_eq!(
            describe_reason("error", Term::intern("badarg").unwrap()),
            "bad argument"
        );
        assert_eq!(
            describe_reason("exit", Term::intern("badarg").unwrap()),
            "badarg"
        );
    }

    #[test]
    fn uncaught_layout_has_the_bif_and_its_callers() {
        let mut h = FragHeap::new();
        let a = |s: &str| Term::intern(s).unwrap();
        let args = term::list(&mut h, &[Term::small(7).unwrap(), a("x")]);
        let bif = term::tuple(&mut h, &[a("erlang"), a("element"), args, NIL]);
        let file = term::string(&mut h, "m.erl");
        let ft = term::tuple(&mut h, &[a("file"), file]);
        let lt = term::tuple(&mut h, &[a("line"), Term::small(12).unwrap()]);
        let loc = term::list(&mut h, &[ft, lt]);
        let caller = term::tuple(&mut h, &[a("m"), a("check"), Term::small(1).unwrap(), loc]);
        let tr = term::list(&mut h, &[bif, caller]);
        assert_eq!(
            describe_uncaught(a("error"), a("badarg"), tr),
            "escript: exception error: bad argument\n  in function  element/2\n     called as element(7,x)\n  in call from m:check/1 (m.erl, line 12)"
        );
        assert_eq!(pretty(file), "\"m.erl\"");
        // Operators are named as they are written (escript: `in operator  ++/2`).
        let args = term::list(&mut h, &[a("x"), a("bar")]);
        let op = term::tuple(&mut h, &[a("erlang"), a("++"), args, NIL]);
        let tr = term::list(&mut h, &[op]);
        assert_eq!(
            describe_uncaught(a("error"), a("badarg"), tr),
            "escript: exception error: bad argument\n  in operator  ++/2\n     called as x ++ bar"
        );
    }
}
