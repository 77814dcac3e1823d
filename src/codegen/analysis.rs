//! Decoding of `co_code_adaptive` and the stack-depth / reachability pass that precedes codegen.
//!
//! Only code reachable from the entry through normal control flow is compiled. Exception
//! handlers are entered only by the interpreter (compiled code hands exceptions over), so their
//! opcodes never need machine code.

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
        RETURN_VALUE | RAISE_VARARGS => Ok(Flow { fallthrough: None, jump: None }),
        other => Err(other),
    }
}

/// Result of the analysis: reachability and stack depth per instruction, jump targets.
pub struct Analysis {
    /// Stack depth on entry to each instruction; `None` if unreachable.
    pub depth: Vec<Option<usize>>,
    /// Instruction is the target of a jump.
    pub is_target: Vec<bool>,
    /// Instruction position of each code unit index that starts an instruction.
    pub pos_of_unit: Vec<usize>,
}

/// Walks normal control flow from the entry. Fails with the first unsupported reachable opcode
/// (as a refusal reason) or an inconsistent stack.
pub fn analyse(instrs: &[Instr], n_units: usize, stacksize: usize) -> Result<Analysis, String> {
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
    while let Some((p, d)) = work.pop() {
        let ins = &instrs[p];
        let f = flow(ins).map_err(|op| format!("unsupported_opcode:{}", crate::cpython::opcode::name(op)))?;
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
    Ok(Analysis { depth, is_target, pos_of_unit })
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
        let a = analyse(&code, 8, 4).unwrap();
        assert_eq!(a.depth, vec![Some(0), Some(0), Some(1), Some(1), Some(2), Some(1), Some(0), Some(1)]);
        assert!(a.is_target[3] && a.is_target[6]);
        assert!(!a.is_target[4]);
    }

    #[test]
    fn unreachable_handlers_are_not_analysed() {
        // A handler-only PUSH_EXC_INFO after the return is never visited.
        let code = vec![ins(RESUME, 0, 0), ins(LOAD_CONST, 0, 1), ins(RETURN_VALUE, 0, 2), ins(PUSH_EXC_INFO, 0, 3)];
        let a = analyse(&code, 4, 2).unwrap();
        assert_eq!(a.depth[3], None);
    }

    #[test]
    fn unsupported_reachable_opcode_is_refused() {
        let code = vec![ins(RESUME, 0, 0), ins(LOAD_BUILD_CLASS, 0, 1), ins(RETURN_VALUE, 0, 2)];
        let err = analyse(&code, 3, 2).err().unwrap();
        assert!(err.starts_with("unsupported_opcode:"), "{err}");
    }
}
