break closures.rs:13
break closures.rs:18
break closures.rs:23
run
bt 2
info args
info locals
print by
print counter
continue
bt 2
info args
info locals
print x
next
info locals
print shifted
continue
bt 2
info args
info locals
print suffix
continue
