//! Helpers that compiled code calls for the slow or complex part of an instruction.
//!
//! Conventions, shared with `codegen`:
//! - Arguments are borrowed unless the helper's doc says it steals them.
//! - Pointer results: a new reference, `NULL` with an exception set (error), or [`DEOPT`]
//!   ("let the interpreter execute this instruction": nothing was changed, no exception set).
//! - Integer results: `>= 0` success, [`ERR`] error with an exception set, [`DEOPT_INT`] as above.
//!
//! Rare error paths deliberately deopt instead of re-creating CPython's exact messages: the
//! interpreter then executes the same instruction and raises exactly what stock CPython raises.

#![allow(clippy::missing_safety_doc)]

use crate::cpython::{self, layout, read, write};
use crate::stats::{self, CallPath};
use pyo3::ffi::{self, PyObject, PyThreadState};
use std::os::raw::c_int;
use std::ptr;

/// Pointer result meaning "execute this instruction in the interpreter".
pub const DEOPT: *mut PyObject = 1 as *mut PyObject;
/// Integer result: an exception is set.
pub const ERR: isize = -1;
/// Integer result: execute this instruction in the interpreter.
pub const DEOPT_INT: isize = -2;

#[inline(always)]
unsafe fn decref(o: *mut PyObject) {
    // SAFETY: the caller owns a reference to `o`.
    unsafe { ffi::Py_DECREF(o) }
}

#[inline(always)]
unsafe fn xdecref(o: *mut PyObject) {
    if !o.is_null() {
        // SAFETY: the caller owns a reference to the non-NULL `o`.
        unsafe { ffi::Py_DECREF(o) }
    }
}

#[inline(always)]
unsafe fn incref(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: `o` is a live object.
    unsafe { ffi::Py_INCREF(o) };
    o
}

#[inline(always)]
unsafe fn type_of(o: *mut PyObject) -> *mut ffi::PyTypeObject {
    // SAFETY: `o` is a live object.
    unsafe { read::<*mut ffi::PyTypeObject>(o as *const u8, layout::object::OB_TYPE) }
}

/// Releases `n` owned references starting at `items`.
unsafe fn decref_all(items: *mut *mut PyObject, n: usize) {
    for i in 0..n {
        // SAFETY: the caller owns `n` references at `items`.
        unsafe { xdecref(*items.add(i)) }
    }
}

/// `PyNumber_Power(a, b, None)` for `BINARY_OP **`.
pub unsafe extern "C" fn power(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: borrowed live operands.
    unsafe { ffi::PyNumber_Power(a, b, ffi::Py_None()) }
}

/// `PyNumber_InPlacePower(a, b, None)` for `BINARY_OP **=`.
pub unsafe extern "C" fn inplace_power(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: borrowed live operands.
    unsafe { ffi::PyNumber_InPlacePower(a, b, ffi::Py_None()) }
}

/// `COMPARE_OP` fused with the jump that consumes it: 1 true, 0 false, -1 error.
pub unsafe extern "C" fn compare_truth(a: *mut PyObject, b: *mut PyObject, op: c_int) -> isize {
    // SAFETY: borrowed live operands; the intermediate result is owned here.
    unsafe {
        let r = crate::operators::rich_compare(a, b, op);
        if r.is_null() {
            return ERR;
        }
        let t = truth(r);
        decref(r);
        t
    }
}

/// The value of an exact float, or of an exact int of at most one digit (below 2**30 in
/// magnitude, so the conversion is exact).
///
/// # Safety
/// `o` is live.
#[inline(always)]
unsafe fn exact_number(o: *mut PyObject) -> Option<(f64, bool)> {
    // SAFETY: the fields read belong to the type checked first.
    unsafe {
        let tp = type_of(o);
        if tp == ptr::addr_of_mut!(ffi::PyFloat_Type) {
            return Some((read::<f64>(o as *const u8, layout::object::FLOAT_OB_FVAL), true));
        }
        if tp == ptr::addr_of_mut!(ffi::PyLong_Type) {
            let size = read::<isize>(o as *const u8, layout::object::OB_SIZE);
            if (-1..=1).contains(&size) {
                let digit = read::<u32>(o as *const u8, layout::object::LONG_DIGIT0) as f64;
                return Some((size as f64 * digit, false));
            }
        }
        None
    }
}

/// `a op b` (`COMPARE_OP`'s argument) for a float and a float or small int, as
/// `PyObject_RichCompare` → `float_richcompare` decide it (the int converts exactly; NaN is
/// unordered, unequal to anything); `None` for other operands (two ints included: compiled
/// code compares those) and at the recursion limit.
///
/// # Safety
/// Live operands.
#[inline(always)]
pub unsafe fn compare_numbers(a: *mut PyObject, b: *mut PyObject, op: c_int) -> Option<bool> {
    // SAFETY: as documented.
    unsafe {
        let (x, x_float) = exact_number(a)?;
        let (y, y_float) = exact_number(b)?;
        if !(x_float || y_float) {
            return None;
        }
        // At the recursion limit `PyObject_RichCompare` raises before comparing: left to it.
        if read::<i32>(crate::hook::tstate_ptr() as *const u8, layout::tstate::RECURSION_REMAINING) <= 0 {
            return None;
        }
        Some(match op {
            0 => x < y,
            1 => x <= y,
            2 => x == y,
            3 => x != y,
            4 => x > y,
            _ => x >= y,
        })
    }
}

/// `PyObject_IsTrue` with the bool/None fast paths: 1, 0 or -1.
pub unsafe extern "C" fn truth(o: *mut PyObject) -> isize {
    // SAFETY: `o` is live and borrowed.
    unsafe {
        if o == ffi::Py_True() {
            1
        } else if o == ffi::Py_False() || o == ffi::Py_None() {
            0
        } else {
            ffi::PyObject_IsTrue(o) as isize
        }
    }
}

/// `CONTAINS_OP`: `item in container`, 1, 0 or -1.
pub unsafe extern "C" fn contains(item: *mut PyObject, container: *mut PyObject) -> isize {
    // SAFETY: borrowed live operands.
    unsafe { ffi::PySequence_Contains(container, item) as isize }
}

/// `LOAD_METHOD`: writes `[meth, self]` or `[NULL, attr]` to `out[0..2]` (new references) and
/// releases `obj` if `obj_owned`; on error writes nothing and keeps `obj`.
pub unsafe extern "C" fn load_method(
    obj: *mut PyObject,
    name: *mut PyObject,
    out: *mut *mut PyObject,
    obj_owned: isize,
) -> isize {
    // SAFETY: `out` points at two writable stack slots of the running frame.
    unsafe {
        let mut meth: *mut PyObject = ptr::null_mut();
        let found = cpython::_PyObject_GetMethod(obj, name, &mut meth);
        if meth.is_null() {
            return ERR;
        }
        if found != 0 {
            *out = meth;
            *out.add(1) = incref(obj);
        } else {
            *out = ptr::null_mut();
            *out.add(1) = meth;
        }
        if obj_owned != 0 {
            decref(obj);
        }
        0
    }
}

/// Per-site cache of `LOAD_GLOBAL`: valid while both dicts keep these version tags.
#[repr(C)]
pub struct GlobalCache {
    /// A builtin: the versions of globals (which did not have the name) and builtins.
    pub globals_version: u64,
    pub builtins_version: u64,
    /// Borrowed: the dict that held it has not changed since.
    pub value: *mut PyObject,
    /// [`GlobalCache::IN_GLOBALS`] when the name is a module global: compiled code then reads
    /// the value from its entry in the globals' keys (checked by key, as `LOAD_ATTR_WITH_HINT`
    /// does), so stores to globals (`global counter; counter += 1`) do not invalidate it.
    /// Compiled code does not read it: a cache of one kind keeps the other kind's proof failing
    /// (`globals_version` 0 for a module global, `keys_version` [`NO_KEYS_VERSION`] otherwise).
    pub kind: u64,
    pub index_log2: u64,
    pub entry_offset: u64,
    pub min_entries: u64,
    /// The globals' keys version (`dk_version`) when the entry was found, or [`NO_KEYS_VERSION`]:
    /// while the keys keep it, they have not changed (a new or deleted key resets it, and
    /// versions are never reused), so the entry is the name's without checking the key, as
    /// the interpreter's `LOAD_GLOBAL_MODULE` reads it.
    pub keys_version: u64,
    /// A builtin found by keys ([`GlobalCache::BUILTIN_BY_KEYS`], as `LOAD_GLOBAL_BUILTIN`):
    /// the globals' keys version when the name was not among them; the value is read from the
    /// builtins' entry found by `index_log2`, `entry_offset` and `min_entries` and proved by
    /// its key. A site whose module stores globals (`global counter; counter += 1`) would
    /// otherwise miss on every builtin after each store, since stores change the globals' dict
    /// version. Pyrite cannot give keys a version (3.11's counter is internal to libpython),
    /// so this needs one the interpreter gave when it specialised a `LOAD_GLOBAL`.
    pub globals_keys_version: u64,
}

/// [`GlobalCache::keys_version`] when the keys had no version (no 32-bit version equals it).
pub const NO_KEYS_VERSION: u64 = u64::MAX;

impl GlobalCache {
    pub const fn empty() -> Self {
        // Version 0 is never a live dict's tag after its first mutation, and a fresh empty
        // dict holds nothing to find.
        GlobalCache {
            globals_version: 0,
            builtins_version: 0,
            value: ptr::null_mut(),
            kind: 0,
            index_log2: 0,
            entry_offset: 0,
            min_entries: 0,
            keys_version: NO_KEYS_VERSION,
            globals_keys_version: NO_KEYS_VERSION,
        }
    }

    pub const IN_GLOBALS: u64 = 1;
    pub const BUILTIN_BY_KEYS: u64 = 2;
    pub const OFFSET_INDEX_LOG2: i32 = 32;
    pub const OFFSET_ENTRY: i32 = 40;
    pub const OFFSET_MIN_ENTRIES: i32 = 48;
    pub const OFFSET_KEYS_VERSION: i32 = 56;
    pub const OFFSET_GLOBALS_KEYS_VERSION: i32 = 64;
}

unsafe fn dict_version(d: *mut PyObject) -> u64 {
    // SAFETY: `d` is an exact dict.
    unsafe { read::<u64>(d as *const u8, layout::dict::MA_VERSION_TAG) }
}

/// `LOAD_GLOBAL` slow path: looks the name up and refills the cache. Globals and builtins are
/// exact dicts (checked on entry to compiled code). Unknown name → [`DEOPT`] (NameError).
pub unsafe extern "C" fn load_global(frame: *mut u8, name: *mut PyObject, cache: *mut GlobalCache) -> *mut PyObject {
    // SAFETY: `frame` is the running frame; `cache` is this site's cache, owned by the code.
    unsafe {
        let globals = read::<*mut PyObject>(frame, layout::frame::F_GLOBALS);
        let builtins = read::<*mut PyObject>(frame, layout::frame::F_BUILTINS);
        // The inline checks failed, but the cached entry may still be the name's: proved by
        // its key, as `LOAD_ATTR_WITH_HINT` proves it.
        let c = &mut *cache;
        let gkeys = read::<*mut u8>(globals as *const u8, layout::dict::MA_KEYS);
        if c.kind == GlobalCache::IN_GLOBALS {
            if let Some(v) = cached_unicode_value(gkeys, name, c) {
                // The entry is valid for these keys: their version (if they have one) proves it
                // inline next time.
                let version = read::<u32>(gkeys, layout::types::DK_VERSION);
                c.keys_version = if version == 0 { NO_KEYS_VERSION } else { version as u64 };
                return incref(v);
            }
        } else if c.kind == GlobalCache::BUILTIN_BY_KEYS
            && read::<u32>(gkeys, layout::types::DK_VERSION) as u64 == c.globals_keys_version
        {
            // The globals' keys are unchanged, so they still lack the name.
            let bkeys = read::<*mut u8>(builtins as *const u8, layout::dict::MA_KEYS);
            if let Some(v) = cached_unicode_value(bkeys, name, c) {
                return incref(v);
            }
        }
        crate::stats::get().load_global_miss += 1;
        let gv = dict_version(globals);
        let bv = dict_version(builtins);
        let mut v = ffi::PyDict_GetItemWithError(globals, name);
        if !v.is_null() {
            let keys = read::<*mut u8>(globals as *const u8, layout::dict::MA_KEYS);
            if let Probe::Found(e) = unicode_probe(keys, name) {
                (*cache).kind = GlobalCache::IN_GLOBALS;
                // No dict version matches 0: compiled code's builtin check fails.
                (*cache).globals_version = 0;
                (*cache).index_log2 = e.index_log2;
                (*cache).entry_offset = e.offset;
                (*cache).min_entries = e.min_entries;
                let version = read::<u32>(keys, layout::types::DK_VERSION);
                (*cache).keys_version = if version == 0 { NO_KEYS_VERSION } else { version as u64 };
                return incref(v);
            }
        }
        (*cache).kind = 0;
        // No 32-bit keys version matches it: compiled code's module-global check fails.
        (*cache).keys_version = NO_KEYS_VERSION;
        if v.is_null() {
            if !ffi::PyErr_Occurred().is_null() {
                return ptr::null_mut();
            }
            v = ffi::PyDict_GetItemWithError(builtins, name);
            if v.is_null() {
                if !ffi::PyErr_Occurred().is_null() {
                    return ptr::null_mut();
                }
                return DEOPT;
            }
        }
        // A key's __eq__ may have mutated a dict during the lookup: cache only a clean result.
        if gv == dict_version(globals) && bv == dict_version(builtins) && gv != 0 && bv != 0 {
            // A builtin missed again (its cache was filled before): the module's globals
            // change, so prove the builtin by both dicts' keys instead, when they have versions
            // (the interpreter gives them one when it specialises `LOAD_GLOBAL`).
            if (*cache).globals_version != 0 {
                let gkeys = read::<*mut u8>(globals as *const u8, layout::dict::MA_KEYS);
                let gk = read::<u32>(gkeys, layout::types::DK_VERSION);
                if gk != 0 {
                    if let Probe::Found(e) = unicode_probe(read::<*mut u8>(builtins as *const u8, layout::dict::MA_KEYS), name) {
                        (*cache).kind = GlobalCache::BUILTIN_BY_KEYS;
                        (*cache).index_log2 = e.index_log2;
                        (*cache).entry_offset = e.offset;
                        (*cache).min_entries = e.min_entries;
                        (*cache).globals_keys_version = gk as u64;
                        // No dict version matches 0: the inline version check always fails.
                        (*cache).globals_version = 0;
                        return incref(v);
                    }
                }
            }
            (*cache).globals_version = gv;
            (*cache).builtins_version = bv;
            (*cache).value = v;
        }
        incref(v)
    }
}

/// The value of the entry `cache` recorded, if it is still the live entry of `name` in `keys`
/// (the checks of the compiled code's `load_unicode_entry`): a combined unicode-keyed table with
/// the cached index size and enough entries, `name` itself as the entry's key, a value set.
///
/// # Safety
/// `keys` is a live dict's keys object; GIL held.
unsafe fn cached_unicode_value(keys: *mut u8, name: *mut PyObject, cache: &GlobalCache) -> Option<*mut PyObject> {
    // SAFETY: reads inside a live keys object: its header, then (the index size and entry count
    // checked) the entry at the cached offset.
    unsafe {
        if read::<u8>(keys, layout::types::DK_KIND) != layout::types::DICT_KEYS_UNICODE
            || read::<u8>(keys, layout::types::DK_LOG2_INDEX_BYTES) as u64 != cache.index_log2
            || (read::<isize>(keys, layout::types::DK_NENTRIES) as i64) < cache.min_entries as i64
        {
            return None;
        }
        let entry = keys.add(cache.entry_offset as usize);
        if read::<*mut PyObject>(entry, 0) != name {
            return None;
        }
        let value = read::<*mut PyObject>(entry, 8);
        (!value.is_null()).then_some(value)
    }
}

/// `STORE_GLOBAL`.
pub unsafe extern "C" fn store_global(frame: *mut u8, name: *mut PyObject, v: *mut PyObject) -> isize {
    // SAFETY: `frame` is the running frame; borrowed operands.
    unsafe {
        let globals = read::<*mut PyObject>(frame, layout::frame::F_GLOBALS);
        ffi::PyDict_SetItem(globals, name, v) as isize
    }
}

/// `DELETE_ATTR`.
pub unsafe extern "C" fn delete_attr(owner: *mut PyObject, name: *mut PyObject) -> isize {
    // SAFETY: borrowed live operand.
    unsafe { ffi::PyObject_SetAttr(owner, name, ptr::null_mut()) as isize }
}

/// `STORE_SUBSCR`: `container[sub] = v`.
pub unsafe extern "C" fn store_subscr(v: *mut PyObject, container: *mut PyObject, sub: *mut PyObject) -> isize {
    // SAFETY: borrowed live operands.
    unsafe { ffi::PyObject_SetItem(container, sub, v) as isize }
}

/// `DELETE_SUBSCR`.
pub unsafe extern "C" fn delete_subscr(container: *mut PyObject, sub: *mut PyObject) -> isize {
    // SAFETY: borrowed live operands.
    unsafe { ffi::PyObject_DelItem(container, sub) as isize }
}

/// `BUILD_TUPLE`: steals the `n` items.
pub unsafe extern "C" fn build_tuple(items: *mut *mut PyObject, n: isize) -> *mut PyObject {
    // SAFETY: `items` holds `n` owned references.
    unsafe {
        let t = ffi::PyTuple_New(n);
        if t.is_null() {
            decref_all(items, n as usize);
            return t;
        }
        for i in 0..n {
            ffi::PyTuple_SET_ITEM(t, i, *items.add(i as usize));
        }
        t
    }
}

/// `BUILD_LIST`: steals the `n` items.
pub unsafe extern "C" fn build_list(items: *mut *mut PyObject, n: isize) -> *mut PyObject {
    // SAFETY: `items` holds `n` owned references.
    unsafe {
        let l = ffi::PyList_New(n);
        if l.is_null() {
            decref_all(items, n as usize);
            return l;
        }
        for i in 0..n {
            ffi::PyList_SET_ITEM(l, i, *items.add(i as usize));
        }
        l
    }
}

/// `BUILD_SET`: steals the `n` items; like the interpreter, adds every item before failing.
pub unsafe extern "C" fn build_set(items: *mut *mut PyObject, n: isize) -> *mut PyObject {
    // SAFETY: `items` holds `n` owned references.
    unsafe {
        let s = ffi::PySet_New(ptr::null_mut());
        let mut err = s.is_null();
        for i in 0..n as usize {
            let item = *items.add(i);
            if !err {
                err = ffi::PySet_Add(s, item) != 0;
            }
            decref(item);
        }
        if err {
            xdecref(s);
            return ptr::null_mut();
        }
        s
    }
}

/// `BUILD_MAP`: steals `2n` items (key, value pairs).
pub unsafe extern "C" fn build_map(items: *mut *mut PyObject, n: isize) -> *mut PyObject {
    // SAFETY: `items` holds `2n` owned references.
    unsafe {
        let d = ffi::PyDict_New();
        let mut err = d.is_null();
        for i in 0..n as usize {
            if !err {
                err = ffi::PyDict_SetItem(d, *items.add(2 * i), *items.add(2 * i + 1)) != 0;
            }
        }
        decref_all(items, 2 * n as usize);
        if err {
            xdecref(d);
            return ptr::null_mut();
        }
        d
    }
}

/// `BUILD_CONST_KEY_MAP`: steals `n` values and the keys tuple after them.
pub unsafe extern "C" fn build_const_key_map(items: *mut *mut PyObject, n: isize) -> *mut PyObject {
    // SAFETY: `items` holds `n + 1` owned references; the last is a tuple of `n` keys.
    unsafe {
        let keys = *items.add(n as usize);
        let d = ffi::PyDict_New();
        let mut err = d.is_null();
        for i in 0..n {
            if !err {
                err = ffi::PyDict_SetItem(d, ffi::PyTuple_GET_ITEM(keys, i), *items.add(i as usize)) != 0;
            }
        }
        decref_all(items, n as usize + 1);
        if err {
            xdecref(d);
            return ptr::null_mut();
        }
        d
    }
}

/// `BUILD_STRING`: steals the `n` items.
pub unsafe extern "C" fn build_string(items: *mut *mut PyObject, n: isize) -> *mut PyObject {
    // SAFETY: `items` holds `n` owned str references.
    unsafe {
        let empty = ffi::PyUnicode_FromStringAndSize(ptr::null(), 0);
        if empty.is_null() {
            decref_all(items, n as usize);
            return empty;
        }
        let s = cpython::_PyUnicode_JoinArray(empty, items, n);
        decref(empty);
        decref_all(items, n as usize);
        s
    }
}

/// `BUILD_SLICE`: steals 2 or 3 items.
pub unsafe extern "C" fn build_slice(items: *mut *mut PyObject, n: isize) -> *mut PyObject {
    // SAFETY: `items` holds `n` owned references.
    unsafe {
        let step = if n == 3 { *items.add(2) } else { ptr::null_mut() };
        let s = ffi::PySlice_New(*items, *items.add(1), step);
        decref_all(items, n as usize);
        s
    }
}

/// `container[start:stop]` (`BUILD_SLICE 2` then `BINARY_SUBSCR`, compiled as one): steals
/// the three references. An exact list, tuple or str sliced by exact ints or None is sliced as
/// `list_subscript`, `tuple_subscript` and `unicode_subscript` slice it with a step of 1 (the
/// bounds clamped as `_PyEval_SliceIndex` clamps them, then adjusted to the length), without
/// a slice object; anything else makes the slice and calls `PyObject_GetItem`, releasing the
/// bounds, the container and the slice in the interpreter's order.
pub unsafe extern "C" fn subscr_slice(items: *mut *mut PyObject) -> *mut PyObject {
    // SAFETY: `items` holds three owned references: container, start, stop.
    unsafe {
        let (container, start, stop) = (*items, *items.add(1), *items.add(2));
        let tp = type_of(container);
        let length = if tp == ptr::addr_of_mut!(ffi::PyList_Type) || tp == ptr::addr_of_mut!(ffi::PyTuple_Type) {
            ffi::Py_SIZE(container)
        } else if tp == ptr::addr_of_mut!(ffi::PyUnicode_Type) {
            // -1 (with an error) only for a legacy string that cannot be made ready: the
            // generic path raises it again.
            let n = ffi::PyUnicode_GetLength(container);
            if n < 0 {
                ffi::PyErr_Clear();
            }
            n
        } else {
            -1
        };
        if length >= 0 {
            if let (Some(mut lo), Some(mut hi)) = (slice_bound(start, 0), slice_bound(stop, isize::MAX)) {
                let n = ffi::PySlice_AdjustIndices(length, &mut lo, &mut hi, 1);
                let res = if tp == ptr::addr_of_mut!(ffi::PyList_Type) {
                    ffi::PyList_GetSlice(container, lo, lo + n.max(0))
                } else if tp == ptr::addr_of_mut!(ffi::PyTuple_Type) {
                    ffi::PyTuple_GetSlice(container, lo, lo + n.max(0))
                } else {
                    ffi::PyUnicode_Substring(container, lo, lo + n.max(0))
                };
                decref(start);
                decref(stop);
                decref(container);
                return res;
            }
        }
        let slice = ffi::PySlice_New(start, stop, ptr::null_mut());
        decref(start);
        decref(stop);
        if slice.is_null() {
            decref(container);
            return ptr::null_mut();
        }
        let res = ffi::PyObject_GetItem(container, slice);
        decref(container);
        decref(slice);
        res
    }
}

