//! Generators and coroutines in compiled code: helpers for `SEND`, `GET_YIELD_FROM_ITER`,
//! `GET_AWAITABLE`, `GET_AITER`, `GET_ANEXT`, `END_ASYNC_FOR` and `ASYNC_GEN_WRAP`.
//!
//! A generator's first call runs compiled code up to `RETURN_GENERATOR`, which moves the frame
//! into a new generator object ([`return_generator`]); every later resumption (`send`, `next`,
//! `throw`) enters compiled code at the instruction after `prev_instr`. A yield writes the frame back exactly
//! as the interpreter leaves a suspended frame, so `gi_frame`, `gi_yieldfrom` and `_PyGen_yf`
//! see what they expect.
//!
//! Rare error paths whose messages are formatted by static functions of `ceval.c` return
//! [`DEOPT`]/[`DEOPT_INT`] before running any user code: the interpreter then executes the
//! instruction and raises exactly what stock CPython raises.

#![allow(clippy::missing_safety_doc)]

use crate::cpython::{self, layout, read, write, Frame};
use crate::runtime::{DEOPT, DEOPT_INT, ERR};
use pyo3::ffi::{self, PyObject, PyThreadState};
use std::ptr;

extern "C" {
    static mut _PyAsyncGenWrappedValue_Type: ffi::PyTypeObject;
    fn _PyObject_GC_New(tp: *mut ffi::PyTypeObject) -> *mut PyObject;
    fn _PyObject_GC_NewVar(tp: *mut ffi::PyTypeObject, nitems: ffi::Py_ssize_t) -> *mut PyObject;
    fn _PyErr_FormatFromCause(exc: *mut PyObject, format: *const std::os::raw::c_char, ...) -> *mut PyObject;
}

