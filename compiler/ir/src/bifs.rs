//! Tables of BIFs: which unqualified calls are auto-imported from `erlang` (OTP 25's
//! `erl_internal:bif/2`), which are allowed in guards, which are type tests, and which the
//! IR treats as primops ([`crate::ir::Prim::Bif`]) rather than calls.
//!
//! Must not: encode semantics; these are lookup tables only.

/// `erl_internal:bif/2` of OTP 25: functions callable without `erlang:`.
pub fn is_auto_imported(name: &str, arity: u32) -> bool {
    const T: &[(&str, &[u32])] = &[
        ("abs", &[1]),
        ("alias", &[0, 1]),
        ("apply", &[2, 3]),
        ("atom_to_binary", &[1, 2]),
        ("atom_to_list", &[1]),
        ("binary_part", &[2, 3]),
        ("binary_to_atom", &[1, 2]),
        ("binary_to_existing_atom", &[1, 2]),
        ("binary_to_integer", &[1, 2]),
        ("binary_to_float", &[1]),
        ("binary_to_list", &[1, 3]),
        ("binary_to_term", &[1, 2]),
        ("bitsize", &[1]),
        ("bit_size", &[1]),
        ("bitstring_to_list", &[1]),
        ("byte_size", &[1]),
        ("ceil", &[1]),
        ("check_old_code", &[1]),
        ("check_process_code", &[2, 3]),
        ("date", &[0]),
        ("delete_module", &[1]),
        ("demonitor", &[1, 2]),
        ("disconnect_node", &[1]),
        ("element", &[2]),
        ("erase", &[0, 1]),
        ("error", &[1, 2, 3]),
        ("exit", &[1, 2]),
        ("float", &[1]),
        ("float_to_binary", &[1, 2]),
        ("float_to_list", &[1, 2]),
        ("floor", &[1]),
        ("garbage_collect", &[0, 1, 2]),
        ("get", &[0, 1]),
        ("get_keys", &[0, 1]),
        ("group_leader", &[0, 2]),
        ("halt", &[0, 1, 2]),
        ("hd", &[1]),
        ("integer_to_binary", &[1, 2]),
        ("integer_to_list", &[1, 2]),
        ("iolist_size", &[1]),
        ("iolist_to_binary", &[1]),
        ("is_alive", &[0]),
        ("is_atom", &[1]),
        ("is_binary", &[1]),
        ("is_bitstring", &[1]),
        ("is_boolean", &[1]),
        ("is_float", &[1]),
        ("is_function", &[1, 2]),
        ("is_integer", &[1]),
        ("is_list", &[1]),
        ("is_map", &[1]),
        ("is_map_key", &[2]),
        ("is_number", &[1]),
        ("is_pid", &[1]),
        ("is_port", &[1]),
        ("is_process_alive", &[1]),
        ("is_record", &[2, 3]),
        ("is_reference", &[1]),
        ("is_tuple", &[1]),
        ("length", &[1]),
        ("link", &[1]),
        ("list_to_atom", &[1]),
        ("list_to_binary", &[1]),
        ("list_to_bitstring", &[1]),
        ("list_to_existing_atom", &[1]),
        ("list_to_float", &[1]),
        ("list_to_integer", &[1, 2]),
        ("list_to_pid", &[1]),
        ("list_to_port", &[1]),
        ("list_to_ref", &[1]),
        ("list_to_tuple", &[1]),
        ("load_module", &[2]),
        ("make_ref", &[0]),
        ("map_get", &[2]),
        ("map_size", &[1]),
        ("max", &[2]),
        ("min", &[2]),
        ("module_loaded", &[1]),
        ("monitor", &[2, 3]),
        ("monitor_node", &[2]),
        ("node", &[0, 1]),
        ("nodes", &[0, 1, 2]),
        ("now", &[0]),
        ("open_port", &[2]),
        ("pid_to_list", &[1]),
        ("port_to_list", &[1]),
        ("port_close", &[1]),
        ("port_command", &[2, 3]),
        ("port_connect", &[2]),
        ("port_control", &[3]),
        ("pre_loaded", &[0]),
        ("process_flag", &[2, 3]),
        ("process_info", &[1, 2]),
        ("processes", &[0]),
        ("purge_module", &[1]),
        ("put", &[2]),
        ("ref_to_list", &[1]),
        ("register", &[2]),
        ("registered", &[0]),
        ("round", &[1]),
        ("self", &[0]),
        ("setelement", &[3]),
        ("size", &[1]),
        ("spawn", &[1, 2, 3, 4]),
        ("spawn_link", &[1, 2, 3, 4]),
        ("spawn_monitor", &[1, 2, 3, 4]),
        ("spawn_opt", &[2, 3, 4, 5]),
        ("spawn_request", &[1, 2, 3, 4, 5]),
        ("spawn_request_abandon", &[1]),
        ("split_binary", &[2]),
        ("statistics", &[1]),
        ("term_to_binary", &[1, 2]),
        ("term_to_iovec", &[1, 2]),
        ("throw", &[1]),
        ("time", &[0]),
        ("tl", &[1]),
        ("trunc", &[1]),
        ("tuple_size", &[1]),
        ("tuple_to_list", &[1]),
        ("unalias", &[1]),
        ("unlink", &[1]),
        ("unregister", &[1]),
        ("whereis", &[1]),
    ];
    T.iter()
        .any(|(n, arities)| *n == name && arities.contains(&arity))
}

