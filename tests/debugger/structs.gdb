break structs::length
run
info args
print *line
print line.from
print line.to.y
print line.width
print line.label
ptype line
finish
next
info locals
print pair
print triple
print triple.2
print marker
ptype pair
ptype structs::Point
ptype structs::Meters
continue
