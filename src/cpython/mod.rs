//! CPython 3.11 internals that Pyrite reads and writes, bound in one place.
//!
//! Everything version-specific lives under this module: struct offsets (checked against the
//! installed headers by `tests/test_layout.py`), the private C entry points Pyrite calls, and
//! the opcode tables (read at start-up from the running interpreter's own `opcode` module).
//! 3.12 and 3.13 will be sibling modules behind the same names.

pub mod api;
pub mod layout;
pub mod opcode;

pub use api::*;
pub use layout::*;
