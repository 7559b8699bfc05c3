//! The C `main` symbol: calls std's `lang_start` with the user's `main`.

use cranelift_codegen::ir::{AbiParam, InstBuilder, Signature, types};
use cranelift_module::{Linkage, Module};
use cranelift_object::ObjectModule;
use rustc_hir::LangItem;
use rustc_middle::ty::{self, Instance, TyCtxt, Unnormalized};
use rustc_session::config::EntryFnType;
use rustc_span::DUMMY_SP;

use crate::error::CgResult;
use crate::mir::TranslatedFn;

/// Declares the C `main` in the unit that needs it and returns its body, which the unit compiles
/// like its other functions (so that it gets unwind info and is in the `--emit=asm` listing).
pub fn translate_entry_if_needed(
    tcx: TyCtxt<'_>,
    module: &mut ObjectModule,
    is_primary_cgu: bool,
) -> CgResult<Option<TranslatedFn>> {
    let Some((main_def_id, EntryFnType::Main { sigpipe })) = tcx.entry_fn(()) else { return Ok(None) };
    // The entry goes where the user's `main` is defined, or in the primary CGU if it is
    // defined elsewhere (re-exported from another crate).
    if main_def_id.is_local() {
        let main_symbol = tcx.symbol_name(Instance::mono(tcx, main_def_id)).name;
        if module.get_name(main_symbol).is_none() {
            return Ok(None);
        }
    } else if !is_primary_cgu {
        return Ok(None);
    }

    let ptr = module.target_config().pointer_type();
    let c_main_sig = Signature {
        params: vec![AbiParam::new(ptr), AbiParam::new(ptr)],
        returns: vec![AbiParam::new(ptr)],
        call_conv: module.target_config().default_call_conv,
    };
    let entry_name = tcx.sess.target.options.entry_name.as_ref();
    let c_main = match module.declare_function(entry_name, Linkage::Export, &c_main_sig) {
        Ok(id) => id,
        Err(err) => tcx.dcx().fatal(format!("entry symbol `{entry_name}` declared twice: {err}")),
    };

    let main_ret_ty = tcx.fn_sig(main_def_id).no_bound_vars().unwrap().output();
    let main_ret_ty = tcx.normalize_erasing_regions(
        ty::TypingEnv::fully_monomorphized(),
        Unnormalized::new_wip(main_ret_ty.no_bound_vars().unwrap()),
    );
    let rust_main = Instance::mono(tcx, main_def_id);
    let rust_main_id = crate::symbols::import_instance(tcx, module, rust_main)?;
    let start = Instance::expect_resolve(
        tcx,
        ty::TypingEnv::fully_monomorphized(),
        tcx.require_lang_item(LangItem::Start, DUMMY_SP),
        tcx.mk_args(&[main_ret_ty.into()]),
        DUMMY_SP,
    );
    let start_id = crate::symbols::import_instance(tcx, module, start)?;

    let clif = super::build_with_body(module, c_main, c_main_sig, |module, bcx, params| {
        let main_ref = module.declare_func_in_func(rust_main_id, bcx.func);
        let main_addr = bcx.ins().func_addr(ptr, main_ref);
        let sigpipe = bcx.ins().iconst(types::I8, i64::from(sigpipe));
        let start_ref = module.declare_func_in_func(start_id, bcx.func);
        let call = bcx.ins().call(start_ref, &[main_addr, params[0], params[1], sigpipe]);
        vec![bcx.inst_results(call)[0]]
    });
    Ok(Some(TranslatedFn {
        id: c_main,
        symbol: entry_name.to_string(),
        clif: Box::new(clif),
        debug: None,
        inline: crate::mir::InlineHint::Never,
    }))
}
