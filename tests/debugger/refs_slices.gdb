break refs_slices::total
run
info args
print values
print *scale
print values[1]
finish
next
info locals
print *reference
print **double_ref
print *raw
print array
print slice
print text
print sub
print empty
print matrix
print scale
ptype slice
ptype text
ptype array
ptype raw
continue
