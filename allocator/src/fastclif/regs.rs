//! Register bookkeeping: per-class bit masks and the machine description
//! boiled down to the few masks the allocator consults on every operand.

use upstream::{MachineEnv, PReg, PRegSet, RegClass};

/// Number of distinct `PReg::index()` values (class in the top bits).
pub(crate) const PREG_SPACE: usize = PReg::NUM_INDEX;

/// One 64-bit word per register class; bit `n` stands for hardware encoding `n`.
/// `PReg::index()` is `class * 64 + hw_enc`, so a register's word and bit come
/// straight from its index. The fourth word is never set; it lets the word
/// index be masked to two bits instead of decoding the class.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(crate) struct RegMask(pub(crate) [u64; 4]);

#[inline]
fn word_and_bit(r: PReg) -> (usize, u64) {
    let i = r.index();
    ((i >> 6) & 3, 1u64 << (i & 63))
}

impl RegMask {
    #[inline]
    pub(crate) fn insert(&mut self, r: PReg) {
        let (w, b) = word_and_bit(r);
        self.0[w] |= b;
    }
    #[inline]
    pub(crate) fn remove(&mut self, r: PReg) {
        let (w, b) = word_and_bit(r);
        self.0[w] &= !b;
    }
    #[inline]
    pub(crate) fn contains(&self, r: PReg) -> bool {
        let (w, b) = word_and_bit(r);
        self.0[w] & b != 0
    }
    #[inline]
    pub(crate) fn word(&self, c: RegClass) -> u64 {
        self.0[c as usize & 3]
    }
    #[inline]
    pub(crate) fn union(self, o: RegMask) -> RegMask {
        RegMask([self.0[0] | o.0[0], self.0[1] | o.0[1], self.0[2] | o.0[2], 0])
    }
}

/// Lowest set bit of `w` as a register of class `c`.
#[inline]
pub(crate) fn first_reg(w: u64, c: RegClass) -> PReg {
    PReg::new(w.trailing_zeros() as usize, c)
}

/// The registers of class `c` whose bits are set in `w`, lowest first. The
/// word is copied: the caller may change the masks it came from meanwhile.
#[inline]
pub(crate) fn regs_in(mut w: u64, c: RegClass) -> impl Iterator<Item = PReg> {
    std::iter::from_fn(move || {
        if w == 0 {
            return None;
        }
        let r = first_reg(w, c);
        w &= w - 1;
        Some(r)
    })
}

pub(crate) const CLASSES: [RegClass; 3] = [RegClass::Int, RegClass::Float, RegClass::Vector];

/// What the allocator needs to know about the target, as masks.
#[derive(Default)]
pub(crate) struct Machine {
    /// Registers handed out first.
    pub(crate) preferred: RegMask,
    /// Every register we may place a value in (preferred + non-preferred).
    pub(crate) usable: RegMask,
    /// `PReg`s that actually name stack locations.
    pub(crate) stack_pregs: RegMask,
    /// Dedicated scratch register per class, if the target gave one.
    pub(crate) scratch: [Option<PReg>; 3],
    /// How many registers `usable` has per class (counted once here: the
    /// portable build has no population-count instruction).
    pub(crate) usable_count: [u32; 3],
    /// The environment the masks were computed from (see `load`).
    loaded: bool,
    source: ([PRegSet; 3], [PRegSet; 3], [Option<PReg>; 3], Vec<PReg>),
}

impl Machine {
    /// Boil `env` down to masks. Consecutive functions nearly always share
    /// one environment, so an unchanged one is recognised by its register
    /// sets (cheap word compares) and not re-read.
    pub(crate) fn load(&mut self, env: &MachineEnv) {
        let same = self.loaded
            && self.source.0 == env.preferred_regs_by_class
            && self.source.1 == env.non_preferred_regs_by_class
            && self.source.2 == env.scratch_by_class
            && self.source.3 == env.fixed_stack_slots;
        if same {
            return;
        }
        self.source.0 = env.preferred_regs_by_class;
        self.source.1 = env.non_preferred_regs_by_class;
        self.source.2 = env.scratch_by_class;
        self.source.3.clone_from(&env.fixed_stack_slots);
        self.loaded = true;
        let mut preferred = RegMask::default();
        let mut usable = RegMask::default();
        for c in CLASSES {
            for r in env.preferred_regs_by_class[c as usize] {
                preferred.insert(r);
                usable.insert(r);
            }
            for r in env.non_preferred_regs_by_class[c as usize] {
                usable.insert(r);
            }
        }
        let mut stack_pregs = RegMask::default();
        for &r in &env.fixed_stack_slots {
            stack_pregs.insert(r);
            usable.remove(r);
            preferred.remove(r);
        }
        for c in CLASSES {
            if let Some(s) = env.scratch_by_class[c as usize] {
                usable.remove(s);
                preferred.remove(s);
            }
        }
        self.preferred = preferred;
        self.usable = usable;
        self.usable_count = CLASSES.map(|c| usable.word(c).count_ones());
        self.stack_pregs = stack_pregs;
        self.scratch = env.scratch_by_class;
    }

    /// One register of class `c` out of the non-empty `w`, a preferred one
    /// when `w` has any: a non-preferred register is callee-saved on the
    /// usual targets, so even a moment's use of it costs a save and a
    /// restore in the prologue and epilogue.
    #[inline]
    pub(crate) fn pick(&self, w: u64, c: RegClass) -> PReg {
        let pref = w & self.preferred.word(c);
        first_reg(if pref != 0 { pref } else { w }, c)
    }

    #[inline]
    pub(crate) fn is_usable(&self, r: PReg) -> bool {
        self.usable.contains(r)
    }

    #[inline]
    pub(crate) fn is_stack(&self, r: PReg) -> bool {
        self.stack_pregs.contains(r)
    }
}
