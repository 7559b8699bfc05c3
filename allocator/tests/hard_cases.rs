//! Hand-built functions for the situations a single-pass allocator most
//! easily gets wrong. Each one is allocated by fastclif's allocator and then
//! verified with regalloc2's checker.

use regalloc2::checker::Checker;
use regalloc2::{
    Block, Edit, Function, Inst, InstRange, MachineEnv, Operand, OperandConstraint, OperandKind, OperandPos,
    Output, PReg, PRegSet, ProgPoint, RegAllocError, RegClass, VReg,
};

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Op,
    Branch,
    Ret,
}

struct InstData {
    kind: Kind,
    ops: Vec<Operand>,
    clobbers: PRegSet,
}

#[derive(Default)]
struct BlockData {
    insts: Vec<InstData>,
    params: Vec<VReg>,
    succs: Vec<Block>,
    preds: Vec<Block>,
    args: Vec<Vec<VReg>>,
    range: Option<InstRange>,
}

/// A tiny `Function` implementation assembled block by block.
#[derive(Default)]
struct TestFunc {
    blocks: Vec<BlockData>,
    insts: Vec<InstData>,
    num_vregs: usize,
}

fn v(n: usize) -> VReg {
    VReg::new(n, RegClass::Int)
}
fn p(n: usize) -> PReg {
    PReg::new(n, RegClass::Int)
}
fn op(vr: VReg, c: OperandConstraint, k: OperandKind, pos: OperandPos) -> Operand {
    Operand::new(vr, c, k, pos)
}
fn def(n: usize) -> Operand {
    Operand::reg_def(v(n))
}
fn use_(n: usize) -> Operand {
    Operand::reg_use(v(n))
}

impl TestFunc {
    fn block(&mut self, params: &[usize]) -> Block {
        let b = Block::new(self.blocks.len());
        let params: Vec<VReg> = params.iter().map(|&n| v(n)).collect();
        for q in &params {
            self.num_vregs = self.num_vregs.max(q.vreg() + 1);
        }
        self.blocks.push(BlockData { params, ..Default::default() });
        b
    }
    fn note(&mut self, ops: &[Operand]) {
        for o in ops {
            if o.as_fixed_nonallocatable().is_none() {
                self.num_vregs = self.num_vregs.max(o.vreg().vreg() + 1);
            }
        }
    }
    fn inst(&mut self, b: Block, ops: &[Operand], clobbers: &[usize]) {
        self.note(ops);
        let mut set = PRegSet::empty();
        for &c in clobbers {
            set.add(p(c));
        }
        self.blocks[b.index()].insts.push(InstData { kind: Kind::Op, ops: ops.to_vec(), clobbers: set });
    }
    fn jump(&mut self, b: Block, targets: &[(Block, &[usize])], ops: &[Operand]) {
        self.note(ops);
        for (t, args) in targets {
            self.blocks[b.index()].succs.push(*t);
            self.blocks[b.index()].args.push(args.iter().map(|&n| v(n)).collect());
            self.blocks[t.index()].preds.push(b);
            for &n in args.iter() {
                self.num_vregs = self.num_vregs.max(n + 1);
            }
        }
        self.blocks[b.index()].insts.push(InstData {
            kind: Kind::Branch,
            ops: ops.to_vec(),
            clobbers: PRegSet::empty(),
        });
    }
    fn ret(&mut self, b: Block, ops: &[Operand]) {
        self.note(ops);
        self.blocks[b.index()].insts.push(InstData {
            kind: Kind::Ret,
            ops: ops.to_vec(),
            clobbers: PRegSet::empty(),
        });
    }
    fn finish(mut self) -> TestFunc {
        for b in 0..self.blocks.len() {
            let start = self.insts.len();
            let insts = std::mem::take(&mut self.blocks[b].insts);
            self.insts.extend(insts);
            self.blocks[b].range = Some(InstRange::new(Inst::new(start), Inst::new(self.insts.len())));
        }
        self
    }
}

