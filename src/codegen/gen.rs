//! `gen_<opcode>`: machine code for each bytecode instruction.

use super::vstack::Entry;
use super::{frame_mem, ExitKind, Gen};
use crate::cpython::opcode::*;
use crate::cpython::{self, layout};
use crate::ir::{Assembler, Cond, FloatOp, Insn, Label, Mem, Opnd, Reg, Width};
use crate::runtime::{self, AttrCache, GlobalCache};
use crate::generators;
use crate::namespaces;
use crate::unwind;
use crate::stats::ExitReason;
use pyo3::ffi;

const KEEP: [Reg; 3] = [Reg::Keep0, Reg::Keep1, Reg::Keep2];

fn dealloc() -> usize {
    cpython::_Py_Dealloc as usize
}

/// What happens after an instruction's code.
pub(super) enum Next {
    /// Control continues with the next instruction.
    Continue,
    /// Control never falls through (jump, return, exit).
    Dead,
    /// The next instruction was compiled together with this one (fused compare-and-branch).
    SkipNext,
    /// The next `n` instructions were compiled together with this one.
    Skip(usize),
}

impl Gen<'_> {
    /// Compiles the current instruction.
    pub(super) fn gen_instr(&mut self) -> Result<Next, String> {
        let arg = self.cur.arg;
        match self.cur.op {
            NOP | PRECALL => {}
            RESUME => self.gen_resume(arg),
            LOAD_FAST | LOAD_CLOSURE => self.gen_load_fast(arg),
            LOAD_CONST => self.vs.push(Entry::Const(self.constant(arg))),
            STORE_FAST => self.gen_store_fast(arg),
            DELETE_FAST => self.gen_delete_fast(arg),
            LOAD_DEREF => self.gen_load_deref(arg),
            STORE_DEREF => self.gen_store_deref(arg),
            DELETE_DEREF => self.gen_delete_deref(arg),
            MAKE_CELL => self.gen_make_cell(arg),
            COPY_FREE_VARS => self.gen_copy_free_vars(arg),
            POP_TOP => self.gen_pop_top(),
            PUSH_NULL => self.vs.push(Entry::Null),
            COPY => self.gen_copy(arg as usize),
            SWAP => self.gen_swap(arg as usize),
            LOAD_GLOBAL => self.gen_load_global(arg),
            STORE_GLOBAL => self.gen_store_global(arg),
            LOAD_ATTR => self.gen_load_attr(arg),
            STORE_ATTR => self.gen_store_attr(arg),
            DELETE_ATTR => self.gen_delete_attr(arg),
            LOAD_METHOD => self.gen_load_method(arg),
            BINARY_OP => return Ok(self.gen_binary_op(arg)),
            COMPARE_OP => return Ok(self.gen_compare_op(arg)),
            IS_OP => return Ok(self.gen_is_op(arg)),
            CONTAINS_OP => return Ok(self.gen_contains_op(arg)),
            UNARY_POSITIVE => self.gen_unary(ffi::PyNumber_Positive as usize),
            UNARY_NEGATIVE => self.gen_unary(ffi::PyNumber_Negative as usize),
            UNARY_INVERT => self.gen_unary(ffi::PyNumber_Invert as usize),
            UNARY_NOT => self.gen_unary(runtime::unary_not as usize),
            GET_ITER => self.gen_get_iter(),
            LIST_TO_TUPLE => self.gen_unary(ffi::PyList_AsTuple as usize),
            BINARY_SUBSCR => self.gen_binary_subscr(),
            STORE_SUBSCR => self.gen_store_subscr(),
            DELETE_SUBSCR => self.gen_int_op(2, runtime::delete_subscr as usize, &[]),
            BUILD_TUPLE => self.gen_build(arg as usize, runtime::build_tuple as usize, arg),
            BUILD_LIST => self.gen_build(arg as usize, runtime::build_list as usize, arg),
            BUILD_SET => self.gen_build(arg as usize, runtime::build_set as usize, arg),
            BUILD_STRING => self.gen_build(arg as usize, runtime::build_string as usize, arg),
            BUILD_SLICE if arg == 2 && self.slice_consumer_follows(BINARY_SUBSCR) => {
                self.gen_fused_slice(3, runtime::subscr_slice as usize);
                return Ok(Next::SkipNext);
            }
            BUILD_SLICE if arg == 3 && self.slice_consumer_follows(BINARY_SUBSCR) => {
                self.gen_fused_slice(4, runtime::subscr_slice3 as usize);
                return Ok(Next::SkipNext);
            }
            BUILD_SLICE if arg == 2 && self.slice_consumer_follows(STORE_SUBSCR) => {
                self.gen_store_slice();
                return Ok(Next::SkipNext);
            }
            BUILD_SLICE => self.gen_build(arg as usize, runtime::build_slice as usize, arg),
            BUILD_MAP => self.gen_build(2 * arg as usize, runtime::build_map as usize, arg),
            BUILD_CONST_KEY_MAP => self.gen_build(arg as usize + 1, runtime::build_const_key_map as usize, arg),
            FORMAT_VALUE => {
                let n = 1 + (arg & 4 != 0) as usize;
                self.gen_build(n, runtime::format_value as usize, arg)
            }
            LIST_APPEND => self.gen_container_add(1, arg, runtime::list_append as usize, None),
            SET_ADD => self.gen_container_add(1, arg, runtime::set_add as usize, None),
            MAP_ADD => self.gen_container_add(2, arg, runtime::map_add as usize, None),
            LIST_EXTEND => self.gen_container_add(1, arg, runtime::list_extend as usize, None),
            SET_UPDATE => self.gen_container_add(1, arg, runtime::set_update as usize, None),
            DICT_UPDATE => self.gen_container_add(1, arg, runtime::dict_update as usize, Some(0)),
            DICT_MERGE => self.gen_container_add(1, arg, runtime::dict_update as usize, Some(1)),
            UNPACK_SEQUENCE => {
                if let Some(targets) = self.fusable_unpack_targets(arg) {
                    self.gen_unpack_to_locals(&targets);
                    return Ok(Next::Skip(targets.len()));
                }
                self.gen_unpack_sequence(arg)
            }
            FOR_ITER => self.gen_for_iter(),
            KW_NAMES => self.kwnames = self.constant(arg),
            CALL => self.gen_call(arg)?,
            CALL_FUNCTION_EX => self.gen_call_function_ex(arg),
            MAKE_FUNCTION => self.gen_make_function(arg),
            LOAD_ASSERTION_ERROR => {
                // SAFETY: a static exception type, alive for the whole process.
                self.vs.push(Entry::Const(unsafe { ffi::PyExc_AssertionError }))
            }
            GET_LEN => self.gen_get_len(),
            IMPORT_NAME => self.gen_import_name(arg),
            IMPORT_FROM => self.gen_import_from(arg),
            BEFORE_WITH => self.gen_before_with(runtime::before_with as usize),
            BEFORE_ASYNC_WITH => self.gen_before_with(runtime::before_async_with as usize),
            RETURN_GENERATOR => {
                self.gen_return_generator();
                return Ok(Next::Dead);
            }
            YIELD_VALUE => {
                self.gen_yield_value();
                return Ok(Next::Dead);
            }
            SEND => self.gen_send(),
            GET_YIELD_FROM_ITER => {
                let coro = self.flags & (layout::code::CO_COROUTINE | layout::code::CO_ITERABLE_COROUTINE) != 0;
                let f = if coro { generators::yield_from_iter_coro as usize } else { generators::yield_from_iter as usize };
                self.gen_unary(f)
            }
            GET_AWAITABLE => self.gen_unary_or_deopt(generators::get_awaitable as usize),
            GET_AITER => self.gen_unary_or_deopt(generators::get_aiter as usize),
            GET_ANEXT => self.gen_get_anext(),
            ASYNC_GEN_WRAP => self.gen_unary(generators::async_gen_wrap as usize),
            END_ASYNC_FOR => self.gen_end_async_for(),
            LOAD_NAME => {
                let name = self.name(arg) as i64;
                self.gen_push_call(namespaces::load_name as usize, &[Opnd::Reg(Reg::Frame), Opnd::Imm(name)])
            }
            LOAD_CLASSDEREF => self.gen_push_call(namespaces::load_classderef as usize, &[Opnd::Reg(Reg::Frame), Opnd::Imm(arg as i64)]),
            LOAD_BUILD_CLASS => self.gen_push_call(namespaces::load_build_class as usize, &[Opnd::Reg(Reg::Frame)]),
            STORE_NAME => self.gen_store_name(arg),
            DELETE_NAME => {
                let name = self.name(arg) as i64;
                self.gen_status_call(namespaces::delete_name as usize, &[Opnd::Reg(Reg::Frame), Opnd::Imm(name)])
            }
            DELETE_GLOBAL => {
                let name = self.name(arg) as i64;
                self.gen_status_call(namespaces::delete_global as usize, &[Opnd::Reg(Reg::Frame), Opnd::Imm(name)])
            }
            SETUP_ANNOTATIONS => self.gen_status_call(namespaces::setup_annotations as usize, &[Opnd::Reg(Reg::Frame)]),
            PRINT_EXPR => self.gen_int_op(1, namespaces::print_expr as usize, &[]),
            MATCH_MAPPING | MATCH_SEQUENCE => {
                let f = if self.cur.op == MATCH_MAPPING { namespaces::match_mapping } else { namespaces::match_sequence };
                let d = self.vs.depth();
                self.load_entry(Reg::Arg(0), self.vs.peek(1), d - 1);
                self.asm.call(f as usize);
                self.asm.mov(self.slot(d), Reg::Ret);
                self.vs.push(Entry::Mem);
            }
            UNPACK_EX => self.gen_unpack_ex(arg),
            MATCH_KEYS => {
                let d = self.vs.depth();
                self.load_entry(Reg::Arg(0), self.vs.peek(2), d - 2);
                self.load_entry(Reg::Arg(1), self.vs.peek(1), d - 1);
                self.gen_push_call(namespaces::match_keys as usize, &[]);
            }
            MATCH_CLASS => self.gen_match_class(arg),
            IMPORT_STAR => self.gen_import_star(),
            JUMP_FORWARD | JUMP_BACKWARD | JUMP_BACKWARD_NO_INTERRUPT => {
                if self.cur.op == JUMP_BACKWARD {
                    self.check_eval_breaker();
                }
                self.flush_all();
                let target = self.jump_target();
                let l = self.target_label(target);
                self.asm.jmp(l);
                return Ok(Next::Dead);
            }
            POP_JUMP_FORWARD_IF_FALSE | POP_JUMP_BACKWARD_IF_FALSE => self.gen_pop_jump_if_bool(false),
            POP_JUMP_FORWARD_IF_TRUE | POP_JUMP_BACKWARD_IF_TRUE => self.gen_pop_jump_if_bool(true),
            POP_JUMP_FORWARD_IF_NONE | POP_JUMP_BACKWARD_IF_NONE => self.gen_pop_jump_if_none(true),
            POP_JUMP_FORWARD_IF_NOT_NONE | POP_JUMP_BACKWARD_IF_NOT_NONE => self.gen_pop_jump_if_none(false),
            JUMP_IF_FALSE_OR_POP => self.gen_jump_or_pop(false),
            JUMP_IF_TRUE_OR_POP => self.gen_jump_or_pop(true),
            RETURN_VALUE => {
                self.gen_return_value();
                return Ok(Next::Dead);
            }
            RAISE_VARARGS => {
                self.gen_raise(unwind::raise_varargs as usize, arg);
                return Ok(Next::Dead);
            }
            RERAISE => {
                self.gen_raise(unwind::reraise as usize, arg);
                return Ok(Next::Dead);
            }
            PUSH_EXC_INFO => self.gen_push_exc_info(),
            POP_EXCEPT => self.gen_pop_except(),
            CHECK_EXC_MATCH => self.gen_check_exc_match(),
            CHECK_EG_MATCH => self.gen_check_eg_match(),
            WITH_EXCEPT_START => self.gen_with_except_start(),
            // In the helper function that computes it (calling itself would recurse).
            PREP_RERAISE_STAR if unwind::is_prep_reraise_star_code(self.code) => return Ok(self.gen_interpreted()),
            PREP_RERAISE_STAR => self.gen_binary(unwind::prep_reraise_star as usize, None),
            other => return Err(format!("unsupported_opcode:{}", crate::cpython::opcode::name(other))),
        }
        Ok(Next::Continue)
    }

    /// Leaves the current instruction, and the rest of the activation, to the interpreter.
    fn gen_interpreted(&mut self) -> Next {
        let exit = self.exit_here(ExitKind::Deopt, ExitReason::Unsupported);
        self.asm.jmp(exit);
        Next::Dead
    }

    fn jump_target(&self) -> usize {
        Self::jump_target_of(&self.cur)
    }

    /// Code unit index a jump instruction goes to (3.11 has only relative jumps).
    pub(super) fn jump_target_of(ins: &super::analysis::Instr) -> usize {
        if Self::is_backward_jump(ins.op) || ins.op == JUMP_BACKWARD_NO_INTERRUPT {
            ins.idx + 1 - ins.arg as usize
        } else {
            ins.idx + 1 + ins.arg as usize
        }
    }

    pub(super) fn is_backward_jump(op: u8) -> bool {
        matches!(
            op,
            JUMP_BACKWARD
                | POP_JUMP_BACKWARD_IF_FALSE
                | POP_JUMP_BACKWARD_IF_TRUE
                | POP_JUMP_BACKWARD_IF_NONE
                | POP_JUMP_BACKWARD_IF_NOT_NONE
        )
    }

    /// Pops `n` inputs, loading their values into `Keep0..` (deepest first). Returns their
    /// entries and the depth of the first.
    fn pop_inputs(&mut self, n: usize) -> (Vec<Entry>, usize) {
        let base = self.vs.depth() - n;
        let entries: Vec<Entry> = self.vs.entries[base..].to_vec();
        for (k, e) in entries.iter().enumerate() {
            self.load_entry(KEEP[k], *e, base + k);
        }
        self.vs.entries.truncate(base);
        (entries, base)
    }

    fn release_inputs(&mut self, entries: &[Entry]) {
        for (k, e) in entries.iter().enumerate() {
            self.release(*e, KEEP[k]);
        }
    }

    fn set_args_from_keep(&mut self, n: usize) {
        for k in 0..n {
            self.asm.mov(Reg::Arg(k as u8), KEEP[k]);
        }
    }

    // ---- function prologue ----

    fn gen_resume(&mut self, arg: u32) {
        if arg < 2 {
            self.check_eval_breaker();
        }
    }

    fn gen_make_cell(&mut self, i: u32) {
        self.asm.mov(Reg::Arg(0), Reg::Frame);
        self.asm.mov(Reg::Arg(1), Opnd::Imm(i as i64));
        self.call_helper(runtime::make_cell as usize);
        let err = self.error_exit();
        self.check_int(Reg::Ret, err);
    }

    fn gen_copy_free_vars(&mut self, n: u32) {
        self.asm.mov(Reg::Arg(0), Reg::Frame);
        self.asm.mov(Reg::Arg(1), Opnd::Imm(n as i64));
        self.call_helper(runtime::copy_free_vars as usize);
    }

    // ---- locals and cells ----

    fn unbound_check(&mut self, i: u32) {
        if !self.bound[i as usize] {
            let exit = self.exit_here(ExitKind::Deopt, ExitReason::Unbound);
            self.asm.cmp(self.local(i), Opnd::Imm(0));
            self.asm.jcc(Cond::Eq, exit);
            self.bound[i as usize] = true;
        }
    }

    fn gen_load_fast(&mut self, i: u32) {
        self.unbound_check(i);
        self.vs.push(Entry::Fast(i));
    }

    /// Pops the top entry as an owned reference in `Keep0`.
    fn pop_owned_keep0(&mut self) {
        let e = self.vs.pop();
        let d = self.vs.depth();
        self.load_entry(Reg::Keep0, e, d);
        if e != Entry::Mem && e != Entry::Null {
            self.asm.incref(Reg::Keep0);
        }
    }

    fn gen_store_fast(&mut self, i: u32) {
        if self.vs.peek(1) == Entry::Float {
            self.gen_store_fast_float(i);
            return;
        }
        self.flush_local(i);
        self.pop_owned_keep0();
        self.asm.mov(Reg::Arg(0), self.local(i));
        self.asm.mov(self.local(i), Reg::Keep0);
        self.decref_owned(Reg::Arg(0), !self.bound[i as usize]);
        self.bound[i as usize] = true;
    }

    fn gen_delete_fast(&mut self, i: u32) {
        self.flush_local(i);
        self.unbound_check(i);
        self.asm.mov(Reg::Arg(0), self.local(i));
        self.asm.mov(self.local(i), Opnd::Imm(0));
        self.decref_owned(Reg::Arg(0), false);
        self.bound[i as usize] = false;
    }

    fn gen_load_deref(&mut self, i: u32) {
        let exit = self.exit_here(ExitKind::Deopt, ExitReason::Unbound);
        self.asm.mov(Reg::Tmp0, self.local(i));
        self.asm.mov(Reg::Ret, Mem::new(Reg::Tmp0, layout::object::CELL_OB_REF));
        self.asm.test(Reg::Ret, Reg::Ret);
        self.asm.jcc(Cond::Eq, exit);
        self.asm.incref(Reg::Ret);
        let d = self.vs.depth();
        self.asm.mov(self.slot(d), Reg::Ret);
        self.vs.push(Entry::Mem);
    }

    fn gen_store_deref(&mut self, i: u32) {
        self.pop_owned_keep0();
        self.asm.mov(Reg::Tmp0, self.local(i));
        self.asm.mov(Reg::Arg(0), Mem::new(Reg::Tmp0, layout::object::CELL_OB_REF));
        self.asm.mov(Mem::new(Reg::Tmp0, layout::object::CELL_OB_REF), Reg::Keep0);
        self.decref_owned(Reg::Arg(0), true);
    }

    fn gen_delete_deref(&mut self, i: u32) {
        let exit = self.exit_here(ExitKind::Deopt, ExitReason::Unbound);
        self.asm.mov(Reg::Tmp0, self.local(i));
        self.asm.mov(Reg::Arg(0), Mem::new(Reg::Tmp0, layout::object::CELL_OB_REF));
        self.asm.test(Reg::Arg(0), Reg::Arg(0));
        self.asm.jcc(Cond::Eq, exit);
        self.asm.mov(Mem::new(Reg::Tmp0, layout::object::CELL_OB_REF), Opnd::Imm(0));
        self.decref_owned(Reg::Arg(0), false);
    }

    // ---- stack manipulation ----

    fn gen_pop_top(&mut self) {
        let e = self.vs.pop();
        if e == Entry::Mem {
            let d = self.vs.depth();
            self.asm.mov(Reg::Arg(0), self.slot(d));
            self.decref_owned(Reg::Arg(0), false);
        }
    }

    fn gen_copy(&mut self, n: usize) {
        let d = self.vs.depth();
        let e = self.vs.peek(n);
        if e == Entry::Mem {
            self.asm.mov(Reg::Tmp0, self.slot(d - n));
            self.asm.incref(Reg::Tmp0);
            self.asm.mov(self.slot(d), Reg::Tmp0);
        }
        self.vs.push(e);
    }

    fn gen_swap(&mut self, n: usize) {
        let d = self.vs.depth();
        let (a, b) = (d - 1, d - n);
        // Owned references and unboxed floats live in their slots; the others are virtual.
        let in_slot = |e: Entry| matches!(e, Entry::Mem | Entry::Float);
        if in_slot(self.vs.entries[a]) || in_slot(self.vs.entries[b]) {
            for depth in [a, b] {
                if !in_slot(self.vs.entries[depth]) {
                    self.materialise(depth);
                }
            }
        }
        let (ea, eb) = (self.vs.entries[a], self.vs.entries[b]);
        if in_slot(ea) {
            self.asm.mov(Reg::Tmp0, self.slot(a));
            self.asm.mov(Reg::Tmp1, self.slot(b));
            self.asm.mov(self.slot(a), Reg::Tmp1);
            self.asm.mov(self.slot(b), Reg::Tmp0);
        }
        self.vs.set(a, eb);
        self.vs.set(b, ea);
    }

    // ---- globals and attributes ----

    fn gen_load_global(&mut self, arg: u32) {
        let name = self.name(arg >> 1);
        let cache = self.next_global_cache();
        let err = self.exit_here(ExitKind::Error, ExitReason::Exception);
        let deopt = self.exit_here(ExitKind::Deopt, ExitReason::Deopt);
        let slow = self.asm.new_label();
        let done = self.asm.new_label();
        let other = self.asm.new_label();
        let found = self.asm.new_label();
        // Each path proves its kind too: a cache of the other kind holds a keys version or a
        // globals version that matches nothing (`runtime::load_global` keeps it so). `miss`: the
        // hot path goes on to the other kind's, which goes on to the helper.
        // A module global: its live entry in the globals' keys, proved by the keys' version.
        let module_path = |asm: &mut Assembler, hot: bool, miss: Label| {
            asm.mov(Reg::Tmp0, frame_mem(layout::frame::F_GLOBALS));
            asm.mov(Reg::Tmp0, Mem::new(Reg::Tmp0, layout::dict::MA_KEYS));
            asm.load(Reg::Arg(5), Mem::new(Reg::Tmp0, layout::types::DK_VERSION), Width::B32);
            asm.cmp(Reg::Arg(5), Mem::new(Reg::Tmp1, GlobalCache::OFFSET_KEYS_VERSION));
            asm.jcc(Cond::Ne, miss);
            asm.add(Reg::Tmp0, Mem::new(Reg::Tmp1, GlobalCache::OFFSET_ENTRY));
            asm.mov(Reg::Ret, Mem::new(Reg::Tmp0, 8));
            asm.test(Reg::Ret, Reg::Ret);
            if hot {
                asm.jcc(Cond::Eq, slow);
            } else {
                asm.jcc(Cond::Ne, found);
                asm.jmp(slow);
            }
        };
        // A builtin: hit when neither dict changed since the cache was filled.
        let builtin_path = |asm: &mut Assembler, hot: bool, miss: Label| {
            asm.mov(Reg::Tmp0, frame_mem(layout::frame::F_GLOBALS));
            asm.mov(Reg::Tmp0, Mem::new(Reg::Tmp0, layout::dict::MA_VERSION_TAG));
            asm.cmp(Reg::Tmp0, Mem::new(Reg::Tmp1, 0));
            asm.jcc(Cond::Ne, miss);
            asm.mov(Reg::Tmp0, frame_mem(layout::frame::F_BUILTINS));
            asm.mov(Reg::Tmp0, Mem::new(Reg::Tmp0, layout::dict::MA_VERSION_TAG));
            asm.cmp(Reg::Tmp0, Mem::new(Reg::Tmp1, 8));
            asm.jcc(Cond::Ne, slow);
            asm.mov(Reg::Ret, Mem::new(Reg::Tmp1, 16));
            if !hot {
                asm.jmp(found);
            }
        };
        // The kind the interpreter saw is inline; the other is cold code.
        let module_hot = self.quickened() == "LOAD_GLOBAL_MODULE";
        self.asm.mov(Reg::Tmp1, Opnd::Imm(cache as i64));
        if module_hot {
            module_path(&mut self.asm, true, other);
        } else {
            builtin_path(&mut self.asm, true, other);
        }
        self.bind_merge(found);
        self.asm.incref(Reg::Ret);
        self.bind_merge(done);
        let prev_instr = self.prev_instr_addr(self.cur.idx as isize);
        let prev_instr_store = self.prev_instr_store;
        self.asm.cold(|asm| {
            asm.bind(other);
            if module_hot {
                builtin_path(asm, false, slow);
            } else {
                module_path(asm, false, slow);
            }
            // Anything else (the keys changed, a builtin whose dicts changed, a miss) goes to
            // the helper, which also proves cached entries by their key.
            let fail = asm.new_label();
            asm.bind(slow);
            // The cache (`Tmp1`) first: a 64-bit `prev_instr` store clobbers `Tmp1`.
            asm.mov(Reg::Arg(2), Reg::Tmp1);
            asm.push(prev_instr_store.insn(prev_instr));
            asm.mov(Reg::Arg(0), Reg::Frame);
            asm.mov(Reg::Arg(1), Opnd::Imm(name as i64));
            asm.call(runtime::load_global as usize);
            asm.cmp(Reg::Ret, Opnd::Imm(1));
            asm.jcc(Cond::BelowEq, fail);
            asm.jmp(done);
            asm.bind(fail);
            asm.test(Reg::Ret, Reg::Ret);
            asm.jcc(Cond::Eq, err);
            asm.jmp(deopt);
        });
        self.prev_instr_written = None;
        if arg & 1 != 0 {
            self.vs.push(Entry::Null);
        }
        let d = self.vs.depth();
        self.asm.mov(self.slot(d), Reg::Ret);
        self.vs.push(Entry::Mem);
    }

    fn gen_store_global(&mut self, arg: u32) {
        let name = self.name(arg);
        let (es, base) = self.pop_inputs(1);
        self.asm.mov(Reg::Arg(0), Reg::Frame);
        self.asm.mov(Reg::Arg(1), Opnd::Imm(name as i64));
        self.asm.mov(Reg::Arg(2), Reg::Keep0);
        self.call_helper(runtime::store_global as usize);
        self.finish_int_op(&es, base);
    }

    /// After an int-returning helper in `Ret`: parks it in the first input's slot, releases the
    /// inputs, then branches to an error exit on a negative result.
    fn finish_int_op(&mut self, es: &[Entry], base: usize) {
        self.asm.mov(self.slot(base), Reg::Ret);
        self.release_inputs(es);
        let err = self.error_exit();
        self.asm.cmp(self.slot(base), Opnd::Imm(0));
        self.asm.jcc(Cond::Lt, err);
    }

    /// A helper `f(inputs…, extra…) -> int` over the top `n` entries, all consumed.
    fn gen_int_op(&mut self, n: usize, f: usize, extra: &[i64]) {
        let (es, base) = self.pop_inputs(n);
        self.set_args_from_keep(n);
        for (k, v) in extra.iter().enumerate() {
            self.asm.mov(Reg::Arg((n + k) as u8), Opnd::Imm(*v));
        }
        self.call_helper(f);
        self.finish_int_op(&es, base);
    }

    /// Name of the quickened form of the current instruction (the interpreter's feedback).
    fn quickened(&self) -> &'static str {
        self.tables.names[self.cur.quickened as usize].as_str()
    }

    /// Jumps to `miss` unless the type of `obj` has the version tag the site's cache (address in
    /// `Tmp1`) recorded. Leaves the type in `Tmp0`; clobbers `Arg(5)`.
    fn guard_cached_type(&mut self, obj: Reg, miss: Label) {
        self.asm.mov(Reg::Tmp0, Mem::new(obj, layout::object::OB_TYPE));
        self.asm.load(Reg::Arg(5), Mem::new(Reg::Tmp0, layout::types::TP_VERSION_TAG), Width::B32);
        self.asm.cmp(Reg::Arg(5), Mem::new(Reg::Tmp1, 0));
        self.asm.jcc(Cond::Ne, miss);
    }

    /// `Tmp0` = address of the attribute of `obj` that `cache` (left in `Tmp1`) describes: an
    /// instance value or a slot, once the type version proves the layout. A type other than
    /// the cached one jumps to `miss`; an attribute kept in a dict, to `in_dict`.
    ///
    /// Where the interpreter specialised the instruction to a slot or to the values array, that
    /// kind's address is computed inline after one check of the cached kind, and the others
    /// (the cache may since hold another type) in cold code.
    fn cached_attr_address(&mut self, obj: Reg, cache: *mut AttrCache, miss: Label, in_dict: Label) {
        self.asm.mov(Reg::Tmp1, Opnd::Imm(cache as i64));
        self.guard_cached_type(obj, miss);
        let expected = match self.quickened() {
            "LOAD_ATTR_SLOT" | "STORE_ATTR_SLOT" => Some(AttrCache::IN_SLOT),
            "LOAD_ATTR_INSTANCE_VALUE" | "STORE_ATTR_INSTANCE_VALUE" => Some(AttrCache::IN_VALUES),
            _ => None,
        };
        let Some(kind) = expected else {
            return self.attr_address_of_any_kind(obj, miss, in_dict);
        };
        let other = self.asm.new_label();
        let join = self.asm.new_label();
        self.asm.cmp(Mem::new(Reg::Tmp1, AttrCache::OFFSET_MANAGED), Opnd::Imm(kind as i64));
        self.asm.jcc(Cond::Ne, other);
        if kind == AttrCache::IN_SLOT {
            self.asm.mov(Reg::Tmp0, obj);
        } else {
            self.asm.mov(Reg::Tmp0, Mem::new(obj, layout::object::MANAGED_VALUES));
            self.asm.test(Reg::Tmp0, Reg::Tmp0);
            self.asm.jcc(Cond::Eq, miss);
        }
        self.asm.add(Reg::Tmp0, Mem::new(Reg::Tmp1, AttrCache::OFFSET_INDEX));
        self.bind_merge(join);
        self.in_cold(|g| {
            g.bind_merge(other);
            g.attr_address_of_any_kind(obj, miss, in_dict);
            g.asm.jmp(join);
        });
    }

    /// [`Self::cached_attr_address`] after the type guard, whatever kind the cache holds.
    fn attr_address_of_any_kind(&mut self, obj: Reg, miss: Label, in_dict: Label) {
        self.asm.cmp(Mem::new(Reg::Tmp1, AttrCache::OFFSET_MANAGED), Opnd::Imm(AttrCache::IN_DICT as i64));
        self.asm.jcc(Cond::Eq, in_dict);
        self.attr_address(obj, miss);
    }

    /// `Tmp0` = address of the cached attribute of `obj` (cache in `Tmp1`, type guarded).
    fn attr_address(&mut self, obj: Reg, slow: Label) {
        emit_attr_address(&mut self.asm, obj, slow);
        self.prev_instr_written = None;
    }

    /// A `LOAD_ATTR` the interpreter specialised to an instance value or a slot whose value
    /// float arithmetic consumes a few instructions later (`self.x * other.x`, `a.x > b.x`
    /// before its jump), the consumer specialised for floats: see [`Self::gen_load_attr_float`].
    /// Only loads of other operands may come in between (they leave an unboxed float below
    /// them as it is).
    fn float_attr_site(&self) -> bool {
        if !self.unbox_floats || !matches!(self.quickened(), "LOAD_ATTR_INSTANCE_VALUE" | "LOAD_ATTR_SLOT") {
            return false;
        }
        let Some(d0) = self.an.depth[self.pos] else { return false };
        // The stack depth before each later instruction; the attribute is at d0 - 1.
        let mut depth = d0;
        for p in self.pos + 1..(self.pos + 8).min(self.instrs.len()) {
            if self.an.is_target[p] || self.an.depth[p] != Some(depth) {
                return false;
            }
            let ins = self.instrs[p];
            match ins.op {
                LOAD_FAST | LOAD_CONST => depth += 1,
                LOAD_GLOBAL => depth += 1 + (ins.arg & 1) as usize,
                LOAD_ATTR => {}
                BINARY_OP | COMPARE_OP if depth == d0 || depth == d0 + 1 => {
                    let form = self.tables.names[ins.quickened as usize].as_str();
                    return match ins.op {
                        BINARY_OP => matches!(form, "BINARY_OP_ADD_FLOAT" | "BINARY_OP_SUBTRACT_FLOAT" | "BINARY_OP_MULTIPLY_FLOAT"),
                        // An ordering fused with its jump compares an unboxed float in place.
                        _ => form == "COMPARE_OP_FLOAT_JUMP" && matches!(ins.arg, 0 | 1 | 4 | 5),
                    };
                }
                _ => return false,
            }
        }
        false
    }

    /// [`Self::gen_load_attr`] at a [`Self::float_attr_site`]: the attribute's float value is
    /// copied to the result's home slot as an unboxed float (no reference taken: nothing runs
    /// between reading the attribute and its value). An attribute that is not a float ends the
    /// activation here (`not_float`: the interpreter runs this `LOAD_ATTR`, and the misses
    /// count towards compiling the function again without unboxing).
    fn gen_load_attr_float(&mut self, name: *mut ffi::PyObject, cache: *mut AttrCache) {
        let float_type = std::ptr::addr_of_mut!(ffi::PyFloat_Type);
        let before = self.vs.clone();
        let not_float_here = self.exit_stub(&before, ExitKind::Deopt, ExitReason::NotFloat);
        // The interpreter keeps the owner on the stack when the lookup fails.
        let err = self.error_exit();
        let (es, base) = self.pop_inputs(1);
        let mut after = self.vs.clone();
        after.push(Entry::Mem);
        let not_float_after = self.exit_stub(&after, ExitKind::DeoptAfter, ExitReason::NotFloat);
        let slow = self.asm.new_label();
        let done = self.asm.new_label();
        let miss = self.asm.new_label();
        let not_float_object = self.asm.new_label();
        // Attributes kept in a dict (the cache may since hold such a type) take the helper.
        self.cached_attr_address(Reg::Keep0, cache, slow, slow);
        self.asm.mov(Reg::Ret, Mem::new(Reg::Tmp0, 0));
        self.asm.test(Reg::Ret, Reg::Ret);
        self.asm.jcc(Cond::Eq, slow);
        self.guard_type(Reg::Ret, float_type, miss);
        self.asm.mov(Reg::Tmp0, Mem::new(Reg::Ret, layout::object::FLOAT_OB_FVAL));
        self.asm.mov(self.slot(base), Reg::Tmp0);
        self.bind_merge(done);
        self.release_inputs(&es);
        self.in_cold(|g| {
            // A value of another type in the attribute: the interpreter runs this instruction.
            g.bind_merge(miss);
            g.asm.mov(Reg::Arg(0), Reg::Frame);
            g.asm.call(runtime::note_float_miss_in_frame as usize);
            g.asm.jmp(not_float_here);
            // The generic lookup: a new reference; a float gives its value.
            g.bind_merge(slow);
            g.call_load_attr_helper(name, cache, err);
            g.guard_type(Reg::Ret, float_type, not_float_object);
            g.asm.mov(Reg::Tmp0, Mem::new(Reg::Ret, layout::object::FLOAT_OB_FVAL));
            g.asm.mov(g.slot(base), Reg::Tmp0);
            g.decref_owned(Reg::Ret, false);
            g.asm.jmp(done);
            // Anything else is pushed as it is, and the activation ends after this instruction.
            g.bind_merge(not_float_object);
            g.asm.mov(g.slot(base), Reg::Ret);
            g.release_inputs(&es);
            g.asm.mov(Reg::Arg(0), Reg::Frame);
            g.asm.call(runtime::note_float_miss_in_frame as usize);
            g.asm.jmp(not_float_after);
        });
        self.prev_instr_written = None;
        self.vs.push(Entry::Float);
    }

    /// `Ret` = `runtime::load_attr(owner in Keep0, name, cache)`, a new reference; to `err`
    /// on failure.
    fn call_load_attr_helper(&mut self, name: *mut ffi::PyObject, cache: *mut AttrCache, err: Label) {
        self.asm.mov(Reg::Arg(0), Reg::Keep0);
        self.asm.mov(Reg::Arg(1), Opnd::Imm(name as i64));
        self.asm.mov(Reg::Arg(2), Opnd::Imm(cache as i64));
        self.call_helper(runtime::load_attr as usize);
        self.check_ptr(err);
    }

    fn gen_load_attr(&mut self, arg: u32) {
        let name = self.name(arg);
        let cache = self.next_attr_cache();
        if self.float_attr_site() {
            return self.gen_load_attr_float(name, cache);
        }
        // The interpreter keeps the owner on the stack when the lookup fails.
        let err = self.error_exit();
        let (es, base) = self.pop_inputs(1);
        let slow = self.asm.new_label();
        let done = self.asm.new_label();
        // Instance attribute in the values array or a slot (the type version proves the layout).
        let in_dict = self.asm.new_label();
        let found = self.asm.new_label();
        self.cached_attr_address(Reg::Keep0, cache, slow, in_dict);
        self.asm.mov(Reg::Ret, Mem::new(Reg::Tmp0, 0));
        self.bind_merge(found);
        self.asm.test(Reg::Ret, Reg::Ret);
        self.asm.jcc(Cond::Eq, slow);
        self.asm.incref(Reg::Ret);
        self.asm.jmp(done);
        self.asm.cold(|asm| {
            // An entry of a combined unicode-keyed dict (instance dict, module dict), proved by
            // its key: the `LOAD_ATTR_WITH_HINT` / `LOAD_ATTR_MODULE` check.
            asm.bind(in_dict);
            asm.mov(Reg::Tmp0, Reg::Keep0);
            asm.add(Reg::Tmp0, Mem::new(Reg::Tmp1, AttrCache::OFFSET_DICT_OFFSET));
            asm.mov(Reg::Tmp0, Mem::new(Reg::Tmp0, 0));
            asm.test(Reg::Tmp0, Reg::Tmp0);
            asm.jcc(Cond::Eq, slow);
            load_unicode_entry(asm, name, [AttrCache::OFFSET_INDEX_LOG2, AttrCache::OFFSET_MIN_ENTRIES, AttrCache::OFFSET_INDEX], slow);
            asm.jmp(found);
        });
        let alternatives = self.load_attr_alternatives;
        self.in_cold(|g| {
            g.bind_merge(slow);
            // The site's other entries before the helper (which checks them too, slower):
            // one shared copy of that code, or a copy here when there is none.
            g.asm.mov(Reg::Tmp1, Opnd::Imm(cache as i64));
            if alternatives != 0 {
                g.asm.call(alternatives);
                g.asm.jcc(Cond::Eq, done);
            } else {
                let helper = g.asm.new_label();
                emit_load_attr_alternatives(&mut g.asm, Reg::Keep0, done, helper);
                g.asm.bind(helper);
            }
            g.prev_instr_written = None;
            g.call_load_attr_helper(name, cache, err);
            g.asm.jmp(done);
        });
        self.bind_merge(done);
        self.prev_instr_written = None;
        self.asm.mov(self.slot(base), Reg::Ret);
        self.release_inputs(&es);
        self.vs.push(Entry::Mem);
    }

    /// For a `LOAD_METHOD` cache entry in `Tmp1` (the cache or one of its alternatives) whose
    /// type, in `Tmp0`, is `obj`'s: jumps to `found` if `obj` cannot shadow the method (no dict
    /// at all, or a managed dict not made yet and shared keys still with the count they had
    /// without the name; the type's version proves it has those keys), to `has_dict` if the
    /// instance's managed dict exists (it may hold the name), else to `miss`. Clobbers `Arg(5)`.
    fn method_unshadowed(&mut self, obj: Reg, found: Label, has_dict: Label, miss: Label) {
        self.asm.cmp(Mem::new(Reg::Tmp1, AttrCache::OFFSET_MANAGED), Opnd::Imm(0));
        self.asm.jcc(Cond::Eq, found);
        self.asm.cmp(Mem::new(obj, layout::object::MANAGED_DICT), Opnd::Imm(0));
        self.asm.jcc(Cond::Ne, has_dict);
        self.asm.mov(Reg::Arg(5), Mem::new(Reg::Tmp0, layout::types::HT_CACHED_KEYS));
        self.asm.mov(Reg::Arg(5), Mem::new(Reg::Arg(5), layout::types::DK_NENTRIES));
        self.asm.cmp(Reg::Arg(5), Mem::new(Reg::Tmp1, AttrCache::OFFSET_INDEX));
        self.asm.jcc(Cond::Ne, miss);
        self.asm.jmp(found);
    }

    /// Jumps to `matched` with `Tmp1` = the alternative entry of `cache` ([`AttrCache::alt`],
    /// laid out as the cache's own first fields) for `obj`'s type, and `Tmp0` = that type; to
    /// `miss` if there is none.
    fn match_alt_entry(&mut self, obj: Reg, cache: *mut AttrCache, matched: Label, miss: Label) {
        self.asm.mov(Reg::Tmp1, Opnd::Imm(cache as i64));
        emit_match_alt_entry(&mut self.asm, obj, matched, miss);
        self.prev_instr_written = None;
    }

    fn gen_store_attr(&mut self, arg: u32) {
        let name = self.name(arg);
        let cache = self.next_attr_cache();
        let in_place = (self.vs.peek(2) == Entry::Float).then(|| self.store_float_in_place_attr(cache));
        // Stack: [value, owner].
        let (es, base) = self.pop_inputs(2);
        let slow = self.asm.new_label();
        let done = self.asm.new_label();
        let in_dict = self.asm.new_label();
        self.cached_attr_address(Reg::Keep1, cache, slow, in_dict);
        self.asm.mov(Reg::Arg(0), Mem::new(Reg::Tmp0, 0));
        self.asm.test(Reg::Arg(0), Reg::Arg(0));
        let empty = self.asm.new_label();
        let store = self.asm.new_label();
        self.asm.jcc(Cond::Eq, empty);
        // A dict entry (`STORE_ATTR_WITH_HINT`): its value is replaced in place.
        self.in_cold(|g| {
            g.bind_merge(in_dict);
            g.replace_dict_entry(Reg::Keep1, Reg::Keep0, name, slow);
            g.asm.jmp(store);
        });
        self.bind_merge(store);
        if es[0] != Entry::Mem {
            self.asm.incref(Reg::Keep0);
        }
        self.asm.mov(Mem::new(Reg::Tmp0, 0), Reg::Keep0);
        self.decref_owned(Reg::Arg(0), true);
        self.release(es[1], Reg::Keep1);
        self.asm.jmp(done);
        // The first `self.x = …` of `__init__`: an empty `__slots__` member takes the value
        // as is; a new attribute in the values array also joins its insertion order.
        self.in_cold(|g| {
            g.bind_merge(empty);
            g.asm.cmp(Mem::new(Reg::Tmp1, AttrCache::OFFSET_MANAGED), Opnd::Imm(AttrCache::IN_SLOT as i64));
            g.asm.jcc(Cond::Eq, store);
            g.asm.cmp(Mem::new(Reg::Tmp1, AttrCache::OFFSET_MANAGED), Opnd::Imm(AttrCache::IN_VALUES as i64));
            g.asm.jcc(Cond::Ne, slow);
            g.add_to_insertion_order(Reg::Keep1, slow);
            g.asm.jmp(store);
        });
        self.bind_merge(slow);
        self.asm.mov(Reg::Arg(0), Reg::Keep1);
        self.asm.mov(Reg::Arg(1), Opnd::Imm(name as i64));
        self.asm.mov(Reg::Arg(2), Reg::Keep0);
        self.asm.mov(Reg::Arg(3), Opnd::Imm(cache as i64));
        self.call_helper(runtime::store_attr_cached as usize);
        self.finish_int_op(&es, base);
        self.bind_merge(done);
        if let Some(l) = in_place {
            self.bind_merge(l);
        }
        self.prev_instr_written = None;
    }

    /// `STORE_ATTR_WITH_HINT`'s checks for storing `value` as `name` in the dict of `obj`
    /// where the site's cache (in `Tmp1`) found it: the dict's entry at the cached place holds
    /// that key and a value, and the dict is tracked by the GC if `value` would need it. Then
    /// gives the dict a new version tag (PEP 509) and leaves `Tmp0` = the value's address and
    /// `Arg(0)` = the old value (to be replaced and released); otherwise jumps to `slow`.
    /// Clobbers `Ret` and `Arg(2)` to `Arg(5)`.
    fn replace_dict_entry(&mut self, obj: Reg, value: Reg, name: *mut ffi::PyObject, slow: Label) {
        let dict = Reg::Arg(4);
        self.asm.mov(Reg::Tmp0, obj);
        self.asm.add(Reg::Tmp0, Mem::new(Reg::Tmp1, AttrCache::OFFSET_DICT_OFFSET));
        self.asm.mov(Reg::Tmp0, Mem::new(Reg::Tmp0, 0));
        self.asm.test(Reg::Tmp0, Reg::Tmp0);
        self.asm.jcc(Cond::Eq, slow);
        self.asm.mov(dict, Reg::Tmp0);
        load_unicode_entry(&mut self.asm, name, [AttrCache::OFFSET_INDEX_LOG2, AttrCache::OFFSET_MIN_ENTRIES, AttrCache::OFFSET_INDEX], slow);
        self.asm.test(Reg::Ret, Reg::Ret);
        self.asm.jcc(Cond::Eq, slow);
        // An untracked dict (`_PyObject_GC_IS_TRACKED`: its GC header is linked) must become
        // tracked to hold an object of a GC type: left to the generic store.
        let tracked = self.asm.new_label();
        self.asm.cmp(Mem::new(dict, -16), Opnd::Imm(0));
        self.asm.jcc(Cond::Ne, tracked);
        self.asm.mov(Reg::Arg(3), Mem::new(value, layout::object::OB_TYPE));
        self.asm.load(Reg::Arg(3), Mem::new(Reg::Arg(3), layout::types::TP_FLAGS + 1), Width::B8);
        self.asm.and(Reg::Arg(3), Opnd::Imm((ffi::Py_TPFLAGS_HAVE_GC >> 8) as i64));
        self.asm.cmp(Reg::Arg(3), Opnd::Imm(0));
        self.asm.jcc(Cond::Ne, slow);
        self.bind_merge(tracked);
        self.asm.mov(Reg::Arg(3), Opnd::Imm(runtime::dict_version_addr() as i64));
        self.asm.add_mem(Mem::new(Reg::Arg(3), 0), 1);
        self.asm.mov(Reg::Arg(2), Mem::new(Reg::Arg(3), 0));
        self.asm.mov(Mem::new(dict, layout::dict::MA_VERSION_TAG), Reg::Arg(2));
        self.asm.mov(Reg::Arg(0), Reg::Ret);
        self.asm.add(Reg::Tmp0, Opnd::Imm(8));
    }

    /// `_PyDictValues_AddToInsertionOrder` for the values slot at `Tmp0` of `obj` (an
    /// instance with a values array): its index joins the order bytes below the values, the
    /// byte just below them counting them. Jumps to `full` if the order has no room, which
    /// never happens for a slot of the shared keys (the helper then stores generically).
    /// Keeps `Tmp0` and `Tmp1`; clobbers `Arg(1)` to `Arg(5)`.
    fn add_to_insertion_order(&mut self, obj: Reg, full: Label) {
        let values = Reg::Arg(1);
        let size = Reg::Arg(2);
        self.asm.mov(values, Mem::new(obj, layout::object::MANAGED_VALUES));
        self.asm.load(size, Mem::new(values, -2), Width::B8);
        self.asm.load(Reg::Arg(3), Mem::new(values, -1), Width::B8);
        self.asm.lea(Reg::Arg(4), Mem::new(size, 2));
        self.asm.cmp(Reg::Arg(4), Reg::Arg(3));
        self.asm.jcc(Cond::Ge, full);
        // The slot's index, from its address.
        let index = Reg::Arg(5);
        self.asm.mov(index, Reg::Tmp0);
        self.asm.sub(index, values);
        self.asm.mov(Reg::Arg(3), Opnd::Imm(3));
        self.asm.sar(index);
        // size += 1; order[-2 - size] = index; order[-2] = size.
        self.asm.add(size, Opnd::Imm(1));
        self.asm.mov(Reg::Arg(4), values);
        self.asm.sub(Reg::Arg(4), size);
        self.asm.store_byte(Mem::new(Reg::Arg(4), -2), index);
        self.asm.store_byte(Mem::new(values, -2), size);
    }

    /// `obj.attr = <unboxed float>` where the attribute (an instance value or a slot, as the
    /// site's cache proves) holds a float nothing else refers to: its value is replaced in
    /// place. Returns the label after the store; falls through, with the value boxed, to the
    /// ordinary store otherwise.
    fn store_float_in_place_attr(&mut self, cache: *mut AttrCache) -> Label {
        let d = self.vs.depth();
        let owner = self.vs.peek(1);
        let miss = self.asm.new_label();
        let done = self.asm.new_label();
        self.load_entry(Reg::Keep1, owner, d - 1);
        self.cached_attr_address(Reg::Keep1, cache, miss, miss);
        self.asm.mov(Reg::Arg(0), Mem::new(Reg::Tmp0, 0));
        self.asm.test(Reg::Arg(0), Reg::Arg(0));
        self.asm.jcc(Cond::Eq, miss);
        self.store_float_into_sole_float(Reg::Arg(0), d - 2, miss);
        self.release(owner, Reg::Keep1);
        self.asm.jmp(done);
        self.bind_merge(miss);
        self.box_float(d - 2);
        done
    }

    fn gen_delete_attr(&mut self, arg: u32) {
        let name = self.name(arg);
        let (es, base) = self.pop_inputs(1);
        self.asm.mov(Reg::Arg(0), Reg::Keep0);
        self.asm.mov(Reg::Arg(1), Opnd::Imm(name as i64));
        self.call_helper(runtime::delete_attr as usize);
        self.finish_int_op(&es, base);
    }

    fn gen_load_method(&mut self, arg: u32) {
        let name = self.name(arg);
        let cache = self.next_attr_cache();
        let err = self.error_exit();
        let e = self.vs.pop();
        let base = self.vs.depth();
        self.load_entry(Reg::Keep0, e, base);
        let slow = self.asm.new_label();
        let done = self.asm.new_label();
        let no_dict = self.asm.new_label();
        let has_dict = self.asm.new_label();
        let helper = self.asm.new_label();
        // A method found on the type, which the instance cannot shadow: push [method, self].
        self.asm.mov(Reg::Tmp1, Opnd::Imm(cache as i64));
        self.guard_cached_type(Reg::Keep0, slow);
        self.method_unshadowed(Reg::Keep0, no_dict, has_dict, slow);
        self.bind_merge(no_dict);
        if e != Entry::Mem {
            self.asm.incref(Reg::Keep0);
        }
        self.asm.mov(self.slot(base + 1), Reg::Keep0);
        self.asm.mov(Reg::Tmp0, Mem::new(Reg::Tmp1, 24));
        self.asm.incref(Reg::Tmp0);
        self.asm.mov(self.slot(base), Reg::Tmp0);
        self.asm.jmp(done);
        self.in_cold(|g| {
            g.bind_merge(slow);
            // The types the site saw before (`AttrCache::alt`), checked the same way: a base
            // class's method called on instances of several subclasses.
            let matched = g.asm.new_label();
            g.match_alt_entry(Reg::Keep0, cache, matched, helper);
            g.bind_merge(matched);
            g.method_unshadowed(Reg::Keep0, no_dict, has_dict, helper);
            // An instance whose attributes live in a dict of its own (`LOAD_METHOD_WITH_DICT`,
            // which 3.11 deopts when each instance has its own keys): the method stands if
            // that dict lacks the name, probed without the slow path's generic lookup.
            g.bind_merge(has_dict);
            g.asm.mov(Reg::Arg(0), Reg::Keep0);
            g.asm.mov(Reg::Arg(1), Opnd::Imm(name as i64));
            g.asm.mov(Reg::Arg(2), Reg::Tmp1);
            g.call_helper_no_python(runtime::entry_if_dict_lacks as usize);
            g.asm.test(Reg::Ret, Reg::Ret);
            g.asm.jcc(Cond::Eq, helper);
            g.asm.mov(Reg::Tmp1, Reg::Ret);
            g.asm.jmp(no_dict);
            g.bind_merge(helper);
            g.asm.mov(Reg::Arg(0), Reg::Keep0);
            g.asm.mov(Reg::Arg(1), Opnd::Imm(name as i64));
            g.asm.lea(Reg::Arg(2), g.slot(base));
            g.asm.mov(Reg::Arg(3), Opnd::Imm((e == Entry::Mem) as i64));
            g.asm.mov(Reg::Arg(4), Opnd::Imm(cache as i64));
            g.call_helper(runtime::load_method_cached as usize);
            g.check_int(Reg::Ret, err);
            g.asm.jmp(done);
        });
        self.bind_merge(done);
        self.prev_instr_written = None;
        self.vs.push(Entry::Mem);
        self.vs.push(Entry::Mem);
    }

    // ---- operators ----

    /// Two inputs, consumed; pointer result (error if NULL) pushed.
    fn gen_binary(&mut self, f: usize, third: Option<i64>) {
        let (es, base) = self.pop_inputs(2);
        self.set_args_from_keep(2);
        if let Some(v) = third {
            self.asm.mov(Reg::Arg(2), Opnd::Imm(v));
        }
        self.call_helper(f);
        self.finish_ptr_op(&es, base);
    }

    /// After a pointer-returning helper in `Ret`: stores it in the first input's slot, releases
    /// the inputs, then branches to an error exit if it was NULL.
    fn finish_ptr_op(&mut self, es: &[Entry], base: usize) {
        self.asm.mov(self.slot(base), Reg::Ret);
        self.release_inputs(es);
        let err = self.error_exit();
        self.asm.cmp(self.slot(base), Opnd::Imm(0));
        self.asm.jcc(Cond::Eq, err);
        self.vs.push(Entry::Mem);
    }

    fn gen_unary(&mut self, f: usize) {
        let (es, base) = self.pop_inputs(1);
        self.set_args_from_keep(1);
        self.call_helper(f);
        self.finish_ptr_op(&es, base);
    }

    /// `GET_ITER`. An owned range iterator (what a `range(...)` call compiled before `GET_ITER`
    /// makes, `runtime::range_iter_vectorcall`) stays as it is: its iterator is itself
    /// (`PyObject_SelfIter`'s new reference, then the input released, change nothing).
    /// Anything else goes to `PyObject_GetIter`.
    fn gen_get_iter(&mut self) {
        if self.vs.peek(1) != Entry::Mem {
            return self.gen_unary(ffi::PyObject_GetIter as usize);
        }
        let done = self.asm.new_label();
        let d = self.vs.depth();
        self.asm.mov(Reg::Tmp0, self.slot(d - 1));
        self.asm.mov(Reg::Tmp0, Mem::new(Reg::Tmp0, layout::object::OB_TYPE));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(std::ptr::addr_of_mut!(ffi::PyRangeIter_Type) as i64));
        self.asm.jcc(Cond::Eq, done);
        self.gen_unary(ffi::PyObject_GetIter as usize);
        self.bind_merge(done);
    }

    /// Whether the next instruction is `GET_ITER` (the current one's result is iterated).
    fn next_is_get_iter(&self) -> bool {
        self.instrs.get(self.pos + 1).is_some_and(|next| next.op == GET_ITER)
    }

    /// The local that `local op= x` stores back to, when the operation can update it in
    /// place: the left operand is that local and the next instruction stores to it.
    fn inplace_target(&self) -> Option<u32> {
        let next = self.pos + 1;
        if next >= self.instrs.len() || self.an.is_target[next] || self.instrs[next].op != STORE_FAST {
            return None;
        }
        let target = self.instrs[next].arg;
        (self.vs.peek(2) == Entry::Fast(target)).then_some(target)
    }

    fn gen_binary_op(&mut self, op: u32) -> Next {
        if self.unboxed_float_site(op) {
            if matches!(op, 8 | 21) {
                self.gen_float_power(op);
            } else {
                self.gen_float_arith(op);
            }
            return Next::Continue;
        }
        self.box_floats_in_top(2);
        if matches!(op, 13 | 18 | 23 | 24) {
            if let Some(local) = self.inplace_target() {
                let (int_ok, float_ok) = self.arith_feedback(op);
                if op == 13 || int_ok || float_ok {
                    self.gen_inplace_op_to_local(op, local, int_ok && op != 24, float_ok);
                    return Next::SkipNext;
                }
            }
        }
        self.gen_binary_op_generic(op);
        Next::Continue
    }

    /// Which inline paths a `+ - * /` site gets: (compact ints, floats), from the interpreter's
    /// specialisation of it, or both when it has none.
    fn arith_feedback(&self, op: u32) -> (bool, bool) {
        let q = self.quickened();
        let unquickened = self.cur.quickened == BINARY_OP || q == "BINARY_OP_ADAPTIVE";
        let int_ok = matches!(op, 0 | 5 | 10 | 11 | 13 | 18 | 23 | 24)
            && (unquickened || matches!(q, "BINARY_OP_ADD_INT" | "BINARY_OP_SUBTRACT_INT" | "BINARY_OP_MULTIPLY_INT"));
        // True division has no specialisation in 3.11 (`unquickened` holds for it).
        let float_ok = matches!(op, 0 | 5 | 10 | 11 | 13 | 18 | 23 | 24)
            && (unquickened || matches!(q, "BINARY_OP_ADD_FLOAT" | "BINARY_OP_SUBTRACT_FLOAT" | "BINARY_OP_MULTIPLY_FLOAT"));
        (int_ok, float_ok)
    }

    /// True when the result of a `+ - * /` site stays unboxed ([`Self::gen_float_arith`]): the
    /// interpreter specialised it for two floats, or an operand is known to be a float (an
    /// unboxed result, a float constant) and no constant operand is of a type that would make
    /// the result something else.
    fn unboxed_float_site(&self, op: u32) -> bool {
        let float_type = std::ptr::addr_of_mut!(ffi::PyFloat_Type);
        let known_float = |e: Entry| e == Entry::Float || Self::const_of_type(e, float_type);
        let es = [self.vs.peek(2), self.vs.peek(1)];
        if !self.unbox_floats {
            return false;
        }
        if matches!(op, 8 | 21) {
            // `x ** y` of an unboxed float ([`Self::gen_float_power`]).
            return es[0] == Entry::Float;
        }
        if !matches!(op, 0 | 5 | 10 | 11 | 13 | 18 | 23 | 24) {
            return false;
        }
        if es.iter().any(|&e| matches!(e, Entry::Const(_)) && !known_float(e) && Self::const_compact_int(e).is_none()) {
            return false;
        }
        // A result boxed by the very next instruction (returned, passed, compared) is better
        // made boxed, into an operand that is a temporary when there is one; unless an operand
        // is unboxed already (boxing it would cost an allocation more).
        if !self.next_keeps_float_unboxed() && !es.contains(&Entry::Float) {
            return false;
        }
        // True division of ints and floats always gives a float (3.11 never specialises it).
        // Sites that divide other numbers (fractions, symbolic ones) leave compiled code
        // until the function is compiled again without unboxing (`hook::note_float_miss`).
        self.float_specialised() || matches!(op, 11 | 24) || es.into_iter().any(known_float)
    }

    /// The instruction after the current one can leave an unboxed result on the stack (see
    /// `box_floats_before`), or stores it.
    fn next_keeps_float_unboxed(&self) -> bool {
        let next = self.pos + 1;
        next < self.instrs.len()
            && !self.an.is_target[next]
            && matches!(
                self.instrs[next].op,
                BINARY_OP
                    | STORE_FAST
                    | STORE_ATTR
                    | STORE_SUBSCR
                    | LOAD_FAST
                    | LOAD_CONST
                    | LOAD_GLOBAL
                    | LOAD_ATTR
                    | LOAD_METHOD
                    | BINARY_SUBSCR
                    | PUSH_NULL
                    | SWAP
                    | NOP
            )
    }

    /// The interpreter specialised the current `BINARY_OP` for two floats.
    fn float_specialised(&self) -> bool {
        matches!(self.quickened(), "BINARY_OP_ADD_FLOAT" | "BINARY_OP_SUBTRACT_FLOAT" | "BINARY_OP_MULTIPLY_FLOAT")
    }

    /// `a op b` (`+ - * /` and their in-place forms) with the result left unboxed in the first
    /// operand's slot ([`Entry::Float`]). Unboxed operands are read from their slots, boxed
    /// ones guarded as exact floats (or, where the site may see ints, converted from compact
    /// ints, as `float_add` & co. convert them). Anything else, and a division by zero, goes
    /// to [`runtime::float_arith_slow`], which applies the generic operation: a float result
    /// is unboxed and compiled code continues; any other result ends the compiled activation
    /// after this instruction.
    fn gen_float_arith(&mut self, op: u32) {
        let base = self.vs.depth() - 2;
        let es = [self.vs.peek(2), self.vs.peek(1)];
        self.vs.entries.truncate(base);
        let slow = self.asm.new_label();
        let done = self.asm.new_label();
        let float_type = std::ptr::addr_of_mut!(ffi::PyFloat_Type);
        let fop = Self::float_op(op);
        let (flags, operands) = self.load_float_operands(es, base);
        let const_float = |e: Entry| Self::const_of_type(e, float_type);
        let const_divisor = match es[1] {
            // SAFETY: a float constant outlives the code.
            Entry::Const(p) if const_float(es[1]) => Some(unsafe { ffi::PyFloat_AS_DOUBLE(p) }),
            e => Self::const_compact_int(e).map(|v| v as f64),
        };
        let divisor_may_be_zero = fop == FloatOp::Div && const_divisor.is_none_or(|v| v == 0.0);
        // The result, in the float accumulator, from a compact int operand (cold code).
        let have_result = self.asm.new_label();
        let is_div = fop == FloatOp::Div;
        for k in 0..2 {
            if !matches!(es[k], Entry::Fast(_) | Entry::Mem) {
                continue;
            }
            let not_float = self.asm.new_label();
            self.guard_type(KEEP[k], float_type, not_float);
            // A compact int with a float converts, as `float_add` & co. convert it; with an int,
            // only a division gives a float (exactly as `long_true_divide` for such operands):
            // anything else goes to the generic operation.
            let other = es[1 - k];
            let other_operand = operands[1 - k];
            let other_const_int = Self::const_compact_int(other).is_some();
            // A value in `other_operand` once this operand is known to be an int: unboxed, a
            // float constant, a compact int constant converted (division only), or the first
            // operand, which passed its guard before the second is looked at.
            let other_ready = other == Entry::Float
                || const_float(other)
                || (is_div && other_const_int)
                || (k == 1 && matches!(other, Entry::Fast(_) | Entry::Mem));
            self.in_cold(|g| {
                g.bind_merge(not_float);
                g.guard_compact_int(KEEP[k], Reg::Arg(k as u8), slow);
                let int_int = (!other_ready && is_div).then(|| g.asm.new_label());
                if !other_ready {
                    if matches!(other, Entry::Const(_)) {
                        g.asm.jmp(slow);
                        return;
                    }
                    // The second operand, not looked at yet.
                    g.guard_type(KEEP[1], float_type, int_int.unwrap_or(slow));
                }
                if k == 0 {
                    if divisor_may_be_zero {
                        g.guard_nonzero_bits(other_operand, slow);
                    }
                    g.asm.float_load_int(Reg::Arg(0));
                    g.asm.float_arith(fop, other_operand);
                } else {
                    if divisor_may_be_zero {
                        g.asm.test(Reg::Arg(1), Reg::Arg(1));
                        g.asm.jcc(Cond::Eq, slow);
                    }
                    g.asm.float_load(other_operand);
                    g.asm.float_arith_int(fop, Reg::Arg(1));
                }
                g.asm.jmp(have_result);
                if let Some(int_int) = int_int {
                    // int / int: both convert exactly; one correctly rounded division.
                    g.bind_merge(int_int);
                    g.guard_compact_int(KEEP[1], Reg::Arg(1), slow);
                    g.asm.test(Reg::Arg(1), Reg::Arg(1));
                    g.asm.jcc(Cond::Eq, slow);
                    g.asm.float_load_int(Reg::Arg(0));
                    g.asm.float_arith_int(fop, Reg::Arg(1));
                    g.asm.jmp(have_result);
                }
            });
        }
        if divisor_may_be_zero {
            // ±0.0 and 0 raise ZeroDivisionError: left to the generic operation.
            self.guard_nonzero_bits(operands[1], slow);
        }
        self.asm.float_load(operands[0]);
        self.asm.float_arith(fop, operands[1]);
        self.bind_merge(have_result);
        self.asm.float_store(self.slot(base));
        for k in 0..2 {
            if flags & (4 << k) != 0 {
                self.decref_owned(KEEP[k], false);
            }
        }
        let exits = self.unboxing_exits();
        self.in_cold(|g| {
            g.bind_merge(slow);
            g.call_unboxing_helper(runtime::float_arith_slow as usize, op, base, flags, done, exits);
        });
        self.bind_merge(done);
        self.vs.push(Entry::Float);
    }

    /// The two operands of an unboxed-float instruction, `es` (popped) from stack depth
    /// `base`: where each value is read (`[slot]` or `[KEEP[k] + ob_fval]`) and the flags of
    /// [`runtime::float_arith_slow`]'s contract. An unboxed operand stays in its slot (bit k);
    /// a constant goes to KEEP[k], a compact int one also converted (exactly, below 2**30)
    /// into its slot; any other object goes to KEEP[k] (owned: bit k + 2), its value to be
    /// read once a guard has proved it a float. All objects are in place before any guard:
    /// the slow paths read them.
    fn load_float_operands(&mut self, es: [Entry; 2], base: usize) -> (u64, [Mem; 2]) {
        let mut flags = 0u64;
        let mut operands = [self.slot(base), self.slot(base + 1)];
        for k in 0..2 {
            let value_of_object = Mem::new(KEEP[k], layout::object::FLOAT_OB_FVAL);
            match es[k] {
                Entry::Float => flags |= 1 << k,
                e @ Entry::Const(p) => {
                    self.asm.mov(KEEP[k], Opnd::Imm(p as i64));
                    match Self::const_compact_int(e) {
                        Some(v) => {
                            self.asm.mov(Reg::Tmp0, Opnd::Imm((v as f64).to_bits() as i64));
                            self.asm.mov(operands[k], Reg::Tmp0);
                        }
                        None => operands[k] = value_of_object,
                    }
                }
                e => {
                    self.load_entry(KEEP[k], e, base + k);
                    operands[k] = value_of_object;
                    if e == Entry::Mem {
                        flags |= 4 << k;
                    }
                }
            }
        }
        (flags, operands)
    }

    /// The exits of [`Self::call_unboxing_helper`] (made before, outside the cold stream): an
    /// error, and a result that is not a float (after this instruction, to the interpreter).
    /// The inputs are popped already.
    fn unboxing_exits(&mut self) -> (Label, Label) {
        let err = self.error_exit();
        let mut object_result = self.vs.clone();
        object_result.push(Entry::Mem);
        (err, self.exit_stub(&object_result, ExitKind::DeoptAfter, ExitReason::NotFloat))
    }

    /// Calls a helper with [`runtime::float_arith_slow`]'s contract (the operands of the
    /// instruction `op` in KEEP[0..2] or, per `flags`, unboxed in their slots from `base`),
    /// then continues at `done` with an unboxed result, or takes one of `exits`.
    fn call_unboxing_helper(&mut self, helper: usize, op: u32, base: usize, flags: u64, done: Label, exits: (Label, Label)) {
        let (err, not_float) = exits;
        self.set_args_from_keep(2);
        self.asm.lea(Reg::Arg(2), self.slot(base));
        self.asm.mov(Reg::Arg(3), Opnd::Imm(flags as i64));
        self.asm.mov(Reg::Arg(4), Opnd::Imm(Self::binary_op_function(op) as i64));
        self.asm.mov(Reg::Arg(5), Reg::Frame);
        self.call_helper(helper);
        self.asm.cmp(Reg::Ret, Opnd::Imm(runtime::FLOAT_RESULT_UNBOXED as i64));
        self.asm.jcc(Cond::Eq, done);
        self.asm.jcc(Cond::Below, err);
        self.asm.jmp(not_float);
    }

    /// `x ** y` (or `x **= y`) of an unboxed float: [`runtime::float_power`] computes it
    /// without boxing (the C library's `pow`, as `float_pow`), the result stays unboxed.
    fn gen_float_power(&mut self, op: u32) {
        let base = self.vs.depth() - 2;
        let es = [self.vs.peek(2), self.vs.peek(1)];
        self.vs.entries.truncate(base);
        // The helper checks the exponent's type itself.
        let (flags, _) = self.load_float_operands(es, base);
        let done = self.asm.new_label();
        let exits = self.unboxing_exits();
        self.call_unboxing_helper(runtime::float_power as usize, op, base, flags, done, exits);
        self.bind_merge(done);
        self.vs.push(Entry::Float);
    }

    /// `STORE_FAST` of an unboxed float: into the local's own float when nothing else refers
    /// to it (`dx = x1 - x2` in a loop allocates nothing), else into a new float.
    fn gen_store_fast_float(&mut self, i: u32) {
        self.flush_local(i);
        self.vs.pop();
        let slot = self.slot(self.vs.depth());
        let local = self.local(i);
        let new_float = self.asm.new_label();
        let done = self.asm.new_label();
        self.asm.mov(Reg::Arg(0), local);
        if !self.bound[i as usize] {
            self.asm.test(Reg::Arg(0), Reg::Arg(0));
            self.asm.jcc(Cond::Eq, new_float);
        }
        self.guard_type(Reg::Arg(0), std::ptr::addr_of_mut!(ffi::PyFloat_Type), new_float);
        self.asm.cmp(Mem::new(Reg::Arg(0), layout::object::OB_REFCNT), Opnd::Imm(1));
        self.asm.jcc(Cond::Ne, new_float);
        self.asm.mov(Reg::Tmp0, slot);
        self.asm.mov(Mem::new(Reg::Arg(0), layout::object::FLOAT_OB_FVAL), Reg::Tmp0);
        let maybe_unbound = !self.bound[i as usize];
        // Stubs go to the cold stream: made before it is the current one.
        let err = self.error_exit();
        self.in_cold(|g| {
            g.bind_merge(new_float);
            g.asm.float_load(slot);
            g.call_helper_no_python(ffi::PyFloat_FromDouble as usize);
            g.check_ptr(err);
            g.asm.mov(Reg::Arg(0), local);
            g.asm.mov(local, Reg::Ret);
            g.decref_owned(Reg::Arg(0), maybe_unbound);
            g.asm.jmp(done);
        });
        self.bind_merge(done);
        self.bound[i as usize] = true;
    }

    /// `local op= x` compiled as one step with the `STORE_FAST` back to `local` (`+= -= *= /=`).
    /// Two floats: the result goes into the local's own float when nothing else refers to it
    /// (an accumulator allocates nothing); two compact ints (`+ - *`): inline. Otherwise
    /// `+=` goes to [`runtime::inplace_add_to_local`] (which appends to a str in place, as
    /// `BINARY_OP_INPLACE_ADD_UNICODE` does) and the others to `PyNumber_InPlace*`.
    fn gen_inplace_op_to_local(&mut self, op: u32, local: u32, int_ok: bool, float_ok: bool) {
        let right = self.vs.pop();
        self.vs.pop();
        // The local is about to change: nothing else may keep borrowing it.
        self.flush_local(local);
        let d = self.vs.depth();
        self.load_entry(Reg::Keep1, right, d + 1);
        // Hold our own reference to the right operand, as the interpreter's stack does:
        // `s += s` must not see its operand resized in place under it.
        if right != Entry::Mem {
            self.asm.incref(Reg::Keep1);
        }
        self.asm.mov(Reg::Keep0, self.local(local));
        let generic = self.asm.new_label();
        let have_result = self.asm.new_label();
        let in_place = self.asm.new_label();
        let tail = self.asm.new_label();
        let float_type = std::ptr::addr_of_mut!(ffi::PyFloat_Type);
        let int_ok = int_ok && !Self::const_of_type(right, float_type);
        if float_ok {
            let not_float = if int_ok { self.asm.new_label() } else { generic };
            self.guard_type(Reg::Keep0, float_type, not_float);
            let fop = Self::float_op(op);
            if let Some(v) = Self::const_compact_int(right) {
                // `x += 1` on a float: the constant converts exactly.
                if fop == FloatOp::Div && v == 0 {
                    self.asm.jmp(generic);
                }
                self.asm.mov(Reg::Arg(1), Opnd::Imm(v));
                self.asm.float_load(Mem::new(Reg::Keep0, layout::object::FLOAT_OB_FVAL));
                self.asm.float_arith_int(fop, Reg::Arg(1));
            } else {
                self.guard_type(Reg::Keep1, float_type, generic);
                self.float_arith_of_floats(fop, generic);
            }
            let shared = self.asm.new_label();
            self.asm.cmp(Mem::new(Reg::Keep0, layout::object::OB_REFCNT), Opnd::Imm(1));
            self.asm.jcc(Cond::Ne, shared);
            self.asm.float_store(Mem::new(Reg::Keep0, layout::object::FLOAT_OB_FVAL));
            self.asm.jmp(in_place);
            self.bind_merge(shared);
            self.call_helper_no_python(ffi::PyFloat_FromDouble as usize);
            self.asm.jmp(have_result);
            if int_ok {
                self.bind_merge(not_float);
            }
        }
        if int_ok {
            self.guard_compact_int(Reg::Keep0, Reg::Arg(0), generic);
            self.guard_compact_int_entry(right, Reg::Keep1, Reg::Arg(1), generic);
            self.int_arith(op, Reg::Arg(0), Reg::Arg(1));
            self.box_int(&[], have_result);
        }
        let emit_generic = |g: &mut Self| {
            g.bind_merge(generic);
            if op == 13 {
                g.asm.lea(Reg::Arg(0), g.local(local));
                g.asm.mov(Reg::Arg(1), Reg::Keep1);
                g.call_helper(runtime::inplace_add_to_local as usize);
                g.asm.mov(Reg::Keep0, Reg::Ret);
                g.asm.jmp(tail);
            } else {
                g.set_args_from_keep(2);
                g.call_helper(Self::binary_op_function(op));
                g.asm.jmp(have_result);
            }
        };
        if int_ok || float_ok {
            self.in_cold(emit_generic);
        } else {
            emit_generic(self);
        }
        // A new result (owned) in `Ret`, or NULL: it replaces the local's value.
        self.bind_merge(have_result);
        let failed = self.asm.new_label();
        self.asm.test(Reg::Ret, Reg::Ret);
        self.asm.jcc(Cond::Eq, failed);
        self.asm.mov(self.local(local), Reg::Ret);
        self.decref_owned(Reg::Keep0, false);
        self.bind_merge(in_place);
        self.asm.mov(Reg::Keep0, Opnd::Imm(0));
        self.asm.jmp(tail);
        self.bind_merge(failed);
        self.asm.mov(Reg::Keep0, Opnd::Imm(-1));
        self.bind_merge(tail);
        self.release(Entry::Mem, Reg::Keep1);
        let err = self.error_exit();
        self.check_int(Reg::Keep0, err);
        self.bound[local as usize] = true;
    }

    /// The function of `BINARY_OP`'s operator `op` for any operands: `PyNumber_*`'s, through
    /// `operators` for classes defining the operator in Python.
    fn binary_op_function(op: u32) -> usize {
        use crate::operators as o;
        match op {
            0 => o::number_add as usize,
            1 => o::number_and as usize,
            2 => o::number_floor_divide as usize,
            3 => o::number_lshift as usize,
            4 => o::number_matrix_multiply as usize,
            5 => o::number_multiply as usize,
            6 => o::number_remainder as usize,
            7 => o::number_or as usize,
            8 => runtime::power as usize,
            9 => o::number_rshift as usize,
            10 => o::number_subtract as usize,
            11 => o::number_true_divide as usize,
            12 => o::number_xor as usize,
            13 => o::number_inplace_add as usize,
            14 => o::number_inplace_and as usize,
            15 => o::number_inplace_floor_divide as usize,
            16 => o::number_inplace_lshift as usize,
            17 => o::number_inplace_matrix_multiply as usize,
            18 => o::number_inplace_multiply as usize,
            19 => o::number_inplace_remainder as usize,
            20 => o::number_inplace_or as usize,
            21 => runtime::inplace_power as usize,
            22 => o::number_inplace_rshift as usize,
            23 => o::number_inplace_subtract as usize,
            24 => o::number_inplace_true_divide as usize,
            _ => o::number_inplace_xor as usize,
        }
    }

    fn float_op(op: u32) -> FloatOp {
        match op {
            0 | 13 => FloatOp::Add,
            10 | 23 => FloatOp::Sub,
            5 | 18 => FloatOp::Mul,
            _ => FloatOp::Div,
        }
    }

    /// `a op= b` on two compact int values (`+ - *`): each is below 2**30 in magnitude, so
    /// the result fits in 64 bits.
    fn int_arith(&mut self, op: u32, a: Reg, b: Reg) {
        match op {
            0 | 13 => self.asm.add(a, b),
            10 | 23 => self.asm.sub(a, b),
            _ => self.asm.imul(a, b),
        }
    }

    /// Jumps to `miss` unless `obj`'s type is exactly `tp`. Clobbers `Tmp0`.
    fn guard_type(&mut self, obj: Reg, tp: *mut ffi::PyTypeObject, miss: Label) {
        self.asm.mov(Reg::Tmp0, Mem::new(obj, layout::object::OB_TYPE));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(tp as i64));
        self.asm.jcc(Cond::Ne, miss);
    }

    /// The float accumulator = `Keep0`'s value `fop` `Keep1`'s (two exact floats); a division by
    /// ±0.0 jumps to `zero` instead (it raises: left to the generic path).
    fn float_arith_of_floats(&mut self, fop: FloatOp, zero: Label) {
        if fop == FloatOp::Div {
            self.guard_nonzero_float(Reg::Keep1, zero);
        }
        self.asm.float_load(Mem::new(Reg::Keep0, layout::object::FLOAT_OB_FVAL));
        self.asm.float_arith(fop, Mem::new(Reg::Keep1, layout::object::FLOAT_OB_FVAL));
    }

    /// Jumps to `zero` if the double at `value` is ±0.0. Clobbers `Tmp0`.
    fn guard_nonzero_bits(&mut self, value: Mem, zero: Label) {
        self.asm.mov(Reg::Tmp0, value);
        self.asm.add(Reg::Tmp0, Reg::Tmp0);
        self.asm.test(Reg::Tmp0, Reg::Tmp0);
        self.asm.jcc(Cond::Eq, zero);
    }

    /// Jumps to `zero` if the float `obj` is ±0.0 (division raises: left to the generic path).
    fn guard_nonzero_float(&mut self, obj: Reg, zero: Label) {
        self.guard_nonzero_bits(Mem::new(obj, layout::object::FLOAT_OB_FVAL), zero);
    }

    fn gen_binary_op_generic(&mut self, op: u32) {
        let f = Self::binary_op_function(op);
        let (int_ok, float_ok) = self.arith_feedback(op);
        if matches!(op, 1 | 2 | 3 | 6 | 7 | 9 | 12 | 14 | 15 | 16 | 19 | 20 | 22 | 25) {
            self.gen_int_only_op(op, f);
        } else if int_ok || float_ok {
            self.gen_arith(op, f, int_ok, float_ok);
        } else {
            self.gen_binary(f, None);
        }
    }

    /// The conditional jump that directly consumes a comparison, if it can be fused with it.
    fn fusable_jump(&self) -> Option<(u8, bool)> {
        let next = self.pos + 1;
        if next >= self.instrs.len() || self.an.is_target[next] {
            return None;
        }
        let op = self.instrs[next].op;
        let jump_if_true = match op {
            POP_JUMP_FORWARD_IF_TRUE | POP_JUMP_BACKWARD_IF_TRUE => true,
            POP_JUMP_FORWARD_IF_FALSE | POP_JUMP_BACKWARD_IF_FALSE => false,
            _ => return None,
        };
        Some((op, jump_if_true))
    }

    fn gen_compare_op(&mut self, op: u32) -> Next {
        let Some((jump_op, jump_if_true)) = self.fusable_jump() else {
            self.box_floats_in_top(self.vs.depth());
            self.gen_compare_value(op);
            return Next::Continue;
        };
        let float_operand = [self.vs.peek(2), self.vs.peek(1)].contains(&Entry::Float);
        let other_const = [self.vs.peek(2), self.vs.peek(1)].into_iter().any(|e| {
            matches!(e, Entry::Const(_)) && !Self::const_of_type(e, std::ptr::addr_of_mut!(ffi::PyFloat_Type))
        });
        if float_operand && matches!(op, 0 | 1 | 4 | 5) && !other_const {
            self.poll_before_fused_jump(jump_op);
            return self.gen_compare_float_jump(op, jump_if_true);
        }
        self.box_floats_in_top(2);
        self.poll_before_fused_jump(jump_op);
        let (es, _base) = self.pop_inputs(2);
        // Keep2 = truth of the comparison (1, 0) or -1 on error.
        let decided = self.asm.new_label();
        let slow = self.asm.new_label();
        let quickened = self.tables.names[self.cur.quickened as usize].as_str();
        if quickened == "COMPARE_OP_STR_JUMP" && matches!(op, 2 | 3) {
            // Like COMPARE_OP_STR_JUMP: two exact strs are equal if they are the same object,
            // else as `_PyUnicode_Equal` says (without PyObject_RichCompare's dispatch).
            let str_type = std::ptr::addr_of_mut!(ffi::PyUnicode_Type);
            self.guard_type(Reg::Keep0, str_type, slow);
            self.guard_type(Reg::Keep1, str_type, slow);
            let same = self.asm.new_label();
            self.asm.cmp(Reg::Keep0, Reg::Keep1);
            self.asm.jcc(Cond::Eq, same);
            self.set_args_from_keep(2);
            self.call_helper_no_python(cpython::_PyUnicode_Equal as usize);
            self.asm.mov(Reg::Keep2, Reg::Ret);
            if op == 3 {
                // 1 <-> 0; an error (-1) stays negative.
                self.asm.xor(Reg::Keep2, Opnd::Imm(1));
            }
            self.asm.jmp(decided);
            self.bind_merge(same);
            self.asm.mov(Reg::Keep2, Opnd::Imm((op == 2) as i64));
            self.asm.jmp(decided);
        }
        let int_path = !matches!(quickened, "COMPARE_OP_FLOAT_JUMP" | "COMPARE_OP_STR_JUMP");
        // Orderings of two exact floats compare inline (COMPARE_OP_FLOAT_JUMP); equality,
        // which must treat NaN specially, goes through the helper.
        let float_path = matches!(op, 0 | 1 | 4 | 5);
        let not_int = if float_path { self.asm.new_label() } else { slow };
        if int_path {
            // Like COMPARE_OP_INT_JUMP: exact ints of at most one digit compare inline (and,
            // as in the interpreter, without PyObject_RichCompare's recursion check).
            self.guard_compact_int_operands(&es, not_int);
            let is_true = self.asm.new_label();
            self.asm.cmp(Reg::Arg(0), Reg::Arg(1));
            let cond = match op {
                0 => Cond::Lt,
                1 => Cond::Le,
                2 => Cond::Eq,
                3 => Cond::Ne,
                4 => Cond::Gt,
                _ => Cond::Ge,
            };
            self.asm.jcc(cond, is_true);
            self.asm.mov(Reg::Keep2, Opnd::Imm(0));
            self.asm.jmp(decided);
            self.bind_merge(is_true);
            self.asm.mov(Reg::Keep2, Opnd::Imm(1));
            self.asm.jmp(decided);
        }
        if float_path {
            self.bind_merge(not_int);
            let float_type = std::ptr::addr_of_mut!(ffi::PyFloat_Type) as i64;
            for r in [Reg::Keep0, Reg::Keep1] {
                self.asm.mov(Reg::Tmp0, Mem::new(r, layout::object::OB_TYPE));
                self.asm.cmp(Reg::Tmp0, Opnd::Imm(float_type));
                self.asm.jcc(Cond::Ne, slow);
            }
            let values = [Reg::Keep0, Reg::Keep1].map(|r| Mem::new(r, layout::object::FLOAT_OB_FVAL));
            self.float_ordering_truth(op, values, decided);
            self.asm.jmp(decided);
        }
        self.bind_merge(slow);
        self.set_args_from_keep(2);
        self.asm.mov(Reg::Arg(2), Opnd::Imm(op as i64));
        self.call_helper(runtime::compare_truth as usize);
        self.asm.mov(Reg::Keep2, Reg::Ret);
        self.bind_merge(decided);
        self.prev_instr_written = None;
        self.release_inputs(&es);
        self.finish_compare_jump(jump_if_true)
    }

    /// The end of a comparison fused with its jump, the inputs released: the truth in `Keep2`
    /// (1, 0, or -1 on error) decides the jump; the stack is written back for its target.
    fn finish_compare_jump(&mut self, jump_if_true: bool) -> Next {
        let err = self.error_exit();
        self.asm.cmp(Reg::Keep2, Opnd::Imm(0));
        self.asm.jcc(Cond::Lt, err);
        self.flush_all();
        let target_unit = Self::jump_target_of(&self.instrs[self.pos + 1]);
        let target = self.target_label(target_unit);
        self.asm.cmp(Reg::Keep2, Opnd::Imm(0));
        self.asm.jcc(if jump_if_true { Cond::Ne } else { Cond::Eq }, target);
        Next::SkipNext
    }

    /// `Keep2` = the ordering `op` (`< <= > >=`) of the doubles at `values` (1 or 0). Ends at
    /// `after`: falls through to the code that follows when true, jumps there when false.
    fn float_ordering_truth(&mut self, op: u32, values: [Mem; 2], after: Label) {
        // `a < b` as `b > a` (and `<=` as `>=`): only "above" conditions are false for NaN.
        let (first, second) = if op <= 1 { (values[1], values[0]) } else { (values[0], values[1]) };
        self.asm.float_load(first);
        self.asm.float_cmp(second);
        let is_true = self.asm.new_label();
        self.asm.jcc(if op == 0 || op == 4 { Cond::Above } else { Cond::AboveEq }, is_true);
        self.asm.mov(Reg::Keep2, Opnd::Imm(0));
        self.asm.jmp(after);
        self.bind_merge(is_true);
        self.asm.mov(Reg::Keep2, Opnd::Imm(1));
    }

    /// An ordering (`< <= > >=`) fused with its jump, of which an operand is an unboxed float:
    /// the other is read unboxed, as a float constant, or from a float object (guarded). Other
    /// operands go to [`runtime::compare_float_slow`], which boxes the unboxed one.
    fn gen_compare_float_jump(&mut self, op: u32, jump_if_true: bool) -> Next {
        let base = self.vs.depth() - 2;
        let es = [self.vs.peek(2), self.vs.peek(1)];
        self.vs.entries.truncate(base);
        let float_type = std::ptr::addr_of_mut!(ffi::PyFloat_Type);
        let slow = self.asm.new_label();
        let decided = self.asm.new_label();
        // (Its constant operands are floats: see `gen_compare_op`.)
        let (flags, operands) = self.load_float_operands(es, base);
        for k in 0..2 {
            if matches!(es[k], Entry::Fast(_) | Entry::Mem) {
                self.guard_type(KEEP[k], float_type, slow);
            }
        }
        let truth_known = self.asm.new_label();
        self.float_ordering_truth(op, operands, truth_known);
        self.bind_merge(truth_known);
        for k in 0..2 {
            if flags & (4 << k) != 0 {
                self.decref_owned(KEEP[k], false);
            }
        }
        let slot = self.slot(base);
        self.in_cold(|g| {
            g.bind_merge(slow);
            g.set_args_from_keep(2);
            g.asm.lea(Reg::Arg(2), slot);
            g.asm.mov(Reg::Arg(3), Opnd::Imm(flags as i64));
            g.asm.mov(Reg::Arg(4), Opnd::Imm(op as i64));
            g.call_helper(runtime::compare_float_slow as usize);
            g.asm.mov(Reg::Keep2, Reg::Ret);
            g.asm.jmp(decided);
        });
        self.bind_merge(decided);
        // The entries below are boxed for the jump target.
        self.finish_compare_jump(jump_if_true)
    }

    /// A comparison whose result is a value (`return a == b`, `x < y and …`): two compact ints
    /// give `True`/`False` inline (3.11 specialises only comparisons that feed a jump, so
    /// these sites have no feedback; the guard is cheap), anything else
    /// `PyObject_RichCompare`.
    fn gen_compare_value(&mut self, op: u32) {
        if self.const_operand_not_compact_int() {
            self.gen_binary(crate::operators::rich_compare as usize, Some(op as i64));
            return;
        }
        let (es, base) = self.pop_inputs(2);
        let slow = self.asm.new_label();
        let done = self.asm.new_label();
        self.guard_compact_int_operands(&es, slow);
        // SAFETY: static singletons.
        let (t, f) = unsafe { (ffi::Py_True() as i64, ffi::Py_False() as i64) };
        let is_false = match op {
            0 => Cond::Ge,
            1 => Cond::Gt,
            2 => Cond::Ne,
            3 => Cond::Eq,
            4 => Cond::Le,
            _ => Cond::Lt,
        };
        let decided = self.asm.new_label();
        self.asm.mov(Reg::Ret, Opnd::Imm(f));
        self.asm.cmp(Reg::Arg(0), Reg::Arg(1));
        self.asm.jcc(is_false, decided);
        self.asm.mov(Reg::Ret, Opnd::Imm(t));
        self.bind_merge(decided);
        self.asm.incref(Reg::Ret);
        self.asm.jmp(done);
        self.finish_binary(&es, base, crate::operators::rich_compare as usize, Some(op as i64), slow, done);
    }

    /// The end of a two-operand instruction with inline paths: the generic function (with
    /// `third` as its third argument) in cold code from `slow`, then the result, inline or
    /// generic, from `done` to the first input's slot.
    fn finish_binary(&mut self, es: &[Entry], base: usize, generic: usize, third: Option<i64>, slow: Label, done: Label) {
        self.in_cold(|g| {
            g.bind_merge(slow);
            g.set_args_from_keep(2);
            if let Some(v) = third {
                g.asm.mov(Reg::Arg(2), Opnd::Imm(v));
            }
            g.call_helper(generic);
            g.asm.jmp(done);
        });
        self.bind_merge(done);
        self.finish_ptr_op(es, base);
    }

    /// True when one of the two operands on top of the stack is a constant other than a
    /// compact int: a site taking only the compact-int path could never take it.
    fn const_operand_not_compact_int(&self) -> bool {
        [self.vs.peek(2), self.vs.peek(1)]
            .into_iter()
            .any(|e| matches!(e, Entry::Const(_)) && Self::const_compact_int(e).is_none())
    }

    /// The value of a constant operand that is an exact int of at most one 30-bit digit (what
    /// [`Self::guard_compact_int`] checks at run time).
    fn const_compact_int(entry: Entry) -> Option<i64> {
        let Entry::Const(p) = entry else { return None };
        // SAFETY: constants outlive the code; an exact int's size and first digit are readable.
        unsafe {
            if ffi::Py_TYPE(p) != std::ptr::addr_of_mut!(ffi::PyLong_Type) {
                return None;
            }
            let size = layout::read::<isize>(p as *const u8, layout::object::OB_SIZE);
            if !(-1..=1).contains(&size) {
                return None;
            }
            let digit = layout::read::<u32>(p as *const u8, layout::object::LONG_DIGIT0) as i64;
            Some(size as i64 * digit)
        }
    }

    /// True for a constant operand of exactly type `tp`.
    fn const_of_type(entry: Entry, tp: *mut ffi::PyTypeObject) -> bool {
        // SAFETY: constants outlive the code.
        matches!(entry, Entry::Const(p) if unsafe { ffi::Py_TYPE(p) } == tp)
    }

    /// Both operands of a two-operand instruction (in `Keep0`, `Keep1`) as compact ints, their
    /// values in `Arg(0)`, `Arg(1)`; anything else jumps to `miss`.
    fn guard_compact_int_operands(&mut self, es: &[Entry], miss: Label) {
        self.guard_compact_int_entry(es[0], Reg::Keep0, Reg::Arg(0), miss);
        self.guard_compact_int_entry(es[1], Reg::Keep1, Reg::Arg(1), miss);
    }

    /// [`Self::guard_compact_int`] for the operand `entry` (loaded in `obj`): a constant
    /// compact int needs no check.
    fn guard_compact_int_entry(&mut self, entry: Entry, obj: Reg, value: Reg, slow: Label) {
        match Self::const_compact_int(entry) {
            Some(v) => self.asm.mov(value, Opnd::Imm(v)),
            None => self.guard_compact_int(obj, value, slow),
        }
    }

    /// Jumps to `slow` unless `obj` is an exact int with at most one 30-bit digit; otherwise
    /// leaves its value in `value`. Clobbers `Tmp0`.
    fn guard_compact_int(&mut self, obj: Reg, value: Reg, slow: Label) {
        let long_type = std::ptr::addr_of_mut!(ffi::PyLong_Type) as i64;
        self.asm.mov(Reg::Tmp0, Mem::new(obj, layout::object::OB_TYPE));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(long_type));
        self.asm.jcc(Cond::Ne, slow);
        self.asm.mov(value, Mem::new(obj, layout::object::OB_SIZE));
        self.asm.lea(Reg::Tmp0, Mem::new(value, 1));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(2));
        self.asm.jcc(Cond::Above, slow);
        self.asm.load(Reg::Tmp0, Mem::new(obj, layout::object::LONG_DIGIT0), Width::B32);
        self.asm.imul(value, Reg::Tmp0);
    }

    /// Arithmetic with inline paths for two compact ints (`+ - *`, and `/` giving a float), two
    /// floats (`+ - * /`) and a float with a compact int either side (where the site may see
    /// both types: no feedback, or a constant of the other type); everything else goes through
    /// the generic `PyNumber_*` function.
    fn gen_arith(&mut self, op: u32, generic: usize, int_ok: bool, float_ok: bool) {
        let (es, base) = self.pop_inputs(2);
        let slow = self.asm.new_label();
        let boxed = self.asm.new_label();
        let int_type = std::ptr::addr_of_mut!(ffi::PyLong_Type);
        let float_type = std::ptr::addr_of_mut!(ffi::PyFloat_Type);
        let has_const_int = es.iter().any(|&e| Self::const_of_type(e, int_type));
        let has_const_float = es.iter().any(|&e| Self::const_of_type(e, float_type));
        // A constant operand of one type rules out the same-type path of the other; a constant
        // int too large for the compact-int guard rules out every int path.
        let big_const_int =
            es.iter().any(|&e| Self::const_of_type(e, int_type) && Self::const_compact_int(e).is_none());
        let float_float = float_ok && !has_const_int;
        let int_int = int_ok && !has_const_float && !big_const_int;
        let mixed = int_ok && float_ok && !big_const_int;
        let fop = Self::float_op(op);
        let first_float = (float_float || mixed) && !Self::const_of_type(es[0], int_type);
        let first_int = (int_int || mixed) && !Self::const_of_type(es[0], float_type);
        let second_float = (float_float || mixed) && !Self::const_of_type(es[1], int_type);
        let second_int = (int_int || mixed) && !Self::const_of_type(es[1], float_type);
        if first_float {
            let not_float = if first_int { self.asm.new_label() } else { slow };
            self.guard_type(Reg::Keep0, float_type, not_float);
            let float_int = self.asm.new_label();
            if float_float && second_float {
                let miss = if second_int { float_int } else { slow };
                self.guard_type(Reg::Keep1, float_type, miss);
                self.float_arith_of_floats(fop, slow);
                // An operand the stack owns alone (a temporary: `a*b` in `a*b + c`) takes the
                // result in place of a new float, as 3.13's float ops do.
                self.result_into_temporary(&es, boxed, |g, r, _| g.asm.float_store(Mem::new(r, layout::object::FLOAT_OB_FVAL)));
                self.call_helper_no_python(ffi::PyFloat_FromDouble as usize);
                self.asm.jmp(boxed);
            }
            if mixed && second_int {
                // float op int: the int converts exactly (below 2**30), as `float_add` & co.
                // convert it. Cold code when two floats are the expected case.
                let emit = |g: &mut Self| {
                    g.bind_merge(float_int);
                    g.guard_compact_int_entry(es[1], Reg::Keep1, Reg::Arg(1), slow);
                    if fop == FloatOp::Div && Self::const_compact_int(es[1]).map_or(true, |v| v == 0) {
                        g.asm.test(Reg::Arg(1), Reg::Arg(1));
                        g.asm.jcc(Cond::Eq, slow);
                    }
                    g.asm.float_load(Mem::new(Reg::Keep0, layout::object::FLOAT_OB_FVAL));
                    g.asm.float_arith_int(fop, Reg::Arg(1));
                    g.call_helper_no_python(ffi::PyFloat_FromDouble as usize);
                    g.asm.jmp(boxed);
                };
                if float_float && second_float {
                    self.in_cold(emit);
                } else {
                    emit(self);
                }
            }
            if first_int {
                self.bind_merge(not_float);
            }
        }
        if first_int {
            self.guard_compact_int_entry(es[0], Reg::Keep0, Reg::Arg(0), slow);
            let int_float = self.asm.new_label();
            if int_int && second_int {
                let miss = if mixed && second_float { int_float } else { slow };
                self.guard_compact_int_entry(es[1], Reg::Keep1, Reg::Arg(1), miss);
                if fop == FloatOp::Div && matches!(op, 11 | 24) {
                    // int / int: both convert exactly, and one correctly rounded division
                    // gives what `long_true_divide`'s fast path for small operands gives.
                    if Self::const_compact_int(es[1]).map_or(true, |v| v == 0) {
                        self.asm.test(Reg::Arg(1), Reg::Arg(1));
                        self.asm.jcc(Cond::Eq, slow);
                    }
                    self.asm.float_load_int(Reg::Arg(0));
                    self.asm.float_arith_int(FloatOp::Div, Reg::Arg(1));
                    self.call_helper_no_python(ffi::PyFloat_FromDouble as usize);
                    self.asm.jmp(boxed);
                } else {
                    self.int_arith(op, Reg::Arg(0), Reg::Arg(1));
                    self.box_int(&es, boxed);
                }
            }
            if mixed && second_float {
                // int op float, in cold code when two ints are the expected case.
                let emit = |g: &mut Self| {
                    g.bind_merge(int_float);
                    g.guard_type(Reg::Keep1, float_type, slow);
                    if fop == FloatOp::Div {
                        g.guard_nonzero_float(Reg::Keep1, slow);
                    }
                    g.asm.float_load_int(Reg::Arg(0));
                    g.asm.float_arith(fop, Mem::new(Reg::Keep1, layout::object::FLOAT_OB_FVAL));
                    g.call_helper_no_python(ffi::PyFloat_FromDouble as usize);
                    g.asm.jmp(boxed);
                };
                if int_int && second_int {
                    self.in_cold(emit);
                } else {
                    emit(self);
                }
            }
        }
        if !first_float && !first_int {
            self.asm.jmp(slow);
        }
        self.finish_binary(&es, base, generic, None, slow, boxed);
    }

    /// `& | ^ // % << >>` (and their in-place forms) with an inline path for two compact ints,
    /// which 3.11 never specialises; other operands go through the generic `PyNumber_*`
    /// function. The results stay within 64 bits: a quotient is at most 2**30, and `<<` is
    /// inline only for counts up to 32.
    fn gen_int_only_op(&mut self, op: u32, generic: usize) {
        // `"%s" % x`, `{1} | s` and `x & 0xFFFFFFFF` never take the compact-int path.
        if self.const_operand_not_compact_int() {
            self.gen_binary(generic, None);
            return;
        }
        let (es, base) = self.pop_inputs(2);
        let slow = self.asm.new_label();
        let boxed = self.asm.new_label();
        self.guard_compact_int_operands(&es, slow);
        match op % 13 {
            1 => self.asm.and(Reg::Arg(0), Reg::Arg(1)),
            7 => self.asm.or(Reg::Arg(0), Reg::Arg(1)),
            12 => self.asm.xor(Reg::Arg(0), Reg::Arg(1)),
            3 | 9 => {
                let count = Self::const_compact_int(es[1]);
                // A negative count raises ValueError: generic path.
                if count.map_or(true, |c| c < 0) {
                    self.asm.test(Reg::Arg(1), Reg::Arg(1));
                    self.asm.jcc(Cond::Lt, slow);
                }
                if op % 13 == 3 {
                    // |a| < 2**30, so a << 32 or less fits; longer shifts are generic.
                    if count.map_or(true, |c| c > 32) {
                        self.asm.cmp(Reg::Arg(1), Opnd::Imm(32));
                        self.asm.jcc(Cond::Gt, slow);
                    }
                    self.asm.mov(Reg::Arg(3), Reg::Arg(1));
                    self.asm.shl(Reg::Arg(0));
                } else {
                    // Shifting a compact int right by 63 leaves its sign (0 or -1), as any
                    // longer shift does in Python.
                    if count.map_or(true, |c| c > 63) {
                        let in_range = self.asm.new_label();
                        self.asm.cmp(Reg::Arg(1), Opnd::Imm(63));
                        self.asm.jcc(Cond::Le, in_range);
                        self.asm.mov(Reg::Arg(1), Opnd::Imm(63));
                        self.bind_merge(in_range);
                    }
                    self.asm.mov(Reg::Arg(3), Reg::Arg(1));
                    self.asm.sar(Reg::Arg(0));
                }
            }
            floor_or_mod => {
                // Division by zero raises: generic path.
                if Self::const_compact_int(es[1]).map_or(true, |v| v == 0) {
                    self.asm.test(Reg::Arg(1), Reg::Arg(1));
                    self.asm.jcc(Cond::Eq, slow);
                }
                // Truncating division, then toward minus infinity: when the remainder is not
                // zero and its sign differs from the divisor's, the quotient drops by one and
                // the remainder takes the divisor's sign.
                self.asm.mov(Reg::Ret, Reg::Arg(0));
                self.asm.div_rem(Reg::Arg(1));
                let exact = self.asm.new_label();
                self.asm.test(Reg::Arg(2), Reg::Arg(2));
                self.asm.jcc(Cond::Eq, exact);
                self.asm.mov(Reg::Tmp0, Reg::Arg(2));
                self.asm.xor(Reg::Tmp0, Reg::Arg(1));
                self.asm.cmp(Reg::Tmp0, Opnd::Imm(0));
                self.asm.jcc(Cond::Ge, exact);
                if floor_or_mod == 2 {
                    self.asm.sub(Reg::Ret, Opnd::Imm(1));
                } else {
                    self.asm.add(Reg::Arg(2), Reg::Arg(1));
                }
                self.bind_merge(exact);
                self.asm.mov(Reg::Arg(0), if floor_or_mod == 2 { Reg::Ret } else { Reg::Arg(2) });
            }
        }
        self.box_int(&es, boxed);
        self.finish_binary(&es, base, generic, None, slow, boxed);
    }

    /// The int object of the value in `Arg(0)` (clobbered) to `Ret`, then to `done`: small
    /// ints (the interpreter's preallocated -5..=256) by address with a new reference, as
    /// `PyLong_FromLongLong` returns them, others from that function; but an operand in `es`
    /// that the stack owns alone (a temporary, in `Keep0` or `Keep1`: the product in
    /// `(i + j) * (i + j + 1) // 2`) takes a result that fits in one 30-bit digit, the size of
    /// every compact int, in place of a new int, as the float paths reuse a float.
    fn box_int(&mut self, es: &[Entry], done: Label) {
        let big = self.asm.new_label();
        self.small_int_by_address(Reg::Arg(0), done, big);
        self.bind_merge(big);
        if es.contains(&Entry::Mem) {
            let new_int = self.asm.new_label();
            let positive = self.asm.new_label();
            // The digit (|value|) in Arg(1), the size (the sign) in Arg(2).
            self.asm.mov(Reg::Arg(1), Reg::Arg(0));
            self.asm.mov(Reg::Arg(2), Opnd::Imm(1));
            self.asm.cmp(Reg::Arg(0), Opnd::Imm(0));
            self.asm.jcc(Cond::Ge, positive);
            self.asm.mov(Reg::Arg(1), Opnd::Imm(0));
            self.asm.sub(Reg::Arg(1), Reg::Arg(0));
            self.asm.mov(Reg::Arg(2), Opnd::Imm(-1));
            self.asm.bind(positive);
            self.asm.cmp(Reg::Arg(1), Opnd::Imm(1 << 30));
            self.asm.jcc(Cond::AboveEq, new_int);
            self.result_into_temporary(es, done, |g, r, shared| {
                // A compact int (guarded) of one digit, not zero: an int of size 0 may have
                // been allocated without room for a digit.
                g.asm.cmp(Mem::new(r, layout::object::OB_SIZE), Opnd::Imm(0));
                g.asm.jcc(Cond::Eq, shared);
                g.asm.mov(Mem::new(r, layout::object::OB_SIZE), Reg::Arg(2));
                g.asm.store_u32(Mem::new(r, layout::object::LONG_DIGIT0), Reg::Arg(1));
            });
            self.asm.bind(new_int);
        }
        self.call_helper_no_python(ffi::PyLong_FromLongLong as usize);
        self.asm.jmp(done);
    }

    /// For each operand in `Keep0`/`Keep1` that the stack owns alone (a temporary) and nothing
    /// else refers to: `store` writes the result into it (or jumps to the label it is given, to
    /// try the next) and it becomes the result, a new reference in `Ret`, then to `done` (the
    /// release of the inputs drops that reference again). Falls through when none is used.
    fn result_into_temporary(&mut self, es: &[Entry], done: Label, mut store: impl FnMut(&mut Self, Reg, Label)) {
        for (k, r) in [Reg::Keep0, Reg::Keep1].into_iter().enumerate() {
            if es[k] != Entry::Mem {
                continue;
            }
            let shared = self.asm.new_label();
            self.asm.cmp(Mem::new(r, layout::object::OB_REFCNT), Opnd::Imm(1));
            self.asm.jcc(Cond::Ne, shared);
            store(self, r, shared);
            self.asm.mov(Reg::Ret, r);
            self.asm.incref(Reg::Ret);
            self.asm.jmp(done);
            self.bind_merge(shared);
        }
    }

    /// If `value` is one of the interpreter's preallocated small ints (-5..=256), that int, by
    /// address, with a new reference, to `Ret`, then to `done` (as `PyLong_FromLong` returns
    /// it); else to `big`. Clobbers `Tmp0`.
    fn small_int_by_address(&mut self, value: Reg, done: Label, big: Label) {
        let Some((base, stride)) = crate::runtime::small_ints() else {
            self.asm.jmp(big);
            return;
        };
        // value + 5 as unsigned below 262: one compare for both bounds.
        self.asm.lea(Reg::Tmp0, Mem::new(value, -crate::runtime::SMALL_INT_MIN as i32));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(crate::runtime::SMALL_INT_COUNT as i64));
        self.asm.jcc(Cond::AboveEq, big);
        self.asm.imul(Reg::Tmp0, Opnd::Imm(stride as i64));
        self.asm.mov(Reg::Ret, Opnd::Imm(base as i64));
        self.asm.add(Reg::Ret, Reg::Tmp0);
        self.asm.incref(Reg::Ret);
        self.asm.jmp(done);
    }

    /// `container[index]` with an inline path for exact lists and tuples indexed by a
    /// non-negative compact int in range (as BINARY_SUBSCR_LIST_INT / _TUPLE_INT do); the rest
    /// goes to [`runtime::get_item`].
    fn gen_binary_subscr(&mut self) {
        let (es, base) = self.pop_inputs(2);
        let slow = self.asm.new_label();
        let tuple = self.asm.new_label();
        let have_items = self.asm.new_label();
        let boxed = self.asm.new_label();
        let list_type = std::ptr::addr_of_mut!(ffi::PyList_Type) as i64;
        let tuple_type = std::ptr::addr_of_mut!(ffi::PyTuple_Type) as i64;
        self.subscr_index(es[1], Reg::Keep1, slow);
        // Container: exact list (items pointer) or exact tuple (inline items).
        self.asm.mov(Reg::Tmp0, Mem::new(Reg::Keep0, layout::object::OB_TYPE));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(list_type));
        self.asm.jcc(Cond::Ne, tuple);
        self.asm.mov(Reg::Tmp0, Mem::new(Reg::Keep0, layout::object::LIST_OB_ITEM));
        self.asm.jmp(have_items);
        self.bind_merge(tuple);
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(tuple_type));
        self.asm.jcc(Cond::Ne, slow);
        self.asm.lea(Reg::Tmp0, Mem::new(Reg::Keep0, layout::object::TUPLE_OB_ITEM));
        self.bind_merge(have_items);
        self.subscr_bounds(es[1], Reg::Keep0, slow);
        self.asm.imul(Reg::Arg(1), Opnd::Imm(8));
        self.asm.add(Reg::Tmp0, Reg::Arg(1));
        self.asm.mov(Reg::Ret, Mem::new(Reg::Tmp0, 0));
        self.asm.incref(Reg::Ret);
        self.asm.jmp(boxed);
        self.in_cold(|g| {
            g.bind_merge(slow);
            g.set_args_from_keep(2);
            g.call_helper(runtime::get_item as usize);
            g.asm.jmp(boxed);
        });
        self.bind_merge(boxed);
        self.prev_instr_written = None;
        self.finish_ptr_op(&es, base);
    }

    /// The value of a subscript's index to `Arg(1)` when it is an exact int of at most one
    /// digit (a constant needs no check), else to `slow`. Clobbers `Tmp0`.
    fn subscr_index(&mut self, entry: Entry, obj: Reg, slow: Label) {
        if let Some(v) = Self::const_compact_int(entry) {
            self.asm.mov(Reg::Arg(1), Opnd::Imm(v));
            return;
        }
        let long_type = std::ptr::addr_of_mut!(ffi::PyLong_Type) as i64;
        self.asm.mov(Reg::Tmp0, Mem::new(obj, layout::object::OB_TYPE));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(long_type));
        self.asm.jcc(Cond::Ne, slow);
        // ob_size -1, 0 or 1: one digit, either sign.
        self.asm.mov(Reg::Arg(1), Mem::new(obj, layout::object::OB_SIZE));
        self.asm.lea(Reg::Tmp0, Mem::new(Reg::Arg(1), 1));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(2));
        self.asm.jcc(Cond::Above, slow);
        self.asm.load(Reg::Tmp0, Mem::new(obj, layout::object::LONG_DIGIT0), Width::B32);
        self.asm.imul(Reg::Arg(1), Reg::Tmp0);
    }

    /// Turns the index in `Arg(1)` (from [`Self::subscr_index`]) into a position in the list or
    /// tuple `container`, counting a negative index from the end as `list_subscript` does, and
    /// jumps to `slow` (which raises `IndexError`) unless it is in range.
    fn subscr_bounds(&mut self, index: Entry, container: Reg, slow: Label) {
        if Self::const_compact_int(index).map_or(true, |v| v < 0) {
            let non_negative = self.asm.new_label();
            self.asm.test(Reg::Arg(1), Reg::Arg(1));
            self.asm.jcc(Cond::Ge, non_negative);
            self.asm.add(Reg::Arg(1), Mem::new(container, layout::object::OB_SIZE));
            self.bind_merge(non_negative);
        }
        // Unsigned: a position still negative is out of range too.
        self.asm.cmp(Reg::Arg(1), Mem::new(container, layout::object::OB_SIZE));
        self.asm.jcc(Cond::AboveEq, slow);
    }

    /// `container[index] = value`, inline for an exact list and an in-range one-digit int
    /// index (`STORE_SUBSCR_LIST_INT`, also negative), else `PyObject_SetItem`.
    fn gen_store_subscr(&mut self) {
        let in_place = (self.vs.peek(3) == Entry::Float).then(|| self.store_float_in_place_subscr());
        // Stack: [value, container, index].
        let (es, base) = self.pop_inputs(3);
        let slow = self.asm.new_label();
        let done = self.asm.new_label();
        let list_type = std::ptr::addr_of_mut!(ffi::PyList_Type) as i64;
        self.subscr_index(es[2], KEEP[2], slow);
        self.asm.mov(Reg::Tmp0, Mem::new(KEEP[1], layout::object::OB_TYPE));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(list_type));
        self.asm.jcc(Cond::Ne, slow);
        self.subscr_bounds(es[2], KEEP[1], slow);
        self.asm.mov(Reg::Tmp0, Mem::new(KEEP[1], layout::object::LIST_OB_ITEM));
        self.asm.imul(Reg::Arg(1), Opnd::Imm(8));
        self.asm.add(Reg::Tmp0, Reg::Arg(1));
        // The list takes the stack's reference to the value (or a new one to a borrowed value).
        if es[0] != Entry::Mem {
            self.asm.incref(KEEP[0]);
        }
        self.asm.mov(Reg::Arg(0), Mem::new(Reg::Tmp0, 0));
        self.asm.mov(Mem::new(Reg::Tmp0, 0), KEEP[0]);
        // The old item's finaliser may run Python code.
        self.decref_owned(Reg::Arg(0), false);
        self.release(es[1], KEEP[1]);
        self.release(es[2], KEEP[2]);
        self.asm.jmp(done);
        self.bind_merge(slow);
        self.set_args_from_keep(3);
        self.call_helper(runtime::store_subscr as usize);
        self.finish_int_op(&es, base);
        self.bind_merge(done);
        if let Some(l) = in_place {
            self.bind_merge(l);
        }
        self.prev_instr_written = None;
    }

    /// `list[i] = <unboxed float>` where the item is a float nothing else refers to: its value
    /// is replaced in place (`v[0] -= dx * m` allocates nothing). Returns the label after the
    /// store; falls through, with the value boxed, to the ordinary store otherwise.
    fn store_float_in_place_subscr(&mut self) -> Label {
        let d = self.vs.depth();
        let (container, index) = (self.vs.peek(2), self.vs.peek(1));
        let miss = self.asm.new_label();
        let done = self.asm.new_label();
        self.load_entry(KEEP[1], container, d - 2);
        self.load_entry(KEEP[2], index, d - 1);
        self.subscr_index(index, KEEP[2], miss);
        self.asm.mov(Reg::Tmp0, Mem::new(KEEP[1], layout::object::OB_TYPE));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(std::ptr::addr_of_mut!(ffi::PyList_Type) as i64));
        self.asm.jcc(Cond::Ne, miss);
        self.subscr_bounds(index, KEEP[1], miss);
        self.asm.mov(Reg::Tmp0, Mem::new(KEEP[1], layout::object::LIST_OB_ITEM));
        self.asm.imul(Reg::Arg(1), Opnd::Imm(8));
        self.asm.add(Reg::Tmp0, Reg::Arg(1));
        self.asm.mov(Reg::Arg(0), Mem::new(Reg::Tmp0, 0));
        self.store_float_into_sole_float(Reg::Arg(0), d - 3, miss);
        self.release(container, KEEP[1]);
        self.release(index, KEEP[2]);
        self.asm.jmp(done);
        self.bind_merge(miss);
        self.box_float(d - 3);
        done
    }

    /// Writes the unboxed float at stack depth `value` into the float `old` (a container's
    /// reference) if `old` is an exact float that only the container refers to: nobody can
    /// tell the object was reused. Jumps to `miss` otherwise. Clobbers `Tmp0`.
    fn store_float_into_sole_float(&mut self, old: Reg, value: usize, miss: Label) {
        self.guard_type(old, std::ptr::addr_of_mut!(ffi::PyFloat_Type), miss);
        self.asm.cmp(Mem::new(old, layout::object::OB_REFCNT), Opnd::Imm(1));
        self.asm.jcc(Cond::Ne, miss);
        self.asm.mov(Reg::Tmp0, self.slot(value));
        self.asm.mov(Mem::new(old, layout::object::FLOAT_OB_FVAL), Reg::Tmp0);
    }

    /// Before an instruction fused with the conditional jump `jump_op` that follows it: a
    /// backward jump polls the eval breaker, as the interpreter does at its `JUMP_BACKWARD`s
    /// (here first, while the fused instruction's operands are still on the stack).
    fn poll_before_fused_jump(&mut self, jump_op: u8) {
        if Self::is_backward_jump(jump_op) {
            self.check_eval_breaker();
        }
    }

    fn gen_is_op(&mut self, invert: u32) -> Next {
        if let Some((jump_op, jump_if_true)) = self.fusable_jump() {
            // `if x is y:` (`is True`, `is False`, `is not None`…): the identity decides the
            // jump directly, without a bool pushed and tested.
            self.poll_before_fused_jump(jump_op);
            let (es, _base) = self.pop_inputs(2);
            // The operands' addresses stay in their registers (callee-saved) after release.
            self.release_inputs(&es);
            self.flush_all();
            let target = self.target_label(Self::jump_target_of(&self.instrs[self.pos + 1]));
            self.asm.cmp(Reg::Keep0, Reg::Keep1);
            let jump_if_same = jump_if_true != (invert != 0);
            self.asm.jcc(if jump_if_same { Cond::Eq } else { Cond::Ne }, target);
            return Next::SkipNext;
        }
        let (es, base) = self.pop_inputs(2);
        // SAFETY: static singletons.
        let (t, f) = unsafe { (ffi::Py_True() as i64, ffi::Py_False() as i64) };
        let (same, differ) = if invert != 0 { (f, t) } else { (t, f) };
        let done = self.asm.new_label();
        self.asm.mov(Reg::Ret, Opnd::Imm(same));
        self.asm.cmp(Reg::Keep0, Reg::Keep1);
        self.asm.jcc(Cond::Eq, done);
        self.asm.mov(Reg::Ret, Opnd::Imm(differ));
        self.bind_merge(done);
        self.asm.incref(Reg::Ret);
        self.asm.mov(self.slot(base), Reg::Ret);
        self.release_inputs(&es);
        self.vs.push(Entry::Mem);
        Next::Continue
    }

    fn gen_contains_op(&mut self, invert: u32) -> Next {
        let fused = self.fusable_jump();
        if let Some((jump_op, _)) = fused {
            self.poll_before_fused_jump(jump_op);
        }
        let (es, base) = self.pop_inputs(2);
        self.set_args_from_keep(2);
        self.call_helper(runtime::contains as usize);
        if let Some((_, jump_if_true)) = fused {
            // `if x in y:`: the helper's 1, 0 or -1 decides the jump (no bool pushed).
            self.asm.mov(Reg::Keep2, Reg::Ret);
            self.release_inputs(&es);
            return self.finish_compare_jump(jump_if_true != (invert != 0));
        }
        self.finish_int_op(&es, base);
        // SAFETY: static singletons.
        let (t, f) = unsafe { (ffi::Py_True() as i64, ffi::Py_False() as i64) };
        let (if_in, if_not_in) = if invert != 0 { (f, t) } else { (t, f) };
        let done = self.asm.new_label();
        self.asm.mov(Reg::Tmp0, self.slot(base));
        self.asm.mov(Reg::Ret, Opnd::Imm(if_in));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(0));
        self.asm.jcc(Cond::Ne, done);
        self.asm.mov(Reg::Ret, Opnd::Imm(if_not_in));
        self.bind_merge(done);
        self.asm.incref(Reg::Ret);
        self.asm.mov(self.slot(base), Reg::Ret);
        self.vs.push(Entry::Mem);
        Next::Continue
    }

    // ---- containers ----

    /// Materialises the top `n` entries and calls `f(&items[0], extra)`, which steals them and
    /// returns a new reference or NULL.
    fn gen_build(&mut self, n: usize, f: usize, extra: u32) {
        self.materialise_top(n);
        let base = self.vs.depth() - n;
        self.asm.lea(Reg::Arg(0), self.slot(base));
        self.asm.mov(Reg::Arg(1), Opnd::Imm(extra as i64));
        self.call_helper(f);
        self.vs.entries.truncate(base);
        let err = self.error_exit();
        self.check_ptr(err);
        self.asm.mov(self.slot(base), Reg::Ret);
        self.vs.push(Entry::Mem);
    }

    /// True if the `BUILD_SLICE` being compiled feeds the `op` (`BINARY_SUBSCR` or
    /// `STORE_SUBSCR`) right after it, which starts no line and is no jump target (the two
    /// compile as one).
    fn slice_consumer_follows(&self, op: u8) -> bool {
        let next = self.pos + 1;
        next < self.instrs.len()
            && self.instrs[next].op == op
            && !self.an.is_target[next]
            && !self.line_starts.get(next).copied().unwrap_or(false)
            && self.an.depth[next].is_some()
    }

    /// `container[start:stop]` and `container[start:stop:step]`: `BUILD_SLICE` and the
    /// `BINARY_SUBSCR` after it as one call of `helper` ([`runtime::subscr_slice`],
    /// [`runtime::subscr_slice3`]) on the `n` slots of the operands, which slices exact
    /// sequences by int or None bounds without making a slice object. It runs as that
    /// `BINARY_SUBSCR` (where the interpreter raises slicing errors), with the operands consumed.
    fn gen_fused_slice(&mut self, n: usize, helper: usize) {
        let base = self.enter_slice_consumer(n);
        self.call_helper(helper);
        let err = self.error_exit();
        self.check_ptr(err);
        self.asm.mov(self.slot(base), Reg::Ret);
        self.vs.push(Entry::Mem);
    }

    /// `container[start:stop] = value`: `BUILD_SLICE 2` and the `STORE_SUBSCR` after it as one
    /// call of [`runtime::store_slice`] (exact lists assigned without a slice object), run as
    /// that `STORE_SUBSCR`.
    fn gen_store_slice(&mut self) {
        self.enter_slice_consumer(4);
        self.call_helper(runtime::store_slice as usize);
        let err = self.error_exit();
        self.check_int(Reg::Ret, err);
    }

    /// For a fused `BUILD_SLICE` and the instruction after it: the top `n` entries (the
    /// consumer's operands before the slice, then the slice's parts) in their slots, handed
    /// over to the helper (`Arg(0)` = their address); the consumer made the current
    /// instruction; the entries popped. Returns the base slot.
    fn enter_slice_consumer(&mut self, n: usize) -> usize {
        self.materialise_top(n);
        let base = self.vs.depth() - n;
        self.pos += 1;
        self.cur = self.instrs[self.pos];
        self.exit_stubs.clear();
        self.exit_stub_entries.clear();
        self.asm.lea(Reg::Arg(0), self.slot(base));
        self.vs.entries.truncate(base);
        base
    }

    /// `LIST_APPEND`-style: pops `n` values, calls `f(container, values…, extra?)` where the
    /// container is at `PEEK(i)` after the pops. Int result; -2 deopts.
    fn gen_container_add(&mut self, n: usize, i: u32, f: usize, extra: Option<i64>) {
        let before = self.vs.clone();
        let (es, _) = self.pop_inputs(n);
        let cdepth = self.vs.depth() - i as usize;
        let ce = self.vs.entries[cdepth];
        self.load_entry(Reg::Arg(0), ce, cdepth);
        for k in 0..n {
            self.asm.mov(Reg::Arg(1 + k as u8), KEEP[k]);
        }
        if let Some(v) = extra {
            self.asm.mov(Reg::Arg(1 + n as u8), Opnd::Imm(v));
        }
        self.call_helper(f);
        // The result stays in a register: on deopt the inputs' slots must be intact.
        let result = KEEP[n];
        self.asm.mov(result, Reg::Ret);
        let deopt = self.exit_stub(&before, ExitKind::Deopt, ExitReason::Deopt);
        let deopt_check = self.asm.new_label();
        self.asm.cmp(result, Opnd::Imm(runtime::DEOPT_INT as i64));
        self.asm.jcc(Cond::Eq, deopt_check);
        self.asm.cold(|asm| {
            // Nothing was consumed: the interpreter runs the instruction on the same stack.
            asm.bind(deopt_check);
            asm.jmp(deopt);
        });
        self.release_inputs(&es);
        let err = self.error_exit();
        self.asm.cmp(result, Opnd::Imm(0));
        self.asm.jcc(Cond::Lt, err);
    }

    /// Unpacks sequences of up to this many items inline (3 instructions an item); longer ones
    /// call `runtime::unpack_sequence`.
    const MAX_INLINE_UNPACK: u32 = 16;

    /// Fewest items for which `UNPACK_SEQUENCE` and the `STORE_FAST`s after it become one
    /// helper call: inline, each item costs about 40 bytes of machine code, and a function
    /// that unpacks long sequences in a loop (pyperformance's unpack_sequence: 400 in one loop
    /// body) then runs from a body too large for the instruction cache, 2.4x slower than the
    /// interpreter although it executes a third of the instructions.
    const MIN_FUSED_UNPACK: u32 = 4;

    /// The locals of the `n` `STORE_FAST`s right after this `UNPACK_SEQUENCE n`, if they can
    /// be compiled with it: none is a jump target or starts a line (no tracing check can be
    /// needed between them), and they are `n` consecutive code units (no `EXTENDED_ARG`: the
    /// helper finds each one's `prev_instr` from the first's).
    fn fusable_unpack_targets(&self, n: u32) -> Option<Vec<u16>> {
        if n < Self::MIN_FUSED_UNPACK || n > Self::MAX_INLINE_UNPACK {
            return None;
        }
        let first_unit = self.instrs.get(self.pos + 1)?.idx;
        let mut locals = Vec::with_capacity(n as usize);
        for k in 1..=n as usize {
            let p = self.pos + k;
            let ins = self.instrs.get(p)?;
            if ins.op != STORE_FAST
                || self.an.is_target[p]
                || self.line_starts.get(p).copied().unwrap_or(false)
                || ins.arg as usize >= self.nlocalsplus
                || ins.start != ins.idx
                || ins.idx != first_unit + k - 1
            {
                return None;
            }
            locals.push(u16::try_from(ins.arg).ok()?);
        }
        Some(locals)
    }

    /// `UNPACK_SEQUENCE n` of an exact tuple or list and its `n` `STORE_FAST`s in one call
    /// (`runtime::unpack_to_locals`); anything else deopts before the unpack, as
    /// `gen_unpack_sequence` does.
    fn gen_unpack_to_locals(&mut self, locals: &[u16]) {
        for &local in locals {
            self.flush_local(local as u32);
        }
        let before = self.vs.clone();
        let deopt = self.exit_stub(&before, ExitKind::Deopt, ExitReason::Deopt);
        let e = self.vs.pop();
        let base = self.vs.depth();
        let spec_addr = self.unpack_spec(locals);
        let first_store = self.prev_instr_addr(self.instrs[self.pos + 1].idx as isize);
        self.load_entry(Reg::Arg(0), e, base);
        self.asm.mov(Reg::Arg(1), Reg::Frame);
        self.asm.mov(Reg::Arg(2), Opnd::Imm(spec_addr));
        self.asm.mov(Reg::Arg(3), Opnd::Imm(locals.len() as i64 | (((e == Entry::Mem) as i64) << 8)));
        self.asm.mov(Reg::Arg(4), Opnd::Imm(first_store));
        self.call_helper(runtime::unpack_to_locals as usize);
        self.asm.cmp(Reg::Ret, Opnd::Imm(0));
        self.asm.jcc(Cond::Lt, deopt);
        for &local in locals {
            self.bound[local as usize] = true;
        }
        self.prev_instr_written = None;
    }

    /// Address of a table of `locals` (16 bits each, four to a word) for
    /// `runtime::unpack_to_locals`, shared by the function's sites that store to the same
    /// locals. Tables are read on every unpack: one per site made pyperformance's
    /// unpack_sequence (400 sites in one loop) miss the first-level data cache on each.
    fn unpack_spec(&mut self, locals: &[u16]) -> i64 {
        let words: Box<[u64]> = locals
            .chunks(4)
            .map(|c| c.iter().enumerate().fold(0u64, |w, (k, &l)| w | (l as u64) << (16 * k)))
            .collect();
        // The last few tables are enough: equal sites are usually neighbours.
        let recent = self.data.len().saturating_sub(Self::UNPACK_SPEC_REUSE_WINDOW);
        if let Some(table) = self.data[recent..].iter().find(|t| t[..] == words[..]) {
            return table.as_ptr() as i64;
        }
        let addr = words.as_ptr() as i64;
        self.data.push(words);
        addr
    }

    /// How many of the latest constant tables [`Self::unpack_spec`] compares with.
    const UNPACK_SPEC_REUSE_WINDOW: usize = 8;

    fn gen_unpack_sequence(&mut self, n: u32) {
        let before = self.vs.clone();
        let deopt = self.exit_stub(&before, ExitKind::Deopt, ExitReason::Deopt);
        let e = self.vs.pop();
        let base = self.vs.depth();
        let done = self.asm.new_label();
        if n <= Self::MAX_INLINE_UNPACK {
            // An exact tuple or list of exactly `n` items (`UNPACK_SEQUENCE_TWO_TUPLE` & co.).
            let slow = self.asm.new_label();
            let tuple = self.asm.new_label();
            let have_items = self.asm.new_label();
            self.load_entry(KEEP[0], e, base);
            self.asm.mov(Reg::Tmp0, Mem::new(KEEP[0], layout::object::OB_TYPE));
            self.asm.cmp(Reg::Tmp0, Opnd::Imm(std::ptr::addr_of_mut!(ffi::PyTuple_Type) as i64));
            self.asm.jcc(Cond::Eq, tuple);
            self.asm.cmp(Reg::Tmp0, Opnd::Imm(std::ptr::addr_of_mut!(ffi::PyList_Type) as i64));
            self.asm.jcc(Cond::Ne, slow);
            self.asm.cmp(Mem::new(KEEP[0], layout::object::OB_SIZE), Opnd::Imm(n as i64));
            self.asm.jcc(Cond::Ne, slow);
            self.asm.mov(Reg::Tmp0, Mem::new(KEEP[0], layout::object::LIST_OB_ITEM));
            self.asm.jmp(have_items);
            self.bind_merge(tuple);
            self.asm.cmp(Mem::new(KEEP[0], layout::object::OB_SIZE), Opnd::Imm(n as i64));
            self.asm.jcc(Cond::Ne, slow);
            self.asm.lea(Reg::Tmp0, Mem::new(KEEP[0], layout::object::TUPLE_OB_ITEM));
            self.bind_merge(have_items);
            for i in 0..n as usize {
                self.asm.mov(Reg::Arg(1), Mem::new(Reg::Tmp0, 8 * i as i32));
                self.asm.incref(Reg::Arg(1));
                self.asm.mov(self.slot(base + n as usize - 1 - i), Reg::Arg(1));
            }
            // The items hold their own references now: releasing the sequence frees no item.
            self.release(e, KEEP[0]);
            self.asm.jmp(done);
            self.bind_merge(slow);
        }
        self.load_entry(Reg::Arg(0), e, base);
        self.asm.mov(Reg::Arg(1), Opnd::Imm(n as i64));
        self.asm.lea(Reg::Arg(2), self.slot(base));
        self.asm.mov(Reg::Arg(3), Opnd::Imm((e == Entry::Mem) as i64));
        self.call_helper(runtime::unpack_sequence as usize);
        self.asm.cmp(Reg::Ret, Opnd::Imm(0));
        self.asm.jcc(Cond::Lt, deopt);
        self.bind_merge(done);
        self.prev_instr_written = None;
        for _ in 0..n {
            self.vs.push(Entry::Mem);
        }
    }

    // ---- iteration ----

    fn gen_for_iter(&mut self) {
        self.flush_all();
        let d = self.vs.depth();
        let err = self.error_exit();
        let target_unit = self.jump_target();
        let exhausted_target = self.target_label(target_unit);
        let got = self.asm.new_label();
        if runtime::iter_fast_paths() {
            self.gen_for_iter_range_list(d, err, got);
        }
        self.asm.mov(Reg::Arg(0), self.slot(d - 1));
        self.call_helper(runtime::for_iter as usize);
        let cold = self.asm.new_label();
        self.asm.cmp(Reg::Ret, Opnd::Imm(1));
        self.asm.jcc(Cond::BelowEq, cold);
        let iter_slot = self.slot(d - 1);
        self.asm.cold(|asm| {
            asm.bind(cold);
            asm.test(Reg::Ret, Reg::Ret);
            asm.jcc(Cond::Eq, err);
            // Exhausted: pop the iterator and leave the loop (prev_instr is already this
            // instruction, for any finaliser the release runs).
            asm.mov(Reg::Arg(0), iter_slot);
            asm.decref(Reg::Arg(0), dealloc());
            asm.jmp(exhausted_target);
        });
        self.bind_merge(got);
        self.asm.mov(self.slot(d), Reg::Ret);
        self.vs.push(Entry::Mem);
    }

    /// `FOR_ITER` over a range or list iterator without calling `tp_iternext`: the next item
    /// goes to `Ret` and control to `got`; anything else (other iterators, the end of the loop,
    /// a list shrunk under the iterator) falls through to the generic path.
    fn gen_for_iter_range_list(&mut self, d: usize, err: Label, got: Label) {
        use layout::iter::*;
        // No `prev_instr` store: nothing here can run Python code or leave the function except
        // through an error exit, which stores it; the generic path's helper call stores it.
        let not_range = self.asm.new_label();
        let generic = self.asm.new_label();
        let it = Reg::Keep0;
        self.asm.mov(it, self.slot(d - 1));
        self.asm.mov(Reg::Tmp0, Mem::new(it, layout::object::OB_TYPE));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(std::ptr::addr_of_mut!(ffi::PyRangeIter_Type) as i64));
        self.asm.jcc(Cond::Ne, not_range);
        // rangeiter_next: start + index++ * step (wrapping, as its unsigned arithmetic).
        self.asm.mov(Reg::Arg(0), Mem::new(it, RANGE_INDEX));
        self.asm.cmp(Reg::Arg(0), Mem::new(it, RANGE_LEN));
        self.asm.jcc(Cond::Ge, generic);
        self.asm.add_mem(Mem::new(it, RANGE_INDEX), 1);
        self.asm.imul(Reg::Arg(0), Mem::new(it, RANGE_STEP));
        self.asm.add(Reg::Arg(0), Mem::new(it, RANGE_START));
        // A preallocated small int by address (not `box_int`, whose `prev_instr` bookkeeping
        // this path must not take).
        let big = self.asm.new_label();
        self.small_int_by_address(Reg::Arg(0), got, big);
        self.asm.bind(big);
        self.asm.call(ffi::PyLong_FromLong as usize);
        self.asm.test(Reg::Ret, Reg::Ret);
        self.asm.jcc(Cond::Eq, err);
        self.asm.jmp(got);
        self.asm.bind(not_range);
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(std::ptr::addr_of_mut!(ffi::PyListIter_Type) as i64));
        self.asm.jcc(Cond::Ne, generic);
        // listiter_next while the index is inside the list.
        self.asm.mov(Reg::Tmp0, Mem::new(it, LIST_SEQ));
        self.asm.test(Reg::Tmp0, Reg::Tmp0);
        self.asm.jcc(Cond::Eq, generic);
        self.asm.mov(Reg::Arg(0), Mem::new(it, LIST_INDEX));
        self.asm.cmp(Reg::Arg(0), Mem::new(Reg::Tmp0, layout::object::OB_SIZE));
        self.asm.jcc(Cond::Ge, generic);
        self.asm.add_mem(Mem::new(it, LIST_INDEX), 1);
        self.asm.mov(Reg::Tmp0, Mem::new(Reg::Tmp0, layout::object::LIST_OB_ITEM));
        self.asm.imul(Reg::Arg(0), Opnd::Imm(8));
        self.asm.add(Reg::Tmp0, Reg::Arg(0));
        self.asm.mov(Reg::Ret, Mem::new(Reg::Tmp0, 0));
        self.asm.incref(Reg::Ret);
        self.asm.jmp(got);
        self.asm.bind(generic);
    }

    // ---- calls ----

    fn gen_call(&mut self, argc: u32) -> Result<(), String> {
        match self.math_unary_site() {
            Some(index) => self.gen_call_math_unary(index),
            None => self.gen_call_ordinary(argc),
        }
    }

    /// A call `f(x)` (of an unboxed float, or of any object: the helper takes exact floats and
    /// ints) where `f` is named like one of the `math` functions
    /// of one float ([`runtime::MATH_UNARY`], found in the loaded `math` module) and the
    /// interpreter saw a builtin of one argument called (`PRECALL_NO_KW_BUILTIN_O`): the index
    /// of that function. The name comes from the instruction that pushed the callable
    /// (`LOAD_GLOBAL` of `from math import sqrt`, `LOAD_METHOD` of `math.sqrt`).
    pub(super) fn math_unary_site(&self) -> Option<usize> {
        if !self.unbox_floats || self.cur.op != CALL || self.cur.arg != 1 || self.vs.peek(1) == Entry::Null {
            return None;
        }
        let pre = self.instrs[self.pos.checked_sub(1)?];
        if pre.op != PRECALL || self.tables.names[pre.quickened as usize] != "PRECALL_NO_KW_BUILTIN_O" {
            return None;
        }
        let depth = self.vs.depth();
        let callable_depth = depth - 2;
        if !matches!(self.vs.entries[depth - 3], Entry::Null | Entry::Mem) {
            return None;
        }
        // The instruction that pushed the callable: the last one before the call that found
        // the stack no deeper than the callable's slot (the argument's code all runs above it).
        let producer = (0..self.pos - 1).rev().find(|&p| self.an.depth[p].is_some_and(|d| d <= callable_depth))?;
        let ins = self.instrs[producer];
        let name = match ins.op {
            LOAD_GLOBAL if ins.arg & 1 != 0 => self.name(ins.arg >> 1),
            LOAD_METHOD => self.name(ins.arg),
            _ => return None,
        };
        // SAFETY: co_names holds str objects.
        let name = unsafe { ffi::PyUnicode_AsUTF8(name) };
        if name.is_null() {
            // SAFETY: GIL held; the name was no valid UTF-8 (a surrogate): no such function.
            unsafe { ffi::PyErr_Clear() };
            return None;
        }
        // SAFETY: a NUL-terminated UTF-8 buffer owned by the name.
        let name = unsafe { std::ffi::CStr::from_ptr(name) }.to_str().ok()?;
        runtime::math_unary_index(name)
    }

    /// `f(x)` at a [`Self::math_unary_site`]: when `f` is that `math` function and `math_1`
    /// would not fail, [`runtime::math_unary_unboxed`] computes it on the unboxed value and the
    /// result stays unboxed. Otherwise the argument is boxed and the call goes the ordinary
    /// way; a float result is unboxed, anything else ends the activation after this
    /// instruction (`not_float`, counted towards recompiling without unboxing).
    fn gen_call_math_unary(&mut self, index: usize) -> Result<(), String> {
        let depth = self.vs.depth();
        let base = depth - 3;
        let before = self.vs.clone();
        let (null, callable) = (self.vs.entries[base], self.vs.entries[base + 1]);
        let ordinary = self.asm.new_label();
        let done = self.asm.new_label();
        if null == Entry::Mem {
            // `LOAD_METHOD` found a method: `self` follows it, not the argument.
            self.asm.cmp(self.slot(base), Opnd::Imm(0));
            self.asm.jcc(Cond::Ne, ordinary);
        }
        let arg = self.vs.entries[base + 2];
        self.load_entry(Reg::Keep0, callable, base + 1);
        self.asm.mov(Reg::Arg(0), Reg::Keep0);
        if arg == Entry::Float {
            self.asm.lea(Reg::Arg(1), self.slot(base + 2));
        } else {
            // An object (`sin(i)` of an int): converted by the helper if an exact float or int.
            self.load_entry(Reg::Keep1, arg, base + 2);
            self.asm.mov(Reg::Arg(1), Reg::Keep1);
        }
        self.asm.lea(Reg::Arg(2), self.slot(base));
        self.asm.mov(Reg::Arg(3), Opnd::Imm(index as i64));
        let helper = if arg == Entry::Float { runtime::math_unary_unboxed as usize } else { runtime::math_unary_object as usize };
        self.call_helper_no_python(helper);
        self.asm.test(Reg::Ret, Reg::Ret);
        self.asm.jcc(Cond::Eq, ordinary);
        // An int or a float: releasing it runs no Python code.
        self.release(arg, Reg::Keep1);
        self.release(callable, Reg::Keep0);
        self.asm.jmp(done);
        self.bind_merge(ordinary);
        if arg == Entry::Float {
            self.box_float(base + 2);
        }
        self.gen_call_ordinary(1)?;
        // The ordinary call leaves the entries below the callee as they were.
        if self.vs.entries[..base] != before.entries[..base] {
            self.float_misused();
        }
        let not_float = self.exit_stub(&self.vs.clone(), ExitKind::DeoptAfter, ExitReason::NotFloat);
        let miss = self.asm.new_label();
        self.asm.mov(Reg::Arg(0), self.slot(base));
        self.guard_type(Reg::Arg(0), std::ptr::addr_of_mut!(ffi::PyFloat_Type), miss);
        self.asm.mov(Reg::Tmp0, Mem::new(Reg::Arg(0), layout::object::FLOAT_OB_FVAL));
        self.asm.mov(self.slot(base), Reg::Tmp0);
        self.decref_owned(Reg::Arg(0), false);
        self.in_cold(|g| {
            g.bind_merge(miss);
            g.asm.mov(Reg::Arg(0), Reg::Frame);
            g.asm.call(runtime::note_float_miss_in_frame as usize);
            g.asm.jmp(not_float);
        });
        self.vs.pop();
        self.bind_merge(done);
        self.vs.push(Entry::Float);
        Ok(())
    }

    fn gen_call_ordinary(&mut self, argc: u32) -> Result<(), String> {
        let n = argc as usize + 2;
        if n > 63 {
            return Err("call_with_too_many_arguments".into());
        }
        let base = self.vs.depth() - n;
        // A site where the interpreter saw a Python function called calls the callee's fast
        // entry directly when the callee's code is the one its cache holds
        // (`gen_call_fast_entry`).
        let fast = self.python_call_site(base);
        // A bound-method object where the interpreter saw one called (`PRECALL_BOUND_METHOD`):
        // its function and `self` replace it in the stack, and the call goes on as a method
        // call (`gen_unpack_bound_method`). Its arguments follow the method's slot (1).
        let bound_method = fast.is_none() && self.bound_method_site(base);
        let fast = if bound_method { Some(1) } else { fast };
        let mut owned: u64 = 0;
        // Borrowed values go to the slots as they are: the callee only borrows its arguments.
        // A fast entry takes its arguments over: then they are made owned references.
        let first_arg = fast.map_or(n, |callable_slot| callable_slot + 1);
        for k in 0..n {
            let slot = self.slot(base + k);
            let borrowed = match self.vs.entries[base + k] {
                Entry::Mem => {
                    owned |= 1 << k;
                    continue;
                }
                Entry::Fast(i) => self.local(i).into(),
                Entry::Const(p) => Opnd::Imm(p as i64),
                Entry::Null => {
                    self.asm.mov(slot, Opnd::Imm(0));
                    continue;
                }
                // Boxed before the call (`box_floats_before`).
                Entry::Float => {
                    self.float_misused();
                    continue;
                }
            };
            self.asm.mov(Reg::Tmp0, borrowed);
            self.asm.mov(slot, Reg::Tmp0);
            if k >= first_arg {
                self.asm.incref(Reg::Tmp0);
                owned |= 1 << k;
            }
        }
        // The interpreter had specialised this call site to a PRECALL form that calls a C
        // function itself: `runtime::call` may do the same (see `CALL_C_DIRECTLY`).
        let specialising_precall = self
            .pos
            .checked_sub(1)
            .map(|p| self.instrs[p])
            .filter(|pre| pre.op == PRECALL && self.precall_calls_itself(pre.quickened));
        let specialised = specialising_precall.is_some();
        // Where the interpreter leaves `prev_instr` during a call to a C function (that PRECALL,
        // or this CALL), and during a call to a Python function (the CALL's last cache entry).
        // `runtime::call` stores the first itself, given its distance from the second: one short
        // call sequence per site, as call sites are the largest part of compiled code.
        let c_call_at = specialising_precall.map_or(self.cur.idx, |pre| pre.idx);
        let py_prev_unit = self.cur.next - 1;
        let py_prev_instr = self.prev_instr_addr(py_prev_unit as isize);
        let join = self.asm.new_label();
        let slow = self.asm.new_label();
        // The generic call of a site whose callee is called inline (a builtin, a C function,
        // a class: the PRECALL form the interpreter specialised it to).
        let builtin_slow = self.asm.new_label();
        let inline_form = if fast.is_none() && self.kwnames.is_null() {
            specialising_precall.map(|pre| self.tables.names[pre.quickened as usize].as_str())
        } else {
            None
        };
        let plain_call = self.vs.entries[base] == Entry::Null;
        match inline_form {
            Some("PRECALL_NO_KW_LEN") if argc == 1 && plain_call && !runtime::builtin_len().is_null() => {
                self.gen_call_len_inline(base, owned, c_call_at, builtin_slow, join)
            }
            Some("PRECALL_NO_KW_ISINSTANCE") if argc == 2 && plain_call && !runtime::builtin_isinstance().is_null() => {
                self.gen_call_isinstance_inline(base, owned, c_call_at, builtin_slow, join)
            }
            Some("PRECALL_NO_KW_LIST_APPEND") if argc == 1 && !plain_call && !runtime::list_append_descriptor().is_null() => {
                self.gen_call_list_append_inline(base, owned, c_call_at, builtin_slow, join)
            }
            Some(name) => {
                // A method descriptor is called inline only in the method form (a NULL below
                // the callable rules that out).
                let form = InlineCCall::of(name, argc).filter(|form| !(form.is_method_descriptor() && plain_call));
                if let Some(form) = form {
                    self.gen_call_c_inline(form, base, argc as usize, owned, c_call_at, builtin_slow, join);
                }
            }
            None => {}
        }
        // After unpacking a bound method, the slots hold owned references to the function
        // and `self` instead: a guard failing there takes a generic call of that form.
        let unpacked_slow = self.asm.new_label();
        let unpacked_owned = owned | 0b11;
        let fast_cache = fast.map(|callable_slot| {
            let entry_slot = if bound_method { 0 } else { callable_slot };
            let cache = Box::new(runtime::PyCallCache::new(n - 1 - entry_slot, self.kwnames));
            let addr = &*cache as *const runtime::PyCallCache as i64;
            self.call_caches.push(cache);
            if bound_method {
                self.gen_unpack_bound_method(base, owned, slow);
                self.gen_call_fast_entry(base, 0, addr, unpacked_owned, py_prev_instr, unpacked_slow, join);
            } else {
                self.gen_call_fast_entry(base, callable_slot, addr, owned, py_prev_instr, slow, join);
            }
            addr
        });
        let base_slot = self.slot(base);
        let kwnames = self.kwnames;
        let emit_generic_call = |asm: &mut Assembler, owned: u64| {
            asm.lea(Reg::Arg(0), base_slot);
            asm.mov(Reg::Arg(1), Opnd::Imm(argc as i64 | (((py_prev_unit - c_call_at) as i64) << runtime::CALL_C_AT_SHIFT)));
            let entry = if let Some(cache) = fast_cache {
                asm.mov(Reg::Arg(2), Opnd::Imm(cache));
                runtime::call_py as usize
            } else if kwnames.is_null() {
                asm.mov(Reg::Arg(2), Reg::TState);
                if specialised { runtime::call_c as usize } else { runtime::call as usize }
            } else {
                asm.mov(Reg::Arg(2), Opnd::Imm(kwnames as i64));
                runtime::call_kw as usize
            };
            let flags = if specialised { runtime::CALL_C_DIRECTLY } else { 0 };
            asm.mov(Reg::Arg(3), Opnd::Imm((owned | flags) as i64));
            asm.mov(Reg::Arg(4), Reg::Frame);
            asm.mov(Reg::Arg(5), Opnd::Imm(py_prev_instr));
            asm.call(entry);
        };
        if fast_cache.is_some() {
            // The generic call is the cold path of a fast site.
            self.asm.cold(|asm| {
                asm.bind(slow);
                emit_generic_call(asm, owned);
                asm.jmp(join);
                if bound_method {
                    asm.bind(unpacked_slow);
                    emit_generic_call(asm, unpacked_owned);
                    asm.jmp(join);
                }
            });
        } else {
            self.asm.bind(builtin_slow);
            emit_generic_call(&mut self.asm, owned);
        }
        self.asm.bind(join);
        self.kwnames = std::ptr::null_mut();
        self.prev_instr_written = None;
        self.vs.entries.truncate(base);
        let err = self.exit_here(ExitKind::ErrorAfterCall, ExitReason::Exception);
        self.check_ptr(err);
        self.asm.mov(self.slot(base), Reg::Ret);
        self.vs.push(Entry::Mem);
        self.check_tracing_after_call();
        Ok(())
    }

    /// `len(x)` where the interpreter specialised the call to `PRECALL_NO_KW_LEN`: while the
    /// callable is still `builtins.len`, the length of an exact list, tuple, bytes or dict is read
    /// inline (as `list_length` & co. return it), boxed, and the stack's references released,
    /// leaving the result in `Ret` at `join` as the generic call does; anything else goes to
    /// `slow`, the generic call. Slots from `base`: NULL, the callable, the argument.
    fn gen_call_len_inline(&mut self, base: usize, owned: u64, c_call_at: usize, slow: Label, join: Label) {
        let list_type = std::ptr::addr_of_mut!(ffi::PyList_Type) as i64;
        let tuple_type = std::ptr::addr_of_mut!(ffi::PyTuple_Type) as i64;
        let dict_type = std::ptr::addr_of_mut!(ffi::PyDict_Type) as i64;
        let sized = self.asm.new_label();
        let have_len = self.asm.new_label();
        let boxed = self.asm.new_label();
        self.asm.mov(Reg::Tmp0, self.slot(base + 1));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(runtime::builtin_len() as i64));
        self.asm.jcc(Cond::Ne, slow);
        self.asm.mov(Reg::Keep0, self.slot(base + 2));
        self.asm.mov(Reg::Tmp0, Mem::new(Reg::Keep0, layout::object::OB_TYPE));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(list_type));
        self.asm.jcc(Cond::Eq, sized);
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(tuple_type));
        self.asm.jcc(Cond::Eq, sized);
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(std::ptr::addr_of_mut!(ffi::PyBytes_Type) as i64));
        self.asm.jcc(Cond::Eq, sized);
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(dict_type));
        self.asm.jcc(Cond::Ne, slow);
        self.asm.mov(Reg::Arg(0), Mem::new(Reg::Keep0, layout::dict::MA_USED));
        self.asm.jmp(have_len);
        self.bind_merge(sized);
        self.asm.mov(Reg::Arg(0), Mem::new(Reg::Keep0, layout::object::OB_SIZE));
        self.bind_merge(have_len);
        self.box_int(&[], boxed);
        self.bind_merge(boxed);
        self.asm.mov(Reg::Keep1, Reg::Ret);
        self.release_builtin_call_slots(base, owned, 2, c_call_at);
        self.asm.mov(Reg::Ret, Reg::Keep1);
        self.asm.jmp(join);
    }

    /// `lst.append(x)` where the interpreter specialised the call to `PRECALL_NO_KW_LIST_APPEND`:
    /// while the method is still `list.append` and `lst` an exact list with room for one more
    /// item, the item is stored and the size grown inline (`_PyList_AppendTakeRef`'s fast path:
    /// the list takes the stack's reference to the item, or a new one), leaving None in `Ret`
    /// at `join` for the `POP_TOP` after the call; anything else (no room, a subclass) goes to
    /// `slow`, the generic call. Slots from `base`: the method, the list, the item.
    fn gen_call_list_append_inline(&mut self, base: usize, owned: u64, c_call_at: usize, slow: Label, join: Label) {
        self.asm.mov(Reg::Tmp0, self.slot(base));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(runtime::list_append_descriptor() as i64));
        self.asm.jcc(Cond::Ne, slow);
        self.asm.mov(Reg::Keep0, self.slot(base + 1));
        self.guard_type(Reg::Keep0, std::ptr::addr_of_mut!(ffi::PyList_Type), slow);
        self.asm.mov(Reg::Arg(0), Mem::new(Reg::Keep0, layout::object::OB_SIZE));
        self.asm.cmp(Reg::Arg(0), Mem::new(Reg::Keep0, layout::object::LIST_ALLOCATED));
        self.asm.jcc(Cond::Ge, slow);
        self.asm.mov(Reg::Arg(1), self.slot(base + 2));
        if owned & (1 << 2) == 0 {
            self.asm.incref(Reg::Arg(1));
        }
        self.asm.mov(Reg::Tmp0, Mem::new(Reg::Keep0, layout::object::LIST_OB_ITEM));
        self.asm.imul(Reg::Arg(0), Opnd::Imm(8));
        self.asm.add(Reg::Tmp0, Reg::Arg(0));
        self.asm.mov(Mem::new(Reg::Tmp0, 0), Reg::Arg(1));
        self.asm.add_mem(Mem::new(Reg::Keep0, layout::object::OB_SIZE), 1);
        // The item now belongs to the list: only the method and the list are released.
        self.release_c_call_slots(base, owned & 0b11, 1, 1, 0, c_call_at);
        // SAFETY: the address of the None singleton, which lives as long as the interpreter.
        let none = unsafe { ffi::Py_None() } as i64;
        self.asm.mov(Reg::Ret, Opnd::Imm(none));
        self.asm.incref(Reg::Ret);
        self.asm.jmp(join);
    }

    /// `isinstance(x, cls)` where the interpreter specialised the call to
    /// `PRECALL_NO_KW_ISINSTANCE`: while the callable is still `builtins.isinstance`, `True`
    /// when `x`'s type is `cls`, or is a subtype of a `cls` whose own type is exactly `type`
    /// (no `__instancecheck__` of a metaclass), which is how `PyObject_IsInstance` answers
    /// those; every other case (a `False`, which may still come from `__class__`) goes to
    /// `slow`, the generic call. Slots from `base`: NULL, the callable, `x`, `cls`.
    fn gen_call_isinstance_inline(&mut self, base: usize, owned: u64, c_call_at: usize, slow: Label, join: Label) {
        let is_true = self.asm.new_label();
        self.asm.mov(Reg::Tmp0, self.slot(base + 1));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(runtime::builtin_isinstance() as i64));
        self.asm.jcc(Cond::Ne, slow);
        self.asm.mov(Reg::Arg(1), self.slot(base + 3));
        self.asm.mov(Reg::Arg(0), self.slot(base + 2));
        self.asm.mov(Reg::Arg(0), Mem::new(Reg::Arg(0), layout::object::OB_TYPE));
        self.asm.cmp(Reg::Arg(0), Reg::Arg(1));
        self.asm.jcc(Cond::Eq, is_true);
        self.asm.mov(Reg::Tmp0, Mem::new(Reg::Arg(1), layout::object::OB_TYPE));
        self.asm.cmp(Reg::Tmp0, Opnd::Imm(std::ptr::addr_of_mut!(ffi::PyType_Type) as i64));
        self.asm.jcc(Cond::Ne, slow);
        self.call_helper_no_python(runtime::is_subtype as usize);
        self.asm.test(Reg::Ret, Reg::Ret);
        self.asm.jcc(Cond::Eq, slow);
        self.bind_merge(is_true);
        self.release_builtin_call_slots(base, owned, 3, c_call_at);
        // SAFETY: a static singleton.
        self.asm.mov(Reg::Ret, Opnd::Imm(unsafe { ffi::Py_True() } as i64));
        self.asm.incref(Reg::Ret);
        self.asm.jmp(join);
    }

    /// A call the interpreter had specialised to one of the PRECALL forms that call a C
    /// function through its `PyMethodDef` ([`InlineCCall`]): the same checks as that form
    /// (the callable's exact type and `ml_flags`, a method descriptor's receiver type, the
    /// NULL-or-method slot the shape needs), then the C function called directly, with
    /// `prev_instr` at the PRECALL, the recursion counted around `METH_O`/`METH_NOARGS` calls
    /// as the form counts it, and the stack's references released in the form's order
    /// (arguments, then the callable). The result (or NULL) is in `Ret` at `join`; a failed
    /// check goes to `slow`, the generic call.
    fn gen_call_c_inline(&mut self, form: InlineCCall, base: usize, argc: usize, owned: u64, c_call_at: usize, slow: Label, join: Label) {
        let descriptor = form.is_method_descriptor();
        // Slots: the callable, then the arguments (a method descriptor's receiver first).
        let (callable_slot, first_arg, nargs) = if descriptor { (0, 1, argc + 1) } else { (1, 2, argc) };
        if descriptor {
            self.asm.mov(Reg::Tmp0, self.slot(base));
            self.asm.test(Reg::Tmp0, Reg::Tmp0);
            self.asm.jcc(Cond::Eq, slow);
        } else if self.vs.entries[base] != Entry::Null {
            self.asm.cmp(self.slot(base), Opnd::Imm(0));
            self.asm.jcc(Cond::Ne, slow);
        }
        if form.is_class_call() {
            self.gen_call_class_inline(form, base, argc, owned, c_call_at, slow, join);
            return;
        }
        let (tp, method_def) = if descriptor {
            (std::ptr::addr_of_mut!(ffi::PyMethodDescr_Type), layout::cfunc::D_METHOD)
        } else {
            (std::ptr::addr_of_mut!(ffi::PyCFunction_Type), layout::cfunc::M_ML)
        };
        self.asm.mov(Reg::Keep0, self.slot(base + callable_slot));
        self.guard_type(Reg::Keep0, tp, slow);
        if form == InlineCCall::BuiltinO && owned & (1 << first_arg) == 0 && !runtime::getrefcount().is_null() {
            // A borrowed argument: `sys.getrefcount` would count one reference fewer than the
            // interpreter's stack holds (the generic call owns it for that call).
            self.asm.cmp(Reg::Keep0, Opnd::Imm(runtime::getrefcount() as i64));
            self.asm.jcc(Cond::Eq, slow);
        }
        self.asm.mov(Reg::Keep1, Mem::new(Reg::Keep0, method_def));
        self.asm.cmp_width(Mem::new(Reg::Keep1, layout::cfunc::ML_FLAGS), Opnd::Imm(form.flags() as i64), Width::B32);
        self.asm.jcc(Cond::Ne, slow);
        if descriptor {
            self.asm.mov(Reg::Arg(0), self.slot(base + first_arg));
            self.asm.mov(Reg::Tmp0, Mem::new(Reg::Arg(0), layout::object::OB_TYPE));
            self.asm.cmp(Reg::Tmp0, Mem::new(Reg::Keep0, layout::cfunc::D_TYPE));
            self.asm.jcc(Cond::Ne, slow);
        } else {
            self.asm.mov(Reg::Arg(0), Mem::new(Reg::Keep0, layout::cfunc::M_SELF));
        }
        let counts_recursion = matches!(form, InlineCCall::BuiltinO | InlineCCall::DescriptorO | InlineCCall::DescriptorNoArgs);
        if counts_recursion {
            // `_Py_EnterRecursiveCallTstate`: at the limit, the generic call raises.
            self.asm.cmp_width(Mem::new(Reg::TState, layout::tstate::RECURSION_REMAINING), Opnd::Imm(0), Width::B32);
            self.asm.jcc(Cond::Le, slow);
            self.asm.add_mem32(Mem::new(Reg::TState, layout::tstate::RECURSION_REMAINING), -1);
        }
        // Arguments after `self` (a descriptor's receiver is `Arg(0)`, its arguments follow).
        let args_at = base + first_arg + descriptor as usize;
        let nargs_after_self = nargs - descriptor as usize;
        match form {
            InlineCCall::BuiltinO | InlineCCall::DescriptorO => self.asm.mov(Reg::Arg(1), self.slot(args_at)),
            InlineCCall::DescriptorNoArgs => self.asm.mov(Reg::Arg(1), Opnd::Imm(0)),
            _ => {
                self.asm.lea(Reg::Arg(1), self.slot(args_at));
                self.asm.mov(Reg::Arg(2), Opnd::Imm(nargs_after_self as i64));
                if form.flags() & METH_KEYWORDS != 0 {
                    self.asm.mov(Reg::Arg(3), Opnd::Imm(0));
                }
            }
        }
        self.asm.push(self.prev_instr_store.insn(self.prev_instr_addr(c_call_at as isize)));
        self.asm.mov(Reg::Tmp0, Mem::new(Reg::Keep1, layout::cfunc::ML_METH));
        self.asm.call_reg(Reg::Tmp0);
        if counts_recursion {
            self.asm.add_mem32(Mem::new(Reg::TState, layout::tstate::RECURSION_REMAINING), 1);
        }
        self.python_may_have_run = true;
        self.asm.mov(Reg::Keep1, Reg::Ret);
        self.release_c_call_slots(base, owned, first_arg, nargs, callable_slot, c_call_at);
        self.asm.mov(Reg::Ret, Reg::Keep1);
        self.asm.jmp(join);
    }

    /// The class-call forms of [`InlineCCall`] (the NULL slot below the callable checked):
    /// `PRECALL_BUILTIN_CLASS` calls an exact `type` instance's `tp_vectorcall`; the `_1` forms
    /// check the callable is `tuple`, `str` or `type` and do what they do. Then the stack's
    /// references are released as the forms release them.
    fn gen_call_class_inline(&mut self, form: InlineCCall, base: usize, argc: usize, owned: u64, c_call_at: usize, slow: Label, join: Label) {
        self.asm.mov(Reg::Keep0, self.slot(base + 1));
        let expected = match form {
            InlineCCall::Tuple1 => std::ptr::addr_of_mut!(ffi::PyTuple_Type),
            InlineCCall::Str1 => std::ptr::addr_of_mut!(ffi::PyUnicode_Type),
            InlineCCall::Type1 => std::ptr::addr_of_mut!(ffi::PyType_Type),
            _ => std::ptr::null_mut(),
        };
        if form == InlineCCall::BuiltinClass {
            self.guard_type(Reg::Keep0, std::ptr::addr_of_mut!(ffi::PyType_Type), slow);
            self.asm.mov(Reg::Tmp1, Mem::new(Reg::Keep0, layout::types::TP_VECTORCALL));
            self.asm.test(Reg::Tmp1, Reg::Tmp1);
            self.asm.jcc(Cond::Eq, slow);
            // `range(...)` of small ints skips `compute_range_length`'s generic arithmetic.
            let call = self.asm.new_label();
            self.asm.mov(Reg::Tmp0, Opnd::Imm(std::ptr::addr_of_mut!(ffi::PyRange_Type) as i64));
            self.asm.cmp(Reg::Keep0, Reg::Tmp0);
            self.asm.jcc(Cond::Ne, call);
            // Followed by `GET_ITER` (`for i in range(n)`), the range iterator itself.
            let range_call = if self.next_is_get_iter() { runtime::range_iter_vectorcall as usize } else { runtime::range_vectorcall as usize };
            self.asm.mov(Reg::Tmp1, Opnd::Imm(range_call as i64));
            self.bind_merge(call);
            self.asm.mov(Reg::Arg(0), Reg::Keep0);
            self.asm.lea(Reg::Arg(1), self.slot(base + 2));
            self.asm.mov(Reg::Arg(2), Opnd::Imm(argc as i64));
            self.asm.mov(Reg::Arg(3), Opnd::Imm(0));
            self.asm.push(self.prev_instr_store.insn(self.prev_instr_addr(c_call_at as isize)));
            self.asm.call_reg(Reg::Tmp1);
            self.python_may_have_run = true;
        } else {
            self.asm.cmp(Reg::Keep0, Opnd::Imm(expected as i64));
            self.asm.jcc(Cond::Ne, slow);
            self.asm.mov(Reg::Arg(0), self.slot(base + 2));
            if form == InlineCCall::Type1 {
                self.asm.mov(Reg::Ret, Mem::new(Reg::Arg(0), layout::object::OB_TYPE));
                self.asm.incref(Reg::Ret);
            } else {
                self.asm.push(self.prev_instr_store.insn(self.prev_instr_addr(c_call_at as isize)));
                let f = if form == InlineCCall::Tuple1 { ffi::PySequence_Tuple as usize } else { ffi::PyObject_Str as usize };
                self.asm.call(f);
                self.python_may_have_run = true;
            }
        }
        self.asm.mov(Reg::Keep1, Reg::Ret);
        self.release_c_call_slots(base, owned, 2, argc, 1, c_call_at);
        self.asm.mov(Reg::Ret, Reg::Keep1);
        self.asm.jmp(join);
    }

    /// After a C call handled inline: releases the references the stack owns in the argument
    /// slots (`first_arg..first_arg + nargs` from `base`), then the callable's, as the
    /// specialised PRECALL forms do; any of them may die (a bound builtin method made by
    /// `LOAD_ATTR`), with `prev_instr` at the PRECALL. Clobbers caller-saved registers.
    fn release_c_call_slots(&mut self, base: usize, owned: u64, first_arg: usize, nargs: usize, callable_slot: usize, c_call_at: usize) {
        let store = self.prev_instr_store.insn(self.prev_instr_addr(c_call_at as isize));
        for k in (first_arg..first_arg + nargs).chain([callable_slot]) {
            if owned & (1 << k) != 0 {
                self.release_slot_at_call(base + k, store);
            }
        }
    }

    /// Drops the stack's reference in `slot`; if it was the last, the object is deallocated
    /// with `prev_instr` as `store` sets it (its finalisers may look at the frame). Clobbers
    /// caller-saved registers.
    fn release_slot_at_call(&mut self, slot: usize, store: crate::ir::Insn) {
        let free = self.asm.new_label();
        let done = self.asm.new_label();
        self.asm.mov(Reg::Arg(0), self.slot(slot));
        self.asm.add_mem(Mem::new(Reg::Arg(0), 0), -1);
        self.asm.jcc(Cond::Eq, free);
        self.bind_merge(done);
        self.in_cold(|g| {
            g.asm.bind(free);
            g.asm.push(store);
            g.asm.call(cpython::_Py_Dealloc as usize);
            g.asm.jmp(done);
        });
        self.python_may_have_run = true;
    }

    /// Releases the references the stack owns in the slots of a builtin call handled inline
    /// (arguments `base + 2 ..= base + last`, then the callable), as the specialised PRECALL
    /// drops them: a dying argument's finalisers see `prev_instr` at that PRECALL. The builtin
    /// itself never dies (the builtins module and `runtime` hold it). Clobbers caller-saved
    /// registers.
    fn release_builtin_call_slots(&mut self, base: usize, owned: u64, last: usize, c_call_at: usize) {
        let store = self.prev_instr_store.insn(self.prev_instr_addr(c_call_at as isize));
        for k in 2..=last {
            if owned & (1 << k) != 0 {
                self.release_slot_at_call(base + k, store);
            }
        }
        if owned & (1 << 1) != 0 {
            self.asm.mov(Reg::Tmp0, self.slot(base + 1));
            self.asm.add_mem(Mem::new(Reg::Tmp0, 0), -1);
        }
    }

    /// For a site where the interpreter saw a Python function called (its PRECALL specialised
    /// to `PRECALL_PYFUNC`, or the CALL to `CALL_PY_EXACT_ARGS`), or that it never specialised
    /// (no feedback: a branch not taken while it ran the code, or code compiled before it was
    /// quickened): the stack slot (from `base`) of the callable in the form the code pushed it
    /// (1 after a NULL, 0 after `LOAD_METHOD`). A site without feedback that calls something
    /// else pays a type check before its generic call.
    fn python_call_site(&self, base: usize) -> Option<usize> {
        let precall = self.pos.checked_sub(1).map(|p| self.instrs[p]).filter(|pre| pre.op == PRECALL);
        let precall_form = precall.map_or("", |pre| self.tables.names[pre.quickened as usize].as_str());
        let python = precall_form == "PRECALL_PYFUNC" || self.quickened() == "CALL_PY_EXACT_ARGS";
        let unknown = matches!(precall_form, "PRECALL" | "PRECALL_ADAPTIVE")
            && matches!(self.quickened(), "CALL" | "CALL_ADAPTIVE");
        if !python && !unknown {
            return None;
        }
        match self.vs.entries[base] {
            Entry::Null => Some(1),
            // LOAD_METHOD's pair: a method and `self` (the NULL form goes the generic way).
            Entry::Mem => Some(0),
            _ => None,
        }
    }

    /// A site where the interpreter saw a bound-method object called (`PRECALL_BOUND_METHOD`)
    /// with a NULL before it: pushed as such, or by `LOAD_METHOD` of an attribute that is not
    /// a method of the type (`self.write = self.framer.write` in `__init__`, then
    /// `self.write(…)`), which is checked at run time.
    fn bound_method_site(&self, base: usize) -> bool {
        self.pos
            .checked_sub(1)
            .map(|p| self.instrs[p])
            .is_some_and(|pre| pre.op == PRECALL && self.tables.names[pre.quickened as usize] == "PRECALL_BOUND_METHOD")
            && matches!(self.vs.entries[base], Entry::Null | Entry::Mem)
    }

    /// `[NULL, method, args…]` → `[function, self, args…]` when the callable is a bound-method
    /// object, as `PRECALL_BOUND_METHOD` does: the slots get new references to the method's
    /// function and `self`, and the method's reference (if the stack owned it) is released
    /// (its function and `self` now have other references, so no Python code runs). Otherwise
    /// to `slow`, nothing changed.
    fn gen_unpack_bound_method(&mut self, base: usize, owned: u64, slow: Label) {
        if matches!(self.vs.entries[base], Entry::Mem) {
            // `LOAD_METHOD`'s pair: the NULL form only.
            self.asm.cmp(self.slot(base), Opnd::Imm(0));
            self.asm.jcc(Cond::Ne, slow);
        }
        let method = Reg::Keep0;
        self.asm.mov(method, self.slot(base + 1));
        self.asm.mov(Reg::Tmp0, Opnd::Imm(std::ptr::addr_of_mut!(cpython::PyMethod_Type) as i64));
        self.asm.cmp(Reg::Tmp0, Mem::new(method, layout::object::OB_TYPE));
        self.asm.jcc(Cond::Ne, slow);
        self.asm.mov(Reg::Tmp0, Mem::new(method, layout::method::IM_FUNC));
        self.asm.incref(Reg::Tmp0);
        self.asm.mov(self.slot(base), Reg::Tmp0);
        self.asm.mov(Reg::Tmp0, Mem::new(method, layout::method::IM_SELF));
        self.asm.incref(Reg::Tmp0);
        self.asm.mov(self.slot(base + 1), Reg::Tmp0);
        if owned & 0b10 != 0 {
            self.asm.decref(method, dealloc());
        }
    }

    /// The direct call of a callee's fast entry (`codegen::entry`): taken when the callable is
    /// a function whose code is the one the site's cache recorded with its fast entry (by
    /// `runtime::call_py`) and no code with a fast entry died since; otherwise to `slow`. The
    /// arguments (owned) move into the callee's frame; the result is in `Ret` at `join`.
    #[allow(clippy::too_many_arguments)]
    fn gen_call_fast_entry(
        &mut self,
        base: usize,
        callable_slot: usize,
        cache: i64,
        owned: u64,
        py_prev_instr: i64,
        slow: Label,
        join: Label,
    ) {
        let callable = Reg::Arg(0);
        self.asm.mov(callable, self.slot(base + callable_slot));
        if callable_slot == 0 {
            self.asm.test(callable, callable);
            self.asm.jcc(Cond::Eq, slow);
        }
        self.asm.mov(Reg::Tmp1, Opnd::Imm(cache));
        self.asm.mov(Reg::Tmp0, Mem::new(callable, layout::object::OB_TYPE));
        self.asm.cmp(Reg::Tmp0, Mem::new(Reg::Tmp1, runtime::PyCallCache::OFFSET_FUNCTION_TYPE));
        self.asm.jcc(Cond::Ne, slow);
        // The entry to call, in `Arg(3)` (not an argument of a fast entry).
        let entry = Reg::Arg(3);
        let older = self.asm.new_label();
        let matched = self.asm.new_label();
        self.asm.mov(Reg::Tmp0, Mem::new(callable, layout::func::FUNC_CODE));
        self.asm.cmp(Reg::Tmp0, Mem::new(Reg::Tmp1, runtime::PyCallCache::OFFSET_CODE));
        self.asm.jcc(Cond::Ne, older);
        // (An empty cache holds no code, and a function always has one.)
        self.asm.mov(entry, Mem::new(Reg::Tmp1, runtime::PyCallCache::OFFSET_ENTRY));
        self.asm.bind(matched);
        self.asm.push(Insn::LoadAbs { dst: Reg::Tmp0, addr: crate::hook::code_epoch_addr() });
        self.asm.cmp(Reg::Tmp0, Mem::new(Reg::Tmp1, runtime::PyCallCache::OFFSET_EPOCH));
        self.asm.jcc(Cond::Ne, slow);
        // Where the interpreter's inlined call leaves the caller's `prev_instr`.
        self.asm.push(self.prev_instr_store.insn(py_prev_instr));
        self.asm.mov(Reg::Arg(1), Reg::TState);
        self.asm.lea(Reg::Arg(2), self.slot(base + callable_slot + 1));
        self.asm.call_reg(entry);
        self.python_may_have_run = true;
        if owned & (1 << callable_slot) != 0 {
            self.asm.mov(Reg::Keep0, Reg::Ret);
            self.asm.mov(Reg::Arg(0), self.slot(base + callable_slot));
            self.asm.decref(Reg::Arg(0), dealloc());
            self.asm.mov(Reg::Ret, Reg::Keep0);
        }
        self.asm.jmp(join);
        // The codes called here before (`PyCallCache::alt_codes`), in cold code: most sites
        // only ever call one.
        self.asm.cold(|asm| {
            asm.bind(older);
            for i in 0..runtime::PY_CALL_ALTS as i32 {
                let next = asm.new_label();
                asm.cmp(Reg::Tmp0, Mem::new(Reg::Tmp1, runtime::PyCallCache::OFFSET_ALT_CODES + 8 * i));
                asm.jcc(Cond::Ne, next);
                asm.mov(entry, Mem::new(Reg::Tmp1, runtime::PyCallCache::OFFSET_ALT_ENTRIES + 8 * i));
                asm.jmp(matched);
                asm.bind(next);
            }
            asm.jmp(slow);
        });
    }

    /// True for the PRECALL specialisations that call a C function themselves (all but the
    /// adaptive form and those that leave a Python call to CALL).
    fn precall_calls_itself(&self, quickened: u8) -> bool {
        let name = self.tables.names.get(quickened as usize).map(String::as_str).unwrap_or("");
        name.starts_with("PRECALL_") && !matches!(name, "PRECALL_ADAPTIVE" | "PRECALL_BOUND_METHOD" | "PRECALL_PYFUNC")
    }

    fn gen_call_function_ex(&mut self, flags: u32) {
        let k = 2 + (flags & 1) as usize;
        self.materialise_top(k);
        // Taken after materialising: a deopt must not add references a second time.
        let before = self.vs.clone();
        let base = self.vs.depth() - k;
        // The NULL below the callable may stay virtual; it is dropped with the call.
        let deopt = self.exit_stub(&before, ExitKind::Deopt, ExitReason::Deopt);
        self.asm.lea(Reg::Arg(0), self.slot(base));
        self.asm.mov(Reg::Arg(1), Opnd::Imm((flags & 1) as i64));
        self.call_helper(runtime::call_function_ex as usize);
        self.vs.entries.truncate(base - 1);
        let err = self.error_exit();
        self.check_ptr_or_deopt(err, deopt);
        self.asm.mov(self.slot(base - 1), Reg::Ret);
        self.vs.push(Entry::Mem);
        self.check_tracing();
    }

    fn gen_make_function(&mut self, flags: u32) {
        let n = (flags & 0xf).count_ones() as usize + 1;
        self.materialise_top(n);
        let base = self.vs.depth() - n;
        self.asm.mov(Reg::Arg(0), Reg::Frame);
        self.asm.lea(Reg::Arg(1), self.slot(base));
        self.asm.mov(Reg::Arg(2), Opnd::Imm(flags as i64));
        self.call_helper(runtime::make_function as usize);
        self.vs.entries.truncate(base);
        let err = self.error_exit();
        self.check_ptr(err);
        self.asm.mov(self.slot(base), Reg::Ret);
        self.vs.push(Entry::Mem);
    }

    fn gen_get_len(&mut self) {
        let d = self.vs.depth();
        let e = self.vs.peek(1);
        self.load_entry(Reg::Arg(0), e, d - 1);
        self.call_helper(runtime::get_len as usize);
        let err = self.error_exit();
        self.check_ptr(err);
        self.asm.mov(self.slot(d), Reg::Ret);
        self.vs.push(Entry::Mem);
    }

    fn gen_import_name(&mut self, arg: u32) {
        let name = self.name(arg);
        let before = self.vs.clone();
        self.materialise_top(2);
        let deopt = self.exit_stub(&before, ExitKind::Deopt, ExitReason::Deopt);
        let base = self.vs.depth() - 2;
        self.asm.mov(Reg::Arg(0), Reg::Frame);
        self.asm.mov(Reg::Arg(1), Opnd::Imm(name as i64));
        self.asm.lea(Reg::Arg(2), self.slot(base));
        self.call_helper(runtime::import_name as usize);
        self.vs.entries.truncate(base);
        let err = self.error_exit();
        self.check_ptr_or_deopt(err, deopt);
        self.asm.mov(self.slot(base), Reg::Ret);
        self.vs.push(Entry::Mem);
        self.check_tracing();
    }

    fn gen_import_from(&mut self, arg: u32) {
        let name = self.name(arg);
        let err = self.exit_here(ExitKind::Error, ExitReason::Exception);
        let deopt = self.exit_here(ExitKind::Deopt, ExitReason::Deopt);
        let d = self.vs.depth();
        let e = self.vs.peek(1);
        self.load_entry(Reg::Arg(0), e, d - 1);
        self.asm.mov(Reg::Arg(1), Opnd::Imm(name as i64));
        self.call_helper(runtime::import_from as usize);
        self.check_ptr_or_deopt(err, deopt);
        self.asm.mov(self.slot(d), Reg::Ret);
        self.vs.push(Entry::Mem);
    }

    fn gen_before_with(&mut self, helper: usize) {
        let before = self.vs.clone();
        let deopt = self.exit_stub(&before, ExitKind::Deopt, ExitReason::Deopt);
        let e = self.vs.pop();
        let base = self.vs.depth();
        // If `__enter__` fails, the bound `__exit__` is already on the stack.
        let mut with_exit = self.vs.clone();
        with_exit.push(Entry::Mem);
        let err = self.exit_stub(&with_exit, ExitKind::Error, ExitReason::Exception);
        self.load_entry(Reg::Arg(0), e, base);
        self.asm.lea(Reg::Arg(1), self.slot(base));
        self.asm.mov(Reg::Arg(2), Opnd::Imm((e == Entry::Mem) as i64));
        self.call_helper(helper);
        self.check_ptr_or_deopt(err, deopt);
        self.vs.push(Entry::Mem);
        self.asm.mov(self.slot(base + 1), Reg::Ret);
        self.vs.push(Entry::Mem);
        self.check_tracing();
    }

    // ---- branches ----

    /// Branch to `on_true`/`on_false` on the truth of the value in `Keep0` (entry `e`),
    /// releasing it. Falls through to neither.
    fn branch_on_truth(&mut self, e: Entry, on_true: Label, on_false: Label, err: Label) {
        // SAFETY: static singletons.
        let (t, f) = unsafe { (ffi::Py_True() as i64, ffi::Py_False() as i64) };
        let not_true = self.asm.new_label();
        let slow = self.asm.new_label();
        self.asm.cmp(Reg::Keep0, Opnd::Imm(t));
        self.asm.jcc(Cond::Ne, not_true);
        if e == Entry::Mem {
            self.asm.add_mem(Mem::new(Reg::Keep0, 0), -1);
        }
        self.asm.jmp(on_true);
        self.bind_merge(not_true);
        self.asm.cmp(Reg::Keep0, Opnd::Imm(f));
        self.asm.jcc(Cond::Ne, slow);
        if e == Entry::Mem {
            self.asm.add_mem(Mem::new(Reg::Keep0, 0), -1);
        }
        self.asm.jmp(on_false);
        // Neither True nor False: `PyObject_IsTrue`, out of line (most branches test bools).
        self.in_cold(|g| {
            g.bind_merge(slow);
            g.asm.mov(Reg::Arg(0), Reg::Keep0);
            g.call_helper(runtime::truth as usize);
            g.asm.mov(Reg::Keep1, Reg::Ret);
            g.release(e, Reg::Keep0);
            g.asm.cmp(Reg::Keep1, Opnd::Imm(0));
            g.asm.jcc(Cond::Lt, err);
            g.asm.jcc(Cond::Eq, on_false);
            g.asm.jmp(on_true);
        });
    }

    fn gen_pop_jump_if_bool(&mut self, jump_if_true: bool) {
        if Self::is_backward_jump(self.cur.op) {
            self.check_eval_breaker();
        }
        let e = self.vs.pop();
        let d = self.vs.depth();
        self.load_entry(Reg::Keep0, e, d);
        self.flush_all();
        let err = self.error_exit();
        let target = self.jump_target();
        let jump = self.target_label(target);
        let fall = self.asm.new_label();
        if jump_if_true {
            self.branch_on_truth(e, jump, fall, err);
        } else {
            self.branch_on_truth(e, fall, jump, err);
        }
        self.bind_merge(fall);
        self.prev_instr_written = None;
    }

    fn gen_pop_jump_if_none(&mut self, jump_if_none: bool) {
        if Self::is_backward_jump(self.cur.op) {
            self.check_eval_breaker();
        }
        let e = self.vs.pop();
        let d = self.vs.depth();
        self.load_entry(Reg::Keep0, e, d);
        self.flush_all();
        let target = self.jump_target();
        let jump = self.target_label(target);
        let not_none = self.asm.new_label();
        let fall = self.asm.new_label();
        // SAFETY: static singleton.
        let none = unsafe { ffi::Py_None() as i64 };
        self.asm.cmp(Reg::Keep0, Opnd::Imm(none));
        self.asm.jcc(Cond::Ne, not_none);
        if e == Entry::Mem {
            self.asm.add_mem(Mem::new(Reg::Keep0, 0), -1);
        }
        self.asm.jmp(if jump_if_none { jump } else { fall });
        self.bind_merge(not_none);
        self.release(e, Reg::Keep0);
        self.asm.jmp(if jump_if_none { fall } else { jump });
        self.bind_merge(fall);
        self.prev_instr_written = None;
    }

    fn gen_jump_or_pop(&mut self, jump_if_true: bool) {
        // The value stays on the stack when jumping, so it must be in its slot.
        self.flush_all();
        let d = self.vs.depth();
        let err = self.error_exit();
        let target = self.jump_target();
        let jump = self.target_label(target);
        let pop = self.asm.new_label();
        let fall = self.asm.new_label();
        self.asm.mov(Reg::Keep0, self.slot(d - 1));
        // SAFETY: static singletons.
        let (t, f) = unsafe { (ffi::Py_True() as i64, ffi::Py_False() as i64) };
        let (jump_obj, pop_obj) = if jump_if_true { (t, f) } else { (f, t) };
        let slow = self.asm.new_label();
        self.asm.cmp(Reg::Keep0, Opnd::Imm(jump_obj));
        self.asm.jcc(Cond::Eq, jump);
        self.asm.cmp(Reg::Keep0, Opnd::Imm(pop_obj));
        self.asm.jcc(Cond::Ne, slow);
        self.asm.add_mem(Mem::new(Reg::Keep0, 0), -1);
        self.asm.jmp(fall);
        self.bind_merge(slow);
        self.asm.mov(Reg::Arg(0), Reg::Keep0);
        self.call_helper(runtime::truth as usize);
        self.asm.cmp(Reg::Ret, Opnd::Imm(0));
        self.asm.jcc(Cond::Lt, err);
        self.asm.jcc(if jump_if_true { Cond::Ne } else { Cond::Eq }, jump);
        self.bind_merge(pop);
        self.decref_owned(Reg::Keep0, false);
        self.bind_merge(fall);
        self.vs.pop();
        self.prev_instr_written = None;
    }

    fn gen_return_value(&mut self) {
        let e = self.vs.pop();
        debug_assert_eq!(self.vs.depth(), 0);
        self.flush_all();
        self.load_entry(Reg::Ret, e, 0);
        if e != Entry::Mem {
            self.asm.incref(Reg::Ret);
        }
        self.asm.push(crate::ir::Insn::Store32 {
            dst: frame_mem(layout::frame::STACKTOP),
            imm: self.nlocalsplus as i32,
        });
        self.sync_prev_instr();
        self.asm.ret();
    }

    // ---- exceptions ----

    /// `RAISE_VARARGS` / `RERAISE`: the helper raises from the written-back stack and unwinds.
    fn gen_raise(&mut self, helper: usize, arg: u32) {
        self.write_back_for_unwinding();
        self.asm.mov(Reg::Arg(4), Opnd::Imm(arg as i64));
        self.call_helper(helper);
        let dispatch = self.dispatch_block();
        self.asm.jmp(dispatch);
    }

    /// Writes the whole stack back to the frame (`stacktop` set) and puts the arguments of an
    /// unwinding helper in place: `(tstate, frame, exception table, its length, …)`.
    fn write_back_for_unwinding(&mut self) {
        self.flush_all();
        self.asm.push(crate::ir::Insn::Store32 {
            dst: frame_mem(layout::frame::STACKTOP),
            imm: (self.nlocalsplus + self.vs.depth()) as i32,
        });
        self.asm.mov(Reg::Arg(0), Reg::TState);
        self.asm.mov(Reg::Arg(1), Reg::Frame);
        self.asm.mov(Reg::Arg(2), Opnd::Imm(self.handlers.as_ptr() as i64));
        self.asm.mov(Reg::Arg(3), Opnd::Imm(self.handlers.len() as i64));
    }

    fn gen_push_exc_info(&mut self) {
        self.materialise_top(1);
        let d = self.vs.depth();
        self.asm.mov(Reg::Arg(0), Reg::TState);
        self.asm.lea(Reg::Arg(1), self.slot(d - 1));
        self.asm.call(unwind::push_exc_info as usize);
        self.vs.push(Entry::Mem);
    }

    fn gen_pop_except(&mut self) {
        self.materialise_top(1);
        self.vs.pop();
        let d = self.vs.depth();
        self.asm.mov(Reg::Arg(0), Reg::TState);
        self.asm.mov(Reg::Arg(1), self.slot(d));
        // Releasing the previous exception may run a finaliser.
        self.call_helper(unwind::pop_except as usize);
    }

    fn gen_check_exc_match(&mut self) {
        let (es, base) = self.pop_inputs(1);
        self.load_entry(Reg::Arg(0), self.vs.peek(1), base - 1);
        self.asm.mov(Reg::Arg(1), Reg::Keep0);
        self.call_helper(unwind::check_exc_match as usize);
        self.finish_ptr_op(&es, base);
    }

    fn gen_check_eg_match(&mut self) {
        self.materialise_top(2);
        let d = self.vs.depth();
        self.asm.lea(Reg::Arg(0), self.slot(d - 2));
        self.call_helper(unwind::check_eg_match as usize);
        // On error the match type is released and the exception stays.
        let mut snap = self.vs.clone();
        snap.pop();
        let err = self.exit_stub(&snap, ExitKind::Error, ExitReason::Exception);
        self.check_int(Reg::Ret, err);
    }

    fn gen_with_except_start(&mut self) {
        let d = self.vs.depth();
        self.load_entry(Reg::Arg(0), self.vs.peek(1), d - 1);
        self.load_entry(Reg::Arg(1), self.vs.peek(4), d - 4);
        self.call_helper(unwind::with_except_start as usize);
        let err = self.error_exit();
        self.check_ptr(err);
        self.asm.mov(self.slot(d), Reg::Ret);
        self.vs.push(Entry::Mem);
        self.check_tracing();
    }

    // ---- generators and coroutines ----

    /// A unary helper that may also return `DEOPT` before consuming anything.
    fn gen_unary_or_deopt(&mut self, f: usize) {
        let before = self.vs.clone();
        let deopt = self.exit_stub(&before, ExitKind::Deopt, ExitReason::Deopt);
        let (es, base) = self.pop_inputs(1);
        self.set_args_from_keep(1);
        self.call_helper(f);
        self.asm.cmp(Reg::Ret, Opnd::Imm(1));
        self.asm.jcc(Cond::Eq, deopt);
        self.finish_ptr_op(&es, base);
    }

    fn gen_get_anext(&mut self) {
        let before = self.vs.clone();
        let deopt = self.exit_stub(&before, ExitKind::Deopt, ExitReason::Deopt);
        let d = self.vs.depth();
        self.load_entry(Reg::Arg(0), self.vs.peek(1), d - 1);
        self.call_helper(generators::get_anext as usize);
        let err = self.error_exit();
        self.check_ptr_or_deopt(err, deopt);
        self.asm.mov(self.slot(d), Reg::Ret);
        self.vs.push(Entry::Mem);
    }

    /// Moves the frame into a new generator object and returns that object to the caller.
    fn gen_return_generator(&mut self) {
        debug_assert_eq!(self.vs.depth(), 0);
        self.flush_all();
        let before = self.vs.clone();
        let deopt = self.exit_stub(&before, ExitKind::Deopt, ExitReason::Deopt);
        let err = self.error_exit();
        self.asm.mov(Reg::Arg(0), Reg::TState);
        self.asm.mov(Reg::Arg(1), Reg::Frame);
        self.call_helper_no_python(generators::return_generator as usize);
        self.check_ptr_or_deopt(err, deopt);
        self.asm.ret();
    }

    /// Suspends the frame as the interpreter's `YIELD_VALUE` does and returns the value.
    fn gen_yield_value(&mut self) {
        let e = self.vs.pop();
        let d = self.vs.depth();
        self.flush_all();
        self.load_entry(Reg::Ret, e, d);
        if e != Entry::Mem {
            self.asm.incref(Reg::Ret);
        }
        self.asm.push(crate::ir::Insn::Store32 {
            dst: frame_mem(layout::frame::STACKTOP),
            imm: (self.nlocalsplus + d) as i32,
        });
        self.sync_prev_instr();
        // The generator object holds the frame inline: gi_frame_state is at a fixed offset.
        self.asm.push(crate::ir::Insn::Store8 {
            dst: frame_mem(layout::gen::GI_FRAME_STATE - layout::gen::GI_IFRAME),
            imm: layout::gen::FRAME_SUSPENDED,
        });
        self.asm.ret();
    }

    fn gen_send(&mut self) {
        self.flush_all();
        let before = self.vs.clone();
        let deopt = self.exit_stub(&before, ExitKind::Deopt, ExitReason::Tracing);
        let mut receiver_only = self.vs.clone();
        receiver_only.pop();
        let err = self.exit_stub(&receiver_only, ExitKind::Error, ExitReason::Exception);
        let d = self.vs.depth();
        // A compiled generator or coroutine: its machine code is called from here, between
        // `send_enter` and `send_leave` (one native frame per level of a `yield from` chain).
        let generic = self.asm.new_label();
        let status = self.asm.new_label();
        self.asm.mov(Reg::Arg(0), Reg::TState);
        self.asm.lea(Reg::Arg(1), self.slot(d - 2));
        self.call_helper(generators::send_enter as usize);
        self.asm.test(Reg::Ret, Reg::Ret);
        self.asm.jcc(Cond::Eq, generic);
        // entry(frame, tstate, throwflag = 0); `send_enter` returned the frame in rdx.
        self.asm.mov(Reg::Tmp0, Reg::Ret);
        self.asm.mov(Reg::Arg(0), Reg::Arg(2));
        self.asm.mov(Reg::Arg(1), Reg::TState);
        self.asm.mov(Reg::Arg(2), Opnd::Imm(0));
        self.asm.push(crate::ir::Insn::CallReg { target: Reg::Tmp0 });
        self.asm.mov(Reg::Arg(2), Reg::Ret);
        self.asm.mov(Reg::Arg(0), Reg::TState);
        self.asm.lea(Reg::Arg(1), self.slot(d - 2));
        self.asm.call(generators::send_leave as usize);
        let slot = self.slot(d - 2);
        self.asm.cold(|asm| {
            asm.bind(generic);
            asm.mov(Reg::Arg(0), Reg::TState);
            asm.lea(Reg::Arg(1), slot);
            asm.call(generators::send as usize);
            asm.jmp(status);
        });
        self.asm.bind(status);
        let target = self.jump_target();
        let returned = self.target_label(target);
        let cold = self.asm.new_label();
        self.asm.test(Reg::Ret, Reg::Ret);
        self.asm.jcc(Cond::Ne, cold);
        self.asm.cold(|asm| {
            asm.bind(cold);
            asm.cmp(Reg::Ret, Opnd::Imm(1));
            asm.jcc(Cond::Eq, returned);
            asm.cmp(Reg::Ret, Opnd::Imm(runtime::ERR as i64));
            asm.jcc(Cond::Eq, err);
            asm.jmp(deopt);
        });
        self.check_tracing();
    }

    fn gen_end_async_for(&mut self) {
        self.write_back_for_unwinding();
        self.call_helper(generators::end_async_for as usize);
        let dispatch = self.dispatch_block();
        self.asm.cmp(Reg::Ret, Opnd::Imm(generators::END_ASYNC_FOR_DONE));
        self.asm.jcc(Cond::Ne, dispatch);
        self.vs.pop();
        self.vs.pop();
    }

    // ---- names, module and class bodies ----

    /// `MATCH_CLASS nargs`: `[subject, type, names]` → `[attrs or None]`.
    fn gen_match_class(&mut self, nargs: u32) {
        let (es, base) = self.pop_inputs(3);
        self.asm.mov(Reg::Arg(0), Reg::Keep0);
        self.asm.mov(Reg::Arg(1), Reg::Keep1);
        self.asm.mov(Reg::Arg(2), Opnd::Imm(nargs as i64));
        self.asm.mov(Reg::Arg(3), Reg::Keep2);
        self.call_helper(namespaces::match_class as usize);
        // The type's slot is free (its value is in Keep1): it holds the result meanwhile.
        let result = self.slot(base + 1);
        self.asm.mov(result, Reg::Ret);
        self.release(es[2], Reg::Keep2);
        self.release(es[1], Reg::Keep1);
        // On error the subject stays on the stack.
        let mut snap = self.vs.clone();
        snap.push(es[0]);
        let err = self.exit_stub(&snap, ExitKind::Error, ExitReason::Exception);
        self.asm.cmp(result, Opnd::Imm(0));
        self.asm.jcc(Cond::Eq, err);
        self.release(es[0], Reg::Keep0);
        self.asm.mov(Reg::Tmp0, result);
        self.asm.mov(self.slot(base), Reg::Tmp0);
        self.vs.push(Entry::Mem);
    }

    fn gen_import_star(&mut self) {
        let before = self.vs.clone();
        let deopt = self.exit_stub(&before, ExitKind::Deopt, ExitReason::Deopt);
        let (es, _) = self.pop_inputs(1);
        self.asm.mov(Reg::Arg(0), Reg::Frame);
        self.asm.mov(Reg::Arg(1), Reg::Keep0);
        self.call_helper(namespaces::import_star as usize);
        self.asm.cmp(Reg::Ret, Opnd::Imm(runtime::DEOPT_INT as i64));
        self.asm.jcc(Cond::Eq, deopt);
        self.asm.mov(Reg::Keep1, Reg::Ret);
        self.release_inputs(&es);
        let err = self.error_exit();
        self.check_int(Reg::Keep1, err);
    }

    /// Calls `f(args…)` returning a new reference (or NULL) and pushes it.
    fn gen_push_call(&mut self, f: usize, args: &[Opnd]) {
        for (k, a) in args.iter().enumerate() {
            self.asm.mov(Reg::Arg(k as u8), *a);
        }
        self.call_helper(f);
        let err = self.error_exit();
        self.check_ptr(err);
        let d = self.vs.depth();
        self.asm.mov(self.slot(d), Reg::Ret);
        self.vs.push(Entry::Mem);
    }

    /// Calls `f(args…)` returning a status (negative: error).
    fn gen_status_call(&mut self, f: usize, args: &[Opnd]) {
        for (k, a) in args.iter().enumerate() {
            self.asm.mov(Reg::Arg(k as u8), *a);
        }
        self.call_helper(f);
        let err = self.error_exit();
        self.check_int(Reg::Ret, err);
    }

    fn gen_store_name(&mut self, arg: u32) {
        let name = self.name(arg) as i64;
        let (es, _) = self.pop_inputs(1);
        self.asm.mov(Reg::Arg(0), Reg::Frame);
        self.asm.mov(Reg::Arg(1), Opnd::Imm(name));
        self.asm.mov(Reg::Arg(2), Reg::Keep0);
        self.call_helper(namespaces::store_name as usize);
        self.asm.mov(Reg::Keep1, Reg::Ret);
        self.release_inputs(&es);
        let err = self.error_exit();
        self.check_int(Reg::Keep1, err);
    }

    fn gen_unpack_ex(&mut self, arg: u32) {
        let before = self.vs.clone();
        let deopt = self.exit_stub(&before, ExitKind::Deopt, ExitReason::Deopt);
        let e = self.vs.pop();
        let base = self.vs.depth();
        let n = (arg & 0xff) as usize + 1 + (arg >> 8) as usize;
        self.load_entry(Reg::Arg(0), e, base);
        self.asm.mov(Reg::Arg(1), Opnd::Imm(arg as i64));
        self.asm.lea(Reg::Arg(2), self.slot(base));
        self.asm.mov(Reg::Arg(3), Opnd::Imm((e == Entry::Mem) as i64));
        self.call_helper(runtime::unpack_ex as usize);
        let cold = self.asm.new_label();
        let err = self.error_exit();
        self.asm.test(Reg::Ret, Reg::Ret);
        self.asm.jcc(Cond::Ne, cold);
        self.asm.cold(|asm| {
            asm.bind(cold);
            asm.cmp(Reg::Ret, Opnd::Imm(runtime::DEOPT_INT as i64));
            asm.jcc(Cond::Eq, deopt);
            asm.jmp(err);
        });
        for _ in 0..n {
            self.vs.push(Entry::Mem);
        }
    }
}

