//! The compiler: one pass over a code object's bytecode with a virtual value stack, emitting
//! `ir` instructions that a backend lowers to machine code.
//!
//! Compiled code runs in the `_PyInterpreterFrame` it is given: locals stay in
//! `localsplus`, `prev_instr` is written before anything that can call out, and every exit
//! leaves the frame exactly as the interpreter would have it at an instruction boundary, so
//! `_PyEval_EvalFrameDefault` can take over (see `hook::run_compiled`).
//!
//! Exits come in three kinds:
//! - *error*: an exception is set; `prev_instr` is the failing instruction, the stack holds
//!   what the interpreter would still hold, and the interpreter unwinds (`throwflag = 1`);
//! - *deopt before*: the interpreter executes the current instruction itself (rare cases and
//!   exact error messages);
//! - *deopt after*: the interpreter continues after the current instruction (tracing turned on).

mod analysis;
pub mod entry;
mod gen;
mod unexecuted;
pub mod vstack;

use crate::cpython::opcode::{self, OpcodeTables};
use crate::cpython::{self, layout, read};
use crate::ir::{Assembler, Cond, Label, Mem, Opnd, Reg, Width};
use crate::runtime::{AttrCache, GlobalCache, PyCallCache};
use crate::stats::{self, ExitReason};
pub use analysis::{find_handler, ExcHandler};
use analysis::Instr;
use pyo3::ffi::{self, PyObject};
use vstack::{Entry, VStack};

/// What `compile` produces.
pub struct Output {
    pub machine_code: crate::codemem::MachineCode,
    /// Caches whose addresses are baked into the code; they must live as long as it.
    pub global_caches: Box<[GlobalCache]>,
    pub attr_caches: Box<[AttrCache]>,
    /// The parsed exception table; `runtime::unwind` reads it through its baked-in address.
    pub handlers: Box<[ExcHandler]>,
    /// What each exit stub leaves in the frame; the shared exit blocks hold its address.
    pub exits: Box<[ExitInfo]>,
    /// Constant tables the code passes to helpers by address.
    pub data: Vec<Box<[u64]>>,
    /// The caches of call sites that call fast entries directly.
    pub call_caches: Vec<Box<PyCallCache>>,
    /// Bytecode instructions compiled.
    pub instructions: usize,
    /// Blocks compiled as an exit because the interpreter had not run them, and the
    /// instructions left out with them.
    pub unexecuted_blocks: usize,
    pub unexecuted_instructions: usize,
}

impl Output {
    /// Heap bytes of the tables that live as long as the code (for `stats()`).
    pub fn metadata_bytes(&self) -> usize {
        use std::mem::size_of_val;
        size_of_val(&*self.global_caches)
            + size_of_val(&*self.attr_caches)
            + size_of_val(&*self.handlers)
            + size_of_val(&*self.exits)
            + self.data.iter().map(|d| size_of_val(&**d)).sum::<usize>()
            + self.call_caches.len() * std::mem::size_of::<PyCallCache>()
    }
}

/// The frame state one exit stub hands to the interpreter, applied by `runtime::take_exit`
/// from the shared exit blocks. A stub is then only its stack materialisation, the index of
/// its `ExitInfo` and a jump: exits are about half of all compiled code otherwise.
/// Eight bytes an exit: a web server's code has tens of thousands of them.
#[repr(C)]
pub struct ExitInfo {
    /// `frame->stacktop` (locals plus stack depth).
    pub stacktop: i32,
    /// `resume | counter << RESUME_BITS`. `resume` is 0 when a call already stored
    /// `frame->prev_instr`, else the code unit to store there plus 2 (it may be -1, before the
    /// first instruction). `counter` is the `stats` counter `<opcode>_<reason>` this exit
    /// increments (`stats::exit_counter_at`).
    pub resume_and_counter: u32,
}

impl ExitInfo {
    const RESUME_BITS: u32 = 18;

    fn new(stacktop: usize, resume_unit: Option<isize>, opcode: u8, reason: ExitReason) -> ExitInfo {
        // Code units are fewer than MAX_CODE_UNITS, so `unit + 2` fits in RESUME_BITS.
        const _: () = assert!(MAX_CODE_UNITS + 2 < 1 << ExitInfo::RESUME_BITS);
        let resume = resume_unit.map_or(0, |u| (u + 2) as u32);
        let counter = stats::exit_counter_index(opcode, reason) as u32;
        ExitInfo { stacktop: stacktop as i32, resume_and_counter: resume | counter << Self::RESUME_BITS }
    }

    /// The code unit to store in `frame->prev_instr`, if any.
    pub fn resume_unit(&self) -> Option<isize> {
        let resume = self.resume_and_counter & ((1 << Self::RESUME_BITS) - 1);
        (resume != 0).then(|| resume as isize - 2)
    }

    /// Index of the exit counter (`stats::exit_counter_at`).
    pub fn counter_index(&self) -> usize {
        (self.resume_and_counter >> Self::RESUME_BITS) as usize
    }
}

/// Instructions that a backward jump goes to: the headers of the code's loops.
/// (`JUMP_BACKWARD_NO_INTERRUPT` closes the `yield from`/`await` loop, not one of the code's.)
fn loop_headers(instrs: &[Instr]) -> Vec<bool> {
    let mut headers = vec![false; instrs.len()];
    for ins in instrs {
        if Gen::is_backward_jump(ins.op) {
            // A jump goes to an instruction's first unit: its `EXTENDED_ARG` prefix when it
            // has one (a `FOR_ITER` over a loop body longer than 255 code units).
            let target = Gen::jump_target_of(ins);
            let pos = instrs.partition_point(|i| i.idx < target);
            if pos < instrs.len() && instrs[pos].start <= target {
                headers[pos] = true;
            }
        }
    }
    headers
}

/// How to compile one code object.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Keep the results of float arithmetic unboxed in the virtual stack ([`Entry::Float`]).
    pub unbox_floats: bool,
    /// Address of the installed [`after_call_check_subroutine`], which call sites then call
    /// instead of inlining its checks; 0 to inline them.
    pub after_call_check: usize,
    /// Address of the installed [`load_attr_alternatives_subroutine`], which `LOAD_ATTR`
    /// sites' cold paths then call; 0 to inline it.
    pub load_attr_alternatives: usize,
    /// Compile blocks the interpreter has not run since it quickened the code as exits
    /// ([`unexecuted`]): for code that ran long enough in the interpreter to tell.
    pub skip_unexecuted: bool,
}

pub use gen::load_attr_alternatives_subroutine;

/// The checks after a call: flags "not equal" if tracing is on or the eval breaker is set.
/// Clobbers `Tmp0` only.
fn emit_after_call_check(asm: &mut Assembler) {
    let done = asm.new_label();
    asm.mov(Reg::Tmp0, Mem::new(Reg::TState, layout::tstate::CFRAME));
    asm.cmp_width(Mem::new(Reg::Tmp0, layout::cframe::USE_TRACING), Opnd::Imm(0), Width::B8);
    asm.jcc(Cond::Ne, done);
    asm.mov(Reg::Tmp0, Mem::new(Reg::TState, layout::tstate::INTERP));
    asm.cmp_width(Mem::new(Reg::Tmp0, layout::interp::EVAL_BREAKER), Opnd::Imm(0), Width::B32);
    asm.bind(done);
}

