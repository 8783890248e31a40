//! The table of stable diagnostic codes. Every code used anywhere is listed here with a
//! one-line title, and has a page `docs/errors/<CODE>.md` (a test checks both).
//!
//! Ranges: E00xx driver/files, E01xx lexer, E02xx parser, E03xx preprocessor,
//! E04xx/W04xx semantic checks (erl_lint's), E05xx back end.

/// `(code, title)` for every code.
pub const ALL: &[(&str, &str)] = &[
    // driver
    ("E0001", "cannot read file"),
    ("E0002", "warnings treated as errors"),
    // lexer
    ("E0101", "unterminated string"),
    ("E0102", "unterminated quoted atom"),
    ("E0103", "illegal character"),
    ("E0104", "illegal base or digit in based integer"),
    ("E0105", "illegal escape sequence"),
    ("E0106", "unterminated or illegal character literal"),
    ("E0107", "illegal number"),
    ("E0108", "illegal atom (too long)"),
    // parser
    ("E0201", "syntax error"),
    ("E0202", "form not terminated by a dot"),
    ("E0203", "bad attribute"),
    ("E0204", "illegal expression in this position"),
    // preprocessor
    ("E0301", "undefined macro"),
    ("E0302", "macro used with the wrong number of arguments"),
    ("E0303", "include file not found"),
    ("E0304", "-error directive"),
    ("W0305", "-warning directive"),
    ("E0306", "unbalanced conditional directive"),
    ("E0307", "macro redefined"),
    ("E0308", "bad preprocessor directive"),
    ("E0309", "bad -if/-elif condition"),
    ("E0310", "circular macro or include"),
    ("E0311", "missing parenthesis or argument in macro call"),
    // semantic checks
    ("E0401", "variable is unbound"),
    ("E0402", "variable is unsafe"),
    ("W0403", "variable exported from a case/if/receive"),
    ("W0404", "variable is unused"),
    ("E0405", "function undefined"),
    ("E0406", "function exported but undefined"),
    ("E0407", "function already defined"),
    ("E0408", "head mismatch"),
    ("E0409", "illegal pattern"),
    ("E0410", "illegal guard expression"),
    ("W0411", "function is unused"),
    ("E0412", "record undefined"),
    ("E0413", "record field undefined"),
    ("E0414", "module name does not match file name"),
    ("E0415", "no module definition"),
    ("E0416", "record already defined"),
    ("E0417", "record field defined more than once"),
    ("W0418", "variable shadowed in fun or comprehension"),
    ("E0419", "attribute after function definitions"),
    ("E0420", "illegal record or field usage"),
    ("E0421", "import conflict or bad import"),
    ("E0422", "bad bit syntax"),
    ("W0423", "term constructed but never used"),
    ("E0424", "bad export or function reference"),
    ("W0425", "deprecated or obsolete construct"),
    ("E0426", "undefined type or bad type"),
    ("W0427", "type defined but not used"),
    ("E0428", "spec for undefined function"),
    ("E0429", "illegal map construction or update"),
    ("E0430", "redefined or bad attribute"),
    ("W0431", "other erlc warning"),
    ("E0432", "other erlc error"),
    ("W0433", "record defined but never used"),
    ("W0434", "export_all flag enabled"),
    ("W0435", "suspicious bit syntax size"),
    ("W0436", "call or import overrides an auto-imported BIF"),
    (
        "E0437",
        "ambiguous call of an overridden pre-R14 auto-imported BIF",
    ),
    ("W0438", "underscore-prefixed variable matched again"),
    // back end
    ("E0501", "construct not supported by the code generator"),
];

/// The title of a code, if it exists.
pub fn title(code: &str) -> Option<&'static str> {
    ALL.iter().find(|(c, _)| *c == code).map(|(_, t)| *t)
}
