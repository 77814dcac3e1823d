//! The PEP 523 frame-evaluation hook: decides, per call, whether a frame runs compiled code or
//! CPython's own interpreter, and owns the per-code state kept in `co_extra`.

use crate::codegen;
use crate::codemem::{CodeAlloc, CodeMemory};
use crate::cpython::{self, layout, read, write, Frame};
use crate::runtime::GlobalCache;
use crate::stats;
use pyo3::ffi::{self, PyObject, PyThreadState};
use std::os::raw::{c_int, c_void};
use std::ptr;
use std::time::Instant;

/// Signature of compiled code: `fn(frame, tstate) -> result`, where the result is a new
/// reference, NULL (an exception is set and the frame is ready for the interpreter to unwind it)
/// or 1 (deopt: the frame is ready for the interpreter to continue it).
pub type Entry = unsafe extern "C" fn(*mut Frame, *mut PyThreadState) -> *mut PyObject;

/// Compiled code attached to a code object.
pub struct Compiled {
    entry: Entry,
    alloc: CodeAlloc,
    /// `LOAD_GLOBAL` caches; compiled code holds their addresses.
    _global_caches: Box<[GlobalCache]>,
}

impl Drop for Compiled {
    fn drop(&mut self) {
        code_memory().free(&self.alloc);
    }
}

enum Status {
    Counting,
    Compiled(Compiled),
    Refused,
}

/// Pyrite's state for one code object, owned by its `co_extra` slot.
struct CodeState {
    calls: u64,
    status: Status,
}

struct HookState {
    enabled: bool,
    threshold: u64,
    extra_index: isize,
}

static mut HOOK: HookState = HookState { enabled: false, threshold: 0, extra_index: -1 };
static mut CODE_MEMORY: CodeMemory = CodeMemory::new(256 << 20);

#[allow(static_mut_refs)]
fn hook_state() -> &'static mut HookState {
    // SAFETY: only touched with the GIL held.
    unsafe { &mut HOOK }
}

/// The executable-memory arena. Callers hold the GIL.
#[allow(static_mut_refs)]
pub fn code_memory() -> &'static mut CodeMemory {
    // SAFETY: only touched with the GIL held.
    unsafe { &mut CODE_MEMORY }
}

/// The current thread state (the GIL is held by the caller).
pub fn tstate_ptr() -> *mut PyThreadState {
    // SAFETY: called from compiled code or helpers, which run with the GIL held.
    unsafe { ffi::PyThreadState_Get() }
}

unsafe extern "C" fn free_code_state(p: *mut c_void) {
    if !p.is_null() {
        // SAFETY: every non-NULL value in our co_extra slot is a Box<CodeState> we leaked.
        drop(unsafe { Box::from_raw(p as *mut CodeState) });
    }
}

/// Our `co_extra` slot of `code`, read directly (the layout is checked by the layout test).
unsafe fn code_state(code: *mut u8, index: isize) -> *mut CodeState {
    // SAFETY: `code` is a live code object; `co_extra` is NULL or `{ce_size, ce_extras[]}`.
    unsafe {
        let extra = read::<*mut u8>(code, layout::code::CO_EXTRA);
        if extra.is_null() || read::<isize>(extra, layout::code_extra::CE_SIZE) <= index {
            return ptr::null_mut();
        }
        read::<*mut CodeState>(extra, layout::code_extra::CE_EXTRAS + 8 * index as i32)
    }
}

const GENERATOR_FLAGS: u32 = layout::code::CO_GENERATOR
    | layout::code::CO_COROUTINE
    | layout::code::CO_ASYNC_GENERATOR
    | layout::code::CO_ITERABLE_COROUTINE;

/// The hook itself.
unsafe extern "C" fn pyrite_eval_frame(tstate: *mut PyThreadState, frame: *mut Frame, throwflag: c_int) -> *mut PyObject {
    // Each Python call nests a few native frames here; when the native stack runs low, continue
    // on a fresh segment so that only `sys.getrecursionlimit()` bounds recursion, as in stock.
    stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
        // SAFETY: CPython calls the hook with a live thread state and frame, GIL held.
        unsafe { eval_frame(tstate, frame, throwflag) }
    })
}

