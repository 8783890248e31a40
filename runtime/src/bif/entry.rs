//! `extern "C"` entry points of the `bif` modules for compiled code, and `TABLE`, the
//! list of every BIF implemented here with its module, name, arity, symbol and a
//! slice-taking wrapper (for `apply/3`, the shell and the tests).
//!
//! Owns: the calling convention (`docs/runtime-abi.md` sections 5 and 10): a BIF returns
//! its result, or `NON_VALUE` with `p.status = RAISE` and the exception in
//! `exc_class`/`exc_reason`/`exc_trace`. These BIFs never yield, never collect (they
//! allocate in heap fragments when the block is full), and need no scheduler: they only
//! use the process's heap. Symbols are `abi::bif_symbol(module, name, arity)` (tested).
//! Must not: implement behaviour (the family modules do).

use super::{
    atoms, binaries, binmod, checksum, clock, errors, funs, hash, lists, maps, math, numbers,
    opaque, system, time, tuples, types, unicode,
};
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::process::Process;
use crate::term::{Term, NON_VALUE};

/// A BIF callable with an argument slice.
pub type BifFn = fn(&mut dyn Heap, &[Term]) -> BifResult;

/// One BIF of `TABLE`.
#[derive(Clone, Copy)]
pub struct BifDef {
    /// Module name (`erlang` or `os`).
    pub module: &'static str,
    /// Function name.
    pub name: &'static str,
    /// Arity.
    pub arity: u32,
    /// Linker symbol of the entry point (`abi::bif_symbol`).
    pub symbol: &'static str,
    /// The implementation (badarg if given the wrong number of arguments).
    pub call: BifFn,
}

impl std::fmt::Debug for BifDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}/{}", self.module, self.name, self.arity)
    }
}

/// The BIF `module:name/arity`, if implemented here.
pub fn lookup(module: &str, name: &str, arity: u32) -> Option<&'static BifDef> {
    TABLE
        .iter()
        .find(|d| d.arity == arity && d.name == name && d.module == module)
}

fn t(w: u64) -> Term {
    // SAFETY: compiled code passes valid term words (ABI contract).
    unsafe { Term::from_raw(w) }
}

/// Run a BIF on process `p`'s heap and translate the result to the ABI.
///
/// # Safety
/// `p` must be null or a valid process that the calling thread runs exclusively.
unsafe fn pure_call(p: *mut Process, f: impl FnOnce(&mut dyn Heap) -> BifResult) -> u64 {
    if p.is_null() {
        return NON_VALUE.raw();
    }
    // SAFETY: the caller guarantees `p` is valid and not used elsewhere during the call.
    let p = unsafe { &mut *p };
    match f(p) {
        Ok(v) => v.raw(),
        Err(e) => p.raise(e.class, e.reason).raw(),
    }
}

macro_rules! bifs {
    (
        extern: [$( $m:literal $f:literal $sym:ident = $path:path [$($a:ident),*]; )*]
        manual: [$( $mm:literal $mf:literal $msym:ident = $mpath:path [$($ma:ident),*]; )*]
    ) => {
        $(
            #[doc = concat!("Entry point of `", $m, ":", $f, "/", stringify!([$($a),*]), "`.\n\n",
                "# Safety\n`p` must be null or a valid process the calling thread runs.")]
            #[no_mangle]
            pub unsafe extern "C" fn $sym(p: *mut Process $(, $a: u64)*) -> u64 {
                $(let $a = t($a);)*
                // SAFETY: forwarded from the caller.
                unsafe { pure_call(p, |h| $path(h $(, $a)*)) }
            }
        )*

        /// Every BIF implemented in `bif`, with its entry point symbol.
        pub static TABLE: &[BifDef] = &[
            $(BifDef {
                module: $m,
                name: $f,
                arity: <[&str]>::len(&[$(stringify!($a)),*]) as u32,
                symbol: stringify!($sym),
                call: |h, args| match *args {
                    [$($a),*] => $path(h $(, $a)*),
                    _ => Err(Exception::badarg()),
                },
            },)*
            $(BifDef {
                module: $mm,
                name: $mf,
                arity: <[&str]>::len(&[$(stringify!($ma)),*]) as u32,
                symbol: stringify!($msym),
                call: |h, args| match *args {
                    [$($ma),*] => $mpath(h $(, $ma)*),
                    _ => Err(Exception::badarg()),
                },
            },)*
        ];

        /// `(symbol, address)` of every entry point, for a JIT's symbol resolution.
        pub fn symbols() -> Vec<(&'static str, *const u8)> {
            vec![$((stringify!($sym), $sym as *const u8),)* $((stringify!($msym), $msym as *const u8),)*]
        }
    };
}

