//! Decides the order in which blocks are walked and which control-flow edges
//! keep values in registers.
//!
//! Order: blocks unreachable from the entry first, then a depth-first
//! post-order of the reachable ones. In post-order every block comes before
//! its dominators, so when the walk reaches a definition, every use of the
//! value has already been seen; that is what lets us decide at the
//! definition whether a spill store is needed.
//!
//! Register hand-off: block `b` *adopts* successor `s` when `s` has `b` as its
//! only predecessor, takes no block parameters, is walked before `b`, and
//! `b`'s branch only has plain register/any uses. Then the register state at
//! `s`'s entry becomes the state at `b`'s exit and no reload is needed on
//! that edge. Every other edge goes through spill slots.
//!
//! A branch that defines values (`try_call`) hands them over at its
//! successors' entries (`after_branch`). The successors are walked first, so
//! where each definition lands is settled here, by its constraint alone
//! (`branch_def_is_slot`), for `after_branch` and `inst` to agree on.

use super::state::NONE32;
use upstream::{Block, Function, Inst, OperandConstraint, OperandKind, RegAllocError};

#[derive(Default)]
pub(crate) struct Plan {
    /// Blocks in walk order.
    pub(crate) order: Vec<Block>,
    /// Position of each block in `order`.
    pub(crate) pos: Vec<u32>,
    /// Successor adopted by each block, or `NONE32`.
    pub(crate) adopts: Vec<u32>,
    /// Per adopted block: registers per class to leave free for the
    /// predecessor's branch (0 means "not adopted").
    pub(crate) reserve: Vec<[u8; 3]>,
    pub(crate) adopted: Vec<bool>,
    /// Per block: its terminator defines values (`try_call`; see `after_branch`).
    pub(crate) defining_branch: Vec<bool>,
    seen: Vec<bool>,
    stack: Vec<(u32, u32)>,
    post: Vec<Block>,
}

impl Plan {
    pub(crate) fn build<F: Function>(&mut self, f: &F) -> Result<(), RegAllocError> {
        let n = f.num_blocks();
        self.order.clear();
        self.pos.clear();
        self.pos.resize(n, NONE32);
        self.adopts.clear();
        self.adopts.resize(n, NONE32);
        self.reserve.clear();
        self.reserve.resize(n, [0; 3]);
        self.adopted.clear();
        self.adopted.resize(n, false);
        self.defining_branch.clear();
        self.defining_branch.resize(n, false);
        self.seen.clear();
        self.seen.resize(n, false);

        // One depth-first search from the entry: post-order into `post`,
        // reachability into `seen`; the walk order is the unreachable blocks
        // (highest index first) followed by the post-order.
        let entry = f.entry_block();
        self.stack.clear();
        self.post.clear();
        self.stack.push((entry.index() as u32, 0));
        self.seen[entry.index()] = true;
        while let Some(top) = self.stack.last_mut() {
            let succs = f.block_succs(Block::new(top.0 as usize));
            if (top.1 as usize) < succs.len() {
                let s = succs[top.1 as usize].index();
                top.1 += 1;
                if !self.seen[s] {
                    self.seen[s] = true;
                    self.stack.push((s as u32, 0));
                }
            } else {
                self.post.push(Block::new(top.0 as usize));
                self.stack.pop();
            }
        }
        for b in (0..n).rev() {
            if !self.seen[b] {
                self.order.push(Block::new(b));
            }
        }
        self.order.extend_from_slice(&self.post);
        for (k, b) in self.order.iter().enumerate() {
            self.pos[b.index()] = k as u32;
        }

        for b in 0..n {
            let blk = Block::new(b);
            let succs = f.block_succs(blk);
            if succs.len() > 1 {
                for &s in succs {
                    if f.block_preds(s).len() > 1 {
                        return Err(RegAllocError::CritEdge(blk, s));
                    }
                }
            }
            let range = f.block_insns(blk);
            if range.len() == 0 {
                return Err(RegAllocError::BB(blk));
            }
            let last = range.last();
            if !f.is_branch(last) {
                continue;
            }
            if is_defining_branch(f, last) {
                // Never adopted either: its operands are not plain uses.
                self.defining_branch[b] = true;
                continue;
            }
            let mut per_class = [0u32; 3];
            if f.inst_clobbers(last) != upstream::PRegSet::empty() {
                continue;
            }
            let mut plain = true;
            for op in f.inst_operands(last) {
                if op.as_fixed_nonallocatable().is_some() {
                    continue;
                }
                match (op.kind(), op.constraint()) {
                    (OperandKind::Use, OperandConstraint::Reg | OperandConstraint::Any) => {
                        per_class[op.class() as usize] += 1;
                    }
                    _ => {
                        plain = false;
                        break;
                    }
                }
            }
            if !plain {
                continue;
            }
            for &s in succs {
                let si = s.index();
                if s != entry
                    && f.block_preds(s).len() == 1
                    && f.block_params(s).is_empty()
                    && self.pos[si] < self.pos[b]
                    && !self.adopted[si]
                {
                    self.adopts[b] = si as u32;
                    self.adopted[si] = true;
                    // Keep room for the branch's own uses plus two spare
                    // registers (edge-move temporaries for other successors).
                    let mut r = [0u8; 3];
                    for c in 0..3 {
                        r[c] = (per_class[c] + 2).min(255) as u8;
                    }
                    self.reserve[si] = r;
                    break;
                }
            }
        }
        Ok(())
    }
}

/// Does `i` define values while being a branch?
fn is_defining_branch<F: Function>(f: &F, i: Inst) -> bool {
    f.is_branch(i) && f.inst_operands(i).iter().any(|op| op.kind() == OperandKind::Def)
}

/// Where a branch definition with constraint `c` lands; `None` for
/// constraints whose location would depend on the walk.
pub(super) fn branch_def_is_slot(c: OperandConstraint) -> Option<bool> {
    match c {
        OperandConstraint::FixedReg(_) => Some(false),
        OperandConstraint::Any | OperandConstraint::Stack => Some(true),
        _ => None,
    }
}
