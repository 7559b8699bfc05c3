//! The LLVM declaration of an intrinsic, which can differ from the Rust `extern "unadjusted"`
//! declaration that names it (integer masks for `<N x i1>`, `i16` lanes for `bfloat`, vectors
//! for AMX tiles). rustc_codegen_llvm asks LLVM (`Intrinsic::lookup`, `getDeclaration`); so do
//! we: the rustc process is linked with the very LLVM library the toolchain's `llc` uses, and
//! its C API answers by name (`LLVMLookupIntrinsicID`, `LLVMIntrinsicGetType`). The functions
//! are looked up at run time (`dlsym`), so fastclif does not link against LLVM; without them
//! every intrinsic is declared with its Rust types, which LLVM accepts for all but those
//! conversions.

use std::collections::HashMap;
use std::ffi::{CStr, CString, c_char, c_void};
use std::sync::Mutex;

use super::types::LlvmType;

/// An intrinsic's parameter and result types as LLVM declares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LlvmSignature {
    pub ret: LlvmType,
    pub params: Vec<LlvmType>,
}

/// What LLVM says about an intrinsic name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Declared(LlvmSignature),
    /// An overloaded intrinsic (its types are part of the name) or a name LLVM only knows as
    /// a deprecated spelling it upgrades: like rustc, declare it with the Rust types.
    RustTypes,
    /// The C API is not available in this process.
    Unavailable,
}

type Ctx = *mut c_void;
type TypeRef = *mut c_void;

type LookupIntrinsicId = unsafe extern "C" fn(*const c_char, usize) -> u32;
type IntrinsicIsOverloaded = unsafe extern "C" fn(u32) -> i32;
type IntrinsicGetType = unsafe extern "C" fn(Ctx, u32, *mut TypeRef, usize) -> TypeRef;
type TypeToType = unsafe extern "C" fn(TypeRef) -> TypeRef;
type CountParamTypes = unsafe extern "C" fn(TypeRef) -> u32;
type GetParamTypes = unsafe extern "C" fn(TypeRef, *mut TypeRef);
type PrintTypeToString = unsafe extern "C" fn(TypeRef) -> *mut c_char;
type DisposeMessage = unsafe extern "C" fn(*mut c_char);
type ContextCreate = unsafe extern "C" fn() -> Ctx;

#[derive(Clone, Copy)]
struct Api {
    lookup_intrinsic_id: LookupIntrinsicId,
    intrinsic_is_overloaded: IntrinsicIsOverloaded,
    intrinsic_get_type: IntrinsicGetType,
    get_return_type: TypeToType,
    count_param_types: CountParamTypes,
    get_param_types: GetParamTypes,
    print_type_to_string: PrintTypeToString,
    dispose_message: DisposeMessage,
    context_create: ContextCreate,
}

unsafe extern "C" {
    fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
}

/// glibc's `RTLD_DEFAULT`: search the process's global symbols.
const RTLD_DEFAULT: *mut c_void = std::ptr::null_mut();

struct State {
    api: Option<Api>,
    context: Ctx,
    cache: HashMap<String, Lookup>,
}

// The context is only used under the mutex.
unsafe impl Send for State {}

static STATE: Mutex<Option<State>> = Mutex::new(None);

/// Looks `name` up in the process's LLVM (cached; any thread).
pub fn lookup(name: &str) -> Lookup {
    let mut guard = STATE.lock().unwrap_or_else(|e| e.into_inner());
    let state = guard.get_or_insert_with(|| {
        let api = load_api();
        // SAFETY: LLVMContextCreate has no preconditions.
        let context = api.map_or(std::ptr::null_mut(), |api| unsafe { (api.context_create)() });
        State { api, context, cache: HashMap::new() }
    });
    if let Some(found) = state.cache.get(name) {
        return found.clone();
    }
    let found = match state.api {
        // SAFETY: the functions have the C API's signatures and the context lives forever.
        Some(api) => unsafe { query(api, state.context, name) },
        None => Lookup::Unavailable,
    };
    state.cache.insert(name.to_string(), found.clone());
    found
}

fn load_api() -> Option<Api> {
    fn sym(name: &str) -> Option<*mut c_void> {
        let name = CString::new(name).ok()?;
        // SAFETY: dlsym with RTLD_DEFAULT and a valid C string.
        let ptr = unsafe { dlsym(RTLD_DEFAULT, name.as_ptr()) };
        (!ptr.is_null()).then_some(ptr)
    }
    // SAFETY: each symbol is the LLVM C API function of that name, whose C signature the
    // field's type spells out.
    unsafe {
        Some(Api {
            lookup_intrinsic_id: std::mem::transmute::<*mut c_void, LookupIntrinsicId>(sym(
                "LLVMLookupIntrinsicID",
            )?),
            intrinsic_is_overloaded: std::mem::transmute::<*mut c_void, IntrinsicIsOverloaded>(sym(
                "LLVMIntrinsicIsOverloaded",
            )?),
            intrinsic_get_type: std::mem::transmute::<*mut c_void, IntrinsicGetType>(sym(
                "LLVMIntrinsicGetType",
            )?),
            get_return_type: std::mem::transmute::<*mut c_void, TypeToType>(sym("LLVMGetReturnType")?),
            count_param_types: std::mem::transmute::<*mut c_void, CountParamTypes>(sym(
                "LLVMCountParamTypes",
            )?),
            get_param_types: std::mem::transmute::<*mut c_void, GetParamTypes>(sym("LLVMGetParamTypes")?),
            print_type_to_string: std::mem::transmute::<*mut c_void, PrintTypeToString>(sym(
                "LLVMPrintTypeToString",
            )?),
            dispose_message: std::mem::transmute::<*mut c_void, DisposeMessage>(sym("LLVMDisposeMessage")?),
            context_create: std::mem::transmute::<*mut c_void, ContextCreate>(sym("LLVMContextCreate")?),
        })
    }
}

/// # Safety
/// `api` holds the C API's functions and `context` is a live LLVM context.
unsafe fn query(api: Api, context: Ctx, name: &str) -> Lookup {
    unsafe {
        let id = (api.lookup_intrinsic_id)(name.as_ptr().cast(), name.len());
        if id == 0 || (api.intrinsic_is_overloaded)(id) != 0 {
            return Lookup::RustTypes;
        }
        let fn_ty = (api.intrinsic_get_type)(context, id, std::ptr::null_mut(), 0);
        let print = |ty: TypeRef| {
            let text = (api.print_type_to_string)(ty);
            let parsed = LlvmType::parse(&CStr::from_ptr(text).to_string_lossy());
            (api.dispose_message)(text);
            parsed
        };
        let count = (api.count_param_types)(fn_ty) as usize;
        let mut params = vec![std::ptr::null_mut(); count];
        (api.get_param_types)(fn_ty, params.as_mut_ptr());
        let ret = print((api.get_return_type)(fn_ty));
        let params: Option<Vec<LlvmType>> = params.into_iter().map(print).collect();
        match (ret, params) {
            (Some(ret), Some(params)) => Lookup::Declared(LlvmSignature { ret, params }),
            // A type this generator does not model: let LLVM check the Rust types.
            _ => Lookup::RustTypes,
        }
    }
}
