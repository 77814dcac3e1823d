//! Binary operators and comparisons of classes defined in Python (`p - q` with `def __sub__`
//! in `p`'s class, `a < b` with `def __lt__`).
//!
//! The interpreter gets there through `PyNumber_Subtract` → `slot_nb_subtract` →
//! `vectorcall_maybe` → `_PyFunction_Vectorcall` → `_PyEval_Vector`, which enters the method's
//! frame through the frame-evaluation hook like any call from C. Compiled code's generic
//! `BINARY_OP` calls one of the `number_*` functions here instead: where the operand types make
//! the interpreter's outcome certain, they look the method up as `slot_nb_subtract` does and
//! enter it through its fast entry (`hook::fast_call` until it is compiled); in every other
//! case they call the `PyNumber_*` function itself. Covered:
//! - both operands of one class whose slot is the interpreter's method-calling one: its
//!   `__sub__(a, b)`, whose result is final;
//! - such a class on the left and an exact int or float on the right: `__sub__(a, b)`;
//! - an exact int or float on the left and such a class on the right: `__rsub__(b, a)`.
//!
//! In the two mixed cases a `NotImplemented` result means what it means for the interpreter:
//! neither side has another way to compute the result, and the same `TypeError` is raised.
//! Classes with sequence slots (`sq_concat`, `sq_repeat`: lists' subclasses), classes that are
//! also ints or floats, and in-place operators of classes defining an in-place method are left
//! to `PyNumber_*`.
//!
//! Comparisons (`rich_compare`) do the same for two instances of one class whose comparison
//! slot calls its Python methods, within `PyObject_RichCompare`'s recursion level.

use std::ffi::CStr;
use std::ptr;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::ffi::{self, PyNumberMethods, PyObject};

use crate::cpython::{layout, read};
use crate::method_cache::{cached_function, type_function, COMPARISON, REFLECTED};
use crate::runtime::InternedName;
use crate::stats;

/// One binary operator (`BINARY_OP`'s argument without the in-place offset).
struct Operator {
    method: InternedName,
    reflected: InternedName,
    /// As `binop_type_error` names it, for the operator and its in-place form.
    symbol: &'static CStr,
    inplace_symbol: &'static CStr,
    /// Offsets of the slot and of the in-place slot in `PyNumberMethods`.
    slot: usize,
    inplace_slot: usize,
}

macro_rules! operator {
    ($method:literal, $reflected:literal, $symbol:literal, $isymbol:literal, $slot:ident, $islot:ident) => {
        Some(Operator {
            method: InternedName::new($method),
            reflected: InternedName::new($reflected),
            symbol: $symbol,
            inplace_symbol: $isymbol,
            slot: std::mem::offset_of!(PyNumberMethods, $slot),
            inplace_slot: std::mem::offset_of!(PyNumberMethods, $islot),
        })
    };
}

/// By `BINARY_OP` argument (`NB_ADD` = 0 … `NB_XOR` = 12); `**` (ternary) is not covered.
static OPERATORS: [Option<Operator>; 13] = [
    operator!(c"__add__", c"__radd__", c"+", c"+=", nb_add, nb_inplace_add),
    operator!(c"__and__", c"__rand__", c"&", c"&=", nb_and, nb_inplace_and),
    operator!(c"__floordiv__", c"__rfloordiv__", c"//", c"//=", nb_floor_divide, nb_inplace_floor_divide),
    operator!(c"__lshift__", c"__rlshift__", c"<<", c"<<=", nb_lshift, nb_inplace_lshift),
    operator!(c"__matmul__", c"__rmatmul__", c"@", c"@=", nb_matrix_multiply, nb_inplace_matrix_multiply),
    operator!(c"__mul__", c"__rmul__", c"*", c"*=", nb_multiply, nb_inplace_multiply),
    operator!(c"__mod__", c"__rmod__", c"%", c"%=", nb_remainder, nb_inplace_remainder),
    operator!(c"__or__", c"__ror__", c"|", c"|=", nb_or, nb_inplace_or),
    None,
    operator!(c"__rshift__", c"__rrshift__", c">>", c">>=", nb_rshift, nb_inplace_rshift),
    operator!(c"__sub__", c"__rsub__", c"-", c"-=", nb_subtract, nb_inplace_subtract),
    operator!(c"__truediv__", c"__rtruediv__", c"/", c"/=", nb_true_divide, nb_inplace_true_divide),
    operator!(c"__xor__", c"__rxor__", c"^", c"^=", nb_xor, nb_inplace_xor),
];

