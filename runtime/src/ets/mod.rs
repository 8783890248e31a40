//! ETS: in-memory term tables shared by processes (BEAM implements `ets` natively; so
//! does ferl).
//!
//! Owns: the global table registry (ids are references, named tables also by name), each
//! table's storage and its lock, access rights (public/protected/private), the table
//! operations the `ets` BIFs expose (`bifs.rs`), and the clean-up when an owner process
//! dies (`owner_exited`, called from `signal::exit`; heirs get the table and an
//! `'ETS-TRANSFER'` message). Match specifications live in `ms.rs`.
//!
//! Storage: every object (and every key) is copied off the process heap into its own
//! exact-size heap fragment (`mailbox::Message`, the same copy machinery as messages);
//! objects handed back to a process are copied onto its heap. An `ordered_set` is a
//! `BTreeMap` from key to objects (term order, `==` keys, as BEAM); a `set`/`bag`/
//! `duplicate_bag` is erts' own hash table ([`LinearHash`]: linear hashing over
//! `internal_hash`, `=:=` keys, the same bucket splits and joins as erl_db_hash.c), so
//! `first`/`next`, `tab2list`, `select`, `match` and `foldl` see the objects in BEAM's
//! order; keys that are or contain atoms, pids, references or funs hash by VM-specific
//! numbers on BEAM, so tables with such keys have an order of ferl's own. Each table's
//! storage is behind a `parking_lot::RwLock`: many readers, one writer at a time.
//! Must not: keep pointers into any process heap, or hold a table lock while calling
//! into the scheduler.

pub mod bifs;
pub mod ms;

use crate::atom::idx;
use crate::cmp;
use crate::copy::copy_term;
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::mailbox::Message;
use crate::process::Process;
use crate::term::{self, Term, NIL};
use parking_lot::{Mutex, RwLock};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// A term copied off any process heap (kept alive with its fragment).
pub struct Stored(Message);

// SAFETY: a stored term lives only in its own fragment, which nothing mutates after
// construction; reading it from several threads is safe.
unsafe impl Send for Stored {}
// SAFETY: as above (immutable after construction).
unsafe impl Sync for Stored {}

impl Stored {
    /// Copy `t` into a fresh fragment.
    pub fn new(t: Term) -> Stored {
        Stored(Message::new(t))
    }
    /// The stored term (valid while `self` lives).
    pub fn term(&self) -> Term {
        self.0.term()
    }
}

/// Table type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Set,
    OrderedSet,
    Bag,
    DuplicateBag,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Set => "set",
            Kind::OrderedSet => "ordered_set",
            Kind::Bag => "bag",
            Kind::DuplicateBag => "duplicate_bag",
        }
    }
    fn is_bag(self) -> bool {
        matches!(self, Kind::Bag | Kind::DuplicateBag)
    }
}

/// Access rights of processes other than the owner.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Access {
    Public,
    Protected,
    Private,
}

impl Access {
    fn name(self) -> &'static str {
        match self {
            Access::Public => "public",
            Access::Protected => "protected",
            Access::Private => "private",
        }
    }
}

/// A key in a table's map (ordering depends on the table kind).
pub struct Key {
    exact: bool,
    k: Stored,
}

impl Key {
    fn cmp_term(&self, t: Term) -> std::cmp::Ordering {
        if self.exact {
            cmp::compare_exact(self.k.term(), t)
        } else {
            cmp::compare(self.k.term(), t)
        }
    }
}
impl PartialEq for Key {
    fn eq(&self, o: &Key) -> bool {
        self.cmp(o).is_eq()
    }
}
impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, o: &Key) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Key {
    fn cmp(&self, o: &Key) -> std::cmp::Ordering {
        self.cmp_term(o.k.term())
    }
}

/// Objects of a table: key -> objects with that key (one for sets; insertion order for
/// bags). `ordered_set` tables keep them in `map`, the hashed types in `hash`.
#[derive(Default)]
pub struct Data {
    map: BTreeMap<Key, Vec<Stored>>,
    size: usize,
    /// The objects of a `set`/`bag`/`duplicate_bag` table (created by its first insert).
    hash: Option<Box<LinearHash>>,
}

/// A key of a hashed table with its objects.
struct Entry {
    h: u32,
    key: Key,
    objs: Vec<Stored>,
}

/// erts' hash table (erl_db_hash.c), so that `first`/`next`, `tab2list`, `select` and
/// `match` see the objects in BEAM's order. A key's hash is `internal_hash(Key, 0)`; its
/// bucket `hash & szm`, or `hash & (szm >> 1)` when that bucket is not active yet. 256
/// buckets to begin with; after an insert that leaves more objects than active buckets,
/// one bucket is split (`nactive & (szm >> 1)` into `nactive`, both halves keeping their
/// order); new keys go at the end of their chain. Buckets are allocated in segments (256,
/// then 2048 each); a deletion that leaves fewer objects than `(slots - 2048) / 2`, with
/// three or more segments, joins up to 5 last buckets into their buddies (in front), and
/// the second segment is never given back.
pub struct LinearHash {
    buckets: Vec<Vec<Entry>>,
    szm: u32,
    slots: usize,
}

const FIRST_SEGSZ: usize = 256;
const EXT_SEGSZ: usize = 2048;

fn key_hash(k: Term) -> u32 {
    crate::bif::hash::internal_hash(k, 0)
}

