//! Handing freed memory back to the system between the stages of a long run.

/// Hands the pages of memory freed so far back to the system now.
///
/// jemalloc, which `diplo index` and `diplo check` allocate with (see the binary's `alloc`
/// module), keeps a freed page for reuse for up to ten seconds (its `dirty_decay_ms`), in the
/// arena of the thread that freed it. When a million-readout run's parsing ended, the parsing
/// threads' arenas kept such pages, and the linking that follows, on another thread, took new
/// pages beside them: linking peaked at 325–357 MiB, and at 263–280 MiB with the pages handed
/// back first. Where the process allocates with the system's allocator, jemalloc's arenas hold
/// nothing and this costs a few microseconds. Says whether jemalloc took the request (false
/// where it is not linked).
pub fn release_freed_memory() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // "arena.<MALLCTL_ARENAS_ALL>.purge": the unused dirty pages of every arena.
        let name = c"arena.4096.purge";
        // SAFETY: a purge reads and writes no value, and the name is NUL-terminated.
        let status = unsafe {
            tikv_jemalloc_sys::mallctl(
                name.as_ptr(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                0,
            )
        };
        status == 0
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    false
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fn jemalloc_takes_the_purge_of_every_arena() {
        assert!(super::release_freed_memory());
    }
}
