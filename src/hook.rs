//! The PEP 523 frame-evaluation hook: decides, per call, whether a frame runs compiled code or
//! CPython's own interpreter, and owns the per-code state kept in `co_extra`.

use crate::codegen;
use crate::codemem::{CodeAlloc, CodeMemory};
use crate::cpython::{self, layout, read, write, Frame};
use crate::runtime::{AttrCache, GlobalCache};
use crate::profiling;
use crate::stats;
use pyo3::ffi::{self, PyObject, PyThreadState};
use std::os::raw::{c_int, c_void};
use std::ptr;
use std::time::Instant;

/// Signature of compiled code: `fn(frame, tstate) -> result`, where the result is a new
/// reference, NULL (an exception is set and the frame is ready for the interpreter to unwind it),
/// 1 (deopt: the frame is ready for the interpreter to continue it) or [`RESULT_UNWOUND`].
/// The third argument is `throwflag` (generator frames only: throw into the suspended frame).
pub type Entry = unsafe extern "C" fn(*mut Frame, *mut PyThreadState, c_int) -> *mut PyObject;

/// Result of compiled code: an exception propagates out of the frame, already unwound (traceback
/// entry added, stack popped); the frame returns NULL.
pub const RESULT_UNWOUND: usize = 2;

/// Compiled code attached to a code object. `entry` comes first: a call reads it with the
/// status's tag (see [`CodeState`]).
#[repr(C)]
pub struct Compiled {
    entry: Entry,
    alloc: CodeAlloc,
    /// Bytes of `alloc` before its cold code.
    hot_bytes: usize,
    /// Heap bytes of the tables below (`stats()["metadata_bytes"]`).
    metadata_bytes: usize,
    /// Fast entries (`codegen::entry`), one per number of arguments a call site passes, made
    /// at the first call site that wants each.
    fast_entries: Vec<FastEntryMade>,
    /// Inline caches; compiled code holds their addresses.
    _global_caches: Box<[GlobalCache]>,
    _attr_caches: Box<[AttrCache]>,
    _handlers: Box<[codegen::ExcHandler]>,
    _exits: Box<[codegen::ExitInfo]>,
    _data: Vec<Box<[u64]>>,
    _call_caches: Vec<Box<crate::runtime::PyCallCache>>,
}

impl Drop for Compiled {
    fn drop(&mut self) {
        code_memory().free(&self.alloc);
        stats::get().code_hot_bytes -= self.hot_bytes as u64;
        stats::get().metadata_bytes -= self.metadata_bytes as u64;
        for made in &self.fast_entries {
            if let Some(a) = &made.alloc {
                code_memory().free(a);
            }
        }
    }
}

/// A fast entry made for calls with `nargs` arguments (see `fast_entry_of`) of a function
/// with `ndefaults` defaults (`None`: there was no code memory for it).
struct FastEntryMade {
    nargs: usize,
    ndefaults: usize,
    alloc: Option<CodeAlloc>,
    /// The keyword-only parameters' defaults the entry reads (when callers pass none of them).
    _kwdefaults: Option<codegen::entry::KwDefaultsCache>,
}

#[repr(C, u8)]
enum Status {
    Counting,
    /// Compiled before the interpreter had quickened the code (a function with a loop, compiled
    /// at the loop threshold), so without type feedback: the next calls run in the interpreter,
    /// which quickens and specialises it, then the code is compiled again ([`tier_up`]).
    Early { compiled: Compiled, interpreted: u8 },
    Compiled(Compiled),
    Refused,
}

/// Pyrite's state for one code object, owned by its `co_extra` slot. Every call reads it: the
/// fields a call of compiled code reads (up to the status's tag and the code's entry) share
/// one cache line, as large programs call thousands of functions in turn.
#[repr(C, align(64))]
struct CodeState {
    calls: u64,
    /// Calls before compiling: the loop threshold if the code has a backward jump.
    threshold: u64,
    /// Machine code replaced by a recompilation while activations of it were still on the
    /// native stack (they return into it): freed once none is left.
    retired: Vec<Compiled>,
    /// Activations of [`Status::Early`] code running now (recursion, generators resumed).
    early_active: u32,
    /// Times a site compiled for unboxed floats gave another type ([`note_float_miss`]).
    float_misses: u32,
    status: Status,
    /// Loop headers entered by [`Status::Early`] code, counted by the code itself.
    early_loop_iterations: u64,
    /// Resumptions of this generator code run in the interpreter for feedback (see
    /// [`MAX_FEEDBACK_RESUMES`]).
    feedback_resumes: u32,
    /// Compile float arithmetic with unboxed results (`codegen::Options::unbox_floats`).
    unbox_floats: bool,
    /// Code replaced by a recompilation without unboxed floats: kept until the code object
    /// dies, as call sites' caches and running activations may still hold its addresses.
    superseded: Vec<Compiled>,
    /// Times a block compiled as an exit was entered ([`note_unexecuted`]). (Last: what a
    /// call reads stays in the first cache line.)
    unexecuted_exits: u32,
}

/// Misses of unboxed-float sites ([`note_float_miss`]) after which a function is compiled
/// again without unboxing: each one ends a compiled activation early.
const FLOAT_MISSES_BEFORE_RECOMPILE: u32 = 32;

/// A site of `code`'s compiled code that keeps float results unboxed gave another type (the
/// activation continues in the interpreter). After [`FLOAT_MISSES_BEFORE_RECOMPILE`] of them,
/// the next call compiles the code again without unboxed floats; the replaced code stays
/// alive ([`CodeState::superseded`]) and the call sites that cached its fast entries look
/// again (the code epoch moves on).
///
/// # Safety
/// GIL held; `code` is the live code object of a running compiled frame.
pub unsafe fn note_float_miss(code: *mut u8) {
    // SAFETY: as above; the state belongs to the live code object.
    unsafe {
        let Some(state) = code_state(code, hook_state().extra_index).as_mut() else { return };
        state.float_misses += 1;
        if state.float_misses < FLOAT_MISSES_BEFORE_RECOMPILE || !state.unbox_floats {
            return;
        }
        state.unbox_floats = false;
        stats::get().float_respecialisations += 1;
        state.recompile_at_next_call();
        // Early code is compiled again anyway, now without unboxing (`tier_up`).
    }
}

/// Entries into blocks compiled as exits ([`note_unexecuted`]) after which a function is
/// compiled again in full: each one ends a compiled activation early, and a few show that the
/// calls that profiled the function did not cover what the program does now.
const UNEXECUTED_EXITS_BEFORE_RECOMPILE: u32 = 4;

/// Calls a function has made in the interpreter, counting the 8 before quickening, before
/// blocks it did not run are left out of its compiled code (`codegen::unexecuted`): fewer
/// runs tell too little (`PYRITE_THRESHOLD` low, a recompilation at its next call).
const SKIP_UNEXECUTED_MIN_CALLS: u64 = 40;

/// `PYRITE_SKIP_UNEXECUTED=0`: compile every block, run or not.
fn skip_unexecuted_enabled() -> bool {
    static ENABLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("PYRITE_SKIP_UNEXECUTED").is_none_or(|v| v != "0"))
}

/// Compiled code of `code` entered a block compiled as an exit because the interpreter had not
/// run it (the activation continues in the interpreter). After
/// [`UNEXECUTED_EXITS_BEFORE_RECOMPILE`] of them the next call compiles the code again, in full
/// (too few calls have run since to skip anything); the replaced code stays alive
/// ([`CodeState::superseded`]) and call sites that cached its fast entries look again.
///
/// # Safety
/// GIL held; `code` is the live code object of a running compiled frame.
pub unsafe fn note_unexecuted(code: *mut u8) {
    // SAFETY: as above; the state belongs to the live code object.
    unsafe {
        let Some(state) = code_state(code, hook_state().extra_index).as_mut() else { return };
        state.unexecuted_exits += 1;
        if state.unexecuted_exits < UNEXECUTED_EXITS_BEFORE_RECOMPILE {
            return;
        }
        state.unexecuted_exits = 0;
        // (An activation of code already replaced may still get here: nothing more to do.)
        if state.recompile_at_next_call() {
            stats::get().unexecuted_recompilations += 1;
        }
    }
}

impl CodeState {
    /// Replaces `Status::Compiled` code by a compilation at the next call; false if the code
    /// is not in that state. The replaced code stays alive ([`CodeState::superseded`]) and the
    /// call sites that cached its fast entries look again (the code epoch moves on).
    ///
    /// # Safety
    /// GIL held (the code epoch is a global).
    unsafe fn recompile_at_next_call(&mut self) -> bool {
        if !matches!(self.status, Status::Compiled(_)) {
            return false;
        }
        if let Status::Compiled(c) = std::mem::replace(&mut self.status, Status::Counting) {
            self.superseded.push(c);
        }
        self.calls = 0;
        self.threshold = 1;
        // SAFETY: GIL held (the caller's contract).
        unsafe { CODE_EPOCH += 1 };
        true
    }