/// `Ret` = the value of the entry a cache recorded (`runtime::UnicodeEntry`: offsets in the cache
/// at `Tmp1` of its `[index_log2, min_entries, entry offset]`) in the dict whose address is in
/// `Tmp0`, after proving it is still the live entry of `name`: a combined unicode-keyed table
/// with the cached index size, enough entries, and `name` as that entry's key (the
/// `LOAD_ATTR_WITH_HINT` check). `Ret` may be NULL (a deleted value). Clobbers `Tmp0`, `Arg(5)`.
fn load_unicode_entry(asm: &mut crate::ir::Assembler, name: *mut ffi::PyObject, offsets: [i32; 3], slow: Label) {
    let [log2, min_entries, entry] = offsets;
    asm.mov(Reg::Tmp0, Mem::new(Reg::Tmp0, layout::dict::MA_KEYS));
    asm.cmp_width(Mem::new(Reg::Tmp0, layout::types::DK_KIND), Opnd::Imm(layout::types::DICT_KEYS_UNICODE as i64), Width::B8);
    asm.jcc(Cond::Ne, slow);
    asm.load(Reg::Arg(5), Mem::new(Reg::Tmp0, layout::types::DK_LOG2_INDEX_BYTES), Width::B8);
    asm.cmp(Reg::Arg(5), Mem::new(Reg::Tmp1, log2));
    asm.jcc(Cond::Ne, slow);
    asm.mov(Reg::Arg(5), Mem::new(Reg::Tmp0, layout::types::DK_NENTRIES));
    asm.cmp(Reg::Arg(5), Mem::new(Reg::Tmp1, min_entries));
    asm.jcc(Cond::Lt, slow);
    asm.add(Reg::Tmp0, Mem::new(Reg::Tmp1, entry));
    asm.mov(Reg::Arg(5), Opnd::Imm(name as i64));
    asm.cmp(Reg::Arg(5), Mem::new(Reg::Tmp0, 0));
    asm.jcc(Cond::Ne, slow);
    asm.mov(Reg::Ret, Mem::new(Reg::Tmp0, 8));
}