/// `slot_nb_add` & co. (static in libpython): the slots of a class defining the operator's
/// methods in Python, by operator; 0 until [`remember_operator_slots`].
static METHOD_SLOTS: [AtomicUsize; 13] = [const { AtomicUsize::new(0) }; 13];

/// Records the method-calling slots from `probe`, a class defining every covered operator's
/// method and the comparison methods in Python.
///
/// # Safety
/// GIL held; `probe` is a live heap type.
pub unsafe fn remember_operator_slots(probe: *mut PyObject) {
    // SAFETY: a live heap type has its number methods.
    unsafe {
        let numbers = (*(probe as *mut ffi::PyTypeObject)).tp_as_number;
        if numbers.is_null() {
            return;
        }
        for (op, operator) in OPERATORS.iter().enumerate() {
            if let Some(operator) = operator {
                METHOD_SLOTS[op].store(slot_at(numbers, operator.slot), Ordering::Relaxed);
            }
        }
        if let Some(compare) = (*(probe as *mut ffi::PyTypeObject)).tp_richcompare {
            RICHCOMPARE_SLOT.store(compare as usize, Ordering::Relaxed);
        }
    }
}

/// The function in the slot at `offset` of `numbers` (0 if empty).
///
/// # Safety
/// `numbers` points to a live `PyNumberMethods`; `offset` is one of its slots'.
unsafe fn slot_at(numbers: *const PyNumberMethods, offset: usize) -> usize {
    // SAFETY: as above; each slot is one pointer-sized, possibly null, function pointer.
    unsafe { *((numbers as *const u8).add(offset) as *const usize) }
}

/// The Python function implementing `op` for instances of `tp` as the interpreter would call
/// it (borrowed from the class), if `tp` is a class whose slot for `op` calls its method and
/// nothing else could take part: no sequence slots, not an int or float, and for an in-place
/// operator, no in-place method.
///
/// # Safety
/// GIL held; `tp` is a live type.
unsafe fn python_method(tp: *mut ffi::PyTypeObject, op: usize, inplace: bool, name: &InternedName) -> Option<*mut PyObject> {
    // SAFETY: reads of a live type under the GIL.
    unsafe {
        let operator = OPERATORS[op].as_ref()?;
        let flags = (*tp).tp_flags;
        if flags & ffi::Py_TPFLAGS_HEAPTYPE == 0 || flags & ffi::Py_TPFLAGS_LONG_SUBCLASS != 0 {
            return None;
        }
        let numbers = (*tp).tp_as_number;
        let method_slot = METHOD_SLOTS[op].load(Ordering::Relaxed);
        if numbers.is_null() || method_slot == 0 || slot_at(numbers, operator.slot) != method_slot {
            return None;
        }
        if inplace && slot_at(numbers, operator.inplace_slot) != 0 {
            return None;
        }
        let seq = (*tp).tp_as_sequence;
        if !seq.is_null()
            && ((*seq).sq_concat.is_some()
                || (*seq).sq_repeat.is_some()
                || (*seq).sq_inplace_concat.is_some()
                || (*seq).sq_inplace_repeat.is_some())
        {
            return None;
        }
        if ffi::PyType_IsSubtype(tp, ptr::addr_of_mut!(ffi::PyFloat_Type)) != 0 {
            return None;
        }
        type_function(tp, name)
    }
}

