//! Loops, found before the walk, and the registers each loop header promises
//! to its back edges.
//!
//! The walk is backwards over a post-order, so a loop's back edge (the jump at
//! the end of its body) is walked before the header: when the walk gets there,
//! nothing yet says where the header wants its values. This pass decides it in
//! advance, in time linear in the size of the loops:
//!
//! 1. Natural loops of the depth-first back edges, innermost first, each
//!    block joined to its innermost loop through a union-find on the
//!    headers (every block and every predecessor edge is looked at once).
//! 2. Per loop, its *candidates*: the header's parameters (the loop-carried
//!    values), then candidates of inner loops that are defined outside this
//!    one, then values used (or passed to a successor) in the loop's own
//!    blocks and defined outside it. A use in loop `h` of a value defined in
//!    block `d` is defined outside `h` exactly when `d` is not in `h`'s
//!    depth-first subtree (SSA: the definition dominates the use), so the
//!    test needs the post-order index of the definitions inside loops only.
//!    Candidates are capped at the register count per class.
//! 3. Per loop header, outermost first, a register for the first candidates:
//!    only registers no instruction of the loop names as a fixed operand or
//!    clobbers (with a call in the loop: the callee-saved ones), leaving
//!    `RESERVE` registers per class for the loop's temporaries. A value keeps
//!    the register an enclosing loop gave it (`hint`), so nested loops agree.
//!
//! The walk uses the result as a contract (`K_LOOP` in `plan`) and as hints
//! for register choice; neither affects correctness, only how many moves the
//! header's top needs.

use super::operand_bits::{fixed_reg, is_nonallocatable, is_use, vreg_and_class};
use super::regs::{Machine, RegMask, first_reg};
use super::state::NONE32;
use upstream::{Block, Function, Inst, PReg, PRegSet, VReg};

/// `Loops::hint` value: no register suggested.
pub(crate) const NO_HINT: u16 = u16::MAX;

/// Registers per class a loop header's contract leaves to the loop's own
/// temporaries. Two rather than four: on the `loops` run-time kernel (24
/// loop-carried values) the loop runs 6% faster, the other kernels and the
/// real corpus's spill counts do not change.
const RESERVE: u32 = 2;

#[derive(Default)]
pub(crate) struct Loops {
    /// Loop contracts exist: `depth`, `guess_run` and `hint` are valid.
    pub(crate) active: bool,
    /// Per block: loop nesting depth (0 outside every loop).
    pub(crate) depth: Vec<u8>,
    /// Per loop header: the registers its back edges deliver, as
    /// (vreg, register) runs of `guess`.
    pub(crate) guess: Vec<(u32, PReg)>,
    pub(crate) guess_run: Vec<(u32, u32)>,
    /// Per vreg: the register a loop contract gave it, or `NO_HINT`.
    pub(crate) hint: Vec<u16>,
    /// Per block: innermost loop header (the header itself for a header).
    hdr: Vec<u32>,
    /// Per header: enclosing header, first inner loop, next sibling, first
    /// block (other than inner loops and the header) and, per block, the next.
    parent: Vec<u32>,
    first_child: Vec<u32>,
    next_sibling: Vec<u32>,
    first_block: Vec<u32>,
    next_block: Vec<u32>,
    uf: Vec<u32>,
    work: Vec<u32>,
    /// Headers in post-order (inner loops before the loops around them).
    headers: Vec<u32>,
    /// Per vreg: post-order index of its defining block, if that is in a loop.
    def_post: Vec<u32>,
    /// Per vreg: the last header it was considered for.
    mark: Vec<u32>,
    cands: Vec<VReg>,
    cand_run: Vec<(u32, u32)>,
    /// Contract members still without a register (`assign`).
    pending: Vec<VReg>,
    /// Per header: registers its loop names in fixed operands or clobbers.
    touched: Vec<RegMask>,
    /// The last clobber set seen and its mask: the calls of a loop mostly
    /// share one set, which is then not walked register by register again.
    last_clobbers: (PRegSet, RegMask),
}

fn find(uf: &mut [u32], mut x: u32) -> u32 {
    while uf[x as usize] != x {
        let up = uf[uf[x as usize] as usize];
        uf[x as usize] = up;
        x = up;
    }
    x
}

impl Loops {
    pub(crate) fn clear(&mut self) {
        self.active = false;
    }

    /// The header of the innermost loop around block `b` (`b` itself for a
    /// header), or `NONE32` outside loops. Valid while `active`.
    pub(crate) fn innermost_header(&self, b: Block) -> u32 {
        self.hdr[b.index()]
    }

