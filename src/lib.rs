//! Pyrite: a just-in-time compiler for CPython 3.11, installed through PEP 523.
//!
//! Module map (one concern per file, in the manner of YJIT):
//! - `cpython/`: everything bound to CPython 3.11 internals (layouts, private API, opcodes);
//! - `hook`: the frame-evaluation hook and per-code state in `co_extra`;
//! - `codegen/`: bytecode → IR, with a virtual value stack;
//! - `ir`: the low-level IR; `backend/`: IR → machine code (x86-64, encoded by hand);
//! - `codemem`: W^X executable memory; `runtime`: helpers called by compiled code;
//! - `stats`: counters behind `pyrite.stats()`.

// Helpers are passed to compiled code as plain addresses.
#![allow(function_casts_as_integer)]

pub mod backend;
pub mod codegen;
pub mod codemem;
pub mod cpython;
pub mod hook;
pub mod ir;
pub mod method_cache;
pub mod runtime;
pub mod stats;
pub mod namespaces;
pub mod operators;
pub mod profiling;
pub mod generators;
pub mod unwind;

use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// Calls before a function is compiled when `PYRITE_THRESHOLD` is not set; see
/// docs/benchmarks.md for the measurement behind it.
pub const DEFAULT_THRESHOLD: u64 = 100;

fn check_interpreter(py: Python<'_>) -> PyResult<()> {
    let sys = py.import("sys")?;
    let version: (u32, u32) = sys.getattr("version_info")?.get_item(0)?.extract::<u32>().and_then(|a| {
        Ok((a, sys.getattr("version_info")?.get_item(1)?.extract::<u32>()?))
    })?;
    let implementation: String = sys.getattr("implementation")?.getattr("name")?.extract()?;
    if implementation != "cpython" || version != (3, 11) {
        return Err(PyRuntimeError::new_err(format!(
            "pyrite supports CPython 3.11 only, not {implementation} {}.{}",
            version.0, version.1
        )));
    }
    // SAFETY: reading `tp_basicsize` of static type objects.
    let sizes = unsafe {
        [
            ("CodeType", (*std::ptr::addr_of!(pyo3::ffi::PyCode_Type)).tp_basicsize, cpython::CODE_BASICSIZE),
            ("FrameType", (*std::ptr::addr_of!(pyo3::ffi::PyFrame_Type)).tp_basicsize, cpython::FRAME_OBJECT_BASICSIZE),
            ("GeneratorType", (*std::ptr::addr_of!(pyo3::ffi::PyGen_Type)).tp_basicsize, cpython::GENERATOR_BASICSIZE),
        ]
    };
    for (name, got, expected) in sizes {
        if got != expected {
            return Err(PyRuntimeError::new_err(format!(
                "unexpected CPython ABI: types.{name}.__basicsize__ is {got}, pyrite was built for {expected}"
            )));
        }
    }
    cpython::opcode::OpcodeTables::load(py)?;
    Ok(())
}