    fn options(&self) -> codegen::Options {
        let shared = shared_subroutines();
        codegen::Options {
            unbox_floats: self.unbox_floats,
            after_call_check: shared.after_call_check,
            load_attr_alternatives: shared.load_attr_alternatives,
            skip_unexecuted: false,
        }
    }
}

/// A function with a loop is compiled at its first call (the loop threshold), in case that
/// call loops for long. If the call entered its loops fewer times than this, it did not: the
/// early code is dropped and the function waits for the ordinary threshold, to be compiled
/// once, with type feedback. (Otherwise every function with a loop that runs once, at import
/// time mostly, would stay compiled: a web server's code memory doubled.)
const SHORT_FIRST_CALL: u64 = 100;

/// Calls of an [`Status::Early`] function run in the interpreter at most, waiting for it to
/// quicken the code, before it is compiled again with whatever feedback there is. A call that
/// loops quickens it (8 backward jumps): functions whose calls loop long pay one interpreted
/// call; those whose calls are short pay up to this many short ones.
const MAX_FEEDBACK_CALLS: u8 = 3;

/// Resumptions of an [`Status::Early`] generator (coroutine, async generator) run in the
/// interpreter at most once its feedback calls have begun: the call that creates a generator
/// runs none of its body, so the interpreter can only quicken and specialise the body while it
/// resumes it. Instructions specialise the first time they run once quickened, so a few
/// resumptions suffice; later ones run the early code until the next call compiles it again.
const MAX_FEEDBACK_RESUMES: u32 = 16;

struct HookState {
    enabled: bool,
    threshold: u64,
    loop_threshold: u64,
    extra_index: isize,
}

static mut HOOK: HookState = HookState { enabled: false, threshold: 0, loop_threshold: 0, extra_index: -1 };
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
    // SAFETY: called from compiled code or helpers, which run with the GIL held, so the
    // current thread state is set.
    unsafe { cpython::_PyThreadState_UncheckedGet() }
}

/// Deaths of code objects that had a fast entry (see `runtime::PyCallCache`).
static mut CODE_EPOCH: u64 = 1;

/// The current [`CODE_EPOCH`].
pub fn code_epoch() -> u64 {
    // SAFETY: GIL held.
    unsafe { CODE_EPOCH }
}

/// Address of [`CODE_EPOCH`], for compiled code.
pub fn code_epoch_addr() -> usize {
    ptr::addr_of_mut!(CODE_EPOCH) as usize
}

