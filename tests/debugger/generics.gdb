break generics::largest<i32>
break generics::largest<f64>
break generics::pair<u8, &str>
break generics.rs:40
run
info args
print items
bt 1
finish
continue
info args
finish
continue
info args
finish
step
bt 1
info args
print *self
ptype self
finish
print wrapped
ptype wrapped
continue
