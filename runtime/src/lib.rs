//! The ferl runtime: terms, per-process heaps and GC, processes, schedulers,
//! signals, mailboxes and timers (BIFs in later sessions). The ABI shared with the code generator is
//! described in `docs/runtime-abi.md`.
//!
//! This crate never depends on the compiler and never panics on program errors: they
//! become Erlang exceptions in the process that made them.

pub mod abi;
pub mod arith;
pub mod atom;
pub mod bif;
pub mod boot;
pub mod cmp;
pub mod copy;
pub mod entry;
pub mod etf;
pub mod ets;
pub mod exception;
pub mod gc;
pub mod heap;
pub mod mailbox;
pub mod map;
pub mod memory;
pub mod native;
pub mod osfile;
pub mod print;
pub mod proc_bifs;
pub mod process;
pub mod ptab;
pub mod report;
pub mod sched;
pub mod signal;
pub mod sys_bifs;
pub mod term;
pub mod timer;
pub mod trace;

pub use sched::{Config, Ctx, MustWait, Runtime, SpawnOpts, Status, Timeout, Wait};
pub use term::Term;