impl Function for TestFunc {
    fn num_insts(&self) -> usize {
        self.insts.len()
    }
    fn num_blocks(&self) -> usize {
        self.blocks.len()
    }
    fn entry_block(&self) -> Block {
        Block::new(0)
    }
    fn block_insns(&self, b: Block) -> InstRange {
        self.blocks[b.index()].range.unwrap()
    }
    fn block_succs(&self, b: Block) -> &[Block] {
        &self.blocks[b.index()].succs
    }
    fn block_preds(&self, b: Block) -> &[Block] {
        &self.blocks[b.index()].preds
    }
    fn block_params(&self, b: Block) -> &[VReg] {
        &self.blocks[b.index()].params
    }
    fn is_ret(&self, i: Inst) -> bool {
        self.insts[i.index()].kind == Kind::Ret
    }
    fn is_branch(&self, i: Inst) -> bool {
        self.insts[i.index()].kind == Kind::Branch
    }
    fn branch_blockparams(&self, b: Block, _: Inst, k: usize) -> &[VReg] {
        &self.blocks[b.index()].args[k]
    }
    fn inst_operands(&self, i: Inst) -> &[Operand] {
        &self.insts[i.index()].ops
    }
    fn inst_clobbers(&self, i: Inst) -> PRegSet {
        self.insts[i.index()].clobbers
    }
    fn num_vregs(&self) -> usize {
        self.num_vregs
    }
    fn spillslot_size(&self, _: RegClass) -> usize {
        1
    }
}

/// Four preferred and two other integer registers, two stack-slot registers
/// (p40, p41), and no scratch register.
fn tight_env() -> MachineEnv {
    let mut pref = PRegSet::empty();
    for i in 0..4 {
        pref.add(p(i));
    }
    let mut other = PRegSet::empty();
    other.add(p(4));
    other.add(p(5));
    MachineEnv {
        preferred_regs_by_class: [pref, PRegSet::empty(), PRegSet::empty()],
        non_preferred_regs_by_class: [other, PRegSet::empty(), PRegSet::empty()],
        scratch_by_class: [None, None, None],
        fixed_stack_slots: vec![p(40), p(41)],
    }
}

fn check(f: &TestFunc, env: &MachineEnv) -> Output {
    let mut out = Output::default();
    regalloc2::run_fastclif(f, env, &mut out).expect("allocation failed");
    let mut checker = Checker::new(f, env);
    checker.prepare(&out);
    if let Err(e) = checker.run() {
        panic!("checker: {e:?}\nedits: {:?}\nallocs: {:?}", out.edits, out.allocs);
    }
    for w in out.edits.windows(2) {
        assert!(w[0].0 <= w[1].0, "edits out of order");
    }
    out
}

fn fixed(n: usize, r: usize) -> Operand {
    Operand::reg_fixed_use(v(n), p(r))
}

#[test]
fn fixed_register_taken_by_live_value() {
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    f.inst(b, &[Operand::reg_fixed_def(v(0), p(0))], &[]);
    f.inst(b, &[def(1)], &[]);
    // v1 must be in p0 while v0 (still live) also wants p0 later.
    f.inst(b, &[def(2), fixed(1, 0)], &[]);
    f.inst(b, &[def(3), fixed(0, 1), fixed(2, 0)], &[]);
    f.ret(b, &[fixed(3, 0)]);
    check(&f.finish(), &tight_env());
}

#[test]
fn tied_operand_with_input_live_after() {
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    f.inst(b, &[def(0)], &[]);
    f.inst(b, &[def(1)], &[]);
    f.inst(b, &[Operand::reg_reuse_def(v(2), 1), use_(0), use_(1)], &[]);
    f.inst(b, &[def(3), use_(0), use_(1), use_(2)], &[]);
    f.ret(b, &[fixed(3, 0)]);
    check(&f.finish(), &tight_env());
}

#[test]
fn more_live_values_than_registers() {
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    for n in 0..12 {
        f.inst(b, &[def(n)], &[]);
    }
    // Consume them pairwise, in an order unrelated to definition order.
    let mut acc = 12;
    f.inst(b, &[def(acc), use_(5), use_(11)], &[]);
    for n in [0, 7, 3, 9, 1, 10, 2, 8, 4, 6] {
        f.inst(b, &[def(acc + 1), use_(acc), use_(n)], &[]);
        acc += 1;
    }
    f.ret(b, &[fixed(acc, 0)]);
    check(&f.finish(), &tight_env());
}

