//! x86-64 (System V) lowering of the IR with dynasm-rs.
//!
//! Register roles: `Frame` = rbx, `TState` = r12, `Keep0/1/2` = r14/r15/r13 (all callee-saved),
//! `Ret` = rax, `Arg(0..6)` = rdi, rsi, rdx, rcx, r8, r9, `Tmp0/1` = r10/r11.
//! The emitted code is position independent: helpers are called through an absolute address
//! in a register and all jumps are relative, so the bytes can be copied anywhere.
//!
//! Entry signature: `extern "C" fn(frame, tstate) -> *mut PyObject`.

use crate::ir::{Assembler, Cond, FloatOp, Insn, Mem, Opnd, Reg, Width};
use dynasmrt::x64::X64Relocation;
use dynasmrt::{dynasm, DynamicLabel, DynasmApi, DynasmLabelApi, VecAssembler};

const RAX: u8 = 0;
const R11: u8 = 11;

fn reg(r: Reg) -> u8 {
    match r {
        Reg::Frame => 3,
        Reg::TState => 12,
        Reg::Keep0 => 14,
        Reg::Keep1 => 15,
        Reg::Keep2 => 13,
        Reg::Ret => RAX,
        Reg::Arg(0) => 7,
        Reg::Arg(1) => 6,
        Reg::Arg(2) => 2,
        Reg::Arg(3) => 1,
        Reg::Arg(4) => 8,
        Reg::Arg(5) => 9,
        Reg::Arg(n) => panic!("no argument register {n}"),
        Reg::Tmp0 => 10,
        Reg::Tmp1 => R11,
    }
}

fn fits_i32(v: i64) -> bool {
    v >= i32::MIN as i64 && v <= i32::MAX as i64
}

struct Lowering {
    ops: VecAssembler<X64Relocation>,
    labels: Vec<DynamicLabel>,
    epilogue: DynamicLabel,
}

impl Lowering {
    /// Emits `[REX] opcode ModRM [SIB] [disp]` for a `[base + disp]` operand: dynasm-rs always
    /// encodes dynamic registers with a SIB byte and a 32-bit displacement, which doubles the
    /// size of the frame accesses that make up most of our code.
    fn emit_rm(&mut self, wide: bool, opcode: &[u8], reg: u8, base: u8, disp: i32) {
        let rex = 0x40 | ((wide as u8) << 3) | (((reg >> 3) & 1) << 2) | ((base >> 3) & 1);
        if rex != 0x40 {
            self.ops.push(rex);
        }
        self.ops.extend(opcode.iter().copied());
        let (md, disp_len) = if disp == 0 && base & 7 != 5 {
            (0b00, 0)
        } else if (-128..=127).contains(&disp) {
            (0b01, 1)
        } else {
            (0b10, 4)
        };
        self.ops.push((md << 6) | ((reg & 7) << 3) | (base & 7));
        if base & 7 == 4 {
            // rsp/r12 as base need a SIB byte: no index, base = the register.
            self.ops.push(0x24);
        }
        match disp_len {
            1 => self.ops.push(disp as i8 as u8),
            4 => self.ops.extend((disp as u32).to_le_bytes()),
            _ => {}
        }
    }

    fn mov_imm(&mut self, r: u8, v: i64) {
        if v == 0 {
            dynasm!(self.ops ; .arch x64 ; xor Rd(r), Rd(r));
        } else if v >= 0 && v <= u32::MAX as i64 {
            // mov r32, imm32 (zero-extends)
            if r >= 8 {
                self.ops.push(0x41);
            }
            self.ops.push(0xb8 + (r & 7));
            self.ops.extend((v as u32).to_le_bytes());
        } else {
            dynasm!(self.ops ; .arch x64 ; mov Rq(r), QWORD v);
        }
    }

