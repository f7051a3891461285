//! factcheck: a fact-checker for defense reporting. The library is the engine — KB loading,
//! claim extraction, checking — and returns plain data; the binary decides what is printed
//! and the exit code.

// Only the binary prints: the engine returns data.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod codes;
pub mod date;
pub mod entity;
pub mod extract;
pub mod fmt;
pub mod input;
pub mod kb;
pub mod span;
pub mod state;
pub mod suppress;
pub mod text;
