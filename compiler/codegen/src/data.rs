//! Static data of a compiled module: literal terms (tagged words with relocations to
//! themselves), `FunEntry`s, the atom table and the module descriptor the runtime's loader
//! reads (`docs/runtime-abi.md` section 8).
//!
//! Owns: the byte layout of everything the module emits besides code.
//! Must not: use `define_zeroinit` for data with relocations (the linker drops `.rela.bss`).

use crate::{module_err, predefined_atom, unsupported, ModuleCx};
use cranelift_module::{DataDescription, DataId, Linkage, Module};
use ferl_diagnostics::Diagnostic;
use ferl_ir::ir::{FunKind, Literal};
use ferl_runtime::term::{make_header, sub};
use num_bigint::Sign;
use num_traits::ToPrimitive;

/// One word of static data.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Word {
    Imm(u64),
    /// Address of this object + byte offset (the addend includes the tag).
    SelfPtr(u64),
    /// An atom from the module's atom table (patched at load).
    Atom(u32),
}

/// The term word for an atom.
pub(crate) fn atom_word(cx: &mut ModuleCx, name: &str) -> Word {
    match predefined_atom(name) {
        Some(i) => Word::Imm(((i as u64) << 6) | 0x0B),
        None => Word::Atom(cx.atom(name)),
    }
}

/// A small integer's term word, if it fits.
pub(crate) fn small_word(i: &num_bigint::BigInt) -> Option<u64> {
    let v = i.to_i64()?;
    if (ferl_runtime::term::SMALL_MIN..=ferl_runtime::term::SMALL_MAX).contains(&v) {
        Some(((v << 4) as u64) | 0xF)
    } else {
        None
    }
}

/// The indices of `kvs` in the runtime's map-key order (`cmp::compare_exact`), one per
/// distinct key (the last pair wins, as in a map expression). The keys are built as
/// runtime terms on a scratch heap so the order is the runtime's own.
fn map_key_order(kvs: &[(Literal, Literal)]) -> Result<Vec<usize>, Diagnostic> {
    let mut heap = ferl_runtime::heap::FragHeap::new();
    let mut keys = Vec::with_capacity(kvs.len());
    for (k, _) in kvs {
        keys.push(literal_term(&mut heap, k)?);
    }
    let mut idx: Vec<usize> = (0..kvs.len()).collect();
    // Stable: among equal keys the later pair stays last.
    idx.sort_by(|&a, &b| ferl_runtime::cmp::compare_exact(keys[a], keys[b]));
    let mut out: Vec<usize> = Vec::with_capacity(idx.len());
    for i in idx {
        match out.last_mut() {
            Some(last) if ferl_runtime::cmp::compare_exact(keys[*last], keys[i]).is_eq() => {
                *last = i
            }
            _ => out.push(i),
        }
    }
    Ok(out)
}

/// A literal as a runtime term on `heap` (compile time only: for ordering map keys).
fn literal_term(
    heap: &mut ferl_runtime::heap::FragHeap,
    l: &Literal,
) -> Result<ferl_runtime::term::Term, Diagnostic> {
    use ferl_runtime::term::{self, Term};
    let atom = |a: &str| {
        Term::intern(a).map_err(|_| unsupported(format!("atom literal '{a}' (too long)")))
    };
    Ok(match l {
        Literal::Atom(a) => atom(a)?,
        Literal::Nil => term::NIL,
        Literal::Int(i) => term::bigint(heap, i),
        Literal::Float(f) => term::float(heap, *f),
        Literal::Tuple(es) => {
            let v = es
                .iter()
                .map(|e| literal_term(heap, e))
                .collect::<Result<Vec<_>, _>>()?;
            term::tuple(heap, &v)
        }
        Literal::List(es, tail) => {
            let v = es
                .iter()
                .map(|e| literal_term(heap, e))
                .collect::<Result<Vec<_>, _>>()?;
            let t = literal_term(heap, tail)?;
            term::list_with_tail(heap, &v, t)
        }
        Literal::Bitstring { bytes, bits } => term::bitstring(heap, bytes, *bits as usize),
        Literal::ExportFun {
            module,
            function,
            arity,
        } => {
            let (m, f) = (atom(module)?, atom(function)?);
            term::export_fun(heap, m, f, *arity)
        }
        Literal::Map(kvs) => {
            let order = map_key_order(kvs)?;
            let mut ks = Vec::new();
            let mut vs = Vec::new();
            for i in order {
                ks.push(literal_term(heap, &kvs[i].0)?);
                vs.push(literal_term(heap, &kvs[i].1)?);
            }
            term::map_from_sorted(heap, &ks, &vs)
        }
    })
}