unsafe fn eval_frame(tstate: *mut PyThreadState, frame: *mut Frame, throwflag: c_int) -> *mut PyObject {
    // SAFETY: arguments come straight from CPython (see `pyrite_eval_frame`).
    unsafe {
        let st = hook_state();
        let code = read::<*mut u8>(frame, layout::frame::F_CODE);
        let flags = read::<u32>(code, layout::code::CO_FLAGS);
        let cframe = read::<*mut u8>(tstate as *const u8, layout::tstate::CFRAME);
        if throwflag != 0
            || read::<u8>(frame, layout::frame::OWNER) != layout::frame::OWNED_BY_THREAD
            || flags & (layout::code::CO_OPTIMIZED | layout::code::CO_NEWLOCALS)
                != (layout::code::CO_OPTIMIZED | layout::code::CO_NEWLOCALS)
            || flags & GENERATOR_FLAGS != 0
            || read::<u8>(cframe, layout::cframe::USE_TRACING) != 0
        {
            return interpret(tstate, frame, throwflag);
        }
        let mut state = code_state(code, st.extra_index);
        if state.is_null() {
            let fresh = Box::into_raw(Box::new(CodeState { calls: 0, status: Status::Counting }));
            if cpython::_PyCode_SetExtra(code as *mut PyObject, st.extra_index, fresh as *mut c_void) != 0 {
                drop(Box::from_raw(fresh));
                ffi::PyErr_Clear();
                return interpret(tstate, frame, 0);
            }
            state = fresh;
        }
        let state = &mut *state;
        if let Status::Counting = state.status {
            state.calls += 1;
            if state.calls >= st.threshold.max(1) {
                state.status = compile(code as *mut PyObject);
            }
        }
        match &state.status {
            Status::Compiled(c) => run_compiled(tstate, frame, c.entry),
            _ => interpret(tstate, frame, 0),
        }
    }
}

unsafe fn interpret(tstate: *mut PyThreadState, frame: *mut Frame, throwflag: c_int) -> *mut PyObject {
    stats::get().interpreted_entries += 1;
    // SAFETY: forwarding CPython's own arguments to its default evaluator.
    unsafe { cpython::_PyEval_EvalFrameDefault(tstate, frame, throwflag) }
}

fn compile(code: *mut PyObject) -> Status {
    let start = Instant::now();
    let result = codegen::compile(code);
    let s = stats::get();
    let status = match result {
        Ok(out) => match code_memory().install(&out.machine_code) {
            Some(alloc) => {
                s.functions_compiled += 1;
                s.bytecode_instructions_compiled += out.instructions as u64;
                // SAFETY: the bytes are a complete function with the `Entry` ABI (backend contract).
                let entry: Entry = unsafe { std::mem::transmute::<*const u8, Entry>(alloc.addr) };
                Status::Compiled(Compiled { entry, alloc, _global_caches: out.global_caches })
            }
            None => {
                s.code_memory_full += 1;
                s.record_refusal("code_memory_full");
                Status::Refused
            }
        },
        Err(reason) => {
            s.record_refusal(&reason);
            Status::Refused
        }
    };
    s.compile_time_ns += start.elapsed().as_nanos() as u64;
    status
}

unsafe fn run_compiled(tstate: *mut PyThreadState, frame: *mut Frame, entry: Entry) -> *mut PyObject {
    // SAFETY: a thread-owned frame at its first instruction, GIL held.
    unsafe {
        // Compiled code reads globals and builtins as exact dicts (version-tagged caches).
        let globals = read::<*mut PyObject>(frame, layout::frame::F_GLOBALS);
        let builtins = read::<*mut PyObject>(frame, layout::frame::F_BUILTINS);
        if ffi::PyDict_CheckExact(globals) == 0 || ffi::PyDict_CheckExact(builtins) == 0 {
            return interpret(tstate, frame, 0);
        }
        // Recursion accounting exactly as `_PyEval_EvalFrameDefault` does on entry.
        let ts = tstate as *mut u8;
        let remaining = read::<i32>(ts, layout::tstate::RECURSION_REMAINING);
        write::<i32>(ts, layout::tstate::RECURSION_REMAINING, remaining - 1);
        if remaining <= 0 && cpython::_Py_CheckRecursiveCall(tstate, c"".as_ptr()) != 0 {
            // `_Py_CheckRecursiveCall` undid our decrement on failure.
            return ptr::null_mut();
        }
        // Link the frame as current, sharing the caller's cframe.
        let cframe = read::<*mut u8>(ts, layout::tstate::CFRAME);
        write(frame, layout::frame::PREVIOUS, read::<*mut Frame>(cframe, layout::cframe::CURRENT_FRAME));
        write(cframe, layout::cframe::CURRENT_FRAME, frame);
        stats::get().jit_entries += 1;
        let result = entry(frame, tstate);
        let cframe = read::<*mut u8>(ts, layout::tstate::CFRAME);
        write(cframe, layout::cframe::CURRENT_FRAME, read::<*mut Frame>(frame, layout::frame::PREVIOUS));
        let remaining = read::<i32>(ts, layout::tstate::RECURSION_REMAINING);
        write::<i32>(ts, layout::tstate::RECURSION_REMAINING, remaining + 1);
        if result as usize > 1 {
            return result;
        }
        if result.is_null() {
            return unwind_in_interpreter(tstate, frame);
        }
        // Deopt: continue after `prev_instr`.
        cpython::_PyEval_EvalFrameDefault(tstate, frame, 0)
    }
}

