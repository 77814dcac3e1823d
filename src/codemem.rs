//! Executable memory for compiled code.
//!
//! All code lives in one region of address space reserved (inaccessible, no memory committed)
//! at the first compilation, placed within ±2 GiB of this extension's own machine code when the
//! kernel allows it: compiled code then calls the runtime's helpers with 5-byte `call rel32`
//! instructions instead of 12-byte `movabs rax, imm64; call rax` (see [`call_reachable`]).
//!
//! Code is bump-allocated in chunks carved from that region. No page of code is ever writable
//! and executable at once. Normally ([`Backing::DoubleMapped`]) the region maps an in-memory
//! file twice: read+execute where code runs, read+write at another address where code is
//! written, so installing code changes no page protection. Where the kernel will not map such
//! a file executable, chunks are private pages made writable only while new code is copied in
//! and read+execute again before anything can run from them ([`Backing::Anonymous`]: two
//! `mprotect`s per installation, which split and merge the kernel's mappings and flush TLBs:
//! a quarter of all compile time in a profile of 26 standard-library modules at threshold 0).
//! Either is safe because only the thread holding the GIL compiles, and every thread that runs
//! machine code holds the GIL while it does. Each chunk counts its live allocations; when the
//! last one is freed its pages are given back to the kernel and the chunk is kept for reuse.
//!
//! The file's descriptor is closed once it is mapped: nothing the program does with its own
//! descriptors (`closerange`, listing `/proc/self/fd`, `subprocess`'s checks) can see or reach
//! it. A `fork` leaves the file shared between parent and child, and a write by either (new
//! code, or freed pages given back) would change the other's code: so after a fork each
//! process copies its code into a file of its own before it next writes
//! ([`CodeMemory::own_views`]); until then the shared file is only read.

use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Once;

const CHUNK_SIZE: usize = 256 * 1024;
const ALIGN: usize = 16;
/// Pages written through the writable view are unmapped from it in batches of this many (see
/// [`Chunk::alias_unmapped_to`]).
const ALIAS_UNMAP_BATCH: usize = 32;

struct Chunk {
    base: *mut u8,
    size: usize,
    used: usize,
    live: usize,
    /// Bytes of whole pages of freed code given back (see [`CodeMemory::free`]).
    released: usize,
    /// Holds only code expected to be freed soon (see [`CodeMemory::install_transient`]).
    transient: bool,
    /// Offset below which the chunk's pages are mapped in the writable view no more. A page
    /// mapped at two addresses counts twice in the process's resident memory (VmRSS), so the
    /// writable view lets go of written pages, in batches of [`ALIAS_UNMAP_BATCH`] and when a
    /// new chunk is opened; a page written again later is simply mapped again.
    alias_unmapped_to: usize,
}

/// Where the chunks' pages come from, and so how code is written into them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Backing {
    /// An in-memory file mapped over the region read+execute, and read+write at `alias`
    /// (offset in the file = offset in the region in both).
    DoubleMapped { alias: usize },
    /// Private anonymous pages, made writable while code is copied in.
    Anonymous,
    /// After a fork, no file of this process's own could be made: the code installed so far
    /// keeps running from the shared file, nothing is installed or given back any more.
    Frozen,
}

/// Set by the `fork` handlers in parent and child: the file is shared with another process.
static FORKED: AtomicBool = AtomicBool::new(false);

extern "C" fn note_fork() {
    FORKED.store(true, Ordering::Relaxed);
}

extern "C" {
    // glibc's, from libc_nonshared (not in the `libc` crate for this target).
    fn pthread_atfork(
        prepare: Option<extern "C" fn()>,
        parent: Option<extern "C" fn()>,
        child: Option<extern "C" fn()>,
    ) -> libc::c_int;
}

/// `MFD_EXEC` (Linux 6.3): asks for an executable memfd explicitly, as kernels with
/// `vm.memfd_noexec` want; older kernels refuse the flag with `EINVAL`.
const MFD_EXEC: libc::c_uint = 0x10;