/// A literal: either an immediate word or a static object (data id + tag addend).
pub(crate) enum LitValue {
    Word(Word),
    Static(DataId, u64),
}

struct Buf {
    words: Vec<Word>,
}

impl Buf {
    fn alloc(&mut self, n: usize) -> usize {
        let at = self.words.len();
        self.words.resize(at + n, Word::Imm(0));
        at
    }
    fn emit(&mut self, cx: &mut ModuleCx, l: &Literal) -> Result<Word, Diagnostic> {
        Ok(match l {
            Literal::Atom(a) => atom_word(cx, a),
            Literal::Nil => Word::Imm(0x3B),
            Literal::Int(i) => match small_word(i) {
                Some(w) => Word::Imm(w),
                None => {
                    let (sign, limbs) = i.to_u64_digits();
                    let st = if sign == Sign::Minus {
                        sub::NEG_BIG
                    } else {
                        sub::POS_BIG
                    };
                    let at = self.alloc(1 + limbs.len());
                    self.words[at] = Word::Imm(make_header(st, limbs.len()));
                    for (k, l) in limbs.iter().enumerate() {
                        self.words[at + 1 + k] = Word::Imm(*l);
                    }
                    Word::SelfPtr((at * 8) as u64 | 2)
                }
            },
            Literal::Float(f) => {
                let at = self.alloc(2);
                self.words[at] = Word::Imm(make_header(sub::FLOAT, 1));
                self.words[at + 1] = Word::Imm(f.to_bits());
                Word::SelfPtr((at * 8) as u64 | 2)
            }
            Literal::Tuple(es) => {
                let at = self.alloc(1 + es.len());
                self.words[at] = Word::Imm(make_header(sub::TUPLE, es.len()));
                for (k, e) in es.iter().enumerate() {
                    let w = self.emit(cx, e)?;
                    self.words[at + 1 + k] = w;
                }
                Word::SelfPtr((at * 8) as u64 | 2)
            }
            Literal::List(es, tail) => {
                let cells: Vec<usize> = es.iter().map(|_| self.alloc(2)).collect();
                for (k, e) in es.iter().enumerate() {
                    let w = self.emit(cx, e)?;
                    self.words[cells[k]] = w;
                    self.words[cells[k] + 1] = match cells.get(k + 1) {
                        Some(n) => Word::SelfPtr((n * 8) as u64 | 1),
                        None => self.emit(cx, tail)?,
                    };
                }
                Word::SelfPtr((cells[0] * 8) as u64 | 1)
            }
            Literal::ExportFun {
                module,
                function,
                arity,
            } => {
                let at = self.alloc(4);
                self.words[at] = Word::Imm(make_header(sub::EXPORT, 3));
                self.words[at + 1] = atom_word(cx, module);
                self.words[at + 2] = atom_word(cx, function);
                self.words[at + 3] = Word::Imm(((*arity as u64) << 4) | 0xF);
                Word::SelfPtr((at * 8) as u64 | 2)
            }
            Literal::Bitstring { bytes, bits } => {
                let nbytes = bytes.len();
                let at = self.alloc(2 + nbytes.div_ceil(8));
                self.words[at] = Word::Imm(make_header(sub::HEAP_BIN, 1 + nbytes.div_ceil(8)));
                self.words[at + 1] = Word::Imm(nbytes as u64);
                for (k, chunk) in bytes.chunks(8).enumerate() {
                    let mut w = [0u8; 8];
                    w[..chunk.len()].copy_from_slice(chunk);
                    self.words[at + 2 + k] = Word::Imm(u64::from_le_bytes(w));
                }
                if *bits == (nbytes as u64) * 8 {
                    Word::SelfPtr((at * 8) as u64 | 2)
                } else {
                    let sb = self.alloc(4);
                    self.words[sb] = Word::Imm(make_header(sub::SUB_BIN, 3));
                    self.words[sb + 1] = Word::Imm(*bits);
                    self.words[sb + 2] = Word::Imm(0);
                    self.words[sb + 3] = Word::SelfPtr((at * 8) as u64 | 2);
                    Word::SelfPtr((sb * 8) as u64 | 2)
                }
            }
            Literal::Map(kvs) => {
                // A map object with its keys in the runtime's map-key order: the flat
                // layout up to 32 keys, the runtime's HAMT above (docs/runtime-abi.md).
                let order = map_key_order(kvs)?;
                let n = order.len();
                if n > ferl_runtime::term::MAP_FLAT_LIMIT {
                    let mut heap = ferl_runtime::heap::FragHeap::new();
                    let keys = order
                        .iter()
                        .map(|&i| literal_term(&mut heap, &kvs[i].0))
                        .collect::<Result<Vec<_>, _>>()?;
                    let shape = ferl_runtime::map::hamt_shape(&keys);
                    let pairs: Vec<&(Literal, Literal)> = order.iter().map(|&i| &kvs[i]).collect();
                    return self.emit_hamt(cx, &shape, &pairs, Some(n));
                }
                let at = self.alloc(1 + 2 * n);
                self.words[at] = Word::Imm(make_header(sub::MAP_FLAT, 2 * n));
                for (slot, &i) in order.iter().enumerate() {
                    let kw = self.emit(cx, &kvs[i].0)?;
                    self.words[at + 1 + slot] = kw;
                    let vw = self.emit(cx, &kvs[i].1)?;
                    self.words[at + 1 + n + slot] = vw;
                }
                Word::SelfPtr((at * 8) as u64 | 2)
            }
        })
    }

