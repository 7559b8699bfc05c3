break std_types::consume
run
print *names
print names.len
finish
next
print string
print vec
print boxed
print *boxed
print boxed_str
print rc
print arc
print cell
print refcell
print map
continue
