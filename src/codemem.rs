//! Executable memory for compiled code.
//!
//! All code lives in one region of address space reserved (inaccessible, no memory committed)
//! at the first compilation, placed within ±2 GiB of this extension's own machine code when the
//! kernel allows it: compiled code then calls the runtime's helpers with 5-byte `call rel32`
//! instructions instead of 12-byte `movabs rax, imm64; call rax` (see [`call_reachable`]).
//!
//! Code is bump-allocated in chunks carved from that region. A chunk is never writable and
//! executable at once: it is made writable only while new code is copied in, and back to
//! read+execute before anything can run from it. That is safe because only the thread holding
//! the GIL compiles, and every thread that runs machine code holds the GIL while it does.
//! Each chunk counts its live allocations; when the last one is freed its pages are given back
//! to the kernel and the chunk is kept for reuse.

use std::ptr;
use std::sync::atomic::{AtomicUsize, Ordering};

const CHUNK_SIZE: usize = 256 * 1024;
const ALIGN: usize = 16;

struct Chunk {
    base: *mut u8,
    size: usize,
    used: usize,
    live: usize,
    /// Bytes of whole pages of freed code given back (see [`CodeMemory::free`]).
    released: usize,
    /// Holds only code expected to be freed soon (see [`CodeMemory::install_transient`]).
    transient: bool,
}

/// The address space all chunks come from.
struct Region {
    base: *mut u8,
    size: usize,
    /// Bytes of the region handed to chunks so far (bump).
    carved: usize,
    /// Chunks whose code has all been freed: inaccessible again and without committed pages.
    spare: Vec<(*mut u8, usize)>,
}

/// The code arena. Lives in a global guarded by the GIL.
pub struct CodeMemory {
    region: Option<Region>,
    chunks: Vec<Chunk>,
    /// Bytes of code handed out and not yet freed.
    pub live_bytes: usize,
    /// Bytes of chunks in use (readable, possibly resident), live code or not.
    pub mapped_bytes: usize,
    /// Bytes of `mapped_bytes` given back to the kernel, in whole pages of freed code inside
    /// chunks still in use.
    pub released_bytes: usize,
    /// Size of the reserved region: the most code there can ever be at once.
    pub limit: usize,
}

/// A finished allocation of machine code.
pub struct CodeAlloc {
    pub addr: *const u8,
    pub len: usize,
}

/// Machine code as the backend leaves it: position-independent but for `calls`.
pub struct MachineCode {
    pub bytes: Vec<u8>,
    /// Bytes before the cold code.
    pub hot_bytes: usize,
    /// `(offset of a rel32 field, absolute target)` of each `call rel32` and RIP-relative
    /// operand (`lea`/`mov r64, [rip + rel32]`), the field ending its instruction: patched at
    /// install.
    pub calls: Vec<(u32, usize)>,
    /// Offset of each hot IR instruction, and the end of the hot code: only when
    /// [`crate::stats::code_sizes_wanted`], for `hot_bytes_by_opcode`.
    pub hot_offsets: Vec<u32>,
}

// SAFETY: code allocations are plain addresses; all access is serialised by the GIL.
unsafe impl Send for CodeAlloc {}
unsafe impl Send for CodeMemory {}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    unsafe { libc::sysconf(libc::_SC_PAGESIZE) as usize }
}

/// Distance below which a `call rel32` anywhere in the region reaches its target (2 GiB minus
/// a margin for the instruction's own length).
const REL32_REACH: usize = (1 << 31) - (1 << 16);

/// `[lowest, highest)` addresses of the reserved region once it is known to be near this
/// extension, else `[0, 0)`: set once, before anything is compiled; read by the backend while
/// lowering (atomics so that the backend's tests, which lower code on several threads without
/// a GIL, may set it too).
static NEAR_LO: AtomicUsize = AtomicUsize::new(0);
static NEAR_HI: AtomicUsize = AtomicUsize::new(0);

