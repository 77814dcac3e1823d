//! Struct layouts of CPython 3.11 on 64-bit Linux (identical in 3.11.2 and 3.11.7).
//!
//! Offsets are in bytes. `tests/test_layout.py` compiles a probe against the installed headers
//! (`Include/internal/` included) and compares every constant exported by `layout_table()`.

use pyo3::ffi::PyObject;

/// `_PyInterpreterFrame` (`Include/internal/pycore_frame.h`).
pub mod frame {
    pub const F_FUNC: i32 = 0;
    pub const F_GLOBALS: i32 = 8;
    pub const F_BUILTINS: i32 = 16;
    pub const F_LOCALS: i32 = 24;
    pub const F_CODE: i32 = 32;
    pub const FRAME_OBJ: i32 = 40;
    pub const PREVIOUS: i32 = 48;
    pub const PREV_INSTR: i32 = 56;
    pub const STACKTOP: i32 = 64;
    pub const IS_ENTRY: i32 = 68;
    pub const OWNER: i32 = 69;
    pub const LOCALSPLUS: i32 = 72;
    /// `owner` value of a frame owned by the thread's data stack.
    pub const OWNED_BY_THREAD: u8 = 0;
    /// `owner` value of a generator's or coroutine's frame.
    pub const OWNED_BY_GENERATOR: u8 = 1;
}

/// `rangeiterobject` and `listiterobject`: private to `rangeobject.c` / `listobject.c`, so not in
/// the headers; `runtime::check_iter_layouts` verifies them on live objects at `enable()`.
pub mod iter {
    pub const RANGE_INDEX: i32 = 16;
    pub const RANGE_START: i32 = 24;
    pub const RANGE_STEP: i32 = 32;
    pub const RANGE_LEN: i32 = 40;
    pub const LIST_INDEX: i32 = 16;
    pub const LIST_SEQ: i32 = 24;
}

/// `PyCFunctionObject`, `PyMethodDescrObject` and `PyMethodDef` (builtins called directly).
pub mod cfunc {
    pub const M_ML: i32 = 16;
    pub const M_SELF: i32 = 24;
    pub const D_TYPE: i32 = 16;
    pub const D_METHOD: i32 = 40;
    pub const ML_METH: i32 = 8;
    pub const ML_FLAGS: i32 = 16;
}

/// `PyGenObject` / `PyCoroObject` / `PyAsyncGenObject` share this head (`_PyGenObject_HEAD`).
pub mod gen {
    pub const GI_CODE: i32 = 16;
    pub const GI_WEAKREFLIST: i32 = 24;
    pub const GI_NAME: i32 = 32;
    pub const GI_QUALNAME: i32 = 40;
    /// `gi_exc_state`: `{exc_value, previous_item}`.
    pub const GI_EXC_VALUE: i32 = 48;
    pub const GI_EXC_PREVIOUS_ITEM: i32 = 56;
    pub const GI_ORIGIN_OR_FINALIZER: i32 = 64;
    pub const GI_HOOKS_INITED: i32 = 72;
    pub const GI_CLOSED: i32 = 73;
    pub const GI_RUNNING_ASYNC: i32 = 74;
    pub const GI_FRAME_STATE: i32 = 75;
    pub const GI_IFRAME: i32 = 80;
    /// `enum _framestate` values.
    pub const FRAME_CREATED: i8 = -2;
    pub const FRAME_SUSPENDED: i8 = -1;
    pub const FRAME_EXECUTING: i8 = 0;
    pub const FRAME_COMPLETED: i8 = 1;
    pub const FRAME_CLEARED: i8 = 4;
}

/// `_PyCFrame` (`Include/cpython/pystate.h`).
pub mod cframe {
    pub const USE_TRACING: i32 = 0;
    pub const CURRENT_FRAME: i32 = 8;
}

/// `PyThreadState` (`Include/cpython/pystate.h`).
pub mod tstate {
    pub const INTERP: i32 = 16;
    pub const RECURSION_REMAINING: i32 = 32;
    pub const RECURSION_LIMIT: i32 = 36;
    pub const CFRAME: i32 = 56;
    pub const TRACING: i32 = 44;
    pub const C_PROFILEFUNC: i32 = 64;
    pub const C_PROFILEOBJ: i32 = 80;
    pub const C_TRACEOBJ: i32 = 88;
    pub const C_TRACEFUNC: i32 = 72;
    pub const CUREXC_TYPE: i32 = 96;
    pub const EXC_INFO: i32 = 120;
    pub const ASYNC_EXC: i32 = 144;
    pub const DATASTACK_TOP: i32 = 304;
    pub const DATASTACK_LIMIT: i32 = 312;
    pub const COROUTINE_ORIGIN_TRACKING_DEPTH: i32 = 200;
}

