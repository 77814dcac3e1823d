//! Exceptions in compiled code: unwinding to a compiled handler, and the handler opcodes.
//!
//! Compiled code materialises its stack into the frame (`stacktop` set, `prev_instr` at the
//! raising instruction) and calls [`unwind`], which does what `_PyEval_EvalFrameDefault` does at
//! its `error:` and `exception_unwind:` labels: adds the traceback entry, finds the handler in
//! the exception table, cuts the stack to the handler's depth, pushes `lasti` and the
//! exception. The compiled code then jumps to the handler's machine code, so a caught exception
//! never leaves compiled code.
//!
//! The result of every unwinding helper is a handler's code unit (>= 0) or one of
//! [`UNWOUND`], [`INTERPRETER_UNWINDS`], [`DEOPT_BEFORE`].

#![allow(clippy::missing_safety_doc)]

use crate::codegen::ExcHandler;
use crate::cpython::{self, layout, read, write, Frame};
use pyo3::ffi::{self, PyObject, PyThreadState};
use std::ptr;

/// No handler: the stack is popped and the exception is pending; the frame returns NULL.
pub const UNWOUND: i64 = -1;
/// Nothing was done: the interpreter unwinds (tracing or profiling must see the exception).
pub const INTERPRETER_UNWINDS: i64 = -2;
/// Nothing was done and `prev_instr` is before the instruction: the interpreter executes it.
pub const DEOPT_BEFORE: i64 = -3;

extern "C" {
    static mut PyExc_BaseExceptionGroup: *mut PyObject;
    fn _PyErr_GetTopmostException(tstate: *mut PyThreadState) -> *mut *mut PyObject;
    fn PyTraceBack_Here(frame: *mut PyObject) -> std::os::raw::c_int;
}

unsafe fn stack_base(frame: *mut Frame) -> *mut *mut PyObject {
    // SAFETY: `localsplus` is inline in the frame.
    unsafe { frame.offset(layout::frame::LOCALSPLUS as isize) as *mut *mut PyObject }
}

unsafe fn code_start(frame: *mut Frame) -> *mut u16 {
    // SAFETY: a live frame's code object.
    unsafe { read::<*mut u8>(frame, layout::frame::F_CODE).offset(layout::code::CO_CODE_ADAPTIVE as isize) as *mut u16 }
}

/// `_PyInterpreterFrame_LASTI`: code unit index of `prev_instr`.
unsafe fn lasti(frame: *mut Frame) -> isize {
    // SAFETY: prev_instr points into (or one before) the frame's code.
    unsafe { read::<*mut u16>(frame, layout::frame::PREV_INSTR).offset_from(code_start(frame)) }
}

unsafe fn use_tracing(tstate: *mut PyThreadState) -> bool {
    // SAFETY: the current thread state's cframe.
    unsafe { read::<u8>(read::<*mut u8>(tstate as *mut u8, layout::tstate::CFRAME), layout::cframe::USE_TRACING) != 0 }
}

