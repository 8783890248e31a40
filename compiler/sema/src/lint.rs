//! The checker: a port of OTP 25's erl_lint over ferl's AST.
//!
//! Owns: walking forms and expressions, the variable-scoping rules (through [`crate::vt`]),
//! function/record/import/export bookkeeping and the module-level checks done after the
//! walk (undefined/unused functions, unused records, on_load, ...). Messages use
//! erl_lint's wording and positions.
//! Must not: panic on any AST (error nodes are skipped silently), mutate the AST, or do I/O.

use crate::bifs::{self, fmt_atom};
use crate::pos;
use crate::vt::{self, In, VState, Var, Vt};
use crate::Options;
use ferl_diagnostics::{Diagnostic, SourceMap, Span};
use ferl_syntax::ast::*;
use ferl_syntax::token::Name;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

type Fa = (Name, usize);

fn fa_str(f: &str, a: usize) -> String {
    format!("{}/{}", fmt_atom(f), a)
}

/// One reported problem plus what erlc sorts by.
pub(crate) struct Item {
    pub d: Diagnostic,
    /// Parse-level errors (head mismatch) that erlc prints before the others.
    pub prio: bool,
    /// Erlang term-order key of the error descriptor: (0 for an atom, else tuple size, tag).
    pub key: (u8, &'static str),
}

#[derive(Clone)]
struct FieldDef {
    name: Name,
    default: Option<Expr>,
}

#[derive(Clone)]
struct RecDef {
    anno: Span,
    fields: Vec<FieldDef>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Attribute,
    Function,
}

#[derive(Clone, Copy)]
enum Mode<'v> {
    Expr,
    Guard,
    Pat(&'v Vt),
}

/// Bit-syntax sizes as erl_lint tracks them.
#[derive(Clone, Copy, PartialEq, Debug)]
enum BSize {
    Default,
    All,
    Undefined,
    Unknown,
    Int(i64),
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum BType {
    Integer,
    Float,
    Binary,
    Utf8,
    Utf16,
    Utf32,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Num {
    Int(i128),
    Float(f64),
    /// An integer outside i128 (its value does not matter to the checks).
    Big,
}

struct Flags {
    unused_vars: bool,
    export_vars: bool,
    shadow_vars: bool,
    unused_function: bool,
    unused_record: bool,
    export_all_warn: bool,
    bif_clash: bool,
    underscore_match: bool,
    unused_type: bool,
    export_all: bool,
}

pub(crate) struct Lint<'a> {
    map: &'a SourceMap,
    opts: &'a Options,
    pub items: Vec<Item>,
    silent: u32,
    flags: Flags,
    state: State,
    module: Option<(Name, Span)>,
    records: HashMap<Name, RecDef>,
    locals: HashSet<Fa>,
    imports: BTreeMap<Fa, Name>,
    no_auto_all: bool,
    no_auto: HashSet<Fa>,
    defined: HashSet<Fa>,
    /// `(function, where, from an export attribute)`.
    called: Vec<(Fa, Span, bool)>,
    calls: HashMap<Option<Fa>, Vec<Fa>>,
    used_records: HashSet<Name>,
    exports: HashSet<Fa>,
    func: Option<Fa>,
    bvt: Option<Vt>,
    recdef_top: bool,
    /// Names of functions whose forms failed to parse: no "undefined" noise for them.
    failed: HashSet<Name>,
    any_error_form: bool,
    on_load: Vec<(Fa, Span)>,
    nowarn_unused: Vec<(Fa, Span)>,
    nowarn_unused_all: bool,
    types: HashMap<Fa, Span>,
    used_types: HashMap<Fa, Vec<Span>>,
    exported_types: HashSet<Fa>,
    specs: Vec<(Fa, Span)>,
    function_spans: Vec<(Fa, Span)>,
}

impl<'a> Lint<'a> {
    pub fn new(map: &'a SourceMap, opts: &'a Options) -> Self {
        Lint {
            map,
            opts,
            items: Vec::new(),
            silent: 0,
            flags: Flags {
                unused_vars: true,
                export_vars: opts.warn_export_vars,
                shadow_vars: true,
                unused_function: true,
                unused_record: true,
                export_all_warn: true,
                bif_clash: true,
                underscore_match: true,
                unused_type: true,
                export_all: false,
            },
            state: State::Start,
            module: None,
            records: HashMap::new(),
            locals: HashSet::new(),
            imports: BTreeMap::new(),
            no_auto_all: false,
            no_auto: HashSet::new(),
            defined: [("module_info", 0), ("module_info", 1), ("record_info", 2)]
                .into_iter()
                .map(|(f, a)| (Name::from(f), a))
                .collect(),
            called: Vec::new(),
            calls: HashMap::new(),
            used_records: HashSet::new(),
            exports: HashSet::new(),
            func: None,
            bvt: None,
            recdef_top: false,
            failed: HashSet::new(),
            any_error_form: false,
            on_load: Vec::new(),
            nowarn_unused: Vec::new(),
            nowarn_unused_all: false,
            types: HashMap::new(),
            used_types: HashMap::new(),
            exported_types: HashSet::new(),
            specs: Vec::new(),
            function_spans: Vec::new(),
        }
    }

    // ---------------------------------------------------------------------------------
    // Reporting

    fn push(&mut self, d: Diagnostic, key: (u8, &'static str), prio: bool) {
        if self.silent == 0 {
            self.items.push(Item { d, prio, key });
        }
    }
    fn error(&mut self, at: Span, code: &'static str, key: (u8, &'static str), msg: String) {
        self.push(Diagnostic::error(code, at, msg), key, false);
    }
    fn warning(&mut self, at: Span, code: &'static str, key: (u8, &'static str), msg: String) {
        self.push(Diagnostic::warning(code, at, msg), key, false);
    }
    fn error_count(&self) -> usize {
        self.items.iter().filter(|i| i.d.is_error()).count()
    }

    fn where_(&self, inn: In) -> String {
        let (_, l, c) = self.map.location(inn.at);
        format!("{} (line {l}, column {c})", fmt_atom(inn.tag))
    }

    fn unbound(&mut self, v: &str, at: Span) {
        self.error(
            at,
            "E0401",
            (2, "unbound_var"),
            format!("variable {} is unbound", fmt_atom(v)),
        );
    }
    fn unsafe_var(&mut self, v: &str, at: Span, inn: In) {
        let w = self.where_(inn);
        self.error(
            at,
            "E0402",
            (3, "unsafe_var"),
            format!("variable {} unsafe in {w}", fmt_atom(v)),
        );
    }
    fn exported_var(&mut self, v: &str, at: Span, inn: In) {
        let w = self.where_(inn);
        self.warning(
            at,
            "W0403",
            (3, "exported_var"),
            format!("variable {} exported from {w}", fmt_atom(v)),
        );
    }
    fn illegal_pattern(&mut self, at: Span) {
        self.error(
            at,
            "E0409",
            (0, "illegal_pattern"),
            "illegal pattern".into(),
        );
    }
    fn illegal_guard(&mut self, at: Span) {
        self.error(
            at,
            "E0410",
            (0, "illegal_guard_expr"),
            "illegal guard expression".into(),
        );
    }
    fn illegal_guard_local(&mut self, at: Span, f: &str, a: usize) {
        self.error(
            at,
            "E0410",
            (2, "illegal_guard_local_call"),
            format!(
                "call to local/imported function {} is illegal in guard",
                fa_str(f, a)
            ),
        );
    }
    fn undefined_record(&mut self, at: Span, name: &str) {
        self.error(
            at,
            "E0412",
            (2, "undefined_record"),
            format!("record {} undefined", fmt_atom(name)),
        );
    }
    fn undefined_field(&mut self, at: Span, rec: &str, field: &str) {
        self.error(
            at,
            "E0413",
            (3, "undefined_field"),
            format!(
                "field {} undefined in record {}",
                fmt_atom(field),
                fmt_atom(rec)
            ),
        );
    }

    fn anno(&self, e: &Expr) -> Span {
        pos::anno(self.map, e)
    }

    // ---------------------------------------------------------------------------------
    // Module level

    pub fn module(&mut self, m: &Module) {
        self.prescan(m);
        for form in &m.forms {
            self.form(form);
        }
        if self.state == State::Start {
            // No forms at all (or only error/file/compile forms): erl_lint reports at eof.
            if !self.any_error_form {
                let at = m
                    .forms
                    .last()
                    .map(|f| pos::point(f.span.file, f.span.end))
                    .unwrap_or_default();
                self.error(
                    at,
                    "E0415",
                    (0, "undefined_module"),
                    "no module definition".into(),
                );
            }
        }
        self.post_checks(m);
    }

    fn prescan(&mut self, m: &Module) {
        for f in &m.forms {
            match &f.kind {
                FormKind::Function(func) => {
                    self.locals.insert((func.name.clone(), func.arity as usize));
                }
                FormKind::Error => {
                    self.any_error_form = true;
                    if let Some(n) = self.failed_function_name(f.span) {
                        self.failed.insert(n);
                    }
                }
                FormKind::Attribute(name, value) if &**name == "compile" => {
                    let anno = pos::attribute_anno(self.map, f.span);
                    self.compile_options(value, anno);
                }
                _ => {}
            }
        }
    }