/// `PyFrameObject` (`Include/internal/pycore_frame.h`).
pub mod frame_object {
    pub const F_BACK: i32 = 16;
    pub const F_FRAME: i32 = 24;
    pub const F_FRAME_DATA: i32 = 48;
    /// `owner` of a frame copied into its frame object.
    pub const OWNED_BY_FRAME_OBJECT: u8 = 2;
}

/// `FRAME_SPECIALS_SIZE`: words of a frame before `localsplus`.
pub const FRAME_SPECIALS_SIZE: usize = 9;

/// `PyInterpreterState` (`Include/internal/pycore_interp.h`).
pub mod interp {
    pub const EVAL_BREAKER: i32 = 100;
    pub const GIL_DROP_REQUEST: i32 = 104;
    pub const IMPORT_FUNC: i32 = 1416;
    pub const EVAL_FRAME: i32 = 1424;
}

/// `PyCodeObject` (`Include/cpython/code.h`).
pub mod code {
    pub const CO_CONSTS: i32 = 24;
    pub const CO_NAMES: i32 = 32;
    pub const CO_EXCEPTIONTABLE: i32 = 40;
    pub const CO_FLAGS: i32 = 48;
    pub const CO_ARGCOUNT: i32 = 56;
    pub const CO_POSONLYARGCOUNT: i32 = 60;
    pub const CO_KWONLYARGCOUNT: i32 = 64;
    pub const CO_STACKSIZE: i32 = 68;
    pub const CO_FIRSTLINENO: i32 = 72;
    pub const CO_NLOCALSPLUS: i32 = 76;
    pub const CO_NLOCALS: i32 = 80;
    pub const CO_NFREEVARS: i32 = 92;
    pub const CO_NPLAINCELLVARS: i32 = 84;
    pub const CO_LOCALSPLUSNAMES: i32 = 96;
    pub const CO_LOCALSPLUSKINDS: i32 = 104;
    pub const CO_FILENAME: i32 = 112;
    pub const CO_NAME: i32 = 120;
    pub const CO_QUALNAME: i32 = 128;
    pub const CO_LINETABLE: i32 = 136;
    pub const CO_FIRSTTRACEABLE: i32 = 168;
    /// `co_warmup` (short): negative until the code is quickened, counted up by `RESUME` and
    /// `JUMP_BACKWARD`; the interpreter quickens the code when it reaches 0.
    pub const CO_WARMUP: i32 = 52;
    pub const CO_EXTRA: i32 = 176;
    pub const CO_CODE_ADAPTIVE: i32 = 184;

    pub const CO_OPTIMIZED: u32 = 0x0001;
    pub const CO_NEWLOCALS: u32 = 0x0002;
    pub const CO_VARARGS: u32 = 0x0004;
    pub const CO_VARKEYWORDS: u32 = 0x0008;
    pub const CO_GENERATOR: u32 = 0x0020;
    pub const CO_COROUTINE: u32 = 0x0080;
    pub const CO_ITERABLE_COROUTINE: u32 = 0x0100;
    pub const CO_ASYNC_GENERATOR: u32 = 0x0200;
}

/// `PyFunctionObject` (`Include/cpython/funcobject.h`).
pub mod func {
    pub const FUNC_GLOBALS: i32 = 16;
    pub const FUNC_BUILTINS: i32 = 24;
    pub const FUNC_NAME: i32 = 32;
    pub const FUNC_QUALNAME: i32 = 40;
    pub const FUNC_CODE: i32 = 48;
    pub const FUNC_DEFAULTS: i32 = 56;
    pub const FUNC_KWDEFAULTS: i32 = 64;
    pub const FUNC_CLOSURE: i32 = 72;
    pub const FUNC_ANNOTATIONS: i32 = 112;
    pub const FUNC_VECTORCALL: i32 = 120;
}

/// `PyMethodObject` (`Include/cpython/classobject.h`): a bound method.
pub mod method {
    pub const IM_FUNC: i32 = 16;
    pub const IM_SELF: i32 = 24;
}