/// `BINARY_SUBSCR` off compiled code's inline list and tuple paths: `s[i]` of an exact str
/// and an in-range compact int (3.11 leaves it unspecialised; 3.12's `BINARY_SUBSCR_STR_INT`)
/// is the character read and made as `unicode_getitem` makes it, without `PyObject_GetItem`'s
/// dispatch and the index conversion; everything else (errors included) is `PyObject_GetItem`.
pub unsafe extern "C" fn get_item(container: *mut PyObject, index: *mut PyObject) -> *mut PyObject {
    // SAFETY: live borrowed operands; a compact int's size is readable, and so is its first
    // digit when the size is not 0.
    unsafe {
        if type_of(container) == ptr::addr_of_mut!(ffi::PyUnicode_Type) && type_of(index) == ptr::addr_of_mut!(ffi::PyLong_Type) {
            let size = read::<isize>(index as *const u8, layout::object::OB_SIZE);
            if (-1..=1).contains(&size) {
                // (Zero may have been allocated without a digit.)
                let mut i = if size == 0 { 0 } else { size * read::<u32>(index as *const u8, layout::object::LONG_DIGIT0) as isize };
                let len = ffi::PyUnicode_GetLength(container);
                if i < 0 {
                    i += len;
                }
                if len >= 0 && (0..len).contains(&i) {
                    let ch = ffi::PyUnicode_ReadChar(container, i);
                    if ch != u32::MAX {
                        return ffi::PyUnicode_FromOrdinal(ch as std::os::raw::c_int);
                    }
                }
                if !ffi::PyErr_Occurred().is_null() {
                    ffi::PyErr_Clear();
                }
            }
        }
        ffi::PyObject_GetItem(container, index)
    }
}

/// A slice bound as `PySlice_Unpack` reads it: `default` for None, an exact int clamped to the
/// `Py_ssize_t` range (as `_PyEval_SliceIndex`, never an error); `None` for anything else.
#[inline(always)]
unsafe fn slice_bound(v: *mut PyObject, default: isize) -> Option<isize> {
    // SAFETY: a live object.
    unsafe {
        if v == ffi::Py_None() {
            Some(default)
        } else if ffi::PyLong_CheckExact(v) != 0 {
            Some(ffi::PyNumber_AsSsize_t(v, ptr::null_mut()))
        } else {
            None
        }
    }
}

/// `container[start:stop:step]`: `BUILD_SLICE 3` and the `BINARY_SUBSCR` after it as one call
/// (see [`subscr_slice`]). An exact list sliced by int or None bounds and a non-zero int or
/// None step is copied as `list_subscript` copies it, without a slice object; anything else
/// is sliced the generic way. `items` holds four owned references: container, start, stop,
/// step, all released.
pub unsafe extern "C" fn subscr_slice3(items: *mut *mut PyObject) -> *mut PyObject {
    // SAFETY: as documented; a new list's item array has room for its size.
    unsafe {
        let (container, start, stop, step) = (*items, *items.add(1), *items.add(2), *items.add(3));
        let mut result = None;
        if type_of(container) == ptr::addr_of_mut!(ffi::PyList_Type) {
            // `PySlice_Unpack`'s reading of the step and of the defaults it implies.
            if let Some(step_v) = slice_bound(step, 1).filter(|&v| v != 0).map(|v| v.max(-isize::MAX)) {
                let (lo_default, hi_default) = if step_v < 0 { (isize::MAX, isize::MIN) } else { (0, isize::MAX) };
                if let (Some(mut lo), Some(mut hi)) = (slice_bound(start, lo_default), slice_bound(stop, hi_default)) {
                    let n = ffi::PySlice_AdjustIndices(ffi::Py_SIZE(container), &mut lo, &mut hi, step_v);
                    result = Some(if n <= 0 {
                        ffi::PyList_New(0)
                    } else if step_v == 1 {
                        ffi::PyList_GetSlice(container, lo, hi)
                    } else {
                        let list = ffi::PyList_New(n);
                        if !list.is_null() {
                            let src = read::<*mut *mut PyObject>(container as *const u8, layout::object::LIST_OB_ITEM);
                            let dst = read::<*mut *mut PyObject>(list as *const u8, layout::object::LIST_OB_ITEM);
                            let mut cur = lo;
                            for i in 0..n as usize {
                                *dst.add(i) = incref(*src.offset(cur));
                                cur = cur.wrapping_add(step_v);
                            }
                        }
                        list
                    });
                }
            }
        }
        let res = match result {
            Some(r) => r,
            None => {
                let slice = ffi::PySlice_New(start, stop, step);
                if slice.is_null() {
                    ptr::null_mut()
                } else {
                    let r = ffi::PyObject_GetItem(container, slice);
                    decref(slice);
                    r
                }
            }
        };
        decref(start);
        decref(stop);
        decref(step);
        decref(container);
        res
    }
}

/// `container[start:stop] = value`: `BUILD_SLICE 2` and the `STORE_SUBSCR` after it as one
/// call. An exact list with int or None bounds is assigned as `list_ass_subscript` assigns a
/// slice of step 1 (`PyList_SetSlice` on the adjusted bounds), without a slice object; anything
/// else the generic way. `items` holds four owned references (value, container, start, stop),
/// all released. Returns 0, or -1 with an exception set.
pub unsafe extern "C" fn store_slice(items: *mut *mut PyObject) -> isize {
    // SAFETY: as documented.
    unsafe {
        let (value, container, start, stop) = (*items, *items.add(1), *items.add(2), *items.add(3));
        let mut status = None;
        if type_of(container) == ptr::addr_of_mut!(ffi::PyList_Type) {
            if let (Some(mut lo), Some(mut hi)) = (slice_bound(start, 0), slice_bound(stop, isize::MAX)) {
                ffi::PySlice_AdjustIndices(ffi::Py_SIZE(container), &mut lo, &mut hi, 1);
                status = Some(ffi::PyList_SetSlice(container, lo, hi, value));
            }
        }
        let status = match status {
            Some(s) => s,
            None => {
                let slice = ffi::PySlice_New(start, stop, ptr::null_mut());
                if slice.is_null() {
                    -1
                } else {
                    let r = ffi::PyObject_SetItem(container, slice, value);
                    decref(slice);
                    r
                }
            }
        };
        decref(value);
        decref(container);
        decref(start);
        decref(stop);
        status as isize
    }
}

/// `LIST_APPEND` / `SET_ADD` / `MAP_ADD` (value `b` may be NULL for the first two).
pub unsafe extern "C" fn list_append(list: *mut PyObject, v: *mut PyObject) -> isize {
    // SAFETY: `list` is an exact list owned by the frame's stack; `v` borrowed.
    unsafe { ffi::PyList_Append(list, v) as isize }
}

pub unsafe extern "C" fn set_add(set: *mut PyObject, v: *mut PyObject) -> isize {
    // SAFETY: `set` is a set on the frame's stack; `v` borrowed.
    unsafe { ffi::PySet_Add(set, v) as isize }
}

pub unsafe extern "C" fn map_add(dict: *mut PyObject, k: *mut PyObject, v: *mut PyObject) -> isize {
    // SAFETY: `dict` is a dict on the frame's stack; operands borrowed.
    unsafe { ffi::PyDict_SetItem(dict, k, v) as isize }
}

/// `LIST_EXTEND`: non-iterables deopt so the interpreter raises its own message.
pub unsafe extern "C" fn list_extend(list: *mut PyObject, iterable: *mut PyObject) -> isize {
    // SAFETY: live borrowed operands.
    unsafe {
        let tp = type_of(iterable);
        if (*tp).tp_iter.is_none() && ffi::PySequence_Check(iterable) == 0 {
            return DEOPT_INT;
        }
        let r = cpython::_PyList_Extend(list, iterable);
        if r.is_null() {
            return ERR;
        }
        decref(r);
        0
    }
}

/// `SET_UPDATE`.
pub unsafe extern "C" fn set_update(set: *mut PyObject, iterable: *mut PyObject) -> isize {
    // SAFETY: live borrowed operands.
    unsafe { cpython::_PySet_Update(set, iterable) as isize }
}

/// `DICT_UPDATE` (`{**a}`) and `DICT_MERGE` (`f(**a)`, `merge != 0`): exact dicts only; anything
/// that could raise one of the interpreter's rewritten messages deopts before changing anything.
pub unsafe extern "C" fn dict_update(dict: *mut PyObject, update: *mut PyObject, merge: isize) -> isize {
    // SAFETY: live borrowed operands; `dict` is an exact dict on the frame's stack.
    unsafe {
        if ffi::PyDict_CheckExact(update) == 0 {
            return DEOPT_INT;
        }
        if merge != 0 {
            let mut pos: ffi::Py_ssize_t = 0;
            let mut k: *mut PyObject = ptr::null_mut();
            let mut v: *mut PyObject = ptr::null_mut();
            while ffi::PyDict_Next(update, &mut pos, &mut k, &mut v) != 0 {
                if ffi::PyUnicode_Check(k) == 0 {
                    return DEOPT_INT;
                }
                match ffi::PyDict_Contains(dict, k) {
                    0 => {}
                    1 => return DEOPT_INT,
                    _ => return ERR,
                }
            }
        }
        ffi::PyDict_Update(dict, update) as isize
    }
}

/// The item array and length of an exact tuple or list (borrowed; valid until it changes).
unsafe fn tuple_or_list_items(seq: *mut PyObject) -> Option<(*mut *mut PyObject, usize)> {
    // SAFETY: `seq` is live; the type checks select the layout read.
    unsafe {
        if ffi::PyTuple_CheckExact(seq) != 0 {
            let items = (seq as *mut u8).offset(layout::object::TUPLE_OB_ITEM as isize) as *mut *mut PyObject;
            Some((items, ffi::PyTuple_GET_SIZE(seq) as usize))
        } else if ffi::PyList_CheckExact(seq) != 0 {
            let items = read::<*mut *mut PyObject>(seq as *const u8, layout::object::LIST_OB_ITEM);
            Some((items, ffi::PyList_GET_SIZE(seq) as usize))
        } else {
            None
        }
    }
}

/// `UNPACK_EX` for exact tuples and lists long enough (`before` items, a list, `after` items);
/// everything else deopts. Writes the values in stack order to `out[0..before + 1 + after]`
/// (bottom first) and releases `seq` if `seq_owned`.
pub unsafe extern "C" fn unpack_ex(seq: *mut PyObject, oparg: isize, out: *mut *mut PyObject, seq_owned: isize) -> isize {
    // SAFETY: `out` points at `before + 1 + after` writable stack slots; `seq` is live.
    unsafe {
        let (before, after) = ((oparg & 0xff) as usize, (oparg >> 8) as usize);
        let Some((items, len)) = tuple_or_list_items(seq) else {
            return DEOPT_INT;
        };
        if len < before + after {
            return DEOPT_INT;
        }
        let middle = ffi::PyList_New((len - before - after) as isize);
        if middle.is_null() {
            if seq_owned != 0 {
                decref(seq);
            }
            return ERR;
        }
        for k in 0..len - before - after {
            let o = *items.add(before + k);
            ffi::Py_INCREF(o);
            ffi::PyList_SET_ITEM(middle, k as isize, o);
        }
        // Stack, bottom to top: last `after` items (last first), the list, first `before` items
        // (item 0 on top).
        let mut slot = 0;
        for k in (len - after..len).rev() {
            let o = *items.add(k);
            ffi::Py_INCREF(o);
            *out.add(slot) = o;
            slot += 1;
        }
        *out.add(slot) = middle;
        slot += 1;
        for k in (0..before).rev() {
            let o = *items.add(k);
            ffi::Py_INCREF(o);
            *out.add(slot) = o;
            slot += 1;
        }
        if seq_owned != 0 {
            decref(seq);
        }
        0
    }
}

/// `UNPACK_SEQUENCE n` for exact tuples and lists of the right length; everything else deopts.
/// Writes the items in stack order to `out[0..n]` (top of stack = item 0) and releases `seq`
/// if `seq_owned`.
pub unsafe extern "C" fn unpack_sequence(seq: *mut PyObject, n: isize, out: *mut *mut PyObject, seq_owned: isize) -> isize {
    // SAFETY: `out` points at `n` writable stack slots; `seq` is live.
    unsafe {
        let items = match tuple_or_list_items(seq) {
            Some((items, len)) if len == n as usize => items,
            _ => return DEOPT_INT,
        };
        for i in 0..n as usize {
            *out.add(n as usize - 1 - i) = incref(*items.add(i));
        }
        if seq_owned != 0 {
            decref(seq);
        }
        0
    }
}

/// `UNPACK_SEQUENCE n` and the `n` `STORE_FAST`s after it. `locals` holds the stores' local
/// indices, 16 bits each in store order; the stores are consecutive code units, the first at
/// `first_store` (its `prev_instr`). `n_and_owned` is `n` plus 256 if the stack owned `seq`.
/// Returns 0, or [`DEOPT_INT`] with nothing changed when `seq` is not an exact tuple or list of
/// `n` items.
pub unsafe extern "C" fn unpack_to_locals(
    seq: *mut PyObject,
    frame: *mut u8,
    locals: *const u16,
    n_and_owned: isize,
    first_store: u64,
) -> isize {
    let n = (n_and_owned & 0xff) as usize;
    // SAFETY: `frame` is the running frame and `locals` its code's table of `n` valid local
    // indices (`n` <= 16: `taken`'s first `n` entries are written, then read); `seq` is live.
    // Every item is taken (increfed) before anything is released, as the interpreter's unpack
    // does, so finalisers cannot change what is stored. The old values were owned by the
    // frame's locals.
    unsafe {
        let items = match tuple_or_list_items(seq) {
            Some((items, len)) if len == n => items,
            _ => return DEOPT_INT,
        };
        // (Not zeroed: the first `n` are written before they are read.)
        let mut taken = [const { std::mem::MaybeUninit::<*mut PyObject>::uninit() }; 16];
        for (i, slot) in taken.iter_mut().enumerate().take(n) {
            slot.write(incref(*items.add(i)));
        }
        if n_and_owned & 256 != 0 {
            // Released by the unpack itself, before the stores.
            decref(seq);
        }
        let frame_locals = frame.offset(cpython::localsplus_offset(0) as isize) as *mut *mut PyObject;
        for (i, item) in taken.iter().enumerate().take(n) {
            let local = frame_locals.add(*locals.add(i) as usize);
            let old = *local;
            *local = item.assume_init();
            if !old.is_null() {
                (*old).ob_refcnt -= 1;
                if (*old).ob_refcnt == 0 {
                    // Freeing may run Python code (`__del__`), which may look at the frame:
                    // `prev_instr` is this store's (a code unit is 2 bytes).
                    write::<u64>(frame, layout::frame::PREV_INSTR, first_store + 2 * i as u64);
                    cpython::_Py_Dealloc(old);
                }
            }
        }
        0
    }
}

/// Result of [`for_iter`] when the iterator is exhausted.
pub const EXHAUSTED: *mut PyObject = 1 as *mut PyObject;

/// `FOR_ITER`: the next item, [`EXHAUSTED`], or NULL on error.
pub unsafe extern "C" fn for_iter(iter: *mut PyObject) -> *mut PyObject {
    // SAFETY: `iter` is a live iterator on the frame's stack.
    unsafe {
        if type_of(iter) == ptr::addr_of_mut!(ffi::PyGen_Type) {
            // `gen_iternext`: None is sent. A generator that returns, whatever it returns,
            // ends the loop (the StopIteration that would carry the value is cleared unseen:
            // nothing traces on this path). One that raises had StopIteration turned into
            // RuntimeError.
            let none = ffi::Py_None();
            ffi::Py_INCREF(none);
            let mut result = ptr::null_mut();
            match crate::generators::send_to_compiled_generator(crate::hook::tstate_ptr(), iter, none, &mut result) {
                Some(ffi::PySendResult::PYGEN_NEXT) => return result,
                Some(ffi::PySendResult::PYGEN_RETURN) => {
                    ffi::Py_DECREF(result);
                    return EXHAUSTED;
                }
                Some(ffi::PySendResult::PYGEN_ERROR) => return ptr::null_mut(),
                None => ffi::Py_DECREF(none),
            }
        }
        let next = ((*type_of(iter)).tp_iternext.unwrap())(iter);
        if !next.is_null() {
            return next;
        }
        if !ffi::PyErr_Occurred().is_null() {
            if ffi::PyErr_ExceptionMatches(ffi::PyExc_StopIteration) == 0 {
                return ptr::null_mut();
            }
            let tstate = crate::hook::tstate_ptr();
            if !read::<*mut u8>(tstate as *const u8, layout::tstate::C_TRACEFUNC).is_null() {
                // As the interpreter: a trace function sees the StopIteration that ends a loop.
                crate::unwind::trace_exception(tstate);
            }
            ffi::PyErr_Clear();
        }
        EXHAUSTED
    }
}

/// Smallest of the ints the interpreter preallocates (`-_PY_NSMALLNEGINTS`).
pub const SMALL_INT_MIN: i64 = -5;
/// How many it preallocates (-5..=256).
pub const SMALL_INT_COUNT: u64 = 262;

static SMALL_INTS: std::sync::OnceLock<Option<(usize, usize)>> = std::sync::OnceLock::new();

/// Address of the preallocated int `SMALL_INT_MIN` and the distance between consecutive ones,
/// if `PyLong_FromLongLong` returns them from one array (checked once, object by object), so
/// compiled code can box small results without calling it.
pub fn small_ints() -> Option<(usize, usize)> {
    *SMALL_INTS.get_or_init(|| {
        // SAFETY: GIL held (called while compiling); every reference taken is released.
        unsafe {
            let objs: Vec<*mut PyObject> =
                (0..SMALL_INT_COUNT as i64).map(|k| ffi::PyLong_FromLongLong(SMALL_INT_MIN + k)).collect();
            let again: Vec<*mut PyObject> =
                (0..SMALL_INT_COUNT as i64).map(|k| ffi::PyLong_FromLongLong(SMALL_INT_MIN + k)).collect();
            let base = objs[0] as usize;
            let stride = (objs[1] as usize).wrapping_sub(base);
            let ok = !objs.iter().any(|p| p.is_null())
                && stride > 0
                && stride < 256
                && objs.iter().zip(&again).enumerate().all(|(k, (&a, &b))| a == b && a as usize == base + k * stride);
            for p in objs.into_iter().chain(again) {
                if !p.is_null() {
                    decref(p);
                }
            }
            ffi::PyErr_Clear();
            ok.then_some((base, stride))
        }
    })
}

/// A call's stack slots `[NULL|method, callable|self, args…]` decoded: the callable, its
/// arguments (`self` first after `LOAD_METHOD`), their number, and the slot of the first.
struct CallShape {
    callable: *mut PyObject,
    args: *mut *mut PyObject,
    nargs: usize,
    first_arg: usize,
}

impl CallShape {
    /// # Safety
    /// `base` points at the call's `argc + 2` stack slots (`argc` in the low bits of
    /// `argc_and_c_at`, see [`CALL_C_AT_SHIFT`]).
    #[inline(always)]
    unsafe fn of(base: *mut *mut PyObject, argc_and_c_at: isize) -> CallShape {
        let argc = (argc_and_c_at & ((1 << CALL_C_AT_SHIFT) - 1)) as usize;
        // SAFETY: as documented.
        unsafe {
            if (*base).is_null() {
                CallShape { callable: *base.add(1), args: base.add(2), nargs: argc, first_arg: 2 }
            } else {
                CallShape { callable: *base, args: base.add(1), nargs: argc + 1, first_arg: 1 }
            }
        }
    }
}

/// Where [`call`] finds the distance from the C-call instruction to `py_prev_instr`.
pub const CALL_C_AT_SHIFT: u32 = 16;

/// `PRECALL`+`CALL argc` on `base = [NULL|meth, callable|self, args…]`. Slots whose bit is set in
/// `owned` hold references owned by the stack and are released here, in the interpreter's order
/// (arguments, then the callable); the others are borrowed.
///
/// A call to a Python function moves the caller's `prev_instr` to `py_prev_instr` (the CALL's
/// last inline cache entry), where the interpreter's inlined Python-to-Python calls leave it:
/// the caller's `f_lasti` and a traceback's `tb_lasti` then read as in stock CPython.
///
/// `argc_and_c_at` is `argc` plus, shifted by [`CALL_C_AT_SHIFT`], how many code units
/// `py_prev_instr` lies after the instruction that calls a C function itself (the CALL, or
/// a PRECALL specialised to a C call): `prev_instr` is set to that instruction first, where
/// the interpreter has it while C code runs.
///
/// This entry is for calls without keywords and takes the thread state instead; [`call_kw`]
/// takes `kwnames`.
pub unsafe extern "C" fn call(
    base: *mut *mut PyObject,
    argc_and_c_at: isize,
    tstate: *mut PyThreadState,
    owned: u64,
    frame: *mut u8,
    py_prev_instr: *mut u16,
) -> *mut PyObject {
    // SAFETY: `base` points at `argc + 2` stack slots of the running frame, the slot before
    // `args` is writable as PY_VECTORCALL_ARGUMENTS_OFFSET requires; `py_prev_instr` minus
    // the distance is an instruction of the running code.
    unsafe {
        let CallShape { callable, args, nargs, first_arg } = CallShape::of(base, argc_and_c_at);
        // The common case first, in this small function: a Python function's frame pushed
        // and run directly (`CALL_PY_EXACT_ARGS` & co.). Everything else is in `call_other`,
        // kept out of line so this path does not pay for its stack frame.
        if ffi::Py_TYPE(callable) == ptr::addr_of_mut!(ffi::PyFunction_Type)
            && read::<usize>(callable as *const u8, layout::func::FUNC_VECTORCALL) == cpython::_PyFunction_Vectorcall as usize
        {
            write(frame, layout::frame::PREV_INSTR, py_prev_instr);
            let owned = owned & !CALL_C_DIRECTLY;
            if let Some(res) = crate::hook::fast_call(tstate, callable, args, nargs, ptr::null_mut(), owned >> first_arg) {
                stats::count_call(CallPath::PyDispatcher);
                // The owned arguments moved into the callee's frame: only the callable is left
                // (released here, not by `release_call_slots`, whose out-of-line loop measured
                // about 10 instructions more per call on richards).
                let callable_slot = first_arg - 1;
                if owned & (1 << callable_slot) != 0 {
                    decref(*base.add(callable_slot));
                }
                return res;
            }
        }
        if is_python_class(callable) {
            // No C fast path applies: straight to the constructor path (one call fewer).
            let argc = enter_c_call(frame, argc_and_c_at, py_prev_instr);
            return call_other(base, argc, ptr::null_mut(), owned, frame, py_prev_instr);
        }
        call_c_first(base, argc_and_c_at, tstate, owned, frame, py_prev_instr)
    }
}

/// A class defined in Python (3.11 gives such classes no vectorcall, so no C fast path applies).
#[inline(always)]
unsafe fn is_python_class(callable: *mut PyObject) -> bool {
    // SAFETY: a live object; a type's fields are readable.
    unsafe {
        ffi::Py_TYPE(callable) == ptr::addr_of_mut!(ffi::PyType_Type)
            && (*(callable as *mut ffi::PyTypeObject)).tp_flags & ffi::Py_TPFLAGS_HEAPTYPE != 0
            && (*(callable as *mut ffi::PyTypeObject)).tp_vectorcall.is_none()
    }
}

