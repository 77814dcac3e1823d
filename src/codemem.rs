//! Executable memory for compiled code.
//!
//! Code is bump-allocated in chunks of anonymous memory that are never writable and
//! executable at once: a chunk is made writable only while new code is copied in, and back to
//! read+execute before anything can run from it. That is safe because only the thread holding
//! the GIL compiles, and every thread that runs machine code holds the GIL while it does.
//! Each chunk counts its live allocations and is unmapped when the last one is freed.

use std::ptr;

const CHUNK_SIZE: usize = 256 * 1024;
const ALIGN: usize = 16;

struct Chunk {
    base: *mut u8,
    size: usize,
    used: usize,
    live: usize,
}

/// The code arena. Lives in a global guarded by the GIL.
pub struct CodeMemory {
    chunks: Vec<Chunk>,
    /// Bytes of code handed out and not yet freed.
    pub live_bytes: usize,
    /// Bytes mapped for code (chunks), live or not.
    pub mapped_bytes: usize,
    /// Upper bound on `mapped_bytes` (`PYRITE_CODE_MEMORY_MB`).
    pub limit: usize,
}

/// A finished allocation of machine code.
pub struct CodeAlloc {
    pub addr: *const u8,
    pub len: usize,
}

// SAFETY: code allocations are plain addresses; all access is serialised by the GIL.
unsafe impl Send for CodeAlloc {}
unsafe impl Send for CodeMemory {}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    unsafe { libc::sysconf(libc::_SC_PAGESIZE) as usize }
}

impl CodeMemory {
    pub const fn new(limit: usize) -> Self {
        CodeMemory { chunks: Vec::new(), live_bytes: 0, mapped_bytes: 0, limit }
    }

    /// Copies `code` into executable memory. `None` when the cap is reached or mmap fails.
    pub fn install(&mut self, code: &[u8]) -> Option<CodeAlloc> {
        let len = code.len().max(1);
        let need = (len + ALIGN - 1) & !(ALIGN - 1);
        let idx = match self.chunks.iter().rposition(|c| c.size - c.used >= need) {
            Some(i) => i,
            None => {
                let page = page_size();
                let size = need.max(CHUNK_SIZE).div_ceil(page) * page;
                if self.mapped_bytes + size > self.limit {
                    return None;
                }
                // SAFETY: a fresh private anonymous mapping; no existing memory is affected.
                let base = unsafe {
                    libc::mmap(
                        ptr::null_mut(),
                        size,
                        libc::PROT_READ | libc::PROT_EXEC,
                        libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                        -1,
                        0,
                    )
                };
                if base == libc::MAP_FAILED {
                    return None;
                }
                self.mapped_bytes += size;
                self.chunks.push(Chunk { base: base as *mut u8, size, used: 0, live: 0 });
                self.chunks.len() - 1
            }
        };
        let chunk = &mut self.chunks[idx];
        let page = page_size();
        let start = chunk.used;
        let first_page = start / page * page;
        let end_page = (start + need).div_ceil(page) * page;
        // SAFETY: [first_page, end_page) lies inside this chunk's mapping. The pages may hold
        // other live code, but no thread executes JIT code without the GIL, which we hold, so
        // nothing runs from them while they are not executable.
        unsafe {
            let region = chunk.base.add(first_page);
            let region_len = end_page.min(chunk.size) - first_page;
            if libc::mprotect(region as *mut _, region_len, libc::PROT_READ | libc::PROT_WRITE) != 0 {
                return None;
            }
            ptr::copy_nonoverlapping(code.as_ptr(), chunk.base.add(start), code.len());
            if libc::mprotect(region as *mut _, region_len, libc::PROT_READ | libc::PROT_EXEC) != 0 {
                // Leave nothing half-usable: a non-executable page would crash later callers.
                libc::abort();
            }
        }
        chunk.used += need;
        chunk.live += 1;
        self.live_bytes += need;
        // SAFETY: `start + need <= chunk.size`, inside the mapping.
        let addr = unsafe { chunk.base.add(start) };
        Some(CodeAlloc { addr, len: need })
    }

    /// Releases an allocation; unmaps its chunk when nothing in it is live any more.
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
            if chunk.live == 0 {
                // SAFETY: no live allocation remains in the chunk, so no code can run from it.
                unsafe { libc::munmap(chunk.base as *mut _, chunk.size) };
                self.mapped_bytes -= chunk.size;
                self.chunks.swap_remove(i);
            }
        }
    }
}
