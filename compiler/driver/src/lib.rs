//! The driver: reads files, runs the phases, renders diagnostics.