/// A fresh memfd of `size` bytes (sparse: no memory until written), or `None`.
fn new_memfd(size: usize) -> Option<i32> {
    let name = c"pyrite-jit";
    // SAFETY: a NUL-terminated name and flags; no memory is passed.
    let mut fd = unsafe { libc::memfd_create(name.as_ptr(), libc::MFD_CLOEXEC | MFD_EXEC) };
    if fd < 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::EINVAL) {
        // SAFETY: as above.
        fd = unsafe { libc::memfd_create(name.as_ptr(), libc::MFD_CLOEXEC) };
    }
    if fd < 0 {
        return None;
    }
    // SAFETY: `fd` is ours.
    if unsafe { libc::ftruncate(fd, size as libc::off_t) } != 0 {
        // SAFETY: `fd` is ours and used nowhere else.
        unsafe { libc::close(fd) };
        return None;
    }
    Some(fd)
}

/// Writes all of `bytes` at `offset` of `fd`.
fn pwrite_all(fd: i32, mut bytes: &[u8], mut offset: usize) -> bool {
    while !bytes.is_empty() {
        // SAFETY: `bytes` is a live slice of its length.
        let n = unsafe { libc::pwrite(fd, bytes.as_ptr() as *const _, bytes.len(), offset as libc::off_t) };
        if n <= 0 {
            if n < 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return false;
        }
        bytes = &bytes[n as usize..];
        offset += n as usize;
    }
    true
}

/// Maps all of `fd` (`size` bytes) at `at`, shared and inaccessible (chunks are opened by
/// `mprotect`), replacing what was there if `at` is given; returns where, or `None`.
///
/// # Safety
/// A given `at` is a range of ours that no live code is in, or whose code `fd` holds too.
unsafe fn map_view(at: Option<*mut u8>, size: usize, fd: i32) -> Option<*mut u8> {
    let fixed = if at.is_some() { libc::MAP_FIXED } else { 0 };
    // SAFETY: per the contract, replacing the range loses nothing that is still used.
    let got = unsafe {
        libc::mmap(
            at.unwrap_or(ptr::null_mut()) as *mut _,
            size,
            libc::PROT_NONE,
            libc::MAP_SHARED | libc::MAP_NORESERVE | fixed,
            fd,
            0,
        )
    };
    (got != libc::MAP_FAILED).then_some(got as *mut u8)
}

/// Makes `[base, base + size)` an inaccessible, uncommitted part of the reservation again
/// (whatever was mapped there).
///
/// # Safety
/// No live code is in the range.
unsafe fn to_reservation(base: *mut u8, size: usize) {
    // SAFETY: per the contract; a fixed mapping over our own range.
    unsafe {
        libc::mmap(
            base as *mut _,
            size,
            libc::PROT_NONE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_FIXED,
            -1,
            0,
        );
    }
}

/// Patches the `rel32` fields of `calls` in `code`, which will run at `addr`.
fn patch_calls(code: &mut [u8], addr: *const u8, calls: &[(u32, usize)]) {
    for &(at, target) in calls {
        // The backend emits `call rel32` and RIP-relative operands only for targets
        // `call_reachable` accepts, which holds for every address in the region.
        let rel = target as i64 - (addr as i64 + at as i64 + 4);
        let rel = i32::try_from(rel).expect("call rel32 out of reach");
        code[at as usize..at as usize + 4].copy_from_slice(&rel.to_le_bytes());
    }
}

