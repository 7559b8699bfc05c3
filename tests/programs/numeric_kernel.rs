// Numeric kernels on f64: matrix multiply, LU-free Gaussian elimination, a small n-body
// simulation with leapfrog integration, and a Mandelbrot ASCII render; fixed-precision output.
#[derive(Clone, Copy)]
struct Body { p: [f64; 3], v: [f64; 3], m: f64 }

fn matmul(a: &[Vec<f64>], b: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let n = a.len(); let k = b.len(); let m = b[0].len();
    let mut c = vec![vec![0.0; m]; n];
    for i in 0..n { for j in 0..m { let mut s = 0.0; for t in 0..k { s += a[i][t] * b[t][j]; } c[i][j] = s; } }
    c
}

fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let piv = (col..n).max_by(|&x, &y| a[x][col].abs().partial_cmp(&a[y][col].abs()).unwrap()).unwrap();
        a.swap(col, piv); b.swap(col, piv);
        for r in col + 1..n {
            let f = a[r][col] / a[col][col];
            for c in col..n { a[r][c] -= f * a[col][c]; }
            b[r] -= f * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() { let s: f64 = (r + 1..n).map(|c| a[r][c] * x[c]).sum(); x[r] = (b[r] - s) / a[r][r]; }
    x
}

fn energy(bodies: &[Body]) -> f64 {
    let mut e = 0.0;
    for (i, b) in bodies.iter().enumerate() {
        e += 0.5 * b.m * b.v.iter().map(|v| v * v).sum::<f64>();
        for o in &bodies[i + 1..] { let d: f64 = (0..3).map(|k| (b.p[k] - o.p[k]).powi(2)).sum::<f64>().sqrt(); e -= b.m * o.m / d; }
    }
    e
}

fn step(bodies: &mut [Body], dt: f64) {
    let n = bodies.len();
    for i in 0..n {
        for j in i + 1..n {
            let mut d = [0.0; 3];
            for k in 0..3 { d[k] = bodies[i].p[k] - bodies[j].p[k]; }
            let d2: f64 = d.iter().map(|x| x * x).sum();
            let mag = dt / (d2 * d2.sqrt());
            let (mi, mj) = (bodies[i].m, bodies[j].m);
            for k in 0..3 { bodies[i].v[k] -= d[k] * mj * mag; bodies[j].v[k] += d[k] * mi * mag; }
        }
    }
    for b in bodies.iter_mut() { for k in 0..3 { b.p[k] += dt * b.v[k]; } }
}

fn main() {
    let n = 6;
    let a: Vec<Vec<f64>> = (0..n).map(|i| (0..n).map(|j| ((i * 7 + j * 3) % 11) as f64 / 3.0 - 1.0).collect()).collect();
    let b: Vec<Vec<f64>> = (0..n).map(|i| (0..n).map(|j| if i == j { 2.0 } else { 1.0 / (1.0 + (i + j) as f64) }).collect()).collect();
    let c = matmul(&a, &b);
    for row in &c { println!("{}", row.iter().map(|x| format!("{:9.4}", x)).collect::<Vec<_>>().join(" ")); }
    let trace: f64 = (0..n).map(|i| c[i][i]).sum();
    println!("trace {:.6}", trace);
    let rhs: Vec<f64> = (0..n).map(|i| i as f64 + 1.0).collect();
    let x = solve(b.clone(), rhs.clone());
    println!("solution {}", x.iter().map(|v| format!("{:.6}", v)).collect::<Vec<_>>().join(", "));
    let resid: f64 = (0..n).map(|i| ((0..n).map(|j| b[i][j] * x[j]).sum::<f64>() - rhs[i]).abs()).fold(0.0, f64::max);
    println!("residual small {}", resid < 1e-9);
    let mut bodies = vec![
        Body { p: [0.0, 0.0, 0.0], v: [0.0, 0.0, 0.0], m: 39.47 },
        Body { p: [4.84, -1.16, -0.10], v: [0.606, 2.81, -0.02], m: 0.037 },
        Body { p: [8.34, 4.12, -0.40], v: [-1.01, 1.82, 0.008], m: 0.011 },
        Body { p: [12.89, -15.11, -0.22], v: [1.08, 0.868, -0.01], m: 0.0017 },
        Body { p: [15.37, -25.91, 0.17], v: [0.979, 0.594, -0.034], m: 0.002 },
    ];
    let e0 = energy(&bodies);
    println!("energy before {:.9}", e0);
    for s in 0..1000 { step(&mut bodies, 0.01); if s % 250 == 249 { println!("step {} energy {:.9}", s + 1, energy(&bodies)); } }
    for b in &bodies { println!("body p=({:.5}, {:.5}, {:.5})", b.p[0], b.p[1], b.p[2]); }
    for row in 0..12 {
        let line: String = (0..40).map(|col| {
            let (cr, ci) = (-2.2 + col as f64 * 0.07, -1.2 + row as f64 * 0.2);
            let (mut zr, mut zi, mut it) = (0.0f64, 0.0f64, 0);
            while it < 50 && zr * zr + zi * zi < 4.0 { let t = zr * zr - zi * zi + cr; zi = 2.0 * zr * zi + ci; zr = t; it += 1; }
            b" .:-=+*#%@"[(it * 9 / 50) as usize] as char
        }).collect();
        println!("|{}|", line);
    }
    let mut pi = 0.0f64;
    for k in 0..100000 { pi += if k % 2 == 0 { 4.0 } else { -4.0 } / (2 * k + 1) as f64; }
    println!("leibniz pi {:.8}", pi);
}
