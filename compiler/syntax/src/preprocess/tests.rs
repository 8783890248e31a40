//! Preprocessor tests with an in-memory file system. Expected outputs were checked
//! against `erlc -P` / `erlc` (OTP 25) on the same sources where noted.

use super::*;
use std::collections::HashMap;

#[derive(Default)]
struct Mem {
    files: HashMap<PathBuf, String>,
    env: HashMap<String, String>,
}

impl FileLoader for Mem {
    fn read(&mut self, path: &Path) -> Option<String> {
        self.files.get(path).cloned()
    }
    fn list_dir(&mut self, path: &Path) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = Vec::new();
        for f in self.files.keys() {
            if let Ok(rest) = f.strip_prefix(path) {
                if let Some(first) = rest.components().next() {
                    let p = path.join(first.as_os_str());
                    if !out.contains(&p) {
                        out.push(p);
                    }
                }
            }
        }
        out
    }
    fn env_var(&mut self, name: &str) -> Option<String> {
        self.env.get(name).cloned()
    }
}

struct Out {
    forms: Vec<Vec<Token>>,
    diags: Diagnostics,
    map: SourceMap,
}

impl Out {
    /// Forms as text, without the `-file` forms epp adds.
    fn texts(&self) -> Vec<String> {
        self.forms
            .iter()
            .filter(|f| !is_file_attr(f))
            .map(|f| to_source(std::slice::from_ref(f)).trim_end().to_string())
            .collect()
    }
    fn all_texts(&self) -> Vec<String> {
        self.forms
            .iter()
            .map(|f| to_source(std::slice::from_ref(f)).trim_end().to_string())
            .collect()
    }
    /// `file:line: message` for each diagnostic (Warning: prefix for warnings).
    fn msgs(&self) -> Vec<String> {
        self.diags
            .items
            .iter()
            .map(|d| {
                let (f, l, c) = self.map.location(d.primary);
                let w = if d.is_error() { "" } else { "Warning: " };
                format!("{f}:{l}:{c}: {w}{}", d.message)
            })
            .collect()
    }
    fn line(&self, t: &Token) -> u32 {
        self.map.location(t.span).1
    }
}

fn is_file_attr(f: &[Token]) -> bool {
    matches!((f.first().map(|t| &t.kind), f.get(1).map(|t| &t.kind)), (Some(Tok::Minus), Some(Tok::Atom(a))) if &**a == "file")
}

fn run_with(src: &str, files: &[(&str, &str)], opts: Options) -> Out {
    let mut map = SourceMap::new();
    let id = map.add("t.erl", src);
    let mut mem = Mem::default();
    for (p, t) in files {
        mem.files.insert(PathBuf::from(p), t.to_string());
    }
    mem.env.insert("TOP".into(), "/top".into());
    let mut diags = Diagnostics::new();
    let forms = preprocess(&mut map, id, &opts, &mut mem, &mut diags);
    Out { forms, diags, map }
}

fn run(src: &str) -> Out {
    run_with(src, &[], Options::default())
}

fn ok(src: &str) -> Vec<String> {
    let o = run(src);
    assert!(
        o.diags.items.is_empty(),
        "unexpected diagnostics: {:?}",
        o.msgs()
    );
    o.texts()
}

#[test]
fn simple_and_parameterised_macros() {
    assert_eq!(
        ok("-define(A, 1 + 2).\n-define(F(X, Y), {X, Y}).\nf() -> ?A * ?F(a, [b]).\n"),
        vec!["f ( ) -> 1 + 2 * { a , [ b ] } ."]
    );
}

#[test]
fn overloading_by_arity() {
    // F has several definitions and none for 0 arguments: a mismatch (the form is dropped).
    let o = run("-define(F, none).\n-define(F(X), {one, X}).\nf() -> [?F, ?F(1), ?F()].\n");
    assert_eq!(
        o.msgs(),
        vec!["t.erl:3:21: argument mismatch for macro 'F'"]
    );
    assert!(o.texts().is_empty());
}