/// For a call that is not a Python call made directly: stores `prev_instr` where the
/// interpreter has it while a C function runs (the instruction `argc_and_c_at` says, counted
/// back from `py_prev_instr`) and returns the argument count.
///
/// # Safety
/// `frame` is the running frame; `py_prev_instr` minus the distance is in its code.
#[inline(always)]
unsafe fn enter_c_call(frame: *mut u8, argc_and_c_at: isize, py_prev_instr: *mut u16) -> isize {
    // SAFETY: as documented.
    unsafe { write(frame, layout::frame::PREV_INSTR, py_prev_instr.sub((argc_and_c_at >> CALL_C_AT_SHIFT) as usize)) };
    argc_and_c_at & ((1 << CALL_C_AT_SHIFT) - 1)
}

/// The cache of a call site that calls fast entries directly (`gen_call_fast_entry`): the
/// fast entry of the code last called there, that code, the site's argument count, and the
/// [`crate::hook::code_epoch`] when it was filled. The code is not owned (a recursive function
/// would own itself): once any code with a fast entry has died, another code object may have
/// its address, so every cache filled before that death misses and is filled again.
#[repr(C)]
pub struct PyCallCache {
    pub entry: usize,
    pub code: *mut PyObject,
    pub nargs: usize,
    pub epoch: u64,
    /// The last code seen here that can never have a fast entry for this site (and the epoch
    /// then): calls of it skip the lookup. (Should it die unnoticed by the epoch, a new code at
    /// its address only takes the generic path.)
    pub rejected: *mut PyObject,
    pub rejected_epoch: u64,
    /// The site's keyword names (a constant of the caller's code, borrowed), or null. Only
    /// callees whose parameters after the positional arguments are exactly these names, in
    /// this order, get the fast entry: the call is then the positional call of as many
    /// arguments ([`keywords_follow_positionals`]).
    pub kwnames: *mut PyObject,
    /// Codes called here before the current one, with their fast entries, all filled in the
    /// current epoch (most recent first; null: empty): a polymorphic site (`self.fn(pkt)` over
    /// a few classes, a dispatch table) checks them in its cold code instead of missing.
    pub alt_codes: [*mut PyObject; PY_CALL_ALTS],
    pub alt_entries: [usize; PY_CALL_ALTS],
    /// `&PyFunction_Type`: compiled code compares a callable's type with it through the cache
    /// it addresses anyway (shorter than an immediate 64-bit address).
    pub function_type: *mut ffi::PyTypeObject,
}

/// Older codes a Python-call site's cache keeps ([`PyCallCache::alt_codes`]).
pub const PY_CALL_ALTS: usize = 3;

// Compiled code reads the cache at these offsets.
const _: () = {
    use std::mem::offset_of;
    assert!(offset_of!(PyCallCache, entry) == PyCallCache::OFFSET_ENTRY as usize);
    assert!(offset_of!(PyCallCache, code) == PyCallCache::OFFSET_CODE as usize);
    assert!(offset_of!(PyCallCache, epoch) == PyCallCache::OFFSET_EPOCH as usize);
    assert!(offset_of!(PyCallCache, alt_codes) == PyCallCache::OFFSET_ALT_CODES as usize);
    assert!(offset_of!(PyCallCache, alt_entries) == PyCallCache::OFFSET_ALT_ENTRIES as usize);
    assert!(offset_of!(PyCallCache, function_type) == PyCallCache::OFFSET_FUNCTION_TYPE as usize);
};

impl PyCallCache {
    pub const OFFSET_ENTRY: i32 = 0;
    pub const OFFSET_CODE: i32 = 8;
    pub const OFFSET_EPOCH: i32 = 24;
    pub const OFFSET_ALT_CODES: i32 = 56;
    pub const OFFSET_ALT_ENTRIES: i32 = 56 + 8 * PY_CALL_ALTS as i32;
    pub const OFFSET_FUNCTION_TYPE: i32 = 56 + 16 * PY_CALL_ALTS as i32;

    pub fn new(nargs: usize, kwnames: *mut PyObject) -> Self {
        PyCallCache {
            entry: 0,
            code: ptr::null_mut(),
            nargs,
            epoch: 0,
            rejected: ptr::null_mut(),
            rejected_epoch: 0,
            kwnames,
            alt_codes: [ptr::null_mut(); PY_CALL_ALTS],
            alt_entries: [0; PY_CALL_ALTS],
            function_type: std::ptr::addr_of_mut!(ffi::PyFunction_Type),
        }
    }

    /// Makes `code`'s `entry` the current one; the one it replaces joins the older ones when
    /// it is of the same epoch (all are forgotten when the epoch has moved on).
    fn fill(&mut self, code: *mut PyObject, entry: usize, epoch: u64) {
        if epoch != self.epoch {
            self.alt_codes = [ptr::null_mut(); PY_CALL_ALTS];
            self.alt_entries = [0; PY_CALL_ALTS];
        } else if code != self.code && !self.code.is_null() {
            self.alt_codes.copy_within(0..PY_CALL_ALTS - 1, 1);
            self.alt_entries.copy_within(0..PY_CALL_ALTS - 1, 1);
            self.alt_codes[0] = self.code;
            self.alt_entries[0] = self.entry;
        }
        self.entry = entry;
        self.code = code;
        self.epoch = epoch;
    }
}

/// [`call`] at a site where the interpreter saw a Python function called, when compiled code
/// could not call the callee's fast entry itself (`gen_call_fast_entry`): a function called here
/// with the site's argument count whose code has a fast entry replaces what the cache held, for
/// the next calls.
pub unsafe extern "C" fn call_py(
    base: *mut *mut PyObject,
    argc_and_c_at: isize,
    cache: *mut PyCallCache,
    owned: u64,
    frame: *mut u8,
    py_prev_instr: *mut u16,
) -> *mut PyObject {
    // SAFETY: as for `call`; `cache` is the site's cache, owned by its compiled code.
    unsafe {
        let CallShape { callable, args, nargs, first_arg } = CallShape::of(base, argc_and_c_at);
        let cache = &mut *cache;
        if cache.kwnames.is_null() && is_python_class(callable) {
            // A site the interpreter left unspecialised (3.11 has no form for class calls)
            // compiled for a Python function: the constructor path, checked first.
            let argc = enter_c_call(frame, argc_and_c_at, py_prev_instr);
            return call_other(base, argc, ptr::null_mut(), owned, frame, py_prev_instr);
        }
        let arg_bits = ((1u64 << nargs) - 1) << first_arg;
        // The site's form (and so its argument count) is the one compiled: its arguments are
        // owned references, which a fast entry takes over.
        if nargs == cache.nargs
            && owned & arg_bits == arg_bits
            && ffi::Py_TYPE(callable) == ptr::addr_of_mut!(ffi::PyFunction_Type)
        {
            let code = read::<*mut PyObject>(callable as *const u8, layout::func::FUNC_CODE);
            let epoch = crate::hook::code_epoch();
            let entry = if code == cache.code && epoch == cache.epoch {
                cache.entry
            } else if code == cache.rejected && epoch == cache.rejected_epoch {
                0
            } else if !cache.kwnames.is_null() && !keywords_follow_positionals(code, nargs, cache.kwnames) {
                cache.rejected = code;
                cache.rejected_epoch = epoch;
                0
            } else {
                match crate::hook::fast_entry_of(callable, nargs, !cache.kwnames.is_null()) {
                    crate::hook::FastEntryOf::Ready(entry) => entry,
                    crate::hook::FastEntryOf::NotYet => 0,
                    crate::hook::FastEntryOf::Never => {
                        // Not asked again while this code is the one called.
                        cache.rejected = code;
                        cache.rejected_epoch = epoch;
                        0
                    }
                }
            };
            if entry != 0 {
                // The last function seen wins the cache; the ones before it stay as its older
                // entries, which a polymorphic site's machine code also checks.
                cache.fill(code, entry, epoch);
                write(frame, layout::frame::PREV_INSTR, py_prev_instr);
                // SAFETY: a fast entry of `callable`'s code for `nargs` arguments.
                let fast: crate::codegen::entry::FastEntryFn = std::mem::transmute::<usize, _>(entry);
                stats::count_call(CallPath::PySiteMiss);
                let res = fast(callable, crate::hook::tstate_ptr(), args);
                let callable_slot = first_arg - 1;
                if owned & (1 << callable_slot) != 0 {
                    decref(callable);
                }
                return res;
            }
        }
        if cache.kwnames.is_null() {
            call(base, argc_and_c_at, crate::hook::tstate_ptr(), owned, frame, py_prev_instr)
        } else {
            call_kw(base, argc_and_c_at, cache.kwnames, owned, frame, py_prev_instr)
        }
    }
}

/// Whether a call of `code` with `nargs` arguments, the last `len(kwnames)` of them passed by
/// these keywords, binds each argument to the parameter of its position: the keywords name the
/// parameters that follow the positional arguments, in order (keyword-only ones included: they
/// follow the positional parameters in the frame), and none of them is positional-only.
unsafe fn keywords_follow_positionals(code: *mut PyObject, nargs: usize, kwnames: *mut PyObject) -> bool {
    // SAFETY: `code` is a live code object, `kwnames` a tuple of strs (a KW_NAMES constant);
    // the first `co_argcount` names of `co_localsplusnames` are the positional parameters.
    unsafe {
        let nkw = ffi::PyTuple_GET_SIZE(kwnames) as usize;
        let argcount = read::<i32>(code as *const u8, layout::code::CO_ARGCOUNT) as usize;
        let kwonly = read::<i32>(code as *const u8, layout::code::CO_KWONLYARGCOUNT) as usize;
        let posonly = read::<i32>(code as *const u8, layout::code::CO_POSONLYARGCOUNT) as usize;
        let names = read::<*mut PyObject>(code as *const u8, layout::code::CO_LOCALSPLUSNAMES);
        if nkw > nargs || nargs > argcount + kwonly || nargs - nkw < posonly || nargs - nkw > argcount {
            return false;
        }
        (0..nkw).all(|i| {
            let kw = ffi::PyTuple_GET_ITEM(kwnames, i as isize);
            let param = ffi::PyTuple_GET_ITEM(names, (nargs - nkw + i) as isize);
            kw == param || ffi::PyUnicode_Compare(kw, param) == 0
        })
    }
}

/// The rest of [`call`] without keywords: C functions as the specialised PRECALL forms call
/// them ([`call_c_directly`]), in a small function of their own; everything else in
/// [`call_other`].
#[inline(never)]
unsafe fn call_c_first(
    base: *mut *mut PyObject,
    argc_and_c_at: isize,
    tstate: *mut PyThreadState,
    owned: u64,
    frame: *mut u8,
    py_prev_instr: *mut u16,
) -> *mut PyObject {
    // SAFETY: as for `call`.
    unsafe {
        let argc = enter_c_call(frame, argc_and_c_at, py_prev_instr);
        let CallShape { callable, args, nargs, first_arg } = CallShape::of(base, argc_and_c_at);
        let is_meth = first_arg == 1;
        let specialised = owned & CALL_C_DIRECTLY != 0;
        let as_specialised = || specialised || crate::hook::code_is_warm(read::<*mut u8>(frame, layout::frame::F_CODE));
        if let Some(res) = call_c_directly(tstate, callable, args, nargs, ptr::null_mut(), as_specialised) {
            stats::count_call(CallPath::CDirect);
            release_call_slots(base, owned & !CALL_C_DIRECTLY, is_meth);
            return res;
        }
        call_other(base, argc, ptr::null_mut(), owned, frame, py_prev_instr)
    }
}

/// [`call`] at a site the interpreter had specialised to a PRECALL form that calls a C function
/// itself (`owned` has [`CALL_C_DIRECTLY`]), without keywords: that C function is called first,
/// as the form calls it ([`call_c_directly`]); anything else goes to [`call`].
pub unsafe extern "C" fn call_c(
    base: *mut *mut PyObject,
    argc_and_c_at: isize,
    tstate: *mut PyThreadState,
    owned: u64,
    frame: *mut u8,
    py_prev_instr: *mut u16,
) -> *mut PyObject {
    // SAFETY: as for `call`.
    unsafe {
        enter_c_call(frame, argc_and_c_at, py_prev_instr);
        let CallShape { callable, args, nargs, first_arg } = CallShape::of(base, argc_and_c_at);
        let is_meth = first_arg == 1;
        if let Some(res) = call_c_directly(tstate, callable, args, nargs, ptr::null_mut(), || true) {
            stats::count_call(CallPath::CDirect);
            release_call_slots(base, owned & !CALL_C_DIRECTLY, is_meth);
            return res;
        }
        call(base, argc_and_c_at, tstate, owned, frame, py_prev_instr)
    }
}

/// [`call`] with keyword arguments named by `kwnames` (the last `len(kwnames)` arguments).
pub unsafe extern "C" fn call_kw(
    base: *mut *mut PyObject,
    argc_and_c_at: isize,
    kwnames: *mut PyObject,
    owned: u64,
    frame: *mut u8,
    py_prev_instr: *mut u16,
) -> *mut PyObject {
    // SAFETY: as for `call`.
    unsafe { call_at_c_site(base, argc_and_c_at, kwnames, owned, frame, py_prev_instr) }
}

/// Sets `prev_instr` to the instruction that calls C code (see [`call`]), then [`call_other`].
#[inline(always)]
unsafe fn call_at_c_site(
    base: *mut *mut PyObject,
    argc_and_c_at: isize,
    kwnames: *mut PyObject,
    owned: u64,
    frame: *mut u8,
    py_prev_instr: *mut u16,
) -> *mut PyObject {
    // SAFETY: as for `call`.
    unsafe {
        let argc = enter_c_call(frame, argc_and_c_at, py_prev_instr);
        call_other(base, argc, kwnames, owned, frame, py_prev_instr)
    }
}

/// [`call`] of anything but a Python function on its fast path.
#[inline(never)]
unsafe fn call_other(
    base: *mut *mut PyObject,
    argc: isize,
    kwnames: *mut PyObject,
    owned: u64,
    frame: *mut u8,
    py_prev_instr: *mut u16,
) -> *mut PyObject {
    // SAFETY: as for `call`.
    unsafe {
        let CallShape { callable, args, nargs, first_arg } = CallShape::of(base, argc);
        let is_meth = first_arg == 1;
        let specialised = owned & CALL_C_DIRECTLY != 0;
        let owned = owned & !CALL_C_DIRECTLY;
        let tp = ffi::Py_TYPE(callable);
        // On the fast paths the arguments the stack owns move into the callee's frame: only
        // the callable is left to release.
        let callable_only = owned & (1 << (first_arg - 1));
        if tp == ptr::addr_of_mut!(ffi::PyFunction_Type) {
            // `call` already tried `fast_call` on positional calls of plain functions; with
            // keywords or another vectorcall it may still apply. The rest is the generic call.
            let plain = read::<usize>(callable as *const u8, layout::func::FUNC_VECTORCALL) == cpython::_PyFunction_Vectorcall as usize;
            if plain {
                write(frame, layout::frame::PREV_INSTR, py_prev_instr);
            }
            if !(plain && kwnames.is_null()) {
                if let Some(res) = crate::hook::fast_call(crate::hook::tstate_ptr(), callable, args, nargs, kwnames, owned >> first_arg) {
                    stats::count_call(if kwnames.is_null() { CallPath::PyDispatcher } else { CallPath::PyKeywords });
                    release_call_slots(base, callable_only, is_meth);
                    return res;
                }
            }
        } else if tp == ptr::addr_of_mut!(cpython::PyMethod_Type) && !is_meth {
            // A bound method: its function with `self` in the callable's slot before the
            // arguments, as `method_vectorcall` and `PRECALL_BOUND_METHOD` pass it.
            let func = read::<*mut PyObject>(callable as *const u8, layout::method::IM_FUNC);
            if ffi::Py_TYPE(func) == ptr::addr_of_mut!(ffi::PyFunction_Type) {
                write(frame, layout::frame::PREV_INSTR, py_prev_instr);
                *base.add(1) = read::<*mut PyObject>(callable as *const u8, layout::method::IM_SELF);
                // The method (owned by the slot or by whoever lent it) keeps function and self
                // alive; `self` is borrowed from it, never stolen.
                let fast = crate::hook::fast_call(crate::hook::tstate_ptr(), func, base.add(1), nargs + 1, kwnames, (owned >> 2) << 1);
                *base.add(1) = callable;
                if let Some(res) = fast {
                    stats::count_call(CallPath::BoundMethod);
                    release_call_slots(base, callable_only, is_meth);
                    return res;
                }
            }
        } else if tp == ptr::addr_of_mut!(ffi::PyType_Type) && !is_meth {
            if let Some((res, args_taken)) = construct(crate::hook::tstate_ptr(), callable, args, nargs, kwnames, owned >> 2) {
                stats::count_call(CallPath::Constructor);
                release_call_slots(base, if args_taken { callable_only } else { owned }, is_meth);
                return res;
            }
        }
        if is_c_callable(callable) || tp == ptr::addr_of_mut!(ffi::PyType_Type) {
            let as_specialised = || specialised || crate::hook::code_is_warm(read::<*mut u8>(frame, layout::frame::F_CODE));
            if let Some(res) = call_c_directly(crate::hook::tstate_ptr(), callable, args, nargs, kwnames, as_specialised) {
                stats::count_call(CallPath::CDirect);
                release_call_slots(base, owned, is_meth);
                return res;
            }
        }
        if callable == GETREFCOUNT.load(std::sync::atomic::Ordering::Relaxed) && !callable.is_null() {
            // Arguments passed borrowed would show one reference fewer than the interpreter's
            // stack holds: own them for this call, so the count reads as in stock CPython.
            return call_owning_args(base, argc, kwnames, owned, callable, args, nargs, is_meth);
        }
        stats::count_call(CallPath::Vectorcall);
        let nkw = if kwnames.is_null() { 0 } else { ffi::PyTuple_GET_SIZE(kwnames) as usize };
        let res = ffi::PyObject_Vectorcall(callable, args, (nargs - nkw) | cpython::VECTORCALL_ARGUMENTS_OFFSET, kwnames);
        release_call_slots(base, owned, is_meth);
        res
    }
}

/// Releases the owned references of a call's stack slots, in the interpreter's order
/// (arguments, then the callable).
unsafe fn release_call_slots(base: *mut *mut PyObject, owned: u64, is_meth: bool) {
    // SAFETY: slots whose bit is set in `owned` hold references owned by the stack.
    unsafe {
        let first_arg = if is_meth { 1 } else { 2 };
        let mut args_owned = owned & !((1u64 << first_arg) - 1);
        while args_owned != 0 {
            let i = args_owned.trailing_zeros() as usize;
            decref(*base.add(i));
            args_owned &= args_owned - 1;
        }
        let callable_slot = if is_meth { 0 } else { 1 };
        if owned & (1 << callable_slot) != 0 {
            decref(*base.add(callable_slot));
        }
    }
}

/// Flag in `call`'s `owned` word (bit 63; calls have at most 63 slots): the interpreter had
/// specialised the call site (its PRECALL is quickened to a form that calls a C function
/// itself), so C functions are called the way that form calls them ([`call_c_directly`]). A site
/// compiled before the interpreter warmed it up does so once its code has been called as often
/// as the interpreter needs to quicken it, and calls them as the unspecialised CALL does before.
pub const CALL_C_DIRECTLY: u64 = 1 << 63;

const METH_O: i32 = 0x0008;
const METH_NOARGS: i32 = 0x0004;
const METH_FASTCALL: i32 = 0x0080;
const METH_KEYWORDS: i32 = 0x0002;

type FastFn = unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, isize) -> *mut PyObject;
type FastKwFn = unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, isize, *mut PyObject) -> *mut PyObject;
type OneArgFn = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;

/// True for the callables [`call_c_directly`] may handle (checked before anything costlier).
#[inline(always)]
unsafe fn is_c_callable(callable: *mut PyObject) -> bool {
    // SAFETY: a live object.
    unsafe {
        let tp = ffi::Py_TYPE(callable);
        tp == ptr::addr_of_mut!(ffi::PyCFunction_Type) || tp == ptr::addr_of_mut!(ffi::PyMethodDescr_Type)
    }
}

