//! The fast entry of a compiled function: machine code that a call site in compiled code calls
//! directly (see `gen_call`), doing in a few dozen instructions what `_PyEval_Vector` and the
//! hook do for a call: push and initialise the callee's `_PyInterpreterFrame` on the thread's
//! data stack, link it, account recursion, run the body, then clear and pop the frame.
//!
//! Only for functions without `*args` or `**kwargs`, not generators, called with arguments for
//! all parameters but the last few positional ones, which take their defaults — the calls the
//! interpreter specialises to `CALL_PY_EXACT_ARGS` and `CALL_PY_WITH_DEFAULTS` — or, from a
//! call site whose keywords name the parameters in order, with every parameter including the
//! keyword-only ones. Keyword-only parameters not passed take their `__kwdefaults__` from a
//! cache ([`KwDefaultsCache`]). Each entry is made for one number of arguments (and of
//! defaults).
//!
//! Calling convention: `fn(func, tstate, args) -> result`, `args` holding `nargs` owned
//! references that move into the callee's frame (as the interpreter moves them). The result is
//! a new reference, or NULL with an exception set. The caller checks that `func` is a function
//! whose code has this entry; everything else (tracing, another frame evaluator, the recursion
//! limit, a native or data stack running out, non-dict globals) is checked here, before any
//! side effect, and sent to [`crate::hook::fast_entry_fallback`], which makes the call the
//! generic way.

use crate::cpython::layout;
use crate::ir::{Assembler, Cond, Mem, Opnd, Reg, Width};
use pyo3::ffi::{self, PyObject};

/// The signature of a fast entry.
pub type FastEntryFn =
    unsafe extern "C" fn(func: *mut PyObject, tstate: *mut ffi::PyThreadState, args: *mut *mut PyObject) -> *mut PyObject;

/// Locals released inline after a normal return; functions with more release them out of line.
const MAX_INLINE_RELEASES: usize = 12;

/// What the fast entry of one code object needs to know.
pub struct FastEntry {
    pub code: *mut PyObject,
    /// The compiled body (`hook::Entry` ABI).
    pub body: usize,
    /// Arguments the callers pass: at most `co_argcount`, or all parameters including the
    /// keyword-only ones (which follow the positional ones in the frame), passed by keyword.
    pub nargs: usize,
    /// Length of the function's `__defaults__` when `nargs < co_argcount` (checked on entry),
    /// else 0.
    pub ndefaults: usize,
    /// Counters incremented per call (the entries statistic, the code's call count if it
    /// still matters).
    pub counters: Vec<*mut u64>,
    /// For keyword-only parameters the callers do not pass: the words of their defaults'
    /// cache ([`KwDefaultsCache`]), or null.
    pub kwdefaults: *const u64,
}

/// The values of a function's `__kwdefaults__` for the keyword-only parameters, in order, as
/// long as that dict has the version tag in the first word (PEP 509 tags are unique: the same
/// dict, unchanged, so it still holds the values, which are borrowed from it; 0 matches no
/// dict). Words: `[version, value_0, value_1, …]`. Filled by
/// [`crate::hook::fast_entry_fallback`] when the entry finds another version.
pub struct KwDefaultsCache(pub Box<[u64]>);

impl KwDefaultsCache {
    const OFFSET_VERSION: i32 = 0;
    const OFFSET_VALUES: i32 = 8;

    pub fn new(kwonly: usize) -> Self {
        KwDefaultsCache(vec![0; 1 + kwonly].into_boxed_slice())
    }

    /// What compiled code reads.
    pub fn words(&self) -> *const u64 {
        self.0.as_ptr()
    }
}