/// `RETURN_GENERATOR`: builds the generator, coroutine or async generator for the frame (at
/// its first instruction after cell set-up, stack empty) and moves the frame into it, as
/// `_Py_MakeCoro` and the interpreter's `RETURN_GENERATOR` do (both internal to libpython).
/// The thread's frame is left holding new references to its function and code only, so that
/// `_PyEvalFrameClearAndPop` can release it. Returns the new object, NULL with an exception
/// set, or [`DEOPT`] when the interpreter must build it (a coroutine while origin tracking is
/// on: the origin is computed by an internal function; a frame that already has a frame object).
pub unsafe extern "C" fn return_generator(tstate: *mut PyThreadState, frame: *mut Frame) -> *mut PyObject {
    use layout::code::{CO_ASYNC_GENERATOR, CO_COROUTINE, CO_GENERATOR};
    use layout::gen::*;
    // SAFETY: `frame` is the running thread-owned frame of a generator function, its stack empty
    // and its `prev_instr` at this instruction; GIL held. The new object is allocated with the
    // type's item size for `co_nlocalsplus + co_stacksize` slots, as `make_gen` does.
    unsafe {
        let f = frame as *mut u8;
        let func = read::<*mut PyObject>(f, layout::frame::F_FUNC);
        let code = read::<*mut PyObject>(f, layout::frame::F_CODE);
        let kind = read::<u32>(code as *mut u8, layout::code::CO_FLAGS) & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR);
        let ty = match kind {
            CO_GENERATOR => ptr::addr_of_mut!(ffi::PyGen_Type),
            CO_ASYNC_GENERATOR => ptr::addr_of_mut!(ffi::PyAsyncGen_Type),
            CO_COROUTINE if read::<i32>(tstate as *mut u8, layout::tstate::COROUTINE_ORIGIN_TRACKING_DEPTH) == 0 => {
                ptr::addr_of_mut!(ffi::PyCoro_Type)
            }
            _ => return DEOPT,
        };
        if !read::<*mut PyObject>(f, layout::frame::FRAME_OBJ).is_null() {
            return DEOPT;
        }
        let nlocalsplus = read::<i32>(code as *mut u8, layout::code::CO_NLOCALSPLUS);
        let slots = nlocalsplus + read::<i32>(code as *mut u8, layout::code::CO_STACKSIZE);
        let gen = _PyObject_GC_NewVar(ty, slots as ffi::Py_ssize_t);
        if gen.is_null() {
            return ptr::null_mut();
        }
        let g = gen as *mut u8;
        ffi::Py_INCREF(code);
        write(g, GI_CODE, code);
        write(g, GI_WEAKREFLIST, ptr::null_mut::<PyObject>());
        write(g, GI_EXC_VALUE, ptr::null_mut::<PyObject>());
        write(g, GI_EXC_PREVIOUS_ITEM, ptr::null_mut::<u8>());
        for (func_field, code_field, gen_field) in [
            (layout::func::FUNC_NAME, layout::code::CO_NAME, GI_NAME),
            (layout::func::FUNC_QUALNAME, layout::code::CO_QUALNAME, GI_QUALNAME),
        ] {
            let mut name = read::<*mut PyObject>(func as *mut u8, func_field);
            if name.is_null() {
                name = read::<*mut PyObject>(code as *mut u8, code_field);
            }
            ffi::Py_INCREF(name);
            write(g, gen_field, name);
        }
        write(g, GI_ORIGIN_OR_FINALIZER, ptr::null_mut::<PyObject>());
        write::<u8>(g, GI_HOOKS_INITED, 0);
        write::<u8>(g, GI_CLOSED, 0);
        write::<u8>(g, GI_RUNNING_ASYNC, 0);
        // Move the frame: its references (function, code, locals, cells) now belong to the
        // generator's copy.
        write::<i32>(f, layout::frame::STACKTOP, nlocalsplus);
        let size = crate::cpython::localsplus_offset(nlocalsplus as usize) as usize;
        let gen_frame = g.offset(GI_IFRAME as isize);
        ptr::copy_nonoverlapping(f, gen_frame, size);
        write::<i8>(g, GI_FRAME_STATE, FRAME_CREATED);
        write::<u8>(gen_frame, layout::frame::OWNER, layout::frame::OWNED_BY_GENERATOR);
        // Not linked to any frame until resumed: `gi_frame.f_back` is None.
        write(gen_frame, layout::frame::PREVIOUS, ptr::null_mut::<u8>());
        // The thread's frame keeps what `_PyEvalFrameClearAndPop` releases.
        write::<i32>(f, layout::frame::STACKTOP, 0);
        write(f, layout::frame::F_LOCALS, ptr::null_mut::<PyObject>());
        ffi::Py_INCREF(func);
        ffi::Py_INCREF(code);
        ffi::PyObject_GC_Track(gen as *mut std::ffi::c_void);
        gen
    }
}

fn code_flags(o: *mut PyObject) -> u32 {
    // SAFETY: `o` is a live generator object; its gi_code is a live code object.
    unsafe {
        let code = read::<*mut u8>(o as *mut u8, layout::gen::GI_CODE);
        read::<u32>(code, layout::code::CO_FLAGS)
    }
}

unsafe fn is_coro_exact(o: *mut PyObject) -> bool {
    // SAFETY: a live object.
    unsafe { ffi::Py_TYPE(o) == ptr::addr_of_mut!(ffi::PyCoro_Type) }
}

unsafe fn is_gen_exact(o: *mut PyObject) -> bool {
    // SAFETY: a live object.
    unsafe { ffi::Py_TYPE(o) == ptr::addr_of_mut!(ffi::PyGen_Type) }
}

/// `gen_is_coroutine`: a generator made awaitable by `types.coroutine`.
unsafe fn gen_is_coroutine(o: *mut PyObject) -> bool {
    // SAFETY: a live object.
    unsafe { is_gen_exact(o) && code_flags(o) & layout::code::CO_ITERABLE_COROUTINE != 0 }
}

