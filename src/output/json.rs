//! JSON Lines: one compact object per line, the same whether or not stdout is a terminal.

use serde::Serialize;
use std::io::Write;

pub fn write_line<W: Write, T: Serialize>(out: &mut W, value: &T) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Many lines are serialized across both cores, a block at a time, and written in order.
pub fn write_lines<W: Write, T: Serialize + Sync>(
    out: &mut W,
    values: &[T],
) -> std::io::Result<()> {
    use rayon::prelude::*;
    const BLOCK: usize = 512;
    if values.len() <= BLOCK {
        return values.iter().try_for_each(|v| write_line(out, v));
    }
    let blocks: Vec<Vec<u8>> = values
        .par_chunks(BLOCK)
        .map(|chunk| {
            let mut buf = Vec::with_capacity(chunk.len() * 512);
            chunk.iter().try_for_each(|v| write_line(&mut buf, v))?;
            Ok(buf)
        })
        .collect::<std::io::Result<_>>()?;
    blocks.iter().try_for_each(|b| out.write_all(b))
}
