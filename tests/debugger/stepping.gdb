break stepping::main
run
next
info locals
step
info args
step
bt 3
info args
next
finish
next
info locals
finish
next
step
until
until
info locals
up
info locals
down
next
next
info locals
advance 29
info locals
continue