#[test]
fn call_clobbers_everything() {
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    for n in 0..4 {
        f.inst(b, &[def(n)], &[]);
    }
    // A call: arguments in p0/p1, result in p0, everything else clobbered.
    f.inst(b, &[Operand::reg_fixed_def(v(4), p(0)), fixed(0, 0), fixed(1, 1)], &[1, 2, 3, 4, 5]);
    f.inst(b, &[def(5), use_(2), use_(3)], &[]);
    f.inst(b, &[def(6), use_(4), use_(5), use_(0), use_(1)], &[]);
    f.ret(b, &[fixed(6, 0)]);
    let out = check(&f.finish(), &tight_env());
    assert!(out.num_spillslots > 0);
}

#[test]
fn hundred_any_defs_on_one_instruction() {
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    let mut ops = vec![];
    for n in 0..100 {
        ops.push(Operand::any_def(v(n)));
    }
    f.inst(b, &ops, &[0, 1, 2]);
    let mut acc = 100;
    f.inst(b, &[def(acc), use_(0)], &[]);
    for n in 1..100 {
        f.inst(b, &[def(acc + 1), use_(acc), use_(n)], &[]);
        acc += 1;
    }
    f.ret(b, &[fixed(acc, 0)]);
    let out = check(&f.finish(), &tight_env());
    assert!(out.num_spillslots >= 90);
}

#[test]
fn critical_edge_is_rejected() {
    let mut f = TestFunc::default();
    let a = f.block(&[]);
    let b = f.block(&[]);
    let c = f.block(&[]);
    f.inst(a, &[def(0)], &[]);
    f.jump(a, &[(b, &[]), (c, &[])], &[use_(0)]);
    f.jump(b, &[(c, &[])], &[]);
    f.ret(c, &[]);
    let f = f.finish();
    let mut out = Output::default();
    match regalloc2::run_fastclif(&f, &tight_env(), &mut out) {
        Err(RegAllocError::CritEdge(..)) => {}
        other => panic!("expected a critical-edge error, got {other:?}"),
    }
}

#[test]
fn split_edges_diamond_with_params() {
    let mut f = TestFunc::default();
    let entry = f.block(&[]);
    let left = f.block(&[]);
    let right = f.block(&[]);
    let join = f.block(&[10, 11]);
    f.inst(entry, &[def(0)], &[]);
    f.inst(entry, &[def(1)], &[]);
    f.inst(entry, &[def(2)], &[]);
    f.jump(entry, &[(left, &[]), (right, &[])], &[use_(2)]);
    f.inst(left, &[def(3), use_(0)], &[]);
    f.jump(left, &[(join, &[3, 1])], &[]);
    f.inst(right, &[def(4), use_(1)], &[]);
    f.jump(right, &[(join, &[0, 4])], &[]);
    f.inst(join, &[def(5), use_(10), use_(11), use_(2)], &[]);
    f.ret(join, &[fixed(5, 0)]);
    check(&f.finish(), &tight_env());
}

/// A loop whose back edge swaps its two parameters while every register is
/// busy, with no scratch register: the swap has to go through memory.
#[test]
fn swap_cycle_without_scratch_register() {
    let mut f = TestFunc::default();
    let entry = f.block(&[]);
    let head = f.block(&[10, 11]);
    let body = f.block(&[]);
    let exit = f.block(&[]);
    let latch = f.block(&[]);
    for n in 0..6 {
        f.inst(entry, &[def(n)], &[]);
    }
    f.jump(entry, &[(head, &[0, 1])], &[]);
    f.inst(head, &[def(12), use_(10), use_(11)], &[]);
    f.jump(head, &[(body, &[]), (exit, &[])], &[use_(12)]);
    // Keep six values live across the back edge's moves.
    f.inst(body, &[def(13), use_(2), use_(3), use_(4), use_(5)], &[]);
    f.jump(body, &[(latch, &[])], &[]);
    f.inst(latch, &[def(14), use_(13), use_(2), use_(3), use_(4), use_(5)], &[]);
    f.jump(latch, &[(head, &[11, 10])], &[use_(14), use_(2), use_(3), use_(4), use_(5)]);
    f.inst(exit, &[def(15), use_(10), use_(11)], &[]);
    f.ret(exit, &[fixed(15, 0)]);
    let f = f.finish();
    check(&f, &tight_env());
    // Same with a scratch register available.
    let mut env = tight_env();
    env.non_preferred_regs_by_class[0] = PRegSet::empty().with(p(4));
    env.scratch_by_class[0] = Some(p(5));
    check(&f, &env);
}