/// Installs the JIT with the given compile thresholds (calls before compiling a function;
/// `loop_threshold` for functions that contain a loop).
#[pyfunction]
fn enable(py: Python<'_>, threshold: u64, loop_threshold: u64, prep_reraise_star: Bound<'_, PyAny>) -> PyResult<()> {
    check_interpreter(py)?;
    unwind::remember_prep_reraise_star(prep_reraise_star.unbind());
    // SAFETY: GIL held; the builtin is kept alive by the reference the runtime takes.
    unsafe { runtime::remember_getrefcount(pyo3::ffi::PySys_GetObject(c"getrefcount".as_ptr())) };
    let builtins = py.import("builtins")?;
    let len = builtins.getattr("len")?;
    let append = builtins.getattr("list")?.getattr("__dict__")?.get_item("append")?;
    let isinstance = builtins.getattr("isinstance")?;
    // SAFETY: GIL held; the objects live as long as the interpreter.
    unsafe { runtime::remember_builtins(len.as_ptr(), append.as_ptr(), isinstance.as_ptr()) };
    // A class with a Python `__init__`: its `tp_init` is `slot_tp_init` (static in libpython),
    // which the fast construction path recognises.
    // With a Python `__getattr__` too: its `tp_getattro` is `slot_tp_getattr_hook`.
    let probe_class = py.eval(
        c"type('_pyrite_init_probe', (), {'__init__': lambda self: None, '__getattr__': lambda self, name: None})",
        None,
        None,
    )?;
    // SAFETY: GIL held; a live heap type.
    unsafe {
        runtime::remember_slot_tp_init(probe_class.as_ptr());
        runtime::remember_getattr_hook(probe_class.as_ptr());
    }
    // A class defining each binary operator and a comparison in Python: its slots are the
    // method-calling `slot_nb_*` and `slot_tp_richcompare`, which `operators` recognises.
    let operator_probe = py.eval(
        c"type('_pyrite_operator_probe', (), {m: (lambda s, o: None) for m in ('__add__', '__and__', '__floordiv__', '__lshift__', '__matmul__', '__mul__', '__mod__', '__or__', '__rshift__', '__sub__', '__truediv__', '__xor__', '__lt__')})",
        None,
        None,
    )?;
    // SAFETY: GIL held; a live heap type.
    unsafe { operators::remember_operator_slots(operator_probe.as_ptr()) };
    let getter = py.eval(c"lambda self: None", None, None)?;
    let prop = builtins.getattr("property")?.call1((&getter,))?;
    // SAFETY: GIL held; live objects.
    unsafe { runtime::check_property_layout(prop.as_ptr(), getter.as_ptr()) };
    let range = builtins.getattr("range")?.call1((5, 100, 7))?;
    // SAFETY: GIL held; `range(5, 100, 7)` as `check_range_layout` documents.
    unsafe { runtime::check_range_layout(range.as_ptr()) };
    let range_it = builtins.getattr("iter")?.call1((&range,))?;
    range_it.call_method0("__next__")?;
    let lst = pyo3::types::PyList::new(py, [1, 2, 3])?;
    let list_it = lst.call_method0("__iter__")?;
    list_it.call_method0("__next__")?;
    // SAFETY: GIL held; the objects are what `check_iter_layouts` documents.
    unsafe { runtime::check_iter_layouts(range_it.as_ptr(), list_it.as_ptr(), lst.as_ptr()) };
    hook::enable(threshold, loop_threshold).map_err(PyRuntimeError::new_err)
}

/// Removes the JIT hook.
#[pyfunction]
fn disable() {
    hook::disable()
}

#[pyfunction]
fn is_enabled() -> bool {
    hook::is_enabled()
}

