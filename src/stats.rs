//! Counters behind `pyrite.stats()`.
//!
//! Everything here is touched only with the GIL held, so plain (non-atomic) counters suffice;
//! compiled code increments exit counters in place through their addresses. Counter names
//! follow YJIT's `<opcode>_<reason>` style.

use std::collections::BTreeMap;

/// Why compiled code handed a frame back to the interpreter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum ExitReason {
    /// An exception was raised; the interpreter unwinds (handlers run there).
    Exception = 0,
    /// A helper asked the interpreter to execute the instruction (rare case or error message).
    Deopt = 1,
    /// Tracing or profiling was turned on.
    Tracing = 2,
    /// The local was unbound (UnboundLocalError is raised by the interpreter).
    Unbound = 3,
    /// An instruction that compiled code never executes (e.g. `raise`).
    Unsupported = 4,
    /// Float arithmetic compiled to leave its result unboxed gave something else.
    NotFloat = 5,
    /// A block compiled as an exit because the interpreter had not run it
    /// (`codegen::unexecuted`).
    Unexecuted = 6,
}

pub const EXIT_REASONS: usize = 7;

impl ExitReason {
    pub fn name(self) -> &'static str {
        match self {
            ExitReason::Exception => "exception",
            ExitReason::Deopt => "deopt",
            ExitReason::Tracing => "tracing",
            ExitReason::Unbound => "unbound",
            ExitReason::Unsupported => "interpreted",
            ExitReason::NotFloat => "not_float",
            ExitReason::Unexecuted => "unexecuted",
        }
    }
    fn all() -> [ExitReason; EXIT_REASONS] {
        [
            ExitReason::Exception,
            ExitReason::Deopt,
            ExitReason::Tracing,
            ExitReason::Unbound,
            ExitReason::Unsupported,
            ExitReason::NotFloat,
            ExitReason::Unexecuted,
        ]
    }
}

/// What a `LOAD_ATTR` cache miss looked up (`runtime::attr_miss_kind`).
#[derive(Clone, Copy)]
pub enum AttrMissKind {
    Module,
    OfClass,
    CustomGetattr,
    Instance,
    Property,
    Slot,
    DataDescriptor,
    Method,
    OtherDescriptor,
    ClassAttribute,
}

pub const ATTR_MISS_KINDS: usize = 10;

/// Which way a call made by compiled code outside a fast entry's direct call went
/// (`runtime::call` and its siblings). Direct fast-entry calls from machine code are not
/// counted: they are the fast path these counters measure the rest against.
#[derive(Clone, Copy)]
pub enum CallPath {
    /// A Python-call site's cold path found the callee's fast entry (a polymorphic site, or
    /// the first call).
    PySiteMiss,
    /// A Python function called positionally through the dispatcher (`hook::fast_call`).
    PyDispatcher,
    /// A Python function called with keywords through the dispatcher.
    PyKeywords,
    /// A bound-method object whose function is a Python function.
    BoundMethod,
    /// A class called (`construct`).
    Constructor,
    /// A C function called as the specialised PRECALL forms call it.
    CDirect,
    /// Anything else: `PyObject_Vectorcall`.
    Vectorcall,
}

pub const CALL_PATHS: usize = 7;

/// Counter names of [`CallPath`], in its order.
pub const CALL_PATH_NAMES: [&str; CALL_PATHS] =
    ["py_site_miss", "py_dispatcher", "py_keywords", "bound_method", "constructor", "c_direct", "vectorcall"];

/// Counts a call by the way it went.
#[inline(always)]
pub fn count_call(path: CallPath) {
    get().calls_by_path[path as usize] += 1;
}

/// Counter names of [`AttrMissKind`], in its order.
pub const ATTR_MISS_KIND_NAMES: [&str; ATTR_MISS_KINDS] = [
    "load_attr_module",
    "load_attr_of_class",
    "load_attr_custom_getattr",
    "load_attr_instance",
    "load_attr_property",
    "load_attr_slot",
    "load_attr_data_descriptor",
    "load_attr_method",
    "load_attr_other_descriptor",
    "load_attr_class_attribute",
];

