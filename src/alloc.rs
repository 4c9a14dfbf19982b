//! The global allocator: jemalloc for the commands that parse a corpus (`index`, `check`), the
//! system's for the rest.
//!
//! A full index allocates and frees millions of small strings on four threads, and glibc's
//! malloc spent about a tenth of its CPU doing so; with jemalloc a 100k build took 8–10% less
//! CPU in interleaved runs. But jemalloc's start (its arenas and their first pages: about 80 more page
//! faults) cost each short search 0.2–0.5 ms, a tenth of a rare-term search. So the choice is
//! made per process, from its arguments, before the first allocation, and never changes after:
//! every block is freed by the allocator that made it. (jemalloc still initialises itself when
//! the binary loads, by its own library constructor: about 25 page faults a search still pays.)
//!
//! The choice needs glibc, which hands `.init_array` functions the program's arguments before
//! `main` (the standard library reads them the same way). Elsewhere the system's allocator is
//! used throughout.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU8, Ordering};

const UNDECIDED: u8 = 0;
const SYSTEM: u8 = 1;
const JEMALLOC: u8 = 2;

/// Which allocator this process uses. An allocation made while it is undecided settles it on
/// the system's, so a late choice can never free a block with the other allocator.
static CHOICE: AtomicU8 = AtomicU8::new(UNDECIDED);

/// The subcommands that parse a whole corpus, where jemalloc pays for its start.
const PARSING_COMMANDS: [&[u8]; 2] = [b"index", b"check"];

/// Whether the program's arguments ask for a command that parses a corpus. Any argument equal
/// to one counts: a query or a folder named `index` only makes that run use jemalloc, which is
/// as correct, just slower to start.
fn parses_a_corpus<'a>(mut args: impl Iterator<Item = &'a [u8]>) -> bool {
    args.any(|arg| PARSING_COMMANDS.contains(&arg))
}

/// Chooses jemalloc, unless something was allocated already.
fn choose_jemalloc(choice: &AtomicU8) {
    let _ = choice.compare_exchange(UNDECIDED, JEMALLOC, Ordering::SeqCst, Ordering::SeqCst);
}

/// Whether to allocate with jemalloc; settles an undecided choice on the system's allocator.
#[inline]
fn uses_jemalloc(choice: &AtomicU8) -> bool {
    match choice.load(Ordering::Relaxed) {
        JEMALLOC => true,
        SYSTEM => false,
        _ => {
            choice.compare_exchange(UNDECIDED, SYSTEM, Ordering::SeqCst, Ordering::SeqCst)
                == Err(JEMALLOC)
        }
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod startup {
    use std::ffi::{CStr, c_char, c_int};

    /// Run by glibc before `main`, with the program's arguments.
    #[used]
    #[unsafe(link_section = ".init_array.00099")]
    static CHOOSE: extern "C" fn(c_int, *const *const c_char, *const *const c_char) = choose;

    extern "C" fn choose(argc: c_int, argv: *const *const c_char, _env: *const *const c_char) {
        if argv.is_null() {
            return;
        }
        let count = usize::try_from(argc).unwrap_or(0);
        // SAFETY: glibc passes `argc` pointers to NUL-terminated strings (`argv[argc]` is NULL).
        let args = (1..count)
            .map(|i| unsafe { *argv.add(i) })
            .take_while(|arg| !arg.is_null())
            .map(|arg| unsafe { CStr::from_ptr(arg) }.to_bytes());
        if super::parses_a_corpus(args) {
            super::choose_jemalloc(&super::CHOICE);
        }
    }
}

/// The allocator `main.rs` installs.
pub struct Allocator;

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
use std::alloc::System as Parsing;
#[cfg(all(target_os = "linux", target_env = "gnu"))]
use tikv_jemallocator::Jemalloc as Parsing;

// SAFETY: each call goes to one of two allocators that uphold `GlobalAlloc`'s contract, and
// the same one for the whole process (see `CHOICE`), so a block is always resized and freed
// by the allocator that made it.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if uses_jemalloc(&CHOICE) {
            unsafe { Parsing.alloc(layout) }
        } else {
            unsafe { System.alloc(layout) }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if uses_jemalloc(&CHOICE) {
            unsafe { Parsing.alloc_zeroed(layout) }
        } else {
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if uses_jemalloc(&CHOICE) {
            unsafe { Parsing.dealloc(ptr, layout) }
        } else {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if uses_jemalloc(&CHOICE) {
            unsafe { Parsing.realloc(ptr, layout, new_size) }
        } else {
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&'static str]) -> impl Iterator<Item = &'static [u8]> {
        list.iter()
            .map(|a| a.as_bytes())
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn the_commands_that_parse_a_corpus_choose_jemalloc() {
        assert!(parses_a_corpus(args(&["index", "corpus"])));
        assert!(parses_a_corpus(args(&[
            "--index", "idx", "index", "corpus"
        ])));
        assert!(parses_a_corpus(args(&[
            "--color", "never", "check", "seeds"
        ])));
        assert!(!parses_a_corpus(args(&["search", "Korean Peninsula"])));
        assert!(!parses_a_corpus(args(&["--index", "idx", "show", "abc"])));
        assert!(!parses_a_corpus(args(&["--index=index", "search", "x"])));
        assert!(!parses_a_corpus(args(&[])));
    }

    #[test]
    fn a_choice_made_before_any_allocation_holds() {
        let choice = AtomicU8::new(UNDECIDED);
        choose_jemalloc(&choice);
        assert!(uses_jemalloc(&choice));
        assert!(uses_jemalloc(&choice));
    }

    #[test]
    fn an_allocation_before_the_choice_keeps_the_system_allocator() {
        let choice = AtomicU8::new(UNDECIDED);
        assert!(!uses_jemalloc(&choice));
        choose_jemalloc(&choice);
        assert!(!uses_jemalloc(&choice));
    }
}