#[test]
fn rotation_of_many_parameters() {
    let mut f = TestFunc::default();
    let entry = f.block(&[]);
    let head = f.block(&[20, 21, 22, 23, 24, 25, 26, 27]);
    let latch = f.block(&[]);
    let exit = f.block(&[]);
    for n in 0..8 {
        f.inst(entry, &[def(n)], &[]);
    }
    f.jump(entry, &[(head, &[0, 1, 2, 3, 4, 5, 6, 7])], &[]);
    f.inst(head, &[def(30), use_(20), use_(27)], &[]);
    f.jump(head, &[(latch, &[]), (exit, &[])], &[use_(30)]);
    // Rotate by one, and pass one parameter twice.
    f.jump(latch, &[(head, &[27, 20, 21, 22, 23, 24, 25, 21])], &[]);
    let mut acc = 20;
    for n in 21..28 {
        f.inst(exit, &[def(40 + n), use_(acc), use_(n)], &[]);
        acc = 40 + n;
    }
    f.ret(exit, &[fixed(acc, 0)]);
    check(&f.finish(), &tight_env());
}

#[test]
fn stack_slot_registers_and_stack_constraints() {
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    // Incoming argument in a stack-slot register, result written to one.
    f.inst(b, &[Operand::reg_fixed_def(v(0), p(40))], &[]);
    f.inst(b, &[def(1)], &[]);
    f.inst(b, &[Operand::reg_fixed_def(v(2), p(41)), use_(0), fixed(1, 40)], &[]);
    f.inst(
        b,
        &[
            op(v(3), OperandConstraint::Stack, OperandKind::Def, OperandPos::Late),
            op(v(2), OperandConstraint::Stack, OperandKind::Use, OperandPos::Early),
            fixed(0, 41),
        ],
        &[],
    );
    f.inst(b, &[def(4), use_(3), Operand::any_use(v(1))], &[]);
    f.ret(b, &[fixed(4, 0)]);
    let out = check(&f.finish(), &tight_env());
    for (_, Edit::Move { from, to }) in &out.edits {
        let stackish =
            |a: regalloc2::Allocation| a.is_stack() || a.as_reg().is_some_and(|r| r.hw_enc() >= 40);
        assert!(!(stackish(*from) && stackish(*to)), "memory-to-memory move");
    }
}

#[test]
fn early_defs_and_late_uses() {
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    for n in 0..3 {
        f.inst(b, &[def(n)], &[]);
    }
    f.inst(
        b,
        &[
            Operand::reg_def_at_start(v(3)),
            op(v(4), OperandConstraint::Reg, OperandKind::Def, OperandPos::Early),
            use_(0),
            Operand::reg_use_at_end(v(1)),
            Operand::reg_fixed_use_at_end(v(2), p(2)),
        ],
        &[],
    );
    f.inst(b, &[def(5), use_(3), use_(4), use_(0), use_(1), use_(2)], &[]);
    f.ret(b, &[fixed(5, 0)]);
    check(&f.finish(), &tight_env());
}

#[test]
fn one_value_in_several_fixed_registers() {
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    f.inst(b, &[def(0)], &[]);
    f.inst(b, &[def(1), fixed(0, 0), fixed(0, 1), fixed(0, 2), use_(0)], &[]);
    f.inst(b, &[def(2), use_(0), use_(1)], &[]);
    f.ret(b, &[fixed(2, 3)]);
    check(&f.finish(), &tight_env());
}

#[test]
fn non_allocatable_fixed_operand() {
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    f.inst(b, &[def(0)], &[]);
    f.inst(b, &[def(1), use_(0), Operand::fixed_nonallocatable(p(7))], &[]);
    f.ret(b, &[fixed(1, 0), Operand::fixed_nonallocatable(p(7))]);
    let out = check(&f.finish(), &tight_env());
    assert_eq!(out.inst_allocs(Inst::new(1))[2], regalloc2::Allocation::reg(p(7)));
}

