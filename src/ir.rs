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

impl Cond {
    /// The opposite condition (none for `Overflow`, which has no use for one here).
    pub fn negate(self) -> Option<Cond> {
        Some(match self {
            Cond::Eq => Cond::Ne,
            Cond::Ne => Cond::Eq,
            Cond::Lt => Cond::Ge,
            Cond::Ge => Cond::Lt,
            Cond::Le => Cond::Gt,
            Cond::Gt => Cond::Le,
            Cond::Below => Cond::AboveEq,
            Cond::AboveEq => Cond::Below,
            Cond::BelowEq => Cond::Above,
            Cond::Above => Cond::BelowEq,
            Cond::Overflow => return None,
        })
    }
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
    /// 32-bit store of an immediate (`int` fields such as `stacktop`).
    Store32 { dst: Mem, imm: i32 },
    /// Stores an immediate byte.
    Store8 { dst: Mem, imm: i8 },
    /// `[mem] += imm` on a 64-bit word (refcounts, statistics counters).
    AddMem { dst: Mem, imm: i32 },
    /// `[mem] += imm` on a 32-bit word (`int` fields such as the recursion counter).
    AddMem32 { dst: Mem, imm: i32 },
    Cmp { a: Opnd, b: Opnd, width: Width },
    Test { a: Reg, b: Reg },
    Jcc { cond: Cond, target: Label },
    Jmp { target: Label },
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
            Insn::Add { dst, src } | Insn::Sub { dst, src } | Insn::Imul { dst, src } => *dst == r || opnd(src),
            Insn::Store32 { dst, .. } | Insn::Store8 { dst, .. } | Insn::AddMem { dst, .. } | Insn::AddMem32 { dst, .. } => {
                dst.base == r
            }
            Insn::Test { a, b } => *a == r || *b == r,
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
}

impl Assembler {
    pub fn new() -> Self {
        Self::default()
    }

    /// An assembler with room for `hot` and `cold` instructions.
    pub fn with_capacity(hot: usize, cold: usize) -> Self {
        Assembler { hot: Vec::with_capacity(hot), cold: Vec::with_capacity(cold), ..Self::default() }
    }

