//! Writing a finished codegen unit to the object file rustc's linker step expects.

use std::fs::File;
use std::io::BufWriter;

use cranelift_object::object::SectionKind;
use rustc_codegen_ssa::{CompiledModule, ModuleKind};

use super::compile::CompiledCgu;
use rustc_data_structures::profiling::SelfProfilerRef;
use rustc_session::config::{OutputFilenames, OutputType};

pub fn write_object(
    outputs: &OutputFilenames,
    prof: &SelfProfilerRef,
    compiled: CompiledCgu,
    name: String,
    kind: ModuleKind,
    want_object: bool,
) -> Result<CompiledModule, String> {
    let CompiledCgu { mut product, asm, listing } = compiled;
    // The helpers LLVM compiles for the unit's other `llvm.*` intrinsics (an object).
    let helpers = {
        let _timer = prof.generic_activity("fastclif: LLVM intrinsic helpers");
        asm.llvm.compile()?
    };
    let assembly = match listing {
        Some(mut listing) => {
            let listing_path = outputs.temp_path_for_cgu(OutputType::Assembly, &name);
            if let Some(helpers) = &helpers {
                listing.push_str("\n# the helpers llc compiled for LLVM intrinsics (AT&T syntax)\n");
                listing.push_str(&helpers.listing());
            }
            std::fs::write(&listing_path, super::listing::finish(listing, asm.text()))
                .map_err(|e| format!("cannot write {}: {e}", listing_path.display()))?;
            Some(listing_path)
        }
        None => None,
    };
    if !want_object {
        return Ok(CompiledModule { assembly, ..empty_module(name, kind) });
    }
    if let Some(helpers) = &helpers {
        crate::llvm_helpers::merge_object(&mut product.object, &helpers.object)?;
    }
    // Record the producer like other compilers do, so tools can tell who built the object.
    let comment = product.object.add_section(Vec::new(), b".comment".to_vec(), SectionKind::OtherString);
    let mut producer = vec![0];
    producer.extend_from_slice(format!("fastclif {}", env!("CARGO_PKG_VERSION")).as_bytes());
    producer.push(0);
    product.object.set_section_data(comment, producer, 1);

    let path = outputs.temp_path_for_cgu(OutputType::Object, &name);
    let file = File::create(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    let mut out = BufWriter::new(file);
    product
        .object
        .write_stream(&mut out)
        .map_err(|e| format!("cannot write object {}: {e}", path.display()))?;
    let file = out.into_inner().map_err(|e| format!("cannot write object {}: {e}", path.display()))?;
    if prof.enabled()
        && let Ok(meta) = file.metadata()
    {
        prof.artifact_size("object_file", name.clone(), meta.len());
    }
    let global_asm_object = asm.assemble(&path)?;
    Ok(CompiledModule { object: Some(path), global_asm_object, assembly, ..empty_module(name, kind) })
}

fn empty_module(name: String, kind: ModuleKind) -> CompiledModule {
    CompiledModule {
        name,
        kind,
        object: None,
        global_asm_object: None,
        dwarf_object: None,
        bytecode: None,
        assembly: None,
        llvm_ir: None,
        links_from_incr_cache: Vec::new(),
    }
}