unsafe extern "C" fn free_code_state(p: *mut c_void) {
    if !p.is_null() {
        // SAFETY: as below; GIL held (code objects die under it).
        unsafe {
            let state = &*(p as *const CodeState);
            if matches!(&state.status, Status::Compiled(c) if !c.fast_entries.is_empty())
                || state.superseded.iter().any(|c| !c.fast_entries.is_empty())
            {
                CODE_EPOCH += 1;
            }
        }
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
/// Native stack kept free below a Python call (CPython's own C recursion needs room too).
const STACK_RED_ZONE: usize = 256 * 1024;
/// Size of each extra native stack segment.
const STACK_SEGMENT: usize = 4 * 1024 * 1024;

unsafe extern "C" fn pyrite_eval_frame(tstate: *mut PyThreadState, frame: *mut Frame, throwflag: c_int) -> *mut PyObject {
    // SAFETY: CPython calls the hook with a live thread state and frame, GIL held.
    unsafe {
        let owner = read::<u8>(frame, layout::frame::OWNER);
        if owner == layout::frame::OWNED_BY_GENERATOR {
            if is_deep(tstate) {
                return on_fresh_stack_if_low(tstate, frame, throwflag, resume_generator_frame);
            }
            return resume_generator_frame(tstate, frame, throwflag);
        }
        if throwflag != 0 || owner != layout::frame::OWNED_BY_THREAD {
            // Nothing to compile, and the interpreter nests exactly as it would without the
            // hook. Kept minimal: this is a tail call.
            return cpython::_PyEval_EvalFrameDefault(tstate, frame, throwflag);
        }
        if is_deep(tstate) {
            return on_fresh_stack_if_low(tstate, frame, 0, eval_frame);
        }
        eval_frame(tstate, frame, 0)
    }
}

type EvalFn = unsafe fn(*mut PyThreadState, *mut Frame, c_int) -> *mut PyObject;

/// Python recursion depth below which the native stack is not checked: each level costs a few
/// hundred bytes of native stack here, far from exhausting even a small thread stack.
const SHALLOW_DEPTH: i32 = 50;

/// True when the thread's Python recursion depth makes a native stack check worthwhile.
#[inline(always)]
unsafe fn is_deep(tstate: *mut PyThreadState) -> bool {
    // SAFETY: the current thread state.
    unsafe {
        let ts = tstate as *const u8;
        read::<i32>(ts, layout::tstate::RECURSION_LIMIT) - read::<i32>(ts, layout::tstate::RECURSION_REMAINING)
            > SHALLOW_DEPTH
    }
}

#[inline(never)]
unsafe fn on_fresh_stack_if_low(tstate: *mut PyThreadState, frame: *mut Frame, throwflag: c_int, eval: EvalFn) -> *mut PyObject {
    if stack_is_low() {
        // Each Python call nests a few native frames here; when the native stack runs low,
        // continue on a fresh segment so that only `sys.getrecursionlimit()` bounds recursion.
        // The fast entries' stack floor belongs to the segment being left, and on return to
        // the one being dropped: forget it both times.
        invalidate_stack_guard();
        // SAFETY: as for `pyrite_eval_frame`.
        let result = stacker::grow(STACK_SEGMENT, || unsafe { eval(tstate, frame, throwflag) });
        invalidate_stack_guard();
        return result;
    }
    // SAFETY: as for `pyrite_eval_frame`.
    unsafe { eval(tstate, frame, throwflag) }
}

/// A generator, coroutine or async generator resumed by `send`/`next`/`throw`/`close`: runs
/// its compiled code from the suspension point if it has any.
unsafe fn resume_generator_frame(tstate: *mut PyThreadState, frame: *mut Frame, throwflag: c_int) -> *mut PyObject {
    // SAFETY: arguments come straight from CPython (see `pyrite_eval_frame`).
    unsafe {
        let cframe = read::<*mut u8>(tstate as *const u8, layout::tstate::CFRAME);
        if read::<u8>(cframe, layout::cframe::USE_TRACING) == 0 {
            let code = read::<*mut u8>(frame, layout::frame::F_CODE);
            let state = code_state(code, hook_state().extra_index);
            match state.as_mut() {
                Some(CodeState { status: Status::Compiled(c), .. }) => return run_compiled(tstate, frame, c.entry, throwflag),
                Some(s @ CodeState { status: Status::Early { .. }, .. }) => {
                    if matches!(s.status, Status::Early { interpreted, .. } if interpreted > 0)
                        && s.feedback_resumes < MAX_FEEDBACK_RESUMES
                    {
                        // A feedback call created generators of this code: the interpreter
                        // quickens the body at the `RESUME` it runs next (see `eval_frame`).
                        s.feedback_resumes += 1;
                        stats::get().feedback_calls += 1;
                    } else {
                        return run_early(tstate, frame, s, throwflag);
                    }
                }
                _ => {}
            }
        }
        interpret(tstate, frame, throwflag)
    }
}

/// The machine code that resumes a suspended frame of `code` when compiled code may run it
/// directly, without `_PyEval_EvalFrame` and this hook in between (`SEND` or `FOR_ITER` to a
/// compiled generator, see `generators::prepare_resume`): the code is compiled in its final
/// tier, nothing traces, this hook is still the interpreter's evaluator, and the native stack
/// has room above this thread's floor. `None` otherwise; then the frame goes through the hook.
///
/// # Safety
/// GIL held on `tstate`'s thread; `code` a live code object.
pub unsafe fn direct_resume_entry(tstate: *mut PyThreadState, code: *mut u8) -> Option<Entry> {
    // SAFETY: the thread state and its interpreter are live (GIL held); `code` is live.
    unsafe {
        let ts = tstate as *const u8;
        let cframe = read::<*mut u8>(ts, layout::tstate::CFRAME);
        if read::<u8>(cframe, layout::cframe::USE_TRACING) != 0 {
            return None;
        }
        let interp = read::<*mut u8>(ts, layout::tstate::INTERP);
        if read::<usize>(interp, layout::interp::EVAL_FRAME) != eval_frame_fn() {
            return None;
        }
        if STACK_GUARD[0] != tstate as usize {
            refresh_stack_guard(tstate);
        }
        let here = 0u8;
        if (&here as *const u8 as usize) < STACK_GUARD[1] || STACK_GUARD[0] != tstate as usize {
            return None;
        }
        match code_state(code, hook_state().extra_index).as_ref() {
            Some(CodeState { status: Status::Compiled(c), .. }) => Some(c.entry),
            _ => None,
        }
    }
}

/// Whether a suspended generator frame may be entered directly, between [`link_resumed`] and
/// [`unlink_resumed`] (instead of through the hook): its globals and builtins are exact dicts
/// and the recursion limit is not reached (the generic path raises `RecursionError`).
///
/// # Safety
/// A live frame; GIL held.
pub unsafe fn can_link_resumed(tstate: *mut PyThreadState, frame: *mut Frame) -> bool {
    // SAFETY: a live frame and thread state.
    unsafe {
        ffi::PyDict_CheckExact(read::<*mut PyObject>(frame, layout::frame::F_GLOBALS)) != 0
            && ffi::PyDict_CheckExact(read::<*mut PyObject>(frame, layout::frame::F_BUILTINS)) != 0
            && read::<i32>(tstate as *const u8, layout::tstate::RECURSION_REMAINING) > 0
    }
}

/// What the hook does before running a resumed generator frame's entry (the caller has
/// prepared the frame as `gen_send_ex2` does): recursion accounting and the frame linked as
/// current.
///
/// # Safety
/// [`can_link_resumed`] held for the frame; GIL held.
pub unsafe fn link_resumed(tstate: *mut PyThreadState, frame: *mut Frame) {
    // SAFETY: as for `run_compiled_inline`; the recursion limit was checked.
    unsafe {
        let ts = tstate as *mut u8;
        let remaining = read::<i32>(ts, layout::tstate::RECURSION_REMAINING);
        write::<i32>(ts, layout::tstate::RECURSION_REMAINING, remaining - 1);
        link_frame(tstate, frame);
    }
}

/// The second half: unlinks the frame and turns the entry's `result` into what
/// `_PyEval_EvalFrame` returns (a deopt or an exception continued by the interpreter).
///
/// # Safety
/// After [`link_resumed`] and the entry's return for this frame; GIL held.
#[inline(always)]
pub unsafe fn unlink_resumed(tstate: *mut PyThreadState, frame: *mut Frame, result: *mut PyObject) -> *mut PyObject {
    // SAFETY: as for `run_compiled_inline`.
    unsafe {
        let ts = tstate as *mut u8;
        let cframe = read::<*mut u8>(ts, layout::tstate::CFRAME);
        write(cframe, layout::cframe::CURRENT_FRAME, read::<*mut Frame>(frame, layout::frame::PREVIOUS));
        let remaining = read::<i32>(ts, layout::tstate::RECURSION_REMAINING);
        write::<i32>(ts, layout::tstate::RECURSION_REMAINING, remaining + 1);
        finish_result(tstate, frame, result)
    }
}

/// `_PyFrame_Clear` for a finished generator frame, already unlinked (`previous` NULL) and
/// marked cleared by its generator.
///
/// # Safety
/// As stated; GIL held.
pub unsafe fn clear_generator_frame(frame: *mut Frame) {
    // SAFETY: the caller's guarantees are `clear_frame`'s.
    unsafe { clear_frame(frame as *mut u8) }
}

/// `[thread state, lowest stack pointer]`: the fast entries (`codegen::entry`) run while the
/// native stack pointer is above that floor, which keeps the red zone free, and only on that
/// thread's native stack segment; otherwise they take the generic path, which refreshes it.
static mut STACK_GUARD: [usize; 2] = [0, 0];

/// Address of [`STACK_GUARD`], for compiled code.
pub fn stack_guard_addr() -> usize {
    ptr::addr_of_mut!(STACK_GUARD) as usize
}

fn invalidate_stack_guard() {
    // SAFETY: GIL held.
    unsafe { STACK_GUARD[0] = 0 };
}

/// Sets [`STACK_GUARD`] for the calling thread's current stack segment.
fn refresh_stack_guard(tstate: *mut PyThreadState) {
    let here = 0u8;
    let sp = &here as *const u8 as usize;
    // SAFETY: GIL held.
    unsafe {
        STACK_GUARD = match stacker::remaining_stack() {
            Some(left) => [tstate as usize, (sp - left).saturating_add(STACK_RED_ZONE)],
            None => [0, 0],
        };
    }
}

/// True when the native stack has less than the red zone left (or its bounds are unknown).
fn stack_is_low() -> bool {
    stacker::remaining_stack().is_none_or(|left| left < STACK_RED_ZONE)
}

unsafe fn eval_frame(tstate: *mut PyThreadState, frame: *mut Frame, _throwflag: c_int) -> *mut PyObject {
    // SAFETY: arguments come straight from CPython (see `pyrite_eval_frame`).
    unsafe {
        let st = hook_state();
        let code = read::<*mut u8>(frame, layout::frame::F_CODE);
        let cframe = read::<*mut u8>(tstate as *const u8, layout::tstate::CFRAME);
        if read::<u8>(cframe, layout::cframe::USE_TRACING) != 0 {
            return interpret(tstate, frame, 0);
        }
        let mut state = code_state(code, st.extra_index);
        if state.is_null() {
            let threshold = if has_loop(code as *mut PyObject) { st.loop_threshold } else { st.threshold };
            let fresh = Box::into_raw(Box::new(CodeState {
                calls: 0,
                threshold: threshold.max(1),
                status: Status::Counting,
                retired: Vec::new(),
                early_active: 0,
                early_loop_iterations: 0,
                feedback_resumes: 0,
                unbox_floats: true,
                float_misses: 0,
                unexecuted_exits: 0,
                superseded: Vec::new(),
            }));
            if cpython::_PyCode_SetExtra(code as *mut PyObject, st.extra_index, fresh as *mut c_void) != 0 {
                drop(Box::from_raw(fresh));
                ffi::PyErr_Clear();
                return interpret(tstate, frame, 0);
            }
            state = fresh;
        }
        let state = &mut *state;
        state.calls = state.calls.saturating_add(1);
        match &mut state.status {
            Status::Counting if state.calls >= state.threshold => {
                // Compiled early (the loop threshold) and without feedback: tier up later.
                let early = state.threshold < st.threshold && !is_quickened(code as *mut PyObject);
                let counter = early.then(|| ptr::addr_of_mut!(state.early_loop_iterations));
                let mut options = state.options();
                // Not early code: the interpreter has not run it at all.
                options.skip_unexecuted =
                    !early && state.calls >= SKIP_UNEXECUTED_MIN_CALLS && skip_unexecuted_enabled();
                state.status = compile(code as *mut PyObject, counter, options);
                if early {
                    if let Status::Compiled(c) = std::mem::replace(&mut state.status, Status::Refused) {
                        state.status = Status::Early { compiled: c, interpreted: 0 };
                    }
                }
            }
            Status::Early { interpreted, .. } => {
                if *interpreted < MAX_FEEDBACK_CALLS && !(*interpreted > 0 && is_quickened(code as *mut PyObject)) {
                    *interpreted += 1;
                    stats::get().feedback_calls += 1;
                    quicken_at_next_resume(code);
                    return interpret(tstate, frame, 0);
                }
                tier_up(state, code as *mut PyObject);
            }
            _ => {}
        }
        if !state.retired.is_empty() && state.early_active == 0 {
            // No activation of the replaced code is left on the native stack.
            state.retired.clear();
        }
        match &state.status {
            Status::Compiled(c) => run_compiled(tstate, frame, c.entry, 0),
            Status::Early { .. } => run_early(tstate, frame, state, 0),
            _ => interpret(tstate, frame, 0),
        }
    }
}

/// Runs a frame in [`Status::Early`] code, counting the activation (see
/// [`CodeState::early_active`]).
unsafe fn run_early(tstate: *mut PyThreadState, frame: *mut Frame, state: *mut CodeState, throwflag: c_int) -> *mut PyObject {
    // SAFETY: `state` is the live CodeState of the frame's code (owned by the code object,
    // which the frame keeps alive); the status is Early. The entry stays valid while the
    // activation runs: a recompilation meanwhile keeps it in `retired`.
    unsafe {
        let Status::Early { compiled, .. } = &(*state).status else {
            return interpret(tstate, frame, throwflag);
        };
        let entry = compiled.entry;
        (*state).early_active += 1;
        let result = run_compiled(tstate, frame, entry, throwflag);
        (*state).early_active -= 1;
        let code = read::<*mut u8>(frame, layout::frame::F_CODE);
        // A generator's first call only creates it: its loops run in later resumptions.
        if (*state).early_active == 0 && read::<u32>(code, layout::code::CO_FLAGS) & GENERATOR_FLAGS == 0 {
            drop_if_short(&mut *state);
        }
        result
    }
}

/// After the first call of [`Status::Early`] code: drops the code if the call looped little
/// (see [`SHORT_FIRST_CALL`]). No activation of it may be running.
fn drop_if_short(state: &mut CodeState) {
    if matches!(state.status, Status::Early { .. }) && state.early_loop_iterations < SHORT_FIRST_CALL {
        // Frees the machine code: nothing refers to it (no activation, no fast entry: only
        // `Status::Compiled` code gets those).
        state.status = Status::Counting;
        state.threshold = hook_state().threshold.max(1);
        stats::get().early_code_dropped += 1;
    }
}

/// Compiles an [`Status::Early`] code object again, now that the interpreter has quickened it;
/// the early machine code is kept (see [`CodeState::retired`]). If the new compilation fails,
/// the early code stays in use.
fn tier_up(state: &mut CodeState, code: *mut PyObject) {
    let Status::Early { compiled, .. } = std::mem::replace(&mut state.status, Status::Refused) else {
        return;
    };
    match compile(code, None, state.options()) {
        Status::Compiled(fresh) => {
            stats::get().recompilations += 1;
            if state.early_active > 0 {
                state.retired.push(compiled);
            }
            state.status = Status::Compiled(fresh);
        }
        _ => state.status = Status::Compiled(compiled),
    }
}

/// Makes the interpreter quicken `code` at the `RESUME` it is about to run, if it has not yet:
/// a loop closed by a conditional backward jump (`while x is not None:`) does not count towards
/// quickening, so a function called rarely would otherwise give no feedback in its feedback
/// calls. (`co_warmup` counts up to 0 from a negative start; 0 means quickened.)
unsafe fn quicken_at_next_resume(code: *mut u8) {
    // SAFETY: a live code object (offset checked against the headers); GIL held.
    unsafe {
        if read::<i16>(code, layout::code::CO_WARMUP) < -1 {
            write::<i16>(code, layout::code::CO_WARMUP, -1);
        }
    }
}

/// True once the interpreter has quickened the code (its `RESUME` is `RESUME_QUICK`): its
/// adaptive instructions then specialise and their inline caches hold type feedback.
fn is_quickened(code: *mut PyObject) -> bool {
    use crate::cpython::opcode::*;
    let t = tables();
    // SAFETY: a live code object, kept alive by the frame being entered.
    let units = unsafe { cpython::code_units(code) };
    let mut i = 0;
    while i < units.len() {
        let quickened = (units[i] & 0xff) as u8;
        let op = t.deopt[quickened as usize];
        if op == RESUME {
            return quickened != RESUME;
        }
        i += 1 + t.caches[op as usize] as usize;
    }
    false
}

/// True if the code has a backward jump (a loop).
fn has_loop(code: *mut PyObject) -> bool {
    use crate::cpython::opcode::*;
    let t = tables();
    // SAFETY: a live code object, kept alive by the frame being entered.
    let units = unsafe { cpython::code_units(code) };
    let mut i = 0;
    while i < units.len() {
        let op = t.deopt[(units[i] & 0xff) as usize];
        if matches!(
            op,
            JUMP_BACKWARD | POP_JUMP_BACKWARD_IF_FALSE | POP_JUMP_BACKWARD_IF_TRUE | POP_JUMP_BACKWARD_IF_NONE
                | POP_JUMP_BACKWARD_IF_NOT_NONE
        ) {
            return true;
        }
        i += 1 + t.caches[op as usize] as usize;
    }
    false
}

/// Subroutines shared by all compiled code, installed at the first compilation and never
/// freed (compiled code may call them at any time); an address is 0 (the code is inlined at
/// each site instead) if there was no code memory for it or compiled code could not reach it
/// with `call rel32`.
#[derive(Clone, Copy)]
struct SharedSubroutines {
    after_call_check: usize,
    load_attr_alternatives: usize,
}

fn shared_subroutines() -> SharedSubroutines {
    static mut SHARED: Option<SharedSubroutines> = None;
    fn install(code: crate::codemem::MachineCode) -> usize {
        match code_memory().install(&code) {
            Some(alloc) if crate::codemem::call_reachable(alloc.addr as usize) => alloc.addr as usize,
            _ => 0,
        }
    }
    // SAFETY: GIL held (compilations are serialised by it).
    unsafe {
        *(&mut *ptr::addr_of_mut!(SHARED)).get_or_insert_with(|| SharedSubroutines {
            after_call_check: install(codegen::after_call_check_subroutine()),
            load_attr_alternatives: install(codegen::load_attr_alternatives_subroutine()),
        })
    }
}

unsafe fn interpret(tstate: *mut PyThreadState, frame: *mut Frame, throwflag: c_int) -> *mut PyObject {
    stats::get().interpreted_entries += 1;
    // SAFETY: forwarding CPython's own arguments to its default evaluator.
    unsafe { cpython::_PyEval_EvalFrameDefault(tstate, frame, throwflag) }
}

fn compile(code: *mut PyObject, loop_counter: Option<*mut u64>, options: codegen::Options) -> Status {
    let start = Instant::now();
    let result = codegen::compile(code, loop_counter, options);
    let s = stats::get();
    let status = match result {
        Ok(out) => match if loop_counter.is_some() {
            code_memory().install_transient(&out.machine_code)
        } else {
            code_memory().install(&out.machine_code)
        } {
            Some(alloc) => {
                s.functions_compiled += 1;
                s.bytecode_instructions_compiled += out.instructions as u64;
                s.unexecuted_blocks_skipped += out.unexecuted_blocks as u64;
                s.unexecuted_instructions_skipped += out.unexecuted_instructions as u64;
                s.code_hot_bytes += out.machine_code.hot_bytes as u64;
                let hot = out.machine_code.hot_bytes;
                profiling::dump(code, alloc.addr, alloc.len, hot);
                profiling::record(code, profiling::Part::Hot, alloc.addr as usize, hot);
                profiling::record(code, profiling::Part::Cold, alloc.addr as usize + hot, alloc.len - hot);
                // SAFETY: the bytes are a complete function with the `Entry` ABI (backend contract).
                let entry: Entry = unsafe { std::mem::transmute::<*const u8, Entry>(alloc.addr) };
                let metadata_bytes = out.metadata_bytes();
                s.metadata_bytes += metadata_bytes as u64;
                Status::Compiled(Compiled {
                    entry,
                    alloc,
                    hot_bytes: out.machine_code.hot_bytes,
                    metadata_bytes,
                    fast_entries: Vec::new(),
                    _global_caches: out.global_caches,
                    _attr_caches: out.attr_caches,
                    _handlers: out.handlers,
                    _exits: out.exits,
                    _data: out.data,
                    _call_caches: out.call_caches,
                })
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

unsafe fn run_compiled(tstate: *mut PyThreadState, frame: *mut Frame, entry: Entry, throwflag: c_int) -> *mut PyObject {
    // SAFETY: as for `run_compiled_inline`.
    unsafe { run_compiled_inline(tstate, frame, entry, throwflag) }
}

/// [`run_compiled`], inlined into the fast call path.
#[inline(always)]
unsafe fn run_compiled_inline(tstate: *mut PyThreadState, frame: *mut Frame, entry: Entry, throwflag: c_int) -> *mut PyObject {
    // SAFETY: a thread-owned frame at its first instruction or a suspended generator frame
    // (with `throwflag`, an exception is pending), GIL held.
    unsafe {
        // Compiled code reads globals and builtins as exact dicts (version-tagged caches).
        let globals = read::<*mut PyObject>(frame, layout::frame::F_GLOBALS);
        let builtins = read::<*mut PyObject>(frame, layout::frame::F_BUILTINS);
        if ffi::PyDict_CheckExact(globals) == 0 || ffi::PyDict_CheckExact(builtins) == 0 {
            return interpret(tstate, frame, throwflag);
        }
        // Recursion accounting exactly as `_PyEval_EvalFrameDefault` does on entry.
        let ts = tstate as *mut u8;
        let remaining = read::<i32>(ts, layout::tstate::RECURSION_REMAINING);
        write::<i32>(ts, layout::tstate::RECURSION_REMAINING, remaining - 1);
        if remaining <= 0 && cpython::_Py_CheckRecursiveCall(tstate, c"".as_ptr()) != 0 {
            // `_Py_CheckRecursiveCall` undid our decrement on failure.
            return ptr::null_mut();
        }
        link_frame(tstate, frame);
        let result = entry(frame, tstate, throwflag);
        unlink_resumed(tstate, frame, result)
    }
}

/// Links `frame` as the thread's current frame, sharing the caller's cframe.
#[inline(always)]
unsafe fn link_frame(tstate: *mut PyThreadState, frame: *mut Frame) {
    // SAFETY: a live frame about to run on this thread; GIL held.
    unsafe {
        let cframe = read::<*mut u8>(tstate as *const u8, layout::tstate::CFRAME);
        write(frame, layout::frame::PREVIOUS, read::<*mut Frame>(cframe, layout::cframe::CURRENT_FRAME));
        write(cframe, layout::cframe::CURRENT_FRAME, frame);
        stats::get().jit_entries += 1;
    }
}

/// What the hook returns for a compiled frame's `result` (see [`Entry`]), the frame unlinked.
#[inline(always)]
unsafe fn finish_result(tstate: *mut PyThreadState, frame: *mut Frame, result: *mut PyObject) -> *mut PyObject {
    // SAFETY: the frame was written back by compiled code (or holds its result); GIL held.
    unsafe {
        if result as usize > RESULT_UNWOUND {
            return result;
        }
        if result as usize == RESULT_UNWOUND {
            stats::get().unwound_in_jit += 1;
            return ptr::null_mut();
        }
        if result.is_null() {
            return unwind_in_interpreter(tstate, frame);
        }
        // Deopt: continue after `prev_instr`.
        cpython::_PyEval_EvalFrameDefault(tstate, frame, 0)
    }
}

/// Most parameters a call binds on the fast path (more go through `PyObject_Vectorcall`).
const MAX_FAST_PARAMS: usize = 16;

/// The fast path of a call from compiled code to a compiled Python function without `*args` or
/// `**kwargs` parameters: binds positional and keyword arguments and defaults, pushes and
/// initialises the callee's frame on the thread's data stack (as `_PyEval_Vector` would), runs
/// its machine code, then clears and pops the frame. `None` when the call does not qualify
/// (or would raise a binding error: the generic path then reports it as CPython does); the
/// caller then uses `PyObject_Vectorcall`.
///
/// The arguments whose bit is set in `steal` are references the caller hands over: on `Some`
/// they have moved into the callee's frame (as `CALL_PY_EXACT_ARGS` moves its stack items, so
/// `sys.getrefcount` in the callee reads as in stock CPython) and the caller must not release
/// them; on `None` nothing was taken.
///
/// # Safety
/// GIL held; `args` holds `nargs` live references, the last `len(kwnames)` of them keyword
/// arguments named by the `kwnames` tuple (or NULL).
#[inline(always)]
pub unsafe fn fast_call(
    tstate: *mut PyThreadState,
    func: *mut PyObject,
    args: *const *mut PyObject,
    nargs: usize,
    kwnames: *mut PyObject,
    steal: u64,
) -> Option<*mut PyObject> {
    // SAFETY: reads of live objects and of the current thread state, under the GIL.
    unsafe {
        if ffi::Py_TYPE(func) != std::ptr::addr_of_mut!(ffi::PyFunction_Type) {
            return None;
        }
        let f = func as *mut u8;
        let code = read::<*mut u8>(f, layout::func::FUNC_CODE);
        let flags = read::<u32>(code, layout::code::CO_FLAGS);
        const REQUIRED: u32 = layout::code::CO_OPTIMIZED | layout::code::CO_NEWLOCALS;
        const EXCLUDED: u32 = layout::code::CO_VARARGS | layout::code::CO_VARKEYWORDS;
        if flags & REQUIRED != REQUIRED || flags & EXCLUDED != 0 {
            return None;
        }
        // A generator function's call only builds the generator: done here, without running
        // its code, once the code is compiled (before, the hook must see the call to count it)
        // and when `RETURN_GENERATOR` is its first instruction, or follows `COPY_FREE_VARS`
        // (a generator expression's closure), which is then done here too.
        let generator = flags & GENERATOR_FLAGS != 0;
        let prologue = if generator {
            match generator_prologue(code) {
                Some(p) => p,
                None => return None,
            }
        } else {
            GeneratorPrologue { return_generator_unit: 0, free_vars: 0 }
        };
        let argcount = read::<i32>(code, layout::code::CO_ARGCOUNT) as usize;
        let kwonly = read::<i32>(code, layout::code::CO_KWONLYARGCOUNT) as usize;
        let nkw = if kwnames.is_null() { 0 } else { ffi::PyTuple_GET_SIZE(kwnames) as usize };
        let npos = nargs - nkw;
        let nparams = argcount + kwonly;
        let exact = nkw == 0 && npos == argcount && kwonly == 0;
        if !exact && (npos > argcount || nparams > MAX_FAST_PARAMS) {
            return None;
        }
        let state = code_state(code, hook_state().extra_index);
        // Not compiled (yet): the frame is pushed all the same and the hook decides (counts the
        // call, compiles, or interprets), as the interpreter's inlined calls do.
        let entry = match state.as_mut() {
            Some(CodeState { status: Status::Compiled(c), calls, .. }) => {
                *calls = calls.saturating_add(1);
                Some(c.entry)
            }
            _ if generator => return None,
            _ => None,
        };
        // Filled only when binding is needed (zeroing it costs as much as the exact path).
        let mut bound = std::mem::MaybeUninit::<[*mut PyObject; MAX_FAST_PARAMS]>::uninit();
        let (params, steal_params): (*const *mut PyObject, u64) = if exact {
            (args, steal)
        } else {
            let slots = bound.as_mut_ptr() as *mut *mut PyObject;
            for i in 0..nparams {
                slots.add(i).write(ptr::null_mut());
            }
            let stolen = bind_arguments(func, code, args, npos, kwnames, steal, std::slice::from_raw_parts_mut(slots, nparams))?;
            (slots as *const *mut PyObject, stolen)
        };
        let ts = tstate as *mut u8;
        let cframe = read::<*mut u8>(ts, layout::tstate::CFRAME);
        if read::<u8>(cframe, layout::cframe::USE_TRACING) != 0 || (is_deep(tstate) && stack_is_low()) {
            return None;
        }
        // Another PEP 523 hook installed after ours (a debugger's frame evaluator) must see
        // every frame: CPython, too, inlines calls only under the default evaluator.
        let interp = read::<*mut u8>(ts, layout::tstate::INTERP);
        let ours: cpython::EvalFrameFn = pyrite_eval_frame;
        if read::<usize>(interp, layout::interp::EVAL_FRAME) != ours as usize {
            return None;
        }
        let nlocalsplus = read::<i32>(code, layout::code::CO_NLOCALSPLUS) as usize;
        let words = nlocalsplus + read::<i32>(code, layout::code::CO_STACKSIZE) as usize + layout::FRAME_SPECIALS_SIZE;
        let top = read::<*mut *mut PyObject>(ts, layout::tstate::DATASTACK_TOP);
        let limit = read::<*mut *mut PyObject>(ts, layout::tstate::DATASTACK_LIMIT);
        if top.is_null() || (limit as usize - top as usize) / 8 < words {
            // A new data-stack chunk is needed: leave that to CPython.
            return None;
        }
        write(ts, layout::tstate::DATASTACK_TOP, top.add(words));
        let frame = top as *mut u8;
        // `_PyFrame_InitializeSpecials`: the frame owns a reference to the function and code.
        ffi::Py_INCREF(func);
        ffi::Py_INCREF(code as *mut PyObject);
        write(frame, layout::frame::F_FUNC, func);
        write(frame, layout::frame::F_GLOBALS, read::<*mut PyObject>(f, layout::func::FUNC_GLOBALS));
        write(frame, layout::frame::F_BUILTINS, read::<*mut PyObject>(f, layout::func::FUNC_BUILTINS));
        write(frame, layout::frame::F_LOCALS, ptr::null_mut::<PyObject>());
        write(frame, layout::frame::F_CODE, code);
        write(frame, layout::frame::FRAME_OBJ, ptr::null_mut::<PyObject>());
        write(frame, layout::frame::PREV_INSTR, code.offset(layout::code::CO_CODE_ADAPTIVE as isize - 2));
        write::<i32>(frame, layout::frame::STACKTOP, nlocalsplus as i32);
        write::<u8>(frame, layout::frame::IS_ENTRY, 0);
        write::<u8>(frame, layout::frame::OWNER, layout::frame::OWNED_BY_THREAD);
        let locals = frame.offset(layout::frame::LOCALSPLUS as isize) as *mut *mut PyObject;
        for i in 0..nparams {
            let a = *params.add(i);
            if steal_params & (1u64 << i) == 0 {
                ffi::Py_INCREF(a);
            }
            *locals.add(i) = a;
        }
        for i in nparams..nlocalsplus {
            *locals.add(i) = ptr::null_mut();
        }
        let mut result = ptr::null_mut();
        let mut built = false;
        // At the recursion limit the interpreter's frame entry raises: leave that to it.
        if generator && read::<i32>(ts, layout::tstate::RECURSION_REMAINING) > 0 {
            // `COPY_FREE_VARS n`: the closure's cells into the last `n` slots, each slot owning
            // a new reference (the frame releases them, or the generator's copy of it does).
            let free_at = nlocalsplus - prologue.free_vars;
            if prologue.free_vars > 0 {
                // The code has free variables, so the function has a closure of that length.
                let closure = read::<*mut PyObject>(f, layout::func::FUNC_CLOSURE);
                for i in 0..prologue.free_vars {
                    let cell = ffi::PyTuple_GET_ITEM(closure, i as isize);
                    ffi::Py_INCREF(cell);
                    *locals.add(free_at + i) = cell;
                }
            }
            // Then `RETURN_GENERATOR`, as compiled code would run it.
            let code_base = code.offset(layout::code::CO_CODE_ADAPTIVE as isize);
            write(frame, layout::frame::PREV_INSTR, code_base.add(2 * prologue.return_generator_unit));
            result = crate::generators::return_generator(tstate, frame as *mut Frame);
            if result.is_null() {
                // No memory for the object: the frame is untouched; running the code raises
                // the same error with the generator function's traceback entry.
                ffi::PyErr_Clear();
                result = crate::runtime::DEOPT;
            }
            // DEOPT: a case it leaves to the code (coroutine origin tracking), with the frame
            // untouched: undone, the frame runs as any call below.
            built = result != crate::runtime::DEOPT;
            if built {
                stats::get().generator_direct_creations += 1;
            } else {
                for i in free_at..nlocalsplus {
                    let cell = std::mem::replace(&mut *locals.add(i), ptr::null_mut());
                    ffi::Py_XDECREF(cell);
                }
                write(frame, layout::frame::PREV_INSTR, code_base.offset(-2));
            }
        }
        if !built {
            result = match entry {
                Some(entry) => run_compiled_inline(tstate, frame, entry, 0),
                None => pyrite_eval_frame(tstate, frame, 0),
            };
        }
        if read::<*mut PyObject>(frame, layout::frame::FRAME_OBJ).is_null() {
            // The common case of `clear_frame`: no frame object outlives the call.
            release_frame_contents(frame);
        } else {
            clear_frame(frame);
        }
        write(ts, layout::tstate::DATASTACK_TOP, top);
        Some(result)
    }
}

/// What a generator function's code does before `RETURN_GENERATOR`.
struct GeneratorPrologue {
    /// Code unit of the `RETURN_GENERATOR`.
    return_generator_unit: usize,
    /// Closure cells copied by a `COPY_FREE_VARS` before it (0: none).
    free_vars: usize,
}

/// The prologue of a generator function's code if it is only `[COPY_FREE_VARS n]
/// RETURN_GENERATOR` (no cells to make, as `MAKE_CELL` would).
unsafe fn generator_prologue(code: *mut u8) -> Option<GeneratorPrologue> {
    use crate::cpython::opcode::{tables, COPY_FREE_VARS, RETURN_GENERATOR};
    // SAFETY: a live code object; a generator's code has at least `RETURN_GENERATOR`.
    let units = unsafe { cpython::code_units(code as *mut PyObject) };
    let op = |i: usize| units.get(i).map(|u| tables().deopt[(u & 0xff) as usize]);
    match op(0)? {
        RETURN_GENERATOR => Some(GeneratorPrologue { return_generator_unit: 0, free_vars: 0 }),
        COPY_FREE_VARS if op(1)? == RETURN_GENERATOR => {
            Some(GeneratorPrologue { return_generator_unit: 1, free_vars: (units[0] >> 8) as usize })
        }
        _ => None,
    }
}

/// Address of the hook function (compiled code compares the interpreter's evaluator with it).
pub fn eval_frame_fn() -> usize {
    let ours: cpython::EvalFrameFn = pyrite_eval_frame;
    ours as usize
}

/// Whether a function called with some number of arguments has a fast entry.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FastEntryOf {
    /// The entry's address: valid while the function's code lives (a [`Status::Compiled`]
    /// code replaced by a recompilation is kept: [`CodeState::superseded`]).
    Ready(usize),
    /// Not compiled (yet), or compiled early without feedback: ask again later.
    NotYet,
    /// Never, for this code and argument count: the call needs binding beyond arguments in
    /// parameter order and defaults (`*args`, `**kwargs`, some keyword-only parameters passed
    /// and others not), passes too many or too few arguments, or the code is a generator's, or
    /// the callable is no plain function.
    Never,
}

/// The fast entry (`codegen::entry`) of `func` called with `nargs` arguments, made now if
/// needed: positional ones, or with `keywords_cover_kwonly`, the call site's keywords having
/// been checked to name the parameters after the positional arguments in order
/// (`runtime::keywords_follow_positionals`), possibly every keyword-only one.
///
/// # Safety
/// GIL held; `func` is a live object.
pub unsafe fn fast_entry_of(func: *mut PyObject, nargs: usize, keywords_cover_kwonly: bool) -> FastEntryOf {
    // SAFETY: reads of live objects under the GIL.
    unsafe {
        if ffi::Py_TYPE(func) != ptr::addr_of_mut!(ffi::PyFunction_Type)
            || read::<usize>(func as *const u8, layout::func::FUNC_VECTORCALL) != cpython::_PyFunction_Vectorcall as usize
        {
            return FastEntryOf::Never;
        }
        let code = read::<*mut u8>(func as *const u8, layout::func::FUNC_CODE);
        let flags = read::<u32>(code, layout::code::CO_FLAGS);
        const REQUIRED: u32 = layout::code::CO_OPTIMIZED | layout::code::CO_NEWLOCALS;
        const EXCLUDED: u32 = GENERATOR_FLAGS | layout::code::CO_VARARGS | layout::code::CO_VARKEYWORDS;
        let argcount = read::<i32>(code, layout::code::CO_ARGCOUNT) as usize;
        let kwonly = read::<i32>(code, layout::code::CO_KWONLYARGCOUNT) as usize;
        // Positional parameters after the first `nargs` come from the defaults. Keyword-only
        // parameters are all passed (by the site's keywords), or none is and they take their
        // defaults from a cache of `__kwdefaults__` the entry checks.
        let defaults = read::<*mut PyObject>(func as *const u8, layout::func::FUNC_DEFAULTS);
        let ndefaults = if defaults.is_null() { 0 } else { ffi::PyTuple_GET_SIZE(defaults) as usize };
        let binds = nargs <= argcount || (keywords_cover_kwonly && kwonly > 0 && nargs == argcount + kwonly);
        if flags & REQUIRED != REQUIRED || flags & EXCLUDED != 0 || !binds || nargs + ndefaults < argcount {
            return FastEntryOf::Never;
        }
        let Some(state) = code_state(code, hook_state().extra_index).as_mut() else {
            return FastEntryOf::NotYet;
        };
        let calls = ptr::addr_of_mut!(state.calls);
        let Status::Compiled(c) = &mut state.status else {
            return if matches!(state.status, Status::Refused) { FastEntryOf::Never } else { FastEntryOf::NotYet };
        };
        // Functions sharing the code may differ in their number of defaults; the entry checks it.
        let ndefaults = if nargs >= argcount { 0 } else { ndefaults };
        let made = match c.fast_entries.iter().position(|m| m.nargs == nargs && m.ndefaults == ndefaults) {
            Some(i) => &c.fast_entries[i],
            None => {
                let kwdefaults = (kwonly > 0 && nargs <= argcount).then(|| codegen::entry::KwDefaultsCache::new(kwonly));
                let bytes = codegen::entry::fast_entry(&codegen::entry::FastEntry {
                    code: code as *mut PyObject,
                    body: c.entry as usize,
                    nargs,
                    ndefaults,
                    // The call count only matters until the code counts as warm.
                    counters: if *calls > QUICKENING_WARMUP_DELAY {
                        vec![ptr::addr_of_mut!(stats::get().jit_entries)]
                    } else {
                        vec![ptr::addr_of_mut!(stats::get().jit_entries), calls]
                    },
                    kwdefaults: kwdefaults.as_ref().map_or(ptr::null(), |k| k.words()),
                });
                let alloc = code_memory().install(&bytes);
                if let Some(a) = &alloc {
                    stats::get().fast_entries += 1;
                    profiling::record(code as *mut PyObject, profiling::Part::FastEntry(nargs), a.addr as usize, a.len);
                }
                c.fast_entries.push(FastEntryMade { nargs, ndefaults, alloc, _kwdefaults: kwdefaults });
                c.fast_entries.last().unwrap()
            }
        };
        match &made.alloc {
            Some(a) => FastEntryOf::Ready(a.addr as usize),
            None => FastEntryOf::Never,
        }
    }
}

/// A fast entry's generic path, when its checks fail (tracing, another evaluator, the recursion
/// limit, the native or data stack, non-dict globals): calls `func` with `args` as
/// `PyObject_Vectorcall` would, then releases the `nargs` argument references it was given.
///
/// # Safety
/// Called by a fast entry's machine code with its own arguments: GIL held on `tstate`'s thread,
/// `args` holding `nargs` owned references, `kwdefaults` null or the entry's cache.
pub unsafe extern "C" fn fast_entry_fallback(
    func: *mut PyObject,
    args: *const *mut PyObject,
    nargs: usize,
    tstate: *mut PyThreadState,
    kwdefaults: *mut u64,
) -> *mut PyObject {
    // SAFETY: `args` holds `nargs` owned references; GIL held on `tstate`'s thread;
    // `kwdefaults` is null or the entry's cache of `1 + co_kwonlyargcount` words.
    unsafe {
        if STACK_GUARD[0] != tstate as usize {
            refresh_stack_guard(tstate);
        }
        if !kwdefaults.is_null() {
            cache_kwdefaults(func, kwdefaults);
        }
        // Arguments past the positional parameters are the keyword-only ones, in order
        // (`fast_entry_of`): passed by their names.
        let code = read::<*mut u8>(func as *const u8, layout::func::FUNC_CODE);
        let argcount = read::<i32>(code, layout::code::CO_ARGCOUNT) as usize;
        let result = if nargs > argcount {
            let names = read::<*mut PyObject>(code, layout::code::CO_LOCALSPLUSNAMES);
            let kwnames = ffi::PyTuple_GetSlice(names, argcount as isize, nargs as isize);
            if kwnames.is_null() {
                ptr::null_mut()
            } else {
                let r = cpython::_PyFunction_Vectorcall(func, args, argcount, kwnames);
                ffi::Py_DECREF(kwnames);
                r
            }
        } else {
            cpython::_PyFunction_Vectorcall(func, args, nargs, ptr::null_mut())
        };
        for i in 0..nargs {
            ffi::Py_DECREF(*args.add(i));
        }
        result
    }
}

/// Fills a fast entry's cache of `func.__kwdefaults__` (see `codegen::entry::KwDefaultsCache`)
/// when the dict has a value for every keyword-only parameter; otherwise leaves it as it is
/// (the entry keeps taking the generic path, which reports a missing argument).
unsafe fn cache_kwdefaults(func: *mut PyObject, words: *mut u64) {
    // SAFETY: `words` has `1 + co_kwonlyargcount` words; GIL held.
    unsafe {
        let dict = read::<*mut PyObject>(func as *const u8, layout::func::FUNC_KWDEFAULTS);
        if dict.is_null() || ffi::PyDict_CheckExact(dict) == 0 {
            return;
        }
        let code = read::<*mut u8>(func as *const u8, layout::func::FUNC_CODE);
        let argcount = read::<i32>(code, layout::code::CO_ARGCOUNT) as usize;
        let kwonly = read::<i32>(code, layout::code::CO_KWONLYARGCOUNT) as usize;
        let names = read::<*mut PyObject>(code, layout::code::CO_LOCALSPLUSNAMES);
        let version = read::<u64>(dict as *const u8, layout::dict::MA_VERSION_TAG);
        let mut values = Vec::with_capacity(kwonly);
        for j in 0..kwonly {
            let v = ffi::PyDict_GetItemWithError(dict, ffi::PyTuple_GET_ITEM(names, (argcount + j) as isize));
            if v.is_null() {
                ffi::PyErr_Clear();
                return;
            }
            values.push(v);
        }
        // A key's `__eq__` may have changed the dict during the lookups: cache a clean state only.
        if version == 0 || read::<u64>(dict as *const u8, layout::dict::MA_VERSION_TAG) != version {
            return;
        }
        for (j, v) in values.into_iter().enumerate() {
            *words.add(1 + j) = v as u64;
        }
        *words = version;
    }
}

/// The end of a fast entry's call when it is not a plain return (see [`run_compiled_inline`]
/// for `result`), or a frame object outlives the frame: finishes the frame's code if needed,
/// then clears it. The frame is already unlinked; the caller pops it.
///
/// # Safety
/// Called by a fast entry's machine code: GIL held, `frame` its thread-owned frame.
pub unsafe extern "C" fn finish_fast_frame(tstate: *mut PyThreadState, frame: *mut Frame, result: *mut PyObject) -> *mut PyObject {
    // SAFETY: `frame` is the fast entry's thread-owned frame, unlinked after its code returned.
    unsafe {
        let result = if result as usize > RESULT_UNWOUND {
            result
        } else if result as usize == RESULT_UNWOUND {
            stats::get().unwound_in_jit += 1;
            ptr::null_mut()
        } else if result.is_null() {
            unwind_in_interpreter(tstate, frame)
        } else {
            cpython::_PyEval_EvalFrameDefault(tstate, frame, 0)
        };
        clear_frame(frame);
        result
    }
}

/// Binds `npos` positional arguments, keyword arguments named by `kwnames` and defaults to the
/// `argcount + kwonlyargcount` parameters of `code` in `bound` (borrowed references, as
/// `initialize_locals` would place them); returns which parameters got a stolen argument. `None` if any parameter stays unbound or a keyword
/// does not name exactly one free parameter: the generic path raises the `TypeError`.
unsafe fn bind_arguments(
    func: *mut PyObject,
    code: *mut u8,
    args: *const *mut PyObject,
    npos: usize,
    kwnames: *mut PyObject,
    steal: u64,
    bound: &mut [*mut PyObject],
) -> Option<u64> {
    // SAFETY: live function and code objects; `args` holds `npos + len(kwnames)` references;
    // `bound` has one (NULL) slot per parameter.
    unsafe {
        let argcount = read::<i32>(code, layout::code::CO_ARGCOUNT) as usize;
        let posonly = read::<i32>(code, layout::code::CO_POSONLYARGCOUNT) as usize;
        let nparams = bound.len();
        let names = read::<*mut PyObject>(code, layout::code::CO_LOCALSPLUSNAMES);
        bound[..npos].copy_from_slice(std::slice::from_raw_parts(args, npos));
        // Parameters bound to a stolen argument (the rest get new references).
        let mut stolen = steal & ((1u64 << npos) - 1);
        if !kwnames.is_null() {
            for k in 0..ffi::PyTuple_GET_SIZE(kwnames) as usize {
                let name = ffi::PyTuple_GET_ITEM(kwnames, k as isize);
                // Parameter and keyword names are interned strs: identity almost always.
                let j = (posonly..nparams)
                    .find(|&j| ffi::PyTuple_GET_ITEM(names, j as isize) == name)
                    .or_else(|| {
                        (posonly..nparams).find(|&j| ffi::PyUnicode_Compare(ffi::PyTuple_GET_ITEM(names, j as isize), name) == 0)
                    })?;
                if !bound[j].is_null() {
                    return None;
                }
                bound[j] = *args.add(npos + k);
                if steal & (1u64 << (npos + k)) != 0 {
                    stolen |= 1u64 << j;
                }
            }
        }
        let defaults = read::<*mut PyObject>(func as *const u8, layout::func::FUNC_DEFAULTS);
        let ndefaults = if defaults.is_null() { 0 } else { ffi::PyTuple_GET_SIZE(defaults) as usize };
        for (i, slot) in bound.iter_mut().enumerate().take(argcount).skip(npos) {
            if slot.is_null() {
                if i + ndefaults < argcount {
                    return None;
                }
                *slot = ffi::PyTuple_GET_ITEM(defaults, (i + ndefaults - argcount) as isize);
            }
        }
        let kwdefaults = read::<*mut PyObject>(func as *const u8, layout::func::FUNC_KWDEFAULTS);
        for (i, slot) in bound.iter_mut().enumerate().take(nparams).skip(argcount) {
            if slot.is_null() {
                // Only a dict whose keys are all strs: the lookup then runs no Python code.
                if kwdefaults.is_null()
                    || ffi::PyDict_CheckExact(kwdefaults) == 0
                    || read::<u8>(read::<*mut u8>(kwdefaults as *const u8, layout::dict::MA_KEYS), layout::types::DK_KIND)
                        != layout::types::DICT_KEYS_UNICODE
                {
                    return None;
                }
                let v = ffi::PyDict_GetItemWithError(kwdefaults, ffi::PyTuple_GET_ITEM(names, i as isize));
                if v.is_null() {
                    ffi::PyErr_Clear();
                    return None;
                }
                *slot = v;
            }
        }
        Some(stolen)
    }
}

/// `_PyFrame_Clear` for a thread-owned frame that is no longer current: releases what the frame
/// owns, or hands the frame to its frame object when one outlives the call.
unsafe fn clear_frame(frame: *mut u8) {
    // SAFETY: `frame` is a finished, unlinked thread-owned frame (GIL held).
    unsafe {
        let fobj = read::<*mut PyObject>(frame, layout::frame::FRAME_OBJ);
        if !fobj.is_null() {
            write(frame, layout::frame::FRAME_OBJ, ptr::null_mut::<PyObject>());
            if ffi::Py_REFCNT(fobj) > 1 {
                take_ownership(fobj, frame);
                ffi::Py_DECREF(fobj);
                return;
            }
            ffi::Py_DECREF(fobj);
        }
        release_frame_contents(frame);
    }
}

/// Releases what a finished frame without a frame object owns: its locals and stack up to
/// `stacktop`, its `f_locals` (`locals()` gives an optimized frame one), function and code.
#[inline(always)]
unsafe fn release_frame_contents(frame: *mut u8) {
    // SAFETY: `frame` is a finished, unlinked thread-owned frame (GIL held).
    unsafe {
        let stacktop = read::<i32>(frame, layout::frame::STACKTOP).max(0) as usize;
        let locals = frame.offset(layout::frame::LOCALSPLUS as isize) as *mut *mut PyObject;
        for i in 0..stacktop {
            let o = *locals.add(i);
            if !o.is_null() {
                ffi::Py_DECREF(o);
            }
        }
        let f_locals = read::<*mut PyObject>(frame, layout::frame::F_LOCALS);
        if !f_locals.is_null() {
            ffi::Py_DECREF(f_locals);
        }
        ffi::Py_DECREF(read::<*mut PyObject>(frame, layout::frame::F_FUNC));
        ffi::Py_DECREF(read::<*mut PyObject>(frame, layout::frame::F_CODE));
    }
}

/// Copies a dying frame into its frame object (CPython's `take_ownership`), so that the frame
/// object (kept by a traceback, `sys._getframe()`, …) stays valid, and links its `f_back`.
unsafe fn take_ownership(fobj: *mut PyObject, frame: *mut u8) {
    // SAFETY: `fobj` is the frame object of `frame`, with room for the whole frame in
    // `_f_frame_data` (it was sized from the same code object).
    unsafe {
        let stacktop = read::<i32>(frame, layout::frame::STACKTOP).max(0) as usize;
        let size = layout::frame::LOCALSPLUS as usize + 8 * stacktop;
        let fo = fobj as *mut u8;
        let copy = fo.offset(layout::frame_object::F_FRAME_DATA as isize);
        ptr::copy_nonoverlapping(frame, copy, size);
        write(fo, layout::frame_object::F_FRAME, copy);
        write::<u8>(copy, layout::frame::OWNER, layout::frame_object::OWNED_BY_FRAME_OBJECT);
        let code = read::<*mut u8>(copy, layout::frame::F_CODE);
        let first_traceable = read::<i32>(code, layout::code::CO_FIRSTTRACEABLE) as isize;
        let code_start = code.offset(layout::code::CO_CODE_ADAPTIVE as isize);
        if read::<*mut u8>(copy, layout::frame::PREV_INSTR) < code_start.offset(2 * first_traceable) {
            write(copy, layout::frame::PREV_INSTR, code_start.offset(2 * first_traceable));
        }
        if !read::<*mut u8>(copy, layout::frame::PREVIOUS).is_null() {
            // The frame is already unlinked: the current frame is its caller, and
            // PyEval_GetFrame() skips incomplete frames just as take_ownership does.
            let mut t = ptr::null_mut();
            let mut v = ptr::null_mut();
            let mut tb = ptr::null_mut();
            ffi::PyErr_Fetch(&mut t, &mut v, &mut tb);
            let back = cpython::PyEval_GetFrame();
            if back.is_null() {
                ffi::PyErr_Clear();
            } else {
                ffi::Py_INCREF(back);
                write(fo, layout::frame_object::F_BACK, back);
            }
            ffi::PyErr_Restore(t, v, tb);
            write(copy, layout::frame::PREVIOUS, ptr::null_mut::<u8>());
        }
        if cpython::PyObject_GC_IsTracked(fobj) == 0 {
            cpython::PyObject_GC_Track(fobj as *mut c_void);
        }
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
pub fn enable(threshold: u64, loop_threshold: u64) -> Result<(), String> {
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
                st.loop_threshold = loop_threshold;
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
        // Placed before the first compilation, so that all code can call helpers near it. A
        // failure shows later, as functions refused for want of code memory.
        let _ = code_memory().reserve();
        st.threshold = threshold;
        st.loop_threshold = loop_threshold;
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

/// True while our hook is the interpreter's frame evaluator (another PEP 523 user may have
/// replaced it since `enable()`).
pub fn is_enabled() -> bool {
    let ours: cpython::EvalFrameFn = pyrite_eval_frame;
    // SAFETY: GIL held (called from Python); reads the current interpreter's hook.
    let current = unsafe { cpython::_PyInterpreterState_GetEvalFrameFunc(cpython::PyInterpreterState_Get()) };
    hook_state().enabled && matches!(current, Some(f) if f as usize == ours as usize)
}

/// Calls after which the interpreter would have quickened a code object's bytecode
/// (`QUICKENING_WARMUP_DELAY`), so that its adaptive instructions specialise.
const QUICKENING_WARMUP_DELAY: u64 = 8;

/// True if the interpreter would have warmed up (quickened) `code` by now, judged by the calls
/// Pyrite counted or by the loop iterations its early code counted (a generator, or a function
/// called once that loops, is compiled at the loop threshold before the interpreter quickens
/// it; the loop back-edges of its final code, which warm code up in the interpreter too, are
/// not counted).
///
/// # Safety
/// GIL held; `code` is a live code object.
pub unsafe fn code_is_warm(code: *mut u8) -> bool {
    let st = hook_state();
    if st.extra_index < 0 {
        return false;
    }
    // SAFETY: as documented; non-NULL slots hold our CodeState.
    unsafe {
        code_state(code, st.extra_index).as_ref().is_some_and(|s| {
            s.calls > QUICKENING_WARMUP_DELAY || s.early_loop_iterations > QUICKENING_WARMUP_DELAY
        })
    }
}

/// Address and bytes of the machine code a code object runs now, if compiled.
pub fn machine_code(code: *mut PyObject) -> Option<(usize, &'static [u8])> {
    let st = hook_state();
    if st.extra_index < 0 {
        return None;
    }
    // SAFETY: `code` is a live code object; non-NULL slots hold our CodeState, whose code
    // lives as long as the code object (the caller holds it).
    unsafe {
        let state = code_state(code as *mut u8, st.extra_index).as_ref()?;
        match &state.status {
            Status::Compiled(c) | Status::Early { compiled: c, .. } => {
                Some((c.alloc.addr as usize, std::slice::from_raw_parts(c.alloc.addr, c.alloc.len)))
            }
            _ => None,
        }
    }
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
        Status::Compiled(_) | Status::Early { .. } => "compiled",
        Status::Refused => "refused",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_reads_one_cache_line_of_code_state() {
        // The tag and the entry of `Status::Compiled` (and of `Status::Early`) come first.
        let entry_end = std::mem::offset_of!(CodeState, status) + 8 + std::mem::size_of::<Entry>();
        assert!(entry_end <= 64, "{entry_end}");
        assert!(std::mem::offset_of!(CodeState, calls) < 64 && std::mem::offset_of!(CodeState, retired) < 40);
        assert_eq!(std::mem::align_of::<CodeState>(), 64);
        assert_eq!(std::mem::offset_of!(Compiled, entry), 0);
    }
}
