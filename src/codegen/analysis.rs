//! Decoding of `co_code_adaptive` and the stack-depth / reachability pass that precedes codegen.
//!
//! Code reachable from the entry through normal control flow, and every exception handler of the
//! exception table (entered from compiled code's unwinding, `runtime::unwind`), is compiled.

use crate::cpython::opcode::*;

/// One decoded instruction (its `EXTENDED_ARG` prefixes folded in).
#[derive(Clone, Copy, Debug)]
pub struct Instr {
    /// Code unit index of the first `EXTENDED_ARG` prefix, or of the opcode.
    pub start: usize,
    /// Code unit index of the opcode itself (what `prev_instr` points at while it runs).
    pub idx: usize,
    /// Base opcode (specialised forms mapped back).
    pub op: u8,
    /// The opcode as quickened in place by the interpreter (type feedback).
    pub quickened: u8,
    pub arg: u32,
    /// Code unit index of the next instruction (after the inline caches).
    pub next: usize,
}

/// Decodes the code units into instructions.
pub fn decode(units: &[u16], tables: &OpcodeTables) -> Vec<Instr> {
    let mut out = Vec::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let start = i;
        let mut arg: u32 = 0;
        loop {
            let unit = units[i];
            let quickened = (unit & 0xff) as u8;
            let op = tables.deopt[quickened as usize];
            arg = (arg << 8) | (unit >> 8) as u32;
            if op == EXTENDED_ARG && i + 1 < units.len() {
                i += 1;
                continue;
            }
            let next = i + 1 + tables.caches[op as usize] as usize;
            out.push(Instr { start, idx: i, op, quickened, arg, next });
            i = next;
            break;
        }
    }
    out
}

/// Where control goes after an instruction, with the stack depth change on each edge.
pub struct Flow {
    pub fallthrough: Option<i32>,
    pub jump: Option<(usize, i32)>,
}

fn forward(ins: &Instr) -> usize {
    ins.idx + 1 + ins.arg as usize
}

fn backward(ins: &Instr) -> usize {
    ins.idx + 1 - ins.arg as usize
}