/// `PyModuleObject` (`Include/internal/pycore_moduleobject.h`).
pub mod module {
    pub const MD_DICT: i32 = 16;
}

/// `PyDictObject` (`Include/cpython/dictobject.h`).
pub mod dict {
    pub const MA_USED: i32 = 16;
    pub const MA_VERSION_TAG: i32 = 24;
    pub const MA_KEYS: i32 = 32;
}

/// Object headers common to every object.
pub mod object {
    pub const OB_REFCNT: i32 = 0;
    pub const OB_TYPE: i32 = 8;
    /// `PyVarObject.ob_size`.
    pub const OB_SIZE: i32 = 16;
    /// First digit of a `PyLongObject` (30-bit digits, `uint32_t`).
    pub const LONG_DIGIT0: i32 = 24;
    /// `PyASCIIObject.hash` (-1 until computed).
    pub const STR_HASH: i32 = 24;
    /// `PyFloatObject.ob_fval`.
    pub const FLOAT_OB_FVAL: i32 = 16;
    /// Pre-header of objects with a managed dict (`Py_TPFLAGS_MANAGED_DICT`):
    /// `_PyObject_ValuesPointer(o)` is `o - 32`, `_PyObject_ManagedDictPointer(o)` is `o - 24`.
    pub const MANAGED_VALUES: i32 = -32;
    pub const MANAGED_DICT: i32 = -24;
    /// `PyCellObject.ob_ref`.
    pub const CELL_OB_REF: i32 = 16;
    /// `PyTupleObject.ob_item` / `PyListObject.ob_item` (pointer for lists).
    pub const TUPLE_OB_ITEM: i32 = 24;
    pub const LIST_OB_ITEM: i32 = 24;
    /// `PyListObject.allocated`: the item array's capacity.
    pub const LIST_ALLOCATED: i32 = 32;
}

/// `PyTypeObject` / `PyHeapTypeObject` / `PyDictKeysObject` fields used by attribute caches.
pub mod types {
    pub const TP_FLAGS: i32 = 168;
    pub const TP_DICTOFFSET: i32 = 288;
    pub const TP_DESCR_GET: i32 = 272;
    pub const TP_VERSION_TAG: i32 = 384;
    pub const TP_VECTORCALL: i32 = 400;
    pub const TP_GETATTRO: i32 = 144;
    pub const TP_SETATTRO: i32 = 152;
    pub const HT_CACHED_KEYS: i32 = 872;
    pub const DK_LOG2_SIZE: i32 = 8;
    pub const DK_LOG2_INDEX_BYTES: i32 = 9;
    pub const DK_KIND: i32 = 10;
    pub const DK_VERSION: i32 = 12;
    pub const DK_NENTRIES: i32 = 24;
    pub const DK_INDICES: i32 = 32;
    pub const TPFLAGS_MANAGED_DICT: u64 = 1 << 4;
    /// `dk_kind` of the shared (split) keys of instances.
    pub const DICT_KEYS_SPLIT: u8 = 2;
    /// `dk_kind` of a combined table whose keys are all strs (`{key, value}` entries).
    pub const DICT_KEYS_UNICODE: u8 = 1;
}

/// `PyMemberDescrObject` / `PyMemberDef` (`__slots__` members).
pub mod member {
    pub const D_MEMBER: i32 = 40;
    pub const TYPE: i32 = 8;
    pub const OFFSET: i32 = 16;
    pub const FLAGS: i32 = 24;
    pub const T_OBJECT_EX: i32 = 16;
    pub const READONLY: i32 = 1;
}

/// `_PyCodeObjectExtra` (private to `Objects/codeobject.c`): `{Py_ssize_t ce_size; void *ce_extras[]}`.
pub mod code_extra {
    pub const CE_SIZE: i32 = 0;
    pub const CE_EXTRAS: i32 = 8;
}

/// Basic sizes visible from Python, checked at start-up as a cheap guard against a foreign ABI.
pub const CODE_BASICSIZE: isize = 184;
pub const FRAME_OBJECT_BASICSIZE: isize = 120;
pub const GENERATOR_BASICSIZE: isize = 152;