bifs! {
extern: [
    "erlang" "is_atom" ferl_bif_erlang_is__atom_1 = types::is_atom[a];
    "erlang" "is_binary" ferl_bif_erlang_is__binary_1 = types::is_binary[a];
    "erlang" "is_bitstring" ferl_bif_erlang_is__bitstring_1 = types::is_bitstring[a];
    "erlang" "is_boolean" ferl_bif_erlang_is__boolean_1 = types::is_boolean[a];
    "erlang" "is_float" ferl_bif_erlang_is__float_1 = types::is_float[a];
    "erlang" "is_function" ferl_bif_erlang_is__function_1 = types::is_function[a];
    "erlang" "is_function" ferl_bif_erlang_is__function_2 = types::is_function2[a, b];
    "erlang" "is_integer" ferl_bif_erlang_is__integer_1 = types::is_integer[a];
    "erlang" "is_list" ferl_bif_erlang_is__list_1 = types::is_list[a];
    "erlang" "is_map" ferl_bif_erlang_is__map_1 = types::is_map[a];
    "erlang" "is_number" ferl_bif_erlang_is__number_1 = types::is_number[a];
    "erlang" "is_pid" ferl_bif_erlang_is__pid_1 = types::is_pid[a];
    "erlang" "is_port" ferl_bif_erlang_is__port_1 = types::is_port[a];
    "erlang" "is_reference" ferl_bif_erlang_is__reference_1 = types::is_reference[a];
    "erlang" "is_tuple" ferl_bif_erlang_is__tuple_1 = types::is_tuple[a];
    "erlang" "is_record" ferl_bif_erlang_is__record_2 = types::is_record2[a, b];
    "erlang" "is_record" ferl_bif_erlang_is__record_3 = types::is_record3[a, b, c];

    "erlang" "element" ferl_bif_erlang_element_2 = tuples::element[a, b];
    "erlang" "setelement" ferl_bif_erlang_setelement_3 = tuples::setelement[a, b, c];
    "erlang" "tuple_size" ferl_bif_erlang_tuple__size_1 = tuples::tuple_size[a];
    "erlang" "size" ferl_bif_erlang_size_1 = tuples::size[a];
    "erlang" "make_tuple" ferl_bif_erlang_make__tuple_2 = tuples::make_tuple2[a, b];
    "erlang" "make_tuple" ferl_bif_erlang_make__tuple_3 = tuples::make_tuple3[a, b, c];
    "erlang" "append_element" ferl_bif_erlang_append__element_2 = tuples::append_element[a, b];
    "erlang" "insert_element" ferl_bif_erlang_insert__element_3 = tuples::insert_element[a, b, c];
    "erlang" "delete_element" ferl_bif_erlang_delete__element_2 = tuples::delete_element[a, b];
    "erlang" "list_to_tuple" ferl_bif_erlang_list__to__tuple_1 = tuples::list_to_tuple[a];
    "erlang" "tuple_to_list" ferl_bif_erlang_tuple__to__list_1 = tuples::tuple_to_list[a];

    "erlang" "map_size" ferl_bif_erlang_map__size_1 = maps::map_size[a];
    "erlang" "map_get" ferl_bif_erlang_map__get_2 = maps::get[a, b];
    "erlang" "is_map_key" ferl_bif_erlang_is__map__key_2 = maps::is_key[a, b];
    "maps" "get" ferl_bif_maps_get_2 = maps::get[a, b];
    "maps" "get" ferl_bif_maps_get_3 = maps::get3[a, b, c];
    "maps" "find" ferl_bif_maps_find_2 = maps::find[a, b];
    "maps" "is_key" ferl_bif_maps_is__key_2 = maps::is_key[a, b];
    "maps" "put" ferl_bif_maps_put_3 = maps::put[a, b, c];
    "maps" "update" ferl_bif_maps_update_3 = maps::update[a, b, c];
    "maps" "remove" ferl_bif_maps_remove_2 = maps::remove[a, b];
    "maps" "take" ferl_bif_maps_take_2 = maps::take[a, b];
    "maps" "keys" ferl_bif_maps_keys_1 = maps::keys[a];
    "maps" "values" ferl_bif_maps_values_1 = maps::values[a];
    "maps" "to_list" ferl_bif_maps_to__list_1 = maps::to_list[a];
    "maps" "from_list" ferl_bif_maps_from__list_1 = maps::from_list[a];
    "maps" "from_keys" ferl_bif_maps_from__keys_2 = maps::from_keys[a, b];
    "maps" "merge" ferl_bif_maps_merge_2 = maps::merge[a, b];
    "maps" "new" ferl_bif_maps_new_0 = maps::new[];
    "maps" "size" ferl_bif_maps_size_1 = maps::map_size[a];

    "math" "pi" ferl_bif_math_pi_0 = math::pi[];
    "math" "sin" ferl_bif_math_sin_1 = math::sin[a];
    "math" "cos" ferl_bif_math_cos_1 = math::cos[a];
    "math" "tan" ferl_bif_math_tan_1 = math::tan[a];
    "math" "asin" ferl_bif_math_asin_1 = math::asin[a];
    "math" "acos" ferl_bif_math_acos_1 = math::acos[a];
    "math" "atan" ferl_bif_math_atan_1 = math::atan[a];
    "math" "sinh" ferl_bif_math_sinh_1 = math::sinh[a];
    "math" "cosh" ferl_bif_math_cosh_1 = math::cosh[a];
    "math" "tanh" ferl_bif_math_tanh_1 = math::tanh[a];
    "math" "asinh" ferl_bif_math_asinh_1 = math::asinh[a];
    "math" "acosh" ferl_bif_math_acosh_1 = math::acosh[a];
    "math" "atanh" ferl_bif_math_atanh_1 = math::atanh[a];
    "math" "exp" ferl_bif_math_exp_1 = math::exp[a];
    "math" "log" ferl_bif_math_log_1 = math::log[a];
    "math" "log2" ferl_bif_math_log2_1 = math::log2[a];
    "math" "log10" ferl_bif_math_log10_1 = math::log10[a];
    "math" "sqrt" ferl_bif_math_sqrt_1 = math::sqrt[a];
    "math" "erf" ferl_bif_math_erf_1 = math::erf[a];
    "math" "erfc" ferl_bif_math_erfc_1 = math::erfc[a];
    "math" "floor" ferl_bif_math_floor_1 = math::floor[a];
    "math" "ceil" ferl_bif_math_ceil_1 = math::ceil[a];
    "math" "atan2" ferl_bif_math_atan2_2 = math::atan2[a, b];
    "math" "pow" ferl_bif_math_pow_2 = math::pow[a, b];
    "math" "fmod" ferl_bif_math_fmod_2 = math::fmod[a, b];

    "erlang" "length" ferl_bif_erlang_length_1 = lists::length[a];
    "erlang" "hd" ferl_bif_erlang_hd_1 = lists::hd[a];
    "erlang" "tl" ferl_bif_erlang_tl_1 = lists::tl[a];
    "erlang" "--" ferl_bif_erlang__2D_2D_2 = lists::subtract[a, b];
    "erlang" "append" ferl_bif_erlang_append_2 = lists::append[a, b];
    "erlang" "subtract" ferl_bif_erlang_subtract_2 = lists::subtract[a, b];

    "erlang" "abs" ferl_bif_erlang_abs_1 = numbers::abs[a];
    "erlang" "float" ferl_bif_erlang_float_1 = numbers::float[a];
    "erlang" "min" ferl_bif_erlang_min_2 = numbers::min[a, b];
    "erlang" "max" ferl_bif_erlang_max_2 = numbers::max[a, b];
    "erlang" "trunc" ferl_bif_erlang_trunc_1 = numbers::trunc[a];
    "erlang" "round" ferl_bif_erlang_round_1 = numbers::round[a];
    "erlang" "floor" ferl_bif_erlang_floor_1 = numbers::floor[a];
    "erlang" "ceil" ferl_bif_erlang_ceil_1 = numbers::ceil[a];
    "erlang" "integer_to_list" ferl_bif_erlang_integer__to__list_1 = numbers::integer_to_list[a];
    "erlang" "integer_to_list" ferl_bif_erlang_integer__to__list_2 = numbers::integer_to_list2[a, b];
    "erlang" "integer_to_binary" ferl_bif_erlang_integer__to__binary_1 = numbers::integer_to_binary[a];
    "erlang" "integer_to_binary" ferl_bif_erlang_integer__to__binary_2 = numbers::integer_to_binary2[a, b];
    "erlang" "list_to_integer" ferl_bif_erlang_list__to__integer_1 = numbers::list_to_integer[a];
    "erlang" "list_to_integer" ferl_bif_erlang_list__to__integer_2 = numbers::list_to_integer2[a, b];
    "erlang" "binary_to_integer" ferl_bif_erlang_binary__to__integer_1 = numbers::binary_to_integer[a];
    "erlang" "binary_to_integer" ferl_bif_erlang_binary__to__integer_2 = numbers::binary_to_integer2[a, b];
    "erlang" "float_to_list" ferl_bif_erlang_float__to__list_1 = numbers::float_to_list[a];
    "erlang" "float_to_list" ferl_bif_erlang_float__to__list_2 = numbers::float_to_list2[a, b];
    "erlang" "float_to_binary" ferl_bif_erlang_float__to__binary_1 = numbers::float_to_binary[a];
    "erlang" "float_to_binary" ferl_bif_erlang_float__to__binary_2 = numbers::float_to_binary2[a, b];
    "erlang" "list_to_float" ferl_bif_erlang_list__to__float_1 = numbers::list_to_float[a];
    "erlang" "binary_to_float" ferl_bif_erlang_binary__to__float_1 = numbers::binary_to_float[a];

    "erlang" "atom_to_list" ferl_bif_erlang_atom__to__list_1 = atoms::atom_to_list[a];
    "erlang" "list_to_atom" ferl_bif_erlang_list__to__atom_1 = atoms::list_to_atom[a];
    "erlang" "list_to_existing_atom" ferl_bif_erlang_list__to__existing__atom_1 = atoms::list_to_existing_atom[a];
    "erlang" "atom_to_binary" ferl_bif_erlang_atom__to__binary_1 = atoms::atom_to_binary[a];
    "erlang" "atom_to_binary" ferl_bif_erlang_atom__to__binary_2 = atoms::atom_to_binary2[a, b];
    "erlang" "binary_to_atom" ferl_bif_erlang_binary__to__atom_1 = atoms::binary_to_atom[a];
    "erlang" "binary_to_atom" ferl_bif_erlang_binary__to__atom_2 = atoms::binary_to_atom2[a, b];
    "erlang" "binary_to_existing_atom" ferl_bif_erlang_binary__to__existing__atom_1 = atoms::binary_to_existing_atom[a];
    "erlang" "binary_to_existing_atom" ferl_bif_erlang_binary__to__existing__atom_2 = atoms::binary_to_existing_atom2[a, b];
    "erlang" "pid_to_list" ferl_bif_erlang_pid__to__list_1 = opaque::pid_to_list[a];
    "erlang" "ref_to_list" ferl_bif_erlang_ref__to__list_1 = opaque::ref_to_list[a];

    "erlang" "list_to_binary" ferl_bif_erlang_list__to__binary_1 = binaries::list_to_binary[a];
    "erlang" "iolist_to_binary" ferl_bif_erlang_iolist__to__binary_1 = binaries::iolist_to_binary[a];
    "erlang" "iolist_size" ferl_bif_erlang_iolist__size_1 = binaries::iolist_size[a];
    "erlang" "list_to_bitstring" ferl_bif_erlang_list__to__bitstring_1 = binaries::list_to_bitstring[a];
    "erlang" "binary_to_list" ferl_bif_erlang_binary__to__list_1 = binaries::binary_to_list[a];
    "erlang" "binary_to_list" ferl_bif_erlang_binary__to__list_3 = binaries::binary_to_list3[a, b, c];
    "erlang" "bitstring_to_list" ferl_bif_erlang_bitstring__to__list_1 = binaries::bitstring_to_list[a];
    "erlang" "binary_part" ferl_bif_erlang_binary__part_2 = binaries::binary_part2[a, b];
    "erlang" "binary_part" ferl_bif_erlang_binary__part_3 = binaries::binary_part3[a, b, c];
    "erlang" "split_binary" ferl_bif_erlang_split__binary_2 = binaries::split_binary[a, b];
    "erlang" "byte_size" ferl_bif_erlang_byte__size_1 = binaries::byte_size[a];
    "erlang" "bit_size" ferl_bif_erlang_bit__size_1 = binaries::bit_size[a];
    "erlang" "term_to_binary" ferl_bif_erlang_term__to__binary_1 = binaries::term_to_binary[a];
    "erlang" "term_to_binary" ferl_bif_erlang_term__to__binary_2 = binaries::term_to_binary2[a, b];
    "erlang" "binary_to_term" ferl_bif_erlang_binary__to__term_1 = binaries::binary_to_term[a];
    "erlang" "binary_to_term" ferl_bif_erlang_binary__to__term_2 = binaries::binary_to_term2[a, b];

    "erlang" "port_to_list" ferl_bif_erlang_port__to__list_1 = opaque::port_to_list[a];

    "erlang" "crc32" ferl_bif_erlang_crc32_1 = checksum::crc32[a];
    "erlang" "crc32" ferl_bif_erlang_crc32_2 = checksum::crc32_2[a, b];
    "erlang" "crc32_combine" ferl_bif_erlang_crc32__combine_3 = checksum::crc32_combine[a, b, c];
    "erlang" "adler32" ferl_bif_erlang_adler32_1 = checksum::adler32[a];
    "erlang" "adler32" ferl_bif_erlang_adler32_2 = checksum::adler32_2[a, b];
    "erlang" "adler32_combine" ferl_bif_erlang_adler32__combine_3 = checksum::adler32_combine[a, b, c];
    "erlang" "md5" ferl_bif_erlang_md5_1 = checksum::md5[a];
    "erlang" "md5_init" ferl_bif_erlang_md5__init_0 = checksum::md5_init[];
    "erlang" "md5_update" ferl_bif_erlang_md5__update_2 = checksum::md5_update[a, b];
    "erlang" "md5_final" ferl_bif_erlang_md5__final_1 = checksum::md5_final[a];
    "erlang" "unique_integer" ferl_bif_erlang_unique__integer_0 = system::unique_integer[];
    "erlang" "unique_integer" ferl_bif_erlang_unique__integer_1 = system::unique_integer1[a];
    "erlang" "now" ferl_bif_erlang_now_0 = system::now[];
    "erlang" "time_offset" ferl_bif_erlang_time__offset_0 = system::time_offset[];
    "erlang" "time_offset" ferl_bif_erlang_time__offset_1 = system::time_offset1[a];
    "erlang" "posixtime_to_universaltime" ferl_bif_erlang_posixtime__to__universaltime_1 = system::posixtime_to_universaltime[a];
    "erlang" "universaltime_to_posixtime" ferl_bif_erlang_universaltime__to__posixtime_1 = system::universaltime_to_posixtime[a];
    "erlang" "list_to_pid" ferl_bif_erlang_list__to__pid_1 = system::list_to_pid[a];
    "erlang" "list_to_ref" ferl_bif_erlang_list__to__ref_1 = system::list_to_ref[a];
    "erlang" "is_alive" ferl_bif_erlang_is__alive_0 = system::is_alive[];
    "erlang" "nodes" ferl_bif_erlang_nodes_0 = system::nodes[];
    "erlang" "nodes" ferl_bif_erlang_nodes_1 = system::nodes1[a];
    "erlang" "external_size" ferl_bif_erlang_external__size_1 = system::external_size[a];
    "erlang" "external_size" ferl_bif_erlang_external__size_2 = system::external_size2[a, b];
    "erlang" "term_to_iovec" ferl_bif_erlang_term__to__iovec_1 = system::term_to_iovec[a];
    "erlang" "term_to_iovec" ferl_bif_erlang_term__to__iovec_2 = system::term_to_iovec2[a, b];
    "erlang" "iolist_to_iovec" ferl_bif_erlang_iolist__to__iovec_1 = system::iolist_to_iovec[a];
    "erlang" "get_cookie" ferl_bif_erlang_get__cookie_0 = system::get_cookie[];
    "erlang" "get_cookie" ferl_bif_erlang_get__cookie_1 = system::get_cookie1[a];
    "erlang" "bump_reductions" ferl_bif_erlang_bump__reductions_1 = system::bump_reductions[a];
    "erlang" "module_loaded" ferl_bif_erlang_module__loaded_1 = system::module_loaded[a];
    "erlang" "loaded" ferl_bif_erlang_loaded_0 = system::loaded[];
    "erlang" "fun_info_mfa" ferl_bif_erlang_fun__info__mfa_1 = funs::fun_info_mfa[a];
    "erlang" "phash2" ferl_bif_erlang_phash2_1 = hash::phash2[a];
    "erlang" "phash2" ferl_bif_erlang_phash2_2 = hash::phash2_2[a, b];
    "erlang" "phash" ferl_bif_erlang_phash_2 = hash::phash[a, b];
    "unicode" "characters_to_list" ferl_bif_unicode_characters__to__list_2 = unicode::characters_to_list[a, b];
    "unicode" "characters_to_binary" ferl_bif_unicode_characters__to__binary_2 = unicode::characters_to_binary[a, b];
    "binary" "first" ferl_bif_binary_first_1 = binmod::first[a];
    "binary" "last" ferl_bif_binary_last_1 = binmod::last[a];
    "binary" "at" ferl_bif_binary_at_2 = binmod::at[a, b];
    "binary" "part" ferl_bif_binary_part_2 = binmod::part2[a, b];
    "binary" "part" ferl_bif_binary_part_3 = binmod::part3[a, b, c];
    "binary" "bin_to_list" ferl_bif_binary_bin__to__list_1 = binmod::bin_to_list1[a];
    "binary" "bin_to_list" ferl_bif_binary_bin__to__list_2 = binmod::bin_to_list2[a, b];
    "binary" "bin_to_list" ferl_bif_binary_bin__to__list_3 = binmod::bin_to_list3[a, b, c];
    "binary" "list_to_bin" ferl_bif_binary_list__to__bin_1 = binmod::list_to_bin[a];
    "binary" "copy" ferl_bif_binary_copy_1 = binmod::copy1[a];
    "binary" "copy" ferl_bif_binary_copy_2 = binmod::copy2[a, b];
    "binary" "encode_unsigned" ferl_bif_binary_encode__unsigned_1 = binmod::encode_unsigned1[a];
    "binary" "encode_unsigned" ferl_bif_binary_encode__unsigned_2 = binmod::encode_unsigned2[a, b];
    "binary" "decode_unsigned" ferl_bif_binary_decode__unsigned_1 = binmod::decode_unsigned1[a];
    "binary" "decode_unsigned" ferl_bif_binary_decode__unsigned_2 = binmod::decode_unsigned2[a, b];
    "binary" "longest_common_prefix" ferl_bif_binary_longest__common__prefix_1 = binmod::longest_common_prefix[a];
    "binary" "longest_common_suffix" ferl_bif_binary_longest__common__suffix_1 = binmod::longest_common_suffix[a];
    "binary" "referenced_byte_size" ferl_bif_binary_referenced__byte__size_1 = binmod::referenced_byte_size[a];
    "binary" "compile_pattern" ferl_bif_binary_compile__pattern_1 = binmod::compile_pattern[a];
    "binary" "match" ferl_bif_binary_match_2 = binmod::match2[a, b];
    "binary" "match" ferl_bif_binary_match_3 = binmod::match3[a, b, c];
    "binary" "matches" ferl_bif_binary_matches_2 = binmod::matches2[a, b];
    "binary" "matches" ferl_bif_binary_matches_3 = binmod::matches3[a, b, c];

    "erlang" "node" ferl_bif_erlang_node_0 = time::node[];
    "erlang" "node" ferl_bif_erlang_node_1 = time::node1[a];
    "erlang" "monotonic_time" ferl_bif_erlang_monotonic__time_0 = time::monotonic_time[];
    "erlang" "monotonic_time" ferl_bif_erlang_monotonic__time_1 = time::monotonic_time1[a];
    "erlang" "system_time" ferl_bif_erlang_system__time_0 = time::system_time[];
    "erlang" "system_time" ferl_bif_erlang_system__time_1 = time::system_time1[a];
    "os" "system_time" ferl_bif_os_system__time_0 = time::system_time[];
    "os" "system_time" ferl_bif_os_system__time_1 = time::system_time1[a];
    "erlang" "timestamp" ferl_bif_erlang_timestamp_0 = time::timestamp[];
    "erlang" "make_fun" ferl_bif_erlang_make__fun_3 = funs::make_fun[a, b, c];
    "erlang" "function_exported" ferl_bif_erlang_function__exported_3 = funs::function_exported[a, b, c];
    "erlang" "fun_info" ferl_bif_erlang_fun__info_1 = funs::fun_info1[a];
    "erlang" "fun_info" ferl_bif_erlang_fun__info_2 = funs::fun_info2[a, b];
    "erlang" "fun_to_list" ferl_bif_erlang_fun__to__list_1 = funs::fun_to_list[a];
    "os" "timestamp" ferl_bif_os_timestamp_0 = time::timestamp[];
    "erlang" "universaltime" ferl_bif_erlang_universaltime_0 = clock::universaltime[];
    "erlang" "localtime" ferl_bif_erlang_localtime_0 = clock::localtime[];
    "erlang" "date" ferl_bif_erlang_date_0 = clock::date[];
    "erlang" "time" ferl_bif_erlang_time_0 = clock::time[];
    "erlang" "universaltime_to_localtime" ferl_bif_erlang_universaltime__to__localtime_1 = clock::universaltime_to_localtime[a];
    "erlang" "localtime_to_universaltime" ferl_bif_erlang_localtime__to__universaltime_1 = clock::localtime_to_universaltime1[a];
    "erlang" "localtime_to_universaltime" ferl_bif_erlang_localtime__to__universaltime_2 = clock::localtime_to_universaltime2[a, b];
    "erlang" "convert_time_unit" ferl_bif_erlang_convert__time__unit_3 = time::convert_time_unit[a, b, c];

    "erlang" "error" ferl_bif_erlang_error_1 = errors::error[a];
    "erlang" "error" ferl_bif_erlang_error_2 = errors::error2[a, b];
    "erlang" "error" ferl_bif_erlang_error_3 = errors::error3[a, b, c];
    "erlang" "exit" ferl_bif_erlang_exit_1 = errors::exit[a];
    "erlang" "throw" ferl_bif_erlang_throw_1 = errors::throw[a];
]
manual: [
    "erlang" "raise" ferl_bif_erlang_raise_3 = errors::raise[a, b, c];
    "erlang" "++" ferl_bif_erlang__2B_2B_2 = lists::append[a, b];
]
}

