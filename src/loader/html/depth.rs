//! How deeply a page's elements nest, estimated by one scan of its tags before it is parsed.
//!
//! html5ever keeps a stack of open elements and, for many start tags, searches it for an
//! element "in scope": linear in the stack's depth, so a page of 20,000 nested `<div>`s takes
//! minutes to parse (browsers stop nesting at a few hundred levels; html5ever does not). No
//! readout page nests more than a few dozen levels, so a page that nests deeper than
//! [`MAX_DEPTH`] is refused with that reason rather than parsed. The estimate follows the
//! tree builder in the ways that matter for an upper bound: void elements and elements that
//! close themselves (`<p>`, `<li>`, `<td>`...) do not nest, an end tag closes what was opened
//! after its element, raw text (scripts, styles) and comments hold no tags.

/// The deepest nesting read.
pub const MAX_DEPTH: usize = 1000;

/// Elements that never have an end tag.
const VOID: [&[u8]; 16] = [
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"keygen",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"basefont",
];

/// Elements whose start closes an open one of their kind, or that the parser places itself:
/// counting them could only overstate the depth.
const SELF_CLOSING: [&[u8]; 19] = [
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"tr",
    b"td",
    b"th",
    b"option",
    b"optgroup",
    b"rb",
    b"rt",
    b"rp",
    b"tbody",
    b"thead",
    b"tfoot",
    b"colgroup",
    b"html",
    b"head",
    b"body",
];

/// Elements whose content is text up to their own end tag.
const RAW_TEXT: [&[u8]; 9] = [
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"plaintext",
];

/// How many entries below the top an end tag looks for its element: a stray end tag does not
/// scan the whole stack.
const END_TAG_REACH: usize = 256;

/// The deepest nesting of the page's elements, as far as a scan of its tags tells; stops
/// counting past `limit`.
pub fn max_depth(html: &str, limit: usize) -> usize {
    let bytes = html.as_bytes();
    let mut stack: Vec<&[u8]> = Vec::new();
    let mut deepest = 0usize;
    let mut i = 0usize;
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        i += at + 1;
        let rest = &bytes[i..];
        if rest.starts_with(b"!--") {
            match memchr::memmem::find(&rest[3..], b"-->") {
                Some(end) => i += 3 + end + 3,
                None => break,
            }
            continue;
        }
        let (closing, name_at) = match rest.first() {
            Some(b'/') => (true, 1),
            Some(b) if b.is_ascii_alphabetic() => (false, 0),
            _ => continue,
        };
        let name_start = i + name_at;
        let mut name_end = name_start;
        while name_end < bytes.len()
            && !matches!(
                bytes[name_end],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/' | b'>'
            )
        {
            name_end += 1;
        }
        let name = &bytes[name_start..name_end];
        if name.is_empty() {
            continue;
        }
        // The tag's end; a quoted '>' inside an attribute is rare enough to miscount.
        let tag_end =
            memchr::memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |e| name_end + e);
        let self_closed = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        i = (tag_end + 1).min(bytes.len());
        let is = |list: &[&[u8]]| list.iter().any(|n| n.eq_ignore_ascii_case(name));
        if closing {
            let reach = stack.len().saturating_sub(END_TAG_REACH);
            if let Some(open) = stack[reach..]
                .iter()
                .rposition(|n| n.eq_ignore_ascii_case(name))
            {
                stack.truncate(reach + open);
            }
            continue;
        }
        if is(&RAW_TEXT) {
            // Skip to "</name", whatever its case.
            let mut found = None;
            let mut from = i;
            while let Some(lt) = memchr::memmem::find(&bytes[from..], b"</") {
                let at = from + lt + 2;
                if bytes
                    .get(at..at + name.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
                {
                    found = Some(at);
                    break;
                }
                from = at;
            }
            match found {
                Some(at) => i = at,
                None => break,
            }
            continue;
        }
        if self_closed || is(&VOID) || is(&SELF_CLOSING) {
            continue;
        }
        stack.push(name);
        deepest = deepest.max(stack.len());
        if deepest > limit {
            break;
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(html: &str) -> usize {
        max_depth(html, usize::MAX)
    }

    #[test]
    fn nested_elements_count_and_closed_ones_do_not() {
        assert_eq!(
            depth("<html><body><div><div><span>x</span></div></div></body></html>"),
            3
        );
        assert_eq!(depth(&"<div>x</div>".repeat(1000)), 1);
        assert_eq!(depth(&"<div>".repeat(5000)), 5000);
        assert_eq!(max_depth(&"<div>".repeat(5000), 100), 101);
    }

    #[test]
    fn void_and_self_closing_elements_do_not_nest() {
        assert_eq!(depth(&"<p>para<br><img src=x><li>item".repeat(1000)), 0);
        assert_eq!(depth("<table><tr><td>a<td>b<tr><td>c</table>"), 1);
        assert_eq!(depth("<div/><span/>"), 0);
    }

    #[test]
    fn an_end_tag_closes_what_was_opened_inside_its_element() {
        // Unclosed <span>s inside each <div>, as sloppy pages write them.
        assert_eq!(depth(&"<div><span><span>x</div>".repeat(1000)), 3);
        // A stray end tag closes nothing.
        assert_eq!(depth("<div></section><div>x"), 2);
    }

    #[test]
    fn scripts_styles_and_comments_hold_no_tags() {
        let page = format!(
            "<div><script>var s = '{}';</SCRIPT><style>a<b{{}}</style><!-- {} --></div>",
            "<div>".repeat(100),
            "<div>".repeat(100)
        );
        assert_eq!(depth(&page), 1);
        assert_eq!(depth("<script>never closed <div><div>"), 0);
        assert_eq!(depth("<!-- never closed <div>"), 0);
    }

    #[test]
    fn text_that_only_looks_like_tags_is_not_counted() {
        assert_eq!(depth("a < b and c <= d, <3, </ >"), 0);
        assert_eq!(depth("<"), 0);
        assert_eq!(depth("<div"), 1);
    }
}