const METH_O: i32 = 0x0008;
const METH_NOARGS: i32 = 0x0004;
const METH_FASTCALL: i32 = 0x0080;
const METH_KEYWORDS: i32 = 0x0002;

/// The PRECALL forms of 3.11 that call a C function through its `PyMethodDef`, which compiled
/// code then calls inline (`gen_call_c_inline`), each with the `ml_flags` it requires.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum InlineCCall {
    /// `PRECALL_NO_KW_BUILTIN_FAST`: a builtin function, `METH_FASTCALL`.
    BuiltinFast,
    /// `PRECALL_BUILTIN_FAST_WITH_KEYWORDS` (at a site without keywords).
    BuiltinFastKeywords,
    /// `PRECALL_NO_KW_BUILTIN_O`: one argument, `METH_O`.
    BuiltinO,
    /// `PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST`: a method descriptor, `METH_FASTCALL`.
    DescriptorFast,
    /// `PRECALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS` (at a site without keywords).
    DescriptorFastKeywords,
    /// `PRECALL_NO_KW_METHOD_DESCRIPTOR_O`: the receiver and one argument, `METH_O`.
    DescriptorO,
    /// `PRECALL_NO_KW_METHOD_DESCRIPTOR_NOARGS`: the receiver only, `METH_NOARGS`.
    DescriptorNoArgs,
    /// `PRECALL_BUILTIN_CLASS` (at a site without keywords): a class with a `tp_vectorcall`
    /// (`set`, `range`, `reversed`…), called through it.
    BuiltinClass,
    /// `PRECALL_NO_KW_TUPLE_1`, `PRECALL_NO_KW_STR_1`: `tuple(x)` as `PySequence_Tuple(x)`,
    /// `str(x)` as `PyObject_Str(x)`.
    Tuple1,
    Str1,
    /// `PRECALL_NO_KW_TYPE_1`: `type(x)` read inline.
    Type1,
}