/// Whether `tp` is exactly int or float: their slots give `NotImplemented` for any operand of
/// a class covered here, and they have no sequence slots or in-place slots.
fn is_int_or_float(tp: *mut ffi::PyTypeObject) -> bool {
    tp == ptr::addr_of_mut!(ffi::PyLong_Type) || tp == ptr::addr_of_mut!(ffi::PyFloat_Type)
}

/// [`python_method`] for `op` (in-place forms included) or its reflected form, with its fast
/// entry for two arguments, through the method cache.
///
/// # Safety
/// GIL held; `tp` is a live type.
#[inline(always)]
unsafe fn method_and_entry(tp: *mut ffi::PyTypeObject, op: usize, reflected: bool) -> Option<(*mut PyObject, usize)> {
    // SAFETY: as `cached_function`; `python_method` reads only the type.
    unsafe {
        let key = if reflected { REFLECTED + op } else { op };
        cached_function(tp, key, 2, || {
            let (base, inplace) = if op >= 13 { (op - 13, true) } else { (op, false) };
            let operator = OPERATORS.get(base)?.as_ref()?;
            let name = if reflected { &operator.reflected } else { &operator.method };
            python_method(tp, base, inplace && !reflected, name)
        })
    }
}

/// Calls `func` (a function with the fast entry `entry`, or 0) with `args`, borrowed, as
/// `vectorcall_maybe` calls an operator's method.
///
/// # Safety
/// GIL held; live objects; the running frame's `prev_instr` is current.
#[inline(always)]
unsafe fn call_method(func: *mut PyObject, entry: usize, args: [*mut PyObject; 2]) -> *mut PyObject {
    // SAFETY: the fast entry takes over the references made for it, and its frame holds one
    // to the function; the slower calls borrow the arguments.
    unsafe {
        let tstate = crate::hook::tstate_ptr();
        if entry != 0 {
            let mut owned = [incref(args[0]), incref(args[1])];
            // SAFETY: a fast entry of `func`'s code for two arguments (`fast_entry_of`).
            let fast: crate::codegen::entry::FastEntryFn = std::mem::transmute::<usize, _>(entry);
            fast(func, tstate, owned.as_mut_ptr())
        } else {
            match crate::hook::fast_call(tstate, func, args.as_ptr(), 2, ptr::null_mut(), 0) {
                Some(res) => res,
                None => ffi::PyObject_Vectorcall(func, args.as_ptr(), 2, ptr::null_mut()),
            }
        }
    }
}

/// `a op b` (`op` is `BINARY_OP`'s argument, in-place forms included) through the class's
/// Python method where the module docs say so; `None`: nothing was run, use `PyNumber_*`.
///
/// # Safety
/// GIL held; `a` and `b` are live (borrowed); the running frame's `prev_instr` is current.
#[inline(always)]
unsafe fn call_python_operator(a: *mut PyObject, b: *mut PyObject, op: usize) -> Option<*mut PyObject> {
    // SAFETY: reads of live objects under the GIL; the method is called with references of
    // its own (the fast entry takes them over), and its frame holds one to the function.
    unsafe {
        let (ta, tb) = (ffi::Py_TYPE(a), ffi::Py_TYPE(b));
        // Neither a class defined in Python: the common case, decided by two flag tests.
        if ((*ta).tp_flags | (*tb).tp_flags) & ffi::Py_TPFLAGS_HEAPTYPE == 0 {
            return None;
        }
        let ((func, entry), args) = if ta == tb || is_int_or_float(tb) {
            (method_and_entry(ta, op, false)?, [a, b])
        } else if is_int_or_float(ta) {
            // int and float have no in-place slots: `PyNumber_InPlace*` goes straight to the
            // binary slots, where the class's slot calls its reflected method.
            (method_and_entry(tb, op, true)?, [b, a])
        } else {
            return None;
        };
        stats::get().python_operator_calls += 1;
        let res = call_method(func, entry, args);
        if res == ffi::Py_NotImplemented() {
            // Same class: `slot_nb_*` returns it as the result and `binary_op1` has no other
            // slot to try. Mixed: int's and float's slots return `NotImplemented` too.
            ffi::Py_DECREF(res);
            let base = if op >= 13 { op - 13 } else { op };
            let operator = OPERATORS[base].as_ref()?;
            let symbol = if op >= 13 { operator.inplace_symbol } else { operator.symbol };
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"unsupported operand type(s) for %.100s: '%.100s' and '%.100s'".as_ptr(),
                symbol.as_ptr(),
                (*ta).tp_name,
                (*tb).tp_name,
            );
            return Some(ptr::null_mut());
        }
        Some(res)
    }
}

