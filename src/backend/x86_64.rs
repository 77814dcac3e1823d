//! x86-64 (System V) lowering of the IR, encoded by hand.
//!
//! Register roles: `Frame` = rbx, `TState` = r12, `Keep0/1/2` = r14/r15/r13 (all callee-saved),
//! `Ret` = rax, `Arg(0..6)` = rdi, rsi, rdx, rcx, r8, r9, `Tmp0/1` = r10/r11.
//! The emitted code is position independent but for `call rel32` to helpers within reach of
//! the code region (`codemem::call_reachable`), which the code memory patches at install;
//! other helpers are called through an absolute address in a register.
//!
//! The IR needs about twenty encodings, so they are written out here instead of going through
//! dynasm-rs: its per-instruction buffer handling, dynamic labels and relocation pass made
//! lowering 60% of compile time (callgrind over the standard library: 174 M of 270 M
//! instructions, about 140 per IR instruction). Jumps use rel8 when they reach: backward ones
//! by their distance, forward ones by a guess from the IR that is checked when labels are
//! patched in one pass at the end (a miss lowers the function again, measuring each jump).
//!
//! Entry signature: `extern "C" fn(frame, tstate) -> *mut PyObject`.

use crate::ir::{Assembler, Cond, FloatOp, Insn, Mem, Opnd, Reg, Width};
use crate::codemem::MachineCode;

const RAX: u8 = 0;
const R11: u8 = 11;

#[inline(always)]
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
        Reg::StackPtr => 4,
    }
}

fn fits_i32(v: i64) -> bool {
    v >= i32::MIN as i64 && v <= i32::MAX as i64
}

fn fits_i8(v: i64) -> bool {
    (-128..=127).contains(&v)
}

/// The `cc` nibble of `jcc`/`setcc`.
fn cc(cond: Cond) -> u8 {
    match cond {
        Cond::Overflow => 0x0,
        Cond::Below => 0x2,
        Cond::AboveEq => 0x3,
        Cond::Eq => 0x4,
        Cond::Ne => 0x5,
        Cond::BelowEq => 0x6,
        Cond::Above => 0x7,
        Cond::Lt => 0xc,
        Cond::Ge => 0xd,
        Cond::Le => 0xe,
        Cond::Gt => 0xf,
    }
}

/// `opcode /ext` register-immediate forms (group 1).
const ALU_ADD: u8 = 0;
const ALU_SUB: u8 = 5;
const ALU_CMP: u8 = 7;
const ALU_AND: u8 = 4;
const ALU_OR: u8 = 1;
const ALU_XOR: u8 = 6;

/// Unbound label.
const UNBOUND: u32 = u32::MAX;

struct Lowering<'a> {
    /// The IR being lowered, hot then cold: forward jumps measure the instructions they skip.
    hot: &'a [Insn],
    cold: &'a [Insn],
    code: Vec<u8>,
    /// Offset of each bound label, `UNBOUND` before its `Bind`.
    labels: Vec<u32>,
    /// `(offset of a rel32 field, label)` to patch once every label is bound.
    fixups: Vec<(u32, u32)>,
    /// `(offset of a rel8 field, label)` of forward jumps emitted short (see [`ForwardJumps`]).
    short_fixups: Vec<(u32, u32)>,
    /// `(offset of the rel32 field, target)` of each `call rel32`.
    calls: Vec<(u32, usize)>,
    /// Position in the IR (hot then cold) of each label's `Bind`, and of the instruction being
    /// lowered, for choosing the length of forward jumps (see [`ForwardJumps`]).
    bind_at: &'a [u32],
    at: u32,
    forward: ForwardJumps,
    epilogue: u32,
}

/// `cond` of an unconditional jump in [`Lowering::jump`].
const JMP: u8 = 0xff;

/// How forward jumps choose between rel8 and rel32 before their target is placed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ForwardJumps {
    /// rel8 when the target is bound at most this many IR instructions later: IR instructions
    /// average about 4 bytes (Flask: 5.4 MB from 1.35 M), so [`NEAR_IR`] of them almost always
    /// fit in 127 bytes. The guess
    /// is checked when the labels are patched; a miss lowers the function again, measuring.
    Guess(u32),
    /// rel8 when the skipped instructions' [`max_len`]s add up to at most 127 bytes: never
    /// misses, but costs a walk over them per jump.
    Measure,
    /// Always rel32.
    Long,
}

/// The guess of [`ForwardJumps::Guess`]. Over Flask's 676 compiled functions, 24 missed none
/// (28 missed in 5, 32 in 73) and left 1.7% less code than 8; over 26 standard-library
/// modules at threshold 0, none and 1.4% less.
const NEAR_IR: u32 = 24;

/// [`ForwardJumps::Measure`] does not measure jumps that skip more IR instructions than this:
/// a bound on the work per jump (few IR instructions encode in under 3 bytes, and `Bind`s are
/// rare, so 48 of them almost never fit in 127 bytes).
const MEASURE_IR_LIMIT: u32 = 48;

