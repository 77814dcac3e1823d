//! Backends: lower `ir::Assembler` streams to machine code for one architecture.

pub mod x86_64;

/// Lowers an IR function (prologue and epilogue included) to position-independent machine code.
pub fn assemble(asm: &crate::ir::Assembler) -> Vec<u8> {
    x86_64::assemble(asm)
}

/// [`assemble`] with a prologue that saves only what code without `Keep0`/`Keep1` clobbers
/// (small functions called very often: fast entries).
pub fn assemble_light(asm: &crate::ir::Assembler) -> Vec<u8> {
    x86_64::assemble_light(asm)
}
