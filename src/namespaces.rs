//! Helpers for the opcodes of module and class bodies and other name-based instructions:
//! `LOAD_NAME`, `STORE_NAME`, `DELETE_NAME`, `LOAD_CLASSDEREF`, `SETUP_ANNOTATIONS`,
//! `LOAD_BUILD_CLASS`, `DELETE_GLOBAL`, `PRINT_EXPR`.
//!
//! They follow `ceval.c` exactly, including non-dict `f_locals` mappings (a metaclass's
//! `__prepare__`, `exec` with a custom mapping) and the interpreter's error messages.

#![allow(clippy::missing_safety_doc)]

use crate::cpython::{layout, read, Frame};
use crate::runtime::{InternedName, ERR};
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
        static ANNOTATIONS: InternedName = InternedName::new(c"__annotations__");
        let key = ANNOTATIONS.get();
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
        static BUILD_CLASS: InternedName = InternedName::new(c"__build_class__");
        let key = BUILD_CLASS.get();
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

extern "C" {
    fn _PyObject_LookupAttr(o: *mut PyObject, name: *mut PyObject, result: *mut *mut PyObject) -> std::os::raw::c_int;
    fn _PyObject_GetMethod(o: *mut PyObject, name: *mut PyObject, method: *mut *mut PyObject) -> std::os::raw::c_int;
}

/// `MATCH_KEYS` (`match_keys` of ceval.c): a tuple of the values of `keys` in `map` (through
/// `map.get(key, dummy)`), `None` if one is missing, or NULL with an error. Borrowed arguments.
pub unsafe extern "C" fn match_keys(map: *mut PyObject, keys: *mut PyObject) -> *mut PyObject {
    // SAFETY: live objects (`keys` an exact tuple from the compiler), GIL held.
    unsafe {
        let nkeys = ffi::PyTuple_GET_SIZE(keys);
        if nkeys == 0 {
            return ffi::PyTuple_New(0);
        }
        static GET: InternedName = InternedName::new(c"get");
        let get_name = GET.get();
        if get_name.is_null() {
            return ptr::null_mut();
        }
        let mut get = ptr::null_mut();
        let meth_found = _PyObject_GetMethod(map, get_name, &mut get) != 0;
        if get.is_null() {
            return ptr::null_mut();
        }
        let seen = ffi::PySet_New(ptr::null_mut());
        let dummy = if seen.is_null() { ptr::null_mut() } else { ffi::PyObject_CallNoArgs(ptr::addr_of_mut!(ffi::PyBaseObject_Type) as *mut PyObject) };
        let mut values = if dummy.is_null() { ptr::null_mut() } else { ffi::PyTuple_New(nkeys) };
        let xdecref = |o: *mut PyObject| {
            if !o.is_null() {
                ffi::Py_DECREF(o)
            }
        };
        if !values.is_null() {
            for i in 0..nkeys {
                let key = ffi::PyTuple_GET_ITEM(keys, i);
                if ffi::PySet_Contains(seen, key) != 0 || ffi::PySet_Add(seen, key) != 0 {
                    if ffi::PyErr_Occurred().is_null() {
                        ffi::PyErr_Format(ffi::PyExc_ValueError, c"mapping pattern checks duplicate key (%R)".as_ptr(), key);
                    }
                    xdecref(values);
                    values = ptr::null_mut();
                    break;
                }
                let args = [map, key, dummy];
                let value = if meth_found {
                    ffi::PyObject_Vectorcall(get, args.as_ptr(), 3, ptr::null_mut())
                } else {
                    ffi::PyObject_Vectorcall(get, args.as_ptr().add(1), 2, ptr::null_mut())
                };
                if value.is_null() {
                    xdecref(values);
                    values = ptr::null_mut();
                    break;
                }
                if value == dummy {
                    ffi::Py_DECREF(value);
                    ffi::Py_DECREF(values);
                    ffi::Py_INCREF(ffi::Py_None());
                    values = ffi::Py_None();
                    break;
                }
                ffi::PyTuple_SET_ITEM(values, i, value);
            }
        }
        xdecref(get);
        xdecref(seen);
        xdecref(dummy);
        values
    }
}

/// `match_class_attr` of ceval.c: a new reference, NULL with no error (no such attribute), or
/// NULL with an error.
unsafe fn match_class_attr(subject: *mut PyObject, tp: *mut PyObject, name: *mut PyObject, seen: *mut PyObject) -> *mut PyObject {
    // SAFETY: live objects, GIL held.
    unsafe {
        if ffi::PySet_Contains(seen, name) != 0 || ffi::PySet_Add(seen, name) != 0 {
            if ffi::PyErr_Occurred().is_null() {
                ffi::PyErr_Format(
                    ffi::PyExc_TypeError,
                    c"%s() got multiple sub-patterns for attribute %R".as_ptr(),
                    (*(tp as *mut ffi::PyTypeObject)).tp_name,
                    name,
                );
            }
            return ptr::null_mut();
        }
        let attr = ffi::PyObject_GetAttr(subject, name);
        if attr.is_null() && ffi::PyErr_ExceptionMatches(ffi::PyExc_AttributeError) != 0 {
            ffi::PyErr_Clear();
        }
        attr
    }
}