impl InlineCCall {
    fn of(quickened: &str, argc: u32) -> Option<InlineCCall> {
        Some(match quickened {
            "PRECALL_NO_KW_BUILTIN_FAST" => InlineCCall::BuiltinFast,
            "PRECALL_BUILTIN_FAST_WITH_KEYWORDS" => InlineCCall::BuiltinFastKeywords,
            "PRECALL_NO_KW_BUILTIN_O" if argc == 1 => InlineCCall::BuiltinO,
            "PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST" => InlineCCall::DescriptorFast,
            "PRECALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS" => InlineCCall::DescriptorFastKeywords,
            "PRECALL_NO_KW_METHOD_DESCRIPTOR_O" if argc == 1 => InlineCCall::DescriptorO,
            "PRECALL_NO_KW_METHOD_DESCRIPTOR_NOARGS" if argc == 0 => InlineCCall::DescriptorNoArgs,
            "PRECALL_BUILTIN_CLASS" => InlineCCall::BuiltinClass,
            "PRECALL_NO_KW_TUPLE_1" if argc == 1 => InlineCCall::Tuple1,
            "PRECALL_NO_KW_STR_1" if argc == 1 => InlineCCall::Str1,
            "PRECALL_NO_KW_TYPE_1" if argc == 1 => InlineCCall::Type1,
            _ => return None,
        })
    }

