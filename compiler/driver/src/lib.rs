//! The driver: everything the command-line tools share.
//!
//! Owns: file I/O ([`loader`]), source decoding, erlc-compatible option parsing
//! ([`options`]), running the front-end phases on a file ([`frontend`]), and choosing how
//! diagnostics are rendered and where they go.
//! Must not: contain language rules (those live in ferl_syntax / ferl_sema) or format
//! diagnostics itself (ferl_diagnostics::render does).

pub mod eunit;
pub mod frontend;
pub mod loader;
pub mod native;
pub mod options;

/// Stack size for threads that run compiler phases: deep enough for syntax trees of
/// machine-generated code (the memory is only reserved, not committed, until used).
pub const BIG_STACK: usize = 1 << 30;