impl LinearHash {
    fn new() -> LinearHash {
        LinearHash {
            buckets: (0..FIRST_SEGSZ).map(|_| Vec::new()).collect(),
            szm: (FIRST_SEGSZ - 1) as u32,
            slots: FIRST_SEGSZ,
        }
    }
    fn ix(&self, h: u32) -> usize {
        let mut i = h & self.szm;
        if i as usize >= self.buckets.len() {
            i &= self.szm >> 1;
        }
        i as usize
    }
    /// (bucket, position in its chain) of `k`.
    fn locate(&self, k: Term) -> Option<(usize, usize)> {
        let h = key_hash(k);
        let i = self.ix(h);
        let pos = self.buckets[i]
            .iter()
            .position(|e| e.h == h && cmp::exact_eq(e.key.k.term(), k))?;
        Some((i, pos))
    }
    fn get(&self, k: Term) -> Option<&Entry> {
        let (i, pos) = self.locate(k)?;
        Some(&self.buckets[i][pos])
    }
    fn get_mut(&mut self, k: Term) -> Option<&mut Entry> {
        let (i, pos) = self.locate(k)?;
        Some(&mut self.buckets[i][pos])
    }
    fn take(&mut self, k: Term) -> Option<Entry> {
        let (i, pos) = self.locate(k)?;
        Some(self.buckets[i].remove(pos))
    }
    fn add(&mut self, k: Term, obj: Term) {
        let h = key_hash(k);
        let i = self.ix(h);
        self.buckets[i].push(Entry {
            h,
            key: Key {
                exact: true,
                k: Stored::new(k),
            },
            objs: vec![Stored::new(obj)],
        });
    }
    /// After an insert: split one bucket when objects outnumber active buckets.
    fn grow(&mut self, nitems: usize) {
        let to = self.buckets.len();
        if nitems <= to {
            return;
        }
        if to == self.slots {
            self.slots += EXT_SEGSZ;
        }
        if to as u32 == self.szm + 1 {
            self.szm = (self.szm << 1) | 1;
        }
        let from = to & (self.szm as usize >> 1);
        let szm = self.szm;
        let chain = std::mem::take(&mut self.buckets[from]);
        let (stay, moved): (Vec<Entry>, Vec<Entry>) = if chain.is_empty() {
            (chain, Vec::new())
        } else {
            chain
                .into_iter()
                .partition(|e| (e.h & szm) as usize == from)
        };
        self.buckets[from] = stay;
        self.buckets.push(moved);
    }
    /// After a deletion: join buckets while the table is sparse enough.
    fn shrink(&mut self, nitems: usize) {
        for _ in 0..5 {
            let limit = if self.slots >= FIRST_SEGSZ + 2 * EXT_SEGSZ {
                (self.slots - EXT_SEGSZ) / 2
            } else {
                0
            };
            let n = self.buckets.len();
            if n <= FIRST_SEGSZ || nitems >= limit {
                return;
            }
            let src = n - 1;
            let low = self.szm >> 1;
            let dst = src & low as usize;
            let mut moved = self.buckets.pop().unwrap_or_default();
            if !moved.is_empty() {
                moved.append(&mut self.buckets[dst]);
                self.buckets[dst] = moved;
            }
            if dst == 0 {
                self.szm = low;
            }
            if src == self.slots - EXT_SEGSZ {
                self.slots -= EXT_SEGSZ;
            }
        }
    }
    /// Keys in chain order.
    fn first(&self) -> Option<Term> {
        self.buckets.iter().flatten().map(|e| e.key.k.term()).next()
    }
    /// The key after `k` in chain order.
    fn next(&self, k: Term) -> Option<Term> {
        let (i, pos) = self.locate(k)?;
        self.buckets[i][pos + 1..]
            .iter()
            .chain(self.buckets[i + 1..].iter().flatten())
            .map(|e| e.key.k.term())
            .next()
    }
}

impl Data {
    fn find(&self, exact: bool, k: Term) -> Option<(&Key, &Vec<Stored>)> {
        if exact {
            return self.hash.as_ref()?.get(k).map(|e| (&e.key, &e.objs));
        }
        // BTreeMap has no lookup by a foreign comparator: search by range on a probe key.
        let probe = Key {
            exact,
            k: probe_stored(k),
        };
        let r = self.map.get_key_value(&probe);
        forget_probe(probe);
        r
    }
    fn find_mut(&mut self, exact: bool, k: Term) -> Option<&mut Vec<Stored>> {
        if exact {
            return self.hash.as_mut()?.get_mut(k).map(|e| &mut e.objs);
        }
        let probe = Key {
            exact,
            k: probe_stored(k),
        };
        let r = self.map.get_mut(&probe);
        forget_probe(probe);
        r
    }
    fn remove(&mut self, exact: bool, k: Term) -> Option<Vec<Stored>> {
        if exact {
            let h = self.hash.as_mut()?;
            let e = h.take(k)?;
            self.size -= e.objs.len();
            h.shrink(self.size);
            return Some(e.objs);
        }
        let probe = Key {
            exact,
            k: probe_stored(k),
        };
        let r = self.map.remove(&probe);
        forget_probe(probe);
        if let Some(v) = &r {
            self.size -= v.len();
        }
        r
    }
    /// A new key with its first object.
    fn add(&mut self, exact: bool, k: Term, obj: Term) {
        self.size += 1;
        if exact {
            let h = self.hash.get_or_insert_with(|| Box::new(LinearHash::new()));
            h.add(k, obj);
            h.grow(self.size);
        } else {
            self.map.insert(
                Key {
                    exact,
                    k: Stored::new(k),
                },
                vec![Stored::new(obj)],
            );
        }
    }
    /// After objects were added to existing keys (bags).
    fn grown(&mut self) {
        if let Some(h) = self.hash.as_mut() {
            h.grow(self.size);
        }
    }
    /// After objects were deleted from keys that stay.
    fn shrunk(&mut self) {
        if let Some(h) = self.hash.as_mut() {
            h.shrink(self.size);
        }
    }
}