    fn is_method_descriptor(self) -> bool {
        matches!(
            self,
            InlineCCall::DescriptorFast | InlineCCall::DescriptorFastKeywords | InlineCCall::DescriptorO | InlineCCall::DescriptorNoArgs
        )
    }

    /// A class called, not a C function's `PyMethodDef`.
    fn is_class_call(self) -> bool {
        matches!(self, InlineCCall::BuiltinClass | InlineCCall::Tuple1 | InlineCCall::Str1 | InlineCCall::Type1)
    }

    /// The `ml_flags` the form requires (exactly, as the interpreter checks them); 0 for the
    /// class calls, which have no `PyMethodDef`.
    fn flags(self) -> i32 {
        match self {
            InlineCCall::BuiltinClass | InlineCCall::Tuple1 | InlineCCall::Str1 | InlineCCall::Type1 => 0,
            InlineCCall::BuiltinFast | InlineCCall::DescriptorFast => METH_FASTCALL,
            InlineCCall::BuiltinFastKeywords | InlineCCall::DescriptorFastKeywords => METH_FASTCALL | METH_KEYWORDS,
            InlineCCall::BuiltinO | InlineCCall::DescriptorO => METH_O,
            InlineCCall::DescriptorNoArgs => METH_NOARGS,
        }
    }
}

