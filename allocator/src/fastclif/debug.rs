//! Value-location debug info.
//!
//! While walking, `state::Values` closes a segment (vreg, from, to, location)
//! each time a labeled vreg changes location. Here those segments are
//! clipped to the label ranges the client asked for and sorted into
//! `Output::debug_locations`. Where a value is not referenced in a block it
//! gets no segment there: the output may cover less than requested, which
//! the interface allows, but it never claims a wrong location.

use super::scratch::Allocator;
use upstream::{Function, Output, ProgPoint};

impl Allocator {
    /// Mark the vregs that carry debug labels.
    pub(super) fn prepare_labels<F: Function>(&mut self, f: &F) {
        let labels = f.debug_value_labels();
        if labels.is_empty() {
            return;
        }
        self.values.track_labels(f.num_vregs());
        for &(v, ..) in labels {
            if v.vreg() < self.values.labeled.len() {
                self.values.labeled[v.vreg()] = true;
            }
        }
    }

    pub(super) fn emit_debug_locations<F: Function>(&mut self, f: &F, out: &mut Output) {
        out.debug_locations.clear();
        if !self.values.any_labels {
            return;
        }
        let labels = f.debug_value_labels();
        for k in 0..self.values.segments.len() {
            let (v, from, to, at) = self.values.segments[k];
            // Labels are sorted by vreg: find this vreg's run.
            let lo = labels.partition_point(|l| (l.0.vreg() as u32) < v);
            for &(lv, start, end, label) in &labels[lo..] {
                if lv.vreg() as u32 != v {
                    break;
                }
                let s = ProgPoint::before(start).to_index().max(from);
                let e = ProgPoint::before(end).to_index().min(to);
                if s < e {
                    out.debug_locations.push((label, ProgPoint::from_index(s), ProgPoint::from_index(e), at));
                }
            }
        }
        out.debug_locations.sort_unstable_by_key(|&(label, from, ..)| (label, from.to_index()));
        // Keep ranges of one label disjoint (two vregs could claim overlaps).
        let mut w = 0;
        for r in 0..out.debug_locations.len() {
            let mut cur = out.debug_locations[r];
            if w > 0 {
                let prev = out.debug_locations[w - 1];
                if prev.0 == cur.0 && cur.1 < prev.2 {
                    cur.1 = prev.2;
                    if cur.1 >= cur.2 {
                        continue;
                    }
                }
            }
            out.debug_locations[w] = cur;
            w += 1;
        }
        out.debug_locations.truncate(w);
    }
}
