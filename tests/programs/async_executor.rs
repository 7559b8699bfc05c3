// Async: async fn state machines driven by a hand-written block_on with a no-op RawWaker,
// async blocks, nested awaits, std::future::ready, a hand-written Future that yields Pending
// a few times, join of two futures by manual polling, values held across await points.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> (F::Output, u32) {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = Box::pin(fut);
    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return (v, polls); }
    }
}

struct YieldN { left: u32, tag: &'static str }
impl Future for YieldN {
    type Output = String;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        if self.left == 0 { return Poll::Ready(format!("{} done", self.tag)); }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

struct Join<A: Future, B: Future> { a: Pin<Box<A>>, b: Pin<Box<B>>, ra: Option<A::Output>, rb: Option<B::Output> }
impl<A: Future, B: Future> Future for Join<A, B> where A::Output: Unpin, B::Output: Unpin {
    type Output = (A::Output, B::Output);
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if this.ra.is_none() { if let Poll::Ready(v) = this.a.as_mut().poll(cx) { this.ra = Some(v); } }
        if this.rb.is_none() { if let Poll::Ready(v) = this.b.as_mut().poll(cx) { this.rb = Some(v); } }
        if this.ra.is_some() && this.rb.is_some() { Poll::Ready((this.ra.take().unwrap(), this.rb.take().unwrap())) } else { Poll::Pending }
    }
}
fn join<A: Future, B: Future>(a: A, b: B) -> Join<A, B> { Join { a: Box::pin(a), b: Box::pin(b), ra: None, rb: None } }

async fn add_later(a: u64, b: u64) -> u64 {
    let s = YieldN { left: 2, tag: "add" }.await;
    a + b + s.len() as u64
}

async fn fib(n: u32) -> u64 {
    let mut v = vec![0u64, 1];
    for i in 2..=n as usize {
        if i % 10 == 0 { YieldN { left: 1, tag: "fib" }.await; }
        let x = v[i - 1] + v[i - 2];
        v.push(x);
    }
    v[n as usize]
}

async fn nested(depth: u32) -> u32 {
    let mut total = 0;
    for d in 0..depth {
        let big = [d as u8; 64];
        let r = std::future::ready(d * 2).await;
        let y = YieldN { left: d % 3, tag: "n" }.await;
        total += r + big.iter().map(|&b| b as u32).sum::<u32>() / 64 + y.len() as u32;
    }
    total
}

fn boxed_recursive(n: u32) -> Pin<Box<dyn Future<Output = u32>>> {
    Box::pin(async move { if n == 0 { 0 } else { n + boxed_recursive(n - 1).await } })
}

fn main() {
    println!("ready {:?}", block_on(std::future::ready(5)));
    println!("add_later {:?}", block_on(add_later(40, 2)));
    println!("fib {:?}", block_on(fib(60)));
    println!("nested {:?}", block_on(nested(7)));
    let name = String::from("captured");
    let blk = async move {
        let a = add_later(1, 2).await;
        let b = YieldN { left: 3, tag: "blk" }.await;
        format!("{} {} {}", name, a, b)
    };
    println!("block {:?}", block_on(blk));
    println!("join {:?}", block_on(join(YieldN { left: 4, tag: "A" }, async { fib(30).await * 2 })));
    println!("recursive {:?}", block_on(boxed_recursive(10)));
    let futs: Vec<Pin<Box<dyn Future<Output = u64>>>> = vec![Box::pin(add_later(1, 1)), Box::pin(fib(20)), Box::pin(async { 7 })];
    let mut outs = Vec::new();
    for f in futs { outs.push(block_on(f)); }
    println!("dyn futures {:?}", outs);
    let closure_fut = |x: u32| async move { YieldN { left: x, tag: "c" }.await + &x.to_string() };
    println!("async closure-like {:?}", block_on(closure_fut(2)));
    println!("sizes nonzero {}", std::mem::size_of_val(&nested(3)) > 0);
}
