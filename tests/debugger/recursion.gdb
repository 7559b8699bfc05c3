break recursion.rs:10
run
bt 7
info args
info locals
up
info args
info locals
frame 3
info args
frame 0
finish
finish
continue