unsafe fn incref(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: a live object (caller's contract).
    unsafe { ffi::Py_INCREF(o) };
    o
}

macro_rules! number_functions {
    ($($name:ident = $op:literal => $generic:path;)*) => {
        $(
            /// `BINARY_OP` with this operator: see the module docs.
            ///
            /// # Safety
            /// GIL held; live borrowed operands; the frame's `prev_instr` is current.
            pub unsafe extern "C" fn $name(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
                // SAFETY: as documented.
                unsafe {
                    match call_python_operator(a, b, $op) {
                        Some(res) => res,
                        None => $generic(a, b),
                    }
                }
            }
        )*
    };
}

number_functions! {
    number_add = 0 => ffi::PyNumber_Add;
    number_and = 1 => ffi::PyNumber_And;
    number_floor_divide = 2 => ffi::PyNumber_FloorDivide;
    number_lshift = 3 => ffi::PyNumber_Lshift;
    number_matrix_multiply = 4 => ffi::PyNumber_MatrixMultiply;
    number_multiply = 5 => ffi::PyNumber_Multiply;
    number_remainder = 6 => ffi::PyNumber_Remainder;
    number_or = 7 => ffi::PyNumber_Or;
    number_rshift = 9 => ffi::PyNumber_Rshift;
    number_subtract = 10 => ffi::PyNumber_Subtract;
    number_true_divide = 11 => ffi::PyNumber_TrueDivide;
    number_xor = 12 => ffi::PyNumber_Xor;
    number_inplace_add = 13 => ffi::PyNumber_InPlaceAdd;
    number_inplace_and = 14 => ffi::PyNumber_InPlaceAnd;
    number_inplace_floor_divide = 15 => ffi::PyNumber_InPlaceFloorDivide;
    number_inplace_lshift = 16 => ffi::PyNumber_InPlaceLshift;
    number_inplace_matrix_multiply = 17 => ffi::PyNumber_InPlaceMatrixMultiply;
    number_inplace_multiply = 18 => ffi::PyNumber_InPlaceMultiply;
    number_inplace_remainder = 19 => ffi::PyNumber_InPlaceRemainder;
    number_inplace_or = 20 => ffi::PyNumber_InPlaceOr;
    number_inplace_rshift = 22 => ffi::PyNumber_InPlaceRshift;
    number_inplace_subtract = 23 => ffi::PyNumber_InPlaceSubtract;
    number_inplace_true_divide = 24 => ffi::PyNumber_InPlaceTrueDivide;
    number_inplace_xor = 25 => ffi::PyNumber_InPlaceXor;
}

/// `slot_tp_richcompare` (static in libpython): the `tp_richcompare` of a class defining its
/// comparison methods in Python; 0 until [`remember_operator_slots`].
static RICHCOMPARE_SLOT: AtomicUsize = AtomicUsize::new(0);

/// By `COMPARE_OP` argument (`Py_LT` … `Py_GE`): the method, the swapped operator and the
/// operator as `do_richcompare`'s error names it.
static COMPARISONS: [(InternedName, usize, &CStr); 6] = [
    (InternedName::new(c"__lt__"), 4, c"<"),
    (InternedName::new(c"__le__"), 5, c"<="),
    (InternedName::new(c"__eq__"), 2, c"=="),
    (InternedName::new(c"__ne__"), 3, c"!="),
    (InternedName::new(c"__gt__"), 0, c">"),
    (InternedName::new(c"__ge__"), 1, c">="),
];

/// `PyObject_RichCompare(a, b, op)` (a new reference, or NULL with an exception set): for two
/// instances of one class defining the operator's method in Python, the method is entered
/// through its fast entry, as `do_richcompare` → `slot_tp_richcompare` would call it, within
/// the same recursion level `PyObject_RichCompare` counts. A `NotImplemented` result continues
/// as `do_richcompare` does (the swapped method, then identity for `==` and `!=`, or
/// `TypeError`). Anything else goes to `PyObject_RichCompare`.
///
/// # Safety
/// GIL held; live borrowed operands; `op` is `Py_LT` … `Py_GE`; the running frame's
/// `prev_instr` is current.
pub unsafe extern "C" fn rich_compare(a: *mut PyObject, b: *mut PyObject, op: std::os::raw::c_int) -> *mut PyObject {
    // SAFETY: as documented.
    unsafe {
        if let Some(t) = crate::runtime::compare_numbers(a, b, op) {
            let res = if t { ffi::Py_True() } else { ffi::Py_False() };
            return incref(res);
        }
        match compare_python(a, b, op as usize) {
            Some(res) => res,
            None => ffi::PyObject_RichCompare(a, b, op),
        }
    }
}

/// See [`rich_compare`]; `None`: nothing was run.
///
/// # Safety
/// As [`rich_compare`].
#[inline(always)]
unsafe fn compare_python(a: *mut PyObject, b: *mut PyObject, op: usize) -> Option<*mut PyObject> {
    // SAFETY: reads of live objects and of the thread state under the GIL; references as in
    // `call_method`.
    unsafe {
        let tp = ffi::Py_TYPE(a);
        if tp != ffi::Py_TYPE(b) || (*tp).tp_flags & ffi::Py_TPFLAGS_HEAPTYPE == 0 || op >= COMPARISONS.len() {
            return None;
        }
        let slot = RICHCOMPARE_SLOT.load(Ordering::Relaxed);
        if slot == 0 || (*tp).tp_richcompare.map_or(0, |f| f as usize) != slot {
            return None;
        }
        let (name, swapped, symbol) = &COMPARISONS[op];
        let (func, entry) = cached_function(tp, COMPARISON + op, 2, || type_function(tp, name))?;
        // `PyObject_RichCompare`'s recursion level (`_Py_EnterRecursiveCallTstate`).
        let tstate = crate::hook::tstate_ptr();
        let ts = tstate as *mut u8;
        let remaining = read::<i32>(ts, layout::tstate::RECURSION_REMAINING);
        crate::cpython::write::<i32>(ts, layout::tstate::RECURSION_REMAINING, remaining - 1);
        if remaining <= 0 && crate::cpython::_Py_CheckRecursiveCall(tstate, c" in comparison".as_ptr()) != 0 {
            // It gave the level back.
            return Some(ptr::null_mut());
        }
        stats::get().python_operator_calls += 1;
        let mut res = call_method(func, entry, [a, b]);
        if res == ffi::Py_NotImplemented() {
            ffi::Py_DECREF(res);
            // `do_richcompare`'s last try: the class's slot with the operands swapped.
            let compare = (*tp).tp_richcompare.unwrap();
            res = compare(b, a, *swapped as std::os::raw::c_int);
            if res == ffi::Py_NotImplemented() {
                ffi::Py_DECREF(res);
                res = match op {
                    2 => incref(if a == b { ffi::Py_True() } else { ffi::Py_False() }),
                    3 => incref(if a != b { ffi::Py_True() } else { ffi::Py_False() }),
                    _ => {
                        ffi::PyErr_Format(
                            ffi::PyExc_TypeError,
                            c"'%s' not supported between instances of '%.100s' and '%.100s'".as_ptr(),
                            symbol.as_ptr(),
                            (*tp).tp_name,
                            (*tp).tp_name,
                        );
                        ptr::null_mut()
                    }
                };
            }
        }
        let now = read::<i32>(ts, layout::tstate::RECURSION_REMAINING);
        crate::cpython::write::<i32>(ts, layout::tstate::RECURSION_REMAINING, now + 1);
        Some(res)
    }
}