/// Machine code of the fast entry described by `e`.
pub fn fast_entry(e: &FastEntry) -> crate::codemem::MachineCode {
    use layout::frame::*;
    let c = e.code as *const u8;
    // SAFETY: fields of a live code object (offsets checked against the headers).
    let (argcount, nlocalsplus, stacksize) = unsafe {
        (
            crate::cpython::read::<i32>(c, layout::code::CO_ARGCOUNT) as usize,
            crate::cpython::read::<i32>(c, layout::code::CO_NLOCALSPLUS) as usize,
            crate::cpython::read::<i32>(c, layout::code::CO_STACKSIZE) as usize,
        )
    };
    let words = nlocalsplus + stacksize + layout::FRAME_SPECIALS_SIZE;
    let mut a = Assembler::with_capacity(64 + 2 * nlocalsplus, 16, 16);
    let bail = a.new_label();
    let out_of_line = a.new_label();
    let pop = a.new_label();
    // On entry (after the prologue): Frame = func, TState = tstate, Arg(2) = args.
    let func = Reg::Frame;
    let args = Reg::Arg(2);

    // Checks, without side effects. Tracing or profiling active: the interpreter runs it.
    a.mov(Reg::Tmp0, Mem::new(Reg::TState, layout::tstate::CFRAME));
    a.cmp_width(Mem::new(Reg::Tmp0, layout::cframe::USE_TRACING), Opnd::Imm(0), Width::B8);
    a.jcc(Cond::Ne, bail);
    // Another PEP 523 frame evaluator installed after ours must see every frame.
    a.mov(Reg::Tmp0, Mem::new(Reg::TState, layout::tstate::INTERP));
    a.mov(Reg::Tmp1, Opnd::Imm(crate::hook::eval_frame_fn() as i64));
    a.cmp(Reg::Tmp1, Mem::new(Reg::Tmp0, layout::interp::EVAL_FRAME));
    a.jcc(Cond::Ne, bail);
    // Native stack: room above this thread's floor (the fallback computes it for the thread).
    a.mov(Reg::Tmp1, Opnd::Imm(crate::hook::stack_guard_addr() as i64));
    a.cmp(Reg::TState, Mem::new(Reg::Tmp1, 0));
    a.jcc(Cond::Ne, bail);
    a.cmp(Reg::StackPtr, Mem::new(Reg::Tmp1, 8));
    a.jcc(Cond::Below, bail);
    // The recursion limit reached: the generic path raises RecursionError.
    a.cmp_width(Mem::new(Reg::TState, layout::tstate::RECURSION_REMAINING), Opnd::Imm(0), Width::B32);
    a.jcc(Cond::Le, bail);
    // Compiled code reads globals and builtins as exact dicts.
    a.mov(Reg::Tmp1, Opnd::Imm(std::ptr::addr_of_mut!(ffi::PyDict_Type) as i64));
    for field in [layout::func::FUNC_GLOBALS, layout::func::FUNC_BUILTINS] {
        a.mov(Reg::Tmp0, Mem::new(func, field));
        a.cmp(Reg::Tmp1, Mem::new(Reg::Tmp0, layout::object::OB_TYPE));
        a.jcc(Cond::Ne, bail);
    }
    // The defaults the code was entered for (another function with this code may differ).
    if e.nargs < argcount {
        a.mov(Reg::Tmp0, Mem::new(func, layout::func::FUNC_DEFAULTS));
        a.test(Reg::Tmp0, Reg::Tmp0);
        a.jcc(Cond::Eq, bail);
        a.cmp(Mem::new(Reg::Tmp0, layout::object::OB_SIZE), Opnd::Imm(e.ndefaults as i64));
        a.jcc(Cond::Ne, bail);
    }
    // The keyword-only parameters' defaults, from the cache of the function's `__kwdefaults__`.
    let kwonly_defaults = !e.kwdefaults.is_null();
    if kwonly_defaults {
        a.mov(Reg::Tmp0, Mem::new(func, layout::func::FUNC_KWDEFAULTS));
        a.test(Reg::Tmp0, Reg::Tmp0);
        a.jcc(Cond::Eq, bail);
        a.mov(Reg::Tmp0, Mem::new(Reg::Tmp0, layout::dict::MA_VERSION_TAG));
        a.mov(Reg::Tmp1, Opnd::Imm(e.kwdefaults as i64));
        a.cmp(Reg::Tmp0, Mem::new(Reg::Tmp1, KwDefaultsCache::OFFSET_VERSION));
        a.jcc(Cond::Ne, bail);
    }
    // Room on the data stack's current chunk (a new chunk is left to CPython).
    a.mov(Reg::Ret, Mem::new(Reg::TState, layout::tstate::DATASTACK_TOP));
    a.lea(Reg::Tmp0, Mem::new(Reg::Ret, (8 * words) as i32));
    a.cmp(Reg::Tmp0, Mem::new(Reg::TState, layout::tstate::DATASTACK_LIMIT));
    a.jcc(Cond::Above, bail);

    // Push the frame (at Ret) and initialise it as `_PyFrame_InitializeSpecials` does; the
    // frame owns a reference to the function and one to the code.
    a.mov(Mem::new(Reg::TState, layout::tstate::DATASTACK_TOP), Reg::Tmp0);
    a.incref(func);
    a.mov(Reg::Tmp1, Opnd::Imm(e.code as i64));
    a.incref(Reg::Tmp1);
    a.mov(Mem::new(Reg::Ret, F_FUNC), func);
    a.mov(Reg::Tmp0, Mem::new(func, layout::func::FUNC_GLOBALS));
    a.mov(Mem::new(Reg::Ret, F_GLOBALS), Reg::Tmp0);
    a.mov(Reg::Tmp0, Mem::new(func, layout::func::FUNC_BUILTINS));
    a.mov(Mem::new(Reg::Ret, F_BUILTINS), Reg::Tmp0);
    a.mov(Mem::new(Reg::Ret, F_LOCALS), Opnd::Imm(0));
    a.mov(Mem::new(Reg::Ret, F_CODE), Reg::Tmp1);
    a.mov(Mem::new(Reg::Ret, FRAME_OBJ), Opnd::Imm(0));
    a.lea(Reg::Tmp0, Mem::new(Reg::Tmp1, layout::code::CO_CODE_ADAPTIVE - 2));
    a.mov(Mem::new(Reg::Ret, PREV_INSTR), Reg::Tmp0);
    a.push(crate::ir::Insn::Store32 { dst: Mem::new(Reg::Ret, STACKTOP), imm: nlocalsplus as i32 });
    a.push(crate::ir::Insn::Store8 { dst: Mem::new(Reg::Ret, IS_ENTRY), imm: 0 });
    a.push(crate::ir::Insn::Store8 { dst: Mem::new(Reg::Ret, OWNER), imm: OWNED_BY_THREAD as i8 });
    for i in 0..e.nargs {
        a.mov(Reg::Tmp0, Mem::new(args, 8 * i as i32));
        a.mov(Mem::new(Reg::Ret, LOCALSPLUS + 8 * i as i32), Reg::Tmp0);
    }
    // Parameter i >= nargs gets `__defaults__[i - (argcount - ndefaults)]`, a new reference.
    for i in e.nargs..argcount {
        let item = layout::object::TUPLE_OB_ITEM + 8 * (i + e.ndefaults - argcount) as i32;
        a.mov(Reg::Tmp0, Mem::new(func, layout::func::FUNC_DEFAULTS));
        a.mov(Reg::Tmp0, Mem::new(Reg::Tmp0, item));
        a.incref(Reg::Tmp0);
        a.mov(Mem::new(Reg::Ret, LOCALSPLUS + 8 * i as i32), Reg::Tmp0);
    }
    let mut first_unset = e.nargs.max(argcount);
    if kwonly_defaults {
        // SAFETY: fields of a live code object.
        let kwonly = unsafe { crate::cpython::read::<i32>(c, layout::code::CO_KWONLYARGCOUNT) as usize };
        a.mov(Reg::Tmp1, Opnd::Imm(e.kwdefaults as i64));
        for j in 0..kwonly {
            a.mov(Reg::Tmp0, Mem::new(Reg::Tmp1, KwDefaultsCache::OFFSET_VALUES + 8 * j as i32));
            a.incref(Reg::Tmp0);
            a.mov(Mem::new(Reg::Ret, LOCALSPLUS + 8 * (argcount + j) as i32), Reg::Tmp0);
        }
        first_unset = argcount + kwonly;
    }
    for i in first_unset..nlocalsplus {
        a.mov(Mem::new(Reg::Ret, LOCALSPLUS + 8 * i as i32), Opnd::Imm(0));
    }
    // Link it as the current frame, sharing the caller's cframe, and count the recursion.
    a.mov(Reg::Tmp0, Mem::new(Reg::TState, layout::tstate::CFRAME));
    a.mov(Reg::Tmp1, Mem::new(Reg::Tmp0, layout::cframe::CURRENT_FRAME));
    a.mov(Mem::new(Reg::Ret, PREVIOUS), Reg::Tmp1);
    a.mov(Mem::new(Reg::Tmp0, layout::cframe::CURRENT_FRAME), Reg::Ret);
    a.add_mem32(Mem::new(Reg::TState, layout::tstate::RECURSION_REMAINING), -1);
    a.mov(Reg::Frame, Reg::Ret);
    for &counter in &e.counters {
        a.mov(Reg::Tmp0, Opnd::Imm(counter as i64));
        a.add_mem(Mem::new(Reg::Tmp0, 0), 1);
    }

    a.mov(Reg::Arg(0), Reg::Frame);
    a.mov(Reg::Arg(1), Reg::TState);
    a.mov(Reg::Arg(2), Opnd::Imm(0));
    a.call(e.body);

    // Unlink, undo the recursion count.
    a.mov(Reg::Tmp0, Mem::new(Reg::TState, layout::tstate::CFRAME));
    a.mov(Reg::Tmp1, Mem::new(Reg::Frame, PREVIOUS));
    a.mov(Mem::new(Reg::Tmp0, layout::cframe::CURRENT_FRAME), Reg::Tmp1);
    a.add_mem32(Mem::new(Reg::TState, layout::tstate::RECURSION_REMAINING), 1);
    a.mov(Reg::Keep2, Reg::Ret);
    // A deopt, an exception or a frame object outliving the call: finished out of line.
    a.cmp(Reg::Ret, Opnd::Imm(crate::hook::RESULT_UNWOUND as i64));
    a.jcc(Cond::BelowEq, out_of_line);
    a.cmp(Mem::new(Reg::Frame, FRAME_OBJ), Opnd::Imm(0));
    a.jcc(Cond::Ne, out_of_line);
    if nlocalsplus > MAX_INLINE_RELEASES {
        a.jmp(out_of_line);
    } else {
        // A normal return left the value stack empty (`stacktop` = nlocalsplus).
        let dealloc = crate::cpython::_Py_Dealloc as usize;
        for i in 0..nlocalsplus {
            a.mov(Reg::Arg(0), Mem::new(Reg::Frame, LOCALSPLUS + 8 * i as i32));
            a.xdecref(Reg::Arg(0), dealloc);
        }
        a.mov(Reg::Arg(0), Mem::new(Reg::Frame, F_LOCALS));
        a.xdecref(Reg::Arg(0), dealloc);
        a.mov(Reg::Arg(0), Mem::new(Reg::Frame, F_FUNC));
        a.decref(Reg::Arg(0), dealloc);
        a.mov(Reg::Arg(0), Mem::new(Reg::Frame, F_CODE));
        a.decref(Reg::Arg(0), dealloc);
    }
    a.bind(pop);
    a.mov(Mem::new(Reg::TState, layout::tstate::DATASTACK_TOP), Reg::Frame);
    a.mov(Reg::Ret, Reg::Keep2);
    a.ret();

    a.cold(|a| {
        a.bind(out_of_line);
        a.mov(Reg::Arg(0), Reg::TState);
        a.mov(Reg::Arg(1), Reg::Frame);
        a.mov(Reg::Arg(2), Reg::Keep2);
        a.call(crate::hook::finish_fast_frame as usize);
        a.mov(Reg::Keep2, Reg::Ret);
        a.jmp(pop);

        a.bind(bail);
        a.mov(Reg::Arg(1), args);
        a.mov(Reg::Arg(0), func);
        a.mov(Reg::Arg(2), Opnd::Imm(e.nargs as i64));
        a.mov(Reg::Arg(3), Reg::TState);
        a.mov(Reg::Arg(4), Opnd::Imm(e.kwdefaults as i64));
        a.call(crate::hook::fast_entry_fallback as usize);
        a.ret();
    });
    crate::backend::assemble_light(&a)
}