/// A `Stored` that only borrows `t` (no fragment of its own); must be forgotten, never
/// dropped, and never outlive the borrow.
fn probe_stored(t: Term) -> Stored {
    Stored(Message::build(0, |_| t))
}
fn forget_probe(p: Key) {
    // The probe's fragment is empty: dropping it is harmless, but its term is borrowed.
    drop(p);
}

/// One table.
pub struct Table {
    /// Reference ids of the table id.
    pub id: [u32; 3],
    /// The name (an atom index).
    pub name: AtomicU32,
    /// Registered under its name.
    pub named: bool,
    pub kind: Kind,
    pub access: Access,
    /// 1-based key position.
    pub keypos: usize,
    /// Pid serial of the owner.
    pub owner: AtomicU64,
    /// Heir: pid serial and the data sent with the transfer.
    pub heir: Mutex<Option<(u64, Stored)>>,
    pub data: RwLock<Data>,
    deleted: std::sync::atomic::AtomicBool,
}

impl Table {
    fn exact(&self) -> bool {
        self.kind != Kind::OrderedSet
    }
    /// The identifier processes use: the name for named tables, else the reference.
    pub fn tid_term<H: Heap + ?Sized>(&self, h: &mut H) -> Term {
        if self.named {
            Term::atom(self.name.load(Ordering::Acquire))
        } else {
            term::reference(h, self.id)
        }
    }
    fn key_of(&self, obj: Term) -> Term {
        obj.tuple_elements()
            .map(|e| e[self.keypos - 1])
            .unwrap_or(NIL)
    }
    fn valid_object(&self, obj: Term) -> bool {
        obj.tuple_elements().is_some_and(|e| e.len() >= self.keypos)
    }
}

#[derive(Default)]
struct Registry {
    by_id: HashMap<[u32; 3], Arc<Table>>,
    by_name: HashMap<u32, Arc<Table>>,
}

fn registry() -> &'static RwLock<Registry> {
    static R: OnceLock<RwLock<Registry>> = OnceLock::new();
    R.get_or_init(|| RwLock::new(Registry::default()))
}

/// Live tables (the exit hook does nothing while this is 0).
static LIVE: AtomicUsize = AtomicUsize::new(0);

fn a(name: &str) -> Term {
    Term::intern(name).unwrap_or(Term::atom(idx::UNDEFINED))
}

fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

/// The table `tab` names (a reference or a registered name), if it exists.
pub fn resolve(tab: Term) -> Option<Arc<Table>> {
    let r = registry().read();
    if let Some(i) = tab.atom_index() {
        return r.by_name.get(&i).cloned();
    }
    let ids = tab.ref_ids()?;
    r.by_id.get(&ids).cloned()
}

enum Op {
    Read,
    Write,
}

fn table(p: &Process, tab: Term, op: Op) -> Result<Arc<Table>, Exception> {
    let t = resolve(tab).ok_or_else(Exception::badarg)?;
    let me = p.pid().pid_serial().unwrap_or(0);
    let owner = t.owner.load(Ordering::Acquire) == me;
    let ok = match (t.access, op) {
        (Access::Public, _) => true,
        (Access::Protected, Op::Read) => true,
        _ => owner,
    };
    if ok {
        Ok(t)
    } else {
        badarg()
    }
}

fn copy_out(p: &mut Process, t: Term) -> Term {
    copy_term(p, t)
}

fn list_out(p: &mut Process, objs: &[Term]) -> Term {
    let mut out = NIL;
    for &o in objs.iter().rev() {
        let c = copy_out(p, o);
        out = term::cons(p, c, out);
    }
    out
}

// ---- new / delete / registry ------------------------------------------------------------

/// `ets:new(Name, Options)`.
pub fn new(p: &mut Process, name: Term, opts: Term) -> BifResult {
    let name_i = name.atom_index().ok_or_else(Exception::badarg)?;
    let opts = opts.list_to_vec().ok_or_else(Exception::badarg)?;
    let (mut kind, mut access, mut named, mut keypos, mut heir) =
        (Kind::Set, Access::Protected, false, 1usize, None);
    for o in opts {
        if let Some(n) = o.atom_name() {
            match n {
                "set" => kind = Kind::Set,
                "ordered_set" => kind = Kind::OrderedSet,
                "bag" => kind = Kind::Bag,
                "duplicate_bag" => kind = Kind::DuplicateBag,
                "public" => access = Access::Public,
                "protected" => access = Access::Protected,
                "private" => access = Access::Private,
                "named_table" => named = true,
                "compressed" => {}
                _ => return badarg(),
            }
            continue;
        }
        let e = o.tuple_elements().ok_or_else(Exception::badarg)?;
        match (e.first().and_then(|x| x.atom_name()), e.len()) {
            (Some("keypos"), 2) => {
                keypos = e[1]
                    .small_value()
                    .filter(|k| *k >= 1)
                    .ok_or_else(Exception::badarg)? as usize
            }
            (Some("read_concurrency" | "write_concurrency" | "decentralized_counters"), 2) => {
                if !e[1].is_boolean() && e[1].atom_name() != Some("auto") {
                    return badarg();
                }
            }
            (Some("heir"), 2) if e[1].atom_name() == Some("none") => heir = None,
            (Some("heir"), 3) => {
                let s = e[1].pid_serial().ok_or_else(Exception::badarg)?;
                heir = Some((s, Stored::new(e[2])));
            }
            _ => return badarg(),
        }
    }
    let r = term::make_ref(p);
    let id = r.ref_ids().ok_or_else(Exception::badarg)?;
    let t = Arc::new(Table {
        id,
        name: AtomicU32::new(name_i),
        named,
        kind,
        access,
        keypos,
        owner: AtomicU64::new(p.pid().pid_serial().unwrap_or(0)),
        heir: Mutex::new(heir),
        data: RwLock::new(Data::default()),
        deleted: Default::default(),
    });
    let mut reg = registry().write();
    if named {
        if reg.by_name.contains_key(&name_i) {
            return badarg();
        }
        reg.by_name.insert(name_i, t.clone());
    }
    reg.by_id.insert(id, t);
    LIVE.fetch_add(1, Ordering::AcqRel);
    Ok(if named { name } else { r })
}

