// Atomics and threads: atomic ops with every Ordering, compare_exchange, fetch_update, fences,
// thread::spawn + join with Arc<Mutex>, scoped threads, mpsc channels. Output is deterministic.
use std::sync::atomic::{fence, AtomicBool, AtomicI64, AtomicPtr, AtomicU8, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex, RwLock};
use std::thread;

static GLOBAL: AtomicUsize = AtomicUsize::new(0);

fn main() {
    let a = AtomicUsize::new(5);
    println!("load {} ", a.load(Ordering::Relaxed));
    a.store(10, Ordering::Release);
    println!("fetch_add {} fetch_sub {} now {}", a.fetch_add(3, Ordering::AcqRel), a.fetch_sub(1, Ordering::SeqCst), a.load(Ordering::Acquire));
    println!("swap {} and {} or {} xor {} now {}", a.swap(0xff, Ordering::Relaxed), a.fetch_and(0x0f, Ordering::SeqCst), a.fetch_or(0x30, Ordering::Release), a.fetch_xor(0x01, Ordering::Acquire), a.load(Ordering::SeqCst));
    println!("max {} min {} now {}", a.fetch_max(100, Ordering::SeqCst), a.fetch_min(50, Ordering::SeqCst), a.load(Ordering::Relaxed));
    println!("cx ok {:?} cx fail {:?}", a.compare_exchange(50, 60, Ordering::AcqRel, Ordering::Acquire), a.compare_exchange(50, 70, Ordering::SeqCst, Ordering::Relaxed));
    let mut spins = 0;
    loop {
        spins += 1;
        if a.compare_exchange_weak(60, 61, Ordering::Relaxed, Ordering::Relaxed).is_ok() { break; }
    }
    println!("weak ok now {} (spun>0: {})", a.load(Ordering::Relaxed), spins > 0);
    println!("try_update {:?} {:?} now {}", a.try_update(Ordering::SeqCst, Ordering::SeqCst, |x| Some(x * 2)), a.try_update(Ordering::SeqCst, Ordering::SeqCst, |x| if x > 1000 { Some(0) } else { None }), a.load(Ordering::SeqCst));
    let b = AtomicBool::new(false);
    println!("bool {} {} {} {} {}", b.fetch_or(true, Ordering::SeqCst), b.fetch_and(false, Ordering::SeqCst), b.fetch_xor(true, Ordering::SeqCst), b.fetch_nand(true, Ordering::SeqCst), b.load(Ordering::SeqCst));
    let i = AtomicI64::new(-5);
    println!("i64 {} {} {} {:?}", i.fetch_add(-10, Ordering::SeqCst), i.fetch_min(-100, Ordering::Relaxed), i.load(Ordering::Relaxed), i.compare_exchange(-100, i64::MAX, Ordering::SeqCst, Ordering::SeqCst));
    let u8a = AtomicU8::new(250);
    println!("u8 wrap {} {}", u8a.fetch_add(10, Ordering::SeqCst), u8a.load(Ordering::SeqCst));
    let mut x = 7u32;
    let mut y = 9u32;
    let p = AtomicPtr::new(&mut x as *mut u32);
    let old = p.swap(&mut y, Ordering::AcqRel);
    unsafe { println!("ptr old {} new {}", *old, *p.load(Ordering::Acquire)); }
    fence(Ordering::SeqCst);
    fence(Ordering::Acquire);
    fence(Ordering::Release);
    std::sync::atomic::compiler_fence(Ordering::SeqCst);

    let counter = Arc::new(Mutex::new(0u64));
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut handles = Vec::new();
    for t in 0..4u64 {
        let c = Arc::clone(&counter);
        let l = Arc::clone(&log);
        handles.push(thread::spawn(move || {
            for k in 0..1000 { *c.lock().unwrap() += k % 7 + t; GLOBAL.fetch_add(1, Ordering::Relaxed); }
            l.lock().unwrap().push(t * 100);
            t * t
        }));
    }
    let rets: Vec<u64> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let mut lg = log.lock().unwrap().clone();
    lg.sort();
    println!("threads rets {:?} counter {} global {} log {:?}", rets, *counter.lock().unwrap(), GLOBAL.load(Ordering::SeqCst), lg);

    let mut data = vec![1u32; 64];
    let total = AtomicUsize::new(0);
    thread::scope(|s| {
        for (ci, chunk) in data.chunks_mut(16).enumerate() {
            let total = &total;
            s.spawn(move || {
                for (j, v) in chunk.iter_mut().enumerate() { *v = (ci * 16 + j) as u32 * 3; }
                total.fetch_add(chunk.iter().map(|&v| v as usize).sum(), Ordering::Relaxed);
            });
        }
    });
    println!("scoped total {} check {} last {}", total.load(Ordering::SeqCst), data.iter().map(|&v| v as usize).sum::<usize>(), data[63]);

    let (tx, rx) = mpsc::channel::<(u32, String)>();
    for id in 0..3u32 {
        let tx = tx.clone();
        thread::spawn(move || { for k in 0..3 { tx.send((id * 10 + k, format!("w{}-{}", id, k))).unwrap(); } });
    }
    drop(tx);
    let mut got: Vec<(u32, String)> = rx.iter().collect();
    got.sort();
    println!("channel {:?}", got);
    let (stx, srx) = mpsc::sync_channel(0);
    let h = thread::spawn(move || { let mut s = 0; for v in srx { s += v; } s });
    for v in 1..=10 { stx.send(v).unwrap(); }
    drop(stx);
    println!("sync channel sum {}", h.join().unwrap());
    let rw = RwLock::new(vec![1, 2]);
    { let r1 = rw.read().unwrap(); let r2 = rw.read().unwrap(); println!("rw read {} {}", r1.len(), r2[1]); }
    rw.write().unwrap().push(3);
    println!("rw {:?}", *rw.read().unwrap());
    let r = thread::spawn(|| -> Result<u8, String> { Err("boom".into()) }).join().unwrap();
    println!("thread result {:?} name {:?}", r, thread::current().name());
}