/// Guard BIFs that are not type tests (`erl_internal:guard_bif/2`, OTP 25, plus the
/// operators, which are checked separately).
pub fn is_guard_bif(name: &str, arity: u32) -> bool {
    matches!(
        (name, arity),
        ("abs", 1)
            | ("binary_part", 2 | 3)
            | ("bit_size", 1)
            | ("byte_size", 1)
            | ("ceil", 1)
            | ("element", 2)
            | ("float", 1)
            | ("floor", 1)
            | ("hd", 1)
            | ("is_map_key", 2)
            | ("length", 1)
            | ("map_get", 2)
            | ("map_size", 1)
            | ("max", 2)
            | ("min", 2)
            | ("node", 0 | 1)
            | ("round", 1)
            | ("self", 0)
            | ("size", 1)
            | ("tl", 1)
            | ("trunc", 1)
            | ("tuple_size", 1)
    ) || type_test(name, arity).is_some()
        || matches!((name, arity), ("is_function", 2) | ("is_record", 2 | 3))
}

/// The type test named by a one-argument `is_*` BIF.
pub fn type_test(name: &str, arity: u32) -> Option<crate::ir::TypeTest> {
    use crate::ir::TypeTest as T;
    if arity != 1 {
        return None;
    }
    Some(match name {
        "is_atom" => T::Atom,
        "is_boolean" => T::Boolean,
        "is_integer" => T::Integer,
        "is_float" => T::Float,
        "is_number" => T::Number,
        "is_tuple" => T::Tuple,
        "is_list" => T::List,
        "is_map" => T::Map,
        "is_binary" => T::Binary,
        "is_bitstring" => T::Bitstring,
        "is_function" => T::Function,
        "is_pid" => T::Pid,
        "is_port" => T::Port,
        "is_reference" => T::Reference,
        _ => return None,
    })
}

/// Is `erlang:Op/Arity` an operator usable in guards (arithmetic, bitwise, boolean,
/// comparison)?
pub fn is_guard_op(name: &str, arity: u32) -> bool {
    match arity {
        1 => matches!(name, "-" | "+" | "bnot" | "not"),
        2 => matches!(
            name,
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
                | "and"
                | "or"
                | "xor"
                | "=="
                | "/="
                | "=<"
                | "<"
                | ">="
                | ">"
                | "=:="
                | "=/="
        ),
        _ => false,
    }
}

/// `erlang:Name/Arity` calls lowered to [`crate::ir::Prim::Bif`] instead of calls: they never
/// call back into Erlang code, never suspend and never trap. Everything else in `erlang` is
/// called through the export table like any remote function.
pub fn is_prim_bif(name: &str, arity: u32) -> bool {
    is_guard_bif(name, arity)
        || is_guard_op(name, arity)
        || matches!(
            (name, arity),
            ("++", 2)
                | ("--", 2)
                | ("!", 2)
                | ("send", 2)
                | ("error", 1 | 2)
                | ("exit", 1)
                | ("throw", 1)
                | ("setelement", 3)
                | ("tuple_to_list", 1)
                | ("list_to_tuple", 1)
                | ("atom_to_list", 1)
                | ("integer_to_list", 1)
                | ("make_ref", 0)
                | ("get", 1)
                | ("put", 2)
                | ("make_fun", 3)
        )
}
