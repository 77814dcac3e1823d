//! Python functions found on classes by helpers (`__init__` for constructions, operator and
//! comparison methods, property getters), with their fast entries (`codegen::entry`), cached by class so that a
//! call skips the method lookup and the fast-entry search.
//!
//! An entry is valid while the class keeps its version tag and the code epoch has not moved:
//! version tags are never reused, and any change to the class's or its bases' dicts gives it a
//! new one (as for CPython's method cache), so the function found then is still the class's,
//! alive; a recompilation of its code, or the death of any code with fast entries, moves the
//! epoch, after which the newest code's entry is looked up again.

use std::ptr;

use pyo3::ffi::{self, PyObject};

use crate::cpython::{layout, read};
use crate::runtime::InternedName;

/// What a cache key looks for: `BINARY_OP`'s argument for an operator's method, plus
/// [`REFLECTED`] for its reflected method; [`COMPARISON`] plus `COMPARE_OP`'s argument;
/// [`CONSTRUCTOR`] plus the number of arguments for `__init__`; or the address of a property
/// getter's code ([`PROPERTY_GETTER`] is 0: addresses lie far above the other keys; the entry
/// of that code serves any getter of it, and the code's death moves the epoch).
pub const REFLECTED: usize = 1 << 8;
pub const COMPARISON: usize = 1 << 9;
pub const CONSTRUCTOR: usize = 1 << 10;
pub const PROPERTY_GETTER: usize = 0;

struct CachedFunction {
    tp: usize,
    version: u32,
    epoch: u64,
    key: usize,
    func: *mut PyObject,
    entry: usize,
}

/// Entries of the cache: direct-mapped, so that the classes a loop uses rarely share one.
const SIZE: usize = 256;

static mut CACHE: [CachedFunction; SIZE] =
    [const { CachedFunction { tp: 0, version: 0, epoch: 0, key: 0, func: ptr::null_mut(), entry: 0 } }; SIZE];

/// The entry for `tp` and `key`: a multiplicative hash of both, as type objects are allocated
/// at similar strides.
fn slot(tp: *mut ffi::PyTypeObject, key: usize) -> usize {
    let hash = ((tp as usize) ^ key) as u64;
    (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize % SIZE
}

/// The function `find` gives for `tp` (`key` names what it looks for) and its fast entry for
/// `nargs` positional arguments (0: none yet, as until the function is compiled: then each
/// call looks again). `None` if `find` finds none.
///
/// # Safety
/// GIL held; `tp` is a live type; what `find` returns depends only on the type (its dict, its
/// bases' and its slots), which its version tag covers, and on `key`, and is a function the
/// type holds (directly or through a descriptor of its dict).
#[inline(always)]
pub unsafe fn cached_function(
    tp: *mut ffi::PyTypeObject,
    key: usize,
    nargs: usize,
    find: impl FnOnce() -> Option<*mut PyObject>,
) -> Option<(*mut PyObject, usize)> {
    // SAFETY: GIL held, which serialises every use of the cache; `tp` is live.
    unsafe {
        let version = read::<u32>(tp as *const u8, layout::types::TP_VERSION_TAG);
        let slot = slot(tp, key);
        let epoch = crate::hook::code_epoch();
        #[allow(static_mut_refs)]
        let e = &CACHE[slot];
        if version != 0 && e.tp == tp as usize && e.version == version && e.key == key && e.epoch == epoch {
            return Some((e.func, e.entry));
        }
        let func = find()?;
        let entry = match crate::hook::fast_entry_of(func, nargs, false) {
            crate::hook::FastEntryOf::Ready(entry) => entry,
            _ => 0,
        };
        if entry != 0 && version != 0 && (*tp).tp_flags & ffi::Py_TPFLAGS_VALID_VERSION_TAG != 0 {
            CACHE[slot] = CachedFunction { tp: tp as usize, version, epoch, key, func, entry };
        }
        Some((func, entry))
    }
}

/// `name` looked up on `tp` as special methods are (`_PyType_Lookup`), if it is a Python
/// function (borrowed from the type).
///
/// # Safety
/// GIL held; `tp` is a live type.
pub(crate) unsafe fn type_function(tp: *mut ffi::PyTypeObject, name: &InternedName) -> Option<*mut PyObject> {
    // SAFETY: as documented.
    unsafe {
        let name = name.get();
        if name.is_null() {
            ffi::PyErr_Clear();
            return None;
        }
        let func = crate::cpython::_PyType_Lookup(tp, name);
        (!func.is_null() && ffi::Py_TYPE(func) == ptr::addr_of_mut!(ffi::PyFunction_Type)).then_some(func)
    }
}