/// The checks after a call as one shared subroutine (see [`Options::after_call_check`]): large
/// programs run thousands of call sites a few times each, and their compiled code is bound by
/// instruction-cache misses, so one copy that stays cached beats a copy per site. Called with
/// `TState` set; returns with the flags of [`emit_after_call_check`], clobbering `Tmp0`.
pub fn after_call_check_subroutine() -> crate::codemem::MachineCode {
    let mut asm = Assembler::new();
    emit_after_call_check(&mut asm);
    crate::backend::assemble_subroutine(&asm)
}

/// Largest function compiled; bigger ones stay interpreted (compile memory and time bound).
const MAX_CODE_UNITS: usize = 1 << 16;

/// Compiles a function's code object, or says why not (a refusal reason for `stats()`).
/// With `loop_counter`, the code adds 1 to it each time it enters a loop's header (the target
/// of a backward jump): the hook's measure of whether a call looped long.
pub fn compile(code: *mut PyObject, loop_counter: Option<*mut u64>, options: Options) -> Result<Output, String> {
    let tables = opcode::tables();
    // SAFETY: `code` is a live code object, kept alive by the frame that is being entered.
    let units = unsafe { cpython::code_units(code) };
    if units.len() > MAX_CODE_UNITS {
        return Err("function_too_large".into());
    }
    let c = code as *const u8;
    // SAFETY: fields of a live code object (offsets checked against the headers).
    let (stacksize, nlocalsplus, argcount, kwonly, flags) = unsafe {
        (
            read::<i32>(c, layout::code::CO_STACKSIZE) as usize,
            read::<i32>(c, layout::code::CO_NLOCALSPLUS) as usize,
            read::<i32>(c, layout::code::CO_ARGCOUNT) as usize,
            read::<i32>(c, layout::code::CO_KWONLYARGCOUNT) as usize,
            read::<u32>(c, layout::code::CO_FLAGS),
        )
    };
    let instrs = analysis::decode(units, tables);
    // SAFETY: co_exceptiontable is a bytes object owned by the live code object.
    let table_bytes = unsafe {
        let t = read::<*mut PyObject>(c, layout::code::CO_EXCEPTIONTABLE);
        std::slice::from_raw_parts(ffi::PyBytes_AsString(t) as *const u8, ffi::PyBytes_Size(t) as usize)
    };
    let handlers: Box<[ExcHandler]> =
        analysis::parse_exception_table(table_bytes).ok_or("bad_exception_table")?.into_boxed_slice();
    let mut an = analysis::analyse(&instrs, units.len(), stacksize, &handlers)?;
    if flags & GENERATOR_FLAGS != 0 {
        // The first call enters at the first instruction through the resume dispatch.
        an.is_target[0] = true;
    }
    // Generators are compiled in full: their code is also entered at each resumption point,
    // which the pass does not consider.
    let (unexecuted, unexecuted_instructions) = if options.skip_unexecuted && flags & GENERATOR_FLAGS == 0 {
        unexecuted::skip_unexecuted(&instrs, units, &mut an, tables)
    } else {
        (Vec::new(), 0)
    };
    let unexecuted_blocks = unexecuted.iter().filter(|&&m| m).count();
    let n_globals = instrs
        .iter()
        .enumerate()
        .filter(|(p, i)| i.op == opcode::LOAD_GLOBAL && an.depth[*p].is_some())
        .count();
    let mut caches: Box<[GlobalCache]> = (0..n_globals).map(|_| GlobalCache::empty()).collect();
    let n_attrs = instrs
        .iter()
        .enumerate()
        .filter(|(p, i)| {
            matches!(i.op, opcode::LOAD_ATTR | opcode::STORE_ATTR | opcode::LOAD_METHOD) && an.depth[*p].is_some()
        })
        .count();
    let mut attr_caches: Box<[AttrCache]> = (0..n_attrs).map(|_| AttrCache::empty()).collect();
    let nparams = argcount
        + kwonly
        + (flags & layout::code::CO_VARARGS != 0) as usize
        + (flags & layout::code::CO_VARKEYWORDS != 0) as usize;
    // Parameters are bound on entry; the ones never deleted stay bound.
    let mut always_bound = vec![false; nlocalsplus];
    for b in always_bound.iter_mut().take(nparams.min(nlocalsplus)) {
        *b = true;
    }
    for ins in &instrs {
        if ins.op == opcode::DELETE_FAST && (ins.arg as usize) < nlocalsplus {
            always_bound[ins.arg as usize] = false;
        }
    }
    let mut g = Gen {
        // IR instructions per bytecode instruction: about 9 hot and 7 cold over the standard
        // library, 11 and 15 in a Flask app's functions; regrowing costs a copy (7% of compile
        // time when the cold stream outgrew 12 per instruction). Large reservations stay
        // untouched, so uncommitted.
        asm: Assembler::with_capacity(16 * instrs.len(), 24 * instrs.len(), 4 * instrs.len()),
        vs: VStack::default(),
        tables,
        instrs: &instrs,
        an: &an,
        labels: vec![None; instrs.len()],
        // SAFETY (both): tuples owned by the live code object.
        consts: unsafe { read::<*mut PyObject>(c, layout::code::CO_CONSTS) },
        // SAFETY: as above.
        names: unsafe { read::<*mut PyObject>(c, layout::code::CO_NAMES) },
        code_base: c as usize + layout::code::CO_CODE_ADAPTIVE as usize,
        // SAFETY: a live code object; `ob_size` is its number of code units.
        prev_instr_store: PrevInstrStore::for_code(c as usize + layout::code::CO_CODE_ADAPTIVE as usize, unsafe {
            read::<isize>(c, layout::object::OB_SIZE)
        }),
        nlocalsplus,
        always_bound: always_bound.clone(),
        bound: always_bound,
        caches: caches.as_mut_ptr(),
        next_cache: 0,
        attr_caches: attr_caches.as_mut_ptr(),
        next_attr_cache: 0,
        prev_instr_written: None,
        cur: instrs[0],
        pos: 0,
        kwnames: std::ptr::null_mut(),
        handlers: &handlers,
        code,
        flags,
        line_starts: line_starts(code, &instrs),
        python_may_have_run: false,
        unwind_label: None,
        dispatch_label: None,
        exits: Vec::with_capacity(instrs.len()),
        exit_stubs: Vec::new(),
        exit_stub_entries: Vec::new(),
        shared_error_exit: None,
        shared_deopt_exit: None,
        data: Vec::new(),
        call_caches: Vec::new(),
        loop_headers: loop_counter.map(|counter| (counter as usize, loop_headers(&instrs))),
        unbox_floats: options.unbox_floats,
        after_call_check: options.after_call_check,
        load_attr_alternatives: options.load_attr_alternatives,
        deopt_may_raise: false,
        float_misuse: false,
        size_marks: Vec::new(),
        count_sizes: crate::stats::code_sizes_wanted(),
        unexecuted,
    };
    g.gen_function()?;
    if g.float_misuse {
        return Err("unboxed_float_misused".into());
    }
    let exits = g.gen_shared_exits();
    let machine_code = crate::backend::assemble(&g.asm);
    if !machine_code.hot_offsets.is_empty() {
        count_hot_bytes(&g.size_marks, &machine_code.hot_offsets);
    }
    let compiled = an.depth.iter().filter(|d| d.is_some()).count();
    let data = std::mem::take(&mut g.data);
    let call_caches = std::mem::take(&mut g.call_caches);
    Ok(Output {
        machine_code,
        global_caches: caches,
        attr_caches,
        handlers,
        exits,
        data,
        call_caches,
        instructions: compiled,
        unexecuted_blocks,
        unexecuted_instructions,
    })
}