/// True if `o`'s type has the async slot `slot` (an offset into `PyAsyncMethods`).
unsafe fn async_slot(o: *mut PyObject, slot: usize) -> Option<unsafe extern "C" fn(*mut PyObject) -> *mut PyObject> {
    // SAFETY: tp_as_async is NULL or a live PyAsyncMethods whose first three fields are
    // am_await, am_aiter, am_anext (unaryfunc).
    unsafe {
        let am = (*ffi::Py_TYPE(o)).tp_as_async;
        if am.is_null() {
            return None;
        }
        let f = *((am as *const Option<unsafe extern "C" fn(*mut PyObject) -> *mut PyObject>).add(slot));
        f
    }
}
const AM_AWAIT: usize = 0;
const AM_AITER: usize = 1;
const AM_ANEXT: usize = 2;

/// `_PyCoro_GetAwaitableIter` (internal to libpython): a new reference or NULL.
unsafe fn get_awaitable_iter(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object, GIL held.
    unsafe {
        if is_coro_exact(o) || gen_is_coroutine(o) {
            ffi::Py_INCREF(o);
            return o;
        }
        let Some(getter) = async_slot(o, AM_AWAIT) else {
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"object %.100s can't be used in 'await' expression".as_ptr(),
                (*ffi::Py_TYPE(o)).tp_name,
            );
            return ptr::null_mut();
        };
        let res = getter(o);
        if res.is_null() {
            return res;
        }
        if is_coro_exact(res) || gen_is_coroutine(res) {
            ffi::PyErr_SetString(ffi::PyExc_TypeError, c"__await__() returned a coroutine".as_ptr());
            ffi::Py_DECREF(res);
            return ptr::null_mut();
        }
        if ffi::PyIter_Check(res) == 0 {
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"__await__() returned non-iterator of type '%.100s'".as_ptr(),
                (*ffi::Py_TYPE(res)).tp_name,
            );
            ffi::Py_DECREF(res);
            return ptr::null_mut();
        }
        res
    }
}

/// `_PyGen_yf`: the object a suspended generator or coroutine delegates to (new reference).
unsafe fn gen_yf(gen: *mut PyObject) -> *mut PyObject {
    // SAFETY: `gen` is a live generator-like object; a suspended frame has a valid stacktop.
    unsafe {
        let g = gen as *mut u8;
        let state = read::<i8>(g, layout::gen::GI_FRAME_STATE);
        if state >= layout::gen::FRAME_CLEARED || state == layout::gen::FRAME_CREATED {
            return ptr::null_mut();
        }
        let frame = g.offset(layout::gen::GI_IFRAME as isize);
        let next = *read::<*const u16>(frame, layout::frame::PREV_INSTR).add(1);
        let tables = crate::cpython::opcode::tables();
        if tables.deopt[(next & 0xff) as usize] != crate::cpython::opcode::RESUME || (next >> 8) < 2 {
            return ptr::null_mut();
        }
        let top = read::<i32>(frame, layout::frame::STACKTOP) as usize;
        let yf = *(frame.offset(layout::frame::LOCALSPLUS as isize) as *mut *mut PyObject).add(top - 1);
        ffi::Py_INCREF(yf);
        yf
    }
}

/// `SEND` on the two owned slots at `top` (`[receiver, value]`) by `PyIter_Send`: compiled
/// code's generic path, when [`send_enter`] declined. Returns 0 when the receiver yielded
/// (`[receiver, yielded]`), 1 when it returned (`[result]`: jump), [`ERR`] (`[receiver]`) or
/// [`DEOPT_INT`] (tracing: the interpreter has its own path).
pub unsafe extern "C" fn send(tstate: *mut PyThreadState, top: *mut *mut PyObject) -> isize {
    // SAFETY: owned references in the frame's stack, GIL held.
    unsafe {
        if !read::<*mut u8>(tstate as *mut u8, layout::tstate::C_TRACEFUNC).is_null() {
            return DEOPT_INT;
        }
        let v = *top.add(1);
        let mut retval = ptr::null_mut();
        let status = ffi::PyIter_Send(*top, v, &mut retval);
        ffi::Py_DECREF(v);
        store_send_result(top, status, retval)
    }
}

