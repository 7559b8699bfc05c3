//! The language-specific data area (LSDA) of one function, in the `.gcc_except_table` format
//! that Rust's `rust_eh_personality` (and every Itanium-ABI personality) reads.
//!
//! Layout: header (landing-pad base omitted, so landing pads are offsets from the function
//! start; type-table encoding and offset; call-site encoding), the call-site table, the action
//! table, then the type table, which ends at the type-table base.

use cranelift_codegen::ir::ExceptionTag;
use cranelift_codegen::{MachCallSiteItem, MachExceptionHandler};

/// Exception-table tag for a landing pad that runs cleanups and resumes unwinding.
pub const CLEANUP_TAG: u32 = 0;
/// Exception-table tag for a landing pad that catches every Rust panic (`catch_unwind`).
pub const CATCH_TAG: u32 = 1;

pub fn cleanup_tag() -> ExceptionTag {
    ExceptionTag::with_number(CLEANUP_TAG).expect("small tag")
}

pub fn catch_tag() -> ExceptionTag {
    ExceptionTag::with_number(CATCH_TAG).expect("small tag")
}

const DW_EH_PE_OMIT: u8 = 0xff;
const DW_EH_PE_ULEB128: u8 = 0x01;
const DW_EH_PE_UDATA4: u8 = 0x03;
/// Width of the type-table offset field, written as a padded ULEB128 so that the layout after
/// it is known before the offset's value is.
const TTYPE_OFFSET_WIDTH: usize = 4;

fn push_uleb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn push_padded_uleb(out: &mut Vec<u8>, value: u64, width: usize) {
    assert!(value < 1 << (7 * width), "LSDA type-table offset too large");
    for i in 0..width {
        let byte = ((value >> (7 * i)) & 0x7f) as u8;
        out.push(if i + 1 < width { byte | 0x80 } else { byte });
    }
}

/// Builds the LSDA for a function whose call sites are `sites` (in code order). Returns `None`
/// when no call has a landing pad: such a function needs neither LSDA nor personality.
///
/// Every call is listed, so that the personality lets exceptions pass through calls without a
/// landing pad (an address missing from the table would mean "must not unwind": abort).
pub fn build<'a, I: Iterator<Item = MachCallSiteItem<'a>>>(sites: impl Fn() -> I) -> Option<Vec<u8>> {
    let has_pads = sites().any(|site| !site.exception_handlers.is_empty());
    if !has_pads {
        return None;
    }
    let mut has_catch = false;
    let mut call_sites = Vec::new();
    for site in sites() {
        // One byte before the return address lies inside the call instruction: that is the
        // address personalities look up.
        let start = u64::from(site.ret_addr - 1);
        let mut landing = (0, 0);
        for handler in site.exception_handlers {
            if let MachExceptionHandler::Tag(tag, target) = handler {
                // Action 0 is "cleanup"; action 1 is the first record of the action table.
                let action = if tag.as_u32() == CATCH_TAG { 1 } else { 0 };
                has_catch |= action == 1;
                landing = (u64::from(target.as_offset()), action);
                break;
            }
        }
        push_uleb(&mut call_sites, start);
        push_uleb(&mut call_sites, 1);
        push_uleb(&mut call_sites, landing.0);
        push_uleb(&mut call_sites, landing.1);
    }

    let mut out = vec![DW_EH_PE_OMIT];
    if !has_catch {
        out.push(DW_EH_PE_OMIT);
        out.push(DW_EH_PE_ULEB128);
        push_uleb(&mut out, call_sites.len() as u64);
        out.extend_from_slice(&call_sites);
        return Some(out);
    }
    out.push(DW_EH_PE_UDATA4);
    let offset_field = out.len();
    out.extend_from_slice(&[0; TTYPE_OFFSET_WIDTH]);
    let after_offset_field = out.len();
    out.push(DW_EH_PE_ULEB128);
    push_uleb(&mut out, call_sites.len() as u64);
    out.extend_from_slice(&call_sites);
    // The one action record: catch type-table entry 1, no further action.
    out.extend_from_slice(&[1, 0]);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    // Type-table entry 1 (just below the base) is a null type: catch everything.
    out.extend_from_slice(&[0; 4]);
    let mut offset = Vec::with_capacity(TTYPE_OFFSET_WIDTH);
    push_padded_uleb(&mut offset, (out.len() - after_offset_field) as u64, TTYPE_OFFSET_WIDTH);
    out[offset_field..after_offset_field].copy_from_slice(&offset);
    Some(out)
}