/// Adds each mark's hot bytes (up to the next mark) to `hot_bytes_by_opcode`: the function's
/// hot code (`MachineCode::hot_bytes`) in all.
fn count_hot_bytes(marks: &[(usize, u32)], hot_offsets: &[u32]) {
    let s = crate::stats::get();
    // The prologue (before the first IR instruction) counts as function entry.
    let (mut kind_before, mut from) = (crate::stats::FUNCTION_ENTRY, 0u32);
    let end = hot_offsets.len() as u32 - 1;
    for &(kind, at) in marks.iter().chain(std::iter::once(&(0, end))) {
        let bytes = (hot_offsets[at as usize] - from) as u64;
        s.hot_bytes_by_opcode[kind_before] += bytes;
        s.hot_bytes_sites[kind_before] += (bytes != 0) as u64;
        (kind_before, from) = (kind, hot_offsets[at as usize]);
    }
}

/// Which instructions start a source line (their line differs from the previous instruction's).
fn line_starts(code: *mut PyObject, instrs: &[Instr]) -> Vec<bool> {
    let lines = unit_lines(code);
    let mut prev = -1;
    instrs
        .iter()
        .map(|ins| {
            let l = lines.get(ins.idx).copied().unwrap_or(-1);
            let starts = l != -1 && l != prev;
            prev = l;
            starts
        })
        .collect()
}

/// The source line of every code unit (-1: none), in one pass over `co_linetable` (the 3.11
/// format of `Objects/locations.md`: entries of one start byte `1cccclll` — code, length - 1 in
/// units — then the code's varints), as `PyCode_Addr2Line` would report each. Calling that
/// function per instruction rescans the table from its start: quadratic in the length.
pub fn unit_lines(code: *mut PyObject) -> Vec<i32> {
    // SAFETY: a live code object; `co_linetable` is a bytes object it owns. (Read directly:
    // the `co_linetable` attribute costs None a reference on 3.11.)
    let (table, first_line, n_units) = unsafe {
        let t = read::<*mut PyObject>(code as *const u8, layout::code::CO_LINETABLE);
        if t.is_null() || ffi::PyBytes_Check(t) == 0 {
            return Vec::new();
        }
        (
            std::slice::from_raw_parts(ffi::PyBytes_AsString(t) as *const u8, ffi::PyBytes_Size(t) as usize),
            read::<i32>(code as *const u8, layout::code::CO_FIRSTLINENO),
            // A code object's size is its number of code units.
            ffi::Py_SIZE(code).max(0) as usize,
        )
    };
    let varint = |p: &mut usize| -> u32 {
        let mut b = table.get(*p).copied().unwrap_or(0) as u32;
        *p += 1;
        let mut val = b & 63;
        let mut shift = 0;
        while b & 64 != 0 && shift < 30 {
            b = table.get(*p).copied().unwrap_or(0) as u32;
            *p += 1;
            shift += 6;
            val |= (b & 63) << shift;
        }
        val
    };
    // One entry per code unit: sized once instead of regrown entry by entry.
    let mut lines = Vec::with_capacity(n_units);
    let mut line = first_line;
    let mut p = 0;
    while p < table.len() {
        let first = table[p];
        let kind = (first >> 3) & 15;
        let units = (first & 7) as usize + 1;
        p += 1;
        let delta = match kind {
            13 | 14 => {
                let u = varint(&mut p);
                if u & 1 != 0 { -((u >> 1) as i32) } else { (u >> 1) as i32 }
            }
            11 => 1,
            12 => 2,
            _ => 0,
        };
        line += delta;
        lines.extend(std::iter::repeat(if kind == 15 { -1 } else { line }).take(units));
        // Skip the rest of the entry (column data): up to the next start byte.
        while p < table.len() && table[p] & 128 == 0 {
            p += 1;
        }
    }
    lines
}

/// How compiled code stores a constant `prev_instr`. Every value `frame->prev_instr` of a frame
/// of one code object ever holds lies in `[co_code_adaptive - 2, co_code_adaptive + size]`
/// (CPython starts it one unit before the first instruction). When those addresses share
/// their upper 32 bits, writing the lower half suffices: `mov dword [frame+56], imm32` is 7
/// bytes, where a 64-bit constant takes 14 (`movabs r11, imm64; mov [frame+56], r11`).
#[derive(Clone, Copy)]
pub(crate) struct PrevInstrStore {
    low_half_only: bool,
}

impl PrevInstrStore {
    fn for_code(code_base: usize, units: isize) -> Self {
        let first = code_base - 2;
        let last = code_base + 2 * units.max(0) as usize;
        PrevInstrStore { low_half_only: first >> 32 == last >> 32 }
    }

    /// The store of `prev_instr = addr`.
    pub(crate) fn insn(self, addr: i64) -> crate::ir::Insn {
        if self.low_half_only {
            crate::ir::Insn::Store32 { dst: frame_mem(layout::frame::PREV_INSTR), imm: addr as u32 as i32 }
        } else {
            crate::ir::Insn::Mov { dst: Opnd::Mem(frame_mem(layout::frame::PREV_INSTR)), src: Opnd::Imm(addr) }
        }
    }
}

const GENERATOR_FLAGS: u32 = layout::code::CO_GENERATOR
    | layout::code::CO_COROUTINE
    | layout::code::CO_ASYNC_GENERATOR
    | layout::code::CO_ITERABLE_COROUTINE;

/// Kind of exit to the interpreter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ExitKind {
    /// Exception set: return NULL, the interpreter unwinds from the current instruction.
    Error,
    /// As `Error`, after a call that has set `prev_instr` itself (to the last inline cache
    /// entry when it called a Python function, as the interpreter's inlined calls do).
    ErrorAfterCall,
    /// Return 1: the interpreter executes the current instruction itself.
    Deopt,
    /// Return 1: the interpreter continues after the current instruction.
    DeoptAfter,
}