/// The C functions that 3.11's specialised `PRECALL` forms call directly, called the same way
/// (`None`: not such a callable, nothing done):
/// - builtins (`PyCFunction`) whose flags are exactly `METH_FASTCALL`,
///   `METH_FASTCALL | METH_KEYWORDS` or `METH_O`;
/// - method descriptors on a receiver of exactly their type, flags exactly those or
///   `METH_NOARGS`;
/// - `len`, `list.append`, and `str`, `tuple` and `type` of one argument;
/// - classes with a vectorcall of their own, through it (`PRECALL_BUILTIN_CLASS`).
///
/// Like those instructions, and unlike `PyObject_Vectorcall`, the `METH_FASTCALL` forms, `len`,
/// `list.append` and the types do not count a recursion level (the test suite relies on a
/// warmed-up interpreter's depth), so they are called so only when `as_specialised` (the site is
/// specialised or warm, see [`CALL_C_DIRECTLY`]). `METH_O` and `METH_NOARGS` functions count one,
/// as both paths do, and their result is checked as `_Py_CheckFunctionResult` checks it, so they
/// are always called directly.
#[inline(always)]
unsafe fn call_c_directly(
    tstate: *mut PyThreadState,
    callable: *mut PyObject,
    args: *mut *mut PyObject,
    nargs: usize,
    kwnames: *mut PyObject,
    as_specialised: impl Fn() -> bool,
) -> Option<*mut PyObject> {
    use std::sync::atomic::Ordering::Relaxed;
    // SAFETY: `args` holds `nargs` live references (keywords included); GIL held. Layouts of
    // PyCFunctionObject / PyMethodDescrObject / PyMethodDef are checked by the layout test.
    unsafe {
        let tp = ffi::Py_TYPE(callable);
        let nkw = if kwnames.is_null() { 0 } else { ffi::PyTuple_GET_SIZE(kwnames) as usize };
        if tp == ptr::addr_of_mut!(ffi::PyCFunction_Type) {
            let ml = read::<*mut u8>(callable as *const u8, layout::cfunc::M_ML);
            let flags = read::<i32>(ml, layout::cfunc::ML_FLAGS);
            let meth = read::<usize>(ml, layout::cfunc::ML_METH);
            let self_ = read::<*mut PyObject>(callable as *const u8, layout::cfunc::M_SELF);
            if flags == METH_O && nargs == 1 && nkw == 0 {
                if callable == BUILTIN_LEN.load(Relaxed) {
                    if !as_specialised() {
                        return None;
                    }
                    let n = ffi::PyObject_Length(*args);
                    return Some(if n < 0 { ptr::null_mut() } else { ffi::PyLong_FromSsize_t(n) });
                }
                // `sys.getrefcount` must see its argument owned by the stack (`call_other`).
                if callable != GETREFCOUNT.load(Relaxed) {
                    let f: OneArgFn = std::mem::transmute::<usize, OneArgFn>(meth);
                    return Some(call_counting_recursion(tstate, f, callable, self_, *args));
                }
                return None;
            }
            if !as_specialised() {
                return None;
            }
            if flags == METH_FASTCALL && nkw == 0 {
                let f: FastFn = std::mem::transmute::<usize, FastFn>(meth);
                return Some(f(self_, args, nargs as isize));
            }
            if flags == METH_FASTCALL | METH_KEYWORDS {
                let f: FastKwFn = std::mem::transmute::<usize, FastKwFn>(meth);
                return Some(f(self_, args, (nargs - nkw) as isize, kwnames));
            }
            return None;
        }
        if tp == ptr::addr_of_mut!(ffi::PyMethodDescr_Type) && nargs >= 1 {
            let ml = read::<*mut u8>(callable as *const u8, layout::cfunc::D_METHOD);
            let flags = read::<i32>(ml, layout::cfunc::ML_FLAGS);
            let meth = read::<usize>(ml, layout::cfunc::ML_METH);
            let self_ = *args;
            // As the specialised forms: the receiver's type is exactly the descriptor's type.
            if ffi::Py_TYPE(self_) as *mut PyObject != read::<*mut PyObject>(callable as *const u8, layout::cfunc::D_TYPE) {
                return None;
            }
            if nkw == 0 {
                if nargs == 2 && callable == LIST_APPEND.load(Relaxed) && as_specialised() {
                    if ffi::PyList_Append(self_, *args.add(1)) < 0 {
                        return Some(ptr::null_mut());
                    }
                    ffi::Py_INCREF(ffi::Py_None());
                    return Some(ffi::Py_None());
                }
                if (flags == METH_O && nargs == 2) || (flags == METH_NOARGS && nargs == 1) {
                    let f: OneArgFn = std::mem::transmute::<usize, OneArgFn>(meth);
                    let arg = if nargs == 2 { *args.add(1) } else { ptr::null_mut() };
                    return Some(call_counting_recursion(tstate, f, callable, self_, arg));
                }
            }
            if !as_specialised() {
                return None;
            }
            if flags == METH_FASTCALL && nkw == 0 {
                let f: FastFn = std::mem::transmute::<usize, FastFn>(meth);
                return Some(f(self_, args.add(1), nargs as isize - 1));
            }
            if flags == METH_FASTCALL | METH_KEYWORDS {
                let f: FastKwFn = std::mem::transmute::<usize, FastKwFn>(meth);
                return Some(f(self_, args.add(1), (nargs - 1 - nkw) as isize, kwnames));
            }
            return None;
        }
        if tp == ptr::addr_of_mut!(ffi::PyType_Type) && nargs == 1 && nkw == 0 && as_specialised() {
            let arg = *args;
            if callable == ptr::addr_of_mut!(ffi::PyUnicode_Type) as *mut PyObject {
                return Some(ffi::PyObject_Str(arg));
            }
            if callable == ptr::addr_of_mut!(ffi::PyTuple_Type) as *mut PyObject {
                return Some(ffi::PySequence_Tuple(arg));
            }
            if callable == ptr::addr_of_mut!(ffi::PyType_Type) as *mut PyObject {
                let tp = ffi::Py_TYPE(arg) as *mut PyObject;
                ffi::Py_INCREF(tp);
                return Some(tp);
            }
        }
        if tp == ptr::addr_of_mut!(ffi::PyType_Type) {
            // A class with a vectorcall of its own (`range`, `int`, `float`, `list`, `dict`…),
            // called through it as `PRECALL_BUILTIN_CLASS` does.
            if let Some(vectorcall) = (*(callable as *mut ffi::PyTypeObject)).tp_vectorcall {
                if as_specialised() {
                    let vectorcall = if callable == ptr::addr_of_mut!(ffi::PyRange_Type) as *mut PyObject {
                        range_vectorcall
                    } else {
                        vectorcall
                    };
                    return Some(vectorcall(callable, args, nargs - nkw, kwnames));
                }
            }
        }
        None
    }
}

/// Offsets of `start`, `stop`, `step` and `length` in CPython's `rangeobject` (private to
/// `rangeobject.c`: checked at `enable()` by [`check_range_layout`]).
const RANGE_FIELDS: [usize; 4] = [16, 24, 32, 40];

/// Whether [`RANGE_FIELDS`] held for a range made at `enable()`.
static RANGE_LAYOUT_OK: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Checks [`RANGE_FIELDS`] on `r`, which must be `range(5, 100, 7)`, enabling [`small_range`].
///
/// # Safety
/// GIL held; `r` is live.
pub unsafe fn check_range_layout(r: *mut PyObject) {
    // SAFETY: a live range object has the four pointer fields after its header.
    let ok = unsafe {
        ffi::Py_TYPE(r) == ptr::addr_of_mut!(ffi::PyRange_Type)
            && RANGE_FIELDS.iter().zip([5, 100, 7, 14]).all(|(&offset, expected)| {
                let field = read::<*mut PyObject>(r as *const u8, offset as i32);
                !field.is_null() && ffi::PyLong_CheckExact(field) != 0 && ffi::PyLong_AsLong(field) == expected
            })
    };
    RANGE_LAYOUT_OK.store(ok, std::sync::atomic::Ordering::Relaxed);
}

/// `range`'s vectorcall for compiled code: [`small_range`], or `range`'s own.
///
/// # Safety
/// As a vectorcall of `range` (`callable` is `range`).
pub unsafe extern "C" fn range_vectorcall(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: as documented; `small_range` only reads the arguments.
    unsafe {
        let nargs = nargsf & !cpython::VECTORCALL_ARGUMENTS_OFFSET;
        if kwnames.is_null() {
            if let Some(r) = small_range(args as *mut *mut PyObject, nargs) {
                return r;
            }
        }
        let own = (*(callable as *mut ffi::PyTypeObject)).tp_vectorcall.unwrap();
        own(callable, args, nargsf, kwnames)
    }
}

/// `range(stop)`, `range(start, stop)` or `range(start, stop, step)` of exact ints that fit in
/// 64 bits, built as `range_from_array` and `make_range_object` build it (the same bounds, the
/// same length), the length computed in machine integers rather than by
/// `compute_range_length`'s generic int arithmetic. `None` for anything else (a zero step
/// included), which the generic call then handles or reports.
///
/// # Safety
/// GIL held; `args` holds `nargs` live references.
unsafe fn small_range(args: *mut *mut PyObject, nargs: usize) -> Option<*mut PyObject> {
    // SAFETY: live borrowed arguments; the new object's fields are written before it is used.
    unsafe {
        if !RANGE_LAYOUT_OK.load(std::sync::atomic::Ordering::Relaxed) {
            return None;
        }
        let (_, _, _, len) = small_range_bounds(args, nargs)?;
        let length = ffi::PyLong_FromLongLong(len);
        if length.is_null() {
            return Some(ptr::null_mut());
        }
        let r = ffi::PyObject_New::<PyObject>(ptr::addr_of_mut!(ffi::PyRange_Type));
        if r.is_null() {
            decref(length);
            return Some(ptr::null_mut());
        }
        // `range_from_array`'s bounds: the arguments themselves (`PyNumber_Index` of an exact int
        // is the int), 0 and 1 for the ones not given.
        let (start_o, stop_o, step_o) = match nargs {
            1 => (ffi::PyLong_FromLong(0), incref(*args), ffi::PyLong_FromLong(1)),
            2 => (incref(*args), incref(*args.add(1)), ffi::PyLong_FromLong(1)),
            _ => (incref(*args), incref(*args.add(1)), incref(*args.add(2))),
        };
        for (&offset, field) in RANGE_FIELDS.iter().zip([start_o, stop_o, step_o, length]) {
            write(r as *mut u8, offset as i32, field);
        }
        Some(r)
    }
}

/// The start, stop, step and length of `range(*args)` for 1 to 3 exact ints that fit in 64
/// bits and a length that does too, computed as `compute_range_length` would; `None` for
/// anything else (a zero step included).
///
/// # Safety
/// GIL held; `args` holds `nargs` live references.
unsafe fn small_range_bounds(args: *mut *mut PyObject, nargs: usize) -> Option<(i64, i64, i64, i64)> {
    // SAFETY: live borrowed arguments.
    unsafe {
        if !(1..=3).contains(&nargs) {
            return None;
        }
        let mut v = [0i64; 3];
        for (i, slot) in v.iter_mut().enumerate().take(nargs) {
            let a = *args.add(i);
            if ffi::PyLong_CheckExact(a) == 0 {
                return None;
            }
            let mut overflow = 0;
            *slot = ffi::PyLong_AsLongAndOverflow(a, &mut overflow);
            if overflow != 0 {
                return None;
            }
        }
        let (start, stop, step) = match nargs {
            1 => (0, v[0], 1),
            2 => (v[0], v[1], 1),
            _ => (v[0], v[1], v[2]),
        };
        let (start_w, stop_w, step_w) = (start as i128, stop as i128, step as i128);
        let len = if step == 1 {
            // The common case, without a 128-bit division.
            (stop_w - start_w).max(0)
        } else if step > 0 && start < stop {
            1 + (stop_w - 1 - start_w) / step_w
        } else if step < 0 && start > stop {
            1 + (start_w - 1 - stop_w) / -step_w
        } else if step == 0 {
            return None;
        } else {
            0
        };
        Some((start, stop, step, i64::try_from(len).ok()?))
    }
}

/// `range(...)` whose result goes straight to `GET_ITER` (`for i in range(n)`, compiled code
/// calls this instead of [`range_vectorcall`] there): the range iterator, built as
/// `range_iter` builds it from the range [`small_range`] would make, without that range object,
/// which nothing else could see. Otherwise (other arguments, an iterator over longs) the range
/// made the generic way and its iterator, which `GET_ITER` then takes as it is.
pub unsafe extern "C" fn range_iter_vectorcall(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    use layout::iter::*;
    // SAFETY: as for `range_vectorcall`; a new range iterator's fields (checked at `enable()`
    // by `check_iter_layouts`) are written before anything sees it.
    unsafe {
        let nargs = nargsf & !cpython::VECTORCALL_ARGUMENTS_OFFSET;
        if kwnames.is_null() && iter_fast_paths() && RANGE_LAYOUT_OK.load(std::sync::atomic::Ordering::Relaxed) {
            if let Some((start, stop, step, len)) = small_range_bounds(args as *mut *mut PyObject, nargs) {
                // `range_iter`'s test that `start + len * step` cannot overflow.
                let fits = len == 0 || if step > 0 { stop <= i64::MAX - (step - 1) } else { stop >= i64::MIN + (-1 - step) };
                if fits {
                    let it = ffi::PyObject_New::<PyObject>(ptr::addr_of_mut!(ffi::PyRangeIter_Type));
                    if it.is_null() {
                        return it;
                    }
                    write::<i64>(it as *mut u8, RANGE_INDEX, 0);
                    write::<i64>(it as *mut u8, RANGE_START, start);
                    write::<i64>(it as *mut u8, RANGE_STEP, step);
                    write::<i64>(it as *mut u8, RANGE_LEN, len);
                    return it;
                }
            }
        }
        let range = range_vectorcall(callable, args, nargsf, kwnames);
        if range.is_null() {
            return range;
        }
        let it = ffi::PyObject_GetIter(range);
        decref(range);
        it
    }
}

/// A `METH_O` or `METH_NOARGS` C function called as 3.11's specialised forms call it: one
/// recursion level counted around the call. A result inconsistent with the error indicator goes
/// through `_Py_CheckFunctionResult` (a `SystemError`), as after `PyObject_Vectorcall`.
#[inline(always)]
unsafe fn call_counting_recursion(
    tstate: *mut PyThreadState,
    f: OneArgFn,
    callable: *mut PyObject,
    self_: *mut PyObject,
    arg: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: GIL held by `tstate`; `f` is the C function of a live builtin or method
    // descriptor whose flags say it takes `(self, arg)`; `arg` is live or NULL (METH_NOARGS).
    unsafe {
        let ts = tstate as *mut u8;
        let remaining = read::<i32>(ts, layout::tstate::RECURSION_REMAINING);
        write::<i32>(ts, layout::tstate::RECURSION_REMAINING, remaining - 1);
        if remaining <= 0 && cpython::_Py_CheckRecursiveCall(tstate, c" while calling a Python object".as_ptr()) != 0 {
            // `_Py_CheckRecursiveCall` undid the decrement.
            return ptr::null_mut();
        }
        let res = f(self_, arg);
        let remaining = read::<i32>(ts, layout::tstate::RECURSION_REMAINING);
        write::<i32>(ts, layout::tstate::RECURSION_REMAINING, remaining + 1);
        if res.is_null() == read::<*mut PyObject>(ts, layout::tstate::CUREXC_TYPE).is_null() {
            return cpython::_Py_CheckFunctionResult(tstate, callable, res, ptr::null());
        }
        res
    }
}

/// `builtins.len` and `list.append` (borrowed; both live as long as the interpreter).
static BUILTIN_LEN: std::sync::atomic::AtomicPtr<PyObject> = std::sync::atomic::AtomicPtr::new(ptr::null_mut());
static LIST_APPEND: std::sync::atomic::AtomicPtr<PyObject> = std::sync::atomic::AtomicPtr::new(ptr::null_mut());

/// `sys.getrefcount` (NULL until recorded): it must see its argument owned by the stack.
pub fn getrefcount() -> *mut PyObject {
    GETREFCOUNT.load(std::sync::atomic::Ordering::Relaxed)
}

/// `builtins.len`, once [`remember_builtins`] has run (compiled `len()` calls compare with it).
pub fn builtin_len() -> *mut PyObject {
    BUILTIN_LEN.load(std::sync::atomic::Ordering::Relaxed)
}

/// `builtins.isinstance`, as [`builtin_len`].
pub fn builtin_isinstance() -> *mut PyObject {
    BUILTIN_ISINSTANCE.load(std::sync::atomic::Ordering::Relaxed)
}

static BUILTIN_ISINSTANCE: std::sync::atomic::AtomicPtr<PyObject> = std::sync::atomic::AtomicPtr::new(ptr::null_mut());

/// `PyType_IsSubtype(a, b)` widened to a machine word, for compiled code that tests the whole
/// register (the C function returns an `int`).
///
/// # Safety
/// Two live type objects; GIL held.
pub unsafe extern "C" fn is_subtype(a: *mut ffi::PyTypeObject, b: *mut ffi::PyTypeObject) -> isize {
    // SAFETY: two live type objects (compiled code passes an object's type and a checked type).
    unsafe { ffi::PyType_IsSubtype(a, b) as isize }
}

/// Records `len` and `list.append` for [`call_c_directly`], and `isinstance` for compiled
/// calls (references kept for the process).
///
/// # Safety
/// GIL held.
pub unsafe fn remember_builtins(len: *mut PyObject, list_append: *mut PyObject, isinstance: *mut PyObject) {
    use std::sync::atomic::Ordering;
    // SAFETY: live objects; the references taken are never released.
    unsafe {
        if !isinstance.is_null() && BUILTIN_ISINSTANCE.load(Ordering::Relaxed).is_null() {
            ffi::Py_INCREF(isinstance);
            BUILTIN_ISINSTANCE.store(isinstance, Ordering::Relaxed);
        }
        if !len.is_null() && BUILTIN_LEN.load(Ordering::Relaxed).is_null() {
            ffi::Py_INCREF(len);
            BUILTIN_LEN.store(len, Ordering::Relaxed);
        }
        if !list_append.is_null() && LIST_APPEND.load(Ordering::Relaxed).is_null() {
            ffi::Py_INCREF(list_append);
            LIST_APPEND.store(list_append, Ordering::Relaxed);
        }
    }
}

/// `list.append` (the method descriptor), once `enable()` has remembered it; NULL before.
pub fn list_append_descriptor() -> *mut PyObject {
    LIST_APPEND.load(std::sync::atomic::Ordering::Relaxed)
}

#[allow(clippy::too_many_arguments)]
#[cold]
unsafe fn call_owning_args(
    base: *mut *mut PyObject,
    argc: isize,
    kwnames: *mut PyObject,
    owned: u64,
    callable: *mut PyObject,
    args: *mut *mut PyObject,
    nargs: usize,
    is_meth: bool,
) -> *mut PyObject {
    // SAFETY: as `call`: `argc + 2` live slots at `base`.
    unsafe {
        let first_arg = if is_meth { 1 } else { 2 };
        let n = argc as usize + 2;
        for i in first_arg..n {
            if owned & (1 << i) == 0 {
                ffi::Py_INCREF(*base.add(i));
            }
        }
        let nkw = if kwnames.is_null() { 0 } else { ffi::PyTuple_GET_SIZE(kwnames) as usize };
        let res = ffi::PyObject_Vectorcall(callable, args, (nargs - nkw) | cpython::VECTORCALL_ARGUMENTS_OFFSET, kwnames);
        for i in first_arg..n {
            decref(*base.add(i));
        }
        let callable_slot = if is_meth { 0 } else { 1 };
        if owned & (1 << callable_slot) != 0 {
            decref(*base.add(callable_slot));
        }
        res
    }
}

/// `slot_tp_init` (the `tp_init` of classes defining `__init__` in Python), recorded at
/// `enable()`.
static SLOT_TP_INIT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Records `slot_tp_init` from `probe`, a class with a Python `__init__`.
///
/// # Safety
/// GIL held; `probe` is a live heap type.
pub unsafe fn remember_slot_tp_init(probe: *mut PyObject) {
    use std::sync::atomic::Ordering;
    // SAFETY: a live type object.
    unsafe {
        if let Some(init) = (*(probe as *mut ffi::PyTypeObject)).tp_init {
            SLOT_TP_INIT.store(init as usize, Ordering::Relaxed);
        }
    }
}

/// `slot_tp_getattr_hook` (static in libpython): the `tp_getattro` of a class that defines
/// `__getattr__`, taken from a probe class at `enable()`; 0 until then.
static SLOT_TP_GETATTR_HOOK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
/// `object.__getattribute__` (its wrapper descriptor) and the interned name, borrowed from
/// `object`'s dict, which keeps both for the interpreter's lifetime.
static OBJECT_GETATTRIBUTE: std::sync::atomic::AtomicPtr<PyObject> = std::sync::atomic::AtomicPtr::new(ptr::null_mut());
static GETATTRIBUTE_NAME: std::sync::atomic::AtomicPtr<PyObject> = std::sync::atomic::AtomicPtr::new(ptr::null_mut());

/// Remembers `slot_tp_getattr_hook` from `probe`, a class with a Python `__getattr__` (and
/// `object`'s `__getattribute__`), for [`megamorphic_attr`].
///
/// # Safety
/// GIL held; `probe` is a live heap type.
pub unsafe fn remember_getattr_hook(probe: *mut PyObject) {
    use std::sync::atomic::Ordering::Relaxed;
    // SAFETY: live type objects, GIL held; the interned name is kept by its own reference.
    unsafe {
        let name = ffi::PyUnicode_InternFromString(c"__getattribute__".as_ptr());
        if name.is_null() {
            ffi::PyErr_Clear();
            return;
        }
        let object_getattribute = cpython::_PyType_Lookup(ptr::addr_of_mut!(ffi::PyBaseObject_Type), name);
        if object_getattribute.is_null() {
            return;
        }
        GETATTRIBUTE_NAME.store(name, Relaxed);
        OBJECT_GETATTRIBUTE.store(object_getattribute, Relaxed);
        if let Some(hook) = (*(probe as *mut ffi::PyTypeObject)).tp_getattro {
            SLOT_TP_GETATTR_HOOK.store(hook as usize, Relaxed);
        }
    }
}

/// Whether attribute reads on instances of `tp` (whose `tp_getattro` is `getattro`) are the
/// generic lookup followed, only if that finds nothing, by the class's `__getattr__`: its
/// `__getattribute__` is `object`'s (`slot_tp_getattr_hook` then calls the generic lookup).
unsafe fn is_getattr_hook(tp: *mut ffi::PyTypeObject, getattro: Option<usize>) -> bool {
    use std::sync::atomic::Ordering::Relaxed;
    let hook = SLOT_TP_GETATTR_HOOK.load(Relaxed);
    // SAFETY: a live type, GIL held.
    hook != 0
        && getattro == Some(hook)
        && unsafe { cpython::_PyType_Lookup(tp, GETATTRIBUTE_NAME.load(Relaxed)) } == OBJECT_GETATTRIBUTE.load(Relaxed)
}

/// Recursion levels `type.__call__` would count that must be left before the fast
/// construction path is taken (near the limit, the generic path raises exactly as stock).
const CONSTRUCT_RECURSION_MARGIN: i32 = 50;

/// `cls(*args)` for a class whose instances come from `object.__new__` and whose `__init__` is
/// a Python function, as `type_call` → `object_new` → `slot_tp_init` do it, with `__init__`
/// entered through the fast call path. `args[-1]` is a writable slot (the callable's), used to
/// pass the new instance first; it is restored. `None`: not such a class (nothing was run).
/// Otherwise the result, and whether the arguments marked in `steal` were moved into
/// `__init__`'s frame (see `hook::fast_call`).
unsafe fn construct(
    tstate: *mut PyThreadState,
    cls: *mut PyObject,
    args: *mut *mut PyObject,
    nargs: usize,
    kwnames: *mut PyObject,
    steal: u64,
) -> Option<(*mut PyObject, bool)> {
    use std::sync::atomic::Ordering;
    // SAFETY: `cls` is a live object, `args[-1..nargs]` are stack slots of the running frame.
    unsafe {
        if ffi::Py_TYPE(cls) != ptr::addr_of_mut!(ffi::PyType_Type) {
            return None;
        }
        let tp = cls as *mut ffi::PyTypeObject;
        let flags = (*tp).tp_flags;
        if flags & ffi::Py_TPFLAGS_HEAPTYPE == 0
            || flags & ffi::Py_TPFLAGS_IS_ABSTRACT != 0
            || (*tp).tp_new.map(|f| f as usize) != (*ptr::addr_of_mut!(ffi::PyBaseObject_Type)).tp_new.map(|f| f as usize)
            || (*tp).tp_init.map(|f| f as usize) != Some(SLOT_TP_INIT.load(Ordering::Relaxed))
        {
            return None;
        }
        static INIT: InternedName = InternedName::new(c"__init__");
        let (init, init_entry) = crate::method_cache::cached_function(tp, crate::method_cache::CONSTRUCTOR + nargs, nargs + 1, || {
            crate::method_cache::type_function(tp, &INIT)
        })?;
        // `type.__call__` is a C call: it counts a recursion level.
        let ts = tstate as *mut u8;
        let remaining = read::<i32>(ts, layout::tstate::RECURSION_REMAINING);
        if remaining < CONSTRUCT_RECURSION_MARGIN {
            return None;
        }
        // `object.__new__` itself (it also sets up the instance's inline attribute values,
        // with an internal function); with no arguments it checks nothing else.
        let new = (*tp).tp_new?;
        let no_args = ffi::PyTuple_New(0);
        if no_args.is_null() {
            return Some((ptr::null_mut(), false));
        }
        let obj = new(tp, no_args, ptr::null_mut());
        decref(no_args);
        if obj.is_null() {
            return Some((ptr::null_mut(), false));
        }
        write::<i32>(ts, layout::tstate::RECURSION_REMAINING, remaining - 1);
        // The function stays alive: the type holds it, and the type is on the caller's stack.
        let saved = *args.sub(1);
        *args.sub(1) = obj;
        let fast_entry = if kwnames.is_null() { init_entry } else { 0 };
        // `type.__call__` passes the arguments in a tuple, which holds a reference to each
        // while `__init__` runs (`sys.getrefcount` in `__init__` sees it); a fast entry also
        // takes over a reference to each argument, which for those the stack does not own is
        // a new one.
        for i in 0..nargs {
            ffi::Py_INCREF(*args.add(i));
            if fast_entry != 0 && steal & (1u64 << i) == 0 {
                ffi::Py_INCREF(*args.add(i));
            }
        }
        let (res, args_taken) = if fast_entry != 0 {
            // The instance: the fast entry takes a reference; this function returns its own.
            ffi::Py_INCREF(obj);
            // SAFETY: a fast entry of `__init__`'s code for `nargs + 1` arguments.
            let fast: crate::codegen::entry::FastEntryFn = std::mem::transmute::<usize, _>(fast_entry);
            (fast(init, tstate, args.sub(1)), true)
        } else {
            call_init(tstate, init, args.sub(1), nargs, kwnames, steal)
        };
        *args.sub(1) = saved;
        for i in 0..nargs {
            decref(*args.add(i));
        }
        let ts_remaining = read::<i32>(ts, layout::tstate::RECURSION_REMAINING);
        write::<i32>(ts, layout::tstate::RECURSION_REMAINING, ts_remaining + 1);
        if res.is_null() {
            decref(obj);
            return Some((ptr::null_mut(), args_taken));
        }
        if res != ffi::Py_None() {
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"__init__() should return None, not '%.200s'".as_ptr(),
                (*ffi::Py_TYPE(res)).tp_name,
            );
            decref(res);
            decref(obj);
            return Some((ptr::null_mut(), args_taken));
        }
        decref(res);
        Some((obj, args_taken))
    }
}