#[test]
fn straight_line_blocks_keep_values_in_registers() {
    // entry -> b1 -> b2, each with a single predecessor: no reloads at
    // block entries are needed.
    let mut f = TestFunc::default();
    let b0 = f.block(&[]);
    let b1 = f.block(&[]);
    let b2 = f.block(&[]);
    f.inst(b0, &[def(0)], &[]);
    f.inst(b0, &[def(1)], &[]);
    f.jump(b0, &[(b1, &[])], &[]);
    f.inst(b1, &[def(2), use_(0)], &[]);
    f.jump(b1, &[(b2, &[])], &[]);
    f.inst(b2, &[def(3), use_(1), use_(2)], &[]);
    f.ret(b2, &[fixed(3, 0)]);
    let out = check(&f.finish(), &tight_env());
    assert_eq!(out.num_spillslots, 0, "edits: {:?}", out.edits);
}

#[test]
fn values_live_across_a_call_wait_in_registers_it_preserves() {
    // The call writes p0..p3 (its result in p0, the others clobbered), p4
    // and p5 are preserved and free:
    // v0 and v1 cross the call there and are copied back after it, with
    // no spill slot and no memory traffic.
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    f.inst(b, &[def(0)], &[]);
    f.inst(b, &[def(1)], &[]);
    f.inst(b, &[Operand::reg_fixed_def(v(2), p(0))], &[1, 2, 3]);
    f.inst(b, &[def(3), use_(0), use_(1), use_(2)], &[]);
    f.ret(b, &[fixed(3, 0)]);
    let out = check(&f.finish(), &tight_env());
    assert_eq!(out.num_spillslots, 0, "edits: {:?}", out.edits);
    assert!(out.edits.iter().all(|(_, regalloc2::Edit::Move { from, to })| from.is_reg() && to.is_reg()));

    // Three values and the call's result cross, and the result takes p4 for
    // the instruction after the call: one crossing value waits in p5, the
    // other two go through their slots as before.
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    for n in 0..3 {
        f.inst(b, &[def(n)], &[]);
    }
    f.inst(b, &[Operand::reg_fixed_def(v(3), p(0))], &[1, 2, 3]);
    f.inst(b, &[def(4), use_(0), use_(1), use_(2), use_(3)], &[]);
    f.ret(b, &[fixed(4, 0)]);
    let out = check(&f.finish(), &tight_env());
    assert_eq!(out.num_spillslots, 2, "edits: {:?}", out.edits);
}

#[test]
fn value_in_a_fixed_def_register_moves_aside_without_a_slot() {
    // v0 is expected in p0 below (a fixed use), and the instruction
    // defining v1 writes p0 (a fixed def, like a division's result): v0
    // waits in another free register instead of going through a slot.
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    f.inst(b, &[def(0)], &[]);
    f.inst(b, &[Operand::reg_fixed_def(v(1), p(0))], &[]);
    f.inst(b, &[def(2), fixed(0, 0), use_(1)], &[]);
    f.ret(b, &[fixed(2, 0)]);
    let out = check(&f.finish(), &tight_env());
    assert_eq!(out.num_spillslots, 0, "edits: {:?}", out.edits);
}

#[test]
fn call_argument_needed_after_the_call_waits_in_a_preserved_register() {
    // v0 is the call's argument (p1, which the call clobbers) and is read
    // again after the call: it waits in a preserved register (p4 or p5),
    // copied into p1 before the call and back where later code wants it
    // after it, with no spill slot.
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    f.inst(b, &[def(0)], &[]);
    f.inst(b, &[Operand::reg_fixed_def(v(1), p(0)), fixed(0, 1)], &[1, 2, 3]);
    f.inst(b, &[def(2), use_(0), use_(1)], &[]);
    f.ret(b, &[fixed(2, 0)]);
    let out = check(&f.finish(), &tight_env());
    assert_eq!(out.num_spillslots, 0, "edits: {:?}", out.edits);
    assert!(out.edits.iter().all(|(_, regalloc2::Edit::Move { from, to })| from.is_reg() && to.is_reg()));
}

