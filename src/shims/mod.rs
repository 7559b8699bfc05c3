//! Functions fastclif synthesizes itself rather than translating from MIR.

pub mod allocator;
pub mod entry;

use cranelift_codegen::Context;
use cranelift_codegen::ir::{Function, InstBuilder, Signature, UserFuncName, Value};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{FuncId, Linkage, Module};
use cranelift_object::ObjectModule;

/// Defines `name` as a function that forwards all its arguments to `target` and returns
/// what `target` returns.
pub fn define_forwarder(
    module: &mut ObjectModule,
    sig: Signature,
    name: &str,
    linkage: Linkage,
    target: &str,
) {
    let outer = module.declare_function(name, linkage, &sig).expect("forwarder declared twice");
    let inner = module.declare_function(target, Linkage::Import, &sig).expect("forward target clash");
    define_with_body(module, outer, sig, |module, bcx, params| {
        let callee = module.declare_func_in_func(inner, bcx.func);
        let call = bcx.ins().call(callee, params);
        bcx.inst_results(call).to_vec()
    });
}

/// Builds and compiles a single-block function: `body` receives the parameters and returns the
/// results.
pub fn define_with_body(
    module: &mut ObjectModule,
    id: FuncId,
    sig: Signature,
    body: impl FnOnce(&mut ObjectModule, &mut FunctionBuilder<'_>, &[Value]) -> Vec<Value>,
) {
    let mut ctx = Context::for_function(build_with_body(module, id, sig, body));
    module.define_function(id, &mut ctx).expect("Cranelift rejected a synthesized shim");
}

/// Builds a single-block function as [`define_with_body`] does, leaving the compilation to the
/// caller (a unit's functions are compiled on a worker, with unwind info and the `--emit=asm`
/// listing).
pub fn build_with_body(
    module: &mut ObjectModule,
    id: FuncId,
    sig: Signature,
    body: impl FnOnce(&mut ObjectModule, &mut FunctionBuilder<'_>, &[Value]) -> Vec<Value>,
) -> Function {
    let mut func = Function::with_name_signature(UserFuncName::user(0, id.as_u32()), sig);
    let mut builder_cx = FunctionBuilderContext::new();
    {
        let mut bcx = FunctionBuilder::new(&mut func, &mut builder_cx);
        let block = bcx.create_block();
        bcx.append_block_params_for_function_params(block);
        bcx.switch_to_block(block);
        let params = bcx.block_params(block).to_vec();
        let results = body(module, &mut bcx, &params);
        bcx.ins().return_(&results);
        bcx.seal_all_blocks();
        bcx.finalize(module.target_config());
    }
    func
}