/// `sys.getrefcount`, owned (set once at `enable()`).
static GETREFCOUNT: std::sync::atomic::AtomicPtr<PyObject> = std::sync::atomic::AtomicPtr::new(ptr::null_mut());

/// Records `sys.getrefcount` (a borrowed reference; NULL is ignored).
///
/// # Safety
/// GIL held.
pub unsafe fn remember_getrefcount(f: *mut PyObject) {
    use std::sync::atomic::Ordering;
    if !f.is_null() && GETREFCOUNT.load(Ordering::Relaxed).is_null() {
        // SAFETY: a live object; the reference is kept for the process.
        unsafe { ffi::Py_INCREF(f) };
        GETREFCOUNT.store(f, Ordering::Relaxed);
    }
}

/// `CALL_FUNCTION_EX`: steals `items = [NULL?, func, callargs, kwargs?]` (the NULL slot is not
/// passed). Other iterables than a tuple are made one first, as the interpreter does; a
/// non-iterable (whose error message the interpreter formats) or a mapping other than an exact
/// dict deopts.
pub unsafe extern "C" fn call_function_ex(items: *mut *mut PyObject, has_kwargs: isize) -> *mut PyObject {
    // SAFETY: `items` holds 2 or 3 live references owned by the stack.
    unsafe {
        let func = *items;
        let args = *items.add(1);
        let kwargs = if has_kwargs != 0 { *items.add(2) } else { ptr::null_mut() };
        if !kwargs.is_null() && ffi::PyDict_CheckExact(kwargs) == 0 {
            return DEOPT;
        }
        let mut call_args = args;
        if ffi::PyTuple_CheckExact(args) == 0 {
            // `f(*iterable)`: as the interpreter, a tuple of the items first. Objects that are
            // not iterable at all get the interpreter's own error message.
            let tp = type_of(args);
            if (*tp).tp_iter.is_none() && ffi::PySequence_Check(args) == 0 {
                return DEOPT;
            }
            call_args = ffi::PySequence_Tuple(args);
            if call_args.is_null() {
                decref(args);
                xdecref(kwargs);
                decref(func);
                return ptr::null_mut();
            }
            decref(args);
        }
        let res = ffi::PyObject_Call(func, call_args, kwargs);
        decref(func);
        decref(call_args);
        xdecref(kwargs);
        res
    }
}

/// `MAKE_FUNCTION flags`: steals `items = [defaults?, kwdefaults?, annotations?, closure?, code]`.
pub unsafe extern "C" fn make_function(frame: *mut u8, items: *mut *mut PyObject, flags: isize) -> *mut PyObject {
    // SAFETY: `items` holds the owned references the flags announce, then the code object.
    unsafe {
        let n = (flags & 0xf).count_ones() as usize;
        let code = *items.add(n);
        let globals = read::<*mut PyObject>(frame, layout::frame::F_GLOBALS);
        let func = cpython::PyFunction_New(code, globals);
        decref(code);
        if func.is_null() {
            decref_all(items, n);
            return func;
        }
        let f = func as *mut u8;
        let mut i = 0;
        // Fields are NULL in a new function; the interpreter stores them without a setter.
        for (bit, off) in [
            (0x01, layout::func::FUNC_DEFAULTS),
            (0x02, layout::func::FUNC_KWDEFAULTS),
            (0x04, layout::func::FUNC_ANNOTATIONS),
            (0x08, layout::func::FUNC_CLOSURE),
        ] {
            if flags & bit != 0 {
                write(f, off, *items.add(i));
                i += 1;
            }
        }
        func
    }
}

/// `FORMAT_VALUE flags`: steals `items = [value, spec?]`.
pub unsafe extern "C" fn format_value(items: *mut *mut PyObject, flags: isize) -> *mut PyObject {
    // SAFETY: `items` holds 1 or 2 owned references.
    unsafe {
        let mut value = *items;
        let spec = if flags & 4 != 0 { *items.add(1) } else { ptr::null_mut() };
        let conv: Option<unsafe extern "C" fn(*mut PyObject) -> *mut PyObject> = match flags & 3 {
            1 => Some(ffi::PyObject_Str),
            2 => Some(ffi::PyObject_Repr),
            3 => Some(ffi::PyObject_ASCII),
            _ => None,
        };
        if let Some(conv) = conv {
            let v = conv(value);
            decref(value);
            if v.is_null() {
                xdecref(spec);
                return v;
            }
            value = v;
        }
        if ffi::PyUnicode_CheckExact(value) != 0 && spec.is_null() {
            return value;
        }
        let r = ffi::PyObject_Format(value, spec);
        decref(value);
        xdecref(spec);
        r
    }
}

/// `IMPORT_NAME`: steals `items = [level, fromlist]` (unless it deopts).
pub unsafe extern "C" fn import_name(frame: *mut u8, name: *mut PyObject, items: *mut *mut PyObject) -> *mut PyObject {
    // SAFETY: `frame` is the running frame; `items` holds two owned references.
    unsafe {
        let level = *items;
        let fromlist = *items.add(1);
        let res = import_name_inner(frame, name, fromlist, level);
        if res == DEOPT {
            // Nothing consumed: the interpreter executes the instruction with its stack intact.
            return res;
        }
        decref(level);
        decref(fromlist);
        res
    }
}

unsafe fn import_name_inner(frame: *mut u8, name: *mut PyObject, fromlist: *mut PyObject, level: *mut PyObject) -> *mut PyObject {
    // SAFETY: see `import_name`.
    unsafe {
        let builtins = read::<*mut PyObject>(frame, layout::frame::F_BUILTINS);
        let globals = read::<*mut PyObject>(frame, layout::frame::F_GLOBALS);
        let mut locals = read::<*mut PyObject>(frame, layout::frame::F_LOCALS);
        if locals.is_null() {
            locals = ffi::Py_None();
        }
        static IMPORT: InternedName = InternedName::new(c"__import__");
        let key = IMPORT.get();
        if key.is_null() {
            return key;
        }
        let import_func = ffi::PyDict_GetItemWithError(builtins, key);
        if import_func.is_null() {
            // "__import__ not found" and friends: the interpreter's message.
            return if ffi::PyErr_Occurred().is_null() { DEOPT } else { ptr::null_mut() };
        }
        let interp = read::<*mut u8>(crate::hook::tstate_ptr() as *const u8, layout::tstate::INTERP);
        let default_import = read::<*mut PyObject>(interp, layout::interp::IMPORT_FUNC);
        if import_func == default_import {
            let ilevel = ffi::PyLong_AsLong(level);
            if ilevel == -1 && !ffi::PyErr_Occurred().is_null() {
                return ptr::null_mut();
            }
            return cpython::PyImport_ImportModuleLevelObject(name, globals, locals, fromlist, ilevel as c_int);
        }
        ffi::Py_INCREF(import_func);
        let args = [name, globals, locals, fromlist, level];
        let res = ffi::PyObject_Vectorcall(import_func, args.as_ptr(), 5, ptr::null_mut());
        decref(import_func);
        res
    }
}

/// `IMPORT_FROM`: plain attribute lookup; the interpreter handles the fallbacks and messages.
pub unsafe extern "C" fn import_from(module: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: live borrowed operands.
    unsafe {
        let v = ffi::PyObject_GetAttr(module, name);
        if v.is_null() && ffi::PyErr_ExceptionMatches(ffi::PyExc_AttributeError) != 0 {
            ffi::PyErr_Clear();
            return DEOPT;
        }
        v
    }
}

/// `BEFORE_WITH`, first half: looks up `__enter__` and `__exit__` of `mgr`. On success writes the
/// bound `__exit__` to `out[0]` (replacing `mgr`, released if `mgr_owned`) and returns the
/// entered value or NULL (error; `__exit__` is then on the stack, as in the interpreter).
/// Missing methods deopt (no side effect yet) so the interpreter raises its TypeError.
pub unsafe extern "C" fn before_with(mgr: *mut PyObject, out: *mut *mut PyObject, mgr_owned: isize) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe {
        static ENTER: InternedName = InternedName::new(c"__enter__");
        static EXIT: InternedName = InternedName::new(c"__exit__");
        enter_context(mgr, out, mgr_owned, &ENTER, &EXIT)
    }
}

/// `BEFORE_ASYNC_WITH`, as [`before_with`] with `__aenter__` / `__aexit__`.
pub unsafe extern "C" fn before_async_with(mgr: *mut PyObject, out: *mut *mut PyObject, mgr_owned: isize) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe {
        static ENTER: InternedName = InternedName::new(c"__aenter__");
        static EXIT: InternedName = InternedName::new(c"__aexit__");
        enter_context(mgr, out, mgr_owned, &ENTER, &EXIT)
    }
}

unsafe fn enter_context(
    mgr: *mut PyObject,
    out: *mut *mut PyObject,
    mgr_owned: isize,
    enter: &'static InternedName,
    exit: &'static InternedName,
) -> *mut PyObject {
    // SAFETY: `out` is the manager's stack slot; `mgr` is live.
    unsafe {
        let (enter_name, exit_name) = (enter.get(), exit.get());
        if enter_name.is_null() || exit_name.is_null() {
            // MemoryError before anything was consumed: the interpreter retries the instruction.
            ffi::PyErr_Clear();
            return DEOPT;
        }
        let enter = cpython::_PyObject_LookupSpecial(mgr, enter_name);
        if enter.is_null() {
            ffi::PyErr_Clear();
            return DEOPT;
        }
        let exit = cpython::_PyObject_LookupSpecial(mgr, exit_name);
        if exit.is_null() {
            ffi::PyErr_Clear();
            decref(enter);
            return DEOPT;
        }
        *out = exit;
        if mgr_owned != 0 {
            decref(mgr);
        }
        let res = ffi::PyObject_CallNoArgs(enter);
        decref(enter);
        res
    }
}

/// A name used by helpers: a str interned at the first use (under the GIL) and kept for the
/// process. One static per name, so that finding it is one load.
pub(crate) struct InternedName {
    text: &'static std::ffi::CStr,
    object: std::sync::atomic::AtomicPtr<PyObject>,
}

impl InternedName {
    pub(crate) const fn new(text: &'static std::ffi::CStr) -> Self {
        InternedName { text, object: std::sync::atomic::AtomicPtr::new(ptr::null_mut()) }
    }

    /// The interned str (borrowed: the static owns it), or NULL with an exception set.
    ///
    /// # Safety
    /// GIL held.
    pub(crate) unsafe fn get(&self) -> *mut PyObject {
        use std::sync::atomic::Ordering;
        let p = self.object.load(Ordering::Relaxed);
        if !p.is_null() {
            return p;
        }
        // SAFETY: GIL held; the new reference is the static's for the process. The GIL orders
        // the store before any other thread's load.
        let p = unsafe { ffi::PyUnicode_InternFromString(self.text.as_ptr()) };
        if !p.is_null() {
            self.object.store(p, Ordering::Relaxed);
        }
        p
    }
}

/// `GET_LEN`.
pub unsafe extern "C" fn get_len(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: `o` is live and borrowed.
    unsafe {
        let n = ffi::PyObject_Size(o);
        if n < 0 {
            return ptr::null_mut();
        }
        ffi::PyLong_FromSsize_t(n)
    }
}

/// `MAKE_CELL i`: wraps local `i` in a new cell.
pub unsafe extern "C" fn make_cell(frame: *mut u8, index: isize) -> isize {
    // SAFETY: `frame` is the running frame and `index < co_nlocalsplus`.
    unsafe {
        let off = cpython::localsplus_offset(index as usize);
        let initial = read::<*mut PyObject>(frame, off);
        let cell = cpython::PyCell_New(initial);
        if cell.is_null() {
            return ERR;
        }
        write(frame, off, cell);
        xdecref(initial);
        0
    }
}

/// `COPY_FREE_VARS n`: copies the function's closure cells into the last `n` locals.
pub unsafe extern "C" fn copy_free_vars(frame: *mut u8, n: isize) {
    // SAFETY: `frame` is the running frame of a function whose closure has `n` cells.
    unsafe {
        let func = read::<*mut u8>(frame, layout::frame::F_FUNC);
        let closure = read::<*mut PyObject>(func, layout::func::FUNC_CLOSURE);
        let code = read::<*mut u8>(frame, layout::frame::F_CODE);
        let nlocalsplus = read::<i32>(code, layout::code::CO_NLOCALSPLUS) as isize;
        let offset = nlocalsplus - n;
        for i in 0..n {
            let o = incref(ffi::PyTuple_GET_ITEM(closure, i));
            write(frame, cpython::localsplus_offset((offset + i) as usize), o);
        }
    }
}

/// Services the eval breaker the way the interpreter's `handle_eval_breaker` does, with exported
/// API: drops the GIL when another thread asks for it, runs signal handlers and pending calls.
/// An asynchronous exception deopts (the interpreter raises it at its next check).
pub unsafe extern "C" fn eval_breaker(tstate: *mut PyThreadState) -> isize {
    // SAFETY: `tstate` is the current thread state, holding the GIL.
    unsafe {
        let interp = read::<*mut u8>(tstate as *const u8, layout::tstate::INTERP);
        if cpython::Py_MakePendingCalls() != 0 {
            return ERR;
        }
        if read::<i32>(interp, layout::interp::GIL_DROP_REQUEST) != 0 {
            let ts = cpython::PyEval_SaveThread();
            cpython::PyEval_RestoreThread(ts);
        }
        if !read::<*mut PyObject>(tstate as *const u8, layout::tstate::ASYNC_EXC).is_null() {
            return DEOPT_INT;
        }
        0
    }
}

/// `UNARY_NOT`: a new reference to `True` or `False`, or NULL.
pub unsafe extern "C" fn unary_not(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: `o` is live and borrowed.
    unsafe {
        match truth(o) {
            0 => incref(ffi::Py_True()),
            1 => incref(ffi::Py_False()),
            _ => ptr::null_mut(),
        }
    }
}

/// Per-site cache of an attribute instruction (`LOAD_ATTR`, `STORE_ATTR`, `LOAD_METHOD`), filled
/// by the slow path from what it observed, checked inline by compiled code. It needs no
/// feedback from the interpreter, so functions compiled before they were quickened (or loops
/// that run once) get it too.
#[repr(C)]
pub struct AttrCache {
    /// `tp_version_tag` of the cached type; `EMPTY_VERSION` matches no type.
    pub type_version: u64,
    /// Attribute: byte offset of the value in the instance's values array (`managed` = 1) or
    /// in the object itself (a `__slots__` member, `managed` = 0).
    /// Method: number of entries in the type's shared keys when cached (the name was not
    /// among them, so the instance cannot shadow the method).
    pub index: u64,
    /// Attribute: 1 for the values array, 0 for a slot. Method: 1 if instances have a managed
    /// dict (must be NULL), 0 if they have no dict.
    pub managed: u64,
    /// Method: the function found on the type (borrowed; the version guard proves the type,
    /// which holds it, unchanged).
    pub descr: *mut PyObject,
    /// Slow-path calls so far; refills back off exponentially on sites that keep missing
    /// (polymorphic or uncacheable), so a miss costs little more than the generic lookup.
    pub misses: u64,
    /// Attribute in a dict (`managed` = [`AttrCache::IN_DICT`]): offset of the dict pointer in
    /// the object (the managed-dict slot, `tp_dictoffset`, or a module's `md_dict`).
    pub dict_offset: i64,
    /// Attribute in a dict: the keys' `dk_log2_index_bytes` when cached, which with the
    /// unicode kind fixes where the entries start (`index` is then the entry's byte offset
    /// from the keys object).
    pub index_log2: u64,
    /// Attribute in a dict: the entry's position + 1 (the keys must have that many entries).
    pub min_entries: u64,
    /// Types the site saw before the current one (most recent first), served by the slow-path
    /// helpers without a generic lookup: sites that see several classes (a base-class method
    /// called on instances of its subclasses) would otherwise miss on most executions, as the
    /// interpreter's own monomorphic specialisations do.
    pub alt: [AttrEntry; ALT_ENTRIES],
    /// A `LOAD_ATTR` result of a kind compiled code does not check inline, served by the
    /// slow path ([`load_attr`]) without a generic lookup.
    pub slow: SlowAttr,
}

/// What [`AttrCache::slow`] holds.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum SlowAttrKind {
    None,
    /// An attribute of a class read on the class itself (`Cls.CONSTANT`, `Cls.method`), as
    /// 3.12's `LOAD_ATTR_CLASS`: `version` is the class's, `meta_version` its metatype's (which
    /// had no attribute of that name), `value` the attribute (borrowed from the class), bound
    /// on each read if its class has a `__get__` (`@staticmethod`, `@classmethod`).
    ClassAttribute,
    /// A `property` read on an instance: `version` is the instance type's, `value` the property
    /// (borrowed from the type). A property is a data descriptor: the instance's dict cannot
    /// shadow it.
    Property,
    /// Another data descriptor read on an instance (`obj.__class__`, a C type's getset, a class
    /// with `__get__` and `__set__`), or of the metatype read on a class (`cls.__name__`): as
    /// [`SlowAttrKind::Property`], its `__get__` called.
    DataDescriptor,
    /// A class attribute read on an instance that does not shadow it: a constant of the class
    /// (`self.key`), or a non-data descriptor bound by its `__get__` on each read (a method
    /// read without being called, `getrandbits = self.getrandbits`, which 3.11 does not
    /// specialise). `version` is the instance type's, `value` the attribute (borrowed from the
    /// type), `meta_version` how the instance is proved not to shadow it ([`InstanceShadow`]).
    InstanceClassAttribute,
}

/// How [`SlowAttrKind::InstanceClassAttribute`] proves that an instance has no attribute of
/// that name of its own (`SlowAttr::meta_version`): instances without a dict never do; with a
/// managed dict not yet made, the class's shared keys (which only grow) still have the count
/// they had without the name; otherwise the instance's dict is probed.
#[derive(Clone, Copy)]
enum InstanceShadow {
    NoDict,
    /// The shared keys' entry count (below `1 << 32`) when the name was not among them.
    SharedKeysCount(u64),
    /// Probe the dict at this positive offset below `1 << 31` (`tp_dictoffset`; no dict yet:
    /// no attributes).
    Probe(u64),
}

impl InstanceShadow {
    const NO_DICT: u64 = 1 << 62;
    const PROBE: u64 = 1 << 61;

    fn encode(self) -> u64 {
        match self {
            InstanceShadow::NoDict => Self::NO_DICT,
            InstanceShadow::SharedKeysCount(n) => n,
            InstanceShadow::Probe(offset) => Self::PROBE | offset,
        }
    }

    fn decode(word: u64) -> Self {
        if word == Self::NO_DICT {
            InstanceShadow::NoDict
        } else if word & Self::PROBE != 0 {
            InstanceShadow::Probe(word & !Self::PROBE)
        } else {
            InstanceShadow::SharedKeysCount(word)
        }
    }

    /// Whether `owner` (of the cached type) surely has no attribute `name` of its own.
    unsafe fn holds(self, owner: *mut PyObject, name: *mut PyObject) -> bool {
        // SAFETY: `owner` is a live instance of the type the proof was made for (version
        // checked by the caller), so its layout (dict slot) is that type's.
        unsafe {
            match self {
                InstanceShadow::NoDict => true,
                InstanceShadow::SharedKeysCount(n) => {
                    let dict = read::<*mut PyObject>(owner as *const u8, layout::object::MANAGED_DICT);
                    if !dict.is_null() {
                        return dict_surely_lacks(dict, name);
                    }
                    let keys = read::<*const u8>(type_of(owner) as *const u8, layout::types::HT_CACHED_KEYS);
                    !keys.is_null() && read::<isize>(keys, layout::types::DK_NENTRIES) as u64 == n
                }
                InstanceShadow::Probe(offset) => {
                    let dict = *((owner as *mut u8).add(offset as usize) as *const *mut PyObject);
                    dict.is_null() || dict_surely_lacks(dict, name)
                }
            }
        }
    }
}

/// See [`AttrCache::slow`]; the version guards prove `value` alive (a type changed in any
/// way gets a new version).
#[derive(Clone, Copy)]
#[repr(C)]
pub struct SlowAttr {
    pub kind: SlowAttrKind,
    pub version: u64,
    pub meta_version: u64,
    pub value: *mut PyObject,
}

/// Older types an attribute site keeps besides the one compiled code checks inline.
pub const ALT_ENTRIES: usize = 3;

/// One cached type of an attribute site: the fields of [`AttrCache`] with the same names.
/// Dict entries (`IN_DICT`) are not kept here.
#[derive(Clone, Copy)]
#[repr(C)]
pub struct AttrEntry {
    pub type_version: u64,
    pub index: u64,
    pub managed: u64,
    pub descr: *mut PyObject,
}

impl AttrEntry {
    const EMPTY: AttrEntry = AttrEntry { type_version: EMPTY_VERSION, index: 0, managed: 0, descr: ptr::null_mut() };

    /// Address of the attribute of `owner` this entry describes (a values-array item or a
    /// slot), or NULL; the caller has checked the type version.
    unsafe fn attr_slot(&self, owner: *mut PyObject) -> *mut *mut PyObject {
        // SAFETY: the type version proves `owner`'s layout: a values array (possibly not
        // allocated: NULL) or a member at `index` bytes into the object.
        unsafe {
            if self.managed == AttrCache::IN_VALUES {
                let values = read::<*mut *mut PyObject>(owner as *const u8, layout::object::MANAGED_VALUES);
                if values.is_null() {
                    return ptr::null_mut();
                }
                (values as *mut u8).add(self.index as usize) as *mut *mut PyObject
            } else {
                (owner as *mut u8).add(self.index as usize) as *mut *mut PyObject
            }
        }
    }
}

impl AttrCache {
    /// Counts a miss and says whether to try refilling the cache now.
    fn should_refill(&mut self) -> bool {
        self.misses += 1;
        self.misses.is_power_of_two() || self.misses % 4096 == 0
    }
}

/// Version of an empty cache: above every 32-bit `tp_version_tag`.
pub const EMPTY_VERSION: u64 = u64::MAX;