/// An upper bound on the bytes [`Lowering::lower`] emits for `insn`, from its operands (a jump
/// counts its long form). Forward jumps are sized from it before their target is placed, so it
/// must never be below the real length; the backend tests check it for every form.
fn max_len(insn: &Insn) -> u32 {
    // `[REX] opcode ModRM [SIB] disp`
    fn rm(opcode_len: u32, m: Mem) -> u32 {
        3 + opcode_len + if fits_i8(m.disp as i64) { 1 } else { 4 }
    }
    fn mov_imm(v: i64) -> u32 {
        if v >= 0 && v <= u32::MAX as i64 {
            6
        } else if fits_i32(v) {
            7
        } else {
            10
        }
    }
    fn imm(v: i64) -> u32 {
        if fits_i8(v) { 1 } else { 4 }
    }
    // A register, memory or immediate source of a two-operand instruction.
    fn src(s: Opnd) -> u32 {
        match s {
            Opnd::Reg(_) => 3,
            Opnd::Mem(m) => rm(2, m),
            Opnd::Imm(v) if fits_i32(v) => 3 + imm(v),
            Opnd::Imm(v) => mov_imm(v) + 4,
        }
    }
    match *insn {
        Insn::Bind(_) => 0,
        Insn::Mov { dst: Opnd::Mem(m), src: Opnd::Imm(v) } => {
            if fits_i32(v) { rm(1, m) + 4 } else { mov_imm(v) + rm(1, m) }
        }
        Insn::Mov { dst: Opnd::Mem(m), .. } => rm(1, m),
        Insn::Mov { src: Opnd::Imm(v), .. } => mov_imm(v),
        Insn::Mov { src: s, .. } => src(s),
        Insn::Load { src: m, .. } | Insn::Lea { src: m, .. } | Insn::StoreReg8 { dst: m, .. } | Insn::StoreReg32 { dst: m, .. } => rm(2, m),
        Insn::Add { src: s, .. } | Insn::Sub { src: s, .. } | Insn::And { src: s, .. } | Insn::Or { src: s, .. } | Insn::Xor { src: s, .. } => src(s),
        Insn::Imul { src: s, .. } => src(s) + 1,
        Insn::Shl { .. } | Insn::Sar { .. } | Insn::Test { .. } | Insn::CallReg { .. } => 3,
        Insn::DivRem { .. } | Insn::FloatLoadInt { .. } => 5,
        Insn::Store8 { dst: m, .. } => rm(1, m) + 1,
        Insn::Store32 { dst: m, .. } | Insn::AddMem { dst: m, .. } | Insn::AddMem32 { dst: m, .. } => rm(1, m) + 4,
        Insn::Cmp { a: Opnd::Mem(m), b: Opnd::Imm(v), .. } => rm(1, m) + imm(v),
        Insn::Cmp { a: Opnd::Mem(m), .. } => rm(1, m),
        Insn::Cmp { b, .. } => src(b),
        Insn::Jcc { .. } => 6,
        Insn::Jmp { .. } | Insn::Return => 5,
        Insn::Call { addr } => if crate::codemem::call_reachable(addr) { 5 } else { 12 },
        Insn::LoadAbs { addr, .. } => if crate::codemem::call_reachable(addr) { 7 } else { 10 + 8 },
        Insn::FloatLoad { src: m } | Insn::FloatCmp { src: m } | Insn::FloatStore { dst: m } | Insn::FloatArith { src: m, .. } => 1 + rm(2, m),
        Insn::FloatArithInt { .. } => 9,
    }
}

