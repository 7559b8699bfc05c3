break scalars::mix
run
info args
finish
next
info locals
print small
print unsigned
print letter
print flag
print double
ptype int
ptype letter
ptype unit
break scalars.rs:13
continue
info args
print x
print y
finish
continue
