//! The ferl runtime. See docs/architecture.md.