/// Leaves the outcome of a send to `*top` in the stack slots as `SEND` does (see [`send`]) and
/// returns its code. The value slot `top[1]` owns nothing any more.
unsafe fn store_send_result(top: *mut *mut PyObject, status: ffi::PySendResult, retval: *mut PyObject) -> isize {
    // SAFETY: `top` holds `[receiver, value]` slots of the running frame, the receiver owned.
    unsafe {
        match status {
            ffi::PySendResult::PYGEN_NEXT => {
                *top.add(1) = retval;
                0
            }
            ffi::PySendResult::PYGEN_RETURN => {
                ffi::Py_DECREF(*top);
                *top = retval;
                1
            }
            ffi::PySendResult::PYGEN_ERROR => ERR,
        }
    }
}

/// `PyIter_Send(receiver, v)` for a generator or coroutine whose code is compiled: does what
/// `gen_send_ex2` does around `_PyEval_EvalFrame`, but enters the machine code directly
/// ([`hook::direct_resume_entry`]), without `PyIter_Send`, `gen_send_ex2` and the hook on the
/// native stack. Compiled `SEND` goes further ([`send_enter`]); `FOR_ITER` uses this
/// (`runtime::for_iter`), sending None as `gen_iternext` does.
///
/// `v` is an owned reference: on `Some` it has moved into the generator's frame. `None` when
/// the send must take the generic path (other receivers, an error to raise, a frame not
/// compiled, tracing, a low native stack); nothing was done then.
pub unsafe fn send_to_compiled_generator(
    tstate: *mut PyThreadState,
    receiver: *mut PyObject,
    v: *mut PyObject,
    retval: &mut *mut PyObject,
) -> Option<ffi::PySendResult> {
    // SAFETY: live references, GIL held; see `prepare_resume` and `finish_resume`.
    unsafe {
        let (entry, frame) = prepare_resume(tstate, receiver, v)?;
        crate::hook::link_resumed(tstate, frame);
        let result = crate::hook::unlink_resumed(tstate, frame, entry(frame, tstate, 0));
        Some(finish_resume(tstate, receiver, result, retval))
    }
}

/// The checks and the first half of `gen_send_ex2` for sending `v` (owned) to `receiver`, an
/// exact generator or coroutine whose code is compiled: value pushed (the reference moves into
/// the frame), frame linked to the current one, exception state linked, state executing.
/// Returns the machine code to run and the frame; `None` (nothing done) for the generic path.
unsafe fn prepare_resume(tstate: *mut PyThreadState, receiver: *mut PyObject, v: *mut PyObject) -> Option<(crate::hook::Entry, *mut Frame)> {
    use layout::gen::*;
    // SAFETY: `receiver` and `v` are live references, GIL held. An exact generator or coroutine
    // holds its frame inline at `GI_IFRAME`; its state says whether that frame may run.
    unsafe {
        let ty = ffi::Py_TYPE(receiver);
        if ty != ptr::addr_of_mut!(ffi::PyGen_Type) && ty != ptr::addr_of_mut!(ffi::PyCoro_Type) {
            return None;
        }
        let g = receiver as *mut u8;
        let state = read::<i8>(g, GI_FRAME_STATE);
        // A value sent to a just-started generator is an error the generic path raises.
        if state != FRAME_SUSPENDED && !(state == FRAME_CREATED && v == ffi::Py_None()) {
            return None;
        }
        let frame = g.add(GI_IFRAME as usize);
        let entry = crate::hook::direct_resume_entry(tstate, read::<*mut u8>(frame, layout::frame::F_CODE))?;
        if !crate::hook::can_link_resumed(tstate, frame) {
            return None;
        }
        let stacktop = read::<i32>(frame, layout::frame::STACKTOP);
        let slots = frame.offset(layout::frame::LOCALSPLUS as isize) as *mut *mut PyObject;
        *slots.add(stacktop as usize) = v;
        write::<i32>(frame, layout::frame::STACKTOP, stacktop + 1);
        let ts = tstate as *mut u8;
        let cframe = read::<*mut u8>(ts, layout::tstate::CFRAME);
        write(frame, layout::frame::PREVIOUS, read::<*mut u8>(cframe, layout::cframe::CURRENT_FRAME));
        write(g, GI_EXC_PREVIOUS_ITEM, read::<*mut u8>(ts, layout::tstate::EXC_INFO));
        write(ts, layout::tstate::EXC_INFO, g.add(GI_EXC_VALUE as usize));
        write::<i8>(g, GI_FRAME_STATE, FRAME_EXECUTING);
        crate::stats::get().generator_direct_resumes += 1;
        Some((entry, frame))
    }
}

