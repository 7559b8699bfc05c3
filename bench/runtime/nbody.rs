//! Run-time kernel: the n-body simulation (5 bodies) for 1M steps; prints the energy.
const PI: f64 = std::f64::consts::PI;
const SOLAR_MASS: f64 = 4.0 * PI * PI;
const DAYS_PER_YEAR: f64 = 365.24;

#[derive(Clone, Copy)]
struct Body {
    pos: [f64; 3],
    vel: [f64; 3],
    mass: f64,
}

fn bodies() -> [Body; 5] {
    let b = |pos: [f64; 3], vel: [f64; 3], mass: f64| Body {
        pos,
        vel: [vel[0] * DAYS_PER_YEAR, vel[1] * DAYS_PER_YEAR, vel[2] * DAYS_PER_YEAR],
        mass: mass * SOLAR_MASS,
    };
    [
        b([0.0; 3], [0.0; 3], 1.0),
        b([4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01],
          [1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05],
          9.54791938424326609e-04),
        b([8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01],
          [-2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05],
          2.85885980666130812e-04),
        b([1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01],
          [2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05],
          4.36624404335156298e-05),
        b([1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01],
          [2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05],
          5.15138902046611451e-05),
    ]
}

fn advance(bodies: &mut [Body; 5], dt: f64) {
    for i in 0..bodies.len() {
        for j in i + 1..bodies.len() {
            let mut d = [0.0; 3];
            for k in 0..3 {
                d[k] = bodies[i].pos[k] - bodies[j].pos[k];
            }
            let d2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
            let mag = dt / (d2 * d2.sqrt());
            let (mi, mj) = (bodies[i].mass, bodies[j].mass);
            for k in 0..3 {
                bodies[i].vel[k] -= d[k] * mj * mag;
                bodies[j].vel[k] += d[k] * mi * mag;
            }
        }
    }
    for b in bodies.iter_mut() {
        for k in 0..3 {
            b.pos[k] += dt * b.vel[k];
        }
    }
}

fn energy(bodies: &[Body; 5]) -> f64 {
    let mut e = 0.0;
    for (i, b) in bodies.iter().enumerate() {
        e += 0.5 * b.mass * b.vel.iter().map(|v| v * v).sum::<f64>();
        for c in &bodies[i + 1..] {
            let d2: f64 = (0..3).map(|k| (b.pos[k] - c.pos[k]).powi(2)).sum();
            e -= b.mass * c.mass / d2.sqrt();
        }
    }
    e
}

fn main() {
    let mut bs = bodies();
    let mut p = [0.0; 3];
    for b in &bs {
        for k in 0..3 {
            p[k] += b.vel[k] * b.mass;
        }
    }
    for k in 0..3 {
        bs[0].vel[k] = -p[k] / SOLAR_MASS;
    }
    println!("{:.9}", energy(&bs));
    for _ in 0..1_000_000 {
        advance(&mut bs, 0.01);
    }
    println!("{:.9}", energy(&bs));
}
