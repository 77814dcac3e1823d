//! The virtual value stack: what codegen knows about each Python stack slot at compile time.
//!
//! Every entry has a home slot in the frame (`localsplus[nlocalsplus + depth]`). Loads of locals
//! and constants are deferred: they stay virtual (no store, no refcount traffic) until an
//! instruction consumes them, control flow merges, or the frame must be handed to the
//! interpreter, when they are materialised into their home slot with a new reference.
//!
//! Float arithmetic leaves its result unboxed ([`Entry::Float`]): the raw double sits in the
//! home slot, and a float object is made only when the value escapes (stored anywhere but a
//! local, passed to a call, handed to the interpreter). The slot is above `stacktop` while
//! compiled code runs (`stacktop` is -1 then), so nothing that walks the frame reads it as a
//! pointer: exits box such entries before they set `stacktop`.

use pyo3::ffi::PyObject;

/// One stack entry.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Entry {
    /// An owned reference already stored in the home slot.
    Mem,
    /// A borrowed reference to local `i` (which is known to be bound).
    Fast(u32),
    /// A borrowed reference to an object that outlives the code (a constant, `True`, …).
    Const(*mut PyObject),
    /// The NULL marker of the call protocol.
    Null,
    /// An exact float's value, unboxed: the home slot holds the double's bits, not an object.
    Float,
}

/// The stack as codegen sees it at one instruction.
#[derive(Clone, Default, Debug)]
pub struct VStack {
    pub entries: Vec<Entry>,
}

impl VStack {
    /// A stack of `depth` materialised entries, the state at every jump target.
    pub fn materialised(depth: usize) -> VStack {
        VStack { entries: vec![Entry::Mem; depth] }
    }
    pub fn depth(&self) -> usize {
        self.entries.len()
    }
    pub fn push(&mut self, e: Entry) {
        self.entries.push(e)
    }
    pub fn pop(&mut self) -> Entry {
        self.entries.pop().expect("stack underflow in codegen")
    }
    /// Entry `n` from the top (1 = top).
    pub fn peek(&self, n: usize) -> Entry {
        self.entries[self.entries.len() - n]
    }
    pub fn set(&mut self, depth: usize, e: Entry) {
        self.entries[depth] = e
    }
    /// True if any entry borrows local `i`.
    pub fn borrows_local(&self, i: u32) -> bool {
        self.entries.iter().any(|e| *e == Entry::Fast(i))
    }
}
