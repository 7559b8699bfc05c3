break fn_ptrs_unions::run
break fn_ptrs_unions.rs:36
run
info args
print *handler
print handler.id
print handler.callback
next
info locals
step
info args
finish
finish
continue
continue
print bits
print handlers
print op
print *ptr
print value
ptype bits
ptype op
ptype handlers
continue