    /// A fresh, unbound label.
    pub fn new_label(&mut self) -> Label {
        self.next_label += 1;
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

    /// Emits the instructions of `f` into the cold stream.
    /// Switches emission to the cold (`true`) or hot stream; returns the previous setting.
    pub fn set_cold(&mut self, cold: bool) -> bool {
        std::mem::replace(&mut self.in_cold, cold)
    }

    pub fn cold<R>(&mut self, f: impl FnOnce(&mut Assembler) -> R) -> R {
        let was = std::mem::replace(&mut self.in_cold, true);
        let r = f(self);
        self.in_cold = was;
        r
    }

    /// Simplifies jumps before lowering, as codegen composes blocks that end in jumps:
    /// a jump to a label followed only by `jmp M` goes to `M` directly; a `jmp` to the very next
    /// instruction is dropped; `jcc A; jmp B; A:` becomes `j!cc B; A:`.
    pub fn simplify_jumps(&mut self) {
        let n = self.next_label as usize;
        // forward[l]: where a jump to `l` may go instead (itself unless `l: jmp m`).
        let mut forward: Vec<u32> = (0..n as u32).collect();
        for stream in [&self.hot, &self.cold] {
            for (i, insn) in stream.iter().enumerate() {
                if let Insn::Bind(l) = insn {
                    let next = stream[i + 1..].iter().find(|x| !matches!(x, Insn::Bind(_)));
                    if let Some(Insn::Jmp { target }) = next {
                        forward[l.0 as usize] = target.0;
                    }
                }
            }
        }
        // Follow chains a few steps (a cycle is an infinite loop either way).
        let resolve = |mut l: u32| {
            for _ in 0..8 {
                let f = forward[l as usize];
                if f == l {
                    break;
                }
                l = f;
            }
            Label(l)
        };
        for stream in [&mut self.hot, &mut self.cold] {
            for insn in stream.iter_mut() {
                match insn {
                    Insn::Jcc { target, .. } | Insn::Jmp { target } => *target = resolve(target.0),
                    _ => {}
                }
            }
            // Whether `l` is bound among the `Bind`s that start at `from`.
            let falls_into = |stream: &Vec<Insn>, from: usize, l: Label| {
                stream[from..].iter().take_while(|x| matches!(x, Insn::Bind(_))).any(|x| *x == Insn::Bind(l))
            };
            let mut out = Vec::with_capacity(stream.len());
            let mut i = 0;
            while i < stream.len() {
                match stream[i] {
                    Insn::Jmp { target } if falls_into(stream, i + 1, target) => {}
                    Insn::Jcc { cond, target: over } if i + 1 < stream.len() => match (stream[i + 1], cond.negate()) {
                        (Insn::Jmp { target }, Some(neg)) if falls_into(stream, i + 2, over) => {
                            out.push(Insn::Jcc { cond: neg, target });
                            i += 1;
                        }
                        _ => out.push(stream[i]),
                    },
                    insn => out.push(insn),
                }
                i += 1;
            }
            *stream = out;
        }
        self.drop_unreachable();
    }

    /// Drops what follows an unconditional jump or return up to the next label still jumped
    /// to (blocks whose jumps were all threaded past them), then jumps that this leaves
    /// pointing at the next instruction.
    fn drop_unreachable(&mut self) {
        let mut used = vec![false; self.next_label as usize];
        for insn in self.hot.iter().chain(self.cold.iter()) {
            if let Insn::Jcc { target, .. } | Insn::Jmp { target } = insn {
                used[target.0 as usize] = true;
            }
        }
        for stream in [&mut self.hot, &mut self.cold] {
            let mut out: Vec<Insn> = Vec::with_capacity(stream.len());
            let mut reachable = true;
            for &insn in stream.iter() {
                match insn {
                    Insn::Bind(l) if used[l.0 as usize] => {
                        // A jump to the label just bound, left last by the dropping: falls in.
                        if matches!(out.last(), Some(Insn::Jmp { target }) if *target == l) {
                            out.pop();
                        }
                        reachable = true;
                        out.push(insn);
                    }
                    Insn::Bind(_) => {}
                    _ if !reachable => {}
                    Insn::Jmp { .. } | Insn::Return => {
                        reachable = false;
                        out.push(insn);
                    }
                    _ => out.push(insn),
                }
            }
            *stream = out;
        }
    }

    pub fn bind(&mut self, l: Label) {
        self.push(Insn::Bind(l))
    }
    pub fn mov(&mut self, dst: impl Into<Opnd>, src: impl Into<Opnd>) {
        self.push(Insn::Mov { dst: dst.into(), src: src.into() })
    }
    pub fn load(&mut self, dst: Reg, src: Mem, width: Width) {
        self.push(Insn::Load { dst, src, width })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplify_jumps_threads_drops_and_inverts() {
        let mut a = Assembler::new();
        let (over, target, fall, hop) = (a.new_label(), a.new_label(), a.new_label(), a.new_label());
        // jne over; jmp fall; over: jmp hop; fall: ret; hop: jmp target; target: ret
        a.jcc(Cond::Ne, over);
        a.jmp(fall);
        a.bind(over);
        a.jmp(hop);
        a.bind(fall);
        a.ret();
        a.bind(hop);
        a.jmp(target);
        a.bind(target);
        a.ret();
        a.simplify_jumps();
        // `over` and `hop` forward to `target`; the block at `over` is then unreachable, and
        // `jmp fall` falls into `fall`.
        assert_eq!(
            a.hot,
            vec![
                Insn::Jcc { cond: Cond::Ne, target },
                Insn::Bind(fall),
                Insn::Return,
                Insn::Bind(target),
                Insn::Return
            ]
        );
    }

    #[test]
    fn simplify_jumps_inverts_jcc_over_jmp() {
        let mut a = Assembler::new();
        let (skip, far) = (a.new_label(), a.new_label());
        a.jcc(Cond::Lt, skip);
        a.jmp(far);
        a.bind(skip);
        a.ret();
        a.bind(far);
        a.mov(Reg::Ret, Opnd::Imm(1));
        a.ret();
        a.simplify_jumps();
        // (`skip` is no longer jumped to: its bind goes.)
        assert_eq!(&a.hot[..3], &[Insn::Jcc { cond: Cond::Ge, target: far }, Insn::Return, Insn::Bind(far)]);
    }
}