/// `_Py_TPFLAGS_MATCH_SELF`: `case int(x):` binds the subject itself.
const TPFLAGS_MATCH_SELF: std::os::raw::c_ulong = 1 << 22;

/// `MATCH_CLASS nargs` (`match_class` of ceval.c): the tuple of matched attributes, `None` when
/// the subject does not match, or NULL with an error. Borrowed arguments.
pub unsafe extern "C" fn match_class(subject: *mut PyObject, tp: *mut PyObject, nargs: isize, kwargs: *mut PyObject) -> *mut PyObject {
    // SAFETY: live objects (`kwargs` an exact tuple of str from the compiler), GIL held.
    unsafe {
        let none = || {
            if ffi::PyErr_Occurred().is_null() {
                ffi::Py_INCREF(ffi::Py_None());
                ffi::Py_None()
            } else {
                ptr::null_mut()
            }
        };
        if ffi::PyType_Check(tp) == 0 {
            ffi::PyErr_SetString(ffi::PyExc_TypeError, c"called match pattern must be a type".as_ptr());
            return ptr::null_mut();
        }
        if ffi::PyObject_IsInstance(subject, tp) <= 0 {
            return none();
        }
        let tp_name = (*(tp as *mut ffi::PyTypeObject)).tp_name;
        let seen = ffi::PySet_New(ptr::null_mut());
        if seen.is_null() {
            return ptr::null_mut();
        }
        let attrs = ffi::PyList_New(0);
        if attrs.is_null() {
            ffi::Py_DECREF(seen);
            return ptr::null_mut();
        }
        let fail = |match_args: *mut PyObject| {
            if !match_args.is_null() {
                ffi::Py_DECREF(match_args);
            }
            ffi::Py_DECREF(seen);
            ffi::Py_DECREF(attrs);
            none()
        };
        if nargs != 0 {
            let mut match_self = false;
            let mut match_args = ffi::PyObject_GetAttrString(tp, c"__match_args__".as_ptr());
            if !match_args.is_null() {
                if ffi::PyTuple_CheckExact(match_args) == 0 {
                    ffi::PyErr_Format(
                        ffi::PyExc_TypeError,
                        c"%s.__match_args__ must be a tuple (got %s)".as_ptr(),
                        tp_name,
                        (*ffi::Py_TYPE(match_args)).tp_name,
                    );
                    return fail(match_args);
                }
            } else if ffi::PyErr_ExceptionMatches(ffi::PyExc_AttributeError) != 0 {
                ffi::PyErr_Clear();
                match_args = ffi::PyTuple_New(0);
                match_self = (*(tp as *mut ffi::PyTypeObject)).tp_flags & TPFLAGS_MATCH_SELF != 0;
            } else {
                return fail(ptr::null_mut());
            }
            let allowed = if match_self { 1 } else { ffi::PyTuple_GET_SIZE(match_args) };
            if allowed < nargs {
                let plural = if allowed == 1 { c"" } else { c"s" };
                ffi::PyErr_Format(
                    ffi::PyExc_TypeError,
                    c"%s() accepts %d positional sub-pattern%s (%d given)".as_ptr(),
                    tp_name,
                    allowed as std::os::raw::c_int,
                    plural.as_ptr(),
                    nargs as std::os::raw::c_int,
                );
                return fail(match_args);
            }
            if match_self {
                ffi::PyList_Append(attrs, subject);
            } else {
                for i in 0..nargs {
                    let name = ffi::PyTuple_GET_ITEM(match_args, i);
                    if ffi::PyUnicode_CheckExact(name) == 0 {
                        ffi::PyErr_Format(
                            ffi::PyExc_TypeError,
                            c"__match_args__ elements must be strings (got %s)".as_ptr(),
                            (*ffi::Py_TYPE(name)).tp_name,
                        );
                        return fail(match_args);
                    }
                    let attr = match_class_attr(subject, tp, name, seen);
                    if attr.is_null() {
                        return fail(match_args);
                    }
                    ffi::PyList_Append(attrs, attr);
                    ffi::Py_DECREF(attr);
                }
            }
            ffi::Py_DECREF(match_args);
        }
        for i in 0..ffi::PyTuple_GET_SIZE(kwargs) {
            let name = ffi::PyTuple_GET_ITEM(kwargs, i);
            let attr = match_class_attr(subject, tp, name, seen);
            if attr.is_null() {
                return fail(ptr::null_mut());
            }
            ffi::PyList_Append(attrs, attr);
            ffi::Py_DECREF(attr);
        }
        let t = ffi::PyList_AsTuple(attrs);
        ffi::Py_DECREF(attrs);
        ffi::Py_DECREF(seen);
        t
    }
}