#[test]
fn two_defs_wanted_the_other_way_round_swap_through_a_register() {
    // The instruction defines v0 in p0 and v1 in p1; the next one reads
    // them the other way round. The swap goes through a free register, not
    // through a spill slot.
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    f.inst(b, &[Operand::reg_fixed_def(v(0), p(0)), Operand::reg_fixed_def(v(1), p(1))], &[]);
    f.inst(b, &[def(2), fixed(0, 1), fixed(1, 0)], &[]);
    f.ret(b, &[fixed(2, 0)]);
    let out = check(&f.finish(), &tight_env());
    assert_eq!(out.num_spillslots, 0, "edits: {:?}", out.edits);
    assert!(out.edits.iter().all(|(_, regalloc2::Edit::Move { from, to })| from.is_reg() && to.is_reg()));
}

/// A loop with eight loop-carried values and six registers, whose body
/// computes each value's successor from the old values: the parameters
/// arrive in their slots. Each new value is defined after the last read of
/// the parameter it replaces, so it takes that parameter's slot and the
/// back edge copies nothing from slot to slot.
fn loop_with_more_carried_values_than_registers(read_after_def: bool) -> TestFunc {
    let mut f = TestFunc::default();
    let entry = f.block(&[]);
    let head = f.block(&[20, 21, 22, 23, 24, 25, 26, 27]);
    let body = f.block(&[]);
    let exit = f.block(&[]);
    let latch = f.block(&[]);
    for n in 0..8 {
        f.inst(entry, &[def(n)], &[]);
    }
    f.jump(entry, &[(head, &[0, 1, 2, 3, 4, 5, 6, 7])], &[]);
    f.inst(head, &[def(30), use_(20)], &[]);
    f.jump(head, &[(body, &[]), (exit, &[])], &[use_(30)]);
    // New value 40 + k from parameters 20 + k and 20 + (k + 1) % 8.
    for k in 0..8 {
        f.inst(body, &[def(40 + k), use_(20 + k), use_(20 + (k + 1) % 8)], &[]);
    }
    f.jump(body, &[(latch, &[])], &[]);
    if read_after_def {
        // The latch still reads every old value: no slot may be shared.
        for k in 0..8 {
            f.inst(latch, &[def(50 + k), use_(20 + k)], &[]);
        }
        f.jump(latch, &[(head, &[40, 41, 42, 43, 44, 45, 46, 47])], &[use_(50), use_(57)]);
    } else {
        f.jump(latch, &[(head, &[40, 41, 42, 43, 44, 45, 46, 47])], &[]);
    }
    let mut acc = 20;
    for n in 21..28 {
        f.inst(exit, &[def(60 + n), use_(acc), use_(n)], &[]);
        acc = 60 + n;
    }
    f.ret(exit, &[fixed(acc, 0)]);
    f.finish()
}

/// Loads from a slot at the back edge's branch (`latch`'s last instruction).
fn back_edge_loads(f: &TestFunc, out: &Output) -> usize {
    let branch = f.block_insns(Block::new(4)).last();
    out.edits
        .iter()
        .filter(|(at, Edit::Move { from, .. })| *at == ProgPoint::before(branch) && from.is_stack())
        .count()
}

#[test]
fn loop_carried_values_take_their_parameters_slots() {
    let f = loop_with_more_carried_values_than_registers(false);
    let out = check(&f, &tight_env());
    assert_eq!(back_edge_loads(&f, &out), 0, "edits: {:?}", out.edits);
}

#[test]
fn parameter_read_after_the_new_value_keeps_its_slot() {
    let f = loop_with_more_carried_values_than_registers(true);
    let out = check(&f, &tight_env());
    // The checker above is the real test; the copies are still there.
    assert!(back_edge_loads(&f, &out) > 0, "edits: {:?}", out.edits);
}

/// Arguments arrive in fixed registers (the entry block's first
/// instruction); their uses, which the walk meets first, take those
/// registers, and so does a tied def of an argument that is not read again.
#[test]
fn arguments_are_used_where_they_arrive() {
    let mut f = TestFunc::default();
    let b = f.block(&[]);
    f.inst(b, &[Operand::reg_fixed_def(v(0), p(2)), Operand::reg_fixed_def(v(1), p(3))], &[]);
    f.inst(b, &[Operand::reg_reuse_def(v(3), 1), use_(0)], &[]);
    f.inst(b, &[def(2), use_(1)], &[]);
    f.ret(b, &[fixed(2, 0)]);
    let out = check(&f.finish(), &tight_env());
    assert!(out.edits.is_empty(), "edits: {:?}", out.edits);
}
