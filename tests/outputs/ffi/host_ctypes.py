"""Loads the cdylib given as the first argument with ctypes and calls what it exports."""
import ctypes
import sys

lib = ctypes.CDLL(sys.argv[1])
i32, u64, size_t = ctypes.c_int32, ctypes.c_uint64, ctypes.c_size_t
lib.outputs_add.argtypes, lib.outputs_add.restype = [i32, i32], i32
lib.outputs_strlen.argtypes, lib.outputs_strlen.restype = [ctypes.c_char_p], size_t
lib.outputs_checked_div.argtypes = [i32, i32, ctypes.POINTER(i32)]
lib.outputs_checked_div.restype = ctypes.c_int
CALLBACK = ctypes.CFUNCTYPE(i32, i32)
lib.outputs_map.argtypes, lib.outputs_map.restype = [ctypes.POINTER(i32), size_t, CALLBACK], None
lib.outputs_describe.argtypes = [ctypes.c_double, ctypes.c_char_p, size_t]
lib.outputs_describe.restype = size_t
lib.outputs_parallel_sum.argtypes, lib.outputs_parallel_sum.restype = [u64], u64

print("version", hex(ctypes.c_uint32.in_dll(lib, "OUTPUTS_VERSION").value))
print("add", lib.outputs_add(-5, 12), lib.outputs_add(-(2**31), -1))
print("strlen", lib.outputs_strlen("ctypes ünïcode".encode()))
q = i32(0)
print("div 9/4", lib.outputs_checked_div(9, 4, ctypes.byref(q)), q.value)
print("div 9/0", lib.outputs_checked_div(9, 0, ctypes.byref(q)), "(panic caught)")
xs = (i32 * 5)(5, 6, 7, -8, 0)
lib.outputs_map(xs, 5, CALLBACK(lambda x: x * x - 1))
print("map", list(xs))
buf = ctypes.create_string_buffer(80)
n = lib.outputs_describe(1e3, buf, 80)
print("describe", n, buf.value.decode())
print("parallel", lib.outputs_parallel_sum(123456))
print("calls", u64.in_dll(lib, "OUTPUTS_CALLS").value)
print("scale", i32.in_dll(lib, "OUTPUTS_SCALE").value)
print("not exported:", hasattr(lib, "outputs_not_exported"))