impl AttrCache {
    pub const fn empty() -> Self {
        AttrCache {
            type_version: EMPTY_VERSION,
            index: 0,
            managed: 0,
            descr: ptr::null_mut(),
            misses: 0,
            dict_offset: 0,
            index_log2: 0,
            min_entries: 0,
            alt: [AttrEntry::EMPTY; ALT_ENTRIES],
            slow: SlowAttr { kind: SlowAttrKind::None, version: 0, meta_version: 0, value: ptr::null_mut() },
        }
    }

    /// The entry compiled code checks inline.
    fn primary(&self) -> AttrEntry {
        AttrEntry { type_version: self.type_version, index: self.index, managed: self.managed, descr: self.descr }
    }

    /// After a refill: keeps the entry it replaced among the alternatives, dropping the oldest.
    fn remember(&mut self, old: AttrEntry) {
        if old.type_version == EMPTY_VERSION
            || old.managed == Self::IN_DICT
            || old.type_version == self.type_version
            || self.alt.iter().any(|e| e.type_version == old.type_version)
        {
            return;
        }
        self.alt.copy_within(0..ALT_ENTRIES - 1, 1);
        self.alt[0] = old;
    }

    /// The alternative entry for `o`'s type, if any.
    unsafe fn alt_for(&self, o: *mut PyObject) -> Option<&AttrEntry> {
        // SAFETY: `o` is live.
        let version = unsafe { type_version(o) };
        self.alt.iter().find(|e| e.type_version == version)
    }

    /// `managed` of an attribute found in a `__slots__` member.
    pub const IN_SLOT: u64 = 0;
    /// `managed` of an attribute found in the instance's values array.
    pub const IN_VALUES: u64 = 1;
    /// `managed` of an attribute found in a combined unicode-keyed dict (an instance dict the
    /// shared keys could not hold, a module's dict): checked like `LOAD_ATTR_WITH_HINT`, by the
    /// entry's key and value, so no dict version is needed.
    pub const IN_DICT: u64 = 2;
    pub const OFFSET_INDEX: i32 = 8;
    pub const OFFSET_MANAGED: i32 = 16;
    pub const OFFSET_DICT_OFFSET: i32 = 40;
    pub const OFFSET_INDEX_LOG2: i32 = 48;
    pub const OFFSET_MIN_ENTRIES: i32 = 56;
    pub const OFFSET_ALT: i32 = 64;
    pub const OFFSET_SLOW_KIND: i32 = 160;
    pub const OFFSET_SLOW_VERSION: i32 = 168;
    pub const OFFSET_SLOW_META_VERSION: i32 = 176;
    pub const OFFSET_SLOW_VALUE: i32 = 184;
    /// Bytes of an [`AttrEntry`], whose fields sit at the offsets of the cache's own.
    pub const ALT_ENTRY_SIZE: i32 = 32;
}

// Compiled code reads the cache at these offsets.
const _: () = {
    use std::mem::{offset_of, size_of};
    assert!(offset_of!(AttrCache, index) == AttrCache::OFFSET_INDEX as usize);
    assert!(offset_of!(AttrCache, managed) == AttrCache::OFFSET_MANAGED as usize);
    assert!(offset_of!(AttrCache, dict_offset) == AttrCache::OFFSET_DICT_OFFSET as usize);
    assert!(offset_of!(AttrCache, index_log2) == AttrCache::OFFSET_INDEX_LOG2 as usize);
    assert!(offset_of!(AttrCache, min_entries) == AttrCache::OFFSET_MIN_ENTRIES as usize);
    assert!(offset_of!(AttrCache, alt) == AttrCache::OFFSET_ALT as usize);
    assert!(size_of::<AttrEntry>() == AttrCache::ALT_ENTRY_SIZE as usize);
    assert!(offset_of!(AttrEntry, type_version) == 0);
    assert!(offset_of!(AttrEntry, index) == AttrCache::OFFSET_INDEX as usize);
    assert!(offset_of!(AttrEntry, managed) == AttrCache::OFFSET_MANAGED as usize);
    assert!(offset_of!(AttrCache, slow) + offset_of!(SlowAttr, kind) == AttrCache::OFFSET_SLOW_KIND as usize);
    assert!(offset_of!(AttrCache, slow) + offset_of!(SlowAttr, version) == AttrCache::OFFSET_SLOW_VERSION as usize);
    assert!(
        offset_of!(AttrCache, slow) + offset_of!(SlowAttr, meta_version) == AttrCache::OFFSET_SLOW_META_VERSION as usize
    );
    assert!(offset_of!(AttrCache, slow) + offset_of!(SlowAttr, value) == AttrCache::OFFSET_SLOW_VALUE as usize);
    assert!(size_of::<SlowAttrKind>() == 8);
};

/// `tp_version_tag` of `o`'s type.
unsafe fn type_version(o: *mut PyObject) -> u64 {
    // SAFETY: a live object; its type is a live type object.
    unsafe { read::<u32>(type_of(o) as *const u8, layout::types::TP_VERSION_TAG) as u64 }
}

/// Caches `name` found as a live entry of the combined unicode-keyed dict at `owner +
/// dict_offset` (the type version was checked to have no attribute of that name).
unsafe fn fill_dict_entry(owner: *mut PyObject, name: *mut PyObject, dict_offset: isize, version: u64, cache: *mut AttrCache) {
    // SAFETY: `owner + dict_offset` is the object's dict slot (managed dict, tp_dictoffset or
    // md_dict); a unicode-kind keys object has `{key, value}` entries after its index table.
    unsafe {
        let dict = *((owner as *mut u8).offset(dict_offset) as *const *mut PyObject);
        if dict.is_null() || ffi::PyDict_CheckExact(dict) == 0 {
            return;
        }
        let keys = read::<*mut u8>(dict as *const u8, layout::dict::MA_KEYS);
        if read::<u8>(keys, layout::types::DK_KIND) != layout::types::DICT_KEYS_UNICODE {
            return;
        }
        let Probe::Found(e) = unicode_probe(keys, name) else { return };
        (*cache).type_version = version;
        (*cache).managed = AttrCache::IN_DICT;
        (*cache).dict_offset = dict_offset as i64;
        (*cache).index_log2 = e.index_log2;
        (*cache).index = e.offset;
        (*cache).min_entries = e.min_entries;
    }
}

/// Where a live `{key, value}` entry sits in a combined unicode-keyed keys object: what compiled
/// code needs to find it again and prove it is still that key's entry (`LOAD_ATTR_WITH_HINT`'s
/// check, which needs no dict version: a live entry whose key is the name is the name's).
pub struct UnicodeEntry {
    /// `dk_log2_index_bytes` (with the unicode kind, it fixes where the entries start).
    pub index_log2: u64,
    /// Byte offset of the entry from the keys object.
    pub offset: u64,
    /// The entry's position + 1: the keys must have at least this many entries.
    pub min_entries: u64,
}

/// What a probe of a keys object for a name found.
pub enum Probe {
    /// A live entry whose key is `name` itself.
    Found(UnicodeEntry),
    /// A live entry with a key equal to `name` but not `name` itself.
    Equal,
    /// No entry for the name.
    Absent,
    /// Not a combined unicode-keyed table, or the name's hash is not computed.
    Unknown,
}

/// For compiled `LOAD_METHOD` at an instance whose managed dict exists: `entry` (the site's
/// cache entry, returned so that compiled code need not keep it across the call) when that
/// dict surely lacks `name`, so the method the entry caches stands; NULL when it may hold it
/// (the slow path decides). Runs no Python code (keys of a unicode table are exact strs).
pub unsafe extern "C" fn entry_if_dict_lacks(obj: *mut PyObject, name: *mut PyObject, entry: *mut u8) -> *mut u8 {
    // SAFETY: `obj` is a live instance of a type with a managed dict (its cache entry's type
    // version matched), so the pre-header word holds NULL or a dict.
    unsafe {
        let dict = read::<*mut PyObject>(obj as *const u8, layout::object::MANAGED_DICT);
        if !dict.is_null() && dict_surely_lacks(dict, name) {
            entry
        } else {
            ptr::null_mut()
        }
    }
}

/// [`unicode_probe`]'s `Absent` answer, quicker for the common instance dict (a unicode-keyed
/// table with one-byte indices, up to 128 slots, or the split keys an instance dict shares
/// with its class, whose entries have the same layout): probed as `unicodekeys_lookup_unicode`
/// does but without its entry bookkeeping, false when the name may be there (its key, or a
/// key of the same hash). Other tables go to `unicode_probe`.
#[inline(always)]
unsafe fn small_unicode_keys_lack(keys: *mut u8, name: *mut PyObject) -> bool {
    // SAFETY: `keys` is a live dict keys object: with one-byte indices its index table has
    // `1 << dk_log2_size` bytes, followed by 16-byte `{key, value}` unicode entries, which
    // the indices that are not negative point at; keys of a unicode table are exact strs.
    unsafe {
        let log2_size = read::<u8>(keys, layout::types::DK_LOG2_SIZE);
        let kind = read::<u8>(keys, layout::types::DK_KIND);
        if (kind != layout::types::DICT_KEYS_UNICODE && kind != layout::types::DICT_KEYS_SPLIT)
            || read::<u8>(keys, layout::types::DK_LOG2_INDEX_BYTES) != log2_size
        {
            return dict_keys_surely_lack(keys, name);
        }
        let hash = read::<isize>(name as *const u8, layout::object::STR_HASH);
        if hash == -1 || ffi::PyUnicode_CheckExact(name) == 0 {
            return false;
        }
        let indices = keys.add(layout::types::DK_INDICES as usize);
        let mask = (1usize << log2_size) - 1;
        let entries = indices.add(mask + 1) as *const *mut PyObject;
        let mut perturb = hash as usize;
        let mut i = hash as usize & mask;
        for _ in 0..=mask {
            let ix = *(indices.add(i) as *const i8);
            if ix == -1 {
                return true;
            }
            if ix >= 0 {
                let key = *entries.add(2 * ix as usize);
                if key == name || key.is_null() || read::<isize>(key as *const u8, layout::object::STR_HASH) == hash {
                    return false;
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1)) & mask;
        }
        false
    }
}

/// [`dict_surely_lacks`] on the keys of an exact dict.
#[inline(never)]
unsafe fn dict_keys_surely_lack(keys: *mut u8, name: *mut PyObject) -> bool {
    // SAFETY: a live dict keys object.
    unsafe { matches!(unicode_probe(keys, name), Probe::Absent) }
}

/// `dict` is an exact dict that surely has no entry for `name` (an exact str).
unsafe fn dict_surely_lacks(dict: *mut PyObject, name: *mut PyObject) -> bool {
    // SAFETY: a live exact dict.
    unsafe {
        ffi::PyDict_CheckExact(dict) != 0 && small_unicode_keys_lack(read::<*mut u8>(dict as *const u8, layout::dict::MA_KEYS), name)
    }
}

/// Probes a combined unicode-keyed keys object for `name` as `unicodekeys_lookup_unicode`
/// does (keys of such a table are exact strs, so comparing them runs no Python code).
unsafe fn unicode_probe(keys: *mut u8, name: *mut PyObject) -> Probe {
    // SAFETY: `keys` is a live dict keys object: its index table (1, 2, 4 or 8-byte slots,
    // `1 << dk_log2_size` of them) is followed by `dk_nentries` 16-byte unicode entries.
    unsafe {
        if read::<u8>(keys, layout::types::DK_KIND) != layout::types::DICT_KEYS_UNICODE || ffi::PyUnicode_CheckExact(name) == 0 {
            return Probe::Unknown;
        }
        let hash = read::<isize>(name as *const u8, layout::object::STR_HASH);
        if hash == -1 {
            return Probe::Unknown;
        }
        let log2_size = read::<u8>(keys, layout::types::DK_LOG2_SIZE) as u32;
        let log2_index_bytes = read::<u8>(keys, layout::types::DK_LOG2_INDEX_BYTES) as u32;
        let width = 1usize << (log2_index_bytes - log2_size);
        let indices = keys.add(layout::types::DK_INDICES as usize);
        let entries_offset = layout::types::DK_INDICES as usize + (1usize << log2_index_bytes);
        let entries = keys.add(entries_offset) as *const *mut PyObject;
        let mask = (1usize << log2_size) - 1;
        let mut perturb = hash as usize;
        let mut i = hash as usize & mask;
        for _ in 0..=mask {
            let ix: i64 = match width {
                1 => *(indices.add(i) as *const i8) as i64,
                2 => *(indices.add(2 * i) as *const i16) as i64,
                4 => *(indices.add(4 * i) as *const i32) as i64,
                _ => *(indices.add(8 * i) as *const i64),
            };
            if ix == -1 {
                return Probe::Absent;
            }
            if ix >= 0 {
                let key = *entries.add(2 * ix as usize);
                if key == name {
                    if (*entries.add(2 * ix as usize + 1)).is_null() {
                        return Probe::Unknown;
                    }
                    return Probe::Found(UnicodeEntry {
                        index_log2: log2_index_bytes as u64,
                        offset: (entries_offset + 16 * ix as usize) as u64,
                        min_entries: ix as u64 + 1,
                    });
                }
                if !key.is_null()
                    && read::<isize>(key as *const u8, layout::object::STR_HASH) == hash
                    && ffi::PyUnicode_Compare(key, name) == 0
                {
                    return Probe::Equal;
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1)) & mask;
        }
        Probe::Unknown
    }
}

/// Index of `name` (by identity; attribute names are interned) in the shared keys of `tp`.
unsafe fn shared_key_index(tp: *mut ffi::PyTypeObject, name: *mut PyObject) -> Option<(usize, usize)> {
    // SAFETY: `tp` is a heap type with Py_TPFLAGS_MANAGED_DICT; its cached keys are a
    // split-kind keys object whose entries are `{key, value}` pairs after the index table.
    unsafe {
        let keys = read::<*mut u8>(tp as *const u8, layout::types::HT_CACHED_KEYS);
        if keys.is_null() || read::<u8>(keys, layout::types::DK_KIND) != layout::types::DICT_KEYS_SPLIT {
            return None;
        }
        let nentries = read::<isize>(keys, layout::types::DK_NENTRIES) as usize;
        let log2_index_bytes = read::<u8>(keys, layout::types::DK_LOG2_INDEX_BYTES);
        let entries = keys.offset(layout::types::DK_INDICES as isize + (1isize << log2_index_bytes)) as *const *mut PyObject;
        let found = (0..nentries).find(|&i| *entries.add(2 * i) == name);
        Some((found.unwrap_or(usize::MAX), nentries))
    }
}

/// Type of `o` if its attributes go through the generic machinery with a managed dict, and
/// its version tag (assigned by `_PyType_Lookup`, which the caller has called).
unsafe fn managed_type(o: *mut PyObject) -> Option<(*mut ffi::PyTypeObject, u64)> {
    // SAFETY: `o` is a live object.
    unsafe {
        let tp = type_of(o);
        let flags = read::<u64>(tp as *const u8, layout::types::TP_FLAGS);
        let version = read::<u32>(tp as *const u8, layout::types::TP_VERSION_TAG);
        if flags & layout::types::TPFLAGS_MANAGED_DICT == 0 || version == 0 {
            return None;
        }
        Some((tp, version as u64))
    }
}

/// Caches where the generic lookup finds `owner.name`: in the instance's values array (no
/// attribute of that name on the type, name in the shared keys) or in a writable `__slots__`
/// member of the type.
unsafe fn fill_attr_cache(owner: *mut PyObject, name: *mut PyObject, cache: *mut AttrCache, setter: bool) {
    // SAFETY: live objects under the GIL; `cache` belongs to the running code.
    unsafe {
        let tp = type_of(owner);
        let module = tp == ptr::addr_of_mut!(ffi::PyModule_Type);
        let generic = if setter {
            (*tp).tp_setattro.map(|f| f as usize) == Some(cpython::PyObject_GenericSetAttr as usize)
        } else {
            (*tp).tp_getattro.map(|f| f as usize) == Some(cpython::PyObject_GenericGetAttr as usize)
        };
        // A plain module's `module_getattro` looks in the type, then in `md_dict`, and only
        // then calls `__getattr__`: a name found in the dict is found the generic way.
        if !generic && !(module && !setter) {
            return;
        }
        let descr = cpython::_PyType_Lookup(tp, name);
        let version = read::<u32>(tp as *const u8, layout::types::TP_VERSION_TAG) as u64;
        if version == 0 {
            return;
        }
        if module {
            if descr.is_null() {
                fill_dict_entry(owner, name, layout::module::MD_DICT as isize, version, cache);
            }
            return;
        }
        if setter && !descr.is_null() && type_of(descr) != std::ptr::addr_of_mut!(ffi::PyMemberDescr_Type) {
            return;
        }
        if !descr.is_null() {
            if type_of(descr) != std::ptr::addr_of_mut!(ffi::PyMemberDescr_Type) {
                return;
            }
            let def = read::<*const u8>(descr as *const u8, layout::member::D_MEMBER);
            let kind = read::<i32>(def, layout::member::TYPE);
            let flags = read::<i32>(def, layout::member::FLAGS);
            if kind == layout::member::T_OBJECT_EX && flags & layout::member::READONLY == 0 {
                (*cache).type_version = version;
                (*cache).index = read::<isize>(def, layout::member::OFFSET) as u64;
                (*cache).managed = 0;
            }
            return;
        }
        let Some((tp, version)) = managed_type(owner) else {
            let dictoffset = read::<isize>(tp as *const u8, layout::types::TP_DICTOFFSET);
            if dictoffset > 0 {
                fill_dict_entry(owner, name, dictoffset, version, cache);
            }
            return;
        };
        let values = read::<*mut *mut PyObject>(owner as *const u8, layout::object::MANAGED_VALUES);
        if values.is_null() {
            fill_dict_entry(owner, name, layout::object::MANAGED_DICT as isize, version, cache);
            return;
        }
        if let Some((index, _)) = shared_key_index(tp, name) {
            if index != usize::MAX && !(*values.add(index)).is_null() {
                (*cache).type_version = version;
                (*cache).index = 8 * index as u64;
                (*cache).managed = 1;
            }
        }
    }
}

/// `tp_version_tag` of a type; 0 (no valid version) never matches a cache entry's.
#[inline(always)]
unsafe fn version_of(tp: *mut ffi::PyTypeObject) -> u64 {
    // SAFETY: a live type object.
    unsafe {
        let v = read::<u32>(tp as *const u8, layout::types::TP_VERSION_TAG) as u64;
        if v == 0 { EMPTY_VERSION - 1 } else { v }
    }
}

/// `get(descr, obj, tp)`, a descriptor's `__get__` as the generic lookups call it: with a
/// reference of its own to `descr`, since a Python `__get__` may remove it from the type.
unsafe fn call_descr_get(get: ffi::descrgetfunc, descr: *mut PyObject, obj: *mut PyObject, tp: *mut PyObject) -> *mut PyObject {
    // SAFETY: live objects (`obj` may be NULL: read on a class), GIL held.
    unsafe {
        let descr = incref(descr);
        let res = get(descr, obj, tp);
        decref(descr);
        res
    }
}

/// `value`, the attribute a lookup settled on, read on `obj` of type `tp` (or on the class `tp`
/// itself, `obj` NULL, as `type_getattro` reads it): bound by its class's `__get__` if it has
/// one now (a method bound to `obj`, a staticmethod's function, a classmethod bound to the
/// class), else the value itself. A new reference, or NULL with an exception set.
unsafe fn bind_attr(value: *mut PyObject, obj: *mut PyObject, tp: *mut PyObject) -> *mut PyObject {
    // SAFETY: live objects, GIL held.
    unsafe {
        match (*type_of(value)).tp_descr_get {
            None => incref(value),
            Some(get) => call_descr_get(get, value, obj, tp),
        }
    }
}

/// Whether a class attribute read on its class is the value itself: not a descriptor, or a
/// plain function (whose `__get__` returns it when read on a class). Checked on every use: the
/// value's class may gain or lose a `__get__` without the owning class changing.
unsafe fn is_plain_class_value(value: *mut PyObject) -> bool {
    // SAFETY: a live object (kept by the class whose version was just checked).
    unsafe {
        let vtp = type_of(value);
        (*vtp).tp_descr_get.is_none() || vtp == ptr::addr_of_mut!(ffi::PyFunction_Type)
    }
}

/// The [`SlowAttr`] entry that serves `owner.name` (just looked up generically as `res`), if
/// it is of a kind the slow path serves and every type involved has a version.
unsafe fn slow_attr_entry(owner: *mut PyObject, name: *mut PyObject, res: *mut PyObject) -> Option<SlowAttr> {
    // SAFETY: live objects under the GIL.
    unsafe {
        let tp = type_of(owner);
        let type_getattro = (*ptr::addr_of_mut!(ffi::PyType_Type)).tp_getattro.map(|f| f as usize);
        if ffi::PyType_Check(owner) != 0 {
            // `type_getattro`: a metatype attribute (data descriptor or not) would come first or
            // instead; a descriptor on the class would be bound, except a plain function's
            // `__get__`, which returns the function itself when read on the class.
            if (*tp).tp_getattro.map(|f| f as usize) != type_getattro {
                return None;
            }
            let meta_attr = cpython::_PyType_Lookup(tp, name);
            if !meta_attr.is_null() {
                // A data descriptor of the metatype (`cls.__name__`, `cls.__mro__`) comes
                // first, its `__get__` called with the class: as on an instance.
                let mtp = type_of(meta_attr);
                let version = version_of(tp);
                if (*mtp).tp_descr_get.is_some() && (*mtp).tp_descr_set.is_some() && version != EMPTY_VERSION - 1 {
                    return Some(SlowAttr { kind: SlowAttrKind::DataDescriptor, version, meta_version: 0, value: meta_attr });
                }
                return None;
            }
            let cls = owner as *mut ffi::PyTypeObject;
            let value = cpython::_PyType_Lookup(cls, name);
            // (A descriptor, `@staticmethod` or `@classmethod`, is bound on each read.)
            if value.is_null() || (is_plain_class_value(value) && value != res) {
                return None;
            }
            let (version, meta_version) = (version_of(cls), version_of(tp));
            if version == EMPTY_VERSION - 1 || meta_version == EMPTY_VERSION - 1 {
                return None;
            }
            return Some(SlowAttr { kind: SlowAttrKind::ClassAttribute, version, meta_version, value });
        }
        if (*tp).tp_getattro.map(|f| f as usize) != Some(cpython::PyObject_GenericGetAttr as usize) {
            return None;
        }
        let descr = cpython::_PyType_Lookup(tp, name);
        let version = version_of(tp);
        if descr.is_null() || version == EMPTY_VERSION - 1 {
            return None;
        }
        let dtp = type_of(descr);
        if dtp == ptr::addr_of_mut!(ffi::PyProperty_Type) {
            return Some(SlowAttr { kind: SlowAttrKind::Property, version, meta_version: 0, value: descr });
        }
        if (*dtp).tp_descr_get.is_some() && (*dtp).tp_descr_set.is_some() {
            return Some(SlowAttr { kind: SlowAttrKind::DataDescriptor, version, meta_version: 0, value: descr });
        }
        // A non-data descriptor (a method) is bound on each read; a plain class attribute is
        // the result itself.
        let bound = (*dtp).tp_descr_get.is_some();
        if !bound && descr != res {
            return None;
        }
        // How can the instance be proved not to have its own?
        let flags = read::<u64>(tp as *const u8, layout::types::TP_FLAGS);
        let dictoffset = read::<isize>(tp as *const u8, layout::types::TP_DICTOFFSET);
        let shadow = if flags & layout::types::TPFLAGS_MANAGED_DICT != 0 {
            // (With the name among the shared keys, instances may hold it in their values.)
            match shared_key_index(tp, name) {
                Some((usize::MAX, nentries)) if (nentries as u64) < (1 << 32) => InstanceShadow::SharedKeysCount(nentries as u64),
                _ => return None,
            }
        } else if dictoffset == 0 {
            InstanceShadow::NoDict
        } else if dictoffset > 0 && dictoffset < (1 << 31) {
            InstanceShadow::Probe(dictoffset as u64)
        } else {
            return None;
        };
        if !shadow.holds(owner, name) {
            return None;
        }
        Some(SlowAttr { kind: SlowAttrKind::InstanceClassAttribute, version, meta_version: shadow.encode(), value: descr })
    }
}

