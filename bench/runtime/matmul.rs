//! Run-time kernel: f64 matrix products (300×300, row-major `Vec<f64>`), the naive i-j-k
//! loop with bounds-checked indexing and a transposed i-k-j variant; prints a checksum.

struct Matrix {
    n: usize,
    data: Vec<f64>,
}

impl Matrix {
    fn new(n: usize, seed: u64) -> Matrix {
        let mut x = seed;
        let data = (0..n * n)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((x >> 33) as f64) / (1u64 << 31) as f64 - 0.5
            })
            .collect();
        Matrix { n, data }
    }

    fn get(&self, i: usize, j: usize) -> f64 {
        self.data[i * self.n + j]
    }

    fn mul(&self, other: &Matrix) -> Matrix {
        let n = self.n;
        let mut out = Matrix { n, data: vec![0.0; n * n] };
        for i in 0..n {
            for j in 0..n {
                let mut acc = 0.0;
                for k in 0..n {
                    acc += self.get(i, k) * other.get(k, j);
                }
                out.data[i * n + j] = acc;
            }
        }
        out
    }

    fn mul_ikj(&self, other: &Matrix) -> Matrix {
        let n = self.n;
        let mut out = vec![0.0; n * n];
        for i in 0..n {
            let row = &mut out[i * n..(i + 1) * n];
            for k in 0..n {
                let a = self.data[i * n + k];
                let b = &other.data[k * n..(k + 1) * n];
                for j in 0..n {
                    row[j] += a * b[j];
                }
            }
        }
        Matrix { n, data: out }
    }

    fn trace_and_norm(&self) -> (f64, f64) {
        let trace = (0..self.n).map(|i| self.get(i, i)).sum();
        let norm = self.data.iter().map(|v| v * v).sum::<f64>().sqrt();
        (trace, norm)
    }
}

fn main() {
    let a = Matrix::new(300, 1);
    let b = Matrix::new(300, 2);
    let c = a.mul(&b);
    let d = c.mul_ikj(&a);
    let e = b.mul(&d);
    let f = e.mul_ikj(&c);
    let mut sum = 0.0;
    for m in [&c, &d, &e, &f] {
        let (t, n) = m.trace_and_norm();
        sum += t + n;
    }
    println!("checksum: {sum:.6e}");
}
