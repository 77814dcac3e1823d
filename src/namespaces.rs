//! Helpers for the opcodes of module and class bodies and other name-based instructions:
//! `LOAD_NAME`, `STORE_NAME`, `DELETE_NAME`, `LOAD_CLASSDEREF`, `SETUP_ANNOTATIONS`,
//! `LOAD_BUILD_CLASS`, `DELETE_GLOBAL`, `PRINT_EXPR`.
//!
//! They follow `ceval.c` exactly, including non-dict `f_locals` mappings (a metaclass's
//! `__prepare__`, `exec` with a custom mapping) and the interpreter's error messages.

#![allow(clippy::missing_safety_doc)]

use crate::cpython::{layout, read, Frame};
use crate::runtime::ERR;
use pyo3::ffi::{self, PyObject};
use std::ptr;

unsafe fn frame_locals(frame: *mut Frame) -> *mut PyObject {
    // SAFETY: a live frame.
    unsafe { read::<*mut PyObject>(frame, layout::frame::F_LOCALS) }
}

/// `format_exc_check_arg(NameError, "name '%.200s' is not defined", name)`: the exception
/// carries `name` (used for "Did you mean" suggestions).
unsafe fn name_error(name: *mut PyObject) {
    // SAFETY: `name` is a str from co_names, GIL held.
    unsafe {
        let s = ffi::PyUnicode_AsUTF8(name);
        if s.is_null() {
            return;
        }
        ffi::PyErr_Format(ffi::PyExc_NameError, c"name '%.200s' is not defined".as_ptr(), s);
        let (mut t, mut v, mut tb) = (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
        ffi::PyErr_Fetch(&mut t, &mut v, &mut tb);
        ffi::PyErr_NormalizeException(&mut t, &mut v, &mut tb);
        if !v.is_null() && ffi::PyObject_SetAttrString(v, c"name".as_ptr(), name) < 0 {
            ffi::PyErr_Clear();
        }
        ffi::PyErr_Restore(t, v, tb);
    }
}

/// Looks `name` up in a mapping: a new reference, NULL with no error (missing), or NULL with an
/// error. Non-dict mappings go through `__getitem__`; their KeyError means "missing".
unsafe fn mapping_lookup(ns: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: live objects, GIL held.
    unsafe {
        if ffi::PyDict_CheckExact(ns) != 0 {
            let v = ffi::PyDict_GetItemWithError(ns, name);
            if !v.is_null() {
                ffi::Py_INCREF(v);
            }
            return v;
        }
        let v = ffi::PyObject_GetItem(ns, name);
        if v.is_null() && ffi::PyErr_ExceptionMatches(ffi::PyExc_KeyError) != 0 {
            ffi::PyErr_Clear();
        }
        v
    }
}

/// `LOAD_NAME`: locals, then globals, then builtins.
pub unsafe extern "C" fn load_name(frame: *mut Frame, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: the running frame and a name from its code, GIL held.
    unsafe {
        let locals = frame_locals(frame);
        if locals.is_null() {
            ffi::PyErr_Format(ffi::PyExc_SystemError, c"no locals when loading %R".as_ptr(), name);
            return ptr::null_mut();
        }
        for ns in [locals, read::<*mut PyObject>(frame, layout::frame::F_GLOBALS)] {
            let v = mapping_lookup(ns, name);
            if !v.is_null() || !ffi::PyErr_Occurred().is_null() {
                return v;
            }
        }
        let builtins = read::<*mut PyObject>(frame, layout::frame::F_BUILTINS);
        let v = mapping_lookup(builtins, name);
        if v.is_null() && ffi::PyErr_Occurred().is_null() {
            name_error(name);
        }
        v
    }
}

/// `STORE_NAME` (`v` borrowed).
pub unsafe extern "C" fn store_name(frame: *mut Frame, name: *mut PyObject, v: *mut PyObject) -> isize {
    // SAFETY: as `load_name`.
    unsafe {
        let locals = frame_locals(frame);
        if locals.is_null() {
            ffi::PyErr_Format(ffi::PyExc_SystemError, c"no locals found when storing %R".as_ptr(), name);
            return ERR;
        }
        let r = if ffi::PyDict_CheckExact(locals) != 0 {
            ffi::PyDict_SetItem(locals, name, v)
        } else {
            ffi::PyObject_SetItem(locals, name, v)
        };
        if r < 0 {
            ERR
        } else {
            0
        }
    }
}

/// `DELETE_NAME`.
pub unsafe extern "C" fn delete_name(frame: *mut Frame, name: *mut PyObject) -> isize {
    // SAFETY: as `load_name`.
    unsafe {
        let locals = frame_locals(frame);
        if locals.is_null() {
            ffi::PyErr_Format(ffi::PyExc_SystemError, c"no locals when deleting %R".as_ptr(), name);
            return ERR;
        }
        if ffi::PyObject_DelItem(locals, name) != 0 {
            name_error(name);
            return ERR;
        }
        0
    }
}

/// `DELETE_GLOBAL`.
pub unsafe extern "C" fn delete_global(frame: *mut Frame, name: *mut PyObject) -> isize {
    // SAFETY: as `load_name`; compiled frames have exact dict globals.
    unsafe {
        if ffi::PyDict_DelItem(read::<*mut PyObject>(frame, layout::frame::F_GLOBALS), name) != 0 {
            if ffi::PyErr_ExceptionMatches(ffi::PyExc_KeyError) != 0 {
                name_error(name);
            }
            return ERR;
        }
        0
    }
}

/// `LOAD_CLASSDEREF i`: the class namespace first, then the cell `localsplus[i]`.
pub unsafe extern "C" fn load_classderef(frame: *mut Frame, i: isize) -> *mut PyObject {
    // SAFETY: the running frame; `i` indexes a cell or free variable of its code.
    unsafe {
        let code = read::<*mut u8>(frame, layout::frame::F_CODE);
        let names = read::<*mut PyObject>(code, layout::code::CO_LOCALSPLUSNAMES);
        let name = ffi::PyTuple_GET_ITEM(names, i);
        let v = mapping_lookup(frame_locals(frame), name);
        if !v.is_null() || !ffi::PyErr_Occurred().is_null() {
            return v;
        }
        let cell = read::<*mut PyObject>(frame, crate::cpython::localsplus_offset(i as usize));
        let v = read::<*mut PyObject>(cell as *mut u8, layout::object::CELL_OB_REF);
        if v.is_null() {
            let s = ffi::PyUnicode_AsUTF8(name);
            if !s.is_null() {
                ffi::PyErr_Format(
                    ffi::PyExc_NameError,
                    c"cannot access free variable '%s' where it is not associated with a value in enclosing scope"
                        .as_ptr(),
                    s,
                );
            }
            return ptr::null_mut();
        }
        ffi::Py_INCREF(v);
        v
    }
}

/// `SETUP_ANNOTATIONS`.
pub unsafe extern "C" fn setup_annotations(frame: *mut Frame) -> isize {
    // SAFETY: the running frame, GIL held.
    unsafe {
        let locals = frame_locals(frame);
        if locals.is_null() {
            ffi::PyErr_SetString(ffi::PyExc_SystemError, c"no locals found when setting up annotations".as_ptr());
            return ERR;
        }
        let key = crate::runtime::interned(c"__annotations__");
        if key.is_null() {
            return ERR;
        }
        let ann = mapping_lookup(locals, key);
        if !ann.is_null() {
            ffi::Py_DECREF(ann);
            return 0;
        }
        if !ffi::PyErr_Occurred().is_null() {
            return ERR;
        }
        let d = ffi::PyDict_New();
        if d.is_null() {
            return ERR;
        }
        let r = if ffi::PyDict_CheckExact(locals) != 0 {
            ffi::PyDict_SetItem(locals, key, d)
        } else {
            ffi::PyObject_SetItem(locals, key, d)
        };
        ffi::Py_DECREF(d);
        if r != 0 {
            ERR
        } else {
            0
        }
    }
}

/// `LOAD_BUILD_CLASS` (builtins are an exact dict in compiled frames).
pub unsafe extern "C" fn load_build_class(frame: *mut Frame) -> *mut PyObject {
    // SAFETY: the running frame, GIL held.
    unsafe {
        let key = crate::runtime::interned(c"__build_class__");
        if key.is_null() {
            return ptr::null_mut();
        }
        let bc = ffi::PyDict_GetItemWithError(read::<*mut PyObject>(frame, layout::frame::F_BUILTINS), key);
        if bc.is_null() {
            if ffi::PyErr_Occurred().is_null() {
                ffi::PyErr_SetString(ffi::PyExc_NameError, c"__build_class__ not found".as_ptr());
            }
            return ptr::null_mut();
        }
        ffi::Py_INCREF(bc);
        bc
    }
}

/// `PRINT_EXPR` (`value` borrowed): calls `sys.displayhook(value)`.
pub unsafe extern "C" fn print_expr(value: *mut PyObject) -> isize {
    // SAFETY: a live object, GIL held.
    unsafe {
        let hook = ffi::PySys_GetObject(c"displayhook".as_ptr());
        if hook.is_null() {
            ffi::PyErr_SetString(ffi::PyExc_RuntimeError, c"lost sys.displayhook".as_ptr());
            return ERR;
        }
        let res = ffi::PyObject_CallOneArg(hook, value);
        if res.is_null() {
            return ERR;
        }
        ffi::Py_DECREF(res);
        0
    }
}

/// `MATCH_MAPPING` (`subject` borrowed): `True` or `False`, new reference.
pub unsafe extern "C" fn match_mapping(subject: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object.
    unsafe { match_flag(subject, ffi::Py_TPFLAGS_MAPPING) }
}

/// `MATCH_SEQUENCE` (`subject` borrowed): `True` or `False`, new reference.
pub unsafe extern "C" fn match_sequence(subject: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object.
    unsafe { match_flag(subject, ffi::Py_TPFLAGS_SEQUENCE) }
}

unsafe fn match_flag(subject: *mut PyObject, flag: std::os::raw::c_ulong) -> *mut PyObject {
    // SAFETY: a live object.
    unsafe {
        let r = if (*ffi::Py_TYPE(subject)).tp_flags & flag != 0 { ffi::Py_True() } else { ffi::Py_False() };
        ffi::Py_INCREF(r);
        r
    }
}
