//! JSON Lines: one compact object per line, the same whether or not stdout is a terminal.

use serde::Serialize;
use std::io::Write;

pub fn write_line<W: Write, T: Serialize>(out: &mut W, value: &T) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}