    /// A large literal map's HAMT node (the root when `size` is Some) laid out as
    /// `shape` says, leaves `[K | V]` from `pairs` (layout: `ferl_runtime::map`).
    fn emit_hamt(
        &mut self,
        cx: &mut ModuleCx,
        shape: &ferl_runtime::map::Shape,
        pairs: &[&(Literal, Literal)],
        size: Option<usize>,
    ) -> Result<Word, Diagnostic> {
        use ferl_runtime::map::Shape;
        let small = |v: u64| Word::Imm((v << 4) | 0xF);
        match shape {
            Shape::Leaf(i) => {
                let at = self.alloc(2);
                let kw = self.emit(cx, &pairs[*i].0)?;
                self.words[at] = kw;
                let vw = self.emit(cx, &pairs[*i].1)?;
                self.words[at + 1] = vw;
                Ok(Word::SelfPtr((at * 8) as u64 | 1))
            }
            Shape::Node(bitmap, children) => {
                let extra = usize::from(size.is_some());
                let arity = 1 + extra + children.len();
                let at = self.alloc(1 + arity);
                let st = if size.is_some() {
                    sub::MAP_LARGE
                } else {
                    sub::MAP_NODE
                };
                self.words[at] = Word::Imm(make_header(st, arity));
                if let Some(n) = size {
                    self.words[at + 1] = small(n as u64);
                }
                self.words[at + 1 + extra] = small(*bitmap as u64);
                for (j, c) in children.iter().enumerate() {
                    let w = self.emit_hamt(cx, c, pairs, None)?;
                    self.words[at + 2 + extra + j] = w;
                }
                Ok(Word::SelfPtr((at * 8) as u64 | 2))
            }
        }
    }
}