/// Control flow and stack effect of `ins`, or `Err(opcode)` if codegen does not handle it.
pub fn flow(ins: &Instr) -> Result<Flow, u8> {
    let arg = ins.arg as i32;
    let fall = |d: i32| Ok(Flow { fallthrough: Some(d), jump: None });
    match ins.op {
        NOP | RESUME | MAKE_CELL | COPY_FREE_VARS | PRECALL | KW_NAMES | DELETE_FAST | DELETE_DEREF
        | UNARY_POSITIVE | UNARY_NEGATIVE | UNARY_NOT | UNARY_INVERT | GET_ITER | LOAD_ATTR | SWAP
        | LIST_TO_TUPLE => fall(0),
        POP_TOP | STORE_FAST | STORE_DEREF | STORE_GLOBAL | BINARY_OP | COMPARE_OP | IS_OP | CONTAINS_OP
        | BINARY_SUBSCR | LIST_APPEND | SET_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE | DICT_MERGE
        | DELETE_ATTR | IMPORT_NAME => fall(-1),
        PUSH_NULL | LOAD_FAST | LOAD_CONST | LOAD_CLOSURE | LOAD_DEREF | LOAD_METHOD | COPY
        | LOAD_ASSERTION_ERROR | GET_LEN | IMPORT_FROM | BEFORE_WITH => fall(1),
        LOAD_GLOBAL => fall(1 + (arg & 1)),
        STORE_ATTR | MAP_ADD | DELETE_SUBSCR => fall(-2),
        STORE_SUBSCR => fall(-3),
        BUILD_TUPLE | BUILD_LIST | BUILD_SET | BUILD_STRING | BUILD_SLICE => fall(1 - arg),
        BUILD_MAP => fall(1 - 2 * arg),
        BUILD_CONST_KEY_MAP => fall(-arg),
        UNPACK_SEQUENCE => fall(arg - 1),
        CALL => fall(-(arg + 1)),
        CALL_FUNCTION_EX => fall(-(2 + (arg & 1))),
        MAKE_FUNCTION => fall(-((arg & 0xf).count_ones() as i32)),
        FORMAT_VALUE => fall(if arg & 4 != 0 { -1 } else { 0 }),
        FOR_ITER => Ok(Flow { fallthrough: Some(1), jump: Some((forward(ins), -1)) }),
        JUMP_FORWARD => Ok(Flow { fallthrough: None, jump: Some((forward(ins), 0)) }),
        JUMP_BACKWARD | JUMP_BACKWARD_NO_INTERRUPT => Ok(Flow { fallthrough: None, jump: Some((backward(ins), 0)) }),
        POP_JUMP_FORWARD_IF_FALSE | POP_JUMP_FORWARD_IF_TRUE | POP_JUMP_FORWARD_IF_NONE
        | POP_JUMP_FORWARD_IF_NOT_NONE => Ok(Flow { fallthrough: Some(-1), jump: Some((forward(ins), -1)) }),
        POP_JUMP_BACKWARD_IF_FALSE | POP_JUMP_BACKWARD_IF_TRUE | POP_JUMP_BACKWARD_IF_NONE
        | POP_JUMP_BACKWARD_IF_NOT_NONE => Ok(Flow { fallthrough: Some(-1), jump: Some((backward(ins), -1)) }),
        JUMP_IF_FALSE_OR_POP | JUMP_IF_TRUE_OR_POP => Ok(Flow { fallthrough: Some(-1), jump: Some((forward(ins), 0)) }),
        PUSH_EXC_INFO | WITH_EXCEPT_START | GET_ANEXT | BEFORE_ASYNC_WITH => fall(1),
        // A yield returns from compiled code; the frame resumes at the next instruction with
        // the sent value in place of the yielded one (a resume point, see `analyse`).
        YIELD_VALUE | GET_YIELD_FROM_ITER | GET_AWAITABLE | GET_AITER | ASYNC_GEN_WRAP => fall(0),
        END_ASYNC_FOR => fall(-2),
        DELETE_GLOBAL | DELETE_NAME | SETUP_ANNOTATIONS => fall(0),
        LOAD_NAME | LOAD_CLASSDEREF | LOAD_BUILD_CLASS | MATCH_MAPPING | MATCH_SEQUENCE | MATCH_KEYS => fall(1),
        STORE_NAME | PRINT_EXPR | IMPORT_STAR => fall(-1),
        MATCH_CLASS => fall(-2),
        UNPACK_EX => fall((arg & 0xff) + (arg >> 8)),
        SEND => Ok(Flow { fallthrough: Some(0), jump: Some((forward(ins), -1)) }),
        // Runs in the interpreter (a generator's first call); the frame resumes after it with
        // the first sent value (None) on the stack.
        RETURN_GENERATOR => Ok(Flow { fallthrough: None, jump: None }),
        POP_EXCEPT | PREP_RERAISE_STAR => fall(-1),
        CHECK_EXC_MATCH | CHECK_EG_MATCH => fall(0),
        RETURN_VALUE | RAISE_VARARGS | RERAISE => Ok(Flow { fallthrough: None, jump: None }),
        other => Err(other),
    }
}

/// One entry of `co_exceptiontable`: instructions in code units `start..end` unwind to
/// `target` with the stack cut to `depth` (plus the offset of the raising instruction if `lasti`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct ExcHandler {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: u32,
}

/// Parses the 3.11 exception table (`Objects/exception_handling_notes.txt`): entries of four
/// varints (start, length, target, depth << 1 | lasti), six bits a byte, bit 6 = more follows,
/// bit 7 marks an entry's first byte. Malformed tables give `None`.
pub fn parse_exception_table(bytes: &[u8]) -> Option<Vec<ExcHandler>> {
    let mut out = Vec::new();
    let mut i = 0;
    let varint = |i: &mut usize| -> Option<u32> {
        let mut b = *bytes.get(*i)?;
        *i += 1;
        let mut v = (b & 63) as u32;
        while b & 64 != 0 {
            b = *bytes.get(*i)?;
            *i += 1;
            v = v.checked_shl(6)? | (b & 63) as u32;
        }
        Some(v)
    };
    while i < bytes.len() {
        let start = varint(&mut i)?;
        let len = varint(&mut i)?;
        let target = varint(&mut i)?;
        let dl = varint(&mut i)?;
        out.push(ExcHandler { start, end: start.checked_add(len)?, target, depth: dl >> 1, lasti: dl & 1 });
    }
    Some(out)
}