/// `Tmp0` = address of the cached attribute of `obj` (cache entry in `Tmp1`, `obj`'s type
/// guarded): in the object (a slot) or in its values array; `slow` if it has none.
fn emit_attr_address(asm: &mut Assembler, obj: Reg, slow: Label) {
    let in_object = asm.new_label();
    asm.mov(Reg::Tmp0, obj);
    asm.cmp(Mem::new(Reg::Tmp1, 16), Opnd::Imm(0));
    asm.jcc(Cond::Eq, in_object);
    asm.mov(Reg::Tmp0, Mem::new(obj, layout::object::MANAGED_VALUES));
    asm.test(Reg::Tmp0, Reg::Tmp0);
    asm.jcc(Cond::Eq, slow);
    asm.bind(in_object);
    asm.add(Reg::Tmp0, Mem::new(Reg::Tmp1, 8));
}

/// For the `AttrCache` in `Tmp1`: jumps to `matched` with `Tmp1` at the alternative entry
/// ([`AttrCache::alt`]) whose type version is `obj`'s type's and `Tmp0` = that type, else to
/// `miss`. Clobbers `Arg(5)`.
fn emit_match_alt_entry(asm: &mut Assembler, obj: Reg, matched: Label, miss: Label) {
    asm.mov(Reg::Tmp0, Mem::new(obj, layout::object::OB_TYPE));
    asm.load(Reg::Arg(5), Mem::new(Reg::Tmp0, layout::types::TP_VERSION_TAG), Width::B32);
    for k in 0..runtime::ALT_ENTRIES as i32 {
        let entry = AttrCache::OFFSET_ALT + k * AttrCache::ALT_ENTRY_SIZE;
        let next = asm.new_label();
        asm.cmp(Reg::Arg(5), Mem::new(Reg::Tmp1, entry));
        asm.jcc(Cond::Ne, next);
        asm.lea(Reg::Tmp1, Mem::new(Reg::Tmp1, entry));
        asm.jmp(matched);
        asm.bind(next);
    }
    asm.jmp(miss);
}