/// The second half of `gen_send_ex2`, given what `_PyEval_EvalFrame` returned for the frame of
/// `receiver` (prepared by [`prepare_resume`]): the value yielded or returned goes to `retval`
/// (a new reference, or NULL with an exception set); a finished generator releases its frame.
unsafe fn finish_resume(
    tstate: *mut PyThreadState,
    receiver: *mut PyObject,
    result: *mut PyObject,
    retval: &mut *mut PyObject,
) -> ffi::PySendResult {
    use layout::gen::*;
    // SAFETY: `receiver` is the live generator whose frame just ran; GIL held.
    unsafe {
        let g = receiver as *mut u8;
        let frame = g.add(GI_IFRAME as usize);
        let ts = tstate as *mut u8;
        if read::<i8>(g, GI_FRAME_STATE) == FRAME_EXECUTING {
            write::<i8>(g, GI_FRAME_STATE, FRAME_COMPLETED);
        }
        write(ts, layout::tstate::EXC_INFO, read::<*mut u8>(g, GI_EXC_PREVIOUS_ITEM));
        write(g, GI_EXC_PREVIOUS_ITEM, ptr::null_mut::<u8>());
        write(frame, layout::frame::PREVIOUS, ptr::null_mut::<u8>());
        if !result.is_null() && read::<i8>(g, GI_FRAME_STATE) == FRAME_SUSPENDED {
            *retval = result;
            return ffi::PySendResult::PYGEN_NEXT;
        }
        // Returned (a value was sent, so a returned None is kept) or raised.
        if result.is_null() && ffi::PyErr_ExceptionMatches(ffi::PyExc_StopIteration) != 0 {
            let is_coro = ffi::Py_TYPE(receiver) == ptr::addr_of_mut!(ffi::PyCoro_Type);
            let msg = if is_coro { c"coroutine raised StopIteration" } else { c"generator raised StopIteration" };
            _PyErr_FormatFromCause(ffi::PyExc_RuntimeError, c"%s".as_ptr(), msg.as_ptr());
        }
        // The generator cannot run again: release its exception state and its frame.
        let exc_value = read::<*mut PyObject>(g, GI_EXC_VALUE);
        write(g, GI_EXC_VALUE, ptr::null_mut::<PyObject>());
        if !exc_value.is_null() {
            ffi::Py_DECREF(exc_value);
        }
        write::<i8>(g, GI_FRAME_STATE, FRAME_CLEARED);
        crate::hook::clear_generator_frame(frame);
        *retval = result;
        if result.is_null() {
            ffi::PySendResult::PYGEN_ERROR
        } else {
            ffi::PySendResult::PYGEN_RETURN
        }
    }
}

/// What [`send_enter`] returns: the machine code to call as `entry(frame, tstate, 0)`, or a
/// null `entry` when compiled code must call [`send`] instead.
#[repr(C)]
pub struct DirectSend {
    pub entry: usize,
    pub frame: *mut Frame,
}