fn unregister(t: &Table) {
    let mut reg = registry().write();
    if reg.by_id.remove(&t.id).is_some() {
        LIVE.fetch_sub(1, Ordering::AcqRel);
    }
    if t.named {
        let n = t.name.load(Ordering::Acquire);
        if reg.by_name.get(&n).is_some_and(|x| x.id == t.id) {
            reg.by_name.remove(&n);
        }
    }
    t.deleted.store(true, Ordering::Release);
}

/// `ets:delete(Tab)`.
pub fn delete_table(p: &mut Process, tab: Term) -> BifResult {
    let t = resolve(tab).ok_or_else(Exception::badarg)?;
    if t.owner.load(Ordering::Acquire) != p.pid().pid_serial().unwrap_or(0)
        && t.access != Access::Public
    {
        return badarg();
    }
    unregister(&t);
    *t.data.write() = Data::default();
    Ok(Term::bool(true))
}

/// `ets:whereis(Name)`.
pub fn whereis(p: &mut Process, name: Term) -> BifResult {
    let i = name.atom_index().ok_or_else(Exception::badarg)?;
    let t = registry().read().by_name.get(&i).cloned();
    Ok(match t {
        Some(t) => term::reference(p, t.id),
        None => Term::atom(idx::UNDEFINED),
    })
}

/// `ets:all()`.
pub fn all(p: &mut Process) -> BifResult {
    let tabs: Vec<Arc<Table>> = registry().read().by_id.values().cloned().collect();
    let ids: Vec<Term> = tabs.iter().map(|t| t.tid_term(p)).collect();
    Ok(term::list(p, &ids))
}

/// `ets:rename(Tab, Name)`.
pub fn rename(p: &mut Process, tab: Term, name: Term) -> BifResult {
    let t = table(p, tab, Op::Write)?;
    let n = name.atom_index().ok_or_else(Exception::badarg)?;
    let mut reg = registry().write();
    if t.named {
        if reg.by_name.contains_key(&n) {
            return badarg();
        }
        reg.by_name.remove(&t.name.load(Ordering::Acquire));
        reg.by_name.insert(n, t.clone());
    }
    t.name.store(n, Ordering::Release);
    Ok(name)
}

/// The owner of a table changes (give_away, heir); returns the message to send.
fn transfer_msg(t: &Table, from: Term, gift: Term) -> Message {
    Message::build(16, |h| {
        let tid = t.tid_term(h);
        let g = copy_term(h, gift);
        term::tuple(h, &[a("ETS-TRANSFER"), tid, from, g])
    })
}

/// `ets:give_away(Tab, Pid, Gift)`: checks and ownership change; the caller sends the
/// returned message to the new owner.
pub fn give_away(
    p: &mut Process,
    tab: Term,
    pid: Term,
    gift: Term,
) -> Result<(u64, Message), Exception> {
    let t = resolve(tab).ok_or_else(Exception::badarg)?;
    let me = p.pid().pid_serial().unwrap_or(0);
    let to = pid.pid_serial().ok_or_else(Exception::badarg)?;
    if t.owner.load(Ordering::Acquire) != me || to == me {
        return badarg();
    }
    let msg = transfer_msg(&t, p.pid(), gift);
    t.owner.store(to, Ordering::Release);
    Ok((to, msg))
}

/// Undo a give_away whose receiver turned out to be dead.
pub fn take_back(p: &mut Process, tab: Term) {
    if let Some(t) = resolve(tab) {
        t.owner
            .store(p.pid().pid_serial().unwrap_or(0), Ordering::Release);
    }
}

/// Process `serial` has exited: delete its tables, or hand them to their live heirs.
/// `alive` says whether a pid serial is a live process; `send` delivers a message.
pub fn owner_exited(
    serial: u64,
    pid: Term,
    alive: &dyn Fn(u64) -> bool,
    send: &dyn Fn(u64, Message),
) {
    if LIVE.load(Ordering::Acquire) == 0 {
        return;
    }
    let mine: Vec<Arc<Table>> = registry()
        .read()
        .by_id
        .values()
        .filter(|t| t.owner.load(Ordering::Acquire) == serial)
        .cloned()
        .collect();
    for t in mine {
        let heir = t.heir.lock().take();
        if let Some((h, data)) = heir {
            if h != serial && alive(h) {
                t.owner.store(h, Ordering::Release);
                send(h, transfer_msg(&t, pid, data.term()));
                continue;
            }
        }
        unregister(&t);
        *t.data.write() = Data::default();
    }
}

// ---- writes -------------------------------------------------------------------------------

fn insert_one(t: &Table, d: &mut Data, obj: Term) {
    let k = t.key_of(obj);
    let exact = t.exact();
    match t.kind {
        Kind::Set => {
            if let Some(v) = d.find_mut(exact, k) {
                v[0] = Stored::new(obj);
                return;
            }
        }
        Kind::OrderedSet => {
            // The new object replaces the old one, key included (1.0 may replace 1, and
            // first/next then return 1.0): drop the entry and insert afresh below.
            d.remove(exact, k);
        }
        Kind::Bag => {
            if let Some(v) = d.find_mut(exact, k) {
                if !v.iter().any(|o| cmp::exact_eq(o.term(), obj)) {
                    v.push(Stored::new(obj));
                    d.size += 1;
                    d.grown();
                }
                return;
            }
        }
        Kind::DuplicateBag => {
            if let Some(v) = d.find_mut(exact, k) {
                v.push(Stored::new(obj));
                d.size += 1;
                d.grown();
                return;
            }
        }
    }
    d.add(exact, k, obj);
}

