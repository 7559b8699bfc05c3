break shadowing.rs:8
break shadowing.rs:12
break shadowing.rs:14
break shadowing.rs:17
break shadowing.rs:20
run
info locals
print x
continue
info locals
print x
continue
info locals
print x
continue
info locals
print x
continue
info locals
print x
print i
continue
print x
continue
