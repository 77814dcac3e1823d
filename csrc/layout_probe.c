/* Prints the offsets of the CPython 3.11 internals Pyrite binds, from the installed headers.
 * Built and run by tests/test_layout.py; the output is "name offset" lines. */
#define Py_BUILD_CORE 1
#define NDEBUG 1
#include <Python.h>
#include <stddef.h>
#include <structmember.h>
#include "internal/pycore_frame.h"
#include "internal/pycore_interp.h"
#include "internal/pycore_code.h"
#include "internal/pycore_dict.h"
#include "internal/pycore_object.h"
#include "internal/pycore_moduleobject.h"

typedef struct { Py_ssize_t ce_size; void *ce_extras[1]; } CodeExtraMirror;

#define P(name, type, field) printf("%s %zu\n", name, offsetof(type, field))

int main(void) {
    P("_PyInterpreterFrame.f_func", _PyInterpreterFrame, f_func);
    P("_PyInterpreterFrame.f_globals", _PyInterpreterFrame, f_globals);
    P("_PyInterpreterFrame.f_builtins", _PyInterpreterFrame, f_builtins);
    P("_PyInterpreterFrame.f_locals", _PyInterpreterFrame, f_locals);
    P("_PyInterpreterFrame.f_code", _PyInterpreterFrame, f_code);
    P("_PyInterpreterFrame.frame_obj", _PyInterpreterFrame, frame_obj);
    P("_PyInterpreterFrame.previous", _PyInterpreterFrame, previous);
    P("_PyInterpreterFrame.prev_instr", _PyInterpreterFrame, prev_instr);
    P("_PyInterpreterFrame.stacktop", _PyInterpreterFrame, stacktop);
    P("_PyInterpreterFrame.is_entry", _PyInterpreterFrame, is_entry);
    P("_PyInterpreterFrame.owner", _PyInterpreterFrame, owner);
    P("_PyInterpreterFrame.localsplus", _PyInterpreterFrame, localsplus);
    P("_PyCFrame.use_tracing", _PyCFrame, use_tracing);
    P("_PyCFrame.current_frame", _PyCFrame, current_frame);
    P("PyThreadState.interp", PyThreadState, interp);
    P("PyThreadState.recursion_remaining", PyThreadState, recursion_remaining);
    P("PyThreadState.recursion_limit", PyThreadState, recursion_limit);
    P("PyThreadState.cframe", PyThreadState, cframe);
    P("PyThreadState.c_tracefunc", PyThreadState, c_tracefunc);
    P("PyThreadState.c_profilefunc", PyThreadState, c_profilefunc);
    P("PyThreadState.c_profileobj", PyThreadState, c_profileobj);
    P("PyThreadState.c_traceobj", PyThreadState, c_traceobj);
    P("PyThreadState.tracing", PyThreadState, tracing);
    P("PyThreadState.exc_info", PyThreadState, exc_info);
    P("PyFunctionObject.vectorcall", PyFunctionObject, vectorcall);
    P("PyCFunctionObject.m_ml", PyCFunctionObject, m_ml);
    P("PyCFunctionObject.m_self", PyCFunctionObject, m_self);
    P("PyMethodDescrObject.d_common.d_type", PyMethodDescrObject, d_common.d_type);
    P("PyMethodDescrObject.d_method", PyMethodDescrObject, d_method);
    P("PyMethodDef.ml_meth", PyMethodDef, ml_meth);
    P("PyMethodDef.ml_flags", PyMethodDef, ml_flags);
    P("PyGenObject.gi_code", PyGenObject, gi_code);
    P("PyGenObject.gi_frame_state", PyGenObject, gi_frame_state);
    P("PyGenObject.gi_weakreflist", PyGenObject, gi_weakreflist);
    P("PyGenObject.gi_name", PyGenObject, gi_name);
    P("PyGenObject.gi_qualname", PyGenObject, gi_qualname);
    P("PyGenObject.gi_exc_state.exc_value", PyGenObject, gi_exc_state.exc_value);
    P("PyGenObject.gi_exc_state.previous_item", PyGenObject, gi_exc_state.previous_item);
    P("PyGenObject.gi_origin_or_finalizer", PyGenObject, gi_origin_or_finalizer);
    P("PyGenObject.gi_hooks_inited", PyGenObject, gi_hooks_inited);
    P("PyGenObject.gi_closed", PyGenObject, gi_closed);
    P("PyGenObject.gi_running_async", PyGenObject, gi_running_async);
    P("PyThreadState.coroutine_origin_tracking_depth", PyThreadState, coroutine_origin_tracking_depth);
    P("PyFunctionObject.func_name", PyFunctionObject, func_name);
    P("PyFunctionObject.func_qualname", PyFunctionObject, func_qualname);
    P("PyGenObject.gi_iframe", PyGenObject, gi_iframe);
    printf("FRAME_OWNED_BY_GENERATOR %d\n", (int)FRAME_OWNED_BY_GENERATOR);
    printf("FRAME_CREATED %d\n", (int)FRAME_CREATED);
    printf("FRAME_SUSPENDED %d\n", (int)FRAME_SUSPENDED);
    printf("FRAME_EXECUTING %d\n", (int)FRAME_EXECUTING);
    printf("FRAME_COMPLETED %d\n", (int)FRAME_COMPLETED);
    printf("FRAME_CLEARED %d\n", (int)FRAME_CLEARED);
    P("PyThreadState.curexc_type", PyThreadState, curexc_type);
    P("PyThreadState.async_exc", PyThreadState, async_exc);
    P("PyThreadState.datastack_top", PyThreadState, datastack_top);
    P("PyThreadState.datastack_limit", PyThreadState, datastack_limit);
    P("PyFrameObject.f_back", PyFrameObject, f_back);
    P("PyFrameObject.f_frame", PyFrameObject, f_frame);
    P("PyFrameObject._f_frame_data", PyFrameObject, _f_frame_data);
    P("PyInterpreterState.ceval.eval_breaker", PyInterpreterState, ceval.eval_breaker);
    P("PyInterpreterState.ceval.gil_drop_request", PyInterpreterState, ceval.gil_drop_request);
    P("PyInterpreterState.import_func", PyInterpreterState, import_func);
    P("PyInterpreterState.eval_frame", PyInterpreterState, eval_frame);
    P("PyCodeObject.co_consts", PyCodeObject, co_consts);
    P("PyCodeObject.co_linetable", PyCodeObject, co_linetable);
    P("PyCodeObject.co_names", PyCodeObject, co_names);
    P("PyCodeObject.co_exceptiontable", PyCodeObject, co_exceptiontable);
    P("PyCodeObject.co_flags", PyCodeObject, co_flags);
    P("PyCodeObject.co_argcount", PyCodeObject, co_argcount);
    P("PyCodeObject.co_posonlyargcount", PyCodeObject, co_posonlyargcount);
    P("PyCodeObject.co_kwonlyargcount", PyCodeObject, co_kwonlyargcount);
    P("PyCodeObject.co_stacksize", PyCodeObject, co_stacksize);
    P("PyCodeObject.co_firstlineno", PyCodeObject, co_firstlineno);
    P("PyCodeObject.co_nlocalsplus", PyCodeObject, co_nlocalsplus);
    P("PyCodeObject.co_nlocals", PyCodeObject, co_nlocals);
    P("PyCodeObject.co_nfreevars", PyCodeObject, co_nfreevars);
    P("PyCodeObject.co_localsplusnames", PyCodeObject, co_localsplusnames);
    P("PyCodeObject.co_localspluskinds", PyCodeObject, co_localspluskinds);
    P("PyCodeObject.co_filename", PyCodeObject, co_filename);
    P("PyCodeObject.co_name", PyCodeObject, co_name);
    P("PyCodeObject.co_qualname", PyCodeObject, co_qualname);
    P("PyCodeObject._co_firsttraceable", PyCodeObject, _co_firsttraceable);
    P("PyCodeObject.co_extra", PyCodeObject, co_extra);
    P("PyCodeObject.co_warmup", PyCodeObject, co_warmup);
    P("PyCodeObject.co_code_adaptive", PyCodeObject, co_code_adaptive);
    P("PyFunctionObject.func_globals", PyFunctionObject, func_globals);
    P("PyFunctionObject.func_builtins", PyFunctionObject, func_builtins);
    P("PyFunctionObject.func_code", PyFunctionObject, func_code);
    P("PyFunctionObject.func_defaults", PyFunctionObject, func_defaults);
    P("PyFunctionObject.func_kwdefaults", PyFunctionObject, func_kwdefaults);
    P("PyFunctionObject.func_closure", PyFunctionObject, func_closure);
    P("PyFunctionObject.func_annotations", PyFunctionObject, func_annotations);
    P("PyDictObject.ma_version_tag", PyDictObject, ma_version_tag);
    P("PyTypeObject.tp_flags", PyTypeObject, tp_flags);
    P("PyTypeObject.tp_dictoffset", PyTypeObject, tp_dictoffset);
    P("PyTypeObject.tp_descr_get", PyTypeObject, tp_descr_get);
    P("PyTypeObject.tp_version_tag", PyTypeObject, tp_version_tag);
    P("PyTypeObject.tp_vectorcall", PyTypeObject, tp_vectorcall);
    P("PyHeapTypeObject.ht_cached_keys", PyHeapTypeObject, ht_cached_keys);
    P("PyDictKeysObject.dk_version", PyDictKeysObject, dk_version);
    P("PyTypeObject.tp_getattro", PyTypeObject, tp_getattro);
    P("PyTypeObject.tp_setattro", PyTypeObject, tp_setattro);
    P("PyDictKeysObject.dk_log2_index_bytes", PyDictKeysObject, dk_log2_index_bytes);
    P("PyDictKeysObject.dk_kind", PyDictKeysObject, dk_kind);
    P("PyDictObject.ma_keys", PyDictObject, ma_keys);
    P("PyDictObject.ma_used", PyDictObject, ma_used);
    P("PyModuleObject.md_dict", PyModuleObject, md_dict);
    P("PyMethodObject.im_func", PyMethodObject, im_func);
    P("PyMethodObject.im_self", PyMethodObject, im_self);
    printf("DICT_KEYS_SPLIT %d\n", (int)DICT_KEYS_SPLIT);
    printf("DICT_KEYS_UNICODE %d\n", (int)DICT_KEYS_UNICODE);
    P("PyDictKeysObject.dk_nentries", PyDictKeysObject, dk_nentries);
    P("PyDictKeysObject.dk_log2_size", PyDictKeysObject, dk_log2_size);
    P("PyASCIIObject.hash", PyASCIIObject, hash);
    P("PyDictKeysObject.dk_indices", PyDictKeysObject, dk_indices);
    P("PyMemberDescrObject.d_member", PyMemberDescrObject, d_member);
    P("PyMemberDef.type", PyMemberDef, type);
    P("PyMemberDef.offset", PyMemberDef, offset);
    P("PyMemberDef.flags", PyMemberDef, flags);
    P("PyObject.ob_refcnt", PyObject, ob_refcnt);
    P("PyObject.ob_type", PyObject, ob_type);
    P("PyVarObject.ob_size", PyVarObject, ob_size);
    P("PyLongObject.ob_digit", PyLongObject, ob_digit);
    P("PyFloatObject.ob_fval", PyFloatObject, ob_fval);
    P("PyCellObject.ob_ref", PyCellObject, ob_ref);
    P("PyTupleObject.ob_item", PyTupleObject, ob_item);
    P("PyListObject.ob_item", PyListObject, ob_item);
    P("PyListObject.allocated", PyListObject, allocated);
    /* Pre-header of managed-dict objects: offsets relative to the object (NDEBUG: no asserts). */
    {
        PyObject *o = (PyObject *)(uintptr_t)0x10000;
        printf("PyObject.managed_values %td\n", (char *)_PyObject_ValuesPointer(o) - (char *)o);
        printf("PyObject.managed_dict %td\n", (char *)_PyObject_ManagedDictPointer(o) - (char *)o);
    }
    printf("_PyCodeObjectExtra.ce_extras %zu\n", offsetof(CodeExtraMirror, ce_extras));
    (void)sizeof(CodeExtraMirror);
    return 0;
}