fn objects_arg(t: &Table, objs: Term) -> Result<Vec<Term>, Exception> {
    let mut v = if objs.is_tuple() {
        vec![objs]
    } else {
        objs.list_to_vec().ok_or_else(Exception::badarg)?
    };
    if t.kind == Kind::Bag {
        // BEAM adds a list of objects to a bag last to first: `insert(B, [{k,1}, {k,2}])`
        // then looks up as [{k,2}, {k,1}] (single inserts append).
        v.reverse();
    }
    if v.iter().all(|o| t.valid_object(*o)) {
        Ok(v)
    } else {
        badarg()
    }
}

/// `ets:insert(Tab, ObjOrObjs)`.
pub fn insert(p: &mut Process, tab: Term, objs: Term) -> BifResult {
    let t = table(p, tab, Op::Write)?;
    let v = objects_arg(&t, objs)?;
    let mut d = t.data.write();
    for o in v {
        insert_one(&t, &mut d, o);
    }
    Ok(Term::bool(true))
}

/// `ets:insert_new(Tab, ObjOrObjs)`.
pub fn insert_new(p: &mut Process, tab: Term, objs: Term) -> BifResult {
    let t = table(p, tab, Op::Write)?;
    let v = objects_arg(&t, objs)?;
    let mut d = t.data.write();
    if v.iter().any(|o| d.find(t.exact(), t.key_of(*o)).is_some()) {
        return Ok(Term::bool(false));
    }
    for o in v {
        insert_one(&t, &mut d, o);
    }
    Ok(Term::bool(true))
}

/// `ets:delete(Tab, Key)`.
pub fn delete_key(p: &mut Process, tab: Term, key: Term) -> BifResult {
    let t = table(p, tab, Op::Write)?;
    t.data.write().remove(t.exact(), key);
    Ok(Term::bool(true))
}

/// `ets:delete_object(Tab, Object)`.
pub fn delete_object(p: &mut Process, tab: Term, obj: Term) -> BifResult {
    let t = table(p, tab, Op::Write)?;
    if !t.valid_object(obj) {
        return badarg();
    }
    let mut d = t.data.write();
    let exact = t.exact();
    let k = t.key_of(obj);
    let mut removed = 0;
    let mut empty = false;
    if let Some(v) = d.find_mut(exact, k) {
        let before = v.len();
        v.retain(|o| !cmp::exact_eq(o.term(), obj));
        removed = before - v.len();
        empty = v.is_empty();
    }
    d.size -= removed;
    if empty {
        d.remove(exact, k);
    } else if removed > 0 {
        d.shrunk();
    }
    Ok(Term::bool(true))
}

/// `ets:delete_all_objects(Tab)`.
pub fn delete_all_objects(p: &mut Process, tab: Term) -> BifResult {
    let t = table(p, tab, Op::Write)?;
    *t.data.write() = Data::default();
    Ok(Term::bool(true))
}

// ---- reads --------------------------------------------------------------------------------

/// `ets:lookup(Tab, Key)`.
pub fn lookup(p: &mut Process, tab: Term, key: Term) -> BifResult {
    let t = table(p, tab, Op::Read)?;
    let d = t.data.read();
    let objs: Vec<Term> = d
        .find(t.exact(), key)
        .map(|(_, v)| v.iter().map(Stored::term).collect())
        .unwrap_or_default();
    Ok(list_out(p, &objs))
}

/// `ets:take(Tab, Key)`: the objects with the key, removed from the table in one step.
pub fn take(p: &mut Process, tab: Term, key: Term) -> BifResult {
    let t = table(p, tab, Op::Write)?;
    let removed = t.data.write().remove(t.exact(), key);
    let objs: Vec<Term> = removed
        .as_ref()
        .map(|v| v.iter().map(Stored::term).collect())
        .unwrap_or_default();
    Ok(list_out(p, &objs))
}

/// `ets:match_spec_compile(Spec)`: the checked spec as `{'$ferl_compiled_ms', Spec}`
/// (BEAM gives an opaque reference); a bad spec is badarg.
pub fn match_spec_compile(p: &mut Process, spec: Term) -> BifResult {
    ms::compile(spec, p.pid()).ok_or_else(Exception::badarg)?;
    let tag = Term::intern("$ferl_compiled_ms").unwrap_or(NIL);
    Ok(term::tuple(p, &[tag, spec]))
}

/// `ets:match_spec_run(List, CompiledSpec)`: the results of the spec on the elements of
/// List it matches, in list order.
pub fn match_spec_run(p: &mut Process, list: Term, compiled: Term) -> BifResult {
    let spec = match compiled.tuple_elements() {
        Some([tag, s]) if tag.atom_name() == Some("$ferl_compiled_ms") => *s,
        _ => return badarg(),
    };
    let spec = ms::compile(spec, p.pid()).ok_or_else(Exception::badarg)?;
    let items = list.list_to_vec().ok_or_else(Exception::badarg)?;
    let mut out = Vec::new();
    for it in items {
        if let Some(r) = spec.run(p, it) {
            out.push(r);
        }
    }
    Ok(term::list(p, &out))
}

/// `ets:member(Tab, Key)`.
pub fn member(p: &mut Process, tab: Term, key: Term) -> BifResult {
    let t = table(p, tab, Op::Read)?;
    let d = t.data.read();
    Ok(Term::bool(d.find(t.exact(), key).is_some()))
}

