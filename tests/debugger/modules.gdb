break modules::shapes::round::unit
break modules::shapes::round::Circle::area
run
bt 2
finish
continue
info args
print *self
print self.radius
bt 2
next
info locals
finish
delete
break modules.rs:38
continue
step
bt 2
finish
continue