/// Codegen state for one function.
struct Gen<'a> {
    asm: Assembler,
    vs: VStack,
    pub(super) tables: &'static OpcodeTables,
    instrs: &'a [Instr],
    an: &'a analysis::Analysis,
    labels: Vec<Option<Label>>,
    consts: *mut PyObject,
    names: *mut PyObject,
    /// Address of `co_code_adaptive[0]`.
    code_base: usize,
    prev_instr_store: PrevInstrStore,
    nlocalsplus: usize,
    /// Locals bound at every point of the function (parameters never deleted).
    always_bound: Vec<bool>,
    /// Locals known bound at the current point (reset at jump targets).
    bound: Vec<bool>,
    caches: *mut GlobalCache,
    next_cache: usize,
    attr_caches: *mut AttrCache,
    next_attr_cache: usize,
    /// Code unit index last stored to `frame->prev_instr` on the current straight-line path.
    prev_instr_written: Option<usize>,
    cur: Instr,
    pos: usize,
    /// `KW_NAMES` constant waiting for its `CALL`.
    kwnames: *mut PyObject,
    /// The exception table (its address is passed to the unwinding helpers).
    handlers: &'a [ExcHandler],
    /// The code object being compiled.
    code: *mut PyObject,
    /// `co_flags`.
    flags: u32,
    /// Instruction starts a source line (its line differs from the previous instruction's).
    line_starts: Vec<bool>,
    /// A helper that may run Python code was called since the last tracing check.
    python_may_have_run: bool,
    /// The loop counter's address and the instructions that are loops' headers (see [`compile`]).
    loop_headers: Option<(usize, Vec<bool>)>,
    /// Shared cold block: unwinds the pending exception (adding a traceback entry), then
    /// dispatches on the result (`dispatch_label`).
    unwind_label: Option<Label>,
    /// Shared cold block: `Ret` is an unwinding result (`runtime::unwind`): a handler's code
    /// unit, `UNWOUND`, `INTERPRETER_UNWINDS` or `DEOPT_BEFORE`.
    dispatch_label: Option<Label>,
    /// One entry per exit stub, indexed by the stub.
    exits: Vec<ExitInfo>,
    /// Stubs of the current instruction, reused by exits with the same kind, reason and stack:
    /// kind, reason, the range of `exit_stub_entries` holding the stack, and the stub's label.
    exit_stubs: Vec<(ExitKind, ExitReason, std::ops::Range<usize>, Label)>,
    /// The stacks of `exit_stubs`, one after the other (one allocation for the whole function).
    exit_stub_entries: Vec<Entry>,
    /// Shared cold blocks that apply an `ExitInfo` and unwind, or return "deopt".
    shared_error_exit: Option<Label>,
    shared_deopt_exit: Option<Label>,
    /// Constant tables whose addresses the code holds (boxed: they never move).
    data: Vec<Box<[u64]>>,
    call_caches: Vec<Box<PyCallCache>>,
    /// Float arithmetic leaves results unboxed ([`Entry::Float`]); off after the function's
    /// float guards kept failing (see `hook::note_float_miss`).
    unbox_floats: bool,
    /// See [`Options::after_call_check`].
    after_call_check: usize,
    /// See [`Options::load_attr_alternatives`].
    load_attr_alternatives: usize,
    /// A deopt stub boxes an unboxed float, which can fail: the shared deopt block checks.
    deopt_may_raise: bool,
    /// An unboxed float reached code that handles objects only ([`Self::float_misused`]).
    float_misuse: bool,
    /// `(opcode or stats index, hot IR position)` where each instruction's code starts, when
    /// [`crate::stats::code_sizes_wanted`].
    size_marks: Vec<(usize, u32)>,
    /// [`crate::stats::code_sizes_wanted`], read once per compilation.
    count_sizes: bool,
    /// The first instructions of blocks compiled as an exit ([`unexecuted`]); empty if none.
    unexecuted: Vec<bool>,
}

fn frame_mem(disp: i32) -> Mem {
    Mem::new(Reg::Frame, disp)
}