/// What a `LOAD_ATTR` cache miss looked up, for `stats()["load_attr_misses_by_kind"]`: which
/// kinds of attributes the caches do not serve.
unsafe fn attr_miss_kind(owner: *mut PyObject, name: *mut PyObject) -> crate::stats::AttrMissKind {
    use crate::stats::AttrMissKind as K;
    // SAFETY: live objects under the GIL.
    unsafe {
        let tp = type_of(owner);
        if tp == ptr::addr_of_mut!(ffi::PyModule_Type) {
            return K::Module;
        }
        if ffi::PyType_Check(owner) != 0 {
            return K::OfClass;
        }
        if (*tp).tp_getattro.map(|f| f as usize) != Some(cpython::PyObject_GenericGetAttr as usize) {
            return K::CustomGetattr;
        }
        let descr = cpython::_PyType_Lookup(tp, name);
        if descr.is_null() {
            return K::Instance;
        }
        let dtp = type_of(descr);
        if dtp == ptr::addr_of_mut!(ffi::PyProperty_Type) {
            return K::Property;
        }
        if dtp == ptr::addr_of_mut!(ffi::PyMemberDescr_Type) {
            return K::Slot;
        }
        if (*dtp).tp_descr_set.is_some() {
            return K::DataDescriptor;
        }
        if dtp == ptr::addr_of_mut!(ffi::PyFunction_Type) || dtp == ptr::addr_of_mut!(ffi::PyMethodDescr_Type) {
            return K::Method;
        }
        if (*dtp).tp_descr_get.is_some() {
            return K::OtherDescriptor;
        }
        K::ClassAttribute
    }
}

/// Whether `owner.name` is `owner.__class__` resolved to `object`'s own `__class__` descriptor
/// (generic attribute lookup, the name not redefined in the type's MRO).
unsafe fn is_object_class_read(owner: *mut PyObject, name: *mut PyObject) -> bool {
    use std::sync::atomic::{AtomicPtr, Ordering::Relaxed};
    static CLASS_NAME: AtomicPtr<PyObject> = AtomicPtr::new(ptr::null_mut());
    static OBJECT_CLASS: AtomicPtr<PyObject> = AtomicPtr::new(ptr::null_mut());
    // SAFETY: GIL held; the interned name and `object`'s descriptor live as long as the
    // interpreter (the name is kept by this reference, the descriptor by `object`'s dict).
    unsafe {
        let mut class_name = CLASS_NAME.load(Relaxed);
        if class_name.is_null() {
            class_name = ffi::PyUnicode_InternFromString(c"__class__".as_ptr());
            if class_name.is_null() {
                ffi::PyErr_Clear();
                return false;
            }
            CLASS_NAME.store(class_name, Relaxed);
            OBJECT_CLASS.store(cpython::_PyType_Lookup(ptr::addr_of_mut!(ffi::PyBaseObject_Type), class_name), Relaxed);
        }
        let tp = type_of(owner);
        name == class_name
            && (*tp).tp_getattro.map(|f| f as usize) == Some(cpython::PyObject_GenericGetAttr as usize)
            && !OBJECT_CLASS.load(Relaxed).is_null()
            && cpython::_PyType_Lookup(tp, name) == OBJECT_CLASS.load(Relaxed)
    }
}

/// `LOAD_ATTR` slow path: generic lookup, then refill the site's cache.
pub unsafe extern "C" fn load_attr(owner: *mut PyObject, name: *mut PyObject, cache: *mut AttrCache) -> *mut PyObject {
    // SAFETY: live borrowed operands; `cache` belongs to the running code.
    unsafe {
        if let Some(e) = (*cache).alt_for(owner) {
            let slot = e.attr_slot(owner);
            if !slot.is_null() && !(*slot).is_null() {
                crate::stats::get().attr_alt_hits += 1;
                return incref(*slot);
            }
        }
        let slow = (*cache).slow;
        match slow.kind {
            SlowAttrKind::ClassAttribute
                if ffi::PyType_Check(owner) != 0
                    && version_of(owner as *mut ffi::PyTypeObject) == slow.version
                    && version_of(type_of(owner)) == slow.meta_version =>
            {
                crate::stats::get().attr_slow_hits += 1;
                return bind_attr(slow.value, ptr::null_mut(), owner);
            }
            // (A descriptor whose class lost its `__get__` since is left to the generic lookup.)
            SlowAttrKind::Property | SlowAttrKind::DataDescriptor
                if version_of(type_of(owner)) == slow.version && (*type_of(slow.value)).tp_descr_get.is_some() =>
            {
                crate::stats::get().attr_slow_hits += 1;
                if slow.kind == SlowAttrKind::Property {
                    if let Some(res) = call_property_getter(slow.value, owner) {
                        return res;
                    }
                }
                let get = (*type_of(slow.value)).tp_descr_get.unwrap();
                return call_descr_get(get, slow.value, owner, type_of(owner) as *mut PyObject);
            }
            SlowAttrKind::InstanceClassAttribute
                if version_of(type_of(owner)) == slow.version && InstanceShadow::decode(slow.meta_version).holds(owner, name) =>
            {
                crate::stats::get().attr_slow_hits += 1;
                // As the generic lookup, with the instance lacking the name.
                return bind_attr(slow.value, owner, type_of(owner) as *mut PyObject);
            }
            _ => {}
        }
        if is_object_class_read(owner, name) {
            // `obj.__class__` on any class that does not redefine it (polymorphic sites, which
            // the one slow entry does not cover): `object.__class__`'s getter is `type(obj)`.
            crate::stats::get().attr_slow_hits += 1;
            return incref(type_of(owner) as *mut PyObject);
        }
        let s = crate::stats::get();
        let refill = (*cache).should_refill();
        if !refill {
            if let Some(res) = megamorphic_attr(owner, name) {
                s.attr_megamorphic_hits += 1;
                return res;
            }
        }
        s.load_attr_miss += 1;
        s.load_attr_miss_kinds[attr_miss_kind(owner, name) as usize] += 1;
        let res = ffi::PyObject_GetAttr(owner, name);
        if !res.is_null() && refill {
            let old = (*cache).primary();
            fill_attr_cache(owner, name, cache, false);
            (*cache).remember(old);
            if let Some(entry) = slow_attr_entry(owner, name, res) {
                (*cache).slow = entry;
            }
        }
        res
    }
}

/// `owner.name` at a site whose caches hold other types (a base class's method reading
/// `self._args` on instances of dozens of subclasses), as `PyObject_GenericGetAttr` finds it
/// but without its dispatch: the type's attribute (one `_PyType_Lookup`, which the interpreter's
/// method cache answers) when it is a data descriptor, or else when the instance surely has no
/// attribute of that name (then bound if it is a descriptor). On a class (`cls.attr` at a site
/// that sees many classes), as `type_getattro` finds it. `None`, with nothing run, for anything
/// else (the instance's own attributes, custom `__getattr__`): the generic lookup answers.
unsafe fn megamorphic_attr(owner: *mut PyObject, name: *mut PyObject) -> Option<*mut PyObject> {
    // SAFETY: live borrowed operands, GIL held; the descriptor is borrowed from the type's MRO
    // and given a reference of its own before any code can run.
    unsafe {
        let tp = type_of(owner);
        let getattro = (*tp).tp_getattro.map(|f| f as usize);
        if ffi::PyType_Check(owner) != 0 {
            // `type_getattro`: a data descriptor of the metatype first (`cls.__name__`), else
            // the class's own attribute (a metatype attribute of another kind: generic).
            if getattro != (*ptr::addr_of_mut!(ffi::PyType_Type)).tp_getattro.map(|f| f as usize) {
                return None;
            }
            let meta = cpython::_PyType_Lookup(tp, name);
            if !meta.is_null() {
                let mtp = type_of(meta);
                let (Some(get), Some(_)) = ((*mtp).tp_descr_get, (*mtp).tp_descr_set) else {
                    return None;
                };
                return Some(call_descr_get(get, meta, owner, tp as *mut PyObject));
            }
            let attr = cpython::_PyType_Lookup(owner as *mut ffi::PyTypeObject, name);
            if attr.is_null() {
                return None;
            }
            return Some(bind_attr(attr, ptr::null_mut(), owner));
        }
        // With a `__getattr__` (and `object`'s `__getattribute__`), only what the generic
        // lookup finds without running code is served: anything that raises AttributeError
        // would go to `__getattr__` instead.
        let hook = getattro != Some(cpython::PyObject_GenericGetAttr as usize);
        if hook && !is_getattr_hook(tp, getattro) {
            return None;
        }
        let descr = cpython::_PyType_Lookup(tp, name);
        if descr.is_null() {
            return None;
        }
        let dtp = type_of(descr);
        let get = (*dtp).tp_descr_get;
        if hook && get.is_some() && dtp != ptr::addr_of_mut!(ffi::PyFunction_Type) {
            return None;
        }
        // `PyDescr_IsData` with a getter: it comes before the instance's dict.
        let data = get.is_some() && (*dtp).tp_descr_set.is_some();
        if !data && !instance_surely_lacks(owner, tp, name) {
            return None;
        }
        if dtp == ptr::addr_of_mut!(ffi::PyProperty_Type) {
            if let Some(res) = call_property_getter(descr, owner) {
                return Some(res);
            }
        }
        Some(bind_attr(descr, owner, tp as *mut PyObject))
    }
}

/// Whether `owner` (of type `tp`) surely has no attribute `name` of its own: no dict, or one
/// without the name, or a managed dict's values whose keys (its class's) lack it.
unsafe fn instance_surely_lacks(owner: *mut PyObject, tp: *mut ffi::PyTypeObject, name: *mut PyObject) -> bool {
    // SAFETY: a live object of the live type `tp`, so its dict slot is where `tp` says.
    unsafe {
        let flags = read::<u64>(tp as *const u8, layout::types::TP_FLAGS);
        if flags & layout::types::TPFLAGS_MANAGED_DICT != 0 {
            let dict = read::<*mut PyObject>(owner as *const u8, layout::object::MANAGED_DICT);
            if !dict.is_null() {
                return dict_surely_lacks(dict, name);
            }
            if read::<*mut u8>(owner as *const u8, layout::object::MANAGED_VALUES).is_null() {
                // Neither values nor a dict: no attributes of its own.
                return true;
            }
            // The values hold only names among the class's shared keys.
            let keys = read::<*mut u8>(tp as *const u8, layout::types::HT_CACHED_KEYS);
            return !keys.is_null() && small_unicode_keys_lack(keys, name);
        }
        let offset = read::<isize>(tp as *const u8, layout::types::TP_DICTOFFSET);
        if offset == 0 {
            return true;
        }
        if offset < 0 {
            return false;
        }
        let dict = *((owner as *mut u8).offset(offset) as *const *mut PyObject);
        dict.is_null() || dict_surely_lacks(dict, name)
    }
}

/// [`construct`]'s call of an `__init__` without a fast entry for the site (keywords, not
/// compiled yet): the fast call path, else the generic one. `self_and_args` holds the new
/// instance (borrowed) and the `nargs` arguments. Out of line: its inlined call path would
/// make every construction pay for its stack frame.
#[inline(never)]
unsafe fn call_init(
    tstate: *mut PyThreadState,
    init: *mut PyObject,
    self_and_args: *mut *mut PyObject,
    nargs: usize,
    kwnames: *mut PyObject,
    steal: u64,
) -> (*mut PyObject, bool) {
    // SAFETY: as for `construct`.
    unsafe {
        match crate::hook::fast_call(tstate, init, self_and_args, nargs + 1, kwnames, steal << 1) {
            Some(res) => (res, true),
            None => {
                let nkw = if kwnames.is_null() { 0 } else { ffi::PyTuple_GET_SIZE(kwnames) as usize };
                (ffi::PyObject_Vectorcall(init, self_and_args, (nargs + 1 - nkw) | cpython::VECTORCALL_ARGUMENTS_OFFSET, kwnames), false)
            }
        }
    }
}

/// Offset of `prop_get` in CPython's `propertyobject` (private to `descrobject.c`, so checked
/// at `enable()` by [`check_property_layout`] rather than against the headers).
const PROPERTY_GET: usize = 16;

/// Whether [`PROPERTY_GET`] held for a property made at `enable()`.
static PROPERTY_LAYOUT_OK: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Checks [`PROPERTY_GET`] on `prop`, a `property(getter)`, enabling [`call_property_getter`].
///
/// # Safety
/// GIL held; `prop` and `getter` are live.
pub unsafe fn check_property_layout(prop: *mut PyObject, getter: *mut PyObject) {
    // SAFETY: a live property object is larger than 24 bytes.
    let ok = unsafe {
        ffi::Py_TYPE(prop) == ptr::addr_of_mut!(ffi::PyProperty_Type) && read::<*mut PyObject>(prop as *const u8, PROPERTY_GET as i32) == getter
    };
    PROPERTY_LAYOUT_OK.store(ok, std::sync::atomic::Ordering::Relaxed);
}

/// `property.__get__(prop, owner)` when the getter is a compiled Python function: its fast
/// entry, called with the instance as `property_descr_get` passes it (`PyObject_CallOneArg`:
/// no recursion level of its own), instead of a call from C through the frame-evaluation hook.
/// `None`: nothing was run.
///
/// # Safety
/// GIL held; `prop` is a live exact property, `owner` a live instance (neither None nor NULL);
/// the running frame's `prev_instr` is current.
#[inline(always)]
unsafe fn call_property_getter(prop: *mut PyObject, owner: *mut PyObject) -> Option<*mut PyObject> {
    // SAFETY: as above; the fast entry takes over the reference to `owner` made for it, and
    // the getter's frame holds one to the getter, so the property may go meanwhile.
    unsafe {
        if !PROPERTY_LAYOUT_OK.load(std::sync::atomic::Ordering::Relaxed) {
            return None;
        }
        let getter = read::<*mut PyObject>(prop as *const u8, PROPERTY_GET as i32);
        if getter.is_null() || owner == ffi::Py_None() {
            return None;
        }
        if ffi::Py_TYPE(getter) != ptr::addr_of_mut!(ffi::PyFunction_Type) {
            return None;
        }
        // Keyed by the getter's code, whose fast entries serve every function of it:
        // `property.__init__` may replace the getter while the class keeps its version.
        let code = read::<usize>(getter as *const u8, layout::func::FUNC_CODE);
        let key = crate::method_cache::PROPERTY_GETTER + code;
        let (_, entry) = crate::method_cache::cached_function(type_of(owner), key, 1, || Some(getter))?;
        if entry == 0 {
            return None;
        }
        crate::stats::get().property_fast_calls += 1;
        let mut args = [incref(owner)];
        // SAFETY: a fast entry of the getter's code for one argument.
        let fast: crate::codegen::entry::FastEntryFn = std::mem::transmute::<usize, _>(entry);
        Some(fast(getter, crate::hook::tstate_ptr(), args.as_mut_ptr()))
    }
}

/// `STORE_ATTR` slow path: generic store, then refill the site's cache.
pub unsafe extern "C" fn store_attr_cached(owner: *mut PyObject, name: *mut PyObject, v: *mut PyObject, cache: *mut AttrCache) -> isize {
    // SAFETY: live borrowed operands; `cache` belongs to the running code.
    unsafe {
        if (*cache).managed == AttrCache::IN_DICT && type_version(owner) == (*cache).type_version {
            // The type (unchanged: no data descriptor of that name, generic `__setattr__`)
            // sends the store to the instance's dict, as `STORE_ATTR_WITH_HINT` does.
            let dict = *((owner as *mut u8).offset((*cache).dict_offset as isize) as *const *mut PyObject);
            if !dict.is_null() && ffi::PyDict_CheckExact(dict) != 0 {
                if replace_dict_entry(dict, name, v, cache) {
                    return 0;
                }
                return ffi::PyDict_SetItem(dict, name, v) as isize;
            }
        }
        if (*cache).managed == AttrCache::IN_VALUES && type_version(owner) == (*cache).type_version {
            // A new attribute of an instance whose values array has its slot (the first
            // `self.x = …` of `__init__`): `STORE_ATTR_INSTANCE_VALUE` with no old value.
            let values = read::<*mut *mut PyObject>(owner as *const u8, layout::object::MANAGED_VALUES);
            let index = ((*cache).index / 8) as usize;
            // `_PyDictValues_AddToInsertionOrder`: the order bytes precede the values; the
            // byte just below the values counts them, the one below that is the prefix size.
            if !values.is_null()
                && (*values.add(index)).is_null()
                && (*(values as *mut u8).sub(2) as usize) + 2 < *(values as *mut u8).sub(1) as usize
            {
                *values.add(index) = incref(v);
                let size_ptr = (values as *mut u8).sub(2);
                let size = *size_ptr as usize + 1;
                *size_ptr.sub(size) = index as u8;
                *size_ptr = size as u8;
                return 0;
            }
        }
        if let Some(e) = (*cache).alt_for(owner) {
            // As the inline path: replace an existing value (a new one also needs the
            // insertion order, which the generic store keeps).
            let slot = e.attr_slot(owner);
            if !slot.is_null() && !(*slot).is_null() {
                crate::stats::get().attr_alt_hits += 1;
                let old = *slot;
                *slot = incref(v);
                decref(old);
                return 0;
            }
        }
        crate::stats::get().store_attr_miss += 1;
        let r = ffi::PyObject_SetAttr(owner, name, v);
        if r == 0 && (*cache).should_refill() {
            let old = (*cache).primary();
            fill_attr_cache(owner, name, cache, true);
            (*cache).remember(old);
        }
        r as isize
    }
}

/// Replaces the value of `name`'s live entry in `dict` in place, where the site's cache says
/// it is (`STORE_ATTR_WITH_HINT`): no hashing, probing or `insertdict`. False, with nothing
/// changed, when the entry is not there or the dict would need to start being tracked by the
/// GC (left to `PyDict_SetItem`).
unsafe fn replace_dict_entry(dict: *mut PyObject, name: *mut PyObject, v: *mut PyObject, cache: *const AttrCache) -> bool {
    // SAFETY: `dict` is a live exact dict; a unicode-kind keys object with at least
    // `min_entries` entries and this `dk_log2_index_bytes` has the cached entry at byte offset
    // `index` (see `fill_dict_entry`).
    unsafe {
        let keys = read::<*mut u8>(dict as *const u8, layout::dict::MA_KEYS);
        if read::<u8>(keys, layout::types::DK_KIND) != layout::types::DICT_KEYS_UNICODE
            || read::<u8>(keys, layout::types::DK_LOG2_INDEX_BYTES) as u64 != (*cache).index_log2
            || (read::<isize>(keys, layout::types::DK_NENTRIES) as u64) < (*cache).min_entries
        {
            return false;
        }
        let entry = keys.add((*cache).index as usize) as *mut *mut PyObject;
        let old = *entry.add(1);
        if *entry != name || old.is_null() {
            return false;
        }
        if !gc_is_tracked(dict) && (*type_of(v)).tp_flags & ffi::Py_TPFLAGS_HAVE_GC != 0 {
            return false;
        }
        *entry.add(1) = incref(v);
        write(dict as *mut u8, layout::dict::MA_VERSION_TAG, next_dict_version());
        decref(old);
        true
    }
}

/// `_PyObject_GC_IS_TRACKED`: the GC header (two words before a GC object) is linked.
unsafe fn gc_is_tracked(o: *mut PyObject) -> bool {
    // SAFETY: `o` is a live object of a GC type, preceded by its `PyGC_Head`.
    unsafe { *(o as *const usize).sub(2) != 0 }
}

/// A new PEP 509 version tag for a dict that compiled code changed in place. 3.11's own
/// counter is internal to libpython (not exported), so Pyrite draws from 2^63 upwards, a range
/// that counter never reaches: every tag stays unique, which is all readers rely on.
fn next_dict_version() -> u64 {
    // SAFETY: called with the GIL held, which serialises every access.
    unsafe {
        DICT_VERSION += 1;
        DICT_VERSION
    }
}

/// The last version tag [`next_dict_version`] gave; compiled code increments it in place too
/// (`dict_version_addr`), under the GIL.
static mut DICT_VERSION: u64 = 1 << 63;

/// Address of [`DICT_VERSION`], for compiled code.
pub fn dict_version_addr() -> usize {
    ptr::addr_of_mut!(DICT_VERSION) as usize
}

/// `LOAD_METHOD` slow path ([`load_method`]), then refill the site's cache when the method
/// came from the type and the instance cannot shadow it.
pub unsafe extern "C" fn load_method_cached(
    obj: *mut PyObject,
    name: *mut PyObject,
    out: *mut *mut PyObject,
    obj_owned: isize,
    cache: *mut AttrCache,
) -> isize {
    // SAFETY: see `load_method`; the cache fill reads only live type data.
    unsafe {
        let tp = type_of(obj);
        if (*cache).managed == 1 && type_version(obj) == (*cache).type_version {
            // The instance has a dict (its attributes outgrew the shared keys): the cached
            // method stands if the dict does not shadow it (`LOAD_METHOD_WITH_DICT`).
            let dict = read::<*mut PyObject>(obj as *const u8, layout::object::MANAGED_DICT);
            if !dict.is_null() && dict_surely_lacks(dict, name) {
                *out = incref((*cache).descr);
                *out.add(1) = incref(obj);
                if obj_owned != 0 {
                    decref(obj);
                }
                return 0;
            }
        }
        if let Some(e) = (*cache).alt_for(obj) {
            // As the inline check: no dict (`managed` 0), or a managed dict not created yet
            // and shared keys still without the name (`index` = their count when cached).
            let unshadowed = e.managed == 0
                || (read::<*mut PyObject>(obj as *const u8, layout::object::MANAGED_DICT).is_null()
                    && {
                        let keys = read::<*const u8>(tp as *const u8, layout::types::HT_CACHED_KEYS);
                        !keys.is_null() && read::<isize>(keys, layout::types::DK_NENTRIES) as u64 == e.index
                    });
            if unshadowed {
                crate::stats::get().attr_alt_hits += 1;
                *out = incref(e.descr);
                *out.add(1) = incref(obj);
                if obj_owned != 0 {
                    decref(obj);
                }
                return 0;
            }
        }
        if ffi::PyType_Check(obj) != 0 {
            // `cls.method(…)` (`Base.__new__(cls)`, a staticmethod): no method form, the
            // attribute as `type_getattro` finds it (the caches hold instances' methods only).
            if let Some(attr) = megamorphic_attr(obj, name) {
                if attr.is_null() {
                    return ERR;
                }
                crate::stats::get().attr_megamorphic_hits += 1;
                *out = ptr::null_mut();
                *out.add(1) = attr;
                if obj_owned != 0 {
                    decref(obj);
                }
                return 0;
            }
        }
        crate::stats::get().load_method_miss += 1;
        let old = (*cache).primary();
        // Keep the object alive for the cache fill even if the stack owned it.
        ffi::Py_INCREF(obj);
        let r = load_method(obj, name, out, obj_owned);
        if r == 0 && !(*out).is_null() && (*cache).should_refill() && (*tp).tp_getattro.map(|f| f as usize) == Some(cpython::PyObject_GenericGetAttr as usize) {
            let meth = *out;
            let version = read::<u32>(tp as *const u8, layout::types::TP_VERSION_TAG) as u64;
            let flags = read::<u64>(tp as *const u8, layout::types::TP_FLAGS);
            let dictoffset = read::<isize>(tp as *const u8, layout::types::TP_DICTOFFSET);
            if version != 0 && cpython::_PyType_Lookup(tp, name) == meth {
                if flags & layout::types::TPFLAGS_MANAGED_DICT != 0 {
                    let dict = read::<*mut PyObject>(obj as *const u8, layout::object::MANAGED_DICT);
                    if let Some((index, nentries)) = shared_key_index(tp, name) {
                        // Instances without a dict cannot shadow the method while the shared
                        // keys lack the name (compiled code compares their count); instances
                        // with one are checked by the helper's dict probe.
                        let unshadowed_count = if index == usize::MAX { nentries as u64 } else { u64::MAX };
                        if (dict.is_null() && index == usize::MAX) || (!dict.is_null() && dict_surely_lacks(dict, name)) {
                            (*cache).type_version = version;
                            (*cache).index = unshadowed_count;
                            (*cache).managed = 1;
                            (*cache).descr = meth;
                        }
                    }
                } else if dictoffset == 0 {
                    (*cache).type_version = version;
                    (*cache).managed = 0;
                    (*cache).descr = meth;
                }
            }
        }
        (*cache).remember(old);
        decref(obj);
        r
    }
}