    /// For a form that failed to parse: the function name it starts with, if any.
    fn failed_function_name(&self, span: Span) -> Option<Name> {
        let text = self
            .map
            .try_get(span.file)?
            .text
            .get(span.start as usize..span.end as usize)?;
        let text = text.trim_start();
        if text.starts_with('-') {
            return None;
        }
        let (name, rest) = if let Some(stripped) = text.strip_prefix('\'') {
            let end = stripped.find('\'')?;
            (&stripped[..end], &stripped[end + 1..])
        } else {
            let end = text
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '@'))
                .unwrap_or(text.len());
            (&text[..end], &text[end..])
        };
        if name.is_empty() || !rest.trim_start().starts_with('(') {
            return None;
        }
        Some(Name::from(name))
    }

    fn compile_options(&mut self, value: &Expr, anno: Span) {
        let mut opts = Vec::new();
        flatten_list(value, &mut opts);
        for o in opts {
            match &o.kind {
                ExprKind::Atom(a) => match &**a {
                    "export_all" => self.flags.export_all = true,
                    "nowarn_export_all" => self.flags.export_all_warn = false,
                    "warn_export_all" => self.flags.export_all_warn = true,
                    "nowarn_unused_vars" => self.flags.unused_vars = false,
                    "warn_unused_vars" => self.flags.unused_vars = true,
                    "warn_export_vars" => self.flags.export_vars = true,
                    "nowarn_export_vars" => self.flags.export_vars = false,
                    "nowarn_shadow_vars" => self.flags.shadow_vars = false,
                    "warn_shadow_vars" => self.flags.shadow_vars = true,
                    "nowarn_unused_function" => self.flags.unused_function = false,
                    "warn_unused_function" => self.flags.unused_function = true,
                    "nowarn_unused_record" => self.flags.unused_record = false,
                    "nowarn_unused_type" => self.flags.unused_type = false,
                    "nowarn_bif_clash" => self.flags.bif_clash = false,
                    "nowarn_underscore_match" => self.flags.underscore_match = false,
                    "no_auto_import" => self.no_auto_all = true,
                    _ => {}
                },
                ExprKind::Tuple(es) if es.len() == 2 => {
                    let ExprKind::Atom(tag) = &es[0].kind else {
                        continue;
                    };
                    let mut fas = Vec::new();
                    collect_fas(&es[1], &mut fas);
                    match &**tag {
                        "nowarn_unused_function" => {
                            for fa in fas {
                                self.nowarn_unused.push((fa, anno));
                            }
                        }
                        "no_auto_import" => self.no_auto.extend(fas),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        let _ = self.nowarn_unused_all;
    }

    fn form(&mut self, form: &Form) {
        match &form.kind {
            FormKind::Error | FormKind::File(..) => return,
            FormKind::Attribute(n, _) if &**n == "compile" => return,
            _ => {}
        }
        let anno = pos::attribute_anno(self.map, form.span);
        if self.state == State::Start {
            self.state = State::Attribute;
            if let FormKind::Module(m) = &form.kind {
                self.module = Some((m.clone(), anno));
                return;
            }
            let at = match &form.kind {
                FormKind::Function(f) => pos::point(f.span.file, f.span.start),
                _ => anno,
            };
            self.error(
                at,
                "E0415",
                (0, "undefined_module"),
                "no module definition".into(),
            );
        }
        if self.state == State::Attribute {
            if matches!(form.kind, FormKind::Function(_)) {
                self.state = State::Function;
            } else {
                self.attribute(form, anno);
                return;
            }
        }
        // Function state.
        match &form.kind {
            FormKind::Record(name, fields) => self.record_def(anno, name, fields),
            FormKind::TypeDef(t) => self.type_def(anno, t),
            FormKind::Spec(s) if !s.callback => self.spec(anno, s),
            FormKind::Attribute(n, _) if &**n == "dialyzer" => {}
            FormKind::Function(f) => self.function(f),
            other => {
                let name = match other {
                    FormKind::Module(_) => "module".into(),
                    FormKind::Behaviour(_) => "behaviour".into(),
                    FormKind::Export(_) => "export".into(),
                    FormKind::Import(..) => "import".into(),
                    FormKind::ExportType(_) => "export_type".into(),
                    FormKind::Spec(_) => "callback".into(),
                    FormKind::Attribute(n, _) => fmt_atom(n),
                    _ => return,
                };
                self.error(
                    anno,
                    "E0419",
                    (2, "attribute"),
                    format!("attribute {name} after function definitions"),
                );
            }
        }
    }

    fn attribute(&mut self, form: &Form, anno: Span) {
        match &form.kind {
            FormKind::Module(_) => {
                self.error(
                    anno,
                    "E0430",
                    (0, "redefine_module"),
                    "redefining module".into(),
                );
            }
            FormKind::Export(fs) => {
                for fr in fs {
                    let fa = (fr.name.clone(), fr.arity as usize);
                    if !self.exports.insert(fa.clone()) {
                        self.warning(
                            anno,
                            "W0431",
                            (2, "duplicated_export"),
                            format!("function {} already exported", fa_str(&fa.0, fa.1)),
                        );
                    }
                    self.called.push((fa, anno, true));
                }
            }
            FormKind::ExportType(ts) => {
                for t in ts {
                    let ta = (t.name.clone(), t.arity as usize);
                    self.exported_types.insert(ta.clone());
                    self.used_types.entry(ta).or_default().push(anno);
                }
            }
            FormKind::Import(m, fs) => self.import(anno, m, fs),
            FormKind::Record(name, fields) => self.record_def(anno, name, fields),
            FormKind::TypeDef(t) => self.type_def(anno, t),
            FormKind::Spec(s) => {
                if !s.callback {
                    self.spec(anno, s)
                } else {
                    for c in &s.clauses {
                        self.sig_types(c);
                    }
                }
            }
            FormKind::Attribute(n, v) if &**n == "on_load" => self.on_load_attr(anno, v),
            _ => {}
        }
    }

    fn import(&mut self, anno: Span, m: &Name, fs: &[FunRef]) {
        let mut mfs: Vec<Fa> = fs
            .iter()
            .map(|f| (f.name.clone(), f.arity as usize))
            .collect();
        mfs.sort();
        mfs.dedup();
        let mut err = false;
        for fa in &mfs {
            if let Some(other) = self.imports.get(fa).cloned() {
                err = true;
                self.error(
                    anno,
                    "E0421",
                    (2, "redefine_import"),
                    format!(
                        "function {} already imported from {}",
                        fa_str(&fa.0, fa.1),
                        fmt_atom(&other)
                    ),
                );
            } else if bifs::bif(&fa.0, fa.1) {
                let suppressed = self.auto_suppressed(fa);
                if self.flags.bif_clash && !suppressed {
                    if bifs::old_bif(&fa.0, fa.1) {
                        self.error(anno, "E0437", (2, "redefine_old_bif_import"), format!(
                            "import directive overrides pre R14 auto-imported BIF {f}/{a}\n - use \"-compile({{no_auto_import,[{f}/{a}]}}).\" to resolve name clash",
                            f = fmt_atom(&fa.0), a = fa.1));
                    } else {
                        self.warning(anno, "W0436", (2, "redefine_bif_import"), format!(
                            "import directive overrides auto-imported BIF {f}/{a}\n - use \"-compile({{no_auto_import,[{f}/{a}]}}).\" to resolve name clash",
                            f = fmt_atom(&fa.0), a = fa.1));
                    }
                }
            }
        }
        if !err {
            for fa in mfs {
                self.imports.insert(fa, m.clone());
            }
        }
    }

    fn on_load_attr(&mut self, anno: Span, v: &Expr) {
        let fa = match &v.kind {
            ExprKind::BinOp(BinOp::FDiv, f, a) => match (&f.kind, &a.kind) {
                (ExprKind::Atom(f), ExprKind::Integer(IntLit::Small(a))) if *a >= 0 => {
                    Some((f.clone(), *a as usize))
                }
                _ => None,
            },
            ExprKind::Tuple(es) if es.len() == 2 => match (&es[0].kind, &es[1].kind) {
                (ExprKind::Atom(f), ExprKind::Integer(IntLit::Small(a))) if *a >= 0 => {
                    Some((f.clone(), *a as usize))
                }
                _ => None,
            },
            _ => None,
        };
        let Some(fa) = fa else {
            let text = self.map.text(v.span).to_string();
            self.error(
                anno,
                "E0430",
                (2, "bad_on_load"),
                format!("badly formed on_load attribute: {text}"),
            );
            return;
        };
        self.on_load.push((fa.clone(), anno));
        if self.on_load.len() > 1 {
            self.error(
                anno,
                "E0430",
                (0, "multiple_on_loads"),
                "more than one on_load attribute".into(),
            );
        } else if fa.1 != 0 {
            self.error(
                anno,
                "E0430",
                (2, "bad_on_load_arity"),
                format!(
                    "function {} has wrong arity (must be 0)",
                    fa_str(&fa.0, fa.1)
                ),
            );
        }
    }

    fn function(&mut self, f: &Function) {
        let anno = pos::point(f.span.file, f.span.start);
        let fa = (f.name.clone(), f.arity as usize);
        // erl_parse's head mismatch: the form is rejected.
        for c in &f.clauses {
            let name_ok = c.name.as_ref().map_or(true, |n| *n == f.name);
            if !name_ok || c.patterns.len() != f.arity as usize {
                let d = Diagnostic::error(
                    "E0408",
                    pos::point(c.span.file, c.span.start),
                    "head mismatch",
                );
                self.push(d, (0, "head_mismatch"), true);
                // Like erl_parse, the form is dropped: its function is then undefined.
                return;
            }
        }
        self.func = Some(fa.clone());
        if self.defined.contains(&fa) {
            self.error(
                anno,
                "E0407",
                (2, "redefine_function"),
                format!("function {} already defined", fa_str(&fa.0, fa.1)),
            );
        } else {
            if fa.1 > 255 {
                self.error(
                    anno,
                    "E0432",
                    (2, "too_many_arguments"),
                    format!("too many arguments ({}) - maximum allowed is 255", fa.1),
                );
            }
            self.defined.insert(fa.clone());
            self.function_spans.push((fa.clone(), anno));
            if self.imports.contains_key(&fa) {
                self.error(
                    anno,
                    "E0421",
                    (2, "define_import"),
                    format!("defining imported function {}", fa_str(&fa.0, fa.1)),
                );
            }
        }
        for c in &f.clauses {
            self.clause(c);
        }
        self.func = None;
    }

    fn clause(&mut self, c: &Clause) {
        let vt0 = Vt::new();
        let (hvt, hnew) = self.head(&c.patterns, &vt0, &vt0);
        let vt1 = vt::update(&hvt, &vt::update(&hnew, &vt0));
        let gvt = self.guard(&c.guards, &vt1);
        let vt2 = vt::update(&gvt, &vt1);
        let bvt = self.exprs(&c.body, &vt2);
        let upd = vt::update(&bvt, &vt2);
        self.check_unused_vars(&upd, &vt0);
    }

    fn auto_suppressed(&self, fa: &Fa) -> bool {
        self.no_auto_all || self.no_auto.contains(fa)
    }

    fn is_local(&self, f: &str, a: usize) -> bool {
        self.locals.contains(&(Name::from(f), a))
    }

    fn imported(&self, f: &str, a: usize) -> Option<&Name> {
        self.imports.get(&(Name::from(f), a))
    }

    /// erl_lint's `no_guard_bif_clash/2`.
    fn no_guard_bif_clash(&self, f: &str, a: usize) -> bool {
        let fa = (Name::from(f), a);
        let from_erlang = self.imports.get(&fa).is_some_and(|m| &**m == "erlang");
        !self.locals.contains(&fa)
            && (!self.imports.contains_key(&fa) || from_erlang)
            && (!self.auto_suppressed(&fa) || from_erlang)
    }

    fn call_function(&mut self, at: Span, f: &Name, a: usize) {
        let fa = (f.clone(), a);
        self.calls
            .entry(self.func.clone())
            .or_default()
            .push(fa.clone());
        if self.silent == 0 {
            self.called.push((fa, at, false));
        }
    }

    // ---------------------------------------------------------------------------------
    // Records

    fn record_def(&mut self, anno: Span, name: &Name, fields: &[RecordFieldDef]) {
        if self.records.contains_key(name) {
            self.error(
                anno,
                "E0416",
                (2, "redefine_record"),
                format!("record {} already defined", fmt_atom(name)),
            );
            return;
        }
        let mut defs: Vec<FieldDef> = Vec::new();
        for f in fields {
            if defs.iter().any(|d| d.name == f.name) {
                self.error(
                    f.span,
                    "E0417",
                    (3, "redefine_field"),
                    format!(
                        "field {} already defined in record {}",
                        fmt_atom(&f.name),
                        fmt_atom(name)
                    ),
                );
                continue;
            }
            let mut default = f.default.clone();
            if let Some(d) = &f.default {
                let before = self.error_count();
                self.recdef_top = true;
                let saved_func = self.func.take();
                self.expr(d, &Vt::new());
                self.func = saved_func;
                self.recdef_top = false;
                if self.error_count() != before {
                    default = None;
                }
            }
            defs.push(FieldDef {
                name: f.name.clone(),
                default,
            });
        }
        self.records
            .insert(name.clone(), RecDef { anno, fields: defs });
        // Field types are checked with the record itself defined: `sstk :: [#epp{}]`
        // inside `-record(epp, ...)` is legal.
        for f in fields {
            if let Some(ty) = &f.ty {
                self.type_uses(ty);
            }
        }
    }

    /// `check_record`: the definition if it exists (marking it used), else an error.
    fn check_record(&mut self, at: Span, name: &Name) -> Option<RecDef> {
        match self.records.get(name) {
            Some(r) => {
                let r = r.clone();
                self.used_records.insert(name.clone());
                Some(r)
            }
            None => {
                self.undefined_record(at, name);
                None
            }
        }
    }

    fn exist_record(&mut self, at: Span, name: &Name) {
        if self.records.contains_key(name) {
            self.used_records.insert(name.clone());
        } else {
            self.undefined_record(at, name);
        }
    }

    fn record_field(&mut self, at: Span, rec: &Name, field: &Name, def: &RecDef) {
        if !def.fields.iter().any(|f| f.name == *field) {
            self.undefined_field(at, rec, field);
        }
    }

    /// The span of the field name in `#r.f` / `X#r.f`.
    fn field_span(&self, e: &Expr, field: &Name) -> Span {
        pos::trailing_word(self.map, e.span, field.len())
    }

    fn check_fields(
        &mut self,
        fs: &[RecordField],
        name: &Name,
        def: &RecDef,
        vt: &Vt,
        mode: Mode,
    ) -> (Vt, Vt) {
        let mut seen: Vec<&Name> = Vec::new();
        let mut uvt = Vt::new();
        let mut unew = Vt::new();
        for f in fs {
            let wild = &*f.name == "_";
            if seen.contains(&&f.name) {
                if wild {
                    self.error(
                        f.span,
                        "E0420",
                        (0, "bad_multi_field_init"),
                        "'_' initializes no omitted fields".into(),
                    );
                } else {
                    self.error(
                        f.span,
                        "E0417",
                        (3, "redefine_field"),
                        format!(
                            "field {} already defined in record {}",
                            fmt_atom(&f.name),
                            fmt_atom(name)
                        ),
                    );
                }
                continue;
            }
            seen.push(&f.name);
            let (vtb, newb) = if wild || def.fields.iter().any(|d| d.name == f.name) {
                self.check_val(&f.value, vt, mode)
            } else {
                self.undefined_field(f.span, name, &f.name);
                (Vt::new(), Vt::new())
            };
            uvt = self.merge_pat(&uvt, &vtb);
            unew = self.merge_pat(&unew, &newb);
        }
        (uvt, unew)
    }

    fn check_val(&mut self, e: &Expr, vt: &Vt, mode: Mode) -> (Vt, Vt) {
        match mode {
            Mode::Expr => (self.expr(e, vt), Vt::new()),
            Mode::Guard => (self.gexpr(e, vt), Vt::new()),
            Mode::Pat(old) => self.pattern(e, vt, old),
        }
    }

    fn init_fields(
        &mut self,
        fs: &[RecordField],
        name: &Name,
        def: &RecDef,
        vt: &Vt,
        mode: Mode,
    ) -> Vt {
        let (vt1, _) = self.check_fields(fs, name, def, vt, mode);
        // Default values of the omitted fields: only their usage (calls, records) counts.
        let defaults: Vec<Expr> = def
            .fields
            .iter()
            .filter(|d| !fs.iter().any(|f| f.name == d.name))
            .filter_map(|d| d.default.clone())
            .collect();
        self.silent += 1;
        for d in &defaults {
            self.check_val(d, &vt1, mode);
        }
        self.silent -= 1;
        vt1
    }

    // ---------------------------------------------------------------------------------
    // Variables

    fn merge_pat(&mut self, a: &Vt, b: &Vt) -> Vt {
        let (out, matched) = vt::merge_pat(a, b);
        if self.flags.underscore_match {
            for (name, annos) in matched {
                if name.starts_with('_') {
                    for at in annos {
                        self.warning(at, "W0438", (2, "match_underscore_var_pat"), format!(
                            "variable {} is bound multiple times in this pattern. If you mean to ignore this value, use '_' or a different underscore-prefixed name",
                            fmt_atom(&name)));
                    }
                }
            }
        }
        out
    }

    fn warn_underscore_match(&mut self, v: &str, at: Span) {
        if self.flags.underscore_match && v.starts_with('_') {
            self.warning(at, "W0438", (2, "match_underscore_var"), format!(
                "variable {} is already bound. If you mean to ignore this value, use '_' or a different underscore-prefixed name",
                fmt_atom(v)));
        }
    }

    fn pat_var(&mut self, v: &Name, at: Span, old: &Vt, new: &Vt) -> (Vt, Vt) {
        if let Some(x) = new.get(v) {
            if x.state == VState::Bound {
                self.warn_underscore_match(v, at);
                let mut n = Vt::new();
                n.insert(v.clone(), Var::new(VState::Bound, true, x.annos.clone()));
                return (Vt::new(), n);
            }
        }
        let mut out = Vt::new();
        match old.get(v) {
            Some(x) => {
                match x.state {
                    VState::Bound | VState::Stacktrace => self.warn_underscore_match(v, at),
                    VState::Unsafe(inn) => self.unsafe_var(v, at, inn),
                    VState::Export(from) => {
                        self.warn_underscore_match(v, at);
                        self.exported_var(v, at, from);
                    }
                }
                out.insert(v.clone(), Var::new(VState::Bound, true, x.annos.clone()));
                (out, Vt::new())
            }
            None => {
                if self.recdef_top {
                    self.error(
                        at,
                        "E0420",
                        (2, "variable_in_record_def"),
                        format!("variable {} in record definition", fmt_atom(v)),
                    );
                }
                let mut n = Vt::new();
                n.insert(v.clone(), Var::bound_at(at, false));
                (Vt::new(), n)
            }
        }
    }

    fn pat_binsize_var(&mut self, v: &Name, at: Span, vt: &Vt, new: &Vt) -> (Vt, Vt) {
        if let Some(x) = new.get(v) {
            if x.state == VState::Bound {
                let mut n = Vt::new();
                n.insert(v.clone(), Var::new(VState::Bound, true, x.annos.clone()));
                return (Vt::new(), n);
            }
        }
        let mut out = Vt::new();
        match vt.get(v) {
            Some(x) => {
                match x.state {
                    VState::Unsafe(inn) => self.unsafe_var(v, at, inn),
                    VState::Export(from) if self.flags.export_vars => {
                        self.exported_var(v, at, from)
                    }
                    _ => {}
                }
                out.insert(v.clone(), Var::new(VState::Bound, true, x.annos.clone()));
            }
            None => {
                self.unbound(v, at);
                out.insert(v.clone(), Var::bound_at(at, true));
            }
        }
        (out, Vt::new())
    }

    fn expr_var(&mut self, v: &Name, at: Span, vt: &Vt) -> Vt {
        if let Some(bvt0) = self.bvt.take() {
            let (out, bvt) = self.pat_binsize_var(v, at, vt, &bvt0);
            self.bvt = Some(vt::merge(&bvt0, &bvt));
            return out;
        }
        let mut out = Vt::new();
        match vt.get(v) {
            Some(x) => {
                let mut state = VState::Bound;
                match x.state {
                    VState::Bound => {}
                    VState::Unsafe(inn) => self.unsafe_var(v, at, inn),
                    VState::Export(from) => {
                        if self.flags.export_vars {
                            self.exported_var(v, at, from);
                        } else {
                            state = x.state;
                        }
                    }
                    VState::Stacktrace => {
                        self.error(
                            at,
                            "E0432",
                            (2, "stacktrace_guard"),
                            format!(
                                "stacktrace variable {} must not be used in a guard",
                                fmt_atom(v)
                            ),
                        );
                    }
                }
                out.insert(v.clone(), Var::new(state, true, x.annos.clone()));
            }
            None => {
                self.unbound(v, at);
                out.insert(v.clone(), Var::bound_at(at, true));
            }
        }
        out
    }

    fn shadow_vars(&mut self, vt: &Vt, vt0: &Vt, inn: &'static str) {
        if !self.flags.shadow_vars {
            return;
        }
        let olds = vt::old_vars(vt, &vt::no_unsafe(vt0));
        for (v, x) in olds {
            if let Some(at) = x.annos.iter().next() {
                self.warning(
                    *at,
                    "W0418",
                    (3, "shadowed_var"),
                    format!("variable {} shadowed in {}", fmt_atom(&v), fmt_atom(inn)),
                );
            }
        }
    }

    fn check_unused_vars(&mut self, vt: &Vt, vt0: &Vt) {
        if !self.flags.unused_vars {
            return;
        }
        for (v, x) in vt {
            if !x.used && !v.starts_with('_') && !vt0.contains_key(v) {
                for at in &x.annos {
                    self.warning(
                        *at,
                        "W0404",
                        (2, "unused_var"),
                        format!("variable {} is unused", fmt_atom(v)),
                    );
                }
            }
        }
    }

    fn check_old_unused_vars(&mut self, vt: &Vt, vt0: &Vt) {
        let olds = vt::old_vars(vt, vt0);
        self.check_unused_vars(&olds, &Vt::new());
    }

    // ---------------------------------------------------------------------------------
    // Patterns

    fn head(&mut self, ps: &[Expr], vt: &Vt, old: &Vt) -> (Vt, Vt) {
        let mut acc_vt = Vt::new();
        let mut acc_new = Vt::new();
        // erl_lint recurses right-to-left in merging but checks left-to-right.
        let mut results = Vec::new();
        for p in ps {
            results.push(self.pattern(p, vt, old));
        }
        for (pvt, pnew) in results.into_iter().rev() {
            acc_vt = self.merge_pat(&pvt, &acc_vt);
            acc_new = self.merge_pat(&pnew, &acc_new);
        }
        (acc_vt, acc_new)
    }

    fn pattern(&mut self, p: &Expr, vt: &Vt, old: &Vt) -> (Vt, Vt) {
        match &p.kind {
            ExprKind::Var(v) if &**v == "_" => (Vt::new(), Vt::new()),
            ExprKind::Var(v) => self.pat_var(v, p.span, old, &Vt::new()),
            ExprKind::Char(_)
            | ExprKind::Integer(_)
            | ExprKind::Float(_)
            | ExprKind::Atom(_)
            | ExprKind::String(_)
            | ExprKind::Nil
            | ExprKind::Error => (Vt::new(), Vt::new()),
            ExprKind::Cons(h, t) => {
                let (hvt, hnew) = self.pattern(h, vt, old);
                let (tvt, tnew) = self.pattern(t, vt, old);
                let v1 = self.merge_pat(&hvt, &tvt);
                let n1 = self.merge_pat(&hnew, &tnew);
                (v1, n1)
            }
            ExprKind::Tuple(ps) => {
                let mut acc_vt = Vt::new();
                let mut acc_new = Vt::new();
                for e in ps {
                    let (pvt, pnew) = self.pattern(e, vt, old);
                    acc_vt = self.merge_pat(&pvt, &acc_vt);
                    acc_new = self.merge_pat(&acc_new, &pnew);
                }
                (acc_vt, acc_new)
            }
            ExprKind::Map(None, fs) => self.pattern_map(fs, vt, old),
            ExprKind::RecordIndex { name, field } => {
                if let Some(def) = self.check_record(self.anno(p), name) {
                    let fs = self.field_span(p, field);
                    self.record_field(fs, name, field, &def);
                }
                (Vt::new(), Vt::new())
            }
            ExprKind::Record {
                base: None,
                name,
                fields,
            } => {
                let anno = self.anno(p);
                match self.check_record(anno, name) {
                    Some(def) => {
                        self.check_multi_field_init(fields, &def);
                        self.check_fields(fields, name, &def, vt, Mode::Pat(old))
                    }
                    None => (Vt::new(), Vt::new()),
                }
            }
            ExprKind::Binary(els) => self.pattern_bin(els, vt, old),
            ExprKind::BinOp(BinOp::Append, l, r) => {
                let mut at = self.anno(p);
                let mut l: &Expr = l;
                loop {
                    match &l.kind {
                        ExprKind::Nil | ExprKind::String(_) => return self.pattern(r, vt, old),
                        ExprKind::Cons(h, t)
                            if matches!(h.kind, ExprKind::Char(_) | ExprKind::Integer(_)) =>
                        {
                            at = pos::point(l.span.file, l.span.start);
                            l = t;
                        }
                        _ => {
                            self.illegal_pattern(at);
                            return (Vt::new(), Vt::new());
                        }
                    }
                }
            }
            ExprKind::Match(p1, p2) => {
                let (lvt, lnew) = self.pattern(p1, vt, old);
                let (rvt, rnew) = self.pattern(p2, vt, old);
                self.reject_invalid_alias(p1, p2, vt);
                let v1 = self.merge_pat(&lvt, &rvt);
                let n1 = self.merge_pat(&lnew, &rnew);
                (v1, n1)
            }
            _ => {
                if !is_pattern_expr(p) {
                    let at = self.anno(p);
                    self.illegal_pattern(at);
                }
                (Vt::new(), Vt::new())
            }
        }
    }

    fn check_multi_field_init(&mut self, fs: &[RecordField], def: &RecDef) {
        let omitted = def
            .fields
            .iter()
            .any(|d| !fs.iter().any(|f| f.name == d.name));
        if !omitted {
            if let Some(w) = fs.iter().find(|f| &*f.name == "_") {
                self.error(
                    w.span,
                    "E0420",
                    (0, "bad_multi_field_init"),
                    "'_' initializes no omitted fields".into(),
                );
            }
        }
    }

    fn map_field_anno(&self, f: &MapField) -> Span {
        let op = match f.op {
            MapOp::Assoc => "=>",
            MapOp::Exact => ":=",
        };
        pos::find_after(self.map, f.key.span, f.span.end.max(f.value.span.start), op)
            .unwrap_or_else(|| pos::point(f.span.file, f.span.start))
    }

    fn pattern_map(&mut self, fs: &[MapField], vt: &Vt, old: &Vt) -> (Vt, Vt) {
        let mut psvt = Vt::new();
        let mut psnew = Vt::new();
        for f in fs {
            match f.op {
                MapOp::Assoc => {
                    let at = self.map_field_anno(f);
                    self.illegal_pattern(at);
                }
                MapOp::Exact => {
                    let kvt = self.gexpr(&f.key, vt);
                    let (vvt, vnew) = self.pattern(&f.value, vt, old);
                    let v1 = self.merge_pat(&kvt, &vvt);
                    psvt = self.merge_pat(&v1, &psvt);
                    psnew = self.merge_pat(&psnew, &vnew);
                }
            }
        }
        (psvt, psnew)
    }

    fn reject_invalid_alias_expr(&mut self, p: &Expr, e: &Expr, vt: &Vt) {
        if let ExprKind::Match(p0, e2) = &e.kind {
            if matches!(
                p.kind,
                ExprKind::Binary(_) | ExprKind::Map(None, _) | ExprKind::Match(..)
            ) {
                self.reject_invalid_alias(p, p0, vt);
                self.reject_invalid_alias_expr(p, e2, vt);
            }
        }
    }

    fn reject_invalid_alias(&mut self, p1: &Expr, p2: &Expr, vt: &Vt) {
        match (&p1.kind, &p2.kind) {
            (ExprKind::Binary(_), ExprKind::Binary(_)) => {
                self.error(
                    p1.span,
                    "E0422",
                    (0, "illegal_bin_pattern"),
                    "binary patterns cannot be matched in parallel using '='".into(),
                );
            }
            (ExprKind::Map(None, f1), ExprKind::Map(None, f2)) => {
                for f in f1.iter().chain(f2.iter()) {
                    if let (MapOp::Exact, ExprKind::Var(k)) = (f.op, &f.key.kind) {
                        if !vt.get(k).is_some_and(|x| x.state == VState::Bound) {
                            self.unbound(k, f.key.span);
                        }
                    }
                }
            }
            (ExprKind::Cons(h1, t1), ExprKind::Cons(h2, t2)) => {
                self.reject_invalid_alias(h1, h2, vt);
                self.reject_invalid_alias(t1, t2, vt);
            }
            (ExprKind::Tuple(e1), ExprKind::Tuple(e2)) => {
                for (a, b) in e1.iter().zip(e2.iter()) {
                    self.reject_invalid_alias(a, b, vt);
                }
            }
            (ExprKind::Match(a, b), _) => {
                self.reject_invalid_alias(a, p2, vt);
                self.reject_invalid_alias(b, p2, vt);
            }
            (_, ExprKind::Match(..)) => self.reject_invalid_alias(p2, p1, vt),
            _ => {}
        }
    }

    // ---------------------------------------------------------------------------------
    // Binaries

    fn pattern_bin(&mut self, els: &[BinElement], vt: &Vt, old: &Vt) -> (Vt, Vt) {
        let mut prev: (BSize, Span) = (BSize::Int(0), Span::default());
        let mut esvt = Vt::new();
        let mut esnew = Vt::new();
        for be in els {
            let anno = pos::point(be.span.file, be.span.start);
            if let ExprKind::String(_) = be.value.kind {
                if !good_string_size_type(be) {
                    self.error(
                        anno,
                        "E0422",
                        (0, "typed_literal_string"),
                        "a literal string in a binary pattern must not have a type or a size"
                            .into(),
                    );
                    continue;
                }
            }
            let (pevt, penew) = self.pat_bit_expr(&be.value, old, &esnew);
            let (sz1, szvt, sznew) = self.pat_bit_size(be.size.as_ref(), vt, &esnew);
            let (sz2, bt, unit) = self.bit_type(anno, sz1, be);
            let sz3 = self.bit_size_check(anno, sz2, bt, unit);
            let sz4 = match (&be.value.kind, sz3) {
                (ExprKind::String(s), BSize::All) => BSize::Int(8 * s.chars().count() as i64),
                _ => sz3,
            };
            if prev.0 == BSize::All {
                self.error(
                    prev.1,
                    "E0422",
                    (0, "unsized_binary_not_at_end"),
                    "a binary field without size is only allowed at the end of a binary pattern"
                        .into(),
                );
            }
            prev = (sz4, anno);
            esvt = vt::merge(&szvt, &vt::merge(&pevt, &esvt));
            esnew = vt::merge(&sznew, &vt::merge(&esnew, &penew));
        }
        (esvt, esnew)
    }

    fn pat_bit_expr(&mut self, p: &Expr, old: &Vt, new: &Vt) -> (Vt, Vt) {
        match &p.kind {
            ExprKind::Var(v) if &**v == "_" => (Vt::new(), Vt::new()),
            ExprKind::Var(v) => self.pat_var(v, p.span, old, new),
            ExprKind::String(_) => (Vt::new(), Vt::new()),
            ExprKind::Binary(_) => {
                self.illegal_pattern(pos::point(p.span.file, p.span.start));
                (Vt::new(), Vt::new())
            }
            _ => {
                if !is_pattern_expr(p) {
                    let at = self.anno(p);
                    self.illegal_pattern(at);
                }
                (Vt::new(), Vt::new())
            }
        }
    }

    fn pat_bit_size(&mut self, size: Option<&Expr>, vt: &Vt, new: &Vt) -> (BSize, Vt, Vt) {
        let Some(size) = size else {
            return (BSize::Default, Vt::new(), Vt::new());
        };
        if let ExprKind::Var(v) = &size.kind {
            let (a, b) = self.pat_binsize_var(v, size.span, vt, new);
            return (BSize::Unknown, a, b);
        }
        match partial_eval(size) {
            Some(Num::Int(i)) => (
                BSize::Int(i.clamp(i64::MIN as i128, i64::MAX as i128) as i64),
                Vt::new(),
                Vt::new(),
            ),
            _ => {
                let saved = self.bvt.replace(new.clone());
                let gvt = self.gexpr(size, vt);
                let bnew = std::mem::replace(&mut self.bvt, saved).unwrap_or_default();
                if matches!(
                    size.kind,
                    ExprKind::Atom(_)
                        | ExprKind::Binary(_)
                        | ExprKind::Cons(..)
                        | ExprKind::Float(_)
                        | ExprKind::Map(..)
                        | ExprKind::Nil
                        | ExprKind::Tuple(_)
                ) {
                    let at = self.anno(size);
                    self.warning(at, "W0435", (0, "non_integer_bitsize"),
                        "a size expression in a pattern evaluates to a non-integer value; this pattern cannot possibly match".into());
                }
                (BSize::Unknown, gvt, bnew)
            }
        }
    }

    /// erl_bits:set_bit_type/2. Returns (size, type, unit).
    fn bit_type(&mut self, anno: Span, size: BSize, be: &BinElement) -> (BSize, BType, i64) {
        match set_bit_type(size, be.specifiers.as_deref()) {
            Ok(r) => r,
            Err((key, msg)) => {
                self.error(anno, "E0422", key, msg);
                (BSize::Int(8), BType::Integer, 1)
            }
        }
    }

    fn bit_size_check(&mut self, anno: Span, size: BSize, bt: BType, unit: i64) -> BSize {
        match size {
            BSize::Unknown | BSize::Undefined | BSize::Default => size,
            BSize::All => {
                if bt == BType::Binary {
                    BSize::All
                } else {
                    self.error(
                        anno,
                        "E0422",
                        (0, "illegal_bitsize"),
                        "illegal bit size".into(),
                    );
                    BSize::Unknown
                }
            }
            BSize::Int(n) => {
                let sz = n.saturating_mul(unit);
                if bt == BType::Float && !matches!(sz, 16 | 32 | 64) {
                    self.warning(
                        anno,
                        "W0435",
                        (2, "bad_bitsize"),
                        "bad float bit size".into(),
                    );
                }
                BSize::Int(sz)
            }
        }
    }

    fn expr_bin(&mut self, els: &[BinElement], vt: &Vt, guard: bool) -> Vt {
        let mut esvt = Vt::new();
        for be in els {
            let anno = pos::point(be.span.file, be.span.start);
            let vt1 = if guard {
                self.gexpr(&be.value, vt)
            } else {
                self.expr(&be.value, vt)
            };
            let (sz1, vt2) = match &be.size {
                None => (BSize::Default, Vt::new()),
                Some(s) if matches!(&s.kind, ExprKind::Atom(a) if &**a == "all") => {
                    (BSize::All, Vt::new())
                }
                Some(s) => match (self.is_gexpr(s), partial_eval(s)) {
                    (true, Some(Num::Int(i))) => (
                        BSize::Int(i.clamp(i64::MIN as i128, i64::MAX as i128) as i64),
                        Vt::new(),
                    ),
                    _ => {
                        let v = if guard {
                            self.gexpr(s, vt)
                        } else {
                            self.expr(s, vt)
                        };
                        (BSize::Unknown, v)
                    }
                },
            };
            let (sz2, bt, unit) = self.bit_type(anno, sz1, be);
            self.bit_size_check(anno, sz2, bt, unit);
            esvt = vt::merge_all(&[&vt2, &vt1, &esvt]);
        }
        esvt
    }

    // ---------------------------------------------------------------------------------
    // Guards

    fn guard(&mut self, gs: &[Vec<Expr>], vt: &Vt) -> Vt {
        match gs.split_first() {
            None => Vt::new(),
            Some((l, r)) => {
                let gvt = self.guard_tests(l, vt);
                let gsvt = self.guard(r, &vt::update(&gvt, vt));
                vt::update(&gvt, &gsvt)
            }
        }
    }

    fn guard_tests(&mut self, gs: &[Expr], vt: &Vt) -> Vt {
        match gs.split_first() {
            None => Vt::new(),
            Some((g, rest)) => {
                let gvt = self.guard_test(g, vt);
                let gsvt = self.guard_tests(rest, &vt::update(&gvt, vt));
                vt::update(&gvt, &gsvt)
            }
        }
    }

    fn guard_test(&mut self, g: &Expr, vt: &Vt) -> Vt {
        if let ExprKind::Call(callee, args) = &g.kind {
            if let ExprKind::Atom(f) = &callee.kind {
                if &**f == "record" && args.len() == 2 {
                    return self.gexpr_is_record(g, args, vt);
                }
                let a = args.len();
                if bifs::type_test(f, a) && &**f != "is_record" && a != 2 {
                    let asvt = self.gexpr_list(args.iter(), vt);
                    if !self.no_guard_bif_clash(f, a) {
                        let at = self.anno(g);
                        self.illegal_guard_local(at, f, a);
                    }
                    return asvt;
                }
            }
        }
        self.gexpr(g, vt)
    }

    fn gexpr_list<'e>(&mut self, es: impl Iterator<Item = &'e Expr>, vt: &Vt) -> Vt {
        let mut acc = Vt::new();
        for e in es {
            let evt = self.gexpr(e, vt);
            acc = self.merge_pat(&evt, &acc);
        }
        acc
    }

    /// `is_record(E, Name)` (2 args) in a guard.
    fn gexpr_is_record(&mut self, call: &Expr, args: &[Expr], vt: &Vt) -> Vt {
        match &args[1].kind {
            ExprKind::Atom(name) => {
                let rvt = self.gexpr(&args[0], vt);
                self.exist_record(args[1].span, name);
                rvt
            }
            _ => {
                let asvt = self.gexpr_list(args.iter(), vt);
                let at = self.anno(call);
                self.illegal_guard(at);
                asvt
            }
        }
    }

    fn gexpr_is_record3(&mut self, call: &Expr, args: &[Expr], vt: &Vt) -> Vt {
        if matches!(
            (&args[1].kind, &args[2].kind),
            (ExprKind::Atom(_), ExprKind::Integer(_))
        ) {
            let e = self.gexpr(&args[0], vt);
            if !self.no_guard_bif_clash("is_record", 3) {
                let at = self.anno(call);
                self.illegal_guard_local(at, "is_record", 3);
            }
            e
        } else {
            let asvt = self.gexpr_list(args.iter(), vt);
            let at = self.anno(call);
            self.illegal_guard(at);
            asvt
        }
    }

    fn gexpr(&mut self, e: &Expr, vt: &Vt) -> Vt {
        match &e.kind {
            ExprKind::Var(v) => self.expr_var(v, e.span, vt),
            ExprKind::Char(_)
            | ExprKind::Integer(_)
            | ExprKind::Float(_)
            | ExprKind::Atom(_)
            | ExprKind::String(_)
            | ExprKind::Nil
            | ExprKind::Error => Vt::new(),
            ExprKind::Cons(h, t) => self.gexpr_list([&**h, &**t].into_iter(), vt),
            ExprKind::Tuple(es) => self.gexpr_list(es.iter(), vt),
            ExprKind::Map(None, fs) => {
                self.check_assoc_fields(fs);
                self.map_fields(fs, vt, true)
            }
            ExprKind::Map(Some(src), fs) => {
                let svt = self.gexpr(src, vt);
                let fvt = self.map_fields(fs, vt, true);
                vt::merge(&svt, &fvt)
            }
            ExprKind::RecordIndex { name, field } => {
                if let Some(def) = self.check_record(self.anno(e), name) {
                    let fs = self.field_span(e, field);
                    self.record_field(fs, name, field, &def);
                }
                Vt::new()
            }
            ExprKind::RecordAccess { expr, name, field } => {
                let rvt = self.gexpr(expr, vt);
                if let Some(def) = self.check_record(self.anno(e), name) {
                    let fs = self.field_span(e, field);
                    self.record_field(fs, name, field, &def);
                }
                rvt
            }
            ExprKind::Record {
                base: None,
                name,
                fields,
            } => match self.check_record(self.anno(e), name) {
                Some(def) => self.init_fields(fields, name, &def, vt, Mode::Guard),
                None => Vt::new(),
            },
            ExprKind::Binary(els) => self.expr_bin(els, vt, true),
            ExprKind::Call(callee, args) => self.gexpr_call(e, callee, args, vt),
            ExprKind::UnOp(op, a) => {
                let avt = self.gexpr(a, vt);
                if !bifs::is_gexpr_op(op.as_str(), 1) {
                    let at = self.anno(e);
                    self.illegal_guard(at);
                }
                avt
            }
            ExprKind::BinOp(BinOp::Andalso | BinOp::Orelse, l, r) => {
                self.gexpr_list([&**l, &**r].into_iter(), vt)
            }
            ExprKind::BinOp(op, l, r) => {
                let avt = self.gexpr_list([&**l, &**r].into_iter(), vt);
                if !bifs::is_gexpr_op(op.as_str(), 2) {
                    let at = self.anno(e);
                    self.illegal_guard(at);
                }
                avt
            }
            _ => {
                let at = self.anno(e);
                self.illegal_guard(at);
                Vt::new()
            }
        }
    }

    fn gexpr_call(&mut self, e: &Expr, callee: &Expr, args: &[Expr], vt: &Vt) -> Vt {
        let n = args.len();
        match &callee.kind {
            ExprKind::Atom(f) => {
                if &**f == "is_record" && n == 2 {
                    return self.gexpr_is_record(e, args, vt);
                }
                if &**f == "is_record" && n == 3 {
                    return self.gexpr_is_record3(e, args, vt);
                }
                let asvt = self.gexpr_list(args.iter(), vt);
                if bifs::guard_bif(f, n) && self.no_guard_bif_clash(f, n) {
                    return asvt;
                }
                let at = self.anno(e);
                if self.is_local(f, n) || self.imported(f, n).is_some() {
                    self.illegal_guard_local(at, f, n);
                } else {
                    self.illegal_guard(at);
                }
                asvt
            }
            ExprKind::Remote(m, f) => match (&m.kind, &f.kind) {
                (ExprKind::Atom(m), ExprKind::Atom(f)) if &**m == "erlang" => {
                    if &**f == "is_record" && n == 2 {
                        return self.gexpr_is_record(e, args, vt);
                    }
                    if &**f == "is_record" && n == 3 {
                        return self.gexpr_is_record3(e, args, vt);
                    }
                    let asvt = self.gexpr_list(args.iter(), vt);
                    if !(bifs::guard_bif(f, n) || bifs::is_gexpr_op(f, n)) {
                        let at = self.anno(e);
                        self.illegal_guard(at);
                    }
                    asvt
                }
                _ => {
                    let at = self.anno(e);
                    self.illegal_guard(at);
                    Vt::new()
                }
            },
            _ => {
                let at = self.anno(e);
                self.illegal_guard(at);
                Vt::new()
            }
        }
    }

    /// `is_gexpr/2`: could this expression be a guard expression?
    fn is_gexpr(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Var(_)
            | ExprKind::Char(_)
            | ExprKind::Integer(_)
            | ExprKind::Float(_)
            | ExprKind::Atom(_)
            | ExprKind::String(_)
            | ExprKind::Nil
            | ExprKind::RecordIndex { .. } => true,
            ExprKind::Cons(h, t) => self.is_gexpr(h) && self.is_gexpr(t),
            ExprKind::Tuple(es) => es.iter().all(|e| self.is_gexpr(e)),
            ExprKind::Map(src, fs) => {
                src.as_ref().map_or(true, |s| self.is_gexpr(s))
                    && fs
                        .iter()
                        .all(|f| self.is_gexpr(&f.key) && self.is_gexpr(&f.value))
            }
            ExprKind::RecordAccess { expr, .. } => self.is_gexpr(expr),
            ExprKind::Record {
                base: None, fields, ..
            } => fields.iter().all(|f| self.is_gexpr(&f.value)),
            ExprKind::Binary(els) => els.iter().all(|b| {
                self.is_gexpr(&b.value) && b.size.as_ref().map_or(true, |s| self.is_gexpr(s))
            }),
            ExprKind::Call(callee, args) => {
                let n = args.len();
                let ok_callee = match &callee.kind {
                    ExprKind::Atom(f) => {
                        bifs::guard_bif(f, n)
                            && !self.is_local(f, n)
                            && self.imported(f, n).is_none()
                    }
                    ExprKind::Remote(m, f) => match (&m.kind, &f.kind) {
                        (ExprKind::Atom(m), ExprKind::Atom(f)) => {
                            &**m == "erlang" && (bifs::guard_bif(f, n) || bifs::is_gexpr_op(f, n))
                        }
                        _ => false,
                    },
                    _ => false,
                };
                ok_callee && args.iter().all(|a| self.is_gexpr(a))
            }
            ExprKind::UnOp(op, a) => bifs::is_gexpr_op(op.as_str(), 1) && self.is_gexpr(a),
            ExprKind::BinOp(BinOp::Andalso | BinOp::Orelse, l, r) => {
                self.is_gexpr(l) && self.is_gexpr(r)
            }
            ExprKind::BinOp(op, l, r) => {
                bifs::is_gexpr_op(op.as_str(), 2) && self.is_gexpr(l) && self.is_gexpr(r)
            }
            _ => false,
        }
    }

    fn is_guard_test(&self, e: &Expr) -> bool {
        if let ExprKind::Call(callee, args) = &e.kind {
            if let ExprKind::Atom(f) = &callee.kind {
                let n = args.len();
                if &**f == "record" && n == 2 {
                    return self.is_gexpr(&args[0]);
                }
                if bifs::type_test(f, n) && !self.is_local(f, n) && self.imported(f, n).is_none() {
                    return args.iter().all(|a| self.is_gexpr(a));
                }
            }
        }
        self.is_gexpr(e)
    }

    // ---------------------------------------------------------------------------------
    // Expressions

    fn exprs(&mut self, es: &[Expr], vt: &Vt) -> Vt {
        match es.split_first() {
            None => Vt::new(),
            Some((e, rest)) => {
                let evt = self.expr(e, vt);
                let esvt = self.exprs(rest, &vt::update(&evt, vt));
                vt::update(&evt, &esvt)
            }
        }
    }

    fn expr_list<'e>(&mut self, es: impl Iterator<Item = &'e Expr>, vt: &Vt) -> Vt {
        let mut acc = Vt::new();
        for e in es {
            let evt = self.expr(e, vt);
            acc = self.merge_pat(&evt, &acc);
        }
        acc
    }

    fn check_assoc_fields(&mut self, fs: &[MapField]) {
        for f in fs {
            if f.op == MapOp::Exact {
                let at = self.map_field_anno(f);
                self.error(
                    at,
                    "E0429",
                    (0, "illegal_map_construction"),
                    "only association operators '=>' are allowed in map construction".into(),
                );
            }
        }
    }

    fn map_fields(&mut self, fs: &[MapField], vt: &Vt, guard: bool) -> Vt {
        match fs.split_first() {
            None => Vt::new(),
            Some((f, rest)) => {
                let pvt = if guard {
                    self.gexpr_list([&f.key, &f.value].into_iter(), vt)
                } else {
                    self.expr_list([&f.key, &f.value].into_iter(), vt)
                };
                let vts = self.map_fields(rest, vt, guard);
                vt::update(&pvt, &vts)
            }
        }
    }

    fn expr(&mut self, e: &Expr, vt: &Vt) -> Vt {
        match &e.kind {
            ExprKind::Var(v) => self.expr_var(v, e.span, vt),
            ExprKind::Char(_)
            | ExprKind::Integer(_)
            | ExprKind::Float(_)
            | ExprKind::Atom(_)
            | ExprKind::String(_)
            | ExprKind::Nil
            | ExprKind::Error => Vt::new(),
            ExprKind::Cons(h, t) => self.expr_list([&**h, &**t].into_iter(), vt),
            ExprKind::ListComp(b, qs) | ExprKind::BinaryComp(b, qs) => {
                self.handle_comprehension(&[&**b], qs, vt)
            }
            ExprKind::MapComp(k, v, qs) => self.handle_comprehension(&[&**k, &**v], qs, vt),
            ExprKind::Tuple(es) => self.expr_list(es.iter(), vt),
            ExprKind::Map(None, fs) => {
                self.check_assoc_fields(fs);
                self.map_fields(fs, vt, false)
            }
            ExprKind::Map(Some(src), fs) => {
                let svt = self.expr(src, vt);
                let fvt = self.map_fields(fs, vt, false);
                vt::update(&svt, &fvt)
            }
            ExprKind::RecordIndex { name, field } => {
                if let Some(def) = self.check_record(self.anno(e), name) {
                    let fs = self.field_span(e, field);
                    self.record_field(fs, name, field, &def);
                }
                Vt::new()
            }
            ExprKind::Record {
                base: None,
                name,
                fields,
            } => match self.check_record(self.anno(e), name) {
                Some(def) => self.init_fields(fields, name, &def, vt, Mode::Expr),
                None => Vt::new(),
            },
            ExprKind::RecordAccess { expr, name, field } => {
                let anno = self.anno(e);
                let rvt = self.record_expr(anno, expr, vt);
                if let Some(def) = self.check_record(anno, name) {
                    let fs = self.field_span(e, field);
                    self.record_field(fs, name, field, &def);
                }
                rvt
            }
            ExprKind::Record {
                base: Some(base),
                name,
                fields,
            } => {
                let anno = self.anno(e);
                let rvt = self.record_expr(anno, base, vt);
                let usvt = match self.check_record(anno, name) {
                    Some(def) => self.check_fields(fields, name, &def, vt, Mode::Expr).0,
                    None => Vt::new(),
                };
                if let Some(w) = fields.iter().find(|f| &*f.name == "_") {
                    self.error(
                        w.span,
                        "E0420",
                        (2, "wildcard_in_update"),
                        format!(
                            "meaningless use of _ in update of record {}",
                            fmt_atom(name)
                        ),
                    );
                    return Vt::new();
                }
                vt::merge(&rvt, &usvt)
            }
            ExprKind::Binary(els) => self.expr_bin(els, vt, false),
            ExprKind::Block(es) => self.exprs(es, vt),
            ExprKind::If(cs) => {
                let inn = In {
                    tag: "if",
                    at: self.anno(e),
                };
                self.icrt_clauses_in(cs, inn, vt)
            }
            ExprKind::Case(x, cs) => {
                let evt = self.expr(x, vt);
                let inn = In {
                    tag: "case",
                    at: self.anno(e),
                };
                let cvt = self.icrt_clauses_in(cs, inn, &vt::update(&evt, vt));
                vt::merge(&evt, &cvt)
            }
            ExprKind::Receive {
                clauses,
                after: None,
            } => {
                let inn = In {
                    tag: "receive",
                    at: self.anno(e),
                };
                self.icrt_clauses_in(clauses, inn, vt)
            }
            ExprKind::Receive {
                clauses,
                after: Some(after),
            } => {
                let inn = In {
                    tag: "receive",
                    at: self.anno(e),
                };
                let tvt = self.expr(&after.timeout, vt);
                let tevt = self.exprs(&after.body, vt);
                let cvt = self.icrt_clauses(clauses, vt);
                let mut csvts = vec![tevt.clone()];
                csvts.extend(cvt);
                let rvt = vt::icrt_export(&csvts, vt, inn);
                vt::merge_all(&[&tvt, &tevt, &rvt])
            }
            ExprKind::Fun(f) => self.expr_fun(e, f, vt),
            ExprKind::Call(callee, args) => self.expr_call(e, callee, args, vt),
            ExprKind::Try(t) => self.expr_try(e, t, vt),
            ExprKind::Catch(x) => {
                let evt = self.expr(x, vt);
                let inn = In {
                    tag: "catch",
                    at: self.anno(e),
                };
                vt::update(&vt::unsafe_in(inn, &evt, vt), &evt)
            }
            ExprKind::Match(p, x) => {
                let evt = self.expr(x, vt);
                let (pvt, pnew) = self.pattern(p, &vt::update(&evt, vt), &vt::update(&evt, vt));
                self.reject_invalid_alias_expr(p, x, vt);
                vt::update(&pnew, &vt::merge(&evt, &pvt))
            }
            ExprKind::UnOp(_, a) => self.expr(a, vt),
            ExprKind::BinOp(op @ (BinOp::Andalso | BinOp::Orelse), l, r) => {
                let evt1 = self.expr(l, vt);
                let vt1 = vt::update(&evt1, vt);
                let evt2 = self.expr(r, &vt1);
                let inn = In {
                    tag: op.as_str(),
                    at: self.anno(e),
                };
                let evt3 = vt::update(&vt::unsafe_in(inn, &evt2, &vt1), &evt2);
                vt::merge(&evt1, &evt3)
            }
            ExprKind::BinOp(_, l, r) => self.expr_list([&**l, &**r].into_iter(), vt),
            ExprKind::Remote(m, _) => {
                let at = first_anno(m);
                self.error(
                    at,
                    "E0432",
                    (0, "illegal_expr"),
                    "illegal expression".into(),
                );
                Vt::new()
            }
        }
    }

    fn record_expr(&mut self, anno: Span, rec: &Expr, vt: &Vt) -> Vt {
        let invalid = matches!(
            rec.kind,
            ExprKind::Char(_)
                | ExprKind::Integer(_)
                | ExprKind::Float(_)
                | ExprKind::Atom(_)
                | ExprKind::String(_)
                | ExprKind::Cons(..)
                | ExprKind::Nil
                | ExprKind::ListComp(..)
                | ExprKind::RecordIndex { .. }
                | ExprKind::Fun(_)
        );
        if invalid {
            self.warning(
                anno,
                "W0431",
                (0, "invalid_record"),
                "invalid record expression".into(),
            );
        }
        self.expr(rec, vt)
    }

    fn expr_fun(&mut self, e: &Expr, f: &Fun, vt: &Vt) -> Vt {
        match f {
            Fun::Anonymous(cs) => self.fun_clauses(cs, vt),
            Fun::Named(name, cs) if &**name == "_" => self.fun_clauses(cs, vt),
            Fun::Named(name, cs) => {
                let at = self.anno(e);
                let mut nvt0 = Vt::new();
                nvt0.insert(name.clone(), Var::bound_at(at, false));
                self.shadow_vars(&nvt0, vt, "named fun");
                let nvt1 = vt::update(&vt::new_vars(vt, &nvt0), &nvt0);
                let csvt = self.fun_clauses(cs, &nvt1);
                self.check_unused_vars(&vt::update(&csvt, &nvt0), &Vt::new());
                vt::old_vars(&csvt, vt)
            }
            Fun::Local(fr) => {
                let at = self.anno(e);
                let a = fr.arity as usize;
                if &*fr.name == "record_info" && a == 2 {
                    self.error(
                        at,
                        "E0420",
                        (0, "illegal_record_info"),
                        "illegal record info".into(),
                    );
                } else if !(!self.is_local(&fr.name, a)
                    && bifs::bif(&fr.name, a)
                    && !self.auto_suppressed(&(fr.name.clone(), a)))
                {
                    self.call_function(at, &fr.name, a);
                }
                Vt::new()
            }
            Fun::Remote {
                module,
                function,
                arity,
            } => self.expr_list([module, function, arity].into_iter(), vt),
        }
    }

    fn expr_call(&mut self, e: &Expr, callee: &Expr, args: &[Expr], vt: &Vt) -> Vt {
        match &callee.kind {
            ExprKind::Atom(f)
                if &**f == "is_record"
                    && args.len() == 2
                    && matches!(args[1].kind, ExprKind::Atom(_)) =>
            {
                let rvt = self.expr(&args[0], vt);
                if let ExprKind::Atom(name) = &args[1].kind {
                    self.exist_record(args[1].span, name);
                }
                rvt
            }
            ExprKind::Remote(m, f) => match (&m.kind, &f.kind) {
                (ExprKind::Atom(m), ExprKind::Atom(fname)) => {
                    if &**m == "erlang" && &**fname == "is_record" && args.len() == 2 {
                        return self.local_call(e, fname, f.span, args, vt);
                    }
                    self.expr_list(args.iter(), vt)
                }
                _ => self.expr_list(
                    std::iter::once(&**m)
                        .chain(std::iter::once(&**f))
                        .chain(args.iter()),
                    vt,
                ),
            },
            ExprKind::Atom(f) => self.local_call(e, f, callee.span, args, vt),
            _ => {
                let invalid = match &callee.kind {
                    ExprKind::Char(_)
                    | ExprKind::Integer(_)
                    | ExprKind::Float(_)
                    | ExprKind::String(_)
                    | ExprKind::Cons(..)
                    | ExprKind::Nil
                    | ExprKind::ListComp(..)
                    | ExprKind::RecordIndex { .. } => true,
                    ExprKind::Tuple(es) => es.len() != 2,
                    _ => false,
                };
                if invalid {
                    let at = self.anno(e);
                    self.warning(
                        at,
                        "W0431",
                        (0, "invalid_call"),
                        "invalid function call".into(),
                    );
                }
                self.expr_list(std::iter::once(callee).chain(args.iter()), vt)
            }
        }
    }

    fn local_call(&mut self, e: &Expr, f: &Name, fspan: Span, args: &[Expr], vt: &Vt) -> Vt {
        if &**f == "is_record" && args.len() == 2 {
            if let ExprKind::Atom(name) = &args[1].kind {
                let rvt = self.expr(&args[0], vt);
                self.exist_record(args[1].span, name);
                return rvt;
            }
        }
        let asvt = self.expr_list(args.iter(), vt);
        let a = args.len();
        let fa = (f.clone(), a);
        let at = self.anno(e);
        let is_local = self.locals.contains(&fa);
        let is_auto = bifs::bif(f, a);
        let suppressed = self.auto_suppressed(&fa);
        let imported = self.imports.get(&fa).cloned();
        if !is_local && imported.is_none() && is_auto && !suppressed {
            return asvt;
        }
        if imported.is_some() {
            return asvt;
        }
        if &**f == "record_info" && a == 2 {
            self.check_record_info_call(at, fspan, args);
            return asvt;
        }
        if !suppressed && is_auto && self.flags.bif_clash {
            let (fs, aa) = (fmt_atom(f), a);
            if bifs::old_bif(f, a) {
                self.error(at, "E0437", (2, "call_to_redefined_old_bif"), format!(
                    "ambiguous call of overridden pre R14 auto-imported BIF {fs}/{aa}\n - use erlang:{fs}/{aa} or \"-compile({{no_auto_import,[{fs}/{aa}]}}).\" to resolve name clash"));
            } else {
                self.warning(at, "W0436", (2, "call_to_redefined_bif"), format!(
                    "ambiguous call of overridden auto-imported BIF {fs}/{aa}\n - use erlang:{fs}/{aa} or \"-compile({{no_auto_import,[{fs}/{aa}]}}).\" to resolve name clash"));
            }
        }
        if self.func.as_ref() != Some(&fa) {
            self.call_function(at, f, a);
        }
        asvt
    }

    fn check_record_info_call(&mut self, at: Span, fspan: Span, args: &[Expr]) {
        match (&args[0].kind, &args[1].kind) {
            (ExprKind::Atom(info), ExprKind::Atom(name)) => {
                if &**info == "fields" || &**info == "size" {
                    self.exist_record(fspan, name);
                } else {
                    self.error(
                        args[0].span,
                        "E0420",
                        (0, "illegal_record_info"),
                        "illegal record info".into(),
                    );
                }
            }
            _ => self.error(
                at,
                "E0420",
                (0, "illegal_record_info"),
                "illegal record info".into(),
            ),
        }
    }

    fn expr_try(&mut self, e: &Expr, t: &Try, vt: &Vt) -> Vt {
        let evt0 = self.exprs(&t.body, vt);
        let inn = In {
            tag: "try",
            at: self.anno(e),
        };
        let uvt = vt::unsafe_in(inn, &evt0, vt);
        let vt1 = vt::update(&evt0, vt);
        // try_clauses
        let mut csvt = self.icrt_clauses(&t.of_clauses, &vt1);
        let cvt = vt::update(&uvt, &vt1);
        for c in &t.catch_clauses {
            let r = self.catch_clause(c, &cvt);
            csvt.push(r);
        }
        let sccs = vt::icrt_export(&csvt, &vt1, inn);
        let evt1 = vt::update(&uvt, &evt0);
        let rvt1 = vt::update(&vt::unsafe_in(inn, &sccs, vt), &sccs);
        let evt2 = vt::merge(&evt1, &rvt1);
        let avt0 = self.exprs(&t.after, &vt::update(&evt2, vt));
        let avt1 = vt::update(&vt::unsafe_in(inn, &avt0, vt), &avt0);
        vt::merge(&evt2, &avt1)
    }

    fn icrt_clauses_in(&mut self, cs: &[Clause], inn: In, vt: &Vt) -> Vt {
        let csvt = self.icrt_clauses(cs, vt);
        vt::icrt_export(&csvt, vt, inn)
    }

    fn icrt_clauses(&mut self, cs: &[Clause], vt: &Vt) -> Vec<Vt> {
        cs.iter().map(|c| self.icrt_clause(c, vt)).collect()
    }

    fn icrt_clause(&mut self, c: &Clause, vt0: &Vt) -> Vt {
        let (hvt, hnew) = self.head(&c.patterns, vt0, vt0);
        let vt1 = vt::update(&hvt, &hnew);
        let gvt = self.guard(&c.guards, &vt::update(&vt1, vt0));
        let vt2 = vt::update(&gvt, &vt1);
        let bvt = self.exprs(&c.body, &vt::update(&vt2, vt0));
        vt::update(&bvt, &vt2)
    }

    fn catch_clause(&mut self, c: &Clause, vt0: &Vt) -> Vt {
        let (hvt, hnew) = self.head(&c.patterns, vt0, vt0);
        let vt1 = vt::update(&hvt, &hnew);
        let mut gvt0 = vt::update(&vt1, vt0);
        if let Some(stack) = c.patterns.get(2) {
            if let ExprKind::Var(v) = &stack.kind {
                if &**v != "_" {
                    if gvt0.get(v).is_some_and(|x| x.used) {
                        self.error(
                            stack.span,
                            "E0432",
                            (2, "stacktrace_bound"),
                            format!(
                                "stacktrace variable {} must not be previously bound",
                                fmt_atom(v)
                            ),
                        );
                    }
                    let mut s = Vt::new();
                    s.insert(
                        v.clone(),
                        Var::new(VState::Stacktrace, false, BTreeSet::from([stack.span])),
                    );
                    gvt0 = vt::update(&s, &gvt0);
                }
            }
        }
        let gvt = self.guard(&c.guards, &gvt0);
        let vt2 = vt::update(&gvt, &vt1);
        let bvt = self.exprs(&c.body, &vt::update(&vt2, vt0));
        vt::update(&bvt, &vt2)
    }

    fn fun_clauses(&mut self, cs: &[Clause], vt: &Vt) -> Vt {
        let old_rd = std::mem::replace(&mut self.recdef_top, false);
        let mut bvt = Vt::new();
        for c in cs {
            let cvt = self.fun_clause(c, vt);
            bvt = vt::merge(&cvt, &bvt);
        }
        self.recdef_top = old_rd;
        vt::no_unsafe(&vt::no_unused(&vt::old_vars(&bvt, vt)))
    }

    fn fun_clause(&mut self, c: &Clause, vt0: &Vt) -> Vt {
        let (hvt, hnew) = self.head(&c.patterns, vt0, &Vt::new());
        let vt1 = vt::update(&hvt, vt0);
        self.shadow_vars(&hnew, vt0, "fun");
        let vt2 = vt::update(&vt::new_vars(&vt1, &hnew), &hnew);
        let gvt = self.guard(&c.guards, &vt2);
        let vt3 = vt::update(&gvt, &vt2);
        let bvt = self.exprs(&c.body, &vt3);
        let cvt = vt::update(&bvt, &vt3);
        self.check_unused_vars(&cvt, vt0);
        let svt = vt::old_vars(&vt1, &hnew);
        self.check_old_unused_vars(&cvt, &svt);
        let vt4 = vt::merge(&svt, &vt::new_vars(&cvt, &svt));
        vt::old_vars(&vt4, vt0)
    }

    fn handle_comprehension(&mut self, body: &[&Expr], qs: &[Qualifier], vt0: &Vt) -> Vt {
        let old_rd = std::mem::replace(&mut self.recdef_top, false);
        let (vt1, uvt) = self.lc_quals(qs, vt0);
        self.recdef_top = old_rd;
        let evt = self.expr_list(body.iter().copied(), &vt1);
        let vt2 = vt::update(&evt, &vt1);
        self.check_old_unused_vars(&vt2, &uvt);
        self.check_unused_vars(&uvt, vt0);
        self.check_unused_vars(&vt2, vt0);
        let vt3 = vt::merge(&vt::new_vars(&vt2, &uvt), &uvt);
        let vt4 = vt::old_vars(&vt3, vt0);
        vt::no_unsafe(&vt::no_unused(&vt4))
    }

    fn lc_quals(&mut self, qs: &[Qualifier], vt0: &Vt) -> (Vt, Vt) {
        let mut vt = vt0.clone();
        let mut uvt = Vt::new();
        for q in qs {
            match q {
                Qualifier::Generator(p, e) => {
                    (vt, uvt) = self.handle_generator(std::slice::from_ref(p), e, &vt, &uvt);
                }
                Qualifier::BinGenerator(p, e) => {
                    self.handle_bitstring_gen_pat(p);
                    (vt, uvt) = self.handle_generator(std::slice::from_ref(p), e, &vt, &uvt);
                }
                Qualifier::MapGenerator(k, v, e) => {
                    let ps = [k.clone(), v.clone()];
                    (vt, uvt) = self.handle_generator(&ps, e, &vt, &uvt);
                }
                Qualifier::Filter(f) => {
                    let fvt = if self.is_guard_test(f) {
                        self.guard_test(f, &vt)
                    } else {
                        self.expr(f, &vt)
                    };
                    vt = vt::update(&fvt, &vt);
                }
            }
        }
        (vt, uvt)
    }

    fn handle_generator(&mut self, ps: &[Expr], e: &Expr, vt: &Vt, uvt: &Vt) -> (Vt, Vt) {
        let evt = self.expr(e, vt);
        let vt1 = vt::update(&vt::old_vars(&evt, vt), vt);
        self.check_unused_vars(&evt, vt);
        let (pvt, pnew) = self.head(ps, &vt1, &Vt::new());
        let vt2 = vt::update(&pvt, &vt1);
        self.shadow_vars(&pnew, &vt1, "generate");
        let svt = vt::old_vars(&vt2, &pnew);
        self.check_old_unused_vars(&svt, uvt);
        let nuvt = vt::update(&vt::new_vars(&svt, uvt), uvt);
        let vt3 = vt::update(&vt::new_vars(&vt2, &pnew), &pnew);
        (vt3, nuvt)
    }

    fn handle_bitstring_gen_pat(&mut self, p: &Expr) {
        if let ExprKind::Binary(els) = &p.kind {
            if let Some(last) = els.last() {
                if last.size.is_none() {
                    if let Some(specs) = &last.specifiers {
                        if specs
                            .iter()
                            .any(|s| matches!(&*s.name, "binary" | "bytes" | "bits" | "bitstring"))
                        {
                            self.error(pos::point(last.span.file, last.span.start), "E0422",
                                (0, "unsized_binary_in_bin_gen_pattern"),
                                "binary fields without size are not allowed in patterns of bit string generators".into());
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------
    // Types and specs (the common checks only)

    fn type_def(&mut self, anno: Span, t: &TypeDef) {
        let ta = (t.name.clone(), t.params.len());
        if bifs::builtin_type(&t.name, t.params.len()) {
            self.error(
                anno,
                "E0426",
                (2, "builtin_type"),
                format!(
                    "type {}{} is a builtin type; it cannot be redefined",
                    fmt_atom(&t.name),
                    type_paren(ta.1)
                ),
            );
        } else if self.types.contains_key(&ta) {
            self.error(
                anno,
                "E0426",
                (2, "redefine_type"),
                format!(
                    "type {}{} already defined",
                    fmt_atom(&t.name),
                    type_paren(ta.1)
                ),
            );
        } else {
            self.types.insert(ta, anno);
        }
        self.type_uses(&t.body);
    }

    fn spec(&mut self, anno: Span, s: &Spec) {
        if s.module.as_ref().map_or(true, |m| {
            self.module.as_ref().is_some_and(|(mm, _)| mm == m)
        }) {
            let fa = (s.name.clone(), s.arity as usize);
            if self.specs.iter().any(|(f, _)| *f == fa) {
                self.error(
                    anno,
                    "E0428",
                    (2, "redefine_spec"),
                    format!("spec for {} already defined", fa_str(&fa.0, fa.1)),
                );
            } else {
                self.specs.push((fa, anno));
            }
        }
        for c in &s.clauses {
            self.sig_types(c);
        }
    }

    fn sig_types(&mut self, c: &FunSig) {
        for a in &c.args {
            self.type_uses(a);
        }
        self.type_uses(&c.ret);
        for k in &c.constraints {
            self.type_uses(&k.ty);
        }
    }

    fn type_uses(&mut self, t: &Type) {
        match &t.kind {
            TypeKind::Named { name, args } => {
                let n = args.len();
                let special = matches!(
                    (&**name, n),
                    ("range", 2)
                        | ("binary", 2)
                        | ("record", _)
                        | ("map", _)
                        | ("tuple", _)
                        | ("fun", _)
                        | ("union", _)
                );
                if !bifs::builtin_type(name, n) && !special {
                    self.used_types
                        .entry((name.clone(), n))
                        .or_default()
                        .push(pos::point(t.span.file, t.span.start));
                }
                for a in args {
                    self.type_uses(a);
                }
            }
            TypeKind::Remote { args, .. } => args.iter().for_each(|a| self.type_uses(a)),
            TypeKind::Range(a, b) | TypeKind::BinOp(_, a, b) => {
                self.type_uses(a);
                self.type_uses(b);
            }
            TypeKind::UnOp(_, a)
            | TypeKind::Annotated(_, a)
            | TypeKind::List(a)
            | TypeKind::NonEmptyList(a) => self.type_uses(a),
            TypeKind::Union(ts) | TypeKind::Tuple(ts) => ts.iter().for_each(|a| self.type_uses(a)),
            TypeKind::Map(fs) => {
                for f in fs {
                    self.type_uses(&f.key);
                    self.type_uses(&f.value);
                }
            }
            TypeKind::Record(name, fs) => {
                let at = pos::point(t.span.file, t.span.start);
                if let Some(def) = self.check_record(at, name) {
                    for (f, ft) in fs {
                        if !def.fields.iter().any(|d| d.name == *f) {
                            self.undefined_field(at, name, f);
                        }
                        self.type_uses(ft);
                    }
                }
            }
            TypeKind::Binary(a, b) => {
                if let Some(a) = a {
                    self.type_uses(a);
                }
                if let Some(b) = b {
                    self.type_uses(b);
                }
            }
            TypeKind::Fun(Some(sig)) => {
                if let Some(ps) = &sig.params {
                    ps.iter().for_each(|a| self.type_uses(a));
                }
                self.type_uses(&sig.ret);
            }
            _ => {}
        }
    }

    // ---------------------------------------------------------------------------------
    // After the walk

    fn post_checks(&mut self, m: &Module) {
        // Undefined functions.
        let called = std::mem::take(&mut self.called);
        for (fa, at, from_export) in &called {
            if self.defined.contains(fa) || self.failed.contains(&fa.0) {
                continue;
            }
            let code = if *from_export { "E0406" } else { "E0405" };
            let mut d = Diagnostic::error(
                code,
                *at,
                format!("function {} undefined", fa_str(&fa.0, fa.1)),
            );
            let mut arities: Vec<usize> = self
                .defined
                .iter()
                .filter(|(n, _)| *n == fa.0)
                .map(|(_, a)| *a)
                .collect();
            arities.sort_unstable();
            arities.dedup();
            if !arities.is_empty() {
                let list: Vec<String> = arities.iter().map(|a| fa_str(&fa.0, *a)).collect();
                d = d.with_hint(format!(
                    "{} is defined with arity {}: {}",
                    fmt_atom(&fa.0),
                    arities
                        .iter()
                        .map(|a| a.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                    list.join(", ")
                ));
            } else if let Some(a) = (0..=255).find(|a| bifs::bif(&fa.0, *a)) {
                d = d.with_hint(format!("the auto-imported BIF is {}", fa_str(&fa.0, a)));
            }
            self.push(d, (2, "undefined_function"), false);
        }
        self.called = called;

        // nowarn_unused_function entries must name defined functions.
        let nowarn = self.nowarn_unused.clone();
        for (fa, at) in &nowarn {
            let pseudo = matches!((&*fa.0, fa.1), ("module_info", 0 | 1) | ("record_info", 2));
            if (!self.defined.contains(fa) || pseudo)
                && !self.imports.contains_key(fa)
                && !self.failed.contains(&fa.0)
            {
                self.error(
                    *at,
                    "E0405",
                    (2, "bad_nowarn_unused_function"),
                    format!("function {} undefined", fa_str(&fa.0, fa.1)),
                );
            }
        }

        // Unused functions.
        if !self.flags.export_all && self.flags.unused_function {
            let mut reached: HashSet<Fa> = HashSet::new();
            let mut work: Vec<Fa> = self.exports.iter().cloned().collect();
            work.extend(self.on_load.iter().map(|(f, _)| f.clone()));
            let empty = Vec::new();
            while let Some(f) = work.pop() {
                if reached.insert(f.clone()) {
                    for g in self.calls.get(&Some(f)).unwrap_or(&empty) {
                        work.push(g.clone());
                    }
                }
            }
            let fns = self.function_spans.clone();
            for (fa, at) in fns {
                if !reached.contains(&fa) && !nowarn.iter().any(|(n, _)| *n == fa) {
                    self.warning(
                        at,
                        "W0411",
                        (2, "unused_function"),
                        format!("function {} is unused", fa_str(&fa.0, fa.1)),
                    );
                }
            }
        }
        if self.flags.export_all && self.flags.export_all_warn {
            for f in &m.forms {
                if let FormKind::Attribute(n, v) = &f.kind {
                    if &**n == "compile" {
                        let mut opts = Vec::new();
                        flatten_list(v, &mut opts);
                        if opts
                            .iter()
                            .any(|o| matches!(&o.kind, ExprKind::Atom(a) if &**a == "export_all"))
                        {
                            let at = pos::attribute_anno(self.map, f.span);
                            self.warning(
                                at,
                                "W0434",
                                (0, "export_all"),
                                "export_all flag enabled - all functions will be exported".into(),
                            );
                        }
                    }
                }
            }
        }

        // Specs for undefined functions.
        let specs = self.specs.clone();
        for (fa, at) in specs {
            if !self.defined.contains(&fa) && !self.failed.contains(&fa.0) {
                self.error(
                    at,
                    "E0428",
                    (2, "spec_fun_undefined"),
                    format!("spec for undefined function {}", fa_str(&fa.0, fa.1)),
                );
            }
        }

        // Undefined and unused types.
        let mut used: Vec<(Fa, Vec<Span>)> = self
            .used_types
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        used.sort_by(|a, b| a.0.cmp(&b.0));
        for (ta, ats) in &used {
            if !self.types.contains_key(ta) {
                for at in ats {
                    self.error(
                        *at,
                        "E0426",
                        (2, "undefined_type"),
                        format!("type {}{} undefined", fmt_atom(&ta.0), type_paren(ta.1)),
                    );
                }
            }
        }
        if self.flags.unused_type {
            let mut types: Vec<(Fa, Span)> =
                self.types.iter().map(|(k, v)| (k.clone(), *v)).collect();
            types.sort_by_key(|t| t.1);
            for (ta, at) in types {
                if !self.used_types.contains_key(&ta) && !self.exported_types.contains(&ta) {
                    self.warning(
                        at,
                        "W0427",
                        (2, "unused_type"),
                        format!("type {}{} is unused", fmt_atom(&ta.0), type_paren(ta.1)),
                    );
                }
            }
        }

        // on_load function must exist.
        if let [(fa, at)] = self.on_load.as_slice() {
            if fa.1 == 0 && !self.defined.contains(fa) && !self.failed.contains(&fa.0) {
                let (fa, at) = (fa.clone(), *at);
                self.error(
                    at,
                    "E0430",
                    (2, "undefined_on_load"),
                    format!("function {} undefined", fa_str(&fa.0, fa.1)),
                );
            }
        }

        // Unused records (only those defined in the main file).
        if self.flags.unused_record {
            let main = m.forms.first().map(|f| f.span.file);
            let mut recs: Vec<(Name, Span)> = self
                .records
                .iter()
                .filter(|(n, r)| !self.used_records.contains(*n) && Some(r.anno.file) == main)
                .map(|(n, r)| (n.clone(), r.anno))
                .collect();
            recs.sort_by_key(|r| r.1);
            for (n, at) in recs {
                self.warning(
                    at,
                    "W0433",
                    (2, "unused_record"),
                    format!("record {} is unused", fmt_atom(&n)),
                );
            }
        }

        // compile: module name vs file name (only when everything else is fine).
        if self.error_count() == 0 {
            if let (Some((name, at)), Some(stem)) = (&self.module, &self.opts.file_stem) {
                if **name != **stem {
                    let (name, at) = (name.clone(), *at);
                    self.error(
                        at,
                        "E0414",
                        (2, "module_name"),
                        format!("Module name '{}' does not match file name '{}'", name, stem),
                    );
                }
            }
        }
    }
}

fn type_paren(n: usize) -> String {
    let mut s = String::from("(");
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push('_');
    }
    s.push(')');
    s
}

/// Flatten a list expression (and deep lists) into its elements; a non-list is itself.
fn flatten_list<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match &e.kind {
        ExprKind::Nil => {}
        ExprKind::Cons(h, t) => {
            flatten_list(h, out);
            flatten_list(t, out);
        }
        _ => out.push(e),
    }
}

/// `F/A` or `{F, A}` entries, alone or in a (deep) list.
fn collect_fas(e: &Expr, out: &mut Vec<Fa>) {
    let mut items = Vec::new();
    flatten_list(e, &mut items);
    for i in items {
        match &i.kind {
            ExprKind::BinOp(BinOp::FDiv, f, a) => {
                if let (ExprKind::Atom(f), ExprKind::Integer(IntLit::Small(a))) = (&f.kind, &a.kind)
                {
                    if *a >= 0 {
                        out.push((f.clone(), *a as usize));
                    }
                }
            }
            ExprKind::Tuple(es) if es.len() == 2 => {
                if let (ExprKind::Atom(f), ExprKind::Integer(IntLit::Small(a))) =
                    (&es[0].kind, &es[1].kind)
                {
                    if *a >= 0 {
                        out.push((f.clone(), *a as usize));
                    }
                }
            }
            _ => {}
        }
    }
}

/// `erl_parse:first_anno/1`, approximately: where the expression starts.
fn first_anno(e: &Expr) -> Span {
    pos::point(e.span.file, e.span.start)
}

/// `erl_lint:is_pattern_expr/1`: constant expressions that can stand in a pattern.
fn is_pattern_expr(e: &Expr) -> bool {
    if !is_pattern_expr_1(e) {
        return false;
    }
    match &e.kind {
        ExprKind::Tuple(_) | ExprKind::Nil | ExprKind::Cons(..) => false,
        _ => partial_eval(e).is_some() || matches!(e.kind, ExprKind::Atom(_)),
    }
}

fn is_pattern_expr_1(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Char(_)
        | ExprKind::Integer(_)
        | ExprKind::Float(_)
        | ExprKind::Atom(_)
        | ExprKind::Nil => true,
        ExprKind::Tuple(es) => es.iter().all(is_pattern_expr),
        ExprKind::Cons(h, t) => is_pattern_expr_1(h) && is_pattern_expr_1(t),
        ExprKind::UnOp(op, a) => {
            bifs::op_type(op.as_str(), 1) == Some(bifs::OpType::Arith) && is_pattern_expr_1(a)
        }
        ExprKind::BinOp(op, a, b) => {
            bifs::op_type(op.as_str(), 2) == Some(bifs::OpType::Arith)
                && is_pattern_expr(a)
                && is_pattern_expr(b)
        }
        _ => false,
    }
}

/// Constant-fold an arithmetic expression (`erl_eval:partial_eval/1` for numbers).
/// Integers that leave i128 (big literals, overflow) become `Num::Big`.
fn partial_eval(e: &Expr) -> Option<Num> {
    let big = |r: Option<i128>| Some(r.map_or(Num::Big, Num::Int));
    match &e.kind {
        ExprKind::Integer(IntLit::Small(i)) => Some(Num::Int(*i as i128)),
        ExprKind::Integer(IntLit::Big(_)) => Some(Num::Big),
        ExprKind::Char(c) => Some(Num::Int(*c as i128)),
        ExprKind::Float(f) => Some(Num::Float(*f)),
        ExprKind::UnOp(op, a) => {
            let a = partial_eval(a)?;
            match (op, a) {
                (UnOp::Plus, a) => Some(a),
                (UnOp::Minus, Num::Int(i)) => big(i.checked_neg()),
                (UnOp::Minus, Num::Float(f)) => Some(Num::Float(-f)),
                (UnOp::Minus | UnOp::Bnot, Num::Big) => Some(Num::Big),
                (UnOp::Bnot, Num::Int(i)) => Some(Num::Int(!i)),
                _ => None,
            }
        }
        ExprKind::BinOp(op, a, b) => {
            let (a, b) = (partial_eval(a)?, partial_eval(b)?);
            let fl = |n: Num| match n {
                Num::Int(i) => Some(i as f64),
                Num::Float(f) => Some(f),
                Num::Big => None,
            };
            match (op, a, b) {
                (BinOp::Add, Num::Int(x), Num::Int(y)) => big(x.checked_add(y)),
                (BinOp::Sub, Num::Int(x), Num::Int(y)) => big(x.checked_sub(y)),
                (BinOp::Mul, Num::Int(x), Num::Int(y)) => big(x.checked_mul(y)),
                (BinOp::Div, Num::Int(x), Num::Int(y)) if y != 0 => big(x.checked_div(y)),
                (BinOp::Rem, Num::Int(x), Num::Int(y)) if y != 0 => big(x.checked_rem(y)),
                (BinOp::Band, Num::Int(x), Num::Int(y)) => Some(Num::Int(x & y)),
                (BinOp::Bor, Num::Int(x), Num::Int(y)) => Some(Num::Int(x | y)),
                (BinOp::Bxor, Num::Int(x), Num::Int(y)) => Some(Num::Int(x ^ y)),
                (BinOp::Bsl, Num::Int(x), Num::Int(y)) if (0..64).contains(&y) => {
                    big(x.checked_shl(y as u32))
                }
                (BinOp::Bsr, Num::Int(x), Num::Int(y)) if (0..64).contains(&y) => {
                    Some(Num::Int(x >> y))
                }
                // a big operand: the result is an integer (a big divisor is never zero)
                (
                    BinOp::Add
                    | BinOp::Sub
                    | BinOp::Mul
                    | BinOp::Div
                    | BinOp::Rem
                    | BinOp::Band
                    | BinOp::Bor
                    | BinOp::Bxor,
                    Num::Int(_) | Num::Big,
                    Num::Big,
                ) => Some(Num::Big),
                (
                    BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Band | BinOp::Bor | BinOp::Bxor,
                    Num::Big,
                    Num::Int(_),
                ) => Some(Num::Big),
                (BinOp::Div | BinOp::Rem, Num::Big, Num::Int(y)) if y != 0 => Some(Num::Big),
                (BinOp::Bsr, Num::Big, Num::Int(y)) if y >= 0 => Some(Num::Big),
                (BinOp::Add, a, b) => Some(Num::Float(fl(a)? + fl(b)?)),
                (BinOp::Sub, a, b) => Some(Num::Float(fl(a)? - fl(b)?)),
                (BinOp::Mul, a, b) => Some(Num::Float(fl(a)? * fl(b)?)),
                (BinOp::FDiv, a, b) if fl(b)? != 0.0 => Some(Num::Float(fl(a)? / fl(b)?)),
                _ => None,
            }
        }
        _ => None,
    }
}

fn good_string_size_type(be: &BinElement) -> bool {
    match (&be.size, &be.specifiers) {
        (None, None) => true,
        (None, Some(ts)) => ts
            .iter()
            .any(|t| matches!(&*t.name, "utf8" | "utf16" | "utf32")),
        _ => false,
    }
}

/// `erl_bits:set_bit_type/2`: (size, type, unit) or an error (key, message).
fn set_bit_type(
    size: BSize,
    specs: Option<&[BinSpecifier]>,
) -> Result<(BSize, BType, i64), ((u8, &'static str), String)> {
    #[derive(Default)]
    struct Bt {
        ty: Option<(BType, &'static str)>,
        unit: Option<i64>,
        sign: Option<&'static str>,
        endian: Option<&'static str>,
    }
    let mut bt = Bt::default();
    fn mismatch(what: &str, new: &str, old: &str) -> ((u8, &'static str), String) {
        (
            (4, "bittype_mismatch"),
            format!("conflict in {what} specification for bit field: '{new}' and '{old}'"),
        )
    }
    for s in specs.unwrap_or(&[]) {
        let (ty, unit, sign, endian): (
            Option<(BType, &'static str)>,
            Option<i64>,
            Option<&'static str>,
            Option<&'static str>,
        ) = match (&*s.name, s.value) {
            ("integer", None) => (Some((BType::Integer, "integer")), None, None, None),
            ("float", None) => (Some((BType::Float, "float")), None, None, None),
            ("binary", None) => (Some((BType::Binary, "binary")), None, None, None),
            ("bytes", None) => (Some((BType::Binary, "binary")), Some(8), None, None),
            ("bitstring" | "bits", None) => (Some((BType::Binary, "binary")), Some(1), None, None),
            ("utf8", None) => (Some((BType::Utf8, "utf8")), None, None, None),
            ("utf16", None) => (Some((BType::Utf16, "utf16")), None, None, None),
            ("utf32", None) => (Some((BType::Utf32, "utf32")), None, None, None),
            ("unit", Some(n)) if (1..=256).contains(&n) => (None, Some(n as i64), None, None),
            ("big", None) => (None, None, None, Some("big")),
            ("little", None) => (None, None, None, Some("little")),
            ("native", None) => (None, None, None, Some("native")),
            ("signed", None) => (None, None, Some("signed"), None),
            ("unsigned", None) => (None, None, Some("unsigned"), None),
            (n, Some(v)) => {
                return Err((
                    (2, "undefined_bittype"),
                    format!("bit type {{{},{v}}} undefined", fmt_atom(n)),
                ))
            }
            (n, None) => {
                return Err((
                    (2, "undefined_bittype"),
                    format!("bit type {} undefined", fmt_atom(n)),
                ))
            }
        };
        if let Some(e) = endian {
            match bt.endian {
                Some(old) if old != e => return Err(mismatch("endianness", e, old)),
                _ => bt.endian = Some(e),
            }
        }
        if let Some(sg) = sign {
            match bt.sign {
                Some(old) if old != sg => return Err(mismatch("sign", sg, old)),
                _ => bt.sign = Some(sg),
            }
        }
        if let Some(t) = ty {
            match bt.ty {
                Some(old) if old.1 != t.1 => return Err(mismatch("type", t.1, old.1)),
                _ => bt.ty = Some(t),
            }
        }
        if let Some(u) = unit {
            match bt.unit {
                Some(old) if old != u => {
                    return Err(mismatch("unit", &u.to_string(), &old.to_string()))
                }
                _ => bt.unit = Some(u),
            }
        }
    }
    let ty = bt.ty.map(|t| t.0).unwrap_or(BType::Integer);
    let unit_err = || {
        (
            (0, "bittype_unit"),
            "a bit unit size must not be specified unless a size is specified too".to_string(),
        )
    };
    let utf_err = || {
        (
            (0, "utf_bittype_size_or_unit"),
            "neither size nor unit must be given for segments of type utf8/utf16/utf32".to_string(),
        )
    };
    let (size, unit) = match (ty, size) {
        (BType::Binary, BSize::Default) => (BSize::All, bt.unit.unwrap_or(8)),
        (BType::Integer, BSize::Default) => {
            if bt.unit.is_some() {
                return Err(unit_err());
            }
            (BSize::Int(8), 1)
        }
        (BType::Float, BSize::Default) => {
            if bt.unit.is_some() {
                return Err(unit_err());
            }
            (BSize::Int(64), 1)
        }
        (BType::Utf8 | BType::Utf16 | BType::Utf32, s) => {
            if s != BSize::Default || bt.unit.is_some() {
                return Err(utf_err());
            }
            (BSize::Undefined, 1)
        }
        (BType::Binary, s) => (s, bt.unit.unwrap_or(8)),
        (_, s) => (s, bt.unit.unwrap_or(1)),
    };
    Ok((size, ty, unit))
}
