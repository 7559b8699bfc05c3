// main returning std::process::ExitCode built from a computed u8 (7), and Termination via
// a custom type converted to ExitCode.
use std::process::ExitCode;

fn checksum(data: &[u8]) -> u8 { data.iter().fold(0u8, |a, &b| a.wrapping_mul(31).wrapping_add(b)) }

fn main() -> ExitCode {
    let data = b"fastclif exit code";
    let c = checksum(data);
    println!("checksum {}", c);
    println!("success is {:?}, failure is {:?}", ExitCode::SUCCESS, ExitCode::FAILURE);
    let code = std::hint::black_box(c as u32 % 1 + 7) as u8;
    println!("returning {}", code);
    if code == 0 { return ExitCode::SUCCESS; }
    ExitCode::from(code)
}
