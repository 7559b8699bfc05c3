//! The allocator shim: `__rust_alloc` and friends, forwarding to std's default allocator
//! (`__rdl_*`) when the crate graph has no `#[global_allocator]`.

use cranelift_codegen::ir::{AbiParam, InstBuilder, Signature};
use cranelift_module::{Linkage, Module};
use cranelift_object::ObjectModule;
use rustc_ast::expand::allocator::{
    AllocatorMethod, AllocatorTy, NO_ALLOC_SHIM_IS_UNSTABLE, default_fn_name, global_fn_name,
};
use rustc_middle::ty::TyCtxt;
use rustc_symbol_mangling::mangle_internal_symbol;

pub fn define_allocator_shim(tcx: TyCtxt<'_>, module: &mut ObjectModule, methods: &[AllocatorMethod]) {
    let usize_ty = module.target_config().pointer_type();
    let call_conv = module.target_config().default_call_conv;
    for method in methods {
        let mut params = Vec::new();
        for input in method.inputs.iter() {
            match input.ty {
                // A `Layout` travels as (size, align).
                AllocatorTy::Layout => params.extend([AbiParam::new(usize_ty), AbiParam::new(usize_ty)]),
                AllocatorTy::Ptr | AllocatorTy::Usize => params.push(AbiParam::new(usize_ty)),
                AllocatorTy::Never | AllocatorTy::ResultPtr | AllocatorTy::Unit => {
                    rustc_middle::bug!("allocator method input of a non-argument kind")
                }
            }
        }
        let returns = match method.output {
            AllocatorTy::ResultPtr => vec![AbiParam::new(usize_ty)],
            AllocatorTy::Never | AllocatorTy::Unit => vec![],
            _ => rustc_middle::bug!("allocator method output of an argument kind"),
        };
        let sig = Signature { params, returns, call_conv };
        super::define_forwarder(
            module,
            sig,
            &mangle_internal_symbol(tcx, &global_fn_name(method.name)),
            Linkage::Export,
            &mangle_internal_symbol(tcx, &default_fn_name(method.name)),
        );
    }
    // std references this marker symbol to make sure an allocator shim was linked in.
    let sig = Signature { params: vec![], returns: vec![], call_conv };
    let marker = module
        .declare_function(&mangle_internal_symbol(tcx, NO_ALLOC_SHIM_IS_UNSTABLE), Linkage::Export, &sig)
        .expect("allocator marker declared twice");
    super::define_with_body(module, marker, sig, |_, bcx, _| {
        bcx.ins().nop();
        vec![]
    });
}
