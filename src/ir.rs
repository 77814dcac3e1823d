//! Pyrite's low-level IR: what codegen emits and each backend lowers.
//!
//! The IR names a few abstract registers with fixed roles instead of virtual registers: codegen
//! keeps the Python value stack in the frame (see `codegen::vstack`), so a function needs only a
//! handful of live machine values at a time, and a fixed assignment keeps compile time in
//! microseconds. Each backend maps the roles to its own registers (`backend::x86_64`).
//!
//! Code comes in two streams: the hot path and the cold path (exits, slow paths), laid out
//! after it so the hot path falls through.

/// Abstract registers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Reg {
    /// The running `_PyInterpreterFrame*` (callee-saved, set by the prologue).
    Frame,
    /// The running `PyThreadState*` (callee-saved, set by the prologue).
    TState,
    /// Callee-saved scratch registers that survive calls.
    Keep0,
    Keep1,
    Keep2,
    /// Return value of calls; scratch.
    Ret,
    /// C-ABI argument registers 0..=5; scratch between calls.
    Arg(u8),
    /// Caller-saved scratch registers never used for arguments.
    Tmp0,
    Tmp1,
    /// The native stack pointer: only compared (stack-depth checks), never written.
    StackPtr,
}

/// A memory operand `[base + disp]`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Mem {
    pub base: Reg,
    pub disp: i32,
}

impl Mem {
    pub fn new(base: Reg, disp: i32) -> Mem {
        Mem { base, disp }
    }
}

/// An operand.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Opnd {
    Reg(Reg),
    Mem(Mem),
    Imm(i64),
}

impl From<Reg> for Opnd {
    fn from(r: Reg) -> Opnd {
        Opnd::Reg(r)
    }
}
impl From<i64> for Opnd {
    fn from(v: i64) -> Opnd {
        Opnd::Imm(v)
    }
}
impl From<Mem> for Opnd {
    fn from(m: Mem) -> Opnd {
        Opnd::Mem(m)
    }
}

/// Branch conditions, after `Cmp a, b` (compares `a` with `b`) or `Test`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Cond {
    Eq,
    Ne,
    /// Signed.
    Lt,
    Le,
    Gt,
    Ge,
    /// Unsigned.
    Below,
    BelowEq,
    Above,
    AboveEq,
    Overflow,
}

/// A code label; resolved by the backend.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Label(pub u32);

/// Width of an integer memory access.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Width {
    B8,
    B32,
    B64,
}

/// Double-precision arithmetic on the float accumulator.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FloatOp {
    Add,
    Sub,
    Mul,
    Div,
}

