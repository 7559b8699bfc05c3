//! Cranelift compiles a handful of functions that exercise what its x64 and
//! aarch64 backends hand the register allocator (calls with clobbers and
//! stack arguments/returns, fixed-register instructions such as division and
//! shifts, loops with block parameters, jump tables, 128-bit arithmetic,
//! floats), with `regalloc_algorithm=single_pass` routed to fastclif's
//! allocator and Cranelift's own `regalloc_checker` switched on.

use cranelift_codegen::Context;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::{F64, I8, I64, I128};
use cranelift_codegen::ir::{AbiParam, Function, InstBuilder, Signature, UserFuncName};
use cranelift_codegen::isa::{self, CallConv, TargetFrontendConfig, TargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use std::sync::Arc;

fn isa_for(triple: &str, algorithm: &str) -> Arc<dyn TargetIsa> {
    let mut b = settings::builder();
    b.set("opt_level", "none").unwrap();
    b.set("regalloc_algorithm", algorithm).unwrap();
    b.set("regalloc_checker", "true").unwrap();
    b.set("enable_verifier", "true").unwrap();
    let flags = settings::Flags::new(b);
    isa::lookup_by_name(triple).unwrap().finish(flags).unwrap()
}

fn sig(params: &[cranelift_codegen::ir::Type], rets: &[cranelift_codegen::ir::Type]) -> Signature {
    let mut s = Signature::new(CallConv::SystemV);
    s.params.extend(params.iter().map(|&t| AbiParam::new(t)));
    s.returns.extend(rets.iter().map(|&t| AbiParam::new(t)));
    s
}

/// A loop carrying several values, with a call, division, shifts, selects
/// and float work inside.
fn loopy(fctx: &mut FunctionBuilderContext, cfg: TargetFrontendConfig, cc: CallConv) -> Function {
    let mut s = sig(&[I64, I64, F64, I64], &[I64, F64]);
    s.call_conv = cc;
    let mut func = Function::with_name_signature(UserFuncName::testcase("loopy"), s);
    let mut b = FunctionBuilder::new(&mut func, fctx);
    // The `tail` convention allows returns beyond the return registers
    // (they come back on the stack, as `any` defs of the call).
    let mut csig = sig(&[I64, I64, F64, I64, I64, I64, I64, I64, I64], &[I64, I64, I64, I64, I64, I64, F64]);
    csig.call_conv = CallConv::Tail;
    let callee_sig = b.import_signature(csig);
    let entry = b.create_block();
    let head = b.create_block();
    let body = b.create_block();
    let exit = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    let (n, a, x, fp) = {
        let p = b.block_params(entry);
        (p[0], p[1], p[2], p[3])
    };
    let zero = b.ins().iconst(I64, 0);
    for t in [I64, I64, F64, I64] {
        b.append_block_param(head, t);
    }
    b.ins().jump(head, &[zero.into(), a.into(), x.into(), n.into()]);

    b.switch_to_block(head);
    let (i, acc, fx, left) = {
        let p = b.block_params(head);
        (p[0], p[1], p[2], p[3])
    };
    let done = b.ins().icmp(IntCC::SignedGreaterThanOrEqual, i, n);
    b.ins().brif(done, exit, &[], body, &[]);

    b.switch_to_block(body);
    let one = b.ins().iconst(I64, 1);
    let seven = b.ins().iconst(I64, 7);
    let d = b.ins().iadd(i, seven);
    let q = b.ins().udiv(acc, d);
    let r = b.ins().srem(acc, d);
    let sh = b.ins().ishl(q, i);
    let sr = b.ins().sshr(r, i);
    let m = b.ins().imul(sh, sr);
    let c = b.ins().icmp(IntCC::UnsignedLessThan, m, acc);
    let sel = b.ins().select(c, m, acc);
    let fi = b.ins().fcvt_from_sint(F64, i);
    let fx2 = b.ins().fmul(fx, fi);
    let rets = {
        let call = b.ins().call_indirect(callee_sig, fp, &[sel, q, fx2, r, sh, sr, m, left, i]);
        b.inst_results(call).to_vec()
    };
    let mut sum = rets[0];
    for &v in &rets[1..6] {
        sum = b.ins().iadd(sum, v);
    }
    // Keep pre-call values live across the call.
    let sum = b.ins().iadd(sum, q);
    let sum = b.ins().iadd(sum, r);
    let sum = b.ins().bxor(sum, m);
    let fx3 = b.ins().fadd(fx2, rets[6]);
    let i2 = b.ins().iadd(i, one);
    let left2 = b.ins().isub(left, one);
    // Pass values around in a rotated order.
    b.ins().jump(head, &[i2.into(), sum.into(), fx3.into(), left2.into()]);

    b.switch_to_block(exit);
    b.ins().return_(&[acc, fx]);
    b.seal_all_blocks();
    b.finalize(cfg);
    func
}

/// Forty values live at once, summed after a call.
fn pressure(fctx: &mut FunctionBuilderContext, cfg: TargetFrontendConfig) -> Function {
    let mut func =
        Function::with_name_signature(UserFuncName::testcase("pressure"), sig(&[I64, I64], &[I64]));
    let mut b = FunctionBuilder::new(&mut func, fctx);
    let callee_sig = b.import_signature(sig(&[I64], &[I64]));
    let e = b.create_block();
    b.append_block_params_for_function_params(e);
    b.switch_to_block(e);
    let (x, fp) = (b.block_params(e)[0], b.block_params(e)[1]);
    let mut vals = vec![x];
    for k in 0..40 {
        let c = b.ins().iconst(I64, k * 3 + 1);
        let prev = vals[vals.len() - 1];
        let v = b.ins().imul(prev, c);
        vals.push(v);
    }
    let call = b.ins().call_indirect(callee_sig, fp, &[vals[20]]);
    let mut acc = b.inst_results(call)[0];
    for &v in vals.iter().rev() {
        acc = b.ins().iadd(acc, v);
    }
    b.ins().return_(&[acc]);
    b.seal_all_blocks();
    b.finalize(cfg);
    func
}

/// A jump table, 128-bit multiply and shifts, and many stack arguments.
fn switchy(fctx: &mut FunctionBuilderContext, cfg: TargetFrontendConfig) -> Function {
    let params: Vec<_> = (0..12).map(|_| I64).chain((0..10).map(|_| F64)).collect();
    let mut func =
        Function::with_name_signature(UserFuncName::testcase("switchy"), sig(&params, &[I64, I64, F64]));
    let mut b = FunctionBuilder::new(&mut func, fctx);
    let e = b.create_block();
    b.append_block_params_for_function_params(e);
    let join = b.create_block();
    b.append_block_param(join, I64);
    let cases: Vec<_> = (0..5).map(|_| b.create_block()).collect();
    let default = b.create_block();
    b.switch_to_block(e);
    let ps = b.block_params(e).to_vec();
    let idx = b.ins().urem(ps[0], ps[1]);
    let idx32 = b.ins().ireduce(cranelift_codegen::ir::types::I32, idx);
    let mut jt_data = vec![];
    for &c in &cases {
        jt_data.push(b.func.dfg.block_call(c, &[]));
    }
    let def_call = b.func.dfg.block_call(default, &[]);
    let jt = b.create_jump_table(cranelift_codegen::ir::JumpTableData::new(def_call, &jt_data));
    b.ins().br_table(idx32, jt);
    for (k, &c) in cases.iter().enumerate() {
        b.switch_to_block(c);
        let wide_a = b.ins().uextend(I128, ps[k + 2]);
        let wide_b = b.ins().sextend(I128, ps[11 - k]);
        let w = b.ins().imul(wide_a, wide_b);
        let amt = b.ins().ireduce(I8, ps[k]);
        let w = b.ins().rotl(w, amt);
        let lo = b.ins().ireduce(I64, w);
        let mixed = b.ins().iadd(lo, ps[k + 6]);
        b.ins().jump(join, &[mixed.into()]);
    }
    b.switch_to_block(default);
    b.ins().jump(join, &[ps[11].into()]);
    b.switch_to_block(join);
    let v = b.block_params(join)[0];
    let mut f = ps[12];
    for &p in &ps[13..] {
        f = b.ins().fadd(f, p);
    }
    let s = b.ins().sdiv(v, ps[3]);
    b.ins().return_(&[v, s, f]);
    b.seal_all_blocks();
    b.finalize(cfg);
    func
}

/// Calls with exception edges (`try_call`): the terminator defines the
/// callee's results (normal edge) and the exception payload (handler edge).
/// Two calls share one handler (so those edges are split), the `tail`
/// callee returns values on the stack (`any` defs of the terminator), and
/// values stay live across the calls into both the normal and the handler
/// paths.
fn landing(fctx: &mut FunctionBuilderContext, cfg: TargetFrontendConfig, cc: CallConv) -> Function {
    use cranelift_codegen::ir::{BlockArg, ExceptionTableData, ExceptionTableItem, ExceptionTag};
    let s = sig(&[I64, I64, F64, I64], &[I64, F64]);
    let mut func = Function::with_name_signature(UserFuncName::testcase("landing"), s);
    let mut b = FunctionBuilder::new(&mut func, fctx);
    let mut csig = sig(&[I64, I64, F64], &[I64, I64, I64, I64, I64, I64, F64]);
    csig.call_conv = cc;
    if cc == CallConv::SystemV {
        csig.returns.truncate(2);
        csig.returns.push(AbiParam::new(F64));
    }
    let nrets = csig.returns.len();
    let callee_sig = b.import_signature(csig.clone());
    let entry = b.create_block();
    let second = b.create_block();
    let normal = b.create_block();
    let handler = b.create_block();
    let done = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    let (n, a, x, fp) = {
        let p = b.block_params(entry);
        (p[0], p[1], p[2], p[3])
    };
    let k = b.ins().imul(n, a);
    let tag = ExceptionTag::with_number(0).unwrap();
    let try_call = |b: &mut FunctionBuilder, args: &[cranelift_codegen::ir::Value], cont| {
        let rets: Vec<BlockArg> = (0..nrets as u32).map(BlockArg::TryCallRet).collect();
        let normal_call = b.func.dfg.block_call(cont, &rets);
        let exn = b.func.dfg.block_call(handler, &[BlockArg::TryCallExn(0)]);
        let table = ExceptionTableData::new(callee_sig, normal_call, [ExceptionTableItem::Tag(tag, exn)]);
        let table = b.func.dfg.exception_tables.push(table);
        b.ins().try_call_indirect(fp, args, table);
    };
    for t in &csig.returns {
        b.append_block_param(second, t.value_type);
        b.append_block_param(normal, t.value_type);
    }
    b.append_block_param(handler, I64);
    try_call(&mut b, &[n, k, x], second);

    b.switch_to_block(second);
    let r0: Vec<_> = b.block_params(second).to_vec();
    let m = b.ins().iadd(r0[0], k);
    try_call(&mut b, &[m, r0[1], x], normal);

    b.switch_to_block(normal);
    let r: Vec<_> = b.block_params(normal).to_vec();
    let mut acc = b.ins().iadd(r[0], m);
    for &v in &r[1..nrets - 1] {
        acc = b.ins().isub(acc, v);
    }
    acc = b.ins().iadd(acc, a);
    let f = b.ins().fadd(r[nrets - 1], x);
    b.ins().jump(done, &[acc.into(), f.into()]);

    b.switch_to_block(handler);
    let e = b.block_params(handler)[0];
    let h = b.ins().iadd(e, k);
    let h = b.ins().iadd(h, n);
    b.ins().jump(done, &[h.into(), x.into()]);

    b.append_block_param(done, I64);
    b.append_block_param(done, F64);
    b.switch_to_block(done);
    let (ra, rf) = (b.block_params(done)[0], b.block_params(done)[1]);
    b.ins().return_(&[ra, rf]);
    b.seal_all_blocks();
    b.finalize(cfg);
    func
}

fn compile_all(triple: &str, algorithm: &str) {
    let isa = isa_for(triple, algorithm);
    let cfg = isa.frontend_config();
    let mut fctx = FunctionBuilderContext::new();
    let funcs = vec![
        loopy(&mut fctx, cfg, CallConv::SystemV),
        loopy(&mut fctx, cfg, CallConv::Tail),
        pressure(&mut fctx, cfg),
        switchy(&mut fctx, cfg),
        landing(&mut fctx, cfg, CallConv::SystemV),
        landing(&mut fctx, cfg, CallConv::Tail),
    ];
    for func in funcs {
        let name = func.name.to_string();
        let mut ctx = Context::for_function(func);
        let code = ctx
            .compile(&*isa, &mut ControlPlane::default())
            .unwrap_or_else(|e| panic!("{triple}/{algorithm}: {name}: {:?}", e.inner));
        assert!(!code.code_buffer().is_empty());
    }
}

#[test]
fn x86_64_single_pass_is_fastclif_and_checks() {
    assert_eq!(regalloc2::single_pass_engine(), regalloc2::SinglePassEngine::Fastclif);
    compile_all("x86_64-unknown-linux-gnu", "single_pass");
}

#[test]
fn aarch64_single_pass_is_fastclif_and_checks() {
    compile_all("aarch64-unknown-linux-gnu", "single_pass");
}

#[test]
fn backtracking_still_routes_to_ion() {
    compile_all("x86_64-unknown-linux-gnu", "backtracking");
}
