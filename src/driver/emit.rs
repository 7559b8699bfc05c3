//! Writing a finished codegen unit to the object file rustc's linker step expects.

use std::fs::File;
use std::io::BufWriter;

use cranelift_object::ObjectProduct;
use cranelift_object::object::SectionKind;
use rustc_codegen_ssa::{CompiledModule, ModuleKind};

use crate::asm_object::AsmText;
use rustc_data_structures::profiling::SelfProfilerRef;
use rustc_session::config::{OutputFilenames, OutputType};

pub fn write_object(
    outputs: &OutputFilenames,
    prof: &SelfProfilerRef,
    mut product: ObjectProduct,
    asm: &AsmText,
    name: String,
    kind: ModuleKind,
) -> Result<CompiledModule, String> {
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
    Ok(CompiledModule {
        name,
        kind,
        object: Some(path),
        global_asm_object,
        dwarf_object: None,
        bytecode: None,
        assembly: None,
        llvm_ir: None,
        links_from_incr_cache: Vec::new(),
    })
}