/// Entry point of `erlang:raise/3`: raises with `Stacktrace` as `exc_trace`, or returns
/// `badarg` (the atom) when an argument is invalid.
///
/// # Safety
/// `p` must be null or a valid process the calling thread runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_bif_erlang_raise_3(
    p: *mut Process,
    class: u64,
    reason: u64,
    trace: u64,
) -> u64 {
    let (class, reason, trace) = (t(class), t(reason), t(trace));
    // SAFETY: forwarded from the caller.
    let r = unsafe { pure_call(p, |h| errors::raise(h, class, reason, trace)) };
    if r == NON_VALUE.raw() && !p.is_null() {
        // SAFETY: `p` is valid (caller's contract); the raise above set the exception.
        unsafe { (*p).exc_trace = trace };
    }
    r
}

/// Entry point of `erlang:'++'/2`: [`lists::append_on_process`], which writes the copy
/// of the left list straight onto the process heap.
///
/// # Safety
/// `p` must be null or a valid process the calling thread runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_bif_erlang__2B_2B_2(p: *mut Process, a: u64, b: u64) -> u64 {
    if p.is_null() {
        return NON_VALUE.raw();
    }
    // SAFETY: the caller guarantees `p` is valid and not used elsewhere during the call.
    let p = unsafe { &mut *p };
    match lists::append_on_process(p, t(a), t(b)) {
        Ok(v) => v.raw(),
        Err(e) => p.raise(e.class, e.reason).raw(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::bif_symbol;
    use crate::process::STATUS_RAISE;

    #[test]
    fn symbols_follow_the_mangling() {
        for d in TABLE {
            assert_eq!(d.symbol, bif_symbol(d.module, d.name, d.arity), "{d:?}");
        }
        let mut names: Vec<_> = TABLE.iter().map(|d| d.symbol).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), TABLE.len(), "duplicate BIF");
    }

    #[test]
    fn entry_points_use_the_process_heap_and_status() {
        let mut p = Process::new(1);
        let pp: *mut Process = &mut *p;
        let three = Term::small(3).unwrap().raw();
        // SAFETY: pp is a valid process used only here.
        let l = unsafe { ferl_bif_erlang_integer__to__list_1(pp, three) };
        assert_eq!(crate::print::to_string(t(l)), "[51]");
        // SAFETY: as above.
        let r = unsafe { ferl_bif_erlang_hd_1(pp, Term::NIL.raw()) };
        assert_eq!(r, NON_VALUE.raw());
        assert_eq!(p.status, STATUS_RAISE);
        assert_eq!(p.exc_reason.atom_name(), Some("badarg"));
        let trace = crate::term::list(&mut *p, &[]);
        let err = Term::intern("error").unwrap().raw();
        // SAFETY: as above.
        let r = unsafe { ferl_bif_erlang_raise_3(pp, err, three, trace.raw()) };
        assert_eq!(r, NON_VALUE.raw());
        assert_eq!(p.exc_reason, Term::small(3).unwrap());
        // SAFETY: as above.
        let r = unsafe { ferl_bif_erlang_raise_3(pp, three, three, trace.raw()) };
        assert_eq!(t(r).atom_name(), Some("badarg"));
    }
}
