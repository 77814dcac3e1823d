//! Views of the machine code for profilers and developers: perf's map of JIT symbols
//! (`PYRITE_PERF_MAP=1`) and raw dumps of each function's code (`PYRITE_DUMP_CODE=DIR`).
//!
//! `perf record` sees compiled code as anonymous memory; with a map it names each range after
//! the Python function it came from, as `perf report` does for the interpreter's C functions.

use std::io::Write;
use std::sync::{Mutex, OnceLock};

use pyo3::ffi::{self, PyObject};

use crate::cpython::layout;

/// Which part of a function's machine code a range is (the name perf shows after the
/// function's).
#[derive(Clone, Copy, Debug)]
pub enum Part {
    /// The body's code on the hot path.
    Hot,
    /// Exit stubs and slow paths, placed after the hot code.
    Cold,
    /// A fast entry (`codegen::entry`) for calls with this many arguments.
    FastEntry(usize),
}

/// `PYRITE_PERF_MAP=1`: the map file, `/tmp/perf-<pid>.map` (where `perf report` looks for
/// it), opened at the first compilation.
fn perf_map() -> Option<&'static Mutex<std::fs::File>> {
    static MAP: OnceLock<Option<Mutex<std::fs::File>>> = OnceLock::new();
    MAP.get_or_init(|| {
        if std::env::var_os("PYRITE_PERF_MAP").is_none_or(|v| v != "1") {
            return None;
        }
        let path = format!("/tmp/perf-{}.map", std::process::id());
        std::fs::OpenOptions::new().create(true).append(true).open(path).ok().map(Mutex::new)
    })
    .as_ref()
}

/// Whether compiled code is named in a perf map (`PYRITE_PERF_MAP=1`). `perf` reads such maps
/// only for anonymous memory, so code memory then uses anonymous pages, not a memfd
/// (`codemem::Backing`).
pub fn perf_map_wanted() -> bool {
    perf_map().is_some()
}

/// Names `len` bytes of machine code at `addr`, compiled from `code`, in the perf map. Code
/// memory reused after a function's code is freed gets a new line; perf takes the newest.
pub fn record(code: *mut PyObject, part: Part, addr: usize, len: usize) {
    let Some(map) = perf_map() else { return };
    if len == 0 {
        return;
    }
    let (qualname, filename, line) = describe(code);
    let suffix = match part {
        Part::Hot => String::new(),
        Part::Cold => " [cold]".to_string(),
        Part::FastEntry(nargs) => format!(" [entry/{nargs}]"),
    };
    // One write per line, so that lines of concurrent processes never interleave.
    let text = format!("{addr:x} {len:x} py::{qualname}{suffix} ({filename}:{line})\n");
    if let Ok(mut file) = map.lock() {
        let _ = file.write_all(text.as_bytes());
    }
}

/// `PYRITE_DUMP_CODE=DIR`: each compiled function's machine code goes to
/// `DIR/<qualname>.<first line>.<address>.<hot bytes>.bin`, for
/// `objdump -D -b binary -mi386:x86-64 --adjust-vma=<address>`.
pub fn dump(code: *mut PyObject, addr: *const u8, len: usize, hot_bytes: usize) {
    static DIR: OnceLock<Option<std::path::PathBuf>> = OnceLock::new();
    let Some(dir) = DIR.get_or_init(|| std::env::var_os("PYRITE_DUMP_CODE").map(Into::into)) else {
        return;
    };
    let (name, _, line) = describe(code);
    let path = dir.join(format!("{}.{line}.{:x}.{hot_bytes}.bin", name.replace(['/', '<', '>'], "_"), addr as usize));
    // SAFETY: the installed code, `len` readable bytes.
    let _ = std::fs::write(path, unsafe { std::slice::from_raw_parts(addr, len) });
}

/// A code object's qualified name, file name and first line.
fn describe(code: *mut PyObject) -> (String, String, i32) {
    // SAFETY: a live code object (GIL held); its names are strs. An exception being raised
    // (a generator resumed by `throw()`) is set aside while the names are encoded.
    unsafe {
        let (mut ty, mut value, mut tb) = (std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut());
        ffi::PyErr_Fetch(&mut ty, &mut value, &mut tb);
        let c = code as *const u8;
        let text = |offset: i32| {
            let s = *(c.offset(offset as isize) as *const *mut PyObject);
            let mut len = 0;
            let p = ffi::PyUnicode_AsUTF8AndSize(s, &mut len);
            if p.is_null() {
                ffi::PyErr_Clear();
                return "?".to_string();
            }
            String::from_utf8_lossy(std::slice::from_raw_parts(p as *const u8, len as usize)).into_owned()
        };
        let line = *(c.offset(layout::code::CO_FIRSTLINENO as isize) as *const i32);
        let names = (text(layout::code::CO_QUALNAME), text(layout::code::CO_FILENAME), line);
        ffi::PyErr_Restore(ty, value, tb);
        names
    }
}