    fn jcc(&mut self, cond: Cond, l: DynamicLabel) {
        match cond {
            Cond::Eq => dynasm!(self.ops ; .arch x64 ; je =>l),
            Cond::Ne => dynasm!(self.ops ; .arch x64 ; jne =>l),
            Cond::Lt => dynasm!(self.ops ; .arch x64 ; jl =>l),
            Cond::Le => dynasm!(self.ops ; .arch x64 ; jle =>l),
            Cond::Gt => dynasm!(self.ops ; .arch x64 ; jg =>l),
            Cond::Ge => dynasm!(self.ops ; .arch x64 ; jge =>l),
            Cond::Below => dynasm!(self.ops ; .arch x64 ; jb =>l),
            Cond::BelowEq => dynasm!(self.ops ; .arch x64 ; jbe =>l),
            Cond::Above => dynasm!(self.ops ; .arch x64 ; ja =>l),
            Cond::AboveEq => dynasm!(self.ops ; .arch x64 ; jae =>l),
            Cond::Overflow => dynasm!(self.ops ; .arch x64 ; jo =>l),
        }
    }

    fn lower(&mut self, insn: &Insn) {
        match *insn {
            Insn::Bind(l) => {
                let dl = self.labels[l.0 as usize];
                dynasm!(self.ops ; .arch x64 ; =>dl);
            }
            Insn::Mov { dst, src } => match (dst, src) {
                (Opnd::Reg(d), Opnd::Reg(s)) => {
                    if d != s {
                        dynasm!(self.ops ; .arch x64 ; mov Rq(reg(d)), Rq(reg(s)));
                    }
                }
                (Opnd::Reg(d), Opnd::Imm(v)) => self.mov_imm(reg(d), v),
                (Opnd::Reg(d), Opnd::Mem(Mem { base, disp })) => self.emit_rm(true, &[0x8b], reg(d), reg(base), disp),
                (Opnd::Mem(Mem { base, disp }), Opnd::Reg(s)) => self.emit_rm(true, &[0x89], reg(s), reg(base), disp),
                (Opnd::Mem(Mem { base, disp }), Opnd::Imm(v)) => {
                    if fits_i32(v) {
                        self.emit_rm(true, &[0xc7], 0, reg(base), disp);
                        self.ops.extend((v as i32 as u32).to_le_bytes());
                    } else {
                        self.mov_imm(R11, v);
                        self.emit_rm(true, &[0x89], R11, reg(base), disp);
                    }
                }
                (d, s) => panic!("unsupported mov {d:?} <- {s:?}"),
            },
            Insn::Load { dst, src: Mem { base, disp }, width } => match width {
                Width::B8 => self.emit_rm(false, &[0x0f, 0xb6], reg(dst), reg(base), disp),
                Width::B32 => self.emit_rm(false, &[0x8b], reg(dst), reg(base), disp),
                Width::B64 => self.emit_rm(true, &[0x8b], reg(dst), reg(base), disp),
            },
            Insn::Lea { dst, src: Mem { base, disp } } => self.emit_rm(true, &[0x8d], reg(dst), reg(base), disp),
            Insn::Add { dst, src } => match src {
                Opnd::Reg(s) => dynasm!(self.ops ; .arch x64 ; add Rq(reg(dst)), Rq(reg(s))),
                Opnd::Imm(v) if fits_i32(v) => dynasm!(self.ops ; .arch x64 ; add Rq(reg(dst)), v as i32),
                Opnd::Mem(Mem { base, disp }) => self.emit_rm(true, &[0x03], reg(dst), reg(base), disp),
                Opnd::Imm(v) => {
                    self.mov_imm(R11, v);
                    dynasm!(self.ops ; .arch x64 ; add Rq(reg(dst)), r11)
                }
            },
            Insn::Sub { dst, src } => match src {
                Opnd::Reg(s) => dynasm!(self.ops ; .arch x64 ; sub Rq(reg(dst)), Rq(reg(s))),
                Opnd::Imm(v) if fits_i32(v) => dynasm!(self.ops ; .arch x64 ; sub Rq(reg(dst)), v as i32),
                Opnd::Mem(Mem { base, disp }) => self.emit_rm(true, &[0x2b], reg(dst), reg(base), disp),
                Opnd::Imm(v) => {
                    self.mov_imm(R11, v);
                    dynasm!(self.ops ; .arch x64 ; sub Rq(reg(dst)), r11)
                }
            },
            Insn::Imul { dst, src } => match src {
                Opnd::Reg(s) => dynasm!(self.ops ; .arch x64 ; imul Rq(reg(dst)), Rq(reg(s))),
                Opnd::Mem(Mem { base, disp }) => self.emit_rm(true, &[0x0f, 0xaf], reg(dst), reg(base), disp),
                Opnd::Imm(v) => {
                    self.mov_imm(R11, v);
                    dynasm!(self.ops ; .arch x64 ; imul Rq(reg(dst)), r11)
                }
            },
            Insn::Store8 { dst: Mem { base, disp }, imm } => {
                self.emit_rm(false, &[0xc6], 0, reg(base), disp);
                self.ops.push(imm as u8);
            }
            Insn::Store32 { dst: Mem { base, disp }, imm } => {
                self.emit_rm(false, &[0xc7], 0, reg(base), disp);
                self.ops.extend((imm as u32).to_le_bytes());
            }
            Insn::AddMem { dst: Mem { base, disp }, imm } => {
                if imm == 1 {
                    self.emit_rm(true, &[0xff], 0, reg(base), disp); // inc qword
                } else if imm == -1 {
                    self.emit_rm(true, &[0xff], 1, reg(base), disp); // dec qword
                } else if (-128..=127).contains(&imm) {
                    self.emit_rm(true, &[0x83], 0, reg(base), disp);
                    self.ops.push(imm as i8 as u8);
                } else {
                    self.emit_rm(true, &[0x81], 0, reg(base), disp);
                    self.ops.extend((imm as u32).to_le_bytes());
                }
            }
            Insn::Cmp { a, b, width } => self.cmp(a, b, width),
            Insn::Test { a, b } => dynasm!(self.ops ; .arch x64 ; test Rq(reg(a)), Rq(reg(b))),
            Insn::Jcc { cond, target } => {
                let l = self.labels[target.0 as usize];
                self.jcc(cond, l)
            }
            Insn::Jmp { target } => {
                let l = self.labels[target.0 as usize];
                dynasm!(self.ops ; .arch x64 ; jmp =>l);
            }
            Insn::Call { addr } => {
                self.mov_imm(RAX, addr as i64);
                dynasm!(self.ops ; .arch x64 ; call rax);
            }
            Insn::FloatLoad { src: Mem { base, disp } } => {
                // movsd xmm0, [base + disp]
                self.ops.push(0xf2);
                self.emit_rm(false, &[0x0f, 0x10], 0, reg(base), disp);
            }
            Insn::FloatCmp { src: Mem { base, disp } } => {
                // ucomisd xmm0, [base + disp]
                self.ops.push(0x66);
                self.emit_rm(false, &[0x0f, 0x2e], 0, reg(base), disp);
            }
            Insn::FloatStore { dst: Mem { base, disp } } => {
                // movsd [base + disp], xmm0
                self.ops.push(0xf2);
                self.emit_rm(false, &[0x0f, 0x11], 0, reg(base), disp);
            }
            Insn::FloatArith { op, src: Mem { base, disp } } => {
                let opcode = match op {
                    FloatOp::Add => 0x58,
                    FloatOp::Mul => 0x59,
                    FloatOp::Sub => 0x5c,
                    FloatOp::Div => 0x5e,
                };
                // {add,mul,sub,div}sd xmm0, [base + disp]
                self.ops.push(0xf2);
                self.emit_rm(false, &[0x0f, opcode], 0, reg(base), disp);
            }
            Insn::Return => {
                let l = self.epilogue;
                dynasm!(self.ops ; .arch x64 ; jmp =>l);
            }
        }
    }