/// `ets:lookup_element(Tab, Key, Pos)`.
pub fn lookup_element(p: &mut Process, tab: Term, key: Term, pos: Term) -> BifResult {
    let t = table(p, tab, Op::Read)?;
    let pos = pos
        .small_value()
        .filter(|x| *x >= 1)
        .ok_or_else(Exception::badarg)? as usize;
    let d = t.data.read();
    let (_, v) = d.find(t.exact(), key).ok_or_else(Exception::badarg)?;
    let mut elems = Vec::new();
    for o in v {
        let ot = o.term();
        let e = ot.tuple_elements().unwrap_or(&[]);
        elems.push(*e.get(pos - 1).ok_or_else(Exception::badarg)?);
    }
    if t.kind.is_bag() {
        Ok(list_out(p, &elems))
    } else {
        Ok(copy_out(p, elems[0]))
    }
}

/// Every object in table order: key order for `ordered_set`; for hashed tables BEAM's
/// (chains from the last bucket down, each chain from its end, a key's objects oldest
/// first).
fn all_objects(d: &Data) -> Vec<Term> {
    let mut out = Vec::with_capacity(d.size);
    match &d.hash {
        Some(h) => {
            for b in h.buckets.iter().rev() {
                for e in b.iter().rev() {
                    out.extend(e.objs.iter().map(Stored::term));
                }
            }
        }
        None => out.extend(d.map.values().flat_map(|v| v.iter().map(Stored::term))),
    }
    out
}

/// `ets:tab2list(Tab)`.
pub fn tab2list(p: &mut Process, tab: Term) -> BifResult {
    let t = table(p, tab, Op::Read)?;
    let d = t.data.read();
    let objs: Vec<Term> = all_objects(&d);
    Ok(list_out(p, &objs))
}

fn end_of_table() -> Term {
    a("$end_of_table")
}

/// `ets:first/1` (`last = false`) and `ets:last/1`.
pub fn first(p: &mut Process, tab: Term, last: bool) -> BifResult {
    let t = table(p, tab, Op::Read)?;
    let d = t.data.read();
    let k = if let Some(h) = &d.hash {
        h.first()
    } else if last && t.kind == Kind::OrderedSet {
        d.map.keys().next_back().map(|k| k.k.term())
    } else {
        d.map.keys().next().map(|k| k.k.term())
    };
    Ok(match k {
        Some(k) => copy_out(p, k),
        None => end_of_table(),
    })
}

/// `ets:next/2` (`prev = false`) and `ets:prev/2`.
pub fn next(p: &mut Process, tab: Term, key: Term, prev: bool) -> BifResult {
    use std::ops::Bound::{Excluded, Unbounded};
    let t = table(p, tab, Op::Read)?;
    let d = t.data.read();
    let exact = t.exact();
    let prev = prev && t.kind == Kind::OrderedSet;
    if t.kind != Kind::OrderedSet && d.find(exact, key).is_none() {
        return badarg();
    }
    if let Some(h) = &d.hash {
        return Ok(match h.next(key) {
            Some(k) => copy_out(p, k),
            None => end_of_table(),
        });
    }
    let probe = Key {
        exact,
        k: probe_stored(key),
    };
    let found = if prev {
        d.map
            .range((Unbounded, Excluded(&probe)))
            .next_back()
            .map(|(k, _)| k.k.term())
    } else {
        d.map
            .range((Excluded(&probe), Unbounded))
            .next()
            .map(|(k, _)| k.k.term())
    };
    forget_probe(probe);
    Ok(match found {
        Some(k) => copy_out(p, k),
        None => end_of_table(),
    })
}

// ---- counters and element updates -------------------------------------------------------------

fn int_arg(t: Term) -> Result<Term, Exception> {
    if t.is_integer() {
        Ok(t)
    } else {
        badarg()
    }
}

/// One `update_counter` operation: (position, increment, optional (threshold, setvalue)).
type CounterOp = (usize, Term, Option<(Term, Term)>);

fn counter_op(t: &Table, op: Term) -> Result<CounterOp, Exception> {
    if op.is_integer() {
        // A bare increment updates the element right after the key.
        return Ok((t.keypos + 1, op, None));
    }
    let e = op.tuple_elements().ok_or_else(Exception::badarg)?;
    let pos = e
        .first()
        .and_then(|x| x.small_value())
        .filter(|x| *x >= 1)
        .ok_or_else(Exception::badarg)? as usize;
    if pos == t.keypos {
        return badarg();
    }
    match e.len() {
        2 => Ok((pos, int_arg(e[1])?, None)),
        4 => Ok((pos, int_arg(e[1])?, Some((int_arg(e[2])?, int_arg(e[3])?)))),
        _ => badarg(),
    }
}

/// `ets:update_counter(Tab, Key, UpdateOp[, Default])`.
pub fn update_counter(
    p: &mut Process,
    tab: Term,
    key: Term,
    op: Term,
    default: Option<Term>,
) -> BifResult {
    let t = table(p, tab, Op::Write)?;
    if t.kind.is_bag() {
        return badarg();
    }
    let (ops, many) = match op.list_to_vec() {
        Some(v) => (v, true),
        None => (vec![op], false),
    };
    let ops: Vec<CounterOp> = ops
        .into_iter()
        .map(|o| counter_op(&t, o))
        .collect::<Result<_, _>>()?;
    if let Some(dflt) = default {
        if !t.valid_object(dflt) {
            return badarg();
        }
    }
    let mut d = t.data.write();
    let exact = t.exact();
    let mut scratch = crate::heap::FragHeap::new();
    let mut elems: Vec<Term> = match d.find(exact, key) {
        Some((_, v)) => v[0].term().tuple_elements().unwrap_or(&[]).to_vec(),
        None => match default {
            Some(dflt) => {
                let mut e = dflt.tuple_elements().unwrap_or(&[]).to_vec();
                e[t.keypos - 1] = key;
                e
            }
            None => return badarg(),
        },
    };
    let mut results = Vec::new();
    for (pos, incr, thr) in ops {
        let cur = *elems.get(pos - 1).ok_or_else(Exception::badarg)?;
        if !cur.is_integer() {
            return badarg();
        }
        let mut v = crate::arith::add(&mut scratch, cur, incr)?;
        if let Some((th, set)) = thr {
            let neg = cmp::compare(incr, Term::small(0).unwrap_or(NIL)).is_lt();
            let over = if neg {
                cmp::compare(v, th).is_lt()
            } else {
                cmp::compare(v, th).is_gt()
            };
            if over {
                v = set;
            }
        }
        elems[pos - 1] = v;
        results.push(v);
    }
    let obj = term::tuple(&mut scratch, &elems);
    insert_one(&t, &mut d, obj);
    drop(d);
    Ok(if many {
        list_out(p, &results)
    } else {
        copy_out(p, results[0])
    })
}