impl Gen<'_> {
    fn gen_function(&mut self) -> Result<(), String> {
        if self.flags & GENERATOR_FLAGS != 0 {
            self.gen_resume_dispatch();
        } else {
            // The interpreter keeps stacktop at -1 while a frame runs; exits store the real depth.
            self.asm.push(crate::ir::Insn::Store32 { dst: frame_mem(layout::frame::STACKTOP), imm: -1 });
        }
        let mut dead = false;
        let mut skip = 0;
        for pos in 0..self.instrs.len() {
            if skip > 0 {
                // Instructions compiled with the one before them never start a block.
                debug_assert!(!self.unexecuted.get(pos).copied().unwrap_or(false));
                skip -= 1;
                continue;
            }
            let Some(depth) = self.an.depth[pos] else {
                dead = true;
                continue;
            };
            self.pos = pos;
            self.cur = self.instrs[pos];
            self.exit_stubs.clear();
            self.exit_stub_entries.clear();
            if self.an.is_target[pos] {
                if !dead {
                    self.flush_all();
                }
                let l = self.label_at(pos);
                self.asm.bind(l);
                self.vs = VStack::materialised(depth);
                self.bound.clone_from(&self.always_bound);
                self.prev_instr_written = None;
                if let Some((counter, headers)) = &self.loop_headers {
                    if headers[pos] {
                        // The stack is all in the frame here: the scratch register is free.
                        self.asm.mov(Reg::Tmp0, Opnd::Imm(*counter as i64));
                        self.asm.add_mem(Mem::new(Reg::Tmp0, 0), 1);
                    }
                }
            } else if dead {
                // Reached only by falling through an instruction that always leaves compiled
                // code (one the interpreter runs, e.g. MATCH_CLASS): no machine code needed.
                continue;
            }
            if self.unexecuted.get(pos).copied().unwrap_or(false) {
                self.gen_unexecuted_exit();
                dead = true;
                continue;
            }
            debug_assert_eq!(self.vs.depth(), depth, "stack depth at {}", self.cur.idx);
            self.box_floats_before(self.cur.op);
            if self.count_sizes {
                self.size_marks.push((crate::stats::LINE_CHECKS, self.asm.hot.len() as u32));
            }
            if self.line_starts.get(pos).copied().unwrap_or(false)
                && (self.python_may_have_run || self.an.is_target[pos])
                && self.flags & GENERATOR_FLAGS == 0
            {
                self.gen_line_tracing_check();
            }
            if self.count_sizes {
                self.size_marks.push((self.cur.op as usize, self.asm.hot.len() as u32));
            }
            match self.gen_instr()? {
                gen::Next::Continue => dead = false,
                gen::Next::Dead => dead = true,
                gen::Next::SkipNext => {
                    dead = false;
                    skip = 1;
                }
                gen::Next::Skip(n) => {
                    dead = false;
                    skip = n;
                }
            }
        }
        self.gen_unwind_blocks();
        Ok(())
    }

    /// Entry of a generator's code: its first call (up to `RETURN_GENERATOR`), or a resumption
    /// of the suspended frame (or a throw into it: `throwflag` in the third argument register).
    /// Continues at the instruction after `prev_instr`.
    fn gen_resume_dispatch(&mut self) {
        let unwind = self.unwind_block();
        self.asm.cmp(Reg::Arg(2), Opnd::Imm(0));
        self.asm.jcc(Cond::Ne, unwind);
        self.asm.mov(Reg::Tmp0, frame_mem(layout::frame::PREV_INSTR));
        let mut points: Vec<(isize, usize)> = vec![(-1, 0)];
        points.extend(self.an.resume_points.iter().map(|&(unit, pos)| (unit as isize, pos)));
        let mut tramps = Vec::new();
        for (unit, pos) in points {
            let tramp = self.asm.new_label();
            let addr = self.prev_instr_addr(unit);
            self.asm.mov(Reg::Tmp1, Opnd::Imm(addr));
            self.asm.cmp(Reg::Tmp0, Reg::Tmp1);
            self.asm.jcc(Cond::Eq, tramp);
            let target = self.label_at(pos);
            tramps.push((tramp, target));
        }
        // An unexpected resume point: the interpreter continues (the stack is untouched).
        self.asm.mov(Reg::Ret, Opnd::Imm(1));
        self.asm.ret();
        self.asm.cold(|asm| {
            for (tramp, target) in tramps {
                asm.bind(tramp);
                asm.push(crate::ir::Insn::Store32 { dst: frame_mem(layout::frame::STACKTOP), imm: -1 });
                asm.jmp(target);
            }
        });
    }

    fn label_at(&mut self, pos: usize) -> Label {
        if let Some(l) = self.labels[pos] {
            return l;
        }
        let l = self.asm.new_label();
        self.labels[pos] = Some(l);
        l
    }

    /// Label of the instruction at code unit `unit` (a jump target).
    fn target_label(&mut self, unit: usize) -> Label {
        let pos = self.an.pos_of_unit[unit];
        self.label_at(pos)
    }

    // ---- frame addressing ----

    fn slot(&self, depth: usize) -> Mem {
        frame_mem(cpython::localsplus_offset(self.nlocalsplus + depth))
    }

    fn local(&self, i: u32) -> Mem {
        frame_mem(cpython::localsplus_offset(i as usize))
    }

    fn prev_instr_addr(&self, unit: isize) -> i64 {
        self.code_base as i64 + 2 * unit as i64
    }

    /// Stores `prev_instr = current instruction` unless this straight-line path already did.
    /// (All stores of a constant `prev_instr` go through [`PrevInstrStore::insn`].)
    fn sync_prev_instr(&mut self) {
        if self.prev_instr_written != Some(self.cur.idx) {
            let addr = self.prev_instr_addr(self.cur.idx as isize);
            self.asm.push(self.prev_instr_store.insn(addr));
            self.prev_instr_written = Some(self.cur.idx);
        }
    }

    /// Emits `f`'s code into the cold stream, with all of codegen's helpers: for slow paths
    /// that the hot path jumps to and that jump back. What `f` stores of `prev_instr` is not
    /// known to the hot path after it.
    fn in_cold<R>(&mut self, f: impl FnOnce(&mut Self) -> R) -> R {
        let was = self.asm.set_cold(true);
        let written = self.prev_instr_written;
        let r = f(self);
        self.prev_instr_written = written;
        self.asm.set_cold(was);
        r
    }

    /// Binds a label where paths of the current instruction merge: `prev_instr` may have been
    /// stored on some of them only.
    fn bind_merge(&mut self, l: Label) {
        self.asm.bind(l);
        self.prev_instr_written = None;
    }

    /// Calls a helper (arguments already in place), with `prev_instr` exact. The helper may run
    /// Python code, which may switch tracing on (see `gen_line_tracing_check`).
    fn call_helper(&mut self, addr: usize) {
        self.sync_prev_instr();
        self.asm.call(addr);
        self.python_may_have_run = true;
    }

    /// `call_helper` for helpers that never run Python code (boxing a number).
    fn call_helper_no_python(&mut self, addr: usize) {
        self.sync_prev_instr();
        self.asm.call(addr);
    }

    /// At the first instruction of a source line, after code that may have run Python code
    /// (an operator's dunder, a property, a generator's `__next__`…): if that code switched
    /// tracing on, the interpreter continues from here and reports the line, as it would have.
    fn gen_line_tracing_check(&mut self) {
        let deopt = self.exit_here(ExitKind::Deopt, ExitReason::Tracing);
        self.asm.mov(Reg::Tmp0, Mem::new(Reg::TState, layout::tstate::CFRAME));
        self.asm.cmp_width(Mem::new(Reg::Tmp0, layout::cframe::USE_TRACING), Opnd::Imm(0), Width::B8);
        self.asm.jcc(Cond::Ne, deopt);
        self.python_may_have_run = false;
    }

    // ---- values ----

    /// Loads the value of `e` (at stack depth `depth`) into `reg` without changing ownership.
    fn load_entry(&mut self, reg: Reg, e: Entry, depth: usize) {
        match e {
            Entry::Mem => self.asm.mov(reg, self.slot(depth)),
            Entry::Fast(i) => self.asm.mov(reg, self.local(i)),
            Entry::Const(p) => self.asm.mov(reg, Opnd::Imm(p as i64)),
            Entry::Null => self.asm.mov(reg, Opnd::Imm(0)),
            Entry::Float => self.float_misused(),
        }
    }

    /// Codegen met an unboxed float where only objects are handled (see
    /// [`Self::box_floats_before`]): the function is refused rather than miscompiled.
    fn float_misused(&mut self) {
        debug_assert!(false, "unboxed float consumed as an object at {}", self.cur.idx);
        self.float_misuse = true;
    }

    /// Stores a new reference for `e` into its home slot (emits into the current stream).
    /// An unboxed float is boxed by [`runtime::box_float_slot`], which leaves NULL there if
    /// memory ran out (exit stubs only: see [`Self::exit_stub`]).
    fn materialise_entry(asm: &mut Assembler, e: Entry, slot: Mem, local: impl Fn(u32) -> Mem) {
        match e {
            Entry::Mem => {}
            Entry::Float => {
                asm.lea(Reg::Arg(0), slot);
                asm.call(crate::runtime::box_float_slot as usize);
            }
            Entry::Fast(i) => {
                asm.mov(Reg::Tmp0, local(i));
                asm.incref(Reg::Tmp0);
                asm.mov(slot, Reg::Tmp0);
            }
            Entry::Const(p) => {
                asm.mov(Reg::Tmp0, Opnd::Imm(p as i64));
                asm.incref(Reg::Tmp0);
                asm.mov(slot, Reg::Tmp0);
            }
            Entry::Null => asm.mov(slot, Opnd::Imm(0)),
        }
    }

    fn materialise(&mut self, depth: usize) {
        let e = self.vs.entries[depth];
        if e == Entry::Float {
            self.box_float(depth);
        } else if e != Entry::Mem {
            let slot = self.slot(depth);
            let frame_local = |i: u32| frame_mem(cpython::localsplus_offset(i as usize));
            Self::materialise_entry(&mut self.asm, e, slot, frame_local);
            self.vs.set(depth, Entry::Mem);
        }
    }

    /// Boxes the unboxed float at `depth` in place: a call, so no caller-saved register may be
    /// live. If memory runs out the slot holds NULL, which every unwinder skips, and the
    /// current instruction raises `MemoryError`.
    fn box_float(&mut self, depth: usize) {
        // Its error stub would land in the middle of cold code.
        debug_assert!(!self.asm.in_cold());
        let slot = self.slot(depth);
        self.asm.float_load(slot);
        self.call_helper_no_python(ffi::PyFloat_FromDouble as usize);
        self.asm.mov(slot, Reg::Ret);
        self.vs.set(depth, Entry::Mem);
        let err = self.error_exit();
        self.check_ptr(err);
    }

    /// Boxes the unboxed floats among the top `n` entries.
    fn box_floats_in_top(&mut self, n: usize) {
        let d = self.vs.depth();
        for depth in d - n.min(d)..d {
            if self.vs.entries[depth] == Entry::Float {
                self.box_float(depth);
            }
        }
    }

    /// Before an instruction, at its boundary (no register live): boxes the unboxed floats it
    /// would read as objects. Loads only push, and the instructions that handle unboxed
    /// operands (float arithmetic, `STORE_FAST`) or read only objects they pop themselves keep
    /// the deeper entries unboxed: their exits box them. Everything else (calls, jumps,
    /// returns, `yield`) boxes the whole stack first.
    fn box_floats_before(&mut self, op: u8) {
        if !self.vs.entries.contains(&Entry::Float) {
            return;
        }
        use opcode::*;
        match op {
            // (`PRECALL` emits nothing: its `CALL` boxes what it passes.)
            NOP | PRECALL | LOAD_FAST | LOAD_CLOSURE | LOAD_CONST | PUSH_NULL | LOAD_GLOBAL | KW_NAMES => {}
            // Moves slots (`v[i] -= x` swaps the result under the container and index). A copy
            // would make two objects of one: `(y := a*b) is y` must hold.
            SWAP => {}
            // They box their operands themselves when not taking an unboxed path.
            BINARY_OP | STORE_FAST | COMPARE_OP => {}
            // The value stored may stay unboxed: it may replace the value of the old one.
            LOAD_ATTR | LOAD_METHOD | STORE_ATTR => self.box_floats_in_top(1),
            BINARY_SUBSCR | STORE_SUBSCR => self.box_floats_in_top(2),
            // `math.sqrt(x)` of an unboxed `x` keeps it (`gen_call_math_unary`).
            CALL if self.math_unary_site().is_some() => {
                for depth in 0..self.vs.depth() - 1 {
                    if self.vs.entries[depth] == Entry::Float {
                        self.box_float(depth);
                    }
                }
            }
            _ => self.box_floats_in_top(self.vs.depth()),
        }
    }

    /// Materialises the top `n` entries.
    fn materialise_top(&mut self, n: usize) {
        let d = self.vs.depth();
        for depth in d - n..d {
            self.materialise(depth);
        }
    }

    fn flush_all(&mut self) {
        self.materialise_top(self.vs.depth());
    }

    /// Materialises entries that borrow local `i` before it is overwritten or deleted.
    fn flush_local(&mut self, i: u32) {
        if self.vs.borrows_local(i) {
            for depth in 0..self.vs.depth() {
                if self.vs.entries[depth] == Entry::Fast(i) {
                    self.materialise(depth);
                }
            }
        }
    }

    /// Releases the reference `e` held in `reg`, if it was owned.
    fn release(&mut self, e: Entry, reg: Reg) {
        if e == Entry::Mem {
            self.decref_owned(reg, false);
        }
    }

    /// `Py_DECREF(reg)` (`Py_XDECREF` if `maybe_null`) of a reference this instruction owns.
    /// Deallocation can run Python code (`__del__`, weakref callbacks), so it needs an exact
    /// `prev_instr`; both the call and that store live in the cold stream, which keeps the hot
    /// path to `dec; je` (most releases do not free anything).
    fn decref_owned(&mut self, reg: Reg, maybe_null: bool) {
        if self.asm.in_cold() {
            // Cold code is straight-line: a nested cold block would split it.
            self.sync_prev_instr();
            if maybe_null {
                self.asm.xdecref(reg, cpython::_Py_Dealloc as usize);
            } else {
                self.asm.decref(reg, cpython::_Py_Dealloc as usize);
            }
            return;
        }
        let store = (self.prev_instr_written != Some(self.cur.idx)).then(|| self.prev_instr_addr(self.cur.idx as isize));
        let prev_instr_store = self.prev_instr_store;
        let free = self.asm.new_label();
        let done = self.asm.new_label();
        if maybe_null {
            self.asm.test(reg, reg);
            self.asm.jcc(Cond::Eq, done);
        }
        self.asm.add_mem(Mem::new(reg, 0), -1);
        self.asm.jcc(Cond::Eq, free);
        self.asm.bind(done);
        self.asm.cold(|asm| {
            asm.bind(free);
            if let Some(addr) = store {
                asm.push(prev_instr_store.insn(addr));
            }
            if reg != Reg::Arg(0) {
                asm.mov(Reg::Arg(0), reg);
            }
            asm.call(cpython::_Py_Dealloc as usize);
            asm.jmp(done);
        });
        if store.is_some() && self.prev_instr_written.is_some() {
            // The cold path may have replaced an earlier instruction's value.
            self.prev_instr_written = None;
        }
    }

    // ---- exits ----

    /// Returns the label of a cold exit stub that restores `snapshot` and leaves the frame to
    /// the interpreter as `kind` says; stubs of one instruction with equal arguments are shared.
    fn exit_stub(&mut self, snapshot: &VStack, kind: ExitKind, reason: ExitReason) -> Label {
        let stacks = &self.exit_stub_entries;
        if let Some((.., l)) = self
            .exit_stubs
            .iter()
            .find(|(k, r, range, _)| *k == kind && *r == reason && stacks[range.clone()] == snapshot.entries[..])
        {
            return *l;
        }
        let resume_unit = match kind {
            ExitKind::Error | ExitKind::ErrorAfterCall => self.cur.idx as isize,
            ExitKind::Deopt => self.cur.start as isize - 1,
            ExitKind::DeoptAfter => self.cur.next as isize - 1,
        };
        let index = self.exits.len() as i64;
        self.exits.push(ExitInfo::new(
            self.nlocalsplus + snapshot.depth(),
            (kind != ExitKind::ErrorAfterCall).then_some(resume_unit),
            self.cur.op,
            reason,
        ));
        let shared = if matches!(kind, ExitKind::Error | ExitKind::ErrorAfterCall) {
            self.unwind_block();
            *self.shared_error_exit.get_or_insert_with(|| self.asm.new_label())
        } else {
            *self.shared_deopt_exit.get_or_insert_with(|| self.asm.new_label())
        };
        if matches!(kind, ExitKind::Deopt | ExitKind::DeoptAfter) && snapshot.entries.contains(&Entry::Float) {
            // Boxing may run out of memory: the shared block then raises instead.
            self.unwind_block();
            self.deopt_may_raise = true;
        }
        let label = self.asm.new_label();
        let nlocalsplus = self.nlocalsplus;
        self.asm.cold(|asm| {
            asm.bind(label);
            for (depth, e) in snapshot.entries.iter().enumerate() {
                let slot = frame_mem(cpython::localsplus_offset(nlocalsplus + depth));
                Self::materialise_entry(asm, *e, slot, |i| frame_mem(cpython::localsplus_offset(i as usize)));
            }
            asm.mov(Reg::Arg(1), Opnd::Imm(index));
            asm.jmp(shared);
        });
        let start = self.exit_stub_entries.len();
        self.exit_stub_entries.extend_from_slice(&snapshot.entries);
        self.exit_stubs.push((kind, reason, start..self.exit_stub_entries.len(), label));
        label
    }

    /// Emits the shared exit blocks that stubs jump to (index of their `ExitInfo` in
    /// `Arg(1)`) and returns the table they read.
    fn gen_shared_exits(&mut self) -> Box<[ExitInfo]> {
        let exits = std::mem::take(&mut self.exits).into_boxed_slice();
        let table = exits.as_ptr() as i64;
        let unwind = self.unwind_label;
        let deopt_may_raise = self.deopt_may_raise;
        for (shared, is_error) in [(self.shared_error_exit, true), (self.shared_deopt_exit, false)] {
            let Some(shared) = shared else { continue };
            self.asm.cold(|asm| {
                asm.bind(shared);
                asm.mov(Reg::Arg(0), Reg::Frame);
                asm.mov(Reg::Arg(2), Opnd::Imm(table));
                asm.call(crate::runtime::take_exit as usize);
                if is_error {
                    asm.jmp(unwind.expect("error exits create the unwind block"));
                } else {
                    if deopt_may_raise {
                        // A stub found no memory to box an unboxed float (`box_float_slot`
                        // set MemoryError and left NULL): unwind from the exit's instruction.
                        asm.cmp(Mem::new(Reg::TState, layout::tstate::CUREXC_TYPE), Opnd::Imm(0));
                        asm.jcc(Cond::Ne, unwind.expect("such stubs create the unwind block"));
                    }
                    asm.mov(Reg::Ret, Opnd::Imm(1));
                    asm.ret();
                }
            });
        }
        exits
    }

    /// The shared unwinding block (created on first use, emitted at the end).
    fn unwind_block(&mut self) -> Label {
        if let Some(l) = self.unwind_label {
            return l;
        }
        let l = self.asm.new_label();
        self.unwind_label = Some(l);
        l
    }

    /// The shared dispatch on an unwinding result in `Ret`.
    fn dispatch_block(&mut self) -> Label {
        if let Some(l) = self.dispatch_label {
            return l;
        }
        let l = self.asm.new_label();
        self.dispatch_label = Some(l);
        l
    }

    /// Emits the shared unwind and dispatch blocks if anything jumps to them. Handlers are
    /// entered like jump targets: the stack is in the frame, `stacktop` is -1 again.
    fn gen_unwind_blocks(&mut self) {
        let Some(unwind) = self.unwind_label else {
            if self.dispatch_label.is_none() {
                return;
            }
            return self.gen_dispatch_block();
        };
        let dispatch = self.dispatch_block();
        let table = self.handlers.as_ptr() as i64;
        let n = self.handlers.len() as i64;
        self.asm.cold(|asm| {
            asm.bind(unwind);
            asm.mov(Reg::Arg(0), Reg::TState);
            asm.mov(Reg::Arg(1), Reg::Frame);
            asm.mov(Reg::Arg(2), Opnd::Imm(table));
            asm.mov(Reg::Arg(3), Opnd::Imm(n));
            asm.call(crate::unwind::unwind as usize);
            asm.jmp(dispatch);
        });
        self.gen_dispatch_block();
    }

    fn gen_dispatch_block(&mut self) {
        let dispatch = self.dispatch_block();
        let mut targets: Vec<u32> = self.handlers.iter().map(|h| h.target).collect();
        targets.sort_unstable();
        targets.dedup();
        let labels: Vec<(u32, Label)> =
            targets.iter().map(|&t| (t, self.target_label(t as usize))).collect();
        self.asm.cold(|asm| {
            asm.bind(dispatch);
            for (t, l) in &labels {
                asm.cmp(Reg::Ret, Opnd::Imm(*t as i64));
                asm.jcc(Cond::Eq, *l);
            }
            let unwound = asm.new_label();
            let deopt = asm.new_label();
            asm.cmp(Reg::Ret, Opnd::Imm(crate::unwind::UNWOUND));
            asm.jcc(Cond::Eq, unwound);
            asm.cmp(Reg::Ret, Opnd::Imm(crate::unwind::DEOPT_BEFORE));
            asm.jcc(Cond::Eq, deopt);
            // INTERPRETER_UNWINDS: the exception is pending and the frame untouched.
            asm.mov(Reg::Ret, Opnd::Imm(0));
            asm.ret();
            asm.bind(unwound);
            asm.mov(Reg::Ret, Opnd::Imm(crate::hook::RESULT_UNWOUND as i64));
            asm.ret();
            asm.bind(deopt);
            asm.mov(Reg::Ret, Opnd::Imm(1));
            asm.ret();
        });
    }

    /// A block the interpreter had not run ([`unexecuted`]): tells the hook, which compiles the
    /// function again in full if this keeps happening, and leaves to the interpreter at this
    /// instruction. (No register is live at an instruction's start: the call clobbers none.)
    fn gen_unexecuted_exit(&mut self) {
        let deopt = self.exit_here(ExitKind::Deopt, ExitReason::Unexecuted);
        self.asm.mov(Reg::Arg(0), Reg::Frame);
        self.asm.call(crate::runtime::note_unexecuted_in_frame as usize);
        self.asm.jmp(deopt);
    }

    /// [`Self::exit_stub`] for the current virtual stack (without copying it).
    fn exit_here(&mut self, kind: ExitKind, reason: ExitReason) -> Label {
        let vs = std::mem::take(&mut self.vs);
        let l = self.exit_stub(&vs, kind, reason);
        self.vs = vs;
        l
    }

    /// Error exit with the current virtual stack.
    fn error_exit(&mut self) -> Label {
        self.exit_here(ExitKind::Error, ExitReason::Exception)
    }

    /// Jumps to an error exit if `Ret` is NULL.
    fn check_ptr(&mut self, err: Label) {
        self.asm.test(Reg::Ret, Reg::Ret);
        self.asm.jcc(Cond::Eq, err);
    }

    /// `Ret` is a pointer result that may be NULL (error) or 1 (deopt).
    fn check_ptr_or_deopt(&mut self, err: Label, deopt: Label) {
        let cold = self.asm.new_label();
        self.asm.cmp(Reg::Ret, Opnd::Imm(1));
        self.asm.jcc(Cond::BelowEq, cold);
        self.asm.cold(|asm| {
            asm.bind(cold);
            asm.test(Reg::Ret, Reg::Ret);
            asm.jcc(Cond::Eq, err);
            asm.jmp(deopt);
        });
    }

    /// `reg` is an integer result: negative is an error.
    fn check_int(&mut self, reg: Reg, err: Label) {
        self.asm.cmp(reg, Opnd::Imm(0));
        self.asm.jcc(Cond::Lt, err);
    }

    /// Deopts after the current instruction if tracing or profiling was turned on by the code
    /// it called (e.g. `sys.settrace`, `breakpoint()`), so the rest runs and traces in the
    /// interpreter.
    fn check_tracing(&mut self) {
        self.check_tracing_after(None)
    }

    /// `check_tracing` after a CALL: when the callee was a Python function, `prev_instr` reads
    /// `python_call` (the CALL's last cache entry, see `runtime::call`) and only tracing is
    /// checked, as the interpreter does not poll the eval breaker after its inlined calls.
    fn check_tracing_after_call(&mut self) {
        let marker = self.prev_instr_addr(self.cur.next as isize - 1);
        self.check_tracing_after(Some(marker))
    }

    fn check_tracing_after(&mut self, python_call: Option<i64>) {
        // One cold path for both: `after_call` services the eval breaker (as the interpreter
        // does after a call), then reports tracing turned on.
        let err = self.exit_here(ExitKind::Error, ExitReason::Exception);
        let deopt = self.exit_here(ExitKind::DeoptAfter, ExitReason::Tracing);
        let cold = self.asm.new_label();
        let back = self.asm.new_label();
        if self.after_call_check != 0 {
            // 11 bytes instead of 31 at each of a program's thousands of call sites.
            self.asm.call(self.after_call_check);
        } else {
            emit_after_call_check(&mut self.asm);
        }
        self.asm.jcc(Cond::Ne, cold);
        self.asm.bind(back);
        // Tracing was just found off: a line starting before other Python code can run needs
        // no check of its own (see `gen_line_tracing_check`).
        self.python_may_have_run = false;
        let Some(marker) = python_call else {
            return self.cold_service_call(cold, crate::runtime::after_call as usize, back, err, deopt);
        };
        // One helper call decides (it stores `prev_instr` itself when it services the breaker):
        // this cold path is at every call site.
        let back_units = (self.cur.next - 1 - self.cur.idx) as i64;
        self.asm.cold(|asm| {
            asm.bind(cold);
            asm.mov(Reg::Arg(0), Reg::TState);
            asm.mov(Reg::Arg(1), Reg::Frame);
            asm.mov(Reg::Arg(2), Opnd::Imm(marker));
            asm.mov(Reg::Arg(3), Opnd::Imm(back_units));
            asm.call(crate::runtime::after_call_site as usize);
            Self::dispatch_service_result(asm, back, err, deopt);
        });
    }

    /// Cold path at `cold`: calls `helper(tstate)` with `prev_instr` at this instruction, then
    /// goes `back` on 0, to `err` on -1 and to `deopt` otherwise. The hot path never sees the
    /// prev_instr store, but it stores the same value, so tracking stays valid.
    fn cold_service_call(&mut self, cold: Label, helper: usize, back: Label, err: Label, deopt: Label) {
        let prev_instr = self.prev_instr_store.insn(self.prev_instr_addr(self.cur.idx as isize));
        self.asm.cold(|asm| {
            asm.bind(cold);
            asm.push(prev_instr);
            asm.mov(Reg::Arg(0), Reg::TState);
            asm.call(helper);
            Self::dispatch_service_result(asm, back, err, deopt);
        });
    }

    /// After a service helper (0, `runtime::ERR` or `runtime::DEOPT_INT` in `Ret`): continues at
    /// `back`, `err` or `deopt`.
    fn dispatch_service_result(asm: &mut Assembler, back: Label, err: Label, deopt: Label) {
        asm.cmp(Reg::Ret, Opnd::Imm(0));
        asm.jcc(Cond::Eq, back);
        asm.cmp(Reg::Ret, Opnd::Imm(crate::runtime::ERR as i64));
        asm.jcc(Cond::Eq, err);
        asm.jmp(deopt);
    }

    /// Polls the eval breaker (signals, GIL drop requests, pending calls, async exceptions), as
    /// the interpreter does at function entry and loop back-edges (after calls: `check_tracing`).
    fn check_eval_breaker(&mut self) {
        let err = self.exit_here(ExitKind::Error, ExitReason::Exception);
        let deopt = self.exit_here(ExitKind::Deopt, ExitReason::Deopt);
        let cold = self.asm.new_label();
        let back = self.asm.new_label();
        self.asm.mov(Reg::Tmp0, Mem::new(Reg::TState, layout::tstate::INTERP));
        self.asm.cmp_width(Mem::new(Reg::Tmp0, layout::interp::EVAL_BREAKER), Opnd::Imm(0), Width::B32);
        self.asm.jcc(Cond::Ne, cold);
        self.asm.bind(back);
        // Handlers may look at the frame: it is complete and its locals are current; the
        // stack is not visible to them (stacktop stays -1), as in the interpreter.
        self.cold_service_call(cold, crate::runtime::eval_breaker as usize, back, err, deopt);
    }

    /// Name `co_names[i]` (borrowed from the code object).
    fn name(&self, i: u32) -> *mut PyObject {
        // SAFETY: co_names is a tuple owned by the code object and `i` comes from its bytecode.
        unsafe { ffi::PyTuple_GET_ITEM(self.names, i as isize) }
    }

    /// Constant `co_consts[i]` (borrowed from the code object).
    fn constant(&self, i: u32) -> *mut PyObject {
        // SAFETY: co_consts is a tuple owned by the code object and `i` comes from its bytecode.
        unsafe { ffi::PyTuple_GET_ITEM(self.consts, i as isize) }
    }

    fn next_attr_cache(&mut self) -> *mut AttrCache {
        // SAFETY: one cache per reachable attribute instruction, each visited once.
        let c = unsafe { self.attr_caches.add(self.next_attr_cache) };
        self.next_attr_cache += 1;
        c
    }

    fn next_global_cache(&mut self) -> *mut GlobalCache {
        // SAFETY: one cache was allocated per reachable LOAD_GLOBAL; they are visited once each.
        let c = unsafe { self.caches.add(self.next_cache) };
        self.next_cache += 1;
        c
    }
}
