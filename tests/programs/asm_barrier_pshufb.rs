// Comment-only asm! used as an optimization barrier (in-out value unchanged), and the
// SSSE3 byte shuffle that regex/rand dependencies reach through core::arch.
use std::arch::x86_64::*;
fn main() {
    let mut x = 41u64;
    unsafe { core::arch::asm!("/*{0:e}*/", inout(reg) x) };
    println!("{}", x + 1);
    if is_x86_feature_detected!("ssse3") {
        unsafe {
            let a = _mm_setr_epi8(0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15);
            let m = _mm_setr_epi8(15,14,13,-1,0,0,1,1,2,3,4,5,6,7,8,9);
            let r: [i8; 16] = std::mem::transmute(_mm_shuffle_epi8(a, m));
            println!("{r:?}");
            let bytes = _mm_setr_epi8(-1, -1, 100, 2, 0, 7, 50, 60, 1, 2, 3, 4, 5, 6, 7, 8);
            let weights = _mm_setr_epi8(127, 127, -128, 3, 5, -5, 100, 100, 1, 1, -1, -1, 2, 2, -2, -2);
            let w: [i16; 8] = std::mem::transmute(_mm_maddubs_epi16(bytes, weights));
            println!("{w:?}");
        }
    }
}