/// Every layout constant by name, for the header check in `tests/test_layout.py`.
pub fn layout_table() -> Vec<(&'static str, i64)> {
    vec![
        ("_PyInterpreterFrame.f_func", frame::F_FUNC as i64),
        ("_PyInterpreterFrame.f_globals", frame::F_GLOBALS as i64),
        ("_PyInterpreterFrame.f_builtins", frame::F_BUILTINS as i64),
        ("_PyInterpreterFrame.f_locals", frame::F_LOCALS as i64),
        ("_PyInterpreterFrame.f_code", frame::F_CODE as i64),
        ("_PyInterpreterFrame.frame_obj", frame::FRAME_OBJ as i64),
        ("_PyInterpreterFrame.previous", frame::PREVIOUS as i64),
        ("_PyInterpreterFrame.prev_instr", frame::PREV_INSTR as i64),
        ("_PyInterpreterFrame.stacktop", frame::STACKTOP as i64),
        ("_PyInterpreterFrame.is_entry", frame::IS_ENTRY as i64),
        ("_PyInterpreterFrame.owner", frame::OWNER as i64),
        ("_PyInterpreterFrame.localsplus", frame::LOCALSPLUS as i64),
        ("_PyCFrame.use_tracing", cframe::USE_TRACING as i64),
        ("_PyCFrame.current_frame", cframe::CURRENT_FRAME as i64),
        ("PyThreadState.interp", tstate::INTERP as i64),
        ("PyThreadState.recursion_remaining", tstate::RECURSION_REMAINING as i64),
        ("PyThreadState.recursion_limit", tstate::RECURSION_LIMIT as i64),
        ("PyThreadState.cframe", tstate::CFRAME as i64),
        ("PyThreadState.c_tracefunc", tstate::C_TRACEFUNC as i64),
        ("PyThreadState.c_profilefunc", tstate::C_PROFILEFUNC as i64),
        ("PyThreadState.c_profileobj", tstate::C_PROFILEOBJ as i64),
        ("PyThreadState.c_traceobj", tstate::C_TRACEOBJ as i64),
        ("PyThreadState.tracing", tstate::TRACING as i64),
        ("PyThreadState.exc_info", tstate::EXC_INFO as i64),
        ("PyFunctionObject.vectorcall", func::FUNC_VECTORCALL as i64),
        ("PyCFunctionObject.m_ml", cfunc::M_ML as i64),
        ("PyCFunctionObject.m_self", cfunc::M_SELF as i64),
        ("PyMethodDescrObject.d_common.d_type", cfunc::D_TYPE as i64),
        ("PyMethodDescrObject.d_method", cfunc::D_METHOD as i64),
        ("PyMethodDef.ml_meth", cfunc::ML_METH as i64),
        ("PyMethodDef.ml_flags", cfunc::ML_FLAGS as i64),
        ("PyGenObject.gi_code", gen::GI_CODE as i64),
        ("PyGenObject.gi_weakreflist", gen::GI_WEAKREFLIST as i64),
        ("PyGenObject.gi_name", gen::GI_NAME as i64),
        ("PyGenObject.gi_qualname", gen::GI_QUALNAME as i64),
        ("PyGenObject.gi_exc_state.exc_value", gen::GI_EXC_VALUE as i64),
        ("PyGenObject.gi_exc_state.previous_item", gen::GI_EXC_PREVIOUS_ITEM as i64),
        ("PyGenObject.gi_origin_or_finalizer", gen::GI_ORIGIN_OR_FINALIZER as i64),
        ("PyGenObject.gi_hooks_inited", gen::GI_HOOKS_INITED as i64),
        ("PyGenObject.gi_closed", gen::GI_CLOSED as i64),
        ("PyGenObject.gi_running_async", gen::GI_RUNNING_ASYNC as i64),
        ("PyThreadState.coroutine_origin_tracking_depth", tstate::COROUTINE_ORIGIN_TRACKING_DEPTH as i64),
        ("PyFunctionObject.func_name", func::FUNC_NAME as i64),
        ("PyFunctionObject.func_qualname", func::FUNC_QUALNAME as i64),
        ("PyGenObject.gi_frame_state", gen::GI_FRAME_STATE as i64),
        ("PyGenObject.gi_iframe", gen::GI_IFRAME as i64),
        ("FRAME_OWNED_BY_GENERATOR", frame::OWNED_BY_GENERATOR as i64),
        ("FRAME_CREATED", gen::FRAME_CREATED as i64),
        ("FRAME_SUSPENDED", gen::FRAME_SUSPENDED as i64),
        ("FRAME_EXECUTING", gen::FRAME_EXECUTING as i64),
        ("FRAME_COMPLETED", gen::FRAME_COMPLETED as i64),
        ("FRAME_CLEARED", gen::FRAME_CLEARED as i64),
        ("PyThreadState.curexc_type", tstate::CUREXC_TYPE as i64),
        ("PyThreadState.async_exc", tstate::ASYNC_EXC as i64),
        ("PyThreadState.datastack_top", tstate::DATASTACK_TOP as i64),
        ("PyThreadState.datastack_limit", tstate::DATASTACK_LIMIT as i64),
        ("PyFrameObject.f_back", frame_object::F_BACK as i64),
        ("PyFrameObject.f_frame", frame_object::F_FRAME as i64),
        ("PyFrameObject._f_frame_data", frame_object::F_FRAME_DATA as i64),
        ("PyInterpreterState.ceval.eval_breaker", interp::EVAL_BREAKER as i64),
        ("PyInterpreterState.ceval.gil_drop_request", interp::GIL_DROP_REQUEST as i64),
        ("PyInterpreterState.import_func", interp::IMPORT_FUNC as i64),
        ("PyInterpreterState.eval_frame", interp::EVAL_FRAME as i64),
        ("PyCodeObject.co_consts", code::CO_CONSTS as i64),
        ("PyCodeObject.co_linetable", code::CO_LINETABLE as i64),
        ("PyCodeObject.co_names", code::CO_NAMES as i64),
        ("PyCodeObject.co_exceptiontable", code::CO_EXCEPTIONTABLE as i64),
        ("PyCodeObject.co_flags", code::CO_FLAGS as i64),
        ("PyCodeObject.co_argcount", code::CO_ARGCOUNT as i64),
        ("PyCodeObject.co_posonlyargcount", code::CO_POSONLYARGCOUNT as i64),
        ("PyCodeObject.co_kwonlyargcount", code::CO_KWONLYARGCOUNT as i64),
        ("PyCodeObject.co_stacksize", code::CO_STACKSIZE as i64),
        ("PyCodeObject.co_firstlineno", code::CO_FIRSTLINENO as i64),
        ("PyCodeObject.co_nlocalsplus", code::CO_NLOCALSPLUS as i64),
        ("PyCodeObject.co_nlocals", code::CO_NLOCALS as i64),
        ("PyCodeObject.co_nfreevars", code::CO_NFREEVARS as i64),
        ("PyCodeObject.co_localsplusnames", code::CO_LOCALSPLUSNAMES as i64),
        ("PyCodeObject.co_localspluskinds", code::CO_LOCALSPLUSKINDS as i64),
        ("PyCodeObject.co_filename", code::CO_FILENAME as i64),
        ("PyCodeObject.co_name", code::CO_NAME as i64),
        ("PyCodeObject.co_qualname", code::CO_QUALNAME as i64),
        ("PyCodeObject._co_firsttraceable", code::CO_FIRSTTRACEABLE as i64),
        ("PyCodeObject.co_extra", code::CO_EXTRA as i64),
        ("PyCodeObject.co_warmup", code::CO_WARMUP as i64),
        ("PyCodeObject.co_code_adaptive", code::CO_CODE_ADAPTIVE as i64),
        ("PyFunctionObject.func_globals", func::FUNC_GLOBALS as i64),
        ("PyFunctionObject.func_builtins", func::FUNC_BUILTINS as i64),
        ("PyFunctionObject.func_code", func::FUNC_CODE as i64),
        ("PyFunctionObject.func_defaults", func::FUNC_DEFAULTS as i64),
        ("PyFunctionObject.func_kwdefaults", func::FUNC_KWDEFAULTS as i64),
        ("PyFunctionObject.func_closure", func::FUNC_CLOSURE as i64),
        ("PyFunctionObject.func_annotations", func::FUNC_ANNOTATIONS as i64),
        ("PyDictObject.ma_version_tag", dict::MA_VERSION_TAG as i64),
        ("PyDictObject.ma_keys", dict::MA_KEYS as i64),
        ("PyDictObject.ma_used", dict::MA_USED as i64),
        ("PyModuleObject.md_dict", module::MD_DICT as i64),
        ("PyMethodObject.im_func", method::IM_FUNC as i64),
        ("PyMethodObject.im_self", method::IM_SELF as i64),
        ("DICT_KEYS_SPLIT", types::DICT_KEYS_SPLIT as i64),
        ("DICT_KEYS_UNICODE", types::DICT_KEYS_UNICODE as i64),
        ("PyTypeObject.tp_flags", types::TP_FLAGS as i64),
        ("PyTypeObject.tp_dictoffset", types::TP_DICTOFFSET as i64),
        ("PyTypeObject.tp_descr_get", types::TP_DESCR_GET as i64),
        ("PyTypeObject.tp_version_tag", types::TP_VERSION_TAG as i64),
        ("PyTypeObject.tp_vectorcall", types::TP_VECTORCALL as i64),
        ("PyHeapTypeObject.ht_cached_keys", types::HT_CACHED_KEYS as i64),
        ("PyDictKeysObject.dk_version", types::DK_VERSION as i64),
        ("PyTypeObject.tp_getattro", types::TP_GETATTRO as i64),
        ("PyTypeObject.tp_setattro", types::TP_SETATTRO as i64),
        ("PyDictKeysObject.dk_log2_index_bytes", types::DK_LOG2_INDEX_BYTES as i64),
        ("PyDictKeysObject.dk_kind", types::DK_KIND as i64),
        ("PyDictKeysObject.dk_nentries", types::DK_NENTRIES as i64),
        ("PyDictKeysObject.dk_log2_size", types::DK_LOG2_SIZE as i64),
        ("PyASCIIObject.hash", object::STR_HASH as i64),
        ("PyDictKeysObject.dk_indices", types::DK_INDICES as i64),
        ("PyObject.ob_refcnt", object::OB_REFCNT as i64),
        ("PyObject.ob_type", object::OB_TYPE as i64),
        ("PyVarObject.ob_size", object::OB_SIZE as i64),
        ("PyLongObject.ob_digit", object::LONG_DIGIT0 as i64),
        ("PyFloatObject.ob_fval", object::FLOAT_OB_FVAL as i64),
        ("PyCellObject.ob_ref", object::CELL_OB_REF as i64),
        ("PyTupleObject.ob_item", object::TUPLE_OB_ITEM as i64),
        ("PyListObject.ob_item", object::LIST_OB_ITEM as i64),
        ("PyListObject.allocated", object::LIST_ALLOCATED as i64),
        ("PyObject.managed_values", object::MANAGED_VALUES as i64),
        ("PyMemberDescrObject.d_member", member::D_MEMBER as i64),
        ("PyMemberDef.type", member::TYPE as i64),
        ("PyMemberDef.offset", member::OFFSET as i64),
        ("PyMemberDef.flags", member::FLAGS as i64),
        ("PyObject.managed_dict", object::MANAGED_DICT as i64),
    ]
}

