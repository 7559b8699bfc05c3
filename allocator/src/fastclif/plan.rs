//! Decides, before the walk, the order in which blocks are walked and the
//! convention each block's entry follows.
//!
//! Order: blocks unreachable from the entry first, then a depth-first
//! post-order of the reachable ones. In post-order every block comes before
//! its dominators, so when the walk reaches a definition, every use of the
//! value has already been seen; that is what lets us decide at the
//! definition whether a spill store is needed. A predecessor is walked
//! before its successor only on a back edge (or from an unreachable block).
//!
//! Entry conventions (`Plan::kind`), see DESIGN.md "Blocks and edges":
//! - `K_SINGLE`: one predecessor, walked after the block. The block records
//!   the registers its code expects at its top; the predecessor, when walked,
//!   emits the moves that get them there (an *entry run*).
//! - `K_JOIN`: several predecessors, all walked after the block, all ending in
//!   a bare jump. The registers the block expects at its top (capped) are a
//!   contract every predecessor delivers, block parameters included.
//! - `K_LOOP`: like `K_JOIN`, but a predecessor (the back edge) is walked
//!   first: the contract is decided in advance (`loops`), and the header's
//!   top reconciles it with what the code below expects.
//! - `K_SLOTS`: everything else (several predecessors, one of whose branch
//!   is not a bare jump; the entry block): values and parameters arrive in
//!   their spill slots.
//! - `K_LATE_DEFINED`: one predecessor ending in a branch that defines
//!   values, walked before the block (unreachable code only): the entry run is
//!   emitted at the block's top, from slots and the branch's definitions.
//!
//! A branch that defines values (`try_call`) hands them over at its
//! successors' entries. Where each definition lands must be known from its
//! constraint alone (`branch_def_is_slot`), for the branch walk (`inst`) and
//! the entry runs (`entries`) to agree on.

use super::loops::Loops;
use super::regs::Machine;
use super::state::NONE32;
use upstream::{Block, Function, Inst, OperandConstraint, OperandKind, RegAllocError};

pub(crate) const K_SINGLE: u8 = 0;
pub(crate) const K_JOIN: u8 = 1;
pub(crate) const K_LOOP: u8 = 2;
pub(crate) const K_SLOTS: u8 = 3;
pub(crate) const K_LATE_DEFINED: u8 = 4;

/// Terminator shapes (`Plan::branch`).
/// Not a branch (return, trap): nothing after it.
pub(crate) const BR_NONE: u8 = 0;
/// A branch with no allocatable operands and no clobbers (a plain jump).
pub(crate) const BR_BARE: u8 = 1;
/// A branch whose only operands are register/any uses, with no clobbers.
pub(crate) const BR_PLAIN: u8 = 2;
/// A branch that also defines values (`try_call`, `br_table` temporaries).
pub(crate) const BR_DEFINING: u8 = 3;
/// Any other branch: its successors get nothing in registers.
pub(crate) const BR_OTHER: u8 = 4;

/// DFS states.
const UNSEEN: u8 = 0;
const ON_STACK: u8 = 1;
const DONE: u8 = 2;

#[derive(Default)]
pub(crate) struct Plan {
    /// Blocks in walk order.
    pub(crate) order: Vec<Block>,
    /// Position of each block in `order`.
    pub(crate) pos: Vec<u32>,
    /// Entry convention per block (`K_*`).
    pub(crate) kind: Vec<u8>,
    /// Terminator shape per block (`BR_*`).
    pub(crate) branch: Vec<u8>,
    /// Per block with a `BR_PLAIN` branch: its register uses per class.
    pub(crate) branch_uses: Vec<[u8; 3]>,
    /// Loop nesting and the registers loop headers promise (see `loops`).
    pub(crate) loops: Loops,
    dfs: Vec<u8>,
    stack: Vec<(u32, u32)>,
    post: Vec<Block>,
    /// Per reachable block: its post-order index, and the post-order index
    /// of the first block of its depth-first subtree.
    post_idx: Vec<u32>,
    lo: Vec<u32>,
    /// Per block: the target of a back edge.
    header: Vec<bool>,
}

impl Plan {
    pub(crate) fn build<F: Function>(&mut self, f: &F, m: &Machine) -> Result<(), RegAllocError> {
        let n = f.num_blocks();
        self.order.clear();
        self.pos.clear();
        self.pos.resize(n, NONE32);
        self.kind.clear();
        self.kind.resize(n, K_SLOTS);
        self.branch.clear();
        self.branch.resize(n, BR_NONE);
        self.branch_uses.clear();
        self.branch_uses.resize(n, [0; 3]);
        let any_header = self.dfs(f);
        for b in (0..n).rev() {
            if self.dfs[b] == UNSEEN {
                self.order.push(Block::new(b));
            }
        }
        self.order.extend_from_slice(&self.post);
        for (k, b) in self.order.iter().enumerate() {
            self.pos[b.index()] = k as u32;
        }
        for b in 0..n {
            self.classify_branch(f, Block::new(b))?;
        }
        let mut any_loop = false;
        for s in 0..n {
            let k = self.entry_kind(f, Block::new(s))?;
            any_loop |= k == K_LOOP;
            self.kind[s] = k;
        }
        self.loops.clear();
        if any_header && any_loop {
            let kind = &self.kind;
            self.loops
                .analyze(f, m, &self.post, &self.post_idx, &self.lo, &self.header, |h| kind[h] == K_LOOP);
        }
        Ok(())
    }