/// `ets:update_element(Tab, Key, {Pos, Value} | [{Pos, Value}])`.
pub fn update_element(p: &mut Process, tab: Term, key: Term, upd: Term) -> BifResult {
    let t = table(p, tab, Op::Write)?;
    if t.kind.is_bag() {
        return badarg();
    }
    let mut d = t.data.write();
    // As BEAM: no object with the key gives false before the updates are checked.
    let Some((_, v)) = d.find(t.exact(), key) else {
        return Ok(Term::bool(false));
    };
    let ups = if upd.is_tuple() {
        vec![upd]
    } else {
        upd.list_to_vec().ok_or_else(Exception::badarg)?
    };
    let mut pairs = Vec::new();
    for u in ups {
        match u.tuple_elements() {
            Some([pos, v]) => {
                let pos = pos
                    .small_value()
                    .filter(|x| *x >= 1)
                    .ok_or_else(Exception::badarg)? as usize;
                if pos == t.keypos {
                    return badarg();
                }
                pairs.push((pos, *v));
            }
            _ => return badarg(),
        }
    }
    let mut elems = v[0].term().tuple_elements().unwrap_or(&[]).to_vec();
    for (pos, v) in pairs {
        *elems.get_mut(pos - 1).ok_or_else(Exception::badarg)? = v;
    }
    let mut scratch = crate::heap::FragHeap::new();
    let obj = term::tuple(&mut scratch, &elems);
    insert_one(&t, &mut d, obj);
    Ok(Term::bool(true))
}

// ---- match specifications ---------------------------------------------------------------------

/// What a select does with each match.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SelectMode {
    /// Collect the body results.
    Select,
    /// Count matches whose body is `true`.
    Count,
    /// Delete matches whose body is `true`, counting them.
    Delete,
}

/// `ets:select/2`, `select_count/2`, `select_delete/2` (and `match`, `match_object`).
pub fn select(p: &mut Process, tab: Term, spec: Term, mode: SelectMode) -> BifResult {
    let t = table(
        p,
        tab,
        if mode == SelectMode::Delete {
            Op::Write
        } else {
            Op::Read
        },
    )?;
    let spec = ms::compile(spec, p.pid()).ok_or_else(Exception::badarg)?;
    if mode == SelectMode::Delete {
        let mut d = t.data.write();
        let mut n = 0usize;
        let mut scratch = crate::heap::FragHeap::new();
        let exact = t.exact();
        let keep = |o: &Stored, scratch: &mut crate::heap::FragHeap| {
            !spec
                .run(scratch, o.term())
                .is_some_and(|r| r == Term::bool(true))
        };
        if let Some(h) = d.hash.as_mut() {
            for b in h.buckets.iter_mut() {
                for e in b.iter_mut() {
                    let before = e.objs.len();
                    e.objs.retain(|o| keep(o, &mut scratch));
                    n += before - e.objs.len();
                }
                b.retain(|e| !e.objs.is_empty());
            }
            d.size -= n;
            d.shrunk();
            return Ok(Term::small(n as i64).unwrap_or(NIL));
        }
        let keys: Vec<Term> = d.map.keys().map(|k| k.k.term()).collect();
        let mut dead = Vec::new();
        for (ki, v) in d.map.values_mut().enumerate() {
            let before = v.len();
            v.retain(|o| keep(o, &mut scratch));
            n += before - v.len();
            if v.is_empty() {
                dead.push(keys[ki]);
            }
        }
        d.size -= n;
        // Copy the dead keys out first: removing frees their storage.
        let dead: Vec<Stored> = dead.into_iter().map(Stored::new).collect();
        for k in &dead {
            let probe = Key {
                exact,
                k: probe_stored(k.term()),
            };
            d.map.remove(&probe);
            forget_probe(probe);
        }
        return Ok(Term::small(n as i64).unwrap_or(NIL));
    }
    let d = t.data.read();
    // Bound keys: a pattern whose key is fully bound only looks at that key.
    let objs: Vec<Term> = match spec.bound_key(t.keypos) {
        Some(k) => d
            .find(t.exact(), k)
            .map(|(_, v)| v.iter().map(Stored::term).collect())
            .unwrap_or_default(),
        None => all_objects(&d),
    };
    if mode == SelectMode::Count {
        let mut scratch = crate::heap::FragHeap::new();
        let n = objs
            .iter()
            .filter(|o| {
                spec.run(&mut scratch, **o)
                    .is_some_and(|r| r == Term::bool(true))
            })
            .count();
        return Ok(Term::small(n as i64).unwrap_or(NIL));
    }
    let mut results = Vec::new();
    for o in objs {
        if !spec.matches_any(o) {
            continue;
        }
        let c = copy_out(p, o);
        if let Some(r) = spec.run(p, c) {
            results.push(r);
        }
    }
    drop(d);
    Ok(term::list(p, &results))
}

