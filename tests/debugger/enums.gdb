break enums.rs:55
break enums::area
run
info args
print *shape
finish
continue
print *shape
continue
print *shape
continue
info locals
print color
print blue
print circle
print rect
print empty
print tree
print first
print second
print third
ptype color
ptype circle
ptype first
continue