    /// One depth-first search from the entry: post-order into `post`,
    /// reachability in `dfs`, subtree bounds in `lo`/`post_idx`, back-edge
    /// targets in `header`. Returns whether there is a back edge.
    fn dfs<F: Function>(&mut self, f: &F) -> bool {
        let n = f.num_blocks();
        self.dfs.clear();
        self.dfs.resize(n, UNSEEN);
        self.post_idx.clear();
        self.post_idx.resize(n, NONE32);
        self.lo.clear();
        self.lo.resize(n, NONE32);
        self.header.clear();
        self.header.resize(n, false);
        let entry = f.entry_block();
        self.stack.clear();
        self.post.clear();
        self.stack.push((entry.index() as u32, 0));
        self.dfs[entry.index()] = ON_STACK;
        self.lo[entry.index()] = 0;
        let mut any = false;
        while let Some(top) = self.stack.last_mut() {
            let succs = f.block_succs(Block::new(top.0 as usize));
            if (top.1 as usize) < succs.len() {
                let s = succs[top.1 as usize].index();
                top.1 += 1;
                match self.dfs[s] {
                    UNSEEN => {
                        self.dfs[s] = ON_STACK;
                        self.lo[s] = self.post.len() as u32;
                        self.stack.push((s as u32, 0));
                    }
                    ON_STACK => {
                        self.header[s] = true;
                        any = true;
                    }
                    _ => {}
                }
            } else {
                let b = top.0 as usize;
                self.dfs[b] = DONE;
                self.post_idx[b] = self.post.len() as u32;
                self.post.push(Block::new(b));
                self.stack.pop();
            }
        }
        any
    }

    /// Check the block's shape and classify its terminator.
    fn classify_branch<F: Function>(&mut self, f: &F, blk: Block) -> Result<(), RegAllocError> {
        let b = blk.index();
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
            self.branch[b] = if succs.is_empty() { BR_NONE } else { BR_OTHER };
            return Ok(());
        }
        if is_defining_branch(f, last) {
            self.branch[b] = BR_DEFINING;
            return Ok(());
        }
        if f.inst_clobbers(last) != upstream::PRegSet::empty() {
            self.branch[b] = BR_OTHER;
            return Ok(());
        }
        let mut per_class = [0u32; 3];
        for op in f.inst_operands(last) {
            if op.as_fixed_nonallocatable().is_some() {
                continue;
            }
            match (op.kind(), op.constraint()) {
                (OperandKind::Use, OperandConstraint::Reg | OperandConstraint::Any) => {
                    per_class[op.class() as usize] += 1;
                }
                _ => {
                    self.branch[b] = BR_OTHER;
                    return Ok(());
                }
            }
        }
        if per_class == [0; 3] {
            self.branch[b] = BR_BARE;
        } else {
            self.branch[b] = BR_PLAIN;
            for c in 0..3 {
                self.branch_uses[b][c] = per_class[c].min(255) as u8;
            }
        }
        Ok(())
    }

    /// The entry convention of block `s` (see the module docs).
    fn entry_kind<F: Function>(&self, f: &F, s: Block) -> Result<u8, RegAllocError> {
        let preds = f.block_preds(s);
        let si = s.index();
        for &p in preds {
            if self.branch[p.index()] == BR_DEFINING && preds.len() != 1 {
                return Err(RegAllocError::CritEdge(p, s));
            }
        }
        if s == f.entry_block() || preds.is_empty() {
            return Ok(K_SLOTS);
        }
        if preds.len() == 1 {
            let p = preds[0].index();
            return Ok(if self.pos[p] > self.pos[si] {
                K_SINGLE
            } else if self.branch[p] == BR_DEFINING {
                K_LATE_DEFINED
            } else {
                K_SLOTS
            });
        }
        let mut back = false;
        for &p in preds {
            let pi = p.index();
            if self.branch[pi] != BR_BARE || f.block_succs(p).len() != 1 {
                return Ok(K_SLOTS);
            }
            back |= self.pos[pi] <= self.pos[si];
        }
        Ok(if !back {
            K_JOIN
        } else if self.header[si] && self.dfs[si] == DONE {
            K_LOOP
        } else {
            K_SLOTS
        })
    }

    /// Is the edge `p -> s` walked from `p` first (a back edge, or from
    /// unreachable code)?
    #[inline]
    pub(crate) fn walked_before(&self, p: Block, s: Block) -> bool {
        self.pos[p.index()] <= self.pos[s.index()]
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