// ---- info ---------------------------------------------------------------------------------------

const INFO_ITEMS: &[&str] = &[
    "id",
    "decentralized_counters",
    "read_concurrency",
    "write_concurrency",
    "compressed",
    "memory",
    "owner",
    "heir",
    "name",
    "size",
    "node",
    "named_table",
    "type",
    "keypos",
    "protection",
];

fn info_item(p: &mut Process, t: &Table, item: &str) -> Option<Term> {
    Some(match item {
        "id" => term::reference(p, t.id),
        "decentralized_counters" | "read_concurrency" | "write_concurrency" | "compressed" => {
            Term::bool(false)
        }
        "memory" => {
            let d = t.data.read();
            let words: usize = all_objects(&d)
                .into_iter()
                .map(crate::copy::size_of)
                .sum::<usize>()
                + 3 * d.size
                + 305;
            Term::small(words as i64).unwrap_or(NIL)
        }
        "owner" => Term::pid(t.owner.load(Ordering::Acquire)),
        "heir" => match &*t.heir.lock() {
            Some((h, _)) => Term::pid(*h),
            None => a("none"),
        },
        "name" => Term::atom(t.name.load(Ordering::Acquire)),
        "size" => Term::small(t.data.read().size as i64).unwrap_or(NIL),
        "node" => Term::atom(idx::NONODE),
        "named_table" => Term::bool(t.named),
        "type" => a(t.kind.name()),
        "keypos" => Term::small(t.keypos as i64).unwrap_or(NIL),
        "protection" => a(t.access.name()),
        _ => return None,
    })
}

/// `ets:info(Tab)`: `undefined` for a table that does not exist.
pub fn info(p: &mut Process, tab: Term) -> BifResult {
    if tab.atom_index().is_none() && !tab.is_ref() {
        return badarg();
    }
    let Some(t) = resolve(tab) else {
        return Ok(Term::atom(idx::UNDEFINED));
    };
    let mut items = Vec::new();
    for it in INFO_ITEMS {
        let v = info_item(p, &t, it).unwrap_or(NIL);
        items.push(term::tuple(p, &[a(it), v]));
    }
    Ok(term::list(p, &items))
}

/// `ets:info(Tab, Item)`.
pub fn info2(p: &mut Process, tab: Term, item: Term) -> BifResult {
    if tab.atom_index().is_none() && !tab.is_ref() {
        return badarg();
    }
    let name = item.atom_name().ok_or_else(Exception::badarg)?;
    let Some(t) = resolve(tab) else {
        return if INFO_ITEMS.contains(&name) || name == "fixed" || name == "safe_fixed" {
            Ok(Term::atom(idx::UNDEFINED))
        } else {
            badarg()
        };
    };
    match name {
        "fixed" => Ok(Term::bool(false)),
        "safe_fixed" => Ok(Term::bool(false)),
        _ => info_item(p, &t, name).ok_or_else(Exception::badarg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::to_string;

    fn atom(s: &str) -> Term {
        Term::intern(s).unwrap()
    }

    fn opts(p: &mut Process, o: &[&str]) -> Term {
        let v: Vec<Term> = o.iter().map(|s| atom(s)).collect();
        term::list(p, &v)
    }

    #[test]
    fn objects_are_copies_and_tables_die_with_their_owner() {
        let mut p = Process::new(900_001);
        let o = opts(&mut p, &["ordered_set", "public"]);
        let t = new(&mut p, atom("unit_t"), o).unwrap();
        let big = term::int(&mut *p, 1 << 40);
        let obj = term::tuple(&mut *p, &[atom("k"), big]);
        insert(&mut p, t, obj).unwrap();
        let got = lookup(&mut p, t, atom("k")).unwrap();
        assert_eq!(to_string(got), "[{k,1099511627776}]");
        // The stored object is not on p's heap: the returned list is a fresh copy.
        let (h, _) = got.cons_parts().unwrap();
        assert_ne!(h.raw(), obj.raw());
        let mut other = Process::new(900_002);
        assert_eq!(
            to_string(lookup(&mut other, t, atom("k")).unwrap()),
            "[{k,1099511627776}]"
        );
        let sent = std::cell::Cell::new(0);
        owner_exited(900_001, p.pid(), &|_| false, &|_, _| {
            sent.set(sent.get() + 1)
        });
        assert!(resolve(t).is_none(), "the table went with its owner");
        assert!(lookup(&mut other, t, atom("k")).is_err());
        assert_eq!(sent.get(), 0);
    }

    #[test]
    fn concurrent_counters_from_threads() {
        let mut p = Process::new(900_010);
        let o = opts(&mut p, &["set", "public"]);
        let t = new(&mut p, atom("unit_c"), o).unwrap();
        let id = t.ref_ids().unwrap();
        let zero = Term::small(0).unwrap();
        let obj = term::tuple(&mut *p, &[atom("n"), zero]);
        insert(&mut p, t, obj).unwrap();
        let hs: Vec<_> = (0..4)
            .map(|i| {
                std::thread::spawn(move || {
                    let mut q = Process::new(900_020 + i);
                    let t = term::reference(&mut *q, id);
                    for _ in 0..1000 {
                        update_counter(&mut q, t, atom("n"), Term::small(1).unwrap(), None)
                            .unwrap();
                    }
                })
            })
            .collect();
        for h in hs {
            h.join().unwrap();
        }
        assert_eq!(
            to_string(lookup(&mut p, t, atom("n")).unwrap()),
            "[{n,4000}]"
        );
        delete_table(&mut p, t).unwrap();
    }
}