/// Lets the interpreter unwind the exception pending in `frame` (`prev_instr` at the failing
/// instruction): it adds the traceback entry, reports the exception to a trace function, and
/// runs the handler if the exception table has one.
unsafe fn unwind_in_interpreter(tstate: *mut PyThreadState, frame: *mut Frame) -> *mut PyObject {
    // SAFETY: the frame was written back by compiled code; GIL held.
    unsafe {
        let ts = tstate as *mut u8;
        let cframe = read::<*mut u8>(ts, layout::tstate::CFRAME);
        let traced = read::<u8>(cframe, layout::cframe::USE_TRACING) != 0
            && !read::<*mut c_void>(ts, layout::tstate::C_TRACEFUNC).is_null();
        if traced {
            // Entered with `throwflag`, the interpreter would report a spurious 'call' event
            // (it takes the frame for a resumed generator). With tracing hidden from its entry,
            // the 'exception' event it reports first turns tracing back on (the trace function
            // is called through PyThreadState_LeaveTracing, which recomputes `use_tracing`), so
            // the handler's 'line' events and the 'return' event are reported as in stock.
            write::<u8>(cframe, layout::cframe::USE_TRACING, 0);
        }
        cpython::_PyEval_EvalFrameDefault(tstate, frame, 1)
    }
}

/// Installs the hook. Fails if another PEP 523 user owns the interpreter.
pub fn enable(threshold: u64) -> Result<(), String> {
    let st = hook_state();
    // SAFETY: GIL held (called from a Python function).
    unsafe {
        let interp = cpython::PyInterpreterState_Get();
        let current = cpython::_PyInterpreterState_GetEvalFrameFunc(interp);
        let ours: cpython::EvalFrameFn = pyrite_eval_frame;
        let default: cpython::EvalFrameFn = cpython::_PyEval_EvalFrameDefault;
        match current {
            Some(f) if f as usize == ours as usize => {
                st.threshold = threshold;
                return Ok(());
            }
            Some(f) if f as usize == default as usize => {}
            None => {}
            Some(f) => {
                return Err(format!(
                    "another PEP 523 frame-evaluation hook is already installed (at {:#x}, e.g. a debugger or \
                     another JIT); pyrite stays off and the program runs interpreted",
                    f as usize
                ))
            }
        }
        if st.extra_index < 0 {
            let idx = cpython::_PyEval_RequestCodeExtraIndex(free_code_state);
            if idx < 0 {
                ffi::PyErr_Clear();
                return Err("no co_extra slot left for pyrite".into());
            }
            st.extra_index = idx;
        }
        st.threshold = threshold;
        st.enabled = true;
        cpython::_PyInterpreterState_SetEvalFrameFunc(interp, Some(ours));
    }
    Ok(())
}

/// Removes the hook if it is ours.
pub fn disable() {
    let st = hook_state();
    // SAFETY: GIL held.
    unsafe {
        let interp = cpython::PyInterpreterState_Get();
        let current = cpython::_PyInterpreterState_GetEvalFrameFunc(interp);
        let ours: cpython::EvalFrameFn = pyrite_eval_frame;
        if matches!(current, Some(f) if f as usize == ours as usize) {
            cpython::_PyInterpreterState_SetEvalFrameFunc(interp, Some(cpython::_PyEval_EvalFrameDefault));
        }
    }
    st.enabled = false;
}

pub fn is_enabled() -> bool {
    hook_state().enabled
}

/// Compilation status of a code object, for tests: "counting", "compiled" or "refused".
pub fn code_status(code: *mut PyObject) -> &'static str {
    let st = hook_state();
    if st.extra_index < 0 {
        return "counting";
    }
    // SAFETY: `code` is a live code object (checked by the caller).
    let state = unsafe { code_state(code as *mut u8, st.extra_index) };
    if state.is_null() {
        return "counting";
    }
    // SAFETY: non-NULL slots hold our CodeState.
    match unsafe { &(*state).status } {
        Status::Counting => "counting",
        Status::Compiled(_) => "compiled",
        Status::Refused => "refused",
    }
}