    fn cmp(&mut self, a: Opnd, b: Opnd, width: Width) {
        match (a, b) {
            (Opnd::Reg(a), Opnd::Reg(b)) => dynasm!(self.ops ; .arch x64 ; cmp Rq(reg(a)), Rq(reg(b))),
            (Opnd::Reg(a), Opnd::Imm(v)) if fits_i32(v) => {
                let r = reg(a);
                self.ops.push(0x48 | ((r >> 3) & 1));
                if (-128..=127).contains(&v) {
                    self.ops.extend([0x83, 0xf8 | (r & 7), v as i8 as u8]);
                } else {
                    self.ops.extend([0x81, 0xf8 | (r & 7)]);
                    self.ops.extend((v as i32 as u32).to_le_bytes());
                }
            }
            (Opnd::Reg(a), Opnd::Imm(v)) => {
                self.mov_imm(R11, v);
                dynasm!(self.ops ; .arch x64 ; cmp Rq(reg(a)), r11)
            }
            (Opnd::Reg(a), Opnd::Mem(Mem { base, disp })) => self.emit_rm(true, &[0x3b], reg(a), reg(base), disp),
            (Opnd::Mem(Mem { base, disp }), Opnd::Reg(b)) => self.emit_rm(true, &[0x39], reg(b), reg(base), disp),
            (Opnd::Mem(Mem { base, disp }), Opnd::Imm(v)) => match width {
                Width::B8 => {
                    self.emit_rm(false, &[0x80], 7, reg(base), disp);
                    self.ops.push(v as i8 as u8);
                }
                Width::B32 | Width::B64 => {
                    assert!(fits_i32(v), "compare with a wide immediate");
                    let wide = width == Width::B64;
                    if (-128..=127).contains(&v) {
                        self.emit_rm(wide, &[0x83], 7, reg(base), disp);
                        self.ops.push(v as i8 as u8);
                    } else {
                        self.emit_rm(wide, &[0x81], 7, reg(base), disp);
                        self.ops.extend((v as i32 as u32).to_le_bytes());
                    }
                }
            },
            (a, b) => panic!("unsupported cmp {a:?}, {b:?}"),
        }
    }
}