/// The handler covering code unit `unit`, as `get_exception_handler` finds it.
pub fn find_handler(table: &[ExcHandler], unit: u32) -> Option<&ExcHandler> {
    table.iter().find(|h| h.start <= unit && unit < h.end)
}

/// Result of the analysis: reachability and stack depth per instruction, jump targets.
pub struct Analysis {
    /// Stack depth on entry to each instruction; `None` if unreachable.
    pub depth: Vec<Option<usize>>,
    /// Instruction is the target of a jump.
    pub is_target: Vec<bool>,
    /// Instruction position of each code unit index that starts an instruction.
    pub pos_of_unit: Vec<usize>,
    /// Where a suspended generator frame resumes: (code unit `prev_instr` points at,
    /// instruction position to continue at).
    pub resume_points: Vec<(usize, usize)>,
}

/// Walks normal control flow from the entry. Fails with the first unsupported reachable opcode
/// (as a refusal reason) or an inconsistent stack.
pub fn analyse(instrs: &[Instr], n_units: usize, stacksize: usize, handlers: &[ExcHandler]) -> Result<Analysis, String> {
    let mut pos_of_unit = vec![usize::MAX; n_units + 1];
    for (p, ins) in instrs.iter().enumerate() {
        pos_of_unit[ins.start] = p;
        pos_of_unit[ins.idx] = p;
    }
    let mut depth: Vec<Option<usize>> = vec![None; instrs.len()];
    let mut is_target = vec![false; instrs.len()];
    let mut work = vec![(0usize, 0usize)];
    let set = |depth: &mut Vec<Option<usize>>, work: &mut Vec<(usize, usize)>, p: usize, d: i64| -> Result<(), String> {
        if d < 0 || d as usize > stacksize {
            return Err("stack_depth_mismatch".into());
        }
        match depth[p] {
            Some(old) if old == d as usize => Ok(()),
            Some(_) => Err("stack_depth_mismatch".into()),
            None => {
                depth[p] = Some(d as usize);
                work.push((p, d as usize));
                Ok(())
            }
        }
    };
    if instrs.is_empty() {
        return Err("empty_code".into());
    }
    depth[0] = Some(0);
    // Handlers are entered with the stack cut to their depth, plus lasti and the exception.
    for h in handlers {
        let t = *pos_of_unit.get(h.target as usize).unwrap_or(&usize::MAX);
        if t == usize::MAX || instrs[t].idx != h.target as usize {
            return Err("bad_handler_target".into());
        }
        is_target[t] = true;
        set(&mut depth, &mut work, t, h.depth as i64 + h.lasti as i64 + 1)?;
    }
    let mut resume_points = Vec::new();
    while let Some((p, d)) = work.pop() {
        let ins = &instrs[p];
        let f = flow(ins).map_err(|op| format!("unsupported_opcode:{}", crate::cpython::opcode::name(op)))?;
        match ins.op {
            YIELD_VALUE | RETURN_GENERATOR if p + 1 < instrs.len() => {
                is_target[p + 1] = true;
                resume_points.push((ins.idx, p + 1));
                if ins.op == RETURN_GENERATOR {
                    set(&mut depth, &mut work, p + 1, d as i64 + 1)?;
                }
            }
            SEND => {
                // `gen.throw()` into a delegating frame may move `prev_instr` to just before
                // the loop exit (`_gen_throw`) and resume there.
                let t = forward(ins);
                if let Some(&tp) = pos_of_unit.get(t) {
                    if tp != usize::MAX {
                        resume_points.push((t - 1, tp));
                    }
                }
            }
            _ => {}
        }
        if let Some(delta) = f.fallthrough {
            if p + 1 >= instrs.len() {
                return Err("falls_off_end".into());
            }
            set(&mut depth, &mut work, p + 1, d as i64 + delta as i64)?;
        }
        if let Some((unit, delta)) = f.jump {
            let t = *pos_of_unit.get(unit).unwrap_or(&usize::MAX);
            if t == usize::MAX {
                return Err("bad_jump_target".into());
            }
            is_target[t] = true;
            set(&mut depth, &mut work, t, d as i64 + delta as i64)?;
        }
    }
    resume_points.sort_unstable();
    resume_points.dedup();
    Ok(Analysis { depth, is_target, pos_of_unit, resume_points })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ins(op: u8, arg: u32, idx: usize) -> Instr {
        Instr { start: idx, idx, op, quickened: op, arg, next: idx + 1 }
    }

    #[test]
    fn loop_depths_and_targets() {
        // 0 RESUME; 1 LOAD_FAST; 2 GET_ITER; 3 FOR_ITER +2 (-> 6); 4 STORE_FAST; 5 JUMP_BACKWARD 3 (-> 3);
        // 6 LOAD_CONST; 7 RETURN_VALUE
        let code = vec![
            ins(RESUME, 0, 0),
            ins(LOAD_FAST, 0, 1),
            ins(GET_ITER, 0, 2),
            ins(FOR_ITER, 2, 3),
            ins(STORE_FAST, 1, 4),
            ins(JUMP_BACKWARD, 3, 5),
            ins(LOAD_CONST, 0, 6),
            ins(RETURN_VALUE, 0, 7),
        ];
        let a = analyse(&code, 8, 4, &[]).unwrap();
        assert_eq!(a.depth, vec![Some(0), Some(0), Some(1), Some(1), Some(2), Some(1), Some(0), Some(1)]);
        assert!(a.is_target[3] && a.is_target[6]);
        assert!(!a.is_target[4]);
    }

    #[test]
    fn handlers_are_entered_at_their_depth() {
        // 0 RESUME; 1 LOAD_CONST; 2 RETURN_VALUE; handler for 1..2 at 3 with depth 0, lasti:
        // 3 PUSH_EXC_INFO (stack: lasti, exc) ...
        let code = vec![
            ins(RESUME, 0, 0),
            ins(LOAD_CONST, 0, 1),
            ins(RETURN_VALUE, 0, 2),
            ins(PUSH_EXC_INFO, 0, 3),
            ins(RERAISE, 0, 4),
        ];
        let h = [ExcHandler { start: 1, end: 2, target: 3, depth: 0, lasti: 1 }];
        let a = analyse(&code, 5, 4, &h).unwrap();
        assert_eq!(a.depth[3], Some(2));
        assert_eq!(a.depth[4], Some(3));
        assert!(a.is_target[3]);
    }

    #[test]
    fn exception_table_varints() {
        // start 4, length 70 (two bytes: 1, 6), target 100 (1, 36), depth 2 lasti 1 -> 5.
        let bytes = [0x80 | 4, 64 | 1, 6, 64 | 1, 36, 5];
        let t = parse_exception_table(&bytes).unwrap();
        assert_eq!(t, vec![ExcHandler { start: 4, end: 74, target: 100, depth: 2, lasti: 1 }]);
        assert_eq!(find_handler(&t, 73).map(|h| h.target), Some(100));
        assert!(find_handler(&t, 74).is_none());
        assert!(parse_exception_table(&[0x80 | 4, 64 | 1]).is_none());
    }

    #[test]
    fn unsupported_reachable_opcode_is_refused() {
        let code = vec![ins(RESUME, 0, 0), ins(CACHE, 0, 1), ins(RETURN_VALUE, 0, 2)];
        let err = analyse(&code, 3, 2, &[]).err().unwrap();
        assert!(err.starts_with("unsupported_opcode:"), "{err}");
    }
}