/// `IMPORT_STAR` (`from` borrowed) in a frame without fast locals (module level, where the
/// compiler allows it); other frames deopt ([`crate::runtime::DEOPT_INT`]).
pub unsafe extern "C" fn import_star(frame: *mut Frame, from: *mut PyObject) -> isize {
    // SAFETY: the running frame, GIL held.
    unsafe {
        let code = read::<*mut u8>(frame, layout::frame::F_CODE);
        let locals = frame_locals(frame);
        if read::<i32>(code, layout::code::CO_NLOCALSPLUS) != 0 || locals.is_null() {
            return crate::runtime::DEOPT_INT;
        }
        if import_all_from(locals, from) != 0 {
            ERR
        } else {
            0
        }
    }
}

/// `import_all_from` of ceval.c.
unsafe fn import_all_from(locals: *mut PyObject, v: *mut PyObject) -> i32 {
    // SAFETY: live objects, GIL held.
    unsafe {
        static ALL: InternedName = InternedName::new(c"__all__");
        static DICT: InternedName = InternedName::new(c"__dict__");
        static NAME: InternedName = InternedName::new(c"__name__");
        let (all_name, dict_name, name_name) = (ALL.get(), DICT.get(), NAME.get());
        if all_name.is_null() || dict_name.is_null() || name_name.is_null() {
            return -1;
        }
        let mut all = ptr::null_mut();
        if _PyObject_LookupAttr(v, all_name, &mut all) < 0 {
            return -1;
        }
        let mut skip_leading_underscores = false;
        if all.is_null() {
            let mut dict = ptr::null_mut();
            if _PyObject_LookupAttr(v, dict_name, &mut dict) < 0 {
                return -1;
            }
            if dict.is_null() {
                ffi::PyErr_SetString(ffi::PyExc_ImportError, c"from-import-* object has no __dict__ and no __all__".as_ptr());
                return -1;
            }
            all = ffi::PyMapping_Keys(dict);
            ffi::Py_DECREF(dict);
            if all.is_null() {
                return -1;
            }
            skip_leading_underscores = true;
        }
        let mut err = 0;
        let mut pos = 0;
        loop {
            let name = ffi::PySequence_GetItem(all, pos);
            pos += 1;
            if name.is_null() {
                if ffi::PyErr_ExceptionMatches(ffi::PyExc_IndexError) == 0 {
                    err = -1;
                } else {
                    ffi::PyErr_Clear();
                }
                break;
            }
            if ffi::PyUnicode_Check(name) == 0 {
                let modname = ffi::PyObject_GetAttr(v, name_name);
                if modname.is_null() {
                    ffi::Py_DECREF(name);
                    err = -1;
                    break;
                }
                if ffi::PyUnicode_Check(modname) == 0 {
                    ffi::PyErr_Format(
                        ffi::PyExc_TypeError,
                        c"module __name__ must be a string, not %.100s".as_ptr(),
                        (*ffi::Py_TYPE(modname)).tp_name,
                    );
                } else {
                    let (what, attr) = if skip_leading_underscores { (c"Key", c"__dict__") } else { (c"Item", c"__all__") };
                    ffi::PyErr_Format(
                        ffi::PyExc_TypeError,
                        c"%s in %U.%s must be str, not %.100s".as_ptr(),
                        what.as_ptr(),
                        modname,
                        attr.as_ptr(),
                        (*ffi::Py_TYPE(name)).tp_name,
                    );
                }
                ffi::Py_DECREF(modname);
                ffi::Py_DECREF(name);
                err = -1;
                break;
            }
            if skip_leading_underscores && ffi::PyUnicode_GetLength(name) > 0 && ffi::PyUnicode_ReadChar(name, 0) == '_' as u32 {
                ffi::Py_DECREF(name);
                continue;
            }
            let value = ffi::PyObject_GetAttr(v, name);
            if value.is_null() {
                err = -1;
            } else if ffi::PyDict_CheckExact(locals) != 0 {
                err = ffi::PyDict_SetItem(locals, name, value);
            } else {
                err = ffi::PyObject_SetItem(locals, name, value);
            }
            ffi::Py_DECREF(name);
            if !value.is_null() {
                ffi::Py_DECREF(value);
            }
            if err != 0 {
                break;
            }
        }
        ffi::Py_DECREF(all);
        err
    }
}
