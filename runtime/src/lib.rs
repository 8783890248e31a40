//! The ferl runtime: terms, per-process heaps and GC, and (in later sessions) processes,
//! scheduler, mailboxes, timers and BIFs. The ABI shared with the code generator is
//! described in `docs/runtime-abi.md`.
//!
//! This crate never depends on the compiler and never panics on program errors: they
//! become Erlang exceptions in the process that made them.

pub mod abi;
pub mod arith;
pub mod atom;
pub mod cmp;
pub mod copy;
pub mod etf;
pub mod exception;
pub mod gc;
pub mod heap;
pub mod mailbox;
pub mod native;
pub mod map;
pub mod print;
pub mod process;
pub mod term;

pub use term::Term;