/// `local += right` compiled as one step with the `STORE_FAST` that follows it, as
/// `BINARY_OP_INPLACE_ADD_UNICODE` does: for two exact strs the local's string is appended to
/// in place when nothing else refers to it (string-building loops stay linear). Otherwise the
/// generic `+=` followed by the store. Returns 0, or -1 with an exception set (for strs the
/// local is then unbound, as in the interpreter).
pub unsafe extern "C" fn inplace_add_to_local(local: *mut *mut PyObject, right: *mut PyObject) -> isize {
    // SAFETY: `local` is a bound local slot of the running frame; `right` is live.
    unsafe {
        let left = *local;
        if ffi::PyUnicode_CheckExact(left) != 0 && ffi::PyUnicode_CheckExact(right) != 0 {
            ffi::PyUnicode_Append(local, right);
            return if (*local).is_null() { ERR } else { 0 };
        }
        let res = crate::operators::number_inplace_add(left, right);
        if res.is_null() {
            return ERR;
        }
        *local = res;
        decref(left);
        0
    }
}

/// Applies exit stub `index` of `table` to `frame` (shared exit blocks, see
/// `codegen::ExitInfo`): the stack depth and resume point the interpreter continues from.
pub unsafe extern "C" fn take_exit(frame: *mut u8, index: u32, table: *const crate::codegen::ExitInfo) {
    // SAFETY: `table` is the live exit table of the running code and `index` one of its stubs'
    // (both baked in by codegen); `frame` is the running frame, which compiled code owns.
    unsafe {
        let exit = &*table.add(index as usize);
        write::<i32>(frame, layout::frame::STACKTOP, exit.stacktop);
        if let Some(unit) = exit.resume_unit() {
            // The frame runs the code that was compiled: its code units are the exit's.
            let code = read::<*mut u8>(frame, layout::frame::F_CODE);
            let instr = code.add(layout::code::CO_CODE_ADAPTIVE as usize).offset(2 * unit);
            write::<*mut u8>(frame, layout::frame::PREV_INSTR, instr);
        }
        *crate::stats::exit_counter_at(exit.counter_index()) += 1;
    }
}

/// After a call from compiled code: services the eval breaker like [`eval_breaker`], then
/// returns [`DEOPT_INT`] if tracing or profiling is now on (the rest of the frame must run, and
/// trace, in the interpreter), [`ERR`] if a signal handler raised, else 0.
pub unsafe extern "C" fn after_call(tstate: *mut PyThreadState) -> isize {
    // SAFETY: `tstate` is the current thread state, holding the GIL.
    unsafe {
        let interp = read::<*mut u8>(tstate as *const u8, layout::tstate::INTERP);
        if read::<i32>(interp, layout::interp::EVAL_BREAKER) != 0 {
            let r = eval_breaker(tstate);
            if r != 0 {
                return r;
            }
        }
        let cframe = read::<*mut u8>(tstate as *const u8, layout::tstate::CFRAME);
        if read::<u8>(cframe, layout::cframe::USE_TRACING) != 0 {
            return DEOPT_INT;
        }
        0
    }
}

/// The cold path of the check after a `CALL` from compiled code, found tracing on or the eval
/// breaker set. If `prev_instr` still reads `marker` (the CALL's last cache entry, where
/// [`call`] leaves it when the callee was a Python function), only tracing counts, as the
/// interpreter does not poll the eval breaker after its inlined calls: [`DEOPT_INT`] if it is
/// on, else 0. Otherwise `prev_instr` is set to the CALL (`back_units` code units before
/// `marker`) and [`after_call`] decides.
///
/// # Safety
/// Called by compiled code: GIL held, `frame` its running frame, `marker` inside its code.
pub unsafe extern "C" fn after_call_site(tstate: *mut PyThreadState, frame: *mut u8, marker: *mut u16, back_units: usize) -> isize {
    // SAFETY: as documented; `marker - back_units` is the CALL's first code unit, in the code.
    unsafe {
        if read::<*mut u16>(frame, layout::frame::PREV_INSTR) == marker {
            let cframe = read::<*mut u8>(tstate as *const u8, layout::tstate::CFRAME);
            return if read::<u8>(cframe, layout::cframe::USE_TRACING) != 0 { DEOPT_INT } else { 0 };
        }
        write::<*mut u16>(frame, layout::frame::PREV_INSTR, marker.sub(back_units));
        after_call(tstate)
    }
}

/// Range and list iterators are iterated inline by `FOR_ITER` (layouts verified at `enable()`).
static ITER_FAST_PATHS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn iter_fast_paths() -> bool {
    ITER_FAST_PATHS.load(std::sync::atomic::Ordering::Relaxed)
}

/// Checks the private layouts of `rangeiterobject` and `listiterobject` (`layout::iter`) on live
/// iterators and enables the inline `FOR_ITER` paths if they match.
///
/// # Safety
/// GIL held; `range_it` is `iter(range(5, 100, 7))` after one `next()`, `list_it` is
/// `iter(lst)` after one `next()`, with `lst` a list of 3 items.
pub unsafe fn check_iter_layouts(range_it: *mut PyObject, list_it: *mut PyObject, lst: *mut PyObject) {
    use layout::iter::*;
    // SAFETY: the objects are live and of the types checked first; the reads stay inside
    // their (at least 48- and 32-byte) bodies.
    let ok = unsafe {
        ffi::Py_TYPE(range_it) == ptr::addr_of_mut!(ffi::PyRangeIter_Type)
            && ffi::Py_TYPE(list_it) == ptr::addr_of_mut!(ffi::PyListIter_Type)
            && read::<i64>(range_it as *const u8, RANGE_INDEX) == 1
            && read::<i64>(range_it as *const u8, RANGE_START) == 5
            && read::<i64>(range_it as *const u8, RANGE_STEP) == 7
            && read::<i64>(range_it as *const u8, RANGE_LEN) == 14
            && read::<isize>(list_it as *const u8, LIST_INDEX) == 1
            && read::<*mut PyObject>(list_it as *const u8, LIST_SEQ) == lst
    };
    ITER_FAST_PATHS.store(ok, std::sync::atomic::Ordering::Relaxed);
}

// ---- unboxed floats (`codegen::vstack::Entry::Float`) ----

/// Boxes the unboxed float in a stack slot, in place, for an exit stub. Out of memory, the
/// slot gets NULL (which every unwinder skips) and `MemoryError` is set, replacing any pending
/// exception: the shared exit block then unwinds.
pub unsafe extern "C" fn box_float_slot(slot: *mut u64) {
    // SAFETY: `slot` is a stack slot of the running frame holding a double's bits (codegen).
    unsafe {
        let value = f64::from_bits(*slot);
        *slot = ffi::PyFloat_FromDouble(value) as u64;
    }
}

/// The two operands of an unboxed-float slow path as objects: operand `k` boxed from `slots[k]`
/// when bit `k` of `flags` is set (then owned; NULL if memory ran out, with `MemoryError`
/// set), else `a`/`b`, owned when bit `k + 2` is set. Returns them with their ownership.
unsafe fn operand_objects(a: *mut PyObject, b: *mut PyObject, slots: *const u64, flags: u64) -> ([*mut PyObject; 2], [bool; 2]) {
    // SAFETY: the caller's contract: `slots` holds the unboxed operands `flags` names.
    unsafe {
        let mut operands = [a, b];
        let mut owned = [flags & 4 != 0, flags & 8 != 0];
        for k in 0..2 {
            if flags & (1 << k) != 0 {
                operands[k] = ffi::PyFloat_FromDouble(f64::from_bits(*slots.add(k)));
                owned[k] = true;
            }
        }
        (operands, owned)
    }
}

/// Releases the operands [`operand_objects`] returned as owned.
unsafe fn release_operands(operands: [*mut PyObject; 2], owned: [bool; 2]) {
    for k in 0..2 {
        if owned[k] && !operands[k].is_null() {
            // SAFETY: an owned reference to a live object.
            unsafe { ffi::Py_DECREF(operands[k]) };
        }
    }
}

/// What [`float_arith_slow`] left in the result slot.
pub const FLOAT_RESULT_UNBOXED: isize = 1;
pub const FLOAT_RESULT_OBJECT: isize = 2;

/// The slow path of an arithmetic site whose result codegen keeps unboxed: an operand that is
/// not a float (or a float division by zero). `slots` are the operands' two stack slots;
/// operand `k` is unboxed there when bit `k` of `unboxed` is set, else it is the object
/// `a`/`b`, an owned reference when bit `k + 2` is set (borrowed otherwise). Applies the
/// generic operation `f` and releases the operands. Returns 0 with an exception set,
/// [`FLOAT_RESULT_UNBOXED`] with the result's value unboxed in `slots[0]` (it was an exact
/// float), or [`FLOAT_RESULT_OBJECT`] with the result (owned) in `slots[0]`: the site's code
/// assumed a float, so the frame continues in the interpreter (the miss is counted towards
/// recompiling the function without unboxing: `hook::note_float_miss`).
pub unsafe extern "C" fn float_arith_slow(
    a: *mut PyObject,
    b: *mut PyObject,
    slots: *mut u64,
    flags: u64,
    f: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject,
    frame: *mut u8,
) -> isize {
    // SAFETY: as documented above; codegen passes the running frame and its own slots; GIL held.
    unsafe {
        let (operands, owned) = operand_objects(a, b, slots, flags);
        let result = if operands.iter().any(|o| o.is_null()) { ptr::null_mut() } else { f(operands[0], operands[1]) };
        release_operands(operands, owned);
        if result.is_null() {
            return 0;
        }
        if ffi::Py_TYPE(result) == ptr::addr_of_mut!(ffi::PyFloat_Type) {
            *slots = ffi::PyFloat_AS_DOUBLE(result).to_bits();
            ffi::Py_DECREF(result);
            return FLOAT_RESULT_UNBOXED;
        }
        *slots = result as u64;
        note_float_miss_in_frame(frame);
        FLOAT_RESULT_OBJECT
    }
}

/// The slow path of a comparison (fused with its jump) of which an operand is an unboxed
/// float: operand `k` is unboxed in `slots[k]` when bit `k` of `flags` is set, else the object
/// `a`/`b`, owned when bit `k + 2` is set. Boxes the unboxed ones, compares as
/// [`compare_truth`] does, releases the operands: 1 true, 0 false, -1 error.
pub unsafe extern "C" fn compare_float_slow(
    a: *mut PyObject,
    b: *mut PyObject,
    slots: *mut u64,
    flags: u64,
    op: c_int,
) -> isize {
    // SAFETY: as documented above; codegen passes its own slots; GIL held.
    unsafe {
        let (operands, owned) = operand_objects(a, b, slots, flags);
        let truth = if operands.iter().any(|o| o.is_null()) { ERR } else { compare_truth(operands[0], operands[1], op) };
        release_operands(operands, owned);
        truth
    }
}

extern "C" {
    /// The C library's `pow`, the function `float_pow` itself calls (so results are identical).
    #[link_name = "pow"]
    fn libm_pow(x: f64, y: f64) -> f64;
}

/// `x ** y` for two doubles where CPython's `float_pow` reaches the C library's `pow` with no
/// special case and no error: both finite and nonzero, a negative base only with an integral
/// exponent (`pow` of its absolute value, negated for odd exponents, as `float_pow` does), and
/// a result neither overflowing nor underflowing. `None` otherwise (the generic operation
/// decides: errors, complex results, the special values).
fn float_pow_plain(x: f64, y: f64) -> Option<f64> {
    if !x.is_finite() || !y.is_finite() || x == 0.0 || y == 0.0 {
        return None;
    }
    let (base, negate) = if x < 0.0 {
        if y != y.floor() {
            return None;
        }
        (-x, y.abs() % 2.0 == 1.0)
    } else {
        (x, false)
    };
    // SAFETY: a pure C library function.
    let r = unsafe { libm_pow(base, y) };
    (r.is_finite() && r != 0.0).then_some(if negate { -r } else { r })
}

/// `BINARY_OP **` (or `**=`) whose result codegen keeps unboxed, with the operands as for
/// [`float_arith_slow`]: a float (unboxed, or an exact float object) raised to a float or a
/// compact int is computed here without boxing anything; everything else goes through
/// [`float_arith_slow`] with the generic operation `f`. Same results as it.
pub unsafe extern "C" fn float_power(
    a: *mut PyObject,
    b: *mut PyObject,
    slots: *mut u64,
    flags: u64,
    f: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject,
    frame: *mut u8,
) -> isize {
    // SAFETY: as for `float_arith_slow`.
    unsafe {
        let value = |k: usize, o: *mut PyObject| -> Option<f64> {
            if flags & (1 << k) != 0 {
                Some(f64::from_bits(*slots.add(k)))
            } else if ffi::Py_TYPE(o) == ptr::addr_of_mut!(ffi::PyFloat_Type) {
                Some(ffi::PyFloat_AS_DOUBLE(o))
            } else if k == 1 && ffi::Py_TYPE(o) == ptr::addr_of_mut!(ffi::PyLong_Type) {
                // An exponent of at most one digit converts exactly, as `float_pow` converts it.
                let size = read::<isize>(o as *const u8, layout::object::OB_SIZE);
                (-1..=1)
                    .contains(&size)
                    .then(|| (size * read::<u32>(o as *const u8, layout::object::LONG_DIGIT0) as isize) as f64)
            } else {
                None
            }
        };
        if let (Some(x), Some(y)) = (value(0, a), value(1, b)) {
            if let Some(r) = float_pow_plain(x, y) {
                // Nothing was boxed: only the owned objects to release.
                release_operands([a, b], [flags & 4 != 0, flags & 8 != 0]);
                *slots = r.to_bits();
                return FLOAT_RESULT_UNBOXED;
            }
        }
        float_arith_slow(a, b, slots, flags, f, frame)
    }
}

// ---- `math` functions of one float, on unboxed values ----

extern "C" {
    fn sqrt(x: f64) -> f64;
    fn sin(x: f64) -> f64;
    fn cos(x: f64) -> f64;
    fn tan(x: f64) -> f64;
    fn asin(x: f64) -> f64;
    fn acos(x: f64) -> f64;
    fn atan(x: f64) -> f64;
    fn sinh(x: f64) -> f64;
    fn cosh(x: f64) -> f64;
    fn tanh(x: f64) -> f64;
    fn exp(x: f64) -> f64;
    fn expm1(x: f64) -> f64;
    fn fabs(x: f64) -> f64;
}

/// The functions of the `math` module that `math_1` implements with the C library function of
/// the same name (3.11's `FUNC1`): a float in, a float out, or an error.
pub const MATH_UNARY: [(&str, unsafe extern "C" fn(f64) -> f64); 13] = [
    ("sqrt", sqrt),
    ("sin", sin),
    ("cos", cos),
    ("tan", tan),
    ("asin", asin),
    ("acos", acos),
    ("atan", atan),
    ("sinh", sinh),
    ("cosh", cosh),
    ("tanh", tanh),
    ("exp", exp),
    ("expm1", expm1),
    ("fabs", fabs),
];

/// `ml_meth` of each [`MATH_UNARY`] function of the loaded `math` module (0: not known yet,
/// or not a builtin function). The module's method table is static: the pointers stay valid.
static mut MATH_UNARY_METH: [usize; MATH_UNARY.len()] = [0; MATH_UNARY.len()];

/// The index in [`MATH_UNARY`] of `math.<name>`, once the real `math` module (not imported
/// here) has been seen holding that builtin; records its `ml_meth` the first time.
pub fn math_unary_index(name: &str) -> Option<usize> {
    let index = MATH_UNARY.iter().position(|(n, _)| *n == name)?;
    // SAFETY: GIL held (codegen runs under it); new references released.
    unsafe {
        // Known already: the site only needs the index (the call checks the callable's
        // `ml_meth` at run time).
        if MATH_UNARY_METH[index] != 0 {
            return Some(index);
        }
        let module_name = ffi::PyUnicode_FromString(c"math".as_ptr());
        if module_name.is_null() {
            ffi::PyErr_Clear();
            return None;
        }
        let module = ffi::PyImport_GetModule(module_name);
        ffi::Py_DECREF(module_name);
        if module.is_null() {
            ffi::PyErr_Clear();
            return None;
        }
        let cname = std::ffi::CString::new(name).ok()?;
        let f = ffi::PyObject_GetAttrString(module, cname.as_ptr());
        ffi::Py_DECREF(module);
        if f.is_null() {
            ffi::PyErr_Clear();
            return None;
        }
        // The builtin of the real `math` module: a module of that name could hold another
        // builtin under that name (`from cmath import sqrt`).
        let meth = if ffi::Py_TYPE(f) == ptr::addr_of_mut!(ffi::PyCFunction_Type)
            && attr_is_str(f, c"__module__", "math")
            && attr_is_str(f, c"__name__", name)
        {
            let ml = read::<*const u8>(f as *const u8, layout::cfunc::M_ML);
            read::<usize>(ml, layout::cfunc::ML_METH)
        } else {
            0
        };
        ffi::Py_DECREF(f);
        if meth == 0 {
            return None;
        }
        MATH_UNARY_METH[index] = meth;
        Some(index)
    }
}

/// True when `obj.<attr>` is the str `expected` (errors cleared: false).
unsafe fn attr_is_str(obj: *mut PyObject, attr: &std::ffi::CStr, expected: &str) -> bool {
    // SAFETY: a live object; GIL held; the new reference is released.
    unsafe {
        let v = ffi::PyObject_GetAttrString(obj, attr.as_ptr());
        if v.is_null() {
            ffi::PyErr_Clear();
            return false;
        }
        let mut len: ffi::Py_ssize_t = 0;
        let utf8 = if ffi::PyUnicode_Check(v) != 0 { ffi::PyUnicode_AsUTF8AndSize(v, &mut len) } else { ptr::null() };
        let same = if utf8.is_null() {
            ffi::PyErr_Clear();
            false
        } else {
            std::slice::from_raw_parts(utf8 as *const u8, len as usize) == expected.as_bytes()
        };
        ffi::Py_DECREF(v);
        same
    }
}

/// `callable(x)` for the unboxed float at `arg`, when `callable` is the [`MATH_UNARY`] function
/// `index` and `math_1` would return a float without error: the result, unboxed, to `result`
/// and 1. Otherwise 0, nothing changed and no exception set (the call goes the generic way,
/// which raises `math_1`'s errors).
pub unsafe extern "C" fn math_unary_unboxed(callable: *mut PyObject, arg: *const u64, result: *mut u64, index: usize) -> isize {
    // SAFETY: a live callable; `arg`/`result` are stack slots of the running frame; GIL held.
    unsafe {
        if ffi::Py_TYPE(callable) != ptr::addr_of_mut!(ffi::PyCFunction_Type) {
            return 0;
        }
        let ml = read::<*const u8>(callable as *const u8, layout::cfunc::M_ML);
        if read::<usize>(ml, layout::cfunc::ML_METH) != MATH_UNARY_METH[index] {
            return 0;
        }
        let x = f64::from_bits(*arg);
        let errno = libc_errno();
        *errno = 0;
        let r = (MATH_UNARY[index].1)(x);
        // `math_1`'s error conditions: a NaN from a number, an infinity from a finite number,
        // or errno set (then it may raise or not: the generic call decides).
        if (r.is_nan() && !x.is_nan()) || (r.is_infinite() && x.is_finite()) || *errno != 0 {
            return 0;
        }
        *result = r.to_bits();
        1
    }
}

/// [`math_unary_unboxed`] of an object: an exact float, or an exact int that converts to a
/// float (as `math_1`'s `PyFloat_AsDouble` converts it); 0 for anything else (the generic
/// call then converts or raises as the function would).
pub unsafe extern "C" fn math_unary_object(callable: *mut PyObject, arg: *mut PyObject, result: *mut u64, index: usize) -> isize {
    // SAFETY: `arg` is a live object (a stack entry of the running frame); GIL held.
    unsafe {
        let tp = ffi::Py_TYPE(arg);
        let x = if tp == ptr::addr_of_mut!(ffi::PyFloat_Type) {
            ffi::PyFloat_AS_DOUBLE(arg)
        } else if tp == ptr::addr_of_mut!(ffi::PyLong_Type) {
            let x = ffi::PyLong_AsDouble(arg);
            if x == -1.0 && !ffi::PyErr_Occurred().is_null() {
                // Too large for a float: the generic call raises the same OverflowError.
                ffi::PyErr_Clear();
                return 0;
            }
            x
        } else {
            return 0;
        };
        math_unary_unboxed(callable, &x.to_bits(), result, index)
    }
}

extern "C" {
    #[link_name = "__errno_location"]
    fn errno_location() -> *mut c_int;
}

/// The calling thread's `errno`.
fn libc_errno() -> *mut c_int {
    // SAFETY: glibc's thread-local errno, always valid.
    unsafe { errno_location() }
}

/// [`crate::hook::note_float_miss`] for the code of the running `frame` (a call at an
/// unboxed-float site returned something else than a float).
pub unsafe extern "C" fn note_float_miss_in_frame(frame: *mut u8) {
    // SAFETY: the running frame of compiled code; GIL held.
    unsafe { crate::hook::note_float_miss(read::<*mut u8>(frame, layout::frame::F_CODE)) }
}

/// [`crate::hook::note_unexecuted`] for the code of the running `frame` (it entered a block
/// that was compiled as an exit because the interpreter had not run it).
pub unsafe extern "C" fn note_unexecuted_in_frame(frame: *mut u8) {
    // SAFETY: the running frame of compiled code; GIL held.
    unsafe { crate::hook::note_unexecuted(read::<*mut u8>(frame, layout::frame::F_CODE)) }
}