/// One IR instruction. All integer operations are 64-bit unless a `Width` says otherwise.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Insn {
    Bind(Label),
    /// `dst = src`. Memory-to-memory moves are not allowed; an `Imm` stored to memory must fit
    /// in 32 bits (sign-extended).
    Mov { dst: Opnd, src: Opnd },
    /// Zero-extending load of a narrow field.
    Load { dst: Reg, src: Mem, width: Width },
    Lea { dst: Reg, src: Mem },
    Add { dst: Reg, src: Opnd },
    Sub { dst: Reg, src: Opnd },
    Imul { dst: Reg, src: Opnd },
    And { dst: Reg, src: Opnd },
    Or { dst: Reg, src: Opnd },
    Xor { dst: Reg, src: Opnd },
    /// `dst <<= Arg(3) & 63` (the count register is fixed; `dst` must not be `Arg(3)`).
    Shl { dst: Reg },
    /// `dst >>= Arg(3) & 63`, arithmetic (as `Shl`).
    Sar { dst: Reg },
    /// Signed 64-bit division of `Ret` by `divisor` (not zero, not `Ret` or `Arg(2)`):
    /// `Ret` = quotient rounded toward zero, `Arg(2)` = remainder (sign of the dividend).
    DivRem { divisor: Reg },
    /// 32-bit store of an immediate (`int` fields such as `stacktop`).
    Store32 { dst: Mem, imm: i32 },
    /// Stores an immediate byte.
    Store8 { dst: Mem, imm: i8 },
    /// Stores the low byte of `src`.
    StoreReg8 { dst: Mem, src: Reg },
    /// Stores the low 32 bits of `src` (a 30-bit int digit).
    StoreReg32 { dst: Mem, src: Reg },
    /// `[mem] += imm` on a 64-bit word (refcounts, statistics counters).
    AddMem { dst: Mem, imm: i32 },
    /// `[mem] += imm` on a 32-bit word (`int` fields such as the recursion counter).
    AddMem32 { dst: Mem, imm: i32 },
    Cmp { a: Opnd, b: Opnd, width: Width },
    Test { a: Reg, b: Reg },
    Jcc { cond: Cond, target: Label },
    Jmp { target: Label },
    /// `dst` = the 64-bit value at an absolute address (a static of this extension: RIP-relative
    /// when the code region reaches it, as for `Call`).
    LoadAbs { dst: Reg, addr: usize },
    /// Calls a C function at an absolute address; arguments are in `Arg(i)`, the result in `Ret`.
    /// Clobbers every caller-saved register.
    Call { addr: usize },
    /// Calls the C function whose address is in `target` (not `Ret`), as `Call`.
    CallReg { target: Reg },
    /// Leaves the function: epilogue, then return `Ret`.
    Return,
    /// Float accumulator (the first floating-point argument register) = `[src]`.
    FloatLoad { src: Mem },
    /// Float accumulator = accumulator `op` `[src]`.
    FloatArith { op: FloatOp, src: Mem },
    /// `[dst]` = float accumulator.
    FloatStore { dst: Mem },
    /// Compares the float accumulator with `[src]` (`ucomisd`): flags as for an unsigned
    /// compare, and an unordered result (NaN) sets CF and ZF, so `Above`/`AboveEq` are false.
    FloatCmp { src: Mem },
    /// Float accumulator = `src` converted from a signed 64-bit int (exact below 2**53).
    FloatLoadInt { src: Reg },
    /// Float accumulator = accumulator `op` (`src` converted from a signed 64-bit int).
    FloatArithInt { op: FloatOp, src: Reg },
}

impl Insn {
    /// True if the instruction reads or writes register `r` (as an operand or address base).
    pub fn uses(&self, r: Reg) -> bool {
        let opnd = |o: &Opnd| match *o {
            Opnd::Reg(x) => x == r,
            Opnd::Mem(m) => m.base == r,
            Opnd::Imm(_) => false,
        };
        match self {
            Insn::Mov { dst, src } | Insn::Cmp { a: dst, b: src, .. } => opnd(dst) || opnd(src),
            Insn::Load { dst, src, .. } | Insn::Lea { dst, src } => *dst == r || src.base == r,
            Insn::Add { dst, src }
            | Insn::Sub { dst, src }
            | Insn::Imul { dst, src }
            | Insn::And { dst, src }
            | Insn::Or { dst, src }
            | Insn::Xor { dst, src } => *dst == r || opnd(src),
            Insn::DivRem { divisor } => *divisor == r || r == Reg::Ret || r == Reg::Arg(2),
            Insn::Shl { dst } | Insn::Sar { dst } => *dst == r || r == Reg::Arg(3),
            Insn::FloatLoadInt { src } | Insn::FloatArithInt { src, .. } => *src == r,
            Insn::Store32 { dst, .. } | Insn::Store8 { dst, .. } | Insn::AddMem { dst, .. } | Insn::AddMem32 { dst, .. } => {
                dst.base == r
            }
            Insn::StoreReg8 { dst, src } | Insn::StoreReg32 { dst, src } => dst.base == r || *src == r,
            Insn::Test { a, b } => *a == r || *b == r,
            Insn::LoadAbs { dst, .. } => *dst == r,
            Insn::CallReg { target } => *target == r,
            Insn::FloatLoad { src } | Insn::FloatArith { src, .. } | Insn::FloatCmp { src } => src.base == r,
            Insn::FloatStore { dst } => dst.base == r,
            Insn::Bind(_) | Insn::Jcc { .. } | Insn::Jmp { .. } | Insn::Call { .. } | Insn::Return => false,
        }
    }
}