/// The entries of a `LOAD_ATTR` site's `AttrCache` (in `Tmp1`) other than its inline one, for
/// `obj`: jumps to `found` with `Ret` a new reference to the attribute, else to `miss`.
/// Clobbers `Tmp0`, `Tmp1`, `Arg(5)` and `Ret`.
/// - The slow entry's class attribute ([`runtime::SlowAttrKind::ClassAttribute`]:
///   `Cls.CONSTANT`, `Cls.method` read on the class itself, as 3.12's `LOAD_ATTR_CLASS`) if
///   `obj` is that class, unchanged, and its metaclass too (version tags are never reused:
///   equal tags are the same class).
/// - The alternative entries ([`AttrCache::alt`]: the types the site saw before the current
///   one), for a site that sees several classes (a base class's method reading `self.x` on
///   instances of its subclasses), when the attribute is set.
fn emit_load_attr_alternatives(asm: &mut Assembler, obj: Reg, found: Label, miss: Label) {
    let not_class = asm.new_label();
    asm.cmp(Mem::new(Reg::Tmp1, AttrCache::OFFSET_SLOW_KIND), Opnd::Imm(runtime::SlowAttrKind::ClassAttribute as i64));
    asm.jcc(Cond::Ne, not_class);
    // A type object (its type has `Py_TPFLAGS_TYPE_SUBCLASS`), so it has a version tag.
    asm.mov(Reg::Tmp0, Mem::new(obj, layout::object::OB_TYPE));
    asm.load(Reg::Arg(5), Mem::new(Reg::Tmp0, layout::types::TP_FLAGS + 3), Width::B8);
    asm.cmp(Reg::Arg(5), Opnd::Imm(0x80));
    asm.jcc(Cond::Below, not_class);
    asm.load(Reg::Arg(5), Mem::new(Reg::Tmp0, layout::types::TP_VERSION_TAG), Width::B32);
    asm.cmp(Reg::Arg(5), Mem::new(Reg::Tmp1, AttrCache::OFFSET_SLOW_META_VERSION));
    asm.jcc(Cond::Ne, not_class);
    asm.load(Reg::Arg(5), Mem::new(obj, layout::types::TP_VERSION_TAG), Width::B32);
    asm.cmp(Reg::Arg(5), Mem::new(Reg::Tmp1, AttrCache::OFFSET_SLOW_VERSION));
    asm.jcc(Cond::Ne, not_class);
    asm.mov(Reg::Ret, Mem::new(Reg::Tmp1, AttrCache::OFFSET_SLOW_VALUE));
    // The value's class may have gained a `__get__` since (a plain function's returns the
    // function itself when read on a class).
    let plain = asm.new_label();
    asm.mov(Reg::Tmp0, Mem::new(Reg::Ret, layout::object::OB_TYPE));
    asm.cmp(Mem::new(Reg::Tmp0, layout::types::TP_DESCR_GET), Opnd::Imm(0));
    asm.jcc(Cond::Eq, plain);
    asm.mov(Reg::Arg(5), Opnd::Imm(std::ptr::addr_of_mut!(ffi::PyFunction_Type) as i64));
    asm.cmp(Reg::Tmp0, Reg::Arg(5));
    asm.jcc(Cond::Ne, not_class);
    asm.bind(plain);
    asm.incref(Reg::Ret);
    asm.jmp(found);
    asm.bind(not_class);
    let matched = asm.new_label();
    emit_match_alt_entry(asm, obj, matched, miss);
    asm.bind(matched);
    emit_attr_address(asm, obj, miss);
    asm.mov(Reg::Ret, Mem::new(Reg::Tmp0, 0));
    asm.test(Reg::Ret, Reg::Ret);
    asm.jcc(Cond::Eq, miss);
    asm.incref(Reg::Ret);
    asm.jmp(found);
}

/// [`emit_load_attr_alternatives`] for `obj` in `Keep0` as one shared subroutine (see
/// [`super::Options::load_attr_alternatives`]): the cold path of every `LOAD_ATTR` site
/// calls it instead of holding a copy (about 45 IR instructions each). Returns with "equal"
/// and `Ret` a new reference on a hit, "not equal" on a miss.
pub fn load_attr_alternatives_subroutine() -> crate::codemem::MachineCode {
    let mut asm = Assembler::new();
    let found = asm.new_label();
    let miss = asm.new_label();
    let end = asm.new_label();
    emit_load_attr_alternatives(&mut asm, Reg::Keep0, found, miss);
    asm.bind(miss);
    // Any value with bit 0 set: "not equal".
    asm.push(Insn::Or { dst: Reg::Tmp0, src: Opnd::Imm(1) });
    asm.jmp(end);
    asm.bind(found);
    asm.push(Insn::Xor { dst: Reg::Tmp0, src: Opnd::Reg(Reg::Tmp0) });
    asm.bind(end);
    crate::backend::assemble_subroutine(&asm)
}