#[test]
fn overloading_by_arity_ok() {
    assert_eq!(
        ok("-define(F, none).\n-define(F(X), {one, X}).\n-define(F(X, Y), {two, X, Y}).\nf() -> [?F, ?F(1), ?F(1, 2)].\n"),
        vec!["f ( ) -> [ none , { one , 1 } , { two , 1 , 2 } ] ."]
    );
}

#[test]
fn no_arg_macro_followed_by_parens_is_a_call() {
    // epp: a macro with only a no-argument definition is used whatever follows.
    assert_eq!(
        ok("-define(G, lists:reverse).\nf() -> ?G([1]).\n"),
        vec!["f ( ) -> lists : reverse ( [ 1 ] ) ."]
    );
}

#[test]
fn arguments_with_commas_inside_brackets() {
    let src = "-define(I(X), X).\n\
               f() -> ?I({a, b}), ?I([1, 2 | T]), ?I(<<1, 2>>), ?I(begin a, b end),\n\
               ?I(fun(A, B) -> A end), ?I(fun F(A, B) -> F end), ?I(case X of a -> b, c end),\n\
               ?I(if true -> a, b end), ?I(receive a -> b, c end), ?I(try a, b catch _ -> c end), ?I(f(a, b)).\n";
    let t = ok(src);
    assert_eq!(t.len(), 1);
    assert_eq!(
        t[0],
        "f ( ) -> { a , b } , [ 1 , 2 | T ] , << 1 , 2 >> , begin a , b end , fun ( A , B ) -> A end , \
         fun F ( A , B ) -> F end , case X of a -> b , c end , if true -> a , b end , \
         receive a -> b , c end , try a , b catch _ -> c end , f ( a , b ) ."
    );
}

#[test]
fn nested_calls_in_bodies_and_arguments() {
    assert_eq!(
        ok("-define(A, 1).\n-define(B(X), [X, ?A]).\n-define(C(X), ?B(?B(X))).\nf() -> ?C(?A).\n"),
        vec!["f ( ) -> [ [ 1 , 1 ] , 1 ] ."]
    );
}

#[test]
fn arguments_are_substituted_then_rescanned() {
    // The substituted body is rescanned together with what follows the call.
    assert_eq!(
        ok("-define(APPLY(M), ?M).\n-define(K(X), {k, X}).\nf() -> ?APPLY(K)(1).\n"),
        vec!["f ( ) -> { k , 1 } ."]
    );
}