    /// Find the loops and their contracts. `post`: reachable blocks in
    /// post-order; `post_idx`/`lo`: each block's post-order index and the
    /// first index of its depth-first subtree; `header`: back-edge targets;
    /// `takes_contract`: which headers get registers (`K_LOOP`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn analyze<F: Function>(
        &mut self,
        f: &F,
        m: &Machine,
        post: &[Block],
        post_idx: &[u32],
        lo: &[u32],
        header: &[bool],
        takes_contract: impl Fn(usize) -> bool,
    ) {
        let n = f.num_blocks();
        for v in [
            &mut self.hdr,
            &mut self.parent,
            &mut self.first_child,
            &mut self.next_sibling,
            &mut self.first_block,
            &mut self.next_block,
        ] {
            v.clear();
            v.resize(n, NONE32);
        }
        self.uf.clear();
        self.uf.extend(0..n as u32);
        self.depth.clear();
        self.depth.resize(n, 0);
        self.guess.clear();
        self.guess_run.clear();
        self.guess_run.resize(n, (0, 0));
        self.cand_run.clear();
        self.cand_run.resize(n, (0, 0));
        self.touched.clear();
        self.touched.resize(n, RegMask::default());
        self.headers.clear();
        self.headers.extend(post.iter().filter(|b| header[b.index()]).map(|b| b.index() as u32));
        self.find_bodies(f, post_idx, lo);
        self.find_depths(n);
        self.find_candidates(f, m, post_idx, lo);
        self.assign(f, m, takes_contract);
        self.active = true;
    }

    /// Step 1: natural loops, innermost first.
    fn find_bodies<F: Function>(&mut self, f: &F, post_idx: &[u32], lo: &[u32]) {
        for k in 0..self.headers.len() {
            let h = self.headers[k];
            let (lo_h, hi_h) = (lo[h as usize], post_idx[h as usize]);
            let inside = |q: Block| {
                let i = post_idx[q.index()];
                i != NONE32 && lo_h <= i && i <= hi_h && q.index() as u32 != h
            };
            self.hdr[h as usize] = h;
            self.work.clear();
            for &p in f.block_preds(Block::new(h as usize)) {
                if inside(p) {
                    self.work.push(p.index() as u32);
                }
            }
            while let Some(x) = self.work.pop() {
                let r = find(&mut self.uf, x);
                if r == h {
                    continue;
                }
                let ri = r as usize;
                if self.hdr[ri] == NONE32 {
                    self.hdr[ri] = h;
                    self.next_block[ri] = self.first_block[h as usize];
                    self.first_block[h as usize] = r;
                } else {
                    self.parent[ri] = h;
                    self.next_sibling[ri] = self.first_child[h as usize];
                    self.first_child[h as usize] = r;
                }
                self.uf[ri] = h;
                for &q in f.block_preds(Block::new(ri)) {
                    if inside(q) {
                        self.work.push(q.index() as u32);
                    }
                }
            }
        }
    }

    /// Nesting depth of every block, outer loops first.
    fn find_depths(&mut self, n: usize) {
        for k in (0..self.headers.len()).rev() {
            let h = self.headers[k] as usize;
            let p = self.parent[h];
            self.depth[h] = if p == NONE32 { 1 } else { self.depth[p as usize].saturating_add(1) };
        }
        for b in 0..n {
            let h = self.hdr[b];
            if h != NONE32 {
                self.depth[b] = self.depth[h as usize];
            }
        }
    }

    /// Step 2: candidates per loop, inner loops first.
    fn find_candidates<F: Function>(&mut self, f: &F, m: &Machine, post_idx: &[u32], lo: &[u32]) {
        let nv = f.num_vregs();
        self.def_post.clear();
        self.def_post.resize(nv, NONE32);
        self.mark.clear();
        self.mark.resize(nv, NONE32);
        for k in 0..self.headers.len() {
            let h = self.headers[k];
            let mut b = h;
            while b != NONE32 {
                let blk = Block::new(b as usize);
                for &p in f.block_params(blk) {
                    self.def_post[p.vreg()] = post_idx[b as usize];
                }
                for i in f.block_insns(blk).iter() {
                    for &op in f.inst_operands(i) {
                        if !is_use(op) && !is_nonallocatable(op) {
                            self.def_post[vreg_and_class(op).0.vreg()] = post_idx[b as usize];
                        }
                    }
                }
                b = if b == h { self.first_block[h as usize] } else { self.next_block[b as usize] };
            }
        }
        self.cands.clear();
        let cap = m.usable_count;
        for k in 0..self.headers.len() {
            let h = self.headers[k];
            let mut cx = CandCx { h, lo: lo[h as usize], hi: post_idx[h as usize], cap, count: [0; 3] };
            let start = self.cands.len() as u32;
            let mut touched = RegMask::default();
            for &p in f.block_params(Block::new(h as usize)) {
                self.mark[p.vreg()] = h;
                cx.push(&mut self.cands, p);
            }
            let mut child = self.first_child[h as usize];
            while child != NONE32 {
                touched = touched.union(self.touched[child as usize]);
                let (s, e) = self.cand_run[child as usize];
                for q in s..e {
                    let v = self.cands[q as usize];
                    self.consider(v, &mut cx);
                }
                child = self.next_sibling[child as usize];
            }
            let mut b = h;
            while b != NONE32 {
                self.scan_block(f, Block::new(b as usize), &mut cx, &mut touched);
                b = if b == h { self.first_block[h as usize] } else { self.next_block[b as usize] };
            }
            self.touched[h as usize] = touched;
            self.cand_run[h as usize] = (start, self.cands.len() as u32);
        }
    }

    /// Candidates and touched registers of one block of loop `cx.h`.
    fn scan_block<F: Function>(&mut self, f: &F, blk: Block, cx: &mut CandCx, touched: &mut RegMask) {
        let range = f.block_insns(blk);
        for i in range.iter() {
            let clobbers = f.inst_clobbers(i);
            if clobbers != PRegSet::empty() {
                if clobbers != self.last_clobbers.0 {
                    let mut mask = RegMask::default();
                    for r in clobbers {
                        mask.insert(r);
                    }
                    self.last_clobbers = (clobbers, mask);
                }
                *touched = touched.union(self.last_clobbers.1);
            }
            for &op in f.inst_operands(i) {
                if let Some(r) = fixed_reg(op) {
                    touched.insert(r);
                    if is_nonallocatable(op) {
                        continue;
                    }
                }
                if is_use(op) {
                    self.consider(vreg_and_class(op).0, cx);
                }
            }
        }
        let last: Inst = range.last();
        if f.is_branch(last) {
            for k in 0..f.block_succs(blk).len() {
                for &a in f.branch_blockparams(blk, last, k) {
                    self.consider(a, cx);
                }
            }
        }
    }

    /// Add `v` to the candidates of loop `cx.h` if it is defined outside it.
    #[inline]
    fn consider(&mut self, v: VReg, cx: &mut CandCx) {
        let vi = v.vreg();
        if self.mark[vi] == cx.h {
            return;
        }
        self.mark[vi] = cx.h;
        let d = self.def_post[vi];
        if d != NONE32 && cx.lo <= d && d <= cx.hi {
            return;
        }
        cx.push(&mut self.cands, v);
    }

    /// Step 3: registers for the candidates of each `K_LOOP` header, outer
    /// loops first. The first candidates per class up to the limit are in;
    /// those an enclosing loop already placed keep their register if it is
    /// free here, the others take the first free one (caller-saved first,
    /// which costs no save in the prologue).
    fn assign<F: Function>(&mut self, f: &F, m: &Machine, takes_contract: impl Fn(usize) -> bool) {
        let nv = f.num_vregs();
        self.hint.clear();
        self.hint.resize(nv, NO_HINT);
        for k in (0..self.headers.len()).rev() {
            let h = self.headers[k] as usize;
            let start = self.guess.len() as u32;
            if takes_contract(h) {
                let mut pool = [0u64; 3];
                let mut limit = [0u32; 3];
                for c in 0..3 {
                    let usable = m.usable.0[c];
                    pool[c] = usable & !self.touched[h].0[c];
                    limit[c] = pool[c].count_ones().min(m.usable_count[c].saturating_sub(RESERVE));
                }
                let (s, e) = self.cand_run[h];
                let mut n = [0u32; 3];
                // Members first (priority order), with their inherited registers.
                self.pending.clear();
                for q in s..e {
                    let v = self.cands[q as usize];
                    let c = v.class() as usize;
                    if n[c] >= limit[c] {
                        continue;
                    }
                    n[c] += 1;
                    let hint = self.hint[v.vreg()];
                    if hint != NO_HINT && pool[c] & (1u64 << (hint & 63)) != 0 {
                        pool[c] &= !(1u64 << (hint & 63));
                        self.guess.push((v.vreg() as u32, PReg::from_index(hint as usize)));
                    } else {
                        self.pending.push(v);
                    }
                }
                // Then registers for the members without one.
                for q in 0..self.pending.len() {
                    let v = self.pending[q];
                    let c = v.class() as usize;
                    let pref = pool[c] & m.preferred.0[c];
                    let w = if pref != 0 { pref } else { pool[c] };
                    debug_assert!(w != 0);
                    let r = first_reg(w, v.class());
                    pool[c] &= !(1u64 << r.hw_enc());
                    self.guess.push((v.vreg() as u32, r));
                    if self.hint[v.vreg()] == NO_HINT {
                        self.hint[v.vreg()] = r.index() as u16;
                    }
                }
            }
            self.guess_run[h] = (start, self.guess.len() as u32);
        }
    }
}

/// The loop whose candidates are being collected: header, its depth-first
/// subtree (post-order indices `lo..=hi`), and the per-class cap.
struct CandCx {
    h: u32,
    lo: u32,
    hi: u32,
    cap: [u32; 3],
    count: [u32; 3],
}

impl CandCx {
    #[inline]
    fn push(&mut self, cands: &mut Vec<VReg>, v: VReg) {
        let c = v.class() as usize;
        if self.count[c] < self.cap[c] {
            self.count[c] += 1;
            cands.push(v);
        }
    }
}