/// Emit literal `l` (not a map) as static data when it is not an immediate.
pub(crate) fn literal(
    module: &mut dyn Module,
    cx: &mut ModuleCx,
    l: &Literal,
) -> Result<LitValue, Diagnostic> {
    let mut buf = Buf { words: Vec::new() };
    let w = buf.emit(cx, l)?;
    let tag = match w {
        Word::SelfPtr(a) if buf.words.is_empty() => a, // unreachable: pointers imply words
        Word::SelfPtr(a) => a,
        other => return Ok(LitValue::Word(other)),
    };
    let name = format!(
        "ferl_L{}_{}",
        ferl_runtime::abi::mangle(&cx.name),
        cx.next_lit
    );
    cx.next_lit += 1;
    let id = module
        .declare_data(&name, Linkage::Local, true, false)
        .map_err(module_err)?;
    define_words(module, cx, id, &buf.words)?;
    Ok(LitValue::Static(id, tag))
}

fn define_words(
    module: &mut dyn Module,
    cx: &mut ModuleCx,
    id: DataId,
    words: &[Word],
) -> Result<(), Diagnostic> {
    let mut d = DataDescription::new();
    let mut bytes = Vec::with_capacity(words.len() * 8);
    let self_gv = module.declare_data_in_data(id, &mut d);
    for (k, w) in words.iter().enumerate() {
        match *w {
            Word::Imm(v) => bytes.extend_from_slice(&v.to_le_bytes()),
            Word::SelfPtr(add) => {
                bytes.extend_from_slice(&0u64.to_le_bytes());
                d.write_data_addr((k * 8) as u32, self_gv, add as i64);
            }
            Word::Atom(i) => {
                bytes.extend_from_slice(&0x3Bu64.to_le_bytes());
                cx.patches.push((id, (k * 8) as u32, i));
            }
        }
    }
    d.define(bytes.into_boxed_slice());
    d.set_align(8);
    module.define_data(id, &d).map_err(module_err)
}

/// Emit the `FunEntry` of IR function `i` if it is a lambda.
pub(crate) fn fun_entry(
    module: &mut dyn Module,
    cx: &mut ModuleCx,
    i: usize,
) -> Result<(), Diagnostic> {
    let f = &cx.ir.functions[i];
    let FunKind::Lambda { index, num_free } = f.kind else {
        return Ok(());
    };
    let sym = ferl_runtime::abi::fun_entry_symbol(&cx.name, index);
    let id = module
        .declare_data(&sym, Linkage::Local, true, false)
        .map_err(module_err)?;
    let mut d = DataDescription::new();
    let mut bytes = vec![0u8; 56];
    let fref = module.declare_func_in_data(cx.funcs[i], &mut d);
    d.write_function_addr(0, fref);
    let mname = cx.name.clone();
    let fname = f.name.to_string();
    let arity = f.arity;
    for (off, name) in [(8usize, mname), (16, fname)] {
        match atom_word(cx, &name) {
            Word::Imm(v) => bytes[off..off + 8].copy_from_slice(&v.to_le_bytes()),
            Word::Atom(a) => cx.patches.push((id, off as u32, a)),
            Word::SelfPtr(_) => {}
        }
    }
    bytes[24..28].copy_from_slice(&arity.to_le_bytes());
    bytes[28..32].copy_from_slice(&num_free.to_le_bytes());
    bytes[32..36].copy_from_slice(&index.to_le_bytes());
    d.define(bytes.into_boxed_slice());
    d.set_align(8);
    module.define_data(id, &d).map_err(module_err)?;
    cx.fun_entries.insert(i as u32, id);
    Ok(())
}

/// Emit the atom table (names, patched to terms at load) and the module descriptor.
/// The import table: one zeroed, writable word per remote `M:F/A` the module calls, where
/// the first call caches the code address the export table gives (no relocations, so
/// zero-initialised data is fine). Code is never reloaded, so a cached address stays valid.
pub(crate) fn import_table(module: &mut dyn Module, cx: &ModuleCx) -> Result<(), Diagnostic> {
    let mut d = DataDescription::new();
    d.define_zeroinit(8 * cx.imports.len().max(1));
    d.set_align(8);
    module.define_data(cx.import_table, &d).map_err(module_err)
}