/// The counters as a dict.
#[pyfunction(name = "stats")]
fn stats_dict(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let s = stats::get();
    let d = PyDict::new(py);
    d.set_item("enabled", hook::is_enabled())?;
    d.set_item("functions_compiled", s.functions_compiled)?;
    d.set_item("functions_refused", s.functions_refused)?;
    d.set_item("bytecode_instructions_compiled", s.bytecode_instructions_compiled)?;
    let mem = hook::code_memory();
    d.set_item("code_bytes", mem.live_bytes)?;
    d.set_item("code_hot_bytes", s.code_hot_bytes)?;
    d.set_item("metadata_bytes", s.metadata_bytes)?;
    d.set_item("code_memory_mapped_bytes", mem.mapped_bytes)?;
    d.set_item("code_memory_released_bytes", mem.released_bytes)?;
    d.set_item(
        "code_memory_backing",
        match mem.backing() {
            codemem::Backing::DoubleMapped { .. } => "double-mapped",
            codemem::Backing::Anonymous => "anonymous",
            codemem::Backing::Frozen => "frozen",
        },
    )?;
    d.set_item("code_memory_copies_after_fork", mem.copies_after_fork)?;
    d.set_item("compile_time_s", s.compile_time_ns as f64 / 1e9)?;
    d.set_item("recompilations", s.recompilations)?;
    d.set_item("float_respecialisations", s.float_respecialisations)?;
    d.set_item("unexecuted_blocks_skipped", s.unexecuted_blocks_skipped)?;
    d.set_item("unexecuted_instructions_skipped", s.unexecuted_instructions_skipped)?;
    d.set_item("unexecuted_recompilations", s.unexecuted_recompilations)?;
    d.set_item("early_code_dropped", s.early_code_dropped)?;
    d.set_item("fast_entries", s.fast_entries)?;
    d.set_item("feedback_calls", s.feedback_calls)?;
    let per_instr = if s.bytecode_instructions_compiled > 0 {
        s.compile_time_ns as f64 / 1e3 / s.bytecode_instructions_compiled as f64
    } else {
        0.0
    };
    d.set_item("compile_time_us_per_instruction", per_instr)?;
    d.set_item("jit_entries", s.jit_entries)?;
    d.set_item("generator_direct_resumes", s.generator_direct_resumes)?;
    d.set_item("generator_direct_creations", s.generator_direct_creations)?;
    d.set_item("python_operator_calls", s.python_operator_calls)?;
    d.set_item("property_fast_calls", s.property_fast_calls)?;
    d.set_item("interpreted_entries", s.interpreted_entries)?;
    d.set_item("unwound_in_jit", s.unwound_in_jit)?;
    d.set_item("exits", s.total_exits())?;
    d.set_item("load_attr_cache_misses", s.load_attr_miss)?;
    let kinds = PyDict::new(py);
    for (k, v) in stats::ATTR_MISS_KIND_NAMES.iter().zip(s.load_attr_miss_kinds) {
        if v > 0 {
            kinds.set_item(*k, v)?;
        }
    }
    d.set_item("load_attr_misses_by_kind", kinds)?;
    d.set_item("store_attr_cache_misses", s.store_attr_miss)?;
    d.set_item("load_method_cache_misses", s.load_method_miss)?;
    d.set_item("attr_cache_polymorphic_hits", s.attr_alt_hits)?;
    d.set_item("attr_cache_class_and_property_hits", s.attr_slow_hits)?;
    d.set_item("attr_megamorphic_hits", s.attr_megamorphic_hits)?;
    d.set_item("load_global_cache_misses", s.load_global_miss)?;
    let calls = PyDict::new(py);
    for (k, v) in stats::CALL_PATH_NAMES.iter().zip(s.calls_by_path) {
        calls.set_item(*k, v)?;
    }
    d.set_item("calls_by_path", calls)?;
    let refused = PyDict::new(py);
    for (k, v) in &s.refused_by_reason {
        refused.set_item(k, v)?;
    }
    d.set_item("refused_by_reason", refused)?;
    let exits = PyDict::new(py);
    for (k, v) in s.exits_by_reason() {
        exits.set_item(k, v)?;
    }
    d.set_item("exits_by_reason", exits)?;
    if stats::code_sizes_wanted() {
        // name: (bytes, instructions with any hot code)
        let sizes = PyDict::new(py);
        for (op, &n) in s.hot_bytes_by_opcode.iter().enumerate() {
            let name = match op {
                stats::LINE_CHECKS => "(line tracing checks)",
                stats::FUNCTION_ENTRY => "(function entry)",
                _ => cpython::opcode::name(op as u8),
            };
            if n > 0 {
                sizes.set_item(name, (n, s.hot_bytes_sites[op]))?;
            }
        }
        d.set_item("hot_bytes_by_opcode", sizes)?;
    }
    Ok(d)
}

/// Offsets Pyrite uses, by "Struct.field", for the header check in the tests.
#[pyfunction]
fn _layout(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in cpython::layout_table() {
        d.set_item(k, v)?;
    }
    Ok(d)
}

/// The line of every code unit of `code` as the compiler computes it from `co_linetable`
/// (tests compare it with `co_lines()`).
#[pyfunction]
fn _unit_lines(code: &Bound<'_, PyAny>) -> PyResult<Vec<i32>> {
    if !code.is_instance_of::<pyo3::types::PyCode>() {
        return Err(pyo3::exceptions::PyTypeError::new_err("a code object is required"));
    }
    Ok(codegen::unit_lines(code.as_ptr()))
}