/// `SEND` in compiled code, first half: on the two owned slots at `top` (`[receiver, value]`),
/// prepares the receiver's frame when it is a compiled generator or coroutine
/// ([`prepare_resume`]) and links it ([`hook::link_resumed`]); compiled code then calls the
/// entry itself and passes what it returns to [`send_leave`]. A chain of `yield from` or
/// `await` thus nests one native frame per level (stock CPython nests three: its evaluation
/// loop, `PyIter_Send` and `gen_send_ex2`); each value travels up and down the whole chain,
/// and frames beyond the return-stack buffer's depth cost a mispredicted return each.
pub unsafe extern "C" fn send_enter(tstate: *mut PyThreadState, top: *mut *mut PyObject) -> DirectSend {
    // SAFETY: owned references in the frame's stack, GIL held.
    unsafe {
        let none = DirectSend { entry: 0, frame: ptr::null_mut() };
        if !read::<*mut u8>(tstate as *mut u8, layout::tstate::C_TRACEFUNC).is_null() {
            return none;
        }
        match prepare_resume(tstate, *top, *top.add(1)) {
            Some((entry, frame)) => {
                crate::hook::link_resumed(tstate, frame);
                DirectSend { entry: entry as usize, frame }
            }
            None => none,
        }
    }
}

/// `SEND` in compiled code, second half: `result` is what the entry returned for the frame
/// [`send_enter`] prepared. Returns as [`send`] does: 0 yielded (`[receiver, yielded]`), 1
/// returned (`[result]`: jump), [`ERR`] (`[receiver]`).
pub unsafe extern "C" fn send_leave(tstate: *mut PyThreadState, top: *mut *mut PyObject, result: *mut PyObject) -> isize {
    // SAFETY: `*top` is the generator whose frame `send_enter` linked; GIL held. Its value slot
    // no longer owns anything (the value moved into the generator's frame).
    unsafe {
        let receiver = *top;
        let frame = (receiver as *mut u8).add(layout::gen::GI_IFRAME as usize);
        let result = crate::hook::unlink_resumed(tstate, frame, result);
        let mut retval = ptr::null_mut();
        let status = finish_resume(tstate, receiver, result, &mut retval);
        store_send_result(top, status, retval)
    }
}

/// `GET_YIELD_FROM_ITER` in a generator that is not a coroutine (`iterable` borrowed).
pub unsafe extern "C" fn yield_from_iter(iterable: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object, GIL held.
    unsafe {
        if is_coro_exact(iterable) {
            ffi::PyErr_SetString(
                ffi::PyExc_TypeError,
                c"cannot 'yield from' a coroutine object in a non-coroutine generator".as_ptr(),
            );
            return ptr::null_mut();
        }
        if is_gen_exact(iterable) {
            ffi::Py_INCREF(iterable);
            return iterable;
        }
        ffi::PyObject_GetIter(iterable)
    }
}

/// `GET_YIELD_FROM_ITER` in a coroutine (`iterable` borrowed).
pub unsafe extern "C" fn yield_from_iter_coro(iterable: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object, GIL held.
    unsafe {
        if is_coro_exact(iterable) || is_gen_exact(iterable) {
            ffi::Py_INCREF(iterable);
            return iterable;
        }
        ffi::PyObject_GetIter(iterable)
    }
}

/// `GET_AWAITABLE` (`iterable` borrowed). Objects without `__await__` deopt: the interpreter
/// formats the `async with` variants of the message.
pub unsafe extern "C" fn get_awaitable(iterable: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object, GIL held.
    unsafe {
        if !(is_coro_exact(iterable) || gen_is_coroutine(iterable)) && async_slot(iterable, AM_AWAIT).is_none() {
            return DEOPT;
        }
        let iter = get_awaitable_iter(iterable);
        if !iter.is_null() && is_coro_exact(iter) {
            let yf = gen_yf(iter);
            if !yf.is_null() {
                ffi::Py_DECREF(yf);
                ffi::Py_DECREF(iter);
                ffi::PyErr_SetString(ffi::PyExc_RuntimeError, c"coroutine is being awaited already".as_ptr());
                return ptr::null_mut();
            }
        }
        iter
    }
}