/// Whether compiled code can call `target` with `call rel32` (or address it RIP-relative) from
/// anywhere in the code region.
pub fn call_reachable(target: usize) -> bool {
    let (lo, hi) = (NEAR_LO.load(Ordering::Relaxed), NEAR_HI.load(Ordering::Relaxed));
    hi != 0 && target.abs_diff(lo) < REL32_REACH && target.abs_diff(hi) < REL32_REACH
}

fn set_near(lo: usize, hi: usize) {
    NEAR_LO.store(lo, Ordering::Relaxed);
    NEAR_HI.store(hi, Ordering::Relaxed);
}

/// Makes `[lo, hi)` the region `call_reachable` measures from (backend tests: no region is
/// reserved there).
#[cfg(test)]
pub fn set_near_for_tests(lo: usize, hi: usize) {
    set_near(lo, hi);
}

impl CodeMemory {
    pub const fn new(limit: usize) -> Self {
        CodeMemory { region: None, chunks: Vec::new(), live_bytes: 0, mapped_bytes: 0, released_bytes: 0, limit }
    }

    /// Reserves the region (once): near this extension's code if the kernel takes the hint
    /// (the space below the shared libraries is normally free), anywhere otherwise.
    pub fn reserve(&mut self) -> Option<()> {
        if self.region.is_some() {
            return Some(());
        }
        let here = call_reachable as usize;
        let size = self.limit;
        // 1 GiB below this library, 2 MiB aligned.
        let hint = here.saturating_sub(1 << 30) & !((2 << 20) - 1);
        // SAFETY: a fresh private anonymous reservation (PROT_NONE, nothing committed); a hint
        // that overlaps an existing mapping is ignored by the kernel, never replaces it.
        let base = unsafe {
            libc::mmap(
                hint as *mut _,
                size,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return None;
        }
        let lo = base as usize;
        if here.abs_diff(lo) < REL32_REACH && here.abs_diff(lo + size) < REL32_REACH {
            set_near(lo, lo + size);
        }
        self.region = Some(Region { base: base as *mut u8, size, carved: 0, spare: Vec::new() });
        Some(())
    }

    /// A chunk of at least `need` bytes, readable and executable: a spare one or a new one
    /// carved from the region. `None` when the region is exhausted.
    fn new_chunk(&mut self, need: usize, transient: bool) -> Option<usize> {
        self.reserve()?;
        let page = page_size();
        let size = need.max(CHUNK_SIZE).div_ceil(page) * page;
        let region = self.region.as_mut()?;
        let (base, size) = if let Some(i) = region.spare.iter().position(|&(_, s)| s >= size) {
            // Reused whole: chunks are mostly CHUNK_SIZE, so little is lost.
            region.spare.swap_remove(i)
        } else if region.size - region.carved >= size {
            // SAFETY: `carved + size <= region.size`: inside the reservation.
            let base = unsafe { region.base.add(region.carved) };
            region.carved += size;
            (base, size)
        } else {
            return None;
        };
        self.open_chunk(base, size, transient)
    }

    fn open_chunk(&mut self, base: *mut u8, size: usize, transient: bool) -> Option<usize> {
        // SAFETY: `[base, base + size)` is an unused part of our reservation.
        if unsafe { libc::mprotect(base as *mut _, size, libc::PROT_READ | libc::PROT_EXEC) } != 0 {
            if let Some(region) = self.region.as_mut() {
                region.spare.push((base, size));
            }
            return None;
        }
        self.mapped_bytes += size;
        self.chunks.push(Chunk { base, size, used: 0, live: 0, released: 0, transient });
        Some(self.chunks.len() - 1)
    }

    /// Copies `code` into executable memory and patches its calls for their final address.
    /// `None` when the region is exhausted or the kernel refuses.
    pub fn install(&mut self, code: &MachineCode) -> Option<CodeAlloc> {
        self.install_in(code, false)
    }

    /// [`install`](Self::install) for code that will most likely be freed soon (a function's
    /// code compiled before type feedback): kept apart from long-lived code, so that its chunks
    /// empty out and go back to the kernel whole instead of leaving partial pages behind.
    pub fn install_transient(&mut self, code: &MachineCode) -> Option<CodeAlloc> {
        self.install_in(code, true)
    }

    fn install_in(&mut self, code: &MachineCode, transient: bool) -> Option<CodeAlloc> {
        let len = code.bytes.len().max(1);
        let need = (len + ALIGN - 1) & !(ALIGN - 1);
        let idx = match self.chunks.iter().rposition(|c| c.transient == transient && c.size - c.used >= need) {
            Some(i) => i,
            None => self.new_chunk(need, transient)?,
        };
        let chunk = &mut self.chunks[idx];
        let page = page_size();
        let start = chunk.used;
        let first_page = start / page * page;
        let end_page = (start + need).div_ceil(page) * page;
        // SAFETY: `start + need <= chunk.size`, inside the chunk.
        let addr = unsafe { chunk.base.add(start) };
        // SAFETY: [first_page, end_page) lies inside this chunk. The pages may hold other live
        // code, but no thread executes JIT code without the GIL, which we hold, so nothing runs
        // from them while they are not executable.
        unsafe {
            let region = chunk.base.add(first_page);
            let region_len = end_page.min(chunk.size) - first_page;
            if libc::mprotect(region as *mut _, region_len, libc::PROT_READ | libc::PROT_WRITE) != 0 {
                return None;
            }
            ptr::copy_nonoverlapping(code.bytes.as_ptr(), addr, code.bytes.len());
            for &(at, target) in &code.calls {
                // The backend emits `call rel32` and RIP-relative operands only for targets
                // `call_reachable` accepts, which holds for every address in the region.
                let rel = target as i64 - (addr as i64 + at as i64 + 4);
                let rel = i32::try_from(rel).expect("call rel32 out of reach");
                ptr::copy_nonoverlapping(rel.to_le_bytes().as_ptr(), addr.add(at as usize), 4);
            }
            if libc::mprotect(region as *mut _, region_len, libc::PROT_READ | libc::PROT_EXEC) != 0 {
                // Leave nothing half-usable: a non-executable page would crash later callers.
                libc::abort();
            }
        }
        chunk.used += need;
        chunk.live += 1;
        self.live_bytes += need;
        Some(CodeAlloc { addr, len: need })
    }

    /// Releases an allocation; when nothing in its chunk is live any more, gives the chunk's
    /// pages back and keeps it for reuse.
    pub fn free(&mut self, alloc: &CodeAlloc) {
        let addr = alloc.addr as usize;
        if let Some(i) = self
            .chunks
            .iter()
            .position(|c| (c.base as usize) <= addr && addr < c.base as usize + c.size)
        {
            self.live_bytes -= alloc.len;
            let chunk = &mut self.chunks[i];
            chunk.live -= 1;
            // The pages that held only this allocation go back to the kernel now: the bump
            // allocator never reuses space inside a chunk, so nothing touches them again
            // before the whole chunk is recycled (recompiled functions free their early code).
            let page = page_size();
            let first = addr.div_ceil(page) * page;
            let end = (addr + alloc.len) / page * page;
            if chunk.live > 0 && end > first {
                // SAFETY: [first, end) lies inside the freed allocation, inside the chunk.
                unsafe { libc::madvise(first as *mut _, end - first, libc::MADV_DONTNEED) };
                chunk.released += end - first;
                self.released_bytes += end - first;
            }
            if chunk.live == 0 {
                let (base, size) = (chunk.base, chunk.size);
                self.released_bytes -= chunk.released;
                // SAFETY: no live allocation remains in the chunk, so no code can run from it;
                // it goes back to being an inaccessible part of the reservation.
                unsafe {
                    libc::madvise(base as *mut _, size, libc::MADV_DONTNEED);
                    libc::mprotect(base as *mut _, size, libc::PROT_NONE);
                }
                self.mapped_bytes -= size;
                self.chunks.swap_remove(i);
                if let Some(region) = self.region.as_mut() {
                    region.spare.push((base, size));
                }
            }
        }
    }
}
