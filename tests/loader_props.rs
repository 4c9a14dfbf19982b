//! Property tests: the loader never panics, whatever the bytes, and ids are stable.
//! Raise PROPTEST_CASES for a long run (the closing note of the hardening issue gives counts).

use diplo::loader::{Loaded, parse_bytes};
use proptest::prelude::*;

const SEEDS: [&[u8]; 4] = [
    include_bytes!("../seeds/000_fd7ad6a0d65a9c83.txt"),
    include_bytes!("../seeds/001_8f02d77f9fe261ac.txt"),
    include_bytes!("../seeds/002_45b956f5592036d3.txt"),
    include_bytes!("../seeds/003_e2447bf0e712ceff.txt"),
];

fn mutate(seed: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for &(pos, byte, op) in edits {
        let at = pos % (bytes.len() + 1);
        match op % 4 {
            0 if at < bytes.len() => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            2 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => bytes.truncate(at.max(1)),
        }
    }
    bytes
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = parse_bytes(&bytes, "fuzz.txt");
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,2000}") {
        let _ = parse_bytes(text.as_bytes(), "fuzz.txt");
    }

    #[test]
    fn mutated_seeds_never_panic(which in 0usize..4, edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..40)) {
        let _ = parse_bytes(&mutate(SEEDS[which], &edits), "seed.txt");
    }

    #[test]
    fn the_id_depends_only_on_the_text(which in 0usize..4, crlf in any::<bool>(), bom in any::<bool>()) {
        let text = String::from_utf8_lossy(SEEDS[which]).into_owned();
        let mut variant = if crlf { text.replace('\n', "\r\n") } else { text.clone() };
        if bom { variant.insert(0, '\u{feff}'); }
        let id = |bytes: &[u8], source: &str| match parse_bytes(bytes, source) {
            Loaded::Record(r) => r.record.id,
            Loaded::Skipped(p) => panic!("seed skipped: {p}"),
        };
        prop_assert_eq!(id(text.as_bytes(), "a.txt"), id(variant.as_bytes(), "elsewhere/b.txt"));
    }
}