/// Reads a field of type `T` at `offset` bytes from `base`.
///
/// # Safety
/// `base + offset` must be a valid, aligned `T` inside a live object.
#[inline(always)]
pub unsafe fn read<T: Copy>(base: *const u8, offset: i32) -> T {
    // SAFETY: the caller guarantees the address is a live, aligned T.
    unsafe { (base.offset(offset as isize) as *const T).read() }
}

/// Writes a field of type `T` at `offset` bytes from `base`.
///
/// # Safety
/// `base + offset` must be a valid, aligned, writable `T` inside a live object.
#[inline(always)]
pub unsafe fn write<T: Copy>(base: *mut u8, offset: i32, value: T) {
    // SAFETY: the caller guarantees the address is a live, aligned, writable T.
    unsafe { (base.offset(offset as isize) as *mut T).write(value) }
}

/// Pointer to `localsplus[index]` of a frame.
#[inline(always)]
pub fn localsplus_offset(index: usize) -> i32 {
    frame::LOCALSPLUS + 8 * index as i32
}

/// Reads the `co_code_adaptive` code units of a code object.
///
/// # Safety
/// `code` must be a live `PyCodeObject`.
pub unsafe fn code_units(code: *mut PyObject) -> &'static [u16] {
    // SAFETY: `co_code_adaptive` is inline in the code object; its length in bytes is
    // `Py_SIZE(code) * 2` (itemsize 2, one item per code unit); the slice lives as long as the
    // code object, which the caller keeps alive while using it.
    unsafe {
        let n = read::<isize>(code as *const u8, object::OB_SIZE) as usize;
        std::slice::from_raw_parts((code as *const u8).offset(code::CO_CODE_ADAPTIVE as isize) as *const u16, n)
    }
}