/// An instruction stream under construction: hot and cold code.
#[derive(Default)]
pub struct Assembler {
    pub hot: Vec<Insn>,
    pub cold: Vec<Insn>,
    in_cold: bool,
    next_label: u32,
    /// Where each label is bound: its index in `hot`, or [`COLD_BIT`] plus its index in `cold`
    /// (`u32::MAX` while unbound). The backend guesses jump lengths from it.
    pub bound_at: Vec<u32>,
}

/// Marks a [`Assembler::bound_at`] position in the cold stream.
pub const COLD_BIT: u32 = 1 << 31;

impl Assembler {
    pub fn new() -> Self {
        Self::default()
    }

    /// An assembler with room for `hot` and `cold` instructions and `labels` labels.
    pub fn with_capacity(hot: usize, cold: usize, labels: usize) -> Self {
        Assembler {
            hot: Vec::with_capacity(hot),
            cold: Vec::with_capacity(cold),
            bound_at: Vec::with_capacity(labels),
            ..Self::default()
        }
    }

    /// A fresh, unbound label.
    pub fn new_label(&mut self) -> Label {
        self.next_label += 1;
        self.bound_at.push(u32::MAX);
        Label(self.next_label - 1)
    }

    /// Number of labels allocated.
    pub fn label_count(&self) -> u32 {
        self.next_label
    }

    pub fn push(&mut self, insn: Insn) {
        if self.in_cold {
            self.cold.push(insn)
        } else {
            self.hot.push(insn)
        }
    }

    /// True while emitting into the cold stream.
    pub fn in_cold(&self) -> bool {
        self.in_cold
    }

    /// Switches emission to the cold (`true`) or hot stream; returns the previous setting.
    pub fn set_cold(&mut self, cold: bool) -> bool {
        std::mem::replace(&mut self.in_cold, cold)
    }

    /// Emits the instructions of `f` into the cold stream.
    pub fn cold<R>(&mut self, f: impl FnOnce(&mut Assembler) -> R) -> R {
        let was = std::mem::replace(&mut self.in_cold, true);
        let r = f(self);
        self.in_cold = was;
        r
    }