/// `GET_AITER` (`obj` borrowed). A type without `__aiter__` deopts (the interpreter formats).
pub unsafe extern "C" fn get_aiter(obj: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object, GIL held.
    unsafe {
        let Some(getter) = async_slot(obj, AM_AITER) else {
            return DEOPT;
        };
        let iter = getter(obj);
        if iter.is_null() {
            return iter;
        }
        if async_slot(iter, AM_ANEXT).is_none() {
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"'async for' received an object from __aiter__ that does not implement __anext__: %.100s".as_ptr(),
                (*ffi::Py_TYPE(iter)).tp_name,
            );
            ffi::Py_DECREF(iter);
            return ptr::null_mut();
        }
        iter
    }
}

/// `GET_ANEXT` (`aiter` borrowed): the awaitable to push.
pub unsafe extern "C" fn get_anext(aiter: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object, GIL held.
    unsafe {
        let Some(getter) = async_slot(aiter, AM_ANEXT) else {
            return DEOPT;
        };
        if ffi::Py_TYPE(aiter) == ptr::addr_of_mut!(ffi::PyAsyncGen_Type) {
            return getter(aiter);
        }
        let next_iter = getter(aiter);
        if next_iter.is_null() {
            return next_iter;
        }
        let awaitable = get_awaitable_iter(next_iter);
        if awaitable.is_null() {
            _PyErr_FormatFromCause(
                ffi::PyExc_TypeError,
                c"'async for' received an invalid object from __anext__: %.100s".as_ptr(),
                (*ffi::Py_TYPE(next_iter)).tp_name,
            );
        }
        ffi::Py_DECREF(next_iter);
        awaitable
    }
}

/// `ASYNC_GEN_WRAP` (`v` borrowed): `_PyAsyncGenValueWrapperNew`.
pub unsafe extern "C" fn async_gen_wrap(v: *mut PyObject) -> *mut PyObject {
    // SAFETY: the wrapper type is `{PyObject_HEAD; PyObject *agw_val;}`, GC-tracked; its
    // dealloc accepts objects from PyObject_GC_New (it frees or caches them).
    unsafe {
        let o = _PyObject_GC_New(ptr::addr_of_mut!(_PyAsyncGenWrappedValue_Type));
        if o.is_null() {
            return o;
        }
        ffi::Py_INCREF(v);
        write(o as *mut u8, 16, v);
        cpython::PyObject_GC_Track(o as *mut std::os::raw::c_void);
        o
    }
}

/// Result of [`end_async_for`]: the iteration ended normally, continue after the instruction.
pub const END_ASYNC_FOR_DONE: i64 = -4;

/// `END_ASYNC_FOR` with the frame's stack written back (`[aiter, exc]` on top).
pub unsafe extern "C" fn end_async_for(
    tstate: *mut PyThreadState,
    frame: *mut Frame,
    table: *const crate::codegen::ExcHandler,
    n: usize,
) -> i64 {
    // SAFETY: called by compiled code with its stack written back, GIL held.
    unsafe {
        let base = frame.offset(layout::frame::LOCALSPLUS as isize) as *mut *mut PyObject;
        let top = read::<i32>(frame, layout::frame::STACKTOP) as usize;
        let val = *base.add(top - 1);
        if ffi::PyErr_GivenExceptionMatches(val, ffi::PyExc_StopAsyncIteration) != 0 {
            write::<i32>(frame, layout::frame::STACKTOP, -1);
            ffi::Py_DECREF(val);
            ffi::Py_DECREF(*base.add(top - 2));
            return END_ASYNC_FOR_DONE;
        }
        crate::unwind::reraise(tstate, frame, table, n, 0)
    }
}