/// Opcode names by number (specialised forms included) and each opcode's base opcode, as
/// Pyrite derived them at `enable()`; for the test against `dis`.
#[pyfunction]
fn _opcode_tables(py: Python<'_>) -> PyResult<(Vec<String>, Vec<u8>)> {
    let t = cpython::opcode::OpcodeTables::load(py)?;
    Ok((t.names.clone(), t.deopt.to_vec()))
}

/// "counting", "compiled" or "refused" for a function or code object.
#[pyfunction]
fn _code_status(obj: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    let code = if obj.hasattr("__code__")? { obj.getattr("__code__")? } else { obj.clone() };
    let code_type = obj.py().import("types")?.getattr("CodeType")?;
    if !code.is_instance(&code_type)? {
        return Err(PyTypeError::new_err("expected a function or code object"));
    }
    Ok(hook::code_status(code.as_ptr()))
}

/// The current machine code of a function or code object and its address, or None if it is
/// not compiled; for inspecting generated code (`objdump -b binary -m i386:x86-64
/// --adjust-vma=ADDR -D`).
#[pyfunction]
fn _machine_code<'py>(py: Python<'py>, obj: &Bound<'py, PyAny>) -> PyResult<Option<(usize, Bound<'py, pyo3::types::PyBytes>)>> {
    let code = if obj.hasattr("__code__")? { obj.getattr("__code__")? } else { obj.clone() };
    let code_type = py.import("types")?.getattr("CodeType")?;
    if !code.is_instance(&code_type)? {
        return Err(PyTypeError::new_err("expected a function or code object"));
    }
    Ok(hook::machine_code(code.as_ptr()).map(|(addr, bytes)| (addr, pyo3::types::PyBytes::new(py, bytes))))
}

/// Runs `f(*args)` with the recursion depth counted as if this call were at `depth_here`, then
/// restores the count: the launcher runs programs at the recursion depth `python script.py`
/// would, so `RecursionError` happens at the same depth as without it.
#[pyfunction]
fn _call_at_depth<'py>(f: &Bound<'py, PyAny>, args: &Bound<'py, PyTuple>, depth_here: i32) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: the GIL is held, so the thread state is ours and valid.
    let ts = unsafe { pyo3::ffi::PyThreadState_Get() } as *mut u8;
    let off = cpython::layout::tstate::RECURSION_REMAINING;
    // Depth of this call site = limit - remaining.
    // SAFETY: fields of the current thread state (offsets checked by the layout test).
    let hidden = unsafe {
        let remaining = cpython::read::<i32>(ts, off);
        let limit = cpython::read::<i32>(ts, cpython::layout::tstate::RECURSION_LIMIT);
        let hidden = limit - remaining - depth_here;
        cpython::write::<i32>(ts, off, remaining + hidden);
        hidden
    };
    let result = f.call1(args);
    // SAFETY: as above.
    unsafe {
        let remaining = cpython::read::<i32>(ts, off);
        cpython::write::<i32>(ts, off, remaining - hidden);
    }
    result
}

#[pymodule]
fn _pyrite(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_THRESHOLD", DEFAULT_THRESHOLD)?;
    m.add_function(wrap_pyfunction!(enable, m)?)?;
    m.add_function(wrap_pyfunction!(disable, m)?)?;
    m.add_function(wrap_pyfunction!(is_enabled, m)?)?;
    m.add_function(wrap_pyfunction!(stats_dict, m)?)?;
    m.add_function(wrap_pyfunction!(_layout, m)?)?;
    m.add_function(wrap_pyfunction!(_code_status, m)?)?;
    m.add_function(wrap_pyfunction!(_machine_code, m)?)?;
    m.add_function(wrap_pyfunction!(_opcode_tables, m)?)?;
    m.add_function(wrap_pyfunction!(_unit_lines, m)?)?;
    m.add_function(wrap_pyfunction!(_call_at_depth, m)?)?;
    Ok(())
}
