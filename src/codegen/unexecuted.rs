//! Blocks the interpreter has not run since it quickened the code are not compiled: each
//! becomes one exit to the interpreter at its first instruction.
//!
//! A function is compiled after about a hundred calls in the interpreter, which leave their
//! trace in the quickened bytecode: an adaptive instruction that has run is specialised or has
//! moved its counter, one that has not still reads `*_ADAPTIVE` with a counter of 0 (see
//! [`Form`]). A basic block whose first such instruction never ran is usually an error path
//! or a rare case (a third of a Flask app's quickened instructions), and compiling it costs
//! compile time, code memory and instruction-cache room next to the code that does run.
//!
//! Skipping is a bet, and it is checked: the exit counts itself (`hook::note_unexecuted`), and a
//! function whose skipped blocks keep being entered is compiled again in full.

use super::analysis::{flow, Analysis, Instr};
use crate::cpython::opcode::{Form, OpcodeTables};

/// What quickening says of a block: whether its first instruction that can tell ran.
fn block_ran(block: &[Instr], units: &[u16], tables: &OpcodeTables) -> bool {
    for ins in block {
        match tables.form[ins.quickened as usize] {
            // The counter is the instruction's first inline cache entry.
            Form::Adaptive => return units.get(ins.idx + 1).is_none_or(|&counter| counter != 0),
            Form::Specialised => return true,
            Form::Base | Form::AtQuickening => {}
        }
    }
    // Nothing tells: compiled, as if it ran.
    true
}

/// True if control never falls from `ins` into the next instruction without a choice: a
/// jump, a branch or an instruction that leaves (the next one starts a block).
fn ends_block(ins: &Instr) -> bool {
    flow(ins).map_or(true, |f| f.jump.is_some() || f.fallthrough.is_none())
}

/// Marks the first instruction of each block that did not run, and takes the rest of such a
/// block out of `an` (no depth: not compiled) up to the next jump target: whatever lies
/// between is reached only through it. Returns the marks and how many instructions were
/// taken out.
///
/// A marked instruction is always a jump target or follows a jump, a branch or a return, so
/// no instruction compiled together with its predecessor (a comparison and its jump, an
/// unpack and its stores) is ever marked.
pub fn skip_unexecuted(instrs: &[Instr], units: &[u16], an: &mut Analysis, tables: &OpcodeTables) -> (Vec<bool>, usize) {
    let n = instrs.len();
    let starts_block: Vec<bool> = (0..n).map(|p| p == 0 || an.is_target[p] || ends_block(&instrs[p - 1])).collect();
    let mut marks = vec![false; n];
    let mut removed = 0;
    // From 1: the entry block always runs (its instructions are the ones every call executes).
    let mut p = 1;
    while p < n {
        if !starts_block[p] || an.depth[p].is_none() {
            p += 1;
            continue;
        }
        let end = (p + 1..n).find(|&q| starts_block[q]).unwrap_or(n);
        if block_ran(&instrs[p..end], units, tables) {
            p = end;
            continue;
        }
        marks[p] = true;
        let mut q = p + 1;
        while q < n && !an.is_target[q] {
            if an.depth[q].take().is_some() {
                removed += 1;
            }
            q += 1;
        }
        p = q;
    }
    (marks, removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::analysis::analyse;
    use crate::cpython::opcode::*;

    /// Opcode numbers standing for an adaptive and a specialised form of `LOAD_GLOBAL`.
    const ADAPTIVE: u8 = 200;
    const SPECIALISED: u8 = 201;

    fn tables() -> OpcodeTables {
        let mut t = OpcodeTables {
            deopt: std::array::from_fn(|i| i as u8),
            form: [Form::Base; 256],
            caches: [0; 256],
            names: (0..256).map(|i| format!("<{i}>")).collect(),
        };
        t.form[ADAPTIVE as usize] = Form::Adaptive;
        t.form[SPECIALISED as usize] = Form::Specialised;
        t
    }

    /// An instruction at code unit `idx` followed by `caches` cache units.
    fn ins(op: u8, quickened: u8, arg: u32, idx: usize, caches: usize) -> Instr {
        Instr { start: idx, idx, op, quickened, arg, next: idx + 1 + caches }
    }

    /// `if x: return g` / `return h` where the `if` body's `LOAD_GLOBAL` has the counter
    /// `body_counter` and the other one `other` as its form (counter 17: it ran).
    fn code(body_counter: u16, other: u8) -> (Vec<Instr>, Vec<u16>) {
        let instrs = vec![
            ins(RESUME, RESUME, 0, 0, 0),
            ins(LOAD_FAST, LOAD_FAST, 0, 1, 0),
            ins(POP_JUMP_FORWARD_IF_FALSE, POP_JUMP_FORWARD_IF_FALSE, 3, 2, 0), // to unit 6
            ins(LOAD_GLOBAL, ADAPTIVE, 0, 3, 1),
            ins(RETURN_VALUE, RETURN_VALUE, 0, 5, 0),
            ins(LOAD_GLOBAL, other, 0, 6, 1),
            ins(RETURN_VALUE, RETURN_VALUE, 0, 8, 0),
        ];
        let mut units = vec![0u16; 9];
        units[4] = body_counter;
        units[7] = 17;
        (instrs, units)
    }

    #[test]
    fn a_block_whose_adaptive_instruction_never_ran_becomes_an_exit() {
        let (instrs, units) = code(0, ADAPTIVE);
        let mut an = analyse(&instrs, units.len(), 2, &[]).unwrap();
        let (marks, removed) = skip_unexecuted(&instrs, &units, &mut an, &tables());
        // The `if` body (a block entered by falling through the branch) is marked, its
        // `RETURN_VALUE` left out; the jump target's block ran and stays.
        assert_eq!(marks, vec![false, false, false, true, false, false, false]);
        assert_eq!(removed, 1);
        assert_eq!(an.depth[4], None);
        assert!(an.depth[3].is_some() && an.depth[5].is_some() && an.depth[6].is_some());
    }

    #[test]
    fn blocks_that_ran_or_cannot_tell_stay() {
        for (body_counter, other) in [(17, ADAPTIVE), (17, SPECIALISED), (17, LOAD_GLOBAL)] {
            let (instrs, units) = code(body_counter, other);
            let mut an = analyse(&instrs, units.len(), 2, &[]).unwrap();
            let (marks, removed) = skip_unexecuted(&instrs, &units, &mut an, &tables());
            assert!(!marks.contains(&true) && removed == 0, "{body_counter} {other}");
        }
        // The entry block runs at every call, whatever its counters read.
        let instrs = vec![ins(RESUME, RESUME, 0, 0, 0), ins(LOAD_GLOBAL, ADAPTIVE, 0, 1, 1), ins(RETURN_VALUE, RETURN_VALUE, 0, 3, 0)];
        let units = vec![0u16; 4];
        let mut an = analyse(&instrs, units.len(), 2, &[]).unwrap();
        assert_eq!(skip_unexecuted(&instrs, &units, &mut an, &tables()), (vec![false; 3], 0));
    }
}
