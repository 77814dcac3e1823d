//! Private and semi-private CPython 3.11 entry points that `pyo3::ffi` does not declare.
//!
//! All of them are exported by libpython 3.11 (see `shared/reference/exported-symbols-3.11.txt`).

#![allow(non_snake_case)]

use pyo3::ffi::{PyObject, PyThreadState};
use std::os::raw::{c_char, c_int, c_void};

/// `struct _PyInterpreterFrame` is opaque to Rust; offsets are in `layout::frame`.
pub type Frame = u8;
/// `_PyFrameEvalFunction`.
pub type EvalFrameFn = unsafe extern "C" fn(*mut PyThreadState, *mut Frame, c_int) -> *mut PyObject;

extern "C" {
    /// The type of bound methods (`types.MethodType`).
    pub static mut PyMethod_Type: pyo3::ffi::PyTypeObject;
    pub fn _PyEval_EvalFrameDefault(tstate: *mut PyThreadState, frame: *mut Frame, throwflag: c_int) -> *mut PyObject;
    pub fn _PyInterpreterState_GetEvalFrameFunc(interp: *mut c_void) -> Option<EvalFrameFn>;
    pub fn _PyInterpreterState_SetEvalFrameFunc(interp: *mut c_void, f: Option<EvalFrameFn>);
    pub fn PyInterpreterState_Get() -> *mut c_void;
    pub fn _PyEval_RequestCodeExtraIndex(free: unsafe extern "C" fn(*mut c_void)) -> isize;
    pub fn _PyCode_SetExtra(code: *mut PyObject, index: isize, extra: *mut c_void) -> c_int;
    pub fn _Py_CheckRecursiveCall(tstate: *mut PyThreadState, where_: *const c_char) -> c_int;
    pub fn _Py_Dealloc(op: *mut PyObject);
    pub fn _Py_CheckFunctionResult(
        tstate: *mut PyThreadState,
        callable: *mut PyObject,
        result: *mut PyObject,
        where_: *const c_char,
    ) -> *mut PyObject;
    /// The current thread state without `PyThreadState_Get`'s NULL check (the GIL is held).
    pub fn _PyThreadState_UncheckedGet() -> *mut PyThreadState;
    pub fn _PyObject_GetMethod(obj: *mut PyObject, name: *mut PyObject, method: *mut *mut PyObject) -> c_int;
    pub fn _PyUnicode_JoinArray(sep: *mut PyObject, items: *const *mut PyObject, n: isize) -> *mut PyObject;
    pub fn _PyList_Extend(list: *mut PyObject, iterable: *mut PyObject) -> *mut PyObject;
    pub fn _PySet_Update(set: *mut PyObject, iterable: *mut PyObject) -> c_int;
    pub fn _PyObject_LookupSpecial(obj: *mut PyObject, name: *mut PyObject) -> *mut PyObject;
    pub fn Py_MakePendingCalls() -> c_int;
    pub fn PyEval_SaveThread() -> *mut PyThreadState;
    pub fn PyEval_RestoreThread(tstate: *mut PyThreadState);
    pub fn PyImport_ImportModuleLevelObject(
        name: *mut PyObject,
        globals: *mut PyObject,
        locals: *mut PyObject,
        fromlist: *mut PyObject,
        level: c_int,
    ) -> *mut PyObject;
    pub fn PyFunction_New(code: *mut PyObject, globals: *mut PyObject) -> *mut PyObject;
    pub fn PyCell_New(obj: *mut PyObject) -> *mut PyObject;
    pub fn PyEval_GetFrame() -> *mut PyObject;
    pub fn PyCode_Addr2Line(code: *mut PyObject, byte_offset: c_int) -> c_int;
    pub fn _PyFunction_Vectorcall(
        func: *mut PyObject,
        args: *const *mut PyObject,
        nargsf: usize,
        kwnames: *mut PyObject,
    ) -> *mut PyObject;
    pub fn _PyType_Lookup(tp: *mut pyo3::ffi::PyTypeObject, name: *mut PyObject) -> *mut PyObject;
    /// Equality of two strs, as `COMPARE_OP_STR_JUMP` decides it (1, 0, or -1 with an error).
    pub fn _PyUnicode_Equal(a: *mut PyObject, b: *mut PyObject) -> c_int;
    pub fn PyObject_GenericGetAttr(o: *mut PyObject, name: *mut PyObject) -> *mut PyObject;
    pub fn PyObject_GenericSetAttr(o: *mut PyObject, name: *mut PyObject, v: *mut PyObject) -> c_int;
    pub fn PyObject_GC_IsTracked(op: *mut PyObject) -> c_int;
    pub fn PyObject_GC_Track(op: *mut c_void);
}

/// `PY_VECTORCALL_ARGUMENTS_OFFSET`.
pub const VECTORCALL_ARGUMENTS_OFFSET: usize = 1 << 63;
