break trait_objects::describe
break trait_objects.rs:21
run
info args
print animal
print *animal
ptype animal
continue
info locals
print *self
print self.age
bt 3
up
info locals
down
continue
info args
print *animal
next
next
info locals
continue