/// Reads one byte of each page of `[from, to)`: maps them in this process, so that they count
/// in its resident memory and the first call into them takes no page fault.
///
/// # Safety
/// Every page the range touches is mapped readable.
unsafe fn touch_pages(from: *const u8, to: *const u8) {
    let page = page_size();
    let mut p = from as usize / page * page;
    while p < to as usize {
        // SAFETY: per the contract, a readable page.
        unsafe { ptr::read_volatile(p as *const u8) };
        p += page;
    }
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
    backing: Backing,
    /// Times the code was copied into a file of this process's own after a fork.
    pub copies_after_fork: usize,
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
        CodeMemory {
            region: None,
            backing: Backing::Anonymous,
            copies_after_fork: 0,
            chunks: Vec::new(),
            live_bytes: 0,
            mapped_bytes: 0,
            released_bytes: 0,
            limit,
        }
    }

    /// How code is written (see [`Backing`]); `Anonymous` before the region is reserved.
    pub fn backing(&self) -> Backing {
        self.backing
    }

    /// Reserves the region (once): near this extension's code if the kernel takes the hint
    /// (the space below the shared libraries is normally free), anywhere otherwise.
    pub fn reserve(&mut self) -> Option<()> {
        // `perf` names code from a perf map only in anonymous memory (perf 6.1 reads the
        // file's mappings as a file of their own).
        self.reserve_with(!crate::profiling::perf_map_wanted())
    }

    /// [`reserve`](Self::reserve), mapping a file only if `double_map` (tests use both).
    pub fn reserve_with(&mut self, double_map: bool) -> Option<()> {
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
        // (The backend's unit tests set the near range for themselves, concurrently with
        // these tests' regions: leave it to them there.)
        if here.abs_diff(lo) < REL32_REACH && here.abs_diff(lo + size) < REL32_REACH && !cfg!(test) {
            set_near(lo, lo + size);
        }
        self.region = Some(Region { base: base as *mut u8, size, carved: 0, spare: Vec::new() });
        if double_map {
            self.backing = Self::double_map(base as *mut u8, size).unwrap_or(Backing::Anonymous);
        }
        Some(())
    }

    /// Maps a fresh file over the reserved region and at a second address, if this kernel
    /// lets it be executable (`vm.memfd_noexec`, `noexec` policies and seccomp filters may
    /// not: tried on the first page). `None` leaves the reservation as it was.
    fn double_map(base: *mut u8, size: usize) -> Option<Backing> {
        let fd = new_memfd(size)?;
        let page = page_size();
        // SAFETY: the region was just reserved, nothing is in it; the alias goes anywhere.
        let mapped = unsafe { map_view(Some(base), size, fd) }.and_then(|_| unsafe { map_view(None, size, fd) });
        // SAFETY: the file has no other use; the mappings keep it alive.
        unsafe { libc::close(fd) };
        let executable = mapped.is_some()
            // SAFETY: the region's first page, mapped above, holds nothing yet.
            && unsafe { libc::mprotect(base as *mut _, page, libc::PROT_READ | libc::PROT_EXEC) } == 0;
        // SAFETY: as above; back to inaccessible until a chunk opens there.
        unsafe { libc::mprotect(base as *mut _, page, libc::PROT_NONE) };
        if !executable {
            // SAFETY: nothing is in the region; the alias is ours.
            unsafe {
                to_reservation(base, size);
                if let Some(alias) = mapped {
                    libc::munmap(alias as *mut _, size);
                }
            }
            return None;
        }
        static AT_FORK: Once = Once::new();
        // SAFETY: the handlers only store to an atomic (async-signal-safe).
        AT_FORK.call_once(|| unsafe {
            pthread_atfork(None, Some(note_fork), Some(note_fork));
        });
        Some(Backing::DoubleMapped { alias: mapped? as usize })
    }

    /// The writable view's address, after copying the code into a file of this process's own
    /// if a fork happened since the last write; `None` when code is not written through a view
    /// (`Anonymous`) or can no longer be (`Frozen`).
    fn own_views(&mut self) -> Option<usize> {
        let Backing::DoubleMapped { alias } = self.backing else { return None };
        if !FORKED.swap(false, Ordering::Relaxed) {
            return Some(alias);
        }
        let (base, size) = self.region.as_ref().map(|r| (r.base, r.size))?;
        let page = page_size();
        let Some(fd) = new_memfd(size) else {
            self.backing = Backing::Frozen;
            return None;
        };
        // Copy the pages that hold data (freed ones were given back: not resident, skipped),
        // reading through the executable view, before both views move to the new file.
        let mut copied = Vec::new();
        for chunk in &self.chunks {
            let pages = chunk.used.div_ceil(page);
            let mut resident = vec![0u8; pages];
            // SAFETY: the chunk's first `pages` pages are mapped; `resident` has one byte each.
            let known = unsafe { libc::mincore(chunk.base as *mut _, pages * page, resident.as_mut_ptr()) } == 0;
            for (i, &r) in resident.iter().enumerate() {
                if known && r & 1 == 0 {
                    continue;
                }
                // SAFETY: a page of the chunk, readable through the executable view.
                let bytes = unsafe { std::slice::from_raw_parts(chunk.base.add(i * page), page) };
                if !pwrite_all(fd, bytes, chunk.base as usize + i * page - base as usize) {
                    // SAFETY: `fd` is ours and mapped nowhere.
                    unsafe { libc::close(fd) };
                    self.backing = Backing::Frozen;
                    return None;
                }
                copied.push(chunk.base as usize + i * page);
            }
        }
        // SAFETY: the new file holds the same bytes at the same offsets, so code running from
        // the chunks (none runs now: we hold the GIL) sees no change once they are open again.
        let remapped = unsafe { map_view(Some(base), size, fd).is_some() && map_view(Some(alias as *mut u8), size, fd).is_some() };
        // SAFETY: the mappings keep the file alive.
        unsafe { libc::close(fd) };
        if !remapped || !self.chunks.iter().all(|c| Self::open_views(c.base, c.size, base, alias)) {
            // Code still running from the region would find it gone: nothing safe is left.
            std::process::abort();
        }
        for chunk in &mut self.chunks {
            chunk.alias_unmapped_to = chunk.used / page * page;
        }
        for p in copied {
            // SAFETY: a page of a chunk, open (read+execute) again in the view just mapped.
            unsafe { touch_pages(p as *const u8, (p + 1) as *const u8) };
        }
        self.copies_after_fork += 1;
        Some(alias)
    }

    /// Makes a chunk's pages executable in the region and writable in the alias.
    fn open_views(chunk: *mut u8, size: usize, base: *mut u8, alias: usize) -> bool {
        let in_alias = alias + (chunk as usize - base as usize);
        // SAFETY: both ranges are the chunk's, in mappings of ours.
        unsafe {
            libc::mprotect(chunk as *mut _, size, libc::PROT_READ | libc::PROT_EXEC) == 0
                && libc::mprotect(in_alias as *mut _, size, libc::PROT_READ | libc::PROT_WRITE) == 0
        }
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
        // The chunks filled so far let go of their pages in the writable view.
        for i in 0..self.chunks.len() {
            self.unmap_from_alias(i, true);
        }
        self.open_chunk(base, size, transient)
    }

    fn open_chunk(&mut self, base: *mut u8, size: usize, transient: bool) -> Option<usize> {
        let region_base = self.region.as_ref()?.base;
        let opened = match self.backing {
            Backing::DoubleMapped { alias } => Self::open_views(base, size, region_base, alias),
            // SAFETY: `[base, base + size)` is an unused part of our reservation.
            Backing::Anonymous => unsafe { libc::mprotect(base as *mut _, size, libc::PROT_READ | libc::PROT_EXEC) == 0 },
            Backing::Frozen => false,
        };
        if !opened {
            self.close_chunk(base, size);
            return None;
        }
        self.mapped_bytes += size;
        self.chunks.push(Chunk { base, size, used: 0, live: 0, released: 0, transient, alias_unmapped_to: 0 });
        Some(self.chunks.len() - 1)
    }

    /// Makes an unused chunk's range inaccessible again (in both views) and keeps it for reuse.
    fn close_chunk(&mut self, base: *mut u8, size: usize) {
        let Some(region) = self.region.as_mut() else { return };
        match self.backing {
            Backing::DoubleMapped { alias } => {
                let in_alias = alias + (base as usize - region.base as usize);
                // SAFETY: no live code is in the chunk; both ranges are ours.
                unsafe {
                    libc::mprotect(base as *mut _, size, libc::PROT_NONE);
                    libc::mprotect(in_alias as *mut _, size, libc::PROT_NONE);
                }
            }
            // SAFETY: no live code is in the chunk; the range is ours.
            Backing::Anonymous => unsafe { to_reservation(base, size) },
            // SAFETY: as above (the file's pages stay, for the processes sharing it).
            Backing::Frozen => unsafe {
                libc::mprotect(base as *mut _, size, libc::PROT_NONE);
            },
        };
        region.spare.push((base, size));
    }

    /// Unmaps chunk `i`'s written pages from the writable view: all of them if `all`, else a
    /// batch of at least [`ALIAS_UNMAP_BATCH`] whole pages (see [`Chunk::alias_unmapped_to`]).
    fn unmap_from_alias(&mut self, i: usize, all: bool) {
        let (Backing::DoubleMapped { alias }, Some(region)) = (self.backing, self.region.as_ref()) else { return };
        let page = page_size();
        let chunk = &mut self.chunks[i];
        let whole = chunk.used / page * page;
        // `all` includes the page being filled, which the next install may map again: it stays
        // below `alias_unmapped_to` for the next batch.
        let to = if all { chunk.used.div_ceil(page) * page } else { whole };
        if to < chunk.alias_unmapped_to + if all { 1 } else { ALIAS_UNMAP_BATCH * page } {
            return;
        }
        let from = alias + (chunk.base as usize - region.base as usize) + chunk.alias_unmapped_to;
        // SAFETY: a range of the chunk in our writable view; the file keeps the bytes (the
        // mapping is shared), a later write maps the page again.
        unsafe { libc::madvise(from as *mut _, to - chunk.alias_unmapped_to, libc::MADV_DONTNEED) };
        chunk.alias_unmapped_to = whole;
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
        if self.region.is_none() {
            self.reserve()?;
        }
        let alias = match self.backing {
            Backing::DoubleMapped { .. } => Some(self.own_views()?),
            Backing::Anonymous => None,
            Backing::Frozen => return None,
        };
        let len = code.bytes.len().max(1);
        let need = (len + ALIGN - 1) & !(ALIGN - 1);
        let idx = match self.chunks.iter().rposition(|c| c.transient == transient && c.size - c.used >= need) {
            Some(i) => i,
            None => self.new_chunk(need, transient)?,
        };
        let (base, size, start) = (self.chunks[idx].base, self.chunks[idx].size, self.chunks[idx].used);
        let page = page_size();
        // SAFETY: `start + need <= size`, inside the chunk.
        let addr = unsafe { base.add(start) };
        if let Some(alias) = alias {
            let at = (alias + (addr as usize - self.region.as_ref()?.base as usize)) as *mut u8;
            // SAFETY: the chunk's range in the writable view, where nothing else is written or
            // run; `len` bytes past `start` are inside the chunk.
            let dst = unsafe { std::slice::from_raw_parts_mut(at, code.bytes.len()) };
            dst.copy_from_slice(&code.bytes);
            patch_calls(dst, addr, &code.calls);
            // The executable view maps the written pages now, as a write through it would
            // have: they count in resident memory (code never run, most cold code, would
            // otherwise take memory without showing in VmRSS).
            // SAFETY: `[addr, addr + len)` is inside the chunk, mapped read+execute.
            unsafe { touch_pages(addr, addr.add(code.bytes.len())) };
        } else {
            let first_page = start / page * page;
            let end_page = (start + need).div_ceil(page).min(size / page) * page;
            // SAFETY: [first_page, end_page) lies inside this chunk. The pages may hold other
            // live code, but no thread executes JIT code without the GIL, which we hold, so
            // nothing runs from them while they are not executable.
            unsafe {
                let pages = base.add(first_page);
                let pages_len = end_page - first_page;
                if libc::mprotect(pages as *mut _, pages_len, libc::PROT_READ | libc::PROT_WRITE) != 0 {
                    return None;
                }
                ptr::copy_nonoverlapping(code.bytes.as_ptr(), addr, code.bytes.len());
                patch_calls(std::slice::from_raw_parts_mut(addr, code.bytes.len()), addr, &code.calls);
                if libc::mprotect(pages as *mut _, pages_len, libc::PROT_READ | libc::PROT_EXEC) != 0 {
                    // Leave nothing half-usable: a non-executable page would crash later callers.
                    libc::abort();
                }
            }
        }
        let chunk = &mut self.chunks[idx];
        chunk.used += need;
        chunk.live += 1;
        self.live_bytes += need;
        self.unmap_from_alias(idx, false);
        Some(CodeAlloc { addr, len: need })
    }

    /// Gives the pages `[first, end)` of freed code back to the kernel; false if they must stay
    /// (after a fork, with no file of this process's own).
    fn release_pages(&mut self, first: usize, end: usize) -> bool {
        match self.backing {
            Backing::DoubleMapped { .. } => {
                let (Some(alias), Some(region)) = (self.own_views(), self.region.as_ref()) else { return false };
                let in_alias = alias + (first - region.base as usize);
                // SAFETY: frees the file's pages behind our writable view of a range that holds
                // no live code (`MADV_REMOVE`: a hole, as if never written); both views then
                // read zeros there, which nothing runs.
                unsafe { libc::madvise(in_alias as *mut _, end - first, libc::MADV_REMOVE) == 0 }
            }
            // SAFETY: [first, end) holds no live code and is private to this process.
            Backing::Anonymous => unsafe { libc::madvise(first as *mut _, end - first, libc::MADV_DONTNEED) == 0 },
            Backing::Frozen => false,
        }
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
            let live = chunk.live;
            if live > 0 && end > first && self.release_pages(first, end) {
                // [first, end) lies inside the freed allocation, inside the chunk.
                self.chunks[i].released += end - first;
                self.released_bytes += end - first;
            }
            if live == 0 {
                let (base, size) = (self.chunks[i].base, self.chunks[i].size);
                self.released_bytes -= self.chunks[i].released;
                // No live allocation remains in the chunk, so no code can run from it: its
                // pages go back and it becomes an inaccessible part of the reservation again.
                self.release_pages(base as usize, base as usize + size);
                self.mapped_bytes -= size;
                self.chunks.swap_remove(i);
                self.close_chunk(base, size);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `mov eax, imm32; ret`, padded to `len` bytes with `int3` after the `ret`.
    fn returning(v: u32, len: usize) -> MachineCode {
        let mut bytes = vec![0xb8];
        bytes.extend_from_slice(&v.to_le_bytes());
        bytes.push(0xc3);
        bytes.resize(len.max(6), 0xcc);
        MachineCode { bytes, hot_bytes: 6, calls: Vec::new(), hot_offsets: Vec::new() }
    }

    fn run(alloc: &CodeAlloc) -> u32 {
        // SAFETY: the allocation holds a `returning` function, installed and live.
        unsafe { std::mem::transmute::<*const u8, extern "C" fn() -> u32>(alloc.addr)() }
    }

    fn resident(mem: &CodeMemory) -> usize {
        mem.mapped_bytes - mem.released_bytes
    }

    /// Installs, runs, frees and reuses code; the same for both backings.
    fn exercise(double_map: bool) -> Backing {
        let mut mem = CodeMemory::new(4 << 20);
        mem.reserve_with(double_map).expect("reserve");
        let page = page_size();
        let small: Vec<CodeAlloc> = (0..100).map(|i| mem.install(&returning(i, 40)).unwrap()).collect();
        // Spans several pages: freeing it gives whole pages back while its chunk stays live.
        let big = mem.install(&returning(7, 5 * page)).unwrap();
        let after = mem.install(&returning(8, 40)).unwrap();
        assert!(small.iter().enumerate().all(|(i, a)| run(a) == i as u32));
        assert_eq!((run(&big), run(&after)), (7, 8));
        let before = resident(&mem);
        mem.free(&big);
        assert!(resident(&mem) <= before - 3 * page, "freed pages were not given back");
        assert_eq!(run(&after), 8);
        for a in &small {
            mem.free(a);
        }
        mem.free(&after);
        assert_eq!((mem.live_bytes, mem.mapped_bytes), (0, 0));
        // The emptied chunk is reused and its old contents are gone.
        let again = mem.install(&returning(9, 40)).unwrap();
        assert_eq!(run(&again), 9);
        mem.backing()
    }

    #[test]
    fn double_mapped_backing_installs_runs_and_frees() {
        let backing = exercise(true);
        // This machine's kernel allows executable memfds; elsewhere the fallback is taken.
        assert!(matches!(backing, Backing::DoubleMapped { .. }), "{backing:?}");
    }

    #[test]
    fn anonymous_backing_installs_runs_and_frees() {
        assert_eq!(exercise(false), Backing::Anonymous);
    }
}