/// Lowers `asm` to machine code: prologue, hot stream, cold stream, epilogue.
pub fn assemble(asm: &Assembler) -> Vec<u8> {
    // Roughly 4 bytes per IR instruction; a label is referenced about once.
    let n_insns = asm.hot.len() + asm.cold.len();
    let n_labels = asm.label_count() as usize + 1;
    let mut ops = VecAssembler::<X64Relocation>::new_with_capacity(0, 4 * n_insns + 64, 0, 0, n_labels, 0, n_labels);
    let labels: Vec<DynamicLabel> = (0..asm.label_count()).map(|_| ops.new_dynamic_label()).collect();
    let epilogue = ops.new_dynamic_label();
    let mut l = Lowering { ops, labels, epilogue };
    // Six pushes and 8 bytes of padding after the return address keep rsp 16-byte aligned at
    // every call.
    dynasm!(l.ops
        ; .arch x64
        ; push rbp
        ; mov rbp, rsp
        ; push rbx
        ; push r12
        ; push r13
        ; push r14
        ; push r15
        ; sub rsp, 8
        ; mov rbx, rdi
        ; mov r12, rsi
    );
    for insn in asm.hot.iter().chain(asm.cold.iter()) {
        l.lower(insn);
    }
    let ep = l.epilogue;
    dynasm!(l.ops
        ; .arch x64
        ; =>ep
        ; add rsp, 8
        ; pop r15
        ; pop r14
        ; pop r13
        ; pop r12
        ; pop rbx
        ; pop rbp
        ; ret
    );
    l.ops.finalize().expect("all labels bound")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Assembler, Mem, Reg};

    #[test]
    fn prologue_and_epilogue_bytes() {
        let code = assemble(&Assembler::new());
        // push rbp; mov rbp,rsp; push rbx; push r12; push r13; push r14; push r15; sub rsp,8;
        // mov rbx,rdi; mov r12,rsi
        assert_eq!(
            &code[..PROLOGUE],
            &[
                0x55, 0x48, 0x89, 0xe5, 0x53, 0x41, 0x54, 0x41, 0x55, 0x41, 0x56, 0x41, 0x57, 0x48, 0x83, 0xec, 0x08,
                0x48, 0x89, 0xfb, 0x49, 0x89, 0xf4
            ]
        );
        // add rsp,8; pop r15; pop r14; pop r13; pop r12; pop rbx; pop rbp; ret
        assert_eq!(
            &code[PROLOGUE..],
            &[0x48, 0x83, 0xc4, 0x08, 0x41, 0x5f, 0x41, 0x5e, 0x41, 0x5d, 0x41, 0x5c, 0x5b, 0x5d, 0xc3]
        );
    }

    const PROLOGUE: usize = 23;
    const EPILOGUE: usize = 15;

    fn strip(code: Vec<u8>) -> Vec<u8> {
        code[PROLOGUE..code.len() - EPILOGUE].to_vec()
    }

    #[test]
    fn incref_is_inc_qword() {
        let mut a = Assembler::new();
        a.incref(Reg::Ret);
        // inc qword [rax]
        assert_eq!(strip(assemble(&a)), vec![0x48, 0xff, 0x00]);
    }

    #[test]
    fn frame_slot_load_and_store() {
        let mut a = Assembler::new();
        a.mov(Reg::Arg(0), Mem::new(Reg::Frame, 72));
        a.mov(Mem::new(Reg::Frame, 80), Reg::Ret);
        // mov rdi, [rbx+72]; mov [rbx+80], rax
        assert_eq!(strip(assemble(&a)), vec![0x48, 0x8b, 0x7b, 0x48, 0x48, 0x89, 0x43, 0x50]);
    }

    #[test]
    fn tstate_base_needs_sib() {
        let mut a = Assembler::new();
        a.mov(Reg::Ret, Mem::new(Reg::TState, 56));
        // mov rax, [r12+56]
        assert_eq!(strip(assemble(&a)), vec![0x49, 0x8b, 0x44, 0x24, 0x38]);
    }

    #[test]
    fn far_slot_uses_disp32_and_r13_base_needs_disp8() {
        let mut a = Assembler::new();
        a.mov(Reg::Keep0, Mem::new(Reg::Frame, 200));
        a.mov(Reg::Ret, Mem::new(Reg::Keep2, 0));
        // mov r14, [rbx+200]; mov rax, [r13+0]
        assert_eq!(
            strip(assemble(&a)),
            vec![0x4c, 0x8b, 0xb3, 0xc8, 0x00, 0x00, 0x00, 0x49, 0x8b, 0x45, 0x00]
        );
    }

    #[test]
    fn stacktop_store_is_32_bit() {
        let mut a = Assembler::new();
        a.push(crate::ir::Insn::Store32 { dst: Mem::new(Reg::Frame, 64), imm: -1 });
        // mov dword [rbx+64], -1
        assert_eq!(strip(assemble(&a)), vec![0xc7, 0x43, 0x40, 0xff, 0xff, 0xff, 0xff]);
    }

    #[test]
    fn float_accumulator_ops() {
        let mut a = Assembler::new();
        a.float_load(Mem::new(Reg::Keep0, 16));
        a.float_arith(crate::ir::FloatOp::Mul, Mem::new(Reg::Keep1, 16));
        // movsd xmm0, [r14+16]; mulsd xmm0, [r15+16]
        assert_eq!(
            strip(assemble(&a)),
            vec![0xf2, 0x41, 0x0f, 0x10, 0x46, 0x10, 0xf2, 0x41, 0x0f, 0x59, 0x47, 0x10]
        );
    }

    #[test]
    fn call_absolute_through_rax() {
        let mut a = Assembler::new();
        a.call(0x1122_3344_5566_7788);
        // mov rax, imm64; call rax
        assert_eq!(
            strip(assemble(&a)),
            vec![0x48, 0xb8, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0xff, 0xd0]
        );
    }

    #[test]
    fn forward_jump_resolves() {
        let mut a = Assembler::new();
        let l = a.new_label();
        a.cmp(Reg::Ret, Opnd::Imm(0));
        a.jcc(Cond::Eq, l);
        a.mov(Reg::Ret, Opnd::Imm(1));
        a.bind(l);
        let code = strip(assemble(&a));
        // cmp rax, 0 (48 83 f8 00); je +5 (0f 84 05 00 00 00); mov eax, 1 (b8 01 00 00 00)
        assert_eq!(code, vec![0x48, 0x83, 0xf8, 0x00, 0x0f, 0x84, 0x05, 0x00, 0x00, 0x00, 0xb8, 0x01, 0x00, 0x00, 0x00]);
    }
}