/// Adds a traceback entry for `frame` (the current frame), as the interpreter's `error:` does.
unsafe fn traceback_here(frame: *mut Frame) {
    // SAFETY: `frame` is the thread's current frame, written back, GIL held.
    unsafe {
        let code = read::<*mut u8>(frame, layout::frame::F_CODE);
        let first_traceable = read::<i32>(code, layout::code::CO_FIRSTTRACEABLE) as isize;
        let owner = read::<u8>(frame, layout::frame::OWNER);
        if owner != layout::frame::OWNED_BY_GENERATOR && lasti(frame) < first_traceable {
            // `_PyFrame_IsIncomplete`: no frame object, no traceback entry.
            return;
        }
        let mut fobj = read::<*mut PyObject>(frame, layout::frame::FRAME_OBJ);
        if fobj.is_null() {
            // PyEval_GetFrame() makes the current frame's object; it clears the error indicator
            // on failure, so the pending exception is kept aside.
            let (mut t, mut v, mut tb) = (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
            ffi::PyErr_Fetch(&mut t, &mut v, &mut tb);
            fobj = cpython::PyEval_GetFrame();
            ffi::PyErr_Restore(t, v, tb);
        }
        if !fobj.is_null() {
            PyTraceBack_Here(fobj);
        }
    }
}

/// Unwinds the exception raised by the instruction at `prev_instr` (the interpreter's `error:`
/// label: adds a traceback entry). `table` is the code's exception table, `n` its length.
pub unsafe extern "C" fn unwind(tstate: *mut PyThreadState, frame: *mut Frame, table: *const ExcHandler, n: usize) -> i64 {
    // SAFETY: called by compiled code with its frame written back; `table` lives as long as it.
    unsafe { unwind_from(tstate, frame, std::slice::from_raw_parts(table, n), lasti(frame), true) }
}

/// `error:` (with `add_traceback`) and `exception_unwind:` of the interpreter, for an exception
/// raised by the instruction at code unit `raiser`. The handler is looked up from `raiser`, while
/// the `lasti` pushed for it is `prev_instr`, which `RERAISE` may have moved.
unsafe fn unwind_from(tstate: *mut PyThreadState, frame: *mut Frame, table: &[ExcHandler], raiser: isize, add_traceback: bool) -> i64 {
    // SAFETY: see `unwind`; the stack below `stacktop` holds owned references (or NULL).
    unsafe {
        let ts = tstate as *mut u8;
        let mut handler = crate::codegen::find_handler(table, raiser as u32).copied();
        let tracing = use_tracing(tstate);
        if add_traceback {
            if !read::<*mut u8>(ts, layout::tstate::C_TRACEFUNC).is_null() {
                // The trace function sees the exception ('exception' event, then lines).
                return INTERPRETER_UNWINDS;
            }
            if ffi::PyErr_Occurred().is_null() {
                ffi::PyErr_SetString(ffi::PyExc_SystemError, c"error return without exception set".as_ptr());
            }
            traceback_here(frame);
        }
        let code = read::<*mut u8>(frame, layout::frame::F_CODE);
        let nlocalsplus = read::<i32>(code, layout::code::CO_NLOCALSPLUS) as usize;
        let base = stack_base(frame);
        loop {
            let mut top = read::<i32>(frame, layout::frame::STACKTOP) as usize;
            let level = nlocalsplus + handler.map_or(0, |h| h.depth as usize);
            while top > level {
                top -= 1;
                let v = *base.add(top);
                if !v.is_null() {
                    ffi::Py_DECREF(v);
                }
            }
            write::<i32>(frame, layout::frame::STACKTOP, top as i32);
            let Some(h) = handler else {
                if tracing {
                    // A profiler sees the frame's exit (the interpreter's TRACE_FUNCTION_UNWIND).
                    profile_unwind(tstate);
                }
                return UNWOUND;
            };
            if h.lasti != 0 {
                let v = ffi::PyLong_FromSsize_t(lasti(frame));
                if v.is_null() {
                    // As the interpreter: unwind the new exception from the same instruction.
                    handler = crate::codegen::find_handler(table, raiser as u32).copied();
                    continue;
                }
                *base.add(top) = v;
                top += 1;
            }
            let (mut t, mut v, mut tb) = (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
            ffi::PyErr_Fetch(&mut t, &mut v, &mut tb);
            ffi::PyErr_NormalizeException(&mut t, &mut v, &mut tb);
            ffi::PyException_SetTraceback(v, if tb.is_null() { ffi::Py_None() } else { tb });
            if !tb.is_null() {
                ffi::Py_DECREF(tb);
            }
            if !t.is_null() {
                ffi::Py_DECREF(t);
            }
            *base.add(top) = v;
            if tracing {
                // Profiling was switched on: the interpreter runs the handler, so the profiler
                // sees every call from here on.
                write::<i32>(frame, layout::frame::STACKTOP, top as i32 + 1);
                write(frame, layout::frame::PREV_INSTR, code_start(frame).offset(h.target as isize - 1));
                return DEOPT_BEFORE;
            }
            // The handler runs with the stack in the frame and stacktop at -1, like any code.
            write::<i32>(frame, layout::frame::STACKTOP, -1);
            return h.target as i64;
        }
    }
}

/// Calls a trace or profile function as `call_trace_protected` of `ceval.c` does, for the
/// current frame: not while already tracing, inside `PyThreadState_EnterTracing`, with the pending
/// exception kept aside and restored (dropped if the function raises). `arg` is borrowed.
unsafe fn call_tracer_protected(
    tstate: *mut PyThreadState,
    func_offset: i32,
    obj_offset: i32,
    what: std::os::raw::c_int,
    arg: *mut PyObject,
) {
    // SAFETY: the current frame is written back; GIL held.
    unsafe {
        let ts = tstate as *mut u8;
        let Some(func) = read::<Option<ffi::Py_tracefunc>>(ts, func_offset) else {
            return;
        };
        if read::<i32>(ts, layout::tstate::TRACING) != 0 {
            return;
        }
        let (mut t, mut v, mut tb) = (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
        ffi::PyErr_Fetch(&mut t, &mut v, &mut tb);
        let fobj = cpython::PyEval_GetFrame();
        let ok = !fobj.is_null() && {
            let obj = read::<*mut PyObject>(ts, obj_offset);
            ffi::PyThreadState_EnterTracing(tstate);
            let r = func(obj, fobj as *mut ffi::PyFrameObject, what, arg);
            ffi::PyThreadState_LeaveTracing(tstate);
            r == 0
        };
        if ok {
            ffi::PyErr_Restore(t, v, tb);
        } else {
            for o in [t, v, tb] {
                if !o.is_null() {
                    ffi::Py_DECREF(o);
                }
            }
        }
    }
}

/// The profile function's 'return' event for a frame left by an exception (the interpreter's
/// `TRACE_FUNCTION_UNWIND` with only a profiler set).
unsafe fn profile_unwind(tstate: *mut PyThreadState) {
    // SAFETY: forwarded.
    unsafe {
        call_tracer_protected(
            tstate,
            layout::tstate::C_PROFILEFUNC,
            layout::tstate::C_PROFILEOBJ,
            ffi::PyTrace_RETURN,
            ptr::null_mut(),
        )
    }
}

/// `call_exc_trace` of ceval.c for the current frame: the trace function's 'exception' event
/// with `(type, value, traceback)` of the pending exception (kept unless the function raises).
pub unsafe fn trace_exception(tstate: *mut PyThreadState) {
    // SAFETY: GIL held; the current frame is written back at the raising instruction.
    unsafe {
        let (mut t, mut v, mut tb) = (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
        ffi::PyErr_Fetch(&mut t, &mut v, &mut tb);
        if v.is_null() {
            ffi::Py_INCREF(ffi::Py_None());
            v = ffi::Py_None();
        }
        ffi::PyErr_NormalizeException(&mut t, &mut v, &mut tb);
        let arg = ffi::PyTuple_Pack(3, t, v, if tb.is_null() { ffi::Py_None() } else { tb });
        ffi::PyErr_Restore(t, v, tb);
        if arg.is_null() {
            return;
        }
        call_tracer_protected(tstate, layout::tstate::C_TRACEFUNC, layout::tstate::C_TRACEOBJ, ffi::PyTrace_EXCEPTION, arg);
        ffi::Py_DECREF(arg);
    }
}

/// Leaves the current instruction to the interpreter: `prev_instr` moves before it.
unsafe fn deopt_before(frame: *mut Frame) -> i64 {
    // SAFETY: prev_instr points at the current instruction (no EXTENDED_ARG prefix: oparg < 4).
    unsafe {
        let p = read::<*mut u16>(frame, layout::frame::PREV_INSTR);
        write(frame, layout::frame::PREV_INSTR, p.offset(-1));
    }
    DEOPT_BEFORE
}

/// `RERAISE oparg`: the exception is on top of the frame's stack (`stacktop` set).
pub unsafe extern "C" fn reraise(tstate: *mut PyThreadState, frame: *mut Frame, table: *const ExcHandler, n: usize, oparg: i64) -> i64 {
    // SAFETY: called by compiled code with its stack written back; see `unwind`.
    unsafe {
        if use_tracing(tstate) {
            return deopt_before(frame);
        }
        let table = std::slice::from_raw_parts(table, n);
        let base = stack_base(frame);
        let top = read::<i32>(frame, layout::frame::STACKTOP) as usize;
        let raiser = lasti(frame);
        if oparg != 0 {
            let lasti = *base.add(top - 1 - oparg as usize);
            if ffi::PyLong_Check(lasti) == 0 {
                ffi::PyErr_SetString(ffi::PyExc_SystemError, c"lasti is not an int".as_ptr());
                return unwind_from(tstate, frame, table, raiser, true);
            }
            let unit = ffi::PyLong_AsSsize_t(lasti);
            write(frame, layout::frame::PREV_INSTR, code_start(frame).offset(unit));
        }
        let val = *base.add(top - 1);
        write::<i32>(frame, layout::frame::STACKTOP, top as i32 - 1);
        let tp = ffi::PyExceptionInstance_Class(val);
        ffi::Py_INCREF(tp);
        // PyErr_Restore steals the type, the value (the stack's reference) and the traceback.
        ffi::PyErr_Restore(tp, val, ffi::PyException_GetTraceback(val));
        unwind_from(tstate, frame, table, raiser, false)
    }
}

/// `RAISE_VARARGS oparg`: the operands are on top of the frame's stack (`stacktop` set).
pub unsafe extern "C" fn raise_varargs(tstate: *mut PyThreadState, frame: *mut Frame, table: *const ExcHandler, n: usize, oparg: i64) -> i64 {
    // SAFETY: called by compiled code with its stack written back; see `unwind`.
    unsafe {
        if use_tracing(tstate) {
            return deopt_before(frame);
        }
        let table = std::slice::from_raw_parts(table, n);
        let base = stack_base(frame);
        let mut top = read::<i32>(frame, layout::frame::STACKTOP) as usize;
        let mut pop = || {
            top -= 1;
            *base.add(top)
        };
        let (exc, cause) = match oparg {
            2 => {
                let cause = pop();
                (pop(), cause)
            }
            1 => (pop(), ptr::null_mut()),
            _ => (ptr::null_mut(), ptr::null_mut()),
        };
        write::<i32>(frame, layout::frame::STACKTOP, top as i32);
        let reraised = do_raise(tstate, exc, cause);
        unwind_from(tstate, frame, table, lasti(frame), !reraised)
    }
}

/// The interpreter's `do_raise`: sets the exception for `raise [exc [from cause]]` (stealing
/// both). True for a bare `raise` that re-raised the handled exception (no new traceback entry).
unsafe fn do_raise(tstate: *mut PyThreadState, exc: *mut PyObject, cause: *mut PyObject) -> bool {
    // SAFETY: owned (or NULL) arguments, GIL held.
    unsafe {
        if exc.is_null() {
            let value = *_PyErr_GetTopmostException(tstate);
            if value.is_null() || value == ffi::Py_None() {
                ffi::PyErr_SetString(ffi::PyExc_RuntimeError, c"No active exception to reraise".as_ptr());
                return false;
            }
            let tp = ffi::PyExceptionInstance_Class(value);
            ffi::Py_INCREF(tp);
            ffi::Py_INCREF(value);
            ffi::PyErr_Restore(tp, value, ffi::PyException_GetTraceback(value));
            return true;
        }
        let xdecref = |o: *mut PyObject| {
            if !o.is_null() {
                ffi::Py_DECREF(o)
            }
        };
        let (tp, value);
        if ffi::PyExceptionClass_Check(exc) != 0 {
            tp = exc;
            value = ffi::PyObject_CallNoArgs(exc);
            if value.is_null() {
                xdecref(tp);
                xdecref(cause);
                return false;
            }
            if ffi::PyExceptionInstance_Check(value) == 0 {
                ffi::PyErr_Format(
                    ffi::PyExc_TypeError,
                    c"calling %R should have returned an instance of BaseException, not %R".as_ptr(),
                    tp,
                    ffi::Py_TYPE(value),
                );
                xdecref(value);
                xdecref(tp);
                xdecref(cause);
                return false;
            }
        } else if ffi::PyExceptionInstance_Check(exc) != 0 {
            value = exc;
            tp = ffi::PyExceptionInstance_Class(exc);
            ffi::Py_INCREF(tp);
        } else {
            ffi::Py_DECREF(exc);
            ffi::PyErr_SetString(ffi::PyExc_TypeError, c"exceptions must derive from BaseException".as_ptr());
            xdecref(cause);
            return false;
        }
        if !cause.is_null() {
            let fixed_cause;
            if ffi::PyExceptionClass_Check(cause) != 0 {
                fixed_cause = ffi::PyObject_CallNoArgs(cause);
                if fixed_cause.is_null() {
                    xdecref(value);
                    xdecref(tp);
                    xdecref(cause);
                    return false;
                }
                ffi::Py_DECREF(cause);
            } else if ffi::PyExceptionInstance_Check(cause) != 0 {
                fixed_cause = cause;
            } else if cause == ffi::Py_None() {
                ffi::Py_DECREF(cause);
                fixed_cause = ptr::null_mut();
            } else {
                ffi::PyErr_SetString(ffi::PyExc_TypeError, c"exception causes must derive from BaseException".as_ptr());
                xdecref(value);
                xdecref(tp);
                xdecref(cause);
                return false;
            }
            ffi::PyException_SetCause(value, fixed_cause);
        }
        ffi::PyErr_SetObject(tp, value);
        ffi::Py_DECREF(value);
        ffi::Py_DECREF(tp);
        false
    }
}

/// `_PyErr_StackItem.exc_value` of the thread's current exception state.
unsafe fn exc_info_value(tstate: *mut PyThreadState) -> *mut *mut PyObject {
    // SAFETY: tstate->exc_info always points at a live stack item.
    unsafe { read::<*mut *mut PyObject>(tstate as *mut u8, layout::tstate::EXC_INFO) }
}

/// `PUSH_EXC_INFO` on the two slots at `top` (`top[0]` holds the exception): `top[0]` becomes
/// the previously handled exception (or None) and `top[1]` the exception, now being handled.
pub unsafe extern "C" fn push_exc_info(tstate: *mut PyThreadState, top: *mut *mut PyObject) {
    // SAFETY: `top[0]` is an owned reference in the frame's stack, `top[1]` is free.
    unsafe {
        let info = exc_info_value(tstate);
        let value = *top;
        let prev = *info;
        // The stack takes over exc_info's reference to the previous exception.
        *top = if prev.is_null() {
            ffi::Py_INCREF(ffi::Py_None());
            ffi::Py_None()
        } else {
            prev
        };
        ffi::Py_INCREF(value);
        *info = value;
        *top.add(1) = value;
    }
}

/// `POP_EXCEPT`: restores the previously handled exception `prev` (stolen).
pub unsafe extern "C" fn pop_except(tstate: *mut PyThreadState, prev: *mut PyObject) {
    // SAFETY: `prev` is an owned reference taken off the stack.
    unsafe {
        let info = exc_info_value(tstate);
        let old = *info;
        *info = prev;
        if !old.is_null() {
            ffi::Py_DECREF(old);
        }
    }
}

const CANNOT_CATCH_MSG: &std::ffi::CStr = c"catching classes that do not inherit from BaseException is not allowed";

unsafe fn check_except_type_valid(right: *mut PyObject) -> bool {
    // SAFETY: a live object, GIL held.
    unsafe {
        let ok = if ffi::PyTuple_Check(right) != 0 {
            (0..ffi::PyTuple_GET_SIZE(right)).all(|i| ffi::PyExceptionClass_Check(ffi::PyTuple_GET_ITEM(right, i)) != 0)
        } else {
            ffi::PyExceptionClass_Check(right) != 0
        };
        if !ok {
            ffi::PyErr_SetString(ffi::PyExc_TypeError, CANNOT_CATCH_MSG.as_ptr());
        }
        ok
    }
}

/// `CHECK_EXC_MATCH`: `True`/`False` (new references) for `except right:` on `left`, or NULL.
pub unsafe extern "C" fn check_exc_match(left: *mut PyObject, right: *mut PyObject) -> *mut PyObject {
    // SAFETY: borrowed live arguments, GIL held.
    unsafe {
        if !check_except_type_valid(right) {
            return ptr::null_mut();
        }
        let res = if ffi::PyErr_GivenExceptionMatches(left, right) != 0 { ffi::Py_True() } else { ffi::Py_False() };
        ffi::Py_INCREF(res);
        res
    }
}

/// `CHECK_EG_MATCH` on the two slots at `top` (`[exc_value, match_type]`, both owned): on
/// success they become `[exc_value, None]` (no match) or `[rest, match]`; on error (-1) the
/// type is released and `top[0]` keeps the exception.
pub unsafe extern "C" fn check_eg_match(top: *mut *mut PyObject) -> i64 {
    // SAFETY: owned references in the frame's stack, GIL held.
    unsafe {
        let exc_value = *top;
        let match_type = *top.add(1);
        let res = eg_match(exc_value, match_type);
        ffi::Py_DECREF(match_type);
        let Some((m, rest)) = res else {
            return -1;
        };
        if m == ffi::Py_None() {
            ffi::Py_DECREF(rest);
            *top.add(1) = m;
        } else {
            *top = rest;
            *top.add(1) = m;
            ffi::Py_INCREF(m);
            ffi::PyErr_SetExcInfo(ptr::null_mut(), m, ptr::null_mut());
            ffi::Py_DECREF(exc_value);
        }
        0
    }
}

/// The interpreter's `check_except_star_type_valid` + `exception_group_match`: `(match, rest)`
/// as new references.
unsafe fn eg_match(exc_value: *mut PyObject, match_type: *mut PyObject) -> Option<(*mut PyObject, *mut PyObject)> {
    // SAFETY: borrowed live arguments, GIL held.
    unsafe {
        if !check_except_type_valid(match_type) {
            return None;
        }
        let group = PyExc_BaseExceptionGroup;
        let items: Vec<*mut PyObject> = if ffi::PyTuple_Check(match_type) != 0 {
            (0..ffi::PyTuple_GET_SIZE(match_type)).map(|i| ffi::PyTuple_GET_ITEM(match_type, i)).collect()
        } else {
            vec![match_type]
        };
        for t in items {
            match ffi::PyObject_IsSubclass(t, group) {
                r if r < 0 => return None,
                0 => {}
                _ => {
                    ffi::PyErr_SetString(
                        ffi::PyExc_TypeError,
                        c"catching ExceptionGroup with except* is not allowed. Use except instead.".as_ptr(),
                    );
                    return None;
                }
            }
        }
        let none = || {
            ffi::Py_INCREF(ffi::Py_None());
            ffi::Py_None()
        };
        if exc_value == ffi::Py_None() {
            return Some((none(), none()));
        }
        let is_group = ffi::PyObject_TypeCheck(exc_value, group as *mut ffi::PyTypeObject) != 0;
        if ffi::PyErr_GivenExceptionMatches(exc_value, match_type) != 0 {
            let m = if is_group {
                ffi::Py_INCREF(exc_value);
                exc_value
            } else {
                // A naked exception is wrapped: BaseExceptionGroup("", (exc_value,)).
                let w = ffi::PyObject_CallFunction(group, c"(s(O))".as_ptr(), c"".as_ptr(), exc_value);
                if w.is_null() {
                    return None;
                }
                w
            };
            return Some((m, none()));
        }
        if is_group {
            let pair = ffi::PyObject_CallMethod(exc_value, c"split".as_ptr(), c"(O)".as_ptr(), match_type);
            if pair.is_null() {
                return None;
            }
            let m = ffi::PyTuple_GET_ITEM(pair, 0);
            let rest = ffi::PyTuple_GET_ITEM(pair, 1);
            ffi::Py_INCREF(m);
            ffi::Py_INCREF(rest);
            ffi::Py_DECREF(pair);
            return Some((m, rest));
        }
        Some((none(), none()))
    }
}

/// `WITH_EXCEPT_START`: calls `exit_func(type(val), val, val.__traceback__)`.
pub unsafe extern "C" fn with_except_start(val: *mut PyObject, exit_func: *mut PyObject) -> *mut PyObject {
    // SAFETY: borrowed live arguments, GIL held.
    unsafe {
        let tp = ffi::PyExceptionInstance_Class(val);
        let tb = ffi::PyException_GetTraceback(val);
        let tb_arg = if tb.is_null() { ffi::Py_None() } else { tb };
        let args = [ptr::null_mut(), tp, val, tb_arg];
        let res = ffi::PyObject_Vectorcall(exit_func, args.as_ptr().add(1), 3 | ffi::PY_VECTORCALL_ARGUMENTS_OFFSET, ptr::null_mut());
        if !tb.is_null() {
            ffi::Py_DECREF(tb);
        }
        res
    }
}

/// The Python function (built by `pyrite._prep_reraise_star`) whose body is `PREP_RERAISE_STAR`.
static PREP_RERAISE_STAR: std::sync::OnceLock<pyo3::Py<pyo3::PyAny>> = std::sync::OnceLock::new();

/// Records the `PREP_RERAISE_STAR` function (the first one given is kept).
pub fn remember_prep_reraise_star(f: pyo3::Py<pyo3::PyAny>) {
    let _ = PREP_RERAISE_STAR.set(f);
}

/// `PREP_RERAISE_STAR` (borrowed `orig`, `excs`): the exception group to re-raise, or None.
/// The interpreter computes it (`_PyExc_PrepReraiseStar` is internal to libpython) in the frame
/// of a one-instruction function; a traceback entry for that frame is removed on error.
pub unsafe extern "C" fn prep_reraise_star(orig: *mut PyObject, excs: *mut PyObject) -> *mut PyObject {
    // SAFETY: live arguments, GIL held.
    unsafe {
        let Some(f) = PREP_RERAISE_STAR.get() else {
            ffi::PyErr_SetString(ffi::PyExc_SystemError, c"pyrite: PREP_RERAISE_STAR helper missing".as_ptr());
            return ptr::null_mut();
        };
        let args = [orig, excs];
        let res = ffi::PyObject_Vectorcall(f.as_ptr(), args.as_ptr(), 2, ptr::null_mut());
        if res.is_null() {
            let (mut t, mut v, mut tb) = (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
            ffi::PyErr_Fetch(&mut t, &mut v, &mut tb);
            if !tb.is_null() {
                let next = ffi::PyObject_GetAttrString(tb, c"tb_next".as_ptr());
                ffi::Py_DECREF(tb);
                tb = if next.is_null() || next == ffi::Py_None() {
                    ffi::PyErr_Clear();
                    if !next.is_null() {
                        ffi::Py_DECREF(next);
                    }
                    ptr::null_mut()
                } else {
                    next
                };
            }
            ffi::PyErr_Restore(t, v, tb);
        }
        res
    }
}

/// True for the code of the `PREP_RERAISE_STAR` function itself: there the instruction is left
/// to the interpreter (compiling it as a call to that function would recurse).
pub fn is_prep_reraise_star_code(code: *mut PyObject) -> bool {
    // SAFETY: reads `__code__` of a live function under the GIL (compilation holds it).
    PREP_RERAISE_STAR.get().is_some_and(|f| unsafe {
        read::<*mut PyObject>(f.as_ptr() as *mut u8, layout::func::FUNC_CODE) == code
    })
}
