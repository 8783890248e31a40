//! Every row of `tests/gen/bif_table.etf` (expected results of the erlang BIFs computed
//! by OTP 25, see `tests/gen/bif_table.escript`) must come out the same from
//! `ferl_runtime::bif`: the value (compared with `=:=`), or the exception class and
//! reason.
//!
//! Known gaps are listed in `known_gap` and reported, not counted as agreeing.

use ferl_runtime::bif;
use ferl_runtime::cmp::exact_eq;
use ferl_runtime::etf;
use ferl_runtime::heap::FragHeap;
use ferl_runtime::print::to_string;
use ferl_runtime::term::Term;

const TABLE: &[u8] = include_bytes!("gen/bif_table.etf");

/// Rows the runtime knowingly answers differently: `term_to_binary/2` with zlib
/// compression (ferl writes the uncompressed encoding, which decodes to the same term)
/// or a minor version other than 1 (ferl always writes minor version 1).
fn known_gap(m: &str, f: &str, args: &[Term]) -> bool {
    if (m, f, args.len()) != ("erlang", "term_to_binary", 2) {
        return false;
    }
    let opts = args[1].list_to_vec().unwrap_or_default();
    opts.iter().any(|o| {
        o.atom_name() == Some("compressed")
            || o.tuple_elements().is_some_and(|e| {
                e.len() == 2
                    && matches!(
                        (e[0].atom_name(), e[1].small_value()),
                        (Some("compressed"), Some(1..=9)) | (Some("minor_version"), Some(0 | 2))
                    )
            })
    })
}

#[test]
fn every_row_agrees_with_otp25() {
    let mut h = FragHeap::new();
    let rows = etf::decode(&mut h, TABLE)
        .expect("table decodes")
        .list_to_vec()
        .expect("a list");
    assert!(rows.len() > 3000, "table too small: {}", rows.len());
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut gaps = Vec::new();
    for row in &rows {
        let [m, f, args, expected] = row.tuple_elements().expect("row tuple") else {
            panic!("bad row {row:?}");
        };
        let args = args.list_to_vec().expect("args list");
        let (m, f) = (m.atom_name().unwrap(), f.atom_name().unwrap());
        let Some(def) = bif::lookup(m, f, args.len() as u32) else {
            failures.push(format!("{m}:{f}/{} not implemented", args.len()));
            continue;
        };
        let got = (def.call)(&mut h, &args);
        let ok = match (expected.tuple_elements(), &got) {
            (None, Ok(_)) => expected.atom_name() == Some("ok_any"),
            (Some(&[tag, v]), Ok(r)) => tag.atom_name() == Some("ok") && exact_eq(v, *r),
            (Some(&[class, reason]), Err(e)) => {
                exact_eq(class, e.class) && exact_eq(reason, e.reason)
            }
            _ => false,
        };
        if known_gap(m, f, &args) {
            gaps.push(format!(
                "{m}:{f}/{} {}",
                args.len(),
                to_string(args[args.len() - 1])
            ));
            continue;
        }
        checked += 1;
        if !ok {
            let got = match got {
                Ok(v) => format!("{{ok,{}}}", to_string(v)),
                Err(e) => format!("{{{},{}}}", to_string(e.class), to_string(e.reason)),
            };
            let a: Vec<String> = args.iter().map(|a| to_string(*a)).collect();
            failures.push(format!(
                "{m}:{f}({}) = {got}, erl: {}",
                a.join(", "),
                to_string(*expected)
            ));
        }
    }
    eprintln!(
        "{checked} rows checked against OTP 25, {} failures, {} known gaps: {}",
        failures.len(),
        gaps.len(),
        gaps.join("; ")
    );
    assert!(
        failures.is_empty(),
        "{} of {} rows differ:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