#[test]
fn stringify_like_erlc() {
    // erlc -P: "1.5e10 \"a\\n\" $a 'B c' # { a => 1 } << 1 >> [ x | y ] 1 + 2 - 3"
    let t = ok("-define(S(X), ??X).\nf() -> ?S(1.5e10 \"a\\n\" $a 'B c' #{a => 1} <<1>> [x|y] 1 + 2 - 3).\n");
    assert_eq!(
        t,
        vec![r#"f ( ) -> "1.5e10 \"a\\n\" $a 'B c' # { a => 1 } << 1 >> [ x | y ] 1 + 2 - 3" ."#]
    );
    assert_eq!(
        ok("-define(S(X), ??X).\nf() -> ?S($\\s 0.1 123456.0 1.0e3 2#101 'end' X).\n"),
        vec![r#"f ( ) -> "$\\s 0.1 123456.0 1.0e3 5 'end' X" ."#]
    );
    // `??` of a name that is not a parameter is just the variable (epp drops the `??`).
    assert_eq!(
        ok("-define(S(X), ??Y).\nf() -> ?S(1).\n"),
        vec!["f ( ) -> Y ."]
    );
}

#[test]
fn undef_and_redefine() {
    let o = run("-define(A, 1).\n-undef(A).\n-define(A, 2).\n-define(A, 3).\nf() -> ?A.\n-undef(A).\ng() -> ?A.\n");
    assert_eq!(
        o.msgs(),
        vec![
            "t.erl:4:9: redefining macro 'A'",
            "t.erl:7:9: undefined macro 'A'"
        ]
    );
    assert_eq!(o.texts(), vec!["f ( ) -> 2 ."]);
}

#[test]
fn macro_call_errors_with_erlc_wording() {
    // Checked against erlc on the same lines.
    let src = "-module(b).\n\
               -define(F(X), X).\n\
               -define(MODULE, x).\n\
               -define(C, ?C).\n\
               f() -> ?Z.\n\
               g() -> ?F.\n\
               h() -> ?F(1,2).\n\
               i() -> ?Z(1).\n\
               j() -> ?C.\n\
               k() -> ?(1).\n\
               l() -> ?F(,).\n\
               m() -> ?F(1.\n\
               n() -> ?\"foo\".\n\
               -define(X(A,A), 1).\n\
               -define(X(A) 1).\n\
               -define(X(A), 1\n\
               -define Y.\n\
               -undef(Q, 1).\n\
               o() -> ?end.\n\
               p() -> ?.\n";
    let o = run(src);
    assert_eq!(
        o.msgs(),
        vec![
            "t.erl:3:9: redefining predefined macro 'MODULE'",
            "t.erl:5:9: undefined macro 'Z'",
            "t.erl:6:9: argument mismatch for macro 'F'",
            "t.erl:7:9: argument mismatch for macro 'F'",
            "t.erl:8:9: undefined macro 'Z/1'",
            "t.erl:9:9: circular macro 'C'",
            "t.erl:10:9: illegal macro call '?'(''",
            "t.erl:11:9: badly formed argument for macro 'F'",
            "t.erl:12:9: badly formed argument for macro 'F'",
            "t.erl:13:9: illegal macro call '?\"foo\"'",
            "t.erl:14:13: argument 'A' already used",
            "t.erl:15:14: badly formed define: missing comma",
            "t.erl:17:10: badly formed define: missing closing right parenthesis",
            "t.erl:18:9: badly formed 'undef'",
            "t.erl:19:9: illegal macro call '?'end''",
            "t.erl:20:9: illegal macro call '?dot'",
        ]
    );
    // Every form with an error is dropped, as epp does.
    assert_eq!(o.texts(), vec!["- module ( b ) ."]);
}

#[test]
fn mutual_recursion_is_circular() {
    let o = run("-define(A, ?B).\n-define(B, [?A]).\nf() -> ?A.\n");
    assert_eq!(o.msgs(), vec!["t.erl:3:9: circular macro 'A'"]);
}

#[test]
fn dynamic_recursion_terminates() {
    // Not in the static uses graph (goes through an argument): bounded by the budget.
    let o = run("-define(F(X), ?X(X)).\nf() -> ?F(F).\n-define(A, ?G(A)).\n-define(G(Y), ?Y).\ng() -> ?A.\n");
    assert_eq!(o.diags.error_count(), 2, "{:?}", o.msgs());
    assert!(o.msgs()[0].starts_with("t.erl:2:"), "{:?}", o.msgs());
    assert!(o.texts().is_empty());
}

#[test]
fn predefined_macros() {
    let o = run("-module(m).\n\
                 f() -> {?MODULE, ?MODULE_STRING, ?FILE, ?LINE, ?MACHINE, ?OTP_RELEASE}.\n\
                 g(A, {B, C}, [D]) -> {?FUNCTION_NAME, ?FUNCTION_ARITY}.\n\
                 h([]) -> ?FUNCTION_ARITY.\n\
                 i() -> {?FEATURE_AVAILABLE(maybe_expr), ?FEATURE_ENABLED(maybe_expr), ?BEAM}.\n");
    assert!(o.diags.items.is_empty(), "{:?}", o.msgs());
    assert_eq!(
        o.texts(),
        vec![
            "- module ( m ) .",
            "f ( ) -> { m , \"m\" , \"t.erl\" , 2 , 'BEAM' , 25 } .",
            "g ( A , { B , C } , [ D ] ) -> { g , 3 } .",
            // epp's quirk, as erlc: `f([]) -> ?FUNCTION_ARITY` is 0.
            "h ( [ ] ) -> 0 .",
            "i ( ) -> { ( ( maybe_expr ) == maybe_expr ) , false , true } .",
        ]
    );
}

#[test]
fn module_undefined_before_module_attribute() {
    let o = run("f() -> ?MODULE.\n-module(m).\n-ifdef(MODULE).\ng() -> ?MODULE.\n-endif.\n");
    assert_eq!(o.msgs(), vec!["t.erl:1:9: undefined macro 'MODULE'"]);
    assert_eq!(o.texts(), vec!["- module ( m ) .", "g ( ) -> m ."]);
}

#[test]
fn function_name_errors() {
    // erlc: 25:6 "can only be used within a function", 35:2 "must not begin a form".
    let o = run("-module(c).\n-if(?FUNCTION_NAME).\n-endif.\n-spec f() -> ?FUNCTION_NAME.\n?FUNCTION_NAME() -> 1.\n-define(FN, ?FUNCTION_NAME).\nf() -> ?FN.\n");
    assert_eq!(
        o.msgs(),
        vec![
            "t.erl:2:6: ?FUNCTION_NAME can only be used within a function",
            "t.erl:4:15: ?FUNCTION_NAME can only be used within a function",
            "t.erl:5:2: ?FUNCTION_NAME must not begin a form",
        ]
    );
    assert_eq!(o.texts(), vec!["- module ( c ) .", "f ( ) -> f ."]);
}

#[test]
fn command_line_defines() {
    let opts = Options {
        defines: vec![
            ("DEBUG".into(), None),
            ("LEVEL".into(), Some("{info, 3}".into())),
        ],
        ..Options::default()
    };
    let o = run_with(
        "f() -> {?DEBUG, ?LEVEL}.\n-define(DEBUG, false).\n",
        &[],
        opts,
    );
    assert_eq!(o.msgs(), vec!["t.erl:2:9: redefining macro 'DEBUG'"]);
    assert_eq!(o.texts(), vec!["f ( ) -> { true , { info , 3 } } ."]);
}

#[test]
fn conditionals_nested_and_skipping_garbage() {
    let src = "-define(YES, 1).\n\
               -ifdef(YES).\n\
               a() -> 1.\n\
               -ifndef(YES).\n\
               b() -> ?UNDEFINED_IS_FINE_HERE.\n\
               c() -> 1.2e999 2#9 $a.\n\
               -else.\n\
               d() -> 1.\n\
               -endif.\n\
               -else.\n\
               e() -> 1.\n\
               -endif.\n\
               -ifdef(NO).\n\
               -ifdef(YES).\n\
               f() -> 1.\n\
               -else.\n\
               g() -> 1.\n\
               -endif.\n\
               -else.\n\
               h() -> 1.\n\
               -endif.\n";
    assert_eq!(
        ok(src),
        vec!["a ( ) -> 1 .", "d ( ) -> 1 .", "h ( ) -> 1 ."]
    );
}

#[test]
fn unbalanced_conditionals() {
    // erlc: 5:2 repeated '-else', unbalanced '-else'/'-endif'/'-elif', unterminated at EOF.
    let o = run("-else.\n-endif.\n-elif(true).\n-ifdef(NO).\n-else.\n-else.\n-endif.\n-ifdef(X, y).\n-endif.\n-ifndef(NO).\n");
    assert_eq!(
        o.msgs(),
        vec![
            "t.erl:1:2: unbalanced '-else'",
            "t.erl:2:2: unbalanced '-endif'",
            "t.erl:3:2: unbalanced '-elif'",
            "t.erl:6:2: repeated '-else'",
            "t.erl:8:9: badly formed 'ifdef'",
            "t.erl:11:1: unterminated '-ifndef'",
        ]
    );
}

#[test]
fn if_elif_conditions() {
    let src = "-module(c).\n\
               -if(1 + 1 == 2 andalso defined(NOPE) == false andalso is_atom(?MODULE)).\n\
               ok1() -> 1.\n\
               -elif(true).\n\
               bad1() -> 1.\n\
               -else.\n\
               bad2() -> 1.\n\
               -endif.\n\
               -if(length([1]) == 1 andalso erlang:element(2, {a, b}) =:= b).\n\
               ok2() -> 1.\n\
               -endif.\n\
               -if(X == 1).\n\
               bad3() -> 1.\n\
               -elif(?OTP_RELEASE >= 25 andalso not false).\n\
               ok3() -> 1.\n\
               -endif.\n\
               -if(foo(1)).\n\
               bad4() -> 1.\n\
               -else.\n\
               ok4() -> 1.\n\
               -endif.\n\
               -if(1 / 0).\n\
               -else.\n\
               ok5() -> 1.\n\
               -endif.\n";
    assert_eq!(
        ok(src),
        vec![
            "- module ( c ) .",
            "ok1 ( ) -> 1 .",
            "ok2 ( ) -> 1 .",
            "ok3 ( ) -> 1 .",
            "ok4 ( ) -> 1 .",
            "ok5 ( ) -> 1 ."
        ]
    );
}

#[test]
fn if_errors() {
    // erlc: "badly formed 'if'" for remote/non-guard calls, a syntax error from the parser.
    let o = run("-if(foo:bar()).\n-endif.\n-if(atom_to_list(a) == \"a\").\n-endif.\n-if(1 +).\n-endif.\n-if true.\n-endif.\n");
    let m = o.msgs();
    assert_eq!(m[0], "t.erl:1:2: badly formed 'if'");
    assert_eq!(m[1], "t.erl:3:2: badly formed 'if'");
    assert_eq!(m[2], "t.erl:5:8: syntax error before: ')'");
    assert_eq!(m[3], "t.erl:7:5: badly formed 'if'");
    assert_eq!(m.len(), 4);
}

#[test]
fn elif_after_taken_branch_is_evaluated_like_epp() {
    // epp evaluates a second -elif even when an earlier branch was taken (erlc then
    // reports f/0 defined twice).
    assert_eq!(
        ok("-if(true).\nf() -> a.\n-elif(true).\nf() -> b.\n-elif(true).\nf() -> c.\n-endif.\n"),
        vec!["f ( ) -> a .", "f ( ) -> c ."]
    );
    let o = run("-if(false).\n-else.\n-elif(true).\n-endif.\n");
    assert_eq!(o.msgs(), vec!["t.erl:3:2: unbalanced '-elif'"]);
    let o = run("-if(true).\n-else.\n-elif(true).\n-endif.\n");
    assert_eq!(o.msgs(), vec!["t.erl:3:2: 'elif' following 'else'"]);
}

#[test]
fn error_and_warning_directives() {
    let o = run("-error({foo, \"bar\", [1,2]}).\n-warning(hello).\n-error(x\n");
    assert_eq!(
        o.msgs(),
        vec![
            "t.erl:1:2: -error({foo,\"bar\",[1,2]}).",
            "t.erl:2:2: Warning: -warning(hello).",
            "t.erl:3:2: badly formed 'error'",
        ]
    );
    assert_eq!(o.diags.items[1].code, "W0305");
    let o = run("-define(M, \"msg\").\n-warning(#{k => ?M, a => <<\"b\">>, n => -1.5}).\n");
    assert_eq!(
        o.msgs(),
        vec!["t.erl:2:2: Warning: -warning(#{a => <<\"b\">>,k => \"msg\",n => -1.5})."]
    );
}

#[test]
fn include_search_order_and_file_attributes() {
    let files = [
        (
            "src/y.hrl",
            "-define(Y, ?FILE).\n-include(\n  \"z.hrl\"\n)\n.\ny() -> {?FILE, ?Y}.\n",
        ),
        ("inc/z.hrl", "z() -> {?FILE, ?LINE}.\n"),
        ("src/z.hrl", "should_not_be_used.\n"),
        ("inc/y.hrl", "should_not_be_used.\n"),
    ];
    let opts = Options {
        include_dirs: vec![PathBuf::from("inc")],
        ..Options::default()
    };
    let mut map = SourceMap::new();
    let id = map.add(
        "src/d.erl",
        "-module(d).\n-include(\"y.hrl\").\nf() -> ?FILE.\n",
    );
    let mut mem = Mem::default();
    for (p, t) in files {
        mem.files.insert(PathBuf::from(p), t.to_string());
    }
    let mut diags = Diagnostics::new();
    let forms = preprocess(&mut map, id, &opts, &mut mem, &mut diags);
    let o = Out { forms, diags, map };
    // z.hrl is looked up in y.hrl's directory (src/) first: that is epp's order
    // (the including file's directory, ".", the main file's directory, -I dirs).
    assert_eq!(
        o.all_texts(),
        vec![
            "- file ( \"src/d.erl\" , 1 ) .",
            "- module ( d ) .",
            "- file ( \"src/y.hrl\" , 1 ) .",
            "- file ( \"src/z.hrl\" , 1 ) .",
            "should_not_be_used .",
            "- file ( \"src/y.hrl\" , 6 ) .",
            "y ( ) -> { \"src/y.hrl\" , \"src/y.hrl\" } .",
            "- file ( \"src/d.erl\" , 3 ) .",
            "f ( ) -> \"src/d.erl\" .",
        ]
    );
    // Tokens from the included file carry its FileId, so diagnostics name it.
    let y_form = &o.forms[6];
    assert_eq!(o.map.location(y_form[0].span).0, "src/y.hrl");
    assert_eq!(o.line(&y_form[0]), 6);
}

#[test]
fn include_dirs_then_not_found() {
    let files = [("inc/z.hrl", "z() -> {?FILE, ?LINE}.\n")];
    let opts = Options {
        include_dirs: vec![PathBuf::from("inc")],
        ..Options::default()
    };
    let o = run_with(
        "-include(\"z.hrl\").\n-include(\"nope.hrl\").\n",
        &files,
        opts,
    );
    assert_eq!(
        o.msgs(),
        vec!["t.erl:2:10: can't find include file \"nope.hrl\""]
    );
    assert_eq!(o.texts(), vec!["z ( ) -> { \"inc/z.hrl\" , 1 } ."]);
}

#[test]
fn include_lib_picks_highest_version() {
    let files = [
        ("/lib/app-1.9/include/a.hrl", "old() -> 1.\n"),
        ("/lib/app-1.10.2/include/a.hrl", "new() -> ?FILE.\n"),
        ("/lib/apple-9.0/include/a.hrl", "wrong() -> 1.\n"),
    ];
    let opts = Options {
        lib_dirs: vec![PathBuf::from("/lib")],
        ..Options::default()
    };
    let o = run_with(
        "-include_lib(\"app/include/a.hrl\").\n-include_lib(\"nope/include/x.hrl\").\n-include_lib(\"nope.hrl\").\n",
        &files,
        opts,
    );
    assert_eq!(
        o.msgs(),
        vec![
            "t.erl:2:14: can't find include lib \"nope/include/x.hrl\"",
            "t.erl:3:14: can't find include lib \"nope.hrl\"",
        ]
    );
    assert_eq!(
        o.texts(),
        vec!["new ( ) -> \"/lib/app-1.10.2/include/a.hrl\" ."]
    );
}

#[test]
fn include_env_var_prefix() {
    let files = [("/top/x.hrl", "x() -> 1.\n")];
    let o = run_with("-include(\"$TOP/x.hrl\").\n", &files, Options::default());
    assert_eq!(o.texts(), vec!["x ( ) -> 1 ."]);
}

#[test]
fn include_cycle_is_too_deep() {
    let files = [
        ("a.hrl", "-include(\"b.hrl\").\n"),
        ("b.hrl", "-include(\"a.hrl\").\nb() -> 1.\n"),
    ];
    let o = run_with("-include(\"a.hrl\").\n", &files, Options::default());
    assert_eq!(o.diags.error_count(), 1, "{:?}", o.msgs());
    assert!(o.msgs()[0].ends_with("include too deep"), "{:?}", o.msgs());
    assert_eq!(o.texts().len(), 4); // b() from each of the 4 b.hrl levels
}

#[test]
fn conditionals_do_not_span_files() {
    let files = [("c.hrl", "-ifdef(X).\n")];
    let o = run_with(
        "-include(\"c.hrl\").\n-endif.\n",
        &files,
        Options::default(),
    );
    assert_eq!(
        o.msgs(),
        vec![
            "c.hrl:2:1: unterminated '-ifdef'",
            "t.erl:2:2: unbalanced '-endif'"
        ]
    );
}

#[test]
fn expanded_tokens_take_the_call_site() {
    // erlc -P of this source gives `{X, 8}` for the multi-line call (line of the argument).
    let src = "-module(a).\n-define(M(X), {X, ?LINE}).\n-define(L, ?LINE).\n\n\n\nf(X) -> ?M(\n  X),\n  ?L.\n";
    let o = run(src);
    assert!(o.diags.items.is_empty(), "{:?}", o.msgs());
    let form = o
        .forms
        .iter()
        .find(|f| matches!(f[0].kind, Tok::Atom(ref a) if &**a == "f"))
        .unwrap();
    assert_eq!(
        to_source(std::slice::from_ref(form)).trim_end(),
        "f ( X ) -> { X , 8 } , 9 ."
    );
    let lines: Vec<u32> = form.iter().map(|t| o.line(t)).collect();
    // `{` from the body: line 7 (the call); `X`: its own line 8; `,` after the argument: 8.
    assert_eq!(lines, vec![7, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 9, 9]);
}

#[test]
fn file_attribute_in_source() {
    let o = run("-module(d).\n-file(\"foo.erl\", 100).\nf() -> {?LINE, ?FILE}.\n");
    assert!(o.diags.items.is_empty(), "{:?}", o.msgs());
    assert_eq!(
        o.all_texts(),
        vec![
            "- file ( \"t.erl\" , 1 ) .",
            "- module ( d ) .",
            "- file ( \"foo.erl\" , 100 ) .",
            "f ( ) -> { 101 , \"foo.erl\" } .",
        ]
    );
}

#[test]
fn lexer_errors_split_forms_like_erl_scan() {
    // erlc: "illegal float" then "syntax error before: ','" for the rest of the form.
    let o = run(
        "f() -> 1.\ng() -> {0.1e999, 2}.\nh() -> ok.\n-ifdef(NO).\nx() -> 1.2e999 .\n-endif.\n",
    );
    assert_eq!(o.msgs(), vec!["t.erl:2:9: illegal float"]);
    assert_eq!(o.texts(), vec!["f ( ) -> 1 .", ", 2 } .", "h ( ) -> ok ."]);
}

#[test]
fn features() {
    let o = run("-module(e).\n-feature(maybe_expr, enable).\n-feature(foo, enable).\n-export([f/0]).\n-feature(maybe_expr, disable).\nf() -> ?FEATURE_ENABLED(maybe_expr).\n");
    assert_eq!(
        o.msgs(),
        vec![
            "t.erl:3:2: the feature 'foo' does not exist.",
            "t.erl:5:2: feature directive not allowed after exports or record definitions",
        ]
    );
    assert_eq!(o.texts()[2], "f ( ) -> ( ( maybe_expr ) == maybe_expr ) .");
}

#[test]
fn to_source_relexes_to_the_same_tokens() {
    let src = "-module(m).\n-record(r, {a = 1 :: integer()}).\n-define(S(X), ??X).\n\
               f(X) -> {X#r.a, #r.a, 'A b', \"s\\n\", $\\s, $a, 1.5, 1.0e30, 16#FF, ?S(x), <<1:8/big>>, [a|b], 'end'}.\n\
               g() -> fun m:f/1, fun(_) -> ok end.\n";
    let o = run(src);
    assert!(o.diags.items.is_empty(), "{:?}", o.msgs());
    let text = to_source(&o.forms);
    let mut d = Diagnostics::new();
    let again = crate::lexer::lex(FileId(0), &text, &mut d);
    assert!(d.items.is_empty(), "{:?}\n{text}", d.items);
    let a: Vec<&Tok> = o.forms.iter().flatten().map(|t| &t.kind).collect();
    let b: Vec<&Tok> = again.iter().map(|t| &t.kind).collect();
    assert_eq!(a, b, "{text}");
}

#[test]
fn never_panics_on_truncated_input() {
    let cases = [
        "-define(",
        "-define(A",
        "-define(A,",
        "-define(A(",
        "-define(A(X",
        "-define(A(X)",
        "-define(A(X),",
        "-define(A, ?",
        "?",
        "f() -> ?",
        "f() -> ?F(",
        "f() -> ?F((((",
        "-define(F(X), X).\nf() -> ?F([).\n",
        "-define(F(X), X).\nf() -> ?F(begin).\n",
        "-ifdef(",
        "-if(",
        "-if((((.\n",
        "-if(.\n-endif.\n",
        "-include(",
        "-include(\"",
        "-include_lib(\"\").\n",
        "-include_lib(\"/\").\n",
        "-error(",
        "-warning(.",
        "-file(",
        "-file(\"x\", -1).\n",
        "-undef(",
        "-else",
        "-endif",
        "-elif",
        "-",
        ".",
        ". . .",
        "-define(A, ?A(?A)).\nf() -> ?A(1).\n",
        "-define(A(X), ?A(X)).\nf() -> ?A(1).\n",
        "??",
        "f() -> ??X.\n",
        "-define(F(X), ??X).\nf() -> ?F(??).\n",
        "-module(",
        "-module(m",
        "-define(FUNCTION_NAME, 1).",
        "f() -> ?FUNCTION_NAME",
        "?FUNCTION_ARITY.",
        "-define(F(), ?FUNCTION_NAME).\n?F() -> 1.\n",
        "-feature(",
        "-if(defined()).\n-endif.\n",
        "-if(element(99, {})).\n-endif.\n",
        "-if(1 bsl 100000000).\n-endif.\n",
        "\"unterminated",
        "-ifdef(X).\n\"unterminated",
    ];
    for c in cases {
        let _ = run(c);
        let _ = run(&format!("{c}\n"));
    }
}

#[test]
fn include_file_errors_name_the_included_file() {
    let files = [("x.hrl", "-define(A, 1).\n-define(A, 2).\n")];
    let o = run_with("-include(\"x.hrl\").\n", &files, Options::default());
    assert_eq!(o.msgs(), vec!["x.hrl:2:9: redefining macro 'A'"]);
}

mod soup {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "-",
            "define",
            "(",
            ")",
            ",",
            ".\n",
            "?",
            "??",
            "A",
            "X",
            "f",
            "ifdef",
            "if",
            "else",
            "endif",
            "elif",
            "include",
            "\"x.hrl\"",
            "undef",
            "error",
            "warning",
            "file",
            "1",
            "begin",
            "end",
            "fun",
            "[",
            "]",
            "{",
            "}",
            "<<",
            ">>",
            "case",
            "of",
            "->",
            ";",
            "FUNCTION_NAME",
            "LINE",
            "MODULE",
            "module",
            "defined",
            "true",
            "==",
            "'a'",
            "$a",
            "1.5",
            "%",
            "\n",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        #[test]
        fn token_soup_never_panics(parts in prop::collection::vec(piece(), 0..60)) {
            let src = parts.join(" ");
            let files = [("x.hrl", src.as_str())];
            let _ = run_with(&src, &files, Options::default());
        }
    }
}