pub struct Stats {
    pub functions_compiled: u64,
    pub functions_refused: u64,
    pub refused_by_reason: BTreeMap<String, u64>,
    pub compile_time_ns: u64,
    pub bytecode_instructions_compiled: u64,
    pub jit_entries: u64,
    /// Bytes of live compiled functions before their cold code (`code_bytes` counts all).
    pub code_hot_bytes: u64,
    /// Heap bytes of live compiled functions' tables: inline caches, exits, handlers, constants.
    pub metadata_bytes: u64,
    /// Generator and coroutine frames resumed by `SEND` or `FOR_ITER` in compiled code without
    /// the hook (`generators::prepare_resume`); also counted in `jit_entries`.
    pub generator_direct_resumes: u64,
    /// Generators and coroutines built by calls from compiled code without running the
    /// function's code (`hook::fast_call`).
    pub generator_direct_creations: u64,
    /// Binary operators and comparisons of classes run by their Python method through the fast
    /// call path (`operators`).
    pub python_operator_calls: u64,
    /// Property reads whose getter ran through its fast entry (`runtime::load_attr`).
    pub property_fast_calls: u64,
    pub interpreted_entries: u64,
    /// Exceptions that left a compiled frame already unwound by compiled code.
    pub unwound_in_jit: u64,
    pub code_memory_full: u64,
    /// Functions compiled again once the interpreter had quickened them (see `hook::Status::Early`).
    pub recompilations: u64,
    /// Functions compiled again without unboxed floats after their float sites kept seeing
    /// other types (`hook::note_float_miss`).
    pub float_respecialisations: u64,
    /// Blocks compiled as an exit because the interpreter had not run them, and the
    /// instructions left out with them (`codegen::unexecuted`).
    pub unexecuted_blocks_skipped: u64,
    pub unexecuted_instructions_skipped: u64,
    /// Functions compiled again in full because their skipped blocks kept being entered
    /// (`hook::note_unexecuted`).
    pub unexecuted_recompilations: u64,
    /// Functions compiled early whose first call looped little: their code was dropped and
    /// they count calls like any function (see `hook::SHORT_FIRST_CALL`).
    pub early_code_dropped: u64,
    /// Fast entries made (`codegen::entry`): functions that compiled call sites enter directly.
    pub fast_entries: u64,
    /// Calls (and generator resumptions) run in the interpreter to collect type feedback before
    /// such a recompilation.
    pub feedback_calls: u64,
    /// Inline-cache misses (slow-path calls) per instruction family.
    pub load_attr_miss: u64,
    /// `load_attr_miss` by what was looked up (`runtime::attr_miss_kind`).
    pub load_attr_miss_kinds: [u64; ATTR_MISS_KINDS],
    pub store_attr_miss: u64,
    pub load_method_miss: u64,
    /// Attribute and method lookups served by an older type of a polymorphic site's cache.
    pub attr_alt_hits: u64,
    /// `LOAD_ATTR`s of class attributes and properties served by a site's `SlowAttr` entry.
    pub attr_slow_hits: u64,
    /// `LOAD_ATTR`s no site cache served, and `LOAD_METHOD`s on classes, answered from the
    /// type's attribute without the generic lookup (see `runtime::megamorphic_attr`).
    pub attr_megamorphic_hits: u64,
    pub load_global_miss: u64,
    /// Calls from compiled code by [`CallPath`].
    pub calls_by_path: [u64; CALL_PATHS],
    /// `exits[opcode][reason]`, incremented by compiled code.
    pub exits: [[u64; EXIT_REASONS]; 256],
    /// Hot machine-code bytes emitted per opcode, [`LINE_CHECKS`] for the tracing checks at
    /// line starts and [`FUNCTION_ENTRY`] for what precedes the first instruction; counted
    /// only when [`code_sizes_wanted`] (a developer's tool).
    pub hot_bytes_by_opcode: [u64; 258],
    /// Instructions (marks) counted in `hot_bytes_by_opcode`, by the same index.
    pub hot_bytes_sites: [u64; 258],
}

/// [`Stats::hot_bytes_by_opcode`] index of the tracing checks at line starts.
pub const LINE_CHECKS: usize = 256;
/// [`Stats::hot_bytes_by_opcode`] index of the prologue and entry code.
pub const FUNCTION_ENTRY: usize = 257;

/// `PYRITE_CODE_SIZES=1`: count hot code bytes per opcode (`stats()["hot_bytes_by_opcode"]`).
pub fn code_sizes_wanted() -> bool {
    static WANTED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *WANTED.get_or_init(|| std::env::var_os("PYRITE_CODE_SIZES").is_some_and(|v| v == "1"))
}

static mut STATS: Stats = Stats {
    functions_compiled: 0,
    functions_refused: 0,
    refused_by_reason: BTreeMap::new(),
    compile_time_ns: 0,
    bytecode_instructions_compiled: 0,
    jit_entries: 0,
    code_hot_bytes: 0,
    metadata_bytes: 0,
    generator_direct_resumes: 0,
    generator_direct_creations: 0,
    python_operator_calls: 0,
    property_fast_calls: 0,
    interpreted_entries: 0,
    unwound_in_jit: 0,
    code_memory_full: 0,
    recompilations: 0,
    float_respecialisations: 0,
    unexecuted_blocks_skipped: 0,
    unexecuted_instructions_skipped: 0,
    unexecuted_recompilations: 0,
    early_code_dropped: 0,
    fast_entries: 0,
    feedback_calls: 0,
    load_attr_miss: 0,
    load_attr_miss_kinds: [0; ATTR_MISS_KINDS],
    store_attr_miss: 0,
    load_method_miss: 0,
    attr_alt_hits: 0,
    attr_slow_hits: 0,
    attr_megamorphic_hits: 0,
    load_global_miss: 0,
    calls_by_path: [0; CALL_PATHS],
    exits: [[0; EXIT_REASONS]; 256],
    hot_bytes_by_opcode: [0; 258],
    hot_bytes_sites: [0; 258],
};

/// The counters.
///
/// Callers must hold the GIL, which serialises every access.
#[allow(static_mut_refs)]
pub fn get() -> &'static mut Stats {
    // SAFETY: all callers hold the GIL, so there is never a concurrent access.
    unsafe { &mut STATS }
}

/// The exit counter of `opcode` and `reason` as one small index (see [`exit_counter_at`]).
pub fn exit_counter_index(opcode: u8, reason: ExitReason) -> usize {
    opcode as usize * EXIT_REASONS + reason as usize
}

/// The exit counter of an [`exit_counter_index`].
pub fn exit_counter_at(index: usize) -> &'static mut u64 {
    &mut get().exits[index / EXIT_REASONS][index % EXIT_REASONS]
}

impl Stats {
    pub fn record_refusal(&mut self, reason: &str) {
        self.functions_refused += 1;
        *self.refused_by_reason.entry(reason.to_string()).or_insert(0) += 1;
    }

    /// Exits by `<opcode>_<reason>`, non-zero only.
    pub fn exits_by_reason(&self) -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        for (op, row) in self.exits.iter().enumerate() {
            for r in ExitReason::all() {
                let n = row[r as usize];
                if n != 0 {
                    out.insert(format!("{}_{}", crate::cpython::opcode::name(op as u8), r.name()), n);
                }
            }
        }
        out
    }

    pub fn total_exits(&self) -> u64 {
        self.exits.iter().flatten().sum()
    }
}