pub(crate) fn descriptor(module: &mut dyn Module, cx: &mut ModuleCx) -> Result<DataId, Diagnostic> {
    // Export atoms first so the table is complete before it is written.
    let exports: Vec<(u32, u32, usize)> = cx
        .ir
        .functions
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.kind, FunKind::Top { exported: true }))
        .map(|(i, f)| (f.name.to_string(), f.arity, i))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(n, a, i)| (cx.atom(&n), a, i))
        .collect();
    let module_atom = cx.atom(&cx.name.clone());

    // Names blob.
    let mut blob = Vec::new();
    let mut offs = Vec::new();
    for a in &cx.atoms {
        offs.push(blob.len());
        blob.extend_from_slice(a.as_bytes());
        blob.push(0);
    }
    let mm = ferl_runtime::abi::mangle(&cx.name);
    let names = module
        .declare_data(
            &format!("ferl_N{}{}", mm.len(), mm),
            Linkage::Local,
            false,
            false,
        )
        .map_err(module_err)?;
    let mut d = DataDescription::new();
    d.define(blob.into_boxed_slice());
    module.define_data(names, &d).map_err(module_err)?;

    // Atom table: one word per atom, a pointer to its name until loaded.
    let mut d = DataDescription::new();
    let gv = module.declare_data_in_data(names, &mut d);
    for (k, off) in offs.iter().enumerate() {
        d.write_data_addr((k * 8) as u32, gv, *off as i64);
    }
    d.define(vec![0u8; offs.len().max(1) * 8].into_boxed_slice());
    d.set_align(8);
    module.define_data(cx.atom_table, &d).map_err(module_err)?;

    // Descriptor.
    let id = module
        .declare_data(
            &crate::descriptor_symbol(&cx.name),
            Linkage::Export,
            false,
            false,
        )
        .map_err(module_err)?;
    let mut d = DataDescription::new();
    let mut w: Vec<u64> = vec![
        cx.atoms.len() as u64,
        0,
        cx.patches.len() as u64,
        exports.len() as u64,
        module_atom as u64,
    ];
    let tgv = module.declare_data_in_data(cx.atom_table, &mut d);
    d.write_data_addr(8, tgv, 0);
    let patches = cx.patches.clone();
    for (data, off, atom) in patches {
        let gv = module.declare_data_in_data(data, &mut d);
        d.write_data_addr((w.len() * 8) as u32, gv, off as i64);
        w.push(0);
        w.push(atom as u64);
    }
    for (name, arity, fi) in exports {
        w.push(name as u64);
        w.push(arity as u64);
        let fref = module.declare_func_in_data(cx.funcs[fi], &mut d);
        d.write_function_addr((w.len() * 8) as u32, fref);
        w.push(0);
    }
    // The site table (stack traces).
    let sgv = module.declare_data_in_data(cx.site_table, &mut d);
    d.write_data_addr((w.len() * 8) as u32, sgv, 0);
    w.push(0);
    // The lambdas' FunEntries (binary_to_term finds a fun's code through them).
    let mut funs: Vec<(u32, DataId)> = cx.fun_entries.iter().map(|(k, v)| (*k, *v)).collect();
    funs.sort_by_key(|f| f.0);
    w.push(funs.len() as u64);
    for (_, data) in funs {
        let gv = module.declare_data_in_data(data, &mut d);
        d.write_data_addr((w.len() * 8) as u32, gv, 0);
        w.push(0);
    }
    let bytes: Vec<u8> = w.iter().flat_map(|x| x.to_le_bytes()).collect();
    d.define(bytes.into_boxed_slice());
    d.set_align(8);
    module.define_data(id, &d).map_err(module_err)?;
    Ok(id)
}
