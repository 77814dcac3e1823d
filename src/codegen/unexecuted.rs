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
    let mut marks = vec![false; n];
    let mut removed = 0;
    let starts_block = |an: &Analysis, p: usize| p == 0 || an.is_target[p] || ends_block(&instrs[p - 1]);
    let mut p = 0;
    while p < n {
        if an.depth[p].is_none() || !starts_block(an, p) {
            p += 1;
            continue;
        }
        let mut end = p + 1;
        while end < n && !starts_block(an, end) {
            end += 1;
        }
        // The entry block always runs: its instructions are the ones every call executes.
        if p == 0 || block_ran(&instrs[p..end], units, tables) {
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
