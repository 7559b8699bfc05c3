break option_result::first_even
break option_result::parse
break option_result.rs:31
run
info args
up
info locals
down
continue
info args
continue
info args
continue
info args
continue
info locals
print some
print none
print some_ref
print nested
print ok
print err
print even
print missing
print unit_ok
ptype some
ptype ok
continue
