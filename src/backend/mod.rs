//! Backends: lower `ir::Assembler` streams to machine code for one architecture.

pub mod x86_64;

use crate::codemem::MachineCode;

/// Lowers an IR function (prologue and epilogue included) to machine code that is
/// position-independent but for its `call rel32`s (`MachineCode::calls`, patched at install).
pub fn assemble(asm: &crate::ir::Assembler) -> MachineCode {
    x86_64::assemble(asm)
}

/// [`assemble`] with a prologue that saves only what code without `Keep0`/`Keep1` clobbers
/// (small functions called very often: fast entries).
pub fn assemble_light(asm: &crate::ir::Assembler) -> MachineCode {
    x86_64::assemble_light(asm)
}

/// Lowers a subroutine that compiled code calls with `call`: no prologue, and `ret` after the
/// stream, which must leave the stack as it found it and touch no callee-saved register.
pub fn assemble_subroutine(asm: &crate::ir::Assembler) -> MachineCode {
    x86_64::assemble_subroutine(asm)
}