impl Lowering<'_> {
    #[inline(always)]
    fn put(&mut self, bytes: &[u8]) {
        self.code.extend_from_slice(bytes);
    }

    /// Appends the first `n` bytes of `buf`: a fixed-size copy and a truncation, which compile
    /// to a few moves where a copy of variable length would call `memcpy`.
    #[inline(always)]
    fn put_prefix(&mut self, buf: &[u8; 16], n: usize) {
        let len = self.code.len();
        self.code.extend_from_slice(buf);
        self.code.truncate(len + n);
    }

    /// Emits `[REX] opcode ModRM [SIB] [disp]` for a `[base + disp]` operand, with the
    /// shortest displacement (most of our code is frame accesses).
    fn emit_rm(&mut self, wide: bool, opcode: &[u8], reg: u8, base: u8, disp: i32) {
        self.emit_rm_rex(wide, false, opcode, reg, base, disp)
    }

    /// [`Self::emit_rm`], with a REX prefix even when it has no bit set (`force_rex`): a byte
    /// operand in `reg` 4-7 then means `spl`/`bpl`/`sil`/`dil`, not `ah`/`ch`/`dh`/`bh`.
    fn emit_rm_rex(&mut self, wide: bool, force_rex: bool, opcode: &[u8], reg: u8, base: u8, disp: i32) {
        // Built on the stack and appended at once: one capacity check per instruction.
        let mut buf = [0u8; 16];
        let mut n = 0;
        let rex = 0x40 | ((wide as u8) << 3) | (((reg >> 3) & 1) << 2) | ((base >> 3) & 1);
        if rex != 0x40 || force_rex {
            buf[n] = rex;
            n += 1;
        }
        for &b in opcode {
            buf[n] = b;
            n += 1;
        }
        let (md, disp_len) = if disp == 0 && base & 7 != 5 {
            (0b00, 0)
        } else if fits_i8(disp as i64) {
            (0b01, 1)
        } else {
            (0b10, 4)
        };
        buf[n] = (md << 6) | ((reg & 7) << 3) | (base & 7);
        n += 1;
        if base & 7 == 4 {
            // rsp/r12 as base need a SIB byte: no index, base = the register.
            buf[n] = 0x24;
            n += 1;
        }
        let d = disp.to_le_bytes();
        buf[n] = d[0];
        buf[n + 1] = d[1];
        buf[n + 2] = d[2];
        buf[n + 3] = d[3];
        n += disp_len;
        self.put_prefix(&buf, n);
    }

    /// `op r/m64, r64` between registers (`mov` 89, `add` 01, `sub` 29, `cmp` 39, `test` 85).
    fn emit_rr(&mut self, opcode: u8, dst: u8, src: u8) {
        let rex = 0x48 | (((src >> 3) & 1) << 2) | ((dst >> 3) & 1);
        self.put(&[rex, opcode, 0xc0 | ((src & 7) << 3) | (dst & 7)]);
    }

    /// Group-1 `op r64, imm` (`add`, `sub`, `cmp`) with a sign-extended 8- or 32-bit immediate.
    fn emit_alu_imm(&mut self, ext: u8, dst: u8, v: i32) {
        let rex = 0x48 | ((dst >> 3) & 1);
        let modrm = 0xc0 | (ext << 3) | (dst & 7);
        if fits_i8(v as i64) {
            self.put(&[rex, 0x83, modrm, v as i8 as u8]);
        } else {
            let b = v.to_le_bytes();
            self.put(&[rex, 0x81, modrm, b[0], b[1], b[2], b[3]]);
        }
    }

    fn mov_imm(&mut self, r: u8, v: i64) {
        if v == 0 {
            // xor r32, r32
            let modrm = 0xc0 | ((r & 7) << 3) | (r & 7);
            if r >= 8 {
                self.put(&[0x45, 0x31, modrm]);
            } else {
                self.put(&[0x31, modrm]);
            }
        } else if v >= 0 && v <= u32::MAX as i64 {
            // mov r32, imm32 (zero-extends)
            let b = (v as u32).to_le_bytes();
            if r >= 8 {
                self.put(&[0x41, 0xb8 + (r & 7), b[0], b[1], b[2], b[3]]);
            } else {
                self.put(&[0xb8 + (r & 7), b[0], b[1], b[2], b[3]]);
            }
        } else if v < 0 && fits_i32(v) {
            // mov r64, simm32
            let b = (v as i32).to_le_bytes();
            self.put(&[0x48 | ((r >> 3) & 1), 0xc7, 0xc0 | (r & 7), b[0], b[1], b[2], b[3]]);
        } else if crate::codemem::call_reachable(v as usize) {
            // lea r64, [rip + rel32]: 7 bytes instead of 10 for an address near the code (this
            // extension's statics, CPython's types when libpython is mapped nearby). The field
            // ends the instruction, so it is patched at install exactly as a call's.
            self.put(&[0x48 | ((r >> 3) & 1) << 2, 0x8d, ((r & 7) << 3) | 0b101]);
            self.calls.push((self.code.len() as u32, v as usize));
            self.put(&[0, 0, 0, 0]);
        } else {
            // mov r64, imm64
            let b = (v as u64).to_le_bytes();
            self.put(&[0x48 | ((r >> 3) & 1), 0xb8 + (r & 7), b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        }
    }

    /// A jump to `label` (`cond`: a `jcc` condition or [`JMP`]): rel8 when the target is
    /// bound and in reach, or is bound a few IR instructions later; rel32 otherwise.
    fn jump(&mut self, label: u32, cond: u8) {
        let target = self.labels[label as usize];
        let short_op = if cond == JMP { 0xeb } else { 0x70 | cond };
        if target != UNBOUND {
            let rel8 = target as i64 - (self.code.len() as i64 + 2);
            if fits_i8(rel8) {
                self.put(&[short_op, rel8 as i8 as u8]);
                return;
            }
        } else if self.forward_reaches_rel8(label) {
            self.put(&[short_op]);
            self.short_fixups.push((self.code.len() as u32, label));
            self.put(&[0]);
            return;
        }
        if cond == JMP {
            self.put(&[0xe9]);
        } else {
            self.put(&[0x0f, 0x80 | cond]);
        }
        let at = self.code.len();
        self.put(&[0, 0, 0, 0]);
        if target != UNBOUND {
            let rel32 = target as i64 - (at as i64 + 4);
            self.code[at..at + 4].copy_from_slice(&(rel32 as i32).to_le_bytes());
        } else {
            self.fixups.push((at as u32, label));
        }
    }

    /// True if `label` is bound, in the current instruction's stream, before any other
    /// instruction follows it: a jump there is dropped (codegen joins paths with such jumps
    /// when the other path went to cold code).
    fn jumps_to_next(&self, label: u32) -> bool {
        let hot = self.hot.len() as u32;
        let rest = if self.at < hot { &self.hot[self.at as usize + 1..] } else { &self.cold[(self.at - hot) as usize + 1..] };
        rest.iter().map_while(|insn| if let Insn::Bind(l) = insn { Some(l.0) } else { None }).any(|l| l == label)
    }

    /// Whether a forward jump to `label` (bound later in the IR, or not at all) takes the rel8
    /// form, by [`Self::forward`].
    fn forward_reaches_rel8(&self, label: u32) -> bool {
        let target = self.bind_at[label as usize];
        if target <= self.at {
            return false;
        }
        match self.forward {
            ForwardJumps::Guess(near) => target - self.at <= near,
            ForwardJumps::Measure if target - self.at <= MEASURE_IR_LIMIT => {
                let hot = self.hot.len() as u32;
                let mut bytes = 0;
                for p in self.at + 1..target {
                    let insn = if p < hot { &self.hot[p as usize] } else { &self.cold[(p - hot) as usize] };
                    bytes += max_len(insn);
                    if bytes > 127 {
                        return false;
                    }
                }
                true
            }
            ForwardJumps::Measure | ForwardJumps::Long => false,
        }
    }

    fn bind(&mut self, label: u32) {
        self.labels[label as usize] = self.code.len() as u32;
    }

    fn jcc(&mut self, cond: Cond, label: u32) {
        self.jump(label, cc(cond));
    }

    fn jmp(&mut self, label: u32) {
        self.jump(label, JMP);
    }

    /// Patches the forward jumps; `false` if a rel8 guess did not reach its target.
    fn patch(&mut self) -> bool {
        for &(at, label) in &self.fixups {
            let target = self.labels[label as usize];
            assert!(target != UNBOUND, "label {label} never bound");
            let rel = target as i64 - (at as i64 + 4);
            self.code[at as usize..at as usize + 4].copy_from_slice(&(rel as i32).to_le_bytes());
        }
        for &(at, label) in &self.short_fixups {
            let rel = self.labels[label as usize] as i64 - (at as i64 + 1);
            if !fits_i8(rel) {
                return false;
            }
            self.code[at as usize] = rel as i8 as u8;
        }
        true
    }

    #[inline(always)]
    fn lower(&mut self, insn: &Insn) {
        match *insn {
            Insn::Bind(l) => self.bind(l.0),
            Insn::Mov { dst, src } => match (dst, src) {
                (Opnd::Reg(d), Opnd::Reg(s)) => {
                    if d != s {
                        self.emit_rr(0x89, reg(d), reg(s));
                    }
                }
                (Opnd::Reg(d), Opnd::Imm(v)) => self.mov_imm(reg(d), v),
                (Opnd::Reg(d), Opnd::Mem(Mem { base, disp })) => self.emit_rm(true, &[0x8b], reg(d), reg(base), disp),
                (Opnd::Mem(Mem { base, disp }), Opnd::Reg(s)) => self.emit_rm(true, &[0x89], reg(s), reg(base), disp),
                (Opnd::Mem(Mem { base, disp }), Opnd::Imm(v)) => {
                    if fits_i32(v) {
                        self.emit_rm(true, &[0xc7], 0, reg(base), disp);
                        self.put(&(v as i32).to_le_bytes());
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
            Insn::Add { dst, src } => self.alu(ALU_ADD, 0x01, 0x03, reg(dst), src),
            Insn::Sub { dst, src } => self.alu(ALU_SUB, 0x29, 0x2b, reg(dst), src),
            Insn::And { dst, src } => self.alu(ALU_AND, 0x21, 0x23, reg(dst), src),
            Insn::Or { dst, src } => self.alu(ALU_OR, 0x09, 0x0b, reg(dst), src),
            Insn::Xor { dst, src } => self.alu(ALU_XOR, 0x31, 0x33, reg(dst), src),
            Insn::Shl { dst } | Insn::Sar { dst } => {
                let d = reg(dst);
                assert!(d != 1, "shift of the count register");
                let ext = if matches!(insn, Insn::Shl { .. }) { 4 } else { 7 };
                // shl/sar r64, cl
                self.put(&[0x48 | ((d >> 3) & 1), 0xd3, 0xc0 | (ext << 3) | (d & 7)]);
            }
            Insn::DivRem { divisor } => {
                let d = reg(divisor);
                assert!(d != RAX && d != 2, "division by {divisor:?}");
                // cqo; idiv r64
                self.put(&[0x48, 0x99, 0x48 | ((d >> 3) & 1), 0xf7, 0xf8 | (d & 7)]);
            }
            Insn::Imul { dst, src } => {
                let d = reg(dst);
                let s = match src {
                    Opnd::Reg(s) => reg(s),
                    Opnd::Mem(Mem { base, disp }) => return self.emit_rm(true, &[0x0f, 0xaf], d, reg(base), disp),
                    Opnd::Imm(v) if fits_i32(v) => {
                        // imul r64, r/m64, imm8 / imm32 (6B /r ib, 69 /r id), r/m = destination
                        let rex = 0x48 | (((d >> 3) & 1) << 2) | ((d >> 3) & 1);
                        let modrm = 0xc0 | ((d & 7) << 3) | (d & 7);
                        if fits_i8(v) {
                            self.put(&[rex, 0x6b, modrm, v as i8 as u8]);
                        } else {
                            let b = (v as i32).to_le_bytes();
                            self.put(&[rex, 0x69, modrm, b[0], b[1], b[2], b[3]]);
                        }
                        return;
                    }
                    Opnd::Imm(v) => {
                        self.mov_imm(R11, v);
                        R11
                    }
                };
                // imul r64, r/m64: reg = destination
                let rex = 0x48 | (((d >> 3) & 1) << 2) | ((s >> 3) & 1);
                self.put(&[rex, 0x0f, 0xaf, 0xc0 | ((d & 7) << 3) | (s & 7)]);
            }
            Insn::Store8 { dst: Mem { base, disp }, imm } => {
                self.emit_rm(false, &[0xc6], 0, reg(base), disp);
                self.put(&[imm as u8]);
            }
            Insn::StoreReg8 { dst: Mem { base, disp }, src } => self.emit_rm_rex(false, true, &[0x88], reg(src), reg(base), disp),
            Insn::StoreReg32 { dst: Mem { base, disp }, src } => self.emit_rm(false, &[0x89], reg(src), reg(base), disp),
            Insn::Store32 { dst: Mem { base, disp }, imm } => {
                self.emit_rm(false, &[0xc7], 0, reg(base), disp);
                self.put(&imm.to_le_bytes());
            }
            Insn::AddMem { dst: Mem { base, disp }, imm } => {
                if imm == 1 {
                    self.emit_rm(true, &[0xff], 0, reg(base), disp); // inc qword
                } else if imm == -1 {
                    self.emit_rm(true, &[0xff], 1, reg(base), disp); // dec qword
                } else if fits_i8(imm as i64) {
                    self.emit_rm(true, &[0x83], 0, reg(base), disp);
                    self.put(&[imm as i8 as u8]);
                } else {
                    self.emit_rm(true, &[0x81], 0, reg(base), disp);
                    self.put(&imm.to_le_bytes());
                }
            }
            Insn::AddMem32 { dst: Mem { base, disp }, imm } => {
                if fits_i8(imm as i64) {
                    self.emit_rm(false, &[0x83], 0, reg(base), disp);
                    self.put(&[imm as i8 as u8]);
                } else {
                    self.emit_rm(false, &[0x81], 0, reg(base), disp);
                    self.put(&imm.to_le_bytes());
                }
            }
            Insn::Cmp { a, b, width } => self.cmp(a, b, width),
            Insn::Test { a, b } => self.emit_rr(0x85, reg(a), reg(b)),
            Insn::Jcc { cond, target } => self.jcc(cond, target.0),
            Insn::Jmp { target } => {
                if !self.jumps_to_next(target.0) {
                    self.jmp(target.0)
                }
            }
            Insn::Call { addr } => {
                if crate::codemem::call_reachable(addr) {
                    // call rel32, patched when the code is installed
                    self.put(&[0xe8]);
                    self.calls.push((self.code.len() as u32, addr));
                    self.put(&[0, 0, 0, 0]);
                } else {
                    self.mov_imm(RAX, addr as i64);
                    self.put(&[0xff, 0xd0]); // call rax
                }
            }
            Insn::LoadAbs { dst, addr } => {
                let d = reg(dst);
                if crate::codemem::call_reachable(addr) {
                    // mov r64, [rip + rel32]: the field ends the instruction, so it is patched
                    // at install exactly as a call's.
                    self.put(&[0x48 | ((d >> 3) & 1) << 2, 0x8b, ((d & 7) << 3) | 0b101]);
                    self.calls.push((self.code.len() as u32, addr));
                    self.put(&[0, 0, 0, 0]);
                } else {
                    self.mov_imm(d, addr as i64);
                    self.emit_rm(true, &[0x8b], d, d, 0);
                }
            }
            Insn::CallReg { target } => {
                let r = reg(target);
                assert!(r != RAX && r != 4, "call through {target:?}");
                if r >= 8 {
                    self.put(&[0x41]);
                }
                self.put(&[0xff, 0xd0 | (r & 7)]); // call r64
            }
            Insn::FloatLoad { src: Mem { base, disp } } => {
                // movsd xmm0, [base + disp]
                self.put(&[0xf2]);
                self.emit_rm(false, &[0x0f, 0x10], 0, reg(base), disp);
            }
            Insn::FloatCmp { src: Mem { base, disp } } => {
                // ucomisd xmm0, [base + disp]
                self.put(&[0x66]);
                self.emit_rm(false, &[0x0f, 0x2e], 0, reg(base), disp);
            }
            Insn::FloatStore { dst: Mem { base, disp } } => {
                // movsd [base + disp], xmm0
                self.put(&[0xf2]);
                self.emit_rm(false, &[0x0f, 0x11], 0, reg(base), disp);
            }
            Insn::FloatArith { op, src: Mem { base, disp } } => {
                // {add,mul,sub,div}sd xmm0, [base + disp]
                self.put(&[0xf2]);
                self.emit_rm(false, &[0x0f, float_opcode(op)], 0, reg(base), disp);
            }
            Insn::FloatLoadInt { src } => {
                // cvtsi2sd xmm0, r64
                let r = reg(src);
                self.put(&[0xf2, 0x48 | ((r >> 3) & 1), 0x0f, 0x2a, 0xc0 | (r & 7)]);
            }
            Insn::FloatArithInt { op, src } => {
                // cvtsi2sd xmm1, r64; {add,mul,sub,div}sd xmm0, xmm1
                let r = reg(src);
                self.put(&[0xf2, 0x48 | ((r >> 3) & 1), 0x0f, 0x2a, 0xc8 | (r & 7)]);
                self.put(&[0xf2, 0x0f, float_opcode(op), 0xc1]);
            }
            Insn::Return => self.jmp(self.epilogue),
        }
    }

    /// `add`/`sub` of a register, memory or immediate source into `d`.
    fn alu(&mut self, ext: u8, rr_opcode: u8, rm_opcode: u8, d: u8, src: Opnd) {
        match src {
            Opnd::Reg(s) => self.emit_rr(rr_opcode, d, reg(s)),
            Opnd::Imm(v) if fits_i32(v) => self.emit_alu_imm(ext, d, v as i32),
            Opnd::Mem(Mem { base, disp }) => self.emit_rm(true, &[rm_opcode], d, reg(base), disp),
            Opnd::Imm(v) => {
                self.mov_imm(R11, v);
                self.emit_rr(rr_opcode, d, R11);
            }
        }
    }

    fn cmp(&mut self, a: Opnd, b: Opnd, width: Width) {
        match (a, b) {
            (Opnd::Reg(a), Opnd::Reg(b)) => self.emit_rr(0x39, reg(a), reg(b)),
            (Opnd::Reg(a), Opnd::Imm(v)) if fits_i32(v) => self.emit_alu_imm(ALU_CMP, reg(a), v as i32),
            (Opnd::Reg(a), Opnd::Imm(v)) => {
                self.mov_imm(R11, v);
                self.emit_rr(0x39, reg(a), R11);
            }
            (Opnd::Reg(a), Opnd::Mem(Mem { base, disp })) => self.emit_rm(true, &[0x3b], reg(a), reg(base), disp),
            (Opnd::Mem(Mem { base, disp }), Opnd::Reg(b)) => self.emit_rm(true, &[0x39], reg(b), reg(base), disp),
            (Opnd::Mem(Mem { base, disp }), Opnd::Imm(v)) => match width {
                Width::B8 => {
                    self.emit_rm(false, &[0x80], 7, reg(base), disp);
                    self.put(&[v as i8 as u8]);
                }
                Width::B32 | Width::B64 => {
                    assert!(fits_i32(v), "compare with a wide immediate");
                    let wide = width == Width::B64;
                    if fits_i8(v) {
                        self.emit_rm(wide, &[0x83], 7, reg(base), disp);
                        self.put(&[v as i8 as u8]);
                    } else {
                        self.emit_rm(wide, &[0x81], 7, reg(base), disp);
                        self.put(&(v as i32).to_le_bytes());
                    }
                }
            },
            (a, b) => panic!("unsupported cmp {a:?}, {b:?}"),
        }
    }
}

/// The second opcode byte of `{add,mul,sub,div}sd`.
fn float_opcode(op: FloatOp) -> u8 {
    match op {
        FloatOp::Add => 0x58,
        FloatOp::Mul => 0x59,
        FloatOp::Sub => 0x5c,
        FloatOp::Div => 0x5e,
    }
}

/// push rbp; mov rbp, rsp; push rbx; push r12; push r13; push r14; push r15; sub rsp, 8;
/// mov rbx, rdi; mov r12, rsi. Six pushes and 8 bytes of padding after the return address
/// keep rsp 16-byte aligned at every call.
const PROLOGUE_BYTES: [u8; 23] = [
    0x55, 0x48, 0x89, 0xe5, 0x53, 0x41, 0x54, 0x41, 0x55, 0x41, 0x56, 0x41, 0x57, 0x48, 0x83, 0xec, 0x08, 0x48, 0x89,
    0xfb, 0x49, 0x89, 0xf4,
];
/// add rsp, 8; pop r15; pop r14; pop r13; pop r12; pop rbx; pop rbp; ret
const EPILOGUE_BYTES: [u8; 15] = [0x48, 0x83, 0xc4, 0x08, 0x41, 0x5f, 0x41, 0x5e, 0x41, 0x5d, 0x41, 0x5c, 0x5b, 0x5d, 0xc3];

/// push rbx; push r12; push r13; mov rbx, rdi; mov r12, rsi: the light prologue of code that
/// uses no `Keep0`/`Keep1` (r14, r15). Three pushes after the return address keep rsp 16-byte
/// aligned at every call.
const LIGHT_PROLOGUE_BYTES: [u8; 11] = [0x53, 0x41, 0x54, 0x41, 0x55, 0x48, 0x89, 0xfb, 0x49, 0x89, 0xf4];
/// pop r13; pop r12; pop rbx; ret
const LIGHT_EPILOGUE_BYTES: [u8; 6] = [0x41, 0x5d, 0x41, 0x5c, 0x5b, 0xc3];

/// Lowers `asm` to machine code: prologue, hot stream, cold stream, epilogue.
pub fn assemble(asm: &Assembler) -> MachineCode {
    assemble_with(asm, &PROLOGUE_BYTES, &EPILOGUE_BYTES)
}

/// [`assemble`] with the light prologue and epilogue: `asm` must not use `Keep0` or `Keep1`.
pub fn assemble_light(asm: &Assembler) -> MachineCode {
    // The light prologue does not save r14/r15: clobbering them would corrupt the caller.
    assert!(
        !asm.hot.iter().chain(asm.cold.iter()).any(|i| i.uses(Reg::Keep0) || i.uses(Reg::Keep1)),
        "light-prologue code uses Keep0/Keep1"
    );
    assemble_with(asm, &LIGHT_PROLOGUE_BYTES, &LIGHT_EPILOGUE_BYTES)
}

/// [`assemble`] for a subroutine: no prologue, `ret` as the epilogue (flags survive it).
pub fn assemble_subroutine(asm: &Assembler) -> MachineCode {
    assemble_with(asm, &[], &[0xc3])
}

fn assemble_with(asm: &Assembler, prologue: &[u8], epilogue: &[u8]) -> MachineCode {
    // Where each label is bound, in IR positions (hot then cold): for sizing forward jumps.
    // The two labels past the IR's own are not sized.
    let hot = asm.hot.len() as u32;
    let mut bind_at: Vec<u32> = Vec::with_capacity(asm.bound_at.len() + 2);
    bind_at.extend(
        asm.bound_at
            .iter()
            .map(|&b| if b != u32::MAX && b & crate::ir::COLD_BIT != 0 { hot + (b & !crate::ir::COLD_BIT) } else { b }),
    );
    bind_at.extend([u32::MAX, u32::MAX]);
    lower_all(asm, prologue, epilogue, &bind_at, ForwardJumps::Guess(NEAR_IR))
        .or_else(|| lower_all(asm, prologue, epilogue, &bind_at, ForwardJumps::Measure))
        .unwrap_or_else(|| {
            // Only a `max_len` below some real length gets here; rel32 everywhere is right.
            debug_assert!(false, "a measured rel8 jump missed its target");
            lower_all(asm, prologue, epilogue, &bind_at, ForwardJumps::Long).expect("rel32 jumps always reach")
        })
}

fn lower_all(asm: &Assembler, prologue: &[u8], epilogue: &[u8], bind_at: &[u32], forward: ForwardJumps) -> Option<MachineCode> {
    // About 6 bytes per IR instruction (measured over the standard library): room for 8 saves
    // regrowing and copying the buffer.
    let n_insns = asm.hot.len() + asm.cold.len();
    let n_labels = asm.label_count() as usize;
    // Two labels past the IR's own: the epilogue, and the end of the hot code.
    let hot_end = n_labels as u32 + 1;
    let mut l = Lowering {
        hot: &asm.hot,
        cold: &asm.cold,
        code: Vec::with_capacity(8 * n_insns + 64),
        labels: vec![UNBOUND; n_labels + 2],
        // About two jumps and one call per label in compiled functions: room without regrowing.
        fixups: Vec::with_capacity(2 * n_labels),
        short_fixups: Vec::with_capacity(2 * n_labels),
        calls: Vec::with_capacity(n_labels),
        bind_at,
        at: 0,
        forward,
        epilogue: n_labels as u32,
    };
    l.put(prologue);
    let mut hot_offsets = Vec::new();
    if crate::stats::code_sizes_wanted() {
        hot_offsets.reserve(asm.hot.len() + 1);
    }
    for insn in &asm.hot {
        if hot_offsets.capacity() != 0 {
            hot_offsets.push(l.code.len() as u32);
        }
        l.lower(insn);
        l.at += 1;
    }
    if hot_offsets.capacity() != 0 {
        hot_offsets.push(l.code.len() as u32);
    }
    l.bind(hot_end);
    for insn in &asm.cold {
        l.lower(insn);
        l.at += 1;
    }
    l.bind(n_labels as u32);
    l.put(epilogue);
    if !l.patch() {
        return None;
    }
    let hot_bytes = l.labels[hot_end as usize] as usize;
    Some(MachineCode { bytes: l.code, hot_bytes, calls: l.calls, hot_offsets })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Assembler, Mem, Reg};

    #[test]
    fn prologue_and_epilogue_bytes() {
        let code = assemble(&Assembler::new()).bytes;
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

    fn strip(code: MachineCode) -> Vec<u8> {
        let code = code.bytes;
        code[PROLOGUE..code.len() - EPILOGUE].to_vec()
    }

    /// A code region at 0x7e00_0000_0000 for the tests of RIP-relative operands; the other
    /// tests' immediates lie far from it.
    const TEST_REGION: usize = 0x7e00_0000_0000;

    #[test]
    fn addresses_near_the_code_are_rip_relative() {
        crate::codemem::set_near_for_tests(TEST_REGION, TEST_REGION + (1 << 20));
        let near = TEST_REGION + 0x1000_0000;
        let mut a = Assembler::new();
        a.mov(Reg::Tmp1, Opnd::Imm(near as i64));
        a.push(crate::ir::Insn::LoadAbs { dst: Reg::Arg(1), addr: near });
        a.push(crate::ir::Insn::LoadAbs { dst: Reg::Tmp0, addr: 0x10_0000 });
        let code = assemble(&a);
        // lea r11, [rip+0]; mov rsi, [rip+0]; mov r10d, 0x100000; mov r10, [r10]
        assert_eq!(
            &code.bytes[PROLOGUE..code.bytes.len() - EPILOGUE],
            &[
                0x4c, 0x8d, 0x1d, 0, 0, 0, 0, 0x48, 0x8b, 0x35, 0, 0, 0, 0, 0x41, 0xba, 0x00, 0x00, 0x10, 0x00, 0x4d, 0x8b,
                0x12
            ]
        );
        // Both rel32 fields end their instructions: patched at install like a call's.
        assert_eq!(code.calls, vec![((PROLOGUE + 3) as u32, near), ((PROLOGUE + 10) as u32, near)]);
    }

    #[test]
    fn subroutine_has_no_prologue_and_ends_in_ret() {
        let mut a = Assembler::new();
        let done = a.new_label();
        a.cmp(Reg::Tmp0, Opnd::Imm(0));
        a.jcc(crate::ir::Cond::Ne, done);
        a.mov(Reg::Tmp0, Opnd::Imm(1));
        a.bind(done);
        // cmp r10, 0; jne +6 (rel8, to the ret); mov r10d, 1; ret
        assert_eq!(
            assemble_subroutine(&a).bytes,
            vec![0x49, 0x83, 0xfa, 0x00, 0x75, 0x06, 0x41, 0xba, 0x01, 0x00, 0x00, 0x00, 0xc3]
        );
    }

    #[test]
    fn jump_to_the_next_instruction_is_dropped() {
        let mut a = Assembler::new();
        let next = a.new_label();
        let other = a.new_label();
        a.jmp(next);
        a.bind(other);
        a.bind(next);
        a.jmp(other);
        a.mov(Reg::Ret, Reg::Arg(0));
        // Only the backward jump to `other` remains: jmp rel8 -2 (to itself); mov rax, rdi
        assert_eq!(strip(assemble(&a)), vec![0xeb, 0xfe, 0x48, 0x89, 0xf8]);
    }

    #[test]
    fn imul_by_small_constant_uses_the_immediate_form() {
        let mut a = Assembler::new();
        a.imul(Reg::Tmp0, Opnd::Imm(32));
        a.imul(Reg::Ret, Opnd::Imm(1000));
        // imul r10, r10, 32; imul rax, rax, 1000
        assert_eq!(strip(assemble(&a)), vec![0x4d, 0x6b, 0xd2, 0x20, 0x48, 0x69, 0xc0, 0xe8, 0x03, 0x00, 0x00]);
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
    fn byte_stores_name_the_low_byte_of_any_register() {
        let mut a = Assembler::new();
        a.store_byte(Mem::new(Reg::Arg(1), -3), Reg::Arg(0));
        a.store_byte(Mem::new(Reg::Tmp0, 0), Reg::Arg(4));
        a.store_byte(Mem::new(Reg::Frame, 8), Reg::Ret);
        // mov [rsi-3], dil (REX, or it would be bh); mov [r10], r8b; mov [rbx+8], al (REX kept)
        assert_eq!(
            strip(assemble(&a)),
            vec![0x40, 0x88, 0x7e, 0xfd, 0x45, 0x88, 0x02, 0x40, 0x88, 0x43, 0x08]
        );
    }

    #[test]
    fn digit_stores_are_32_bit() {
        let mut a = Assembler::new();
        a.store_u32(Mem::new(Reg::Keep0, 24), Reg::Arg(1));
        a.store_u32(Mem::new(Reg::Keep1, 24), Reg::Arg(4));
        // mov [r14+24], esi; mov [r15+24], r8d
        assert_eq!(strip(assemble(&a)), vec![0x41, 0x89, 0x76, 0x18, 0x45, 0x89, 0x47, 0x18]);
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
    fn int_to_float_conversions() {
        let mut a = Assembler::new();
        a.float_load_int(Reg::Arg(0));
        a.float_arith_int(crate::ir::FloatOp::Div, Reg::Keep1);
        // cvtsi2sd xmm0, rdi; cvtsi2sd xmm1, r15; divsd xmm0, xmm1
        assert_eq!(
            strip(assemble(&a)),
            vec![0xf2, 0x48, 0x0f, 0x2a, 0xc7, 0xf2, 0x49, 0x0f, 0x2a, 0xcf, 0xf2, 0x0f, 0x5e, 0xc1]
        );
    }

    #[test]
    fn bitwise_ops_and_division() {
        let mut a = Assembler::new();
        a.and(Reg::Arg(0), Reg::Arg(1));
        a.or(Reg::Keep0, Opnd::Imm(3));
        a.xor(Reg::Arg(0), Reg::Tmp0);
        a.div_rem(Reg::Arg(1));
        a.div_rem(Reg::Tmp0);
        a.shl(Reg::Arg(0));
        a.sar(Reg::Keep0);
        // and rdi, rsi; or r14, 3; xor rdi, r10; cqo; idiv rsi; cqo; idiv r10; shl rdi, cl;
        // sar r14, cl
        assert_eq!(
            strip(assemble(&a)),
            vec![
                0x48, 0x21, 0xf7, 0x49, 0x83, 0xce, 0x03, 0x4c, 0x31, 0xd7, 0x48, 0x99, 0x48, 0xf7, 0xfe, 0x48, 0x99, 0x49,
                0xf7, 0xfa, 0x48, 0xd3, 0xe7, 0x49, 0xd3, 0xfe
            ]
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
    fn light_prologue_and_epilogue_bytes() {
        let mut a = Assembler::new();
        a.ret();
        let code = assemble_light(&a).bytes;
        // push rbx; push r12; push r13; mov rbx,rdi; mov r12,rsi | jmp +0 | pop r13; pop r12;
        // pop rbx; ret
        assert_eq!(&code[..11], &[0x53, 0x41, 0x54, 0x41, 0x55, 0x48, 0x89, 0xfb, 0x49, 0x89, 0xf4]);
        assert_eq!(&code[code.len() - 6..], &[0x41, 0x5d, 0x41, 0x5c, 0x5b, 0xc3]);
    }

    #[test]
    #[should_panic(expected = "light-prologue code uses Keep0/Keep1")]
    fn light_prologue_refuses_code_using_keep_registers() {
        let mut a = Assembler::new();
        a.mov(Reg::Ret, Mem::new(Reg::Keep1, 8));
        assemble_light(&a);
    }

    #[test]
    fn call_through_register_and_32_bit_add_and_stack_compare() {
        let mut a = Assembler::new();
        a.call_reg(Reg::Tmp0);
        a.call_reg(Reg::Arg(1));
        a.add_mem32(Mem::new(Reg::TState, 40), -1);
        a.cmp(Reg::StackPtr, Mem::new(Reg::Tmp1, 8));
        // call r10; call rsi; add dword [r12+40], -1; cmp rsp, [r11+8]
        assert_eq!(
            strip(assemble(&a)),
            vec![0x41, 0xff, 0xd2, 0xff, 0xd6, 0x41, 0x83, 0x44, 0x24, 0x28, 0xff, 0x49, 0x3b, 0x63, 0x08]
        );
    }

    #[test]
    fn immediates_use_the_shortest_mov() {
        let mut a = Assembler::new();
        a.mov(Reg::Ret, Opnd::Imm(0));
        a.mov(Reg::Tmp1, Opnd::Imm(0));
        a.mov(Reg::Arg(0), Opnd::Imm(7));
        a.mov(Reg::Tmp0, Opnd::Imm(0xffff_ffff));
        a.mov(Reg::Arg(1), Opnd::Imm(-1));
        a.mov(Reg::Keep0, Opnd::Imm(0x1_0000_0000));
        assert_eq!(
            strip(assemble(&a)),
            vec![
                0x31, 0xc0, // xor eax, eax
                0x45, 0x31, 0xdb, // xor r11d, r11d
                0xbf, 0x07, 0x00, 0x00, 0x00, // mov edi, 7
                0x41, 0xba, 0xff, 0xff, 0xff, 0xff, // mov r10d, 0xffffffff
                0x48, 0xc7, 0xc6, 0xff, 0xff, 0xff, 0xff, // mov rsi, -1 (sign-extended imm32)
                0x49, 0xbe, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, // mov r14, 1 << 32
            ]
        );
    }

    #[test]
    fn register_forms() {
        let mut a = Assembler::new();
        a.mov(Reg::Keep1, Reg::Arg(2));
        a.push(crate::ir::Insn::Add { dst: Reg::Ret, src: Opnd::Reg(Reg::Tmp0) });
        a.push(crate::ir::Insn::Sub { dst: Reg::Keep2, src: Opnd::Imm(1000) });
        a.push(crate::ir::Insn::Imul { dst: Reg::Tmp1, src: Opnd::Reg(Reg::Arg(0)) });
        a.cmp(Reg::Arg(4), Opnd::Imm(-2));
        a.test(Reg::Ret, Reg::Ret);
        assert_eq!(
            strip(assemble(&a)),
            vec![
                0x49, 0x89, 0xd7, // mov r15, rdx
                0x4c, 0x01, 0xd0, // add rax, r10
                0x49, 0x81, 0xed, 0xe8, 0x03, 0x00, 0x00, // sub r13, 1000
                0x4c, 0x0f, 0xaf, 0xdf, // imul r11, rdi
                0x49, 0x83, 0xf8, 0xfe, // cmp r8, -2
                0x48, 0x85, 0xc0, // test rax, rax
            ]
        );
    }

    #[test]
    fn backward_jumps_are_short_when_they_can_be() {
        let mut a = Assembler::new();
        let top = a.new_label();
        a.bind(top);
        a.jcc(Cond::Lt, top);
        a.jmp(top);
        // jl -2 (7c fe); jmp -4 (eb fc)
        assert_eq!(strip(assemble(&a)), vec![0x7c, 0xfe, 0xeb, 0xfc]);
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
        // cmp rax, 0 (48 83 f8 00); je +5 (74 05, relaxed); mov eax, 1 (b8 01 00 00 00)
        assert_eq!(code, vec![0x48, 0x83, 0xf8, 0x00, 0x74, 0x05, 0xb8, 0x01, 0x00, 0x00, 0x00]);
    }

    #[test]
    fn forward_jumps_are_short_only_when_what_they_skip_fits_rel8() {
        // jne far (over 2 jumps and 26 movs: bounded at 167 bytes, rel32); jmp back (rel8,
        // backward); je near (over 2 movs: rel8)
        let mut a = Assembler::new();
        let (far, near, back) = (a.new_label(), a.new_label(), a.new_label());
        a.bind(back);
        a.jcc(Cond::Ne, far);
        a.jmp(back);
        a.jcc(Cond::Eq, near);
        a.mov(Reg::Ret, Opnd::Imm(1));
        a.mov(Reg::Ret, Opnd::Imm(1));
        a.bind(near);
        for _ in 0..24 {
            a.mov(Reg::Ret, Opnd::Imm(1));
        }
        a.bind(far);
        let code = strip(assemble(&a));
        // jne rel32 over jmp (2) + je (2) + 26 x 5 bytes = 134.
        assert_eq!(&code[..6], &[0x0f, 0x85, 134, 0, 0, 0]);
        assert_eq!(&code[6..8], &[0xeb, (-8i8) as u8]);
        assert_eq!(&code[8..10], &[0x74, 10]);
        assert_eq!(code.len(), 10 + 130);
    }

    #[test]
    fn a_missed_guess_measures_the_jumps() {
        // Stores of a 64-bit constant (movabs r11 + mov [rbx+0x1000], r11: 17 bytes, bounded
        // at 18): over 7 of them (14 IR instructions, 119 bytes) the guess is right; over 8
        // (136 bytes) it misses, and measuring (at most 144 bytes) takes the long form.
        let stores = |a: &mut Assembler, n| {
            for _ in 0..n {
                a.mov(Mem::new(Reg::Frame, 0x1000), Opnd::Imm(0x1234_5678_9abc));
            }
        };
        let mut a = Assembler::new();
        let l = a.new_label();
        a.jcc(Cond::Eq, l);
        stores(&mut a, 7);
        a.bind(l);
        let code = strip(assemble(&a));
        assert_eq!((&code[..2], code.len()), (&[0x74, 119][..], 2 + 119));
        // A jump over 30 tests (90 bytes) is beyond the guess, so rel32 while guessing; when
        // the stores' miss has the function measured, it is rel8.
        let mut a = Assembler::new();
        let (over_stores, over_tests) = (a.new_label(), a.new_label());
        a.jcc(Cond::Ne, over_tests);
        for _ in 0..30 {
            a.test(Reg::Ret, Reg::Ret);
        }
        a.bind(over_tests);
        a.jcc(Cond::Eq, over_stores);
        stores(&mut a, 8);
        a.bind(over_stores);
        let code = strip(assemble(&a));
        assert_eq!(&code[..2], &[0x75, 90]);
        assert_eq!(&code[92..98], &[0x0f, 0x84, 136, 0, 0, 0]);
        assert_eq!(code.len(), 98 + 136);
    }

    #[test]
    fn max_len_bounds_every_encoding() {
        // Each instruction form with operands at the edges of their encodings (registers that
        // need REX or a SIB byte, displacements and immediates of each width), lowered alone.
        let regs = [Reg::Ret, Reg::Frame, Reg::TState, Reg::Keep2, Reg::Keep1, Reg::Arg(3), Reg::Tmp1, Reg::StackPtr];
        let disps = [0, 8, -128, 200, 0x12345];
        let imms = [0, 1, -1, 127, 128, -129, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, -0x8000_0001, 0x1234_5678_9abc, i64::MIN];
        let far_call = 0x7fff_0000_1000usize;
        let mut insns = vec![Insn::Shl { dst: Reg::Ret }, Insn::DivRem { divisor: Reg::Tmp1 }, Insn::Return,
            Insn::Call { addr: far_call }, Insn::LoadAbs { dst: Reg::Keep2, addr: far_call }];
        for &r in &regs {
            for &s in &regs {
                insns.extend([Insn::Mov { dst: Opnd::Reg(r), src: Opnd::Reg(s) }, Insn::Test { a: r, b: s },
                    Insn::Cmp { a: Opnd::Reg(r), b: Opnd::Reg(s), width: Width::B64 }]);
                for &d in &disps {
                    let m = Mem { base: s, disp: d };
                    insns.extend([Insn::Mov { dst: Opnd::Reg(r), src: Opnd::Mem(m) }, Insn::Mov { dst: Opnd::Mem(m), src: Opnd::Reg(r) },
                        Insn::Load { dst: r, src: m, width: Width::B8 }, Insn::Load { dst: r, src: m, width: Width::B32 },
                        Insn::Lea { dst: r, src: m }, Insn::Add { dst: r, src: Opnd::Mem(m) }, Insn::Imul { dst: r, src: Opnd::Mem(m) },
                        Insn::StoreReg8 { dst: m, src: r }, Insn::StoreReg32 { dst: m, src: r },
                        Insn::Cmp { a: Opnd::Reg(r), b: Opnd::Mem(m), width: Width::B64 },
                        Insn::Cmp { a: Opnd::Mem(m), b: Opnd::Reg(r), width: Width::B64 },
                        Insn::FloatLoad { src: m }, Insn::FloatArith { op: FloatOp::Div, src: m }, Insn::FloatStore { dst: m }]);
                }
            }
            for &v in &imms {
                insns.extend([Insn::Mov { dst: Opnd::Reg(r), src: Opnd::Imm(v) }, Insn::Sub { dst: r, src: Opnd::Imm(v) },
                    Insn::Imul { dst: r, src: Opnd::Imm(v) }, Insn::Cmp { a: Opnd::Reg(r), b: Opnd::Imm(v), width: Width::B64 }]);
                for &d in &disps {
                    let m = Mem { base: r, disp: d };
                    insns.extend([Insn::Mov { dst: Opnd::Mem(m), src: Opnd::Imm(v) },
                        Insn::Store32 { dst: m, imm: v as i32 }, Insn::Store8 { dst: m, imm: v as i8 },
                        Insn::AddMem { dst: m, imm: v as i32 }, Insn::AddMem32 { dst: m, imm: v as i32 },
                        Insn::Cmp { a: Opnd::Mem(m), b: Opnd::Imm(v as i32 as i64), width: Width::B64 },
                        Insn::Cmp { a: Opnd::Mem(m), b: Opnd::Imm(v as i8 as i64), width: Width::B8 }]);
                }
            }
            if r != Reg::Ret && r != Reg::StackPtr {
                insns.extend([Insn::CallReg { target: r }, Insn::FloatLoadInt { src: r }, Insn::FloatArithInt { op: FloatOp::Add, src: r }]);
            }
        }
        for insn in insns {
            let mut a = Assembler::new();
            a.push(insn);
            let len = strip(assemble(&a)).len() as u32;
            assert!(len <= max_len(&insn), "{insn:?}: {len} bytes, bounded at {}", max_len(&insn));
        }
    }
}