    pub fn bind(&mut self, l: Label) {
        self.bound_at[l.0 as usize] = if self.in_cold { COLD_BIT | self.cold.len() as u32 } else { self.hot.len() as u32 };
        self.push(Insn::Bind(l))
    }
    pub fn mov(&mut self, dst: impl Into<Opnd>, src: impl Into<Opnd>) {
        self.push(Insn::Mov { dst: dst.into(), src: src.into() })
    }
    pub fn load(&mut self, dst: Reg, src: Mem, width: Width) {
        self.push(Insn::Load { dst, src, width })
    }
    pub fn store_byte(&mut self, dst: Mem, src: Reg) {
        self.push(Insn::StoreReg8 { dst, src })
    }
    pub fn store_u32(&mut self, dst: Mem, src: Reg) {
        self.push(Insn::StoreReg32 { dst, src })
    }
    pub fn lea(&mut self, dst: Reg, src: Mem) {
        self.push(Insn::Lea { dst, src })
    }
    pub fn add(&mut self, dst: Reg, src: impl Into<Opnd>) {
        self.push(Insn::Add { dst, src: src.into() })
    }
    pub fn sub(&mut self, dst: Reg, src: impl Into<Opnd>) {
        self.push(Insn::Sub { dst, src: src.into() })
    }
    pub fn imul(&mut self, dst: Reg, src: impl Into<Opnd>) {
        self.push(Insn::Imul { dst, src: src.into() })
    }
    pub fn and(&mut self, dst: Reg, src: impl Into<Opnd>) {
        self.push(Insn::And { dst, src: src.into() })
    }
    pub fn or(&mut self, dst: Reg, src: impl Into<Opnd>) {
        self.push(Insn::Or { dst, src: src.into() })
    }
    pub fn xor(&mut self, dst: Reg, src: impl Into<Opnd>) {
        self.push(Insn::Xor { dst, src: src.into() })
    }
    pub fn shl(&mut self, dst: Reg) {
        self.push(Insn::Shl { dst })
    }
    pub fn sar(&mut self, dst: Reg) {
        self.push(Insn::Sar { dst })
    }
    pub fn div_rem(&mut self, divisor: Reg) {
        self.push(Insn::DivRem { divisor })
    }
    pub fn add_mem(&mut self, dst: Mem, imm: i32) {
        self.push(Insn::AddMem { dst, imm })
    }
    pub fn cmp(&mut self, a: impl Into<Opnd>, b: impl Into<Opnd>) {
        self.push(Insn::Cmp { a: a.into(), b: b.into(), width: Width::B64 })
    }
    pub fn cmp_width(&mut self, a: impl Into<Opnd>, b: impl Into<Opnd>, width: Width) {
        self.push(Insn::Cmp { a: a.into(), b: b.into(), width })
    }
    pub fn test(&mut self, a: Reg, b: Reg) {
        self.push(Insn::Test { a, b })
    }
    pub fn jcc(&mut self, cond: Cond, target: Label) {
        self.push(Insn::Jcc { cond, target })
    }
    pub fn jmp(&mut self, target: Label) {
        self.push(Insn::Jmp { target })
    }
    pub fn call(&mut self, addr: usize) {
        self.push(Insn::Call { addr })
    }
    pub fn call_reg(&mut self, target: Reg) {
        self.push(Insn::CallReg { target })
    }
    pub fn add_mem32(&mut self, dst: Mem, imm: i32) {
        self.push(Insn::AddMem32 { dst, imm })
    }
    pub fn float_load(&mut self, src: Mem) {
        self.push(Insn::FloatLoad { src })
    }
    pub fn float_cmp(&mut self, src: Mem) {
        self.push(Insn::FloatCmp { src })
    }
    pub fn float_store(&mut self, dst: Mem) {
        self.push(Insn::FloatStore { dst })
    }
    pub fn float_arith(&mut self, op: FloatOp, src: Mem) {
        self.push(Insn::FloatArith { op, src })
    }
    pub fn float_load_int(&mut self, src: Reg) {
        self.push(Insn::FloatLoadInt { src })
    }
    pub fn float_arith_int(&mut self, op: FloatOp, src: Reg) {
        self.push(Insn::FloatArithInt { op, src })
    }
    pub fn ret(&mut self) {
        self.push(Insn::Return)
    }

    /// `Py_INCREF(reg)`.
    pub fn incref(&mut self, obj: Reg) {
        self.add_mem(Mem::new(obj, 0), 1)
    }

    /// `Py_DECREF(reg)`: calls `_Py_Dealloc` when the count reaches zero. Clobbers caller-saved
    /// registers on the slow path only; `obj` must not be `Arg(0)`-sensitive afterwards.
    pub fn decref(&mut self, obj: Reg, dealloc: usize) {
        let done = self.new_label();
        self.add_mem(Mem::new(obj, 0), -1);
        self.jcc(Cond::Ne, done);
        if obj != Reg::Arg(0) {
            self.mov(Reg::Arg(0), obj);
        }
        self.call(dealloc);
        self.bind(done);
    }

    /// `Py_XDECREF(reg)`.
    pub fn xdecref(&mut self, obj: Reg, dealloc: usize) {
        let done = self.new_label();
        self.test(obj, obj);
        self.jcc(Cond::Eq, done);
        self.decref(obj, dealloc);
        self.bind(done);
    }
}
